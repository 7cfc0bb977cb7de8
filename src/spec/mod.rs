//! The spec side: an OpenAPI document turned into a [`Spec`], a flat table of routes.
//!
//! Loading reads the bytes once (their SHA-256 identifies the spec version in every report),
//! parses YAML or JSON into a tree, checks the document kind and version, then builds the typed
//! OpenAPI 3.0 model with `openapiv3` and flattens it: one [`Route`] per operation, with
//! path-item parameters merged into each operation and `$ref`s to components resolved.

mod body;
pub(crate) mod load;
mod template;
mod tree;

pub use load::{SpecError, load};
pub use template::{PathTemplate, Segment};

use serde::Serialize;
use std::fmt;

/// An HTTP method, as OpenAPI names its operations.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Parse a method name in any case (`get`, `GET`, `Get`).
    pub fn parse(name: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub location: ParamIn,
    pub required: bool,
    /// Its value may spread over keys of other names (an exploded object, `deepObject`,
    /// `content`, a schema behind a `$ref`): the query keys a call may send are then not
    /// known from the parameter names alone.
    #[serde(skip)]
    pub spread: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestBody {
    pub content_types: Vec<String>,
    pub required: bool,
    /// The top-level fields of its JSON schema, when it is an object routelint can read.
    #[serde(skip)]
    pub fields: Option<BodyFields>,
    /// The fields of its URL-encoded form: the `application/x-www-form-urlencoded` schema
    /// (3.x) or the `in: formData` parameters (2.0).
    #[serde(skip)]
    pub form_fields: Option<BodyFields>,
}

impl RequestBody {
    /// The fields a body of that kind is checked against: the JSON schema's, or the form's.
    pub fn fields_for(&self, kind: crate::source::BodyKind) -> Option<&BodyFields> {
        match kind {
            crate::source::BodyKind::Json => self.fields.as_ref(),
            crate::source::BodyKind::Form => self.form_fields.as_ref(),
            _ => None,
        }
    }
}

/// The top-level fields of a JSON request body schema (after `$ref` and `allOf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFields {
    /// The schema's name when it is a `$ref` (`ExecuteRequest`).
    pub schema: Option<String>,
    pub properties: Vec<String>,
    pub required: Vec<String>,
    /// `additionalProperties: false`: a field it does not list is refused, not ignored.
    pub closed: bool,
    /// `additionalProperties: {schema}`: a map, so keys it does not list are expected.
    pub map: bool,
    /// The fields of its properties that are objects themselves, one level down
    /// (`metadata` → `name`, `labels`): what nested `json!` objects are checked against.
    pub nested: Vec<(String, BodyFields)>,
    /// A `oneOf` / `anyOf` with a `discriminator`: the property that names the branch, and
    /// each branch's own fields by the values that name it (`mapping`, else the schema's
    /// name). A body whose value for it is known is judged by its branch alone.
    pub discriminated: Option<Discriminated>,
}

/// See `BodyFields::discriminated`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discriminated {
    pub property: String,
    pub branches: Vec<(Vec<String>, BodyFields)>,
}

impl BodyFields {
    /// No fields: what a form's parameters are added to.
    pub fn empty() -> BodyFields {
        BodyFields {
            schema: None,
            properties: Vec::new(),
            required: Vec::new(),
            closed: false,
            map: false,
            nested: Vec::new(),
            discriminated: None,
        }
    }

    /// The fields of the object written as the value of `key` (or of its array's items).
    pub fn nested_fields(&self, key: &str) -> Option<&BodyFields> {
        self.nested
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, fields)| fields)
    }

    /// The fields a body that sends these strings (`("kind", "dog")`) is judged by: where
    /// the discriminator's value names a branch, that branch's.
    pub fn for_sent(&self, strings: &[(String, String)]) -> &BodyFields {
        let Some(by) = &self.discriminated else {
            return self;
        };
        let Some((_, value)) = strings.iter().find(|(key, _)| *key == by.property) else {
            return self;
        };
        by.branches
            .iter()
            .find(|(values, _)| values.contains(value))
            .map_or(self, |(_, fields)| fields)
    }

    /// The keys (with their position) a body sends that these fields do not list; none for a
    /// map, whose keys are free.
    pub fn unknown<'k>(&self, keys: &'k [String]) -> Vec<(usize, &'k String)> {
        if self.map {
            return Vec::new();
        }
        keys.iter()
            .enumerate()
            .filter(|(_, key)| !self.properties.contains(key))
            .collect()
    }

    /// The required fields a body with these keys does not send.
    pub fn missing(&self, keys: &[String]) -> Vec<&String> {
        self.required.iter().filter(|r| !keys.contains(r)).collect()
    }
}

/// One operation of the spec.
#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub path: PathTemplate,
    pub operation_id: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// Path-item and operation parameters, merged (the operation's win on name + location).
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub deprecated: bool,
    /// Path prefixes of the operation's or path item's own `servers`, which replace the
    /// document's for it; `None` when it has none. `Some([])`: its own servers have no path,
    /// so the document's base path does not apply to it.
    pub base_paths: Option<Vec<String>>,
}

impl Route {
    /// `GET /sandbox/{sandboxIdOrName}`
    pub fn signature(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// The kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpecKind {
    #[serde(rename = "openapi")]
    OpenApi,
    #[serde(rename = "swagger")]
    Swagger,
}

/// The serialization the spec was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpecFormat {
    Yaml,
    Json,
}

impl fmt::Display for SpecFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecFormat::Yaml => "YAML",
            SpecFormat::Json => "JSON",
        })
    }
}

/// A loaded spec: its identity and its route table.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Short name used in reports and config (`--spec NAME=FILE`; else the file stem).
    pub name: String,
    /// The path as the user gave it.
    pub source: String,
    /// Lowercase hex SHA-256 of the exact bytes read.
    pub sha256: String,
    pub format: SpecFormat,
    pub kind: SpecKind,
    /// The document's `openapi` (or `swagger`) field: `3.0.0`.
    pub version: String,
    pub title: String,
    pub path_count: usize,
    /// Path prefixes of the `servers` entries (`/v1` of `https://api.example.com/v1`), without
    /// the empty one. A client path may carry one of them or not.
    pub base_paths: Vec<String>,
    /// Expressions in the client that hold this API's base URL (`self.toolbox_url`), given with
    /// `--base NAME=EXPR`: a call on one of them is meant for this spec.
    pub bases: Vec<String>,
    /// Query keys that carry credentials (`apiKey` security schemes sent `in: query`): a call
    /// may send them to any operation without the operation declaring them.
    pub auth_query_keys: Vec<String>,
    pub routes: Vec<Route>,
}

impl Spec {
    pub fn operation_count(&self) -> usize {
        self.routes.len()
    }

    /// `OpenAPI 3.0.0`, `Swagger 2.0`
    pub fn kind_and_version(&self) -> String {
        match self.kind {
            SpecKind::OpenApi => format!("OpenAPI {}", self.version),
            SpecKind::Swagger => format!("Swagger {}", self.version),
        }
    }
}
