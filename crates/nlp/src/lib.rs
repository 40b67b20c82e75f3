//! The linguistic pipeline over one [`Doc`]: tokens and sentences
//! (storyline-text), then named entities (storyline-ner). Each stage only
//! adds to the `Doc`; every position stays a byte span into the text.

use storyline_model::doc::{Doc, Entity, EntityLabel};
use storyline_model::Span;
use storyline_ner::{EntityType, NerModel};
use storyline_text::Segmenter;

/// The entity recogniser trained by `storyline train ner` (CoNLL-2003 eng.train, GeoNames,
/// word clusters from the unlabeled news corpora).
static NER: &[u8] = include_bytes!("../../ner/models/ner.bin");

pub struct Annotator {
    segmenter: Segmenter,
    ner: NerModel,
}

fn label(t: EntityType) -> EntityLabel {
    match t {
        EntityType::Per => EntityLabel::Per,
        EntityType::Org => EntityLabel::Org,
        EntityType::Loc => EntityLabel::Loc,
        EntityType::Misc => EntityLabel::Misc,
    }
}

impl Annotator {
    /// The models shipped in the binary.
    pub fn bundled() -> Result<Annotator, String> {
        Ok(Annotator {
            segmenter: Segmenter::bundled()?,
            ner: NerModel::from_bytes(NER).map_err(|e| format!("NER model: {}", e.0))?,
        })
    }

    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// Tokens, sentences and entities of `text`.
    pub fn annotate(&self, text: &str) -> Doc {
        let mut doc = self.segmenter.annotate(text);
        let sentence_words: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| {
                doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.span.of(text))
                    .collect()
            })
            .collect();
        let tags = self.ner.predict_document(&sentence_words);
        let mut entities = Vec::new();
        for (s, sentence_tags) in doc.sentences.iter().zip(&tags) {
            for e in storyline_ner::spans(sentence_tags) {
                let (a, b) = (s.tokens.start + e.start, s.tokens.start + e.end);
                entities.push(Entity {
                    span: Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
                    tokens: a..b,
                    label: label(e.kind),
                });
            }
        }
        doc.entities = entities;
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_point_into_the_text() {
        let a = Annotator::bundled().unwrap();
        let text = "Police in Portesca detained Jana Kovel on Monday, the Interior Ministry of Calvena said.";
        let doc = a.annotate(text);
        assert!(!doc.entities.is_empty());
        for e in &doc.entities {
            let covered = e.span.of(text);
            assert!(!covered.is_empty() && text.contains(covered));
            assert_eq!(e.span.start, doc.tokens[e.tokens.start].span.start);
        }
        assert!(doc
            .entities
            .iter()
            .any(|e| e.label == EntityLabel::Per && e.span.of(text) == "Jana Kovel"));
    }
}
