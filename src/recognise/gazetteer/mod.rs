//! The gazetteers shipped with Dossier, compiled into the binary from `data/`: countries with
//! their capitals and demonyms, international and regional organisations, national bodies,
//! companies, groups, media and think tanks, cities and provinces, and the name lists that tell
//! people from other capitalised words. `build.rs` lays them out as constants
//! (`static_map`), so that none is read or hashed when Dossier starts.

pub mod static_map;

use crate::model::ActorKind;
use static_map::{StaticLists, StaticMap};

/// A gazetteer entry, read from its record (`Gazetteer::entry`).
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub name: &'static str,
    pub kind: ActorKind,
    pub aliases: Aliases,
    pub description: &'static str,
    /// The country a national body, company, group or place belongs to.
    pub country: Option<&'static str>,
    /// Whether its generic forms (`Foreign Ministry`, `National Assembly`) name it only where
    /// the text speaks of its country: `link` decides which country's body a mention is.
    pub contextual: bool,
}

/// The aliases of an entry, as spans of the entries' text.
#[derive(Clone, Copy, Debug)]
pub struct Aliases {
    text: &'static str,
    /// Little-endian `u32` pairs: where each alias starts and ends in `text`.
    spans: &'static [u8],
}

impl Aliases {
    pub fn len(&self) -> usize {
        self.spans.len() / 8
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Alias `i`.
    pub fn get(&self, i: usize) -> &'static str {
        let start = static_map::u32_at(self.spans, 2 * i) as usize;
        let end = static_map::u32_at(self.spans, 2 * i + 1) as usize;
        &self.text[start..end]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &'static str> + Clone + 'static {
        let this = *self;
        (0..self.len()).map(move |i| this.get(i))
    }

    pub fn contains(&self, alias: &str) -> bool {
        self.iter().any(|a| a == alias)
    }
}

/// The entries: their strings one after another, and a record of eight `u32`s for each (name
/// start and end, description end, country start and end, first and past-last alias, kind
/// and flags). Offsets instead of `&str`s keep 1.7 MB of pointers and 2 MB of relocations out
/// of the binary, which the loader would otherwise touch and write at every start.
struct StaticEntries {
    text: &'static str,
    records: &'static [u8],
    aliases: &'static [u8],
}

pub struct Gazetteer {
    entries: &'static StaticEntries,
    /// The names and aliases (`patterns`) that start with one word, in byte order, so that the
    /// longest of them a text starts with is found by binary search; `WordInfo` of that word
    /// says which list. A name can only start where a word of the report equals its first word.
    names_by_first: &'static StaticLists,
    /// The names and aliases, with the entry each names.
    patterns: &'static StaticPatterns,
    by_name: &'static StaticMap,
    /// The entry each alias belongs to (the first, when two share one).
    by_alias: &'static StaticMap,
    /// Every entry each form of a contextual entry names (`Foreign Ministry`: the foreign
    /// ministries of every country that goes by it), for `link` to pick the country's own:
    /// the number of a list of `contextual_lists`.
    contextual_forms: &'static StaticMap,
    contextual_lists: &'static StaticLists,
    /// Every word of the name lists (surnames, given names), of the titles (the last word of
    /// each title without its full stop, with the swaps of two neighbouring letters that are
    /// no other word, and the words that may stand before it), every gazetteer name and alias
    /// but those of towns, and the word lists of sentence openers, organisation and place words,
    /// with what it is (`SURNAME`, `TITLE_HEAD`, `NAME`, `ORG_WORD`…, the low byte) and 1 + the
    /// number of the list of names that start with it (the rest): one look-up per capitalised
    /// word of a report answers what would take up to nine.
    words: &'static StaticMap,
}

/// The names and aliases one after another, with where each ends and the entry each names.
struct StaticPatterns {
    names: &'static str,
    ends: &'static [u8],
    entries: &'static [u8],
}

/// What one word is in the gazetteer's lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// `SURNAME`, `TITLE_HEAD`, `NAME`… (0 when in none of the lists).
    pub bits: u8,
    /// 1 + the index in `names_by_first` of the names starting with the word; 0 for none.
    names: u32,
}

include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));

static GAZETTEER: Gazetteer = Gazetteer {
    entries: &ENTRIES,
    names_by_first: &NAMES_BY_FIRST,
    patterns: &PATTERNS,
    by_name: &BY_NAME,
    by_alias: &BY_ALIAS,
    contextual_forms: &CONTEXTUAL_FORMS,
    contextual_lists: &CONTEXTUAL_LISTS,
    words: &WORDS,
};

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
    /// How many entries there are.
    pub fn entry_count(&self) -> usize {
        self.entries.records.len() / 32
    }

    /// Field `f` of entry `k`'s record.
    #[inline]
    fn field(&self, k: usize, f: usize) -> usize {
        static_map::u32_at(self.entries.records, 8 * k + f) as usize
    }

    /// Entry `k`'s kind, read without its strings.
    #[inline]
    pub fn kind(&self, k: usize) -> ActorKind {
        KINDS[self.field(k, 7) & 0xff]
    }

    /// Whether entry `k` is contextual (`Entry::contextual`), read without its strings.
    #[inline]
    pub fn is_contextual(&self, k: usize) -> bool {
        self.field(k, 7) & 1 << 8 != 0
    }

    /// Entry `k`.
    pub fn entry(&self, k: usize) -> Entry {
        let text = self.entries.text;
        let flags = self.field(k, 7);
        let (name, desc_end) = (self.field(k, 1), self.field(k, 2));
        Entry {
            name: &text[self.field(k, 0)..name],
            kind: KINDS[flags & 0xff],
            aliases: Aliases {
                text,
                spans: &self.entries.aliases[8 * self.field(k, 5)..8 * self.field(k, 6)],
            },
            description: &text[name..desc_end],
            country: (flags & 1 << 9 != 0).then(|| &text[self.field(k, 3)..self.field(k, 4)]),
            contextual: flags & 1 << 8 != 0,
        }
    }

    /// Every entry, in the order of the tables.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.entry_count()).map(|k| self.entry(k))
    }

    /// What a word is in the lists, as `WordInfo::bits` flags (0 when in none).
    #[inline]
    pub fn bits(&self, word: &str) -> u8 {
        self.word(word).bits
    }

    /// What a word is in the lists, and which names start with it.
    #[inline]
    pub fn word(&self, word: &str) -> WordInfo {
        self.words
            .get(word)
            .map_or(WordInfo::default(), |v| WordInfo {
                bits: (v & 0xff) as u8,
                names: v >> 8,
            })
    }

    /// What a word with accents is in the name lists, read without them (`Xóchitl` as
    /// `Xochitl`, `Tarcísio` as `Tarcisio`): the lists hold many names in ASCII only. Only the
    /// given-name and family-name flags are kept, since gazetteer names match as written.
    pub fn name_word_folded(&self, word: &str) -> u8 {
        if word.is_ascii() || word.len() > 32 {
            return 0;
        }
        let mut folded = String::with_capacity(word.len());
        for c in word.chars() {
            let base = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
                'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'A',
                'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
                'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
                'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
                'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => 'I',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
                'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'O',
                'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
                'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
                'ñ' => 'n',
                'Ñ' => 'N',
                'ç' | 'č' => 'c',
                'Ç' | 'Č' => 'C',
                'ş' | 'š' => 's',
                'Ş' | 'Š' => 'S',
                'ğ' => 'g',
                'ý' => 'y',
                'ž' => 'z',
                'Ž' => 'Z',
                c if c.is_ascii() => c,
                _ => return 0,
            };
            folded.push(base);
        }
        self.bits(&folded) & (GIVEN_NAME | SURNAME)
    }

    /// The patterns (numbers for `pattern`) of the names that start with the word `info`
    /// describes, in byte order of their names.
    pub fn names_starting(&self, info: WordInfo) -> impl ExactSizeIterator<Item = usize> + Clone {
        self.names_by_first
            .list(info.names.checked_sub(1).map(|k| k as usize))
    }

    /// The patterns of the names that start with the word `info` describes, as the numbers for
    /// `pattern` of `name_item(i)` for `i` in the range, in byte order of their names.
    #[inline]
    pub fn name_range(&self, info: WordInfo) -> std::ops::Range<usize> {
        let (a, b) = self
            .names_by_first
            .bounds(info.names.checked_sub(1).map(|k| k as usize));
        a..b
    }

    /// The pattern at `i` of a `name_range`.
    #[inline]
    pub fn name_item(&self, i: usize) -> usize {
        self.names_by_first.item(i)
    }

    /// Pattern `p`: a name or alias, and the entry it names.
    #[inline]
    pub fn pattern(&self, p: usize) -> (&'static str, usize) {
        let pats = self.patterns;
        let start = if p == 0 {
            0
        } else {
            static_map::u32_at(pats.ends, p - 1) as usize
        };
        let end = static_map::u32_at(pats.ends, p) as usize;
        (
            &pats.names[start..end],
            static_map::u32_at(pats.entries, p) as usize,
        )
    }

    /// How many patterns there are.
    pub fn pattern_count(&self) -> usize {
        self.patterns.entries.len() / 4
    }

    /// The entry a name is the name of (the first listed).
    #[inline]
    pub fn named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).map(|k| k as usize)
    }

    /// The entry a form is an alias of (the first listed).
    #[inline]
    pub fn aliased(&self, alias: &str) -> Option<usize> {
        self.by_alias.get(alias).map(|k| k as usize)
    }

    /// The entry a form names, as a name first, else as an alias.
    #[inline]
    pub fn entry_of(&self, form: &str) -> Option<usize> {
        self.named(form).or_else(|| self.aliased(form))
    }

    /// The entries a form of a contextual entry names, of every country that goes by it.
    pub fn contextual(&self, form: &str) -> Option<impl ExactSizeIterator<Item = usize> + Clone> {
        let k = self.contextual_forms.get(form)?;
        Some(self.contextual_lists.list(Some(k as usize)))
    }
}

pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a list file, which must be many: a loader that read none would pass the
    /// per-word checks below.
    fn list_words(file: &str) -> Vec<&str> {
        let words: Vec<&str> = super::super::data_lines(file)
            .flat_map(str::split_whitespace)
            .collect();
        assert!(words.len() >= 30, "{} words", words.len());
        words
    }

    #[test]
    fn gazetteer_loads_every_un_member_with_capitals_and_demonyms() {
        let g = get();
        let countries = g.entries().filter(|e| e.kind == ActorKind::Country).count();
        assert!(countries >= 193, "{countries} countries");
        let nk = g.entry(g.named("North Korea").unwrap());
        assert!(nk.aliases.contains("Pyongyang") && nk.aliases.contains("DPRK"));
        let eu = g.entry(g.named("European Union").unwrap());
        assert!(eu.aliases.contains("Brussels"));
        assert!(g.bits("Minister") & TITLE_HEAD != 0 && g.bits("Prime") & TITLE_WORD != 0);
    }

    #[test]
    fn the_word_lists_mark_sentence_openers_and_last_words_as_written() {
        let g = get();
        // Every word of each list carries its flag, as written (no case folding).
        for (file, bit) in [
            (
                include_str!("../../../data/stop-capitals.txt"),
                STOP_CAPITAL,
            ),
            (
                include_str!("../../../data/organization-words.txt"),
                ORG_WORD,
            ),
            (include_str!("../../../data/place-words.txt"), PLACE_WORD),
        ] {
            for w in list_words(file) {
                assert!(g.bits(w) & bit != 0, "{w}");
            }
        }
        assert!(g.bits("However") & STOP_CAPITAL != 0 && g.bits("however") & STOP_CAPITAL == 0);
        for w in crate::calendar::MONTH_NAMES
            .iter()
            .chain(&crate::calendar::WEEKDAY_NAMES)
        {
            assert!(g.bits(w) & STOP_CAPITAL != 0, "{w}");
        }
        assert!(g.bits("Shimbun") & ORG_WORD != 0 && g.bits("Prefecture") & PLACE_WORD != 0);
        assert!(
            g.bits("Premeir") & TITLE_HEAD != 0,
            "a swapped title is still one"
        );
    }

    #[test]
    fn the_tables_load_with_their_countries_kinds_and_contexts() {
        let g = get();
        let entry = |n: &str| g.entry(g.named(n).unwrap_or_else(|| panic!("{n}")));
        assert!(g.entry_count() > 15_000, "{}", g.entry_count());
        let surabaya = entry("Surabaya");
        assert_eq!(surabaya.kind, ActorKind::Place);
        assert_eq!(surabaya.description, "city in Indonesia");
        assert_eq!(entry("Pertamina").country, Some("Indonesia"));
        assert_eq!(entry("al-Shabaab").kind, ActorKind::Group);
        let mfa = entry("Ministry of Foreign Affairs (China)");
        assert!(mfa.contextual && mfa.aliases.contains("Ministry of Foreign Affairs"));
        let ministries = g.contextual("Foreign Ministry").unwrap();
        assert!(ministries.len() > 50, "{}", ministries.len());
        // Towns are names but not `NAME` words: they may be the given names of people.
        assert_eq!(g.bits("Surabaya") & NAME, 0);
        assert_ne!(g.bits("Seoul") & NAME, 0);
        assert_ne!(g.bits("Fatima") & GIVEN_NAME, 0);
    }

    #[test]
    fn every_name_starts_with_the_word_the_tokenizer_reads_first() {
        // `build.rs` finds a name's first word without the tokenizer; they must agree, or the
        // name could never match.
        let g = get();
        for p in 0..g.pattern_count() {
            let (name, _) = g.pattern(p);
            let toks = crate::recognise::token::tokenize(name);
            let first = toks.first().map_or("", |t| &name[t.span.start..t.span.end]);
            let info = g.word(first);
            assert!(
                g.names_starting(info).any(|q| g.pattern(q).0 == name),
                "{name:?} is not found from its first word {first:?}"
            );
        }
    }
}
