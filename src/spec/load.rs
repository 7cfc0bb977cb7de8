//! Reading a spec file into a [`Spec`].

use super::tree;
use super::{Method, Param, ParamIn, PathTemplate, RequestBody, Route, Spec, SpecFormat, SpecKind};
use openapiv3::{OpenAPI, Operation, Parameter, PathItem, ReferenceOr};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why a spec could not be loaded. Each variant names the file; structural errors name the JSON
/// pointer of the offending value, syntax errors the line and column.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{file}: cannot read the spec: {reason}")]
    Read {
        file: String,
        reason: std::io::Error,
    },
    #[error("{file}:{line}:{column}: not valid {format}: {message}")]
    Syntax {
        file: String,
        format: SpecFormat,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: not an OpenAPI document (no top-level `openapi` or `swagger` field)")]
    NotOpenApi { file: String },
    #[error(
        "{file}: {kind} {version} is not supported; routelint reads OpenAPI 3.0 and 3.1, and Swagger 2.0"
    )]
    UnsupportedVersion {
        file: String,
        kind: &'static str,
        version: String,
    },
    #[error("{file}: invalid OpenAPI document at `{pointer}`: {message}")]
    Structure {
        file: String,
        pointer: String,
        message: String,
    },
    #[error("{file}: `$ref` `{reference}` at `{pointer}` cannot be resolved{why}")]
    BadRef {
        file: String,
        pointer: String,
        reference: String,
        why: String,
    },
}

/// Load the spec at `path`. `name` defaults to the file stem.
pub fn load(path: &Path, name: Option<&str>) -> Result<Spec, SpecError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|reason| SpecError::Read {
        file: file.clone(),
        reason,
    })?;
    let name = name.map(str::to_string).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "spec".to_string())
    });
    from_bytes_in(&bytes, &file, name, path.parent())
}

/// Build a spec from bytes already read; `file` is only used in messages and reports.
#[cfg(test)]
pub(crate) fn from_bytes(bytes: &[u8], file: &str, name: String) -> Result<Spec, SpecError> {
    from_bytes_in(bytes, file, name, None)
}

/// Build a spec; `dir`, when known, is where `$ref`s to other files are looked for.
fn from_bytes_in(
    bytes: &[u8],
    file: &str,
    name: String,
    dir: Option<&Path>,
) -> Result<Spec, SpecError> {
    let sha256 = hex(&Sha256::digest(bytes));
    // The hash is of the bytes as read; parsing ignores a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (format, document) = parse_tree(bytes, file)?;
    let (kind, version) = check_version(&document, file)?;
    let externals = match dir {
        Some(dir) if mentions_other_files(bytes) => load_externals(&document, dir, file)?,
        _ => tree::Externals::default(),
    };
    let build = |family| tree::build(&document, file, family, dir, &externals);
    let mut built = match kind {
        // OpenAPI 3.0: the typed model of `openapiv3`; a document it refuses over a part
        // routes do not need is read from the tree instead, and only if that fails too is the
        // typed model's error (with its pointer) reported.
        SpecKind::OpenApi if version.starts_with("3.0") => {
            let typed = serde_path_to_error::deserialize::<_, OpenAPI>(&document)
                .map_err(|err| SpecError::Structure {
                    file: file.to_string(),
                    pointer: json_pointer(err.path()),
                    message: err.inner().to_string(),
                })
                .and_then(|typed| {
                    Ok(tree::Built {
                        routes: build_routes(&typed, file)?,
                        path_count: typed.paths.paths.len(),
                        base_paths: base_paths(&typed),
                        title: typed.info.title.clone(),
                    })
                });
            match typed {
                Ok(built) => built,
                Err(typed) => build(tree::Family::OpenApi30).map_err(|from_tree| {
                    // Whichever error is about the operations names the real problem: a typed
                    // error outside `/paths` (in a schema, say) is not why the routes failed.
                    match &typed {
                        SpecError::Structure { pointer, .. } if !pointer.starts_with("#/paths") => {
                            from_tree
                        }
                        _ => typed,
                    }
                })?,
            }
        }
        SpecKind::OpenApi => build(tree::Family::OpenApi31)?,
        SpecKind::Swagger => build(tree::Family::Swagger2)?,
    };
    let family = match kind {
        SpecKind::Swagger => tree::Family::Swagger2,
        SpecKind::OpenApi if version.starts_with("3.0") => tree::Family::OpenApi30,
        SpecKind::OpenApi => tree::Family::OpenApi31,
    };
    tree::attach_body_fields(&mut built.routes, &document, file, family, dir, &externals);
    Ok(Spec {
        name,
        source: file.to_string(),
        sha256,
        format,
        kind,
        version,
        title: built.title,
        path_count: built.path_count,
        base_paths: built.base_paths,
        bases: Vec::new(),
        auth_query_keys: auth_query_keys(&document),
        routes: built.routes,
    })
}

/// Names of the `apiKey` security schemes sent in the query (3.x `components.securitySchemes`,
/// 2.0 `securityDefinitions`). Schemes behind a `$ref` are not followed.
fn auth_query_keys(document: &serde_json::Value) -> Vec<String> {
    let schemes = [
        document.pointer("/components/securitySchemes"),
        document.get("securityDefinitions"),
    ];
    let mut keys: Vec<String> = schemes
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_object)
        .flat_map(|schemes| schemes.values())
        .filter(|s| s.get("type").and_then(|t| t.as_str()) == Some("apiKey"))
        .filter(|s| s.get("in").and_then(|t| t.as_str()) == Some("query"))
        .filter_map(|s| s.get("name").and_then(|n| n.as_str()).map(str::to_string))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Whether the document may refer to other files: a cheap look before walking it.
fn mentions_other_files(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    has(b"$ref") && (has(b".yaml") || has(b".yml") || has(b".json"))
}

/// Every document the spec refers to, at any depth, parsed once each and keyed by its
/// normalized path.
fn load_externals(
    document: &serde_json::Value,
    dir: &Path,
    file: &str,
) -> Result<tree::Externals, SpecError> {
    let mut loaded = tree::Externals::default();
    let mut queue: Vec<(Vec<(String, String)>, PathBuf)> =
        vec![(references(document), dir.to_path_buf())];
    while let Some((refs, from)) = queue.pop() {
        for (pointer, reference) in refs {
            let Some(target) = tree::external_target(&reference, &from) else {
                continue;
            };
            if loaded.contains_key(&target) {
                continue;
            }
            let shown = target.display().to_string();
            let bytes = std::fs::read(&target).map_err(|e| SpecError::BadRef {
                file: file.to_string(),
                pointer: pointer.clone(),
                reference: reference.clone(),
                why: format!(": cannot read {shown}: {e}"),
            })?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let (_, value) = parse_tree(bytes, &shown)?;
            let next_dir = target.parent().map(Path::to_path_buf).unwrap_or_default();
            queue.push((references(&value), next_dir));
            loaded.insert(target, value);
        }
    }
    Ok(loaded)
}

/// The `$ref`s of a document that name another file, with the JSON pointer of each. (The
/// pointer is written only for those: a 4 MB spec has some 200,000 nodes and no such `$ref`.)
fn references(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect_references(value, &mut Vec::new(), &mut out);
    out
}

/// One step of a JSON pointer: a key of an object, an index of an array.
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// Depth first, the last child first (the order the references have always been listed in).
/// The depth is `serde_json`'s limit on nesting at most.
fn collect_references<'v>(
    value: &'v serde_json::Value,
    path: &mut Vec<Step<'v>>,
    out: &mut Vec<(String, String)>,
) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                if !reference.starts_with('#') {
                    out.push((pointer(path), reference.clone()));
                }
            }
            for (key, child) in map.iter().rev() {
                if key == "$ref" && child.is_string() {
                    continue;
                }
                path.push(Step::Key(key));
                collect_references(child, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate().rev() {
                path.push(Step::Index(i));
                collect_references(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// `#/paths/~1pets/get`
fn pointer(path: &[Step<'_>]) -> String {
    let mut text = String::from("#");
    for step in path {
        text.push('/');
        match step {
            Step::Key(key) => text.push_str(&escape_pointer(key)),
            Step::Index(i) => text.push_str(&i.to_string()),
        }
    }
    text
}

/// JSON documents start with `{`; everything else is read as YAML.
fn looks_like_json(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Parse JSON or YAML into a tree. JSON that does not parse is tried as YAML (a YAML flow
/// document also starts with `{`); its JSON error is reported if that fails too.
fn parse_tree(bytes: &[u8], file: &str) -> Result<(SpecFormat, serde_json::Value), SpecError> {
    let syntax = |format, (line, column, message): (usize, usize, String)| SpecError::Syntax {
        file: file.to_string(),
        format,
        line,
        column,
        message,
    };
    if looks_like_json(bytes) {
        return match serde_json::from_slice(bytes) {
            Ok(value) => Ok((SpecFormat::Json, value)),
            Err(err) => parse_yaml(bytes)
                .map(|value| (SpecFormat::Yaml, value))
                .map_err(|_| {
                    syntax(
                        SpecFormat::Json,
                        (err.line(), err.column(), strip_location(&err.to_string())),
                    )
                }),
        };
    }
    parse_yaml(bytes)
        .map(|value| (SpecFormat::Yaml, value))
        .map_err(|e| syntax(SpecFormat::Yaml, e))
}

/// YAML into a JSON tree, merge keys (`<<: *common`) applied. Valid YAML that serde_yaml cannot
/// turn into JSON (an integer beyond 64 bits) is read by yaml-rust2; when both fail, the error
/// of the parser that got further is reported.
fn parse_yaml(bytes: &[u8]) -> Result<serde_json::Value, (usize, usize, String)> {
    let parsed = if bytes.windows(3).any(|w| w == b"<<:") {
        serde_yaml::from_slice::<serde_yaml::Value>(bytes).and_then(|mut value| {
            value.apply_merge()?;
            serde_yaml::from_value::<serde_json::Value>(value)
        })
    } else {
        serde_yaml::from_slice(bytes)
    };
    let err = match parsed {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let at = |e: &serde_yaml::Error| e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let serde_error = {
        let (line, column) = at(&err);
        (line, column, strip_location(&err.to_string()))
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(serde_error);
    };
    match yaml_rust2::YamlLoader::load_from_str(text) {
        Ok(mut documents) if !documents.is_empty() => {
            yaml_to_json(documents.swap_remove(0)).ok_or(serde_error)
        }
        Ok(_) => Err(serde_error),
        Err(scan) => {
            let marker = scan.marker();
            let scan_error = (marker.line(), marker.col() + 1, scan.info().to_string());
            // The error further into the file is the real one: serde_yaml stops at a value it
            // cannot represent even when the syntax breaks later.
            Err(if scan_error.0 > serde_error.0 {
                scan_error
            } else {
                serde_error
            })
        }
    }
}

fn yaml_to_json(yaml: yaml_rust2::Yaml) -> Option<serde_json::Value> {
    use serde_json::Value;
    use yaml_rust2::Yaml;
    Some(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::from(i),
        // Reals, and integers too large for 64 bits, as the nearest float.
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(text), Value::Number),
        Yaml::String(s) => Value::String(s),
        Yaml::Array(items) => {
            Value::Array(items.into_iter().map(yaml_to_json).collect::<Option<_>>()?)
        }
        Yaml::Hash(map) => {
            let mut object = serde_json::Map::new();
            for (key, value) in map {
                let key = match key {
                    Yaml::String(s) | Yaml::Real(s) => s,
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    Yaml::Null => "null".to_string(),
                    _ => return None,
                };
                object.insert(key, yaml_to_json(value)?);
            }
            Value::Object(object)
        }
        Yaml::Alias(_) | Yaml::BadValue => return None,
    })
}

/// serde errors end with " at line L column C"; we print the location in front instead.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn check_version(tree: &serde_json::Value, file: &str) -> Result<(SpecKind, String), SpecError> {
    let field = |key: &str| tree.get(key).map(version_text);
    if let Some(version) = field("openapi") {
        if version.starts_with("3.0") || version.starts_with("3.1") {
            return Ok((SpecKind::OpenApi, version));
        }
        return Err(SpecError::UnsupportedVersion {
            file: file.to_string(),
            kind: "OpenAPI",
            version,
        });
    }
    if let Some(version) = field("swagger") {
        if version == "2.0" {
            return Ok((SpecKind::Swagger, version));
        }
        return Err(SpecError::UnsupportedVersion {
            file: file.to_string(),
            kind: "Swagger",
            version,
        });
    }
    Err(SpecError::NotOpenApi {
        file: file.to_string(),
    })
}

fn version_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("#");
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => {
                let _ = write!(out, "{index}");
            }
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The path part of each server URL, with server variables replaced by their defaults.
fn base_paths(document: &OpenAPI) -> Vec<String> {
    server_list_paths(&document.servers)
}

fn server_list_paths(servers: &[openapiv3::Server]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for server in servers {
        let mut url = server.url.clone();
        if let Some(variables) = &server.variables {
            for (name, variable) in variables {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
        }
        if let Some(path) = url_path(&url) {
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    out
}

/// Whether a parameter's value may be sent under other key names: anything but an inline
/// scalar or array schema (see `Param::spread`).
fn may_spread(format: &openapiv3::ParameterSchemaOrContent) -> bool {
    use openapiv3::{ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type};
    match format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => !matches!(
            schema.schema_kind,
            SchemaKind::Type(
                Type::String(_)
                    | Type::Number(_)
                    | Type::Integer(_)
                    | Type::Boolean(_)
                    | Type::Array(_)
            )
        ),
        _ => true,
    }
}

/// The path of a server URL (`/v1` of `https://api.example.com/v1/`), if it has one.
pub(super) fn url_path(url: &str) -> Option<String> {
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url,
    };
    let path = path.trim_end_matches('/');
    (!path.is_empty() && path.starts_with('/')).then(|| path.to_string())
}

fn build_routes(document: &OpenAPI, file: &str) -> Result<Vec<Route>, SpecError> {
    let mut routes = Vec::new();
    for (path, item) in document.paths.iter() {
        let pointer = format!("#/paths/{}", escape_pointer(path));
        let item: &PathItem = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => {
                return Err(SpecError::BadRef {
                    file: file.to_string(),
                    pointer,
                    reference: reference.clone(),
                    why: ": path item `$ref`s are not supported yet".to_string(),
                });
            }
        };
        let template = PathTemplate::parse(path);
        for (method_name, operation) in item.iter() {
            let Some(method) = Method::parse(method_name) else {
                continue;
            };
            let op_pointer = format!("{pointer}/{method_name}");
            routes.push(build_route(
                document,
                file,
                &op_pointer,
                &pointer,
                method,
                template.clone(),
                item,
                operation,
            )?);
        }
    }
    Ok(routes)
}

#[allow(clippy::too_many_arguments)]
fn build_route(
    document: &OpenAPI,
    file: &str,
    op_pointer: &str,
    item_pointer: &str,
    method: Method,
    path: PathTemplate,
    item: &PathItem,
    operation: &Operation,
) -> Result<Route, SpecError> {
    let mut params: Vec<Param> = Vec::new();
    let levels = [
        (&item.parameters, item_pointer),
        (&operation.parameters, op_pointer),
    ];
    for (list, pointer) in levels {
        for (i, param) in list.iter().enumerate() {
            let here = format!("{pointer}/parameters/{i}");
            let param = resolve_parameter(document, file, &here, param)?;
            let data = param.parameter_data_ref();
            let location = match param {
                Parameter::Query { .. } => ParamIn::Query,
                Parameter::Header { .. } => ParamIn::Header,
                Parameter::Path { .. } => ParamIn::Path,
                Parameter::Cookie { .. } => ParamIn::Cookie,
            };
            let merged = Param {
                name: data.name.clone(),
                location,
                required: data.required || location == ParamIn::Path,
                spread: may_spread(&data.format),
            };
            match params
                .iter_mut()
                .find(|p| p.name == merged.name && p.location == merged.location)
            {
                Some(existing) => *existing = merged,
                None => params.push(merged),
            }
        }
    }
    let body = match &operation.request_body {
        None => None,
        Some(body) => {
            let here = format!("{op_pointer}/requestBody");
            let body = resolve_request_body(document, file, &here, body)?;
            Some(RequestBody {
                fields: None,
                form_fields: None,
                content_types: body.content.keys().cloned().collect(),
                required: body.required,
            })
        }
    };
    Ok(Route {
        method,
        path,
        operation_id: operation.operation_id.clone(),
        tags: operation.tags.clone(),
        summary: operation.summary.clone(),
        params,
        body,
        deprecated: operation.deprecated,
        // The operation's servers, else the path item's, replace the document's.
        base_paths: [&operation.servers, &item.servers]
            .into_iter()
            .find(|servers| !servers.is_empty())
            .map(|servers| server_list_paths(servers)),
    })
}

/// Follow `#/components/<section>/<name>` references; anything else is reported, not guessed.
/// The hop limit stops reference cycles.
fn resolve_component<'a, T>(
    file: &str,
    pointer: &str,
    mut value: &'a ReferenceOr<T>,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
) -> Result<&'a T, SpecError> {
    let prefix = format!("#/components/{section}/");
    let mut last = String::new();
    for _ in 0..32 {
        match value {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                last.clone_from(reference);
                let bad = |why: &str| SpecError::BadRef {
                    file: file.to_string(),
                    pointer: pointer.to_string(),
                    reference: reference.clone(),
                    why: why.to_string(),
                };
                let Some(name) = reference.strip_prefix(&prefix) else {
                    return Err(bad(&format!(
                        ": only references into `{prefix}` are supported here"
                    )));
                };
                let name = name.replace("~1", "/").replace("~0", "~");
                value = lookup(&name).ok_or_else(|| bad(": no such component"))?;
            }
        }
    }
    Err(SpecError::BadRef {
        file: file.to_string(),
        pointer: pointer.to_string(),
        reference: last,
        why: ": the references form a cycle".to_string(),
    })
}

fn resolve_parameter<'a>(
    document: &'a OpenAPI,
    file: &str,
    pointer: &str,
    param: &'a ReferenceOr<Parameter>,
) -> Result<&'a Parameter, SpecError> {
    resolve_component(file, pointer, param, "parameters", |name| {
        document.components.as_ref()?.parameters.get(name)
    })
}

fn resolve_request_body<'a>(
    document: &'a OpenAPI,
    file: &str,
    pointer: &str,
    body: &'a ReferenceOr<openapiv3::RequestBody>,
) -> Result<&'a openapiv3::RequestBody, SpecError> {
    resolve_component(file, pointer, body, "requestBodies", |name| {
        document.components.as_ref()?.request_bodies.get(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
openapi: 3.0.3
info: { title: Mini, version: "1" }
servers:
  - url: https://api.example.com/{version}
    variables:
      version: { default: v2 }
components:
  parameters:
    Id: { name: id, in: path, required: true, schema: { type: string } }
    Alias: { $ref: '#/components/parameters/Id' }
  requestBodies:
    Thing:
      required: true
      content:
        application/json: { schema: { type: object } }
paths:
  /things/{id}:
    parameters:
      - $ref: '#/components/parameters/Alias'
      - { name: verbose, in: query, schema: { type: boolean } }
    get:
      operationId: getThing
      parameters:
        - { name: verbose, in: query, required: true, schema: { type: boolean } }
      responses: { "200": { description: ok } }
    put:
      deprecated: true
      requestBody: { $ref: '#/components/requestBodies/Thing' }
      responses: { "200": { description: ok } }
"#;

    fn load_str(text: &str) -> Result<Spec, SpecError> {
        from_bytes(text.as_bytes(), "mini.yaml", "mini".to_string())
    }

    #[test]
    fn builds_routes_with_merged_params_and_refs() {
        let spec = load_str(MINIMAL).expect("loads");
        assert_eq!(spec.path_count, 1);
        assert_eq!(spec.operation_count(), 2);
        assert_eq!(spec.base_paths, vec!["/v2".to_string()]);
        assert_eq!(spec.kind_and_version(), "OpenAPI 3.0.3");
        let get = &spec.routes[0];
        assert_eq!(get.signature(), "GET /things/{id}");
        assert_eq!(get.operation_id.as_deref(), Some("getThing"));
        // the operation-level `verbose` overrides the path-level one (required: true)
        let names: Vec<_> = get
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.location, p.required))
            .collect();
        assert_eq!(
            names,
            vec![
                ("id", ParamIn::Path, true),
                ("verbose", ParamIn::Query, true)
            ]
        );
        let put = &spec.routes[1];
        assert!(put.deprecated);
        let body = put.body.as_ref().expect("body");
        assert!(body.required);
        assert_eq!(body.content_types, vec!["application/json".to_string()]);
    }

    #[test]
    fn sha256_is_of_the_exact_bytes() {
        let a = load_str(MINIMAL).expect("loads");
        let b = load_str(&format!("{MINIMAL}\n")).expect("loads");
        assert_eq!(a.sha256.len(), 64);
        assert_ne!(a.sha256, b.sha256);
    }

    #[test]
    fn json_is_detected() {
        let json = r#"{"openapi":"3.0.0","info":{"title":"J","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}"#;
        let spec = from_bytes(json.as_bytes(), "j.json", "j".into()).expect("loads");
        assert_eq!(spec.format, SpecFormat::Json);
        assert_eq!(spec.routes[0].signature(), "GET /a");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = load_str("openapi: 3.0.0\npaths:\n  /a: [\n").expect_err("broken");
        let text = err.to_string();
        assert!(text.starts_with("mini.yaml:"), "{text}");
        assert!(
            matches!(err, SpecError::Syntax { line, .. } if line >= 3),
            "{text}"
        );
    }

    #[test]
    fn structure_errors_name_the_pointer() {
        // What the typed model refuses but routes do not need is read from the tree...
        let tolerated = MINIMAL.replace(
            "required: true, schema: { type: string }",
            "required: true, schema: { type: 12 }",
        );
        let spec = load_str(&tolerated).expect("read from the tree");
        assert_eq!(spec.operation_count(), 2);
        // ...and what neither can read is reported with the typed model's pointer.
        let text = MINIMAL.replace(
            "paths:\n  /things/{id}:",
            "paths: 5\nnothing:\n  /things/{id}:",
        );
        let err = load_str(&text).expect_err("broken");
        match err {
            SpecError::Structure { pointer, .. } => assert_eq!(pointer, "#/paths"),
            other => panic!("unexpected {other}"),
        }
        // A schema the typed model refuses is not why the routes failed: the tree's error is.
        let both = "openapi: 3.0.3\ninfo: { title: S, version: '1' }\npaths:\n  /u/{id}:\n    get:\n      \
                    parameters: [{ $ref: '#/components/parameters/Missing' }]\n      \
                    responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n    \
                    Broken: { type: 5 }\n";
        let err = load_str(both).expect_err("broken").to_string();
        assert!(
            err.contains("#/components/parameters/Missing"),
            "names the bad reference: {err}"
        );
    }

    #[test]
    fn bad_refs_name_pointer_and_reference() {
        let text = MINIMAL.replace(
            "'#/components/parameters/Alias'",
            "'#/components/parameters/Nope'",
        );
        let err = load_str(&text).expect_err("broken");
        let message = err.to_string();
        assert!(
            message.contains("#/paths/~1things~1{id}/parameters/0"),
            "{message}"
        );
        assert!(
            message.contains("#/components/parameters/Nope"),
            "{message}"
        );
    }

    #[test]
    fn other_versions_and_documents_are_refused_clearly() {
        let swagger = load_str("swagger: '1.2'\ninfo: {title: S, version: '1'}\npaths: {}\n");
        assert!(matches!(
            swagger,
            Err(SpecError::UnsupportedVersion {
                kind: "Swagger",
                ..
            })
        ));
        let v4 = load_str("openapi: 4.0.0\ninfo: {title: S, version: '1'}\npaths: {}\n");
        assert!(matches!(
            v4,
            Err(SpecError::UnsupportedVersion {
                kind: "OpenAPI",
                ..
            })
        ));
        let other = load_str("name: not a spec\n");
        assert!(matches!(other, Err(SpecError::NotOpenApi { .. })));
    }

    const SWAGGER: &str = r#"
swagger: "2.0"
info: { title: Pets, version: "1" }
basePath: /v2/
consumes: [application/json]
parameters:
  PetId: { name: petId, in: path, required: true, type: string }
paths:
  /pets/{petId}:
    parameters: [{ $ref: '#/parameters/PetId' }]
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - { name: fields, in: query, type: string }
      responses: { "200": { description: ok } }
    put:
      deprecated: true
      parameters:
        - { name: body, in: body, required: true, schema: { type: object } }
      responses: { "200": { description: ok } }
  /pets/{petId}/photo:
    parameters: [{ $ref: '#/parameters/PetId' }]
    post:
      consumes: [multipart/form-data]
      parameters:
        - { name: file, in: formData, type: file, required: true }
      responses: { "200": { description: ok } }
"#;

    #[test]
    fn swagger_2_bodies_base_path_and_refs() {
        let spec = load_str(SWAGGER).expect("loads");
        assert_eq!(spec.kind_and_version(), "Swagger 2.0");
        assert_eq!((spec.path_count, spec.operation_count()), (2, 3));
        assert_eq!(spec.base_paths, vec!["/v2".to_string()]);
        let get = &spec.routes[0];
        assert_eq!(get.signature(), "GET /pets/{petId}");
        let params: Vec<_> = get
            .params
            .iter()
            .map(|p| (p.name.as_str(), p.location))
            .collect();
        assert_eq!(
            params,
            vec![("petId", ParamIn::Path), ("fields", ParamIn::Query)]
        );
        let put = &spec.routes[1];
        assert!(put.deprecated);
        let body = put.body.as_ref().expect("body");
        assert_eq!(
            (body.content_types.clone(), body.required),
            (vec!["application/json".to_string()], true)
        );
        assert!(
            put.params.iter().all(|p| p.name != "body"),
            "a body is not a parameter"
        );
        let upload = spec.routes[2].body.as_ref().expect("form body");
        assert_eq!(
            upload.content_types,
            vec!["multipart/form-data".to_string()]
        );
    }

    #[test]
    fn openapi_3_1_is_read_from_the_tree() {
        let text = r##"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
            "servers": [{"url": "https://x.example.com/api"}],
            "webhooks": {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}},
            "components": {"pathItems": {"Item": {"get": {"operationId": "getItem",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": ["string", "null"]}}],
                "responses": {"200": {"description": "ok"}}}}}},
            "paths": {"/items/{id}": {"$ref": "#/components/pathItems/Item"}}}"##;
        let spec = from_bytes(text.as_bytes(), "t.json", "t".into()).expect("loads");
        assert_eq!(spec.kind_and_version(), "OpenAPI 3.1.0");
        assert_eq!(spec.base_paths, vec!["/api".to_string()]);
        assert_eq!(spec.routes.len(), 1, "webhooks are not routes");
        assert_eq!(spec.routes[0].operation_id.as_deref(), Some("getItem"));
    }

    #[test]
    fn references_name_their_pointer_last_child_first() {
        let value: serde_json::Value = serde_json::from_str(
            r##"{"paths": {"/pets/{id}": {"get": {"parameters": [{"$ref": "#/local"}, {"$ref": "common.yaml#/Id"}]}}},
                "definitions": {"Pet": {"$ref": "pet.yaml"}, "Local": {"$ref": "#/x"}}}"##,
        )
        .expect("JSON");
        assert_eq!(
            references(&value),
            [
                ("#/definitions/Pet".to_string(), "pet.yaml".to_string()),
                (
                    "#/paths/~1pets~1{id}/get/parameters/1".to_string(),
                    "common.yaml#/Id".to_string()
                ),
            ]
        );
    }

    #[test]
    fn references_to_other_files_need_the_spec_path() {
        let text = SWAGGER.replace("'#/parameters/PetId'", "'common.yaml#/PetId'");
        let message = load_str(&text).expect_err("external").to_string();
        assert!(message.contains("common.yaml#/PetId"), "{message}");
        assert!(message.contains("need the spec's own path"), "{message}");
    }

    #[test]
    fn integers_beyond_64_bits_load() {
        let text = MINIMAL.replace(
            "Id: { name: id, in: path, required: true, schema: { type: string } }",
            "Id: { name: id, in: path, required: true, schema: { type: integer, minimum: -9223372036854776000 } }",
        );
        let spec = load_str(&text).expect("valid YAML loads");
        assert_eq!(spec.operation_count(), 2);
    }

    #[test]
    fn byte_order_marks_and_yaml_merge_keys() {
        let json = "\u{feff}{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"J\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
        let spec = from_bytes(json.as_bytes(), "bom.json", "j".into()).expect("a BOM is no error");
        assert_eq!(spec.format, SpecFormat::Json);
        let yaml = r#"
openapi: 3.1.0
info: { title: M, version: "1" }
x-common: &common
  get: { operationId: shared, responses: { "200": { description: ok } } }
paths:
  /a: *common
  /b:
    <<: *common
    post: { responses: { "200": { description: ok } } }
"#;
        let spec = load_str(yaml).expect("loads");
        let signatures: Vec<String> = spec.routes.iter().map(Route::signature).collect();
        assert_eq!(signatures, vec!["GET /a", "GET /b", "POST /b"]);
    }

    #[test]
    fn a_3_0_document_must_have_paths() {
        let err = load_str("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npath: {}\n")
            .expect_err("no paths");
        assert!(err.to_string().contains("paths"), "{err}");
    }

    #[test]
    fn references_to_other_files_are_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write =
            |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
        std::fs::create_dir_all(dir.path().join("parts")).expect("mkdir");
        write(
            "main.yaml",
            "openapi: 3.0.3\ninfo: {title: M, version: '1'}\npaths:\n  /items/{id}:\n    $ref: 'parts/items.yaml#/Item'\n",
        );
        // A path item in another file, whose own references are relative to it.
        write(
            "parts/items.yaml",
            "Item:\n  get:\n    operationId: getItem\n    parameters: [{$ref: '#/Id'}, {$ref: '../common.yaml#/Verbose'}]\n    responses: {'200': {description: ok}}\nId: {name: id, in: path, required: true, schema: {type: string}}\n",
        );
        write(
            "common.yaml",
            "Verbose: {name: verbose, in: query, schema: {type: boolean}}\n",
        );
        let spec = load(&dir.path().join("main.yaml"), None).expect("loads");
        assert_eq!(spec.routes[0].signature(), "GET /items/{id}");
        let params: Vec<&str> = spec.routes[0]
            .params
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(params, vec!["id", "verbose"]);
        // A file that is not there is named in the error.
        write(
            "main.yaml",
            "openapi: 3.0.3\ninfo: {title: M, version: '1'}\npaths:\n  /x:\n    $ref: 'missing.yaml#/X'\n",
        );
        let message = load(&dir.path().join("main.yaml"), None)
            .expect_err("missing")
            .to_string();
        assert!(message.contains("missing.yaml"), "{message}");
    }

    #[test]
    fn swagger_2_in_json() {
        let json = r##"{"swagger": "2.0", "info": {"title": "J", "version": "1"}, "basePath": "/api",
            "paths": {"/pets": {"post": {"operationId": "addPet",
                "parameters": [{"in": "body", "name": "pet", "required": true, "schema": {"type": "object"}}],
                "responses": {"200": {"description": "ok"}}}}}}"##;
        let spec = from_bytes(json.as_bytes(), "s.json", "s".into()).expect("loads");
        assert_eq!(spec.format, SpecFormat::Json);
        assert_eq!(spec.kind_and_version(), "Swagger 2.0");
        assert_eq!(spec.base_paths, vec!["/api".to_string()]);
        assert!(spec.routes[0].body.as_ref().is_some_and(|b| b.required));
    }
}
