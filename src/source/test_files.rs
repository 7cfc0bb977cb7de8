//! Files that are test code because of how they are declared: `#[cfg(test)] mod tests;` puts
//! `tests.rs` (and every module below it) out of the client, though the file itself says
//! nothing; and a package's integration tests and benchmarks (`tests/`, `benches/` beside its
//! `Cargo.toml`) are not the client either. Their calls are marked as test calls and their
//! consts kept out of the crate's.

use super::SourcePath;
use super::facts::FileFacts;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Mark the test-only files of `files` (same order as `facts`).
pub(super) fn mark(files: &[&SourcePath], facts: &mut [FileFacts]) {
    let key = |p: &Path| crate::paths::normalize(p);
    let index: Vec<PathBuf> = files.iter().map(|f| key(&f.path)).collect();
    let mut test: HashSet<PathBuf> = HashSet::new();
    // A test file's own modules are test code too: repeat until nothing changes (each round
    // goes one level down; the depth of a module tree bounds it).
    loop {
        let before = test.len();
        for (file, facts) in files.iter().zip(facts.iter()) {
            let parent_is_test = test.contains(&key(&file.path));
            for module in &facts.out_of_line_mods {
                if module.test || parent_is_test {
                    test.extend(module_files(
                        &file.path,
                        &module.name,
                        module.path_attr.as_deref(),
                    ));
                }
            }
        }
        if test.len() == before {
            break;
        }
    }
    let mut package_dirs: HashMap<PathBuf, bool> = HashMap::new();
    for file in files {
        if in_package_tests(&file.path, &mut package_dirs) {
            test.insert(key(&file.path));
        }
    }
    for (path, facts) in index.iter().zip(facts.iter_mut()) {
        if test.contains(path) {
            for f in &mut facts.fns {
                f.in_test = true;
                for (call, _) in &mut f.requests {
                    call.in_test = true;
                }
            }
            for call in &mut facts.loose_calls {
                call.in_test = true;
            }
            facts.consts.clear();
            facts.serde_structs.clear();
        }
    }
}

/// Whether `path` is below a `tests/` or `benches/` directory that sits beside a `Cargo.toml`
/// (Cargo's integration tests and benchmarks). `known` caches which directories hold one.
fn in_package_tests(path: &Path, known: &mut HashMap<PathBuf, bool>) -> bool {
    path.ancestors().skip(1).any(|dir| {
        let named = dir
            .file_name()
            .is_some_and(|name| name == "tests" || name == "benches");
        named
            && dir.parent().is_some_and(|package| {
                *known
                    .entry(package.to_path_buf())
                    .or_insert_with(|| package.join("Cargo.toml").is_file())
            })
    })
}

/// Where `mod name;` in `declaring` may live: `name.rs` or `name/mod.rs` beside a `lib.rs`,
/// `main.rs` or `mod.rs`, else in the directory named after the declaring file; or `#[path]`.
fn module_files(declaring: &Path, name: &str, path_attr: Option<&str>) -> Vec<PathBuf> {
    let dir = declaring.parent().unwrap_or(Path::new(""));
    if let Some(path) = path_attr {
        return vec![crate::paths::normalize(&dir.join(path))];
    }
    let stem = declaring.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if matches!(stem, "lib" | "main" | "mod") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    vec![
        crate::paths::normalize(&base.join(format!("{name}.rs"))),
        crate::paths::normalize(&base.join(name).join("mod.rs")),
    ]
}

#[cfg(test)]
mod tests {
    use super::module_files;
    use std::path::{Path, PathBuf};

    #[test]
    fn where_an_out_of_line_module_lives() {
        assert_eq!(
            module_files(Path::new("src/lib.rs"), "tests", None),
            vec![
                PathBuf::from("src/tests.rs"),
                PathBuf::from("src/tests/mod.rs")
            ]
        );
        assert_eq!(
            module_files(Path::new("src/api.rs"), "tests", None),
            vec![
                PathBuf::from("src/api/tests.rs"),
                PathBuf::from("src/api/tests/mod.rs")
            ]
        );
        assert_eq!(
            module_files(Path::new("src/api/mod.rs"), "t", Some("../checks.rs")),
            vec![PathBuf::from("src/checks.rs")]
        );
    }
}
