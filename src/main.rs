//! The `routelint` binary: parse flags, run, exit. Everything else lives in the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match routelint::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are successes; anything else is a usage error (exit 2).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(error) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: cannot read the current directory: {error}");
            }
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let status = routelint::cli::run(cli, &cwd, &mut out, &mut err);
    ExitCode::from(status.code())
}
