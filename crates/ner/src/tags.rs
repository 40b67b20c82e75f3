//! Entity types, BIO tags, IOB1 → BIO conversion and tag ↔ span conversion.

use std::fmt;

/// The four CoNLL-2003 entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntityType {
    /// All types, in label order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// `"PER"`, `"ORG"`, `"LOC"` or `"MISC"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses `PER`, `ORG`, `LOC`, `MISC` (also the spellings `PERSON`, `LOCATION`, `ORGANIZATION`).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "PER" | "PERSON" => Some(EntityType::Per),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::Org),
            "LOC" | "LOCATION" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO (IOB2) tag: `O`, `B-X` (first token of an entity) or `I-X` (a later token).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityType),
    I(EntityType),
}

/// Number of distinct tags (O plus B/I for four types).
pub const NUM_TAGS: usize = 9;

impl Tag {
    /// Dense label index 0..9: O = 0, B-X = 1 + 2·type, I-X = 2 + 2·type.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t.index(),
            Tag::I(t) => 2 + 2 * t.index(),
        }
    }

    /// Inverse of [`Tag::index`]. Panics on an index ≥ 9.
    pub fn from_index(i: usize) -> Tag {
        match i {
            0 => Tag::O,
            _ => {
                let t = EntityType::ALL[(i - 1) / 2];
                if (i - 1).is_multiple_of(2) {
                    Tag::B(t)
                } else {
                    Tag::I(t)
                }
            }
        }
    }

    /// The entity type, `None` for `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// Parses `O`, `B-X`, `I-X` (X as in [`EntityType::parse`]). Also accepts `E-`/`S-` (BIOES),
    /// mapping `S-` to `B-` and `E-` to `I-`.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" | "S" => Some(Tag::B(ty)),
            "I" | "E" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    /// True if `self` may follow `prev` in a well-formed BIO sequence (`None` = sentence start).
    pub fn can_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(t) => matches!(prev, Some(Tag::B(p)) | Some(Tag::I(p)) if p == t),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{t}"),
            Tag::I(t) => write!(f, "I-{t}"),
        }
    }
}

/// An entity: tokens `start..end` (end exclusive) of one sentence, with its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Converts IOB1 tags (where `I-X` may start an entity and `B-X` only separates two adjacent
/// entities of the same type) to BIO/IOB2: every entity starts with `B-X`.
pub fn iob1_to_bio(tags: &[Tag]) -> Vec<Tag> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev = Tag::O;
    for &t in tags {
        let conv = match t {
            Tag::I(ty) if prev.entity_type() != Some(ty) => Tag::B(ty),
            other => other,
        };
        out.push(conv);
        prev = t;
    }
    out
}

/// Repairs a tag sequence so it is valid BIO: an `I-X` that does not continue an `X` entity
/// becomes `B-X` (the conlleval reading).
pub fn repair_bio(tags: &[Tag]) -> Vec<Tag> {
    iob1_to_bio(tags)
}

/// Entity spans of a BIO sequence. An ill-formed `I-X` (after `O` or another type) starts a new
/// entity, as in conlleval.
pub fn spans(tags: &[Tag]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, EntityType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            Tag::O => {
                if let Some((s, k)) = cur.take() {
                    out.push(EntitySpan {
                        start: s,
                        end: i,
                        kind: k,
                    });
                }
            }
            Tag::B(k) => {
                if let Some((s, pk)) = cur.take() {
                    out.push(EntitySpan {
                        start: s,
                        end: i,
                        kind: pk,
                    });
                }
                cur = Some((i, k));
            }
            Tag::I(k) => match cur {
                Some((_, pk)) if pk == k => {}
                _ => {
                    if let Some((s, pk)) = cur.take() {
                        out.push(EntitySpan {
                            start: s,
                            end: i,
                            kind: pk,
                        });
                    }
                    cur = Some((i, k));
                }
            },
        }
    }
    if let Some((s, k)) = cur {
        out.push(EntitySpan {
            start: s,
            end: tags.len(),
            kind: k,
        });
    }
    out
}

/// BIO tags of length `len` for the given (non-overlapping) spans.
pub fn spans_to_tags(spans: &[EntitySpan], len: usize) -> Vec<Tag> {
    let mut tags = vec![Tag::O; len];
    for s in spans {
        for (j, t) in tags
            .iter_mut()
            .enumerate()
            .take(s.end.min(len))
            .skip(s.start)
        {
            *t = if j == s.start {
                Tag::B(s.kind)
            } else {
                Tag::I(s.kind)
            };
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<Tag> {
        s.split_whitespace()
            .map(|t| Tag::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn index_round_trip() {
        for i in 0..NUM_TAGS {
            assert_eq!(Tag::from_index(i).index(), i);
            let s = Tag::from_index(i).to_string();
            assert_eq!(Tag::parse(&s), Some(Tag::from_index(i)));
        }
    }

    #[test]
    fn iob1_conversion() {
        let iob1 = p("I-ORG O I-MISC O I-PER I-PER B-PER O I-LOC I-ORG");
        let bio = iob1_to_bio(&iob1);
        assert_eq!(bio, p("B-ORG O B-MISC O B-PER I-PER B-PER O B-LOC B-ORG"));
        // Already-BIO input is unchanged.
        assert_eq!(iob1_to_bio(&bio), bio);
    }

    #[test]
    fn spans_and_back() {
        let tags = p("B-PER I-PER O B-LOC B-LOC I-LOC O I-ORG I-ORG");
        let sp = spans(&tags);
        assert_eq!(
            sp,
            vec![
                EntitySpan {
                    start: 0,
                    end: 2,
                    kind: EntityType::Per
                },
                EntitySpan {
                    start: 3,
                    end: 4,
                    kind: EntityType::Loc
                },
                EntitySpan {
                    start: 4,
                    end: 6,
                    kind: EntityType::Loc
                },
                EntitySpan {
                    start: 7,
                    end: 9,
                    kind: EntityType::Org
                },
            ]
        );
        let back = spans_to_tags(&sp, tags.len());
        assert_eq!(back, p("B-PER I-PER O B-LOC B-LOC I-LOC O B-ORG I-ORG"));
        // A type change inside I- run splits the entity.
        assert_eq!(spans(&p("I-PER I-ORG")).len(), 2);
    }

    #[test]
    fn transitions() {
        assert!(Tag::B(EntityType::Per).can_follow(None));
        assert!(!Tag::I(EntityType::Per).can_follow(None));
        assert!(!Tag::I(EntityType::Per).can_follow(Some(Tag::O)));
        assert!(Tag::I(EntityType::Per).can_follow(Some(Tag::B(EntityType::Per))));
        assert!(!Tag::I(EntityType::Per).can_follow(Some(Tag::I(EntityType::Loc))));
    }
}
