//! Simple `macro_rules!` macros that build URLs (`api_url!("/users/{}", id)`), expanded so
//! that their result can be evaluated like any string expression.
//!
//! Only the shapes such macros have in practice are understood: a rule whose matcher is a list
//! of `$name:fragment` separated by commas, or one repetition `$($args:tt)*`; the first rule
//! that fits the call's arguments is used. Anything else leaves the macro unexpanded (the URL is
//! then unresolved, never guessed).

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::HashMap;

/// One rule: how arguments bind, and what they expand to.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    matcher: Matcher,
    body: TokenStream,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// `$a:expr, $b:literal`: one binding (name, fragment) per comma-separated argument, and
    /// maybe the rest of the arguments as tokens (`$path:literal, $($fmt:tt)*`).
    List(Vec<(String, String)>, Option<String>),
    /// `$($args:tt)*`: every token of the call.
    Repeat(String),
}

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
/// other files of the crate: `proc_macro2` tokens cannot cross threads, text can.
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
                self.0
                    .entry(name.to_string())
                    .and_modify(|known| *known = None)
                    .or_insert(Some(node.mac.tokens.to_string()));
            }
        }
    }
    let mut collect = Collect(HashMap::new());
    syn::visit::Visit::visit_file(&mut collect, file);
    collect.0
}

/// The rules of a definition given as text (see `definitions`).
pub(super) fn parse_definition(text: &str) -> Option<Vec<Rule>> {
    parse_rules(text.parse().ok()?)
}

/// `(matcher) => { body };` repeated. `None` when any rule is not understood: applying the
/// others to a call that one of them was meant for would be a guess.
fn parse_rules(tokens: TokenStream) -> Option<Vec<Rule>> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut rules = Vec::new();
    let mut i = 0;
    while i + 3 < tokens.len() + 1 {
        let (
            Some(TokenTree::Group(matcher)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Punct(gt)),
            Some(TokenTree::Group(body)),
        ) = (
            tokens.get(i),
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
        )
        else {
            break;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        rules.push(Rule {
            matcher: parse_matcher(matcher.stream())?,
            body: body.stream(),
        });
        i += 4;
        if matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    (i == tokens.len() && !rules.is_empty()).then_some(rules)
}

fn parse_matcher(tokens: TokenStream) -> Option<Matcher> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // `$($args:tt)*` / `$($args:tt)+`
    if let [
        TokenTree::Punct(dollar),
        TokenTree::Group(group),
        TokenTree::Punct(rep),
    ] = tokens.as_slice()
    {
        if dollar.as_char() == '$' && matches!(rep.as_char(), '*' | '+') {
            let inner: Vec<TokenTree> = group.stream().into_iter().collect();
            if let [
                TokenTree::Punct(d),
                TokenTree::Ident(name),
                TokenTree::Punct(colon),
                TokenTree::Ident(frag),
            ] = inner.as_slice()
            {
                if d.as_char() == '$' && colon.as_char() == ':' && frag == "tt" {
                    return Some(Matcher::Repeat(name.to_string()));
                }
            }
        }
        return None;
    }
    // `$a:expr, $b:expr` with an optional trailing `$(,)?` or `$($rest:tt)*`
    let mut names = Vec::new();
    let mut rest = tokens.as_slice();
    loop {
        match rest {
            [] => break,
            [
                TokenTree::Punct(d),
                TokenTree::Group(group),
                TokenTree::Punct(rep),
            ] if d.as_char() == '$' && matches!(rep.as_char(), '*' | '+') && !names.is_empty() => {
                let single = parse_matcher(
                    [
                        rest[0].clone(),
                        TokenTree::Group(group.clone()),
                        rest[2].clone(),
                    ]
                    .into_iter()
                    .collect(),
                )?;
                let Matcher::Repeat(tail) = single else {
                    return None;
                };
                return Some(Matcher::List(names, Some(tail)));
            }
            [
                TokenTree::Punct(d),
                TokenTree::Ident(name),
                TokenTree::Punct(colon),
                TokenTree::Ident(fragment),
                tail @ ..,
            ] if d.as_char() == '$' && colon.as_char() == ':' => {
                names.push((name.to_string(), fragment.to_string()));
                rest = match tail {
                    [TokenTree::Punct(comma), more @ ..] if comma.as_char() == ',' => more,
                    other => other,
                };
            }
            // `$(,)?`
            [
                TokenTree::Punct(d),
                TokenTree::Group(_),
                TokenTree::Punct(q),
            ] if d.as_char() == '$' && q.as_char() == '?' => break,
            _ => return None,
        }
    }
    Some(Matcher::List(names, None))
}

/// The expansion of a call with `args`, by the first rule that fits.
pub(super) fn expand(rules: &[Rule], args: TokenStream) -> Option<TokenStream> {
    let args: Vec<TokenTree> = args.into_iter().collect();
    for rule in rules {
        let bindings: HashMap<String, Vec<TokenTree>> = match &rule.matcher {
            Matcher::Repeat(name) => HashMap::from([(name.clone(), args.clone())]),
            Matcher::List(names, tail) => {
                let mut parts: Vec<Vec<TokenTree>> = args
                    .split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .map(<[TokenTree]>::to_vec)
                    .collect();
                if parts.last().is_some_and(Vec::is_empty) {
                    parts.pop();
                }
                if args.is_empty() {
                    parts.clear();
                }
                // `$path:literal, $($fmt:tt)*`: the arguments after the named ones, as tokens
                // (commas and all); there must be some.
                let rest: Option<Vec<TokenTree>> = match tail {
                    Some(_) if parts.len() > names.len() => {
                        let commas_before = names.len();
                        let start = args
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                            .nth(commas_before - 1)
                            .map(|(i, _)| i + 1)?;
                        parts.truncate(names.len());
                        Some(args[start..].to_vec())
                    }
                    Some(_) => continue,
                    None => None,
                };
                if parts.len() != names.len() {
                    continue;
                }
                let fits = names
                    .iter()
                    .zip(&parts)
                    .all(|((_, fragment), part)| fits_fragment(fragment, part));
                if !fits {
                    continue;
                }
                let mut bound: HashMap<String, Vec<TokenTree>> = names
                    .iter()
                    .map(|(name, _)| name.clone())
                    .zip(parts)
                    .collect();
                if let (Some(tail), Some(rest)) = (tail, rest) {
                    bound.insert(tail.clone(), rest);
                }
                bound
            }
        };
        return substitute(rule.body.clone(), &bindings);
    }
    None
}

/// Whether an argument can be a fragment of that kind (roughly, as the compiler would try).
fn fits_fragment(fragment: &str, tokens: &[TokenTree]) -> bool {
    match fragment {
        "ident" => matches!(tokens, [TokenTree::Ident(_)]),
        "literal" => {
            matches!(tokens, [TokenTree::Literal(_)])
                || matches!(tokens, [TokenTree::Punct(p), TokenTree::Literal(_)] if p.as_char() == '-')
        }
        "tt" => tokens.len() == 1,
        "expr" | "ty" | "path" | "pat" => !tokens.is_empty(),
        _ => false,
    }
}

/// The body with `$name` and `$($name)*` replaced by the bound tokens.
fn substitute(
    body: TokenStream,
    bindings: &HashMap<String, Vec<TokenTree>>,
) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = body.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        match (&tokens[i], tokens.get(i + 1)) {
            (TokenTree::Punct(d), Some(TokenTree::Ident(name))) if d.as_char() == '$' => {
                out.extend(bindings.get(&name.to_string())?.iter().cloned());
                i += 2;
            }
            (TokenTree::Punct(d), Some(TokenTree::Group(group))) if d.as_char() == '$' => {
                // `$($args)*`: the repetition of a `tt` binding is its tokens.
                let inner = substitute(group.stream(), bindings)?;
                out.extend(inner);
                i += 2;
                if matches!(tokens.get(i), Some(TokenTree::Punct(p)) if matches!(p.as_char(), '*' | '+'))
                {
                    i += 1;
                }
            }
            (TokenTree::Group(group), _) => {
                let inner = substitute(group.stream(), bindings)?;
                let mut copy = proc_macro2::Group::new(group.delimiter(), inner);
                copy.set_span(group.span());
                out.push(TokenTree::Group(copy));
                i += 1;
            }
            (other, _) => {
                out.push(other.clone());
                i += 1;
            }
        }
    }
    // A body in braces (`{ format!(..) }`) is a block: its tokens are the expression.
    let stream: TokenStream = out.into_iter().collect();
    Some(
        match stream.clone().into_iter().collect::<Vec<_>>().as_slice() {
            [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => g.stream(),
            _ => stream,
        },
    )
}
