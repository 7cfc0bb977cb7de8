//! Linking what the files say into the crate's HTTP calls.
//!
//! Files are parsed one by one (in parallel), each into [`FileFacts`]. Here they meet:
//! - names no file could resolve alone become the `const` strings of other files;
//! - a call of a string helper (`self.url(path)`) becomes the string the helper returns;
//! - a **wrapper** is a fn whose request takes its path or method from a parameter
//!   (`fn get<T>(&self, path: &str)`): each call of it elsewhere is an HTTP call, with the
//!   wrapper's method and base and the caller's path, reported where the caller wrote it. A
//!   wrapper called only by another wrapper makes that one a wrapper too, to any depth (bounded).
//!
//! A wrapper's own request is not reported when callers explain it; if nothing calls it, it is
//! reported as unresolved, saying so.

use super::HttpCall;
use super::facts::{ArgValue, CallSite, Callee, FileFacts, FnFacts, MethodSource};
use super::url::{CallUrl, Hole, Origin, Piece, UrlValue};
use crate::spec::Method;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How deep helpers and wrappers are followed.
const MAX_DEPTH: usize = 8;

/// Every HTTP call of the crate, linked across files.
pub(super) fn link(files: Vec<FileFacts>) -> Vec<HttpCall> {
    let mut consts: HashMap<String, Option<String>> = HashMap::new();
    let mut fns: Vec<FnFacts> = Vec::new();
    let mut loose: Vec<HttpCall> = Vec::new();
    for file in files {
        for (name, text) in file.consts {
            consts
                .entry(name)
                .and_modify(|known| {
                    // One name, two values in two files: which one is meant is not known here.
                    if known.as_deref() != Some(text.as_str()) {
                        *known = None;
                    }
                })
                .or_insert(Some(text));
        }
        fns.extend(file.fns);
        loose.extend(file.loose_calls);
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, f) in fns.iter().enumerate() {
        by_name.entry(f.name.clone()).or_default().push(id);
    }
    let index = Index {
        consts,
        fns,
        by_name,
    };
    let mut calls = index.calls();
    calls.extend(index.endpoints());
    calls.extend(loose.into_iter().map(|mut c| {
        c.url = index.resolve(&c.url, 0);
        c
    }));
    calls
}

struct Index {
    consts: HashMap<String, Option<String>>,
    fns: Vec<FnFacts>,
    by_name: HashMap<String, Vec<usize>>,
}

/// A request as a wrapper holds it.
type Request = (HttpCall, MethodSource);

impl Index {
    /// Replace names of other files' consts by their text, and helper calls by what they return.
    fn resolve(&self, value: &UrlValue, depth: usize) -> UrlValue {
        let mut pieces = Vec::with_capacity(value.pieces.len());
        for piece in &value.pieces {
            let Piece::Hole(hole) = piece else {
                pieces.push(piece.clone());
                continue;
            };
            match &hole.origin {
                Origin::Free(name) => match self.consts.get(name) {
                    Some(Some(text)) => pieces.push(Piece::Text {
                        text: text.clone(),
                        direct: false,
                    }),
                    _ => pieces.push(Piece::Hole(Hole {
                        origin: Origin::Runtime,
                        ..hole.clone()
                    })),
                },
                Origin::Call(call) if depth < MAX_DEPTH => {
                    let (callee, args) = &**call;
                    pieces.extend(self.expand_call(hole, callee, args, depth));
                }
                Origin::Call(_) => pieces.push(Piece::Hole(Hole {
                    origin: Origin::Runtime,
                    ..hole.clone()
                })),
                Origin::Runtime | Origin::Param { .. } => pieces.push(piece.clone()),
            }
        }
        UrlValue {
            pieces,
            literal: value.literal.clone(),
        }
    }

    /// What a call in a URL stands for: a helper's string, or the one value it passes on
    /// (`urlencoding::encode(&path)` is still `path`), or nothing known.
    fn expand_call(
        &self,
        hole: &Hole,
        callee: &Callee,
        args: &[ArgValue],
        depth: usize,
    ) -> Vec<Piece> {
        if let Some(helper) = self.helper(callee, args.len()) {
            if let Some(returned) = &helper.returns {
                let value = substitute(returned, args);
                return self.resolve(&value, depth + 1).indirect().pieces;
            }
        }
        if let [ArgValue::Text(value)] = args {
            if let [Piece::Hole(inner)] = value.pieces.as_slice() {
                let passed = Hole {
                    origin: inner.origin.clone(),
                    ..hole.clone()
                };
                return self
                    .resolve(
                        &UrlValue {
                            pieces: vec![Piece::Hole(passed)],
                            literal: None,
                        },
                        depth + 1,
                    )
                    .pieces;
            }
        }
        vec![Piece::Hole(Hole {
            origin: Origin::Runtime,
            ..hole.clone()
        })]
    }

    /// The one fn a call names, among those for which `usable` holds.
    fn find(&self, callee: &Callee, arity: usize, usable: impl Fn(usize) -> bool) -> Option<usize> {
        let candidates: Vec<usize> = self
            .by_name
            .get(&callee.name)?
            .iter()
            .copied()
            .filter(|&id| usable(id) && self.fns[id].params.len() == arity)
            .filter(|&id| {
                let f = &self.fns[id];
                if callee.on_self {
                    f.has_self && (f.owner == callee.owner || callee.owner.is_none())
                } else if callee.receiver.is_some() {
                    f.has_self
                } else {
                    !f.has_self
                        && (callee.owner.is_none() || f.owner.is_none() || f.owner == callee.owner)
                }
            })
            .collect();
        match candidates.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn helper(&self, callee: &Callee, arity: usize) -> Option<&FnFacts> {
        let relaxed = Callee {
            // `Self::url(..)` and `url(..)` in an impl may name an associated fn without `self`.
            on_self: callee.on_self,
            ..callee.clone()
        };
        self.find(&relaxed, arity, |id| self.fns[id].returns.is_some())
            .or_else(|| {
                let free = Callee {
                    on_self: false,
                    receiver: None,
                    ..callee.clone()
                };
                self.find(&free, arity, |id| self.fns[id].returns.is_some())
            })
            .map(|id| &self.fns[id])
    }

    /// All calls: direct requests, and calls through wrappers, each once.
    fn calls(&self) -> Vec<HttpCall> {
        // Requests with helpers and consts resolved, per fn.
        let requests: Vec<Vec<Request>> = self
            .fns
            .iter()
            .map(|f| {
                f.requests
                    .iter()
                    .map(|(call, method)| {
                        let mut call = call.clone();
                        call.url = self.resolve(&call.url, 0);
                        (call, method.clone())
                    })
                    .collect()
            })
            .collect();
        let call_sites: Vec<Vec<CallSite>> = self
            .fns
            .iter()
            .map(|f| {
                f.call_sites
                    .iter()
                    .map(|site| {
                        let mut site = site.clone();
                        site.args = site.args.iter().map(|a| self.resolve_arg(a)).collect();
                        site
                    })
                    .collect()
            })
            .collect();
        // Where a direct request was recognised: a call site there is that request, not a
        // wrapper of the crate with the same name (`self.http.get(url)` vs `fn get`).
        let direct_at: HashSet<(String, usize)> = requests
            .iter()
            .flatten()
            .filter_map(|(c, _)| {
                c.method_site
                    .as_ref()
                    .map(|s| (c.file.clone(), s.range.start))
            })
            .collect();

        // A wrapper's requests take their path or method from a parameter. Those that cannot be
        // checked without a caller make it a wrapper for sure; those with a parameter in an
        // otherwise readable path (`/files/{path}`) only when a caller passes a path there.
        // `self.request(Method::GET, ..)` reads as a request, but on `self` it calls the crate's
        // own `request` fn when there is one: that is a call site, not a request.
        let shadowed: HashSet<(String, usize)> = call_sites
            .iter()
            .flatten()
            .filter(|site| site.callee.on_self)
            .filter(|site| direct_at.contains(&(site.file.clone(), site.range_start)))
            .filter(|site| self.find(&site.callee, site.args.len(), |_| true).is_some())
            .map(|site| (site.file.clone(), site.range_start))
            .collect();
        let is_shadowed = |call: &HttpCall| {
            call.method_site
                .as_ref()
                .is_some_and(|s| shadowed.contains(&(call.file.clone(), s.range.start)))
        };
        let requests: Vec<Vec<Request>> = requests
            .into_iter()
            .map(|rs| rs.into_iter().filter(|(c, _)| !is_shadowed(c)).collect())
            .collect();
        let mut wrappers: Vec<Vec<Request>> = requests
            .iter()
            .map(|rs| {
                rs.iter()
                    .filter(|(c, m)| needs_caller(c, m) || has_param_hole(c))
                    .cloned()
                    .collect()
            })
            .collect();
        // Readable-path requests (fn, line, column) that callers used as wrappers.
        let mut used_as_wrapper: HashSet<(usize, usize, usize)> = HashSet::new();
        let mut derived: HashSet<(usize, String, usize, usize)> = HashSet::new();
        // Requests a fn makes through wrappers with its own parameters: it is a wrapper too.
        let mut derived_requests: Vec<Vec<Request>> = vec![Vec::new(); self.fns.len()];
        let mut concrete: BTreeMap<(String, usize, usize), HttpCall> = BTreeMap::new();
        let mut used: HashSet<usize> = HashSet::new();
        for _ in 0..MAX_DEPTH {
            let snapshot = wrappers.clone();
            let mut changed = false;
            for (caller, sites) in call_sites.iter().enumerate() {
                for site in sites {
                    // `self.http.get(url)` is the HTTP client's; `self.request(..)` on `self`
                    // is the crate's own function, even when it looks like a request.
                    let at = (site.file.clone(), site.range_start);
                    if direct_at.contains(&at) && !site.callee.on_self {
                        continue;
                    }
                    let is_wrapper = |id: usize| !snapshot[id].is_empty();
                    let Some(wrapper) = self.find(&site.callee, site.args.len(), is_wrapper) else {
                        continue;
                    };
                    if wrapper == caller {
                        continue;
                    }
                    for (k, request) in self.chosen(&snapshot[wrapper], wrapper, &site.args) {
                        let sure = needs_caller(&request.0, &request.1);
                        if !sure && !passes_a_path(&request.0, &site.args) {
                            continue;
                        }
                        let Some(made) = self.instantiate(request, wrapper, caller, site) else {
                            continue;
                        };
                        used.insert(wrapper);
                        if !sure {
                            used_as_wrapper.insert((wrapper, request.0.line, request.0.column));
                        }
                        if needs_caller(&made.0, &made.1) {
                            let key = (caller, site.file.clone(), site.range_start, k);
                            if derived.insert(key) {
                                wrappers[caller].push(made.clone());
                                derived_requests[caller].push(made);
                                changed = true;
                            }
                        } else {
                            let (call, method) = made;
                            concrete.insert(
                                (site.file.clone(), site.range_start, k),
                                finish(call, &method),
                            );
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let explained: HashSet<(String, usize)> =
            concrete.keys().map(|(f, at, _)| (f.clone(), *at)).collect();

        let mut out = Vec::new();
        for (id, (rs, through)) in requests.into_iter().zip(derived_requests).enumerate() {
            // A wrapper nothing calls: its requests are reported, unresolved.
            if !used.contains(&id) {
                for (call, method) in through {
                    let mut call = finish(call, &method);
                    call.note.get_or_insert_with(|| self.uncalled(id));
                    out.push(call);
                }
            }
            for (call, method) in rs {
                if used_as_wrapper.contains(&(id, call.line, call.column)) {
                    continue;
                }
                if needs_caller(&call, &method) {
                    if used.contains(&id) {
                        continue;
                    }
                    let mut call = finish(call, &method);
                    call.note.get_or_insert_with(|| self.uncalled(id));
                    out.push(call);
                    continue;
                }
                let at = call
                    .method_site
                    .as_ref()
                    .map(|s| (call.file.clone(), s.range.start));
                if at.is_some_and(|at| explained.contains(&at)) {
                    continue;
                }
                out.push(finish(call, &method));
            }
        }
        out.extend(concrete.into_values());
        out
    }

    /// Endpoint types: an `impl` with `fn method()` returning a method and `fn path()` (or
    /// `endpoint`, `url`, `uri`, `route`) returning a string describes one request
    /// (`cloudflare-rs`, `rustify` and the like). It is reported where `path` is written, and
    /// named after the type, which is what reads like an operationId.
    fn endpoints(&self) -> Vec<HttpCall> {
        let mut by_owner: BTreeMap<(String, String), (Option<Method>, Option<usize>)> =
            BTreeMap::new();
        for (id, f) in self.fns.iter().enumerate() {
            let Some(owner) = &f.owner else { continue };
            let entry = by_owner.entry((f.file.clone(), owner.clone())).or_default();
            match f.name.as_str() {
                "method" if f.params.is_empty() => entry.0 = entry.0.or(f.returns_method),
                "path" | "endpoint" | "url" | "uri" | "route"
                    if f.params.is_empty() && f.returns.is_some() =>
                {
                    entry.1 = entry.1.or(Some(id));
                }
                _ => {}
            }
        }
        by_owner
            .into_iter()
            .filter_map(|((_, owner), (method, path))| {
                let (method, path) = (method?, path?);
                let f = &self.fns[path];
                let url = self.resolve(f.returns.as_ref()?, 0);
                // At the path's literal when there is one, else at `fn path`.
                let (line, column) = url
                    .literal
                    .as_ref()
                    .map_or((f.line, f.column), |l| (l.line, l.column));
                Some(HttpCall {
                    file: f.file.clone(),
                    line,
                    column,
                    function: owner,
                    method,
                    method_site: None,
                    url: url.indirect(),
                    query: Vec::new(),
                    query_opaque: false,
                    body: None,
                    via: Vec::new(),
                    note: None,
                })
            })
            .collect()
    }

    fn uncalled(&self, id: usize) -> String {
        format!(
            "it takes its URL or method from a parameter of `{}`, which nothing in the scanned code calls",
            self.fns[id].name
        )
    }

    fn resolve_arg(&self, arg: &ArgValue) -> ArgValue {
        match arg {
            ArgValue::Text(value) => ArgValue::Text(self.resolve(value, 0)),
            ArgValue::Struct(fields) => ArgValue::Struct(
                fields
                    .iter()
                    .map(|(name, value)| (name.clone(), self.resolve_arg(value)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The wrapper's requests that this call can reach. A wrapper that matches on a method
    /// enum (`Verb::Get => self.http.get(..)`, `Verb::Post => …`) has one request per method:
    /// the argument naming a method picks one.
    fn chosen<'w>(
        &self,
        requests: &'w [Request],
        wrapper: usize,
        args: &[ArgValue],
    ) -> Vec<(usize, &'w Request)> {
        let fixed: HashSet<Method> = requests
            .iter()
            .filter_map(|(_, m)| match m {
                MethodSource::Fixed(m) => Some(*m),
                _ => None,
            })
            .collect();
        let all: Vec<(usize, &Request)> = requests.iter().enumerate().collect();
        if fixed.len() < 2 {
            return all;
        }
        let named = args.iter().enumerate().find_map(|(i, arg)| {
            let typed_like_method = self.fns[wrapper]
                .param_types
                .get(i)
                .is_some_and(|t| t.contains("Method") || t.contains("Verb"));
            match arg {
                ArgValue::Method(m) => Some(*m),
                ArgValue::Variant(v) if typed_like_method || Method::parse(v).is_some() => {
                    Method::parse(v)
                }
                _ => None,
            }
        });
        match named {
            Some(method) => all
                .into_iter()
                .filter(|(_, (_, m))| *m == MethodSource::Fixed(method))
                .collect(),
            None => all,
        }
    }

    /// The request a wrapper makes, as made by one call of it.
    fn instantiate(
        &self,
        request: &Request,
        wrapper: usize,
        caller: usize,
        site: &CallSite,
    ) -> Option<Request> {
        let (call, method) = request;
        let url = self.resolve(&substitute(&call.url, &site.args), 0);
        let method = match method {
            MethodSource::Param { index, fields } => {
                match site.args.get(*index).and_then(|a| a.field(fields)) {
                    Some(ArgValue::Method(m)) => MethodSource::Fixed(*m),
                    Some(ArgValue::Variant(v)) => Method::parse(v)
                        .map_or(MethodSource::Unknown(v.clone()), MethodSource::Fixed),
                    Some(ArgValue::Text(value)) => match value.pieces.as_slice() {
                        [
                            Piece::Hole(Hole {
                                origin: Origin::Param { index, fields },
                                ..
                            }),
                        ] => MethodSource::Param {
                            index: *index,
                            fields: fields.clone(),
                        },
                        _ => value
                            .as_constant()
                            .and_then(|t| Method::parse(&t))
                            .map_or(MethodSource::Unknown(String::new()), MethodSource::Fixed),
                    },
                    _ => MethodSource::Unknown(String::new()),
                }
            }
            other => other.clone(),
        };
        let mut query = call.query.clone();
        query.extend(site.query.iter().cloned());
        let mut via = vec![self.fns[wrapper].name.clone()];
        via.extend(call.via.iter().cloned());
        Some((
            HttpCall {
                file: site.file.clone(),
                line: site.line,
                column: site.column,
                function: self.fns[caller].name.clone(),
                method: call.method,
                // The verb is in the wrapper: a method fix at the call site cannot be made.
                method_site: None,
                url,
                query,
                query_opaque: call.query_opaque,
                body: site.body.clone().or_else(|| call.body.clone()),
                via,
                note: None,
            },
            method,
        ))
    }
}

/// The template with each parameter hole replaced by the call's argument.
fn substitute(template: &UrlValue, args: &[ArgValue]) -> UrlValue {
    let mut pieces = Vec::new();
    let mut literal = None;
    for piece in &template.pieces {
        match piece {
            Piece::Hole(hole) => match &hole.origin {
                Origin::Param { index, fields } => {
                    match args.get(*index).and_then(|a| a.field(fields)) {
                        Some(ArgValue::Text(value)) => {
                            // The caller's literal is where its part of the URL is written.
                            if value.literal.is_some() {
                                literal = value.literal.clone();
                            }
                            pieces.extend(value.pieces.iter().cloned());
                        }
                        _ => pieces.push(Piece::Hole(Hole {
                            origin: Origin::Runtime,
                            placeholder: None,
                            ..hole.clone()
                        })),
                    }
                }
                _ => pieces.push(Piece::Hole(Hole {
                    placeholder: None,
                    ..hole.clone()
                })),
            },
            Piece::Text { text, .. } => pieces.push(Piece::Text {
                text: text.clone(),
                direct: false,
            }),
        }
    }
    UrlValue { pieces, literal }
}

/// A request that cannot be checked where it is written: its method, or its whole path,
/// comes from the enclosing fn's caller.
fn needs_caller(call: &HttpCall, method: &MethodSource) -> bool {
    if matches!(method, MethodSource::Param { .. }) {
        return true;
    }
    if !has_param_hole(call) {
        return false;
    }
    let is_param =
        |p: &Piece| matches!(p, Piece::Hole(h) if matches!(h.origin, Origin::Param { .. }));
    match CallUrl::split(&call.url) {
        Err(_) => true,
        // `/v1{path}`: a parameter glued to text may hold any number of segments.
        Ok(url) => url
            .path_segments
            .iter()
            .any(|segment| segment.len() > 1 && segment.iter().any(is_param)),
    }
}

fn has_param_hole(call: &HttpCall) -> bool {
    call.url
        .pieces
        .iter()
        .any(|p| matches!(p, Piece::Hole(h) if matches!(h.origin, Origin::Param { .. })))
}

/// The call passes (part of) a path, text with a `/`, to a parameter the URL is built from.
fn passes_a_path(call: &HttpCall, args: &[ArgValue]) -> bool {
    call.url.pieces.iter().any(|p| match p {
        Piece::Hole(Hole {
            origin: Origin::Param { index, fields },
            ..
        }) => match args.get(*index).and_then(|a| a.field(fields)) {
            Some(ArgValue::Text(value)) => value
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Text { text, .. } if text.contains('/'))),
            _ => false,
        },
        _ => false,
    })
}

/// The call as reported: a method that is not known makes it unresolved.
fn finish(mut call: HttpCall, method: &MethodSource) -> HttpCall {
    match method {
        MethodSource::Fixed(m) => call.method = *m,
        MethodSource::Param { .. } | MethodSource::Unknown(_) => {
            let what = match method {
                MethodSource::Unknown(text) if !text.is_empty() => format!("`{text}`"),
                _ => "a value".to_string(),
            };
            call.note
                .get_or_insert_with(|| format!("its method is {what} known only at run time"));
        }
    }
    call
}
