//! Facts: each figure bound to its subject, measure, time and status, for the checks that
//! compare figures within a report and across a workspace.
//!
//! A figure becomes a fact only when the words around it name a measure (`data/measures.tsv`
//! or `[measures]`): a figure of nothing known is left unbound, so that no check compares it.
//! `docs/facts.md` says how each part is read and where the reading stops.

pub mod cross;
mod measures;
mod status;
mod time;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use crate::config::Config;
use crate::model::{ActorKind, Analysis, Fact, FactStatus, Figure, FigureKind};
use crate::text::Span;

/// The facts of an analysed report, in the order of their figures. Pure: it reads only the
/// text, the analysis made of it and the configuration.
pub fn bind(text: &str, analysis: &Analysis, config: &Config) -> Vec<Fact> {
    bind_with(text, analysis, config, None)
}

/// The facts of each paragraph, kept between analyses of one document so that a keystroke
/// binds only the paragraphs it changed. An entry is keyed by everything binding reads of its
/// paragraph (see `Binder::key`); its figure indices, spans and subjects are relative to the
/// paragraph (subjects as the position of their first mention in it), since an edit elsewhere
/// moves them all.
#[derive(Debug, Default)]
pub struct Kept {
    paragraphs: HashMap<u64, Arc<Vec<Fact>>>,
}

/// As `bind`, reusing the facts `kept` holds for paragraphs whose inputs did not change, and
/// leaving in it those of this analysis.
pub fn bind_with(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    kept: Option<&mut Kept>,
) -> Vec<Fact> {
    if analysis.figures.is_empty() {
        if let Some(k) = kept {
            k.paragraphs.clear();
        }
        return Vec::new();
    }
    let vocabulary = measures::Vocabulary::new(config);
    // Actor mentions in text order. People are left out: `Smith said exports rose` is not
    // Smith's exports.
    let mut mentions: Vec<(Span, usize)> = Vec::new();
    for (a, actor) in analysis.actors.iter().enumerate() {
        if actor.kind != ActorKind::Person {
            mentions.extend(actor.mentions.iter().map(|m| (*m, a)));
        }
    }
    // Each actor's mentions are in text order: a stable sort merges those runs, where an
    // unstable one sorts tens of thousands of mentions afresh on every keystroke.
    mentions.sort();
    let bindable = bindable_figures(analysis);
    let settings = {
        let mut h = FxHasher::default();
        format!("{:?}", config.measures).hash(&mut h);
        h.finish()
    };
    let binder = || Binder {
        text,
        analysis,
        vocabulary: &vocabulary,
        mentions: &mentions,
        bindable: &bindable,
        outside: Cell::new(false),
        scratch: RefCell::default(),
    };
    let paras = crate::text::paragraphs(text);
    let known = kept.as_deref().map(|k| &k.paragraphs);
    // Paragraphs are bound each on its own, so a long report's two halves are bound at once.
    let (out, used) = match crate::analysis::halves::split(&paras) {
        None => binder().paragraphs(&paras, settings, known),
        Some(half) => {
            let (first, second) = paras.split_at(half);
            let ((mut out, mut used), (rest, more)) = crate::analysis::halves::join(
                || binder().paragraphs(first, settings, known),
                || binder().paragraphs(second, settings, known),
            );
            out.extend(rest);
            used.extend(more);
            (out, used)
        }
    };
    if let Some(k) = kept {
        k.paragraphs = used;
    }
    out
}

/// A fact made relative to its paragraph at `start`, whose first figure is `first` and whose
/// mentions are `mentions`; none when a subject is not mentioned in the paragraph.
fn unplaced(f: &Fact, start: usize, first: usize, mentions: &[(Span, usize)]) -> Option<Fact> {
    let slot = |actor: usize| mentions.iter().position(|&(_, a)| a == actor);
    if f.clause.start < start || f.detail.is_some_and(|d| d.start < start) {
        return None;
    }
    Some(Fact {
        figure: f.figure - first,
        subjects: f
            .subjects
            .iter()
            .map(|&s| slot(s))
            .collect::<Option<Vec<_>>>()?,
        owner: match f.owner {
            Some(o) => Some(slot(o)?),
            None => None,
        },
        clause: f.clause.shifted_back(start),
        detail: f.detail.map(|d| d.shifted_back(start)),
        ..f.clone()
    })
}

/// A kept fact placed back in the report: the inverse of `unplaced`.
fn placed(f: &Fact, start: usize, first: usize, mentions: &[(Span, usize)]) -> Fact {
    let mut subjects: Vec<usize> = f.subjects.iter().map(|&s| mentions[s].1).collect();
    // Actor indices follow the report's actors, which an edit elsewhere may reorder.
    subjects.sort_unstable();
    Fact {
        figure: f.figure + first,
        subjects,
        owner: f.owner.map(|o| mentions[o].1),
        clause: f.clause.shifted(start),
        detail: f.detail.map(|d| d.shifted(start)),
        ..f.clone()
    }
}

/// Whether a fact's clause, or the rest of its sentence, tells of a revision.
fn revised(text: &str, fact: &Fact) -> bool {
    // The rest of the sentence counts too: `$9 billion by the old definition, later revised`.
    let rest = &text[fact.clause.end..];
    // The marks are ASCII, so the bytes are searched without decoding.
    let end = rest
        .bytes()
        .enumerate()
        .find(|&(i, b)| {
            b == b'\n'
                || matches!(b, b'.' | b'!' | b'?')
                    && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, _)| fact.clause.end + i);
    words(text, Span::new(fact.clause.start, end)).any(|w| {
        let word = &text[w.start..w.end];
        REVISION_WORDS.iter().any(|r| word.eq_ignore_ascii_case(r))
    })
}

// Compared without lowering: `revised` runs for every fact in several checks.
/// The words that tell of a revision.
const REVISION_WORDS: [&str; 11] = [
    "revised",
    "revision",
    "revisions",
    "restated",
    "corrected",
    "downgraded",
    "upgraded",
    "amended",
    "previously",
    "initially",
    "originally",
];

/// Where `revised` would end its reading in a sentence (a line's end, or a stop before white
/// space), and where the sentence's words of revision start, found once for all its facts. With
/// no such word, the last mark alone.
fn revision_marks(
    text: &str,
    sentence: Span,
    spans: &[Span],
    lowered: &[&str],
    marks: &mut Vec<usize>,
    revisions: &mut Vec<usize>,
) {
    marks.clear();
    revisions.clear();
    for (w, word) in spans.iter().zip(lowered) {
        if REVISION_WORDS.contains(word) && text[w.start..w.end].is_ascii() {
            revisions.push(w.start);
        }
    }
    let bytes = text.as_bytes();
    let is_mark = |i: usize| {
        bytes[i] == b'\n'
            || matches!(bytes[i], b'.' | b'!' | b'?')
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
    };
    if revisions.is_empty() {
        // No word of revision: only whether the reading ends within the sentence matters, and
        // its last mark says, found from the end where it stands.
        marks.extend((sentence.start..sentence.end).rev().find(|&i| is_mark(i)));
    } else {
        marks.extend((sentence.start..sentence.end).filter(|&i| is_mark(i)));
    }
}

/// Whether a percentage fact is a rate of change of its measure (`rose 12%`, `grew by 5.1
/// percent`, `growth of 3%`), and whether the change is a fall.
pub fn change(text: &str, analysis: &Analysis, fact: &Fact) -> Option<bool> {
    let f = &analysis.figures[fact.figure];
    if f.kind != FigureKind::Percent || f.range.is_some() {
        return None;
    }
    // Only the last three words before the figure are read, and only they are lowered: the
    // growth check asks this of every fact of a report on every keystroke.
    let mut last: [Option<Span>; 3] = [None; 3];
    for w in words(text, Span::new(fact.clause.start, f.span.start)) {
        last = [last[1], last[2], Some(w)];
    }
    let mut back = last
        .into_iter()
        .rev()
        .flatten()
        .map(|w| lower(&text[w.start..w.end]));
    let mut w = back.next()?;
    if matches!(
        w.as_str(),
        "by" | "of" | "a" | "an" | "some" | "about" | "nearly" | "almost" | "around"
    ) {
        w = back.next()?;
    }
    if matches!(w.as_str(), "by" | "of") {
        w = back.next()?;
    }
    match w.as_str() {
        "rose" | "rise" | "rises" | "risen" | "grew" | "grow" | "grows" | "grown" | "growing"
        | "increased" | "increase" | "increases" | "jumped" | "climbed" | "expanded" | "gained"
        | "up" | "growth" | "surged" | "rising" => Some(false),
        "fell" | "fall" | "falls" | "fallen" | "declined" | "decline" | "declines" | "dropped"
        | "decreased" | "decrease" | "contracted" | "shrank" | "down" | "slumped" | "falling" => {
            Some(true)
        }
        _ => None,
    }
}

struct Binder<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    vocabulary: &'a measures::Vocabulary,
    mentions: &'a [(Span, usize)],
    /// Whether each figure can be a fact (see `bindable_figures`).
    bindable: &'a [bool],
    /// Set when a fact took its subject from outside its paragraph (`the fund's`): that
    /// paragraph's facts depend on more than its key and are not kept.
    outside: Cell<bool>,
    /// One sentence's buffers, kept for the next so that binding allocates once per report.
    scratch: RefCell<Scratch>,
}

/// The buffers a sentence is read into (see `Binder::sentence`).
#[derive(Default)]
struct Scratch {
    spans: Vec<Span>,
    buffer: String,
    ends: Vec<usize>,
    clauses: Vec<Span>,
    named: Vec<(Span, Cow<'static, str>)>,
    marks: Vec<usize>,
    revisions: Vec<usize>,
}

/// The sentence before the one being bound, in the same paragraph, and the range of `out`
/// that holds its facts.
#[derive(Clone)]
struct Before {
    sentence: Span,
    facts: std::ops::Range<usize>,
}

/// What a sentence takes from the one before it when it names no subject of its own: the
/// fact it continues, else the one actor and time of a sentence of no figure (`Kenya's trade
/// in 2021.`).
#[derive(Default)]
struct Carried {
    /// The fact of the sentence before whose measure, detail, unit and subjects the first
    /// figure keeps (ellipsis across sentences).
    fact: Option<usize>,
    /// The one subject (and owner) a trade flow of no subject takes.
    subject: Option<(usize, Option<usize>)>,
    /// The time such a flow takes when its sentence gives none.
    time: Option<crate::model::DateValue>,
    /// Whether the sentence speaks of the whole (`The total`): the fact it continues keeps
    /// its measure but not its detail.
    whole: bool,
}

/// Where the last sentence's figures, mentions and dates began.
#[derive(Clone, Copy, Default)]
struct Cursors {
    figure: usize,
    mention: usize,
    date: usize,
}

/// Moves `cursor` past the items `before` holds for and returns it.
fn advance<T>(cursor: &mut usize, items: &[T], before: impl Fn(&T) -> bool) -> usize {
    while items.get(*cursor).is_some_and(&before) {
        *cursor += 1;
    }
    *cursor
}

/// The most figures a sentence may hold and be bound, and its longest length in bytes.
const MAX_FIGURES: usize = 64;
const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// The most words allowed between a figure and a measure named after it (`$2 billion in new
/// aid`).
const AFTER_WORDS: usize = 3;

impl Binder<'_> {
    /// The facts of the paragraphs `paras`, in text order, taking those `kept` holds for
    /// paragraphs whose inputs did not change; and the facts to keep of each paragraph, by key.
    fn paragraphs(
        &self,
        paras: &[Span],
        settings: u64,
        kept: Option<&HashMap<u64, Arc<Vec<Fact>>>>,
    ) -> (Vec<Fact>, HashMap<u64, Arc<Vec<Fact>>>) {
        let (text, analysis) = (self.text, self.analysis);
        let mut used = HashMap::default();
        let mut slots = HashMap::default();
        let mut out = Vec::new();
        let figs = &analysis.figures;
        // Where each paragraph's figures, mentions and dates begin, found by walking forward
        // from the first paragraph's: a binary search per paragraph costs a cache miss per
        // step on a long report.
        let from = paras.first().map_or(0, |p| p.start);
        let mut along = Cursors {
            figure: figs.partition_point(|f| f.span.start < from),
            mention: self.mentions.partition_point(|(m, _)| m.start < from),
            date: analysis.dates.partition_point(|d| d.span.start < from),
        };
        let mut cursors = along;
        for &para in paras {
            let a = advance(&mut along.figure, figs, |f| f.span.start < para.start);
            if figs.get(a).is_none_or(|f| f.span.start >= para.end) {
                continue;
            }
            let z = a + figs[a..]
                .iter()
                .take_while(|f| f.span.start < para.end)
                .count();
            let m0 = advance(&mut along.mention, self.mentions, |(m, _)| {
                m.start < para.start
            });
            let m1 = m0
                + self.mentions[m0..]
                    .iter()
                    .take_while(|(m, _)| m.start < para.end)
                    .count();
            let mentions = &self.mentions[m0..m1];
            let d0 = advance(&mut along.date, &analysis.dates, |d| {
                d.span.start < para.start
            });
            let key = kept
                .is_some()
                .then(|| self.key(settings, para, a..z, d0, mentions, &mut slots));
            if let (Some(key), Some(k)) = (key, kept) {
                if let Some(facts) = k.get(&key) {
                    out.extend(facts.iter().map(|f| placed(f, para.start, a, mentions)));
                    used.insert(key, facts.clone());
                    continue;
                }
            }
            // Sentences past the paragraph's last figure hold no fact: a paragraph of a
            // million sentences, analysed only up to `max-mentions`, is split only as far as
            // needed.
            let mut last = figs[z - 1]
                .span
                .end
                .saturating_add(MAX_SENTENCE_BYTES)
                .min(para.end);
            while !text.is_char_boundary(last) {
                last += 1;
            }
            // Cursors that advance with the sentences: a binary search of every sentence into
            // the report's figures, mentions and dates cost a cache miss per step on long
            // reports.
            let mut cursor = Cursors {
                figure: a,
                ..cursors
            };
            let first = out.len();
            self.outside.set(false);
            // The sentence before, and its facts: a sentence may carry on from it (`Exports
            // reached 9.1 million tonnes in March. They rose to 9.8 million in June.`).
            let mut before: Option<Before> = None;
            for sentence in crate::checks::sentences_in(text, Span::new(para.start, last)) {
                let from = out.len();
                self.sentence(sentence, &mut cursor, &mut out, before);
                before = Some(Before {
                    sentence,
                    facts: from..out.len(),
                });
            }
            cursors = cursor;
            if let Some(key) = key.filter(|_| !self.outside.get()) {
                if let Some(facts) = out[first..]
                    .iter()
                    .map(|f| unplaced(f, para.start, a, mentions))
                    .collect::<Option<Vec<Fact>>>()
                {
                    used.insert(key, Arc::new(facts));
                }
            }
        }
        (out, used)
    }

    /// Hashes everything binding reads of a paragraph: its text, its figures' kinds, units,
    /// nouns and whether they stand in a table or a note, its dates and their values, and its
    /// mentions, each by the position of the first mention of the same actor (actor indices
    /// move with edits elsewhere). Binding reads no text outside its paragraph's sentences.
    fn key(
        &self,
        settings: u64,
        para: Span,
        figures: std::ops::Range<usize>,
        first_date: usize,
        mentions: &[(Span, usize)],
        slots: &mut HashMap<usize, usize>,
    ) -> u64 {
        let (text, analysis) = (self.text, self.analysis);
        let rel = |s: Span| (s.start - para.start, s.end - para.start);
        let mut h = FxHasher::default();
        settings.hash(&mut h);
        text[para.start..para.end].hash(&mut h);
        for (k, f) in figures.clone().zip(&analysis.figures[figures]) {
            (rel(f.span), f.kind, &f.unit, f.noun.map(rel), f.ordinal).hash(&mut h);
            self.bindable[k].hash(&mut h);
        }
        for d in analysis.dates[first_date..]
            .iter()
            .take_while(|d| d.span.start < para.end)
        {
            (rel(d.span), d.value).hash(&mut h);
        }
        slots.clear();
        for (n, &(m, actor)) in mentions.iter().enumerate() {
            let slot = *slots.entry(actor).or_insert(n);
            (rel(m), slot).hash(&mut h);
        }
        h.finish()
    }

    /// Binds the figures of one sentence, each reading its clause, then its sentence, and
    /// inheriting what its clause leaves out from the fact before it in the sentence.
    fn sentence(
        &self,
        sentence: Span,
        at: &mut Cursors,
        out: &mut Vec<Fact>,
        before: Option<Before>,
    ) {
        let (text, analysis) = (self.text, self.analysis);
        let figs = &analysis.figures;
        let a = advance(&mut at.figure, figs, |f| f.span.start < sentence.start);
        let b = a + figs[a..]
            .iter()
            .take_while(|f| f.span.start < sentence.end)
            .count();
        let m0 = advance(&mut at.mention, self.mentions, |(m, _)| {
            m.start < sentence.start
        });
        let d0 = advance(&mut at.date, &analysis.dates, |d| {
            d.span.start < sentence.start
        });
        // Each figure reads its clause and the sentence's measures, so a run of figures or
        // words no prose has (a list of thousands of numbers) is left unbound, keeping the
        // binder linear in the text.
        if b - a > MAX_FIGURES || sentence.end - sentence.start > MAX_SENTENCE_BYTES {
            return;
        }
        let ids: Vec<usize> = (a..b).filter(|&k| self.bindable[k]).collect();
        if ids.is_empty() {
            return;
        }
        let mut scratch = std::mem::take(&mut *self.scratch.borrow_mut());
        let Scratch {
            spans,
            buffer,
            ends,
            clauses,
            named,
            marks,
            revisions,
        } = &mut scratch;
        words_into(text, sentence, spans);
        // Each word lowered once into one buffer, for the vocabulary and the status words of
        // every figure of the sentence.
        buffer.clear();
        ends.clear();
        for w in spans.iter() {
            let word = &text[w.start..w.end];
            if word.is_ascii() {
                let from = buffer.len();
                buffer.push_str(word);
                buffer[from..].make_ascii_lowercase();
            } else {
                buffer.push_str(&word.to_lowercase());
            }
            ends.push(buffer.len());
        }
        let lowered: Vec<&str> = ends
            .iter()
            .scan(0, |start, &end| {
                let w = &buffer[*start..end];
                *start = end;
                Some(w)
            })
            .collect();
        self.vocabulary.find_into(text, spans, &lowered, named);
        clauses_into(text, sentence, clauses);
        let (spans, named, clauses) = (&*spans, &*named, &*clauses);
        revision_marks(text, sentence, spans, &lowered, marks, revisions);
        let within = |x: usize, y: usize| word_range(spans, x, y);
        let m1 = m0
            + self.mentions[m0..]
                .iter()
                .take_while(|(m, _)| m.start < sentence.end)
                .count();
        let mentions = &self.mentions[m0..m1];
        let d1 = d0
            + analysis.dates[d0..]
                .iter()
                .take_while(|d| d.span.start < sentence.end)
                .count();
        let dates = &analysis.dates[d0..d1];
        let carried = match before {
            Some(b) => self.carried(
                &b,
                &Reading {
                    sentence,
                    spans,
                    lowered: &lowered,
                    named,
                    mentions,
                    dates,
                    first: &figs[ids[0]],
                    m0,
                    d0,
                },
                out,
            ),
            None => Carried::default(),
        };
        let first = out.len();
        for (n, &k) in ids.iter().enumerate() {
            // The first figure may continue the last fact of the sentence before.
            let carry = carried.fact.filter(|_| n == 0);
            let previous = out[first..].last().or(carry.map(|c| &out[c]));
            let f = &figs[k];
            let clause = clauses
                .iter()
                .copied()
                .find(|c| c.contains_span(f.span))
                .unwrap_or(sentence);
            let previous_end = n
                .checked_sub(1)
                .map_or(sentence.start, |p| figs[ids[p]].span.end);
            let next_start = ids.get(n + 1).map_or(sentence.end, |&q| figs[q].span.start);
            // Whether another bindable figure lies between two offsets: the figures are in
            // text order, so the first at or after `x` decides.
            let figure_between = |x: usize, y: usize| {
                let q = ids.partition_point(|&q| figs[q].span.start < x);
                ids[q..]
                    .iter()
                    .filter(|&&q| q != k)
                    .take(1)
                    .any(|&q| figs[q].span.end <= y)
            };
            // Status words reach at most six words: eight before and four after suffice.
            let before = within(clause.start, f.span.start);
            let before_words = &lowered[before.start.max(before.end.saturating_sub(8))..before.end];
            let after = within(f.span.end, clause.end);
            let after_words = &lowered[after.start..after.end.min(after.start + 4)];
            let status = status::status(before_words, after_words);

            // The measure: named right after the figure (`$2 billion in aid`, `a $24.5 billion
            // surplus`), else the nearest before it in its clause, else the fact before it in
            // the sentence, else the nearest before it in the sentence. The names are in text
            // order and do not overlap, so only the nearest on each side can be the one.
            let split = named.partition_point(|(s, _)| s.start < f.span.end);
            // Not across a conjunction: in `$5 billion and imports $3 billion`, imports are
            // the next figure's.
            let right_after = named.get(split).filter(|(s, _)| {
                let between = within(f.span.end, s.start);
                s.end <= clause.end
                    && between.len() <= AFTER_WORDS
                    && !lowered[between]
                        .iter()
                        .any(|w| matches!(*w, "and" | "or" | "but" | "while" | "whereas"))
                    && !figure_between(f.span.end, s.start)
            });
            let nearest_before = named[..split]
                .iter()
                .rev()
                .find(|(s, _)| s.end <= f.span.start);
            let in_clause_before = nearest_before.filter(|(s, _)| s.start >= clause.start);
            let in_sentence_before =
                nearest_before.filter(|(s, _)| !figure_between(s.end, f.span.start));
            let (measure_span, measure, inherited) = match right_after.or(in_clause_before) {
                Some((s, m)) => (Some(*s), m.clone(), false),
                None => match (previous, in_sentence_before) {
                    (Some(p), _) if compatible(&figs[p.figure], f) => {
                        (None, p.measure.clone(), true)
                    }
                    (_, Some((s, m))) => (Some(*s), m.clone(), false),
                    // `The ADB disbursed $1.2 billion`: the verb of standing names what
                    // the amount is, and stands where a measure would.
                    _ => {
                        // Only an amount is pledged or disbursed: `to 12 projects` is not.
                        let measure = match status {
                            _ if f.kind != FigureKind::Money => continue,
                            FactStatus::Pledged => "pledge",
                            FactStatus::Disbursed => "disbursement",
                            _ => continue,
                        };
                        let verb = spans[before.clone()].last().copied();
                        (verb, Cow::Borrowed(measure), false)
                    }
                },
            };
            // A bare count after a quantity of the same measure is in its unit (`9.1 million
            // tonnes in March and 9.8 million in June`).
            let unit = match previous {
                Some(p)
                    if f.unit.is_none()
                        && f.kind == FigureKind::Count
                        && f.noun.is_none()
                        && p.measure == measure
                        && figs[p.figure].kind == FigureKind::Quantity =>
                {
                    p.unit.clone()
                }
                _ => f.unit.clone(),
            };

            let (mut subjects, mut owner) =
                self.subjects(spans, mentions, clause, f.span, measure_span, &measure);
            if let Some(p) = previous {
                let trade = is_trade(&measure) && is_trade(&p.measure);
                if subjects.is_empty() && (inherited || p.measure == measure || trade) {
                    subjects = p.subjects.clone();
                    owner = owner.or(p.owner);
                } else if trade && subjects.iter().all(|s| p.subjects.contains(s)) {
                    // `Japan's exports to Korea ..., while imports from Korea ...`: the
                    // parties of one bilateral flow are both.
                    subjects = p.subjects.clone();
                    owner = owner.or(p.owner);
                }
            }
            // Amounts and quantities only: a bare count of a trade word is more often a list's
            // number (`(4) promoting fair trade`) than a flow.
            let flow =
                is_trade(&measure) && matches!(f.kind, FigureKind::Money | FigureKind::Quantity);
            if subjects.is_empty() && flow {
                // A flow of no party in a sentence of none: the one party of the sentence
                // before (`Kenya's trade in 2021. Exports were $5 billion ...`).
                if let Some((s, o)) = carried.subject {
                    subjects.push(s);
                    owner = owner.or(o);
                }
            }
            if subjects.is_empty() {
                // Actors of the sentence before the figure's clause (`In Kenya, the bank
                // disbursed ...`).
                for (m, actor) in mentions.iter().filter(|(m, _)| m.end <= clause.start) {
                    if !inside_date(analysis, *m) {
                        subjects.push(*actor);
                    }
                }
                subjects.sort_unstable();
                subjects.dedup();
            }

            let time = time::time(
                text,
                dates,
                &time::Around {
                    figure: f.span,
                    clause,
                    sentence,
                    previous_end,
                    next_start,
                },
            )
            .or_else(|| {
                // A fact carried from the sentence before has a time of its own or none:
                // `They rose to 9.8 million` tells of a later time than the fact it continues.
                previous
                    .filter(|_| inherited && carry.is_none())
                    .and_then(|p| p.time)
            })
            .or_else(|| {
                carried
                    .time
                    .filter(|_| flow && subjects.len() == 1)
                    .filter(|_| carried.subject.is_some_and(|(s, _)| subjects[0] == s))
            });

            let detail = match (previous, measure_span) {
                (Some(p), _) if inherited => p.detail.filter(|_| carry.is_none() || !carried.whole),
                (_, Some(m)) if named.iter().any(|(s, _)| *s == m) => {
                    // A measure named before the figure's clause is read within its sentence.
                    self.detail(
                        spans,
                        if m.start < clause.start {
                            sentence
                        } else {
                            clause
                        },
                        m,
                    )
                }
                _ => None,
            };
            let mut fact = Fact {
                figure: k,
                subjects,
                measure,
                time,
                status,
                clause,
                owner,
                unit,
                detail,
                revised: false,
            };
            // The first mark at or after the clause ends the reading of `revised`; past the
            // sentence's marks it reads on, as `revised` does.
            fact.revised = match marks.iter().find(|&&m| m >= fact.clause.end) {
                Some(&end) => revisions.iter().any(|&w| w >= fact.clause.start && w < end),
                None => revised(text, &fact),
            };
            out.push(fact);
        }
        *self.scratch.borrow_mut() = scratch;
    }

    /// What a sentence of no subject of its own takes from the sentence before it (see
    /// `Carried`). Reads only that sentence, which is in the same paragraph, and nothing past a
    /// line that starts a list item, a heading or a quotation.
    fn carried(&self, before: &Before, here: &Reading<'_>, out: &[Fact]) -> Carried {
        let (text, analysis) = (self.text, self.analysis);
        let none = Carried::default();
        if here
            .mentions
            .iter()
            .any(|(m, _)| !inside_date(analysis, *m))
            || !joined(text, before.sentence.end, here.first.span.start)
        {
            return none;
        }
        // Words before the first figure, less those of dates (`In June, they ...`).
        let upto = word_range(here.spans, here.sentence.start, here.first.span.start);
        let leading: Vec<&str> = upto
            .clone()
            .filter(|&w| !inside_date(analysis, here.spans[w]))
            .map(|w| here.lowered[w])
            .collect();
        let last = out[before.facts.clone()].last();
        if let Some(p) = last.filter(|_| here.named.is_empty()) {
            let pf = &analysis.figures[p.figure];
            let f = here.first;
            let same_kind = (f.kind == pf.kind && compatible(pf, f))
                || (f.kind == FigureKind::Count
                    && f.unit.is_none()
                    && f.noun.is_none()
                    && pf.kind == FigureKind::Quantity);
            let anaphoric = matches!(
                leading.as_slice(),
                ["they" | "it" | "this" | "that" | "these", ..]
                    | ["the", "figure" | "total" | "amount" | "value" | "level", ..]
            );
            let changed = matches!(
                leading.as_slice(),
                [
                    ..,
                    "rose"
                        | "fell"
                        | "climbed"
                        | "grew"
                        | "increased"
                        | "decreased"
                        | "dropped"
                        | "declined"
                        | "jumped"
                        | "slipped"
                        | "rise"
                        | "fall"
                        | "climb"
                        | "grow",
                    "to"
                ] | [.., "reached" | "reach" | "reaching"]
            );
            if same_kind
                && (anaphoric || changed)
                && leading.iter().all(|w| CARRY_WORDS.contains(w))
            {
                return Carried {
                    fact: Some(before.facts.end - 1),
                    whole: leading.starts_with(&["the", "total"]),
                    ..none
                };
            }
            // A figure that continues no fact is not given the subject of one either.
            if anaphoric || changed {
                return none;
            }
        }
        // The one party of the sentence before: its last fact's sole subject, or the one actor
        // a sentence of no fact names.
        let subject = match last {
            Some(p) if p.subjects.len() == 1 => (p.subjects[0], p.owner),
            Some(_) => return none,
            None => {
                let m = self.mentions[..here.m0]
                    .iter()
                    .rev()
                    .take_while(|(m, _)| m.start >= before.sentence.start)
                    .filter(|(m, _)| !inside_date(analysis, *m));
                let mut actors = m.map(|(_, a)| *a);
                let Some(one) = actors.next() else {
                    return none;
                };
                if actors.any(|a| a != one) {
                    return none;
                }
                (one, None)
            }
        };
        // Its time too, when this sentence gives none and tells of no other time: the one date
        // of the sentence before, not a bound (`since 2015`).
        let before_dates: Vec<&crate::model::DateMention> = analysis.dates[..here.d0]
            .iter()
            .rev()
            .take_while(|d| d.span.start >= before.sentence.start)
            .collect();
        let bound = |d: &crate::model::DateMention| {
            matches!(
                previous_word(&text[before.sentence.start..d.span.start]).as_deref(),
                Some("since" | "from" | "until" | "till" | "before" | "after" | "by")
            )
        };
        let other_time = here.lowered.iter().any(|w| TIME_WORDS.contains(w));
        let time = match before_dates.as_slice() {
            [d] if here.dates.is_empty() && !other_time && !bound(d) => match last {
                Some(p) => p.time.filter(|t| *t == d.value),
                None => Some(d.value),
            },
            _ => None,
        };
        Carried {
            fact: None,
            subject: Some(subject),
            time,
            whole: false,
        }
    }

    /// The actors of a figure's clause, and the one whose measure it is (`Japan's exports`,
    /// `Japan exported`, `exports from Japan`), if the wording says.
    fn subjects(
        &self,
        spans: &[Span],
        mentions: &[(Span, usize)],
        clause: Span,
        figure: Span,
        measure: Option<Span>,
        name: &str,
    ) -> (Vec<usize>, Option<usize>) {
        let text = self.text;
        let mut subjects = Vec::new();
        let mut owner = None;
        for &(m, actor) in mentions.iter().filter(|(m, _)| clause.contains_span(*m)) {
            if inside_date(self.analysis, m) {
                continue;
            }
            subjects.push(actor);
            let possessive = possessive_at(text, m.end);
            // Read within the clause, as all of binding reads within its paragraph.
            let before_m = &text[clause.start..m.start];
            let right_before = measure
                .is_some_and(|s| m.end <= s.start && word_range(spans, m.end, s.start).len() <= 2);
            let by_preposition = match name {
                "exports" => previous_word(before_m).as_deref() == Some("from"),
                "imports" => matches!(previous_word(before_m).as_deref(), Some("into" | "by")),
                _ => false,
            };
            if owner.is_none()
                && (possessive && m.end <= figure.start || right_before || by_preposition)
            {
                owner = Some(actor);
            }
        }
        // `the fund's $25 billion`: the last organisation of that kind named before.
        if subjects.is_empty() {
            if let Some(actor) = self.definite_possessive(clause, figure) {
                subjects.push(actor);
                owner = Some(actor);
            }
        }
        subjects.sort_unstable();
        subjects.dedup();
        (subjects, owner)
    }

    /// The word that narrows a measure named at `measure`: the one just before it (`oil
    /// imports`) or after its `of` (`exports of goods`), when it is no function word, number,
    /// date or actor.
    fn detail(&self, spans: &[Span], clause: Span, measure: Span) -> Option<Span> {
        let text = self.text;
        let clause = Span::new(clause.start.min(measure.start), clause.end.max(measure.end));
        let plain = |w: Span| {
            let word = lower(&text[w.start..w.end]);
            !STOP.contains(&word.as_str())
                && !word.ends_with("ed")
                && !word.ends_with("ing")
                && !word.ends_with("ly")
                && !word.bytes().any(|b| b.is_ascii_digit())
                && !inside_date(self.analysis, w)
                && !covers(self.mentions, w, |(m, _)| *m)
                && !covers(&self.analysis.figures, w, |f| f.span)
        };
        let before = spans[word_range(spans, clause.start, measure.start)]
            .last()
            .copied();
        if let Some(w) = before.filter(|w| {
            text[w.end..measure.start]
                .chars()
                .all(|c| c == ' ' || c == '-')
        }) {
            if plain(w) {
                // `non-oil exports` are not oil exports.
                // Compared as bytes: the four bytes before may split a character.
                let head = &text.as_bytes()[..w.start];
                let non = head.len() >= 4 && head[head.len() - 4..].eq_ignore_ascii_case(b"non-");
                return Some(if non {
                    Span::new(w.start - 4, w.end)
                } else {
                    w
                });
            }
        }
        let mut after = words(text, Span::new(measure.end, clause.end));
        let of = after.next()?;
        if !text[of.start..of.end].eq_ignore_ascii_case("of") {
            return None;
        }
        after.next().filter(|&w| plain(w))
    }

    /// `the fund's`, `the authority's` before the figure in its clause: the organisation whose
    /// name holds that word and that was named last before.
    fn definite_possessive(&self, clause: Span, figure: Span) -> Option<usize> {
        let text = self.text;
        let spans: Vec<Span> = words(text, Span::new(clause.start, figure.start)).collect();
        for pair in spans.windows(2) {
            let (the, noun) = (pair[0], pair[1]);
            if !text[the.start..the.end].eq_ignore_ascii_case("the")
                || !possessive_at(text, noun.end)
                || !text[noun.start..noun.end].chars().all(|c| c.is_lowercase())
            {
                continue;
            }
            let noun = &text[noun.start..noun.end];
            let before = self
                .mentions
                .partition_point(|(m, _)| m.start < clause.start);
            self.outside.set(true);
            return self.mentions[..before]
                .iter()
                .rev()
                .take(200)
                .find(|(_, a)| {
                    let actor = &self.analysis.actors[*a];
                    matches!(actor.kind, ActorKind::Organization | ActorKind::Group)
                        && actor
                            .name
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.eq_ignore_ascii_case(noun))
                })
                .map(|(_, a)| *a);
        }
        None
    }
}

/// What `Binder::carried` reads of the sentence being bound.
struct Reading<'a> {
    sentence: Span,
    spans: &'a [Span],
    lowered: &'a [&'a str],
    named: &'a [(Span, Cow<'static, str>)],
    mentions: &'a [(Span, usize)],
    dates: &'a [crate::model::DateMention],
    /// Its first bindable figure.
    first: &'a Figure,
    /// Where its mentions and dates begin in the report's.
    m0: usize,
    d0: usize,
}

/// The words that may stand before a figure that continues the fact of the sentence before:
/// pronouns, verbs of being and change, standing and function words. Any other word may be
/// what the figure counts (`They met 12 officials`, `It cost the state $2 billion`).
const CARRY_WORDS: &[&str] = &[
    "they",
    "it",
    "this",
    "that",
    "these",
    "the",
    "figure",
    "total",
    "amount",
    "value",
    "level",
    "rose",
    "fell",
    "climbed",
    "grew",
    "increased",
    "decreased",
    "dropped",
    "declined",
    "jumped",
    "slipped",
    "rise",
    "fall",
    "climb",
    "grow",
    "reached",
    "reach",
    "reaching",
    "to",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "had",
    "has",
    "have",
    "will",
    "would",
    "then",
    "further",
    "again",
    "by",
    "at",
    "in",
    "on",
    "of",
    "and",
    "about",
    "nearly",
    "almost",
    "around",
    "some",
    "roughly",
    "approximately",
    "over",
    "only",
    "just",
    "forecast",
    "expected",
    "projected",
    "estimated",
    "set",
    "likely",
    "stood",
    "stands",
    "remained",
];

/// Words that tell a sentence is of another time than the one before it.
const TIME_WORDS: &[&str] = &[
    "now",
    "currently",
    "today",
    "recently",
    "later",
    "since",
    "previously",
    "earlier",
    "then",
    "subsequently",
    "before",
    "after",
    "next",
    "last",
    "ago",
    "rose",
    "fell",
    "grew",
    "increased",
    "decreased",
    "dropped",
    "declined",
    "climbed",
    "jumped",
    "expected",
    "forecast",
    "projected",
];

/// Whether the text from `from` to `to` stays in one block: every line break in it ends a
/// sentence or a long line (not a heading) and opens a line of prose at its margin (not a list
/// item, a heading or a quotation, whose marks Markdown's prose has blanked).
fn joined(text: &str, from: usize, to: usize) -> bool {
    let (from, to) = (from.min(to), to);
    let start_of_line = |i: usize| text[..i].rfind('\n').map_or(0, |p| p + 1);
    memchr::memchr_iter(b'\n', &text.as_bytes()[from.saturating_sub(1)..to]).all(|i| {
        let i = from.saturating_sub(1) + i;
        let line = text[start_of_line(i)..i].trim_end();
        let next = text[i + 1..].split('\n').next().unwrap_or("");
        let ended = line.ends_with(['.', '!', '?', '"', '\u{201d}', ')']) || line.len() >= 60;
        let numbered = {
            let digits = next.len() - next.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            digits > 0 && next[digits..].starts_with(['.', ')'])
        };
        ended
            && !numbered
            && next
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && !"-*+#>|".contains(c))
    })
}

/// Whether each figure can be a fact: not ordinals, multipliers, durations or table cells (a
/// table is read by its rows and columns), nor those of notes. Figures and notes are both in
/// text order, so one walk finds each figure's note; notes may nest (a footnote in a section of
/// notes), so the walk keeps the furthest end of those begun.
fn bindable_figures(analysis: &Analysis) -> Vec<bool> {
    let (mut next, mut end) = (0, 0);
    analysis
        .figures
        .iter()
        .map(|f| {
            while let Some(n) = analysis.notes.get(next).filter(|n| n.start <= f.span.start) {
                end = end.max(n.end);
                next += 1;
            }
            !f.ordinal
                && f.kind != FigureKind::Multiplier
                && !matches!(
                    f.unit.as_deref(),
                    Some("day" | "week" | "month" | "year" | "hour" | "minute" | "decade")
                )
                && analysis.table_cell(f.span.start).is_none()
                && !(next > 0 && end >= f.span.end)
        })
        .collect()
}

/// Whether a figure can continue the fact of another (the same kind of number, or a bare count
/// after a quantity).
/// Whether a span of `items` (sorted by start, not overlapping) contains `w`: a binary search,
/// as the binder asks it of every word it reads.
fn covers<T>(items: &[T], w: Span, span: impl Fn(&T) -> Span) -> bool {
    let k = items.partition_point(|x| span(x).start <= w.start);
    k > 0 && span(&items[k - 1]).contains_span(w)
}

fn compatible(previous: &Figure, f: &Figure) -> bool {
    let percent = |f: &Figure| matches!(f.kind, FigureKind::Percent | FigureKind::Points);
    // A count of its own things (`to 12 projects`) measures them, not the amount before it;
    // an amount never continues a quantity nor a quantity an amount.
    let counted = f.kind == FigureKind::Count && f.noun.is_some();
    let money = |f: &Figure| f.kind == FigureKind::Money;
    percent(previous) == percent(f)
        && !counted
        && (money(previous) == money(f) || f.kind == FigureKind::Count)
}

fn is_trade(measure: &str) -> bool {
    matches!(
        measure,
        "exports" | "imports" | "surplus" | "deficit" | "trade"
    )
}

fn inside_date(analysis: &Analysis, m: Span) -> bool {
    let k = analysis.dates.partition_point(|d| d.span.end <= m.start);
    analysis
        .dates
        .get(k)
        .is_some_and(|d| d.span.contains_span(m))
}

/// `'s` or `’s` at `offset`.
fn possessive_at(text: &str, offset: usize) -> bool {
    let rest = &text[offset..];
    rest.starts_with("'s") || rest.starts_with("\u{2019}s") || rest.starts_with("s'")
}

/// The lower-cased last word of `before`.
fn previous_word(before: &str) -> Option<String> {
    let before = before.trim_end();
    let w = before.rsplit(|c: char| !c.is_alphanumeric()).next()?;
    (!w.is_empty()).then(|| lower(w))
}

/// Words before or after a measure that do not narrow it.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "s",
    "total",
    "overall",
    "annual",
    "of",
    "and",
    "or",
    "in",
    "to",
    "from",
    "with",
    "for",
    "by",
    "on",
    "at",
    "as",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
    "all",
    "combined",
    "new",
    "additional",
    "fresh",
    "further",
    "more",
    "extra",
    "country",
    "nation",
    "national",
    "yearly",
    "monthly",
    "quarterly",
    "were",
    "was",
    "is",
    "are",
    "be",
    "been",
    "had",
    "has",
    "have",
    "its",
    "while",
    "but",
    "also",
    "only",
    "about",
    "some",
    "nearly",
    "around",
    "over",
    "under",
    "up",
    "down",
    "than",
    // Verbs and adjectives met before measures (`raise exports`, `local infrastructure`).
    "local",
    "raise",
    "raised",
    "boost",
    "cut",
    "increase",
    "reduce",
    "double",
    "lift",
    "expand",
    "grow",
    "see",
    "saw",
    "record",
    "higher",
    "lower",
    "such",
    "other",
    "said",
    "say",
    "says",
    "likely",
    "current",
    "latest",
    "first",
    "last",
    "same",
    "own",
    "per",
    "both",
    "each",
    "any",
];

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// The clauses of a sentence: split at semicolons, colons, dashes between spaces and commas
/// that do not sit inside a number (`$1,180 million`).
fn clauses_into(text: &str, sentence: Span, out: &mut Vec<Span>) {
    out.clear();
    let s = &text[sentence.start..sentence.end];
    let bytes = s.as_bytes();
    let mut start = 0;
    // Every mark that cuts is ASCII or a dash that starts with 0xE2: only those bytes are
    // visited, in text order, from a search for the one and a search for the others.
    let mut marks = memchr::memchr3_iter(b';', b':', b',', bytes).peekable();
    let mut dashes = memchr::memchr_iter(0xe2, bytes).peekable();
    while let Some(i) = match (marks.peek(), dashes.peek()) {
        (Some(&m), Some(&d)) if d < m => dashes.next(),
        (None, Some(_)) => dashes.next(),
        _ => marks.next(),
    } {
        let b = bytes[i];
        let width = match b {
            b';' | b':' => 1,
            b',' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => 1,
            0xe2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94]))
                && (s[..i].ends_with(' ') || s[i + 3..].starts_with(' ')) =>
            {
                3
            }
            _ => continue,
        };
        if i > start {
            out.push(Span::new(sentence.start + start, sentence.start + i));
        }
        start = i + width;
    }
    if start < s.len() {
        out.push(Span::new(sentence.start + start, sentence.end));
    }
}

/// The indices of the words of `spans` (in text order) that lie within `x..y`.
fn word_range(spans: &[Span], x: usize, y: usize) -> std::ops::Range<usize> {
    let a = spans.partition_point(|w| w.start < x);
    let b = spans.partition_point(|w| w.end <= y);
    a..b.max(a)
}

/// As `words`, into `out`: the loop that reads every sentence holding a figure.
fn words_into(text: &str, span: Span, out: &mut Vec<Span>) {
    out.clear();
    let bytes = &text.as_bytes()[..span.end];
    // The length of the character at `at`, and whether it is a letter or digit.
    let class = |at: usize| -> (usize, bool) {
        let b = bytes[at];
        if b < 0x80 {
            return (1, b.is_ascii_alphanumeric());
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        (c.len_utf8(), c.is_alphanumeric())
    };
    let mut i = span.start;
    while i < bytes.len() {
        let (n, word) = class(i);
        if !word {
            i += n;
            continue;
        }
        let start = i;
        i += n;
        while i < bytes.len() {
            let (n, word) = class(i);
            if !word {
                break;
            }
            i += n;
        }
        out.push(Span::new(start, i));
    }
}

/// The words (runs of letters and digits) of a span, as spans. ASCII bytes are classed as
/// bytes; only a byte beyond ASCII decodes its character, as binding reads every word of every
/// sentence that holds a figure.
fn words(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut i = span.start;
    // The length of the character at `at` when it is a letter or digit, else none.
    let word_char = move |at: usize| -> Option<usize> {
        let b = bytes[at];
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[at..].chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    };
    // The length of any character at `at`.
    let width = move |at: usize| match bytes[at] {
        b if b < 0x80 => 1,
        b if b >= 0xf0 => 4,
        b if b >= 0xe0 => 3,
        _ => 2,
    };
    std::iter::from_fn(move || {
        while i < span.end && word_char(i).is_none() {
            i += width(i);
        }
        if i >= span.end {
            return None;
        }
        let start = i;
        while let Some(n) = (i < span.end).then(|| word_char(i)).flatten() {
            i += n;
        }
        Some(Span::new(start, i))
    })
}
