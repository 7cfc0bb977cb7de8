//! Explaining one call: which spec it is for (by its base URL, or the one that fits best),
//! how it matches there, and the findings that follow.

use super::explain::{Explainer, finding};
use super::{CheckedCall, OperationRef, Status, outcome_rank};
use crate::diagnostic::Finding;
use crate::resolve::{CallShape, Matcher, Outcome};
use crate::rules::{Rule, Severity};
use crate::source::{self, HttpCall};
use crate::spec::{Route, Spec};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What explaining calls shares across them.
pub(super) struct Session<'a> {
    pub(super) specs: &'a [Spec],
    pub(super) matchers: Vec<Matcher<'a>>,
    /// Text of the files fixes were computed on.
    pub(super) sources: Mutex<BTreeMap<String, Arc<str>>>,
    pub(super) cwd: &'a Path,
    pub(super) policy: &'a super::Policy,
    /// How many calls use each URL literal `(file, start)`: a literal shared by several calls
    /// (`let url = …` sent twice) cannot be rewritten for one of them safely.
    pub(super) literal_users: HashMap<(String, usize), usize>,
    /// How many calls each verb token `(file, start)` makes: one call whose URL is one of two
    /// paths makes two requests, and the verb one fits may not fit the other.
    pub(super) verb_users: HashMap<(String, usize), usize>,
}

impl Session<'_> {
    /// Decide the call's status and operation, and return its findings.
    pub(super) fn explain(&self, checked: &mut CheckedCall, index: usize) -> Vec<Finding> {
        let (specs, matchers) = (self.specs, &self.matchers);
        let call = &checked.call;
        let url = match (&checked.url, &call.note) {
            (Some(url), None) => url,
            _ => {
                checked.status = Status::Unresolved;
                return self.policy.apply(finding(
                    Rule::UnresolvedUrl,
                    call,
                    None,
                    index,
                    match call.method_unknown {
                        true => format!("cannot check this call: {}", unresolved_reason(call)),
                        false => format!(
                            "cannot check this `{}` call: {}",
                            call.method,
                            unresolved_reason(call)
                        ),
                    },
                    Some("routelint reads URLs built in the source: literals, `format!`, consts, `let`s, string helpers and wrapper functions".to_string()),
                    "not known statically".to_string(),
                ))
                .into_iter()
                .collect();
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
        let shared_verb = call.method_site.as_ref().is_some_and(|site| {
            self.verb_users
                .get(&(call.file.clone(), site.range.start))
                .is_some_and(|&n| n > 1)
        });
        let mut ctx = Explainer {
            call,
            url,
            index,
            spec,
            sources: &self.sources,
            cwd: self.cwd,
            shared_literal,
            shared_verb,
            replacement,
            findings: Vec::new(),
        };
        ctx.explain(outcome);
        if let (Some(bound), Some(route)) = (wrong_api, outcome.route()) {
            ctx.wrong_api(&specs[bound], &spec.routes[route]);
        }
        // What a call is does not depend on how the config wants its findings reported:
        // `allow` hides a finding, the call is still mismatched (and its operation not covered).
        checked.status = if ctx
            .findings
            .iter()
            .any(|f| f.rule.is_routing() && f.severity == Severity::Error)
        {
            Status::Mismatched
        } else {
            Status::Matched
        };
        ctx.findings
            .into_iter()
            .filter_map(|f| self.policy.apply(f))
            .collect()
    }
}

/// A base expression as given with `--base` and as written in the call are the same
/// (`self.base_url`, `base_url`, `&self.base_url` all name one field).
pub(super) fn same_base(given: &str, written: &str) -> bool {
    let norm = |s: &str| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.trim_start_matches('&');
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
