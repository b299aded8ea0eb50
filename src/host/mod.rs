//! The file system and the clock, for the CLI and the server alike: reading reports and
//! `dossier.toml`, choosing which files of a folder are reports, and today's date. The analysis
//! core never calls into this module.

mod clock;
mod config;
mod files;
mod walk;

pub use clock::{analyze, analyze_with, today};
pub use config::{
    ConfigFiles, MAX_CONFIG_SIZE, ReadConfig, find_config, format_config_error, load_config,
    read_config,
};
pub use files::{ReadError, read_stdin, read_text};
pub use walk::{is_report_in, reports_under, workspace_reports};
