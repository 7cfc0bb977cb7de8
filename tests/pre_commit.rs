//! The pre-commit hook, run by the real `pre-commit` tool (PyPI) on a temporary git repository
//! that adds routelint with a `repo:` entry pointing at this checkout, as a user would.
//!
//! It needs `pre-commit` and `git` on PATH and this checkout to be a git repository (the hook is
//! installed from its HEAD commit: commit before running it locally). Without them the test says
//! it skipped; `.ci/run` sets `ROUTELINT_REQUIRE_PRECOMMIT=1`, which turns that into a failure.
//! The first run builds routelint in release mode inside pre-commit's environment (a few
//! minutes); `target/pre-commit` keeps that build and pre-commit's cache for later runs.

mod common;

use common::{root, write_file};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

fn skip_or_fail(why: &str) {
    if std::env::var("ROUTELINT_REQUIRE_PRECOMMIT").is_ok_and(|v| v == "1") {
        panic!("{why}, and ROUTELINT_REQUIRE_PRECOMMIT=1");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}; this test needs it");
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let cache = root().join("target/pre-commit");
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", cache.join("home"))
        // `cargo install` builds in this directory instead of a fresh temporary one.
        .env("CARGO_TARGET_DIR", cache.join("build"))
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn ok(output: &Output) -> bool {
    output.status.success()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_hook_blocks_a_commit_that_adds_a_mismatched_call_and_lets_the_fix_through() {
    let has = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("pre-commit") || !has("git") {
        skip_or_fail("`pre-commit` or `git` is not on PATH");
        return;
    }
    let head = run(&root(), "git", &["rev-parse", "HEAD"]);
    if !ok(&head) {
        skip_or_fail("this checkout is not a git repository");
        return;
    }
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();

    let repo = tempfile::tempdir().expect("tempdir");
    let dir = repo.path();
    let write = |name: &str, text: &str| write_file(dir, name, text);
    // Stage everything and commit: the hook runs on the staged files.
    let commit = |message: &str| {
        assert!(ok(&run(dir, "git", &["add", "-A"])));
        run(dir, "git", &["commit", "-q", "-m", message])
    };
    write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: routelint\n",
            root().display()
        ),
    );
    std::fs::copy(
        root().join("fixtures/sandbox-api.yaml"),
        dir.join("spec.yaml"),
    )
    .expect("spec");
    write(
        "routelint.toml",
        "[[spec]]\nname = \"api\"\npath = \"spec.yaml\"\n\n[scan]\ninclude = [\"src\"]\n",
    );
    // The wrapper and the const live in lib.rs; the calls the commits add use them.
    write(
        "src/lib.rs",
        "pub const SANDBOX: &str = \"/sandbox\";\n\npub struct Api { http: reqwest::Client, base_url: String }\n\nimpl Api {\n    pub async fn get(&self, path: &str) -> reqwest::Result<reqwest::Response> {\n        self.http.get(format!(\"{}{}\", self.base_url, path)).send().await\n    }\n}\n\npub mod calls;\n",
    );
    write(
        "src/calls.rs",
        "use crate::{Api, SANDBOX};\n\npub async fn list(api: &Api) {\n    let _ = api.get(SANDBOX).await;\n}\n",
    );
    assert!(ok(&run(dir, "git", &["init", "-q"])));
    let install = run(dir, "pre-commit", &["install"]);
    assert!(ok(&install), "{}", text(&install));
    let first = commit("a client that matches");
    assert!(
        ok(&first),
        "a matching client is let through:\n{}",
        text(&first)
    );

    // A mismatched call through the wrapper of another file: blocked, and the output says why.
    write(
        "src/calls.rs",
        "use crate::{Api, SANDBOX};\n\npub async fn list(api: &Api) {\n    let _ = api.get(SANDBOX).await;\n}\n\npub async fn info(api: &Api, id: &str) {\n    let _ = api.get(&format!(\"/sandboxes/{id}\")).await;\n}\n",
    );
    let blocked = commit("a drifted call");
    let said = text(&blocked);
    assert!(
        !ok(&blocked),
        "the mismatched call must block the commit:\n{said}"
    );
    assert!(said.contains("error[RL102]"), "{said}");
    assert!(said.contains("src/calls.rs:8"), "{said}");

    // Fixed: let through.
    write(
        "src/calls.rs",
        "use crate::{Api, SANDBOX};\n\npub async fn list(api: &Api) {\n    let _ = api.get(SANDBOX).await;\n}\n\npub async fn info(api: &Api, id: &str) {\n    let _ = api.get(&format!(\"/sandbox/{id}\")).await;\n}\n",
    );
    let fixed = commit("the call fixed");
    assert!(
        ok(&fixed),
        "the fixed call is let through:\n{}",
        text(&fixed)
    );
    let log = run(dir, "git", &["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 2);
}
