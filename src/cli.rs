//! The command line: `dossier check`, `dossier analyze`, `dossier lsp`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::calendar::Date;
use crate::config::Config;
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
    Check {
        /// Report files or folders (searched for .md, .markdown, .txt)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Print everything Dossier knows about one report
    Analyze {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
        format: AnalyzeFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Run the language server on standard input and output
    Lsp,
}

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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalyzeFormat {
    Text,
    Json,
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
}

fn config_for(path: &Path, common: &Common, warnings: &mut Vec<String>) -> Config {
    let mut base = Config::default();
    let file = common.config.clone().or_else(|| {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        host::find_config(dir)
    });
    if let Some(file) = file {
        let (c, errors) = host::load_config(&file, &base);
        for e in errors {
            if !warnings.contains(&e) {
                warnings.push(e);
            }
        }
        base = c;
    }
    if common.reference_date.is_some() {
        base.reference_date = common.reference_date;
    }
    base
}

fn load(path: &Path, common: &Common, warnings: &mut Vec<String>) -> Result<Loaded, UsageError> {
    let bytes = std::fs::read(path).map_err(|e| {
        UsageError(format!(
            "{}: cannot read: {}",
            path.display(),
            lower(&e.to_string())
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        UsageError(format!(
            "{}: not valid UTF-8 (first bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let config = config_for(path, common, warnings);
    let format = Format::from_path(&path.to_string_lossy());
    let analysis = host::analyze(&text, &config, format);
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        analysis,
    })
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, UsageError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            host::walk_reports(p, &mut files);
            if files.len() == before {
                return Err(UsageError(format!(
                    "{}: no reports (.md, .markdown, .txt) in this directory",
                    p.display()
                )));
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(UsageError(format!(
                "{}: no such file or directory",
                p.display()
            )));
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
            common,
        } => check(&paths, format, &common),
        Command::Analyze {
            file,
            format,
            common,
        } => analyze(&file, format, &common),
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

fn check(paths: &[PathBuf], format: CheckFormat, common: &Common) -> Result<ExitCode, UsageError> {
    let files = expand(paths)?;
    let mut warnings = Vec::new();
    // Reports are independent: analyse them on every core.
    let started = std::time::Instant::now();
    let loaded: Vec<(Result<Loaded, UsageError>, Vec<String>)> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|f| {
                let mut w = Vec::new();
                (load(f, common, &mut w), w)
            })
            .collect()
    };
    let elapsed = started.elapsed();
    let loaded: Vec<Result<Loaded, UsageError>> = loaded
        .into_iter()
        .map(|(l, w)| {
            for w in w {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            l
        })
        .collect();
    for w in &warnings {
        eprintln!("dossier: warning: {w}");
    }
    let mut reports = Vec::new();
    for l in loaded {
        reports.push(l?);
    }
    let count: usize = reports.iter().map(|l| finding_list(l).count()).sum();
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
            for l in &reports {
                let index = LineIndex::new(&l.text);
                for f in finding_list(l) {
                    let (line, col) = index.line_col(&l.text, f.span.start);
                    let _ = writeln!(
                        out,
                        "{}:{line}:{col}: {}[{}]: {}",
                        l.path.display(),
                        f.severity.as_str(),
                        f.code,
                        f.message
                    );
                    for (span, message) in &f.related {
                        let (rl, rc) = index.line_col(&l.text, span.start);
                        let _ = writeln!(out, "  {}:{rl}:{rc}: note: {message}", l.path.display());
                    }
                }
            }
            let bytes: usize = reports.iter().map(|l| l.text.len()).sum();
            let secs = elapsed.as_secs_f64().max(1e-6);
            let _ = writeln!(
                out,
                "{count} finding{} in {} report{} ({:.1} MB in {:.0} ms, {:.0} MB/s on {} threads)",
                if count == 1 { "" } else { "s" },
                reports.len(),
                if reports.len() == 1 { "" } else { "s" },
                bytes as f64 / 1e6,
                secs * 1e3,
                bytes as f64 / 1e6 / secs,
                rayon::current_num_threads()
            );
        }
        CheckFormat::Json => {
            let v: Vec<_> = reports
                .iter()
                .map(|l| {
                    let full =
                        crate::report::to_json(&l.path.to_string_lossy(), &l.text, &l.analysis);
                    json!({ "path": full["path"], "diagnostics": full["diagnostics"] })
                })
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            );
        }
        CheckFormat::Sarif => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&sarif(&reports)).unwrap_or_default()
            );
        }
    }
    Ok(if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn sarif(reports: &[Loaded]) -> serde_json::Value {
    let mut results = Vec::new();
    for l in reports {
        let index = LineIndex::new(&l.text);
        for f in finding_list(l) {
            let (sl, sc) = index.line_col(&l.text, f.span.start);
            let (el, ec) = index.line_col(&l.text, f.span.end);
            let level = match f.severity {
                crate::model::Severity::Error => "error",
                crate::model::Severity::Warning => "warning",
                _ => "note",
            };
            results.push(json!({
                "ruleId": f.code,
                "level": level,
                "message": { "text": f.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": l.path.to_string_lossy() },
                    "region": { "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec },
                }}],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "dossier", "version": env!("CARGO_PKG_VERSION"),
                "rules": crate::config::CHECK_CODES.iter().map(|c| json!({ "id": c })).collect::<Vec<_>>() } },
            "results": results,
        }],
    })
}

fn analyze(file: &Path, format: AnalyzeFormat, common: &Common) -> Result<ExitCode, UsageError> {
    if file.is_dir() {
        return Err(UsageError(format!(
            "{}: is a directory; `analyze` takes one report",
            file.display()
        )));
    }
    if !file.exists() {
        return Err(UsageError(format!(
            "{}: no such file or directory",
            file.display()
        )));
    }
    let mut warnings = Vec::new();
    let l = load(file, common, &mut warnings)?;
    for w in &warnings {
        eprintln!("dossier: warning: {w}");
    }
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
