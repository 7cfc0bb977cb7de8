//! The crate's own `macro_rules!` macros, expanded the way the compiler expands them, so that
//! what they make can be read like code written by hand: a URL (`api_url!("/users/{}", id)`),
//! or whole items (`request_builder! { name = ClientBuilder, method = Method::POST, .. }`
//! making a struct and the method that sends it).
//!
//! Matchers are read in full: literal tokens, `$name:fragment` for every fragment kind, groups,
//! and repetitions `$( .. ) sep op` nested to any depth. Matching is greedy, without the
//! compiler's backtracking over ambiguous repetitions; the first rule that matches the whole
//! input is used, as the compiler does. A rule routelint cannot read makes the macro unknown:
//! applying the other rules to a call that one was meant for would be a guess. Anything that
//! does not expand leaves the macro unexpanded (its URLs unresolved, never guessed).
//!
//! (`macro-rules-rt` does this for search and replace, but it panics on inputs it does not
//! expect, and a panic on a user's code is not acceptable here.)

use proc_macro2::{Delimiter, Group, Ident, TokenStream, TokenTree};
use std::collections::HashMap;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};

/// One rule: what its matcher accepts, and the tokens it expands to.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    matcher: Vec<Pattern>,
    body: TokenStream,
}

#[derive(Debug, Clone)]
enum Pattern {
    /// A token that must be there as written (an identifier, a punctuation, a literal).
    Token(TokenTree),
    /// `( .. )`, `[ .. ]`, `{ .. }` holding patterns of their own.
    Group(Delimiter, Vec<Pattern>),
    /// `$name:kind`
    Fragment(String, Fragment),
    /// `$( .. ) sep op`
    Repeat {
        items: Vec<Pattern>,
        separator: Option<TokenTree>,
        op: Repetition,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repetition {
    /// `*`
    Any,
    /// `+`
    AtLeastOne,
    /// `?`
    AtMostOne,
}

#[derive(Debug, Clone, Copy)]
enum Fragment {
    Ident,
    Literal,
    Lifetime,
    Tt,
    Expr,
    Ty,
    Path,
    Pat,
    PatParam,
    Block,
    Stmt,
    Item,
    Meta,
    Vis,
}

impl Fragment {
    fn named(kind: &str) -> Option<Self> {
        Some(match kind {
            "ident" => Self::Ident,
            "literal" => Self::Literal,
            "lifetime" => Self::Lifetime,
            "tt" => Self::Tt,
            "expr" | "expr_2021" => Self::Expr,
            "ty" => Self::Ty,
            "path" => Self::Path,
            "pat" => Self::Pat,
            "pat_param" => Self::PatParam,
            "block" => Self::Block,
            "stmt" => Self::Stmt,
            "item" => Self::Item,
            "meta" => Self::Meta,
            "vis" => Self::Vis,
            _ => return None,
        })
    }

    /// Parse one fragment of this kind from `input` (its tokens are taken by the caller).
    fn parse(self, input: ParseStream) -> syn::Result<()> {
        fn one<T: syn::parse::Parse>(input: ParseStream) -> syn::Result<()> {
            input.parse::<T>().map(drop)
        }
        match self {
            Self::Ident => Ident::parse_any(input).map(drop),
            // `-1` is a literal fragment too.
            Self::Literal => {
                if input.peek(syn::Token![-]) {
                    input.parse::<syn::Token![-]>()?;
                }
                one::<syn::Lit>(input)
            }
            Self::Lifetime => one::<syn::Lifetime>(input),
            Self::Tt => one::<TokenTree>(input),
            Self::Expr => one::<syn::Expr>(input),
            Self::Ty => one::<syn::Type>(input),
            Self::Path => one::<syn::Path>(input),
            Self::Pat => syn::Pat::parse_multi_with_leading_vert(input).map(drop),
            Self::PatParam => syn::Pat::parse_single(input).map(drop),
            Self::Block => one::<syn::Block>(input),
            Self::Stmt => one::<syn::Stmt>(input),
            Self::Item => one::<syn::Item>(input),
            Self::Meta => one::<syn::Meta>(input),
            Self::Vis => one::<syn::Visibility>(input),
        }
    }
}

/// What a matcher bound: a name's tokens, or (inside repetitions) one binding per repetition.
#[derive(Debug, Clone)]
enum Bound {
    One(TokenStream),
    Many(Vec<Bound>),
}

type Bindings = HashMap<String, Bound>;

/// The macros defined in a file, by name. A name defined twice (in two modules) is left out:
/// which definition a call sees is not known here. Test code is not looked into.
pub(super) fn collect(file: &syn::File) -> HashMap<String, Vec<Rule>> {
    struct Collect(HashMap<String, Option<Vec<Rule>>>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
            if !super::is_test_code(&node.attrs) {
                syn::visit::visit_item_mod(self, node);
            }
        }
        fn visit_item_macro(&mut self, node: &'ast syn::ItemMacro) {
            let is_rules = node.mac.path.is_ident("macro_rules");
            if let (true, Some(name)) = (is_rules, &node.ident) {
                let rules = parse_rules(node.mac.tokens.clone());
                self.0
                    .entry(name.to_string())
                    .and_modify(|known| *known = None)
                    .or_insert(rules);
            }
        }
    }
    let mut collect = Collect(HashMap::new());
    syn::visit::Visit::visit_file(&mut collect, file);
    collect
        .0
        .into_iter()
        .filter_map(|(name, rules)| Some((name, rules?)))
        .collect()
}

/// The `macro_rules!` definitions of a file as text, by name (`None`: defined twice), for the
/// other files of the crate: `proc_macro2` tokens cannot cross threads, text can. The text is
/// the source as written (spaces and all), so that what an expansion shows of it reads as
/// the author wrote it (`self.base_url`, not `self . base_url`).
pub(crate) fn definitions(file: &syn::File) -> HashMap<String, Option<String>> {
    struct Collect(HashMap<String, Option<String>>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
            if !super::is_test_code(&node.attrs) {
                syn::visit::visit_item_mod(self, node);
            }
        }
        fn visit_item_macro(&mut self, node: &'ast syn::ItemMacro) {
            if let (true, Some(name)) = (node.mac.path.is_ident("macro_rules"), &node.ident) {
                let text = source_inside(&node.mac.delimiter)
                    .unwrap_or_else(|| node.mac.tokens.to_string());
                self.0
                    .entry(name.to_string())
                    .and_modify(|known| *known = None)
                    .or_insert(Some(text));
            }
        }
    }
    let mut collect = Collect(HashMap::new());
    syn::visit::Visit::visit_file(&mut collect, file);
    collect.0
}

/// The source text between a macro's delimiters.
fn source_inside(delimiter: &syn::MacroDelimiter) -> Option<String> {
    let span = match delimiter {
        syn::MacroDelimiter::Paren(p) => p.span.join(),
        syn::MacroDelimiter::Brace(b) => b.span.join(),
        syn::MacroDelimiter::Bracket(b) => b.span.join(),
    };
    let text = span.source_text()?;
    let mut chars = text.chars();
    chars.next()?;
    chars.next_back()?;
    Some(chars.as_str().to_string())
}

/// The rules of a definition given as text (see `definitions`).
pub(super) fn parse_definition(text: &str) -> Option<Vec<Rule>> {
    parse_rules(text.parse().ok()?)
}

/// `(matcher) => { body };` repeated. `None` when any rule is not understood.
fn parse_rules(tokens: TokenStream) -> Option<Vec<Rule>> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut rules = Vec::new();
    let mut rest = tokens.as_slice();
    while !rest.is_empty() {
        let [
            TokenTree::Group(matcher),
            TokenTree::Punct(eq),
            TokenTree::Punct(gt),
            TokenTree::Group(body),
            more @ ..,
        ] = rest
        else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        let tokens: Vec<TokenTree> = matcher.stream().into_iter().collect();
        rules.push(Rule {
            matcher: parse_patterns(&tokens)?,
            body: body.stream(),
        });
        rest = match more {
            [TokenTree::Punct(semi), after @ ..] if semi.as_char() == ';' => after,
            other => other,
        };
    }
    (!rules.is_empty()).then_some(rules)
}

fn parse_patterns(tokens: &[TokenTree]) -> Option<Vec<Pattern>> {
    let mut patterns = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match (&tokens[i], tokens.get(i + 1)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                // `$name:kind`
                let (Some(TokenTree::Punct(colon)), Some(TokenTree::Ident(kind))) =
                    (tokens.get(i + 2), tokens.get(i + 3))
                else {
                    return None;
                };
                if colon.as_char() != ':' {
                    return None;
                }
                let fragment = Fragment::named(&kind.to_string())?;
                patterns.push(Pattern::Fragment(name.to_string(), fragment));
                i += 4;
            }
            (TokenTree::Punct(dollar), Some(TokenTree::Group(group)))
                if dollar.as_char() == '$' && group.delimiter() == Delimiter::Parenthesis =>
            {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                let items = parse_patterns(&inner)?;
                let (separator, op, used) = repetition_end(&tokens[i + 2..])?;
                patterns.push(Pattern::Repeat {
                    items,
                    separator,
                    op,
                });
                i += 2 + used;
            }
            (TokenTree::Group(group), _) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                patterns.push(Pattern::Group(group.delimiter(), parse_patterns(&inner)?));
                i += 1;
            }
            (token, _) => {
                patterns.push(Pattern::Token(token.clone()));
                i += 1;
            }
        }
    }
    Some(patterns)
}

/// What follows `$( .. )`: an optional separator and the operator, and how many tokens they
/// take.
fn repetition_end(tokens: &[TokenTree]) -> Option<(Option<TokenTree>, Repetition, usize)> {
    let op = |token: &TokenTree| match token {
        TokenTree::Punct(p) => match p.as_char() {
            '*' => Some(Repetition::Any),
            '+' => Some(Repetition::AtLeastOne),
            '?' => Some(Repetition::AtMostOne),
            _ => None,
        },
        _ => None,
    };
    let first = tokens.first()?;
    if let Some(op) = op(first) {
        return Some((None, op, 1));
    }
    // A separator is one token (`,`, `;`, `=>` is not supported), and `?` takes none.
    let op = op(tokens.get(1)?)?;
    (op != Repetition::AtMostOne).then(|| (Some(first.clone()), op, 2))
}

/// The expansion of a call with `args`, by the first rule that matches them all; a body in
/// braces (`{{ format!(..) }}`) is a block, its tokens the expression.
pub(super) fn expand(rules: &[Rule], args: TokenStream) -> Option<TokenStream> {
    let bindings = rules.iter().find_map(|rule| {
        let parser = |input: ParseStream| {
            let mut bindings = Bindings::new();
            match_patterns(&rule.matcher, input, &mut bindings)?;
            Ok(bindings)
        };
        Some((rule, parser.parse2(args.clone()).ok()?))
    });
    let (rule, bindings) = bindings?;
    let tokens: Vec<TokenTree> = rule.body.clone().into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    transcribe(&tokens, &bindings, &mut out)?;
    Some(out.into_iter().collect())
}

/// What an expansion makes as items or statements: a body written in braces of its own
/// (`=> {{ struct A; }}`, `=> {{ let x = ..; }}`) makes what the braces hold. (As a value, the
/// braces are a block, and kept.)
pub(super) fn without_braces(expanded: TokenStream) -> TokenStream {
    let mut tokens = expanded.clone().into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Group(g)), None) if g.delimiter() == Delimiter::Brace => g.stream(),
        _ => expanded,
    }
}

fn match_patterns(
    patterns: &[Pattern],
    input: ParseStream,
    bindings: &mut Bindings,
) -> syn::Result<()> {
    for pattern in patterns {
        match pattern {
            Pattern::Token(expected) => match_token(expected, input)?,
            Pattern::Group(delimiter, inner) => {
                let found = input.parse::<TokenTree>()?;
                let TokenTree::Group(group) = found else {
                    return Err(input.error("expected a group"));
                };
                if group.delimiter() != *delimiter {
                    return Err(input.error("expected another delimiter"));
                }
                let parser =
                    |inner_input: ParseStream| match_patterns(inner, inner_input, bindings);
                parser.parse2(group.stream())?;
            }
            Pattern::Fragment(name, fragment) => {
                let tokens = taken(input, |input| fragment.parse(input))?;
                bindings.insert(name.clone(), Bound::One(tokens));
            }
            Pattern::Repeat {
                items,
                separator,
                op,
            } => {
                let repeats = match_repetition(items, separator.as_ref(), *op, input)?;
                for name in names_in(items) {
                    let each = repeats
                        .iter()
                        .filter_map(|r| r.get(&name).cloned())
                        .collect();
                    bindings.insert(name, Bound::Many(each));
                }
            }
        }
    }
    Ok(())
}

/// Greedy: as many repetitions as match, each one taking at least a token.
fn match_repetition(
    items: &[Pattern],
    separator: Option<&TokenTree>,
    op: Repetition,
    input: ParseStream,
) -> syn::Result<Vec<Bindings>> {
    let mut repeats = Vec::new();
    loop {
        let full = op == Repetition::AtMostOne && repeats.len() == 1;
        if full || input.is_empty() {
            break;
        }
        let fork = input.fork();
        if let (false, Some(separator)) = (repeats.is_empty(), separator) {
            if match_token(separator, &fork).is_err() {
                break;
            }
        }
        let mut found = Bindings::new();
        if match_patterns(items, &fork, &mut found).is_err() || fork.cursor() == input.cursor() {
            break;
        }
        input.advance_to(&fork);
        repeats.push(found);
    }
    if op == Repetition::AtLeastOne && repeats.is_empty() {
        return Err(input.error("expected at least one repetition"));
    }
    Ok(repeats)
}

fn match_token(expected: &TokenTree, input: ParseStream) -> syn::Result<()> {
    let found = input.parse::<TokenTree>()?;
    let same = match (expected, &found) {
        (TokenTree::Ident(a), TokenTree::Ident(b)) => a == b,
        (TokenTree::Punct(a), TokenTree::Punct(b)) => a.as_char() == b.as_char(),
        (TokenTree::Literal(a), TokenTree::Literal(b)) => a.to_string() == b.to_string(),
        _ => false,
    };
    if same {
        Ok(())
    } else {
        Err(input.error("unexpected token"))
    }
}

/// The tokens `parse` takes from `input`, as they are (spans and all).
fn taken(
    input: ParseStream,
    parse: impl FnOnce(ParseStream) -> syn::Result<()>,
) -> syn::Result<TokenStream> {
    let start = input.cursor();
    parse(input)?;
    let end = input.cursor();
    let mut tokens = TokenStream::new();
    let mut at = start;
    while at != end {
        let Some((token, next)) = at.token_tree() else {
            break;
        };
        tokens.extend(std::iter::once(token));
        at = next;
    }
    Ok(tokens)
}

/// Every `$name` a list of patterns binds, at any depth.
fn names_in(patterns: &[Pattern]) -> Vec<String> {
    let mut names = Vec::new();
    for pattern in patterns {
        match pattern {
            Pattern::Token(_) => {}
            Pattern::Fragment(name, _) => names.push(name.clone()),
            Pattern::Group(_, inner) | Pattern::Repeat { items: inner, .. } => {
                names.extend(names_in(inner))
            }
        }
    }
    names
}

/// The body with every `$name` replaced by its tokens and every `$( .. ) sep op` repeated as
/// often as the names it uses were; `$crate` is `crate`. `None` when the body uses a binding
/// at another depth than it was bound at, or repeats names bound a different number of times.
fn transcribe(body: &[TokenTree], bindings: &Bindings, out: &mut Vec<TokenTree>) -> Option<()> {
    let mut i = 0;
    while i < body.len() {
        match (&body[i], body.get(i + 1)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                let text = name.to_string();
                match bindings.get(&text) {
                    Some(Bound::One(tokens)) => out.extend(tokens.clone()),
                    Some(Bound::Many(_)) => return None,
                    None if text == "crate" => {
                        out.push(TokenTree::Ident(Ident::new("crate", name.span())))
                    }
                    // Not a binding: `$x` of a macro this one defines.
                    None => out.extend([body[i].clone(), body[i + 1].clone()]),
                }
                i += 2;
            }
            (TokenTree::Punct(dollar), Some(TokenTree::Group(group)))
                if dollar.as_char() == '$' && group.delimiter() == Delimiter::Parenthesis =>
            {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                let (separator, _, used) = repetition_end(&body[i + 2..])?;
                repeat(&inner, separator.as_ref(), bindings, out)?;
                i += 2 + used;
            }
            (TokenTree::Group(group), _) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                let mut tokens = Vec::with_capacity(inner.len());
                transcribe(&inner, bindings, &mut tokens)?;
                let mut copy = Group::new(group.delimiter(), tokens.into_iter().collect());
                copy.set_span(group.span());
                out.push(TokenTree::Group(copy));
                i += 1;
            }
            (token, _) => {
                out.push(token.clone());
                i += 1;
            }
        }
    }
    Some(())
}

/// One transcription of `inner` per repetition of the repeated names it uses.
fn repeat(
    inner: &[TokenTree],
    separator: Option<&TokenTree>,
    bindings: &Bindings,
    out: &mut Vec<TokenTree>,
) -> Option<()> {
    let repeated: Vec<(&String, &Vec<Bound>)> = used_names(inner)
        .into_iter()
        .filter_map(|name| match bindings.get_key_value(&name)? {
            (key, Bound::Many(each)) => Some((key, each)),
            _ => None,
        })
        .collect();
    let count = repeated.first()?.1.len();
    if repeated.iter().any(|(_, each)| each.len() != count) {
        return None;
    }
    for n in 0..count {
        if n > 0 {
            out.extend(separator.cloned());
        }
        let mut these = bindings.clone();
        for (name, each) in &repeated {
            these.insert((*name).clone(), each[n].clone());
        }
        transcribe(inner, &these, out)?;
    }
    Some(())
}

/// The `$name`s a transcriber uses, at any depth.
fn used_names(body: &[TokenTree]) -> Vec<String> {
    let mut names = Vec::new();
    for (i, token) in body.iter().enumerate() {
        match (token, body.get(i + 1)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                names.push(name.to_string())
            }
            (TokenTree::Group(group), _) => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                names.extend(used_names(&inner));
            }
            _ => {}
        }
    }
    names
}
