//! Format detection: content first, file extension second.

use storyline_model::Format;

/// What the first bytes of a (decompressed) input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Format(Format),
    /// A JSON document that is not one object per line: a JSON Feed, or else an error.
    JsonDocument,
    /// An XML document: RSS, Atom or RDF, told apart by the feed parser.
    Feed,
    Binary,
    Empty,
}

/// Classifies `head` (the first few kilobytes) of an input whose name is `name`.
pub fn sniff(head: &[u8], name: &str) -> Sniffed {
    let ext = extension(name);
    let body = strip_bom(head);
    let trimmed = trim_start(body);
    if trimmed.is_empty() {
        return Sniffed::Empty;
    }
    // A WARC may open with an image record: its header decides, not its bytes.
    if trimmed.starts_with(b"WARC/") {
        return Sniffed::Format(Format::Warc);
    }
    if looks_binary(body) {
        return Sniffed::Binary;
    }
    let opens_array_of_objects = trimmed.starts_with(b"[")
        && matches!(trim_start(&trimmed[1..]).first(), Some(b'{') | Some(b']'));
    if trimmed.starts_with(b"{") || opens_array_of_objects {
        let first_line_end = trimmed
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(trimmed.len());
        let first_line = &trimmed[..first_line_end];
        let is_jsonl = first_line_end < trimmed.len()
            && serde_json::from_slice::<serde_json::Value>(first_line).is_ok();
        let declares_feed = contains_ci(&trimmed[..trimmed.len().min(2048)], b"jsonfeed.org");
        if declares_feed {
            return Sniffed::JsonDocument;
        }
        if is_jsonl || matches!(ext.as_str(), "jsonl" | "ndjson") {
            return Sniffed::Format(Format::Jsonl);
        }
        return Sniffed::JsonDocument;
    }
    let lead = &trimmed[..trimmed.len().min(4096)];
    if trimmed.starts_with(b"<") {
        if contains_ci(lead, b"<rss")
            || contains_ci(lead, b"<feed")
            || contains_ci(lead, b"<rdf:rdf")
        {
            return Sniffed::Feed;
        }
        if contains_ci(lead, b"<html")
            || contains_ci(lead, b"<!doctype html")
            || contains_ci(lead, b"<head")
            || contains_ci(lead, b"<body")
            || contains_ci(lead, b"<p")
            || contains_ci(lead, b"<div")
            || contains_ci(lead, b"<article")
        {
            return Sniffed::Format(Format::Html);
        }
        if trimmed.starts_with(b"<?xml") {
            return Sniffed::Feed;
        }
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Sniffed::Format(Format::Html),
        "md" | "markdown" => Sniffed::Format(Format::Markdown),
        "rss" | "atom" | "xml" if trimmed.starts_with(b"<") => Sniffed::Feed,
        _ => Sniffed::Format(Format::Text),
    }
}

/// The extension that tells the format, looking through a final `.gz`.
pub fn extension(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let file = base.rsplit(['/', '\\']).next().unwrap_or(base);
    match file.rsplit_once('.') {
        Some((_, ext)) => ext.to_owned(),
        None => String::new(),
    }
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// NUL bytes or many control characters mean this is not text in any
/// encoding we read (UTF-16 is recognised by its BOM before this is asked).
fn looks_binary(b: &[u8]) -> bool {
    if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
        return false;
    }
    let sample = &b[..b.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len()
}

fn contains_ci(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_beats_extension() {
        assert_eq!(
            sniff(b"<!DOCTYPE html><html>", "a.txt"),
            Sniffed::Format(Format::Html)
        );
        assert_eq!(
            sniff(b"WARC/1.0\r\n", "a.bin"),
            Sniffed::Format(Format::Warc)
        );
        assert_eq!(sniff(b"<?xml version='1.0'?><rss>", "a.txt"), Sniffed::Feed);
        assert_eq!(sniff(b"<feed xmlns=", "x"), Sniffed::Feed);
        assert_eq!(
            sniff(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", "x.txt"),
            Sniffed::Format(Format::Jsonl)
        );
        assert_eq!(
            sniff(
                b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                "f.json"
            ),
            Sniffed::JsonDocument
        );
        assert_eq!(
            sniff(b"Plain words here.\n", "a.md"),
            Sniffed::Format(Format::Markdown)
        );
        assert_eq!(
            sniff(b"Plain words here.\n", "a.md.gz"),
            Sniffed::Format(Format::Markdown)
        );
        assert_eq!(
            sniff(b"Plain words here.\n", "a"),
            Sniffed::Format(Format::Text)
        );
        // A Markdown link or image at the start is not a JSON array.
        assert_eq!(
            sniff(b"[![Logo](x.png)](/)\n# Title\n", "a.md"),
            Sniffed::Format(Format::Markdown)
        );
        assert_eq!(
            sniff(b"[{\"text\": \"a\"}]", "a.json"),
            Sniffed::JsonDocument
        );
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(sniff(b"  \n\t", "a.txt"), Sniffed::Empty);
        assert_eq!(
            sniff(b"\x7fELF\x02\x01\x01\x00\x00\x00", "a.txt"),
            Sniffed::Binary
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.html"),
            Sniffed::Binary
        );
    }
}
