//! `cargo bench --bench scan`: how long routelint takes next to the floor, `syn` parsing the
//! same files on the same threads, measured in the same run (machines are noisy, ratios are
//! not).
//!
//! The tree is generated deterministically (`routelint::bench_tree`) into `target/bench-tree-*`:
//! realistic client code, HTTP calls among ordinary functions. Options (after `--`):
//! `--mb N` tree size (default 10), `--runs N` (default 7), `--spec FILE` (default the
//! bundled example spec). Prints medians; nothing is asserted.

#![allow(clippy::print_stdout)] // a benchmark reports on standard output

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let mb: usize = option("--mb").and_then(|v| v.parse().ok()).unwrap_or(10);
    let runs: usize = option("--runs").and_then(|v| v.parse().ok()).unwrap_or(7);
    let spec =
        PathBuf::from(option("--spec").unwrap_or_else(|| "fixtures/sandbox-api.yaml".into()));

    let root = PathBuf::from(format!("target/bench-tree-{mb}mb"));
    let (files, bytes) = routelint::bench_tree::ensure(&root, mb * 1024 * 1024)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", root.display()));
    let paths: Vec<PathBuf> =
        routelint::source::discover(std::slice::from_ref(&root), Path::new("."))
            .0
            .into_iter()
            .map(|f| f.path)
            .collect();
    println!(
        "tree: {} ({} files, {:.1} MB), {} threads, {runs} runs each, medians",
        root.display(),
        files,
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );

    let options = routelint::check::CheckOptions {
        specs: vec![(None, spec.clone())],
        bases: Vec::new(),
        policy: Default::default(),
        paths: vec![root.clone()],
        cwd: PathBuf::from("."),
    };
    let mut floor = Vec::new();
    let mut scan = Vec::new();
    let mut check = Vec::new();
    let mut spec_load = Vec::new();
    let mut calls = 0;
    // Interleaved, so that a slow moment of the machine hits every measure alike.
    for _ in 0..runs {
        floor.push(time(|| syn_floor(&paths)));
        scan.push(time(|| {
            let (found, _) =
                routelint::source::discover(std::slice::from_ref(&root), Path::new("."));
            calls = routelint::source::scan(&found, &[]).calls.len();
        }));
        check.push(time(|| {
            routelint::check::check(&options).expect("check runs");
        }));
        spec_load.push(time(|| {
            routelint::spec::load(&spec, None).expect("spec loads");
        }));
    }
    let (floor, scan, check, spec_load) = (
        median(floor),
        median(scan),
        median(check),
        median(spec_load),
    );
    println!("calls found: {calls}");
    println!("syn parse only (floor)   {:>9.1} ms", ms(floor));
    println!(
        "routelint scan           {:>9.1} ms   {:.2}x floor",
        ms(scan),
        ratio(scan, floor)
    );
    println!(
        "routelint check (all)    {:>9.1} ms   {:.2}x floor",
        ms(check),
        ratio(check, floor)
    );
    println!("spec load ({})  {:>9.1} ms", spec.display(), ms(spec_load));

    // Pre-commit: three files of the crate changed since the last run, whose facts are in the
    // cache; only their findings are reported (`routelint hook`). On a copy of the tree, since
    // the files are edited.
    let hook_root = PathBuf::from(format!("target/bench-tree-{mb}mb-hook"));
    routelint::bench_tree::ensure(&hook_root, mb * 1024 * 1024)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", hook_root.display()));
    let changed: Vec<routelint::source::SourcePath> =
        routelint::source::discover(std::slice::from_ref(&hook_root), Path::new("."))
            .0
            .into_iter()
            .take(3)
            .collect();
    let mut hook = options.clone();
    hook.paths = vec![hook_root.clone()];
    hook.policy.cache = Some(PathBuf::from(format!("target/bench-cache-{mb}mb")));
    hook.policy.only = changed.iter().map(|f| f.display.clone()).collect();
    routelint::check::check(&hook).expect("check runs"); // the cache, warm
    let mut edits = 0;
    let precommit = median(
        (0..runs)
            .map(|_| {
                for file in &changed {
                    edits += 1;
                    let mut text = std::fs::read_to_string(&file.path).expect("read");
                    text.push_str(&format!("// edit {edits}\n"));
                    std::fs::write(&file.path, text).expect("write");
                }
                time(|| {
                    routelint::check::check(&hook).expect("check runs");
                })
            })
            .collect(),
    );
    println!(
        "pre-commit: 3 files changed, cache warm {:>9.1} ms   {:.2}x floor",
        ms(precommit),
        ratio(precommit, floor)
    );

    // The same spec as YAML (a large JSON spec is the only large YAML at hand): parsing YAML
    // is where the time of a YAML spec goes.
    if spec.extension().is_some_and(|e| e == "json") {
        let yaml_path = PathBuf::from("target/bench-spec.yaml");
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&spec).expect("read spec")).expect("JSON spec");
        std::fs::write(&yaml_path, serde_yaml::to_string(&value).expect("as YAML"))
            .expect("write YAML");
        let size = std::fs::metadata(&yaml_path).map_or(0, |m| m.len());
        let yaml_load = median(
            (0..runs)
                .map(|_| {
                    time(|| {
                        routelint::spec::load(&yaml_path, None).expect("YAML spec loads");
                    })
                })
                .collect(),
        );
        println!(
            "spec load, same as YAML ({:.1} MB)  {:>9.1} ms",
            size as f64 / 1e6,
            ms(yaml_load)
        );
    }
}

/// Read and parse every file with `syn`, in parallel, as routelint does, and nothing else.
fn syn_floor(paths: &[PathBuf]) {
    paths.par_iter().for_each(|path| {
        if let Ok(text) = std::fs::read_to_string(path) {
            let parsed = syn::parse_file(&text).is_ok();
            std::hint::black_box(parsed);
        }
        proc_macro2::extra::invalidate_current_thread_spans();
    });
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}
