//! The keys a `#[derive(Serialize)]` struct or enum variant sends, as `serde` names them:
//! `rename`, `rename_all`, `skip`, `flatten`, a struct's `tag`, and an enum's representation
//! (externally, internally or adjacently tagged, untagged). A body sent as `.json(&req)` is
//! compared through them.
//!
//! What cannot be read for sure (a `rename_all` form we do not know, `into` or `transparent`,
//! a tuple struct) leaves the type out: its bodies are then not judged.

use crate::source::facts::{SerdeField, SerdeStruct};

/// Where a name is written: a span to a site of the file.
type SiteOf<'a> = dyn Fn(proc_macro2::Span) -> Option<crate::source::Site> + 'a;

/// Container attributes that do not change which keys are sent.
const NEUTRAL_CONTAINER: &[&str] = &[
    "rename",
    "rename_all",
    "deny_unknown_fields",
    "default",
    "bound",
    "crate",
    "from",
    "try_from",
    "expecting",
];

/// The struct's serialized fields, if it derives `Serialize` and every attribute is understood.
/// `site` gives where a field's name is written; `file` is the struct's file.
pub(super) fn serde_struct(
    item: &syn::ItemStruct,
    site: &SiteOf<'_>,
    file: &str,
) -> Option<SerdeStruct> {
    if !derives_serialize(&item.attrs) {
        return None;
    }
    let syn::Fields::Named(named) = &item.fields else {
        return None;
    };
    let container = serde_args(&item.attrs)?;
    // `tag` on a struct sends its name under that key, before the fields.
    let understood = |k: &str| NEUTRAL_CONTAINER.contains(&k) || k == "tag";
    if !container.iter().all(|(k, _)| understood(k)) {
        return None;
    }
    let rename_all = style(&container, "rename_all")?;
    let mut fields = Vec::new();
    let mut sent_tag = None;
    if let Some((_, tag)) = container.iter().find(|(k, _)| k == "tag") {
        let tag = tag.clone()?;
        // The struct's name, or the name `rename` gives it.
        let value = match container.iter().find(|(k, _)| k == "rename") {
            Some((_, value)) => value.clone()?,
            None => item.ident.to_string(),
        };
        sent_tag = Some((tag.clone(), value));
        fields.push(SerdeField::Named {
            key: tag,
            at: None,
            of: None,
        });
    }
    fields.extend(named_fields(named, rename_all.as_deref(), site)?);
    Some(SerdeStruct {
        name: item.ident.to_string(),
        fields,
        file: file.to_string(),
        tag: sent_tag,
    })
}

/// Each variant of a `Serialize` enum that sends a JSON object, as a type of its own named
/// `Enum::Variant` (what `.json(&Enum::Variant { .. })` names): the tag, the content's key
/// or the variant's fields, by the enum's representation. A variant that sends no object (an
/// externally tagged unit variant is a string) or that cannot be read is left out.
pub(super) fn serde_enum(item: &syn::ItemEnum, site: &SiteOf<'_>, file: &str) -> Vec<SerdeStruct> {
    if !derives_serialize(&item.attrs) {
        return Vec::new();
    }
    let Some(container) = serde_args(&item.attrs) else {
        return Vec::new();
    };
    let representation = ["tag", "content", "untagged", "rename_all_fields"];
    if !container.iter().all(|(k, _)| {
        NEUTRAL_CONTAINER.contains(&k.as_str()) || representation.contains(&k.as_str())
    }) {
        return Vec::new();
    }
    let value = |key: &str| {
        container
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let (Some(rename_all), Some(rename_all_fields)) = (
        style(&container, "rename_all"),
        style(&container, "rename_all_fields"),
    ) else {
        return Vec::new();
    };
    let tagging = match (value("tag"), value("content"), value("untagged")) {
        (None, None, None) => Tagging::External,
        (Some(Some(tag)), None, None) => Tagging::Internal(tag),
        (Some(Some(tag)), Some(Some(content)), None) => Tagging::Adjacent(tag, content),
        (None, None, Some(None)) => Tagging::Untagged,
        _ => return Vec::new(),
    };
    let rules = EnumRules {
        name: item.ident.to_string(),
        tagging,
        rename_all,
        rename_all_fields,
    };
    item.variants
        .iter()
        .filter_map(|variant| serde_variant(variant, &rules, site, file))
        .collect()
}

/// What an enum's container attributes say of every variant.
struct EnumRules {
    name: String,
    tagging: Tagging,
    /// How variant names are written (`rename_all`).
    rename_all: Option<String>,
    /// How struct variants' fields are written (`rename_all_fields`).
    rename_all_fields: Option<String>,
}

/// One variant of a `Serialize` enum as the type `Enum::Variant` (see `serde_enum`).
fn serde_variant(
    variant: &syn::Variant,
    rules: &EnumRules,
    site: &SiteOf<'_>,
    file: &str,
) -> Option<SerdeStruct> {
    let ident = variant.ident.to_string();
    let args = serde_args(&variant.attrs)?;
    let has = |key: &str| args.iter().any(|(k, _)| k == key);
    if has("skip") || has("skip_serializing") || has("serialize_with") || has("with") {
        return None;
    }
    let known = [
        "rename",
        "rename_all",
        "alias",
        "skip_deserializing",
        "untagged",
        "bound",
    ];
    if !args.iter().all(|(k, _)| known.contains(&k.as_str())) {
        return None;
    }
    // The name serde writes for the variant: the tag's value, or the outer key.
    let tag_value = match args.iter().find(|(k, _)| k == "rename") {
        Some((_, name)) => name.clone()?,
        None => match &rules.rename_all {
            Some(style) => rename_variant(&ident, style)?,
            None => ident.clone(),
        },
    };
    let field_style = style(&args, "rename_all")?.or_else(|| rules.rename_all_fields.clone());
    let tagging = if has("untagged") {
        &Tagging::Untagged
    } else {
        &rules.tagging
    };
    // What the variant holds, as the keys it adds (struct fields, or a struct inline).
    let content: Option<Vec<SerdeField>> = match &variant.fields {
        syn::Fields::Named(named) => named_fields(named, field_style.as_deref(), site),
        syn::Fields::Unnamed(one) if one.unnamed.len() == 1 => one
            .unnamed
            .first()
            .and_then(|f| last_type_ident(&f.ty))
            .map(|inner| vec![SerdeField::Flatten(inner)]),
        syn::Fields::Unit => Some(Vec::new()),
        syn::Fields::Unnamed(_) => None,
    };
    let unit = matches!(variant.fields, syn::Fields::Unit);
    let key = |key: String| SerdeField::Named {
        key,
        at: site(variant.ident.span()),
        of: None,
    };
    let tag = match tagging {
        Tagging::Internal(tag) | Tagging::Adjacent(tag, _) => {
            Some((tag.clone(), tag_value.clone()))
        }
        Tagging::External | Tagging::Untagged => None,
    };
    let fields = match tagging {
        // `{"Variant": ..}`: one key; a unit variant is a bare string.
        Tagging::External if unit => return None,
        Tagging::External => vec![key(tag_value)],
        Tagging::Internal(tag) => std::iter::once(key(tag.clone())).chain(content?).collect(),
        Tagging::Adjacent(tag, _) if unit => vec![key(tag.clone())],
        Tagging::Adjacent(tag, content_key) => vec![key(tag.clone()), key(content_key.clone())],
        Tagging::Untagged if unit => return None,
        Tagging::Untagged => content?,
    };
    Some(SerdeStruct {
        name: format!("{}::{ident}", rules.name),
        fields,
        file: file.to_string(),
        tag,
    })
}

/// How a `Serialize` enum writes a variant (serde's enum representations).
enum Tagging {
    /// `{"Variant": content}`, the default.
    External,
    /// `#[serde(tag = "t")]`: `{"t": "Variant", ..fields}`.
    Internal(String),
    /// `#[serde(tag = "t", content = "c")]`: `{"t": "Variant", "c": content}`.
    Adjacent(String, String),
    /// `#[serde(untagged)]`: the content alone.
    Untagged,
}

/// The styles serde's `rename_all` knows (both `rename` and `rename_variant` write them).
const RENAME_STYLES: &[&str] = &[
    "lowercase",
    "UPPERCASE",
    "PascalCase",
    "camelCase",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "kebab-case",
    "SCREAMING-KEBAB-CASE",
];

/// The `rename_all`-style value of `key`: `Some(None)` when absent, `None` when it cannot be
/// read (no value, or a style serde has and routelint does not).
fn style(args: &[(String, Option<String>)], key: &str) -> Option<Option<String>> {
    match args.iter().find(|(k, _)| k == key) {
        Some((_, Some(style))) if RENAME_STYLES.contains(&style.as_str()) => {
            Some(Some(style.clone()))
        }
        Some((_, Some(_))) => None,
        Some((_, None)) => None,
        None => Some(None),
    }
}

/// The keys the named fields send, named as `rename_all` (if any) says; `None` when a field's
/// attributes cannot be read.
fn named_fields(
    named: &syn::FieldsNamed,
    rename_all: Option<&str>,
    site: &SiteOf<'_>,
) -> Option<Vec<SerdeField>> {
    let mut fields = Vec::new();
    for field in &named.named {
        let at = field.ident.as_ref().and_then(|ident| site(ident.span()));
        let ident = field.ident.as_ref()?.to_string();
        let ident = ident.strip_prefix("r#").unwrap_or(&ident).to_string();
        let args = serde_args(&field.attrs)?;
        let has = |key: &str| args.iter().any(|(k, _)| k == key);
        if has("skip") || has("skip_serializing") {
            continue;
        }
        // A field written by a function of its own: its key stays, its shape is unknown.
        let custom = has("serialize_with") || has("with");
        if has("flatten") {
            if custom {
                return None;
            }
            // `#[serde(flatten)] options: Option<ScrapeOptions>`: its fields when present.
            fields.push(SerdeField::Flatten(value_type(&field.ty)?));
            continue;
        }
        let name = match args.iter().find(|(k, _)| k == "rename") {
            Some((_, Some(name))) => name.clone(),
            Some((_, None)) => return None,
            None => match rename_all {
                Some(style) => rename(&ident, style)?,
                None => ident,
            },
        };
        fields.push(SerdeField::Named {
            key: name,
            at,
            of: if custom { None } else { value_type(&field.ty) },
        });
    }
    Some(fields)
}

/// A variant's name in a `rename_all` style, as serde renames variants (from `PascalCase`:
/// `lowercase` joins the words, `snake_case` splits them).
fn rename_variant(variant: &str, style: &str) -> Option<String> {
    let snake = || {
        let mut out = String::with_capacity(variant.len() + 4);
        for (i, c) in variant.char_indices() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    };
    Some(match style {
        "PascalCase" => variant.to_string(),
        "lowercase" => variant.to_ascii_lowercase(),
        "UPPERCASE" => variant.to_ascii_uppercase(),
        "camelCase" => {
            let mut chars = variant.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        "snake_case" => snake(),
        "SCREAMING_SNAKE_CASE" => snake().to_ascii_uppercase(),
        "kebab-case" => snake().replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => snake().to_ascii_uppercase().replace('_', "-"),
        _ => return None,
    })
}

fn derives_serialize(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|paths| {
                paths
                    .iter()
                    .any(|p| p.segments.last().is_some_and(|s| s.ident == "Serialize"))
            })
        })
}

/// `#[serde(a, b = "x")]` of every `serde` attribute as `(key, value)`; `None` when one cannot
/// be read (a nested form such as `rename(serialize = "x")` gives the key with no value).
fn serde_args(attrs: &[syn::Attribute]) -> Option<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let metas = attr
            .parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            )
            .ok()?;
        for meta in metas {
            let key = meta.path().get_ident()?.to_string();
            let value = match &meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            };
            out.push((key, value));
        }
    }
    Some(out)
}

/// The struct a field holds, through `Option<..>`, `Box<..>` and `Vec<..>`: `ObjectMeta` for
/// `Option<ObjectMeta>`; `None` for anything generic or not a plain path.
fn value_type(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    match &last.arguments {
        // `u32`, `bool`, `String`: no struct of the crate (and no `String` kept for them).
        syn::PathArguments::None => {
            let name = last.ident.to_string();
            let std = name.starts_with(|c: char| c.is_ascii_lowercase()) || name == "String";
            (!std).then_some(name)
        }
        // `Vec<Item>`: each item is such a struct, checked against the array's `items`.
        syn::PathArguments::AngleBracketed(args)
            if last.ident == "Option" || last.ident == "Box" || last.ident == "Vec" =>
        {
            match args.args.first()? {
                syn::GenericArgument::Type(inner) => value_type(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

fn last_type_ident(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    matches!(last.arguments, syn::PathArguments::None).then(|| last.ident.to_string())
}

/// A snake_case field name in one of serde's `rename_all` styles.
fn rename(field: &str, style: &str) -> Option<String> {
    let words: Vec<&str> = field.split('_').filter(|w| !w.is_empty()).collect();
    let capitalized = |w: &str| {
        let mut chars = w.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().collect::<String>() + chars.as_str()
        })
    };
    Some(match style {
        "lowercase" => field.to_lowercase(),
        "UPPERCASE" => field.to_uppercase(),
        "snake_case" => field.to_string(),
        "SCREAMING_SNAKE_CASE" => field.to_uppercase(),
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.replace('_', "-").to_uppercase(),
        "PascalCase" => words.iter().map(|w| capitalized(w)).collect(),
        "camelCase" => {
            let mut out = words.first().map_or_else(String::new, |w| w.to_string());
            out.extend(words.iter().skip(1).map(|w| capitalized(w)));
            out
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Option<SerdeStruct> {
        let item: syn::ItemStruct = syn::parse_str(src).expect("parses");
        serde_struct(&item, &|_| None, "a.rs")
    }

    fn named(key: &str, of: Option<&str>) -> SerdeField {
        SerdeField::Named {
            key: key.to_string(),
            at: None,
            of: of.map(str::to_string),
        }
    }

    #[test]
    fn fields_as_serde_names_them() {
        let s = read(
            r#"#[derive(Debug, serde::Serialize)]
            #[serde(rename_all = "camelCase")]
            struct CreateSandbox {
                sandbox_id: String,
                #[serde(rename = "env")] env_vars: Vec<String>,
                #[serde(skip_serializing_if = "Option::is_none")] auto_stop_interval: Option<u32>,
                #[serde(skip)] cache: u8,
                #[serde(flatten)] extra: Resources,
            }"#,
        )
        .expect("read");
        assert_eq!(s.name, "CreateSandbox");
        assert_eq!(
            s.fields,
            vec![
                named("sandboxId", None),
                named("env", None),
                named("autoStopInterval", None),
                SerdeField::Flatten("Resources".into()),
            ]
        );
    }

    #[test]
    fn what_cannot_be_read_is_left_out() {
        assert!(read("#[derive(Deserialize)] struct A { a: u8 }").is_none());
        assert!(read("#[derive(Serialize)] struct A(u8);").is_none());
        assert!(
            read(r#"#[derive(Serialize)] #[serde(rename_all = "Train-Case")] struct A { a: u8 }"#)
                .is_none()
        );
        assert!(
            read(r#"#[derive(Serialize)] struct A { #[serde(rename(serialize = "b"))] a: u8 }"#)
                .is_none()
        );
    }

    #[test]
    fn variants_are_renamed_from_pascal_case() {
        // serde joins a variant's words for `lowercase` and splits them for `snake_case`.
        let renamed = |style| rename_variant("CreateThing", style);
        assert_eq!(renamed("lowercase").as_deref(), Some("creatething"));
        assert_eq!(renamed("snake_case").as_deref(), Some("create_thing"));
        assert_eq!(renamed("camelCase").as_deref(), Some("createThing"));
        assert_eq!(
            renamed("SCREAMING-KEBAB-CASE").as_deref(),
            Some("CREATE-THING")
        );
        assert_eq!(renamed("Train-Case"), None);
    }

    #[test]
    fn enum_variants_send_their_representation() {
        let item: syn::ItemEnum = syn::parse_str(
            r#"#[derive(Serialize)] #[serde(tag = "op", content = "args")]
            enum Cmd { Stop, Run { cmd: String }, Pair(u8, u8) }"#,
        )
        .expect("parses");
        let types = serde_enum(&item, &|_| None, "a.rs");
        let keys: Vec<(String, Vec<SerdeField>)> =
            types.into_iter().map(|t| (t.name, t.fields)).collect();
        assert_eq!(
            keys,
            vec![
                ("Cmd::Stop".to_string(), vec![named("op", None)]),
                (
                    "Cmd::Run".to_string(),
                    vec![named("op", None), named("args", None)]
                ),
                (
                    "Cmd::Pair".to_string(),
                    vec![named("op", None), named("args", None)]
                ),
            ]
        );
    }

    #[test]
    fn rename_all_styles() {
        assert_eq!(
            rename("auto_stop_at", "PascalCase").as_deref(),
            Some("AutoStopAt")
        );
        assert_eq!(
            rename("auto_stop_at", "kebab-case").as_deref(),
            Some("auto-stop-at")
        );
        assert_eq!(
            rename("auto_stop_at", "SCREAMING_SNAKE_CASE").as_deref(),
            Some("AUTO_STOP_AT")
        );
    }
}
