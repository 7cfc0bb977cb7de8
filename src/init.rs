//! `routelint init`: a commented `routelint.toml` for the crate in the current directory.
//!
//! It looks for what it can know: OpenAPI / Swagger documents under the directory (each one
//! is loaded, so only real specs are listed, with their SHA-256 pin), the source directory,
//! and the base-URL expressions the client's calls use (`self.base_url`). What it cannot know
//! (which base belongs to which spec when there are several) is written as a comment for the
//! user to decide.

use crate::cli::ExitStatus;
use crate::config::FILE_NAME;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Directories never searched for specs: build output, VCS data, vendored packages.
const SKIPPED_DIRS: &[&str] = &["target", ".git", "node_modules", "vendor", ".venv"];

pub fn run(force: bool, cwd: &Path, err: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let path = cwd.join(FILE_NAME);
    if path.exists() && !force {
        anyhow::bail!("{FILE_NAME} already exists here; pass `--force` to overwrite it");
    }
    let specs = find_specs(cwd);
    let source_dir = if cwd.join("src").is_dir() {
        PathBuf::from("src")
    } else {
        PathBuf::from(".")
    };
    let bases = call_bases(&cwd.join(&source_dir), cwd);
    let text = render(&specs, &source_dir, &bases);
    // The file must be one routelint reads: a bug here would hand the user a broken config.
    crate::config::parse(&text, FILE_NAME)
        .map_err(|e| anyhow::anyhow!("internal error: the generated config is invalid: {e}"))?;
    crate::apply::write_atomically(&path, &text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    writeln!(
        err,
        "wrote {FILE_NAME}: {} spec(s), {} base expression(s) found; review it, then run `routelint check`",
        specs.len(),
        bases.len()
    )?;
    Ok(ExitStatus::Success)
}

/// A spec found under the directory.
struct FoundSpec {
    name: String,
    /// Relative to the directory, with `/`.
    path: String,
    sha256: String,
    description: String,
}

fn find_specs(cwd: &Path) -> Vec<FoundSpec> {
    let walker = walkdir::WalkDir::new(cwd)
        .max_depth(5)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.file_type().is_dir()
                && SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    let mut found: Vec<FoundSpec> = Vec::new();
    for entry in walker.filter_map(Result::ok) {
        let file = entry.path();
        let is_document = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        if !entry.file_type().is_file() || !is_document || !mentions_openapi(file) {
            continue;
        }
        let Ok(spec) = crate::spec::load(file, None) else {
            continue;
        };
        let mut name = spec.name.clone();
        // Two files with the same stem (`v1/openapi.yaml`, `v2/openapi.yaml`) need two names.
        let mut n = 2;
        while found.iter().any(|f| f.name == name) {
            name = format!("{}-{n}", spec.name);
            n += 1;
        }
        found.push(FoundSpec {
            name,
            // One line of a comment: a title may span several (`title: |`).
            path: crate::source::display_path(file, cwd),
            description: format!(
                "{}, {} operations{}",
                spec.kind_and_version(),
                spec.operation_count(),
                if spec.title.is_empty() {
                    String::new()
                } else {
                    format!(", \"{}\"", one_line(&spec.title))
                }
            ),
            sha256: spec.sha256,
        });
    }
    found
}

/// `text` with every control character (a newline among them) made a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Cheap test before a full load: the document's start names `openapi` or `swagger`.
fn mentions_openapi(file: &Path) -> bool {
    use std::io::Read;
    let mut head = vec![0u8; 4096];
    let Ok(mut f) = std::fs::File::open(file) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.contains("openapi") || head.contains("swagger")
}

/// The base-URL expressions of the calls under `dir`, most used first.
fn call_bases(dir: &Path, cwd: &Path) -> Vec<(String, usize)> {
    let (files, _) = crate::source::discover(&[dir.to_path_buf()], cwd);
    let scan = crate::source::scan(&files, &[]);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for call in scan.calls.iter().filter(|c| !c.in_test) {
        if let Some(base) = crate::source::CallUrl::split(&call.url)
            .ok()
            .and_then(|u| u.base)
        {
            *counts.entry(base).or_default() += 1;
        }
    }
    let mut bases: Vec<(String, usize)> = counts.into_iter().collect();
    bases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    bases
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn render(specs: &[FoundSpec], source_dir: &Path, bases: &[(String, usize)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# routelint.toml: how routelint checks this crate's HTTP calls against its API spec.\n\
         # Written by `routelint init`; every key is explained in `routelint explain` and the README."
    );
    let base_list = |out: &mut String, commented: bool| {
        let quoted: Vec<String> = bases.iter().map(|(b, _)| toml_string(b)).collect();
        let prefix = if commented { "# " } else { "" };
        let _ = writeln!(out, "{prefix}base = [{}]", quoted.join(", "));
    };
    if specs.is_empty() {
        let _ = writeln!(
            out,
            "\n# No OpenAPI or Swagger document was found under this directory. Name yours here:\n\
             # [[spec]]\n# name = \"api\"\n# path = \"openapi.yaml\"          # relative to this file"
        );
        if !bases.is_empty() {
            base_list(&mut out, true);
        }
    }
    for spec in specs {
        let _ = writeln!(
            out,
            "\n[[spec]]                           # {}",
            spec.description
        );
        let _ = writeln!(out, "name = {}", toml_string(&spec.name));
        let _ = writeln!(out, "path = {}", toml_string(&spec.path));
        let _ = writeln!(
            out,
            "# The expressions in the code that hold this API's base URL: a call on one of them is\n\
             # for this spec, and an operation of another spec sent there is `wrong-api`."
        );
        match (specs.len(), bases.is_empty()) {
            (_, true) => {
                let _ = writeln!(out, "# base = [\"self.base_url\"]");
            }
            // One spec: every base the calls use is its own.
            (1, false) => base_list(&mut out, false),
            // Several: which base is which API's is for the user to say.
            _ => base_list(&mut out, true),
        }
        let _ = writeln!(
            out,
            "# Pin: `spec-changed` is reported when the file no longer has this SHA-256.\n\
             # sha256 = {}",
            toml_string(&spec.sha256)
        );
    }
    let source = source_dir.to_string_lossy().replace('\\', "/");
    let _ = writeln!(
        out,
        "\n[scan]\ninclude = [{}]\n# exclude = [\"src/generated\"]",
        toml_string(&source)
    );
    let _ = writeln!(
        out,
        "\n[rules]                            # allow | warn | deny, by name or code\n\
         # param-name-differs = \"allow\"\n\n\
         # [[wrapper]]                      # a function routelint does not see through by itself\n\
         # function = \"Api::send\"\n# method-arg = 0\n# path-arg = 1\n\n\
         [gate]\n\
         fail-on = \"error\"                  # error | warning | info | never\n\
         # min-coverage = 80                # percent of the spec's operations the client must call"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_names_the_spec_and_its_bases_and_parses() {
        let specs = vec![FoundSpec {
            name: "api".into(),
            path: "spec/api.yaml".into(),
            sha256: "ab12".into(),
            description: "OpenAPI 3.0.3, 4 operations".into(),
        }];
        let bases = vec![("self.base_url".to_string(), 3)];
        let text = render(&specs, Path::new("src"), &bases);
        let config = crate::config::parse(&text, "routelint.toml").expect("valid config");
        assert_eq!(config.spec.len(), 1);
        assert_eq!(config.spec[0].path, PathBuf::from("spec/api.yaml"));
        assert_eq!(config.spec[0].base, vec!["self.base_url".to_string()]);
        assert_eq!(config.spec[0].sha256, None, "the pin is offered, not set");
        assert!(text.contains("# sha256 = \"ab12\""));
        assert_eq!(config.scan.include, vec![PathBuf::from("src")]);
    }

    #[test]
    fn a_title_over_several_lines_stays_in_its_comment() {
        let specs = vec![FoundSpec {
            name: "api".into(),
            path: "a b/\"odd\".yaml".into(),
            sha256: String::new(),
            description: format!("OpenAPI 3.0.3, \"{}\"", one_line("Pet\nstore\r\n")),
        }];
        let text = render(&specs, Path::new("src"), &[]);
        let config = crate::config::parse(&text, "routelint.toml").expect("valid config");
        assert_eq!(config.spec[0].path, PathBuf::from("a b/\"odd\".yaml"));
    }

    #[test]
    fn with_several_specs_the_bases_are_left_for_the_user_to_assign() {
        let spec = |name: &str| FoundSpec {
            name: name.into(),
            path: format!("{name}.yaml"),
            sha256: String::new(),
            description: String::new(),
        };
        let bases = vec![("self.a".to_string(), 1)];
        let text = render(&[spec("a"), spec("b")], Path::new("."), &bases);
        let config = crate::config::parse(&text, "routelint.toml").expect("valid config");
        assert_eq!(config.spec.len(), 2);
        assert!(config.spec.iter().all(|s| s.base.is_empty()));
        assert!(text.contains("# base = [\"self.a\"]"));
    }
}
