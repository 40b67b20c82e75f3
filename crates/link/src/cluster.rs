//! Sparse average-link agglomerative clustering.
//!
//! Single-link over "probability > ½" edges chains unrelated reports
//! together through one ambiguous middle report; average link asks the whole
//! group. Only scored pairs are stored (the graph is sparse after blocking);
//! a pair that was never scored counts as `unscored_prior`. A vetoed pair
//! makes its two groups unmergeable for good.

use crate::Params;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

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
    version_a: u32,
    version_b: u32,
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
pub fn average_link(n: usize, edges: &[Edge], params: &Params) -> Vec<Vec<usize>> {
    let mut between: Vec<HashMap<usize, Between>> = vec![HashMap::new(); n];
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
    let mut version = vec![0u32; n];
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
                    heap.push(Candidate {
                        mean: m,
                        a,
                        b,
                        version_a: 0,
                        version_b: 0,
                    });
                }
            }
        }
    }

    while let Some(c) = heap.pop() {
        if !alive[c.a] || !alive[c.b] || version[c.a] != c.version_a || version[c.b] != c.version_b
        {
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
        }
        let gone_members = std::mem::take(&mut members[gone]);
        members[keep].extend(gone_members);
        alive[gone] = false;
        version[keep] += 1;
        let size_keep = members[keep].len();
        for (&other, link) in &between[keep] {
            if link.veto {
                continue;
            }
            let m = mean(link, size_keep, members[other].len());
            if m >= params.threshold {
                let (a, b) = (keep.min(other), keep.max(other));
                heap.push(Candidate {
                    mean: m,
                    a,
                    b,
                    version_a: version[a],
                    version_b: version[b],
                });
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
