//! The tagger: an averaged structured perceptron over BIO tags, decoded with first-order Viterbi
//! under BIO transition constraints.

use crate::binio::{put_f32, put_str, put_u32, put_varint, Reader};
use crate::casing::CasePrior;
use crate::clusters::WordClusters;
use crate::features::{
    concat, stacked_extra, ClusterFeatures, Domain, Extractor, FeatureConfig, SentFeatures,
};
use crate::gazetteer::Gazetteer;
use crate::hash::{IdMap, Rng};
use crate::io::{documents, Sentence};
use crate::tags::{spans, EntitySpan, Tag, NUM_TAGS};
use std::fmt;
use std::io::{Read, Write};

const L: usize = NUM_TAGS;
const MAGIC: &[u8; 8] = b"SLNER\0\0\x01";
/// Documents are tagged in chunks of consecutive sentences of at most about this many tokens.
pub const MAX_CHUNK_TOKENS: usize = 50_000;
/// Longer sentences are tagged in windows of this many tokens.
pub const MAX_SENTENCE_TOKENS: usize = 2_000;
/// Version of the binary model format written by [`NerModel::to_bytes`].
pub const FORMAT_VERSION: u32 = 1;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed for the order of training sentences.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_feature_count: u32,
    /// Which feature groups to use.
    pub features: FeatureConfig,
    /// Word clusters (for example from [`crate::clusters::brown_clusters`]).
    pub clusters: WordClusters,
    /// Capitalisation prior (for example [`CasePrior::from_sentences`] over unlabeled news).
    pub case_prior: CasePrior,
    /// External gazetteer lists (for example GeoNames). Entity names of the training data are
    /// added automatically (lists `TRAIN_*`), jackknifed over `gazetteer_folds` folds of
    /// documents so training sentences never see their own entities in the lists.
    pub gazetteer: Gazetteer,
    /// Number of document folds for the training-data gazetteer (≥ 2).
    pub gazetteer_folds: usize,
    /// Fraction of training documents added a second time fully lower-cased (robustness for
    /// lower-cased text such as web forums). 0 disables.
    pub lowercase_copies: f64,
    /// Fraction of training documents added a second time with every word capitalised
    /// (title-case lines, as in web headings and product names). 0 disables.
    pub titlecase_copies: f64,
    /// Probability of dropping a token's word-identity features in a training pass, so the
    /// model also learns to rely on shape, clusters and gazetteers (helps unseen words and
    /// other text genres). 0 disables.
    pub word_dropout: f64,
    /// Train a second, stacked stage that sees the first stage's predictions over the whole
    /// document (first-stage predictions for training come from jackknifed models).
    pub stacking: bool,
    /// Number of perceptrons (training orders seeded `seed`, `seed + 1`, ...) whose averaged
    /// weights are averaged again into each trained stage: a linear model of the same size
    /// that depends less on the order of training sentences. 1 trains one perceptron.
    pub ensemble: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 17,
            min_feature_count: 2,
            features: FeatureConfig::default(),
            clusters: WordClusters::default(),
            case_prior: CasePrior::default(),
            gazetteer: Gazetteer::default(),
            gazetteer_folds: 5,
            lowercase_copies: 0.3,
            titlecase_copies: 0.3,
            word_dropout: 0.2,
            stacking: true,
            ensemble: 1,
            verbose: false,
        }
    }
}

/// An error loading a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

#[derive(Clone, Copy)]
#[repr(C)]
struct Entry {
    key: u32,
    /// Stage-1 weights, then stage-2 weights (zero when there is no second stage), so one
    /// memory access serves both stages.
    w: [i16; W],
}

/// Width of a weight row: L labels for each of up to two stages.
const W: usize = 2 * L;

/// Open-addressing table from feature key to its quantised weight row (key 0 = empty slot).
#[derive(Clone)]
struct WeightTable {
    mask: usize,
    entries: Vec<Entry>,
    len: usize,
}

impl WeightTable {
    fn with_rows(rows: &[(u32, [i16; W])]) -> WeightTable {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut t = WeightTable {
            mask: cap - 1,
            entries: vec![Entry { key: 0, w: [0; W] }; cap],
            len: rows.len(),
        };
        for &(k, w) in rows {
            let mut i = k as usize & t.mask;
            while t.entries[i].key != 0 {
                i = (i + 1) & t.mask;
            }
            t.entries[i] = Entry { key: k, w };
        }
        t
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&[i16; W]> {
        let mut i = key as usize & self.mask;
        loop {
            let e = &self.entries[i];
            if e.key == key {
                return Some(&e.w);
            }
            if e.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Hints that the entry of `key` will be read soon. Scoring is bound by memory latency
    /// (the table is far larger than the caches), so features are prefetched some way ahead of
    /// their lookup and the cache misses overlap instead of being paid one after the other.
    #[inline(always)]
    fn prefetch(&self, key: u32) {
        let e = self.entries.as_ptr().wrapping_add(key as usize & self.mask);
        prefetch(e as *const u8);
        // an entry may straddle two cache lines
        prefetch((e as *const u8).wrapping_add(std::mem::size_of::<Entry>() - 1));
    }

    /// Adds to `rows[i]` the weight rows (both stages) of the features of token `i`,
    /// `keys[bounds[i]..bounds[i + 1]]`.
    fn add_rows(&self, keys: &[u32], bounds: &[u32], rows: &mut [[i32; W]]) {
        /// How many features ahead to prefetch.
        const AHEAD: usize = 24;
        for &k in keys.iter().take(AHEAD) {
            self.prefetch(k);
        }
        for (i, row) in rows.iter_mut().enumerate() {
            for j in bounds[i] as usize..bounds[i + 1] as usize {
                if let Some(&next) = keys.get(j + AHEAD) {
                    self.prefetch(next);
                }
                if let Some(w) = self.get(keys[j]) {
                    for (r, &x) in row.iter_mut().zip(w) {
                        *r += i32::from(x);
                    }
                }
            }
        }
    }

    fn sorted_rows(&self) -> Vec<(u32, [i16; W])> {
        let mut v: Vec<(u32, [i16; W])> = self
            .entries
            .iter()
            .filter(|e| e.key != 0)
            .map(|e| (e.key, e.w))
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    }
}

#[inline(always)]
fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint and never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The first-stage scores of a weight row sum.
fn first_half(r: &[i32; W]) -> [i32; L] {
    r[..L].try_into().unwrap()
}

/// The second-stage scores of a weight row sum.
fn second_half(r: &[i32; W]) -> [i32; L] {
    r[L..].try_into().unwrap()
}

/// A trained named-entity recogniser, with its gazetteers and word clusters.
#[derive(Clone)]
pub struct NerModel {
    cfg: FeatureConfig,
    gazetteer: Gazetteer,
    clusters: WordClusters,
    cluster_feats: std::sync::Arc<ClusterFeatures>,
    case_prior: CasePrior,
    /// Feature weights of all stages.
    table: WeightTable,
    /// One or two stages; stage 2 also sees stage 1's predictions.
    stages: Vec<Stage>,
}

/// Per-stage parameters besides the feature weights.
#[derive(Clone)]
struct Stage {
    /// trans[prev][cur]; row L is the sentence start.
    trans: [[i32; L]; L + 1],
    /// Quantisation step: weights are stored as `i16 × scale`.
    scale: f32,
}

/// A float (averaged) linear tagger, as trained.
struct FloatTagger {
    keys: Vec<u32>,
    index: IdMap<u32, u32>,
    w: Vec<f32>,
    trans: [[f32; L]; L + 1],
}

impl FloatTagger {
    fn predict(&self, sf: &SentFeatures) -> Vec<usize> {
        let em: Vec<[f32; L]> = (0..sf.len())
            .map(|i| {
                let mut row = [0f32; L];
                for k in sf.token(i) {
                    if let Some(&f) = self.index.get(k) {
                        for y in 0..L {
                            row[y] += self.w[f as usize * L + y];
                        }
                    }
                }
                row
            })
            .collect();
        viterbi(&em, &self.trans, &allowed(), &sf.never)
    }

    fn quantize(&self) -> (Vec<(u32, [i16; L])>, Stage) {
        let maxw = self
            .w
            .iter()
            .chain(self.trans.iter().flatten())
            .fold(0f32, |m, &x| m.max(x.abs()))
            .max(1e-6);
        let scale = maxw / f32::from(i16::MAX);
        let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut rows: Vec<(u32, [i16; L])> = Vec::new();
        for (i, &k) in self.keys.iter().enumerate() {
            let mut r = [0i16; L];
            for y in 0..L {
                r[y] = q(self.w[i * L + y]);
            }
            if r.iter().any(|&x| x != 0) {
                rows.push((k, r));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        let mut trans = [[0i32; L]; L + 1];
        for p in 0..=L {
            for y in 0..L {
                trans[p][y] = i32::from(q(self.trans[p][y]));
            }
        }
        (rows, Stage { trans, scale })
    }
}

/// One training sentence with hashed feature keys.
struct Example {
    sf: SentFeatures,
    gold: Vec<usize>,
    /// Index of its (possibly lower-cased copy of a) document in the work list.
    unit: usize,
    fold: usize,
}

/// Trains [`TrainOptions::ensemble`] averaged perceptrons with consecutive seeds and averages
/// their weights (they share the feature index, which does not depend on the seed).
fn fit_ensemble(
    exs: &[&Example],
    opts: &TrainOptions,
    label: &str,
    t0: std::time::Instant,
) -> FloatTagger {
    let n = opts.ensemble.max(1);
    let mut sum = fit(exs, opts, label, t0);
    for i in 1..n {
        let seeded = TrainOptions {
            seed: opts.seed.wrapping_add(i as u64),
            ..opts.clone()
        };
        let m = fit(exs, &seeded, label, t0);
        debug_assert_eq!(m.keys, sum.keys);
        for (a, b) in sum.w.iter_mut().zip(&m.w) {
            *a += b;
        }
        for (ra, rb) in sum.trans.iter_mut().zip(&m.trans) {
            for (a, b) in ra.iter_mut().zip(rb) {
                *a += b;
            }
        }
    }
    if n > 1 {
        let k = 1.0 / n as f32;
        sum.w.iter_mut().for_each(|x| *x *= k);
        sum.trans.iter_mut().flatten().for_each(|x| *x *= k);
    }
    sum
}

/// Trains an averaged perceptron on the examples.
fn fit(exs: &[&Example], opts: &TrainOptions, label: &str, t0: std::time::Instant) -> FloatTagger {
    // Count features and index those kept, in order of first occurrence (deterministic).
    let mut counts: IdMap<u32, u32> = IdMap::default();
    for e in exs {
        for &k in &e.sf.feats {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let mut index: IdMap<u32, u32> = IdMap::default();
    let mut keys: Vec<u32> = Vec::new();
    struct TS {
        feats: Vec<u32>,
        offs: Vec<u32>,
        lex: Vec<u32>,
    }
    let data: Vec<TS> = exs
        .iter()
        .map(|e| {
            let sf = &e.sf;
            let mut ts = TS {
                feats: Vec::with_capacity(sf.feats.len()),
                offs: vec![0],
                lex: Vec::with_capacity(sf.len()),
            };
            for i in 0..sf.len() {
                let toks = sf.token(i);
                let mut lex = 0;
                for (j, &k) in toks.iter().enumerate() {
                    if counts[&k] >= opts.min_feature_count {
                        let id = *index.entry(k).or_insert_with(|| {
                            keys.push(k);
                            (keys.len() - 1) as u32
                        });
                        ts.feats.push(id);
                        if j < usize::from(sf.lex[i]) {
                            lex += 1;
                        }
                    }
                }
                ts.lex.push(lex);
                ts.offs.push(ts.feats.len() as u32);
            }
            ts
        })
        .collect();
    drop(counts);
    let nf = keys.len();
    let mut w = vec![0f32; nf * L];
    let mut u = vec![0f64; nf * L];
    let mut tw = [[0f32; L]; L + 1];
    let mut tu = [[0f64; L]; L + 1];
    let ok = allowed();
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut em: Vec<[f32; L]> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let drop_threshold = (opts.word_dropout.clamp(0.0, 1.0) * u64::MAX as f64) as u64;
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &si in &order {
            let s = &data[si];
            let gold = &exs[si].gold;
            let n = gold.len();
            starts.clear();
            for i in 0..n {
                let dropped = drop_threshold > 0 && rng.next_u64() < drop_threshold;
                starts.push(s.offs[i] as usize + if dropped { s.lex[i] as usize } else { 0 });
            }
            em.clear();
            for i in 0..n {
                let mut row = [0f32; L];
                for &f in &s.feats[starts[i]..s.offs[i + 1] as usize] {
                    let wr = &w[f as usize * L..f as usize * L + L];
                    for y in 0..L {
                        row[y] += wr[y];
                    }
                }
                em.push(row);
            }
            let pred = viterbi(&em, &tw, &ok, &[]);
            tokens += n;
            if &pred != gold {
                for i in 0..n {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        errors += 1;
                        for &f in &s.feats[starts[i]..s.offs[i + 1] as usize] {
                            let b = f as usize * L;
                            w[b + g] += 1.0;
                            u[b + g] += c;
                            w[b + p] -= 1.0;
                            u[b + p] -= c;
                        }
                    }
                    let gp = if i == 0 { L } else { gold[i - 1] };
                    let pp = if i == 0 { L } else { pred[i - 1] };
                    if (gp, g) != (pp, p) {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        if opts.verbose && (epoch + 1 == opts.epochs || epoch == 0) {
            eprintln!(
                "ner: {label}: epoch {:2}: token errors {:5} ({:.3}%), {:.1}s",
                epoch + 1,
                errors,
                100.0 * errors as f64 / tokens.max(1) as f64,
                t0.elapsed().as_secs_f64()
            );
        }
    }
    let avg: Vec<f32> = w
        .iter()
        .zip(&u)
        .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
        .collect();
    let mut trans = [[0f32; L]; L + 1];
    for p in 0..=L {
        for y in 0..L {
            trans[p][y] = (f64::from(tw[p][y]) - tu[p][y] / c) as f32;
        }
    }
    FloatTagger {
        keys,
        index,
        w: avg,
        trans,
    }
}

impl fmt::Debug for NerModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NerModel")
            .field("stages", &self.stages.len())
            .field("features", &self.num_features())
            .field("gazetteer_phrases", &self.gazetteer.len())
            .field("clustered_words", &self.clusters.len())
            .finish()
    }
}

/// allowed[prev][cur], prev = L for the sentence start.
fn allowed() -> [[bool; L]; L + 1] {
    let mut a = [[false; L]; L + 1];
    for (p, row) in a.iter_mut().enumerate() {
        for (c, v) in row.iter_mut().enumerate() {
            let prev = if p == L {
                None
            } else {
                Some(Tag::from_index(p))
            };
            *v = Tag::from_index(c).can_follow(prev);
        }
    }
    a
}

/// Viterbi over emission scores `em` (n × L) and transitions; returns label indices. Tokens
/// with `only_o[i]` (if given) must be tagged O.
fn viterbi<T>(
    em: &[[T; L]],
    trans: &[[T; L]; L + 1],
    ok: &[[bool; L]; L + 1],
    only_o: &[bool],
) -> Vec<usize>
where
    T: Copy + PartialOrd + std::ops::Add<Output = T> + Default,
{
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[T::default(); L]; n];
    let mut back = vec![[0u8; L]; n];
    let mut valid = vec![[false; L]; n];
    let forced = |i: usize, c: usize| c != 0 && only_o.get(i).copied().unwrap_or(false);
    // Per label, the labels allowed before it (in increasing order, as the ties below are
    // broken by the first best), so the inner loop skips the forbidden transitions.
    let mut preds = [[0u8; L]; L];
    let mut n_preds = [0usize; L];
    for c in 0..L {
        for p in 0..L {
            if ok[p][c] {
                preds[c][n_preds[c]] = p as u8;
                n_preds[c] += 1;
            }
        }
    }
    for c in 0..L {
        if ok[L][c] && !forced(0, c) {
            score[0][c] = trans[L][c] + em[0][c];
            valid[0][c] = true;
        }
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i);
        let (prev_score, cur_score) = (&done[i - 1], &mut rest[0]);
        let (done, rest) = valid.split_at_mut(i);
        let (prev_valid, cur_valid) = (&done[i - 1], &mut rest[0]);
        for c in 0..L {
            if forced(i, c) {
                continue;
            }
            let (mut found, mut best, mut best_p) = (false, T::default(), 0u8);
            for &p in &preds[c][..n_preds[c]] {
                if !prev_valid[p as usize] {
                    continue;
                }
                let s = prev_score[p as usize] + trans[p as usize][c];
                if !found || s > best {
                    (found, best, best_p) = (true, s, p);
                }
            }
            if found {
                cur_score[c] = best + em[i][c];
                back[i][c] = best_p;
                cur_valid[c] = true;
            }
        }
    }
    let mut best = 0;
    for c in 0..L {
        if valid[n - 1][c] && (!valid[n - 1][best] || score[n - 1][c] > score[n - 1][best]) {
            best = c;
        }
    }
    let mut out = vec![0usize; n];
    out[n - 1] = best;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
    out
}

/// Training-data variants.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    Original,
    Lower,
    Title,
}

fn variant_sentence(s: &Sentence, v: Variant) -> Sentence {
    let tokens = match v {
        Variant::Original => return s.clone(),
        Variant::Lower => s.tokens.iter().map(|t| t.to_lowercase()).collect(),
        Variant::Title => s
            .tokens
            .iter()
            .map(|t| {
                let mut c = t.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            })
            .collect(),
    };
    Sentence {
        tokens,
        tags: s.tags.clone(),
        doc: s.doc,
    }
}

/// One part of the training data: sentences of one domain, used `copies` times per epoch (an
/// upweighting of small sets).
#[derive(Clone, Copy, Debug)]
pub struct TrainSet<'a> {
    pub sentences: &'a [Sentence],
    pub domain: Domain,
    /// How many times each document is used (≥ 1).
    pub copies: usize,
    /// Whether lower-case and title-case copies ([`TrainOptions::lowercase_copies`],
    /// [`TrainOptions::titlecase_copies`]) are made of this set's documents.
    pub case_copies: bool,
}

impl<'a> TrainSet<'a> {
    /// A news set used once, with case copies.
    pub fn news(sentences: &'a [Sentence]) -> Self {
        TrainSet {
            sentences,
            domain: Domain::News,
            copies: 1,
            case_copies: true,
        }
    }
}

/// Unlabeled text for [`NerModel::train_self_trained`].
#[derive(Clone, Copy, Debug)]
pub struct SelfTraining<'a> {
    /// The sentences to tag (their tags are ignored).
    pub unlabeled: &'a [Sentence],
    /// One flag per unlabeled token when known (for example a treebank's proper-noun tags):
    /// only predicted names with a flagged token are kept, so the silver labels lose the first
    /// model's most obvious mistakes.
    pub proper: Option<&'a [Vec<bool>]>,
    /// How the tagged text is trained on: its domain, copies and case copies (`sentences` is
    /// ignored).
    pub silver: TrainSet<'a>,
    /// How many times the text is tagged and trained on (≥ 1): each round's model tags it
    /// afresh for the next, so later rounds learn from fewer silver mistakes.
    pub rounds: usize,
}

/// The tags with every name that holds no flagged token set to O.
pub fn keep_proper_names(tags: &[Tag], proper: &[bool]) -> Vec<Tag> {
    let kept: Vec<EntitySpan> = spans(tags)
        .into_iter()
        .filter(|e| {
            proper
                .get(e.start..e.end)
                .is_some_and(|f| f.contains(&true))
        })
        .collect();
    crate::tags::spans_to_tags(&kept, tags.len())
}

impl NerModel {
    /// Trains a model on BIO-tagged news sentences (sentences with equal `doc` form a
    /// document, which document-level features use).
    pub fn train(sentences: &[Sentence], opts: &TrainOptions) -> NerModel {
        NerModel::train_sets(&[TrainSet::news(sentences)], opts)
    }

    /// Trains a model on several sets, possibly of different domains. Set the
    /// [`FeatureConfig::domains`] option to learn domain-specific weights besides shared ones.
    pub fn train_sets(sets: &[TrainSet], opts: &TrainOptions) -> NerModel {
        let t0 = std::time::Instant::now();
        let folds = opts.gazetteer_folds.max(2);
        // All sets as one list of sentences with distinct document numbers.
        let mut sentences: Vec<Sentence> = Vec::new();
        let mut doc_set: Vec<usize> = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            for r in documents(set.sentences) {
                let d = doc_set.len();
                doc_set.push(k);
                sentences.extend(set.sentences[r].iter().map(|s| Sentence {
                    doc: d,
                    ..s.clone()
                }));
            }
        }
        let sentences = &sentences[..];
        let docs = documents(sentences);
        // Training-data gazetteer: full (for the model) and jackknifed (for training features).
        let mut full_gaz = opts.gazetteer.clone();
        full_gaz.extend(&Gazetteer::from_training(sentences));
        let fold_gaz: Vec<Gazetteer> = (0..folds)
            .map(|k| {
                let rest: Vec<Sentence> = docs
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| d % folds != k)
                    .flat_map(|(_, r)| sentences[r.clone()].iter().cloned())
                    .collect();
                let mut g = opts.gazetteer.clone();
                g.extend(&Gazetteer::from_training(&rest));
                g
            })
            .collect();
        let cluster_feats = ClusterFeatures::new(&opts.clusters);
        // Work units: every document, plus lower-cased copies of some.
        let mut rng = Rng::new(opts.seed ^ 0x1C);
        let mut work: Vec<(usize, Variant)> = Vec::new();
        for d in 0..docs.len() {
            let set = &sets[doc_set[d]];
            for _ in 0..set.copies.max(1) {
                work.push((d, Variant::Original));
            }
            if !set.case_copies {
                continue;
            }
            if opts.lowercase_copies > 0.0
                && (rng.next_u64() as f64 / u64::MAX as f64) < opts.lowercase_copies
            {
                work.push((d, Variant::Lower));
            }
            if opts.titlecase_copies > 0.0
                && (rng.next_u64() as f64 / u64::MAX as f64) < opts.titlecase_copies
            {
                work.push((d, Variant::Title));
            }
        }
        let mut exs: Vec<Example> = Vec::new();
        let mut unit_range: Vec<std::ops::Range<usize>> = Vec::new();
        let mut buf = Vec::new();
        for (unit, &(d, variant)) in work.iter().enumerate() {
            let ex = Extractor {
                cfg: &opts.features,
                gazetteer: &fold_gaz[d % folds],
                clusters: &opts.clusters,
                cluster_feats: &cluster_feats,
                case_prior: &opts.case_prior,
                domain: sets[doc_set[d]].domain,
            };
            let sents: Vec<Sentence> = sentences[docs[d].clone()]
                .iter()
                .map(|s| variant_sentence(s, variant))
                .collect();
            let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.token_refs()).collect();
            ex.document(&refs, &mut buf);
            let first = exs.len();
            for (sf, s) in buf.drain(..).zip(&sents) {
                exs.push(Example {
                    sf,
                    gold: s.tags.iter().map(|t| t.index()).collect(),
                    unit,
                    fold: d % folds,
                });
            }
            unit_range.push(first..exs.len());
        }
        if opts.verbose {
            eprintln!(
                "ner: {} training sentences, features extracted in {:.1}s",
                exs.len(),
                t0.elapsed().as_secs_f64()
            );
        }
        let all: Vec<&Example> = exs.iter().collect();
        let stage1 = fit_ensemble(&all, opts, "stage 1", t0);
        let (rows1, st1) = stage1.quantize();
        drop(stage1);
        let mut stages = vec![st1];
        let mut rows: std::collections::BTreeMap<u32, [i16; W]> = std::collections::BTreeMap::new();
        for (k, r) in rows1 {
            rows.entry(k).or_insert([0; W])[..L].copy_from_slice(&r);
        }
        if opts.stacking {
            // Jackknifed stage-1 predictions for every training sentence.
            let mut pred: Vec<Vec<usize>> = vec![Vec::new(); exs.len()];
            for k in 0..folds {
                let train_k: Vec<&Example> = exs.iter().filter(|e| e.fold != k).collect();
                let m = fit_ensemble(&train_k, opts, &format!("fold {}", k + 1), t0);
                for (i, e) in exs.iter().enumerate() {
                    if e.fold == k {
                        pred[i] = m.predict(&e.sf);
                    }
                }
            }
            let mut exs2: Vec<Example> = Vec::with_capacity(exs.len());
            for r in &unit_range {
                let base: Vec<SentFeatures> = exs[r.clone()].iter().map(|e| e.sf.clone()).collect();
                let domain = opts
                    .features
                    .domains
                    .then(|| sets[doc_set[work[exs[r.start].unit].0]].domain);
                let extra = stacked_extra(&base, &pred[r.clone()], domain);
                for ((e, b), x) in exs[r.clone()].iter().zip(&base).zip(&extra) {
                    exs2.push(Example {
                        sf: concat(b, x),
                        gold: e.gold.clone(),
                        unit: e.unit,
                        fold: e.fold,
                    });
                }
            }
            drop(exs);
            let all2: Vec<&Example> = exs2.iter().collect();
            let stage2 = fit_ensemble(&all2, opts, "stage 2", t0);
            let (rows2, st2) = stage2.quantize();
            stages.push(st2);
            for (k, r) in rows2 {
                rows.entry(k).or_insert([0; W])[L..].copy_from_slice(&r);
            }
        }
        let rows: Vec<(u32, [i16; W])> = rows.into_iter().collect();
        if opts.verbose {
            eprintln!(
                "ner: {} stage(s), {} weighted features; trained in {:.1}s",
                stages.len(),
                rows.len(),
                t0.elapsed().as_secs_f64()
            );
        }
        NerModel {
            cfg: opts.features.clone(),
            gazetteer: full_gaz,
            cluster_feats: std::sync::Arc::new(ClusterFeatures::new(&opts.clusters)),
            clusters: opts.clusters.clone(),
            case_prior: opts.case_prior.clone(),
            table: WeightTable::with_rows(&rows),
            stages,
        }
    }

    /// Self-training: a first model trained on `sets` tags the unlabeled text of `st` (in
    /// `st.silver.domain`), and the returned model is trained on `sets` plus those predictions
    /// as one more set. The unlabeled text lets the model see many more words of the target
    /// genre in context than a small labeled set has.
    pub fn train_self_trained(
        sets: &[TrainSet],
        st: &SelfTraining,
        opts: &TrainOptions,
    ) -> NerModel {
        let mut model = NerModel::train_sets(sets, opts);
        for _ in 0..st.rounds.max(1) {
            let predicted = model.predict_sentences_in(st.unlabeled, st.silver.domain);
            drop(model);
            let tagged: Vec<Sentence> = st
                .unlabeled
                .iter()
                .zip(predicted)
                .enumerate()
                .map(|(k, (s, tags))| Sentence {
                    tags: match st.proper.and_then(|p| p.get(k)) {
                        Some(flags) => keep_proper_names(&tags, flags),
                        None => tags,
                    },
                    tokens: s.tokens.clone(),
                    doc: s.doc,
                })
                .collect();
            let mut all = sets.to_vec();
            all.push(TrainSet {
                sentences: &tagged,
                ..st.silver
            });
            model = NerModel::train_sets(&all, opts);
        }
        model
    }

    fn extractor(&self, domain: Domain) -> Extractor<'_> {
        Extractor {
            cfg: &self.cfg,
            gazetteer: &self.gazetteer,
            clusters: &self.clusters,
            cluster_feats: &self.cluster_feats,
            case_prior: &self.case_prior,
            domain,
        }
    }

    /// Whether the model has domain-specific weights (else the domain is ignored).
    pub fn has_domains(&self) -> bool {
        self.cfg.domains
    }

    /// Tags all sentences of one document (sentences in order; document context is used).
    /// Returns one tag vector per sentence, of the sentence's length.
    ///
    /// Memory stays bounded for any input: a document is processed in chunks of consecutive
    /// sentences of about [`MAX_CHUNK_TOKENS`] tokens (document context then spans one chunk),
    /// and a sentence longer than [`MAX_SENTENCE_TOKENS`] tokens is tagged in windows of that
    /// size.
    pub fn predict_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        self.predict_document_in(sentences, Domain::News)
    }

    /// Like [`NerModel::predict_document`], for text of the given domain.
    pub fn predict_document_in(&self, sentences: &[Vec<&str>], domain: Domain) -> Vec<Vec<Tag>> {
        let mut out: Vec<Vec<Tag>> = Vec::with_capacity(sentences.len());
        let mut chunk: Vec<Vec<&str>> = Vec::new();
        // Which output sentence each piece of the chunk belongs to.
        let mut owner: Vec<usize> = Vec::new();
        let mut tokens = 0usize;
        for (si, s) in sentences.iter().enumerate() {
            out.push(Vec::with_capacity(s.len()));
            let pieces: Vec<&[&str]> = if s.len() > MAX_SENTENCE_TOKENS {
                s.chunks(MAX_SENTENCE_TOKENS).collect()
            } else {
                vec![&s[..]]
            };
            for p in pieces {
                if tokens + p.len() > MAX_CHUNK_TOKENS && !chunk.is_empty() {
                    for (tags, o) in self
                        .predict_chunk(&chunk, domain)
                        .into_iter()
                        .zip(owner.drain(..))
                    {
                        out[o].extend(tags);
                    }
                    chunk.clear();
                    tokens = 0;
                }
                tokens += p.len();
                chunk.push(p.to_vec());
                owner.push(si);
            }
        }
        if !chunk.is_empty() {
            for (tags, o) in self
                .predict_chunk(&chunk, domain)
                .into_iter()
                .zip(owner.drain(..))
            {
                out[o].extend(tags);
            }
        }
        out
    }

    fn predict_chunk(&self, sentences: &[Vec<&str>], domain: Domain) -> Vec<Vec<Tag>> {
        let mut feats = Vec::new();
        self.extractor(domain).document(sentences, &mut feats);
        let ok = allowed();
        let two = self.stages.len() == 2;
        let mut em1: Vec<[i32; L]> = Vec::new();
        let mut em2: Vec<Vec<[i32; L]>> = Vec::with_capacity(if two { feats.len() } else { 0 });
        let mut tags: Vec<Vec<usize>> = Vec::with_capacity(feats.len());
        let mut both: Vec<[i32; W]> = Vec::new();
        for sf in &feats {
            both.clear();
            both.resize(sf.len(), [0; W]);
            self.table.add_rows(&sf.feats, &sf.offs, &mut both);
            em1.clear();
            em1.extend(both.iter().map(first_half));
            tags.push(viterbi(&em1, &self.stages[0].trans, &ok, &sf.never));
            if two {
                em2.push(both.iter().map(second_half).collect());
            }
        }
        if two {
            let extra = stacked_extra(&feats, &tags, self.cfg.domains.then_some(domain));
            for (s, (sf, x)) in feats.iter().zip(&extra).enumerate() {
                both.clear();
                both.resize(sf.len(), [0; W]);
                self.table.add_rows(&x.feats, &x.offs, &mut both);
                let e2 = &mut em2[s];
                for (e, r) in e2.iter_mut().zip(&both) {
                    for (a, b) in e.iter_mut().zip(second_half(r)) {
                        *a += b;
                    }
                }
                tags[s] = viterbi(e2, &self.stages[1].trans, &ok, &sf.never);
            }
        }
        tags.into_iter()
            .map(|t| t.into_iter().map(Tag::from_index).collect())
            .collect()
    }

    /// Tags one sentence on its own (no document context beyond the sentence).
    pub fn predict(&self, tokens: &[&str]) -> Vec<Tag> {
        self.predict_document(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Entity spans of one sentence tagged on its own (see [`NerModel::predict`]).
    pub fn entities(&self, tokens: &[&str]) -> Vec<EntitySpan> {
        spans(&self.predict(tokens))
    }

    /// Tags a news data set, document by document (as given by `Sentence::doc`).
    pub fn predict_sentences(&self, sentences: &[Sentence]) -> Vec<Vec<Tag>> {
        self.predict_sentences_in(sentences, Domain::News)
    }

    /// Tags a data set of the given domain, document by document.
    pub fn predict_sentences_in(&self, sentences: &[Sentence], domain: Domain) -> Vec<Vec<Tag>> {
        let mut out = Vec::with_capacity(sentences.len());
        for r in documents(sentences) {
            let refs: Vec<Vec<&str>> = sentences[r].iter().map(|s| s.token_refs()).collect();
            out.extend(self.predict_document_in(&refs, domain));
        }
        out
    }

    /// Number of stored (non-zero) feature weight rows, over all stages.
    pub fn num_features(&self) -> usize {
        self.table.len
    }

    /// The gazetteer the model uses (external lists plus training-data names).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The word clusters the model uses.
    pub fn clusters(&self) -> &WordClusters {
        &self.clusters
    }

    /// Serialises the model: an 8-byte magic, the format version (u32 LE), then a
    /// deflate-compressed body (feature config, gazetteer, clusters, weight scale, transitions,
    /// and the feature table as delta-coded sorted keys with zig-zag varint i16 weights).
    /// The same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        self.cfg.to_bytes(&mut body);
        self.gazetteer.to_bytes(&mut body);
        self.clusters.to_bytes(&mut body);
        self.case_prior.to_bytes(&mut body);
        put_u32(&mut body, self.stages.len() as u32);
        for st in &self.stages {
            put_f32(&mut body, st.scale);
            for row in &st.trans {
                for &v in row {
                    put_varint(&mut body, zigzag(v));
                }
            }
        }
        // Feature table: delta-coded sorted keys, then zig-zag varint weights column by column
        // (label by label, which compresses better).
        let rows = self.table.sorted_rows();
        put_u32(&mut body, rows.len() as u32);
        let mut prev = 0u32;
        for (k, _) in &rows {
            put_varint(&mut body, u64::from(k - prev));
            prev = *k;
        }
        for y in 0..L * self.stages.len() {
            for (_, w) in &rows {
                put_varint(&mut body, zigzag(i32::from(w[y])));
            }
        }
        put_str(&mut body, "end");
        let mut out = Vec::with_capacity(body.len() / 2);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, FORMAT_VERSION);
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::new(9));
        enc.write_all(&body).expect("writing to memory");
        enc.finish().expect("writing to memory")
    }

    /// Loads a model written by [`NerModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let err = |m: String| ModelError(m);
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(err("not a storyline NER model (bad magic)".into()));
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != FORMAT_VERSION {
            return Err(err(format!(
                "unsupported format version {version} (expected {FORMAT_VERSION})"
            )));
        }
        let mut body = Vec::new();
        flate2::read::DeflateDecoder::new(&bytes[12..])
            .read_to_end(&mut body)
            .map_err(|e| err(e.to_string()))?;
        let mut r = Reader::new(&body);
        let cfg = FeatureConfig::from_reader(&mut r).map_err(err)?;
        let gazetteer = Gazetteer::from_reader(&mut r).map_err(err)?;
        let clusters = WordClusters::from_reader(&mut r).map_err(err)?;
        let case_prior = CasePrior::from_reader(&mut r).map_err(err)?;
        let n = r.u32().map_err(err)?;
        if !(1..=2).contains(&n) {
            return Err(err(format!("bad stage count {n}")));
        }
        let mut stages = Vec::new();
        for _ in 0..n {
            let scale = r.f32().map_err(err)?;
            let mut trans = [[0i32; L]; L + 1];
            for row in trans.iter_mut() {
                for v in row.iter_mut() {
                    *v = unzigzag(r.varint().map_err(err)?);
                }
            }
            stages.push(Stage { trans, scale });
        }
        let table = read_table(&mut r, L * stages.len()).map_err(err)?;
        if r.string().map_err(err)? != "end" || !r.is_empty() {
            return Err(err("trailing or missing data".into()));
        }
        Ok(NerModel {
            cfg,
            gazetteer,
            cluster_feats: std::sync::Arc::new(ClusterFeatures::new(&clusters)),
            clusters,
            case_prior,
            table,
            stages,
        })
    }
}

fn read_table(r: &mut Reader, width: usize) -> Result<WeightTable, String> {
    let n = r.u32()? as usize;
    let mut rows: Vec<(u32, [i16; W])> = Vec::with_capacity(n.min(1 << 24));
    let mut k = 0u32;
    for i in 0..n {
        let d = u32::try_from(r.varint()?).map_err(|_| "bad feature key")?;
        k = k.checked_add(d).ok_or("bad feature key")?;
        if k == 0 || (i > 0 && d == 0) {
            return Err("bad feature key".into());
        }
        rows.push((k, [0; W]));
    }
    for y in 0..width {
        for row in rows.iter_mut() {
            let v = unzigzag(r.varint()?);
            row.1[y] = i16::try_from(v).map_err(|_| "weight out of range")?;
        }
    }
    Ok(WeightTable::with_rows(&rows))
}

fn zigzag(v: i32) -> u64 {
    u64::from(((v << 1) ^ (v >> 31)) as u32)
}

fn unzigzag(v: u64) -> i32 {
    let v = v as u32;
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::EntityType::*;

    fn sent(text: &str, doc: usize) -> Sentence {
        let mut tokens = Vec::new();
        let mut tags = Vec::new();
        for p in text.split_whitespace() {
            let (w, t) = p.split_once('/').unwrap_or((p, "O"));
            tokens.push(w.to_string());
            tags.push(Tag::parse(t).unwrap());
        }
        Sentence { tokens, tags, doc }
    }

    fn tiny() -> Vec<Sentence> {
        let mut v = Vec::new();
        let people = [
            "John/B-PER Smith/I-PER",
            "Mary/B-PER Jones/I-PER",
            "Peter/B-PER Brown/I-PER",
        ];
        let places = ["Paris/B-LOC", "London/B-LOC", "Berlin/B-LOC"];
        let orgs = [
            "Acme/B-ORG Corp/I-ORG",
            "Globex/B-ORG Inc/I-ORG",
            "Initech/B-ORG Ltd/I-ORG",
        ];
        for i in 0..30 {
            let p = people[i % 3];
            let l = places[(i / 3) % 3];
            let o = orgs[(i / 9) % 3];
            v.push(sent(&format!("{p} flew to {l} on Monday ."), i / 4));
            v.push(sent(&format!("{p} works for {o} in {l} ."), i / 4));
        }
        v
    }

    #[test]
    fn domains_learn_their_own_conventions() {
        // News names people and places; the "web" set is the same text left unannotated, so
        // only domain-specific weights can tell the two apart.
        let news = tiny();
        let web: Vec<Sentence> = news
            .iter()
            .map(|s| Sentence {
                tags: vec![Tag::O; s.tags.len()],
                ..s.clone()
            })
            .collect();
        let opts = TrainOptions {
            epochs: 8,
            features: FeatureConfig {
                domains: true,
                ..FeatureConfig::default()
            },
            ..Default::default()
        };
        let sets = [
            TrainSet::news(&news),
            TrainSet {
                sentences: &web,
                domain: Domain::Web,
                copies: 2,
                case_copies: false,
            },
        ];
        let m = NerModel::train_sets(&sets, &opts);
        assert!(m.has_domains());
        let doc = vec![vec![
            "Mary", "Jones", "flew", "to", "Berlin", "on", "Monday", ".",
        ]];
        let as_news = m.predict_document_in(&doc, Domain::News);
        assert_eq!(as_news, m.predict_document(&doc));
        assert_eq!(as_news[0][..2], [Tag::B(Per), Tag::I(Per)]);
        assert_eq!(as_news[0][4], Tag::B(Loc));
        let as_web = m.predict_document_in(&doc, Domain::Web);
        assert!(as_web[0].iter().all(|&t| t == Tag::O), "{as_web:?}");
        // The domain features survive serialisation; training is deterministic.
        let bytes = m.to_bytes();
        let m2 = NerModel::from_bytes(&bytes).unwrap();
        assert!(m2.has_domains());
        assert_eq!(m2.predict_document_in(&doc, Domain::Web), as_web);
        assert_eq!(NerModel::train_sets(&sets, &opts).to_bytes(), bytes);
        // Without domain features the domain is ignored.
        let plain = NerModel::train(
            &news,
            &TrainOptions {
                epochs: 3,
                ..Default::default()
            },
        );
        assert!(!plain.has_domains());
        assert_eq!(
            plain.predict_document_in(&doc, Domain::Web),
            plain.predict_document(&doc)
        );
    }

    #[test]
    fn ensembles_average_perceptrons_of_consecutive_seeds() {
        let data = tiny();
        let opts = TrainOptions {
            epochs: 3,
            stacking: false,
            ..Default::default()
        };
        let exs: Vec<Example> = {
            let m = NerModel::train(&data, &opts);
            let mut feats = Vec::new();
            let refs: Vec<Vec<&str>> = data.iter().map(|s| s.token_refs()).collect();
            m.extractor(Domain::News).document(&refs, &mut feats);
            feats
                .into_iter()
                .zip(&data)
                .map(|(sf, s)| Example {
                    sf,
                    gold: s.tags.iter().map(|t| t.index()).collect(),
                    unit: 0,
                    fold: 0,
                })
                .collect()
        };
        let refs: Vec<&Example> = exs.iter().collect();
        let t0 = std::time::Instant::now();
        let fit_seed = |seed| {
            fit(
                &refs,
                &TrainOptions {
                    seed,
                    ..opts.clone()
                },
                "",
                t0,
            )
        };
        let (a, b) = (fit_seed(opts.seed), fit_seed(opts.seed + 1));
        assert_ne!(a.w, b.w, "seeds give different training orders");
        // One member is the plain perceptron; two are the mean of both seeds'.
        assert_eq!(fit_ensemble(&refs, &opts, "", t0).w, a.w);
        let pair = fit_ensemble(
            &refs,
            &TrainOptions {
                ensemble: 2,
                ..opts.clone()
            },
            "",
            t0,
        );
        assert_eq!(pair.keys, a.keys);
        for ((m, x), y) in pair.w.iter().zip(&a.w).zip(&b.w) {
            assert!((m - (x + y) / 2.0).abs() < 1e-4);
        }
        // Whole models: deterministic, and still tagging the training names.
        let opts2 = TrainOptions {
            ensemble: 2,
            ..opts
        };
        let m = NerModel::train(&data, &opts2);
        assert_eq!(NerModel::train(&data, &opts2).to_bytes(), m.to_bytes());
        let got = m.predict(&["Mary", "Jones", "flew", "to", "Berlin", "on", "Monday", "."]);
        assert_eq!(got[4], Tag::B(Loc));
    }

    #[test]
    fn model_is_shareable_across_threads() {
        fn check<T: Send + Sync>() {}
        check::<NerModel>();
    }

    #[test]
    fn zigzag_round_trip() {
        for v in [0, 1, -1, 32767, -32767, 12345, -2] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }

    #[test]
    fn self_tagged_names_without_a_proper_noun_are_dropped() {
        // "the Sales team called Acme Corp": two predicted names, only the second
        // holds a word the treebank calls a proper noun.
        let tags = [
            Tag::O,
            Tag::B(Org),
            Tag::I(Org),
            Tag::O,
            Tag::B(Org),
            Tag::I(Org),
        ];
        let proper = [false, false, false, false, true, true];
        let kept = keep_proper_names(&tags, &proper);
        assert_eq!(kept[..4], [Tag::O; 4]);
        assert_eq!(kept[4..], tags[4..]);
    }

    #[test]
    fn viterbi_respects_constraints() {
        let ok = allowed();
        let trans = [[0f32; L]; L + 1];
        // Emissions prefer I-PER at position 0, which is not allowed at a start.
        let mut e = [[0f32; L]; 2];
        e[0][Tag::I(Per).index()] = 5.0;
        e[0][Tag::B(Per).index()] = 1.0;
        e[1][Tag::I(Per).index()] = 5.0;
        let p = viterbi(&e, &trans, &ok, &[]);
        assert_eq!(p, vec![Tag::B(Per).index(), Tag::I(Per).index()]);
        // Forcing position 1 to O.
        let p = viterbi(&e, &trans, &ok, &[false, true]);
        assert_eq!(p, vec![Tag::B(Per).index(), Tag::O.index()]);
    }

    #[test]
    fn train_predict_round_trip() {
        let data = tiny();
        let opts = TrainOptions {
            epochs: 5,
            ..Default::default()
        };
        let m = NerModel::train(&data, &opts);
        let got = m.predict(&["Mary", "Jones", "flew", "to", "Berlin", "on", "Monday", "."]);
        assert_eq!(
            got[..5],
            [Tag::B(Per), Tag::I(Per), Tag::O, Tag::O, Tag::B(Loc)]
        );
        let got = m.predict(&[
            "Peter", "Brown", "works", "for", "Globex", "Inc", "in", "Paris", ".",
        ]);
        assert_eq!(got[4..6], [Tag::B(Org), Tag::I(Org)]);
        // Serialisation: identical predictions, identical bytes, deterministic training.
        let bytes = m.to_bytes();
        let m2 = NerModel::from_bytes(&bytes).unwrap();
        assert_eq!(m2.to_bytes(), bytes);
        assert_eq!(m2.predict_sentences(&data), m.predict_sentences(&data));
        let m3 = NerModel::train(&data, &opts);
        assert_eq!(m3.to_bytes(), bytes);
        // Corrupt input is rejected, not a panic.
        assert!(NerModel::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(NerModel::from_bytes(b"nonsense").is_err());
        assert!(m.predict(&[]).is_empty());
        // Empty sentences, and a sentence longer than the window, keep their lengths.
        let long: Vec<&str> = ["Mary", "Jones", "flew", "to", "Berlin", "."]
            .iter()
            .copied()
            .cycle()
            .take(MAX_SENTENCE_TOKENS + 7)
            .collect();
        let out = m.predict_document(&[vec![], long.clone(), vec!["Paris"]]);
        assert_eq!(
            out.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![0, long.len(), 1]
        );
        assert_eq!(out[1][MAX_SENTENCE_TOKENS + 2], Tag::B(Loc)); // "Berlin" in the second window
    }
}
