//! Cross-document event coreference for storyline, evaluated on ECB+.
//!
//! * [`read_corpus`] reads ECB+ topic folders (CAT XML); a bad file is one error line naming
//!   it, the rest are still read.
//! * [`score`] computes MUC, B³, CEAF-e and CoNLL F1 like the reference scorer (v8) with gold
//!   mentions, singletons included ([`score::score_clusters`] works on plain index clusters).
//! * [`cluster`] predicts clusters of all gold event mentions with a trained [`Model`]:
//!   1. documents of a topic are grouped into sub-topics by TF-IDF cosine of their lemmas
//!      (average-link agglomerative clustering; the threshold is tuned on training topics
//!      against sub-topics derived from gold coreference, never from file names — the
//!      `ecb`/`ecbplus` suffix is not read anywhere);
//!   2. within each sub-topic a logistic pairwise classifier scores every pair of event
//!      mentions from cues that carry over to unseen topics (trigger lemma identity and
//!      similarity, POS, markable class, same document, sentence context overlap and overlap
//!      of the participant / time / location mentions of the two sentences);
//!   3. average-link agglomerative clustering merges mentions while the mean pair
//!      probability stays above a threshold tuned on the development topics.
//!
//! Entity markables (`HUMAN_*`, `NON_HUMAN_*`, `LOC_*`, `TIME_*`) are used as context: like
//! the event mentions they are gold mentions given in the same files. Coreference relations
//! are only read to build gold clusters for training and scoring.
//!
//! Lemmas and POS come from storyline-ud's tagger and lemmatizer (embedded at build time).

pub mod features;
pub mod reader;
pub mod score;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use storyline_learn::{LogisticModel, Rng};
use storyline_ud::{Lemmatizer, Tagger, Upos};

pub use reader::{gold_clusters, read_corpus, Corpus, Document, Mention, Token};
pub use score::{Prf, Scores};

use features::{DocInfo, MentionInfo};

// Lemmas and tags come from the UD models trained by `storyline train ud`.
static TAGGER: &[u8] = include_bytes!("../../ud/models/tagger.bin");
static LEMMATIZER: &[u8] = include_bytes!("../../ud/models/lemmatizer.bin");

fn ud() -> &'static (Tagger, Lemmatizer) {
    static UD: OnceLock<(Tagger, Lemmatizer)> = OnceLock::new();
    UD.get_or_init(|| {
        (
            Tagger::from_bytes(TAGGER).expect("embedded tagger model"),
            Lemmatizer::from_bytes(LEMMATIZER).expect("embedded lemmatizer model"),
        )
    })
}

/// Fills `lemma` (lower-cased) and `upos` of every token, sentence by sentence. Idempotent:
/// documents whose tokens already have lemmas are left alone.
pub fn annotate(corpus: &mut Corpus) {
    let (tagger, lemmatizer) = ud();
    for d in &mut corpus.docs {
        if d.tokens.iter().all(|t| !t.lemma.is_empty()) {
            continue;
        }
        let mut start = 0;
        while start < d.tokens.len() {
            let s = d.tokens[start].sentence;
            let mut end = start;
            while end < d.tokens.len() && d.tokens[end].sentence == s {
                end += 1;
            }
            let words: Vec<&str> = d.tokens[start..end]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            let tags = tagger.tag(&words);
            let lemmas: Vec<(String, Upos)> = words
                .iter()
                .zip(&tags)
                .map(|(w, t)| (lemmatizer.lemmatize(w, t.upos, t.xpos), t.upos))
                .collect();
            for (tok, (lemma, upos)) in d.tokens[start..end].iter_mut().zip(lemmas) {
                tok.lemma = lemma.to_lowercase();
                tok.upos = upos.as_str().to_string();
            }
            start = end;
        }
    }
}

/// One output line: a mention and the cluster it was put in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prediction {
    pub doc: String,
    pub m_id: String,
    pub cluster: String,
}

/// Gold clusters of every event mention of `corpus` as [`Prediction`]s (cluster = gold key).
pub fn gold_predictions(corpus: &Corpus) -> Vec<Prediction> {
    let g = gold_clusters(corpus);
    let mut out = Vec::new();
    for (d, keys) in corpus.docs.iter().zip(g) {
        for (m, k) in d.events.iter().zip(keys) {
            out.push(Prediction {
                doc: d.name.clone(),
                m_id: m.m_id.clone(),
                cluster: k,
            });
        }
    }
    out
}

/// Scores predicted clusters against gold ones; mentions are matched by `(doc, m_id)`.
pub fn score(gold: &[Prediction], predicted: &[Prediction]) -> Scores {
    let mut ids: HashMap<(String, String), usize> = HashMap::new();
    let key = group_predictions(gold, &mut ids);
    let response = group_predictions(predicted, &mut ids);
    score::score_clusters(&key, &response)
}

/// Clusters of mention ids (ids assigned in `ids` by first appearance), in order of first
/// appearance of each cluster name.
fn group_predictions(
    preds: &[Prediction],
    ids: &mut HashMap<(String, String), usize>,
) -> Vec<Vec<usize>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for p in preds {
        let n = ids.len();
        let id = *ids.entry((p.doc.clone(), p.m_id.clone())).or_insert(n);
        let c = *index.entry(p.cluster.as_str()).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[c].push(id);
    }
    clusters
}

/// Writes one JSON object per line: `{"doc": ..., "m_id": ..., "cluster": ...}`.
pub fn write_predictions(w: &mut dyn Write, preds: &[Prediction]) -> std::io::Result<()> {
    for p in preds {
        serde_json::to_writer(&mut *w, p)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads predictions written by [`write_predictions`].
pub fn read_predictions(text: &str) -> Result<Vec<Prediction>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Every mention its own cluster (the floor every system must beat).
pub fn singleton_baseline(corpus: &Corpus) -> Vec<Prediction> {
    let mut out = Vec::new();
    for d in &corpus.docs {
        for m in &d.events {
            out.push(Prediction {
                doc: d.name.clone(),
                m_id: m.m_id.clone(),
                cluster: format!("{}#{}", d.name, m.m_id),
            });
        }
    }
    out
}

/// Mentions of a topic with the same head lemma form one cluster. `corpus` must be
/// [`annotate`]d.
pub fn head_lemma_baseline(corpus: &Corpus) -> Vec<Prediction> {
    head_lemma_clusters(corpus, |i| corpus.docs[i].topic.clone())
}

const MAGIC: &[u8; 8] = b"SLCOREF1";

/// The trained clusterer: two thresholds and the pairwise classifier.
#[derive(Clone, Debug)]
pub struct Model {
    /// Documents whose TF-IDF cosine (average link) reaches this share a sub-topic.
    pub doc_threshold: f32,
    /// Mention clusters merge while their average pair probability reaches this.
    pub mention_threshold: f32,
    pub pairwise: LogisticModel,
}

impl Model {
    /// Magic, the two thresholds (f32, little-endian), then the quantised classifier.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.doc_threshold.to_le_bytes());
        out.extend_from_slice(&self.mention_threshold.to_le_bytes());
        out.extend_from_slice(&self.pairwise.to_bytes());
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 16 || &b[..8] != MAGIC {
            return Err("not a storyline coreference model (wrong magic)".into());
        }
        let f = |i: usize| f32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        Ok(Model {
            doc_threshold: f(8),
            mention_threshold: f(12),
            pairwise: LogisticModel::from_bytes(&b[16..])?,
        })
    }

    /// The model shipped in the binary, trained by `storyline train coref --refit`: thresholds
    /// tuned on ECB+ topics 23-35 for a classifier trained on 1-22, then the classifier
    /// retrained on 1-35 with them.
    pub fn bundled() -> Result<Model, String> {
        Model::from_bytes(include_bytes!("../models/coref.bin"))
    }

    pub fn load(path: &Path) -> Result<Model, String> {
        let b = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Model::from_bytes(&b).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Settings for [`train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub l2: f32,
    pub rate: f32,
    pub seed: u64,
    /// Fixed mention threshold; `None` tunes it on the development corpus (or, without one,
    /// on the training corpus).
    pub mention_threshold: Option<f32>,
    /// Fixed document threshold; `None` tunes it on the training corpus.
    pub doc_threshold: Option<f32>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 4,
            l2: 1e-6,
            rate: 0.1,
            seed: 17,
            mention_threshold: None,
            doc_threshold: None,
        }
    }
}

/// What [`train`] measured, for the report.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    pub pairs: usize,
    pub positives: usize,
    /// (threshold, pairwise F1 of document sub-topics) tried on the training topics.
    pub doc_sweep: Vec<(f32, f64)>,
    /// (threshold, CoNLL F1) tried on the tuning corpus, at the chosen document threshold.
    pub mention_sweep: Vec<(f32, f64)>,
    /// (document threshold, best mention threshold, its CoNLL F1) on the tuning corpus.
    pub doc_tuning: Vec<(f32, f32, f64)>,
    /// CoNLL F1 of the chosen model on the tuning corpus (NaN when both thresholds were fixed).
    pub tuned_f1: f64,
}

/// Sub-topic groups of documents derived from gold coreference: documents sharing a
/// non-singleton cross-document event cluster are joined. Used only to tune the document
/// threshold on training topics.
fn gold_doc_groups(corpus: &Corpus) -> Vec<usize> {
    let g = gold_clusters(corpus);
    let mut parent: Vec<usize> = (0..corpus.docs.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (d, keys) in g.iter().enumerate() {
        for k in keys {
            match first.get(k.as_str()) {
                Some(&o) => {
                    let (a, b) = (find(&mut parent, o), find(&mut parent, d));
                    parent[a] = b;
                }
                None => {
                    first.insert(k, d);
                }
            }
        }
    }
    (0..corpus.docs.len())
        .map(|i| find(&mut parent, i))
        .collect()
}

/// Pairwise F1 of predicted document groups against gold ones, over document pairs within
/// each topic.
fn doc_pair_f1(corpus: &Corpus, pred: &[usize], gold: &[usize]) -> f64 {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (_, docs) in corpus.topics() {
        for (x, &i) in docs.iter().enumerate() {
            for &j in &docs[x + 1..] {
                match (pred[i] == pred[j], gold[i] == gold[j]) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fneg += 1,
                    _ => {}
                }
            }
        }
    }
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fneg) as f64;
    2.0 * p * r / (p + r)
}

/// Everything prediction needs about a corpus, computed once: doc vectors and mention info.
struct Prepared {
    docs: Vec<DocInfo>,
    /// Per topic: document indices.
    topics: Vec<Vec<usize>>,
    /// Mentions: (doc index, mention index in doc, info).
    mentions: Vec<Vec<MentionInfo>>,
}

fn prepare(corpus: &Corpus) -> Prepared {
    let topics: Vec<Vec<usize>> = corpus.topics().into_iter().map(|(_, d)| d).collect();
    let docs = features::doc_vectors(corpus, &topics);
    let mentions = corpus
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            d.events
                .iter()
                .map(|m| MentionInfo::new(corpus, i, m))
                .collect()
        })
        .collect();
    Prepared {
        docs,
        topics,
        mentions,
    }
}

/// Sub-topic label of every document at a given threshold.
fn doc_groups(p: &Prepared, n_docs: usize, threshold: f32) -> Vec<usize> {
    let mut label = vec![0usize; n_docs];
    let mut next = 0;
    for docs in &p.topics {
        let sim: Vec<Vec<f32>> = docs
            .iter()
            .map(|&a| {
                docs.iter()
                    .map(|&b| features::cosine(&p.docs[a], &p.docs[b]))
                    .collect()
            })
            .collect();
        let groups = average_link(&sim, threshold);
        for (k, &d) in docs.iter().enumerate() {
            label[d] = next + groups[k];
        }
        next += docs.len();
    }
    label
}

/// Average-link agglomerative clustering of items with pairwise similarity `sim`
/// (symmetric), merging while the best average similarity between two clusters is at least
/// `threshold`. Returns a cluster label per item (labels are item indices).
pub fn average_link(sim: &[Vec<f32>], threshold: f32) -> Vec<usize> {
    let merges = merge_sequence(sim, threshold);
    apply_merges(sim.len(), &merges, threshold)
}

/// The merges average-link clustering makes down to `floor`, in order, with their average
/// similarity. Average link is monotone, so the clustering at any threshold ≥ `floor` is a
/// prefix of this list (that is what makes tuning cheap).
fn merge_sequence(sim: &[Vec<f32>], floor: f32) -> Vec<(usize, usize, f32)> {
    let n = sim.len();
    let mut sum: Vec<Vec<f64>> = sim
        .iter()
        .map(|r| r.iter().map(|&x| f64::from(x)).collect())
        .collect();
    let mut size = vec![1usize; n];
    let mut active: Vec<usize> = (0..n).collect();
    let mut merges = Vec::new();
    while active.len() > 1 {
        let mut best = (f64::NEG_INFINITY, 0, 0);
        for (x, &i) in active.iter().enumerate() {
            for &j in &active[x + 1..] {
                let avg = sum[i][j] / (size[i] * size[j]) as f64;
                if avg > best.0 {
                    best = (avg, i, j);
                }
            }
        }
        let (avg, i, j) = best;
        if avg < f64::from(floor) {
            break;
        }
        for &k in &active {
            if k != i && k != j {
                let v = sum[i][k] + sum[j][k];
                sum[i][k] = v;
                sum[k][i] = v;
            }
        }
        size[i] += size[j];
        active.retain(|&k| k != j);
        merges.push((i, j, avg as f32));
    }
    merges
}

fn apply_merges(n: usize, merges: &[(usize, usize, f32)], threshold: f32) -> Vec<usize> {
    let mut label: Vec<usize> = (0..n).collect();
    for &(i, j, s) in merges {
        if s < threshold {
            break;
        }
        let (from, to) = (label[j], label[i]);
        for l in label.iter_mut() {
            if *l == from {
                *l = to;
            }
        }
    }
    label
}

/// Pair probabilities for all mentions of each sub-topic block: (mention ids, matrix).
type Block = (Vec<(usize, usize)>, Vec<Vec<f32>>);

fn blocks(p: &Prepared, groups: &[usize]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for docs in &p.topics {
        let mut by_group: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        for &d in docs {
            let g = groups[d];
            let pos = match by_group.iter().position(|(k, _)| *k == g) {
                Some(x) => x,
                None => {
                    by_group.push((g, Vec::new()));
                    by_group.len() - 1
                }
            };
            for m in 0..p.mentions[d].len() {
                by_group[pos].1.push((d, m));
            }
        }
        out.extend(by_group.into_iter().map(|(_, v)| v));
    }
    out
}

/// For each mention of a sub-topic block, the share of the block's documents that have an
/// event mention with the same head lemma. The seminal events of a sub-topic are told by most
/// of its documents; a trigger found in one document only is usually a singleton.
fn centrality(p: &Prepared, ms: &[(usize, usize)]) -> Vec<f32> {
    let mut docs_with: HashMap<&str, std::collections::HashSet<usize>> = HashMap::new();
    let mut all_docs = std::collections::HashSet::new();
    for &(d, m) in ms {
        all_docs.insert(d);
        docs_with
            .entry(p.mentions[d][m].head_lemma.as_str())
            .or_default()
            .insert(d);
    }
    let n = all_docs.len().max(1) as f32;
    ms.iter()
        .map(|&(d, m)| docs_with[p.mentions[d][m].head_lemma.as_str()].len() as f32 / n)
        .collect()
}

fn score_blocks(model: &LogisticModel, p: &Prepared, blocks: &[Vec<(usize, usize)>]) -> Vec<Block> {
    blocks
        .iter()
        .map(|ms| {
            let n = ms.len();
            let mut sim = vec![vec![0f32; n]; n];
            let cent = centrality(p, ms);
            for a in 0..n {
                for b in a + 1..n {
                    let (da, ma) = ms[a];
                    let (db, mb) = ms[b];
                    let f = features::pair_features(
                        &p.mentions[da][ma],
                        &p.mentions[db][mb],
                        &p.docs[da],
                        &p.docs[db],
                        (cent[a], cent[b]),
                    );
                    let s = model.predict(&f);
                    sim[a][b] = s;
                    sim[b][a] = s;
                }
            }
            (ms.clone(), sim)
        })
        .collect()
}

/// A sub-topic block's mentions and the merges average link made over them.
type Merged = (Vec<(usize, usize)>, Vec<(usize, usize, f32)>);

fn predictions_from(corpus: &Corpus, blocks: &[Merged], threshold: f32) -> Vec<Prediction> {
    let mut out = Vec::new();
    for (b, (ms, merges)) in blocks.iter().enumerate() {
        let labels = apply_merges(ms.len(), merges, threshold);
        for (k, &(d, m)) in ms.iter().enumerate() {
            let doc = &corpus.docs[d];
            out.push(Prediction {
                doc: doc.name.clone(),
                m_id: doc.events[m].m_id.clone(),
                cluster: format!("{}_{}_{}", doc.topic, b, labels[k]),
            });
        }
    }
    out
}

/// Clusters every event mention of `corpus` (annotating it first if needed: pass an
/// annotated corpus to avoid the copy). Deterministic.
pub fn cluster(model: &Model, corpus: &Corpus) -> Vec<Prediction> {
    let corpus: std::borrow::Cow<'_, Corpus> = if corpus
        .docs
        .iter()
        .any(|d| d.tokens.iter().any(|t| t.lemma.is_empty()))
    {
        let mut owned = corpus.clone();
        annotate(&mut owned);
        std::borrow::Cow::Owned(owned)
    } else {
        std::borrow::Cow::Borrowed(corpus)
    };
    let corpus = corpus.as_ref();
    let p = prepare(corpus);
    let groups = doc_groups(&p, corpus.docs.len(), model.doc_threshold);
    cluster_prepared(model, corpus, &p, &groups)
}

/// Clusters the mentions of an annotated `corpus` within given document groups (one label
/// per document) instead of the predicted sub-topics: with [`gold_subtopics`] this measures
/// what the document step costs.
pub fn cluster_in_groups(model: &Model, corpus: &Corpus, groups: &[usize]) -> Vec<Prediction> {
    let p = prepare(corpus);
    cluster_prepared(model, corpus, &p, groups)
}

fn cluster_prepared(
    model: &Model,
    corpus: &Corpus,
    p: &Prepared,
    groups: &[usize],
) -> Vec<Prediction> {
    let bl = blocks(p, groups);
    let scored = score_blocks(&model.pairwise, p, &bl);
    let merged: Vec<_> = scored
        .into_iter()
        .map(|(ms, sim)| {
            let merges = merge_sequence(&sim, model.mention_threshold);
            (ms, merges)
        })
        .collect();
    predictions_from(corpus, &merged, model.mention_threshold)
}

/// Trains the clusterer on `train` (annotated). With a development corpus the document and
/// mention thresholds are chosen together by CoNLL F1 on it (the document threshold from a
/// small grid around the best training-topic sub-topic F1: finer sub-topics than that proxy
/// prefers pay off, because a wrongly merged pair of sub-topics costs far more precision than
/// a split one costs recall). Deterministic for a given seed.
pub fn train(train: &Corpus, dev: Option<&Corpus>, opts: &TrainOptions) -> (Model, TrainReport) {
    let mut report = TrainReport::default();
    let p = prepare(train);
    // 1. Proxy for the document threshold: pairwise F1 against gold-derived sub-topics.
    let gold_groups = gold_doc_groups(train);
    let mut proxy = (f64::NEG_INFINITY, 0.0f32);
    for k in 1..=19 {
        let t = k as f32 * 0.05;
        let f = doc_pair_f1(train, &doc_groups(&p, train.docs.len(), t), &gold_groups);
        report.doc_sweep.push((t, f));
        if f > proxy.0 {
            proxy = (f, t);
        }
    }
    let candidates: Vec<f32> = match (opts.doc_threshold, dev) {
        (Some(t), _) => vec![t],
        (None, Some(_)) => (0..4).map(|k| proxy.1 + 0.05 * k as f32).collect(),
        (None, None) => vec![proxy.1],
    };
    let mut best: Option<(f64, Model)> = None;
    let mut last_sweep = Vec::new();
    for doc_threshold in candidates {
        let (pairwise, pairs, positives) = train_pairwise(train, &p, doc_threshold, opts);
        report.pairs = pairs;
        report.positives = positives;
        let (mention_threshold, f) = match opts.mention_threshold {
            Some(t) => (t, f64::NAN),
            None => {
                let tune = dev.unwrap_or(train);
                let sweep = sweep_mention_threshold(&pairwise, doc_threshold, tune);
                let b = sweep
                    .iter()
                    .fold((0.5f32, f64::NEG_INFINITY), |b, &(t, f)| {
                        if f > b.1 {
                            (t, f)
                        } else {
                            b
                        }
                    });
                report.doc_tuning.push((doc_threshold, b.0, b.1));
                last_sweep = sweep;
                b
            }
        };
        let model = Model {
            doc_threshold,
            mention_threshold,
            pairwise,
        };
        if best.as_ref().is_none_or(|(bf, _)| f > *bf) {
            report.tuned_f1 = f;
            best = Some((f, model));
            report.mention_sweep = std::mem::take(&mut last_sweep);
        }
    }
    let (_, model) = best.expect("at least one candidate");
    (model, report)
}

/// Retrains the pairwise classifier of a tuned `model` on `corpus` (typically the training
/// and development topics together), keeping the model's thresholds. Tuning needs held-out
/// topics, but the classifier gains from every topic: trained on half the training topics it
/// scores 1.4 CoNLL F1 less on the development topics than trained on all of them.
pub fn refit(model: &Model, corpus: &Corpus, opts: &TrainOptions) -> (Model, usize, usize) {
    let p = prepare(corpus);
    let (pairwise, pairs, positives) = train_pairwise(corpus, &p, model.doc_threshold, opts);
    (
        Model {
            pairwise,
            ..model.clone()
        },
        pairs,
        positives,
    )
}

/// The pairwise classifier on all mention pairs within predicted sub-topics; returns it
/// (after the round trip through its shipped quantised form, so tuning sees what users get)
/// and the pair counts.
fn train_pairwise(
    train: &Corpus,
    p: &Prepared,
    doc_threshold: f32,
    opts: &TrainOptions,
) -> (LogisticModel, usize, usize) {
    let groups = doc_groups(p, train.docs.len(), doc_threshold);
    let gold = gold_clusters(train);
    let mut examples: Vec<(Vec<u32>, bool)> = Vec::new();
    for ms in blocks(p, &groups) {
        let cent = centrality(p, &ms);
        for a in 0..ms.len() {
            for b in a + 1..ms.len() {
                let (da, ma) = ms[a];
                let (db, mb) = ms[b];
                let label = gold[da][ma] == gold[db][mb];
                let f = features::pair_features(
                    &p.mentions[da][ma],
                    &p.mentions[db][mb],
                    &p.docs[da],
                    &p.docs[db],
                    (cent[a], cent[b]),
                );
                examples.push((f, label));
            }
        }
    }
    let pairs = examples.len();
    let positives = examples.iter().filter(|e| e.1).count();
    Rng::new(opts.seed).shuffle(&mut examples);
    let model = LogisticModel::train(&examples, opts.epochs, opts.l2, opts.rate);
    let model = LogisticModel::from_bytes(&model.to_bytes()).expect("own bytes");
    (model, pairs, positives)
}

/// CoNLL F1 on `corpus` for mention thresholds 0.05, 0.10, ..., 0.95.
pub fn sweep_mention_threshold(
    pairwise: &LogisticModel,
    doc_threshold: f32,
    corpus: &Corpus,
) -> Vec<(f32, f64)> {
    let p = prepare(corpus);
    let groups = doc_groups(&p, corpus.docs.len(), doc_threshold);
    let bl = blocks(&p, &groups);
    let scored = score_blocks(pairwise, &p, &bl);
    let floor = 0.05;
    let merged: Vec<_> = scored
        .into_iter()
        .map(|(ms, sim)| {
            let m = merge_sequence(&sim, floor);
            (ms, m)
        })
        .collect();
    let gold = gold_predictions(corpus);
    (1..=19)
        .map(|k| {
            let t = k as f32 * 0.05;
            let s = score(&gold, &predictions_from(corpus, &merged, t));
            (t, s.conll_f1)
        })
        .collect()
}

/// Topic numbers from a spec like `1-22` or `23-35,40`.
pub fn parse_topics(spec: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').filter(|s| !s.is_empty()) {
        let bad = || format!("bad topic range {part:?}");
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (
                    a.trim().parse().map_err(|_| bad())?,
                    b.trim().parse().map_err(|_| bad())?,
                );
                out.extend(a..=b);
            }
            None => out.push(part.trim().parse().map_err(|_| bad())?),
        }
    }
    Ok(out)
}

/// Sub-topic label of every document of an annotated corpus at a document threshold.
pub fn doc_subtopics(corpus: &Corpus, threshold: f32) -> Vec<usize> {
    let p = prepare(corpus);
    doc_groups(&p, corpus.docs.len(), threshold)
}

/// Sub-topics derived from gold coreference (documents sharing an event cluster); for
/// diagnostics only.
pub fn gold_subtopics(corpus: &Corpus) -> Vec<usize> {
    gold_doc_groups(corpus)
}

/// Head-lemma clustering within given document groups (a baseline and a diagnostic).
pub fn head_lemma_in_groups(corpus: &Corpus, groups: &[usize]) -> Vec<Prediction> {
    head_lemma_clusters(corpus, |i| {
        format!("{}:{}", corpus.docs[i].topic, groups[i])
    })
}

/// One cluster per head lemma within each scope; `scope` names a document's scope.
fn head_lemma_clusters(corpus: &Corpus, scope: impl Fn(usize) -> String) -> Vec<Prediction> {
    let mut out = Vec::new();
    for (i, d) in corpus.docs.iter().enumerate() {
        let scope = scope(i);
        for m in &d.events {
            let info = MentionInfo::new(corpus, i, m);
            out.push(Prediction {
                doc: d.name.clone(),
                m_id: m.m_id.clone(),
                cluster: format!("{scope}:{}", info.head_lemma),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_link_merges_until_threshold() {
        // 0,1 very similar; 2 close to both on average 0.5; 3 far from everything.
        let sim = vec![
            vec![1.0, 0.9, 0.6, 0.0],
            vec![0.9, 1.0, 0.4, 0.1],
            vec![0.6, 0.4, 1.0, 0.0],
            vec![0.0, 0.1, 0.0, 1.0],
        ];
        let l = average_link(&sim, 0.8);
        assert_eq!(l[0], l[1]);
        assert_ne!(l[0], l[2]);
        let l = average_link(&sim, 0.5);
        assert_eq!(l[0], l[2]);
        assert_ne!(l[0], l[3]);
        let l = average_link(&sim, 0.51);
        assert_ne!(l[0], l[2]);
    }

    #[test]
    fn score_matches_by_doc_and_mention() {
        let p = |d: &str, m: &str, c: &str| Prediction {
            doc: d.into(),
            m_id: m.into(),
            cluster: c.into(),
        };
        let gold = vec![
            p("a.xml", "1", "x"),
            p("b.xml", "1", "x"),
            p("b.xml", "2", "y"),
        ];
        let perfect = vec![
            p("b.xml", "2", "q"),
            p("a.xml", "1", "r"),
            p("b.xml", "1", "r"),
        ];
        assert!((score(&gold, &perfect).conll_f1 - 1.0).abs() < 1e-9);
        let wrong = vec![
            p("a.xml", "1", "r"),
            p("b.xml", "1", "s"),
            p("b.xml", "2", "r"),
        ];
        assert!(score(&gold, &wrong).conll_f1 < 0.5);
        let mut buf = Vec::new();
        write_predictions(&mut buf, &gold).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("{\"doc\":\"a.xml\",\"m_id\":\"1\",\"cluster\":\"x\"}\n"));
        assert_eq!(read_predictions(&text).unwrap(), gold);
    }

    #[test]
    fn topic_specs() {
        assert_eq!(parse_topics("1-3,7").unwrap(), vec![1, 2, 3, 7]);
        assert!(parse_topics("x").is_err());
    }

    #[test]
    fn model_bytes_round_trip() {
        let m = Model {
            doc_threshold: 0.3,
            mention_threshold: 0.55,
            pairwise: LogisticModel::zeros(),
        };
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.doc_threshold, 0.3);
        assert_eq!(back.mention_threshold, 0.55);
        assert!(Model::from_bytes(b"SLCOREF1xx").is_err());
    }
}
