//! Findings and fixes: what every stage after matching produces and every report reads.

use crate::rules::{Rule, Severity};
use serde::Serialize;
use std::ops::Range;

/// How sure a fix is. Ordered: `DisplayOnly < Unsafe < Safe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Described, never applied (another API, an architectural change).
    DisplayOnly,
    /// Needs a human: a method change, a value moved to the query, a guess among candidates.
    Unsafe,
    /// Mechanical and certain: literal path text rewritten to the one operation clearly meant.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace `range` of `file` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: String,
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Imperative: "Use `GET /sandbox/{sandboxIdOrName}`".
    pub title: String,
    pub applicability: Applicability,
    /// Sorted, non-overlapping, all in one file.
    pub edits: Vec<Edit>,
    /// Unified diff of the edits against the file as read (`git apply`-able).
    pub diff: String,
}

/// One finding of one rule.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Characters from `column` that the finding is about (at least 1).
    pub width: usize,
    /// Index into the report's calls, when the finding is about a call.
    pub call: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    /// Short label that groups findings with the same cause in reports
    /// ("`sandboxes` → `sandbox` (plural-singular)").
    pub cause: String,
    pub fix: Option<Fix>,
    /// Stable across line moves: what a baseline records (`check::baseline`).
    pub fingerprint: String,
}

impl Finding {
    /// The message, with the help on a line of its own when there is one: what formats that
    /// carry one text per finding (SARIF, GitHub annotations) show.
    pub fn message_and_help(&self) -> String {
        match &self.help {
            Some(help) => format!("{}\nhelp: {help}", self.message),
            None => self.message.clone(),
        }
    }
}
