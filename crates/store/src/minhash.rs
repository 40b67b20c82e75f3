//! MinHash signatures over word 5-shingles, with LSH banding, to find
//! near-duplicate documents (one wire story in two outlets) in about
//! constant time per document instead of comparing against every stored text.

/// Bands × rows = hashes per signature. With 3 rows per band, a pair whose
/// shingle overlap (Jaccard) is 0.5 shares a band with probability 0.97, a
/// pair at 0.2 with probability 0.19; candidates are then checked on the full signature.
pub const BANDS: usize = 27;
pub const ROWS: usize = 3;
pub const HASHES: usize = BANDS * ROWS;
const SHINGLE: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Signature {
    pub fn of_text(text: &str) -> Signature {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut mins = [u32::MAX; HASHES];
        let width = SHINGLE.min(words.len().max(1));
        for shingle in words.windows(width) {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for w in shingle {
                h = fnv(w.as_bytes(), h);
                h = fnv(b" ", h);
            }
            for (i, m) in mins.iter_mut().enumerate() {
                let v = (mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Signature(mins)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }

    /// Estimated Jaccard overlap of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// One hash per band: documents sharing any band value are candidates.
    pub fn band_hashes(&self) -> [u64; BANDS] {
        let mut out = [0u64; BANDS];
        for (b, chunk) in self.0.chunks_exact(ROWS).enumerate() {
            let mut h = 0xcbf2_9ce4_8422_2325u64 ^ b as u64;
            for v in chunk {
                h = fnv(&v.to_le_bytes(), h);
            }
            // SQLite integers are signed 64-bit; keep the values in range as stored.
            out[b] = h >> 1;
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut out = [0u32; HASHES];
        for (i, c) in bytes.chunks_exact(4).enumerate() {
            out[i] = u32::from_le_bytes(c.try_into().ok()?);
        }
        Some(Signature(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Police in the port city detained twelve members of an alleged spy network on Monday, \
        the interior ministry said, adding that the suspects had passed military secrets to a foreign state \
        over several years. Lawyers for two of the men said their clients denied the charges and had been \
        held without access to counsel for more than two days. The ministry said further arrests were likely \
        as investigators examined documents seized in the raids on homes and offices across the city.";

    #[test]
    fn retold_story_is_similar_and_a_different_one_is_not() {
        let edited = STORY
            .replace("twelve", "14")
            .replace("Lawyers for two of the men", "A lawyer for one suspect");
        let a = Signature::of_text(STORY);
        let b = Signature::of_text(&edited);
        let c = Signature::of_text("The central bank raised interest rates by half a point on Thursday, \
            its third increase this year, citing inflation that has stayed above target since the spring.");
        assert!(a.similarity(&b) > 0.5, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1);
        assert!(a
            .band_hashes()
            .iter()
            .zip(b.band_hashes().iter())
            .any(|(x, y)| x == y));
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(
            Signature::of_text("").similarity(&Signature::of_text("")),
            0.0
        );
    }
}
