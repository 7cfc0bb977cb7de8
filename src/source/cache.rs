//! What each file told last time, kept between runs: a pre-commit hook that checks three
//! changed files in a large crate parses those three, not the crate.
//!
//! The cache holds, per file, the SHA-256 of its text, its facts and its `macro_rules!`
//! definitions. A file is read again only when its text changed; every file's facts are
//! discarded when the crate's macros changed (a file's facts may use a macro of another file),
//! and the whole cache when it was written by another build of routelint (its version, and the
//! size and time of its executable: a new build of the same version may extract differently). So a run with the
//! cache says exactly what a run without it says. A cache that cannot be read is ignored and
//! rewritten; one that cannot be written only costs the next run its speed.
//!
//! It lives in `.routelint_cache/` (or `ROUTELINT_CACHE_DIR`), with a `.gitignore` of `*`, as
//! ruff and pytest keep theirs.

use super::facts::FileFacts;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The directory name, in the current directory, unless `ROUTELINT_CACHE_DIR` says otherwise.
pub const DIR_NAME: &str = ".routelint_cache";
/// v2: each file's entry encoded on its own, so that entries are decoded on every core.
const FILE_NAME: &str = "facts-v2.bin";
/// Written by earlier builds; removed when the cache is written.
const OLD_FILE_NAMES: &[&str] = &["facts-v1.bin"];

/// Macro definitions of one file: name → body (`None`: defined twice, differently).
pub(super) type MacroDefinitions = Vec<(String, Option<String>)>;

pub(super) type Hash = [u8; 32];

pub(super) fn hash(text: &str) -> Hash {
    Sha256::digest(text.as_bytes()).into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    pub(super) hash: Hash,
    pub(super) macros: MacroDefinitions,
    pub(super) facts: FileFacts,
}

#[derive(Deserialize)]
struct Stored<'b> {
    /// routelint's build (see `build_id`): facts are only as good as the extractor that made them.
    version: String,
    /// The crate's macros the facts were made with.
    macros: Hash,
    /// By file, as reports show it: its [`Entry`], encoded.
    #[serde(borrow)]
    entries: Vec<(String, &'b [u8])>,
}

/// [`Stored`] as written, from the run's results.
#[derive(Serialize)]
struct StoredRef<'a> {
    version: &'a str,
    macros: Hash,
    entries: Vec<(&'a str, Vec<u8>)>,
}

#[derive(Serialize)]
pub(super) struct EntryRef<'a> {
    pub(super) hash: Hash,
    pub(super) macros: &'a MacroDefinitions,
    pub(super) facts: &'a FileFacts,
}

/// The cache of one run: what was read from disk, and what this run found.
pub(super) struct Cache {
    path: PathBuf,
    macros: Hash,
    old: HashMap<String, Entry>,
}

impl Cache {
    /// The cache in `dir`; empty when there is none or it cannot be used.
    pub(super) fn open(dir: &Path) -> Cache {
        let path = dir.join(FILE_NAME);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let decoded = postcard::from_bytes::<Stored>(&bytes)
            .ok()
            .filter(|s| s.version == build_id())
            .and_then(|stored| {
                let entries: Option<HashMap<String, Entry>> = stored
                    .entries
                    .into_par_iter()
                    .map(|(file, bytes)| Some((file, postcard::from_bytes(bytes).ok()?)))
                    .collect();
                Some((stored.macros, entries?))
            });
        match decoded {
            Some((macros, old)) => Cache { path, macros, old },
            None => Cache {
                path,
                macros: [0; 32],
                old: HashMap::new(),
            },
        }
    }

    /// The macro definitions last read from this text, if it is unchanged.
    pub(super) fn macros_of(&self, display: &str, hash: &Hash) -> Option<&MacroDefinitions> {
        self.old
            .get(display)
            .filter(|e| &e.hash == hash)
            .map(|e| &e.macros)
    }

    /// Forget every file unless its facts were made with these macros.
    pub(super) fn keep_if_macros_are(&mut self, macros: Hash) {
        if self.macros != macros {
            self.old.clear();
        }
        self.macros = macros;
    }

    /// Take out the facts last found in this text, if it is unchanged.
    pub(super) fn take_facts(&mut self, display: &str, hash: &Hash) -> Option<FileFacts> {
        match self.old.get_mut(display) {
            Some(entry) if &entry.hash == hash => Some(std::mem::take(&mut entry.facts)),
            _ => None,
        }
    }

    /// Whether this run's files are those read, with the same texts: nothing to write.
    pub(super) fn unchanged(&self, files: &[(&str, Option<Hash>)]) -> bool {
        files.len() == self.old.len()
            && files.iter().all(|(display, hash)| {
                self.old
                    .get(*display)
                    .is_some_and(|old| Some(old.hash) == *hash)
            })
    }

    /// Write this run's entries, atomically.
    pub(super) fn save(&self, entries: Vec<(&str, EntryRef<'_>)>) {
        let build = build_id();
        let entries: Option<Vec<(&str, Vec<u8>)>> = entries
            .into_par_iter()
            .map(|(file, entry)| Some((file, postcard::to_stdvec(&entry).ok()?)))
            .collect();
        let Some(entries) = entries else {
            return;
        };
        let stored = StoredRef {
            version: &build,
            macros: self.macros,
            entries,
        };
        let Ok(bytes) = postcard::to_stdvec(&stored) else {
            return;
        };
        let Some(dir) = self.path.parent() else {
            return;
        };
        let created = !dir.exists();
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        // Never committed by accident; but a directory the user named that already existed
        // (`ROUTELINT_CACHE_DIR=target`) is theirs to ignore or not.
        if created {
            let _ = std::fs::write(dir.join(".gitignore"), "# Written by routelint.\n*\n");
        }
        let _ = write_bytes_atomically(&self.path, &bytes);
        for old in OLD_FILE_NAMES {
            let _ = std::fs::remove_file(dir.join(old));
        }
    }
}

fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// This build of routelint: its version, and its executable's size and modification time.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{time}", m.len())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// A hash of the crate's macros, whatever order they were found in.
pub(super) fn macros_hash(macros: &HashMap<String, String>) -> Hash {
    let mut names: Vec<(&String, &String)> = macros.iter().collect();
    names.sort();
    let mut hasher = Sha256::new();
    for (name, body) in names {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(body.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().into()
}

/// Where the cache lives for a run in `cwd`.
pub fn default_dir(cwd: &Path) -> PathBuf {
    match std::env::var_os("ROUTELINT_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => cwd.join(dir),
        _ => cwd.join(DIR_NAME),
    }
}
