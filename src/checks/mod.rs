//! Consistency checks: each compares figures or dates of one report and returns findings as data.
//!
//! Every check is precision-aware: a figure stands for the interval its wording allows
//! (`Figure::bounds`, widened by qualifiers), and a check fires only when no values inside those
//! intervals could make the statement true.

mod anniversary;
mod balance;
mod change;
mod conversion;
mod duration;
mod growth;
mod invalid_date;
mod parts;
mod period;
mod restated;
mod shares;
mod table;
mod total;
mod weekday;

use std::borrow::Cow;

pub(crate) use crate::recognise::token::{is_word, lowered, with_lowered};
pub(crate) use restated::comparable_as;

use crate::config::Checks;
use crate::model::{Analysis, Check, Figure, Finding, Qualifier};
use crate::text::Span;

/// How a check runs: it reads the context and appends its findings.
type Run = fn(&Context<'_>, &mut Vec<Finding>);

/// Checks that compare figures and dates within one sentence (or a date with the report's
/// period): they read nothing else outside the paragraph they run on, so their findings can be
/// kept per paragraph between edits.
const LOCAL: [(Check, Run); 8] = [
    (Check::PartsExceedWhole, parts::check),
    (Check::SharesOver100, shares::check),
    (Check::PercentChange, change::check),
    (Check::Weekday, weekday::check),
    (Check::InvalidDate, invalid_date::check),
    (Check::Anniversary, anniversary::check),
    (Check::DurationSpan, duration::check),
    (Check::DateOutsidePeriod, period::check),
];

/// Checks that compare figures across the whole report.
const GLOBAL: [(Check, Run); 6] = [
    (Check::ConversionRate, conversion::check),
    (Check::RestatedFigure, restated::check),
    (Check::TableTotal, table::check),
    (Check::Balance, balance::check),
    (Check::Total, total::check),
    (Check::Growth, growth::check),
];

/// Runs every enabled check over the whole report and returns the findings sorted by position.
pub fn run(text: &str, analysis: &Analysis, config: &Checks) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    for span in crate::text::paragraphs(text) {
        let paragraph = Paragraph::locate(analysis, span);
        out.extend(run_local(text, analysis, config, &paragraph, &mut scratch));
    }
    out.extend(run_global(text, analysis, config));
    out.sort_by_key(|f| (f.span.start, f.code));
    out
}

/// A paragraph as the sentence-level checks see it: its span and the ranges of the report's
/// figures and dates that start inside it.
pub struct Paragraph {
    pub span: Span,
    pub figures: std::ops::Range<usize>,
    pub dates: std::ops::Range<usize>,
}

impl Paragraph {
    /// The paragraph at `span`, its figures and dates found by binary search. (The analysis
    /// knows them from recognition: on a 1 MB report, two searches a paragraph through ten
    /// thousand figures missed the cache at every step.)
    pub fn locate(analysis: &Analysis, span: Span) -> Paragraph {
        let figs = &analysis.figures;
        let a = figs.partition_point(|f| f.span.start < span.start);
        let b = a + figs[a..].partition_point(|f| f.span.start < span.end);
        let dates = &analysis.dates;
        let c = dates.partition_point(|d| d.span.start < span.start);
        let d = c + dates[c..].partition_point(|d| d.span.start < span.end);
        Paragraph {
            span,
            figures: a..b,
            dates: c..d,
        }
    }
}

/// Buffers that the checks of one paragraph need only while they run: paragraphs are checked in
/// turn with the same memory.
#[derive(Default)]
pub struct Scratch {
    sentences: Vec<Span>,
    ids: Vec<usize>,
}

/// Runs the sentence-level checks on one paragraph (`scope`); findings in text order per check.
pub fn run_local(
    text: &str,
    analysis: &Analysis,
    config: &Checks,
    paragraph: &Paragraph,
    scratch: &mut Scratch,
) -> Vec<Finding> {
    let scope = paragraph.span;
    let mut sentences = std::mem::take(&mut scratch.sentences);
    sentences.clear();
    sentences_into(&text[scope.start..scope.end], scope.start, &mut sentences);
    let ids = std::mem::take(&mut scratch.ids);
    let cx = Context::new(text, analysis, config, paragraph, sentences, ids);
    let mut out = Vec::new();
    run_each(&cx, &LOCAL, &mut out);
    scratch.sentences = cx.sentences;
    scratch.ids = cx.ids;
    out
}

/// Runs the checks that compare figures across the whole report.
pub fn run_global(text: &str, analysis: &Analysis, config: &Checks) -> Vec<Finding> {
    // Report-wide checks ask for few sentences; `sentence_of` finds them paragraph by paragraph.
    let whole = Paragraph {
        span: Span::new(0, text.len()),
        figures: 0..analysis.figures.len(),
        dates: 0..analysis.dates.len(),
    };
    let cx = Context::new(text, analysis, config, &whole, Vec::new(), Vec::new());
    let mut out = Vec::new();
    run_each(&cx, &GLOBAL, &mut out);
    out
}

fn run_each(cx: &Context<'_>, checks: &[(Check, Run)], out: &mut Vec<Finding>) {
    for &(check, run) in checks {
        let code = check.as_str();
        if cx.config.enabled(code) {
            let before = out.len();
            run(cx, out);
            for f in &mut out[before..] {
                f.severity = cx.config.severity(code, f.severity);
            }
        }
    }
}

/// The interval a figure's wording allows (see `Context::interval`), `about` widened by
/// `margin`: the one rounding rule of the checks within a report and across reports.
pub fn interval(f: &Figure, margin: f64) -> (f64, f64) {
    if !f.exact() {
        return (f64::NEG_INFINITY, f64::INFINITY);
    }
    let (lo, hi) = f.bounds;
    match f.qualifier {
        Qualifier::Exact => (lo, hi),
        Qualifier::About => (lo * (1.0 - margin), hi * (1.0 + margin)),
        Qualifier::AtLeast => (lo, f64::INFINITY),
        Qualifier::AtMost => (0.0_f64.min(lo), hi),
    }
}

/// Lower-cased words near a figure. Checks ask for a handful at a time, sentence after
/// sentence: they stay on the stack.
pub(crate) type WordList<'a> = smallvec::SmallVec<[Cow<'a, str>; 12]>;

/// What every check needs: the text, the analysis, the settings, the part of the text it looks
/// at (`scope`: one paragraph, or the whole report) and the sentences of that part.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub config: &'a Checks,
    pub scope: Span,
    pub sentences: Vec<Span>,
    /// Indices of the figures that start inside the scope, in order: `figures_in` hands out
    /// slices of it rather than a vector for every sentence.
    ids: Vec<usize>,
    /// The dates that start inside the scope: found once, since searching all the report's
    /// dates (and figures) for every question costs a cache miss a step on a long report.
    dates: &'a [crate::model::DateMention],
    /// The paragraphs `sentence_of` looked outside the scope for, by their start, each with its
    /// sentences: report-wide checks ask about pairs of facts far apart, and a paragraph split
    /// again for each question was the larger part of their cost. A tree, not a sorted vector:
    /// they are found in no order, and inserting each of a long report's thousands of
    /// paragraphs into a vector moved the ones after it.
    paragraphs: std::cell::RefCell<std::collections::BTreeMap<usize, (Span, Vec<Span>)>>,
}

impl<'a> Context<'a> {
    fn new(
        text: &'a str,
        analysis: &'a Analysis,
        config: &'a Checks,
        paragraph: &Paragraph,
        sentences: Vec<Span>,
        mut ids: Vec<usize>,
    ) -> Context<'a> {
        ids.clear();
        ids.extend(paragraph.figures.clone());
        Context {
            text,
            analysis,
            config,
            scope: paragraph.span,
            sentences,
            ids,
            dates: &analysis.dates[paragraph.dates.clone()],
            paragraphs: Default::default(),
        }
    }

    /// The figures that start inside the scope, in order.
    pub fn figures(&self) -> &'a [Figure] {
        let figs = &self.analysis.figures;
        match (self.ids.first(), self.ids.last()) {
            (Some(&a), Some(&b)) => &figs[a..=b],
            _ => &[],
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// Indices of the figures inside `span`, in order.
    pub fn figures_in(&self, span: Span) -> &[usize] {
        let figs = &self.analysis.figures;
        let ids = &self.ids[..];
        let first = ids.partition_point(|&k| figs[k].span.start < span.start);
        let n = ids[first..]
            .iter()
            .take_while(|&&k| figs[k].span.end <= span.end)
            .count();
        &ids[first..first + n]
    }

    /// The dates that start inside `span`, in order.
    pub fn dates_in(&self, span: Span) -> &'a [crate::model::DateMention] {
        let dates = if self.scope.contains_span(span) {
            self.dates
        } else {
            &self.analysis.dates[..]
        };
        let a = dates.partition_point(|d| d.span.start < span.start);
        let b = dates.partition_point(|d| d.span.start < span.end);
        &dates[a..b]
    }

    /// The interval a figure's wording allows, with `about` widened by the configured margin and
    /// `more than` / `up to` left open on one side. A figure with more digits than its value
    /// holds is left open on both: rounded to a double, it could seem to break a sum or a
    /// comparison that its digits as written keep, so it makes no statement false.
    pub fn interval(&self, f: &Figure) -> (f64, f64) {
        interval(f, self.config.approx_margin)
    }

    /// The words (runs of letters and digits) of the text between two offsets, as written.
    pub fn words(&self, a: usize, b: usize) -> Words<'a> {
        let (a, b) = self.clamp(a, b);
        Words {
            text: &self.text[a..b],
        }
    }

    /// Callers add byte counts to offsets; round them down to the characters they fall in, and
    /// never read outside the scope (a paragraph's findings may depend only on it).
    fn clamp(&self, a: usize, b: usize) -> (usize, usize) {
        let (a, b) = (
            crate::text::floor_char_boundary(self.text, a.max(self.scope.start)),
            crate::text::floor_char_boundary(self.text, b.min(self.scope.end)),
        );
        (a, b.max(a))
    }

    /// Whether at most `n` words stand between two offsets; stops counting after `n + 1`, so
    /// that far-apart offsets cost no more than near ones.
    pub fn at_most_words(&self, a: usize, b: usize, n: usize) -> bool {
        self.words(a, b).take(n + 1).count() <= n
    }

    /// Lower-cased words of the text between two offsets (borrowed when already lower-case, as
    /// most words of prose are).
    pub fn words_between(&self, a: usize, b: usize) -> WordList<'a> {
        self.words(a, b).map(lowered).collect()
    }

    /// The lower-cased word just before `offset`, not reaching back past `floor`: the last of
    /// `words_before(floor, offset, 1)`, without collecting the others.
    pub fn word_before(&self, floor: usize, offset: usize) -> Option<Cow<'a, str>> {
        let window = offset.saturating_sub(80).max(floor);
        let mut words = self.words(window, offset);
        // Read backwards: the last word, then whether another stands before it.
        let last = words.next_back()?;
        if words.next_back().is_some() || window == floor {
            Some(lowered(last))
        } else {
            // The window's only word may be cut; keep it only when the window is the floor.
            None
        }
    }

    /// Up to `n` lower-cased words just before `offset`, not reaching back past `floor`; looks
    /// at a bounded window so that long sentences stay cheap.
    pub fn words_before(&self, floor: usize, offset: usize, n: usize) -> WordList<'a> {
        let window = offset.saturating_sub(40 * n + 40).max(floor);
        // Read backwards, one word more than asked: when it is there, the window's first word
        // (which may be cut) is not among the last `n`.
        let mut back: smallvec::SmallVec<[&str; 13]> =
            self.words(window, offset).rev().take(n + 1).collect();
        if back.len() > n || window > floor {
            back.pop();
        }
        back.iter().rev().map(|w| lowered(w)).collect()
    }

    /// Whether two offsets lie in one sentence. Sentences end at blank lines, so offsets with
    /// a blank line between them are told apart by looking at the line breaks up to the first
    /// blank line after the earlier one, and only others by finding their sentences: the
    /// report-wide checks ask this of pairs of facts far apart, all over a long report.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b).min(self.text.len()));
        let bytes = &self.text.as_bytes()[a.min(b)..b];
        let blank_between = memchr::memchr_iter(b'\n', bytes).any(|n| {
            bytes[n + 1..]
                .iter()
                .find(|&&c| !matches!(c, b' ' | b'\t' | b'\r'))
                .is_some_and(|&c| c == b'\n')
        });
        !blank_between && self.sentence_of(a) == self.sentence_of(b)
    }

    /// The sentence around an offset: from the scope's sentences when it lies inside one,
    /// else from those of its paragraph, found on demand.
    pub fn sentence_of(&self, offset: usize) -> Span {
        let k = self.sentences.partition_point(|s| s.end <= offset);
        if let Some(s) = self.sentences.get(k).filter(|s| s.start <= offset) {
            return *s;
        }
        let mut cached = self.paragraphs.borrow_mut();
        let known = cached
            .range(..=offset)
            .next_back()
            .map(|(_, v)| v)
            .filter(|(p, _)| offset < p.end);
        let (para, here) = match known {
            Some(v) => v,
            None => {
                // An offset at a paragraph's end (or between paragraphs) is given that
                // paragraph, which is then kept once.
                let para = crate::text::paragraph_around(self.text, offset);
                cached
                    .entry(para.start)
                    .or_insert_with(|| (para, sentences_in(self.text, para)))
            }
        };
        let k = here.partition_point(|s| s.end <= offset);
        here.get(k).copied().unwrap_or(*para)
    }
}

/// Runs of letters and digits, from either end: a byte test for ASCII, a character test only
/// beyond it.
pub(crate) struct Words<'a> {
    text: &'a str,
}

impl<'a> Words<'a> {
    /// Whether the character beyond ASCII at byte `i` is a word character, and its length.
    fn at(&self, i: usize) -> (bool, usize) {
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }

    /// Whether the character beyond ASCII that ends at byte `i` is a word character, and its
    /// length.
    fn before(&self, i: usize) -> (bool, usize) {
        let c = self.text[..i].chars().next_back().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// Byte classes for `Words`: 0 for ASCII that is no word character, 1 for ASCII letters and
/// digits, 2 for the bytes of characters beyond ASCII (decoded to decide). Words are read
/// around every figure of a report; a table look-up a byte keeps that cheap.
static WORD_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 0x80 {
            2
        } else if (b as u8).is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            match WORD_BYTES[bytes[i] as usize] {
                0 => i += 1,
                1 => break,
                _ => match self.at(i) {
                    (true, _) => break,
                    (false, len) => i += len,
                },
            }
        }
        let start = i;
        while i < n {
            match WORD_BYTES[bytes[i] as usize] {
                1 => i += 1,
                0 => break,
                _ => match self.at(i) {
                    (true, len) => i += len,
                    (false, _) => break,
                },
            }
        }
        let (t, rest) = (self.text, &self.text[i..]);
        self.text = rest;
        (i > start).then(|| &t[start..i])
    }
}

impl<'a> DoubleEndedIterator for Words<'a> {
    fn next_back(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = bytes.len();
        while i > 0 {
            match WORD_BYTES[bytes[i - 1] as usize] {
                0 => i -= 1,
                1 => break,
                _ => match self.before(i) {
                    (true, _) => break,
                    (false, len) => i -= len,
                },
            }
        }
        let end = i;
        while i > 0 {
            match WORD_BYTES[bytes[i - 1] as usize] {
                1 => i -= 1,
                0 => break,
                _ => match self.before(i) {
                    (true, len) => i -= len,
                    (false, _) => break,
                },
            }
        }
        let (t, rest) = (self.text, &self.text[..i]);
        self.text = rest;
        (end > i).then(|| &t[i..end])
    }
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case.
pub(crate) fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    // English letters, most frequent first.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    // Candidates are found by the needle's rarest letter (`v` of `respectively`, not its `r`),
    // so that few places are compared; every sentence of a report is searched.
    let (at, &anchor) = needle.iter().enumerate().max_by_key(|(_, b)| {
        BY_FREQUENCY
            .iter()
            .position(|c| c == *b)
            .map_or(0, |p| p + 1)
    })?;
    memchr::memchr2_iter(anchor, anchor.to_ascii_uppercase(), hay)
        .filter_map(|i| i.checked_sub(at))
        .find(|&i| {
            hay.get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        })
}

/// The sentences of `span`, in report offsets.
pub(crate) fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    sentences_into(&text[span.start..span.end], span.start, &mut out);
    out
}

/// Sentences: split after `.`, `!`, `?` followed by white space and a capital, digit or quote,
/// and at blank lines; abbreviations such as `Oct.` and `Lt.` do not end one.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    sentences_into(text, 0, &mut out);
    out
}

/// Appends the sentences of `text` to `out`, shifted by `offset` (where `text` starts in the
/// report).
fn sentences_into(text: &str, offset: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Only line breaks and end marks can end a sentence; visit just those, in order.
    let mut marks = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut breaks = memchr::memchr_iter(b'\n', bytes).peekable();
    loop {
        let i = match (marks.peek(), breaks.peek()) {
            (Some(&m), Some(&n)) if m < n => marks.next(),
            (Some(_), None) => marks.next(),
            (_, Some(_)) => breaks.next(),
            (None, None) => None,
        };
        let Some(i) = i else { break };
        let b = bytes[i];
        // Blank lines end sentences, and so do line breaks around headings and list items.
        let line_break = b == b'\n' && {
            let rest = &text[i + 1..];
            let next = rest.trim_start_matches([' ', '\t', '\r']);
            let line = &text[text[..i].rfind('\n').map_or(0, |p| p + 1)..i];
            next.starts_with('\n')
                || next.starts_with(['#', '-', '*', '|', '>'])
                || line.trim_start().starts_with(['#', '-', '*', '|'])
        };
        let end_mark = b != b'\n' && {
            let next = text[i + 1..].chars().next();
            let after = text[i + 1..].trim_start_matches([' ', '"', '\u{201d}', '\u{2019}', ')']);
            next.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '"' | '\u{201d}' | '\u{2019}' | ')')
            }) && after.chars().next().is_none_or(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\n')
            }) && !is_abbreviation(&text[start..i])
        };
        if end_mark || line_break {
            let end = i + 1;
            if !text[start..end].trim().is_empty() {
                out.push(Span::new(offset + start, offset + end));
            }
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(Span::new(offset + start, offset + text.len()));
    }
}

/// Whether the text before a full stop ends with an abbreviation (`Oct`, `Lt`, `U.S`).
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Lt"
            | "Gen"
            | "Col"
            | "Capt"
            | "Adm"
            | "Sen"
            | "Rep"
            | "Gov"
            | "St"
            | "Prof"
            | "No"
            | "Vol"
            | "vs"
            | "etc"
            | "e.g"
            | "i.e"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "U.S"
            | "U.K"
            | "U.N"
            | "approx"
            | "Maj"
            | "Brig"
            | "Sgt"
            | "Jr"
            | "Sr"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// `1st`, `22nd`, `113th`.
pub(crate) fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `1,234.5` style, for messages.
pub fn show(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("{} billion", trim(v / 1e9))
    } else if v.abs() >= 1e6 {
        format!("{} million", trim(v / 1e6))
    } else {
        crate::ide::format_number((v * 100.0).round() / 100.0)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
