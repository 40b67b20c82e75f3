//! Part-of-speech tagger: greedy left-to-right averaged perceptrons.
//!
//! A tagger has up to three *stages*, each a greedy left-to-right perceptron:
//!
//! * an optional **first stage** predicting joint `UPOS|XPOS` labels from the words alone;
//! * the **main stage** predicting joint `UPOS|XPOS` labels; when there is a first stage, its
//!   predictions for the current word and the two words to the right are extra features
//!   (stacking: it sees right context tags). During training those predictions come from
//!   first-stage models trained on other folds of the data, so they are as noisy as at run time;
//! * an optional **UPOS stage** (same features, UPOS labels only) whose UPOS replaces the main
//!   stage's.
//!
//! Features of every stage: the word, its lower-case form, prefixes and suffixes of 1–4
//! characters, word shape, capitalisation/digit/hyphen flags, length, the part after the last
//! hyphen, the casing style of the sentence, the lower-case words two to the left and right,
//! suffixes and shapes of the neighbours, the "ambiguity class" (set of labels seen in training)
//! of the word, its cased form and the next two words, and the previous two predicted labels.
//! Frequent words (nearly) always seen with one label are tagged from a dictionary.
//!
//! The main and UPOS stages may each be a pair (left to right and right to left, scores
//! summed). At run time a [`Cascade`] leaves out the later stages for words the earlier ones
//! already tag with a wide margin, which is most words.

use crate::binio::{self, Dec, Enc};
use crate::hash::{hash_str, key, mix, pair, triple, StrMap};
use crate::perceptron::{Trainer, Weights};
use crate::rng::Rng;
use crate::tags::Upos;
use crate::{Error, Sentence};

const MAGIC: &[u8; 8] = b"SLUDTAGR";
const VERSION: u32 = 2;

/// A predicted tag pair; `xpos` borrows from the tagger's label set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PosTag<'a> {
    pub upos: Upos,
    pub xpos: &'a str,
}

/// Training settings for the tagger.
#[derive(Clone, Debug)]
pub struct TaggerOptions {
    /// Passes over the training data (main and UPOS stages).
    pub iterations: usize,
    /// Use a first stage whose predictions (incl. right context) feed the main stage.
    pub stacked: bool,
    /// Passes for the first stage.
    pub first_iterations: usize,
    /// Folds for producing first-stage predictions on the training data.
    pub stack_folds: usize,
    /// Add a UPOS-only stage that decides the UPOS.
    pub upos_stage: bool,
    /// Also tag right to left and sum the scores of both directions.
    pub bidirectional: bool,
    /// Seed for the sentence order shuffle.
    pub seed: u64,
    /// Words (lower-cased) seen fewer times than this are treated as unknown words.
    pub known_min_count: u32,
    /// A word form seen at least this often ...
    pub dict_min_count: u32,
    /// ... with one label at least this share of the time is tagged from the dictionary.
    pub dict_min_share: f64,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            iterations: 10,
            stacked: false,
            first_iterations: 8,
            stack_folds: 5,
            upos_stage: true,
            bidirectional: true,
            seed: 1,
            known_min_count: 3,
            dict_min_count: 20,
            dict_min_share: 0.99,
        }
    }
}

/// One greedy perceptron tagger.
#[derive(Clone)]
struct Stage {
    /// Uses first-stage predictions as features.
    hinted: bool,
    /// Tags right to left.
    reverse: bool,
    labels: Vec<(Upos, String)>,
    weights: Weights,
    /// Exact form -> label, for frequent unambiguous words.
    tagdict: StrMap<String, u16>,
    /// Lower-case form (or [`CASED`] + cased form) -> hash of the set of labels seen with it.
    ambig: StrMap<String, u64>,
}

/// A trained tagger.
#[derive(Clone)]
pub struct Tagger {
    first: Option<Stage>,
    /// Joint-label stages whose scores are summed (left-to-right, and right-to-left if
    /// bidirectional); same label list.
    joint: Vec<Stage>,
    /// UPOS stages, likewise; may be empty.
    upos: Vec<Stage>,
    /// For each joint label, the index of its UPOS among the UPOS stages' labels.
    joint_to_upos: Vec<Option<usize>>,
    /// Dictionaries and ambiguity classes of the joint (group 0) and UPOS (group 1) stages.
    lexicon: Lexicon,
    cascade: Cascade,
}

/// When tagging may skip stages whose vote could hardly change the outcome.
///
/// Margins are in perceptron updates (scores divided by the quantisation scale): the lead of
/// the best label over the second best.
///
/// * Within a group of stages (joint, UPOS), a stage after the first scores only the words on
///   which the stages before it lead by less than `stage_margin`; elsewhere it is taken to
///   agree with them (their label is its context for the next words, and the mean of their
///   scores stands for its scores).
/// * The UPOS stages score only the words on which the joint stages' best UPOS leads the next
///   UPOS by less than `upos_margin`; elsewhere the joint stages decide the UPOS.
///
/// Most words are tagged with a wide margin by the first stage, so this saves most of the
/// scoring. On EWT dev, [`Cascade::DEFAULT`] leaves out the right-to-left joint stage for
/// about 70% and the UPOS stages for about 80% of the words it scores, and gives the same
/// UPOS, XPOS and UAS as [`Cascade::EXACT`]; on BBC news, 0.03% of the UPOS tags differ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cascade {
    pub stage_margin: f32,
    pub upos_margin: f32,
}

impl Cascade {
    /// Every stage scores every word that is not in the tag dictionary.
    pub const EXACT: Cascade = Cascade {
        stage_margin: f32::INFINITY,
        upos_margin: f32::INFINITY,
    };
    /// Used unless set otherwise.
    pub const DEFAULT: Cascade = Cascade {
        stage_margin: 32.0,
        upos_margin: 64.0,
    };
}

impl Default for Cascade {
    fn default() -> Self {
        Cascade::DEFAULT
    }
}

/// Tags with several stages of the same labels by summing their scaled scores. Returns the
/// labels and, per word, the summed scores (`n × labels`) and whether the word was scored
/// (`false` for dictionary words and for words given a label in `forced`, whose scores are 0).
/// A stage after the first scores only the words whose sums so far lead by less than `margin`
/// (see [`Cascade`]).
fn ensemble(
    stages: &[Stage],
    (fwd, rev): (&[&Base], &[&Base]),
    mut lex: Vec<Lex>,
    hints: Option<&[u64]>,
    forced: Option<&[Option<u16>]>,
    margin: f32,
) -> (Vec<u16>, Vec<f32>, Vec<bool>) {
    // Every stage of a group was trained on the same data, so they share dictionary and
    // ambiguity classes: `lex` serves them all. `rev` is `fwd` reversed.
    let n = fwd.len();
    let nl = stages[0].labels.len();
    if let Some(forced) = forced {
        for (l, f) in lex.iter_mut().zip(forced) {
            l.dict = l.dict.or(*f);
        }
    }
    let scored: Vec<bool> = lex.iter().map(|l| l.dict.is_none()).collect();
    let mut sums = vec![0f32; n * nl];
    let mut scores = vec![0f32; n * nl];
    let mut stage_lex = lex.clone();
    // Words the current stage skips (reading order).
    let mut skipped = vec![false; n];
    let mut rev_hints: Option<Option<Vec<u64>>> = None;
    for (k, s) in stages.iter().enumerate() {
        stage_lex.copy_from_slice(&lex);
        if k > 0 {
            for i in 0..n {
                skipped[i] = false;
                if scored[i] {
                    let (best, lead) = best_and_lead(&sums[i * nl..(i + 1) * nl]);
                    if lead >= margin {
                        stage_lex[i].dict = Some(best as u16);
                        skipped[i] = true;
                    }
                }
            }
        }
        if !s.reverse {
            s.run_on(fwd, &stage_lex, hints, Some(&mut scores));
        } else {
            let rh =
                rev_hints.get_or_insert_with(|| hints.map(|h| h.iter().rev().copied().collect()));
            stage_lex.reverse();
            s.run_on(rev, &stage_lex, rh.as_deref(), Some(&mut scores));
            // back to reading order
            for i in 0..n / 2 {
                let (lo, hi) = scores.split_at_mut((n - 1 - i) * nl);
                lo[i * nl..(i + 1) * nl].swap_with_slice(&mut hi[..nl]);
            }
        }
        let mean = 1.0 / k.max(1) as f32;
        for i in 0..n {
            let sum = &mut sums[i * nl..(i + 1) * nl];
            if skipped[i] {
                // the mean of the stages so far stands for this stage
                for a in sum.iter_mut() {
                    *a += *a * mean;
                }
            } else if scored[i] {
                for (a, &x) in sum.iter_mut().zip(&scores[i * nl..(i + 1) * nl]) {
                    *a += x;
                }
            }
        }
    }
    let labels = (0..n)
        .map(|i| match lex[i].dict {
            Some(l) => l,
            None => best_and_lead(&sums[i * nl..(i + 1) * nl]).0 as u16,
        })
        .collect();
    (labels, sums, scored)
}

/// The index of the best score (the first if tied) and its lead over the second best
/// (infinite if there is only one).
fn best_and_lead(scores: &[f32]) -> (usize, f32) {
    let mut best = 0;
    let mut second = f32::NEG_INFINITY;
    for c in 1..scores.len() {
        if scores[c] > scores[best] {
            second = scores[best];
            best = c;
        } else if scores[c] > second {
            second = scores[c];
        }
    }
    (best, scores[best] - second)
}

/// Stage-independent per-word hashes.
struct Base {
    lower_str: String,
    cased: bool,
    form: u64,
    lower: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    shape: u64,
    flags: u64,
    /// Hyphenated words: the part after the last hyphen.
    last_part: u64,
    /// Character length, capped.
    len: u64,
    /// Casing style of the whole sentence (normal, title case, all caps, all lower case).
    sent_case: u64,
}

/// Stage-dependent per-word information.
#[derive(Clone, Copy)]
struct Lex {
    amb: u64,
    amb_cased: u64,
    dict: Option<u16>,
}

/// Prefix marking cased forms in the ambiguity map.
const CASED: char = '\u{1}';
const NONE: u64 = 0x1234_5678_9abc_def1;
const START: u64 = 0x0fed_cba9_8765_4321;
const UNKNOWN: u64 = 0x0bad_cafe_f00d_d00d;

fn sentence_case<S: AsRef<str>>(words: &[S]) -> u64 {
    let (mut alpha, mut cap, mut upper, mut any_cap) = (0, 0, 0, false);
    for (i, w) in words.iter().enumerate() {
        let w = w.as_ref();
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            continue;
        }
        let first_up = w.chars().next().is_some_and(|c| c.is_uppercase());
        let all_up = letters >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
        any_cap |= w.chars().any(|c| c.is_uppercase());
        if i == 0 {
            continue;
        }
        alpha += 1;
        cap += first_up as usize;
        upper += all_up as usize;
    }
    if alpha >= 3 && upper * 10 >= alpha * 7 {
        2
    } else if alpha >= 2 && cap * 10 >= alpha * 6 {
        1
    } else if !any_cap {
        3
    } else {
        0
    }
}

fn shape_into(w: &str, s: &mut String) {
    s.clear();
    let mut last = '\0';
    let mut run = 0;
    for ch in w.chars() {
        let c = if ch.is_uppercase() {
            'X'
        } else if ch.is_alphabetic() {
            'x'
        } else if ch.is_ascii_digit() {
            'd'
        } else {
            ch
        };
        if c == last {
            run += 1;
        } else {
            run = 1;
            last = c;
        }
        if run <= 3 {
            s.push(c);
        }
    }
}

fn flags_of(w: &str, first: bool) -> u64 {
    let mut f = 0u64;
    let mut letters = 0;
    let mut uppers = 0;
    for (k, ch) in w.chars().enumerate() {
        if ch.is_ascii_digit() {
            f |= 1;
        }
        if ch == '-' {
            f |= 2;
        }
        if ch.is_alphabetic() {
            letters += 1;
        }
        if ch.is_uppercase() {
            uppers += 1;
            if k == 0 {
                f |= 4;
            }
        }
        if ch == '.' {
            f |= 8;
        }
        if ch == '@' || ch == '/' {
            f |= 16;
        }
    }
    if uppers > 0 {
        f |= 32;
    }
    if letters > 0 && uppers == letters {
        f |= 64;
    }
    if first {
        f |= 128;
    }
    f
}

fn bases<S: AsRef<str>>(words: &[S]) -> Vec<Base> {
    let sc = sentence_case(words);
    let mut shape = String::new();
    let mut bounds: Vec<usize> = Vec::new();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.as_ref();
            let lower = w.to_lowercase();
            bounds.clear();
            bounds.extend(lower.char_indices().map(|(b, _)| b));
            bounds.push(lower.len());
            let n = bounds.len() - 1;
            let mut pre = [0u64; 4];
            let mut suf = [0u64; 4];
            for k in 0..4 {
                let m = (k + 1).min(n);
                pre[k] = hash_str(&lower[..bounds[m]]);
                suf[k] = hash_str(&lower[bounds[n - m]..]);
            }
            shape_into(w, &mut shape);
            let last_part = match lower.trim_matches('-').rfind('-') {
                Some(_) => hash_str(lower.rsplit('-').next().unwrap_or("")),
                None => NONE,
            };
            Base {
                cased: lower != w,
                form: hash_str(w),
                lower: hash_str(&lower),
                pre,
                suf,
                shape: hash_str(&shape),
                flags: flags_of(w, i == 0),
                last_part,
                len: n.min(12) as u64,
                sent_case: sc,
                lower_str: lower,
            }
        })
        .collect()
}

/// Hash of a predicted label, as used for first-stage features.
fn hint_hash(upos: Upos, xpos: &str) -> u64 {
    pair(upos.index() as u64 + 1, hash_str(xpos))
}

/// The index of the highest score (the first if tied).
fn argmax<T: PartialOrd>(scores: &[T]) -> usize {
    let mut best = 0;
    for (c, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = c;
        }
    }
    best
}

#[inline]
fn label_hash(l: Option<u16>, start: u64) -> u64 {
    match l {
        Some(l) => mix(l as u64 + 77),
        None => start,
    }
}

/// Features that do not depend on this stage's own predictions.
fn static_feats(b: &[&Base], lex: &[Lex], hints: Option<&[u64]>, i: usize, out: &mut Vec<u32>) {
    let cur = &b[i];
    let cl = &lex[i];
    let ii = i as isize;
    let ok = |j: isize| j >= 0 && (j as usize) < b.len();
    // Words too rare to have an ambiguity class are treated as unknown (in training too, so the
    // spelling features learn what they must do at run time).
    let known = |j: usize| lex[j].amb != NONE;
    let lw = |j: isize| {
        if !ok(j) {
            NONE
        } else if known(j as usize) {
            b[j as usize].lower
        } else {
            UNKNOWN
        }
    };
    let s3 = |j: isize| if ok(j) { b[j as usize].suf[2] } else { NONE };
    let sh = |j: isize| if ok(j) { b[j as usize].shape } else { NONE };
    let am = |j: isize| if ok(j) { lex[j as usize].amb } else { NONE };
    out.push(key(0, 0));
    if known(i) {
        out.push(key(1, cur.form));
        out.push(key(2, cur.lower));
    } else {
        out.push(key(33, pair(cur.shape, cur.flags)));
    }
    for k in 0..4 {
        out.push(key(3 + k as u32, cur.suf[k]));
        out.push(key(7 + k as u32, cur.pre[k]));
    }
    out.push(key(11, cur.shape));
    out.push(key(12, cur.flags));
    out.push(key(13, lw(ii - 1)));
    out.push(key(14, lw(ii - 2)));
    out.push(key(15, lw(ii + 1)));
    out.push(key(16, lw(ii + 2)));
    out.push(key(17, s3(ii - 1)));
    out.push(key(18, s3(ii + 1)));
    out.push(key(19, am(ii + 1)));
    out.push(key(20, pair(am(ii + 1), am(ii + 2))));
    out.push(key(21, pair(lw(ii - 1), lw(ii))));
    out.push(key(22, pair(lw(ii), lw(ii + 1))));
    out.push(key(23, sh(ii + 1)));
    out.push(key(24, sh(ii - 1)));
    out.push(key(25, pair(cur.suf[2], am(ii + 1))));
    out.push(key(26, pair(cur.shape, cur.flags & 128)));
    out.push(key(27, cl.amb));
    out.push(key(28, pair(cur.sent_case, cur.flags)));
    out.push(key(29, triple(cur.sent_case, cur.flags & 4, cl.amb)));
    out.push(key(30, pair(cl.amb_cased, cur.sent_case)));
    out.push(key(31, cur.last_part));
    out.push(key(32, pair(cur.len, cur.flags & 4)));
    if let Some(h) = hints {
        let hh = |j: isize| if ok(j) { h[j as usize] } else { NONE };
        out.push(key(50, hh(ii)));
        out.push(key(51, hh(ii + 1)));
        out.push(key(52, hh(ii + 2)));
        out.push(key(53, pair(hh(ii + 1), hh(ii + 2))));
        out.push(key(54, pair(hh(ii), hh(ii + 1))));
        out.push(key(55, pair(lw(ii), hh(ii + 1))));
        out.push(key(56, pair(lw(ii), hh(ii))));
        out.push(key(57, triple(hh(ii - 1), hh(ii), hh(ii + 1))));
    }
}

/// Features over the two previous predicted labels.
fn dyn_feats(b: &[&Base], lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    let cur = &b[i];
    let next_amb = lex.get(i + 1).map_or(NONE, |x| x.amb);
    out.push(key(40, p1));
    out.push(key(41, p2));
    out.push(key(42, pair(p1, p2)));
    out.push(key(
        43,
        pair(
            p1,
            if lex[i].amb != NONE {
                cur.lower
            } else {
                UNKNOWN
            },
        ),
    ));
    out.push(key(44, pair(p1, next_amb)));
    out.push(key(45, triple(p1, cur.suf[2], cur.flags & 4)));
}

impl Stage {
    /// Tags a prepared sequence, already in this stage's tagging order. Returns the labels and,
    /// if `scores` is given, fills it (`n × labels`, sequence order) with the scores divided by
    /// the quantisation scale (all zero for dictionary words).
    fn run_on(
        &self,
        refs: &[&Base],
        lex: &[Lex],
        hints: Option<&[u64]>,
        mut scores_out: Option<&mut [f32]>,
    ) -> Vec<u16> {
        let hints = if self.hinted { hints } else { None };
        assert!(
            !self.hinted || hints.is_some(),
            "stage needs first-stage predictions"
        );
        let nl = self.labels.len();
        let n = refs.len();
        let st = self.weights.stride();
        let mut feats = Vec::with_capacity(72);
        let mut out = Vec::with_capacity(n);
        let mut scores = vec![0i32; st];
        let inv = 1.0 / self.weights.scale();
        let (mut p1, mut p2) = (None, None);
        for i in 0..n {
            let tag = match lex[i].dict {
                Some(t) => t,
                None => {
                    feats.clear();
                    static_feats(refs, lex, hints, i, &mut feats);
                    dyn_feats(
                        refs,
                        lex,
                        i,
                        label_hash(p1, START),
                        label_hash(p2, START ^ 1),
                        &mut feats,
                    );
                    self.weights.scores(&feats, &mut scores);
                    let scores = &scores[..nl];
                    if let Some(so) = scores_out.as_deref_mut() {
                        for (o, &s) in so[i * nl..(i + 1) * nl].iter_mut().zip(scores) {
                            *o = s as f32 * inv;
                        }
                    }
                    argmax(scores) as u16
                }
            };
            out.push(tag);
            p2 = p1;
            p1 = Some(tag);
        }
        out
    }

    /// Tags a sentence given in reading order.
    fn run(&self, b: &[Base], words: &[&str], hints: Option<&[u64]>) -> Vec<u16> {
        let mut refs: Vec<&Base> = b.iter().collect();
        let mut ws: Vec<&str> = words.to_vec();
        let mut hs: Option<Vec<u64>> = hints.map(|h| h.to_vec());
        if self.reverse {
            refs.reverse();
            ws.reverse();
            if let Some(h) = hs.as_mut() {
                h.reverse();
            }
        }
        let lex = lex_of(&refs, &ws, &self.tagdict, &self.ambig);
        let mut out = self.run_on(&refs, &lex, hs.as_deref(), None);
        if self.reverse {
            out.reverse();
        }
        out
    }

    fn tag(&self, b: &[Base], words: &[&str], hints: Option<&[u64]>) -> Vec<u16> {
        self.run(b, words, hints)
    }

    fn encode(&self, e: &mut Enc) {
        e.u8(self.hinted as u8 | (self.reverse as u8) << 1);
        e.var(self.labels.len() as u64);
        for (u, x) in &self.labels {
            e.u8(u.index() as u8);
            e.str(x);
        }
        let mut dict: Vec<(&String, &u16)> = self.tagdict.iter().collect();
        dict.sort();
        e.var(dict.len() as u64);
        for (f, l) in dict {
            e.str(f);
            e.var(*l as u64);
        }
        let mut amb: Vec<(&String, &u64)> = self.ambig.iter().collect();
        amb.sort();
        e.var(amb.len() as u64);
        for (f, h) in amb {
            e.str(f);
            e.var(*h);
        }
        self.weights.encode(e);
    }

    fn decode(d: &mut Dec) -> Result<Stage, Error> {
        let flags = d.u8()?;
        if flags > 3 {
            return Err(Error::Format("bad stage flags".into()));
        }
        let (hinted, reverse) = (flags & 1 != 0, flags & 2 != 0);
        let n = d.usize()?;
        if n == 0 || n > 256 {
            return Err(Error::Format("bad label count".into()));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let u = *Upos::ALL
                .get(d.u8()? as usize)
                .ok_or_else(|| Error::Format("bad UPOS".into()))?;
            labels.push((u, d.str()?));
        }
        let n = d.usize()?;
        let mut tagdict = StrMap::default();
        for _ in 0..n {
            let f = d.str()?;
            let l = d.usize()?;
            if l >= labels.len() {
                return Err(Error::Format("bad label in tag dictionary".into()));
            }
            tagdict.insert(f, l as u16);
        }
        let n = d.usize()?;
        let mut ambig = StrMap::default();
        for _ in 0..n {
            let f = d.str()?;
            ambig.insert(f, d.var()?);
        }
        let weights = Weights::decode(d)?;
        if weights.n_classes() != labels.len() {
            return Err(Error::Format(
                "label count does not match the weights".into(),
            ));
        }
        Ok(Stage {
            hinted,
            reverse,
            labels,
            weights,
            tagdict,
            ambig,
        })
    }
}

fn lex_of(
    b: &[&Base],
    words: &[&str],
    tagdict: &StrMap<String, u16>,
    ambig: &StrMap<String, u64>,
) -> Vec<Lex> {
    let mut k = String::new();
    b.iter()
        .zip(words)
        .map(|(x, w)| {
            let amb = ambig.get(x.lower_str.as_str()).copied().unwrap_or(NONE);
            let amb_cased = if x.cased {
                k.clear();
                k.push(CASED);
                k.push_str(w);
                ambig.get(k.as_str()).copied().unwrap_or(NONE ^ 1)
            } else {
                NONE ^ 2
            };
            Lex {
                amb,
                amb_cased,
                dict: tagdict.get(*w).copied(),
            }
        })
        .collect()
}

/// What the dictionaries and ambiguity maps of the stage groups (joint, UPOS) say about one
/// string, as a lower-case form ([`LexEntry::amb`]) or as an exact form (the rest).
#[derive(Clone, Copy, Default)]
struct LexEntry {
    amb: [Option<u64>; 2],
    cased: [Option<u64>; 2],
    dict: [Option<u16>; 2],
}

/// The lexical maps of up to two stage groups merged into one, so that a word takes one or
/// two lookups instead of up to three per group. [`Lexicon::lex`] gives what [`lex_of`] gives
/// with the maps of group `g`.
#[derive(Clone, Default)]
struct Lexicon {
    map: StrMap<String, LexEntry>,
}

impl Lexicon {
    fn new(groups: &[&Stage]) -> Lexicon {
        let mut map: StrMap<String, LexEntry> = StrMap::default();
        for (g, st) in groups.iter().enumerate() {
            for (k, &h) in &st.ambig {
                match k.strip_prefix(CASED) {
                    Some(form) => map.entry(form.to_string()).or_default().cased[g] = Some(h),
                    None => map.entry(k.clone()).or_default().amb[g] = Some(h),
                }
            }
            for (k, &l) in &st.tagdict {
                map.entry(k.clone()).or_default().dict[g] = Some(l);
            }
        }
        Lexicon { map }
    }

    /// [`Lex`] of each word for groups 0 and (if `two`) 1.
    fn lex(&self, b: &[&Base], words: &[&str], two: bool) -> (Vec<Lex>, Vec<Lex>) {
        let n = b.len();
        let mut out = (
            Vec::with_capacity(n),
            Vec::with_capacity(if two { n } else { 0 }),
        );
        let none = LexEntry::default();
        for (x, w) in b.iter().zip(words) {
            let lower = self.map.get(x.lower_str.as_str()).unwrap_or(&none);
            let form = if x.cased {
                self.map.get(*w).unwrap_or(&none)
            } else {
                lower
            };
            let lex = |g: usize| Lex {
                amb: lower.amb[g].unwrap_or(NONE),
                amb_cased: if x.cased {
                    form.cased[g].unwrap_or(NONE ^ 1)
                } else {
                    NONE ^ 2
                },
                dict: form.dict[g],
            };
            out.0.push(lex(0));
            if two {
                out.1.push(lex(1));
            }
        }
        out
    }
}

/// Training data prepared once and shared by every stage and fold.
struct Data<'a> {
    words: Vec<Vec<&'a str>>,
    bases: Vec<Vec<Base>>,
    /// Gold (UPOS, XPOS) per word.
    gold: Vec<Vec<(Upos, &'a str)>>,
}

impl<'a> Data<'a> {
    fn new(sents: &[&'a Sentence]) -> Data<'a> {
        let words: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
        let bases = words.iter().map(|w| bases(w)).collect();
        let gold = sents
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| (Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.as_str()))
                    .collect()
            })
            .collect();
        Data { words, bases, gold }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Joint,
    Upos,
}

fn class_set_hash(seed: u64, counts: &[u32]) -> u64 {
    let total: u32 = counts.iter().sum();
    let mut h = seed;
    for (l, &n) in counts.iter().enumerate() {
        if n as f64 >= 0.05 * total as f64 {
            h = pair(h, l as u64 + 1);
        }
    }
    h
}

/// Trains one stage on the sentences `idx` of `data`.
fn train_stage(
    data: &Data,
    idx: &[usize],
    hints: Option<&[Vec<u64>]>,
    target: Target,
    reverse: bool,
    iterations: usize,
    opts: &TaggerOptions,
) -> Stage {
    let label_of = |u: Upos, x: &str| -> (Upos, String) {
        match target {
            Target::Joint => (u, x.to_string()),
            Target::Upos => (u, String::new()),
        }
    };
    let mut set = std::collections::BTreeSet::new();
    for &si in idx {
        for &(u, x) in &data.gold[si] {
            set.insert(label_of(u, x));
        }
    }
    let labels: Vec<(Upos, String)> = set.into_iter().collect();
    let index: StrMap<(Upos, String), u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i as u16))
        .collect();
    let nl = labels.len();
    let gold: Vec<Vec<u16>> = (0..data.gold.len())
        .map(|si| {
            data.gold[si]
                .iter()
                .map(|&(u, x)| *index.get(&label_of(u, x)).unwrap_or(&0))
                .collect()
        })
        .collect();

    // Tag dictionary and ambiguity classes.
    let mut form_counts: StrMap<&str, Vec<u32>> = StrMap::default();
    let mut lower_counts: StrMap<&str, Vec<u32>> = StrMap::default();
    for &si in idx {
        for ((w, b), &l) in data.words[si].iter().zip(&data.bases[si]).zip(&gold[si]) {
            form_counts.entry(w).or_insert_with(|| vec![0; nl])[l as usize] += 1;
            lower_counts
                .entry(b.lower_str.as_str())
                .or_insert_with(|| vec![0; nl])[l as usize] += 1;
        }
    }
    let mut tagdict = StrMap::default();
    for (f, c) in &form_counts {
        let total: u32 = c.iter().sum();
        let best = argmax(c);
        if total >= opts.dict_min_count && c[best] as f64 >= opts.dict_min_share * total as f64 {
            tagdict.insert(f.to_string(), best as u16);
        }
    }
    let mut ambig = StrMap::default();
    for (f, c) in &lower_counts {
        if c.iter().sum::<u32>() >= opts.known_min_count {
            ambig.insert(f.to_string(), class_set_hash(0x5eed, c));
        }
    }
    for (f, c) in &form_counts {
        if c.iter().sum::<u32>() >= 2 && f.to_lowercase() != *f {
            ambig.insert(format!("{CASED}{f}"), class_set_hash(0xca5e, c));
        }
    }

    // Per sentence, in tagging order: bases, lexical info, hints and gold labels.
    struct Seq<'b> {
        refs: Vec<&'b Base>,
        lex: Vec<Lex>,
        hints: Option<Vec<u64>>,
        gold: Vec<u16>,
    }
    let mut seqs: Vec<Option<Seq>> = (0..data.words.len()).map(|_| None).collect();
    for &si in idx {
        let mut refs: Vec<&Base> = data.bases[si].iter().collect();
        let mut ws = data.words[si].clone();
        let mut h = hints.map(|h| h[si].clone());
        let mut g = gold[si].clone();
        if reverse {
            refs.reverse();
            ws.reverse();
            g.reverse();
            if let Some(h) = h.as_mut() {
                h.reverse();
            }
        }
        let lex = lex_of(&refs, &ws, &tagdict, &ambig);
        seqs[si] = Some(Seq {
            refs,
            lex,
            hints: h,
            gold: g,
        });
    }
    let mut trainer = Trainer::new(nl);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = idx.to_vec();
    let mut feats = Vec::with_capacity(72);
    let mut scores = vec![0i32; nl];
    for _ in 0..iterations {
        rng.shuffle(&mut order);
        for &si in &order {
            let sq = seqs[si].as_ref().unwrap();
            let (b, lx, h) = (&sq.refs, &sq.lex, sq.hints.as_deref());
            let (mut p1, mut p2) = (None, None);
            for i in 0..b.len() {
                let tag = match lx[i].dict {
                    Some(t) => t,
                    None => {
                        feats.clear();
                        static_feats(b, lx, h, i, &mut feats);
                        dyn_feats(
                            b,
                            lx,
                            i,
                            label_hash(p1, START),
                            label_hash(p2, START ^ 1),
                            &mut feats,
                        );
                        trainer.scores(&feats, &mut scores);
                        let pred = argmax(&scores);
                        trainer.update(&feats, sq.gold[i] as usize, pred);
                        trainer.tick();
                        pred as u16
                    }
                };
                p2 = p1;
                p1 = Some(tag);
            }
        }
    }
    Stage {
        hinted: hints.is_some(),
        reverse,
        labels,
        weights: trainer.average(),
        tagdict,
        ambig,
    }
}

/// Runs `f` on each fold, `threads` at a time, returning results in fold order.
fn per_fold<T: Send>(k: usize, threads: usize, f: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    let threads = threads.max(1);
    let mut out = Vec::with_capacity(k);
    let folds: Vec<usize> = (0..k).collect();
    for chunk in folds.chunks(threads) {
        if chunk.len() == 1 {
            out.push(f(chunk[0]));
            continue;
        }
        let res: Vec<T> = std::thread::scope(|sc| {
            let hs: Vec<_> = chunk.iter().map(|&i| sc.spawn(move || f(i))).collect();
            hs.into_iter()
                .map(|h| h.join().expect("tagger thread panicked"))
                .collect()
        });
        out.extend(res);
    }
    out
}

fn fold_bounds(n: usize, k: usize) -> Vec<(usize, usize)> {
    (0..k).map(|f| (f * n / k, (f + 1) * n / k)).collect()
}

fn rest_of(n: usize, (lo, hi): (usize, usize)) -> Vec<usize> {
    (0..lo).chain(hi..n).collect()
}

/// Trains the joint and UPOS stages (one or two directions each).
fn train_stages(
    data: &Data,
    idx: &[usize],
    hints: Option<&[Vec<u64>]>,
    opts: &TaggerOptions,
) -> (Vec<Stage>, Vec<Stage>) {
    let dirs: &[bool] = if opts.bidirectional {
        &[false, true]
    } else {
        &[false]
    };
    let joint = dirs
        .iter()
        .map(|&r| train_stage(data, idx, hints, Target::Joint, r, opts.iterations, opts))
        .collect();
    let upos = if opts.upos_stage {
        dirs.iter()
            .map(|&r| train_stage(data, idx, hints, Target::Upos, r, opts.iterations, opts))
            .collect()
    } else {
        Vec::new()
    };
    (joint, upos)
}

impl Tagger {
    fn new(first: Option<Stage>, joint: Vec<Stage>, upos: Vec<Stage>) -> Tagger {
        let joint_to_upos = match upos.first() {
            Some(us) => joint[0]
                .labels
                .iter()
                .map(|(u, _)| us.labels.iter().position(|ul| ul.0 == *u))
                .collect(),
            None => Vec::new(),
        };
        let mut groups = vec![&joint[0]];
        groups.extend(upos.first());
        let lexicon = Lexicon::new(&groups);
        Tagger {
            first,
            joint,
            upos,
            joint_to_upos,
            lexicon,
            cascade: Cascade::DEFAULT,
        }
    }

    /// Trains on the gold UPOS and XPOS of `sents`.
    pub fn train(sents: &[&Sentence], opts: &TaggerOptions) -> Tagger {
        Self::train_inner(sents, opts, 0, 1, &mut |_| {}).0
    }

    /// Trains a tagger on all of `sents` and also returns, for every sentence, the tags
    /// predicted by a tagger trained without the fold (of `folds` contiguous blocks) the
    /// sentence is in — realistic tags to train a parser on. When stacking, the first-stage
    /// predictions are made with the same folds.
    pub fn train_with_jackknife(
        sents: &[&Sentence],
        opts: &TaggerOptions,
        folds: usize,
        threads: usize,
        progress: &mut dyn FnMut(&str),
    ) -> (Tagger, Vec<Vec<(Upos, String)>>) {
        let (t, p) = Self::train_inner(sents, opts, folds.max(2), threads, progress);
        (t, p.unwrap())
    }

    fn train_inner(
        sents: &[&Sentence],
        opts: &TaggerOptions,
        jackknife: usize,
        threads: usize,
        progress: &mut dyn FnMut(&str),
    ) -> (Tagger, Option<Vec<Vec<(Upos, String)>>>) {
        let t0 = std::time::Instant::now();
        let data = Data::new(sents);
        let n = sents.len();
        let all: Vec<usize> = (0..n).collect();

        // First stage: predictions on the training data from other folds.
        let (first, hints) = if opts.stacked {
            let k = if jackknife >= 2 {
                jackknife
            } else {
                opts.stack_folds.max(2)
            };
            let bounds = fold_bounds(n, k);
            let data = &data;
            let fold_hints = per_fold(k, threads, &|f| {
                let st = train_stage(
                    data,
                    &rest_of(n, bounds[f]),
                    None,
                    Target::Joint,
                    false,
                    opts.first_iterations,
                    opts,
                );
                (bounds[f].0..bounds[f].1)
                    .map(|si| {
                        st.tag(&data.bases[si], &data.words[si], None)
                            .into_iter()
                            .map(|l| hint_hash(st.labels[l as usize].0, &st.labels[l as usize].1))
                            .collect::<Vec<u64>>()
                    })
                    .collect::<Vec<_>>()
            });
            let hints: Vec<Vec<u64>> = fold_hints.into_iter().flatten().collect();
            progress(&format!(
                "tagger: first-stage predictions ({k} folds) after {:.1}s",
                t0.elapsed().as_secs_f64()
            ));
            let first = train_stage(
                data,
                &all,
                None,
                Target::Joint,
                false,
                opts.first_iterations,
                opts,
            );
            (Some(first), Some(hints))
        } else {
            (None, None)
        };
        let hints_ref = hints.as_deref();

        // Jackknifed predictions of the full tagger.
        let predicted = if jackknife >= 2 {
            let k = jackknife;
            let bounds = fold_bounds(n, k);
            let data = &data;
            let parts = per_fold(k, threads, &|f| {
                let rest = rest_of(n, bounds[f]);
                let (joint, upos) = train_stages(data, &rest, hints_ref, opts);
                // Every stage on every word: the cascade is a setting of the tagger at run
                // time, not part of the model, so the models trained on these tags must not
                // depend on it.
                let mut t = Tagger::new(None, joint, upos);
                t.set_cascade(Cascade::EXACT);
                (bounds[f].0..bounds[f].1)
                    .map(|si| {
                        let h = hints_ref.map(|h| h[si].as_slice());
                        t.tag_prepared(&data.bases[si], &data.words[si], h)
                            .into_iter()
                            .map(|p| (p.upos, p.xpos.to_string()))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            });
            progress(&format!(
                "tagger: jackknifed predictions ({k} folds) after {:.1}s",
                t0.elapsed().as_secs_f64()
            ));
            Some(parts.into_iter().flatten().collect())
        } else {
            None
        };

        let (joint, upos) = train_stages(&data, &all, hints_ref, opts);
        progress(&format!(
            "tagger: trained after {:.1}s",
            t0.elapsed().as_secs_f64()
        ));
        (Tagger::new(first, joint, upos), predicted)
    }

    /// Tags with precomputed bases; `hints` are first-stage predictions (ignored if the
    /// stages do not use them; computed here if `None` and there is a first stage).
    fn tag_prepared(&self, b: &[Base], words: &[&str], hints: Option<&[u64]>) -> Vec<PosTag<'_>> {
        let own;
        let hints = match (hints, &self.first) {
            (Some(h), _) => Some(h),
            (None, Some(first)) => {
                own = first
                    .tag(b, words, None)
                    .into_iter()
                    .map(|l| hint_hash(first.labels[l as usize].0, &first.labels[l as usize].1))
                    .collect::<Vec<u64>>();
                Some(own.as_slice())
            }
            (None, None) => None,
        };
        let main = &self.joint[0];
        let cascade = self.cascade;
        let refs: Vec<&Base> = b.iter().collect();
        let rev: Vec<&Base> = b.iter().rev().collect();
        let (joint_lex, upos_lex) = self.lexicon.lex(&refs, words, !self.upos.is_empty());
        let (joint, joint_scores, joint_scored) = ensemble(
            &self.joint,
            (&refs, &rev),
            joint_lex,
            hints,
            None,
            cascade.stage_margin,
        );
        let mut out: Vec<PosTag> = joint
            .into_iter()
            .map(|l| {
                let (u, x) = &main.labels[l as usize];
                PosTag { upos: *u, xpos: x }
            })
            .collect();
        if self.upos.is_empty() {
            return out;
        }
        let us = &self.upos[0];
        let n = out.len();
        let (nj, nu) = (main.labels.len(), us.labels.len());
        // Per scored word and UPOS, the best joint score with that UPOS; where one UPOS leads
        // by a wide margin, it is the answer without the UPOS stages.
        let mut best_joint = vec![f32::NEG_INFINITY; n * nu];
        let mut forced = vec![None; n];
        for i in 0..n {
            if !joint_scored[i] {
                continue;
            }
            let bj = &mut best_joint[i * nu..(i + 1) * nu];
            for (l, &x) in joint_scores[i * nj..(i + 1) * nj].iter().enumerate() {
                if let Some(k) = self.joint_to_upos[l] {
                    bj[k] = bj[k].max(x);
                }
            }
            for x in bj.iter_mut() {
                if !x.is_finite() {
                    *x = -1e9;
                }
            }
            let (best, lead) = best_and_lead(bj);
            if lead >= cascade.upos_margin {
                forced[i] = Some(best as u16);
            }
        }
        let (upos, upos_scores, upos_scored) = ensemble(
            &self.upos,
            (&refs, &rev),
            upos_lex,
            hints,
            Some(&forced),
            cascade.stage_margin,
        );
        let mut total = vec![0f32; nu];
        for i in 0..n {
            out[i].upos = if joint_scored[i] && upos_scored[i] {
                // UPOS scores plus, per UPOS, the best joint label with that UPOS.
                for ((t, &u), &j) in total
                    .iter_mut()
                    .zip(&upos_scores[i * nu..(i + 1) * nu])
                    .zip(&best_joint[i * nu..(i + 1) * nu])
                {
                    *t = u + j;
                }
                us.labels[argmax(&total)].0
            } else {
                us.labels[upos[i] as usize].0
            };
        }
        out
    }

    /// How much tagging may skip (see [`Cascade`]).
    pub fn cascade(&self) -> Cascade {
        self.cascade
    }

    /// Sets how much tagging may skip; [`Cascade::EXACT`] runs every stage on every word.
    pub fn set_cascade(&mut self, cascade: Cascade) {
        self.cascade = cascade;
    }

    /// Tags one sentence given as words (gold tokenisation).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<PosTag<'_>> {
        let w: Vec<&str> = words.iter().map(|s| s.as_ref()).collect();
        let b = bases(&w);
        self.tag_prepared(&b, &w, None)
    }

    /// Number of distinct `UPOS|XPOS` labels.
    pub fn n_labels(&self) -> usize {
        self.joint[0].labels.len()
    }

    /// Number of weighted features over all stages.
    pub fn n_features(&self) -> usize {
        self.first
            .iter()
            .chain(&self.joint)
            .chain(&self.upos)
            .map(|s| s.weights.n_features())
            .sum()
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e = Enc::new();
        e.u8(self.first.is_some() as u8);
        if let Some(s) = &self.first {
            s.encode(&mut e);
        }
        for group in [&self.joint, &self.upos] {
            e.var(group.len() as u64);
            for s in group {
                s.encode(&mut e);
            }
        }
        binio::wrap(MAGIC, VERSION, &e.buf)
    }

    /// Loads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        let body = binio::unwrap(MAGIC, VERSION, bytes)?;
        let mut d = Dec::new(&body);
        let has_first = d.u8()?;
        if has_first > 1 {
            return Err(Error::Format("bad tagger flags".into()));
        }
        let first = if has_first == 1 {
            Some(Stage::decode(&mut d)?)
        } else {
            None
        };
        let mut groups = Vec::new();
        for _ in 0..2 {
            let n = d.usize()?;
            if n > 8 {
                return Err(Error::Format("too many tagger stages".into()));
            }
            let mut g = Vec::with_capacity(n);
            for _ in 0..n {
                g.push(Stage::decode(&mut d)?);
            }
            groups.push(g);
        }
        d.done()?;
        let upos = groups.pop().unwrap();
        let joint = groups.pop().unwrap();
        let fits = |g: &[Stage]| {
            g.iter().all(|s| {
                s.labels == g[0].labels
                    && s.hinted == first.is_some()
                    && s.tagdict == g[0].tagdict
                    && s.ambig == g[0].ambig
            })
        };
        if joint.is_empty()
            || !fits(&joint)
            || !fits(&upos)
            || (first.as_ref().is_some_and(|f| f.hinted))
        {
            return Err(Error::Format("tagger stages do not fit together".into()));
        }
        Ok(Tagger::new(first, joint, upos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let mut s = String::new();
        shape_into("Hello", &mut s);
        assert_eq!(s, "Xxxx");
        shape_into("1999", &mut s);
        assert_eq!(s, "ddd");
        shape_into("e-mail", &mut s);
        assert_eq!(s, "x-xxx");
    }

    fn bundled() -> Tagger {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/tagger.bin"))
            .expect("bundled tagger model");
        Tagger::from_bytes(&bytes).unwrap()
    }

    /// Tags of the bundled model on a few sentences, as predicted before scoring was
    /// optimised: faster scoring must not change a single prediction, neither with every
    /// stage on every word nor with the default cascade (which leaves out stages where they
    /// could hardly change the outcome).
    #[test]
    fn bundled_model_predictions_are_pinned() {
        let mut exact = bundled();
        exact.set_cascade(Cascade::EXACT);
        let cascaded = bundled();
        assert_eq!(cascaded.cascade(), Cascade::DEFAULT);
        let pinned = [
            "If/SCONJ/IN you/PRON/PRP make/VERB/VBP use/NOUN/NN of/ADP/IN the/DET/DT \
             dataset/NOUN/NN ,/PUNCT/, please/INTJ/UH consider/VERB/VB citing/VERB/VBG \
             the/DET/DT publication/NOUN/NN :/PUNCT/: -/PUNCT/HYPH D./PROPN/NNP \
             Greene/PROPN/NNP and/CCONJ/CC P./PROPN/NNP Cunningham/PROPN/NNP ./PUNCT/.",
            "But/CCONJ/CC calls/NOUN/NNS for/ADP/IN a/DET/DT shift/NOUN/NN in/ADP/IN \
             Beijing/PROPN/NNP 's/PART/POS policy/NOUN/NN have/AUX/VBP fallen/VERB/VBN \
             on/ADP/IN deaf/NOUN/NN ears/NOUN/NNS ,/PUNCT/, despite/ADP/IN recent/ADJ/JJ \
             comments/NOUN/NNS in/ADP/IN a/DET/DT major/ADJ/JJ Chinese/ADJ/JJ \
             newspaper/NOUN/NN that/SCONJ/IN the/DET/DT \"/PUNCT/`` time/NOUN/NN \
             is/AUX/VBZ ripe/NOUN/NN \"/PUNCT/'' for/ADP/IN a/DET/DT loosening/NOUN/NN \
             of/ADP/IN the/DET/DT peg/NOUN/NN ./PUNCT/.",
            "\"/PUNCT/`` For/ADP/IN example/NOUN/NN ,/PUNCT/, we/PRON/PRP have/AUX/VBP \
             taken/VERB/VBN delivery/NOUN/NN of/ADP/IN six/NUM/CD Airbus/PROPN/NNP \
             A321/NOUN/NN aircraft/NOUN/NN and/CCONJ/CC next/ADJ/JJ month/NOUN/NN \
             we/PRON/PRP will/AUX/MD start/VERB/VB further/ADJ/JJ \
             improvements/NOUN/NNS to/ADP/IN our/PRON/PRP$ Club/PROPN/NNP \
             World/PROPN/NNP flat/ADJ/JJ beds/NOUN/NNS ./PUNCT/. \"/PUNCT/''",
        ];
        for line in pinned {
            let items: Vec<Vec<&str>> = line
                .split_whitespace()
                .map(|x| x.rsplitn(3, '/').collect())
                .collect();
            let words: Vec<&str> = items.iter().map(|x| x[2]).collect();
            for t in [&exact, &cascaded] {
                let got = t.tag(&words);
                assert_eq!(got.len(), items.len());
                for (x, p) in items.iter().zip(&got) {
                    assert_eq!((p.upos.as_str(), p.xpos), (x[1], x[0]), "word {}", x[2]);
                }
            }
        }
    }

    /// With zero margins every word is decided by the first (left-to-right) joint stage
    /// alone: the cascade really leaves the other stages out.
    #[test]
    fn zero_margins_leave_only_the_first_stage() {
        let mut t = bundled();
        assert!(t.joint.len() == 2 && t.upos.len() == 2);
        t.set_cascade(Cascade {
            stage_margin: 0.0,
            upos_margin: 0.0,
        });
        let full = bundled();
        let first = Tagger::new(None, vec![full.joint[0].clone()], Vec::new());
        let sentences = [
            "The quick brown fox jumped over the lazy dog near the river bank .",
            "Shares in Acme fell 5 % after the firm warned that profits would slump .",
            "I saw her duck , but she said it was n't hers to sell .",
            "Record rainfall flooded homes in northern England on Tuesday .",
        ];
        let mut differs_from_full = false;
        for s in sentences {
            let words: Vec<&str> = s.split(' ').collect();
            let got = t.tag(&words);
            assert_eq!(got, first.tag(&words), "{s}");
            let mut exact = full.clone();
            exact.set_cascade(Cascade::EXACT);
            differs_from_full |= got != exact.tag(&words);
        }
        // the sentences are hard enough for the two to differ somewhere
        assert!(differs_from_full);
    }

    /// The merged lexicon says for every word what each group's own maps say.
    #[test]
    fn lexicon_matches_the_groups_maps() {
        let t = bundled();
        let words: Vec<&str> = "The U.S. said THE the Apple apple , Mr. Smith 's zzqx Zzqx \
             I I'm is was IBM ibm Ibm 1999 -- in"
            .split_whitespace()
            .collect();
        let b = bases(&words);
        let refs: Vec<&Base> = b.iter().collect();
        let (j, u) = t.lexicon.lex(&refs, &words, true);
        for (g, got) in [(&t.joint[0], j), (&t.upos[0], u)] {
            let want = lex_of(&refs, &words, &g.tagdict, &g.ambig);
            assert_eq!(got.len(), want.len());
            let mut in_dict = 0;
            for ((x, y), w) in got.iter().zip(&want).zip(&words) {
                assert_eq!(
                    (x.amb, x.amb_cased, x.dict),
                    (y.amb, y.amb_cased, y.dict),
                    "{w}"
                );
                in_dict += x.dict.is_some() as usize;
            }
            assert!(in_dict >= 3);
        }
    }

    #[test]
    fn best_and_lead_of_scores() {
        assert_eq!(best_and_lead(&[1.0, 4.0, 2.5]), (1, 1.5));
        assert_eq!(best_and_lead(&[3.0, 3.0, 1.0]), (0, 0.0));
        assert_eq!(best_and_lead(&[-2.0]), (0, f32::INFINITY));
    }

    #[test]
    fn sentence_casing() {
        assert_eq!(sentence_case(&["The", "cat", "sat"]), 0);
        assert_eq!(sentence_case(&["The", "Big", "Cat", "Sat"]), 1);
        assert_eq!(sentence_case(&["THE", "BIG", "CAT", "SAT"]), 2);
        assert_eq!(sentence_case(&["the", "cat", "sat"]), 3);
    }
}
