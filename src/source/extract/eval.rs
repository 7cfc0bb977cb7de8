//! Evaluating string expressions: literals, `format!`, `concat!`, `+`, bindings and consts,
//! and keeping track of the bindings as the visitor walks a fn.

use super::{Binding, Extractor};
use crate::source::facts::{ArgValue, Callee};
use crate::source::fmt::{self, ArgRef, FmtPiece};
use crate::source::url::{Hole, LiteralSite, Origin, Piece, UrlValue};
use crate::spec::Method;
use std::collections::HashMap;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprMacro, Lit, Token};

impl<'a> Extractor<'a> {
    pub(super) fn lookup(&self, name: &str) -> Option<UrlValue> {
        if let Some((_, value)) = self
            .block_values
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
        {
            return Some(value.clone());
        }
        match self.env.iter().rev().find(|(n, _)| n == name) {
            Some((_, Binding::Value(value))) => Some(value.clone()),
            Some((_, Binding::Given(values))) => match values.as_slice() {
                [value] => Some(value.clone()),
                _ => None,
            },
            Some((
                _,
                Binding::Runtime(..)
                | Binding::Param(_)
                | Binding::ParamPart(..)
                | Binding::Field(_)
                | Binding::Map(_)
                | Binding::Json(_)
                | Binding::Pairs(_)
                | Binding::Element(..)
                | Binding::Opaque
                | Binding::Unset,
            )) => None,
            None => self.consts.get(name).cloned().map(UrlValue::indirect),
        }
    }

    /// Branches giving one URL on different hosts (square-ox's `match self.client_mode {
    /// Production => format!("{}{}", SQUARE_PRODUCTION_BASE, end_point), Sandboxed =>
    /// format!("{}{}", SQUARE_SANDBOX_BASE, end_point) }`): the same path, read on the first
    /// host. Each must be an absolute URL with a path; anything else is no such choice.
    fn eval_hosts_apart<'e>(
        &self,
        branches: impl IntoIterator<Item = &'e Expr>,
    ) -> Option<UrlValue> {
        let mut first: Option<(UrlValue, String)> = None;
        for branch in branches {
            let value = self.eval(branch)?;
            let text = crate::source::url::expr_text(&value.pieces);
            let (_, after_scheme) = text.split_once("://")?;
            // (Bases alone are no URL chosen: `if prod { PROD } else { LOCAL }` is a base.)
            let path = &after_scheme[after_scheme.find('/')?..];
            match &first {
                None => first = Some((value.clone(), path.to_string())),
                Some((_, known)) if known == path => {}
                Some(_) => return None,
            }
        }
        first.map(|(value, _)| value)
    }

    /// `if pk { format!("{base}/docs?primaryKey={pk}") } else { format!("{base}/docs") }`:
    /// two URLs that differ only by a query are that path (the query is not always sent).
    fn eval_if(&self, branch: &syn::ExprIf) -> Option<UrlValue> {
        // `if !path.contains('?') { "?" } else if path.ends_with('?') { "" } else {
        // "&" }`: where the query starts (ptvrs's `rq`), whichever it is.
        if chooses_a_query_separator(branch) {
            return Some(UrlValue::text("?", false));
        }
        let (then, otherwise, simple) = if_values(branch)?;
        // `if get { self.full_url(&e, Some(query)) } else { self.full_url(&e, None) }`:
        // one helper, given an optional extra or not: the URL without it.
        if let Some(plain) = same_call_but_an_option(then, otherwise) {
            return self.eval(plain);
        }
        // Otherwise only branches that are one expression each are compared.
        if !simple {
            return None;
        }
        // `if n == 0 { String::new() } else { format!("&limit={n}") }`
        if let Some(nothing) = self.eval_optional_pairs([then, otherwise]) {
            return Some(nothing);
        }
        let (then, otherwise) = (self.eval(then)?, self.eval(otherwise)?);
        // `if let Some(p) = params { Url::parse_with_params(url.as_str(), p)? } else {
        // url }`: the same URL either way.
        if then.pieces == otherwise.pieces {
            return Some(then);
        }
        // The one with the query: its keys may be sent.
        if adds_only_query(&otherwise, &then) {
            Some(then.indirect())
        } else if adds_only_query(&then, &otherwise) {
            Some(otherwise.indirect())
        } else {
            None
        }
    }

    /// The text of `<Type as Trait>::NAME` or `Type::NAME` (`Self::NAME` in an impl) when a
    /// trait impl of this file gives `Type` that const.
    fn assoc_const_text(&self, path: &syn::ExprPath) -> Option<UrlValue> {
        // (Most files have no such const; most paths are no const: `Method::GET`.)
        if self.facts.assoc_consts.is_empty() {
            return None;
        }
        let name = path.path.segments.last()?.ident.to_string();
        let owner = match &path.qself {
            Some(qself) => match &*qself.ty {
                syn::Type::Path(ty) => ty.path.segments.last()?.ident.to_string(),
                _ => return None,
            },
            None if path.path.segments.len() == 2 => {
                let owner = path.path.segments.first()?.ident.to_string();
                if owner == "Self" {
                    self.owner.clone()?
                } else {
                    owner
                }
            }
            None => return None,
        };
        self.facts.assoc_consts.iter().find_map(|c| match &c.value {
            crate::source::facts::AssocValue::Text(value)
                if c.name == name && c.owner.as_deref() == Some(owner.as_str()) =>
            {
                Some(value.clone().indirect())
            }
            _ => None,
        })
    }

    /// Evaluate a string expression; `None` when it is not something we can follow.
    pub(super) fn eval(&self, expr: &Expr) -> Option<UrlValue> {
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
            // `<NeoFeed as Client<P>>::BASE_URL`, `NeoFeed::BASE_URL`: a trait impl's const of
            // this file, by type.
            Expr::Path(path) if path.path.get_ident().is_none() => self.assoc_const_text(path),
            Expr::Path(path) => path
                .path
                .get_ident()
                .and_then(|i| self.lookup(&i.to_string())),
            Expr::Reference(r) => self.eval(&r.expr),
            // `&*url`
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.eval(&u.expr),
            // `&format!(..)[..]`: the whole string.
            Expr::Index(_) if !std::ptr::eq(peel(expr), expr) => self.eval(peel(expr)),
            Expr::Paren(p) => self.eval(&p.expr),
            Expr::Group(g) => self.eval(&g.expr),
            Expr::MethodCall(call) if keeps_string(call) => self.eval(&call.receiver),
            // `uri::Builder::new().scheme(proto).authority(host).path_and_query(slug).build()`
            Expr::MethodCall(call) if call.method == "build" && call.args.is_empty() => {
                self.eval_uri_builder(&call.receiver)
            }
            // `self.url_for(path).unwrap_or_else(|_| format!("{}/{}", self.base, path))`: the
            // value, or else the fallback (which says what the value is, when a helper makes it).
            Expr::MethodCall(call) if is_fallback(call) => {
                // `name.map(|n| ..).unwrap_or(..)` on an `Option` parameter: its caller picks.
                if let Some(chosen) = self.eval_optional_chain(call) {
                    return Some(chosen);
                }
                if let Some(value) = self.eval(&call.receiver) {
                    return Some(value);
                }
                // Only what a helper makes is said by its fallback: `symbol.into()
                // .unwrap_or("".into())` is the caller's symbol, not "".
                let made_by_a_helper = matches!(self.origin_of(&call.receiver),
                    Origin::Call(made) if !made.0.on_value);
                if !made_by_a_helper {
                    return None;
                }
                match call.args.first()? {
                    Expr::Closure(closure) if closure.inputs.len() <= 1 => self.eval(&closure.body),
                    Expr::Closure(_) => None,
                    fallback => self.eval(fallback),
                }
            }
            Expr::Try(t) => self.eval(&t.expr),
            // `{ format!(..) }` (a `match` arm's braces, a macro's body), `{ let mut save =
            // base.clone().to_string(); save.push_str("/api"); save }`
            Expr::Block(b) => self.eval_block(&b.block),
            // `String::new()`: nothing yet (`write!(url, ..)` and `push_str` add to it).
            Expr::Call(call) if is_empty_string(call) => Some(UrlValue::text("", false)),
            // `[base, "v1", "items", id].join("/")`, `vec![..].join("/")`, `[..].concat()`
            Expr::MethodCall(call)
                if (call.method == "join" || call.method == "concat")
                    && is_list_literal(&call.receiver) =>
            {
                self.eval_joined(call)
            }
            // `match pagination { Default => String::new(), Max(n) => format!("&max={n}") }`
            Expr::Match(choice)
                if choice.arms.len() >= 2
                    && self
                        .eval_optional_pairs(choice.arms.iter().map(|arm| &*arm.body))
                        .is_some() =>
            {
                Some(UrlValue::text("", false))
            }
            // `match Url::parse(&ep) { Ok(url) => url, Err(e) => return Err(..) }`
            Expr::Match(choice) if unwraps(choice) => self.eval(&choice.expr),
            // `match query_params { Some(params) => format!("{}{}", url, to_string(&params)),
            // None => url }`: the URL, which a query may follow.
            Expr::Match(choice) if choice.arms.len() == 2 => self
                .eval_optional_query(choice)
                .or_else(|| self.eval_optional_match(choice))
                .or_else(|| self.eval_hosts_apart(choice.arms.iter().map(|arm| &*arm.body))),
            // `match self.mode { Production => format!("{PROD}{e}"), Sandbox => .. }`
            Expr::Match(choice) if choice.arms.len() > 2 => {
                self.eval_hosts_apart(choice.arms.iter().map(|arm| &*arm.body))
            }
            Expr::MethodCall(call)
                if ident_in(
                    &call.method,
                    &["map_or", "map_or_else", "unwrap_or_default"],
                ) =>
            {
                self.eval_optional_chain(call)
            }
            // `Url::parse(&s)`, `Url::from_str(&s)`: the URL is the string.
            Expr::Call(call) if is_url_parse(call) => call.args.first().and_then(|a| self.eval(a)),
            // `Ok(url)`, `Some(url)`: a helper returning `Result<Url>` returns the URL.
            Expr::Call(call) if is_wrapping_variant(call) => self.eval(call.args.first()?),
            // `let url = |p: &str| format!("{}{}", self.base, p); .. url("/users")`
            Expr::Call(call) => self.eval_closure_call(call),
            // `segments.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("/")` of a
            // parameter: the caller's segments (see `segments`), as a path.
            Expr::MethodCall(call)
                if call.method == "join"
                    && call.args.len() == 1
                    && string_literal(peel(call.args.first()?)).as_deref() == Some("/") =>
            {
                self.joined_param_segments(&call.receiver)
            }
            // `parts.join("?")`: a list joined by a separator, not a URL.
            Expr::MethodCall(call)
                if call.method == "join"
                    && call.args.len() == 1
                    && string_literal(peel(call.args.first()?)).is_some_and(|sep| {
                        sep != "/" && sep.chars().all(|c| !c.is_alphanumeric())
                    }) =>
            {
                self.eval_list_joined(call)
            }
            // `base.join("users/me")`: resolve a relative reference against a base URL.
            Expr::MethodCall(call) if call.method == "join" && call.args.len() == 1 => {
                let arg = call.args.first()?;
                let relative = match self.eval(arg) {
                    Some(relative) => relative,
                    // `base.join("crates/")?.join(name)`: a runtime segment joined to a URL
                    // we know is a hole in it (but `parts.join(sep)` of unknown parts is not).
                    // `self.base_url.join(path)` in a helper: the caller's path joined to the
                    // API's root.
                    None => {
                        // Also `self.base_url.join(INDEX_API_PATH)`, a const of another
                        // file (or one filled in by hand), which linking reads.
                        let hole = self.hole(arg, None);
                        let known_later = matches!(
                            hole.origin,
                            Origin::Param { .. }
                                | Origin::Free(_)
                                | Origin::Filled(_)
                                | Origin::Optional(_)
                        );
                        if !(known_later && names_a_base(&call.receiver)) {
                            self.eval(&call.receiver)?;
                        }
                        UrlValue {
                            pieces: vec![Piece::Hole(hole)],
                            literal: None,
                        }
                    }
                };
                Some(self.join(&call.receiver, relative))
            }
            // `"/users/{id}".replace("{id}", &id)`: a template filled in by hand.
            Expr::MethodCall(call) if call.method == "replace" && call.args.len() == 2 => {
                let pattern = self.eval(call.args.first()?)?.as_constant()?;
                if pattern.is_empty() {
                    return None;
                }
                let Some(template) = self.eval(&call.receiver) else {
                    // `consts::STACK.replace("{id}", &id)`, a const of another file: filled in
                    // once linking knows its text.
                    let mut hole = self.hole(&call.receiver, None);
                    let Origin::Free(name) = &hole.origin else {
                        return None;
                    };
                    hole.origin = Origin::Filled(Box::new(crate::source::url::Filled {
                        name: name.clone(),
                        pattern,
                        filler: self.piece_for(call.args.last()?, None),
                    }));
                    return Some(UrlValue {
                        pieces: vec![Piece::Hole(hole)],
                        literal: None,
                    });
                };
                let filler = self.piece_for(call.args.last()?, None);
                let mut pieces = Vec::new();
                for piece in template.indirect().pieces {
                    let Piece::Text { text, direct } = piece else {
                        pieces.push(piece);
                        continue;
                    };
                    let mut parts = text.split(pattern.as_str());
                    if let Some(first) = parts.next() {
                        pieces.push(Piece::Text {
                            text: first.to_string(),
                            direct,
                        });
                    }
                    for part in parts {
                        pieces.extend(filler.iter().cloned());
                        pieces.push(Piece::Text {
                            text: part.to_string(),
                            direct,
                        });
                    }
                }
                pieces.retain(|p| !matches!(p, Piece::Text { text, .. } if text.is_empty()));
                Some(UrlValue {
                    pieces,
                    literal: None,
                })
            }
            // An `if let Some(x) = opt` on a parameter that `eval_if` cannot read as one URL
            // is a choice its callers make (`eval_optional_if`).
            Expr::If(branch) => self
                .eval_if(branch)
                .or_else(|| self.eval_optional_if(branch))
                .or_else(|| {
                    let (then, otherwise, _) = if_values(branch)?;
                    self.eval_hosts_apart([then, otherwise])
                }),
            Expr::Binary(bin) if matches!(bin.op, syn::BinOp::Add(_)) => {
                // `base + "/users/" + id`: either side may be a runtime value, but one of
                // them must be text we know, or this is not string building.
                let left = self.piece_for(&bin.left, None);
                let right = self.piece_for(&bin.right, None);
                // Text, or a value named like a URL (`self.uri.to_string() + path`).
                let known = |p: &[Piece]| {
                    p.iter().any(|p| match p {
                        Piece::Text { .. } => true,
                        Piece::Hole(h) => {
                            matches!(h.origin, Origin::SelfField { .. }) || names_a_url(&h.name)
                                // a route table's string (`&route.to_string()`)
                                || matches!(&h.origin, Origin::Call(call) if call.0.on_value)
                        }
                    })
                };
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

    /// A list parameter's items as they are (`param.iter().map(|s| s.to_string()).collect::<Vec<
    /// String>>()`, `param.to_vec()`, `param`): that parameter, whose callers give segments.
    fn joined_param_segments(&self, list: &Expr) -> Option<UrlValue> {
        let mut list = peel(list);
        while let Expr::MethodCall(call) = list {
            let keeps_items = ident_in(
                &call.method,
                &[
                    "iter",
                    "into_iter",
                    "map",
                    "cloned",
                    "collect",
                    "to_vec",
                    "clone",
                ],
            );
            if !keeps_items {
                return None;
            }
            list = peel(&call.receiver);
        }
        let hole = self.hole(list, None);
        matches!(hole.origin, Origin::Param { .. }).then(|| UrlValue {
            pieces: vec![Piece::Hole(hole)],
            literal: None,
        })
    }

    /// A block of `let`s and `push_str`s ending in a string, as one value: what a macro that
    /// builds a URL expands to (qbittorrent's `push_own!{self.address, "/api/v2/app/version"}`
    /// is `{ let mut save = self.address.clone().to_string(); save.push_str("/api/v2/app/
    /// version"); save }`). Any other statement makes it unknown.
    fn eval_block(&self, block: &syn::Block) -> Option<UrlValue> {
        let (tail, statements) = block.stmts.split_last()?;
        // (`{ let save = &self.address; push_own!{save, ..} }`: a macro in braces last is
        // the block's value too.)
        let tail_macro;
        let tail = match tail {
            syn::Stmt::Expr(tail, None) => tail,
            syn::Stmt::Macro(m) if m.semi_token.is_none() => {
                tail_macro = Expr::Macro(ExprMacro {
                    attrs: Vec::new(),
                    mac: m.mac.clone(),
                });
                &tail_macro
            }
            _ => return None,
        };
        let mark = self.block_values.borrow().len();
        let value = (|| {
            for statement in statements {
                match statement {
                    syn::Stmt::Local(local) => {
                        // `let s`, `let mut s`, `let s: String`
                        let pat = match &local.pat {
                            syn::Pat::Type(typed) => &*typed.pat,
                            other => other,
                        };
                        let syn::Pat::Ident(name) = pat else {
                            return None;
                        };
                        let init = &local.init.as_ref()?.expr;
                        let value = UrlValue {
                            pieces: self.piece_for(init, None),
                            literal: None,
                        };
                        self.block_values
                            .borrow_mut()
                            .push((name.ident.to_string(), value));
                    }
                    syn::Stmt::Expr(Expr::MethodCall(call), Some(_))
                        if call.method == "push_str" && call.args.len() == 1 =>
                    {
                        let name = plain_ident(&call.receiver)?;
                        let added = self.piece_for(call.args.first()?, None);
                        let mut values = self.block_values.borrow_mut();
                        let (_, value) = values.iter_mut().rev().find(|(n, _)| *n == name)?;
                        value.pieces.extend(added);
                    }
                    _ => return None,
                }
            }
            self.eval(tail)
        })();
        self.block_values.borrow_mut().truncate(mark);
        value
    }

    /// An `http` URI builder's chain (`uri::Builder::new().scheme(proto).authority(host)
    /// .path_and_query(slug)`): the authority, then the path given.
    fn eval_uri_builder(&self, chain: &Expr) -> Option<UrlValue> {
        let mut path = None;
        let mut authority = None;
        let mut link = chain;
        while let Expr::MethodCall(call) = link {
            match (call.method.to_string().as_str(), call.args.first()) {
                ("path_and_query", Some(arg)) if path.is_none() => path = Some(arg),
                ("authority", Some(arg)) => authority = Some(arg),
                ("scheme", _) => {}
                _ => return None,
            }
            link = &call.receiver;
        }
        let Expr::Call(start) = link else {
            return None;
        };
        let made_by = |owner: &str, name: &str| {
            matches!(&*start.func, Expr::Path(p) if {
                let mut names = p.path.segments.iter().rev();
                names.next().is_some_and(|s| s.ident == name)
                    && names.next().is_some_and(|s| s.ident == owner)
            })
        };
        // `uri::Builder::from(base)`: the base URI's scheme and authority, with a new path.
        let from_base = made_by("Builder", "from") && start.args.len() == 1;
        if !(made_by("Builder", "new") || made_by("Uri", "builder") || from_base) {
            return None;
        }
        let base = match start.args.first() {
            Some(base) if from_base => base,
            _ => authority.unwrap_or(link),
        };
        let mut pieces = vec![Piece::Hole(self.hole(base, None))];
        pieces.extend(self.piece_for(path?, None));
        Some(UrlValue {
            pieces,
            literal: None,
        })
    }

    /// A call of a closure bound here (`url("/users")` after `let url = |p: &str|
    /// format!("{}{}", self.base, p)`): its body, each parameter's hole filled with the
    /// argument given. Parameters must be plain names that no binding in scope hides.
    fn eval_closure_call(&self, call: &syn::ExprCall) -> Option<UrlValue> {
        let name = plain_ident(&call.func)?;
        let Some((_, Binding::Runtime(_, Expr::Closure(closure)))) =
            self.env.iter().rev().find(|(n, _)| *n == name)
        else {
            return None;
        };
        if closure.inputs.len() != call.args.len() {
            return None;
        }
        let mut params = Vec::new();
        for input in &closure.inputs {
            let pat = match input {
                syn::Pat::Type(typed) => &*typed.pat,
                other => other,
            };
            let syn::Pat::Ident(ident) = pat else {
                return None;
            };
            let param = ident.ident.to_string();
            if self.env.iter().any(|(n, _)| *n == param) || self.consts.contains_key(&param) {
                return None;
            }
            params.push(param);
        }
        let body = self.eval(&closure.body)?;
        let mut pieces = Vec::new();
        for piece in body.indirect().pieces {
            let given = match &piece {
                Piece::Hole(hole) if matches!(&hole.origin, Origin::Free(n) if params.contains(n)) => {
                    params.iter().position(|p| *p == hole.expr)
                }
                _ => None,
            };
            match given.and_then(|i| call.args.iter().nth(i)) {
                Some(arg) => pieces.extend(self.piece_for(arg, None)),
                None => pieces.push(piece),
            }
        }
        Some(UrlValue {
            pieces,
            literal: None,
        })
    }

    /// The parts of a list literal joined by a literal separator (`.join("/")`), or by none
    /// (`.concat()`): each part's text, or a hole.
    fn eval_joined(&self, call: &syn::ExprMethodCall) -> Option<UrlValue> {
        let parts = listed(&call.receiver)?;
        let separator = match call.args.first() {
            None => String::new(),
            Some(sep) => string_literal(peel(sep))?,
        };
        let mut pieces = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 && !separator.is_empty() {
                pieces.push(Piece::Text {
                    text: separator.clone(),
                    direct: false,
                });
            }
            pieces.extend(self.piece_for(part, None));
        }
        let has_text = pieces.iter().any(|p| matches!(p, Piece::Text { .. }));
        has_text.then_some(UrlValue {
            pieces,
            literal: None,
        })
    }

    /// `let mut path = vec!["/networks".to_owned()]; if .. { path.push(query) } path.join("?")`:
    /// a path and, maybe, its query: the path. Other lists joined by other separators (`&`,
    /// `,`) are no URL.
    fn eval_list_joined(&self, call: &syn::ExprMethodCall) -> Option<UrlValue> {
        if string_literal(peel(call.args.first()?))? != "?" {
            return None;
        }
        let name = plain_ident(&call.receiver)?;
        let init = match self.env.iter().rev().find(|(n, _)| *n == name)? {
            (_, Binding::Runtime(_, init)) => *init,
            _ => return None,
        };
        let first = listed(init)?.into_iter().next()?;
        let path = self.eval(&first)?;
        Some(path.indirect())
    }

    /// A `match` on an optional query (a value named like one): the URL of its `None` arm,
    /// when its `Some` arm's URL is that one followed by more.
    fn eval_optional_query(&self, choice: &syn::ExprMatch) -> Option<UrlValue> {
        let name = hole_name(&choice.expr).to_ascii_lowercase();
        if !(name.contains("query") || name.contains("param")) {
            return None;
        }
        let is_none = super::optional::is_none;
        let (none, some) = match (&choice.arms[0], &choice.arms[1]) {
            (a, b) if is_none(&a.pat) => (a, b),
            (a, b) if is_none(&b.pat) => (b, a),
            _ => return None,
        };
        let (without, with) = (self.eval(&none.body)?, self.eval(&some.body)?);
        let (without_pieces, with_pieces) = (without.indirect().pieces, with.indirect().pieces);
        // What the `Some` arm adds must read as a query: `?`/`&` text, or a value named
        // for one (`query_params_to_string(&params)`), not a segment (`format!("{}/{}", url,
        // id)`).
        let extends = with_pieces.len() > without_pieces.len()
            && with_pieces[..without_pieces.len()] == without_pieces[..]
            && match &with_pieces[without_pieces.len()] {
                Piece::Text { text, .. } => text.starts_with(['?', '&']),
                Piece::Hole(hole) => {
                    let named = format!("{} {}", hole.name, hole.expr).to_ascii_lowercase();
                    named.contains("query") || named.contains("param")
                }
            };
        // (Or the same URL, its query added where it is not read: `Url::parse_with_params(
        // &url_str, &params)`, as coinbase_pro_api's `get_json` does.)
        (extends || with_pieces == without_pieces).then_some(UrlValue {
            pieces: without_pieces,
            literal: None,
        })
    }

    /// `base.join(relative)` as `url::Url::join` resolves it, as far as the base is known. The
    /// relative part may hold runtime values (`join(&format!("crates/{}", name))`).
    fn join(&self, base: &Expr, relative: UrlValue) -> UrlValue {
        let relative = relative.indirect().pieces;
        let starts_with = |p: &str| matches!(relative.first(), Some(Piece::Text { text, .. }) if text.starts_with(p));
        if starts_with("http://") || starts_with("https://") {
            return UrlValue {
                pieces: relative,
                literal: None,
            };
        }
        let absolute = starts_with("/");
        let base = self.piece_for(base, None);
        let mut pieces = Vec::new();
        // The base's known text ends where its path does: keep up to its origin (for an
        // absolute reference) or up to its last `/` (a relative one replaces the last segment).
        let known_tail = match base.last() {
            Some(Piece::Text { text, .. }) => Some(text.clone()),
            _ => None,
        };
        match known_tail {
            Some(text) => {
                pieces.extend(base[..base.len() - 1].iter().cloned());
                let origin_end = text
                    .find("://")
                    .and_then(|i| text[i + 3..].find('/').map(|j| i + 3 + j))
                    .unwrap_or(if base.len() > 1 { 0 } else { text.len() });
                let keep = if absolute {
                    &text[..origin_end.min(text.len())]
                } else {
                    text.rfind('/')
                        .filter(|&i| i + 1 > origin_end)
                        .map_or(&text[..origin_end.min(text.len())], |i| &text[..=i])
                };
                let mut joined = keep.to_string();
                if !joined.ends_with('/') && !absolute {
                    joined.push('/');
                }
                pieces.push(Piece::Text {
                    text: joined,
                    direct: false,
                });
            }
            // A runtime base (`self.base_url`), taken to be the API root.
            None => {
                pieces.extend(base);
                if !absolute {
                    pieces.push(Piece::Text {
                        text: "/".to_string(),
                        direct: false,
                    });
                }
            }
        }
        pieces.extend(relative);
        UrlValue {
            pieces,
            literal: None,
        }
    }

    pub(super) fn literal_site(&self, lit: &syn::LitStr, format: bool) -> LiteralSite {
        let site = self.site(lit.span());
        let width = self
            .src
            .get(site.range.start - self.offset..site.range.end - self.offset)
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
    pub(super) fn piece_for(
        &self,
        expr: &Expr,
        placeholder: Option<fmt::Placeholder>,
    ) -> Vec<Piece> {
        match self.eval(expr) {
            Some(value) => value.indirect().pieces,
            None => vec![Piece::Hole(self.hole(expr, placeholder))],
        }
    }

    /// A hole for a value we cannot read, named after the expression, with its origin.
    /// A fn whose value is another fn's (`Ok(Uri::of(name).parse()?)`, `self.url_of(id)`) or
    /// its parameter's: a hole for that call (which the crate index expands when the callee is
    /// a helper of the crate) or parameter.
    pub(super) fn returned_call(&self, tail: &Expr) -> Option<UrlValue> {
        let mut inner = peel(tail);
        while let Expr::Call(call) = inner {
            if !is_wrapping_variant(call) {
                break;
            }
            inner = peel(call.args.first()?);
        }
        // Every fn's last expression comes here: its text is made only when it is kept.
        let origin = self.origin_of(inner);
        // `Ok(Url::parse_with_params(base.as_str(), q)?)`: the parameter, with a query added.
        let passed_on = matches!(&origin, Origin::Param { fields, .. } if fields.is_empty());
        if !passed_on && !matches!(origin, Origin::Call(_)) {
            return None;
        }
        Some(self.lone_hole(inner, origin))
    }

    /// `expr` as a value of one hole whose origin is known (its text is made here, once the
    /// value is sure to be kept).
    pub(super) fn lone_hole(&self, expr: &Expr, origin: Origin) -> UrlValue {
        UrlValue {
            pieces: vec![Piece::Hole(Hole {
                name: hole_name(expr),
                expr: self.text_of(peel(expr)),
                placeholder: None,
                origin,
            })],
            literal: None,
        }
    }

    pub(super) fn hole(&self, expr: &Expr, placeholder: Option<fmt::Placeholder>) -> Hole {
        Hole {
            name: hole_name(expr),
            expr: self.expr_text(expr),
            placeholder,
            origin: self.origin_of(expr),
        }
    }

    /// The source text a hole stands for: a local bound to a runtime value is that value
    /// (`let base = &self.toolbox_url;` makes `{base}` read `self.toolbox_url`).
    fn expr_text(&self, expr: &Expr) -> String {
        let peeled = peel(expr);
        if let Expr::Path(p) = peeled {
            if let Some(ident) = p.path.get_ident() {
                return self.name_text(&ident.to_string());
            }
        }
        self.text_of(peeled)
    }

    fn name_text(&self, name: &str) -> String {
        match self.env.iter().rev().find(|(n, _)| n == name) {
            Some((_, Binding::Runtime(_, expr))) if reads_as_a_value(expr) => {
                self.text_of(peel(expr))
            }
            _ => name.to_string(),
        }
    }

    /// Where a value we cannot read comes from: a parameter, a free name, a call.
    pub(super) fn origin_of(&self, expr: &Expr) -> Origin {
        if let Some(conversion) = self.self_converted(expr) {
            return conversion;
        }
        match peel(expr) {
            // `match method { "GET" => GET, "POST" => POST, _ => GET }` on a parameter: the
            // method the caller names, passed on as that parameter.
            choice @ Expr::Match(_) => match self.method_by_name(choice) {
                Some(crate::source::facts::MethodSource::Param { index, fields }) => {
                    Origin::Param { index, fields }
                }
                _ => Origin::Runtime,
            },
            // `if get { self.url(e, Some(q)) } else { self.url(e, None) }`: see `eval`.
            Expr::If(branch) => match if_values(branch)
                .and_then(|(then, otherwise, _)| same_call_but_an_option(then, otherwise))
            {
                Some(plain) => self.origin_of(plain),
                None => Origin::Runtime,
            },
            // `format!("{}{}", base, Endpoint::User(id))`: the text its `Display` impl writes.
            variant @ (Expr::Path(_) | Expr::Call(_)) if is_variant_expr(variant) => self
                .enum_value(variant)
                .map_or(Origin::Runtime, |value| route_lookup("fmt", None, value)),
            Expr::Path(p) => match p.path.get_ident() {
                Some(ident) => self.origin_of_name(&ident.to_string()),
                // `consts::BASE`: a constant of another module, maybe.
                None => p
                    .path
                    .segments
                    .last()
                    .map_or(Origin::Runtime, |s| Origin::Free(s.ident.to_string())),
            },
            Expr::Field(field) => {
                // `req.path`, `req.route.path`: a field of a parameter.
                let mut fields = Vec::new();
                let mut base: &Expr = &Expr::Field(field.clone());
                while let Expr::Field(f) = base {
                    match &f.member {
                        syn::Member::Named(name) => fields.push(name.to_string()),
                        syn::Member::Unnamed(index) => fields.push(index.index.to_string()),
                    }
                    base = &f.base;
                }
                fields.reverse();
                // `self.gist_path` in a method: what the constructor stores there, maybe.
                if let (Expr::Path(p), [field], Some(owner)) =
                    (base, fields.as_slice(), &self.owner)
                {
                    if p.path.is_ident("self") && names_a_url(field) {
                        return Origin::SelfField {
                            owner: owner.clone(),
                            field: field.clone(),
                        };
                    }
                }
                let origin = match base {
                    Expr::Path(p) => match p.path.get_ident() {
                        Some(ident) => match self.origin_of_name(&ident.to_string()) {
                            Origin::Param {
                                index,
                                fields: head,
                            } => Origin::Param {
                                index,
                                fields: head.into_iter().chain(fields.iter().cloned()).collect(),
                            },
                            _ => Origin::Runtime,
                        },
                        None => Origin::Runtime,
                    },
                    _ => Origin::Runtime,
                };
                // `self.urls.vod.assets`: a field of a field, perhaps of a table of paths
                // (`&'static str` fields given one literal in the crate), read by its name.
                match (origin, fields.as_slice()) {
                    (Origin::Runtime, [_, .., last]) => Origin::TableField(last.clone()),
                    (origin, _) => origin,
                }
            }
            Expr::MethodCall(call) if is_self(&call.receiver) => {
                let callee = Callee {
                    name: call.method.to_string(),
                    owner: self.self_type(),
                    on_self: true,
                    receiver: None,
                    on_value: false,
                    receiver_type: None,
                };
                let args = call.args.iter().map(|a| self.arg_value(a)).collect();
                Origin::Call(Box::new((callee, args)))
            }
            // `route.path()`: a route table's string for the variant `route` is. On a parameter
            // it is resolved once the caller's value (`Route::User(id)`) is known; on a value
            // written here (`Route::User(id).path()`, or `r` after `let r = Route::User(id)`),
            // at once.
            Expr::MethodCall(call) if call.args.is_empty() => {
                match self.route_value(&call.receiver) {
                    Some(value) => route_lookup(&call.method.to_string(), None, value),
                    // `self.url.vps_list()`: a URL builder of the field's type, which linking
                    // finds by the field's name (`url: Url`).
                    None => match self_field(&call.receiver) {
                        Some(field) => Origin::Call(Box::new((
                            Callee {
                                name: call.method.to_string(),
                                owner: None,
                                on_self: false,
                                receiver: Some(format!("self.{field}")),
                                on_value: false,
                                receiver_type: None,
                            },
                            Vec::new(),
                        ))),
                        None => self.struct_method(call).unwrap_or(Origin::Runtime),
                    },
                }
            }
            // `self.url_of(name).and_then(|url| with_query(url, params))`
            Expr::MethodCall(call) if is_combinator(call) => {
                self.combinator_origin(call).unwrap_or(Origin::Runtime)
            }
            // `self.config.url(path)`: a helper of another type, perhaps of another crate; if
            // it cannot be found, the one value it is given is what it passes on.
            Expr::MethodCall(call) if !call.args.is_empty() => {
                let callee = Callee {
                    name: call.method.to_string(),
                    owner: None,
                    on_self: false,
                    receiver: Some(String::new()),
                    on_value: false,
                    receiver_type: None,
                };
                let args = call.args.iter().map(|a| self.arg_value(a)).collect();
                Origin::Call(Box::new((callee, args)))
            }
            // `String::from(route)`: the route table of an `impl From<&Route> for String`.
            Expr::Call(call) if is_from_call(call) => {
                let Some(arg) = call.args.first() else {
                    return Origin::Runtime;
                };
                match self.route_value(arg) {
                    Some(value) => route_lookup("from", None, value),
                    // `String::from("https://…")`, `String::from(&url)`: a conversion.
                    None => self.call_origin(call),
                }
            }
            Expr::Call(call) => self.call_origin(call),
            _ => Origin::Runtime,
        }
    }

    /// The value a route table is applied to: a parameter (resolved once a caller gives its
    /// variant), or a variant written here.
    fn route_value(&self, expr: &Expr) -> Option<ArgValue> {
        if matches!(self.origin_of(expr), Origin::Param { .. }) {
            return Some(ArgValue::Text(UrlValue {
                pieces: vec![Piece::Hole(self.hole(expr, None))],
                literal: None,
            }));
        }
        self.enum_value(expr)
    }

    /// `f(args)`, `Type::f(args)`: a call to resolve once the crate is linked.
    /// `x.and_then(|url| f(url, params))`: the call of `f` the closure makes, given `x`'s
    /// value where the closure passes its parameter.
    fn combinator_origin(&self, call: &syn::ExprMethodCall) -> Option<Origin> {
        let Some(Expr::Closure(closure)) = call.args.first() else {
            return None;
        };
        let [input] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let syn::Pat::Ident(param) = input else {
            return None;
        };
        let mut body = peel(&closure.body);
        while let Expr::Call(wrapped) = body {
            if !is_wrapping_variant(wrapped) {
                break;
            }
            body = peel(wrapped.args.first()?);
        }
        let Expr::Call(inner) = body else {
            return None;
        };
        let Expr::Path(func) = &*inner.func else {
            return None;
        };
        let callee = self.callee_of_path(&func.path);
        let args = inner
            .args
            .iter()
            .map(|arg| match plain_ident(peel(arg)) {
                Some(name) if param.ident == name => self.arg_value(&call.receiver),
                _ => self.arg_value(arg),
            })
            .collect();
        Some(Origin::Call(Box::new((callee, args))))
    }

    fn call_origin(&self, call: &syn::ExprCall) -> Origin {
        match &*call.func {
            Expr::Path(func) => {
                let callee = self.callee_of_path(&func.path);
                let args = call.args.iter().map(|a| self.arg_value(a)).collect();
                Origin::Call(Box::new((callee, args)))
            }
            _ => Origin::Runtime,
        }
    }

    /// The binding of the local a name (`url`, `&url`) refers to, looked up without making a
    /// `String` of it (this runs for every argument of every call).
    pub(super) fn local_binding(&self, expr: &Expr) -> Option<&Binding<'a>> {
        let Expr::Path(p) = peel(expr) else {
            return None;
        };
        let ident = p.path.get_ident()?;
        self.env
            .iter()
            .rev()
            .find(|(name, _)| ident == name)
            .map(|(_, binding)| binding)
    }

    /// The expression a local was bound to at run time (`let req = Builder::new(..)`), when
    /// `expr` names one.
    pub(super) fn bound_expr(&self, expr: &Expr) -> Option<&'a Expr> {
        match self.local_binding(expr)? {
            Binding::Runtime(_, bound) => Some(peel(bound)),
            _ => None,
        }
    }

    /// An enum value written here (`Route::User(id)`) or bound to a local by one.
    fn enum_value(&self, expr: &Expr) -> Option<ArgValue> {
        let expr = peel(expr);
        let written = match self.local_binding(expr) {
            Some(Binding::Runtime(_, bound)) => bound,
            Some(_) => return None,
            None => expr,
        };
        // Only a variant written as one: following any other expression could come back
        // here (`let rng = rng.fork(); rng.u8()` is bound to itself).
        let variant_path = |path: &syn::Path| {
            path.segments.len() >= 2
                && path
                    .segments
                    .last()
                    .is_some_and(|s| is_variant_name(&s.ident.to_string()))
        };
        let is_variant = match peel(written) {
            Expr::Path(p) => variant_path(&p.path),
            Expr::Call(call) => matches!(&*call.func, Expr::Path(p) if variant_path(&p.path)),
            Expr::Struct(s) => variant_path(&s.path),
            _ => false,
        };
        const MAX_BINDINGS: usize = 8;
        let depth = self.binding_depth.get();
        if !is_variant || depth >= MAX_BINDINGS {
            return None;
        }
        self.binding_depth.set(depth + 1);
        let value = self.arg_value(written);
        self.binding_depth.set(depth);
        match value {
            value @ ArgValue::Enum { .. } => Some(value),
            _ => None,
        }
    }

    /// `Builder::new("/api/client/account").method("POST")?.body(json!({..}))`, maybe bound by
    /// `let req = ..` and handed to the client's `request(req)`: a request description made by
    /// a constructor of the crate (`Type::f(path)`), its method set by a setter. Linking reads
    /// the constructor (a route constructor: `Self { method: Method::GET, path, .. }`) for the
    /// path; the method is the setter's. Without a setter, the constructor's own method holds
    /// (`Builder::new(path)` alone, or followed by setters of the body and headers).
    fn constructed_request(&self, expr: &Expr) -> Option<ArgValue> {
        const MAX_BINDINGS: usize = 8;
        let written = self.bound_expr(expr).unwrap_or(expr);
        let Expr::MethodCall(_) = written else {
            return None;
        };
        let mut method = None;
        let mut root = written;
        while let Expr::MethodCall(call) = root {
            if ident_in(
                &call.method,
                &["method", "with_method", "set_method", "http_method"],
            ) {
                let [arg] = call.args.iter().collect::<Vec<_>>()[..] else {
                    return None;
                };
                let set = match peel(arg) {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    }) => Method::parse(&s.value())?,
                    other => match self.arg_value(other) {
                        ArgValue::Method(m) => m,
                        ArgValue::Variant(v) => Method::parse(&v)?,
                        _ => return None,
                    },
                };
                // The last setter written wins: the first met walking down the chain.
                method.get_or_insert(set);
            } else if !ident_in(&call.method, DESCRIPTION_SETTERS) {
                return None;
            }
            root = peel(&call.receiver);
        }
        constructor_call(root)?;
        let depth = self.binding_depth.get();
        if depth >= MAX_BINDINGS {
            return None;
        }
        self.binding_depth.set(depth + 1);
        let made = self.text_arg(root);
        self.binding_depth.set(depth);
        match method {
            Some(method) => Some(ArgValue::Route {
                url: Box::new(made),
                method,
            }),
            None => matches!(&made, ArgValue::Text(_)).then_some(made),
        }
    }

    /// The request description a fn's tail makes with a constructor of the crate
    /// (`Type::f(..)`, maybe followed by setters): see [`Self::constructed_request`].
    pub(super) fn returned_description(&self, tail: &Expr) -> Option<ArgValue> {
        let tail = peel(tail);
        if let Some(made) = self.constructed_request(tail) {
            return Some(made);
        }
        constructor_call(tail)?;
        match self.text_arg(tail) {
            made @ ArgValue::Text(_) => Some(made),
            _ => None,
        }
    }

    /// The paths a name bound to a `match` or an `if` may hold (`let path = match height {
    /// Some(h) => format!("/blocks/{h}"), None => "/blocks".to_string() }`), in the order
    /// written, each once; an arm that gives no readable value adds one unknown URL at the end.
    pub(super) fn url_alternatives(&self, expr: &Expr) -> Option<Vec<UrlValue>> {
        // `let url;` given a path in each branch.
        if let Some(Binding::Given(paths)) = self.local_binding(expr) {
            return (paths.len() >= 2).then(|| paths.clone());
        }
        let bound = peel(self.bound_expr(expr)?);
        // `BASE.join(match id { Key(k) => format!("download/key/{k}"), .. }.as_str())`: each
        // arm's path joined to the base.
        if let Expr::MethodCall(call) = bound {
            if call.method == "join" && call.args.len() == 1 {
                let paths = self.arm_values(peel(call.args.first()?))?;
                return Some(
                    paths
                        .into_iter()
                        .map(|path| self.join(&call.receiver, path))
                        .collect(),
                );
            }
        }
        self.arm_values(bound)
    }

    /// `let url = format!("{}?from={}", url_base, id)` where `url_base` is bound to one of
    /// several paths (a `match`, an `if`): one URL per path, each with the query after it.
    /// Checked, not fixed: the query is not written where the paths are.
    pub(super) fn queried_alternatives(&self, url: &UrlValue) -> Option<Vec<UrlValue>> {
        let [Piece::Hole(hole), Piece::Text { text, .. }, ..] = url.pieces.as_slice() else {
            return None;
        };
        if !text.starts_with('?') {
            return None;
        }
        let bound = match self.env.iter().rev().find(|(n, _)| *n == hole.expr)? {
            (_, Binding::Runtime(_, bound)) => peel(bound),
            _ => return None,
        };
        let paths = self.arm_values(bound)?;
        // `if prod { "https://api.example.com" } else { "http://localhost:8080" }`: bases,
        // not paths.
        let has_a_path = |value: &UrlValue| {
            crate::source::url::CallUrl::split(value).is_ok_and(|url| !url.segments.is_empty())
        };
        if !paths.iter().all(has_a_path) {
            return None;
        }
        Some(
            paths
                .into_iter()
                .map(|path| UrlValue {
                    pieces: path
                        .indirect()
                        .pieces
                        .into_iter()
                        .chain(url.pieces[1..].iter().cloned())
                        .collect(),
                    literal: None,
                })
                .collect(),
        )
    }

    /// The paths the arms of `bound` (a `match` or an `if`) give, when each is one (an arm
    /// with a runtime value adds one unknown URL).
    fn arm_values(&self, bound: &Expr) -> Option<Vec<UrlValue>> {
        const MAX_ALTERNATIVES: usize = 4;
        let arms: Vec<&Expr> = match bound {
            Expr::Match(choice) if choice.arms.iter().all(|arm| arm.guard.is_none()) => {
                choice.arms.iter().map(|arm| &*arm.body).collect()
            }
            Expr::If(branch) => {
                let (then, otherwise, _) = if_values(branch)?;
                vec![then, otherwise]
            }
            _ => return None,
        };
        if arms.len() < 2 || arms.len() > MAX_ALTERNATIVES {
            return None;
        }
        let mut paths: Vec<UrlValue> = Vec::with_capacity(arms.len());
        let mut unknown = None;
        for arm in arms {
            // `Some(cursor) => cursor.to_string()` (a next-page URL): a request of its own,
            // which stays unresolved, beside the paths the other arms give.
            let Some(value) = self.eval(arm) else {
                unknown.get_or_insert_with(|| self.lone_hole(arm, Origin::Runtime));
                continue;
            };
            if !crate::source::infer::reads_as_url_template(&value)
                && !value
                    .pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Text { text, .. } if text.contains('/')))
            {
                return None;
            }
            if !paths.iter().any(|known| known.pieces == value.pieces) {
                paths.push(value);
            }
        }
        if paths.is_empty() {
            return None;
        }
        paths.extend(unknown);
        Some(paths)
    }

    /// `GandiApi { base_url, fqdn: &fqdn }.url()` (or on a name bound to the literal): the
    /// method of that struct, reading its fields from the literal once the crate is linked.
    fn struct_method(&self, call: &syn::ExprMethodCall) -> Option<Origin> {
        let receiver = peel(&call.receiver);
        let written = match receiver {
            Expr::Struct(_) => receiver,
            _ => peel(self.bound_expr(receiver)?),
        };
        let Expr::Struct(literal) = written else {
            return None;
        };
        let [owner] = literal.path.segments.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let fields @ ArgValue::Struct(_) = self.arg_value(written) else {
            return None;
        };
        Some(route_lookup(
            &call.method.to_string(),
            Some(owner.ident.to_string()),
            fields,
        ))
    }

    /// `self.into()`, `self.clone().try_into()?`, `self.to_string()` in a method (or any other
    /// conversion `is_conversion` knows, `self.as_str()` too): what the conversion named makes
    /// of the value `self` is, a call on `self` that linking reads once the value is known (a
    /// route enum's variant: its `From` table, its `Display`). Only the conversion nearest
    /// `self` counts; a `clone`, `to_owned`, `borrow` or `as_deref` is the same value.
    fn self_converted(&self, expr: &Expr) -> Option<Origin> {
        let mut conversion = None;
        let mut link = expr;
        loop {
            match link {
                Expr::Reference(r) => link = &r.expr,
                Expr::Paren(p) => link = &p.expr,
                Expr::Try(t) => link = &t.expr,
                Expr::MethodCall(call) if call.args.is_empty() => {
                    // (This runs for every value read: no `String` of the name until the end.)
                    if !is_conversion(&call.method) && call.method != "try_into" {
                        return None;
                    }
                    let same_value =
                        ident_in(&call.method, &["clone", "to_owned", "borrow", "as_deref"]);
                    if !same_value {
                        conversion = Some(&call.method);
                    }
                    link = &call.receiver;
                }
                Expr::Path(p) if p.path.is_ident("self") => break,
                _ => return None,
            }
        }
        let callee = Callee {
            name: conversion?.to_string(),
            owner: self.self_type(),
            on_self: true,
            receiver: None,
            on_value: false,
            receiver_type: None,
        };
        Some(Origin::Call(Box::new((callee, Vec::new()))))
    }

    pub(super) fn origin_of_name(&self, name: &str) -> Origin {
        match self.env.iter().rev().find(|(n, _)| n == name) {
            Some((_, Binding::Param(index))) => Origin::Param {
                index: *index,
                fields: Vec::new(),
            },
            Some((_, Binding::ParamPart(index, part))) => Origin::Param {
                index: *index,
                fields: vec![part.clone()],
            },
            Some((_, Binding::Runtime(origin, _))) => origin.clone(),
            Some((_, Binding::Field(key))) => Origin::Field(key.clone()),
            Some(_) => Origin::Runtime,
            None if name == "self" => Origin::Runtime,
            None => Origin::Free(name.to_string()),
        }
    }

    /// `Type::f`, `Self::f`, `module::f`, `f`.
    pub(super) fn callee_of_path(&self, path: &syn::Path) -> Callee {
        let mut names = path.segments.iter().map(|s| s.ident.to_string());
        let name = names.next_back().unwrap_or_default();
        let owner = names.next_back();
        let on_self = owner.as_deref() == Some("Self");
        let owner = if on_self { self.self_type() } else { owner };
        // `make_request(self, path)` of a fn declared in the caller's body: that one.
        let name = match owner {
            None if !self.nested_fns.is_empty() => self.nested_name(&name),
            _ => name,
        };
        Callee {
            name,
            owner,
            on_self,
            receiver: None,
            on_value: false,
            receiver_type: None,
        }
    }

    /// An argument of a call, as far as it can be read here.
    pub(super) fn arg_value(&self, expr: &Expr) -> ArgValue {
        let expr = peel(expr);
        if let Some(value) = self.constructed_request(expr) {
            return value;
        }
        match expr {
            // `None`, for an `Option` parameter (see `Origin::Optional`).
            Expr::Path(p) if p.path.is_ident("None") => ArgValue::Absent,
            // `let endpoint = Route::CreateUser; self.send(endpoint)`: the variant.
            Expr::Path(p) if p.path.get_ident().is_some() => match self.enum_value(expr) {
                Some(value) => value,
                // `POST`: the crate's `const POST: Method = Method::POST;`
                None => match super::requests::method_value(expr) {
                    Some(method) => ArgValue::Method(method),
                    // `let segments = ["dashboards", "uid", uid.0.as_str()];`
                    None => match self.bound_expr(expr) {
                        Some(Expr::Array(array)) => self
                            .segments(&array.elems, true)
                            .unwrap_or(ArgValue::Opaque),
                        _ => self.text_arg(expr),
                    },
                },
            },
            Expr::Path(p) if p.path.segments.len() >= 2 => {
                let mut names = p.path.segments.iter().rev().map(|s| s.ident.to_string());
                let last = names.next().unwrap_or_default();
                let owner = names.next().unwrap_or_default();
                match Method::parse(&last) {
                    Some(method) if owner == "Method" && last == last.to_ascii_uppercase() => {
                        ArgValue::Method(method)
                    }
                    Some(_) => ArgValue::Variant(last),
                    // `Route::Users`: a unit variant.
                    None if is_variant_name(&last) => ArgValue::Enum {
                        owner: enum_owner(&owner),
                        variant: last,
                        fields: Vec::new(),
                    },
                    None => self.text_arg(expr),
                }
            }
            // `Verb::Post { body }`, `Verb::Post(body)`: a variant named like a method.
            Expr::Struct(s) => {
                let last = s.path.segments.last().map(|x| x.ident.to_string());
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|f| match &f.member {
                        syn::Member::Named(name) => {
                            Some((name.to_string(), self.arg_value(&f.expr)))
                        }
                        syn::Member::Unnamed(_) => None,
                    })
                    .collect();
                match last.as_deref().and_then(Method::parse) {
                    Some(_) if s.path.segments.len() >= 2 => {
                        ArgValue::Variant(last.unwrap_or_default())
                    }
                    // `Route::Posts { user }`: a struct variant.
                    _ if s.path.segments.len() >= 2 => ArgValue::Enum {
                        owner: second_to_last(&s.path),
                        variant: last.unwrap_or_default(),
                        fields,
                    },
                    _ => ArgValue::Struct(fields),
                }
            }
            // `Builder::new().method(Method::GET)`: a request builder handed to a function
            // that finishes it (`self.build_request(url, Builder::new().method(..), ..)`).
            Expr::MethodCall(call) if call.method == "method" && call.args.len() == 1 => {
                match call.args.first().map(|a| self.arg_value(a)) {
                    Some(ArgValue::Method(method)) => ArgValue::Method(method),
                    _ => self.text_arg(expr),
                }
            }
            Expr::Call(call) => match &*call.func {
                Expr::Path(p) if p.path.segments.len() >= 2 => {
                    let last = p.path.segments.last().map(|x| x.ident.to_string());
                    match last.as_deref().and_then(Method::parse) {
                        Some(_) => ArgValue::Variant(last.unwrap_or_default()),
                        // `Route::User(id)`: a tuple variant.
                        None if last.as_deref().is_some_and(is_variant_name) => ArgValue::Enum {
                            owner: second_to_last(&p.path),
                            variant: last.unwrap_or_default(),
                            fields: call
                                .args
                                .iter()
                                .enumerate()
                                .map(|(i, a)| (i.to_string(), self.arg_value(a)))
                                .collect(),
                        },
                        None => self.text_arg(expr),
                    }
                }
                _ => self.text_arg(expr),
            },
            // `["plugin".into(), id.to_string(), "config".into()]`: path segments, for a
            // wrapper that extends a URL's path with them.
            Expr::Array(array) => self
                .segments(&array.elems, true)
                .unwrap_or(ArgValue::Opaque),
            // `vec![id, "cards"]`, the same; a `vec!` of values alone (`vec![id]`, `vec![]`)
            // is a list of them too (handed to a fn, it is no tuple).
            Expr::Macro(m) if m.mac.path.is_ident("vec") => match listed(expr) {
                Some(elems) => {
                    let values_alone = elems
                        .iter()
                        .all(|e| matches!(peel(e), Expr::Path(_) | Expr::Field(_)));
                    self.segments(&elems, !values_alone)
                        .unwrap_or(ArgValue::Opaque)
                }
                None => ArgValue::Opaque,
            },
            _ => self.text_arg(expr),
        }
    }

    /// An array of path segments as the path they make (`/plugin/{id}/config`): strings, one
    /// of them at least a literal word (no `/`, no space) when `word_needed`, the others
    /// values that read as text.
    fn segments<'e>(
        &self,
        elems: impl IntoIterator<Item = &'e Expr>,
        word_needed: bool,
    ) -> Option<ArgValue> {
        let mut pieces = Vec::new();
        let mut has_word = false;
        for element in elems {
            let element = match peel(element) {
                Expr::MethodCall(call) if keeps_string(call) => peel(&call.receiver),
                other => other,
            };
            pieces.push(Piece::Text {
                text: "/".to_string(),
                direct: false,
            });
            match element {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) => {
                    let word = s.value();
                    if word.is_empty() || word.contains(['/', ' ', '?']) {
                        return None;
                    }
                    has_word = true;
                    pieces.push(Piece::Text {
                        text: word,
                        direct: false,
                    });
                }
                Expr::Path(_) | Expr::Field(_) => {
                    pieces.push(Piece::Hole(self.hole(element, None)))
                }
                _ => return None,
            }
        }
        (has_word || !word_needed).then_some(ArgValue::Text(UrlValue {
            pieces,
            literal: None,
        }))
    }

    fn text_arg(&self, expr: &Expr) -> ArgValue {
        // A literal without `/` (`.expect("msg")`) is no path on its own: keep its text but
        // skip locating it, which costs more than everything else here.
        if let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) = expr
        {
            let value = s.value();
            if !value.contains('/') {
                return ArgValue::Text(UrlValue::text(value, false));
            }
        }
        match self.eval(expr) {
            Some(value) => ArgValue::Text(value),
            None => {
                // Most arguments are runtime values of no interest: find that out before
                // spending anything on their text.
                let origin = self.origin_of(expr);
                if matches!(origin, Origin::Runtime) {
                    return ArgValue::Opaque;
                }
                ArgValue::Text(self.lone_hole(expr, origin))
            }
        }
    }

    pub(super) fn eval_macro(&self, mac: &ExprMacro) -> Option<UrlValue> {
        let name = mac.mac.path.segments.last()?.ident.to_string();
        if let Some(rules) = self.macros.get(&name) {
            return self.eval_local_macro(rules, &mac.mac);
        }
        if self.crate_macros.contains_key(&name) {
            // Tokens read from another file's text: nothing of the value may point into
            // this file.
            let rules = self.macro_rules_of(&name)?;
            let value = self.eval_local_macro(&rules, &mac.mac)?;
            return Some(UrlValue {
                literal: None,
                ..value
            });
        }
        // Parsing a macro's tokens is costly: only for the two that build strings, `try!`
        // (Rust 2015's `?`) and `dbg!` (which returns what it prints).
        if name == "fomat" {
            return self.eval_fomat(&mac.mac);
        }
        // `concatcp!` and `formatcp!` are const_format's `concat!` and `format!` for consts.
        if !matches!(
            name.as_str(),
            "format" | "concat" | "try" | "dbg" | "concatcp" | "formatcp"
        ) {
            return None;
        }
        let args = mac
            .mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok()?;
        match name.as_str() {
            "format" | "formatcp" => self.eval_format(&args),
            "try" | "dbg" if args.len() == 1 => self.eval(args.first()?),
            "concat" | "concatcp" => {
                let mut text = String::new();
                for arg in &args {
                    text.push_str(&self.eval(arg)?.as_constant()?);
                }
                Some(UrlValue::text(text, false))
            }
            _ => None,
        }
    }

    /// `fomat!((COINS) "/" (coin) "?" (req.query()))` (fomat-macros): string literals and
    /// parenthesized values, written one after the other. Its other forms (`{..}`, `[..]`,
    /// `for`, `if`) are not read.
    fn eval_fomat(&self, mac: &syn::Macro) -> Option<UrlValue> {
        let mut pieces = Vec::new();
        for token in mac.tokens.clone() {
            match token {
                proc_macro2::TokenTree::Literal(literal) => {
                    let Lit::Str(text) = Lit::new(literal) else {
                        return None;
                    };
                    pieces.push(Piece::Text {
                        text: text.value(),
                        direct: false,
                    });
                }
                proc_macro2::TokenTree::Group(group)
                    if group.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                {
                    let expr: Expr = syn::parse2(group.stream()).ok()?;
                    pieces.extend(self.piece_for(&expr, None));
                }
                _ => return None,
            }
        }
        Some(UrlValue {
            pieces,
            literal: None,
        })
    }

    /// A `macro_rules!` macro of this file, expanded and evaluated. Its text is not the call's
    /// own literal, so no fix rewrites it.
    fn eval_local_macro(
        &self,
        rules: &[super::macros::Rule],
        mac: &syn::Macro,
    ) -> Option<UrlValue> {
        let depth = self.macro_depth.get();
        if depth >= super::expansion::MAX_EXPANSION || !self.spend_expansion() {
            return None;
        }
        // (A body in braces is a block: `{ let mut s = ..; s.push_str(..); s }`.)
        let expanded = super::macros::expand(rules, mac.tokens.clone())?;
        let expr: Expr = syn::parse2(expanded).ok()?;
        self.macro_depth.set(depth + 1);
        let value = self.eval(&expr);
        self.macro_depth.set(depth);
        value.map(UrlValue::indirect)
    }

    pub(super) fn eval_format(&self, args: &Punctuated<Expr, Token![,]>) -> Option<UrlValue> {
        let mut args = args.iter();
        // The format string: a literal, or a macro that makes one (`format!(concat!(BASE,
        // "/v1/albums/{}"), id)`), whose text no fix can rewrite.
        let (format, site) = match args.next()? {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(format),
                ..
            }) => (format.value(), Some(self.literal_site(format, true))),
            Expr::Macro(mac) => (self.eval_macro(mac)?.as_constant()?, None),
            _ => return None,
        };
        let direct = site.is_some();
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
        for piece in fmt::parse(&format)? {
            match piece {
                FmtPiece::Text(text) => pieces.push(Piece::Text { text, direct }),
                FmtPiece::Arg(placeholder) => {
                    let arg_pieces = match &placeholder.arg {
                        ArgRef::Next(i) | ArgRef::Index(i) => {
                            self.piece_for(positional.get(*i)?, Some(placeholder.clone()))
                        }
                        ArgRef::Name(name) => match named.get(name) {
                            // `format!("/appprofile/{id}", id = p_path_id)` (openapi-generator
                            // names it as the spec does): the template's name for the value,
                            // unless it is one letter (`{n}`, `n = name`).
                            Some(expr) => {
                                let mut value = self.piece_for(expr, Some(placeholder.clone()));
                                if let [Piece::Hole(hole)] = value.as_mut_slice() {
                                    if name.len() > 1 {
                                        hole.name = name.clone();
                                    }
                                }
                                value
                            }
                            None => self.captured(name, placeholder.clone()),
                        },
                    };
                    pieces.extend(arg_pieces);
                }
            }
        }
        Some(UrlValue {
            pieces,
            literal: site,
        })
    }

    /// `write!(target, "/{}", id)`: the target, and the text written when it can be read.
    pub(super) fn eval_write(&self, mac: &syn::Macro) -> Option<(Expr, Option<UrlValue>)> {
        let args = mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok()?;
        let mut args = args.into_iter();
        let target = args.next()?;
        let rest: Punctuated<Expr, Token![,]> = args.collect();
        Some((target, self.eval_format(&rest).map(UrlValue::indirect)))
    }

    /// `{name}` with no named argument: a variable captured from the scope.
    pub(super) fn captured(&self, name: &str, placeholder: fmt::Placeholder) -> Vec<Piece> {
        match self.lookup(name) {
            Some(value) => value.indirect().pieces,
            None => vec![Piece::Hole(Hole {
                name: name.to_string(),
                expr: self.name_text(name),
                placeholder: Some(placeholder),
                origin: self.origin_of_name(name),
            })],
        }
    }

    /// The URL of a call: evaluated, or one opaque hole.
    pub(super) fn url_of(&self, expr: &Expr) -> UrlValue {
        self.eval(expr).unwrap_or_else(|| UrlValue {
            pieces: vec![Piece::Hole(self.hole(expr, None))],
            literal: None,
        })
    }

    /// Run `body` in a scope of names of its own that runs whenever the enclosing one does (a
    /// block statement, `{ let mut segments = url.path_segments_mut()?; .. }`): what it
    /// changes of the enclosing scope's names is changed for sure, not only sometimes.
    pub(super) fn scoped_inline(&mut self, body: impl FnOnce(&mut Self)) {
        let enclosing = self.scopes.last().copied().unwrap_or(0);
        self.in_scope(Some(enclosing), body);
    }

    /// Run `body` in a new scope: names it binds are gone afterwards.
    pub(super) fn scoped(&mut self, body: impl FnOnce(&mut Self)) {
        self.in_scope(None, body);
    }

    /// Run `body` with the names it binds gone afterwards; changes to names bound before
    /// `start` (this scope's own start when `None`) count as made only sometimes (`update`).
    fn in_scope(&mut self, start: Option<usize>, body: impl FnOnce(&mut Self)) {
        let depth = self.env.len();
        self.scopes.push(start.unwrap_or(depth));
        body(self);
        self.scopes.pop();
        self.env.truncate(depth);
        self.release_held(depth);
    }

    /// Give `name` a new value. A change made in an inner scope (an `if`, a loop, a closure) to a
    /// variable of an outer one may or may not happen, so the variable is no longer known;
    /// unless the change only adds a query (`url = format!("{url}?q={q}")`), which leaves the
    /// path as it was.
    pub(super) fn update(&mut self, name: &str, value: Option<UrlValue>) {
        let Some(index) = self.env.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        // `let url;` then a value in each branch: the first, as long as the others agree.
        match (&self.env[index].1, value.as_ref()) {
            (Binding::Unset, Some(given)) => {
                self.env[index].1 = Binding::Given(vec![given.clone()]);
                return;
            }
            (Binding::Given(known), Some(given)) => {
                const MAX_PATHS: usize = 4;
                // `else if let Some(email) = .. { url = format!("{}/{}", url, email) }`: built
                // on the value before the branches, the first known.
                let given = &rebased(given, name, &known[0]);
                if known.iter().any(|k| same_up_to_query(k, given)) {
                    return;
                }
                self.env[index].1 = if known.len() < MAX_PATHS {
                    let mut paths = known.clone();
                    paths.push(given.clone());
                    Binding::Given(paths)
                } else {
                    Binding::Opaque
                };
                return;
            }
            (Binding::Unset | Binding::Given(_), None) => {
                self.env[index].1 = Binding::Opaque;
                return;
            }
            _ => {}
        }
        let scope_start = self.scopes.last().copied().unwrap_or(0);
        let new = value.map_or(Binding::Opaque, Binding::Value);
        if index >= scope_start {
            self.env[index].1 = new;
            return;
        }
        let old = self.value_of(name, &self.env[index].1);
        let only_adds_query = match (&old, &new) {
            (Some(old), Binding::Value(new)) => adds_only_query(old, new),
            _ => false,
        };
        // A query added only sometimes: its keys are kept, so that an unknown one is seen
        // (and a required one is not said to be missing when it may well be sent).
        if only_adds_query {
            self.env[index].1 = new;
            return;
        }
        // A segment added only sometimes (`if let Some(id) = id { url = format!("{}/{}", url,
        // id) }`, outside any loop): the URL is one of the two.
        self.env[index].1 = match (old, new) {
            (Some(old), Binding::Value(new))
                if self.loops == 0 && adds_only_segments(&old, &new) =>
            {
                Binding::Given(vec![old, new])
            }
            // `if param.len() > 0 { param = format!("/{}", param) }`: a slash before the
            // segments, when there are any. The segments a caller gives (`vec![id, "cards"]`)
            // are written with theirs (`/{id}/cards`, see `segments`), and none gives none.
            (Some(old), Binding::Value(new))
                if self.loops == 0
                    && crate::source::url::expr_text(&new.pieces)
                        == format!("/{}", crate::source::url::expr_text(&old.pieces)) =>
            {
                Binding::Value(old)
            }
            _ => Binding::Opaque,
        };
    }

    /// A binding's value as a URL: its text, or one hole for a runtime value.
    fn value_of(&self, name: &str, binding: &Binding<'_>) -> Option<UrlValue> {
        match binding {
            Binding::Value(value) => Some(value.clone().indirect()),
            Binding::Given(values) if values.len() == 1 => Some(values[0].clone().indirect()),
            // `let mut base = match url { .. }`: the name says more than the `match`.
            Binding::Runtime(origin, expr) if !reads_as_a_value(expr) => {
                let mut value = self.lone_hole(expr, origin.clone());
                if let Some(Piece::Hole(hole)) = value.pieces.first_mut() {
                    hole.expr = name.to_string();
                }
                Some(value)
            }
            Binding::Runtime(origin, expr) => Some(self.lone_hole(expr, origin.clone())),
            // `mut url: String` changed in the body (`url = format!("{}?{}", url, q)`).
            Binding::Param(index) => Some(UrlValue {
                pieces: vec![Piece::Hole(Hole {
                    name: name.to_string(),
                    expr: name.to_string(),
                    placeholder: None,
                    origin: Origin::Param {
                        index: *index,
                        fields: Vec::new(),
                    },
                })],
                literal: None,
            }),
            _ => None,
        }
    }

    /// `url.set_path(path)`: the URL's path is replaced, under its root (a base value or an
    /// absolute URL's host). A URL whose root is not known is no longer known.
    pub(super) fn set_path(&mut self, name: &str, path: &Expr) {
        let bound = self.env.iter().rev().find(|(n, _)| n == name);
        let root = bound
            .and_then(|(_, binding)| self.value_of(name, binding))
            .and_then(|value| value.origin());
        let value = root.map(|root| UrlValue::path_under(root, self.piece_for(path, None)));
        self.update(name, value);
    }

    /// `url.set_query(Some("format=json"))`, `Some(&format!("q={}", q))`: those keys;
    /// `url.set_query(Some(&encoded))`: a query made elsewhere, whose keys are not known
    /// (`set_query(None)` removes a query; a URL built here has none to remove).
    pub(super) fn set_query(&mut self, name: &str, query: &Expr) {
        let Expr::Call(call) = peel(query) else {
            return;
        };
        if !is_wrapping_variant(call) {
            return;
        }
        let written = call.args.first().and_then(|q| self.eval(q));
        let pieces = match written {
            Some(value) if value.pieces.iter().any(|p| matches!(p, Piece::Text { .. })) => {
                value.indirect().pieces
            }
            _ => vec![Piece::Hole(Hole::runtime("query", self.text_of(query)))],
        };
        self.extend_binding(name, pieces, true);
    }

    /// `name` gets `pieces` appended (`push_str`, `+=`, `write!`).
    pub(super) fn append(&mut self, name: &str, pieces: Vec<Piece>) {
        // `url.push_str(&query_string)`: a query made elsewhere (`serde_qs::to_string`), whose
        // keys are not known.
        let query_made_elsewhere = matches!(pieces.as_slice(),
            [Piece::Hole(h)] if h.name.contains("query") || h.name == "qs");
        self.extend_binding(name, pieces, query_made_elsewhere);
    }

    /// `name` gets `pieces` appended; as a query (after a `?`, or an `&` when it has one).
    fn extend_binding(&mut self, name: &str, pieces: Vec<Piece>, as_query: bool) {
        let bound = self.env.iter().rev().find(|(n, _)| n == name);
        let Some(mut value) = bound.and_then(|(_, binding)| self.value_of(name, binding)) else {
            return;
        };
        if as_query {
            let has_query = value
                .pieces
                .iter()
                .any(|p| matches!(p, Piece::Text { text, .. } if text.contains('?')));
            value.pieces.push(Piece::Text {
                text: if has_query { "&" } else { "?" }.to_string(),
                direct: false,
            });
        }
        value.pieces.extend(pieces);
        self.update(name, Some(value));
    }
}

/// A field name that says it holds a URL or a path (`gist_path`, `url`, `endpoint`): only those
/// are followed to their constructor, as a field of any name would cost on every call.
pub(crate) fn names_a_url(field: &str) -> bool {
    ["path", "url", "uri", "route", "endpoint"]
        .iter()
        .any(|word| field.contains(word))
}

/// The value under `&`, parentheses and conversions: `&self.base_url.clone()` → `self.base_url`.
pub(super) fn peel(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => peel(&r.expr),
        // `&*url`: the string itself.
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => peel(&u.expr),
        // `&url[..]`: the whole string.
        Expr::Index(i) if matches!(&*i.index, Expr::Range(r) if r.start.is_none() && r.end.is_none()) => {
            peel(&i.expr)
        }
        Expr::Paren(p) => peel(&p.expr),
        Expr::Group(g) => peel(&g.expr),
        Expr::MethodCall(call) if keeps_string(call) => peel(&call.receiver),
        Expr::Try(t) => peel(&t.expr),
        Expr::Call(call) if is_url_parse(call) => call.args.first().map_or(expr, peel),
        other => other,
    }
}

/// Whether an identifier is one of `names`, without making a `String` of it (this runs for
/// every method call of every file).
pub(super) fn ident_in(ident: &syn::Ident, names: &[&str]) -> bool {
    names.iter().any(|name| ident == name)
}

pub(super) fn is_conversion(method: &syn::Ident) -> bool {
    ident_in(
        method,
        &[
            "as_str",
            "to_string",
            "to_owned",
            "clone",
            "into",
            "as_ref",
            "borrow",
            "as_deref",
            // futures 0.1: `uri.parse().map_err(Error::from).into_future()` (travis)
            "into_future",
        ],
    )
}

/// A method that leaves a string as the same string for our purposes: conversions, trimming
/// (`path.trim_start_matches('/')` is still the path), unwrapping.
pub(super) fn keeps_string(call: &syn::ExprMethodCall) -> bool {
    (call.args.is_empty() && is_conversion(&call.method))
        || ident_in(&call.method, &["trim", "trim_start", "trim_end", "trim_start_matches", "trim_end_matches", "unwrap", "expect"])
        // `construct_url(..).log_expect("..")`, `.expect_or_log(..)`: an `expect` that logs.
        || (call.args.len() == 1 && is_logging_expect(&call.method))
        // `Url::parse(&s).map_err(Error::from)?`: the same value, or an error (error-chain's
        // `chain_err`, error-stack's `change_context`, an `Option`'s `ok_or` too).
        || (call.args.len() == 1
            && ident_in(
                &call.method,
                &[
                    "map_err", "context", "with_context", "wrap_err", "wrap_err_with",
                    "chain_err", "change_context", "attach_printable", "ok_or", "ok_or_else",
                ],
            ))
        // `text.parse::<Url>()`
        || (call.args.is_empty() && call.method == "parse")
}

/// `log_expect`, `expect_or_log`, `unwrap_or_log`: named for `expect` or `unwrap`, and for
/// logging the failure.
fn is_logging_expect(method: &syn::Ident) -> bool {
    with_ident_text(method, |name| {
        let expects = name.starts_with("expect_") || name.ends_with("_expect");
        let unwraps = name.starts_with("unwrap_or_log") || name.starts_with("unwrap_log");
        (expects || unwraps) && name.contains("log")
    })
}

/// `f` of an identifier's text, without making a `String` of it: the text is written into a
/// buffer each thread reuses (for tests of a name's shape that run for every method call).
fn with_ident_text<R>(ident: &syn::Ident, f: impl FnOnce(&str) -> R) -> R {
    use std::fmt::Write;
    thread_local! {
        static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    TEXT.with(|text| match text.try_borrow_mut() {
        Ok(mut text) => {
            text.clear();
            let _ = write!(text, "{ident}");
            f(&text)
        }
        // (Only if `f` itself asks for another name's text.)
        Err(_) => f(&ident.to_string()),
    })
}

/// `Type::f(path, ..)`: a call that may construct a request description (`Builder::new()`
/// with no argument is an HTTP library's request builder, read elsewhere; `Route::User(id)`
/// is an enum value).
fn constructor_call(expr: &Expr) -> Option<&syn::ExprCall> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let Expr::Path(p) = &*call.func else {
        return None;
    };
    let last = p.path.segments.last()?;
    let is_variant = is_variant_name(&last.ident.to_string());
    (p.path.segments.len() >= 2 && !call.args.is_empty() && !is_variant).then_some(call)
}

/// Setters of a request description's body, headers and query, which leave its path and
/// method as they are (`Builder::new(path).body(json!(..))`).
const DESCRIPTION_SETTERS: &[&str] = &[
    "body",
    "json",
    "form",
    "header",
    "headers",
    "query",
    "content_type",
    "with_body",
    "with_header",
    "with_query",
    "set_body",
    "set_header",
    "set_query",
];

/// `req.body(json!(..)).header(..)` on `name`: the body, headers or query of the description
/// `name` holds are set, its path and method left as they are.
pub(super) fn sets_only_the_body(expr: &Expr, name: &str) -> bool {
    let mut root = peel(expr);
    let mut links = 0;
    while let Expr::MethodCall(call) = root {
        if !ident_in(&call.method, DESCRIPTION_SETTERS) {
            return false;
        }
        links += 1;
        root = peel(&call.receiver);
    }
    links > 0 && plain_ident(root).as_deref() == Some(name)
}

/// `User`, `UserPosts`: how enum variants (and types) are named; `new`, `from` are not.
fn is_variant_name(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase) && name.chars().any(char::is_lowercase)
}

/// The values of an `if … else …`: each branch's tail, and whether both branches are that
/// expression alone (no `let` before it).
pub(super) fn if_values(branch: &syn::ExprIf) -> Option<(&Expr, &Expr, bool)> {
    let Expr::Block(otherwise) = &*branch.else_branch.as_ref()?.1 else {
        return None;
    };
    let simple = branch.then_branch.stmts.len() == 1 && otherwise.block.stmts.len() == 1;
    Some((
        block_tail(&branch.then_branch)?,
        block_tail(&otherwise.block)?,
        simple,
    ))
}

/// An `if` whose every branch is `"?"`, `"&"` or `""`, one of them `"?"`: the separator
/// before a query's first pair, or between two.
fn chooses_a_query_separator(branch: &syn::ExprIf) -> bool {
    fn separators(branch: &syn::ExprIf, out: &mut Vec<String>) -> Option<()> {
        out.push(string_literal(block_tail(&branch.then_branch)?)?);
        match &*branch.else_branch.as_ref()?.1 {
            Expr::If(next) => separators(next, out),
            Expr::Block(last) => {
                out.push(string_literal(block_tail(&last.block)?)?);
                Some(())
            }
            _ => None,
        }
    }
    let mut found = Vec::new();
    separators(branch, &mut found).is_some()
        && found.iter().all(|s| matches!(s.as_str(), "?" | "&" | ""))
        && found.iter().any(|s| s == "?")
}

/// A block's value: its tail expression, after nothing but `let`s.
fn block_tail(block: &syn::Block) -> Option<&Expr> {
    match block.stmts.split_last()? {
        (syn::Stmt::Expr(expr, None), before)
            if before.iter().all(|s| matches!(s, syn::Stmt::Local(_))) =>
        {
            Some(expr)
        }
        _ => None,
    }
}

/// Two calls of the same function with the same arguments, but for one that is `Some(..)` in
/// one and `None` in the other: the call given `None`.
fn same_call_but_an_option<'e>(a: &'e Expr, b: &'e Expr) -> Option<&'e Expr> {
    // The callee and the arguments (syn's `extra-traits` compare expressions, spans aside).
    let (args_a, args_b) = match (peel(a), peel(b)) {
        (Expr::MethodCall(x), Expr::MethodCall(y))
            if x.method == y.method && x.receiver == y.receiver =>
        {
            (&x.args, &y.args)
        }
        (Expr::Call(x), Expr::Call(y)) if x.func == y.func => (&x.args, &y.args),
        _ => return None,
    };
    if args_a.len() != args_b.len() {
        return None;
    }
    let is_none = |e: &Expr| matches!(peel(e), Expr::Path(p) if p.path.is_ident("None"));
    let is_some = |e: &Expr| matches!(peel(e), Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some")));
    let mut plain = None;
    for (x, y) in args_a.iter().zip(args_b) {
        if is_some(x) && is_none(y) {
            plain = plain.or(Some(b));
        } else if is_none(x) && is_some(y) {
            plain = plain.or(Some(a));
        } else if x != y {
            return None;
        }
    }
    plain
}

/// `String::from(x)`, `Cow::from(x)`: one argument, converted.
fn is_from_call(call: &syn::ExprCall) -> bool {
    call.args.len() == 1
        && matches!(&*call.func, Expr::Path(p)
            if p.path.segments.len() >= 2
                && p.path.segments.last().is_some_and(|s| s.ident == "from"))
}

/// `Ok(x)`, `Some(x)`.
/// An expression whose text names a value (`self.base_url.clone()`), not code that computes
/// one (a `match`, an `if`, a block), which a report would show in full.
fn reads_as_a_value(expr: &Expr) -> bool {
    !matches!(
        peel(expr),
        Expr::Match(_) | Expr::If(_) | Expr::Block(_) | Expr::Loop(_) | Expr::Closure(_)
    )
}

/// `String::new()`, `String::default()`, `String::with_capacity(n)`: an empty string.
pub(super) fn is_empty_string(call: &syn::ExprCall) -> bool {
    let Expr::Path(func) = &*call.func else {
        return false;
    };
    let mut names = func.path.segments.iter().rev();
    matches!(
        (names.next(), names.next()),
        (Some(made), Some(owner)) if owner.ident == "String"
            && (made.ident == "new" || made.ident == "default" || made.ident == "with_capacity")
    )
}

/// The string route table `name` (`path`, `from`, `fmt`: see `Index::expand_route`) gives for
/// `value`, known once the crate is linked.
fn route_lookup(name: &str, owner: Option<String>, value: ArgValue) -> Origin {
    let table = Callee {
        name: name.to_string(),
        owner,
        on_self: false,
        receiver: Some(String::new()),
        on_value: true,
        receiver_type: None,
    };
    Origin::Call(Box::new((table, vec![value])))
}

/// `Endpoint::Users`, `Endpoint::User(id)`: an enum variant, as written (a path of two names
/// or more whose last is named like a variant).
fn is_variant_expr(expr: &Expr) -> bool {
    let path = match expr {
        Expr::Path(p) => &p.path,
        Expr::Call(call) => match &*call.func {
            Expr::Path(p) => &p.path,
            _ => return false,
        },
        _ => return false,
    };
    path.segments.len() >= 2
        && path
            .segments
            .last()
            .is_some_and(|s| is_variant_name(&s.ident.to_string()))
}

/// An array or `vec![..]` literal.
fn is_list_literal(expr: &Expr) -> bool {
    match peel(expr) {
        Expr::Array(_) => true,
        Expr::Macro(mac) => mac.mac.path.is_ident("vec"),
        _ => false,
    }
}

/// The elements of an array or `vec![..]` literal.
fn listed(expr: &Expr) -> Option<Vec<Expr>> {
    match peel(expr) {
        Expr::Array(array) => Some(array.elems.iter().cloned().collect()),
        Expr::Macro(mac) if mac.mac.path.is_ident("vec") => mac
            .mac
            .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .ok()
            .map(|elems| elems.into_iter().collect()),
        _ => None,
    }
}

/// `x.unwrap_or(v)`, `x.unwrap_or_else(|_| v)`: `x`'s value, or `v`.
fn is_fallback(call: &syn::ExprMethodCall) -> bool {
    call.args.len() == 1 && (call.method == "unwrap_or_else" || call.method == "unwrap_or")
}

/// A `match` whose one value is what its scrutinee holds: `Ok(url) => url` (or `Some`), every
/// other arm an error's (`Err(..)`, `None`, `_`), which returns, panics or gives some fallback.
fn unwraps(choice: &syn::ExprMatch) -> bool {
    let mut unwrapped = 0;
    for arm in &choice.arms {
        if let Some(name) = super::unwrapped_binding(&arm.pat) {
            let gives_it = matches!(peel(&arm.body), Expr::Path(p) if p.path.is_ident(&name));
            if !gives_it || arm.guard.is_some() {
                return false;
            }
            unwrapped += 1;
            continue;
        }
        let failure = match &arm.pat {
            syn::Pat::Wild(_) => true,
            syn::Pat::Ident(none) => none.ident == "None",
            syn::Pat::Path(none) => none.path.is_ident("None"),
            syn::Pat::TupleStruct(err) => err.path.is_ident("Err"),
            _ => false,
        };
        if !failure {
            return false;
        }
    }
    unwrapped == 1
}

pub(super) fn is_wrapping_variant(call: &syn::ExprCall) -> bool {
    call.args.len() == 1
        && matches!(&*call.func, Expr::Path(p) if p.path.is_ident("Ok")
            || p.path.is_ident("Some")
            // `Cow::Borrowed("/v2/orders")`, `Cow::Owned(format!(..))`
            || p.path.segments.len() == 2
                && p.path.segments.first().is_some_and(|s| s.ident == "Cow")
                && p.path.segments.last().is_some_and(|s| s.ident == "Borrowed" || s.ident == "Owned"))
}

/// `self.base_url`, `base`, `self.config.api_root`: an expression named like the root of an
/// API (a field or variable whose name says URL, base, root, host or endpoint).
fn names_a_base(expr: &Expr) -> bool {
    let name = match peel(expr) {
        Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => name.to_string(),
            syn::Member::Unnamed(_) => return false,
        },
        Expr::Path(path) => match path.path.get_ident() {
            Some(ident) => ident.to_string(),
            None => return false,
        },
        _ => return false,
    };
    names_a_base_name(&name)
}

/// A name that says it holds the root of an API: URL, base, root, host or endpoint.
pub(crate) fn names_a_base_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["url", "uri", "base", "root", "host", "endpoint"]
        .iter()
        .any(|word| name.contains(word))
}

/// `Easy::new(..)`, `http::Request::builder()`: the last two names of the path a call calls,
/// the type (or module) and the function.
pub(super) fn owner_and_function(call: &syn::ExprCall) -> Option<(&syn::Ident, &syn::Ident)> {
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let mut names = func.path.segments.iter().rev().map(|s| &s.ident);
    let function = names.next()?;
    Some((names.next()?, function))
}

/// `Url::parse(..)`, `reqwest::Url::parse(..)`, `Url::from_str(..)`, `Uri::from_str(..)`.
fn is_url_parse(call: &syn::ExprCall) -> bool {
    // (Idents compared in place: `peel` asks this of every call it meets.)
    let Some((owner, function)) = owner_and_function(call) else {
        return false;
    };
    // `hyper::Uri::from_str(..)` too: hyper's URI is a URL as far as a path goes; so are
    // `Uri::try_from(..)` and `Uri::from_static(..)`.
    (owner == "Url" || owner == "Uri")
        && match call.args.len() {
            1 => ident_in(function, &["parse", "from_str", "try_from", "from_static"]),
            // `Url::parse_with_params(base, &params)`: the base, with a query added.
            2 => function == "parse_with_params",
            _ => false,
        }
}

/// `x.and_then(|v| ..)`, `x.map(|v| ..)`: a value passed through a closure.
fn is_combinator(call: &syn::ExprMethodCall) -> bool {
    call.args.len() == 1
        && matches!(call.args.first(), Some(Expr::Closure(_)))
        && ident_in(&call.method, &["and_then", "map"])
}

/// `self`, `&self`, `(*self)`.
pub(super) fn is_self(expr: &Expr) -> bool {
    match peel(expr) {
        Expr::Path(p) => p.path.is_ident("self"),
        Expr::Unary(u) => is_self(&u.expr),
        _ => false,
    }
}

/// The name a hole takes after its argument: `name`, `self.base_url` → `base_url`,
/// `encode(&path)` → `path`, `sandbox.id()` → `id`.
pub(super) fn hole_name(expr: &Expr) -> String {
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
        Expr::MethodCall(call) if keeps_string(call) => hole_name(&call.receiver),
        // `name.replace(' ', "-")`, `id.to_lowercase()`, `n.strip_prefix("files/")
        // .unwrap_or(n)`: still the name, spelled differently.
        Expr::MethodCall(call)
            if ident_in(
                &call.method,
                &[
                    "replace",
                    "replacen",
                    "to_lowercase",
                    "to_uppercase",
                    "to_ascii_lowercase",
                    "trim_start_matches",
                    "trim_end_matches",
                    "strip_prefix",
                    "strip_suffix",
                    "unwrap_or",
                    // `vhost.unwrap_or_default()`: an `Option`'s value, or none.
                    "unwrap_or_default",
                ],
            ) =>
        {
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

/// `url` in `self.url`.
fn self_field(expr: &Expr) -> Option<String> {
    let Expr::Field(field) = peel(expr) else {
        return None;
    };
    let syn::Member::Named(name) = &field.member else {
        return None;
    };
    is_self(&field.base).then(|| name.to_string())
}

/// `name` in `name = …`, `name += …`, `name.push_str(…)`, `write!(&mut name, …)`.
pub(super) fn plain_ident(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        Expr::Reference(r) => plain_ident(&r.expr),
        Expr::Paren(p) => plain_ident(&p.expr),
        _ => None,
    }
}

/// The pieces of two values agree up to the first text with a `?` or a `&` (from where on
/// both are query).
fn same_up_to_query(a: &UrlValue, b: &UrlValue) -> bool {
    let before_query = |value: &UrlValue| -> Vec<String> {
        let mut out = Vec::new();
        for piece in &value.pieces {
            match piece {
                Piece::Text { text, .. } => match text.find(['?', '&']) {
                    Some(at) => {
                        out.push(text[..at].to_string());
                        return out;
                    }
                    None => out.push(text.clone()),
                },
                Piece::Hole(hole) => out.push(format!("{{{}}}", hole.expr)),
            }
        }
        out
    };
    before_query(a) == before_query(b)
}

/// `value` with a leading hole that is the variable `name` itself replaced by `base`.
fn rebased(value: &UrlValue, name: &str, base: &UrlValue) -> UrlValue {
    match value.pieces.split_first() {
        Some((Piece::Hole(hole), rest)) if hole.expr == name => UrlValue {
            pieces: base.pieces.iter().chain(rest).cloned().collect(),
            literal: value.literal.clone(),
        },
        _ => value.clone(),
    }
}

/// `new` is `old` followed by more path (`/…`), and `old` has no query to come after it.
fn adds_only_segments(old: &UrlValue, new: &UrlValue) -> bool {
    let (old, new) = (
        crate::source::url::expr_text(&old.pieces),
        crate::source::url::expr_text(&new.pieces),
    );
    !old.contains(['?', '#'])
        && new.strip_prefix(old.as_str()).is_some_and(|rest| {
            rest.starts_with('/') && rest.len() > 1 && !rest.contains(['?', '#'])
        })
}

/// `new` is `old` followed by a query (`?…` or `&…`) and nothing else.
pub(super) fn adds_only_query(old: &UrlValue, new: &UrlValue) -> bool {
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
    // After a `?`, whatever is appended is query (`documents?` + `offset=…&`).
    new.strip_prefix(&old).is_some_and(|rest| {
        rest.starts_with('?') || rest.starts_with('&') || (old.contains('?') && !rest.is_empty())
    })
}

pub(super) fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// `Route` of `Route::User`; `None` for `Self`, whose meaning depends on the enclosing impl.
fn enum_owner(segment: &str) -> Option<String> {
    (segment != "Self" && !segment.is_empty()).then(|| segment.to_string())
}

/// The segment before the last one of `a::Route::User`.
fn second_to_last(path: &syn::Path) -> Option<String> {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let owner = segments
        .len()
        .checked_sub(2)
        .map(|i| segments[i].ident.to_string())?;
    enum_owner(&owner)
}
