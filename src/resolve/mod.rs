//! Matching a call's path and method against a spec's routes.
//!
//! In order: an exact match (a concrete segment beats a templated one, as OpenAPI says); a near
//! miss, where every segment is equal or differs in a way people make by mistake (plural,
//! case, separator, typo, a value where the spec has a fixed word, a missing or extra prefix, a
//! trailing slash); else the nearest operations by a weighted similarity of the enclosing fn
//! name to the operationId, of the path words, of the parameters, and of the method.
//!
//! The outcome carries a [`Target`]: how the call's path maps onto the chosen operation's
//! template, which is what messages and fixes are written from.

pub(crate) mod words;

use crate::source::{CallUrl, PathSeg};
use crate::spec::{Method, ParamIn, Route, Segment, Spec};
use words::{WordDiff, token_similarity, tokens, word_diff};

/// A way the call's path differs from a near operation's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathDiff {
    /// A word of the path differs (`sandboxes` → `sandbox`).
    Word {
        kind: WordDiff,
        client: String,
        spec: String,
    },
    /// A runtime value where the spec has a fixed word (`/users/{id}` vs `/users/me`).
    ValueForLiteral { hole: String, spec: String },
    /// The spec path has leading words the call lacks (`/api/v1`).
    MissingPrefix(String),
    /// The call has leading words the spec path lacks.
    ExtraPrefix(String),
    /// One has a trailing `/`, the other not.
    TrailingSlash { client_has: bool },
    /// The client sends braces as text (`"/users/{id}"` without `format!`) where the spec
    /// has a parameter.
    LiteralPlaceholder { text: String, param: String },
}

impl PathDiff {
    /// The catalogue's name of the near-miss kind.
    pub fn kind(&self) -> &'static str {
        match self {
            PathDiff::Word { kind, .. } => kind.as_str(),
            PathDiff::ValueForLiteral { .. } => "value-for-literal",
            PathDiff::MissingPrefix(_) => "missing-prefix",
            PathDiff::ExtraPrefix(_) => "extra-prefix",
            PathDiff::TrailingSlash { .. } => "trailing-slash",
            PathDiff::LiteralPlaceholder { .. } => "literal-placeholder",
        }
    }

    /// A short description (`` `sandboxes` → `sandbox` ``).
    pub fn describe(&self) -> String {
        match self {
            PathDiff::Word { client, spec, .. } => format!("`{client}` → `{spec}`"),
            PathDiff::ValueForLiteral { hole, spec } => {
                format!("`{{{hole}}}` → `{spec}` (the spec has a fixed segment here)")
            }
            PathDiff::MissingPrefix(prefix) => format!("add the prefix `{prefix}`"),
            PathDiff::ExtraPrefix(prefix) => format!("drop the prefix `{prefix}`"),
            PathDiff::TrailingSlash { client_has: true } => "drop the trailing `/`".to_string(),
            PathDiff::TrailingSlash { client_has: false } => "add a trailing `/`".to_string(),
            PathDiff::LiteralPlaceholder { text, param } => {
                format!("`{text}` is sent as written; the spec has the parameter `{{{param}}}`")
            }
        }
    }
}

/// One segment of the path a call should use, written in terms of the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSeg {
    Literal(String),
    /// The call's `n`-th segment, kept as it is (a hole or a value standing for a parameter).
    Keep(usize),
}

/// How to turn the call's path into the operation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Leading call segments that belong to a server base path (`/v1`), kept as they are.
    pub keep_prefix: usize,
    pub segments: Vec<TargetSeg>,
    pub trailing_slash: bool,
    /// Call holes (segment index, hole name) that the operation takes as query parameters.
    pub to_query: Vec<(usize, String)>,
    /// Every hole of the call maps, in order, to a parameter of the operation.
    pub holes_in_order: bool,
}

/// What matching found for one call against one spec.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The path and method fit `route`.
    Matched { route: usize, target: Target },
    /// The path fits, the method does not. `route` is the suggestion when one is clear.
    MethodNotAllowed {
        allowed: Vec<usize>,
        route: Option<usize>,
        target: Target,
    },
    /// The path fits several templates equally well.
    Ambiguous { routes: Vec<usize> },
    /// The path differs from `route`'s in known ways; `unique` when no other route is as near.
    NearMiss {
        route: usize,
        diffs: Vec<PathDiff>,
        target: Target,
        unique: bool,
    },
    /// No operation is near; `nearest` ranked best first, `suggested` when the best is
    /// convincing, with how its path maps.
    Unknown {
        nearest: Vec<usize>,
        suggested: Option<(usize, Target)>,
    },
}

impl Outcome {
    /// The matched or suggested operation.
    pub fn route(&self) -> Option<usize> {
        match self {
            Outcome::Matched { route, .. } | Outcome::NearMiss { route, .. } => Some(*route),
            Outcome::MethodNotAllowed { route, .. } => *route,
            Outcome::Ambiguous { .. } => None,
            Outcome::Unknown { suggested, .. } => suggested.as_ref().map(|(r, _)| *r),
        }
    }

    pub fn target(&self) -> Option<&Target> {
        match self {
            Outcome::Matched { target, .. }
            | Outcome::NearMiss { target, .. }
            | Outcome::MethodNotAllowed { target, .. } => Some(target),
            Outcome::Unknown { suggested, .. } => suggested.as_ref().map(|(_, t)| t),
            Outcome::Ambiguous { .. } => None,
        }
    }
}

/// What the matcher needs to know of a call.
pub struct CallShape<'c> {
    pub method: Method,
    pub url: &'c CallUrl,
    /// The enclosing fn, compared with operationIds.
    pub function: &'c str,
}

/// A spec's routes grouped for lookup by segment count, built once per spec.
pub struct Matcher<'s> {
    spec: &'s Spec,
    by_len: std::collections::HashMap<usize, Vec<usize>>,
    base_paths: Vec<Vec<String>>,
    operation_tokens: Vec<Vec<String>>,
    path_tokens: Vec<Vec<String>>,
}

/// Below this similarity the nearest operation is listed, not suggested.
const SUGGESTION_THRESHOLD: f64 = 0.5;

impl<'s> Matcher<'s> {
    pub fn new(spec: &'s Spec) -> Matcher<'s> {
        let mut by_len: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        for (i, route) in spec.routes.iter().enumerate() {
            by_len.entry(route.path.segments.len()).or_default().push(i);
        }
        // Every base path of the spec and of its operations: a call may carry any of them, and
        // each route accepts its own (see `accepts`).
        let mut all: Vec<&String> = spec
            .base_paths
            .iter()
            .chain(
                spec.routes
                    .iter()
                    .flat_map(|r| r.base_paths.iter().flatten()),
            )
            .collect();
        all.sort();
        all.dedup();
        let base_paths = all
            .into_iter()
            .map(|p| {
                p.split('/')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let operation_tokens = spec
            .routes
            .iter()
            .map(|r| tokens(r.operation_id.as_deref().unwrap_or("")))
            .collect();
        let path_tokens = spec
            .routes
            .iter()
            .map(|r| {
                r.path
                    .segments
                    .iter()
                    .filter_map(|s| match s {
                        Segment::Literal(text) => Some(tokens(text)),
                        Segment::Param(_) => None,
                    })
                    .flatten()
                    .collect()
            })
            .collect();
        Matcher {
            spec,
            by_len,
            base_paths,
            operation_tokens,
            path_tokens,
        }
    }

    fn route(&self, i: usize) -> &'s Route {
        &self.spec.routes[i]
    }

    /// The route's path with parameter names erased: `/teams/{}`.
    fn shape(&self, i: usize) -> String {
        let mut out = String::new();
        for segment in &self.route(i).path.segments {
            out.push('/');
            match segment {
                Segment::Literal(text) => out.push_str(&erase_names(text)),
                Segment::Param(_) => out.push_str("{}"),
            }
        }
        out
    }

    /// Ways to read the call's segments: as written, and without each server base path it
    /// starts with. Each gives (segments kept as prefix, the rest).
    fn readings<'c>(&self, segments: &'c [PathSeg]) -> Vec<(usize, &'c [PathSeg], usize)> {
        let mut out = vec![(0, segments, usize::MAX)];
        for (b, base) in self.base_paths.iter().enumerate() {
            let starts = segments.len() >= base.len()
                && base
                    .iter()
                    .zip(segments)
                    .all(|(b, s)| matches!(s, PathSeg::Literal(t) if t == b));
            if starts && !base.is_empty() {
                out.push((base.len(), &segments[base.len()..], b));
            }
        }
        out
    }

    /// Whether route `i` is served under base path `b` (`usize::MAX`: the call carries none).
    fn accepts(&self, i: usize, b: usize) -> bool {
        if b == usize::MAX {
            return true;
        }
        let route = self.route(i);
        let own = route.base_paths.as_ref().unwrap_or(&self.spec.base_paths);
        let base = format!("/{}", self.base_paths[b].join("/"));
        own.contains(&base)
    }

    pub fn resolve(&self, call: &CallShape<'_>) -> Outcome {
        if let Some(outcome) = self.exact(call) {
            return outcome;
        }
        if let Some(outcome) = self.near_miss(call) {
            return outcome;
        }
        self.unknown(call)
    }

    fn exact(&self, call: &CallShape<'_>) -> Option<Outcome> {
        // (specificity, route, prefix kept)
        let mut fits: Vec<(usize, usize, usize)> = Vec::new();
        for (prefix, segments, base) in self.readings(&call.url.segments) {
            for &i in self.by_len.get(&segments.len()).into_iter().flatten() {
                if !self.accepts(i, base) {
                    continue;
                }
                let route = self.route(i);
                if route.path.trailing_slash != call.url.trailing_slash {
                    continue;
                }
                if let Some(specificity) = exact_fit(segments, &route.path.segments) {
                    fits.push((specificity, i, prefix));
                }
            }
        }
        let best = fits.iter().map(|f| f.0).max()?;
        fits.retain(|f| f.0 == best);
        // Templates that differ only in parameter names (`{id}`, `{teamId}`) are one path.
        let mut shapes: Vec<String> = fits.iter().map(|f| self.shape(f.1)).collect();
        shapes.sort_unstable();
        shapes.dedup();
        if shapes.len() > 1 {
            // Equally specific different paths: if only one of them has the method, it is the
            // one meant; otherwise the server's choice cannot be known.
            let with_method: Vec<String> = shapes
                .iter()
                .filter(|shape| {
                    fits.iter().any(|f| {
                        &self.shape(f.1) == *shape && self.route(f.1).method == call.method
                    })
                })
                .cloned()
                .collect();
            if with_method.len() != 1 {
                let mut routes: Vec<usize> = fits.iter().map(|f| f.1).collect();
                routes.sort_unstable();
                routes.dedup();
                return Some(Outcome::Ambiguous { routes });
            }
            fits.retain(|f| self.shape(f.1) == with_method[0]);
        }
        let (_, first, prefix) = fits[0];
        let segments = &call.url.segments[prefix..];
        let target = positional_target(prefix, segments, self.route(first), call.url);
        if let Some(&(_, i, _)) = fits.iter().find(|f| self.route(f.1).method == call.method) {
            return Some(Outcome::Matched { route: i, target });
        }
        let allowed: Vec<usize> = fits.iter().map(|f| f.1).collect();
        let route = (allowed.len() == 1).then(|| allowed[0]);
        Some(Outcome::MethodNotAllowed {
            allowed,
            route,
            target,
        })
    }

    fn near_miss(&self, call: &CallShape<'_>) -> Option<Outcome> {
        // (cost, route, diffs, target)
        let mut candidates: Vec<(u32, usize, Vec<PathDiff>, Target)> = Vec::new();
        for (prefix, segments, base) in self.readings(&call.url.segments) {
            for (i, route) in self.spec.routes.iter().enumerate() {
                if !self.accepts(i, base) {
                    continue;
                }
                if let Some((diffs, target)) = near_fit(prefix, segments, call.url, route) {
                    let mut cost: u32 = diffs.iter().map(diff_cost).sum();
                    if route.method != call.method {
                        cost += 3;
                    }
                    candidates.push((cost, i, diffs, target));
                }
            }
        }
        // Cheapest first; then the one sharing more words with the call; then the fn name.
        let shared_words = |route: usize, diffs: &[PathDiff]| {
            let changed = diffs
                .iter()
                .filter(|d| matches!(d, PathDiff::Word { .. } | PathDiff::ValueForLiteral { .. }))
                .count();
            self.route(route)
                .path
                .literal_count()
                .saturating_sub(changed)
        };
        candidates.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| shared_words(b.1, &b.2).cmp(&shared_words(a.1, &a.2)))
                .then_with(|| {
                    self.name_score(call, b.1)
                        .total_cmp(&self.name_score(call, a.1))
                })
                .then(a.1.cmp(&b.1))
        });
        let mut candidates = candidates.into_iter();
        let (cost, route, diffs, target) = candidates.next()?;
        let unique = candidates.next().is_none_or(|next| next.0 > cost);
        Some(Outcome::NearMiss {
            route,
            diffs,
            target,
            unique,
        })
    }

    fn name_score(&self, call: &CallShape<'_>, route: usize) -> f64 {
        token_similarity(&tokens(call.function), &self.operation_tokens[route])
    }

    fn unknown(&self, call: &CallShape<'_>) -> Outcome {
        let function_tokens = tokens(call.function);
        let call_words: Vec<String> = call
            .url
            .segments
            .iter()
            .filter_map(|s| match s {
                PathSeg::Literal(text) => Some(tokens(text)),
                _ => None,
            })
            .flatten()
            .collect();
        let holes: Vec<&str> = call.url.holes().collect();
        let mut scored: Vec<(f64, usize)> = self
            .spec
            .routes
            .iter()
            .enumerate()
            .map(|(i, route)| {
                let name = token_similarity(&function_tokens, &self.operation_tokens[i]);
                let words = token_similarity(&call_words, &self.path_tokens[i]);
                let params = param_fit(&holes, route);
                let method = if route.method == call.method {
                    1.0
                } else {
                    0.0
                };
                (
                    0.45 * name + 0.25 * words + 0.15 * params + 0.15 * method,
                    i,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let nearest: Vec<usize> = scored.iter().take(3).map(|s| s.1).collect();
        let suggested = scored
            .first()
            .filter(|(score, _)| *score >= SUGGESTION_THRESHOLD)
            .map(|&(_, i)| (i, moved_target(call.url, self.route(i))));
        Outcome::Unknown { nearest, suggested }
    }
}

/// `{id}.json` → `{}.json`: segments that mix text and parameters compare by shape.
fn erase_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_braces = false;
    for c in text.chars() {
        match c {
            '{' => {
                in_braces = true;
                out.push_str("{}");
            }
            '}' => in_braces = false,
            c if !in_braces => out.push(c),
            _ => {}
        }
    }
    out
}

/// A cheap first look for `near_fit`: whether the segments that face each other (aligned at
/// the end, as a prefix difference leaves them) can be a near miss at all: words equal or
/// differing as people's mistakes do, segments with parameters of one shape, at most one
/// value where a word should be.
fn could_fit(call: &[PathSeg], spec: &[Segment]) -> bool {
    let mut values_for_literals = 0;
    for (c, s) in call.iter().rev().zip(spec.iter().rev()) {
        let fits = match (c, s) {
            (PathSeg::Mixed(a), Segment::Literal(b)) => same_shape(a, b),
            (PathSeg::Literal(a), Segment::Literal(b)) => {
                !has_braces(a) && !has_braces(b) && (a == b || word_diff(a, b).is_some())
            }
            (PathSeg::Hole(_), Segment::Literal(_)) => {
                values_for_literals += 1;
                values_for_literals <= 1
            }
            _ => true,
        };
        if !fits {
            return false;
        }
    }
    true
}

/// `erase_names(a) == erase_names(b)`, without making either.
fn same_shape(a: &str, b: &str) -> bool {
    Erased::new(a).eq(Erased::new(b))
}

/// The characters `erase_names` gives, one by one.
struct Erased<'t> {
    chars: std::str::Chars<'t>,
    in_braces: bool,
    close_next: bool,
}

impl<'t> Erased<'t> {
    fn new(text: &'t str) -> Self {
        Erased {
            chars: text.chars(),
            in_braces: false,
            close_next: false,
        }
    }
}

impl Iterator for Erased<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.close_next {
            self.close_next = false;
            return Some('}');
        }
        loop {
            match self.chars.next()? {
                '{' => {
                    self.in_braces = true;
                    self.close_next = true;
                    return Some('{');
                }
                '}' => self.in_braces = false,
                _ if self.in_braces => {}
                c => return Some(c),
            }
        }
    }
}

/// The client writes braces as text (`"/users/{id}"` without `format!`): it sends them.
fn has_braces(text: &str) -> bool {
    text.contains(['{', '}'])
}

/// Number of literal-for-literal matches when every segment fits, else `None`.
fn exact_fit(call: &[PathSeg], route: &[Segment]) -> Option<usize> {
    let mut specificity = 0;
    for (c, r) in call.iter().zip(route) {
        match (c, r) {
            (PathSeg::Literal(a), Segment::Literal(b)) if a == b && !has_braces(b) => {
                specificity += 1
            }
            (PathSeg::Mixed(a), Segment::Literal(b)) if same_shape(a, b) => specificity += 1,
            (PathSeg::Literal(a), Segment::Param(_)) if has_braces(a) => return None,
            (_, Segment::Param(_)) => {}
            _ => return None,
        }
    }
    Some(specificity)
}

/// The target when call and route segments correspond one to one.
fn positional_target(prefix: usize, call: &[PathSeg], route: &Route, url: &CallUrl) -> Target {
    let segments = route
        .path
        .segments
        .iter()
        .zip(call)
        .enumerate()
        .map(|(i, (r, _))| match r {
            Segment::Literal(text) if !has_braces(text) => TargetSeg::Literal(text.clone()),
            // A parameter, or a segment mixing text and parameters: the call's own spelling.
            _ => TargetSeg::Keep(prefix + i),
        })
        .collect();
    let holes_in_order = call
        .iter()
        .zip(&route.path.segments)
        .all(|(c, r)| !matches!(c, PathSeg::Hole(_)) || matches!(r, Segment::Param(_)));
    Target {
        keep_prefix: prefix,
        segments,
        trailing_slash: route.path.trailing_slash,
        to_query: Vec::new(),
        holes_in_order: holes_in_order && url.segments.len() >= prefix,
    }
}

fn diff_cost(diff: &PathDiff) -> u32 {
    match diff {
        PathDiff::Word { kind, .. } => match kind {
            WordDiff::Case | WordDiff::Separator => 1,
            WordDiff::PluralSingular => 1,
            WordDiff::Typo => 2,
        },
        PathDiff::TrailingSlash { .. } => 1,
        PathDiff::ValueForLiteral { .. } | PathDiff::LiteralPlaceholder { .. } => 2,
        PathDiff::MissingPrefix(_) | PathDiff::ExtraPrefix(_) => 2,
    }
}

/// Compare segment by segment: equal, fitting a parameter, or a known difference. Prefix
/// differences are tried when the lengths differ.
fn near_fit(
    prefix: usize,
    call: &[PathSeg],
    url: &CallUrl,
    route: &Route,
) -> Option<(Vec<PathDiff>, Target)> {
    let spec = &route.path.segments;
    // (Every call is tried against every route: most fail here, before anything is made.)
    if !could_fit(call, spec) {
        return None;
    }
    let mut diffs = Vec::new();
    let mut target_segments = Vec::new();
    let mut to_query = Vec::new();
    let (call_aligned, spec_aligned, call_offset) = if call.len() == spec.len() {
        (call, &spec[..], 0)
    } else if call.is_empty() || spec.is_empty() {
        // Everything would be a prefix: that is a different path, not a near miss.
        return None;
    } else if spec.len() > call.len() {
        // The spec path starts with words the call lacks.
        let extra = spec.len() - call.len();
        let head = literal_prefix(&spec[..extra])?;
        diffs.push(PathDiff::MissingPrefix(head));
        for s in &spec[..extra] {
            if let Segment::Literal(text) = s {
                target_segments.push(TargetSeg::Literal(text.clone()));
            }
        }
        (call, &spec[extra..], 0)
    } else {
        let extra = call.len() - spec.len();
        let head = call[..extra]
            .iter()
            .map(|s| match s {
                PathSeg::Literal(t) => Some(format!("/{t}")),
                _ => None,
            })
            .collect::<Option<String>>()?;
        diffs.push(PathDiff::ExtraPrefix(head));
        (&call[extra..], &spec[..], extra)
    };
    for (i, (c, s)) in call_aligned.iter().zip(spec_aligned).enumerate() {
        let index = prefix + call_offset + i;
        match (c, s) {
            // Segments with parameters inside compare by shape and are never rewritten.
            (PathSeg::Mixed(a), Segment::Literal(b)) => {
                if !same_shape(a, b) {
                    return None;
                }
                target_segments.push(TargetSeg::Keep(index));
            }
            (PathSeg::Literal(a), Segment::Literal(b)) => {
                if has_braces(a) || has_braces(b) {
                    return None;
                }
                if a != b {
                    let kind = word_diff(a, b)?;
                    diffs.push(PathDiff::Word {
                        kind,
                        client: a.clone(),
                        spec: b.clone(),
                    });
                }
                target_segments.push(TargetSeg::Literal(b.clone()));
            }
            (PathSeg::Literal(a), Segment::Param(param)) if has_braces(a) => {
                diffs.push(PathDiff::LiteralPlaceholder {
                    text: a.clone(),
                    param: param.clone(),
                });
                target_segments.push(TargetSeg::Keep(index));
            }
            (PathSeg::Hole(hole), Segment::Literal(b)) => {
                // A value the operation takes in the query sits where its path has a word.
                if let Some(param) = query_param_named(route, hole) {
                    to_query.push((index, param.to_string()));
                }
                diffs.push(PathDiff::ValueForLiteral {
                    hole: hole.clone(),
                    spec: b.clone(),
                });
                target_segments.push(TargetSeg::Literal(b.clone()));
            }
            (_, Segment::Param(_)) => target_segments.push(TargetSeg::Keep(index)),
        }
    }
    if route.path.trailing_slash != url.trailing_slash {
        diffs.push(PathDiff::TrailingSlash {
            client_has: url.trailing_slash,
        });
    }
    // Only word-level and structural differences make a near miss; a path that is equal but
    // for parameters is an exact match and never gets here. Prefix differences alone count
    // only when the rest matches exactly.
    if diffs.is_empty() {
        return None;
    }
    let values_for_literals = diffs
        .iter()
        .filter(|d| matches!(d, PathDiff::ValueForLiteral { .. }))
        .count();
    let prefixed = matches!(
        diffs.first(),
        Some(PathDiff::MissingPrefix(_) | PathDiff::ExtraPrefix(_))
    );
    // A shifted path must otherwise match word for word, with values only where the spec has
    // parameters; anything looser is not a near miss but a different path.
    if prefixed
        && (diffs.len() > 1
            || call_aligned
                .iter()
                .zip(spec_aligned)
                .any(|(c, s)| matches!((c, s), (PathSeg::Literal(_), Segment::Param(_)))))
    {
        return None;
    }
    if values_for_literals > 1 || diffs.iter().map(diff_cost).sum::<u32>() > 4 {
        return None;
    }
    let placeholders = diffs
        .iter()
        .any(|d| matches!(d, PathDiff::LiteralPlaceholder { .. }));
    // No rewrite can supply the value a literal `{id}` stands for.
    let holes_in_order = values_for_literals == to_query.len() && !placeholders;
    Some((
        diffs,
        Target {
            keep_prefix: prefix,
            segments: target_segments,
            trailing_slash: route.path.trailing_slash,
            to_query,
            holes_in_order,
        },
    ))
}

fn literal_prefix(segments: &[Segment]) -> Option<String> {
    segments
        .iter()
        .map(|s| match s {
            Segment::Literal(t) => Some(format!("/{t}")),
            Segment::Param(_) => None,
        })
        .collect()
}

/// How well the call's holes fill the operation's parameters: path parameters, plus query
/// parameters named like a hole (a value sent in the path that belongs in the query).
fn param_fit(holes: &[&str], route: &Route) -> f64 {
    let path_params = route.path.params().count();
    let moved = holes
        .iter()
        .filter(|h| query_param_named(route, h).is_some())
        .count();
    let wanted = path_params + moved;
    if holes.is_empty() && wanted == 0 {
        return 1.0;
    }
    let (low, high) = (holes.len().min(wanted), holes.len().max(wanted));
    low as f64 / high as f64
}

fn query_param_named<'r>(route: &'r Route, hole: &str) -> Option<&'r str> {
    route
        .params
        .iter()
        .find(|p| p.location == ParamIn::Query && p.name.eq_ignore_ascii_case(hole))
        .map(|p| p.name.as_str())
}

/// The target for a suggestion from ranking: holes named like a query parameter move to the
/// query, the others fill the path parameters in order.
fn moved_target(url: &CallUrl, route: &Route) -> Target {
    let mut to_query = Vec::new();
    let mut remaining = Vec::new();
    for (i, segment) in url.segments.iter().enumerate() {
        if let PathSeg::Hole(name) = segment {
            match query_param_named(route, name) {
                Some(param) => to_query.push((i, param.to_string())),
                None => remaining.push(i),
            }
        }
    }
    let params = route.path.params().count();
    let holes_in_order = remaining.len() == params;
    let mut remaining = remaining.into_iter();
    let segments = route
        .path
        .segments
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => TargetSeg::Literal(text.clone()),
            Segment::Param(name) => remaining.next().map_or_else(
                || TargetSeg::Literal(format!("{{{name}}}")),
                TargetSeg::Keep,
            ),
        })
        .collect();
    Target {
        keep_prefix: 0,
        segments,
        trailing_slash: route.path.trailing_slash,
        to_query,
        holes_in_order,
    }
}

#[cfg(test)]
mod tests;
