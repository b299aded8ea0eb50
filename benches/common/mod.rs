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
