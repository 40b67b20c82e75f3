//! Sentence boundaries: a logistic classifier over every token, trained on UD
//! English EWT ("does a sentence end after this token?").
//!
//! Rules for "." break on "Dr." and miss web text's unpunctuated sentences;
//! a classifier sees the token, its neighbours, the whitespace after it
//! (space, line break, blank line) and abbreviation and capitalisation cues,
//! and learns the rest from 12,000 annotated sentences.

use storyline_learn::{hash_feature, LogisticModel, Rng};
use storyline_model::Span;

use crate::tokenize::tokenize;

const MAGIC: &[u8; 8] = b"SLSENT01";

/// The classifier behind [`split_sentences`].
pub struct SentenceModel {
    model: LogisticModel,
}

/// A text with gold sentence boundaries, for training and evaluation.
pub struct GoldText {
    pub text: String,
    /// Byte offsets where sentences end (after their last character).
    pub ends: Vec<usize>,
}

fn shape(token: &str) -> String {
    let mut out = String::new();
    for c in token.chars().take(6) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}

fn first_class(token: &str) -> &'static str {
    match token.chars().next() {
        Some(c) if c.is_uppercase() => "upper",
        Some(c) if c.is_lowercase() => "lower",
        Some(c) if c.is_numeric() => "digit",
        Some('"' | '“' | '”' | '\'' | '‘' | '’') => "quote",
        Some('(' | '[' | '{') => "open",
        Some(')' | ']' | '}') => "close",
        Some('-' | '—' | '–' | '*' | '•') => "bullet",
        Some(_) => "other",
        None => "none",
    }
}

fn gap(text: &str, from: usize, to: usize) -> &'static str {
    let between = &text[from..to];
    let newlines = between.matches('\n').count();
    match (between.is_empty(), newlines) {
        (true, _) => "none",
        (false, 0) => "space",
        (false, 1) => "newline",
        _ => "blank",
    }
}

fn word_feature(token: &str) -> String {
    if token.chars().count() <= 12 {
        token.to_lowercase()
    } else {
        shape(token)
    }
}

/// Hashed features for "a sentence ends after token `i`".
fn features(text: &str, tokens: &[Span], i: usize) -> Vec<u32> {
    let t = tokens[i].of(text);
    let prev = if i > 0 { tokens[i - 1].of(text) } else { "<s>" };
    let (next, gap_after) = match tokens.get(i + 1) {
        Some(n) => (n.of(text), gap(text, tokens[i].end, n.start)),
        None => ("</s>", "end"),
    };
    let next2 = tokens.get(i + 2).map_or("</s>", |n| n.of(text));
    let w = word_feature(t);
    let nf = first_class(next);
    let ends_period = t.ends_with('.');
    let f = [
        format!("w={w}"),
        format!("shape={}", shape(t)),
        format!("prev={}", word_feature(prev)),
        format!("next={}", word_feature(next)),
        format!("nextshape={}", shape(next)),
        format!("next2first={}", first_class(next2)),
        format!("gap={gap_after}"),
        format!("w={w}&gap={gap_after}"),
        format!("w={w}&next={nf}"),
        format!("gap={gap_after}&next={nf}"),
        format!("w={w}&gap={gap_after}&next={nf}"),
        format!("prev={}&w={w}", word_feature(prev)),
        format!("period={ends_period}&len={}", t.chars().count().min(6)),
        format!("period={ends_period}&next={nf}"),
        format!(
            "lastchar={}&next={nf}",
            t.chars()
                .last()
                .map_or(' ', |c| if c.is_alphanumeric() { 'a' } else { c })
        ),
    ];
    f.iter().map(|s| hash_feature(s)).collect()
}

/// Labels for our tokens of a gold text: does a gold sentence end after each?
fn labels(gold: &GoldText, tokens: &[Span]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut j = 0;
    for (i, t) in tokens.iter().enumerate() {
        let next_start = tokens.get(i + 1).map_or(usize::MAX, |n| n.start);
        while j < gold.ends.len() && gold.ends[j] < t.end {
            j += 1;
        }
        if j < gold.ends.len() && gold.ends[j] >= t.end && gold.ends[j] < next_start.max(t.end + 1)
        {
            out[i] = true;
        }
    }
    if let Some(last) = out.last_mut() {
        *last = true;
    }
    out
}

impl SentenceModel {
    pub fn train(texts: &[GoldText], seed: u64, epochs: usize) -> SentenceModel {
        let mut examples = Vec::new();
        for g in texts {
            let tokens = tokenize(&g.text);
            let y = labels(g, &tokens);
            for (i, label) in y.into_iter().enumerate() {
                examples.push((features(&g.text, &tokens, i), label));
            }
        }
        Rng::new(seed).shuffle(&mut examples);
        SentenceModel {
            model: LogisticModel::train(&examples, epochs, 1e-6, 0.1),
        }
    }

    /// Sentence spans of `text` given its tokens: each sentence runs from its
    /// first token's start to its last token's end.
    pub fn split(&self, text: &str, tokens: &[Span]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..tokens.len() {
            let last = i + 1 == tokens.len();
            // A sentence never ends before a closing quote or bracket that follows without a space.
            let closer_follows = tokens.get(i + 1).is_some_and(|n| {
                n.start == tokens[i].end
                    && matches!(first_class(n.of(text)), "quote" | "close")
                    && tokens.get(i + 2).is_none_or(|m| m.start > n.end)
                    && !matches!(n.of(text), "“" | "‘")
            });
            if last || (!closer_follows && self.model.predict(&features(text, tokens, i)) > 0.5) {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.model.to_bytes());
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<SentenceModel, String> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err("not a storyline sentence model".into());
        }
        Ok(SentenceModel {
            model: LogisticModel::from_bytes(&bytes[8..])?,
        })
    }
}

/// Sentence boundary precision, recall and F1 of `model` on gold texts.
pub fn evaluate(model: &SentenceModel, texts: &[GoldText]) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for g in texts {
        let tokens = tokenize(&g.text);
        let predicted: std::collections::HashSet<usize> = model
            .split(&g.text, &tokens)
            .iter()
            .map(|r| tokens[r.end - 1].end)
            .collect();
        let gold: std::collections::HashSet<usize> = g.ends.iter().copied().collect();
        tp += predicted.intersection(&gold).count();
        fp += predicted.difference(&gold).count();
        fn_ += gold.difference(&predicted).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Rebuilds running text from a CoNLL-U file: the `# text` of each sentence,
/// sentences of a paragraph joined by a space, paragraphs and documents by a
/// blank line. One [`GoldText`] per document.
pub fn gold_texts_from_conllu(conllu: &str) -> Vec<GoldText> {
    let mut docs: Vec<GoldText> = Vec::new();
    let mut current = GoldText {
        text: String::new(),
        ends: Vec::new(),
    };
    let mut new_par = false;
    for line in conllu.lines() {
        if line.starts_with("# newdoc") {
            if !current.text.is_empty() {
                docs.push(std::mem::replace(
                    &mut current,
                    GoldText {
                        text: String::new(),
                        ends: Vec::new(),
                    },
                ));
            }
            new_par = false;
        } else if line.starts_with("# newpar") {
            new_par = true;
        } else if let Some(sentence) = line.strip_prefix("# text = ") {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            if !current.text.is_empty() {
                current.text.push_str(if new_par { "\n\n" } else { " " });
            }
            new_par = false;
            current.text.push_str(sentence);
            current.ends.push(current.text.len());
        }
    }
    if !current.text.is_empty() {
        docs.push(current);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_documents_and_paragraphs() {
        let conllu = "# newdoc id = a\n# newpar id = p1\n# text = One.\n1\tOne\n\n# text = Two\n1\tTwo\n\n# newpar id = p2\n# text = Three.\n1\tThree\n\n# newdoc id = b\n# text = Four.\n";
        let docs = gold_texts_from_conllu(conllu);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "One. Two\n\nThree.");
        assert_eq!(docs[0].ends, [4, 8, 16]);
    }

    #[test]
    fn learns_boundaries_from_examples() {
        // A toy corpus: abbreviations inside sentences, headlines ending at line breaks.
        let mut texts = Vec::new();
        for i in 0..200 {
            let t = format!(
                "Police detain {i} men\n\nDr. Holm said on Monday that Mr. Varga was held. The court met on day {i}. Lawyers said the men were innocent."
            );
            let mut ends = vec![t.find("\n\n").unwrap()];
            ends.push(t.find("held.").unwrap() + 5);
            ends.push(t.find(&format!("day {i}.")).unwrap() + format!("day {i}.").len());
            ends.push(t.len());
            texts.push(GoldText { text: t, ends });
        }
        let model = SentenceModel::train(&texts, 7, 3);
        let (p, r, f) = evaluate(&model, &texts[..20]);
        assert!(f > 0.98, "{p} {r} {f}");
        let back = SentenceModel::from_bytes(&model.to_bytes()).unwrap();
        let text = "Dr. Holm met Mr. Varga. They talked.";
        let tokens = tokenize(text);
        assert_eq!(back.split(text, &tokens).len(), 2);
    }
}
