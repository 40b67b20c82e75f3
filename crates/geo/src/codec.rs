//! The model file: a small binary format, gzip-compressed.
//!
//! Layout of the uncompressed payload (all integers little-endian, strings as a LEB128 length
//! followed by UTF-8 bytes, lists as a LEB128 count followed by the items):
//!
//! ```text
//! magic "SLGEO" version:u8
//! countries: [iso2 name aliases:[str] geonameid:u32 population:u64 coord? capital_name]
//! admin1:    [code country:u16 name ascii aliases:[str] geonameid:u32 population:u64 coord?
//!             largest_city:opt-u32]
//! features:  [str]                                   (distinct feature codes)
//! cities:    [geonameid:u32 name ascii alternates:[str] country:u16 admin1:opt-u32
//!             lat:i32 lon:i32 population:u32 feature:u8 flags:u8]
//! demonyms:  [word country:u16]
//! ```
//!
//! `coord?` is a presence byte followed by two i32; `opt-u32` is a LEB128 value where 0 means
//! none and n + 1 means n. The gzip header carries no timestamp or name, so the same
//! gazetteer always gives the same bytes.

use std::io::{Read, Write};

use crate::data::{Admin1, City, Coord, Country, Demonym};

const MAGIC: &[u8; 5] = b"SLGEO";
const VERSION: u8 = 1;
/// Refuse to inflate more than this (the payload is a few MB); guards against gzip bombs.
const MAX_PAYLOAD: u64 = 256 << 20;

/// The stored content of a gazetteer, without its derived indexes.
pub(crate) struct Tables {
    pub countries: Vec<Country>,
    pub admin1: Vec<Admin1>,
    pub cities: Vec<City>,
    pub demonyms: Vec<Demonym>,
}

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn var(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.var(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }
    fn coord(&mut self, c: Option<Coord>) {
        match c {
            Some((lat, lon)) => {
                self.u8(1);
                self.i32(lat);
                self.i32(lon);
            }
            None => self.u8(0),
        }
    }
    fn opt(&mut self, v: Option<u32>) {
        self.var(v.map_or(0, |v| u64::from(v) + 1));
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| format!("gazetteer model truncated at byte {}", self.pos))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> Result<i32, String> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn var(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("gazetteer model: bad varint at byte {}", self.pos))
    }
    fn len(&mut self) -> Result<usize, String> {
        let n = self.var()?;
        // Every item takes at least one byte: a count beyond the remaining bytes is corrupt.
        if n > (self.data.len() - self.pos) as u64 {
            return Err(format!(
                "gazetteer model: bad length {n} at byte {}",
                self.pos
            ));
        }
        Ok(n as usize)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.len()?;
        let at = self.pos;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| format!("gazetteer model: bad UTF-8 at byte {at}"))
    }
    fn strs(&mut self) -> Result<Vec<String>, String> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn coord(&mut self) -> Result<Option<Coord>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some((self.i32()?, self.i32()?))),
            b => Err(format!("gazetteer model: bad coordinate tag {b}")),
        }
    }
    fn opt(&mut self) -> Result<Option<u32>, String> {
        match self.var()? {
            0 => Ok(None),
            v => u32::try_from(v - 1)
                .map(Some)
                .map_err(|_| format!("gazetteer model: index {v} out of range")),
        }
    }
}

/// Serializes and compresses the tables.
pub(crate) fn encode(t: &Tables) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    w.buf.extend_from_slice(MAGIC);
    w.u8(VERSION);
    w.var(t.countries.len() as u64);
    for c in &t.countries {
        w.str(&c.iso2);
        w.str(&c.name);
        w.strs(&c.aliases);
        w.u32(c.geonameid);
        w.u64(c.population);
        w.coord(c.coord);
        w.str(&c.capital_name);
    }
    w.var(t.admin1.len() as u64);
    for a in &t.admin1 {
        w.str(&a.code);
        w.u16(a.country);
        w.str(&a.name);
        w.str(&a.ascii);
        w.strs(&a.aliases);
        w.u32(a.geonameid);
        w.u64(a.population);
        w.coord(a.coord);
        w.opt(a.largest_city);
    }
    let mut features: Vec<String> = t.cities.iter().map(|c| c.feature.clone()).collect();
    features.sort();
    features.dedup();
    w.strs(&features);
    w.var(t.cities.len() as u64);
    for c in &t.cities {
        w.u32(c.geonameid);
        w.str(&c.name);
        w.str(&c.ascii);
        w.strs(&c.alternates);
        w.u16(c.country);
        w.opt(c.admin1);
        w.i32(c.coord.0);
        w.i32(c.coord.1);
        w.u32(c.population);
        // At most 256 distinct codes are checked by `Tables::validate` before encoding.
        let f = features.binary_search(&c.feature).unwrap_or(0);
        w.u8(f as u8);
        w.u8(c.flags);
    }
    w.var(t.demonyms.len() as u64);
    for d in &t.demonyms {
        w.str(&d.word);
        w.u16(d.country);
    }
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&w.buf);
    gz.finish().unwrap_or_default()
}

/// Decompresses and parses a model file, checking every index.
pub(crate) fn decode(bytes: &[u8]) -> Result<Tables, String> {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return Err("not a gazetteer model (no gzip header)".to_string());
    }
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_PAYLOAD)
        .read_to_end(&mut raw)
        .map_err(|e| format!("gazetteer model: {e}"))?;
    let mut r = Reader { data: &raw, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not a gazetteer model (bad magic)".to_string());
    }
    let version = r.u8()?;
    if version != VERSION {
        return Err(format!(
            "gazetteer model version {version}, expected {VERSION}"
        ));
    }
    let n = r.len()?;
    let mut countries = Vec::with_capacity(n);
    for _ in 0..n {
        countries.push(Country {
            iso2: r.str()?,
            name: r.str()?,
            aliases: r.strs()?,
            geonameid: r.u32()?,
            population: r.u64()?,
            coord: r.coord()?,
            capital_name: r.str()?,
        });
    }
    let n = r.len()?;
    let mut admin1 = Vec::with_capacity(n);
    for _ in 0..n {
        admin1.push(Admin1 {
            code: r.str()?,
            country: r.u16()?,
            name: r.str()?,
            ascii: r.str()?,
            aliases: r.strs()?,
            geonameid: r.u32()?,
            population: r.u64()?,
            coord: r.coord()?,
            largest_city: r.opt()?,
        });
    }
    let features = r.strs()?;
    let n = r.len()?;
    let mut cities = Vec::with_capacity(n);
    for _ in 0..n {
        let geonameid = r.u32()?;
        let name = r.str()?;
        let ascii = r.str()?;
        let alternates = r.strs()?;
        let country = r.u16()?;
        let admin = r.opt()?;
        let coord = (r.i32()?, r.i32()?);
        let population = r.u32()?;
        let f = usize::from(r.u8()?);
        let feature = features
            .get(f)
            .cloned()
            .ok_or_else(|| format!("gazetteer model: feature code {f} out of range"))?;
        let flags = r.u8()?;
        cities.push(City {
            geonameid,
            name,
            ascii,
            alternates,
            country,
            admin1: admin,
            coord,
            population,
            feature,
            flags,
        });
    }
    let n = r.len()?;
    let mut demonyms = Vec::with_capacity(n);
    for _ in 0..n {
        demonyms.push(Demonym {
            word: r.str()?,
            country: r.u16()?,
        });
    }
    if r.pos != raw.len() {
        return Err(format!(
            "gazetteer model: {} trailing bytes",
            raw.len() - r.pos
        ));
    }
    let t = Tables {
        countries,
        admin1,
        cities,
        demonyms,
    };
    t.validate()?;
    Ok(t)
}

impl Tables {
    /// Checks that every cross-reference points inside its table, so that lookups can index
    /// without further checks.
    pub(crate) fn validate(&self) -> Result<(), String> {
        let nc = self.countries.len();
        let na = self.admin1.len();
        let ny = self.cities.len();
        if nc > usize::from(u16::MAX) || ny >= 1 << 29 || na >= 1 << 29 {
            return Err("gazetteer model: too many entries".to_string());
        }
        let bad = |what: &str, i: usize| {
            Err(format!(
                "gazetteer model: bad {what} reference in entry {i}"
            ))
        };
        for (i, a) in self.admin1.iter().enumerate() {
            if usize::from(a.country) >= nc {
                return bad("country", i);
            }
            if a.largest_city.is_some_and(|c| c as usize >= ny) {
                return bad("city", i);
            }
        }
        for (i, c) in self.cities.iter().enumerate() {
            if usize::from(c.country) >= nc {
                return bad("country", i);
            }
            if c.admin1.is_some_and(|a| a as usize >= na) {
                return bad("admin1", i);
            }
        }
        for (i, d) in self.demonyms.iter().enumerate() {
            if usize::from(d.country) >= nc {
                return bad("country", i);
            }
        }
        let mut features: Vec<&str> = self.cities.iter().map(|c| c.feature.as_str()).collect();
        features.sort_unstable();
        features.dedup();
        if features.len() > 256 {
            return Err("gazetteer model: more than 256 feature codes".to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input_without_panicking() {
        assert!(decode(b"").is_err());
        assert!(decode(b"hello world").is_err());
        assert!(decode(&[0x1f, 0x8b, 0, 0]).is_err());
        // A valid gzip stream holding garbage.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = gz.write_all(b"SLGEO\x01\xff\xff\xff\xff\x0f");
        let bytes = gz.finish().unwrap_or_default();
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn round_trips_a_small_table() {
        let t = Tables {
            countries: vec![Country {
                iso2: "MD".into(),
                name: "Moldova".into(),
                aliases: vec!["Republic of Moldova".into()],
                geonameid: 617790,
                population: 2_640_438,
                coord: Some((470_056, 288_575)),
                capital_name: "Chisinau".into(),
            }],
            admin1: vec![],
            cities: vec![City {
                geonameid: 618426,
                name: "Chișinău".into(),
                ascii: "Chisinau".into(),
                alternates: vec!["Kishinev".into()],
                country: 0,
                admin1: None,
                coord: (470_056, 288_575),
                population: 635_994,
                feature: "PPLC".into(),
                flags: crate::data::CAPITAL,
            }],
            demonyms: vec![Demonym {
                word: "Moldovan".into(),
                country: 0,
            }],
        };
        let bytes = encode(&t);
        let back = decode(&bytes);
        assert!(back.is_ok());
        if let Ok(b) = back {
            assert_eq!(b.countries, t.countries);
            assert_eq!(b.cities, t.cities);
            assert_eq!(b.demonyms, t.demonyms);
        }
        // Every truncation is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err());
        }
    }
}
