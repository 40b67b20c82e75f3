//! Capitalisation prior: how often a word is written with an initial capital when it is not the
//! first word of a sentence, counted over unlabeled text. It tells names from common words even
//! when the text itself is all lower case (web text) or all upper case (headlines).

use crate::hash::{hash_str, IdMap};
use std::collections::BTreeMap;

/// Lower-cased word → (capitalised count, lower-case count) in non-initial positions.
#[derive(Clone, Debug, Default)]
pub struct CasePrior {
    words: BTreeMap<String, (u32, u32)>,
    index: IdMap<u64, u8>,
}

/// Number of distinct prior buckets returned by [`CasePrior::bucket_of_hash`] (plus "unknown").
pub const CASE_BUCKETS: u8 = 7;

fn bucket(cap: u32, lower: u32) -> u8 {
    let n = cap + lower;
    let r = f64::from(cap) / f64::from(n.max(1));
    let b = if r < 0.02 {
        0
    } else if r < 0.2 {
        1
    } else if r < 0.5 {
        2
    } else if r < 0.8 {
        3
    } else if r < 0.98 {
        4
    } else {
        5
    };
    // Rare words: fold the two extreme buckets of weak evidence into one.
    if n < 5 && (b == 5 || b == 4) {
        6
    } else {
        b
    }
}

impl CasePrior {
    /// Counts over tokenized sentences. Sentences without any lower-case letter (headlines) and
    /// the first token of each sentence (and tokens after an opening quote or colon) are skipped.
    /// Words seen fewer than `min_count` times in countable positions are dropped.
    pub fn from_sentences(sentences: &[Vec<String>], min_count: u32) -> CasePrior {
        let mut m: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for s in sentences {
            if !s.iter().any(|w| w.chars().any(char::is_lowercase)) {
                continue;
            }
            for i in 1..s.len() {
                if matches!(
                    s[i - 1].as_str(),
                    "\"" | "``" | "'" | ":" | "(" | "-" | "--" | "." | "?" | "!"
                ) {
                    continue;
                }
                let w = &s[i];
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                let e = m.entry(w.to_lowercase()).or_insert((0, 0));
                if first.is_uppercase() {
                    e.0 += 1;
                } else if !w.chars().any(char::is_uppercase) {
                    e.1 += 1;
                }
            }
        }
        m.retain(|_, (c, l)| *c + *l >= min_count);
        let mut p = CasePrior {
            words: m,
            index: IdMap::default(),
        };
        p.build_index();
        p
    }

    fn build_index(&mut self) {
        self.index = self
            .words
            .iter()
            .map(|(w, &(c, l))| (hash_str(w), bucket(c, l)))
            .collect();
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// (capitalised, lower-case) counts of a word (any case).
    pub fn counts(&self, word: &str) -> Option<(u32, u32)> {
        self.words.get(&word.to_lowercase()).copied()
    }

    /// The prior bucket for a lower-case word hash: 0 (always lower case) … 5 (always
    /// capitalised), 6 (rare, capitalised); `None` if unknown.
    pub(crate) fn bucket_of_hash(&self, lower_hash: u64) -> Option<u8> {
        self.index.get(&lower_hash).copied()
    }

    /// `word<TAB>capitalised<TAB>lower` lines.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for (w, (c, l)) in &self.words {
            s.push_str(&format!("{w}\t{c}\t{l}\n"));
        }
        s
    }

    pub fn from_text(text: &str) -> CasePrior {
        let mut m = BTreeMap::new();
        for line in text.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() == 3 {
                if let (Ok(a), Ok(b)) = (c[1].parse(), c[2].parse()) {
                    m.insert(c[0].to_string(), (a, b));
                }
            }
        }
        let mut p = CasePrior {
            words: m,
            index: IdMap::default(),
        };
        p.build_index();
        p
    }

    pub(crate) fn to_bytes(&self, out: &mut Vec<u8>) {
        use crate::binio::*;
        put_u32(out, self.words.len() as u32);
        for (w, &(c, l)) in &self.words {
            put_str(out, w);
            put_varint(out, u64::from(c));
            put_varint(out, u64::from(l));
        }
    }

    pub(crate) fn from_reader(r: &mut crate::binio::Reader) -> Result<CasePrior, String> {
        let n = r.u32()? as usize;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let w = r.string()?;
            let c = r.varint()? as u32;
            let l = r.varint()? as u32;
            m.insert(w, (c, l));
        }
        let mut p = CasePrior {
            words: m,
            index: IdMap::default(),
        };
        p.build_index();
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_non_initial_positions() {
        let s = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        let sents = vec![
            s("The man met Smith in Paris ."),
            s("Paris is big ."),
            s("the man left"),
            s("NOTHING LOWER HERE"),
        ];
        let p = CasePrior::from_sentences(&sents, 1);
        assert_eq!(p.counts("paris"), Some((1, 0)));
        assert_eq!(p.counts("man"), Some((0, 2)));
        assert_eq!(p.counts("nothing"), None);
        assert_eq!(p.counts("the"), None);
        let p2 = CasePrior::from_text(&p.to_text());
        assert_eq!(p2.counts("smith"), Some((1, 0)));
    }
}
