//! Article-body extraction scored the way extraction benchmarks score it:
//! precision, recall and F1 of the word 4-gram shingles of the extracted
//! text against the human-extracted body, averaged over pages.
//!
//! A folder holds pages as `NAME.html` or `NAME.html.gz`, with the gold body
//! either in `NAME.gold.txt` beside each page or in a `ground-truth.json`
//! mapping `NAME` to `{"articleBody": ...}`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use storyline_clean::Cleaner;
use storyline_ingest::{read_input, Input, Item, Limits};

/// The word 4-gram shingles of a text (lower-cased, split on anything that is
/// not a letter or digit; texts under four words give their words).
pub fn shingles(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 4 {
        return words.into_iter().collect();
    }
    words.windows(4).map(|w| w.join(" ")).collect()
}

/// Precision, recall, F1 of `got` against `gold` shingles.
pub fn shingle_prf(got: &str, gold: &str) -> (f64, f64, f64) {
    let (g, t) = (shingles(got), shingles(gold));
    if g.is_empty() && t.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    let common = g.intersection(&t).count();
    crate::prf(common, g.len() - common, t.len() - common)
}

#[derive(Debug, Clone)]
pub struct PageScore {
    pub name: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores every page of `dir` that has a gold body.
pub fn evaluate(dir: &Path, cleaner: &Cleaner) -> Result<Vec<PageScore>, String> {
    let mut gold: HashMap<String, String> = HashMap::new();
    let truth = dir.join("ground-truth.json");
    if truth.exists() {
        let text =
            std::fs::read_to_string(&truth).map_err(|e| format!("{}: {e}", truth.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", truth.display()))?;
        if let Some(obj) = v.as_object() {
            for (k, item) in obj {
                if let Some(body) = item.get("articleBody").and_then(|b| b.as_str()) {
                    gold.insert(k.clone(), body.to_owned());
                }
            }
        }
    }
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            n.ends_with(".html") || n.ends_with(".html.gz") || n.ends_with(".htm")
        })
        .collect();
    pages.sort();
    let mut scores = Vec::new();
    for page in pages {
        let file = page
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let name = file
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .trim_end_matches(".htm")
            .to_owned();
        let body = match gold.get(&name) {
            Some(b) => b.clone(),
            None => match std::fs::read_to_string(dir.join(format!("{name}.gold.txt"))) {
                Ok(b) => b,
                Err(_) => continue,
            },
        };
        let mut text = String::new();
        read_input(
            &Input::File {
                path: page.clone(),
                shown: file.clone(),
            },
            &Limits::default(),
            &mut |item| {
                if let Item::Record(r) = item {
                    text = cleaner.clean(&r).text;
                }
            },
        );
        let (precision, recall, f1) = shingle_prf(&text, &body);
        scores.push(PageScore {
            name,
            precision,
            recall,
            f1,
        });
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores() {
        let gold = "one two three four five six";
        assert_eq!(shingle_prf(gold, gold), (1.0, 1.0, 1.0));
        let (p, r, _) = shingle_prf("one two three four", gold);
        assert_eq!((p, r), (1.0, 1.0 / 3.0));
        assert_eq!(shingle_prf("", gold).2, 0.0);
    }
}
