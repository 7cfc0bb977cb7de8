//! The kind of body a matched call sends against its operation's request body (RL303, RL304).
//!
//! Only a body the call is seen to send is compared. No body seen is not reported as missing:
//! a wrapper or a builder passed around may add one where routelint does not look.

use super::explain::{Explainer, closest, quoted, route_name};
use crate::diagnostic::{Applicability, Edit};
use crate::rules::Rule;
use crate::rules::Severity;
use crate::source::BodyKind;
use crate::spec::{BodyFields, Route};

impl Explainer<'_> {
    pub(super) fn request_body(&mut self, route: &Route) {
        let Some(sent) = self.call.body.as_ref().map(|b| b.kind) else {
            // Sent in the chain that builds it with no body in it: surely none.
            if self.call.sent && route.body.as_ref().is_some_and(|b| b.required) {
                let operation = route_name(route);
                self.add(
                    Rule::UnexpectedBody,
                    false,
                    format!("the call sends no body; {operation} requires one"),
                    Some(
                        "send the body the operation takes (`.json(..)`, `.form(..)`…)".to_string(),
                    ),
                    "missing body".to_string(),
                );
            }
            return;
        };
        let operation = route_name(route);
        let Some(wanted) = &route.body else {
            self.add(
                Rule::UnexpectedBody,
                false,
                format!(
                    "the call sends {}; {operation} takes no body",
                    kind_name(sent)
                ),
                Some("remove the body, or check that this is the operation meant".to_string()),
                "body on an operation without one".to_string(),
            );
            return;
        };
        // A raw body (`.body(bytes)`) may be anything; a spec without media types says nothing.
        if sent == BodyKind::Raw || wanted.content_types.is_empty() {
            return;
        }
        if wanted.content_types.iter().any(|t| accepts(t, sent)) {
            if let Some(fields) = wanted.fields_for(sent) {
                self.body_fields(fields, &operation);
            }
            return;
        }
        let list: Vec<String> = wanted
            .content_types
            .iter()
            .map(|t| format!("`{t}`"))
            .collect();
        self.add(
            Rule::WrongContentType,
            false,
            format!(
                "the call sends {}; {operation} takes {}",
                kind_name(sent),
                list.join(", ")
            ),
            Some(format!(
                "send the body as {}",
                wanted_name(&wanted.content_types)
            )),
            "wrong content type".to_string(),
        );
    }
}

impl Explainer<'_> {
    /// The keys of a `json!({...})` literal, or of a `Serialize` struct of the crate, against the
    /// schema's fields. Either way the keys are all there is, so a required field they lack is
    /// surely missing (a field skipped only when empty counts as sent).
    fn body_fields(&mut self, fields: &BodyFields, operation: &str) {
        let Some(body) = self.call.body.as_ref() else {
            return;
        };
        let Some(keys) = body.keys.clone() else {
            return;
        };
        // `"kind": "dog"` for a `oneOf` whose `discriminator` is `kind`: the `Dog` branch.
        let fields = fields.for_sent(&body.string_values);
        let schema = fields
            .schema
            .as_ref()
            .map_or_else(|| format!("the body of {operation}"), |s| format!("`{s}`"));
        let sites = body.key_sites.clone();
        self.check_keys(fields, &keys, &sites, &schema, "");
        // Objects written as values (`"metadata": { "name": .. }`) against the field's schema.
        for (key, inner_keys, inner_sites) in body.nested.clone() {
            if let Some(inner) = fields.nested_fields(&key) {
                let label = match &inner.schema {
                    Some(name) => format!("`{name}` (the `{key}` of {schema})"),
                    None => format!("the `{key}` of {schema}"),
                };
                self.check_keys(inner, &inner_keys, &inner_sites, &label, &format!("{key}."));
            }
        }
    }

    /// The keys an object of the body sends (at `sites`, when known) against `fields`, the
    /// schema named `schema`; `prefix` says where the object is (`metadata.`).
    fn check_keys(
        &mut self,
        fields: &BodyFields,
        keys: &[String],
        sites: &[crate::source::Site],
        schema: &str,
        prefix: &str,
    ) {
        let Some(body) = self.call.body.as_ref() else {
            return;
        };
        let kind = body.kind;
        let key_file = body.key_file.clone();
        // Keys from a `Serialize` struct: say which (the finding is at its field, or at the
        // call when the fields are in several files). A struct field is not renamed: its name
        // is Rust's as well as the body's.
        let (sent_by, literal_key) = match &body.type_name {
            Some(name) => (format!(" (sent by `{name}`)"), false),
            None => (String::new(), true),
        };
        let listed: Vec<&str> = fields.properties.iter().map(String::as_str).collect();
        for (i, key) in fields.unknown(keys) {
            let meant = closest(key, &listed);
            let help = match meant {
                Some(name) => format!("did you mean `{name}`?"),
                None => format!("{schema} has: {}", quoted(&listed)),
            };
            let refused = if fields.closed {
                "the server refuses it (`additionalProperties: false`)"
            } else {
                "the server may ignore it"
            };
            let site = sites.get(i).filter(|_| sites.len() == keys.len());
            let at = self.add_at(
                Rule::UnknownBodyField,
                site.map(|s| (s.line, s.column, s.range.len())),
                format!(
                    "body field `{prefix}{key}`{sent_by} is not a field of {schema}; {refused}"
                ),
                Some(help),
                "unknown body field".to_string(),
            );
            if !fields.closed {
                self.findings[at].severity = Severity::Warning;
            }
            // A struct's field is declared in its own file.
            if let (Some(file), Some(_)) = (&key_file, site) {
                self.findings[at].file = file.clone();
            }
            // Renaming the key is a guess at what was meant: offered, never applied alone.
            if let (Some(name), Some(site), true) = (meant, site, literal_key) {
                let edit = Edit {
                    file: self.call.file.clone(),
                    range: site.range.clone(),
                    replacement: format!("{name:?}"),
                };
                self.attach_fix(
                    at,
                    format!("Send `{name}` instead of `{key}`"),
                    Applicability::Unsafe,
                    vec![edit],
                );
            }
        }
        for name in fields.missing(keys) {
            let help = match kind {
                BodyKind::Form => format!("add `(\"{name}\", …)` to the form"),
                _ if !prefix.is_empty() => {
                    format!("add `\"{name}\": …` to `{}`", prefix.trim_end_matches('.'))
                }
                _ => format!("add `\"{name}\": …` to the body"),
            };
            self.add(
                Rule::MissingRequiredBodyField,
                false,
                format!(
                    "{schema} requires `{name}`; the body{sent_by} does not send it{}",
                    if prefix.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{}`", prefix.trim_end_matches('.'))
                    }
                ),
                Some(help),
                "missing required body field".to_string(),
            );
        }
    }
}

/// Whether a media type of the spec (`application/json; charset=utf-8`, `*/*`) takes `kind`.
fn accepts(media_type: &str, kind: BodyKind) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "*/*" || essence == "application/*" && kind != BodyKind::Multipart {
        return true;
    }
    match kind {
        // `application/json`, `application/problem+json`, `text/json`.
        BodyKind::Json => essence.ends_with("/json") || essence.ends_with("+json"),
        BodyKind::Form => essence == "application/x-www-form-urlencoded",
        BodyKind::Multipart => essence.starts_with("multipart/"),
        BodyKind::Raw => true,
    }
}

fn kind_name(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Json => "JSON (`.json(..)`)",
        BodyKind::Form => "a URL-encoded form (`.form(..)`)",
        BodyKind::Multipart => "a multipart form (`.multipart(..)`)",
        BodyKind::Raw => "a raw body",
    }
}

/// How the client should send what the spec wants, in its terms.
fn wanted_name(media_types: &[String]) -> &'static str {
    let first = media_types.first().map(String::as_str).unwrap_or("");
    if first.starts_with("multipart/") {
        "a multipart form (`.multipart(..)`)"
    } else if first.starts_with("application/x-www-form-urlencoded") {
        "a URL-encoded form (`.form(..)`)"
    } else if first.contains("json") {
        "JSON (`.json(..)`)"
    } else {
        "the media type the spec names"
    }
}
