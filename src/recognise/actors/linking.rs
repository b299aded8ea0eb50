//! Joins the mentions of a report's paragraphs into its actors: people by full and titled names,
//! acronyms defined anywhere, bare surnames to the nearest person of that name, then one actor
//! per referent.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::{Gathered, Referent};
use crate::config::ActorDef;
use crate::model::{Actor, ActorKind};
use crate::recognise::gazetteer;
use crate::recognise::token::all_capitals;
use crate::text::Span;

/// A person found by a full or titled name. Names are borrowed from the paragraphs' mentions
/// while linking.
#[derive(Clone, Debug)]
struct Person<'a> {
    name: &'a str,
    surname: &'a str,
    titles: Vec<&'a str>,
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
            let acronym = (word.len() >= 2 && all_capitals(word))
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
