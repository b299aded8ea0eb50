//! Currency words several countries share (`rupees`, `pesos`): which country's each amount
//! means, decided by the countries a paragraph or its section names.

use crate::text::Span;

/// Currency words several countries share, the country that makes each mean its own, and that
/// currency.
const SHARED_CURRENCIES: &[(&str, &str, &str)] = &[
    ("rupee", "Pakistan", "PKR"),
    ("rupee", "Sri Lanka", "LKR"),
    ("rupee", "Nepal", "NPR"),
    ("rupee", "Mauritius", "MUR"),
    ("rupee", "Seychelles", "SCR"),
    ("rs", "Pakistan", "PKR"),
    ("rs", "Sri Lanka", "LKR"),
    ("rs", "Nepal", "NPR"),
    ("peso", "Argentina", "ARS"),
    ("peso", "Chile", "CLP"),
    ("peso", "Colombia", "COP"),
    ("peso", "Philippines", "PHP"),
    ("peso", "Cuba", "CUP"),
    ("won", "North Korea", "KPW"),
    ("dinar", "Iraq", "IQD"),
    ("franc", "France", "FRF"),
    // The West African CFA franc (UEMOA) and the Central African one (CEMAC).
    ("franc", "Benin", "XOF"),
    ("franc", "Burkina Faso", "XOF"),
    ("franc", "Côte d'Ivoire", "XOF"),
    ("franc", "Guinea-Bissau", "XOF"),
    ("franc", "Mali", "XOF"),
    ("franc", "Niger", "XOF"),
    ("franc", "Senegal", "XOF"),
    ("franc", "Togo", "XOF"),
    ("franc", "Cameroon", "XAF"),
    ("franc", "Central African Republic", "XAF"),
    ("franc", "Chad", "XAF"),
    ("franc", "Congo", "XAF"),
    ("franc", "Equatorial Guinea", "XAF"),
    ("franc", "Gabon", "XAF"),
    ("fcfa", "Cameroon", "XAF"),
    ("fcfa", "Central African Republic", "XAF"),
    ("fcfa", "Chad", "XAF"),
    ("fcfa", "Congo", "XAF"),
    ("fcfa", "Equatorial Guinea", "XAF"),
    ("fcfa", "Gabon", "XAF"),
];

/// The shared currency word an amount is written with (`rupees`, `Rs`, `pesos`), unless a
/// nationality written with it (`Indian rupees`) already decided which currency it is.
pub(super) fn shared_currency_word(written: &str) -> Option<&'static str> {
    // Whole words only, singular or plural: `dollars` ends in `rs` but is no rupee.
    let names = |w: &str, shared: &str| {
        let (w, s) = (w.as_bytes(), shared.as_bytes());
        w.len() >= s.len()
            && w[..s.len()].eq_ignore_ascii_case(s)
            && (w.len() == s.len()
                || (w.len() == s.len() + 1 && w[s.len()].eq_ignore_ascii_case(&b's')))
    };
    // One pass over the words: the first entry of the table that any of them names. Every
    // shared word starts with one of five letters, which turns most words (`billion`) away.
    let first = written
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.as_bytes()
                .first()
                .is_some_and(|b| matches!(b | 0x20, b'r' | b'p' | b'w' | b'd' | b'f'))
        })
        .filter_map(|w| SHARED_CURRENCIES.iter().position(|(s, _, _)| names(w, s)))
        .min()?;
    let word = SHARED_CURRENCIES[first].0;
    const NATIONALITIES: [&str; 10] = [
        "swiss",
        "central african",
        "indian",
        "pakistani",
        "sri lankan",
        "nepalese",
        "philippine",
        "argentine",
        "chilean",
        "colombian",
    ];
    // Searched in place, ignoring ASCII case; text beyond ASCII is lower-cased first, as a
    // letter such as the Kelvin sign lower-cases to an ASCII one.
    let decided = if written.is_ascii() {
        NATIONALITIES
            .iter()
            .any(|n| crate::checks::find_ignore_case(written, n).is_some())
    } else {
        let written = written.to_lowercase();
        NATIONALITIES.iter().any(|n| written.contains(n))
    };
    (!decided).then_some(word)
}

/// Currencies several countries share a name for: a country named nearby decides which one
/// `rupees` or `Rs` means (Pakistan's, not India's), as an analyst reading the paragraph would.
pub(super) fn resolve_currency_by_country(
    actors: &[crate::model::Actor],
    sections: &[crate::model::Section],
    paragraphs: &[Span],
    shared: &[(usize, &'static str)],
    figures: &mut [crate::model::Figure],
) {
    if shared.is_empty() {
        return;
    }
    // A report names a handful of countries, each many times, and each actor's mentions are in
    // text order: the nearest country mention before an amount is found by a binary search in
    // each, rather than by sorting all of them.
    let countries: Vec<&crate::model::Actor> = actors
        .iter()
        .filter(|a| a.kind == crate::model::ActorKind::Country)
        .collect();
    let nearest_before = |offset: usize| {
        countries
            .iter()
            .filter_map(|a| {
                let k = a.mentions.partition_point(|m| m.start < offset);
                k.checked_sub(1).map(|k| (a.mentions[k].start, &*a.name))
            })
            .max_by_key(|&(o, _)| o)
    };
    for &(k, word) in shared {
        let f = &mut figures[k];
        // The nearest country named before the amount in its paragraph, else in its section
        // (whose heading often names the country).
        let paragraph_start = paragraphs[..paragraphs.partition_point(|p| p.start <= f.span.start)]
            .last()
            .map_or(0, |p| p.start);
        // Sections are in text order: the innermost one holding the amount is the last to start
        // before it that has not ended.
        let section_start = sections[..sections.partition_point(|s| s.span.start <= f.span.start)]
            .iter()
            .rev()
            .find(|s| f.span.start < s.span.end)
            .map_or(paragraph_start, |s| s.span.start);
        // Only the nearest preceding country can qualify: the paragraph and the section both
        // end at the amount, so the wider scope's candidate is the same mention.
        let Some((_, country)) =
            nearest_before(f.span.start).filter(|&(o, _)| o >= section_start.min(paragraph_start))
        else {
            continue;
        };
        if let Some(&(_, _, code)) = SHARED_CURRENCIES
            .iter()
            .find(|(w, c, _)| *w == word && *c == country)
        {
            f.unit = Some(code.into());
        }
    }
}
