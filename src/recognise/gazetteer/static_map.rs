//! A hash map of strings to numbers laid out when Dossier is built: `build.rs` writes its keys
//! as one string and its offsets, values and slots as little-endian bytes, so the gazetteer's
//! hundred thousand names cost no start-up, no heap, and no relocation of pointers when the
//! program loads (pages are read only when a look-up touches them).
//!
//! `build.rs` includes this file too, so that both hash a name the same way.

/// A multiply-and-mix hash over eight bytes at a time: most words are one such word, hashed in
/// a few instructions (a byte-at-a-time hash was a tenth of the actor stage). The table is built
/// for this hash, so no seed can differ between the build and the program.
#[inline]
pub fn hash(s: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let bytes = s.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    // The table takes the low bits: mix the high ones down.
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    h ^ (h >> 29)
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
            // Compared as bytes: slicing the keys as text would check for character bounds.
            let start = if s == 1 {
                0
            } else {
                u32_at(self.ends, s - 2) as usize
            };
            let end = u32_at(self.ends, s - 1) as usize;
            if &self.keys.as_bytes()[start..end] == key.as_bytes() {
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
    /// Where list `k` lies among all the items (`item`); empty for `None`.
    #[inline]
    pub fn bounds(&self, k: Option<usize>) -> (usize, usize) {
        match k {
            None => (0, 0),
            Some(0) => (0, u32_at(self.ends, 0) as usize),
            Some(k) => (
                u32_at(self.ends, k - 1) as usize,
                u32_at(self.ends, k) as usize,
            ),
        }
    }

    /// Item `i` of all the lists laid end to end.
    #[inline]
    pub fn item(&self, i: usize) -> usize {
        u32_at(self.items, i) as usize
    }

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
