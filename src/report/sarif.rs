//! `--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).
//!
//! One run; the driver lists every rule with its summary and its `docs/rules` page as help;
//! each finding is a result with a relative URI (no absolute path, so the file is the same
//! on every machine), its fingerprint, and its fix as byte-range replacements when it edits
//! the source.

use crate::check::Report;
use crate::diagnostic::Finding;
use crate::rules::{Rule, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

pub(crate) fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&rule| rule_descriptor(rule))
        .collect();
    let results: Vec<Value> = report.findings.iter().map(result).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "routelint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // Finding columns count characters, not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(rule: Rule) -> Value {
    json!({
        "id": rule.code(),
        "name": rule.name(),
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.summary()},
        "help": {
            "text": format!("{}: {}. Run `routelint explain {}` for more.", rule.name(), rule.summary(), rule.code()),
            "markdown": rule.doc_page(),
        },
        "defaultConfiguration": {"level": level(rule.default_severity())},
    })
}

/// A relative path as a URI reference: `/` kept, everything outside the unreserved set
/// percent-encoded (a space in a directory name must not break the URI).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn artifact(file: &str) -> Value {
    json!({"uri": uri(file), "uriBaseId": "%SRCROOT%"})
}

fn result(finding: &Finding) -> Value {
    let index = Rule::ALL
        .iter()
        .position(|&r| r == finding.rule)
        .unwrap_or(0);
    let mut location = json!({"artifactLocation": artifact(&finding.file)});
    // Line 0: about a whole file (the spec), no region.
    if finding.line > 0 {
        location["region"] = json!({
            "startLine": finding.line,
            "startColumn": finding.column.max(1),
            "endColumn": finding.column.max(1) + finding.width.max(1),
        });
    }
    let text = finding.message_and_help();
    let mut result = json!({
        "ruleId": finding.rule.code(),
        "ruleIndex": index,
        "level": level(finding.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"routelint/v1": finding.fingerprint},
    });
    if let Some(fix) = finding.fix.as_ref().filter(|f| !f.edits.is_empty()) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": {
                        "byteOffset": edit.range.start,
                        "byteLength": edit.range.len(),
                    },
                    "insertedContent": {"text": edit.replacement},
                })
            })
            .collect();
        // Edits of one fix are all in one file.
        let file = fix.edits.first().map_or(finding.file.as_str(), |e| &e.file);
        result["fixes"] = json!([{
            "description": {"text": format!("{} ({})", fix.title, fix.applicability.as_str())},
            "artifactChanges": [{
                "artifactLocation": artifact(file),
                "replacements": replacements,
            }],
        }]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("src/api/client.rs"), "src/api/client.rs");
        assert_eq!(uri("my crate/src/a b.rs"), "my%20crate/src/a%20b.rs");
        assert_eq!(uri("src/é.rs"), "src/%C3%A9.rs");
    }
}
