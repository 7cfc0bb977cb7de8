//! Items that the crate's own `macro_rules!` macros write: a call of such a macro where items
//! go (a module, an `impl`) is expanded (see `macros`) and what it makes is visited like code
//! written by hand. Its requests are reported at the macro call, and nothing in it is ever
//! fixed: its tokens may be the macro definition's, in another file.

use super::{Extractor, Site, macros};
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::Expr;
use syn::parse::{ParseStream, Parser};
use syn::visit::Visit;

/// How deep expansions may nest (a macro whose expansion calls it again must stop), and how
/// many a file may make in all (a macro that calls itself several times would otherwise make
/// exponentially many).
pub(super) const MAX_EXPANSION: usize = 32;
pub(super) const EXPANSIONS_PER_FILE: usize = 512;

impl<'a> Extractor<'a> {
    /// The rules of the crate's macro `name`: this file's, else another file's.
    pub(super) fn macro_rules_of(&self, name: &str) -> Option<Vec<macros::Rule>> {
        if let Some(rules) = self.macros.get(name) {
            return Some(rules.clone());
        }
        let text = self.crate_macros.get(name)?;
        self.crate_macro_rules
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| macros::parse_definition(text))
            .clone()
    }

    /// `request_builder! { .. }` in a module: the items it expands to, visited.
    pub(super) fn visit_expanded_items(&mut self, mac: &'a syn::Macro) -> bool {
        let parse = |input: ParseStream| Ok(input.parse::<syn::File>()?.items);
        self.visit_expansion(mac, self.expanded_items, parse, Self::visit_item)
    }

    /// `streamed_request_wrapper! { pub fn generate("api/generate", ..) -> ..; }` in an
    /// `impl`: the methods it expands to, visited as the impl's.
    pub(super) fn visit_expanded_impl_items(&mut self, mac: &'a syn::Macro) -> bool {
        let parse = |input: ParseStream| {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse::<syn::ImplItem>()?);
            }
            Ok(items)
        };
        self.visit_expansion(mac, self.expanded_impl_items, parse, Self::visit_impl_item)
    }

    /// `endpoint! { self.inner get "games/{}", vars: [game_id], into: .. }` where code goes:
    /// the statements it expands to.
    pub(super) fn visit_expanded_code(&mut self, mac: &'a syn::Macro) -> bool {
        if self.current.is_none() {
            return false;
        }
        let parse = syn::Block::parse_within;
        self.visit_expansion(mac, self.expanded_code, parse, Self::visit_stmt)
    }

    /// A call of one of the crate's macros, expanded, parsed by `parse`, kept in `arena` and
    /// visited part by part, in a block of its own (what it binds ends with it) and with the
    /// places of the call (see `in_expansion`). `false` when it is no such call or does not
    /// expand to what `parse` reads.
    fn visit_expansion<T>(
        &mut self,
        mac: &'a syn::Macro,
        arena: &'a typed_arena::Arena<Vec<T>>,
        parse: impl FnOnce(ParseStream) -> syn::Result<Vec<T>>,
        visit: impl Fn(&mut Self, &'a T),
    ) -> bool {
        let Some(tokens) = self.expand_call(mac) else {
            return false;
        };
        let Ok(parsed) = parse.parse2(tokens) else {
            return false;
        };
        let parts: &'a [T] = arena.alloc(parsed);
        self.in_expansion(mac, |this| {
            this.scoped(|this| {
                for part in parts {
                    visit(this, part);
                }
            })
        });
        true
    }

    /// A macro of another crate whose call declares a type and writes some of its methods
    /// (`Endpoint! { pub Get(()), Ok => Clock, [..], fn path(_: &Self::Input) -> Str {
    /// "/v2/clock".into() } }`): the methods, visited as the type's in an `impl` of a trait
    /// named like the macro, for a generic sender of the crate (`R::path(input)`) to find.
    /// Their tokens are the call's own, in this file.
    pub(super) fn visit_embedded_fns(&mut self, mac: &'a syn::Macro) -> bool {
        let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else {
            return false;
        };
        if self.macro_rules_of(&name).is_some() {
            return false;
        }
        let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
        let Some(owner) = declared_type(&tokens) else {
            return false;
        };
        let fns: Vec<syn::ImplItem> = embedded_fns(&tokens)
            .into_iter()
            .filter_map(|tokens| syn::parse2::<syn::ImplItemFn>(tokens).ok())
            .map(syn::ImplItem::Fn)
            .collect();
        if fns.is_empty() {
            return false;
        }
        let items: &'a [syn::ImplItem] = self.expanded_impl_items.alloc(fns);
        let saved_trait = self.implemented.replace(name);
        let saved_owner = self.owner.replace(owner);
        let saved_block = self.impl_block.replace(self.impl_blocks);
        self.impl_blocks += 1;
        for item in items {
            self.visit_impl_item(item);
        }
        self.owner = saved_owner;
        self.implemented = saved_trait;
        self.impl_block = saved_block;
        true
    }

    /// The tokens a call of one of the crate's macros expands to, if it is one and expands.
    fn expand_call(&self, mac: &syn::Macro) -> Option<proc_macro2::TokenStream> {
        if self.macro_depth.get() >= MAX_EXPANSION || !self.spend_expansion() {
            return None;
        }
        let name = mac.path.segments.last()?.ident.to_string();
        let Some(rules) = self.macro_rules_of(&name) else {
            return documented_items(&name, mac).or_else(|| pasted(&name, mac));
        };
        macros::expand(&rules, mac.tokens.clone()).map(macros::without_braces)
    }

    /// A place for a token the macro definition wrote, in an expansion at `call`: past the end
    /// of the file (no edit can replace it, and no snippet shows it), and one of its own for
    /// each token, statement and macro call, since places tell calls and requests apart.
    pub(super) fn beyond_the_file(&self, call: &Site, span: Span) -> usize {
        use std::hash::{Hash, Hasher};
        let start = span.start();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (
            call.range.start,
            self.expanded_stmts,
            start.line,
            start.column,
        )
            .hash(&mut hasher);
        let end = self.offset + self.src.len();
        end + 1 + (hasher.finish() % (1 << 40)) as usize
    }

    /// One expansion of the file's budget (see `EXPANSIONS_PER_FILE`); `false` when spent.
    pub(super) fn spend_expansion(&self) -> bool {
        let made = self.expansions_made.get();
        self.expansions_made.set(made + 1);
        made < EXPANSIONS_PER_FILE
    }

    /// Visit an expansion: what the macro wrote is at the (outermost) macro call.
    fn in_expansion(&mut self, mac: &syn::Macro, visit: impl FnOnce(&mut Self)) {
        let call = match &self.expansion {
            Some(outer) => outer.clone(),
            None => {
                let name = mac.path.segments.last().map(|s| s.ident.span());
                let site: Site = self.site(name.unwrap_or_else(Span::call_site));
                let args = match &mac.delimiter {
                    syn::MacroDelimiter::Paren(p) => p.span.join(),
                    syn::MacroDelimiter::Brace(b) => b.span.join(),
                    syn::MacroDelimiter::Bracket(b) => b.span.join(),
                };
                (site, args)
            }
        };
        let saved = self.expansion.replace(call);
        let depth = self.macro_depth.get();
        self.macro_depth.set(depth + 1);
        visit(self);
        self.macro_depth.set(depth);
        self.expansion = saved;
    }
}

impl Extractor<'_> {
    /// Where a request made by an expansion is reported: at the first of its arguments that
    /// the macro call wrote (`method = Method::POST,`, `fn chat("api/chat", ..)`), else at
    /// `verb` if the call wrote it (`self.client.$method(&url)`), so that each request a call
    /// makes has its own line; else at the call. Outside expansions, `site` itself.
    pub(super) fn written_at(
        &self,
        site: &Site,
        args: &[&Expr],
        verb: Option<Span>,
    ) -> (usize, usize) {
        let Some((_, call_args)) = &self.expansion else {
            return (site.line, site.column);
        };
        let first = args
            .iter()
            .find_map(|arg| {
                let tokens = quote::ToTokens::to_token_stream(*arg);
                first_within(tokens, *call_args)
            })
            .or(verb.filter(|span| within(*span, *call_args)));
        match first {
            Some(span) => (span.start().line, span.start().column + 1),
            None => (site.line, site.column),
        }
    }
}

/// `doc_comment! { concat!("Equivalent to `", $url, "`"), pub fn $name(..) { .. } }`: the
/// `doc_comment` crate's macro, which puts its first argument on the items after it as their
/// doc comment; those items (macros of the crate write a doc comment for each method they make
/// this way).
fn documented_items(name: &str, mac: &syn::Macro) -> Option<proc_macro2::TokenStream> {
    if name != "doc_comment" {
        return None;
    }
    let mut tokens = mac.tokens.clone().into_iter();
    tokens.find(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))?;
    Some(tokens.collect())
}

/// `paste! { get_endpoint!(#[doc = "Gets one [" Sleep "]."], [<get_ sleep>], Sleep, "sleep"); }`:
/// the `paste` crate's macro, which a crate's macros use to make names (rust-oura-api's
/// `endpoint_set!`): its tokens with each `[<get_ sleep>]` made one identifier (`get_sleep`,
/// `:lower` and `:upper` applied) and each doc attribute's parts made one string.
fn pasted(name: &str, mac: &syn::Macro) -> Option<TokenStream> {
    (name == "paste").then(|| paste_tokens(mac.tokens.clone()))
}

fn paste_tokens(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Delimiter, Group, Ident, Literal};
    let mut out = Vec::new();
    for token in tokens {
        let TokenTree::Group(group) = token else {
            out.push(token);
            continue;
        };
        let inner: Vec<TokenTree> = group.stream().into_iter().collect();
        let is_paste = group.delimiter() == Delimiter::Bracket
            && matches!(inner.first(), Some(TokenTree::Punct(p)) if p.as_char() == '<')
            && matches!(inner.last(), Some(TokenTree::Punct(p)) if p.as_char() == '>');
        if is_paste {
            if let Some(ident) = pasted_ident(&inner[1..inner.len() - 1]) {
                out.push(TokenTree::Ident(Ident::new(&ident, group.span())));
                continue;
            }
        }
        // `#[doc = "Gets one [" Sleep "]."]`: one string.
        let after_hash = matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '#');
        if after_hash && group.delimiter() == Delimiter::Bracket {
            if let [TokenTree::Ident(doc), TokenTree::Punct(eq), parts @ ..] = inner.as_slice() {
                if doc == "doc" && eq.as_char() == '=' && parts.len() > 1 {
                    let text: String = parts.iter().map(token_text).collect();
                    let stream: TokenStream = [
                        TokenTree::Ident(doc.clone()),
                        TokenTree::Punct(eq.clone()),
                        TokenTree::Literal(Literal::string(&text)),
                    ]
                    .into_iter()
                    .collect();
                    out.push(TokenTree::Group(Group::new(Delimiter::Bracket, stream)));
                    continue;
                }
            }
        }
        let mut rebuilt = Group::new(group.delimiter(), paste_tokens(group.stream()));
        rebuilt.set_span(group.span());
        out.push(TokenTree::Group(rebuilt));
    }
    out.into_iter().collect()
}

/// `get_ sleep` → `get_sleep`; `sleep:upper` → `SLEEP`. `None` when a part is no name.
fn pasted_ident(parts: &[TokenTree]) -> Option<String> {
    let mut ident = String::new();
    let mut parts = parts.iter().peekable();
    while let Some(part) = parts.next() {
        let mut text = match part {
            TokenTree::Ident(i) => i.to_string(),
            TokenTree::Literal(l) => l.to_string().trim_matches('"').to_string(),
            TokenTree::Punct(p) if p.as_char() == '_' => "_".to_string(),
            _ => return None,
        };
        if matches!(parts.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ':') {
            parts.next();
            match parts.next() {
                Some(TokenTree::Ident(m)) if m == "lower" => text = text.to_lowercase(),
                Some(TokenTree::Ident(m)) if m == "upper" => text = text.to_uppercase(),
                _ => return None,
            }
        }
        ident.push_str(&text);
    }
    let valid = ident.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && ident.chars().all(|c| c.is_alphanumeric() || c == '_');
    valid.then_some(ident)
}

/// A doc attribute part's text: a string's value, a name as written.
fn token_text(token: &TokenTree) -> String {
    match token {
        TokenTree::Literal(l) => syn::parse_str::<syn::LitStr>(&l.to_string())
            .map(|s| s.value())
            .unwrap_or_else(|_| l.to_string()),
        other => other.to_string(),
    }
}

/// The first token of `tokens` (at any depth) written within `outer`.
fn first_within(tokens: proc_macro2::TokenStream, outer: Span) -> Option<Span> {
    tokens.into_iter().find_map(|token| match token {
        proc_macro2::TokenTree::Group(group) => first_within(group.stream(), outer),
        other => within(other.span(), outer).then(|| other.span()),
    })
}

/// The type a macro call declares: its first name in capitals, after any `pub` (`pub Get(())`).
fn declared_type(tokens: &[TokenTree]) -> Option<String> {
    let mut rest = tokens;
    loop {
        match rest {
            // `#[doc = ".."]` (a `///` comment) and `pub(crate)`
            [TokenTree::Punct(hash), TokenTree::Group(_), more @ ..] if hash.as_char() == '#' => {
                rest = more
            }
            [TokenTree::Ident(vis), TokenTree::Group(g), more @ ..]
                if vis == "pub" && g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
            {
                rest = more
            }
            [TokenTree::Ident(vis), more @ ..] if vis == "pub" => rest = more,
            [TokenTree::Ident(name), ..] => {
                let name = name.to_string();
                return name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase())
                    .then_some(name);
            }
            _ => return None,
        }
    }
}

/// The `fn name(..) -> T { .. }` written among a macro call's tokens, each as its own tokens
/// (with the attributes before it).
fn embedded_fns(tokens: &[TokenTree]) -> Vec<TokenStream> {
    let mut fns = Vec::new();
    let mut start = None;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(word) if word == "fn" && start.is_none() => {
                // Its attributes (`#[inline]`) come with it.
                let mut first = i;
                while first >= 2
                    && matches!(&tokens[first - 2], TokenTree::Punct(p) if p.as_char() == '#')
                    && matches!(&tokens[first - 1], TokenTree::Group(_))
                {
                    first -= 2;
                }
                start = Some(first);
            }
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                if let Some(first) = start.take() {
                    fns.push(tokens[first..=i].iter().cloned().collect());
                }
            }
            // A `;` or `,` before a body: a declaration, not a method.
            TokenTree::Punct(p) if matches!(p.as_char(), ';' | ',') && start.is_some() => {
                start = None;
            }
            _ => {}
        }
    }
    fns
}

/// Whether `span` is within `outer`, in the same file: a token of a macro call's arguments,
/// not of the macro's definition (which may be another file's text, parsed on its own).
pub(super) fn within(span: Span, outer: Span) -> bool {
    let at = |c: proc_macro2::LineColumn| (c.line, c.column);
    outer.join(span).is_some()
        && at(outer.start()) <= at(span.start())
        && at(span.end()) <= at(outer.end())
}

/// The text of an expression an expansion made (`call_args`: the span of the macro call's
/// arguments): its source where its first and last tokens come from one place, the call or
/// the macro (`self.base_url`, as written), else its tokens printed (the source between a
/// token of the macro and one of the call is neither).
pub(super) fn expanded_text(expr: &Expr, call_args: Span) -> String {
    let (first, last) = (super::first_span(expr), super::last_span(expr));
    let one_place = within(first, call_args) == within(last, call_args);
    let joined = one_place.then(|| first.join(last)).flatten();
    match joined.and_then(|span| span.source_text()) {
        Some(text) => super::squeezed(&text),
        None => tight(&quote::ToTokens::to_token_stream(expr).to_string()),
    }
}

/// Printed tokens (`self . base_url`) as they are usually written (`self.base_url`).
fn tight(printed: &str) -> String {
    let mut out = printed.to_string();
    for (spaced, written) in [
        (" . ", "."),
        (" :: ", "::"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("& ", "&"),
        (" ,", ","),
        (" ?", "?"),
    ] {
        out = out.replace(spaced, written);
    }
    out
}
