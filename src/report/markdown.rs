//! `--format markdown`: the review a person reads in a pull request, modelled on the hand-made
//! review that started routelint, with every count derived from the same calls as the table.

use super::{match_label, notes};
use crate::check::{CheckedCall, Report, Status};
use crate::diagnostic::{Applicability, Edit};
use crate::fix;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub(crate) fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    header(report, out)?;
    calls_table(report, out)?;
    causes(report, out)?;
    conclusion(report, out)?;
    request_bodies(report, out)?;
    patches(report, out)?;
    coverage(report, out)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn header(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# routelint report")?;
    writeln!(out)?;
    for spec in &report.specs {
        writeln!(out, "| spec `{}` | `{}` |", spec.name, spec.source)?;
        writeln!(out, "|---|---|")?;
        writeln!(out, "| title | {} |", cell(&spec.title))?;
        writeln!(
            out,
            "| format | {}, {} |",
            spec.kind_and_version(),
            spec.format
        )?;
        writeln!(
            out,
            "| size | {}, {} |",
            plural(spec.path_count, "path", "paths"),
            plural(spec.operation_count(), "operation", "operations")
        )?;
        writeln!(out, "| SHA-256 | `{}` |", spec.sha256)?;
        writeln!(out)?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "Scanned {}, found {}.",
        plural(s.files, "Rust file", "Rust files"),
        plural(s.calls, "HTTP call", "HTTP calls")
    )?;
    writeln!(out)
}

fn calls_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Calls")?;
    writeln!(out)?;
    if report.calls.is_empty() {
        writeln!(out, "No HTTP calls found.")?;
        return writeln!(out);
    }
    writeln!(
        out,
        "| # | client call | where | spec operation | match | notes |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for call in &report.calls {
        let operation = match &call.operation {
            Some(op) => {
                let mut text = format!("{} `{}`", op.method, op.path);
                if let Some(id) = &op.operation_id {
                    text.push_str(&format!(" (`{id}`)"));
                }
                if op.deprecated {
                    text.push_str(", deprecated");
                }
                if call.status == Status::Mismatched {
                    text = format!("nearest: {text}");
                }
                text
            }
            None => "—".to_string(),
        };
        writeln!(
            out,
            "| {} | {} `{}` | `{}:{}` `{}`{} | {} | {} | {} |",
            call.id,
            call.call.method_text(),
            cell(&call.path()),
            call.call.file,
            call.call.line,
            call.call.function,
            via(call),
            cell(&operation),
            match_label(report, call),
            cell(&notes(report, call).join("; ")),
        )?;
    }
    writeln!(out)
}

/// ` via `get` > `request``: the wrappers a call goes through.
fn via(call: &CheckedCall) -> String {
    if call.call.via.is_empty() {
        return String::new();
    }
    let chain: Vec<String> = call.call.via.iter().map(|w| format!("`{w}`")).collect();
    format!(" via {}", chain.join(" > "))
}

/// Mismatches grouped by cause: the same cause across calls is one line with a count.
fn causes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&CheckedCall>> = BTreeMap::new();
    for call in &report.calls {
        if call.status != Status::Mismatched {
            continue;
        }
        for &f in &call.findings {
            let finding = &report.findings[f];
            groups
                .entry((
                    finding.rule.code(),
                    finding.rule.name(),
                    finding.cause.as_str(),
                ))
                .or_default()
                .push(call);
        }
    }
    if groups.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Mismatches by cause")?;
    writeln!(out)?;
    let mut rows: Vec<_> = groups.into_iter().collect();
    // Most widespread cause first; ties in catalogue order.
    rows.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    writeln!(out, "| cause | rule | calls |")?;
    writeln!(out, "|---|---|---|")?;
    for ((code, name, cause), calls) in rows {
        let names: Vec<String> = calls
            .iter()
            .map(|c| format!("`{}`", c.call.function))
            .collect();
        writeln!(
            out,
            "| {} | {code} `{name}` | {}: {} |",
            cell(cause),
            calls.len(),
            names.join(", ")
        )?;
    }
    writeln!(out)
}

/// Calls whose mismatch a safe fix resolves completely: every routing error carries or shares
/// the call's one safe fix.
fn safely_fixable(report: &Report, call: &CheckedCall) -> bool {
    call.status == Status::Mismatched
        && call.findings.iter().any(|&f| {
            report.findings[f]
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
        })
}

/// What each JSON body sends against the fields of its operation's schema, the verified ones
/// too: a reviewer sees that `exec` sends what `ExecuteRequest` requires.
fn request_bodies(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<(&CheckedCall, super::BodyCheck)> = report
        .calls
        .iter()
        .filter_map(|call| Some((call, super::body_check(report, call)?)))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "## Request bodies")?;
    writeln!(out)?;
    for (call, check) in rows {
        let (Some(op), Some(keys)) = (
            call.operation.as_ref(),
            call.call.body.as_ref().and_then(|b| b.keys.as_ref()),
        ) else {
            continue;
        };
        let schema = check
            .schema
            .as_ref()
            .map_or_else(|| "its schema".to_string(), |s| format!("`{s}`"));
        let requires = if check.required.is_empty() {
            "requires no field".to_string()
        } else {
            format!("requires {}", list(&check.required))
        };
        let sends = if keys.is_empty() {
            "sends no field".to_string()
        } else {
            format!("sends {}", list(keys))
        };
        let verdict = if check.verified() {
            "✓".to_string()
        } else {
            let mut problems = Vec::new();
            if !check.missing.is_empty() {
                problems.push(format!("missing {}", list(&check.missing)));
            }
            if !check.unknown.is_empty() {
                problems.push(format!("not in the schema: {}", list(&check.unknown)));
            }
            format!("✗ {}", problems.join("; "))
        };
        let suggested = if call.status == Status::Matched {
            ""
        } else {
            " (the suggested operation)"
        };
        writeln!(
            out,
            "- {} `{}`: `{} {}`{suggested}: {schema} {requires}; the client {sends} {verdict}",
            call.id, call.call.function, op.method, op.path
        )?;
    }
    writeln!(out)
}

fn conclusion(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(out, "## Conclusion")?;
    writeln!(out)?;
    let safe: Vec<&CheckedCall> = report
        .calls
        .iter()
        .filter(|c| safely_fixable(report, c))
        .collect();
    let review: Vec<&CheckedCall> = report
        .calls
        .iter()
        .filter(|c| c.status == Status::Mismatched && !safely_fixable(report, c))
        .collect();
    let names = |calls: &[&CheckedCall]| -> String {
        calls
            .iter()
            .map(|c| format!("`{}`", c.call.function))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if s.mismatched == 0 {
        writeln!(
            out,
            "**All {} calls that could be resolved match the spec.**",
            s.calls - s.unresolved
        )?;
    } else {
        writeln!(
            out,
            "**{} of {} calls do not match the spec.**",
            s.mismatched, s.calls
        )?;
    }
    writeln!(out)?;
    writeln!(out, "- matched: {}", s.matched)?;
    writeln!(out, "- mismatched: {}", s.mismatched)?;
    if !safe.is_empty() {
        writeln!(
            out,
            "  - {} with a safe mechanical fix: {}",
            safe.len(),
            names(&safe)
        )?;
    }
    if !review.is_empty() {
        writeln!(
            out,
            "  - {} that need review: {}",
            review.len(),
            names(&review)
        )?;
    }
    writeln!(
        out,
        "- unresolved (URL or method not known statically): {} ({} of calls resolved)",
        s.unresolved,
        s.resolved_share()
    )?;
    if s.test_calls > 0 {
        writeln!(out, "- calls in test code, not checked: {}", s.test_calls)?;
    }
    writeln!(
        out,
        "- findings: {}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos")
    )?;
    writeln!(out)
}

fn patches(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut safe_edits: BTreeMap<&str, Vec<Edit>> = BTreeMap::new();
    let mut safe_calls: Vec<&str> = Vec::new();
    let mut review = Vec::new();
    for finding in &report.findings {
        let Some(fix) = &finding.fix else { continue };
        let call = finding.call.map(|i| &report.calls[i]);
        if fix.applicability == Applicability::Safe {
            safe_edits
                .entry(&finding.file)
                .or_default()
                .extend(fix.edits.iter().cloned());
            if let Some(call) = call {
                safe_calls.push(&call.call.function);
            }
        } else {
            review.push((finding, call, fix));
        }
    }
    if safe_edits.is_empty() && review.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Suggested patches")?;
    writeln!(out)?;
    if !safe_edits.is_empty() {
        writeln!(out, "### Safe: mechanical renames")?;
        writeln!(out)?;
        let list: Vec<String> = safe_calls.iter().map(|f| format!("`{f}`")).collect();
        writeln!(
            out,
            "Each changes only literal path text, to the one operation with the same method and parameters. Applies to {}. `routelint check --fix` applies them.",
            list.join(", ")
        )?;
        writeln!(out)?;
        for (file, edits) in &safe_edits {
            let Some(src) = report.sources.get(*file) else {
                continue;
            };
            let Some(fixed) = fix::apply(src, edits) else {
                continue;
            };
            writeln!(out, "```diff")?;
            write!(out, "{}", fix::unified_diff(file, src, &fixed))?;
            writeln!(out, "```")?;
            writeln!(out)?;
        }
    }
    if !review.is_empty() {
        writeln!(out, "### Needs review")?;
        writeln!(out)?;
        writeln!(
            out,
            "These change the method, move values into the query, or pick an operation by similarity. Check each against the API before applying (`--unsafe-fixes`)."
        )?;
        writeln!(out)?;
        for (finding, call, fix) in review {
            let label = call.map_or_else(String::new, |c| {
                format!("`{}` ({}): ", c.call.function, c.id)
            });
            writeln!(out, "#### {label}{}", fix.title)?;
            writeln!(out)?;
            writeln!(
                out,
                "{} `{}`: {}",
                finding.rule.code(),
                finding.rule.name(),
                finding.message
            )?;
            if let Some(op) = call
                .and_then(|c| c.operation.as_ref())
                .filter(|op| op.deprecated)
            {
                writeln!(out)?;
                writeln!(
                    out,
                    "The suggested operation `{}` is deprecated: look for its replacement before wiring it in.",
                    op.signature()
                )?;
            }
            writeln!(out)?;
            writeln!(out, "```diff")?;
            write!(out, "{}", fix.diff)?;
            writeln!(out, "```")?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn coverage(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let c = &report.coverage;
    writeln!(out, "## Spec coverage")?;
    writeln!(out)?;
    let percent = if c.operations == 0 {
        0.0
    } else {
        100.0 * c.called as f64 / c.operations as f64
    };
    writeln!(
        out,
        "{} of {} operations are called by a matching call ({percent:.1}%).",
        c.called, c.operations
    )?;
    writeln!(out)?;
    writeln!(out, "| tag | called | operations |")?;
    writeln!(out, "|---|---|---|")?;
    for (tag, called, total) in &c.by_tag {
        let tag = if tag.is_empty() {
            "(untagged)".to_string()
        } else {
            format!("`{tag}`")
        };
        writeln!(out, "| {tag} | {called} | {total} |")?;
    }
    Ok(())
}
