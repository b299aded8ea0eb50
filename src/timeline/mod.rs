//! Chronology: the dated clauses of a report as events, merged across reports into one
//! timeline, and that timeline as text, JSON and HTML.
//!
//! Pure like the rest of the core: it reads a report's text and its analysis and returns data.
//! Dates come from the analysis as resolved there (relative and year-less wording included);
//! this module only decides which dated clauses tell events and cuts sentences into clauses.

use std::fmt::Write as _;

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::calendar::Date;
use crate::model::{Analysis, DateValue, Precision};
use crate::text::{LineIndex, Span};

/// One dated clause of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The clause, trimmed of white space.
    pub span: Span,
    /// Its date; an interval (`from March to June 2014`) is one event whose `date.end` is the
    /// interval's end.
    pub date: DateValue,
    /// `late October`, `mid-2015`: drawn and printed as approximate.
    pub approx: bool,
    /// Indices into the analysis's actors, in the order the clause first names them.
    pub actors: Vec<usize>,
    /// Indices into the analysis's figures that lie in the clause.
    pub figures: Vec<usize>,
}

/// The events of one report, in chronological order (see `order`).
///
/// Every date of a sentence outside the report's metadata, title block, headings and notes is
/// an event; a sentence with several dates is cut into clauses between them, so that each event
/// carries the actors and figures of its own clause.
pub fn events(text: &str, analysis: &Analysis) -> Vec<Event> {
    let skipped = skipped(text, analysis);
    let is_skipped = |s: Span| skipped.iter().any(|k| k.overlaps(s));
    let dates: Vec<usize> = (0..analysis.dates.len())
        .filter(|&k| !is_skipped(analysis.dates[k].span))
        .collect();
    let mut out = Vec::with_capacity(dates.len());
    if dates.is_empty() {
        return out;
    }
    let sentences = crate::checks::sentences(text);
    let mut k = 0;
    for sentence in sentences {
        // The dates of this sentence, as a run of `dates` (both are in text order).
        while k < dates.len() && analysis.dates[dates[k]].span.start < sentence.start {
            k += 1;
        }
        let first = k;
        while k < dates.len() && analysis.dates[dates[k]].span.start < sentence.end {
            k += 1;
        }
        let here = &dates[first..k];
        if here.is_empty() {
            continue;
        }
        let mut from = sentence.start;
        for (i, &d) in here.iter().enumerate() {
            let mention = &analysis.dates[d];
            let to = match here.get(i + 1) {
                Some(&next) => cut(text, mention.span.end, analysis.dates[next].span.start)
                    .unwrap_or(sentence.end),
                None => sentence.end,
            };
            // Dates with no cut between them share their clause; the clause begins where the
            // last cut left off.
            let clause = trim(text, Span::new(from, to.max(mention.span.end)));
            if to < sentence.end {
                from = to;
            }
            out.push(Event {
                span: clause,
                date: mention.value,
                approx: mention.approx,
                actors: actors_in(analysis, clause),
                figures: figures_in(analysis, clause),
            });
        }
    }
    out.sort_by(order);
    out
}

/// Chronological order: by first day, then the more precise first (a day before the month that
/// holds it, a month before its year), then the shorter interval, then text order.
pub fn order(a: &Event, b: &Event) -> std::cmp::Ordering {
    chronology(&a.date, a.span).cmp(&chronology(&b.date, b.span))
}

/// The key `order` sorts events and entries by.
fn chronology(date: &DateValue, span: Span) -> (Date, std::cmp::Reverse<Precision>, Date, usize) {
    (
        date.start,
        std::cmp::Reverse(date.precision),
        date.end,
        span.start,
    )
}

/// The parts of a report whose dates are not events: metadata lines (`Publication Date: …`,
/// `Updated …`), notes and references, headings, and the title block (the short lines before the
/// first paragraph of prose, where a report states its own date or period).
fn skipped(text: &str, analysis: &Analysis) -> Vec<Span> {
    let mut out: Vec<Span> = analysis.metadata.clone();
    out.extend(analysis.notes.iter().copied());
    out.extend(analysis.sections.iter().map(|s| s.heading));
    for p in crate::text::paragraphs(text) {
        let body = text[p.start..p.end].trim();
        let front_matter = body.starts_with("---");
        let prose = body.len() > 120
            || body.ends_with(['.', '!', '?', ':', '"', '\u{201d}'])
            || body.starts_with(['-', '*', '+', '|', '>'])
            || body.starts_with(|c: char| c.is_ascii_digit());
        if prose && !front_matter {
            break;
        }
        out.push(p);
    }
    out
}

/// Where the clause of a date ending at `a` ends before the next date, starting at `b`: after
/// the last strong mark between them (`;`, a dash, `:`), else before the last conjunction, else
/// after the last comma. `None` when the two dates belong to one clause.
fn cut(text: &str, a: usize, b: usize) -> Option<usize> {
    let gap = text.get(a..b)?;
    if let Some(p) = gap
        .rfind([';', '\u{2014}', '\u{2013}'])
        .or_else(|| gap.rfind(": "))
    {
        let mark = gap[p..].chars().next().map_or(1, char::len_utf8);
        return Some(a + p + mark);
    }
    const JOINS: [&str; 8] = [
        " and ",
        " but ",
        " while ",
        " whereas ",
        " after ",
        " before ",
        " then ",
        " until ",
    ];
    // A conjunction right after the first date (`Jan. 22 and again`) leaves its clause that date
    // alone, which is what the split is for.
    if let Some(p) = JOINS.iter().filter_map(|j| gap.rfind(j)).max() {
        return Some(a + p + 1);
    }
    gap.rfind(", ").map(|p| a + p + 1)
}

/// The span without white space at either end.
fn trim(text: &str, s: Span) -> Span {
    let body = &text[s.start..s.end];
    let start = s.start + (body.len() - body.trim_start().len());
    let end = s.start + body.trim_end().len();
    Span::new(start, end.max(start))
}

fn actors_in(analysis: &Analysis, clause: Span) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (k, a) in analysis.actors.iter().enumerate() {
        let i = a.mentions.partition_point(|m| m.start < clause.start);
        if let Some(m) = a.mentions.get(i).filter(|m| m.end <= clause.end) {
            found.push((m.start, k));
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, k)| k).collect()
}

fn figures_in(analysis: &Analysis, clause: Span) -> Vec<usize> {
    let i = analysis
        .figures
        .partition_point(|f| f.span.start < clause.start);
    (i..analysis.figures.len())
        .take_while(|&k| analysis.figures[k].span.start < clause.end)
        .filter(|&k| analysis.figures[k].span.end <= clause.end)
        .collect()
}

/// A report a timeline is made of: its path as the user named it, its text and analysis.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

/// Which events a timeline keeps.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Keep events naming one of these actors, by any name or alias, ignoring case; none keeps
    /// every event.
    pub actors: Vec<String>,
    /// Keep events that end on or after this day.
    pub from: Option<Date>,
    /// Keep events that begin on or before this day.
    pub to: Option<Date>,
}

/// An actor as a timeline shows it, borrowed from its report's analysis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Who<'a> {
    /// The index of the actor in its report's analysis.
    pub index: usize,
    pub name: &'a str,
    pub kind: &'static str,
}

impl Who<'_> {
    /// The analysis contract's id (`a3`), within its report.
    pub fn id(&self) -> String {
        format!("a{}", self.index + 1)
    }
}

/// An event with what displays need: its report, line, excerpt and actors by name. It borrows
/// from its sources: a timeline of 10,000 reports holds half a million entries, and copies of
/// their paths and names were most of its cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    pub path: &'a str,
    /// One-based.
    pub line: usize,
    pub date: DateValue,
    pub approx: bool,
    /// The clause, white space squeezed (borrowed when it has no runs to squeeze).
    pub text: Cow<'a, str>,
    pub span: Span,
    pub actors: Vec<Who<'a>>,
    pub figures: Vec<usize>,
}

impl Entry<'_> {
    /// The date, `approx` before it when approximate and the end of an interval after
    /// `between`: the text and HTML forms differ only in these.
    pub(crate) fn dated(&self, approx: &str, between: &str) -> String {
        let mut s = String::new();
        if self.approx {
            s.push_str(approx);
        }
        s.push_str(&self.date_iso());
        if let Some(u) = self.until_iso() {
            s.push_str(between);
            s.push_str(&u);
        }
        s
    }

    /// The first day at the date's precision: `2014-10-31`, `2014-10`, `2014`.
    pub fn date_iso(&self) -> String {
        iso(self.date.precision, self.date.start)
    }

    /// The last day of an interval at its precision, `None` for one day, month or year.
    pub fn until_iso(&self) -> Option<String> {
        let end = iso(self.date.precision, self.date.end);
        (self.date.interval && end != self.date_iso()).then_some(end)
    }
}

fn iso(precision: Precision, d: Date) -> String {
    match precision {
        Precision::Year => format!("{:04}", d.year),
        Precision::Month => format!("{:04}-{:02}", d.year, d.month),
        Precision::Day => d.to_string(),
    }
}

/// The timeline of several reports: their events that pass the filter, in chronological order
/// (reports in the order given where events tie). Reports are read on up to `threads` threads.
pub fn merge<'a>(sources: &[Source<'a>], filter: &Filter) -> Vec<Entry<'a>> {
    merge_on(sources, filter, 2)
}

/// As `merge`, on at most `threads` threads.
pub(crate) fn merge_on<'a>(
    sources: &[Source<'a>],
    filter: &Filter,
    threads: usize,
) -> Vec<Entry<'a>> {
    let wanted: Vec<String> = filter.actors.iter().map(|a| a.to_lowercase()).collect();
    // Each report's entries, in its own chronological order; then one sort of them all.
    let per_report = |s: &Source<'a>| -> Vec<Entry<'a>> {
        let named = |k: &usize| {
            let a = &s.analysis.actors[*k];
            wanted.iter().any(|w| {
                a.name.to_lowercase() == *w || a.aliases.iter().any(|x| x.to_lowercase() == *w)
            })
        };
        let events: Vec<Event> = events(s.text, s.analysis)
            .into_iter()
            .filter(|e| filter.from.is_none_or(|d| e.date.end >= d))
            .filter(|e| filter.to.is_none_or(|d| e.date.start <= d))
            .filter(|e| wanted.is_empty() || e.actors.iter().any(named))
            .collect();
        if events.is_empty() {
            return Vec::new();
        }
        let index = LineIndex::new(s.text);
        events
            .into_iter()
            .map(|e| Entry {
                path: s.path,
                line: index.line_col(s.text, e.span.start).0,
                date: e.date,
                approx: e.approx,
                text: squeeze(&s.text[e.span.start..e.span.end]),
                span: e.span,
                actors: e
                    .actors
                    .iter()
                    .map(|&k| {
                        let a = &s.analysis.actors[k];
                        Who {
                            index: k,
                            name: &a.name,
                            kind: a.kind.as_str(),
                        }
                    })
                    .collect(),
                figures: e.figures,
            })
            .collect()
    };
    let threads = threads.clamp(1, sources.len().max(1));
    let chunk = sources.len().div_ceil(threads).max(1);
    let mut all: Vec<(usize, Entry<'a>)> = if threads == 1 {
        sources
            .iter()
            .enumerate()
            .flat_map(|(r, s)| per_report(s).into_iter().map(move |e| (r, e)))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let parts: Vec<_> = sources
                .chunks(chunk)
                .enumerate()
                .map(|(c, part)| {
                    let per_report = &per_report;
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for (i, s) in part.iter().enumerate() {
                            let r = c * chunk + i;
                            out.extend(per_report(s).into_iter().map(|e| (r, e)));
                        }
                        out
                    })
                })
                .collect();
            let mut all = Vec::new();
            for p in parts {
                all.extend(p.join().unwrap_or_default());
            }
            all
        })
    };
    // Stable: within a report, entries keep the order `events` gave them.
    all.sort_by(|(ra, a), (rb, b)| entry_order(a, b).then(ra.cmp(rb)));
    all.into_iter().map(|(_, e)| e).collect()
}

/// `order` for entries.
fn entry_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    chronology(&a.date, a.span).cmp(&chronology(&b.date, b.span))
}

/// Runs of white space as one space: a clause may run over lines.
fn squeeze(s: &str) -> Cow<'_, str> {
    let mut prev_space = false;
    let plain = s.chars().all(|c| {
        let bad = c.is_whitespace() && (c != ' ' || prev_space);
        prev_space = c == ' ';
        !bad
    });
    if plain && !s.starts_with(' ') && !s.ends_with(' ') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// The JSON of a timeline, `{ "events": [ … ] }` as the README documents it, for a client that
/// wants a value (the server's `dossier.timeline`).
pub fn to_json(entries: &[Entry]) -> Value {
    serde_json::to_value(Timeline(entries)).unwrap_or(Value::Null)
}

/// The JSON of a timeline written as it is made, without building a value of half a million
/// events first.
pub fn write_json(entries: &[Entry], out: impl std::io::Write) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, &Timeline(entries))
}

/// A timeline as the JSON it serialises to.
struct Timeline<'e, 'a>(&'e [Entry<'a>]);

impl Serialize for Timeline<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("events", &Events(self.0))?;
        m.end()
    }
}

struct Events<'e, 'a>(&'e [Entry<'a>]);

impl Serialize for Events<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|e| {
            EventJson {
                actors: e
                    .actors
                    .iter()
                    .map(|a| WhoJson {
                        id: a.id(),
                        kind: a.kind,
                        name: a.name,
                    })
                    .collect(),
                approx: e.approx,
                date: e.date_iso(),
                end: e.span.end,
                figures: &e.figures,
                line: e.line,
                path: e.path,
                start: e.span.start,
                text: &e.text,
                until: e.until_iso(),
            }
        }))
    }
}

/// One event's JSON; its keys are in the order the contract has always listed them.
#[derive(Serialize)]
struct EventJson<'e> {
    actors: Vec<WhoJson<'e>>,
    approx: bool,
    date: String,
    end: usize,
    figures: &'e [usize],
    line: usize,
    path: &'e str,
    start: usize,
    text: &'e str,
    until: Option<String>,
}

#[derive(Serialize)]
struct WhoJson<'e> {
    id: String,
    kind: &'static str,
    name: &'e str,
}

/// How many characters of a clause a text line shows.
const EXCERPT: usize = 100;

/// The timeline as text: a heading per month (a year's own events under the year), then one
/// line per event: date, actors, excerpt, `file:line`.
pub fn to_text(entries: &[Entry]) -> String {
    let mut out = String::new();
    let mut group = String::new();
    let width = entries
        .iter()
        .map(|e| date_cell(e).chars().count())
        .max()
        .unwrap_or(0);
    for e in entries {
        let d = e.date.start;
        let heading = match e.date.precision {
            Precision::Year => format!("{:04}", d.year),
            _ => format!(
                "{} {:04}",
                crate::calendar::MONTH_NAMES[d.month as usize - 1],
                d.year
            ),
        };
        if heading != group {
            if !group.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{heading}");
            group = heading;
        }
        let cell = date_cell(e);
        let pad = " ".repeat(width - cell.chars().count());
        let names: Vec<&str> = e.actors.iter().take(3).map(|a| a.name).collect();
        let mut who = names.join(", ");
        if e.actors.len() > 3 {
            let _ = write!(who, " +{}", e.actors.len() - 3);
        }
        if who.is_empty() {
            who.push('-');
        }
        let _ = writeln!(
            out,
            "  {cell}{pad}  {who}  {}  {}:{}",
            excerpt(&e.text, EXCERPT),
            e.path,
            e.line
        );
    }
    out
}

/// `2019-01-21/2019-01-23`, with `~` before an approximate date.
fn date_cell(e: &Entry) -> String {
    e.dated("~", "/")
}

/// At most `n` characters of `s`, cut at a word with `…` when longer.
pub fn excerpt(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    let cut = match cut.rfind(' ') {
        Some(p) if p > n / 2 => &cut[..p],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ' ']))
}

pub mod html;

pub use html::to_html;

#[cfg(test)]
mod tests;
