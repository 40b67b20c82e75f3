//! A streaming WARC 1.0/1.1 record reader.
//!
//! Written here rather than taken from the `warc` crate because ingest must
//! stay in bounded memory on hostile input: `warc` 0.4 grows its header buffer
//! without limit on a file with no line breaks and rejects records that lack
//! optional fields. This reader caps header size, skips the bodies it does not
//! need without buffering them, and reports the byte offset of any damage.

use std::io::{self, BufRead, Read};

/// Header block limit: real WARC headers are a few hundred bytes.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One record of interest: an HTTP response (or resource) holding a web page.
#[derive(Debug)]
pub struct WarcPage {
    /// WARC-Target-URI.
    pub uri: String,
    /// Ordinal of the record in the file, from 1.
    pub record_number: usize,
    /// HTML bytes after HTTP transfer and content decoding.
    pub body: Vec<u8>,
    /// charset from the HTTP Content-Type header.
    pub charset: Option<String>,
    /// WARC-Date, as written.
    pub warc_date: Option<String>,
}

pub struct WarcRecords<R> {
    reader: R,
    offset: u64,
    record_number: usize,
    max_body: u64,
    done: bool,
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads records from `reader`, skipping pages larger than `max_body` bytes.
    pub fn new(reader: R, max_body: u64) -> Self {
        WarcRecords {
            reader,
            offset: 0,
            record_number: 0,
            max_body,
            done: false,
        }
    }

    fn read_line(&mut self, line: &mut Vec<u8>, budget: usize) -> io::Result<usize> {
        line.clear();
        let n = (&mut self.reader)
            .take(budget as u64 + 1)
            .read_until(b'\n', line)?;
        self.offset += n as u64;
        if n > budget {
            return Err(invalid(format!(
                "header line longer than {} KB at byte {}",
                budget / 1024,
                self.offset
            )));
        }
        Ok(n)
    }

    /// The next page record, `None` at a clean end of input. After an error the
    /// iterator ends: a damaged record boundary cannot be found again reliably.
    fn next_page(&mut self) -> io::Result<Option<Result<WarcPage, String>>> {
        loop {
            let record_start = self.offset;
            let mut line = Vec::new();
            // Blank lines between records are tolerated.
            loop {
                if self.read_line(&mut line, MAX_HEADER_BYTES)? == 0 {
                    return Ok(None);
                }
                if !line.iter().all(|b| b.is_ascii_whitespace()) {
                    break;
                }
            }
            if !line.starts_with(b"WARC/") {
                return Err(invalid(format!(
                    "expected a WARC/1.x record header at byte {record_start}"
                )));
            }
            self.record_number += 1;
            let mut header_bytes = line.len();
            let mut fields: Vec<(String, String)> = Vec::new();
            loop {
                let n = self.read_line(&mut line, MAX_HEADER_BYTES)?;
                if n == 0 {
                    return Err(invalid(format!(
                        "record {} header cut short at byte {}",
                        self.record_number, self.offset
                    )));
                }
                header_bytes += n;
                if header_bytes > MAX_HEADER_BYTES {
                    return Err(invalid(format!(
                        "record {} header over 64 KB",
                        self.record_number
                    )));
                }
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end_matches(['\r', '\n']);
                if text.is_empty() {
                    break;
                }
                if let Some((k, v)) = text.split_once(':') {
                    fields.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
            let field = |name: &str| {
                fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            let length: u64 = field("content-length")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| {
                    invalid(format!(
                        "record {} has no valid Content-Length",
                        self.record_number
                    ))
                })?;
            let kind = field("warc-type").unwrap_or_default().to_ascii_lowercase();
            let wanted = matches!(kind.as_str(), "response" | "resource");
            let page = if wanted && length <= self.max_body {
                let mut block = Vec::with_capacity(length as usize);
                let got = (&mut self.reader).take(length).read_to_end(&mut block)?;
                self.offset += got as u64;
                if (got as u64) < length {
                    return Err(invalid(format!(
                        "record {} cut short: {} of {} bytes",
                        self.record_number, got, length
                    )));
                }
                let uri = field("warc-target-uri")
                    .unwrap_or_default()
                    .trim_matches(['<', '>'])
                    .to_owned();
                let content_type = field("content-type").unwrap_or_default();
                Some(page_from_block(
                    block,
                    kind == "response" || content_type.contains("application/http"),
                    uri,
                    self.record_number,
                    field("warc-date"),
                ))
            } else {
                let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())?;
                self.offset += skipped;
                if skipped < length {
                    return Err(invalid(format!(
                        "record {} cut short: {} of {} bytes",
                        self.record_number, skipped, length
                    )));
                }
                if wanted {
                    Some(Err(format!(
                        "record {} skipped: {} MB is over the {} MB page limit",
                        self.record_number,
                        length / (1024 * 1024),
                        self.max_body / (1024 * 1024)
                    )))
                } else {
                    None
                }
            };
            // Each block is followed by CRLF CRLF; tolerate bare LFs.
            let mut ending = 0;
            while ending < 4 {
                let buf = self.reader.fill_buf()?;
                match buf.first() {
                    Some(b'\r' | b'\n') => {
                        self.reader.consume(1);
                        self.offset += 1;
                        ending += 1;
                    }
                    _ => break,
                }
            }
            if let Some(page) = page {
                match page {
                    Ok(Some(p)) => return Ok(Some(Ok(p))),
                    Ok(None) => continue,
                    Err(e) => return Ok(Some(Err(e))),
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    /// A page, or a one-line reason the record (or the rest of the file) was not read.
    type Item = Result<WarcPage, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_page() {
            Ok(item) => {
                if item.is_none() {
                    self.done = true;
                }
                item
            }
            Err(e) => {
                self.done = true;
                Some(Err(format!("malformed WARC: {e}")))
            }
        }
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// Turns a response block into a page: `Ok(None)` for records that are not
/// HTML pages with a 2xx status (images, scripts, redirects), which are skipped quietly.
fn page_from_block(
    block: Vec<u8>,
    has_http_header: bool,
    uri: String,
    record_number: usize,
    warc_date: Option<String>,
) -> Result<Option<WarcPage>, String> {
    if !has_http_header {
        return Ok(Some(WarcPage {
            uri,
            record_number,
            body: block,
            charset: None,
            warc_date,
        }));
    }
    let Some(split) = crate::decode::find(&block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| crate::decode::find(&block, b"\n\n").map(|i| (i, 2)))
    else {
        return Err(format!(
            "record {record_number} ({uri}): HTTP header without an end"
        ));
    };
    let head = String::from_utf8_lossy(&block[..split.0]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            match k.as_str() {
                "content-type" => content_type = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => encoding = v,
                _ => {}
            }
        }
    }
    let is_html =
        content_type.is_empty() || content_type.contains("html") || content_type.contains("xhtml");
    if !(200..300).contains(&status) || !is_html {
        return Ok(None);
    }
    let mut body = block[split.0 + split.1..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let ok = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut out)
        };
        if ok.is_err() {
            return Err(format!(
                "record {record_number} ({uri}): body declared {encoding} but does not decompress"
            ));
        }
        body = out;
    }
    let charset = content_type.split(';').find_map(|p| {
        p.trim()
            .strip_prefix("charset=")
            .map(|c| c.trim_matches('"').to_owned())
    });
    Ok(Some(WarcPage {
        uri,
        record_number,
        body,
        charset,
        warc_date,
    }))
}

/// Decodes HTTP chunked transfer encoding; `None` if the framing is broken.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = crate::decode::find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_html_responses_and_skips_the_rest() {
        let mut file = Vec::new();
        file.extend(record("warcinfo", "", b"software: test\r\n"));
        file.extend(record(
            "request",
            "http://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        file.extend(record(
            "response",
            "http://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>One</p>",
        ));
        file.extend(record(
            "response",
            "http://a.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        file.extend(record(
            "response",
            "http://a.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>T\r\n6\r\nwo</p>\r\n0\r\n\r\n",
        ));
        let pages: Vec<_> = WarcRecords::new(&file[..], 1 << 20).collect();
        assert_eq!(pages.len(), 2, "{pages:?}");
        let first = pages[0].as_ref().unwrap();
        assert_eq!(first.uri, "http://a.example/1");
        assert_eq!(first.body, b"<p>One</p>");
        assert_eq!(first.charset.as_deref(), Some("utf-8"));
        assert_eq!(pages[1].as_ref().unwrap().body, b"<p>Two</p>");
    }

    #[test]
    fn damage_is_reported_after_the_good_records() {
        let mut file = record(
            "response",
            "http://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>One</p>",
        );
        let good_len = file.len();
        file.extend(record(
            "response",
            "http://a.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Two</p>",
        ));
        file.truncate(good_len + 150);
        let pages: Vec<_> = WarcRecords::new(&file[..], 1 << 20).collect();
        assert_eq!(pages.len(), 2);
        assert!(pages[0].is_ok());
        let err = pages[1].as_ref().unwrap_err();
        assert!(err.contains("cut short"), "{err}");

        let garbage: Vec<_> = WarcRecords::new(&b"not a warc at all"[..], 1 << 20).collect();
        assert_eq!(garbage.len(), 1);
        assert!(garbage[0].as_ref().unwrap_err().contains("expected a WARC"));
    }

    #[test]
    fn a_line_without_end_does_not_grow_memory() {
        let mut file = b"WARC/1.0\r\nWARC-Type: response\r\nX: ".to_vec();
        file.extend(std::iter::repeat_n(b'a', 200_000));
        let pages: Vec<_> = WarcRecords::new(&file[..], 1 << 20).collect();
        assert_eq!(pages.len(), 1);
        assert!(pages[0].as_ref().unwrap_err().contains("longer than"));
    }
}
