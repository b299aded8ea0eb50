//! The gazetteers shipped with Dossier, compiled into the binary from `data/`: countries with
//! their capitals and demonyms, international organisations and media, places, and the name
//! lists that tell people from other capitalised words.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use crate::model::ActorKind;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../data/organizations.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const SURNAMES: &str = include_str!("../../data/surnames.txt");
const GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");
const TITLES: &str = include_str!("../../data/titles.txt");
const STOP_CAPITALS: &str = include_str!("../../data/stop-capitals.txt");
const ORGANIZATION_WORDS: &str = include_str!("../../data/organization-words.txt");
const PLACE_WORDS: &str = include_str!("../../data/place-words.txt");

pub struct Entry {
    pub name: &'static str,
    pub kind: ActorKind,
    pub aliases: Vec<&'static str>,
    pub description: String,
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// The names and aliases (`patterns`) that start with one word, longest first so that
    /// `North Korea` beats `North`; `WordInfo` of that word says which list. A name can only
    /// start where a word of the report equals its first word.
    names_by_first: Vec<Vec<usize>>,
    /// The names and aliases, with the entry each names.
    pub patterns: Vec<(&'static str, usize)>,
    pub by_name: HashMap<&'static str, usize>,
    /// The entry each alias belongs to (the first, when two share one).
    pub by_alias: HashMap<&'static str, usize>,
    /// Every word of the name lists (surnames, given names), of the titles (the last word of
    /// each title without its full stop, and the words that may stand before it), every
    /// gazetteer name and alias, and the word lists of sentence openers, organisation and place
    /// words, with what it is (`SURNAME`, `TITLE_HEAD`, `NAME`,
    /// `ORG_WORD`…) and the names that start with it: one look-up per capitalised word of a
    /// report answers what would take up to nine.
    words: HashMap<&'static str, WordInfo>,
}

/// What one word is in the gazetteer's lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// `SURNAME`, `TITLE_HEAD`, `NAME`… (0 when in none of the lists).
    pub bits: u8,
    /// 1 + the index in `names_by_first` of the names starting with the word; 0 for none.
    names: u32,
}

fn list_words(list: &'static str) -> impl Iterator<Item = &'static str> {
    super::data_lines(list).flat_map(str::split_whitespace)
}

fn load(entries: &mut Vec<Entry>, data: &'static str, kind: ActorKind, country: bool) {
    for line in super::data_lines(data) {
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or("").trim();
        let aliases: Vec<&str> = cols
            .next()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        let third = cols.next().unwrap_or("").trim();
        let description = if country {
            if third.is_empty() {
                "country".to_string()
            } else {
                format!("country; capital {third}")
            }
        } else {
            third.to_string()
        };
        entries.push(Entry {
            name,
            kind,
            aliases,
            description,
        });
    }
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut entries = Vec::new();
    load(&mut entries, COUNTRIES, ActorKind::Country, true);
    load(&mut entries, ORGANIZATIONS, ActorKind::Organization, false);
    load(&mut entries, PLACES, ActorKind::Place, false);
    let mut patterns = Vec::new();
    let mut by_name = HashMap::default();
    let mut by_alias = HashMap::default();
    for (k, e) in entries.iter().enumerate() {
        by_name.insert(e.name, k);
        for alias in &e.aliases {
            by_alias.entry(*alias).or_insert(k);
        }
        for alias in std::iter::once(&e.name).chain(e.aliases.iter()) {
            if alias.starts_with("the ") {
                continue;
            }
            patterns.push((*alias, k));
        }
    }
    let mut words: HashMap<&'static str, WordInfo> = HashMap::default();
    let mut names_by_first: Vec<Vec<usize>> = Vec::new();
    for (p, &(name, _)) in patterns.iter().enumerate() {
        let first = super::token::tokenize(name)
            .first()
            .map_or(name, |t| &name[t.span.start..t.span.end]);
        let info = words.entry(first).or_default();
        if info.names == 0 {
            names_by_first.push(Vec::new());
            info.names = u32::try_from(names_by_first.len()).unwrap_or(u32::MAX);
        }
        names_by_first[info.names as usize - 1].push(p);
    }
    for list in &mut names_by_first {
        // Longest first; of two equal names, the first listed (stable sort).
        list.sort_by_key(|&p| std::cmp::Reverse(patterns[p].0.len()));
    }
    let mut mark = |w: &'static str, bit: u8| words.entry(w).or_default().bits |= bit;
    for line in super::data_lines(TITLES) {
        let ws: Vec<&str> = line
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .collect();
        if let Some((head, rest)) = ws.split_last() {
            mark(head, TITLE_HEAD);
            for w in rest {
                mark(w, TITLE_WORD);
            }
        }
    }
    list_words(SURNAMES).for_each(|w| mark(w, SURNAME));
    list_words(GIVEN_NAMES).for_each(|w| mark(w, GIVEN_NAME));
    by_name
        .keys()
        .chain(by_alias.keys())
        .for_each(|w| mark(w, NAME));
    list_words(STOP_CAPITALS)
        .chain(crate::calendar::WEEKDAY_NAMES)
        .chain(crate::calendar::MONTH_NAMES)
        .for_each(|w| mark(w, STOP_CAPITAL));
    list_words(ORGANIZATION_WORDS).for_each(|w| mark(w, ORG_WORD));
    list_words(PLACE_WORDS).for_each(|w| mark(w, PLACE_WORD));
    Gazetteer {
        entries,
        names_by_first,
        patterns,
        by_name,
        by_alias,
        words,
    }
});

/// `WordInfo::bits`: a family name (`Kim`, `Wang`).
pub const SURNAME: u8 = 1;
/// `WordInfo::bits`: a given name (`Samantha`).
pub const GIVEN_NAME: u8 = 2;
/// `WordInfo::bits`: the last word of a title (`Minister`, `Gen`).
pub const TITLE_HEAD: u8 = 4;
/// `WordInfo::bits`: a word that may stand before a title head (`Foreign`, `Vice`).
pub const TITLE_WORD: u8 = 8;
/// `WordInfo::bits`: a name or alias of a gazetteer entry (`Seoul`, `DPRK`).
pub const NAME: u8 = 16;
/// `WordInfo::bits`: a capitalised word that opens sentences, never a name (`The`, `May`).
pub const STOP_CAPITAL: u8 = 32;
/// `WordInfo::bits`: the last word of an organisation's name (`Ministry`, `Bank`).
pub const ORG_WORD: u8 = 64;
/// `WordInfo::bits`: the last word of a place's name (`Province`, `River`).
pub const PLACE_WORD: u8 = 128;

impl Gazetteer {
    /// What a word is in the lists, as `WordInfo::bits` flags (0 when in none).
    pub fn bits(&self, word: &str) -> u8 {
        self.word(word).bits
    }

    /// What a word is in the lists, and which names start with it.
    pub fn word(&self, word: &str) -> WordInfo {
        self.words.get(word).copied().unwrap_or_default()
    }

    /// The patterns (indices into `patterns`) of the names that start with the word `info`
    /// describes, longest first.
    pub fn names_starting(&self, info: WordInfo) -> &[usize] {
        info.names
            .checked_sub(1)
            .map_or(&[], |k| &self.names_by_first[k as usize])
    }
}

pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_loads_every_un_member_with_capitals_and_demonyms() {
        let g = get();
        let countries = g
            .entries
            .iter()
            .filter(|e| e.kind == ActorKind::Country)
            .count();
        assert!(countries >= 193, "{countries} countries");
        let nk = &g.entries[g.by_name["North Korea"]];
        assert!(nk.aliases.contains(&"Pyongyang") && nk.aliases.contains(&"DPRK"));
        let eu = &g.entries[g.by_name["European Union"]];
        assert!(eu.aliases.contains(&"Brussels"));
        assert!(g.bits("Minister") & TITLE_HEAD != 0 && g.bits("Prime") & TITLE_WORD != 0);
    }

    #[test]
    fn the_word_lists_mark_sentence_openers_and_last_words_as_written() {
        let g = get();
        assert_eq!(list_words(STOP_CAPITALS).count(), 84);
        assert_eq!(list_words(ORGANIZATION_WORDS).count(), 82);
        assert_eq!(list_words(PLACE_WORDS).count(), 34);
        assert!(g.bits("However") & STOP_CAPITAL != 0 && g.bits("however") & STOP_CAPITAL == 0);
        assert!(g.bits("October") & STOP_CAPITAL != 0);
        assert!(g.bits("Shimbun") & ORG_WORD != 0 && g.bits("Prefecture") & PLACE_WORD != 0);
    }
}
