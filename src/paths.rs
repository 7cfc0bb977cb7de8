//! Path arithmetic that must not touch the file system (files may not exist yet, or be
//! named from another directory).

use std::path::{Component, Path, PathBuf};

/// `a/./b/../c` → `a/c`, without touching the file system; leading `..` are kept.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_up = matches!(out.components().next_back(), Some(Component::ParentDir));
                let at_root = matches!(out.components().next_back(), Some(Component::RootDir));
                if out.as_os_str().is_empty() || last_is_up {
                    out.push("..");
                } else if !at_root {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::{Path, PathBuf};

    #[test]
    fn normalize_folds_dots_and_keeps_leading_parent_steps() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("../../x")), PathBuf::from("../../x"));
        assert_eq!(normalize(Path::new("a/../../x")), PathBuf::from("../x"));
        assert_eq!(normalize(Path::new("/../x")), PathBuf::from("/x"));
    }
}
