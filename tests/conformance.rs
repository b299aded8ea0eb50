//! Scores Dossier against the Recognizers-Text English specs in `../shared/conformance`, as
//! `SCORING.md` there describes: per file, per tier, and span-only and span+value F1.
//!
//! Run it on its own to see the table: `cargo test --release --test conformance -- --nocapture`.

#[path = "support/skip.rs"]
mod skip;

use std::collections::BTreeMap;
use std::path::PathBuf;

use dossier::calendar::Date;
use dossier::model::{Analysis, FigureKind, Period, Precision};
use dossier::{Config, Format};
use serde_json::Value;

/// The share of report-tier cases the issue asks for, overall and for money, percentages and dates
/// each. Printed beside the results.
const REPORT_TIER_TARGET: f64 = 0.90;

/// What the recognisers reach today: a regression below these fails the test.
const REPORT_TIER_FLOOR: f64 = 0.90;
const CATEGORY_FLOORS: &[(&str, f64)] = &[("money", 0.90), ("percentages", 0.90), ("dates", 0.90)];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Number,
    Percent,
    Money,
    Quantity,
    /// One day (`date` in the specs).
    Day,
    /// Months, years and ranges (`daterange`).
    Range,
    /// Both kinds of date (model files).
    AnyDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Report,
    Relative,
    Conversational,
}

const FILES: &[(&str, Category)] = &[
    ("Number/English/NumberModel.json", Category::Number),
    ("Number/English/PercentModel.json", Category::Percent),
    ("NumberWithUnit/English/CurrencyModel.json", Category::Money),
    (
        "NumberWithUnit/English/DimensionModel.json",
        Category::Quantity,
    ),
    ("DateTime/English/DateExtractor.json", Category::Day),
    ("DateTime/English/DateParser.json", Category::Day),
    ("DateTime/English/DatePeriodExtractor.json", Category::Range),
    ("DateTime/English/DatePeriodParser.json", Category::Range),
    ("DateTime/EnglishOthers/DateParser.json", Category::Day),
    ("DateTime/English/DateTimeModel.json", Category::AnyDate),
];

/// An expected or found entity: character span (start, inclusive end) and a comparable value.
#[derive(Clone, Debug)]
struct Entity {
    start: usize,
    end: usize,
    value: Val,
}

#[derive(Clone, Debug)]
enum Val {
    Number(f64),
    Money(f64, String),
    Quantity(f64, String),
    /// Accepted day values (either resolution when the year is missing).
    Day(Vec<Date>),
    /// Accepted (start, end) pairs of a range.
    Range(Vec<(Date, Date)>),
    /// Extractor files give spans only.
    None,
}

fn shared_specs(test: &str) -> Option<PathBuf> {
    skip::shared(test, "conformance/recognizers-text/Specs")
}

fn date(s: &str) -> Option<Date> {
    Date::parse_iso(s.get(..10)?)
}

fn unit_iso(name: &str) -> Option<&'static str> {
    Some(match name {
        "Dollar" => "$",
        "United States dollar" => "USD",
        "Euro" => "EUR",
        "Chinese yuan" => "CNY",
        "Pound" | "British pound" => "GBP",
        "Canadian dollar" => "CAD",
        "Japanese yen" => "JPY",
        "Australian dollar" => "AUD",
        "Turkish lira" => "TRY",
        "Rupee" => "INR",
        "Mexican peso" => "MXN",
        "Hong Kong dollar" => "HKD",
        "Swiss franc" | "Franc" => "CHF",
        "New Zealand dollar" => "NZD",
        "Sri Lankan rupee" => "LKR",
        "Lao kip" => "LAK",
        "Georgian lari" => "GEL",
        "Costa Rican colón" => "CRC",
        "Peseta" => "ESP",
        "Netherlands guilder" => "NLG",
        "Finnish markka" => "FIM",
        "Bitcoin" => "BTC",
        _ => return None,
    })
}

fn dimension_symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "Foot" => "ft",
        "Meter" => "m",
        "Mile" => "mi",
        "Pound" => "lb",
        "Gallon" => "gal",
        "Ton" => "t",
        "Metric ton" => "t",
        "Kilometer per hour" => "km/h",
        "Kilogram" => "kg",
        "Microgram" => "µg",
        "Inch" => "in",
        "Square meter" => "m2",
        "Kilometer" => "km",
        "Millimeter" => "mm",
        "Decimeter" => "dm",
        "Picometer" => "pm",
        "Milliliter" => "mL",
        "Barrel" => "bbl",
        "Ounce" => "oz",
        "Acre" => "acre",
        "Cubic foot" => "ft3",
        "Mile per hour" => "mph",
        "Square kilometer" => "km2",
        "Gram" => "g",
        "Centimeter" => "cm",
        "Liter" => "L",
        "Square foot" => "ft2",
        "Square mile" => "mi2",
        "Hectare" => "ha",
        _ => return None,
    })
}

const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "HKD", "SGD", "TWD", "NZD", "$"];

fn expected(category: Category, r: &Value, chars: &[usize]) -> Option<(Entity, bool)> {
    // (entity, in this file's category)
    let type_name = r["TypeName"]
        .as_str()
        .or(r["Typename"].as_str())
        .or(r["Type"].as_str())
        .unwrap_or("");
    let start = r["Start"].as_u64()? as usize;
    let end = match r.get("End").and_then(Value::as_u64) {
        Some(e) => e as usize,
        None => start + r["Length"].as_u64()? as usize - 1,
    };
    let _ = chars;
    let res = &r["Resolution"];
    let in_category = match category {
        Category::Number => type_name == "number",
        Category::Percent => type_name == "percentage",
        Category::Money => type_name == "currency",
        Category::Quantity => type_name == "dimension",
        Category::Day => type_name == "date",
        Category::Range => type_name == "daterange",
        Category::AnyDate => matches!(type_name, "datetimeV2.date" | "datetimeV2.daterange"),
    };
    let value = match category {
        Category::Number => Val::Number(res["value"].as_str()?.parse().ok()?),
        Category::Percent => {
            Val::Number(res["value"].as_str()?.trim_end_matches('%').parse().ok()?)
        }
        Category::Money => {
            let v: f64 = res["value"].as_str()?.parse().ok()?;
            match res["unit"].as_str()? {
                // Cents and pence are hundredths of the dollar and the pound.
                "Cent" => Val::Money(v / 100.0, "$".into()),
                "Pence" | "Penny" => Val::Money(v / 100.0, "GBP".into()),
                unit => Val::Money(v, unit_iso(unit).unwrap_or("?").into()),
            }
        }
        Category::Quantity => Val::Quantity(
            res["value"].as_str()?.parse().ok()?,
            dimension_symbol(res["unit"].as_str()?)
                .unwrap_or("?")
                .into(),
        ),
        Category::Day | Category::Range if r.get("Value").is_none() => Val::None,
        Category::Day => {
            let v = &r["Value"];
            let days: Vec<Date> = ["FutureResolution", "PastResolution"]
                .iter()
                .filter_map(|k| v[k]["date"].as_str().and_then(date))
                .collect();
            Val::Day(days)
        }
        Category::Range => {
            let v = &r["Value"];
            let pairs: Vec<(Date, Date)> = ["FutureResolution", "PastResolution"]
                .iter()
                .filter_map(|k| {
                    Some((
                        date(v[k]["startDate"].as_str()?)?,
                        date(v[k]["endDate"].as_str()?)?,
                    ))
                })
                .collect();
            Val::Range(pairs)
        }
        Category::AnyDate => {
            let values = res["values"].as_array().cloned().unwrap_or_default();
            if type_name == "datetimeV2.date" {
                Val::Day(
                    values
                        .iter()
                        .filter_map(|x| x["value"].as_str().and_then(date))
                        .collect(),
                )
            } else {
                Val::Range(
                    values
                        .iter()
                        .filter_map(|x| {
                            Some((date(x["start"].as_str()?)?, date(x["end"].as_str()?)?))
                        })
                        .collect(),
                )
            }
        }
    };
    Some((Entity { start, end, value }, in_category))
}

/// Byte offset → character index.
fn char_index(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

fn found(category: Category, text: &str, a: &Analysis) -> Vec<Entity> {
    let span = |s: dossier::text::Span| {
        (
            char_index(text, s.start),
            char_index(text, s.end).saturating_sub(1),
        )
    };
    let mut out = Vec::new();
    match category {
        Category::Number | Category::Percent | Category::Money | Category::Quantity => {
            for f in &a.figures {
                let keep = match category {
                    // Counts, and any other figure whose value a number result names.
                    Category::Number => {
                        !f.ordinal
                            && (f.kind == FigureKind::Count || f.kind == FigureKind::Multiplier)
                    }
                    Category::Percent => f.kind == FigureKind::Percent,
                    Category::Money => f.kind == FigureKind::Money,
                    // Dimensions are lengths, weights, volumes, areas and speeds, not durations.
                    _ => {
                        f.kind == FigureKind::Quantity
                            && !matches!(
                                f.unit.as_deref(),
                                Some("year" | "month" | "week" | "day" | "h" | "min")
                            )
                    }
                };
                if !keep {
                    continue;
                }
                let (start, end) = span(f.span);
                let unit = f.unit.as_deref().unwrap_or_default().to_string();
                let value = match category {
                    Category::Money => Val::Money(f.value, unit),
                    Category::Quantity => Val::Quantity(f.value, unit),
                    _ => Val::Number(f.value),
                };
                out.push(Entity { start, end, value });
            }
        }
        _ => {
            for d in &a.dates {
                let day = d.value.precision == Precision::Day && !d.value.interval;
                let keep = match category {
                    Category::Day => day,
                    Category::Range => !day,
                    _ => true,
                };
                if !keep {
                    continue;
                }
                let (start, end) = span(d.span);
                let value = if day {
                    Val::Day(vec![d.value.start])
                } else {
                    Val::Range(vec![(d.value.start, d.value.end)])
                };
                out.push(
                    Entity {
                        start,
                        end,
                        value: Val::Range(vec![]),
                    }
                    .with(value),
                );
            }
        }
    }
    out
}

impl Entity {
    fn with(mut self, value: Val) -> Entity {
        self.value = value;
        self
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// The end date at our precision equals theirs, or theirs is one unit later (their ranges end at
/// the start of the unit after, or of the last unit).
fn range_end_matches(ours: Date, ours_start: Date, theirs: Date, theirs_start: Date) -> bool {
    if ours == theirs {
        return true;
    }
    let _ = (ours_start, theirs_start);
    // One day later (exclusive end), or the first of our last month / year.
    ours.add_days(1) == theirs
        || (theirs.day == 1 && theirs.year == ours.year && theirs.month == ours.month)
        || (theirs.day == 1 && theirs.month == 1 && theirs.year == ours.year)
}

fn values_match(expected: &Val, found: &Val) -> bool {
    match (expected, found) {
        (Val::None, _) => true,
        // The specs give no resolution (seasons): the span is all there is to compare.
        (Val::Day(v), _) if v.is_empty() => true,
        (Val::Range(v), _) if v.is_empty() => true,
        (Val::Number(a), Val::Number(b)) => close(*a, *b),
        (Val::Money(a, ua), Val::Money(b, ub)) => {
            close(*a, *b)
                && (ua == ub
                    || (ua == "$" && DOLLARS.contains(&ub.as_str()))
                    || (ub == "$" && DOLLARS.contains(&ua.as_str())))
        }
        (Val::Quantity(a, ua), Val::Quantity(b, ub)) => close(*a, *b) && ua == ub,
        (Val::Day(days), Val::Day(ours)) => days.iter().any(|d| ours.contains(d)),
        (Val::Range(pairs), Val::Range(ours)) => pairs.iter().any(|&(s, e)| {
            ours.iter()
                .any(|&(os, oe)| os == s && range_end_matches(oe, os, e, s))
        }),
        // A single day written where the specs expect a one-day range, or the reverse.
        (Val::Day(days), Val::Range(ours)) => days
            .iter()
            .any(|d| ours.iter().any(|(s, e)| s == d && e == d)),
        _ => false,
    }
}

/// Words that make a date conversational: weekdays, times of day, holidays, spans of days.
const CONVERSATIONAL: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "morning",
    "afternoon",
    "evening",
    "night",
    "tonight",
    "noon",
    "midnight",
    "christmas",
    "thanksgiving",
    "easter",
    "valentine",
    "halloween",
    "eve",
    "holiday",
    "holidays",
    "weekend",
    "weekends",
    "hours",
    "hour",
    "minutes",
    "o",
    "clock",
    "day",
    "days",
    "week",
    "weeks",
];

/// Words that make a date relative to the reference date.
const RELATIVE: &[&str] = &[
    "next",
    "last",
    "this",
    "past",
    "previous",
    "coming",
    "ago",
    "today",
    "tomorrow",
    "yesterday",
    "recent",
    "current",
    "upcoming",
    "later",
    "earlier",
    "now",
    "rest",
    "same",
    "fiscal",
    "fy",
    "decade",
    "century",
    "following",
    "prior",
    "before",
    "after",
    "since",
    "until",
    "within",
    "second",
    "third",
    "fourth",
    "first",
    "ytd",
    "mtd",
    "qtd",
    "nearly",
    "early",
    "late",
    "mid",
    "middle",
    "end",
    "beginning",
    "start",
];

/// Which tier a case belongs to, judged from its input and expected texts.
fn tier(category: Category, input: &str, results: &[Value], file_category_only: bool) -> Tier {
    if !file_category_only {
        return Tier::Conversational;
    }
    match category {
        Category::Number | Category::Percent => number_tier(input, results),
        Category::Money => Tier::Report,
        Category::Quantity => {
            let scoped = results.iter().all(|r| {
                matches!(
                    r["Resolution"]["subtype"].as_str(),
                    Some("Length" | "Weight" | "Volume" | "Area")
                )
            });
            if scoped {
                Tier::Report
            } else {
                Tier::Conversational
            }
        }
        _ => date_tier(input, results),
    }
}

/// Whether the input (lower-cased) has one of `list`'s words.
fn has_word(input: &str, list: &[&str]) -> bool {
    input
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| list.contains(&w))
}

/// Plain numbers only: fractions, exponents and spoken arithmetic are conversational.
fn number_tier(input: &str, results: &[Value]) -> Tier {
    let fraction = results
        .iter()
        .filter_map(|r| r["Text"].as_str())
        .any(is_fraction);
    if fraction
        || has_word(
            input,
            &[
                "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
                "sixth", "tenth", "eighth", "ninths", "sevenths",
            ],
        )
    {
        Tier::Conversational
    } else {
        Tier::Report
    }
}

/// Whether an expected number's text is a fraction, an exponent or spoken arithmetic.
fn is_fraction(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains('/')
        || t.contains('^')
        || t.chars().any(|c| {
            ('\u{00BC}'..='\u{00BE}').contains(&c) || ('\u{2150}'..='\u{215E}').contains(&c)
        })
        || t.contains(" over ")
        || t.contains(" out of ")
        || t.contains(" in ")
        || t.split(|c: char| !c.is_alphanumeric()).any(|w| {
            w.ends_with("th") && w.len() > 4
                || w.ends_with("ths")
                || w.ends_with("firsts")
                || w.ends_with("seconds")
                || w.ends_with("thirds")
                || matches!(
                    w,
                    "half" | "halves" | "quarter" | "quarters" | "third" | "fourth" | "point"
                )
        })
        || (t.contains('e')
            && t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '-')
            && t.chars().any(|c| c.is_ascii_digit())
            && !t.chars().any(|c| c.is_ascii_alphabetic() && c != 'e'))
}

/// A date is conversational or relative by the words of its expected texts (or of the input,
/// when there are none); else it belongs to reports when it states a month, a year or digits.
fn date_tier(input: &str, results: &[Value]) -> Tier {
    let texts: Vec<String> = results
        .iter()
        .filter_map(|r| r["Text"].as_str().map(str::to_lowercase))
        .collect();
    let in_text = |list: &[&str]| {
        texts.iter().any(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| list.contains(&w))
        })
    };
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let has_month = texts.iter().any(|t| months.iter().any(|m| t.contains(m)));
    let has_year = texts
        .iter()
        .any(|t| t.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4) || t.contains('\''));
    let numeric_date = texts.iter().any(|t| {
        t.contains('/')
            || t.matches('-').count() >= 1 && t.chars().filter(char::is_ascii_digit).count() >= 3
    });
    if in_text(CONVERSATIONAL) || (texts.is_empty() && has_word(input, CONVERSATIONAL)) {
        Tier::Conversational
    } else if in_text(RELATIVE) || (texts.is_empty() && has_word(input, RELATIVE)) {
        Tier::Relative
    } else if texts.is_empty() || has_month || has_year || numeric_date {
        Tier::Report
    } else {
        // `on 15`, `the 27th`: a day of a month left unsaid.
        Tier::Relative
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    cases: usize,
    passed: usize,
}

impl Score {
    fn add(&mut self, pass: bool) {
        self.cases += 1;
        self.passed += usize::from(pass);
    }

    /// The percentage of cases passed (all of none).
    fn rate(&self) -> f64 {
        if self.cases == 0 {
            100.0
        } else {
            100.0 * self.passed as f64 / self.cases as f64
        }
    }
}

#[derive(Default)]
struct F1 {
    expected: usize,
    found: usize,
    span_hits: usize,
    value_hits: usize,
}

impl F1 {
    /// F1 of `hits` against what was expected and what was found.
    fn score(&self, hits: usize) -> f64 {
        let p = if self.found == 0 {
            0.0
        } else {
            hits as f64 / self.found as f64
        };
        let r = if self.expected == 0 {
            0.0
        } else {
            hits as f64 / self.expected as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// One case of the specs, judged: its tier, what the specs expect and what Dossier found.
struct Judged<'a> {
    input: &'a str,
    tier: Tier,
    want: Vec<Entity>,
    got: Vec<Entity>,
    pass: bool,
}

/// Analyses one case and compares what it finds with what the specs expect; `None` for a case
/// the specs flag as unsupported by the dotnet implementation.
fn judge(category: Category, case: &Value) -> Option<Judged<'_>> {
    let flagged = ["NotSupported", "NotSupportedByDesign"]
        .iter()
        .any(|k| case[k].as_str().is_some_and(|s| s.contains("dotnet")));
    if flagged {
        return None;
    }
    let input = case["Input"].as_str().unwrap_or("");
    let reference = case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(date)
        .unwrap_or(Date {
            year: 2016,
            month: 11,
            day: 7,
        });
    let results = case["Results"].as_array().cloned().unwrap_or_default();
    let chars: Vec<usize> = Vec::new();
    let parsed: Vec<(Entity, bool)> = results
        .iter()
        .filter_map(|r| expected(category, r, &chars))
        .collect();
    let only_category = parsed.iter().all(|(_, c)| *c) && parsed.len() == results.len();
    let want: Vec<Entity> = parsed
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(e, _)| e)
        .collect();
    let tier = tier(category, input, &results, only_category);
    let analysis = analyse(input, reference);
    let got = found(category, input, &analysis);
    // One to one: same spans (case is irrelevant to offsets) and values.
    let span_ok = want.len() == got.len()
        && want
            .iter()
            .zip(&got)
            .all(|(w, g)| w.start == g.start && w.end == g.end);
    let pass = span_ok
        && want
            .iter()
            .zip(&got)
            .all(|(w, g)| values_match(&w.value, &g.value));
    Some(Judged {
        input,
        tier,
        want,
        got,
        pass,
    })
}

/// The scores of every case so far: per file, per tier, per category of the report tier, and
/// the report tier's F1 and failures.
#[derive(Default)]
struct Scores {
    per_file: BTreeMap<&'static str, Score>,
    per_tier: BTreeMap<Tier, Score>,
    per_category: BTreeMap<&'static str, Score>,
    f1: F1,
    failures: Vec<String>,
}

impl Scores {
    fn add(&mut self, file: &'static str, category: Category, case: &Judged) {
        let pass = case.pass;
        self.per_file.entry(file).or_default().add(pass);
        self.per_tier.entry(case.tier).or_default().add(pass);
        if case.tier != Tier::Report {
            return;
        }
        let cat = match category {
            Category::Number => "numbers",
            Category::Percent => "percentages",
            Category::Money => "money",
            Category::Quantity => "quantities",
            _ => "dates",
        };
        self.per_category.entry(cat).or_default().add(pass);
        let (want, got) = (&case.want, &case.got);
        self.f1.expected += want.len();
        self.f1.found += got.len();
        for w in want {
            if let Some(g) = got.iter().find(|g| g.start == w.start && g.end == w.end) {
                self.f1.span_hits += 1;
                self.f1.value_hits += usize::from(values_match(&w.value, &g.value));
            }
        }
        if !pass {
            let show = |e: &[Entity]| {
                e.iter()
                    .map(|x| format!("{}..={} {:?}", x.start, x.end, x.value))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            self.failures.push(format!(
                "[{file}] {:?}\n    want {}\n    got  {}",
                case.input,
                show(want),
                show(got)
            ));
        }
    }

    /// The table of rates per file, tier and category, and the report tier's F1.
    fn print(&self) {
        println!("\nRecognizers-Text conformance (dotnet-flagged cases left out)\n");
        println!(
            "{:<48} {:>6} {:>7} {:>7}",
            "file", "cases", "passed", "rate"
        );
        for (file, s) in &self.per_file {
            print_row(file, s);
        }
        println!();
        for (tier, s) in &self.per_tier {
            print_row(&format!("tier {tier:?}"), s);
        }
        for (cat, s) in &self.per_category {
            print_row(&format!("report tier: {cat}"), s);
        }
        println!(
            "\nreport tier F1: span {:.3}, span+value {:.3}",
            self.f1.score(self.f1.span_hits),
            self.f1.score(self.f1.value_hits)
        );
    }

    /// The floors the scores fall below, said as `what rate < floor`.
    fn below_floors(&self) -> Vec<String> {
        let report = self
            .per_tier
            .get(&Tier::Report)
            .copied()
            .unwrap_or_default();
        let mut below = Vec::new();
        if report.rate() < REPORT_TIER_FLOOR * 100.0 {
            below.push(format!(
                "report tier {:.1}% < {:.0}%",
                report.rate(),
                REPORT_TIER_FLOOR * 100.0
            ));
        }
        for &(cat, floor) in CATEGORY_FLOORS {
            if let Some(s) = self.per_category.get(cat) {
                if s.rate() < floor * 100.0 {
                    below.push(format!("{cat} {:.1}% < {:.0}%", s.rate(), floor * 100.0));
                }
            }
        }
        below
    }
}

fn print_row(name: &str, s: &Score) {
    println!(
        "{:<48} {:>6} {:>7} {:>6.1}%",
        name,
        s.cases,
        s.passed,
        s.rate()
    );
}

fn analyse(input: &str, reference: Date) -> Analysis {
    let config = Config {
        reference_date: Some(reference),
        // A one-line input is not a report with a dateline: pin the period to the reference day.
        period: Some(Period {
            start: reference,
            end: reference,
        }),
        ..Config::default()
    };
    dossier::analyze(input, &config, Format::Plain)
}

#[test]
fn recognizers_text_specs() {
    let Some(specs) = shared_specs("recognizers_text_specs") else {
        return;
    };
    let mut scores = Scores::default();
    for &(file, category) in FILES {
        let text = std::fs::read_to_string(specs.join(file)).expect("spec file");
        let cases: Vec<Value> =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("spec json");
        for case in &cases {
            if let Some(judged) = judge(category, case) {
                scores.add(file, category, &judged);
            }
        }
    }
    scores.print();
    if let Ok(path) = std::env::var("CONFORMANCE_FAILURES") {
        let _ = std::fs::write(path, scores.failures.join("\n"));
    }
    println!(
        "target: {:.0}% of the report tier, and of its money, percentages and dates",
        REPORT_TIER_TARGET * 100.0
    );
    let below = scores.below_floors();
    assert!(
        below.is_empty(),
        "conformance fell below its floor: {}",
        below.join(", ")
    );
}
