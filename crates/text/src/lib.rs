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
        let sentences = self
            .sentences
            .split(text, &spans)
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
