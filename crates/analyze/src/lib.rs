//! One call from a cleaned [`Document`] to its [`Analysis`]: the linguistic
//! pipeline (parsing only the sentences that can hold an event), time
//! expressions anchored to the publication date, events, quotes and entity
//! mentions. Ingest workers hold one [`Analyzer`] each.

use storyline_events::Extractor;
use storyline_model::event::{Analysis, EntityMention};
use storyline_model::Document;
use storyline_nlp::Annotator;

pub struct Analyzer {
    annotator: Annotator,
    extractor: Extractor,
}

impl Analyzer {
    /// The models and lexicon shipped in the binary.
    pub fn bundled() -> Result<Analyzer, String> {
        Ok(Analyzer {
            annotator: Annotator::bundled()?,
            extractor: Extractor::bundled(),
        })
    }

    pub fn annotator(&self) -> &Annotator {
        &self.annotator
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Events, quotes and entities of a document. Relative dates are
    /// anchored to its publication date; without one they stay unresolved.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let extractor = &self.extractor;
        // Tagging and parsing cost most; a sentence with no trigger word
        // (or quote with a speech verb) needs neither.
        let parsed = self.annotator.annotate_selected(
            &doc.text,
            &|words| extractor.may_hold_event_words(words),
            &|tokens| {
                extractor.may_hold_event(tokens.iter().map(|t| t.lemma.as_str()))
                    || tokens
                        .iter()
                        .any(|t| storyline_events::quotes::SPEECH_VERBS.contains(&t.lemma.as_str()))
                        && tokens
                            .iter()
                            .any(|t| matches!(t.xpos.as_str(), "``" | "''"))
            },
        );
        let timexes = Extractor::timexes(&parsed, doc.published);
        let found = extractor.extract(&parsed, &timexes, doc.published);
        let entities = parsed
            .entities
            .iter()
            .map(|e| EntityMention {
                span: e.span,
                label: e.label.as_str().to_string(),
                text: e.span.of(&parsed.text).to_string(),
            })
            .collect();
        Analysis {
            events: found.events,
            quotes: found.quotes,
            entities,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::event::EventType;

    #[test]
    fn a_strong_participle_the_lemmatiser_never_saw_still_reports_its_event() {
        // "beaten": alone in its sentence, so only its own lemma can get the sentence parsed.
        let analyzer = Analyzer::bundled().expect("bundled models load");
        let doc = Document {
            text: "The activist was beaten by three unidentified men outside his home.".into(),
            ..Document::default()
        };
        let analysis = analyzer.analyze(&doc);
        assert!(
            analysis.events.iter().any(|e| e.kind == EventType::Attack),
            "{:#?}",
            analysis.events
        );
    }
}
