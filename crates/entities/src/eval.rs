//! Scoring a [`Resolution`] against a hand-made entity gold (`examples/news/gold/entities.jsonl`,
//! conventions in `examples/news/gold/ENTITIES.md`; `storyline eval entities`).
//!
//! A gold entity lists its aliases as written and the documents it appears in. Every
//! word-bounded occurrence of an alias in one of those documents is a gold mention (longest
//! aliases first, so "Velmora Regional Court" is not also "Velmora"); `contexts` assign an
//! alias inside a given phrase to an entity that does not otherwise own it ("that Velmora
//! wanted" is Calvena's government, not the city). A gold mention takes the entity of the
//! resolved mention that covers at least half of it. The unit of scoring is an
//! *alias-as-mention*: one alias of one gold entity in one document, predicted as the entity
//! most of its occurrences got.
//!
//! - **Entities right**: one predicted entity holds more than half of the gold entity's units
//!   and no unit of another gold entity.
//! - **Alias grouping**: pairwise precision and recall of "same entity" links between units.
//! - **False merges**: predicted entities holding units of two or more gold entities.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use storyline_model::Span;

use crate::names::{is_apostrophe, match_at};
use crate::{DocEntities, Resolution};

/// One gold entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// The canonical name (informative; not scored).
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Surface forms as written.
    pub aliases: Vec<String>,
    /// Ids of the documents that mention it.
    pub docs: Vec<String>,
    /// Aliases that belong to this entity only inside a phrase of one document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<GoldContext>,
}

/// "In document `doc`, the `alias` inside `context` is this entity."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldContext {
    /// The document id.
    pub doc: String,
    /// The alias as written.
    pub alias: String,
    /// A phrase of the document that contains the alias.
    pub context: String,
}

/// Reads gold JSON Lines (blank lines skipped).
pub fn read_gold(text: &str) -> Result<Vec<GoldEntity>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}

/// How one gold entity fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One predicted entity holds most of it and nothing of another gold entity.
    Right,
    /// The best predicted entity also holds another gold entity's aliases.
    Merged,
    /// No predicted entity holds most of it.
    Split,
    /// None of its aliases was resolved at all.
    Missed,
    /// None of its aliases occurs in its documents (a gold error).
    NotInText,
}

impl Verdict {
    /// The verdict as the explanation prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Merged => "merged",
            Verdict::Split => "split",
            Verdict::Missed => "missed",
            Verdict::NotInText => "not in text",
        }
    }
}

/// Why a gold entity got its verdict.
#[derive(Debug, Clone)]
pub struct Explain {
    /// The gold entity's name.
    pub gold: String,
    /// Its gold type.
    pub kind: String,
    /// How it fared.
    pub verdict: Verdict,
    /// Alias-as-mention units.
    pub units: usize,
    /// Predicted entity (name, type, id) → the units it got, as `alias@doc`.
    pub spread: Vec<(String, Vec<String>)>,
    /// Units no entity got.
    pub unresolved: Vec<String>,
    /// Other gold entities sharing the best predicted entity.
    pub merged_with: Vec<String>,
    /// Aliases that occur in none of its documents.
    pub unused_aliases: Vec<String>,
    /// The best predicted entity's type, when it differs from the gold type.
    pub wrong_type: Option<String>,
}

/// A predicted entity that holds units of several gold entities.
#[derive(Debug, Clone)]
pub struct FalseMerge {
    /// The predicted entity: name, type and id.
    pub entity: String,
    /// Gold entity → number of its units here.
    pub gold: Vec<(String, usize)>,
}

/// The figures and the explanations.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Gold entities scored.
    pub gold_entities: usize,
    /// Gold entities with [`Verdict::Right`].
    pub right: usize,
    /// Right entities whose predicted type is the gold type.
    pub right_typed: usize,
    /// Alias-as-mention units: (gold entity, document, alias) that occur.
    pub units: usize,
    /// Units some predicted entity got.
    pub units_resolved: usize,
    /// Unit pairs of one gold entity.
    pub gold_pairs: u64,
    /// Unit pairs given one predicted entity.
    pub predicted_pairs: u64,
    /// Unit pairs both of one gold entity and given one predicted entity.
    pub true_pairs: u64,
    /// Predicted entities holding units of several gold entities.
    pub false_merges: Vec<FalseMerge>,
    /// One explanation per gold entity, in gold order.
    pub explain: Vec<Explain>,
    /// (doc, alias) claimed by several gold entities: skipped.
    pub ambiguous: Vec<String>,
}

impl Report {
    /// Pairwise alias-link precision.
    pub fn pair_precision(&self) -> f64 {
        ratio(self.true_pairs, self.predicted_pairs)
    }
    /// Pairwise alias-link recall.
    pub fn pair_recall(&self) -> f64 {
        ratio(self.true_pairs, self.gold_pairs)
    }
    /// The harmonic mean of the two.
    pub fn pair_f1(&self) -> f64 {
        let (p, r) = (self.pair_precision(), self.pair_recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// One block per gold entity that is not right (all of them with `all`).
    pub fn explain_text(&self, all: bool) -> String {
        let mut out = String::new();
        for e in &self.explain {
            if !all
                && e.verdict == Verdict::Right
                && e.unused_aliases.is_empty()
                && e.wrong_type.is_none()
            {
                continue;
            }
            out.push_str(&format!(
                "{} [{}] {} ({} units)\n",
                e.gold,
                e.kind,
                e.verdict.as_str(),
                e.units
            ));
            for (entity, units) in &e.spread {
                out.push_str(&format!("    → {entity}: {}\n", units.join(", ")));
            }
            if !e.unresolved.is_empty() {
                out.push_str(&format!("    → (none): {}\n", e.unresolved.join(", ")));
            }
            if !e.merged_with.is_empty() {
                out.push_str(&format!("    merged with: {}\n", e.merged_with.join("; ")));
            }
            if let Some(t) = &e.wrong_type {
                out.push_str(&format!("    predicted type: {t}\n"));
            }
            if !e.unused_aliases.is_empty() {
                out.push_str(&format!(
                    "    aliases not in its documents: {}\n",
                    e.unused_aliases.join(", ")
                ));
            }
        }
        for m in &self.false_merges {
            let parts: Vec<String> = m.gold.iter().map(|(g, n)| format!("{g} ×{n}")).collect();
            out.push_str(&format!(
                "false merge: {} = {}\n",
                m.entity,
                parts.join(" + ")
            ));
        }
        for a in &self.ambiguous {
            out.push_str(&format!("ambiguous gold alias (skipped): {a}\n"));
        }
        out
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |a: usize, b: usize| ratio(a as u64, b as u64) * 100.0;
        writeln!(
            f,
            "entities right: {}/{} ({:.1}%), with the right type: {}",
            self.right,
            self.gold_entities,
            pct(self.right, self.gold_entities),
            self.right_typed
        )?;
        writeln!(
            f,
            "alias grouping (pairwise over {} alias-as-mention units, {} resolved): precision {:.3} ({}/{}), recall {:.3} ({}/{}), F1 {:.3}",
            self.units,
            self.units_resolved,
            self.pair_precision(),
            self.true_pairs,
            self.predicted_pairs,
            self.pair_recall(),
            self.true_pairs,
            self.gold_pairs,
            self.pair_f1()
        )?;
        write!(
            f,
            "false merges: {} predicted entities hold aliases of 2+ gold entities",
            self.false_merges.len()
        )
    }
}

/// Word-bounded occurrences of `needle` in `text[within]`.
fn find_all(text: &str, needle: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(first) = needle.chars().next() else {
        return out;
    };
    let Some(region) = text.get(within.start..within.end) else {
        return out;
    };
    for (i, c) in region.char_indices() {
        if c != first && !(is_apostrophe(c) && is_apostrophe(first)) {
            continue;
        }
        let at = within.start + i;
        let Some(end) = match_at(text, at, needle) else {
            continue;
        };
        if end > within.end {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            out.push(Span::new(at, end));
        }
    }
    out
}

/// An alias-as-mention: (gold entity, document, alias).
type Unit = (usize, String, String);

/// A gold mention: an occurrence of a gold entity's alias.
struct Occurrence {
    gold: usize,
    alias: String,
    doc: String,
    span: Span,
}

fn occurrences(
    gold: &[GoldEntity],
    docs: &[DocEntities<'_>],
    ambiguous: &mut Vec<String>,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for d in docs {
        let whole = Span::new(0, d.text.len());
        let mut taken: Vec<Span> = Vec::new();
        let free =
            |taken: &[Span], s: Span| taken.iter().all(|t| s.end <= t.start || t.end <= s.start);
        for (g, e) in gold.iter().enumerate() {
            for c in e.contexts.iter().filter(|c| c.doc == d.id) {
                for ctx in find_all(d.text, &c.context, whole) {
                    for s in find_all(d.text, &c.alias, ctx) {
                        if free(&taken, s) {
                            taken.push(s);
                            out.push(Occurrence {
                                gold: g,
                                alias: c.alias.clone(),
                                doc: d.id.to_string(),
                                span: s,
                            });
                        }
                    }
                }
            }
        }
        let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (g, e) in gold.iter().enumerate() {
            if e.docs.iter().any(|x| x == d.id) {
                for a in &e.aliases {
                    let list = claims.entry(a.as_str()).or_default();
                    if !list.contains(&g) {
                        list.push(g);
                    }
                }
            }
        }
        let mut aliases: Vec<(&str, &Vec<usize>)> = claims.iter().map(|(a, g)| (*a, g)).collect();
        aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
        for (alias, owners) in aliases {
            let found: Vec<Span> = find_all(d.text, alias, whole)
                .into_iter()
                .filter(|s| free(&taken, *s))
                .collect();
            if found.is_empty() {
                continue;
            }
            if owners.len() > 1 {
                let names: Vec<&str> = owners.iter().map(|&g| gold[g].name.as_str()).collect();
                ambiguous.push(format!("{alias}@{} ({})", d.id, names.join(", ")));
                taken.extend(found);
                continue;
            }
            for s in found {
                taken.push(s);
                out.push(Occurrence {
                    gold: owners[0],
                    alias: alias.to_string(),
                    doc: d.id.to_string(),
                    span: s,
                });
            }
        }
    }
    out
}

/// The name part of a gold occurrence: "Minister Vohl" is matched by its "Vohl".
fn name_part(text: &str, span: Span) -> Span {
    let toks = crate::names::token_spans(text, span);
    let words: Vec<&str> = toks.iter().map(|t| t.of(text)).collect();
    let (k, honorific) = crate::names::title_prefix(&words);
    if honorific && k > 0 && k < toks.len() {
        Span::new(toks[k].start, span.end)
    } else {
        span
    }
}

/// The entity of the resolved mention covering at least half of `span`.
fn predicted(res: &Resolution, doc: &str, span: Span) -> Option<usize> {
    res.mentions(doc)
        .iter()
        .filter_map(|m| {
            let overlap = m
                .span
                .end
                .min(span.end)
                .saturating_sub(m.span.start.max(span.start));
            (overlap * 2 >= span.len() && overlap > 0).then_some((overlap, m))
        })
        .max_by_key(|(o, m)| (*o, std::cmp::Reverse(m.span.len())))
        .map(|(_, m)| m.entity)
}

/// Scores `res` (resolved from `docs`) against `gold`.
pub fn evaluate(gold: &[GoldEntity], docs: &[DocEntities<'_>], res: &Resolution) -> Report {
    let mut report = Report {
        gold_entities: gold.len(),
        ..Report::default()
    };
    let occ = occurrences(gold, docs, &mut report.ambiguous);
    // Units: (gold, doc, alias) → votes for predicted entities.
    let mut units: BTreeMap<(usize, String, String), HashMap<Option<usize>, usize>> =
        BTreeMap::new();
    for o in &occ {
        let text = docs.iter().find(|d| d.id == o.doc).map_or("", |d| d.text);
        let p = predicted(res, &o.doc, name_part(text, o.span));
        *units
            .entry((o.gold, o.doc.clone(), o.alias.clone()))
            .or_default()
            .entry(p)
            .or_default() += 1;
    }
    let unit_pred: Vec<((usize, String, String), Option<usize>)> = units
        .into_iter()
        .map(|(k, votes)| {
            let best = votes
                .iter()
                .filter_map(|(p, n)| p.map(|p| (n, p)))
                .max_by_key(|(n, p)| (**n, std::cmp::Reverse(*p)))
                .map(|(_, p)| p);
            (k, best)
        })
        .collect();
    report.units = unit_pred.len();
    report.units_resolved = unit_pred.iter().filter(|(_, p)| p.is_some()).count();
    // Contingency counts.
    let mut cell: HashMap<(usize, usize), u64> = HashMap::new();
    let mut per_gold: HashMap<usize, u64> = HashMap::new();
    let mut per_pred: HashMap<usize, u64> = HashMap::new();
    let mut golds_of_pred: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    for ((g, _, _), p) in &unit_pred {
        *per_gold.entry(*g).or_default() += 1;
        if let Some(p) = p {
            *per_pred.entry(*p).or_default() += 1;
            *cell.entry((*g, *p)).or_default() += 1;
            *golds_of_pred.entry(*p).or_default().entry(*g).or_default() += 1;
        }
    }
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    report.gold_pairs = per_gold.values().map(|&n| pairs(n)).sum();
    report.predicted_pairs = per_pred.values().map(|&n| pairs(n)).sum();
    report.true_pairs = cell.values().map(|&n| pairs(n)).sum();
    let label = |p: usize| {
        let e = &res.entities[p];
        format!("{} [{}] {}", e.name, e.kind.as_str(), e.id)
    };
    for (p, golds) in &golds_of_pred {
        if golds.len() > 1 {
            report.false_merges.push(FalseMerge {
                entity: label(*p),
                gold: golds
                    .iter()
                    .map(|(g, n)| (gold[*g].name.clone(), *n))
                    .collect(),
            });
        }
    }
    for (g, e) in gold.iter().enumerate() {
        let mine: Vec<&(Unit, Option<usize>)> =
            unit_pred.iter().filter(|((x, _, _), _)| *x == g).collect();
        let mut spread: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut unresolved = Vec::new();
        for ((_, doc, alias), p) in &mine {
            let unit = format!("{alias}@{}", short(doc));
            match p {
                Some(p) => spread.entry(*p).or_default().push(unit),
                None => unresolved.push(unit),
            }
        }
        let best = spread
            .iter()
            .max_by_key(|(p, u)| (u.len(), std::cmp::Reverse(**p)))
            .map(|(p, u)| (*p, u.len()));
        let merged_with: Vec<String> = best
            .and_then(|(p, _)| golds_of_pred.get(&p))
            .map(|gs| {
                gs.keys()
                    .filter(|&&x| x != g)
                    .map(|&x| gold[x].name.clone())
                    .collect()
            })
            .unwrap_or_default();
        let verdict = match best {
            _ if mine.is_empty() => Verdict::NotInText,
            None => Verdict::Missed,
            Some((_, held)) if held * 2 <= mine.len() => Verdict::Split,
            Some(_) if !merged_with.is_empty() => Verdict::Merged,
            Some(_) => Verdict::Right,
        };
        let wrong_type = best
            .map(|(p, _)| res.entities[p].kind.as_str())
            .filter(|k| *k != e.kind)
            .map(str::to_string);
        if verdict == Verdict::Right {
            report.right += 1;
            if wrong_type.is_none() {
                report.right_typed += 1;
            }
        }
        let used: Vec<&str> = mine.iter().map(|((_, _, a), _)| a.as_str()).collect();
        let unused_aliases = e
            .aliases
            .iter()
            .filter(|a| !used.contains(&a.as_str()))
            .cloned()
            .collect();
        let mut spread: Vec<(String, Vec<String>)> =
            spread.into_iter().map(|(p, u)| (label(p), u)).collect();
        spread.sort_by_key(|(_, u)| std::cmp::Reverse(u.len()));
        report.explain.push(Explain {
            gold: e.name.clone(),
            kind: e.kind.clone(),
            verdict,
            units: mine.len(),
            spread,
            unresolved,
            merged_with,
            unused_aliases,
            wrong_type,
        });
    }
    report
}

/// How [`Resolution::entity_at`] fares on argument spans (event agents and targets).
#[derive(Debug, Clone, Default)]
pub struct ArgumentReport {
    /// Argument spans given.
    pub arguments: usize,
    /// Arguments with a gold alias occurrence inside.
    pub with_gold: usize,
    /// ... whose `entity_at` is the entity that holds most of that gold entity's units.
    pub right: usize,
    /// `entity_at` found nothing.
    pub unresolved: usize,
    /// `doc: argument → got, expected` for each wrong one.
    pub wrong: Vec<String>,
}

impl fmt::Display for ArgumentReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "event arguments: {} with a gold entity inside (of {}); entity_at right for {} ({:.1}%), nothing for {}",
            self.with_gold,
            self.arguments,
            self.right,
            ratio(self.right as u64, self.with_gold as u64) * 100.0,
            self.unresolved
        )
    }
}

/// Scores [`Resolution::entity_at`] on argument spans `(doc, span)`. The expected entity is
/// chosen among the gold mentions inside the span the way `entity_at` chooses (the last
/// person, else the longest organisation, else the longest), and counts as found when
/// `entity_at` returns the predicted entity that holds most of that gold entity's units.
pub fn evaluate_arguments(
    gold: &[GoldEntity],
    docs: &[DocEntities<'_>],
    res: &Resolution,
    arguments: &[(String, Span)],
) -> ArgumentReport {
    let mut ignored = Vec::new();
    let occ = occurrences(gold, docs, &mut ignored);
    // The predicted entity holding most units of each gold entity.
    let mut held: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
    for o in &occ {
        let text = docs.iter().find(|d| d.id == o.doc).map_or("", |d| d.text);
        if let Some(p) = predicted(res, &o.doc, name_part(text, o.span)) {
            *held.entry(o.gold).or_default().entry(p).or_default() += 1;
        }
    }
    let best = |g: usize| {
        held.get(&g).and_then(|m| {
            m.iter()
                .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
                .map(|(p, _)| *p)
        })
    };
    let mut report = ArgumentReport {
        arguments: arguments.len(),
        ..ArgumentReport::default()
    };
    for (doc, span) in arguments {
        let inside: Vec<&Occurrence> = occ
            .iter()
            .filter(|o| &o.doc == doc && span.start <= o.span.start && o.span.end <= span.end)
            .collect();
        let kind = |o: &&Occurrence| gold[o.gold].kind.as_str();
        let expected = inside
            .iter()
            .filter(|o| kind(o) == "PER")
            .max_by_key(|o| o.span.start)
            .or_else(|| {
                inside
                    .iter()
                    .filter(|o| kind(o) == "ORG")
                    .max_by_key(|o| o.span.len())
            })
            .or_else(|| inside.iter().max_by_key(|o| o.span.len()));
        let Some(expected) = expected else {
            continue;
        };
        report.with_gold += 1;
        let got = res.mention_at(doc, *span).map(|m| m.entity);
        let text = docs
            .iter()
            .find(|d| d.id == doc)
            .and_then(|d| d.text.get(span.start..span.end))
            .unwrap_or("");
        match got {
            None => {
                report.unresolved += 1;
                report.wrong.push(format!(
                    "{}: {text:?} → nothing, expected {}",
                    short(doc),
                    gold[expected.gold].name
                ));
            }
            Some(p) if Some(p) == best(expected.gold) => report.right += 1,
            Some(p) => report.wrong.push(format!(
                "{}: {text:?} → {}, expected {}",
                short(doc),
                res.entities[p].name,
                gold[expected.gold].name
            )),
        }
    }
    report
}

/// The first six characters of a document id, for compact explanations.
fn short(doc: &str) -> &str {
    doc.char_indices().nth(6).map_or(doc, |(i, _)| &doc[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_word_bounded_and_apostrophe_blind() {
        let text = "Calvena’s Calvenan Calvena.";
        let got = find_all(text, "Calvena's", Span::new(0, text.len()));
        assert_eq!(got.len(), 1);
        assert_eq!(find_all(text, "Calvena", Span::new(0, text.len())).len(), 2);
        assert!(find_all(text, "", Span::new(0, text.len())).is_empty());
    }

    #[test]
    fn gold_lines_parse() {
        let g = read_gold(
            r#"{"name":"Calvena","type":"LOC","aliases":["Calvena"],"docs":["d1"],"contexts":[{"doc":"d1","alias":"Velmora","context":"Velmora said"}]}

{"name":"NSB","type":"ORG","aliases":["NSB"],"docs":["d1"]}"#,
        )
        .unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].contexts[0].alias, "Velmora");
        assert!(read_gold("{").is_err());
    }
}
