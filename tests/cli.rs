//! End-to-end tests of the `routelint` binary on the bundled example and on broken input.

mod common;

use common::{call_rows, example_copy, finding_function, root, routelint, write_file};
use std::process::Command;

const SPEC: &str = "fixtures/sandbox-api.yaml";
const CLIENT: &str = "fixtures/client";

fn rows(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn example_check_explains_all_nine_calls() {
    let run = routelint(
        &root(),
        &["check", "--spec", SPEC, "--format", "json", CLIENT],
    );
    assert_eq!(run.code, 1, "errors found: exit 1\n{}", run.stderr);
    let report = run.json();
    assert_eq!(report["schema_version"], 1);
    let spec = &report["specs"][0];
    assert_eq!(spec["source"], SPEC);
    assert_eq!(spec["paths"], 15);
    assert_eq!(spec["operations"], 17);
    assert_eq!(spec["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(
        call_rows(&report),
        rows(&[
            (
                "get_sandbox",
                "mismatched",
                "GET /sandbox/{sandboxIdOrName}"
            ),
            ("list_sandboxes", "mismatched", "GET /sandbox"),
            ("create_sandbox", "mismatched", "POST /sandbox"),
            (
                "start_sandbox",
                "mismatched",
                "POST /sandbox/{sandboxIdOrName}/start"
            ),
            (
                "stop_sandbox",
                "mismatched",
                "POST /sandbox/{sandboxIdOrName}/stop"
            ),
            (
                "delete_sandbox",
                "mismatched",
                "DELETE /sandbox/{sandboxIdOrName}"
            ),
            (
                "exec",
                "mismatched",
                "POST /toolbox/{sandboxId}/toolbox/process/execute"
            ),
            (
                "upload_file",
                "mismatched",
                "POST /toolbox/{sandboxId}/toolbox/files/upload"
            ),
            (
                "download_file",
                "mismatched",
                "GET /toolbox/{sandboxId}/toolbox/files/download"
            ),
        ])
    );
    let codes: Vec<Vec<&str>> = report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| {
            let mut codes: Vec<&str> = c["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .filter_map(|f| f.as_str())
                .collect();
            codes.sort_unstable();
            codes
        })
        .collect();
    assert_eq!(codes[0], vec!["RL102", "RL105"]);
    assert_eq!(codes[1], vec!["RL102"]);
    assert_eq!(codes[6], vec!["RL101"]);
    assert_eq!(codes[7], vec!["RL101", "RL103", "RL201"]);
    assert_eq!(codes[8], vec!["RL101", "RL201"]);

    // The summary agrees with calls[] and findings[].
    let summary = &report["summary"];
    let calls = report["calls"].as_array().expect("calls");
    let findings = report["findings"].as_array().expect("findings");
    let status = |s: &str| calls.iter().filter(|c| c["status"] == s).count();
    let severity = |s: &str| findings.iter().filter(|f| f["severity"] == s).count();
    assert_eq!(summary["calls"], calls.len());
    assert_eq!(summary["mismatched"], status("mismatched"));
    assert_eq!(summary["matched"], status("matched"));
    assert_eq!(summary["errors"], severity("error"));
    assert_eq!(summary["infos"], severity("info"));
    let listed: usize = calls
        .iter()
        .map(|c| c["findings"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(listed, findings.len());

    // Six safe fixes (the renames), three that need review.
    let fixes = |a: &str| {
        findings
            .iter()
            .filter(|f| f["fix"]["applicability"] == a)
            .count()
    };
    assert_eq!(fixes("safe"), 6);
    assert_eq!(fixes("unsafe"), 3);
}

#[test]
fn json_report_snapshot() {
    let run = routelint(
        &root(),
        &["check", "--spec", SPEC, "--format", "json", CLIENT],
    );
    insta::assert_snapshot!("example_json", run.stdout);
}

#[test]
fn terminal_report_is_plain_when_piped_and_coloured_on_request() {
    let run = routelint(&root(), &["check", "--spec", SPEC, CLIENT]);
    assert_eq!(run.code, 1);
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    assert!(
        run.stdout
            .contains("error[RL102]: no operation matches `GET /sandboxes/{name}`")
    );
    assert!(run.stdout.contains("--> fixtures/client/src/lib.rs:47:27"));
    assert!(
        run.stdout
            .contains("9 calls in 1 file (100% resolved): 0 matched, 9 mismatched, 0 unresolved")
    );
    let coloured = routelint(
        &root(),
        &["check", "--spec", SPEC, "--color", "always", CLIENT],
    );
    assert!(coloured.stdout.contains("\x1b[1;31merror"));
}

#[test]
fn same_input_same_bytes() {
    // Many files, scanned in parallel: the output must not depend on which finishes first.
    let dir = example_copy();
    let client = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    for i in 0..24 {
        let sub = dir.path().join(format!("src/m{}", i % 5));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("c{i}.rs")), &client).expect("write");
    }
    for format in ["markdown", "json", "terminal"] {
        let args = ["check", "--spec", "spec.yaml", "--format", format, "src"];
        let first = routelint(dir.path(), &args);
        let second = routelint(dir.path(), &args);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
    let report = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "src"],
    )
    .json();
    let places: Vec<(String, u64)> = report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap_or("").to_string(),
                c["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "calls are in file and line order");
    assert_eq!(places.len(), 24 * 9);
}

#[test]
fn deeply_nested_code_does_not_abort_the_run() {
    let dir = example_copy();
    let depth = 800;
    let src = format!(
        "fn deep() {{ {} {} }}",
        "let _f = || {".repeat(depth),
        "};".repeat(depth)
    );
    std::fs::write(dir.path().join("deep.rs"), src).expect("write");
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "."],
    );
    assert!(
        run.code == 1 || run.code == 2,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    assert_eq!(
        run.json()["summary"]["calls"],
        9,
        "the other file is still checked"
    );
}

fn git_apply(dir: &std::path::Path, patch: &str) {
    let file = dir.join("fix.patch");
    std::fs::write(&file, patch).expect("write patch");
    let status = Command::new("git")
        .args(["apply", "fix.patch"])
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git apply failed on:\n{patch}");
    std::fs::remove_file(file).expect("remove patch");
}

#[test]
fn safe_diffs_apply_with_git_and_leave_the_three_review_calls() {
    let dir = example_copy();
    let args = [
        "check",
        "--spec",
        "spec.yaml",
        "--format",
        "json",
        "client.rs",
    ];
    let before = routelint(dir.path(), &args).json();
    // Each safe finding's own diff applies with `git apply`, one after the other.
    for finding in before["findings"].as_array().expect("findings") {
        if finding["fix"]["applicability"] == "safe" {
            git_apply(dir.path(), finding["fix"]["diff"].as_str().expect("diff"));
        }
    }
    let after = routelint(dir.path(), &args);
    assert_eq!(after.code, 1);
    let report = after.json();
    assert_eq!(report["summary"]["matched"], 6);
    assert_eq!(report["summary"]["mismatched"], 3);
    let left: Vec<String> = call_rows(&report)
        .into_iter()
        .filter(|r| r.1 == "mismatched")
        .map(|r| r.0)
        .collect();
    assert_eq!(left, vec!["exec", "upload_file", "download_file"]);
}

#[test]
fn combined_diff_applies_and_writes_nothing() {
    let dir = example_copy();
    let original = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--diff", "client.rs"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("--- a/client.rs\n+++ b/client.rs\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("\n-        let url").count(), 6);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("client.rs")).expect("read"),
        original
    );
    git_apply(dir.path(), &run.stdout);
    let after = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    );
    assert_eq!(after.json()["summary"]["mismatched"], 3);
}

#[test]
fn fix_applies_safe_then_unsafe_fixes() {
    let dir = example_copy();
    let base = [
        "check",
        "--spec",
        "spec.yaml",
        "--format",
        "json",
        "--fix",
        "client.rs",
    ];
    let safe = routelint(dir.path(), &base);
    assert!(
        safe.stderr.contains("fixed 6 finding(s) in 1 file(s)"),
        "{}",
        safe.stderr
    );
    assert_eq!(safe.code, 1, "three calls still need review");
    assert_eq!(safe.json()["summary"]["mismatched"], 3);
    let fixed = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    syn::parse_file(&fixed).expect("the fixed file parses");
    assert!(fixed.contains(r#"format!("{}/sandbox/{}/start", self.base_url, name)"#));

    let mut all = base.to_vec();
    all.insert(5, "--unsafe-fixes");
    let run = routelint(dir.path(), &all);
    assert!(run.stderr.contains("fixed 3 finding(s)"), "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["summary"]["mismatched"], 0);
    assert_eq!(report["summary"]["matched"], 9);
    // What is left is the deprecation of the three toolbox operations: warnings, exit 0.
    assert_eq!(report["summary"]["warnings"], 3);
    assert_eq!(run.code, 0);
    let fixed = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    assert!(fixed.contains(
        ".post(&url)\n            .bearer_auth(&self.token)\n            .body(content)"
    ));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = example_copy();
    let run = |fail_on: &str| {
        routelint(
            dir.path(),
            &[
                "check",
                "--spec",
                "spec.yaml",
                "--fail-on",
                fail_on,
                "client.rs",
            ],
        )
        .code
    };
    assert_eq!(run("never"), 0);
    assert_eq!(run("error"), 1);
    assert_eq!(run("info"), 1);
}

#[test]
fn broken_inputs_exit_2_with_a_clear_message() {
    let dir = example_copy();
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write(
        "broken.yaml",
        "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n  /a: [\n",
    );
    write(
        "swagger.yaml",
        "swagger: '1.2'\ninfo: {title: x, version: '1'}\npaths: {}\n",
    );
    write("other.json", "{\"name\": \"not a spec\"}");
    // (args, text expected on stderr)
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "--spec", "missing.yaml", "client.rs"],
            "missing.yaml: cannot read the spec",
        ),
        (
            &["check", "--spec", "broken.yaml", "client.rs"],
            "broken.yaml:5:1: not valid YAML",
        ),
        (
            &["check", "--spec", "swagger.yaml", "client.rs"],
            "Swagger 1.2 is not supported",
        ),
        (
            &["check", "--spec", "other.json", "client.rs"],
            "not an OpenAPI document",
        ),
        (
            &["check", "--spec", "spec.yaml", "nowhere"],
            "nowhere: no such file or directory",
        ),
        (
            &["check", "--spec", "spec.yaml", "--bogus", "client.rs"],
            "unexpected argument '--bogus'",
        ),
        (&["check", "client.rs"], "--spec"),
    ];
    for (args, expected) in cases {
        let run = routelint(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.matches("os error").count() <= 1,
            "the cause is said once: {}",
            run.stderr
        );
    }
}

#[test]
fn an_unparsable_file_is_reported_and_skipped() {
    let dir = example_copy();
    write_file(dir.path(), "broken.rs", "fn main( {\n");
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "."],
    );
    assert_eq!(run.code, 2, "code it could not read makes the run exit 2");
    let report = run.json();
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(
        report["summary"]["calls"], 9,
        "the other file is still checked"
    );
    let parse: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "RL001")
        .collect();
    assert_eq!(parse.len(), 1);
    assert_eq!(parse[0]["file"], "broken.rs");
    assert_eq!(parse[0]["line"], 1);

    // Allowing the rule hides the finding, not the fact that code went unread.
    write_file(
        dir.path(),
        "routelint.toml",
        "[[spec]]\npath = \"spec.yaml\"\n\n[rules]\nsource-parse-error = \"allow\"\n\n[gate]\nfail-on = \"never\"\n",
    );
    let allowed = routelint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(allowed.code, 2, "{}", allowed.stderr);
    assert!(
        allowed.json()["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["code"] != "RL001")
    );
}

#[test]
fn a_wrapper_declaration_that_applies_to_nothing_is_a_warning() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("routelint.toml"),
        r#"[[spec]]
path = "spec.yaml"

[[wrapper]]
function = "Api::no_such_fn"
path-arg = 0
method = "GET"

[[wrapper]]
function = "get_sandbox"
path-arg = 5
method = "GET"
"#,
    )
    .expect("write config");
    let run = routelint(dir.path(), &["check", "--format", "json"]);
    assert!(
        run.stderr
            .contains("warning: [[wrapper]] `Api::no_such_fn` names no function"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: [[wrapper]] `get_sandbox`: argument 5 is out of range"),
        "{}",
        run.stderr
    );
    assert_eq!(run.json()["summary"]["calls"], 9, "the run goes on");
}

#[test]
fn routes_prints_the_route_table() {
    let run = routelint(&root(), &["routes", "--spec", SPEC, "--format", "json"]);
    assert_eq!(run.code, 0);
    let routes = run.json();
    let routes = routes.as_array().expect("array");
    assert_eq!(routes.len(), 17);
    let upload = routes
        .iter()
        .find(|r| r["operation_id"] == "uploadFile_deprecated")
        .expect("upload route");
    assert_eq!(upload["method"], "POST");
    assert_eq!(upload["path"], "/toolbox/{sandboxId}/toolbox/files/upload");
    assert_eq!(upload["deprecated"], true);
    assert_eq!(upload["tags"][0], "toolbox");
    let table = routelint(&root(), &["routes", "--spec", SPEC]);
    assert!(table.stdout.contains("15 paths, 17 operations, SHA-256 "));
}

#[test]
fn calls_lists_what_was_found_without_a_spec() {
    let run = routelint(&root(), &["calls", "--format", "json", CLIENT]);
    assert_eq!(run.code, 0);
    let calls = run.json();
    let calls = calls.as_array().expect("array");
    assert_eq!(calls.len(), 9);
    assert!(calls.iter().all(|c| c["status"] == "unchecked"));
    assert_eq!(calls[6]["path"], "/sandboxes/{name}/exec");
    assert_eq!(calls[6]["base"], "self.base_url");
    assert_eq!(calls[6]["body"]["kind"], "json");
    assert_eq!(calls[6]["body"]["keys"][0], "command");
    let table = routelint(&root(), &["calls", CLIENT]);
    assert!(table.stdout.contains("json {command}"));
    assert!(
        table
            .stdout
            .contains("9 calls in 1 file, 100% resolved (0 unresolved)")
    );
}

#[test]
fn a_url_shared_by_two_calls_is_never_fixed_safely() {
    let dir = example_copy();
    let src = r#"
impl C {
    fn sandbox(&self, name: &str) {
        let url = format!("{}/sandboxes/{}", self.base_url, name);
        self.http.get(&url).send();
        self.http.delete(&url).send();
    }
}
"#;
    std::fs::write(dir.path().join("shared.rs"), src).expect("write");
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "shared.rs",
        ],
    );
    let report = run.json();
    let fixes: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !f["fix"].is_null())
        .map(|f| &f["fix"])
        .collect();
    assert_eq!(fixes.len(), 2, "both calls get the rename");
    for fix in fixes {
        assert_eq!(fix["applicability"], "unsafe");
        assert!(
            fix["title"]
                .as_str()
                .is_some_and(|t| t.contains("shared with other calls"))
        );
    }
    // --fix leaves it alone; with --unsafe-fixes the one literal is rewritten once.
    let safe = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--fix", "shared.rs"],
    );
    assert!(!safe.stderr.contains("fixed"), "{}", safe.stderr);
    let all = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "json",
            "shared.rs",
        ],
    );
    assert_eq!(all.json()["summary"]["matched"], 2, "{}", all.stderr);
}

#[test]
fn consts_and_wrappers_resolve_across_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join(SPEC), dir.path().join("spec.yaml")).expect("copy spec");
    std::fs::create_dir_all(dir.path().join("src")).expect("mkdir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join("src").join(name), text).expect("write")
    };
    write("paths.rs", r#"pub const SANDBOXES: &str = "/sandboxes";"#);
    write(
        "http.rs",
        r#"impl Client {
            pub async fn get<T>(&self, path: &str) -> Result<T> {
                self.http.get(format!("{}{}", self.base_url, path)).send().await?.json().await
            }
        }"#,
    );
    write(
        "api.rs",
        r#"use crate::paths::SANDBOXES;
        impl Client {
            pub async fn list_sandboxes(&self) -> Result<Vec<Sandbox>> { self.get(SANDBOXES).await }
            pub async fn get_sandbox(&self, id: &str) -> Result<Sandbox> { self.get(&format!("{SANDBOXES}/{id}")).await }
        }"#,
    );
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "src"],
    );
    let report = run.json();
    assert_eq!(
        call_rows(&report),
        rows(&[
            ("list_sandboxes", "mismatched", "GET /sandbox"),
            (
                "get_sandbox",
                "mismatched",
                "GET /sandbox/{sandboxIdOrName}"
            ),
        ]),
        "{}",
        run.stdout
    );
    let calls = report["calls"].as_array().expect("calls");
    assert_eq!(
        calls[0]["file"], "src/api.rs",
        "reported where the wrapper is called"
    );
    assert_eq!(calls[0]["path"], "/sandboxes");
    assert_eq!(calls[1]["path"], "/sandboxes/{id}");
    assert_eq!(calls[0]["via"], serde_json::json!(["get"]));
    let markdown = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "markdown",
            "src",
        ],
    );
    assert!(
        markdown
            .stdout
            .contains("`src/api.rs:3` `list_sandboxes` via `get`"),
        "{}",
        markdown.stdout
    );
}

#[test]
fn fixes_rewrite_the_path_where_the_caller_of_a_wrapper_writes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join(SPEC), dir.path().join("spec.yaml")).expect("copy spec");
    let src = r#"impl Client {
    async fn get<T>(&self, path: &str) -> Result<T> {
        self.http.get(format!("{}/api{}", self.base_url, path)).send().await?.json().await
    }

    async fn send<T>(&self, path: &str) -> Result<T> {
        self.http.get(format!("{}{}", self.base_url, path)).send().await?.json().await
    }

    pub async fn list_sandboxes(&self) -> Result<Vec<Sandbox>> {
        self.send("/sandboxes").await
    }

    pub async fn get_sandbox(&self, id: &str) -> Result<Sandbox> {
        self.send(&format!("/sandboxes/{id}")).await
    }

    pub async fn stop_sandbox(&self, id: &str) -> Result<Sandbox> {
        self.get(&format!("/sandboxes/{id}/stop")).await
    }
}
"#;
    std::fs::write(dir.path().join("client.rs"), src).expect("write");
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "--fix",
            "client.rs",
        ],
    );
    // The two calls through `send` are fixed in the caller's literal; the one through `get`
    // is not: `/api` is in the wrapper, and rewriting the caller alone cannot remove it.
    assert!(
        run.stderr.contains("fixed 2 finding(s) in 1 file(s)"),
        "{}",
        run.stderr
    );
    let fixed = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    assert!(fixed.contains(r#"self.send("/sandbox").await"#), "{fixed}");
    assert!(
        fixed.contains(r#"self.send(&format!("/sandbox/{id}")).await"#),
        "{fixed}"
    );
    assert!(
        fixed.contains(r#"self.get(&format!("/sandboxes/{id}/stop")).await"#),
        "{fixed}"
    );
    assert!(
        fixed.contains(r#"format!("{}{}", self.base_url, path)"#),
        "the wrapper is untouched"
    );
    let report = run.json();
    assert_eq!(report["summary"]["matched"], 2);
    assert_eq!(report["summary"]["mismatched"], 1);
}

#[test]
fn a_method_fix_renames_a_wrapper_call_only_to_a_wrapper_beside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: I, version: '1' }\npaths:\n  /items:\n    post:\n      operationId: createItem\n      requestBody: { content: { application/json: { schema: { type: object } } } }\n      responses: { '201': { description: ok } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    async fn post<B: Serialize>(&self, path: &str, body: &B) -> R { self.http.post(format!("{}{}", self.base, path)).json(body).send().await }
    async fn put<B: Serialize>(&self, path: &str, body: &B) -> R { self.http.put(format!("{}{}", self.base, path)).json(body).send().await }
    async fn create(&self) -> R { self.put("/items", &json!({ "name": "a" })).await }
}
impl Other {
    async fn put<B: Serialize>(&self, path: &str, body: &B) -> R { self.http.put(format!("{}{}", self.base, path)).json(body).send().await }
    async fn create(&self) -> R { self.put("/items", &json!({ "name": "a" })).await }
}
"#,
    )
    .expect("write client");
    let report = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    )
    .json();
    let not_allowed: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "RL103")
        .collect();
    assert_eq!(not_allowed.len(), 2, "{not_allowed:?}");
    // `Api` has a `post` wrapper beside `put`: the call is renamed to it (for review).
    let api = not_allowed
        .iter()
        .find(|f| f["line"] == 4)
        .expect("Api::create");
    assert_eq!(api["fix"]["applicability"], "unsafe");
    let diff = api["fix"]["diff"].as_str().expect("diff");
    assert!(
        diff.contains(r#"+    async fn create(&self) -> R { self.post("/items", &json!({ "name": "a" })).await }"#),
        "{diff}"
    );
    // `Other` has none: renaming the call would call a function that does not exist.
    let other = not_allowed
        .iter()
        .find(|f| f["line"] == 8)
        .expect("Other::create");
    assert!(other["fix"].is_null(), "{other}");
}

#[test]
fn same_named_helpers_in_two_files_are_told_apart_by_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (version, name) in [("v1", "users"), ("v2", "people")] {
        let sub = dir.path().join(version);
        std::fs::create_dir_all(&sub).expect("mkdir");
        let src = format!(
            r#"impl Client {{
    fn url(&self, p: &str) -> String {{ format!("{{}}/{version}{{}}", self.base, p) }}
    fn {name}(&self) -> R {{ self.http.get(self.url("/{name}")).send() }}
}}
"#
        );
        std::fs::write(sub.join("client.rs"), src).expect("write");
    }
    let run = routelint(dir.path(), &["calls", "--format", "json", "."]);
    let calls = run.json();
    let paths: Vec<&str> = calls
        .as_array()
        .expect("calls")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert_eq!(paths, vec!["/v1/users", "/v2/people"], "{}", run.stdout);
}

#[test]
fn a_call_sent_to_the_other_api_is_wrong_api() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join(SPEC), dir.path().join("management.yaml")).expect("copy");
    std::fs::copy(
        root().join("fixtures/toolbox-api.yaml"),
        dir.path().join("toolbox.yaml"),
    )
    .expect("copy");
    let src = r#"impl SandboxClient {
    pub async fn get_sandbox(&self, name: &str) -> Result<Sandbox> {
        self.http.get(format!("{}/sandbox/{}", self.base_url, name)).send().await?.json().await
    }

    pub async fn exec(&self, cmd: &str) -> Result<Value> {
        self.http.post(format!("{}/process/execute", self.toolbox_url)).json(&json!({ "command": cmd })).send().await?.json().await
    }

    pub async fn download_file(&self, path: &str) -> Result<Bytes> {
        self.http.get(format!("{}/files/download?path={}", self.base_url, path)).send().await?.bytes().await
    }

    pub async fn exec_old(&self, id: &str) -> Result<Value> {
        self.http.post(format!("{}/toolbox/{}/toolbox/process/execute", self.base_url, id)).send().await?.json().await
    }
}
"#;
    std::fs::write(dir.path().join("client.rs"), src).expect("write");
    let args = [
        "check",
        "--spec",
        "management=management.yaml",
        "--spec",
        "toolbox=toolbox.yaml",
        "--base",
        "management=self.base_url",
        "--base",
        "toolbox=self.toolbox_url",
        "--format",
        "json",
        "client.rs",
    ];
    let run = routelint(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("binds nothing"), "{}", run.stderr);
    // A base no call has (a typo) is said, with the bases the calls do have.
    let mut typo = args;
    typo[8] = "toolbox=self.tolbox_url";
    let warned = routelint(dir.path(), &typo);
    assert!(
        warned.stderr.contains(
            "base `self.tolbox_url` of spec `toolbox` is the base of no call (the calls' bases are `self.base_url`, `self.toolbox_url`); it binds nothing"
        ),
        "{}",
        warned.stderr
    );
    let report = run.json();
    assert_eq!(report["specs"].as_array().map(Vec::len), Some(2));
    let calls = report["calls"].as_array().expect("calls");
    let status = |i: usize| calls[i]["status"].as_str().unwrap_or("").to_string();
    let spec = |i: usize| {
        calls[i]["operation"]["spec"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        (status(0), spec(0)),
        ("matched".into(), "management".into())
    );
    assert_eq!((status(1), spec(1)), ("matched".into(), "toolbox".into()));
    // The toolbox's download, sent on the management base.
    assert_eq!(
        (status(2), spec(2)),
        ("mismatched".into(), "toolbox".into())
    );
    assert_eq!(calls[2]["findings"], serde_json::json!(["RL107"]));
    let finding = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "RL107")
        .expect("wrong-api finding");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("an operation of `toolbox`"))
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("self.toolbox_url"))
    );
    // The management spec's deprecated execute names its replacement in the toolbox spec.
    assert_eq!(status(3), "matched");
    let deprecated = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "RL106")
        .expect("deprecated finding");
    assert_eq!(
        deprecated["help"],
        "its replacement is `POST /process/execute` in `toolbox`"
    );
    // `--spec` replaces the config's specs, yet a `[[spec]]` of the same name gives its bases.
    std::fs::write(
        dir.path().join("routelint.toml"),
        r#"[[spec]]
name = "management"
path = "elsewhere.yaml"
base = ["self.base_url"]

[[spec]]
name = "toolbox"
path = "elsewhere-too.yaml"
base = ["self.toolbox_url"]
"#,
    )
    .expect("write config");
    let from_config = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "management=management.yaml",
            "--spec",
            "toolbox=toolbox.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    );
    assert_eq!(from_config.stdout, run.stdout, "{}", from_config.stderr);
    std::fs::remove_file(dir.path().join("routelint.toml")).expect("remove config");
    // A `--base` for a spec that is not there is a usage error.
    let bad = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "management.yaml",
            "--base",
            "nope=self.x",
            "client.rs",
        ],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`--base nope=…` names no spec"),
        "{}",
        bad.stderr
    );
}

#[test]
fn several_specs_need_distinct_names_and_bases() {
    let dir = example_copy();
    std::fs::create_dir_all(dir.path().join("x")).expect("mkdir");
    std::fs::copy(dir.path().join("spec.yaml"), dir.path().join("x/spec.yaml")).expect("copy");
    let same_names = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--spec",
            "x/spec.yaml",
            "client.rs",
        ],
    );
    assert_eq!(same_names.code, 2);
    assert!(
        same_names.stderr.contains("two specs are named `spec`"),
        "{}",
        same_names.stderr
    );
    let base_twice = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "a=spec.yaml",
            "--spec",
            "b=x/spec.yaml",
            "--base",
            "a=self.base_url",
            "--base",
            "b=& self.base_url",
            "client.rs",
        ],
    );
    assert_eq!(base_twice.code, 2);
    assert!(
        base_twice
            .stderr
            .contains("is given as the base of both `a` and `b`"),
        "{}",
        base_twice.stderr
    );
}

#[test]
fn calls_in_tests_are_listed_apart_and_not_checked() {
    let dir = example_copy();
    let src = r#"impl C {
    pub fn list(&self) -> R { self.http.get(format!("{}/sandbox", self.base_url)).send() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists() { reqwest::blocking::get("http://localhost:9999/sandboxes").unwrap(); }
}
"#;
    std::fs::write(dir.path().join("with_tests.rs"), src).expect("write");
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "with_tests.rs",
        ],
    );
    assert_eq!(
        run.code, 0,
        "the test's wrong path is not a finding: {}",
        run.stdout
    );
    let report = run.json();
    assert_eq!(report["summary"]["calls"], 1);
    assert_eq!(report["summary"]["test_calls"], 1);
    assert_eq!(report["test_calls"][0]["path"], "/sandboxes");
    assert_eq!(report["test_calls"][0]["function"], "lists");
    let terminal = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "with_tests.rs"],
    );
    assert!(
        terminal
            .stdout
            .contains("1 more call in test code, not checked"),
        "{}",
        terminal.stdout
    );
}

#[test]
fn a_packages_integration_tests_and_benches_are_test_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for sub in ["src/api/tests", "tests", "benches"] {
        std::fs::create_dir_all(root.join(sub)).expect("dirs");
    }
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"c\"\n").expect("write");
    std::fs::write(
        root.join("spec.yaml"),
        "openapi: 3.0.3\ninfo: { title: I, version: '1' }\npaths:\n  /items:\n    get:\n      responses: { '200': { description: ok } }\n",
    )
    .expect("write spec");
    let call = |f: &str| {
        format!("pub fn {f}(c: &C) {{ c.http.get(format!(\"{{}}/items\", c.base)).send(); }}\n")
    };
    std::fs::write(root.join("src/lib.rs"), call("list")).expect("write");
    // Below `src`: a module directory that happens to be named `tests`, not Cargo's.
    std::fs::write(root.join("src/api/tests/mod.rs"), call("module")).expect("write");
    std::fs::write(root.join("tests/it.rs"), call("integration")).expect("write");
    std::fs::write(root.join("benches/b.rs"), call("bench")).expect("write");
    let report = routelint(
        root,
        &["check", "--spec", "spec.yaml", "--format", "json", "."],
    )
    .json();
    let functions = |key: &str| -> Vec<String> {
        let mut names: Vec<String> = report[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|c| c["function"].as_str().unwrap_or("").to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(functions("calls"), ["list", "module"]);
    assert_eq!(functions("test_calls"), ["bench", "integration"]);
}

#[test]
fn routelint_toml_sets_specs_bases_rules_wrappers_and_the_gate() {
    let dir = example_copy();
    std::fs::create_dir_all(dir.path().join("src/api")).expect("mkdir");
    std::fs::rename(
        dir.path().join("client.rs"),
        dir.path().join("src/api/client.rs"),
    )
    .expect("move");
    // A wrapper inference cannot see through: the request is made by a function we do not have.
    std::fs::write(
        dir.path().join("src/api/send.rs"),
        r#"impl Api {
    fn send(&self, method: Method, path: &str) -> R { transport::dispatch(self, method, path) }
    fn list(&self) -> R { self.send(Method::GET, "/sandboxes") }
}
"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("routelint.toml"),
        r#"
[[spec]]
name = "sandbox"
path = "spec.yaml"
base = ["self.base_url"]
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"

[scan]
include = ["src"]

[rules]
param-name-differs = "allow"

[[wrapper]]
function = "Api::send"
method-arg = 0
path-arg = 1

[gate]
fail-on = "never"
"#,
    )
    .expect("write config");
    // Run from a subdirectory: the config is found upward, its paths are relative to it.
    let sub = dir.path().join("src/api");
    let run = routelint(&sub, &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "fail-on = never: {}", run.stderr);
    let report = run.json();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"RL003"), "the pin differs: {codes:?}");
    assert!(
        !codes.contains(&"RL105"),
        "param-name-differs is allowed: {codes:?}"
    );
    let listed = call_rows(&report)
        .into_iter()
        .find(|r| r.0 == "list")
        .expect("the declared wrapper's call");
    assert_eq!(listed.2, "GET /sandbox");
    // `calls` reads the same config: its include paths and its declared wrapper.
    let calls = routelint(&sub, &["calls", "--format", "json"]);
    assert_eq!(calls.code, 0, "{}", calls.stderr);
    let listed: Vec<String> = calls
        .json()
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| format!("{} {} {}", c["function"], c["method"], c["path"]))
        .collect();
    assert!(
        listed.contains(&r#""list" "GET" "/sandboxes""#.to_string()),
        "{listed:?}"
    );
    // Unknown keys are errors that name the closest valid key.
    write_file(
        dir.path(),
        "routelint.toml",
        "[[specs]]\npath = \"spec.yaml\"\n",
    );
    let bad = routelint(&sub, &["check"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("unknown key `specs`; did you mean `spec`?"),
        "{}",
        bad.stderr
    );
}

#[test]
fn allowing_a_routing_rule_hides_its_finding_but_the_call_stays_mismatched() {
    let dir = example_copy();
    let mismatched = |report: &serde_json::Value| -> Vec<String> {
        report["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .filter(|c| c["status"] == "mismatched")
            .map(|c| c["id"].to_string())
            .collect()
    };
    let plain = routelint(
        dir.path(),
        &["check", "--format", "json", "--spec", "spec.yaml"],
    )
    .json();
    assert!(
        plain["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["code"] == "RL102"),
        "the example has a near-miss path"
    );
    write_file(
        dir.path(),
        "routelint.toml",
        "[[spec]]\npath = \"spec.yaml\"\n\n[rules]\npath-near-miss = \"allow\"\n",
    );
    let allowed = routelint(dir.path(), &["check", "--format", "json"]).json();
    let findings = allowed["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| f["code"] != "RL102"),
        "RL102 is allowed: {findings:?}"
    );
    assert_eq!(mismatched(&allowed), mismatched(&plain));
}

#[test]
fn scan_exclude_applies_however_the_paths_are_written() {
    let dir = example_copy();
    std::fs::create_dir_all(dir.path().join("gen")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    write_file(
        dir.path(),
        "gen/generated.rs",
        "fn g(c: &C) { c.http.get(format!(\"{}/generated\", c.base)).send(); }\n",
    );
    write_file(
        dir.path(),
        "routelint.toml",
        "[[spec]]\npath = \"spec.yaml\"\n\n[scan]\nexclude = [\"./gen\"]\n",
    );
    let functions = |run: &common::Run| -> Vec<String> {
        run.json()["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .filter_map(|c| c["function"].as_str().map(str::to_string))
            .collect()
    };
    let from_root = routelint(dir.path(), &["check", "--format", "json", "."]);
    assert!(!functions(&from_root).contains(&"g".to_string()));
    assert_eq!(functions(&from_root).len(), 9, "{}", from_root.stderr);
    let from_sub = routelint(
        &dir.path().join("sub"),
        &["check", "--format", "json", ".."],
    );
    assert_eq!(functions(&from_sub), functions(&from_root));
    // Without the exclusion the generated call is there: the test above is not vacuous.
    write_file(
        dir.path(),
        "routelint.toml",
        "[[spec]]\npath = \"spec.yaml\"\n",
    );
    let everything = routelint(dir.path(), &["check", "--format", "json", "."]);
    assert!(functions(&everything).contains(&"g".to_string()));
}

#[test]
fn query_keys_are_checked_against_the_operation() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("spec.yaml"),
        r#"openapi: 3.0.3
info: { title: Q, version: "1" }
paths:
  /search:
    get:
      operationId: search
      parameters:
        - { name: q, in: query, required: true, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      responses: { "200": { description: ok } }
  /items:
    get:
      operationId: listItems
      parameters:
        - { name: owner, in: query, required: true, schema: { type: string } }
        - { name: filter, in: query, style: form, explode: true, schema: { type: object } }
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    key: { type: apiKey, in: query, name: api_key }
"#,
    )
    .expect("write spec");
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn search_ok(&self, q: &str) -> R { self.http.get(format!("{}/search?q={}", self.base, q)).send() }
    fn search_brackets(&self, q: &str) -> R { self.http.get(format!("{}/search?q={}&limit[]=1", self.base, q)).send() }
    fn search_keyed(&self, q: &str) -> R { self.http.get(format!("{}/search?q={}&api_key={}", self.base, q, self.key)).send() }
    fn search_typo(&self, q: &str) -> R { self.http.get(format!("{}/search", self.base)).query(&[("q", q), ("limt", "10")]).send() }
    fn search_without_q(&self) -> R { self.http.get(format!("{}/search?limit=5", self.base)).send() }
    fn items_without_owner(&self) -> R { self.http.get(format!("{}/items", self.base)).send() }
    fn items_opaque(&self, params: &Params) -> R { self.http.get(format!("{}/items", self.base)).query(params).send() }
    fn items_rest(&self, rest: &str) -> R { self.http.get(format!("{}/items?{}", self.base, rest)).send() }
    fn items_ureq(&self, who: &str) -> R { self.agent.get(&format!("{}/items", self.base)).query("owner", who).query("color", "red").call() }
    fn items_struct(&self, p: &ItemsQuery) -> R { self.http.get(format!("{}/items", self.base)).query(p).send() }
    fn search_struct(&self, q: &str) -> R { self.http.get(format!("{}/search", self.base)).query(&SearchQuery { q: q.into(), limt: 1 }).send() }
    fn search_struct_missing(&self) -> R { let p = OnlyLimit { limit: 1 }; self.http.get(format!("{}/search", self.base)).query(&p).send() }
    fn search_pairs_ok(&self, q: &str) -> R { self.http.get(format!("{}/search", self.base)).query(&[("q", q), ("limit", "10")]).send() }
    fn search_template_typo(&self, q: &str) -> R { self.http.get(format!("{}/search?q={}&limt=5", self.base, q)).send() }
    fn search_appended_ok(&self, q: &str) -> R {
        let mut url = Url::parse(&format!("{}/search", self.base))?;
        url.query_pairs_mut().append_pair("q", q).append_pair("limit", "10");
        self.http.get(url).send()
    }
    fn search_appended_typo(&self, q: &str) -> R {
        let mut url = Url::parse(&format!("{}/search", self.base))?;
        url.query_pairs_mut().append_pair("q", q);
        url.query_pairs_mut().append_pair("limt", "10");
        self.http.get(url).send()
    }
}
#[derive(Serialize)] struct ItemsQuery { owner: String }
#[derive(Serialize)] struct SearchQuery { q: String, limt: u32 }
#[derive(Serialize)] struct OnlyLimit { limit: u32 }
"#,
    )
    .expect("write client");
    // 3.0 is read by the typed model, 3.1 from the tree: both must say the same.
    let spec_30 = std::fs::read_to_string(dir.path().join("spec.yaml")).expect("read spec");
    for version in ["3.0.3", "3.1.0"] {
        std::fs::write(
            dir.path().join("spec.yaml"),
            spec_30.replace("3.0.3", version),
        )
        .expect("write spec");
        let run = routelint(
            dir.path(),
            &[
                "check",
                "--spec",
                "spec.yaml",
                "--format",
                "json",
                "client.rs",
            ],
        );
        let report = run.json();
        let mut seen: Vec<(String, String)> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"] == "RL202" || f["code"] == "RL203")
            .map(|f| {
                (
                    finding_function(&report, f),
                    format!(
                        "{} {}",
                        f["code"].as_str().unwrap_or(""),
                        f["help"].as_str().unwrap_or("")
                    ),
                )
            })
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                (
                    "items_without_owner".to_string(),
                    "RL203 add `owner` to the query".to_string()
                ),
                // The fields of `Serialize` structs given to `.query(..)` are its keys.
                // `query_pairs_mut().append_pair(..)` on the URL.
                (
                    "search_appended_typo".to_string(),
                    "RL202 did you mean `limit`?".to_string()
                ),
                (
                    "search_struct".to_string(),
                    "RL202 did you mean `limit`?".to_string()
                ),
                (
                    "search_struct_missing".to_string(),
                    "RL203 add `q` to the query".to_string()
                ),
                // The template's own `?k=`.
                (
                    "search_template_typo".to_string(),
                    "RL202 did you mean `limit`?".to_string()
                ),
                (
                    "search_typo".to_string(),
                    "RL202 did you mean `limit`?".to_string()
                ),
                (
                    "search_without_q".to_string(),
                    "RL203 add `q` to the query".to_string()
                ),
            ],
            "no finding where the query cannot be read in full, none for an exploded object's keys \
         or a credential the security schemes send in the query"
        );
        assert_eq!(run.code, 1, "a missing required parameter is an error");
    }
}

#[test]
fn the_kind_of_body_is_checked_against_the_operation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let op = |id: &str, media: Option<&str>| match media {
        Some(media) => format!(
            "    post:\n      operationId: {id}\n      requestBody: {{ content: {{ \"{media}\": {{ schema: {{ type: object }} }} }} }}\n      responses: {{ \"200\": {{ description: ok }} }}\n"
        ),
        None => format!(
            "    post:\n      operationId: {id}\n      responses: {{ \"200\": {{ description: ok }} }}\n"
        ),
    };
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{ title: B, version: \"1\" }}\npaths:\n  /upload:\n{}  /things:\n{}  /forms:\n{}  /start:\n{}  /any:\n{}",
        op("upload", Some("multipart/form-data")),
        op("createThing", Some("application/json; charset=utf-8")),
        op("submitForm", Some("application/x-www-form-urlencoded")),
        op("start", None),
        op("anything", Some("*/*")),
    );
    std::fs::write(dir.path().join("spec.yaml"), spec).expect("write spec");
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn upload_json(&self) -> R { self.http.post(format!("{}/upload", self.base)).json(&json!({ "a": 1 })).send() }
    fn upload_ok(&self, form: Form) -> R { self.http.post(format!("{}/upload", self.base)).multipart(form).send() }
    fn upload_raw(&self, bytes: Vec<u8>) -> R { self.http.post(format!("{}/upload", self.base)).body(bytes).send() }
    fn thing_form(&self, t: &Thing) -> R { self.http.post(format!("{}/things", self.base)).form(t).send() }
    fn thing_ok(&self, t: &Thing) -> R { self.http.post(format!("{}/things", self.base)).json(t).send() }
    fn form_ok(&self, t: &Thing) -> R { self.http.post(format!("{}/forms", self.base)).form(t).send() }
    fn start_with_body(&self) -> R { self.http.post(format!("{}/start", self.base)).json(&json!({})).send() }
    fn start_ok(&self) -> R { self.http.post(format!("{}/start", self.base)).send() }
    fn any_ok(&self, t: &Thing) -> R { self.http.post(format!("{}/any", self.base)).json(t).send() }
    fn thing_multipart(&self, form: Form) -> R { self.http.post(format!("{}/things", self.base)).multipart(form).send() }
    fn form_json(&self) -> R { self.http.post(format!("{}/forms", self.base)).json(&json!({ "a": 1 })).send() }
    fn start_raw(&self, bytes: Vec<u8>) -> R { self.http.post(format!("{}/start", self.base)).body(bytes).send() }
    fn start_empty(&self) -> R { self.http.post(format!("{}/start", self.base)).body(Body::empty()).send() }
}
"#,
    )
    .expect("write client");
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    );
    let report = run.json();
    let calls = report["calls"].as_array().expect("calls");
    assert_eq!(calls.len(), 13, "{}", run.stderr);
    let mut seen: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                finding_function(&report, f),
                f["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        vec![
            "form_json RL303",
            "start_raw RL304",
            "start_with_body RL304",
            "thing_form RL303",
            "thing_multipart RL303",
            "upload_json RL303"
        ],
        "a raw body may be anything an operation takes; an empty body is none"
    );
    let message = |code: &str| {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["code"] == code)
            .and_then(|f| f["message"].as_str())
            .unwrap_or("")
            .to_string()
    };
    assert!(
        message("RL303").contains("takes `multipart/form-data`")
            || message("RL303").contains("takes `application/json; charset=utf-8`"),
        "{}",
        message("RL303")
    );
    assert_eq!(run.code, 1);
}

/// The JSON report of `check --spec SPEC TARGET` run in `dir`.
fn check_report(dir: &std::path::Path, spec: &str, target: &str) -> serde_json::Value {
    routelint(dir, &["check", "--spec", spec, "--format", "json", target]).json()
}

/// The RL301 warning of `check --spec spec.yaml client.rs` in `dir`, which must point at the
/// `"cwdd"` key on line 3.
fn cwdd_on_line_3(dir: &std::path::Path) -> serde_json::Value {
    let report = check_report(dir, "spec.yaml", "client.rs");
    let typo = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "RL301" && f["severity"] == "warning")
        .expect("the cwdd finding")
        .clone();
    let source = std::fs::read_to_string(dir.join("client.rs")).expect("read");
    let line = source.lines().nth(2).expect("line 3");
    assert_eq!(typo["line"], 3);
    assert_eq!(
        typo["column"].as_u64(),
        line.find("\"cwdd\"").map(|c| c as u64 + 1)
    );
    typo
}

/// The body findings (RL301, RL302) of `check --spec SPEC client.rs` in `dir`, sorted, each as
/// `function code severity <field>` where field is the finding's `help` or `message`.
fn body_findings(dir: &std::path::Path, spec: &str, field: &str) -> Vec<String> {
    let report = check_report(dir, spec, "client.rs");
    let mut seen: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "RL301" || f["code"] == "RL302")
        .map(|f| {
            format!(
                "{} {} {} {}",
                finding_function(&report, f),
                f["code"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
                f[field].as_str().unwrap_or("")
            )
        })
        .collect();
    seen.sort();
    seen
}

/// Every finding of `report` but RL105 (a note on a parameter's name), as
/// `function code <field>`, sorted; `field` is the finding's `help` or `message`.
fn finding_summary(report: &serde_json::Value, field: &str) -> Vec<String> {
    let mut seen: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] != "RL105")
        .map(|f| {
            format!(
                "{} {} {}",
                finding_function(report, f),
                f["code"].as_str().unwrap_or(""),
                f[field].as_str().unwrap_or("")
            )
        })
        .collect();
    seen.sort();
    seen
}

/// The markdown report's "Request bodies" line for the call in `function` (`check --spec
/// spec.yaml client.rs` in `dir`); empty when its body is not listed.
fn body_line(dir: &std::path::Path, function: &str) -> String {
    let markdown = routelint(
        dir,
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "markdown",
            "client.rs",
        ],
    )
    .stdout;
    markdown
        .lines()
        .find(|l| l.starts_with("- ") && l.contains(&format!("`{function}`:")))
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_request_sent_without_the_body_its_operation_requires_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: I, version: '1' }\npaths:\n  /items:\n    post:\n      requestBody: { required: true, content: { application/json: { schema: { type: object } } } }\n      responses: { '201': { description: ok } }\n  /optional:\n    post:\n      requestBody: { content: { application/json: { schema: { type: object } } } }\n      responses: { '201': { description: ok } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    async fn bare(&self) -> R { self.http.post(format!("{}/items", self.base)).header("X-A", "1").send().await }
    async fn with_body(&self) -> R { self.http.post(format!("{}/items", self.base)).json(&json!({ "a": 1 })).send().await }
    async fn later(&self) -> R { let req = self.http.post(format!("{}/items", self.base)); req.json(&json!({ "a": 1 })).send().await }
    async fn optional(&self) -> R { self.http.post(format!("{}/optional", self.base)).send().await }
}
"#,
    )
    .expect("write client");
    let report = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    )
    .json();
    let missing: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "RL304")
        .map(|f| {
            format!(
                "{} {}",
                finding_function(&report, f),
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        missing,
        ["bare the call sends no body; `POST /items` requires one"],
        "a builder sent elsewhere may get its body there; an optional body may be left out"
    );
}

#[test]
fn json_body_literals_are_checked_against_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = |path: &str, schema: &str| {
        format!(
            "  {path}:\n    post:\n      requestBody: {{ required: true, content: {{ application/json: {{ schema: {schema} }} }} }}\n      responses: {{ \"200\": {{ description: ok }} }}\n"
        )
    };
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{ title: B, version: \"1\" }}\npaths:\n{}{}{}{}{}components:\n  schemas:\n{}",
        post("/exec", "{ $ref: '#/components/schemas/ExecuteRequest' }"),
        post(
            "/strict",
            "{ type: object, required: [a], additionalProperties: false, properties: { a: { type: string }, b: { type: string } } }"
        ),
        post(
            "/composite",
            "{ allOf: [ { $ref: '#/components/schemas/Base' }, { type: object, properties: { extra: { type: string } } } ] }"
        ),
        post(
            "/either",
            "{ oneOf: [ { $ref: '#/components/schemas/Base' }, { $ref: '#/components/schemas/ExecuteRequest' } ] }"
        ),
        post(
            "/labels",
            "{ type: object, properties: { name: { type: string } }, additionalProperties: { type: string } }"
        ),
        "    ExecuteRequest: { type: object, required: [command], properties: { command: { type: string }, cwd: { type: string }, timeout: { type: integer } } }\n    Base: { type: object, required: [id], properties: { id: { type: string } } }\n",
    );
    std::fs::write(dir.path().join("spec.yaml"), spec).expect("write spec");
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn exec_ok(&self, c: &str) -> R { self.http.post(format!("{}/exec", self.base)).json(&json!({ "command": c })).send() }
    fn exec_typo(&self, c: &str) -> R { self.http.post(format!("{}/exec", self.base)).json(&json!({ "command": c, "cwdd": "/" })).send() }
    fn exec_missing(&self) -> R { self.http.post(format!("{}/exec", self.base)).json(&json!({ "cwd": "/" })).send() }
    fn exec_struct(&self, req: &Req) -> R { self.http.post(format!("{}/exec", self.base)).json(req).send() }
    fn strict_extra(&self) -> R { self.http.post(format!("{}/strict", self.base)).json(&json!({ "a": "1", "c": "2" })).send() }
    fn composite_ok(&self) -> R { self.http.post(format!("{}/composite", self.base)).json(&json!({ "id": "1", "extra": "x" })).send() }
    fn composite_missing(&self) -> R { self.http.post(format!("{}/composite", self.base)).json(&json!({ "extra": "x" })).send() }
    fn either(&self) -> R { self.http.post(format!("{}/either", self.base)).json(&json!({ "zzz": 1 })).send() }
    fn labels(&self) -> R { self.http.post(format!("{}/labels", self.base)).json(&json!({ "name": "n", "team": "t" })).send() }
    fn exec_computed(&self, k: &str) -> R { self.http.post(format!("{}/exec", self.base)).json(&json!({ (k): "x" })).send() }
    fn exec_struct_typed(&self, body: &ExecBody) -> R { self.http.post(format!("{}/exec", self.base)).json(body).send() }
    fn exec_struct_literal(&self) -> R { self.http.post(format!("{}/exec", self.base)).json(&Limits { timeout: 1 }).send() }
    fn exec_let(&self) -> R { let body = json!({ "cwd": "/" }); self.http.post(format!("{}/exec", self.base)).json(&body).send() }
    fn exec_let_mut(&self, c: &str) -> R { let mut body = json!({ "cwd": "/" }); body["command"] = c.into(); self.http.post(format!("{}/exec", self.base)).json(&body).send() }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecBody {
    command: String,
    work_dir: String,
    #[serde(flatten)]
    limits: Limits,
}

#[derive(Serialize)]
struct Limits { timeout: u32 }
"#,
    )
    .expect("write client");
    let findings = |spec: &str| body_findings(dir.path(), spec, "help");
    assert_eq!(
        findings("spec.yaml"),
        vec![
            "composite_missing RL302 error add `\"id\": …` to the body",
            // `zzz` is a field of neither branch of the `oneOf`.
            "either RL301 warning `Base | ExecuteRequest` has: `command`, `cwd`, `id`, `timeout`",
            // A `let` of a `json!` literal is that literal (a `let mut` may gain keys later,
            // as `exec_let_mut` does: not judged).
            "exec_let RL302 error add `\"command\": …` to the body",
            "exec_missing RL302 error add `\"command\": …` to the body",
            // A struct literal, and a parameter's type: their `Serialize` fields are the keys
            // (`work_dir` sent as `workDir`, `timeout` through `flatten`).
            "exec_struct_literal RL302 error add `\"command\": …` to the body",
            "exec_struct_typed RL301 warning `ExecuteRequest` has: `command`, `cwd`, `timeout`",
            "exec_typo RL301 warning did you mean `cwd`?",
            "strict_extra RL301 error the body of `POST /strict` has: `a`, `b`",
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>(),
        "a struct of unknown fields, a computed key and a map schema's keys are not judged"
    );
    // The finding points at the key, and offers (for review) the field that was meant.
    let typo = cwdd_on_line_3(dir.path());
    assert_eq!(typo["fix"]["applicability"], "unsafe");
    // A struct's field: the finding is where the field is declared, with no rename offered.
    let report = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    )
    .json();
    let work_dir = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("`workDir`"))
        })
        .expect("the workDir finding")
        .clone();
    let source = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    let declared = source
        .lines()
        .position(|l| l.trim() == "work_dir: String,")
        .expect("field line");
    assert_eq!(work_dir["file"], "client.rs");
    assert_eq!(work_dir["line"].as_u64(), Some(declared as u64 + 1));
    assert_eq!(work_dir["column"], 5);
    assert!(work_dir["fix"].is_null(), "{work_dir}");
    assert!(
        work_dir["message"]
            .as_str()
            .is_some_and(|m| m.contains("(sent by `ExecBody`)")),
        "{work_dir}"
    );
    let diff = typo["fix"]["diff"].as_str().expect("diff");
    assert!(
        diff.contains("+    fn exec_typo(&self, c: &str) -> R { self.http.post(format!(\"{}/exec\", self.base)).json(&json!({ \"command\": c, \"cwd\": \"/\" })).send() }"),
        "{diff}"
    );
    // Swagger 2.0: the `in: body` parameter's schema.
    write_file(
        dir.path(),
        "swagger.yaml",
        "swagger: '2.0'\ninfo: { title: B, version: '1' }\npaths:\n  /exec:\n    post:\n      parameters: [ { in: body, name: req, required: true, schema: { $ref: '#/definitions/ExecuteRequest' } } ]\n      responses: { '200': { description: ok } }\ndefinitions:\n  ExecuteRequest: { type: object, required: [command], properties: { command: { type: string }, cwd: { type: string } } }\n",
    );
    assert_eq!(
        findings("swagger.yaml"),
        vec![
            "exec_let RL302 error add `\"command\": …` to the body",
            "exec_missing RL302 error add `\"command\": …` to the body",
            // This schema has no `timeout`.
            "exec_struct_literal RL301 warning `ExecuteRequest` has: `command`, `cwd`",
            "exec_struct_literal RL302 error add `\"command\": …` to the body",
            "exec_struct_typed RL301 warning `ExecuteRequest` has: `command`, `cwd`",
            "exec_struct_typed RL301 warning `ExecuteRequest` has: `command`, `cwd`",
            "exec_typo RL301 warning did you mean `cwd`?",
        ]
    );
}

#[test]
fn serde_attributes_and_enum_representations_decide_the_keys_a_body_sends() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: S, version: '1' }\npaths:\n  /things:\n    post:\n      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }\n      responses: { '201': { description: ok } }\ncomponents:\n  schemas:\n    Thing: { type: object, required: [name, kind], additionalProperties: false, properties: { name: { type: string }, kind: { type: string }, displayName: { type: string }, note: { type: string }, count: { type: integer }, items: { type: array, items: { type: object } } } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn post(&self, body: &impl Serialize) -> R { self.http.post(format!("{}/things", self.base)).json(body).send() }
    fn good(&self, body: &Good) -> R { self.http.post(format!("{}/things", self.base)).json(body).send() }
    fn bad_rename(&self, body: &BadRename) -> R { self.http.post(format!("{}/things", self.base)).json(body).send() }
    fn struct_tag(&self, body: &Tagged) -> R { self.http.post(format!("{}/things", self.base)).json(body).send() }
    fn transparent(&self, body: &Wrapper) -> R { self.http.post(format!("{}/things", self.base)).json(body).send() }
    fn internal(&self, name: String) -> R { self.http.post(format!("{}/things", self.base)).json(&Cmd::CreateThing { name }).send() }
    fn internal_newtype(&self, n: NoteOnly) -> R { self.http.post(format!("{}/things", self.base)).json(&Cmd::Noted(n)).send() }
    fn untagged_let(&self, name: String) -> R { let body = Either::Short { name }; self.http.post(format!("{}/things", self.base)).json(&body).send() }
    fn untagged(&self, name: String) -> R { self.http.post(format!("{}/things", self.base)).json(&Either::Short { name }).send() }
    fn untagged_full(&self, name: String, kind: String) -> R { self.http.post(format!("{}/things", self.base)).json(&Either::Full { name, kind }).send() }
    fn external(&self, name: String) -> R { self.http.post(format!("{}/things", self.base)).json(&Ext::Thing { name }).send() }
    fn any_variant(&self, cmd: &Cmd) -> R { self.http.post(format!("{}/things", self.base)).json(cmd).send() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Good {
    name: String,
    #[serde(rename = "kind")]
    kind_of: String,
    display_name: String,
    #[serde(skip)]
    cache: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default)]
    count: u32,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct BadRename {
    name: String,
    #[serde(rename = "knd")]
    kind: String,
}

#[derive(Serialize)]
#[serde(tag = "kind")]
struct Tagged { name: String }

#[derive(Serialize)]
#[serde(transparent)]
struct Wrapper { inner: Good }

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Cmd {
    CreateThing { name: String },
    Noted(NoteOnly),
}

#[derive(Serialize)]
struct NoteOnly { name: String, nte: String }

/// Shares its name with a variant of `Cmd`, whose bodies must not take its keys.
#[derive(Serialize)]
struct CreateThing { zzz: u8 }

#[derive(Serialize)]
#[serde(untagged)]
enum Either {
    Full { name: String, kind: String },
    Short { name: String },
}

#[derive(Serialize)]
enum Ext {
    Thing { name: String },
}
"#,
    )
    .expect("write client");
    assert_eq!(
        body_findings(dir.path(), "spec.yaml", "help"),
        [
            "bad_rename RL301 error did you mean `kind`?",
            "bad_rename RL302 error add `\"kind\": …` to the body",
            // Externally tagged: `{"Thing": {..}}`, one key the schema does not have.
            "external RL301 error `Thing` has: `count`, `displayName`, `items`, `kind`, `name`, `note`",
            "external RL302 error add `\"kind\": …` to the body",
            "external RL302 error add `\"name\": …` to the body",
            // Internally tagged newtype: the tag, then the inner struct's fields.
            "internal_newtype RL301 error did you mean `note`?",
            // Untagged: the variant's fields alone (a literal, or a `let` of one).
            "untagged RL302 error add `\"kind\": …` to the body",
            "untagged_let RL302 error add `\"kind\": …` to the body",
        ],
        "a variant of unknown value (`any_variant`) and a `transparent` struct are not judged"
    );
    // The clean ones were judged, not skipped: the report lists what they send.
    for (function, sent) in [
        // `rename`, `rename_all`, `skip`; `skip_serializing_if` and `default` fields are sent.
        (
            "good",
            "`name`, `kind`, `displayName`, `note`, `count`, `items` ✓",
        ),
        // A struct's `tag` is a key.
        ("struct_tag", "`kind`, `name` ✓"),
        // `rename_all` on the enum names the tag's value, not the keys; the struct named
        // like the variant (`CreateThing { zzz }`) is not what the variant sends.
        ("internal", "`kind`, `name` ✓"),
        ("untagged_full", "`name`, `kind` ✓"),
        // What is wrong is said on the body's line.
        (
            "bad_rename",
            "`name`, `knd` ✗ missing `kind`; not in the schema: `knd`",
        ),
    ] {
        let line = body_line(dir.path(), function);
        assert!(
            line.ends_with(&format!("the client sends {sent}")),
            "{line}"
        );
    }
    for unjudged in ["transparent", "any_variant"] {
        assert_eq!(body_line(dir.path(), unjudged), "");
    }
}

#[test]
fn requests_finished_statement_by_statement_are_checked_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: S, version: '1' }\npaths:\n  /snapshot:\n    post:\n      parameters: [ { name: snapshot_path, in: query, required: true, schema: { type: string } } ]\n      responses: { '201': { description: ok } }\n  /things:\n    post:\n      requestBody: { required: true, content: { application/json: { schema: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string } } } } } }\n      responses: { '201': { description: ok } }\n  /search:\n    get:\n      parameters: [ { name: searchParameters, in: query, required: true, schema: { type: object, properties: { q: { type: string }, query_by: { type: string } } } } ]\n      responses: { '200': { description: ok } }\n  /multi:\n    post:\n      responses: { '200': { description: ok } }\n",
    );
    // The shapes openapi-generator's clients (`local_var_req_builder = local_var_req_builder
    // .query(..)`) and hand-written ones use.
    std::fs::write(
        dir.path().join("client.rs"),
        r#"pub async fn reassigned(client: &reqwest::Client, base: &str, p: &str) -> R {
    let uri = format!("{}/snapshot", base);
    let mut b = client.request(reqwest::Method::POST, uri.as_str());
    b = b.query(&[("snapshot_path", p)]);
    b.send().await
}
pub async fn shadowed(client: &reqwest::Client, base: &str, p: &str) -> R {
    let b = client.post(format!("{}/snapshot", base));
    let b = b.query(&[("snapshot_pth", p)]);
    b.send().await
}
pub async fn under_an_if(client: &reqwest::Client, base: &str, p: Option<&str>) -> R {
    let mut b = client.post(format!("{}/snapshot", base));
    if let Some(p) = p {
        b = b.query(&[("snapshot_path", p)]);
    }
    b.send().await
}
pub async fn never_added(client: &reqwest::Client, base: &str) -> R {
    let b = client.post(format!("{}/snapshot", base));
    b.send().await
}
pub async fn body_later(client: &reqwest::Client, base: &str, thing: Option<Thing>) -> R {
    let mut b = client.post(format!("{}/things", base));
    b = b.json(&thing);
    b.send().await
}
pub async fn no_body(client: &reqwest::Client, base: &str) -> R {
    let mut b = client.post(format!("{}/things", base));
    b = b.header("x-trace", "1");
    b.send().await
}
pub async fn shadowed_twice(client: &reqwest::Client, base: &str, thing: &Thing) -> R {
    let builder = client.post(format!("{}/things", base));
    #[cfg(feature = "headers")]
    let builder = builder.header("x-trace", "1");
    builder.json(thing).send().await
}
pub async fn shadowed_unsent_body(client: &reqwest::Client, base: &str) -> R {
    let builder = client.post(format!("{}/things", base));
    let builder = builder.header("x-trace", "1");
    builder.send().await
}
pub async fn search(client: &reqwest::Client, base: &str, params: &SearchParams) -> R {
    let mut b = client.get(format!("{}/search", base));
    b = b.query(params);
    b.send().await
}
pub async fn multi(client: &reqwest::Client, base: &str, params: &SearchParams) -> R {
    let mut b = client.post(format!("{}/multi", base));
    b = b.query(params);
    b.send().await
}
impl Api {
    fn build(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{}", self.base, path))
    }
    async fn through_a_wrapper(&self, thing: &Thing) -> R {
        let mut request = self.build(Method::POST, "/things");
        request = request.json(thing);
        self.send(request).await
    }
}
#[derive(Serialize)]
pub struct Thing { nmae: String }
#[derive(Serialize)]
pub struct SearchParams { q: String, query_by: String, filter_by: String, sort_by: String }
"#,
    )
    .expect("write client");
    let report = check_report(dir.path(), "spec.yaml", "client.rs");
    assert_eq!(
        finding_summary(&report, "message"),
        [
            // `Option<Thing>` sent as the body is a `Thing`.
            "body_later RL301 body field `nmae` (sent by `Thing`) is not a field of the body of `POST /things`; the server refuses it (`additionalProperties: false`)",
            "body_later RL302 the body of `POST /things` requires `name`; the body (sent by `Thing`) does not send it",
            // A struct sent as the query of an operation that takes none: one finding.
            "multi RL202 4 query parameters (`filter_by`, `q`, `query_by`, `sort_by`) are not declared by `POST /multi`",
            "never_added RL203 `POST /snapshot` requires the query parameter `snapshot_path`; the call does not send it",
            "no_body RL304 the call sends no body; `POST /things` requires one",
            "shadowed RL202 query parameter `snapshot_pth` is not declared by `POST /snapshot`",
            "shadowed RL203 `POST /snapshot` requires the query parameter `snapshot_path`; the call does not send it",
            // Through `let builder = builder.header(..)` (under a `cfg` or not), to the body
            // and the sending.
            "shadowed_twice RL301 body field `nmae` (sent by `Thing`) is not a field of the body of `POST /things`; the server refuses it (`additionalProperties: false`)",
            "shadowed_twice RL302 the body of `POST /things` requires `name`; the body (sent by `Thing`) does not send it",
            "shadowed_unsent_body RL304 the call sends no body; `POST /things` requires one",
            "through_a_wrapper RL301 body field `nmae` (sent by `Thing`) is not a field of the body of `POST /things`; the server refuses it (`additionalProperties: false`)",
            "through_a_wrapper RL302 the body of `POST /things` requires `name`; the body (sent by `Thing`) does not send it",
        ],
        "a query added later (`reassigned`), maybe (`under_an_if`), or as an exploded object's \
         keys (`search`) is sent"
    );
}

#[test]
fn values_bound_before_the_request_give_its_query_and_body() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: D, version: '1' }\npaths:\n  /languages:\n    get:\n      parameters: [ { name: type, in: query, schema: { type: string } } ]\n      responses: { '200': { description: ok } }\n  /document:\n    post:\n      requestBody: { content: { application/x-www-form-urlencoded: { schema: { type: object, additionalProperties: false, required: [document_key], properties: { document_key: { type: string }, document_id: { type: string } } } } } }\n      responses: { '200': { description: ok } }\n  /glossaries:\n    post:\n      requestBody: { content: { application/json: { schema: { type: object, additionalProperties: false, required: [name], properties: { name: { type: string }, entries: { type: string } } } } } }\n      responses: { '200': { description: ok } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn languages_ok(&self, t: &str) -> R { let q = vec![("type", t)]; self.http.get(format!("{}/languages", self.base)).query(&q).send() }
    fn languages_typo(&self, t: &str) -> R { let q = [("typ", t)]; self.http.get(format!("{}/languages", self.base)).query(&q).send() }
    fn document_typo(&self, k: &str) -> R { let form = [("document_key", k), ("documnet_id", k)]; self.http.post(format!("{}/document", self.base)).form(&form).send() }
    fn document_ok(&self, k: &str) -> R { let form = vec![("document_key", k)]; self.http.post(format!("{}/document", self.base)).form(&form).send() }
    fn from_glossary(&self, g: &Glossary) -> R { let fields = CreateGlossary::from(g); self.http.post(format!("{}/glossaries", self.base)).json(&fields).send() }
    fn new_glossary(&self) -> R { let fields = CreateGlossary::new("x")?; self.http.post(format!("{}/glossaries", self.base)).json(&fields).send() }
    fn to_value_let(&self, g: &CreateGlossary) -> R { let payload = serde_json::to_value(&g)?; self.http.post(format!("{}/glossaries", self.base)).json(&payload).send() }
    fn to_value_inline(&self, g: &CreateGlossary) -> R { self.http.post(format!("{}/glossaries", self.base)).json(&serde_json::to_value(g)?).send() }
    fn to_value_shadowing(&self, g: &CreateGlossary) -> R { let g = serde_json::to_value(&g)?; self.http.post(format!("{}/glossaries", self.base)).json(&g).send() }
    fn made_elsewhere(&self) -> R { let fields = make_fields(); self.http.post(format!("{}/glossaries", self.base)).json(&fields).send() }
    fn aliased(&self, glossary: CreateGlossary) -> R { let p_body_glossary = glossary; self.http.post(format!("{}/glossaries", self.base)).json(&p_body_glossary).send() }
    fn rebound(&self, g: CreateGlossary) -> R { let mut g = g; g.name.push('!'); let body = g; self.http.post(format!("{}/glossaries", self.base)).json(&body).send() }
    fn generic(&self, g: Wrapped<u8>) -> R { self.http.post(format!("{}/glossaries", self.base)).json(&g).send() }
    fn flattened_option(&self, g: WithOptions) -> R { self.http.post(format!("{}/glossaries", self.base)).json(&g).send() }
    fn serialized_by_hand(&self, g: &Folded) -> R { self.http.post(format!("{}/glossaries", self.base)).json(g).send() }
}
#[derive(Serialize)]
struct CreateGlossary { name: String, entris: String }
#[derive(Serialize)]
struct Wrapped<T> { name: String, entries: String, extra: T }
#[derive(Serialize)]
struct WithOptions { name: String, #[serde(flatten)] options: Option<Options> }
#[derive(Serialize)]
struct Options { entris: String }
/// Its derive is only a helper: the `Serialize` impl written by hand folds `zzz` away.
#[derive(Serialize)]
#[serde(remote = "Self")]
struct Folded { name: String, zzz: String }
"#,
    )
    .expect("write client");
    let report = check_report(dir.path(), "spec.yaml", "client.rs");
    assert_eq!(
        finding_summary(&report, "help"),
        [
            // `let` of a parameter, then of that.
            "aliased RL301 did you mean `entries`?",
            "document_typo RL301 did you mean `document_id`?",
            "flattened_option RL301 did you mean `entries`?",
            "from_glossary RL301 did you mean `entries`?",
            // `Wrapped<T>`'s fields, whatever `T`.
            "generic RL301 the body of `POST /glossaries` has: `entries`, `name`",
            "languages_typo RL202 did you mean `type`?",
            "new_glossary RL301 did you mean `entries`?",
            "rebound RL301 did you mean `entries`?",
            "to_value_inline RL301 did you mean `entries`?",
            "to_value_let RL301 did you mean `entries`?",
            "to_value_shadowing RL301 did you mean `entries`?",
        ],
        "the pairs of a `let` are the query's or form's keys; a struct made by its constructor \
         or turned into a `Value` is that struct; a value made by an unknown fn, or a struct \
         serialized by hand (`remote = \"Self\"`), is not judged"
    );
}

#[test]
fn a_builder_sending_itself_and_types_named_in_several_modules() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: G, version: '1' }\npaths:\n  /user/repos:\n    post:\n      requestBody: { content: { application/json: { schema: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string }, private: { type: boolean } } } } } }\n      responses: { '201': { description: ok } }\n  /orgs/{org}/repos:\n    post:\n      parameters: [ { name: org, in: path, required: true, schema: { type: string } } ]\n      requestBody: { content: { application/json: { schema: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string }, team: { type: string } } } } } }\n      responses: { '201': { description: ok } }\n  /user/orgs:\n    get:\n      parameters: [ { name: page, in: query, schema: { type: integer } } ]\n      responses: { '200': { description: ok } }\n",
    );
    // gitea-sdk's style: a builder per request, named alike in several modules, that sends
    // itself (`.json(self)`, `.query(self)`).
    write_file(
        dir.path(),
        "src/user.rs",
        r#"#[derive(Serialize)]
pub struct CreateRepoBuilder { name: String, privat: bool }
impl CreateRepoBuilder {
    pub async fn send(&self, client: &Client) -> R { client.post("user/repos").json(self).send().await }
}
#[derive(Serialize)]
pub struct Orgs { page: u32, limt: u32 }
impl Orgs {
    pub async fn send(&self, client: &Client) -> R { client.get("user/orgs").query(self).send().await }
}
"#,
    );
    write_file(
        dir.path(),
        "src/org.rs",
        r#"#[derive(Serialize)]
pub struct CreateRepoBuilder { #[serde(skip)] org: String, name: String, team: String }
impl CreateRepoBuilder {
    pub async fn send(&self, client: &Client) -> R {
        let this = self;
        client.post(format!("orgs/{}/repos", self.org)).json(this).send().await
    }
}
"#,
    );
    // A type named with its module is that module's, whatever the call's file declares.
    write_file(
        dir.path(),
        "src/api.rs",
        r#"#[derive(Serialize)]
struct CreateRepoBuilder { verbose: bool }
pub async fn create(client: &Client) -> R {
    client.post("user/repos").json(&crate::user::CreateRepoBuilder { name: "n".into(), privat: false }).send().await
}
"#,
    );
    let report = check_report(dir.path(), "spec.yaml", "src");
    let mut seen: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] != "RL105")
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["code"].as_str().unwrap_or(""),
                f["help"].as_str().unwrap_or("")
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            // Once for the builder sending itself, once for `api.rs`'s `crate::user::..`.
            "src/user.rs:2 RL301 did you mean `private`?",
            "src/user.rs:2 RL301 did you mean `private`?",
            "src/user.rs:9 RL202 `GET /user/orgs` takes: `page`",
        ],
        "each builder is judged by its own module's struct; the org one (a `let` of `self`) is right"
    );
    let calls = report["calls"].as_array().expect("calls");
    let org = calls
        .iter()
        .find(|c| c["file"] == "src/org.rs")
        .expect("the org call");
    assert_eq!(org["body"]["keys"], serde_json::json!(["name", "team"]));
}

#[test]
fn one_of_and_any_of_bodies_are_judged_by_what_holds_for_every_branch() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.1.0\ninfo: { title: B, version: '1' }\npaths:\n  /pets:\n    post:\n      requestBody: { content: { application/json: { schema: { oneOf: [ { $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' } ], discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/Cat', dog: Dog } } } } } }\n      responses: { '200': { description: ok } }\n  /either:\n    post:\n      requestBody: { content: { application/json: { schema: { anyOf: [ { $ref: '#/components/schemas/Cat' }, { type: string } ] } } } }\n      responses: { '200': { description: ok } }\n  /nullable:\n    post:\n      requestBody: { content: { application/json: { schema: { anyOf: [ { $ref: '#/components/schemas/Cat' }, { type: 'null' } ] } } } }\n      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n    Cat: { type: object, required: [kind, name], additionalProperties: false, properties: { kind: { type: string }, name: { type: string }, lives: { type: integer } } }\n    Dog: { type: object, required: [kind], additionalProperties: false, properties: { kind: { type: string }, name: { type: string }, bark: { type: boolean } } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn cat(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "cat", "name": "Tom", "lives": 9 })).send() }
    fn dog(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "dog", "bark": true })).send() }
    fn no_kind(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "name": "Rex" })).send() }
    fn typo(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "dog", "barks": true })).send() }
    fn unreadable_branch(&self) -> R { self.http.post(format!("{}/either", self.base)).json(&json!({ "zzz": 1 })).send() }
    fn nullable(&self) -> R { self.http.post(format!("{}/nullable", self.base)).json(&json!({ "kind": "cat" })).send() }
    fn dog_with_lives(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "dog", "lives": 9 })).send() }
    fn cat_without_name(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "cat" })).send() }
    fn unmapped_kind(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&json!({ "kind": "cow", "lives": 9, "barks": true })).send() }
    fn nullable_ok(&self) -> R { self.http.post(format!("{}/nullable", self.base)).json(&json!({ "kind": "cat", "name": "Tom" })).send() }
    fn typed_dog(&self) -> R { self.http.post(format!("{}/pets", self.base)).json(&Pet::Dog { bark: true, lives: 1 }).send() }
}
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Pet { Cat { name: String }, Dog { bark: bool, lives: u8 } }
"#,
    )
    .expect("write client");
    assert_eq!(
        body_findings(dir.path(), "spec.yaml", "message"),
        [
            // The discriminator's value picks the branch (`mapping`, to a `$ref` or a name).
            "cat_without_name RL302 error `Cat` requires `name`; the body does not send it",
            "dog_with_lives RL301 error body field `lives` is not a field of `Dog`; the server refuses it (`additionalProperties: false`)",
            // Without it, `kind` is required by both branches; `name` by one only, so it is
            // not asked for.
            "no_kind RL302 error `Cat | Dog` requires `kind`; the body does not send it",
            // A `null` branch (3.1's nullable) adds nothing: this is `Cat`.
            "nullable RL302 error `Cat` requires `name`; the body does not send it",
            // An enum's tag is its discriminator's value.
            "typed_dog RL301 error body field `lives` (sent by `Pet::Dog`) is not a field of `Dog`; the server refuses it (`additionalProperties: false`)",
            "typo RL301 error body field `barks` is not a field of `Dog`; the server refuses it (`additionalProperties: false`)",
            // A value the mapping does not name: judged by what holds for every branch (both
            // refuse unknown fields: an error).
            "unmapped_kind RL301 error body field `barks` is not a field of `Cat | Dog`; the server refuses it (`additionalProperties: false`)",
        ],
        "a branch that is not an object leaves the body unjudged"
    );
    // The right `anyOf` body was judged, not skipped.
    assert!(body_line(dir.path(), "nullable_ok").ends_with('✓'));
}

#[test]
fn nested_json_objects_are_checked_against_the_fields_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: K, version: '1' }\npaths:\n  /pods:\n    post:\n      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Pod' } } } }\n      responses: { '201': { description: ok } }\ncomponents:\n  schemas:\n    Pod: { type: object, required: [metadata], properties: { metadata: { $ref: '#/components/schemas/ObjectMeta' }, spec: { type: object, properties: { image: { type: string } } }, containers: { type: array, items: { $ref: '#/components/schemas/Container' } } } }\n    Container: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string }, image: { type: string } } }\n    ObjectMeta: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string }, labels: { type: object, additionalProperties: { type: string } } } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn ok(&self) -> R { self.http.post(format!("{}/pods", self.base)).json(&json!({ "metadata": { "name": "a", "labels": { "x": "y" } }, "spec": { "image": "i" } })).send() }
    fn typo(&self) -> R { self.http.post(format!("{}/pods", self.base)).json(&json!({ "metadata": { "nmae": "a" } })).send() }
    fn unseen(&self, meta: &Meta) -> R { self.http.post(format!("{}/pods", self.base)).json(&json!({ "metadata": meta })).send() }
    fn typed(&self, pod: &Pod) -> R { self.http.post(format!("{}/pods", self.base)).json(pod).send() }
    fn post<B: Serialize>(&self, path: &str, body: &B) -> R { self.http.post(format!("{}{}", self.base, path)).json(body).send() }
    fn wrapped(&self) -> R { self.post("/pods", &json!({ "metadata": { "name": "a", "lables": {} } })) }
    fn items_ok(&self) -> R { self.http.post(format!("{}/pods", self.base)).json(&json!({ "metadata": { "name": "a" }, "containers": [{ "name": "c", "image": "i" }, { "name": "d" }] })).send() }
    fn items_typo(&self) -> R { self.http.post(format!("{}/pods", self.base)).json(&json!({ "metadata": { "name": "a" }, "containers": [{ "name": "c" }, { "nmae": "d" }] })).send() }
    fn typed_items(&self, spec: &PodSpec) -> R { self.http.post(format!("{}/pods", self.base)).json(spec).send() }
}

#[derive(Serialize)]
struct PodSpec { metadata: Meta, containers: Vec<Container> }

#[derive(Serialize)]
struct Container { name: String, imgae: String }

#[derive(Serialize)]
struct Pod { metadata: Option<Meta> }

#[derive(Serialize)]
struct Meta {
    name: String,
    label: String,
}
"#,
    )
    .expect("write client");
    assert_eq!(
        body_findings(dir.path(), "spec.yaml", "message"),
        [
            // Each object of an array, against the schema of the array's items.
            "items_typo RL301 error body field `containers.nmae` is not a field of `Container` (the `containers` of `Pod`); the server refuses it (`additionalProperties: false`)",
            "items_typo RL302 error `Container` (the `containers` of `Pod`) requires `name`; the body does not send it in `containers`",
            // A struct's struct field: its fields are the nested keys.
            "typed RL301 error body field `metadata.label` (sent by `Pod`) is not a field of `ObjectMeta` (the `metadata` of `Pod`); the server refuses it (`additionalProperties: false`)",
            "typed_items RL301 error body field `containers.imgae` (sent by `PodSpec`) is not a field of `Container` (the `containers` of `Pod`); the server refuses it (`additionalProperties: false`)",
            "typed_items RL301 error body field `metadata.label` (sent by `PodSpec`) is not a field of `ObjectMeta` (the `metadata` of `Pod`); the server refuses it (`additionalProperties: false`)",
            "typo RL301 error body field `metadata.nmae` is not a field of `ObjectMeta` (the `metadata` of `Pod`); the server refuses it (`additionalProperties: false`)",
            "typo RL302 error `ObjectMeta` (the `metadata` of `Pod`) requires `name`; the body does not send it in `metadata`",
            // Through a wrapper, the caller's object is what is sent.
            "wrapped RL301 error body field `metadata.lables` is not a field of `ObjectMeta` (the `metadata` of `Pod`); the server refuses it (`additionalProperties: false`)",
        ],
        "right keys, a map's keys and a value routelint cannot see are not judged"
    );
    // The report's line for the body says what is wrong inside it, not ✓.
    let line = body_line(dir.path(), "items_typo");
    assert!(
        line.ends_with("✗ missing `containers.name`; not in the schema: `containers.nmae`"),
        "{line}"
    );
    assert!(body_line(dir.path(), "items_ok").ends_with('✓'));
    // The finding is at the nested key, with the rename offered for review.
    let report = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--format",
            "json",
            "client.rs",
        ],
    )
    .json();
    let typo = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("`metadata.nmae`"))
        })
        .expect("the nmae finding")
        .clone();
    let source = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    let line = source.lines().nth(2).expect("line 3");
    assert_eq!(typo["line"], 3);
    assert_eq!(
        typo["column"].as_u64(),
        line.find("\"nmae\"").map(|c| c as u64 + 1)
    );
    assert!(
        typo["fix"]["diff"]
            .as_str()
            .is_some_and(|d| d.contains(r#"json!({ "metadata": { "name": "a" } })"#)),
        "{typo}"
    );
}

#[test]
fn map_and_form_bodies_are_checked_against_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(
        dir.path(),
        "spec.yaml",
        "openapi: 3.0.3\ninfo: { title: B, version: '1' }\npaths:\n  /exec:\n    post:\n      requestBody: { content: { application/json: { schema: { type: object, required: [command], properties: { command: { type: string }, cwd: { type: string } } } } } }\n      responses: { '200': { description: ok } }\n  /token:\n    post:\n      requestBody: { content: { application/x-www-form-urlencoded: { schema: { $ref: '#/components/schemas/TokenForm' } } } }\n      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n    TokenForm: { type: object, required: [grant_type], additionalProperties: false, properties: { grant_type: { type: string }, username: { type: string }, password: { type: string } } }\n",
    );
    write_file(
        dir.path(),
        "swagger.yaml",
        "swagger: '2.0'\ninfo: { title: B, version: '1' }\npaths:\n  /token:\n    post:\n      consumes: [application/x-www-form-urlencoded]\n      parameters:\n        - { in: formData, name: grant_type, type: string, required: true }\n        - { in: formData, name: username, type: string }\n        - { in: formData, name: password, type: string }\n      responses: { '200': { description: ok } }\n",
    );
    std::fs::write(
        dir.path().join("client.rs"),
        r#"impl Api {
    fn exec_map_ok(&self, c: &str) -> R { let mut body = HashMap::new(); body.insert("command", c); self.http.post(format!("{}/exec", self.base)).json(&body).send() }
    fn exec_map_typo(&self, c: &str) -> R { let mut body = HashMap::new(); body.insert("command", c); body.insert("cwdd".to_string(), "/"); self.http.post(format!("{}/exec", self.base)).json(&body).send() }
    fn exec_map_lent(&self, e: &E) -> R { let mut body = HashMap::new(); body.insert("cwdd", "/"); e.fill(&mut body); self.http.post(format!("{}/exec", self.base)).json(&body).send() }
    fn token_ok(&self, u: &str) -> R { self.http.post(format!("{}/token", self.base)).form(&[("grant_type", "password"), ("username", u)]).send() }
    fn token_typo(&self, u: &str) -> R { self.http.post(format!("{}/token", self.base)).form(&[("grant_type", "password"), ("usrname", u)]).send() }
    fn token_missing(&self, u: &str) -> R { self.http.post(format!("{}/token", self.base)).form(&[("username", u)]).send() }
    fn token_struct(&self, login: &Login) -> R { self.http.post(format!("{}/token", self.base)).form(login).send() }
    fn token_struct_ok(&self, grant: &Grant) -> R { self.http.post(format!("{}/token", self.base)).form(grant).send() }
}

#[derive(Serialize)]
struct Login { username: String, password: String }

#[derive(Serialize)]
struct Grant { grant_type: String, username: String }
"#,
    )
    .expect("write client");
    let findings = |spec: &str| body_findings(dir.path(), spec, "help");
    assert_eq!(
        findings("spec.yaml"),
        [
            "exec_map_typo RL301 warning did you mean `cwd`?",
            "token_missing RL302 error add `(\"grant_type\", …)` to the form",
            "token_struct RL302 error add `(\"grant_type\", …)` to the form",
            "token_typo RL301 error did you mean `username`?",
        ],
        "a map lent out as `&mut` is not judged"
    );
    // The struct form with every required field was judged, not skipped.
    assert!(body_line(dir.path(), "token_struct_ok").ends_with('✓'));
    // The map's key is where the finding points, and the rename keeps `.to_string()`.
    let typo = cwdd_on_line_3(dir.path());
    let diff = typo["fix"]["diff"].as_str().expect("diff");
    assert!(
        diff.contains("body.insert(\"cwd\".to_string(), \"/\");"),
        "{diff}"
    );
    // Swagger 2.0: the `formData` parameters are the form's fields (open: a warning).
    assert_eq!(
        findings("swagger.yaml"),
        [
            "token_missing RL302 error add `(\"grant_type\", …)` to the form",
            "token_struct RL302 error add `(\"grant_type\", …)` to the form",
            "token_typo RL301 warning did you mean `username`?",
        ]
    );
}

#[test]
fn required_headers_are_checked_where_every_header_is_seen() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("spec.yaml"),
        r#"openapi: 3.0.3
info: { title: H, version: "1" }
paths:
  /items:
    get:
      parameters:
        - { name: X-Org-Id, in: header, required: true, schema: { type: string } }
        - { name: Authorization, in: header, required: true, schema: { type: string } }
        - { name: X-Trace, in: header, schema: { type: string } }
      responses: { "200": { description: ok } }
"#,
    )
    .expect("write spec");
    let client = r#"impl Api {
    fn none(&self) -> R { self.http.get(format!("{}/items", self.base)).send() }
    fn all(&self, org: &str) -> R { self.http.get(format!("{}/items", self.base)).header("x-org-id", org).bearer_auth(&self.token).send() }
    fn by_const(&self, org: &str) -> R { self.http.get(format!("{}/items", self.base)).header(reqwest::header::AUTHORIZATION, &self.token).header("X-Org-Id", org).send() }
    fn opaque(&self, map: HeaderMap) -> R { self.http.get(format!("{}/items", self.base)).headers(map).send() }
    fn named_elsewhere(&self, name: &str) -> R { self.http.get(format!("{}/items", self.base)).header(name, "1").send() }
}
"#;
    std::fs::write(dir.path().join("client.rs"), client).expect("write client");
    let missing = |dir: &std::path::Path| -> Vec<String> {
        let run = routelint(
            dir,
            &["check", "--spec", "spec.yaml", "--format", "json", "."],
        );
        let report = run.json();
        let mut seen: Vec<String> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"] == "RL204")
            .map(|f| {
                format!(
                    "{}: {}",
                    finding_function(&report, f),
                    f["message"].as_str().unwrap_or("")
                )
            })
            .collect();
        seen.sort();
        seen
    };
    assert_eq!(
        missing(dir.path()),
        vec![
            "none: `GET /items` requires the header `Authorization`; the call does not set it",
            "none: `GET /items` requires the header `X-Org-Id`; the call does not set it",
        ]
    );
    // A client built with default headers may send them on any request.
    write_file(
        dir.path(),
        "build.rs",
        "fn client() -> Client { Client::builder().default_headers(headers()).build().unwrap() }\n",
    );
    assert_eq!(missing(dir.path()), Vec::<String>::new());
}

#[test]
fn out_of_line_test_modules_are_test_code() {
    let dir = example_copy();
    let client = std::fs::read_to_string(dir.path().join("client.rs")).expect("read");
    std::fs::remove_file(dir.path().join("client.rs")).expect("remove");
    write_file(
        dir.path(),
        "lib.rs",
        &format!("{client}\n#[cfg(test)]\nmod tests;\nmod real;\n"),
    );
    // Says nothing of being a test: its declaration does. So do the modules below it.
    write_file(
        dir.path(),
        "tests.rs",
        "mod helpers;\nconst BASE: &str = \"http://localhost:1\";\nfn mocked(c: &C) { c.http.get(format!(\"{BASE}/nope\")).send(); }\n",
    );
    std::fs::create_dir_all(dir.path().join("tests")).expect("mkdir");
    write_file(
        dir.path(),
        "tests/helpers.rs",
        "fn helper(c: &C) { c.http.delete(format!(\"{}/gone\", c.base)).send(); }\n",
    );
    // A module that is not a test: its call is the client's.
    write_file(
        dir.path(),
        "real.rs",
        "fn real(c: &C) { c.http.get(format!(\"{}/nope\", c.base)).send(); }\n",
    );
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "."],
    );
    let report = run.json();
    assert_eq!(report["summary"]["calls"], 10, "{}", run.stderr);
    assert_eq!(report["summary"]["test_calls"], 2);
    let functions: Vec<&str> = report["test_calls"]
        .as_array()
        .expect("test calls")
        .iter()
        .filter_map(|c| c["function"].as_str())
        .collect();
    assert_eq!(functions, ["mocked", "helper"]);
}

/// A URL bound to one of two paths (`let url = match id { Some(id) => .., None => .. }`) is two
/// requests at one call: each checked, each literal fixed on its own; a method fix that one
/// path wants and the other does not is never made.
#[test]
fn a_path_that_is_one_of_two_is_checked_and_fixed_in_each_arm() {
    let dir = example_copy();
    let src = r#"
impl C {
    fn sandbox(&self, id: Option<&str>) {
        let url = match id {
            Some(id) => format!("{}/sandboxes/{id}", self.base_url),
            None => format!("{}/sandboxes", self.base_url),
        };
        self.http.get(&url).send();
    }
}
"#;
    std::fs::write(dir.path().join("alt.rs"), src).expect("write");
    let json = |dir: &std::path::Path| {
        routelint(
            dir,
            &["check", "--spec", "spec.yaml", "--format", "json", "alt.rs"],
        )
        .json()
    };
    let rows = call_rows(&json(dir.path()));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().all(|(_, status, _)| status == "mismatched"),
        "{rows:?}"
    );
    let fixed = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--fix", "alt.rs"],
    );
    assert!(fixed.stderr.contains("fixed"), "{}", fixed.stderr);
    let text = std::fs::read_to_string(dir.path().join("alt.rs")).expect("read");
    assert!(
        text.contains(r#"format!("{}/sandbox/{id}", self.base_url)"#),
        "{text}"
    );
    assert!(
        text.contains(r#"format!("{}/sandbox", self.base_url)"#),
        "{text}"
    );
    let rows = call_rows(&json(dir.path()));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().all(|(_, status, _)| status == "matched"),
        "{rows:?}"
    );

    // `/start` wants POST, `/sandbox/{id}` GET: the verb both share is left as it is (where
    // `/start` alone would be given POST).
    let src = r#"
impl C {
    fn start(&self, id: &str) {
        self.http.get(&format!("{}/sandbox/{id}/start", self.base_url)).send();
    }
    fn both(&self, id: &str, start: bool) {
        let url = if start {
            format!("{}/sandbox/{id}/start", self.base_url)
        } else {
            format!("{}/sandbox/{id}", self.base_url)
        };
        self.http.get(&url).send();
    }
}
"#;
    std::fs::write(dir.path().join("alt.rs"), src).expect("write");
    let report = json(dir.path());
    let method_fixes: Vec<(String, bool)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "method-not-allowed")
        .map(|f| (finding_function(&report, f), !f["fix"].is_null()))
        .collect();
    assert_eq!(
        method_fixes,
        [("start".to_string(), true), ("both".to_string(), false)]
    );
    routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            "spec.yaml",
            "--fix",
            "--unsafe-fixes",
            "alt.rs",
        ],
    );
    let after = std::fs::read_to_string(dir.path().join("alt.rs")).expect("read");
    assert!(after.contains("let url = if start"), "{after}");
    assert!(
        after.contains("        self.http.get(&url).send();"),
        "a method fix for one path broke the other: {after}"
    );
}

/// A call whose method is a value set at run time shows `?` as its method, in every report,
/// and its finding does not name a method it does not know.
#[test]
fn a_method_known_only_at_run_time_is_shown_as_unknown() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join(SPEC), dir.path().join("spec.yaml")).expect("copy spec");
    write_file(
        dir.path(),
        "src/lib.rs",
        r#"impl Client {
            pub async fn call(&self, method: reqwest::Method) -> Result<String> {
                let method = pick(method);
                self.http.request(method, format!("{}/sandbox", self.base_url)).send().await?.text().await
            }
        }"#,
    );
    let run = routelint(
        dir.path(),
        &["check", "--spec", "spec.yaml", "--format", "json", "src"],
    );
    let report = run.json();
    assert_eq!(report["calls"][0]["method"], "?", "{}", run.stdout);
    assert_eq!(report["calls"][0]["status"], "unresolved");
    let message = report["findings"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message
            .starts_with("cannot check this call: its method is `method`, known only at run time"),
        "{message}"
    );
    let table = routelint(dir.path(), &["calls", "src"]);
    let row = table
        .stdout
        .lines()
        .find(|l| l.contains("C1"))
        .unwrap_or_default();
    let cells: Vec<&str> = row.split('┆').map(str::trim).collect();
    assert_eq!(
        cells.get(1..3),
        Some(&["?", "/sandbox"][..]),
        "{}",
        table.stdout
    );
}
