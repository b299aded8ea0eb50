//! Names matched as they are written: the names and aliases a configuration adds, acronyms
//! defined beside their long form (`Asian Infrastructure Investment Bank (AIIB)`), and the
//! gazetteer's names.

use aho_corasick::{AhoCorasick, MatchKind};
use smallvec::SmallVec;

use super::{Ctx, Key};
use crate::config::{ActorDef, Pattern, PatternKind};
use crate::model::ActorKind;
use crate::recognise::gazetteer::{self, ORG_WORD};
use crate::recognise::token::{CAPITAL, Kind, Tokens, all_capitals, is_apostrophe, is_dash};
use crate::text::Span;

/// Whether `span` of `text` is whole words: no letter or digit glued to either end.
pub(super) fn word_boundary(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The names and aliases of the actors a configuration adds, matched before anything else.
pub struct Configured {
    matcher: AhoCorasick,
    /// The definition each pattern names.
    owner: Vec<usize>,
    /// Each `[[patterns]]` regex of actors, with the kind of its actors and the definition
    /// that its `name` declares.
    regexes: Vec<(std::sync::Arc<regex::Regex>, ActorKind, Option<usize>)>,
}

impl Configured {
    /// Built once per analysis (sharing the regexes compiled with the configuration); `None`
    /// without configured actors or patterns of them.
    pub fn new(defs: &[ActorDef], patterns: &[Pattern]) -> Option<Configured> {
        let regexes: Vec<_> = patterns
            .iter()
            .filter_map(|p| match &p.kind {
                PatternKind::Actor { kind, name } => {
                    let def = name
                        .as_ref()
                        .and_then(|n| defs.iter().position(|d| d.name == *n));
                    Some((p.regex.clone(), *kind, def))
                }
                _ => None,
            })
            .collect();
        if defs.is_empty() && regexes.is_empty() {
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
        Some(Configured {
            matcher,
            owner,
            regexes,
        })
    }

    /// Claims every configured name of the paragraph that stands as whole words.
    pub(super) fn claim(&self, cx: &mut Ctx<'_>) {
        for m in self.matcher.find_iter(cx.text) {
            let span = Span::new(m.start(), m.end());
            if word_boundary(cx.text, span) {
                cx.claim(span, Key::Config(self.owner[m.pattern().as_usize()]));
            }
        }
        // After the names: a name the configuration spells out wins over a pattern's match,
        // which is a mention without the white space at its ends (`Operation (?:[A-Z]\w+ ?)+`).
        for (regex, kind, def) in &self.regexes {
            for m in regex.find_iter(cx.text) {
                let trimmed = m.as_str().trim_start();
                let start = m.end() - trimmed.len();
                let span = Span::new(start, start + trimmed.trim_end().len());
                if word_boundary(cx.text, span) {
                    cx.claim(span, def.map_or(Key::Named(span, *kind), Key::Config));
                }
            }
        }
    }
}

/// `Asian Infrastructure Investment Bank (AIIB)` and `AIIB (Asian …)`: the long form and the
/// acronym name one actor when the long form looks like an organisation.
pub(super) fn acronym_definitions(cx: &mut Ctx<'_>, map: &mut Vec<(Span, Key)>) {
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
        if cx.s(i + 2) != ")" || acr.len() < 2 || !all_capitals(acr) {
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
                if w.len() > 1 && all_capitals(w) {
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
        let mut long = cx.span(start, i);
        // `UN Office for the Coordination of Humanitarian Affairs (OCHA)`: a word or two
        // before the initials that make a name the gazetteer knows belong to it.
        for back in 1..=2 {
            if start >= back && cx.toks[start - back].class & CAPITAL != 0 {
                let wider = Span::new(cx.toks[start - back].span.start, long.end);
                if cx.gazetteer_key(&cx.text[wider.start..wider.end]).is_some() {
                    long = wider;
                    break;
                }
            }
        }
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

/// `Party of the Democratic Revolution (PRD)`, `Armed Forces of the Democratic Republic of the
/// Congo (FARDC)`, `Andrés Manuel López Obrador (AMLO)`: an acronym in parentheses right after a
/// mention that the runs or the gazetteer found names what that mention names, whatever its
/// letters (often those of the name in another language). Runs after the other passes, which
/// found the mention; the acronyms whose letters spell the long form were defined before.
pub(super) fn acronyms_after_mentions(cx: &mut Ctx<'_>, map: &mut Vec<(Span, Key)>) {
    let toks = cx.toks;
    for at in memchr::memchr_iter(b'(', cx.text.as_bytes()) {
        let i = toks.partition_point(|t| t.span.start < at);
        if i == 0 || toks.get(i).is_none_or(|t| t.span.start != at) || cx.s(i + 2) != ")" {
            continue;
        }
        let acr = toks[i + 1].span;
        let word = cx.s(i + 1);
        if !(2..=8).contains(&word.len()) || !all_capitals(word) || !cx.free(acr) {
            continue;
        }
        let before = toks[i - 1].span.end;
        let Some(raw) = cx.raws.iter().rev().find(|r| r.span.end == before) else {
            continue;
        };
        // A country or place before the parentheses ends a longer name more often than it
        // is defined (`Statistics Indonesia (BPS)`); their acronyms are in the gazetteer.
        let key = raw.key;
        let place = match key {
            Key::Gazetteer(e) => {
                matches!(cx.g.kind(e), ActorKind::Country | ActorKind::Place)
            }
            Key::Named(_, kind) => kind == ActorKind::Place,
            _ => false,
        };
        if place {
            continue;
        }
        cx.claim(acr, key);
        map.push((acr, key));
    }
}

/// Claims the gazetteer's names and aliases that stand as whole words and no mention claimed.
pub(super) fn gazetteer_matches(cx: &mut Ctx<'_>) {
    let g = cx.g;
    // Names start at a capitalised word equal to their first word, and the longest that
    // follows wins (`North Korea`, not `North`). Like a leftmost-longest scan, a match consumes
    // its text even when it turns out not to be a whole word.
    let mut consumed = 0;
    for k in 0..cx.caps.len() {
        let i = cx.caps[k];
        let at = cx.toks[i].span.start;
        if at < consumed {
            continue;
        }
        // `al-Shabaab`, `el-Sisi`: a name may open with a lower-case particle hyphenated to
        // its capitalised word, which only the capital brings to notice; tried first.
        let particle = (i >= 2
            && !cx.toks[i].gap
            && !cx.toks[i - 1].gap
            && is_dash(cx.s(i - 1))
            && cx.s(i - 2).len() <= 3
            && cx.toks[i - 2].class & CAPITAL == 0)
            .then(|| (cx.toks[i - 2].span.start, g.word(cx.s(i - 2))));
        for (start, info) in particle.into_iter().chain([(at, cx.caps_info[k])]) {
            let Some((name, mut entry)) = longest_free_prefix(cx, g.name_range(info), start) else {
                continue;
            };
            let mut span = Span::new(start, start + name.len());
            // `United Nations World Food Programme`, `UN Human Rights Council`: the United
            // Nations' prefix before the name of one of its bodies is part of that name.
            if g.entry(entry).name == "United Nations" {
                if let Some((j, (inner, e))) = cx
                    .toks
                    .iter()
                    .position(|t| t.span.start == span.end + 1)
                    .filter(|&j| cx.toks[j].class & CAPITAL != 0)
                    .and_then(|j| gazetteer_name_from(cx, j).map(|m| (j, m)))
                {
                    if g.kind(e) == ActorKind::Organization && e != entry {
                        span.end = cx.toks[j].span.start + inner.len();
                        entry = e;
                    }
                }
            }
            consumed = span.end;
            if word_boundary(cx.text, span) {
                // `Lower Juba`, `East Kalimantan`, `Central Sulawesi`: a direction before a
                // province or town names the part of it, a place of its own.
                if let Some(part) = part_of_place(cx, i, entry, span) {
                    cx.claim(part, Key::Named(part, ActorKind::Place));
                    break;
                }
                let key = if capital_as_place(cx, i, entry, name) {
                    Key::Named(span, ActorKind::Place)
                } else {
                    Key::Gazetteer(entry)
                };
                cx.claim(span, key);
            }
            break;
        }
    }
}

/// The longest gazetteer name that no mention claimed part of and that starts at the
/// capitalised token `i`, with its entry.
pub(super) fn gazetteer_name_from(cx: &Ctx<'_>, i: usize) -> Option<(&'static str, usize)> {
    let info = cx.g.word(cx.s(i));
    longest_free_prefix(cx, cx.g.name_range(info), cx.toks[i].span.start)
}

/// Names in headings and datelines written in capitals (`HORN OF AFRICA NEWS BRIEF`, `UNITED
/// NATIONS`, `GOMA, 12 October —`): a word of three capitals or more that no list knows, on a
/// line without small letters or opening a line before a comma or dash, is read in title case
/// (`Horn of Africa News Brief`) and the gazetteer's longest name there is claimed. A capital in
/// a dateline is the city.
pub(super) fn names_in_capitals(cx: &mut Ctx<'_>) {
    let g = cx.g;
    let mut consumed = 0;
    for k in 0..cx.caps.len() {
        let i = cx.caps[k];
        let t = cx.toks[i];
        let word = cx.s(i);
        if t.span.start < consumed
            || word.len() < 3
            || cx.caps_info[k] != Default::default()
            || !word.bytes().all(|b| b.is_ascii_uppercase())
        {
            continue;
        }
        let line_start = cx.text[..t.span.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = cx.text[t.span.start..]
            .find('\n')
            .map_or(cx.text.len(), |p| t.span.start + p);
        let line = &cx.text[line_start..line_end];
        let shouted = !line.bytes().any(|b| b.is_ascii_lowercase());
        let after = cx.text[t.span.end..line_end].trim_start();
        let dateline =
            line_start == t.span.start || cx.text[line_start..t.span.start].trim().is_empty();
        let dateline = dateline
            && (after.starts_with(',') || after.starts_with('—') || after.starts_with('–'));
        if !(shouted || dateline) {
            continue;
        }
        // Title case keeps every byte where it is: only ASCII letters change.
        let end = line_end.min(t.span.start + 96);
        let mut titled = cx.text.as_bytes()[t.span.start..end].to_vec();
        let mut w = 0;
        while w < titled.len() {
            if !titled[w].is_ascii_alphabetic() {
                w += 1;
                continue;
            }
            let e = titled[w..]
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .map_or(titled.len(), |p| w + p);
            let small = w > 0
                && matches!(
                    &titled[w..e],
                    b"OF"
                        | b"THE"
                        | b"AND"
                        | b"FOR"
                        | b"ON"
                        | b"IN"
                        | b"DE"
                        | b"DU"
                        | b"DES"
                        | b"LA"
                );
            let from = if small { w } else { w + 1 };
            titled[from..e].make_ascii_lowercase();
            w = e;
        }
        let first_len = word.len();
        let Ok(first) = std::str::from_utf8(&titled[..first_len]) else {
            continue;
        };
        let info = g.word(first);
        if info.bits & gazetteer::STOP_CAPITAL != 0 {
            continue;
        }
        let Some((name, entry)) =
            longest_free_prefix_of(cx, g.name_range(info), t.span.start, &titled)
        else {
            continue;
        };
        let span = Span::new(t.span.start, t.span.start + name.len());
        if !word_boundary(cx.text, span) {
            continue;
        }
        consumed = span.end;
        let e = g.entry(entry);
        let capital = e.kind == ActorKind::Country
            && e.description.strip_prefix("country; capital ") == Some(name);
        let key = if dateline && capital {
            Key::Named(span, ActorKind::Place)
        } else {
            Key::Gazetteer(entry)
        };
        cx.claim(span, key);
    }
}

/// Whether a country's capital written at token `i` is the city rather than the government:
/// where it locates something: after a word that places (`talks in Seoul`, `In Bogotá,`,
/// `flew to Tokyo`, `visited Bamako`), after `mayor of`, as the modifier of a meeting or process
/// (`the Riyadh summit`, `the Luanda and Nairobi peace processes`), or listed after another
/// capital that is the city (`visited Bamako, Ouagadougou and Niamey`). `Seoul said` and
/// `Beijing's position` stay the country.
fn capital_as_place(cx: &Ctx<'_>, i: usize, entry: usize, name: &str) -> bool {
    let e = cx.g.entry(entry);
    if e.kind != ActorKind::Country || e.description.strip_prefix("country; capital ") != Some(name)
    {
        return false;
    }
    if i == 0 {
        return false;
    }
    let before = cx.s(i - 1);
    let places = matches!(
        before,
        "in" | "to"
            | "from"
            | "at"
            | "near"
            | "outside"
            | "around"
            | "across"
            | "via"
            | "In"
            | "At"
            | "From"
            | "visited"
            | "visit"
            | "visiting"
            | "visits"
            | "reached"
    );
    let of_city = before == "of"
        && i >= 2
        && matches!(
            cx.s(i - 2),
            "mayor"
                | "governor"
                | "outskirts"
                | "suburbs"
                | "centre"
                | "center"
                | "streets"
                | "residents"
                | "city"
        );
    // The words after the name, skipping `and Nairobi` in `the Luanda and Nairobi peace…`.
    let end = cx.toks[i].span.start + name.len();
    let mut j = cx.toks.partition_point(|t| t.span.start < end);
    if cx.s(j) == "and" && cx.toks.get(j + 1).is_some_and(|t| t.class & CAPITAL != 0) {
        j += 2;
    }
    let event = |w: &str| {
        matches!(
            w,
            "summit"
                | "summits"
                | "process"
                | "processes"
                | "talks"
                | "meeting"
                | "conference"
                | "round"
                | "forum"
                | "dialogue"
                | "visit"
                | "ceremony"
                | "peace"
                | "accord"
                | "accords"
                | "declaration"
                | "communiqué"
                | "format"
                | "protocol"
        )
    };
    let modifier = before == "the"
        && cx.toks.get(j).is_some_and(|t| t.class & CAPITAL == 0)
        && (event(cx.s(j)) || (cx.s(j) == "and" || event(cx.s(j + 1))));
    // `Bamako, Ouagadougou and Niamey`: the mention before, a city, a comma or `and` away.
    let listed = matches!(before, "," | "and")
        && cx.raws.last().is_some_and(|r| {
            matches!(r.key, Key::Named(_, ActorKind::Place))
                && cx.text[r.span.end..cx.toks[i].span.start]
                    .trim_matches(|c: char| {
                        c == ',' || c.is_whitespace() || c == 'a' || c == 'n' || c == 'd'
                    })
                    .is_empty()
        });
    places || of_city || modifier || listed
}

/// The longest of `names` (patterns in byte order of their names) that the text at `start`
/// starts with and no mention has claimed part of (`Chinese Foreign Ministry` whose `Foreign
/// Ministry` an organisation took leaves `Chinese`). The prefixes of a text sort below it, a
/// longer one after a shorter, and whatever sorts between a name and the text shares their
/// common beginning: so the search looks below the text, and from a name that is no prefix,
/// below the part it shares with the text. A first word opens hundreds of names (`UN …`, `Al
/// …`); this reads a handful.
fn longest_free_prefix(
    cx: &Ctx<'_>,
    names: std::ops::Range<usize>,
    start: usize,
) -> Option<(&'static str, usize)> {
    longest_free_prefix_of(cx, names, start, &cx.text.as_bytes()[start..])
}

/// `longest_free_prefix` of `rest`, the text at `start` or a copy of it in other letter case.
fn longest_free_prefix_of(
    cx: &Ctx<'_>,
    names: std::ops::Range<usize>,
    start: usize,
    rest: &[u8],
) -> Option<(&'static str, usize)> {
    let g = cx.g;
    let name = |i: usize| g.pattern(g.name_item(i)).0.as_bytes();
    let mut limit = rest.len();
    // The names below `hi` are those not yet ruled out.
    let (lo, mut hi) = (names.start, names.end);
    loop {
        let bound = &rest[..limit];
        // The first name above `bound`, by halving `lo..hi`.
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            if name(mid) <= bound {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        hi = a;
        if hi == lo {
            return None;
        }
        let k = hi - 1;
        let n = name(k);
        if rest.starts_with(n) {
            if cx.free(Span::new(start, start + n.len())) {
                return Some(g.pattern(g.name_item(k)));
            }
            limit = n.len().checked_sub(1)?;
        } else {
            limit = n.iter().zip(rest).take_while(|(a, b)| a == b).count();
        }
    }
}

/// The span of `North Kivu`, `Lower Juba`, `West Africa`: a capitalised direction word right
/// before a place, province, town or capital of the gazetteer (token `i` starts its name at `span`), when
/// nothing claimed the direction. Countries keep their own names (`South Korea` is one).
fn part_of_place(cx: &Ctx<'_>, i: usize, entry: usize, span: Span) -> Option<Span> {
    let e = cx.g.entry(entry);
    let town = e.kind == ActorKind::Place;
    // A capital is a town too (`Lower Juba` is no part of South Sudan's government).
    let capital = e.kind == ActorKind::Country
        && e.description.strip_prefix("country; capital ") == Some(&cx.text[span.start..span.end]);
    if !(town || capital) || i == 0 || !cx.toks[i].gap {
        return None;
    }
    let d = &cx.toks[i - 1];
    let word = cx.s(i - 1);
    let direction = matches!(
        word,
        "North"
            | "South"
            | "East"
            | "West"
            | "Central"
            | "Upper"
            | "Lower"
            | "Middle"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
    );
    let part = Span::new(d.span.start, span.end);
    (direction && d.class & CAPITAL != 0 && cx.free(part)).then_some(part)
}
