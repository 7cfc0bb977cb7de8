//! The fields a `#[derive(Serialize)]` struct sends, as `serde` names them: `rename`,
//! `rename_all`, `skip`, `flatten`. A body sent as `.json(&req)` is compared through them.
//!
//! What cannot be read for sure (a `rename_all` form we do not know, a `serialize_with` on a
//! flattened field, a tuple struct) leaves the struct out: its bodies are then not judged.

use crate::source::facts::{SerdeField, SerdeStruct};

/// The struct's serialized fields, if it derives `Serialize` and every attribute is understood.
/// `site` gives where a field's name is written; `file` is the struct's file.
pub(super) fn serde_struct(
    item: &syn::ItemStruct,
    site: &dyn Fn(proc_macro2::Span) -> Option<crate::source::Site>,
    file: &str,
) -> Option<SerdeStruct> {
    if !derives_serialize(&item.attrs) {
        return None;
    }
    let syn::Fields::Named(named) = &item.fields else {
        return None;
    };
    let container = serde_args(&item.attrs)?;
    let rename_all = match container.iter().find(|(k, _)| k == "rename_all") {
        Some((_, Some(style))) => Some(style.clone()),
        Some((_, None)) => return None,
        None => None,
    };
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
        if has("flatten") {
            fields.push(SerdeField::Flatten(last_type_ident(&field.ty)?));
            continue;
        }
        let name = match args.iter().find(|(k, _)| k == "rename") {
            Some((_, Some(name))) => name.clone(),
            Some((_, None)) => return None,
            None => match &rename_all {
                Some(style) => rename(&ident, style)?,
                None => ident,
            },
        };
        fields.push(SerdeField::Named {
            key: name,
            at,
            of: value_type(&field.ty),
        });
    }
    Some(SerdeStruct {
        name: item.ident.to_string(),
        fields,
        file: file.to_string(),
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

/// `Inner`, `Box<Inner>`-less: the last identifier of a plain path type.
/// The struct a field holds, through `Option<..>` and `Box<..>`: `ObjectMeta` for
/// `Option<ObjectMeta>`; `None` for anything generic or not a plain path.
fn value_type(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    match &last.arguments {
        syn::PathArguments::None => Some(last.ident.to_string()),
        syn::PathArguments::AngleBracketed(args)
            if last.ident == "Option" || last.ident == "Box" =>
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
                named("sandboxId", Some("String")),
                named("env", None),
                named("autoStopInterval", Some("u32")),
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
