//! Learning primitives shared by storyline's statistical models.
//!
//! A binary logistic-regression classifier over hashed string features, small
//! enough to train in seconds and to ship as a quantized weight table (`i16`
//! per bucket plus one scale); a stable feature hash; a seeded generator so
//! that training is reproducible.

/// Number of hash buckets (2^18): plenty for the few thousand distinct cues a
/// block classifier sees, and 512 KB as `i16`.
pub const BUCKETS: usize = 1 << 18;

const MAGIC: &[u8; 8] = b"SLLOGR01";

/// FNV-1a, 64-bit: stable across platforms and releases, unlike `std`'s hasher.
pub fn hash_feature(s: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % BUCKETS as u64) as u32
}

#[derive(Debug, Clone)]
pub struct LogisticModel {
    weights: Vec<f32>,
    bias: f32,
}

impl LogisticModel {
    pub fn zeros() -> Self {
        LogisticModel {
            weights: vec![0.0; BUCKETS],
            bias: 0.0,
        }
    }

    /// Probability of the positive class for a set of feature buckets.
    pub fn predict(&self, features: &[u32]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .map(|&f| self.weights[f as usize])
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Trains with AdaGrad on `examples` (features, label) for `epochs` passes
    /// in the given order (the caller shuffles with its own seed).
    pub fn train(examples: &[(Vec<u32>, bool)], epochs: usize, l2: f32, rate: f32) -> Self {
        let mut model = LogisticModel::zeros();
        let mut g2 = vec![1e-6f32; BUCKETS];
        let mut g2_bias = 1e-6f32;
        for _ in 0..epochs {
            for (features, label) in examples {
                let p = model.predict(features);
                let grad = p - if *label { 1.0 } else { 0.0 };
                for &f in features {
                    let f = f as usize;
                    let g = grad + l2 * model.weights[f];
                    g2[f] += g * g;
                    model.weights[f] -= rate * g / g2[f].sqrt();
                }
                g2_bias += grad * grad;
                model.bias -= rate * grad / g2_bias.sqrt();
            }
        }
        model
    }

    /// Serialises as magic, bias (f32), scale (f32), then one i16 per bucket.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let mut out = Vec::with_capacity(16 + BUCKETS * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() != 16 + BUCKETS * 2 || &bytes[..8] != MAGIC {
            return Err("not a storyline logistic model (wrong size or magic)".into());
        }
        let f32_at = |i: usize| f32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let (bias, scale) = (f32_at(8), f32_at(12));
        let weights = bytes[16..]
            .chunks_exact(2)
            .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
            .collect();
        Ok(LogisticModel { weights, bias })
    }
}

/// A small deterministic generator (SplitMix64) for shuffling and synthesis,
/// so training is reproducible from a seed without an extra dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_and_survives_quantization() {
        let mut rng = Rng::new(7);
        let mut examples = Vec::new();
        for _ in 0..2000 {
            let positive = rng.chance(0.5);
            let cue = if positive { "cue=yes" } else { "cue=no" };
            let noise = format!("noise={}", rng.below(50));
            examples.push((vec![hash_feature(cue), hash_feature(&noise)], positive));
        }
        let model = LogisticModel::train(&examples, 3, 1e-6, 0.2);
        let yes = [hash_feature("cue=yes"), hash_feature("noise=3")];
        let no = [hash_feature("cue=no"), hash_feature("noise=3")];
        assert!(model.predict(&yes) > 0.9);
        assert!(model.predict(&no) < 0.1);
        let back = LogisticModel::from_bytes(&model.to_bytes()).unwrap();
        assert!((back.predict(&yes) - model.predict(&yes)).abs() < 0.01);
        assert!(LogisticModel::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn rng_is_deterministic() {
        let a: Vec<u64> = (0..5)
            .scan(Rng::new(1), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(Rng::new(1), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
    }
}
