//! Inline suppressions: `// routelint: allow(path-near-miss, RL202) -- reason`.
//!
//! A suppression covers the findings of the rules it names on its own line, or, written alone
//! on its line, on the line below (so it can sit above a call); a finding about a call is also
//! covered by a suppression of the call's line. One
//! that covers nothing, or names no rule, is itself reported (`unused-suppression`): a stale
//! suppression would silently hide the next real drift on that line.

use crate::diagnostic::Finding;
use crate::rules::Rule;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// One `routelint: allow(..)` comment.
#[derive(Debug, Clone)]
pub(super) struct Suppression {
    pub(super) file: String,
    /// 1-based line of the comment.
    pub(super) line: usize,
    /// 1-based column of `routelint:`.
    pub(super) column: usize,
    /// Alone on its line (not after code): it covers the next line too.
    alone: bool,
    /// The rules as written, with the rule each names (`None`: no such rule).
    pub(super) rules: Vec<(String, Option<Rule>)>,
    /// Whether each of `rules` suppressed something.
    used: Vec<bool>,
}

fn pattern() -> &'static regex::Regex {
    static PATTERN: OnceLock<regex::Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^/])//\s*routelint:\s*allow\(([^)]*)\)").expect("valid regex")
    })
}

/// Every suppression in `sources`, by file then line.
pub(super) fn collect(sources: &BTreeMap<String, Arc<str>>) -> Vec<Suppression> {
    let mut found = Vec::new();
    for (file, text) in sources {
        // Most files have none: one substring search skips them.
        if !text.contains("routelint:") {
            continue;
        }
        for (index, line) in text.lines().enumerate() {
            // A doc comment that shows the syntax is no suppression.
            let code = line.trim_start();
            if code.starts_with("///") || code.starts_with("//!") {
                continue;
            }
            let Some(captures) = pattern().captures(line) else {
                continue;
            };
            let whole = captures.get(0).map_or(0..0, |m| m.range());
            let rules: Vec<(String, Option<Rule>)> = captures[1]
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(|name| (name.to_string(), Rule::find(name)))
                .collect();
            let at = line[whole.start..]
                .find("routelint:")
                .map_or(whole.start, |i| whole.start + i);
            found.push(Suppression {
                file: file.clone(),
                line: index + 1,
                column: line[..at].chars().count() + 1,
                alone: line[..whole.start].trim().is_empty(),
                used: vec![false; rules.len()],
                rules,
            });
        }
    }
    found
}

/// The first line of the statement that holds `line` of `text`: rustfmt writes a long chain
/// over several lines (`let r = self` / `.client` / `.get(url)`), and a suppression above the
/// statement is meant for the call in it. Lines above `line` belong to the statement while they
/// do not end one (`;`, `{`, `}`) and are neither blank nor comments.
pub(super) fn statement_start(text: &str, line: usize) -> usize {
    let lines: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    let mut start = line;
    for above in lines.iter().rev() {
        let code = above.trim();
        if code.is_empty()
            || code.starts_with("//")
            || code.ends_with(';')
            || code.ends_with('{')
            || code.ends_with('}')
        {
            break;
        }
        start -= 1;
    }
    start
}

/// The suppressions of one run, looked up by `(file, line)`.
pub(super) struct Suppressions {
    list: Vec<Suppression>,
    by_place: BTreeMap<(String, usize), Vec<usize>>,
}

impl Suppressions {
    pub(super) fn new(list: Vec<Suppression>) -> Self {
        let mut by_place: BTreeMap<(String, usize), Vec<usize>> = BTreeMap::new();
        for (i, s) in list.iter().enumerate() {
            by_place
                .entry((s.file.clone(), s.line))
                .or_default()
                .push(i);
            if s.alone {
                by_place
                    .entry((s.file.clone(), s.line + 1))
                    .or_default()
                    .push(i);
            }
        }
        Suppressions { list, by_place }
    }

    /// Whether any suppression is written in `file` (most files have none).
    pub(super) fn in_file(&self, file: &str) -> bool {
        self.list.iter().any(|s| s.file == file)
    }

    /// True (and the suppression marked used) when a suppression covers `finding` at one of
    /// `places` (file, line): its own, and the call's it is about (a struct field's finding
    /// is in the struct's file, its call in another).
    pub(super) fn covers(&mut self, finding: &Finding, places: &[(&str, usize)]) -> bool {
        for &(file, line) in places {
            let Some(indices) = self.by_place.get(&(file.to_string(), line)) else {
                continue;
            };
            for &i in indices {
                let suppression = &mut self.list[i];
                if let Some(slot) = suppression
                    .rules
                    .iter()
                    .position(|(_, rule)| *rule == Some(finding.rule))
                {
                    suppression.used[slot] = true;
                    return true;
                }
            }
        }
        false
    }

    /// One `unused-suppression` finding per rule name that suppressed nothing.
    pub(super) fn unused(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for s in &self.list {
            if s.rules.is_empty() {
                findings.push(unused_finding(
                    s,
                    "`routelint: allow()` names no rule".to_string(),
                    "name the rules it allows: `// routelint: allow(path-near-miss) -- reason`",
                ));
            }
            for ((name, rule), used) in s.rules.iter().zip(&s.used) {
                match rule {
                    None => findings.push(unused_finding(
                        s,
                        format!("`routelint: allow({name})`: no rule `{name}`"),
                        &unknown_rule_help(name),
                    )),
                    Some(rule) if !used => findings.push(unused_finding(
                        s,
                        format!(
                            "`routelint: allow({name})` suppresses nothing: no `{}` finding where it stands",
                            rule.name()
                        ),
                        "remove it, so that it cannot hide a future finding",
                    )),
                    Some(_) => {}
                }
            }
        }
        findings
    }
}

fn unknown_rule_help(name: &str) -> String {
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    match crate::config::closest(name, &names) {
        Some(close) => format!("did you mean `{close}`? (`routelint explain` lists the rules)"),
        None => "rules are named by code (`RL102`) or name (`path-near-miss`)".to_string(),
    }
}

fn unused_finding(s: &Suppression, message: String, help: &str) -> Finding {
    Finding {
        rule: Rule::UnusedSuppression,
        severity: Rule::UnusedSuppression.default_severity(),
        file: s.file.clone(),
        line: s.line,
        column: s.column,
        width: "routelint:".len(),
        call: None,
        message,
        help: Some(help.to_string()),
        cause: "unused suppression".to_string(),
        fix: None,
        fingerprint: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> BTreeMap<String, Arc<str>> {
        BTreeMap::from([("src/a.rs".to_string(), Arc::from(text))])
    }

    fn finding_at(rule: Rule, line: usize) -> Finding {
        Finding {
            rule,
            severity: rule.default_severity(),
            file: "src/a.rs".to_string(),
            line,
            column: 1,
            width: 1,
            call: None,
            message: String::new(),
            help: None,
            cause: String::new(),
            fix: None,
            fingerprint: String::new(),
        }
    }

    #[test]
    fn a_comment_covers_its_line_and_the_next_for_the_rules_it_names() {
        let text = "fn f() {\n    // routelint: allow(path-near-miss, RL202) -- legacy route\n    client.get(url);\n    client.get(other); // routelint: allow(unknown-path)\n}\n";
        let mut s = Suppressions::new(collect(&sources(text)));
        assert!(s.covers(&finding_at(Rule::PathNearMiss, 3), &[("src/a.rs", 3)]));
        assert!(s.covers(&finding_at(Rule::UnknownQueryParam, 3), &[("src/a.rs", 3)]));
        assert!(!s.covers(&finding_at(Rule::MethodNotAllowed, 3), &[("src/a.rs", 3)]));
        assert!(s.covers(&finding_at(Rule::UnknownPath, 4), &[("src/a.rs", 4)]));
        // A comment after code covers its own line only.
        assert!(!s.covers(&finding_at(Rule::UnknownPath, 5), &[("src/a.rs", 5)]));
        // Two lines below the comment: not covered, unless the finding's call is there.
        assert!(!s.covers(&finding_at(Rule::PathNearMiss, 9), &[("src/a.rs", 9)]));
        assert!(s.covers(
            &finding_at(Rule::PathNearMiss, 9),
            &[("src/a.rs", 9), ("src/a.rs", 3)]
        ));
        // The call's line counts in the call's file, not the finding's.
        assert!(!s.covers(
            &finding_at(Rule::UnknownPath, 9),
            &[("src/a.rs", 9), ("src/b.rs", 4)]
        ));
        assert!(s.unused().is_empty());
    }

    #[test]
    fn a_chain_over_several_lines_starts_where_its_statement_does() {
        let text = "fn f() {\n    // routelint: allow(unknown-path)\n    let r = self\n        .client\n        .get(url)\n        .send();\n}\n";
        assert_eq!(statement_start(text, 5), 3);
        assert_eq!(statement_start(text, 3), 3);
        let one = "fn f() {\n    self.client.get(url);\n}\n";
        assert_eq!(statement_start(one, 2), 2);
    }

    #[test]
    fn unused_and_unknown_rules_are_reported_at_the_comment() {
        let text = "// routelint: allow(path-near-mis)\nlet a = 1;\n    /* x */ // routelint: allow(unknown-path)\n";
        let s = Suppressions::new(collect(&sources(text)));
        let unused = s.unused();
        assert_eq!(unused.len(), 2);
        assert_eq!((unused[0].line, unused[0].column), (1, 4));
        assert!(unused[0].message.contains("no rule `path-near-mis`"));
        assert!(
            unused[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("`path-near-miss`"))
        );
        assert_eq!((unused[1].line, unused[1].column), (3, 16));
        assert!(unused[1].message.contains("suppresses nothing"));
    }

    #[test]
    fn text_that_merely_mentions_routelint_is_no_suppression() {
        let text = "// see routelint docs\nlet s = \"routelint: allow\";\n/// doc: write `// routelint: allow(x)`\n";
        assert!(collect(&sources(text)).is_empty());
    }
}
