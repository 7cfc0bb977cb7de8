//! Finding the HTTP calls in one parsed file.
//!
//! A call is a method-call chain (`self.http.post(&url).json(&body).send().await?`) or a free
//! function (`reqwest::get(url)`) whose verb names the HTTP method. The URL argument is
//! evaluated as far as the file allows: literals, `format!` (positional, indexed, named and
//! captured arguments), `concat!`, `let` bindings of the enclosing fn, file-level `const`s, `+`
//! and the usual `&`/`.as_str()`/`.to_string()` conversions. What cannot be evaluated becomes a
//! hole named after its expression, so `format!("{}/sandboxes/{}", self.base_url, name)` reads as
//! base `self.base_url`, path `/sandboxes/{name}`.
//!
//! Spans are turned into lines, columns and byte ranges here, on the thread that parsed the file:
//! `proc_macro2` keeps its source map per thread.

mod eval;
mod expansion;
mod macros;
mod optional;
pub(crate) use macros::definitions as macro_definitions;
mod builders;
mod curl;
mod requests;
mod serde_types;

pub(super) use eval::{names_a_base_name, names_a_url};
pub(super) use requests::looks_like_client;

use super::facts::{ArgValue, FileFacts, FnFacts};
use super::url::{Hole, Origin, Piece, UrlValue};
use super::{HttpCall, Site};
use eval::{ident_in, plain_ident, string_literal};
use expansion::expanded_text;
use proc_macro2::Span;
pub(crate) use requests::verb_method;
use requests::{HTTP_CRATES, MethodArg, method_value};
use std::collections::{HashMap, HashSet};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Token};

/// What `file` says: its requests, functions, string constants and calls with string
/// arguments. `src` is its text, `path` the name reports use, `offset` the bytes before `src`.
pub(crate) fn extract(
    file: &syn::File,
    src: &str,
    path: &str,
    offset: usize,
    crate_macros: &HashMap<String, String>,
) -> FileFacts {
    // A walk of the whole file, only where a const or static may be.
    let (all_consts, table_fields) = if src.contains("const ") || src.contains("static ") {
        collect_consts(file)
    } else {
        (Vec::new(), Vec::new())
    };
    let macro_args = typed_arena::Arena::new();
    let (expanded_items, expanded_impl_items, expanded_code) = (
        typed_arena::Arena::new(),
        typed_arena::Arena::new(),
        typed_arena::Arena::new(),
    );
    let mut extractor = Extractor {
        macro_args: &macro_args,
        expanded_items: &expanded_items,
        expanded_impl_items: &expanded_impl_items,
        expanded_code: &expanded_code,
        expansion: None,
        src,
        line_starts: std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1))
            .collect(),
        offset,
        path,
        consts: unique_consts(&all_consts),
        // A walk of the whole file, only where a macro may be defined.
        macros: if src.contains("macro_rules!") {
            macros::collect(file)
        } else {
            HashMap::new()
        },
        macro_depth: std::cell::Cell::new(0),
        expansions_made: std::cell::Cell::new(0),
        expanded_stmts: 0,
        cfg_gated: false,
        impl_cfg_gated: false,
        binding_depth: std::cell::Cell::new(0),
        block_values: std::cell::RefCell::new(Vec::new()),
        client_fields: client_fields(file),
        crate_macros,
        crate_macro_rules: std::cell::RefCell::new(HashMap::new()),
        env: Vec::new(),
        scopes: Vec::new(),
        held: Vec::new(),
        owner: None,
        trait_name: None,
        implemented: None,
        impl_block: None,
        impl_blocks: 0,
        current: None,
        in_test: false,
        chain_start: None,
        builder_methods: Vec::new(),
        curl_parts: Vec::new(),
        nested_fns: Vec::new(),
        verb_arms: Vec::new(),
        typestate: None,
        inline_mods: 0,
        carried_input: None,
        loops: 0,
        facts: FileFacts::default(),
    };
    extractor.visit_file(file);
    let mut facts = extractor.facts;
    facts.file = path.to_string();
    facts.consts = all_consts;
    facts.table_fields = table_fields;
    // Only the fields this file calls a method on (`self.travis.get(..)`) are worth their
    // type: the others would only cost memory while the crate is linked.
    let receivers: HashSet<&str> = facts
        .fns
        .iter()
        .flat_map(|f| &f.call_sites)
        .filter_map(|site| site.callee.receiver.as_deref()?.strip_prefix("self."))
        .map(crate::source::facts::through_locks)
        .collect();
    let field_types = std::mem::take(&mut facts.field_types)
        .into_iter()
        .filter(|(_, field, _)| receivers.contains(field.as_str()))
        .collect();
    facts.field_types = field_types;
    facts
}

#[derive(Clone)]
enum Binding<'a> {
    Value(UrlValue),
    /// A `let` of a runtime value (`let mut url = self.base.clone()`): unknown, but text
    /// appended to it later (`url.push_str("/x")`) is known.
    /// Its origin is worked out at once (cheap); its text only when it is needed.
    Runtime(Origin, &'a Expr),
    /// A parameter of the enclosing fn (index without `self`).
    Param(usize),
    /// A field of the enum value a route table matches on.
    Field(String),
    /// A map built here by inserting literal keys (`let mut body = HashMap::new();
    /// body.insert("name", v);`): the keys, where each is written.
    Map(Vec<(String, Span)>),
    /// `let body = json!({..})` (not `mut`, so its keys stay those written): the literal.
    Json(&'a Expr),
    /// `let params = [("type", kind)]` or `vec![..]` (not `mut`): pairs whose first items,
    /// string literals, are the keys of the query or form they are given to.
    Pairs(&'a Expr),
    /// A part of a parameter bound by a `match` on it (`Method::Post(body) => …` binds
    /// `body` to part `0` of `method`).
    ParamPart(usize, String),
    /// A name bound by a pattern or changed in ways we cannot follow; it shadows outer ones.
    Opaque,
    /// `let url;`: declared without a value, which the branches after it give.
    Unset,
    /// Item `.1` of the tuple a `match` (or an `if`) gives in each arm: `let (method,
    /// endpoint, body) = match request { Capture { body } => (Method::POST, "capture", body),
    /// .. }` binds `endpoint` to item 1 of that `match`. A call given several such items makes
    /// one request per arm (`requests::tuple_choice`).
    Element(&'a Expr, usize),
    /// The values the branches after `let url;` give it, one per path: branches that agree
    /// up to the query give one (`match q.contains('?') { true => url = format!("{}{}&auth={}",
    /// ..), false => url = format!("{}{}?auth={}", ..) }`), the first of them.
    Given(Vec<UrlValue>),
}

struct Extractor<'a> {
    /// The arguments of macro calls that may hold a request (`log!(self.client.get(url)..)`),
    /// parsed as expressions and kept for as long as bindings may point into them.
    macro_args: &'a typed_arena::Arena<Punctuated<Expr, Token![,]>>,
    /// What the crate's macros expand to (`request_builder! { .. }`): items, an `impl`'s
    /// items, statements; kept for as long as the facts being gathered may point into them.
    expanded_items: &'a typed_arena::Arena<Vec<syn::Item>>,
    expanded_impl_items: &'a typed_arena::Arena<Vec<syn::ImplItem>>,
    expanded_code: &'a typed_arena::Arena<Vec<syn::Stmt>>,
    /// The macro call whose expansion is being visited: where it is written, and the span of
    /// its arguments. What the expansion makes is reported where the call's arguments gave it
    /// (`method = Method::POST,`), else at the call; no fix points into the macro's own
    /// tokens, which may be another file's.
    expansion: Option<(Site, Span)>,
    src: &'a str,
    /// Byte offset of each line of `src`: where a span is, without asking `proc_macro2`,
    /// whose `byte_range` counts characters and caches in a map on every call.
    line_starts: Vec<usize>,
    /// Bytes of the file before `src` (a BOM): added to every range reported.
    offset: usize,
    path: &'a str,
    consts: HashMap<String, UrlValue>,
    /// The file's `macro_rules!` macros, by name.
    macros: HashMap<String, Vec<macros::Rule>>,
    /// How deep macro expansion is (a macro that calls itself must stop), and how many
    /// expansions the file has made.
    macro_depth: std::cell::Cell<usize>,
    expansions_made: std::cell::Cell<usize>,
    /// How many statements of expansions have been visited (see `visit_stmt`).
    expanded_stmts: usize,
    /// The fn about to be visited has a `#[cfg(..)]` of its own.
    cfg_gated: bool,
    /// The inherent `impl` block being visited has a `#[cfg(..)]` (`#[cfg(feature = "ureq")]
    /// impl ClientImpl`, beside one for reqwest).
    impl_cfg_gated: bool,
    /// Fields declared with an HTTP library's client type (`inner: surf::Client`), by struct
    /// and field: `self.inner.get(url)` on them is a request.
    client_fields: HashSet<(String, String)>,
    /// How many bindings `enum_value` is following at once: a value bound to itself
    /// (`let v = Wrapper::Some(v)`) would otherwise be followed for ever.
    binding_depth: std::cell::Cell<usize>,
    /// The `let`s of a block being evaluated as one value (`{ let mut s = base.to_string();
    /// s.push_str("/x"); s }`, what a macro may expand to), innermost last.
    block_values: std::cell::RefCell<Vec<(String, UrlValue)>>,
    /// The `macro_rules!` macros of the other files, by name, as text; and those parsed so far.
    crate_macros: &'a HashMap<String, String>,
    crate_macro_rules: std::cell::RefCell<HashMap<String, Option<Vec<macros::Rule>>>>,
    /// `let` bindings in scope, innermost last; blocks truncate it on exit.
    env: Vec<(String, Binding<'a>)>,
    /// Length of `env` where each open scope began, innermost last.
    scopes: Vec<usize>,
    /// Variables of `env` that hold requests of the fn still being built (see `builders`).
    held: Vec<builders::HeldRequests>,
    /// The type of the `impl` being visited.
    owner: Option<String>,
    /// The trait being visited (its default and declared methods).
    trait_name: Option<String>,
    /// The trait of the `impl Trait for Type` being visited.
    implemented: Option<String>,
    /// The `impl` block being visited, numbered in the file; and how many were seen.
    impl_block: Option<usize>,
    impl_blocks: usize,
    /// The function being visited.
    current: Option<FnFacts>,
    /// Inside `#[cfg(test)]` or a `#[test]` fn.
    in_test: bool,
    /// A `Request::post(url)` call recorded already with the chain built on it.
    chain_start: Option<*const syn::ExprCall>,
    /// `req.method(&m)` said of a local request builder (`let mut req = Request::builder()`),
    /// for the `req.uri(url)` that follows.
    builder_methods: Vec<(String, &'a Expr)>,
    /// What statements on a curl handle said of its request, by the handle's name (see
    /// `curl`).
    curl_parts: Vec<(String, curl::CurlPart<'a>)>,
    /// The fns declared inside the fns being visited, by name, each with the name it is known
    /// by in the crate (`xrpc_get::make_request`): bisky writes a `make_request` in each of
    /// four wrappers, and each wrapper calls its own.
    nested_fns: Vec<(String, String)>,
    /// The `match` arms on a parameter being visited, innermost last: the scrutinee, and the
    /// method the arm's variant is named for (`RequestType::Post =>`).
    verb_arms: Vec<(&'a Expr, Option<crate::spec::Method>)>,
    /// The enclosing fn returns a typestate request (`-> Request<Create, Droplet>`): its
    /// method and the returned type's name.
    typestate: Option<(crate::spec::Method, String)>,
    /// How many inline modules (`mod a { … }`) enclose the item being visited.
    inline_mods: usize,
    /// A closure given the value its receiver holds (`uri.and_then(move |uri| ..)` on a
    /// future, `url.map(|url| ..)`): the closure, and its parameter's name and binding.
    carried_input: Option<(*const syn::ExprClosure, String, Binding<'a>)>,
    /// How many loops enclose the code being visited: a segment appended in a loop may be
    /// appended many times.
    loops: usize,
    facts: FileFacts,
}

impl<'a> Extractor<'a> {
    /// `let (method, endpoint, body) = match request { .. }` where every arm gives a tuple:
    /// each name is bound to its item of that `match` (`Binding::Element`).
    fn bind_tuple_items(&mut self, pat: &'a syn::Pat, init: &'a Expr) {
        let syn::Pat::Tuple(tuple) = pat else {
            return;
        };
        let Some(arms) = tuple_arms(init) else {
            return;
        };
        if arms[0].elems.len() != tuple.elems.len() {
            return;
        }
        for (item, pat) in tuple.elems.iter().enumerate() {
            if let Some(name) = bound_ident(pat) {
                self.env.push((name, Binding::Element(init, item)));
            }
        }
    }

    /// The byte offset of a line and column (in characters) of `src`; clamped, never out of it.
    fn byte_at(&self, at: proc_macro2::LineColumn) -> usize {
        let Some(&start) = at.line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return self.src.len();
        };
        let line = &self.src[start..];
        match line.as_bytes().get(..at.column) {
            // ASCII up to the column: a character is a byte.
            Some(head) if head.is_ascii() => start + at.column,
            _ => {
                start
                    + line
                        .char_indices()
                        .nth(at.column)
                        .map_or(line.len(), |(i, _)| i)
            }
        }
    }

    /// The bytes of `src` a span covers.
    fn byte_range(&self, span: Span) -> std::ops::Range<usize> {
        let (start, end) = (self.byte_at(span.start()), self.byte_at(span.end()));
        start..end.max(start)
    }

    fn text_of(&self, expr: &Expr) -> String {
        if let Some((_, call_args)) = &self.expansion {
            return expanded_text(expr, *call_args);
        }
        let start = self.byte_at(first_span(expr).start());
        let end = self.byte_at(last_span(expr).end());
        let range = start..end.max(start);
        self.src.get(range).map(squeezed).unwrap_or_default()
    }

    fn site(&self, span: Span) -> Site {
        // In an expansion, a token is reported where the macro is called; its range, which
        // places tell apart, lies past the end of the file, where no edit can go (see
        // `expansion::beyond_the_file`). Even a token of the call's own arguments is never
        // edited: the macro may use it more than once (`$verb` as a method's name and as the
        // request's verb).
        if let Some((call, _)) = &self.expansion {
            let at = self.beyond_the_file(call, span);
            return Site {
                range: at..at,
                ..call.clone()
            };
        }
        let start = span.start();
        let range = self.byte_range(span);
        Site {
            range: range.start + self.offset..range.end + self.offset,
            line: start.line,
            column: start.column + 1,
        }
    }

    /// Visit a function: its parameters are bound, its body visited, and what it returns read
    /// when the body ends in a string expression.
    fn function(&mut self, sig: &'a syn::Signature, block: Option<&'a syn::Block>) {
        let name = match self.current.is_some() {
            true => self.nested_name(&sig.ident.to_string()),
            false => sig.ident.to_string(),
        };
        let saved_nested = self.nested_fns.len();
        for stmt in block.map_or(&[][..], |b| &b.stmts[..]) {
            if let syn::Stmt::Item(syn::Item::Fn(inner)) = stmt {
                let inner = inner.sig.ident.to_string();
                let qualified = format!("{name}::{inner}");
                self.nested_fns.push((inner, qualified));
            }
        }
        let mut facts = FnFacts {
            name,
            owner: self.owner.clone(),
            trait_name: self.trait_name.clone(),
            implements: self.implemented.clone(),
            impl_block: self.impl_block,
            in_test: self.in_test,
            cfg_gated: std::mem::take(&mut self.cfg_gated),
            params: Vec::new(),
            param_types: Vec::new(),
            has_self: false,
            declared_only: block.is_none(),
            file: self.path.to_string(),
            returns: None,
            returns_by_variant: Vec::new(),
            returns_method: None,
            methods_by_variant: Vec::new(),
            returns_route: None,
            returns_description: None,
            field_inits: Vec::new(),
            stores_path: None,
            line: 0,
            column: 0,
            requests: Vec::new(),
            call_sites: Vec::new(),
        };
        let name_site = self.site(sig.ident.span());
        facts.line = name_site.line;
        facts.column = name_site.column;
        let saved_env = std::mem::take(&mut self.env);
        let saved_builder_methods = std::mem::take(&mut self.builder_methods);
        let saved_curl_parts = std::mem::take(&mut self.curl_parts);
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_held = std::mem::take(&mut self.held);
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => facts.has_self = true,
                syn::FnArg::Typed(typed) => {
                    let index = facts.params.len();
                    let name = bound_ident(&typed.pat).unwrap_or_else(|| "_".to_string());
                    // A generic parameter (`body: &B`) names no type of the crate.
                    let label = type_label(&typed.ty);
                    let generic = sig.generics.type_params().any(|p| p.ident == label);
                    facts
                        .param_types
                        .push(if generic { "_".to_string() } else { label });
                    self.env.push((name.clone(), Binding::Param(index)));
                    facts.params.push(name);
                }
            }
        }
        let saved_fn = self.current.replace(facts);
        let saved_typestate = std::mem::replace(
            &mut self.typestate,
            crate::source::infer::typestate_of(&sig.output),
        );
        if let Some(block) = block {
            self.scoped(|this| {
                for stmt in &block.stmts {
                    this.visit_stmt(stmt);
                }
                let tail = match block.stmts.last() {
                    Some(syn::Stmt::Expr(expr, None)) => Some(expr),
                    Some(syn::Stmt::Expr(Expr::Return(ret), _)) => ret.expr.as_deref(),
                    _ => None,
                };
                if let Some(table) = tail.and_then(|t| this.table_of(t)) {
                    let by_variant = this.route_table(table);
                    let methods = this.method_table(table);
                    if let Some(current) = this.current.as_mut() {
                        current.returns_by_variant = by_variant;
                        current.methods_by_variant = methods;
                    }
                }
                match tail.and_then(|t| this.route_constructed(t)) {
                    Some(route) => {
                        if let Some(current) = this.current.as_mut() {
                            current.returns_route = Some(route);
                        }
                    }
                    None => {
                        let made = tail.and_then(|t| this.returned_description(t));
                        if let Some(current) = this.current.as_mut() {
                            current.returns_description = made.map(Box::new);
                        }
                    }
                }
                if let Some(tail) = tail {
                    let value = this
                        .eval(tail)
                        .or_else(|| this.returned_call(tail))
                        .or_else(|| this.returned_self_const(tail));
                    let method = match this.arg_value(tail) {
                        super::facts::ArgValue::Method(m) => Some(m),
                        super::facts::ArgValue::Variant(v) => crate::spec::Method::parse(&v),
                        _ => None,
                    };
                    if let Some(current) = this.current.as_mut() {
                        current.returns = value;
                        current.returns_method = method;
                    }
                }
            });
        }
        if let Some(mut done) = std::mem::replace(&mut self.current, saved_fn) {
            // Every fn's facts are held until the crate is linked, and most have a request or
            // a call site or two in vectors grown for four: give the spare room back.
            done.requests.shrink_to_fit();
            done.call_sites.shrink_to_fit();
            done.field_inits.shrink_to_fit();
            self.facts.fns.push(done);
        }
        self.typestate = saved_typestate;
        self.env = saved_env;
        self.builder_methods = saved_builder_methods;
        self.curl_parts = saved_curl_parts;
        self.scopes = saved_scopes;
        self.held = saved_held;
        self.nested_fns.truncate(saved_nested);
    }

    /// The name a fn is known by in the crate: `outer::inner` for one declared in the body of
    /// a fn being visited, its own name otherwise.
    pub(super) fn nested_name(&self, name: &str) -> String {
        self.nested_fns
            .iter()
            .rev()
            .find(|(inner, _)| inner == name)
            .map_or_else(|| name.to_string(), |(_, qualified)| qualified.clone())
    }

    /// `Self::ENDPOINT_PATH` returned by a trait's default method: each implementing type's
    /// const, which linking reads where a request uses the method (`operation.endpoint()`).
    fn returned_self_const(&self, tail: &'a Expr) -> Option<crate::source::url::UrlValue> {
        let Expr::Path(path) = eval::peel(tail) else {
            return None;
        };
        let in_a_trait = self.current.as_ref()?.trait_name.is_some() && self.owner.is_none();
        let [ty, name] = path.path.segments.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let is_const = crate::source::is_const_name(&name.ident.to_string());
        (in_a_trait && ty.ident == "Self" && is_const).then(|| crate::source::url::UrlValue {
            pieces: vec![crate::source::url::Piece::Hole(self.hole(tail, None))],
            literal: None,
        })
    }

    /// `match self { Route::Users => "/users".into(), Route::User(id) => format!("/users/{id}") }`:
    /// the string of each variant, its fields bound as `Origin::Field`.
    /// `Self::builder("/apps/{app_id}", Method::GET).param("app_id", id).build()`: a chain
    /// whose first call is given a path and a method, as a route constructor returns it.
    fn route_constructed(&self, tail: &'a Expr) -> Option<(UrlValue, crate::spec::Method)> {
        // `match scope { Some(s) => Self::builder(&format!("/x?scope={s}"), GET).build(),
        // None => Self::builder("/x", GET).build() }`: one route, with its optional query.
        if let Expr::Match(choice) = eval::peel(tail) {
            return self.route_in_every_arm(choice);
        }
        let mut root = eval::peel(tail);
        while let Expr::MethodCall(call) = root {
            root = eval::peel(&call.receiver);
        }
        if let Expr::Struct(literal) = root {
            return self.route_literal(literal);
        }
        let Expr::Call(call) = root else {
            return None;
        };
        if !matches!(&*call.func, Expr::Path(_)) {
            return None;
        }
        let mut url = None;
        let mut method = None;
        for arg in &call.args {
            match self.arg_value(arg) {
                super::facts::ArgValue::Method(m) if method.is_none() => method = Some(m),
                super::facts::ArgValue::Text(value)
                    if url.is_none() && crate::source::infer::reads_as_url_template(&value) =>
                {
                    url = Some(value)
                }
                _ => {}
            }
        }
        Some((url?, method?))
    }

    /// `Self { method: Method::GET, path: String::from(path), body: Body::empty() }` in a
    /// constructor of a request description (`fn new(path: &str) -> Self`): its method and
    /// its path, which may be the constructor's parameter (the caller gives it).
    fn route_literal(
        &self,
        literal: &'a syn::ExprStruct,
    ) -> Option<(UrlValue, crate::spec::Method)> {
        // Also a description of another type made here (`Request { path: format!("/lights/
        // {}", self.selector), method: Method::GET, .. }` in `Selected::list`, lifxi), when
        // both its path and its method read as such.
        let own_type = match literal.path.get_ident() {
            Some(name) => name == "Self" || Some(name.to_string()) == self.self_type(),
            None => false,
        };
        let mut url = None;
        let mut method = None;
        for field in &literal.fields {
            let syn::Member::Named(name) = &field.member else {
                continue;
            };
            let name = name.to_string();
            // `String::from(path)`: the parameter itself.
            let expr = match eval::peel(&field.expr) {
                Expr::Call(call)
                    if call.args.len() == 1
                        && matches!(&*call.func, Expr::Path(p) if p.path.segments.len() == 2
                            && p.path.segments[0].ident == "String"
                            && p.path.segments[1].ident == "from") =>
                {
                    &call.args[0]
                }
                other => other,
            };
            let names_the_method = matches!(name.as_str(), "method" | "verb" | "http_method");
            match self.arg_value(expr) {
                super::facts::ArgValue::Method(m) if names_the_method => method = Some(m),
                // `Method::Post` (hyper 0.11's enum), `"GET"`.
                super::facts::ArgValue::Variant(v) if names_the_method => {
                    method = crate::spec::Method::parse(&v)
                }
                super::facts::ArgValue::Text(value) if names_the_method => {
                    method = value
                        .as_constant()
                        .and_then(|v| crate::spec::Method::parse(&v))
                }
                super::facts::ArgValue::Text(value)
                    if eval::names_a_url(&name)
                        && (value.as_param().is_some()
                            || crate::source::infer::reads_as_url_template(&value)) =>
                {
                    url = Some(value)
                }
                _ => {}
            }
        }
        let (url, method) = (url?, method?);
        let a_template = || crate::source::infer::reads_as_url_template(&url);
        (own_type || a_template()).then_some((url, method))
    }

    /// The route every arm of a `match` constructs, when they agree on the method and the path
    /// and differ at most in the query: the arm that says the most (the query's keys).
    fn route_in_every_arm(
        &self,
        choice: &'a syn::ExprMatch,
    ) -> Option<(UrlValue, crate::spec::Method)> {
        let routes: Vec<(UrlValue, crate::spec::Method)> = choice
            .arms
            .iter()
            .map(|arm| self.route_constructed(&arm.body))
            .collect::<Option<_>>()?;
        let path_of = |url: &UrlValue| crate::source::CallUrl::split(url).ok().map(|u| u.path());
        let (first, rest) = routes.split_first()?;
        let same = rest
            .iter()
            .all(|(url, method)| *method == first.1 && path_of(url) == path_of(&first.0));
        if !same || path_of(&first.0).is_none() {
            return None;
        }
        routes
            .into_iter()
            .max_by_key(|(url, _)| crate::source::CallUrl::split(url).map_or(0, |u| u.query.len()))
    }

    /// `match self { Route::CreateUser => Method::POST, Route::GetUser(_) => Method::GET }`:
    /// the method of each variant.
    fn method_table(&mut self, table: &'a syn::ExprMatch) -> Vec<(String, crate::spec::Method)> {
        if !self.matches_own_value(table) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for arm in &table.arms {
            let method = match self.arg_value(&arm.body) {
                super::facts::ArgValue::Method(m) => m,
                _ => continue,
            };
            let cases: Vec<&syn::Pat> = match &arm.pat {
                syn::Pat::Or(or) => or.cases.iter().collect(),
                other => vec![other],
            };
            for case in cases {
                if let Some((variant, _)) = variant_pattern(case) {
                    out.push((variant, method));
                }
            }
        }
        out
    }

    /// Whether a `match` is on `self`, or on the one parameter of a fn without `self`.
    fn matches_own_value(&self, table: &syn::ExprMatch) -> bool {
        let mut matched = eval::peel(&table.expr);
        if let Expr::Unary(u) = matched {
            matched = eval::peel(&u.expr);
        }
        match matched {
            Expr::Path(p) if p.path.is_ident("self") => true,
            Expr::Path(p) => self.current.as_ref().is_some_and(|f| {
                !f.has_self && f.params.len() == 1 && p.path.is_ident(&f.params[0])
            }),
            _ => false,
        }
    }

    /// Also `match item { .. }` on the one parameter of a fn without `self`, as in
    /// `impl From<&Route> for String { fn from(item: &Route) -> Self { match item { .. } } }`.
    fn route_table(&mut self, table: &'a syn::ExprMatch) -> Vec<(String, UrlValue)> {
        if !self.matches_own_value(table) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for arm in &table.arms {
            let cases: Vec<&syn::Pat> = match &arm.pat {
                syn::Pat::Or(or) => or.cases.iter().collect(),
                other => vec![other],
            };
            for case in cases {
                let Some((variant, bindings)) = variant_pattern(case) else {
                    continue;
                };
                let depth = self.env.len();
                for (name, key) in bindings {
                    self.env.push((name, Binding::Field(key)));
                }
                let value = self.arm_text(&arm.body);
                self.env.truncate(depth);
                out.push((variant, value.map(|v| v.indirect())));
            }
        }
        // A variant with two arms (`Route::User(id) if id.is_empty() => …`, then
        // `Route::User(id) => …`) has a path that depends on a guard: unless both arms give the
        // same string, which one a call takes cannot be known here. An arm we cannot read
        // (`None`) leaves its variant unknown too.
        let mut kept: Vec<(String, Option<UrlValue>)> = Vec::new();
        for (variant, value) in out {
            match kept.iter_mut().find(|(v, _)| *v == variant) {
                // Compared by what they say, not where they are written.
                Some((_, known))
                    if known.as_ref().map(|k| &k.pieces) != value.as_ref().map(|v| &v.pieces) =>
                {
                    *known = None
                }
                // Two places say it: a fix to one alone would leave them disagreeing.
                Some((_, Some(known))) => known.literal = None,
                Some((_, None)) => {}
                None => kept.push((variant, value)),
            }
        }
        kept.into_iter()
            .filter_map(|(variant, value)| Some((variant, value?)))
            .collect()
    }

    /// The `match` a fn's tail is, also as the one value a `Display` impl writes
    /// (`write!(f, "{}", match self { Token => "/oauth/v2/token".to_owned(), .. })`).
    fn table_of(&self, tail: &'a Expr) -> Option<&'a syn::ExprMatch> {
        match tail {
            Expr::Match(table) => Some(table),
            Expr::Macro(mac) if mac.mac.path.is_ident("write") => {
                let args = mac
                    .mac
                    .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
                    .ok()?;
                let args: &'a Punctuated<Expr, Token![,]> = self.macro_args.alloc(args);
                match args.iter().collect::<Vec<_>>()[..] {
                    [_, format, Expr::Match(table)] if eval::string_literal(format)? == "{}" => {
                        Some(table)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The string a route table's arm gives: its value, or what it writes in a `Display`
    /// impl (`write!(f, "/users/{}", id)`, `f.write_str("/users")`).
    fn arm_text(&self, body: &Expr) -> Option<UrlValue> {
        match eval::peel(body) {
            Expr::Macro(mac) if mac.mac.path.is_ident("write") => self.eval_write(&mac.mac)?.1,
            Expr::MethodCall(call) if call.method == "write_str" && call.args.len() == 1 => {
                self.eval(call.args.first()?)
            }
            other => self.eval(other),
        }
    }

    /// Visit `body` as test code when `test` (or when already inside test code).
    fn testing(&mut self, test: bool, body: impl FnOnce(&mut Self)) {
        let saved = self.in_test;
        self.in_test |= test;
        body(self);
        self.in_test = saved;
    }

    /// The name of the function being visited.
    /// What `self` is here: the impl's type, or in a trait's default method the trait (whose
    /// `self.f(..)` is one of the trait's methods, not some type's method of that name).
    fn self_type(&self) -> Option<String> {
        self.owner.clone().or_else(|| self.trait_name.clone())
    }

    /// Record an associated const that holds a string or a method.
    fn assoc_const(
        &mut self,
        trait_name: String,
        owner: Option<String>,
        name: &syn::Ident,
        expr: &Expr,
    ) {
        let value = match self.arg_value(expr) {
            ArgValue::Method(method) => super::facts::AssocValue::Method(method),
            ArgValue::Variant(v) => match crate::spec::Method::parse(&v) {
                Some(method) => super::facts::AssocValue::Method(method),
                None => return,
            },
            ArgValue::Text(text) if text.as_constant().is_some() => {
                super::facts::AssocValue::Text(text)
            }
            _ => return,
        };
        let at = self.site(expr.span());
        self.facts.assoc_consts.push(super::facts::AssocConst {
            trait_name,
            owner,
            name: name.to_string(),
            value,
            file: self.path.to_string(),
            line: at.line,
            column: at.column,
            in_test: self.in_test,
        });
    }

    fn function_name(&self) -> String {
        self.current
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default()
    }

    fn push_request(&mut self, call: HttpCall, method: super::facts::MethodSource) {
        match self.current.as_mut() {
            Some(current) => current.requests.push((call, method)),
            None => self.facts.loose_calls.push(call),
        }
    }

    /// `url.path_segments_mut()?.push("a").extend(&["b", id])` and
    /// `url.query_pairs_mut().append_pair("k", v)`: a `Url` changed in place.
    fn url_mutation(&mut self, top: &'a syn::ExprMethodCall) {
        if !ident_in(&top.method, &["push", "extend", "append_pair", "unwrap"]) {
            return;
        }
        let mut links = vec![top];
        let mut current: &Expr = &top.receiver;
        loop {
            match current {
                Expr::MethodCall(call) => {
                    links.push(call);
                    current = &call.receiver;
                }
                Expr::Try(t) => current = &t.expr,
                _ => break,
            }
        }
        links.reverse();
        let Some(mut name) = plain_ident(current) else {
            return;
        };
        // `let mut segments = url.path_segments_mut()?; segments.push("a")`: `url` changed.
        let (start, in_query) = match links
            .iter()
            .position(|l| l.method == "path_segments_mut" || l.method == "query_pairs_mut")
        {
            Some(start) => (start, links[start].method == "query_pairs_mut"),
            None => match self.segments_of(&name) {
                Some(url) => {
                    name = url;
                    // (No link names them: the chain's links are all changes.)
                    links.insert(0, top);
                    (0, false)
                }
                None => return,
            },
        };
        let mut appended: Vec<super::url::Piece> = Vec::new();
        let mut has_query = self.lookup(&name).is_some_and(|v| {
            v.pieces
                .iter()
                .any(|p| matches!(p, super::url::Piece::Text { text, .. } if text.contains('?')))
        });
        let text = |t: String| super::url::Piece::Text {
            text: t,
            direct: false,
        };
        for link in &links[start + 1..] {
            let args: Vec<&Expr> = link.args.iter().collect();
            match (in_query, link.method.to_string().as_str(), args.as_slice()) {
                (false, "push", [segment]) => {
                    appended.push(text("/".to_string()));
                    appended.extend(self.piece_for(segment, None));
                }
                (false, "extend", [segments]) => {
                    let items = match eval::peel(segments) {
                        Expr::Array(a) => a.elems.iter().collect::<Vec<_>>(),
                        // `extend(segments)` in a helper: the caller's segments (an array a
                        // caller gives is the path it makes, `/` first: see `segments`).
                        given if matches!(self.origin_of(given), Origin::Param { .. }) => {
                            appended.push(super::url::Piece::Hole(self.hole(given, None)));
                            continue;
                        }
                        _ => return self.update(&name, None),
                    };
                    for item in items {
                        appended.push(text("/".to_string()));
                        appended.extend(self.piece_for(item, None));
                    }
                }
                (true, "append_pair", [key, value]) => {
                    let sep = if has_query { "&" } else { "?" };
                    has_query = true;
                    match string_literal(eval::peel(key)) {
                        Some(key) => appended.push(text(format!("{sep}{key}="))),
                        // `for (key, value) in params { .. append_pair(key, value) }`: a key
                        // known only at run time (the query's keys are not all known), after
                        // a path that is.
                        None => {
                            appended.push(text(sep.to_string()));
                            appended.extend(self.piece_for(key, None));
                            appended.push(text("=".to_string()));
                        }
                    }
                    appended.extend(self.piece_for(value, None));
                }
                (_, "unwrap" | "expect" | "pop_if_empty" | "clear", _) => {}
                _ => {}
            }
        }
        self.append(&name, appended);
    }

    /// The `Url` a local's path segments were taken from (`let mut segments =
    /// url.path_segments_mut().expect(..)`).
    fn segments_of(&self, name: &str) -> Option<String> {
        let mut bound = self.bound_value(name)?;
        loop {
            match bound {
                Expr::Try(t) => bound = &t.expr,
                Expr::MethodCall(call) if ident_in(&call.method, &["unwrap", "expect"]) => {
                    bound = &call.receiver
                }
                Expr::MethodCall(call)
                    if call.method == "path_segments_mut" && call.args.is_empty() =>
                {
                    return plain_ident(&call.receiver);
                }
                _ => return None,
            }
        }
    }

    /// `for segment in segments { path_segments.push(segment); }` over a parameter
    /// (jobsuche's `path(&self, segments: &[&str])`): the caller's segments appended, as
    /// `extend(segments)` would (see `url_mutation`). Nothing else is in the loop.
    fn pushes_given_segments(&mut self, node: &'a syn::ExprForLoop) -> bool {
        let Some(item) = bound_ident(&node.pat) else {
            return false;
        };
        let mut list = eval::peel(&node.expr);
        while let Expr::MethodCall(call) = list {
            if !ident_in(&call.method, &["iter", "into_iter"]) || !call.args.is_empty() {
                return false;
            }
            list = eval::peel(&call.receiver);
        }
        let [syn::Stmt::Expr(Expr::MethodCall(push), _)] = node.body.stmts.as_slice() else {
            return false;
        };
        let pushes_the_item = push.method == "push"
            && push.args.len() == 1
            && plain_ident(eval::peel(&push.args[0])).is_some_and(|pushed| pushed == item);
        if !pushes_the_item || !matches!(self.origin_of(list), Origin::Param { .. }) {
            return false;
        }
        let Some(url) = plain_ident(&push.receiver).and_then(|s| self.segments_of(&s)) else {
            return false;
        };
        let segments = Piece::Hole(self.hole(list, None));
        self.append(&url, vec![segments]);
        true
    }

    /// `body.insert("name", v)` on a map built here adds a key; any other change (a computed
    /// key, `extend`, `entry`, `remove`…) makes its keys unknown.
    fn map_change(&mut self, call: &syn::ExprMethodCall) {
        let Expr::Path(receiver) = &*call.receiver else {
            return;
        };
        let Some(name) = receiver.path.get_ident() else {
            return;
        };
        let innermost = self.env.iter().rev().find(|(n, _)| name == n);
        if !innermost.is_some_and(|(_, binding)| matches!(binding, Binding::Map(_))) {
            return;
        }
        let reads = ident_in(
            &call.method,
            &[
                "get",
                "len",
                "is_empty",
                "contains_key",
                "iter",
                "keys",
                "values",
                "clone",
            ],
        );
        if reads {
            return;
        }
        let key = match (call.method == "insert", call.args.first()) {
            // The literal itself (not `"k".to_string()`): a fix renames only the text.
            (true, Some(key)) => {
                let literal = eval::peel(key);
                string_literal(literal).map(|k| (k, literal.span()))
            }
            _ => None,
        };
        let Some((_, binding)) = self.env.iter_mut().rev().find(|(n, _)| name == n) else {
            return;
        };
        if let Binding::Map(keys) = binding {
            match key {
                Some(key) => keys.push(key),
                None => *binding = Binding::Opaque,
            }
        }
    }

    fn forget_map(&mut self, name: &str) {
        if let Some((_, binding)) = self.env.iter_mut().rev().find(|(n, _)| n == name) {
            if matches!(binding, Binding::Map(_)) {
                *binding = Binding::Opaque;
            }
        }
    }

    /// `uri.and_then(move |uri| { Request::new(method, uri) .. })` (futures 0.1), `url.map(|u|
    /// ..)`: the closure's one parameter holds what its receiver, a name, holds.
    fn carry_into_closure(&mut self, node: &'a syn::ExprMethodCall) {
        if !eval::ident_in(&node.method, &["and_then", "map", "then", "inspect"]) {
            return;
        }
        let (Some(receiver), Some(Expr::Closure(closure)), 1) = (
            plain_ident(&node.receiver),
            node.args.first(),
            node.args.len(),
        ) else {
            return;
        };
        let (Some(syn::Pat::Ident(input)), 1) = (closure.inputs.first(), closure.inputs.len())
        else {
            return;
        };
        if let Some((_, binding)) = self.env.iter().rev().find(|(n, _)| *n == receiver) {
            self.carried_input = Some((closure, input.ident.to_string(), binding.clone()));
        }
    }

    fn push_call_site(&mut self, site: super::facts::CallSite) {
        if let Some(current) = self.current.as_mut() {
            current.call_sites.push(site);
        }
    }
}

impl<'a> Visit<'a> for Extractor<'a> {
    // Test code is read too, its calls marked: reports keep them apart from the client's.
    fn visit_item_mod(&mut self, node: &'a syn::ItemMod) {
        let test = is_test_code(&node.attrs);
        // Only the file's own top level: a `mod x;` inside an inline module lives elsewhere.
        if node.content.is_none() && self.inline_mods == 0 && self.current.is_none() {
            let path_attr = node
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("path"))
                .find_map(|a| match &a.meta {
                    syn::Meta::NameValue(nv) => match &nv.value {
                        Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                });
            self.facts
                .out_of_line_mods
                .push(super::facts::OutOfLineMod {
                    name: node.ident.to_string(),
                    path_attr,
                    test: test || self.in_test,
                });
        }
        let inline = usize::from(node.content.is_some());
        self.inline_mods += inline;
        self.testing(test, |this| visit::visit_item_mod(this, node));
        self.inline_mods -= inline;
    }

    /// A call of one of the crate's macros where items go: what it expands to.
    fn visit_item_macro(&mut self, node: &'a syn::ItemMacro) {
        let defines_a_macro = node.ident.is_some();
        if defines_a_macro
            || !(self.visit_expanded_items(&node.mac) || self.visit_embedded_fns(&node.mac))
        {
            visit::visit_item_macro(self, node);
        }
    }

    fn visit_impl_item_macro(&mut self, node: &'a syn::ImplItemMacro) {
        if !self.visit_expanded_impl_items(&node.mac) {
            visit::visit_impl_item_macro(self, node);
        }
    }

    fn visit_item_fn(&mut self, node: &'a syn::ItemFn) {
        let test = is_test_code(&node.attrs);
        self.cfg_gated = is_cfg_gated(&node.attrs);
        self.testing(test, |this| this.function(&node.sig, Some(&node.block)));
    }

    fn visit_impl_item_fn(&mut self, node: &'a syn::ImplItemFn) {
        let test = is_test_code(&node.attrs);
        // (A method of an inherent impl under a `#[cfg]` is gated too.)
        self.cfg_gated = is_cfg_gated(&node.attrs) || self.impl_cfg_gated;
        self.testing(test, |this| this.function(&node.sig, Some(&node.block)));
    }

    fn visit_item_trait(&mut self, node: &'a syn::ItemTrait) {
        let saved = self.trait_name.replace(node.ident.to_string());
        visit::visit_item_trait(self, node);
        self.trait_name = saved;
    }

    fn visit_trait_item_fn(&mut self, node: &'a syn::TraitItemFn) {
        self.function(&node.sig, node.default.as_ref());
    }

    fn visit_item_struct(&mut self, node: &'a syn::ItemStruct) {
        if !self.in_test && !is_test_code(&node.attrs) {
            let site = |span| Some(self.site(span));
            if let Some(body_type) = serde_types::serde_struct(node, &site, self.path) {
                self.facts.serde_structs.push(body_type);
            }
            if let Some(call) = self.attribute_endpoint(node) {
                self.facts.loose_calls.push(call);
            }
            for (position, field) in node.fields.iter().enumerate() {
                // (`http: reqwest::Client` is no type of the crate, whatever its name.)
                let ty = type_named(&field.ty)
                    .filter(|ty| may_send_requests(ty) && !library_type(&field.ty));
                // A tuple struct's field is named by its position (`self.0.get(..)`).
                let name = match &field.ident {
                    Some(name) => name.to_string(),
                    None => position.to_string(),
                };
                if let Some(ty) = ty {
                    self.facts
                        .field_types
                        .push((node.ident.to_string(), name, ty));
                }
            }
        }
        visit::visit_item_struct(self, node);
    }

    fn visit_item_enum(&mut self, node: &'a syn::ItemEnum) {
        if !self.in_test && !is_test_code(&node.attrs) {
            let site = |span| Some(self.site(span));
            let variants = serde_types::serde_enum(node, &site, self.path);
            self.facts.serde_structs.extend(variants);
        }
        visit::visit_item_enum(self, node);
    }

    fn visit_item_impl(&mut self, node: &'a syn::ItemImpl) {
        let owner = match &*node.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let implemented = node
            .trait_
            .as_ref()
            .and_then(|(_, path, _)| path.segments.last())
            .map(|s| s.ident.to_string());
        // (Not `impl Client<A>` beside `impl Client<B>`: two types, not one under two cfgs.)
        let generic_args = matches!(&*node.self_ty, syn::Type::Path(p)
            if p.path.segments.last().is_some_and(|s| !s.arguments.is_empty()));
        let gated = implemented.is_none() && !generic_args && is_cfg_gated(&node.attrs);
        let saved_gated = std::mem::replace(&mut self.impl_cfg_gated, gated);
        let saved_trait = std::mem::replace(&mut self.implemented, implemented);
        let saved = std::mem::replace(&mut self.owner, owner);
        let saved_block = self.impl_block.replace(self.impl_blocks);
        self.impl_blocks += 1;
        let test = is_test_code(&node.attrs);
        self.testing(test, |this| visit::visit_item_impl(this, node));
        self.owner = saved;
        self.implemented = saved_trait;
        self.impl_block = saved_block;
        self.impl_cfg_gated = saved_gated;
    }

    /// `const PATH: &'static str = "/key/list";` in `impl ApiRequest for KeyList`.
    fn visit_impl_item_const(&mut self, node: &'a syn::ImplItemConst) {
        if let (Some(trait_name), Some(owner)) = (self.implemented.clone(), self.owner.clone()) {
            self.assoc_const(trait_name, Some(owner), &node.ident, &node.expr);
        }
        visit::visit_impl_item_const(self, node);
    }

    /// `const METHOD: &'static Method = &Method::GET;` as a trait's default.
    fn visit_trait_item_const(&mut self, node: &'a syn::TraitItemConst) {
        if let (Some(trait_name), Some((_, default))) = (self.trait_name.clone(), &node.default) {
            self.assoc_const(trait_name, None, &node.ident, default);
        }
        visit::visit_trait_item_const(self, node);
    }

    fn visit_block(&mut self, node: &'a syn::Block) {
        self.scoped(|this| visit::visit_block(this, node));
    }

    // A block expression runs when the code around it does (an arm's block is scoped by its
    // arm already).
    fn visit_expr_block(&mut self, node: &'a syn::ExprBlock) {
        self.scoped_inline(|this| {
            for stmt in &node.block.stmts {
                this.visit_stmt(stmt);
            }
        });
    }

    // Closures, loops, arms and `if let` bind names for their own body only.
    fn visit_expr_closure(&mut self, node: &'a syn::ExprClosure) {
        let carried = match self.carried_input.take() {
            Some((closure, name, binding)) if std::ptr::eq(closure, node) => Some((name, binding)),
            _ => None,
        };
        self.scoped(|this| {
            for input in &node.inputs {
                this.visit_pat(input);
            }
            if let Some(carried) = carried {
                this.env.push(carried);
            }
            this.visit_expr(&node.body);
        });
    }

    fn visit_expr_for_loop(&mut self, node: &'a syn::ExprForLoop) {
        self.visit_expr(&node.expr);
        if self.pushes_given_segments(node) {
            return;
        }
        self.loops += 1;
        self.scoped(|this| {
            this.visit_pat(&node.pat);
            this.visit_block(&node.body);
        });
        self.loops -= 1;
    }

    fn visit_expr_while(&mut self, node: &'a syn::ExprWhile) {
        self.loops += 1;
        self.scoped(|this| visit::visit_expr_while(this, node));
        self.loops -= 1;
    }

    fn visit_expr_loop(&mut self, node: &'a syn::ExprLoop) {
        self.loops += 1;
        visit::visit_expr_loop(self, node);
        self.loops -= 1;
    }

    fn visit_expr_if(&mut self, node: &'a syn::ExprIf) {
        self.scoped(|this| {
            this.visit_expr(&node.cond);
            this.visit_block(&node.then_branch);
        });
        if let Some((_, otherwise)) = &node.else_branch {
            self.scoped(|this| this.visit_expr(otherwise));
        }
    }

    fn visit_arm(&mut self, node: &'a syn::Arm) {
        self.scoped(|this| visit::visit_arm(this, node));
    }

    /// A `match` on a parameter binds the parts of each arm's variant as parts of it
    /// (`match method { Method::Post(body) => … }`): callers say what they are.
    fn visit_expr_match(&mut self, node: &'a syn::ExprMatch) {
        self.visit_expr(&node.expr);
        let param = match self.origin_of(&node.expr) {
            Origin::Param { index, fields } if fields.is_empty() => Some(index),
            _ => None,
        };
        for arm in &node.arms {
            self.scoped(|this| {
                // `match self.url(path) { Ok(url) => .., Err(e) => .. }`: `url` is the value,
                // read before the pattern's names hide the scrutinee's (`match url { Ok(url) }`).
                let unwrapped = unwrapped_binding(&arm.pat).map(|name| {
                    let binding = match this.eval(&node.expr) {
                        Some(value) => Binding::Value(value),
                        None => Binding::Runtime(this.origin_of(&node.expr), &node.expr),
                    };
                    (name, binding)
                });
                this.visit_pat(&arm.pat);
                if let Some(index) = param {
                    for (name, part) in arm_bindings(&arm.pat).unwrap_or_default() {
                        this.env.push((name, Binding::ParamPart(index, part)));
                    }
                }
                if let Some(unwrapped) = unwrapped {
                    this.env.push(unwrapped);
                }
                if let Some((_, guard)) = &arm.guard {
                    this.visit_expr(guard);
                }
                if param.is_some() {
                    this.verb_arms.push((&node.expr, variant_method(&arm.pat)));
                }
                this.visit_expr(&arm.body);
                if param.is_some() {
                    this.verb_arms.pop();
                }
            });
        }
    }

    /// Any name a pattern binds hides an outer binding of that name.
    fn visit_pat_ident(&mut self, node: &'a syn::PatIdent) {
        self.env.push((node.ident.to_string(), Binding::Opaque));
        visit::visit_pat_ident(self, node);
    }

    fn visit_stmt(&mut self, node: &'a syn::Stmt) {
        // Statements an expansion makes are numbered: the sites of the macro's own tokens in
        // one are told apart from those of the same tokens in the next repetition.
        if self.expansion.is_some() {
            self.expanded_stmts += 1;
        }
        visit::visit_stmt(self, node);
    }

    fn visit_local(&mut self, node: &'a syn::Local) {
        // `let url = { let ep = format!(..); Url::parse(&ep)? };`: the block's value, with
        // the names it binds for itself.
        if let (Some(name), Some(block)) = (bound_ident(&node.pat), valued_block(node)) {
            let mut binding = Binding::Opaque;
            self.scoped(|this| {
                let Some((tail, stmts)) = block.stmts.split_last() else {
                    return;
                };
                for stmt in stmts {
                    this.visit_stmt(stmt);
                }
                this.visit_stmt(tail);
                binding = match tail {
                    syn::Stmt::Expr(tail, None) => match this.eval(tail) {
                        Some(value) => Binding::Value(value),
                        None => Binding::Runtime(this.origin_of(tail), tail),
                    },
                    // `try!(Uri::from_str(&s))`: a macro in a statement's place.
                    syn::Stmt::Macro(m) if m.semi_token.is_none() => {
                        let value = this.eval_macro(&syn::ExprMacro {
                            attrs: Vec::new(),
                            mac: m.mac.clone(),
                        });
                        value.map_or(Binding::Opaque, Binding::Value)
                    }
                    _ => Binding::Opaque,
                };
            });
            self.env.push((name, binding));
            return;
        }
        // The initializer runs before the name is bound: visit it with the outer scope.
        let before = self.recorded();
        if let Some(init) = &node.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        match bound_ident(&node.pat) {
            Some(name) => {
                let binding = match &node.init {
                    Some(init) if is_new_map(&init.expr) => Binding::Map(Vec::new()),
                    Some(init)
                        if !is_mut(&node.pat) && requests::json_object(&init.expr).is_some() =>
                    {
                        Binding::Json(&init.expr)
                    }
                    Some(init)
                        if !is_mut(&node.pat) && requests::query_pairs(&init.expr).is_some() =>
                    {
                        Binding::Pairs(&init.expr)
                    }
                    Some(init) => match self.eval(&init.expr) {
                        // A choice on an `Option` parameter keeps its expression: a request
                        // given it here is one per branch (`url_alternatives`).
                        Some(value) => match optional::as_choice(value) {
                            Ok(choice) => Binding::Runtime(choice, &init.expr),
                            Err(value) => Binding::Value(value),
                        },
                        None => Binding::Runtime(self.origin_of(&init.expr), &init.expr),
                    },
                    None => Binding::Unset,
                };
                self.env.push((name.clone(), binding));
                if let Some(init) = &node.init {
                    self.hold_requests(&name, &init.expr, before, true);
                }
            }
            None => {
                self.visit_pat(&node.pat);
                if let Some(init) = &node.init {
                    self.bind_tuple_items(&node.pat, &init.expr);
                }
            }
        }
    }

    fn visit_expr_assign(&mut self, node: &'a syn::ExprAssign) {
        let before = self.recorded();
        self.visit_expr(&node.right);
        self.request_part_assigned(node);
        self.path_stored(node);
        if let Some(name) = plain_ident(&node.left) {
            // `req = req.body(json!(..))`: the same request description, with a body.
            if eval::sets_only_the_body(&node.right, &name) {
                return;
            }
            let value = self.eval(&node.right);
            self.update(&name, value);
            self.hold_requests(&name, &node.right, before, false);
        }
    }

    /// `Self { gist_path, .. }`: what a constructor stores in fields named like a URL.
    fn visit_expr_struct(&mut self, node: &'a syn::ExprStruct) {
        let own_type = node.path.segments.last().is_some_and(|last| {
            last.ident == "Self" || self.owner.as_ref().is_some_and(|o| last.ident == o)
        });
        if own_type && self.current.is_some() {
            for field in &node.fields {
                let syn::Member::Named(name) = &field.member else {
                    continue;
                };
                let name = name.to_string();
                if !eval::names_a_url(&name) {
                    continue;
                }
                let value = self.arg_value(&field.expr);
                if let (ArgValue::Text(_), Some(current)) = (&value, self.current.as_mut()) {
                    current.field_inits.push((name, value));
                }
            }
        }
        visit::visit_expr_struct(self, node);
    }

    /// `url += "/x"`
    fn visit_expr_binary(&mut self, node: &'a syn::ExprBinary) {
        visit::visit_expr_binary(self, node);
        if let (syn::BinOp::AddAssign(_), Some(name)) = (node.op, plain_ident(&node.left)) {
            let appended = self.piece_for(&node.right, None);
            self.append(&name, appended);
        }
    }

    /// `write!(url, "/{}", id)`
    fn visit_macro(&mut self, node: &'a syn::Macro) {
        let is_write = node
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "write");
        if !is_write {
            if !self.visit_expanded_code(node) {
                self.visit_macro_args(node);
            }
            return;
        }
        let Some((target, written)) = self.eval_write(node) else {
            return;
        };
        if let Some(name) = plain_ident(&target) {
            match written {
                Some(value) => self.append(&name, value.pieces),
                None => self.update(&name, None),
            }
        }
    }

    /// `&mut body` may be changed anywhere: a map's keys are no longer known.
    fn visit_expr_reference(&mut self, node: &'a syn::ExprReference) {
        if node.mutability.is_some() {
            if let Some(name) = plain_ident(&node.expr) {
                self.forget_map(&name);
            }
        }
        visit::visit_expr_reference(self, node);
    }

    fn visit_expr_method_call(&mut self, node: &'a syn::ExprMethodCall) {
        self.map_change(node);
        self.carry_into_closure(node);
        // `url.push('&')`
        if node.method == "push" && node.args.len() == 1 {
            if let (Some(name), Some(Expr::Lit(lit))) =
                (plain_ident(&node.receiver), node.args.first())
            {
                if let syn::Lit::Char(c) = &lit.lit {
                    let appended = vec![super::url::Piece::Text {
                        text: c.value().to_string(),
                        direct: false,
                    }];
                    self.append(&name, appended);
                }
            }
        }
        // `url.push_str("/x")`
        if node.method == "push_str" && node.args.len() == 1 {
            if let (Some(name), Some(arg)) = (plain_ident(&node.receiver), node.args.first()) {
                let appended = self.piece_for(arg, None);
                self.append(&name, appended);
            }
        }
        // `url.set_path("api/users/status")`, `url.set_query(Some(&encoded))` (the name
        // first: this runs for every method call)
        if ident_in(&node.method, &["set_path", "set_query"]) && node.args.len() == 1 {
            if let (Some(name), Some(arg)) = (plain_ident(&node.receiver), node.args.first()) {
                if node.method == "set_path" {
                    self.set_path(&name, arg);
                } else {
                    self.set_query(&name, arg);
                }
            }
        }
        self.url_mutation(node);
        self.builder_statement(node);
        self.curl_statement(node);
        self.visit_chain(node);
    }

    fn visit_expr_call(&mut self, node: &'a syn::ExprCall) {
        if let Expr::Path(func) = &*node.func {
            let segments: Vec<String> = func
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if let ([.., owner, new], Some((method, returned)), Some(url)) =
                (segments.as_slice(), &self.typestate, node.args.first())
            {
                // `Request::new(url)` in a fn returning `DropletRequest<Create, _>`: the
                // request's method is in its type.
                let constructs = new == "new"
                    && node.args.len() == 1
                    && (owner.ends_with("Request") || owner == returned);
                if constructs && crate::source::infer::reads_as_url(&self.url_of(url)) {
                    let span = func
                        .path
                        .segments
                        .last()
                        .map_or(func.span(), |s| s.ident.span());
                    self.record_trusted(MethodArg::Known(*method), span, url, &[]);
                    // The method is in a type, not at `new`: no fix may rewrite it there.
                    if let Some((call, _)) = self
                        .current
                        .as_mut()
                        .and_then(|current| current.requests.last_mut())
                    {
                        call.method_site = None;
                    }
                }
            }
            // `Request::new(method, uri)` (hyper 0.11, reqwest): a request by construction.
            if let ([.., owner, new], [method, url]) = (
                segments.as_slice(),
                node.args.iter().collect::<Vec<_>>().as_slice(),
            ) {
                // (Not `Request::new(&mut handle, method)`, whose `.uri(..)` gives the URL.)
                if owner == "Request" && new == "new" && !requests::names_a_method(url) {
                    let span = func
                        .path
                        .segments
                        .last()
                        .map_or(func.span(), |s| s.ident.span());
                    let method = match method_value(method) {
                        Some(known) => MethodArg::Known(known),
                        None => MethodArg::Expr(method),
                    };
                    self.record_trusted(method, span, url, &[]);
                }
            }
            if let [.., krate, verb] = segments.as_slice() {
                if let (Some(method), true, Some(url)) = (
                    verb_method(verb),
                    HTTP_CRATES.contains(&krate.as_str())
                        || is_http_req(&segments, node, || self.src.contains("http_req")),
                    node.args.first(),
                ) {
                    let span = func
                        .path
                        .segments
                        .last()
                        .map_or(func.span(), |s| s.ident.span());
                    if krate == "Request" {
                        // `http::Request::post(url)`: a request by construction (unless the
                        // chain built on it has recorded it, with what the chain adds).
                        if self.chain_start != Some(node as *const syn::ExprCall) {
                            self.record_trusted(MethodArg::Known(method), span, url, &[]);
                        }
                    } else {
                        self.record(MethodArg::Known(method), span, url, &node.func, &[]);
                    }
                }
            }
            if !node.args.is_empty() {
                let span = func
                    .path
                    .segments
                    .last()
                    .map_or(func.span(), |s| s.ident.span());
                let path = &func.path;
                self.call_site(
                    |this| this.callee_of_path(path),
                    span,
                    node.args.iter(),
                    || requests::shape_of(&[]),
                );
            }
        }
        visit::visit_expr_call(self, node);
    }
}

/// What a statement gives a request built statement by statement.
#[derive(PartialEq)]
enum RequestPart {
    Method,
    Uri,
}

impl<'a> Extractor<'a> {
    /// `let mut req = Request::builder(); req.method(&method); req.uri(url);` (hyper 0.12,
    /// `http`): a request built statement by statement, recorded at `uri`.
    fn builder_statement(&mut self, node: &'a syn::ExprMethodCall) {
        // (The name first: this runs for every method call.)
        if !ident_in(&node.method, &["method", "uri"]) {
            return;
        }
        let (Some(name), Some(arg), 1) = (
            plain_ident(&node.receiver),
            node.args.first(),
            node.args.len(),
        ) else {
            return;
        };
        let part = match node.method == "method" {
            true => RequestPart::Method,
            false => RequestPart::Uri,
        };
        self.request_part(name, part, &node.method, arg);
    }

    /// `self.options.path = Some(path.to_string())`: a parameter stored in a field of `self`
    /// named for a path makes the fn a path setter.
    fn path_stored(&mut self, node: &'a syn::ExprAssign) -> Option<()> {
        let Expr::Field(field) = &*node.left else {
            return None;
        };
        let syn::Member::Named(name) = &field.member else {
            return None;
        };
        let in_a_method = self.current.as_ref().is_some_and(|f| f.has_self);
        if !in_a_method || !stores_a_path(&name.to_string()) || !rooted_at_self(&field.base) {
            return None;
        }
        let mut value = eval::peel(&node.right);
        // `Some(path.to_string())`
        if let Expr::Call(call) = value {
            if eval::is_wrapping_variant(call) {
                value = eval::peel(&call.args[0]);
            }
        }
        let stored = self.piece_for(value, None);
        let [
            Piece::Hole(Hole {
                origin: Origin::Param { index, fields },
                ..
            }),
        ] = stored.as_slice()
        else {
            return None;
        };
        if !fields.is_empty() {
            return None;
        }
        let index = u16::try_from(*index).ok()?;
        self.current.as_mut()?.stores_path = Some(index);
        Some(())
    }

    /// `*req.method_mut() = method; *req.uri_mut() = url;` on `Request::default()` (hyper
    /// 0.12): the same, through the request's setters.
    fn request_part_assigned(&mut self, node: &'a syn::ExprAssign) {
        let Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Deref(_),
            expr: target,
            ..
        }) = &*node.left
        else {
            return;
        };
        let Expr::MethodCall(setter) = &**target else {
            return;
        };
        let Some(name) = plain_ident(&setter.receiver).filter(|_| setter.args.is_empty()) else {
            return;
        };
        let part = match setter.method.to_string().as_str() {
            "method_mut" => RequestPart::Method,
            "uri_mut" => RequestPart::Uri,
            _ => return,
        };
        self.request_part(name, part, &setter.method, &node.right);
    }

    /// The method or the URI given to request `name` (by the setter `at`).
    fn request_part(&mut self, name: String, part: RequestPart, at: &syn::Ident, arg: &'a Expr) {
        if !self.is_request_builder(&name) {
            return;
        }
        if part == RequestPart::Method {
            self.builder_methods.push((name, arg));
            return;
        }
        let method = match self.builder_methods.iter().rev().find(|(n, _)| *n == name) {
            Some((_, expr)) => method_value(expr).map_or(MethodArg::Expr(expr), MethodArg::Known),
            // A builder without `.method(..)` sends GET.
            None => MethodArg::Known(crate::spec::Method::Get),
        };
        self.record_trusted(method, at.span(), arg, &[]);
    }

    /// `self`, or a local bound to a copy of it (`let this = self.clone();`, moved into a
    /// thread's closure): a method called on it is one of `self`'s.
    fn is_self_value(&self, expr: &Expr) -> bool {
        eval::is_self(expr) || self.bound_expr(expr).is_some_and(eval::is_self)
    }

    /// A local bound to a type's constructor (`let cb = ClientBuilder::new()?;`), whose chain
    /// below reads as if written on the call itself.
    fn holds_a_new_value(&self, expr: &Expr) -> bool {
        matches!(self.bound_expr(expr), Some(Expr::Call(call))
            if eval::owner_and_function(call).is_some_and(|(_, made)| made == "new"))
    }

    /// The expression the local `name` was bound to at run time, as written (`let mut easy =
    /// Easy::new();`, `let mut segments = url.path_segments_mut()?;`).
    pub(super) fn bound_value(&self, name: &str) -> Option<&'a Expr> {
        match self.env.iter().rev().find(|(n, _)| n == name)? {
            (_, Binding::Runtime(_, bound)) => Some(bound),
            _ => None,
        }
    }

    /// The call the local `name` was bound to, as written (`let mut easy = Easy::new();`).
    fn bound_call(&self, name: &str) -> Option<&'a syn::ExprCall> {
        match self.bound_value(name)? {
            Expr::Call(call) => Some(call),
            _ => None,
        }
    }

    /// A local bound to `Request::builder()` (`http::Request::builder()`) or
    /// `Request::default()`.
    fn is_request_builder(&self, name: &str) -> bool {
        let made = self.bound_call(name).and_then(eval::owner_and_function);
        matches!(made, Some((owner, made))
            if (made == "builder" || made == "default") && owner == "Request")
    }

    /// `log!(self.client.get(&url).call()?, "..")`, `timed!(..)`: the arguments of a macro
    /// that is not one routelint reads otherwise are expressions the expansion evaluates, most
    /// likely; those that chain a call named like a request are visited as code.
    fn visit_macro_args(&mut self, node: &'a syn::Macro) {
        const READ_OTHERWISE: &[&str] = &[
            "format",
            "format_args",
            "json",
            "concat",
            "matches",
            "macro_rules",
            "println",
            "print",
            "eprintln",
            "eprint",
            "writeln",
            "panic",
            "assert",
            "assert_eq",
            "assert_ne",
            "debug_assert",
            "debug_assert_eq",
            "debug_assert_ne",
            "todo",
            "unimplemented",
            "unreachable",
            "include_str",
            "include_bytes",
            "env",
            "cfg",
        ];
        let Some(name) = node.path.segments.last().map(|s| &s.ident) else {
            return;
        };
        // `try!(self.http.get_content("/games/top"))` (Rust 2015's `?`): its argument is
        // code, whatever it calls.
        let is_code = ident_in(name, &["try", "dbg"]);
        if ident_in(name, READ_OTHERWISE) || !(is_code || chains_a_request(node.tokens.clone())) {
            return;
        }
        if let Ok(args) = node.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            let args: &'a Punctuated<Expr, Token![,]> = self.macro_args.alloc(args);
            for arg in args {
                self.visit_expr(arg);
            }
        }
    }
}

/// The span of an expression's first token, found by walking it: `Spanned::span` turns the
/// whole expression into tokens (cloning every identifier in it) to find the same, and the
/// receivers of long method chains are asked for their text link by link.
fn first_span(expr: &Expr) -> Span {
    match expr {
        Expr::MethodCall(call) => first_span(&call.receiver),
        Expr::Field(field) => first_span(&field.base),
        Expr::Call(call) => first_span(&call.func),
        Expr::Try(t) => first_span(&t.expr),
        Expr::Await(a) => first_span(&a.base),
        Expr::Index(i) => first_span(&i.expr),
        Expr::Binary(b) => first_span(&b.left),
        Expr::Cast(c) => first_span(&c.expr),
        Expr::Path(p) if p.qself.is_none() => {
            match (&p.path.leading_colon, p.path.segments.first()) {
                (Some(colons), _) => colons.spans[0],
                (None, Some(first)) => first.ident.span(),
                (None, None) => expr.span(),
            }
        }
        Expr::Lit(lit) => lit.lit.span(),
        Expr::Reference(r) => r.and_token.span,
        Expr::Paren(p) => p.paren_token.span.open(),
        Expr::Tuple(t) => t.paren_token.span.open(),
        Expr::Array(a) => a.bracket_token.span.open(),
        Expr::Macro(m) => match (&m.mac.path.leading_colon, m.mac.path.segments.first()) {
            (Some(colons), _) => colons.spans[0],
            (None, Some(first)) => first.ident.span(),
            (None, None) => expr.span(),
        },
        other => other.span(),
    }
}

/// The span of an expression's last token (see `first_span`).
fn last_span(expr: &Expr) -> Span {
    match expr {
        Expr::MethodCall(call) => call.paren_token.span.close(),
        Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => name.span(),
            syn::Member::Unnamed(index) => index.span,
        },
        Expr::Call(call) => call.paren_token.span.close(),
        Expr::Try(t) => t.question_token.span,
        Expr::Await(a) => a.await_token.span,
        Expr::Index(i) => i.bracket_token.span.close(),
        Expr::Binary(b) => last_span(&b.right),
        Expr::Path(p) if p.qself.is_none() => match p.path.segments.last() {
            Some(last) if last.arguments.is_none() => last.ident.span(),
            _ => expr.span(),
        },
        Expr::Lit(lit) => lit.lit.span(),
        Expr::Reference(r) => last_span(&r.expr),
        Expr::Unary(u) => last_span(&u.expr),
        Expr::Paren(p) => p.paren_token.span.close(),
        Expr::Tuple(t) => t.paren_token.span.close(),
        Expr::Array(a) => a.bracket_token.span.close(),
        Expr::Macro(m) => match &m.mac.delimiter {
            syn::MacroDelimiter::Paren(p) => p.span.close(),
            syn::MacroDelimiter::Brace(b) => b.span.close(),
            syn::MacroDelimiter::Bracket(b) => b.span.close(),
        },
        other => other.span(),
    }
}

/// Whether macro tokens hold a method call named like a request (`.get(`, `.post(`,
/// `.request(`, `.send(`): a cheap look before parsing them as expressions.
fn chains_a_request(tokens: proc_macro2::TokenStream) -> bool {
    const REQUEST_WORDS: &[&str] = &[
        "get", "post", "put", "patch", "delete", "head", "request", "send", "call", "execute",
    ];
    let mut after_dot = false;
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Punct(p) => after_dot = p.as_char() == '.',
            proc_macro2::TokenTree::Ident(ident)
                if after_dot && ident_in(&ident, REQUEST_WORDS) =>
            {
                return true;
            }
            proc_macro2::TokenTree::Group(group) => {
                if chains_a_request(group.stream()) {
                    return true;
                }
                after_dot = false;
            }
            _ => after_dot = false,
        }
    }
    false
}

/// A parameter's type as far as linking needs it: the name of its type behind references,
/// with `<>` when it has generic arguments (`&CreateSandbox` → `CreateSandbox`,
/// `Method<Q, B>` → `Method<>`, `impl AsRef<str>` → `_`). Cheaper than its source text, which
/// every parameter of every fn would otherwise cost.
fn type_label(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Reference(r) => type_label(&r.elem),
        syn::Type::Paren(p) => type_label(&p.elem),
        syn::Type::Group(g) => type_label(&g.elem),
        syn::Type::Path(path) => match path.path.segments.last() {
            // `crate::models::Options`: its module too (see `requests::value_type_name`).
            Some(last) if matches!(last.arguments, syn::PathArguments::None) => {
                requests::value_type_name(&path.path).unwrap_or_else(|| last.ident.to_string())
            }
            // `Option<CreateKey>` sent as a body is the struct (or `null`).
            Some(last) if last.ident == "Option" || last.ident == "Box" => match &last.arguments {
                syn::PathArguments::AngleBracketed(args) => match args.args.first() {
                    Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => {
                        type_label(inner)
                    }
                    _ => format!("{}<>", last.ident),
                },
                _ => format!("{}<>", last.ident),
            },
            Some(last) => format!("{}<>", last.ident),
            None => "_".to_string(),
        },
        _ => "_".to_string(),
    }
}

/// `HashMap::new()`, `BTreeMap::with_capacity(n)`, `serde_json::Map::new()`: an empty map.
fn is_new_map(expr: &Expr) -> bool {
    let Expr::Call(call) = eval::peel(expr) else {
        return false;
    };
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    let mut names = func.path.segments.iter().rev().map(|s| s.ident.to_string());
    let (Some(function), Some(owner)) = (names.next(), names.next()) else {
        return false;
    };
    matches!(owner.as_str(), "HashMap" | "BTreeMap" | "IndexMap" | "Map")
        && matches!(function.as_str(), "new" | "with_capacity" | "default")
}

/// `Route::User(id)` → (`User`, [(`id`, `0`)]); `Route::Posts { user }` → (`Posts`,
/// [(`user`, `user`)]); `Route::Users` → (`Users`, []).
/// The type a field's type names, through references and wrappers that only hold it:
/// `&'a Client<C>`, `Arc<Client>`, `Option<Box<Api>>` name `Client`, `Client`, `Api`.
fn type_named(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Reference(r) => type_named(&r.elem),
        syn::Type::Paren(p) => type_named(&p.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            let holder = matches!(
                name.as_str(),
                "Arc" | "Rc" | "Box" | "Option" | "RefCell" | "Mutex" | "RwLock" | "Cow"
            );
            if !holder {
                return Some(name);
            }
            let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            args.args.iter().find_map(|arg| match arg {
                syn::GenericArgument::Type(inner) => type_named(inner),
                _ => None,
            })
        }
        _ => None,
    }
}

/// A field type that may be a client of the crate: not a primitive or a type of `std` that
/// holds data (most fields are; every field of the crate is held in memory while linking).
fn may_send_requests(ty: &str) -> bool {
    const DATA: &[&str] = &[
        "String",
        "str",
        "Vec",
        "HashMap",
        "BTreeMap",
        "HashSet",
        "BTreeSet",
        "VecDeque",
        "bool",
        "char",
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "PathBuf",
        "Path",
        "Duration",
        "Instant",
        "SystemTime",
        "Value",
        "PhantomData",
        "DateTime",
        "NaiveDateTime",
        "Uuid",
        "Url",
        "Uri",
    ];
    ty.chars().next().is_some_and(char::is_uppercase) && !DATA.contains(&ty)
}

fn variant_pattern(pat: &syn::Pat) -> Option<(String, Vec<(String, String)>)> {
    let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
    match pat {
        syn::Pat::Path(p) => Some((last(&p.path)?, Vec::new())),
        syn::Pat::Ident(p) if p.subpat.is_none() => {
            // A unit variant written bare (`Users`) looks like a binding; accept capitalized ones.
            let name = p.ident.to_string();
            name.chars()
                .next()?
                .is_uppercase()
                .then_some((name, Vec::new()))
        }
        syn::Pat::TupleStruct(t) => {
            let bindings = t
                .elems
                .iter()
                .enumerate()
                .filter_map(|(i, e)| bound_ident(e).map(|name| (name, i.to_string())))
                .collect();
            Some((last(&t.path)?, bindings))
        }
        syn::Pat::Struct(s) => {
            let bindings = s
                .fields
                .iter()
                .filter_map(|f| {
                    let key = match &f.member {
                        syn::Member::Named(name) => name.to_string(),
                        syn::Member::Unnamed(index) => index.index.to_string(),
                    };
                    bound_ident(&f.pat).map(|name| (name, key))
                })
                .collect();
            Some((last(&s.path)?, bindings))
        }
        _ => None,
    }
}

/// The names an arm binds to parts of its variant, also through `A(x) | B(x)` when every
/// alternative binds them alike.
fn arm_bindings(pat: &syn::Pat) -> Option<Vec<(String, String)>> {
    match pat {
        syn::Pat::Or(or) => {
            let mut alternatives = or.cases.iter().map(arm_bindings);
            let first = alternatives.next()??;
            alternatives
                .all(|other| other.as_ref() == Some(&first))
                .then_some(first)
        }
        syn::Pat::Reference(r) => arm_bindings(&r.pat),
        _ => variant_pattern(pat).map(|(_, bindings)| bindings),
    }
}

/// The method an arm's variant is named for: `RequestType::Post`, `Verb::Get { .. }`.
fn variant_method(pat: &syn::Pat) -> Option<crate::spec::Method> {
    let path = match pat {
        syn::Pat::Path(p) => &p.path,
        syn::Pat::TupleStruct(t) => &t.path,
        syn::Pat::Struct(s) => &s.path,
        syn::Pat::Reference(r) => return variant_method(&r.pat),
        _ => return None,
    };
    // (A variant: `Type::Post`; a lone `Post` might be a binding.)
    if path.segments.len() < 2 {
        return None;
    }
    crate::spec::Method::parse(&path.segments.last()?.ident.to_string())
}

/// `Ok(x)`, `Some(x)`: the name bound to the value inside.
fn unwrapped_binding(pat: &syn::Pat) -> Option<String> {
    let syn::Pat::TupleStruct(tuple) = pat else {
        return None;
    };
    let wrapper = tuple.path.get_ident()?;
    if (wrapper != "Ok" && wrapper != "Some") || tuple.elems.len() != 1 {
        return None;
    }
    match tuple.elems.first()? {
        syn::Pat::Ident(ident) if ident.subpat.is_none() => Some(ident.ident.to_string()),
        _ => None,
    }
}

/// Source text on one line, with each run of whitespace one space, none around a `.` (most
/// expressions already are, and are copied as they are).
fn squeezed(text: &str) -> String {
    let plain = !text.contains(['\n', '\r', '\t']) && !text.contains("  ");
    if plain && text.trim().len() == text.len() {
        return text.to_string();
    }
    // Whitespace goes to one space, and none around a `.` or before a `?` (a chain written
    // over several lines, `self\n    .base_url`, reads `self.base_url`).
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joined = out.ends_with('.') || word.starts_with(['.', '?']);
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The block a `let` is given, when it is a plain block of several statements (`let url = {
/// let ep = ..; Url::parse(&ep)? };`), not a map, a `json!` or a `let .. else`.
fn valued_block(local: &syn::Local) -> Option<&syn::Block> {
    let init = local.init.as_ref().filter(|init| init.diverge.is_none())?;
    match &*init.expr {
        Expr::Block(b) if b.label.is_none() && b.block.stmts.len() > 1 => Some(&b.block),
        _ => None,
    }
}

/// `let mut x`, `let mut x: T`.
fn is_mut(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Ident(ident) => ident.mutability.is_some(),
        syn::Pat::Type(typed) => is_mut(&typed.pat),
        _ => false,
    }
}

fn bound_ident(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(p) => Some(p.ident.to_string()),
        syn::Pat::Type(t) => bound_ident(&t.pat),
        _ => None,
    }
}

/// The tuple each arm of a `match` (or each branch of an `if`) gives, when every arm gives a
/// tuple of the same length: `match r { A => (Method::POST, "a"), B => (Method::GET, "b") }`.
pub(super) fn tuple_arms(choice: &Expr) -> Option<Vec<&syn::ExprTuple>> {
    const MAX_ARMS: usize = 12;
    let bodies: Vec<&Expr> = match eval::peel(choice) {
        Expr::Match(m) => m.arms.iter().map(|arm| &*arm.body).collect(),
        Expr::If(branch) => {
            let (then, otherwise, _) = eval::if_values(branch)?;
            vec![then, otherwise]
        }
        _ => return None,
    };
    if bodies.len() < 2 || bodies.len() > MAX_ARMS {
        return None;
    }
    let tuples: Vec<&syn::ExprTuple> = bodies
        .into_iter()
        .map(|body| match block_value(body) {
            Expr::Tuple(tuple) => Some(tuple),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let len = tuples[0].elems.len();
    tuples
        .iter()
        .all(|t| t.elems.len() == len)
        .then_some(tuples)
}

/// `#[cfg(test)]`, `#[test]`, `#[tokio::test]`: test code is not the client.
pub(super) fn is_test_code(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path.is_ident("cfg") {
            return attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|predicate| cfg_requires_test(&predicate));
        }
        path.segments.last().is_some_and(|s| s.ident == "test")
    })
}

/// `test`, `all(test, …)`, `all(all(test), …)`: code compiled only for tests. (`any(test, …)`
/// and `not(test)` may be compiled otherwise, so they are not.)
fn cfg_requires_test(predicate: &syn::Meta) -> bool {
    match predicate {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) if list.path.is_ident("all") => list
            .parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|items| items.iter().any(cfg_requires_test)),
        _ => false,
    }
}

/// String `const`s and `static`s at any depth of the file, as `(name, text)`, in file order.
/// Names with the text given them: consts and statics, or fields of tables of paths.
type NamedTexts = Vec<(String, String)>;

/// The string consts and statics of a file, and the fields of its tables of paths (see
/// `FileFacts::table_fields`).
fn collect_consts(file: &syn::File) -> (NamedTexts, NamedTexts) {
    struct Consts {
        out: Vec<(String, String)>,
        /// Fields declared `&'static str`, by struct: (struct, field).
        static_str_fields: HashSet<(String, String)>,
        /// String literals given to fields in struct literals: (struct, field, text).
        field_literals: Vec<(String, String, String)>,
        /// Inside a trait impl, whose consts are read per type (`FileFacts::assoc_consts`).
        in_trait_impl: bool,
        /// Consts made of other consts (`concatcp!(BASE, "/stacks")`, `= OTHER;`).
        composed: Vec<(String, Vec<ConstPart>)>,
    }
    impl Consts {
        fn add(&mut self, name: &syn::Ident, expr: &Expr) {
            let expr = lazy_value(expr);
            if let Some(text) = string_literal(expr) {
                self.out.push((name.to_string(), text));
            } else if let Some(parts) = const_parts(expr) {
                self.composed.push((name.to_string(), parts));
            }
        }
    }
    impl<'ast> Visit<'ast> for Consts {
        // A test's `const BASE` must not make the client's `BASE` ambiguous.
        fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
            if !is_test_code(&node.attrs) {
                visit::visit_item_mod(self, node);
            }
        }
        fn visit_item_const(&mut self, node: &'ast syn::ItemConst) {
            self.add(&node.ident, &node.expr);
        }
        fn visit_item_static(&mut self, node: &'ast syn::ItemStatic) {
            self.add(&node.ident, &node.expr);
        }
        // `lazy_static! { static ref STATIONS_URL: String = format!("{API_URL_BASE}/stations"); }`
        fn visit_item_macro(&mut self, node: &'ast syn::ItemMacro) {
            if node
                .mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "lazy_static")
            {
                if let Ok(statics) = node.mac.parse_body_with(lazy_statics) {
                    for (name, expr) in &statics {
                        self.add(name, expr);
                    }
                }
            }
            visit::visit_item_macro(self, node);
        }
        // A trait impl's consts (`const PATH` of each `impl ApiRequest for ..`) are read per
        // type (`FileFacts::assoc_consts`), not as one crate-wide name; what its methods hold
        // (a table of paths filled in `impl Default`) is read as anywhere else.
        fn visit_item_impl(&mut self, node: &'ast syn::ItemImpl) {
            let saved = std::mem::replace(&mut self.in_trait_impl, node.trait_.is_some());
            visit::visit_item_impl(self, node);
            self.in_trait_impl = saved;
        }
        fn visit_impl_item_const(&mut self, node: &'ast syn::ImplItemConst) {
            if !self.in_trait_impl {
                self.add(&node.ident, &node.expr);
            }
        }
        // A table of paths kept as a struct of `&'static str` fields, filled in one
        // constructor (`VodUrls { assets: "/api/asset", .. }`).
        fn visit_item_struct(&mut self, node: &'ast syn::ItemStruct) {
            for field in &node.fields {
                let is_static_str = matches!(&field.ty, syn::Type::Reference(r)
                    if r.lifetime.as_ref().is_some_and(|l| l.ident == "static")
                        && matches!(&*r.elem, syn::Type::Path(p) if p.path.is_ident("str")));
                if let (true, Some(name)) = (is_static_str, &field.ident) {
                    self.static_str_fields
                        .insert((node.ident.to_string(), name.to_string()));
                }
            }
            visit::visit_item_struct(self, node);
        }
        fn visit_expr_struct(&mut self, node: &'ast syn::ExprStruct) {
            if let Some(ty) = node.path.segments.last() {
                for field in &node.fields {
                    if let (syn::Member::Named(name), Some(text)) =
                        (&field.member, string_literal(&field.expr))
                    {
                        self.field_literals
                            .push((ty.ident.to_string(), name.to_string(), text));
                    }
                }
            }
            visit::visit_expr_struct(self, node);
        }
    }
    let mut consts = Consts {
        out: Vec::new(),
        static_str_fields: HashSet::new(),
        field_literals: Vec::new(),
        in_trait_impl: false,
        composed: Vec::new(),
    };
    consts.visit_file(file);
    let Consts {
        mut out,
        static_str_fields,
        field_literals,
        composed,
        ..
    } = consts;
    compose_consts(&mut out, composed);
    let table_fields = field_literals
        .into_iter()
        .filter(|(ty, field, _)| static_str_fields.contains(&(ty.clone(), field.clone())))
        .map(|(_, field, text)| (field, text))
        .collect();
    (out, table_fields)
}

/// `#[cfg(..)]` (not `#[cfg(test)]`, which marks test code).
fn is_cfg_gated(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg")) && !is_test_code(attrs)
}

/// A type of an HTTP library's client: `surf::Client`, `reqwest::blocking::Client`,
/// `ureq::Agent`, also in an `Arc`, `Rc` or `Box`.
fn library_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(r) => library_type(&r.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let segments = &p.path.segments;
            match (segments.first(), segments.last()) {
                // `surf::Client`, `reqwest::blocking::Client`, `ureq::Agent` (not
                // `reqwest::header::HeaderMap`)
                (Some(first), Some(last)) if segments.len() >= 2 => {
                    (ident_in(&first.ident, requests::HTTP_CRATES) || first.ident == "hyper")
                        && requests::looks_like_client(&last.ident.to_string())
                }
                // `Arc<reqwest::Client>` (not `HashMap<String, reqwest::Client>`)
                (Some(only), _) if ident_in(&only.ident, &["Arc", "Rc", "Box"]) => {
                    match &only.arguments {
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().any(|arg| {
                                matches!(arg, syn::GenericArgument::Type(inner) if library_type(inner))
                            })
                        }
                        _ => false,
                    }
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The fields of the file's structs declared with an HTTP library's type (`inner:
/// surf::Client`, `http: reqwest::blocking::Client`, `agent: Arc<ureq::Agent>`).
fn client_fields(file: &syn::File) -> HashSet<(String, String)> {
    fn walk(items: &[syn::Item], out: &mut HashSet<(String, String)>) {
        for item in items {
            match item {
                syn::Item::Struct(node) => {
                    for field in &node.fields {
                        if let (Some(name), true) = (&field.ident, library_type(&field.ty)) {
                            out.insert((node.ident.to_string(), name.to_string()));
                        }
                    }
                }
                syn::Item::Mod(module) => {
                    if let Some((_, items)) = &module.content {
                        walk(items, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = HashSet::new();
    walk(&file.items, &mut out);
    out
}

/// A piece of a const made of others: text, or the name of a const (its last segment).
enum ConstPart {
    Text(String),
    Name(String),
}

/// `OTHER`, `concatcp!(BASE, "/stacks")` (const_format, also `concat!`), `formatcp!("{BASE}/x")`:
/// the pieces of a const made of other consts.
/// What a lazily made static holds: the closure's value of `Lazy::new(|| ..)` (once_cell,
/// `std::sync::LazyLock`), under `.to_string()` and the like; other values as they are.
fn lazy_value(expr: &Expr) -> &Expr {
    let expr = match expr {
        Expr::Call(call) if call.args.len() == 1 => {
            let is_lazy_new = matches!(&*call.func, Expr::Path(p) if {
                let names: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                names.len() >= 2
                    && names[names.len() - 1] == "new"
                    && ["Lazy", "LazyLock", "LazyCell"].contains(&names[names.len() - 2].as_str())
            });
            match &call.args[0] {
                Expr::Closure(closure) if is_lazy_new => block_value(&closure.body),
                _ => expr,
            }
        }
        _ => expr,
    };
    owned_string(expr)
}

/// The value of `{ expr }` (a block of one expression), or the expression itself.
fn block_value(expr: &Expr) -> &Expr {
    match expr {
        Expr::Block(block) => block_tail(&block.block).map_or(expr, block_value),
        _ => expr,
    }
}

/// The one expression a block is made of (`{ format!(..) }`).
pub(super) fn block_tail(block: &syn::Block) -> Option<&Expr> {
    match block.stmts.as_slice() {
        [syn::Stmt::Expr(expr, None)] => Some(expr),
        _ => None,
    }
}

/// The string under `.to_string()`, `.to_owned()`, `.into()` and `String::from(..)`.
fn owned_string(expr: &Expr) -> &Expr {
    match expr {
        Expr::MethodCall(m)
            if m.args.is_empty()
                && ["to_string", "to_owned", "into"]
                    .iter()
                    .any(|n| m.method == n) =>
        {
            owned_string(&m.receiver)
        }
        Expr::Call(call)
            if call.args.len() == 1
                && matches!(&*call.func, Expr::Path(p) if p.path.segments.len() == 2
                    && p.path.segments[0].ident == "String" && p.path.segments[1].ident == "from") =>
        {
            owned_string(&call.args[0])
        }
        _ => expr,
    }
}

/// The statics of a `lazy_static!` body: `[pub] static ref NAME: Type = value;`, each with its
/// attributes.
fn lazy_statics(input: syn::parse::ParseStream) -> syn::Result<Vec<(syn::Ident, Expr)>> {
    let mut statics = Vec::new();
    while !input.is_empty() {
        input.call(syn::Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        input.parse::<Token![static]>()?;
        input.parse::<Token![ref]>()?;
        let name: syn::Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        input.parse::<syn::Type>()?;
        input.parse::<Token![=]>()?;
        let value: Expr = input.parse()?;
        input.parse::<Token![;]>()?;
        statics.push((name, value));
    }
    Ok(statics)
}

fn const_parts(expr: &Expr) -> Option<Vec<ConstPart>> {
    let part = |expr: &Expr| match expr {
        Expr::Lit(syn::ExprLit { lit, .. }) => match lit {
            syn::Lit::Str(s) => Some(ConstPart::Text(s.value())),
            syn::Lit::Int(i) => Some(ConstPart::Text(i.base10_digits().to_string())),
            _ => None,
        },
        Expr::Path(p) => Some(ConstPart::Name(p.path.segments.last()?.ident.to_string())),
        _ => None,
    };
    match expr {
        Expr::Path(_) => Some(vec![part(expr)?]),
        Expr::Macro(mac) => {
            let name = mac.mac.path.segments.last()?.ident.to_string();
            let args = mac
                .mac
                .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
                .ok()?;
            match name.as_str() {
                "concatcp" | "concat" => args.iter().map(part).collect(),
                // (`format!` in a lazily made static: see `lazy_value`.)
                "formatcp" | "format" => {
                    let format = string_literal(args.first()?)?;
                    let positional: Vec<&Expr> = args.iter().skip(1).collect();
                    crate::source::fmt::parse(&format)?
                        .into_iter()
                        .map(|piece| match piece {
                            crate::source::fmt::FmtPiece::Text(t) => Some(ConstPart::Text(t)),
                            crate::source::fmt::FmtPiece::Arg(placeholder) => {
                                match placeholder.arg {
                                    crate::source::fmt::ArgRef::Name(name) => {
                                        Some(ConstPart::Name(name))
                                    }
                                    crate::source::fmt::ArgRef::Next(i)
                                    | crate::source::fmt::ArgRef::Index(i) => {
                                        part(positional.get(i)?)
                                    }
                                }
                            }
                        })
                        .collect()
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Add to `known` every const of `composed` whose parts are known, in as many rounds as the
/// chain of consts needs (`ENDPOINT_STACKS_UPDATE = ENDPOINT_STACKS_INSPECT`, itself
/// `concatcp!(ENDPOINT_STACKS, "/{id}")`). A name with two values is not used.
fn compose_consts(known: &mut NamedTexts, mut composed: Vec<(String, Vec<ConstPart>)>) {
    let mut values: HashMap<String, Option<String>> = HashMap::new();
    for (name, text) in known.iter() {
        let entry = values.entry(name.clone()).or_insert(Some(text.clone()));
        if entry.as_deref() != Some(text.as_str()) {
            *entry = None;
        }
    }
    loop {
        let before = composed.len();
        composed.retain(|(name, parts)| {
            let text: Option<String> = parts
                .iter()
                .map(|part| match part {
                    ConstPart::Text(text) => Some(text.clone()),
                    ConstPart::Name(other) => values.get(other).cloned().flatten(),
                })
                .collect();
            match text {
                Some(text) => {
                    values.insert(name.clone(), Some(text.clone()));
                    known.push((name.clone(), text));
                    false
                }
                None => true,
            }
        });
        if composed.is_empty() || composed.len() == before {
            break;
        }
    }
}

/// The consts a name in this file can be read from: those whose name has one value only
/// (`mod v1 { const ROOT }` and `mod v2 { const ROOT }` leave `ROOT` unknown).
fn unique_consts(all: &[(String, String)]) -> HashMap<String, UrlValue> {
    let mut values: HashMap<&str, Option<&str>> = HashMap::new();
    for (name, text) in all {
        values
            .entry(name)
            .and_modify(|v| {
                if *v != Some(text.as_str()) {
                    *v = None;
                }
            })
            .or_insert(Some(text));
    }
    values
        .into_iter()
        .filter_map(|(name, text)| Some((name.to_string(), UrlValue::text(text?, false))))
        .collect()
}

/// A field named for the path of a request (`path`, `endpoint`, `route`), not for a base URL
/// a client is configured with (`base_url`, `url`).
fn stores_a_path(field: &str) -> bool {
    let field = field.to_ascii_lowercase();
    ["path", "endpoint", "route"]
        .iter()
        .any(|word| field.contains(word))
        && !field.contains("base")
}

/// `self`, `self.options`, `self.builder.options`: a place in the value the method is called on.
fn rooted_at_self(expr: &Expr) -> bool {
    match expr {
        Expr::Path(p) => p.path.is_ident("self"),
        Expr::Field(f) => rooted_at_self(&f.base),
        _ => false,
    }
}

/// `http_req::request::get(url, &mut writer)` (or `request::post(url, body, &mut writer)`
/// in a file that names `http_req`, as `use http_req::request` does): the `http_req` crate's
/// one-call requests, which write the response into the buffer given last. (The file's text
/// is searched only for a call that looks like one.)
fn is_http_req(
    segments: &[String],
    call: &syn::ExprCall,
    file_names_http_req: impl FnOnce() -> bool,
) -> bool {
    let writes_into_a_buffer = matches!(call.args.last(),
        Some(Expr::Reference(r)) if r.mutability.is_some());
    match segments {
        [.., krate, module, _] if krate == "http_req" => module == "request",
        [module, _] => {
            module == "request"
                && call.args.len() >= 2
                && writes_into_a_buffer
                && file_names_http_req()
        }
        _ => false,
    }
}
