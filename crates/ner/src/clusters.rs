//! Word clusters: Brown clustering (class-based bigram language model, agglomerative, with a
//! window of `C` active clusters as in Liang 2005) over unlabeled text, and the lookup the
//! tagger uses (bit-string paths, prefixes as features).

use crate::hash::{hash_str, IdMap};
use std::collections::HashMap;
use std::path::Path;

/// The form under which a word is clustered and looked up: digits replaced by `0`.
pub fn cluster_key(word: &str) -> String {
    word.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Words with their cluster's bit-string path in the merge tree.
#[derive(Clone, Debug, Default)]
pub struct WordClusters {
    /// (word key, cluster index) sorted by word.
    words: Vec<(String, u32)>,
    /// Bit-string path of each cluster.
    paths: Vec<String>,
    index: IdMap<u64, u32>,
}

impl WordClusters {
    /// Builds from (word, path) pairs.
    pub fn from_pairs<I: IntoIterator<Item = (String, String)>>(pairs: I) -> WordClusters {
        let mut path_id: HashMap<String, u32> = HashMap::new();
        let mut paths = Vec::new();
        let mut words = Vec::new();
        let mut list: Vec<(String, String)> = pairs.into_iter().collect();
        list.sort();
        list.dedup_by(|a, b| a.0 == b.0);
        // Number clusters in path order for determinism.
        let mut all_paths: Vec<&String> = list.iter().map(|(_, p)| p).collect();
        all_paths.sort();
        all_paths.dedup();
        for p in all_paths {
            path_id.insert(p.clone(), paths.len() as u32);
            paths.push(p.clone());
        }
        for (w, p) in &list {
            words.push((w.clone(), path_id[p]));
        }
        let mut c = WordClusters {
            words,
            paths,
            index: IdMap::default(),
        };
        c.build_index();
        c
    }

    fn build_index(&mut self) {
        self.index = self.words.iter().map(|(w, c)| (hash_str(w), *c)).collect();
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of clusters.
    pub fn num_clusters(&self) -> usize {
        self.paths.len()
    }

    /// The path of a word key (see [`cluster_key`]), exact match only.
    pub fn path_of_key(&self, key: &str) -> Option<&str> {
        self.index
            .get(&hash_str(key))
            .map(|&c| self.paths[c as usize].as_str())
    }

    pub(crate) fn cluster_of_hash(&self, h: u64) -> Option<u32> {
        self.index.get(&h).copied()
    }

    pub(crate) fn paths(&self) -> &[String] {
        &self.paths
    }

    /// Writes `word<TAB>path` lines.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for (w, c) in &self.words {
            s.push_str(w);
            s.push('\t');
            s.push_str(&self.paths[*c as usize]);
            s.push('\n');
        }
        s
    }

    /// Reads `word<TAB>path` lines (also the `path<TAB>word<TAB>count` layout of Liang's tool).
    pub fn from_text(text: &str) -> WordClusters {
        let pairs = text.lines().filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            match c.len() {
                2 => Some((c[0].to_string(), c[1].to_string())),
                3 => Some((c[1].to_string(), c[0].to_string())),
                _ => None,
            }
        });
        WordClusters::from_pairs(pairs)
    }

    pub(crate) fn to_bytes(&self, out: &mut Vec<u8>) {
        use crate::binio::*;
        put_u32(out, self.paths.len() as u32);
        for p in &self.paths {
            put_str(out, p);
        }
        put_u32(out, self.words.len() as u32);
        for (w, c) in &self.words {
            put_str(out, w);
            put_varint(out, u64::from(*c));
        }
    }

    pub(crate) fn from_reader(r: &mut crate::binio::Reader) -> Result<WordClusters, String> {
        let np = r.u32()? as usize;
        let mut paths = Vec::with_capacity(np);
        for _ in 0..np {
            paths.push(r.string()?);
        }
        let nw = r.u32()? as usize;
        let mut words = Vec::with_capacity(nw);
        for _ in 0..nw {
            let w = r.string()?;
            let c = r.varint()? as u32;
            if c as usize >= np {
                return Err("cluster index out of range".into());
            }
            words.push((w, c));
        }
        let mut c = WordClusters {
            words,
            paths,
            index: IdMap::default(),
        };
        c.build_index();
        Ok(c)
    }
}

// ---------------------------------------------------------------------------------------------
// Unlabeled text: readers and a CoNLL-like tokenizer.

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "plc", "st", "jr", "sr", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "gov", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "messrs", "mt", "ft", "bros", "dept",
    "est", "approx", "etc", "u.s", "u.k",
];

fn is_abbreviation(w: &str) -> bool {
    let lw = w.to_lowercase();
    if ABBREVIATIONS.contains(&lw.as_str()) {
        return true;
    }
    // Initials and dotted abbreviations: "J", "U.S", "a.m".
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (w.chars().count() == 1 && letters == 1)
        || (w.contains('.') && !w.ends_with('.') && letters <= 4)
}

/// Splits raw text into sentences of tokens, roughly as the CoNLL-2003 / Penn Treebank
/// tokenization does (punctuation split off, `'s` and `n't` separated, abbreviations kept).
/// Line breaks that leave an empty line end sentences.
pub fn tokenize(text: &str) -> Vec<Vec<String>> {
    let mut sents = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for para in text.split("\n\n").flat_map(|p| p.split("\r\n\r\n")) {
        for chunk in para.split_whitespace() {
            let mut end_sentence = false;
            let mut s = chunk;
            let mut lead = Vec::new();
            while let Some(c) = s.chars().next() {
                if "\"([{`'<".contains(c) && s.len() > c.len_utf8() {
                    lead.push(c.to_string());
                    s = &s[c.len_utf8()..];
                } else {
                    break;
                }
            }
            let mut trail = Vec::new();
            while let Some(c) = s.chars().last() {
                if s.len() == c.len_utf8() {
                    break;
                }
                let body = &s[..s.len() - c.len_utf8()];
                if ",;:)]}>\"!?'".contains(c) {
                    if c == '!' || c == '?' {
                        end_sentence = true;
                    }
                    trail.push(c.to_string());
                    s = body;
                } else if c == '.' {
                    if is_abbreviation(body) {
                        break;
                    }
                    end_sentence = true;
                    trail.push(".".to_string());
                    s = body;
                } else {
                    break;
                }
            }
            cur.extend(lead);
            let lower = s.to_lowercase();
            let mut split_at = None;
            for suf in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
                if lower.ends_with(suf) && s.len() > suf.len() {
                    split_at = Some(s.len() - suf.len());
                    break;
                }
            }
            if let Some(k) = split_at.filter(|&k| s.is_char_boundary(k)) {
                cur.push(s[..k].to_string());
                cur.push(s[k..].to_string());
            } else if !s.is_empty() {
                cur.push(s.to_string());
            }
            trail.reverse();
            cur.extend(trail);
            if end_sentence {
                sents.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            sents.push(std::mem::take(&mut cur));
        }
    }
    sents
}

fn decode_sgml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#3;", "")
        .replace("&amp;", "&")
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        match after.find(close) {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + close.len()..];
            }
            None => break,
        }
    }
    out
}

/// Tokenized titles and bodies of the Reuters-21578 `.sgm` files in `dir` (read as Latin-1).
pub fn read_reuters(dir: &Path) -> std::io::Result<Vec<Vec<String>>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f)?;
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for art in between(&text, "<TEXT", "</TEXT>") {
            for t in between(art, "<TITLE>", "</TITLE>") {
                out.extend(tokenize(&decode_sgml(t)));
            }
            for b in between(art, "<BODY>", "</BODY>") {
                // Reuters bodies wrap lines; paragraphs are indented lines.
                let body = decode_sgml(b).replace("\n    ", "\n\n");
                out.extend(tokenize(&body));
            }
        }
    }
    Ok(out)
}

/// Tokenized BBC News articles (`**/*.txt` under `dir`).
pub fn read_text_tree(dir: &Path) -> std::io::Result<Vec<Vec<String>>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt")
                && p.file_name().is_some_and(|n| n != "README.TXT")
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f)?;
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        out.extend(tokenize(&text));
    }
    Ok(out)
}

/// Token forms of a CoNLL-U file (multi-word token ranges and empty nodes skipped): unlabeled
/// text that is already tokenized.
pub fn read_conllu_text(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some(form) = cols.next() {
            cur.push(form.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Brown clustering.

/// Options for [`brown_clusters`].
#[derive(Clone, Debug)]
pub struct BrownOptions {
    /// Number of leaf clusters (the width of the active window).
    pub clusters: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many (most frequent) words are clustered.
    pub max_vocab: usize,
    /// Worker threads for the O(C²) updates.
    pub threads: usize,
}

impl Default for BrownOptions {
    fn default() -> Self {
        BrownOptions {
            clusters: 256,
            min_count: 3,
            max_vocab: 40_000,
            threads: 1,
        }
    }
}

struct Brown {
    n: usize, // matrix width = clusters + 1
    total: f64,
    cnt: Vec<f64>,
    q: Vec<f64>,
    l: Vec<f64>,
    nl: Vec<f64>,
    nr: Vec<f64>,
    active: Vec<usize>,
    is_active: Vec<bool>,
    threads: usize,
    /// n·ln(n) for small integer counts.
    nlogn: Vec<f64>,
    ln_total: f64,
    /// ln of left / right marginals per slot.
    lnl: Vec<f64>,
    lnr: Vec<f64>,
    /// ln(nl[s] + nl[t]) and ln(nr[s] + nr[t]) for s < t (upper triangle).
    lnl_pair: Vec<f64>,
    lnr_pair: Vec<f64>,
}

impl Brown {
    #[inline]
    fn c(&self, s: usize, t: usize) -> f64 {
        self.cnt[s * self.n + t]
    }
    #[inline]
    fn qq(&self, s: usize, t: usize) -> f64 {
        self.q[s * self.n + t]
    }

    fn refresh_q(&mut self, k: usize) {
        let n = self.n;
        for &x in &self.active {
            self.q[k * n + x] = self.qfast(self.cnt[k * n + x], self.lnl[k], self.lnr[x]);
            self.q[x * n + k] = self.qfast(self.cnt[x * n + k], self.lnl[x], self.lnr[k]);
        }
    }

    /// Loss of mutual information if clusters s and t were merged, computed from scratch.
    /// Needs the cached logarithms of (s, t), s < t, to be current.
    fn fresh_loss(&self, s: usize, t: usize) -> f64 {
        let st = s * self.n + t;
        let (lnlm, lnrm) = (self.lnl_pair[st], self.lnr_pair[st]);
        let mut sum = 0.0;
        for &x in &self.active {
            if x == s || x == t {
                continue;
            }
            sum += self.qq(s, x) + self.qq(x, s) + self.qq(t, x) + self.qq(x, t)
                - self.qfast(self.c(s, x) + self.c(t, x), lnlm, self.lnr[x])
                - self.qfast(self.c(x, s) + self.c(x, t), self.lnl[x], lnrm);
        }
        sum + self.qq(s, s) + self.qq(t, t) + self.qq(s, t) + self.qq(t, s)
            - self.qfast(
                self.c(s, s) + self.c(s, t) + self.c(t, s) + self.c(t, t),
                lnlm,
                lnrm,
            )
    }

    #[inline]
    fn nln(&self, n: f64) -> f64 {
        let i = n as usize;
        if i < self.nlogn.len() {
            self.nlogn[i]
        } else {
            n * n.ln()
        }
    }

    /// `qv` from logarithms of the marginals (no logarithm computed for small counts).
    #[inline]
    fn qfast(&self, n: f64, ln_nl: f64, ln_nr: f64) -> f64 {
        if n <= 0.0 {
            0.0
        } else {
            (self.nln(n) + n * (self.ln_total - ln_nl - ln_nr)) / self.total
        }
    }

    /// The part of L(s,t) (s < t) that involves cluster `a` as the "other" cluster.
    #[inline]
    fn term(&self, s: usize, t: usize, a: usize) -> f64 {
        let st = s * self.n + t;
        self.qq(s, a) + self.qq(a, s) + self.qq(t, a) + self.qq(a, t)
            - self.qfast(self.c(s, a) + self.c(t, a), self.lnl_pair[st], self.lnr[a])
            - self.qfast(self.c(a, s) + self.c(a, t), self.lnl[a], self.lnr_pair[st])
    }

    /// Refreshes the cached logarithms of slot k's marginals and of its pair sums.
    fn refresh_logs(&mut self, k: usize) {
        let n = self.n;
        self.lnl[k] = self.nl[k].ln();
        self.lnr[k] = self.nr[k].ln();
        for &x in &self.active {
            if x == k {
                continue;
            }
            let (s, t) = if x < k { (x, k) } else { (k, x) };
            self.lnl_pair[s * n + t] = (self.nl[s] + self.nl[t]).ln();
            self.lnr_pair[s * n + t] = (self.nr[s] + self.nr[t]).ln();
        }
    }

    /// Adds `sign * term(s,t,a)` (+ `sign * term(s,t,b)`) to every L(s,t) with s,t ∉ {a, b}.
    fn adjust_pairs(&mut self, sign: f64, a: usize, b: Option<usize>) {
        let act: Vec<usize> = self
            .active
            .iter()
            .copied()
            .filter(|&x| x != a && Some(x) != b)
            .collect();
        let n = self.n;
        let mut l = std::mem::take(&mut self.l);
        {
            let this = &*self;
            let act = &act;
            let work = move |rows: &mut [(usize, &mut [f64])]| {
                for (s, row) in rows.iter_mut() {
                    let s = *s;
                    for &t in act.iter().filter(|&&t| t > s) {
                        let mut d = this.term(s, t, a);
                        if let Some(b) = b {
                            d += this.term(s, t, b);
                        }
                        row[t] += sign * d;
                    }
                }
            };
            let mut is_row = vec![false; n];
            for &x in act {
                is_row[x] = true;
            }
            let mut rows: Vec<(usize, &mut [f64])> = l
                .chunks_mut(n)
                .enumerate()
                .filter(|(s, _)| is_row[*s])
                .collect();
            if this.threads > 1 && act.len() > 64 {
                // Split the upper triangle into parts of about equal work.
                let m = rows.len();
                let per = m * m / 2 / this.threads + 1;
                let mut parts: Vec<Vec<(usize, &mut [f64])>> = Vec::new();
                let mut cur = Vec::new();
                let mut acc = 0;
                for (i, r) in rows.drain(..).enumerate() {
                    acc += m - i;
                    cur.push(r);
                    if acc >= per && parts.len() + 1 < this.threads {
                        parts.push(std::mem::take(&mut cur));
                        acc = 0;
                    }
                }
                parts.push(cur);
                std::thread::scope(|sc| {
                    for mut p in parts {
                        sc.spawn(move || work(&mut p));
                    }
                });
            } else {
                work(&mut rows);
            }
        }
        self.l = l;
    }

    fn refresh_loss_row(&mut self, k: usize) {
        let n = self.n;
        let act = self.active.clone();
        for &x in &act {
            if x == k {
                continue;
            }
            let (s, t) = if x < k { (x, k) } else { (k, x) };
            self.l[s * n + t] = self.fresh_loss(s, t);
        }
    }

    fn best_pair(&self) -> (usize, usize) {
        let mut best = (f64::INFINITY, 0, 0);
        for (i, &s) in self.active.iter().enumerate() {
            for &t in &self.active[i + 1..] {
                let (s, t) = if s < t { (s, t) } else { (t, s) };
                let v = self.l[s * self.n + t];
                if v < best.0 || (v == best.0 && (s, t) < (best.1, best.2)) {
                    best = (v, s, t);
                }
            }
        }
        (best.1, best.2)
    }

    /// Merges b into a (a keeps its slot).
    fn merge(&mut self, a: usize, b: usize) {
        let n = self.n;
        self.adjust_pairs(-1.0, a, Some(b));
        for x in 0..n {
            self.cnt[a * n + x] += self.cnt[b * n + x];
        }
        for x in 0..n {
            self.cnt[x * n + a] += self.cnt[x * n + b];
        }
        for x in 0..n {
            self.cnt[b * n + x] = 0.0;
            self.cnt[x * n + b] = 0.0;
            self.q[b * n + x] = 0.0;
            self.q[x * n + b] = 0.0;
        }
        self.nl[a] += self.nl[b];
        self.nr[a] += self.nr[b];
        self.nl[b] = 0.0;
        self.nr[b] = 0.0;
        self.is_active[b] = false;
        self.active.retain(|&x| x != b);
        self.refresh_logs(a);
        self.refresh_q(a);
        self.adjust_pairs(1.0, a, None);
        self.refresh_loss_row(a);
    }
}

/// Runs Brown clustering over tokenized sentences (words are mapped with [`cluster_key`] by the
/// caller or not at all: they are used as given). Deterministic for the same input.
pub fn brown_clusters(sentences: &[Vec<String>], opts: &BrownOptions) -> WordClusters {
    // Vocabulary by frequency.
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= opts.min_count)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(opts.max_vocab);
    let id: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let v = vocab.len();
    if v == 0 {
        return WordClusters::default();
    }
    // Bigram counts between kept words.
    let mut big: HashMap<(u32, u32), u32> = HashMap::new();
    for s in sentences {
        for w in s.windows(2) {
            if let (Some(&a), Some(&b)) = (id.get(w[0].as_str()), id.get(w[1].as_str())) {
                *big.entry((a as u32, b as u32)).or_insert(0) += 1;
            }
        }
    }
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut wl = vec![0f64; v];
    let mut wr = vec![0f64; v];
    let mut total = 0f64;
    let mut pairs: Vec<((u32, u32), u32)> = big.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), c) in pairs {
        right[a as usize].push((b, c));
        left[b as usize].push((a, c));
        wl[a as usize] += f64::from(c);
        wr[b as usize] += f64::from(c);
        total += f64::from(c);
    }
    let cmax = opts.clusters.max(2);
    let n = cmax + 1;
    let mut br = Brown {
        n,
        total,
        cnt: vec![0.0; n * n],
        q: vec![0.0; n * n],
        l: vec![0.0; n * n],
        nl: vec![0.0; n],
        nr: vec![0.0; n],
        active: Vec::new(),
        is_active: vec![false; n],
        threads: opts.threads.max(1),
        nlogn: (0..(1usize << 20))
            .map(|i| {
                if i == 0 {
                    0.0
                } else {
                    i as f64 * (i as f64).ln()
                }
            })
            .collect(),
        ln_total: total.ln(),
        lnl: vec![0.0; n],
        lnr: vec![0.0; n],
        lnl_pair: vec![0.0; n * n],
        lnr_pair: vec![0.0; n * n],
    };
    let mut word_slot: Vec<i32> = vec![-1; v];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    for w in 0..v {
        // Words with no kept bigram still get a cluster; tiny marginals avoid division by zero.
        let k = (0..n).find(|&k| !br.is_active[k]).expect("a free slot");
        word_slot[w] = k as i32;
        members[k].push(w as u32);
        br.nl[k] = wl[w].max(1e-9);
        br.nr[k] = wr[w].max(1e-9);
        for &(x, c) in &right[w] {
            let sx = word_slot[x as usize];
            if sx >= 0 {
                br.cnt[k * n + sx as usize] += f64::from(c);
            }
        }
        for &(x, c) in &left[w] {
            let sx = word_slot[x as usize];
            if sx >= 0 && x as usize != w {
                br.cnt[sx as usize * n + k] += f64::from(c);
            }
        }
        br.is_active[k] = true;
        br.active.push(k);
        br.active.sort_unstable();
        br.refresh_logs(k);
        br.refresh_q(k);
        br.adjust_pairs(1.0, k, None);
        br.refresh_loss_row(k);
        if br.active.len() == n {
            let (a, b) = br.best_pair();
            br.merge(a, b);
            let moved = std::mem::take(&mut members[b]);
            for &m in &moved {
                word_slot[m as usize] = a as i32;
            }
            members[a].extend(moved);
        }
    }
    // Phase 2: merge the remaining clusters into a binary tree.
    let mut node_of_slot: Vec<usize> = vec![usize::MAX; n];
    let mut children: Vec<Option<(usize, usize)>> = Vec::new();
    let mut leaf_slot: Vec<usize> = Vec::new();
    for &s in &br.active {
        node_of_slot[s] = children.len();
        children.push(None);
        leaf_slot.push(s);
    }
    while br.active.len() > 1 {
        let (a, b) = br.best_pair();
        br.merge(a, b);
        let node = children.len();
        children.push(Some((node_of_slot[a], node_of_slot[b])));
        node_of_slot[a] = node;
    }
    let root = children.len() - 1;
    let mut path = vec![String::new(); children.len()];
    let mut stack = vec![root];
    while let Some(x) = stack.pop() {
        if let Some((l, r)) = children[x] {
            path[l] = format!("{}0", path[x]);
            path[r] = format!("{}1", path[x]);
            stack.push(l);
            stack.push(r);
        }
    }
    let mut slot_path: Vec<String> = vec![String::new(); n];
    for (leaf, &s) in leaf_slot.iter().enumerate() {
        slot_path[s] = if path[leaf].is_empty() {
            "0".to_string()
        } else {
            path[leaf].clone()
        };
    }
    let pairs = (0..v).map(|w| {
        (
            vocab[w].0.to_string(),
            slot_path[word_slot[w] as usize].clone(),
        )
    });
    WordClusters::from_pairs(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_splits_like_conll() {
        let s = tokenize("Mr. Smith's firm (U.S.) didn't pay $5.5 million. \"Yes,\" he said.");
        assert_eq!(
            s[0],
            vec![
                "Mr.", "Smith", "'s", "firm", "(", "U.S.", ")", "did", "n't", "pay", "$5.5",
                "million", "."
            ]
        );
        assert_eq!(s[1], vec!["\"", "Yes", ",", "\"", "he", "said", "."]);
    }

    #[test]
    fn brown_separates_distributional_classes() {
        // Two kinds of words in distinct contexts: they should split at the root.
        let mut sents = Vec::new();
        for i in 0..200 {
            let name = ["Paris", "London", "Rome"][i % 3];
            let verb = ["runs", "walks", "sleeps"][i % 3];
            sents.push(vec!["in".to_string(), name.to_string(), ".".to_string()]);
            sents.push(vec!["he".to_string(), verb.to_string(), "fast".to_string()]);
        }
        let c = brown_clusters(
            &sents,
            &BrownOptions {
                clusters: 4,
                min_count: 1,
                max_vocab: 100,
                threads: 2,
            },
        );
        assert_eq!(c.len(), 10);
        let p = |w: &str| c.path_of_key(w).unwrap().to_string();
        assert_eq!(p("Paris"), p("London"));
        assert_eq!(p("runs"), p("walks"));
        assert_ne!(p("Paris"), p("runs"));
        // Deterministic.
        let c2 = brown_clusters(
            &sents,
            &BrownOptions {
                clusters: 4,
                min_count: 1,
                max_vocab: 100,
                threads: 1,
            },
        );
        assert_eq!(c.to_text(), c2.to_text());
    }
}
