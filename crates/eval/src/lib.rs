//! Evaluation against gold data.
//!
//! [`clean`]: boilerplate removal and metadata on a corpus described by a
//! gold `documents.jsonl` (the sample corpus's format, see
//! `examples/news/gold/README.md`).
//! [`stories`]: linking, conflicts and entities on a story folder's export, against its
//! `GOLD.json` (see `examples/stories/README.md`).

pub mod clean;
pub mod extract;
pub mod stories;

/// Precision, recall and F1 from counts.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
