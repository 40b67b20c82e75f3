//! `storyline events`, `storyline eval events` and `storyline analyze`.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use storyline_analyze::Analyzer;
use storyline_clean::Cleaner;
use storyline_events::wikievents;
use storyline_model::event::{Analysis, EventMention, EventType};
use storyline_model::{taxonomy, Document, PublishedFrom};
use storyline_store::Store;

use crate::term::shown;

/// Cleans each document of `input` (or takes the text as it is with
/// `raw`), extracts its events and prints them.
pub fn events_of_input(input: &str, raw: bool, dct: Option<&str>, json: bool) -> Result<ExitCode> {
    use storyline_ingest::{expand_inputs, read_input, Item, Limits};
    let analyzer = Analyzer::bundled().map_err(anyhow::Error::msg)?;
    let dct = match dct {
        Some(d) => Some(
            storyline_model::Date::parse_iso(d)
                .with_context(|| format!("--dct {d}: not a YYYY-MM-DD date"))?,
        ),
        None => None,
    };
    let mut docs = Vec::new();
    let mut failed = 0;
    if raw {
        let text = crate::read_text_input(input)?;
        docs.push(Document {
            id: "input".into(),
            source: input.to_owned(),
            text,
            published: dct,
            ..Document::default()
        });
    } else {
        let cleaner = Cleaner::bundled().map_err(anyhow::Error::msg)?;
        let (inputs, failures) = expand_inputs(&[input.to_owned()]);
        for f in failures {
            failed += 1;
            eprintln!("error: {}", shown(&f.to_string()));
        }
        for input in inputs {
            read_input(&input, &Limits::default(), &mut |item| match item {
                Item::Failure(f) => {
                    failed += 1;
                    eprintln!("error: {}", shown(&f.to_string()));
                }
                Item::Record(r) => {
                    let mut doc = cleaner.clean(&r);
                    if dct.is_some() {
                        doc.published = dct;
                    }
                    docs.push(doc);
                }
            });
        }
    }
    let analyses: Vec<_> = docs.iter().map(|d| analyzer.analyze(d)).collect();
    if json {
        // Linked within this input, as the export links across the store.
        let inputs: Vec<storyline_story::Input> = docs
            .iter()
            .zip(&analyses)
            .map(|(doc, analysis)| storyline_story::Input { doc, analysis })
            .collect();
        let story =
            storyline_story::build(&inputs, &storyline_story::NoResolver, &Default::default());
        for e in &story.events {
            println!("{}", storyline_story::json::event_line(&inputs, e));
        }
        return Ok(if failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    for (doc, analysis) in docs.iter().zip(&analyses) {
        println!(
            "== {} ({} events, {} quotes)",
            shown(&doc.source),
            analysis.events.len(),
            analysis.quotes.len()
        );
        for e in &analysis.events {
            println!("{}", describe(&doc.text, e));
        }
        for q in &analysis.quotes {
            println!(
                "quote «{}» — {}",
                shown(q.span.of(&doc.text)),
                shown(q.speaker.as_ref().map_or("?", |s| s.text.as_str()))
            );
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One event on one line, then its sentence.
fn describe(text: &str, e: &EventMention) -> String {
    let mut parts = vec![format!(
        "{} [{}] \"{}\"",
        e.kind.as_str(),
        e.modality.as_str(),
        e.trigger.of(text)
    )];
    let list = |args: &[storyline_model::event::Argument]| {
        args.iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !e.agents.is_empty() {
        parts.push(format!("agents: {}", list(&e.agents)));
    }
    if !e.targets.is_empty() {
        parts.push(format!("targets: {}", list(&e.targets)));
    }
    if let Some(c) = &e.count {
        let bound = |b: Option<u64>| b.map_or("?".to_string(), |n| n.to_string());
        parts.push(format!(
            "count: {}..{} ({})",
            bound(c.min),
            bound(c.max),
            c.span.of(text)
        ));
    }
    if let Some(k) = e.killed {
        parts.push(format!("killed: {k}"));
    }
    if let Some(k) = e.injured {
        parts.push(format!("injured: {k}"));
    }
    if let Some(d) = &e.date {
        parts.push(format!(
            "date: {}..{} {} ({})",
            d.start,
            d.end,
            d.precision.as_str(),
            d.span.of(text)
        ));
    }
    if let Some(p) = &e.place {
        parts.push(format!("place: {}", p.text));
    }
    if let Some(s) = &e.site {
        parts.push(format!("site: {}", s.text));
    }
    if let Some(r) = &e.reason {
        parts.push(format!("reason: {}", r.text));
    }
    if let Some(a) = &e.attributed_to {
        parts.push(format!("source: {}", a.text));
    }
    format!(
        "{}\n    « {} »",
        shown(&parts.join(" | ")),
        shown(e.sentence.of(text))
    )
}

/// Print one score line.
fn line(name: &str, s: &wikievents::Prf) {
    println!(
        "{name:<28} P {:5.1}  R {:5.1}  F1 {:5.1}   ({} correct, {} predicted, {} gold)",
        100.0 * s.precision(),
        100.0 * s.recall(),
        100.0 * s.f1(),
        s.correct,
        s.predicted,
        s.gold
    );
}

/// `storyline eval events --wikievents dev.jsonl [--coref coref/dev.jsonlines]`.
pub fn eval_wikievents(file: &Path, coref: Option<&Path>, verbose: bool) -> Result<ExitCode> {
    let source = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
    let coref = match coref {
        Some(p) => Some(std::fs::read_to_string(p).with_context(|| p.display().to_string())?),
        None => None,
    };
    let (docs, errors) = wikievents::read(&source, coref.as_deref());
    for e in &errors {
        eprintln!("error: {}: {e}", file.display());
    }
    let analyzer = Analyzer::bundled().map_err(anyhow::Error::msg)?;
    let mut predictions = Vec::new();
    for d in &docs {
        let sentences: Vec<Vec<storyline_model::Span>> = d
            .sentences
            .iter()
            .map(|r| d.tokens[r.clone()].to_vec())
            .collect();
        let parsed = analyzer.annotator().annotate_tokens(&d.text, &sentences);
        // WikiEvents documents carry no creation date: relative dates stay open.
        let timexes = storyline_events::Extractor::timexes(&parsed, None);
        predictions.push(analyzer.extractor().extract(&parsed, &timexes, None).events);
    }
    if verbose {
        for (d, preds) in docs.iter().zip(&predictions) {
            wikievents::explain(d, preds, &mut |line| println!("{}", shown(line)));
        }
    }
    let s = wikievents::score(&docs, &predictions);
    println!(
        "{} documents; in scope: arrest, attack, charge, conviction (incl. sentence)",
        docs.len()
    );
    line("trigger identification", &s.trigger_identification);
    line("trigger classification", &s.trigger_classification);
    line("argument identification", &s.argument_identification);
    line("argument classification", &s.argument_classification);
    for (kind, in_scope, prf) in &s.per_class {
        let name = format!(
            "  {}{}",
            kind.as_str(),
            if *in_scope { "" } else { " (not in scope)" }
        );
        line(&name, prf);
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One gold line of `examples/news/gold/events.jsonl`.
#[derive(serde::Deserialize)]
pub struct GoldEvent {
    pub doc_id: String,
    #[serde(rename = "type")]
    kind: String,
    trigger: String,
    sentence: String,
    count: Option<GoldCount>,
    killed: Option<u64>,
    injured: Option<u64>,
    date: Option<GoldDate>,
}

#[derive(serde::Deserialize)]
struct GoldCount {
    min: Option<u64>,
    max: Option<u64>,
}

#[derive(serde::Deserialize)]
struct GoldDate {
    start: String,
    end: String,
}

/// Scores of the sample-corpus comparison.
#[derive(Default)]
struct SampleScores {
    gold: usize,
    found: usize,
    predicted: usize,
    predicted_matched: usize,
    /// (right, gold has it) per field.
    fields: HashMap<&'static str, (usize, usize)>,
}

/// `storyline eval events --gold examples/news/gold/events.jsonl --db DB`:
/// every gold event mention must be found in its sentence with the right
/// type; its count, date, killed and injured figures are compared.
/// Reads the gold event lines of the sample corpus.
pub fn read_gold(gold: &Path) -> Result<Vec<GoldEvent>> {
    let source = std::fs::read_to_string(gold).with_context(|| gold.display().to_string())?;
    let mut lines = Vec::new();
    for (n, l) in source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: GoldEvent =
            serde_json::from_str(l).with_context(|| format!("{}:{}", gold.display(), n + 1))?;
        lines.push(g);
    }
    Ok(lines)
}

/// Every stored document with a fresh analysis by the current extractor
/// (not the stored one, so evaluations see the code as it is now).
pub fn analyze_all(db: &Path) -> Result<Vec<(Document, Analysis)>> {
    analyze_stored(db, false)
}

/// [`analyze_all`], optionally with the publication dates that linking inferred taken away
/// again: what linking sees before it has run.
pub fn analyze_stored(db: &Path, stated_dates_only: bool) -> Result<Vec<(Document, Analysis)>> {
    let store = Store::open(db)?;
    let analyzer = Analyzer::bundled().map_err(anyhow::Error::msg)?;
    let mut docs = Vec::new();
    store.for_each_document(|mut doc| {
        if stated_dates_only && doc.published_from == PublishedFrom::Inferred {
            doc.published = None;
            doc.published_from = PublishedFrom::None;
        }
        let analysis = analyzer.analyze(&doc);
        docs.push((doc, analysis));
        Ok(())
    })?;
    Ok(docs)
}

/// The predicted mention (document index, mention index) each gold line
/// matches: one of the gold type whose trigger lies in the gold sentence,
/// preferring the gold trigger itself; each predicted mention matches at
/// most one gold line.
pub fn match_gold(
    lines: &[GoldEvent],
    docs: &[(Document, Analysis)],
    verbose: bool,
) -> Vec<Option<(usize, usize)>> {
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.id.as_str(), i))
        .collect();
    // Each gold line's document, type and sentence range, or why it has none.
    let places: Vec<Option<(usize, EventType, std::ops::Range<usize>)>> = lines
        .iter()
        .map(|g| {
            let Some(&d) = index.get(g.doc_id.as_str()) else {
                eprintln!("gold document {} is not in the store", g.doc_id);
                return None;
            };
            let Some(kind) = EventType::parse(&g.kind) else {
                eprintln!("unknown gold type {}", g.kind);
                return None;
            };
            // The gold sentence's place in the text; an event is in it when
            // its trigger is (our sentence boundaries may differ from the
            // annotator's).
            let Some(at) = docs[d].0.text.find(g.sentence.trim()) else {
                eprintln!(
                    "gold sentence not in document {}: {}",
                    g.doc_id,
                    shown(&g.sentence)
                );
                return None;
            };
            Some((d, kind, at..at + g.sentence.trim().len()))
        })
        .collect();
    let mut claimed: HashMap<(usize, usize), bool> = HashMap::new();
    let mut out: Vec<Option<(usize, usize)>> = vec![None; lines.len()];
    // Two passes: first every gold line takes a mention with its own
    // trigger, then the rest take any mention of their type in their
    // sentence. In one greedy pass, an earlier line of a sentence with two
    // events could take the mention that is exactly the later line's.
    for own_trigger_only in [true, false] {
        for (i, g) in lines.iter().enumerate() {
            let (Some((d, kind, range)), None) = (&places[i], out[i]) else {
                continue;
            };
            let (doc, analysis) = &docs[*d];
            let same_trigger = |e: &EventMention| {
                let t = e.trigger.of(&doc.text);
                t.contains(g.trigger.as_str()) || g.trigger.contains(t)
            };
            let found = analysis
                .events
                .iter()
                .enumerate()
                .filter(|(k, e)| {
                    taxonomy::contract_type(e.kind) == *kind
                        && range.contains(&e.trigger.start)
                        && e.trigger.end <= range.end
                        && !claimed.contains_key(&(*d, *k))
                        && (!own_trigger_only || same_trigger(e))
                })
                .min_by_key(|(_, e)| usize::from(!same_trigger(e)));
            if let Some((k, _)) = found {
                claimed.insert((*d, k), true);
                out[i] = Some((*d, k));
            }
        }
    }
    if verbose {
        for ((g, m), place) in lines.iter().zip(&out).zip(&places) {
            if m.is_none() && place.is_some() {
                println!(
                    "missed {} \"{}\" in « {} »",
                    g.kind,
                    g.trigger,
                    shown(&g.sentence)
                );
            }
        }
    }
    out
}

pub fn eval_sample(gold: &Path, db: &Path, verbose: bool) -> Result<ExitCode> {
    let lines = read_gold(gold)?;
    let docs = analyze_all(db)?;
    let matches = match_gold(&lines, &docs, verbose);
    let mut s = SampleScores::default();
    let mut claimed: HashMap<(String, usize), bool> = HashMap::new();
    for (g, m) in lines.iter().zip(&matches) {
        s.gold += 1;
        let Some((d, k)) = *m else {
            continue;
        };
        let analysis = &docs[d].1;
        let e = &analysis.events[k];
        s.found += 1;
        claimed.insert((g.doc_id.clone(), k), true);
        let mut field = |name: &'static str, gold_has: bool, right: bool| {
            let entry = s.fields.entry(name).or_default();
            if gold_has {
                entry.1 += 1;
                if right {
                    entry.0 += 1;
                }
            }
        };
        if let Some(c) = &g.count {
            let ok = e
                .count
                .as_ref()
                .is_some_and(|p| p.min == c.min && p.max == c.max);
            field("count", true, ok);
            if !ok && verbose {
                println!(
                    "count {:?}..{:?} expected, got {:?} in « {} »",
                    c.min,
                    c.max,
                    e.count.as_ref().map(|p| (p.min, p.max)),
                    shown(&g.sentence)
                );
            }
        }
        if let Some(d) = &g.date {
            let ok = e
                .date
                .as_ref()
                .is_some_and(|p| p.start.to_string() == d.start && p.end.to_string() == d.end);
            field("date", true, ok);
            if !ok && verbose {
                println!(
                    "date {}..{} expected, got {:?} in « {} »",
                    d.start,
                    d.end,
                    e.date
                        .as_ref()
                        .map(|p| (p.start.to_string(), p.end.to_string())),
                    shown(&g.sentence)
                );
            }
        }
        if let Some(k) = g.killed {
            field("killed", true, e.killed == Some(k));
        }
        if let Some(k) = g.injured {
            field("injured", true, e.injured == Some(k));
        }
    }
    for (doc, analysis) in &docs {
        let id = &doc.id;
        if !lines.iter().any(|g| &g.doc_id == id) {
            continue;
        }
        s.predicted += analysis.events.len();
        s.predicted_matched += (0..analysis.events.len())
            .filter(|k| claimed.contains_key(&(id.clone(), *k)))
            .count();
    }
    println!(
        "key event mentions found with the right type in the right sentence: {}/{} ({:.1}%)",
        s.found,
        s.gold,
        100.0 * s.found as f64 / s.gold.max(1) as f64
    );
    println!(
        "predicted mentions that match a key event: {}/{} (the rest are other events or errors)",
        s.predicted_matched, s.predicted
    );
    let (mut right, mut total) = (0, 0);
    for name in ["count", "date", "killed", "injured"] {
        let (r, t) = s.fields.get(name).copied().unwrap_or_default();
        right += r;
        total += t;
        println!("  {name:<8} {r}/{t}");
    }
    println!(
        "figures (count, date, killed, injured) right on found events: {right}/{total} ({:.1}%)",
        100.0 * right as f64 / total.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}

/// `storyline analyze --db DB [--all]`: analyse stored documents that have
/// no analysis yet (or all of them again).
pub fn analyze_store(db: &Path, all: bool) -> Result<ExitCode> {
    let mut store = Store::open(db)?;
    let analyzer = Analyzer::bundled().map_err(anyhow::Error::msg)?;
    let ids = if all {
        store.ids()?
    } else {
        store.unanalyzed_ids()?
    };
    let bar = indicatif::ProgressBar::new(ids.len() as u64);
    let mut events = 0;
    for id in &ids {
        if let Some(doc) = store.get(id)? {
            let analysis = analyzer.analyze(&doc);
            events += analysis.events.len();
            store.save_analysis(id, &analysis)?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!("analysed {} documents: {events} event mentions", ids.len());
    Ok(ExitCode::SUCCESS)
}
