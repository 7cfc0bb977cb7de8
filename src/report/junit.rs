//! `--format junit`: JUnit XML for CI dashboards. One test case per call (named after its
//! method and path, classed by its file), failed when the call has an error, skipped when its
//! URL cannot be resolved; findings not about a call (a file that does not parse, a spec that
//! changed) are test cases of their own. The XML is written by `quick-junit`, the serializer
//! cargo-nextest uses; no timestamps, so the same input gives the same bytes.

use crate::check::{Report, Status};
use crate::diagnostic::Finding;
use crate::rules::Severity;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use std::io::{self, Write};

pub(crate) fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut suite = TestSuite::new("routelint");
    for call in &report.calls {
        let findings: Vec<&Finding> = call.findings.iter().map(|&i| &report.findings[i]).collect();
        let errors: Vec<&&Finding> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let status = if let Some(first) = errors.first() {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(first.message.as_str())
                .set_type(format!("{} {}", first.rule.code(), first.rule.name()))
                .set_description(describe(&findings));
            status
        } else if call.status == Status::Unresolved {
            let mut status = TestCaseStatus::skipped();
            status.set_message("the call's URL cannot be resolved statically");
            status
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(
            format!(
                "{} {} ({} at {}:{})",
                call.call.method_text(),
                call.path(),
                call.call.function,
                call.call.file,
                call.call.line
            ),
            status,
        );
        case.set_classname(call.call.file.as_str());
        // Warnings and infos of a passing call: kept where the dashboard shows output.
        if errors.is_empty() && !findings.is_empty() {
            case.set_system_out(describe(&findings));
        }
        suite.add_test_case(case);
    }
    for finding in report.findings.iter().filter(|f| f.call.is_none()) {
        let mut status = if finding.severity == Severity::Error {
            TestCaseStatus::non_success(NonSuccessKind::Failure)
        } else {
            TestCaseStatus::success()
        };
        status
            .set_message(finding.message.as_str())
            .set_type(format!("{} {}", finding.rule.code(), finding.rule.name()));
        let mut case = TestCase::new(
            format!(
                "{} {} at {}:{}",
                finding.rule.code(),
                finding.rule.name(),
                finding.file,
                finding.line
            ),
            status,
        );
        case.set_classname(finding.file.as_str());
        if finding.severity != Severity::Error {
            case.set_system_out(describe(&[finding]));
        }
        suite.add_test_case(case);
    }
    let mut junit = quick_junit::Report::new("routelint");
    junit.add_test_suite(suite);
    junit.serialize(&mut *out).map_err(io::Error::other)?;
    writeln!(out)
}

/// The findings as lines a person reads in the dashboard.
fn describe(findings: &[&Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let mut line = format!(
                "{}:{}:{}: {} [{} {}] {}",
                f.file,
                f.line,
                f.column,
                f.severity,
                f.rule.code(),
                f.rule.name(),
                f.message
            );
            if let Some(help) = &f.help {
                line.push_str("\n  help: ");
                line.push_str(help);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}
