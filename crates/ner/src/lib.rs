//! Named-entity recognition for storyline: PER, ORG, LOC and MISC over tokenized sentences.
//!
//! The tagger is an averaged structured perceptron over BIO tags, decoded with first-order
//! Viterbi under BIO constraints (`I-X` only after `B-X`/`I-X`). Features: the word and its
//! lower-case form, shapes, prefixes and suffixes, capitalisation patterns, a ±2 word window and
//! word bigrams, Brown-cluster path prefixes (±2 tokens), gazetteer matches (multi-token, begin /
//! inside), and document context (how the same word is written elsewhere in the document, and
//! whether it appears as the first/last word of longer capitalised names there).
//!
//! ```no_run
//! use storyline_ner::{NerModel, TrainOptions, io, tags::spans};
//! let text = std::fs::read_to_string("eng.train").unwrap();
//! let train = io::read_conll2003(&text).unwrap();
//! let model = NerModel::train(&train, &TrainOptions::default());
//! let tags = model.predict(&["Angela", "Merkel", "visited", "Paris", "."]);
//! for e in spans(&tags) {
//!     println!("{}..{} {}", e.start, e.end, e.kind);
//! }
//! let bytes = model.to_bytes();
//! let again = NerModel::from_bytes(&bytes).unwrap();
//! # let _ = again;
//! ```

#![allow(clippy::needless_range_loop)]

mod binio;
pub mod casing;
pub mod clusters;
pub mod cv;
pub mod eval;
pub mod features;
pub mod gazetteer;
mod hash;
pub mod io;
pub mod model;
pub mod tags;

pub use casing::CasePrior;
pub use clusters::WordClusters;
pub use eval::{evaluate, Counts, Evaluation};
pub use features::{Domain, FeatureConfig};
pub use gazetteer::Gazetteer;
pub use io::{Format, Sentence};
pub use model::{ModelError, NerModel, SelfTraining, TrainOptions, TrainSet};
pub use tags::{spans, EntitySpan, EntityType, Tag};
