//! Block features for the boilerplate classifier.
//!
//! A block is one line (paragraph) of pasted article text. Its features are
//! general cues, hashed: words and word pairs, the first and last words, length,
//! final punctuation, capitalisation, stop-word and digit density, URLs and
//! symbols, position in the document, repetition, and how much the block's
//! vocabulary overlaps the rest of the document (a teaser for another story
//! shares few words with the story it sits next to).

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::classifier::hash_feature;

/// FNV-1a as a `Hasher`: fixed (unlike std's randomly seeded SipHash), so
/// map iteration order and therefore floating-point sums are the same on
/// every run, which keeps training reproducible; and faster on short words.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fnv>>;

/// English function words: their density separates prose from labels and menus.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "last", "may",
    "more", "most", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "said",
    "says", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "two", "up", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "will", "with", "would", "you", "your",
];

pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// Lower-cased word tokens (letters, digits, apostrophes inside words).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Shape of one block, computed once and shared by its own and its neighbours' features.
#[derive(Debug, Clone)]
pub struct BlockShape {
    pub chars: usize,
    pub words: usize,
    pub stop_ratio: f32,
    pub ends_terminal: bool,
    /// Long prose: what an article body is made of.
    pub prose: bool,
}

impl BlockShape {
    pub fn of(text: &str) -> BlockShape {
        let ws: Vec<String> = words(text).collect();
        let stops = ws.iter().filter(|w| is_stop_word(w)).count();
        let stop_ratio = if ws.is_empty() {
            0.0
        } else {
            stops as f32 / ws.len() as f32
        };
        let last = text.trim_end().chars().last().unwrap_or(' ');
        let ends_terminal = matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')');
        BlockShape {
            chars: text.chars().count(),
            words: ws.len(),
            stop_ratio,
            ends_terminal,
            prose: ws.len() >= 18 && ends_terminal && stop_ratio >= 0.2,
        }
    }

    fn coarse(&self) -> &'static str {
        match (self.prose, self.words) {
            (true, _) => "prose",
            (false, 0..=3) => "tiny",
            (false, 4..=12) => "short",
            _ => "long",
        }
    }
}

/// Document-level statistics the block features need.
pub struct DocContext {
    pub shapes: Vec<BlockShape>,
    vectors: Vec<HashMap<String, f32>>,
    totals: HashMap<String, f32>,
    totals_norm2: f32,
    counts: HashMap<String, usize>,
    first_prose: Option<usize>,
    last_prose: Option<usize>,
}

impl DocContext {
    pub fn new(blocks: &[&str]) -> DocContext {
        let shapes: Vec<BlockShape> = blocks.iter().map(|b| BlockShape::of(b)).collect();
        let mut totals: HashMap<String, f32> = HashMap::default();
        let mut vectors = Vec::with_capacity(blocks.len());
        for b in blocks {
            let mut v: HashMap<String, f32> = HashMap::default();
            for w in words(b).filter(|w| w.chars().count() >= 3 && !is_stop_word(w)) {
                *v.entry(stem(&w)).or_default() += 1.0;
            }
            for (w, c) in &v {
                *totals.entry(w.clone()).or_default() += c;
            }
            vectors.push(v);
        }
        let mut counts: HashMap<String, usize> = HashMap::default();
        for b in blocks {
            *counts.entry(normalise(b)).or_default() += 1;
        }
        let totals_norm2 = totals.values().map(|t| t * t).sum();
        let first_prose = shapes.iter().position(|s| s.prose);
        let last_prose = shapes.iter().rposition(|s| s.prose);
        DocContext {
            shapes,
            vectors,
            totals,
            totals_norm2,
            counts,
            first_prose,
            last_prose,
        }
    }

    /// Cosine similarity of block `i` with the rest of the document.
    pub fn similarity(&self, i: usize) -> f32 {
        let v = &self.vectors[i];
        if v.is_empty() {
            return 0.0;
        }
        // |T - v|² = |T|² - Σ_{w∈v} (2·T_w·v_w - v_w²), so only the block's own words are visited.
        let (mut dot, mut nb, mut correction) = (0f32, 0f32, 0f32);
        for (w, c) in v {
            let total = self.totals[w];
            dot += c * (total - c);
            nb += c * c;
            correction += 2.0 * total * c - c * c;
        }
        let nr = (self.totals_norm2 - correction).max(0.0);
        if nr <= f32::EPSILON {
            0.0
        } else {
            dot / (nb.sqrt() * nr.sqrt())
        }
    }

    fn zone(&self, i: usize) -> &'static str {
        match (self.first_prose, self.last_prose) {
            (Some(f), _) if i < f => "top",
            (_, Some(l)) if i > l => "bottom",
            (None, _) => "none",
            _ => "body",
        }
    }
}

/// A word cut to its first five letters: a crude stem, so that the paragraphs of one story
/// meet through "journalists" and "journalism", "arrest" and "arrests", which a teaser for
/// another story does not share.
fn stem(word: &str) -> String {
    word.chars().take(5).collect()
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn bucket(x: f32, edges: &[f32]) -> usize {
    edges.iter().take_while(|&&e| x >= e).count()
}

/// Hashed features of block `i` (whose text is `text`) in its document.
pub fn block_features(text: &str, i: usize, ctx: &DocContext) -> Vec<u32> {
    let mut f: Vec<String> = Vec::with_capacity(64);
    let shape = &ctx.shapes[i];
    let ws: Vec<String> = words(text).collect();
    for w in ws.iter().take(40) {
        f.push(format!("w:{w}"));
    }
    for pair in ws.windows(2).take(20) {
        f.push(format!("b:{}_{}", pair[0], pair[1]));
    }
    if let Some(w) = ws.first() {
        f.push(format!("first:{w}"));
    }
    if ws.len() >= 2 {
        f.push(format!("first2:{}_{}", ws[0], ws[1]));
    }
    if let Some(w) = ws.last() {
        f.push(format!("last:{w}"));
    }
    let trimmed = text.trim();
    let len_b = bucket(
        shape.chars as f32,
        &[8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0],
    );
    let words_b = bucket(
        shape.words as f32,
        &[2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0],
    );
    f.push(format!("len:{len_b}"));
    f.push(format!("words:{words_b}"));
    let last = trimmed.chars().last().unwrap_or(' ');
    let end = match last {
        '.' => "period",
        '?' | '!' => "mark",
        '"' | '”' | '’' | '\'' => "quote",
        ':' => "colon",
        ')' | ']' => "paren",
        c if c.is_alphabetic() => "letter",
        c if c.is_numeric() => "digit",
        _ => "other",
    };
    f.push(format!("end:{end}"));
    let letters: Vec<char> = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        f.push("allcaps".into());
    }
    if trimmed.starts_with(|c: char| c.is_uppercase()) {
        f.push("startcap".into());
    }
    let raw_words: Vec<&str> = trimmed.split_whitespace().collect();
    let title_case = raw_words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count() as f32
        / raw_words.len().max(1) as f32;
    f.push(format!(
        "tc:{}",
        bucket(title_case, &[0.2, 0.4, 0.6, 0.8, 0.99])
    ));
    f.push(format!(
        "sw:{}",
        bucket(shape.stop_ratio, &[0.05, 0.15, 0.25, 0.35, 0.45])
    ));
    let digits =
        trimmed.chars().filter(|c| c.is_numeric()).count() as f32 / shape.chars.max(1) as f32;
    f.push(format!("dg:{}", bucket(digits, &[0.01, 0.05, 0.15, 0.3])));
    let sentences = trimmed.matches(['.', '!', '?']).count();
    f.push(format!("sent:{}", sentences.min(4)));
    for (name, present) in [
        ("url", trimmed.contains("http") || trimmed.contains("www.")),
        ("email", trimmed.contains('@')),
        (
            "copyright",
            trimmed.contains('©') || trimmed.to_lowercase().contains("copyright"),
        ),
        ("pipe", trimmed.contains('|')),
        ("bullet", trimmed.contains('•') || trimmed.contains('·')),
        ("arrow", trimmed.contains(['→', '›', '»', '>'])),
        (
            "colon_early",
            trimmed.char_indices().any(|(i, c)| c == ':' && i < 25),
        ),
        ("slash", trimmed.contains('/')),
        ("paren", trimmed.contains('(')),
        ("quote_mark", trimmed.contains(['"', '“', '”'])),
    ] {
        if present {
            f.push(format!("has:{name}"));
        }
    }
    let zone = ctx.zone(i);
    f.push(format!("zone:{zone}"));
    f.push(format!("zone:{zone}&end:{end}"));
    f.push(format!("zone:{zone}&len:{len_b}"));
    let n = ctx.shapes.len().max(1);
    f.push(format!("pos:{}", i * 10 / n));
    if i == 0 {
        f.push("first_block".into());
    }
    if i + 1 == n {
        f.push("last_block".into());
    }
    if ctx.counts.get(&normalise(text)).copied().unwrap_or(0) > 1 {
        f.push("repeated".into());
    }
    let sim_b = bucket(ctx.similarity(i), &[0.02, 0.05, 0.1, 0.2, 0.3, 0.45]);
    f.push(format!("sim:{sim_b}"));
    f.push(format!("sim:{sim_b}&words:{words_b}"));
    f.push(format!("sim:{sim_b}&zone:{zone}"));
    f.push(format!("sim:{sim_b}&end:{end}"));
    let coarse = shape.coarse();
    let prev = if i > 0 {
        ctx.shapes[i - 1].coarse()
    } else {
        "none"
    };
    let next = ctx.shapes.get(i + 1).map_or("none", BlockShape::coarse);
    f.push(format!("prev:{prev}"));
    f.push(format!("next:{next}"));
    f.push(format!("ctx:{prev}>{coarse}>{next}"));
    f.push(format!("self:{coarse}&end:{end}"));
    // A teaser's summary follows its headline, which has no final stop; a story's own last
    // paragraph follows a sentence. Both are prose that shares few words with the rest, so
    // only what comes before tells them apart.
    let after_sentence = i > 0 && ctx.shapes[i - 1].ends_terminal;
    f.push(format!("aftersent:{after_sentence}&self:{coarse}"));
    f.push(format!(
        "aftersent:{after_sentence}&sim:{sim_b}&self:{coarse}"
    ));
    f.push(format!(
        "aftersent:{after_sentence}&zone:{zone}&self:{coarse}"
    ));
    f.iter().map(|s| hash_feature(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn similarity_tells_the_story_from_a_stranger() {
        let blocks = [
            "Police arrested seven activists in the port city on Monday, the ministry said.",
            "The activists were arrested during raids on the homes of port workers in the city.",
            "Ministry officials said the raids on the activists would continue in the port.",
            "Local football club signs striker from rival league in record transfer deal.",
        ];
        let ctx = DocContext::new(&blocks);
        assert!(ctx.similarity(1) > ctx.similarity(3) + 0.1);
    }
}
