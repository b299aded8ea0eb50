//! The one entry point of the analysis core: text and configuration in, `Analysis` out.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

use crate::config::{Config, Pattern, PatternKind};
use crate::model::{Analysis, DateMention, Figure, Finding, InvalidDate, Severity};
use crate::outline::{self, Format};
use crate::recognise::{actors, dates, figures, token};
use crate::text::Span;
use crate::{checks, period};

mod currency;
pub(crate) mod halves;
use currency::{resolve_currency_by_country, shared_currency_word};

/// Dates, figures and actor mentions of one paragraph, with spans relative to its start.
#[derive(Debug)]
struct Local {
    dates: Vec<DateMention>,
    invalid_dates: Vec<InvalidDate>,
    figures: Vec<Figure>,
    /// Money written with a currency word several countries share: (figure, word).
    shared: Vec<(usize, &'static str)>,
    actors: actors::Local,
}

impl Local {
    /// Its results, as `Report::add` takes them.
    fn found(&self) -> Found<'_> {
        Found {
            dates: &self.dates,
            invalid_dates: &self.invalid_dates,
            figures: &self.figures,
            shared: &self.shared,
            actors: self.actors.found(),
        }
    }
}

/// What the recognisers found in one paragraph, borrowed from a `Local` or from the scratch
/// buffers, with spans relative to its start.
struct Found<'a> {
    dates: &'a [DateMention],
    invalid_dates: &'a [InvalidDate],
    figures: &'a [Figure],
    shared: &'a [(usize, &'static str)],
    actors: actors::Found<'a>,
}

impl Found<'_> {
    /// How many things were found, for the analysis's budget (`max-mentions`).
    fn len(&self) -> usize {
        self.dates.len() + self.invalid_dates.len() + self.figures.len() + self.actors.len()
    }
}

/// Per-paragraph results kept between analyses of one document, so that an edit re-recognises
/// only the paragraphs it touched. Keys hash a paragraph's text with everything that resolves
/// it (period, reference date, currency); entries not used by the last analysis are dropped.
#[derive(Debug, Default)]
pub struct Cache {
    paragraphs: HashMap<u64, Arc<Local>>,
    /// The sentence-level findings of each paragraph, relative to its start, keyed by its text,
    /// the context and the units its figures ended up with (currency resolution looks further).
    findings: HashMap<u64, Arc<Vec<Finding>>>,
    /// The facts of each paragraph, relative to it.
    facts: crate::facts::Kept,
    /// The report-wide vectors of an analysis the caller no longer needs (`recycle`), refilled
    /// by the next one: on a 1 MB report they are megabytes that would otherwise be handed back
    /// to the kernel and faulted in again on every keystroke.
    spare: (Vec<Figure>, Vec<DateMention>),
    /// The actor mentions of the last analysis, gathered (for linking) into vectors that the next
    /// one refills: allocated afresh at their full size, they would be mapped and faulted in
    /// again on every keystroke.
    mentions: actors::Gathered,
    /// The analysis will not be repeated (`analyze`): nothing is kept for a next one, so the
    /// paragraphs' results go straight from the recognisers' buffers into the report's.
    once: bool,
}

impl Cache {
    /// A cache for one analysis that keeps nothing.
    pub fn once() -> Cache {
        Cache {
            once: true,
            ..Cache::default()
        }
    }

    /// Keeps the large vectors of a finished analysis for the next one to fill.
    pub fn recycle(&mut self, old: Analysis) {
        let (mut figures, mut dates) = (old.figures, old.dates);
        figures.clear();
        dates.clear();
        self.spare = (figures, dates);
    }
}

/// Analyses one report. Never fails: input it cannot analyse yields a notice instead.
pub fn analyze(text: &str, config: &Config, format: Format) -> Analysis {
    analyze_with(text, config, format, &mut Cache::once())
}

/// Buffers that recognising a paragraph needs only while it runs: paragraphs are recognised in
/// turn into the same memory, which stays in the cache, instead of fresh memory for each.
#[derive(Default)]
struct Scratch {
    toks: Vec<token::Token>,
    /// Which tokens the paragraph's dates took.
    taken: Vec<bool>,
    dates: Vec<DateMention>,
    invalid_dates: Vec<InvalidDate>,
    figures: Vec<Figure>,
    shared: Vec<(usize, &'static str)>,
    actors: actors::Scratch,
    /// The spans of the names the paragraph's actors hold, in text order.
    names: Vec<Span>,
    /// The paragraph with what `ignore` patterns match masked (`mask_ignored`).
    masked: Vec<u8>,
}

impl Scratch {
    /// Moves what `recognise_paragraph` found last into a `Local` to keep until the paragraph
    /// changes: vectors of their exact size, one allocation each, and no room to spare (a 1 MB
    /// report holds 1,600 of these).
    fn keep(&mut self) -> Local {
        Local {
            dates: crate::take_exact(&mut self.dates),
            invalid_dates: crate::take_exact(&mut self.invalid_dates),
            figures: crate::take_exact(&mut self.figures),
            shared: crate::take_exact(&mut self.shared),
            actors: self.actors.keep(),
        }
    }

    /// What `recognise_paragraph` found last, in place.
    fn found(&self) -> Found<'_> {
        Found {
            dates: &self.dates,
            invalid_dates: &self.invalid_dates,
            figures: &self.figures,
            shared: &self.shared,
            actors: self.actors.found(),
        }
    }
}

/// Recognises the dates, figures and actor mentions of one paragraph into `scratch`.
fn recognise_paragraph(
    text: &str,
    anchor: &dates::Anchor,
    config: &Config,
    configured: Option<&actors::Configured>,
    scratch: &mut Scratch,
) {
    let text = mask_ignored(text, &config.patterns, &mut scratch.masked);
    let toks = &mut scratch.toks;
    token::tokenize_into(text, toks);
    // Addresses (`https://…`, `www.…`, e-mail) hold digits that are neither dates nor figures.
    let links = link_spans(text);
    if !links.is_empty() {
        toks.retain(|t| !links.iter().any(|l| l.contains_span(t.span)));
        token::refresh_figure_open(text, toks);
    }
    let (found_dates, invalid) = (&mut scratch.dates, &mut scratch.invalid_dates);
    found_dates.clear();
    invalid.clear();
    dates::find(text, toks, anchor, found_dates, invalid);
    if !config.patterns.is_empty() {
        found_dates.retain(|d| !before_configured_unit(text, toks, d, &config.patterns));
    }
    // A date its month lacks takes its tokens too: the `30` of `Feb. 30, 2019` is no count.
    scratch.taken.clear();
    scratch.taken.resize(toks.len(), false);
    take(toks, found_dates.iter().map(|d| d.span), &mut scratch.taken);
    take(toks, invalid.iter().map(|d| d.span), &mut scratch.taken);
    // Names come before figures: the numbers inside a name (`ASEAN Plus Three`, `Group of
    // Seven`) are part of it, not counts.
    actors::find_local(text, toks, configured, &mut scratch.actors);
    scratch.names.clear();
    scratch.names.extend(scratch.actors.named_spans());
    scratch.names.sort_unstable_by_key(|s| s.start);
    take(toks, scratch.names.iter().copied(), &mut scratch.taken);
    let found_figures = &mut scratch.figures;
    found_figures.clear();
    let options = figures::Options {
        dollar: &config.currency,
        patterns: &config.patterns,
    };
    figures::find(text, toks, &scratch.taken, &options, found_figures);
    scratch.shared.clear();
    scratch.shared.extend(
        found_figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == crate::model::FigureKind::Money)
            .filter_map(|(k, f)| Some((k, shared_currency_word(&text[f.span.start..f.span.end])?))),
    );
}

/// The report's dates, figures and actor mentions, gathered paragraph by paragraph in text order
/// with report-wide spans.
struct Report {
    figures: Vec<Figure>,
    dates: Vec<DateMention>,
    invalid_dates: Vec<InvalidDate>,
    /// Money written with a currency word several countries share: (figure, word).
    shared: Vec<(usize, &'static str)>,
    /// Each paragraph's key and the ranges of its figures and dates.
    keys: Vec<(u64, std::ops::Range<usize>, std::ops::Range<usize>)>,
    actors: actors::Gathered,
}

impl Report {
    /// An empty report for a text of `len` bytes in `paragraphs` paragraphs and a budget of
    /// `budget` mentions, in the vectors the last analysis left in `cache`. The report's dates,
    /// figures and actor mentions are gathered from each paragraph as soon as its results are at hand: gathered afterwards,
    /// each paragraph's results are read again from wherever they lie, and on a 10 MB report
    /// most of them have left the cache.
    fn reusing(cache: &mut Cache, len: usize, paragraphs: usize, budget: usize) -> Report {
        let (mut figures, mut dates) = std::mem::take(&mut cache.spare);
        // Room for as many figures and dates as the densest reports hold (one figure in 100
        // bytes, one date in 150), unless the last analysis left as much: growing by doubling
        // copies a 10 MB report's vectors over and over (10% of its analysis). Room never
        // written to is never faulted in. Never more than the budget of mentions, though.
        figures.reserve((len / 64).min(budget));
        dates.reserve((len / 100).min(budget));
        let mut actors = std::mem::take(&mut cache.mentions);
        actors.clear();
        Report {
            figures,
            dates,
            invalid_dates: Vec::new(),
            shared: Vec::new(),
            keys: Vec::with_capacity(paragraphs),
            actors,
        }
    }

    /// Adds the results of the paragraph at `start`, which follows those added before.
    fn add(&mut self, start: usize, key: u64, found: Found<'_>) {
        let Found {
            dates,
            invalid_dates,
            figures,
            shared,
            actors,
        } = found;
        let date_base = self.dates.len();
        self.dates.extend(dates.iter().map(|d| {
            let mut d = d.clone();
            d.span = d.span.shifted(start);
            d.weekday = d.weekday.map(|(w, s)| (w, s.shifted(start)));
            d
        }));
        self.invalid_dates.extend(invalid_dates.iter().map(|d| {
            let mut d = d.clone();
            d.span = d.span.shifted(start);
            d.day_span = d.day_span.map(|s| s.shifted(start));
            d.weekday = d.weekday.map(|(w, s)| (w, s.shifted(start)));
            d
        }));
        let base = self.figures.len();
        self.figures.extend(figures.iter().map(|f| {
            let mut f = f.clone();
            f.span = f.span.shifted(start);
            f.noun = f.noun.map(|n| n.shifted(start));
            f.written = f.written.map(|w| w.shifted(start));
            f.conversion = f.conversion.map(|c| c + base);
            f
        }));
        self.shared
            .extend(shared.iter().map(|&(k, w)| (k + base, w)));
        self.keys
            .push((key, base..self.figures.len(), date_base..self.dates.len()));
        self.actors.add(start, actors);
    }
}

/// Analyses one report, reusing the paragraphs `cache` already holds. The result is the same as
/// `analyze`'s: both recognise dates and figures paragraph by paragraph.
pub fn analyze_with(text: &str, config: &Config, format: Format, cache: &mut Cache) -> Analysis {
    if text.len() > config.max_file_size {
        return too_large(text, config);
    }
    let original = text;
    let Structure {
        prose,
        sections,
        paras,
        tables,
        footnotes,
        own_paragraphs,
    } = Structure::read(text, format);
    let text = if own_paragraphs.is_some() {
        &prose[..]
    } else {
        text
    };
    // Paragraphs of more than `WINDOW` bytes (a plain report without blank lines, a one-line
    // file) are recognised piece by piece, so that the recognisers' buffers stay small.
    let paras = split_long(text, paras);
    let notes = notes(&sections, &footnotes);
    let period = config.period.or_else(|| period::infer(original, text));
    let title = title(original, format);
    // Datelines open paragraphs of their own, not list items or headings.
    let openers = own_paragraphs.as_deref().unwrap_or(&paras);
    let reference = reference_of(original, text, openers, config, period);
    let anchor = dates::Anchor {
        period,
        // The end of a stated period is what `Anchor` falls back on by itself.
        reference: reference
            .date
            .or(if period.is_none() { config.today } else { None }),
    };
    let metadata = crate::reference::metadata_lines(text);

    let (report, analysed) = recognise(text, &paras, config, &anchor, cache);
    let truncated = paras.get(analysed).map(|p| too_many_mentions(*p, config));
    let paras = &paras[..analysed];
    let Report {
        mut figures,
        dates,
        invalid_dates,
        shared,
        keys,
        actors,
    } = report;

    // Mentions are recognised per paragraph; linking them (surnames, acronyms) needs them all.
    let linking = actors::Linking {
        reference: reference.date,
        holders: &config.holders,
    };
    let linked = actors::link(text, &actors, &config.actors, &linking);
    if !cache.once {
        cache.mentions = actors;
    }
    let actors = linked;
    resolve_currency_by_country(&actors, &sections, paras, &shared, &mut figures);

    let mut analysis = Analysis {
        period,
        reference,
        metadata,
        notes,
        title,
        sections,
        tables,
        actors,
        dates,
        invalid_dates,
        figures,
        facts: Vec::new(),
        findings: Vec::new(),
        notices: truncated.into_iter().collect(),
    };
    let kept = (!cache.once).then_some(&mut cache.facts);
    analysis.facts = crate::facts::bind_with(text, &analysis, config, kept);
    analysis.findings = findings(text, &analysis, config, paras, &keys, &shared, cache);
    analysis
}

/// The analysis of a report over `max-file-size`: a notice and nothing else.
fn too_large(text: &str, config: &Config) -> Analysis {
    Analysis {
        notices: vec![Finding {
            span: Span::new(0, 0),
            code: crate::model::Code::FileTooLarge,
            severity: Severity::Information,
            message: format!(
                "this report is {} bytes, over the {} byte limit (`max-file-size`), so Dossier does not analyse it",
                text.len(),
                config.max_file_size
            ),
            related: Vec::new(),
            fix: None,
            elsewhere: Vec::new(),
        }],
        ..Analysis::default()
    }
}

/// The notice at the first paragraph past `max-mentions`, which is not analysed.
fn too_many_mentions(para: Span, config: &Config) -> Finding {
    Finding {
        span: Span::new(para.start, para.start),
        code: crate::model::Code::TooManyMentions,
        severity: Severity::Information,
        message: format!(
            "Dossier stops here: the report holds more than {} dates, figures and actor mentions (`max-mentions`), and the rest is not analysed",
            config.max_mentions
        ),
        related: Vec::new(),
        fix: None,
        elsewhere: Vec::new(),
    }
}

/// How a report is laid out: its outline, the paragraphs the recognisers read and, for
/// Markdown, its tables, footnotes and the prose the analysis reads in place of the text.
struct Structure {
    /// A Markdown report's prose at the offsets of the original (`markdown::Reading::prose`);
    /// empty for a plain one, which is read as it is.
    prose: String,
    sections: Vec<crate::model::Section>,
    paras: Vec<Span>,
    tables: Vec<crate::markdown::Table>,
    footnotes: Vec<Span>,
    /// A Markdown report's paragraphs proper, without list items or headings.
    own_paragraphs: Option<Vec<Span>>,
}

impl Structure {
    /// A Markdown report is read by a CommonMark parser; its parts are moved out of the
    /// reading, not copied: this runs on every keystroke.
    fn read(text: &str, format: Format) -> Structure {
        if format.reads_as_markdown(text) {
            let r = crate::markdown::read(text);
            Structure {
                sections: outline::from_headings(text, &r.prose, &r.headings),
                prose: r.prose,
                paras: r.blocks,
                tables: r.tables,
                footnotes: r.footnotes,
                own_paragraphs: Some(r.paragraphs),
            }
        } else {
            Structure {
                prose: String::new(),
                sections: outline::sections(text, Format::Plain),
                paras: crate::text::paragraphs(text),
                tables: Vec::new(),
                footnotes: Vec::new(),
                own_paragraphs: None,
            }
        }
    }
}

/// Recognises the paragraphs in turn, taking from `cache` those whose text and context are
/// unchanged, until `max-mentions` is reached: the report's mentions, and how many paragraphs
/// were analysed.
fn recognise(
    text: &str,
    paras: &[Span],
    config: &Config,
    anchor: &dates::Anchor,
    cache: &mut Cache,
) -> (Report, usize) {
    // Everything outside a paragraph's text that its dates and figures depend on.
    let mut context = FxHasher::default();
    format!(
        "{:?}{:?}{}{:?}",
        anchor.period, anchor.reference, config.currency, config.actors
    )
    .hash(&mut context);
    for p in &config.patterns {
        (&p.kind, &p.source).hash(&mut context);
    }
    let context = context.finish();
    let configured = actors::Configured::new(&config.actors, &config.patterns);

    let key_of = |para: Span| {
        let mut h = FxHasher::default();
        (context, &text[para.start..para.end]).hash(&mut h);
        h.finish()
    };
    let mut gathering = Gathering {
        report: Report::reusing(cache, text.len(), paras.len(), config.max_mentions),
        used: HashMap::default(),
        scratch: Scratch::default(),
        kept: 0,
        budget: config.max_mentions,
        once: cache.once,
    };
    if !cache.once {
        gathering.used.reserve(paras.len());
    }
    let cached = &cache.paragraphs;
    let recognise_one = |para: Span, scratch: &mut Scratch| {
        let body = &text[para.start..para.end];
        recognise_paragraph(body, anchor, config, configured.as_ref(), scratch);
    };
    // Paragraphs are taken in order, each recognised unless the cache holds it, until one
    // would carry the count past the budget.
    let in_turn = |g: &mut Gathering, from: usize, run: &[Span]| -> Option<usize> {
        for (k, &para) in run.iter().enumerate() {
            let key = key_of(para);
            let ready = cached.get(&key).cloned();
            if !g.add(para, key, ready, |s| recognise_one(para, s)) {
                return Some(from + k);
            }
        }
        None
    };
    // A long report is read in rounds, each split between two threads: the second recognises
    // its half into results of its own while this one gathers the first, then this one
    // gathers them too. The second thread stops as soon as this one finds the budget spent,
    // and rounds end about where the budget will: a report of a million figures is not
    // recognised far past the paragraph that spends it.
    let stop = AtomicBool::new(false);
    let mut analysed = paras.len();
    let (mut k, mut bytes) = (0, FIRST_ROUND);
    while k < paras.len() {
        let end = k + round(&paras[k..], bytes);
        let stopped = match halves::split(&paras[k..end]) {
            None => in_turn(&mut gathering, k, &paras[k..end]),
            Some(half) => {
                let (first, second) = paras[k..end].split_at(half);
                let (stopped, apart) = halves::join(
                    || {
                        let stopped = in_turn(&mut gathering, k, first);
                        if stopped.is_some() {
                            stop.store(true, Ordering::Relaxed);
                        }
                        stopped
                    },
                    || {
                        let mut scratch = Scratch::default();
                        let mut out = Vec::with_capacity(second.len());
                        for &para in second {
                            if stop.load(Ordering::Relaxed) {
                                break;
                            }
                            let key = key_of(para);
                            let local = cached.get(&key).cloned().unwrap_or_else(|| {
                                recognise_one(para, &mut scratch);
                                Arc::new(scratch.keep())
                            });
                            out.push((key, local));
                        }
                        out
                    },
                );
                stopped.or_else(|| {
                    let from = k + half;
                    for (n, (&para, (key, local))) in second.iter().zip(apart).enumerate() {
                        if !gathering.add(para, key, Some(local), |_| {}) {
                            return Some(from + n);
                        }
                    }
                    None
                })
            }
        };
        if let Some(at) = stopped {
            analysed = at;
            break;
        }
        k = end;
        // As many bytes as the budget left is likely to last, at the density read so far.
        let (read, kept) = (paras[end - 1].end - paras[0].start, gathering.kept);
        let left = gathering.budget.saturating_sub(kept);
        bytes = (read as u128 * left as u128)
            .checked_div(kept as u128)
            .map_or(ROUND, |b| b.min(ROUND as u128) as usize)
            .max(FIRST_ROUND);
    }
    cache.paragraphs = gathering.used;
    (gathering.report, analysed)
}

/// The bytes of paragraphs read in the first round, and the most read in one (see
/// `recognise`).
const FIRST_ROUND: usize = 128 * 1024;
const ROUND: usize = 1 << 20;

/// How many of `paras` (at least one) make a round of at most `bytes` bytes.
fn round(paras: &[Span], bytes: usize) -> usize {
    let Some(first) = paras.first() else {
        return 0;
    };
    paras
        .partition_point(|p| p.end - first.start <= bytes)
        .max(1)
}

/// The report as its paragraphs are added to it, in text order, with the paragraphs' results
/// kept for the next analysis.
struct Gathering {
    report: Report,
    used: HashMap<u64, Arc<Local>>,
    /// The buffers of the paragraphs this thread recognises.
    scratch: Scratch,
    /// How many dates, figures and mentions the report holds, of the `budget` it may hold.
    kept: usize,
    budget: usize,
    once: bool,
}

impl Gathering {
    /// Adds the paragraph `para` of key `key`, with the results `ready` holds or those
    /// `recognise` leaves in the scratch buffers. A paragraph that would carry the count past
    /// the budget is not added, so that the analysis holds no more than the budget unless its
    /// first paragraph alone does: then this returns false and nothing more is to be added.
    fn add(
        &mut self,
        para: Span,
        key: u64,
        ready: Option<Arc<Local>>,
        recognise: impl FnOnce(&mut Scratch),
    ) -> bool {
        if self.kept >= self.budget {
            return false;
        }
        if ready.is_none() {
            recognise(&mut self.scratch);
        }
        let found = ready
            .as_ref()
            .map_or_else(|| self.scratch.found().len(), |l| l.found().len());
        if self.kept > 0 && self.kept + found > self.budget {
            return false;
        }
        self.kept += found;
        let local = ready.or_else(|| (!self.once).then(|| Arc::new(self.scratch.keep())));
        match local {
            Some(l) => {
                self.report.add(para.start, key, l.found());
                if !self.once {
                    self.used.insert(key, l);
                }
            }
            // Nothing is kept: straight from the recognisers' buffers.
            None => self.report.add(para.start, key, self.scratch.found()),
        }
        true
    }
}

/// The longest piece of a paragraph recognised at once.
const WINDOW: usize = 64 * 1024;

/// `paras` with each paragraph longer than `WINDOW` cut into pieces that end at a line break,
/// else after a sentence, else at a space (else anywhere on a character boundary).
fn split_long(text: &str, paras: Vec<Span>) -> Vec<Span> {
    if paras.iter().all(|p| p.len() <= WINDOW) {
        return paras;
    }
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let mut start = p.start;
        while p.end - start > WINDOW {
            let limit = crate::text::floor_char_boundary(text, start + WINDOW);
            let piece = &text.as_bytes()[start..limit];
            let half = WINDOW / 2;
            let cut = memchr::memrchr(b'\n', piece)
                .filter(|&k| k >= half)
                .map(|k| k + 1)
                .or_else(|| {
                    memchr::memmem::rfind(piece, b". ")
                        .filter(|&k| k >= half)
                        .map(|k| k + 2)
                })
                .or_else(|| {
                    memchr::memrchr(b' ', piece)
                        .filter(|&k| k >= half)
                        .map(|k| k + 1)
                })
                .map_or(limit, |k| start + k);
            out.push(Span::new(start, cut));
            start = cut;
        }
        out.push(Span::new(start, p.end));
    }
    out
}

/// Footnotes and the sections of notes and references (by their titles), merged in text order.
fn notes(sections: &[crate::model::Section], footnotes: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = sections
        .iter()
        .filter(|s| {
            let t = s.title.trim().trim_end_matches(':').to_lowercase();
            matches!(
                t.as_str(),
                "notes"
                    | "footnotes"
                    | "endnotes"
                    | "references"
                    | "sources"
                    | "bibliography"
                    | "works cited"
                    | "citations"
                    | "source notes"
            )
        })
        .map(|s| s.span)
        .chain(footnotes.iter().copied())
        .collect();
    out.sort_unstable();
    // Nested spans merge into the one around them, so that a binary search finds either.
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// The reference date: the configured one, else the report's own, else the end of its period;
/// `none` (with no date) when there is none of them, whatever today is.
fn reference_of(
    original: &str,
    prose: &str,
    paras: &[Span],
    config: &Config,
    period: Option<crate::model::Period>,
) -> crate::model::Reference {
    use crate::model::{Reference, ReferenceSource};
    if let Some(d) = config.reference_date {
        return Reference {
            date: Some(d),
            from: ReferenceSource::Config,
        };
    }
    crate::reference::infer(original, prose, paras)
        .or_else(|| {
            period.map(|p| Reference {
                date: Some(p.end),
                from: ReferenceSource::Period,
            })
        })
        .unwrap_or_default()
}

/// Runs the checks: the sentence-level ones per paragraph, reusing the findings of paragraphs
/// whose text, context and figure units are unchanged; then the report-wide ones.
fn findings(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    paras: &[Span],
    keys: &[(u64, std::ops::Range<usize>, std::ops::Range<usize>)],
    shared: &[(usize, &'static str)],
    cache: &mut Cache,
) -> Vec<Finding> {
    let mut settings = FxHasher::default();
    format!("{:?}", config.checks).hash(&mut settings);
    // The anniversary check reads where the reference date came from.
    analysis.reference.hash(&mut settings);
    let settings = settings.finish();
    let once = cache.once;
    let known = &cache.findings;
    // The sentence-level checks read one paragraph at a time, so a long report's two halves
    // are checked at once.
    let run = |paras: &[Span], keys: &[(u64, std::ops::Range<usize>, std::ops::Range<usize>)]| {
        local_findings(
            text, analysis, config, settings, paras, keys, shared, known, once,
        )
    };
    let (mut out, used) = match halves::split(paras) {
        None => run(paras, keys),
        Some(half) => {
            let ((mut out, mut used), (rest, more)) = halves::join(
                || run(&paras[..half], &keys[..half]),
                || run(&paras[half..], &keys[half..]),
            );
            out.extend(rest);
            used.extend(more);
            (out, used)
        }
    };
    cache.findings = used;
    out.extend(checks::run_global(text, analysis, &config.checks));
    out.sort_by_key(|f| (f.span.start, f.code));
    out
}

/// The findings of the sentence-level checks in `paras` (whose keys and ranges of figures and
/// dates are `keys`), taking those `known` holds for paragraphs whose text, context and figure
/// units are unchanged; and the findings to keep of each paragraph, by key.
#[allow(clippy::too_many_arguments)]
fn local_findings(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    settings: u64,
    paras: &[Span],
    keys: &[(u64, std::ops::Range<usize>, std::ops::Range<usize>)],
    shared: &[(usize, &'static str)],
    known: &HashMap<u64, Arc<Vec<Finding>>>,
    once: bool,
) -> (Vec<Finding>, HashMap<u64, Arc<Vec<Finding>>>) {
    let mut out = Vec::new();
    let mut used = HashMap::default();
    let mut scratch = checks::Scratch::default();
    // Most paragraphs have no findings: they share one empty list.
    let none: Arc<Vec<Finding>> = Arc::default();
    for (para, (key, figures, dates)) in paras.iter().zip(keys) {
        let paragraph = checks::Paragraph {
            span: *para,
            figures: figures.clone(),
            dates: dates.clone(),
        };
        if once {
            // Nothing is kept: the findings go straight into the report's.
            out.extend(checks::run_local(
                text,
                analysis,
                &config.checks,
                &paragraph,
                &mut scratch,
            ));
            continue;
        }
        let mut h = FxHasher::default();
        (settings, key).hash(&mut h);
        // The paragraph's key fixes its figures' units, except those of amounts in a currency
        // word several countries share (`rupees`), which the report around decides.
        let a = shared.partition_point(|&(k, _)| k < figures.start);
        let b = shared.partition_point(|&(k, _)| k < figures.end);
        for &(k, _) in &shared[a..b] {
            analysis.figures[k].unit.hash(&mut h);
        }
        // Whether the paragraph is a metadata line or stands among notes depends on where it
        // is, not on its text: the parts of it they cover are part of the key.
        for (tag, spans) in [(0u8, &analysis.metadata), (1, &analysis.notes)] {
            let first = spans.partition_point(|m| m.end <= para.start);
            for m in spans[first..].iter().take_while(|m| m.start < para.end) {
                let (a, b) = (
                    m.start.saturating_sub(para.start),
                    m.end.min(para.end) - para.start,
                );
                (tag, a, b).hash(&mut h);
            }
        }
        let key = h.finish();
        let local = match known.get(&key) {
            Some(l) => l.clone(),
            None => {
                let mut found =
                    checks::run_local(text, analysis, &config.checks, &paragraph, &mut scratch);
                for f in &mut found {
                    shift_finding(f, para.start, false);
                }
                if found.is_empty() {
                    none.clone()
                } else {
                    Arc::new(found)
                }
            }
        };
        out.extend(local.iter().map(|f| {
            let mut f = f.clone();
            shift_finding(&mut f, para.start, true);
            f
        }));
        used.insert(key, local);
    }
    (out, used)
}

/// Moves a finding's spans to (`forward`) or from its paragraph's offset.
fn shift_finding(f: &mut Finding, by: usize, forward: bool) {
    // Wrapping arithmetic round-trips exactly, even for a span a check placed before `by`.
    let mv = |s: Span| {
        if forward {
            Span::new(s.start.wrapping_add(by), s.end.wrapping_add(by))
        } else {
            Span::new(s.start.wrapping_sub(by), s.end.wrapping_sub(by))
        }
    };
    f.span = mv(f.span);
    for (s, _) in &mut f.related {
        *s = mv(*s);
    }
    if let Some(fix) = &mut f.fix {
        fix.span = mv(fix.span);
    }
}

/// Spans of web addresses and e-mail addresses: from `http://`, `https://` or `www.` (or a word
/// with `@` inside) to the next white space.
fn link_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Candidates: the `h` of `http`, the `w` of `www.`, and `@`; far fewer than every `h`.
    // The searchers are built once: building one costs more than searching a paragraph.
    static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("http"));
    static WWW: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("www."));
    let mut starts: Vec<usize> = HTTP
        .find_iter(bytes)
        .chain(WWW.find_iter(bytes))
        .chain(memchr::memchr_iter(b'@', bytes))
        .collect();
    starts.sort_unstable();
    let mut i = 0;
    for at in starts {
        if at < i {
            continue;
        }
        let starts = text[at..].starts_with("http://")
            || text[at..].starts_with("https://")
            || text[at..].starts_with("www.");
        let is_mail = bytes[at] == b'@';
        if (starts && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())) || is_mail {
            let start = if is_mail {
                text[..at]
                    .rfind(|c: char| c.is_whitespace())
                    .map_or(0, |p| p + 1)
            } else {
                at
            };
            let end = text[at..]
                .find(|c: char| c.is_whitespace())
                .map_or(text.len(), |p| at + p);
            if !is_mail || text[at..end].contains('.') {
                out.push(Span::new(start, end));
            }
            i = end.max(at + 1);
        }
    }
    out
}

/// `text` with every byte that an `ignore` pattern matches overwritten by a control character,
/// in `buffer`, or `text` itself when none matches. The recognisers then read the paragraph at
/// the same offsets and find nothing in the masked text, nor across it: a control character is
/// part of no word, number or name, and unlike a space it joins nothing around it.
fn mask_ignored<'a>(text: &'a str, patterns: &[Pattern], buffer: &'a mut Vec<u8>) -> &'a str {
    let mut matches = patterns
        .iter()
        .filter(|p| p.kind == PatternKind::Ignore)
        .flat_map(|p| p.regex.find_iter(text))
        .peekable();
    if matches.peek().is_none() {
        return text;
    }
    buffer.clear();
    buffer.extend_from_slice(text.as_bytes());
    for m in matches {
        buffer[m.range()].fill(0x1f);
    }
    // Matches start and end on character boundaries, so whole characters became ASCII.
    std::str::from_utf8(buffer).unwrap_or(text)
}

/// Whether a date is a bare number directly followed by a unit of the configuration's
/// (`2014 sorties`): then the number is an amount, as the one in `2014 tons` is.
fn before_configured_unit(
    text: &str,
    toks: &[token::Token],
    date: &DateMention,
    patterns: &[Pattern],
) -> bool {
    let span = date.span;
    if !text[span.start..span.end]
        .bytes()
        .all(|b| b.is_ascii_digit())
    {
        return false;
    }
    let k = toks.partition_point(|t| t.span.start < span.end);
    let Some(next) = toks.get(k) else {
        return false;
    };
    // Tokens are in text order, so their ends are sorted: the unit must end where one does.
    crate::recognise::units::configured(patterns, text, next.span.start)
        .any(|(end, _)| toks[k..].binary_search_by_key(&end, |t| t.span.end).is_ok())
}

/// Marks the tokens that lie inside any of `spans` (sorted, non-overlapping) in `taken`.
fn take(toks: &[token::Token], spans: impl Iterator<Item = Span>, taken: &mut [bool]) {
    let mut k = 0;
    for span in spans {
        while k < toks.len() && toks[k].span.end <= span.start {
            k += 1;
        }
        while k < toks.len() && toks[k].span.start < span.end {
            taken[k] = true;
            k += 1;
        }
    }
}

/// The title: front matter `title:`, a first-level Markdown heading at the top, or the first
/// non-blank line of a plain report.
fn title(text: &str, format: Format) -> Option<String> {
    if let Some((body, _)) = outline::front_matter(text) {
        for line in text[body.start..body.end].lines() {
            if let Some(v) = line.strip_prefix("title:") {
                return Some(v.trim().trim_matches(['"', '\'']).to_string());
            }
        }
    }
    let skip = outline::front_matter(text).map_or(0, |(_, w)| w.end);
    let first = crate::text::lines(&text[skip..])
        .map(|l| text[skip + l.start..skip + l.end].trim())
        .find(|l| !l.is_empty())?;
    let first = if format == Format::Plain {
        first
    } else {
        first.trim_start_matches('#').trim()
    };
    (first.len() <= 200).then(|| first.to_string())
}

#[cfg(test)]
mod tests;
