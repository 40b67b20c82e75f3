//! Events from a parsed document: who did what to whom, when, where, how
//! many, according to whom, and how certain.
//!
//! Input is a [`Doc`] with tags, lemmas, dependencies and entities
//! (`storyline-nlp`) and its time expressions (`storyline-timex`). Output is
//! one [`EventMention`] per trigger, and the document's direct quotes.
//!
//! The stages, all over the dependency tree ([`syntax::Tree`]):
//! 1. **Triggers**: each verb or noun whose lemma has a sense in the lexicon
//!    (`data/triggers.tsv`) whose syntactic conditions hold.
//! 2. **Roles**: agents (subject; "by" phrase of a passive; subject of a
//!    support verb such as "launched an attack") and targets (object;
//!    passive subject; a noun's "of", "on" and possessor dependents).
//! 3. **Numbers**: the quantity that counts the targets (or the
//!    participants of a protest), and killed and injured figures from the
//!    harm words tied to an attack.
//! 4. **Date**: the time expression that governs the trigger, else one in
//!    its clause, else one shared through a conjoined verb; never the
//!    publication date by default.
//! 5. **Place**, **reason**, **source** (`attributed_to`) and **modality**.

pub mod counts;
pub mod extract;
pub mod forms;
pub mod lexicon;
pub mod quotes;
pub mod syntax;
pub mod wikievents;

use storyline_model::doc::Doc;
use storyline_model::event::{EventMention, Quote};
use storyline_model::Date;
use storyline_timex::{find_timexes_with, TaggedDoc, Timex};

pub use lexicon::Lexicon;

/// What the extractor finds in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub events: Vec<EventMention>,
    pub quotes: Vec<Quote>,
}

pub struct Extractor {
    lexicon: Lexicon,
    forms: forms::Forms,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::bundled()
    }
}

impl Extractor {
    /// The extractor with the lexicon shipped in the crate.
    pub fn bundled() -> Extractor {
        let lexicon = Lexicon::bundled();
        let forms = forms::Forms::new(&lexicon);
        Extractor { lexicon, forms }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Whether a sentence with these lemmas can hold an event. The
    /// annotator parses only such sentences (parsing is the costliest stage,
    /// and most sentences of an article report no event).
    pub fn may_hold_event<'a>(&self, lemmas: impl IntoIterator<Item = &'a str>) -> bool {
        lemmas
            .into_iter()
            .any(|l| self.lexicon.mentions(l) || self.lexicon.mentions(&l.to_lowercase()))
    }

    /// Whether a sentence with these words can hold an event or a quote's
    /// speaker, judged from the surface forms alone, before tagging: the
    /// analyser tags and parses only such sentences. Forms are generated
    /// from the lexicon's lemmas (regular inflections plus a table of
    /// irregular ones), so this errs towards yes.
    pub fn may_hold_event_words(&self, words: &[&str]) -> bool {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        if self.forms.may_trigger(&lower) {
            return true;
        }
        let quoted = words
            .iter()
            .any(|w| matches!(*w, "\"" | "“" | "”" | "``" | "''"));
        quoted && lower.iter().any(|w| self.forms.speech.contains(w))
    }

    /// Time expressions of a parsed document, anchored to `dct`, with tense
    /// read from the tags.
    pub fn timexes(doc: &Doc, dct: Option<Date>) -> Vec<Timex> {
        find_timexes_with(&doc.text, dct, &TaggedDoc { doc })
    }

    /// Events and quotes of a parsed document published on `dct` (when
    /// known: it closes ongoing states such as "on hunger strike since 20 March").
    pub fn extract(&self, doc: &Doc, timexes: &[Timex], dct: Option<Date>) -> Extraction {
        let tree = syntax::Tree::new(doc);
        let quotes = quotes::find(&tree);
        let quantities = counts::place(&tree);
        let ctx = extract::Context {
            tree: &tree,
            dct,
            timexes,
            quantities: &quantities,
            quotes: &quotes,
        };
        let events = extract::events(&ctx, &self.lexicon);
        Extraction { events, quotes }
    }
}

#[cfg(test)]
mod tests;
