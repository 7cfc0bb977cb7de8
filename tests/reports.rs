//! `reports/` holds the reports of the bundled example, so a reader sees what routelint says
//! without running it. This test regenerates them and fails when they are stale; run it with
//! `ROUTELINT_UPDATE_REPORTS=1` to rewrite them, then review the diff.

mod common;

use common::{root, routelint};

fn check_report(name: &str, format: &str) {
    let run = routelint(
        &root(),
        &[
            "check",
            "--spec",
            "fixtures/sandbox-api.yaml",
            "--format",
            format,
            "fixtures/client",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let path = root().join("reports").join(name);
    if std::env::var("ROUTELINT_UPDATE_REPORTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &run.stdout).expect("write report");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "reports/{name} is stale: run `ROUTELINT_UPDATE_REPORTS=1 cargo test --test reports` and review the diff"
    );
}

#[test]
fn markdown_report_is_up_to_date() {
    check_report("sandbox-api.md", "markdown");
}

#[test]
fn json_report_is_up_to_date() {
    check_report("sandbox-api.json", "json");
}
