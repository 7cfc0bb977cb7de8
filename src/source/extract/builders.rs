//! Requests held in a variable and finished statement by statement, the way generated clients
//! (openapi-generator's `local_var_req_builder`) and many hand-written ones build them:
//!
//! ```ignore
//! let mut b = client.request(Method::POST, uri);
//! b = b.query(&[("snapshot_path", p)]);      // or `let b = b.query(..)`, or `if .. { b = .. }`
//! b = b.json(&body);
//! let resp = b.send().await?;
//! ```
//!
//! The request is recorded where it is made (`client.request(..)`); what later chains on the
//! variable add (query, headers, body, sending) is added to that record. A change made under
//! an `if` may or may not happen: its keys are kept, as for a query added under an `if` to a
//! URL, so that an unknown key is seen and a required one is not said to be missing.

use super::requests::{Link, SEND_LINKS, request_links, shape_of};
use super::{Binding, Extractor};
use crate::source::{Body, BodyKind};
use syn::Expr;

/// A variable holding requests of the fn being visited.
pub(super) struct HeldRequests {
    /// The variable's place in `env`: a binding of the same name elsewhere is another value.
    slot: usize,
    /// Indices in the fn's `requests`, and in its `call_sites` (a wrapper of the crate that
    /// returns a request builder: `let mut r = self.build(Method::POST, "/emails")`).
    requests: Vec<usize>,
    sites: Vec<usize>,
}

impl<'a> Extractor<'a> {
    /// How many requests and call sites the fn has recorded so far.
    pub(super) fn recorded(&self) -> (usize, usize) {
        self.current
            .as_ref()
            .map_or((0, 0), |f| (f.requests.len(), f.call_sites.len()))
    }

    /// After `let name = init` (`new_binding`) or `name = init` put `name` in `env`: if `init`
    /// made requests that it does not send, or is a chain on a variable that holds some,
    /// `name` holds them.
    pub(super) fn hold_requests(
        &mut self,
        name: &str,
        init: &Expr,
        before: (usize, usize),
        new_binding: bool,
    ) {
        // Every `let` of every fn comes here: most hold nothing and made no request.
        if self.held.is_empty() && self.recorded() == before {
            return;
        }
        let Some(slot) = self.env.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        let (from, sent) = chain_of(init);
        // `let b = b.query(..)`: the same requests, under the new binding (`init` reads the
        // bindings made before it).
        let visible = if new_binding { slot } else { slot + 1 };
        let carried = from
            .and_then(|root| self.held_among(&root, visible))
            .map(|held| {
                let held = &self.held[held];
                (held.requests.clone(), held.sites.clone())
            });
        self.held.retain(|h| h.slot != slot);
        if sent {
            return;
        }
        let (requests, sites) = match carried {
            Some(carried) => carried,
            // The requests `init` made; else the wrapper call it starts with, recorded before
            // the calls in its arguments (`self.build(Method::POST, self.path(id))`).
            None => {
                let now = self.recorded();
                let sites = match now.0 > before.0 {
                    true => Vec::new(),
                    false => self.first_call_site(before.1..now.1),
                };
                ((before.0..now.0).collect(), sites)
            }
        };
        if !requests.is_empty() || !sites.is_empty() {
            self.held.push(HeldRequests {
                slot,
                requests,
                sites,
            });
        }
    }

    /// The first of these call sites, with the others recorded for the same call (one per
    /// path when its path is one of several).
    fn first_call_site(&self, sites: std::ops::Range<usize>) -> Vec<usize> {
        let Some(recorded) = self.current.as_ref().map(|f| &f.call_sites) else {
            return Vec::new();
        };
        let Some(first) = recorded.get(sites.start) else {
            return Vec::new();
        };
        sites
            .take_while(|&i| {
                recorded
                    .get(i)
                    .is_some_and(|s| (s.line, s.column) == (first.line, first.column))
            })
            .collect()
    }

    /// The held requests of the variable `name` in scope, if it holds some.
    fn held_by(&self, name: &str) -> Option<usize> {
        self.held_among(name, self.env.len())
    }

    /// `held_by` among the first `visible` bindings of `env`.
    fn held_among(&self, name: &str, visible: usize) -> Option<usize> {
        let slot = self.env[..visible].iter().rposition(|(n, _)| n == name)?;
        if matches!(self.env[slot].1, Binding::Param(_)) {
            return None;
        }
        self.held.iter().position(|h| h.slot == slot)
    }

    /// A chain on a variable that holds requests (`b.query(..)`, `b.json(&x).send()`): what it
    /// adds goes to them. `root` is what the chain's first link is called on.
    pub(super) fn add_to_held(&mut self, root: &Expr, links: &[Link<'a>]) {
        // Most chains of most fns: nothing held, nothing to look up.
        if self.held.is_empty() {
            return;
        }
        let Some(name) = super::plain_ident(root) else {
            return;
        };
        let Some(held) = self.held_by(&name) else {
            return;
        };
        let links = request_links(links);
        let sends = links
            .iter()
            .any(|link| SEND_LINKS.contains(&link.word.as_str()));
        let mut shape = shape_of(&links);
        let query_types = self.complete(&mut shape);
        let (requests, sites) = (
            self.held[held].requests.clone(),
            self.held[held].sites.clone(),
        );
        let Some(current) = self.current.as_mut() else {
            return;
        };
        for index in requests {
            let Some((call, _)) = current.requests.get_mut(index) else {
                continue;
            };
            call.query.extend(shape.query.iter().cloned());
            call.query_opaque |= shape.query_opaque;
            call.query_types.extend(query_types.iter().cloned());
            call.headers.extend(shape.headers.iter().cloned());
            call.headers_opaque |= shape.headers_opaque;
            call.body = merged_body(call.body.take(), &shape.body);
            call.sent |= sends;
        }
        for index in sites {
            let Some(site) = current.call_sites.get_mut(index) else {
                continue;
            };
            site.query.extend(shape.query.iter().cloned());
            site.body = merged_body(site.body.take(), &shape.body);
        }
    }

    /// Forget the variables of a scope that ends (`env` back to `depth`).
    pub(super) fn release_held(&mut self, depth: usize) {
        self.held.retain(|h| h.slot < depth);
    }
}

/// The body a request has after a chain on its variable sets `added` (if anything): that,
/// unless it already had another (`if f { b = b.json(..) } else { b = b.form(..) }`), and
/// then one whose kind and keys are not known (a raw body, which nothing judges).
fn merged_body(held: Option<Body>, added: &Option<Body>) -> Option<Body> {
    match (held, added) {
        (held, None) => held,
        (None, Some(added)) => Some(added.clone()),
        (Some(held), Some(added)) if held == *added => Some(held),
        (Some(_), Some(_)) => Some(Body::new(BodyKind::Raw, None)),
    }
}

/// The variable a chain starts on, if it does (`b` of `b.query(..).send().await?`), and
/// whether the chain sends the request.
fn chain_of(expr: &Expr) -> (Option<String>, bool) {
    let mut sent = false;
    let mut current = expr;
    loop {
        match current {
            Expr::MethodCall(call) => {
                sent |= super::eval::ident_in(&call.method, SEND_LINKS);
                current = &call.receiver;
            }
            Expr::Await(a) => current = &a.base,
            Expr::Try(t) => current = &t.expr,
            Expr::Paren(p) => current = &p.expr,
            _ => return (super::plain_ident(current), sent),
        }
    }
}
