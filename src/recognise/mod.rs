//! Recognisers: each finds one kind of thing in a report's tokens and returns plain data.

pub mod actors;
pub mod dates;
pub mod figures;
pub mod gazetteer;
pub mod numbers;
pub mod token;
pub mod units;

use rustc_hash::FxHashSet;

#[cfg(test)]
mod tests;

/// The words of a word list in `data/`, one a line, to look words up in.
fn word_set(data: &'static str) -> FxHashSet<&'static str> {
    data_lines(data).map(str::trim).collect()
}

/// The entries of a list or table in `data/`: its lines, without the blank ones and the `#`
/// comments.
fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}
