//! Scoring predicted CoNLL-U against gold on the same (gold) tokenisation.

use std::fmt;

use crate::{Error, Sentence};

/// Counts of correct predictions over all syntactic words (punctuation included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    /// UPOS and XPOS both right.
    pub tags: usize,
    pub lemma: usize,
    /// Right head.
    pub uas: usize,
    /// Right head and full label (with subtype, e.g. `nmod:poss`).
    pub las: usize,
    /// Right head and universal part of the label (`nmod:poss` counts as `nmod`), as in the
    /// CoNLL 2018 shared task.
    pub las_universal: usize,
}

fn pct(a: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * a as f64 / n as f64
    }
}

impl Scores {
    pub fn upos_acc(&self) -> f64 {
        pct(self.upos, self.words)
    }
    pub fn xpos_acc(&self) -> f64 {
        pct(self.xpos, self.words)
    }
    pub fn tags_acc(&self) -> f64 {
        pct(self.tags, self.words)
    }
    pub fn lemma_acc(&self) -> f64 {
        pct(self.lemma, self.words)
    }
    pub fn uas_pct(&self) -> f64 {
        pct(self.uas, self.words)
    }
    pub fn las_pct(&self) -> f64 {
        pct(self.las, self.words)
    }
    pub fn las_universal_pct(&self) -> f64 {
        pct(self.las_universal, self.words)
    }

    /// Adds another set of counts.
    pub fn add(&mut self, o: &Scores) {
        self.words += o.words;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.tags += o.tags;
        self.lemma += o.lemma;
        self.uas += o.uas;
        self.las += o.las;
        self.las_universal += o.las_universal;
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "words {}  UPOS {:.2}  XPOS {:.2}  UPOS+XPOS {:.2}  LEMMA {:.2}  UAS {:.2}  LAS {:.2}  LAS(universal labels) {:.2}",
            self.words,
            self.upos_acc(),
            self.xpos_acc(),
            self.tags_acc(),
            self.lemma_acc(),
            self.uas_pct(),
            self.las_pct(),
            self.las_universal_pct()
        )
    }
}

fn universal(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Scores `pred` against `gold`. Both must have the same sentences and words (forms).
pub fn score(gold: &[Sentence], pred: &[Sentence]) -> Result<Scores, Error> {
    if gold.len() != pred.len() {
        return Err(Error::Mismatch(format!(
            "{} gold sentences, {} predicted",
            gold.len(),
            pred.len()
        )));
    }
    let mut s = Scores::default();
    for (k, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(Error::Mismatch(format!(
                "sentence {}: word counts differ",
                k + 1
            )));
        }
        for (gw, pw) in g.words.iter().zip(&p.words) {
            if gw.form != pw.form {
                return Err(Error::Mismatch(format!(
                    "sentence {}: {:?} vs {:?}",
                    k + 1,
                    gw.form,
                    pw.form
                )));
            }
            s.words += 1;
            let u = gw.upos == pw.upos;
            let x = gw.xpos == pw.xpos;
            s.upos += u as usize;
            s.xpos += x as usize;
            s.tags += (u && x) as usize;
            s.lemma += (gw.lemma == pw.lemma) as usize;
            if gw.head.is_some() && gw.head == pw.head {
                s.uas += 1;
                s.las += (gw.deprel == pw.deprel) as usize;
                s.las_universal += (universal(&gw.deprel) == universal(&pw.deprel)) as usize;
            }
        }
    }
    Ok(s)
}
