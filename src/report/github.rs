//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner
//! turns into annotations on the pull request's diff.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use crate::check::Report;
use crate::rules::Severity;
use std::io::{self, Write};

pub(crate) fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for finding in &report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", property(&finding.file))];
        if finding.line > 0 {
            properties.push(format!("line={}", finding.line));
            properties.push(format!("col={}", finding.column.max(1)));
            // Inclusive, unlike SARIF's.
            properties.push(format!(
                "endColumn={}",
                finding.column.max(1) + finding.width.max(1) - 1
            ));
        }
        properties.push(format!(
            "title={}",
            property(&format!("{} {}", finding.rule.code(), finding.rule.name()))
        ));
        let mut message = finding.message_and_help();
        if let Some(fix) = &finding.fix {
            message.push_str(&format!(
                "\nfix ({}): {}",
                fix.applicability.as_str(),
                fix.title
            ));
        }
        writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            data(&message)
        )?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "routelint: {} calls, {} matched, {} mismatched, {} unresolved; {} errors, {} warnings, {} infos",
        s.calls, s.matched, s.mismatched, s.unresolved, s.errors, s.warnings, s.infos
    )
}

/// A command's message: `%`, CR and LF escaped, as the runner expects.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: the message escapes, plus `:` and `,`, which end a property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn command_text_is_escaped() {
        assert_eq!(data("50% off\nnext"), "50%25 off%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
