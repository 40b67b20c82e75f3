//! Deterministic hashing for feature keys (no per-process random state).

/// splitmix64 finaliser.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of a string (FNV-1a, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Combines two hashes (order matters).
#[inline]
pub fn pair(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(29) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Combines three hashes.
#[inline]
pub fn triple(a: u64, b: u64, c: u64) -> u64 {
    pair(pair(a, b), c)
}

/// Feature key for template `t` with value hash `v`: 32 bits, never 0 (0 marks empty slots).
#[inline]
pub fn key(t: u32, v: u64) -> u32 {
    let x = mix(v ^ ((t as u64) + 1).wrapping_mul(0xd6e8_feb8_6659_fd93));
    let k = ((x >> 32) as u32) ^ (x as u32);
    if k == 0 {
        1
    } else {
        k
    }
}

/// A `Hasher` for keys that are already well mixed hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.0 = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = mix(i);
    }
}

pub type IdBuild = std::hash::BuildHasherDefault<IdHasher>;
pub type IdMap<K, V> = std::collections::HashMap<K, V, IdBuild>;

/// Deterministic hasher for string keys (FNV-style).
#[derive(Clone, Copy)]
pub struct StrHasher(u64);

impl Default for StrHasher {
    fn default() -> Self {
        StrHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for StrHasher {
    #[inline]
    fn finish(&self) -> u64 {
        mix(self.0)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

pub type StrMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<StrHasher>>;
pub type StrSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<StrHasher>>;
