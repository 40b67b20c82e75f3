//! One storyline from many reports.
//!
//! Input: every stored document with its [`Analysis`] (event mentions,
//! quotes, entity mentions). Output: [`Event`]s, one per real-world
//! happening, each holding every report of it, its fields merged from the
//! reports with the documents behind each value (provenance), and the fields
//! on which the reports disagree (conflicts). Nothing is silently
//! overwritten: a value that loses the merge is still listed as a conflict.
//!
//! The stages this crate stands on are plugged in through [`Resolver`]:
//! which resolved entity an argument names, and where a place argument is.
//! Linking itself is `storyline-link`; this crate turns mentions into link
//! mentions, merges the clusters, infers missing publication dates
//! ([`infer_publication_dates`]), writes the contract's `events.jsonl` lines
//! ([`json`]) and renders the text views ([`views`]).

pub mod json;
pub mod merge;
pub mod terms;
pub mod views;

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use storyline_link::{Mention as LinkMention, Params, PlaceKey};
use storyline_model::event::{Analysis, Argument, EventMention, EventType};
use storyline_model::taxonomy::contract_type;
use storyline_model::{Date, Document, PublishedFrom, Span};

/// One document and what the linguistic stages found in it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
}

/// A resolved entity an argument names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EntityRef {
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// The id of the country entity it belongs to as a state body
    /// ("Russia's foreign ministry" belongs to Russia).
    pub country: Option<String>,
    /// Whether it is a person (type `PER`).
    pub person: bool,
}

/// A geocoded (or at least named) place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The place is a whole country ("Bangladesh"), so it holds every place in it: a report
    /// set there and one set in one of its cities do not disagree.
    #[serde(skip)]
    pub is_country: bool,
    /// The first-order division the place is in, or is ("Punjab" for Lahore and for Punjab):
    /// tallies from two divisions of one country are two tallies, not rival figures.
    #[serde(skip)]
    pub region: Option<String>,
}

/// What the story needs from entity resolution and geocoding.
pub trait Resolver {
    /// The entity named inside `span` of document `doc` (index into the
    /// inputs), if any.
    fn entity(&self, doc: usize, span: Span) -> Option<EntityRef>;
    /// Where a place argument of document `doc` is. Unknown places still
    /// get their name (country and coordinates `None`).
    fn place(&self, doc: usize, place: &Argument) -> Place;
}

/// A resolver that knows nothing: entities unresolved, places by name only.
pub struct NoResolver;

impl Resolver for NoResolver {
    fn entity(&self, _doc: usize, _span: Span) -> Option<EntityRef> {
        None
    }
    fn place(&self, _doc: usize, place: &Argument) -> Place {
        Place {
            name: place.text.clone(),
            country: None,
            lat: None,
            lon: None,
            is_country: false,
            region: None,
        }
    }
}

/// One report of an event: mention `mention` of input `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportRef {
    pub doc: usize,
    pub mention: usize,
}

/// A participant of a merged event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Party {
    pub name: String,
    pub entity: Option<String>,
    /// The country entity the party's entity belongs to, if any
    /// ([`EntityRef::country`]).
    #[serde(skip)]
    pub country: Option<String>,
    /// Whether the party is a resolved person.
    #[serde(skip)]
    pub person: bool,
}

/// What one report says about an event, resolved: the unit of merging.
#[derive(Debug, Clone)]
pub struct ReportFacts {
    pub at: ReportRef,
    pub doc_id: String,
    pub place: Option<Place>,
    pub agents: Vec<Party>,
    pub targets: Vec<Party>,
}

/// A real-world happening and every report of it.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable id: a digest of its earliest report (document id and trigger
    /// offset).
    pub id: String,
    /// The contract type.
    pub kind: EventType,
    /// The finer types its reports use (e.g. `raid` under `arrest`).
    pub subtypes: Vec<EventType>,
    pub reports: Vec<ReportFacts>,
    pub merged: merge::Merged,
}

impl Event {
    /// The reports' documents, deduplicated, in report order.
    pub fn doc_ids(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for r in &self.reports {
            if !seen.contains(&r.doc_id.as_str()) {
                seen.push(r.doc_id.as_str());
            }
        }
        seen
    }
}

/// The linked storyline.
#[derive(Debug, Clone, Default)]
pub struct Story {
    pub events: Vec<Event>,
    pub link_stats: storyline_link::Stats,
}

/// Every event mention of the inputs, resolved, and its linking view (for
/// [`build`] and for training the linker).
pub fn link_mentions(
    inputs: &[Input<'_>],
    resolver: &dyn Resolver,
) -> (Vec<ReportFacts>, Vec<LinkMention>) {
    let mut refs = Vec::new();
    let mut facts = Vec::new();
    for (d, input) in inputs.iter().enumerate() {
        for (m, mention) in input.analysis.events.iter().enumerate() {
            let at = ReportRef { doc: d, mention: m };
            refs.push(at);
            facts.push(report_facts(at, input, mention, resolver));
        }
    }
    let vocabulary = terms::Vocabulary::build(inputs, &refs);
    let quotations: Vec<Vec<Span>> = inputs
        .iter()
        .map(|i| storyline_model::quotation_spans(&i.doc.text))
        .collect();
    let link_mentions = refs
        .iter()
        .zip(&facts)
        .map(|(at, f)| link_mention(inputs, *at, f, &vocabulary, &quotations[at.doc]))
        .collect();
    (facts, link_mentions)
}

/// Links the event mentions of all inputs into events.
pub fn build(inputs: &[Input<'_>], resolver: &dyn Resolver, params: &Params) -> Story {
    let (facts, link_mentions) = link_mentions(inputs, resolver);
    let (clusters, link_stats) = storyline_link::link(&link_mentions, params);

    let mut events: Vec<Event> = clusters
        .into_iter()
        .map(|members| {
            let mut reports: Vec<ReportFacts> = members.iter().map(|&i| facts[i].clone()).collect();
            reports.sort_by(|a, b| {
                let key = |r: &ReportFacts| {
                    let input = &inputs[r.at.doc];
                    (
                        input.doc.published.is_none(),
                        input.doc.published,
                        r.doc_id.clone(),
                        input.analysis.events[r.at.mention].trigger.start,
                    )
                };
                key(a).cmp(&key(b))
            });
            let first = &reports[0];
            let first_mention = &inputs[first.at.doc].analysis.events[first.at.mention];
            let digest = Sha256::digest(
                format!("event:{}:{}", first.doc_id, first_mention.trigger.start).as_bytes(),
            );
            let id: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
            let mut subtypes: Vec<EventType> = reports
                .iter()
                .map(|r| inputs[r.at.doc].analysis.events[r.at.mention].kind)
                .collect();
            subtypes.sort();
            subtypes.dedup();
            let merged = merge::merge(inputs, &reports);
            let kind = told_family(inputs, &reports, contract_type(first_mention.kind));
            Event {
                id,
                kind,
                subtypes,
                reports,
                merged,
            }
        })
        .collect();
    events.sort_by(|a, b| {
        let start = |e: &Event| e.merged.date.as_ref().map(|d| d.value.start);
        (start(a), &a.id).cmp(&(start(b), &b.id))
    });
    Story { events, link_stats }
}

/// The type family of an event. Reports of one event share a family, except a killing joined
/// to the attack that caused it: the family most documents tell it as, `first` (the first
/// report's) on a tie.
fn told_family(inputs: &[Input<'_>], reports: &[ReportFacts], first: EventType) -> EventType {
    let mut docs_by_family: BTreeMap<EventType, BTreeSet<&str>> = BTreeMap::new();
    for r in reports {
        let family = contract_type(inputs[r.at.doc].analysis.events[r.at.mention].kind);
        docs_by_family
            .entry(family)
            .or_default()
            .insert(r.doc_id.as_str());
    }
    let votes = |family: &EventType| docs_by_family.get(family).map_or(0, BTreeSet::len);
    let first_votes = votes(&first);
    docs_by_family
        .keys()
        .filter(|f| votes(f) > first_votes)
        .max_by_key(|f| votes(f))
        .copied()
        .unwrap_or(first)
}

fn report_facts(
    at: ReportRef,
    input: &Input<'_>,
    mention: &EventMention,
    resolver: &dyn Resolver,
) -> ReportFacts {
    let parties = |args: &[Argument]| -> Vec<Party> {
        args.iter()
            .map(|a| match resolver.entity(at.doc, a.span) {
                Some(e) => Party {
                    name: a.text.clone(),
                    entity: Some(e.id),
                    country: e.country,
                    person: e.person,
                },
                None => Party {
                    name: a.text.clone(),
                    entity: None,
                    country: None,
                    person: false,
                },
            })
            .collect()
    };
    ReportFacts {
        at,
        doc_id: input.doc.id.clone(),
        place: mention.place.as_ref().map(|p| resolver.place(at.doc, p)),
        agents: parties(&mention.agents),
        targets: parties(&mention.targets),
    }
}

/// A participant key: the resolved entity, else the last capitalised word of
/// a proper-name argument ("Solanek" in "opposition leader Mira Solanek").
fn party_key(p: &Party) -> Option<u64> {
    let key = match &p.entity {
        Some(id) => format!("e:{id}"),
        None => {
            let last = p
                .name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .rfind(|w| !w.is_empty())?;
            if !last.chars().next()?.is_uppercase() || last.chars().all(|c| c.is_uppercase()) {
                return None;
            }
            format!("w:{}", last.to_lowercase())
        }
    };
    Some(hash64(&key))
}

/// Whether an argument's head word is a plural common noun ("members", "supporters of his
/// party", "PTI workers"): the last word before any "of", in lower case, ending in "s" but
/// not "ss" ("witness") or "us".
fn is_plural_common_noun(name: &str) -> bool {
    let head = name.split(" of ").next().unwrap_or(name);
    let Some(word) = head.split_whitespace().last() else {
        return false;
    };
    word.chars().all(|c| c.is_ascii_lowercase())
        && word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
}

fn hash64(s: &str) -> u64 {
    let d = Sha256::digest(s.as_bytes());
    u64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
}

fn link_mention(
    inputs: &[Input<'_>],
    at: ReportRef,
    facts: &ReportFacts,
    vocabulary: &terms::Vocabulary,
    quotations: &[Span],
) -> LinkMention {
    let input = &inputs[at.doc];
    let m = &input.analysis.events[at.mention];
    let family = contract_type(m.kind);
    let keys = |parties: &mut dyn Iterator<Item = &Party>| {
        let mut keys: Vec<u64> = parties.filter_map(party_key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let agents = keys(&mut facts.agents.iter());
    let targets = keys(&mut facts.targets.iter());
    // The people acted on, when the report names every one of them: each target a resolved
    // person, and no figure counting more than they are.
    let named = facts.targets.len();
    let only_named_people = named > 0
        && facts.targets.iter().all(|p| p.person)
        && m.count
            .as_ref()
            .is_none_or(|c| c.max.or(c.min).is_some_and(|n| n <= named as u64));
    let named_people = if only_named_people {
        targets.clone()
    } else {
        Vec::new()
    };
    // Without a figure: "three men were arrested" may be the three another report names,
    // and figures are weighed against each other by the count rules.
    let unnamed_group = m.count.is_none()
        && !facts.targets.is_empty()
        && !facts.targets.iter().any(|p| p.person)
        && facts.targets.iter().any(|p| is_plural_common_noun(&p.name));
    let participants = keys(&mut facts.agents.iter().chain(&facts.targets));
    let place = facts.place.as_ref().map(|p| PlaceKey {
        country: p.country.as_deref().and_then(|c| {
            let b = c.as_bytes();
            (b.len() == 2).then(|| [b[0], b[1]])
        }),
        name: hash64(&terms::normalize_name(&p.name)),
        region: p
            .region
            .as_deref()
            .map(|r| hash64(&terms::normalize_name(r))),
    });
    LinkMention {
        doc: at.doc as u32,
        sentence: m.sentence.start as u32,
        kind: family,
        subtype: m.kind,
        date: m
            .date
            .as_ref()
            .map(|d| storyline_link::report_interval(family, d)),
        date_pad: m
            .date
            .as_ref()
            .map_or(0, |d| storyline_link::report_pad(family, d)),
        published: input.doc.published.map(Date::day_number),
        place,
        participants,
        agents,
        targets,
        named_people,
        unnamed_group,
        site: m
            .site
            .as_ref()
            .map(|s| terms::site_words(s.span.of(&input.doc.text)))
            .unwrap_or_default(),
        count: m.count.as_ref().map(|c| (c.min, c.max)),
        killed: m.killed,
        injured: m.injured,
        modality: m.modality,
        terms: vocabulary.terms_of(&input.doc.text, m),
        context: vocabulary.context_terms_of(&input.doc.text, m),
        names: terms::names_of(&input.doc.text, m),
        repeated: m.repeated,
        quoted: terms::quoted_pairs(&input.doc.text, m.sentence, quotations),
        trigger: terms::trigger_id(m.trigger.of(&input.doc.text)),
        action: terms::action_of(m.kind, m.trigger.of(&input.doc.text)),
        // A date inferred from linked reports is too loose to hold news of
        // the day to.
        recent: m.recent && input.doc.published_from != PublishedFrom::Inferred,
        anaphoric: terms::refers_back(&input.doc.text, m),
        told_by: m.told_on.as_ref().map(|d| storyline_link::widen(d).end),
    }
}

/// Publication dates for undated documents whose reports were linked to
/// events that dated documents also report: the latest such event's date
/// (its end, when known to the week or better), else the earliest
/// publication among the other documents reporting it. News is published
/// after what it reports, so the latest linked event bounds it from below.
///
/// A wire dateline that gives the day but no year ("BISHKEK, Jan 15 (Agency) -") dates its
/// document first: the year is the one that puts that day nearest the publication dates of
/// the dated documents that name the same things (see [`dateline_dates`]).
pub fn infer_publication_dates(inputs: &[Input<'_>], story: &Story) -> Vec<(usize, Date)> {
    let mut best: HashMap<usize, Date> = HashMap::new();
    let month_days = undated_datelines(inputs);
    let from_datelines = dates_of_datelines(inputs, &month_days);
    for event in &story.events {
        let undated: Vec<usize> = event
            .reports
            .iter()
            .map(|r| r.at.doc)
            .filter(|&d| inputs[d].doc.published.is_none())
            .collect();
        if undated.is_empty() {
            continue;
        }
        let dated_docs: Vec<Date> = event
            .reports
            .iter()
            .filter_map(|r| inputs[r.at.doc].doc.published)
            .collect();
        let from_event = event.merged.date.as_ref().and_then(|d| {
            use storyline_model::event::DatePrecision::*;
            matches!(d.value.precision, Day | Week)
                .then_some(d.value.end)
                // Only trust an event date that a dated document backs.
                .filter(|_| !dated_docs.is_empty())
        });
        let candidate = from_event.or_else(|| dated_docs.iter().min().copied());
        if let Some(c) = candidate {
            for d in undated {
                // A dateline's month and day outrank a linked event: the inferred day must be
                // that day ("HONG KONG, Jan 6" is not dated 24 June by a later raid it was
                // wrongly linked with), and its year comes from the event.
                let c = match month_days.get(&d) {
                    Some(&(month, day)) => match nearest_month_day(month, day, &[c.day_number()]) {
                        Some(near) if (near.day_number() - c.day_number()).abs() <= 7 => near,
                        _ => continue,
                    },
                    None => c,
                };
                let slot = best.entry(d).or_insert(c);
                if c > *slot {
                    *slot = c;
                }
            }
        }
    }
    best.extend(from_datelines);
    let mut out: Vec<(usize, Date)> = best.into_iter().collect();
    out.sort();
    out
}

/// Names two documents must share to count as telling one story, for a dateline's year.
const SHARED_NAMES_FOR_YEAR: usize = 2;

/// How far (days) a dateline's day may lie from its neighbours' publication dates.
const DATELINE_YEAR_WINDOW: i64 = 60;

/// Publication dates of undated documents whose wire dateline gives a month and day but no
/// year. The year comes from the dated documents that share at least
/// [`SHARED_NAMES_FOR_YEAR`] entity names with it (the same story): the one that puts the
/// day nearest any of their publication dates, if within [`DATELINE_YEAR_WINDOW`] days.
pub fn dateline_dates(inputs: &[Input<'_>]) -> Vec<(usize, Date)> {
    dates_of_datelines(inputs, &undated_datelines(inputs))
}

/// The undated documents whose text opens with a dateline giving a month and day but no
/// year, with that month and day.
fn undated_datelines(inputs: &[Input<'_>]) -> BTreeMap<usize, (u8, u8)> {
    inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| i.doc.published.is_none())
        .filter_map(|(k, i)| dateline_month_day(&i.doc.text).map(|md| (k, md)))
        .collect()
}

/// [`dateline_dates`] for the documents `partial` lists.
fn dates_of_datelines(
    inputs: &[Input<'_>],
    partial: &BTreeMap<usize, (u8, u8)>,
) -> Vec<(usize, Date)> {
    let names = |input: &Input<'_>| -> HashSet<String> {
        input
            .analysis
            .entities
            .iter()
            .map(|e| e.text.to_lowercase())
            .filter(|t| t.chars().count() >= 3)
            .collect()
    };
    // Most stores have no such document: look for them before gathering any names.
    if partial.is_empty() {
        return Vec::new();
    }
    let dated: Vec<(Date, HashSet<String>)> = inputs
        .iter()
        .filter_map(|i| i.doc.published.map(|d| (d, names(i))))
        .collect();
    let mut out = Vec::new();
    for (&k, &(month, day)) in partial {
        let own = names(&inputs[k]);
        let near: Vec<i64> = dated
            .iter()
            .filter(|(_, n)| n.intersection(&own).count() >= SHARED_NAMES_FOR_YEAR)
            .map(|(d, _)| d.day_number())
            .collect();
        if near.is_empty() {
            continue;
        }
        if let Some(d) = nearest_month_day(month, day, &near) {
            out.push((k, d));
        }
    }
    out
}

/// The day with this month and day nearest to any of `days` (day numbers), if within
/// [`DATELINE_YEAR_WINDOW`] of it. The nearest neighbour, not the median: a story told over
/// months has its first wire copy far from the median of the later coverage.
fn nearest_month_day(month: u8, day: u8, days: &[i64]) -> Option<Date> {
    let distance = |d: &Date| {
        days.iter()
            .map(|n| (d.day_number() - n).abs())
            .min()
            .unwrap_or(i64::MAX)
    };
    days.iter()
        .map(|&n| Date::from_day_number(n).year)
        .flat_map(|y| y - 1..=y + 1)
        .filter_map(|y| Date::new(y, month, day))
        .min_by_key(|d| (distance(d), d.day_number()))
        .filter(|d| distance(d) <= DATELINE_YEAR_WINDOW)
}

/// The month and day of a dateline that opens the text and has no year ("BISHKEK, Jan 15
/// (Steppe News) -").
fn dateline_month_day(text: &str) -> Option<(u8, u8)> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let lead = storyline_model::doc::dateline_lead(line)?;
    match storyline_time::find_dates(lead).as_slice() {
        [only] if only.year.is_none() => Some((only.month, only.day?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
