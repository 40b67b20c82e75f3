//! Scoring one story's export against a story folder's gold (`GOLD.json`, described in
//! `examples/stories/README.md`).
//!
//! The gold names, for each real-world happening, a verbatim quote from every sentence that
//! reports it; a reported event of the export is a report of the happenings whose quote lies
//! in its sentence and whose type is the event's. What is measured is what a reader of the
//! export sees: whether each happening told by two outlets comes out as one event holding both
//! outlets' reports, how many cross-outlet report pairs an event joins rightly or wrongly,
//! whether the gold's disagreements are listed, and whether the entities are found, typed and
//! kept apart.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Deserialize;
use serde_json::Value;

/// A story folder's `GOLD.json`.
#[derive(Debug, Deserialize)]
pub struct StoryGold {
    #[serde(default)]
    pub story: String,
    pub articles: Vec<Article>,
    pub happenings: Vec<Happening>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub entities: Vec<Entity>,
}

#[derive(Debug, Deserialize)]
pub struct Article {
    /// Path relative to the story folder, e.g. `articles/wire.txt`.
    pub file: String,
    pub outlet: String,
}

#[derive(Debug, Deserialize)]
pub struct Happening {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub summary: String,
    pub reports: Vec<Report>,
}

#[derive(Debug, Deserialize)]
pub struct Report {
    pub file: String,
    pub quote: String,
}

#[derive(Debug, Deserialize)]
pub struct Conflict {
    pub happening: String,
    pub field: String,
    pub values: Vec<ConflictValue>,
}

#[derive(Debug, Deserialize)]
pub struct ConflictValue {
    pub files: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One document of the export: its id, its source path and its cleaned text.
pub struct ExportedDoc<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub text: &'a str,
}

/// The figures of one story; they add up over stories.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StoryScore {
    /// Happenings reported by two or more outlets, and how many of them have reports from
    /// two outlets in one event.
    pub shared: usize,
    pub shared_linked: usize,
    /// Report pairs from two outlets in one event: of one gold happening, or of none in common.
    pub pairs_right: usize,
    pub pairs_wrong: usize,
    /// Gold reports (a happening in a file) found as a report of the happening's type.
    pub reports: usize,
    pub reports_found: usize,
    pub conflicts: usize,
    pub conflicts_listed: usize,
    /// Gold entities whose names are in the cleaned text, and how many of them are found with
    /// their type and not merged with another.
    pub entities: usize,
    pub entities_right: usize,
    /// Predicted entities holding names of two or more gold entities.
    pub false_merges: usize,
    /// Names of the gold entities (the fullest form and each alias) that occur in the cleaned
    /// text, and how many of them the entity chosen for their gold entity holds: whether the
    /// forms an outlet uses for one party end up under one entity.
    pub names: usize,
    pub names_grouped: usize,
    /// What went wrong, one line each, for `--verbose`.
    pub details: Vec<String>,
}

impl StoryScore {
    pub fn add(&mut self, other: &StoryScore) {
        self.shared += other.shared;
        self.shared_linked += other.shared_linked;
        self.pairs_right += other.pairs_right;
        self.pairs_wrong += other.pairs_wrong;
        self.reports += other.reports;
        self.reports_found += other.reports_found;
        self.conflicts += other.conflicts;
        self.conflicts_listed += other.conflicts_listed;
        self.entities += other.entities;
        self.entities_right += other.entities_right;
        self.false_merges += other.false_merges;
        self.names += other.names;
        self.names_grouped += other.names_grouped;
    }
}

/// Text compared as a reader would: case, runs of whitespace and the typography of quotes
/// and dashes do not matter.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether `needle` occurs in `hay` with no word character on either side.
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    hay.match_indices(needle).any(|(at, _)| {
        !word(hay[..at].chars().next_back()) && !word(hay[at + needle.len()..].chars().next())
    })
}

/// Scores a story's export: `events` and `entities` are the lines of the contract's
/// `events.jsonl` and `entities.jsonl`.
pub fn score_story(
    gold: &StoryGold,
    docs: &[ExportedDoc<'_>],
    events: &[Value],
    entities: &[Value],
) -> StoryScore {
    let mut score = StoryScore::default();
    // The gold file of each exported document: the one its source path ends with.
    let file_of: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| {
            let source = std::path::Path::new(d.source);
            gold.articles
                .iter()
                .find(|a| source.ends_with(&a.file))
                .map(|a| (d.id, a.file.as_str()))
        })
        .collect();
    let outlet_of: HashMap<&str, &str> = gold
        .articles
        .iter()
        .map(|a| (a.file.as_str(), a.outlet.as_str()))
        .collect();
    let happening: HashMap<&str, &Happening> =
        gold.happenings.iter().map(|h| (h.id.as_str(), h)).collect();
    // Normalized quotes of each file, with their happening.
    let mut quotes: HashMap<&str, Vec<(String, &str)>> = HashMap::new();
    for h in &gold.happenings {
        for r in &h.reports {
            quotes
                .entry(r.file.as_str())
                .or_default()
                .push((normalize(&r.quote), h.id.as_str()));
        }
    }
    // The file of a report and the happenings its sentence reports (of any type).
    let gold_of = |report: &Value| -> (Option<&str>, BTreeSet<&str>) {
        let file = report["doc"].as_str().and_then(|d| file_of.get(d).copied());
        let Some(file) = file else {
            return (None, BTreeSet::new());
        };
        let sentence = normalize(report["sentence"].as_str().unwrap_or(""));
        let found = quotes
            .get(file)
            .into_iter()
            .flatten()
            .filter(|(q, _)| {
                sentence.contains(q.as_str())
                    || (sentence.len() > 30 && q.contains(sentence.as_str()))
            })
            .map(|(_, h)| *h)
            .collect();
        (Some(file), found)
    };

    let shared: Vec<&str> = gold
        .happenings
        .iter()
        .filter(|h| {
            let outlets: HashSet<&str> = h
                .reports
                .iter()
                .filter_map(|r| outlet_of.get(r.file.as_str()).copied())
                .collect();
            outlets.len() >= 2
        })
        .map(|h| h.id.as_str())
        .collect();
    let mut linked: HashSet<&str> = HashSet::new();
    let mut found: HashSet<(&str, &str)> = HashSet::new();
    for event in events {
        let kind = event["type"].as_str().unwrap_or("");
        let items: Vec<(Option<&str>, BTreeSet<&str>, &Value)> = event["reports"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let (file, mut hs) = gold_of(r);
                hs.retain(|h| happening[h].kind == kind);
                if let Some(file) = file {
                    found.extend(hs.iter().map(|h| (file, *h)));
                }
                (file, hs, r)
            })
            .collect();
        for (x, (f1, h1, r1)) in items.iter().enumerate() {
            for (f2, h2, r2) in &items[x + 1..] {
                let (Some(f1), Some(f2)) = (f1, f2) else {
                    continue;
                };
                if outlet_of.get(f1) == outlet_of.get(f2) || h1.is_empty() || h2.is_empty() {
                    continue;
                }
                let common: Vec<&str> = h1.intersection(h2).copied().collect();
                if common.is_empty() {
                    score.pairs_wrong += 1;
                    score.details.push(format!(
                        "wrong pair in a {kind} event: {h1:?} « {} » and {h2:?} « {} »",
                        clip(r1["sentence"].as_str().unwrap_or("")),
                        clip(r2["sentence"].as_str().unwrap_or(""))
                    ));
                } else {
                    score.pairs_right += 1;
                    linked.extend(common);
                }
            }
        }
    }
    score.shared = shared.len();
    for h in &shared {
        if linked.contains(h) {
            score.shared_linked += 1;
        } else {
            let h = happening[h];
            score.details.push(format!(
                "not linked: {} {}: {}",
                h.id,
                h.kind,
                clip(&h.summary)
            ));
        }
    }
    for h in &gold.happenings {
        for r in &h.reports {
            score.reports += 1;
            score.reports_found += usize::from(found.contains(&(r.file.as_str(), h.id.as_str())));
        }
    }

    // A gold conflict is listed when an event of its happening's type holding a report of it lists a
    // conflict on that field (a toll may be listed as killed or injured) between documents
    // of at least two of the gold's files.
    for c in &gold.conflicts {
        score.conflicts += 1;
        let gold_files: HashSet<&str> = c
            .values
            .iter()
            .flat_map(|v| v.files.iter().map(String::as_str))
            .collect();
        let listed = events.iter().any(|e| {
            let of_type = happening
                .get(c.happening.as_str())
                .is_some_and(|h| e["type"].as_str() == Some(h.kind.as_str()));
            let reports_it = of_type
                && e["reports"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|r| gold_of(r).1.contains(c.happening.as_str()));
            reports_it
                && e["conflicts"].as_array().into_iter().flatten().any(|pc| {
                    let field = pc["field"].as_str().unwrap_or("");
                    let same_field = field == c.field
                        || (c.field == "count" && matches!(field, "killed" | "injured"));
                    let files: HashSet<&str> = pc["values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .flat_map(|v| v["docs"].as_array().into_iter().flatten())
                        .filter_map(|d| d.as_str().and_then(|d| file_of.get(d).copied()))
                        .collect();
                    same_field && files.intersection(&gold_files).count() >= 2
                })
        });
        if listed {
            score.conflicts_listed += 1;
        } else {
            score
                .details
                .push(format!("conflict not listed: {} {}", c.happening, c.field));
        }
    }

    score_entities(gold, docs, entities, &mut score);
    score
}

/// Entities: a gold entity is right when the predicted entity sharing most of its names (those
/// no other gold entity has first) has
/// its type and holds no name of another gold entity. A name two gold entities share ("Singh"
/// for two Singhs) shows no merge by itself.
fn score_entities(
    gold: &StoryGold,
    docs: &[ExportedDoc<'_>],
    entities: &[Value],
    score: &mut StoryScore,
) {
    let gold_names: Vec<HashSet<String>> = gold
        .entities
        .iter()
        .map(|g| names_of(&g.name, g.aliases.iter().map(String::as_str)))
        .collect();
    let predicted: Vec<(&Value, HashSet<String>)> = entities
        .iter()
        .map(|p| {
            let aliases = p["aliases"].as_array().into_iter().flatten();
            let names = names_of(
                p["name"].as_str().unwrap_or(""),
                aliases.filter_map(Value::as_str),
            );
            (p, names)
        })
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for names in &gold_names {
        for n in names {
            *uses.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut merged: HashSet<usize> = HashSet::new();
    for (k, (p, names)) in predicted.iter().enumerate() {
        let hit: Vec<&str> = gold_names
            .iter()
            .zip(&gold.entities)
            .filter(|(g, _)| {
                names
                    .iter()
                    .any(|n| uses.get(n.as_str()) == Some(&1) && g.contains(n))
            })
            .map(|(_, e)| e.name.as_str())
            .collect();
        if hit.len() > 1 {
            merged.insert(k);
            score.false_merges += 1;
            score.details.push(format!(
                "false merge: {} holds {hit:?}",
                p["name"].as_str().unwrap_or("")
            ));
        }
    }
    let all_text = normalize(&docs.iter().map(|d| d.text).collect::<Vec<_>>().join(" "));
    for (g, names) in gold.entities.iter().zip(&gold_names) {
        if !names.iter().any(|n| contains_word(&all_text, n)) {
            continue; // not in the cleaned text: nothing to find
        }
        score.entities += 1;
        let best = predicted
            .iter()
            .enumerate()
            .filter(|(_, (_, p))| !p.is_disjoint(names))
            .max_by_key(|(k, (_, p))| {
                let unambiguous = p
                    .intersection(names)
                    .filter(|n| uses.get(n.as_str()) == Some(&1))
                    .count();
                (
                    unambiguous,
                    p.intersection(names).count(),
                    std::cmp::Reverse(*k),
                )
            });
        for name in names.iter().filter(|n| contains_word(&all_text, n)) {
            score.names += 1;
            if best.is_some_and(|(_, (_, held))| held.contains(name)) {
                score.names_grouped += 1;
            } else if let Some((_, (p, _))) = best {
                score.details.push(format!(
                    "name {name:?} of {} not under {}",
                    g.name,
                    p["name"].as_str().unwrap_or("")
                ));
            }
        }
        let right = best.is_some_and(|(k, (p, _))| {
            p["type"].as_str() == Some(g.kind.as_str()) && !merged.contains(&k)
        });
        if right {
            score.entities_right += 1;
        } else {
            score.details.push(match best {
                None => format!("entity not found: {} ({})", g.name, g.kind),
                Some((_, (p, _))) => format!(
                    "entity {} ({}): best {} ({})",
                    g.name,
                    g.kind,
                    p["name"].as_str().unwrap_or(""),
                    p["type"].as_str().unwrap_or("")
                ),
            });
        }
    }
}

/// A name and its aliases, normalized.
fn names_of<'a>(name: &'a str, aliases: impl Iterator<Item = &'a str>) -> HashSet<String> {
    std::iter::once(name)
        .chain(aliases)
        .map(normalize)
        .collect()
}

fn clip(s: &str) -> String {
    s.chars().take(90).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold() -> StoryGold {
        serde_json::from_value(json!({
            "story": "two raids",
            "articles": [
                {"file": "articles/wire.txt", "outlet": "Wire"},
                {"file": "articles/paper.html", "outlet": "Paper"}
            ],
            "happenings": [
                {"id": "H1", "type": "arrest", "summary": "first raid", "reports": [
                    {"file": "articles/wire.txt", "quote": "police detained 12 activists"},
                    {"file": "articles/paper.html", "quote": "officers held fourteen people"}]},
                {"id": "H2", "type": "arrest", "summary": "second raid", "reports": [
                    {"file": "articles/wire.txt", "quote": "a second raid on Friday"},
                    {"file": "articles/paper.html", "quote": "Friday\u{2019}s raid on the union"}]}
            ],
            "conflicts": [{"happening": "H1", "field": "count", "values": [
                {"value": "12", "files": ["articles/wire.txt"]},
                {"value": "14", "files": ["articles/paper.html"]}]}],
            "entities": [
                {"name": "Lena Marsh", "type": "PER", "aliases": ["Marsh"]},
                {"name": "Ada Marsh", "type": "PER", "aliases": ["Marsh"]},
                {"name": "Harbour Union", "type": "ORG", "aliases": []}
            ]
        }))
        .unwrap()
    }

    fn report(doc: &str, sentence: &str) -> Value {
        json!({"doc": doc, "sentence": sentence})
    }

    const WIRE: &str = "On Monday police detained 12 activists. In a second raid on Friday, more were held. Lena Marsh spoke.";
    const PAPER: &str =
        "Officers held fourteen people, Ada Marsh said. Friday's raid on the union followed.";

    fn docs() -> Vec<ExportedDoc<'static>> {
        vec![
            ExportedDoc {
                id: "w",
                source: "stories/raids/articles/wire.txt",
                text: WIRE,
            },
            ExportedDoc {
                id: "p",
                source: "stories/raids/articles/paper.html",
                text: PAPER,
            },
        ]
    }

    #[test]
    fn pairs_links_and_conflicts_follow_the_gold_happenings() {
        let first = json!({"type": "arrest", "reports": [
            report("w", "On Monday police detained 12 activists."),
            report("p", "Officers held fourteen people, Ada Marsh said.")],
            "conflicts": [{"field": "count", "values": [
                {"value": {"min": 12}, "docs": ["w"]}, {"value": {"min": 14}, "docs": ["p"]}]}]});
        // The second raid's reports joined to the wrong outlet's first-raid report.
        let mixed = json!({"type": "arrest", "reports": [
            report("w", "In a second raid on Friday, more were held."),
            report("p", "Officers held fourteen people, Ada Marsh said.")], "conflicts": []});
        let lone = json!({"type": "arrest", "reports": [
            report("p", "Friday\u{2019}s raid on the union followed.")], "conflicts": []});
        let s = score_story(&gold(), &docs(), &[first.clone(), mixed, lone], &[]);
        assert_eq!((s.shared, s.shared_linked), (2, 1));
        assert_eq!((s.pairs_right, s.pairs_wrong), (1, 1));
        assert_eq!((s.reports, s.reports_found), (4, 4));
        assert_eq!((s.conflicts, s.conflicts_listed), (1, 1));
        // Typed: the same sentences in a protest event report no arrest.
        let mut protest = first;
        protest["type"] = json!("protest");
        let s = score_story(&gold(), &docs(), &[protest], &[]);
        assert_eq!(
            (s.pairs_right, s.reports_found, s.conflicts_listed),
            (0, 0, 0)
        );
    }

    #[test]
    fn entities_are_right_typed_and_unmerged_and_a_shared_surname_is_no_merge() {
        let entities = [
            json!({"name": "Lena Marsh", "type": "PER", "aliases": ["Marsh"]}),
            json!({"name": "Ada Marsh", "type": "ORG", "aliases": []}),
        ];
        let s = score_story(&gold(), &docs(), &[], &entities);
        // "Harbour Union" is not in the text; Ada Marsh has the wrong type.
        assert_eq!((s.entities, s.entities_right, s.false_merges), (2, 1, 0));
        // "Lena Marsh" and "Marsh" are under one entity; "Ada Marsh" is its own; "Marsh" is
        // also a name of Ada Marsh that her entity does not hold.
        assert_eq!((s.names, s.names_grouped), (4, 3));
        let merged = [json!({"name": "Lena Marsh", "type": "PER", "aliases": ["Ada Marsh"]})];
        let s = score_story(&gold(), &docs(), &[], &merged);
        assert_eq!((s.entities_right, s.false_merges), (0, 1));
    }

    #[test]
    fn normalized_text_ignores_case_space_and_typography() {
        assert_eq!(
            normalize("  Friday\u{2019}s\n  RAID \u{2013} "),
            "friday's raid -"
        );
        assert!(contains_word("the marsh family", "marsh"));
        assert!(!contains_word("marshal law", "marsh"));
    }
}
