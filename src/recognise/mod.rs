//! Recognisers: each finds one kind of thing in a report's tokens and returns plain data.

pub mod actors;
pub mod dates;
pub mod figures;
pub mod gazetteer;
pub mod numbers;
pub mod offices;
pub mod token;
pub mod units;

#[cfg(test)]
mod tests;

/// The words of a word list in `data/`, one a line, to look words up in.
fn word_set(data: &'static str) -> WordSet {
    WordSet::new(data_lines(data).map(|w| (w.trim(), ())))
}

/// A set of words looked up without hashing (`WordMap` without values).
pub(crate) type WordSet = WordMap<()>;

/// Words and their values, looked up without hashing. The recognisers ask such tables about
/// every word beside a number or a capital, and most words are in none: a word finds the short
/// list of the entries of its length and first letter, most often empty, and compares only
/// those.
pub(crate) struct WordMap<T> {
    /// The entries of each (length, first byte's low five bits) bucket; words of
    /// `WORD_MAP_LEN` bytes or more are in none.
    buckets: Vec<Vec<(&'static str, T)>>,
}

/// Words this long or longer are in no `WordMap`.
const WORD_MAP_LEN: usize = 32;

impl<T: Copy> WordMap<T> {
    pub(crate) fn new(entries: impl IntoIterator<Item = (&'static str, T)>) -> WordMap<T> {
        let mut buckets = vec![Vec::new(); WORD_MAP_LEN * 32];
        for (w, v) in entries {
            if w.is_empty() || w.len() >= WORD_MAP_LEN {
                continue;
            }
            let b = &mut buckets[Self::bucket(w)];
            if !b.iter().any(|(x, _)| *x == w) {
                b.push((w, v));
            }
        }
        WordMap { buckets }
    }

    #[inline]
    fn bucket(w: &str) -> usize {
        w.len() * 32 + (w.as_bytes()[0] & 31) as usize
    }

    /// The value of `w`, compared byte for byte.
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<T> {
        if w.is_empty() || w.len() >= WORD_MAP_LEN {
            return None;
        }
        self.buckets[Self::bucket(w)]
            .iter()
            .find(|(x, _)| *x == w)
            .map(|&(_, v)| v)
    }

    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    /// How many entries it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.buckets.iter().map(Vec::len).sum()
    }
}

/// The entries of a list or table in `data/`: its lines, without the blank ones and the `#`
/// comments.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}
