//! Lays out the gazetteer of `data/` as constants: its entries, the names that start with each
//! word, and what every word of the lists is, in hash tables whose slots are computed here.
//! Reading and hashing over a hundred thousand names at start-up took tens of milliseconds and
//! megabytes of heap; as constants they take neither.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/recognise/gazetteer/static_map.rs"]
#[allow(dead_code)]
mod static_map;

// The month and weekday names, which open sentences and are never names.
#[path = "src/calendar.rs"]
#[allow(dead_code)]
mod calendar;

// `WordInfo::bits`, checked against the program's constants by the code written below.
const SURNAME: u8 = 1;
const GIVEN_NAME: u8 = 2;
const TITLE_HEAD: u8 = 4;
const TITLE_WORD: u8 = 8;
const NAME: u8 = 16;
const STOP_CAPITAL: u8 = 32;
const ORG_WORD: u8 = 64;
const PLACE_WORD: u8 = 128;

/// Where a table keeps each field, by column.
struct Table {
    file: &'static str,
    kind: &'static str,
    name: usize,
    aliases: usize,
    country: Option<usize>,
    describe: Describe,
    context: Option<usize>,
}

enum Describe {
    Column(usize),
    /// A country: `country; capital …` from the capital column.
    Country(usize),
    /// `city in Japan`: the words before the country.
    In(&'static str),
    /// `province of China`: the column holding the type, then the country.
    TypeOf(usize),
}

/// The tables in order of precedence: when two entries share a form, the first listed wins.
const TABLES: [Table; 9] = [
    Table {
        file: "countries.tsv",
        kind: "Country",
        name: 0,
        aliases: 1,
        country: None,
        describe: Describe::Country(2),
        context: None,
    },
    Table {
        file: "organizations.tsv",
        kind: "Organization",
        name: 0,
        aliases: 1,
        country: None,
        describe: Describe::Column(2),
        context: None,
    },
    Table {
        file: "institutions.tsv",
        kind: "Organization",
        name: 2,
        aliases: 3,
        country: Some(0),
        describe: Describe::Column(4),
        context: Some(5),
    },
    Table {
        file: "research-and-media.tsv",
        kind: "Organization",
        name: 0,
        aliases: 1,
        country: Some(2),
        describe: Describe::Column(4),
        context: Some(5),
    },
    Table {
        file: "companies.tsv",
        kind: "Organization",
        name: 0,
        aliases: 1,
        country: Some(2),
        describe: Describe::Column(3),
        context: None,
    },
    Table {
        file: "groups.tsv",
        kind: "Group",
        name: 0,
        aliases: 1,
        country: Some(2),
        describe: Describe::Column(4),
        context: Some(5),
    },
    Table {
        file: "places.tsv",
        kind: "Place",
        name: 0,
        aliases: 1,
        country: None,
        describe: Describe::Column(2),
        context: None,
    },
    Table {
        file: "subdivisions.tsv",
        kind: "Place",
        name: 0,
        aliases: 1,
        country: Some(2),
        describe: Describe::TypeOf(3),
        context: None,
    },
    Table {
        file: "cities.tsv",
        kind: "Place",
        name: 0,
        aliases: 1,
        country: Some(2),
        describe: Describe::In("city in"),
        context: None,
    },
];

struct Entry {
    name: String,
    kind: &'static str,
    aliases: Vec<String>,
    description: String,
    country: Option<String>,
    contextual: bool,
    /// A city or province with a country: a name, but not a `NAME` word (see below).
    town: bool,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

fn read(dir: &Path, file: &str) -> String {
    let path = dir.join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(dir: &Path, table: &Table, entries: &mut Vec<Entry>) {
    let text = read(dir, table.file);
    for line in data_lines(&text) {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let col = |k: usize| cols.get(k).copied().unwrap_or("");
        let written = col(table.name);
        if written.is_empty() {
            continue;
        }
        let mut aliases: Vec<String> = col(table.aliases)
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty() && *a != written)
            .map(str::to_string)
            .collect();
        let country = table.country.map(col).filter(|c| !c.is_empty());
        let description = match table.describe {
            Describe::Column(k) => col(k).to_string(),
            Describe::Country(k) if col(k).is_empty() => "country".to_string(),
            Describe::Country(k) => format!("country; capital {}", col(k)),
            Describe::In(words) => format!("{words} {}", country.unwrap_or("")),
            Describe::TypeOf(k) => {
                format!("{} of {}", col(k).to_lowercase(), country.unwrap_or(""))
            }
        };
        let contextual = table.context.is_some_and(|k| col(k) == "country");
        // A body of one country among many of the same name goes by its name and its country
        // (`Ministry of Foreign Affairs (China)`), so that two countries' bodies stay two
        // actors wherever they are listed; its written name stays one of its forms.
        let name = match country {
            Some(c) if contextual && !written.contains(c) => {
                aliases.insert(0, written.to_string());
                format!("{written} ({c})")
            }
            _ => written.to_string(),
        };
        let kind = match (table.kind, col(3)) {
            // The groups' table says which are parties: organisations, not armed groups.
            ("Group", "political party") => "Organization",
            (kind, _) => kind,
        };
        entries.push(Entry {
            name,
            kind,
            aliases,
            description,
            country: country.map(str::to_string),
            contextual,
            town: table.kind == "Place" && country.is_some(),
        });
    }
}

/// The first word of a name as the tokenizer reads it: a run of letters (a test checks that
/// the two agree on every name).
fn first_word(name: &str) -> &str {
    let end = name
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic() || ('\u{2000}'..='\u{206f}').contains(&c))
        .map_or(name.len(), |(i, _)| i);
    if end == 0 && name.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = name
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(name.len());
        &name[..digits]
    } else if end == 0 {
        // A name opening with punctuation (`'Alī Ābād`) starts with that character.
        name.chars().next().map_or("", |c| &name[..c.len_utf8()])
    } else {
        &name[..end]
    }
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    data_lines(text).flat_map(str::split_whitespace)
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// The names and aliases of the entries, each with its entry and in the order listed, and the
/// forms of contextual entries with every entry that goes by each.
struct Names<'a> {
    patterns: Vec<(&'a str, usize)>,
    by_name: HashMap<&'a str, usize>,
    by_alias: HashMap<&'a str, usize>,
    name_order: Vec<&'a str>,
    alias_order: Vec<&'a str>,
    contextual: HashMap<&'a str, Vec<usize>>,
    contextual_order: Vec<&'a str>,
}

/// What each word is (`bits`) and 1 + the number of the list of names that start with it.
#[derive(Default, Clone, Copy)]
struct Info {
    bits: u8,
    names: u32,
}

struct Words<'a> {
    words: HashMap<&'a str, Info>,
    word_order: Vec<&'a str>,
    names_by_first: Vec<Vec<usize>>,
}

fn names(entries: &[Entry]) -> Names<'_> {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    // Names and aliases, each with its entry; `the …` forms are for display only.
    let mut patterns: Vec<(&str, usize)> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_alias: HashMap<&str, usize> = HashMap::new();
    let mut name_order: Vec<&str> = Vec::new();
    let mut alias_order: Vec<&str> = Vec::new();
    let mut contextual: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut contextual_order: Vec<&str> = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        if !by_name.contains_key(e.name.as_str()) {
            by_name.insert(&e.name, k);
            name_order.push(&e.name);
        }
        for alias in &e.aliases {
            if !by_alias.contains_key(alias.as_str()) {
                by_alias.insert(alias, k);
                alias_order.push(alias);
            }
        }
        for form in std::iter::once(&e.name).chain(&e.aliases) {
            // One pattern per form: of the entries that share one (`Foreign Ministry` of a
            // hundred countries), the first listed is matched, and `link` picks the country's.
            if !form.starts_with("the ") && seen.insert(form.as_str()) {
                patterns.push((form, k));
            }
            if e.contextual {
                let list = contextual.entry(form).or_insert_with(|| {
                    contextual_order.push(form);
                    Vec::new()
                });
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
    }

    Names {
        patterns,
        by_name,
        by_alias,
        name_order,
        alias_order,
        contextual,
        contextual_order,
    }
}

fn words<'a>(dir: &Path, entries: &'a [Entry], names: &Names<'a>) -> Words<'a> {
    let Names {
        patterns,
        by_name,
        by_alias,
        ..
    } = names;
    // What each word is, and the names that start with it, in byte order: the prefixes of a
    // text among them are found by binary search (`actors::names::gazetteer_matches`).
    let mut words: HashMap<&str, Info> = HashMap::new();
    let mut word_order: Vec<&str> = Vec::new();
    let mut names_by_first: Vec<Vec<usize>> = Vec::new();
    for (p, &(name, _)) in patterns.iter().enumerate() {
        let first = first_word(name);
        let i = words.entry(first).or_insert_with(|| {
            word_order.push(first);
            Info::default()
        });
        if i.names == 0 {
            names_by_first.push(Vec::new());
            i.names = u32::try_from(names_by_first.len()).expect("few lists");
        }
        names_by_first[i.names as usize - 1].push(p);
    }
    for list in &mut names_by_first {
        list.sort_by(|&a, &b| patterns[a].0.as_bytes().cmp(patterns[b].0.as_bytes()));
    }
    let texts: HashMap<&str, String> = [
        "titles.txt",
        "surnames.txt",
        "given-names.txt",
        "given-names-world.txt",
        "stop-capitals.txt",
        "organization-words.txt",
        "place-words.txt",
    ]
    .into_iter()
    .map(|f| (f, read(dir, f)))
    .collect();
    let mut marks: Vec<(String, u8)> = Vec::new();
    let mut typos: Vec<String> = Vec::new();
    for line in data_lines(&texts["titles.txt"]) {
        let ws: Vec<&str> = line
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .collect();
        if let Some((head, rest)) = ws.split_last() {
            marks.push((head.to_string(), TITLE_HEAD));
            // `Premeir`, `Presdient`: a title with two neighbouring letters swapped still
            // introduces a name (`offices::one_swap` forgives it when naming the holder).
            if head.len() >= 6 && head.is_ascii() {
                for k in 1..head.len() - 1 {
                    let mut b = head.as_bytes().to_vec();
                    b.swap(k, k + 1);
                    if b[k] != b[k + 1] {
                        typos.push(String::from_utf8(b).expect("ASCII"));
                    }
                }
            }
            for w in rest {
                marks.push((w.to_string(), TITLE_WORD));
            }
        }
    }
    // Only swaps that are no name of their own.
    for t in typos {
        if !by_name.contains_key(t.as_str()) && !by_alias.contains_key(t.as_str()) {
            marks.push((t, TITLE_HEAD));
        }
    }
    for w in words_of(&texts["surnames.txt"]) {
        marks.push((w.to_string(), SURNAME));
    }
    for f in ["given-names.txt", "given-names-world.txt"] {
        for w in words_of(&texts[f]) {
            marks.push((w.to_string(), GIVEN_NAME));
        }
    }
    // Cities and provinces are names too, but not `NAME`s: thousands of them are also the
    // given names of people (`Wu Dawei`, `Liu Yunshan`), which a name's words may not be. They
    // are still matched as places where no person's name takes them.
    for (form, &k) in by_name.iter().chain(by_alias.iter()) {
        if !entries[k].town {
            marks.push((form.to_string(), NAME));
        }
    }
    for w in words_of(&texts["stop-capitals.txt"])
        .chain(calendar::MONTH_NAMES)
        .chain(calendar::WEEKDAY_NAMES)
    {
        marks.push((w.to_string(), STOP_CAPITAL));
    }
    for w in words_of(&texts["organization-words.txt"]) {
        marks.push((w.to_string(), ORG_WORD));
    }
    for w in words_of(&texts["place-words.txt"]) {
        marks.push((w.to_string(), PLACE_WORD));
    }
    // The marked words outlive `words`, which borrows them.
    let marks: &'static [(String, u8)] = Box::leak(marks.into_boxed_slice());
    for (w, bit) in marks {
        let i = words.entry(w.as_str()).or_insert_with(|| {
            word_order.push(w.as_str());
            Info::default()
        });
        i.bits |= bit;
    }

    Words {
        words,
        word_order,
        names_by_first,
    }
}

/// The kinds of entry, numbered in the records by their place here.
const KINDS: [&str; 5] = ["Person", "Country", "Organization", "Place", "Group"];

fn emit(entries: &[Entry], names: &Names<'_>, words: &Words<'_>) -> String {
    let Names {
        patterns,
        by_name,
        by_alias,
        name_order,
        alias_order,
        contextual,
        contextual_order,
    } = names;
    let Words {
        words,
        word_order,
        names_by_first,
    } = words;
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let mut out = String::new();
    out.push_str("// Written by build.rs from data/; do not edit.\n");
    writeln!(
        out,
        "const _: () = assert!(SURNAME == {SURNAME} && GIVEN_NAME == {GIVEN_NAME} && TITLE_HEAD == {TITLE_HEAD} && TITLE_WORD == {TITLE_WORD} && NAME == {NAME} && STOP_CAPITAL == {STOP_CAPITAL} && ORG_WORD == {ORG_WORD} && PLACE_WORD == {PLACE_WORD});"
    )
    .ok();
    // Numbers go into files of little-endian `u32`s, which the program includes as bytes.
    let bytes = |file: &str, values: &mut dyn Iterator<Item = u32>| -> String {
        let data: Vec<u8> = values.flat_map(u32::to_le_bytes).collect();
        std::fs::write(out_dir.join(file), data).expect("OUT_DIR is writable");
        format!("include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))")
    };
    let u32_of = |n: usize| u32::try_from(n).expect("tables under 4 billion");
    let ends_of = |lens: &mut dyn Iterator<Item = usize>| -> Vec<u32> {
        let mut at = 0;
        lens.map(|l| {
            at += l;
            u32_of(at)
        })
        .collect()
    };
    // The entries as one text and records of offsets into it, so that they, like the tables
    // below, need no relocation when the program loads (`gazetteer::Entry`).
    let mut text = String::new();
    let mut records: Vec<u32> = Vec::with_capacity(entries.len() * 8);
    let mut alias_spans: Vec<u32> = Vec::new();
    let push = |s: &str, text: &mut String| -> (u32, u32) {
        let start = u32_of(text.len());
        text.push_str(s);
        (start, u32_of(text.len()))
    };
    for e in entries {
        let (name_start, name_end) = push(&e.name, &mut text);
        let (_, desc_end) = push(&e.description, &mut text);
        let (country_start, country_end) =
            e.country.as_deref().map_or((0, 0), |c| push(c, &mut text));
        let alias_first = u32_of(alias_spans.len() / 2);
        for a in &e.aliases {
            let (s, t) = push(a, &mut text);
            alias_spans.extend([s, t]);
        }
        let kind = KINDS
            .iter()
            .position(|k| *k == e.kind)
            .expect("a known kind");
        let flags =
            u32_of(kind) | (u32::from(e.contextual) << 8) | (u32::from(e.country.is_some()) << 9);
        records.extend([
            name_start,
            name_end,
            desc_end,
            country_start,
            country_end,
            alias_first,
            u32_of(alias_spans.len() / 2),
            flags,
        ]);
    }
    std::fs::write(out_dir.join("entries.txt"), &text).expect("OUT_DIR is writable");
    // The program reads a record's kind by its number in this list.
    let kinds: Vec<String> = KINDS.iter().map(|k| format!("ActorKind::{k}")).collect();
    writeln!(
        out,
        "const KINDS: [ActorKind; {}] = [{}];",
        KINDS.len(),
        kinds.join(", ")
    )
    .ok();
    writeln!(
        out,
        "static ENTRIES: StaticEntries = StaticEntries {{ text: include_str!(concat!(env!(\"OUT_DIR\"), \"/entries.txt\")), records: {}, aliases: {} }};",
        bytes("entries.records", &mut records.into_iter()),
        bytes("entries.aliases", &mut alias_spans.into_iter()),
    )
    .ok();
    let lists = |name: &str, lists: &[Vec<usize>], out: &mut String| {
        let items = bytes(
            &format!("{name}.items"),
            &mut lists.iter().flatten().map(|&k| u32_of(k)),
        );
        let ends = ends_of(&mut lists.iter().map(Vec::len));
        let ends = bytes(&format!("{name}.ends"), &mut ends.into_iter());
        writeln!(
            out,
            "static {name}: StaticLists = StaticLists {{ items: {items}, ends: {ends} }};"
        )
        .ok();
    };
    lists("NAMES_BY_FIRST", names_by_first, &mut out);
    let contextual_lists: Vec<Vec<usize>> = contextual_order
        .iter()
        .map(|k| contextual[k].clone())
        .collect();
    lists("CONTEXTUAL_LISTS", &contextual_lists, &mut out);
    let pattern_names: Vec<&str> = patterns.iter().map(|&(p, _)| p).collect();
    let pattern_ends = ends_of(&mut pattern_names.iter().map(|p| p.len()));
    writeln!(
        out,
        "static PATTERNS: StaticPatterns = StaticPatterns {{ names: {}, ends: {}, entries: {} }};",
        lit(&pattern_names.concat()),
        bytes("patterns.ends", &mut pattern_ends.into_iter()),
        bytes(
            "patterns.entries",
            &mut patterns.iter().map(|&(_, k)| u32_of(k))
        ),
    )
    .ok();
    let map = |name: &str, keys: &[&str], value: &dyn Fn(usize, &str) -> u32, out: &mut String| {
        let ends = ends_of(&mut keys.iter().map(|k| k.len()));
        let lower = name.to_lowercase();
        writeln!(
            out,
            "static {name}: StaticMap = StaticMap {{ keys: {}, ends: {}, values: {}, slots: {} }};",
            lit(&keys.concat()),
            bytes(&format!("{lower}.ends"), &mut ends.into_iter()),
            bytes(
                &format!("{lower}.values"),
                &mut keys.iter().enumerate().map(|(i, k)| value(i, k))
            ),
            bytes(
                &format!("{lower}.slots"),
                &mut static_map::slots(keys).into_iter()
            ),
        )
        .ok();
    };
    map("BY_NAME", name_order, &|_, k| u32_of(by_name[k]), &mut out);
    map(
        "BY_ALIAS",
        alias_order,
        &|_, k| u32_of(by_alias[k]),
        &mut out,
    );
    map(
        "CONTEXTUAL_FORMS",
        contextual_order,
        &|i, _| u32_of(i),
        &mut out,
    );
    map(
        "WORDS",
        word_order,
        &|_, k| {
            let i = words[k];
            assert!(i.names < 1 << 24, "names fit in 24 bits");
            (i.names << 8) | u32::from(i.bits)
        },
        &mut out,
    );
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/recognise/gazetteer/static_map.rs");
    println!("cargo:rerun-if-changed=src/calendar.rs");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("data");
    let mut entries = Vec::new();
    for table in &TABLES {
        load(&dir, table, &mut entries);
    }

    let names = names(&entries);
    let words = words(&dir, &entries, &names);
    let out = emit(&entries, &names, &words);
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets it")).join("gazetteer.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
