//! Who held an office on a date: heads of state and of government, foreign ministers and the
//! heads of international bodies, from `data/office-holders-*.tsv` and the configuration, so that
//! `President Park` in a report dated 2014 is Park Geun-hye.

use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use crate::calendar::Date;

/// One term of one person in one office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// The country (as `data/countries.tsv` names it) or international body.
    pub country: String,
    /// The office as a card shows it (`President of South Korea`).
    pub office: String,
    /// The titles a report writes before the surname (`President`, `Prime Minister`).
    pub titles: Vec<String>,
    /// The full name in the order reports write it (`Park Geun-hye`).
    pub name: String,
    /// The word or words a title is followed by (`Park`).
    pub surname: String,
    /// Other written forms of the name.
    pub aliases: Vec<String>,
    pub from: Date,
    /// The last day in office; `None` while in office.
    pub to: Option<Date>,
}

impl Holder {
    /// Whether the term covers `date`.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }

    /// `President of South Korea, 2013–2017`, or `…, since 2022` for a term still running.
    pub fn card(&self) -> String {
        match self.to {
            Some(to) if to.year == self.from.year => format!("{}, {}", self.office, to.year),
            Some(to) => format!("{}, {}–{}", self.office, self.from.year, to.year),
            None => format!("{}, since {}", self.office, self.from.year),
        }
    }

    /// Whether `title` (as written before the surname, without the country a caller strips:
    /// `President`, `Premeir`) is one of this office's titles, compared without case and
    /// forgiving one swap of neighbouring letters, the commonest typing slip. `Vice-Premier`
    /// and `Commerce Minister` are other offices.
    pub fn has_title(&self, title: &str) -> bool {
        let title = title.trim_end_matches('.');
        self.titles.iter().any(|t| {
            let t = t.trim_end_matches('.');
            title.eq_ignore_ascii_case(t) || one_swap(title, t)
        })
    }
}

/// Whether `a` is `b` with two neighbouring letters swapped (`Premeir`, `Premier`), ignoring
/// ASCII case; only for words of six letters or more, where a swap leaves the word plain.
pub fn one_swap(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.len() < 6 {
        return false;
    }
    let diff: Vec<usize> = (0..a.len())
        .filter(|&k| !a[k].eq_ignore_ascii_case(&b[k]))
        .collect();
    matches!(diff[..], [i, j] if j == i + 1
        && a[i].eq_ignore_ascii_case(&b[j])
        && a[j].eq_ignore_ascii_case(&b[i]))
}

/// The office holders of a table: `country, office, titles, name, surname, aliases, from, to`
/// separated by tabs, lists by `;`. Lines that do not parse are skipped (a test checks that
/// the shipped tables have none).
pub fn parse_table(data: &str) -> Vec<Holder> {
    super::data_lines(data).filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Holder> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    let [country, office, titles, name, surname, aliases, from, to] = cols[..] else {
        return None;
    };
    let list = |s: &str| -> Vec<String> {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let from = Date::parse_iso(from)?;
    let to = if to.is_empty() {
        None
    } else {
        Some(Date::parse_iso(to)?)
    };
    if name.is_empty() || surname.is_empty() || to.is_some_and(|t| t < from) {
        return None;
    }
    Some(Holder {
        country: country.to_string(),
        office: office.to_string(),
        titles: list(titles),
        name: name.to_string(),
        surname: surname.to_string(),
        aliases: list(aliases),
        from,
        to,
    })
}

/// Office holders, looked up by the surname a title precedes and by full name.
#[derive(Debug, Default)]
pub struct Offices {
    pub holders: Vec<Holder>,
    by_surname: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    /// The first words of surnames and aliases of two words or more.
    first_words: rustc_hash::FxHashSet<String>,
}

impl Offices {
    pub fn new(holders: Vec<Holder>) -> Offices {
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, h) in holders.iter().enumerate() {
            by_surname.entry(h.surname.clone()).or_default().push(k);
            for n in std::iter::once(&h.name).chain(&h.aliases) {
                let list = by_name.entry(n.clone()).or_default();
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
        let first_words = by_surname
            .keys()
            .chain(by_name.keys())
            .filter_map(|n| n.split_once(' ').map(|(f, _)| f.to_string()))
            .collect();
        Offices {
            holders,
            by_surname,
            by_name,
            first_words,
        }
    }

    /// The holder a title and surname name on `date` (`President`, `Park`, 2014-03-01), when
    /// exactly one office of that title had a holder of that surname then; `prefer` breaks a
    /// tie between countries (the countries the report names, most named first).
    pub fn titled(
        &self,
        title: &str,
        surname: &str,
        date: Date,
        prefer: &[&str],
    ) -> Option<&Holder> {
        let of_surname = self.by_surname.get(surname)?.iter();
        titled_among(of_surname.map(|&k| &self.holders[k]), title, date, prefer)
    }

    /// The holder a name written alone names on `date` (`Lula`, `Jokowi`, `Sheinbaum`,
    /// `López Obrador`): a surname or alias of someone in office then, in one of `countries`
    /// (those the report names), since a bare name needs the report's subject to be sure.
    pub fn alone(&self, written: &str, date: Date, countries: &[&str]) -> Option<&Holder> {
        let of = self
            .by_surname
            .get(written)
            .into_iter()
            .chain(self.by_name.get(written))
            .flatten()
            .map(|&k| &self.holders[k]);
        alone_among(of, date, countries)
    }

    /// Whether some holder's surname or alias opens with the word `first` and goes on
    /// (`López` of `López Obrador`), so that a bare name of two words is worth trying.
    pub fn opens_longer_name(&self, first: &str) -> bool {
        self.first_words.contains(first)
    }

    /// The term a full name (`Park Geun-hye`) was serving on `date`, for the person's card.
    pub fn named(&self, name: &str, date: Date, prefer: &[&str]) -> Option<&Holder> {
        let of_name = self.by_name.get(name)?.iter();
        named_among(of_name.map(|&k| &self.holders[k]), date, prefer)
    }
}

/// Of `holders` (those of one surname), the one a title names on `date` (`Offices::titled`).
pub fn titled_among<'h>(
    holders: impl Iterator<Item = &'h Holder>,
    title: &str,
    date: Date,
    prefer: &[&str],
) -> Option<&'h Holder> {
    pick(
        holders
            .filter(|h| h.holds_on(date) && h.has_title(title))
            .collect(),
        prefer,
    )
}

/// Of `holders` (those of one surname or alias), the one in office on `date` in one of
/// `countries` (`Offices::alone`).
pub fn alone_among<'h>(
    holders: impl Iterator<Item = &'h Holder>,
    date: Date,
    countries: &[&str],
) -> Option<&'h Holder> {
    let mut found: Vec<&Holder> = holders
        .filter(|h| h.holds_on(date) && countries.contains(&h.country.as_str()))
        .collect();
    found.dedup_by(|a, b| std::ptr::eq(*a, *b));
    pick(found, countries)
}

/// Of `holders` (those of one name), the term served on `date` (`Offices::named`).
pub fn named_among<'h>(
    holders: impl Iterator<Item = &'h Holder>,
    date: Date,
    prefer: &[&str],
) -> Option<&'h Holder> {
    pick(holders.filter(|h| h.holds_on(date)).collect(), prefer)
}

/// The one holder of `found`, or the one of the first preferred country that has one.
fn pick<'a>(found: Vec<&'a Holder>, prefer: &[&str]) -> Option<&'a Holder> {
    match found[..] {
        [] => None,
        [one] => Some(one),
        _ => {
            let same_person = found.iter().all(|h| h.name == found[0].name);
            if same_person {
                // One person in two offices at once (a president who is also party leader):
                // the first listed office is the one a card names.
                return Some(found[0]);
            }
            prefer.iter().find_map(|c| {
                let of: Vec<&&Holder> = found.iter().filter(|h| h.country == *c).collect();
                (of.len() == 1 || of.iter().all(|h| h.name == of[0].name))
                    .then(|| of.first().map(|h| **h))
                    .flatten()
            })
        }
    }
}

/// The shipped office holders.
pub static SHIPPED: LazyLock<Offices> = LazyLock::new(|| {
    let mut holders = parse_table(include_str!("../../data/office-holders-g20.tsv"));
    holders.extend(parse_table(include_str!(
        "../../data/office-holders-regional.tsv"
    )));
    Offices::new(holders)
});

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn a_swap_of_neighbouring_letters_is_forgiven_in_long_words_only() {
        assert!(one_swap("Premeir", "Premier"));
        assert!(one_swap("Presdient", "President"));
        assert!(!one_swap("Premier", "Premier"));
        assert!(one_swap("Premire", "Premier"));
        assert!(!one_swap("Kign", "King"), "too short to be sure");
        assert!(
            !one_swap("Primeer", "Premier"),
            "two letters changed, not swapped"
        );
    }

    #[test]
    fn a_title_and_surname_name_the_holder_on_the_date() {
        let table = "\
South Korea\tPresident of South Korea\tPresident\tPark Geun-hye\tPark\t\t2013-02-25\t2017-03-10
South Korea\tPresident of South Korea\tPresident\tMoon Jae-in\tMoon\tMoon Jae In\t2017-05-10\t2022-05-09
China\tPremier of the State Council of China\tPremier\tLi Keqiang\tLi\t\t2013-03-15\t2023-03-11
China\tPresident of China\tPresident\tXi Jinping\tXi\t\t2013-03-14\t
bad line
";
        let o = Offices::new(parse_table(table));
        assert_eq!(o.holders.len(), 4, "the bad line is skipped");
        let park = o.titled("President", "Park", d("2014-03-01"), &[]).unwrap();
        assert_eq!(park.name, "Park Geun-hye");
        assert_eq!(park.card(), "President of South Korea, 2013–2017");
        assert!(
            o.titled("President", "Park", d("2019-01-01"), &[])
                .is_none()
        );
        assert!(o.titled("Premier", "Park", d("2014-03-01"), &[]).is_none());
        let li = o.titled("Premeir", "Li", d("2014-10-31"), &[]).unwrap();
        assert_eq!(li.name, "Li Keqiang");
        assert!(
            o.titled("Vice-Premier", "Li", d("2014-10-31"), &[])
                .is_none()
        );
        assert!(o.titled("Xpremier", "Li", d("2014-10-31"), &[]).is_none());
        assert_eq!(
            o.titled("President", "Xi", d("2026-01-01"), &[])
                .unwrap()
                .card(),
            "President of China, since 2013"
        );
        assert_eq!(
            o.named("Moon Jae In", d("2018-01-01"), &[]).unwrap().name,
            "Moon Jae-in"
        );
    }

    #[test]
    fn two_holders_of_one_surname_are_told_apart_by_the_report_s_countries() {
        let table = "\
South Korea\tPresident of South Korea\tPresident\tLee Myung-bak\tLee\t\t2008-02-25\t2013-02-24
Singapore\tPrime Minister of Singapore\tPrime Minister\tLee Hsien Loong\tLee\t\t2004-08-12\t2024-05-15
Taiwan\tPresident of Taiwan\tPresident\tLee Teng-hui\tLee\t\t1988-01-13\t2000-05-20
";
        let o = Offices::new(parse_table(table));
        let on = d("2010-01-01");
        assert_eq!(
            o.titled("President", "Lee", on, &[]).unwrap().name,
            "Lee Myung-bak"
        );
        assert_eq!(
            o.titled("Prime Minister", "Lee", on, &[]).unwrap().name,
            "Lee Hsien Loong"
        );
    }

    #[test]
    fn the_shipped_tables_parse_whole() {
        for data in [
            include_str!("../../data/office-holders-g20.tsv"),
            include_str!("../../data/office-holders-regional.tsv"),
        ] {
            let lines = super::super::data_lines(data).count();
            assert_eq!(parse_table(data).len(), lines, "every row parses");
        }
        assert!(SHIPPED.holders.len() > 500, "{}", SHIPPED.holders.len());
    }
}
