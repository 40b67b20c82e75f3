//! Synthetic event mentions with known events, for the scale benchmark
//! (`storyline bench link`) and for tests of the clustering at size.
//!
//! Each invented happening has a type, a day, a place, participants, a count
//! and a vocabulary; it is reported one to eight times (most often once or
//! twice, as in news), and each report keeps only part of it: a date of
//! coarser precision or none, a subset of the participants, sometimes a
//! different figure (the conflicts linking must tolerate), a share of the
//! words plus noise. Many happenings share a type and a week, so blocking
//! and scoring are exercised as on a busy news period.

use crate::{DayRange, Mention, PlaceKey, WeightedTerms};
use storyline_learn::Rng;
use storyline_model::event::{EventType, Modality};
use storyline_model::taxonomy;

/// `n` mentions and the gold clusters (indices into the mentions).
pub fn synthetic(n: usize, seed: u64) -> (Vec<Mention>, Vec<Vec<usize>>) {
    let mut rng = Rng::new(seed);
    let families: Vec<EventType> = EventType::ALL
        .into_iter()
        .filter(|&k| taxonomy::in_minimum_set(k))
        .collect();
    // About 1.8 reports per event, spread over two years.
    let days = 730i64.max((n / 40) as i64);
    let base = 19_723; // 2024-01-01
    let entity_pool = (n / 4).max(50) as u64;
    let vocabulary = 20_000u32;
    let mut mentions = Vec::with_capacity(n);
    let mut gold = Vec::new();
    let mut doc = 0u32;
    let mut doc_fill = 0;
    while mentions.len() < n {
        let kind = *rng.pick(&families);
        let day = base + rng.below(days as usize) as i64;
        let country = [b'A' + rng.below(20) as u8, b'A' + rng.below(26) as u8];
        let place = PlaceKey {
            country: Some(country),
            name: rng.next_u64() % 5000,
            region: None,
        };
        let people: Vec<u64> = (0..1 + rng.below(3))
            .map(|_| zipf_like(&mut rng, entity_pool))
            .collect();
        let count = if rng.chance(0.5) {
            Some(1 + rng.below(300) as u64)
        } else {
            None
        };
        let words: Vec<u32> = (0..8)
            .map(|_| rng.below(vocabulary as usize) as u32)
            .collect();
        let reports = match rng.below(10) {
            0..=4 => 1,
            5..=7 => 2,
            8 => 3 + rng.below(2),
            _ => 5 + rng.below(4),
        };
        let mut cluster = Vec::new();
        for _ in 0..reports {
            if mentions.len() >= n {
                break;
            }
            if doc_fill >= 4 || rng.chance(0.5) {
                doc += 1;
                doc_fill = 0;
            }
            doc_fill += 1;
            let date = match rng.below(10) {
                0..=4 => Some(DayRange {
                    start: day - 1,
                    end: day + 1,
                }),
                5 => {
                    let monday = day - (day + 3).rem_euclid(7);
                    Some(DayRange {
                        start: monday - 2,
                        end: monday + 8,
                    })
                }
                6 => Some(DayRange {
                    start: day - (day % 30) - 3,
                    end: day - (day % 30) + 33,
                }),
                _ => None,
            };
            let mut participants: Vec<u64> =
                people.iter().copied().filter(|_| rng.chance(0.6)).collect();
            participants.sort_unstable();
            participants.dedup();
            let count = count.map(|c| {
                let c = if rng.chance(0.2) { c + 1 + c / 5 } else { c };
                (Some(c), Some(c))
            });
            let mut terms: Vec<u32> = words.iter().copied().filter(|_| rng.chance(0.6)).collect();
            for _ in 0..4 {
                terms.push(rng.below(vocabulary as usize) as u32);
            }
            terms.sort_unstable();
            terms.dedup();
            cluster.push(mentions.len());
            mentions.push(Mention {
                doc,
                sentence: mentions.len() as u32,
                kind,
                subtype: kind,
                date,
                published: Some(day + rng.below(3) as i64),
                place: if rng.chance(0.5) { Some(place) } else { None },
                participants,
                count,
                killed: None,
                injured: None,
                modality: Modality::Asserted,
                terms: WeightedTerms::unweighted(terms),
                context: WeightedTerms::default(),
                names: vec![],
                quoted: vec![],
                repeated: false,
                trigger: kind as u32,
                action: 0,
                recent: false,
                anaphoric: false,
                told_by: None,
                date_pad: 0,
                agents: Vec::new(),
                targets: Vec::new(),
                named_people: Vec::new(),
                unnamed_group: false,
                site: Vec::new(),
            });
        }
        gold.push(cluster);
    }
    (mentions, gold)
}

/// A skewed draw from `0..pool`: a few entities are in many events.
fn zipf_like(rng: &mut Rng, pool: u64) -> u64 {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    ((pool as f64).powf(u) as u64).min(pool - 1)
}
