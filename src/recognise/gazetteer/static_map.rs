//! A hash map of strings to numbers laid out when Dossier is built: `build.rs` writes its keys
//! as one string and its offsets, values and slots as little-endian bytes, so the gazetteer's
//! hundred thousand names cost no start-up, no heap, and no relocation of pointers when the
//! program loads (pages are read only when a look-up touches them).
//!
//! `build.rs` includes this file too, so that both hash a name the same way.

/// FNV-1a over the bytes: short names hash in a few nanoseconds, and the table is built for
/// this hash, so no seed can differ between the build and the program.
pub fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The slots of `keys` in an open-addressed table of a power of two slots, at least twice as
/// many as keys: each slot holds 1 + the index of its key, or 0 when empty.
#[allow(dead_code)]
pub fn slots(keys: &[&str]) -> Vec<u32> {
    let size = (keys.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![0u32; size];
    for (k, key) in keys.iter().enumerate() {
        let mut i = hash(key) as usize & (size - 1);
        while slots[i] != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = u32::try_from(k + 1).expect("fewer than 4 billion keys");
    }
    slots
}

/// The `i`th little-endian `u32` of `bytes`.
#[inline]
pub fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// A map from strings to `u32`s whose keys, values and slots are constants.
#[allow(dead_code)]
pub struct StaticMap {
    /// The keys, one after another.
    pub keys: &'static str,
    /// Where each key ends in `keys` (`u32`s; key `i` starts where key `i - 1` ends).
    pub ends: &'static [u8],
    pub values: &'static [u8],
    pub slots: &'static [u8],
}

#[allow(dead_code)]
impl StaticMap {
    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.values.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Key `i`.
    #[inline]
    pub fn key(&self, i: usize) -> &'static str {
        let start = if i == 0 {
            0
        } else {
            u32_at(self.ends, i - 1) as usize
        };
        &self.keys[start..u32_at(self.ends, i) as usize]
    }

    /// The value of `key`, probing from its hash to the first empty slot.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        let mask = self.slots.len() / 4 - 1;
        let mut i = hash(key) as usize & mask;
        loop {
            let s = u32_at(self.slots, i) as usize;
            if s == 0 {
                return None;
            }
            if self.key(s - 1) == key {
                return Some(u32_at(self.values, s - 1));
            }
            i = (i + 1) & mask;
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every key with its value, in the order they were written.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        (0..self.len()).map(|i| (self.key(i), u32_at(self.values, i)))
    }
}

/// Lists of `u32`s laid out one after another, with where each ends.
#[allow(dead_code)]
pub struct StaticLists {
    pub items: &'static [u8],
    pub ends: &'static [u8],
}

#[allow(dead_code)]
impl StaticLists {
    /// List `k`, as an iterator of its items; no items for `None`.
    #[inline]
    pub fn list(&self, k: Option<usize>) -> impl ExactSizeIterator<Item = usize> + Clone + 'static {
        let items = self.items;
        let (start, end) = match k {
            None => (0, 0),
            Some(0) => (0, u32_at(self.ends, 0) as usize),
            Some(k) => (
                u32_at(self.ends, k - 1) as usize,
                u32_at(self.ends, k) as usize,
            ),
        };
        (start..end).map(move |i| u32_at(items, i) as usize)
    }
}
