//! `--diff` and `--fix`: fixes at or above an applicability, merged per file.
//!
//! Writing is careful: edits apply only to the exact text the check read (a file changed since
//! is left alone), the result must parse, and the new text replaces the file atomically through a
//! temporary file in the same directory.

use crate::check::Report;
use crate::diagnostic::{Applicability, Edit};
use crate::fix;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Edits of every fix at or above `minimum`, per file. A fix whose edits overlap one already
/// taken is left out whole.
/// Also returns how many fixes each file's edits come from.
fn edits_by_file(
    report: &Report,
    minimum: Applicability,
) -> (BTreeMap<String, Vec<Edit>>, BTreeMap<String, usize>) {
    let mut by_file: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for finding in &report.findings {
        let Some(fix) = &finding.fix else { continue };
        if fix.applicability < minimum || fix.applicability == Applicability::DisplayOnly {
            continue;
        }
        let Some(first) = fix.edits.first() else {
            continue;
        };
        let taken = by_file.entry(first.file.clone()).or_default();
        let overlaps = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| e.range.start < t.range.end && t.range.start < e.range.end)
        });
        if !overlaps {
            taken.extend(fix.edits.iter().cloned());
            *count.entry(first.file.clone()).or_default() += 1;
        }
    }
    by_file.retain(|_, edits| !edits.is_empty());
    (by_file, count)
}

/// One unified diff of all fixes at or above `minimum`.
pub fn combined_diff(report: &Report, minimum: Applicability) -> String {
    let (by_file, _) = edits_by_file(report, minimum);
    let mut out = String::new();
    for (file, edits) in by_file {
        let Some(src) = report.sources.get(&file) else {
            continue;
        };
        if let Some(fixed) = fix::apply(src, &edits) {
            out.push_str(&fix::unified_diff(&file, src, &fixed));
        }
    }
    out
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct Applied {
    pub files: usize,
    pub fixes: usize,
    /// Why some files were left alone.
    pub skipped: Vec<String>,
}

/// Apply all fixes at or above `minimum` to the files on disk.
pub fn apply_fixes(report: &Report, minimum: Applicability, cwd: &Path) -> Applied {
    let (by_file, fixes) = edits_by_file(report, minimum);
    let mut applied = Applied::default();
    for (file, edits) in by_file {
        let path = cwd.join(&file);
        let Some(read) = report.sources.get(&file) else {
            continue;
        };
        match write_fixed(&path, read, &edits) {
            Ok(()) => {
                applied.files += 1;
                applied.fixes += fixes.get(&file).copied().unwrap_or(0);
            }
            Err(why) => applied
                .skipped
                .push(format!("{file}: left unchanged: {why}")),
        }
    }
    applied
}

fn write_fixed(path: &Path, read: &str, edits: &[Edit]) -> Result<(), String> {
    let now = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    if now != read {
        return Err("it changed since it was checked".to_string());
    }
    let fixed = fix::apply(read, edits).ok_or("the edits overlap")?;
    syn::parse_file(&fixed).map_err(|e| format!("the fixed file would not parse: {e}"))?;
    write_atomically(path, &fixed).map_err(|e| e.to_string())
}

/// Write `text` to `path` through a temporary file in the same directory and a rename, so
/// that a reader never sees half a file. An existing file keeps its permissions.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
