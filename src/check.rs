//! The `check` pipeline: specs loaded, sources scanned, each call matched and explained.
//!
//! This module decides what a report says; `report/` only renders it.

use crate::diagnostic::{Applicability, Edit, Finding};
use crate::fix;
use crate::resolve::{CallShape, Matcher, Outcome, PathDiff, Target, TargetSeg};
use crate::rules::{Rule, Severity};
use crate::source::{self, CallUrl, HttpCall, PathSeg};
use crate::spec::{self, Method, Route, Spec, SpecError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// `(name, file)`; the name defaults to the file stem.
    pub specs: Vec<(Option<String>, PathBuf)>,
    /// `(spec name, expression)`: the expressions that hold each API's base URL.
    pub bases: Vec<(String, String)>,
    /// Files and directories to scan.
    pub paths: Vec<PathBuf>,
    /// Paths in reports are shown relative to this.
    pub cwd: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Matched,
    Mismatched,
    Unresolved,
    /// Found without a spec to check it against (`routelint calls`).
    Unchecked,
}

/// The operation a call uses, or for a mismatched call the one it most likely means.
#[derive(Debug, Clone, Serialize)]
pub struct OperationRef {
    pub spec: String,
    pub method: Method,
    pub path: String,
    pub operation_id: Option<String>,
    pub deprecated: bool,
    #[serde(skip)]
    pub tags: Vec<String>,
}

impl OperationRef {
    fn of(spec: &Spec, route: &Route) -> OperationRef {
        OperationRef {
            spec: spec.name.clone(),
            method: route.method,
            path: route.path.raw.clone(),
            operation_id: route.operation_id.clone(),
            deprecated: route.deprecated,
            tags: route.tags.clone(),
        }
    }

    /// `GET /sandbox/{sandboxIdOrName}`
    pub fn signature(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// One call as the report shows it.
#[derive(Debug, Clone)]
pub struct CheckedCall {
    /// `C1`, `C2`… in file and line order.
    pub id: String,
    pub call: HttpCall,
    /// Base, path and query; `None` when the URL could not be resolved.
    pub url: Option<CallUrl>,
    /// Query keys from the URL template and from `.query(..)`.
    pub query: Vec<String>,
    pub status: Status,
    pub operation: Option<OperationRef>,
    /// Indices into [`Report::findings`].
    pub findings: Vec<usize>,
}

impl CheckedCall {
    /// The client's path template, or `?` when unresolved.
    pub fn path(&self) -> String {
        self.url
            .as_ref()
            .map_or_else(|| "?".to_string(), CallUrl::path)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UncalledOperation {
    pub spec: String,
    pub method: Method,
    pub path: String,
}

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub operations: usize,
    pub called: usize,
    pub uncalled: Vec<UncalledOperation>,
    /// (tag, operations called, operations) sorted by tag; untagged operations under `""`.
    pub by_tag: Vec<(String, usize, usize)>,
}

impl Summary {
    /// `100%`: the share of calls whose URL and method are known statically.
    pub fn resolved_share(&self) -> String {
        if self.calls == 0 {
            return "-".to_string();
        }
        let resolved = self.calls - self.unresolved;
        format!("{}%", resolved * 100 / self.calls)
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub calls: usize,
    pub matched: usize,
    pub mismatched: usize,
    pub unresolved: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Everything a report needs.
#[derive(Debug, Clone)]
pub struct Report {
    pub specs: Vec<Spec>,
    pub calls: Vec<CheckedCall>,
    /// Sorted by file, line, column, code.
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    pub summary: Summary,
    /// The text of each file a fix edits, as it was read (fixes apply only to this text).
    pub sources: BTreeMap<String, String>,
}

/// Why a check could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error("{0}: no such file or directory")]
    MissingPath(String),
    #[error("no spec given: pass `--spec FILE`")]
    NoSpec,
    #[error("`--base {name}=…` names no spec; the specs are: {known}")]
    UnknownSpecName { name: String, known: String },
}

/// Load the specs given in `options`.
pub fn load_specs(options: &CheckOptions) -> Result<Vec<Spec>, CheckError> {
    if options.specs.is_empty() {
        return Err(CheckError::NoSpec);
    }
    let mut specs: Vec<Spec> = options
        .specs
        .iter()
        .map(|(name, path)| {
            let shown = PathBuf::from(source::display_path(path, &options.cwd));
            let mut spec = spec::load(path, name.as_deref())?;
            spec.source = shown.display().to_string();
            Ok(spec)
        })
        .collect::<Result<_, CheckError>>()?;
    for (name, expr) in &options.bases {
        let Some(spec) = specs.iter_mut().find(|s| &s.name == name) else {
            return Err(CheckError::UnknownSpecName {
                name: name.clone(),
                known: specs
                    .iter()
                    .map(|s| format!("`{}`", s.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        spec.bases.push(expr.clone());
    }
    Ok(specs)
}

/// Scan the source paths in `options`.
pub fn scan_sources(paths: &[PathBuf], cwd: &Path) -> Result<source::Scan, CheckError> {
    for path in paths {
        if !path.exists() {
            return Err(CheckError::MissingPath(path.display().to_string()));
        }
    }
    let (files, mut problems) = source::discover(paths, cwd);
    let mut scan = source::scan(&files);
    problems.append(&mut scan.problems);
    scan.problems = problems;
    Ok(scan)
}

/// Run the whole check.
pub fn check(options: &CheckOptions) -> Result<Report, CheckError> {
    let specs = load_specs(options)?;
    let scan = scan_sources(&options.paths, &options.cwd)?;
    Ok(build_report(specs, scan, &options.cwd))
}

/// Match scanned calls against loaded specs.
pub fn build_report(specs: Vec<Spec>, scan: source::Scan, cwd: &Path) -> Report {
    let mut session = Session {
        specs: &specs,
        matchers: specs.iter().map(Matcher::new).collect(),
        sources: BTreeMap::new(),
        cwd,
        literal_users: HashMap::new(),
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut calls: Vec<CheckedCall> = Vec::new();

    for problem in &scan.problems {
        findings.push(Finding {
            rule: Rule::SourceParseError,
            severity: Rule::SourceParseError.default_severity(),
            file: problem.file.clone(),
            line: problem.line,
            column: problem.column,
            width: 1,
            call: None,
            message: format!("cannot parse `{}`: {}", problem.file, problem.message),
            help: Some("the file was skipped; its calls are not checked".to_string()),
            cause: "file skipped".to_string(),
            fix: None,
        });
    }

    let mut ordered = scan.calls;
    ordered.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    for call in &ordered {
        if let Some(site) = &call.url.literal {
            *session
                .literal_users
                .entry((call.file.clone(), site.range.start))
                .or_default() += 1;
        }
    }
    for (index, call) in ordered.into_iter().enumerate() {
        let url = CallUrl::split(&call.url).ok();
        let mut query = url.as_ref().map(|u| u.query.clone()).unwrap_or_default();
        query.extend(call.query.iter().cloned());
        let mut checked = CheckedCall {
            id: format!("C{}", index + 1),
            call,
            url,
            query,
            status: Status::Unresolved,
            operation: None,
            findings: Vec::new(),
        };
        let new = session.explain(&mut checked, index);
        for finding in new {
            checked.findings.push(findings.len());
            findings.push(finding);
        }
        calls.push(checked);
    }

    // Sort findings for stable output, keeping the calls' indices pointing at them.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        (&fa.file, fa.line, fa.column, fa.rule.code()).cmp(&(
            &fb.file,
            fb.line,
            fb.column,
            fb.rule.code(),
        ))
    });
    let mut position = vec![0; findings.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let findings: Vec<Finding> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for call in &mut calls {
        for f in &mut call.findings {
            *f = position[*f];
        }
        call.findings.sort_unstable();
    }

    let mut sources = session.sources;
    // Terminal diagnostics quote the source line of every finding.
    for finding in &findings {
        if finding.line > 0 && !sources.contains_key(&finding.file) {
            if let Ok(text) = std::fs::read_to_string(cwd.join(&finding.file)) {
                sources.insert(finding.file.clone(), text);
            }
        }
    }
    let coverage = coverage(&specs, &calls);
    let summary = summarize(scan.files, &calls, &findings);
    Report {
        specs,
        calls,
        findings,
        coverage,
        summary,
        sources,
    }
}

/// Rank of an outcome when several specs are tried: lower explains the call better.
fn outcome_rank(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::Matched { .. } => 0,
        Outcome::Ambiguous { .. } => 1,
        Outcome::MethodNotAllowed { .. } => 2,
        Outcome::NearMiss { .. } => 3,
        Outcome::Unknown {
            suggested: Some(_), ..
        } => 4,
        Outcome::Unknown { .. } => 5,
    }
}

/// What explaining calls shares across them.
struct Session<'a> {
    specs: &'a [Spec],
    matchers: Vec<Matcher<'a>>,
    /// Text of the files fixes were computed on.
    sources: BTreeMap<String, String>,
    cwd: &'a Path,
    /// How many calls use each URL literal `(file, start)`: a literal shared by several calls
    /// (`let url = …` sent twice) cannot be rewritten for one of them safely.
    literal_users: HashMap<(String, usize), usize>,
}

impl Session<'_> {
    /// Decide the call's status and operation, and return its findings.
    fn explain(&mut self, checked: &mut CheckedCall, index: usize) -> Vec<Finding> {
        let (specs, matchers) = (self.specs, &self.matchers);
        let call = &checked.call;
        let url = match (&checked.url, &call.note) {
            (Some(url), None) => url,
            _ => {
                checked.status = Status::Unresolved;
                return vec![finding(
                    Rule::UnresolvedUrl,
                    call,
                    None,
                    index,
                    format!("cannot check this `{}` call: {}", call.method, unresolved_reason(call)),
                    Some("routelint reads URLs built in the source: literals, `format!`, consts, `let`s, string helpers and wrapper functions".to_string()),
                    "not known statically".to_string(),
                )];
            }
        };
        if matchers.is_empty() {
            checked.status = Status::Unchecked;
            return Vec::new();
        }
        let shape = CallShape {
            method: call.method,
            url,
            function: &call.function,
        };
        let outcomes: Vec<Outcome> = matchers.iter().map(|m| m.resolve(&shape)).collect();
        // A base bound to a spec (`--base`) says which API the call is for; a call that fits
        // only another spec is sent to the wrong API. Unbound, the spec that explains it best.
        let bound = url.base.as_deref().and_then(|base| {
            specs
                .iter()
                .position(|s| s.bases.iter().any(|e| same_base(e, base)))
        });
        let matched = |i: usize| matches!(outcomes[i], Outcome::Matched { .. });
        let (spec_index, wrong_api) = match bound {
            Some(i) if !matched(i) => match (0..specs.len()).find(|&j| j != i && matched(j)) {
                Some(j) => (j, Some(i)),
                None => (i, None),
            },
            Some(i) => (i, None),
            None => match (0..outcomes.len()).min_by_key(|&i| outcome_rank(&outcomes[i])) {
                Some(i) => (i, None),
                None => return Vec::new(),
            },
        };
        let outcome = &outcomes[spec_index];
        let spec = &specs[spec_index];
        let replacement = match outcome {
            Outcome::Matched { route, .. } if spec.routes[*route].deprecated => {
                replacement_in(specs, spec_index, &spec.routes[*route])
            }
            _ => None,
        };
        checked.operation = outcome
            .route()
            .map(|r| OperationRef::of(spec, &spec.routes[r]));
        let shared_literal = call.url.literal.as_ref().is_some_and(|site| {
            self.literal_users
                .get(&(call.file.clone(), site.range.start))
                .is_some_and(|&n| n > 1)
        });
        let mut ctx = Explainer {
            call,
            url,
            index,
            spec,
            sources: &mut self.sources,
            cwd: self.cwd,
            shared_literal,
            replacement,
            findings: Vec::new(),
        };
        ctx.explain(outcome);
        if let (Some(bound), Some(route)) = (wrong_api, outcome.route()) {
            ctx.wrong_api(&specs[bound], &spec.routes[route]);
        }
        let findings = ctx.findings;
        checked.status = if findings
            .iter()
            .any(|f| f.rule.is_routing() && f.severity == Severity::Error)
        {
            Status::Mismatched
        } else {
            Status::Matched
        };
        findings
    }
}

/// A base expression as given with `--base` and as written in the call are the same
/// (`self.base_url`, `base_url`, `&self.base_url` all name one field).
fn same_base(given: &str, written: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim().trim_start_matches('&');
        s.strip_prefix("self.").unwrap_or(s).to_string()
    };
    norm(given) == norm(written)
}

/// An operation of another spec that a deprecated one moved to: same method, and a path the
/// deprecated one ends with (`/toolbox/{sandboxId}/toolbox/process/execute` → `/process/execute`).
fn replacement_in(specs: &[Spec], own: usize, deprecated: &Route) -> Option<String> {
    let shape = |segments: &[crate::spec::Segment]| -> Vec<String> {
        segments
            .iter()
            .map(|s| match s {
                crate::spec::Segment::Literal(t) => t.clone(),
                crate::spec::Segment::Param(_) => "{}".to_string(),
            })
            .collect()
    };
    let old = shape(&deprecated.path.segments);
    specs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .flat_map(|(_, spec)| spec.routes.iter().map(move |r| (spec, r)))
        .filter(|(_, r)| r.method == deprecated.method && !r.deprecated)
        .filter(|(_, r)| {
            let new = shape(&r.path.segments);
            !new.is_empty() && new.len() < old.len() && old.ends_with(&new)
        })
        .max_by_key(|(_, r)| r.path.segments.len())
        .map(|(spec, r)| format!("`{}` in `{}`", r.signature(), spec.name))
}

/// Why a call's URL or method cannot be known from the source.
fn unresolved_reason(call: &HttpCall) -> String {
    if let Some(note) = &call.note {
        return note.clone();
    }
    let holes: Vec<String> = call
        .url
        .pieces
        .iter()
        .filter_map(|p| match p {
            source::url::Piece::Hole(h) => Some(format!("`{}`", h.expr)),
            _ => None,
        })
        .collect();
    match holes.as_slice() {
        [one] if call.url.pieces.len() == 1 => format!("its URL is the runtime value {one}"),
        _ => format!(
            "its path is made only of runtime values ({})",
            holes.join(", ")
        ),
    }
}

fn finding(
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
    }
}

struct Explainer<'a> {
    call: &'a HttpCall,
    url: &'a CallUrl,
    index: usize,
    spec: &'a Spec,
    sources: &'a mut BTreeMap<String, String>,
    cwd: &'a Path,
    /// The URL literal is used by other calls too: rewriting it changes them as well.
    shared_literal: bool,
    /// For a deprecated operation: the one that replaces it in another spec.
    replacement: Option<String>,
    findings: Vec<Finding>,
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

fn route_name(route: &Route) -> String {
    route.operation_id.as_ref().map_or_else(
        || format!("`{}`", route.signature()),
        |id| format!("`{id}`"),
    )
}

impl Explainer<'_> {
    fn add(
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
        self.findings.push(finding(
            rule, self.call, at, self.index, message, help, cause,
        ));
        self.findings.len() - 1
    }

    fn call_signature(&self) -> String {
        format!("{} {}", self.call.method, self.url.path())
    }

    fn explain(&mut self, outcome: &Outcome) {
        let routes = &self.spec.routes;
        match outcome {
            Outcome::Matched { route, target } => {
                let route = &routes[*route];
                self.param_names(route, target);
                if route.deprecated {
                    let help = self
                        .replacement
                        .as_ref()
                        .map(|r| format!("its replacement is {r}"));
                    self.add(
                        Rule::DeprecatedOperation,
                        false,
                        format!("{} is deprecated", describe(route)),
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
    fn wrong_api(&mut self, bound: &Spec, route: &Route) {
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

    fn source(&mut self) -> Option<String> {
        let file = &self.call.file;
        if !self.sources.contains_key(file) {
            let text = std::fs::read_to_string(self.cwd.join(file)).ok()?;
            self.sources.insert(file.clone(), text);
        }
        self.sources.get(file).cloned()
    }

    fn method_edit(&mut self, method: Method) -> Option<Edit> {
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

    fn attach_fix(
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

fn coverage(specs: &[Spec], calls: &[CheckedCall]) -> Coverage {
    let mut called: HashMap<(String, Method, String), bool> = HashMap::new();
    for call in calls {
        if let (Status::Matched, Some(op)) = (call.status, &call.operation) {
            called.insert((op.spec.clone(), op.method, op.path.clone()), true);
        }
    }
    let mut coverage = Coverage::default();
    let mut tags: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for spec in specs {
        for route in &spec.routes {
            coverage.operations += 1;
            let is_called =
                called.contains_key(&(spec.name.clone(), route.method, route.path.raw.clone()));
            if is_called {
                coverage.called += 1;
            } else {
                coverage.uncalled.push(UncalledOperation {
                    spec: spec.name.clone(),
                    method: route.method,
                    path: route.path.raw.clone(),
                });
            }
            let route_tags = if route.tags.is_empty() {
                vec![String::new()]
            } else {
                route.tags.clone()
            };
            for tag in route_tags {
                let entry = tags.entry(tag).or_default();
                entry.1 += 1;
                if is_called {
                    entry.0 += 1;
                }
            }
        }
    }
    coverage.by_tag = tags.into_iter().map(|(t, (c, n))| (t, c, n)).collect();
    coverage
}

fn summarize(files: usize, calls: &[CheckedCall], findings: &[Finding]) -> Summary {
    let count = |status| calls.iter().filter(|c| c.status == status).count();
    let severity = |s| findings.iter().filter(|f| f.severity == s).count();
    Summary {
        files,
        calls: calls.len(),
        matched: count(Status::Matched),
        mismatched: count(Status::Mismatched),
        unresolved: count(Status::Unresolved),
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        infos: severity(Severity::Info),
    }
}

/// The threshold for a failing exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

/// True when some finding is at or above `fail_on`.
pub fn fails(report: &Report, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Never => return false,
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    report.findings.iter().any(|f| f.severity >= threshold)
}
