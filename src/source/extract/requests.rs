//! Recognising requests: which calls send one, with what method, query and body.

use super::eval::{ident_in, is_self, plain_ident, string_literal};
use super::{Binding, Extractor};
use crate::source::facts::{ArgBody, ArgValue, CallSite, Callee, MethodSource};
use crate::source::url::{Hole, Origin, Piece, UrlValue};
use crate::source::{Body, BodyKind, HttpCall};
use crate::spec::Method;
use proc_macro2::{Span, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Token};

/// A call's arguments as one arm of a `match` gives them, with where that arm gives them (see
/// `tuple_choice`).
type ArmArgs = (Vec<ArgValue>, Option<(usize, usize)>);

/// Methods named after an HTTP verb that take the URL as their only argument.
pub(crate) fn verb_method(name: &str) -> Option<Method> {
    match name {
        "get" => Some(Method::Get),
        "post" => Some(Method::Post),
        "put" => Some(Method::Put),
        "patch" => Some(Method::Patch),
        "delete" => Some(Method::Delete),
        "head" => Some(Method::Head),
        _ => None,
    }
}

/// Chain links after the verb that only an HTTP request builder has: their presence makes an
/// ambiguous `.get(x)` an HTTP call rather than a map lookup.
pub(super) const REQUEST_BUILDER_LINKS: &[&str] = &[
    "send",
    "call",
    "header",
    "headers",
    "bearer_auth",
    "basic_auth",
    "json",
    "form",
    "query",
    "body",
    "multipart",
    "timeout",
    "send_json",
    "send_string",
    "send_form",
    "send_bytes",
    "set",
    "version",
];

/// A receiver with a name that says "HTTP client": `self.http`, `self.client`,
/// `reqwest::Client::new()`, `agent`, `api_client`, but not `user_agent` or `session`.
pub(crate) fn looks_like_client(receiver: &str) -> bool {
    receiver
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(str::to_ascii_lowercase)
        .any(|name| {
            name.ends_with("client")
                || name.starts_with("http_")
                || name.ends_with("_http")
                || matches!(
                    name.as_str(),
                    "http"
                        | "https"
                        | "agent"
                        | "reqwest"
                        | "ureq"
                        | "surf"
                        | "isahc"
                        | "awc"
                        | "minreq"
                        | "attohttpc"
                )
        })
}

/// Crates (and types) whose associated functions `get(url)`, `post(url)` … send a request
/// (`reqwest::get`, `ureq::post`, `isahc::Request::put`).
pub(super) const HTTP_CRATES: &[&str] = &[
    "Request",
    "reqwest",
    "ureq",
    "surf",
    "isahc",
    "attohttpc",
    "minreq",
    "blocking",
];

/// One link of a method chain: `.name(args)`.
pub(super) struct Link<'e> {
    name: &'e syn::Ident,
    /// `name` as text, made once: every link is compared with many names.
    pub(super) word: String,
    args: &'e Punctuated<Expr, Token![,]>,
    receiver: &'e Expr,
}

impl<'a> Extractor<'a> {
    /// Look at a whole method chain once, from its outermost link.
    pub(super) fn visit_chain(&mut self, top: &'a syn::ExprMethodCall) {
        let mut links: Vec<Link<'a>> = Vec::new();
        let mut current: &'a Expr = &top.receiver;
        links.push(Link {
            name: &top.method,
            word: top.method.to_string(),
            args: &top.args,
            receiver: &top.receiver,
        });
        loop {
            match current {
                Expr::MethodCall(call) => {
                    links.push(Link {
                        name: &call.method,
                        word: call.method.to_string(),
                        args: &call.args,
                        receiver: &call.receiver,
                    });
                    current = &call.receiver;
                }
                Expr::Await(a) => current = &a.base,
                Expr::Try(t) => current = &t.expr,
                _ => break,
            }
        }
        links.reverse(); // innermost first, in call order
        if links.iter().any(|l| l.name == "default_headers") {
            self.facts.default_headers = true;
        }
        // `http::Request::builder().method(m).uri(url)` (hyper, http): the request is built
        // link by link; it is recorded at `uri`.
        let method_link = links
            .iter()
            .find(|l| l.name == "method" && l.args.len() == 1)
            .and_then(|l| l.args.first());
        let is_builder = matches!(current, Expr::Call(call) if matches!(&*call.func,
            Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "builder")));
        // `Request::new(&mut self.handle, method).uri(url)` (curl's old `http` module): the
        // method is given to the constructor.
        let method_link = method_link.or_else(|| method_given_to_new(current));
        for (i, link) in links.iter().enumerate() {
            // What the chain does with the request after this link; made only when needed (most
            // links are no request), and once.
            let later_links = std::cell::OnceCell::new();
            let later = || later_links.get_or_init(|| request_links(&links[i + 1..]));
            // A crate's own request builder made here and built at the end
            // (`ClientBuilder::new()?.method(GET)?.path(CLIPS_PATH)?.header(..)?.build()?`,
            // d-id): its `path` is the request's.
            let builds_a_request = link.name == "path"
                && method_link.is_some()
                && (matches!(current, Expr::Call(_)) || self.holds_a_new_value(current))
                && links
                    .last()
                    .is_some_and(|l| l.name == "build" && l.args.is_empty());
            if (link.name == "uri" || builds_a_request)
                && link.args.len() == 1
                && (is_builder || method_link.is_some())
            {
                let finished = links.iter().any(|l| l.name == "body");
                let method = match method_link {
                    Some(expr) => {
                        method_value(expr).map_or(MethodArg::Expr(expr), MethodArg::Known)
                    }
                    // A builder made into a request without `.method(..)` sends GET; one left
                    // unfinished (a helper returns it) is given its method by the caller.
                    None if finished => MethodArg::Known(Method::Get),
                    None => MethodArg::Later,
                };
                if let Some(url) = link.args.first() {
                    self.record_trusted(method, link.name.span(), url, later());
                }
            }
            if let Some((method, url_arg)) = request_of(link) {
                if link.word.starts_with("request") && matches!(method, MethodArg::Known(_)) {
                    // `x.request(Method::GET, url, ..)`: the method value says it all.
                    self.record_trusted(method, link.name.span(), url_arg, later());
                } else {
                    self.record(method, link.name.span(), url_arg, link.receiver, later());
                }
            }
            // Any call with string arguments may go through a wrapper of the crate.
            if !link.args.is_empty() {
                let receiver = link.receiver;
                let on_self = self.is_self_value(receiver);
                self.call_site_on(
                    (!on_self).then_some(receiver),
                    |this| Callee {
                        name: link.word.clone(),
                        owner: if on_self { this.self_type() } else { None },
                        on_self,
                        receiver: Some(this.text_of(receiver)),
                        on_value: false,
                        receiver_type: None,
                    },
                    link.name.span(),
                    link.args.iter(),
                    || shape_of(later()),
                );
            }
        }
        // `b.query(..)` on a variable holding a request: added to that request.
        self.add_to_held(current, &links);
        for link in &links {
            for arg in link.args {
                self.visit_expr(arg);
            }
        }
        // `isahc::Request::post(url).header(..).body(..)`: the request the chain starts with,
        // shaped by the chain (and not recorded again when the call itself is visited).
        if let Expr::Call(call) = current {
            if let Some((method, url)) = crate_request(call) {
                let span = match &*call.func {
                    Expr::Path(p) => p.path.segments.last().map_or(p.span(), |s| s.ident.span()),
                    other => other.span(),
                };
                self.record_trusted(MethodArg::Known(method), span, url, &request_links(&links));
                self.chain_start = Some(call as *const syn::ExprCall);
            }
        }
        self.visit_expr(current);
    }

    /// Record a call of some function whose arguments are worth following.
    pub(super) fn call_site<'e>(
        &mut self,
        callee: impl FnOnce(&Self) -> Callee,
        span: Span,
        args: impl Iterator<Item = &'e Expr>,
        shape: impl FnOnce() -> Shape,
    ) {
        self.call_site_on(None, callee, span, args, shape);
    }

    /// `call_site` of a method called on `receiver` (not `self`).
    pub(super) fn call_site_on<'e>(
        &mut self,
        receiver: Option<&Expr>,
        callee: impl FnOnce(&Self) -> Callee,
        span: Span,
        args: impl Iterator<Item = &'e Expr>,
        shape: impl FnOnce() -> Shape,
    ) {
        let exprs: Vec<&Expr> = args.collect();
        let args: Vec<_> = exprs.iter().map(|a| self.arg_value(a)).collect();
        // A value made by a call of the crate (a route constructor, maybe): linking says.
        let receiver_value = receiver
            .filter(|r| matches!(super::eval::peel(r), Expr::Path(_) | Expr::Call(_)))
            .map(|r| self.arg_value(r))
            .filter(|value| match value {
                // `Endpoint::app_info(id)`: a type's function, not a plain constructor
                // (`Vec::new()`, whose `push` calls are many and of no interest).
                ArgValue::Text(text) => matches!(
                    text.pieces.as_slice(),
                    [Piece::Hole(Hole { origin: Origin::Call(call), .. })]
                        if call.0.owner.is_some()
                            && !call.0.on_self
                            && !matches!(call.0.name.as_str(), "new" | "default" | "with_capacity" | "from")
                ),
                _ => false,
            });
        let choice = self.path_choice(&exprs, &args);
        let tupled = self.tuple_choice(&exprs, &args);
        let callee = if receiver_value.is_some()
            || choice.is_some()
            || tupled.is_some()
            || args.iter().any(|a| a.is_interesting())
        {
            callee(self)
        } else if args.first().is_some_and(is_word) {
            // `self.api.http_post("pins.add", req)`: a relative path given to a wrapper named
            // after its method.
            // Also `self.client.query_public("Time", ..)`: a word given to a method of the
            // client (or of `self`) that reads as sending something.
            // Also `self.orders("orders", payload)`: a word given to a method of `self`,
            // which linking follows only when that method is a wrapper of the crate.
            // Also `Ergast::fetch("seasons", params)` in `impl Ergast`: a word given to a
            // function of the type being implemented.
            let callee = callee(self);
            let to_a_client =
                callee.on_self || callee.receiver.as_deref().is_some_and(looks_like_client);
            let own_function = callee.receiver.is_none()
                && (callee.on_self || callee.owner.is_some() && callee.owner == self.self_type());
            let worth_following = crate::source::infer::method_from_name(&callee.name).is_some()
                || (to_a_client && sends_something(&callee.name))
                || (callee.on_self && callee.receiver.is_some())
                || own_function;
            if !worth_following {
                return;
            }
            callee
        } else {
            return;
        };
        let site = self.site(span);
        let (line, column) = self.written_at(&site, &exprs, None);
        let mut shape = shape();
        self.complete(&mut shape);
        let Shape { query, body, .. } = shape;
        let arg_bodies: Vec<_> = exprs.iter().map(|a| self.arg_body(a)).collect();
        // Each with where it is reported: an arm's tuple where the arm gives it.
        let alternatives: Vec<(Vec<ArgValue>, (usize, usize))> = match choice {
            _ if tupled.is_some() => tupled
                .unwrap_or_default()
                .into_iter()
                .map(|(args, at)| (args, at.unwrap_or((line, column))))
                .collect(),
            Some((i, paths)) => paths
                .into_iter()
                .map(|path| {
                    let mut args = args.clone();
                    args[i] = ArgValue::Text(path);
                    (args, (line, column))
                })
                .collect(),
            None => vec![(args, (line, column))],
        };
        for (alternative, (args, (line, column))) in alternatives.into_iter().enumerate() {
            self.push_call_site(CallSite {
                receiver_value: receiver_value.clone(),
                callee: callee.clone(),
                args,
                file: self.path.to_string(),
                line,
                column,
                range_start: site.range.start,
                query: query.clone(),
                body: body.clone(),
                arg_bodies: arg_bodies.clone(),
                alternative,
            });
        }
    }

    /// Arguments that are items of the tuple one `match` gives (`let (method, endpoint, body)
    /// = match request { .. => (Method::POST, "capture".to_string(), body), .. };
    /// self.send_request(method, endpoint, body)`, hedgehog-rs): the arguments of each arm
    /// whose items give a path, in the order written, each with where its tuple is written
    /// (outside a macro's expansion). Arms that give none (a runtime `endpoint` handed
    /// through) are left out.
    fn tuple_choice(&self, exprs: &[&Expr], args: &[ArgValue]) -> Option<Vec<ArmArgs>> {
        let items: Vec<(usize, &Expr, usize)> = exprs
            .iter()
            .enumerate()
            .filter_map(|(i, expr)| match self.local_binding(expr)? {
                Binding::Element(choice, item) => Some((i, *choice, *item)),
                _ => None,
            })
            .collect();
        let (_, choice, _) = *items.first()?;
        let arms = super::tuple_arms(choice)?;
        let alternatives: Vec<_> = arms
            .iter()
            .filter_map(|arm| {
                let mut args = args.to_vec();
                let mut gives_a_path = false;
                for &(i, of, item) in &items {
                    if !std::ptr::eq(of, choice) {
                        continue;
                    }
                    let element = arm.elems.iter().nth(item)?;
                    args[i] = match method_value(element) {
                        Some(method) => ArgValue::Method(method),
                        None => self.arg_value(element),
                    };
                    gives_a_path |= matches!(&args[i], ArgValue::Text(value)
                        if value.pieces.iter().any(|p| matches!(p, Piece::Text { .. })));
                }
                let start = arm.elems.first().map_or(arm.span(), |e| e.span()).start();
                let at = self
                    .expansion
                    .is_none()
                    .then_some((start.line, start.column + 1));
                gives_a_path.then_some((args, at))
            })
            .collect();
        (!alternatives.is_empty()).then_some(alternatives)
    }

    /// An argument that is one of several paths (a `match` or an `if` bound to a name, which
    /// reads as no one value): which one, and its paths. The call is a site per path.
    fn path_choice(&self, exprs: &[&Expr], args: &[ArgValue]) -> Option<(usize, Vec<UrlValue>)> {
        exprs
            .iter()
            .zip(args)
            .enumerate()
            .find_map(|(i, (expr, arg))| {
                let unread = match arg {
                    ArgValue::Opaque => true,
                    ArgValue::Text(value) => is_unread(value),
                    _ => false,
                };
                unread
                    .then(|| self.url_alternatives(expr))
                    .flatten()
                    .map(|paths| (i, paths))
            })
    }

    /// Record a request known to be one (a builder, `Request::get(url)`): no evidence needed.
    pub(super) fn record_trusted(
        &mut self,
        method: MethodArg<'_>,
        span: Span,
        url_arg: &Expr,
        later: &[&Link<'_>],
    ) {
        let url = self.url_of(url_arg);
        self.push_each(method, span, url, url_arg, later);
    }

    pub(super) fn record(
        &mut self,
        method: MethodArg<'_>,
        verb_span: Span,
        url_arg: &Expr,
        receiver: &Expr,
        later: &[&Link<'_>],
    ) {
        // `..send().await?.headers().get("X-Id")`: a lookup in what a request returned.
        if is_a_response(receiver) {
            return;
        }
        let url = self.url_of(url_arg);
        // `.get(x)` is also a map lookup: it counts as a request only with evidence, a request
        // builder method after it, a receiver named like an HTTP client, or an absolute URL.
        let builder = later
            .iter()
            .any(|l| REQUEST_BUILDER_LINKS.contains(&l.word.as_str()));
        if !builder
            && !looks_like_client(&self.text_of(receiver))
            && !is_absolute(&url)
            && !self.is_client_field(receiver)
        {
            return;
        }
        self.push_each(method, verb_span, url, url_arg, later);
    }

    /// `push`, once per path when the URL is a name bound to one of several (see
    /// `url_alternatives`).
    fn push_each(
        &mut self,
        method: MethodArg<'_>,
        span: Span,
        url: UrlValue,
        url_arg: &Expr,
        later: &[&Link<'_>],
    ) {
        let paths = match is_unread(&url) {
            true => self.url_alternatives(url_arg),
            false => self.queried_alternatives(&url),
        };
        match paths {
            Some(paths) => {
                for path in paths {
                    self.push(method, span, path, url_arg, later);
                }
            }
            None => self.push(method, span, url, url_arg, later),
        }
    }

    /// An argument as a body a wrapper may send: a `json!` literal's keys, a known struct, a
    /// map built here, or a parameter of this fn (followed to its callers).
    fn arg_body(&self, arg: &Expr) -> Option<ArgBody> {
        if let Some(object) = json_object(arg) {
            let (keys, key_sites) = self.keys_at(&object.keys);
            return Some(ArgBody {
                keys: Some(keys),
                key_sites,
                nested: self.nested_at(&object.nested),
                ..ArgBody::default()
            });
        }
        if matches!(super::eval::peel(arg), Expr::Tuple(t) if t.elems.is_empty()) {
            return Some(ArgBody {
                unit: true,
                ..ArgBody::default()
            });
        }
        // `Method::Post(query)`, `Verb::Post { body }`: the payload's parts.
        let parts: Vec<(String, ArgBody)> = match super::eval::peel(arg) {
            Expr::Call(call) if is_variant_path(&call.func) => call
                .args
                .iter()
                .enumerate()
                .filter_map(|(i, a)| Some((i.to_string(), self.arg_body(a)?)))
                .collect(),
            Expr::Struct(s) if s.path.segments.len() >= 2 => s
                .fields
                .iter()
                .filter_map(|f| match &f.member {
                    syn::Member::Named(name) => Some((name.to_string(), self.arg_body(&f.expr)?)),
                    syn::Member::Unnamed(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        if !parts.is_empty() {
            return Some(ArgBody {
                parts,
                ..ArgBody::default()
            });
        }
        let named = json_value_name(arg)?;
        let body = match self.binding_of(&named) {
            Some(super::Binding::Map(keys)) => {
                let (keys, key_sites) = self.keys_at(keys);
                ArgBody {
                    keys: Some(keys),
                    key_sites,
                    ..ArgBody::default()
                }
            }
            // Of a known type, it is that struct; else the caller's callers say.
            Some(super::Binding::Param(index)) => {
                let type_name = self.struct_named(&named);
                ArgBody {
                    from_param: type_name.is_none().then(|| (*index, Vec::new())),
                    type_name,
                    ..ArgBody::default()
                }
            }
            Some(super::Binding::ParamPart(index, part)) => ArgBody {
                from_param: Some((*index, vec![part.clone()])),
                ..ArgBody::default()
            },
            // `let body = json!({..}); self.post(path, &body)`.
            Some(super::Binding::Json(init)) => return self.arg_body(init),
            _ => ArgBody {
                type_name: Some(self.struct_named(&named)?),
                ..ArgBody::default()
            },
        };
        Some(body)
    }

    /// The keys of the pairs a `let` bound `arg` to (`let q = vec![("type", t)]`).
    fn pairs_bound_to(&self, arg: &JsonArg) -> Option<Vec<String>> {
        match self.binding_of(arg)? {
            super::Binding::Pairs(init) => query_pairs(init),
            _ => None,
        }
    }

    /// What a `.json(..)` argument that names a variable is bound to here.
    fn binding_of(&self, named: &JsonArg) -> Option<&super::Binding<'a>> {
        let JsonArg::Variable(name) = named else {
            return None;
        };
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, binding)| binding)
    }

    /// Keys with where they are written, as the keys and their places.
    fn keys_at(&self, keys: &[(String, Span)]) -> (Vec<String>, Vec<crate::source::Site>) {
        keys.iter()
            .map(|(key, span)| (key.clone(), self.site(*span)))
            .unzip()
    }

    /// Nested objects' keys (see `Body::nested`), with their places.
    fn nested_at(
        &self,
        nested: &NestedKeys,
    ) -> Vec<(String, Vec<String>, Vec<crate::source::Site>)> {
        nested
            .iter()
            .map(|(key, keys)| {
                let (keys, sites) = self.keys_at(keys);
                (key.clone(), keys, sites)
            })
            .collect()
    }

    fn struct_named(&self, arg: &JsonArg) -> Option<String> {
        match arg {
            JsonArg::Struct(name) => Some(name.clone()),
            JsonArg::Variable(name) => self.type_of(name),
        }
    }

    /// The struct type a variable holds, when it can be told: a parameter declared as
    /// `&CreateSandbox`, or a `let` of a struct literal.
    fn type_of(&self, name: &str) -> Option<String> {
        self.type_among(name, self.env.len())
    }

    /// `type_of` among the first `bound` bindings of `env`.
    fn type_among(&self, name: &str, bound: usize) -> Option<String> {
        // `.json(self)` in a method of the type that is the body.
        if name == "self" {
            return self.owner.clone();
        }
        let at = self.env[..bound].iter().rposition(|(n, _)| n == name)?;
        let param_type = |index: usize| {
            // A type name (see `type_label`), not `_`; `ListOptions<T>` is `ListOptions`,
            // whose fields are its keys whatever `T` is.
            let label = self.current.as_ref()?.param_types.get(index)?;
            let label = label.strip_suffix("<>").unwrap_or(label);
            (label != "_").then(|| label.to_string())
        };
        match &self.env[at].1 {
            super::Binding::Param(index) => param_type(*index),
            // `let p_body_tag = tag;`, `let mut request = request;`: the parameter's type.
            super::Binding::Value(value) => match value.pieces.as_slice() {
                [
                    Piece::Hole(Hole {
                        origin: Origin::Param { index, fields },
                        ..
                    }),
                ] if fields.is_empty() => param_type(*index),
                _ => None,
            },
            // `let body = other;`: what `other` is.
            super::Binding::Runtime(_, Expr::Path(p)) if p.path.get_ident().is_some() => {
                let other = p.path.get_ident()?.to_string();
                self.type_among(&other, at)
            }
            // `let payload = serde_json::to_value(&property)?`: what `property` is, as it was
            // bound before this `let`.
            super::Binding::Runtime(_, init) => {
                constructed_type(init).or_else(|| match json_value_name(serialized_value(init)?)? {
                    JsonArg::Struct(name) => Some(name),
                    JsonArg::Variable(name) => self.type_among(&name, at),
                })
            }
            _ => None,
        }
    }

    /// Where the method written as `expr` comes from.
    fn method_source(&self, expr: &Expr) -> MethodSource {
        // `self.method.clone()` in a method of a route description.
        if let Some(field) = self_field_named_like_a_method(expr) {
            return MethodSource::SelfField(field);
        }
        if let Some(source) = self.method_by_name(expr) {
            return source;
        }
        if let Some(source) = self.method_parsed(expr) {
            return source;
        }
        if let Some(method) = self.method_const(expr) {
            return MethodSource::Fixed(method);
        }
        match self.origin_of(expr) {
            Origin::Param { index, fields } => MethodSource::Param { index, fields },
            // `endpoint.method()`: a method table on a route enum.
            Origin::Call(call) if call.0.on_value => match call.1.as_slice() {
                [ArgValue::Text(value)] => match value.as_param() {
                    Some((index, fields)) => MethodSource::Table {
                        index,
                        fields: fields.to_vec(),
                        table: call.0.name.clone(),
                    },
                    None => MethodSource::Unknown(self.text_of(expr)),
                },
                _ => MethodSource::Unknown(self.text_of(expr)),
            },
            _ => MethodSource::Unknown(self.text_of(expr)),
        }
    }

    /// `self.inner` where the impl's struct declares `inner: surf::Client`.
    fn is_client_field(&self, receiver: &Expr) -> bool {
        let Expr::Field(field) = super::eval::peel(receiver) else {
            return false;
        };
        let (syn::Member::Named(name), Some(owner)) = (&field.member, &self.owner) else {
            return false;
        };
        is_self(&field.base)
            && self
                .client_fields
                .iter()
                .any(|(ty, f)| ty == owner && name == f)
    }

    /// `.method(DELTE)` where this file has `const DELTE: &str = "DELETE";`: a const of the
    /// file whose text is a method's name (and no local of that name hides it).
    fn method_const(&self, expr: &Expr) -> Option<Method> {
        let name = plain_ident(super::eval::peel(expr))?;
        if self.env.iter().any(|(bound, _)| *bound == name) {
            return None;
        }
        Method::parse(&self.consts.get(&name)?.as_constant()?)
    }

    /// `let method = Method::try_from(method)?;` (or `Method::from_str`, `Method::from_bytes(
    /// method.as_bytes())`, `method.parse::<Method>()`) on a parameter: the method the caller
    /// names.
    fn method_parsed(&self, expr: &Expr) -> Option<MethodSource> {
        let expr = super::eval::peel(expr);
        let written = super::eval::peel(self.bound_expr(expr).unwrap_or(expr));
        let named = match written {
            Expr::Call(call) if call.args.len() == 1 => {
                let Expr::Path(func) = &*call.func else {
                    return None;
                };
                let mut segments = func.path.segments.iter().rev();
                let (parse, owner) = (segments.next()?, segments.next()?);
                let parses = ident_in(&parse.ident, &["try_from", "from_str", "from_bytes"]);
                if !(parses && owner.ident == "Method") {
                    return None;
                }
                call.args.first()?
            }
            _ => return None,
        };
        let named = match super::eval::peel(named) {
            Expr::MethodCall(bytes) if bytes.method == "as_bytes" => &*bytes.receiver,
            other => other,
        };
        // `let method = Method::try_from(method)?`: the name parsed is the one it shadows.
        let name = plain_ident(named)?;
        let shadowed = plain_ident(expr).is_some_and(|bound| bound == name);
        let binding = self
            .env
            .iter()
            .rev()
            .filter(|(n, _)| *n == name)
            .nth(usize::from(shadowed))?;
        match &binding.1 {
            super::Binding::Param(index) => Some(MethodSource::Param {
                index: *index,
                fields: Vec::new(),
            }),
            _ => None,
        }
    }

    /// `let request_method = match method { "POST" => Method::Post, _ => Method::Get };` on a
    /// parameter `method: &str` (pusher): the method is the one the caller names.
    pub(super) fn method_by_name(&self, expr: &Expr) -> Option<MethodSource> {
        let expr = super::eval::peel(expr);
        let written = self.bound_expr(expr).unwrap_or(expr);
        let Expr::Match(choice) = written else {
            return None;
        };
        let names_a_method = |arm: &syn::Arm| {
            let by_name = match &arm.pat {
                syn::Pat::Lit(lit) => matches!(&lit.lit, syn::Lit::Str(s)
                    if crate::spec::Method::parse(&s.value()).is_some()),
                // `_`, `&_`: the fallback.
                syn::Pat::Wild(_) => true,
                syn::Pat::Reference(r) => matches!(&*r.pat, syn::Pat::Wild(_)),
                _ => false,
            };
            by_name && crate::source::infer::method_of_arg(&self.arg_value(&arm.body)).is_some()
        };
        if choice.arms.is_empty() || !choice.arms.iter().all(names_a_method) {
            return None;
        }
        match self.origin_of(&choice.expr) {
            Origin::Param { index, fields } => Some(MethodSource::Param { index, fields }),
            _ => None,
        }
    }

    /// What the bindings of this fn say of a chain's query and body: the keys of pairs and
    /// of maps and `json!` literals bound by a `let`, the struct a body is a value of, the
    /// parameter it comes from. Returns the structs whose fields must be the query's keys.
    pub(super) fn complete(&self, shape: &mut Shape) -> Vec<String> {
        // `.query(&params)` of `let params = [("k", v)]`: its keys. Any other must name a
        // struct for the query to become known when the crate is linked.
        let mut unread = Vec::new();
        for arg in std::mem::take(&mut shape.query_args) {
            match self.pairs_bound_to(&arg) {
                Some(keys) => shape.query.extend(keys),
                None => unread.push(arg),
            }
        }
        shape.query_opaque |= !unread.is_empty();
        let query_types: Option<Vec<String>> =
            unread.iter().map(|arg| self.struct_named(arg)).collect();
        if let Some(body) = shape.body.as_mut() {
            body.key_sites = shape.key_spans.iter().map(|s| self.site(*s)).collect();
            body.nested = self.nested_at(&shape.nested_keys);
            body.type_name = shape
                .json_arg
                .as_ref()
                .and_then(|arg| self.struct_named(arg));
            match shape.json_arg.as_ref().and_then(|arg| self.binding_of(arg)) {
                // A parameter of this fn (a wrapper's `body: &B`): its callers say what it is.
                Some(super::Binding::Param(index)) => body.from_param = Some((*index, Vec::new())),
                Some(super::Binding::ParamPart(index, part)) => {
                    body.from_param = Some((*index, vec![part.clone()]));
                }
                // A map whose keys were all inserted here: those are the keys.
                Some(super::Binding::Map(keys)) if body.keys.is_none() => {
                    let (keys, key_sites) = self.keys_at(keys);
                    body.keys = Some(keys);
                    body.key_sites = key_sites;
                }
                // `let form = [("k", v)]; .form(&form)`: the pairs' keys.
                Some(super::Binding::Pairs(init))
                    if body.keys.is_none() && body.kind == BodyKind::Form =>
                {
                    body.keys = query_pairs(init);
                }
                // `let body = json!({..}); .json(&body)`: the literal's keys.
                Some(super::Binding::Json(init)) if body.keys.is_none() => {
                    if let Some(object) = json_object(init) {
                        let (keys, key_sites) = self.keys_at(&object.keys);
                        body.keys = Some(keys);
                        body.key_sites = key_sites;
                        body.nested = self.nested_at(&object.nested);
                        body.string_values = object.strings;
                    }
                }
                _ => {}
            }
        }
        query_types.unwrap_or_default()
    }

    fn push(
        &mut self,
        method: MethodArg<'_>,
        verb_span: Span,
        url: UrlValue,
        url_arg: &Expr,
        later: &[&Link<'_>],
    ) {
        let method = match method {
            MethodArg::Known(method) => MethodSource::Fixed(method),
            MethodArg::Expr(expr) => self.method_source(expr),
            MethodArg::Later => {
                MethodSource::Unknown(crate::source::facts::SET_BY_THE_CALLER.to_string())
            }
        };
        let mut shape = shape_of(later);
        let query_types = self.complete(&mut shape);
        let site = self.site(verb_span);
        let (line, column) = self.written_at(&site, &[url_arg], Some(verb_span));
        let fixed = match &method {
            MethodSource::Fixed(m) => *m,
            _ => Method::Get,
        };
        let call = HttpCall {
            file: self.path.to_string(),
            line,
            column,
            function: self.function_name(),
            method: fixed,
            method_unknown: false,
            method_site: Some(site),
            verb_choices: None,
            url,
            query: shape.query,
            query_opaque: shape.query_opaque,
            query_types,
            headers: shape.headers,
            headers_opaque: shape.headers_opaque,
            body: shape.body,
            via: Vec::new(),
            note: None,
            in_test: self.in_test,
            sent: later
                .iter()
                .any(|link| SEND_LINKS.contains(&link.word.as_str())),
        };
        self.push_request(call, method);
    }
}

/// What a request chain adds to the request: query keys, headers, body.
#[derive(Default)]
pub(super) struct Shape {
    pub(super) query: Vec<String>,
    pub(super) query_opaque: bool,
    pub(super) headers: Vec<String>,
    pub(super) headers_opaque: bool,
    pub(super) body: Option<Body>,
    /// Where the keys of a `json!` body are written.
    key_spans: Vec<Span>,
    /// The keys of its nested objects, and where they are written.
    nested_keys: NestedKeys,
    /// What `.json(..)` was given, when it may name a struct type.
    json_arg: Option<JsonArg>,
    /// What each unreadable `.query(..)` was given, when it may name a struct type.
    query_args: Vec<JsonArg>,
}

/// A `.json(..)` or `.query(..)` argument that may name a struct: a literal of it, or a
/// variable.
enum JsonArg {
    Struct(String),
    Variable(String),
}

/// `http::Request::post(url)`, `isahc::Request::get(url)`: a request by construction, its
/// method and URL.
pub(super) fn crate_request(call: &syn::ExprCall) -> Option<(Method, &Expr)> {
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let mut names = func.path.segments.iter().rev();
    let verb = names.next()?.ident.to_string();
    let owner = names.next()?;
    let method = verb_method(&verb)?;
    (owner.ident == "Request").then_some(())?;
    Some((method, call.args.first()?))
}

/// The method of `Request::new(handle, method)`: a request constructor given a handle and a
/// method, whose URL a later `.uri(..)` sets.
fn method_given_to_new(start: &Expr) -> Option<&Expr> {
    let Expr::Call(call) = start else {
        return None;
    };
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let mut names = func.path.segments.iter().rev();
    let made_by_new = names.next().is_some_and(|s| s.ident == "new")
        && names.next().is_some_and(|s| s.ident == "Request");
    match call.args.iter().collect::<Vec<_>>().as_slice() {
        [_, method] if made_by_new && names_a_method(method) => Some(method),
        _ => None,
    }
}

/// A method value (`Put`, `Method::POST`), or a name for one (`method`, `http_method`).
pub(super) fn names_a_method(expr: &Expr) -> bool {
    method_value(expr).is_some()
        || super::eval::plain_ident(expr)
            .is_some_and(|name| name == "method" || name.ends_with("_method") || name == "verb")
}

/// `Method::Post`, `a::Verb::Put`: a path to an enum variant (its last name capitalized).
fn is_variant_path(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.path.segments.len() >= 2
    && p.path.segments.last().is_some_and(|s| {
        s.ident.to_string().chars().next().is_some_and(char::is_uppercase)
    }))
}

/// The value serialized in `serde_json::to_string(&req)?`, `to_vec(&req).unwrap()`,
/// `serde_json::to_string_pretty(&req).expect(..)`.
fn serialized_json(expr: &Expr) -> Option<&Expr> {
    let Expr::Call(call) = super::eval::peel(expr) else {
        return None;
    };
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let mut names = func.path.segments.iter().rev();
    let function = names.next()?.ident.to_string();
    let from_serde_json = names.next().is_none_or(|krate| krate.ident == "serde_json");
    let serializes = matches!(
        function.as_str(),
        "to_string" | "to_vec" | "to_string_pretty"
    );
    match call.args.first() {
        Some(value) if serializes && from_serde_json && call.args.len() == 1 => Some(value),
        _ => None,
    }
}

/// `&CreateSandbox { .. }` or `&req`.
fn json_value_name(expr: &Expr) -> Option<JsonArg> {
    let mut expr = expr;
    loop {
        match expr {
            Expr::Reference(r) => expr = &r.expr,
            Expr::Try(t) => expr = &t.expr,
            _ => break,
        }
    }
    // `serde_json::to_value(&req)?`: the same keys as `req`.
    if let Some(value) = serialized_value(expr) {
        return json_value_name(value);
    }
    match expr {
        Expr::Struct(s) => Some(JsonArg::Struct(value_type_name(&s.path)?)),
        Expr::Path(p) => p.path.get_ident().map(|i| JsonArg::Variable(i.to_string())),
        // `Req::Create(inner)`: a newtype variant of a `Serialize` enum.
        Expr::Call(call) => match &*call.func {
            Expr::Path(p) => value_type_name(&p.path)
                .filter(|name| name.contains("::"))
                .map(JsonArg::Struct),
            _ => None,
        },
        _ => None,
    }
}

/// `serde_json::to_value(&x)?`: the value serialized, `x`.
fn serialized_value(expr: &Expr) -> Option<&Expr> {
    let Expr::Call(call) = super::eval::peel(expr) else {
        return None;
    };
    let Expr::Path(p) = &*call.func else {
        return None;
    };
    let to_value = p
        .path
        .segments
        .last()
        .is_some_and(|s| s.ident == "to_value");
    (to_value && call.args.len() == 1).then(|| &call.args[0])
}

/// The type a value is made as: a struct literal or variant (`Req { .. }`), or a call of
/// one of its constructors by the names Rust gives them (`Req::new(..)`, `Req::from(x)?`,
/// `Req::with_defaults()`), which return `Self`.
fn constructed_type(expr: &Expr) -> Option<String> {
    match super::eval::peel(expr) {
        Expr::Struct(s) => value_type_name(&s.path),
        Expr::Try(t) => constructed_type(&t.expr),
        Expr::Call(call) => {
            let Expr::Path(p) = &*call.func else {
                return None;
            };
            let function = p.path.segments.last()?.ident.to_string();
            let constructor = matches!(function.as_str(), "new" | "from" | "try_from" | "default")
                || ["new_", "from_", "with_"]
                    .iter()
                    .any(|prefix| function.starts_with(prefix));
            // The type is the path without the function: `models::Options` of
            // `models::Options::new`.
            let mut owner = p.path.clone();
            owner.segments.pop();
            let name = value_type_name(&owner)?;
            let type_name = name.rsplit("::").next().unwrap_or(&name);
            let is_type =
                type_name != "Self" && type_name.starts_with(|c: char| c.is_ascii_uppercase());
            // `Req::Create::new` is no variant: only a type's own constructor.
            (constructor && is_type).then_some(name)
        }
        _ => None,
    }
}

/// The type a struct literal's or a variant's path names, as the body types are known by:
/// `CreateSandbox` (also `models::CreateSandbox`), or `Req::Create` for an enum's variant
/// (two capitalised segments), never the variant's name alone, which a struct may share.
pub(super) fn value_type_name(path: &syn::Path) -> Option<String> {
    let mut segments = path.segments.iter().rev();
    let last = segments.next()?.ident.to_string();
    let capitalised = |name: &str| name.starts_with(|c: char| c.is_ascii_uppercase());
    match segments.next() {
        // `Self::Create { .. }`: which enum is not known here.
        Some(owner) if owner.ident == "Self" => None,
        Some(owner) if capitalised(&owner.ident.to_string()) => {
            capitalised(&last).then(|| format!("{}::{last}", owner.ident))
        }
        // `crate::models::Options`: the module says which of several `Options` it is.
        Some(module)
            if !matches!(
                module.ident.to_string().as_str(),
                "crate" | "self" | "super"
            ) =>
        {
            Some(format!("{}::{last}", module.ident))
        }
        _ => Some(last),
    }
}

/// Query keys (and whether some query could not be read), headers and body of a request chain.
pub(super) fn shape_of(links: &[&Link<'_>]) -> Shape {
    let mut shape = Shape::default();
    let Shape {
        query,
        query_opaque,
        headers,
        headers_opaque,
        body,
        key_spans,
        nested_keys,
        json_arg,
        query_args,
    } = &mut shape;
    for link in links {
        let name = link.word.as_str();
        if let Some(header) = header_set(name, link.args) {
            match header {
                Some(header) => headers.push(header),
                None => *headers_opaque = true,
            }
            continue;
        }
        let Some(first) = link.args.first() else {
            continue;
        };
        // `.json(&value)`, or `.body(serde_json::to_string(&value)?)`, which sends the same.
        let json_value = match name {
            "json" | "send_json" => Some(first),
            "body" => serialized_json(first),
            _ => None,
        };
        if let Some(value) = json_value {
            let mut json = Body::new(BodyKind::Json, None);
            *key_spans = Vec::new();
            *nested_keys = Vec::new();
            if let Some(object) = json_object(value) {
                *key_spans = object.keys.iter().map(|(_, span)| *span).collect();
                *nested_keys = object.nested;
                json.keys = Some(object.keys.into_iter().map(|(key, _)| key).collect());
                json.string_values = object.strings;
            }
            *body = Some(json);
            *json_arg = json_value_name(value);
            continue;
        }
        let kind = match name {
            "query" => {
                // ureq: `.query("key", value)`, one pair per call.
                let ureq_pair = match link.args.len() {
                    2 => string_literal(first).map(|key| vec![key]),
                    _ => None,
                };
                match ureq_pair.or_else(|| query_pairs(first)) {
                    Some(keys) => query.extend(keys),
                    None => {
                        // `.query(&params)`: pairs bound by a `let`, or a `Serialize`
                        // struct, may give the keys (see `push`).
                        match (link.args.len(), json_value_name(first)) {
                            (1, Some(arg)) => query_args.push(arg),
                            _ => *query_opaque = true,
                        }
                    }
                }
                continue;
            }
            "form" | "send_form" => {
                // `.form(&[("k", v)])`, or a struct or map named by the argument.
                *body = Some(Body::new(BodyKind::Form, query_pairs(first)));
                *key_spans = Vec::new();
                *json_arg = json_value_name(first);
                continue;
            }
            "multipart" => BodyKind::Multipart,
            // `http::Request::builder()….body(())`, `.body(Body::empty())`: an empty body.
            "body" if is_empty_body(first) => continue,
            "body" | "send_string" | "send_bytes" => BodyKind::Raw,
            _ => continue,
        };
        *body = Some(Body::new(kind, None));
    }
    shape
}

/// `()`, `Body::empty()`, `hyper::Body::empty()`, `Empty::new()`: no body at all.
fn is_empty_body(expr: &Expr) -> bool {
    match super::eval::peel(expr) {
        Expr::Tuple(t) => t.elems.is_empty(),
        Expr::Call(call) if call.args.is_empty() => match &*call.func {
            Expr::Path(p) => {
                let mut names = p.path.segments.iter().rev().map(|s| &s.ident);
                match (names.next(), names.next()) {
                    (Some(f), Some(owner)) => {
                        (f == "empty" && owner == "Body") || (f == "new" && owner == "Empty")
                    }
                    _ => false,
                }
            }
            _ => false,
        },
        _ => false,
    }
}

/// A URL that is one runtime value and nothing else: read as nothing.
fn is_unread(url: &UrlValue) -> bool {
    // A value not read, or a choice on an `Option` parameter made where the request is (its
    // alternatives).
    let unread = |piece: &Piece| {
        matches!(
            piece,
            Piece::Hole(Hole {
                origin: Origin::Runtime | Origin::Optional(_),
                ..
            })
        )
    };
    match url.pieces.as_slice() {
        // `BASE.join(x)` of an `x` not read: `url_alternatives` says whether `x` is a `match`
        // of paths (`BASE.join(match id { .. })`), and gives nothing otherwise.
        [
            Piece::Hole(Hole {
                origin: Origin::Call(call),
                ..
            }),
        ] => call.0.name == "join" && matches!(call.1.as_slice(), [ArgValue::Opaque]),
        [one] => unread(one),
        _ => false,
    }
}

/// How a request names its method: a value we know, or an expression to trace.
#[derive(Clone, Copy)]
pub(super) enum MethodArg<'e> {
    Known(Method),
    Expr(&'e Expr),
    /// Not set yet: whoever finishes the request sets it (`http::Request::builder()
    /// .uri(url)` returned without `.method(..)` nor `.body(..)`).
    Later,
}

/// A string literal that could be a relative path or an API method name (`pins.add`,
/// `users`): one word, no spaces.
/// A method named for sending a request or calling an API (`query_public`, `call_api`,
/// `execute`, `send_request`), whose first argument, a word, may be the API method's name.
/// A value a request returned, or a part of one: a chain that sends (`.send()`, `.call()`)
/// or reads headers on the way.
fn is_a_response(receiver: &Expr) -> bool {
    let mut current = receiver;
    loop {
        current = match current {
            Expr::MethodCall(call) => {
                let reads_a_response = ident_in(
                    &call.method,
                    &[
                        "send",
                        "send_async",
                        "call",
                        "execute",
                        "headers",
                        "headers_mut",
                    ],
                );
                if reads_a_response {
                    return true;
                }
                &call.receiver
            }
            Expr::Try(t) => &t.expr,
            Expr::Await(a) => &a.base,
            Expr::Paren(p) => &p.expr,
            _ => return false,
        }
    }
}

fn sends_something(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "query", "request", "call", "send", "execute", "invoke", "fetch", "api",
    ]
    .iter()
    .any(|word| name.split('_').any(|part| part == *word))
}

fn is_word(arg: &ArgValue) -> bool {
    let ArgValue::Text(value) = arg else {
        return false;
    };
    value.as_constant().is_some_and(|text| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    })
}

/// The links that shape the request: those after the verb, up to and including the one that
/// sends it (what follows, such as `.json()` on the response, reads the response).
pub(super) fn request_links<'l, 'e>(after_verb: &'l [Link<'e>]) -> Vec<&'l Link<'e>> {
    let mut out = Vec::new();
    for link in after_verb {
        if request_of(link).is_some() {
            break;
        }
        out.push(link);
        if SEND_LINKS.contains(&link.word.as_str()) {
            break;
        }
    }
    out
}

/// Links that send the request; what comes after them is about the response.
pub(super) const SEND_LINKS: &[&str] = &[
    "send",
    "send_async",
    "call",
    "send_json",
    "send_string",
    "send_form",
    "send_bytes",
];

/// `(method, url argument)` when a chain link sends a request.
pub(super) fn request_of<'e>(link: &Link<'e>) -> Option<(MethodArg<'e>, &'e Expr)> {
    let name = link.word.as_str();
    if let Some(method) = verb_method(name) {
        if link.args.len() == 1 {
            return link.args.first().map(|url| (MethodArg::Known(method), url));
        }
        return None;
    }
    // `transport.request_string(Method::GET, endpoint, ..)`: a request function of a library
    // (or of the crate, which linking then prefers), said so by its method value.
    // (`request_string`, `request_json`: named for what the response is read as, not
    // `request_handler` or `request_duration`.)
    let reads_response = name.strip_prefix("request_").is_some_and(|read| {
        matches!(
            read,
            "string" | "json" | "bytes" | "text" | "raw" | "stream" | "body"
        )
    });
    if reads_response && link.args.len() >= 2 {
        let method = method_value(link.args.first()?)?;
        return Some((MethodArg::Known(method), link.args.iter().nth(1)?));
    }
    if name == "request" && link.args.len() >= 2 {
        let first = link.args.first()?;
        let url = link.args.iter().nth(1)?;
        return match method_value(first) {
            Some(method) => Some((MethodArg::Known(method), url)),
            // `request(method, url)` with the method in a variable; with more arguments
            // (`transport.request(Method::GET, endpoint, body)`) only a known method says
            // this is HTTP.
            None if link.args.len() == 2 => Some((MethodArg::Expr(first), url)),
            None => None,
        };
    }
    None
}

/// `Method::POST`, `reqwest::Method::POST`, `http::Method::POST`.
pub(super) fn method_value(expr: &Expr) -> Option<Method> {
    match super::eval::peel(expr) {
        Expr::Path(p) => {
            let segments = &p.path.segments;
            let last = segments.last()?.ident.to_string();
            // `POST` alone: a const of the crate (`pub const POST: Method = Method::POST;`),
            // nothing else is named like that; `Put` alone, a variant brought in by `use
            // curl::http::handle::Method::{Put, Get};`.
            if segments.len() == 1 {
                let verb = Method::parse(&last)?;
                let capitalized = last.starts_with(|c: char| c.is_ascii_uppercase())
                    && last[1..].chars().all(|c| c.is_ascii_lowercase());
                return (last == verb.as_str() || capitalized).then_some(verb);
            }
            let owner = segments.iter().rev().nth(1)?.ident.to_string();
            (owner == "Method").then(|| Method::parse(&last)).flatten()
        }
        // `"POST"` (ureq 2's `request("POST", url)`)
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Method::parse(&s.value()),
        // `Method::from_bytes(b"POST")`
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            if func.path.segments.last()?.ident != "from_bytes" {
                return None;
            }
            match call.args.first()? {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::ByteStr(b),
                    ..
                }) => Method::parse(&String::from_utf8_lossy(&b.value())),
                _ => None,
            }
        }
        // `Method::from_bytes(b"POST").unwrap()`
        Expr::MethodCall(call) if ident_in(&call.method, &["unwrap", "expect"]) => {
            method_value(&call.receiver)
        }
        _ => None,
    }
}

/// `http://…`, `https://…`: nothing but a URL starts like that.
pub(super) fn is_absolute(url: &UrlValue) -> bool {
    matches!(url.pieces.first(), Some(Piece::Text { text, .. })
        if text.starts_with("http://") || text.starts_with("https://"))
}

/// A link that sets a header: `Some(Some(name))` when its name can be read (lowercase),
/// `Some(None)` when it cannot, `None` when the link sets no header.
fn header_set(
    link: &str,
    args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
) -> Option<Option<String>> {
    match link {
        "bearer_auth" | "basic_auth" => Some(Some("authorization".to_string())),
        "headers" => Some(None),
        // reqwest / awc `.header(name, value)`, ureq 2 `.set(name, value)`.
        "header" | "set" | "insert_header" if args.len() == 2 => {
            let name = args.first()?;
            Some(header_name(name))
        }
        _ => None,
    }
}

/// `"X-Api-Key"` → `x-api-key`; `header::CONTENT_TYPE` → `content-type` (the `http` crate's
/// constants are the standard names in upper snake case).
fn header_name(expr: &Expr) -> Option<String> {
    if let Some(text) = string_literal(expr) {
        return Some(text.to_ascii_lowercase());
    }
    let expr = match expr {
        Expr::Reference(r) => &*r.expr,
        other => other,
    };
    let Expr::Path(path) = expr else {
        return None;
    };
    let in_header_module = path.path.segments.len() >= 2
        && path
            .path
            .segments
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|s| s.ident == "header");
    let last = path.path.segments.last()?.ident.to_string();
    in_header_module.then(|| last.to_ascii_lowercase().replace('_', "-"))
}

/// Keys of `&[("k", v), ...]`; `None` when the query is not such a literal list.
pub(super) fn query_pairs(expr: &Expr) -> Option<Vec<String>> {
    let expr = match expr {
        Expr::Reference(r) => &*r.expr,
        other => other,
    };
    let key = |elem: &Expr| match elem {
        Expr::Tuple(t) => t.elems.first().and_then(string_literal),
        _ => None,
    };
    match expr {
        Expr::Array(a) => a.elems.iter().map(key).collect(),
        // `vec![("k", v), ..]`
        Expr::Macro(m) if m.mac.path.is_ident("vec") => m
            .mac
            .parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
            .ok()?
            .iter()
            .map(key)
            .collect(),
        _ => None,
    }
}

/// What a `json!({ "k": v, ... })` literal says of the body: see `JsonObject`.
pub(super) fn json_object(expr: &Expr) -> Option<JsonObject> {
    let expr = match expr {
        Expr::Reference(r) => &*r.expr,
        other => other,
    };
    let Expr::Macro(mac) = expr else {
        return None;
    };
    if mac.mac.path.segments.last()?.ident != "json" {
        return None;
    }
    let Some(TokenTree::Group(group)) = mac.mac.tokens.clone().into_iter().next() else {
        return None;
    };
    object_keys(&group, true)
}

/// The keys of a `json!` object, each with the span of its literal, for findings and fixes;
/// the keys of the objects written as its values (`"metadata": { "name": n }`, and each
/// object of `"items": [{..}]`), one level down; and its entries whose value is a string
/// literal (`"kind": "dog"`, what a `discriminator` reads). A key that is not a string
/// literal (`(name): v`) makes the keys unknown: `None`, never a partial list.
pub(super) struct JsonObject {
    pub(super) keys: Vec<(String, Span)>,
    pub(super) nested: NestedKeys,
    pub(super) strings: Vec<(String, String)>,
}

/// Keys of nested objects by the key they are the value of.
pub(super) type NestedKeys = Vec<(String, Vec<(String, Span)>)>;

/// `{ "k": v, ... }` as tokens, read as `JsonObject`; with `nested` (the top level), also
/// its nested objects' keys and its string values.
fn object_keys(group: &proc_macro2::Group, nested: bool) -> Option<JsonObject> {
    if group.delimiter() != proc_macro2::Delimiter::Brace {
        return None;
    }
    let string = |lit: &proc_macro2::Literal| match syn::parse_str::<syn::Lit>(&lit.to_string()) {
        Ok(syn::Lit::Str(s)) => Some(s.value()),
        _ => None,
    };
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let mut object = JsonObject {
        keys: Vec::new(),
        nested: Vec::new(),
        strings: Vec::new(),
    };
    // Split at top-level commas: each entry is `key : value…`.
    for entry in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        let Some(first) = entry.first() else {
            continue;
        };
        let TokenTree::Literal(lit) = first else {
            return None;
        };
        let key = string(lit)?;
        match (nested, entry) {
            // `"k": { .. }`: a nested object, whose keys are judged against the field's
            // schema; `"k": [{ .. }, { .. }]`: each object, against the array's items'.
            (true, [_, TokenTree::Punct(colon), TokenTree::Group(value)])
                if colon.as_char() == ':' =>
            {
                if let Some(inner) = object_keys(value, false) {
                    object.nested.push((key.clone(), inner.keys));
                } else if value.delimiter() == proc_macro2::Delimiter::Bracket {
                    for item in value.stream() {
                        if let TokenTree::Group(item) = item {
                            if let Some(inner) = object_keys(&item, false) {
                                object.nested.push((key.clone(), inner.keys));
                            }
                        }
                    }
                }
            }
            (true, [_, TokenTree::Punct(colon), TokenTree::Literal(value)])
                if colon.as_char() == ':' =>
            {
                if let Some(value) = string(value) {
                    object.strings.push((key.clone(), value));
                }
            }
            _ => {}
        }
        object.keys.push((key, lit.span()));
    }
    Some(object)
}

/// `self.method`, `self.verb.clone()`: the field's name.
fn self_field_named_like_a_method(expr: &Expr) -> Option<String> {
    let Expr::Field(field) = super::eval::peel(expr) else {
        return None;
    };
    let syn::Member::Named(name) = &field.member else {
        return None;
    };
    let name = name.to_string();
    let lower = name.to_ascii_lowercase();
    (is_self(&field.base) && (lower.contains("method") || lower.contains("verb"))).then_some(name)
}

impl Extractor<'_> {
    /// `#[derive(Endpoint)] #[endpoint(path = "{self.mount}/data/{self.path}", method =
    /// "POST")] struct SetSecretRequest { .. }` (rustify, as vaultrs uses it): a request the
    /// derive sends, GET unless the attribute says otherwise, reported at its path.
    pub(super) fn attribute_endpoint(&self, node: &syn::ItemStruct) -> Option<HttpCall> {
        // Cheap first: most structs have no `#[endpoint]`; only then are derives parsed.
        let attr = node.attrs.iter().find(|a| a.path().is_ident("endpoint"))?;
        let derives_endpoint = node.attrs.iter().any(|attr| {
            attr.path().is_ident("derive")
                && attr
                    .parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                    .is_ok_and(|paths| {
                        paths
                            .iter()
                            .any(|p| p.segments.last().is_some_and(|s| s.ident == "Endpoint"))
                    })
        });
        if !derives_endpoint {
            return None;
        }
        let (mut path, mut method) = (None, None);
        attr.parse_nested_meta(|meta| {
            let value = meta.value().and_then(|v| v.parse::<syn::LitStr>());
            match (
                meta.path.get_ident().map(|i| i.to_string()).as_deref(),
                value,
            ) {
                (Some("path"), Ok(lit)) => path = Some(lit),
                (Some("method"), Ok(lit)) => method = Some(lit.value()),
                // `response = "T"`, `builder = "true"`: nothing to do with the route.
                _ => {}
            }
            Ok(())
        })
        .ok()?;
        let path = path?;
        let method = Method::parse(method.as_deref().unwrap_or("GET"))?;
        let site = self.literal_site(&path, false);
        // Relative to the client's base, which the derive adds: `{self.mount}` is the path's
        // first segment, not a base.
        let url = UrlValue {
            pieces: template_pieces(&format!("/{}", path.value().trim_start_matches('/'))),
            literal: None,
        };
        Some(HttpCall::unseen(
            (self.path.to_string(), site.line, site.column),
            node.ident.to_string(),
            method,
            url,
            self.in_test,
        ))
    }
}

/// `{self.mount}/data/{self.path}`: text, and a hole for each `{..}` named by its last part.
fn template_pieces(template: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text {
                text: rest[..open].to_string(),
                direct: false,
            });
        }
        let inner = &rest[open + 1..close];
        let name = inner.rsplit('.').next().unwrap_or(inner);
        pieces.push(Piece::Hole(Hole::runtime(name, inner)));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text {
            text: rest.to_string(),
            direct: false,
        });
    }
    pieces
}
