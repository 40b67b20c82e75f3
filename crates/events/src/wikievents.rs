//! WikiEvents (Li, Ji and Han, 2021) as a yardstick: reading the JSON Lines
//! release, mapping its KAIROS types and roles onto ours, and scoring
//! triggers and arguments.
//!
//! Scope follows the issue: arrest, attack, charge, conviction and sentence
//! (KAIROS `Justice.Convict` and `Justice.Sentence` are both our
//! `conviction`). Other KAIROS types we also extract (killing, trial,
//! release, protest, meeting, investigation) are scored separately, for
//! information. Arguments are scored on the roles that have a slot in our
//! record; a predicted argument is right when its span overlaps a mention
//! of the gold argument's entity (its coreference cluster when the
//! coreference file is given), in an event of the right class whose
//! trigger overlaps ours.

use serde::Deserialize;
use std::collections::HashMap;
use storyline_model::event::{EventMention, EventType};
use storyline_model::Span;

#[derive(Debug, Deserialize)]
struct RawDoc {
    doc_id: String,
    tokens: Vec<String>,
    sentences: Vec<(Vec<RawToken>, String)>,
    entity_mentions: Vec<RawEntity>,
    event_mentions: Vec<RawEvent>,
}

/// A token with its (unused) character offsets.
type RawToken = (String, i64, i64);

#[derive(Debug, Deserialize)]
struct RawEntity {
    id: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct RawEvent {
    event_type: String,
    trigger: RawTrigger,
    arguments: Vec<RawArgument>,
}

#[derive(Debug, Deserialize)]
struct RawTrigger {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct RawArgument {
    entity_id: String,
    role: String,
}

/// The slot of our record a gold role corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    Agent,
    Target,
    Place,
    Reason,
}

impl Slot {
    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Agent => "agent",
            Slot::Target => "target",
            Slot::Place => "place",
            Slot::Reason => "reason",
        }
    }
}

/// One gold event.
#[derive(Debug, Clone)]
pub struct GoldEvent {
    pub class: EventType,
    /// Token range of the trigger.
    pub trigger: std::ops::Range<usize>,
    /// Each argument: slot and the token ranges of every mention of its entity.
    pub arguments: Vec<(Slot, Vec<std::ops::Range<usize>>)>,
}

/// A document rebuilt from gold tokens: sentences joined by newlines, each
/// token's byte span in that text.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub tokens: Vec<Span>,
    /// Token ranges of the gold sentences.
    pub sentences: Vec<std::ops::Range<usize>>,
    pub events: Vec<GoldEvent>,
}

/// Our class for a KAIROS type, and whether it is in the issue's scope.
pub fn class_of(kairos: &str) -> Option<(EventType, bool)> {
    let mut parts = kairos.split('.');
    let (a, b) = (parts.next()?, parts.next()?);
    Some(match (a, b) {
        ("Justice", "ArrestJailDetain") => (EventType::Arrest, true),
        ("Conflict", "Attack") => (EventType::Attack, true),
        ("Justice", "ChargeIndict") => (EventType::Charge, true),
        ("Justice", "Convict") | ("Justice", "Sentence") => (EventType::Conviction, true),
        ("Life", "Die") => (EventType::Killing, false),
        ("Justice", "TrialHearing") => (EventType::Trial, false),
        ("Justice", "ReleaseParole") => (EventType::Release, false),
        ("Conflict", "Demonstrate") => (EventType::Protest, false),
        ("Contact", "Contact") if kairos.ends_with("Meet") => (EventType::Meeting, false),
        ("Justice", "InvestigateCrime") => (EventType::Investigation, false),
        _ => return None,
    })
}

fn slot_of(role: &str) -> Option<Slot> {
    Some(match role {
        "Attacker" | "Jailer" | "Prosecutor" | "JudgeCourt" | "Killer" | "Investigator" => {
            Slot::Agent
        }
        "Target" | "Victim" | "Detainee" | "Defendant" | "Observer" => Slot::Target,
        "Place" => Slot::Place,
        "Crime" => Slot::Reason,
        _ => return None,
    })
}

/// Reads `dev.jsonl` (and optionally the coreference clusters of
/// `coref/dev.jsonlines`). Each bad line is reported and skipped.
pub fn read(source: &str, coref: Option<&str>) -> (Vec<GoldDoc>, Vec<String>) {
    let mut clusters: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    if let Some(coref) = coref {
        #[derive(Deserialize)]
        struct Line {
            doc_key: String,
            clusters: Vec<Vec<String>>,
        }
        for line in coref.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(l) = serde_json::from_str::<Line>(line) {
                clusters.insert(l.doc_key, l.clusters);
            }
        }
    }
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<RawDoc>(line) {
            Ok(raw) => match rebuild(raw, &clusters) {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.push(format!("line {}: {e}", n + 1)),
            },
            Err(e) => errors.push(format!("line {}: {e}", n + 1)),
        }
    }
    (docs, errors)
}

fn rebuild(raw: RawDoc, clusters: &HashMap<String, Vec<Vec<String>>>) -> Result<GoldDoc, String> {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (words, _) in &raw.sentences {
        if !text.is_empty() {
            text.push('\n');
        }
        let first = tokens.len();
        for (k, (word, _, _)) in words.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(word);
            tokens.push(Span::new(start, text.len()));
        }
        sentences.push(first..tokens.len());
    }
    if tokens.len() != raw.tokens.len() {
        return Err(format!(
            "{}: sentences hold {} tokens, the document {}",
            raw.doc_id,
            tokens.len(),
            raw.tokens.len()
        ));
    }
    let mentions: HashMap<&str, std::ops::Range<usize>> = raw
        .entity_mentions
        .iter()
        .map(|m| (m.id.as_str(), m.start..m.end))
        .collect();
    let cluster_of: HashMap<&str, &Vec<String>> = clusters
        .get(&raw.doc_id)
        .map(|cs| {
            cs.iter()
                .flat_map(|c| c.iter().map(move |m| (m.as_str(), c)))
                .collect()
        })
        .unwrap_or_default();
    let mut events = Vec::new();
    for e in &raw.event_mentions {
        let Some((class, _)) = class_of(&e.event_type) else {
            continue;
        };
        let mut arguments = Vec::new();
        for a in &e.arguments {
            let Some(slot) = slot_of(&a.role) else {
                continue;
            };
            let mut spans: Vec<std::ops::Range<usize>> = mentions
                .get(a.entity_id.as_str())
                .cloned()
                .into_iter()
                .collect();
            if let Some(cluster) = cluster_of.get(a.entity_id.as_str()) {
                spans.extend(
                    cluster
                        .iter()
                        .filter_map(|m| mentions.get(m.as_str()).cloned()),
                );
            }
            if !spans.is_empty() {
                arguments.push((slot, spans));
            }
        }
        events.push(GoldEvent {
            class,
            trigger: e.trigger.start..e.trigger.end,
            arguments,
        });
    }
    Ok(GoldDoc {
        id: raw.doc_id,
        text,
        tokens,
        sentences,
        events,
    })
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one run.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Trigger found (any in-scope class), regardless of class.
    pub trigger_identification: Prf,
    /// Trigger found with the right class.
    pub trigger_classification: Prf,
    /// Per class, classification.
    pub per_class: Vec<(EventType, bool, Prf)>,
    /// Argument overlaps a gold argument of a matching event.
    pub argument_identification: Prf,
    /// ... and fills the right slot.
    pub argument_classification: Prf,
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Token range of a byte span in a gold document.
fn token_range(doc: &GoldDoc, span: Span) -> std::ops::Range<usize> {
    let a = doc.tokens.partition_point(|t| t.end <= span.start);
    let b = doc.tokens.partition_point(|t| t.start < span.end);
    a..b.max(a)
}

/// Lists a document's missed gold triggers and unmatched predictions (any
/// class we extract), each with its sentence, for error analysis.
pub fn explain(doc: &GoldDoc, predicted: &[EventMention], out: &mut dyn FnMut(&str)) {
    let sentence_of = |t: usize| {
        doc.sentences
            .iter()
            .find(|r| r.contains(&t))
            .map(|r| Span::new(doc.tokens[r.start].start, doc.tokens[r.end - 1].end).of(&doc.text))
            .unwrap_or("")
    };
    let words = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|t| doc.tokens[t].of(&doc.text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for g in &doc.events {
        let hit = predicted
            .iter()
            .any(|p| p.kind == g.class && overlaps(&token_range(doc, p.trigger), &g.trigger));
        if !hit {
            out(&format!(
                "missed {} \"{}\" in « {} »",
                g.class.as_str(),
                words(&g.trigger),
                sentence_of(g.trigger.start)
            ));
        }
    }
    for p in predicted {
        let r = token_range(doc, p.trigger);
        let known = class_known(p.kind);
        let hit = doc
            .events
            .iter()
            .any(|g| g.class == p.kind && overlaps(&r, &g.trigger));
        if known && !hit {
            let gold: Vec<&str> = doc
                .events
                .iter()
                .filter(|g| overlaps(&r, &g.trigger))
                .map(|g| g.class.as_str())
                .collect();
            out(&format!(
                "extra {} \"{}\"{} in « {} »",
                p.kind.as_str(),
                words(&r),
                if gold.is_empty() {
                    String::new()
                } else {
                    format!(" (gold: {})", gold.join(", "))
                },
                sentence_of(r.start)
            ));
        }
    }
}

/// Classes WikiEvents annotates (so an unmatched prediction is an error).
fn class_known(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Arrest
            | EventType::Attack
            | EventType::Charge
            | EventType::Conviction
            | EventType::Killing
            | EventType::Trial
            | EventType::Release
            | EventType::Protest
            | EventType::Meeting
            | EventType::Investigation
    )
}

/// Scores predictions (one list per document, same order as `docs`).
pub fn score(docs: &[GoldDoc], predictions: &[Vec<EventMention>]) -> Scores {
    let mut scores = Scores::default();
    let mut classes: HashMap<(EventType, bool), Prf> = HashMap::new();
    let in_scope = |kind: EventType| {
        matches!(
            kind,
            EventType::Arrest | EventType::Attack | EventType::Charge | EventType::Conviction
        )
    };
    let informational = |kind: EventType| {
        matches!(
            kind,
            EventType::Killing
                | EventType::Trial
                | EventType::Release
                | EventType::Protest
                | EventType::Meeting
                | EventType::Investigation
        )
    };
    for (doc, predicted) in docs.iter().zip(predictions) {
        let preds: Vec<(EventType, std::ops::Range<usize>, &EventMention)> = predicted
            .iter()
            .map(|m| (m.kind, token_range(doc, m.trigger), m))
            .collect();
        // Triggers.
        let gold_scope: Vec<&GoldEvent> = doc.events.iter().filter(|g| in_scope(g.class)).collect();
        let pred_scope: Vec<_> = preds.iter().filter(|p| in_scope(p.0)).collect();
        scores.trigger_identification.gold += gold_scope.len();
        scores.trigger_identification.predicted += pred_scope.len();
        scores.trigger_identification.correct += pred_scope
            .iter()
            .filter(|p| gold_scope.iter().any(|g| overlaps(&g.trigger, &p.1)))
            .count();
        for kind in EventType::ALL {
            if !in_scope(kind) && !informational(kind) {
                continue;
            }
            let g: Vec<&GoldEvent> = doc.events.iter().filter(|g| g.class == kind).collect();
            let p: Vec<_> = preds.iter().filter(|p| p.0 == kind).collect();
            let correct = p
                .iter()
                .filter(|p| g.iter().any(|g| overlaps(&g.trigger, &p.1)))
                .count();
            let entry = classes.entry((kind, in_scope(kind))).or_default();
            entry.add(Prf {
                correct,
                predicted: p.len(),
                gold: g.len(),
            });
            if in_scope(kind) {
                scores.trigger_classification.add(Prf {
                    correct,
                    predicted: p.len(),
                    gold: g.len(),
                });
            }
        }
        // Arguments of in-scope events.
        for g in &gold_scope {
            scores.argument_identification.gold += g.arguments.len();
            scores.argument_classification.gold += g.arguments.len();
        }
        for (kind, trigger, m) in &pred_scope {
            let matching: Vec<&&GoldEvent> = gold_scope
                .iter()
                .filter(|g| g.class == *kind && overlaps(&g.trigger, trigger))
                .collect();
            let mut ours: Vec<(Slot, std::ops::Range<usize>)> = Vec::new();
            ours.extend(
                m.agents
                    .iter()
                    .map(|a| (Slot::Agent, token_range(doc, a.span))),
            );
            ours.extend(
                m.targets
                    .iter()
                    .map(|a| (Slot::Target, token_range(doc, a.span))),
            );
            ours.extend(
                m.place
                    .iter()
                    .map(|a| (Slot::Place, token_range(doc, a.span))),
            );
            ours.extend(
                m.reason
                    .iter()
                    .map(|a| (Slot::Reason, token_range(doc, a.span))),
            );
            scores.argument_identification.predicted += ours.len();
            scores.argument_classification.predicted += ours.len();
            for (slot, span) in &ours {
                let hit = |need_slot: bool| {
                    matching.iter().any(|g| {
                        g.arguments.iter().any(|(s, spans)| {
                            (!need_slot || s == slot) && spans.iter().any(|r| overlaps(r, span))
                        })
                    })
                };
                if hit(false) {
                    scores.argument_identification.correct += 1;
                }
                if hit(true) {
                    scores.argument_classification.correct += 1;
                }
            }
        }
    }
    // Recall can exceed the gold count when two predictions hit one gold
    // argument; cap so the figures stay proportions.
    for prf in [
        &mut scores.argument_identification,
        &mut scores.argument_classification,
        &mut scores.trigger_identification,
        &mut scores.trigger_classification,
    ] {
        prf.correct = prf.correct.min(prf.gold).min(prf.predicted);
    }
    let mut per_class: Vec<(EventType, bool, Prf)> =
        classes.into_iter().map(|((k, s), p)| (k, s, p)).collect();
    per_class.sort_by_key(|(k, s, _)| (!*s, *k));
    scores.per_class = per_class;
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"doc_id": "d1", "tokens": ["Police", "arrested", "two", "men", ".", "A", "bomb", "exploded", "."], "text": "", "sentences": [[[["Police", 0, 6], ["arrested", 7, 15], ["two", 16, 19], ["men", 20, 23], [".", 23, 24]], "Police arrested two men."], [[["A", 25, 26], ["bomb", 27, 31], ["exploded", 32, 40], [".", 40, 41]], "A bomb exploded."]], "entity_mentions": [{"id": "d1-T1", "start": 0, "end": 1}, {"id": "d1-T2", "start": 3, "end": 4}], "relation_mentions": [], "event_mentions": [{"id": "d1-E1", "event_type": "Justice.ArrestJailDetain.Unspecified", "trigger": {"start": 1, "end": 2}, "arguments": [{"entity_id": "d1-T1", "role": "Jailer"}, {"entity_id": "d1-T2", "role": "Detainee"}]}, {"id": "d1-E2", "event_type": "Conflict.Attack.DetonateExplode", "trigger": {"start": 7, "end": 8}, "arguments": []}]}"#;

    fn mention(doc: &GoldDoc, kind: EventType, trigger: usize, targets: &[usize]) -> EventMention {
        let arg = |t: usize| storyline_model::event::Argument {
            span: doc.tokens[t],
            text: doc.tokens[t].of(&doc.text).to_string(),
        };
        EventMention {
            kind,
            trigger: doc.tokens[trigger],
            sentence: doc.tokens[0],
            agents: vec![],
            targets: targets.iter().map(|&t| arg(t)).collect(),
            place: None,
            date: None,
            count: None,
            killed: None,
            injured: None,
            reason: None,
            attributed_to: None,
            modality: Default::default(),
            recent: false,
            told_on: None,
            running_total: false,
            figures_in_part: false,
            repeated: false,
            site: None,
        }
    }

    #[test]
    fn rebuilds_text_from_gold_tokens() {
        let (docs, errors) = read(LINE, None);
        assert!(errors.is_empty(), "{errors:?}");
        let d = &docs[0];
        assert_eq!(d.text, "Police arrested two men .\nA bomb exploded .");
        assert_eq!(d.tokens[3].of(&d.text), "men");
        assert_eq!(d.sentences, vec![0..5, 5..9]);
        assert_eq!(d.events[0].arguments.len(), 2);
    }

    #[test]
    fn scores_triggers_and_slots() {
        let (docs, _) = read(LINE, None);
        let d = &docs[0];
        // Right arrest with the detainee as target; a wrong-class trigger on "exploded".
        let preds = vec![vec![
            mention(d, EventType::Arrest, 1, &[3]),
            mention(d, EventType::Charge, 7, &[]),
        ]];
        let s = score(&docs, &preds);
        assert_eq!(s.trigger_identification.correct, 2);
        assert_eq!(s.trigger_classification.correct, 1);
        assert_eq!(s.trigger_classification.gold, 2);
        assert_eq!(s.argument_classification.correct, 1);
        assert_eq!(s.argument_classification.gold, 2);
        assert!((s.argument_classification.precision() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let source = format!("{{oops\n{LINE}\n");
        let (docs, errors) = read(&source, None);
        assert_eq!(docs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("line 1"));
    }
}
