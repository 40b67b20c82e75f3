#![warn(missing_docs)]
//! Entity resolution: from the named-entity mentions of many documents to entities.
//!
//! The input is, per document, its id, its text and the mentions a statistical recogniser
//! found in it ([`DocEntities`]); the output ([`Resolution`]) is one [`Entity`] per real-world
//! person, organisation, place or other name, in the shape of the export contract's
//! `entities.jsonl`, plus the entity of every mention, so that any span of a document (an
//! event's agent, "officers of the National Security Bureau (NSB)") can be mapped to an entity
//! with [`Resolution::entity_at`].
//!
//! # The rules, and why each exists
//!
//! **Repairing recogniser output** (`mentions`, pass 1). A statistical recogniser is noisy:
//! quotes, possessives and a leading "the" are trimmed because they are not part of the name
//! and would split "Calvena's" from "Calvena"; lowercase edge words ("post Ministry of …") and
//! lowercase-only "names" are dropped because they are tagging errors; a one-word mention
//! followed by capitalised words nobody tagged ("Open" + "Square") is extended because the
//! recogniser often stops early; a one-word name after a capitalised word is extended when the
//! two words are a person's full name elsewhere in the corpus ("Christian" of "Christian
//! Malanga", tagged apart as a religion); a possessor is split off ("Calvena's National Security
//! Bureau" → Calvena + the bureau, with Calvena as the bureau's country); office words read as
//! organisations ("Interior" of "Interior Minister", "Foreign Affairs Lenora Passek", "Mayor of
//! Portesca", "Consul") are dropped or reduced to the person or place they contain. Titles
//! ("Prime Minister Novak", "Bishop Varga", "Gen.", "Mr.") are stripped for matching, because
//! the same person appears with and without them, but kept in the alias. Types are decided by
//! the majority of mention votes, not by any single label.
//!
//! **Countries** (pass 2). A demonym ("Moldovan") is a mention of its country, because that is
//! how news refers to states; a capital that is the subject of a speech or action verb
//! ("Chisinau said") is the country's government as an actor, not the city. Country knowledge
//! comes from a [`PlaceKnowledge`]; without one, demonyms are derived from country names the
//! corpus itself uses ("Calvenan" from "Calvena").
//!
//! **Organisation variants and descriptions** (pass 2–3). One ministry is written "Ministry of
//! Defence of Moldova", "Moldovan Defence Ministry" and "the defence ministry": an organisation
//! name is normalised to its content words plus its country, and the text is scanned for
//! lowercase descriptions ("the bureau", "the interior ministry", "Kaldoria's foreign
//! ministry") that fit exactly one organisation the documents name.
//!
//! **Within a document** (pass 3): surnames and given names join the full name seen earlier or
//! later (headlines use surnames first); initials join the full name they fit; acronyms join
//! the name whose capitalised words spell them; parenthesised and "known as" aliases join the
//! name before them. See `link` for the details and the tie rules.
//!
//! **Across documents** (pass 4): the same full name, organisation key or country is one
//! entity; a surname alone, initials, an acronym, a short organisation name or a description
//! joins an entity of another document only when exactly one candidate exists, because a
//! wrong merge is worse than a missed one. People who share a surname but differ in given name
//! are never merged; an organisation has one country, and a name without a country ("the
//! Foreign Ministry") is not a cross-document key when the corpus has such a body for two or
//! more countries. Candidates come from blocking indexes keyed by normalised tokens and holding
//! groups, never from comparing all pairs, so the cost grows linearly with the corpus.
//!
//! **Names the recogniser missed** (pass 4c): a name an entity is known by, owned by no other
//! entity, is also taken where the recogniser did not tag it ("the Courier has been able");
//! a person's single name only in documents that already mention that person.
//!
//! Ids are content hashes of the type and the normalised canonical name, so the same input
//! gives the same ids on every run. No input panics the resolver: spans outside the text or
//! inside a character are skipped.

mod link;
mod mentions;
mod names;
mod places;
mod resolution;

pub mod eval;

pub use places::{NamedPlaces, NoPlaces, PlaceKnowledge, PlaceTable};
pub use resolution::{Entity, MentionSource, Resolution, ResolvedMention};
pub use storyline_model::doc::EntityLabel;

use storyline_model::event::EntityMention;

/// One document's input: its id, its text, and the recogniser's mentions (byte spans into
/// `text`).
#[derive(Debug, Clone, Copy)]
pub struct DocEntities<'a> {
    /// The document's id (the export's `documents.jsonl` id).
    pub id: &'a str,
    /// The document text the mention spans point into.
    pub text: &'a str,
    /// The recogniser's mentions, in any order.
    pub mentions: &'a [EntityMention],
    /// The outlet that published the document (its site name), when known: a name that is
    /// some document's outlet is a news organisation wherever it is mentioned ("told Khyber
    /// Pulse", "Photo: Khyber Pulse"), whatever its words suggest.
    pub outlet: Option<&'a str>,
}

/// Resolves the mentions of all documents into entities.
pub fn resolve(docs: &[DocEntities<'_>], places: &dyn PlaceKnowledge) -> Resolution {
    link::resolve(docs, places)
}
