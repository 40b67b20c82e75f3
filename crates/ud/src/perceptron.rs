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

/// A frozen averaged perceptron: open-addressing table from feature key to a run of packed
/// (class, i16 weight) entries.
#[derive(Clone)]
pub struct Weights {
    n_classes: usize,
    scale: f32,
    mask: usize,
    /// (key, start in `data`); key 0 = empty slot.
    slots: Vec<(u32, u32)>,
    /// For each feature either its entry count followed by entries packed as
    /// `class << 16 | (w as u16)` (sparse rows), or `DENSE | offset` of a full row in `dense`.
    data: Vec<u32>,
    /// Rows with many classes, `n_classes` weights each.
    dense: Vec<i16>,
    n_features: usize,
}

const DENSE: u32 = 1 << 31;

impl Weights {
    fn from_rows(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<(u16, i16)>)>) -> Weights {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        let mut data = Vec::new();
        let mut dense = Vec::new();
        let n_features = rows.len();
        for (k, row) in rows {
            let start = data.len() as u32;
            // A dense row costs 2 bytes per class, a sparse one 4 bytes per entry; dense rows
            // are also faster to add.
            if row.len() * 3 >= n_classes && n_classes >= 8 {
                data.push(DENSE | dense.len() as u32);
                let off = dense.len();
                dense.resize(off + n_classes, 0);
                for (c, w) in row {
                    dense[off + c as usize] = w;
                }
            } else {
                data.push(row.len() as u32);
                for (c, w) in row {
                    data.push(((c as u32) << 16) | (w as u16 as u32));
                }
            }
            let mut s = k as usize & mask;
            while slots[s].0 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (k, start);
        }
        Weights {
            n_classes,
            scale,
            mask,
            slots,
            data,
            dense,
            n_features,
        }
    }

    /// The (class, weight) entries of the row starting at `start`, zero weights left out.
    fn row(&self, start: usize) -> Vec<(u32, i16)> {
        let h = self.data[start];
        if h & DENSE != 0 {
            let off = (h & !DENSE) as usize;
            self.dense[off..off + self.n_classes]
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(c, &w)| (c as u32, w))
                .collect()
        } else {
            let n = h as usize;
            self.data[start + 1..start + 1 + n]
                .iter()
                .map(|&p| (p >> 16, (p as u16) as i16))
                .collect()
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Quantisation scale: a score of `scale` equals one perceptron update.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        let mut s = key as usize & self.mask;
        loop {
            let (k, start) = unsafe { *self.slots.get_unchecked(s) };
            if k == key {
                return Some(start as usize);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the scores of `feats` to `out` (which must have `n_classes` entries; it is cleared
    /// first).
    pub fn scores(&self, feats: &[u32], out: &mut [i32]) {
        assert!(out.len() >= self.n_classes);
        out.fill(0);
        // Lookups are memory bound: first touch every slot (prefetch), then every row, so the
        // cache misses overlap instead of being paid one after the other.
        let mut starts = [0u32; 128];
        for chunk in feats.chunks(128) {
            for &f in chunk {
                prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
            }
            let mut m = 0;
            for &f in chunk {
                if let Some(start) = self.find(f) {
                    prefetch(self.data.as_ptr().wrapping_add(start));
                    starts[m] = start as u32;
                    m += 1;
                }
            }
            let nc = self.n_classes;
            for &start in &starts[..m] {
                let start = start as usize;
                let h = self.data[start];
                if h & DENSE != 0 {
                    let off = (h & !DENSE) as usize;
                    for (o, &w) in out[..nc].iter_mut().zip(&self.dense[off..off + nc]) {
                        *o += w as i32;
                    }
                } else {
                    let n = h as usize;
                    for &p in &self.data[start + 1..start + 1 + n] {
                        let c = (p >> 16) as usize;
                        // `c < n_classes` is checked when the model is built or loaded.
                        unsafe { *out.get_unchecked_mut(c) += (p as u16) as i16 as i32 };
                    }
                }
            }
        }
    }

    pub fn encode(&self, e: &mut Enc) {
        e.var(self.n_classes as u64);
        e.f32(self.scale);
        let mut keys: Vec<(u32, u32)> = self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        keys.sort_unstable();
        e.var(keys.len() as u64);
        let mut prev = 0u32;
        for &(k, start) in &keys {
            e.var((k - prev) as u64);
            prev = k;
            let row = self.row(start as usize);
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
