//! The `check` pipeline: specs loaded, sources scanned, each call matched and explained.
//!
//! This module decides what a report says; `report/` only renders it. `session.rs` explains
//! one call at a time, `explain.rs` turns a match into findings.

mod baseline;
mod body;
mod explain;
mod query;
mod session;
mod suppress;

use crate::config::Level;
use crate::diagnostic::Finding;
use crate::resolve::{Matcher, Outcome};
use crate::rules::{Rule, Severity};
use crate::source::facts::DeclaredWrapper;
use crate::source::{self, CallUrl, HttpCall};
use crate::spec::{self, Method, Route, Spec, SpecError};
pub use baseline::{Baseline, BaselineEntry, BaselineError, BaselineOutcome};
use rayon::prelude::*;
use serde::Serialize;
use session::Session;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use suppress::Suppressions;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// `(name, file)`; the name defaults to the file stem.
    pub specs: Vec<(Option<String>, PathBuf)>,
    /// `(spec name, expression)`: the expressions that hold each API's base URL.
    pub bases: Vec<(String, String)>,
    /// Files and directories to scan.
    pub paths: Vec<PathBuf>,
    /// What the config adds: rule levels, spec pins, exclusions, declared wrappers.
    pub policy: Policy,
    /// Paths in reports are shown relative to this.
    pub cwd: PathBuf,
}

/// Settings from `routelint.toml` that shape a check.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Rules set to `allow` (dropped), `warn` or `deny` (severity).
    pub levels: Vec<(Rule, Level)>,
    /// `(spec name, SHA-256)` a spec must have.
    pub pins: Vec<(String, String)>,
    /// Paths (as seen from the current directory) whose files are not scanned.
    pub exclude: Vec<PathBuf>,
    pub wrappers: Vec<DeclaredWrapper>,
    /// Findings recorded by `routelint baseline`: not reported again.
    pub baseline: Option<Baseline>,
    /// Keep each file's facts here between runs (see `source::cache`).
    pub cache: Option<PathBuf>,
    /// When not empty, only the calls and findings of these files (as shown in reports) are
    /// reported: the whole crate is still read so that its wrappers and consts resolve.
    pub only: Vec<String>,
}

impl Policy {
    /// The finding as the config wants it: `None` when its rule is allowed.
    pub fn apply(&self, mut finding: Finding) -> Option<Finding> {
        match self.levels.iter().find(|(rule, _)| *rule == finding.rule) {
            Some((_, Level::Allow)) => None,
            Some((_, Level::Warn)) => {
                finding.severity = Severity::Warning;
                Some(finding)
            }
            Some((_, Level::Deny)) => {
                finding.severity = Severity::Error;
                Some(finding)
            }
            None => Some(finding),
        }
    }
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

impl Coverage {
    /// The share of operations called, in percent (100 for a spec without operations).
    pub fn percent(&self) -> f64 {
        if self.operations == 0 {
            100.0
        } else {
            self.called as f64 * 100.0 / self.operations as f64
        }
    }
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
    /// Calls made by test code: listed apart, not checked.
    pub test_calls: usize,
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
    pub sources: BTreeMap<String, Arc<str>>,
    /// Calls made by test code (`#[cfg(test)]`, `#[test]`), in file order: not checked.
    pub test_calls: Vec<HttpCall>,
    /// Source files that could not be read or parsed (RL001), counted before any `[rules]`
    /// setting: a gate must not pass on code it did not see, even when the finding is allowed.
    pub skipped_files: usize,
    /// Settings that did not apply (say a `[[wrapper]]` naming no function), for stderr.
    pub warnings: Vec<String>,
    /// With `--baseline`: how many findings it hid, and which recorded ones are gone.
    pub baseline: Option<BaselineOutcome>,
}

/// Why a check could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error("{0}: no such file or directory")]
    MissingPath(String),
    #[error("no spec given: pass `--spec FILE`, or add a `[[spec]]` to routelint.toml")]
    NoSpec,
    #[error("`--base {name}=…` names no spec; the specs are: {known}")]
    UnknownSpecName { name: String, known: String },
    #[error("two specs are named `{0}`: name them with `--spec NAME=FILE`")]
    DuplicateSpecName(String),
    #[error("`{expr}` is given as the base of both `{first}` and `{second}`")]
    BaseBoundTwice {
        expr: String,
        first: String,
        second: String,
    },
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
    for (i, spec) in specs.iter().enumerate() {
        if specs[..i].iter().any(|s| s.name == spec.name) {
            return Err(CheckError::DuplicateSpecName(spec.name.clone()));
        }
    }
    for (i, (name, expr)) in options.bases.iter().enumerate() {
        if let Some((other, _)) = options.bases[..i]
            .iter()
            .find(|(n, e)| n != name && session::same_base(e, expr))
        {
            return Err(CheckError::BaseBoundTwice {
                expr: expr.clone(),
                first: other.clone(),
                second: name.clone(),
            });
        }
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
pub fn scan_sources(
    paths: &[PathBuf],
    cwd: &Path,
    policy: &Policy,
) -> Result<source::Scan, CheckError> {
    for path in paths {
        if !path.exists() {
            return Err(CheckError::MissingPath(path.display().to_string()));
        }
    }
    let (mut files, mut problems) = source::discover(paths, cwd);
    // Compared as normalized paths: `./gen` and `src/../gen` both exclude `gen/x.rs`.
    let normalized = |p: &Path| crate::paths::normalize(&cwd.join(p));
    let excluded: Vec<PathBuf> = policy.exclude.iter().map(|p| normalized(p)).collect();
    files.retain(|f| {
        let absolute = normalized(&f.path);
        !excluded.iter().any(|e| absolute.starts_with(e))
    });
    let mut scan = source::scan_cached(&files, &policy.wrappers, policy.cache.as_deref());
    problems.append(&mut scan.problems);
    scan.problems = problems;
    Ok(scan)
}

/// Run the whole check.
pub fn check(options: &CheckOptions) -> Result<Report, CheckError> {
    let specs = load_specs(options)?;
    let scan = scan_sources(&options.paths, &options.cwd, &options.policy)?;
    Ok(build_report(specs, scan, &options.cwd, &options.policy))
}

/// Match scanned calls against loaded specs.
pub fn build_report(
    specs: Vec<Spec>,
    mut scan: source::Scan,
    cwd: &Path,
    policy: &Policy,
) -> Report {
    let mut session = Session {
        specs: &specs,
        matchers: specs.iter().map(Matcher::new).collect(),
        // Fixes and snippets are made from the text that was scanned.
        sources: Mutex::new(std::mem::take(&mut scan.texts)),
        cwd,
        literal_users: HashMap::new(),
        verb_users: HashMap::new(),
        policy,
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut calls: Vec<CheckedCall> = Vec::new();

    for (name, pinned) in &policy.pins {
        let Some(spec) = specs.iter().find(|s| &s.name == name) else {
            continue;
        };
        if !spec.sha256.eq_ignore_ascii_case(pinned) {
            let finding = Finding {
                rule: Rule::SpecChanged,
                severity: Rule::SpecChanged.default_severity(),
                file: spec.source.clone(),
                line: 0,
                column: 0,
                width: 1,
                call: None,
                message: format!(
                    "`{}` has changed: its SHA-256 is {}, the config pins {pinned}",
                    spec.source, spec.sha256
                ),
                help: Some(
                    "review what changed in the spec, then update `sha256` in routelint.toml"
                        .to_string(),
                ),
                cause: "spec changed".to_string(),
                fix: None,
                fingerprint: String::new(),
            };
            findings.extend(policy.apply(finding));
        }
    }

    let skipped_files = scan.problems.len();
    let warnings = scan.warnings.clone();
    for problem in &scan.problems {
        let finding = Finding {
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
            fingerprint: String::new(),
        };
        findings.extend(policy.apply(finding));
    }

    let (mut test_calls, mut ordered): (Vec<HttpCall>, Vec<HttpCall>) =
        scan.calls.into_iter().partition(|c| c.in_test);
    let by_place =
        |a: &HttpCall, b: &HttpCall| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column));
    // `--only`: the calls of those files, and the calls whose body is a struct declared there
    // (a field renamed in a staged file is that file's finding).
    if !policy.only.is_empty() {
        let wanted = |c: &HttpCall| {
            policy.only.contains(&c.file)
                || c.body
                    .as_ref()
                    .and_then(|b| b.key_file.as_ref())
                    .is_some_and(|f| policy.only.contains(f))
        };
        ordered.retain(wanted);
        test_calls.retain(wanted);
    }
    ordered.sort_by(by_place);
    test_calls.sort_by(by_place);
    for call in &ordered {
        if let Some(site) = &call.url.literal {
            *session
                .literal_users
                .entry((call.file.clone(), site.range.start))
                .or_default() += 1;
        }
        if let Some(site) = &call.method_site {
            *session
                .verb_users
                .entry((call.file.clone(), site.range.start))
                .or_default() += 1;
        }
    }
    // Calls are explained in parallel (matching, nearest operations, fixes), then numbered
    // in order.
    let explained: Vec<(CheckedCall, Vec<Finding>)> = ordered
        .into_par_iter()
        .enumerate()
        .map(|(index, call)| {
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
            (checked, new)
        })
        .collect();
    for (mut checked, new) in explained {
        for finding in new {
            checked.findings.push(findings.len());
            findings.push(finding);
        }
        calls.push(checked);
    }

    let mut sources = session
        .sources
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let findings = sort_findings(findings, None, &mut calls);
    let (findings, baseline) = gate_findings(findings, &mut calls, &sources, policy);
    // Terminal diagnostics quote the source line of every finding.
    for finding in &findings {
        if finding.line > 0 && !sources.contains_key(&finding.file) {
            if let Ok(text) = std::fs::read_to_string(cwd.join(&finding.file)) {
                sources.insert(finding.file.clone(), text.into());
            }
        }
    }
    let mut warnings = warnings;
    // A base no reported call has is a typo only when every call was reported.
    if policy.only.is_empty() {
        warnings.extend(unused_bases(&specs, &calls));
    }
    let coverage = coverage(&specs, &calls);
    let summary = summarize(scan.files, &calls, &findings, test_calls.len());
    Report {
        specs,
        calls,
        findings,
        coverage,
        summary,
        sources,
        test_calls,
        skipped_files,
        warnings,
        baseline,
    }
}

/// Findings in report order (file, line, column, code), without those `keep` drops; the
/// calls' finding indices follow them.
fn sort_findings(
    findings: Vec<Finding>,
    keep: Option<&[bool]>,
    calls: &mut [CheckedCall],
) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| keep.is_none_or(|k| k[i]))
        .collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        (&fa.file, fa.line, fa.column, fa.rule.code()).cmp(&(
            &fb.file,
            fb.line,
            fb.column,
            fb.rule.code(),
        ))
    });
    let mut position = vec![None; findings.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = Some(new);
    }
    for call in calls.iter_mut() {
        call.findings = call.findings.iter().filter_map(|&f| position[f]).collect();
        call.findings.sort_unstable();
    }
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// Fingerprint the findings, then drop those an inline suppression covers (reporting the
/// suppressions that cover nothing) and those the baseline already has.
fn gate_findings(
    mut findings: Vec<Finding>,
    calls: &mut [CheckedCall],
    sources: &BTreeMap<String, Arc<str>>,
    policy: &Policy,
) -> (Vec<Finding>, Option<BaselineOutcome>) {
    baseline::assign_fingerprints(&mut findings, calls);
    let mut suppressions = Suppressions::new(suppress::collect(sources));
    // `--only`: a finding in one of the files, or about a call written there, or about what
    // was not read (the spec, a file that does not parse: the check is incomplete).
    let wanted = |f: &Finding| {
        policy.only.is_empty()
            || f.line == 0
            || f.rule == Rule::SourceParseError
            || policy.only.contains(&f.file)
            || f.call
                .and_then(|i| calls.get(i))
                .is_some_and(|c| policy.only.contains(&c.call.file))
    };
    let mut keep: Vec<bool> = findings
        .iter()
        .map(|f| {
            if !wanted(f) {
                return false;
            }
            // Where a suppression may stand: at the finding; for a call, in the call's file, at
            // the start of its statement (a chain may take several lines) and at its verb.
            let mut places = vec![(f.file.as_str(), f.line)];
            if let Some(c) = f.call.and_then(|i| calls.get(i)) {
                let file = c.call.file.as_str();
                if let Some(text) = sources.get(file).filter(|_| suppressions.in_file(file)) {
                    places.push((file, suppress::statement_start(text, c.call.line)));
                }
                places.push((file, c.call.line));
            }
            !suppressions.covers(f, &places)
        })
        .collect();
    let mut unused = suppressions
        .unused()
        .into_iter()
        .filter(|f| wanted(f))
        .filter_map(|f| policy.apply(f))
        .collect::<Vec<_>>();
    baseline::assign_fingerprints(&mut unused, calls);
    keep.extend(unused.iter().map(|_| true));
    findings.extend(unused);

    let outcome = policy.baseline.as_ref().map(|recorded| {
        let recorded_prints = recorded.fingerprints();
        let mut outcome = BaselineOutcome::default();
        for (finding, kept) in findings.iter().zip(keep.iter_mut()) {
            if *kept && recorded_prints.contains(finding.fingerprint.as_str()) {
                *kept = false;
                outcome.known += 1;
            }
        }
        let present: std::collections::BTreeSet<&str> =
            findings.iter().map(|f| f.fingerprint.as_str()).collect();
        // With `--only`, what the other files had is not known to be gone.
        outcome.gone = recorded
            .findings
            .iter()
            .filter(|e| policy.only.is_empty() || policy.only.contains(&e.file))
            .filter(|e| !present.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        outcome
    });
    (sort_findings(findings, Some(&keep), calls), outcome)
}

/// A base bound to a spec (`--base api=self.api_url`, `[[spec]] bases`) that no call's URL
/// starts with: most likely a typo, and the binding then does nothing.
fn unused_bases(specs: &[Spec], calls: &[CheckedCall]) -> Vec<String> {
    let mut written: Vec<&str> = calls
        .iter()
        .filter_map(|c| c.url.as_ref()?.base.as_deref())
        .collect();
    written.sort_unstable();
    written.dedup();
    let known = if written.is_empty() {
        "no call has a base".to_string()
    } else {
        let listed: Vec<String> = written.iter().map(|b| format!("`{b}`")).collect();
        format!("the calls' bases are {}", listed.join(", "))
    };
    specs
        .iter()
        .flat_map(|spec| spec.bases.iter().map(move |base| (spec, base)))
        .filter(|(_, base)| !written.iter().any(|w| session::same_base(base, w)))
        .map(|(spec, base)| {
            format!(
                "base `{base}` of spec `{}` is the base of no call ({known}); it binds nothing",
                spec.name
            )
        })
        .collect()
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

fn summarize(
    files: usize,
    calls: &[CheckedCall],
    findings: &[Finding],
    test_calls: usize,
) -> Summary {
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
        test_calls,
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
