//! Multi-class averaged perceptron over hashed sparse features.
//!
//! Features are 32-bit keys (see [`crate::hash::key`]); each feature has a sparse row of
//! (class, weight) pairs, since perceptron updates only ever touch the gold and the predicted
//! class. [`Trainer`] holds integer weights with lazily accumulated sums for averaging;
//! [`Weights`] is the frozen, averaged model with weights quantised to `i16`.

use crate::binio::{Dec, Enc};
use crate::hash::IdMap;
use crate::Error;

#[derive(Clone, Copy)]
struct TEntry {
    class: u16,
    w: i32,
    ts: u32,
    total: i64,
}

/// Perceptron under training.
pub struct Trainer {
    n_classes: usize,
    index: IdMap<u32, u32>,
    rows: Vec<Vec<TEntry>>,
    now: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        assert!(n_classes <= 256, "at most 256 classes");
        Trainer {
            n_classes,
            index: IdMap::default(),
            rows: Vec::new(),
            now: 0,
        }
    }

    /// Current (not averaged) scores; `out.len()` must be the number of classes.
    pub fn scores(&self, feats: &[u32], out: &mut [i32]) {
        debug_assert_eq!(out.len(), self.n_classes);
        out.fill(0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    out[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Marks the end of one training instance (the averaging clock).
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Standard perceptron update: +1 for `gold`, -1 for `pred` on every feature.
    pub fn update(&mut self, feats: &[u32], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let now = self.now;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
            }
            let row = &mut self.rows[r as usize];
            bump(row, gold as u16, 1, now);
            bump(row, pred as u16, -1, now);
        }
    }

    pub fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Averages and quantises. Entries whose quantised weight is zero are dropped.
    pub fn average(&self) -> Weights {
        let now = self.now.max(1) as f64;
        let mut feats: Vec<(u32, Vec<(u16, f64)>)> = Vec::with_capacity(self.rows.len());
        let mut max_abs = 0f64;
        for (&k, &r) in &self.index {
            let mut row = Vec::new();
            for e in &self.rows[r as usize] {
                let total = e.total + (self.now - e.ts) as i64 * e.w as i64;
                let a = total as f64 / now;
                if a != 0.0 {
                    max_abs = max_abs.max(a.abs());
                    row.push((e.class, a));
                }
            }
            if !row.is_empty() {
                feats.push((k, row));
            }
        }
        feats.sort_unstable_by_key(|f| f.0);
        // At most 1/64 of an update is resolved; weights must fit in i16.
        let scale = if max_abs > 0.0 {
            (32767.0 / max_abs).min(64.0)
        } else {
            1.0
        };
        let quant: Vec<(u32, Vec<(u16, i16)>)> = feats
            .into_iter()
            .filter_map(|(k, row)| {
                let mut q: Vec<(u16, i16)> = row
                    .into_iter()
                    .map(|(c, a)| (c, (a * scale).round() as i16))
                    .filter(|&(_, w)| w != 0)
                    .collect();
                q.sort_unstable_by_key(|e| e.0);
                if q.is_empty() {
                    None
                } else {
                    Some((k, q))
                }
            })
            .collect();
        Weights::from_rows(self.n_classes, scale as f32, quant)
    }
}

#[inline]
fn bump(row: &mut Vec<TEntry>, class: u16, delta: i32, now: u32) {
    let e = match row.iter_mut().position(|e| e.class == class) {
        Some(i) => &mut row[i],
        None => {
            row.push(TEntry {
                class,
                w: 0,
                ts: now,
                total: 0,
            });
            row.last_mut().unwrap()
        }
    };
    e.total += (now - e.ts) as i64 * e.w as i64;
    e.ts = now;
    e.w += delta;
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint and never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Prefetches every cache line of `len` elements starting at `p`.
#[inline(always)]
fn prefetch_span<T>(p: *const T, len: usize) {
    let first = p as usize & !63;
    let last = (p as usize + len * std::mem::size_of::<T>()).saturating_sub(1) & !63;
    let mut a = first;
    while a <= last {
        prefetch(a as *const u8);
        a += 64;
    }
}

/// Where a feature's weights are, as stored in its hash slot: either `DENSE | offset` of a
/// full row in [`Weights::dense`], or `len << 24 | offset` of `len` packed sparse entries
/// in [`Weights::sparse`]. Never 0 (0 marks "no such feature").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Row(u32);

const DENSE: u32 = 1 << 31;
const LEN_SHIFT: u32 = 24;
const MAX_SPARSE_LEN: usize = 127;
const MAX_SPARSE_OFF: usize = (1 << LEN_SHIFT) - 1;

impl Row {
    pub const NONE: Row = Row(0);
}

/// (offset, length) of a sparse row.
#[inline(always)]
fn sparse_span(r: Row) -> (usize, usize) {
    (
        (r.0 & MAX_SPARSE_OFF as u32) as usize,
        (r.0 >> LEN_SHIFT) as usize,
    )
}

/// Largest number of features scored in one batch (see [`Weights::add_scores_many`]).
const BATCH: usize = 256;

/// Batch size for short feature lists.
const SMALL: usize = 16;

/// Dense rows and score vectors are padded to a multiple of this many classes.
const LANES: usize = 8;

/// Adds the dense rows at `offs` (each `out.len()` weights, a multiple of [`LANES`]) to
/// `out`, a block of [`LANES`] classes at a time so the block's sums stay in registers.
#[inline(always)]
fn add_dense_rows(out: &mut [i32], dense: &[i16], offs: &[u32]) {
    let stride = out.len();
    debug_assert_eq!(stride % LANES, 0);
    for (b, o) in out.chunks_exact_mut(LANES).enumerate() {
        let mut acc = [0i32; LANES];
        for &off in offs {
            let at = off as usize + b * LANES;
            let w: &[i16; LANES] = dense[at..at + LANES].try_into().unwrap();
            for k in 0..LANES {
                acc[k] += w[k] as i32;
            }
        }
        for k in 0..LANES {
            o[k] += acc[k];
        }
    }
}

/// A frozen averaged perceptron: open-addressing table from feature key to its row of
/// weights, stored as packed (class, i16 weight) entries (sparse rows) or as a full row of
/// weights (rows with many classes).
///
/// Scoring is bound by memory latency, so lookups are done in batches: first every slot is
/// prefetched, then every slot is read and its row prefetched, then the rows are added, so
/// that the cache misses overlap instead of being paid one after the other.
#[derive(Clone)]
pub struct Weights {
    n_classes: usize,
    /// `n_classes` rounded up to a multiple of [`LANES`]: the length of dense rows and the
    /// distance between score vectors.
    stride: usize,
    scale: f32,
    mask: usize,
    /// (key, row); key 0 = empty slot.
    slots: Vec<(u32, Row)>,
    /// Sparse entries packed as `class << 16 | (w as u16)`.
    sparse: Vec<u32>,
    /// Dense rows, `stride` weights each (zero past `n_classes`).
    dense: Vec<i16>,
    n_features: usize,
    avx2: bool,
}

impl Weights {
    fn from_rows(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<(u16, i16)>)>) -> Weights {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let stride = n_classes.div_ceil(LANES) * LANES;
        let mut slots = vec![(0u32, Row::NONE); cap];
        let mut sparse = Vec::new();
        let mut dense = Vec::new();
        let n_features = rows.len();
        for (k, row) in rows {
            // A dense row costs 2 bytes per class, a sparse one 4 bytes per entry; dense rows
            // are also faster to add. Rows the slot cannot address sparsely are dense too.
            let as_dense = (row.len() * 3 >= n_classes && n_classes >= 8)
                || row.len() > MAX_SPARSE_LEN
                || sparse.len() + row.len() > MAX_SPARSE_OFF;
            let r = if as_dense {
                let off = dense.len();
                assert!(off < DENSE as usize, "too many dense weights");
                dense.resize(off + stride, 0);
                for (c, w) in row {
                    dense[off + c as usize] = w;
                }
                Row(DENSE | off as u32)
            } else {
                let off = sparse.len() as u32;
                let len = row.len() as u32;
                for (c, w) in row {
                    sparse.push(((c as u32) << 16) | (w as u16 as u32));
                }
                Row((len << LEN_SHIFT) | off)
            };
            let mut s = k as usize & mask;
            while slots[s].0 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (k, r);
        }
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Weights {
            n_classes,
            stride,
            scale,
            mask,
            slots,
            sparse,
            dense,
            n_features,
            avx2,
        }
    }

    /// The (class, weight) entries of a row, zero weights left out.
    fn entries(&self, r: Row) -> Vec<(u32, i16)> {
        if r.0 & DENSE != 0 {
            let off = (r.0 & !DENSE) as usize;
            self.dense[off..off + self.n_classes]
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(c, &w)| (c as u32, w))
                .collect()
        } else {
            let (off, len) = sparse_span(r);
            self.sparse[off..off + len]
                .iter()
                .map(|&p| (p >> 16, (p as u16) as i16))
                .collect()
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Length of a score vector: `n_classes` rounded up (the extra scores are always 0).
    pub fn stride(&self) -> usize {
        self.stride
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Quantisation scale: a score of `scale` equals one perceptron update.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The row of feature `key`, [`Row::NONE`] if it has no weights.
    #[inline(always)]
    fn lookup(&self, key: u32) -> Row {
        let mut s = key as usize & self.mask;
        loop {
            // SAFETY: `s` is masked to the table size, a power of two.
            let (k, r) = unsafe { *self.slots.get_unchecked(s) };
            if k == key {
                return r;
            }
            if k == 0 {
                return Row::NONE;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Prefetches the weights of a row.
    #[inline(always)]
    fn prefetch_row(&self, r: Row) {
        if r.0 & DENSE != 0 {
            let off = (r.0 & !DENSE) as usize;
            prefetch_span(self.dense.as_ptr().wrapping_add(off), self.n_classes);
        } else if r.0 != 0 {
            let (off, len) = sparse_span(r);
            prefetch_span(self.sparse.as_ptr().wrapping_add(off), len);
        }
    }

    /// Sets `out` (at least `n_classes` long; fastest if at least [`Weights::stride`]) to
    /// the summed weights of `feats`.
    pub fn scores(&self, feats: &[u32], out: &mut [i32]) {
        assert!(out.len() >= self.n_classes);
        if out.len() < self.stride {
            let mut full = vec![0i32; self.stride];
            self.add_scores_many(feats, &[0, feats.len()], &mut full);
            out[..self.n_classes].copy_from_slice(&full[..self.n_classes]);
            return;
        }
        let out = &mut out[..self.stride];
        out.fill(0);
        self.add_scores_many(feats, &[0, feats.len()], out);
    }

    /// Adds the scores of several feature lists at once: list `t` is
    /// `feats[bounds[t]..bounds[t + 1]]` and its scores are added to
    /// `out[t * stride..(t + 1) * stride]` (see [`Weights::stride`]). Lists are processed in
    /// batches of up to [`BATCH`] features, so the memory accesses of many lists overlap.
    pub fn add_scores_many(&self, feats: &[u32], bounds: &[usize], out: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: AVX2 support was detected when the weights were built.
            return unsafe { self.add_scores_many_avx2(feats, bounds, out) };
        }
        self.add_scores_many_impl(feats, bounds, out)
    }

    /// # Safety
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn add_scores_many_avx2(&self, feats: &[u32], bounds: &[usize], out: &mut [i32]) {
        self.add_scores_many_impl(feats, bounds, out)
    }

    #[inline(always)]
    fn add_scores_many_impl(&self, feats: &[u32], bounds: &[usize], out: &mut [i32]) {
        let st = self.stride;
        let n_lists = bounds.len().saturating_sub(1);
        assert!(out.len() >= n_lists * st);
        let mut t0 = 0;
        while t0 < n_lists {
            // As many whole lists as fit in a batch (at least one, split if it is too long).
            let mut t1 = t0 + 1;
            while t1 < n_lists && bounds[t1 + 1] - bounds[t0] <= BATCH {
                t1 += 1;
            }
            let (lo, hi) = (bounds[t0], bounds[t1]);
            let o = &mut out[t0 * st..t1 * st];
            if hi - lo <= SMALL {
                self.add_batch::<SMALL>(feats, &bounds[t0..=t1], o);
            } else if hi - lo <= BATCH {
                self.add_batch::<BATCH>(feats, &bounds[t0..=t1], o);
            } else {
                // one over-long list
                for c in (lo..hi).step_by(BATCH) {
                    self.add_batch::<BATCH>(feats, &[c, hi.min(c + BATCH)], o);
                }
            }
            t0 = t1;
        }
    }

    /// Looks up the features `feats[bounds[0]..bounds[bounds.len() - 1]]` (at most `N`),
    /// list `t` being `feats[bounds[t]..bounds[t + 1]]`, and adds each list's rows to
    /// `out[t * stride..]`.
    #[inline(always)]
    fn add_batch<const N: usize>(&self, feats: &[u32], bounds: &[usize], out: &mut [i32]) {
        let lo = bounds[0];
        let feats = &feats[lo..bounds[bounds.len() - 1]];
        let mut rows = [Row::NONE; N];
        let rows = &mut rows[..feats.len()];
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
        }
        for (r, &f) in rows.iter_mut().zip(feats) {
            *r = self.lookup(f);
            self.prefetch_row(*r);
        }
        let st = self.stride;
        let mut dense_offs = [0u32; N];
        for (t, o) in out.chunks_exact_mut(st).enumerate().take(bounds.len() - 1) {
            let mut nd = 0;
            for &r in &rows[bounds[t] - lo..bounds[t + 1] - lo] {
                if r.0 & DENSE != 0 {
                    dense_offs[nd] = r.0 & !DENSE;
                    nd += 1;
                } else if r.0 != 0 {
                    let (off, len) = sparse_span(r);
                    for &p in &self.sparse[off..off + len] {
                        let c = (p >> 16) as usize;
                        // `c < n_classes` is checked when the model is built or loaded.
                        unsafe { *o.get_unchecked_mut(c) += (p as u16) as i16 as i32 };
                    }
                }
            }
            add_dense_rows(o, &self.dense, &dense_offs[..nd]);
        }
    }

    pub fn encode(&self, e: &mut Enc) {
        e.var(self.n_classes as u64);
        e.f32(self.scale);
        let mut keys: Vec<(u32, Row)> = self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        keys.sort_unstable_by_key(|s| s.0);
        e.var(keys.len() as u64);
        let mut prev = 0u32;
        for &(k, start) in &keys {
            e.var((k - prev) as u64);
            prev = k;
            let row = self.entries(start);
            e.var(row.len() as u64);
            let mut prev_c = 0u32;
            for (c, w) in row {
                e.var((c - prev_c) as u64);
                prev_c = c;
                e.zig(w as i64);
            }
        }
    }

    pub fn decode(d: &mut Dec) -> Result<Weights, Error> {
        let n_classes = d.usize()?;
        if n_classes == 0 || n_classes > 256 {
            return Err(Error::Format("bad class count".into()));
        }
        let scale = d.f32()?;
        let n = d.usize()?;
        let mut rows = Vec::with_capacity(n.min(1 << 24));
        let mut k = 0u32;
        for i in 0..n {
            let dk = d.var()?;
            k = k
                .checked_add(dk as u32)
                .filter(|&v| v != 0 && (dk > 0 || i == 0))
                .ok_or_else(|| Error::Format("feature keys out of order".into()))?;
            let m = d.usize()?;
            let mut row = Vec::with_capacity(m.min(256));
            let mut c = 0u64;
            for j in 0..m {
                let dc = d.var()?;
                if j > 0 && dc == 0 {
                    return Err(Error::Format("classes out of order".into()));
                }
                c = c.saturating_add(dc);
                if c >= n_classes as u64 {
                    return Err(Error::Format("class out of range".into()));
                }
                let w = d.zig()?;
                if w == 0 || w < i16::MIN as i64 || w > i16::MAX as i64 {
                    return Err(Error::Format("weight out of range".into()));
                }
                row.push((c as u16, w as i16));
            }
            rows.push((k, row));
        }
        Ok(Weights::from_rows(n_classes, scale, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batched scoring (sparse and dense rows, absent keys, long lists) against a plain sum.
    #[test]
    fn scores_match_plain_sums() {
        let mut rng = crate::rng::Rng::new(7);
        for n_classes in [3usize, 17, 102] {
            let mut rows = Vec::new();
            for k in 1..3000u32 {
                let key = crate::hash::key(1, k as u64);
                let m = 1 + rng.below(n_classes);
                let mut classes: Vec<u16> = (0..n_classes as u16).collect();
                rng.shuffle(&mut classes);
                let mut row: Vec<(u16, i16)> = classes[..m]
                    .iter()
                    .map(|&c| (c, rng.below(2000) as i16 - 1000))
                    .filter(|&(_, w)| w != 0)
                    .collect();
                row.sort_unstable();
                if !row.is_empty() {
                    rows.push((key, row));
                }
            }
            rows.sort_unstable_by_key(|r| r.0);
            let plain: std::collections::HashMap<u32, Vec<(u16, i16)>> =
                rows.iter().cloned().collect();
            let w = Weights::from_rows(n_classes, 1.0, rows);
            let mut out = vec![0i32; w.stride()];
            for len in [0usize, 1, 5, 40, 300, 700] {
                // half of the keys are absent
                let feats: Vec<u32> = (0..len)
                    .map(|_| crate::hash::key(1, rng.below(6000) as u64 + 1))
                    .collect();
                let mut want = vec![0i32; n_classes];
                for f in &feats {
                    for &(c, x) in plain.get(f).map_or(&[][..], |r| r.as_slice()) {
                        want[c as usize] += x as i32;
                    }
                }
                w.scores(&feats, &mut out);
                assert_eq!(&out[..n_classes], &want[..]);
                assert!(out[n_classes..].iter().all(|&x| x == 0));
            }
        }
    }

    #[test]
    fn learns_and_survives_encoding() {
        let mut t = Trainer::new(3);
        let data = [
            (vec![10u32, 11], 0usize),
            (vec![20, 11], 1),
            (vec![30, 31], 2),
        ];
        let mut sc = vec![0; 3];
        for _ in 0..5 {
            for (f, g) in &data {
                t.scores(f, &mut sc);
                let p = (0..3)
                    .max_by_key(|&c| (sc[c], std::cmp::Reverse(c)))
                    .unwrap();
                t.update(f, *g, p);
                t.tick();
            }
        }
        let w = t.average();
        let mut e = Enc::new();
        w.encode(&mut e);
        let w2 = Weights::decode(&mut Dec::new(&e.buf)).unwrap();
        for (f, g) in &data {
            w2.scores(f, &mut sc);
            let p = (0..3)
                .max_by_key(|&c| (sc[c], std::cmp::Reverse(c)))
                .unwrap();
            assert_eq!(p, *g);
        }
        let mut e2 = Enc::new();
        w2.encode(&mut e2);
        assert_eq!(e.buf, e2.buf);
    }
}
