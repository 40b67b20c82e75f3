//! Training the boilerplate classifier (`storyline train cleaner`).
//!
//! Articles from a clean news corpus are split into train and dev parts by a
//! fixed rule (every tenth article is dev), wrapped in synthetic clutter
//! ([`crate::synth`]) and turned into labelled blocks. Everything is driven by
//! one seed, so the same inputs give the same model bytes.

use std::path::Path;

use crate::classifier::{context_features, BlockModel, LogisticModel, Rng};
use crate::features::{block_features, DocContext};
use crate::synth::{parse_clutter_pool, parse_headline_article, Article, Labeled, Synthesizer};

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub seed: u64,
    pub epochs: usize,
    /// Synthetic documents made from each training article.
    pub docs_per_article: usize,
    pub l2: f32,
    pub rate: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 20_251_121,
            epochs: 4,
            docs_per_article: 3,
            l2: 1e-6,
            rate: 0.1,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub train_articles: usize,
    pub dev_articles: usize,
    pub train_blocks: usize,
    pub dev_blocks: usize,
    pub dev_accuracy: f64,
    /// Of the blocks the model removes, the share that is boilerplate.
    pub dev_remove_precision: f64,
    /// Of the boilerplate blocks, the share the model removes.
    pub dev_remove_recall: f64,
    /// Share of article paragraphs kept.
    pub dev_content_kept: f64,
}

/// Reads a corpus of headline-first article files (the BBC News layout),
/// in path order so the result does not depend on the file system.
pub fn read_headline_corpus(dir: &Path) -> Result<Vec<Article>, String> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    let mut articles = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        if let Some(a) = parse_headline_article(&String::from_utf8_lossy(&bytes)) {
            articles.push(a);
        }
    }
    if articles.is_empty() {
        return Err(format!(
            "{}: no articles (headline-first .txt files) found",
            dir.display()
        ));
    }
    Ok(articles)
}

/// One synthetic document's blocks: features and labels.
struct DocExamples {
    features: Vec<Vec<u32>>,
    labels: Vec<bool>,
}

fn examples_of(doc: &[Labeled]) -> DocExamples {
    let texts: Vec<&str> = doc.iter().map(|(t, _)| t.as_str()).collect();
    let ctx = DocContext::new(&texts);
    DocExamples {
        features: texts
            .iter()
            .enumerate()
            .map(|(i, t)| block_features(t, i, &ctx))
            .collect(),
        labels: doc.iter().map(|(_, l)| *l).collect(),
    }
}

fn flat(docs: &[DocExamples], rng: &mut Rng) -> Vec<(Vec<u32>, bool)> {
    let mut out: Vec<(Vec<u32>, bool)> = docs
        .iter()
        .flat_map(|d| d.features.iter().cloned().zip(d.labels.iter().copied()))
        .collect();
    rng.shuffle(&mut out);
    out
}

/// Stacked examples: own features plus the context of base predictions made
/// by a model that did not see the document.
fn stacked(docs: &[DocExamples], base: &LogisticModel) -> Vec<(Vec<u32>, bool)> {
    let mut out = Vec::new();
    for d in docs {
        let p: Vec<f32> = d.features.iter().map(|f| base.predict(f)).collect();
        for (i, f) in d.features.iter().enumerate() {
            let mut all = f.clone();
            all.extend(context_features(&p, i));
            out.push((all, d.labels[i]));
        }
    }
    out
}

pub fn train_cleaner(
    articles: &[Article],
    clutter_tsv: &str,
    options: &TrainOptions,
) -> (BlockModel, TrainReport) {
    let pool = parse_clutter_pool(clutter_tsv);
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    for (i, a) in articles.iter().enumerate() {
        if i % 10 == 9 {
            dev.push(a.clone());
        } else {
            train.push(a.clone());
        }
    }
    // Teasers come from articles of the same part, so dev never sees a train headline.
    let mut rng = Rng::new(options.seed);
    let train_synth = Synthesizer::new(&pool, &train);
    let mut docs = Vec::new();
    for a in &train {
        for _ in 0..options.docs_per_article {
            docs.push(examples_of(&train_synth.document(&mut rng, a)));
        }
    }
    let fit = |docs: &[DocExamples], rng: &mut Rng| {
        LogisticModel::train(&flat(docs, rng), options.epochs, options.l2, options.rate)
    };
    let base = fit(&docs, &mut rng);
    // Cross-fitting: each half's context comes from a base model trained on the other half.
    let (first, second) = docs.split_at(docs.len() / 2);
    let base_first = fit(first, &mut rng);
    let base_second = fit(second, &mut rng);
    let mut stack_examples = stacked(first, &base_second);
    stack_examples.extend(stacked(second, &base_first));
    rng.shuffle(&mut stack_examples);
    let stacked_model =
        LogisticModel::train(&stack_examples, options.epochs, options.l2, options.rate);
    let model = BlockModel {
        base,
        stacked: stacked_model,
    };
    let train_blocks = stack_examples.len();

    let dev_synth = Synthesizer::new(&pool, &dev);
    let mut dev_rng = Rng::new(options.seed ^ 0xdead_beef);
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    for a in &dev {
        let d = examples_of(&dev_synth.document(&mut dev_rng, a));
        let probs = model.predict_doc(&d.features);
        for (p, label) in probs.into_iter().zip(d.labels) {
            let removed = p > crate::text::THRESHOLD;
            match (removed, label) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                (false, false) => tn += 1,
            }
        }
    }
    let total = (tp + fp + fn_ + tn).max(1);
    let report = TrainReport {
        train_articles: train.len(),
        dev_articles: dev.len(),
        train_blocks,
        dev_blocks: total,
        dev_accuracy: (tp + tn) as f64 / total as f64,
        dev_remove_precision: tp as f64 / (tp + fp).max(1) as f64,
        dev_remove_recall: tp as f64 / (tp + fn_).max(1) as f64,
        dev_content_kept: tn as f64 / (tn + fp).max(1) as f64,
    };
    (model, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_corpus() -> Vec<Article> {
        (0..40)
            .map(|i| Article {
                title: format!("Port workers strike over pay in district {i}"),
                paragraphs: (0..4)
                    .map(|p| {
                        format!(
                            "Dock workers in district {i} walked out on day {p}, saying wages had not kept pace with prices, and the port authority said talks would resume."
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    const POOL: &str = "appeal\tSubscribe to {OUTLET} today\nappeal\tSupport independent journalism\nnavigation\tMenu\nnavigation\tSkip to content\nnavigation\tShare on social media\nteaser\tStorm closes schools ||| Heavy snow shut roads across the north.\nlegal\t© {OUTLET}. All rights reserved.\n";

    #[test]
    fn training_is_reproducible_and_learns_the_task() {
        let options = TrainOptions {
            docs_per_article: 2,
            epochs: 2,
            ..TrainOptions::default()
        };
        let (a, report) = train_cleaner(&tiny_corpus(), POOL, &options);
        let (b, _) = train_cleaner(&tiny_corpus(), POOL, &options);
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert!(report.dev_accuracy > 0.9, "{report:?}");
        let (c, _) = train_cleaner(&tiny_corpus(), POOL, &TrainOptions { seed: 1, ..options });
        assert_ne!(a.to_bytes(), c.to_bytes());
    }
}
