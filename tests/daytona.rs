//! The seed review, automated: the nine calls of the reviewed client checked against the exact
//! Daytona spec the review used (`../shared/specs/daytona/openapi.yaml`, SHA-256 81a1e3f6…).
//! Needs `../shared` (CI has it; see `common::shared`).

mod common;

use common::{call_rows, example_copy, routelint, shared};
use std::process::Command;

const DAYTONA_SHA256: &str = "81a1e3f6af322fc03975edcfe3dfc36eb050cf5870598ba968667fbb3fb4f07d";

fn check(dir: &std::path::Path, spec: &std::path::Path) -> serde_json::Value {
    let spec = spec.to_str().expect("utf-8 path");
    let run = routelint(
        dir,
        &["check", "--spec", spec, "--format", "json", "client.rs"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.json()
}

#[test]
fn seed_review_against_the_real_spec() {
    let Some(shared) = shared() else { return };
    let spec = shared.join("specs/daytona/openapi.yaml");
    let dir = example_copy();
    let report = check(dir.path(), &spec);

    // The seed's open question ("Patch C"): is `{ "command": cmd }` what `ExecuteRequest` wants?
    let spec_arg = spec.to_str().expect("utf-8 path");
    let markdown = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            spec_arg,
            "--format",
            "markdown",
            "client.rs",
        ],
    );
    assert!(
        markdown.stdout.contains(
            "`exec`: `POST /toolbox/{sandboxId}/toolbox/process/execute` (the suggested operation): \
             `ExecuteRequest` requires `command`; the client sends `command` ✓"
        ),
        "{}",
        markdown.stdout
    );
    let exec = report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .find(|c| c["function"] == "exec")
        .expect("exec call");
    assert_eq!(
        exec["body"]["check"],
        serde_json::json!({
            "schema": "ExecuteRequest",
            "required": ["command"],
            "missing": [],
            "unknown": []
        }),
        "the JSON report says the same"
    );
    // A body sent as a `Serialize` struct is read through its fields.
    assert!(
        markdown.stdout.contains(
            "`create_sandbox`: `POST /sandbox` (the suggested operation): `CreateSandbox` \
             requires no field; the client sends `name`, `snapshot` ✓"
        ),
        "{}",
        markdown.stdout
    );

    let header = &report["specs"][0];
    assert_eq!(header["paths"], 201);
    assert_eq!(header["operations"], 235);
    assert_eq!(header["sha256"], DAYTONA_SHA256);
    assert_eq!(header["version"], "3.0.0");

    let rows = call_rows(&report);
    let expected = [
        ("get_sandbox", "GET /sandbox/{sandboxIdOrName}"),
        ("list_sandboxes", "GET /sandbox"),
        ("create_sandbox", "POST /sandbox"),
        ("start_sandbox", "POST /sandbox/{sandboxIdOrName}/start"),
        ("stop_sandbox", "POST /sandbox/{sandboxIdOrName}/stop"),
        ("delete_sandbox", "DELETE /sandbox/{sandboxIdOrName}"),
        ("exec", "POST /toolbox/{sandboxId}/toolbox/process/execute"),
        (
            "upload_file",
            "POST /toolbox/{sandboxId}/toolbox/files/upload",
        ),
        (
            "download_file",
            "GET /toolbox/{sandboxId}/toolbox/files/download",
        ),
    ];
    assert_eq!(rows.len(), 9);
    for ((function, status, operation), (want_fn, want_op)) in rows.iter().zip(expected) {
        assert_eq!(
            (function.as_str(), status.as_str()),
            (want_fn, "mismatched")
        );
        assert_eq!(operation, want_op, "{function}");
    }
    let calls = report["calls"].as_array().expect("calls");
    assert_eq!(
        calls[6]["operation"]["deprecated"], true,
        "exec's operation is the deprecated one"
    );
    assert_eq!(
        calls[6]["operation"]["operation_id"],
        "executeCommand_deprecated"
    );

    let codes = |i: usize| -> Vec<String> {
        let mut codes: Vec<String> = calls[i]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect();
        codes.sort();
        codes
    };
    assert_eq!(
        codes(7),
        ["RL101", "RL103", "RL201"],
        "upload: path, method and query"
    );
    assert_eq!(codes(8), ["RL101", "RL201"], "download: path and query");

    let summary = &report["summary"];
    assert_eq!(summary["calls"], 9);
    assert_eq!(summary["mismatched"], 9);
    assert_eq!(summary["matched"], 0);

    // Each of the six CRUD calls has a safe fix whose diff only renames the path.
    let findings = report["findings"].as_array().expect("findings");
    let safe: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["fix"]["applicability"] == "safe")
        .collect();
    assert_eq!(safe.len(), 6);
    for finding in &safe {
        let diff = finding["fix"]["diff"].as_str().expect("diff");
        let removed: Vec<&str> = diff
            .lines()
            .filter(|l| l.starts_with('-') && !l.starts_with("---"))
            .collect();
        let added: Vec<&str> = diff
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .collect();
        assert_eq!((removed.len(), added.len()), (1, 1), "{diff}");
        assert_eq!(
            removed[0][1..].replace("/sandboxes", "/sandbox"),
            added[0][1..],
            "{diff}"
        );
    }

    // Applying them with `git apply` leaves the three calls that need review.
    for finding in safe {
        std::fs::write(
            dir.path().join("fix.patch"),
            finding["fix"]["diff"].as_str().expect("diff"),
        )
        .expect("write patch");
        let ok = Command::new("git")
            .args(["apply", "fix.patch"])
            .current_dir(dir.path())
            .status()
            .expect("git runs")
            .success();
        assert!(ok);
    }
    let after = check(dir.path(), &spec);
    let left: Vec<String> = call_rows(&after)
        .into_iter()
        .filter(|r| r.1 == "mismatched")
        .map(|r| r.0)
        .collect();
    assert_eq!(left, ["exec", "upload_file", "download_file"]);
    assert_eq!(after["summary"]["matched"], 6);
}

#[test]
fn the_other_shared_specs_load() {
    let Some(shared) = shared() else { return };
    // (spec, paths, operations)
    let cases = [
        ("specs/daytona/toolbox-openapi.yaml", 78, 87),
        ("specs/large/box-openapi-3.0.2.json", 186, 296),
        ("specs/large/kubernetes-v1.35-swagger2.json", 562, 1123),
    ];
    for (file, paths, operations) in cases {
        let spec = routelint::spec::load(&shared.join(file), None).expect(file);
        assert_eq!(
            (spec.path_count, spec.operation_count()),
            (paths, operations),
            "{file}"
        );
    }
}

/// Both Daytona APIs: management calls on `self.base_url`, toolbox calls on `self.toolbox_url`.
#[test]
fn both_daytona_apis_and_calls_sent_to_the_wrong_one() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let src = r#"impl DaytonaClient {
    pub async fn get_sandbox(&self, name: &str) -> Result<Sandbox> {
        self.http.get(format!("{}/sandbox/{}", self.base_url, name)).send().await?.json().await
    }

    pub async fn stop_sandbox(&self, name: &str) -> Result<()> {
        self.http.post(format!("{}/sandbox/{}/stop", self.base_url, name)).send().await?;
        Ok(())
    }

    pub async fn exec(&self, cmd: &str) -> Result<Value> {
        self.http.post(format!("{}/process/execute", self.toolbox_url)).json(&json!({ "command": cmd })).send().await?.json().await
    }

    pub async fn download_file(&self, path: &str) -> Result<Bytes> {
        self.http.get(format!("{}/files/download?path={}", self.toolbox_url, path)).send().await?.bytes().await
    }

    pub async fn list_files(&self, path: &str) -> Result<Value> {
        self.http.get(format!("{}/files?path={}", self.base_url, path)).send().await?.json().await
    }

    pub async fn list_sandboxes(&self) -> Result<Value> {
        self.http.get(format!("{}/sandbox", self.toolbox_url)).send().await?.json().await
    }
}
"#;
    std::fs::write(dir.path().join("client.rs"), src).expect("write");
    let management = shared.join("specs/daytona/openapi.yaml");
    let toolbox = shared.join("specs/daytona/toolbox-openapi.yaml");
    let management = format!("management={}", management.display());
    let toolbox = format!("toolbox={}", toolbox.display());
    let run = routelint(
        dir.path(),
        &[
            "check",
            "--spec",
            &management,
            "--spec",
            &toolbox,
            "--base",
            "management=self.base_url",
            "--base",
            "toolbox=self.toolbox_url",
            "--format",
            "json",
            "client.rs",
        ],
    );
    let report = run.json();
    let rows: Vec<(String, String, String)> = report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| {
            (
                c["function"].as_str().unwrap_or("").to_string(),
                c["status"].as_str().unwrap_or("").to_string(),
                c["findings"].to_string(),
            )
        })
        .collect();
    let expect = |f: &str, status: &str, findings: &str| {
        assert!(
            rows.iter()
                .any(|r| r.0 == f && r.1 == status && r.2 == findings),
            "{f}: expected {status} {findings}, got {rows:?}"
        );
    };
    expect("get_sandbox", "matched", "[\"RL105\"]");
    expect("stop_sandbox", "matched", "[\"RL105\"]");
    expect("exec", "matched", "[]");
    expect("download_file", "matched", "[]");
    expect("list_files", "mismatched", "[\"RL107\"]");
    expect("list_sandboxes", "mismatched", "[\"RL107\"]");
}
