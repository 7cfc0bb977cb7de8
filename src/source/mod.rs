//! The source side: Rust files found, parsed with `syn` in parallel, and their HTTP calls.

pub mod cache;
mod extract;
pub mod facts;
pub mod fmt;
mod index;
mod infer;
mod test_files;
pub mod url;

use crate::spec::Method;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use url::{CallUrl, PathSeg, UrlValue};

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Site {
    pub range: Range<usize>,
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Json,
    Form,
    Multipart,
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Body {
    pub kind: BodyKind,
    /// Top-level keys when the body is a `json!({...})` literal.
    pub keys: Option<Vec<String>>,
    /// Where each of `keys` is written (same order), when known: findings point there.
    pub key_sites: Vec<Site>,
    /// The type of a `.json(&x)` body when it names a struct (`CreateSandbox`): its
    /// `Serialize` fields give the keys once the crate is linked.
    pub type_name: Option<String>,
    /// The file `key_sites` are in when it is not the call's: a struct's fields.
    pub key_file: Option<String>,
    /// The body is this parameter of the enclosing fn (a wrapper's `body: &B`): each caller's
    /// argument says what is sent.
    pub from_param: Option<(usize, Vec<String>)>,
    /// The keys of objects written as values of `keys` (`"metadata": { "name": .. }`), one
    /// level down, with where each key is: checked against the field's own schema.
    pub nested: Vec<(String, Vec<String>, Vec<Site>)>,
    /// Top-level keys sent with a string known here (`"kind": "dog"`, an enum's tag): what
    /// a `discriminator` reads to tell which branch of a `oneOf` the body is.
    pub string_values: Vec<(String, String)>,
}

/// One HTTP call found in the source.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct HttpCall {
    /// Path of the file as reported (relative to the current dir when possible).
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The fn containing the call site.
    pub function: String,
    pub method: Method,
    /// The method is not known here (a value set at run time): `method` means nothing, and
    /// reports show `?`.
    #[serde(default)]
    pub method_unknown: bool,
    /// The verb token (`get` in `.get(url)`), which a method fix rewrites.
    pub method_site: Option<Site>,
    /// For a call of a wrapper named after its method (`self.put(path, body)`): the methods
    /// whose wrappers sit beside it (`post`, `delete` of the same type), the only ones a method
    /// fix may rename the call to. `None` for a request written directly.
    pub verb_choices: Option<Vec<Method>>,
    pub url: UrlValue,
    /// Keys given with `.query(&[(k, v)])`.
    pub query: Vec<String>,
    /// `.query(x)` with something we cannot read.
    pub query_opaque: bool,
    /// The `Serialize` structs given to those `.query(..)`, when every one names one: their
    /// fields become the query keys once the crate is linked.
    pub query_types: Vec<String>,
    /// Header names set on the request (`.header(..)`, `.bearer_auth(..)`), lowercase.
    pub headers: Vec<String>,
    /// Some header may be set where routelint cannot read it (`.headers(map)`, a name in a
    /// variable, a client built with `default_headers`).
    pub headers_opaque: bool,
    pub body: Option<Body>,
    /// The crate's wrapper functions the call goes through, outermost first.
    pub via: Vec<String>,
    /// Why the call cannot be checked, when it cannot.
    pub note: Option<String>,
    /// Made by test code: reported apart, never checked with the client's calls.
    pub in_test: bool,
    /// Sent in the chain that builds it (`.post(url).header(..).send()`): whatever body it has
    /// is in that chain, so no body seen is no body sent.
    pub sent: bool,
}

impl Body {
    /// A body of `kind` with these keys (if known), as a request chain shows it; what linking
    /// learns (types, places, parameters) is added later.
    pub(crate) fn new(kind: BodyKind, keys: Option<Vec<String>>) -> Body {
        Body {
            kind,
            keys,
            key_sites: Vec::new(),
            type_name: None,
            key_file: None,
            from_param: None,
            nested: Vec::new(),
            string_values: Vec::new(),
        }
    }
}

impl HttpCall {
    /// The method as reports show it: `?` when it is not known.
    pub fn method_text(&self) -> &'static str {
        if self.method_unknown {
            "?"
        } else {
            self.method.as_str()
        }
    }

    /// A request made where routelint does not see its request chain (an endpoint type's
    /// `path()`, a declared wrapper): only its place, method and URL are known.
    pub(crate) fn unseen(
        (file, line, column): (String, usize, usize),
        function: String,
        method: Method,
        url: UrlValue,
        in_test: bool,
    ) -> HttpCall {
        HttpCall {
            file,
            line,
            column,
            function,
            method,
            method_unknown: false,
            method_site: None,
            verb_choices: None,
            url,
            query: Vec::new(),
            // Its query and headers are set where routelint does not look.
            query_opaque: true,
            query_types: Vec::new(),
            headers: Vec::new(),
            headers_opaque: true,
            body: None,
            via: Vec::new(),
            note: None,
            in_test,
            sent: false,
        }
    }
}

/// A name written like a const (`PATH`, `ENDPOINT_PATH`, `V2`).
pub(crate) fn is_const_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A file that could not be read or parsed.
#[derive(Debug, Clone)]
pub struct SourceProblem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What scanning a tree gives.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: usize,
    pub calls: Vec<HttpCall>,
    pub problems: Vec<SourceProblem>,
    /// Things the user asked for that did not apply, such as a `[[wrapper]]` naming no function.
    pub warnings: Vec<String>,
    /// The text of each file with a call, as it was scanned (by display name): what fixes and
    /// snippets are made from, without reading the file again.
    pub texts: BTreeMap<String, Arc<str>>,
}

/// A file to scan and the name reports give it.
#[derive(Debug, Clone)]
pub struct SourcePath {
    pub path: PathBuf,
    pub display: String,
}

/// All `*.rs` files under `roots` (a root may be a file), skipping `target/` and hidden
/// directories, in a stable order. Unreadable directories are problems, not failures.
pub fn discover(roots: &[PathBuf], cwd: &Path) -> (Vec<SourcePath>, Vec<SourceProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let walker = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || {
                    let name = entry.file_name().to_string_lossy();
                    !(entry.file_type().is_dir() && (name == "target" || name.starts_with('.')))
                }
            });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_rs = entry.path().extension().is_some_and(|e| e == "rs");
                    if entry.file_type().is_file() && is_rs {
                        let path = entry.into_path();
                        files.push(SourcePath {
                            display: display_path(&path, cwd),
                            path,
                        });
                    }
                }
                Err(err) => problems.push(SourceProblem {
                    file: err
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| display_path(p, cwd)),
                    line: 0,
                    column: 0,
                    message: err.to_string(),
                }),
            }
        }
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files.dedup_by(|a, b| a.display == b.display);
    (files, problems)
}

/// `path` relative to `cwd` when it lies below it, with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let shown = absolute
        .strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let text = shown.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

const SCAN_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Read, parse and extract every file, in parallel. Results come back in file order.
pub fn scan(files: &[SourcePath], wrappers: &[facts::DeclaredWrapper]) -> Scan {
    scan_cached(files, wrappers, None)
}

/// [`scan`], with the facts of unchanged files taken from the cache in `cache_dir` (and the
/// cache brought up to date): the same result, without parsing what has not changed.
pub fn scan_cached(
    files: &[SourcePath],
    wrappers: &[facts::DeclaredWrapper],
    cache_dir: Option<&Path>,
) -> Scan {
    // Parsing and visiting recurse as deep as the code nests; generated code can nest deeper
    // than a default thread stack allows, and a stack overflow aborts the whole run. The stack
    // is reserved address space, only touched as it is used.
    let scan_all = || read_and_extract(files, cache_dir);
    let outcomes = match rayon::ThreadPoolBuilder::new()
        .stack_size(SCAN_STACK_BYTES)
        .build()
    {
        Ok(pool) => pool.install(scan_all),
        Err(_) => scan_all(),
    };
    let mut scan = Scan {
        files: files.len(),
        ..Scan::default()
    };
    let mut facts = Vec::with_capacity(outcomes.len());
    let mut parsed: Vec<&SourcePath> = Vec::with_capacity(outcomes.len());
    let mut texts = Vec::with_capacity(outcomes.len());
    for (outcome, file) in outcomes.into_iter().zip(files) {
        match outcome {
            Ok((file_facts, text)) => {
                facts.push(file_facts);
                parsed.push(file);
                texts.push((file.display.clone(), text));
            }
            Err(problem) => scan.problems.push(problem),
        }
    }
    test_files::mark(&parsed, &mut facts);
    scan.warnings = index::wrapper_warnings(&facts, wrappers);
    scan.calls = index::link(facts, wrappers);
    let with_calls: HashSet<&str> = scan.calls.iter().map(|c| c.file.as_str()).collect();
    scan.texts = texts
        .into_iter()
        // Kept for fixes and snippets, and for inline suppressions (which may sit in a file
        // without calls, beside a struct field a body finding points at).
        .filter(|(display, text)| {
            with_calls.contains(display.as_str()) || text.contains("routelint:")
        })
        .collect();
    scan
}

type Outcome = Result<(facts::FileFacts, Arc<str>), SourceProblem>;

/// Each file's facts and text, in file order: from the cache when its text is unchanged, else
/// parsed.
fn read_and_extract(files: &[SourcePath], cache_dir: Option<&Path>) -> Vec<Outcome> {
    // The cache is decoded on one core while the files are read and hashed on the others
    // (decoding it is a good part of a pre-commit run).
    let ((texts, hashes), mut cache) = rayon::join(
        || {
            let texts: Vec<Result<String, SourceProblem>> =
                files.par_iter().map(read_file).collect();
            // Texts are hashed only to be looked up in the cache.
            let hashes: Vec<Option<cache::Hash>> = texts
                .par_iter()
                .map(|text| {
                    cache_dir?;
                    text.as_ref().ok().map(|t| cache::hash(t))
                })
                .collect();
            (texts, hashes)
        },
        || cache_dir.map(cache::Cache::open),
    );
    // `macro_rules!` macros may be used in other files than their own: their definitions
    // are read first (files that have one are parsed twice; they are few).
    let definitions: Vec<cache::MacroDefinitions> = texts
        .par_iter()
        .zip(files)
        .zip(&hashes)
        .map(|((text, file), hash)| {
            let Ok(text) = text else {
                return Vec::new();
            };
            let known = cache
                .as_ref()
                .zip(hash.as_ref())
                .and_then(|(cache, hash)| cache.macros_of(&file.display, hash));
            known.cloned().unwrap_or_else(|| macro_definitions(text))
        })
        .collect();
    let macros = crate_macros(&definitions);
    let mut unchanged = false;
    if let Some(cache) = cache.as_mut() {
        cache.keep_if_macros_are(cache::macros_hash(&macros));
        let listed: Vec<(&str, Option<cache::Hash>)> = files
            .iter()
            .zip(&hashes)
            .map(|(file, hash)| (file.display.as_str(), *hash))
            .collect();
        unchanged = cache.unchanged(&listed);
    }
    // Unchanged files' facts are moved out of the cache, the others parsed.
    let cached: Vec<Option<facts::FileFacts>> = files
        .iter()
        .zip(&hashes)
        .map(|(file, hash)| {
            let (cache, hash) = cache.as_mut().zip(hash.as_ref())?;
            cache.take_facts(&file.display, hash)
        })
        .collect();
    let outcomes: Vec<Outcome> = texts
        .into_par_iter()
        .zip(files)
        .zip(cached)
        .map(|((text, file), cached)| {
            let text = text?;
            match cached {
                Some(facts) => Ok((facts, Arc::from(text))),
                None => scan_file(file, text, &macros),
            }
        })
        .collect();
    if let Some(cache) = cache.filter(|_| !unchanged) {
        let entries: Vec<(&str, cache::EntryRef<'_>)> = outcomes
            .iter()
            .zip(files)
            .zip(&hashes)
            .zip(&definitions)
            .filter_map(|(((outcome, file), hash), macros)| {
                let (facts, _) = outcome.as_ref().ok()?;
                let entry = cache::EntryRef {
                    hash: (*hash)?,
                    macros,
                    facts,
                };
                Some((file.display.as_str(), entry))
            })
            .collect();
        cache.save(entries);
    }
    outcomes
}

/// The `macro_rules!` definitions of one file's text (none, for most files: only those that
/// mention `macro_rules!` are parsed).
fn macro_definitions(text: &str) -> cache::MacroDefinitions {
    if !text.contains("macro_rules!") {
        return Vec::new();
    }
    let (text, _) = parsable(text);
    let file = syn::parse_file(&text).ok();
    let mut definitions: cache::MacroDefinitions = file
        .as_ref()
        .map(extract::macro_definitions)
        .unwrap_or_default()
        .into_iter()
        .collect();
    proc_macro2::extra::invalidate_current_thread_spans();
    definitions.sort();
    definitions
}

fn read_file(file: &SourcePath) -> Result<String, SourceProblem> {
    let problem = |message| SourceProblem {
        file: file.display.clone(),
        line: 0,
        column: 0,
        message,
    };
    let bytes = std::fs::read(&file.path).map_err(|e| problem(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| problem("not UTF-8".to_string()))
}

/// The crate's `macro_rules!` definitions as text, by name; a name defined differently in two
/// places is left out (which one a call sees is not known here).
fn crate_macros(per_file: &[cache::MacroDefinitions]) -> HashMap<String, String> {
    let mut all: HashMap<String, Option<String>> = HashMap::new();
    for definitions in per_file {
        for (name, text) in definitions {
            all.entry(name.clone())
                .and_modify(|known| {
                    if known != text {
                        *known = None;
                    }
                })
                .or_insert_with(|| text.clone());
        }
    }
    all.into_iter()
        .filter_map(|(name, text)| Some((name, text?)))
        .collect()
}

fn scan_file(
    file: &SourcePath,
    text: String,
    macros: &HashMap<String, String>,
) -> Result<(facts::FileFacts, Arc<str>), SourceProblem> {
    let problem = |line, column, message| SourceProblem {
        file: file.display.clone(),
        line,
        column,
        message,
    };
    let calls = file_facts(&text, &file.display, macros).map_err(|e| {
        let start = e.span().start();
        problem(start.line, start.column + 1, e.to_string())
    });
    // proc_macro2 keeps every parsed file in a per-thread source map; drop it so that memory
    // stays flat however many files this thread parses. Spans are not used after this point.
    proc_macro2::extra::invalidate_current_thread_spans();
    calls.map(|facts| (facts, Arc::from(text)))
}

/// Parse `text` and extract its calls, linked as if the file were the whole crate; `display`
/// is the file name reports use.
pub fn extract_from_str(text: &str, display: &str) -> syn::Result<Vec<HttpCall>> {
    Ok(index::link(
        vec![file_facts(text, display, &HashMap::new())?],
        &[],
    ))
}

/// Parse `text` into what it tells the crate index.
fn file_facts(
    text: &str,
    display: &str,
    macros: &HashMap<String, String>,
) -> syn::Result<facts::FileFacts> {
    let (text, offset) = parsable(text);
    let file = match syn::parse_file(&text) {
        Ok(file) => file,
        Err(error) => {
            // Rust 2015 code that names a module `async` (`reqwest::async::Client`).
            let Some(renamed) = async_as_a_name(&text) else {
                return Err(error);
            };
            let file = syn::parse_file(&renamed).map_err(|_| error)?;
            return Ok(extract::extract(&file, &renamed, display, offset, macros));
        }
    };
    Ok(extract::extract(&file, &text, display, offset, macros))
}

/// The text with `async` in a path (`reqwest::async::Client`, valid before Rust 2018 made it a
/// keyword) renamed `Async`, a name of the same length, so that every byte offset holds; `None`
/// when there is no such path.
fn async_as_a_name(text: &str) -> Option<String> {
    let mut renamed = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find("async::") {
        let before = rest[..at].chars().next_back();
        let starts_a_name = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
        renamed.push_str(&rest[..at]);
        renamed.push_str(if starts_a_name { "Async::" } else { "async::" });
        changed |= starts_a_name;
        rest = &rest[at + "async::".len()..];
    }
    renamed.push_str(rest);
    changed.then_some(renamed)
}

/// The text `syn` is given, and how many bytes before it were dropped. `syn::parse_file` drops
/// a BOM and a `#!` line, which would shift every byte offset: the BOM is dropped here and
/// counted back in; the shebang is blanked with spaces of equal length.
fn parsable(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let (offset, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, text),
    };
    match text.strip_prefix("#!") {
        Some(rest) if !rest.trim_start().starts_with('[') => {
            let end = text.find('\n').unwrap_or(text.len());
            let blanked = format!("{}{}", " ".repeat(end), &text[end..]);
            (std::borrow::Cow::Owned(blanked), offset)
        }
        _ => (std::borrow::Cow::Borrowed(text), offset),
    }
}
