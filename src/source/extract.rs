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

use super::fmt::{self, ArgRef, FmtPiece};
use super::url::{Hole, LiteralSite, Piece, UrlValue};
use super::{Body, BodyKind, HttpCall, Site};
use crate::spec::Method;
use proc_macro2::{Span, TokenTree};
use std::collections::HashMap;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, ExprMacro, Lit, Token};

/// Every HTTP call in `file`. `src` is its text, `path` the name reports use.
pub(crate) fn extract(file: &syn::File, src: &str, path: &str, offset: usize) -> Vec<HttpCall> {
    let mut extractor = Extractor {
        src,
        offset,
        path,
        consts: collect_consts(file, src),
        env: Vec::new(),
        scopes: Vec::new(),
        function: None,
        calls: Vec::new(),
    };
    extractor.visit_file(file);
    extractor.calls
}

/// Methods named after an HTTP verb that take the URL as their only argument.
fn verb_method(name: &str) -> Option<Method> {
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
const REQUEST_BUILDER_LINKS: &[&str] = &[
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
fn looks_like_client(receiver: &str) -> bool {
    receiver
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map(str::to_ascii_lowercase)
        .any(|name| {
            name.ends_with("client")
                || name.starts_with("http_")
                || name.ends_with("_http")
                || matches!(
                    name.as_str(),
                    "http" | "https" | "agent" | "reqwest" | "ureq" | "surf" | "isahc" | "awc"
                )
        })
}

/// Crates whose free functions `get(url)`, `post(url)` … send a request.
const HTTP_CRATES: &[&str] = &[
    "reqwest",
    "ureq",
    "surf",
    "isahc",
    "attohttpc",
    "minreq",
    "blocking",
];

#[derive(Clone)]
enum Binding {
    Value(UrlValue),
    /// A `let` of a runtime value (`let mut url = self.base.clone()`): unknown, but text
    /// appended to it later (`url.push_str("/x")`) is known.
    Runtime(Hole),
    /// A name bound by a pattern or changed in ways we cannot follow; it shadows outer ones.
    Opaque,
}

struct Extractor<'a> {
    src: &'a str,
    /// Bytes of the file before `src` (a BOM): added to every range reported.
    offset: usize,
    path: &'a str,
    consts: HashMap<String, UrlValue>,
    /// `let` bindings in scope, innermost last; blocks truncate it on exit.
    env: Vec<(String, Binding)>,
    /// Length of `env` where each open scope began, innermost last.
    scopes: Vec<usize>,
    function: Option<String>,
    calls: Vec<HttpCall>,
}

/// One link of a method chain: `.name(args)`.
struct Link<'e> {
    name: &'e syn::Ident,
    args: &'e Punctuated<Expr, Token![,]>,
    receiver: &'e Expr,
}

impl<'a> Extractor<'a> {
    fn text_of(&self, node: &impl Spanned) -> String {
        let range = node.span().byte_range();
        self.src
            .get(range)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    fn site(&self, span: Span) -> Site {
        let start = span.start();
        let range = span.byte_range();
        Site {
            range: range.start + self.offset..range.end + self.offset,
            line: start.line,
            column: start.column + 1,
        }
    }

    fn lookup(&self, name: &str) -> Option<UrlValue> {
        match self.env.iter().rev().find(|(n, _)| n == name) {
            Some((_, Binding::Value(value))) => Some(value.clone()),
            Some((_, Binding::Runtime(_) | Binding::Opaque)) => None,
            None => self.consts.get(name).cloned().map(UrlValue::indirect),
        }
    }

    /// Evaluate a string expression; `None` when it is not something we can follow.
    fn eval(&self, expr: &Expr) -> Option<UrlValue> {
        match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Str(s) => Some(UrlValue {
                    pieces: vec![Piece::Text {
                        text: s.value(),
                        direct: true,
                    }],
                    literal: Some(self.literal_site(s, false)),
                }),
                _ => None,
            },
            Expr::Macro(mac) => self.eval_macro(mac),
            Expr::Path(path) => path
                .path
                .get_ident()
                .and_then(|i| self.lookup(&i.to_string())),
            Expr::Reference(r) => self.eval(&r.expr),
            Expr::Paren(p) => self.eval(&p.expr),
            Expr::Group(g) => self.eval(&g.expr),
            Expr::MethodCall(call) if call.args.is_empty() && is_conversion(&call.method) => {
                self.eval(&call.receiver)
            }
            Expr::Binary(bin) if matches!(bin.op, syn::BinOp::Add(_)) => {
                // `base + "/users/" + id`: either side may be a runtime value, but one of
                // them must be text we know, or this is not string building.
                let left = self.piece_for(&bin.left, None);
                let right = self.piece_for(&bin.right, None);
                let known = |p: &[Piece]| p.iter().any(|p| matches!(p, Piece::Text { .. }));
                if !known(&left) && !known(&right) {
                    return None;
                }
                let mut pieces = left;
                pieces.extend(right);
                Some(UrlValue {
                    pieces,
                    literal: None,
                })
            }
            _ => None,
        }
    }

    fn literal_site(&self, lit: &syn::LitStr, format: bool) -> LiteralSite {
        let site = self.site(lit.span());
        let width = self
            .src
            .get(lit.span().byte_range())
            .and_then(|text| text.lines().next())
            .map_or(1, |line| line.chars().count().max(1));
        LiteralSite {
            range: site.range,
            line: site.line,
            column: site.column,
            width,
            format,
        }
    }

    /// Pieces for one argument spliced into a URL: its text when known, else a hole.
    fn piece_for(&self, expr: &Expr, placeholder: Option<fmt::Placeholder>) -> Vec<Piece> {
        match self.eval(expr) {
            Some(value) => value.indirect().pieces,
            None => vec![Piece::Hole(Hole {
                name: hole_name(expr),
                expr: self.text_of(peel(expr)),
                placeholder,
            })],
        }
    }

    fn eval_macro(&self, mac: &ExprMacro) -> Option<UrlValue> {
        let name = mac.mac.path.segments.last()?.ident.to_string();
        let args = mac
            .mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok()?;
        match name.as_str() {
            "format" => self.eval_format(&args),
            "concat" => {
                let mut text = String::new();
                for arg in &args {
                    text.push_str(&self.eval(arg)?.as_constant()?);
                }
                Some(UrlValue::text(text, false))
            }
            _ => None,
        }
    }

    fn eval_format(&self, args: &Punctuated<Expr, Token![,]>) -> Option<UrlValue> {
        let mut args = args.iter();
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(format),
            ..
        }) = args.next()?
        else {
            return None;
        };
        let mut positional: Vec<&Expr> = Vec::new();
        let mut named: HashMap<String, &Expr> = HashMap::new();
        for arg in args {
            match arg {
                Expr::Assign(assign) => {
                    if let Expr::Path(p) = &*assign.left {
                        if let Some(ident) = p.path.get_ident() {
                            named.insert(ident.to_string(), &assign.right);
                        }
                    }
                }
                other => positional.push(other),
            }
        }
        let mut pieces = Vec::new();
        for piece in fmt::parse(&format.value())? {
            match piece {
                FmtPiece::Text(text) => pieces.push(Piece::Text { text, direct: true }),
                FmtPiece::Arg(placeholder) => {
                    let arg_pieces = match &placeholder.arg {
                        ArgRef::Next(i) | ArgRef::Index(i) => {
                            self.piece_for(positional.get(*i)?, Some(placeholder.clone()))
                        }
                        ArgRef::Name(name) => match named.get(name) {
                            Some(expr) => self.piece_for(expr, Some(placeholder.clone())),
                            None => self.captured(name, placeholder.clone()),
                        },
                    };
                    pieces.extend(arg_pieces);
                }
            }
        }
        Some(UrlValue {
            pieces,
            literal: Some(self.literal_site(format, true)),
        })
    }

    /// `{name}` with no named argument: a variable captured from the scope.
    fn captured(&self, name: &str, placeholder: fmt::Placeholder) -> Vec<Piece> {
        match self.lookup(name) {
            Some(value) => value.indirect().pieces,
            None => vec![Piece::Hole(Hole {
                name: name.to_string(),
                expr: name.to_string(),
                placeholder: Some(placeholder),
            })],
        }
    }

    /// The URL of a call: evaluated, or one opaque hole.
    fn url_of(&self, expr: &Expr) -> UrlValue {
        self.eval(expr).unwrap_or_else(|| UrlValue {
            pieces: vec![Piece::Hole(Hole {
                name: hole_name(expr),
                expr: self.text_of(peel(expr)),
                placeholder: None,
            })],
            literal: None,
        })
    }

    /// Look at a whole method chain once, from its outermost link.
    fn visit_chain(&mut self, top: &'a syn::ExprMethodCall) {
        let mut links: Vec<Link<'a>> = Vec::new();
        let mut current: &'a Expr = &top.receiver;
        links.push(Link {
            name: &top.method,
            args: &top.args,
            receiver: &top.receiver,
        });
        loop {
            match current {
                Expr::MethodCall(call) => {
                    links.push(Link {
                        name: &call.method,
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
        for (i, link) in links.iter().enumerate() {
            if let Some((method, url_arg)) = request_of(link) {
                let later = request_links(&links[i + 1..]);
                self.record(method, link.name.span(), url_arg, link.receiver, &later);
            }
        }
        for link in &links {
            for arg in link.args {
                self.visit_expr(arg);
            }
        }
        self.visit_expr(current);
    }

    fn record(
        &mut self,
        method: Method,
        verb_span: Span,
        url_arg: &Expr,
        receiver: &Expr,
        later: &[&Link<'_>],
    ) {
        let url = self.url_of(url_arg);
        // `.get(x)` is also a map lookup: it counts as a request only with evidence, a request
        // builder method after it, a receiver named like an HTTP client, or an absolute URL.
        let builder = later
            .iter()
            .any(|l| REQUEST_BUILDER_LINKS.contains(&l.name.to_string().as_str()));
        if !builder && !looks_like_client(&self.text_of(receiver)) && !is_absolute(&url) {
            return;
        }
        let mut query = Vec::new();
        let mut query_opaque = false;
        let mut body = None;
        for link in later {
            let Some(first) = link.args.first() else {
                continue;
            };
            match link.name.to_string().as_str() {
                "query" => match query_pairs(first) {
                    Some(keys) => query.extend(keys),
                    None => query_opaque = true,
                },
                "json" | "send_json" => {
                    body = Some(Body {
                        kind: BodyKind::Json,
                        keys: json_keys(first),
                    })
                }
                "form" | "send_form" => {
                    body = Some(Body {
                        kind: BodyKind::Form,
                        keys: None,
                    })
                }
                "multipart" => {
                    body = Some(Body {
                        kind: BodyKind::Multipart,
                        keys: None,
                    })
                }
                "body" | "send_string" | "send_bytes" => {
                    body = Some(Body {
                        kind: BodyKind::Raw,
                        keys: None,
                    })
                }
                _ => {}
            }
        }
        let site = self.site(verb_span);
        self.calls.push(HttpCall {
            file: self.path.to_string(),
            line: site.line,
            column: site.column,
            function: self.function.clone().unwrap_or_default(),
            method,
            method_site: Some(site),
            url,
            query,
            query_opaque,
            body,
        });
    }

    fn with_function(&mut self, name: String, body: impl FnOnce(&mut Self)) {
        let saved_fn = self.function.replace(name);
        let saved_env = std::mem::take(&mut self.env);
        let saved_scopes = std::mem::take(&mut self.scopes);
        body(self);
        self.function = saved_fn;
        self.env = saved_env;
        self.scopes = saved_scopes;
    }

    /// Run `body` in a new scope: names it binds are gone afterwards.
    fn scoped(&mut self, body: impl FnOnce(&mut Self)) {
        let depth = self.env.len();
        self.scopes.push(depth);
        body(self);
        self.scopes.pop();
        self.env.truncate(depth);
    }

    /// Give `name` a new value. A change made in an inner scope (an `if`, a loop, a closure) to a
    /// variable of an outer one may or may not happen, so the variable is no longer known;
    /// unless the change only adds a query (`url = format!("{url}?q={q}")`), which leaves the
    /// path as it was.
    fn update(&mut self, name: &str, value: Option<UrlValue>) {
        let Some(index) = self.env.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        let scope_start = self.scopes.last().copied().unwrap_or(0);
        let new = value.map_or(Binding::Opaque, Binding::Value);
        if index >= scope_start {
            self.env[index].1 = new;
            return;
        }
        let only_adds_query = match (&self.env[index].1, &new) {
            (Binding::Value(old), Binding::Value(new)) => adds_only_query(old, new),
            _ => false,
        };
        if !only_adds_query {
            self.env[index].1 = Binding::Opaque;
        }
    }

    /// `name` gets `pieces` appended (`push_str`, `+=`, `write!`).
    fn append(&mut self, name: &str, pieces: Vec<Piece>) {
        let mut value = match self.env.iter().rev().find(|(n, _)| n == name) {
            Some((_, Binding::Value(value))) => value.clone().indirect(),
            Some((_, Binding::Runtime(hole))) => UrlValue {
                pieces: vec![Piece::Hole(hole.clone())],
                literal: None,
            },
            _ => return,
        };
        value.pieces.extend(pieces);
        self.update(name, Some(value));
    }
}

impl<'a> Visit<'a> for Extractor<'a> {
    fn visit_item_mod(&mut self, node: &'a syn::ItemMod) {
        if !is_test_code(&node.attrs) {
            visit::visit_item_mod(self, node);
        }
    }

    fn visit_item_fn(&mut self, node: &'a syn::ItemFn) {
        if !is_test_code(&node.attrs) {
            self.with_function(node.sig.ident.to_string(), |this| {
                visit::visit_item_fn(this, node)
            });
        }
    }

    fn visit_impl_item_fn(&mut self, node: &'a syn::ImplItemFn) {
        if !is_test_code(&node.attrs) {
            self.with_function(node.sig.ident.to_string(), |this| {
                visit::visit_impl_item_fn(this, node)
            });
        }
    }

    fn visit_trait_item_fn(&mut self, node: &'a syn::TraitItemFn) {
        self.with_function(node.sig.ident.to_string(), |this| {
            visit::visit_trait_item_fn(this, node)
        });
    }

    fn visit_block(&mut self, node: &'a syn::Block) {
        self.scoped(|this| visit::visit_block(this, node));
    }

    // Closures, loops, arms and `if let` bind names for their own body only.
    fn visit_expr_closure(&mut self, node: &'a syn::ExprClosure) {
        self.scoped(|this| visit::visit_expr_closure(this, node));
    }

    fn visit_expr_for_loop(&mut self, node: &'a syn::ExprForLoop) {
        self.visit_expr(&node.expr);
        self.scoped(|this| {
            this.visit_pat(&node.pat);
            this.visit_block(&node.body);
        });
    }

    fn visit_expr_while(&mut self, node: &'a syn::ExprWhile) {
        self.scoped(|this| visit::visit_expr_while(this, node));
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

    /// Any name a pattern binds hides an outer binding of that name.
    fn visit_pat_ident(&mut self, node: &'a syn::PatIdent) {
        self.env.push((node.ident.to_string(), Binding::Opaque));
        visit::visit_pat_ident(self, node);
    }

    fn visit_local(&mut self, node: &'a syn::Local) {
        // The initializer runs before the name is bound: visit it with the outer scope.
        if let Some(init) = &node.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        match bound_ident(&node.pat) {
            Some(name) => {
                let binding = match &node.init {
                    Some(init) => match self.eval(&init.expr) {
                        Some(value) => Binding::Value(value),
                        None => Binding::Runtime(Hole {
                            name: hole_name(&init.expr),
                            expr: self.text_of(peel(&init.expr)),
                            placeholder: None,
                        }),
                    },
                    None => Binding::Opaque,
                };
                self.env.push((name, binding));
            }
            None => self.visit_pat(&node.pat),
        }
    }

    fn visit_expr_assign(&mut self, node: &'a syn::ExprAssign) {
        self.visit_expr(&node.right);
        if let Some(name) = plain_ident(&node.left) {
            let value = self.eval(&node.right);
            self.update(&name, value);
        }
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
            return;
        }
        let Ok(args) = node.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) else {
            return;
        };
        let mut args = args.into_iter();
        let target = args.next().as_ref().and_then(plain_ident);
        let rest: Punctuated<Expr, Token![,]> = args.collect();
        if let Some(name) = target {
            let appended = self.eval_format(&rest).map(|v| v.indirect().pieces);
            match appended {
                Some(pieces) => self.append(&name, pieces),
                None => self.update(&name, None),
            }
        }
    }

    fn visit_expr_method_call(&mut self, node: &'a syn::ExprMethodCall) {
        // `url.push_str("/x")`
        if node.method == "push_str" && node.args.len() == 1 {
            if let (Some(name), Some(arg)) = (plain_ident(&node.receiver), node.args.first()) {
                let appended = self.piece_for(arg, None);
                self.append(&name, appended);
            }
        }
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
            if let [.., krate, verb] = segments.as_slice() {
                if let (Some(method), true, Some(url)) = (
                    verb_method(verb),
                    HTTP_CRATES.contains(&krate.as_str()),
                    node.args.first(),
                ) {
                    let span = func
                        .path
                        .segments
                        .last()
                        .map_or(func.span(), |s| s.ident.span());
                    self.record(method, span, url, &node.func, &[]);
                }
            }
        }
        visit::visit_expr_call(self, node);
    }
}

/// The links that shape the request: those after the verb, up to and including the one that
/// sends it (what follows, such as `.json()` on the response, reads the response).
fn request_links<'l, 'e>(after_verb: &'l [Link<'e>]) -> Vec<&'l Link<'e>> {
    let mut out = Vec::new();
    for link in after_verb {
        if request_of(link).is_some() {
            break;
        }
        out.push(link);
        let name = link.name.to_string();
        if SEND_LINKS.contains(&name.as_str()) {
            break;
        }
    }
    out
}

/// Links that send the request; what comes after them is about the response.
const SEND_LINKS: &[&str] = &[
    "send",
    "call",
    "send_json",
    "send_string",
    "send_form",
    "send_bytes",
];

/// `(method, url argument)` when a chain link sends a request.
fn request_of<'e>(link: &Link<'e>) -> Option<(Method, &'e Expr)> {
    let name = link.name.to_string();
    if let Some(method) = verb_method(&name) {
        if link.args.len() == 1 {
            return link.args.first().map(|url| (method, url));
        }
        return None;
    }
    if name == "request" && link.args.len() == 2 {
        let method = method_value(link.args.first()?)?;
        return link.args.iter().nth(1).map(|url| (method, url));
    }
    None
}

/// `Method::POST`, `reqwest::Method::POST`, `http::Method::POST`.
fn method_value(expr: &Expr) -> Option<Method> {
    match expr {
        Expr::Path(p) => {
            let segments = &p.path.segments;
            let last = segments.last()?.ident.to_string();
            let owner = segments.iter().rev().nth(1)?.ident.to_string();
            (owner == "Method").then(|| Method::parse(&last)).flatten()
        }
        _ => None,
    }
}

/// The value under `&`, parentheses and conversions: `&self.base_url.clone()` → `self.base_url`.
fn peel(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => peel(&r.expr),
        Expr::Paren(p) => peel(&p.expr),
        Expr::Group(g) => peel(&g.expr),
        Expr::MethodCall(call) if call.args.is_empty() && is_conversion(&call.method) => {
            peel(&call.receiver)
        }
        other => other,
    }
}

fn is_conversion(method: &syn::Ident) -> bool {
    matches!(
        method.to_string().as_str(),
        "as_str" | "to_string" | "to_owned" | "clone" | "into" | "as_ref" | "borrow" | "as_deref"
    )
}

/// `http://…`, `https://…`: nothing but a URL starts like that.
fn is_absolute(url: &UrlValue) -> bool {
    matches!(url.pieces.first(), Some(Piece::Text { text, .. })
        if text.starts_with("http://") || text.starts_with("https://"))
}

/// The name a hole takes after its argument: `name`, `self.base_url` → `base_url`,
/// `encode(&path)` → `path`, `sandbox.id()` → `id`.
fn hole_name(expr: &Expr) -> String {
    match expr {
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(|| "value".to_string(), |s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(ident) => ident.to_string(),
            syn::Member::Unnamed(_) => hole_name(&f.base),
        },
        Expr::Reference(r) => hole_name(&r.expr),
        Expr::Paren(p) => hole_name(&p.expr),
        Expr::Group(g) => hole_name(&g.expr),
        Expr::Unary(u) => hole_name(&u.expr),
        Expr::MethodCall(call) if call.args.is_empty() && is_conversion(&call.method) => {
            hole_name(&call.receiver)
        }
        Expr::MethodCall(call) if call.args.is_empty() => call.method.to_string(),
        Expr::Call(call) if call.args.len() == 1 => call
            .args
            .first()
            .map_or_else(|| "value".to_string(), hole_name),
        _ => "value".to_string(),
    }
}

/// `name` in `name = …`, `name += …`, `name.push_str(…)`, `write!(&mut name, …)`.
fn plain_ident(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        Expr::Reference(r) => plain_ident(&r.expr),
        Expr::Paren(p) => plain_ident(&p.expr),
        _ => None,
    }
}

/// `new` is `old` followed by a query (`?…` or `&…`) and nothing else.
fn adds_only_query(old: &UrlValue, new: &UrlValue) -> bool {
    // Compare as text with holes marked by their expressions, so that how the pieces happen
    // to be cut does not matter.
    let render = |value: &UrlValue| -> String {
        value
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => text.clone(),
                Piece::Hole(h) => format!("\u{0}{}\u{0}", h.expr),
            })
            .collect()
    };
    let (old, new) = (render(old), render(new));
    new.strip_prefix(&old)
        .is_some_and(|rest| rest.starts_with('?') || rest.starts_with('&'))
}

fn bound_ident(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(p) => Some(p.ident.to_string()),
        syn::Pat::Type(t) => bound_ident(&t.pat),
        _ => None,
    }
}

/// `#[cfg(test)]`, `#[test]`, `#[tokio::test]`: test code is not the client.
fn is_test_code(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path.is_ident("cfg") {
            return attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test");
        }
        path.segments.last().is_some_and(|s| s.ident == "test")
    })
}

/// String `const`s and `static`s at any depth of the file.
fn collect_consts(file: &syn::File, src: &str) -> HashMap<String, UrlValue> {
    struct Consts<'s> {
        out: HashMap<String, UrlValue>,
        _src: &'s str,
    }
    impl<'ast> Visit<'ast> for Consts<'_> {
        fn visit_item_const(&mut self, node: &'ast syn::ItemConst) {
            if let Some(text) = string_literal(&node.expr) {
                self.out
                    .insert(node.ident.to_string(), UrlValue::text(text, false));
            }
        }
        fn visit_item_static(&mut self, node: &'ast syn::ItemStatic) {
            if let Some(text) = string_literal(&node.expr) {
                self.out
                    .insert(node.ident.to_string(), UrlValue::text(text, false));
            }
        }
        fn visit_impl_item_const(&mut self, node: &'ast syn::ImplItemConst) {
            if let Some(text) = string_literal(&node.expr) {
                self.out
                    .insert(node.ident.to_string(), UrlValue::text(text, false));
            }
        }
    }
    let mut consts = Consts {
        out: HashMap::new(),
        _src: src,
    };
    consts.visit_file(file);
    consts.out
}

fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Keys of `&[("k", v), ...]`; `None` when the query is not such a literal list.
fn query_pairs(expr: &Expr) -> Option<Vec<String>> {
    let expr = match expr {
        Expr::Reference(r) => &*r.expr,
        other => other,
    };
    let elems = match expr {
        Expr::Array(a) => &a.elems,
        _ => return None,
    };
    elems
        .iter()
        .map(|elem| match elem {
            Expr::Tuple(t) => t.elems.first().and_then(string_literal),
            _ => None,
        })
        .collect()
}

/// Top-level keys of `json!({ "k": v, ... })`.
fn json_keys(expr: &Expr) -> Option<Vec<String>> {
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
    if group.delimiter() != proc_macro2::Delimiter::Brace {
        return None;
    }
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let mut keys = Vec::new();
    let mut expect_key = true;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Punct(p) if p.as_char() == ',' => expect_key = true,
            TokenTree::Literal(lit) if expect_key => {
                let is_key =
                    matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if is_key {
                    if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&lit.to_string()) {
                        keys.push(s.value());
                    }
                }
                expect_key = false;
            }
            _ => expect_key = false,
        }
    }
    Some(keys)
}
