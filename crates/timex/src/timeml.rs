//! Reading and writing TimeML (`.tml`) documents as TempEval-3 distributes
//! them: the DCT, the plain text inside `<TEXT>` (tags removed, entities
//! unescaped) with the gold TIMEX3 spans, and output with our TIMEX3 tags.

use crate::Timex;
use storyline_model::{Date, Span};

/// A TIMEX3 annotated in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub span: Span,
    pub tid: String,
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone, Default)]
pub struct TimemlDoc {
    pub docid: Option<String>,
    /// The creation time: the TIMEX3 with `functionInDocument="CREATION_TIME"`
    /// (inside `<DCT>` in TempEval files).
    pub dct: Option<Date>,
    /// The `<DCT>…</DCT>` element as written, kept for output.
    pub dct_xml: Option<String>,
    pub title_xml: Option<String>,
    /// The `<TEXT>` content with every tag removed and entities unescaped.
    pub text: String,
    /// TIMEX3 elements inside `<TEXT>`, spans into `text`.
    pub timexes: Vec<GoldTimex>,
}

/// Attributes of a start tag's inside (`TIMEX3 tid="t1" type="DATE"`).
pub fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // name
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let ns = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let q = b[i];
        if q == b'"' || q == b'\'' {
            i += 1;
            let vs = i;
            while i < b.len() && b[i] != q {
                i += 1;
            }
            out.push((name.to_string(), unescape(&tag[vs..i.min(b.len())])));
            i += 1;
        } else {
            let vs = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((name.to_string(), unescape(&tag[vs..i])));
        }
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// XML entity unescaping (named basics and numeric references). Unknown
/// entities are kept as written.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes `&`, `<`, `>` for element content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

/// Parses a TimeML value's date part (`1998-08-07`, `1998-08-07T06:18`, `19980807`).
pub fn parse_dct_value(v: &str) -> Option<Date> {
    if v.len() >= 10 {
        if let Some(d) = Date::parse_iso(&v[..10]) {
            return Some(d);
        }
    }
    if v.len() >= 8 && v[..8].bytes().all(|c| c.is_ascii_digit()) {
        return Date::new(
            v[..4].parse().ok()?,
            v[4..6].parse().ok()?,
            v[6..8].parse().ok()?,
        );
    }
    None
}

fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut from = 0;
    loop {
        let s = from + xml[from..].find(&open)?;
        let after = xml[s + open.len()..].chars().next()?;
        if after == '>' || after.is_whitespace() {
            let e = s + xml[s..].find(&close)? + close.len();
            return Some(&xml[s..e]);
        }
        from = s + open.len();
    }
}

fn inner(el: &str) -> &str {
    let s = el.find('>').map_or(0, |p| p + 1);
    let e = el.rfind("</").unwrap_or(el.len());
    &el[s..e.max(s)]
}

/// Parses a TimeML document.
pub fn parse(xml: &str) -> Result<TimemlDoc, String> {
    let mut doc = TimemlDoc {
        docid: element(xml, "DOCID").map(|e| unescape(inner(e).trim())),
        dct_xml: element(xml, "DCT").map(str::to_string),
        title_xml: element(xml, "TITLE").map(str::to_string),
        ..Default::default()
    };
    // DCT: the CREATION_TIME timex anywhere, else the first TIMEX3 in <DCT>.
    let mut from = 0;
    while let Some(p) = xml[from..].find("<TIMEX3") {
        let s = from + p;
        let e = s + xml[s..].find('>').ok_or("unterminated TIMEX3 tag")?;
        let attrs = attributes(xml[s + 7..e].trim_end_matches('/'));
        if attr(&attrs, "functionInDocument") == Some("CREATION_TIME") {
            doc.dct = attr(&attrs, "value").and_then(parse_dct_value);
            break;
        }
        from = e;
    }
    if doc.dct.is_none() {
        if let Some(d) = &doc.dct_xml {
            if let Some(p) = d.find("value=") {
                let attrs = attributes(&d[p..d[p..].find('>').map_or(d.len(), |e| p + e)]);
                doc.dct = attr(&attrs, "value").and_then(parse_dct_value);
            }
        }
    }
    let text_el = element(xml, "TEXT").ok_or("no <TEXT> element")?;
    let body = inner(text_el);
    let mut text = String::with_capacity(body.len());
    let mut open: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    let mut i = 0;
    let b = body.as_bytes();
    while i < b.len() {
        match b[i] {
            b'<' => {
                let e = i + body[i..].find('>').ok_or("unterminated tag in TEXT")?;
                let tag = &body[i + 1..e];
                if let Some(rest) = tag.strip_prefix("TIMEX3") {
                    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                        let self_closing = rest.trim_end().ends_with('/');
                        let attrs = attributes(rest.trim_end().trim_end_matches('/'));
                        if self_closing {
                            push_gold(&mut doc.timexes, text.len(), text.len(), &attrs);
                        } else {
                            open.push((text.len(), attrs));
                        }
                    }
                } else if tag.starts_with("/TIMEX3") {
                    if let Some((start, attrs)) = open.pop() {
                        push_gold(&mut doc.timexes, start, text.len(), &attrs);
                    }
                }
                i = e + 1;
            }
            b'&' => {
                let e = body[i..]
                    .find(';')
                    .map(|p| i + p + 1)
                    .filter(|&e| e - i <= 12);
                match e {
                    Some(e) => {
                        text.push_str(&unescape(&body[i..e]));
                        i = e;
                    }
                    None => {
                        text.push('&');
                        i += 1;
                    }
                }
            }
            _ => {
                let next = body[i..].find(['<', '&']).map_or(b.len(), |p| i + p);
                text.push_str(&body[i..next]);
                i = next;
            }
        }
    }
    doc.text = text;
    doc.timexes.sort_by_key(|g| g.span.start);
    Ok(doc)
}

fn push_gold(out: &mut Vec<GoldTimex>, start: usize, end: usize, attrs: &[(String, String)]) {
    out.push(GoldTimex {
        span: Span::new(start, end),
        tid: attr(attrs, "tid").unwrap_or("").to_string(),
        kind: attr(attrs, "type").unwrap_or("").to_string(),
        value: attr(attrs, "value").unwrap_or("").to_string(),
    });
}

/// TimeML for `doc` with `timexes` (spans into `doc.text`) tagged in
/// `<TEXT>`: the same characters, `&`, `<`, `>` escaped, the DOCID, DCT and
/// TITLE kept as they were.
pub fn write(doc: &TimemlDoc, timexes: &[Timex]) -> String {
    let mut out = String::with_capacity(doc.text.len() * 2 + 512);
    out.push_str("<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n");
    if let Some(id) = &doc.docid {
        out.push_str(&format!("<DOCID>{}</DOCID>\n\n", escape_text(id)));
    }
    let dct_tid = doc
        .dct_xml
        .as_deref()
        .and_then(|d| d.find("<TIMEX3").map(|p| &d[p + 7..]))
        .map(|d| attributes(&d[..d.find('>').unwrap_or(d.len())]))
        .and_then(|a| attr(&a, "tid").map(str::to_string));
    if let Some(d) = &doc.dct_xml {
        out.push_str(d);
        out.push_str("\n\n");
    }
    if let Some(t) = &doc.title_xml {
        out.push_str(t);
        out.push_str("\n\n");
    }
    out.push_str("<TEXT>");
    let mut at = 0;
    let mut n = 0;
    for tx in timexes {
        if tx.span.start < at || tx.span.end > doc.text.len() {
            continue;
        }
        out.push_str(&escape_text(&doc.text[at..tx.span.start]));
        n += 1;
        if dct_tid.as_deref() == Some(format!("t{n}").as_str()) {
            n += 1;
        }
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{n}\" type=\"{}\" value=\"{}\"",
            tx.kind.as_str(),
            escape_attr(&tx.value)
        ));
        if let Some(m) = tx.modifier {
            out.push_str(&format!(" mod=\"{}\"", m.as_str()));
        }
        out.push('>');
        out.push_str(&escape_text(&doc.text[tx.span.start..tx.span.end]));
        out.push_str("</TIMEX3>");
        at = tx.span.end;
    }
    out.push_str(&escape_text(&doc.text[at..]));
    out.push_str("</TEXT>\n\n</TimeML>\n");
    out
}

/// Reads a MEANTIME (NewsReader CAT XML) document: the text rebuilt from its
/// tokens (sentences separated by a blank line, no space before closing
/// punctuation), the CREATION_TIME value as DCT, and the TIMEX3 markables
/// anchored to tokens (the dateline's creation-time expression included).
pub fn parse_cat(xml: &str) -> Result<TimemlDoc, String> {
    let mut doc = TimemlDoc::default();
    let mut tok_spans: std::collections::HashMap<String, Span> = Default::default();
    let mut text = String::new();
    let mut last_sentence: Option<String> = None;
    let mut prev_tok = String::new();
    let mut from = 0;
    while let Some(p) = xml[from..].find("<token ") {
        let s = from + p;
        let e = s + xml[s..].find('>').ok_or("unterminated token")?;
        let close = e + xml[e..].find("</token>").ok_or("unclosed token")?;
        let attrs = attributes(&xml[s + 7..e]);
        let word = unescape(&xml[e + 1..close]);
        let sentence = attr(&attrs, "sentence").unwrap_or("").to_string();
        if last_sentence.as_ref().is_some_and(|l| *l != sentence) {
            text.push_str("\n\n");
        } else if !text.is_empty() {
            let no_space = matches!(
                word.as_str(),
                "," | "." | ";" | ":" | ")" | "%" | "'s" | "n't" | "?" | "!" | "''" | "'"
            ) || matches!(prev_tok.as_str(), "(" | "$" | "``");
            if !no_space {
                text.push(' ');
            }
        }
        let start = text.len();
        text.push_str(&word);
        if let Some(id) = attr(&attrs, "t_id") {
            tok_spans.insert(id.to_string(), Span::new(start, text.len()));
        }
        last_sentence = Some(sentence);
        prev_tok = word;
        from = close + 8;
    }
    let mut from = 0;
    while let Some(p) = xml[from..].find("<TIMEX3") {
        let s = from + p;
        let e = s + xml[s..].find('>').ok_or("unterminated TIMEX3")?;
        let head = &xml[s + 7..e];
        let self_closing = head.trim_end().ends_with('/');
        let attrs = attributes(head.trim_end().trim_end_matches('/'));
        let creation = attr(&attrs, "functionInDocument") == Some("CREATION_TIME");
        if creation {
            doc.dct = attr(&attrs, "value").and_then(parse_dct_value);
        }
        if self_closing {
            from = e;
            continue;
        }
        let close = e + xml[e..].find("</TIMEX3>").ok_or("unclosed TIMEX3")?;
        let mut spans: Vec<Span> = Vec::new();
        let mut k = e;
        while let Some(q) = xml[k..close].find("t_id=\"") {
            let a = k + q + 6;
            let b = a + xml[a..].find('"').ok_or("bad t_id")?;
            if let Some(sp) = tok_spans.get(&xml[a..b]) {
                spans.push(*sp);
            }
            k = b;
        }
        if let (Some(first), Some(last)) = (
            spans.iter().map(|s| s.start).min(),
            spans.iter().map(|s| s.end).max(),
        ) {
            // An odd creation-time value ("03-02-2009"): read the dateline itself.
            if creation && doc.dct.is_none() {
                doc.dct = storyline_time::parse_date(&text[first..last]);
            }
            doc.timexes.push(GoldTimex {
                span: Span::new(first, last),
                tid: attr(&attrs, "m_id").unwrap_or("").to_string(),
                kind: attr(&attrs, "type").unwrap_or("").to_string(),
                value: attr(&attrs, "value").unwrap_or("").to_string(),
            });
        }
        from = close;
    }
    // Only the opening sentences of each article are annotated: keep the
    // text up to the last sentence holding any markable.
    let mut last_marked = 0;
    let mut k = 0;
    if let Some(m) = xml.find("<Markables>") {
        k = m;
    }
    while let Some(q) = xml[k..].find("t_id=\"") {
        let a = k + q + 6;
        let b = a + xml[a..].find('"').ok_or("bad t_id")?;
        if let Some(sp) = tok_spans.get(&xml[a..b]) {
            last_marked = last_marked.max(sp.end);
        }
        k = b;
    }
    if last_marked > 0 {
        let cut = text[last_marked..]
            .find("\n\n")
            .map_or(text.len(), |p| last_marked + p);
        text.truncate(cut);
    }
    doc.text = text;
    doc.timexes.sort_by_key(|g| g.span.start);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07T06:18" temporalFunction="false" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> at AT&amp;T &lt;HQ&gt;.
</TEXT>
</TimeML>"#;

    #[test]
    fn parse_strips_tags_and_entities() {
        let d = parse(DOC).unwrap();
        assert_eq!(d.dct, Date::new(1998, 8, 7));
        assert_eq!(d.text, "\nBombs exploded Friday at AT&T <HQ>.\n");
        assert_eq!(d.timexes.len(), 1);
        assert_eq!(d.timexes[0].span.of(&d.text), "Friday");
        assert_eq!(d.timexes[0].value, "1998-08-07");
    }

    #[test]
    fn write_round_trips_text() {
        let d = parse(DOC).unwrap();
        let tx = crate::find_timexes(&d.text, d.dct);
        let xml = write(&d, &tx);
        let back = parse(&xml).unwrap();
        assert_eq!(back.text, d.text);
        assert_eq!(back.dct, d.dct);
        assert_eq!(back.timexes.len(), 1);
        assert_eq!(back.timexes[0].value, "1998-08-07");
        assert_eq!(back.timexes[0].tid, "t1");
        assert!(xml.contains("AT&amp;T &lt;HQ&gt;"));
    }
}
