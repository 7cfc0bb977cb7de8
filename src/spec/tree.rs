//! The route table read from the document tree itself, without a typed model: Swagger 2.0
//! and OpenAPI 3.1, which `openapiv3` does not read, and OpenAPI 3.0 documents its strict model
//! refuses over parts routelint does not need (an unusual schema, say).
//!
//! Only what routes need is read: paths, methods, operationId, tags, summary, deprecated,
//! parameters (path item and operation, merged), the request body (3.x `requestBody`, 2.0 `body`
//! and `formData` parameters with `consumes`), servers / `basePath`. Local `$ref`s are followed
//! wherever an object may be one; a reference to another file is reported, not guessed.

use super::load::SpecError;
use super::{BodyFields, Method, Param, ParamIn, PathTemplate, RequestBody, Route};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Documents a spec refers to, by normalized path.
pub(super) type Externals = HashMap<PathBuf, Value>;

/// Which document a value is in: `None` for the spec itself, else another file.
pub(super) type Doc = Option<PathBuf>;

/// The file a `$ref` names (`params.yaml#/Id`), relative to the directory of the document it is
/// written in; `None` for a reference inside that document (`#/…`).
pub(super) fn external_target(reference: &str, from_dir: &Path) -> Option<PathBuf> {
    let file = reference.split('#').next().unwrap_or("");
    if file.is_empty() || file.contains("://") {
        return None;
    }
    Some(crate::paths::normalize(&from_dir.join(file)))
}

/// Whether a parameter's value may be sent under other key names: anything but an inline
/// scalar or array (`schema` in 3.x, the parameter itself in 2.0). See `Param::spread`.
fn may_spread(param: &Value) -> bool {
    let schema = param.get("schema").unwrap_or(param);
    let plain = ["string", "number", "integer", "boolean", "array"];
    schema.get("$ref").is_some()
        || param.get("content").is_some()
        || !match schema.get("type") {
            Some(Value::String(t)) => plain.contains(&t.as_str()),
            // 3.1: `type: [string, "null"]`.
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .all(|t| t == "null" || plain.contains(&t)),
            _ => false,
        }
}

/// Which family the document is: where bodies and base paths are written differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Swagger2,
    /// 3.0 requires `paths`.
    OpenApi30,
    /// 3.1 allows a document of webhooks or components only.
    OpenApi31,
}

/// What the tree gives the loader.
pub(super) struct Built {
    pub(super) routes: Vec<Route>,
    pub(super) path_count: usize,
    pub(super) base_paths: Vec<String>,
    pub(super) title: String,
}

/// Read the JSON body fields of `routes` from the document (see `body.rs`).
pub(super) fn attach_body_fields(
    routes: &mut [Route],
    doc: &Value,
    file: &str,
    family: Family,
    dir: Option<&Path>,
    externals: &Externals,
) {
    let reader = Reader {
        doc,
        file,
        dir: dir.map(Path::to_path_buf),
        externals,
    };
    super::body::attach(routes, &reader, family);
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub(super) fn build(
    doc: &Value,
    file: &str,
    family: Family,
    dir: Option<&Path>,
    externals: &Externals,
) -> Result<Built, SpecError> {
    let reader = Reader {
        doc,
        file,
        dir: dir.map(Path::to_path_buf),
        externals,
    };
    let paths = match doc.get("paths") {
        Some(Value::Object(paths)) => paths,
        None if family == Family::OpenApi31 => &serde_json::Map::new(),
        _ => return Err(reader.structure("#/paths", "`paths` must be an object")),
    };
    let mut routes = Vec::new();
    for (path, item) in paths {
        if !path.starts_with('/') {
            continue; // `x-…` extensions
        }
        let item_pointer = format!("#/paths/{}", escape(path));
        let (item, item_doc) = reader.deref(item, &item_pointer, &None)?;
        let template = PathTemplate::parse(path);
        let shared = reader.parameters(
            item.get("parameters"),
            &format!("{item_pointer}/parameters"),
            &item_doc,
        )?;
        for method_name in METHODS {
            let Some(operation) = item.get(method_name) else {
                continue;
            };
            let Some(method) = Method::parse(method_name) else {
                continue;
            };
            let op_pointer = format!("{item_pointer}/{method_name}");
            let own = reader.parameters(
                operation.get("parameters"),
                &format!("{op_pointer}/parameters"),
                &item_doc,
            )?;
            let mut route = reader.route(
                method,
                template.clone(),
                operation,
                &op_pointer,
                &shared,
                own,
                (family, &item_doc),
            )?;
            if family != Family::Swagger2 {
                // The operation's servers, else the path item's, replace the document's.
                let own = [operation.get("servers"), item.get("servers")]
                    .into_iter()
                    .flatten()
                    .find(|servers| servers.as_array().is_some_and(|list| !list.is_empty()));
                route.base_paths = own.map(|servers| server_paths(Some(servers)));
            }
            routes.push(route);
        }
    }
    let base_paths = match family {
        Family::OpenApi30 | Family::OpenApi31 => server_paths(doc.get("servers")),
        Family::Swagger2 => doc
            .get("basePath")
            .and_then(Value::as_str)
            .map(|p| p.trim_end_matches('/').to_string())
            .filter(|p| p.starts_with('/') && p.len() > 1)
            .into_iter()
            .collect(),
    };
    let title = doc
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Ok(Built {
        routes,
        path_count: paths.keys().filter(|k| k.starts_with('/')).count(),
        base_paths,
        title,
    })
}

/// A parameter as the document gives it, with what 2.0 puts in parameters (body, form).
struct RawParam {
    name: String,
    location: String,
    required: bool,
    is_file: bool,
    spread: bool,
}

pub(super) struct Reader<'a> {
    pub(super) doc: &'a Value,
    file: &'a str,
    /// The spec's directory, when known: references to other files are relative to it.
    dir: Option<PathBuf>,
    externals: &'a Externals,
}

impl<'a> Reader<'a> {
    fn structure(&self, pointer: &str, message: &str) -> SpecError {
        SpecError::Structure {
            file: self.file.to_string(),
            pointer: pointer.to_string(),
            message: message.to_string(),
        }
    }

    /// Follow `$ref`s to the object they name, in this document or another; also says which
    /// document that is, since references inside it are relative to it. The hop limit stops
    /// reference cycles.
    pub(super) fn deref(
        &self,
        mut value: &'a Value,
        pointer: &str,
        from: &Doc,
    ) -> Result<(&'a Value, Doc), SpecError> {
        let mut doc = from.clone();
        let mut last = String::new();
        for _ in 0..32 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return Ok((value, doc));
            };
            last = reference.to_string();
            let bad = |why: &str| SpecError::BadRef {
                file: self.file.to_string(),
                pointer: pointer.to_string(),
                reference: reference.to_string(),
                why: why.to_string(),
            };
            let (file_part, local) = reference.split_once('#').unwrap_or((reference, ""));
            if !file_part.is_empty() {
                let from_dir = match &doc {
                    Some(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
                    None => match &self.dir {
                        Some(dir) => dir.clone(),
                        None => {
                            return Err(bad(
                                ": references to other files need the spec's own path",
                            ));
                        }
                    },
                };
                let target = external_target(reference, &from_dir)
                    .ok_or_else(|| bad(": references to remote documents are not supported"))?;
                if !self.externals.contains_key(&target) {
                    return Err(bad(": the file it names was not read"));
                }
                doc = Some(target);
            }
            let document = match &doc {
                Some(path) => self
                    .externals
                    .get(path)
                    .ok_or_else(|| bad(": the file it names was not read"))?,
                None => self.doc,
            };
            value = document
                .pointer(&percent_decode(local))
                .ok_or_else(|| bad(": no such place in the document"))?;
        }
        Err(SpecError::BadRef {
            file: self.file.to_string(),
            pointer: pointer.to_string(),
            reference: last,
            why: ": the references form a cycle".to_string(),
        })
    }

    fn parameters(
        &self,
        list: Option<&'a Value>,
        pointer: &str,
        doc: &Doc,
    ) -> Result<Vec<RawParam>, SpecError> {
        let Some(list) = list else {
            return Ok(Vec::new());
        };
        let Value::Array(items) = list else {
            return Err(self.structure(pointer, "`parameters` must be an array"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let here = format!("{pointer}/{i}");
            let (param, _) = self.deref(item, &here, doc)?;
            let text = |key: &str| param.get(key).and_then(Value::as_str);
            let (Some(name), Some(location)) = (text("name"), text("in")) else {
                return Err(self.structure(&here, "a parameter needs `name` and `in`"));
            };
            out.push(RawParam {
                name: name.to_string(),
                location: location.to_string(),
                required: param
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                is_file: text("type") == Some("file"),
                spread: may_spread(param),
            });
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn route(
        &self,
        method: Method,
        path: PathTemplate,
        operation: &'a Value,
        pointer: &str,
        shared: &[RawParam],
        own: Vec<RawParam>,
        (family, doc): (Family, &Doc),
    ) -> Result<Route, SpecError> {
        let text = |key: &str| {
            operation
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        // Operation parameters override path-item ones with the same name and location.
        let mut raw: Vec<&RawParam> = shared
            .iter()
            .filter(|s| {
                !own.iter()
                    .any(|o| o.name == s.name && o.location == s.location)
            })
            .collect();
        raw.extend(own.iter());
        let mut params = Vec::new();
        let mut body = None;
        let mut form: Option<RequestBody> = None;
        // A form with a file is multipart, whatever the order of its fields.
        let form_default = if raw.iter().any(|p| p.location == "formData" && p.is_file) {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        for p in &raw {
            let location = match p.location.as_str() {
                "path" => ParamIn::Path,
                "query" => ParamIn::Query,
                "header" => ParamIn::Header,
                "cookie" => ParamIn::Cookie,
                // Swagger 2.0 bodies.
                "body" => {
                    body = Some(RequestBody {
                        fields: None,
                        form_fields: None,
                        content_types: self.consumes(operation, "application/json"),
                        required: p.required,
                    });
                    continue;
                }
                "formData" => {
                    let entry = form.get_or_insert_with(|| RequestBody {
                        fields: None,
                        form_fields: None,
                        content_types: self.consumes(operation, form_default),
                        required: false,
                    });
                    entry.required |= p.required;
                    // Each `formData` parameter is a field of the form.
                    let fields = entry.form_fields.get_or_insert_with(BodyFields::empty);
                    fields.properties.push(p.name.clone());
                    if p.required {
                        fields.required.push(p.name.clone());
                    }
                    continue;
                }
                _ => continue,
            };
            params.push(Param {
                name: p.name.clone(),
                location,
                required: p.required || location == ParamIn::Path,
                spread: p.spread,
            });
        }
        if family != Family::Swagger2 {
            if let Some(request_body) = operation.get("requestBody") {
                let here = format!("{pointer}/requestBody");
                let (request_body, _) = self.deref(request_body, &here, doc)?;
                body = Some(RequestBody {
                    fields: None,
                    form_fields: None,
                    content_types: request_body
                        .get("content")
                        .and_then(Value::as_object)
                        .map(|c| c.keys().cloned().collect())
                        .unwrap_or_default(),
                    required: request_body
                        .get("required")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                });
            }
        }
        if let Some(fields) = form.as_mut().and_then(|f| f.form_fields.as_mut()) {
            fields.properties.sort();
            fields.properties.dedup();
            fields.required.sort();
            fields.required.dedup();
        }
        Ok(Route {
            method,
            path,
            operation_id: text("operationId"),
            tags: operation
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            summary: text("summary"),
            params,
            body: body.or(form),
            deprecated: operation
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            base_paths: None,
        })
    }

    /// Swagger 2.0 `consumes` of the operation, else of the document, else `default`.
    fn consumes(&self, operation: &Value, default: &str) -> Vec<String> {
        // The operation's list replaces the document's, even when empty.
        let list = |v: Option<&Value>| -> Option<Vec<String>> {
            Some(
                v?.as_array()?
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            )
        };
        list(operation.get("consumes"))
            .or_else(|| list(self.doc.get("consumes")).filter(|l| !l.is_empty()))
            .unwrap_or_else(|| vec![default.to_string()])
    }
}

/// The path part of each `servers` URL, with variables replaced by their defaults.
fn server_paths(servers: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for server in servers.and_then(Value::as_array).into_iter().flatten() {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            continue;
        };
        let mut url = url.to_string();
        if let Some(variables) = server.get("variables").and_then(Value::as_object) {
            for (name, variable) in variables {
                if let Some(default) = variable.get("default").and_then(Value::as_str) {
                    url = url.replace(&format!("{{{name}}}"), default);
                }
            }
        }
        if let Some(path) = super::load::url_path(&url) {
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    out
}

/// `%7B` → `{` in a reference (JSON pointers in URIs may be percent-encoded).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
