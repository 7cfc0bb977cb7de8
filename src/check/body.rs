//! The kind of body a matched call sends against its operation's request body (RL303, RL304).
//!
//! Only a body the call is seen to send is compared. No body seen is not reported as missing:
//! a wrapper or a builder passed around may add one where routelint does not look.

use super::explain::Explainer;
use crate::rules::Rule;
use crate::source::BodyKind;
use crate::spec::Route;

impl Explainer<'_> {
    pub(super) fn request_body(&mut self, route: &Route) {
        let Some(sent) = self.call.body.as_ref().map(|b| b.kind) else {
            return;
        };
        let operation = route.operation_id.as_ref().map_or_else(
            || format!("`{}`", route.signature()),
            |id| format!("`{id}`"),
        );
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
