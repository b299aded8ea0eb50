//! Finds actors: countries and organisations from the gazetteers and configuration, organisations
//! and places by their shape (`… Ministry`, `… Prefecture`, acronym definitions), and people by
//! titles and name lists; then merges every mention of one actor under its fullest name.
//!
//! `find_local` recognises one paragraph: the names matched as written (`names`), then the runs
//! of capitalised words (`runs`). `linking` joins every paragraph's mentions into the report's
//! actors.

mod linking;
mod names;
mod runs;

#[cfg(test)]
mod tests;

use super::gazetteer::{self, Gazetteer, NAME, STOP_CAPITAL, WordInfo};
use super::token::{CAPITAL, Token, Tokens};
use crate::config::ActorDef;
use crate::model::{Actor, ActorKind};
use crate::text::Span;
pub use linking::{Linking, link};
pub use names::Configured;
use names::{acronym_definitions, acronyms_after_mentions, gazetteer_matches, names_in_capitals};
use runs::runs;

/// Who a mention refers to, before actors are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Config(usize),
    Gazetteer(usize),
    /// An organisation or place known by its name in this report: the span of that name in
    /// the paragraph, so that a paragraph's mentions hold no strings.
    Named(Span, ActorKind),
    /// A person, by index into the people found.
    Person(usize),
}

#[derive(Clone, Debug)]
struct Raw {
    span: Span,
    key: Key,
}

/// Who a mention of the report refers to, while linking: its paragraph's key with report-wide
/// numbers and spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Referent {
    Config(usize),
    /// A gazetteer entry.
    Entry(usize),
    /// A person mention of the report (`Gathered::people`) until `link` resolves it to a person.
    Person(usize),
    /// An organisation or place known by its name, which is the text of the span.
    Named(Span, ActorKind),
    /// A body of a country's government known by its name in this report (`Ministry of
    /// Oceans and Fisheries`): the span of the name without the country written before it,
    /// and the gazetteer entry of that country, so that `ROK Ministry of Oceans and Fisheries`
    /// and `Ministry of Oceans and Fisheries` are one actor and two countries' `Foreign
    /// Ministry` two.
    Governed(Span, usize),
}

/// A mention of a person by a full or titled name, before it is linked to a person of the
/// report: `President Xi` needs the people named earlier, possibly in other paragraphs. The
/// name is the text of `span`; the surname and title are spans of the paragraph too, so a
/// mention holds no strings.
#[derive(Clone, Debug)]
struct PersonMention {
    span: Span,
    surname: Span,
    title: Option<Span>,
}

/// A capitalised word no mention claimed in its paragraph: it may be an acronym defined
/// elsewhere in the report, or the bare surname of a person named elsewhere.
#[derive(Clone, Debug)]
struct Candidate {
    span: Span,
    /// Followed by another name (`Park Avenue`), so not a bare surname.
    in_longer_name: bool,
}

/// What one paragraph contributes to the actors: its mentions with paragraph-relative spans
/// (a `Key::Person` indexes `people`), the acronyms it defines, and the words that only the
/// whole report can decide. Paragraphs are recognised on their own and cached; `link` joins them.
#[derive(Clone, Debug, Default)]
pub struct Local {
    claims: Vec<Raw>,
    people: Vec<PersonMention>,
    /// Each acronym the paragraph defines (its span) and what it names.
    acronyms: Vec<(Span, Key)>,
    candidates: Vec<Candidate>,
}

impl Local {
    /// The mentions this paragraph keeps, to gather for linking.
    pub fn found(&self) -> Found<'_> {
        Found {
            claims: &self.claims,
            people: &self.people,
            acronyms: &self.acronyms,
            candidates: &self.candidates,
        }
    }
}

/// The mentions of a report's paragraphs, gathered in text order with report-wide spans as
/// each paragraph is recognised or taken from the cache, for `link`. Read from the paragraphs
/// afterwards, they cost a pointer into each paragraph's results, and on a 10 MB report a cache
/// miss for each; gathered while the paragraph is at hand, they are read in one sweep. The
/// vectors are cleared and refilled for the next analysis of the same report.
#[derive(Debug, Default)]
pub struct Gathered {
    people: Vec<PersonMention>,
    /// Mentions claimed in their paragraph (a `Referent::Person` indexes `people`).
    claims: Vec<(Span, Referent)>,
    /// Each acronym a paragraph defines and what it names.
    acronyms: Vec<(Span, Referent)>,
    candidates: Vec<Candidate>,
    /// Where each paragraph's claims and candidates end.
    ends: Vec<(usize, usize)>,
}

impl Gathered {
    /// Empties it for another analysis, keeping its memory.
    pub fn clear(&mut self) {
        self.people.clear();
        self.claims.clear();
        self.acronyms.clear();
        self.candidates.clear();
        self.ends.clear();
    }

    /// Adds the mentions of the paragraph at `offset`, which follows those added before.
    pub fn add(&mut self, offset: usize, local: Found<'_>) {
        let base = self.people.len();
        let referent = |key: Key| match key {
            Key::Config(k) => Referent::Config(k),
            Key::Gazetteer(k) => Referent::Entry(k),
            Key::Named(span, kind) => Referent::Named(span.shifted(offset), kind),
            Key::Person(k) => Referent::Person(base + k),
        };
        self.people
            .extend(local.people.iter().map(|m| PersonMention {
                span: m.span.shifted(offset),
                surname: m.surname.shifted(offset),
                title: m.title.map(|t| t.shifted(offset)),
            }));
        self.claims.extend(
            local
                .claims
                .iter()
                .map(|r| (r.span.shifted(offset), referent(r.key))),
        );
        self.acronyms.extend(
            local
                .acronyms
                .iter()
                .map(|&(span, key)| (span.shifted(offset), referent(key))),
        );
        self.candidates
            .extend(local.candidates.iter().map(|c| Candidate {
                span: c.span.shifted(offset),
                in_longer_name: c.in_longer_name,
            }));
        self.ends.push((self.claims.len(), self.candidates.len()));
    }
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    g: &'static Gazetteer,
    /// Byte ranges already claimed by a mention, sorted by start; they never overlap. A
    /// paragraph holds few, so a sorted vector beats a tree.
    claimed: Vec<(usize, usize)>,
    raws: Vec<Raw>,
    people: Vec<PersonMention>,
    /// Indices of the words that start with a capital: the only tokens a name can start at,
    /// and a fraction of a paragraph's tokens.
    caps: Vec<usize>,
    /// What each capitalised word is in the word lists (`WordInfo::bits`), by token: the passes
    /// over a run ask about the same words several times, and pay one look-up each.
    bits: Vec<u8>,
    /// The gazetteer's answer for each word of `caps`, for the names that start there.
    caps_info: Vec<WordInfo>,
}

impl<'a> Tokens<'a> for Ctx<'a> {
    fn tokens(&self) -> (&'a str, &'a [Token]) {
        (self.text, self.toks)
    }
}

impl Ctx<'_> {
    /// Whether no mention claimed any of `span` (or, for an empty span, its place).
    fn free(&self, span: Span) -> bool {
        // Claims never overlap, so only the last one starting before `span` ends can reach it.
        let k = self
            .claimed
            .partition_point(|&(s, _)| s < span.end.max(span.start + 1));
        !k.checked_sub(1).is_some_and(|k| {
            let (s, e) = self.claimed[k];
            Span::new(s, e).overlaps(span) || (span.is_empty() && s <= span.start && span.start < e)
        })
    }

    /// Claims `span` as a mention of `key`, unless it is empty or overlaps a claim.
    fn claim(&mut self, span: Span, key: Key) {
        if span.is_empty() || !self.free(span) {
            return;
        }
        let at = self.claimed.partition_point(|&(s, _)| s < span.start);
        self.claimed.insert(at, (span.start, span.end));
        self.raws.push(Raw { span, key });
    }

    /// Marks `span` as taken by no mention (a title's words), so that no name is found in it.
    fn block(&mut self, span: Span) {
        if span.is_empty() || !self.free(span) {
            return;
        }
        let at = self.claimed.partition_point(|&(s, _)| s < span.start);
        self.claimed.insert(at, (span.start, span.end));
    }

    /// The gazetteer entry `name` is the name or an alias of.
    fn gazetteer_key(&self, name: &str) -> Option<usize> {
        self.g.entry_of(name)
    }

    /// The key of an organisation or place named by `span`: its gazetteer entry, else its
    /// name.
    fn key_of(&self, span: Span, kind: ActorKind) -> Key {
        let name = &self.text[span.start..span.end];
        match self.gazetteer_key(name).or_else(|| self.known_within(name)) {
            Some(e) => Key::Gazetteer(e),
            None => Key::Named(span, kind),
        }
    }

    /// The entry an organisation's name found by its shape names through a known name inside
    /// it: a United Nations body written with the prefix its list lacks (`UN Office for the
    /// Coordination of Humanitarian Affairs`), or a country's government (`Federal Government of
    /// Somalia`, `Government of the Philippines`), which is the country.
    fn known_within(&self, name: &str) -> Option<usize> {
        let g = self.g;
        if let Some(rest) = ["UN ", "U.N. ", "United Nations "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
        {
            if let Some(e) = self.gazetteer_key(rest) {
                return Some(e);
            }
        }
        let country = |form: &str| {
            g.entry_of(form)
                .filter(|&k| g.kind(k) == ActorKind::Country)
        };
        let (head, of) = name.split_once(" of ").unwrap_or((name, ""));
        let head = ["Federal ", "Transitional ", "National ", "Central "]
            .iter()
            .find_map(|p| head.strip_prefix(p))
            .unwrap_or(head);
        if head == "Government" && !of.is_empty() {
            return country(of.strip_prefix("the ").unwrap_or(of));
        }
        None
    }

    /// The word-list flags of token `i` (0 past the end).
    fn bits(&self, i: usize) -> u8 {
        match self.toks.get(i) {
            Some(t) if t.class & CAPITAL != 0 => self.bits[i],
            Some(_) => self.g.bits(self.s(i)),
            None => 0,
        }
    }
}

/// Finds every actor in the report, merging mentions under one actor per referent.
pub fn find(text: &str, toks: &[Token], defs: &[ActorDef]) -> Vec<Actor> {
    let configured = Configured::new(defs, &[]);
    let mut scratch = Scratch::default();
    find_local(text, toks, configured.as_ref(), &mut scratch);
    let mut gathered = Gathered::default();
    gathered.add(0, scratch.found());
    link(text, &gathered, defs, &Linking::default())
}

/// Recognises the mentions of one paragraph (`toks` are its tokens) into `scratch`, whose
/// `found` shows them and `keep` moves them out: configured names, acronym definitions, runs
/// of capitalised words and gazetteer names. Spans are relative to `text`.
pub fn find_local(
    text: &str,
    toks: &[Token],
    configured: Option<&Configured>,
    scratch: &mut Scratch,
) {
    let g = gazetteer::get();
    let mut caps = std::mem::take(&mut scratch.caps);
    let mut caps_info = std::mem::take(&mut scratch.caps_info);
    let mut bits = std::mem::take(&mut scratch.bits);
    let mut claimed = std::mem::take(&mut scratch.claimed);
    caps.clear();
    caps_info.clear();
    claimed.clear();
    bits.clear();
    bits.resize(toks.len(), 0);
    for (i, t) in toks.iter().enumerate() {
        if t.class & CAPITAL != 0 {
            let word = &text[t.span.start..t.span.end];
            // `US$150 million`, `AU$50 billion`: letters glued to a dollar sign are the
            // currency's prefix, not the United States or the African Union.
            if toks.get(i + 1).is_some_and(|n| {
                !n.gap && &text[n.span.start..n.span.end] == "$" && word.len() <= 3
            }) {
                continue;
            }
            let mut info = g.word(word);
            if info == WordInfo::default() {
                info.bits = g.name_word_folded(word);
            }
            caps.push(i);
            caps_info.push(info);
            bits[i] = info.bits;
        }
    }
    // Claims and people go into the scratch buffers; what the paragraph keeps is moved out at
    // its exact size at the end.
    let mut raws = std::mem::take(&mut scratch.raws);
    let mut people = std::mem::take(&mut scratch.people);
    raws.clear();
    people.clear();
    let mut cx = Ctx {
        text,
        toks,
        g,
        claimed,
        raws,
        people,
        caps,
        bits,
        caps_info,
    };
    if let Some(c) = configured {
        c.claim(&mut cx);
    }
    acronym_definitions(&mut cx, &mut scratch.acronyms);
    runs(&mut cx);
    gazetteer_matches(&mut cx);
    names_in_capitals(&mut cx);
    acronyms_after_mentions(&mut cx, &mut scratch.acronyms);
    candidates(&cx, &mut scratch.candidates);
    scratch.caps = cx.caps;
    scratch.caps_info = cx.caps_info;
    scratch.bits = cx.bits;
    scratch.claimed = cx.claimed;
    scratch.raws = cx.raws;
    scratch.people = cx.people;
}

/// Buffers `find_local` needs only while it runs, kept between paragraphs so that each
/// paragraph reuses memory that is already in the cache.
#[derive(Default)]
pub struct Scratch {
    caps: Vec<usize>,
    caps_info: Vec<WordInfo>,
    bits: Vec<u8>,
    claimed: Vec<(usize, usize)>,
    raws: Vec<Raw>,
    people: Vec<PersonMention>,
    acronyms: Vec<(Span, Key)>,
    candidates: Vec<Candidate>,
}

impl Scratch {
    /// The mentions `find_local` found last.
    pub fn found(&self) -> Found<'_> {
        Found {
            claims: &self.raws,
            people: &self.people,
            acronyms: &self.acronyms,
            candidates: &self.candidates,
        }
    }

    /// The spans of the names of organisations, places and groups `find_local` found last, whose
    /// numbers are no figures (`ASEAN Plus Three`).
    pub fn named_spans(&self) -> impl Iterator<Item = Span> + '_ {
        let g = gazetteer::get();
        self.raws
            .iter()
            .filter(move |r| match r.key {
                Key::Gazetteer(e) => g.kind(e) != ActorKind::Country,
                Key::Named(..) | Key::Config(_) => true,
                Key::Person(_) => false,
            })
            .map(|r| r.span)
    }

    /// Moves the mentions `find_local` found last into a `Local` to keep with the paragraph
    /// until it changes: vectors of their exact size, one allocation each.
    pub fn keep(&mut self) -> Local {
        Local {
            claims: crate::take_exact(&mut self.raws),
            people: crate::take_exact(&mut self.people),
            acronyms: crate::take_exact(&mut self.acronyms),
            candidates: crate::take_exact(&mut self.candidates),
        }
    }
}

/// The mentions of one paragraph, kept (`Local::found`) or just found (`Scratch::found`).
#[derive(Clone, Copy)]
pub struct Found<'a> {
    claims: &'a [Raw],
    people: &'a [PersonMention],
    acronyms: &'a [(Span, Key)],
    candidates: &'a [Candidate],
}

impl Found<'_> {
    /// How many things were found, for the analysis's budget of mentions.
    pub fn len(&self) -> usize {
        self.claims.len() + self.people.len() + self.acronyms.len() + self.candidates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Capitalised words that no mention of their paragraph claimed.
fn candidates(cx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    out.clear();
    // Words and claims both come in text order, so one walk finds the claim each word meets:
    // `k` is the first claim that does not end before the word.
    let mut k = 0;
    for &i in &cx.caps {
        let t = &cx.toks[i];
        while cx.claimed.get(k).is_some_and(|&(_, e)| e <= t.span.start) {
            k += 1;
        }
        if cx.claimed.get(k).is_some_and(|&(s, _)| s < t.span.end) {
            continue;
        }
        let next_is_name = cx
            .toks
            .get(i + 1)
            .is_some_and(|n| n.gap && n.class & CAPITAL != 0)
            && cx.bits(i + 1) & STOP_CAPITAL == 0;
        out.push(Candidate {
            span: t.span,
            in_longer_name: next_is_name && cx.bits(i + 1) & NAME == 0,
        });
    }
}
