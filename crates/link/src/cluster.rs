//! Sparse average-link agglomerative clustering.
//!
//! Single-link over "probability > ½" edges chains unrelated reports
//! together through one ambiguous middle report; average link asks the whole
//! group. Only scored pairs are stored (the graph is sparse after blocking);
//! in the queue a pair that was never scored counts as `unscored_prior`.
//! Before two groups merge, every cross pair is scored, so the merge rests on
//! the true mean; the cost is the same walk over cross pairs that the check
//! for an impossible pair needs anyway. A vetoed pair makes its two groups
//! unmergeable for good.
//!
//! The queue is lazy: an entry keeps the mean it had when pushed and is
//! checked against the current mean when popped. After a merge only the
//! groups that had links to the absorbed group get fresh entries; for every
//! other neighbour the mean can only fall towards the prior (more unscored
//! pairs), so its old entry is re-checked when it surfaces. This keeps each
//! merge proportional to the smaller group's links, not to the larger
//! group's whole neighbourhood.

use crate::Params;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Hashing for cluster ids: they are small integers, so one multiply
/// spreads them well, and SipHash's cost would dominate the clustering
/// (millions of map operations at 100k mentions).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<usize, V, BuildHasherDefault<IdHasher>>;

/// A scored pair; `p` is `-inf` for a vetoed pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub p: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Between {
    sum: f32,
    scored: u32,
    veto: bool,
}

#[derive(Debug, PartialEq)]
struct Candidate {
    mean: f32,
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| Reverse((self.a, self.b)).cmp(&Reverse((other.a, other.b))))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Clusters `n` items given scored edges. Returns clusters (sorted member
/// lists) ordered by their smallest member.
///
/// `score(i, j)` gives the probability of any pair, `None` when the two can never be
/// together. Blocking scores only some pairs, so the queue ranks two groups with the prior
/// standing in for the pairs it never scored; when two groups come up for merging, every
/// cross pair is scored and the merge goes ahead only if the true mean still clears the
/// threshold and no pair is impossible. The prior must not outvote an impossibility ("an
/// undated report from 3 March" and "Saturday 15 March" joined through a third report that
/// fits both), nor a pair that shares nothing.
pub fn average_link(
    n: usize,
    edges: &[Edge],
    params: &Params,
    score: &dyn Fn(usize, usize) -> Option<f32>,
) -> Vec<Vec<usize>> {
    let mut between: Vec<IdMap<Between>> = vec![IdMap::default(); n];
    for e in edges {
        if e.a == e.b || e.a >= n || e.b >= n {
            continue;
        }
        for (x, y) in [(e.a, e.b), (e.b, e.a)] {
            let link = between[x].entry(y).or_default();
            if e.p.is_finite() {
                link.sum += e.p;
                link.scored += 1;
            } else {
                link.veto = true;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];

    let mean = |link: &Between, size_a: usize, size_b: usize| -> f32 {
        let pairs = (size_a * size_b) as f32;
        (link.sum + params.unscored_prior * (pairs - link.scored as f32)) / pairs
    };

    let mut heap = BinaryHeap::new();
    for (a, links) in between.iter().enumerate() {
        for (&b, link) in links {
            if a < b && !link.veto {
                let m = mean(link, 1, 1);
                if m >= params.threshold {
                    heap.push(Candidate { mean: m, a, b });
                }
            }
        }
    }

    while let Some(c) = heap.pop() {
        if !alive[c.a] || !alive[c.b] {
            continue;
        }
        let Some(link) = between[c.a].get(&c.b).copied() else {
            continue;
        };
        if link.veto {
            continue;
        }
        let current = mean(&link, members[c.a].len(), members[c.b].len());
        if current != c.mean {
            if current >= params.threshold {
                heap.push(Candidate {
                    mean: current,
                    a: c.a,
                    b: c.b,
                });
            }
            continue;
        }
        let pairs = members[c.a].len() * members[c.b].len();
        if (link.scored as usize) < pairs {
            let mut sum = 0.0;
            let mut possible = true;
            'pairs: for &x in &members[c.a] {
                for &y in &members[c.b] {
                    match score(x, y) {
                        Some(p) => sum += p,
                        None => {
                            possible = false;
                            break 'pairs;
                        }
                    }
                }
            }
            // Groups only grow, so an impossible pair stays impossible; a full sum stays
            // exact as the two groups absorb others.
            let exact = Between {
                sum,
                scored: pairs as u32,
                veto: !possible,
            };
            for (x, y) in [(c.a, c.b), (c.b, c.a)] {
                if let Some(l) = between[x].get_mut(&y) {
                    *l = exact;
                }
            }
            if possible {
                let m = mean(&exact, members[c.a].len(), members[c.b].len());
                if m >= params.threshold {
                    heap.push(Candidate {
                        mean: m,
                        a: c.a,
                        b: c.b,
                    });
                }
            }
            continue;
        }
        // Keep the cluster with more neighbours to move fewer entries.
        let (keep, gone) = if between[c.a].len() >= between[c.b].len() {
            (c.a, c.b)
        } else {
            (c.b, c.a)
        };
        let moved = std::mem::take(&mut between[gone]);
        between[keep].remove(&gone);
        let gone_members = std::mem::take(&mut members[gone]);
        members[keep].extend(gone_members);
        alive[gone] = false;
        let size_keep = members[keep].len();
        for (other, link) in moved {
            if other == keep {
                continue;
            }
            let merged = {
                let entry = between[keep].entry(other).or_default();
                entry.sum += link.sum;
                entry.scored += link.scored;
                entry.veto |= link.veto;
                *entry
            };
            let back = &mut between[other];
            back.remove(&gone);
            back.insert(keep, merged);
            if !merged.veto {
                let m = mean(&merged, size_keep, members[other].len());
                if m >= params.threshold {
                    heap.push(Candidate {
                        mean: m,
                        a: keep.min(other),
                        b: keep.max(other),
                    });
                }
            }
        }
    }

    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort_unstable_by_key(|m| m[0]);
    clusters
}
