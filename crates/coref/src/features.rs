//! What the clusterer knows about documents and mentions, and the pair features.
//!
//! Features are chosen to carry over to topics never seen in training: they compare the two
//! mentions (same lemma? similar spelling? same class?) and their contexts (shared
//! participants, places, times, words) rather than naming particular words, because every
//! test topic is about different events. Numeric similarities are binned into indicator
//! features, and every cue is also conjoined with "same trigger lemma", so the linear model
//! can learn that context matters differently for same-lemma and different-lemma pairs.

use std::collections::{HashMap, HashSet};

use storyline_learn::hash_feature;

use crate::reader::{Corpus, Mention};

/// Parts of speech whose lemmas count as content words.
fn is_content(upos: &str) -> bool {
    matches!(upos, "NOUN" | "PROPN" | "VERB" | "ADJ" | "NUM" | "ADV")
}

fn is_auxish(lemma: &str) -> bool {
    matches!(
        lemma,
        "be" | "have" | "do" | "say" | "will" | "would" | "can" | "could" | "may" | "also"
    )
}

/// A document as an L2-normalised TF-IDF vector over content lemmas, IDF computed within its
/// topic (so the words that separate a topic's sub-topics weigh most).
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    /// (lemma, weight), sorted by lemma: sums then run in a fixed order, so results are the
    /// same bit for bit on every run (a hash map's order would vary the last float bits).
    pub vec: Vec<(String, f32)>,
    /// Inverse document frequency of lemmas within the document's topic (shared by all
    /// documents of the topic).
    pub idf: std::sync::Arc<HashMap<String, f32>>,
}

impl DocInfo {
    fn idf(&self, lemma: &str) -> f32 {
        // Every context lemma is a content word of some document of the topic; anything else
        // weighs like a word all documents use.
        self.idf.get(lemma).copied().unwrap_or(1.0)
    }
}

/// Cosine of two normalised vectors (a merge over the sorted entries).
pub fn cosine(a: &DocInfo, b: &DocInfo) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0f32);
    while i < a.vec.len() && j < b.vec.len() {
        match a.vec[i].0.cmp(&b.vec[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a.vec[i].1 * b.vec[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// TF-IDF vectors of all documents; `topics` lists each topic's documents.
pub fn doc_vectors(corpus: &Corpus, topics: &[Vec<usize>]) -> Vec<DocInfo> {
    let mut out = vec![DocInfo::default(); corpus.docs.len()];
    for docs in topics {
        let tfs: Vec<HashMap<String, f32>> = docs
            .iter()
            .map(|&d| {
                let mut tf = HashMap::new();
                for t in &corpus.docs[d].tokens {
                    if is_content(&t.upos) && !is_auxish(&t.lemma) && t.lemma.len() > 1 {
                        *tf.entry(t.lemma.clone()).or_insert(0.0) += 1.0;
                    }
                }
                tf
            })
            .collect();
        let mut df: HashMap<&str, f32> = HashMap::new();
        for tf in &tfs {
            for k in tf.keys() {
                *df.entry(k.as_str()).or_insert(0.0) += 1.0;
            }
        }
        let n = docs.len() as f32;
        let idf: std::sync::Arc<HashMap<String, f32>> = std::sync::Arc::new(
            df.iter()
                .map(|(k, &c)| (k.to_string(), ((n + 1.0) / (c + 1.0)).ln() + 1.0))
                .collect(),
        );
        for (tf, &d) in tfs.iter().zip(docs) {
            let mut v: Vec<(String, f32)> = tf
                .iter()
                .map(|(k, &c)| {
                    let idf = ((n + 1.0) / (df[k.as_str()] + 1.0)).ln() + 1.0;
                    (k.clone(), (1.0 + c.ln()) * idf)
                })
                .collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| x.1 /= norm);
            out[d].vec = v;
            out[d].idf = idf.clone();
        }
    }
    out
}

/// Precomputed view of one event mention.
#[derive(Clone, Debug)]
pub struct MentionInfo {
    pub doc: usize,
    pub sentence: u32,
    pub kind: String,
    pub head_lemma: String,
    pub head_upos: String,
    /// Lemmas of all the mention's tokens.
    pub lemmas: HashSet<String>,
    /// Content lemmas of the sentence, minus the mention's own.
    pub context: HashSet<String>,
    /// Lemmas of participant (`HUMAN_*`, `NON_HUMAN_*`), time and location mentions in the
    /// same sentence.
    pub participants: HashSet<String>,
    pub times: HashSet<String>,
    pub places: HashSet<String>,
    /// Names and numbers (PROPN, NUM lemmas) in the sentence and its neighbours: the most
    /// specific evidence that two sentences tell of the same happening.
    pub names: HashSet<String>,
    /// Entity mentions in the sentence (annotators marked them mostly in the sentences
    /// selected for coreference, so this says whether the mention is likely linked at all).
    pub sentence_entities: usize,
    /// Event mentions in the sentence.
    pub sentence_events: usize,
    /// Event mentions of the document with the same head lemma (this one included).
    pub doc_repeats: usize,
}

impl MentionInfo {
    /// `corpus` must be annotated (lemmas and POS filled).
    pub fn new(corpus: &Corpus, doc: usize, m: &Mention) -> MentionInfo {
        let d = &corpus.docs[doc];
        // Head: the first verb of the mention, else its last noun, else its last token
        // ("checked into" → check; "the deadly fire" → fire).
        let head = m
            .tokens
            .iter()
            .copied()
            .find(|&i| d.tokens[i].upos == "VERB")
            .or_else(|| {
                m.tokens
                    .iter()
                    .rev()
                    .copied()
                    .find(|&i| matches!(d.tokens[i].upos.as_str(), "NOUN" | "PROPN"))
            })
            .unwrap_or(*m.tokens.last().expect("anchored mention"));
        let lemmas: HashSet<String> = m
            .tokens
            .iter()
            .map(|&i| d.tokens[i].lemma.clone())
            .collect();
        let context = d
            .tokens
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                t.sentence == m.sentence
                    && is_content(&t.upos)
                    && !is_auxish(&t.lemma)
                    && !m.tokens.contains(i)
            })
            .map(|(_, t)| t.lemma.clone())
            .collect();
        let mut participants = HashSet::new();
        let mut times = HashSet::new();
        let mut places = HashSet::new();
        for e in d.entities.iter().filter(|e| e.sentence == m.sentence) {
            let set = if e.kind.starts_with("TIME") {
                &mut times
            } else if e.kind.starts_with("LOC") {
                &mut places
            } else {
                &mut participants
            };
            for &i in &e.tokens {
                let t = &d.tokens[i];
                if is_content(&t.upos) {
                    set.insert(t.lemma.clone());
                }
            }
        }
        let sentence_entities = d
            .entities
            .iter()
            .filter(|e| e.sentence == m.sentence)
            .count();
        let sentence_events = d.events.iter().filter(|e| e.sentence == m.sentence).count();
        let names = d
            .tokens
            .iter()
            .filter(|t| {
                t.sentence.abs_diff(m.sentence) <= 1
                    && matches!(t.upos.as_str(), "PROPN" | "NUM")
                    && t.lemma.chars().any(|c| c.is_alphanumeric())
            })
            .map(|t| t.lemma.clone())
            .collect();
        let head_lemma = d.tokens[head].lemma.clone();
        let doc_repeats = d
            .events
            .iter()
            .filter(|e| {
                // Cheap head guess for the others: any token with the same lemma.
                e.tokens.iter().any(|&i| d.tokens[i].lemma == head_lemma)
            })
            .count();
        MentionInfo {
            doc_repeats,
            names,
            sentence_entities,
            sentence_events,
            doc,
            sentence: m.sentence,
            kind: m.kind.clone(),
            head_lemma: d.tokens[head].lemma.clone(),
            head_upos: d.tokens[head].upos.clone(),
            lemmas,
            context,
            participants,
            times,
            places,
        }
    }
}

fn trigrams(s: &str) -> HashSet<String> {
    let chars: Vec<char> = format!("^{s}$").chars().collect();
    chars.windows(3).map(|w| w.iter().collect()).collect()
}

/// Dice overlap, 2|A∩B| / (|A| + |B|).
fn dice<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count() as f32;
    inter / (a.len() + b.len()) as f32 * 2.0
}

/// Jaccard overlap with each lemma weighted by its IDF in the topic: sharing a rare word says
/// more than sharing a word every document of the topic uses.
fn weighted_jaccard(a: &HashSet<String>, b: &HashSet<String>, d: &DocInfo) -> f32 {
    // Summed in sorted order so the result does not depend on hash-set order.
    let sum = |mut v: Vec<&String>| -> f32 {
        v.sort_unstable();
        v.into_iter().map(|l| d.idf(l)).sum()
    };
    let inter = sum(a.intersection(b).collect());
    let union = sum(a.union(b).collect());
    if union > 0.0 {
        inter / union
    } else {
        0.0
    }
}

/// Bins a value in [0, 1] into `n` equal steps.
fn bin(x: f32, n: usize) -> usize {
    ((x.clamp(0.0, 1.0) * n as f32) as usize).min(n - 1)
}

/// Overlap of two context sets as a small label: "none" when either side is empty (unknown,
/// which is different from "known and different"), else the count of shared items (0..3+).
fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> String {
    if a.is_empty() || b.is_empty() {
        return "na".into();
    }
    let n = a.intersection(b).count().min(3);
    n.to_string()
}

/// Hashed indicator features of a mention pair.
///
/// `centrality` is, for each mention, the share of its sub-topic's documents that have an
/// event mention with the same head lemma (computed by the caller, who knows the sub-topic).
pub fn pair_features(
    a: &MentionInfo,
    b: &MentionInfo,
    da: &DocInfo,
    db: &DocInfo,
    centrality: (f32, f32),
) -> Vec<u32> {
    let mut f: Vec<String> = Vec::with_capacity(24);
    let same_lemma = a.head_lemma == b.head_lemma;
    let prefix = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let pre4 =
        a.head_lemma.chars().count() >= 4 && prefix(&a.head_lemma, 4) == prefix(&b.head_lemma, 4);
    f.push(format!("lemma={same_lemma}"));
    // Word-specific cues: generic triggers ("say", "be") that rarely corefer even when equal,
    // and trigger pairs ("die"/"death", "kill"/"shooting") that recur across topics.
    if same_lemma {
        f.push(format!("lw={}", a.head_lemma));
    } else {
        let (x, y) = if a.head_lemma <= b.head_lemma {
            (&a.head_lemma, &b.head_lemma)
        } else {
            (&b.head_lemma, &a.head_lemma)
        };
        f.push(format!("lp={x}|{y}"));
    }
    if !same_lemma {
        f.push(format!("pre4={pre4}"));
        f.push(format!(
            "pre6={}",
            a.head_lemma.chars().count() >= 6
                && prefix(&a.head_lemma, 6) == prefix(&b.head_lemma, 6)
        ));
        let tri = dice(&trigrams(&a.head_lemma), &trigrams(&b.head_lemma));
        f.push(format!("tri={}", bin(tri, 5)));
        f.push(format!("anylemma={}", !a.lemmas.is_disjoint(&b.lemmas)));
    }
    let (ua, ub) = if a.head_upos <= b.head_upos {
        (&a.head_upos, &b.head_upos)
    } else {
        (&b.head_upos, &a.head_upos)
    };
    f.push(format!("upos={ua}|{ub}"));
    let (ka, kb) = if a.kind <= b.kind {
        (&a.kind, &b.kind)
    } else {
        (&b.kind, &a.kind)
    };
    f.push(format!("kind={ka}|{kb}"));
    f.push(format!("samekind={}", a.kind == b.kind));
    let same_doc = a.doc == b.doc;
    f.push(format!("samedoc={same_doc}"));
    if same_doc {
        let dist = a.sentence.abs_diff(b.sentence);
        f.push(format!("sdist={}", dist.min(5)));
    } else {
        let c = cosine(da, db);
        f.push(format!("doccos={}", bin(c, 10)));
    }
    let ctx = dice(&a.context, &b.context);
    let wctx = weighted_jaccard(&a.context, &b.context, da);
    f.push(format!("wctx={}", bin(wctx, 10)));
    f.push(format!("ctx={}", bin(ctx, 10)));
    f.push(format!(
        "ctxn={}",
        a.context.intersection(&b.context).count().min(6)
    ));
    f.push(format!("names={}", overlap(&a.names, &b.names)));
    f.push(format!(
        "part={}",
        overlap(&a.participants, &b.participants)
    ));
    f.push(format!("time={}", overlap(&a.times, &b.times)));
    f.push(format!("loc={}", overlap(&a.places, &b.places)));
    let sbin = |n: u32| match n {
        0..=3 => n as usize,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    };
    let pair = |x: usize, y: usize| {
        if x <= y {
            format!("{x}|{y}")
        } else {
            format!("{y}|{x}")
        }
    };
    f.push(format!("sent={}", pair(sbin(a.sentence), sbin(b.sentence))));
    f.push(format!(
        "ents={}",
        pair(a.sentence_entities.min(4), b.sentence_entities.min(4))
    ));
    f.push(format!(
        "evs={}",
        pair(a.sentence_events.min(4), b.sentence_events.min(4))
    ));
    f.push(format!(
        "rep={}",
        pair(a.doc_repeats.min(4), b.doc_repeats.min(4))
    ));
    let (c1, c2) = (bin(centrality.0, 5), bin(centrality.1, 5));
    f.push(format!("cent={}", pair(c1, c2)));
    f.push(format!("centmin={}", c1.min(c2)));
    // Each cue conjoined with the lemma decision.
    let base: Vec<String> = f.iter().skip(2).cloned().collect();
    for x in &base {
        f.push(format!("L{same_lemma}&{x}"));
    }
    f.push("bias".into());
    f.iter().map(|s| hash_feature(s)).collect()
}
