//! Fixture tests for the recognisers with inline markers: under a line of text, `^^^ label`
//! marks a span the recognisers must find and what they must say of it. Every figure, date and
//! actor found on a marked line must be marked, so a fixture also says what must not be found.

use crate::config::Config;
use crate::fixture::Fixture;
use crate::outline::Format;

/// What the analysis says of one span.
fn labels(text: &str, config: &Config) -> Vec<(usize, usize, String)> {
    let a = crate::analyze(text, config, Format::Plain);
    let mut out = Vec::new();
    for f in &a.figures {
        let unit = f
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let approx = if f.approx() { " ~" } else { "" };
        let value = match f.written {
            Some(w) => format!("{} as written", &text[w.start..w.end]),
            None => f.value.to_string(),
        };
        out.push((
            f.span.start,
            f.span.end,
            format!("{} {value}{unit}{approx}", f.kind.as_str()),
        ));
    }
    for d in &a.dates {
        out.push((
            d.span.start,
            d.span.end,
            format!("date {}{}", d.value.iso(), if d.approx { " ~" } else { "" }),
        ));
    }
    for d in &a.invalid_dates {
        out.push((
            d.span.start,
            d.span.end,
            format!("no date {}-{:02}-{:02}", d.year, d.month, d.day),
        ));
    }
    for actor in &a.actors {
        for m in &actor.mentions {
            out.push((
                m.start,
                m.end,
                format!("{} {}", actor.kind.as_str(), actor.name),
            ));
        }
    }
    out.sort();
    out
}

#[track_caller]
fn check(fixture: &str) {
    check_with(
        fixture,
        &Config {
            reference_date: crate::calendar::Date::new(2014, 12, 31),
            ..Config::default()
        },
    );
}

#[track_caller]
fn check_with(fixture: &str, config: &Config) {
    let Fixture { text, marks, .. } = Fixture::parse_lines(fixture);
    let line_of = |o: usize| text[..o].rfind('\n').map_or(0, |p| p + 1);
    let marked_lines: Vec<usize> = marks.iter().map(|(span, _)| line_of(span.start)).collect();
    let mut expected: Vec<(usize, usize, String)> = marks
        .into_iter()
        .map(|(span, label)| (span.start, span.end, label))
        .collect();
    let got: Vec<(usize, usize, String)> = labels(&text, config)
        .into_iter()
        .filter(|(s, _, _)| marked_lines.contains(&line_of(*s)))
        .collect();
    expected.sort();
    let show = |v: &[(usize, usize, String)]| {
        v.iter()
            .map(|(s, e, l)| format!("{:?} {l}", &text[*s..*e]))
            .collect::<Vec<_>>()
    };
    assert_eq!(show(&got), show(&expected));
}

#[test]
fn numbers_in_digits_and_words_with_scales() {
    check(
        "It had 1,500 men, 3.22 units, Forty-four boats, a dozen tanks, one-third of them.
       ^^^^^ count 1500
                  ^^^^ count 3.22
                              ^^^^^^^^^^ count 44
                                                ^^^^^^^ count 12
                                                               ^^^^^^^^^ count 0.3333333333333333",
    );
    check(
        "They counted 2 lakh and 3 crore people.
             ^^^^^^ count 200000
                        ^^^^^^^ count 30000000",
    );
}

#[test]
fn money_by_sign_code_and_word_with_conversions() {
    check(
        "A loan of $359 million, USD 5m, 2.2 billion RMB, €3bn, ₩500 and Rs 5 crore.
          ^^^^^^^^^^^^ money 359000000 USD
                        ^^^^^^ money 5000000 USD
                                ^^^^^^^^^^^^^^^ money 2200000000 CNY
                                                 ^^^^ money 3000000000 EUR
                                                       ^^^^ money 500 KRW
                                                                ^^^^^^^^^^ money 50000000 INR",
    );
    check(
        "Investment reached 3.22 trillion won ($3.11 billion) and 40 euros.
                   ^^^^^^^^^^^^^^^^^ money 3220000000000 KRW
                                      ^^^^^^^^^^^^^ money 3110000000 USD
                                                         ^^^^^^^^ money 40 EUR",
    );
}

#[test]
fn percentages_points_counts_quantities_multipliers() {
    check(
        "Up 21 percent, 21%, 21 per cent and 2 percentage points; 467 Chinese.
   ^^^^^^^^^^ percent 21 %
               ^^^ percent 21 %
                    ^^^^^^^^^^^ percent 21 %
                                    ^^^^^^^^^^^^^^^^^^^ percent 2 pp
                                                         ^^^ count 467
                                                             ^^^^^^^ country China",
    );
    check(
        "13,000 tons, 1,285 megawatts, 2.1 cubic kilometers, a 36-fold rise, output doubled.
^^^^^^^^^^^ quantity 13000 t
             ^^^^^^^^^^^^^^^ quantity 1285 MW
                              ^^^^^^^^^^^^^^^^^^^^ quantity 2.1 km3
                                                      ^^^^^^^ multiplier 36
                                                                           ^^^^^^^ multiplier 2",
    );
    // Units whose names hold letters beyond ASCII (micro sign and Greek mu).
    check(
        "Samples held 5 µg of lead and 7 μg of zinc.
             ^^^^ quantity 5 µg
                              ^^^^ quantity 7 µg",
    );
}

#[test]
fn ranges_and_approximations() {
    check(
        "From 2,000-3,000 to about 1,500; $1-2 billion; between 5 and 7 percent; more than 40 ships.
     ^^^^^^^^^^^ count 2000
                          ^^^^^ count 1500 ~
                                 ^^^^^^^^^^^^ money 1000000000 USD
                                                       ^^^^^^^^^^^^^^^ percent 5 %
                                                                                  ^^ count 40 ~",
    );
}

#[test]
fn not_figures() {
    check(
        "In 2014 the G20 met; Article 9 of the 14th round; call 555-123-4567; 1) first.
   ^^^^ date 2014
            ^^^ organization Group of Twenty
                                      ^^^^ count 14",
    );
}

#[test]
fn dates_in_every_common_form() {
    check(
        "On Oct. 31, Sept. 29, October 31, 2014, 31 October 2014 and 2014-10-31.
   ^^^^^^^ date 2014-10-31
            ^^^^^^^^ date 2014-09-29
                      ^^^^^^^^^^^^^^^^ date 2014-10-31
                                        ^^^^^^^^^^^^^^^ date 2014-10-31
                                                            ^^^^^^^^^^ date 2014-10-31",
    );
    check(
        "In February, in 2018, in 2012-2013, on Jan. 21-23, from March to June, in Q2 2023.
   ^^^^^^^^ date 2014-02
                ^^^^ date 2018
                         ^^^^^^^^^ date 2012/2013
                                       ^^^^^^^^^^ date 2014-01-21/2014-01-23
                                                   ^^^^^^^^^^^^^^^^^^ date 2014-03/2014-06
                                                                          ^^^^^^^ date 2023-04/2023-06",
    );
    check(
        "In late October, early 2015, mid-2015 and the end of 2014; last year and next month.
   ^^^^^^^^^^^^ date 2014-10 ~
                 ^^^^^^^^^^ date 2015 ~
                             ^^^^^^^^ date 2015 ~
                                          ^^^^^^^^^^^^^^^ date 2014-12 ~
                                                           ^^^^^^^^^ date 2013
                                                                         ^^^^^^^^^^ date 2015-01",
    );
}

#[test]
fn actors_from_gazetteers_titles_and_shapes() {
    check(
        "President Xi met Kim Jong Un in Pyongyang; the DPRK and Beijing's envoy agreed.
          ^^ person Xi Jinping
                 ^^^^^^^^^^^ person Kim Jong Un
                                ^^^^^^^^^ place Pyongyang
                                               ^^^^ country North Korea
                                                        ^^^^^^^ country China",
    );
    check(
        "The Asian Infrastructure Investment Bank (AIIB) and Zhejiang University met near the Yellow Sea.
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Asian Infrastructure Investment Bank
                                          ^^^^ organization Asian Infrastructure Investment Bank
                                                    ^^^^^^^^^^^^^^^^^^^ organization Zhejiang University
                                                                                     ^^^^^^^^^^ place Yellow Sea",
    );
}

#[test]
fn configured_actors_and_currency() {
    let mut config = Config {
        reference_date: crate::calendar::Date::new(2014, 12, 31),
        currency: "AUD".into(),
        ..Config::default()
    };
    config.actors.push(crate::config::ActorDef {
        name: "The Quartet".into(),
        kind: crate::model::ActorKind::Group,
        aliases: vec!["Quartet".into()],
        description: None,
        line: None,
    });
    check_with(
        "The Quartet paid $5 million; the Quartet agreed.
^^^^^^^^^^^ group The Quartet
                 ^^^^^^^^^^ money 5000000 AUD
                                 ^^^^^^^ group The Quartet",
        &config,
    );
}

/// A year with more digits than any year has was left unread, and the day took the reference
/// year: `December 31, 999999999999999999999` was December 31, 2014 here (today, in a report
/// with no date of its own).
#[test]
fn a_number_where_the_year_stands_that_no_year_can_be_makes_no_date() {
    check(
        "It ended on December 31, 999999999999999999999 in Seoul.
                     ^^ count 31
                         ^^^^^^^^^^^^^^^^^^^^^ count 999999999999999999999 as written
                                                  ^^^^^ place Seoul",
    );
    check(
        "Talks were held on 31 December 123456, in December 99999 and on 12/31/99999.
                   ^^ count 31
                               ^^^^^^ count 123456
                                                   ^^^^^ count 99999",
    );
    check(
        "The records end on Dec. 31, 9999.
                        ^^ count 31
                            ^^^^ count 9999",
    );
    // Four digits with a word after them count something, after a day of the reference year.
    check(
        "On March 3, 2500 soldiers crossed.
   ^^^^^^^ date 2014-03-03
            ^^^^ count 2500",
    );
}

/// `Feb. 30, 2019` was read as the month, a count of 30 and the year: a day its month lacks
/// makes one expression that is no date, and no count either.
#[test]
fn a_day_its_month_lacks_is_no_date_and_no_count() {
    check(
        "The talks ended on Feb. 30, 2019 in Seoul; Saturday, the 31st of April 2019, passed.
                   ^^^^^^^^^^^^^ no date 2019-02-30
                                    ^^^^^ place Seoul
                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ no date 2019-04-31",
    );
    // Without a year, an ordinal or `on` before it, it is read as a month and a count.
    check(
        "In February 30 soldiers died; on Feb. 30 they met.
   ^^^^^^^^ date 2014-02
            ^^ count 30
                                 ^^^^^^^ no date 2014-02-30",
    );
}

/// The fixtures' configuration with `dossier.toml` text on top, which must apply whole.
#[track_caller]
fn configured(toml: &str) -> Config {
    let base = Config {
        reference_date: crate::calendar::Date::new(2014, 12, 31),
        ..Config::default()
    };
    let (config, errors) = crate::config::parse(toml, &base);
    assert_eq!(errors, []);
    config
}

#[test]
fn patterns_of_actors_find_names_of_the_house_style() {
    let config = configured(
        r#"
[[patterns]]
kind = "organization"
regex = "Operation (?:[A-Z][a-z]+ ?)+"

[[patterns]]
kind = "organization"
name = "Ministry of Unification"
regex = "(?i)unification ministry|\\bMOU\\b"
"#,
    );
    check_with(
        "Operation Pluto began; the Unification Ministry and MOU met before Operation Sea Lion.
^^^^^^^^^^^^^^^ organization Operation Pluto
                           ^^^^^^^^^^^^^^^^^^^^ organization Ministry of Unification
                                                    ^^^ organization Ministry of Unification
                                                                   ^^^^^^^^^^^^^^^^^^ organization Operation Sea Lion",
        &config,
    );
}

/// A year before a unit is an amount, as in `2014 tons`.
#[test]
fn patterns_of_units_measure_the_numbers_before_them() {
    let config = configured(
        r#"
[[patterns]]
kind = "unit"
regex = "barrels? (?:of oil )?per day"
unit = "bpd"

[[patterns]]
kind = "unit"
regex = "sorties?"
"#,
    );
    check_with(
        "Output rose to 2.5 million barrels of oil per day from 900,000 barrels per day; 2014 sorties flew.
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quantity 2500000 bpd
                                                       ^^^^^^^^^^^^^^^^^^^^^^^ quantity 900000 bpd
                                                                                ^^^^^^^^^^^^ quantity 2014 sorties",
        &config,
    );
}

#[test]
fn patterns_to_ignore_hide_codes_that_read_as_figures_or_dates() {
    let text = "CRS 7-5700 and docket 2014-1234 cite report RL33567 of May 5, 2014.";
    check(&format!(
        "{text}
^^^ organization Congressional Research Service
    ^^^^^^ count 7
                      ^^^^ date 2014
                           ^^^^ date 1234
                                                       ^^^^^^^^^^^ date 2014-05-05"
    ));
    let config = configured(
        r#"
[[patterns]]
kind = "ignore"
regex = '7-5700|\d{4}-\d{4}|R[LS]\d{5}'
"#,
    );
    check_with(
        &format!(
            "{text}
^^^ organization Congressional Research Service
                                                       ^^^^^^^^^^^ date 2014-05-05"
        ),
        &config,
    );
}

#[test]
fn titled_surnames_are_the_office_holders_of_the_report_s_date() {
    check(
        "President Park met Premeir Li and President Xi; Vice-Premier Wang spoke.
          ^^^^ person Park Geun-hye
                           ^^ person Li Keqiang
                                            ^^ person Xi Jinping",
    );
}

#[test]
fn names_with_particles_and_hyphenated_particles() {
    check(
        "Luiz Inácio Lula da Silva, Ursula von der Leyen and al-Shabaab; the de facto rule.
^^^^^^^^^^^^^^^^^^^^^^^^^ person Luiz Inácio Lula da Silva
                           ^^^^^^^^^^^^^^^^^^^^ person Ursula von der Leyen
                                                    ^^^^^^^^^^ group al-Shabaab",
    );
    check(
        "Mohammed bin Salman met Brazil da Costa officials.
^^^^^^^^^^^^^^^^^^^ person Mohammed bin Salman
                        ^^^^^^ country Brazil",
    );
}

#[test]
fn generic_bodies_belong_to_the_country_written_before_them() {
    let text = "South Korea's Foreign Ministry and China's Foreign Ministry met the ROK Ministry of Oceans and Fisheries.";
    let a = crate::analyze(text, &Config::default(), Format::Plain);
    let names: Vec<&str> = a.actors.iter().map(|x| &*x.name).collect();
    assert!(
        names.contains(&"Ministry of Foreign Affairs (South Korea)"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Ministry of Foreign Affairs (China)"),
        "{names:?}"
    );
    assert!(
        names.contains(&"Ministry of Oceans and Fisheries (South Korea)"),
        "{names:?}"
    );
    let text = "The Foreign Ministry said so.";
    let a = crate::analyze(text, &Config::default(), Format::Plain);
    assert_eq!(
        a.actors.iter().map(|x| &*x.name).collect::<Vec<_>>(),
        ["Foreign Ministry"],
        "no country, no other country's card"
    );
}

#[test]
fn currency_prefixes_technologies_and_names_hold_no_actor_or_count() {
    check(
        "US$150 million, AU$50 billion and SDR 100 million for 5G in ASEAN Plus Three; 2 billion CFA francs.
^^^^^^^^^^^^^^ money 150000000 USD
                ^^^^^^^^^^^^^ money 50000000000 AUD
                                  ^^^^^^^^^^^^^^^ money 100000000 XDR
                                                            ^^^^^^^^^^^^^^^^ organization ASEAN Plus Three
                                                                              ^^^^^^^^^^^^^^^^^^^^ money 2000000000 XOF",
    );
    check(
        "Cameroon paid 5 billion CFA francs; Senegal paid 2 billion FCFA.
^^^^^^^^ country Cameroon
              ^^^^^^^^^^^^^^^^^^^^ money 5000000000 XAF
                                    ^^^^^^^ country Senegal
                                                 ^^^^^^^^^^^^^^ money 2000000000 XOF",
    );
}

#[test]
fn a_capital_after_a_word_that_places_is_the_city() {
    check(
        "Talks in Seoul ended; Seoul said no.
         ^^^^^ place Seoul
                      ^^^^^ country South Korea",
    );
}

#[test]
fn office_holders_of_the_configuration_name_titled_surnames() {
    let config = configured(
        r#"
reference-date = "2024-06-01"

[[holders]]
name = "William Ruto"
office = "President of Kenya"
country = "Kenya"
from = "2022-09-13"

[[holders]]
name = "Uhuru Kenyatta"
office = "President of Kenya"
from = "2013-04-09"
to = "2022-09-13"
"#,
    );
    assert!(config.holders.len() == 2, "{:?}", config.holders);
    check_with(
        "President Ruto met President Kenyatta's aides.
          ^^^^ person William Ruto
                             ^^^^^^^^ person Kenyatta",
        &config,
    );
    let bad = crate::config::parse(
        "[[holders]]\nname = \"X Y\"\noffice = \"King\"\n",
        &Config::default(),
    );
    assert!(
        bad.1.iter().any(|e| e.message.contains("`from` date")),
        "{:?}",
        bad.1
    );
}

#[test]
fn a_direction_before_a_province_or_town_names_a_place_of_its_own() {
    check(
        "Fighting spread to Lower Juba, East Kalimantan and West Africa; South Korea agreed.
                   ^^^^^^^^^^ place Lower Juba
                               ^^^^^^^^^^^^^^^ place East Kalimantan
                                                   ^^^^^^^^^^^ place West Africa
                                                                ^^^^^^^^^^^ country South Korea",
    );
}

#[test]
fn names_joined_by_and_are_two_mentions_when_each_is_a_name_of_its_own() {
    check(
        "Nippon Steel and Mitsubishi Heavy Industries paid; the Politburo and Central Committee met.
^^^^^^^^^^^^ organization Nippon Steel
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Mitsubishi Heavy Industries
                                                                     ^^^^^^^^^^^^^^^^^ organization Central Committee",
    );
    check(
        "The Garment Manufacturers and Exporters Association and the Ministry of Trade and Industry met.
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Garment Manufacturers and Exporters Association
                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Ministry of Trade and Industry",
    );
}

#[test]
fn an_acronym_after_a_name_is_defined_by_it_whatever_its_letters() {
    check(
        "The Movement for Democratic Change (MDC) and the Armed Forces of the Democratic Republic of the Congo (FARDC); the MDC.
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Movement for Democratic Change
                                    ^^^ organization Movement for Democratic Change
                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Armed Forces of the Democratic Republic of the Congo
                                                                                                       ^^^^^ organization Armed Forces of the Democratic Republic of the Congo
                                                                                                                   ^^^ organization Movement for Democratic Change",
    );
    // A country before the parentheses ends a longer name more often than it is defined.
    check(
        "Figures from Statistics Botswana (SB) show it.
                        ^^^^^^^^ country Botswana",
    );
}

#[test]
fn a_country_written_before_its_generic_body_is_one_mention_of_the_body() {
    check(
        "The Chinese Foreign Ministry and South Korea's Ministry of National Defense spoke; Indonesia's Pertamina paid.
    ^^^^^^^^^^^^^^^^^^^^^^^^ organization Ministry of Foreign Affairs (China)
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Ministry of National Defense (South Korea)
                                                                                   ^^^^^^^^^ country Indonesia
                                                                                               ^^^^^^^^^ organization Pertamina",
    );
}

#[test]
fn a_bare_name_of_an_office_holder_is_the_holder_where_the_report_names_the_country() {
    let on = |date: &str| Config {
        reference_date: crate::calendar::Date::parse_iso(date),
        ..Config::default()
    };
    let may_2024 = on("2024-05-28");
    check_with(
        "In Brazil, Lula and Jokowi met; AMLO spoke for Mexico and López Obrador left.
   ^^^^^^ country Brazil
           ^^^^ person Luiz Inácio Lula da Silva
                                ^^^^ person Andrés Manuel López Obrador
                                               ^^^^^^ country Mexico
                                                          ^^^^^^^^^^^^^ person Andrés Manuel López Obrador",
        &may_2024,
    );
    // Jokowi above stays unnamed: the report does not name Indonesia. Out of office, or a
    // month, a bare name is no one.
    check_with(
        "In Mexico, Sheinbaum spoke in May and left.
   ^^^^^^ country Mexico
                              ^^^ date 2024-05",
        &may_2024,
    );
}

#[test]
fn a_later_mention_by_part_of_a_long_name_is_the_same_person() {
    check(
        "Claudia Sheinbaum Pardo and Finance Minister Sri Mulyani Indrawati spoke. Sheinbaum and Sri Mulyani agreed; Pardo left.
^^^^^^^^^^^^^^^^^^^^^^^ person Claudia Sheinbaum Pardo
                                             ^^^^^^^^^^^^^^^^^^^^^ person Sri Mulyani Indrawati
                                                                          ^^^^^^^^^ person Claudia Sheinbaum Pardo
                                                                                        ^^^^^^^^^^^ person Sri Mulyani Indrawati
                                                                                                            ^^^^^ person Claudia Sheinbaum Pardo",
    );
    // A word two people's names hold names neither.
    check(
        "Juan Carlos Varela and Ana Carlos Soto met. Carlos left.
^^^^^^^^^^^^^^^^^^ person Juan Carlos Varela
                       ^^^^^^^^^^^^^^^ person Ana Carlos Soto",
    );
}

#[test]
fn names_in_headings_and_datelines_written_in_capitals() {
    check(
        "HORN OF AFRICA NEWS BRIEF
^^^^^^^^^^^^^^ place Horn of Africa",
    );
    check(
        "MOGADISHU, 3 March — Talks resumed.
^^^^^^^^^ place MOGADISHU
           ^^^^^^^ date 2014-03-03",
    );
    // Capitals in a sentence are emphasis, and words no list knows stay words.
    check(
        "The UNITED NATIONS said NOTHING in Kenya; PRESS RELEASE
                                   ^^^^^ country Kenya",
    );
}

#[test]
fn people_after_a_portfolio_a_country_s_word_or_with_accents_their_lists_lack() {
    check(
        "Coordinating Minister for Economic Affairs Airlangga Hartarto and Minister of State for Foreign Affairs Adel al-Jubeir spoke.
                                           ^^^^^^^^^^^^^^^^^^ person Airlangga Hartarto
                                                                                                        ^^^^^^^^^^^^^^ person Adel al-Jubeir",
    );
    check(
        "Energy Minister German Galushchenko met Xóchitl Gálvez and Tarcísio Freitas.
                ^^^^^^^^^^^^^^^^^^^ person German Galushchenko
                                        ^^^^^^^^^^^^^^ person Xóchitl Gálvez
                                                           ^^^^^^^^^^^^^^^^ person Tarcísio Freitas",
    );
    // A portfolio of listed words only, or a country after a title with a listed word after it.
    check(
        "The Minister for Foreign Affairs spoke in Kenya.
                                          ^^^^^ country Kenya",
    );
}

#[test]
fn organisations_named_with_a_country_inside_them() {
    check(
        "The Federal Government of Somalia, the UN Support Office in Somalia and the US Treasury met.
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ country Somalia
                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization United Nations Support Office in Somalia
                                                                            ^^^^^^^^^^^ organization United States Department of the Treasury",
    );
    check(
        "The United Nations World Food Programme paid in the Red River Delta.
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization World Food Programme
                                                    ^^^^^^^^^^^^^^^ place Red River Delta",
    );
    // A country's word before `Government` is the country; an office in a town is the office.
    check(
        "The Kenyan Government and the Press Office in Goma spoke.
    ^^^^^^ country Kenya
                              ^^^^^^^^^^^^ organization Press Office (Kenya)
                                              ^^^^ place Goma",
    );
}

#[test]
fn a_capital_that_locates_is_the_city_and_one_that_acts_the_government() {
    check(
        "In Seoul, the mayor of Nairobi visited Bamako, Niamey and Accra before the Riyadh summit; Tokyo said no.
   ^^^^^ place Seoul
                       ^^^^^^^ place Nairobi
                                       ^^^^^^ place Bamako
                                               ^^^^^^ place Niamey
                                                          ^^^^^ place Accra
                                                                           ^^^^^^ place Riyadh
                                                                                          ^^^^^ country Japan",
    );
    check(
        "Hanoi contests the claims; the Beijing government and Moscow, Tehran agreed.
^^^^^ country Vietnam
                               ^^^^^^^ country China
                                                      ^^^^^^ country Russia
                                                              ^^^^^^ country Iran",
    );
}

#[test]
fn long_arabic_names_titles_set_off_by_commas_and_regional_adjectives() {
    check(
        "Sheikh Mohammed bin Abdulrahman bin Jassim Al Thani and Sayyid Badr bin Hamad al-Busaidi met.
       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ person Mohammed bin Abdulrahman bin Jassim Al Thani
                                                               ^^^^^^^^^^^^^^^^^^^^^^^^^ person Badr bin Hamad al-Busaidi",
    );
    check(
        "The Iranian Foreign Minister, Hossein Amir-Abdollahian, and chief economist Huw Pill spoke.
    ^^^^^^^ country Iran
                              ^^^^^^^^^^^^^^^^^^^^^^^^ person Hossein Amir-Abdollahian
                                                                            ^^^^^^^^ person Huw Pill",
    );
    check(
        "UN Office for the Coordination of Humanitarian Affairs (OCHA) staff and European officials left Asia.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization UN Office for the Coordination of Humanitarian Affairs
                                                        ^^^^ organization UN Office for the Coordination of Humanitarian Affairs
                                                                                                ^^^^ place Asia",
    );
    // A comma after a word that is no title sets off no name.
    check(
        "In the end, Ruto Kamau and Kenya agreed.
                           ^^^^^ country Kenya",
    );
}

#[test]
fn vietnamese_leaders_are_called_by_the_last_word_of_their_names() {
    check(
        "Nguyen Phu Trong met Kim Jong Un. Trong agreed; Phu did not.
^^^^^^^^^^^^^^^^ person Nguyen Phu Trong
                     ^^^^^^^^^^^ person Kim Jong Un
                                  ^^^^^ person Nguyen Phu Trong",
    );
}

#[test]
fn hyphenated_compounds_are_mentions_of_each_actor_and_names_keep_their_hyphens() {
    check(
        "President Xi and President Park held the Xi-Park summit before US-ROK drills and Japan–South Korea talks.
          ^^ person Xi Jinping
                           ^^^^ person Park Geun-hye
                                         ^^ person Xi Jinping
                                            ^^^^ person Park Geun-hye
                                                               ^^ country United States
                                                                  ^^^ country South Korea
                                                                                 ^^^^^ country Japan
                                                                                       ^^^^^^^^^^^ country South Korea",
    );
    // A hyphen inside a name stays inside: one mention, not two.
    check(
        "Russia-backed fighters of al-Shabaab met President Kassym-Jomart Tokayev in pro-Russian Guinea-Bissau.
^^^^^^ country Russia
                          ^^^^^^^^^^ group al-Shabaab
                                                   ^^^^^^^^^^^^^^^^^^^^^ person Kassym-Jomart Tokayev
                                                                                ^^^^^^^ country Russia
                                                                                        ^^^^^^^^^^^^^ country Guinea-Bissau",
    );
}

#[test]
fn honorifics_inside_names_after_a_given_name() {
    // Somali and Arabic names carry `Sheikh` as a name element after a given name; at the
    // start of a name it stays a title.
    check(
        "President Hassan Sheikh Mohamud met Sheikh Tamim in Doha.
          ^^^^^^^^^^^^^^^^^^^^^ person Hassan Sheikh Mohamud
                                           ^^^^^ person Tamim bin Hamad Al Thani
                                                    ^^^^ place Doha",
    );
    check(
        "Hassan Sheikh Mohamud, Somalia's president, said so.
^^^^^^^^^^^^^^^^^^^^^ person Hassan Sheikh Mohamud
                       ^^^^^^^ country Somalia",
    );
}

#[test]
fn national_armed_forces_are_organisations_by_name_and_short_form() {
    check(
        "The People's Liberation Army, the TNI and the Korean People's Army drilled.
    ^^^^^^^^^^^^^^^^^^^^^^^^ organization People's Liberation Army
                                  ^^^ organization Indonesian National Armed Forces
                                              ^^^^^^^^^^^^^^^^^^^^ organization Korean People's Army",
    );
}

#[test]
fn election_commissions_with_a_shared_short_form_belong_to_the_report_s_country() {
    // `INE` is also Chile's statistics institute: in a report on Mexico it is Mexico's
    // electoral institute.
    check(
        "In Mexico, the INE certified the count and the Election Commission of India watched.
   ^^^^^^ country Mexico
               ^^^ organization National Electoral Institute (Mexico)
                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Election Commission of India",
    );
}

#[test]
fn national_statistics_offices_by_name_and_short_form() {
    check(
        "Rosstat and INEGI published; in Indonesia, BPS did too.
^^^^^^^ organization Rosstat
            ^^^^^ organization INEGI
                                ^^^^^^^^^ country Indonesia
                                           ^^^ organization Statistics Indonesia",
    );
}

#[test]
fn a_finance_ministry_is_the_country_s_written_before_it() {
    check(
        "Japan's Ministry of Finance intervened as the Bank of Japan watched.
^^^^^^^^^^^^^^^^^^^^^^^^^^^ organization Ministry of Finance (Japan)
                                              ^^^^^^^^^^^^^ organization Bank of Japan",
    );
}

#[test]
fn financial_regulators_by_short_form() {
    check(
        "The SEC, the CSRC and SEBI fined the brokers.
    ^^^ organization Securities and Exchange Commission
             ^^^^ organization China Securities Regulatory Commission
                      ^^^^ organization Securities and Exchange Board of India",
    );
}

#[test]
fn a_town_named_like_a_person_of_the_report_is_that_person() {
    check(
        "Governor Kazuo Ueda spoke first. Ueda said rates would stay low.
         ^^^^^^^^^^ person Kazuo Ueda
                                 ^^^^ person Kazuo Ueda",
    );
    // With no one of that name in the report, the town is the town.
    check(
        "Ueda, a city in Nagano, grew.
^^^^ place Ueda
                ^^^^^^ place Nagano",
    );
}

#[test]
fn a_name_s_last_words_with_a_capitalised_particle_are_that_person() {
    check(
        "President Ursula von der Leyen spoke. Von der Leyen then left.
          ^^^^^^^^^^^^^^^^^^^^ person Ursula von der Leyen
                                      ^^^^^^^^^^^^^ person Ursula von der Leyen",
    );
}
