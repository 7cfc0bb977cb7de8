//! Command-line arguments and the commands they run. `main.rs` only parses and exits.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 routelint could
//! not do its job (bad spec, unreadable or unparsable source, bad flags, I/O error).

use crate::check::{self, CheckOptions, FailOn, Report};
use crate::report::{self, Format};
use crate::spec;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "routelint",
    version,
    about = "Check the HTTP calls in Rust client code against an OpenAPI spec"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Match every HTTP call under PATH against the spec and report mismatches.
    Check(CheckArgs),
    /// Print the spec's route table.
    Routes(RoutesArgs),
    /// Print the HTTP calls found under PATH (no spec needed).
    Calls(CallsArgs),
    /// Record today's findings, so that `check --baseline` reports only new ones.
    Baseline(BaselineArgs),
    /// What a rule means, with an example (without RULE: the list of rules).
    Explain(ExplainArgs),
    /// Write a commented `routelint.toml` for the crate in the current directory.
    Init(InitArgs),
    /// For pre-commit: check the crate (the config's `[scan] include`, else the current
    /// directory), report only the findings in FILES.
    Hook(HookArgs),
}

/// What to check: the code, the specs, the config.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Files or directories to scan (default: the config's `[scan] include`, else the
    /// current directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub specs: SpecArgs,
}

/// Which specs, and where their base URLs are in the code.
#[derive(Debug, Args)]
pub struct SpecArgs {
    /// The spec: `FILE` or `NAME=FILE`. Repeat for several specs. Default: the `[[spec]]`
    /// entries of `routelint.toml`.
    #[arg(long = "spec", value_name = "[NAME=]FILE")]
    pub specs: Vec<String>,
    /// The config file (default: `routelint.toml` here or in a parent directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// `NAME=EXPR`: calls whose base URL is the expression EXPR (`self.toolbox_url`) are for
    /// the spec NAME; one of its operations sent on another base is `wrong-api`. Repeatable.
    #[arg(long = "base", value_name = "NAME=EXPR")]
    pub bases: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity (default: the config's, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Exit 1 when the client calls less than this percentage of the spec's operations
    /// (default: the config's `[gate] min-coverage`, else 0).
    #[arg(long, value_name = "PCT")]
    pub min_coverage: Option<f64>,
    /// Report only findings that this file (written by `routelint baseline`) does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings in these files; the rest of the crate is still read, so that
    /// wrappers and consts defined elsewhere resolve (what the pre-commit hook passes).
    #[arg(long = "only", value_name = "FILE", num_args = 1..)]
    pub only: Vec<PathBuf>,
    /// Keep what each file tells between runs in `.routelint_cache/` (or
    /// `ROUTELINT_CACHE_DIR`): only changed files are parsed again. Same results.
    #[arg(long)]
    pub cache: bool,
    /// Apply safe fixes to the source files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`: include fixes that need review.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as one unified diff (`git apply`-able) instead of the report; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Where to write the baseline.
    #[arg(long, value_name = "FILE", default_value = "routelint-baseline.json")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule's code (`RL102`) or name (`path-near-miss`); without it, the list of rules.
    pub rule: Option<String>,
}

#[derive(Debug, Args)]
pub struct HookArgs {
    /// The files to report on (pre-commit passes the staged `.rs` files).
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub specs: SpecArgs,
    /// Fail the commit on a finding at or above this severity (default: the config's, else
    /// error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Report only findings that this file (written by `routelint baseline`) does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Parse every file, without the cache the hook keeps in `.routelint_cache/`.
    #[arg(long)]
    pub no_cache: bool,
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing `routelint.toml`.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RoutesArgs {
    #[arg(long = "spec", value_name = "FILE")]
    pub spec: PathBuf,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CallsArgs {
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Findings,
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Run a parsed command line. Reports go to `out`, problems to `err`.
pub fn run(cli: Cli, cwd: &Path, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let result = match cli.command {
        Command::Check(args) => run_check(args, cwd, out, err),
        Command::Routes(args) => run_routes(&args, out),
        Command::Calls(args) => run_calls(&args, cwd, out, err),
        Command::Baseline(args) => run_baseline(&args, cwd, err),
        Command::Explain(args) => run_explain(&args, out),
        Command::Init(args) => crate::init::run(args.force, cwd, err),
        Command::Hook(args) => run_hook(args, cwd, out, err),
    };
    match result {
        Ok(status) => status,
        Err(error) => {
            // A closed pipe (`| head`) is not a failure of ours.
            if let Some(io) = error.downcast_ref::<io::Error>() {
                if io.kind() == io::ErrorKind::BrokenPipe {
                    return ExitStatus::Success;
                }
            }
            let _ = writeln!(err, "error: {error:#}");
            ExitStatus::Error
        }
    }
}

/// `NAME=FILE` or `FILE`: an argument that is an existing file is a file, whatever it contains.
fn parse_spec_arg(arg: &str) -> (Option<String>, PathBuf) {
    if Path::new(arg).exists() {
        return (None, PathBuf::from(arg));
    }
    match arg.split_once('=') {
        Some((name, file)) if !name.is_empty() => (Some(name.to_string()), PathBuf::from(file)),
        _ => (None, PathBuf::from(arg)),
    }
}

fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The check `target` asks for, with the config's specs, bases, paths and rule settings.
fn check_options(
    target: &TargetArgs,
    cwd: &Path,
) -> anyhow::Result<(CheckOptions, Option<crate::config::Config>)> {
    let config = crate::config::find(target.specs.config.as_deref(), cwd)?;
    let mut bases: Vec<(String, String)> = target
        .specs
        .bases
        .iter()
        .map(|b| match b.split_once('=') {
            Some((name, expr)) => Ok((name.trim().to_string(), expr.trim().to_string())),
            None => Err(anyhow::anyhow!("`--base {b}`: expected NAME=EXPR")),
        })
        .collect::<anyhow::Result<_>>()?;
    let mut specs: Vec<(Option<String>, PathBuf)> = target
        .specs
        .specs
        .iter()
        .map(|s| parse_spec_arg(s))
        .collect();
    let mut paths = target.paths.clone();
    let mut policy = check::Policy::default();
    if let Some(config) = &config {
        let relative = |p: &Path| config.resolve_from(p, cwd);
        if specs.is_empty() {
            for entry in &config.spec {
                let name = entry.name.clone().or_else(|| {
                    entry
                        .path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                });
                specs.push((name.clone(), relative(&entry.path)));
                if let Some(name) = name {
                    bases.extend(entry.base.iter().map(|b| (name.clone(), b.clone())));
                    if let Some(sha) = &entry.sha256 {
                        policy.pins.push((name.clone(), sha.clone()));
                    }
                }
            }
        } else {
            // `--spec NAME=FILE` replaces the config's specs, but a `[[spec]]` of the same name
            // still says where that API's base URL lives in the code.
            for entry in &config.spec {
                let named = |n: &Option<String>| n.is_some() && *n == entry.name;
                if specs.iter().any(|(name, _)| named(name)) {
                    let name = entry.name.clone().unwrap_or_default();
                    bases.extend(entry.base.iter().map(|b| (name.clone(), b.clone())));
                }
            }
        }
        if paths.is_empty() {
            paths = config.scan.include.iter().map(|p| relative(p)).collect();
        }
        apply_scan_settings(&mut policy, config, cwd);
    }
    let options = CheckOptions {
        specs,
        bases,
        paths: default_paths(&paths),
        cwd: cwd.to_path_buf(),
        policy,
    };
    Ok((options, config))
}

fn run_check(
    args: CheckArgs,
    cwd: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (mut options, config) = check_options(&args.target, cwd)?;
    let gate = config.as_ref().map(|c| &c.gate);
    let fail_on = args
        .fail_on
        .unwrap_or_else(|| match gate.and_then(|g| g.fail_on.as_deref()) {
            Some("warning") => FailOnArg::Warning,
            Some("info") => FailOnArg::Info,
            Some("never") => FailOnArg::Never,
            _ => FailOnArg::Error,
        });
    // With `--only` the report sees some files' calls: their coverage of the spec says
    // nothing, so the config's minimum does not apply (an explicit flag is refused).
    if !args.only.is_empty() && args.min_coverage.is_some() {
        anyhow::bail!("`--min-coverage` needs the whole crate's calls; it cannot go with `--only`");
    }
    let min_coverage = if args.only.is_empty() {
        args.min_coverage
            .or_else(|| gate.and_then(|g| g.min_coverage))
            .unwrap_or(0.0)
    } else {
        0.0
    };
    if !(0.0..=100.0).contains(&min_coverage) {
        anyhow::bail!("`--min-coverage {min_coverage}`: expected a percentage from 0 to 100");
    }
    if let Some(path) = &args.baseline {
        options.policy.baseline = Some(check::Baseline::read(&cwd.join(path))?);
    }
    if args.cache {
        options.policy.cache = Some(crate::source::cache::default_dir(cwd));
    }
    options.policy.only = args
        .only
        .iter()
        .map(|p| crate::source::display_path(&cwd.join(p), cwd))
        .collect();
    let minimum = if args.unsafe_fixes {
        crate::diagnostic::Applicability::Unsafe
    } else {
        crate::diagnostic::Applicability::Safe
    };
    let mut report = check::check(&options)?;
    for warning in &report.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    if args.diff {
        write!(out, "{}", crate::apply::combined_diff(&report, minimum))?;
        return exit_for(&report, fail_on, min_coverage, err);
    }
    if args.fix {
        let applied = crate::apply::apply_fixes(&report, minimum, cwd);
        for skipped in &applied.skipped {
            writeln!(err, "warning: {skipped}")?;
        }
        if applied.files > 0 {
            writeln!(
                err,
                "fixed {} finding(s) in {} file(s)",
                applied.fixes, applied.files
            )?;
            report = check::check(&options)?;
        }
    }
    if let Some(outcome) = &report.baseline {
        writeln!(
            err,
            "baseline: {} known finding(s) not shown, {} gone since it was written",
            outcome.known,
            outcome.gone.len()
        )?;
        for gone in &outcome.gone {
            writeln!(err, "  gone: {} {}: {}", gone.code, gone.file, gone.message)?;
        }
    }
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    match &args.output {
        Some(path) => {
            let mut buffer = Vec::new();
            report::emit(&report, args.format, color, &mut buffer)?;
            std::fs::write(path, buffer)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        }
        None => report::emit(&report, args.format, color, out)?,
    }
    exit_for(&report, fail_on, min_coverage, err)
}

/// `routelint hook FILES`: `check --only FILES` over the whole crate. No file given (a
/// commit without Rust changes): nothing to report.
fn run_hook(
    args: HookArgs,
    cwd: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if args.files.is_empty() {
        return Ok(ExitStatus::Success);
    }
    let check = CheckArgs {
        target: TargetArgs {
            paths: Vec::new(),
            specs: args.specs,
        },
        format: Format::Terminal,
        output: None,
        fail_on: args.fail_on,
        min_coverage: None,
        baseline: args.baseline,
        only: args.files,
        cache: !args.no_cache,
        fix: false,
        unsafe_fixes: false,
        diff: false,
        color: args.color,
    };
    run_check(check, cwd, out, err)
}

fn run_baseline(
    args: &BaselineArgs,
    cwd: &Path,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (options, _) = check_options(&args.target, cwd)?;
    let report = check::check(&options)?;
    for warning in &report.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    let baseline = check::Baseline::of(&report.findings);
    let path = cwd.join(&args.output);
    std::fs::write(&path, baseline.to_json())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    writeln!(
        err,
        "recorded {} finding(s) in {}; `routelint check --baseline {}` reports only new ones",
        baseline.findings.len(),
        args.output.display(),
        args.output.display()
    )?;
    Ok(if report.skipped_files > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}

fn run_explain(args: &ExplainArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    use crate::rules::Rule;
    let Some(key) = &args.rule else {
        for rule in Rule::ALL {
            writeln!(
                out,
                "{} {:<30} {:<8} {}",
                rule.code(),
                rule.name(),
                rule.default_severity().as_str(),
                rule.summary()
            )?;
        }
        return Ok(ExitStatus::Success);
    };
    let Some(rule) = Rule::find(key) else {
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        let hint = crate::config::closest(key, &names)
            .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
        anyhow::bail!("no rule `{key}`{hint} (`routelint explain` lists them)");
    };
    write!(out, "{}", rule.doc_page())?;
    Ok(ExitStatus::Success)
}

/// Set the parts of `policy` the config decides for scanning: excluded paths (relative to
/// `cwd`), rule levels and declared wrappers. `check` and `calls` both use them.
fn apply_scan_settings(policy: &mut check::Policy, config: &crate::config::Config, cwd: &Path) {
    let relative = |p: &Path| config.resolve_from(p, cwd);
    policy.exclude = config
        .scan
        .exclude
        .iter()
        .map(|p| relative(Path::new(p)))
        .collect();
    policy.levels = crate::rules::Rule::ALL
        .iter()
        .filter_map(|&rule| config.level(rule).map(|level| (rule, level)))
        .collect();
    policy.wrappers = config
        .wrapper
        .iter()
        .map(|w| {
            let (owner, name) = match w.function.rsplit_once("::") {
                Some((owner, name)) => (
                    Some(owner.rsplit("::").next().unwrap_or(owner).to_string()),
                    name.to_string(),
                ),
                None => (None, w.function.clone()),
            };
            crate::source::facts::DeclaredWrapper {
                name,
                owner,
                method_arg: w.method_arg,
                method: w.method.as_deref().and_then(crate::spec::Method::parse),
                path_arg: w.path_arg,
            }
        })
        .collect();
}

fn exit_for(
    report: &Report,
    fail_on: FailOnArg,
    min_coverage: f64,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let source_problems = report.skipped_files > 0;
    let fail_on = match fail_on {
        FailOnArg::Error => FailOn::Error,
        FailOnArg::Warning => FailOn::Warning,
        FailOnArg::Info => FailOn::Info,
        FailOnArg::Never => FailOn::Never,
    };
    let coverage = report.coverage.percent();
    let under_coverage = min_coverage > 0.0 && coverage < min_coverage;
    if under_coverage {
        writeln!(
            err,
            "coverage {coverage:.1}% of the spec's operations ({} of {}) is under --min-coverage {min_coverage}%",
            report.coverage.called, report.coverage.operations
        )?;
    }
    Ok(if source_problems {
        // Some code could not be read: a gate must not pass on what it did not see.
        ExitStatus::Error
    } else if check::fails(report, fail_on) || under_coverage {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

fn run_routes(args: &RoutesArgs, out: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let spec = spec::load(&args.spec, None)?;
    match args.format {
        ListFormat::Json => {
            #[derive(serde::Serialize)]
            struct Row<'a> {
                method: spec::Method,
                path: &'a str,
                operation_id: Option<&'a str>,
                deprecated: bool,
                tags: &'a [String],
            }
            let rows: Vec<Row<'_>> = spec
                .routes
                .iter()
                .map(|r| Row {
                    method: r.method,
                    path: &r.path.raw,
                    operation_id: r.operation_id.as_deref(),
                    deprecated: r.deprecated,
                    tags: &r.tags,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_header(vec!["method", "path", "operationId", "deprecated", "tags"]);
            for r in &spec.routes {
                table.add_row(vec![
                    r.method.to_string(),
                    r.path.raw.clone(),
                    r.operation_id.clone().unwrap_or_default(),
                    if r.deprecated {
                        "yes".into()
                    } else {
                        String::new()
                    },
                    r.tags.join(", "),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "{}: {}, {} paths, {} operations, SHA-256 {}",
                spec.source,
                spec.kind_and_version(),
                spec.path_count,
                spec.operation_count(),
                spec.sha256
            )?;
        }
    }
    Ok(ExitStatus::Success)
}

fn run_calls(
    args: &CallsArgs,
    cwd: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    // The config's scan settings apply here too, so `calls` lists what `check` would check.
    let mut policy = check::Policy::default();
    let mut paths = args.paths.clone();
    if let Some(config) = crate::config::find(None, cwd)? {
        apply_scan_settings(&mut policy, &config, cwd);
        if paths.is_empty() {
            paths = config
                .scan
                .include
                .iter()
                .map(|p| config.resolve_from(p, cwd))
                .collect();
        }
    }
    let scan = check::scan_sources(&default_paths(&paths), cwd, &policy)?;
    let report = check::build_report(Vec::new(), scan, cwd, &policy);
    for warning in &report.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    for finding in &report.findings {
        if finding.rule == crate::rules::Rule::SourceParseError {
            writeln!(err, "warning: {}", finding.message)?;
        }
    }
    match args.format {
        ListFormat::Json => report::emit_calls_json(&report, out)?,
        ListFormat::Table => {
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_header(vec![
                    "#", "method", "path", "query", "body", "base", "via", "where",
                ]);
            for call in &report.calls {
                let body = call.call.body.as_ref().map_or_else(String::new, |b| {
                    let kind = serde_json::to_value(b.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    match &b.keys {
                        Some(keys) => format!("{kind} {{{}}}", keys.join(", ")),
                        None => kind,
                    }
                });
                table.add_row(vec![
                    call.id.clone(),
                    call.call.method_text().to_string(),
                    call.path(),
                    call.query.join(", "),
                    body,
                    call.url
                        .as_ref()
                        .and_then(|u| u.base.clone())
                        .unwrap_or_default(),
                    call.call.via.join(" > "),
                    format!(
                        "{}:{} {}",
                        call.call.file, call.call.line, call.call.function
                    ),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "{} call{} in {} file{}, {} resolved ({} unresolved)",
                report.summary.calls,
                if report.summary.calls == 1 { "" } else { "s" },
                report.summary.files,
                if report.summary.files == 1 { "" } else { "s" },
                report.summary.resolved_share(),
                report.summary.unresolved
            )?;
        }
    }
    Ok(if report.skipped_files > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
