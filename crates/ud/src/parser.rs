//! Labeled transition-based dependency parser: arc-eager system, greedy decoding, averaged
//! perceptron over Zhang & Nivre (2011) style feature templates, trained with the dynamic
//! oracle of Goldberg & Nivre (2012, 2013) and exploration.
//!
//! Transitions are `SHIFT`, `REDUCE`, `LEFT-ARC(label)` and `RIGHT-ARC(label)`, scored jointly
//! (one class per transition and label). The artificial root sits at the bottom of the stack;
//! it may take a single dependent, labelled `root`. Words still without a head when the buffer is
//! empty are attached afterwards (the first becomes the root's dependent if there is none, the
//! others hang from the root's dependent), so the output is always a tree. Training trees are
//! made projective first (non-projective arcs are lifted).

use crate::binio::{self, Dec, Enc};
use crate::hash::{hash_str, key, mix, pair, triple, StrMap};
use crate::perceptron::{Trainer, Weights};
use crate::rng::Rng;
use crate::tagger::PosTag;
use crate::tags::Upos;
use crate::Error;

const MAGIC: &[u8; 8] = b"SLUDPARS";
const VERSION: u32 = 2;
const NONE: u32 = u32::MAX;

const NONE_W: u64 = 0x6e6f_6e65_5f77_6f72;
const NONE_P: u64 = 0x6e6f_6e65_5f70_6f73;
const NONE_L: u64 = 0x6e6f_6e65_5f6c_6162;
const ROOT_W: u64 = 0x726f_6f74_5f77_6f72;
const ROOT_P: u64 = 0x726f_6f74_5f70_6f73;

/// A predicted dependency: `head` is 1-based, 0 for the root; `deprel` borrows from the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dep<'a> {
    pub head: usize,
    pub deprel: &'a str,
}

/// One training sentence for the parser: words, the tags the parser will see (gold or
/// predicted), and the gold tree.
#[derive(Clone, Debug)]
pub struct ParseExample {
    pub forms: Vec<String>,
    pub upos: Vec<Upos>,
    pub xpos: Vec<String>,
    /// 1-based heads, 0 = root.
    pub heads: Vec<usize>,
    pub deprels: Vec<String>,
}

/// Training settings for the parser.
#[derive(Clone, Debug)]
pub struct ParserOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// First pass (0-based) in which the parser follows its own predictions.
    pub explore_from: usize,
    /// Probability of following the model's (possibly wrong) prediction when exploring.
    pub explore_prob: f64,
    /// Also train a right-to-left parser and combine both trees (maximum spanning tree over
    /// their arcs, weighted by the parsers' confidence).
    pub bidirectional: bool,
    /// How much an arc's confidence (transition score margin) adds to its vote.
    pub confidence: f32,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            iterations: 15,
            seed: 7,
            explore_from: 1,
            explore_prob: 0.9,
            // A right-to-left second parser adds about 0.4 UAS on EWT dev but doubles the
            // model to 27 MB, over the project's 15 MB budget per model file.
            bidirectional: false,
            confidence: 1.0,
        }
    }
}

/// A trained parser.
#[derive(Clone)]
pub struct Parser {
    labels: Vec<String>,
    root_label: u16,
    punct_label: Option<u16>,
    fallback_label: u16,
    models: Vec<Model>,
    confidence: f32,
}

/// One transition parser (reading left to right, or right to left).
#[derive(Clone)]
struct Model {
    reverse: bool,
    weights: Weights,
}

/// Output of one model, in reading order: heads (0 = root), labels and the score margin of
/// the transition that made each arc (in perceptron updates).
struct Parsed {
    /// Vote weight of the model.
    vote: f32,
    head: Vec<usize>,
    label: Vec<u16>,
    margin: Vec<f32>,
}

/// Margins above this count as full confidence.
const MARGIN_CAP: f32 = 20.0;

// ---------------------------------------------------------------------------------------------
// Transition system

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
}

#[inline]
fn act_of(class: usize, nl: usize) -> Act {
    match class {
        0 => Act::Shift,
        1 => Act::Reduce,
        c if c < 2 + nl => Act::Left((c - 2) as u16),
        c => Act::Right((c - 2 - nl) as u16),
    }
}

#[cfg(test)]
#[inline]
fn class_of(a: Act, nl: usize) -> usize {
    match a {
        Act::Shift => 0,
        Act::Reduce => 1,
        Act::Left(l) => 2 + l as usize,
        Act::Right(l) => 2 + nl + l as usize,
    }
}

/// Parser configuration. Words are `1..=n`; the artificial root is `n + 1`, at the end of the
/// buffer (Ballesteros & Nivre 2013), so attaching a word to the root is decided last.
#[derive(Clone, Debug)]
struct State {
    n: usize,
    stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b..=n + 1`.
    b: usize,
    head: Vec<u32>,
    label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    in_stack: Vec<bool>,
    root_children: u32,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 2;
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 1,
            head: vec![NONE; m],
            label: vec![0; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            in_stack: vec![false; m],
            root_children: 0,
        }
    }

    #[inline]
    fn root(&self) -> usize {
        self.n + 1
    }

    #[inline]
    fn terminal(&self) -> bool {
        self.b > self.n && self.stack.is_empty()
    }

    /// Top of the stack, `NONE` if empty.
    #[inline]
    fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u16) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let bit = 1u64 << (l % 64);
        let d32 = d as u32;
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.lc1[h] == NONE || d32 < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d32;
            } else if self.lc2[h] == NONE || d32 < self.lc2[h] {
                self.lc2[h] = d32;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.rc1[h] == NONE || d32 > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d32;
            } else if self.rc2[h] == NONE || d32 > self.rc2[h] {
                self.rc2[h] = d32;
            }
        }
        if h == self.root() {
            self.root_children += 1;
        }
    }

    /// Whether `a` may be applied. `single_root` limits the root to one dependent.
    #[inline]
    fn legal(&self, a: Act, root_label: u16, single_root: bool) -> bool {
        let s0 = self.s0();
        let has_s0 = s0 != NONE;
        let at_root = self.b > self.n;
        match a {
            Act::Shift => !at_root,
            Act::Reduce => has_s0 && self.head[s0 as usize] != NONE,
            Act::Left(l) => {
                has_s0
                    && self.head[s0 as usize] == NONE
                    && if at_root {
                        l == root_label && (!single_root || self.root_children == 0)
                    } else {
                        l != root_label
                    }
            }
            Act::Right(l) => has_s0 && !at_root && l != root_label,
        }
    }

    fn apply(&mut self, a: Act) {
        match a {
            Act::Shift => {
                self.stack.push(self.b as u32);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            Act::Reduce => {
                let s = self.stack.pop().unwrap() as usize;
                self.in_stack[s] = false;
            }
            Act::Left(l) => {
                let s = self.stack.pop().unwrap() as usize;
                self.in_stack[s] = false;
                self.add_arc(self.b, s, l);
            }
            Act::Right(l) => {
                let s = self.s0() as usize;
                self.add_arc(s, self.b, l);
                self.stack.push(self.b as u32);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Oracles

/// Gold tree in the parser's terms (root = `n + 1`).
struct Gold {
    head: Vec<usize>,
    label: Vec<u16>,
    children: Vec<Vec<u32>>,
}

impl Gold {
    fn new(heads: &[usize], labels: &[u16]) -> Gold {
        let n = heads.len();
        let root = n + 1;
        let mut head = vec![NONE as usize; n + 2];
        let mut label = vec![0; n + 2];
        let mut children = vec![Vec::new(); n + 2];
        for d in 1..=n {
            let h = if heads[d - 1] == 0 {
                root
            } else {
                heads[d - 1]
            };
            head[d] = h;
            label[d] = labels[d - 1];
            children[h].push(d as u32);
        }
        Gold {
            head,
            label,
            children,
        }
    }
}

/// Unlabeled dynamic-oracle costs `[shift, reduce, left, right]`: how many gold arcs each
/// transition makes unreachable (exact for projective gold trees without the single-root
/// restriction). Costs of illegal transitions are meaningless.
fn unlabeled_costs(st: &State, g: &Gold) -> [u32; 4] {
    let b = st.b;
    let b_deps_waiting = g.children[b]
        .iter()
        .filter(|&&k| st.in_stack[k as usize] && st.head[k as usize] == NONE)
        .count() as u32;
    let gh_b = g.head[b];
    let bhead_in_stack = gh_b != NONE as usize && st.in_stack[gh_b];
    let shift = bhead_in_stack as u32 + b_deps_waiting;
    let s0 = st.s0();
    if s0 == NONE {
        return [shift, u32::MAX, u32::MAX, u32::MAX];
    }
    let s0 = s0 as usize;
    let s0_deps_in_buffer = g.children[s0].iter().filter(|&&k| k as usize >= b).count() as u32;
    let reduce = s0_deps_in_buffer;
    let left = s0_deps_in_buffer + (g.head[s0] > b) as u32;
    let right = ((bhead_in_stack && gh_b != s0) || gh_b > b) as u32 + b_deps_waiting;
    [shift, reduce, left, right]
}

/// Labeled costs for every class.
fn costs(st: &State, g: &Gold, nl: usize, out: &mut [u32]) {
    let [shift, reduce, left, right] = unlabeled_costs(st, g);
    let s0 = st.s0() as usize;
    let b = st.b;
    out[0] = shift;
    out[1] = reduce;
    let has_s0 = st.s0() != NONE;
    for l in 0..nl {
        out[2 + l] =
            left.saturating_add((has_s0 && g.head[s0] == b && g.label[s0] as usize != l) as u32);
        out[2 + nl + l] =
            right.saturating_add((has_s0 && g.head[b] == s0 && g.label[b] as usize != l) as u32);
    }
}

/// The static arc-eager oracle (Nivre 2008) for a projective gold tree.
#[cfg(test)]
fn static_oracle(st: &State, g: &Gold) -> Act {
    let b = st.b;
    let s0 = st.s0();
    if s0 != NONE {
        let s0 = s0 as usize;
        if st.head[s0] == NONE && g.head[s0] == b {
            return Act::Left(g.label[s0]);
        }
        if b <= st.n && g.head[b] == s0 {
            return Act::Right(g.label[b]);
        }
        if st.head[s0] != NONE {
            if b > st.n {
                return Act::Reduce;
            }
            let below = &st.stack[..st.stack.len() - 1];
            if below.iter().any(|&k| {
                g.head[b] == k as usize || (g.head[k as usize] == b && st.head[k as usize] == NONE)
            }) {
                return Act::Reduce;
            }
        }
    }
    Act::Shift
}

// ---------------------------------------------------------------------------------------------
// Features

struct Input {
    w: Vec<u64>,
    /// Joint UPOS+XPOS tag.
    p: Vec<u64>,
    /// UPOS only (robust to XPOS errors).
    u: Vec<u64>,

    /// Prefix counts: `punct[i]` / `verb[i]` = punctuation / verbs among words `1..i` (before `i`).
    punct: Vec<u16>,
    verb: Vec<u16>,
}

impl Input {
    fn new<S: AsRef<str>>(forms: &[S], tags: impl Iterator<Item = (Upos, u64)>) -> Input {
        // index 0 is unused (words are 1-based)
        let mut w = Vec::with_capacity(forms.len() + 2);
        let mut p = Vec::with_capacity(forms.len() + 2);
        w.push(NONE_W);
        p.push(NONE_P);
        for f in forms {
            w.push(hash_str(&f.as_ref().to_lowercase()));
        }
        let mut uu = Vec::with_capacity(forms.len() + 2);
        uu.push(NONE_P ^ 1);
        let mut punct = vec![0u16, 0];
        let mut verb = vec![0u16, 0];
        for (u, x) in tags {
            p.push(pair(u.index() as u64 + 1, x));
            uu.push(mix(u.index() as u64 + 1000));
            punct.push(punct.last().unwrap() + (u == Upos::Punct) as u16);
            verb.push(verb.last().unwrap() + matches!(u, Upos::Verb | Upos::Aux) as u16);
        }
        assert_eq!(w.len(), p.len(), "one tag per word");
        // the root, at the end of the buffer
        w.push(ROOT_W);
        p.push(ROOT_P);
        uu.push(ROOT_P ^ 1);
        Input {
            w,
            p,
            u: uu,
            punct,
            verb,
        }
    }
}

#[inline]
fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

fn features(inp: &Input, st: &State, out: &mut Vec<u32>) {
    out.clear();
    let w = |i: u32| if i == NONE { NONE_W } else { inp.w[i as usize] };
    let p = |i: u32| if i == NONE { NONE_P } else { inp.p[i as usize] };
    let lab = |i: u32| {
        if i == NONE || st.head[i as usize] == NONE {
            NONE_L
        } else {
            mix(st.label[i as usize] as u64 + 1)
        }
    };
    let hd = |i: u32| if i == NONE { NONE } else { st.head[i as usize] };
    let at = |v: &[u32], i: u32| if i == NONE { NONE } else { v[i as usize] };
    let last = st.n as u32 + 1; // the root
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n0 = st.b as u32;
    let n1 = if n0 < last { n0 + 1 } else { NONE };
    let n2 = if n0 + 1 < last { n0 + 2 } else { NONE };
    let s0h = hd(s0);
    let s0h2 = hd(s0h);
    let n0u = n0 as usize;
    let (s0l, s0l2, s0r, s0r2) = (
        at(&st.lc1, s0),
        at(&st.lc2, s0),
        at(&st.rc1, s0),
        at(&st.rc2, s0),
    );
    let (n0l, n0l2) = (st.lc1[n0u], st.lc2[n0u]);

    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let s0wp = pair(s0w, s0p);
    let n0wp = pair(n0w, n0p);
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let d = if s0 == NONE {
        9
    } else {
        dist_bucket(n0u - s0 as usize)
    };
    let mut f = |t: u32, v: u64| out.push(key(t, v));

    // single words
    f(1, s0wp);
    f(2, s0w);
    f(3, s0p);
    f(4, n0wp);
    f(5, n0w);
    f(6, n0p);
    f(7, pair(n1w, n1p));
    f(8, n1w);
    f(9, n1p);
    f(10, pair(n2w, n2p));
    f(11, n2w);
    f(12, n2p);
    // word pairs
    f(13, pair(s0wp, n0wp));
    f(14, triple(s0wp, n0w, 1));
    f(15, triple(s0w, n0wp, 2));
    f(16, triple(s0wp, n0p, 3));
    f(17, triple(s0p, n0wp, 4));
    f(18, pair(s0w, n0w));
    f(19, pair(s0p, n0p));
    f(20, pair(n0p, n1p));
    // three words
    f(21, triple(n0p, n1p, n2p));
    f(22, triple(s0p, n0p, n1p));
    f(23, triple(p(s0h), s0p, n0p));
    f(24, triple(s0p, p(s0l), n0p));
    f(25, triple(s0p, p(s0r), n0p));
    f(26, triple(s0p, n0p, p(n0l)));
    // distance
    f(27, pair(s0w, d));
    f(28, pair(s0p, d));
    f(29, pair(n0w, d));
    f(30, pair(n0p, d));
    f(31, triple(s0w, n0w, d));
    f(32, triple(s0p, n0p, d));
    // valency
    let (vl0, vr0) = if s0 == NONE {
        (9, 9)
    } else {
        (st.nl[s0 as usize] as u64, st.nr[s0 as usize] as u64)
    };
    let vln = st.nl[n0u] as u64;
    f(33, pair(s0w, vr0));
    f(34, pair(s0p, vr0));
    f(35, pair(s0w, vl0));
    f(36, pair(s0p, vl0));
    f(37, pair(n0w, vln));
    f(38, pair(n0p, vln));
    // unigrams with structure
    f(39, w(s0h));
    f(40, p(s0h));
    f(41, lab(s0));
    f(42, w(s0l));
    f(43, p(s0l));
    f(44, lab(s0l));
    f(45, w(s0r));
    f(46, p(s0r));
    f(47, lab(s0r));
    f(48, w(n0l));
    f(49, p(n0l));
    f(50, lab(n0l));
    // third order
    f(51, w(s0h2));
    f(52, p(s0h2));
    f(53, lab(s0h));
    f(54, w(s0l2));
    f(55, p(s0l2));
    f(56, lab(s0l2));
    f(57, w(s0r2));
    f(58, p(s0r2));
    f(59, lab(s0r2));
    f(60, w(n0l2));
    f(61, p(n0l2));
    f(62, lab(n0l2));
    f(63, triple(s0p, p(s0l), p(s0l2)));
    f(64, triple(s0p, p(s0r), p(s0r2)));
    f(65, triple(s0p, p(s0h), p(s0h2)));
    f(66, triple(n0p, p(n0l), p(n0l2)));
    // label sets
    let (rs0, ls0) = if s0 == NONE {
        (u64::MAX, u64::MAX)
    } else {
        (st.rset[s0 as usize], st.lset[s0 as usize])
    };
    let (sr, sl, nls) = (mix(rs0 ^ 0x51), mix(ls0 ^ 0x52), mix(st.lset[n0u] ^ 0x53));
    f(67, pair(s0w, sr));
    f(68, pair(s0p, sr));
    f(69, pair(s0w, sl));
    f(70, pair(s0p, sl));
    f(71, pair(n0w, nls));
    f(72, pair(n0p, nls));
    // second stack word, head state
    let (s1w, s1p) = (w(s1), p(s1));
    f(73, s1w);
    f(74, s1p);
    f(75, pair(s1w, s1p));
    f(76, pair(s1p, s0p));
    f(77, triple(s1p, s0p, n0p));
    let s0_headed = if s0 == NONE {
        2
    } else {
        (st.head[s0 as usize] != NONE) as u64
    };
    f(78, triple(s0_headed, s0p, n0p));
    f(79, triple(s0_headed, lab(s0), n0p));
    f(80, triple(s1p, lab(s1), s0_headed));
    // surface neighbours and what lies between s0 and n0
    let has_s0 = s0 != NONE;
    let after_s0 = if has_s0 && s0 + 1 < n0 { s0 + 1 } else { NONE };
    let before_n0 = if has_s0 && n0 > s0 + 1 { n0 - 1 } else { NONE };
    let before_s0 = if has_s0 && s0 >= 2 { s0 - 1 } else { NONE };
    f(81, triple(s0p, p(after_s0), n0p));
    f(82, triple(s0p, p(before_n0), n0p));
    f(83, triple(p(before_s0), s0p, n0p));
    // punctuation and verbs strictly between s0 and n0
    let (pb, vb) = if has_s0 && n0u > s0 as usize + 1 {
        let s0u = s0 as usize;
        (
            (inp.punct[n0u] - inp.punct[s0u + 1]).min(3) as u64,
            (inp.verb[n0u] - inp.verb[s0u + 1]).min(2) as u64,
        )
    } else {
        (0, 0)
    };
    let between = pb * 4 + vb + 100;
    f(84, triple(s0p, n0p, between));
    f(85, pair(n0w, n1w));
    f(86, triple(lab(s0), n0p, between));
    // coarse tags only
    let u = |i: u32| {
        if i == NONE {
            NONE_P ^ 1
        } else {
            inp.u[i as usize]
        }
    };
    let (s0c, n0c, n1c) = (u(s0), u(n0), u(n1));
    f(87, pair(s0c, n0c));
    f(88, triple(s0c, n0c, n1c));
    f(89, triple(u(s1), s0c, n0c));
    f(90, triple(n0c, n1c, u(n2)));
    f(91, pair(s0w, n0c));
    f(92, pair(s0c, n0w));
    f(93, triple(s0c, n0c, d));
    f(94, triple(u(s0h), s0c, n0c));
}

// ---------------------------------------------------------------------------------------------
// Training and parsing

/// Best legal class and its margin over the second best legal class (`i32::MAX` if it is the
/// only one); `usize::MAX` if nothing is legal.
#[inline]
fn best_legal(scores: &[i32], st: &State, nl: usize, root: u16) -> (usize, i32) {
    let mut best = usize::MAX;
    let mut best_s = i32::MIN;
    let mut second = i32::MIN;
    for (c, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > second) && st.legal(act_of(c, nl), root, true) {
            if best == usize::MAX || s > best_s {
                second = best_s;
                best = c;
                best_s = s;
            } else {
                second = s;
            }
        }
    }
    let margin = if second == i32::MIN {
        i32::MAX
    } else {
        best_s.saturating_sub(second)
    };
    (best, margin)
}

/// A training sentence in one reading direction.
struct Ex {
    inp: Input,
    gold: Gold,
}

/// Reverses a sentence: word `i` of `n` becomes `n + 1 - i` (0 = root and `usize::MAX` = none
/// stay as they are).
fn reverse_heads(heads: &[usize]) -> Vec<usize> {
    let n = heads.len();
    heads
        .iter()
        .rev()
        .map(|&h| {
            if h == 0 || h == usize::MAX {
                h
            } else {
                n + 1 - h
            }
        })
        .collect()
}

/// Maximum spanning arborescence rooted at node 0 (Chu–Liu–Edmonds). `score[h][d]` is the
/// score of arc `h -> d`, `-inf` for no arc; every node must be reachable. Returns the head of
/// every node (`head[0]` is meaningless).
fn max_arborescence(score: &[Vec<f32>]) -> Vec<usize> {
    let n = score.len();
    let mut head = vec![0usize; n];
    for d in 1..n {
        let mut best = 0;
        let mut bs = f32::NEG_INFINITY;
        for h in 0..n {
            if h != d && score[h][d] > bs {
                bs = score[h][d];
                best = h;
            }
        }
        head[d] = best;
    }
    // Look for a cycle.
    let mut color = vec![0u8; n]; // 0 new, 1 on the current path, 2 done
    color[0] = 2;
    let mut cycle: Vec<usize> = Vec::new();
    'outer: for start in 1..n {
        let mut path = Vec::new();
        let mut v = start;
        while color[v] == 0 {
            color[v] = 1;
            path.push(v);
            v = head[v];
        }
        if color[v] == 1 {
            let pos = path.iter().position(|&x| x == v).unwrap();
            cycle = path[pos..].to_vec();
            break 'outer;
        }
        for p in path {
            color[p] = 2;
        }
    }
    if cycle.is_empty() {
        return head;
    }
    // Contract the cycle into one node and solve the smaller problem.
    let mut in_cycle = vec![false; n];
    for &v in &cycle {
        in_cycle[v] = true;
    }
    let mut map = vec![usize::MAX; n];
    let mut back = Vec::new();
    for v in 0..n {
        if !in_cycle[v] {
            map[v] = back.len();
            back.push(v);
        }
    }
    let c = back.len();
    let m = c + 1;
    let mut s2 = vec![vec![f32::NEG_INFINITY; m]; m];
    let mut enter = vec![usize::MAX; m];
    let mut leave = vec![usize::MAX; m];
    for &u in &back {
        for &v in &back {
            if u != v {
                s2[map[u]][map[v]] = score[u][v];
            }
        }
        for &v in &cycle {
            let into = score[u][v] - score[head[v]][v];
            if score[u][v] > f32::NEG_INFINITY && into > s2[map[u]][c] {
                s2[map[u]][c] = into;
                enter[map[u]] = v;
            }
            if score[v][u] > s2[c][map[u]] {
                s2[c][map[u]] = score[v][u];
                leave[map[u]] = v;
            }
        }
    }
    let h2 = max_arborescence(&s2);
    for &u in back.iter().skip(1) {
        let hu = h2[map[u]];
        head[u] = if hu == c { leave[map[u]] } else { back[hu] };
    }
    let hc = h2[c];
    head[enter[hc]] = back[hc];
    head
}

impl Parser {
    /// Trains on `examples` (whose tags should be those seen at run time, e.g. jackknifed).
    /// Sentences whose gold heads do not form a tree are skipped.
    pub fn train(examples: &[ParseExample], opts: &ParserOptions) -> Parser {
        Self::train_with_progress(examples, opts, &mut |_| {})
    }

    /// As [`Parser::train`], reporting one line per pass.
    pub fn train_with_progress(
        examples: &[ParseExample],
        opts: &ParserOptions,
        progress: &mut dyn FnMut(&str),
    ) -> Parser {
        Self::train_with_snapshots(examples, opts, progress, None)
    }

    /// As [`Parser::train_with_progress`]; `on_pass`, if given, receives the averaged model
    /// after every pass (for choosing the number of passes on held-out data).
    pub fn train_with_snapshots(
        examples: &[ParseExample],
        opts: &ParserOptions,
        progress: &mut dyn FnMut(&str),
        mut on_pass: Option<&mut dyn FnMut(usize, &Parser)>,
    ) -> Parser {
        let mut label_set = std::collections::BTreeSet::new();
        for e in examples {
            for l in &e.deprels {
                label_set.insert(l.clone());
            }
        }
        label_set.insert("root".to_string());
        let labels: Vec<String> = label_set.into_iter().collect();
        assert!(labels.len() <= 127, "too many dependency labels");
        let lindex: StrMap<&str, u16> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u16))
            .collect();
        let root = lindex["root"];
        let nl = labels.len();
        let nc = 2 + 2 * nl;
        let directions: &[bool] = if opts.bidirectional {
            &[false, true]
        } else {
            &[false]
        };

        // Training data per direction.
        let other = lindex
            .get("dep")
            .copied()
            .unwrap_or(if root == 0 { 1 } else { 0 });
        let mut data: Vec<Vec<Ex>> = directions
            .iter()
            .map(|_| Vec::with_capacity(examples.len()))
            .collect();
        for e in examples {
            if e.heads.is_empty() || !crate::tree::is_well_formed(&e.heads) {
                continue;
            }
            let mut heads = e.heads.clone();
            crate::tree::projectivize(&mut heads);
            // Lifting never re-attaches a word to the artificial root (every word between the
            // root word and its dependents is dominated by the root word), so the tree keeps a
            // single root.
            let labs: Vec<u16> = e
                .deprels
                .iter()
                .zip(&heads)
                .map(|(l, &h)| match (h, lindex[l.as_str()]) {
                    (0, _) => root,
                    (_, l) if l == root => other,
                    (_, l) => l,
                })
                .collect();
            let tags: Vec<(Upos, u64)> = e
                .upos
                .iter()
                .zip(&e.xpos)
                .map(|(u, x)| (*u, hash_str(x)))
                .collect();
            for (k, &rev) in directions.iter().enumerate() {
                if rev {
                    let forms: Vec<&String> = e.forms.iter().rev().collect();
                    let inp = Input::new(&forms, tags.iter().rev().copied());
                    let mut l = labs.clone();
                    l.reverse();
                    data[k].push(Ex {
                        inp,
                        gold: Gold::new(&reverse_heads(&heads), &l),
                    });
                } else {
                    let inp = Input::new(&e.forms, tags.iter().copied());
                    data[k].push(Ex {
                        inp,
                        gold: Gold::new(&heads, &labs),
                    });
                }
            }
        }

        let punct_label = lindex.get("punct").copied();
        let fallback_label = lindex
            .get("parataxis")
            .or_else(|| lindex.get("dep"))
            .copied()
            .unwrap_or(0);
        let make = |ts: &[Trainer]| Parser {
            labels: labels.clone(),
            root_label: root,
            punct_label,
            fallback_label,
            models: ts
                .iter()
                .zip(directions)
                .map(|(t, &reverse)| Model {
                    reverse,
                    weights: t.average(),
                })
                .collect(),
            confidence: opts.confidence,
        };

        let mut trainers: Vec<Trainer> = directions.iter().map(|_| Trainer::new(nc)).collect();
        let mut rngs: Vec<Rng> = directions
            .iter()
            .enumerate()
            .map(|(k, _)| Rng::new(opts.seed + 1000 * k as u64))
            .collect();
        let mut feats = Vec::with_capacity(112);
        let mut scores = vec![0i32; nc];
        let mut cost = vec![0u32; nc];
        for it in 0..opts.iterations {
            let explore = it >= opts.explore_from;
            for (k, &rev) in directions.iter().enumerate() {
                let (trainer, rng, data) = (&mut trainers[k], &mut rngs[k], &data[k]);
                let mut order: Vec<usize> = (0..data.len()).collect();
                rng.shuffle(&mut order);
                let (mut steps, mut errors) = (0usize, 0usize);
                for &ei in &order {
                    let ex = &data[ei];
                    let n = ex.gold.head.len() - 2;
                    let mut st = State::new(n);
                    while !st.terminal() {
                        features(&ex.inp, &st, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        costs(&st, &ex.gold, nl, &mut cost);
                        let (pred, _) = best_legal(&scores, &st, nl, root);
                        if pred == usize::MAX {
                            break; // the root already has its dependent: nothing is legal
                        }
                        let mut min_cost = u32::MAX;
                        for c in 0..nc {
                            if cost[c] < min_cost && st.legal(act_of(c, nl), root, true) {
                                min_cost = cost[c];
                            }
                        }
                        let mut best_ok = usize::MAX;
                        for c in 0..nc {
                            if cost[c] == min_cost
                                && st.legal(act_of(c, nl), root, true)
                                && (best_ok == usize::MAX || scores[c] > scores[best_ok])
                            {
                                best_ok = c;
                            }
                        }
                        steps += 1;
                        if cost[pred] > min_cost {
                            errors += 1;
                            trainer.update(&feats, best_ok, pred);
                        }
                        trainer.tick();
                        let next = if explore && rng.next_f64() < opts.explore_prob {
                            pred
                        } else {
                            best_ok
                        };
                        st.apply(act_of(next, nl));
                    }
                }
                progress(&format!(
                    "parser ({}) pass {}/{}: {:.2}% wrong transitions, {} features",
                    if rev {
                        "right to left"
                    } else {
                        "left to right"
                    },
                    it + 1,
                    opts.iterations,
                    100.0 * errors as f64 / steps.max(1) as f64,
                    trainer.n_features()
                ));
            }
            if let Some(f) = on_pass.as_mut() {
                if it + 1 < opts.iterations {
                    f(it + 1, &make(&trainers));
                }
            }
        }
        let p = make(&trainers);
        if let Some(f) = on_pass.as_mut() {
            f(opts.iterations, &p);
        }
        p
    }

    /// Parses one sentence given its words and tags. Returns one dependency per word; the
    /// result is always a tree with a single word attached to the root.
    pub fn parse<S: AsRef<str>>(&self, words: &[S], tags: &[PosTag<'_>]) -> Vec<Dep<'_>> {
        assert_eq!(words.len(), tags.len(), "one tag per word");
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let th: Vec<(Upos, u64)> = tags.iter().map(|t| (t.upos, hash_str(t.xpos))).collect();
        let is_punct: Vec<bool> = tags.iter().map(|t| t.upos == Upos::Punct).collect();
        let mut fwd = None;
        let mut rev = None;
        let outs: Vec<Parsed> = self
            .models
            .iter()
            .map(|m| {
                if m.reverse {
                    let inp = rev.get_or_insert_with(|| {
                        let w: Vec<&str> = words.iter().rev().map(|w| w.as_ref()).collect();
                        Input::new(&w, th.iter().rev().copied())
                    });
                    let mut p = self.run_model(m, inp);
                    p.vote = 1.0;
                    // back to reading order
                    p.head = reverse_heads(&p.head);
                    p.label.reverse();
                    p.margin.reverse();
                    p
                } else {
                    let inp = fwd.get_or_insert_with(|| Input::new(words, th.iter().copied()));
                    self.run_model(m, inp)
                }
            })
            .collect();
        let (heads, labels) = self.combine(outs, &is_punct);
        heads
            .into_iter()
            .zip(labels)
            .map(|(h, l)| Dep {
                head: h,
                deprel: &self.labels[l as usize],
            })
            .collect()
    }

    /// Runs one model; heads are in the model's reading order, possibly incomplete
    /// (`usize::MAX` for words left without a head).
    fn run_model(&self, m: &Model, inp: &Input) -> Parsed {
        let n = inp.w.len() - 2;
        let nl = self.labels.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(112);
        let nc = m.weights.n_classes();
        let mut scores = vec![0i32; m.weights.stride()];
        let mut margin = vec![0f32; n + 2];
        let inv = 1.0 / m.weights.scale();
        while !st.terminal() {
            features(inp, &st, &mut feats);
            m.weights.scores(&feats, &mut scores);
            let (c, mg) = best_legal(&scores[..nc], &st, nl, self.root_label);
            if c == usize::MAX {
                break; // the root already has its dependent: nothing is legal
            }
            let a = act_of(c, nl);
            let dependent = match a {
                Act::Left(_) => st.s0() as usize,
                Act::Right(_) => st.b,
                _ => usize::MAX,
            };
            if dependent != usize::MAX {
                margin[dependent] = (mg as f32 * inv).min(MARGIN_CAP);
            }
            st.apply(a);
        }
        // Stuck with words on the stack that have no head: attach each to the word below it on
        // the stack (the nearest word to its left that is still open), as arc-standard would.
        while st.stack.len() >= 2 {
            let s0 = st.stack.pop().unwrap() as usize;
            if st.head[s0] == NONE {
                let s1 = *st.stack.last().unwrap() as usize;
                let l = match self.punct_label {
                    Some(p) if inp.u[s0] == mix(Upos::Punct.index() as u64 + 1000) => p,
                    _ => self.fallback_label,
                };
                st.add_arc(s1, s0, l);
            }
        }
        let root = st.root() as u32;
        Parsed {
            vote: 1.0,
            head: (1..=n)
                .map(|i| match st.head[i] {
                    NONE => usize::MAX,
                    h if h == root => 0,
                    h => h as usize,
                })
                .collect(),
            label: (1..=n).map(|i| st.label[i]).collect(),
            margin: (1..=n).map(|i| margin[i]).collect(),
        }
    }

    /// Completes a possibly partial parse into a tree: the first word without a head becomes
    /// the root's dependent if there is none, the others hang from the root's dependent.
    fn complete(&self, p: &mut Parsed, is_punct: &[bool]) {
        let n = p.head.len();
        let mut root_child = (0..n).find(|&i| p.head[i] == 0);
        for i in 0..n {
            if p.head[i] != usize::MAX {
                continue;
            }
            p.margin[i] = 0.0;
            match root_child {
                None => {
                    p.head[i] = 0;
                    p.label[i] = self.root_label;
                    root_child = Some(i);
                }
                Some(r) => {
                    p.head[i] = r + 1;
                    p.label[i] = match self.punct_label {
                        Some(l) if is_punct[i] => l,
                        _ => self.fallback_label,
                    };
                }
            }
        }
    }

    /// Combines the models' trees: the maximum spanning tree over their arcs, each arc scored
    /// by the models proposing it (1 + confidence each), with a single root dependent.
    fn combine(&self, mut outs: Vec<Parsed>, is_punct: &[bool]) -> (Vec<usize>, Vec<u16>) {
        for p in outs.iter_mut() {
            self.complete(p, is_punct);
        }
        let n = is_punct.len();
        let weight =
            |p: &Parsed, i: usize| p.vote * (1.0 + self.confidence * p.margin[i] / MARGIN_CAP);
        let heads: Vec<usize> = if outs.len() == 1 || outs.iter().all(|p| p.head == outs[0].head) {
            outs[0].head.clone()
        } else {
            let mut score = vec![vec![f32::NEG_INFINITY; n + 1]; n + 1];
            for p in &outs {
                for i in 0..n {
                    let s = &mut score[p.head[i]][i + 1];
                    *s = if s.is_finite() {
                        *s + weight(p, i)
                    } else {
                        weight(p, i)
                    };
                }
            }
            // One root dependent: make extra root arcs too costly to pay off.
            for d in 1..=n {
                if score[0][d].is_finite() {
                    score[0][d] -= 1000.0;
                }
            }
            max_arborescence(&score)[1..].to_vec()
        };
        // Label: from the most confident model proposing the chosen arc.
        let labels = (0..n)
            .map(|i| {
                outs.iter()
                    .filter(|p| p.head[i] == heads[i])
                    .max_by(|a, b| weight(a, i).total_cmp(&weight(b, i)))
                    .map_or(outs[0].label[i], |p| p.label[i])
            })
            .collect::<Vec<u16>>();
        let labels = labels
            .into_iter()
            .zip(&heads)
            .map(|(l, &h)| {
                if h == 0 {
                    self.root_label
                } else if l == self.root_label {
                    self.fallback_label
                } else {
                    l
                }
            })
            .collect();
        (heads, labels)
    }

    /// Changes how much arc confidence counts when combining directions.
    pub fn set_confidence(&mut self, confidence: f32) {
        self.confidence = confidence;
    }

    /// The parser restricted to one reading direction, if it has it (for measurements).
    pub fn one_direction(&self, right_to_left: bool) -> Option<Parser> {
        let m = self.models.iter().find(|m| m.reverse == right_to_left)?;
        let mut p = self.clone();
        p.models = vec![m.clone()];
        Some(p)
    }

    /// The dependency labels the parser can produce.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of weighted features over all models.
    pub fn n_features(&self) -> usize {
        self.models.iter().map(|m| m.weights.n_features()).sum()
    }

    /// Serialises the model (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e = Enc::new();
        e.var(self.labels.len() as u64);
        for l in &self.labels {
            e.str(l);
        }
        e.var(self.root_label as u64);
        e.var(self.punct_label.map_or(0, |p| p as u64 + 1));
        e.var(self.fallback_label as u64);
        e.f32(self.confidence);
        e.var(self.models.len() as u64);
        for m in &self.models {
            e.u8(m.reverse as u8);
            m.weights.encode(&mut e);
        }
        binio::wrap(MAGIC, VERSION, &e.buf)
    }

    /// Loads a model written by [`Parser::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, Error> {
        let body = binio::unwrap(MAGIC, VERSION, bytes)?;
        let mut d = Dec::new(&body);
        let n = d.usize()?;
        if n == 0 || n > 127 {
            return Err(Error::Format("bad label count".into()));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(d.str()?);
        }
        let root_label = d.usize()?;
        let punct = d.usize()?;
        let fallback_label = d.usize()?;
        if root_label >= n || punct > n || fallback_label >= n {
            return Err(Error::Format("bad label index".into()));
        }
        let confidence = d.f32()?;
        let k = d.usize()?;
        if k == 0 || k > 4 {
            return Err(Error::Format("bad model count".into()));
        }
        let mut models = Vec::with_capacity(k);
        for _ in 0..k {
            let reverse = match d.u8()? {
                0 => false,
                1 => true,
                _ => return Err(Error::Format("bad direction".into())),
            };
            let weights = Weights::decode(&mut d)?;
            if weights.n_classes() != 2 + 2 * n {
                return Err(Error::Format(
                    "class count does not match the labels".into(),
                ));
            }
            models.push(Model { reverse, weights });
        }
        d.done()?;
        Ok(Parser {
            labels,
            root_label: root_label as u16,
            punct_label: if punct == 0 {
                None
            } else {
                Some((punct - 1) as u16)
            },
            fallback_label: fallback_label as u16,
            models,
            confidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A random projective tree over `n` words.
    fn random_projective(n: usize, rng: &mut Rng) -> Vec<usize> {
        fn build(lo: usize, hi: usize, head: usize, heads: &mut [usize], rng: &mut Rng) {
            let r = lo + rng.below(hi - lo + 1);
            heads[r - 1] = head;
            let mut segs = Vec::new();
            if r > lo {
                segs.push((lo, r - 1));
            }
            if r < hi {
                segs.push((r + 1, hi));
            }
            for (a, b) in segs {
                let mut start = a;
                while start <= b {
                    let end = start + rng.below(b - start + 1);
                    build(start, end, r, heads, rng);
                    start = end + 1;
                }
            }
        }
        let mut heads = vec![0; n];
        build(1, n, 0, &mut heads, rng);
        heads
    }

    /// Head of word `d` in CoNLL-U terms (0 = root), `usize::MAX` if none.
    fn head_of(st: &State, d: usize) -> usize {
        match st.head[d] {
            NONE => usize::MAX,
            h if h as usize == st.root() => 0,
            h => h as usize,
        }
    }

    fn run_gold_path(heads: &[usize], labels: &[u16], nl: usize, root: u16) -> State {
        let g = Gold::new(heads, labels);
        let mut st = State::new(heads.len());
        let mut c = vec![0u32; 2 + 2 * nl];
        while !st.terminal() {
            let a = static_oracle(&st, &g);
            assert!(
                st.legal(a, root, true),
                "static oracle chose an illegal {a:?}"
            );
            costs(&st, &g, nl, &mut c);
            assert_eq!(
                c[class_of(a, nl)],
                0,
                "static oracle transition {a:?} has non-zero cost"
            );
            // The dynamic oracle's zero-cost set contains the static choice, and nothing is
            // cheaper than zero.
            st.apply(a);
        }
        st
    }

    #[test]
    fn random_trees_are_projective() {
        let mut rng = Rng::new(3);
        for n in 1..12 {
            for _ in 0..50 {
                let h = random_projective(n, &mut rng);
                assert!(crate::tree::is_well_formed(&h), "{h:?}");
                assert!(crate::tree::is_projective(&h), "{h:?}");
            }
        }
    }

    #[test]
    fn static_oracle_reproduces_gold_with_zero_dynamic_cost() {
        let mut rng = Rng::new(11);
        let nl = 4;
        let root = 0u16;
        for n in 1..25 {
            for _ in 0..40 {
                let heads = random_projective(n, &mut rng);
                let labels: Vec<u16> = heads
                    .iter()
                    .map(|&h| {
                        if h == 0 {
                            root
                        } else {
                            1 + rng.below(3) as u16
                        }
                    })
                    .collect();
                let st = run_gold_path(&heads, &labels, nl, root);
                for d in 1..=n {
                    assert_eq!(head_of(&st, d), heads[d - 1]);
                    assert_eq!(st.label[d], labels[d - 1]);
                }
            }
        }
    }

    #[test]
    fn following_zero_cost_transitions_reaches_gold() {
        // Any sequence of zero-cost transitions (chosen at random) ends in the gold tree.
        let mut rng = Rng::new(5);
        let nl = 3;
        let root = 0u16;
        for n in 1..20 {
            for _ in 0..40 {
                let heads = random_projective(n, &mut rng);
                let labels: Vec<u16> = heads
                    .iter()
                    .map(|&h| {
                        if h == 0 {
                            root
                        } else {
                            1 + rng.below(2) as u16
                        }
                    })
                    .collect();
                let g = Gold::new(&heads, &labels);
                let mut st = State::new(n);
                let mut c = vec![0u32; 2 + 2 * nl];
                while !st.terminal() {
                    costs(&st, &g, nl, &mut c);
                    let zero: Vec<usize> = (0..c.len())
                        .filter(|&k| c[k] == 0 && st.legal(act_of(k, nl), root, true))
                        .collect();
                    assert!(!zero.is_empty());
                    st.apply(act_of(zero[rng.below(zero.len())], nl));
                }
                for d in 1..=n {
                    assert_eq!(head_of(&st, d), heads[d - 1]);
                    assert_eq!(st.label[d], labels[d - 1]);
                }
            }
        }
    }

    /// Minimum number of wrong or missing heads reachable from `st` (unconstrained root).
    fn min_loss(
        st: &State,
        gold: &[usize],
        memo: &mut HashMap<(Vec<u32>, usize, Vec<u32>), u32>,
    ) -> u32 {
        if st.terminal() {
            return (1..=st.n)
                .filter(|&d| head_of(st, d) != gold[d - 1])
                .count() as u32;
        }
        let k = (st.stack.clone(), st.b, st.head.clone());
        if let Some(&v) = memo.get(&k) {
            return v;
        }
        let mut best = u32::MAX;
        for a in [
            Act::Shift,
            Act::Reduce,
            Act::Left(1),
            Act::Left(0),
            Act::Right(1),
        ] {
            if st.legal(a, 0, false) {
                let mut s2 = st.clone();
                s2.apply(a);
                best = best.min(min_loss(&s2, gold, memo));
            }
        }
        memo.insert(k, best);
        best
    }

    #[test]
    fn dynamic_oracle_costs_match_brute_force() {
        let mut rng = Rng::new(17);
        for n in 1..=7 {
            for _ in 0..30 {
                let heads = random_projective(n, &mut rng);
                let labels: Vec<u16> = heads.iter().map(|&h| if h == 0 { 0 } else { 1 }).collect();
                let g = Gold::new(&heads, &labels);
                let mut memo = HashMap::new();
                let mut st = State::new(n);
                while !st.terminal() {
                    let base = min_loss(&st, &heads, &mut memo);
                    let uc = unlabeled_costs(&st, &g);
                    let acts = [
                        (Act::Shift, uc[0]),
                        (Act::Reduce, uc[1]),
                        (Act::Left(if st.b > st.n { 0 } else { 1 }), uc[2]),
                        (Act::Right(1), uc[3]),
                    ];
                    let mut legal = Vec::new();
                    for (a, c) in acts {
                        if st.legal(a, 0, false) {
                            let mut s2 = st.clone();
                            s2.apply(a);
                            let after = min_loss(&s2, &heads, &mut memo);
                            assert_eq!(
                                c,
                                after - base,
                                "cost of {a:?} in {st:?} for gold {heads:?}"
                            );
                            legal.push(a);
                        }
                    }
                    // random walk, including mistakes
                    st.apply(legal[rng.below(legal.len())]);
                }
            }
        }
    }
}
