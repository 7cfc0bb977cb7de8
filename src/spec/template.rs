//! Path templates as the spec writes them (`/sandbox/{sandboxIdOrName}/start`).
//!
//! A template is a list of segments; a segment is either fixed text or one parameter. A segment
//! that mixes text and parameters (`/files/{name}.json`) is kept as literal text: it then only
//! matches a client path that spells it the same way.

use std::fmt;

/// One `/`-separated piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Fixed text, compared as written.
    Literal(String),
    /// A parameter, `{name}` in the template.
    Param(String),
}

impl Segment {
    /// The parameter name, if this segment is one.
    pub fn param(&self) -> Option<&str> {
        match self {
            Segment::Param(name) => Some(name),
            Segment::Literal(_) => None,
        }
    }
}

/// A path template split into segments. `raw` keeps the spelling of the source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    pub raw: String,
    pub segments: Vec<Segment>,
    /// The template ends with `/` (`/orgs/{org}/`): matters for the trailing-slash near miss.
    pub trailing_slash: bool,
}

impl PathTemplate {
    pub fn parse(raw: &str) -> PathTemplate {
        let trimmed = raw.trim_start_matches('/');
        let trailing_slash = trimmed.ends_with('/') && !trimmed.is_empty();
        let segments = trimmed
            .split('/')
            .filter(|s| !s.is_empty())
            .map(parse_segment)
            .collect();
        PathTemplate {
            raw: raw.to_string(),
            segments,
            trailing_slash,
        }
    }

    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(Segment::param)
    }

    pub fn literal_count(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count()
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

fn parse_segment(text: &str) -> Segment {
    if let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        if !inner.is_empty() && !inner.contains(['{', '}']) {
            return Segment::Param(inner.to_string());
        }
    }
    Segment::Literal(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_literals_and_params() {
        let t = PathTemplate::parse("/sandbox/{sandboxIdOrName}/start");
        assert_eq!(
            t.segments,
            vec![
                Segment::Literal("sandbox".into()),
                Segment::Param("sandboxIdOrName".into()),
                Segment::Literal("start".into()),
            ]
        );
        assert!(!t.trailing_slash);
        assert_eq!(t.params().collect::<Vec<_>>(), vec!["sandboxIdOrName"]);
    }

    #[test]
    fn keeps_trailing_slash_and_mixed_segments() {
        let t = PathTemplate::parse("/orgs/{org}/files/{name}.json/");
        assert!(t.trailing_slash);
        assert_eq!(t.segments[3], Segment::Literal("{name}.json".into()));
        assert_eq!(PathTemplate::parse("/").segments, vec![]);
    }
}
