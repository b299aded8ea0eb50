//! The analysis of one report: its period, outline, actors, dates, figures and findings.
//!
//! These are plain data in byte offsets. The CLI serialises them to the JSON contract and the LSP
//! layer converts them to protocol types; neither adds facts of its own.

use std::borrow::Cow;

use crate::calendar::Date;
use crate::text::Span;

/// The period a report covers, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// 1 for the top level.
    pub level: u32,
    /// From the heading's first byte to the start of the next heading of the same or a higher
    /// level (or the end of the text).
    pub span: Span,
    /// The title text itself, without `#` marks or underline.
    pub heading: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    Person,
    Country,
    Organization,
    Place,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Organization => "organization",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "person" => ActorKind::Person,
            "country" => ActorKind::Country,
            "organization" | "organisation" => ActorKind::Organization,
            "place" => ActorKind::Place,
            "group" => ActorKind::Group,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// The fullest form in the report or the gazetteer (borrowed from the gazetteer, which
    /// lives as long as the program, so a report's countries copy no names).
    pub name: Cow<'static, str>,
    pub kind: ActorKind,
    /// Other names the report uses for this actor, in order of first use.
    pub aliases: Vec<String>,
    /// Titles seen before a person's name (`Foreign Minister`).
    pub titles: Vec<String>,
    /// A one-line description from the gazetteer or configuration.
    pub description: Option<Cow<'static, str>>,
    /// For an actor declared in `dossier.toml`: the line of its `[[actors]]` entry.
    pub config_line: Option<usize>,
    pub mentions: Vec<Span>,
}

/// How precise a date value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A resolved date: one day, month or year, or an interval of them, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// First day covered.
    pub start: Date,
    /// Last day covered.
    pub end: Date,
    pub precision: Precision,
    /// Written as a range (`Oct. 17-25`, `January-September 2014`), not one unit.
    pub interval: bool,
}

impl DateValue {
    pub fn day(date: Date) -> DateValue {
        DateValue {
            start: date,
            end: date,
            precision: Precision::Day,
            interval: false,
        }
    }

    pub fn month(year: i32, month: u32) -> DateValue {
        DateValue {
            start: Date::first_of_month(year, month),
            end: Date::last_of_month(year, month),
            precision: Precision::Month,
            interval: false,
        }
    }

    pub fn year(year: i32) -> DateValue {
        DateValue {
            start: Date::first_of_month(year, 1),
            end: Date::last_of_month(year, 12),
            precision: Precision::Year,
            interval: false,
        }
    }

    /// An interval from the start of `a` to the end of `b`, at the coarser precision.
    pub fn span(a: DateValue, b: DateValue) -> DateValue {
        DateValue {
            start: a.start,
            end: b.end,
            precision: a.precision.min(b.precision),
            interval: true,
        }
    }

    /// ISO 8601 as the contract writes it: `2014-10-31`, `2014-10`, `2014`, `2014-01/2014-09`.
    pub fn iso(&self) -> String {
        let one = |d: Date| match self.precision {
            Precision::Year => format!("{:04}", d.year),
            Precision::Month => format!("{:04}-{:02}", d.year, d.month),
            Precision::Day => d.to_string(),
        };
        let (a, b) = (one(self.start), one(self.end));
        if self.interval && a != b {
            format!("{a}/{b}")
        } else {
            a
        }
    }

    /// Number of days covered, both ends included.
    pub fn days(&self) -> i64 {
        self.end.to_days() - self.start.to_days() + 1
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub value: DateValue,
    /// `late October`, `mid-2015`, `the end of 2014`.
    pub approx: bool,
    /// A weekday written next to the date (`Tuesday, May 9`): its index (Monday = 0) and span.
    pub weekday: Option<(usize, Span)>,
    /// Relative wording (`last year`) resolved against the reference date.
    pub relative: bool,
}

/// A date written with a day its month does not have (`Feb. 30, 2019`, `Saturday, April 31`):
/// no date at all, so it stands apart from the dates, for the `invalid-date` check.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidDate {
    pub span: Span,
    /// The year written, or the one a year-less day takes from the period or reference date.
    pub year: i32,
    pub month: u32,
    /// The day the month lacks.
    pub day: u32,
    /// The digits of that day (an ordinal suffix included) when it is one day, not the end of a
    /// range: what a fix rewrites.
    pub day_span: Option<Span>,
    /// A weekday written before it, as in `DateMention::weekday`.
    pub weekday: Option<(usize, Span)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Money,
    Percent,
    /// Percentage points, kept apart from percentages.
    Points,
    Count,
    Quantity,
    Multiplier,
}

impl FigureKind {
    /// The contract's name; percentage points are a kind of percent there.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent | FigureKind::Points => "percent",
            FigureKind::Count => "count",
            FigureKind::Quantity => "quantity",
            FigureKind::Multiplier => "multiplier",
        }
    }
}

/// How a figure's wording bounds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    /// `about`, `nearly`, `some`, `roughly`, `around`, `approximately`.
    About,
    /// `more than`, `over`, `at least`, `above`.
    AtLeast,
    /// `up to`, `less than`, `under`, `at most`, `below`.
    AtMost,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub kind: FigureKind,
    /// In plain units: `$359 million` is 359,000,000.
    pub value: f64,
    /// ISO 4217 for money, `%` for percent, `pp` for points, a symbol for quantities.
    pub unit: Option<Cow<'static, str>>,
    pub qualifier: Qualifier,
    /// `2,000-3,000`, `between 5 and 7 percent`.
    pub range: Option<(f64, f64)>,
    /// The interval the wording allows before qualifiers widen it: `$1.5 billion` is
    /// 1.45e9..=1.55e9.
    pub bounds: (f64, f64),
    /// For an ordinal such as `14th round`: the count is an ordinal, not a quantity.
    pub ordinal: bool,
    /// Index (into the analysis's figures) of the conversion written beside this figure:
    /// `3.22 trillion won ($3.11 billion)` links the won figure to the dollar one and back.
    pub conversion: Option<usize>,
    /// The word or phrase the figure counts or measures (`tons`, `Chinese`, `import items`).
    pub noun: Option<Span>,
    /// The number as written (`999999999999999999999`, `-1.2345678901234567 million`) when it
    /// has more digits than `value` holds (15 from its first significant one, zeros after it
    /// included): what displays show in its place, so that none claims digits the report did
    /// not write.
    pub written: Option<Span>,
}

impl Figure {
    pub fn approx(&self) -> bool {
        self.qualifier != Qualifier::Exact
    }

    /// Whether `value` holds the number at the precision it was written with; checks compare
    /// only such figures.
    pub fn exact(&self) -> bool {
        self.written.is_none()
    }
}

/// What a figure's wording says about its standing: an outturn is not a forecast, a pledge is not
/// a disbursement, and facts of different statuses are never compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactStatus {
    Stated,
    Target,
    Forecast,
    Pledged,
    Disbursed,
    Estimated,
}

impl FactStatus {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            FactStatus::Stated => "stated",
            FactStatus::Target => "target",
            FactStatus::Forecast => "forecast",
            FactStatus::Pledged => "pledged",
            FactStatus::Disbursed => "disbursed",
            FactStatus::Estimated => "estimated",
        }
    }
}

/// A figure bound to what it measures: whose, what, when, and how firmly (`Japan's exports to
/// Korea rose to $54.6 billion in 2021`: Japan and Korea, exports, 2021, stated).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Index into the analysis's figures.
    pub figure: usize,
    /// Indices into the analysis's actors, sorted and without repeats.
    pub subjects: Vec<usize>,
    /// The normalised measure (`exports`, `gdp`, `aid`), from `data/measures.tsv` or the
    /// configuration.
    pub measure: Cow<'static, str>,
    /// The date or period the figure applies to, resolved as dates are.
    pub time: Option<DateValue>,
    pub status: FactStatus,
    /// The clause the fact was read from.
    pub clause: Span,
    /// The subject whose measure it is, when the wording says (`Japan's exports to Korea`,
    /// `exports from Japan`: Japan): which way a flow goes, for the balance of trade.
    pub owner: Option<usize>,
    /// The figure's unit, or the one a bare count takes from the fact before it (`9.1 million
    /// tonnes in March and 9.8 million in June`: both tonnes).
    pub unit: Option<Cow<'static, str>>,
    /// The word that narrows the measure (`oil` of `oil imports`, `goods` of `exports of
    /// goods`): facts of different details are different facts.
    pub detail: Option<Span>,
    /// Whether its sentence tells of a revision (`revised up to $3 billion`, `later revised`):
    /// a revised value does not contradict the one it replaces.
    pub revised: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "information" | "info" => Severity::Information,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// A replacement the editor can offer as a quick fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub title: String,
    pub span: Span,
    pub replacement: String,
}

/// The consistency checks. Their codes are part of the JSON contract and the configuration's
/// keys; the README's table of checks and the editors' settings list every one (a tidy test holds
/// them to `Check::ALL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Check {
    ConversionRate,
    PartsExceedWhole,
    SharesOver100,
    PercentChange,
    Weekday,
    InvalidDate,
    Anniversary,
    DurationSpan,
    RestatedFigure,
    TableTotal,
    DateOutsidePeriod,
    Balance,
    Total,
    Growth,
    CrossReport,
}

impl Check {
    /// Every check, in the order the README and the configuration's messages list them.
    pub const ALL: [Check; 15] = [
        Check::ConversionRate,
        Check::PartsExceedWhole,
        Check::SharesOver100,
        Check::PercentChange,
        Check::Weekday,
        Check::InvalidDate,
        Check::Anniversary,
        Check::DurationSpan,
        Check::RestatedFigure,
        Check::TableTotal,
        Check::DateOutsidePeriod,
        Check::Balance,
        Check::Total,
        Check::Growth,
        Check::CrossReport,
    ];

    /// The stable kebab-case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::ConversionRate => "conversion-rate",
            Check::PartsExceedWhole => "parts-exceed-whole",
            Check::SharesOver100 => "shares-over-100",
            Check::PercentChange => "percent-change",
            Check::Weekday => "weekday",
            Check::InvalidDate => "invalid-date",
            Check::Anniversary => "anniversary",
            Check::DurationSpan => "duration-span",
            Check::RestatedFigure => "restated-figure",
            Check::TableTotal => "table-total",
            Check::DateOutsidePeriod => "date-outside-period",
            Check::Balance => "balance",
            Check::Total => "total",
            Check::Growth => "growth",
            Check::CrossReport => "cross-report",
        }
    }

    pub fn parse(code: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// What a finding is about: a check, or the input itself (notices, which no setting switches
/// off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Check(Check),
    /// The report is over `max-file-size`, so it was not analysed.
    FileTooLarge,
    /// The report holds more than `max-mentions` mentions; the rest was not analysed.
    TooManyMentions,
}

impl Code {
    /// The stable kebab-case code the contract, the CLI and the editor show.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Check(check) => check.as_str(),
            Code::FileTooLarge => "file-too-large",
            Code::TooManyMentions => "too-many-mentions",
        }
    }
}

impl From<Check> for Code {
    fn from(check: Check) -> Code {
        Code::Check(check)
    }
}

/// Codes order as their names do: findings at one offset are sorted by code, and that order is
/// part of every output.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code serialises as its name, as the JSON contract and SARIF's `ruleId` write it.
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A place where the report's figures or dates disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub span: Span,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<(Span, String)>,
    pub fix: Option<Fix>,
    /// Places in other reports (`cross-report`): empty for the checks of one report.
    pub elsewhere: Vec<Elsewhere>,
}

/// A place in another report that a finding points at: its path (or URI), the 1-based line
/// and the span there, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Elsewhere {
    pub path: String,
    pub line: u32,
    pub span: Span,
    pub message: String,
}

/// Where the report's reference date came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ReferenceSource {
    /// `date:`, `published:` or `updated:` in the front matter.
    FrontMatter,
    /// A `Publication Date:`, `Date:`, `Updated …` or `As of …` line at the top.
    Metadata,
    /// `Washington, DC – June 29, 2026:` opening a paragraph.
    Dateline,
    /// A date line in the title block.
    Title,
    /// The end of the stated period.
    Period,
    /// `reference-date` in the configuration or on the command line.
    Config,
    /// Nothing in the report or the configuration: the clock's today was used.
    #[default]
    None,
}

impl ReferenceSource {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceSource::FrontMatter => "front-matter",
            ReferenceSource::Metadata => "metadata",
            ReferenceSource::Dateline => "dateline",
            ReferenceSource::Title => "title",
            ReferenceSource::Period => "period",
            ReferenceSource::Config => "config",
            ReferenceSource::None => "none",
        }
    }
}

/// The date year-less and relative wording is read against, and where it was found. `date` is
/// `None` when nothing gave one (then the clock's today was used, when there was one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Reference {
    pub date: Option<Date>,
    pub from: ReferenceSource,
}

/// Everything Dossier knows about one report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub period: Option<Period>,
    /// The report's own date, the reference for year-less and relative wording.
    pub reference: Reference,
    /// Metadata lines at the top (`Publication Date: …`): their dates are no events.
    pub metadata: Vec<Span>,
    /// Footnotes and sections of notes or references, in text order: their dates are the dates
    /// of sources cited, not of the events a report tells.
    pub notes: Vec<Span>,
    /// The report's title, when the first lines or front matter give one.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    /// The tables of a Markdown report: each cell is read with its row and column.
    pub tables: Vec<crate::markdown::Table>,
    pub actors: Vec<Actor>,
    pub dates: Vec<DateMention>,
    /// Dates written with a day their month lacks, in text order.
    pub invalid_dates: Vec<InvalidDate>,
    pub figures: Vec<Figure>,
    /// The figures bound to what they measure, in the figures' order.
    pub facts: Vec<Fact>,
    pub findings: Vec<Finding>,
    /// Problems with the input itself (a report too large to analyse), as findings.
    pub notices: Vec<Finding>,
}

impl Analysis {
    /// The table that holds `offset`, with the row and column of its cell there.
    pub fn table_cell(&self, offset: usize) -> Option<(&crate::markdown::Table, usize, usize)> {
        let k = self.tables.partition_point(|t| t.span.end <= offset);
        let t = self.tables.get(k).filter(|t| t.span.start <= offset)?;
        t.cell_at(offset).map(|(r, c)| (t, r, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Configuration finds a check by its code: every code must read back as its own check.
    #[test]
    fn every_check_code_reads_back_as_its_check() {
        for check in Check::ALL {
            assert_eq!(Check::parse(check.as_str()), Some(check));
        }
    }
}
