//! Small, fixed (platform-independent) hashing helpers and an identity hasher for maps whose keys
//! are already hashes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// SplitMix64 finaliser.
#[inline]
pub(crate) fn fmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// 64-bit hash of a byte string (FNV-1a, then mixed).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    fmix(h ^ (bytes.len() as u64).wrapping_mul(K2))
}

#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Combines two hashes (order matters).
#[inline]
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    fmix(a.wrapping_mul(K1) ^ b.rotate_left(29) ^ K2)
}

/// A 32-bit, never-zero feature key for template `t` with value hash `v`.
#[inline]
pub(crate) fn feat(t: u32, v: u64) -> u32 {
    let h = fmix(v ^ u64::from(t).wrapping_mul(K1).wrapping_add(K2));
    let k = (h >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

#[inline]
pub(crate) fn feat2(t: u32, a: u64, b: u64) -> u32 {
    feat(t, combine(a, b))
}

/// A hasher that passes `u64`/`u32` keys through (they are already well mixed).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(K1);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Deterministic pseudo-random numbers (SplitMix64).
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K1);
        fmix(self.0)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
