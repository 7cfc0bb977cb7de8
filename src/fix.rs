//! Source edits that make a call use its operation, and their diffs.
//!
//! A path fix rewrites the call's format literal: the base and any server prefix are kept as
//! written, the path is the operation's template with the call's own placeholders in the
//! parameter positions, values the operation takes in the query move there. When that changes
//! the order of positional `{}` placeholders, they are written with explicit indices so that
//! every argument still lands where it did. A method fix rewrites the verb (`.put(` → `.post(`).
//! Every edited file must still parse before a fix is offered.

use crate::diagnostic::{Edit, Fix};
use crate::resolve::{Target, TargetSeg};
use crate::source::fmt::{ArgRef, FmtPiece, Placeholder, escape_text};
use crate::source::url::Piece;
use crate::source::{CallUrl, HttpCall};
use crate::spec::Method;

/// The edit that rewrites the call's URL literal into `target`, if the whole URL is written in
/// that one literal (a raw or escaped literal is rewritten as a plain one with the same value).
pub fn path_edit(call: &HttpCall, url: &CallUrl, target: &Target) -> Option<Edit> {
    if !call.url.is_direct() || !target.holes_in_order {
        return None;
    }
    let site = call.url.literal.as_ref()?;
    // Spec text with braces (`{uid}.json`) is never written: segments holding parameters are
    // kept in the call's own spelling.
    let braces = target
        .segments
        .iter()
        .any(|s| matches!(s, TargetSeg::Literal(t) if t.contains(['{', '}'])));
    if braces {
        return None;
    }
    let mut pieces: Vec<FmtPiece> = Vec::new();
    let mut push = |source: &[Piece]| -> Option<()> {
        for piece in source {
            pieces.push(match piece {
                Piece::Text { text, .. } => FmtPiece::Text(text.clone()),
                Piece::Hole(hole) => FmtPiece::Arg(hole.placeholder.clone()?),
            });
        }
        Some(())
    };
    push(&url.base_pieces)?;
    for segment in &url.path_segments[..target.keep_prefix] {
        push(&[text("/")])?;
        push(segment)?;
    }
    for segment in &target.segments {
        push(&[text("/")])?;
        match segment {
            TargetSeg::Literal(literal) => push(&[text(literal)])?,
            TargetSeg::Keep(i) => push(url.path_segments.get(*i)?)?,
        }
    }
    if target.trailing_slash || target.segments.is_empty() && target.keep_prefix == 0 {
        push(&[text("/")])?;
    }
    push(&url.query_pieces)?;
    let mut has_query = !url.query_pieces.is_empty();
    for (i, name) in &target.to_query {
        push(&[
            text(if has_query { "&" } else { "?" }),
            text(&format!("{name}=")),
        ])?;
        push(url.path_segments.get(*i)?)?;
        has_query = true;
    }
    let value = if site.format {
        render(&pieces)
    } else {
        // A plain string: no placeholders, no brace escaping.
        pieces
            .iter()
            .map(|p| match p {
                FmtPiece::Text(t) => Some(t.as_str()),
                FmtPiece::Arg(_) => None,
            })
            .collect::<Option<String>>()?
    };
    let literal = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    Some(Edit {
        file: call.file.clone(),
        range: site.range.clone(),
        replacement: literal,
    })
}

fn text(t: &str) -> Piece {
    Piece::Text {
        text: t.to_string(),
        direct: true,
    }
}

/// Format-string text for `pieces`. Positional placeholders keep their meaning: if their order
/// changed, all of them are written with explicit indices.
fn render(pieces: &[FmtPiece]) -> String {
    let positions: Vec<usize> = pieces
        .iter()
        .filter_map(|p| match p {
            FmtPiece::Arg(Placeholder {
                arg: ArgRef::Next(i),
                ..
            }) => Some(*i),
            _ => None,
        })
        .collect();
    let explicit = positions.iter().enumerate().any(|(n, &i)| n != i);
    pieces
        .iter()
        .map(|p| match p {
            FmtPiece::Text(t) => escape_text(t),
            FmtPiece::Arg(placeholder) => placeholder.render(explicit),
        })
        .collect()
}

/// The edit that changes the verb of `.put(url)`-style calls.
pub fn method_edit(call: &HttpCall, method: Method, src: &str) -> Option<Edit> {
    let site = call.method_site.as_ref()?;
    let verb = src.get(site.range.clone())?;
    if Method::parse(verb) != Some(call.method) || verb != verb.to_ascii_lowercase() {
        return None;
    }
    Some(Edit {
        file: call.file.clone(),
        range: site.range.clone(),
        replacement: method.as_str().to_ascii_lowercase(),
    })
}

/// Apply sorted, non-overlapping edits to `src`; `None` if they overlap or fall outside.
pub fn apply(src: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for edit in sorted {
        if edit.range.start < at || edit.range.end > src.len() {
            return None;
        }
        out.push_str(src.get(at..edit.range.start)?);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(src.get(at..)?);
    Some(out)
}

/// Unified diff of `old` → `new` for `file`, in the form `git apply` reads.
pub fn unified_diff(file: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{file}"), &format!("b/{file}"))
        .to_string()
}

/// A fix from `edits` on `src`, offered only if the edited file still parses.
pub fn make_fix(
    title: String,
    applicability: crate::diagnostic::Applicability,
    edits: Vec<Edit>,
    src: &str,
) -> Option<Fix> {
    let file = edits.first()?.file.clone();
    let fixed = apply(src, &edits)?;
    if fixed == src {
        return None;
    }
    syn::parse_file(&fixed).ok()?;
    let diff = unified_diff(&file, src, &fixed);
    Some(Fix {
        title,
        applicability,
        edits,
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{CallShape, Matcher, Outcome};
    use crate::source::extract_from_str;

    const SPEC: &str = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /sandbox/{id}/files/upload:
    post:
      operationId: uploadFile
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: path, in: query, required: true, schema: { type: string } }
      responses: { "200": { description: ok } }
  /sandbox/{id}/start:
    post:
      operationId: startSandbox
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
"#;

    /// Run the matcher on the single call in `src` and return the file after the fix edits.
    fn fixed(src: &str) -> String {
        let spec =
            crate::spec::load::from_bytes(SPEC.as_bytes(), "t.yaml", "t".into()).expect("spec");
        let calls = extract_from_str(src, "c.rs").expect("parses");
        let call = &calls[0];
        let url = CallUrl::split(&call.url).expect("splits");
        let outcome = Matcher::new(&spec).resolve(&CallShape {
            method: call.method,
            url: &url,
            function: &call.function,
        });
        let target = outcome.target().expect("target");
        let route = &spec.routes[outcome.route().expect("route")];
        let mut edits = vec![path_edit(call, &url, target).expect("path edit")];
        if route.method != call.method {
            edits.push(method_edit(call, route.method, src).expect("method edit"));
        }
        assert!(matches!(
            outcome,
            Outcome::NearMiss { .. } | Outcome::Unknown { .. }
        ));
        let fix = make_fix(
            "t".into(),
            crate::diagnostic::Applicability::Unsafe,
            edits,
            src,
        )
        .expect("fix");
        apply(src, &fix.edits).expect("applies")
    }

    #[test]
    fn renames_path_words_and_keeps_placeholders() {
        let src = r#"fn start_sandbox(c: &C, id: &str) { let url = format!("{}/sandboxes/{}/start", c.base, id); c.http.post(&url).send(); }"#;
        assert!(fixed(src).contains(r#"format!("{}/sandbox/{}/start", c.base, id)"#));
        let captured = r#"fn start_sandbox(c: &C, id: &str) { let base = &c.base; c.http.post(format!("{base}/sandboxes/{id}/start")).send(); }"#;
        assert!(fixed(captured).contains(r#"format!("{base}/sandbox/{id}/start")"#));
    }

    #[test]
    fn moves_values_to_the_query_and_changes_the_verb() {
        let src = r#"fn upload_file(c: &C, id: &str, path: &str) { let url = format!("{}/sandboxes/{}/files/{}", c.base, id, path); c.http.put(&url).send(); }"#;
        let out = fixed(src);
        assert!(
            out.contains(r#"format!("{}/sandbox/{}/files/upload?path={}", c.base, id, path)"#),
            "{out}"
        );
        assert!(out.contains("c.http.post(&url)"), "{out}");
    }

    #[test]
    fn reordered_positional_placeholders_get_indices() {
        let src = r#"fn upload_file(c: &C, id: &str, path: &str) { let url = format!("{}/files/{}/sandboxes/{}", c.base, path, id); c.http.post(&url).send(); }"#;
        let out = fixed(src);
        assert!(
            out.contains(r#"format!("{0}/sandbox/{2}/files/upload?path={1}", c.base, path, id)"#),
            "{out}"
        );
    }

    #[test]
    fn plain_strings_are_not_format_strings() {
        let src = r#"fn start_sandbox(c: &C) { c.http.post("https://api.example.com/sandboxes/abc/start").send(); }"#;
        assert!(fixed(src).contains(r#".post("https://api.example.com/sandbox/abc/start")"#));
        // Escaped braces of a format string stay escaped.
        let src = r#"fn start_sandbox(c: &C, id: &str) { c.http.post(format!("{}/sandboxes/{}/start?x={{y}}", c.base, id)).send(); }"#;
        assert!(fixed(src).contains(r#"format!("{}/sandbox/{}/start?x={{y}}", c.base, id)"#));
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let edit = |range| Edit {
            file: "f".into(),
            range,
            replacement: "x".into(),
        };
        assert_eq!(
            apply("abcdef", &[edit(1..3), edit(4..5)]).as_deref(),
            Some("axdxf")
        );
        assert_eq!(apply("abcdef", &[edit(1..3), edit(2..5)]), None);
        assert_eq!(apply("abc", &[edit(1..9)]), None);
    }
}
