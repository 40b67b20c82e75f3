//! Merging the reports of one event: each field by a vote of documents, with
//! the documents behind the chosen value, and every disagreement listed.
//!
//! A value's weight is the number of distinct documents that report it. Ties
//! go to the more specific value (a day beats a month, an exact count beats
//! "dozens"), then to the earliest report. Two values disagree when they
//! cannot both be true: dates whose intervals do not meet, counts that are
//! different and neither a vague range holding the other nor a running total
//! grown by the time of a later report, different places
//! (neither name holding the other), different casualty figures, agents
//! resolved to different entities (a state and one of its bodies count as
//! one actor).

use crate::terms::{contains_words, normalize_name};
use crate::{Input, Party, Place, ReportFacts};
use serde_json::{json, Value};
use std::collections::HashMap;
use storyline_model::event::{DatePrecision, Modality};
use storyline_model::Date;

/// A merged value and the documents that report it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub docs: Vec<String>,
}

/// An event date as reports give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    pub start: Date,
    pub end: Date,
    pub precision: DatePrecision,
}

/// A count as reports give it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountValue {
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub text: String,
    /// For a running total ("have arrested more than 1,200 since Friday"), the day it was
    /// told: the publication date of its document.
    pub as_of: Option<Date>,
}

/// A field on which the reports disagree, with every value and its
/// documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub field: &'static str,
    pub values: Vec<(Value, Vec<String>)>,
}

/// The merged fields of an event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub date: Option<Sourced<DateValue>>,
    pub place: Option<Sourced<Place>>,
    pub count: Option<Sourced<CountValue>>,
    pub killed: Option<Sourced<u64>>,
    pub injured: Option<Sourced<u64>>,
    pub agents: Vec<Party>,
    pub targets: Vec<Party>,
    pub reason: Option<String>,
    pub modality: Modality,
    pub conflicts: Vec<Conflict>,
}

/// Values reported for one field: each distinct value with its documents,
/// in order of first report.
struct Ballot<T> {
    groups: Vec<(T, Vec<String>)>,
}

impl<T: Clone> Ballot<T> {
    fn new() -> Self {
        Ballot { groups: Vec::new() }
    }

    fn add(&mut self, value: T, doc: &str, same: impl Fn(&T, &T) -> bool) {
        match self.groups.iter_mut().find(|(v, _)| same(v, &value)) {
            Some((_, docs)) => {
                if !docs.iter().any(|d| d == doc) {
                    docs.push(doc.to_string());
                }
            }
            None => self.groups.push((value, vec![doc.to_string()])),
        }
    }

    /// The value most documents report; ties go to the smaller `specificity`
    /// and then to the earlier report.
    fn winner<K: Ord>(&self, specificity: impl Fn(&T) -> K) -> Option<Sourced<T>> {
        let mut best: Option<&(T, Vec<String>)> = None;
        for g in &self.groups {
            best = match best {
                None => Some(g),
                Some(b) => {
                    let better = g.1.len() > b.1.len()
                        || (g.1.len() == b.1.len() && specificity(&g.0) < specificity(&b.0));
                    Some(if better { g } else { b })
                }
            };
        }
        best.map(|(v, docs)| Sourced {
            value: v.clone(),
            docs: docs.clone(),
        })
    }

    /// A conflict listing every value, when two of them disagree.
    fn conflict(
        &self,
        field: &'static str,
        disagree: impl Fn(&T, &T) -> bool,
        to_json: impl Fn(&T) -> Value,
    ) -> Option<Conflict> {
        let g = &self.groups;
        let any = (0..g.len()).any(|i| (i + 1..g.len()).any(|j| disagree(&g[i].0, &g[j].0)));
        any.then(|| Conflict {
            field,
            values: g.iter().map(|(v, d)| (to_json(v), d.clone())).collect(),
        })
    }
}

pub fn date_json(d: &DateValue) -> Value {
    json!({"start": d.start.to_string(), "end": d.end.to_string(), "precision": d.precision.as_str()})
}

pub fn count_json(c: &CountValue) -> Value {
    json!({"min": c.min, "max": c.max, "text": c.text})
}

pub fn place_json(p: &Place) -> Value {
    json!({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon})
}

/// How large a figure is, for picking an article's largest: by its floor, then by its ceiling,
/// where an open bound is the largest ceiling. "at least 200" says more than "hundreds" does
/// of the same people, so it is the article's figure.
fn figure_size(min: Option<u64>, max: Option<u64>) -> (Option<u64>, u64) {
    (min, max.unwrap_or(u64::MAX))
}

fn counts_disagree(a: &CountValue, b: &CountValue) -> bool {
    if (a.min, a.max) == (b.min, b.max) {
        return false;
    }
    // A running total told later and no smaller is the same tally grown: "more than 1,200
    // since the curfew began" on Monday, "more than 2,500 since mid-July" a week on.
    if let (Some(da), Some(db)) = (a.as_of, b.as_of) {
        let (earlier, later) = if da <= db { (a, b) } else { (b, a) };
        if da != db && later.min.unwrap_or(0) >= earlier.min.unwrap_or(0) {
            return false;
        }
    }
    // Two round figures that name different numbers disagree even when one's margin holds the
    // other ("some 1,400" against "1,386"; "about 500" against "about 550"): each outlet gave
    // its own number, and the reader must see both.
    if let (Some(x), Some(y)) = (stated_number(a), stated_number(b)) {
        if x != y {
            return true;
        }
    }
    // A bounded vague range that holds the other figure is no contradiction
    // ("dozens" and "40"; "between 30 and 40" and "35").
    let holds = |outer: &CountValue, inner: &CountValue| {
        outer.max.is_some()
            && outer.min != outer.max
            && outer.min.unwrap_or(0) <= inner.min.unwrap_or(0)
            && inner
                .max
                .is_some_and(|m| m <= outer.max.unwrap_or(u64::MAX))
    };
    !(holds(a, b) || holds(b, a))
}

/// The one number a figure's text states, when it states exactly one and the figure is that
/// number or a margin around it ("some 1,400" is 1,400; "about seven hundred" is 700). `None`
/// for figures in words that name no number ("dozens", "hundreds"), for explicit ranges
/// ("between 30 and 40"), for open bounds ("more than 300", whose number is a floor and not an
/// estimate), and for texts with more than one figure. The quantity parser reads the number, as
/// it read the figure.
fn stated_number(c: &CountValue) -> Option<u64> {
    let (min, max) = (c.min?, c.max?);
    let found = storyline_quantity::find_quantities(&c.text);
    let [q] = found.as_slice() else {
        return None;
    };
    let number = storyline_quantity::parse_quantity(c.text.get(q.number.clone())?)?;
    let n = number.min.filter(|&n| number.max == Some(n))?;
    // "more than 300" is stored from 301 up: its number sits outside the figure.
    (min <= n && n <= max && (min == max || (min < n && n < max))).then_some(n)
}

fn places_agree(a: &Place, b: &Place) -> bool {
    let (x, y) = (normalize_name(&a.name), normalize_name(&b.name));
    // A country holds its own places and any place the gazetteer cannot put elsewhere (a
    // campus or a street it does not know).
    let holds = |outer: &Place, inner: &Place| {
        outer.is_country
            && outer.country.is_some()
            && (inner.country.is_none() || outer.country == inner.country)
    };
    x == y || contains_words(&x, &y) || contains_words(&y, &x) || holds(a, b) || holds(b, a)
}

/// Merges the fields of an event's reports.
pub fn merge(inputs: &[Input<'_>], reports: &[ReportFacts]) -> Merged {
    let mut dates = Ballot::new();
    let mut counts = Ballot::new();
    let mut places = Ballot::new();
    let mut killed = Ballot::new();
    let mut injured = Ballot::new();
    let mut agent_sets: Ballot<Vec<(String, Option<String>)>> = Ballot::new();
    let mut reasons: Ballot<String> = Ballot::new();
    let mut modalities = Vec::new();
    let mut agents: Vec<Party> = Vec::new();
    let mut targets: Vec<Party> = Vec::new();

    // One outlet's figure for a happening is the largest it gives: a smaller one in the same
    // article counts a part ("two of them were army officers") or another act the linker
    // joined, not a rival estimate.
    let mut largest: HashMap<&str, (Option<u64>, Option<u64>)> = HashMap::new();
    for r in reports {
        let m = &inputs[r.at.doc].analysis.events[r.at.mention];
        if let Some(c) = m.count.as_ref().filter(|_| !m.figures_in_part) {
            let slot = largest.entry(r.doc_id.as_str()).or_insert((c.min, c.max));
            if figure_size(c.min, c.max) > figure_size(slot.0, slot.1) {
                *slot = (c.min, c.max);
            }
        }
    }
    for r in reports {
        let input = &inputs[r.at.doc];
        let m = &input.analysis.events[r.at.mention];
        let doc = r.doc_id.as_str();
        modalities.push(m.modality);
        if let Some(d) = &m.date {
            let v = DateValue {
                start: d.start,
                end: d.end,
                precision: d.precision,
            };
            dates.add(v, doc, |a, b| a == b);
        }
        // A figure given for a part of the happening is no figure of it, nor a rival.
        let (count, killed_here, injured_here) = if m.figures_in_part {
            (None, None, None)
        } else {
            (m.count.as_ref(), m.killed, m.injured)
        };
        if let Some(c) = count.filter(|c| largest.get(doc) == Some(&(c.min, c.max))) {
            let v = CountValue {
                min: c.min,
                max: c.max,
                text: c.span.of(&input.doc.text).to_string(),
                as_of: input.doc.published.filter(|_| m.running_total),
            };
            counts.add(v, doc, |a, b| (a.min, a.max) == (b.min, b.max));
        }
        if let Some(p) = &r.place {
            places.add(p.clone(), doc, places_agree);
        }
        if let Some(k) = killed_here {
            killed.add(k, doc, |a, b| a == b);
        }
        if let Some(k) = injured_here {
            injured.add(k, doc, |a, b| a == b);
        }
        if let Some(reason) = &m.reason {
            reasons.add(reason.text.clone(), doc, |a, b| a == b);
        }
        let mut resolved: Vec<(String, Option<String>)> = r
            .agents
            .iter()
            .filter_map(|p| Some((p.entity.clone()?, p.country.clone())))
            .collect();
        resolved.sort();
        resolved.dedup();
        if !resolved.is_empty() {
            agent_sets.add(resolved, doc, |a, b| a == b);
        }
        add_parties(&mut agents, &r.agents);
        add_parties(&mut targets, &r.targets);
    }

    let mut conflicts = Vec::new();
    conflicts.extend(counts.conflict("count", counts_disagree, count_json));
    conflicts.extend(dates.conflict("date", |a, b| a.end < b.start || b.end < a.start, date_json));
    conflicts.extend(places.conflict("place", |a, b| !places_agree(a, b), place_json));
    conflicts.extend(killed.conflict("killed", |a, b| a != b, |v| json!(v)));
    conflicts.extend(injured.conflict("injured", |a, b| a != b, |v| json!(v)));
    conflicts.extend(agent_sets.conflict(
        "agents",
        |a, b| !a.iter().any(|x| b.iter().any(|y| one_actor(x, y))),
        |ids| {
            let names: Vec<&str> = ids
                .iter()
                .filter_map(|(id, _)| {
                    agents
                        .iter()
                        .find(|p| p.entity.as_deref() == Some(id))
                        .map(|p| p.name.as_str())
                })
                .collect();
            json!(names)
        },
    ));

    Merged {
        date: dates.winner(|d| (d.end.day_number() - d.start.day_number(), d.start)),
        place: places.winner(|p| std::cmp::Reverse(p.country.is_some())),
        count: counts.winner(|c| {
            (
                c.max.is_none(),
                c.max.unwrap_or(u64::MAX) - c.min.unwrap_or(0),
            )
        }),
        killed: killed.winner(|_| 0),
        injured: injured.winner(|_| 0),
        agents,
        targets,
        reason: reasons.winner(|_| 0).map(|s| s.value),
        modality: merged_modality(&modalities),
        conflicts,
    }
}

/// Whether two resolved agents (entity id, country it belongs to) can be one
/// actor: the same entity, or a state and one of its bodies ("Moscow" as
/// Russia's government and "Russia's foreign ministry").
fn one_actor(a: &(String, Option<String>), b: &(String, Option<String>)) -> bool {
    a.0 == b.0 || a.1.as_ref() == Some(&b.0) || b.1.as_ref() == Some(&a.0)
}

/// One party per entity (or per name when unresolved), in report order.
fn add_parties(into: &mut Vec<Party>, from: &[Party]) {
    for p in from {
        let dup = into.iter().any(|q| match (&q.entity, &p.entity) {
            (Some(a), Some(b)) => a == b,
            _ => normalize_name(&q.name) == normalize_name(&p.name),
        });
        if !dup {
            into.push(p.clone());
        }
    }
}

/// The event's modality from its reports': a denial or doubt anywhere makes
/// it disputed; it is asserted when some report states it, alleged when all
/// that mention it only credit a claim; planned or negated only when every
/// report says so.
pub fn merged_modality(ms: &[Modality]) -> Modality {
    let all = |m: Modality| !ms.is_empty() && ms.iter().all(|&x| x == m);
    if all(Modality::Negated) {
        Modality::Negated
    } else if all(Modality::Planned) {
        Modality::Planned
    } else if ms.contains(&Modality::Disputed) {
        Modality::Disputed
    } else if ms.contains(&Modality::Asserted) {
        Modality::Asserted
    } else if ms.contains(&Modality::Alleged) {
        Modality::Alleged
    } else {
        ms.first().copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(min: u64, max: Option<u64>, as_of: Option<(u8, u8)>) -> CountValue {
        CountValue {
            min: Some(min),
            max,
            text: String::new(),
            as_of: as_of.map(|(m, d)| Date::new(2024, m, d).unwrap()),
        }
    }

    #[test]
    fn a_running_total_grown_by_a_later_report_is_no_conflict() {
        let monday = count(1201, None, Some((7, 22)));
        let week_on = count(2501, None, Some((7, 29)));
        assert!(!counts_disagree(&monday, &week_on));
        assert!(!counts_disagree(&week_on, &monday));
        // Smaller a week on, or two totals told the same day, are rival figures.
        let shrunk = count(900, None, Some((7, 29)));
        assert!(counts_disagree(&monday, &shrunk));
        let rival = count(4001, None, Some((7, 29)));
        assert!(counts_disagree(&week_on, &rival));
        // Figures not told as running totals keep disagreeing.
        assert!(counts_disagree(
            &count(23, Some(23), None),
            &count(31, Some(31), Some((7, 29)))
        ));
    }

    fn stated(min: u64, max: u64, text: &str) -> CountValue {
        CountValue {
            min: Some(min),
            max: Some(max),
            text: text.to_string(),
            as_of: None,
        }
    }

    #[test]
    fn an_open_bound_is_larger_than_a_range_with_its_floor() {
        // "hundreds" (200 to 999) against "at least 200" in one article.
        assert!(figure_size(Some(200), None) > figure_size(Some(200), Some(999)));
        assert!(figure_size(Some(201), Some(250)) > figure_size(Some(200), None));
    }

    #[test]
    fn round_figures_naming_different_numbers_disagree() {
        let some = stated(1260, 1540, "some 1,400");
        let exact = stated(1386, 1386, "1,386");
        assert!(counts_disagree(&some, &exact));
        assert!(counts_disagree(&exact, &some));
        // A number written in words is read as one.
        let words = stated(630, 770, "about seven hundred");
        assert!(counts_disagree(&words, &stated(712, 712, "712")));
        // The same number, in whatever words, is one figure.
        assert!(!counts_disagree(&some, &stated(1400, 1400, "1,400")));
        // A figure in words, or an explicit range, that holds the number is no contradiction.
        let dozens = stated(24, 99, "dozens of");
        assert!(!counts_disagree(&dozens, &stated(40, 40, "40")));
        let range = stated(30, 40, "between 30 and 40");
        assert!(!counts_disagree(&range, &stated(35, 35, "35")));
    }

    fn place(name: &str, country: Option<&str>, is_country: bool) -> Place {
        Place {
            name: name.to_string(),
            country: country.map(str::to_string),
            lat: None,
            lon: None,
            is_country,
            region: None,
        }
    }

    #[test]
    fn a_country_holds_its_places_and_unknown_ones() {
        let bangladesh = place("Bangladesh", Some("BD"), true);
        let rangpur = place("Rangpur", Some("BD"), false);
        let campus = place("Begum Rokeya University", None, false);
        let kolkata = place("Kolkata", Some("IN"), false);
        assert!(places_agree(&bangladesh, &rangpur));
        assert!(places_agree(&campus, &bangladesh));
        assert!(!places_agree(&bangladesh, &kolkata));
        // Two cities of one country are two places.
        assert!(!places_agree(&rangpur, &place("Dhaka", Some("BD"), false)));
    }
}
