//! Cleaning and metadata measured on a gold corpus.
//!
//! For every gold document: do its content samples survive in `text`, are its
//! clutter samples gone, and are publication date, its source, title, author
//! and outlet right? Exact duplicates must clean to the same text and
//! near-duplicates must look alike to the store's MinHash.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use storyline_clean::Cleaner;
use storyline_ingest::{read_input, Input, Item, Limits, RawRecord};
use storyline_model::Document;
use storyline_store::minhash::Signature;
use storyline_store::{text_hash, NEAR_DUPLICATE_SIMILARITY};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    pub file: String,
    pub item: Value,
    pub format: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub published_from: String,
    #[serde(default)]
    pub content_samples: Vec<String>,
    #[serde(default)]
    pub clutter_samples: Vec<String>,
    pub duplicate_of: Option<GoldRef>,
    pub near_duplicate_of: Option<GoldRef>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldRef {
    pub file: String,
    pub item: Value,
}

/// Counts behind one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }

    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CleanReport {
    pub documents: usize,
    pub missing: Vec<String>,
    pub content_kept: Tally,
    pub clutter_removed: Tally,
    pub published: Tally,
    pub published_from: Tally,
    pub title: Tally,
    pub author: Tally,
    pub outlet: Tally,
    pub duplicates: Tally,
    pub near_duplicates: Tally,
    /// One line per miss, for people tuning the cleaner.
    pub misses: Vec<String>,
}

impl CleanReport {
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "documents            {}", self.documents);
        for (name, t) in [
            ("content kept", self.content_kept),
            ("clutter removed", self.clutter_removed),
            ("published", self.published),
            ("published_from", self.published_from),
            ("title", self.title),
            ("author", self.author),
            ("outlet", self.outlet),
            ("exact duplicates", self.duplicates),
            ("near duplicates", self.near_duplicates),
        ] {
            let _ = writeln!(
                s,
                "{name:<20} {:>6.1}%  ({}/{})",
                100.0 * t.rate(),
                t.right,
                t.total
            );
        }
        if !self.missing.is_empty() {
            let _ = writeln!(s, "gold documents not found: {}", self.missing.join(", "));
        }
        s
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => squash(a).eq_ignore_ascii_case(&squash(b)),
        (None, None) => true,
        _ => false,
    }
}

/// Which record of a file a gold entry means.
fn matches_item(record: &RawRecord, item: &Value, single: bool) -> bool {
    match item {
        Value::Null => single,
        Value::Number(n) => record.origin.ends_with(&format!(":{n}")),
        Value::String(s) => record.source == *s || record.hints.url.as_deref() == Some(s),
        _ => false,
    }
}

/// Reads every file the gold names (relative to `root`), cleans it and scores it.
pub fn evaluate(gold_path: &Path, root: &Path, cleaner: &Cleaner) -> Result<CleanReport, String> {
    let text =
        std::fs::read_to_string(gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let gold: Vec<GoldDoc> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", gold_path.display(), i + 1))
        })
        .collect::<Result<_, _>>()?;
    let mut by_file: BTreeMap<&str, Vec<RawRecord>> = BTreeMap::new();
    for g in &gold {
        if by_file.contains_key(g.file.as_str()) {
            continue;
        }
        let path: PathBuf = root.join(&g.file);
        let mut records = Vec::new();
        read_input(
            &Input::File {
                shown: g.file.clone(),
                path,
            },
            &Limits::default(),
            &mut |item| {
                if let Item::Record(r) = item {
                    records.push(*r);
                }
            },
        );
        by_file.insert(&g.file, records);
    }
    let mut report = CleanReport::default();
    let mut cleaned: Vec<Option<Document>> = Vec::new();
    for g in &gold {
        let records = &by_file[g.file.as_str()];
        let record = records
            .iter()
            .find(|r| matches_item(r, &g.item, records.len() == 1));
        let Some(record) = record else {
            report.missing.push(format!("{} {}", g.file, g.item));
            cleaned.push(None);
            continue;
        };
        report.documents += 1;
        let doc = cleaner.clean(record);
        let where_ = format!(
            "{} {}",
            g.file,
            if g.item.is_null() {
                String::new()
            } else {
                g.item.to_string()
            }
        );
        let paragraphs: Vec<String> = doc.text.split("\n\n").map(squash).collect();
        let flat = squash(&doc.text);
        for sample in &g.content_samples {
            let ok = flat.contains(&squash(sample));
            report.content_kept.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{where_}: content lost: {sample}"));
            }
        }
        for sample in &g.clutter_samples {
            let s = squash(sample);
            let present = paragraphs.contains(&s)
                || (s.len() >= 12
                    && paragraphs
                        .iter()
                        .any(|p| p.starts_with(&s) || p.ends_with(&s)));
            report.clutter_removed.add(!present);
            if present {
                report
                    .misses
                    .push(format!("{where_}: clutter kept: {sample}"));
            }
        }
        let published = doc.published.map(|d| d.to_string());
        let checks = [
            (
                "published",
                &mut report.published,
                same(published.as_deref(), g.published.as_deref()),
                published.clone(),
                g.published.clone(),
            ),
            (
                "published_from",
                &mut report.published_from,
                doc.published_from.as_str() == g.published_from,
                Some(doc.published_from.as_str().to_owned()),
                Some(g.published_from.clone()),
            ),
            (
                "title",
                &mut report.title,
                same(doc.title.as_deref(), g.title.as_deref()),
                doc.title.clone(),
                g.title.clone(),
            ),
            (
                "author",
                &mut report.author,
                same(doc.author.as_deref(), g.author.as_deref()),
                doc.author.clone(),
                g.author.clone(),
            ),
            (
                "outlet",
                &mut report.outlet,
                same(doc.outlet.as_deref(), g.outlet.as_deref()),
                doc.outlet.clone(),
                g.outlet.clone(),
            ),
        ];
        for (name, tally, ok, got, want) in checks {
            tally.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{where_}: {name}: got {got:?}, want {want:?}"));
            }
        }
        cleaned.push(Some(doc));
    }
    // Duplicates, against the cleaned originals.
    let find = |r: &GoldRef| {
        gold.iter()
            .position(|g| g.file == r.file && (g.item == r.item || r.item.is_null()))
            .and_then(|i| cleaned[i].as_ref())
    };
    for (g, doc) in gold.iter().zip(&cleaned) {
        let Some(doc) = doc else { continue };
        if let Some(r) = &g.duplicate_of {
            let ok = find(r).is_some_and(|orig| text_hash(&orig.text) == text_hash(&doc.text));
            report.duplicates.add(ok);
            if !ok {
                report.misses.push(format!(
                    "{}: not recognised as a duplicate of {}",
                    g.file, r.file
                ));
            }
        }
        if let Some(r) = &g.near_duplicate_of {
            let sim = find(r).map_or(0.0, |orig| {
                Signature::of_text(&orig.text).similarity(&Signature::of_text(&doc.text))
            });
            let ok = sim >= NEAR_DUPLICATE_SIMILARITY;
            report.near_duplicates.add(ok);
            if !ok {
                report.misses.push(format!(
                    "{}: near-duplicate of {} only {sim:.2} similar",
                    g.file, r.file
                ));
            }
        }
    }
    Ok(report)
}
