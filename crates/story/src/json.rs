//! `events.jsonl` lines per the export contract
//! (`../shared/spec/export-format.md`): one line per real-world event with
//! every report, merged fields and conflicts.
//!
//! Beyond the contract's fields (which are never renamed), a line carries
//! `subtype`/`subtypes` (the finer types), `reason`, `sources` (the
//! documents behind each merged value) and, per report, the trigger with
//! its offsets and the report's own place, killed and injured.

use crate::merge::{count_json, date_json, place_json};
use crate::{Event, Input, Party};
use serde_json::{json, Map, Value};
use storyline_model::taxonomy;

fn parties(ps: &[Party]) -> Value {
    ps.iter()
        .map(|p| json!({"name": p.name, "entity": p.entity}))
        .collect()
}

/// The contract line of one event.
pub fn event_line(inputs: &[Input<'_>], event: &Event) -> Value {
    let m = &event.merged;
    let reports: Vec<Value> = event
        .reports
        .iter()
        .map(|r| {
            let input = &inputs[r.at.doc];
            let text = &input.doc.text;
            let e = &input.analysis.events[r.at.mention];
            json!({
                "doc": r.doc_id,
                "sentence": e.sentence.of(text),
                "start": e.sentence.start,
                "end": e.sentence.end,
                "trigger": e.trigger.of(text),
                "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end,
                "type": e.kind.as_str(),
                "date": e.date.map(|d| json!({
                    "start": d.start.to_string(), "end": d.end.to_string(),
                    "precision": d.precision.as_str(), "text": d.span.of(text)})),
                "count": e.count.as_ref().map(|c| json!({
                    "min": c.min, "max": c.max, "text": c.span.of(text)})),
                "place": r.place.as_ref().map(place_json),
                "killed": e.killed,
                "injured": e.injured,
                "agents": parties(&r.agents),
                "targets": parties(&r.targets),
                "attributed_to": e.attributed_to.as_ref().map(|a| a.text.as_str()),
                "modality": e.modality.as_str(),
            })
        })
        .collect();
    let mut sources = Map::new();
    if let Some(d) = &m.date {
        sources.insert("date".into(), json!(d.docs));
    }
    if let Some(p) = &m.place {
        sources.insert("place".into(), json!(p.docs));
    }
    if let Some(c) = &m.count {
        sources.insert("count".into(), json!(c.docs));
    }
    if let Some(k) = &m.killed {
        sources.insert("killed".into(), json!(k.docs));
    }
    if let Some(k) = &m.injured {
        sources.insert("injured".into(), json!(k.docs));
    }
    let conflicts: Vec<Value> = m
        .conflicts
        .iter()
        .map(|c| {
            json!({
                "field": c.field,
                "values": c.values.iter().map(|(v, docs)| json!({"value": v, "docs": docs})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let subtype = event
        .reports
        .first()
        .map(|r| inputs[r.at.doc].analysis.events[r.at.mention].kind)
        .unwrap_or(event.kind);
    json!({
        "v": 1,
        "id": event.id,
        "type": taxonomy::export_name(event.kind),
        "subtype": subtype.as_str(),
        "subtypes": event.subtypes.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "cameo": taxonomy::cameo(event.kind),
        "date": m.date.as_ref().map(|d| date_json(&d.value)),
        "place": m.place.as_ref().map(|p| place_json(&p.value)),
        "agents": parties(&m.agents),
        "targets": parties(&m.targets),
        "count": m.count.as_ref().map(|c| count_json(&c.value)),
        "killed": m.killed.as_ref().map(|k| k.value),
        "injured": m.injured.as_ref().map(|k| k.value),
        "reason": m.reason,
        "modality": m.modality.as_str(),
        "reports": reports,
        "conflicts": conflicts,
        "sources": sources,
    })
}
