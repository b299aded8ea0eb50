//! The `dossier` binary: parses the command line and hands over to `dossier::cli`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    dossier::cli::run(dossier::cli::Cli::parse())
}
