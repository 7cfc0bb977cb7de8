//! Requests made through functions routelint cannot see into.
//!
//! A client often sends its requests through a wrapper defined in another crate (an SDK's
//! `Octocrab::get`, a company's shared HTTP helper) or one too indirect to follow (a trait's
//! default method dispatched through a type alias). A careful reader still reads
//! `self.crab.get(format!("/gists/{id}"), None)` as `GET /gists/{id}`, and
//! `request(&format!("{}/dumps", host), key, Method::Post { .. }, 202)` as `POST /dumps`.
//! So does routelint, but only when both halves are plain:
//! - the method is in the function's name (`get`, `_put`, `post_json`, `stream_get`) and no
//!   function of that name is in the scanned code, or it is an argument (`Method::POST`,
//!   `Verb::Post { body }`) of a call that links to no wrapper;
//! - the URL argument has the shape of one: a path written from the root (`/gists/{id}`), an
//!   absolute URL, or a base followed by a path (`{host}/dumps`);
//! - the receiver does not name something that is not an HTTP client (`cache`, `headers`,
//!   a server's `router`), and the path is not a route pattern (`/users/:id`, `/users/{id}`
//!   written as a literal).
//!
//! What such a call sends beyond its path (query, headers) is not seen: it is left unjudged.

use super::url::{Origin, Piece, UrlValue};
use crate::spec::Method;

/// The method a function's name gives: `get`, `_get`, `post_json`, `stream_get`,
/// `delete_json`; `get_user`, `get_or_insert`, `forget` give none.
pub(crate) fn method_from_name(name: &str) -> Option<Method> {
    /// Words that may stand beside the verb in a request wrapper's name.
    const DECORATIONS: &[&str] = &[
        "json",
        "form",
        "stream",
        "raw",
        "bytes",
        "text",
        "with",
        "headers",
        "body",
        "query",
        "request",
        "req",
        "async",
        "blocking",
        "multipart",
        "empty",
        "response",
        "resp",
        "data",
        "string",
        "str",
        "no",
        "content",
        "auth",
        "authed",
        "opt",
        "optional",
        // Exchanges' private endpoints: `post_signed`, `get_private`, `get_public`.
        "signed",
        "unsigned",
        "private",
        "public",
    ];
    let mut method = None;
    let words: Vec<&str> = name.trim_start_matches('_').split('_').collect();
    // `http_get`, `http_post_uri`: beside `http`, a `uri` / `url` word is what is sent to,
    // not what is made (`get_url(path)` alone may build a URL without sending it).
    let http = words.iter().any(|w| *w == "http" || *w == "https");
    for word in words {
        if DECORATIONS.contains(&word)
            || word == "http"
            || word == "https"
            || (http && (word == "uri" || word == "url"))
        {
            continue;
        }
        // One verb, and nothing but decorations beside it.
        match (method, super::extract::verb_method(word)) {
            (None, Some(verb)) => method = Some(verb),
            _ => return None,
        }
    }
    method
}

/// The method a request type's name starts with: `GetListsRequestBuilder`,
/// `PostTweetRequest`, `DeleteUserRequest`; `GetOptions` or `RequestBuilder` give none.
pub(crate) fn method_from_type_name(name: &str) -> Option<Method> {
    let kind = name.strip_suffix("Builder").unwrap_or(name);
    if !kind.ends_with("Request") {
        return None;
    }
    let first_word_end = name
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i)?;
    match &name[..first_word_end] {
        "Get" => Some(Method::Get),
        "Post" => Some(Method::Post),
        "Put" => Some(Method::Put),
        "Patch" => Some(Method::Patch),
        "Delete" => Some(Method::Delete),
        "Head" => Some(Method::Head),
        _ => None,
    }
}

/// The method an argument names: `Method::POST`, `Verb::Post { body }`.
pub(super) fn method_of_arg(arg: &super::facts::ArgValue) -> Option<Method> {
    match arg {
        super::facts::ArgValue::Method(m) => Some(*m),
        super::facts::ArgValue::Variant(v) => Method::parse(v),
        _ => None,
    }
}

/// The method a typestate marker names: `DropletRequest<Create, Droplet>` is a POST,
/// `Request<List, _>` a GET. `Update` could be PUT or PATCH: it names none.
pub(super) fn method_of_marker(name: &str) -> Option<Method> {
    match name {
        "Get" | "List" | "Read" => Some(Method::Get),
        "Create" | "Post" => Some(Method::Post),
        "Put" | "Replace" => Some(Method::Put),
        "Patch" => Some(Method::Patch),
        "Delete" | "Remove" => Some(Method::Delete),
        "Head" => Some(Method::Head),
        _ => None,
    }
}

/// A fn that returns a typestate request (`-> DropletRequest<Create, Droplet>`): the method
/// its marker names, and the returned type's name.
pub(super) fn typestate_of(output: &syn::ReturnType) -> Option<(Method, String)> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let syn::Type::Path(path) = &**ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let method = args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(syn::Type::Path(marker)) => marker
            .path
            .get_ident()
            .and_then(|ident| method_of_marker(&ident.to_string())),
        _ => None,
    })?;
    Some((method, last.ident.to_string()))
}

/// A receiver whose name says it is not an HTTP client: a map, a cache, a server's router.
pub(super) fn receiver_is_not_a_client(receiver: &str) -> bool {
    const NOT_CLIENTS: &[&str] = &[
        "cache", "map", "hashmap", "btreemap", "headers", "header", "params", "env", "vars",
        "config", "settings", "store", "storage", "db", "routes", "router", "route", "app",
        "server", "scope", "resource", "service", "web", "fs", "files", "dir", "table", "index",
        "registry", "dict", "set", "values", "fields", "json", "value", "object", "form", "args",
        "matches", "options", "opts", "mock", "mocks", "when", "then",
    ];
    receiver
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_ascii_lowercase)
        .any(|word| NOT_CLIENTS.contains(&word.as_str()))
}

/// Whether a value reads as a request URL: a path from the root, an absolute URL, or a base
/// followed by a path; and not a route pattern a server matches requests against.
pub(super) fn reads_as_url(value: &UrlValue) -> bool {
    reads_as(value, false)
}

/// As [`reads_as_url`], but `{name}` placeholders are allowed: beside an explicit method value
/// (`Self::builder("/apps/{app_id}", Method::GET)`) they are a client's template, where alone
/// they could be a server's route.
pub(crate) fn reads_as_url_template(value: &UrlValue) -> bool {
    reads_as(value, true)
}

fn reads_as(value: &UrlValue, braces: bool) -> bool {
    // The text from piece `i` up to the next hole, however it was cut into pieces.
    let text_at = |i: usize| -> Option<String> {
        let mut text = String::new();
        for piece in value.pieces.get(i..)? {
            match piece {
                Piece::Text { text: t, .. } => text.push_str(t),
                Piece::Hole(_) => break,
            }
        }
        (!text.is_empty()).then_some(text)
    };
    let is_base = |i: usize| {
        matches!(value.pieces.get(i), Some(Piece::Hole(h))
            if !matches!(h.origin, Origin::Param { .. }))
    };
    let shaped = match text_at(0).as_deref() {
        Some(text) => {
            text.starts_with("http://")
                || text.starts_with("https://")
                || (text.starts_with('/') && (text.len() > 1 || value.pieces.len() > 1))
        }
        None => is_base(0) && text_at(1).is_some_and(|t| t.starts_with('/') && t.len() > 1),
    };
    let route_pattern = value.pieces.iter().any(|p| match p {
        Piece::Text { text, .. } => {
            text.contains("/:")
                || (!braces && text.contains('{'))
                || text.contains('<')
                || text.contains('*')
        }
        Piece::Hole(_) => false,
    });
    shaped && !route_pattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::url::Hole;

    #[test]
    fn names_that_carry_a_method() {
        for (name, method) in [
            ("get", Some(Method::Get)),
            ("_get", Some(Method::Get)),
            ("_put", Some(Method::Put)),
            ("post_json", Some(Method::Post)),
            ("stream_get", Some(Method::Get)),
            ("post_json_headers", Some(Method::Post)),
            ("delete", Some(Method::Delete)),
            ("get_user", None),
            ("get_or_insert", None),
            ("forget", None),
            ("json", None),
            ("get_post", None),
            ("http_get", Some(Method::Get)),
            ("http_post_uri", Some(Method::Post)),
            ("get_url", None),
            ("http", None),
            ("post_signed", Some(Method::Post)),
            ("get_public", Some(Method::Get)),
            ("get_public_key", None),
        ] {
            assert_eq!(method_from_name(name), method, "{name}");
        }
    }

    fn text(t: &str) -> Piece {
        Piece::Text {
            text: t.to_string(),
            direct: true,
        }
    }

    fn hole(origin: Origin) -> Piece {
        Piece::Hole(Hole {
            name: "x".to_string(),
            expr: "x".to_string(),
            placeholder: None,
            origin,
        })
    }

    #[test]
    fn url_shapes() {
        let value = |pieces: Vec<Piece>| UrlValue {
            pieces,
            literal: None,
        };
        let param = || {
            hole(Origin::Param {
                index: 0,
                fields: Vec::new(),
            })
        };
        assert!(reads_as_url(&value(vec![
            text("/gists/"),
            hole(Origin::Runtime)
        ])));
        assert!(reads_as_url(&value(vec![text("https://api.example.com")])));
        assert!(reads_as_url(&value(vec![
            hole(Origin::Runtime),
            text("/dumps")
        ])));
        assert!(reads_as_url(&value(vec![text("/version")])));
        // a parameter is not a base: `{key}/x` may be anything
        assert!(!reads_as_url(&value(vec![param(), text("/x")])));
        assert!(!reads_as_url(&value(vec![param()])));
        assert!(!reads_as_url(&value(vec![text("config.json")])));
        assert!(!reads_as_url(&value(vec![text("/")])));
        // route patterns of servers
        assert!(!reads_as_url(&value(vec![text("/users/:id")])));
        assert!(!reads_as_url(&value(vec![text("/users/{id}")])));
        assert!(!reads_as_url(&value(vec![text("/static/*path")])));
    }

    #[test]
    fn receivers_that_are_not_clients() {
        assert!(receiver_is_not_a_client("self.cache"));
        assert!(receiver_is_not_a_client("Router::new()"));
        assert!(receiver_is_not_a_client("response.headers()"));
        assert!(!receiver_is_not_a_client("self.crab"));
        assert!(!receiver_is_not_a_client("self"));
    }
}
