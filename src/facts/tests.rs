//! Fixture tests for facts: under a line, `^^^ label` marks a figure and says what it is bound
//! to, as `subjects | measure | time | status` (subjects by name, `-` for none; `owner` marks
//! the owner with `*`; a detail follows the measure after `/`; a unit other than the figure's own follows the measure in brackets). A
//! figure of a marked line with no marker must be no fact.

use crate::config::Config;
use crate::fixture::Fixture;
use crate::outline::Format;

fn render(text: &str, analysis: &crate::model::Analysis) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for fact in &analysis.facts {
        let f = &analysis.figures[fact.figure];
        let mut names: Vec<String> = fact
            .subjects
            .iter()
            .map(|&a| {
                let star = if fact.owner == Some(a) { "*" } else { "" };
                format!("{star}{}", analysis.actors[a].name)
            })
            .collect();
        names.sort();
        let subjects = if names.is_empty() {
            "-".to_string()
        } else {
            names.join(", ")
        };
        let unit = if fact.unit != f.unit {
            format!(" [{}]", fact.unit.as_deref().unwrap_or("none"))
        } else {
            String::new()
        };
        let detail = fact
            .detail
            .map(|d| format!("/{}", &text[d.start..d.end]))
            .unwrap_or_default();
        let time = fact.time.map_or("-".to_string(), |t| t.iso());
        out.push((
            f.span.start,
            f.span.end,
            format!(
                "{subjects} | {}{detail}{unit} | {time} | {}",
                fact.measure,
                fact.status.as_str()
            ),
        ));
    }
    out
}

/// Binds the fixture's figures and compares each fact with the markers. Every fact must be
/// marked, so a fixture also says which figures are no facts.
#[track_caller]
fn check_facts(fixture: &str) {
    check_facts_with(fixture, &Config::default());
}

#[track_caller]
fn check_facts_with(fixture: &str, config: &Config) {
    let Fixture { text, marks, .. } = Fixture::parse_lines(fixture);
    let config = Config {
        reference_date: crate::calendar::Date::new(2022, 6, 30),
        ..config.clone()
    };
    let analysis = crate::analyze(&text, &config, Format::Plain);
    let got = render(&text, &analysis);
    let show = |v: Vec<(usize, usize, String)>| {
        v.into_iter()
            .map(|(a, b, l)| format!("{:?}: {l}", &text[a..b]))
            .collect::<Vec<_>>()
    };
    let mut expected: Vec<(usize, usize, String)> = marks
        .into_iter()
        .map(|(r, l)| (r.start, r.end, l))
        .collect();
    expected.sort();
    assert_eq!(
        show(got),
        show(expected),
        "\nfigures: {:#?}\nactors: {:?}",
        analysis
            .figures
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect::<Vec<_>>(),
        analysis.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
}

#[test]
fn a_possessive_owns_the_flow_and_the_clauses_after_it_continue_it() {
    check_facts(
        "
        Japan's exports to South Korea reached $54.6 billion in 2021, while imports from Korea were $30.1 billion, leaving a surplus of $24.5 billion.
                                               ^^^^^^^^^^^^^ *Japan, South Korea | exports | 2021 | stated
                                                                                                    ^^^^^^^^^^^^^ *Japan, South Korea | imports | 2021 | stated
                                                                                                                                        ^^^^^^^^^^^^^ *Japan, South Korea | surplus | 2021 | stated",
    );
    // `exports from` names the exporter, and a clause of its own actors keeps them.
    check_facts(
        "
        Exports from Chile to China were $38 billion in 2021, and imports from Peru reached $2 billion in 2021.
                                         ^^^^^^^^^^^ *Chile, China | exports | 2021 | stated
                                                                                            ^^^^^^^^^^ Peru | imports | 2021 | stated",
    );
}

#[test]
fn ellipsis_keeps_the_unit_measure_and_subject() {
    check_facts(
        "
        Vietnam's rice production rose from 9.1 million tonnes in March to 9.8 million in June.
                                            ^^^^^^^^^^^^^^^^^^ *Vietnam | production/rice | 2022-03 | stated
                                                                           ^^^^^^^^^^^ *Vietnam | production/rice [t] | 2022-06 | stated",
    );
    check_facts(
        "
        Kenya's exports were $7 billion in 2021, up from $6 billion in 2020.
                             ^^^^^^^^^^ *Kenya | exports | 2021 | stated
                                                         ^^^^^^^^^^ *Kenya | exports | 2020 | stated",
    );
}

#[test]
fn statuses_from_the_words_of_the_clause() {
    check_facts(
        "
        The Asian Development Bank pledged $2 billion in aid to Kenya in 2021. The ADB disbursed $1.2 billion in the first seven months of 2021.
                                           ^^^^^^^^^^ Asian Development Bank, Kenya | aid | 2021 | pledged
                                                                                                 ^^^^^^^^^^^^ *Asian Development Bank | disbursement | 2021-01/2021-07 | disbursed",
    );
    check_facts(
        "
        Kenya's GDP is forecast to grow 5.1 percent this year. Uganda aims to raise exports to $4 billion by 2025. An estimated 30,000 people were displaced in Somalia in 2021.
                                        ^^^^^^^^^^^ *Kenya | gdp | 2022 | forecast
                                                                                               ^^^^^^^^^^ Uganda | exports | 2025 | target
                                                                                                                                ^^^^^^ Somalia | displaced | 2021 | estimated",
    );
    // News announced is no pledge: only an amount announced is.
    check_facts(
        "
        The ministry announced on Monday that Ghana's exports rose to $17 billion in 2021.
                                                                      ^^^^^^^^^^^ *Ghana | exports | 2021 | stated",
    );
}

#[test]
fn figures_of_no_known_measure_are_no_facts() {
    check_facts("The bridge is 1.2 kilometres long and the team has 14 members.");
    // A duration is the time of a fact, not one.
    check_facts(
        "
        Brazil's soybean exports were $5 billion over seven months in 2021.
                                      ^^^^^^^^^^ *Brazil | exports/soybean | 2021 | stated",
    );
}

#[test]
fn dates_of_other_figures_or_since_are_not_a_figure_s_time() {
    check_facts(
        "
        Since 2015, Peru's exports have reached $60 billion.
                                                ^^^^^^^^^^^ *Peru | exports | - | stated",
    );
    check_facts(
        "
        In 2021, Peru's exports were $63 billion.
                                     ^^^^^^^^^^^ *Peru | exports | 2021 | stated",
    );
}

#[test]
fn a_word_before_or_after_the_measure_narrows_it() {
    check_facts(
        "
        Nigeria's oil exports were $45 billion in 2021 and its exports of gas $6 billion in 2021.
                                   ^^^^^^^^^^^ *Nigeria | exports/oil | 2021 | stated
                                                                              ^^^^^^^^^^ *Nigeria | exports/gas | 2021 | stated",
    );
}

#[test]
fn the_fund_s_figure_is_the_fund_named_before() {
    check_facts(
        "
        The Pacific Resilience Fund holds $20 billion for local infrastructure. Later, the fund's $25 billion infrastructure envelope was praised.
                                          ^^^^^^^^^^^ Pacific Resilience Fund | infrastructure | - | stated
                                                                                                  ^^^^^^^^^^^ *Pacific Resilience Fund | infrastructure | - | stated",
    );
}

#[test]
fn configured_measures_are_bound() {
    let (config, errors) = crate::config::parse(
        "[measures]\nremittances = [\"remittance\", \"remittances\", \"money sent home\"]\n",
        &Config::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    check_facts_with(
        "
        Remittances to Nepal reached $11 billion in 2021, and money sent home to Bhutan $1 billion in 2021.
                                     ^^^^^^^^^^^ Nepal | remittances | 2021 | stated
                                                                                        ^^^^^^^^^^ Bhutan | remittances | 2021 | stated",
        &config,
    );
}

/// The sentence's one date is the time of every figure of it, save the level a change starts
/// from when the date stands after the level it reaches.
#[test]
fn a_sentence_date_after_later_figures_is_still_the_time() {
    check_facts(
        "
        The Kenya Fund disbursed $30 million to 12 projects in 2018.
                                 ^^^^^^^^^^^ *Kenya Fund | disbursement | 2018 | disbursed",
    );
    check_facts(
        "
        Kenya's exports rose from $6 billion to $7 billion in 2021.
                                  ^^^^^^^^^^ *Kenya | exports | - | stated
                                                ^^^^^^^^^^ *Kenya | exports | 2021 | stated",
    );
}

/// A sentence that names no measure and no subject and opens with a pronoun, or whose figure
/// follows a verb of change, continues the last fact of the sentence before, with its own time.
#[test]
fn ellipsis_reaches_the_next_sentence_of_the_paragraph() {
    check_facts(
        "
        Exports reached 9.1 million tonnes in March. They rose to 9.8 million in June.
                        ^^^^^^^^^^^^^^^^^^ - | exports | 2022-03 | stated
                                                                  ^^^^^^^^^^^ - | exports [t] | 2022-06 | stated",
    );
    check_facts(
        "
        Vietnam's rice exports were $3.1 billion in 2020. In 2021 the figure climbed to $3.3 billion.
                                    ^^^^^^^^^^^^ *Vietnam | exports/rice | 2020 | stated
                                                                                        ^^^^^^^^^^^^ *Vietnam | exports/rice | 2021 | stated",
    );
    // The total is of the measure, not of the part before.
    check_facts(
        "
        Kenya's oil exports were $45 billion in 2021. The total was $50 billion in 2021.
                                 ^^^^^^^^^^^ *Kenya | exports/oil | 2021 | stated
                                                                    ^^^^^^^^^^^ *Kenya | exports | 2021 | stated",
    );
    // Over a line break of wrapped prose, and with no time of its own: none.
    check_facts(concat!(
        "Kenya's exports were $7 billion in 2021.\n",
        "                     ^^^^^^^^^^ *Kenya | exports | 2021 | stated\n",
        "They reached $9 billion.\n",
        "             ^^^^^^^^^^ *Kenya | exports | - | stated",
    ));
    // Not over an indented line: a list item or heading whose marks are blanked.
    check_facts(concat!(
        "Kenya's exports were $7 billion in 2021.\n",
        "                     ^^^^^^^^^^ *Kenya | exports | 2021 | stated\n",
        "  They reached $9 billion.",
    ));
}

#[test]
fn ellipsis_stops_at_a_new_measure_subject_paragraph_or_kind() {
    // A new measure named.
    check_facts(
        "
        Exports reached 9.1 million tonnes in March. Rice imports rose to 9.8 million in June.
                        ^^^^^^^^^^^^^^^^^^ - | exports | 2022-03 | stated
                                                                          ^^^^^^^^^^^ - | imports/Rice | 2022-06 | stated",
    );
    // A new subject named.
    check_facts(
        "
        Exports reached 9.1 million tonnes in March. In Uganda they rose to 9.8 million in June.
                        ^^^^^^^^^^^^^^^^^^ - | exports | 2022-03 | stated",
    );
    // A paragraph break.
    check_facts(
        "
        Exports reached 9.1 million tonnes in March.
                        ^^^^^^^^^^^^^^^^^^ - | exports | 2022-03 | stated

        They rose to 9.8 million in June.",
    );
    // A list item.
    check_facts(concat!(
        "- Exports reached 9.1 million tonnes in March.\n",
        "                  ^^^^^^^^^^^^^^^^^^ - | exports | 2022-03 | stated\n",
        "- They rose to 9.8 million in June.",
    ));
    // A count of something else, a percentage after an amount, and an amount the words before
    // it may be of.
    check_facts(
        "
        Exports reached $9 billion in March. They met 12 officials in June. It rose 12% in June.
                        ^^^^^^^^^^ - | exports | 2022-03 | stated",
    );
    check_facts(
        "
        Exports reached $9 billion in March. It cost the treasury $2 billion in June.
                        ^^^^^^^^^^ - | exports | 2022-03 | stated",
    );
}

/// A flow of no stated party takes the one party of the sentence before in its paragraph, and
/// that sentence's time when its own gives none.
#[test]
fn a_flow_of_no_party_takes_the_one_party_of_the_sentence_before() {
    check_facts(
        "
        Kenya's trade in 2021. Exports were $5 billion and imports $3 billion, leaving a surplus of $2 billion.
                                            ^^^^^^^^^^ Kenya | exports | 2021 | stated
                                                                   ^^^^^^^^^^ Kenya | imports | 2021 | stated
                                                                                                    ^^^^^^^^^^ Kenya | surplus | 2021 | stated",
    );
    check_facts(
        "
        Kenya's exports were $5 billion in 2021. Imports were $3 billion, leaving a surplus of $2 billion.
                             ^^^^^^^^^^ *Kenya | exports | 2021 | stated
                                                              ^^^^^^^^^^ *Kenya | imports | 2021 | stated
                                                                                               ^^^^^^^^^^ *Kenya | surplus | 2021 | stated",
    );
    // Two parties before: none is taken. A sentence of another time keeps none.
    check_facts(
        "
        Kenya and Uganda traded in 2021. Exports were $5 billion.
                                                      ^^^^^^^^^^ - | exports | - | stated",
    );
    check_facts(
        "
        Kenya's trade in 2021. Exports are now $9 billion.
                                               ^^^^^^^^^^ Kenya | exports | - | stated",
    );
    // A bare count is no flow to give a party to.
    check_facts(
        "
        Kenya published a plan in 2021. Its goals included (1) better ports and (2) promoting fair trade practices.
                                                                                 ^ - | trade/fair | - | target",
    );
    // Since 2015 is no time of the flow.
    check_facts(
        "
        Kenya has reformed its customs since 2015. Exports were $5 billion.
                                                                ^^^^^^^^^^ Kenya | exports | - | stated",
    );
}

/// A fact carried from the sentence before is kept with its paragraph: edits elsewhere and
/// edits to the sentence it continues give what a fresh analysis gives.
#[test]
fn carried_facts_follow_edits() {
    let carry = "Exports reached 9.1 million tonnes in March. They rose to 9.8 million in June.\n\n\
                 Kenya's trade in 2021. Exports were $5 billion and imports $3 billion, leaving a \
                 surplus of $4 billion.\n";
    let texts = [
        format!("Uganda met.\n\n{carry}"),
        format!("Japan and Uganda met.\n\n{carry}"),
        carry.replace("Exports reached", "Imports reached"),
        carry.replace("Kenya's trade", "Kenya and Uganda's trade"),
        format!("# Trade\n\n{carry}"),
        carry.replace(" They rose", "\n- They rose"),
        format!("Uganda met.\n\n{carry}"),
    ];
    let config = Config::default();
    let mut cache = crate::analysis::Cache::default();
    for text in &texts {
        let kept = crate::analysis::analyze_with(text, &config, Format::Markdown, &mut cache);
        let fresh = crate::analyze(text, &config, Format::Markdown);
        assert_eq!(kept.facts, fresh.facts, "{text}");
        assert_eq!(kept.findings, fresh.findings, "{text}");
    }
    // The carry and the balance are there to follow.
    let text = &texts[0];
    let fresh = crate::analyze(text, &config, Format::Markdown);
    let at = |s: &str| text.find(s).unwrap();
    assert!(fresh.facts.iter().any(|f| {
        fresh.figures[f.figure].span.start == at("9.8 million") && f.measure == "exports"
    }));
    assert!(
        fresh
            .findings
            .iter()
            .any(|f| f.code == crate::model::Check::Balance.into())
    );
    // Not into a Markdown list item, whose mark the prose blanks.
    let text = &texts[5];
    let fresh = crate::analyze(text, &config, Format::Markdown);
    let at = text.find("9.8 million").unwrap();
    assert!(
        !fresh
            .facts
            .iter()
            .any(|f| fresh.figures[f.figure].span.start == at),
        "{:?}",
        fresh.facts
    );
}

/// Clauses as the byte loop that visits every byte cuts them: at `;`, `:`, a comma not before a
/// digit, and an en or em dash beside a space.
fn clauses_by_every_byte(s: &str) -> Vec<super::Span> {
    let bytes = s.as_bytes();
    let (mut out, mut start) = (Vec::new(), 0);
    for (i, &b) in bytes.iter().enumerate() {
        let width = match b {
            b';' | b':' => 1,
            b',' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => 1,
            0xe2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94]))
                && (s[..i].ends_with(' ') || s[i + 3..].starts_with(' ')) =>
            {
                3
            }
            _ => continue,
        };
        if i > start {
            out.push(super::Span::new(start, i));
        }
        start = i + width;
    }
    if start < s.len() {
        out.push(super::Span::new(start, s.len()));
    }
    out
}

proptest::proptest! {
    #[test]
    fn clauses_are_cut_where_the_byte_loop_cuts_them(
        s in "([a-z]{1,4}|[0-9]|[;:, ]|—|–|…|é){0,40}",
    ) {
        let mut got = Vec::new();
        super::clauses_into(&s, super::Span::new(0, s.len()), &mut got);
        proptest::prop_assert_eq!(got, clauses_by_every_byte(&s));
    }
}
