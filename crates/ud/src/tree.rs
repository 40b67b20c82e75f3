//! Dependency tree utilities. Heads are given per word, 1-based (index `i` holds the head of
//! word `i + 1`), with 0 meaning the root.

/// True if `heads` forms a tree: every head is in range, exactly one word hangs from the root
/// and there are no cycles.
pub fn is_well_formed(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().any(|&h| h > n) {
        return false;
    }
    if heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    // Every word must reach the root within n steps.
    let mut state = vec![0u8; n + 1]; // 0 unknown, 1 in progress, 2 reaches root
    state[0] = 2;
    for start in 1..=n {
        let mut path = Vec::new();
        let mut cur = start;
        while state[cur] == 0 {
            state[cur] = 1;
            path.push(cur);
            cur = heads[cur - 1];
            if cur == start || state[cur] == 1 {
                return false;
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    true
}

/// True if `h` dominates `d` (following heads upwards from `d` reaches `h`).
fn dominates(heads: &[usize], h: usize, mut d: usize) -> bool {
    let mut steps = 0;
    while d != 0 && steps <= heads.len() {
        if d == h {
            return true;
        }
        d = heads[d - 1];
        steps += 1;
    }
    h == 0
}

/// True if the arc into word `d` is projective: its head dominates every word between them.
fn arc_is_projective(heads: &[usize], d: usize) -> bool {
    let h = heads[d - 1];
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).all(|k| dominates(heads, h, k))
}

/// True if the tree has no crossing arcs.
pub fn is_projective(heads: &[usize]) -> bool {
    (1..=heads.len()).all(|d| arc_is_projective(heads, d))
}

/// Makes a well-formed tree projective by lifting non-projective arcs (re-attaching the
/// dependent to its head's head), shortest arcs first, until none is left. Labels are kept.
/// Returns how many lifts were made.
pub fn projectivize(heads: &mut [usize]) -> usize {
    let mut lifts = 0;
    loop {
        let mut best: Option<(usize, usize)> = None; // (length, dependent)
        for d in 1..=heads.len() {
            let h = heads[d - 1];
            if h == 0 {
                continue;
            }
            if !arc_is_projective(heads, d) {
                let len = h.abs_diff(d);
                if best.is_none_or(|(l, _)| len < l) {
                    best = Some((len, d));
                }
            }
        }
        match best {
            None => return lifts,
            Some((_, d)) => {
                let h = heads[d - 1];
                heads[d - 1] = heads[h - 1];
                lifts += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed() {
        assert!(is_well_formed(&[2, 0, 2]));
        assert!(!is_well_formed(&[0, 0, 2])); // two roots
        assert!(!is_well_formed(&[2, 3, 2])); // cycle, no root
        assert!(!is_well_formed(&[2, 0, 4, 3])); // cycle
        assert!(!is_well_formed(&[2, 0, 9])); // out of range
        assert!(!is_well_formed(&[]));
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[2, 0, 2]));
        // 1 <- 3, 2 <- 4 crossing: heads: w1->3, w2->4? build: root=3, 1->3, 2->4, 4->3... arc (4,2)
        // spans 3 which 4 does not dominate.
        let mut h = vec![3, 4, 0, 1];
        assert!(!is_projective(&h));
        let lifts = projectivize(&mut h);
        assert!(lifts >= 1);
        assert!(is_projective(&h));
        assert!(is_well_formed(&h));
    }
}
