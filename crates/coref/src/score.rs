//! Coreference metrics: MUC, B³, CEAF-e and their CoNLL average, computed the way the
//! reference scorer (v8) does with gold mentions: singletons are kept in both key and
//! response, a mention missing from the response counts as a response singleton.
//!
//! Clusters are given as lists of mention indices; a mention is any `usize` (callers map
//! `(doc, m_id)` to indices).

use std::collections::HashMap;

/// Precision, recall and F1, as fractions in `[0, 1]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

impl Prf {
    fn from_ratio(p_num: f64, p_den: f64, r_num: f64, r_den: f64) -> Prf {
        let p = if p_den > 0.0 { p_num / p_den } else { 0.0 };
        let r = if r_den > 0.0 { r_num / r_den } else { 0.0 };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f1 }
    }
}

/// The three metrics and the CoNLL F1 (mean of their F1s).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
    pub conll_f1: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = |f: &mut std::fmt::Formatter<'_>, name: &str, m: &Prf| {
            writeln!(
                f,
                "{name:<7} R {:6.2}  P {:6.2}  F1 {:6.2}",
                100.0 * m.r,
                100.0 * m.p,
                100.0 * m.f1
            )
        };
        line(f, "MUC", &self.muc)?;
        line(f, "B3", &self.b3)?;
        line(f, "CEAF-e", &self.ceafe)?;
        write!(f, "CoNLL F1 {:.2}", 100.0 * self.conll_f1)
    }
}

/// Scores `response` against `key` exactly as the reference scorer does: a key mention absent
/// from the response (or the reverse) is "twinless": it counts as its own MUC partition,
/// adds nothing to the B³ numerators and belongs to no aligned CEAF entity. With gold mentions
/// every mention is in both, so callers should give every mention a cluster.
pub fn score_clusters(key: &[Vec<usize>], response: &[Vec<usize>]) -> Scores {
    let key: Vec<Vec<usize>> = key.iter().filter(|c| !c.is_empty()).cloned().collect();
    let response: Vec<Vec<usize>> = response.iter().filter(|c| !c.is_empty()).cloned().collect();
    let muc = muc(&key, &response);
    let b3 = b_cubed(&key, &response);
    let ceafe = ceaf_e(&key, &response);
    Scores {
        muc,
        b3,
        ceafe,
        conll_f1: (muc.f1 + b3.f1 + ceafe.f1) / 3.0,
    }
}

fn cluster_of(clusters: &[Vec<usize>]) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        for &x in c {
            m.insert(x, i);
        }
    }
    m
}

/// MUC (Vilain et al. 1995): links. Recall counts, for each key cluster K, |K| minus the number
/// of response clusters K is split into (a mention absent from the response is its own part),
/// over Σ(|K| − 1). Precision swaps the roles.
pub fn muc(key: &[Vec<usize>], response: &[Vec<usize>]) -> Prf {
    let side = |a: &[Vec<usize>], b: &[Vec<usize>]| -> (f64, f64) {
        let of = cluster_of(b);
        let (mut num, mut den) = (0.0, 0.0);
        for c in a {
            let mut parts = std::collections::HashSet::new();
            let mut unmatched = 0usize;
            for x in c {
                match of.get(x) {
                    Some(&p) => {
                        parts.insert(p);
                    }
                    None => unmatched += 1,
                }
            }
            num += (c.len() - parts.len() - unmatched) as f64;
            den += (c.len() - 1) as f64;
        }
        (num, den)
    };
    let (rn, rd) = side(key, response);
    let (pn, pd) = side(response, key);
    Prf::from_ratio(pn, pd, rn, rd)
}

/// Overlap counts between every key cluster and the response clusters it meets.
fn overlaps(key: &[Vec<usize>], response: &[Vec<usize>]) -> Vec<HashMap<usize, usize>> {
    let of = cluster_of(response);
    key.iter()
        .map(|c| {
            let mut m = HashMap::new();
            for x in c {
                if let Some(&r) = of.get(x) {
                    *m.entry(r).or_insert(0) += 1;
                }
            }
            m
        })
        .collect()
}

/// B³ (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters, averaged
/// over mentions: recall Σ_K Σ_R |K∩R|²/|K| / Σ|K|, precision Σ_R Σ_K |K∩R|²/|R| / Σ|R|.
pub fn b_cubed(key: &[Vec<usize>], response: &[Vec<usize>]) -> Prf {
    let ov = overlaps(key, response);
    let (mut rn, mut pn) = (0.0, 0.0);
    for (k, m) in key.iter().zip(&ov) {
        for (&r, &n) in m {
            let n2 = (n * n) as f64;
            rn += n2 / k.len() as f64;
            pn += n2 / response[r].len() as f64;
        }
    }
    let rd: usize = key.iter().map(Vec::len).sum();
    let pd: usize = response.iter().map(Vec::len).sum();
    Prf::from_ratio(pn, pd as f64, rn, rd as f64)
}

/// CEAF-e (Luo 2005) with φ4(K, R) = 2|K∩R| / (|K| + |R|): the best one-to-one alignment of
/// key and response clusters (Kuhn–Munkres) gives Φ; recall Φ/|key|, precision Φ/|response|.
/// The alignment is solved separately on each connected group of overlapping clusters, which
/// gives the same optimum (clusters that share no mention have similarity 0) at a fraction of
/// the cost.
pub fn ceaf_e(key: &[Vec<usize>], response: &[Vec<usize>]) -> Prf {
    let ov = overlaps(key, response);
    // Connected components of the bipartite overlap graph: nodes 0..nk keys, nk.. responses.
    let nk = key.len();
    let mut parent: Vec<usize> = (0..nk + response.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (k, m) in ov.iter().enumerate() {
        for &r in m.keys() {
            let (a, b) = (find(&mut parent, k), find(&mut parent, nk + r));
            parent[a] = b;
        }
    }
    let mut groups: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for k in 0..nk {
        let g = find(&mut parent, k);
        groups.entry(g).or_default().0.push(k);
    }
    for r in 0..response.len() {
        let g = find(&mut parent, nk + r);
        groups.entry(g).or_default().1.push(r);
    }
    let mut total = 0.0;
    for (ks, rs) in groups.values() {
        if ks.is_empty() || rs.is_empty() {
            continue;
        }
        let sim: Vec<Vec<f64>> = ks
            .iter()
            .map(|&k| {
                rs.iter()
                    .map(|&r| {
                        let n = *ov[k].get(&r).unwrap_or(&0) as f64;
                        2.0 * n / (key[k].len() + response[r].len()) as f64
                    })
                    .collect()
            })
            .collect();
        total += max_assignment(&sim);
    }
    Prf::from_ratio(total, response.len() as f64, total, key.len() as f64)
}

/// Maximum-weight one-to-one assignment in a (possibly rectangular) matrix of non-negative
/// weights: the Hungarian method with row and column potentials, O(n²m). Returns the total
/// weight of the best assignment.
pub fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let rows = w.len();
    if rows == 0 {
        return 0.0;
    }
    let cols = w[0].len();
    if cols == 0 {
        return 0.0;
    }
    // Work with n ≤ m (rows ≤ columns): transpose when there are more rows, and minimise
    // the negated weights.
    let c: Vec<Vec<f64>> = if rows <= cols {
        w.iter().map(|r| r.iter().map(|x| -x).collect()).collect()
    } else {
        (0..cols)
            .map(|j| w.iter().map(|r| -r[j]).collect())
            .collect()
    };
    let (n, m) = (c.len(), c[0].len());
    let cost = |i: usize, j: usize| c[i][j];
    // 1-based arrays; column 0 is a virtual start.
    let inf = f64::INFINITY;
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; m + 1];
    let mut assigned = vec![0usize; m + 1]; // assigned[j] = row matched to column j
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        assigned[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = assigned[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[assigned[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if assigned[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            assigned[j0] = assigned[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=m)
        .filter(|&j| assigned[j] != 0)
        .map(|j| -cost(assigned[j] - 1, j - 1))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // The worked example of Pradhan et al. (2014), "Scoring coreference partitions of predicted
    // mentions": key {a b c} {d e f g}, response {a b} {c d} {f g h i}; a..i = 0..8. Mention e
    // is missing from the response, h and i from the key. The paper reports MUC 0.40/0.40,
    // B³ R 0.42 P 0.50, CEAF-e R 0.65 P 0.43; the exact fractions are derived below.
    fn example() -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        (
            vec![vec![0, 1, 2], vec![3, 4, 5, 6]],
            vec![vec![0, 1], vec![2, 3], vec![5, 6, 7, 8]],
        )
    }

    #[test]
    fn muc_by_hand() {
        let (k, r) = example();
        let s = muc(&k, &r);
        // Recall: {abc} → parts {ab},{cd}: 3−2 = 1; {defg} → {cd}, e (twinless, own part),
        // {fghi}: 4−3 = 1. 2 / (2 + 3).
        assert!(close(s.r, 0.4));
        // Precision: {ab} → 1; {cd} → 2 parts → 0; {fghi} → {defg}, h, i → 1. 2 / (1+1+3).
        assert!(close(s.p, 0.4));
        assert!(close(s.f1, 0.4));
    }

    #[test]
    fn b_cubed_by_hand() {
        let (k, r) = example();
        let s = b_cubed(&k, &r);
        // Recall: a,b 2/3; c 1/3; d 1/4; e 0; f,g 2/4 → 35/12 over 7 key mentions.
        assert!(close(s.r, 35.0 / 84.0));
        // Precision: a,b 1; c,d 1/2; f,g 2/4; h,i 0 → 4 over 8 response mentions.
        assert!(close(s.p, 0.5));
    }

    #[test]
    fn ceaf_e_by_hand() {
        let (k, r) = example();
        let s = ceaf_e(&k, &r);
        // φ4: {abc}-{ab} 4/5, {abc}-{cd} 2/5, {defg}-{cd} 2/6, {defg}-{fghi} 4/8.
        // Best alignment {abc}-{ab} + {defg}-{fghi} = 1.3; recall over 2 keys, precision
        // over 3 responses.
        assert!(close(s.r, 0.65));
        assert!(close(s.p, 1.3 / 3.0));
        let all = score_clusters(&k, &r);
        let f = |p: f64, r: f64| 2.0 * p * r / (p + r);
        let expect = (0.4 + f(0.5, 35.0 / 84.0) + f(1.3 / 3.0, 0.65)) / 3.0;
        assert!(close(all.conll_f1, expect));
    }

    #[test]
    fn perfect_and_singletons() {
        let k = vec![vec![0, 1, 2], vec![3], vec![4, 5]];
        let s = score_clusters(&k, &k);
        assert!(close(s.conll_f1, 1.0));
        // All singletons: MUC 0 (no links), B³ precision 1, recall (1/3·3 + 1 + 1/2·2)/6 = 1/2.
        let single: Vec<Vec<usize>> = (0..6).map(|i| vec![i]).collect();
        let s = score_clusters(&k, &single);
        assert!(close(s.muc.f1, 0.0));
        assert!(close(s.b3.p, 1.0));
        assert!(close(s.b3.r, 0.5));
        // CEAF-e: each key cluster aligned to one of its singletons: 2/4 + 1 + 2/3 = 13/6;
        // recall over 3 keys, precision over 6 responses.
        assert!(close(s.ceafe.r, 13.0 / 18.0));
        assert!(close(s.ceafe.p, 13.0 / 36.0));
    }

    #[test]
    fn hungarian_finds_the_global_optimum() {
        // Greedy would take 0.9 then 0.1; the optimum is 0.8 + 0.7.
        let w = vec![vec![0.9, 0.8], vec![0.7, 0.1]];
        assert!(close(max_assignment(&w), 1.5));
        // Rectangular both ways.
        let w = vec![vec![0.2, 0.9, 0.4]];
        assert!(close(max_assignment(&w), 0.9));
        let w = vec![vec![0.2], vec![0.9], vec![0.4]];
        assert!(close(max_assignment(&w), 0.9));
        let w = vec![
            vec![1.0, 2.0, 3.0],
            vec![2.0, 4.0, 6.0],
            vec![3.0, 6.0, 9.0],
        ];
        // Anti-diagonal assignments tie with the diagonal at 14: 3+4+3=10, 1+4+9=14.
        assert!(close(max_assignment(&w), 14.0));
    }
}
