//! The `storyline` command.

mod coref;
mod events;
mod story;
mod term;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use storyline_clean::Cleaner;
use storyline_pipeline::{Event, Options, Summary};
use storyline_store::{Outcome, Store};

use crate::term::shown;

/// storyline: turns a pile of news reports into one sourced account of what happened.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, folders, `-` for stdin) into the store.
    Ingest {
        /// The store (created if missing).
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        /// Cleaning threads (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Store documents only; `storyline analyze` extracts events later.
        #[arg(long)]
        no_events: bool,
        /// Text, Markdown, HTML, JSON Lines, WARC, RSS/Atom/JSON Feed, optionally gzipped.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Full-text search over stored documents (FTS5 syntax: words, "phrases", OR, NOT, prefix*).
    Search {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// Write documents.jsonl, entities.jsonl and events.jsonl per the export contract.
    Export {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Link event reports across documents and infer the publication dates of
    /// undated documents from the events they share with dated ones (their
    /// relative dates are then re-normalised). Ingest runs this itself.
    Link {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
    },
    /// One line per linked event in date order: date and precision, type, what
    /// happened, count, number of sources, `!` and the fields in conflict.
    Timeline {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        /// Events ending on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Events starting on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// An event type (arrest, attack, ... or a subtype such as raid), or `other` for
        /// the happenings the export writes as `other` (curfews, resignations, votes, funerals).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Events an entity takes part in (name or alias).
        #[arg(long)]
        entity: Option<String>,
        /// Events at a place.
        #[arg(long)]
        place: Option<String>,
    },
    /// An entity: its aliases, events, co-actors and sources.
    Entity {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        name: String,
    },
    /// Events whose reports disagree (count, date, place, killed, injured,
    /// agents), each value with the documents behind it.
    Conflicts {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
    },
    /// Clean one input without storing it: print its documents as export lines,
    /// or with --explain every block with the classifier's verdict.
    Clean {
        input: String,
        #[arg(long)]
        explain: bool,
    },
    /// Tokens and sentences of a text file (or `-`): one sentence per line with
    /// tokens separated by spaces, `--json` with byte offsets, or `--conllu`
    /// with lemmas, tags and the dependency parse.
    Annotate {
        input: String,
        #[arg(long)]
        json: bool,
        #[arg(long, conflicts_with = "json")]
        conllu: bool,
    },
    /// Time expressions in a text file (or `-`) as JSON lines, normalised against
    /// a document creation time when given.
    Time {
        input: String,
        /// Document creation time, YYYY-MM-DD.
        #[arg(long)]
        dct: Option<String>,
    },
    /// Events in an input (cleaned first, or `--raw` text as it is): one line
    /// per event mention with its sentence, or `--json` events.jsonl lines.
    Events {
        input: String,
        /// Take the text as it is, without boilerplate removal.
        #[arg(long)]
        raw: bool,
        /// Publication date (YYYY-MM-DD) to anchor relative dates to.
        #[arg(long)]
        dct: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Extract events, quotes and entities for stored documents that have none
    /// yet (`--all`: again for every document).
    Analyze {
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long)]
        all: bool,
    },
    /// Ingest the bundled sample corpus into a fresh store and summarise it.
    Demo {
        /// Where to put the demo store (replaced if it exists).
        #[arg(long, default_value = "storyline-demo.db")]
        db: PathBuf,
    },
    /// Train a model from corpora (reproducible with a fixed seed).
    #[command(subcommand)]
    Train(TrainCommand),
    /// Measure against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Throughput benchmarks.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand)]
enum TrainCommand {
    /// The gazetteer (countries, first-order divisions, cities of 15,000+,
    /// demonyms, capitals) from GeoNames; deterministic, byte-identical.
    Gazetteer {
        #[arg(long, default_value = "../shared/corpora/geonames")]
        geonames: PathBuf,
        #[arg(long, default_value = "crates/geo/models/gazetteer.bin")]
        out: PathBuf,
    },
    /// Cross-document linking weights from the sample corpus's story gold
    /// (deterministic); prints a two-fold estimate by document.
    Linker {
        #[arg(long, default_value = "examples/news/gold/events.jsonl")]
        gold: PathBuf,
        #[arg(long, default_value = "examples/news/gold/story.jsonl")]
        story: PathBuf,
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long, default_value = "crates/link/models/linker.tsv")]
        out: PathBuf,
        #[arg(long)]
        verbose: bool,
    },
    /// Event coreference model from ECB+ (train topics; thresholds tuned on
    /// the dev topics; fixed seed, reproducible).
    Coref {
        #[arg(long)]
        ecb: PathBuf,
        #[arg(long, default_value = "1-22")]
        train: String,
        #[arg(long, default_value = "23-35")]
        dev: String,
        #[arg(long, default_value = "crates/coref/models/coref.bin")]
        out: PathBuf,
        /// After tuning, retrain the pairwise classifier on the training and development
        /// topics together with the tuned thresholds (how the bundled model is made; its
        /// development score is then no longer held out).
        #[arg(long)]
        refit: bool,
    },
    /// Part-of-speech tagger, lemmatizer and dependency parser from a CoNLL-U treebank
    /// (UD English EWT train); writes tagger.bin, lemmatizer.bin and parser.bin.
    Ud {
        #[arg(long)]
        conllu: PathBuf,
        #[arg(long, default_value = "crates/ud/models")]
        out_dir: PathBuf,
    },
    /// Brown word clusters and a capitalisation prior from the unlabeled news in the
    /// corpora folder (Reuters-21578, BBC News, CoNLL-2003 train text), for the NER model.
    Clusters {
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        #[arg(long, default_value = "crates/ner/data/brown256.txt")]
        out: PathBuf,
        #[arg(long, default_value_t = 256)]
        clusters: usize,
    },
    /// The named-entity recognisers: the news model from CoNLL-2003 eng.train with
    /// `--no-web` (crates/ner/models/ner.bin, used by the article pipeline), the web model
    /// from CoNLL-2003 (MISC retagged O) pooled with Universal NER English EWT dev otherwise
    /// (crates/ner/models/ner-web.bin, used by `eval ner` on web text); both with
    /// GeoNames and the clusters. With --folds, prints the cross-validated score on the web
    /// set instead of writing a model.
    Ner {
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        #[arg(long, default_value = "crates/ner/data/brown256.txt")]
        clusters: PathBuf,
        /// [default: crates/ner/models/ner.bin with --no-web, else ner-web.bin]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Universal NER IOB2 file of web text [default: CORPORA/uner_english_ewt/en_ewt-ud-dev.iob2]
        #[arg(long)]
        web: Option<PathBuf>,
        /// Train on CoNLL-2003 only (no web set, no domain features).
        #[arg(long)]
        no_web: bool,
        /// How many times the (small) web set is used per epoch.
        #[arg(long, default_value_t = WEB_COPIES)]
        web_copies: usize,
        /// Domain feature augmentation: every feature twice, shared and news- or web-specific
        /// (Daumé III 2007). Off by default: in 5-fold cross-validation on the web set it
        /// scored below plain pooling of the two sets (63.2 vs 65.0 F1; 63.8 vs 65.8 with the
        /// default MISC retagging and ensemble).
        #[arg(long)]
        domains: bool,
        /// Keep CoNLL-2003's MISC entities when training with the web set. By default they
        /// are retagged O, as Universal NER (no MISC type) leaves nationalities, products and
        /// events untagged.
        #[arg(long)]
        keep_misc: bool,
        /// Perceptrons (consecutive seeds) averaged into each stage, which makes the model
        /// depend less on the training order [default: 3 for the web model, 1 with --no-web]
        #[arg(long)]
        ensemble: Option<usize>,
        /// Cross-validate over the web set's documents in this many folds (each fold tagged by
        /// a model trained on CoNLL-2003 and the other folds) and print the scores; no model
        /// is written.
        #[arg(long)]
        folds: Option<usize>,
        /// With --folds: also write the web set with the cross-validated predictions appended.
        #[arg(long, requires = "folds")]
        predictions: Option<PathBuf>,
        /// Self-training text for the web model: a CoNLL-U file of web text whose words a
        /// first web model tags; the final model also trains on those tags, keeping only
        /// names that hold a word the file tags PROPN [default:
        /// CORPORA/ud_english_ewt/en_ewt-ud-train.conllu]. In 5-fold CV on the web set:
        /// 66.2 F1 without, 66.6 with every self-tagged name, 68.1 with the PROPN filter.
        #[arg(long, conflicts_with = "no_web")]
        unlabeled: Option<PathBuf>,
        /// Train the web model without self-training.
        #[arg(long)]
        no_self_training: bool,
        /// Keep every self-tagged name, also those without a PROPN word.
        #[arg(long)]
        all_silver_names: bool,
        /// How many times the self-tagged text is used per epoch.
        #[arg(long, default_value_t = 1)]
        unlabeled_copies: usize,
        /// Self-training rounds: each round's model tags the text afresh for the next. In
        /// 5-fold CV on the web set two rounds scored 67.8 F1 against 67.6 for one, within the
        /// spread between runs, so one is the default.
        #[arg(long, default_value_t = 1)]
        self_training_rounds: usize,
    },
    /// The sentence splitter, from a CoNLL-U treebank's `# text` lines.
    Sentences {
        /// e.g. ../shared/corpora/ud_english_ewt/en_ewt-ud-train.conllu
        #[arg(long)]
        conllu: PathBuf,
        #[arg(long, default_value = "crates/text/models/sentences.bin")]
        out: PathBuf,
        #[arg(long, default_value_t = 20_251_121)]
        seed: u64,
        #[arg(long, default_value_t = 5)]
        epochs: usize,
    },
    /// The plain-text boilerplate classifier.
    Cleaner {
        /// Folder of headline-first article .txt files (e.g. ../shared/corpora/bbc_news/bbc).
        #[arg(long)]
        corpus: PathBuf,
        /// The clutter pool (category<TAB>text).
        #[arg(long, default_value = "crates/clean/data/clutter.tsv")]
        clutter: PathBuf,
        #[arg(long, default_value = "crates/clean/models/cleaner.bin")]
        out: PathBuf,
        #[arg(long, default_value_t = 20_251_121)]
        seed: u64,
        #[arg(long, default_value_t = 4)]
        epochs: usize,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Story folders (articles plus a `GOLD.json`, see `examples/stories/README.md`):
    /// each is ingested into a store of its own, linked and scored as its export
    /// reads.
    Stories {
        /// Story folders, or folders of them.
        #[arg(default_value = "examples/stories")]
        dirs: Vec<PathBuf>,
        /// Also list each miss: happenings not linked, wrong pairs, conflicts not
        /// listed, entities wrong.
        #[arg(long)]
        verbose: bool,
    },
    /// Entity resolution on the sample corpus: entities right, alias links,
    /// false merges against the hand-made entity gold.
    Entities {
        #[arg(long, default_value = "examples/news/gold/entities.jsonl")]
        gold: PathBuf,
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long)]
        verbose: bool,
    },
    /// Cross-document linking on the sample corpus: the gold event mentions
    /// found are grouped as the story gold groups them?
    Link {
        #[arg(long, default_value = "examples/news/gold/events.jsonl")]
        gold: PathBuf,
        #[arg(long, default_value = "examples/news/gold/story.jsonl")]
        story: PathBuf,
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        #[arg(long)]
        verbose: bool,
    },
    /// Cross-document event coreference on ECB+: clusters the gold event
    /// mentions of every topic folder in DIR (or `--topics 23-35`), writes one
    /// JSON line per mention to OUT, prints MUC, B3, CEAF-e and CoNLL F1.
    Coref {
        #[arg(long)]
        ecb: PathBuf,
        #[arg(long)]
        predictions: PathBuf,
        #[arg(long)]
        topics: Option<String>,
        /// Also score the all-singletons and same-head-lemma baselines.
        #[arg(long)]
        baselines: bool,
        /// A coref model file instead of the bundled one (`storyline train coref --out`).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Events: WikiEvents triggers and arguments (`--wikievents dev.jsonl
    /// [--coref coref/dev.jsonlines]`), or the sample corpus's key events
    /// (`--gold examples/news/gold/events.jsonl --db DB` after ingesting it).
    Events {
        #[arg(long)]
        wikievents: Option<PathBuf>,
        #[arg(long)]
        coref: Option<PathBuf>,
        #[arg(long)]
        gold: Option<PathBuf>,
        #[arg(long, default_value = "storyline.db")]
        db: PathBuf,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
    },
    /// UPOS, XPOS, lemma, UAS and LAS on gold tokens and sentences of a CoNLL-U file;
    /// writes the same CoNLL-U with UPOS, XPOS, LEMMA, HEAD and DEPREL predicted.
    Ud {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        predictions: PathBuf,
    },
    /// Named entities: GOLD in CoNLL-2003 layout (IOB1, -DOCSTART-) or Universal NER IOB2;
    /// writes every input line with the predicted IOB2 tag appended, prints conlleval scores.
    ///
    /// The text domain is web when GOLD is Universal NER (tab-separated, no MISC tags), else news.
    Ner {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        predictions: PathBuf,
        /// Tag as this domain (news or web) instead of choosing by the gold layout.
        #[arg(long, value_parser = parse_domain)]
        domain: Option<storyline_ner::Domain>,
        /// A model file instead of the bundled one.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Time expressions on TimeML: for each GOLD/NAME.tml, tag the text inside <TEXT>
    /// (tags removed, entities unescaped) against its DCT, write PREDICTIONS/NAME.tml with our
    /// TIMEX3 tags, and print TempEval-3 strict and relaxed extent F1 and value and type scores.
    Timex {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        predictions: PathBuf,
    },
    /// Sentence boundary precision, recall and F1 on a CoNLL-U treebank's running text.
    Sentences {
        #[arg(long)]
        conllu: PathBuf,
    },
    /// Boilerplate removal and metadata against a gold documents.jsonl.
    Clean {
        #[arg(long, default_value = "examples/news/gold/documents.jsonl")]
        gold: PathBuf,
        /// Folder the gold file's paths are relative to (default: the gold folder's parent).
        #[arg(long)]
        root: Option<PathBuf>,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
    },
    /// Article-body extraction from HTML pages: word 4-gram shingle F1 against gold bodies
    /// (NAME.html[.gz] with NAME.gold.txt, or a ground-truth.json of {NAME: {"articleBody"}}).
    Extract {
        pages: PathBuf,
        /// List every page's score.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Time-expression tagging speed on one core over plain-text files (folders walked;
    /// JSON Lines `text` fields read), at most --words words.
    Timex {
        #[arg(required = true)]
        inputs: Vec<String>,
        #[arg(long, default_value_t = 2_000_000)]
        words: usize,
    },
    /// Tokenizer and sentence splitter speed on one core over plain-text files
    /// (folders walked; JSON Lines `text` fields read).
    Text {
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Cross-document linking of synthetic event mentions at growing sizes:
    /// time, candidate pairs per mention, peak memory, B³ against the known
    /// events.
    Link {
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        mentions: Vec<usize>,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Ingest throughput (clean + store, all cores) into a scratch store;
    /// `--events` adds the whole analysis (annotate, time, events).
    Ingest {
        #[arg(long)]
        jobs: Option<usize>,
        #[arg(long)]
        events: bool,
        #[arg(required = true)]
        inputs: Vec<String>,
    },
}

fn main() -> ExitCode {
    // Panics inside workers are reported as one-line failures of their record;
    // the default hook's backtrace banner would only add noise.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", shown(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Ingest {
            db,
            jobs,
            no_events,
            inputs,
        } => {
            let mut store = Store::open(&db)?;
            let summary = ingest_with_progress(&mut store, &inputs, jobs, true, !no_events, true)?;
            print_summary(&summary);
            if !no_events {
                for (id, date) in story::infer_dates(&mut store, None)? {
                    println!("inferred publication date {date} for document {id}");
                }
            }
            Ok(exit_for(&summary))
        }
        Command::Search { db, limit, query } => {
            let store = open_existing(&db)?;
            let hits = store.search(&query.join(" "), limit)?;
            if hits.is_empty() {
                println!("no matches");
            }
            for h in hits {
                println!(
                    "{}  {}  {}  {}",
                    h.id,
                    h.published.as_deref().unwrap_or("----------"),
                    shown(h.outlet.as_deref().unwrap_or("?")),
                    shown(h.title.as_deref().unwrap_or(&h.source)),
                );
                println!("    {}", shown(&h.snippet.replace('\n', " ")));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, out } => story::export(&db, &out),
        Command::Link { db } => story::link(&db),
        Command::Eval(EvalCommand::Stories { dirs, verbose }) => {
            story::eval_stories(&dirs, verbose)
        }
        Command::Eval(EvalCommand::Entities { gold, db, verbose }) => {
            story::eval_entities(&gold, &db, verbose)
        }
        Command::Train(TrainCommand::Gazetteer { geonames, out }) => {
            let start = Instant::now();
            let (stats, bytes) =
                storyline_geo::train(&geonames, &out).map_err(anyhow::Error::msg)?;
            println!(
                "{stats:?}\nwrote {} ({bytes} bytes) in {:.1}s",
                out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Linker {
            gold,
            story: story_gold,
            db,
            out,
            verbose,
        }) => story::train_linker(&gold, &story_gold, &db, &out, verbose),
        Command::Eval(EvalCommand::Link {
            gold,
            story: story_gold,
            db,
            verbose,
        }) => story::eval_link(&gold, &story_gold, &db, verbose),
        Command::Timeline {
            db,
            from,
            to,
            kind,
            entity,
            place,
        } => story::timeline(
            &db,
            &story::TimelineArgs {
                from: from.as_deref(),
                to: to.as_deref(),
                kind: kind.as_deref(),
                entity: entity.as_deref(),
                place: place.as_deref(),
            },
        ),
        Command::Entity { db, name } => story::entity(&db, &name),
        Command::Conflicts { db } => story::conflicts(&db),
        Command::Bench(BenchCommand::Link { mentions, seed }) => story::bench_link(&mentions, seed),
        Command::Eval(EvalCommand::Coref {
            ecb,
            predictions,
            topics,
            baselines,
            model,
        }) => coref::eval(
            &ecb,
            &predictions,
            topics.as_deref(),
            baselines,
            model.as_deref(),
        ),
        Command::Train(TrainCommand::Coref {
            ecb,
            train,
            dev,
            out,
            refit,
        }) => coref::train(&ecb, &train, &dev, &out, refit),
        Command::Events {
            input,
            raw,
            dct,
            json,
        } => events::events_of_input(&input, raw, dct.as_deref(), json),
        Command::Analyze { db, all } => {
            open_existing(&db)?;
            events::analyze_store(&db, all)
        }
        Command::Eval(EvalCommand::Events {
            wikievents,
            coref,
            gold,
            db,
            verbose,
        }) => match (wikievents, gold) {
            (Some(w), _) => events::eval_wikievents(&w, coref.as_deref(), verbose),
            (None, Some(g)) => events::eval_sample(&g, &db, verbose),
            (None, None) => bail!("give --wikievents FILE or --gold FILE --db DB"),
        },
        Command::Demo { db } => demo(&db),
        Command::Clean { input, explain } => clean_one(&input, explain),
        Command::Annotate {
            input,
            json,
            conllu,
        } => annotate(&input, json, conllu),
        Command::Train(TrainCommand::Ud { conllu, out_dir }) => {
            let start = Instant::now();
            let sentences = storyline_ud::conllu::read_file(&conllu)
                .map_err(|e| anyhow::anyhow!("{}: {e}", conllu.display()))?;
            let models = storyline_ud::UdModels::train_with_progress(
                &sentences,
                &storyline_ud::TrainOptions::default(),
                &mut |m| eprintln!("{m}"),
            );
            models.save(&out_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "trained on {} sentences in {:.0}s; wrote {}",
                sentences.len(),
                start.elapsed().as_secs_f64(),
                out_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Ud { gold, predictions }) => eval_ud(&gold, &predictions),
        Command::Train(TrainCommand::Clusters {
            corpora,
            out,
            clusters,
        }) => train_clusters(&corpora, &out, clusters),
        Command::Train(TrainCommand::Ner {
            corpora,
            clusters,
            out,
            web,
            no_web,
            web_copies,
            domains,
            keep_misc,
            ensemble,
            folds,
            predictions,
            unlabeled,
            no_self_training,
            all_silver_names,
            unlabeled_copies,
            self_training_rounds,
        }) => {
            let web = if no_web {
                None
            } else {
                Some(web.unwrap_or_else(|| corpora.join(UNER_DEV)))
            };
            let unlabeled = if no_web || no_self_training {
                None
            } else {
                Some(unlabeled.unwrap_or_else(|| corpora.join(EWT_TRAIN)))
            };
            let setup = NerSetup {
                corpora: &corpora,
                clusters: &clusters,
                web: web.as_deref(),
                web_copies,
                domains,
                keep_misc,
                ensemble: ensemble.unwrap_or(if no_web { 1 } else { WEB_ENSEMBLE }),
                unlabeled: unlabeled.as_deref(),
                unlabeled_copies,
                self_training_rounds,
                proper_only: !all_silver_names,
            };
            let out = out.unwrap_or_else(|| {
                PathBuf::from(if no_web {
                    "crates/ner/models/ner.bin"
                } else {
                    "crates/ner/models/ner-web.bin"
                })
            });
            match folds {
                Some(k) => cross_validate_ner(&setup, k, predictions.as_deref()),
                None => train_ner(&setup, &out),
            }
        }
        Command::Eval(EvalCommand::Ner {
            gold,
            predictions,
            domain,
            model,
        }) => eval_ner(&gold, &predictions, domain, model.as_deref()),

        Command::Time { input, dct } => time_expressions(&input, dct.as_deref()),
        Command::Eval(EvalCommand::Timex { gold, predictions }) => eval_timex(&gold, &predictions),
        Command::Train(TrainCommand::Sentences {
            conllu,
            out,
            seed,
            epochs,
        }) => {
            let start = Instant::now();
            let text =
                std::fs::read_to_string(&conllu).with_context(|| conllu.display().to_string())?;
            let docs = storyline_text::sentences::gold_texts_from_conllu(&text);
            let model = storyline_text::SentenceModel::train(&docs, seed, epochs);
            std::fs::write(&out, model.to_bytes()).with_context(|| out.display().to_string())?;
            let (p, r, f) = storyline_text::sentences::evaluate(&model, &docs);
            println!(
                "trained on {} documents in {:.1}s; on its training text: boundary P {:.3} R {:.3} F1 {:.3}",
                docs.len(),
                start.elapsed().as_secs_f64(),
                p,
                r,
                f
            );
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Sentences { conllu }) => {
            let text =
                std::fs::read_to_string(&conllu).with_context(|| conllu.display().to_string())?;
            let docs = storyline_text::sentences::gold_texts_from_conllu(&text);
            let segmenter = storyline_text::Segmenter::bundled().map_err(anyhow::Error::msg)?;
            let (p, r, f) = storyline_text::sentences::evaluate(segmenter.sentence_model(), &docs);
            let gold: usize = docs.iter().map(|d| d.ends.len()).sum();
            println!("{} documents, {gold} gold sentences: boundary precision {p:.3}, recall {r:.3}, F1 {f:.3}", docs.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Cleaner {
            corpus,
            clutter,
            out,
            seed,
            epochs,
        }) => {
            let start = Instant::now();
            let articles = storyline_clean::train::read_headline_corpus(&corpus)
                .map_err(anyhow::Error::msg)?;
            let pool =
                std::fs::read_to_string(&clutter).with_context(|| clutter.display().to_string())?;
            let options = storyline_clean::train::TrainOptions {
                seed,
                epochs,
                ..Default::default()
            };
            let (model, report) = storyline_clean::train::train_cleaner(&articles, &pool, &options);
            std::fs::write(&out, model.to_bytes()).with_context(|| out.display().to_string())?;
            println!(
                "trained on {} articles ({} blocks), dev {} articles ({} blocks) in {:.1}s",
                report.train_articles,
                report.train_blocks,
                report.dev_articles,
                report.dev_blocks,
                start.elapsed().as_secs_f64()
            );
            println!(
                "dev: accuracy {:.2}%, boilerplate precision {:.2}% recall {:.2}%, article paragraphs kept {:.2}%",
                100.0 * report.dev_accuracy,
                100.0 * report.dev_remove_precision,
                100.0 * report.dev_remove_recall,
                100.0 * report.dev_content_kept
            );
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Clean {
            gold,
            root,
            verbose,
        }) => {
            let root = match root {
                Some(r) => r,
                None => gold
                    .parent()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from(".")),
            };
            let cleaner = Cleaner::bundled().map_err(anyhow::Error::msg)?;
            let report = storyline_eval::clean::evaluate(&gold, &root, &cleaner)
                .map_err(anyhow::Error::msg)?;
            print!("{}", report.render());
            if verbose {
                for m in &report.misses {
                    println!("  {}", shown(m));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Extract { pages, verbose }) => {
            let cleaner = Cleaner::bundled().map_err(anyhow::Error::msg)?;
            let mut scores =
                storyline_eval::extract::evaluate(&pages, &cleaner).map_err(anyhow::Error::msg)?;
            if scores.is_empty() {
                bail!("{}: no pages with gold bodies", pages.display());
            }
            let n = scores.len() as f64;
            let mean = |f: fn(&storyline_eval::extract::PageScore) -> f64| {
                scores.iter().map(f).sum::<f64>() / n
            };
            println!(
                "{} pages: precision {:.3}, recall {:.3}, F1 {:.3} (means over pages)",
                scores.len(),
                mean(|s| s.precision),
                mean(|s| s.recall),
                mean(|s| s.f1)
            );
            if verbose {
                scores.sort_by(|a, b| a.f1.total_cmp(&b.f1));
                for s in &scores {
                    println!(
                        "  {:.3}  P {:.3} R {:.3}  {}",
                        s.f1,
                        s.precision,
                        s.recall,
                        shown(&s.name)
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Text { inputs }) => bench_text(&inputs),
        Command::Bench(BenchCommand::Timex { inputs, words }) => bench_timex(&inputs, words),
        Command::Bench(BenchCommand::Ingest {
            jobs,
            events,
            inputs,
        }) => {
            let dir = tempfile::tempdir()?;
            let mut store = Store::open(&dir.path().join("bench.db"))?;
            let start = Instant::now();
            let summary = ingest_with_progress(&mut store, &inputs, jobs, false, events, false)?;
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{} documents ({} failed) from {:.1} MB in {:.2}s: {:.2} MB/s, {:.0} docs/s, {} threads",
                summary.new + summary.duplicates,
                summary.failed,
                summary.bytes as f64 / 1e6,
                secs,
                summary.bytes as f64 / 1e6 / secs,
                (summary.new + summary.duplicates) as f64 / secs,
                jobs.unwrap_or_else(|| Options::default().workers)
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn clean_one(input: &str, explain: bool) -> Result<ExitCode> {
    use storyline_ingest::{expand_inputs, read_input, Content, Item, Limits};
    let cleaner = Cleaner::bundled().map_err(anyhow::Error::msg)?;
    let (inputs, failures) = expand_inputs(&[input.to_owned()]);
    let mut failed = failures.len();
    for f in failures {
        eprintln!("error: {}", shown(&f.to_string()));
    }
    for input in inputs {
        read_input(&input, &Limits::default(), &mut |item| match item {
            Item::Failure(f) => {
                failed += 1;
                eprintln!("error: {}", shown(&f.to_string()));
            }
            Item::Record(r) if explain => {
                println!("== {}", shown(&r.origin));
                let lines = match &r.content {
                    Content::Text(t) => storyline_clean::text::blocks_of(
                        t,
                        r.format == storyline_model::Format::Markdown,
                    ),
                    Content::Html(h) => {
                        storyline_clean::text::lines_of(&storyline_clean::html::flatten(h))
                    }
                };
                let bar = storyline_clean::prose_threshold(r.format);
                for b in storyline_clean::text::classify_blocks(&lines, cleaner.model()) {
                    let verdict = if b.p_remove > b.threshold(bar) {
                        "drop"
                    } else {
                        "keep"
                    };
                    println!("{verdict} {:.2}  {}", b.p_remove, shown(&b.text));
                }
            }
            Item::Record(r) => {
                let doc = cleaner.clean(&r);
                println!("{}", storyline_store::export_line(&doc));
            }
        });
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn annotate(input: &str, json: bool, conllu: bool) -> Result<ExitCode> {
    let text = if input == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        s
    } else {
        std::fs::read_to_string(input).with_context(|| input.to_owned())?
    };
    let annotator = storyline_nlp::Annotator::bundled().map_err(anyhow::Error::msg)?;
    let doc = annotator.annotate(&text);
    if conllu {
        // Tokens keep their text; line breaks inside a token would break the format.
        let field = |s: &str| -> String {
            if s.is_empty() {
                "_".to_owned()
            } else {
                s.replace(['\n', '\r', '\t'], " ")
            }
        };
        for s in &doc.sentences {
            println!("# text = {}", field(s.span.of(&doc.text)));
            for (k, i) in s.tokens.clone().enumerate() {
                let t = &doc.tokens[i];
                let head = t.head.map_or(0, |h| h + 1 - s.tokens.start);
                println!(
                    "{}\t{}\t{}\t{}\t{}\t_\t{head}\t{}\t_\t_",
                    k + 1,
                    field(t.span.of(&doc.text)),
                    field(&t.lemma),
                    field(&t.upos),
                    field(&t.xpos),
                    field(&t.deprel)
                );
            }
            println!();
        }
    } else if json {
        let sentences: Vec<serde_json::Value> = doc
            .sentences
            .iter()
            .map(|s| {
                let tokens: Vec<serde_json::Value> = doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| {
                        serde_json::json!({"text": t.span.of(&doc.text), "start": t.span.start, "end": t.span.end,
                            "upos": t.upos, "xpos": t.xpos, "lemma": t.lemma, "head": t.head, "deprel": t.deprel})
                    })
                    .collect();
                serde_json::json!({"text": s.span.of(&doc.text), "start": s.span.start, "end": s.span.end, "tokens": tokens})
            })
            .collect();
        let entities: Vec<serde_json::Value> = doc
            .entities
            .iter()
            .map(|e| serde_json::json!({"text": e.span.of(&doc.text), "start": e.span.start, "end": e.span.end, "label": e.label.as_str()}))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "sentences": sentences, "entities": entities })
        );
    } else {
        for s in &doc.sentences {
            let words: Vec<String> = doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| format!("{}/{}", t.span.of(&doc.text), t.upos))
                .collect();
            println!("{}", shown(&words.join(" ")));
        }
        for e in &doc.entities {
            println!("{}\t{}", e.label.as_str(), shown(e.span.of(&doc.text)));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The plain texts of the inputs (files, folders, JSON Lines `text` fields).
fn bench_texts(args: &[String]) -> Vec<String> {
    use storyline_ingest::{expand_inputs, read_input, Content, Item, Limits};
    let (inputs, _) = expand_inputs(args);
    let mut texts = Vec::new();
    for input in &inputs {
        read_input(input, &Limits::default(), &mut |item| {
            if let Item::Record(r) = item {
                if let Content::Text(t) = r.content {
                    texts.push(t);
                }
            }
        });
    }
    texts
}

fn bench_timex(args: &[String], max_words: usize) -> Result<ExitCode> {
    let mut texts = bench_texts(args);
    let mut words = 0;
    texts.retain(|t| {
        let keep = words < max_words;
        words += if keep {
            t.split_whitespace().count()
        } else {
            0
        };
        keep
    });
    let dct = storyline_model::Date::new(2005, 6, 1);
    let start = Instant::now();
    let found: usize = texts
        .iter()
        .map(|t| storyline_timex::find_timexes(t, dct).len())
        .sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} texts, {words} words, {found} time expressions in {secs:.2}s: {:.0} words/s (one core)",
        texts.len(),
        words as f64 / secs
    );
    Ok(ExitCode::SUCCESS)
}

fn bench_text(args: &[String]) -> Result<ExitCode> {
    let texts = bench_texts(args);
    let bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let segmenter = storyline_text::Segmenter::bundled().map_err(anyhow::Error::msg)?;
    let start = Instant::now();
    let tokens: usize = texts
        .iter()
        .map(|t| storyline_text::tokenize(t).len())
        .sum();
    let tokenize_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut sentences = 0;
    for t in &texts {
        sentences += segmenter.annotate(t).sentences.len();
    }
    let both_secs = start.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB, {words} words, {tokens} tokens, {sentences} sentences (one core)",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!(
        "tokenize:             {:>9.0} tokens/s  {:>9.0} words/s",
        tokens as f64 / tokenize_secs,
        words as f64 / tokenize_secs
    );
    println!(
        "tokenize + sentences: {:>9.0} tokens/s  {:>9.0} words/s",
        tokens as f64 / both_secs,
        words as f64 / both_secs
    );
    let annotator = storyline_nlp::Annotator::bundled().map_err(anyhow::Error::msg)?;
    let docs: Vec<storyline_model::doc::Doc> =
        texts.iter().map(|t| segmenter.annotate(t)).collect();
    // Each document's sentences as word lists, built once outside the timings.
    let doc_sentences: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|doc| {
            doc.sentences
                .iter()
                .map(|s| {
                    doc.tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| t.span.of(&doc.text))
                        .collect()
                })
                .collect()
        })
        .collect();
    let start = Instant::now();
    let mut entities = 0;
    for sentences in &doc_sentences {
        entities += annotator
            .ner()
            .predict_document(sentences)
            .iter()
            .map(|tags| storyline_ner::spans(tags).len())
            .sum::<usize>();
    }
    let ner_secs = start.elapsed().as_secs_f64();
    let sentence_words: Vec<&Vec<&str>> = doc_sentences.iter().flatten().collect();
    let start = Instant::now();
    let tags: Vec<_> = sentence_words
        .iter()
        .map(|w| annotator.ud().tag(w))
        .collect();
    let tag_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for (w, t) in sentence_words.iter().zip(&tags) {
        annotator.ud().parse(w, t);
    }
    let parse_secs = start.elapsed().as_secs_f64();
    // Tagging then NER over the same sentences, timed together.
    let start = Instant::now();
    let mut tagged = 0;
    let mut tag_ner_entities = 0;
    for sentences in &doc_sentences {
        for s in sentences {
            tagged += annotator.ud().tag(s).len();
        }
        tag_ner_entities += annotator
            .ner()
            .predict_document(sentences)
            .iter()
            .map(|tags| storyline_ner::spans(tags).len())
            .sum::<usize>();
    }
    let tag_ner_secs = start.elapsed().as_secs_f64();
    debug_assert_eq!(tagged, tokens);
    debug_assert_eq!(tag_ner_entities, entities);
    println!(
        "tag (UPOS+XPOS):      {:>9.0} tokens/s",
        tokens as f64 / tag_secs
    );
    println!(
        "parse:                {:>9.0} tokens/s",
        tokens as f64 / parse_secs
    );
    println!(
        "named entities:       {:>9.0} tokens/s  ({entities} entities)",
        tokens as f64 / ner_secs
    );
    println!(
        "tag + NER:            {:>9.0} tokens/s",
        tokens as f64 / tag_ner_secs
    );
    Ok(ExitCode::SUCCESS)
}

fn train_clusters(corpora: &Path, out: &Path, clusters: usize) -> Result<ExitCode> {
    use storyline_ner::clusters::{
        brown_clusters, cluster_key, read_reuters, read_text_tree, BrownOptions,
    };
    let start = Instant::now();
    let mut sentences = read_reuters(&corpora.join("reuters21578"))
        .with_context(|| corpora.join("reuters21578").display().to_string())?;
    sentences.extend(
        read_text_tree(&corpora.join("bbc_news/bbc"))
            .with_context(|| corpora.join("bbc_news/bbc").display().to_string())?,
    );
    let train_path = corpora.join("conll2003/eng.train");
    let train =
        std::fs::read_to_string(&train_path).with_context(|| train_path.display().to_string())?;
    let train = storyline_ner::io::read_conll2003(&train)
        .map_err(|e| anyhow::anyhow!("{}: {e:?}", train_path.display()))?;
    sentences.extend(train.into_iter().map(|s| s.tokens));
    let prior = storyline_ner::CasePrior::from_sentences(&sentences, 3);
    for s in sentences.iter_mut() {
        for w in s.iter_mut() {
            *w = cluster_key(w);
        }
    }
    let options = BrownOptions {
        clusters,
        min_count: 3,
        max_vocab: 40_000,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let wc = brown_clusters(&sentences, &options);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, wc.to_text())?;
    let case_path = PathBuf::from(format!("{}.case", out.display()));
    std::fs::write(&case_path, prior.to_text())?;
    println!(
        "{} words in {} clusters in {:.0}s; wrote {} and {}",
        wc.len(),
        wc.num_clusters(),
        start.elapsed().as_secs_f64(),
        out.display(),
        case_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The Universal NER web set, relative to the corpora folder.
const UNER_DEV: &str = "uner_english_ewt/en_ewt-ud-dev.iob2";
/// Web text of the same genres for self-training (its words and PROPN tags; it has no names
/// marked), relative to the corpora folder.
const EWT_TRAIN: &str = "ud_english_ewt/en_ewt-ud-train.conllu";
/// How many times the web set is used per training epoch (it is ~8× smaller than CoNLL).
const WEB_COPIES: usize = 6;
/// Perceptrons averaged into each stage of the web model: with one, the 5-fold CV score moved
/// by over 2 F1 points between seeds (its training set is small and upweighted).
const WEB_ENSEMBLE: usize = 3;
/// Fraction of documents also trained on fully lower-cased, for the web model (web questions
/// and forum posts are often written in lower case): +0.4 F1 over the default 0.3 in 5-fold
/// CV with each of two seeds.
const WEB_LOWERCASE_COPIES: f64 = 0.5;

fn parse_domain(s: &str) -> std::result::Result<storyline_ner::Domain, String> {
    storyline_ner::Domain::parse(s).ok_or_else(|| format!("unknown domain {s:?} (news or web)"))
}

/// Inputs of NER training.
struct NerSetup<'a> {
    corpora: &'a Path,
    clusters: &'a Path,
    /// The web set (Universal NER IOB2), if any.
    web: Option<&'a Path>,
    web_copies: usize,
    /// Domain feature augmentation (shared plus news- and web-specific weights).
    domains: bool,
    /// Keep CoNLL-2003 MISC entities when training with the web set (else they become O).
    keep_misc: bool,
    /// Perceptrons averaged into each stage ([`storyline_ner::TrainOptions::ensemble`]).
    ensemble: usize,
    /// CoNLL-U text for self-training the web model, if any.
    unlabeled: Option<&'a Path>,
    unlabeled_copies: usize,
    self_training_rounds: usize,
    /// Filter self-tagged names by the file's PROPN tags.
    proper_only: bool,
}

/// Training data and options: CoNLL-2003 train (news) and the web set (if any).
struct NerData {
    news: Vec<storyline_ner::Sentence>,
    web: Vec<storyline_ner::Sentence>,
    /// Untagged sentences for self-training (tags all O until a model tags them).
    unlabeled: Vec<storyline_ner::Sentence>,
    /// Per unlabeled token: whether the treebank tags it a proper noun.
    unlabeled_proper: Vec<Vec<bool>>,
    options: storyline_ner::TrainOptions,
}

fn load_ner_data(setup: &NerSetup) -> Result<NerData> {
    use storyline_ner::{CasePrior, FeatureConfig, Gazetteer, TrainOptions, WordClusters};
    let train_path = setup.corpora.join("conll2003/eng.train");
    let train =
        std::fs::read_to_string(&train_path).with_context(|| train_path.display().to_string())?;
    let mut news = storyline_ner::io::read_conll2003(&train)
        .map_err(|e| anyhow::anyhow!("{}: {e:?}", train_path.display()))?;
    if setup.web.is_some() && !setup.keep_misc {
        // Universal NER has no MISC type: nationalities, products and events are O there, so
        // the web model learns them as O from both sets (fewer capitalised words taken for
        // people or organisations; 5-fold CV, mean of two seeds: 65.2 vs 64.7 F1).
        for s in news.iter_mut() {
            s.untag(storyline_ner::EntityType::Misc);
        }
    }
    let web = match setup.web {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{} (or train with --no-web)", p.display()))?;
            storyline_ner::io::read_uner(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e:?}", p.display()))?
        }
        None => Vec::new(),
    };
    let clusters_text = std::fs::read_to_string(setup.clusters)
        .with_context(|| setup.clusters.display().to_string())?;
    let case_path = PathBuf::from(format!("{}.case", setup.clusters.display()));
    let case_text =
        std::fs::read_to_string(&case_path).with_context(|| case_path.display().to_string())?;
    let gazetteer = Gazetteer::from_geonames(&setup.corpora.join("geonames"))
        .with_context(|| setup.corpora.join("geonames").display().to_string())?;
    let defaults = TrainOptions::default();
    let options = TrainOptions {
        features: FeatureConfig {
            clusters: true,
            gazetteer: true,
            document: true,
            wide_clusters: true,
            case_prior: true,
            domains: setup.web.is_some() && setup.domains,
            domain_words: false,
        },
        clusters: WordClusters::from_text(&clusters_text),
        case_prior: CasePrior::from_text(&case_text),
        gazetteer,
        verbose: false,
        ensemble: setup.ensemble,
        lowercase_copies: if setup.web.is_some() {
            WEB_LOWERCASE_COPIES
        } else {
            defaults.lowercase_copies
        },
        ..defaults
    };
    let (unlabeled, unlabeled_proper) = match setup.unlabeled {
        Some(p) => unlabeled_sentences(p)?,
        None => Default::default(),
    };
    Ok(NerData {
        news,
        web,
        unlabeled,
        unlabeled_proper,
        options,
    })
}

/// Untagged NER sentences with each word's proper-noun flag.
type Unlabeled = (Vec<storyline_ner::Sentence>, Vec<Vec<bool>>);

/// The syntactic words of a CoNLL-U file as untagged NER sentences, documents split at
/// `# newdoc` comments, with each word's proper-noun flag (UPOS PROPN).
fn unlabeled_sentences(path: &Path) -> Result<Unlabeled> {
    let sents = storyline_ud::conllu::read_file(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut doc = 0;
    let mut out = Vec::with_capacity(sents.len());
    let mut proper = Vec::with_capacity(sents.len());
    for (i, s) in sents.iter().enumerate() {
        if i > 0 && s.comments.iter().any(|c| c.starts_with("# newdoc")) {
            doc += 1;
        }
        proper.push(s.words.iter().map(|w| w.upos == "PROPN").collect());
        let tokens: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        out.push(storyline_ner::Sentence {
            tags: vec![storyline_ner::Tag::O; tokens.len()],
            tokens,
            doc,
        });
    }
    Ok((out, proper))
}

/// The self-training input: the unlabeled text, once tagged, as more web data.
fn self_training<'a>(setup: &NerSetup, data: &'a NerData) -> storyline_ner::SelfTraining<'a> {
    storyline_ner::SelfTraining {
        unlabeled: &data.unlabeled,
        proper: setup.proper_only.then_some(&data.unlabeled_proper[..]),
        silver: storyline_ner::TrainSet {
            sentences: &[],
            domain: storyline_ner::Domain::Web,
            copies: setup.unlabeled_copies.max(1),
            case_copies: false,
        },
        rounds: setup.self_training_rounds,
    }
}

fn web_set<'a>(
    setup: &NerSetup,
    sentences: &'a [storyline_ner::Sentence],
) -> storyline_ner::TrainSet<'a> {
    storyline_ner::TrainSet {
        sentences,
        domain: storyline_ner::Domain::Web,
        copies: setup.web_copies.max(1),
        case_copies: true,
    }
}

fn train_ner(setup: &NerSetup, out: &Path) -> Result<ExitCode> {
    use storyline_ner::{NerModel, TrainSet};
    let start = Instant::now();
    let data = load_ner_data(setup)?;
    let mut sets = vec![TrainSet::news(&data.news)];
    if setup.web.is_some() {
        sets.push(web_set(setup, &data.web));
    }
    let model = if data.unlabeled.is_empty() {
        NerModel::train_sets(&sets, &data.options)
    } else {
        NerModel::train_self_trained(&sets, &self_training(setup, &data), &data.options)
    };
    let bytes = model.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &bytes)?;
    println!(
        "trained on {} news and {} web sentences in {:.0}s; wrote {} ({:.1} MB)",
        data.news.len(),
        data.web.len(),
        start.elapsed().as_secs_f64(),
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

fn print_ner_scores(e: &storyline_ner::Evaluation) {
    println!(
        "{:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}",
        "overall",
        100.0 * e.overall.precision(),
        100.0 * e.overall.recall(),
        100.0 * e.overall.f1()
    );
    for t in storyline_ner::EntityType::ALL {
        if e.ignore_misc && t == storyline_ner::EntityType::Misc {
            continue;
        }
        let c = e.of(t);
        println!(
            "{:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}",
            t.as_str(),
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1()
        );
    }
}

fn cross_validate_ner(setup: &NerSetup, k: usize, predictions: Option<&Path>) -> Result<ExitCode> {
    use storyline_ner::io::{write_predictions, Format, WriteOptions};
    use storyline_ner::TrainSet;
    let Some(web_path) = setup.web else {
        anyhow::bail!("--folds cross-validates over the web set; drop --no-web");
    };
    anyhow::ensure!(k >= 2, "--folds needs at least 2 folds");
    let start = Instant::now();
    let data = load_ner_data(setup)?;
    let cv = storyline_ner::cv::cross_validate(
        &[TrainSet::news(&data.news)],
        web_set(setup, &data.web),
        k,
        &data.options,
        (!data.unlabeled.is_empty())
            .then(|| self_training(setup, &data))
            .as_ref(),
        &mut |i, e| {
            eprintln!(
                "fold {i}/{k}: F1 {:6.2} ({:.0}s)",
                100.0 * e.overall.f1(),
                start.elapsed().as_secs_f64()
            )
        },
    );
    if let Some(p) = predictions {
        let text = std::fs::read_to_string(web_path)?;
        let out = write_predictions(
            &text,
            Format::Uner,
            &cv.predicted,
            WriteOptions { drop_misc: true },
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        std::fs::write(p, out).with_context(|| p.display().to_string())?;
    }
    println!(
        "{}-fold cross-validation over {} ({} sentences, folds of whole documents; each fold \
         tagged as web by a model trained on CoNLL-2003 train and the other folds):",
        k,
        web_path.display(),
        data.web.len()
    );
    print_ner_scores(&cv.overall);
    Ok(ExitCode::SUCCESS)
}

fn eval_ner(
    gold: &Path,
    predictions: &Path,
    domain: Option<storyline_ner::Domain>,
    model: Option<&Path>,
) -> Result<ExitCode> {
    use storyline_ner::io::{read, write_predictions, Format, WriteOptions};
    use storyline_ner::{Domain, EntityType};
    let text = std::fs::read_to_string(gold).with_context(|| gold.display().to_string())?;
    // CoNLL-2003 lines are space-separated with the tag last; Universal NER lines are
    // tab-separated and start with a token index.
    let format = if text.lines().any(|l| l.contains('\t')) {
        Format::Uner
    } else {
        Format::Conll2003
    };
    let sentences =
        read(&text, format).map_err(|e| anyhow::anyhow!("{}: {e:?}", gold.display()))?;
    let gold_has_misc = sentences
        .iter()
        .flat_map(|s| &s.tags)
        .any(|t| t.entity_type() == Some(EntityType::Misc));
    let no_misc = format == Format::Uner && !gold_has_misc;
    let domain = domain.unwrap_or(if no_misc { Domain::Web } else { Domain::News });
    let loaded;
    let annotator;
    let ner = match model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| p.display().to_string())?;
            loaded = storyline_ner::NerModel::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            &loaded
        }
        // Web text is tagged by the model that also learned from web text; news by the
        // pipeline's own model.
        None if domain == Domain::Web => {
            loaded = storyline_nlp::web_ner().map_err(anyhow::Error::msg)?;
            &loaded
        }
        None => {
            annotator = storyline_nlp::Annotator::bundled().map_err(anyhow::Error::msg)?;
            annotator.ner()
        }
    };
    let predicted = ner.predict_sentences_in(&sentences, domain);
    let out = write_predictions(
        &text,
        format,
        &predicted,
        WriteOptions { drop_misc: no_misc },
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    std::fs::write(predictions, out).with_context(|| predictions.display().to_string())?;
    let gold_tags: Vec<_> = sentences.iter().map(|s| s.tags.clone()).collect();
    let e = storyline_ner::evaluate(&gold_tags, &predicted, no_misc);
    println!(
        "{} sentences, tagged as {}{}; entity-level (conlleval):",
        sentences.len(),
        domain.as_str(),
        if ner.has_domains() {
            ""
        } else {
            " (the model has no domain features)"
        }
    );
    print_ner_scores(&e);
    Ok(ExitCode::SUCCESS)
}

fn eval_ud(gold: &Path, predictions: &Path) -> Result<ExitCode> {
    let gold_sentences = storyline_ud::conllu::read_file(gold)
        .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
    let annotator = storyline_nlp::Annotator::bundled().map_err(anyhow::Error::msg)?;
    let mut predicted = gold_sentences.clone();
    for s in predicted.iter_mut() {
        annotator.ud().annotate_sentence(s);
    }
    std::fs::write(predictions, storyline_ud::conllu::to_string(&predicted))
        .with_context(|| predictions.display().to_string())?;
    let s = storyline_ud::eval::score(&gold_sentences, &predicted)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{} sentences: UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}",
        gold_sentences.len(),
        s.upos_acc(),
        s.xpos_acc(),
        s.lemma_acc(),
        s.uas_pct(),
        s.las_pct()
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn read_text_input(input: &str) -> Result<String> {
    if input == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(input).with_context(|| input.to_owned())
    }
}

fn time_expressions(input: &str, dct: Option<&str>) -> Result<ExitCode> {
    let text = read_text_input(input)?;
    let dct = match dct {
        Some(d) => Some(
            storyline_model::Date::parse_iso(d)
                .with_context(|| format!("--dct {d}: not a YYYY-MM-DD date"))?,
        ),
        None => None,
    };
    for t in storyline_timex::find_timexes(&text, dct) {
        let line = serde_json::json!({
            "text": t.span.of(&text),
            "start": t.span.start,
            "end": t.span.end,
            "type": t.kind.as_str(),
            "value": t.value,
            "start_date": t.interval.map(|i| i.start.to_string()),
            "end_date": t.interval.map(|i| i.end.to_string()),
            "precision": t.precision.map(|p| p.as_str()),
        });
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_timex(gold: &Path, predictions: &Path) -> Result<ExitCode> {
    use storyline_timex::eval::{self as teval, Counts, Scored};
    std::fs::create_dir_all(predictions).with_context(|| predictions.display().to_string())?;
    let files = teval::tml_files(gold).with_context(|| gold.display().to_string())?;
    if files.is_empty() {
        bail!("{}: no .tml files", gold.display());
    }
    let mut total = Counts::default();
    let mut failed = 0;
    for path in &files {
        let loaded = match teval::load(path) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {}", shown(&e));
                failed += 1;
                continue;
            }
        };
        let found = storyline_timex::find_timexes(&loaded.doc.text, loaded.doc.dct);
        let out = predictions.join(&loaded.name);
        std::fs::write(&out, storyline_timex::timeml::write(&loaded.doc, &found))
            .with_context(|| out.display().to_string())?;
        let gold: Vec<Scored> = loaded.doc.timexes.iter().map(Scored::from).collect();
        let system: Vec<Scored> = found.iter().map(Scored::from).collect();
        total += teval::score(&gold, &system);
    }
    println!("{} documents\n{}", files.len() - failed, total.report());
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!(
            "{}: no such store (run `storyline ingest --db {}` first)",
            db.display(),
            db.display()
        );
    }
    Ok(Store::open(db)?)
}

fn exit_for(summary: &Summary) -> ExitCode {
    if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn ingest_with_progress(
    store: &mut Store,
    inputs: &[String],
    jobs: Option<usize>,
    report_failures: bool,
    analyze: bool,
    report_throughput: bool,
) -> Result<Summary> {
    let cleaner = Arc::new(Cleaner::bundled().map_err(anyhow::Error::msg)?);
    let mut options = Options::default();
    if analyze {
        options.analyzer = Some(Arc::new(
            storyline_analyze::Analyzer::bundled().map_err(anyhow::Error::msg)?,
        ));
    }
    if let Some(j) = jobs {
        options.workers = j.max(1);
    }
    let total_bytes: u64 = inputs
        .iter()
        .filter(|a| *a != "-")
        .map(|a| dir_size(Path::new(a)))
        .sum();
    let bar = ProgressBar::new(total_bytes);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let (mut new, mut dup, mut failed) = (0u64, 0u64, 0u64);
    let start = Instant::now();
    let summary =
        storyline_pipeline::ingest(store, cleaner, inputs, &options, &mut |event| match event {
            Event::InputDone { size, .. } => bar.inc(size),
            Event::Failure(f) => {
                failed += 1;
                if report_failures {
                    bar.suspend(|| eprintln!("error: {}", shown(&f.to_string())));
                }
                bar.set_message(format!("{new} new, {dup} duplicate, {failed} failed"));
            }
            Event::Stored { outcome, .. } => {
                match outcome {
                    Outcome::Duplicate { .. } => dup += 1,
                    _ => new += 1,
                }
                bar.set_message(format!("{new} new, {dup} duplicate, {failed} failed"));
            }
        })?;
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    if report_throughput {
        eprintln!(
            "{:.1} MB in {:.2}s ({:.1} MB/s, {:.0} docs/s)",
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs,
            (summary.new + summary.duplicates) as f64 / secs
        );
    }
    Ok(summary)
}

fn dir_size(p: &Path) -> u64 {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) if m.is_dir() => std::fs::read_dir(p)
            .map(|rd| rd.flatten().map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0),
        _ => 0,
    }
}

fn print_summary(s: &Summary) {
    println!(
        "{} new documents ({} near-duplicates linked), {} duplicates skipped, {} failed, from {} inputs",
        s.new, s.near_duplicates, s.duplicates, s.failed, s.inputs
    );
}

/// Where the sample corpus lives: next to the sources this binary was built from,
/// or under the current directory.
fn sample_corpus() -> Result<PathBuf> {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news/articles");
    for candidate in [PathBuf::from("examples/news/articles"), built] {
        if candidate.is_dir() {
            return Ok(candidate.canonicalize().unwrap_or(candidate));
        }
    }
    bail!("sample corpus examples/news/articles not found (run from the repository root)")
}

fn demo(db: &Path) -> Result<ExitCode> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| p.display().to_string())?;
        }
    }
    let corpus = sample_corpus()?;
    println!(
        "storyline demo: ingesting the sample corpus {} into {}\n",
        corpus.display(),
        db.display()
    );
    let mut store = Store::open(db)?;
    let summary = ingest_with_progress(
        &mut store,
        &[corpus.display().to_string()],
        None,
        true,
        true,
        true,
    )?;
    print_summary(&summary);
    for (id, date) in story::infer_dates(&mut store, None)? {
        println!("inferred publication date {date} for document {id}");
    }

    let mut by_outlet: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_format: BTreeMap<String, usize> = BTreeMap::new();
    let mut docs = Vec::new();
    store.for_each_document(|d| {
        *by_outlet
            .entry(
                d.outlet
                    .clone()
                    .unwrap_or_else(|| "(unknown outlet)".into()),
            )
            .or_default() += 1;
        *by_format
            .entry(d.format.map_or("?", |f| f.as_str()).to_owned())
            .or_default() += 1;
        docs.push(d);
        Ok(())
    })?;
    println!("\nby outlet:");
    for (o, n) in &by_outlet {
        println!("  {n:>3}  {}", shown(o));
    }
    println!(
        "by format: {}",
        by_format
            .iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    docs.sort_by_key(|d| d.published);
    println!("\ndocuments by publication date:");
    for d in &docs {
        println!(
            "  {}  {:<8} {:<30} {}",
            d.published
                .map_or("   undated".to_string(), |p| p.to_string()),
            d.published_from.as_str(),
            shown(&truncate(d.outlet.as_deref().unwrap_or("?"), 30)),
            shown(&truncate(d.title.as_deref().unwrap_or(&d.source), 70)),
        );
    }
    let removed: usize = docs.iter().map(|d| d.removed.len()).sum();
    let near: Vec<&storyline_model::Document> = docs
        .iter()
        .filter(|d| d.near_duplicate_of.is_some())
        .collect();
    println!(
        "\n{removed} boilerplate blocks removed across {} documents",
        docs.len()
    );
    for d in near {
        let of = docs
            .iter()
            .find(|o| Some(&o.id) == d.near_duplicate_of.as_ref());
        println!(
            "near-duplicate: {} ({}) retells {} ({})",
            shown(&truncate(d.title.as_deref().unwrap_or(&d.source), 50)),
            shown(d.outlet.as_deref().unwrap_or("?")),
            shown(&truncate(
                of.and_then(|o| o.title.as_deref()).unwrap_or("?"),
                50
            )),
            shown(of.and_then(|o| o.outlet.as_deref()).unwrap_or("?")),
        );
    }
    println!("\nsearch \"hunger strike\":");
    for h in store.search("hunger strike", 3)? {
        println!(
            "  {}  {}",
            h.published.as_deref().unwrap_or("----------"),
            shown(h.title.as_deref().unwrap_or(&h.source))
        );
    }
    let loaded = story::Loaded::from_store(&store)?;
    let inputs = loaded.inputs();
    let knowledge = story::Knowledge::for_inputs(&inputs);
    let linked = knowledge.story(&inputs);
    println!("\nthe storyline:");
    story::print_story_summary(&linked);
    println!(
        "{} entities resolved across documents; events told by three or more documents:",
        knowledge.entities.len()
    );
    let widely: Vec<storyline_story::Event> = linked
        .events
        .iter()
        .filter(|e| e.doc_ids().len() >= 3)
        .cloned()
        .collect();
    for line in storyline_story::views::timeline(&inputs, &widely, &Default::default())
        .iter()
        .take(20)
    {
        println!("  {}", shown(line));
    }
    println!(
        "\ntry: storyline timeline --db {} --type arrest",
        db.display()
    );
    println!("     storyline conflicts --db {}", db.display());
    println!("     storyline entity --db {} Solanek", db.display());
    println!("     storyline search --db {} consulate", db.display());
    println!("     storyline export --db {} --out export/", db.display());
    Ok(exit_for(&summary))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
