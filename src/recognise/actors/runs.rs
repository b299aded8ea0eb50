//! Runs of capitalised words and what they name: a person after a title (`Foreign Minister Wang
//! Yi`) or by the name lists (`Kim Jong Un`), an organisation or a place by its last word
//! (`Zhejiang University`, `Yellow Sea`).

use super::{Ctx, Key, PersonMention};
use crate::model::ActorKind;
use crate::recognise::dates::month_number;
use crate::recognise::gazetteer::{
    GIVEN_NAME, NAME, ORG_WORD, PLACE_WORD, STOP_CAPITAL, SURNAME, TITLE_HEAD, TITLE_WORD,
};
use crate::recognise::token::{CAPITAL, Kind, Token, Tokens, all_capitals, is_apostrophe, is_dash};
use crate::recognise::word_set;
use crate::text::Span;
use std::sync::LazyLock;

use smallvec::SmallVec;

/// Runs of capitalised tokens, split where sentence punctuation or lower-case words stand.
pub(super) fn runs(cx: &mut Ctx<'_>) {
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
                    let initial = prev.len() == 1 && all_capitals(prev);
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
                // `Lula da Silva`, `Ursula von der Leyen`, `Mohammed bin Salman`: particles
                // inside a person's name, after a given name or family name.
                if let Some(k) = particles_then_name(cx, start, j) {
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
    pub(super) fn new(cx: &Ctx<'_>, a: usize, b: usize) -> Option<Run> {
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
    if titled_person(cx, &run)
        || portfolio_then_person(cx, &run)
        || organisation(cx, &run)
        || place(cx, &run)
    {
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
        if t > first && honorific_in_name(cx, words[t], words[t - 1]) {
            continue;
        }
        let mut name_words = take_name(cx, &words[t + 1..]);
        if name_words == 0 && t + 2 < words.len() {
            // `Energy Minister German Galushchenko`, `Prime Minister Israel Katz`: right after
            // a title, a country's word followed by a word no list knows is a given name.
            let (a, b) = (words[t + 1], words[t + 2]);
            let plain = cx.bits(a) & (ORG_WORD | PLACE_WORD | STOP_CAPITAL | TITLE_HEAD) == 0;
            if cx.bits(a) & NAME != 0
                && plain
                && cx.bits(b) == 0
                && !all_capitals(cx.s(b))
                && cx.toks[a + 1..b].iter().all(|t| t.kind != Kind::Punct)
            {
                name_words = 1 + take_name(cx, &words[t + 2..]);
            }
        }
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

/// `Coordinating Minister for Economic Affairs Airlangga Hartarto`, `Secretary of State Antony
/// Blinken`: after a title head and `for` or `of`, the run holds the portfolio, then the name:
/// the last two or three words no list knows, at least one word of portfolio before them.
/// Returns whether it found one.
fn portfolio_then_person(cx: &mut Ctx<'_>, run: &Run) -> bool {
    let (words, first) = (&run.words, run.first);
    let a = words[first];
    // `Minister for …`, `Minister of State for …`.
    let joins = |k: usize| matches!(cx.s(k), "for" | "of") && cx.toks[k].gap;
    let after_title = a >= 2
        && joins(a - 1)
        && (cx.bits(a - 2) & TITLE_HEAD != 0
            || (a >= 4
                && cx.s(a - 2) == "State"
                && joins(a - 3)
                && cx.bits(a - 4) & TITLE_HEAD != 0));
    if !after_title || words.len() - first < 2 {
        return false;
    }
    let plain = |t: usize| {
        cx.toks[t].class & CAPITAL != 0
            && cx.bits(t) & (NAME | ORG_WORD | PLACE_WORD | STOP_CAPITAL | TITLE_HEAD | TITLE_WORD)
                == 0
            && !all_capitals(cx.s(t))
            && month_number(cx.s(t)).is_none()
    };
    let n = words[first..]
        .iter()
        .rev()
        .take_while(|&&t| plain(t))
        .count();
    let portfolio = words.len() - first - n;
    // With no listed word to end the portfolio (`Tourism Sandiaga Uno`), the name is two words.
    let n = if portfolio == 0 { 2 } else { n.min(3) };
    if n < 2 || words.len() - first <= n {
        // `Minister for Foreign Affairs` with no name after it: the words are the title's
        // (no journal `Foreign Affairs`).
        if words.len() - first >= 2 {
            let end = run.word_end(cx, words.len() - 1);
            cx.block(cx.span(a, end));
            return true;
        }
        return false;
    }
    let mut start = words.len() - n;
    // `Foreign Affairs Adel al-Jubeir`: a given name starts the name.
    if let Some(g) = (start..words.len()).find(|&w| cx.bits(words[w]) & GIVEN_NAME != 0) {
        start = g;
    }
    let end = run.word_end(cx, words.len() - 1);
    // The portfolio is part of the title (`Foreign Affairs` is no journal here).
    let portfolio = cx.span(a, words[start]);
    let portfolio = Span::new(portfolio.start, cx.toks[words[start] - 1].span.end);
    cx.block(portfolio);
    add_person(cx, words[start], end, None);
    true
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
    // `the Congolese Government`: a country's word before `Government` is the country's
    // mention, the government a common noun.
    if cx.s(words[o]) == "Government" && o == start + 1 && cx.bits(words[start]) & NAME != 0 {
        return false;
    }
    let single = start == o && !all_capitals(cx.s(words[o]));
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
    // `UN Support Office in Somalia`, `Assistance Mission in Afghanistan`: a mission or office
    // is named with the country it works in.
    let the = usize::from(cx.s(tail + 1) == "the");
    let in_country = tail > 0
        && matches!(cx.s(tail - 1), "Mission" | "Office" | "Operation")
        && cx.s(tail) == "in"
        && name_token(cx.text, cx.toks, tail + 1 + the).is_some()
        && gazetteer_name_at(cx, tail + 1 + the);
    if in_country {
        let at = cx.toks[tail + 1 + the].span.start;
        if let Some((name, _)) = super::names::gazetteer_name_from(cx, tail + 1 + the)
            .filter(|&(_, e)| cx.g.kind(e) == ActorKind::Country)
        {
            let end = at + name.len();
            let after = cx.toks.partition_point(|t| t.span.end <= end);
            return Some(after);
        }
    }
    while matches!(cx.s(tail), "of" | "on" | "for" | "and") {
        // `Party of the Democratic Revolution`, `Office for the Coordination of …`: `the` may
        // stand after `of` and `for`.
        let joiner = tail;
        if matches!(cx.s(tail), "of" | "for") && cx.s(tail + 1) == "the" {
            tail += 1;
        }
        let Some(e) = name_token(cx.text, cx.toks, tail + 1) else {
            tail = joiner;
            break;
        };
        let bits = cx.bits(tail + 1);
        // `the Foreign Ministry and China's`, `Ministry of Defense and South Korea's`: `and`
        // before a known name joins two mentions; so does `and` between two organisation
        // words (`Politburo and Central Committee`), where `Ministry of Trade and Industry`
        // joins the parts of one name.
        let another = cx.s(tail) == "and"
            && (bits & NAME != 0
                || gazetteer_name_at(cx, tail + 1)
                || (!extended && run_has_org_word(cx, tail + 1)));
        let stops = another
            || bits & (STOP_CAPITAL | TITLE_HEAD) != 0
            || month_number(cx.s(tail + 1)).is_some();
        if stops || (bits & SURNAME != 0 && bits & NAME == 0) {
            tail = joiner;
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
                || month_number(cx.s(tail)).is_some()
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
    // `Nippon Steel and Mitsubishi Heavy Industries`: a name the gazetteer knows on either
    // side of `and` makes two mentions.
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
        // `Politburo and Central Committee`: an organisation word before `and` ends a name.
        let named = || {
            let before = cx.span(k, first - 1);
            cx.gazetteer_key(&cx.text[before.start..before.end])
                .is_some()
                || (k..first - 1).any(|t| cx.bits(t) & ORG_WORD != 0)
        };
        if k < first - 1 && !named() {
            return cx.toks[k].span.start;
        }
    }
    cx.toks[first].span.start
}

/// Whether a gazetteer name starts at token `i` and stands there as whole words.
fn gazetteer_name_at(cx: &Ctx<'_>, i: usize) -> bool {
    cx.toks.get(i).is_some_and(|t| {
        t.class & CAPITAL != 0
            && super::names::gazetteer_name_from(cx, i).is_some_and(|(name, _)| {
                super::names::word_boundary(
                    cx.text,
                    Span::new(t.span.start, t.span.start + name.len()),
                )
            })
    })
}

/// Whether the run of capitalised words from token `i` holds an organisation word.
fn run_has_org_word(cx: &Ctx<'_>, mut i: usize) -> bool {
    while let Some(e) = name_token(cx.text, cx.toks, i) {
        if cx.bits(i) & ORG_WORD != 0 {
            return true;
        }
        if !cx.toks.get(e).is_some_and(|t| t.gap && !t.newline) {
            break;
        }
        i = e;
    }
    false
}

/// A place by its last word: `Yanbian Korean Autonomous Prefecture`, `Yellow Sea`. Returns
/// whether it found one.
fn place(cx: &mut Ctx<'_>, run: &Run) -> bool {
    let (words, first) = (&run.words, run.first);
    let Some(mut p) = (first + 1..words.len()).find(|&w| cx.bits(words[w]) & PLACE_WORD != 0)
    else {
        return false;
    };
    // `Red River Delta`: place words in a row end one name.
    while p + 1 < words.len() && cx.bits(words[p + 1]) & PLACE_WORD != 0 {
        p += 1;
    }
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

/// Whether a lower-case title stands before the run at `a` (`envoy Hwang`, `then-President`), or
/// a title set off by a comma (`the GCC Secretary-General, Jasem Mohamed Albudaiwi,`).
fn lower_title_before(cx: &Ctx<'_>, a: usize) -> bool {
    let comma_title = a > 1 && cx.s(a - 1) == "," && {
        // The title's head: its last word, or the word after the hyphen (`Secretary-General`).
        let head = a - 2;
        cx.bits(head) & TITLE_HEAD != 0
            || (head >= 2 && is_dash(cx.s(head - 1)) && cx.bits(head - 2) & TITLE_HEAD != 0)
    };
    comma_title
        || a > 0 && {
            let p = cx.s(a - 1);
            is_lower_title(p) || (a > 1 && p.ends_with("Premier"))
        }
        || (a > 1 && is_dash(cx.s(a - 1)) && !cx.toks[a - 1].gap && {
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

/// The particles of names (`da`, `von`, `bin`) from `data/name-particles.txt`.
static PARTICLES: LazyLock<crate::recognise::WordSet> =
    LazyLock::new(|| word_set(include_str!("../../../data/name-particles.txt")));

/// Where a person's name whose run starts at token `start` goes on after particles at `j`
/// (`da Silva`, `von der Leyen`, `bin Salman`): the end of the name token after them, when the
/// run so far holds a given or family name and what follows is a name that is no place or
/// organisation of the lists.
fn particles_then_name(cx: &Ctx<'_>, start: usize, j: usize) -> Option<usize> {
    let mut k = j;
    while k < j + 3
        && cx
            .toks
            .get(k)
            .is_some_and(|t| t.gap && !t.newline && t.class & CAPITAL == 0)
        && PARTICLES.contains(cx.s(k))
    {
        k += 1;
    }
    if k == j || !cx.toks.get(k).is_some_and(|t| t.gap && !t.newline) {
        return None;
    }
    let person = (start..j).any(|t| cx.bits(t) & (GIVEN_NAME | SURNAME) != 0);
    let after = cx.bits(k);
    if !person || after & (NAME | ORG_WORD | PLACE_WORD | STOP_CAPITAL | TITLE_HEAD) != 0 {
        return None;
    }
    name_token(cx.text, cx.toks, k)
}

/// How many of `words` (token indices) form a personal name: up to four capitalised words that
/// are not places, organisation words, titles or months, and the particles between them.
fn take_name(cx: &Ctx<'_>, words: &[usize]) -> usize {
    let mut n = 0;
    // The words up to the last capitalised one: a name never ends with a particle.
    let mut whole = 0;
    let mut capitals = 0;
    for &t in words.iter().take(7) {
        let w = cx.s(t);
        if cx.toks[t].class & CAPITAL == 0 {
            // A particle the run took in (`da`, `von der`), followed by more of the name.
            n += 1;
            continue;
        }
        // `Mohammed bin Abdulrahman bin Jassim Al Thani`: a capitalised particle (`Al`, `El`)
        // does not count towards the words of a name.
        let particle = w.len() <= 3 && PARTICLES.contains(&w.to_ascii_lowercase());
        if capitals == 4 && !particle {
            break;
        }
        if !particle {
            capitals += 1;
        }
        let hyphenated = cx.toks.get(t + 1).is_some_and(|n| !n.gap) && is_dash(cx.s(t + 1));
        let bits = cx.bits(t);
        if hyphenated && bits & NAME == 0 {
            n += 1;
            whole = n;
            continue;
        }
        // `Sen`, `Gen`, `Rep` are titles only with their full stop (`Hun Sen` is a name).
        let title = bits & TITLE_HEAD != 0
            && (w.len() > 3 || cx.s(t + 1) == ".")
            && !(t > 0 && honorific_in_name(cx, t, t - 1));
        if bits & (NAME | ORG_WORD | PLACE_WORD | STOP_CAPITAL) != 0
            || title
            || all_capitals(w) && w.len() > 1
        {
            break;
        }
        n += 1;
        whole = n;
    }
    whole
}

/// Whether the title head at token `t` is an honorific that Arabic and Somali names carry as
/// one of their words (`Hassan Sheikh Mohamud`, `Sharif Sheikh Ahmed`): after a given name it
/// belongs to the name; at the start of one (`Sheikh Tamim`) it stays a title.
fn honorific_in_name(cx: &Ctx<'_>, t: usize, before: usize) -> bool {
    matches!(cx.s(t), "Sheikh" | "Shaikh" | "Sheik")
        && cx.bits(before) & GIVEN_NAME != 0
        && cx.bits(before) & (TITLE_HEAD | TITLE_WORD | ORG_WORD | PLACE_WORD) == 0
}

/// Records a person mention `[a, b)`, with a particle hyphenated to a last name after it
/// (`Badr bin Hamad al-Busaidi`); `link` decides who it is.
fn add_person(cx: &mut Ctx<'_>, a: usize, mut b: usize, title: Option<Span>) {
    if b + 2 < cx.toks.len()
        && cx.toks[b].gap
        && !cx.toks[b].newline
        && PARTICLES.contains(cx.s(b))
        && !cx.toks[b + 1].gap
        && is_dash(cx.s(b + 1))
        && !cx.toks[b + 2].gap
        && cx.toks[b + 2].class & CAPITAL != 0
        && cx.bits(b + 2) & (ORG_WORD | PLACE_WORD) == 0
    {
        b += 3;
    }
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
            let words = name.split_whitespace().count();
            if words >= 3 && GIVEN_NAME_LAST.contains(first) {
                // `Nguyen Phu Trong` is `Trong` in Vietnamese usage.
                let last = name.rfind(' ').map_or(0, |p| p + 1);
                Span::new(span.start + last, span.end)
            } else if cx.g.bits(first) & (SURNAME | GIVEN_NAME) == SURNAME {
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

/// The family names of `data/surnames-given-name-last.txt`, whose bearers are called by the
/// last word of their name.
static GIVEN_NAME_LAST: LazyLock<crate::recognise::WordSet> =
    LazyLock::new(|| word_set(include_str!("../../../data/surnames-given-name-last.txt")));

/// The words of `data/lower-titles.txt`.
pub(super) static LOWER_TITLES: LazyLock<crate::recognise::WordSet> =
    LazyLock::new(|| word_set(include_str!("../../../data/lower-titles.txt")));

/// Lower-case words that introduce a person's name (`envoy Hwang Joon-kook`).
fn is_lower_title(w: &str) -> bool {
    LOWER_TITLES.contains(w)
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
