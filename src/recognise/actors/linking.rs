//! Joins the mentions of a report's paragraphs into its actors: people by full and titled names,
//! acronyms defined anywhere, bare surnames to the nearest person of that name, then one actor
//! per referent.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::{Gathered, Referent};
use crate::calendar::Date;
use crate::config::ActorDef;
use crate::model::{Actor, ActorKind};
use crate::recognise::gazetteer::{self, Gazetteer};
use crate::recognise::offices::{self, Holder};
use crate::recognise::token::all_capitals;
use crate::text::Span;

/// What linking needs beyond the mentions: the report's reference date, which tells who held
/// an office, and the office holders the configuration adds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Linking<'a> {
    pub reference: Option<Date>,
    pub holders: &'a [Holder],
}

/// A person found by a full or titled name. Names are borrowed from the paragraphs' mentions
/// while linking.
#[derive(Clone, Debug)]
struct Person<'a> {
    name: &'a str,
    surname: &'a str,
    titles: Vec<&'a str>,
    /// The office the person held on the report's date (`President of South Korea,
    /// 2013–2017`), for the card.
    office: Option<String>,
}

/// Joins the paragraphs' mentions into the report's actors: people by full and titled names,
/// acronyms defined anywhere, bare surnames to the nearest person of that name, then one actor
/// per referent.
pub fn link<'a>(
    text: &'a str,
    gathered: &Gathered,
    defs: &[ActorDef],
    linking: &Linking<'a>,
) -> Vec<Actor> {
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

    // The inner words of people's names of three words or more (`Sheinbaum` of `Claudia
    // Sheinbaum Pardo`, `Gálvez` of `Xóchitl Gálvez Ruiz`): Spanish and Portuguese names put the
    // family name a report keeps before the mother's. Each names its person when it is no one
    // else's word and no surname of the report.
    let g = gazetteer::get();
    let mut inner: HashMap<&str, Option<usize>> = HashMap::default();
    for (k, p) in people.iter().enumerate() {
        let words: Vec<&str> = p.name.split(' ').collect();
        // Names written family name first (`Nguyen Phu Trong`, `Kim Jong Un`) hold given names
        // inside, never called alone.
        if words.len() < 3 || g.bits(words[0]) & gazetteer::SURNAME != 0 {
            continue;
        }
        for w in &words[1..words.len() - 1] {
            if w.len() >= 3 && w.chars().next().is_some_and(char::is_uppercase) {
                inner
                    .entry(w)
                    .and_modify(|e| {
                        if *e != Some(k) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(k));
            }
        }
    }

    // Mentions in text order, each with its referent.
    let mut raws: Vec<(Span, Referent)> = Vec::with_capacity(gathered.claims.len());
    let (mut claims_start, mut candidates_start) = (0, 0);
    // Where each paragraph's mentions start in `raws`.
    let mut paragraphs = Vec::with_capacity(gathered.ends.len());
    // Capitalised words nothing claimed, which may be the bare name of an office holder.
    let mut unlinked: Vec<super::Candidate> = Vec::new();
    let mut skip_to = 0;
    for &(claims_end, candidates_end) in &gathered.ends {
        let first = raws.len();
        paragraphs.push(first);
        // Copied as they are, then people resolved in place: mapping each mention while
        // copying it made the compiler shuffle the referent's bytes through the stack in
        // overlapping pieces, a stalled load for every mention.
        raws.extend_from_slice(&gathered.claims[claims_start..claims_end]);
        for (span, referent) in &mut raws[first..] {
            match referent {
                Referent::Person(k) => *k = resolved[*k],
                // `Ueda` after `Kazuo Ueda`: a town's name that is the surname of a person of
                // the report is that person (the town is rarely named beside its namesake).
                Referent::Entry(e) if g.kind(*e) == ActorKind::Place => {
                    let word = &text[span.start..span.end];
                    if may_be_surname(word) && surnames.contains(word) {
                        if let Some(k) =
                            nearest_with_surname(&people, &by_surname, word, span.start)
                        {
                            *referent = Referent::Person(k);
                        }
                    }
                }
                _ => {}
            }
        }
        // Acronyms defined anywhere claim their bare uses; then bare surnames (`Park also
        // drew`, `Xi-Park summit`) refer to the person of that name nearest before them (or the
        // first after); never to two people at once.
        for c in &gathered.candidates[candidates_start..candidates_end] {
            let span = c.span;
            let word = &text[span.start..span.end];
            // Acronyms are two capitals or more (`acronym_definitions`); most words are not.
            let acronym = (word.len() >= 2 && all_capitals(word))
                .then(|| acronyms.get(word))
                .flatten();
            if span.start < skip_to {
                // The second word of a name of two that the word before began.
                continue;
            }
            if let Some(&referent) = acronym {
                // An acronym of a person (`AMLO`) names the person that mention resolved to.
                let referent = match referent {
                    Referent::Person(k) => Referent::Person(resolved[k]),
                    r => r,
                };
                raws.push((span, referent));
            } else if !c.in_longer_name && may_be_surname(word) && surnames.contains(word) {
                if let Some(k) = nearest_with_surname(&people, &by_surname, word, span.start) {
                    raws.push((span, Referent::Person(k)));
                }
            } else if let Some(&Some(k)) = (!c.in_longer_name && !surnames.contains(word))
                .then(|| inner.get(word))
                .flatten()
            {
                raws.push((span, Referent::Person(k)));
            } else if let Some((two, k)) = c
                .in_longer_name
                .then(|| two_word_surname(text, span, &people, &by_surname, &surnames))
                .flatten()
            {
                // `López Obrador` after `Andrés Manuel López Obrador`: the last two words of a
                // person's name.
                raws.push((two, Referent::Person(k)));
                skip_to = two.end;
            } else {
                unlinked.push(c.clone());
            }
        }
        // Paragraphs follow each other, so sorting each one's mentions sorts them all.
        raws[first..].sort_by_key(|(span, _)| span.start);
        (claims_start, candidates_start) = (claims_end, candidates_end);
    }
    let countries = countries_by_mentions(g, &raws);
    qualify(g, text, &mut raws, &paragraphs, &countries);
    merge_country_before_bodies(&mut raws);
    if let Some(date) = linking.reference {
        let found = holders_alone(g, text, &unlinked, date, linking.holders, &countries);
        if !found.is_empty() {
            for (span, h) in found {
                let k = match people.iter().position(|p| p.name == h.name.as_str()) {
                    Some(k) => k,
                    None => {
                        people.push(Person {
                            name: &h.name,
                            surname: &h.surname,
                            titles: Vec::new(),
                            office: None,
                        });
                        people.len() - 1
                    }
                };
                raws.push((span, Referent::Person(k)));
            }
            raws.sort_by_key(|(span, _)| span.start);
        }
        name_office_holders(g, &mut people, date, linking.holders, &countries);
    }
    assemble(text, raws, &people, defs)
}

/// The countries a report names, most named first.
fn countries_by_mentions(g: &Gazetteer, raws: &[(Span, Referent)]) -> Vec<&'static str> {
    let mut counts: HashMap<usize, usize> = HashMap::default();
    for (_, r) in raws {
        if let Referent::Entry(k) = *r {
            if g.kind(k) == ActorKind::Country {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let mut by_count: Vec<(usize, usize)> = counts.into_iter().collect();
    by_count.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    by_count.into_iter().map(|(k, _)| g.entry(k).name).collect()
}

/// Decides which country's body each generic name of a national body is (`Foreign Ministry`,
/// `National Assembly`, `Ministry of Oceans and Fisheries`): the country written before it
/// (`China's Foreign Ministry`, `ROK Ministry of …`); else the one country the report writes
/// before that name anywhere (so `the Ministry of Oceans and Fisheries` is the ROK's when only
/// the ROK's is named so); else the country its paragraph names most (of two named as often,
/// the nearest before it); else the country the same name meant last; else the report's main
/// country. A listed body's generic form with no country to decide stays a name with no card,
/// never another country's body.
fn qualify(
    g: &Gazetteer,
    text: &str,
    raws: &mut [(Span, Referent)],
    paragraphs: &[usize],
    countries: &[&'static str],
) {
    // A country written right before a generic body's name and the name are one mention of
    // the body (`China's Foreign Ministry`): the country mention is left empty here for
    // `merge_country_before_bodies` to drop, the body's mention taking its start.
    let main = countries.first().and_then(|c| g.named(c));
    // The generic names of the report, each with the mentions' own countries: `Some` when one
    // country is ever written before the name, `None` when several are.
    let mut written: HashMap<&str, Option<usize>> = HashMap::default();
    let generic: Vec<(usize, &str, Option<usize>, bool)> = (0..raws.len())
        .filter_map(|i| {
            generic_name(g, text, raws, i).map(|(name, own, before)| (i, name, own, before))
        })
        .collect();
    if generic.is_empty() {
        return;
    }
    for &(_, name, own, _) in &generic {
        if let (name, Some(c)) = (name, own) {
            written
                .entry(name)
                .and_modify(|w| {
                    if *w != Some(c) {
                        *w = None;
                    }
                })
                .or_insert(Some(c));
        }
    }
    let mut last_meant: HashMap<&str, usize> = HashMap::default();
    // The names turned into a country's body, by where the name stands.
    let mut converted: HashMap<usize, Referent> = HashMap::default();
    // How often the paragraph of the last generic name names each country, by paragraph.
    let mut named_in: Option<(usize, CountryCounts, usize)> = None;
    for &(i, name, own, before) in &generic {
        let p = paragraphs.partition_point(|&s| s <= i).saturating_sub(1);
        let start = paragraphs.get(p).copied().unwrap_or(0);
        let end = paragraphs.get(p + 1).copied().unwrap_or(raws.len());
        if named_in.as_ref().is_none_or(|(q, _, _)| *q != p) {
            // Most paragraphs name none or one country.
            let mut named = CountryCounts::new();
            for (_, r) in &raws[start..end] {
                if let Some(k) = country_of(g, *r) {
                    match named.iter_mut().find(|(c, _)| *c == k) {
                        Some((_, n)) => *n += 1,
                        None => named.push((k, 1)),
                    }
                }
            }
            let most = named.iter().map(|&(_, n)| n).max().unwrap_or(0);
            named_in = Some((p, named, most));
        }
        let Some((_, named, most)) = &named_in else {
            continue;
        };
        {
            // The paragraph's country: the one it names most, the nearest before the mention
            // among equals, else the first after it.
            let paragraph_country = || {
                let top = |c: usize| named.iter().any(|&(k, n)| k == c && n == *most);
                raws[start..i]
                    .iter()
                    .rev()
                    .chain(raws[i..end].iter())
                    .find_map(|&(_, r)| country_of(g, r).filter(|&k| top(k)))
            };
            let country = own
                .or_else(|| written.get(name).copied().flatten())
                .or_else(paragraph_country)
                .or_else(|| last_meant.get(name).copied())
                .or(main);
            if let Some(c) = country {
                last_meant.insert(name, c);
            }
            let (span, referent) = raws[i];
            if before {
                let prev = raws[i - 1].0;
                raws[i].0 = Span::new(prev.start, span.end);
                raws[i - 1].0 = Span::new(prev.start, prev.start);
            }
            raws[i].1 = match referent {
                Referent::Entry(k) => {
                    let own_entry = country.and_then(|c| {
                        g.contextual(name).and_then(|mut list| {
                            list.find(|&j| g.entry(j).country == Some(g.entry(c).name))
                        })
                    });
                    let unique = g.contextual(name).is_some_and(|l| l.len() == 1);
                    match own_entry {
                        Some(j) => Referent::Entry(j),
                        // A form only one body has, of a country the report names (`BI` in a
                        // report on Indonesia), or with no country to say otherwise.
                        None if unique
                            && (country.is_none()
                                || g.entry(k).country.is_some_and(|c| countries.contains(&c))) =>
                        {
                            referent
                        }
                        None if g.is_contextual(k) => {
                            Referent::Named(span, ActorKind::Organization)
                        }
                        None => referent,
                    }
                }
                Referent::Named(name, _) => match country {
                    Some(c) => {
                        let governed = Referent::Governed(strip_country(g, text, name).0, c);
                        converted.insert(name.start, governed);
                        governed
                    }
                    None => referent,
                },
                other => other,
            };
        }
    }
    // An acronym defined beside a body's name refers to the name's mention: it follows the
    // name to its country (`Mekong River Commission (MRC)`).
    if !converted.is_empty() {
        for (span, referent) in raws.iter_mut() {
            if let Referent::Named(name, _) = *referent {
                if name != *span {
                    if let Some(&governed) = converted.get(&name.start) {
                        *referent = governed;
                    }
                }
            }
        }
    }
}

/// Drops the country mentions `qualify` merged into the generic body's name after them.
fn merge_country_before_bodies(raws: &mut Vec<(Span, Referent)>) {
    raws.retain(|(span, _)| !span.is_empty());
}

/// How often a paragraph names each country (its entry): most name none or one.
type CountryCounts = smallvec::SmallVec<[(usize, usize); 4]>;

/// The country a mention names, if it is of a country.
fn country_of(g: &Gazetteer, r: Referent) -> Option<usize> {
    match r {
        Referent::Entry(k) if g.kind(k) == ActorKind::Country => Some(k),
        _ => None,
    }
}

/// Whether mention `i` is a generic name of a national body, which country's body `qualify`
/// decides: a form several countries' listed bodies share (`Foreign Ministry`), or a body of a
/// government the report names by itself (`ROK Ministry of Oceans and Fisheries`). Returns the
/// name without a country written at its start, the country written at its start or right
/// before it (`China's Foreign Ministry`, `PRC Foreign Ministry`), and whether that country
/// is the mention before it.
fn generic_name<'t>(
    g: &Gazetteer,
    text: &'t str,
    raws: &[(Span, Referent)],
    i: usize,
) -> Option<(&'t str, Option<usize>, bool)> {
    let (span, referent) = raws[i];
    let written = &text[span.start..span.end];
    let before = || {
        let (prev, r) = *raws.get(i.checked_sub(1)?)?;
        let gap = text.get(prev.end..span.start)?;
        country_of(g, r).filter(|_| matches!(gap, " " | "'s " | "’s "))
    };
    match referent {
        // Most mentions are of entries no country's context changes: a flag turns them away
        // before the form is looked up.
        Referent::Entry(k) if !g.is_contextual(k) => None,
        Referent::Entry(k) => {
            let list = g.contextual(written)?;
            let e = g.entry(k);
            if list.len() == 1 && e.country.is_some_and(|c| names_country(g, written, c)) {
                // `Japanese Foreign Ministry`: the form says whose it is.
                return None;
            }
            let before = before();
            Some((written, before, before.is_some()))
        }
        Referent::Named(name, ActorKind::Organization) if governs(g, written) => {
            let (base, country) = strip_country(g, text, name);
            match country {
                Some(c) => Some((&text[base.start..base.end], Some(c), false)),
                None => {
                    let before = before();
                    Some((&text[base.start..base.end], before, before.is_some()))
                }
            }
        }
        _ => None,
    }
}

/// Whether a written form names the country `country` in it (`Japanese Foreign Ministry`).
fn names_country(g: &Gazetteer, form: &str, country: &str) -> bool {
    let Some(k) = g.named(country) else {
        return false;
    };
    let e = g.entry(k);
    std::iter::once(e.name).chain(e.aliases.iter()).any(|n| {
        n.len() >= 3
            && form
                .split([' ', '-'])
                .any(|w| w.trim_end_matches("'s") == n)
    }) || form.contains(e.name)
}

/// Whether an organisation's name is a body of a government, not of an international
/// organisation: its last word is one of
/// `data/government-words.txt` (`Ministry`, `Department`, `Assembly`) or it holds one before
/// `of` (`Ministry of Oceans and Fisheries`).
fn governs(g: &Gazetteer, name: &str) -> bool {
    // `UN Commission of Inquiry`, `EU Council`: a body of an international organisation.
    let first = name.split(' ').next().unwrap_or(name);
    let international = g
        .entry_of(first)
        .is_some_and(|k| g.kind(k) == ActorKind::Organization && g.entry(k).country.is_none());
    if international {
        return false;
    }
    let head = name.split(" of ").next().unwrap_or(name);
    head.rsplit(' ')
        .next()
        .is_some_and(|w| g.bits(w) & gazetteer::ORG_WORD != 0 && GOVERNMENT_WORDS.contains(w))
}

/// The words that end the name of a government's body.
static GOVERNMENT_WORDS: std::sync::LazyLock<crate::recognise::WordSet> =
    std::sync::LazyLock::new(|| {
        crate::recognise::word_set(include_str!("../../../data/government-words.txt"))
    });

/// The name without a country written at its start (`ROK Ministry of …`, `Chinese Foreign
/// Ministry`), and that country's entry.
fn strip_country(g: &Gazetteer, text: &str, name: Span) -> (Span, Option<usize>) {
    match country_prefix(g, &text[name.start..name.end]) {
        Some((len, k)) => (Span::new(name.start + len, name.end), Some(k)),
        None => (name, None),
    }
}

/// The country `written` opens with (`ROK`, `China's`, `South Korean`), as the length of that
/// prefix with the space after it, and the country's entry. A country's form is up to three
/// words (`People's Republic of China` would be longer, and is a name of its own).
fn country_prefix(g: &Gazetteer, written: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for _ in 0..3 {
        at += written[at..].find(' ')?;
        let prefix = written[..at].trim_end_matches("'s").trim_end_matches("’s");
        if let Some(k) = g
            .entry_of(prefix)
            .filter(|&k| g.kind(k) == ActorKind::Country)
        {
            return Some((at + 1, k));
        }
        at += 1;
    }
    None
}

/// Titled surnames and full names of people who held an office on the report's date: `President
/// Park` in 2014 is Park Geun-hye, and the cards of both say `President of South Korea,
/// 2013–2017`. The configuration's holders come before the shipped ones.
fn name_office_holders<'a>(
    g: &Gazetteer,
    people: &mut [Person<'a>],
    date: Date,
    extra: &'a [Holder],
    countries: &[&str],
) {
    let shipped = &*offices::SHIPPED;
    // The configuration's holders are few: read in turn, with no table built per analysis.
    for p in people.iter_mut() {
        let single = !p.name.contains(char::is_whitespace);
        let holder: Option<&'a Holder> = if single {
            p.titles.iter().find_map(|t| {
                let title = strip_country_words(g, t);
                let of_surname = extra.iter().filter(|h| h.surname == p.surname);
                offices::titled_among(of_surname, title, date, countries)
                    .or_else(|| shipped.titled(title, p.surname, date, countries))
            })
        } else {
            let of_name = extra
                .iter()
                .filter(|h| h.name == p.name || h.aliases.iter().any(|a| a == p.name));
            offices::named_among(of_name, date, countries)
                .or_else(|| shipped.named(p.name, date, countries))
        };
        if let Some(h) = holder {
            if single {
                p.name = &h.name;
            }
            p.office = Some(h.card());
        }
    }
}

/// The bare names of office holders among the words nothing claimed (`Lula`, `Jokowi`,
/// `AMLO`, `López Obrador`), with the holder each names on the report's date: one of the
/// report's countries, in office then. Words that open sentences or name months (`May`) are
/// never taken. The configuration's holders come first.
fn holders_alone<'a>(
    g: &Gazetteer,
    text: &str,
    unlinked: &[super::Candidate],
    date: Date,
    extra: &'a [Holder],
    countries: &[&str],
) -> Vec<(Span, &'a Holder)> {
    let shipped = &*offices::SHIPPED;
    let lookup = |written: &str| -> Option<&'a Holder> {
        let of_extra = extra
            .iter()
            .filter(|h| h.surname == written || h.aliases.iter().any(|a| a == written));
        offices::alone_among(of_extra, date, countries)
            .or_else(|| shipped.alone(written, date, countries))
    };
    let mut found = Vec::new();
    let mut k = 0;
    while k < unlinked.len() {
        let c = &unlinked[k];
        let word = &text[c.span.start..c.span.end];
        k += 1;
        if g.bits(word) & gazetteer::STOP_CAPITAL != 0 {
            continue;
        }
        if c.in_longer_name {
            // A surname of two words: this word and the next, one space apart.
            let Some(next) = unlinked.get(k) else {
                continue;
            };
            let opens = shipped.opens_longer_name(word)
                || extra
                    .iter()
                    .any(|h| h.surname.split_once(' ').is_some_and(|(f, _)| f == word));
            if opens && text.get(c.span.end..next.span.start) == Some(" ") {
                let two = Span::new(c.span.start, next.span.end);
                if let Some(h) = lookup(&text[two.start..two.end]) {
                    found.push((two, h));
                    k += 1;
                }
            }
            continue;
        }
        if let Some(h) = lookup(word) {
            found.push((c.span, h));
        }
    }
    found
}

/// `López Obrador` at `span` (its first word) after `Andrés Manuel López Obrador`: the word and
/// the next, a space apart, ending the name of the person of that surname nearest before.
fn two_word_surname(
    text: &str,
    span: Span,
    people: &[Person<'_>],
    by_surname: &HashMap<&str, Vec<(usize, usize)>>,
    surnames: &rustc_hash::FxHashSet<&str>,
) -> Option<(Span, usize)> {
    let rest = text.get(span.end..)?.strip_prefix(' ')?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let second = &rest[..len];
    let two = Span::new(span.start, span.end + 1 + len);
    let phrase = &text[two.start..two.end];
    if surnames.contains(second) {
        let k = nearest_with_surname(people, by_surname, second, span.start)?;
        let name = people[k].name;
        return (name.len() > phrase.len()
            && name.ends_with(phrase)
            && name[..name.len() - phrase.len()].ends_with(' '))
        .then_some((two, k));
    }
    // `Sri Mulyani` after `Sri Mulyani Indrawati`: the first two words of one person's name of
    // three or more.
    let mut of = people.iter().enumerate().filter(|(_, p)| {
        p.name.len() > phrase.len()
            && p.name.starts_with(phrase)
            && p.name[phrase.len()..].starts_with(' ')
            && p.name[phrase.len() + 1..].contains(|c: char| c.is_uppercase())
    });
    match (of.next(), of.next()) {
        (Some((k, _)), None) => Some((two, k)),
        _ => None,
    }
}

/// A title without the country written before it: `South Korean President` is `President`.
fn strip_country_words<'t>(g: &Gazetteer, title: &'t str) -> &'t str {
    country_prefix(g, title).map_or(title, |(len, _)| &title[len..])
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
            office: None,
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
    } else if let Some(k) = nearest_with_surname(people, by_surname, surname, offset)
        .filter(|&k| ends_with_name(people[k].name, name))
    {
        // `Von der Leyen` opening a sentence after `Ursula von der Leyen`: the last words of a
        // person's name, a particle capitalised.
        k
    } else {
        add(people, by_name)
    }
}

/// Whether `tail` is the last words of `full`, its first letter in either case.
fn ends_with_name(full: &str, tail: &str) -> bool {
    let (full, tail) = (full.as_bytes(), tail.as_bytes());
    let Some(at) = full.len().checked_sub(tail.len()) else {
        return false;
    };
    !tail.is_empty()
        && at > 0
        && full[at - 1] == b' '
        && full[at + 1..] == tail[1..]
        && full[at].eq_ignore_ascii_case(&tail[0])
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
            Referent::Entry(k) => g.entry(k).name,
            Referent::Person(k) => people[k].name,
            Referent::Named(span, _) | Referent::Governed(span, _) => &text[span.start..span.end],
        }
    };
    // Each referent's group, in order of first mention, with the other names it goes by. Most
    // mentions are of gazetteer entries and people, which are numbered: a table finds their
    // group without hashing. Groups are counted first so that each actor's mentions are
    // allocated once, at their size. The aliases are read here, in text order: read actor by
    // actor, a 10 MB report's text is walked once per actor, a cache miss for every mention.
    let mut groups: Vec<(Referent, usize, Vec<&'a str>)> = Vec::new();
    let mut group_of = Vec::with_capacity(raws.len());
    // A table as long as the gazetteer (some 18,000 entries) costs a short report more to fill
    // than its mentions cost to group: each thread keeps its table between reports, and only
    // the slots a report used are cleared after it.
    let mut by_entry = BY_ENTRY.take();
    by_entry.resize(g.entry_count(), usize::MAX);
    let mut by_person = vec![usize::MAX; people.len()];
    let mut by_config = vec![usize::MAX; defs.len()];
    let mut by_name: HashMap<(&str, ActorKind), usize> = HashMap::default();
    let mut by_governed: HashMap<(&str, usize), usize> = HashMap::default();
    for &(span, referent) in &raws {
        let slot = match referent {
            Referent::Person(k) => &mut by_person[k],
            Referent::Entry(k) => &mut by_entry[k],
            Referent::Config(k) => &mut by_config[k],
            Referent::Named(span, kind) => by_name
                .entry((&text[span.start..span.end], kind))
                .or_insert(usize::MAX),
            Referent::Governed(span, country) => by_governed
                .entry((&text[span.start..span.end], country))
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
    for (referent, _, _) in &groups {
        if let Referent::Entry(k) = referent {
            by_entry[*k] = usize::MAX;
        }
    }
    BY_ENTRY.set(by_entry);
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

thread_local! {
    /// The group of each gazetteer entry while `link` groups mentions, `usize::MAX` for none.
    static BY_ENTRY: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
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
            let e = g.entry(k);
            (
                Cow::Borrowed(e.name),
                e.kind,
                Vec::new(),
                Some(Cow::Borrowed(e.description)),
            )
        }
        Referent::Named(span, kind) => (
            Cow::Owned(text[span.start..span.end].to_string()),
            kind,
            Vec::new(),
            None,
        ),
        Referent::Governed(span, country) => (
            Cow::Owned(format!(
                "{} ({})",
                &text[span.start..span.end],
                g.entry(country).name
            )),
            ActorKind::Organization,
            Vec::new(),
            None,
        ),
        Referent::Person(k) => {
            let p = &people[k];
            (
                Cow::Owned(p.name.to_string()),
                ActorKind::Person,
                p.titles.iter().map(|t| t.to_string()).collect(),
                p.office.clone().map(Cow::Owned),
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
