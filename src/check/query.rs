//! Query and header parameters of a matched call against its operation's (RL202–RL204).
//!
//! Only what the call is known to send is compared: a query routelint cannot read in full
//! (`.query(&params)`, `?{rest}`) may hold any key, so nothing is said to be missing then;
//! likewise for headers (`.headers(map)`, a client built with `default_headers`, a wrapper).

use super::explain::{Explainer, closest, quoted, route_name};
use crate::rules::Rule;
use crate::spec::{ParamIn, Route};

impl Explainer<'_> {
    pub(super) fn query_params(&mut self, route: &Route) {
        let declared: Vec<&crate::spec::Param> = route
            .params
            .iter()
            .filter(|p| p.location == ParamIn::Query)
            .collect();
        // `ids[]=1&ids[]=2` and `filter[name]=x` send parameters `ids` and `filter`.
        let mut sent: Vec<String> = self
            .url
            .query
            .iter()
            .chain(&self.call.query)
            .map(|key| key.split('[').next().unwrap_or(key).to_string())
            .collect();
        sent.sort();
        sent.dedup();
        let operation = route_name(route);
        let names: Vec<&str> = declared.iter().map(|p| p.name.as_str()).collect();
        // An object parameter may be sent as keys of its own: then any key may be meant.
        let keys_known = !declared.iter().any(|p| p.spread);
        if keys_known {
            let undeclared: Vec<&String> = sent
                .iter()
                .filter(|k| !names.contains(&k.as_str()))
                .filter(|k| !self.spec.auth_query_keys.contains(k))
                .collect();
            // Many keys to an operation that takes none (a whole struct sent as the query):
            // one finding, not one a key.
            if names.is_empty() && undeclared.len() > 3 {
                let shown: Vec<&str> = undeclared.iter().take(6).map(|k| k.as_str()).collect();
                self.add(
                    Rule::UnknownQueryParam,
                    true,
                    format!(
                        "{} query parameters ({}{}) are not declared by {operation}",
                        undeclared.len(),
                        quoted(&shown),
                        if undeclared.len() > shown.len() {
                            ", …"
                        } else {
                            ""
                        }
                    ),
                    Some(format!("{operation} takes no query parameters")),
                    "unknown query parameter".to_string(),
                );
                return self.required_query(route, &declared, &sent, &names);
            }
            for key in undeclared {
                let help = match closest(key, &names) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None if names.is_empty() => format!("{operation} takes no query parameters"),
                    None => format!("{operation} takes: {}", quoted(&names)),
                };
                self.add(
                    Rule::UnknownQueryParam,
                    true,
                    format!("query parameter `{key}` is not declared by {operation}"),
                    Some(help),
                    "unknown query parameter".to_string(),
                );
            }
        }
        self.required_query(route, &declared, &sent, &names);
    }

    /// RL203: a required query parameter the call does not send, when its query is known.
    fn required_query(
        &mut self,
        route: &Route,
        declared: &[&crate::spec::Param],
        sent: &[String],
        names: &[&str],
    ) {
        let operation = route_name(route);
        // An object sent as keys of its own (`?q=x&query_by=y` for `searchParameters`) is
        // sent when any key that is no other parameter's is.
        let spread_sent = sent.iter().any(|k| !names.contains(&k.as_str()));
        if self.query_fully_known() {
            for param in declared.iter().filter(|p| p.required) {
                let sent_as_keys = param.spread && spread_sent;
                if !sent.contains(&param.name) && !sent_as_keys {
                    self.add(
                        Rule::MissingRequiredQueryParam,
                        true,
                        format!(
                            "{operation} requires the query parameter `{}`; the call does not send it",
                            param.name
                        ),
                        Some(format!("add `{}` to the query", param.name)),
                        "missing required query parameter".to_string(),
                    );
                }
            }
        }
    }

    pub(super) fn header_params(&mut self, route: &Route) {
        if self.call.headers_opaque {
            return;
        }
        // `.json(..)`, `.form(..)`, `.multipart(..)` set `Content-Type` themselves.
        let body_sets_type = self
            .call
            .body
            .as_ref()
            .is_some_and(|b| b.kind != crate::source::BodyKind::Raw);
        let operation = route_name(route);
        let missing = route.params.iter().filter(|p| {
            let name = p.name.to_ascii_lowercase();
            p.location == ParamIn::Header
                && p.required
                && !self.call.headers.contains(&name)
                && !(body_sets_type && name == "content-type")
        });
        let missing: Vec<String> = missing.map(|p| p.name.clone()).collect();
        for name in missing {
            self.add(
                Rule::MissingRequiredHeader,
                false,
                format!("{operation} requires the header `{name}`; the call does not set it"),
                Some(format!("add `.header(\"{name}\", …)`")),
                "missing required header".to_string(),
            );
        }
    }

    /// Every key the call sends is known: no opaque `.query(..)`, no key of the URL's own
    /// query that is a runtime value.
    fn query_fully_known(&self) -> bool {
        !self.call.query_opaque && !self.url.query_keys_hidden
    }
}
