//! `storyline eval coref` and `storyline train coref` (ECB+).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use storyline_coref as coref;

use crate::term::shown;

/// Reads the topic folders of `dir` (all, or those `topics` names), with
/// one error line per unreadable file; lemmas and tags are added.
fn load(dir: &Path, topics: Option<&str>) -> Result<(coref::Corpus, usize)> {
    let wanted = match topics {
        Some(spec) => Some(coref::parse_topics(spec).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let filter = wanted.map(|t| move |n: u32| t.contains(&n));
    let f: Option<&dyn Fn(u32) -> bool> = filter.as_ref().map(|f| f as &dyn Fn(u32) -> bool);
    let (mut corpus, errors) = coref::read_corpus(dir, f);
    for e in &errors {
        eprintln!("error: {}", shown(e));
    }
    coref::annotate(&mut corpus);
    Ok((corpus, errors.len()))
}

pub fn eval(
    dir: &Path,
    out: &Path,
    topics: Option<&str>,
    baselines: bool,
    model: Option<&Path>,
) -> Result<ExitCode> {
    let model = match model {
        Some(path) => {
            coref::Model::load(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => coref::Model::bundled().map_err(anyhow::Error::msg)?,
    };
    let (corpus, failed) = load(dir, topics)?;
    let start = Instant::now();
    let predicted = coref::cluster(&model, &corpus);
    let secs = start.elapsed().as_secs_f64();
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| out.display().to_string())?,
    );
    coref::write_predictions(&mut file, &predicted).with_context(|| out.display().to_string())?;
    println!(
        "{} documents, {} event mentions, clustered in {secs:.1}s; wrote {}",
        corpus.docs.len(),
        corpus.n_mentions(),
        out.display()
    );
    let gold = coref::gold_predictions(&corpus);
    println!("{}", coref::score(&gold, &predicted));
    if baselines {
        println!(
            "all singletons:\n{}",
            coref::score(&gold, &coref::singleton_baseline(&corpus))
        );
        println!(
            "same head lemma within a topic:\n{}",
            coref::score(&gold, &coref::head_lemma_baseline(&corpus))
        );
        let gold_groups = coref::gold_subtopics(&corpus);
        println!(
            "same head lemma within sub-topics derived from the gold (a ceiling for the document step):\n{}",
            coref::score(&gold, &coref::head_lemma_in_groups(&corpus, &gold_groups))
        );
        println!(
            "the model within sub-topics derived from the gold:\n{}",
            coref::score(
                &gold,
                &coref::cluster_in_groups(&model, &corpus, &gold_groups)
            )
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn train(dir: &Path, train: &str, dev: &str, out: &Path, refit: bool) -> Result<ExitCode> {
    let (train_corpus, _) = load(dir, Some(train))?;
    let (dev_corpus, _) = load(dir, Some(dev))?;
    let start = Instant::now();
    let opts = coref::TrainOptions::default();
    let (mut model, mut report) = coref::train(&train_corpus, Some(&dev_corpus), &opts);
    println!(
        "trained on topics {train}: CoNLL F1 {:.2} on topics {dev} (mention threshold {:.2})",
        report.tuned_f1 * 100.0,
        model.mention_threshold
    );
    if refit {
        let mut all = train_corpus;
        all.docs.extend(dev_corpus.docs);
        let (refitted, pairs, positives) = coref::refit(&model, &all, &opts);
        println!("refitted on topics {train} and {dev} with the tuned thresholds");
        model = refitted;
        report.pairs = pairs;
        report.positives = positives;
    }
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).with_context(|| out.display().to_string())?;
    println!(
        "trained on {} pairs ({} positive) in {:.1}s; document threshold {:.2}, mention threshold {:.2}; wrote {} ({} bytes)",
        report.pairs,
        report.positives,
        start.elapsed().as_secs_f64(),
        model.doc_threshold,
        model.mention_threshold,
        out.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}
