//! From a match outcome to findings: each rule's message, help, cause and fix.

use crate::diagnostic::{Applicability, Edit, Finding};
use crate::fix;
use crate::resolve::{Outcome, PathDiff, Target, TargetSeg};
use crate::rules::Rule;
use crate::source::{CallUrl, HttpCall, PathSeg};
use crate::spec::{Method, Route, Spec};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub(super) fn finding(
    rule: Rule,
    call: &HttpCall,
    at: Option<(usize, usize, usize)>,
    index: usize,
    message: String,
    help: Option<String>,
    cause: String,
) -> Finding {
    let verb_width = call
        .method_site
        .as_ref()
        .map_or(1, |s| s.range.len().max(1));
    let (line, column, width) = at.unwrap_or((call.line, call.column, verb_width));
    Finding {
        rule,
        severity: rule.default_severity(),
        file: call.file.clone(),
        line,
        column,
        width,
        call: Some(index),
        message,
        help,
        cause,
        fix: None,
        fingerprint: String::new(),
    }
}

pub(super) struct Explainer<'a> {
    pub(super) call: &'a HttpCall,
    pub(super) url: &'a CallUrl,
    pub(super) index: usize,
    pub(super) spec: &'a Spec,
    /// Text of the files fixes were computed on, read once and shared by the threads that
    /// explain calls.
    pub(super) sources: &'a Mutex<BTreeMap<String, Arc<str>>>,
    pub(super) cwd: &'a Path,
    /// The URL literal is used by other calls too: rewriting it changes them as well.
    pub(super) shared_literal: bool,
    /// The verb token makes other requests too (a URL that is one of several paths): it is
    /// never rewritten for one of them.
    pub(super) shared_verb: bool,
    /// For a deprecated operation: the one that replaces it in another spec.
    pub(super) replacement: Option<String>,
    pub(super) findings: Vec<Finding>,
}

fn describe(route: &Route) -> String {
    let mut text = format!("`{}`", route.signature());
    let mut notes = Vec::new();
    if let Some(id) = &route.operation_id {
        notes.push(format!("`{id}`"));
    }
    if route.deprecated {
        notes.push("deprecated".to_string());
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join(", ")));
    }
    text
}

pub(super) fn route_name(route: &Route) -> String {
    route.operation_id.as_ref().map_or_else(
        || format!("`{}`", route.signature()),
        |id| format!("`{id}`"),
    )
}

impl Explainer<'_> {
    pub(super) fn add(
        &mut self,
        rule: Rule,
        at_url: bool,
        message: String,
        help: Option<String>,
        cause: String,
    ) -> usize {
        let at = if at_url {
            self.call
                .url
                .literal
                .as_ref()
                .map(|l| (l.line, l.column, l.width))
        } else {
            None
        };
        self.add_at(rule, at, message, help, cause)
    }

    /// A finding at a place of the call's source (`(line, column, width)`), or at the call.
    pub(super) fn add_at(
        &mut self,
        rule: Rule,
        at: Option<(usize, usize, usize)>,
        message: String,
        help: Option<String>,
        cause: String,
    ) -> usize {
        self.findings.push(finding(
            rule, self.call, at, self.index, message, help, cause,
        ));
        self.findings.len() - 1
    }

    fn call_signature(&self) -> String {
        format!("{} {}", self.call.method, self.url.path())
    }

    pub(super) fn explain(&mut self, outcome: &Outcome) {
        let routes = &self.spec.routes;
        match outcome {
            Outcome::Matched { route, target } => {
                let route = &routes[*route];
                self.param_names(route, target);
                self.query_params(route);
                self.header_params(route);
                self.request_body(route);
                if route.deprecated {
                    let help = self
                        .replacement
                        .as_ref()
                        .map(|r| format!("its replacement is {r}"));
                    self.add(
                        Rule::DeprecatedOperation,
                        false,
                        format!(
                            "`{}`{} is deprecated",
                            route.signature(),
                            route
                                .operation_id
                                .as_ref()
                                .map_or_else(String::new, |id| format!(" (`{id}`)"))
                        ),
                        help,
                        "deprecated operation".to_string(),
                    );
                }
            }
            Outcome::Ambiguous { routes: candidates } => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|&r| format!("`{}`", routes[r].signature()))
                    .collect();
                self.add(
                    Rule::AmbiguousRoute,
                    true,
                    format!("`{}` matches {} equally", self.call_signature(), list.join(" and ")),
                    Some("the server decides which one runs; make the spec's paths distinct or the call's path concrete".to_string()),
                    "ambiguous templates".to_string(),
                );
            }
            Outcome::MethodNotAllowed {
                allowed,
                route,
                target,
            } => {
                let methods: Vec<String> = allowed
                    .iter()
                    .map(|&r| format!("`{}`", routes[r].method))
                    .collect();
                let path = &routes[allowed[0]].path.raw;
                let at = self.add(
                    Rule::MethodNotAllowed,
                    false,
                    format!("`{}` is not allowed on `{path}`", self.call.method),
                    Some(format!("the spec allows {}", methods.join(", "))),
                    format!("method `{}` not allowed", self.call.method),
                );
                if let Some(route) = route {
                    let route = &routes[*route];
                    self.param_names(route, target);
                    let edits: Vec<Edit> = self.method_edit(route.method).into_iter().collect();
                    self.attach_fix(
                        at,
                        format!("Use `{}`", route.signature()),
                        Applicability::Unsafe,
                        edits,
                    );
                }
            }
            Outcome::NearMiss {
                route,
                diffs,
                target,
                unique,
            } => {
                self.near_miss(&routes[*route], diffs, target, *unique);
            }
            Outcome::Unknown { nearest, suggested } => self.unknown(nearest, suggested.as_ref()),
        }
    }

    fn near_miss(&mut self, route: &Route, diffs: &[PathDiff], target: &Target, unique: bool) {
        let (values, words): (Vec<&PathDiff>, Vec<&PathDiff>) = diffs.iter().partition(|d| {
            matches!(
                d,
                PathDiff::ValueForLiteral { .. } | PathDiff::LiteralPlaceholder { .. }
            )
        });
        let mut primary = None;
        if !words.is_empty() {
            let kinds: Vec<&str> = words.iter().map(|d| d.kind()).collect();
            let changes: Vec<String> = words.iter().map(|d| d.describe()).collect();
            primary = Some(
                self.add(
                    Rule::PathNearMiss,
                    true,
                    format!(
                        "no operation matches `{}`: did you mean {}?",
                        self.call_signature(),
                        describe(route)
                    ),
                    Some(format!("{}: {}", kinds.join(", "), changes.join(", "))),
                    words
                        .iter()
                        .map(|d| format!("{} ({})", d.describe(), d.kind()))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            );
        }
        for diff in values {
            let (message, help, cause) = match diff {
                PathDiff::ValueForLiteral { hole, spec } => (
                    format!(
                        "`{{{hole}}}` is a value where {} has the fixed segment `{spec}`",
                        describe(route)
                    ),
                    None,
                    format!("value where the spec has `{spec}`"),
                ),
                PathDiff::LiteralPlaceholder { text, param } => (
                    format!(
                        "the client sends the text `{text}` where {} takes the parameter `{{{param}}}`",
                        describe(route)
                    ),
                    Some("braces in a plain string are sent as they are: format the value into the URL with `format!`".to_string()),
                    format!("literal `{text}` sent for `{{{param}}}`"),
                ),
                _ => continue,
            };
            let at = self.add(Rule::PathParamMismatch, true, message, help, cause);
            primary.get_or_insert(at);
        }
        self.moved_to_query(route, target);
        self.method_differs(route, "");
        self.param_names(route, target);
        // Safe means certain: one candidate, same method, same values, only words renamed. A
        // prefix is never certain: the base URL may already carry it.
        let safe = unique
            && !self.shared_literal
            && route.method == self.call.method
            && target.to_query.is_empty()
            && diffs
                .iter()
                .all(|d| matches!(d, PathDiff::Word { .. } | PathDiff::TrailingSlash { .. }));
        let applicability = if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        if let Some(at) = primary {
            let edits = self.route_edits(route, target);
            self.attach_fix(
                at,
                format!("Use `{}`", route.signature()),
                applicability,
                edits,
            );
        }
    }

    fn unknown(&mut self, nearest: &[usize], suggested: Option<&(usize, Target)>) {
        let routes = &self.spec.routes;
        let help = match suggested {
            Some((route, _)) => {
                let others: Vec<String> = nearest
                    .iter()
                    .filter(|&&r| r != *route)
                    .map(|&r| format!("`{}`", routes[r].signature()))
                    .collect();
                let mut help = format!("nearest: {}", describe(&routes[*route]));
                if !others.is_empty() {
                    help.push_str(&format!("; also {}", others.join(", ")));
                }
                help
            }
            None if nearest.is_empty() => "the spec has no operations".to_string(),
            None => {
                let list: Vec<String> = nearest
                    .iter()
                    .map(|&r| format!("`{}`", routes[r].signature()))
                    .collect();
                format!("no operation is near; the closest are {}", list.join(", "))
            }
        };
        let cause = "no operation near this path".to_string();
        let at = self.add(
            Rule::UnknownPath,
            true,
            format!("no operation matches `{}`", self.call_signature()),
            Some(help),
            cause,
        );
        let Some((route, target)) = suggested else {
            return;
        };
        let route = &routes[*route];
        self.method_differs(route, "the nearest operation ");
        self.moved_to_query(route, target);
        let edits = self.route_edits(route, target);
        self.attach_fix(
            at,
            format!("Use `{}`", route.signature()),
            Applicability::Unsafe,
            edits,
        );
    }

    /// RL107: the call's path and method are an operation of `self.spec`, but its base URL is
    /// bound to `bound`.
    pub(super) fn wrong_api(&mut self, bound: &Spec, route: &Route) {
        let base = self.url.base.clone().unwrap_or_default();
        let help = match self.spec.bases.first() {
            Some(right) => format!("send it on `{right}`, the base of `{}`", self.spec.name),
            None => format!("send it to the base URL of `{}`", self.spec.name),
        };
        self.add(
            Rule::WrongApi,
            false,
            format!(
                "{} is an operation of `{}`, but this call sends it to `{base}`, the base of `{}`",
                describe(route),
                self.spec.name,
                bound.name
            ),
            Some(help),
            format!("sent to `{}` instead of `{}`", bound.name, self.spec.name),
        );
    }

    /// RL103 when the operation the call is explained by uses another method.
    fn method_differs(&mut self, route: &Route, lead: &str) {
        if route.method == self.call.method {
            return;
        }
        self.add(
            Rule::MethodNotAllowed,
            false,
            format!(
                "{lead}{} is `{}`, the call sends `{}`",
                route_name(route),
                route.method,
                self.call.method
            ),
            None,
            format!("method `{}` → `{}`", self.call.method, route.method),
        );
    }

    fn moved_to_query(&mut self, route: &Route, target: &Target) {
        for (segment, param) in &target.to_query {
            let hole = match self.url.segments.get(*segment) {
                Some(PathSeg::Hole(name)) => name.clone(),
                _ => continue,
            };
            self.add(
                Rule::PathSegmentShouldBeQuery,
                true,
                format!(
                    "`{{{hole}}}` is sent as a path segment; {} takes `{param}` as a query parameter",
                    route_name(route)
                ),
                Some(format!("send it as `?{param}=…` (URL-encoded)")),
                format!("`{{{hole}}}` → `?{param}=`"),
            );
        }
    }

    /// RL105 for each call hole whose name differs from the spec parameter it fills.
    fn param_names(&mut self, route: &Route, target: &Target) {
        let params: Vec<&str> = route.path.params().collect();
        let kept = target.segments.iter().filter_map(|s| match s {
            TargetSeg::Keep(i) => Some(*i),
            TargetSeg::Literal(_) => None,
        });
        for (param, segment) in params.iter().zip(kept) {
            if let Some(PathSeg::Hole(hole)) = self.url.segments.get(segment) {
                if hole != param {
                    self.add(
                        Rule::ParamNameDiffers,
                        true,
                        format!("path parameter `{{{hole}}}` is `{{{param}}}` in the spec"),
                        Some(format!("{} names it `{param}`", route_name(route))),
                        format!("`{{{hole}}}` → `{{{param}}}`"),
                    );
                }
            }
        }
    }

    fn source(&mut self) -> Option<Arc<str>> {
        let file = &self.call.file;
        // A poisoned lock only means another thread panicked: its map is still sound.
        let lock = || self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(text) = lock().get(file) {
            return Some(Arc::clone(text));
        }
        // Not scanned (it should have been): read it without holding up the other threads.
        let text: Arc<str> = std::fs::read_to_string(self.cwd.join(file)).ok()?.into();
        Some(Arc::clone(lock().entry(file.clone()).or_insert(text)))
    }

    fn method_edit(&mut self, method: Method) -> Option<Edit> {
        if self.shared_verb {
            return None;
        }
        let src = self.source()?;
        fix::method_edit(self.call, method, &src)
    }

    fn route_edits(&mut self, route: &Route, target: &Target) -> Vec<Edit> {
        let mut edits: Vec<Edit> = fix::path_edit(self.call, self.url, target)
            .into_iter()
            .collect();
        if route.method != self.call.method {
            match self.method_edit(route.method) {
                Some(edit) => edits.push(edit),
                // A fix that changes the path but not the method would be half a fix.
                None => return Vec::new(),
            }
        }
        edits
    }

    pub(super) fn attach_fix(
        &mut self,
        finding: usize,
        title: String,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) {
        if edits.is_empty() {
            return;
        }
        let rewrites_literal = self
            .call
            .url
            .literal
            .as_ref()
            .is_some_and(|site| edits.iter().any(|e| e.range == site.range));
        let (title, applicability) = if self.shared_literal && rewrites_literal {
            (
                format!("{title} (the URL is shared with other calls, which change too)"),
                applicability.min(Applicability::Unsafe),
            )
        } else {
            (title, applicability)
        };
        let Some(src) = self.source() else { return };
        self.findings[finding].fix = fix::make_fix(title, applicability, edits, &src);
    }
}

/// The declared name a misspelt key (query parameter, body field) most likely means
/// (`pageSize` for `page_size`).
pub(super) fn closest<'n>(key: &str, names: &[&'n str]) -> Option<&'n str> {
    let fold = |s: &str| s.replace(['_', '-'], "").to_ascii_lowercase();
    names
        .iter()
        .map(|name| (strsim::damerau_levenshtein(&fold(key), &fold(name)), *name))
        // One edit in four letters, and never the whole word (`c` is not a typo of `a`).
        .filter(|(distance, name)| {
            *distance <= (name.len() / 4).max(1) && *distance < name.len().min(key.len())
        })
        .min()
        .map(|(_, name)| name)
}

pub(super) fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
