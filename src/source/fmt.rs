//! Rust format strings (`"{}/sandboxes/{name}"`) split into text and placeholders.
//!
//! Only the part of the `std::fmt` grammar a URL needs: `{{`/`}}` escapes, and placeholders
//! `{}`, `{0}`, `{name}` with an optional `:spec` (kept verbatim so a rewrite can reproduce it).

/// What a placeholder refers to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArgRef {
    /// `{}`: the next positional argument; the index is filled in by [`parse`].
    Next(usize),
    /// `{0}`
    Index(usize),
    /// `{name}`: a named argument, or a variable captured from the scope.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Placeholder {
    pub arg: ArgRef,
    /// The text after `:`, without the colon (`?` in `{:?}`); empty when absent.
    pub spec: String,
}

impl Placeholder {
    /// The placeholder as source text. `explicit` writes positional ones with their index.
    pub fn render(&self, explicit: bool) -> String {
        let arg = match &self.arg {
            ArgRef::Next(i) if explicit => i.to_string(),
            ArgRef::Next(_) => String::new(),
            ArgRef::Index(i) => i.to_string(),
            ArgRef::Name(name) => name.clone(),
        };
        if self.spec.is_empty() {
            format!("{{{arg}}}")
        } else {
            format!("{{{arg}:{}}}", self.spec)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtPiece {
    Text(String),
    Arg(Placeholder),
}

/// Split a format string. `None` when it is not a valid format string.
pub fn parse(format: &str) -> Option<Vec<FmtPiece>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut next_positional = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return None,
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => return None,
                        Some(c) => inner.push(c),
                    }
                }
                let (arg, spec) = match inner.split_once(':') {
                    Some((arg, spec)) => (arg.trim(), spec.to_string()),
                    None => (inner.trim(), String::new()),
                };
                // `{:.*}` takes its precision from the next positional argument first.
                if spec.contains(".*") {
                    next_positional += 1;
                }
                let arg = if arg.is_empty() {
                    next_positional += 1;
                    ArgRef::Next(next_positional - 1)
                } else if let Ok(index) = arg.parse() {
                    ArgRef::Index(index)
                } else if is_identifier(arg) {
                    ArgRef::Name(arg.to_string())
                } else {
                    return None;
                };
                if !text.is_empty() {
                    pieces.push(FmtPiece::Text(std::mem::take(&mut text)));
                }
                pieces.push(FmtPiece::Arg(Placeholder { arg, spec }));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(FmtPiece::Text(text));
    }
    Some(pieces)
}

fn is_identifier(text: &str) -> bool {
    let text = text.strip_prefix("r#").unwrap_or(text);
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// Escape literal text so that it survives as text inside a format string.
pub fn escape_text(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(arg: ArgRef) -> FmtPiece {
        FmtPiece::Arg(Placeholder {
            arg,
            spec: String::new(),
        })
    }

    #[test]
    fn parses_every_placeholder_form() {
        // (format string, expected pieces)
        let cases: Vec<(&str, Vec<FmtPiece>)> = vec![
            (
                "{}/sandboxes/{}",
                vec![
                    arg(ArgRef::Next(0)),
                    FmtPiece::Text("/sandboxes/".into()),
                    arg(ArgRef::Next(1)),
                ],
            ),
            (
                "{1}/a/{0}",
                vec![
                    arg(ArgRef::Index(1)),
                    FmtPiece::Text("/a/".into()),
                    arg(ArgRef::Index(0)),
                ],
            ),
            (
                "{base}/x/{name}",
                vec![
                    arg(ArgRef::Name("base".into())),
                    FmtPiece::Text("/x/".into()),
                    arg(ArgRef::Name("name".into())),
                ],
            ),
            ("/a{{b}}", vec![FmtPiece::Text("/a{b}".into())]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input), Some(expected), "{input}");
        }
    }

    #[test]
    fn keeps_format_specs_and_rejects_garbage() {
        let pieces = parse("/n/{:>5}/{id:?}").expect("valid");
        assert_eq!(
            pieces[1],
            FmtPiece::Arg(Placeholder {
                arg: ArgRef::Next(0),
                spec: ">5".into()
            })
        );
        // `{:.*}`: precision first, then the value
        let pieces = parse("{:.*}/{}").expect("valid");
        assert_eq!(
            pieces[0],
            FmtPiece::Arg(Placeholder {
                arg: ArgRef::Next(1),
                spec: ".*".into()
            })
        );
        assert_eq!(
            pieces[2],
            FmtPiece::Arg(Placeholder {
                arg: ArgRef::Next(2),
                spec: String::new()
            })
        );
        assert_eq!(parse("/a/{"), None);
        assert_eq!(parse("/a/}"), None);
        assert_eq!(parse("/a/{not valid}"), None);
    }

    #[test]
    fn renders_placeholders() {
        let p = Placeholder {
            arg: ArgRef::Next(2),
            spec: "?".into(),
        };
        assert_eq!(p.render(false), "{:?}");
        assert_eq!(p.render(true), "{2:?}");
        assert_eq!(escape_text("/a{b}"), "/a{{b}}");
    }
}
