//! The `dossier` binary: parses the command line and hands over to `dossier::cli`.

use clap::Parser;

/// mimalloc instead of the system allocator: re-analysing a 1 MB report after a keystroke
/// frees and allocates large vectors, which glibc returns to the kernel and faults back in
/// (a third of the keystroke's time); mimalloc keeps them, and small allocations are cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dossier::cli::run(dossier::cli::Cli::parse())
}
