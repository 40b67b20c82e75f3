//! The text views of a storyline: the timeline, one entity, the conflicts.
//!
//! Views return plain lines; the caller escapes them for the terminal
//! (article text is untrusted).

use crate::merge::{Conflict, DateValue};
use crate::terms::{contains_words, normalize_name};
use crate::{Event, Input};
use serde_json::Value;
use std::collections::BTreeMap;
use storyline_model::event::{DatePrecision, EventType};
use storyline_model::taxonomy;
use storyline_model::Date;

/// Which events a timeline shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub kind: Option<TypeFilter>,
    /// Entity ids to match against the events' parties (an event matches
    /// when one of them takes part), plus the name as typed, matched
    /// against unresolved party names.
    pub entity: Option<(Vec<String>, String)>,
    /// A place name, matched against the event's places.
    pub place: Option<String>,
}

/// An event type to show: one type (a family or a finer type, "raid" among the arrests),
/// or `other`, every happening the export writes as `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeFilter {
    Kind(EventType),
    Other,
}

impl TypeFilter {
    /// A type code as the export or the taxonomy writes it.
    pub fn parse(code: &str) -> Option<TypeFilter> {
        if code == "other" {
            return Some(TypeFilter::Other);
        }
        EventType::parse(code).map(TypeFilter::Kind)
    }

    fn accepts(self, e: &Event) -> bool {
        match self {
            TypeFilter::Kind(kind) => e.kind == kind || e.subtypes.contains(&kind),
            TypeFilter::Other => taxonomy::export_name(e.kind) == "other",
        }
    }
}

impl Filter {
    pub fn accepts(&self, e: &Event) -> bool {
        let date = e.merged.date.as_ref().map(|d| d.value);
        if let Some(from) = self.from {
            if date.is_none_or(|d| d.end < from) {
                return false;
            }
        }
        if let Some(to) = self.to {
            if date.is_none_or(|d| d.start > to) {
                return false;
            }
        }
        if let Some(kind) = self.kind {
            if !kind.accepts(e) {
                return false;
            }
        }
        if let Some((ids, name)) = &self.entity {
            let wanted = normalize_name(name);
            let hit = e.reports.iter().any(|r| {
                r.agents.iter().chain(&r.targets).any(|p| match &p.entity {
                    Some(id) => ids.contains(id),
                    None => contains_words(&normalize_name(&p.name), &wanted),
                })
            });
            if !hit {
                return false;
            }
        }
        if let Some(place) = &self.place {
            let wanted = normalize_name(place);
            let hit = e.reports.iter().any(|r| {
                r.place
                    .as_ref()
                    .is_some_and(|p| contains_words(&normalize_name(&p.name), &wanted))
            });
            if !hit {
                return false;
            }
        }
        true
    }
}

/// "2025-03-03", "2025-03 (month)", "2025-03-03..2025-03-09 (week)".
pub fn show_date(d: Option<&DateValue>) -> String {
    let Some(d) = d else {
        return "undated".to_string();
    };
    match d.precision {
        DatePrecision::Day => d.start.to_string(),
        DatePrecision::Month => format!("{:04}-{:02} (month)", d.start.year, d.start.month),
        DatePrecision::Year => format!("{:04} (year)", d.start.year),
        p => format!("{}..{} ({})", d.start, d.end, p.as_str()),
    }
}

/// "12", "more than 300", "12–14".
fn show_count(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}-{b}"),
        (Some(a), None) => format!("{a}+"),
        (None, Some(b)) => format!("up to {b}"),
        (None, None) => "?".to_string(),
    }
}

/// A short what-happened: "agents trigger targets" from the first report
/// that has a party, with the merged place.
pub fn summary(inputs: &[Input<'_>], e: &Event) -> String {
    let first = e
        .reports
        .iter()
        .find(|r| !r.agents.is_empty() || !r.targets.is_empty())
        .unwrap_or(&e.reports[0]);
    let input = &inputs[first.at.doc];
    let m = &input.analysis.events[first.at.mention];
    let mut parts = Vec::new();
    if let Some(a) = first.agents.first() {
        parts.push(a.name.clone());
    }
    let text = &input.doc.text;
    // A target soon after the trigger is shown with the words between ("threw stones at the
    // embassy"): the bare target can read as the object ("threw the embassy").
    // (`get` is `None` for a target before the trigger.)
    let joined = m.targets.first().and_then(|t| {
        let gap = text.get(m.trigger.end..t.span.start)?;
        (gap.len() <= 40 && !gap.contains(['.', ';', '\n']))
            .then(|| text.get(m.trigger.start..t.span.end))
            .flatten()
    });
    let targets: Vec<&str> = first.targets.iter().map(|p| p.name.as_str()).collect();
    match joined {
        Some(phrase) if targets.len() > 1 => {
            parts.push(format!("{phrase}, {}", targets[1..].join(", ")))
        }
        Some(phrase) => parts.push(phrase.to_string()),
        // A target written before its trigger ("The suspects ... were detained") keeps the
        // text's order: "The suspects detained", not "detained The suspects".
        None if first.agents.is_empty()
            && m.targets
                .first()
                .is_some_and(|t| t.span.end <= m.trigger.start) =>
        {
            parts.push(targets.join(", "));
            parts.push(m.trigger.of(text).to_string());
        }
        None => {
            parts.push(m.trigger.of(text).to_string());
            if !targets.is_empty() {
                parts.push(targets.join(", "));
            }
        }
    }
    if let Some(p) = &e.merged.place {
        parts.push(format!("in {}", p.value.name));
    }
    let s = parts.join(" ");
    shorten(&s, 90)
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars - 1).collect();
    format!("{cut}…")
}

/// One line per event in date order (undated last): date, type, what
/// happened, count, number of sources, and `!` plus the fields in conflict.
pub fn timeline(inputs: &[Input<'_>], events: &[Event], filter: &Filter) -> Vec<String> {
    let mut shown: Vec<&Event> = events.iter().filter(|e| filter.accepts(e)).collect();
    shown.sort_by_key(|e| {
        let d = e.merged.date.as_ref().map(|d| d.value);
        (d.is_none(), d.map(|d| d.start), d.map(|d| d.end))
    });
    shown
        .into_iter()
        .map(|e| {
            let m = &e.merged;
            let mut line = format!(
                "{:<24} {:<13} {}",
                show_date(m.date.as_ref().map(|d| &d.value)),
                e.kind.as_str(),
                summary(inputs, e)
            );
            if let Some(c) = &m.count {
                line.push_str(&format!(
                    " | count {}",
                    show_count(c.value.min, c.value.max)
                ));
            }
            if let Some(k) = &m.killed {
                line.push_str(&format!(" | killed {}", k.value));
            }
            if let Some(k) = &m.injured {
                line.push_str(&format!(" | injured {}", k.value));
            }
            if m.modality != storyline_model::event::Modality::Asserted {
                line.push_str(&format!(" | {}", m.modality.as_str()));
            }
            let sources = e.doc_ids().len();
            line.push_str(&format!(
                " | {sources} source{}",
                if sources == 1 { "" } else { "s" }
            ));
            if !m.conflicts.is_empty() {
                let fields: Vec<&str> = m.conflicts.iter().map(|c| c.field).collect();
                line.push_str(&format!(" | ! {}", fields.join(", ")));
            }
            line
        })
        .collect()
}

/// How a document is named in the views: its outlet and date, else its id.
pub fn doc_label(inputs: &[Input<'_>], id: &str) -> String {
    match inputs.iter().find(|i| i.doc.id == id) {
        Some(i) => format!(
            "{} {}",
            i.doc.outlet.as_deref().unwrap_or(&i.doc.source),
            i.doc
                .published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into())
        ),
        None => id.to_string(),
    }
}

fn show_value(v: &Value) -> String {
    match v {
        Value::Object(o) if o.contains_key("min") => {
            let text = o.get("text").and_then(Value::as_str).unwrap_or("");
            format!(
                "{} (\"{}\")",
                show_count(
                    o.get("min").and_then(Value::as_u64),
                    o.get("max").and_then(Value::as_u64)
                ),
                text
            )
        }
        Value::Object(o) if o.contains_key("precision") => {
            let get = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
            format!("{}..{} ({})", get("start"), get("end"), get("precision"))
        }
        Value::Object(o) if o.contains_key("name") => o
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// Every event whose reports disagree, each conflict with its values and the
/// documents behind them.
pub fn conflicts(inputs: &[Input<'_>], events: &[Event]) -> Vec<String> {
    let mut out = Vec::new();
    for e in events.iter().filter(|e| !e.merged.conflicts.is_empty()) {
        out.push(format!(
            "{} {} {} ({} reports, event {})",
            show_date(e.merged.date.as_ref().map(|d| &d.value)),
            e.kind.as_str(),
            summary(inputs, e),
            e.reports.len(),
            e.id
        ));
        for Conflict { field, values } in &e.merged.conflicts {
            out.push(format!("  {field}:"));
            for (v, docs) in values {
                let who: Vec<String> = docs.iter().map(|d| doc_label(inputs, d)).collect();
                out.push(format!("    {}  <- {}", show_value(v), who.join("; ")));
            }
        }
    }
    out
}

/// What the entity view shows about one entity.
#[derive(Debug, Clone)]
pub struct EntityCard {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub docs: Vec<String>,
    pub mentions: usize,
}

/// An entity: aliases, its events (as in the timeline), co-actors (other
/// resolved parties of those events, by number of shared events) and the
/// sources that mention it.
pub fn entity(
    inputs: &[Input<'_>],
    events: &[Event],
    card: &EntityCard,
    names: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut out = vec![
        format!("{} ({}, {} mentions)", card.name, card.kind, card.mentions),
        format!("  aliases: {}", card.aliases.join(", ")),
    ];
    let filter = Filter {
        entity: Some((vec![card.id.clone()], card.name.clone())),
        ..Filter::default()
    };
    let own: Vec<Event> = events
        .iter()
        .filter(|e| filter.accepts(e))
        .cloned()
        .collect();
    out.push(format!("  events ({}):", own.len()));
    for line in timeline(inputs, &own, &Filter::default()) {
        out.push(format!("    {line}"));
    }
    let mut co: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &own {
        let mut ids: Vec<&str> = e
            .reports
            .iter()
            .flat_map(|r| r.agents.iter().chain(&r.targets))
            .filter_map(|p| p.entity.as_deref())
            .filter(|id| *id != card.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            *co.entry(id).or_default() += 1;
        }
    }
    let mut co: Vec<(&str, usize)> = co.into_iter().collect();
    co.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if !co.is_empty() {
        let shown: Vec<String> = co
            .iter()
            .take(12)
            .map(|(id, n)| format!("{} ({n})", names.get(*id).map_or(*id, String::as_str)))
            .collect();
        out.push(format!("  co-actors: {}", shown.join(", ")));
    }
    let mut sources: Vec<String> = card.docs.iter().map(|d| doc_label(inputs, d)).collect();
    sources.sort();
    out.push(format!("  sources ({}):", sources.len()));
    for s in sources {
        out.push(format!("    {s}"));
    }
    out
}
