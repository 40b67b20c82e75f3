//! Metadata from the visible text of an article: headline, byline, outlet and
//! publication date.
//!
//! Works on classified blocks. The *header zone* is everything before the
//! first body paragraph; headlines, bylines and date lines live there.
//! A date counts as the publication date only when its context does not say
//! it is an update, a modification or a copyright year.

use std::collections::{BTreeMap, HashSet};

use once_cell::sync::Lazy;
use regex::Regex;
use storyline_model::Date;
use storyline_time::find_dates;

use crate::features::{is_stop_word, words, BlockShape};
use crate::text::{Block, THRESHOLD};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    /// Indices of blocks that became metadata (headline, byline, date line).
    pub consumed: HashSet<usize>,
}

static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[Bb]y|BY|[Ww]ords by|[Ww]ritten by|[Rr]eporting by)[:\s]+(.+)$")
        .expect("byline regex")
});
/// Two to four capitalised words, then optionally "in Place" or "and Other Name".
static UNLABELLED_BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}(?:\s+(?:in|and)\s+\p{Lu}[\p{L}'’. -]*)?$")
        .expect("unlabelled byline regex")
});
static NAME: &str = r"[A-Z][\p{L}'’.-]*(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|der|da|al|bin))*";
static SUPPORT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:[Ss]upport|SUPPORT|[Dd]onate to|[Ss]ubscribe to)\s+((?:[Tt]he\s+)?{NAME})"
    ))
    .expect("support regex")
});
static COPYRIGHT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?((?:[Tt]he\s+)?{NAME})"
    ))
    .expect("copyright regex")
});
static LOGO: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(r"^(?:(?:[Tt]he\s+)?({NAME})\s+(?:logo|Logo|LOGO)|[Ll]ogo (?:of|for)\s+((?:[Tt]he\s+)?{NAME}))$"))
        .expect("logo regex")
});
static SOURCE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^(?:Source|SOURCE|Sources):\s*((?:[Tt]he\s+)?{NAME})"
    ))
    .expect("source regex")
});
static CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][\p{L} .'-]{1,40},?[^()]{0,40}\(([A-Z][\p{L}&' .-]{1,40})\)\s*[-–—]")
        .expect("credit regex")
});

/// Names that are parts of a page, not publishers.
fn is_generic(name: &str) -> bool {
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "our"
            | "us"
            | "local"
            | "independent"
            | "quality"
            | "free"
            | "this"
            | "all"
            | "now"
            | "site"
            | "home"
            | "page"
            | "main"
            | "public"
            | "journalism"
            | "news"
    ) || lower.split_whitespace().count() > 6
}

fn tidy_outlet(name: &str) -> String {
    let name = name
        .trim()
        .trim_end_matches(['.', ',', ':', ';'])
        .trim_end_matches("'s")
        .trim_end_matches("’s");
    let name = name
        .strip_suffix(" All rights reserved")
        .or_else(|| name.strip_suffix(" All Rights Reserved"))
        .unwrap_or(name)
        .trim()
        .trim_end_matches('.');
    match name.strip_prefix("the ") {
        Some(rest) => format!("The {rest}"),
        None => name.to_owned(),
    }
}

/// Whether a name says what it is: mastheads carry a word for a newsroom
/// ("Herald", "News", "Agency"), section names ("Middle East") do not.
fn names_a_publisher(name: &str) -> bool {
    const KINDS: &[&str] = &[
        "agency",
        "bbc",
        "brief",
        "broadcasting",
        "bulletin",
        "channel",
        "chronicle",
        "courier",
        "daily",
        "digest",
        "dispatch",
        "examiner",
        "express",
        "gazette",
        "globe",
        "guardian",
        "herald",
        "independent",
        "inquirer",
        "journal",
        "ledger",
        "mail",
        "media",
        "mirror",
        "monitor",
        "network",
        "news",
        "newsletter",
        "observer",
        "post",
        "press",
        "radio",
        "record",
        "reporter",
        "review",
        "sentinel",
        "standard",
        "star",
        "sun",
        "telegraph",
        "television",
        "times",
        "today",
        "tribune",
        "tv",
        "watch",
        "weekly",
        "wire",
        "world",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| KINDS.binary_search(&w.to_lowercase().as_str()).is_ok())
}

/// A short line of capitalised words: how mastheads and section names look.
fn is_masthead_shaped(text: &str) -> bool {
    let ws: Vec<&str> = text.split_whitespace().collect();
    (1..=5).contains(&ws.len())
        && ws
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "of" | "the" | "and" | "&"))
        && !text
            .chars()
            .any(|c| c.is_numeric() || matches!(c, '|' | '>' | ':' | '.' | ','))
}

/// Block indices before the first body paragraph.
fn header_end(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .position(|b| b.p_remove <= THRESHOLD && BlockShape::of(&b.text).prose)
        .unwrap_or(blocks.len().min(12))
        .min(30)
}

pub fn text_meta(blocks: &[Block]) -> TextMeta {
    let mut meta = TextMeta::default();
    let head = header_end(blocks);

    // Byline.
    for (i, b) in blocks.iter().enumerate().take(head + 2) {
        if let Some(author) = byline(&b.text) {
            meta.author = Some(author);
            if BYLINE.is_match(&b.text) {
                meta.consumed.insert(i);
            }
            break;
        }
    }

    // Publication date.
    let date_line = publication_date(blocks, head, &mut meta.consumed);
    meta.published = date_line.map(|(_, d)| d);

    // Headline: a header block that shares vocabulary with the body, shaped
    // like a headline, close above the byline or date line; the earliest of
    // the best (a standfirst follows its headline).
    let body: HashSet<String> = blocks
        .iter()
        .skip(head)
        .filter(|b| b.p_remove <= THRESHOLD)
        .flat_map(|b| content_words(&b.text))
        .collect();
    let anchor = meta.consumed.iter().copied().min();
    let mut scored: Vec<(f32, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate().take(head) {
        if meta.consumed.contains(&i) {
            continue;
        }
        let n_words = words(&b.text).count();
        let t = b.text.trim();
        if !(4..=30).contains(&n_words) || t.ends_with([':', ')', ']']) || is_masthead_shaped(t) {
            continue;
        }
        let date_cover: usize = find_dates(t).iter().map(|m| m.span.len()).sum();
        if date_cover * 3 > t.len() {
            continue;
        }
        let cw = content_words(t);
        if cw.is_empty() {
            continue;
        }
        let overlap = cw.iter().filter(|w| body.contains(*w)).count() as f32 / cw.len() as f32;
        if overlap < 0.3 {
            continue;
        }
        let mut score = overlap;
        if t.ends_with('.') {
            score -= 0.15;
        }
        if anchor.is_some_and(|a| i < a && a - i <= 3) {
            score += 0.3;
        }
        // Headlines are short; a standfirst under them runs longer.
        if n_words <= 16 {
            score += 0.1;
        }
        scored.push((score, i));
    }
    let top = scored.iter().map(|(s, _)| *s).fold(f32::MIN, f32::max);
    if let Some(&(_, i)) = scored.iter().find(|(s, _)| *s >= top - 0.2) {
        meta.title = Some(blocks[i].text.clone());
        meta.consumed.insert(i);
    }

    // A byline without "By" ("Anna Holm in Valemont"): a name between the
    // headline and the body, next to the date line or naming a place.
    if meta.author.is_none() {
        let title_at = blocks
            .iter()
            .position(|b| Some(&b.text) == meta.title.as_ref());
        let date_at = date_line.and_then(|(i, _)| i);
        if let Some(t) = title_at {
            for (i, block) in blocks.iter().enumerate().take(head).skip(t + 1) {
                if meta.consumed.contains(&i) {
                    continue;
                }
                let text = &block.text;
                let near_date = date_at.is_some_and(|d| d == i + 1 || i == d + 1);
                if (near_date || text.contains(" in ")) && UNLABELLED_BYLINE.is_match(text) {
                    if let Some(name) = author_names(text) {
                        meta.author = Some(name);
                        meta.consumed.insert(i);
                        break;
                    }
                }
            }
        }
    }

    meta.outlet = outlet(blocks, head, &meta);
    meta
}

fn content_words(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| {
            w.chars().count() >= 3 && !is_stop_word(w) && !w.chars().all(|c| c.is_numeric())
        })
        .collect()
}

/// The author names of a byline block ("By Ana Lind and Marek Holm, Staff Reporters").
pub fn byline(text: &str) -> Option<String> {
    let caps = BYLINE.captures(text.trim())?;
    author_names(caps.get(1)?.as_str())
}

/// The names in a byline without its "By": roles, places, dates and outlets after them cut off.
pub fn author_names(rest: &str) -> Option<String> {
    // Cut at separators that end the names: role, place, date, outlet.
    let mut end = rest.len();
    for sep in [
        " | ", " • ", " · ", " - ", " – ", " — ", ";", " in ", " for ", "  ",
    ] {
        if let Some(i) = rest.find(sep) {
            end = end.min(i);
        }
    }
    let mut names = rest[..end].trim().to_owned();
    // A comma starts a role ("Jane Doe, Security Correspondent") unless a
    // list of names follows ("A, B and C").
    if let Some(i) = names.find(',') {
        let after = names[i + 1..].trim();
        // "Jane Doe, Portesca" is a place; "A, B and C" a list.
        let is_list = (after.contains(" and ") || after.contains(',')) && !is_role(after);
        if !is_list {
            names.truncate(i);
        }
    }
    // Drop a date glued to the byline.
    if let Some(d) = find_dates(&names).first() {
        names.truncate(d.span.start);
    }
    let names = names.trim().trim_end_matches([',', '.', ':']).trim();
    let n_words = names.split_whitespace().count();
    let capitalised = names
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "and" | "&" | "de" | "van" | "von" | "der" | "da" | "al" | "bin"
            )
        })
        .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    (1..=12)
        .contains(&n_words)
        .then_some(())
        .filter(|_| capitalised)?;
    // All-caps bylines ("BY ANNA HOLM") become "Anna Holm".
    if names
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
    {
        return Some(
            names
                .split_whitespace()
                .map(|w| {
                    let mut cs = w.chars();
                    let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
                    first + &cs.as_str().to_lowercase()
                })
                .collect::<Vec<_>>()
                .join(" ")
                .replace(" And ", " and "),
        );
    }
    Some(names.to_owned())
}

fn is_role(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "correspondent",
        "reporter",
        "editor",
        "writer",
        "staff",
        "bureau",
        "desk",
        "chief",
        "analyst",
        "columnist",
        "contributor",
        "producer",
    ]
    .iter()
    .any(|r| l.contains(r))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRank {
    /// "Published 3 March 2025" near the headline.
    Labelled = 4,
    /// A date line of its own under the headline.
    HeaderLine = 3,
    /// A dateline opening the first paragraph ("PORTESCA, 3 March 2025 -").
    Dateline = 2,
    /// "Published ..." at the foot of the page.
    FooterLabelled = 1,
}

/// The publication date and, when it stands on a line of its own under the
/// headline, that line's index (which is consumed).
fn publication_date(
    blocks: &[Block],
    head: usize,
    consumed: &mut HashSet<usize>,
) -> Option<(Option<usize>, Date)> {
    let last_body = blocks
        .iter()
        .rposition(|b| b.p_remove <= THRESHOLD && BlockShape::of(&b.text).prose)
        .unwrap_or(blocks.len());
    let mut best: Option<(DateRank, usize, Date)> = None;
    for (i, b) in blocks.iter().enumerate() {
        let zone_head = i < head;
        let zone_first_para = i == head;
        let zone_foot = i > last_body;
        if !(zone_head || zone_first_para || zone_foot) {
            continue;
        }
        let text = &b.text;
        let mut prev_end = 0;
        for m in find_dates(text) {
            let context = text[prev_end..m.span.start].to_lowercase();
            prev_end = m.span.end;
            let Some(date) = m.date() else { continue };
            let is_update = [
                "updat",
                "modif",
                "edited",
                "amended",
                "corrected",
                "revised",
                "changed",
            ]
            .iter()
            .any(|k| context.contains(k));
            let is_copyright = context.contains('©') || context.contains("copyright");
            if is_update || is_copyright {
                continue;
            }
            let labelled = [
                "published",
                "posted",
                "issued",
                "released",
                "dated",
                "filed",
            ]
            .iter()
            .any(|k| context.contains(k));
            let n_words = text.split_whitespace().count();
            let rank = if zone_head && labelled {
                DateRank::Labelled
            } else if zone_head && n_words <= 14 {
                DateRank::HeaderLine
            } else if zone_first_para
                && m.span.start < 60
                && text[m.span.end..]
                    .trim_start()
                    .starts_with(['-', '–', '—', '(', ':'])
            {
                DateRank::Dateline
            } else if zone_foot && labelled {
                DateRank::FooterLabelled
            } else {
                continue;
            };
            if best.is_none_or(|(r, _, _)| rank > r) {
                best = Some((rank, i, date));
            }
        }
    }
    let (rank, i, date) = best?;
    if matches!(rank, DateRank::Labelled | DateRank::HeaderLine) {
        consumed.insert(i);
        return Some((Some(i), date));
    }
    Some((None, date))
}

fn outlet(blocks: &[Block], head: usize, meta: &TextMeta) -> Option<String> {
    let mut votes: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut vote = |name: &str| {
        let name = tidy_outlet(name);
        if name.len() < 2 || is_generic(&name) {
            return;
        }
        let key = name.to_lowercase().trim_start_matches("the ").to_owned();
        let entry = votes.entry(key).or_insert((0, name.clone()));
        entry.0 += 1;
        if name.len() > entry.1.len() {
            entry.1 = name;
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if b.p_remove > THRESHOLD || i <= head {
            for caps in SUPPORT.captures_iter(&b.text) {
                vote(&caps[1]);
            }
            for caps in COPYRIGHT.captures_iter(&b.text) {
                vote(&caps[1]);
            }
            if let Some(caps) = SOURCE.captures(&b.text) {
                vote(&caps[1]);
            }
            if let Some(caps) = LOGO.captures(&b.text) {
                if let Some(m) = caps.get(1).or(caps.get(2)) {
                    vote(m.as_str());
                }
            }
        }
        if i == head || i == head + 1 {
            if let Some(caps) = CREDIT.captures(&b.text) {
                vote(&caps[1]);
            }
        }
    }
    // A masthead: a short capitalised line at the very top that is not the
    // headline ("The Harbour Post", or "HP | The Harbour Post").
    let masthead = blocks
        .iter()
        .take(head.min(6))
        .enumerate()
        .find_map(|(i, b)| {
            if meta.consumed.contains(&i) {
                return None;
            }
            // "HPN | Harbour Press Network", or "The Harbour Post - Back to home":
            // the name is the spelled-out or the leading part.
            let text = expand_paired_acronym(&b.text).unwrap_or_else(|| {
                [" | ", " - ", " – ", " — "]
                    .iter()
                    .find_map(|sep| {
                        b.text
                            .split_once(sep)
                            .map(|(head, _)| head.trim().to_owned())
                    })
                    .unwrap_or_else(|| b.text.clone())
            });
            let shaped = text.split_whitespace().count() >= 2
                && is_masthead_shaped(&text)
                && names_a_publisher(&text);
            shaped
                .then(|| tidy_outlet(&text))
                .filter(|m| !is_generic(m))
        });
    // The masthead counts double, and votes for a short form of it ("the
    // Courier", "CNNA") or sharing a word with it count for it.
    if let Some(m) = &masthead {
        let full_words: Vec<String> = m
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| w != "the")
            .collect();
        let initials = initials_of(m);
        let mut support = 2;
        votes.retain(|key, (n, _)| {
            let key_words: Vec<&str> = key.split_whitespace().collect();
            let related = key_words.iter().any(|k| full_words.iter().any(|f| f == k));
            let acronym = key_words.len() == 1 && key.len() >= 2 && *key == initials;
            if related || acronym {
                support += *n;
                false
            } else {
                true
            }
        });
        votes.insert(full_words.join(" "), (support, m.clone()));
    }
    let best = votes
        .into_values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())))
        .map(|(_, name)| name)?;
    // An acronym ("CNNA") is given in full where the page spells it out.
    if is_acronym(&best) {
        for b in blocks {
            if let Some(full) = expansion_in(&best, &b.text) {
                return Some(full);
            }
        }
    }
    Some(best)
}

pub fn is_acronym(s: &str) -> bool {
    (2..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// Lower-cased initials of the capitalised words of a name, "the" aside.
fn initials_of(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase) && !w.eq_ignore_ascii_case("the"))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase()
}

/// A run of capitalised words in `text` whose initials spell `acronym`.
pub fn expansion_in(acronym: &str, text: &str) -> Option<String> {
    let want = acronym.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '|' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .collect();
    let n = want.chars().count();
    for start in 0..words.len().saturating_sub(n - 1) {
        let run = &words[start..start + n];
        if run.iter().all(|w| w.starts_with(char::is_uppercase))
            && initials_of(&run.join(" ")) == want
        {
            return Some(run.join(" "));
        }
    }
    None
}

/// "CNNA | Calvena National News Agency" → the spelled-out half.
fn expand_paired_acronym(line: &str) -> Option<String> {
    let (a, b) = ["|", "–", "—", " - "]
        .iter()
        .find_map(|sep| line.split_once(sep))?;
    let (a, b) = (a.trim(), b.trim());
    if is_acronym(a) && initials_of(b) == a.to_lowercase() {
        Some(b.to_owned())
    } else if is_acronym(b) && initials_of(a) == b.to_lowercase() {
        Some(a.to_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_are_not_mastheads() {
        assert!(names_a_publisher("The Harbour Post"));
        assert!(!names_a_publisher("Middle East"));
        let body = "Police in the port city detained seven activists on Monday, the interior ministry said in a statement on its website.";
        let blocks = vec![
            block("Live", 0.9),
            block("Middle East", 0.9),
            block("Port police detain seven activists", 0.9),
            block(body, 0.1),
            block("Source: Harbour Wire and news agencies", 0.9),
        ];
        assert_eq!(text_meta(&blocks).outlet.as_deref(), Some("Harbour Wire"));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline("By Jane Doe, Security Correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            byline("By Jane Doe and John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            byline("By Jane Doe in Valemont").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline("BY JANE DOE").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline("By Jane Doe | 3 March 2025").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline("by the way, this is prose that goes on"), None);
    }

    fn block(text: &str, p: f32) -> Block {
        Block {
            text: text.into(),
            p_remove: p,
        }
    }

    #[test]
    fn header_metadata_and_update_stamps() {
        let body = "Police in the port city detained seven activists on Monday, the interior ministry said in a statement on its website.";
        let blocks = vec![
            block("Menu", 0.9),
            block("The Harbour Post", 0.9),
            block("Port police detain seven activists", 0.9),
            block("By Anna Holm", 0.9),
            block("Last modified on 9 March 2025", 0.9),
            block("3 March 2025", 0.9),
            block(body, 0.1),
            block("A second paragraph says the activists were taken to a police station in the port for questioning.", 0.1),
            block("Support The Harbour Post today", 0.9),
        ];
        let meta = text_meta(&blocks);
        assert_eq!(
            meta.title.as_deref(),
            Some("Port police detain seven activists")
        );
        assert_eq!(meta.author.as_deref(), Some("Anna Holm"));
        assert_eq!(meta.published, Date::new(2025, 3, 3));
        assert_eq!(meta.outlet.as_deref(), Some("The Harbour Post"));
        assert!(
            meta.consumed.contains(&2) && meta.consumed.contains(&3) && meta.consumed.contains(&5)
        );
    }

    #[test]
    fn byline_without_by_next_to_the_date() {
        let body = "Police in the port city detained seven activists on Monday, the interior ministry said in a statement on its website.";
        let blocks = vec![
            block("Middle East", 0.9),
            block("Port police detain seven activists", 0.9),
            block("Anna Holm in Valemont", 0.9),
            block("Tue 4 Mar 2025 11.49 GMT", 0.9),
            block(body, 0.1),
        ];
        let meta = text_meta(&blocks);
        assert_eq!(meta.author.as_deref(), Some("Anna Holm"));
        assert_eq!(meta.published, Date::new(2025, 3, 4));
        // Without a date line or a place, two capitalised words are not a byline.
        let blocks = vec![
            block("Port police detain seven activists", 0.9),
            block("Middle East", 0.9),
            block(body, 0.1),
        ];
        assert_eq!(text_meta(&blocks).author, None);
    }

    #[test]
    fn only_an_update_stamp_gives_no_date() {
        let blocks = vec![
            block("Updated 9 March 2025", 0.9),
            block("Police in the port city detained seven activists on Monday, the interior ministry said in a statement.", 0.1),
            block("© 2025 Harbour Post", 0.9),
        ];
        let meta = text_meta(&blocks);
        assert_eq!(meta.published, None);
        assert_eq!(meta.outlet.as_deref(), Some("Harbour Post"));
    }

    #[test]
    fn dateline_credit_gives_outlet_but_no_year_gives_no_date() {
        let blocks = vec![
            block("PORTESCA, March 12 (Meridian Press) - Police in the port city detained seven activists on Monday, the ministry said.", 0.1),
            block("They were taken to a police station in the port city for questioning, officials said on Tuesday.", 0.1),
        ];
        let meta = text_meta(&blocks);
        assert_eq!(meta.published, None);
        assert_eq!(meta.outlet.as_deref(), Some("Meridian Press"));
    }

    #[test]
    fn masthead_outweighs_a_copyright_holder_and_acronyms_expand() {
        let body = "Police in the port city detained seven activists on Monday, the interior ministry said in a statement.";
        let blocks = vec![
            block("HPN | Harbour Press Network", 0.9),
            block("Port police detain seven activists", 0.9),
            block(body, 0.1),
            block("© 2025 Anna Holm", 0.9),
        ];
        assert_eq!(
            text_meta(&blocks).outlet.as_deref(),
            Some("Harbour Press Network")
        );
        assert_eq!(
            expansion_in("HPN", "Welcome to Harbour Press Network, your port"),
            Some("Harbour Press Network".into())
        );
        let blocks = vec![
            block("Sign in", 0.9),
            block("The Harbour Post - Back to home", 0.9),
            block("Port police detain seven activists", 0.9),
            block(body, 0.1),
        ];
        assert_eq!(
            text_meta(&blocks).outlet.as_deref(),
            Some("The Harbour Post")
        );
    }
}
