//! Facts across reports: a compact `Summary` of each report's comparable facts, and the
//! comparison of one report's facts with the same facts stated in others (`cross-report`).
//!
//! Two facts are the same when their keys are equal: the canonical names of their subjects
//! (never actor indices, which differ between reports), measure, detail, time, status and
//! unit. Their values agree when the intervals their wording allows overlap; otherwise the
//! later report's value revises the earlier one's when both reports have a known date of their
//! own and the dates differ, and the two contradict each other when they do not.
//! `docs/cross-report.md` says more.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::calendar::Date;
use crate::config::{Checks, Config};
use crate::model::{
    Analysis, Check, DateValue, Elsewhere, FactStatus, Finding, ReferenceSource, Severity,
};
use crate::text::Span;

/// What one report states, as far as other reports can compare it: its own date and its
/// comparable facts, in text order. Holds no copy of the text but each figure as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The report's own date, when the report or the configuration gives one (the clock's
    /// today is no date of the report's).
    pub date: Option<Date>,
    pub from: ReferenceSource,
    pub facts: Vec<Stated>,
}

/// One comparable fact of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Stated {
    pub key: Key,
    /// The values its wording allows, rounding and `about` included (`checks::interval`).
    pub low: f64,
    pub high: f64,
    /// The figure's span and its 1-based line.
    pub span: Span,
    pub line: u32,
    /// The figure as written (`$7 billion`).
    pub text: Box<str>,
    /// Its clause tells of a revision (`revised up to`, `previously`): such a value is no
    /// contradiction of another report's.
    pub revised: bool,
}

/// What makes two facts the same fact. Names from the gazetteers and the shipped measures are
/// borrowed for the life of the program, so most keys own no text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The subjects' canonical names, sorted, without repeats.
    pub subjects: Box<[Cow<'static, str>]>,
    pub measure: Cow<'static, str>,
    /// The word that narrows the measure, lower-cased.
    pub detail: Option<Box<str>>,
    pub time: DateValue,
    pub status: FactStatus,
    pub unit: Option<Cow<'static, str>>,
}

impl Key {
    /// The fact in words: `exports of Kenya in 2021`, `aid (pledged) of Japan in 2022`.
    pub fn describe(&self) -> String {
        let mut s = String::from(&*self.measure);
        if let Some(d) = &self.detail {
            s = format!("{d} {s}");
        }
        if self.status != FactStatus::Stated {
            s.push_str(&format!(" ({})", self.status.as_str()));
        }
        format!(
            "{s} of {} in {}",
            self.subjects.join(" and "),
            self.time.iso()
        )
    }
}

impl Summary {
    /// The summary of an analysed report. Pure: the text, its analysis and the configuration
    /// it was analysed with.
    pub fn new(text: &str, analysis: &Analysis, config: &Config) -> Summary {
        let margin = config.checks.approx_margin;
        let mut facts = Vec::new();
        // Facts are in text order: lines are counted forward once.
        let (mut line, mut counted) = (1u32, 0usize);
        for fact in &analysis.facts {
            if !crate::checks::comparable_as(text, analysis, fact, true) {
                continue;
            }
            let Some(time) = fact.time else { continue };
            let f = &analysis.figures[fact.figure];
            let mut subjects: Vec<Cow<'static, str>> = fact
                .subjects
                .iter()
                .map(|&a| analysis.actors[a].name.clone())
                .collect();
            subjects.sort_unstable();
            subjects.dedup();
            let (low, high) = crate::checks::interval(f, margin);
            line += count_breaks(&text.as_bytes()[counted..f.span.start]);
            counted = f.span.start;
            facts.push(Stated {
                key: Key {
                    subjects: subjects.into_boxed_slice(),
                    measure: fact.measure.clone(),
                    detail: fact
                        .detail
                        .map(|d| text[d.start..d.end].to_lowercase().into_boxed_str()),
                    time,
                    status: fact.status,
                    unit: fact.unit.clone(),
                },
                low,
                high,
                span: f.span,
                line,
                text: text[f.span.start..f.span.end].into(),
                revised: fact.revised,
            });
        }
        let known = analysis.reference.from != ReferenceSource::None;
        Summary {
            date: analysis.reference.date.filter(|_| known),
            from: analysis.reference.from,
            facts,
        }
    }
}

impl Summary {
    /// Whether the other reports would read the same in both: the date and each fact's key,
    /// values, revision, text and line, not where in its line a figure moved to as one types.
    pub fn same_for_others(&self, other: &Summary) -> bool {
        self.date == other.date
            && self.facts.len() == other.facts.len()
            && self.facts.iter().zip(&other.facts).all(|(a, b)| {
                a.key == b.key
                    && a.low.to_bits() == b.low.to_bits()
                    && a.high.to_bits() == b.high.to_bits()
                    && a.revised == b.revised
                    && a.line == b.line
                    && a.text == b.text
            })
    }
}

/// Line breaks as `text::LineIndex` counts them: LF, CRLF and CR each one.
fn count_breaks(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// How one report's value of a fact stands to another report's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The values' intervals overlap.
    Agrees,
    /// Other values, and neither report is dated after the other.
    Contradicts,
    /// A later report states another value: this one is revised by it.
    RevisedLater,
    /// This report is the later: its value revises the earlier report's.
    Revises,
    /// Other values, one of them worded as a revision, and the reports' dates do not order
    /// them: no finding, but listed.
    Differs,
}

impl Relation {
    /// Whether it raises a finding.
    pub fn disagrees(self) -> bool {
        matches!(
            self,
            Relation::Contradicts | Relation::RevisedLater | Relation::Revises
        )
    }
}

/// A fact of this report stated in another one.
#[derive(Clone, Copy, Debug)]
pub struct Cross<'a> {
    /// Index into this summary's facts.
    pub fact: usize,
    /// The other report's path or URI, as the caller named it.
    pub path: &'a str,
    pub other: &'a Summary,
    /// Index into the other summary's facts.
    pub at: usize,
    pub relation: Relation,
}

impl Cross<'_> {
    /// The other report's statement of the fact.
    pub fn stated(&self) -> &Stated {
        &self.other.facts[self.at]
    }
}

fn relate(this: &Summary, a: &Stated, other: &Summary, b: &Stated) -> Relation {
    relation(
        (this.date, a.low, a.high, a.revised),
        (other.date, b.low, b.high, b.revised),
    )
}

/// How a value (its report's date, interval, revision wording) stands to another's.
fn relation(
    (x, a_low, a_high, a_revised): (Option<Date>, f64, f64, bool),
    (y, b_low, b_high, b_revised): (Option<Date>, f64, f64, bool),
) -> Relation {
    if a_high >= b_low && a_low <= b_high {
        return Relation::Agrees;
    }
    match (x, y) {
        (Some(x), Some(y)) if x < y => Relation::RevisedLater,
        (Some(x), Some(y)) if x > y => Relation::Revises,
        _ if a_revised || b_revised => Relation::Differs,
        _ => Relation::Contradicts,
    }
}

/// The deterministic order of crosses: by this report's fact, then the other's path and fact.
fn sort(out: &mut [Cross<'_>]) {
    out.sort_by(|x, y| (x.fact, x.path, x.at).cmp(&(y.fact, y.path, y.at)));
}

/// Every fact of `this` stated in one of `others`, found by hashing the others' keys once:
/// linear in the facts, never all pairs of reports.
pub fn compare<'a>(this: &Summary, others: &[(&'a str, &'a Summary)]) -> Vec<Cross<'a>> {
    let mut by_key: HashMap<&Key, Vec<(usize, usize)>> = HashMap::default();
    for (r, (_, s)) in others.iter().enumerate() {
        for (k, f) in s.facts.iter().enumerate() {
            by_key.entry(&f.key).or_default().push((r, k));
        }
    }
    let mut out = Vec::new();
    for (n, a) in this.facts.iter().enumerate() {
        for &(r, k) in by_key.get(&a.key).into_iter().flatten() {
            let (path, other) = others[r];
            out.push(Cross {
                fact: n,
                path,
                other,
                at: k,
                relation: relate(this, a, other, &other.facts[k]),
            });
        }
    }
    sort(&mut out);
    out
}

/// The `cross-report` findings of `this` against `others`, as the configuration of `this`
/// report sets the check (off, or its severity; a hint by default).
pub fn findings(this: &Summary, others: &[(&str, &Summary)], config: &Checks) -> Vec<Finding> {
    if !config.enabled(Check::CrossReport.as_str()) {
        return Vec::new();
    }
    to_findings(this, &compare(this, others), config)
}

/// The most other reports one finding names: a fact stated in hundreds of reports is one
/// finding, not hundreds.
const MAX_ELSEWHERE: usize = 8;

/// Findings of crosses already found (in `compare`'s order): one per fact of this report that
/// another report disagrees with, told by the first contradiction, else the first revision,
/// and naming up to `MAX_ELSEWHERE` of the reports that disagree; in this report's text order.
pub fn to_findings(this: &Summary, crosses: &[Cross<'_>], config: &Checks) -> Vec<Finding> {
    let code = Check::CrossReport.as_str();
    if !config.enabled(code) {
        return Vec::new();
    }
    let severity = config.severity(code, Severity::Hint);
    let mut out = Vec::new();
    for group in crosses.chunk_by(|x, y| x.fact == y.fact) {
        // One statement per other report: the first there that disagrees.
        let mut against: Vec<&Cross<'_>> = Vec::new();
        for c in group.iter().filter(|c| c.relation.disagrees()) {
            if against.last().is_none_or(|l| l.path != c.path) {
                against.push(c);
            }
        }
        let Some(&first) = against
            .iter()
            .find(|c| c.relation == Relation::Contradicts)
            .or(against.first())
        else {
            continue;
        };
        out.push(finding(
            this,
            first,
            &against,
            against.len(),
            severity,
            &|p| p.into(),
        ));
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// The finding of a fact that `total` other reports disagree with, told by `c`, naming the
/// first of `against`; the message calls a report by `name` of its path.
fn finding(
    this: &Summary,
    c: &Cross<'_>,
    against: &[&Cross<'_>],
    total: usize,
    severity: Severity,
    name: &dyn Fn(&str) -> String,
) -> Finding {
    let path = name(c.path);
    let (a, b) = (&this.facts[c.fact], c.stated());
    let what = a.key.describe();
    let day = |d: Option<Date>| d.map_or_else(String::new, |d| format!(" ({d})"));
    let mut message = match c.relation {
        Relation::RevisedLater => format!(
            "{what}: revised in a later report: {}{} states {}; this report{} states {}",
            path,
            day(c.other.date),
            b.text,
            day(this.date),
            a.text
        ),
        Relation::Revises => format!(
            "{what}: revises {}{}: {} then",
            path,
            day(c.other.date),
            b.text
        ),
        _ => format!(
            "{what}: contradicted by {}, which states {}; this report states {}",
            path, b.text, a.text
        ),
    };
    match total {
        0 | 1 => {}
        2 => message.push_str(" (and 1 other report)"),
        n => message.push_str(&format!(" (and {} other reports)", n - 1)),
    }
    let elsewhere = against
        .iter()
        .take(MAX_ELSEWHERE)
        .map(|x| {
            let s = x.stated();
            Elsewhere {
                path: x.path.to_string(),
                line: s.line,
                span: s.span,
                message: match x.relation {
                    Relation::Contradicts => format!("states {}", s.text),
                    _ => format!("states {}{}", s.text, day(x.other.date)),
                },
            }
        })
        .collect();
    Finding {
        span: a.span,
        code: Check::CrossReport.into(),
        severity,
        message,
        related: Vec::new(),
        fix: None,
        elsewhere,
    }
}

/// Where else the fact of the figure at `offset` is stated, a line each for the hover:
/// `Also in q2.md:14: $9 billion (revised, 2024-06-30)`. `name` gives a report's short name.
/// Other values come first, then agreeing ones, `limit` lines at most and then one that counts
/// the rest: a fact of a large workspace is stated in hundreds of reports.
pub fn also_stated(
    this: &Summary,
    crosses: &[Cross<'_>],
    offset: usize,
    name: impl Fn(&str) -> String,
    limit: usize,
) -> Vec<String> {
    let Some(n) = this
        .facts
        .iter()
        .position(|f| f.span.start <= offset && offset <= f.span.end)
    else {
        return Vec::new();
    };
    let mut of: Vec<&Cross<'_>> = crosses.iter().filter(|c| c.fact == n).collect();
    // Stable: within each relation, reports stay in order of path.
    of.sort_by_key(|c| c.relation == Relation::Agrees);
    let rest = &of[of.len().min(limit)..];
    let agree = rest
        .iter()
        .filter(|c| c.relation == Relation::Agrees)
        .count();
    let reports = |n: usize| if n == 1 { "report" } else { "reports" };
    let more = match (rest.len(), agree) {
        (0, _) => None,
        (n, a) if a == n => Some(format!("… and {n} more {}, agreeing", reports(n))),
        (n, 0) => Some(format!("… and {n} more {}, with other values", reports(n))),
        (n, a) => Some(format!(
            "… and {n} more {}: {} with other values, {a} agreeing",
            reports(n),
            n - a
        )),
    };
    of[..of.len().min(limit)]
        .iter()
        .map(|c| {
            let b = c.stated();
            let day = c.other.date.map_or_else(String::new, |d| format!(", {d}"));
            let how = match c.relation {
                Relation::Agrees => String::new(),
                Relation::Contradicts => " (contradicts)".into(),
                Relation::RevisedLater => format!(" (revised{day})"),
                Relation::Revises => format!(" (earlier{day})"),
                Relation::Differs => " (revision wording)".into(),
            };
            format!("Also in {}:{}: {}{how}", name(c.path), b.line, b.text)
        })
        .chain(more)
        .collect()
}

/// The summaries of many reports, each fact filed under its key, so that one report is
/// compared with all the others in time linear in its facts and the statements of them;
/// reports are added, replaced and removed one at a time, as a workspace changes.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Per slot: the report's path and summary, and its date.
    reports: Vec<Option<(Box<str>, Arc<Summary>)>>,
    dates: Vec<Option<Date>>,
    slots: HashMap<Box<str>, u32>,
    free: Vec<u32>,
    /// Each distinct key once, with the statements of it in order of path: what a comparison
    /// reads is in one array, not behind each report's pointers.
    ids: HashMap<Key, u32>,
    statements: Vec<Vec<Statement>>,
    /// Per key: the greatest low and the least high of its statements' intervals. When the one
    /// is below the other, every two statements overlap, so all agree: a fact of a workspace
    /// that agrees with itself is then no pass over hundreds of statements.
    spread: Vec<(f64, f64)>,
}

/// `(greatest low, least high)` of intervals.
fn spread_of(list: &[Statement]) -> (f64, f64) {
    list.iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(l, h), s| {
            (l.max(s.low), h.min(s.high))
        })
}

/// One report's statement of a fact, as the catalogue files it.
#[derive(Clone, Copy, Debug)]
struct Statement {
    slot: u32,
    /// Index into the report's facts.
    at: u32,
    low: f64,
    high: f64,
    revised: bool,
}

impl Catalogue {
    /// Files a report's summary under its path, replacing the one filed before.
    pub fn insert(&mut self, path: &str, summary: Arc<Summary>) {
        self.remove(path);
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.reports.push(None);
                self.dates.push(None);
                (self.reports.len() - 1) as u32
            }
        };
        // Filled first, so that the search below reads this report's statements of a fact
        // as its own path's, and files a later one after them.
        self.reports[slot as usize] = Some((path.into(), summary.clone()));
        self.dates[slot as usize] = summary.date;
        for (k, f) in summary.facts.iter().enumerate() {
            let id = match self.ids.get(&f.key) {
                Some(&id) => id,
                None => {
                    let id = self.statements.len() as u32;
                    self.ids.insert(f.key.clone(), id);
                    self.statements.push(Vec::new());
                    self.spread.push((f64::NEG_INFINITY, f64::INFINITY));
                    id
                }
            };
            // In order of path (a report's statements of one fact stay in text order), so
            // that answers do not depend on the order reports were filed in.
            let spread = &mut self.spread[id as usize];
            *spread = (spread.0.max(f.low), spread.1.min(f.high));
            let reports = &self.reports;
            let list = &mut self.statements[id as usize];
            let at = list.partition_point(|s| {
                reports[s.slot as usize]
                    .as_ref()
                    .is_some_and(|(p, _)| &**p <= path)
            });
            list.insert(
                at,
                Statement {
                    slot,
                    at: k as u32,
                    low: f.low,
                    high: f.high,
                    revised: f.revised,
                },
            );
        }
        self.slots.insert(path.into(), slot);
    }

    /// Takes a report out.
    pub fn remove(&mut self, path: &str) {
        let Some(slot) = self.slots.remove(path) else {
            return;
        };
        if let Some((_, summary)) = self.reports[slot as usize].take() {
            for f in &summary.facts {
                if let Some(&id) = self.ids.get(&f.key) {
                    let list = &mut self.statements[id as usize];
                    list.retain(|s| s.slot != slot);
                    self.spread[id as usize] = spread_of(list);
                    if list.is_empty() {
                        self.ids.remove(&f.key);
                    }
                }
            }
        }
        self.free.push(slot);
    }

    pub fn get(&self, path: &str) -> Option<&Arc<Summary>> {
        let slot = *self.slots.get(path)?;
        self.reports[slot as usize].as_ref().map(|(_, s)| s)
    }

    /// How many reports are filed.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The statements of a fact of `this` in reports other than `own`, with their relation.
    fn others<'a>(
        &'a self,
        own: Option<u32>,
        this: &'a Summary,
        a: &'a Stated,
    ) -> impl Iterator<Item = (&'a Statement, Relation)> + 'a {
        let list = self
            .ids
            .get(&a.key)
            .map_or(&[][..], |&id| &self.statements[id as usize][..]);
        list.iter()
            .filter(move |s| Some(s.slot) != own)
            .map(move |s| {
                let rel = relation(
                    (this.date, a.low, a.high, a.revised),
                    (self.dates[s.slot as usize], s.low, s.high, s.revised),
                );
                (s, rel)
            })
    }

    fn cross<'a>(&'a self, fact: usize, s: &Statement, relation: Relation) -> Option<Cross<'a>> {
        let (path, other) = self.reports[s.slot as usize].as_ref()?;
        Some(Cross {
            fact,
            path,
            other,
            at: s.at as usize,
            relation,
        })
    }

    /// Every fact of `this` stated in another filed report; `path` (this report's own, which
    /// may be filed too) is left out.
    pub fn compare<'a>(&'a self, path: &str, this: &'a Summary) -> Vec<Cross<'a>> {
        (0..this.facts.len())
            .flat_map(|n| self.compare_fact(path, this, n))
            .collect()
    }

    /// `compare` of the one fact `n` of `this`: what a hover on its figure lists.
    pub fn compare_fact<'a>(&'a self, path: &str, this: &'a Summary, n: usize) -> Vec<Cross<'a>> {
        let own = self.slots.get(path).copied();
        let Some(a) = this.facts.get(n) else {
            return Vec::new();
        };
        self.others(own, this, a)
            .filter_map(|(s, rel)| self.cross(n, s, rel))
            .collect()
    }

    /// The `cross-report` findings of `this` (filed under `path` or not), as `to_findings`
    /// gives them (but for the messages, which call a report by `name` of its path), reading only the statements that disagree: a fact stated in thousands of
    /// reports costs a pass over their values and no more.
    pub fn findings(
        &self,
        path: &str,
        this: &Summary,
        config: &Checks,
        name: &dyn Fn(&str) -> String,
    ) -> Vec<Finding> {
        let code = Check::CrossReport.as_str();
        if !config.enabled(code) {
            return Vec::new();
        }
        let severity = config.severity(code, Severity::Hint);
        let own = self.slots.get(path).copied();
        let mut out = Vec::new();
        for (n, a) in this.facts.iter().enumerate() {
            // Every statement of the fact, this one included, overlaps every other: no
            // disagreement to find. (A statement of this report filed before only narrows
            // the spread, so it never hides one.)
            if let Some(&id) = self.ids.get(&a.key) {
                let (low, high) = self.spread[id as usize];
                if low.max(a.low) <= high.min(a.high) {
                    continue;
                }
            }
            let (mut named, mut total, mut contradiction) = (Vec::new(), 0, None);
            let mut last = None;
            for (s, rel) in self.others(own, this, a) {
                // One statement per other report: the first there that disagrees.
                if !rel.disagrees() || last == Some(s.slot) {
                    continue;
                }
                last = Some(s.slot);
                total += 1;
                let Some(c) = self.cross(n, s, rel) else {
                    continue;
                };
                if contradiction.is_none() && rel == Relation::Contradicts {
                    contradiction = Some(c);
                }
                if named.len() < MAX_ELSEWHERE {
                    named.push(c);
                }
            }
            let Some(first) = contradiction.or(named.first().copied()) else {
                continue;
            };
            let named: Vec<&Cross<'_>> = named.iter().collect();
            out.push(finding(this, &first, &named, total, severity, name));
        }
        out.sort_by_key(|f| f.span.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::Fixture;
    use crate::outline::Format;

    fn summary(text: &str) -> Summary {
        // No reference date in the configuration: a report's own date is its own.
        let config = Config::default();
        let analysis = crate::analyze(text, &config, Format::Plain);
        Summary::new(text, &analysis, &config)
    }

    /// Compares the first report (its markers removed) with the others, each named by its
    /// place (`other1.md`, …): `^^^ relation` marks where a finding must start and whether it
    /// contradicts, is revised by a later report (`revised`) or revises an earlier (`revises`).
    #[track_caller]
    fn check(this: &str, others: &[&str]) {
        let Fixture { text, marks, .. } = Fixture::parse_lines(this);
        let mine = summary(&text);
        let theirs: Vec<Summary> = others.iter().map(|t| summary(t)).collect();
        let names: Vec<String> = (1..=others.len()).map(|n| format!("other{n}.md")).collect();
        let pairs: Vec<(&str, &Summary)> = names.iter().map(String::as_str).zip(&theirs).collect();
        let got: Vec<(usize, &str)> = findings(&mine, &pairs, &Checks::default())
            .iter()
            .map(|f| {
                let label = match f.message.split(": ").nth(1) {
                    Some(m) if m.starts_with("contradicted") => "contradicts",
                    Some(m) if m.starts_with("revised") => "revised",
                    Some(m) if m.starts_with("revises") => "revises",
                    _ => "?",
                };
                (f.span.start, label)
            })
            .collect();
        let expected: Vec<(usize, &str)> = marks
            .iter()
            .map(|(span, label)| (span.start, label.as_str()))
            .collect();
        assert_eq!(
            got,
            expected,
            "this: {:#?}\nothers: {:#?}\ncrosses: {:#?}",
            mine.facts,
            theirs,
            compare(&mine, &pairs)
                .iter()
                .map(|c| (c.fact, c.path, c.relation))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_same_fact_with_another_value_on_the_same_date_contradicts() {
        check(
            r"
Kenya's exports were $7 billion in 2021.
                     ^ contradicts
",
            &["Kenya's exports were $9 billion in 2021."],
        );
    }

    #[test]
    fn values_within_rounding_agree() {
        check(
            "Kenya's exports were $7 billion in 2021.",
            &[
                "Kenya's exports were $7.0 billion in 2021.",
                "Kenya's exports were $7.04 billion in 2021.",
                "Exports of Kenya reached about $7.3 billion in 2021.",
            ],
        );
        // Agreement is listed, not reported.
        let this = summary("Kenya's exports were $7 billion in 2021.");
        let other = summary("Kenya's exports were $7.04 billion in 2021.");
        let crosses = compare(&this, &[("q2.md", &other)]);
        assert_eq!(crosses.len(), 1);
        assert_eq!(crosses[0].relation, Relation::Agrees);
        assert_eq!(&*crosses[0].stated().text, "$7.04 billion");
    }

    /// Each pair differs in one part of the fact only; the first of each contradicts `this`,
    /// so that the second's silence is the part's doing.
    #[test]
    fn other_times_subjects_statuses_units_and_details_are_other_facts() {
        let cases = [
            (
                "Kenya's exports were $7 billion in 2021.",
                "Kenya's exports were $9 billion in 2021.",
                "Kenya's exports were $9 billion in 2022.",
            ),
            (
                "Kenya's exports were $7 billion in 2021.",
                "Kenya's exports were $9 billion in 2021.",
                "Uganda's exports were $9 billion in 2021.",
            ),
            (
                "Japan pledged $500 million in aid to Kenya in 2022.",
                "Japan pledged $700 million in aid to Kenya in 2022.",
                "Japan disbursed $700 million in aid to Kenya in 2022.",
            ),
            (
                "Kenya's GDP is forecast to reach $110 billion in 2023.",
                "Kenya's GDP is forecast to reach $95 billion in 2023.",
                "Kenya's GDP reached $95 billion in 2023.",
            ),
            (
                "Kenya produced 9 million tonnes of maize in 2021.",
                "Kenya produced 7 million tonnes of maize in 2021.",
                "Kenya produced 7 million barrels of maize in 2021.",
            ),
            (
                "Sudan had 9 million displaced people in 2023.",
                "Sudan had 7 million displaced people in 2023.",
                "Sudan had 7 million displaced people in 2022.",
            ),
            (
                "Kenya's oil imports were $3 billion in 2021.",
                "Kenya's oil imports were $5 billion in 2021.",
                "Kenya's food imports were $5 billion in 2021.",
            ),
        ];
        for (this, same, other) in cases {
            let a = summary(this);
            let found = findings(&a, &[("b.md", &summary(same))], &Checks::default());
            assert_eq!(found.len(), 1, "{this} against {same}");
            let found = findings(&a, &[("b.md", &summary(other))], &Checks::default());
            assert!(found.is_empty(), "{this} against {other}: {found:#?}");
        }
    }

    #[test]
    fn a_later_report_revises_an_earlier_one() {
        let earlier = "Date: 31 March 2024\n\nKenya's exports were $7 billion in 2023.\n";
        let later = "Date: 30 June 2024\n\nKenya's exports were $9 billion in 2023.\n";
        check(
            r"Date: 31 March 2024

Kenya's exports were $7 billion in 2023.
                     ^ revised
",
            &[later],
        );
        check(
            r"Date: 30 June 2024

Kenya's exports were $9 billion in 2023.
                     ^ revises
",
            &[earlier],
        );
        let (a, b) = (summary(earlier), summary(later));
        let found = findings(&a, &[("q2.md", &b)], &Checks::default());
        assert_eq!(
            found[0].message,
            "exports of Kenya in 2023: revised in a later report: q2.md (2024-06-30) states \
             $9 billion; this report (2024-03-31) states $7 billion"
        );
        assert_eq!(found[0].elsewhere[0].line, 3);
        assert_eq!(
            found[0].elsewhere[0].message,
            "states $9 billion (2024-06-30)"
        );
        let found = findings(&b, &[("q1.md", &a)], &Checks::default());
        assert_eq!(
            found[0].message,
            "exports of Kenya in 2023: revises q1.md (2024-03-31): $7 billion then"
        );
    }

    #[test]
    fn revision_wording_without_dates_to_order_it_is_no_contradiction() {
        check(
            "Kenya's exports were $7 billion in 2021.",
            &["Kenya's exports were later revised to $9 billion in 2021."],
        );
    }

    #[test]
    fn a_subject_written_differently_is_the_same_subject() {
        check(
            r"
The Asian Development Bank (ADB) approved a loan of $500 million to Nepal in 2023.
                                                    ^ contradicts
",
            &["The ADB's loan of $800 million to Nepal in 2023 was approved."],
        );
    }

    #[test]
    fn the_check_is_configured_like_any_other() {
        let this = summary("Kenya's exports were $7 billion in 2021.");
        let other = summary("Kenya's exports were $9 billion in 2021.");
        let mut checks = Checks::default();
        let set = |enabled, severity| crate::config::CheckSetting { enabled, severity };
        checks
            .settings
            .insert("cross-report".into(), set(true, Some(Severity::Warning)));
        let found = findings(&this, &[("b.md", &other)], &checks);
        assert_eq!(found[0].severity, Severity::Warning);
        checks
            .settings
            .insert("cross-report".into(), set(false, None));
        assert!(findings(&this, &[("b.md", &other)], &checks).is_empty());
    }

    #[test]
    fn the_hover_lists_where_else_a_fact_is_stated() {
        let text = "Date: 31 March 2024\n\nKenya's exports were $7 billion in 2023.\n";
        let this = summary(text);
        let later = summary("Date: 30 June 2024\n\nKenya's exports were $9 billion in 2023.\n");
        let same = summary("Kenya's exports were $7.0 billion in 2023.");
        let crosses = compare(&this, &[("q2.md", &later), ("note.md", &same)]);
        let at = text.find("$7").unwrap();
        let lines = also_stated(&this, &crosses, at, str::to_string, 12);
        assert_eq!(
            lines,
            [
                "Also in q2.md:3: $9 billion (revised, 2024-06-30)",
                "Also in note.md:1: $7.0 billion"
            ]
        );
        assert!(also_stated(&this, &crosses, 0, str::to_string, 12).is_empty());
        // Past the limit, the rest is counted.
        let lines = also_stated(&this, &crosses, at, str::to_string, 1);
        assert_eq!(
            lines,
            [
                "Also in q2.md:3: $9 billion (revised, 2024-06-30)",
                "… and 1 more report, agreeing"
            ]
        );
    }

    /// A fact stated otherwise in many reports is one finding that names a few of them.
    #[test]
    fn a_fact_contradicted_by_many_reports_is_one_finding() {
        let this = summary("Kenya's exports were $7 billion in 2021.");
        let others: Vec<Summary> = (0..12)
            .map(|n| summary(&format!("Kenya's exports were ${} billion in 2021.", 9 + n)))
            .collect();
        let names: Vec<String> = (0..12).map(|n| format!("r{n:02}.md")).collect();
        let pairs: Vec<(&str, &Summary)> = names.iter().map(String::as_str).zip(&others).collect();
        let found = findings(&this, &pairs, &Checks::default());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ends_with("(and 11 other reports)"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].elsewhere.len(), MAX_ELSEWHERE);
        assert_eq!(found[0].elsewhere[0].path, "r00.md");
        // The catalogue, filed in another order, gives the same finding.
        let mut cat = Catalogue::default();
        for (name, other) in pairs.iter().rev() {
            cat.insert(name, Arc::new((*other).clone()));
        }
        assert_eq!(
            cat.findings("this.md", &this, &Checks::default(), &str::to_string),
            found
        );
    }

    /// A keystroke that only moves a figure along its line changes nothing the other reports
    /// read; a new value or line does.
    #[test]
    fn other_reports_read_a_summary_by_its_facts_not_their_columns() {
        let a = summary("Kenya's exports were $7 billion in 2021.");
        let moved = summary("So Kenya's exports were $7 billion in 2021.");
        assert_ne!(a, moved);
        assert!(a.same_for_others(&moved));
        assert!(!a.same_for_others(&summary("Kenya's exports were $8 billion in 2021.")));
        assert!(!a.same_for_others(&summary("\nKenya's exports were $7 billion in 2021.")));
    }

    /// The catalogue finds what `compare` finds, and forgets a report taken out or replaced.
    #[test]
    fn the_catalogue_answers_as_compare_does() {
        let this = summary("Kenya's exports were $7 billion in 2021.");
        let b = Arc::new(summary("Kenya's exports were $9 billion in 2021."));
        let c = Arc::new(summary("Kenya's exports were $7 billion in 2021."));
        let mut cat = Catalogue::default();
        cat.insert("a.md", Arc::new(this.clone()));
        cat.insert("b.md", b.clone());
        cat.insert("c.md", c.clone());
        let rel = |cat: &Catalogue| {
            cat.compare("a.md", &this)
                .iter()
                .map(|x| (x.path.to_string(), x.relation))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rel(&cat),
            [
                ("b.md".to_string(), Relation::Contradicts),
                ("c.md".to_string(), Relation::Agrees)
            ]
        );
        let found = cat.findings("a.md", &this, &Checks::default(), &str::to_string);
        assert_eq!(
            found,
            to_findings(&this, &cat.compare("a.md", &this), &Checks::default())
        );
        assert_eq!(found.len(), 1);
        cat.insert("b.md", c.clone());
        assert_eq!(rel(&cat)[0].1, Relation::Agrees);
        assert!(
            cat.findings("a.md", &this, &Checks::default(), &str::to_string)
                .is_empty()
        );
        cat.remove("b.md");
        cat.remove("c.md");
        assert!(rel(&cat).is_empty());
        assert_eq!(cat.len(), 1);
    }

    /// A fact on which every report agrees is passed over; one report taken out, put back or
    /// changed moves the spread its statements make, so a disagreement is never passed over.
    #[test]
    fn the_spread_of_a_fact_follows_its_reports() {
        let this = summary("Kenya's exports were $7 billion in 2021.");
        let seven = Arc::new(summary("Kenya's exports were $7.0 billion in 2021."));
        let nine = Arc::new(summary("Kenya's exports were $9 billion in 2021."));
        let mut cat = Catalogue::default();
        let found = |cat: &Catalogue| {
            cat.findings("a.md", &this, &Checks::default(), &str::to_string)
                .len()
        };
        cat.insert("a.md", Arc::new(this.clone()));
        cat.insert("b.md", seven.clone());
        assert_eq!(found(&cat), 0);
        cat.insert("c.md", nine.clone());
        assert_eq!(found(&cat), 1);
        cat.remove("c.md");
        assert_eq!(found(&cat), 0);
        cat.insert("b.md", nine.clone());
        assert_eq!(found(&cat), 1);
        cat.insert("b.md", seven);
        assert_eq!(found(&cat), 0);
        // Not filed: this report's own value counts all the same.
        let mut other = Catalogue::default();
        other.insert("b.md", nine);
        assert_eq!(
            other
                .findings("a.md", &this, &Checks::default(), &str::to_string)
                .len(),
            1
        );
    }
}
