//! Blocking: the pairs of mentions worth scoring.
//!
//! Scoring all pairs is quadratic; a month of wire copy has tens of thousands
//! of mentions. A pair is a candidate only when it is of one type family (killings and
//! attacks block together, see [`crate::kinds_meet`]) and
//!
//! * the two time anchors are near: mentions of a family are sorted by the
//!   midpoint of their anchor and each is paired with at most
//!   `max_neighbours` following mentions whose anchors overlap its own; or
//! * the two share a participant key that is not too common; or
//! * the two come from the same document (a document is short).
//!
//! The cost is the sort (n log n) plus n times a constant.

use crate::{Mention, Params};
use std::collections::HashMap;

/// Candidate pairs `(i, j)` with `i < j`, sorted and without duplicates.
pub fn candidate_pairs(mentions: &[Mention], params: &Params) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut push = |a: usize, b: usize| {
        if a != b {
            pairs.push((a.min(b), a.max(b)));
        }
    };

    let mut families: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        families
            .entry(crate::block_family(m.kind))
            .or_default()
            .push(i);
    }
    let mut family_list: Vec<_> = families.into_iter().collect();
    family_list.sort_by_key(|(k, _)| *k);

    for (_, members) in &family_list {
        // Time neighbours.
        let mut anchored: Vec<(i64, i64, i64, usize)> = members
            .iter()
            .filter_map(|&i| {
                mentions[i]
                    .anchor(params)
                    .map(|a| (a.midpoint(), a.start, a.end, i))
            })
            .collect();
        anchored.sort_unstable();
        let max_half = anchored
            .iter()
            .map(|&(mid, _, end, _)| end - mid)
            .max()
            .unwrap_or(0);
        for (x, &(mid, start, end, i)) in anchored.iter().enumerate() {
            let reach = (end - mid) + max_half;
            let mut taken = 0;
            for &(mid_j, start_j, end_j, j) in &anchored[x + 1..] {
                if mid_j - mid > reach || taken >= params.max_neighbours {
                    break;
                }
                if start_j <= end && start <= end_j {
                    push(i, j);
                    taken += 1;
                }
            }
        }

        // Shared participants.
        let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
        for &i in members {
            for &k in &mentions[i].participants {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut keys: Vec<_> = by_key.into_iter().collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        for (_, holders) in keys {
            if holders.len() > params.max_key_frequency {
                continue;
            }
            for (x, &i) in holders.iter().enumerate() {
                for &j in &holders[x + 1..] {
                    push(i, j);
                }
            }
        }

        // Same document.
        let mut by_doc: HashMap<u32, Vec<usize>> = HashMap::new();
        for &i in members {
            by_doc.entry(mentions[i].doc).or_default().push(i);
        }
        let mut docs: Vec<_> = by_doc.into_iter().collect();
        docs.sort_unstable_by_key(|(d, _)| *d);
        for (_, held) in docs {
            for (x, &i) in held.iter().enumerate() {
                for &j in &held[x + 1..] {
                    push(i, j);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
