//! Rendering a [`Report`]. No analysis happens here: every format reads the same report.

mod github;
mod json;
mod junit;
mod markdown;
mod sarif;
mod terminal;

use crate::check::{CheckedCall, Report, Status};
use crate::rules::{Rule, Severity};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Markdown,
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, one test case per call.
    Junit,
    /// GitHub Actions annotations.
    Github,
}

/// Write `report` in `format`. `color` only affects the terminal format.
pub fn emit(report: &Report, format: Format, color: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Terminal => terminal::emit(report, color, out),
        Format::Markdown => markdown::emit(report, out),
        Format::Json => json::emit(report, out),
        Format::Sarif => sarif::emit(report, out),
        Format::Junit => junit::emit(report, out),
        Format::Github => github::emit(report, out),
    }
}

/// `routelint calls --format json`: the `calls` array of the report.
pub fn emit_calls_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    json::emit_calls(report, out)
}

/// The match column: ✅, ⚠️ or ❌ with the rules that decided it.
pub(crate) fn match_label(report: &Report, call: &CheckedCall) -> String {
    let rules = |keep: &dyn Fn(Rule, Severity) -> bool| -> Vec<&'static str> {
        let mut names: Vec<&'static str> = call
            .findings
            .iter()
            .map(|&f| &report.findings[f])
            .filter(|f| keep(f.rule, f.severity))
            .map(|f| f.rule.name())
            .collect();
        names.dedup();
        names
    };
    match call.status {
        Status::Unresolved => "❔ unresolved".to_string(),
        Status::Unchecked => "unchecked".to_string(),
        Status::Mismatched => {
            format!(
                "❌ {}",
                rules(&|r, s| r.is_routing() && s == Severity::Error).join(", ")
            )
        }
        Status::Matched => {
            let warnings = rules(&|_, s| s >= Severity::Warning);
            if warnings.is_empty() {
                "✅ matched".to_string()
            } else {
                format!("⚠️ matched; {}", warnings.join(", "))
            }
        }
    }
}

/// One short note per finding of the call, most severe first.
pub(crate) fn notes(report: &Report, call: &CheckedCall) -> Vec<String> {
    let mut findings: Vec<_> = call.findings.iter().map(|&f| &report.findings[f]).collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings.iter().map(|f| f.cause.clone()).collect()
}

/// A JSON body's keys against the schema of the call's operation (matched or suggested), when
/// both are known: what the markdown "Request bodies" section and `calls[].body.check` show.
#[derive(Debug, serde::Serialize)]
pub(crate) struct BodyCheck {
    /// The schema's name, when it is a `$ref`.
    pub schema: Option<String>,
    pub required: Vec<String>,
    /// Required fields the body does not send.
    pub missing: Vec<String>,
    /// Keys the schema does not list (empty for a map schema).
    pub unknown: Vec<String>,
}

impl BodyCheck {
    pub(crate) fn verified(&self) -> bool {
        self.missing.is_empty() && self.unknown.is_empty()
    }
}

pub(crate) fn body_check(report: &Report, call: &CheckedCall) -> Option<BodyCheck> {
    let body = call.call.body.as_ref()?;
    let keys = body.keys.as_ref()?;
    let op = call.operation.as_ref()?;
    let fields = report
        .specs
        .iter()
        .find(|s| s.name == op.spec)?
        .routes
        .iter()
        .find(|r| r.method == op.method && r.path.raw == op.path)?
        .body
        .as_ref()?
        .fields_for(body.kind)?
        .for_sent(&body.string_values);
    let mut missing: Vec<String> = fields.missing(keys).into_iter().cloned().collect();
    let mut unknown: Vec<String> = fields
        .unknown(keys)
        .into_iter()
        .map(|(_, key)| key.clone())
        .collect();
    // Objects written as values, as the check judges them: `dates.commiter`.
    for (key, inner_keys, _) in &body.nested {
        let Some(inner) = fields.nested_fields(key) else {
            continue;
        };
        missing.extend(
            inner
                .missing(inner_keys)
                .into_iter()
                .map(|k| format!("{key}.{k}")),
        );
        unknown.extend(
            inner
                .unknown(inner_keys)
                .into_iter()
                .map(|(_, k)| format!("{key}.{k}")),
        );
    }
    // Two items of an array with the same slip: said once.
    let mut seen = std::collections::HashSet::new();
    missing.retain(|k| seen.insert(k.clone()));
    unknown.retain(|k| seen.insert(k.clone()));
    Some(BodyCheck {
        schema: fields.schema.clone(),
        required: fields.required.clone(),
        missing,
        unknown,
    })
}
