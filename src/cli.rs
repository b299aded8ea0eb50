//! The command line: `dossier check`, `dossier analyze`, `dossier lsp`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::calendar::Date;
use crate::config::Config;
use crate::facts::cross::{Catalogue, Summary};
use crate::host;
use crate::model::{Analysis, Finding};
use crate::outline::Format;
use crate::text::LineIndex;

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    about = "Actors, dates and figures in analysts' reports, and the places where the figures disagree"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the findings in reports, like a compiler; exit 1 when there are any
    #[command(after_help = CHECK_EXIT_STATUS)]
    Check {
        /// Report files or folders (searched for .md, .markdown, .txt, .text), or `-` for
        /// standard input
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Colour the text output: `auto` when standard output is a terminal and NO_COLOR is
        /// unset
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        common: Common,
    },
    /// Print everything Dossier knows about one report
    #[command(after_help = ANALYZE_EXIT_STATUS)]
    Analyze {
        /// A report file, or `-` for standard input
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
        format: AnalyzeFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Print the dated events of reports in date order
    Timeline {
        /// Report files or folders (searched as `check` searches them)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Keep events naming this actor (any name or alias, ignoring case); may be repeated
        #[arg(long = "actor")]
        actors: Vec<String>,
        /// Keep events ending on or after this day (YYYY-MM-DD)
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Keep events beginning on or before this day (YYYY-MM-DD)
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        /// `html` is one self-contained page (a chart with a lane per actor)
        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Run the language server on standard input and output
    Lsp,
}

// Clap prints these as written, so the lines are broken by hand.
const CHECK_EXIT_STATUS: &str = "\
Exit status:
  0  no report has a warning or an error
  1  a report has a warning or an error
  2  the command line is wrong, or a file could not be read (missing, not a
     regular file, over `max-file-size`, not UTF-8); the other files are still
     checked and their findings printed";

const ANALYZE_EXIT_STATUS: &str = "\
Exit status:
  0  the report was analysed
  2  the command line is wrong, or the report could not be read (missing, not a
     regular file, over `max-file-size`, not UTF-8)";

#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// The date undated text is resolved against (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// A dossier.toml to use instead of the nearest one
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// When `check` colours its text output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is unset or empty (no-color.org).
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalyzeFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Text,
    Json,
    Html,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("`{s}` is not a date in the form YYYY-MM-DD"))
}

/// A CLI failure that exits with status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

struct Loaded {
    path: PathBuf,
    text: String,
    analysis: Analysis,
    /// What other reports checked with it may compare (`cross-report`), and how the report's
    /// configuration sets the checks.
    summary: Arc<Summary>,
    checks: crate::config::Checks,
}

/// A path `check` was given or found: the report's findings, or why it was not read. A read
/// report is boxed, being several times the size of the message.
enum Checked {
    Read(Box<Loaded>),
    Unread { path: PathBuf, message: String },
}

/// `-` stands for standard input, as in most command-line tools; a file named `-` is given as
/// `./-`.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The configuration `--config` names, read once before any report; it is an error when it
/// cannot be read, since analysing without the settings asked for would mislead.
fn explicit_config(common: &Common) -> Result<Option<Config>, UsageError> {
    let Some(file) = &common.config else {
        return Ok(None);
    };
    let (config, problems) = host::read_config(file, &Config::default()).map_err(UsageError)?;
    for p in problems {
        eprintln!("dossier: warning: {p}");
    }
    Ok(Some(config))
}

/// The configuration for one report: the `--config` one, or else the nearest `dossier.toml`
/// (from the current folder for standard input), then `--reference-date` over either.
fn config_for(
    path: &Path,
    explicit: Option<&Config>,
    common: &Common,
    warnings: &mut Vec<String>,
) -> Config {
    let mut config = match explicit {
        Some(c) => c.clone(),
        None => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            match host::find_config(dir) {
                Some(file) => {
                    let (c, errors) = host::load_config(&file, &Config::default());
                    for e in errors {
                        if !warnings.contains(&e) {
                            warnings.push(e);
                        }
                    }
                    c
                }
                None => Config::default(),
            }
        }
    };
    if common.reference_date.is_some() {
        config.reference_date = common.reference_date;
    }
    config
}

/// Reads and analyses one report; the error is a message without the path.
fn load(
    path: &Path,
    explicit: Option<&Config>,
    common: &Common,
    warnings: &mut Vec<String>,
) -> Result<Loaded, String> {
    let config = config_for(path, explicit, common, warnings);
    let limit = config.max_file_size as u64;
    let text = if is_stdin(path) {
        host::read_stdin(limit)
    } else {
        host::read_text(path, limit)
    }
    .map_err(|e| match e {
        host::ReadError::TooLarge { .. } => format!("{e} (`max-file-size`)"),
        e => e.to_string(),
    })?;
    let format = Format::from_path(&path.to_string_lossy());
    let analysis = host::analyze(&text, &config, format);
    let summary = Arc::new(Summary::new(&text, &analysis, &config));
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        analysis,
        summary,
        checks: config.checks,
    })
}

/// The files to check, in order (`Ok`), and the paths already known not to be read (`Err`):
/// folders are walked by the rules the server follows in a workspace (`host::reports_under`),
/// and a folder without reports is a problem of its own.
fn expand(
    paths: &[PathBuf],
    explicit: Option<&Config>,
) -> Result<Vec<Result<PathBuf, Checked>>, UsageError> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(UsageError(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let mut files = Vec::new();
    for p in paths {
        if !is_stdin(p) && p.is_dir() {
            // The folder's own `dossier.toml` may say which files are reports; its problems are
            // told when its reports are read.
            let globs = match explicit {
                Some(c) => c.globs.clone(),
                None => {
                    host::find_config(p)
                        .map(|file| host::load_config(&file, &Config::default()).0)
                        .unwrap_or_default()
                        .globs
                }
            };
            let found = host::reports_under(p, &globs, None);
            if found.is_empty() {
                files.push(Err(Checked::Unread {
                    path: p.clone(),
                    message: format!("no reports ({}) in this directory", globs.join(", ")),
                }));
            }
            files.extend(found.into_iter().map(Ok));
        } else {
            // Anything else is read as a file, which refuses what is missing or not a regular
            // file with a message of its own.
            files.push(Ok(p.clone()));
        }
    }
    Ok(files)
}

/// Runs the CLI; returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check {
            paths,
            format,
            color,
            common,
        } => check(&paths, format, color, &common),
        Command::Analyze {
            file,
            format,
            common,
        } => analyze(&file, format, &common),
        Command::Timeline {
            paths,
            actors,
            from,
            to,
            format,
            common,
        } => timeline(
            &paths,
            crate::timeline::Filter { actors, from, to },
            format,
            &common,
        ),
        Command::Lsp => Ok(if crate::lsp::run_stdio() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("dossier: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn finding_list(l: &Loaded) -> impl Iterator<Item = &Finding> {
    l.analysis.notices.iter().chain(&l.analysis.findings)
}

fn check(
    paths: &[PathBuf],
    format: CheckFormat,
    color: ColorChoice,
    common: &Common,
) -> Result<ExitCode, UsageError> {
    let explicit = explicit_config(common)?;
    let files = expand(paths, explicit.as_ref())?;
    let started = std::time::Instant::now();
    let (mut checked, warnings) = load_all(files, explicit.as_ref(), common);
    cross_check(&mut checked);
    let elapsed = started.elapsed();
    for w in &warnings {
        eprintln!("dossier: warning: {w}");
    }
    // A file that cannot be read is said on standard error whatever the format, so that it is
    // seen beside JSON or SARIF too; the others are checked all the same.
    let mut unread = 0;
    for c in &checked {
        if let Checked::Unread { path, message } = c {
            eprintln!("dossier: error: {}: {message}", path.display());
            unread += 1;
        }
    }
    let reports: Vec<&Loaded> = checked
        .iter()
        .filter_map(|c| match c {
            Checked::Read(l) => Some(&**l),
            Checked::Unread { .. } => None,
        })
        .collect();
    // Hints and information are shown but do not fail the check; warnings and errors do.
    let failing: usize = reports
        .iter()
        .map(|l| {
            finding_list(l)
                .filter(|f| f.severity <= crate::model::Severity::Warning)
                .count()
        })
        .sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        CheckFormat::Text => {
            let paint = Paint(color.enabled());
            print_text(&mut out, &reports, unread, elapsed, paint)
        }
        CheckFormat::Json => print_json(&mut out, &checked),
        CheckFormat::Sarif => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&sarif(&checked)).unwrap_or_default()
            );
        }
    }
    Ok(if unread > 0 {
        ExitCode::from(2)
    } else if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and analyses every file, on every core since reports are independent; returns them in
/// order with the configuration warnings they raised, each once, in the order first raised.
fn load_all(
    files: Vec<Result<PathBuf, Checked>>,
    explicit: Option<&Config>,
    common: &Common,
) -> (Vec<Checked>, Vec<String>) {
    use rayon::prelude::*;
    let checked: Vec<(Checked, Vec<String>)> = files
        .into_par_iter()
        .map(|f| {
            let mut w = Vec::new();
            let checked = match f {
                Ok(path) => match load(&path, explicit, common, &mut w) {
                    Ok(l) => Checked::Read(Box::new(l)),
                    Err(message) => Checked::Unread { path, message },
                },
                Err(unread) => unread,
            };
            (checked, w)
        })
        .collect();
    let mut warnings = Vec::new();
    let checked = checked
        .into_iter()
        .map(|(c, w)| {
            for w in w {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            c
        })
        .collect();
    (checked, warnings)
}

/// Adds to each report read the `cross-report` findings of its facts against the other
/// reports': every summary is filed once under its facts' keys, so each report is compared
/// in time linear in its facts and their statements elsewhere, on every core.
fn cross_check(checked: &mut [Checked]) {
    use rayon::prelude::*;
    let reports: Vec<(String, &Loaded)> = checked
        .iter()
        .filter_map(|c| match c {
            Checked::Read(l) => Some((l.path.to_string_lossy().into_owned(), &**l)),
            Checked::Unread { .. } => None,
        })
        .collect();
    if reports.len() < 2 {
        return;
    }
    let mut catalogue = Catalogue::default();
    for (path, l) in &reports {
        catalogue.insert(path, l.summary.clone());
    }
    let found: Vec<Vec<Finding>> = reports
        .par_iter()
        .map(|(path, l)| catalogue.findings(path, &l.summary, &l.checks, &str::to_string))
        .collect();
    let reads = checked.iter_mut().filter_map(|c| match c {
        Checked::Read(l) => Some(l),
        Checked::Unread { .. } => None,
    });
    for (l, found) in reads.zip(found) {
        if !found.is_empty() {
            let findings = &mut l.analysis.findings;
            findings.extend(found);
            findings.sort_by_key(|f| (f.span.start, f.code));
        }
    }
}

/// The findings of each report under its path, in aligned columns (position, severity, check,
/// message), each followed by its notes; then a line that counts them and says how fast the
/// reports were read.
fn print_text(
    out: &mut impl Write,
    reports: &[&Loaded],
    unread: usize,
    elapsed: std::time::Duration,
    paint: Paint,
) {
    let count: usize = reports.iter().map(|l| finding_list(l).count()).sum();
    for l in reports.iter().filter(|l| finding_list(l).next().is_some()) {
        let _ = writeln!(out, "{}", paint.path(&l.path.display().to_string()));
        for line in finding_table(l, paint) {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }
    let bytes: usize = reports.iter().map(|l| l.text.len()).sum();
    let secs = elapsed.as_secs_f64().max(1e-6);
    let not_read = match unread {
        0 => String::new(),
        1 => ", 1 file not read".into(),
        n => format!(", {n} files not read"),
    };
    let _ = writeln!(
        out,
        "{count} finding{} in {} report{}{not_read} ({:.1} MB in {:.0} ms, {:.0} MB/s on {} threads)",
        if count == 1 { "" } else { "s" },
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        bytes as f64 / 1e6,
        secs * 1e3,
        bytes as f64 / 1e6 / secs,
        rayon::current_num_threads()
    );
}

/// One line of the table of findings: a finding or one of its notes.
struct Row<'a> {
    at: String,
    /// A severity, or `note`.
    label: &'static str,
    severity: Option<crate::model::Severity>,
    code: String,
    message: std::borrow::Cow<'a, str>,
}

/// A report's findings as lines: a header, then one row per finding and note, the columns as
/// wide as their widest cell, so that a long check name or range shifts the messages of that
/// report alike. The message comes last and is not padded: no line ends in spaces.
fn finding_table(l: &Loaded, paint: Paint) -> Vec<String> {
    let index = LineIndex::new(&l.text);
    let mut rows = Vec::new();
    for f in finding_list(l) {
        rows.push(Row {
            at: text_range(&index, &l.text, f.span),
            label: f.severity.as_str(),
            severity: Some(f.severity),
            code: f.code.to_string(),
            message: f.message.as_str().into(),
        });
        for (span, message) in &f.related {
            rows.push(Row {
                at: text_range(&index, &l.text, *span),
                label: "note",
                severity: None,
                code: String::new(),
                message: message.into(),
            });
        }
        // A place in another report is named by its path and line in the message.
        for e in &f.elsewhere {
            rows.push(Row {
                at: String::new(),
                label: "note",
                severity: None,
                code: String::new(),
                message: format!("{}:{}: {}", e.path, e.line, e.message).into(),
            });
        }
    }
    let header = ("line:col", "severity", "check", "message");
    let width = |cell: fn(&Row) -> usize, head: &str| {
        rows.iter().map(cell).chain([head.len()]).max().unwrap_or(0)
    };
    let at_w = width(|r| r.at.chars().count(), header.0);
    let label_w = width(|r| r.label.len(), header.1);
    let code_w = width(|r| r.code.chars().count(), header.2);
    let pad = |cell: &str, width: usize| " ".repeat(width.saturating_sub(cell.chars().count()));
    let mut lines = vec![paint.dim(&format!(
        "  {}{}  {}{}  {}{}  {}",
        header.0,
        pad(header.0, at_w),
        header.1,
        pad(header.1, label_w),
        header.2,
        pad(header.2, code_w),
        header.3
    ))];
    for r in &rows {
        let line = format!(
            "  {}{}  {}{}  {}{}  {}",
            r.at,
            pad(&r.at, at_w),
            paint.severity(r.label, r.severity),
            pad(r.label, label_w),
            r.code,
            pad(&r.code, code_w),
            r.message
        );
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A span as `line:col` (one-based, in characters), or a range of the first and last
/// characters: `3:4-9` on one line, `3:4-5:2` across lines.
fn text_range(index: &LineIndex, text: &str, span: crate::text::Span) -> String {
    let (l1, c1) = index.line_col(text, span.start);
    if span.end <= span.start {
        return format!("{l1}:{c1}");
    }
    let last = crate::text::floor_char_boundary(text, span.end - 1);
    let (l2, c2) = index.line_col(text, last.max(span.start));
    if (l1, c1) == (l2, c2) {
        format!("{l1}:{c1}")
    } else if l1 == l2 {
        format!("{l1}:{c1}-{c2}")
    } else {
        format!("{l1}:{c1}-{l2}:{c2}")
    }
}

/// ANSI colours for the text output, or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn path(self, s: &str) -> String {
        self.wrap("1", s)
    }

    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }

    fn severity(self, label: &str, severity: Option<crate::model::Severity>) -> String {
        use crate::model::Severity;
        let code = match severity {
            Some(Severity::Error) => "1;31",
            Some(Severity::Warning) => "1;33",
            Some(Severity::Information) => "1;34",
            Some(Severity::Hint) => "1;36",
            None => "1;32",
        };
        self.wrap(code, label)
    }
}

/// One entry per path, in order; a path that was not read has no diagnostics and says why in
/// `errors`, which is empty for the others.
fn print_json(out: &mut impl Write, checked: &[Checked]) {
    let v: Vec<_> = checked
        .iter()
        .map(|c| match c {
            Checked::Read(l) => {
                let full = crate::report::to_json(&l.path.to_string_lossy(), &l.text, &l.analysis);
                json!({ "path": full["path"], "diagnostics": full["diagnostics"], "errors": [] })
            }
            Checked::Unread { path, message } => {
                let path = path.to_string_lossy();
                json!({
                    "path": path,
                    "diagnostics": [],
                    "errors": [{ "path": path, "message": message }],
                })
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    );
}

/// SARIF 2.1.0: findings are `results`; a path that was not read is an error notification of
/// the one invocation, which then did not succeed.
fn sarif(checked: &[Checked]) -> serde_json::Value {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for c in checked {
        let l = match c {
            Checked::Read(l) => l,
            Checked::Unread { path, message } => {
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": message },
                    "locations": [{ "physicalLocation": {
                        "artifactLocation": { "uri": path.to_string_lossy() },
                    }}],
                }));
                continue;
            }
        };
        let index = LineIndex::new(&l.text);
        for f in finding_list(l) {
            let (sl, sc) = index.line_col(&l.text, f.span.start);
            let (el, ec) = index.line_col(&l.text, f.span.end);
            let level = match f.severity {
                crate::model::Severity::Error => "error",
                crate::model::Severity::Warning => "warning",
                _ => "note",
            };
            let mut result = json!({
                "ruleId": f.code,
                "level": level,
                "message": { "text": f.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": l.path.to_string_lossy() },
                    "region": { "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec },
                }}],
            });
            // The same fact in another report: its file and line.
            if !f.elsewhere.is_empty() {
                result["relatedLocations"] = f
                    .elsewhere
                    .iter()
                    .enumerate()
                    .map(|(n, e)| {
                        json!({
                            "id": n,
                            "message": { "text": e.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": e.path },
                                "region": { "startLine": e.line },
                            },
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "dossier", "version": env!("CARGO_PKG_VERSION"),
                "rules": crate::model::Check::ALL.iter().map(|c| json!({ "id": c.as_str() })).collect::<Vec<_>>() } },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

fn analyze(file: &Path, format: AnalyzeFormat, common: &Common) -> Result<ExitCode, UsageError> {
    if !is_stdin(file) && file.is_dir() {
        return Err(UsageError(format!(
            "{}: is a directory; `analyze` takes one report",
            file.display()
        )));
    }
    let explicit = explicit_config(common)?;
    let mut warnings = Vec::new();
    let loaded = load(file, explicit.as_ref(), common, &mut warnings);
    for w in &warnings {
        eprintln!("dossier: warning: {w}");
    }
    let l = loaded.map_err(|message| UsageError(format!("{}: {message}", file.display())))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        AnalyzeFormat::Json => {
            let v = crate::report::to_json(&file.to_string_lossy(), &l.text, &l.analysis);
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            );
        }
        AnalyzeFormat::Text => {
            let _ = write!(out, "{}", summary(&l));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The events of every report read, merged in date order; a file that cannot be read is said on
/// standard error and the others are still shown.
fn timeline(
    paths: &[PathBuf],
    filter: crate::timeline::Filter,
    format: TimelineFormat,
    common: &Common,
) -> Result<ExitCode, UsageError> {
    let explicit = explicit_config(common)?;
    let files = expand(paths, explicit.as_ref())?;
    let (checked, warnings) = load_all(files, explicit.as_ref(), common);
    for w in &warnings {
        eprintln!("dossier: warning: {w}");
    }
    let mut unread = 0;
    let mut names = Vec::new();
    for c in &checked {
        match c {
            Checked::Read(l) => names.push((l.path.to_string_lossy().into_owned(), &**l)),
            Checked::Unread { path, message } => {
                eprintln!("dossier: error: {}: {message}", path.display());
                unread += 1;
            }
        }
    }
    let sources: Vec<crate::timeline::Source> = names
        .iter()
        .map(|(path, l)| crate::timeline::Source {
            path,
            text: &l.text,
            analysis: &l.analysis,
        })
        .collect();
    let entries = crate::timeline::merge(&sources, &filter);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = match format {
        TimelineFormat::Text => write!(out, "{}", crate::timeline::to_text(&entries)),
        TimelineFormat::Json => {
            // Streamed: a workspace's timeline can hold half a million events.
            let mut w = std::io::BufWriter::new(&mut out);
            let _ = crate::timeline::write_json(&entries, &mut w);
            writeln!(w)
        }
        TimelineFormat::Html => {
            let title = match names.as_slice() {
                [(path, _)] => format!("Timeline of {path}"),
                _ => format!("Timeline of {} reports", names.len()),
            };
            write!(out, "{}", crate::timeline::to_html(&entries, &title))
        }
    };
    Ok(if unread > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A human summary: period, outline, actors, dates, figures and findings.
fn summary(l: &Loaded) -> String {
    use std::fmt::Write as _;
    let a = &l.analysis;
    let text = &l.text;
    let index = LineIndex::new(text);
    let mut s = String::new();
    let _ = writeln!(s, "{}", l.path.display());
    if let Some(t) = &a.title {
        let _ = writeln!(s, "  title:   {t}");
    }
    match a.period {
        Some(p) => {
            let _ = writeln!(s, "  period:  {} to {}", p.start, p.end);
        }
        None => {
            let _ = writeln!(s, "  period:  unknown");
        }
    }
    match a.reference.date {
        Some(d) => {
            let _ = writeln!(s, "  date:    {d} (from {})", a.reference.from.as_str());
        }
        None => {
            let _ = writeln!(
                s,
                "  date:    none stated (undated text is read against today)"
            );
        }
    }
    let _ = writeln!(s, "\nOutline ({} sections)", a.sections.len());
    for sec in &a.sections {
        let (line, _) = index.line_col(text, sec.span.start);
        let _ = writeln!(
            s,
            "  {:>4}  {}{}",
            line,
            "  ".repeat(sec.level as usize - 1),
            sec.title
        );
    }
    let _ = writeln!(s, "\nActors ({})", a.actors.len());
    let mut actors: Vec<_> = a.actors.iter().collect();
    actors.sort_by_key(|x| std::cmp::Reverse(x.mentions.len()));
    for actor in actors {
        let aliases = if actor.aliases.is_empty() {
            String::new()
        } else {
            format!("  aka {}", actor.aliases.join(", "))
        };
        let _ = writeln!(
            s,
            "  {:<40} {:<12} {:>3} mention{}{}",
            actor.name,
            actor.kind.as_str(),
            actor.mentions.len(),
            if actor.mentions.len() == 1 { " " } else { "s" },
            aliases
        );
    }
    let _ = writeln!(s, "\nDates ({})", a.dates.len());
    for d in &a.dates {
        let (line, _) = index.line_col(text, d.span.start);
        let _ = writeln!(
            s,
            "  {:>4}  {:<32} {}{}",
            line,
            &text[d.span.start..d.span.end],
            d.value.iso(),
            if d.approx { " (approx)" } else { "" }
        );
    }
    let _ = writeln!(s, "\nFigures ({})", a.figures.len());
    for f in &a.figures {
        let (line, _) = index.line_col(text, f.span.start);
        let unit = f.unit.as_deref().unwrap_or("");
        let _ = writeln!(
            s,
            "  {:>4}  {:<32} {:<10} {} {}{}",
            line,
            &text[f.span.start..f.span.end],
            f.kind.as_str(),
            crate::ide::figure_number(text, f),
            unit,
            if f.approx() { " (approx)" } else { "" }
        );
    }
    let count = a.findings.len() + a.notices.len();
    let _ = writeln!(s, "\nFindings ({count})");
    for f in a.notices.iter().chain(&a.findings) {
        let (line, col) = index.line_col(text, f.span.start);
        let _ = writeln!(
            s,
            "  {line}:{col}: {}[{}]: {}",
            f.severity.as_str(),
            f.code,
            f.message
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    #[test]
    fn ranges_name_their_first_and_last_characters() {
        let text = "ab\nSéoul met\nBeijing\n";
        let index = LineIndex::new(text);
        let at = |start: usize, end: usize| text_range(&index, text, Span::new(start, end));
        assert_eq!(at(3, 3), "2:1", "an empty span is a point");
        assert_eq!(at(3, 4), "2:1", "one character");
        // `Séoul`: five characters, six bytes.
        assert_eq!(at(3, 9), "2:1-5");
        assert_eq!(at(10, 21), "2:7-3:7");
    }
}
