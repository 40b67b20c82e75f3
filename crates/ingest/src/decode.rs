//! Bytes to text: byte-order marks, then UTF-8, then a declared charset, then
//! chardetng's guess. Returns the text and the encoding's name.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// Decodes `bytes` to a `String`. `declared` is a charset label from an HTTP
/// header or an HTML `<meta>`, used only when the bytes are not valid UTF-8
/// (declarations on the web are wrong often enough that valid UTF-8 wins).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8.name());
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8)
        .unwrap_or_else(|| {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, Utf8Detection::Allow)
        });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name())
}

/// The charset an HTML page declares in its first kilobytes, if any
/// (`<meta charset="...">` or `<meta http-equiv content="text/html; charset=...">`).
pub fn html_declared_charset(head: &[u8]) -> Option<String> {
    let window = &head[..head.len().min(4096)];
    let lower: Vec<u8> = window.iter().map(|b| b.to_ascii_lowercase()).collect();
    let at = find(&lower, b"charset=")?;
    let rest = &window[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_legacy_encodings() {
        let (t, e) = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", None);
        assert_eq!((t.as_str(), e), ("café", "UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("café".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16, None).0, "café");
        // windows-1252 text with a declared charset
        let (t, _) = decode(b"na\xEFve caf\xE9", Some("windows-1252"));
        assert_eq!(t, "naïve café");
        // and without one: chardetng recognises Latin text
        let (t, _) = decode(
            b"Le minist\xE8re a d\xE9clar\xE9 que les arrestations \xE9taient l\xE9gales.",
            None,
        );
        assert!(t.contains("ministère"), "{t}");
    }

    #[test]
    fn finds_declared_charset() {
        let head = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#;
        assert_eq!(html_declared_charset(head).as_deref(), Some("ISO-8859-1"));
        assert_eq!(
            html_declared_charset(br#"<meta charset="utf-8">"#).as_deref(),
            Some("utf-8")
        );
        assert_eq!(html_declared_charset(b"<p>no charset</p>"), None);
    }
}
