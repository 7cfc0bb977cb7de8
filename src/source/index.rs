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

use super::facts::{
    ArgValue, AssocConst, AssocValue, CallSite, Callee, DeclaredWrapper, FileFacts, FnFacts,
    MethodSource, SerdeField, SerdeStruct, through_locks,
};
use super::infer;
use super::url::{CallUrl, Hole, Optional, Origin, Piece, UrlValue};
use super::{HttpCall, Site};
use crate::spec::Method;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How deep string helpers are followed.
const MAX_DEPTH: usize = 8;
/// How many layers of wrappers are followed (each round goes one layer up).
const MAX_ROUNDS: usize = 32;

/// Every HTTP call of the crate, linked across files.
pub(super) fn link(files: Vec<FileFacts>, declared: &[DeclaredWrapper]) -> Vec<HttpCall> {
    let mut consts: HashMap<String, Option<String>> = HashMap::new();
    let mut table_fields: HashMap<String, Option<String>> = HashMap::new();
    // (Sized at once: the crate's fns are the largest thing held while linking.)
    let mut fns: Vec<FnFacts> = Vec::with_capacity(files.iter().map(|f| f.fns.len()).sum());
    let mut loose: Vec<HttpCall> = Vec::new();
    let mut default_headers = false;
    // Serialize types by name (several may share one; see `BodyTypes::get`).
    let mut body_types = BodyTypes::default();
    let mut assoc_consts: Vec<AssocConst> = Vec::new();
    // Field types by struct, then field; a field declared twice with two types is ambiguous.
    let mut field_types: FieldTypes = HashMap::new();
    let mut consts_by_file: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for file in files {
        assoc_consts.extend(file.assoc_consts);
        if !file.consts.is_empty() {
            consts_by_file.insert(file.file.clone(), file.consts.clone());
        }
        for (owner, field, ty) in file.field_types {
            field_types
                .entry(owner)
                .or_default()
                .entry(field)
                .and_modify(|known| {
                    if known.as_deref() != Some(ty.as_str()) {
                        *known = None
                    }
                })
                .or_insert(Some(ty));
        }
        add_known_text(&mut consts, file.consts);
        add_known_text(&mut table_fields, file.table_fields);
        fns.extend(file.fns);
        loose.extend(file.loose_calls);
        default_headers |= file.default_headers;
        for body_type in file.serde_structs {
            body_types
                .0
                .entry(body_type.name.clone())
                .or_default()
                .push(body_type);
        }
    }
    // Only the names two files give two values are looked up by file (`module_const`).
    consts_by_file.retain(|_, named| {
        named.retain(|(name, _)| matches!(consts.get(name), Some(None)));
        !named.is_empty()
    });
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, f) in fns.iter().enumerate() {
        by_name.entry(f.name.clone()).or_default().push(id);
    }
    declare_wrappers(&mut fns, declared);
    type_receivers(&mut fns, &field_types);
    let mut index = Index {
        consts,
        consts_by_file,
        table_fields,
        fns,
        by_name,
        field_values: HashMap::new(),
        route_types: HashSet::new(),
        route_tables: HashSet::new(),
        assoc_consts,
    };
    index.field_values = index.field_values();
    index.derive_routes();
    index.route_tables = index
        .fns
        .iter()
        .filter(|f| !f.returns_by_variant.is_empty())
        .map(|f| f.name.clone())
        .collect();
    index.route_types = index
        .fns
        .iter()
        .filter(|f| f.returns_route.is_some())
        .filter_map(|f| f.owner.clone())
        .collect();
    let fn_requests = index
        .fns
        .iter_mut()
        .map(|f| std::mem::take(&mut f.requests))
        .collect();
    let fn_sites = index
        .fns
        .iter_mut()
        .map(|f| std::mem::take(&mut f.call_sites))
        .collect();
    let mut calls = index.calls(fn_requests, fn_sites);
    calls.extend(index.endpoints());
    calls.extend(loose.into_iter().map(|mut c| {
        c.url = index.resolve(&c.url, &c.file.clone(), &mut Vec::new());
        c
    }));
    let mut calls = dedup(calls);
    // Freeing every fn's facts is a good part of linking a large crate: both cores do it.
    index.fns.into_par_iter().for_each(drop);
    for call in &mut calls {
        // A client with default headers sends them on every request, wherever it is used.
        call.headers_opaque |= default_headers;
        if call.query_opaque && !call.query_types.is_empty() {
            let keys: Option<Vec<Vec<StructKey>>> = call
                .query_types
                .iter()
                .map(|name| struct_keys(&body_types, name, &call.file, 0))
                .collect();
            if let Some(keys) = keys {
                call.query
                    .extend(keys.into_iter().flatten().map(|(key, _)| key));
                call.query_opaque = false;
            }
        }
        if let Some(body) = call.body.as_mut() {
            if body.keys.is_none() {
                if let Some(keys) = body
                    .type_name
                    .as_ref()
                    .and_then(|name| struct_keys(&body_types, name, &call.file, 0))
                {
                    // Findings point at the fields when all are declared in one file.
                    let places: Option<Vec<(String, Site)>> =
                        keys.iter().map(|(_, at)| at.clone()).collect();
                    let files: HashSet<&str> = places
                        .iter()
                        .flatten()
                        .map(|(file, _)| file.as_str())
                        .collect();
                    if let (Some(places), 1) = (&places, files.len()) {
                        body.key_file = places.first().map(|(file, _)| file.clone());
                        body.key_sites = places.iter().map(|(_, site)| site.clone()).collect();
                    }
                    body.keys = Some(keys.into_iter().map(|(key, _)| key).collect());
                    let sent = body
                        .type_name
                        .as_ref()
                        .and_then(|name| body_types.get(name, &call.file));
                    if let Some(sent) = sent {
                        body.string_values = sent.tag.clone().into_iter().collect();
                        body.nested = nested_struct_keys(&body_types, sent);
                        // Places in the struct's file mean something only where the body's
                        // findings go there too.
                        if body.key_file.is_none() {
                            for (_, _, sites) in &mut body.nested {
                                sites.clear();
                            }
                        }
                    }
                }
            }
        }
    }
    calls
}

/// The keys of the fields of a struct body that are structs themselves, one level down, with
/// where they are declared (when in the body struct's file, where its findings go).
fn nested_struct_keys(
    types: &BodyTypes,
    body_type: &SerdeStruct,
) -> Vec<(String, Vec<String>, Vec<Site>)> {
    let mut nested = Vec::new();
    for field in &body_type.fields {
        let SerdeField::Named {
            key, of: Some(of), ..
        } = field
        else {
            continue;
        };
        let Some(keys) = struct_keys(types, of, &body_type.file, 1) else {
            continue;
        };
        let sites: Option<Vec<Site>> = keys
            .iter()
            .map(|(_, at)| {
                at.as_ref()
                    .filter(|(file, _)| *file == body_type.file)
                    .map(|(_, site)| site.clone())
            })
            .collect();
        nested.push((
            key.clone(),
            keys.into_iter().map(|(k, _)| k).collect(),
            sites.unwrap_or_default(),
        ));
    }
    nested
}

/// `{url}/v1/batch/`: a runtime base followed by a path of some length, ending with `/`.
/// Text with a path, then parameters each filling a whole segment of it (`https://h/v4/
/// accounts/{account_id}/storage`), none named for a path or URL (which may hold several).
fn params_fill_segments(value: &UrlValue) -> bool {
    let pieces = &value.pieces;
    let Some(Piece::Text { text: first, .. }) = pieces.first() else {
        return false;
    };
    let after_host = first
        .split_once("://")
        .map_or(first.as_str(), |(_, rest)| rest);
    if !after_host.contains('/') {
        return false;
    }
    pieces.iter().enumerate().all(|(i, piece)| {
        if !piece_has_param(piece) {
            return true;
        }
        let Piece::Hole(hole) = piece else {
            return false;
        };
        let opens =
            matches!(pieces.get(i - 1), Some(Piece::Text { text, .. }) if text.ends_with('/'));
        let closes = match pieces.get(i + 1) {
            None => true,
            Some(Piece::Text { text, .. }) => text.starts_with(['/', '?']),
            Some(Piece::Hole(_)) => false,
        };
        opens
            && closes
            && matches!(hole.origin, Origin::Param { .. })
            && !super::extract::names_a_url(&hole.name.to_ascii_lowercase())
    })
}

fn holds_a_path(value: &UrlValue) -> bool {
    match value.pieces.as_slice() {
        [Piece::Hole(_), Piece::Text { text, .. }, ..] => {
            // A base made to be joined to (`url.join("/v1/batch/")`) ends with `/`;
            // `format!("{}/api/v1", host)` may be what the spec's servers say.
            text.starts_with('/') && text.ends_with('/') && !text.trim_matches('/').is_empty()
        }
        _ => false,
    }
}

/// The crate's `Serialize` types by name: several may share one (a `ListReposBuilder` in
/// each of three modules).
#[derive(Default)]
struct BodyTypes(HashMap<String, Vec<SerdeStruct>>);

impl BodyTypes {
    /// The type of this name: the only one, or the one declared in `file` (where the value
    /// sent is made); `None` when that does not decide.
    /// A name written with its module (`models::Options`) is the one declared in that
    /// module's file.
    fn get(&self, name: &str, file: &str) -> Option<&SerdeStruct> {
        let (module, name) = match name.split_once("::") {
            Some((module, ty)) if module.starts_with(|c: char| c.is_ascii_lowercase()) => {
                (Some(module), ty)
            }
            _ => (None, name),
        };
        let candidates = self.0.get(name)?;
        if let [only] = candidates.as_slice() {
            return Some(only);
        }
        let in_module = |f: &str, module: &str| {
            f.contains(&format!("/{module}.rs"))
                || f.contains(&format!("/{module}/"))
                || f.starts_with(&format!("{module}.rs"))
                || f.starts_with(&format!("{module}/"))
        };
        let mut fitting = candidates.iter().filter(|t| match module {
            Some(module) => in_module(&t.file, module),
            None => t.file == file,
        });
        match (fitting.next(), fitting.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
}

/// A key a struct sends, and where (file, place) its field is declared.
type StructKey = (String, Option<(String, Site)>);

/// The JSON keys a `Serialize` struct of the crate sends, flattened structs included; `None`
/// when the struct (or one it flattens) is unknown or ambiguous.
fn struct_keys(types: &BodyTypes, name: &str, file: &str, depth: usize) -> Option<Vec<StructKey>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let body_type = types.get(name, file)?;
    let mut keys = Vec::new();
    for field in &body_type.fields {
        match field {
            SerdeField::Named { key, at, .. } => keys.push((
                key.clone(),
                at.as_ref().map(|at| (body_type.file.clone(), at.clone())),
            )),
            SerdeField::Flatten(inner) => {
                keys.extend(struct_keys(types, inner, &body_type.file, depth + 1)?)
            }
        }
    }
    Some(keys)
}

struct Index {
    consts: HashMap<String, Option<String>>,
    /// Each file's consts, for a name two files give two values (`super::BASE`).
    consts_by_file: HashMap<String, Vec<(String, String)>>,
    /// Fields of tables of paths by name (see `Origin::TableField`); `None`: two values.
    table_fields: HashMap<String, Option<String>>,
    fns: Vec<FnFacts>,
    by_name: HashMap<String, Vec<usize>>,
    /// (type, field) → the one URL its constructors store in that field (see `field_values`).
    field_values: HashMap<(String, String), UrlValue>,
    /// Names of the crate's route tables (fns giving a string per variant of `self`).
    route_tables: HashSet<String>,
    /// Types with route constructors (`impl Endpoint { fn me() -> Endpoint { .. } }`): their
    /// methods' `self.path` is the path of the description they are called on.
    route_types: HashSet<String>,
    /// What endpoint types say of themselves in associated consts (see `const_endpoints`).
    assoc_consts: Vec<AssocConst>,
}

/// A request as a wrapper holds it: the call, where its method comes from, and the wrappers
/// (fn ids) it has come through.
type Request = (HttpCall, MethodSource, Vec<usize>);

/// By type, the fn and request that send a path stored on it, with its method (see
/// `Index::senders_by_type`); `None` for a type with several.
type Senders = HashMap<String, Option<(usize, HttpCall, Method)>>;

impl Index {
    /// Replace names of other files' consts by their text, and helper calls by what they return.
    /// `file` is where the value is written (a helper defined there wins over others of the same
    /// name); `stack` holds the helpers being expanded, so that recursion stops.
    fn resolve(&self, value: &UrlValue, file: &str, stack: &mut Vec<usize>) -> UrlValue {
        let mut pieces = Vec::with_capacity(value.pieces.len());
        for (i, piece) in value.pieces.iter().enumerate() {
            let Piece::Hole(hole) = piece else {
                pieces.push(piece.clone());
                continue;
            };
            match &hole.origin {
                Origin::Free(name) => match self.module_const(name, hole, file) {
                    Some(text) => pieces.push(Piece::Text {
                        text: text.to_string(),
                        direct: false,
                    }),
                    None => pieces.push(known_text(&self.consts, name, hole)),
                },
                Origin::TableField(name) => pieces.push(known_text(&self.table_fields, name, hole)),
                Origin::Filled(fill) => match self.consts.get(&fill.name) {
                    Some(Some(text)) => pieces.extend(filled(text, &fill.pattern, &fill.filler)),
                    _ => pieces.push(runtime(hole)),
                },
                Origin::Call(call) if stack.len() < MAX_DEPTH => {
                    let (callee, args) = &**call;
                    pieces.extend(self.expand_call(hole, callee, args, file, stack));
                }
                Origin::Call(_) => pieces.push(runtime(hole)),
                // A field that holds the whole URL (`self.crab.patch(self.gist_path, ..)`): the
                // value its constructor was given. Beside other text it is a base or a segment
                // of some other value, which routelint does not guess.
                Origin::SelfField { owner, field } => {
                    match self.field_values.get(&(owner.clone(), field.clone())) {
                        Some(stored) if value.pieces.len() == 1 => {
                            pieces.extend(stored.clone().indirect().pieces)
                        }
                        // `self.endpoint.join("objects")` where the constructor stored
                        // `url.join("/v1/batch/")`: a URL with a path of its own, which the
                        // rest goes under (not the API's root, as a base usually is).
                        Some(stored) if i == 0 && holds_a_path(stored) => {
                            pieces.extend(stored.clone().indirect().pieces);
                            drop_doubled_slash(&mut pieces, value.pieces.get(1));
                        }
                        // A route description's path: the caller's description gives it.
                        _ if self.route_types.contains(owner) => pieces.push(piece.clone()),
                        _ => pieces.push(runtime(hole)),
                    }
                }
                // An optional parameter's choice waits for a caller (see `substitute`).
                Origin::Runtime | Origin::Param { .. } | Origin::Field(_) | Origin::Optional(_) => {
                    pieces.push(piece.clone())
                }
            }
        }
        UrlValue {
            pieces,
            literal: value.literal.clone(),
        }
    }

    /// A const that two files define differently, named through a module path from `file`:
    /// `super::BASE` in `src/interface/wireguard.rs` is `src/interface/mod.rs`'s (or
    /// `src/interface.rs`'s). (A name the crate defines once is read without this.)
    fn module_const(&self, name: &str, hole: &Hole, file: &str) -> Option<&str> {
        if !matches!(self.consts.get(name), Some(None)) {
            return None;
        }
        let written: String = hole.expr.split_whitespace().collect();
        if written != format!("super::{name}") {
            return None;
        }
        let here = std::path::Path::new(file);
        let dir = here.parent()?;
        let stem = here.file_stem()?.to_str()?;
        // The directory whose module the file is, and the files that module may be.
        let module_dir = if matches!(stem, "mod" | "lib" | "main") {
            dir.parent()?
        } else {
            dir
        };
        let mut candidates = vec![
            module_dir.join("mod.rs"),
            module_dir.with_extension("rs"),
            module_dir.join("lib.rs"),
            module_dir.join("main.rs"),
        ];
        candidates.retain(|c| c != here);
        candidates.iter().find_map(|candidate| {
            let consts = self.consts_by_file.get(candidate.to_str()?)?;
            consts
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, text)| text.as_str())
        })
    }

    /// What constructors store in fields named like a URL: `Self { gist_path, .. }` in
    /// `fn new(crab, gist_path: String)`, called once in the crate as
    /// `UpdateGistBuilder::new(self.crab, format!("/gists/{id}"))`, stores `/gists/{id}`. Only
    /// a field with one such value, from a constructor with one such caller, is kept; the
    /// caller's parameters become plain holes (they are not the method's).
    fn field_values(&self) -> HashMap<(String, String), UrlValue> {
        let mut values: HashMap<(String, String), Option<UrlValue>> = HashMap::new();
        // The constructors' callers, by name: built once, and only if needed.
        let mut sites: Option<HashMap<&str, Vec<(usize, &CallSite)>>> = None;
        for f in &self.fns {
            let Some(owner) = &f.owner else { continue };
            for (field, init) in &f.field_inits {
                let ArgValue::Text(stored) = init else {
                    continue;
                };
                let value = if stored.pieces.iter().any(piece_has_param) {
                    let sites = sites.get_or_insert_with(|| {
                        let mut by_name: HashMap<&str, Vec<(usize, &CallSite)>> = HashMap::new();
                        for (caller, g) in self.fns.iter().enumerate() {
                            for site in &g.call_sites {
                                by_name
                                    .entry(site.callee.name.as_str())
                                    .or_default()
                                    .push((caller, site));
                            }
                        }
                        by_name
                    });
                    let callers: Vec<&(usize, &CallSite)> = sites
                        .get(f.name.as_str())
                        .into_iter()
                        .flatten()
                        .filter(|(_, site)| {
                            site.callee.owner.as_ref() == Some(owner)
                                && site.args.len() == f.params.len()
                        })
                        .collect();
                    match callers.as_slice() {
                        [(caller, site)] => {
                            let file = &self.fns[*caller].file;
                            let args: Vec<ArgValue> = site
                                .args
                                .iter()
                                .map(|a| self.resolve_arg(a, file))
                                .collect();
                            Some(localized(&substitute(stored, &args)))
                        }
                        // `url.join("/v1/batch/")` of a `url` parameter: whatever the base,
                        // the path the field holds is known.
                        _ if holds_a_path(stored)
                            && !stored.pieces[1..].iter().any(piece_has_param) =>
                        {
                            Some(localized(stored))
                        }
                        // `format!("{}{}{}{}", CF_API_URL, "accounts/", account_id,
                        // "/storage/kv/namespaces")`: parameters that each fill one segment
                        // of a written path are its template's holes, whoever gives them.
                        _ if params_fill_segments(stored) => Some(localized(stored)),
                        _ => None,
                    }
                } else {
                    Some(self.resolve(stored, &f.file, &mut Vec::new()))
                };
                values
                    .entry((owner.clone(), field.clone()))
                    .and_modify(|known| {
                        if *known != value {
                            *known = None;
                        }
                    })
                    .or_insert(value);
            }
        }
        values
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect()
    }

    /// What a call in a URL stands for: a helper's string; or, for a function the crate does not
    /// define (`urlencoding::encode(&path)`), the one value it is given; or nothing known.
    fn expand_call(
        &self,
        hole: &Hole,
        callee: &Callee,
        args: &[ArgValue],
        file: &str,
        stack: &mut Vec<usize>,
    ) -> Vec<Piece> {
        if callee.on_value {
            return self.expand_route(hole, callee, args, file, stack);
        }
        if self.by_name.contains_key(&callee.name) {
            // A route constructor's description (`Endpoint::me()`) stays a call until a wrapper
            // reads its fields (`route_args`).
            let route = self.find(callee, args.len(), file, Policy::Helper, |id| {
                self.fns[id].returns_route.is_some()
            });
            if route.is_some() {
                return vec![Piece::Hole(hole.clone())];
            }
            // `self.url.auth()`: only a method of a type named like the field
            // (`impl UrlAuthentication for Url`), not any `auth` of the crate.
            let on_a_field = args.is_empty() && !callee.on_self && callee.receiver.is_some();
            let helper = self.find(callee, args.len(), file, Policy::Helper, |id| {
                let typed = || {
                    callee
                        .receiver
                        .as_deref()
                        .is_some_and(|receiver| self.typed_like(id, receiver))
                };
                self.fns[id].returns.is_some() && (!on_a_field || typed())
            });
            // Several, none, or one being expanded already: what it returns is not known.
            let Some(id) = helper.filter(|id| !stack.contains(id)) else {
                return self
                    .unread_url_builder(callee, args, file, stack)
                    .unwrap_or_else(|| vec![runtime(hole)]);
            };
            let Some(returned) = &self.fns[id].returns else {
                return vec![runtime(hole)];
            };
            let value = substitute(returned, args);
            stack.push(id);
            let resolved = self.resolve(&value, &self.fns[id].file, stack);
            stack.pop();
            // What it returns has no path we can read (it is set from values worked out in
            // ways not followed): a URL builder's name and its one path argument say more.
            // (Split only for such a builder: most helpers are not, and this runs for each.)
            let no_path = || CallUrl::split(&resolved).map_or(true, |url| url.segments.is_empty());
            if may_build_a_url(callee, args) && no_path() {
                if let Some(built) = self.unread_url_builder(callee, args, file, stack) {
                    return built;
                }
            }
            return resolved.indirect().pieces;
        }
        let passed = match args {
            // One value passed on: keep the outer name (`{path}` for `encode(&path)`).
            [ArgValue::Text(value)] => match value.pieces.as_slice() {
                [Piece::Hole(inner)] => {
                    let passed = Hole {
                        origin: inner.origin.clone(),
                        ..hole.clone()
                    };
                    let value = UrlValue {
                        pieces: vec![Piece::Hole(passed)],
                        literal: None,
                    };
                    self.resolve(&value, file, stack).pieces
                }
                _ => self.resolve(value, file, stack).indirect().pieces,
            },
            [ArgValue::Text(base), ArgValue::Text(path)] if builds_a_url(&callee.name) => {
                return self
                    .base_and_path(base, path, file, stack)
                    .unwrap_or_else(|| vec![runtime(hole)]);
            }
            _ => return vec![runtime(hole)],
        };
        // A method of another value given a fixed word is a lookup, not a conversion:
        // `response.header(LOCATION)` is the header's value, not the text "Location"; so is a
        // function given a name in capitals, `std::env::var("API_URL")` (but
        // `encode("users")` is the text).
        let is_key = passed.iter().all(|p| match p {
            Piece::Text { text, .. } => !text.contains('/'),
            Piece::Hole(_) => false,
        });
        let env_like = passed.iter().all(|p| match p {
            Piece::Text { text, .. } => text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            Piece::Hole(_) => false,
        });
        if is_key && (callee.receiver.is_some() || env_like) {
            return vec![runtime(hole)];
        }
        passed
    }

    /// `self.resolve_url(url_path)`: a method of the crate named for the URL it builds, given
    /// one path, whose body says too little to follow (it parses the path against a dummy
    /// host and sets what it finds on the base): the path under the API's root, as its name
    /// says.
    fn unread_url_builder(
        &self,
        callee: &Callee,
        args: &[ArgValue],
        file: &str,
        stack: &mut Vec<usize>,
    ) -> Option<Vec<Piece>> {
        let [ArgValue::Text(path)] = args else {
            return None;
        };
        if !may_build_a_url(callee, args) {
            return None;
        }
        let own = self.find(callee, 1, file, Policy::Helper, |id| self.fns[id].has_self)?;
        let path = self.resolve(path, file, stack).indirect().pieces;
        // A path: text with a `/` or a word (`v2/access-token`), or a value named like one.
        let reads_as_path = match path.first()? {
            Piece::Text { text, .. } => !text.contains("://") && !text.contains(' '),
            Piece::Hole(hole) => super::extract::names_a_url(&hole.name),
        };
        if !reads_as_path {
            return None;
        }
        let root = Piece::Hole(Hole::runtime(
            "base",
            format!("self.{}(..)", self.fns[own].name),
        ));
        Some(UrlValue::path_under(vec![root], path).pieces)
    }

    /// `build_final_url(self.base_url.clone(), path)`, a function out of sight named for the URL
    /// it builds from a base and a path: the path under the base. The base must read as one
    /// (a value named like a URL or a base, or an absolute URL), or this is some other function.
    fn base_and_path(
        &self,
        base: &UrlValue,
        path: &UrlValue,
        file: &str,
        stack: &mut Vec<usize>,
    ) -> Option<Vec<Piece>> {
        let base = self.resolve(base, file, stack).indirect().pieces;
        let reads_as_base = match base.as_slice() {
            [Piece::Hole(h)] => crate::source::extract::names_a_base_name(&h.name),
            [Piece::Text { text, .. }, ..] => {
                text.starts_with("http://") || text.starts_with("https://")
            }
            _ => false,
        };
        let path = self.resolve(path, file, stack).indirect().pieces;
        if !reads_as_base || path.is_empty() {
            return None;
        }
        Some(UrlValue::path_under(base, path).pieces)
    }

    /// `route.path()`: the route table's string for the variant the value is. While the value
    /// is still a parameter of the enclosing fn, the call waits for its callers.
    fn expand_route(
        &self,
        hole: &Hole,
        callee: &Callee,
        args: &[ArgValue],
        file: &str,
        stack: &mut Vec<usize>,
    ) -> Vec<Piece> {
        match args.first() {
            Some(ArgValue::Enum {
                owner,
                variant,
                fields,
            }) => {
                // `route.to_string()` is what its `Display` impl (`fmt`) writes; a variant
                // shown as text (`ApiEndpoint::Player.as_str()` reads as the variant itself)
                // is what its `Display` impl writes, or else its string conversion. The
                // first of these names with a table is the one.
                let names: &[&str] = match callee.name.as_str() {
                    "to_string" | "fmt" => &["to_string", "fmt", "as_str", "as_ref"],
                    // `route.into()`: its `From<Route> for String` (or its `Into`).
                    "into" => &["into", "from"],
                    "try_into" => &["try_into", "try_from", "into", "from"],
                    other => &[other],
                };
                let table = names
                    .iter()
                    .map(|name| {
                        self.by_name
                            .get(*name)
                            .into_iter()
                            .flatten()
                            .copied()
                            // A table on `self`, or on the one parameter of a conversion.
                            .filter(|&id| self.fns[id].has_self || self.fns[id].params.len() == 1)
                            .filter(|&id| {
                                self.fns[id]
                                    .returns_by_variant
                                    .iter()
                                    .any(|(v, _)| v == variant)
                            })
                            .filter(|id| !stack.contains(id))
                            .collect::<Vec<_>>()
                    })
                    .find(|table| !table.is_empty())
                    .unwrap_or_default();
                // Two enums may share a variant name: keep the tables of the enum named, unless
                // none is (the enum may be used through an alias or a re-export).
                let of_owner: Vec<usize> = table
                    .iter()
                    .copied()
                    .filter(|&id| owner.is_some() && self.fns[id].owner == *owner)
                    .collect();
                let table = if of_owner.is_empty() { table } else { of_owner };
                // Several tables with that variant: the one in the same file, if one.
                let table = if table.len() > 1 {
                    table
                        .into_iter()
                        .filter(|&id| self.fns[id].file == file)
                        .collect()
                } else {
                    table
                };
                let this = &args[0];
                let [id] = table.as_slice() else {
                    // No table, but a method of the enum built on one (`fn url(&self) ->
                    // String { format!("{BASE}{}", self.path()) }`).
                    return self.expand_method_of_value(
                        hole,
                        &callee.name,
                        owner.as_deref(),
                        stack,
                        |r| bind_self(r, this),
                    );
                };
                let Some((_, value)) = self.fns[*id]
                    .returns_by_variant
                    .iter()
                    .find(|(v, _)| v == variant)
                else {
                    return vec![runtime(hole)];
                };
                // An arm may use the whole value (`let path: String = self.into();`).
                let value = bind_self(&substitute_fields(value, fields), this);
                stack.push(*id);
                let resolved = self.resolve(&value, &self.fns[*id].file, stack);
                stack.pop();
                resolved.indirect().pieces
            }
            // A struct literal's method: its `self.field`s are the literal's.
            Some(literal @ ArgValue::Struct(_)) => self.expand_method_of_value(
                hole,
                &callee.name,
                callee.owner.as_deref(),
                stack,
                |r| fill_self_fields(r, Some(literal)),
            ),
            // `operation.endpoint()` of a generic parameter, where the trait's default
            // `endpoint` returns `Self::ENDPOINT_PATH`: each implementing type's const (see
            // `const_endpoints`).
            Some(arg) if arg_has_param(arg) => match self.trait_const_getter(&callee.name) {
                Some(getter) => vec![Piece::Hole(getter.clone())],
                // `config.login_url()` on a parameter (`config: ClientConfig`): when no route
                // table has that name, the one inherent method of it that returns a URL, its
                // `self` fields as they are (audiobookshelf_api). A trait's method is each
                // implementing type's (see `described_endpoints`).
                None if !self.is_a_route_table(&callee.name)
                    && self
                        .self_method_returning(&callee.name, None, stack)
                        .is_some_and(|id| {
                            self.fns[id].implements.is_none() && self.fns[id].trait_name.is_none()
                        }) =>
                {
                    self.expand_method_of_value(hole, &callee.name, None, stack, |r| r.clone())
                }
                None => vec![Piece::Hole(hole.clone())],
            },
            // `String::from(path)` given text by the caller: a conversion, not a route.
            Some(ArgValue::Text(value)) if callee.name == "from" => {
                self.resolve(value, file, stack).indirect().pieces
            }
            _ => vec![runtime(hole)],
        }
    }

    /// What the method `name` of a value returns, `self` being that value (`bind` puts it in
    /// place of `self`'s calls or fields); unknown without one such method.
    fn expand_method_of_value(
        &self,
        hole: &Hole,
        name: &str,
        owner: Option<&str>,
        stack: &mut Vec<usize>,
        bind: impl FnOnce(&UrlValue) -> UrlValue,
    ) -> Vec<Piece> {
        let Some(id) = self.self_method_returning(name, owner, stack) else {
            return vec![runtime(hole)];
        };
        let Some(returned) = &self.fns[id].returns else {
            return vec![runtime(hole)];
        };
        let value = bind(returned);
        stack.push(id);
        let resolved = self.resolve(&value, &self.fns[id].file, stack);
        stack.pop();
        resolved.indirect().pieces
    }

    /// The `Self::PATH` a trait's default method `name` returns (`fn endpoint(&self) ->
    /// &'static str { Self::ENDPOINT_PATH }`), when exactly one such method has that name.
    fn trait_const_getter(&self, name: &str) -> Option<&Hole> {
        let ids = self.by_name.get(name)?;
        // Another method of that name (an inherent one, or an impl's own) may be the one
        // called: then which is not known.
        if ids.iter().filter(|&&id| self.fns[id].has_self).count() != 1 {
            return None;
        }
        let mut getters = ids.iter().filter_map(|&id| {
            let f = &self.fns[id];
            if !(f.has_self && f.params.is_empty() && f.owner.is_none() && f.trait_name.is_some()) {
                return None;
            }
            match f.returns.as_ref()?.pieces.as_slice() {
                [Piece::Hole(h)] if type_const(&h.expr).is_some_and(|(ty, _)| ty == "Self") => {
                    Some(h)
                }
                _ => None,
            }
        });
        let first = getters.next()?;
        getters.next().is_none().then_some(first)
    }

    /// The one method named `name` (with `self` and no other parameter) of the type `owner`
    /// that returns a value, not being expanded already: a route enum's `fn url(&self)`, a
    /// struct's. With no owner named (`Self::…` in an enum value), any type's, if only one.
    /// Whether some fn of this name maps an enum's variants to paths.
    fn is_a_route_table(&self, name: &str) -> bool {
        self.by_name.get(name).is_some_and(|ids| {
            ids.iter()
                .any(|&id| !self.fns[id].returns_by_variant.is_empty())
        })
    }

    fn self_method_returning(
        &self,
        name: &str,
        owner: Option<&str>,
        stack: &[usize],
    ) -> Option<usize> {
        let found: Vec<usize> = self
            .by_name
            .get(name)?
            .iter()
            .copied()
            .filter(|&id| {
                let f = &self.fns[id];
                f.has_self
                    && f.params.is_empty()
                    && f.returns.is_some()
                    && owner.is_none_or(|o| f.owner.as_deref() == Some(o))
            })
            .filter(|id| !stack.contains(id))
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The one fn a call names, among those for which `usable` holds; one defined in `file`
    /// wins when several fit.
    fn find(
        &self,
        callee: &Callee,
        arity: usize,
        file: &str,
        policy: Policy,
        usable: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let candidates: Vec<usize> = self
            .by_name
            .get(&callee.name)?
            .iter()
            .copied()
            .filter(|&id| usable(id) && self.fns[id].params.len() == arity)
            .filter(|&id| self.names(callee, id, policy))
            .collect();
        // Several fit: one of the caller's own type, then one in the caller's file.
        let narrow = |candidates: Vec<usize>, keep: &dyn Fn(usize) -> bool| {
            if candidates.len() <= 1 {
                return candidates;
            }
            let kept: Vec<usize> = candidates.iter().copied().filter(|&id| keep(id)).collect();
            if kept.is_empty() { candidates } else { kept }
        };
        let candidates = match (callee.on_self, callee.receiver.as_deref()) {
            // `self.session_api.post(..)`: the type named like the field, not the caller's own
            // (which would be the caller itself, when it has the same name).
            // A receiver of a known type (a field's or a parameter's) is that type's first.
            (false, Some(receiver)) => narrow(
                narrow(candidates, &|id| is_of_type(callee, &self.fns[id])),
                &|id| self.typed_like(id, receiver) || is_of_type(callee, &self.fns[id]),
            ),
            _ => narrow(candidates, &|id| {
                let f = &self.fns[id];
                callee.owner.is_some() && (f.owner == callee.owner || f.trait_name == callee.owner)
            }),
        };
        let candidates = narrow(candidates, &|id| self.fns[id].file == file);
        match candidates.as_slice() {
            [one] => Some(*one),
            // One fn written twice in one place, each under its own `#[cfg]` (`fetch` for wasm
            // and for the rest): the first, as a reader would take it.
            [first, rest @ ..] if rest.iter().all(|&id| self.are_cfg_twins(*first, id)) => {
                Some(*first)
            }
            // A trait's default method calling a wrapper each impl writes (`self.request_raw(url)`
            // with a reqwest and a surf backend): the first (in the crate's order) is read, and
            // the linking checks that the others make the same requests (`same_requests`). A
            // helper giving each type its own path (`self.path()`) is no such thing.
            [first, ..]
                if policy == Policy::Wrapper
                    && callee.on_self
                    && candidates.iter().all(|&id| self.implements(callee, id)) =>
            {
                Some(*first)
            }
            _ => None,
        }
    }

    /// Whether fn `id` is a type's method in its impl of the trait `callee`'s owner names.
    fn implements(&self, callee: &Callee, id: usize) -> bool {
        let f = &self.fns[id];
        f.implements.is_some() && f.implements == callee.owner
    }

    /// The other types' methods of the trait method fn `id` implements (`request_raw` of
    /// the surf backend, for the reqwest backend's).
    fn other_impls(&self, id: usize) -> Vec<usize> {
        let f = &self.fns[id];
        if f.implements.is_none() {
            return Vec::new();
        }
        self.by_name.get(&f.name).map_or_else(Vec::new, |ids| {
            ids.iter()
                .copied()
                .filter(|&other| {
                    let g = &self.fns[other];
                    other != id && g.implements == f.implements && g.params.len() == f.params.len()
                })
                .collect()
        })
    }

    /// The same fn written again under another `#[cfg]` (see `find`).
    fn cfg_twins(&self, id: usize) -> Vec<usize> {
        let f = &self.fns[id];
        self.by_name.get(&f.name).map_or_else(Vec::new, |ids| {
            ids.iter()
                .copied()
                .filter(|&other| other != id && self.are_cfg_twins(id, other))
                .collect()
        })
    }

    /// Two fns of one name in one file, both free or both in one `impl` block, with as many
    /// parameters, each under a `#[cfg]` of its own: one stands in for the other. (Methods of one
    /// name in two `impl` blocks of a type belong to two traits: not twins, unless both blocks
    /// are inherent, which a type can only have twice under `#[cfg]`s.)
    fn are_cfg_twins(&self, a: usize, b: usize) -> bool {
        let (f, g) = (&self.fns[a], &self.fns[b]);
        let inherent = |h: &FnFacts| h.implements.is_none() && h.trait_name.is_none();
        f.cfg_gated
            && g.cfg_gated
            && f.name == g.name
            && f.file == g.file
            && f.owner == g.owner
            && f.trait_name == g.trait_name
            && f.implements == g.implements
            && (f.impl_block == g.impl_block || (inherent(f) && inherent(g)))
            && f.params.len() == g.params.len()
    }

    /// `self.client.request(req)` in a method of `Public` does not call `Public::request`: a
    /// field of a type is (almost) never of that type itself. Only a method of the same file
    /// is surely of the same type: two modules may each have their own `Client` (an API
    /// group's `Client` holding the crate's `api_client: &Client`).
    fn on_a_field_of_its_own_type(&self, site: &CallSite, caller: usize, id: usize) -> bool {
        let on_a_field = !site.callee.on_self
            && site
                .callee
                .receiver
                .as_deref()
                .is_some_and(|r| r.starts_with("self."));
        let (f, g) = (&self.fns[id], &self.fns[caller]);
        on_a_field && f.owner.is_some() && f.owner == g.owner && f.file == g.file
    }

    /// Whether fn `id` is a method of a type (or trait) named like `receiver`'s last field.
    fn typed_like(&self, id: usize, receiver: &str) -> bool {
        let f = &self.fns[id];
        [&f.owner, &f.trait_name]
            .into_iter()
            .flatten()
            .any(|ty| named_like_receiver(ty, receiver))
    }

    /// Whether the call can name fn `id`.
    fn names(&self, callee: &Callee, id: usize, policy: Policy) -> bool {
        let f = &self.fns[id];
        // A trait's default method has no owner: any impl may call it. In a default method,
        // `self.f(..)` of a method the trait leaves to its impls is any impl's.
        let same_owner = f.owner.is_none()
            || callee.owner.is_none()
            || f.owner == callee.owner
            || (callee.on_self && f.implements.is_some() && f.implements == callee.owner);
        match (callee.on_self, callee.receiver.as_deref()) {
            // `self.f(..)`: a method of this type, or, when the type has none of that name in
            // the crate, of the type it stands for (an alias, `Deref` to an inner client).
            (true, Some(_)) => f.has_self && (same_owner || self.stands_for(callee, f)),
            // `Self::f(..)`: a method or an associated fn of this impl (the same fallback).
            (true, None) => same_owner || self.stands_for(callee, f),
            // `other.f(..)`: a wrapper is followed only through a receiver that reads as this
            // crate's client (`self.values.get(key)` is a map); a helper only makes a string.
            (false, Some(receiver)) => {
                f.has_self
                    && (policy == Policy::Helper
                        || super::extract::looks_like_client(receiver)
                        || f.owner
                            .as_ref()
                            .is_some_and(|owner| names_its_owner(receiver, owner))
                        || self.typed_like(id, receiver)
                        || is_of_type(callee, f))
            }
            // `f(..)`, `module::f(..)`, `Type::f(..)`
            (false, None) => !f.has_self && same_owner,
        }
    }

    /// Whether the callee's own type, having no fn of that name, stands for `f`'s: one name
    /// holds the other (`ClientClient`, an alias of `Client<T>`; `Licheszter`, which derefs
    /// to `LicheszterInner`). A newtype over a map calling `self.get(key)` is no client.
    fn stands_for(&self, callee: &Callee, f: &FnFacts) -> bool {
        let (Some(own), Some(other)) = (&callee.owner, &f.owner) else {
            return false;
        };
        let (own, other) = (own.to_ascii_lowercase(), other.to_ascii_lowercase());
        (own.contains(&other) || other.contains(&own)) && !self.has_own(callee)
    }

    /// Whether the callee's own type (`self`'s) has a fn of its name in the crate.
    fn has_own(&self, callee: &Callee) -> bool {
        callee.owner.is_none()
            || self.by_name.get(&callee.name).is_some_and(|ids| {
                ids.iter().any(|&id| {
                    let f = &self.fns[id];
                    f.owner == callee.owner || f.trait_name == callee.owner
                })
            })
    }

    /// All calls: direct requests, and calls through wrappers, each once. `fn_requests` and
    /// `fn_sites` are the requests and call sites of each fn, taken out of it.
    fn calls(
        &self,
        fn_requests: Vec<Vec<(HttpCall, MethodSource)>>,
        fn_sites: Vec<Vec<CallSite>>,
    ) -> Vec<HttpCall> {
        // Requests with helpers and consts resolved, per fn, each with the chain of wrapper
        // fns it has come through (for stopping at cycles).
        let requests: Vec<Vec<Request>> = fn_requests
            .into_par_iter()
            .zip(&self.fns)
            .map(|(requests, f)| {
                requests
                    .into_iter()
                    .map(|(mut call, method)| {
                        if needs_resolving(&call.url) {
                            call.url = self.resolve(&call.url, &f.file, &mut Vec::new());
                        }
                        (call, method, Vec::new())
                    })
                    .collect()
            })
            .collect();
        let call_sites: Vec<Vec<CallSite>> = fn_sites
            .into_par_iter()
            .zip(&self.fns)
            .map(|(sites, f)| {
                sites
                    .into_iter()
                    .map(|mut site| {
                        for arg in &mut site.args {
                            if arg_needs_resolving(arg) {
                                *arg = self.resolve_arg(arg, &f.file);
                            }
                        }
                        site
                    })
                    .collect()
            })
            .collect();
        // Where a direct request was recognised: a call site there is that request, not a
        // wrapper of the crate with the same name (`self.http.get(url)` vs `fn get`).
        let direct_at: Places = requests
            .iter()
            .flatten()
            .filter_map(|(c, _, _)| {
                c.method_site
                    .as_ref()
                    .map(|s| (c.file.as_str(), s.range.start))
            })
            .collect();
        // Calls of functions outside the scanned code whose name gives the method
        // (`self.crab.get(format!("/gists/{id}"), None)`): requests of their caller.
        let mut requests = requests;
        for (caller, sites) in call_sites.iter().enumerate() {
            for site in sites {
                if direct_at.contains(&site.file, site.range_start) {
                    continue;
                }
                if let Some(request) = self.inferred_by_name(site, caller) {
                    requests[caller].push(request);
                } else if let Some(request) = self.inferred_by_type_name(site, caller, &requests) {
                    requests[caller].push(request);
                }
            }
        }

        // A wrapper's requests take their path or method from a parameter. Those that cannot be
        // checked without a caller make it a wrapper for sure; those with a parameter in an
        // otherwise readable path (`/files/{path}`) only when a caller passes a path there.
        let initial: Vec<bool> = requests
            .iter()
            .map(|rs| rs.iter().any(|(c, m, _)| takes_a_param(c, m)))
            .collect();
        // `self.request(Method::GET, ..)` reads as a request, but on `self`, when the crate
        // has such a wrapper, it is a call of it; so is `transport.request_string(..)`, and
        // `self.client.delete(path)` where the field is declared as a type of the crate with
        // such a wrapper (`client: Rc<RedmineClient>`, in another type than that one).
        let of_a_crate_type = |caller: usize, site: &CallSite| {
            site.callee.receiver_type.is_some()
                && site.callee.receiver_type != self.fns[caller].owner
        };
        let shadowed: Places = call_sites
            .iter()
            .enumerate()
            .flat_map(|(caller, sites)| sites.iter().map(move |s| (caller, s)))
            .filter(|(caller, site)| {
                site.callee.on_self
                    || site.callee.name.starts_with("request_")
                    || of_a_crate_type(*caller, site)
            })
            .filter(|(_, site)| direct_at.contains(&site.file, site.range_start))
            .filter(|(caller, site)| {
                let typed = of_a_crate_type(*caller, site);
                self.find(
                    &site.callee,
                    site.args.len(),
                    &self.fns[*caller].file,
                    Policy::Wrapper,
                    |id| initial[id] && (!typed || is_of_type(&site.callee, &self.fns[id])),
                )
                .is_some()
            })
            .map(|(_, site)| (site.file.as_str(), site.range_start))
            .collect();
        let is_shadowed = |call: &HttpCall| {
            call.method_site
                .as_ref()
                .is_some_and(|s| shadowed.contains(&call.file, s.range.start))
        };
        let requests: Vec<Vec<Request>> = requests
            .into_iter()
            .map(|rs| rs.into_iter().filter(|(c, _, _)| !is_shadowed(c)).collect())
            .collect();
        // A wrapper's requests are its own that take something from a parameter, and those it
        // makes through other wrappers (`derived_requests`).
        let takes_a_param = |(c, m, _): &Request| takes_a_param(c, m);
        let wraps: Vec<bool> = requests
            .iter()
            .map(|rs| rs.iter().any(takes_a_param))
            .collect();
        // Readable-path requests (fn, line, column) that some caller used as a wrapper, and
        // those that some caller used as they are: the template is reported unless all
        // callers passed a path.
        let mut passed_a_path: HashSet<(usize, usize, usize)> = HashSet::new();
        let mut passed_a_value: HashSet<(usize, usize, usize)> = HashSet::new();
        let mut derived: HashSet<DerivedKey> = HashSet::new();
        // Requests a fn makes through wrappers with its own parameters: it is a wrapper too.
        let mut derived_requests: Vec<Vec<Request>> = vec![Vec::new(); self.fns.len()];
        let mut concrete: BTreeMap<(String, usize, usize, usize), HttpCall> = BTreeMap::new();
        let mut used: HashSet<usize> = HashSet::new();
        // Route constructors whose description a wrapper sent: reported where they are used.
        let mut routes_sent: HashSet<usize> = HashSet::new();
        // Call sites that name a wrapper of the crate.
        let mut linked = Places::default();
        // The sites that may name a fn of the crate at all, with what was made of each in the
        // last round (the wrapper and how many requests it had): a site whose wrapper has not
        // changed since would make the same requests again.
        let mut pending: Vec<Pending> = call_sites
            .iter()
            .enumerate()
            .flat_map(|(caller, sites)| sites.iter().map(move |site| (caller, site, None)))
            .filter(|(_, site, _)| self.by_name.contains_key(&site.callee.name))
            .filter(|(_, site, _)| {
                !direct_at.contains(&site.file, site.range_start)
                    || shadowed.contains(&site.file, site.range_start)
            })
            .collect();
        for _ in 0..MAX_ROUNDS {
            // Requests derived this round join the wrappers when it ends, so that every site
            // of a round sees the same wrappers.
            let mut additions: Vec<(usize, Request)> = Vec::new();
            for (caller, site, last) in &mut pending {
                let (caller, site) = (*caller, *site);
                let file = &self.fns[caller].file;
                let is_wrapper = |id: usize| {
                    (wraps[id] || !derived_requests[id].is_empty())
                        && !self.on_a_field_of_its_own_type(site, caller, id)
                };
                let Some(wrapper) = self.find(
                    &site.callee,
                    site.args.len(),
                    file,
                    Policy::Wrapper,
                    is_wrapper,
                ) else {
                    continue;
                };
                // One impl read for all of a trait's: only if they all send alike.
                let siblings = if self.implements(&site.callee, wrapper) {
                    self.other_impls(wrapper)
                } else {
                    Vec::new()
                };
                if !siblings
                    .iter()
                    .all(|&other| same_requests(&requests[wrapper], &requests[other]))
                {
                    continue;
                }
                linked.insert(&site.file, site.range_start);
                // `self.request_endpoint(Endpoint::app_info(id))`: the description's path and
                // method, for the wrapper to read from its fields.
                let routed_site;
                let receiver_route = site
                    .receiver_value
                    .as_ref()
                    .and_then(|value| self.route_arg(value, file));
                let site = match (self.route_args(&site.args, file), receiver_route) {
                    (None, None) => site,
                    (args, receiver) => {
                        let (args, routes) = args.unwrap_or_else(|| (site.args.clone(), vec![]));
                        routes_sent.extend(routes);
                        let receiver_value = match receiver {
                            Some((route, id)) => {
                                routes_sent.insert(id);
                                Some(route)
                            }
                            None => site.receiver_value.clone(),
                        };
                        routed_site = CallSite {
                            args,
                            receiver_value,
                            ..site.clone()
                        };
                        &routed_site
                    }
                };
                let of_wrapper: Vec<&Request> = requests[wrapper]
                    .iter()
                    .filter(|r| takes_a_param(r))
                    .chain(&derived_requests[wrapper])
                    .collect();
                if *last == Some((wrapper, of_wrapper.len())) {
                    continue;
                }
                *last = Some((wrapper, of_wrapper.len()));
                {
                    for (k, request) in self.chosen(&of_wrapper, wrapper, &site.args) {
                        // A cycle (`a` calls `b` calls `a`): this caller is already in the chain.
                        if wrapper == caller || request.2.contains(&caller) {
                            continue;
                        }
                        let sure = needs_caller(&request.0, &request.1, &self.route_tables);
                        let template = (wrapper, request.0.line, request.0.column);
                        // A test calling an API fn with a fixed id does not make the fn's
                        // request its own: the request is reported where it is written.
                        let from_a_test = self.fns[caller].in_test;
                        if !sure && (from_a_test || !passes_a_path(&request.0, &site.args)) {
                            passed_a_value.insert(template);
                            continue;
                        }
                        let made = self.instantiate(request, wrapper, caller, site);
                        used.insert(wrapper);
                        // Its `#[cfg]` twins are the same fn, for other targets.
                        used.extend(self.cfg_twins(wrapper));
                        // So are the other impls of its trait's method that it was read for.
                        used.extend(siblings.iter().copied());
                        if !sure {
                            passed_a_path.insert(template);
                        }
                        // Still waiting for a path: from this caller's own callers, when it
                        // passed its parameter on (`self.inner.post(path, ..)`).
                        if needs_caller(&made.0, &made.1, &self.route_tables)
                            || passes_a_param(&request.0, &site.args)
                        {
                            let key = (
                                caller,
                                (site.range_start, site.alternative),
                                site.file.clone(),
                                request_key(request),
                            );
                            if derived.insert(key) {
                                additions.push((caller, made));
                            }
                        } else {
                            let (call, method, _) = made;
                            concrete
                                .entry((site.file.clone(), site.range_start, site.alternative, k))
                                .or_insert_with(|| finish(call, &method));
                        }
                    }
                }
            }
            if additions.is_empty() {
                break;
            }
            for (caller, request) in additions {
                derived_requests[caller].push(request);
            }
        }
        // `impl Endpoint for CreateOrder { fn relative_path(..); fn method(..) }` sent by one
        // generic wrapper: a request per implementing type, where its path is written.
        let (described, describers) = self.described_endpoints(&requests);
        used.extend(describers);
        // The generic request each type's consts made concrete is not reported itself.
        let (by_consts, expanded) = self.const_endpoints(&requests);
        passed_a_path.extend(expanded);
        let (by_generic_fns, expanded) = self.generic_fn_endpoints(&requests);
        passed_a_path.extend(expanded);

        let explained: Places = concrete
            .keys()
            .map(|(f, at, _, _)| (f.as_str(), *at))
            .collect();

        // Which requests need a caller, worked out on every core (it splits each URL).
        let needs: Vec<Vec<bool>> = requests
            .par_iter()
            .map(|rs| {
                rs.iter()
                    .map(|(c, m, _)| needs_caller(c, m, &self.route_tables))
                    .collect()
            })
            .collect();
        // Each type's sender of a stored path (see `stored_paths`), before the requests are
        // consumed below.
        let senders = self.senders_by_type(&requests);
        let makes_requests: Vec<bool> = requests
            .iter()
            .zip(&derived_requests)
            .map(|(rs, through)| !rs.is_empty() || !through.is_empty())
            .collect();
        let mut out = Vec::new();
        for (id, ((rs, through), needs)) in requests
            .into_iter()
            .zip(derived_requests)
            .zip(needs)
            .enumerate()
        {
            // A wrapper nothing calls: its requests are reported, unresolved.
            if !used.contains(&id) {
                for (call, method, _) in through {
                    let mut call = finish(call, &method);
                    call.note.get_or_insert_with(|| self.uncalled(id));
                    out.push(call);
                }
            }
            for ((call, method, _), needs_caller) in rs.into_iter().zip(needs) {
                let template = (id, call.line, call.column);
                if passed_a_path.contains(&template) && !passed_a_value.contains(&template) {
                    continue;
                }
                if needs_caller {
                    if used.contains(&id) {
                        continue;
                    }
                    let mut call = finish(call, &method);
                    call.note.get_or_insert_with(|| self.uncalled(id));
                    out.push(call);
                    continue;
                }
                let explained_here = call
                    .method_site
                    .as_ref()
                    .is_some_and(|s| explained.contains(&call.file, s.range.start));
                if explained_here {
                    continue;
                }
                out.push(finish(call, &method));
            }
        }
        out.extend(concrete.into_values());
        out.extend(described);
        out.extend(by_consts);
        out.extend(by_generic_fns);
        // Paths set on a request type and sent by its own sender: a request per setting, in
        // place of the sender's own, whose path is not known.
        let (stored, replaced) = self.stored_paths(&senders, &call_sites);
        if !stored.is_empty() {
            out.retain(|call| !replaced.contains(&(call.file.clone(), call.line, call.column)));
            out.extend(stored);
        }
        // Calls that pass a method and a URL to a function that links to no wrapper
        // (`request(&url, key, Method::Post { .. }, 202)`).
        let mut inferred_in = HashSet::new();
        for (caller, sites) in call_sites.iter().enumerate() {
            for site in sites {
                let (file, at) = (site.file.as_str(), site.range_start);
                if direct_at.contains(file, at)
                    || linked.contains(file, at)
                    || explained.contains(file, at)
                    || routes_sent.contains(&caller)
                {
                    continue;
                }
                if let Some(call) = self.inferred_by_method_arg(site, caller) {
                    inferred_in.insert(caller);
                    out.push(call);
                }
            }
        }
        // Route constructors that nothing sends, and that make no request of their own.
        out.extend(
            (0..self.fns.len())
                .filter(|id| {
                    !routes_sent.contains(id) && !inferred_in.contains(id) && !makes_requests[*id]
                })
                .filter_map(|id| self.unsent_route(id)),
        );
        // Freeing the call sites is a good part of linking a large crate: both cores do it.
        drop(pending);
        call_sites.into_par_iter().for_each(drop);
        out
    }

    /// iLert's request builders: `self.builder.set_path("/users")` in a method of
    /// `GetRequestBuilder`, whose own `execute` sends `.get(url)` with a URL made from what
    /// `set_path` stored. Each call of a path setter (a fn that stores a parameter in a field
    /// of `self` named for a path) in a method of a type whose one sender sends a request of a
    /// fixed method to a URL not known otherwise is a request of that method to that path.
    /// Returns the requests, and the places of the senders they explain.
    fn stored_paths(
        &self,
        senders: &Senders,
        call_sites: &[Vec<CallSite>],
    ) -> (Vec<HttpCall>, HashSet<(String, usize, usize)>) {
        let mut calls = Vec::new();
        let mut explained = HashSet::new();
        if senders.is_empty() {
            return (calls, explained);
        }
        for (caller, sites) in call_sites.iter().enumerate() {
            let Some(owner) = &self.fns[caller].owner else {
                continue;
            };
            let Some(Some((sender, generic, method))) = senders.get(owner) else {
                continue;
            };
            let file = &self.fns[caller].file;
            for site in sites {
                let Some(setter) = self.path_setter(site, owner) else {
                    continue;
                };
                let Some(ArgValue::Text(path)) = setter
                    .stores_path
                    .and_then(|i| site.args.get(usize::from(i)))
                else {
                    continue;
                };
                let path = localized(&self.resolve(path, file, &mut Vec::new()));
                if !infer::reads_as_url(&path) {
                    continue;
                }
                let sender_fn = &self.fns[*sender];
                calls.push(HttpCall {
                    file: site.file.clone(),
                    line: site.line,
                    column: site.column,
                    function: self.fns[caller].name.clone(),
                    method: *method,
                    method_unknown: false,
                    method_site: None,
                    verb_choices: None,
                    url: path,
                    via: vec![setter.name.clone(), format!("{owner}::{}", sender_fn.name)],
                    in_test: self.fns[caller].in_test,
                    ..generic.clone()
                });
                explained.insert((generic.file.clone(), generic.line, generic.column));
            }
        }
        (calls, explained)
    }

    /// The path setter a call site in a method of `owner` calls: on `self`, one of `owner`'s;
    /// on a field of `self` (`self.builder.set_path(..)`), one of the field's type.
    fn path_setter(&self, site: &CallSite, owner: &str) -> Option<&FnFacts> {
        let callee = &site.callee;
        let on_a_field = callee
            .receiver
            .as_deref()
            .is_some_and(|r| r.starts_with("self."));
        self.by_name
            .get(&callee.name)?
            .iter()
            .map(|&id| &self.fns[id])
            .find(|f| {
                let setter_owner = f.owner.as_deref();
                let of_this_value = if callee.on_self {
                    setter_owner == Some(owner)
                } else {
                    on_a_field
                        && setter_owner.is_some()
                        && callee.receiver_type.as_deref() == setter_owner
                };
                f.stores_path.is_some() && f.params.len() == site.args.len() && of_this_value
            })
    }

    /// Each type's one request to a URL of nothing but values known at run time, made with a
    /// fixed method (`.get(options.url.unwrap())` in `GetRequestBuilder::execute`): what a path
    /// stored on the type is sent with. `None` for a type with several. (Empty when the crate
    /// has no path setter.)
    fn senders_by_type(&self, requests: &[Vec<Request>]) -> Senders {
        let mut senders = Senders::new();
        if !self.fns.iter().any(|f| f.stores_path.is_some()) {
            return senders;
        }
        for (id, made) in requests.iter().enumerate() {
            let Some(owner) = &self.fns[id].owner else {
                continue;
            };
            for (call, method, _) in made {
                let MethodSource::Fixed(method) = method else {
                    continue;
                };
                if !url_unknown(&call.url) {
                    continue;
                }
                senders
                    .entry(owner.clone())
                    .and_modify(|known| *known = None)
                    .or_insert_with(|| Some((id, call.clone(), *method)));
            }
        }
        senders
    }

    /// Endpoint types: an `impl` with `fn method()` returning a method and `fn path()` (or
    /// `endpoint`, `url`, `uri`, `route`) returning a string describes one request
    /// (`cloudflare-rs`, `rustify` and the like). It is reported where the path is written, and
    /// named after the type, which is what reads like an operationId.
    fn endpoints(&self) -> Vec<HttpCall> {
        // (file, impl block) → the type, its method, its path fn
        let mut by_impl: BTreeMap<(&str, usize), Endpoint> = BTreeMap::new();
        for (id, f) in self.fns.iter().enumerate() {
            let (Some(owner), Some(block)) = (&f.owner, f.impl_block) else {
                continue;
            };
            // Only an impl with a `method` or a path fn can be an endpoint.
            if !matches!(
                f.name.as_str(),
                "method" | "path" | "endpoint" | "url" | "uri" | "route"
            ) {
                continue;
            }
            let entry = by_impl
                .entry((f.file.as_str(), block))
                .or_insert_with(|| (owner.as_str(), None, None));
            match f.name.as_str() {
                "method" if f.params.is_empty() => entry.1 = entry.1.or(f.returns_method),
                // `fn path(&self)`, or an associated fn given the request's input
                // (`fn path(input: &Self::Input) -> Str`, http-endpoint's `Endpoint`).
                "path" | "endpoint" | "url" | "uri" | "route"
                    if (f.params.is_empty() || !f.has_self) && f.returns.is_some() =>
                {
                    entry.2 = entry.2.or(Some(id));
                }
                _ => {}
            }
        }
        by_impl
            .into_values()
            .filter_map(|(owner, method, path)| {
                let (method, path) = (method?, path?);
                let f = &self.fns[path];
                let url = self.resolve(f.returns.as_ref()?, &f.file, &mut Vec::new());
                // At the path's literal when there is one, else at `fn path`.
                let (line, column) = url
                    .literal
                    .as_ref()
                    .map_or((f.line, f.column), |l| (l.line, l.column));
                Some(HttpCall::unseen(
                    (f.file.clone(), line, column),
                    owner.to_string(),
                    method,
                    url.indirect(),
                    f.in_test,
                ))
            })
            .collect()
    }

    /// A call of a function no file of the crate defines, named after a method
    /// (`self.crab.get(route, None)`), with a URL for its first argument.
    fn inferred_by_name(&self, site: &CallSite, caller: usize) -> Option<Request> {
        let method = infer::method_from_name(&site.callee.name)?;
        // A function of the crate the call may name is what it calls (`GistsHandler::get`
        // does not stand in for `self.crab.get`: its receiver cannot be a `GistsHandler`).
        // A trait method without a body (`fn http_post_uri(..);`) is implemented out of sight.
        let defined = self.by_name.get(&site.callee.name).is_some_and(|ids| {
            ids.iter().any(|&id| {
                !self.fns[id].declared_only && self.names(&site.callee, id, Policy::Wrapper)
            })
        });
        if defined || on_no_client(site) {
            return None;
        }
        let ArgValue::Text(url) = site.args.first()? else {
            return None;
        };
        // Helpers and consts first: `self.uri_of(name)` may be the URL.
        let url = self.resolve(url, &self.fns[caller].file, &mut Vec::new());
        if !infer::reads_as_url(&url) {
            return None;
        }
        let call = self.inferred_call(site, caller, method, &url);
        Some((call, MethodSource::Fixed(method), Vec::new()))
    }

    /// Endpoint descriptions implemented type by type (`impl Endpoint for CreateOrder { fn
    /// relative_path(&self) -> Cow<str> { .. } fn method(&self) -> Method { Method::POST } }`)
    /// and sent by a generic wrapper that asks its parameter for both
    /// (`self.client.request(endpoint.method(), self.env.make_url(&endpoint.relative_path()))`):
    /// one request per type with both functions, reported where its path is written. Also the
    /// wrappers that send them.
    /// `impl ApiRequest for KeyList { const PATH: &'static str = "/key/list"; }` sent by one
    /// generic request (`self.client.request(Req::METHOD, format!("{}{}", base, Req::PATH))`,
    /// or through a trait default method that formats `Self::PATH`): a request per type that
    /// gives the const, reported where its path is written, with the method the type's own
    /// const gives, or the trait's default, or the request's fixed one.
    fn const_endpoints(
        &self,
        requests: &[Vec<Request>],
    ) -> (Vec<HttpCall>, Vec<(usize, usize, usize)>) {
        let mut calls = Vec::new();
        let mut expanded = Vec::new();
        if self.assoc_consts.is_empty() {
            return (calls, expanded);
        }
        for (sender, made) in requests.iter().enumerate() {
            for (call, method, _) in made {
                let Some(path_const) = call.url.pieces.iter().find_map(|p| match p {
                    Piece::Hole(h) => type_const(&h.expr).map(|(_, name)| name),
                    _ => None,
                }) else {
                    continue;
                };
                let method_const = match method {
                    MethodSource::Unknown(text) => type_const(text).map(|(_, name)| name),
                    _ => None,
                };
                // `Self::PATH` in a method of a type that has one is that type's; in a trait's
                // default method (also one another type's method calls, as `req.url(base)`),
                // or `Req::PATH` in a generic fn, every implementing type's.
                let own_type = self.fns[sender].owner.as_ref().filter(|owner| {
                    let says_self = call.url.pieces.iter().any(|p| {
                        matches!(p, Piece::Hole(h) if type_const(&h.expr).is_some_and(|(ty, _)| ty == "Self"))
                    });
                    says_self
                        && self.assoc_consts.iter().any(|c| {
                            c.name == path_const && c.owner.as_ref() == Some(*owner)
                        })
                });
                // A trait's default method sends the consts of that trait's impls only (two
                // traits may each ask for an `ENDPOINT`).
                let of_trait = self.fns[sender].trait_name.as_ref();
                let paths = self.assoc_consts.iter().filter(|c| {
                    c.name == path_const
                        && c.owner.is_some()
                        && !c.in_test
                        && own_type.is_none_or(|own| c.owner.as_ref() == Some(own))
                        && of_trait.is_none_or(|t| c.trait_name == *t)
                });
                for path in paths {
                    let AssocValue::Text(text) = &path.value else {
                        continue;
                    };
                    let method = match (method, method_const) {
                        (MethodSource::Fixed(m), _) => Some(*m),
                        (_, Some(name)) => self.assoc_method(path, name),
                        _ => None,
                    };
                    let Some(method) = method else {
                        continue;
                    };
                    let mut pieces = Vec::new();
                    for piece in &call.url.pieces {
                        match piece {
                            Piece::Hole(h)
                                if type_const(&h.expr).is_some_and(|(_, n)| n == path_const) =>
                            {
                                pieces.extend(text.clone().indirect().pieces)
                            }
                            // Another const of the type (`Self::SUFFIX`), or its trait's default.
                            Piece::Hole(h) => match type_const(&h.expr)
                                .and_then(|(_, name)| self.assoc_text(path, name))
                            {
                                Some(other) => pieces.extend(other.clone().indirect().pieces),
                                None => pieces.push(piece.clone()),
                            },
                            other => pieces.push(other.clone()),
                        }
                    }
                    let mut made = described_at(
                        call,
                        (path.file.clone(), path.line, path.column),
                        format!("{}::{}", path.owner.as_deref().unwrap_or(""), path.name),
                        method,
                        UrlValue {
                            pieces,
                            literal: None,
                        },
                        &self.fns[sender].name,
                    );
                    made.note = None;
                    calls.push(made);
                    expanded.push((sender, call.line, call.column));
                }
            }
        }
        (calls, expanded)
    }

    /// A request to `SPEC::build_query(params)`, `SPEC` a type parameter bound by a trait whose
    /// impls each write `fn build_query` (nasa-rs's `impl Spec for Apod { fn build_query(..) {
    /// String::from(Self::BASE_URL) + .. } }`): one request per impl, with the URL that impl
    /// builds, reported where its text is written.
    fn generic_fn_endpoints(
        &self,
        requests: &[Vec<Request>],
    ) -> (Vec<HttpCall>, Vec<(usize, usize, usize)>) {
        let mut calls = Vec::new();
        let mut expanded = Vec::new();
        for (sender, made) in requests.iter().enumerate() {
            for (call, method, _) in made {
                let MethodSource::Fixed(method) = method else {
                    continue;
                };
                let [Piece::Hole(hole)] = call.url.pieces.as_slice() else {
                    continue;
                };
                let impls = match generic_assoc_call(&hole.expr) {
                    Some((ty, name)) => self.impls_of_assoc_fn(ty, name),
                    None => self.impls_of_self_method(&self.fns[sender], hole),
                };
                if impls.is_empty() {
                    continue;
                }
                for id in impls {
                    let f = &self.fns[id];
                    let Some(returned) = &f.returns else { continue };
                    let url = self.resolve(returned, &f.file, &mut vec![id]);
                    if !infer::reads_as_url(&url) {
                        continue;
                    }
                    // Where the text is written: a literal given to a conversion
                    // (`String::from(Self::BASE_URL)`), or the value's own.
                    let at = returned
                        .pieces
                        .iter()
                        .find_map(|p| match p {
                            Piece::Hole(Hole {
                                origin: Origin::Call(c),
                                ..
                            }) => c.1.iter().find_map(|a| match a {
                                ArgValue::Text(t) => t.literal.as_ref(),
                                _ => None,
                            }),
                            _ => None,
                        })
                        .or(returned.literal.as_ref())
                        .map_or((f.line, f.column), |l| (l.line, l.column));
                    let mut made = described_at(
                        call,
                        (f.file.clone(), at.0, at.1),
                        format!("{}::{}", f.owner.as_deref().unwrap_or(""), f.name),
                        *method,
                        url.indirect(),
                        &self.fns[sender].name,
                    );
                    made.note = None;
                    calls.push(made);
                }
                expanded.push((sender, call.line, call.column));
            }
        }
        (calls, expanded)
    }

    /// The impls of the method a trait's default method `sender` calls on `self` for its URL
    /// (`fn run(&self) { let url = self.build_url(); reqwest::blocking::get(&url) }`), each
    /// type giving its own (`impl Eutils for ESearch { fn build_url(&self) -> String }`): the
    /// methods of that name, without other parameters, in impls of that trait, that return a
    /// value.
    fn impls_of_self_method(&self, sender: &FnFacts, hole: &Hole) -> Vec<usize> {
        // (By the hole's text: the linking has made the call's value a runtime one, since
        // which impl's method runs is not known there.)
        let Some(name) = self_method_call(&hole.expr) else {
            return Vec::new();
        };
        let of_trait = match &sender.trait_name {
            Some(name) if sender.owner.is_none() => name,
            _ => return Vec::new(),
        };
        let Some(ids) = self.by_name.get(name) else {
            return Vec::new();
        };
        ids.iter()
            .copied()
            .filter(|&id| {
                let f = &self.fns[id];
                f.has_self
                    && f.params.is_empty()
                    && f.implements.as_ref() == Some(of_trait)
                    && f.returns.is_some()
                    && !f.in_test
            })
            .collect()
    }

    /// The impls of an associated fn `name` called on `ty`, a name that owns no fn of the
    /// crate (a type parameter): the fns of that name without `self`, each in an impl of one
    /// and the same trait, that return a value.
    fn impls_of_assoc_fn(&self, ty: &str, name: &str) -> Vec<usize> {
        let Some(ids) = self.by_name.get(name) else {
            return Vec::new();
        };
        let impls: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&id| {
                let f = &self.fns[id];
                !f.has_self && f.implements.is_some() && f.returns.is_some() && !f.in_test
            })
            .collect();
        let one_trait = impls
            .windows(2)
            .all(|w| self.fns[w[0]].implements == self.fns[w[1]].implements);
        // (The walk over every fn last: most names have no such impls.)
        let a_type_of_the_crate = || self.fns.iter().any(|f| f.owner.as_deref() == Some(ty));
        if impls.is_empty() || !one_trait || a_type_of_the_crate() {
            return Vec::new();
        }
        impls
    }

    /// The text an endpoint type's const `name` gives, or its trait's default.
    fn assoc_text(&self, path: &AssocConst, name: &str) -> Option<&UrlValue> {
        self.assoc_value(path, name, |value| match value {
            AssocValue::Text(text) => Some(text),
            AssocValue::Method(_) => None,
        })
    }

    /// The method an endpoint type's const `name` gives, or its trait's default.
    fn assoc_method(&self, path: &AssocConst, name: &str) -> Option<Method> {
        self.assoc_value(path, name, |value| match value {
            AssocValue::Method(m) => Some(*m),
            AssocValue::Text(_) => None,
        })
    }

    /// What `pick` reads in the const `name` of `path`'s type, or else of its trait's default.
    fn assoc_value<'s, T>(
        &'s self,
        path: &AssocConst,
        name: &str,
        pick: impl Fn(&'s AssocValue) -> Option<T>,
    ) -> Option<T> {
        let of = |owner: Option<&String>| {
            self.assoc_consts
                .iter()
                .filter(|c| {
                    c.name == name && c.trait_name == path.trait_name && c.owner.as_ref() == owner
                })
                .find_map(|c| pick(&c.value))
        };
        of(path.owner.as_ref()).or_else(|| of(None))
    }

    fn described_endpoints(&self, requests: &[Vec<Request>]) -> (Vec<HttpCall>, Vec<usize>) {
        let mut calls = Vec::new();
        let mut wrappers = Vec::new();
        // One request per implementing type, however many generic wrappers can send it.
        let mut described_types = HashSet::new();
        for (wrapper, made) in requests.iter().enumerate() {
            for (call, method, _) in made {
                let MethodSource::Table {
                    index,
                    fields,
                    table,
                } = method
                else {
                    continue;
                };
                let Some(path_fn) = described_path_fn(&call.url, *index, fields) else {
                    continue;
                };
                for path_id in self.by_name.get(&path_fn).into_iter().flatten().copied() {
                    let f = &self.fns[path_id];
                    let (Some(owner), Some(path)) = (&f.owner, &f.returns) else {
                        continue;
                    };
                    let described_method = self.by_name.get(table).and_then(|ids| {
                        ids.iter()
                            .map(|&id| &self.fns[id])
                            .find(|m| m.owner.as_ref() == Some(owner))
                            .and_then(|m| m.returns_method)
                    });
                    let Some(described_method) = described_method else {
                        continue;
                    };
                    wrappers.push(wrapper);
                    if !described_types.insert(path_id) {
                        continue;
                    }
                    let url = replace_value_call(&call.url, &path_fn, path);
                    let url = self.resolve(&url, &self.fns[wrapper].file, &mut Vec::new());
                    let (line, column) = path
                        .literal
                        .as_ref()
                        .map_or((f.line, f.column), |l| (l.line, l.column));
                    let mut described = described_at(
                        call,
                        (f.file.clone(), line, column),
                        format!("{owner}::{path_fn}"),
                        described_method,
                        url,
                        &self.fns[wrapper].name,
                    );
                    described.in_test = f.in_test;
                    calls.push(described);
                }
            }
        }
        (calls, wrappers)
    }

    /// `GetListsRequestBuilder::new(self, self.url(format!("lists/{id}"))?)`: a request type
    /// named after its method, made with a URL (and sent later by a `send` that may be made by
    /// a macro): a request of that method. Not when the crate's own `new` of that type sends
    /// requests: linking follows it.
    fn inferred_by_type_name(
        &self,
        site: &CallSite,
        caller: usize,
        requests: &[Vec<Request>],
    ) -> Option<Request> {
        if site.callee.name != "new" || site.callee.on_self {
            return None;
        }
        let owner = site.callee.owner.as_deref()?;
        let method = infer::method_from_type_name(owner)?;
        let sends_itself = self.by_name.get("new").is_some_and(|ids| {
            ids.iter()
                .any(|&id| self.fns[id].owner.as_deref() == Some(owner) && !requests[id].is_empty())
        });
        if sends_itself {
            return None;
        }
        let file = &self.fns[caller].file;
        let url = site.args.iter().find_map(|arg| {
            let ArgValue::Text(value) = arg else {
                return None;
            };
            let value = self.resolve(value, file, &mut Vec::new());
            infer::reads_as_url(&value).then_some(value)
        })?;
        let mut call = self.inferred_call(site, caller, method, &url);
        call.via = vec![format!("{owner}::new")];
        Some((call, MethodSource::Fixed(method), Vec::new()))
    }

    /// A call that passes one method value and a URL to a function that is no wrapper of the
    /// crate (`request(&url, key, Method::Post { query, body }, 202)`).
    fn inferred_by_method_arg(&self, site: &CallSite, caller: usize) -> Option<HttpCall> {
        let mut methods = site.args.iter().filter_map(infer::method_of_arg);
        let method = methods.next()?;
        if methods.any(|other| other != method) || on_no_client(site) {
            return None;
        }
        let url = site.args.iter().find_map(|arg| match arg {
            ArgValue::Text(value) if infer::reads_as_url_template(value) => Some(value),
            _ => None,
        })?;
        Some(self.inferred_call(site, caller, method, url))
    }

    /// The request an inferred call makes: its place, method and URL; its query and body as
    /// far as the chain after it shows them.
    fn inferred_call(
        &self,
        site: &CallSite,
        caller: usize,
        method: Method,
        url: &UrlValue,
    ) -> HttpCall {
        let f = &self.fns[caller];
        let mut call = HttpCall::unseen(
            (site.file.clone(), site.line, site.column),
            f.name.clone(),
            method,
            url.clone(),
            f.in_test,
        );
        call.query = site.query.clone();
        call.body = site.body.clone();
        call.via = vec![format!("{} (unseen)", site.callee.name)];
        call
    }

    fn uncalled(&self, id: usize) -> String {
        format!(
            "it takes its URL or method from a parameter of `{}`, which nothing in the scanned code calls",
            self.fns[id].name
        )
    }

    fn resolve_arg(&self, arg: &ArgValue, file: &str) -> ArgValue {
        match arg {
            ArgValue::Text(value) => ArgValue::Text(self.resolve(value, file, &mut Vec::new())),
            ArgValue::Struct(fields) => ArgValue::Struct(
                fields
                    .iter()
                    .map(|(name, value)| (name.clone(), self.resolve_arg(value, file)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The wrapper's requests that this call can reach. A wrapper that matches on a method
    /// enum (`Verb::Get => self.http.get(..)`, `Verb::Post => …`, `_ => self.http.request(m, ..)`)
    /// has one request per arm: the argument naming a method picks its arm, or the catch-all.
    fn chosen<'w>(
        &self,
        requests: &[&'w Request],
        wrapper: usize,
        args: &[ArgValue],
    ) -> Vec<(usize, &'w Request)> {
        let fixed: HashSet<Method> = requests
            .iter()
            .filter_map(|(_, m, _)| match m {
                MethodSource::Fixed(m) => Some(*m),
                _ => None,
            })
            .collect();
        let all: Vec<(usize, &'w Request)> = requests.iter().copied().enumerate().collect();
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
        let Some(method) = named else {
            return all;
        };
        let arm = |m: &MethodSource| *m == MethodSource::Fixed(method);
        if requests.iter().any(|(_, m, _)| arm(m)) {
            all.into_iter().filter(|(_, (_, m, _))| arm(m)).collect()
        } else {
            all.into_iter()
                .filter(|(_, (_, m, _))| !matches!(m, MethodSource::Fixed(_)))
                .collect()
        }
    }

    /// The arguments with each call of a route constructor (`Endpoint::app_info(id)`, also
    /// through a `let`) made the description it returns, and the constructors; `None` when
    /// there is none.
    fn route_args(&self, args: &[ArgValue], file: &str) -> Option<(Vec<ArgValue>, Vec<usize>)> {
        let mut routes = Vec::new();
        let converted: Vec<ArgValue> = args
            .iter()
            .map(|arg| match self.route_arg(arg, file) {
                Some((route, id)) => {
                    routes.push(id);
                    route
                }
                None => arg.clone(),
            })
            .collect();
        (!routes.is_empty()).then_some((converted, routes))
    }

    /// A fn that returns a description made by a route constructor (`fn account(&self) ->
    /// RequestBuilder { RequestBuilder::new(self.api_key, "https://..") }`) is a route
    /// constructor too, with the path its call gives; through several layers (`from(uri)`
    /// calling `Self::new(..)`), one layer per round.
    fn derive_routes(&mut self) {
        for _ in 0..MAX_ROUNDS {
            let found: Vec<(usize, (UrlValue, Method))> = self
                .fns
                .iter()
                .enumerate()
                .filter(|(_, f)| f.returns_route.is_none())
                .filter_map(|(id, f)| {
                    let made = f.returns_description.as_ref()?;
                    match self.route_arg(made, &f.file)? {
                        (ArgValue::Route { url, method }, ctor) if ctor != id => match *url {
                            ArgValue::Text(url) => Some((id, (url, method))),
                            _ => None,
                        },
                        _ => None,
                    }
                })
                .collect();
            if found.is_empty() {
                return;
            }
            for (id, route) in found {
                self.fns[id].returns_route = Some(route);
            }
        }
    }

    /// The request of a route constructor that nothing in the scanned code sends, whose
    /// description is complete (`fn create(self, ..) -> RequestBuilder { RequestBuilder {
    /// method: Method::Post, url: String::from("https://api.vultr.com/v1/server/create"), .. }
    /// }`, sent by the library's user): reported where its URL is written.
    fn unsent_route(&self, id: usize) -> Option<HttpCall> {
        let f = &self.fns[id];
        let (url, method) = f.returns_route.as_ref()?;
        if !infer::reads_as_url(url) {
            return None;
        }
        let (line, column) = url
            .literal
            .as_ref()
            .map_or((f.line, f.column), |at| (at.line, at.column));
        let mut call = HttpCall::unseen(
            (f.file.clone(), line, column),
            f.name.clone(),
            *method,
            url.clone(),
            f.in_test,
        );
        call.via = vec![format!("{} (a request description)", f.name)];
        // A parameter that is a segment (`/rdns/{ip}`) is an id; one that may be a whole path
        // (`Builder::new(path)`) is the caller's to give.
        (!needs_caller(&call, &MethodSource::Fixed(*method), &self.route_tables)).then_some(call)
    }

    /// The description a call of a route constructor makes, and the constructor.
    fn route_arg(&self, arg: &ArgValue, file: &str) -> Option<(ArgValue, usize)> {
        // `Builder::new(path).method("POST")?`: the constructor's path, the setter's method.
        let (value, set_method) = match arg {
            ArgValue::Text(value) => (value, None),
            ArgValue::Route { url, method } => match &**url {
                ArgValue::Text(value) => (value, Some(*method)),
                _ => return None,
            },
            _ => return None,
        };
        let [
            Piece::Hole(Hole {
                origin: Origin::Call(call),
                ..
            }),
        ] = value.pieces.as_slice()
        else {
            return None;
        };
        let (callee, call_args) = &**call;
        let id = self.find(callee, call_args.len(), file, Policy::Helper, |id| {
            self.fns[id].returns_route.is_some()
        })?;
        let (url, method) = self.fns[id].returns_route.as_ref()?;
        let url = self.resolve(
            &substitute(url, call_args),
            &self.fns[id].file,
            &mut Vec::new(),
        );
        let route = ArgValue::Route {
            url: Box::new(ArgValue::Text(url)),
            method: set_method.unwrap_or(*method),
        };
        Some((route, id))
    }

    /// The method a method table (`fn method(&self) -> Method { match self { .. } }`) gives a
    /// variant: the one table named `table` that knows the variant (of the enum named
    /// `owner`, when several do).
    fn method_of_variant(&self, table: &str, owner: Option<&str>, variant: &str) -> Option<Method> {
        let found: Vec<(Option<&str>, Method)> = self
            .by_name
            .get(table)?
            .iter()
            .filter_map(|&id| {
                let f = &self.fns[id];
                let (_, method) = f.methods_by_variant.iter().find(|(v, _)| v == variant)?;
                Some((f.owner.as_deref(), *method))
            })
            .collect();
        let of_owner: Vec<Method> = found
            .iter()
            .filter(|(o, _)| owner.is_some() && *o == owner)
            .map(|(_, m)| *m)
            .collect();
        match (of_owner.as_slice(), found.as_slice()) {
            ([one], _) => Some(*one),
            (_, [(_, one)]) => Some(*one),
            _ => None,
        }
    }

    /// The method a route enum's variant converts to: the one `from(route: Route)` (of
    /// `impl From<Route> for Method`) or `into(self)` of the enum whose method table knows
    /// the variant, when they all agree.
    fn method_by_conversion(&self, owner: Option<&str>, variant: &str) -> Option<Method> {
        let converts = |f: &FnFacts| match (f.name.as_str(), f.has_self) {
            ("from", false) => {
                f.params.len() == 1
                    && owner.is_none_or(|o| f.param_types.first().is_some_and(|t| t == o))
            }
            ("into", true) => owner.is_none_or(|o| f.owner.as_deref() == Some(o)),
            _ => false,
        };
        let mut methods = ["from", "into"]
            .iter()
            .filter_map(|name| self.by_name.get(*name))
            .flatten()
            .map(|&id| &self.fns[id])
            .filter(|f| converts(f))
            .filter_map(|f| f.methods_by_variant.iter().find(|(v, _)| v == variant))
            .map(|(_, method)| *method);
        let first = methods.next()?;
        methods.all(|m| m == first).then_some(first)
    }

    /// For a call of a wrapper named exactly after its method (`self.put(..)`): where the name
    /// is written, and the methods of the wrappers beside it (same type, same parameters) that
    /// the call could be renamed to.
    fn verb_wrapper(
        &self,
        wrapper: usize,
        site: &CallSite,
        method: &MethodSource,
    ) -> Option<(Site, Vec<Method>)> {
        let f = &self.fns[wrapper];
        let MethodSource::Fixed(fixed) = method else {
            return None;
        };
        if f.name != fixed.as_str().to_ascii_lowercase() || site.callee.name != f.name {
            return None;
        }
        let choices: Vec<Method> = Method::ALL
            .into_iter()
            .filter(|m| m != fixed)
            .filter(|m| {
                let verb = m.as_str().to_ascii_lowercase();
                self.by_name.get(&verb).is_some_and(|ids| {
                    ids.iter().any(|&id| {
                        let g = &self.fns[id];
                        g.owner == f.owner
                            && g.has_self == f.has_self
                            && g.params.len() == f.params.len()
                    })
                })
            })
            .collect();
        let place = Site {
            range: site.range_start..site.range_start + f.name.len(),
            line: site.line,
            column: site.column,
        };
        Some((place, choices))
    }

    /// The request a wrapper makes, as made by one call of it.
    fn instantiate(
        &self,
        request: &Request,
        wrapper: usize,
        caller: usize,
        site: &CallSite,
    ) -> Request {
        let (call, method, chain) = request;
        let receiver = site.receiver_value.as_ref();
        let url = self.resolve(
            &fill_self_fields(&substitute(&call.url, &site.args), receiver),
            &self.fns[caller].file,
            &mut Vec::new(),
        );
        let unknown = || MethodSource::Unknown(String::new());
        let method = match method {
            MethodSource::SelfField(field) => receiver
                .and_then(|r| super::facts::route_method(r, std::slice::from_ref(field)))
                .map_or_else(unknown, MethodSource::Fixed),
            MethodSource::Param { index, fields } => {
                let arg = site.args.get(*index);
                // A route description's method field (`endpoint.method`).
                if let Some(m) = arg.and_then(|a| super::facts::route_method(a, fields)) {
                    MethodSource::Fixed(m)
                } else {
                    match arg.and_then(|a| a.field(fields)) {
                        Some(ArgValue::Method(m)) => MethodSource::Fixed(*m),
                        // `.method(endpoint)` given a route enum's variant: its `From<Route>
                        // for Method` (or `Into<Method>`) says.
                        Some(ArgValue::Enum { owner, variant, .. }) => self
                            .method_by_conversion(owner.as_deref(), variant)
                            .map_or_else(unknown, MethodSource::Fixed),
                        Some(ArgValue::Variant(v)) => Method::parse(v)
                            .map_or(MethodSource::Unknown(v.clone()), MethodSource::Fixed),
                        Some(ArgValue::Text(value)) => match value.as_param() {
                            Some((index, fields)) => MethodSource::Param {
                                index,
                                fields: fields.to_vec(),
                            },
                            None => value
                                .as_constant()
                                .and_then(|t| Method::parse(&t))
                                .map_or_else(unknown, MethodSource::Fixed),
                        },
                        _ => unknown(),
                    }
                }
            }
            MethodSource::Table {
                index,
                fields,
                table,
            } => match site.args.get(*index).and_then(|a| a.field(fields)) {
                Some(ArgValue::Enum { owner, variant, .. }) => self
                    .method_of_variant(table, owner.as_deref(), variant)
                    .map_or_else(unknown, MethodSource::Fixed),
                // Still a parameter of the caller: its own callers say.
                Some(ArgValue::Text(value)) => match value.as_param() {
                    Some((index, fields)) => MethodSource::Table {
                        index,
                        fields: fields.to_vec(),
                        table: table.clone(),
                    },
                    None => unknown(),
                },
                _ => unknown(),
            },
            other => other.clone(),
        };
        let mut query = call.query.clone();
        query.extend(site.query.iter().cloned());
        let mut via = vec![self.fns[wrapper].name.clone()];
        via.extend(call.via.iter().cloned());
        let mut chain = chain.clone();
        chain.push(wrapper);
        let verb = self.verb_wrapper(wrapper, site, &method);
        (
            HttpCall {
                file: site.file.clone(),
                line: site.line,
                column: site.column,
                function: self.fns[caller].name.clone(),
                method: call.method,
                method_unknown: call.method_unknown,
                // The verb is in the wrapper: a method fix at the call site renames the call to
                // a sibling wrapper, when the wrapper is named after its method and one exists.
                method_site: verb.as_ref().map(|(site, _)| site.clone()),
                verb_choices: verb.map(|(_, choices)| choices),
                url,
                query,
                query_opaque: call.query_opaque,
                query_types: call.query_types.clone(),
                headers: call.headers.clone(),
                // The caller may add headers to what the wrapper returns: not followed.
                headers_opaque: true,
                body: site.body.clone().or_else(|| sent_through(call, site)),
                via,
                note: None,
                in_test: self.fns[caller].in_test,
                // A body the caller adds after the wrapper returns its builder is not seen.
                sent: call.sent && site.body.is_none(),
            },
            method,
            chain,
        )
    }
}

/// A call site that may name a wrapper: its caller, the site, and the wrapper it named in the
/// last round with how many requests that wrapper had then.
type Pending<'s> = (usize, &'s CallSite, Option<(usize, usize)>);

/// Places in the source (file, byte offset), looked up without building a key.
#[derive(Default)]
struct Places(HashMap<String, HashSet<usize>>);

impl Places {
    fn insert(&mut self, file: &str, at: usize) {
        match self.0.get_mut(file) {
            Some(offsets) => {
                offsets.insert(at);
            }
            None => {
                self.0.insert(file.to_string(), HashSet::from([at]));
            }
        }
    }

    fn contains(&self, file: &str, at: usize) -> bool {
        self.0
            .get(file)
            .is_some_and(|offsets| offsets.contains(&at))
    }
}

impl<'f> FromIterator<(&'f str, usize)> for Places {
    fn from_iter<I: IntoIterator<Item = (&'f str, usize)>>(iter: I) -> Self {
        let mut places = Places::default();
        for (file, at) in iter {
            places.insert(file, at);
        }
        places
    }
}

/// An endpoint type being assembled: its name, `method()` and `path()` fn.
type Endpoint<'f> = (&'f str, Option<Method>, Option<usize>);

/// Whether a name may be resolved to a wrapper (strict) or to a string helper (lenient).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    Wrapper,
    Helper,
}

/// Identifies a request derived through one call site, so that it is derived once.
type DerivedKey = (
    usize,
    (usize, usize),
    String,
    (String, usize, usize, Vec<usize>),
);

/// Where a request was first written, and the wrappers it has come through.
fn request_key(request: &Request) -> (String, usize, usize, Vec<usize>) {
    let (call, _, chain) = request;
    (call.file.clone(), call.line, call.column, chain.clone())
}

/// The body a wrapper's request sends for this call: when it is one of the wrapper's
/// parameters, what the caller passes there (a `json!` literal, a known struct, or the caller's
/// own parameter, for its callers to say); else the wrapper's own.
fn sent_through(call: &HttpCall, site: &CallSite) -> Option<super::Body> {
    let mut body = call.body.clone()?;
    let Some((index, parts)) = body.from_param.clone() else {
        return Some(body);
    };
    // The argument, then the part of its payload the wrapper's arm sends.
    let mut passed = site.arg_bodies.get(index).cloned().flatten();
    for part in &parts {
        passed = passed.and_then(|p| {
            p.parts
                .into_iter()
                .find(|(name, _)| name == part)
                .map(|(_, inner)| inner)
        });
    }
    if passed.as_ref().is_some_and(|p| p.unit) {
        return None;
    }
    body.keys = passed.as_ref().and_then(|p| p.keys.clone());
    body.key_sites = passed
        .as_ref()
        .map(|p| p.key_sites.clone())
        .unwrap_or_default();
    body.type_name = passed.as_ref().and_then(|p| p.type_name.clone());
    body.nested = passed
        .as_ref()
        .map(|p| p.nested.clone())
        .unwrap_or_default();
    body.from_param = passed.and_then(|p| p.from_param);
    body.key_file = None;
    Some(body)
}

/// Whether a receiver's last name is the end of a type's name: `self.client.connector` for
/// `HttpConnector`, `self.session_api` for `SlackSessionApi`.
fn named_like_receiver(type_name: &str, receiver: &str) -> bool {
    let Some(last) = receiver
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .rfind(|name| !name.is_empty())
    else {
        return false;
    };
    let field: String = last.chars().filter(|&c| c != '_').collect();
    if field.len() < 3 || field.len() > type_name.len() {
        return false;
    }
    // Compared at a word start of the type's name: `Connector` in `HttpConnector`, not the
    // `ector` of it.
    let start = type_name.len() - field.len();
    type_name.is_char_boundary(start)
        && type_name[start..].eq_ignore_ascii_case(&field)
        && type_name[start..].starts_with(|c: char| c.is_ascii_uppercase())
}

/// A generic request made concrete by the type that describes it: reported where the type
/// writes its path, named after it, sent through `sender`. Its method is in a type, not at a
/// verb a fix could rewrite; its body is the type's own, which the generic chain does not say.
fn described_at(
    generic: &HttpCall,
    (file, line, column): (String, usize, usize),
    function: String,
    method: Method,
    url: UrlValue,
    sender: &str,
) -> HttpCall {
    HttpCall {
        file,
        line,
        column,
        function,
        method,
        method_unknown: false,
        method_site: None,
        verb_choices: None,
        url,
        via: vec![sender.to_string()],
        body: None,
        ..generic.clone()
    }
}

/// Two wrappers that make the same requests: the same methods, and URLs with the same text
/// and holes in the same places (`self.client.get(url)` in a reqwest and a surf backend).
fn same_requests(a: &[Request], b: &[Request]) -> bool {
    let shape = |requests: &[Request]| -> Vec<(Option<Method>, Vec<Option<String>>)> {
        requests
            .iter()
            .map(|(call, method, _)| {
                let method = match method {
                    MethodSource::Fixed(m) => Some(*m),
                    _ => None,
                };
                let pieces = call
                    .url
                    .pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text { text, .. } => Some(text.clone()),
                        Piece::Hole(_) => None,
                    })
                    .collect();
                (method, pieces)
            })
            .collect()
    };
    shape(a) == shape(b)
}

/// `SPEC::build_query(params)`: an associated fn called on a type written in capitals or
/// camel case (a type parameter, maybe), as (type, fn).
fn generic_assoc_call(text: &str) -> Option<(&str, &str)> {
    let (callee, _) = text.split_once('(')?;
    let (ty, name) = callee.trim().split_once("::")?;
    let is_type = ty.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && ty.chars().all(|c| c.is_ascii_alphanumeric());
    let is_fn = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    (is_type && is_fn && ty != "Self").then_some((ty, name))
}

/// `self.build_url()`: a method of `self` called without arguments, by name.
fn self_method_call(text: &str) -> Option<&str> {
    let name = text.trim().strip_prefix("self.")?.strip_suffix("()")?;
    let is_fn = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    is_fn.then_some(name)
}

/// `Req::PATH`, `Self::PATH`, `&Req::METHOD`: a const of a type (a generic parameter, or the
/// implementing type), as (type, const).
fn type_const(text: &str) -> Option<(&str, &str)> {
    let (ty, name) = text.trim_start_matches('&').trim().split_once("::")?;
    let is_const = super::is_const_name(name);
    let is_type = ty.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && ty.chars().all(|c| c.is_ascii_alphanumeric());
    (is_const && is_type).then_some((ty, name))
}

/// A receiver one of whose names ends with its type's (`self.inner_api` for `Api`,
/// `self.gitlab` for `Gitlab`), word by word: `vec![..]` is not named for a type `C`.
fn names_its_owner(receiver: &str, owner: &str) -> bool {
    let owner = owner.to_ascii_lowercase();
    receiver
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(str::to_ascii_lowercase)
        .any(|name| {
            name == owner
                || name.ends_with(&format!("_{owner}"))
                || (owner.len() >= 3 && name.ends_with(&owner))
        })
}

/// A call on a receiver named like something other than an HTTP client (`self.cache.get(..)`).
fn on_no_client(site: &CallSite) -> bool {
    site.callee
        .receiver
        .as_deref()
        .is_some_and(infer::receiver_is_not_a_client)
}

/// Whether `resolve` would change the value: it names a const, calls a function or reads a
/// field a constructor sets.
fn needs_resolving(value: &UrlValue) -> bool {
    value.pieces.iter().any(|p| {
        matches!(p, Piece::Hole(h)
            if matches!(h.origin, Origin::Free(_) | Origin::Filled(_) | Origin::TableField(_) | Origin::Call(_) | Origin::SelfField { .. }))
    })
}

/// Text ending in `/` followed by text starting with one (`{url}/v1/batch/` and `/objects`):
/// one slash between them.
fn drop_doubled_slash(before: &mut [Piece], next: Option<&Piece>) {
    if let (Some(Piece::Text { text: end, .. }), Some(Piece::Text { text: next, .. })) =
        (before.last_mut(), next)
    {
        if end.ends_with('/') && next.starts_with('/') {
            end.pop();
        }
    }
}

/// A URL made of nothing but values known only at run time (`options.url.unwrap()`), none of
/// them a parameter.
fn url_unknown(value: &UrlValue) -> bool {
    !value.pieces.is_empty()
        && value.pieces.iter().all(|piece| {
            matches!(piece, Piece::Hole(h) if matches!(h.origin, Origin::Runtime | Origin::SelfField { .. }))
        })
}

/// A value moved out of the fn it was written in: that fn's parameters are plain values there.
fn localized(value: &UrlValue) -> UrlValue {
    UrlValue {
        pieces: value
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Hole(h) if piece_has_param(p) => runtime(h),
                other => other.clone(),
            })
            .collect(),
        literal: None,
    }
}

fn arg_needs_resolving(arg: &ArgValue) -> bool {
    match arg {
        ArgValue::Text(value) => needs_resolving(value),
        ArgValue::Struct(fields) => fields.iter().any(|(_, v)| arg_needs_resolving(v)),
        _ => false,
    }
}

/// A hole whose origin can no longer be followed.
fn runtime(hole: &Hole) -> Piece {
    Piece::Hole(Hole {
        origin: Origin::Runtime,
        ..hole.clone()
    })
}

/// The same call reported twice (a wrapper with the same request in two branches) once.
fn dedup(calls: Vec<HttpCall>) -> Vec<HttpCall> {
    // Almost every call is alone at its place: URLs are compared only where two share one.
    let mut at_place: HashMap<(&str, usize, usize, Method), Vec<usize>> = HashMap::new();
    for (i, c) in calls.iter().enumerate() {
        at_place
            .entry((c.file.as_str(), c.line, c.column, c.method))
            .or_default()
            .push(i);
    }
    let mut keep = vec![true; calls.len()];
    for group in at_place.values().filter(|group| group.len() > 1) {
        // One request found two ways, once with the base it is sent to and once without
        // (described by its type, and sent by a wrapper that adds the base): the one with it.
        let split: Vec<Option<CallUrl>> = group
            .iter()
            .map(|&i| CallUrl::split(&calls[i].url).ok())
            .collect();
        for (k, &i) in group.iter().enumerate() {
            let Some(bare) = split[k].as_ref().filter(|url| url.base.is_none()) else {
                continue;
            };
            let based_twin = group.iter().zip(&split).any(|(&j, other)| {
                other.as_ref().is_some_and(|o| {
                    o.base.is_some() && o.path() == bare.path() && calls[j].note == calls[i].note
                })
            });
            if based_twin {
                keep[i] = false;
            }
        }
        let mut seen = HashSet::new();
        for &i in group {
            if !keep[i] {
                continue;
            }
            let url = super::url::expr_text(&calls[i].url.pieces);
            keep[i] = seen.insert((url, calls[i].note.clone()));
        }
    }
    drop(at_place);
    calls
        .into_iter()
        .zip(keep)
        .filter_map(|(call, keep)| keep.then_some(call))
        .collect()
}

/// Whether the call's receiver is a field of `f`'s type (or trait).
fn is_of_type(callee: &Callee, f: &FnFacts) -> bool {
    callee
        .receiver_type
        .as_ref()
        .is_some_and(|ty| f.owner.as_ref() == Some(ty) || f.trait_name.as_ref() == Some(ty))
}

/// The declared type of each field, by struct and field (`None`: declared twice, differently).
type FieldTypes = HashMap<String, HashMap<String, Option<String>>>;

/// `self.travis.get(..)` in a method of `Env`, whose field `travis` is a `&'a Client<C>`: the
/// call's receiver is a `Client` (see `Index::names`); so is `client.call(..)` in a fn taking
/// `client: &Client`, when the crate has methods of `Client`.
fn type_receivers(fns: &mut [FnFacts], field_types: &FieldTypes) {
    // (Made only when some receiver is a parameter of a named type.)
    let mut owners: Option<HashSet<String>> = None;
    let owner_names = |fns: &[FnFacts]| -> HashSet<String> {
        fns.iter().filter_map(|f| f.owner.clone()).collect()
    };
    for index in 0..fns.len() {
        let mut typed: Vec<(usize, String)> = Vec::new();
        let f = &fns[index];
        let fields = f.owner.as_ref().and_then(|owner| field_types.get(owner));
        for (at, site) in f.call_sites.iter().enumerate() {
            let Some(receiver) = site.callee.receiver.as_deref() else {
                continue;
            };
            if site.callee.on_self {
                continue;
            }
            let ty = match receiver.strip_prefix("self.") {
                Some(field) => {
                    let field = through_locks(field);
                    let plain =
                        !field.is_empty() && field.chars().all(|c| c.is_alphanumeric() || c == '_');
                    fields
                        .filter(|_| plain)
                        .and_then(|fields| fields.get(field))
                        .and_then(Clone::clone)
                }
                None => {
                    let name = through_locks(receiver);
                    let param_type = f
                        .params
                        .iter()
                        .position(|p| p == name)
                        .and_then(|i| f.param_types.get(i))
                        .filter(|ty| ty.chars().next().is_some_and(char::is_uppercase));
                    match param_type {
                        Some(ty) if owners.get_or_insert_with(|| owner_names(fns)).contains(ty) => {
                            Some(ty.clone())
                        }
                        _ => None,
                    }
                }
            };
            if let Some(ty) = ty {
                typed.push((at, ty));
            }
        }
        for (at, ty) in typed {
            fns[index].call_sites[at].callee.receiver_type = Some(ty);
        }
    }
}

/// The template with each parameter hole replaced by the call's argument, also inside the
/// arguments of nested calls (`encode(p)` in a helper's template).
/// A field of a parameter (`params.url`) given the caller's own parameter whole: the same
/// field of the caller's.
fn field_of_passed_param(arg: Option<&ArgValue>, fields: &[String]) -> Option<Origin> {
    let Some(ArgValue::Text(value)) = arg else {
        return None;
    };
    let (index, outer) = value.as_param().filter(|_| !fields.is_empty())?;
    let mut all = outer.to_vec();
    all.extend(fields.iter().cloned());
    Some(Origin::Param { index, fields: all })
}

fn substitute(template: &UrlValue, args: &[ArgValue]) -> UrlValue {
    let mut pieces = Vec::new();
    let mut literal = None;
    for piece in &template.pieces {
        match piece {
            Piece::Hole(hole) => match &hole.origin {
                Origin::Param { index, fields } => {
                    // `params.url` of a helper given the caller's own parameter whole
                    // (`self.get_entity_url(&params)`): that field of the caller's parameter.
                    if let Some(origin) = field_of_passed_param(args.get(*index), fields) {
                        pieces.push(Piece::Hole(Hole {
                            origin,
                            placeholder: None,
                            ..hole.clone()
                        }));
                        continue;
                    }
                    match args.get(*index).and_then(|a| a.field(fields)) {
                        Some(ArgValue::Text(value)) => {
                            // The caller's literal is where its part of the URL is written (only
                            // when one argument brings one: two would not be one literal).
                            if value.literal.is_some() {
                                literal = if literal.is_none() {
                                    value.literal.clone()
                                } else {
                                    None
                                };
                            }
                            // (`/api/v1/{segments}` given `/{id}/cards`: one slash.)
                            drop_doubled_slash(&mut pieces, value.pieces.first());
                            pieces.extend(value.pieces.iter().cloned());
                        }
                        // `format!("{}{}", self.base_url, end_point)` given
                        // `EndPoint::Entry(id)`: what the enum's `Display` impl writes.
                        Some(value @ ArgValue::Enum { .. }) => pieces.push(Piece::Hole(Hole {
                            origin: Origin::Call(Box::new((
                                Callee {
                                    name: "fmt".to_string(),
                                    owner: None,
                                    on_self: false,
                                    receiver: Some(String::new()),
                                    on_value: true,
                                    receiver_type: None,
                                },
                                vec![value.clone()],
                            ))),
                            placeholder: None,
                            ..hole.clone()
                        })),
                        _ => pieces.push(Piece::Hole(Hole {
                            origin: Origin::Runtime,
                            placeholder: None,
                            ..hole.clone()
                        })),
                    }
                }
                Origin::Optional(choice) => pieces.extend(pick_optional(hole, choice, args)),
                Origin::Call(call) => {
                    let (callee, inner) = &**call;
                    let inner = inner.iter().map(|a| substitute_arg(a, args)).collect();
                    pieces.push(Piece::Hole(Hole {
                        origin: Origin::Call(Box::new((callee.clone(), inner))),
                        placeholder: None,
                        ..hole.clone()
                    }));
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

/// The text a helper's `Option` parameter picks for this caller (see `Origin::Optional`):
/// `None` picks one, a value (`Some(id)`, a literal) the other. The caller's own parameter
/// passed on is still a choice, now the caller's; anything else says nothing of the path.
fn pick_optional(hole: &Hole, choice: &Optional, args: &[ArgValue]) -> Vec<Piece> {
    let chosen = |pieces: &Vec<Piece>| {
        let value = UrlValue {
            pieces: pieces.clone(),
            literal: None,
        };
        substitute(&value, args).pieces
    };
    match args.get(choice.param) {
        Some(ArgValue::Absent) => chosen(&choice.absent),
        Some(ArgValue::Text(value)) => match value.as_param() {
            Some((param, [])) => vec![Piece::Hole(Hole {
                origin: Origin::Optional(Box::new(Optional {
                    param,
                    present: chosen(&choice.present),
                    absent: chosen(&choice.absent),
                })),
                placeholder: None,
                ..hole.clone()
            })],
            Some(_) => vec![runtime(hole)],
            None => chosen(&choice.present),
        },
        _ => vec![runtime(hole)],
    }
}

fn substitute_arg(arg: &ArgValue, args: &[ArgValue]) -> ArgValue {
    match arg {
        ArgValue::Text(value) => {
            // A parameter passed on whole: the caller's value, whatever it is (an enum value,
            // a route description).
            let passed = value
                .as_param()
                .and_then(|(index, fields)| args.get(index)?.field(fields));
            match passed {
                Some(other) if !matches!(other, ArgValue::Text(_)) => other.clone(),
                _ => {
                    let mut value = substitute(value, args);
                    value.literal = None;
                    ArgValue::Text(value)
                }
            }
        }
        ArgValue::Struct(fields) => ArgValue::Struct(
            fields
                .iter()
                .map(|(name, value)| (name.clone(), substitute_arg(value, args)))
                .collect(),
        ),
        // The enum value itself may be a parameter of the wrapper (`route`).
        ArgValue::Enum {
            owner,
            variant,
            fields,
        } => ArgValue::Enum {
            owner: owner.clone(),
            variant: variant.clone(),
            fields: fields
                .iter()
                .map(|(name, value)| (name.clone(), substitute_arg(value, args)))
                .collect(),
        },
        other => other.clone(),
    }
}

/// `[[wrapper]]` entries: the named fns make one request, path and method from their arguments,
/// whatever inference read in them.
/// What is wrong with each `[[wrapper]]` of the config that names no function of `files`, or
/// one whose arguments do not fit: such a declaration does nothing, and the user should know.
pub(super) fn wrapper_warnings(files: &[FileFacts], declared: &[DeclaredWrapper]) -> Vec<String> {
    let mut warnings = Vec::new();
    for wrapper in declared {
        let shown = match &wrapper.owner {
            Some(owner) => format!("{owner}::{}", wrapper.name),
            None => wrapper.name.clone(),
        };
        let named: Vec<&FnFacts> = files
            .iter()
            .flat_map(|file| &file.fns)
            .filter(|f| f.name == wrapper.name)
            .filter(|f| wrapper.owner.is_none() || wrapper.owner == f.owner)
            .collect();
        let Some(widest) = named.iter().map(|f| f.params.len()).max() else {
            warnings.push(format!(
                "[[wrapper]] `{shown}` names no function in the scanned files; it is not used"
            ));
            continue;
        };
        let highest_arg = wrapper.path_arg.max(wrapper.method_arg.unwrap_or(0));
        if highest_arg >= widest {
            warnings.push(format!(
                "[[wrapper]] `{shown}`: argument {highest_arg} is out of range, the function takes \
                 {widest} (counting from 0, `self` not counted); it is not used"
            ));
        }
    }
    warnings
}

fn declare_wrappers(fns: &mut [FnFacts], declared: &[DeclaredWrapper]) {
    for wrapper in declared {
        for f in fns.iter_mut() {
            let owner_fits = wrapper.owner.is_none() || wrapper.owner == f.owner;
            let highest_arg = wrapper.path_arg.max(wrapper.method_arg.unwrap_or(0));
            if f.name != wrapper.name || !owner_fits || highest_arg >= f.params.len() {
                continue;
            }
            let path = Hole {
                name: f.params[wrapper.path_arg].clone(),
                expr: f.params[wrapper.path_arg].clone(),
                placeholder: None,
                origin: Origin::Param {
                    index: wrapper.path_arg,
                    fields: Vec::new(),
                },
            };
            let method = match (wrapper.method, wrapper.method_arg) {
                (Some(method), _) => MethodSource::Fixed(method),
                (None, Some(index)) => MethodSource::Param {
                    index,
                    fields: Vec::new(),
                },
                (None, None) => continue,
            };
            let call = HttpCall::unseen(
                (f.file.clone(), f.line, f.column),
                f.name.clone(),
                wrapper.method.unwrap_or(Method::Get),
                UrlValue {
                    pieces: vec![Piece::Hole(path)],
                    literal: None,
                },
                f.in_test,
            );
            f.requests = vec![(call, method)];
        }
    }
}

/// A request that cannot be checked where it is written: its method, or its whole path,
/// comes from the enclosing fn's caller.
fn needs_caller(call: &HttpCall, method: &MethodSource, route_tables: &HashSet<String>) -> bool {
    if matches!(
        method,
        MethodSource::Param { .. } | MethodSource::Table { .. } | MethodSource::SelfField(_)
    ) || call.url.pieces.iter().any(is_route_field)
    {
        return true;
    }
    if !has_param_hole(call) {
        return false;
    }
    // (A parameter named for what one segment holds, `f{symbol}`, is that segment.)
    let is_param = |p: &Piece| {
        matches!(p, Piece::Hole(h) if matches!(h.origin, Origin::Param { .. })
            && (super::extract::names_a_url(&h.name) || h.name == "value"))
    };
    match CallUrl::split(&call.url) {
        Err(_) => true,
        // `/v1{path}`: a parameter glued after text may hold any number of segments (but
        // `{id}.json` is one name with its extension). A route table's text for a parameter
        // (`/rest/{method.url_fragment()}`) is the caller's path.
        Ok(url) => url.path_segments.iter().any(|segment| {
            (segment.len() > 1 && segment.last().is_some_and(is_param))
                || segment.iter().any(|p| is_route_of_a_param(p, route_tables))
        }),
    }
}

/// A request of a wrapper: one that takes its method or something of its URL from a
/// parameter (whether or not it needs a caller to be checked, see `needs_caller`).
fn takes_a_param(call: &HttpCall, method: &MethodSource) -> bool {
    matches!(
        method,
        MethodSource::Param { .. } | MethodSource::Table { .. } | MethodSource::SelfField(_)
    ) || has_param_hole(call)
        || call.url.pieces.iter().any(is_route_field)
}

/// What a route table of the crate (`route_tables`) gives for a parameter
/// (`method.url_fragment()`, `method` being an enum value the caller picks): the caller's
/// path. (Not any method called on a parameter: `script.as_bytes()` is no route.)
fn is_route_of_a_param(piece: &Piece, route_tables: &HashSet<String>) -> bool {
    matches!(piece, Piece::Hole(Hole { origin: Origin::Call(call), .. })
        if call.0.on_value
            && route_tables.contains(&call.0.name)
            && call.1.iter().any(arg_has_param))
}

/// A field of the route description a method is called on (`self.path`): left in the URL by
/// `resolve` only for route types.
fn is_route_field(piece: &Piece) -> bool {
    matches!(piece, Piece::Hole(h) if matches!(h.origin, Origin::SelfField { .. }))
}

/// The template with each `self.field` of a route description replaced by the description's
/// (`receiver`'s) field, when the call is on one.
fn fill_self_fields(template: &UrlValue, receiver: Option<&ArgValue>) -> UrlValue {
    let Some(receiver) = receiver else {
        return template.clone();
    };
    map_holes(template, |hole| match &hole.origin {
        Origin::SelfField { field, .. } => match receiver.field(std::slice::from_ref(field)) {
            Some(ArgValue::Text(value)) => Some(value.pieces.clone()),
            _ => None,
        },
        _ => None,
    })
}

fn has_param_hole(call: &HttpCall) -> bool {
    call.url.pieces.iter().any(piece_has_param)
}

/// Named texts of every file (consts, fields of tables of paths): a name given two values
/// in two files is `None`, as which one is meant is not known here.
fn add_known_text(known: &mut HashMap<String, Option<String>>, named: Vec<(String, String)>) {
    for (name, text) in named {
        known
            .entry(name)
            .and_modify(|value| {
                if value.as_deref() != Some(text.as_str()) {
                    *value = None;
                }
            })
            .or_insert(Some(text));
    }
}

/// The text `known` holds for `name`, or the hole as a runtime value.
/// `text` with every `pattern` in it replaced by `filler` (see `Origin::Filled`).
fn filled(text: &str, pattern: &str, filler: &[Piece]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (i, part) in text.split(pattern).enumerate() {
        if i > 0 {
            pieces.extend(filler.iter().cloned());
        }
        if !part.is_empty() {
            pieces.push(Piece::Text {
                text: part.to_string(),
                direct: false,
            });
        }
    }
    pieces
}

fn known_text(known: &HashMap<String, Option<String>>, name: &str, hole: &Hole) -> Piece {
    match known.get(name) {
        Some(Some(text)) => Piece::Text {
            text: text.clone(),
            direct: false,
        },
        _ => runtime(hole),
    }
}

/// A piece made from a parameter, directly or through a call not yet resolved.
fn piece_has_param(piece: &Piece) -> bool {
    match piece {
        Piece::Hole(hole) => match &hole.origin {
            Origin::Param { .. } | Origin::Optional(_) => true,
            Origin::Call(call) => call.1.iter().any(arg_has_param),
            _ => false,
        },
        Piece::Text { .. } => false,
    }
}

fn arg_has_param(arg: &ArgValue) -> bool {
    match arg {
        ArgValue::Text(value) => value.pieces.iter().any(piece_has_param),
        ArgValue::Struct(fields) | ArgValue::Enum { fields, .. } => {
            fields.iter().any(|(_, v)| arg_has_param(v))
        }
        _ => false,
    }
}

/// A route table's string with its variant's fields filled in.
fn substitute_fields(template: &UrlValue, fields: &[(String, ArgValue)]) -> UrlValue {
    let filled = map_holes(template, |hole| match &hole.origin {
        Origin::Field(key) => Some(match fields.iter().find(|(k, _)| k == key) {
            Some((_, ArgValue::Text(value))) => value.pieces.clone(),
            _ => vec![runtime(hole)],
        }),
        _ => None,
    });
    UrlValue {
        literal: None,
        ..filled
    }
}

/// A method's value with `self` being `this`: each call on `self` in it (`self.path()`,
/// `self.into()`) becomes that call on the value, which linking reads as a route lookup.
fn bind_self(value: &UrlValue, this: &ArgValue) -> UrlValue {
    map_holes(value, |hole| match &hole.origin {
        Origin::Call(call) if call.0.on_self && call.1.is_empty() => {
            let callee = Callee {
                on_self: false,
                on_value: true,
                receiver: Some(String::new()),
                ..call.0.clone()
            };
            Some(vec![Piece::Hole(Hole {
                origin: Origin::Call(Box::new((callee, vec![this.clone()]))),
                ..hole.clone()
            })])
        }
        _ => None,
    })
}

/// `value` with the holes `replace` gives pieces for replaced by them (the others kept).
fn map_holes(value: &UrlValue, mut replace: impl FnMut(&Hole) -> Option<Vec<Piece>>) -> UrlValue {
    let mut pieces = Vec::with_capacity(value.pieces.len());
    for piece in &value.pieces {
        match piece {
            Piece::Hole(hole) => match replace(hole) {
                Some(replacement) => pieces.extend(replacement),
                None => pieces.push(piece.clone()),
            },
            Piece::Text { .. } => pieces.push(piece.clone()),
        }
    }
    UrlValue {
        pieces,
        literal: value.literal.clone(),
    }
}

/// The call passes (part of) a path, text with a `/`, to a parameter the URL is built from.
fn passes_a_path(call: &HttpCall, args: &[ArgValue]) -> bool {
    passes_a_route_value(call, args)
        || passed_to_holes(call, args).any(|(hole, value)| {
            // A base (`run("https://api.gandi.net", opts)` for `{base_url}/v5/livedns/..`) only
            // says where the API is: the path is the template's.
            if is_the_base(call, hole, value) {
                return false;
            }
            // A path, or a fixed word (`http_post("pins.add", ..)`): this caller's URL is known,
            // where a runtime value (an id) would only fill the template.
            value
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Text { text, .. } if text.contains('/')))
                || value.as_constant().is_some_and(|text| !text.is_empty())
                || passes_its_path_on(hole, value)
        })
}

/// An enum value given where the path takes a parameter (`self.request(Verb::GET,
/// SquareAPI::Locations(..))` into `format!("{BASE}/{}", end_point)`): the path its `Display`
/// impl writes, this caller's (see `substitute`).
fn passes_a_route_value(call: &HttpCall, args: &[ArgValue]) -> bool {
    call.url.pieces.iter().any(|piece| {
        matches!(piece, Piece::Hole(Hole { origin: Origin::Param { index, fields }, .. })
            if matches!(args.get(*index).and_then(|a| a.field(fields)), Some(ArgValue::Enum { .. })))
    })
}

/// The hole the URL starts with, named for a base (`{base_url}/api/v1/apps` in nodotsam's
/// `login(base_url, ..)`), or named for a URL with a path written after it
/// (`{url}/rest/api/content/{id}` in atlassian-rest-rust's `get_page(url, token, id)`) and
/// given no text of the caller's (a URL literal there has a path of its own): a caller that
/// hands its own base on gives no path.
fn is_the_base(call: &HttpCall, hole: &Hole, value: &UrlValue) -> bool {
    match call.url.pieces.as_slice() {
        [Piece::Hole(first), rest @ ..] if std::ptr::eq(first, hole) => {
            names_a_base(&hole.name)
                || (names_a_whole_url(&hole.name)
                    && starts_a_path(rest.first())
                    && !value.pieces.iter().any(|p| matches!(p, Piece::Text { .. })))
        }
        _ => false,
    }
}

/// Text that goes on with a path segment (`/rest/api`), not a hole or a query.
fn starts_a_path(piece: Option<&Piece>) -> bool {
    matches!(piece, Some(Piece::Text { text, .. })
        if text.strip_prefix('/').is_some_and(|path| path.starts_with(|c: char| c.is_ascii_alphabetic())))
}

/// A value named for a whole URL (`url`, `conf_url`, `api_uri`), not for a path.
fn names_a_whole_url(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with("url") || name.ends_with("uri")
}

/// A value named for the base of URLs (`base_url`, `conf.host`, `server`).
fn names_a_base(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["base", "host", "root", "server", "domain", "origin"]
        .iter()
        .any(|word| name.contains(word))
}

/// Each parameter hole of the request's URL before its query with the text the call passes
/// there. (A value after `?real_url=` is no path, whatever its name.)
fn passed_to_holes<'c>(
    call: &'c HttpCall,
    args: &'c [ArgValue],
) -> impl Iterator<Item = (&'c Hole, &'c UrlValue)> {
    let before_the_query = call
        .url
        .pieces
        .iter()
        .take_while(|piece| !matches!(piece, Piece::Text { text, .. } if text.contains('?')));
    before_the_query.filter_map(move |piece| {
        let Piece::Hole(
            hole @ Hole {
                origin: Origin::Param { index, fields },
                ..
            },
        ) = piece
        else {
            return None;
        };
        match args.get(*index).and_then(|a| a.field(fields)) {
            Some(ArgValue::Text(value)) => Some((hole, value)),
            _ => None,
        }
    })
}

/// The function a URL asks its parameter for (`relative_path` in
/// `make_url(&endpoint.relative_path())`, `endpoint` being parameter `index`), however deep in
/// helper calls.
fn described_path_fn(value: &UrlValue, index: usize, fields: &[String]) -> Option<String> {
    value.pieces.iter().find_map(|piece| {
        let Piece::Hole(Hole {
            origin: Origin::Call(call),
            ..
        }) = piece
        else {
            return None;
        };
        let (callee, args) = &**call;
        let on_the_param = |arg: &ArgValue| {
            matches!(arg, ArgValue::Text(v) if v.as_param() == Some((index, fields)))
        };
        if callee.on_value && args.first().is_some_and(on_the_param) {
            return Some(callee.name.clone());
        }
        args.iter().find_map(|arg| match arg {
            ArgValue::Text(inner) => described_path_fn(inner, index, fields),
            _ => None,
        })
    })
}

/// `value` with the call of `path_fn` on a value (`endpoint.relative_path()`), however deep in
/// helper calls, replaced by `path`.
fn replace_value_call(value: &UrlValue, path_fn: &str, path: &UrlValue) -> UrlValue {
    let replaced = map_holes(value, |hole| {
        let Origin::Call(call) = &hole.origin else {
            return None;
        };
        let (callee, args) = &**call;
        if callee.on_value && callee.name == path_fn {
            return Some(path.clone().indirect().pieces);
        }
        let args = args
            .iter()
            .map(|arg| match arg {
                ArgValue::Text(inner) => ArgValue::Text(replace_value_call(inner, path_fn, path)),
                other => other.clone(),
            })
            .collect();
        Some(vec![Piece::Hole(Hole {
            origin: Origin::Call(Box::new((callee.clone(), args))),
            ..hole.clone()
        })])
    });
    UrlValue {
        literal: path.literal.clone(),
        ..replaced
    }
}

/// Whether the caller passes one of its own parameters, whole, where the request's URL takes
/// a path: the caller is a wrapper of its own.
fn passes_a_param(call: &HttpCall, args: &[ArgValue]) -> bool {
    passed_to_holes(call, args).any(|(hole, value)| {
        // `fetch(&format!("{year}"))` in `race(year)`: the year is the whole path here, but
        // `race`'s callers give a year, not a path: the request is `race`'s own.
        let names_a_value = match value.pieces.as_slice() {
            [Piece::Hole(passed)] => !names_a_path(&passed.name),
            _ => false,
        };
        passes_its_path_on(hole, value) && !names_a_value
    })
}

/// A wrapper's parameter named like a path (`method_relative_uri`, `path`) given the caller's
/// own parameter, whole: the caller's callers give the path. (An id passed on, as in
/// `self.story_page(story_id)`, only fills the template.)
fn passes_its_path_on(hole: &Hole, value: &UrlValue) -> bool {
    if !names_a_path(&hole.name) {
        return false;
    }
    // Or a path made around a parameter that names the API method called (`format!("/{}/
    // public/{}", self.version, method)` in `query_public(method, ..)`, as RPC-style APIs
    // take it: `query_public("Time", ..)`).
    // Only in the path: `?method={method}` is a query parameter's value.
    // (Nor the base a path is written after: `{conf.base_url}/rest/getAlbum` is the caller's
    // own path on a base it was given.)
    let after_a_base = matches!(value.pieces.as_slice(),
        [Piece::Hole(base), Piece::Text { text, .. }, ..]
            if names_a_base(&base.name) && text.starts_with('/'));
    let in_path = value
        .pieces
        .iter()
        .skip(usize::from(after_a_base))
        .take_while(|piece| !matches!(piece, Piece::Text { text, .. } if text.contains('?')));
    value.as_param().is_some()
        || in_path.into_iter().any(|piece| {
            matches!(piece, Piece::Hole(Hole { name, origin: Origin::Param { .. }, .. })
                if names_an_api_method(name)
                    || (super::extract::names_a_url(name) && !names_one_of(name)))
        })
}

/// A name for one thing of a kind a path may name (`route_id`, `route_type`, `path_ref`):
/// a segment's value, not a path.
fn names_one_of(name: &str) -> bool {
    let last = name.rsplit('_').next().unwrap_or(name).to_ascii_lowercase();
    matches!(
        last.as_str(),
        "id" | "ids" | "type" | "ref" | "name" | "no" | "number" | "index" | "key" | "kind"
    )
}

/// A value named for a path (`path`, `url`, `endpoint`…), or for what a path stands for
/// (`request` or `resource`, as in bitfinex's `post_signed(request, ..)` →
/// `format!("{}auth/r/{}", host, request)`; pb-async's `get(target)` →
/// `format!("{}{}", API_ROOT, target)`).
fn names_a_path(name: &str) -> bool {
    super::extract::names_a_url(name) || matches!(name, "request" | "resource" | "target")
}

/// A parameter named for the API method or action a call performs (`method`, `action`,
/// `api_method`, `command`), which RPC-style APIs put in the path.
fn names_an_api_method(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["method", "action", "command", "operation"]
        .iter()
        .any(|word| name == *word || name.ends_with(&format!("_{word}")))
}

/// The call as reported: a method that is not known makes it unresolved.
fn finish(mut call: HttpCall, method: &MethodSource) -> HttpCall {
    match method {
        MethodSource::Fixed(m) => call.method = *m,
        MethodSource::Param { .. }
        | MethodSource::Table { .. }
        | MethodSource::SelfField(_)
        | MethodSource::Unknown(_) => {
            call.method_unknown = true;
            let note = match method {
                // `MethodArg::Later`: a builder handed back without its method.
                MethodSource::Unknown(text) if text == super::facts::SET_BY_THE_CALLER => {
                    "its method is set by the code the request builder is handed to".to_string()
                }
                MethodSource::Unknown(text) if !text.is_empty() => {
                    format!("its method is `{text}`, known only at run time")
                }
                _ => "its method is a value known only at run time".to_string(),
            };
            call.note.get_or_insert(note);
        }
    }
    call
}

/// `self.resolve_url(path)`: a method of `self` named for the URL it builds, given one text.
fn may_build_a_url(callee: &Callee, args: &[ArgValue]) -> bool {
    matches!(args, [ArgValue::Text(_)]) && callee.on_self && builds_a_url(&callee.name)
}

/// A function named for the URL it builds from a base and a path (`build_final_url`,
/// `make_url`, `endpoint_url`), not one that reads or checks one (`parse_url`, `is_url`).
fn builds_a_url(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let about_a_url = name.ends_with("url") || name.ends_with("uri");
    let builds = [
        "build", "make", "full", "final", "endpoint", "api", "join", "create", "resolve",
    ]
    .iter()
    .any(|word| name.contains(word));
    about_a_url && builds
}
