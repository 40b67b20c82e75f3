//! Tokens and sentences: the first layer of linguistic annotation.
//!
//! [`Segmenter::annotate`] turns text into a [`Doc`] with tokens and
//! sentences; taggers, the parser and the entity recogniser add to it.

pub mod sentences;
pub mod tokenize;

use storyline_model::doc::{Doc, Sentence, Token};
use storyline_model::Span;

pub use sentences::SentenceModel;
pub use tokenize::tokenize;

/// The sentence model trained by `storyline train sentences` on UD English EWT.
static BUNDLED_SENTENCES: &[u8] = include_bytes!("../models/sentences.bin");

pub struct Segmenter {
    sentences: SentenceModel,
}

/// Joins sentences the model ended after a word with only spaces before the next one. The
/// model learnt from web text (EWT), where a message may run on without punctuation ("thanks
/// John please call"); articles are edited, so a sentence ends with punctuation or at a line
/// break (a headline, a dateline), and a boundary inside a line after a word is a misreading
/// ("party chairman Freeman | Mbowe").
fn join_unpunctuated(
    text: &str,
    tokens: &[Span],
    sentences: Vec<std::ops::Range<usize>>,
) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(sentences.len());
    for r in sentences {
        let joins = out.last().is_some_and(|prev| {
            let last = tokens[prev.end - 1];
            let gap = &text[last.end..tokens[r.start].start];
            let after_word = last
                .of(text)
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
            after_word && !gap.contains('\n')
        });
        match out.last_mut() {
            Some(prev) if joins => prev.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

impl Segmenter {
    pub fn bundled() -> Result<Segmenter, String> {
        Ok(Segmenter {
            sentences: SentenceModel::from_bytes(BUNDLED_SENTENCES)?,
        })
    }

    pub fn with_model(sentences: SentenceModel) -> Segmenter {
        Segmenter { sentences }
    }

    pub fn sentence_model(&self) -> &SentenceModel {
        &self.sentences
    }

    /// Tokens and sentences of `text`.
    pub fn annotate(&self, text: &str) -> Doc {
        let spans = tokenize(text);
        let sentences = join_unpunctuated(text, &spans, self.sentences.split(text, &spans))
            .into_iter()
            .map(|r| Sentence {
                span: Span::new(spans[r.start].start, spans[r.end - 1].end),
                tokens: r,
            })
            .collect();
        Doc {
            text: text.to_owned(),
            tokens: spans
                .into_iter()
                .map(|span| Token {
                    span,
                    ..Token::default()
                })
                .collect(),
            sentences,
            entities: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_boundary_inside_a_line_after_a_word_is_joined() {
        let text =
            "Police held party chairman Freeman Mbowe in Mbeya.\nHeadline without stop\nIt rained.";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.of(text)).collect();
        let at = |w: &str| words.iter().position(|x| *x == w).unwrap();
        // The model's cuts: after "Freeman" (inside a line), after "Mbeya." and after the
        // unpunctuated headline (at a line break).
        let cuts = vec![
            0..at("Freeman") + 1,
            at("Mbowe")..at("Headline"),
            at("Headline")..at("It"),
            at("It")..tokens.len(),
        ];
        let joined = join_unpunctuated(text, &tokens, cuts);
        assert_eq!(
            joined,
            vec![
                0..at("Headline"),
                at("Headline")..at("It"),
                at("It")..tokens.len()
            ]
        );
    }
}
