//! What the benchmarks share: the example reports and large reports generated from them.

pub const MEKONG: &str = include_str!("../../examples/mekong-2019.txt");
pub const SOUTH_ASIA: &str = include_str!("../../examples/south-asia-trade-2021.md");

/// A report of about `bytes` made of the examples repeated, each copy under its own heading.
pub fn generated(bytes: usize) -> String {
    let mut s = String::from("Generated review\n\nJanuary to March 2019\n\n");
    let mut n = 0;
    while s.len() < bytes {
        n += 1;
        s.push_str(&format!("Part {n}\n\n"));
        s.push_str(if n % 2 == 0 { SOUTH_ASIA } else { MEKONG });
        s.push('\n');
    }
    s
}

/// The countries and measures a generated workspace's reports speak of.
const COUNTRIES: [&str; 20] = [
    "Kenya", "Uganda", "Tanzania", "Nepal", "Bhutan", "Mali", "Niger", "Ghana", "Peru", "Chile",
    "Vietnam", "Laos", "Japan", "Korea", "India", "Brazil", "Mexico", "Egypt", "Morocco",
    "Senegal",
];
const MEASURES: [&str; 3] = ["exports", "imports", "GDP"];

/// Report `n` of a generated workspace: a dated review of thirty facts (a country, a measure,
/// a year and a value; every key recurs in about 500 of 10,000 reports, and a few reports
/// state other values), each with a dated meeting, and `pad` paragraphs of prose about the same actors.
pub fn workspace_report(n: usize, pad: usize) -> String {
    let mut text = format!(
        "# Review no. {n:05}\n\nDate: {} March {}\n\n",
        1 + n % 28,
        2020 + n % 5
    );
    for p in 0..30 {
        let k = n * 31 + p * 7;
        let (c, m, y) = (
            COUNTRIES[k % 20],
            MEASURES[(k / 20) % 3],
            2015 + (k / 60) % 9,
        );
        // Reports 7, 1007, 2007… state one fact with a value two apart from the rest's, and
        // report 5007 (the one the latency benchmark types in) all thirty: a workspace of a
        // few contradictions, each found in every report that states the fact.
        let dissents = n % 1000 == 7 && (p == 0 || n / 1000 == 5);
        let v = 5 + (k % 20 + (k / 20) % 3 + y) % 11 + 2 * usize::from(dissents);
        text.push_str(&format!(
            "{c}'s {m} were ${v} billion in {y}, according to the ministry. Officials in \
             {c} met the delegation on {} June {y}.\n\n",
            1 + p % 27
        ));
        if p < pad {
            let other = COUNTRIES[(k + 3) % 20];
            text.push_str(&format!(
                "The talks between {c} and {other} covered customs, transit and the \
                 long-delayed rail link. Diplomats from {other} said the schedule would \
                 slip, while the World Bank urged both sides to publish the terms.\n\n"
            ));
        }
    }
    text
}

/// Writes the `count` reports of a generated workspace of about 10 KB each (100 MB for 10,000)
/// under `dir`, unless they are there already; returns their paths.
#[allow(dead_code)] // The latency benchmark writes a workspace; the analysis one does not.
pub fn write_workspace(dir: &std::path::Path, count: usize) -> Vec<std::path::PathBuf> {
    let paths: Vec<_> = (0..count)
        .map(|n| dir.join(format!("{:02}/{n:05}.md", n / 500)))
        .collect();
    if paths.last().is_some_and(|p| p.exists()) {
        return paths;
    }
    for (n, path) in paths.iter().enumerate() {
        std::fs::create_dir_all(path.parent().expect("in a folder")).expect("bench folder");
        std::fs::write(path, workspace_report(n, 30)).expect("bench report");
    }
    paths
}
