//! Requests made with the `curl` crate's easy interface, set up statement by statement on a
//! handle and sent by `perform()`:
//!
//! ```ignore
//! let mut easy = Easy2::new(Collector(Vec::new()));   // or `Easy::new()`
//! match req_type {
//!     RequestType::Get => easy.get(true)?,
//!     RequestType::Post => easy.post(true)?,
//! }
//! easy.url(url)?;
//! easy.perform()?;
//! ```
//!
//! The request is recorded at `url(..)`, once `perform()` says it is sent. Its method is what
//! the setters say (`get(true)`, `post(true)`, `put(true)`, `nobody(true)`,
//! `custom_request("PATCH")`); a body (`post_fields_copy`) without a setter makes a POST, and
//! nothing at all a GET, as curl does. Setters that each stand in the arm of a `match` on a
//! parameter whose variant is named like them (`RequestType::Post => easy.post(true)`) leave
//! the method to the parameter: its callers say it.

use super::Extractor;
use super::eval::{ident_in, owner_and_function, plain_ident};
use super::requests::MethodArg;
use crate::spec::Method;
use syn::Expr;

/// What a statement on a curl handle says of the request.
pub(super) enum CurlPart<'a> {
    /// `easy.url(url)`: where it goes, and the name of the call.
    Url(&'a Expr, &'a syn::Ident),
    /// A method setter, and the `match` arm on a parameter it stands in, if any: the
    /// scrutinee and the method the arm's variant names.
    Verb(Method, Option<VerbArm<'a>>),
    /// `post_fields_copy(..)`, `post_fields(..)`: a body, which makes a POST of a request
    /// without a setter.
    Body,
}

/// A `match` arm on a parameter: the scrutinee, and the method the arm's variant names.
pub(super) type VerbArm<'a> = (&'a Expr, Option<Method>);

/// The methods of a curl handle that this module reads.
const HANDLE_CALLS: &[&str] = &[
    "url",
    "perform",
    "get",
    "post",
    "put",
    "nobody",
    "custom_request",
    "post_fields",
    "post_fields_copy",
];

impl<'a> Extractor<'a> {
    /// A statement on a curl handle (see the module's comment).
    pub(super) fn curl_statement(&mut self, node: &'a syn::ExprMethodCall) {
        // `easy.url(url).unwrap()`: the call inside (a chain is visited as one expression).
        let node = match &*node.receiver {
            Expr::MethodCall(inner) if ident_in(&node.method, &["unwrap", "expect"]) => inner,
            _ => node,
        };
        // (Cheap refusals first: this runs for every method call.)
        if node.args.len() > 1 || !ident_in(&node.method, HANDLE_CALLS) {
            return;
        }
        let Some(mut handle) = plain_ident(&node.receiver) else {
            return;
        };
        if !self.is_curl_handle(&handle) {
            // `let mut transfer = easy.transfer(); .. transfer.perform()?`: the handle's
            // request, sent with callbacks borrowed for the transfer.
            match self.transferred_handle(&handle) {
                Some(easy) if node.method == "perform" => handle = easy,
                _ => return,
            }
        }
        let method = &node.method;
        let arg = node.args.first();
        let part = match arg {
            None if method == "perform" => {
                self.curl_sent(&handle, &node.receiver);
                return;
            }
            Some(url) if method == "url" => CurlPart::Url(url, method),
            Some(_) if method == "post_fields" || method == "post_fields_copy" => CurlPart::Body,
            Some(Expr::Lit(lit)) if method == "custom_request" => {
                let syn::Lit::Str(text) = &lit.lit else {
                    return;
                };
                match Method::parse(&text.value()) {
                    Some(verb) => CurlPart::Verb(verb, self.verb_arm()),
                    None => return,
                }
            }
            // `easy.post(true)`: a switch turned on (`false` turns it off; a variable, who knows).
            Some(Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Bool(on),
                ..
            })) if on.value => {
                let switches = [
                    ("get", Method::Get),
                    ("post", Method::Post),
                    ("put", Method::Put),
                    ("nobody", Method::Head),
                ];
                match switches.iter().find(|(name, _)| method == name) {
                    Some((_, verb)) => CurlPart::Verb(*verb, self.verb_arm()),
                    None => return,
                }
            }
            _ => return,
        };
        self.curl_parts.push((handle, part));
    }

    /// `let mut easy = Easy::new()`, `Easy2::new(handler)`, `curl::easy::Easy::new()`.
    fn is_curl_handle(&self, name: &str) -> bool {
        let made = self.bound_call(name).and_then(owner_and_function);
        matches!(made, Some((owner, made))
            if made == "new" && (owner == "Easy" || owner == "Easy2"))
    }

    /// The curl handle a local was made from by `handle.transfer()`.
    fn transferred_handle(&self, name: &str) -> Option<String> {
        let Expr::MethodCall(call) = self.bound_value(name)? else {
            return None;
        };
        let handle = plain_ident(&call.receiver)?;
        (call.method == "transfer" && call.args.is_empty() && self.is_curl_handle(&handle))
            .then_some(handle)
    }

    /// The innermost `match` arm on a parameter being visited, with the method its variant
    /// names (`RequestType::Post` → POST).
    fn verb_arm(&self) -> Option<VerbArm<'a>> {
        self.verb_arms.last().copied()
    }

    /// `handle.perform()`: the request its statements describe is sent.
    fn curl_sent(&mut self, handle: &str, receiver: &'a Expr) {
        let parts: Vec<&CurlPart<'a>> = self
            .curl_parts
            .iter()
            .filter(|(name, _)| name == handle)
            .map(|(_, part)| part)
            .collect();
        let Some((url, at)) = parts.iter().rev().find_map(|part| match part {
            CurlPart::Url(url, at) => Some((*url, *at)),
            _ => None,
        }) else {
            return;
        };
        let mut verbs: Vec<(Method, Option<VerbArm<'a>>)> = Vec::new();
        for part in &parts {
            if let CurlPart::Verb(verb, arm) = part {
                // (One setter said twice is one.)
                let said = verbs.iter().any(|(v, a)| {
                    v == verb
                        && a.map(|(e, _)| e as *const Expr) == arm.map(|(e, _)| e as *const Expr)
                });
                if !said {
                    verbs.push((*verb, *arm));
                }
            }
        }
        let has_body = parts.iter().any(|part| matches!(part, CurlPart::Body));
        let method = match verbs.as_slice() {
            [] if has_body => MethodArg::Known(Method::Post),
            [] => MethodArg::Known(Method::Get),
            [(verb, None)] => MethodArg::Known(*verb),
            // Each setter in the arm of one `match` on a parameter, named like its variant.
            [(_, Some((scrutinee, _))), ..]
                if verbs.iter().all(|(verb, arm)| {
                    arm.is_some_and(|(on, named)| {
                        std::ptr::eq(on, *scrutinee) && named == Some(*verb)
                    })
                }) =>
            {
                MethodArg::Expr(scrutinee)
            }
            // Several setters, some for one case and some for another: the method is known
            // only at run time (said as the handle's).
            _ => MethodArg::Expr(receiver),
        };
        self.curl_parts.retain(|(name, _)| name != handle);
        self.record_trusted(method, at.span(), url, &[]);
    }
}
