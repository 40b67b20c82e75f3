//! Gazetteers: lists of (lower-cased, token-separated) names, matched as multi-token phrases.
//!
//! Each phrase carries a bit mask of the lists it belongs to. The model uses lists mined from the
//! training data (one per entity type) and from GeoNames (cities, countries, first-level
//! administrative divisions).

use crate::hash::{combine, hash_str, IdMap};
use crate::io::Sentence;
use crate::tags::spans;
use std::collections::BTreeMap;
use std::path::Path;

/// Gazetteer list ids (bit positions in a phrase's mask).
pub mod list {
    pub const TRAIN_PER: u8 = 0;
    pub const TRAIN_ORG: u8 = 1;
    pub const TRAIN_LOC: u8 = 2;
    pub const TRAIN_MISC: u8 = 3;
    pub const GEO_CITY: u8 = 4;
    pub const GEO_COUNTRY: u8 = 5;
    pub const GEO_ADMIN1: u8 = 6;
    pub const GEO_BIG_CITY: u8 = 7;
    /// Alternate (ASCII) names of GeoNames cities.
    pub const GEO_CITY_ALT: u8 = 8;
    /// First / last tokens of multi-token person names in the training data.
    pub const TRAIN_PER_FIRST: u8 = 9;
    pub const TRAIN_PER_LAST: u8 = 10;
    pub const COUNT: usize = 11;
}

/// Longest phrase (in tokens) that is stored and matched.
pub const MAX_PHRASE_TOKENS: usize = 6;

/// Normalises a name into the stored phrase form: whitespace-separated tokens, lower-cased.
pub fn normalize_phrase(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for (i, t) in name.split_whitespace().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&t.to_lowercase());
    }
    s
}

/// A Latin-script name worth matching: ASCII letters with spaces, hyphens, apostrophes or
/// periods, starting with a capital, not all capitals, at least 4 characters.
fn is_plain_name(s: &str) -> bool {
    s.len() >= 4
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().any(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c))
}

/// A set of phrases with list masks, plus a hash index for matching.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    phrases: BTreeMap<String, u16>,
    index: IdMap<u64, u16>,
    max_len: usize,
}

#[inline]
pub(crate) fn phrase_step(h: u64, token_lower_hash: u64) -> u64 {
    combine(h, token_lower_hash)
}

pub(crate) const PHRASE_SEED: u64 = 0x7A3F_11C0_5EED_0001;

fn phrase_hash(phrase: &str) -> (u64, usize) {
    let mut h = PHRASE_SEED;
    let mut n = 0;
    for t in phrase.split(' ') {
        h = phrase_step(h, hash_str(t));
        n += 1;
    }
    (h, n)
}

impl Gazetteer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name` (any case, whitespace-separated tokens) to list `list_id`. Phrases longer
    /// than [`MAX_PHRASE_TOKENS`] tokens or empty are ignored.
    pub fn add(&mut self, name: &str, list_id: u8) {
        let p = normalize_phrase(name);
        self.add_normalized(p, 1u16 << list_id);
    }

    fn add_normalized(&mut self, p: String, mask: u16) {
        if p.is_empty() {
            return;
        }
        let (h, n) = phrase_hash(&p);
        if n > MAX_PHRASE_TOKENS {
            return;
        }
        *self.index.entry(h).or_insert(0) |= mask;
        self.max_len = self.max_len.max(n);
        *self.phrases.entry(p).or_insert(0) |= mask;
    }

    /// Adds every phrase of `other`.
    pub fn extend(&mut self, other: &Gazetteer) {
        for (p, &m) in &other.phrases {
            self.add_normalized(p.clone(), m);
        }
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The list mask of a phrase (0 if absent).
    pub fn lookup(&self, name: &str) -> u16 {
        self.phrases
            .get(&normalize_phrase(name))
            .copied()
            .unwrap_or(0)
    }

    /// Phrases and masks in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.phrases.iter().map(|(p, &m)| (p.as_str(), m))
    }

    /// For a sentence given as lower-case token hashes, returns per token the lists of matches
    /// that begin at the token and the lists of matches that continue through it.
    pub(crate) fn match_hashes(&self, lower: &[u64], out: &mut Vec<(u16, u16)>) {
        out.clear();
        out.resize(lower.len(), (0, 0));
        if self.index.is_empty() {
            return;
        }
        for i in 0..lower.len() {
            let mut h = PHRASE_SEED;
            for j in i..(i + self.max_len).min(lower.len()) {
                h = phrase_step(h, lower[j]);
                if let Some(&m) = self.index.get(&h) {
                    out[i].0 |= m;
                    for o in &mut out[i + 1..=j] {
                        o.1 |= m;
                    }
                }
            }
        }
    }

    /// Entity names of the training sentences, by type (lists TRAIN_PER..TRAIN_MISC), and the
    /// first and last tokens of multi-token person names (TRAIN_PER_FIRST, TRAIN_PER_LAST).
    pub fn from_training(sentences: &[Sentence]) -> Gazetteer {
        let mut g = Gazetteer::new();
        for s in sentences {
            for sp in spans(&s.tags) {
                let name = s.tokens[sp.start..sp.end].join(" ");
                g.add(&name, sp.kind as u8);
                if sp.kind == crate::tags::EntityType::Per && sp.end - sp.start >= 2 {
                    let (f, l) = (&s.tokens[sp.start], &s.tokens[sp.end - 1]);
                    if f.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                        g.add(f, list::TRAIN_PER_FIRST);
                    }
                    g.add(l, list::TRAIN_PER_LAST);
                }
            }
        }
        g
    }

    /// Loads GeoNames lists from a directory holding `cities15000.txt`, `countryInfo.txt` and
    /// `admin1CodesASCII.txt`.
    pub fn from_geonames(dir: &Path) -> std::io::Result<Gazetteer> {
        let mut g = Gazetteer::new();
        let cities = std::fs::read_to_string(dir.join("cities15000.txt"))?;
        for line in cities.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 15 {
                continue;
            }
            let pop: u64 = c[14].parse().unwrap_or(0);
            for name in [c[1], c[2]] {
                g.add(name, list::GEO_CITY);
                if pop >= 500_000 {
                    g.add(name, list::GEO_BIG_CITY);
                }
            }
            for alt in c[3].split(',') {
                if is_plain_name(alt) {
                    g.add(alt, list::GEO_CITY_ALT);
                }
            }
        }
        let countries = std::fs::read_to_string(dir.join("countryInfo.txt"))?;
        for line in countries.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() > 5 {
                g.add(c[4], list::GEO_COUNTRY);
            }
        }
        let admin = std::fs::read_to_string(dir.join("admin1CodesASCII.txt"))?;
        for line in admin.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() > 2 {
                g.add(c[1], list::GEO_ADMIN1);
                g.add(c[2], list::GEO_ADMIN1);
            }
        }
        Ok(g)
    }

    pub(crate) fn to_bytes(&self, out: &mut Vec<u8>) {
        crate::binio::put_u32(out, self.phrases.len() as u32);
        for (p, &m) in &self.phrases {
            crate::binio::put_str(out, p);
            crate::binio::put_u16(out, m);
        }
    }

    pub(crate) fn from_reader(r: &mut crate::binio::Reader) -> Result<Gazetteer, String> {
        let n = r.u32()? as usize;
        let mut g = Gazetteer::new();
        for _ in 0..n {
            let p = r.string()?;
            let m = r.u16()?;
            g.add_normalized(p, m);
        }
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_str;

    #[test]
    fn multi_token_matches() {
        let mut g = Gazetteer::new();
        g.add("New York", list::GEO_CITY);
        g.add("New York City", list::GEO_CITY);
        g.add("York", list::TRAIN_PER);
        let toks = ["in", "new", "YORK", "city"];
        let lower: Vec<u64> = toks.iter().map(|t| hash_str(&t.to_lowercase())).collect();
        let mut out = Vec::new();
        g.match_hashes(&lower, &mut out);
        let city = 1u16 << list::GEO_CITY;
        let per = 1u16 << list::TRAIN_PER;
        assert_eq!(out[0], (0, 0));
        assert_eq!(out[1], (city, 0));
        assert_eq!(out[2], (per, city));
        assert_eq!(out[3], (0, city));
        assert_eq!(g.lookup("new  york"), city);
    }
}
