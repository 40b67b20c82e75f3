//! Universal Dependencies annotation for storyline: part-of-speech tagging (UPOS and XPOS),
//! lemmatization and labeled dependency parsing of already tokenised sentences.
//!
//! * [`Tagger`] — greedy averaged perceptron predicting a joint `UPOS|XPOS` label.
//! * [`Lemmatizer`] — lemma dictionary by (form, tags) plus learned suffix edit rules.
//! * [`Parser`] — arc-eager transition parser, averaged perceptron, dynamic oracle with
//!   exploration; always returns a tree.
//! * [`UdModels`] bundles the three: [`UdModels::train`] learns all of them from a CoNLL-U
//!   treebank (the parser on jackknifed tags), [`UdModels::annotate`] runs them on a sentence.
//! * [`conllu`] reads and writes CoNLL-U losslessly; [`eval`] scores predictions.
//!
//! Each model serialises to a compact, versioned, deterministic binary (`to_bytes` /
//! `from_bytes`): deflated varints with weights quantised to `i16`.
//!
//! ```no_run
//! use storyline_ud::{conllu, TrainOptions, UdModels};
//! let train = conllu::read_file("en_ewt-ud-train.conllu").unwrap();
//! let models = UdModels::train(&train, &TrainOptions::default());
//! for a in models.annotate(&["She", "reads", "books", "."]) {
//!     println!("{} {} {} {} {}", a.upos, a.xpos, a.lemma, a.head, a.deprel);
//! }
//! ```

// Tagging and parsing are index arithmetic over dense score arrays and
// feature tables; index loops and tuple-heavy types say it most plainly there.
#![allow(clippy::needless_range_loop, clippy::type_complexity)]

mod apart;
pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod parser;
pub mod tagger;
pub mod tree;

mod binio;
mod hash;
mod perceptron;
mod rng;
mod tags;

use std::fmt;
use std::path::Path;

pub use conllu::{Sentence, Word};
pub use lemma::{Lemmatizer, LemmatizerOptions};
pub use parser::{Dep, ParseExample, Parser, ParserOptions};
pub use tagger::{Cascade, PosTag, Tagger, TaggerOptions};
pub use tags::Upos;

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Reading or writing a file failed.
    Io(String),
    /// A model file is not in the expected format (or a different version).
    Format(String),
    /// Malformed CoNLL-U; `line` is 1-based (0 when not tied to a line).
    Conllu { line: usize, message: String },
    /// Gold and predicted data do not line up.
    Mismatch(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(m) => write!(f, "I/O error: {m}"),
            Error::Format(m) => write!(f, "bad model file: {m}"),
            Error::Conllu { line, message } => write!(f, "CoNLL-U line {line}: {message}"),
            Error::Mismatch(m) => write!(f, "gold and prediction differ: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Settings for [`UdModels::train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub tagger: TaggerOptions,
    pub lemmatizer: LemmatizerOptions,
    pub parser: ParserOptions,
    /// The parser is trained on tags predicted by taggers trained on the other folds of the
    /// training data (contiguous blocks of sentences). Values below 2 train it on gold tags.
    pub jackknife_folds: usize,
    /// Threads for training the jackknife taggers (results do not depend on it).
    pub threads: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger: TaggerOptions::default(),
            lemmatizer: LemmatizerOptions::default(),
            parser: ParserOptions::default(),
            jackknife_folds: 10,
            threads: 1,
        }
    }
}

/// Everything predicted for one word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation<'a> {
    pub upos: Upos,
    pub xpos: &'a str,
    pub lemma: String,
    /// 1-based head, 0 for the root.
    pub head: usize,
    pub deprel: &'a str,
}

/// The three models.
#[derive(Clone)]
pub struct UdModels {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
}

/// File names used by [`UdModels::save`] and [`UdModels::load`].
pub const TAGGER_FILE: &str = "tagger.bin";
pub const LEMMATIZER_FILE: &str = "lemmatizer.bin";
pub const PARSER_FILE: &str = "parser.bin";

fn example(s: &Sentence, tags: Vec<(Upos, String)>) -> Option<ParseExample> {
    let heads = s.heads()?;
    Some(ParseExample {
        forms: s.words.iter().map(|w| w.form.clone()).collect(),
        upos: tags.iter().map(|t| t.0).collect(),
        xpos: tags.into_iter().map(|t| t.1).collect(),
        heads,
        deprels: s.words.iter().map(|w| w.deprel.clone()).collect(),
    })
}

impl UdModels {
    /// Trains tagger, lemmatizer and parser on a treebank (gold FORM, LEMMA, UPOS, XPOS, HEAD,
    /// DEPREL). Deterministic: the same data and options give identical models.
    pub fn train(sents: &[Sentence], opts: &TrainOptions) -> UdModels {
        Self::train_with_progress(sents, opts, &mut |_| {})
    }

    /// As [`UdModels::train`], reporting progress lines through `progress`.
    pub fn train_with_progress(
        sents: &[Sentence],
        opts: &TrainOptions,
        progress: &mut dyn FnMut(&str),
    ) -> UdModels {
        let all: Vec<&Sentence> = sents.iter().collect();
        let t0 = std::time::Instant::now();
        let k = opts.jackknife_folds;
        let (tagger, tags) = if k >= 2 {
            Tagger::train_with_jackknife(&all, &opts.tagger, k, opts.threads, progress)
        } else {
            let gold = sents
                .iter()
                .map(|s| {
                    s.words
                        .iter()
                        .map(|w| (Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.clone()))
                        .collect()
                })
                .collect();
            (Tagger::train(&all, &opts.tagger), gold)
        };
        progress(&format!(
            "tagger trained ({} labels, {} features) in {:.1}s",
            tagger.n_labels(),
            tagger.n_features(),
            t0.elapsed().as_secs_f64()
        ));
        if k >= 2 {
            let (mut right, mut total) = (0usize, 0usize);
            for (s, t) in sents.iter().zip(&tags) {
                for (w, p) in s.words.iter().zip(t) {
                    total += 1;
                    right += (w.upos == p.0.as_str()) as usize;
                }
            }
            progress(&format!(
                "jackknifed tags ({k} folds): UPOS {:.2}% on train",
                100.0 * right as f64 / total.max(1) as f64
            ));
        }
        let lemmatizer = Lemmatizer::train(&all, &opts.lemmatizer);
        let examples: Vec<ParseExample> = sents
            .iter()
            .zip(tags)
            .filter_map(|(s, t)| example(s, t))
            .collect();
        let t2 = std::time::Instant::now();
        let parser = Parser::train_with_progress(&examples, &opts.parser, progress);
        progress(&format!(
            "parser trained ({} features) in {:.1}s",
            parser.n_features(),
            t2.elapsed().as_secs_f64()
        ));
        UdModels {
            tagger,
            lemmatizer,
            parser,
        }
    }

    /// UPOS and XPOS for each word.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<PosTag<'_>> {
        self.tagger.tag(words)
    }

    /// The lemma of one word given its tags.
    pub fn lemmatize(&self, form: &str, upos: Upos, xpos: &str) -> String {
        self.lemmatizer.lemmatize(form, upos, xpos)
    }

    /// Head and label for each word, given the words' tags. A closed apposition after a
    /// name ("Ivan Petrov, an opposition activist, ...") is parsed apart and grafted back.
    pub fn parse<S: AsRef<str>>(&self, words: &[S], tags: &[PosTag<'_>]) -> Vec<Dep<'_>> {
        apart::parse(&self.parser, words, tags)
    }

    /// Tags, lemmatizes and parses one tokenised sentence.
    pub fn annotate<S: AsRef<str>>(&self, words: &[S]) -> Vec<Annotation<'_>> {
        let tags = self.tagger.tag(words);
        let deps = self.parse(words, &tags);
        words
            .iter()
            .zip(tags)
            .zip(deps)
            .map(|((w, t), d)| Annotation {
                upos: t.upos,
                xpos: t.xpos,
                lemma: self.lemmatizer.lemmatize(w.as_ref(), t.upos, t.xpos),
                head: d.head,
                deprel: d.deprel,
            })
            .collect()
    }

    /// Annotates a CoNLL-U sentence in place from its FORM column: replaces LEMMA, UPOS, XPOS,
    /// HEAD and DEPREL, and sets FEATS and DEPS (which would no longer agree) to `_`. ID, FORM,
    /// MISC, comments, multiword token lines and empty nodes are kept.
    pub fn annotate_sentence(&self, s: &mut Sentence) {
        let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let ann = self.annotate(&forms);
        for (w, a) in s.words.iter_mut().zip(ann) {
            w.upos = a.upos.as_str().to_string();
            w.xpos = a.xpos.to_string();
            w.lemma = a.lemma;
            w.head = Some(a.head);
            w.deprel = a.deprel.to_string();
            w.feats = "_".to_string();
            w.deps = "_".to_string();
        }
    }

    /// Writes the three model files into `dir` (created if missing).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let dir = dir.as_ref();
        let io = |e: std::io::Error| Error::Io(format!("{}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(dir.join(TAGGER_FILE), self.tagger.to_bytes()).map_err(io)?;
        std::fs::write(dir.join(LEMMATIZER_FILE), self.lemmatizer.to_bytes()).map_err(io)?;
        std::fs::write(dir.join(PARSER_FILE), self.parser.to_bytes()).map_err(io)?;
        Ok(())
    }

    /// Loads the three model files from `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<UdModels, Error> {
        let dir = dir.as_ref();
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| Error::Io(format!("{}: {e}", p.display())))
        };
        Ok(UdModels {
            tagger: Tagger::from_bytes(&read(TAGGER_FILE)?)?,
            lemmatizer: Lemmatizer::from_bytes(&read(LEMMATIZER_FILE)?)?,
            parser: Parser::from_bytes(&read(PARSER_FILE)?)?,
        })
    }
}
