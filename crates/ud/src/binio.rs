//! Compact binary encoding shared by the model files: a magic tag, a format version and a
//! deflate-compressed body of varints and length-prefixed strings.

use std::io::{Read, Write};

use crate::Error;

pub struct Enc {
    pub buf: Vec<u8>,
}

impl Enc {
    pub fn new() -> Enc {
        Enc { buf: Vec::new() }
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
    pub fn zig(&mut self, v: i64) {
        self.var(((v << 1) ^ (v >> 63)) as u64);
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

pub struct Dec<'a> {
    buf: &'a [u8],
    pos: usize,
}

fn bad(msg: &str) -> Error {
    Error::Format(msg.to_string())
}

impl<'a> Dec<'a> {
    pub fn new(buf: &'a [u8]) -> Dec<'a> {
        Dec { buf, pos: 0 }
    }
    pub fn u8(&mut self) -> Result<u8, Error> {
        let b = *self
            .buf
            .get(self.pos)
            .ok_or_else(|| bad("truncated model data"))?;
        self.pos += 1;
        Ok(b)
    }
    pub fn var(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift >= 64 {
                return Err(bad("varint too long"));
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    pub fn usize(&mut self) -> Result<usize, Error> {
        Ok(self.var()? as usize)
    }
    pub fn zig(&mut self) -> Result<i64, Error> {
        let v = self.var()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    pub fn f32(&mut self) -> Result<f32, Error> {
        let end = self.pos + 4;
        let b = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| bad("truncated model data"))?;
        self.pos = end;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn str(&mut self) -> Result<String, Error> {
        let n = self.usize()?;
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| bad("bad string length"))?;
        let b = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| bad("truncated model data"))?;
        self.pos = end;
        String::from_utf8(b.to_vec()).map_err(|_| bad("string is not UTF-8"))
    }
    pub fn done(&self) -> Result<(), Error> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(bad("trailing bytes in model data"))
        }
    }
}

/// `magic` (8 bytes) + version (u32 LE) + deflated body.
pub fn wrap(magic: &[u8; 8], version: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 3 + 16);
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::new(6));
    enc.write_all(body).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// Checks magic and version and returns the inflated body.
pub fn unwrap(magic: &[u8; 8], version: u32, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.len() < 12 || &bytes[..8] != magic {
        return Err(Error::Format(format!(
            "not a {} model file",
            String::from_utf8_lossy(magic).trim_end_matches('\0')
        )));
    }
    let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if v != version {
        return Err(Error::Format(format!(
            "model format version {v}, this build reads version {version}"
        )));
    }
    let mut body = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[12..])
        .read_to_end(&mut body)
        .map_err(|e| Error::Format(format!("corrupt model data: {e}")))?;
    Ok(body)
}
