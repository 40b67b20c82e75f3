//! Main content and metadata from HTML.
//!
//! Whole pages go through rs-trafilatura (chosen by measurement, see
//! ARCHITECTURE.md); page metadata is read here from `<meta>`, JSON-LD and
//! `<time>`, which say outright what trafilatura's heuristics guess.
//! Fragments (feed items, JSON `html` fields) and pathological pages (nesting
//! deep enough to exhaust a recursive extractor, or to make an HTML5 tree
//! builder quadratic) are flattened to text by a linear scanner and cleaned
//! like pasted text.

use dom_query::Document as Dom;
use serde_json::Value;
use storyline_model::Date;
use storyline_time::parse_date;

/// Nesting beyond this skips the DOM and uses the linear flattener.
pub const MAX_NESTING: usize = 1_000;

/// Metadata a page states in its markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
}

/// Is this a whole page, or a fragment of one?
pub fn is_full_page(html: &str) -> bool {
    let head = &html[..floor_char(html, 4096)];
    let lower = head.to_ascii_lowercase();
    lower.contains("<html")
        || lower.contains("<body")
        || lower.contains("<!doctype")
        || lower.contains("<head")
}

fn floor_char(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The deepest element nesting of `html`, estimated in one linear pass: void
/// and self-closing tags do not nest, a `<p>` (or `<li>`, `<td>`, ...) opened
/// right after an unclosed one replaces it as browsers do, and a closing tag
/// closes back to its opener.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut max = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        if !bytes
            .get(name_start)
            .is_some_and(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| name_start + p);
        let name = html[name_start..name_end].to_ascii_lowercase();
        if closing {
            // Close back to the nearest opener; a stray closer closes nothing.
            if let Some(at) = stack.iter().rev().take(64).position(|n| *n == name) {
                let new_len = stack.len() - at - 1;
                stack.truncate(new_len);
            }
            continue;
        }
        let tag_end = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |p| i + p);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if self_closing || is_void(&name) {
            continue;
        }
        if is_implicitly_closed(&name) && stack.last() == Some(&name) {
            stack.pop();
        }
        stack.push(name);
        max = max.max(stack.len());
    }
    max
}

/// Elements whose end tag may be left out: a new sibling closes them.
fn is_implicitly_closed(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option"
    )
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "pre"
            | "main"
            | "form"
            | "dt"
            | "dd"
            | "title"
            | "address"
            | "details"
            | "summary"
    )
}

/// Flattens HTML to text lines in one pass: block tags become line breaks,
/// script/style/template content is dropped, entities are decoded.
pub fn flatten(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            // Comments.
            if html[i..].starts_with("<!--") {
                i = html[i + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |p| i + 4 + p + 3);
                continue;
            }
            let end = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |p| i + p + 1);
            let tag = &html[i..end];
            let closing = tag.starts_with("</");
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if !closing
                && matches!(
                    name.as_str(),
                    "script" | "style" | "template" | "noscript" | "svg"
                )
            {
                i = find_closing_tag(bytes, end, name.as_bytes()).unwrap_or(bytes.len());
                continue;
            }
            if is_block(&name) {
                out.push('\n');
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
            i = end;
        } else {
            let next = memchr(b'<', &bytes[i..]).map_or(bytes.len(), |p| i + p);
            // Line breaks in HTML source are spaces; only block tags break lines.
            out.push_str(&decode_entities(&html[i..next]).replace(['\n', '\r'], " "));
            i = next;
        }
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Position of the next `</name` (any case) at or after `from`.
fn find_closing_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let after = &bytes[at + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Decodes the character references that occur in news HTML.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&p| p <= 10);
        let decoded = semi.and_then(|p| {
            let name = &after[..p];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)?
            } else {
                match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => ' ',
                    "rsquo" => '’',
                    "lsquo" => '‘',
                    "rdquo" => '”',
                    "ldquo" => '“',
                    "mdash" => '—',
                    "ndash" => '–',
                    "hellip" => '…',
                    "copy" => '©',
                    "eacute" => 'é',
                    "middot" => '·',
                    "bull" => '•',
                    "rarr" => '→',
                    "raquo" => '»',
                    "laquo" => '«',
                    _ => return None,
                }
            };
            Some((c, p))
        });
        match decoded {
            Some((c, p)) => {
                out.push(c);
                rest = &after[p + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The main text of a whole page, paragraphs one per line, or `None` when the
/// extractor finds nothing.
pub fn extract_main_text(html: &str, url: Option<&str>) -> Option<String> {
    // News pages are articles: naming the page type skips rs-trafilatura's
    // page classifier, a third of its time, with the same body F1 on real pages.
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        // The default cap (1,000,000 characters) cuts the text at a byte index
        // and panics inside a multi-byte character; the document limit in
        // ingest already bounds the size.
        max_extracted_len: usize::MAX,
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(html, &options).ok()?;
    let text = result.content_text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Metadata from `<meta>`, JSON-LD, `<time>` and headings.
pub fn page_meta(html: &str) -> PageMeta {
    let dom = Dom::from(html);
    // One pass over <meta>: name/property/itemprop (lower-cased) → content.
    let mut metas: Vec<(String, String)> = Vec::new();
    for m in dom.select("meta[content]").iter() {
        let content = m
            .attr("content")
            .map(|c| c.trim().to_owned())
            .unwrap_or_default();
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = m.attr(key) {
                metas.push((k.to_ascii_lowercase(), content.clone()));
            }
        }
    }
    let meta_content = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(name, _)| name == k)
                .map(|(_, c)| c.clone())
        })
    };
    let mut ld = LdFacts::default();
    for script in dom.select(r#"script[type="application/ld+json"]"#).iter() {
        if let Ok(v) = serde_json::from_str::<Value>(script.text().trim()) {
            ld.collect(&v, 0);
        }
    }

    let published = meta_content(&[
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "parsely-pub-date",
        "og:published_time",
    ])
    .and_then(|s| parse_date(&s))
    .or_else(|| ld.published.as_deref().and_then(parse_date))
    .or_else(|| {
        // <time>: an explicit datePublished or pubdate first, then the first
        // one not marked as an update.
        let explicit = dom
            .select(r#"time[itemprop="datePublished"], time[pubdate]"#)
            .iter()
            .find_map(|t| t.attr("datetime").and_then(|d| parse_date(&d)));
        explicit.or_else(|| {
            dom.select("time[datetime]").iter().find_map(|t| {
                let marks = format!(
                    "{} {} {}",
                    t.attr_or("class", ""),
                    t.attr_or("itemprop", ""),
                    t.parent().attr_or("class", "")
                )
                .to_lowercase();
                let label = t.parent().text().to_lowercase();
                let update = ["modif", "updat"]
                    .iter()
                    .any(|k| marks.contains(k) || label.contains(k));
                if update {
                    None
                } else {
                    t.attr("datetime").and_then(|d| parse_date(&d))
                }
            })
        })
    });

    let title_text = dom.select("title").text().trim().to_owned();
    let outlet = meta_content(&["og:site_name", "application-name"])
        .or(ld.publisher.clone())
        .or_else(|| site_suffix(&title_text))
        .or_else(|| {
            // The masthead image's alternative text.
            dom.select(r#"header img[alt], [class*="logo"] img[alt], [class*="masthead"] img[alt], img[class*="logo"][alt]"#)
                .iter()
                .find_map(|i| i.attr("alt").map(|a| a.trim().to_owned()))
                .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 6 && !a.to_lowercase().contains("logo"))
        });

    let author = meta_content(&[
        r#"meta[name="author"]"#,
        r#"meta[property="article:author"]"#,
    ])
    .filter(|a| !a.starts_with("http"))
    .or(ld.author.clone())
    .or_else(|| {
        dom.select(r#"[rel="author"], [itemprop="author"], [class*="byline"], [class*="author"]"#)
            .iter()
            .find_map(|s| {
                let t = s.text().split_whitespace().collect::<Vec<_>>().join(" ");
                crate::meta::byline(&t).or_else(|| crate::meta::author_names(&t))
            })
    });

    let title = meta_content(&[
        r#"meta[property="og:title"]"#,
        r#"meta[name="twitter:title"]"#,
    ])
    .or(ld.headline.clone())
    .or_else(|| {
        dom.select("h1")
            .iter()
            .map(|h| h.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|t| !t.is_empty())
    })
    .or_else(|| {
        let t = title_text.as_str();
        (!t.is_empty()).then(|| strip_site_suffix(t, outlet.as_deref()))
    });

    PageMeta {
        title: title.map(|t| decode_entities(&t)),
        author: author.map(|a| decode_entities(&a)),
        outlet: outlet.map(|o| decode_entities(&o)),
        published,
    }
}

/// "Raid in port | The Harbour Post" → "The Harbour Post": a short last part
/// after a separator, under a longer headline.
fn site_suffix(title: &str) -> Option<String> {
    [" | ", " - ", " – ", " — ", " :: "].iter().find_map(|sep| {
        let (head, tail) = title.rsplit_once(sep)?;
        let tail = tail.trim();
        let n = tail.split_whitespace().count();
        ((1..=5).contains(&n)
            && head.split_whitespace().count() >= 3
            && tail.starts_with(char::is_uppercase))
        .then(|| tail.to_owned())
    })
}

/// "Raid in port | The Harbour Post" → "Raid in port".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || tail.split_whitespace().count() <= 4;
            if is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

#[derive(Default)]
struct LdFacts {
    published: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    headline: Option<String>,
}

impl LdFacts {
    fn collect(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.collect(i, depth + 1)),
            Value::Object(obj) => {
                if let Some(Value::String(d)) = obj.get("datePublished") {
                    self.published.get_or_insert_with(|| d.clone());
                }
                if let Some(Value::String(h)) = obj.get("headline") {
                    self.headline.get_or_insert_with(|| h.clone());
                }
                if let Some(p) = obj.get("publisher").and_then(ld_name) {
                    self.publisher.get_or_insert(p);
                }
                if let Some(a) = obj.get("author").and_then(ld_name) {
                    self.author.get_or_insert(a);
                }
                if let Some(g) = obj.get("@graph") {
                    self.collect(g, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// A JSON-LD Person/Organization name, or several joined with " and ".
fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.starts_with("http") => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(str::to_owned),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(ld_name).collect();
            match names.len() {
                0 => None,
                1 => Some(names[0].clone()),
                n => Some(format!(
                    "{} and {}",
                    names[..n - 1].join(", "),
                    names[n - 1]
                )),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_keeps_blocks_and_drops_scripts() {
        let html = "<div><p>One &amp; two</p><script>var x = '<p>no</p>';</script><p>Three&nbsp;<b>bold</b></p><!-- <p>hidden</p> --></div>";
        assert_eq!(flatten(html), "One & two\nThree bold");
        assert_eq!(
            flatten("<p>A sentence broken\nin the source.</p><p>Next</p>"),
            "A sentence broken in the source.\nNext"
        );
    }

    #[test]
    fn nesting_depth_counts_open_elements() {
        assert_eq!(nesting_depth("<div><p>a<br>b</p><img src=x></div>"), 2);
        // Unclosed paragraphs and list items are siblings, not a staircase.
        assert_eq!(
            nesting_depth(&format!("<body>{}</body>", "<p>para".repeat(3000))),
            2
        );
        assert_eq!(nesting_depth("<ul><li>a<li>b<li>c</ul><div></div>"), 2);
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(&deep), 5000);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("It&rsquo;s &#8220;fine&#x201D; &amp; &bogus; done"),
            "It’s “fine” & &bogus; done"
        );
    }

    #[test]
    fn meta_prefers_published_over_modified() {
        let html = r#"<html><head>
            <meta property="og:site_name" content="The Harbour Post">
            <meta property="article:modified_time" content="2025-03-09T10:00:00Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Port police detain seven","datePublished":"2025-03-03T08:00:00+01:00",
              "dateModified":"2025-03-09","author":[{"@type":"Person","name":"Anna Holm"},{"@type":"Person","name":"Marek Varga"}]}</script>
            <title>Port police detain seven | The Harbour Post</title></head><body></body></html>"#;
        let m = page_meta(html);
        assert_eq!(m.published, Date::new(2025, 3, 3));
        assert_eq!(m.outlet.as_deref(), Some("The Harbour Post"));
        assert_eq!(m.author.as_deref(), Some("Anna Holm and Marek Varga"));
        assert_eq!(m.title.as_deref(), Some("Port police detain seven"));
    }

    #[test]
    fn time_element_marked_as_update_is_skipped() {
        let html = r#"<html><body><article><p class="updated">Updated <time datetime="2025-03-09">9 March</time></p>
            <p class="date"><time datetime="2025-03-03">3 March</time></p></article></body></html>"#;
        assert_eq!(page_meta(html).published, Date::new(2025, 3, 3));
        assert_eq!(
            strip_site_suffix("A long headline here - Site", None),
            "A long headline here"
        );
    }
}
