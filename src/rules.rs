//! The rule catalogue: permanent codes, kebab-case names, default severities.
//!
//! Codes never change meaning; config and suppressions accept the code or the name.

use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($($variant:ident => ($code:literal, $name:literal, $severity:ident, $summary:literal),)*) => {
        /// A rule of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// `RL102`
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// `path-near-miss`
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// One line: what the rule says.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }

            /// The rule's page, `docs/rules/CODE-name.md`, built into the binary: what
            /// `routelint explain` prints. A rule without its page does not compile.
            pub fn doc_page(self) -> &'static str {
                match self {
                    $(Rule::$variant => include_str!(concat!("../docs/rules/", $code, "-", $name, ".md")),)*
                }
            }
        }
    };
}

rules! {
    SourceParseError => ("RL001", "source-parse-error", Warning, "a `.rs` file could not be parsed; it was skipped"),
    UnresolvedUrl => ("RL002", "unresolved-url", Info, "an HTTP call whose URL cannot be resolved statically"),
    SpecChanged => ("RL003", "spec-changed", Warning, "the spec's SHA-256 differs from the one pinned in the config"),
    UnusedSuppression => ("RL004", "unused-suppression", Warning, "an inline `routelint: allow(..)` that suppresses nothing or names no rule"),
    UnknownPath => ("RL101", "unknown-path", Error, "no operation near this path (nearest ones listed)"),
    PathNearMiss => ("RL102", "path-near-miss", Error, "the path differs from one operation in a known way"),
    MethodNotAllowed => ("RL103", "method-not-allowed", Error, "the path exists, the method does not"),
    PathParamMismatch => ("RL104", "path-param-mismatch", Error, "a value where the spec has a fixed segment"),
    ParamNameDiffers => ("RL105", "param-name-differs", Info, "the client's name for a path parameter differs from the spec's"),
    DeprecatedOperation => ("RL106", "deprecated-operation", Warning, "the operation is deprecated"),
    WrongApi => ("RL107", "wrong-api", Error, "the operation exists, but in another spec than the call's base URL is bound to"),
    AmbiguousRoute => ("RL108", "ambiguous-route", Warning, "the call matches several templates equally"),
    PathSegmentShouldBeQuery => ("RL201", "path-segment-should-be-query", Error, "a value sent as a path segment that the spec takes as a query parameter"),
    UnknownQueryParam => ("RL202", "unknown-query-param", Warning, "a query parameter the operation does not declare"),
    MissingRequiredQueryParam => ("RL203", "missing-required-query-param", Error, "a required query parameter is not sent"),
    MissingRequiredHeader => ("RL204", "missing-required-header", Warning, "a required header parameter is not sent"),
    UnknownBodyField => ("RL301", "unknown-body-field", Error, "a body field the schema does not declare (a warning where the schema does not refuse extra fields)"),
    MissingRequiredBodyField => ("RL302", "missing-required-body-field", Error, "a required body field is not sent"),
    WrongContentType => ("RL303", "wrong-content-type", Error, "JSON sent where the spec wants multipart / form, or the reverse"),
    UnexpectedBody => ("RL304", "unexpected-body", Warning, "a body sent to an operation that takes none, or none where one is required"),
}

impl Rule {
    /// Find a rule by code (`RL102`, any case) or name (`path-near-miss`).
    pub fn find(key: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(key) || r.name() == key)
    }

    /// Rules about the path and method: an error from one of them makes a call mismatched.
    pub fn is_routing(self) -> bool {
        matches!(
            self,
            Rule::UnknownPath
                | Rule::WrongApi
                | Rule::PathNearMiss
                | Rule::MethodNotAllowed
                | Rule::PathParamMismatch
                | Rule::PathSegmentShouldBeQuery
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        let mut names: Vec<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        codes.sort_unstable();
        names.sort_unstable();
        codes.dedup();
        names.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        assert_eq!(names.len(), Rule::ALL.len());
        for rule in Rule::ALL {
            assert!(rule.code().starts_with("RL") && rule.code().len() == 5);
            assert!(
                rule.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
            assert_eq!(Rule::find(rule.code()), Some(*rule));
            assert_eq!(Rule::find(rule.name()), Some(*rule));
        }
        assert_eq!(Rule::find("rl102"), Some(Rule::PathNearMiss));
        assert_eq!(Rule::find("nope"), None);
    }
}
