//! URL helpers whose `Option` parameter picks the text:
//!
//! ```ignore
//! fn build_files_url(&self, name: Option<&str>) -> Result<Url> {
//!     let suffix = name.map(|n| format!("files/{n}")).unwrap_or_else(|| "files".into());
//!     self.base_url.join(&suffix)
//! }
//! ```
//!
//! Neither text is *the* value: `build_files_url(Some(id))` is `files/{id}`, and
//! `build_files_url(None)` is `files`. The helper's value keeps both (`Origin::Optional`), and
//! linking picks the one each caller's argument asks for.

use super::eval::{hole_name, is_empty_string, peel, plain_ident};
use super::{Binding, Extractor, block_tail};
use crate::source::url::{Hole, Optional, Origin, Piece, UrlValue};
use syn::Expr;

impl Extractor<'_> {
    /// `opt.map(|v| A).unwrap_or(B)`, `.unwrap_or_else(|| B)`, `opt.map_or(B, |v| A)`,
    /// `opt.map_or_else(|| B, |v| A)` on a parameter `opt`: both texts, or `None` when this
    /// is not that shape.
    pub(super) fn eval_optional_chain(&self, call: &syn::ExprMethodCall) -> Option<UrlValue> {
        let method = call.method.to_string();
        let args: Vec<&Expr> = call.args.iter().collect();
        // `absent` is `None` for `.unwrap_or_default()`: the text, or nothing.
        let (option, present, absent) = match (method.as_str(), args.as_slice()) {
            ("unwrap_or_default", []) => {
                let (option, closure) = mapped(&call.receiver)?;
                (option, closure, None)
            }
            ("unwrap_or", [fallback]) => {
                let (option, closure) = mapped(&call.receiver)?;
                (option, closure, Some(*fallback))
            }
            ("unwrap_or_else", [fallback]) => {
                let (option, closure) = mapped(&call.receiver)?;
                (option, closure, Some(closure_body(fallback, 0)?))
            }
            ("map_or", [fallback, closure]) => (&*call.receiver, *closure, Some(*fallback)),
            ("map_or_else", [fallback, closure]) => {
                (&*call.receiver, *closure, Some(closure_body(fallback, 0)?))
            }
            _ => return None,
        };
        let Expr::Closure(closure) = peel(present) else {
            return None;
        };
        let [input] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let binding = match input {
            syn::Pat::Ident(ident) => ident.ident.to_string(),
            syn::Pat::Type(typed) => match &*typed.pat {
                syn::Pat::Ident(ident) => ident.ident.to_string(),
                _ => return None,
            },
            _ => return None,
        };
        self.optional_value(option, &binding, &closure.body, absent)
    }

    /// `match opt { Some(v) => A, None => B }` on a parameter `opt`: both texts.
    pub(super) fn eval_optional_match(&self, choice: &syn::ExprMatch) -> Option<UrlValue> {
        let [first, second] = &choice.arms[..] else {
            return None;
        };
        if first.guard.is_some() || second.guard.is_some() {
            return None;
        }
        let (binding, some, none) = match (some_binding(&first.pat), some_binding(&second.pat)) {
            (Some(binding), None) if is_none(&second.pat) => (binding, first, second),
            (None, Some(binding)) if is_none(&first.pat) => (binding, second, first),
            _ => return None,
        };
        self.optional_value(&choice.expr, &binding, &some.body, Some(&none.body))
    }

    /// `if let Some(v) = opt { A } else { B }` on a parameter `opt` (porkbun-api's
    /// `Uri::try_from(if let Some(subdomain) = subdomain { format!(..) } else { format!(..) })`):
    /// both texts.
    pub(super) fn eval_optional_if(&self, branch: &syn::ExprIf) -> Option<UrlValue> {
        let Expr::Let(test) = &*branch.cond else {
            return None;
        };
        let binding = some_binding(&test.pat)?;
        let (_, otherwise) = branch.else_branch.as_ref()?;
        let present = block_tail(&branch.then_branch)?;
        let absent = match &**otherwise {
            Expr::Block(block) => block_tail(&block.block)?,
            _ => return None,
        };
        self.optional_value(&test.expr, &binding, present, Some(absent))
    }

    /// The value of a choice on the `Option` parameter `option`: `present` (where `binding`
    /// names what it holds) and `absent` (`None`: nothing).
    fn optional_value(
        &self,
        option: &Expr,
        binding: &str,
        present: &Expr,
        absent: Option<&Expr>,
    ) -> Option<UrlValue> {
        let option = unborrowed(option);
        let name = plain_ident(option)?;
        let Some((_, Binding::Param(param))) = self.env.iter().rev().find(|(n, _)| *n == name)
        else {
            return None;
        };
        let param = *param;
        // The binding is the parameter's value: a hole of it is the parameter's hole. A binding
        // that shadows some other name of the fn would be read as that name: not followed.
        let shadows_another = self
            .env
            .iter()
            .any(|(n, b)| *n == binding && !matches!(b, Binding::Param(index) if *index == param));
        if shadows_another || self.consts.contains_key(binding) {
            return None;
        }
        // A branch we cannot read is a runtime value: the other still says what its callers
        // get (`build_cache_url(None)` is `cachedContents`, whatever `Some` would make).
        let unread = || {
            vec![Piece::Hole(Hole::runtime(
                hole_name(option),
                self.text_of(option),
            ))]
        };
        let absent = match absent {
            Some(absent) => self.text_or_hole(absent),
            None => Some(Vec::new()),
        };
        let (present, absent) = match (self.text_or_hole(present), absent) {
            (None, None) => return None,
            (present, absent) => (
                present.unwrap_or_else(unread),
                absent.unwrap_or_else(unread),
            ),
        };
        // `product_id.map(|x| format!("?product_id={x}")).unwrap_or_default()`: a query the
        // URL may end with, or nothing; no part of the path (its keys are not claimed).
        let is_empty = |pieces: &[Piece]| {
            pieces
                .iter()
                .all(|p| matches!(p, Piece::Text { text, .. } if text.is_empty()))
        };
        let starts_a_query = matches!(present.first(),
            Some(Piece::Text { text, .. }) if text.starts_with(['?', '&']));
        if is_empty(&absent) && starts_a_query {
            return Some(UrlValue::text("", false));
        }
        let present = present
            .into_iter()
            .map(|piece| match piece {
                Piece::Hole(hole) if matches!(&hole.origin, Origin::Free(n) if n == binding) => {
                    Piece::Hole(Hole {
                        origin: Origin::Param {
                            index: param,
                            fields: Vec::new(),
                        },
                        ..hole
                    })
                }
                other => other,
            })
            .collect();
        Some(UrlValue {
            pieces: vec![Piece::Hole(Hole {
                name: hole_name(option),
                expr: self.text_of(option),
                placeholder: None,
                origin: Origin::Optional(Box::new(Optional {
                    param,
                    present,
                    absent,
                })),
            })],
            literal: None,
        })
    }
}

impl Extractor<'_> {
    /// A branch's text: what it evaluates to, or the one value it is (`name.to_string()`, a
    /// parameter); `None` when it is neither.
    fn text_or_hole(&self, branch: &Expr) -> Option<Vec<Piece>> {
        if let Some(value) = self.eval(branch) {
            return Some(value.indirect().pieces);
        }
        let origin = self.origin_of(branch);
        if matches!(origin, Origin::Runtime) {
            return None;
        }
        Some(self.lone_hole(branch, origin).pieces)
    }
}

impl Extractor<'_> {
    /// `match self.pagination { Default => String::new(), MaxResults(n) => format!(
    /// "&maxResults={n}") }`: pairs a URL may end with, or nothing. As far as the path goes,
    /// nothing (the pairs are optional, so their keys are not claimed either).
    pub(super) fn eval_optional_pairs<'e>(
        &self,
        branches: impl IntoIterator<Item = &'e Expr>,
    ) -> Option<UrlValue> {
        let branches: Vec<&Expr> = branches.into_iter().collect();
        // Cheap first: one branch must be written as nothing (`String::new()`, `""`).
        if !branches.iter().any(|b| written_as_nothing(b)) {
            return None;
        }
        let (mut empty, mut pairs) = (false, false);
        for branch in branches {
            let value = self.eval(branch)?;
            match value.pieces.first() {
                None => empty = true,
                Some(Piece::Text { text, .. }) if text.is_empty() && value.pieces.len() == 1 => {
                    empty = true
                }
                Some(Piece::Text { text, .. }) if text.starts_with('&') => pairs = true,
                _ => return None,
            }
        }
        (empty && pairs).then(|| UrlValue::text("", false))
    }
}

/// `String::new()`, `String::default()`, `""`, `"".to_string()`, `"".into()`.
fn written_as_nothing(expr: &Expr) -> bool {
    match peel(expr) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => s.value().is_empty(),
        Expr::Call(call) => is_empty_string(call),
        Expr::MethodCall(call) if call.args.is_empty() => written_as_nothing(&call.receiver),
        Expr::Block(block) => match block.block.stmts.as_slice() {
            [syn::Stmt::Expr(tail, None)] => written_as_nothing(tail),
            _ => false,
        },
        _ => false,
    }
}

/// The choice a value is, when it is nothing else; else the value back.
pub(super) fn as_choice(value: UrlValue) -> Result<Origin, UrlValue> {
    match <[Piece; 1]>::try_from(value.pieces) {
        Ok(
            [
                Piece::Hole(Hole {
                    origin: origin @ Origin::Optional(_),
                    ..
                }),
            ],
        ) => Ok(origin),
        Ok([piece]) => Err(UrlValue {
            pieces: vec![piece],
            literal: value.literal,
        }),
        Err(pieces) => Err(UrlValue {
            pieces,
            literal: value.literal,
        }),
    }
}

/// `opt.as_deref()`, `opt.as_ref()`, `&opt`: the option itself.
fn unborrowed(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::MethodCall(call)
            if call.args.is_empty()
                && ["as_deref", "as_ref", "clone", "cloned", "copied"]
                    .iter()
                    .any(|m| call.method == m) =>
        {
            unborrowed(&call.receiver)
        }
        other => other,
    }
}

/// `opt.map(|v| ..)`: `opt` and the closure.
fn mapped(receiver: &Expr) -> Option<(&Expr, &Expr)> {
    let Expr::MethodCall(map) = peel(receiver) else {
        return None;
    };
    match map.args.iter().collect::<Vec<_>>()[..] {
        [closure] if map.method == "map" => Some((&*map.receiver, closure)),
        _ => None,
    }
}

/// The body of a closure of `inputs` parameters.
fn closure_body(expr: &Expr, inputs: usize) -> Option<&Expr> {
    match peel(expr) {
        Expr::Closure(closure) if closure.inputs.len() == inputs => Some(&closure.body),
        _ => None,
    }
}

/// `Some(v)`: `v`.
fn some_binding(pat: &syn::Pat) -> Option<String> {
    let syn::Pat::TupleStruct(some) = pat else {
        return None;
    };
    if !some.path.is_ident("Some") {
        return None;
    }
    match some.elems.iter().collect::<Vec<_>>()[..] {
        [syn::Pat::Ident(ident)] if ident.subpat.is_none() => Some(ident.ident.to_string()),
        _ => None,
    }
}

pub(super) fn is_none(pat: &syn::Pat) -> bool {
    matches!(pat, syn::Pat::Ident(p) if p.ident == "None")
        || matches!(pat, syn::Pat::Path(p) if p.path.is_ident("None"))
}
