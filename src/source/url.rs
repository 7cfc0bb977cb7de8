//! The URL of an HTTP call as the source builds it, and its split into base, path and query.
//!
//! [`UrlValue`] is what evaluating a URL expression gives: text and holes (runtime values),
//! each remembering where it came from so that a fix can rewrite the format string.
//! [`CallUrl::split`] cuts it at the first literal `/` after the base: the base is a leading hole
//! (`{}` bound to `self.base_url`) or an absolute URL's origin; the rest is the path template the
//! spec is matched against, then the query.

use super::fmt::Placeholder;
use serde::Serialize;
use std::ops::Range;

/// A string literal in the source that holds (part of) a URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LiteralSite {
    /// Byte range of the whole literal token, quotes included.
    pub range: Range<usize>,
    pub line: usize,
    pub column: usize,
    /// Characters to underline in a diagnostic: the token, or its first line if it spans several.
    pub width: usize,
    /// The literal is a format string (`format!`'s first argument), where braces are escaped.
    pub format: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Piece {
    /// Known text. `direct` is true when it is written in the URL's own format literal.
    Text { text: String, direct: bool },
    /// A value known only at run time.
    Hole(Hole),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hole {
    /// Name derived from the argument (`name`, `base_url`, `path`).
    pub name: String,
    /// The argument's source text (`self.base_url`).
    pub expr: String,
    /// The placeholder in the URL's own format literal, when the hole is written there.
    pub placeholder: Option<Placeholder>,
    /// Where the value comes from, for linking across functions.
    pub origin: Origin,
}

/// Where a hole's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// Known only at run time.
    Runtime,
    /// Parameter `index` (without `self`) of the enclosing fn, or a field of it (`req.path`).
    Param { index: usize, fields: Vec<String> },
    /// A name bound nowhere in the fn: perhaps a `const` of another file.
    Free(String),
    /// A field of the enum value a route table matches on (`id` in `Route::User(id) => …`),
    /// by name or position.
    Field(String),
    /// What a call returns (`self.url(path)`): a string helper, maybe.
    Call(Box<(super::facts::Callee, Vec<super::facts::ArgValue>)>),
    /// A field of `self` named like a URL or path (`self.gist_path` in a method of
    /// `UpdateGistBuilder`): the value the type's constructor stores there, when one is known.
    SelfField { owner: String, field: String },
    /// A field of a field (`self.urls.vod.assets`), by its last name: the path a table of paths
    /// (a struct of `&'static str` fields) holds there, when the crate gives it one literal.
    TableField(String),
    /// A const of another file whose placeholders are filled in by hand
    /// (`consts::STACK.replace("{id}", &id)`): its text once linking knows it, with every
    /// pattern in it replaced by the filler. (Boxed: every hole holds an origin.)
    Filled(Box<Filled>),
    /// What a helper's `Option` parameter picks (`name.map(|n| format!("files/{n}"))
    /// .unwrap_or("files")`): one text when the caller passes `Some(..)`, another for `None`.
    Optional(Box<Optional>),
}

/// See `Origin::Optional`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Optional {
    /// The parameter (index without `self`).
    pub param: usize,
    /// The text when it holds a value, which is itself that parameter's hole.
    pub present: Vec<Piece>,
    /// The text when it is `None`.
    pub absent: Vec<Piece>,
}

/// See `Origin::Filled`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filled {
    pub name: String,
    pub pattern: String,
    pub filler: Vec<Piece>,
}

impl Hole {
    pub fn runtime(name: impl Into<String>, expr: impl Into<String>) -> Hole {
        Hole {
            name: name.into(),
            expr: expr.into(),
            placeholder: None,
            origin: Origin::Runtime,
        }
    }
}

/// The evaluated URL expression of a call.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UrlValue {
    pub pieces: Vec<Piece>,
    /// The format string or literal the URL is written in, when there is exactly one.
    pub literal: Option<LiteralSite>,
}

impl UrlValue {
    pub fn text(text: impl Into<String>, direct: bool) -> UrlValue {
        UrlValue {
            pieces: vec![Piece::Text {
                text: text.into(),
                direct,
            }],
            literal: None,
        }
    }

    /// The same value, marked as coming from elsewhere (a `let`, a const): a fix at the call
    /// site cannot rewrite it.
    pub fn indirect(mut self) -> UrlValue {
        for piece in &mut self.pieces {
            match piece {
                Piece::Text { direct, .. } => *direct = false,
                Piece::Hole(hole) => hole.placeholder = None,
            }
        }
        self
    }

    /// The parameter (and its fields) this value is, when it is nothing else: a wrapper
    /// passing its own parameter on.
    pub fn as_param(&self) -> Option<(usize, &[String])> {
        match self.pieces.as_slice() {
            [
                Piece::Hole(Hole {
                    origin: Origin::Param { index, fields },
                    ..
                }),
            ] => Some((*index, fields)),
            _ => None,
        }
    }

    /// `path` under the root `base` (`{base}/api/v1/series`): one `/` between them, whether
    /// the path starts with one or not, as `Url::set_path` and URL-building helpers do.
    pub fn path_under(base: Vec<Piece>, path: Vec<Piece>) -> UrlValue {
        let rooted =
            matches!(path.first(), Some(Piece::Text { text, .. }) if text.starts_with('/'));
        let ends_in_slash =
            matches!(base.last(), Some(Piece::Text { text, .. }) if text.ends_with('/'));
        let mut pieces = base;
        if !rooted && !ends_in_slash {
            pieces.push(Piece::Text {
                text: "/".to_string(),
                direct: false,
            });
        }
        pieces.extend(path);
        UrlValue {
            pieces,
            literal: None,
        }
    }

    /// The root a path can be set under: a leading runtime value (`self.base_url`), or an
    /// absolute URL's scheme and host. `None` when the value starts with neither.
    pub fn origin(&self) -> Option<Vec<Piece>> {
        match self.pieces.first()? {
            Piece::Hole(hole) => Some(vec![Piece::Hole(hole.clone())]),
            Piece::Text { text, direct } => {
                let after_scheme = text.find("://")? + 3;
                let end = text[after_scheme..]
                    .find('/')
                    .map_or(text.len(), |i| after_scheme + i);
                Some(vec![Piece::Text {
                    text: text[..end].to_string(),
                    direct: *direct,
                }])
            }
        }
    }

    /// The text, if the value has no holes.
    pub fn as_constant(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text { text, .. } => out.push_str(text),
                Piece::Hole(_) => return None,
            }
        }
        Some(out)
    }
}

/// One segment of the client's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum PathSeg {
    Literal(String),
    Hole(String),
    /// Text and holes in one segment (`{id}.json`), rendered with `{name}` for holes.
    Mixed(String),
}

/// The URL of a call split into base, path and query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallUrl {
    /// The base expression (`self.base_url`) or absolute URL origin (`https://api.example.com`).
    pub base: Option<String>,
    pub segments: Vec<PathSeg>,
    pub trailing_slash: bool,
    /// Keys of the query the URL template itself carries (`?path={}` gives `path`).
    pub query: Vec<String>,
    /// Some key of that query is a runtime value (`?{rest}`, `?a=1&{more}`): `query` is not all.
    pub query_keys_hidden: bool,
    /// The pieces of each part, for rewriting.
    pub base_pieces: Vec<Piece>,
    pub path_segments: Vec<Vec<Piece>>,
    pub query_pieces: Vec<Piece>,
}

/// Why a URL cannot be split into a checkable path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The URL is one runtime value; nothing is known about its path.
    NoPath,
}

impl CallUrl {
    pub fn split(value: &UrlValue) -> Result<CallUrl, SplitError> {
        let pieces = merge_text(&with_options_given(&value.pieces));
        let (base, base_pieces, rest) = split_base(&pieces)?;
        let (mut path_pieces, mut query_pieces) = split_at_char(&rest, |c| c == '?' || c == '#');
        // `format!("/orders{}", params)`: a value named for a query, glued to the end of the
        // path, is that query (made elsewhere, so its keys are not known).
        let glued_query = query_pieces.is_empty()
            && path_pieces.len() >= 2
            && matches!(&path_pieces[path_pieces.len() - 2],
                Piece::Text { text, .. } if !text.ends_with(['/', '=']))
            && matches!(path_pieces.last(), Some(Piece::Hole(hole)) if names_a_query(&hole.name));
        if glued_query {
            query_pieces = path_pieces.split_off(path_pieces.len() - 1);
        }
        let (segments, path_segments, trailing_slash) = split_segments(&path_pieces);
        // `{base}/{path}`: a path made only of runtime values says nothing checkable, unless
        // each is named for one resource's id and there are several (uk-police-api's
        // `format!("{}/{}/{}", self.base_url, force_id, neighbourhood_id)`): segment values
        // whose number is the route's shape.
        let all_holes = segments.iter().all(|s| matches!(s, PathSeg::Hole(_)));
        let ids_only = segments.len() >= 2
            && segments
                .iter()
                .all(|s| matches!(s, PathSeg::Hole(name) if names_an_id(name)));
        if !segments.is_empty() && all_holes && !ids_only {
            return Err(SplitError::NoPath);
        }
        let (query, query_keys_hidden) = match glued_query {
            true => (Vec::new(), true),
            false => query_keys(&query_pieces),
        };
        Ok(CallUrl {
            base,
            segments,
            trailing_slash,
            query,
            query_keys_hidden,
            base_pieces,
            path_segments,
            query_pieces,
        })
    }

    /// `/sandboxes/{name}/start`
    pub fn path(&self) -> String {
        render_path(&self.segments, self.trailing_slash)
    }

    pub fn holes(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            PathSeg::Hole(name) => Some(name.as_str()),
            _ => None,
        })
    }
}

/// `force_id`, `neighbourhoodId`, `uuid`: a value named for one resource's id, a segment (not
/// a path, nor a collection's name).
fn names_an_id(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "id" || lower.ends_with("_id") || lower.ends_with("uuid") || name.ends_with("Id")
}

/// `params`, `query_string`, `qs`: a value named for a query.
fn names_a_query(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("query") || name.contains("param") || name == "qs"
}

pub fn render_path(segments: &[PathSeg], trailing_slash: bool) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            PathSeg::Literal(text) | PathSeg::Mixed(text) => out.push_str(text),
            PathSeg::Hole(name) => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
    }
    if out.is_empty() || trailing_slash {
        out.push('/');
    }
    out
}

/// The pieces with each choice on an `Option` no caller made (porkbun-api's
/// `edit_dns_record_for(domain, record_type, subdomain: Option<&str>)`, a public fn that hands
/// its `Option` on to a URL helper) read as given a value: the fuller of its two paths.
fn with_options_given(pieces: &[Piece]) -> Vec<Piece> {
    if !pieces.iter().any(|p| {
        matches!(
            p,
            Piece::Hole(Hole {
                origin: Origin::Optional(_),
                ..
            })
        )
    }) {
        return pieces.to_vec();
    }
    pieces
        .iter()
        .flat_map(|piece| match piece {
            Piece::Hole(Hole {
                origin: Origin::Optional(choice),
                ..
            }) => with_options_given(&choice.present),
            other => vec![other.clone()],
        })
        .collect()
}

/// Adjacent text pieces of the same origin joined (text written in the URL's literal and
/// text from elsewhere stay apart, so that a fix knows what the literal holds).
fn merge_text(pieces: &[Piece]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let (
            Some(Piece::Text {
                text: last,
                direct: last_direct,
            }),
            Piece::Text { text, direct },
        ) = (out.last_mut(), piece)
        {
            if *last_direct == *direct {
                last.push_str(text);
                continue;
            }
        }
        if !matches!(piece, Piece::Text { text, .. } if text.is_empty()) {
            out.push(piece.clone());
        }
    }
    out
}

type BaseSplit = (Option<String>, Vec<Piece>, Vec<Piece>);

fn split_base(pieces: &[Piece]) -> Result<BaseSplit, SplitError> {
    let ends_authority = |c: char| matches!(c, '/' | '?' | '#');
    let (base_pieces, rest) = match pieces.first() {
        None => return Ok((None, Vec::new(), Vec::new())),
        Some(Piece::Hole(_)) => match pieces.get(1) {
            // `{base}`, `{base}{path}`: nothing is known of the path.
            None | Some(Piece::Hole(_)) => return Err(SplitError::NoPath),
            // `{scheme}://{host}/apps`: the scheme, then the authority up to the path.
            Some(Piece::Text { text, direct }) if text.starts_with("://") => {
                let mut tail = vec![Piece::Text {
                    text: text["://".len()..].to_string(),
                    direct: *direct,
                }];
                tail.extend_from_slice(&pieces[2..]);
                let (host, rest) = split_at_char(&tail, ends_authority);
                if rest.is_empty() {
                    return Err(SplitError::NoPath);
                }
                let mut base = vec![
                    pieces[0].clone(),
                    Piece::Text {
                        text: "://".to_string(),
                        direct: *direct,
                    },
                ];
                base.extend(host);
                (merge_text(&base), rest)
            }
            // `{host}:{port}/users`: the base runs on to the path.
            Some(Piece::Text { text, .. }) if text.starts_with(':') => {
                let (head, rest) = split_at_char(&pieces[1..], ends_authority);
                let mut base = vec![pieces[0].clone()];
                base.extend(head);
                (base, rest)
            }
            // `{endpoint}?tenant=t`: a query on a runtime URL says nothing of its path; on the
            // API's root (`{base_url}?q=..`), the path is the root.
            Some(Piece::Text { text, .. }) if text.starts_with(['?', '#']) => {
                let names_the_root = matches!(&pieces[0], Piece::Hole(hole)
                    if ["base", "root"].iter().any(|w| hole.name.to_ascii_lowercase().contains(w)));
                if !names_the_root {
                    return Err(SplitError::NoPath);
                }
                (vec![pieces[0].clone()], pieces[1..].to_vec())
            }
            // `{base}/sandboxes`, or `{base}sandboxes` with a base that ends in `/`.
            Some(Piece::Text { .. }) => (vec![pieces[0].clone()], pieces[1..].to_vec()),
        },
        Some(Piece::Text { text, direct }) => match text.find("://") {
            // An absolute URL: the origin runs to the first `/`, `?` or `#` after the scheme,
            // possibly in a later piece when the host is a hole (`https://{host}/v1`).
            Some(scheme_end) => {
                let (scheme, after) = text.split_at(scheme_end + 3);
                let mut tail = vec![Piece::Text {
                    text: after.to_string(),
                    direct: *direct,
                }];
                tail.extend_from_slice(&pieces[1..]);
                let (host, rest) = split_at_char(&tail, ends_authority);
                // `https://api.example.com{path}`: a value glued to the host may be the whole path.
                if rest.is_empty() && host.iter().any(|p| matches!(p, Piece::Hole(_))) {
                    return Err(SplitError::NoPath);
                }
                let mut base = vec![Piece::Text {
                    text: scheme.to_string(),
                    direct: *direct,
                }];
                base.extend(host);
                (merge_text(&base), rest)
            }
            None => return Ok((None, Vec::new(), pieces.to_vec())),
        },
    };
    Ok((Some(render_base(&base_pieces)), base_pieces, rest))
}

/// The base as reports show it: a lone hole is its expression (`self.base_url`); holes inside
/// text are `{expression}` (`https://{self.host}`).
fn render_base(pieces: &[Piece]) -> String {
    match pieces {
        [Piece::Hole(hole)] => hole.expr.clone(),
        _ => expr_text(pieces),
    }
}

/// Text with holes shown as `{expression}` (`https://{self.host}/users/{id}`): what a value
/// says, however its pieces happen to be cut, to compare two values or show one.
pub fn expr_text(pieces: &[Piece]) -> String {
    render(pieces, |h| &h.expr)
}

/// Text with holes shown as `{name}`, for messages and the JSON `base` field.
fn render_display(pieces: &[Piece]) -> String {
    render(pieces, |h| &h.name)
}

/// The pieces' text, each hole shown in braces as `label` says.
fn render(pieces: &[Piece], label: impl Fn(&Hole) -> &str) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text { text, .. } => out.push_str(text),
            Piece::Hole(h) => {
                out.push('{');
                out.push_str(label(h));
                out.push('}');
            }
        }
    }
    out
}

/// Cut the pieces before the first text character matching `stop`; the second half starts
/// with that character.
fn split_at_char(pieces: &[Piece], stop: impl Fn(char) -> bool) -> (Vec<Piece>, Vec<Piece>) {
    for (i, piece) in pieces.iter().enumerate() {
        if let Piece::Text { text, direct } = piece {
            if let Some(at) = text.find(&stop) {
                let mut head = pieces[..i].to_vec();
                if at > 0 {
                    head.push(Piece::Text {
                        text: text[..at].to_string(),
                        direct: *direct,
                    });
                }
                let mut tail = vec![Piece::Text {
                    text: text[at..].to_string(),
                    direct: *direct,
                }];
                tail.extend_from_slice(&pieces[i + 1..]);
                return (head, tail);
            }
        }
    }
    (pieces.to_vec(), Vec::new())
}

fn split_segments(pieces: &[Piece]) -> (Vec<PathSeg>, Vec<Vec<Piece>>, bool) {
    let mut raw: Vec<Vec<Piece>> = vec![Vec::new()];
    for piece in pieces {
        match piece {
            Piece::Hole(_) => raw.last_mut().map_or((), |s| s.push(piece.clone())),
            Piece::Text { text, direct } => {
                for (i, part) in text.split('/').enumerate() {
                    if i > 0 {
                        raw.push(Vec::new());
                    }
                    if !part.is_empty() {
                        if let Some(segment) = raw.last_mut() {
                            segment.push(Piece::Text {
                                text: part.to_string(),
                                direct: *direct,
                            });
                        }
                    }
                }
            }
        }
    }
    // A path that does not start with `/` (a relative one, or a base that ends with `/`) is
    // read as if it did.
    let raw: Vec<Vec<Piece>> = raw.into_iter().filter(|s| !s.is_empty()).collect();
    // The root `/` has no segments and no trailing slash, as in the spec's templates.
    let trailing_slash = !raw.is_empty()
        && matches!(pieces.last(), Some(Piece::Text { text, .. }) if text.ends_with('/'));
    let mut used: Vec<String> = Vec::new();
    let segments = raw
        .iter()
        .map(|segment| match segment.as_slice() {
            [Piece::Hole(hole)] => PathSeg::Hole(unique_name(&hole.name, &mut used)),
            pieces if pieces.iter().all(|p| matches!(p, Piece::Text { .. })) => {
                PathSeg::Literal(render_display(pieces))
            }
            pieces => PathSeg::Mixed(render_display(pieces)),
        })
        .collect();
    (segments, raw, trailing_slash)
}

fn unique_name(name: &str, used: &mut Vec<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// The literal keys of a query, and whether some key is a runtime value (rendered `{name}`).
fn query_keys(pieces: &[Piece]) -> (Vec<String>, bool) {
    let text = render_display(pieces);
    let Some(query) = text.strip_prefix('?') else {
        return (Vec::new(), false);
    };
    let query = query.split('#').next().unwrap_or("");
    let mut hidden = false;
    let mut keys: Vec<String> = Vec::new();
    // (A second `?`: pairs appended to a URL made elsewhere that already had a query.)
    for pair in query.split(['&', '?']) {
        let key = pair.split('=').next().unwrap_or("");
        hidden |= key.contains('{');
        // Each key once: a second `?` may also sit in a value (`signature={sign(path)}`,
        // read as the path it signs), and a key sent twice is one key to check.
        if !key.is_empty() && !key.contains('{') && !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }
    (keys, hidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Piece {
        Piece::Text {
            text: t.into(),
            direct: true,
        }
    }
    fn hole(name: &str, expr: &str) -> Piece {
        Piece::Hole(Hole::runtime(name, expr))
    }
    fn split(pieces: Vec<Piece>) -> CallUrl {
        CallUrl::split(&UrlValue {
            pieces,
            literal: None,
        })
        .expect("splits")
    }

    #[test]
    fn leading_hole_is_the_base() {
        let url = split(vec![
            hole("base_url", "self.base_url"),
            text("/sandboxes/"),
            hole("name", "name"),
            text("/start"),
        ]);
        assert_eq!(url.base.as_deref(), Some("self.base_url"));
        assert_eq!(url.path(), "/sandboxes/{name}/start");
        assert!(url.query.is_empty());
    }

    #[test]
    fn absolute_urls_split_at_the_origin() {
        let url = split(vec![
            text("https://api.example.com/v1/users/"),
            hole("id", "id"),
        ]);
        assert_eq!(url.base.as_deref(), Some("https://api.example.com"));
        assert_eq!(url.path(), "/v1/users/{id}");
        let url = split(vec![text("https://"), hole("host", "host"), text("/v1/x")]);
        assert_eq!(url.base.as_deref(), Some("https://{host}"));
        assert_eq!(url.path(), "/v1/x");
        // a query right after the origin stays in the query
        let url = split(vec![text("https://api.example.com?x=1")]);
        assert_eq!(url.base.as_deref(), Some("https://api.example.com"));
        assert_eq!(url.path(), "/");
        assert_eq!(url.query, vec!["x".to_string()]);
        // `{host}:{port}/users`: the port belongs to the base
        let url = split(vec![
            hole("host", "host"),
            text(":"),
            hole("port", "port"),
            text("/users"),
        ]);
        assert_eq!(url.base.as_deref(), Some("{host}:{port}"));
        assert_eq!(url.path(), "/users");
        // `{scheme}://{host}/apps/{id}/events` (pusher): scheme and host are the base
        let url = split(vec![
            hole("scheme", "self.scheme()"),
            text("://"),
            hole("host", "self.host"),
            text("/apps/"),
            hole("app_id", "self.app_id"),
            text("/events"),
        ]);
        assert_eq!(url.base.as_deref(), Some("{self.scheme()}://{self.host}"));
        assert_eq!(url.path(), "/apps/{app_id}/events");
    }

    #[test]
    fn query_trailing_slash_and_duplicate_names() {
        let url = split(vec![
            text("/files/"),
            hole("id", "a.id"),
            text("/"),
            hole("id", "b.id"),
            text("/?path="),
            hole("p", "p"),
            text("&recursive=true"),
        ]);
        assert_eq!(url.path(), "/files/{id}/{id_2}/");
        assert!(url.trailing_slash);
        assert_eq!(url.query, vec!["path".to_string(), "recursive".to_string()]);
        assert!(!url.query_keys_hidden, "holes in values hide no key");
        let more = split(vec![
            hole("base", "base"),
            text("/files?path=1&"),
            hole("rest", "rest"),
        ]);
        assert_eq!(more.query, vec!["path".to_string()]);
        assert!(more.query_keys_hidden, "a hole where a key goes");
    }

    #[test]
    fn the_root_has_no_trailing_slash() {
        let url = split(vec![hole("base", "base"), text("/")]);
        assert_eq!(url.path(), "/");
        assert!(!url.trailing_slash);
        assert!(url.segments.is_empty());
    }

    #[test]
    fn paths_of_runtime_values_only_are_not_checkable() {
        let no_path = |pieces| {
            CallUrl::split(&UrlValue {
                pieces,
                literal: None,
            })
        };
        assert_eq!(
            no_path(vec![hole("base", "c.base"), hole("path", "path")]),
            Err(SplitError::NoPath)
        );
        assert_eq!(
            no_path(vec![
                hole("base", "c.base"),
                text("/"),
                hole("path", "path")
            ]),
            Err(SplitError::NoPath)
        );
        // A query appended to a URL held at run time (`endpoint.query_pairs_mut()`): its path
        // is not `/`.
        assert_eq!(
            no_path(vec![
                hole("endpoint", "self.endpoint"),
                text("?tenant="),
                hole("t", "t")
            ]),
            Err(SplitError::NoPath)
        );
    }

    #[test]
    fn a_value_named_for_a_query_glued_to_the_path_is_the_query() {
        let url = split(vec![text("/orders"), hole("param", "param")]);
        assert_eq!(url.path(), "/orders");
        assert!(url.query_keys_hidden);
        // After a `/` it is a segment; named for something else, part of the segment.
        let url = split(vec![text("/orders/"), hole("param", "param")]);
        assert_eq!(url.path(), "/orders/{param}");
        // After a `=` it is a value of the path's own.
        let url = split(vec![text("/orders="), hole("param", "param")]);
        assert_eq!(url.path(), "/orders={param}");
        let url = split(vec![text("/v"), hole("version", "version")]);
        assert_eq!(url.path(), "/v{version}");
    }

    #[test]
    fn mixed_segments_and_bare_values() {
        let url = split(vec![text("/files/"), hole("id", "id"), text(".json")]);
        assert_eq!(url.segments[1], PathSeg::Mixed("{id}.json".into()));
        assert_eq!(
            CallUrl::split(&UrlValue {
                pieces: vec![hole("url", "url")],
                literal: None
            }),
            Err(SplitError::NoPath)
        );
    }
}
