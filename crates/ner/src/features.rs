//! Feature extraction: every token gets a list of 32-bit hashed feature keys (template id mixed
//! with the value), computed per document so document-level context can be used.

use crate::binio::{put_u8, Reader};
use crate::casing::{CasePrior, CASE_BUCKETS};
use crate::clusters::WordClusters;
use crate::gazetteer::{list, Gazetteer};
use crate::hash::{combine, feat, feat2, hash_bytes, IdMap};

/// Which feature groups are on. Stored in the model so a model always extracts the features it
/// was trained with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureConfig {
    /// Word-cluster path prefixes (needs clusters).
    pub clusters: bool,
    /// Gazetteer matches.
    pub gazetteer: bool,
    /// Document-level context (other occurrences of the word in the document).
    pub document: bool,
    /// Cluster features for tokens at distance 2.
    pub wide_clusters: bool,
    /// Capitalisation prior from unlabeled text (needs a [`CasePrior`]).
    pub case_prior: bool,
    /// Domain feature augmentation (Daumé III 2007): every feature is emitted twice, once
    /// shared by all domains and once specific to the text's [`Domain`].
    pub domains: bool,
    /// With `domains`: word-identity features get domain copies too (else they are shared
    /// only, so the small domain's copies learn how names look, not which names it saw).
    pub domain_words: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            clusters: true,
            gazetteer: true,
            document: true,
            wide_clusters: true,
            case_prior: true,
            domains: false,
            domain_words: false,
        }
    }
}

impl FeatureConfig {
    pub(crate) fn to_bytes(&self, out: &mut Vec<u8>) {
        let bits = u8::from(self.clusters)
            | u8::from(self.gazetteer) << 1
            | u8::from(self.document) << 2
            | u8::from(self.wide_clusters) << 3
            | u8::from(self.case_prior) << 4
            | u8::from(self.domains) << 5
            | u8::from(self.domain_words) << 6;
        put_u8(out, bits);
    }
    pub(crate) fn from_reader(r: &mut Reader) -> Result<Self, String> {
        let b = r.u8()?;
        Ok(FeatureConfig {
            clusters: b & 1 != 0,
            gazetteer: b & 2 != 0,
            document: b & 4 != 0,
            wide_clusters: b & 8 != 0,
            case_prior: b & 16 != 0,
            domains: b & 32 != 0,
            domain_words: b & 64 != 0,
        })
    }
}

/// The kind of text being tagged. With [`FeatureConfig::domains`], the model has shared weights
/// plus weights specific to each domain; without it the domain is ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Domain {
    /// Edited news text (CoNLL-2003 and the articles the pipeline reads).
    #[default]
    News,
    /// Web text: reviews, e-mails, forums, blogs (Universal NER English EWT).
    Web,
}

impl Domain {
    pub const ALL: [Domain; 2] = [Domain::News, Domain::Web];

    pub fn as_str(self) -> &'static str {
        match self {
            Domain::News => "news",
            Domain::Web => "web",
        }
    }

    pub fn parse(s: &str) -> Option<Domain> {
        Domain::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Template of the domain-specific copy of a feature key.
const DOMAIN_TEMPLATE: u32 = 200;

/// The domain-specific copy of feature key `k`.
#[inline]
fn domain_key(k: u32, d: Domain) -> u32 {
    feat(DOMAIN_TEMPLATE + d as u32, u64::from(k))
}

/// Augments the features `f[start..]` of one token in place: the first `lex` (word-identity)
/// features (and their domain copies if `words`), then the others and their domain copies, so
/// the word-identity features stay a prefix. Returns the new prefix length.
pub(crate) fn augment_token(
    f: &mut Vec<u32>,
    start: usize,
    lex: usize,
    d: Domain,
    words: bool,
    tmp: &mut Vec<u32>,
) -> usize {
    tmp.clear();
    tmp.extend_from_slice(&f[start..]);
    f.truncate(start);
    let (a, b) = tmp.split_at(lex.min(tmp.len()));
    f.extend_from_slice(a);
    if words {
        f.extend(a.iter().map(|&k| domain_key(k, d)));
    }
    let prefix = f.len() - start;
    f.extend_from_slice(b);
    f.extend(b.iter().map(|&k| domain_key(k, d)));
    prefix
}

/// Cluster-path prefix lengths used as features.
pub(crate) const CLUSTER_PREFIXES: [usize; 4] = [4, 6, 10, 20];

/// Lookup structures derived from clusters, built once per model.
pub(crate) struct ClusterFeatures {
    /// Per cluster, hashes of its path prefixes.
    prefix: Vec<[u64; 4]>,
}

impl ClusterFeatures {
    pub(crate) fn new(c: &WordClusters) -> Self {
        let prefix = c
            .paths()
            .iter()
            .map(|p| {
                let mut a = [0u64; 4];
                for (k, &n) in CLUSTER_PREFIXES.iter().enumerate() {
                    a[k] = hash_bytes(&p.as_bytes()[..n.min(p.len())]) ^ (n as u64);
                }
                a
            })
            .collect();
        ClusterFeatures { prefix }
    }
}

// Capitalisation classes.
const CAP_LOWER: u8 = 0;
const CAP_INIT: u8 = 1;
const CAP_ALL: u8 = 2;
const CAP_MIXED: u8 = 3;
const CAP_DIGIT: u8 = 4;
const CAP_PUNCT: u8 = 5;
const CAP_OTHER: u8 = 6;

// Flags.
const F_DIGIT: u8 = 1;
const F_HYPHEN: u8 = 2;
const F_PERIOD: u8 = 4;
const F_ALNUM_MIX: u8 = 8;
const F_APOS: u8 = 16;
const F_AMP: u8 = 32;

#[derive(Clone, Default)]
struct Tok {
    w: u64,
    l: u64,
    shape: u64,
    short: u64,
    cap: u8,
    flags: u8,
    len: u8,
    alpha: bool,
    cluster: Option<u32>,
    prior: u8,
    gz: (u16, u16),
    pre: [u64; 4],
    suf: [u64; 4],
}

const BOS: u64 = 0x0B05_0B05_0B05_0B05;
const EOS: u64 = 0x0E05_0E05_0E05_0E05;

/// Feature keys of one sentence: token i has `feats[offs[i]..offs[i+1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct SentFeatures {
    pub feats: Vec<u32>,
    pub offs: Vec<u32>,
    /// Per token, how many of its first features are word-identity features.
    pub lex: Vec<u8>,
    /// Per token, the lower-case hash and whether it contains a letter.
    pub words: Vec<(u64, bool)>,
    /// Per token, true if it can never be (part of) an entity (e-mail address, URL, file name).
    pub never: Vec<bool>,
}

impl SentFeatures {
    pub(crate) fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }
    pub(crate) fn token(&self, i: usize) -> &[u32] {
        &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

fn cap_class(word: &str) -> (u8, u8, bool) {
    let (mut up, mut low, mut dig, mut other) = (0, 0, 0, 0);
    let mut first_up = false;
    let mut flags = 0u8;
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            up += 1;
            if i == 0 {
                first_up = true;
            }
        } else if c.is_lowercase() {
            low += 1;
        } else if c.is_ascii_digit() {
            dig += 1;
        } else {
            other += 1;
            match c {
                '-' => flags |= F_HYPHEN,
                '.' => flags |= F_PERIOD,
                '\'' => flags |= F_APOS,
                '&' => flags |= F_AMP,
                _ => {}
            }
        }
    }
    if dig > 0 {
        flags |= F_DIGIT;
        if up + low > 0 {
            flags |= F_ALNUM_MIX;
        }
    }
    let alpha = up + low > 0;
    let cls = if up + low == 0 {
        if dig > 0 {
            CAP_DIGIT
        } else if other > 0 {
            CAP_PUNCT
        } else {
            CAP_OTHER
        }
    } else if low == 0 {
        CAP_ALL
    } else if up == 0 {
        CAP_LOWER
    } else if first_up && up == 1 {
        CAP_INIT
    } else if first_up {
        // "McDonald", "O'Neill": initial capital with more inside.
        CAP_MIXED
    } else {
        CAP_MIXED + 4 // "iPod", "eBay"
    };
    (cls, flags, alpha)
}

fn shapes(word: &str, long: &mut Vec<u8>, short: &mut Vec<u8>) {
    long.clear();
    short.clear();
    let mut run = 0;
    let mut last = 0u8;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            short.push(k);
        }
        if run <= 4 {
            long.push(k);
        }
        last = k;
    }
}

/// Per-word document statistics (keyed by lower-case hash).
#[derive(Clone, Copy, Default)]
struct DocStat {
    cap: u32,
    lower: u32,
    first: u32,
    mid: u32,
    last: u32,
    single: u32,
}

/// Reusable scratch space and the extraction logic.
pub(crate) struct Extractor<'a> {
    pub cfg: &'a FeatureConfig,
    pub gazetteer: &'a Gazetteer,
    pub clusters: &'a WordClusters,
    pub cluster_feats: &'a ClusterFeatures,
    pub case_prior: &'a CasePrior,
    /// The domain of the text (used with [`FeatureConfig::domains`]).
    pub domain: Domain,
}

/// A title-case line: at least two words with letters, none of them starting lower case
/// (and not all capitals).
fn is_title_line(sent: &[&str]) -> bool {
    let alpha: Vec<&&str> = sent
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    alpha.len() >= 2
        && alpha
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
        && sent.iter().any(|w| w.chars().any(char::is_lowercase))
}

/// A line of a results table or list: it has a number and few lower-case words.
fn is_table_row(sent: &[&str]) -> bool {
    let digits = sent.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()));
    let alpha = sent
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let lower = sent
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    digits && alpha > 0 && lower * 5 <= alpha
}

/// Tokens that are never names: e-mail addresses, URLs and file names.
pub(crate) fn is_never_entity(w: &str) -> bool {
    if w.contains('@') || w.contains("://") || w.starts_with("www.") || w.starts_with("WWW.") {
        return true;
    }
    match w.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('.') => {
            let ext = ext.to_ascii_lowercase();
            matches!(
                ext.as_str(),
                "com"
                    | "net"
                    | "org"
                    | "edu"
                    | "gov"
                    | "pdf"
                    | "doc"
                    | "docx"
                    | "htm"
                    | "html"
                    | "xls"
                    | "xlsx"
                    | "txt"
                    | "jpg"
                    | "gif"
                    | "png"
                    | "zip"
                    | "ppt"
                    | "exe"
            ) && stem
                .chars()
                .all(|c| c.is_alphanumeric() || "._-".contains(c))
        }
        _ => false,
    }
}

fn is_sentence_all_lower(sent: &[&str]) -> bool {
    let mut low = 0;
    for w in sent {
        for c in w.chars() {
            if c.is_uppercase() {
                return false;
            }
            if c.is_lowercase() {
                low += 1;
            }
        }
    }
    low > 0
}

fn is_sentence_all_caps(sent: &[&str]) -> bool {
    let mut up = 0;
    for w in sent {
        for c in w.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_uppercase() {
                up += 1;
            }
        }
    }
    up > 0
}

impl Extractor<'_> {
    /// The cluster of `word` (digits as 0), else of its title-case or lower-case form. `buf`
    /// and `other` are scratch space, reused so that looking words up allocates nothing.
    fn lookup_cluster(
        &self,
        word: &str,
        cap: u8,
        buf: &mut String,
        other: &mut String,
    ) -> Option<u32> {
        if self.clusters.is_empty() {
            return None;
        }
        buf.clear();
        buf.extend(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c }),
        );
        if let Some(c) = self.clusters.cluster_of_hash(hash_bytes(buf.as_bytes())) {
            return Some(c);
        }
        // Fall back to other casings: title case (for all-caps headlines and lower-cased web
        // text), then lower case.
        let lower = buf;
        if lower.is_ascii() {
            lower.make_ascii_lowercase();
        } else {
            *lower = lower.to_lowercase();
        }
        if cap != CAP_INIT {
            let t = other;
            t.clear();
            let mut cs = lower.chars();
            if let Some(f) = cs.next() {
                t.extend(f.to_uppercase());
                t.push_str(cs.as_str());
            }
            if let Some(c) = self.clusters.cluster_of_hash(hash_bytes(t.as_bytes())) {
                return Some(c);
            }
        }
        if cap != CAP_LOWER {
            if let Some(c) = self.clusters.cluster_of_hash(hash_bytes(lower.as_bytes())) {
                return Some(c);
            }
        }
        None
    }

    fn token_info(&self, word: &str, scratch: &mut Scratch) -> Tok {
        let (cap, flags, alpha) = cap_class(word);
        let lower = {
            scratch.lower.clear();
            if word.is_ascii() {
                scratch.lower.push_str(word);
                scratch.lower.make_ascii_lowercase();
            } else {
                scratch.lower.push_str(&word.to_lowercase());
            }
            &scratch.lower
        };
        let l = hash_bytes(lower.as_bytes());
        shapes(word, &mut scratch.long, &mut scratch.short);
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        // Byte offsets: ends[n] ends the first n+1 characters, starts[n] starts the last n+1.
        let mut ends = [word.len(); 4];
        let mut nchars = 0usize;
        for (k, (i, _)) in word.char_indices().enumerate() {
            if (1..=4).contains(&k) {
                ends[k - 1] = i;
            }
            nchars = k + 1;
        }
        let mut starts = [0usize; 4];
        for (k, (i, _)) in word.char_indices().rev().take(4).enumerate() {
            starts[k] = i;
        }
        for n in 0..4.min(nchars) {
            pre[n] = hash_bytes(&word.as_bytes()[..ends[n]]);
            suf[n] = hash_bytes(&word.as_bytes()[starts[n]..]);
        }
        let cluster = if self.cfg.clusters {
            self.lookup_cluster(word, cap, &mut scratch.key, &mut scratch.cased)
        } else {
            None
        };
        Tok {
            w: hash_bytes(word.as_bytes()),
            l,
            shape: hash_bytes(&scratch.long),
            short: hash_bytes(&scratch.short),
            cap,
            flags,
            len: nchars.min(255) as u8,
            alpha,
            cluster,
            prior: if self.cfg.case_prior {
                self.case_prior.bucket_of_hash(l).unwrap_or(CASE_BUCKETS)
            } else {
                0
            },
            gz: (0, 0),
            pre,
            suf,
        }
    }

    /// Extracts features for all sentences of one document.
    pub(crate) fn document(&self, doc: &[Vec<&str>], out: &mut Vec<SentFeatures>) {
        let mut scratch = Scratch::default();
        let toks: Vec<Vec<Tok>> = doc
            .iter()
            .map(|s| {
                let mut t: Vec<Tok> = s.iter().map(|w| self.token_info(w, &mut scratch)).collect();
                if self.cfg.gazetteer {
                    let lower: Vec<u64> = t.iter().map(|x| x.l).collect();
                    self.gazetteer.match_hashes(&lower, &mut scratch.gz);
                    for (x, g) in t.iter_mut().zip(&scratch.gz) {
                        x.gz = *g;
                    }
                }
                t
            })
            .collect();
        let all_caps: Vec<bool> = doc.iter().map(|s| is_sentence_all_caps(s)).collect();
        let all_lower: Vec<bool> = doc.iter().map(|s| is_sentence_all_lower(s)).collect();
        let table: Vec<bool> = doc.iter().map(|s| is_table_row(s)).collect();
        let title: Vec<bool> = doc.iter().map(|s| is_title_line(s)).collect();
        // Document statistics.
        let mut stats: IdMap<u64, DocStat> = IdMap::default();
        let mut own: Vec<Vec<DocStat>> = Vec::new();
        if self.cfg.document {
            for (s, ts) in toks.iter().enumerate() {
                let mut o = vec![DocStat::default(); ts.len()];
                if !all_caps[s] {
                    let mut i = 0;
                    while i < ts.len() {
                        let t = &ts[i];
                        if t.alpha && t.cap == CAP_LOWER {
                            o[i].lower = 1;
                        }
                        if t.alpha && matches!(t.cap, CAP_INIT | CAP_MIXED | CAP_ALL) {
                            if i > 0 {
                                o[i].cap = 1;
                            }
                            let mut j = i;
                            while j < ts.len()
                                && ts[j].alpha
                                && matches!(ts[j].cap, CAP_INIT | CAP_MIXED | CAP_ALL)
                            {
                                j += 1;
                            }
                            if j - i == 1 {
                                if i > 0 {
                                    o[i].single = 1;
                                }
                            } else {
                                o[i].first = 1;
                                o[j - 1].last = 1;
                                for x in &mut o[i + 1..j - 1] {
                                    x.mid = 1;
                                }
                            }
                            for (k, x) in o.iter_mut().enumerate().take(j).skip(i + 1) {
                                if k > 0 {
                                    x.cap = 1;
                                }
                            }
                            i = j;
                            continue;
                        }
                        i += 1;
                    }
                }
                for (t, d) in ts.iter().zip(&o) {
                    let e = stats.entry(t.l).or_default();
                    e.cap = e.cap.saturating_add(d.cap);
                    e.lower = e.lower.saturating_add(d.lower);
                    e.first = e.first.saturating_add(d.first);
                    e.mid = e.mid.saturating_add(d.mid);
                    e.last = e.last.saturating_add(d.last);
                    e.single = e.single.saturating_add(d.single);
                }
                own.push(o);
            }
        }
        out.clear();
        for (s, ts) in toks.iter().enumerate() {
            let mut sf = SentFeatures {
                feats: Vec::with_capacity(ts.len() * 64),
                offs: Vec::with_capacity(ts.len() + 1),
                lex: Vec::with_capacity(ts.len()),
                words: ts.iter().map(|t| (t.l, t.alpha)).collect(),
                never: doc[s].iter().map(|w| is_never_entity(w)).collect(),
            };
            sf.offs.push(0);
            for i in 0..ts.len() {
                let o = if self.cfg.document {
                    Some((&stats, &own[s][i]))
                } else {
                    None
                };
                let start = sf.feats.len();
                let mut lex = self.token_features(
                    ts,
                    i,
                    (all_caps[s], all_lower[s], table[s], title[s]),
                    o,
                    &mut sf.feats,
                );
                if self.cfg.domains {
                    lex = augment_token(
                        &mut sf.feats,
                        start,
                        lex,
                        self.domain,
                        self.cfg.domain_words,
                        &mut scratch.aug,
                    );
                }
                sf.lex.push(lex as u8);
                sf.offs.push(sf.feats.len() as u32);
            }
            out.push(sf);
        }
    }

    /// Pushes the features of token i; returns how many of them (at the start) are
    /// word-identity features.
    fn token_features(
        &self,
        ts: &[Tok],
        i: usize,
        (all_caps, all_lower, table, title): (bool, bool, bool, bool),
        doc: Option<(&IdMap<u64, DocStat>, &DocStat)>,
        f: &mut Vec<u32>,
    ) -> usize {
        let t = &ts[i];
        let at = |d: isize| -> Option<&Tok> {
            let j = i as isize + d;
            if j < 0 || j as usize >= ts.len() {
                None
            } else {
                Some(&ts[j as usize])
            }
        };
        let lw = |d: isize| at(d).map(|x| x.l).unwrap_or(if d < 0 { BOS } else { EOS });
        let sh = |d: isize| {
            at(d)
                .map(|x| x.short)
                .unwrap_or(if d < 0 { BOS } else { EOS })
        };
        let cp = |d: isize| {
            at(d)
                .map(|x| u64::from(x.cap))
                .unwrap_or(if d < 0 { 90 } else { 91 })
        };

        // Word-identity features first: training may drop them (`SentFeatures::lex`).
        let start = f.len();
        f.push(feat(1, t.w));
        f.push(feat(2, t.l));
        f.push(feat2(50, lw(-1), t.l));
        f.push(feat2(51, t.l, lw(1)));
        if all_caps {
            f.push(feat2(48, t.l, 1));
        }
        let lex = f.len() - start;
        f.push(feat(0, 0));
        f.push(feat(3, lw(-1)));
        f.push(feat(4, lw(1)));
        f.push(feat(5, lw(-2)));
        f.push(feat(6, lw(2)));
        f.push(feat(7, at(-1).map(|x| x.w).unwrap_or(BOS)));
        f.push(feat(8, at(1).map(|x| x.w).unwrap_or(EOS)));
        f.push(feat(10, t.shape));
        f.push(feat(11, t.short));
        f.push(feat(12, sh(-1)));
        f.push(feat(13, sh(1)));
        f.push(feat(14, combine(combine(sh(-1), t.short), sh(1))));
        for n in 0..4 {
            if (n as u8) < t.len {
                f.push(feat(20 + n as u32, t.pre[n]));
                f.push(feat(30 + n as u32, t.suf[n]));
            }
        }
        let cap = u64::from(t.cap);
        f.push(feat(40, cap));
        f.push(feat2(41, cp(-1), cap));
        f.push(feat2(42, cap, cp(1)));
        if i == 0 {
            f.push(feat(43, cap));
        }
        if all_caps {
            f.push(feat(44, cap));
        }
        if all_lower {
            f.push(feat(45, cap));
        }
        if table {
            f.push(feat2(49, cap, u64::from(i == 0)));
        }
        if title {
            f.push(feat(39, cap));
        }
        if self.cfg.case_prior {
            let pr = |d: isize| {
                at(d)
                    .map(|x| u64::from(x.prior))
                    .unwrap_or(if d < 0 { 90 } else { 91 })
            };
            let p0 = u64::from(t.prior);
            let sent_case = u64::from(all_caps)
                | u64::from(all_lower) << 1
                | u64::from(i == 0) << 2
                | u64::from(title) << 3;
            f.push(feat2(140, p0, cap));
            f.push(feat2(141, p0, sent_case));
            f.push(feat2(142, pr(-1), p0));
            f.push(feat2(143, p0, pr(1)));
            f.push(feat2(144, combine(p0, cap), sent_case));
        }
        for b in 0..8 {
            if t.flags & (1 << b) != 0 {
                f.push(feat(46, b));
            }
        }
        f.push(feat(47, u64::from(t.len.min(8))));
        f.push(feat2(52, lw(-2), lw(-1)));
        f.push(feat2(53, lw(1), lw(2)));
        if self.cfg.clusters {
            let span: isize = if self.cfg.wide_clusters { 2 } else { 1 };
            for d in -span..=span {
                let tmpl = 60 + (d + 2) as u32 * 8;
                match at(d) {
                    Some(x) => match x.cluster {
                        Some(c) => {
                            let pf = &self.cluster_feats.prefix[c as usize];
                            let n = if d.abs() == 2 { 2 } else { 4 };
                            for (k, &h) in pf.iter().enumerate().take(n) {
                                f.push(feat(tmpl + k as u32, h));
                            }
                        }
                        None => f.push(feat(tmpl + 5, 0)),
                    },
                    None => f.push(feat(tmpl + 6, 0)),
                }
            }
            if let (Some(c), Some(p)) = (t.cluster, at(-1).and_then(|x| x.cluster)) {
                f.push(feat2(
                    100,
                    self.cluster_feats.prefix[p as usize][1],
                    self.cluster_feats.prefix[c as usize][1],
                ));
            }
        }
        if self.cfg.gazetteer {
            let (b, ins) = t.gz;
            for k in 0..list::COUNT as u64 {
                if b & (1 << k) != 0 {
                    f.push(feat(110, k));
                    f.push(feat2(111, k, cap));
                }
                if ins & (1 << k) != 0 {
                    f.push(feat(112, k));
                    f.push(feat2(113, k, cap));
                }
            }
            for d in [-1isize, 1] {
                if let Some(x) = at(d) {
                    let m = x.gz.0 | x.gz.1;
                    for k in 0..list::COUNT as u64 {
                        if m & (1 << k) != 0 {
                            f.push(feat(115 + (d + 1) as u32, k));
                        }
                    }
                }
            }
        }
        if let Some((stats, own)) = doc {
            if t.alpha {
                let s = stats.get(&t.l).copied().unwrap_or_default();
                let other = |a: u32, b: u32| u64::from(a > b);
                let case = other(s.cap, own.cap) | other(s.lower, own.lower) << 1;
                let reliable = u64::from(i > 0 && !all_caps);
                f.push(feat2(120, case, cap * 2 + reliable));
                let run = other(s.first, own.first)
                    | other(s.mid, own.mid) << 1
                    | other(s.last, own.last) << 2
                    | other(s.single, own.single) << 3;
                f.push(feat2(121, run, cap));
                f.push(feat2(122, run | case << 4, u64::from(all_caps)));
            }
        }
        lex
    }
}

/// Second-stage (stacked) features from first-stage predictions over the whole document:
/// the token's own predicted tag and its neighbours', the entity types predicted for other
/// occurrences of the same (lower-cased) word in the document, and whether those occurrences
/// were inside multi-token entities. Returns only these extra features, per sentence. With a
/// domain, the features are domain-augmented (see [`FeatureConfig::domains`]).
pub(crate) fn stacked_extra(
    base: &[SentFeatures],
    tags: &[Vec<usize>],
    domain: Option<Domain>,
) -> Vec<SentFeatures> {
    const T: usize = 5; // O, PER, ORG, LOC, MISC
    let mut tmp = Vec::new();
    let ty = |tag: usize| if tag == 0 { 0 } else { 1 + (tag - 1) / 2 };
    #[derive(Default, Clone, Copy)]
    struct Seen {
        n: [u32; T],
        multi: [u32; T],
    }
    let mut seen: IdMap<u64, Seen> = IdMap::default();
    let multi_of = |tg: &[usize], i: usize| -> bool {
        let t = tg[i];
        if t == 0 {
            return false;
        }
        let begins = t % 2 == 1; // B-
        let next_inside =
            i + 1 < tg.len() && tg[i + 1] == t + usize::from(begins) && tg[i + 1].is_multiple_of(2);
        !begins || next_inside
    };
    for (sf, tg) in base.iter().zip(tags) {
        for (i, &(l, alpha)) in sf.words.iter().enumerate() {
            if alpha {
                let e = seen.entry(l).or_default();
                e.n[ty(tg[i])] = e.n[ty(tg[i])].saturating_add(1);
                if multi_of(tg, i) {
                    e.multi[ty(tg[i])] = e.multi[ty(tg[i])].saturating_add(1);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(base.len());
    for (sf, tg) in base.iter().zip(tags) {
        let mut n = SentFeatures {
            feats: Vec::with_capacity(sf.len() * 10),
            offs: vec![0],
            ..Default::default()
        };
        for i in 0..sf.len() {
            let t = tg[i] as u64;
            let prev = if i == 0 { 90 } else { tg[i - 1] as u64 };
            let next = if i + 1 == tg.len() {
                91
            } else {
                tg[i + 1] as u64
            };
            n.feats.push(feat(150, t));
            n.feats.push(feat2(151, prev, t));
            n.feats.push(feat2(152, t, next));
            let (l, alpha) = sf.words[i];
            if alpha {
                let mut e = seen.get(&l).copied().unwrap_or_default();
                e.n[ty(tg[i])] = e.n[ty(tg[i])].saturating_sub(1);
                if multi_of(tg, i) {
                    e.multi[ty(tg[i])] = e.multi[ty(tg[i])].saturating_sub(1);
                }
                let mut best = (0u32, 0usize);
                for k in 1..T {
                    if e.n[k] > 0 {
                        n.feats.push(feat(153, k as u64));
                    }
                    if e.multi[k] > 0 {
                        n.feats.push(feat(156, k as u64));
                    }
                    if e.n[k] > best.0 {
                        best = (e.n[k], k);
                    }
                }
                let total: u32 = e.n.iter().fold(0u32, |a, &b| a.saturating_add(b));
                if let Some(frac) = (4 * (total - e.n[0])).checked_div(total) {
                    let maj = if e.n[0] > best.0 { 0 } else { best.1 };
                    n.feats.push(feat2(154, maj as u64, t));
                    n.feats.push(feat2(155, u64::from(frac), t));
                }
            }
            if let Some(d) = domain {
                let start = *n.offs.last().unwrap_or(&0) as usize;
                augment_token(&mut n.feats, start, 0, d, false, &mut tmp);
            }
            n.offs.push(n.feats.len() as u32);
        }
        out.push(n);
    }
    out
}

/// Base features followed by extra features, token by token.
pub(crate) fn concat(base: &SentFeatures, extra: &SentFeatures) -> SentFeatures {
    let mut n = SentFeatures {
        feats: Vec::with_capacity(base.feats.len() + extra.feats.len()),
        offs: vec![0],
        lex: base.lex.clone(),
        words: base.words.clone(),
        never: base.never.clone(),
    };
    for i in 0..base.len() {
        n.feats.extend_from_slice(base.token(i));
        n.feats.extend_from_slice(extra.token(i));
        n.offs.push(n.feats.len() as u32);
    }
    n
}

#[derive(Default)]
struct Scratch {
    lower: String,
    key: String,
    cased: String,
    long: Vec<u8>,
    short: Vec<u8>,
    gz: Vec<(u16, u16)>,
    aug: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_caps() {
        let (mut l, mut s) = (Vec::new(), Vec::new());
        shapes("McDonald's", &mut l, &mut s);
        assert_eq!(String::from_utf8(l).unwrap(), "XxXxxxx'x");
        assert_eq!(String::from_utf8(s).unwrap(), "XxXx'x");
        assert_eq!(cap_class("Peter").0, CAP_INIT);
        assert_eq!(cap_class("EU").0, CAP_ALL);
        assert_eq!(cap_class("1996-08-22").0, CAP_DIGIT);
        assert_eq!(cap_class("1996-08-22").1 & F_HYPHEN, F_HYPHEN);
        assert_eq!(cap_class(",").0, CAP_PUNCT);
    }

    #[test]
    fn domain_augmentation() {
        assert_eq!(Domain::parse("Web"), Some(Domain::Web));
        assert_eq!(Domain::parse("news"), Some(Domain::News));
        assert_eq!(Domain::parse("blogs"), None);
        let mut tmp = Vec::new();
        // Two word-identity features, then three others, after an unrelated prefix.
        let base = vec![9, 1, 2, 3, 4, 5];
        let mut f = base.clone();
        let lex = augment_token(&mut f, 1, 2, Domain::Web, true, &mut tmp);
        assert_eq!(lex, 4);
        assert_eq!(&f[..3], &[9, 1, 2]);
        assert_eq!(f.len(), 1 + 2 * 5);
        assert_eq!(&f[5..8], &[3, 4, 5]);
        assert_eq!(f[3], domain_key(1, Domain::Web));
        assert_eq!(f[10], domain_key(5, Domain::Web));
        assert_ne!(domain_key(1, Domain::Web), domain_key(1, Domain::News));
        // Word-identity features shared only.
        let mut g = base.clone();
        let lex = augment_token(&mut g, 1, 2, Domain::News, false, &mut tmp);
        assert_eq!(lex, 2);
        assert_eq!(&g[..6], &base[..]);
        assert_eq!(&g[6..], &[3, 4, 5].map(|k| domain_key(k, Domain::News)));
        // The configuration round-trips through its byte form.
        for (domains, domain_words) in [(false, false), (true, false), (true, true)] {
            let c = FeatureConfig {
                domains,
                domain_words,
                ..FeatureConfig::default()
            };
            let mut b = Vec::new();
            c.to_bytes(&mut b);
            assert_eq!(FeatureConfig::from_reader(&mut Reader::new(&b)).unwrap(), c);
        }
    }

    #[test]
    fn never_entities() {
        for w in [
            "bob@enron.com",
            "http://x.org/a",
            "www.bbc.co.uk",
            "TEXT.htm",
            "Report.pdf",
            "Goldstar.com",
        ] {
            assert!(is_never_entity(w), "{w}");
        }
        for w in ["U.S.", "Yahoo!", "St.", "Inc.", "A.com.", "Smith"] {
            assert!(!is_never_entity(w), "{w}");
        }
    }
}
