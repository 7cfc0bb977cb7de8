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
    if !target.holes_in_order {
        return None;
    }
    let site = call.url.literal.as_ref()?;
    // The literal must hold the whole path and query, and either the base too or none of it
    // (`self.get("/sandboxes")` through a wrapper that adds the base).
    let in_literal = |p: &Piece| match p {
        Piece::Text { direct, .. } => *direct,
        Piece::Hole(hole) => hole.placeholder.is_some(),
    };
    let path_in_literal = url
        .path_segments
        .iter()
        .flatten()
        .chain(&url.query_pieces)
        .all(in_literal);
    let base_in_literal = url.base_pieces.iter().all(in_literal);
    let base_elsewhere = url.base_pieces.iter().all(|p| !in_literal(p));
    if !path_in_literal || !(base_in_literal || base_elsewhere) {
        return None;
    }
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
    if base_in_literal {
        push(&url.base_pieces)?;
    }
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
    // A call of a wrapper is renamed only to a wrapper that exists beside it.
    if call
        .verb_choices
        .as_ref()
        .is_some_and(|choices| !choices.contains(&method))
    {
        return None;
    }
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

/// Lines of context around a fix's edits that its diff needs; diffing only this window keeps
/// the cost of a diff independent of the file's size.
const DIFF_CONTEXT: usize = 3;

/// The unified diff of `edits` on `src`: only the lines around the edits are compared.
fn edits_diff(file: &str, src: &str, edits: &[Edit]) -> Option<String> {
    let start = edits.iter().map(|e| e.range.start).min()?;
    let end = edits.iter().map(|e| e.range.end).max()?;
    // Whole lines around the edits, with context.
    let mut window_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut first_line = memchr::memchr_iter(b'\n', &src.as_bytes()[..window_start]).count() + 1;
    for _ in 0..=DIFF_CONTEXT {
        if window_start == 0 {
            break;
        }
        window_start = src[..window_start - 1].rfind('\n').map_or(0, |i| i + 1);
        first_line -= 1;
    }
    let mut window_end = end;
    for _ in 0..=DIFF_CONTEXT {
        match src[window_end..].find('\n') {
            Some(i) => window_end += i + 1,
            None => {
                window_end = src.len();
                break;
            }
        }
    }
    let shifted: Vec<Edit> = edits
        .iter()
        .map(|e| Edit {
            file: e.file.clone(),
            range: e.range.start - window_start..e.range.end - window_start,
            replacement: e.replacement.clone(),
        })
        .collect();
    let old = &src[window_start..window_end];
    let new = apply(old, &shifted)?;
    let diff = unified_diff(file, old, &new);
    // The window starts at `first_line`: move the hunk headers there.
    Some(offset_hunks(&diff, first_line - 1))
}

/// Add `offset` to the line numbers of every `@@ -a,b +c,d @@` header.
fn offset_hunks(diff: &str, offset: usize) -> String {
    let shift = |spec: &str| -> String {
        let (start, len) = spec
            .split_once(',')
            .map_or((spec, None), |(s, l)| (s, Some(l)));
        let start: usize = start.parse().unwrap_or(0);
        match len {
            Some(len) => format!("{},{len}", start + offset),
            None => format!("{}", start + offset),
        }
    };
    let mut out = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let header = line
            .strip_prefix("@@ -")
            .and_then(|rest| rest.split_once(" +"))
            .and_then(|(old, rest)| rest.split_once(" @@").map(|(new, tail)| (old, new, tail)));
        match header {
            Some((old, new, tail)) => {
                out.push_str(&format!("@@ -{} +{} @@{tail}", shift(old), shift(new)));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A fix from `edits` on `src`. Edits replace a string literal by a string literal, or a
/// verb by a verb: each replacement is checked to be such a token, so the file still parses
/// (`--fix` parses the whole file again before writing).
pub fn make_fix(
    title: String,
    applicability: crate::diagnostic::Applicability,
    edits: Vec<Edit>,
    src: &str,
) -> Option<Fix> {
    let file = edits.first()?.file.clone();
    for edit in &edits {
        let replaced = src.get(edit.range.clone())?;
        // What is replaced must be such a token too: a site that points at anything else
        // (an empty range, where a macro wrote the code) is never edited.
        let same_kind = if syn::parse_str::<syn::LitStr>(replaced).is_ok() {
            syn::parse_str::<syn::LitStr>(&edit.replacement).is_ok()
        } else {
            syn::parse_str::<syn::Ident>(replaced).is_ok()
                && syn::parse_str::<syn::Ident>(&edit.replacement).is_ok()
        };
        if !same_kind || replaced == edit.replacement {
            return None;
        }
    }
    let diff = edits_diff(&file, src, &edits)?;
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
