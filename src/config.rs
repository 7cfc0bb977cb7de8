//! `routelint.toml`: specs and their base URLs, what to scan, rule levels, wrappers that
//! inference misses, and the gate. Found upward from the current directory, or given with
//! `--config`. Unknown keys are errors that name the closest valid key: a typo must not
//! silently turn a check off.
//!
//! ```toml
//! [[spec]]
//! name = "management"
//! path = "specs/openapi.yaml"      # relative to this file
//! base = ["self.base_url"]         # expressions that hold this API's base URL
//! sha256 = "81a1e3f6…"             # optional pin: `spec-changed` when the file differs
//!
//! [scan]
//! include = ["src"]
//! exclude = ["src/generated"]
//!
//! [rules]
//! param-name-differs = "allow"     # allow | warn | deny, by name or code
//!
//! [[wrapper]]                      # a function whose argument is the path
//! function = "Api::send"           # `Type::method` or `function`
//! method-arg = 0                   # or: method = "POST"
//! path-arg = 1
//!
//! [gate]
//! fail-on = "error"                # error | warning | info | never
//! ```

use crate::rules::Rule;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "routelint.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub spec: Vec<SpecEntry>,
    #[serde(default)]
    pub scan: Scan,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub wrapper: Vec<WrapperEntry>,
    #[serde(default)]
    pub gate: Gate,
    /// Where the file was found: relative paths in it are relative to its directory.
    #[serde(skip)]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpecEntry {
    pub name: Option<String>,
    pub path: PathBuf,
    #[serde(default)]
    pub base: Vec<String>,
    pub sha256: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scan {
    #[serde(default)]
    pub include: Vec<PathBuf>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WrapperEntry {
    /// `Type::method` or `function`.
    pub function: String,
    /// Index (without `self`) of the argument holding the method.
    pub method_arg: Option<usize>,
    /// Or the method itself, for wrappers named after one.
    pub method: Option<String>,
    /// Index (without `self`) of the argument holding the path.
    pub path_arg: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Gate {
    pub fail_on: Option<String>,
    /// Percentage of the spec's operations the client must call.
    pub min_coverage: Option<f64>,
}

/// Why the config could not be used: exit 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: cannot read: {reason}")]
    Read {
        file: String,
        reason: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Value { file: String, message: String },
}

/// The config at `explicit`, or the first `routelint.toml` from `cwd` upward; `None` if
/// there is none.
pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<Option<Config>, ConfigError> {
    let path = match explicit {
        Some(path) => Some(cwd.join(path)),
        None => cwd
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file()),
    };
    path.map(|path| load(&path)).transpose()
}

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|reason| ConfigError::Read {
        file: file.clone(),
        reason,
    })?;
    let mut config = parse(&text, &file)?;
    config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(config)
}

/// Parse and validate the text of a config.
pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        ConfigError::Invalid {
            file: file.to_string(),
            line,
            column,
            message: with_suggestion(err.message()),
        }
    })?;
    let bad = |message: String| ConfigError::Value {
        file: file.to_string(),
        message,
    };
    for key in config.rules.keys() {
        if Rule::find(key).is_none() {
            let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
            return Err(bad(format!(
                "[rules]: no rule `{key}`{}",
                closest(key, &names).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
            )));
        }
    }
    for wrapper in &config.wrapper {
        if wrapper.method_arg.is_none() && wrapper.method.is_none() {
            return Err(bad(format!(
                "[[wrapper]] `{}`: give `method-arg` or `method`",
                wrapper.function
            )));
        }
        if let Some(method) = &wrapper.method {
            if crate::spec::Method::parse(method).is_none() {
                return Err(bad(format!(
                    "[[wrapper]] `{}`: `{method}` is no HTTP method",
                    wrapper.function
                )));
            }
        }
    }
    if let Some(fail_on) = &config.gate.fail_on {
        if !matches!(fail_on.as_str(), "error" | "warning" | "info" | "never") {
            return Err(bad(format!(
                "[gate] fail-on = `{fail_on}`: expected error, warning, info or never"
            )));
        }
    }
    if let Some(min) = config.gate.min_coverage {
        if !(0.0..=100.0).contains(&min) {
            return Err(bad(format!(
                "[gate] min-coverage = {min}: expected a percentage from 0 to 100"
            )));
        }
    }
    Ok(config)
}

impl Config {
    /// The level a rule is set to, if it is.
    pub fn level(&self, rule: Rule) -> Option<Level> {
        self.rules
            .iter()
            .find(|(key, _)| Rule::find(key) == Some(rule))
            .map(|(_, level)| *level)
    }

    /// A path of the config, as seen from the current directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        self.dir.join(path)
    }

    /// A path of the config, relative to `cwd` when it lies below it (reports show it so).
    pub fn resolve_from(&self, path: &Path, cwd: &Path) -> PathBuf {
        let full = self.resolve(path);
        full.strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or(full)
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, column)
}

/// `unknown field `specs`, expected one of `spec`, …` gets "did you mean `spec`?".
fn with_suggestion(message: &str) -> String {
    let message = message.trim();
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match closest(unknown, &valid) {
        Some(best) => format!("unknown key `{unknown}`; did you mean `{best}`?"),
        None => format!("unknown key `{unknown}`; valid keys: {}", valid.join(", ")),
    }
}

pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_section() {
        let config = parse(
            r#"
[[spec]]
name = "mgmt"
path = "specs/openapi.yaml"
base = ["self.base_url"]
sha256 = "abc"

[scan]
include = ["src"]
exclude = ["src/generated"]

[rules]
param-name-differs = "allow"
RL106 = "deny"

[[wrapper]]
function = "Api::send"
method-arg = 0
path-arg = 1

[gate]
fail-on = "warning"
"#,
            "routelint.toml",
        )
        .expect("valid");
        assert_eq!(config.spec[0].base, vec!["self.base_url".to_string()]);
        assert_eq!(config.level(Rule::ParamNameDiffers), Some(Level::Allow));
        assert_eq!(config.level(Rule::DeprecatedOperation), Some(Level::Deny));
        assert_eq!(config.level(Rule::UnknownPath), None);
        assert_eq!(config.wrapper[0].path_arg, 1);
        assert_eq!(config.gate.fail_on.as_deref(), Some("warning"));
    }

    #[test]
    fn unknown_keys_name_the_closest_valid_one() {
        let err = parse("[[specs]]\npath = \"x.yaml\"\n", "routelint.toml").expect_err("typo");
        let message = err.to_string();
        assert!(message.starts_with("routelint.toml:1:"), "{message}");
        assert!(
            message.contains("unknown key `specs`; did you mean `spec`?"),
            "{message}"
        );
        let err =
            parse("[rules]\nparam-name-differ = \"allow\"\n", "routelint.toml").expect_err("typo");
        assert!(
            err.to_string()
                .contains("did you mean `param-name-differs`?"),
            "{err}"
        );
        let err = parse(
            "[[wrapper]]\nfunction = \"f\"\npath-arg = 0\n",
            "routelint.toml",
        )
        .expect_err("no method");
        assert!(
            err.to_string().contains("give `method-arg` or `method`"),
            "{err}"
        );
    }
}
