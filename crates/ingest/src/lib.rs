//! Reading inputs into raw records.
//!
//! Input is files, folders (walked recursively) or standard input, in any of
//! plain text, Markdown, HTML, JSON Lines, WARC, RSS, Atom or JSON Feed, each
//! optionally gzip-compressed. [`read_input`] streams one input and hands every
//! record (one future document) or failure to a callback, so that a multi-GB
//! WARC never sits in memory and one bad record never stops the others.
//!
//! This crate knows nothing of boilerplate, metadata heuristics or storage:
//! it turns bytes into text plus the metadata the container states.

pub mod decode;
pub mod sniff;
pub mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use storyline_model::Format;

use crate::sniff::Sniffed;

/// Size limits that keep memory bounded on hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest single document (a file, a JSON line, a WARC record, a feed), decompressed.
    pub max_document_bytes: u64,
    /// Longest line of plain text: article paragraphs are far shorter.
    pub max_text_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 16 * 1024 * 1024,
            max_text_line_bytes: 1024 * 1024,
        }
    }
}

/// The body of a record as the input holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Html(String),
}

/// Metadata the container states outright (JSON fields, feed elements).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    pub title: Option<String>,
    pub url: Option<String>,
    /// A publication date or timestamp as written.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Fields with no slot above, kept as given.
    pub extra: Map<String, Value>,
}

/// One future document.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// Stable id: a hash of the record's input bytes.
    pub id: String,
    /// The file path as given, or the record's URL / WARC target URI.
    pub source: String,
    /// Where to point a person at: `path`, `path:line 7`, `path: record 3`.
    pub origin: String,
    pub format: Format,
    pub content: Content,
    pub hints: Hints,
    /// Input bytes this record took, for throughput figures.
    pub input_bytes: u64,
}

/// Something that could not be read, with a one-line reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub origin: String,
    pub reason: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

pub enum Item {
    Record(Box<RawRecord>),
    Failure(Failure),
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A file; `shown` is the path as the user gave it (joined for folder entries).
    File {
        path: PathBuf,
        shown: String,
    },
    Stdin,
}

impl Input {
    pub fn shown(&self) -> &str {
        match self {
            Input::File { shown, .. } => shown,
            Input::Stdin => "-",
        }
    }

    /// Size on disk, for progress bars; 0 for stdin.
    pub fn size(&self) -> u64 {
        match self {
            Input::File { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            Input::Stdin => 0,
        }
    }
}

/// Expands command-line arguments: files as given, folders walked recursively
/// in name order (hidden entries skipped), `-` for standard input.
pub fn expand_inputs(args: &[String]) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                    });
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => inputs.push(Input::File {
                            shown: e.path().display().to_string(),
                            path: e.into_path(),
                        }),
                        Ok(_) => {}
                        Err(e) => failures.push(Failure {
                            origin: e
                                .path()
                                .map(|p| p.display().to_string())
                                .unwrap_or_else(|| arg.clone()),
                            reason: short_io(&e.to_string()),
                        }),
                    }
                }
            }
            Ok(_) => inputs.push(Input::File {
                path: path.to_path_buf(),
                shown: arg.clone(),
            }),
            Err(e) => failures.push(Failure {
                origin: arg.clone(),
                reason: describe_io(&e),
            }),
        }
    }
    (inputs, failures)
}

/// Reads one input, calling `sink` with each record or failure in input order.
pub fn read_input(input: &Input, limits: &Limits, sink: &mut dyn FnMut(Item)) {
    let origin = input.shown().to_owned();
    let fail = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Failure(Failure {
            origin: origin.clone(),
            reason,
        }))
    };
    let raw: Box<dyn Read> = match input {
        Input::File { path, .. } => match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return fail(sink, describe_io(&e)),
        },
        Input::Stdin => Box::new(io::stdin().lock()),
    };
    let mut reader = BufReader::with_capacity(256 * 1024, raw);
    let gzipped = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return fail(sink, describe_io(&e)),
    };
    let mut reader: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::read::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let head = match peek(&mut reader, 8192) {
        Ok(h) => h,
        Err(e) => return fail(sink, describe_read_error(&e, gzipped)),
    };
    let ctx = Ctx {
        origin: &origin,
        source: &origin,
        limits,
        gzipped,
    };
    match sniff::sniff(&head, &origin) {
        Sniffed::Empty => fail(sink, "empty file".into()),
        Sniffed::Binary => fail(
            sink,
            "binary data, not text, HTML, JSON, WARC or a feed".into(),
        ),
        Sniffed::Format(Format::Warc) => read_warc(reader, &ctx, sink),
        Sniffed::Format(Format::Jsonl) => read_jsonl(reader, &ctx, sink),
        Sniffed::JsonDocument => read_json_document(reader, &ctx, sink),
        Sniffed::Feed => match read_all(reader, &ctx) {
            Ok(bytes) => read_feed(&bytes, &ctx, sink),
            Err(reason) => fail(sink, reason),
        },
        Sniffed::Format(format) => match read_all(reader, &ctx) {
            Ok(bytes) => match single_document(bytes, format, &ctx) {
                Ok(record) => sink(Item::Record(Box::new(record))),
                Err(reason) => fail(sink, reason),
            },
            Err(reason) => fail(sink, reason),
        },
    }
}

struct Ctx<'a> {
    origin: &'a str,
    source: &'a str,
    limits: &'a Limits,
    gzipped: bool,
}

/// Fills the buffer up to `n` bytes without consuming them.
fn peek(reader: &mut Box<dyn BufRead>, n: usize) -> io::Result<Vec<u8>> {
    // BufRead only exposes what is buffered: read ahead into our own vector, then
    // chain it back in front of the reader.
    let mut head = Vec::with_capacity(n);
    reader.by_ref().take(n as u64).read_to_end(&mut head)?;
    let rest = std::mem::replace(reader, Box::new(io::empty()));
    *reader = Box::new(BufReader::with_capacity(
        256 * 1024,
        io::Cursor::new(head.clone()).chain(rest),
    ));
    Ok(head)
}

fn read_all(reader: Box<dyn BufRead>, ctx: &Ctx) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let max = ctx.limits.max_document_bytes;
    reader
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_read_error(&e, ctx.gzipped))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "larger than the {} MB limit for one document",
            max / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

fn record_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..10].iter().map(|b| format!("{b:02x}")).collect()
}

fn single_document(bytes: Vec<u8>, format: Format, ctx: &Ctx) -> Result<RawRecord, String> {
    let id = record_id(&bytes);
    let content = match format {
        Format::Html => {
            let declared = decode::html_declared_charset(&bytes);
            Content::Html(decode::decode(&bytes, declared.as_deref()).0)
        }
        _ => {
            let (text, _) = decode::decode(&bytes, None);
            check_text(&text, ctx.limits)?;
            Content::Text(text)
        }
    };
    Ok(RawRecord {
        id,
        source: ctx.source.to_owned(),
        origin: ctx.origin.to_owned(),
        format,
        content,
        hints: Hints::default(),
        input_bytes: bytes.len() as u64,
    })
}

/// Rejects text that cannot be an article: very long unbroken lines, mostly
/// undecodable characters.
fn check_text(text: &str, limits: &Limits) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("no text".into());
    }
    if let Some(line) = text
        .split('\n')
        .find(|l| l.len() > limits.max_text_line_bytes)
    {
        return Err(format!(
            "a single line of {:.1} MB: not article text (limit {} KB per line)",
            line.len() as f64 / 1_048_576.0,
            limits.max_text_line_bytes / 1024
        ));
    }
    let replacement = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if replacement * 10 > text.chars().count() {
        return Err("mostly undecodable characters: binary or unknown encoding".into());
    }
    Ok(())
}

fn read_warc(reader: Box<dyn BufRead>, ctx: &Ctx, sink: &mut dyn FnMut(Item)) {
    let (mut found, mut damaged) = (0, false);
    for page in warc::WarcRecords::new(reader, ctx.limits.max_document_bytes) {
        match page {
            Ok(page) => {
                found += 1;
                let html = decode::decode(&page.body, page.charset.as_deref()).0;
                let mut hints = Hints {
                    url: Some(page.uri.clone()),
                    ..Hints::default()
                };
                if let Some(d) = page.warc_date {
                    hints.extra.insert("warc_date".into(), Value::String(d));
                }
                sink(Item::Record(Box::new(RawRecord {
                    id: record_id(&page.body),
                    source: if page.uri.is_empty() {
                        format!("{}#{}", ctx.source, page.record_number)
                    } else {
                        page.uri
                    },
                    origin: format!("{}: record {}", ctx.origin, page.record_number),
                    format: Format::Warc,
                    content: Content::Html(html),
                    hints,
                    input_bytes: page.body.len() as u64,
                })));
            }
            Err(reason) => {
                damaged = true;
                let reason = if ctx.gzipped && reason.contains("unexpected end") {
                    format!("{reason} (truncated gzip?)")
                } else {
                    reason
                };
                sink(Item::Failure(Failure {
                    origin: ctx.origin.to_owned(),
                    reason,
                }));
            }
        }
    }
    if found == 0 && !damaged {
        sink(Item::Failure(Failure {
            origin: ctx.origin.to_owned(),
            reason: "WARC holds no HTML response records".into(),
        }));
    }
}

/// Reads one line of at most `max` bytes. Longer lines are skipped to their end
/// without being buffered and reported as `Err(length)`.
fn read_bounded_line(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<Result<(), u64>>> {
    line.clear();
    let n = reader.take(max as u64 + 1).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(None);
    }
    if n <= max || line.ends_with(b"\n") {
        return Ok(Some(Ok(())));
    }
    let mut total = n as u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                total += i as u64 + 1;
                break;
            }
            None => {
                let len = buf.len();
                reader.consume(len);
                total += len as u64;
            }
        }
    }
    line.clear();
    Ok(Some(Err(total)))
}

fn read_jsonl(mut reader: Box<dyn BufRead>, ctx: &Ctx, sink: &mut dyn FnMut(Item)) {
    let mut line = Vec::new();
    let mut number = 0usize;
    let max = ctx.limits.max_document_bytes as usize;
    loop {
        number += 1;
        let origin = format!("{}:{}", ctx.origin, number);
        let fail = |sink: &mut dyn FnMut(Item), reason: String| {
            sink(Item::Failure(Failure {
                origin: origin.clone(),
                reason,
            }))
        };
        match read_bounded_line(reader.as_mut(), &mut line, max) {
            Ok(None) => break,
            Ok(Some(Err(len))) => fail(
                sink,
                format!(
                    "line of {:.1} MB is over the {} MB limit",
                    len as f64 / 1_048_576.0,
                    max / (1024 * 1024)
                ),
            ),
            Ok(Some(Ok(()))) => {
                let text = String::from_utf8_lossy(&line);
                if text.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(&text) {
                    Ok(Value::Object(obj)) => match record_from_json(obj, &line, ctx, &origin) {
                        Ok(r) => sink(Item::Record(Box::new(r))),
                        Err(reason) => fail(sink, reason),
                    },
                    Ok(_) => fail(sink, "not a JSON object".into()),
                    Err(e) => fail(sink, format!("invalid JSON: {e}")),
                }
            }
            Err(e) => {
                fail(sink, describe_read_error(&e, ctx.gzipped));
                break;
            }
        }
    }
}

/// The publication a feed's title names: feeds of one section title themselves "Outlet -
/// Section" ("Harmattan Post - West Africa", "The Ledger | World"), and the section is no part
/// of the outlet's name.
fn publication_of(title: &str) -> String {
    [" - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|sep| title.split_once(sep))
        .map(|(outlet, _)| outlet.trim())
        .filter(|outlet| outlet.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .min_by_key(|outlet| outlet.len())
        .unwrap_or(title)
        .to_owned()
}

fn record_from_json(
    mut obj: Map<String, Value>,
    raw: &[u8],
    ctx: &Ctx,
    origin: &str,
) -> Result<RawRecord, String> {
    // News exports name the outlet `outlet`, `source` (a name, or an object with one, as
    // news APIs give it) or `publisher`.
    let named = |v: &Value| match v {
        Value::String(s) if !s.trim().is_empty() && !s.contains("://") => Some(s.clone()),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        },
        _ => None,
    };
    let other_outlet = if obj.contains_key("outlet") {
        None
    } else {
        ["source", "publisher"].iter().find_map(|k| {
            let name = obj.get(*k).and_then(named)?;
            obj.remove(*k);
            Some(name)
        })
    };
    let mut take = |key: &str| match obj.remove(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let content = match (take("html"), take("text")) {
        (Some(html), _) => Content::Html(html),
        (None, Some(text)) => {
            check_text(&text, ctx.limits)?;
            Content::Text(text)
        }
        (None, None) => return Err(r#"no "text" or "html" field"#.into()),
    };
    let hints = Hints {
        url: take("url"),
        title: take("title"),
        published: take("published"),
        outlet: take("outlet").or(other_outlet),
        author: take("author"),
        extra: obj,
    };
    Ok(RawRecord {
        id: record_id(raw),
        source: hints.url.clone().unwrap_or_else(|| origin.to_owned()),
        origin: origin.to_owned(),
        format: Format::Jsonl,
        content,
        hints,
        input_bytes: raw.len() as u64,
    })
}

fn read_json_document(reader: Box<dyn BufRead>, ctx: &Ctx, sink: &mut dyn FnMut(Item)) {
    let fail = |sink: &mut dyn FnMut(Item), reason: String| {
        sink(Item::Failure(Failure {
            origin: ctx.origin.to_owned(),
            reason,
        }))
    };
    let bytes = match read_all(reader, ctx) {
        Ok(b) => b,
        Err(reason) => return fail(sink, reason),
    };
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return fail(sink, format!("invalid JSON: {e}")),
    };
    match value {
        Value::Object(ref obj) if obj.contains_key("items") => read_feed(&bytes, ctx, sink),
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let origin = format!("{}: item {}", ctx.origin, i + 1);
                let raw = item.to_string();
                match item {
                    Value::Object(obj) => match record_from_json(obj, raw.as_bytes(), ctx, &origin)
                    {
                        Ok(r) => sink(Item::Record(Box::new(r))),
                        Err(reason) => sink(Item::Failure(Failure { origin, reason })),
                    },
                    _ => sink(Item::Failure(Failure {
                        origin,
                        reason: "not a JSON object".into(),
                    })),
                }
            }
        }
        Value::Object(obj) => match record_from_json(obj, &bytes, ctx, ctx.origin) {
            Ok(r) => sink(Item::Record(Box::new(r))),
            Err(reason) => fail(sink, reason),
        },
        _ => fail(
            sink,
            "JSON that is not an article, JSON Lines or a JSON Feed".into(),
        ),
    }
}

fn read_feed(bytes: &[u8], ctx: &Ctx, sink: &mut dyn FnMut(Item)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return sink(Item::Failure(Failure {
                origin: ctx.origin.to_owned(),
                reason: format!("malformed feed: {}", one_line(&e.to_string())),
            }))
        }
    };
    let format = match feed.feed_type {
        feed_rs::model::FeedType::Atom => Format::Atom,
        feed_rs::model::FeedType::JSON => Format::JsonFeed,
        _ => Format::Rss,
    };
    if feed.entries.is_empty() {
        return sink(Item::Failure(Failure {
            origin: ctx.origin.to_owned(),
            reason: "feed has no items".into(),
        }));
    }
    let outlet = feed
        .title
        .as_ref()
        .map(|t| publication_of(t.content.trim()));
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let origin = format!("{}: item {}", ctx.origin, i + 1);
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .filter(|b| !b.trim().is_empty());
        let Some(body) = body else {
            sink(Item::Failure(Failure {
                origin,
                reason: "feed item has no content or summary".into(),
            }));
            continue;
        };
        let title = entry.title.as_ref().map(|t| t.content.trim().to_owned());
        let authors: Vec<String> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(|n| n.trim().to_owned()))
            .filter(|n| !n.is_empty())
            .collect();
        let mut id_bytes = Vec::new();
        for part in [
            entry.id.as_str(),
            url.as_deref().unwrap_or(""),
            title.as_deref().unwrap_or(""),
            &body,
        ] {
            id_bytes.extend_from_slice(part.as_bytes());
            id_bytes.push(0);
        }
        let hints = Hints {
            title,
            url: url.clone(),
            published: entry.published.map(|d| d.format("%Y-%m-%d").to_string()),
            outlet: outlet.clone().filter(|o| !o.is_empty()),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            extra: Map::new(),
        };
        sink(Item::Record(Box::new(RawRecord {
            id: record_id(&id_bytes),
            source: url.unwrap_or_else(|| origin.clone()),
            origin,
            format,
            content: Content::Html(body),
            hints,
            input_bytes: id_bytes.len() as u64,
        })));
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => short_io(&e.to_string()),
    }
}

fn short_io(s: &str) -> String {
    one_line(s.split(" (os error").next().unwrap_or(s))
}

fn describe_read_error(e: &io::Error, gzipped: bool) -> String {
    if gzipped {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => "truncated gzip: the compressed data ends early".into(),
            _ => format!("corrupt gzip: {}", short_io(&e.to_string())),
        }
    } else {
        describe_io(e)
    }
}

#[cfg(test)]
mod tests;
