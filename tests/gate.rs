//! routelint as a gate: machine formats, suppressions, baselines, coverage, exit codes, the
//! `explain` and `init` commands, and `--only` (what the pre-commit hook runs).

mod common;

use common::{example_copy, root, routelint, write_file};
use std::path::Path;

const SPEC: &str = "fixtures/sandbox-api.yaml";
const CLIENT: &str = "fixtures/client";

fn example(format: &str) -> common::Run {
    let run = routelint(
        &root(),
        &["check", "--spec", SPEC, "--format", format, CLIENT],
    );
    assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    run
}

/// A temporary crate: the example spec as `spec.yaml`, and these files.
fn crate_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(root().join(SPEC), dir.path().join("spec.yaml")).expect("copy spec");
    for (name, text) in files {
        write_file(dir.path(), name, text);
    }
    dir
}

fn findings_of(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--spec", "spec.yaml", "--format", "json"];
    all.extend_from_slice(args);
    let run = routelint(dir, &all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn codes(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}:{}", f["code"].as_str().unwrap_or(""), f["line"]))
        .collect()
}

fn insert_line(file: &Path, before_line: usize, text: &str) {
    let old = std::fs::read_to_string(file).expect("read");
    let mut lines: Vec<&str> = old.lines().collect();
    lines.insert(before_line - 1, text);
    std::fs::write(file, lines.join("\n") + "\n").expect("write");
}

#[test]
fn every_format_reports_the_same_findings() {
    let json = example("json").json();
    let findings = json["findings"].as_array().expect("findings").len();
    let errors = json["summary"]["errors"].as_u64().expect("errors") as usize;
    assert_eq!(findings, 16, "the example's findings");

    let sarif: serde_json::Value =
        serde_json::from_str(&example("sarif").stdout).expect("sarif is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), findings);
    let sarif_errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(sarif_errors, errors);
    // Fingerprints are those of the JSON report, in the same order.
    let prints = |list: &[serde_json::Value], at: &dyn Fn(&serde_json::Value) -> String| {
        list.iter().map(at).collect::<Vec<_>>()
    };
    assert_eq!(
        prints(results, &|r| r["partialFingerprints"]["routelint/v1"]
            .as_str()
            .unwrap_or("")
            .to_string()),
        prints(json["findings"].as_array().expect("findings"), &|f| {
            f["fingerprint"].as_str().unwrap_or("").to_string()
        })
    );

    let github = example("github").stdout;
    let annotations = github.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(annotations, findings);
    assert_eq!(github.matches("::error ").count(), errors);

    let junit = example("junit").stdout;
    assert_eq!(
        junit.matches("<testcase ").count(),
        9,
        "one test case per call"
    );
    assert!(
        junit.contains(
            r#"<testsuite name="routelint" tests="9" skipped="0" errors="0" failures="9">"#
        ),
        "{junit}"
    );

    let terminal = routelint(
        &root(),
        &["check", "--spec", SPEC, "--color", "never", CLIENT],
    )
    .stdout;
    assert_eq!(terminal.matches("\n  --> ").count(), findings);
    insta::assert_snapshot!("example_terminal", terminal);
    insta::assert_snapshot!("example_sarif", example("sarif").stdout);
    insta::assert_snapshot!("example_junit", junit);
    insta::assert_snapshot!("example_github", github);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    // The official schema, as published (tests/data/README.md says where from).
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema file"),
    )
    .expect("schema is JSON");
    // Its two `language` patterns have a stray `]` that JavaScript regexes accept and the
    // validator's meta-schema check refuses; escaped, they mean what JavaScript reads.
    for definition in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\]?$".into();
    }
    let validator = jsonschema::draft7::new(&schema).expect("a valid draft-07 schema");
    // With fixes (the example has safe and unsafe ones), and with a finding about a whole
    // file (no region).
    let dir = example_copy();
    write_file(
        dir.path(),
        "routelint.toml",
        "[[spec]]\nname = \"api\"\npath = \"spec.yaml\"\nsha256 = \"0000\"\n",
    );
    let run = routelint(dir.path(), &["check", "--format", "sarif", "client.rs"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "RL003"));
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    // The validator does bite: a level SARIF does not know is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn inline_suppressions_hide_findings_and_stale_ones_are_reported() {
    let dir = example_copy();
    let client = dir.path().join("client.rs");
    let before = codes(&findings_of(dir.path(), &["client.rs"]));
    assert!(before.contains(&"RL102:47".to_string()), "{before:?}");
    // Above the `let url` of get_sandbox: its path-near-miss goes.
    insert_line(
        &client,
        47,
        "        // routelint: allow(path-near-miss) -- the proxy rewrites this path",
    );
    // After the method of list_sandboxes: a rule it does not break, and a rule that does not exist.
    let text = std::fs::read_to_string(&client).expect("read");
    let text = text.replacen(
        "let url = format!(\"{}/sandboxes\", self.base_url);",
        "let url = format!(\"{}/sandboxes\", self.base_url); // routelint: allow(RL203, path-near-mis)",
        1,
    );
    std::fs::write(&client, text).expect("write");
    let after = findings_of(dir.path(), &["client.rs"]);
    let after_codes = codes(&after);
    assert!(
        !after_codes.contains(&"RL102:48".to_string()),
        "{after_codes:?}"
    );
    let unused: Vec<&str> = after
        .iter()
        .filter(|f| f["code"] == "RL004")
        .map(|f| f["message"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(unused[0].contains("`routelint: allow(RL203)` suppresses nothing"));
    assert!(unused[1].contains("no rule `path-near-mis`"));
    // Everything else is unchanged: one finding fewer, two more.
    assert_eq!(after.len(), before.len() - 1 + 2);
}

#[test]
fn a_baseline_hides_known_findings_and_reports_new_and_gone_ones() {
    let dir = example_copy();
    let run = routelint(
        dir.path(),
        &["baseline", "--spec", "spec.yaml", "client.rs"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("recorded 16 finding(s) in routelint-baseline.json")
    );
    let baseline = |dir: &Path| {
        routelint(
            dir,
            &[
                "check",
                "--spec",
                "spec.yaml",
                "--format",
                "json",
                "--baseline",
                "routelint-baseline.json",
                "client.rs",
            ],
        )
    };
    let clean = baseline(dir.path());
    assert_eq!(
        clean.code, 0,
        "no new finding: the gate passes\n{}",
        clean.stderr
    );
    assert_eq!(clean.json()["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(clean.json()["baseline"]["known"], 16);

    // Lines moved: still the same findings.
    let client = dir.path().join("client.rs");
    insert_line(&client, 1, "// a new first line\n// and another");
    let moved = baseline(dir.path());
    assert_eq!(moved.code, 0, "{}", moved.stdout);

    // One new mismatched call: exactly one new finding.
    let text = std::fs::read_to_string(&client).expect("read");
    let text = text.replacen(
        "    pub async fn list_sandboxes(",
        "    pub async fn ping(&self) -> Result<()> {\n        self.http.get(format!(\"{}/pingz\", self.base_url)).send().await?;\n        Ok(())\n    }\n\n    pub async fn list_sandboxes(",
        1,
    );
    std::fs::write(&client, &text).expect("write");
    let new = baseline(dir.path());
    assert_eq!(new.code, 1);
    let report = new.json();
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "RL101");
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("/pingz")
    );

    // A call fixed: its recorded findings are gone.
    let text = text.replacen("/sandboxes/{}/start", "/sandbox/{}/start", 1);
    std::fs::write(&client, &text).expect("write");
    let fixed = baseline(dir.path());
    let gone = fixed.json()["baseline"]["gone"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    assert!(gone >= 1, "{}", fixed.stdout);
    assert!(fixed.stderr.contains("gone since it was written"));
}

#[test]
fn min_coverage_gates_on_the_share_of_operations_called() {
    let dir = crate_with(&[(
        "client.rs",
        "async fn list(c: &reqwest::Client, base: &str) {\n    c.get(format!(\"{base}/sandbox\")).send().await;\n}\n",
    )]);
    let run = |pct: &str| {
        routelint(
            dir.path(),
            &[
                "check",
                "--spec",
                "spec.yaml",
                "--min-coverage",
                pct,
                "client.rs",
            ],
        )
    };
    // 1 of 17 operations: 5.9%.
    assert_eq!(run("5").code, 0);
    let under = run("6");
    assert_eq!(under.code, 1);
    assert!(
        under.stderr.contains(
            "coverage 5.9% of the spec's operations (1 of 17) is under --min-coverage 6%"
        ),
        "{}",
        under.stderr
    );
    assert_eq!(run("150").code, 2);
    write_file(dir.path(), "routelint.toml", "[gate]\nmin-coverage = 50\n");
    let from_config = routelint(dir.path(), &["check", "--spec", "spec.yaml", "client.rs"]);
    assert_eq!(from_config.code, 1, "{}", from_config.stderr);
}

#[test]
fn broken_gate_inputs_exit_2_with_a_clear_message() {
    let dir = example_copy();
    write_file(dir.path(), "bad-baseline.json", "{\"findings\": 3}");
    let bad_baseline = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--baseline",
            "bad-baseline.json",
            "client.rs",
        ],
    );
    assert_eq!(bad_baseline.code, 2);
    assert!(
        bad_baseline
            .stderr
            .contains("bad-baseline.json: not a routelint baseline")
    );
    let missing = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--baseline",
            "nope.json",
            "client.rs",
        ],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("nope.json: cannot read the baseline")
    );

    write_file(
        dir.path(),
        "routelint.toml",
        "[gate]\nfail-onn = \"error\"\n",
    );
    let bad_config = routelint(dir.path(), &["check", "--spec", "spec.yaml", "client.rs"]);
    assert_eq!(bad_config.code, 2);
    assert!(
        bad_config.stderr.contains("fail-onn"),
        "{}",
        bad_config.stderr
    );
    assert!(
        bad_config.stderr.contains("fail-on"),
        "{}",
        bad_config.stderr
    );

    let unknown_format = routelint(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(unknown_format.code, 2);
}

#[test]
fn explain_prints_the_page_of_a_rule_by_code_or_name() {
    let by_code = routelint(&root(), &["explain", "RL102"]);
    assert_eq!(by_code.code, 0);
    assert!(by_code.stdout.starts_with("# RL102 path-near-miss\n"));
    let by_name = routelint(&root(), &["explain", "path-near-miss"]);
    assert_eq!(by_name.stdout, by_code.stdout);
    let list = routelint(&root(), &["explain"]);
    assert_eq!(list.stdout.lines().count(), 20, "{}", list.stdout);
    let unknown = routelint(&root(), &["explain", "path-near-mis"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean `path-near-miss`?"));
}

#[test]
fn every_rule_has_its_page_and_every_page_its_rule() {
    let dir = root().join("docs/rules");
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs/rules")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    pages.sort();
    let list = routelint(&root(), &["explain"]).stdout;
    let expected: Vec<String> = list
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            let code = words.next().unwrap_or("");
            let name = words.next().unwrap_or("");
            format!("{code}-{name}.md")
        })
        .collect();
    assert_eq!(pages, expected);
    let index = std::fs::read_to_string(dir.join("README.md")).expect("index");
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).expect("page");
        let (code, name) = page
            .trim_end_matches(".md")
            .split_once('-')
            .expect("CODE-name.md");
        assert!(text.starts_with(&format!("# {code} {name}\n")), "{page}");
        for section in ["## Example", "## How to fix", "## Configuration"] {
            assert!(text.contains(section), "{page} lacks {section}");
        }
        assert!(
            index.contains(page.as_str()),
            "docs/rules/README.md lacks {page}"
        );
    }
}

#[test]
fn init_writes_a_config_that_check_then_uses() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("src")).expect("src");
    std::fs::create_dir_all(dir.path().join("api")).expect("api");
    std::fs::copy(
        root().join("fixtures/client/src/lib.rs"),
        dir.path().join("src/lib.rs"),
    )
    .expect("client");
    std::fs::copy(root().join(SPEC), dir.path().join("api/openapi.yaml")).expect("spec");
    write_file(dir.path(), "api/notes.json", "{\"not\": \"a spec\"}");
    let run = routelint(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(dir.path().join("routelint.toml")).expect("written");
    assert!(config.contains("path = \"api/openapi.yaml\""), "{config}");
    assert!(config.contains("base = [\"self.base_url\"]"), "{config}");
    assert!(!config.contains("notes.json"));
    assert!(config.contains("include = [\"src\"]"));
    let check = routelint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(check.json()["summary"]["calls"], 9);
    // Not overwritten by accident.
    let again = routelint(dir.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn only_reports_the_named_files_but_reads_the_whole_crate() {
    // The wrapper and the const live in a file that is not named; the calls in one that is.
    let dir = crate_with(&[
        (
            "api.rs",
            "pub const SANDBOXES: &str = \"/sandboxes\";\nimpl Api {\n    pub async fn get(&self, path: &str) -> reqwest::Result<reqwest::Response> {\n        self.http.get(format!(\"{}{}\", self.base, path)).send().await\n    }\n}\nasync fn elsewhere(c: &reqwest::Client) { c.get(\"https://x/nope\").send().await; }\n",
        ),
        (
            "calls.rs",
            "async fn list(api: &Api) { api.get(SANDBOXES).await; }\n",
        ),
    ]);
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            ".",
            "--only",
            "calls.rs",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let calls = report["calls"].as_array().expect("calls");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(calls[0]["file"], "calls.rs");
    assert_eq!(calls[0]["path"], "/sandboxes");
    let files: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.iter().all(|f| *f == "calls.rs"), "{files:?}");
}

#[test]
fn the_cache_changes_nothing_but_the_time() {
    let dir = example_copy();
    // A URL macro of another file: its change must reach the calls that use it.
    write_file(
        dir.path(),
        "macros.rs",
        "macro_rules! sandbox_url { ($base:expr) => { format!(\"{}/sandboxes\", $base) } }\n",
    );
    write_file(
        dir.path(),
        "uses.rs",
        "async fn all(c: &reqwest::Client, base: &str) { c.get(sandbox_url!(base)).send().await; }\n",
    );
    let run = |cache: bool| {
        let mut args = vec!["check", "--spec", "spec.yaml", "--format", "json", "."];
        if cache {
            args.push("--cache");
        }
        let run = routelint(dir.path(), &args);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        run.stdout
    };
    let plain = run(false);
    assert!(!dir.path().join(".routelint_cache").exists());
    assert_eq!(run(true), plain, "cold cache");
    assert!(dir.path().join(".routelint_cache/facts-v2.bin").is_file());
    let ignore = std::fs::read_to_string(dir.path().join(".routelint_cache/.gitignore"))
        .expect("the cache ignores itself");
    assert!(ignore.lines().any(|l| l == "*"));
    // Every file is then found unchanged in the cache: a warm run writes nothing (a rewrite,
    // even of the same bytes, would move the file's modification time).
    let cache_file = dir.path().join(".routelint_cache/facts-v2.bin");
    let modified = || {
        std::fs::metadata(&cache_file)
            .and_then(|m| m.modified())
            .expect("cache file")
    };
    let written = modified();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(run(true), plain, "warm cache");
    assert_eq!(modified(), written, "a warm run rewrote the cache");

    // A file changed: read again.
    let client = dir.path().join("client.rs");
    let text = std::fs::read_to_string(&client).expect("read");
    std::fs::write(
        &client,
        text.replacen("/sandboxes/{}/start", "/sandbox/{}/start", 1),
    )
    .expect("write");
    let changed = run(false);
    assert_ne!(changed, plain);
    assert_eq!(run(true), changed, "an edited file is parsed again");

    // A macro changed in one file: the file that uses it is read again too.
    write_file(
        dir.path(),
        "macros.rs",
        "macro_rules! sandbox_url { ($base:expr) => { format!(\"{}/sandbox\", $base) } }\n",
    );
    let macro_changed = run(false);
    assert_ne!(macro_changed, changed);
    assert_eq!(
        run(true),
        macro_changed,
        "a changed macro reaches its users"
    );

    // A damaged cache is ignored, and rewritten; a cache an earlier build left in its old
    // format is removed then.
    std::fs::write(
        dir.path().join(".routelint_cache/facts-v2.bin"),
        b"\x01\x02garbage",
    )
    .expect("damage");
    let old_format = dir.path().join(".routelint_cache/facts-v1.bin");
    std::fs::write(&old_format, b"old").expect("an old cache");
    assert_eq!(run(true), macro_changed);
    assert!(!old_format.exists(), "the old cache is left behind");
    assert_eq!(run(true), macro_changed);
}

#[test]
fn only_judges_the_named_files_and_says_what_it_could_not_read() {
    // The call is in calls.rs, the struct it sends in body.rs (a field misspelled there).
    let dir = crate_with(&[
        (
            "calls.rs",
            "async fn create(c: &reqwest::Client, base: &str) {\n    let req = CreateSandbox { name: String::new(), snapshott: None };\n    c.post(format!(\"{base}/sandbox\")).json(&req).send().await;\n}\nasync fn list(c: &reqwest::Client, base: &str) { c.get(format!(\"{base}/sandbox\")).send().await; }\n",
        ),
        (
            "body.rs",
            "#[derive(serde::Serialize)]\npub struct CreateSandbox {\n    pub name: String,\n    pub snapshott: Option<String>,\n}\n",
        ),
        // A coverage minimum is about the whole crate: not applied to a few files.
        (
            "routelint.toml",
            "[[spec]]\npath = \"spec.yaml\"\n\n[gate]\nmin-coverage = 50\n",
        ),
    ]);
    let hook = routelint(
        dir.path(),
        &[
            "hook",
            "--fail-on",
            "warning",
            "--color",
            "never",
            "body.rs",
        ],
    );
    assert_eq!(hook.code, 1, "{}{}", hook.stdout, hook.stderr);
    assert!(hook.stdout.contains("warning[RL301]"), "{}", hook.stdout);
    assert!(hook.stdout.contains("--> body.rs:4:"), "{}", hook.stdout);
    assert!(!hook.stderr.contains("min-coverage"), "{}", hook.stderr);
    assert!(!hook.stderr.contains("binds nothing"), "{}", hook.stderr);
    let flag = routelint(
        dir.path(),
        &["check", "--only", "calls.rs", "--min-coverage", "10", "."],
    );
    assert_eq!(flag.code, 2);
    assert!(
        flag.stderr.contains("cannot go with `--only`"),
        "{}",
        flag.stderr
    );
    // A file of the crate that does not parse: the run fails, and says which.
    write_file(dir.path(), "broken.rs", "fn broken( {\n");
    let broken = routelint(dir.path(), &["hook", "--color", "never", "body.rs"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stdout.contains("broken.rs"), "{}", broken.stdout);
}

#[test]
fn a_suppression_above_a_chain_written_over_several_lines_covers_its_call() {
    let client = "impl C {\n    async fn ping(&self) {\n        // routelint: allow(unknown-path) -- a health check outside the spec\n        let _ = self\n            .http\n            .get(format!(\"{}/pingz\", self.base))\n            .send()\n            .await;\n    }\n}\n";
    // Without the comment, the call is a finding: the suppression is what hides it.
    let bare = crate_with(&[(
        "client.rs",
        &client.replace("        // routelint", "        // no"),
    )]);
    assert_eq!(
        codes(&findings_of(bare.path(), &["client.rs"])),
        ["RL101:6"]
    );
    let dir = crate_with(&[("client.rs", client)]);
    let findings = findings_of(dir.path(), &["client.rs"]);
    assert!(findings.is_empty(), "{findings:#?}");
}
