//! Configuration: what `dossier.toml` and editor settings may say, parsed from text into a
//! `Config` plus a list of problems (each with its line), never failing.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::calendar::Date;
use crate::model::{ActorKind, Check, Period, Severity};

/// An actor the user declares: a name the gazetteers do not know, or extra aliases.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorDef {
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Line of the `[[actors]]` entry in its file, for go-to-definition.
    pub line: Option<usize>,
}

/// A `[[patterns]]` entry: a regular expression, compiled once when the configuration is read,
/// and what the text it matches is.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: PatternKind,
    /// The regex as written; configurations compare by it, as compiled regexes cannot be.
    pub source: String,
    /// For a unit, anchored at its start (`^(?:…)`): units are matched where a number ends.
    pub regex: Arc<regex::Regex>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.kind == other.kind && self.source == other.source
    }
}

/// What a pattern's matches are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PatternKind {
    /// Each match is a mention of an actor of this kind: the actor `name` when given (declared
    /// as an actor of its own unless `[[actors]]` has one of that name), else the one its text
    /// names.
    Actor {
        kind: ActorKind,
        name: Option<String>,
    },
    /// A number directly followed by a match is a quantity in `symbol`, else in the text
    /// matched.
    Unit { symbol: Option<String> },
    /// No actor, date or figure is taken from text a match covers.
    Ignore,
}

/// The most patterns a configuration keeps, and the most bytes each regex may compile to (and
/// its lazy DFA grow to): a hostile file can make neither take megabytes.
const MAX_PATTERNS: usize = 100;
const REGEX_SIZE_LIMIT: usize = 256 * 1024;

/// One check's switch and severity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CheckSetting {
    pub enabled: bool,
    pub severity: Option<Severity>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Checks {
    /// How far `about`, `nearly`, `some` widen a figure, as a fraction of its value.
    pub approx_margin: f64,
    /// How far exchange rates across a report may differ before `conversion-rate` fires.
    pub rate_tolerance: f64,
    /// How far a stated percent change may be from its endpoints' (in percentage points) beyond
    /// the rounding the wording allows.
    pub change_tolerance: f64,
    /// Reference rates, units of the first currency per one of the second: `KRW/USD = 1050`.
    pub rates: Vec<(String, String, f64)>,
    pub settings: BTreeMap<String, CheckSetting>,
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            approx_margin: 0.1,
            rate_tolerance: 0.15,
            change_tolerance: 0.0,
            rates: Vec::new(),
            settings: BTreeMap::new(),
        }
    }
}

impl Checks {
    pub fn enabled(&self, code: &str) -> bool {
        self.settings.get(code).is_none_or(|s| s.enabled)
    }

    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.settings
            .get(code)
            .and_then(|s| s.severity)
            .unwrap_or(default)
    }
}

/// Every setting Dossier reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The period the report covers, when the report does not say.
    pub period: Option<Period>,
    /// The date undated text is resolved against, over anything the report says.
    pub reference_date: Option<Date>,
    /// Today, for reports that give no date of their own and no period: an input like any
    /// other (the core never reads the clock), set by the command line and the server.
    pub today: Option<Date>,
    /// What `$` and `dollars` mean: `USD` unless the report's audience uses another dollar.
    pub currency: String,
    pub actors: Vec<ActorDef>,
    /// `[[holders]]`: who held an office when, read before the shipped office holders.
    pub holders: Vec<crate::recognise::offices::Holder>,
    /// `[[patterns]]` in file order: actors, units and text to ignore, by regex.
    pub patterns: Vec<Pattern>,
    pub checks: Checks,
    /// `[measures]`: more measures facts are bound to, each a normalised name with the
    /// lower-case words that name it, read before the shipped ones (`data/measures.tsv`).
    pub measures: Vec<(String, Vec<String>)>,
    /// Reports larger than this many bytes are not analysed.
    pub max_file_size: usize,
    /// Inlay hints: ISO dates after partial dates, and dollar values after other money.
    pub inlay_dates: bool,
    pub inlay_money: bool,
    /// Mention counts above section headings.
    pub code_lens: bool,
    /// Which files under the workspace folders are reports.
    pub globs: Vec<String>,
    /// How long the server waits after the last edit before it publishes diagnostics, so
    /// that typing is never held up by analyses of text about to change.
    pub diagnostics_delay_ms: u64,
    /// The most locations one answer lists (references, highlights, the mentions a hover
    /// names), so that a report of a million equal figures cannot make an answer of megabytes.
    pub max_results: usize,
    /// The most items a list in a hover card names (titles, spellings, other reports).
    pub hover_list: usize,
    /// The most dates, figures and actor mentions one analysis keeps; past them the rest of
    /// the report is not analysed, so that memory stays bounded whatever the report holds.
    pub max_mentions: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            period: None,
            reference_date: None,
            today: None,
            currency: "USD".into(),
            actors: Vec::new(),
            holders: Vec::new(),
            patterns: Vec::new(),
            checks: Checks::default(),
            measures: Vec::new(),
            max_file_size: 20 * 1024 * 1024,
            inlay_dates: true,
            inlay_money: true,
            code_lens: false,
            diagnostics_delay_ms: 50,
            max_results: 1000,
            hover_list: 12,
            max_mentions: 50_000,
            globs: vec!["**/*.md".into(), "**/*.markdown".into(), "**/*.txt".into()],
        }
    }
}

/// A problem in a configuration file: one-based line and column (0 when unknown) and a
/// message. Only a syntax error knows its column; the others know the line of their key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses `dossier.toml` text on top of `base`. Bad parts are reported and left at their
/// defaults; the rest applies.
pub fn parse(text: &str, base: &Config) -> (Config, Vec<ConfigError>) {
    let mut config = base.clone();
    let mut errors = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            // Some syntax errors come without a message (a control character in a comment).
            let message = match e.message().trim() {
                "" => "invalid TOML syntax".to_string(),
                m => m.to_string(),
            };
            errors.push(ConfigError {
                line,
                column,
                message,
            });
            return (config, errors);
        }
    };
    let mut p = Applier {
        text,
        errors: &mut errors,
    };
    p.apply(&table, &mut config);
    // Tables iterate in key order; report in file order.
    errors.sort_by_key(|e| e.line);
    (config, errors)
}

/// The one-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Applies a JSON-like settings object from an editor (`initializationOptions`,
/// `workspace/configuration`) with the same keys as `dossier.toml`.
pub fn apply_json(value: &serde_json::Value, base: &Config) -> (Config, Vec<ConfigError>) {
    let mut config = base.clone();
    let mut errors = Vec::new();
    let Ok(toml::Value::Table(table)) = toml::Value::try_from(value) else {
        if !value.is_null() {
            errors.push(ConfigError {
                line: 0,
                column: 0,
                message: "settings must be an object".into(),
            });
        }
        return (config, errors);
    };
    let mut p = Applier {
        text: "",
        errors: &mut errors,
    };
    p.apply(&table, &mut config);
    (config, errors)
}

struct Applier<'a> {
    text: &'a str,
    errors: &'a mut Vec<ConfigError>,
}

impl Applier<'_> {
    /// The line where `key` is set or its table opens, for error messages.
    fn line_of(&self, key: &str) -> usize {
        for (n, l) in self.text.lines().enumerate() {
            let t = l.trim_start();
            let is_key = t
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
                || t.strip_prefix(&format!("\"{key}\""))
                    .is_some_and(|r| r.trim_start().starts_with('='));
            let is_table = t.starts_with('[')
                && t.trim_matches(['[', ']', ' ']).rsplit('.').next() == Some(key);
            if is_key || is_table {
                return n + 1;
            }
        }
        0
    }

    /// The entries of the array of tables `[[key]]`, each with the line of its header (for
    /// messages and go-to-definition); `None`, reported, when `value` is no array.
    fn entries<'v>(
        &mut self,
        key: &str,
        value: &'v toml::Value,
    ) -> Option<impl Iterator<Item = (usize, &'v toml::Value)> + use<'v>> {
        let Some(list) = value.as_array() else {
            self.error(
                key,
                format!("`{key}` must be an array of tables ([[{key}]])"),
            );
            return None;
        };
        let header = format!("[[{key}]]");
        let lines: Vec<usize> = self
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == header)
            .map(|(n, _)| n + 1)
            .collect();
        Some(
            list.iter()
                .enumerate()
                .map(move |(k, e)| (lines.get(k).copied().unwrap_or(0), e)),
        )
    }

    fn error(&mut self, key: &str, message: String) {
        let line = self.line_of(key);
        self.errors.push(ConfigError {
            line,
            column: 0,
            message,
        });
    }

    fn apply(&mut self, table: &toml::Table, config: &mut Config) {
        for (key, value) in table {
            match key.as_str() {
                "period" => match value.as_str().and_then(crate::period::parse) {
                    Some(p) => config.period = Some(p),
                    None => self.error(key, format!("`period` must be a date range such as \"2014-09-01/2014-12-31\" or \"Sep-Dec 2014\", not {value}")),
                },
                "reference-date" | "reference_date" | "referenceDate" => {
                    match value.as_str().and_then(Date::parse_iso) {
                        Some(d) => config.reference_date = Some(d),
                        None => self.error(key, format!("`{key}` must be a date such as \"2014-12-31\", not {value}")),
                    }
                }
                "currency" | "default-currency" | "defaultCurrency" => match value.as_str() {
                    Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                        config.currency = c.to_string();
                    }
                    _ => self.error(key, format!("`{key}` must be an ISO 4217 code such as \"USD\", not {value}")),
                },
                "max-file-size" | "maxFileSize" => match value.as_integer() {
                    Some(n) if n > 0 => config.max_file_size = n as usize,
                    _ => self.error(key, format!("`{key}` must be a positive number of bytes, not {value}")),
                },
                "diagnostics-delay" | "diagnosticsDelay" => match value.as_integer() {
                    Some(n) if (0..=10_000).contains(&n) => config.diagnostics_delay_ms = n as u64,
                    _ => self.error(key, format!("`{key}` must be a number of milliseconds from 0 to 10000, not {value}")),
                },
                "max-mentions" | "maxMentions" => match value.as_integer() {
                    Some(n) if n > 0 => config.max_mentions = n as usize,
                    _ => self.error(key, format!("`{key}` must be a positive number, not {value}")),
                },
                "hover-list" | "hoverList" => match value.as_integer() {
                    Some(n) if n > 0 => config.hover_list = n as usize,
                    _ => self.error(key, format!("`{key}` must be a positive number, not {value}")),
                },
                "max-results" | "maxResults" => match value.as_integer() {
                    Some(n) if n > 0 => config.max_results = n as usize,
                    _ => self.error(key, format!("`{key}` must be a positive number, not {value}")),
                },
                "inlay-hints" | "inlayHints" => self.inlay(key, value, config),
                "code-lens" | "codeLens" => match value.as_bool() {
                    Some(b) => config.code_lens = b,
                    None => self.error(key, format!("`{key}` must be true or false, not {value}")),
                },
                "actors" => self.actors(value, config),
                "holders" => self.holders(value, config),
                "patterns" => self.patterns(value, config),
                "checks" => match value.as_table() {
                    Some(t) => self.checks(t, &mut config.checks),
                    None => self.error(key, "`checks` must be a table".into()),
                },
                "measures" => match value.as_table() {
                    Some(t) => self.measures(t, config),
                    None => self.error(key, "`measures` must be a table such as { remittances = [\"remittance\", \"remittances\"] }".into()),
                },
                "globs" => match value.as_array() {
                    Some(list) if list.iter().all(|g| g.is_str()) => {
                        config.globs = list.iter().filter_map(|g| g.as_str().map(String::from)).collect();
                    }
                    _ => self.error(key, "`globs` must be a list of patterns such as [\"**/*.md\"]".into()),
                },
                // Editor-only settings the server does not read.
                "serverPath" | "server-path" | "trace" => {}
                other => self.error(other, format!("unknown key `{other}`")),
            }
        }
    }

    /// `[measures]`: each key a measure, its value the words that name it.
    fn measures(&mut self, t: &toml::Table, config: &mut Config) {
        for (name, forms) in t {
            let list = forms.as_array().filter(|l| !l.is_empty()).and_then(|l| {
                l.iter()
                    .map(|f| f.as_str().map(str::trim).filter(|f| !f.is_empty()))
                    .collect::<Option<Vec<_>>>()
            });
            match list {
                Some(list) if !name.trim().is_empty() => {
                    let forms = list.into_iter().map(str::to_lowercase).collect();
                    config.measures.retain(|(n, _)| n != name);
                    config.measures.push((name.trim().to_lowercase(), forms));
                }
                _ => self.error(
                    name,
                    format!("measure `{name}` must be a list of the words that name it, such as [\"remittance\", \"remittances\"]"),
                ),
            }
        }
    }

    fn inlay(&mut self, key: &str, value: &toml::Value, config: &mut Config) {
        match value {
            toml::Value::Boolean(b) => {
                config.inlay_dates = *b;
                config.inlay_money = *b;
            }
            toml::Value::Table(t) => {
                for (k, v) in t {
                    match (k.as_str(), v.as_bool()) {
                        ("dates", Some(b)) => config.inlay_dates = b,
                        ("money", Some(b)) => config.inlay_money = b,
                        _ => self.error(k, format!("unknown or invalid inlay hint setting `{k}`")),
                    }
                }
            }
            _ => self.error(key, format!("`{key}` must be true, false or a table")),
        }
    }

    fn actors(&mut self, value: &toml::Value, config: &mut Config) {
        let Some(entries) = self.entries("actors", value) else {
            return;
        };
        for (line, entry) in entries {
            let Some(t) = entry.as_table() else {
                self.errors.push(ConfigError {
                    line,
                    column: 0,
                    message: "each actor must be a table".into(),
                });
                continue;
            };
            let mut def = ActorDef {
                name: String::new(),
                kind: ActorKind::Person,
                aliases: Vec::new(),
                description: None,
                line: Some(line),
            };
            let mut ok = true;
            for (key, v) in t {
                match (key.as_str(), v) {
                    ("name", toml::Value::String(s)) if !s.trim().is_empty() => {
                        def.name = s.trim().into()
                    }
                    ("kind", toml::Value::String(s)) => match ActorKind::parse(s) {
                        Some(kind) => def.kind = kind,
                        None => {
                            ok = false;
                            self.errors.push(ConfigError { line, column: 0, message: format!("actor kind `{s}` is not one of person, country, organization, place, group") });
                        }
                    },
                    ("aliases", toml::Value::Array(a)) => {
                        for alias in a {
                            match alias.as_str() {
                                Some(s) if !s.trim().is_empty() => {
                                    def.aliases.push(s.trim().into())
                                }
                                _ => self.errors.push(ConfigError {
                                    line,
                                    column: 0,
                                    message: "aliases must be non-empty strings".into(),
                                }),
                            }
                        }
                    }
                    ("description", toml::Value::String(s)) => def.description = Some(s.clone()),
                    (other, _) => {
                        ok = false;
                        self.errors.push(ConfigError {
                            line,
                            column: 0,
                            message: format!("unknown or invalid actor key `{other}`"),
                        });
                    }
                }
            }
            if def.name.is_empty() {
                self.errors.push(ConfigError {
                    line,
                    column: 0,
                    message: "an actor needs a `name`".into(),
                });
            } else if ok {
                config.actors.push(def);
            }
        }
    }

    /// Each `[[holders]]` entry: `name`, `office` and `from` are needed; `country`, `titles`,
    /// `surname` (the last word of the name by default), `aliases` and `to` may follow.
    fn holders(&mut self, value: &toml::Value, config: &mut Config) {
        let Some(entries) = self.entries("holders", value) else {
            return;
        };
        for (line, entry) in entries {
            let text = |k: &str| entry.get(k).and_then(|v| v.as_str()).map(str::trim);
            let list = |k: &str| -> Vec<String> {
                entry
                    .get(k)
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str())
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let date = |k: &str| text(k).map(Date::parse_iso);
            let known = [
                "name", "office", "country", "titles", "surname", "aliases", "from", "to",
            ];
            if let Some(t) = entry.as_table() {
                if let Some(other) = t.keys().find(|k| !known.contains(&k.as_str())) {
                    self.errors.push(ConfigError {
                        line,
                        column: 0,
                        message: format!("unknown holder key `{other}`"),
                    });
                    continue;
                }
            }
            let (Some(name), Some(office), Some(Some(from))) =
                (text("name"), text("office"), date("from"))
            else {
                self.errors.push(ConfigError {
                    line,
                    column: 0,
                    message: "a holder needs a `name`, an `office` and a `from` date (YYYY-MM-DD)"
                        .into(),
                });
                continue;
            };
            let to = match date("to") {
                None => None,
                Some(Some(d)) if d >= from => Some(d),
                Some(_) => {
                    self.errors.push(ConfigError {
                        line,
                        column: 0,
                        message: "`to` must be a date (YYYY-MM-DD) no earlier than `from`".into(),
                    });
                    continue;
                }
            };
            let surname = text("surname")
                .or_else(|| name.split_whitespace().last())
                .unwrap_or(name);
            let mut titles = list("titles");
            if titles.is_empty() {
                // `President of Kenya` is written `President`.
                titles.push(office.split(" of ").next().unwrap_or(office).to_string());
            }
            config.holders.push(crate::recognise::offices::Holder {
                country: text("country").unwrap_or("").to_string(),
                office: office.to_string(),
                titles,
                name: name.to_string(),
                surname: surname.to_string(),
                aliases: list("aliases"),
                from,
                to,
            });
        }
    }

    /// Compiles each `[[patterns]]` entry; an entry that cannot be used is reported at its line
    /// and skipped, and the others apply.
    fn patterns(&mut self, value: &toml::Value, config: &mut Config) {
        let Some(entries) = self.entries("patterns", value) else {
            return;
        };
        for (line, entry) in entries {
            if config.patterns.len() == MAX_PATTERNS {
                self.errors.push(ConfigError {
                    line,
                    column: 0,
                    message: format!(
                        "more than {MAX_PATTERNS} patterns: this one and those after it are skipped"
                    ),
                });
                return;
            }
            let pattern = match entry.as_table() {
                Some(t) => pattern(t),
                None => Err("each pattern must be a table".into()),
            };
            match pattern {
                Ok(p) => {
                    if let PatternKind::Actor {
                        kind,
                        name: Some(name),
                    } = &p.kind
                    {
                        if !config.actors.iter().any(|d| d.name == *name) {
                            config.actors.push(ActorDef {
                                name: name.clone(),
                                kind: *kind,
                                aliases: Vec::new(),
                                description: None,
                                line: Some(line),
                            });
                        }
                    }
                    config.patterns.push(p);
                }
                Err(message) => self.errors.push(ConfigError {
                    line,
                    column: 0,
                    message,
                }),
            }
        }
    }

    fn checks(&mut self, t: &toml::Table, checks: &mut Checks) {
        for (key, v) in t {
            let number = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
            match key.as_str() {
                "approx-margin" | "margin" => match number {
                    Some(n) if (0.0..1.0).contains(&n) => checks.approx_margin = n,
                    _ => self.error(
                        key,
                        format!("`{key}` must be a fraction between 0 and 1, not {v}"),
                    ),
                },
                "rate-tolerance" => match number {
                    Some(n) if (0.0..10.0).contains(&n) => checks.rate_tolerance = n,
                    _ => self.error(
                        key,
                        format!("`{key}` must be a fraction such as 0.15, not {v}"),
                    ),
                },
                "change-tolerance" => match number {
                    Some(n) if n >= 0.0 => checks.change_tolerance = n,
                    _ => self.error(
                        key,
                        format!(
                            "`{key}` must be a non-negative number of percentage points, not {v}"
                        ),
                    ),
                },
                "rates" => match v.as_table() {
                    Some(rates) => {
                        for (pair, r) in rates {
                            let rate = r.as_float().or_else(|| r.as_integer().map(|i| i as f64));
                            match (pair.split_once('/'), rate) {
                                (Some((a, b)), Some(r)) if r > 0.0 => {
                                    checks.rates.push((a.trim().into(), b.trim().into(), r));
                                }
                                _ => self.error(
                                    pair,
                                    format!("rate `{pair}` must be written \"KRW/USD\" = 1050.0"),
                                ),
                            }
                        }
                    }
                    None => self.error(
                        key,
                        "`rates` must be a table such as { \"KRW/USD\" = 1050.0 }".into(),
                    ),
                },
                code if Check::parse(code).is_some() => {
                    let mut setting = checks.settings.get(code).copied().unwrap_or(CheckSetting {
                        enabled: true,
                        severity: None,
                    });
                    match v {
                        toml::Value::Boolean(b) => setting.enabled = *b,
                        toml::Value::String(s) => match s.as_str() {
                            "off" => setting.enabled = false,
                            s => match Severity::parse(s) {
                                Some(sev) => setting.severity = Some(sev),
                                None => self.error(code, format!("`{code}` must be true, false, \"off\" or a severity, not {v}")),
                            },
                        },
                        toml::Value::Table(t) => {
                            for (k, x) in t {
                                match (k.as_str(), x) {
                                    ("enabled", toml::Value::Boolean(b)) => setting.enabled = *b,
                                    ("severity", toml::Value::String(s)) => match Severity::parse(s) {
                                        Some(sev) => setting.severity = Some(sev),
                                        None => self.error(k, format!("severity `{s}` is not one of error, warning, information, hint")),
                                    },
                                    _ => self.error(k, format!("unknown or invalid setting `{k}` for check `{code}`")),
                                }
                            }
                        }
                        _ => self.error(code, format!("`{code}` must be true, false or a table")),
                    }
                    checks.settings.insert(code.to_string(), setting);
                }
                other => self.error(
                    other,
                    format!(
                        "unknown check setting `{other}` (checks are {})",
                        Check::ALL.map(Check::as_str).join(", ")
                    ),
                ),
            }
        }
    }
}

/// One `[[patterns]]` entry, compiled, or why it cannot be used.
fn pattern(t: &toml::Table) -> Result<Pattern, String> {
    if let Some(other) = t
        .keys()
        .find(|k| !matches!(k.as_str(), "kind" | "regex" | "name" | "unit"))
    {
        return Err(format!("unknown pattern key `{other}`"));
    }
    let string = |key: &str| match t.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.as_str())),
        Some(v) => Err(format!(
            "pattern `{key}` must be a non-empty string, not {v}"
        )),
    };
    let kind = string("kind")?.ok_or("a pattern needs a `kind`")?;
    let source = string("regex")?.ok_or("a pattern needs a `regex`")?;
    let name = string("name")?.map(|n| n.trim().to_string());
    let symbol = string("unit")?.map(|u| u.trim().to_string());
    let actor = ActorKind::parse(kind);
    if actor.is_none() && !matches!(kind, "unit" | "ignore") {
        return Err(format!(
            "pattern kind `{kind}` is not one of person, country, organization, place, group, unit, ignore"
        ));
    }
    if name.is_some() && actor.is_none() {
        return Err("`name` is only for patterns of actors".into());
    }
    if symbol.is_some() && kind != "unit" {
        return Err("`unit` is only for patterns of kind `unit`".into());
    }
    let kind = match actor {
        Some(kind) => PatternKind::Actor { kind, name },
        None if kind == "unit" => PatternKind::Unit { symbol },
        None => PatternKind::Ignore,
    };
    // A unit is matched where a number ends, so its regex is anchored there; the regex is
    // compiled as written first, so that a stray `)` cannot change what the anchor covers.
    let mut regex = compile(source, source)?;
    if matches!(kind, PatternKind::Unit { .. }) {
        regex = compile(&format!("^(?:{source})"), source)?;
    }
    Ok(Pattern {
        kind,
        source: source.to_string(),
        regex: Arc::new(regex),
    })
}

/// Compiles `regex` (written by the user as `source`) within the size limit.
fn compile(regex: &str, source: &str) -> Result<regex::Regex, String> {
    let compiled = regex::RegexBuilder::new(regex)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => format!(
                "regex `{source}` is too large: it compiles to more than {} KiB",
                limit / 1024
            ),
            // A syntax error is several lines, the last of which says what is wrong.
            e => {
                let e = e.to_string();
                let why = e.lines().last().unwrap_or("").trim_start_matches("error: ");
                format!("invalid regex `{source}`: {why}")
            }
        })?;
    if compiled.is_match("") {
        return Err(format!("regex `{source}` matches empty text"));
    }
    Ok(compiled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_applies() {
        let text = r#"
period = "Sep-Dec 2014"
currency = "USD"

[[actors]]
name = "Kim Jong Un"
kind = "person"
aliases = ["Marshal Kim"]

[checks]
rate-tolerance = 0.2
weekday = "error"
restated-figure = false
rates = { "KRW/USD" = 1050 }
"#;
        let (c, errors) = parse(text, &Config::default());
        assert_eq!(errors, []);
        assert_eq!(c.period.unwrap().start.to_string(), "2014-09-01");
        assert_eq!(c.actors[0].aliases, ["Marshal Kim"]);
        assert_eq!(c.actors[0].line, Some(5));
        assert_eq!(c.checks.rate_tolerance, 0.2);
        assert_eq!(
            c.checks.severity("weekday", Severity::Warning),
            Severity::Error
        );
        assert!(!c.checks.enabled("restated-figure"));
        assert_eq!(c.checks.rates, [("KRW".into(), "USD".into(), 1050.0)]);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let text = "currency = \"dollars\"\ncolour = 3\n[checks]\nweekday = \"loud\"\n";
        let (c, errors) = parse(text, &Config::default());
        assert_eq!(c.currency, "USD");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 4], "{errors:?}");
        assert!(errors[1].message.contains("unknown key `colour`"));
    }

    /// Found by `cargo fuzz run config`: a NUL in a comment gave an error with no message.
    #[test]
    fn control_characters_in_comments_are_reported_with_a_message() {
        let (_, errors) = parse("#\u{fffd}\u{0}\n", &Config::default());
        assert_eq!(errors.len(), 1);
        assert!(!errors[0].message.is_empty());
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let (_, errors) = parse("a = 1\nb = [\n", &Config::default());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].line >= 2, "{errors:?}");
    }

    #[test]
    fn syntax_errors_have_the_column_in_characters() {
        // The stray `=` after a value is the error, past a name with a two-byte character.
        let (_, errors) = parse("a = 1\n\"né\" = 2 =\n", &Config::default());
        assert_eq!((errors[0].line, errors[0].column), (2, 10), "{errors:?}");
    }

    #[test]
    fn patterns_of_every_kind_compile_once() {
        let text = r#"
[[patterns]]
kind = "organization"
regex = "Ministry of [A-Z][a-z]+"

[[patterns]]
kind = "organisation"
name = "Ministry of Unification"
regex = "(?i)unification ministry|MOU"

[[patterns]]
kind = "unit"
regex = "barrels? (?:of oil )?per day"
unit = "bpd"

[[patterns]]
kind = "ignore"
regex = 'R4\d{4}'
"#;
        let (c, errors) = parse(text, &Config::default());
        assert_eq!(errors, []);
        let kinds: Vec<&PatternKind> = c.patterns.iter().map(|p| &p.kind).collect();
        assert_eq!(
            kinds,
            [
                &PatternKind::Actor {
                    kind: ActorKind::Organization,
                    name: None
                },
                &PatternKind::Actor {
                    kind: ActorKind::Organization,
                    name: Some("Ministry of Unification".into())
                },
                &PatternKind::Unit {
                    symbol: Some("bpd".into())
                },
                &PatternKind::Ignore,
            ]
        );
        assert_eq!(c.patterns[3].source, r"R4\d{4}");
        // A unit is matched where a number ends: at the start of what follows it, only.
        assert!(c.patterns[2].regex.is_match("barrels of oil per day"));
        assert!(!c.patterns[2].regex.is_match("the barrels per day"));
        // A named pattern declares its actor, at the line of its entry.
        assert_eq!(c.actors.len(), 1);
        assert_eq!(c.actors[0].name, "Ministry of Unification");
        assert_eq!(c.actors[0].line, Some(6));
        // Configurations compare by what the patterns say, and a clone shares the regexes.
        let again = c.clone();
        assert_eq!(again, c);
        assert!(Arc::ptr_eq(&again.patterns[0].regex, &c.patterns[0].regex));
    }

    #[test]
    fn a_pattern_that_cannot_be_used_is_reported_at_its_line_and_skipped() {
        let text = r#"[[patterns]]
kind = "organization"
regex = "Operation (Pluto"

[[patterns]]
kind = "company"
regex = "[A-Z]+ Ltd"

[[patterns]]
kind = "unit"
unit = "bpd"

[[patterns]]
kind = "ignore"
regex = "x*"

[[patterns]]
kind = "ignore"
regex = "IF\\d+"
name = "Reports"

[[patterns]]
kind = "unit"
regex = '\w{1000}'

[[patterns]]
kind = "place"
regex = "Camp [A-Z][a-z]+"
colour = "red"

[[patterns]]
kind = "ignore"
regex = 'R4\d{4}'
"#;
        let (c, errors) = parse(text, &Config::default());
        let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, &*e.message)).collect();
        assert_eq!(
            got,
            [
                (1, "invalid regex `Operation (Pluto`: unclosed group"),
                (
                    5,
                    "pattern kind `company` is not one of person, country, organization, place, group, unit, ignore"
                ),
                (9, "a pattern needs a `regex`"),
                (13, "regex `x*` matches empty text"),
                (17, "`name` is only for patterns of actors"),
                (
                    22,
                    "regex `\\w{1000}` is too large: it compiles to more than 256 KiB"
                ),
                (26, "unknown pattern key `colour`"),
            ]
        );
        assert_eq!(c.patterns.len(), 1);
        assert_eq!(c.patterns[0].kind, PatternKind::Ignore);
        assert!(c.actors.is_empty());
    }

    #[test]
    fn patterns_apply_from_editor_settings_in_the_same_shape() {
        let settings = serde_json::json!({
            "patterns": [
                { "kind": "person", "regex": "Agent [A-Z]+" },
                { "kind": "unit", "regex": "[" },
            ]
        });
        let (c, errors) = apply_json(&settings, &Config::default());
        assert_eq!(c.patterns.len(), 1);
        assert_eq!(c.patterns[0].source, "Agent [A-Z]+");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .starts_with("invalid regex `[`: unclosed character class"),
            "{errors:?}"
        );
        let (_, errors) = apply_json(&serde_json::json!({ "patterns": "Agent" }), &c);
        assert_eq!(
            errors[0].message,
            "`patterns` must be an array of tables ([[patterns]])"
        );
    }

    #[test]
    fn past_a_hundred_patterns_the_rest_are_skipped() {
        let text = "[[patterns]]\nkind = \"ignore\"\nregex = \"R4[0-9]{4}\"\n".repeat(101);
        let (c, errors) = parse(&text, &Config::default());
        assert_eq!(c.patterns.len(), 100);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 301);
    }
}
