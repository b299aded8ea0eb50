//! Finds actors: countries and organisations from the gazetteers and configuration, organisations
//! and places by their shape (`… Ministry`, `… Prefecture`, acronym definitions), and people by
//! titles and name lists; then merges every mention of one actor under its fullest name.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use aho_corasick::{AhoCorasick, MatchKind};

use super::gazetteer::{
    self, GIVEN_NAME, Gazetteer, NAME, ORG_WORD, PLACE_WORD, STOP_CAPITAL, SURNAME, TITLE_HEAD,
    TITLE_WORD, WordInfo,
};
use super::token::{CAPITAL, Kind, Token, Tokens, is_apostrophe, is_dash};
use crate::config::ActorDef;
use crate::model::{Actor, ActorKind};
use crate::text::Span;

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
}

/// A person found by a full or titled name.
#[derive(Clone, Debug)]
/// Names are borrowed from the paragraphs' mentions while linking.
struct Person<'a> {
    name: &'a str,
    surname: &'a str,
    titles: Vec<&'a str>,
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

/// Lower-case words that introduce a person's name (`envoy Hwang Joon-kook`).
fn is_lower_title(w: &str) -> bool {
    matches!(
        w,
        "envoy"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "leader"
            | "head"
            | "governor"
            | "governors"
            | "lawmaker"
            | "lawmakers"
            | "counterpart"
            | "analyst"
            | "researcher"
            | "scholar"
            | "diplomat"
            | "minister"
            | "ministers"
            | "president"
            | "premier"
            | "ambassador"
            | "chairman"
            | "commentator"
            | "editor"
            | "professor"
            | "apparent"
            | "chief"
            | "director"
            | "official"
            | "negotiator"
            | "adviser"
            | "advisor"
            | "author"
            | "journalist"
            | "reporter"
            | "secretary"
            | "general"
            | "mayor"
            | "founder"
            | "ceo"
            | "member"
            | "fellow"
            | "representative"
            | "delegate"
            | "activist"
            | "dissident"
    )
}

/// A name-like token: a capitalised word, optionally joined by hyphens to more words
/// (`Geun-hye`, `Six-Party`). Returns its token range.
fn name_token(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    // The tokenizer marked the words that start with a capital.
    if toks.get(i)?.class & CAPITAL == 0 {
        return None;
    }
    let mut j = i + 1;
    while j + 1 < toks.len()
        && !toks[j].gap
        && !toks[j + 1].gap
        && toks[j + 1].kind == Kind::Word
        && toks[j].kind == Kind::Punct
        && is_dash(&text[toks[j].span.start..toks[j].span.end])
    {
        j += 2;
    }
    // `Lt.`, `Gen.`, `St.`: a glued full stop after a short capitalised word belongs to it.
    Some(j)
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
    /// over a run ask about the same words several times, and now pay one look-up each.
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

    fn claim(&mut self, span: Span, key: Key) {
        if span.is_empty() || !self.free(span) {
            return;
        }
        let at = self.claimed.partition_point(|&(s, _)| s < span.start);
        self.claimed.insert(at, (span.start, span.end));
        self.raws.push(Raw { span, key });
    }

    fn gazetteer_key(&self, name: &str) -> Option<usize> {
        self.g
            .by_name
            .get(name)
            .or_else(|| self.g.by_alias.get(name))
            .copied()
    }

    /// The key of an organisation or place named by `span`: its gazetteer entry, else its
    /// name.
    fn key_of(&self, span: Span, kind: ActorKind) -> Key {
        match self.gazetteer_key(&self.text[span.start..span.end]) {
            Some(e) => Key::Gazetteer(e),
            None => Key::Named(span, kind),
        }
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
    let configured = Configured::new(defs);
    let mut scratch = Scratch::default();
    find_local(text, toks, configured.as_ref(), &mut scratch);
    let mut gathered = Gathered::default();
    gathered.add(0, scratch.found());
    link(text, &gathered, defs)
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
            let info = g.word(&text[t.span.start..t.span.end]);
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

/// Joins the paragraphs' mentions into the report's actors: people by full and titled names,
/// acronyms defined anywhere, bare surnames to the nearest person of that name, then one actor
/// per referent.
pub fn link(text: &str, gathered: &Gathered, defs: &[ActorDef]) -> Vec<Actor> {
    let mut people: Vec<Person<'_>> = Vec::new();
    // The first person of each full name, so that linking stays linear in the mentions.
    let mut by_name: HashMap<&str, usize> = HashMap::default();
    // Mentions of people by surname, as sorted (start, person) pairs, for linking surnames.
    let mut by_surname: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
    // The person of each person mention.
    let mut resolved: Vec<usize> = Vec::with_capacity(gathered.people.len());
    for m in &gathered.people {
        let (span, surname) = (m.span, m.surname);
        let (name, surname) = (
            &text[span.start..span.end],
            &text[surname.start..surname.end],
        );
        let idx = resolve_person(
            &mut people,
            &mut by_name,
            &by_surname,
            name,
            surname,
            span.start,
        );
        if let Some(t) = m.title {
            let t = &text[t.start..t.end];
            if !people[idx].titles.contains(&t) {
                people[idx].titles.push(t);
            }
        }
        // Mentions come in text order, so each goes at the end of its list.
        let surname = people[idx].surname;
        match by_surname.get_mut(surname) {
            Some(list) => {
                let at = list.partition_point(|(s, _)| *s < span.start);
                list.insert(at, (span.start, idx));
            }
            None => {
                by_surname.insert(surname, vec![(span.start, idx)]);
            }
        }
        resolved.push(idx);
    }

    // A later definition of an acronym wins.
    let acronyms: HashMap<&str, Referent> = gathered
        .acronyms
        .iter()
        .map(|&(span, referent)| (&text[span.start..span.end], referent))
        .collect();
    let surnames: rustc_hash::FxHashSet<&str> = people.iter().map(|p| p.surname).collect();
    // Most capitalised words left over are no surname of the report: the first letters and
    // lengths of its few surnames turn them away before hashing.
    let mut surname_shapes = [0u64; 256];
    for s in &surnames {
        if let Some(&b) = s.as_bytes().first() {
            surname_shapes[usize::from(b)] |= 1 << s.len().min(63);
        }
    }
    let may_be_surname = |w: &str| {
        w.as_bytes()
            .first()
            .is_some_and(|&b| surname_shapes[usize::from(b)] & (1 << w.len().min(63)) != 0)
    };

    // Mentions in text order, each with its referent.
    let mut raws: Vec<(Span, Referent)> = Vec::with_capacity(gathered.claims.len());
    let (mut claims_start, mut candidates_start) = (0, 0);
    for &(claims_end, candidates_end) in &gathered.ends {
        let first = raws.len();
        // Copied as they are, then people resolved in place: mapping each mention while
        // copying it made the compiler shuffle the referent's bytes through the stack in
        // overlapping pieces, a stalled load for every mention.
        raws.extend_from_slice(&gathered.claims[claims_start..claims_end]);
        for (_, referent) in &mut raws[first..] {
            if let Referent::Person(k) = referent {
                *k = resolved[*k];
            }
        }
        // Acronyms defined anywhere claim their bare uses; then bare surnames (`Park also
        // drew`, `Xi-Park summit`) refer to the person of that name nearest before them (or the
        // first after); never to two people at once.
        for c in &gathered.candidates[candidates_start..candidates_end] {
            let span = c.span;
            let word = &text[span.start..span.end];
            // Acronyms are two capitals or more (`acronym_definitions`); most words are not.
            let acronym = (word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()))
                .then(|| acronyms.get(word))
                .flatten();
            if let Some(&referent) = acronym {
                raws.push((span, referent));
            } else if !c.in_longer_name && may_be_surname(word) && surnames.contains(word) {
                if let Some(k) = nearest_with_surname(&people, &by_surname, word, span.start) {
                    raws.push((span, Referent::Person(k)));
                }
            }
        }
        // Paragraphs follow each other, so sorting each one's mentions sorts them all.
        raws[first..].sort_by_key(|(span, _)| span.start);
        (claims_start, candidates_start) = (claims_end, candidates_end);
    }
    assemble(text, raws, &people, defs)
}

/// The person a full or titled mention refers to, creating one when it names someone new.
fn resolve_person<'a>(
    people: &mut Vec<Person<'a>>,
    by_name: &mut HashMap<&'a str, usize>,
    by_surname: &HashMap<&'a str, Vec<(usize, usize)>>,
    name: &'a str,
    surname: &'a str,
    offset: usize,
) -> usize {
    let add = |people: &mut Vec<Person<'a>>, by_name: &mut HashMap<&'a str, usize>| {
        people.push(Person {
            name,
            surname,
            titles: Vec::new(),
        });
        by_name.entry(name).or_insert(people.len() - 1);
        people.len() - 1
    };
    let single = !name.contains(char::is_whitespace);
    if single {
        // A titled surname (`President Xi`): the nearest person of that surname, else a new one.
        return nearest_with_surname(people, by_surname, surname, offset)
            .unwrap_or_else(|| add(people, by_name));
    }
    if let Some(&k) = by_name.get(name) {
        k
    } else if let Some(&k) = by_name
        .get(surname)
        .filter(|&&k| !people[k].name.contains(' '))
    {
        // A titled surname seen earlier now has its full name; the first other person still
        // known by the surname alone (if any) takes over that entry.
        people[k].name = name;
        match people.iter().position(|p| p.name == surname) {
            Some(j) => by_name.insert(surname, j),
            None => by_name.remove(surname),
        };
        let first = by_name.entry(name).or_insert(k);
        *first = (*first).min(k);
        k
    } else {
        add(people, by_name)
    }
}

fn word_boundary(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The names and aliases of the actors a configuration adds, matched before anything else.
pub struct Configured {
    matcher: AhoCorasick,
    /// The definition each pattern names.
    owner: Vec<usize>,
}

impl Configured {
    /// Built once per analysis; `None` without configured actors.
    pub fn new(defs: &[ActorDef]) -> Option<Configured> {
        if defs.is_empty() {
            return None;
        }
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (k, d) in defs.iter().enumerate() {
            for name in std::iter::once(&d.name).chain(d.aliases.iter()) {
                patterns.push(name.as_str());
                owner.push(k);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(Configured { matcher, owner })
    }

    fn claim(&self, cx: &mut Ctx<'_>) {
        for m in self.matcher.find_iter(cx.text) {
            let span = Span::new(m.start(), m.end());
            if word_boundary(cx.text, span) {
                cx.claim(span, Key::Config(self.owner[m.pattern().as_usize()]));
            }
        }
    }
}

/// `Asian Infrastructure Investment Bank (AIIB)` and `AIIB (Asian …)`: the long form and the
/// acronym name one actor when the long form looks like an organisation.
fn acronym_definitions(cx: &mut Ctx<'_>, map: &mut Vec<(Span, Key)>) {
    map.clear();
    let toks = cx.toks;
    // Parentheses are rare: find them in the text, then their tokens.
    for at in memchr::memchr_iter(b'(', cx.text.as_bytes()) {
        let i = toks.partition_point(|t| t.span.start < at);
        if toks.get(i).is_none_or(|t| t.span.start != at) {
            // Inside an address, whose tokens were dropped.
            continue;
        }
        let acr = cx.s(i + 1);
        if cx.s(i + 2) != ")" || acr.len() < 2 || !acr.bytes().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // Walk back over the long form: capitalised words and inner connectors. The initials
        // are gathered last first, with their length in bytes.
        let mut start = i;
        let mut initials: SmallVec<[char; 16]> = SmallVec::new();
        let mut len = 0;
        let mut k = i;
        while k > 0 {
            let w = cx.s(k - 1);
            if toks[k - 1].kind == Kind::Word && w.chars().next().is_some_and(char::is_uppercase) {
                if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
                    initials.extend(w.chars().rev());
                    len += w.len();
                } else {
                    let c = w.chars().next().unwrap_or(' ');
                    initials.push(c);
                    len += c.len_utf8();
                }
                start = k - 1;
                k -= 1;
            } else if matches!(w, "of" | "on" | "for" | "and" | "the")
                || is_apostrophe(w)
                || is_dash(w)
            {
                k -= 1;
            } else {
                break;
            }
            if len >= acr.len() {
                break;
            }
        }
        if !initials.iter().rev().copied().eq(acr.chars()) {
            continue;
        }
        let long = cx.span(start, i);
        let long_text = &cx.text[long.start..long.end];
        let orgish = long_text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| cx.g.bits(w) & ORG_WORD != 0);
        let key = if let Some(e) = cx
            .gazetteer_key(long_text)
            .or_else(|| cx.gazetteer_key(acr))
        {
            Key::Gazetteer(e)
        } else if orgish {
            Key::Named(long, ActorKind::Organization)
        } else {
            continue;
        };
        // The long form may hold a gazetteer name (`Communist Party of China`); the whole wins.
        cx.claim(long, key);
        cx.claim(toks[i + 1].span, key);
        map.push((toks[i + 1].span, key));
    }
}

/// Runs of capitalised tokens, split where sentence punctuation or lower-case words stand.
fn runs(cx: &mut Ctx<'_>) {
    let toks = cx.toks;
    // The first token not yet in a run.
    let mut next = 0;
    for k in 0..cx.caps.len() {
        let i = cx.caps[k];
        if i < next {
            continue;
        }
        let Some(mut j) = name_token(cx.text, toks, i) else {
            continue;
        };
        let start = i;
        // Extend over more name tokens and abbreviation stops (`Lt. Gen.`).
        loop {
            if cx.s(j) == "." && !toks[j].gap && cx.s(j - 1).len() <= 3 {
                if let Some(k) = name_token(cx.text, toks, j + 1) {
                    let prev = cx.s(j - 1);
                    let initial = prev.len() == 1 && prev.chars().all(|c| c.is_ascii_uppercase());
                    if cx.bits(j - 1) & (TITLE_HEAD | TITLE_WORD) != 0 || prev == "St" || initial {
                        j = k;
                        continue;
                    }
                }
            }
            if toks.get(j).is_some_and(|t| t.gap && !t.newline) {
                if let Some(k) = name_token(cx.text, toks, j) {
                    j = k;
                    continue;
                }
            }
            // `People's Bank`, `Workers’ Party`: a plural or collective possessive inside a name.
            if matches!(
                cx.s(j - 1),
                "People" | "Workers" | "Women" | "Children" | "Farmers" | "Veterans"
            ) && toks
                .get(j)
                .is_some_and(|t| !t.gap && is_apostrophe(cx.s(j)))
            {
                let after = if cx.s(j + 1) == "s" && !toks[j + 1].gap {
                    j + 2
                } else {
                    j + 1
                };
                if toks.get(after).is_some_and(|t| t.gap) {
                    if let Some(k) = name_token(cx.text, toks, after) {
                        j = k;
                        continue;
                    }
                }
            }
            break;
        }
        process_run(cx, start, j);
        next = j.max(i + 1);
    }
}

/// One run of capitalised tokens `[a, b)` being classified, with the token indices of its words
/// (not hyphens or stops). Runs are short and there is one for every capitalised word that opens
/// one: the words stay on the stack.
struct Run {
    /// The token after the run.
    b: usize,
    words: SmallVec<[usize; 8]>,
    /// The first of `words` that is no sentence opener (`The`, `However`).
    first: usize,
}

impl Run {
    /// The run `[a, b)`, unless it holds only sentence openers.
    fn new(cx: &Ctx<'_>, a: usize, b: usize) -> Option<Run> {
        let words: SmallVec<[usize; 8]> = (a..b)
            .filter(|&k| cx.toks[k].kind == Kind::Word && (k == a || cx.toks[k].gap))
            .collect();
        let first = words.iter().position(|&k| cx.bits(k) & STOP_CAPITAL == 0)?;
        Some(Run { b, words, first })
    }

    /// The end (exclusive token) of the word at position `w`, without the full stops after it.
    fn word_end(&self, cx: &Ctx<'_>, w: usize) -> usize {
        let mut e = self.words.get(w + 1).copied().unwrap_or(self.b);
        while e > self.words[w] + 1 && cx.s(e - 1) == "." {
            e -= 1;
        }
        e
    }
}

/// Classifies one run of capitalised tokens `[a, b)`: people after titles, organisations and
/// places by their last word, people by name lists. What is left goes to the gazetteer. The
/// words of a run before or after what one step claims are classified as a run of their own.
fn process_run(cx: &mut Ctx<'_>, a: usize, b: usize) {
    let Some(run) = Run::new(cx, a, b) else {
        return;
    };
    if titled_person(cx, &run) || organisation(cx, &run) || place(cx, &run) {
        return;
    }
    people_by_name_lists(cx, &run, lower_title_before(cx, a));
}

/// A person after the last title head of the run that a name follows (`Foreign Minister Wang
/// Yi`, `Lt. Gen. Wang Hongguang`). Returns whether it found one.
fn titled_person(cx: &mut Ctx<'_>, run: &Run) -> bool {
    let (words, first) = (&run.words, run.first);
    for t in (first..words.len()).rev() {
        if cx.bits(words[t]) & TITLE_HEAD == 0 || t + 1 >= words.len() {
            continue;
        }
        let name_words = take_name(cx, &words[t + 1..]);
        if name_words == 0 {
            continue;
        }
        let ts = title_start(cx, run, t);
        // The title keeps the full stop of an abbreviation (`Lt. Gen.`).
        let mut title_end = run.word_end(cx, t);
        if cx.s(title_end) == "." && !cx.toks[title_end].gap {
            title_end += 1;
        }
        let title = cx.span(words[ts], title_end);
        let name_end = run.word_end(cx, t + name_words);
        add_person(cx, words[t + 1], name_end, Some(title));
        if ts > first {
            process_run(cx, words[first], words[ts]);
        }
        return true;
    }
    false
}

/// Where the title whose head is the run's word `t` starts: at the title words before the head
/// (`Vice Culture Minister`), else at up to two words our lists lack (`Unification Minister`).
fn title_start(cx: &Ctx<'_>, run: &Run, t: usize) -> usize {
    let (words, first) = (&run.words, run.first);
    let mut ts = t;
    while ts > first {
        let bits = cx.bits(words[ts - 1]);
        let titled = bits & (TITLE_HEAD | TITLE_WORD) != 0;
        if bits & (NAME | ORG_WORD) != 0 || !titled {
            break;
        }
        ts -= 1;
    }
    if ts == t {
        // Modifiers such as `Foreign`, `Unification`, `Commerce` that our lists lack.
        while ts > first {
            if cx.bits(words[ts - 1]) & (NAME | TITLE_HEAD | ORG_WORD) != 0 {
                break;
            }
            ts -= 1;
            if t - ts >= 2 {
                break;
            }
        }
    }
    ts
}

/// An organisation: capitalised words up to its last organisation word (`Zhejiang University`),
/// then connectors and names after it (`Ministry of Oceans and Fisheries`). A lone organisation
/// word that nothing extends (`Ministry`) is none. Returns whether it found one.
fn organisation(cx: &mut Ctx<'_>, run: &Run) -> bool {
    let (words, first) = (&run.words, run.first);
    let Some(o) = (first..words.len())
        .rev()
        .find(|&w| cx.bits(words[w]) & ORG_WORD != 0)
        .filter(|&o| {
            words[o + 1..]
                .iter()
                .all(|&t| cx.bits(t) & (TITLE_HEAD | TITLE_WORD) != 0)
        })
    else {
        return false;
    };
    // A person's name at the front (`Li Dunqiu of Zhejiang University`) is not part of it.
    let start = (first..o)
        .rev()
        .find(|&w| {
            // A paragraph's first token may follow indentation: nothing stands before it.
            words[w] > 0
                && cx.toks[words[w]].gap
                && matches!(cx.s(words[w] - 1), "of" | "from" | "at")
        })
        .unwrap_or(first);
    let single = start == o && !cx.s(words[o]).chars().all(|c| c.is_ascii_uppercase());
    let tail = connected_tail(cx, run.word_end(cx, o));
    if single && tail.is_none() {
        return false;
    }
    let span_end = tail.unwrap_or_else(|| run.word_end(cx, o));
    let span_start = if start == first {
        joined_by_and(cx, words[first])
    } else {
        cx.toks[words[start]].span.start
    };
    let span = Span::new(span_start, cx.toks[span_end - 1].span.end);
    let key = cx.key_of(span, ActorKind::Organization);
    if start > first {
        process_run(cx, words[first], words[start]);
    }
    cx.claim(span, key);
    if tail.is_none() && o + 1 < words.len() {
        process_run(cx, words[o + 1], run.b);
    }
    true
}

/// `Ministry of Oceans and Fisheries`: the names that connectors (`of`, `on`, `for`, `and`) join
/// to an organisation word ending before `tail`, up to a title, month or family name. Returns
/// the token after them, or `None` when none follow.
fn connected_tail(cx: &Ctx<'_>, mut tail: usize) -> Option<usize> {
    let mut extended = false;
    while matches!(cx.s(tail), "of" | "on" | "for" | "and") {
        let Some(e) = name_token(cx.text, cx.toks, tail + 1) else {
            break;
        };
        let bits = cx.bits(tail + 1);
        let stops = bits & (STOP_CAPITAL | TITLE_HEAD) != 0
            || super::dates::month_number(cx.s(tail + 1)).is_some();
        if stops || (bits & SURNAME != 0 && bits & NAME == 0) {
            break;
        }
        tail = e;
        extended = true;
        while let Some(e2) = cx
            .toks
            .get(tail)
            .filter(|t| t.gap)
            .and_then(|_| name_token(cx.text, cx.toks, tail))
        {
            let bits = cx.bits(tail);
            if (bits & SURNAME != 0 && bits & NAME == 0)
                || bits & (TITLE_HEAD | TITLE_WORD) != 0
                || super::dates::month_number(cx.s(tail)).is_some()
            {
                break;
            }
            tail = e2;
        }
    }
    extended.then_some(tail)
}

/// Where an organisation whose run starts at token `first` starts: earlier when names joined by
/// `and` stand before the run (`Garment Manufacturers and Exporters Association`).
fn joined_by_and(cx: &Ctx<'_>, first: usize) -> usize {
    if first >= 2 && matches!(cx.s(first - 1), "and" | "&") {
        let mut k = first - 1;
        while k > 0
            && name_token(cx.text, cx.toks, k - 1).is_some()
            && cx.toks[k].gap
            && cx.free(cx.toks[k - 1].span)
            && cx.bits(k - 1) & STOP_CAPITAL == 0
        {
            k -= 1;
        }
        if k < first - 1 {
            return cx.toks[k].span.start;
        }
    }
    cx.toks[first].span.start
}

/// A place by its last word: `Yanbian Korean Autonomous Prefecture`, `Yellow Sea`. Returns
/// whether it found one.
fn place(cx: &mut Ctx<'_>, run: &Run) -> bool {
    let (words, first) = (&run.words, run.first);
    let Some(p) = (first + 1..words.len()).find(|&w| cx.bits(words[w]) & PLACE_WORD != 0) else {
        return false;
    };
    let span = Span::new(
        cx.toks[words[first]].span.start,
        cx.toks[run.word_end(cx, p) - 1].span.end,
    );
    let key = cx.key_of(span, ActorKind::Place);
    cx.claim(span, key);
    if p + 1 < words.len() {
        process_run(cx, words[p + 1], run.b);
    }
    true
}

/// Whether a lower-case title stands before the run at `a` (`envoy Hwang`, `then-President`).
fn lower_title_before(cx: &Ctx<'_>, a: usize) -> bool {
    a > 0 && {
        let p = cx.s(a - 1);
        is_lower_title(p) || (a > 1 && p.ends_with("Premier"))
    } || (a > 1 && is_dash(cx.s(a - 1)) && !cx.toks[a - 1].gap && {
        let p = cx.s(a - 2);
        p == "then" || p == "former"
    })
}

/// People by name lists: a family name first (`Kim Jong Un`) or a given name first (`Samantha
/// Power`). After a lower-case title (`lower_title`) a lone family name counts too (`envoy
/// Hwang`), and two or more words that are no gazetteer name.
fn people_by_name_lists(cx: &mut Ctx<'_>, run: &Run, lower_title: bool) {
    let (words, first) = (&run.words, run.first);
    let mut w = first;
    while w < words.len() {
        let bits = cx.bits(words[w]);
        let surname = bits & SURNAME != 0;
        let given = bits & GIVEN_NAME != 0 && bits & NAME == 0;
        if surname || given {
            let n = take_name(cx, &words[w + 1..]);
            if n > 0 {
                let end = run.word_end(cx, w + n);
                add_person(cx, words[w], end, None);
                w += n + 1;
                continue;
            }
            if lower_title && w == first && surname {
                add_person(cx, words[w], run.word_end(cx, w), None);
            }
        } else if lower_title && w == first && bits & NAME == 0 {
            let n = take_name(cx, &words[w..]);
            if n >= 2 {
                add_person(cx, words[w], run.word_end(cx, w + n - 1), None);
                w += n;
                continue;
            }
        }
        w += 1;
    }
}

/// How many of `words` (token indices) form a personal name: up to three capitalised words that
/// are not places, organisation words, titles or months.
fn take_name(cx: &Ctx<'_>, words: &[usize]) -> usize {
    let mut n = 0;
    for &t in words.iter().take(3) {
        let w = cx.s(t);
        let hyphenated = cx.toks.get(t + 1).is_some_and(|n| !n.gap) && is_dash(cx.s(t + 1));
        let bits = cx.bits(t);
        if hyphenated && bits & NAME == 0 {
            n += 1;
            continue;
        }
        // `Sen`, `Gen`, `Rep` are titles only with their full stop (`Hun Sen` is a name).
        let title = bits & TITLE_HEAD != 0 && (w.len() > 3 || cx.s(t + 1) == ".");
        if bits & (NAME | ORG_WORD | PLACE_WORD | STOP_CAPITAL) != 0
            || title
            || w.chars().all(|c| c.is_ascii_uppercase()) && w.len() > 1
        {
            break;
        }
        n += 1;
    }
    n
}

/// Records a person mention `[a, b)`; `link` decides who it is.
fn add_person(cx: &mut Ctx<'_>, a: usize, b: usize, title: Option<Span>) {
    let span = cx.span(a, b);
    if !cx.free(span) {
        return;
    }
    let name = &cx.text[span.start..span.end];
    // The surname: the whole of a one-word name, else the family name a list puts first
    // (`Kim Jong Un`, up to a hyphen), else the last word (`Samantha Power`).
    let first_end = name.find(char::is_whitespace);
    let surname = match first_end {
        None => span,
        Some(end) => {
            let first = name[..end].split('-').next().unwrap_or("");
            if cx.g.bits(first) & (SURNAME | GIVEN_NAME) == SURNAME {
                Span::new(span.start, span.start + first.len())
            } else {
                let last = name
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(p, c)| p + c.len_utf8());
                Span::new(span.start + last, span.end)
            }
        }
    };
    cx.people.push(PersonMention {
        span,
        surname,
        title,
    });
    cx.claim(span, Key::Person(cx.people.len() - 1));
}

/// The person with `surname` mentioned nearest before `offset`, else the first after it.
fn nearest_with_surname(
    people: &[Person<'_>],
    by_surname: &HashMap<&str, Vec<(usize, usize)>>,
    surname: &str,
    offset: usize,
) -> Option<usize> {
    if let Some(list) = by_surname.get(surname) {
        let at = list.partition_point(|(s, _)| *s < offset);
        if let Some(&(_, k)) = at
            .checked_sub(1)
            .and_then(|b| list.get(b))
            .or_else(|| list.get(at))
        {
            return Some(k);
        }
    }
    people.iter().position(|p| p.surname == surname)
}

fn gazetteer_matches(cx: &mut Ctx<'_>) {
    let g = cx.g;
    // Names start at a capitalised word equal to their first word, and the longest that
    // follows wins (`North Korea`, not `North`). Like a leftmost-longest scan, a match consumes
    // its text even when it turns out not to be a whole word.
    let mut consumed = 0;
    for k in 0..cx.caps.len() {
        let start = cx.toks[cx.caps[k]].span.start;
        if start < consumed {
            continue;
        }
        let candidates = g.names_starting(cx.caps_info[k]);
        if candidates.is_empty() {
            continue;
        }
        let rest = &cx.text[start..];
        let Some((name, entry)) = candidates
            .iter()
            .map(|&p| g.patterns[p])
            .find(|(name, _)| rest.starts_with(name))
        else {
            continue;
        };
        let span = Span::new(start, start + name.len());
        consumed = span.end;
        if word_boundary(cx.text, span) {
            cx.claim(span, Key::Gazetteer(entry));
        }
    }
}

/// One actor per referent, numbered in order of first mention; `raws` are in text order.
fn assemble<'a>(
    text: &'a str,
    raws: Vec<(Span, Referent)>,
    people: &'a [Person],
    defs: &'a [ActorDef],
) -> Vec<Actor> {
    let g = gazetteer::get();
    // The name an actor goes by: the fullest form in the gazetteer, configuration or report.
    let name_of = |referent: Referent| -> &'a str {
        match referent {
            Referent::Config(k) => &defs[k].name,
            Referent::Entry(k) => g.entries[k].name,
            Referent::Person(k) => people[k].name,
            Referent::Named(span, _) => &text[span.start..span.end],
        }
    };
    // Each referent's group, in order of first mention, with the other names it goes by. Most
    // mentions are of gazetteer entries and people, which are numbered: a table finds their
    // group without hashing. Groups are counted first so that each actor's mentions are
    // allocated once, at their size. The aliases are read here, in text order: read actor by
    // actor, a 10 MB report's text is walked once per actor, a cache miss for every mention.
    let mut groups: Vec<(Referent, usize, Vec<&'a str>)> = Vec::new();
    let mut group_of = Vec::with_capacity(raws.len());
    let mut by_entry = vec![usize::MAX; g.entries.len()];
    let mut by_person = vec![usize::MAX; people.len()];
    let mut by_config = vec![usize::MAX; defs.len()];
    let mut by_name: HashMap<(&str, ActorKind), usize> = HashMap::default();
    for &(span, referent) in &raws {
        let slot = match referent {
            Referent::Person(k) => &mut by_person[k],
            Referent::Entry(k) => &mut by_entry[k],
            Referent::Config(k) => &mut by_config[k],
            Referent::Named(span, kind) => by_name
                .entry((&text[span.start..span.end], kind))
                .or_insert(usize::MAX),
        };
        if *slot == usize::MAX {
            *slot = groups.len();
            groups.push((referent, 0, Vec::new()));
        }
        let group = &mut groups[*slot];
        group.1 += 1;
        let written = &text[span.start..span.end];
        if written != name_of(referent) && !group.2.contains(&written) {
            group.2.push(written);
        }
        group_of.push(*slot);
    }
    let mut spans: Vec<Vec<Span>> = groups
        .iter()
        .map(|&(_, n, _)| Vec::with_capacity(n))
        .collect();
    for (&(span, _), &k) in raws.iter().zip(&group_of) {
        spans[k].push(span);
    }
    drop(raws);
    groups
        .into_iter()
        .zip(spans)
        .map(|((referent, _, aliases), mentions)| {
            actor(text, referent, aliases, mentions, people, defs)
        })
        .collect()
}

/// The actor of one referent, with the other names it goes by and its mentions.
fn actor(
    text: &str,
    referent: Referent,
    aliases: Vec<&str>,
    mentions: Vec<Span>,
    people: &[Person],
    defs: &[ActorDef],
) -> Actor {
    let g = gazetteer::get();
    let (name, kind, titles, description) = match referent {
        Referent::Config(k) => (
            Cow::Owned(defs[k].name.clone()),
            defs[k].kind,
            Vec::new(),
            defs[k].description.clone().map(Cow::Owned),
        ),
        Referent::Entry(k) => {
            let e = &g.entries[k];
            (
                Cow::Borrowed(e.name),
                e.kind,
                Vec::new(),
                Some(Cow::Borrowed(e.description.as_str())),
            )
        }
        Referent::Named(span, kind) => (
            Cow::Owned(text[span.start..span.end].to_string()),
            kind,
            Vec::new(),
            None,
        ),
        Referent::Person(k) => {
            let p = &people[k];
            (
                Cow::Owned(p.name.to_string()),
                ActorKind::Person,
                p.titles.iter().map(|t| t.to_string()).collect(),
                None,
            )
        }
    };
    let config_line = match referent {
        Referent::Config(k) => defs[k].line,
        _ => None,
    };
    Actor {
        config_line,
        name,
        kind,
        aliases: aliases.into_iter().map(str::to_string).collect(),
        titles,
        description,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(text: &str) -> Vec<Actor> {
        let toks = super::super::token::tokenize(text);
        find(text, &toks, &[])
    }

    fn named<'a>(actors: &'a [Actor], name: &str) -> &'a Actor {
        actors.iter().find(|a| a.name == name).unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                actors.iter().map(|a| &a.name).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn countries_by_name_abbreviation_capital_and_demonym_are_one_actor() {
        let a = actors("North Korea said the DPRK and Pyongyang agree. Chinese and Beijing too.");
        let nk = named(&a, "North Korea");
        assert_eq!(nk.mentions.len(), 3);
        assert_eq!(nk.aliases, ["DPRK", "Pyongyang"]);
        assert_eq!(named(&a, "China").mentions.len(), 2);
    }

    #[test]
    fn titled_people_and_surnames_link() {
        let a = actors(
            "Foreign Minister Wang Yi met Lt. Gen. Wang Hongguang. Later, President Xi spoke and Wang left. Xi agreed.",
        );
        let wy = named(&a, "Wang Yi");
        assert_eq!(wy.titles, ["Foreign Minister"]);
        let wh = named(&a, "Wang Hongguang");
        assert_eq!(wh.titles, ["Lt. Gen."]);
        assert_eq!(
            wh.mentions.len(),
            2,
            "the bare Wang links to the nearest preceding Wang"
        );
        assert_eq!(named(&a, "Xi").mentions.len(), 2);
    }

    #[test]
    fn names_without_titles_from_name_lists() {
        let a =
            actors("Kim Jong Un’s message and Park Geun-hye. US Ambassador Samantha Power argued.");
        named(&a, "Kim Jong Un");
        named(&a, "Park Geun-hye");
        assert_eq!(named(&a, "Samantha Power").kind, ActorKind::Person);
    }

    #[test]
    fn organisations_by_shape_and_acronym() {
        let a = actors(
            "the Workers’ Party of Korea (WPK) and later the WPK. The Asian Infrastructure Investment Bank (AIIB) and Zhejiang University and the Ministry of Oceans and Fisheries.",
        );
        let aiib = named(&a, "Asian Infrastructure Investment Bank");
        assert_eq!(aiib.mentions.len(), 2);
        named(&a, "Zhejiang University");
        named(&a, "Ministry of Oceans and Fisheries");
        let wpk = a
            .iter()
            .find(|x| x.aliases.iter().any(|al| al == "WPK"))
            .expect("WPK");
        assert_eq!(wpk.mentions.len(), 3);
    }

    #[test]
    fn an_indented_paragraph_opening_with_an_organisation_does_not_underflow() {
        let text = "  Asian Infrastructure Investment Bank (AIIB) lent more.";
        let toks = super::super::token::tokenize(text);
        let mut scratch = Scratch::default();
        find_local(text, &toks, None, &mut scratch);
        let mut gathered = Gathered::default();
        gathered.add(0, scratch.found());
        let a = link(text, &gathered, &[]);
        assert_eq!(
            named(&a, "Asian Infrastructure Investment Bank")
                .mentions
                .len(),
            2
        );
    }

    #[test]
    fn places_are_not_countries() {
        let a =
            actors("in the Yanbian Korean Autonomous Prefecture and the Yellow Sea near Dandong");
        for name in [
            "Yanbian Korean Autonomous Prefecture",
            "Yellow Sea",
            "Dandong",
        ] {
            assert_eq!(named(&a, name).kind, ActorKind::Place);
        }
    }
}
