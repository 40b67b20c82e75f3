//! The result of resolution: entities (the export's `entities.jsonl` lines) and, per
//! document, which entity each mention belongs to.

use std::collections::HashMap;

use serde_json::json;
use sha2::{Digest, Sha256};
use storyline_model::doc::EntityLabel;
use storyline_model::Span;

use crate::names::normalize;

/// One resolved real-world entity, as the export contract's `entities.jsonl` has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Short hex hash of the type and the normalised canonical name: the same input gives the
    /// same id on every run.
    pub id: String,
    /// The canonical name: the fullest form seen, without titles.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`: the majority of the votes of the mentions written as
    /// the canonical name (else of all mentions); LOC for a country.
    pub kind: EntityLabel,
    /// Every distinct surface form linked to the entity, sorted.
    pub aliases: Vec<String>,
    /// Ids of the documents that mention it, sorted.
    pub docs: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// The id of the country entity an organisation belongs to, when its names say so
    /// ("Russia's foreign ministry", "the Moldovan Defence Ministry") and that country is an
    /// entity too. A state body and its state can stand for one actor ("Moscow summoned" and
    /// "Russia's foreign ministry summoned"). Not part of `entities.jsonl`.
    pub country: Option<String>,
}

impl Entity {
    /// The contract's `entities.jsonl` line: `v`, `id`, `name`, `type`, `aliases`, `docs`,
    /// `mentions`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "v": 1,
            "id": self.id,
            "name": self.name,
            "type": self.kind.as_str(),
            "aliases": self.aliases,
            "docs": self.docs,
            "mentions": self.mentions,
        })
    }
}

/// Where a resolved mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionSource {
    /// A recogniser mention (possibly trimmed).
    Ner,
    /// Repaired from a recogniser mention: extended ("Open" → "Open Square"), split off a
    /// possessive, or the place at the end of a role ("Mayor of Portesca").
    Derived,
    /// A lowercase description found in the text ("the bureau", "Kaldoria's foreign ministry").
    Nominal,
    /// A name the entity is known by, found where the recogniser did not tag it.
    Alias,
}

/// One mention and the entity it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedMention {
    /// Byte span in the document text.
    pub span: Span,
    /// The text as written (trimmed of quotes, possessive and leading "the").
    pub text: String,
    /// Index into [`Resolution::entities`].
    pub entity: usize,
    /// Whether the recogniser, a repair, a description scan or alias propagation found it.
    pub source: MentionSource,
    /// The entity this mention acts for when it is not its own: the country of a capital
    /// standing for its government ("Chisinau said"). Event arguments take this one
    /// ([`Resolution::entity_at`]); the mention itself, and its alias, stay the city's.
    pub acting_for: Option<usize>,
}

/// Entities and the mention-to-entity map.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// In order of first mention (documents in input order).
    pub entities: Vec<Entity>,
    mentions: HashMap<String, Vec<ResolvedMention>>,
    by_id: HashMap<String, usize>,
}

impl Resolution {
    pub(crate) fn new(
        entities: Vec<Entity>,
        mut mentions: HashMap<String, Vec<ResolvedMention>>,
    ) -> Resolution {
        for list in mentions.values_mut() {
            list.sort_by_key(|m| (m.span.start, m.span.end));
        }
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Resolution {
            entities,
            mentions,
            by_id,
        }
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The resolved mentions of a document, in text order (empty for an unknown document).
    pub fn mentions(&self, doc: &str) -> &[ResolvedMention] {
        self.mentions.get(doc).map_or(&[], Vec::as_slice)
    }

    /// The mention that stands for an arbitrary span of a document, such as an event
    /// argument: among the mentions inside the span, the last person ("opposition leader Mira
    /// Solanek", "the mother of Jana Kovel, Irena Kovel" → Irena Kovel), else the longest
    /// organisation ("officers of the National Security Bureau (NSB)"), else the longest
    /// mention; when no mention lies inside, the one overlapping the span most.
    pub fn mention_at(&self, doc: &str, span: Span) -> Option<&ResolvedMention> {
        let list = self.mentions(doc);
        let kind = |m: &ResolvedMention| self.entities[m.entity].kind;
        let inside: Vec<&ResolvedMention> = list
            .iter()
            .filter(|m| span.start <= m.span.start && m.span.end <= span.end)
            .collect();
        if !inside.is_empty() {
            if let Some(m) = inside
                .iter()
                .filter(|m| kind(m) == EntityLabel::Per)
                .max_by_key(|m| m.span.start)
            {
                return Some(m);
            }
            let longest = |want: Option<EntityLabel>| {
                inside
                    .iter()
                    .filter(|m| want.is_none_or(|k| kind(m) == k))
                    .max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)))
                    .copied()
            };
            return longest(Some(EntityLabel::Org)).or_else(|| longest(None));
        }
        list.iter()
            .filter_map(|m| {
                let overlap = m
                    .span
                    .end
                    .min(span.end)
                    .saturating_sub(m.span.start.max(span.start));
                (overlap > 0).then_some((overlap, m))
            })
            .max_by_key(|(overlap, m)| (*overlap, std::cmp::Reverse(m.span.start)))
            .map(|(_, m)| m)
    }

    /// The id of the entity [`Resolution::mention_at`] finds for the span, or of the one its
    /// mention acts for (a capital's country).
    pub fn entity_at(&self, doc: &str, span: Span) -> Option<&str> {
        self.mention_at(doc, span)
            .map(|m| self.entities[m.acting_for.unwrap_or(m.entity)].id.as_str())
    }

    /// `entities.jsonl`: one [`Entity::to_json`] line per entity.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for e in &self.entities {
            out.push_str(&e.to_json().to_string());
            out.push('\n');
        }
        out
    }
}

/// The stable id: the first 16 hex digits of SHA-256 over the type and the normalised name,
/// with `salt` (empty unless two entities would collide) appended.
pub(crate) fn entity_id(kind: EntityLabel, name: &str, salt: &str) -> String {
    let mut h = Sha256::new();
    h.update(kind.as_str().as_bytes());
    h.update([0x1f]);
    h.update(normalize(name).as_bytes());
    if !salt.is_empty() {
        h.update([0x1f]);
        h.update(salt.as_bytes());
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
