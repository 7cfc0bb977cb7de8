//! Helpers shared by the integration tests: run the real binary and read its output.
#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// The package root: where `fixtures/` and `reports/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `routelint ARGS` in `dir`.
pub fn routelint(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_routelint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the routelint binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A temporary directory holding a copy of the example client (`client.rs`) and spec
/// (`spec.yaml`), for tests that edit files.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        root().join("fixtures/client/src/lib.rs"),
        dir.path().join("client.rs"),
    )
    .expect("copy client");
    std::fs::copy(
        root().join("fixtures/sandbox-api.yaml"),
        dir.path().join("spec.yaml"),
    )
    .expect("copy spec");
    dir
}

/// Write `text` to `name` under `dir`, making the directories it needs.
pub fn write_file(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create the file's directory");
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// `../shared` beside the checkout, where CI keeps the real specs. Tests that need it call this
/// and return early when it is `None`, saying so; with `ROUTELINT_REQUIRE_SHARED=1` (set by
/// `.ci/run`) its absence is a failure instead.
pub fn shared() -> Option<PathBuf> {
    let shared = root().join("../shared");
    if shared.join("specs").is_dir() {
        return Some(shared);
    }
    if std::env::var("ROUTELINT_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("../shared/specs is missing and ROUTELINT_REQUIRE_SHARED=1");
    }
    // Written to the stderr handle itself: libtest captures `eprintln!`, and a skip must show.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: ../shared/specs is not beside the checkout; this test needs it"
    );
    None
}

/// The calls of a JSON report as `(function, status, operation signature)`.
pub fn call_rows(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .map(|c| {
            let op = &c["operation"];
            let signature = if op.is_null() {
                "-".to_string()
            } else {
                format!(
                    "{} {}",
                    op["method"].as_str().unwrap_or(""),
                    op["path"].as_str().unwrap_or("")
                )
            };
            (
                c["function"].as_str().unwrap_or("").to_string(),
                c["status"].as_str().unwrap_or("").to_string(),
                signature,
            )
        })
        .collect()
}

/// The function making the call a finding is about (`""` when it is about no call).
pub fn finding_function(report: &serde_json::Value, finding: &serde_json::Value) -> String {
    report["calls"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|call| call["id"] == finding["call"])
        .and_then(|call| call["function"].as_str())
        .unwrap_or("")
        .to_string()
}
