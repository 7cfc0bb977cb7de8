//! The fields of JSON request bodies, read from the document tree for every spec family.
//!
//! Only what can be said for sure is kept: an object schema with listed `properties`, through
//! `$ref`s and `allOf`; for a `oneOf` / `anyOf`, what holds whichever branch is sent (see
//! `alternatives`). A `not`, a branch that cannot be read, or a free-form object gives `None`,
//! and the body is then not compared.

use super::tree::{Doc, Family, Reader, escape};
use super::{BodyFields, Discriminated, Route};
use serde_json::Value;

/// How deep `allOf` and `$ref` chains are followed.
const MAX_DEPTH: usize = 16;
/// How many levels of nested objects are read below a body's own fields.
const NESTED_LEVELS: usize = 1;

/// Fill `fields` of each route's request body: the JSON media type's schema (3.x) or the
/// `in: body` parameter's schema (2.0). What cannot be read stays `None`; a body schema
/// never makes loading fail.
pub(super) fn attach(routes: &mut [Route], reader: &Reader<'_>, family: Family) {
    for route in routes.iter_mut() {
        let Some(body) = route.body.as_mut() else {
            continue;
        };
        let item_pointer = format!("#/paths/{}", escape(&route.path.raw));
        let Some(item) = reader.doc.pointer(&item_pointer[1..]) else {
            continue;
        };
        let Ok((item, item_doc)) = reader.deref(item, &item_pointer, &None) else {
            continue;
        };
        let method = route.method.as_str().to_ascii_lowercase();
        let Some(operation) = item.get(&method) else {
            continue;
        };
        let op_pointer = format!("{item_pointer}/{method}");
        body.fields = body_schema(reader, operation, &op_pointer, &item_doc, family).and_then(
            |(schema, pointer, doc)| {
                object_fields(reader, schema, &pointer, &doc, 0, NESTED_LEVELS)
            },
        );
        // 2.0 forms are `formData` parameters, read with the operation.
        if family != Family::Swagger2 {
            body.form_fields = media_schema(reader, operation, &op_pointer, &item_doc, is_form)
                .and_then(|(schema, pointer, doc)| {
                    object_fields(reader, schema, &pointer, &doc, 0, NESTED_LEVELS)
                });
        }
    }
}

/// The schema of the JSON body an operation takes, where it is, and in which document.
fn body_schema<'a>(
    reader: &Reader<'a>,
    operation: &'a Value,
    pointer: &str,
    doc: &Doc,
    family: Family,
) -> Option<(&'a Value, String, Doc)> {
    if family == Family::Swagger2 {
        let params = operation.get("parameters")?.as_array()?;
        for (i, param) in params.iter().enumerate() {
            let here = format!("{pointer}/parameters/{i}");
            let (param, param_doc) = reader.deref(param, &here, doc).ok()?;
            if param.get("in").and_then(Value::as_str) == Some("body") {
                return Some((param.get("schema")?, format!("{here}/schema"), param_doc));
            }
        }
        return None;
    }
    media_schema(reader, operation, pointer, doc, |essence| {
        essence.ends_with("/json") || essence.ends_with("+json")
    })
}

/// `application/x-www-form-urlencoded`.
fn is_form(essence: &str) -> bool {
    essence == "application/x-www-form-urlencoded"
}

/// The schema of the first media type of a 3.x request body that `wanted` accepts (given the
/// media type's essence, lowercase, without parameters), where it is, and in which document.
fn media_schema<'a>(
    reader: &Reader<'a>,
    operation: &'a Value,
    pointer: &str,
    doc: &Doc,
    wanted: impl Fn(&str) -> bool,
) -> Option<(&'a Value, String, Doc)> {
    let here = format!("{pointer}/requestBody");
    let (body, body_doc) = reader
        .deref(operation.get("requestBody")?, &here, doc)
        .ok()?;
    let (media, content) = body
        .get("content")?
        .as_object()?
        .iter()
        .find(|(media, _)| {
            let essence = media
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            wanted(&essence)
        })?;
    Some((
        content.get("schema")?,
        format!("{here}/content/{}/schema", escape(media)),
        body_doc,
    ))
}

/// What the branches of a `oneOf` / `anyOf` say for sure, whichever is sent: a field of any
/// branch is known; a field is required only if every branch requires it; the body is closed
/// only if every branch is. `Ok(None)`: no branches; `Err`… `None` (the outer `Option`): a
/// branch routelint cannot read, so nothing is said.
fn alternatives<'a>(
    reader: &Reader<'a>,
    schema: &'a Value,
    pointer: &str,
    doc: &Doc,
    depth: usize,
) -> Option<Option<BodyFields>> {
    let Some((keyword, branches)) = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| Some((*k, schema.get(*k)?.as_array()?)))
    else {
        return Some(None);
    };
    let mut combined: Option<BodyFields> = None;
    let mut names = Vec::new();
    let discriminator = schema
        .get("discriminator")
        .and_then(|d| d.get("propertyName"))
        .and_then(Value::as_str);
    let mut by_value = Vec::new();
    for (i, branch) in branches.iter().enumerate() {
        // `anyOf: [X, { type: 'null' }]` (3.1's nullable): the null adds no field.
        if branch.get("type").and_then(Value::as_str) == Some("null") {
            continue;
        }
        let here = format!("{pointer}/{keyword}/{i}");
        let mut fields = object_fields(reader, branch, &here, doc, depth + 1, 0)?;
        fields.nested.clear();
        names.push(fields.schema.clone().unwrap_or_else(|| format!("#{i}")));
        if discriminator.is_some() {
            let values = discriminator_values(schema, branch);
            if !values.is_empty() {
                by_value.push((values, fields.clone()));
            }
        }
        combined = Some(match combined {
            None => fields,
            Some(mut all) => {
                all.properties.extend(fields.properties);
                all.required.retain(|r| fields.required.contains(r));
                all.closed &= fields.closed;
                all.map |= fields.map;
                all
            }
        });
    }
    Some(combined.map(|mut all| {
        all.schema = Some(names.join(" | "));
        all.discriminated = discriminator.map(|property| Discriminated {
            property: property.to_string(),
            branches: by_value,
        });
        all
    }))
}

/// The `items` schema of an array schema (through a `$ref`), where it is, and in which
/// document.
fn array_items<'a>(
    reader: &Reader<'a>,
    schema: &'a Value,
    pointer: &str,
    doc: &Doc,
) -> Option<(&'a Value, String, Doc)> {
    let (schema, schema_doc) = reader.deref(schema, pointer, doc).ok()?;
    if schema.get("type").and_then(Value::as_str) != Some("array") {
        return None;
    }
    Some((schema.get("items")?, format!("{pointer}/items"), schema_doc))
}

/// The values of the discriminator that name `branch` (a `$ref`): the `mapping`'s keys that
/// point at it, else (as OpenAPI says) the name of the schema it refers to.
fn discriminator_values(schema: &Value, branch: &Value) -> Vec<String> {
    let Some(target) = branch.get("$ref").and_then(Value::as_str) else {
        return Vec::new();
    };
    let schema_name = target.rsplit('/').next();
    let mapping = schema
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object);
    let mapped: Vec<String> = mapping
        .into_iter()
        .flatten()
        // A mapping may also give the schema's name alone (`dog: Dog`).
        .filter(|(_, to)| {
            to.as_str()
                .is_some_and(|to| to == target || schema_name == Some(to))
        })
        .map(|(value, _)| value.clone())
        .collect();
    if !mapped.is_empty() {
        return mapped;
    }
    schema_name.map(str::to_string).into_iter().collect()
}

/// The top-level fields of an object schema, through `$ref`, `allOf`, `oneOf` and `anyOf`.
fn object_fields<'a>(
    reader: &Reader<'a>,
    schema: &'a Value,
    pointer: &str,
    doc: &Doc,
    depth: usize,
    levels: usize,
) -> Option<BodyFields> {
    if depth > MAX_DEPTH {
        return None;
    }
    let name = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        .map(str::to_string);
    let (schema, schema_doc) = reader.deref(schema, pointer, doc).ok()?;
    if schema.get("not").is_some() {
        return None;
    }
    let is_object = match schema.get("type") {
        None => true,
        Some(Value::String(t)) => t == "object",
        // 3.1: `type: [object, "null"]`.
        Some(Value::Array(types)) => types.iter().any(|t| t == "object"),
        Some(_) => false,
    };
    if !is_object {
        return None;
    }
    let mut fields = BodyFields {
        schema: name,
        ..BodyFields::empty()
    };
    let parts = schema.get("allOf").and_then(Value::as_array);
    for (i, part) in parts.into_iter().flatten().enumerate() {
        let here = format!("{pointer}/allOf/{i}");
        let inner = object_fields(reader, part, &here, &schema_doc, depth + 1, levels)?;
        fields.nested.extend(inner.nested);
        fields.properties.extend(inner.properties);
        fields.required.extend(inner.required);
        fields.map |= inner.map;
        if fields.schema.is_none() && parts.is_some_and(|p| p.len() == 1) {
            fields.schema = inner.schema;
        }
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        fields.properties.extend(properties.keys().cloned());
        if levels > 0 {
            for (name, property) in properties {
                let here = format!("{pointer}/properties/{}", escape(name));
                // An array of objects: each item is checked against the items' schema.
                let (property, here, property_doc) =
                    match array_items(reader, property, &here, &schema_doc) {
                        Some(items) => items,
                        None => (property, here, schema_doc.clone()),
                    };
                if let Some(inner) = object_fields(
                    reader,
                    property,
                    &here,
                    &property_doc,
                    depth + 1,
                    levels - 1,
                ) {
                    fields.nested.push((name.clone(), inner));
                }
            }
        }
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        fields.required.extend(
            required
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string),
        );
    }
    match schema.get("additionalProperties") {
        // With `allOf`, each part's own `false` would refuse the others' fields: not trusted.
        Some(Value::Bool(false)) => fields.closed = parts.is_none(),
        Some(Value::Object(schema)) if !schema.is_empty() => fields.map = true,
        _ => {}
    }
    if let Some(either) = alternatives(reader, schema, pointer, &schema_doc, depth)? {
        // A branch's fields are all there is only where the schema adds none of its own.
        if fields.properties.is_empty() && fields.required.is_empty() {
            fields.discriminated = either.discriminated;
        }
        // Closed if every branch is, and the schema adds no fields of its own (or is closed).
        fields.closed = either.closed && (fields.properties.is_empty() || fields.closed);
        fields.properties.extend(either.properties);
        fields.required.extend(either.required);
        fields.map |= either.map;
        if fields.schema.is_none() {
            fields.schema = either.schema;
        }
    }
    // No listed fields: a free-form object says nothing about keys.
    if fields.properties.is_empty() {
        return None;
    }
    fields.properties.sort();
    fields.properties.dedup();
    fields.required.sort();
    fields.required.dedup();
    Some(fields)
}
