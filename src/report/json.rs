//! `--format json`: the machine contract of DESIGN.md, `schema_version` 1.
//!
//! The wire structs live here, apart from the analysis types, so that the contract changes
//! only when this file does. Fields may be added; existing ones keep their meaning.

use crate::check::{OperationRef, Report, Status, Summary, UncalledOperation};
use crate::source::BodyKind;
use crate::spec::{SpecFormat, SpecKind};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Wire<'a> {
    schema_version: u32,
    tool: Tool,
    specs: Vec<WireSpec<'a>>,
    calls: Vec<WireCall<'a>>,
    findings: Vec<WireFinding<'a>>,
    coverage: WireCoverage<'a>,
    summary: Summary,
    test_calls: Vec<WireTestCall<'a>>,
    /// With `--baseline`: findings it hid, and recorded ones that are gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a crate::check::BaselineOutcome>,
}

/// A call made by test code: where, and what it sends; not checked.
#[derive(Serialize)]
struct WireTestCall<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    function: &'a str,
    method: &'static str,
    path: String,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct WireSpec<'a> {
    name: &'a str,
    source: &'a str,
    sha256: &'a str,
    format: SpecFormat,
    kind: SpecKind,
    version: &'a str,
    title: &'a str,
    paths: usize,
    operations: usize,
}

#[derive(Serialize)]
struct WireCall<'a> {
    id: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    function: &'a str,
    /// `?` when not known, as `path` is.
    method: &'static str,
    path: String,
    query: &'a [String],
    base: Option<&'a str>,
    status: Status,
    operation: Option<&'a OperationRef>,
    findings: Vec<&'static str>,
    body: Option<WireBody<'a>>,
    /// The crate's wrapper functions the call goes through, outermost first.
    via: &'a [String],
}

/// The body as found, and (when its operation's schema is known) how it compares.
#[derive(Serialize)]
struct WireBody<'a> {
    kind: BodyKind,
    /// Top-level keys, when they are known.
    keys: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<super::BodyCheck>,
}

#[derive(Serialize)]
struct WireFinding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    call: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<WireFix<'a>>,
    /// Stable across line moves: what `routelint baseline` records.
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct WireFix<'a> {
    applicability: &'static str,
    title: &'a str,
    diff: &'a str,
}

#[derive(Serialize)]
struct WireCoverage<'a> {
    operations: usize,
    called: usize,
    uncalled: &'a [UncalledOperation],
}

fn wire_calls(report: &Report) -> Vec<WireCall<'_>> {
    report
        .calls
        .iter()
        .map(|c| WireCall {
            id: &c.id,
            file: &c.call.file,
            line: c.call.line,
            column: c.call.column,
            function: &c.call.function,
            method: c.call.method_text(),
            path: c.path(),
            query: &c.query,
            base: c.url.as_ref().and_then(|u| u.base.as_deref()),
            status: c.status,
            operation: c.operation.as_ref(),
            findings: c
                .findings
                .iter()
                .map(|&f| report.findings[f].rule.code())
                .collect(),
            body: c.call.body.as_ref().map(|body| WireBody {
                kind: body.kind,
                keys: body.keys.as_deref(),
                check: super::body_check(report, c),
            }),
            via: &c.call.via,
        })
        .collect()
}

/// The `calls` array alone.
pub(crate) fn emit_calls(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &wire_calls(report)).map_err(io::Error::other)?;
    writeln!(out)
}

pub(crate) fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let wire = Wire {
        schema_version: 1,
        tool: Tool {
            name: "routelint",
            version: env!("CARGO_PKG_VERSION"),
        },
        specs: report
            .specs
            .iter()
            .map(|s| WireSpec {
                name: &s.name,
                source: &s.source,
                sha256: &s.sha256,
                format: s.format,
                kind: s.kind,
                version: &s.version,
                title: &s.title,
                paths: s.path_count,
                operations: s.operation_count(),
            })
            .collect(),
        calls: wire_calls(report),
        findings: report
            .findings
            .iter()
            .map(|f| WireFinding {
                code: f.rule.code(),
                rule: f.rule.name(),
                severity: f.severity.as_str(),
                file: &f.file,
                line: f.line,
                column: f.column,
                call: f.call.map(|i| report.calls[i].id.as_str()),
                message: &f.message,
                help: f.help.as_deref(),
                fix: f.fix.as_ref().map(|fix| WireFix {
                    applicability: fix.applicability.as_str(),
                    title: &fix.title,
                    diff: &fix.diff,
                }),
                fingerprint: &f.fingerprint,
            })
            .collect(),
        coverage: WireCoverage {
            operations: report.coverage.operations,
            called: report.coverage.called,
            uncalled: &report.coverage.uncalled,
        },
        summary: report.summary,
        test_calls: report
            .test_calls
            .iter()
            .map(|c| WireTestCall {
                file: &c.file,
                line: c.line,
                column: c.column,
                function: &c.function,
                method: c.method_text(),
                path: crate::source::CallUrl::split(&c.url)
                    .map_or_else(|_| "?".to_string(), |u| u.path()),
            })
            .collect(),
        baseline: report.baseline.as_ref(),
    };
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::other)?;
    writeln!(out)
}
