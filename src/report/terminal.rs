//! `--format terminal`: rustc-style diagnostics with the source line, then a table of calls
//! and a one-line summary. Colour only when the caller says so (a TTY, no `NO_COLOR`).

use super::match_label;
use crate::check::Report;
use crate::rules::Severity;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::{self, Write};

struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, severity.as_str())
    }
}

pub(crate) fn emit(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let paint = Paint { color };
    for finding in &report.findings {
        writeln!(
            out,
            "{}{} {}",
            paint.severity(finding.severity),
            paint.paint("1", &format!("[{}]:", finding.rule.code())),
            paint.paint("1", &finding.message)
        )?;
        writeln!(
            out,
            "  {} {}:{}:{} ({})",
            paint.paint("34", "-->"),
            finding.file,
            finding.line,
            finding.column,
            finding.rule.name()
        )?;
        let line_text = report
            .sources
            .get(&finding.file)
            .and_then(|src| src.lines().nth(finding.line.saturating_sub(1)));
        if let Some(text) = line_text {
            let number = finding.line.to_string();
            let gutter = " ".repeat(number.len());
            writeln!(out, "{gutter} {}", paint.paint("34", "|"))?;
            writeln!(
                out,
                "{} {} {}",
                paint.paint("34", &number),
                paint.paint("34", "|"),
                text
            )?;
            let underline_at = text
                .char_indices()
                .nth(finding.column.saturating_sub(1))
                .map_or(0, |(i, _)| text[..i].chars().count());
            writeln!(
                out,
                "{gutter} {} {}{}",
                paint.paint("34", "|"),
                " ".repeat(underline_at),
                paint.paint("1;34", &"^".repeat(finding.width.max(1)))
            )?;
        }
        if let Some(help) = &finding.help {
            writeln!(out, "  {} {help}", paint.paint("1", "= help:"))?;
        }
        if let Some(fix) = &finding.fix {
            writeln!(
                out,
                "  {} {} ({})",
                paint.paint("1", "= fix:"),
                fix.title,
                fix.applicability.as_str()
            )?;
        }
        writeln!(out)?;
    }

    if !report.calls.is_empty() {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(vec!["#", "call", "where", "spec operation", "match"]);
        for call in &report.calls {
            let operation = call
                .operation
                .as_ref()
                .map_or_else(|| "—".to_string(), |op| op.signature());
            table.add_row(vec![
                call.id.clone(),
                format!("{} {}", call.call.method_text(), call.path()),
                format!(
                    "{}:{} {}{}",
                    call.call.file,
                    call.call.line,
                    call.call.function,
                    if call.call.via.is_empty() {
                        String::new()
                    } else {
                        format!(" via {}", call.call.via.join(" > "))
                    }
                ),
                operation,
                match_label(report, call),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "{} in {} ({} resolved): {} matched, {} mismatched, {} unresolved; {}, {}, {}",
        count(s.calls, "call"),
        count(s.files, "file"),
        s.resolved_share(),
        s.matched,
        s.mismatched,
        s.unresolved,
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        count(s.infos, "info")
    )?;
    if s.test_calls > 0 {
        writeln!(
            out,
            "{} in test code, not checked",
            count(s.test_calls, "more call")
        )?;
    }
    Ok(())
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
