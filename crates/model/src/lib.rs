//! The data model every storyline stage shares.
//!
//! A [`Document`] is one article after ingest: its clean `text` plus metadata.
//! Positions inside a document are always byte offsets into `Document::text`
//! ([`Span`]); later stages (tokens, entities, time expressions, events) add
//! annotations that point into the same text, never copies of it.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's `text`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
    Warc,
    Rss,
    Atom,
    JsonFeed,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::JsonFeed => "jsonfeed",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            "jsonl" => Format::Jsonl,
            "warc" => Format::Warc,
            "rss" => Format::Rss,
            "atom" => Format::Atom,
            "jsonfeed" => Format::JsonFeed,
            _ => return None,
        })
    }
}

/// Where a document's publication date came from (the export's `published_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// Found in the visible text (dateline, date under the headline).
    Text,
    /// HTML meta, JSON-LD, `<time>`, feed date or a JSON field.
    Metadata,
    /// Inferred later, e.g. from events linked to dated reports.
    Inferred,
    /// Unknown.
    #[default]
    None,
}

impl PublishedFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedFrom::Text => "text",
            PublishedFrom::Metadata => "metadata",
            PublishedFrom::Inferred => "inferred",
            PublishedFrom::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<PublishedFrom> {
        Some(match name {
            "text" => PublishedFrom::Text,
            "metadata" => PublishedFrom::Metadata,
            "inferred" => PublishedFrom::Inferred,
            "none" => PublishedFrom::None,
            _ => return None,
        })
    }
}

/// A calendar date (proleptic Gregorian), always valid once constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date, or `None` when the day does not exist (31 April, 29 February 2023).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before), proleptic Gregorian. Interval
    /// arithmetic on dates (linking, widening by precision) works on these.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number (inverse of [`Date::day_number`]).
    pub fn from_day_number(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// English month names, lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lower case, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Is `word` (any case) a month or weekday name? Capitalised, they look
/// like names to anything that reads capitals as names.
pub fn is_calendar_name(word: &str) -> bool {
    MONTH_NAMES
        .iter()
        .chain(&WEEKDAY_NAMES)
        .any(|n| n.eq_ignore_ascii_case(word))
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// One ingested article: clean main text plus metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Stable id: a hash of the record's input bytes.
    pub id: String,
    /// The file path as given, or the URL / WARC record URI.
    pub source: String,
    pub format: Option<Format>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<Date>,
    pub published_from: PublishedFrom,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// Main content, paragraphs separated by a blank line (`\n\n`).
    pub text: String,
    /// Boilerplate blocks removed from the input, in input order.
    pub removed: Vec<String>,
    /// Input fields with no place above (for example extra JSON Lines keys).
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The id of an earlier document this one nearly repeats (one wire story, two outlets).
    pub near_duplicate_of: Option<String>,
}

impl Document {
    /// Byte spans of the paragraphs of `text`.
    pub fn paragraphs(&self) -> Vec<Span> {
        paragraph_spans(&self.text)
    }
}

/// Byte spans of the words inside quotation marks in `text`, without the marks. Marks are
/// paired within a paragraph: curly marks by direction, straight ones in alternation. Every
/// pair is returned, scare quotes too ("a 'show trial'"); readers that want speech only
/// filter them.
pub fn quotation_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for para in paragraph_spans(text) {
        let p = para.of(text);
        let mut open: Option<(usize, char)> = None;
        for (k, c) in p.char_indices() {
            let at = para.start + k;
            match (c, open) {
                ('\u{201c}', _) => open = Some((at + c.len_utf8(), '\u{201c}')),
                ('\u{201d}', Some((start, '\u{201c}'))) => {
                    out.push(Span::new(start, at));
                    open = None;
                }
                ('"', Some((start, '"'))) => {
                    out.push(Span::new(start, at));
                    open = None;
                }
                ('"', None) => open = Some((at + 1, '"')),
                _ => {}
            }
        }
    }
    out
}

/// Byte spans of the `\n\n`-separated paragraphs of `text`, blank ones skipped.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        if at > start {
            spans.push(Span::new(start, at));
        }
        start = at + 2;
    }
    if start < text.len() {
        spans.push(Span::new(start, text.len()));
    }
    spans.retain(|s| !s.of(text).trim().is_empty());
    spans
}

/// Linguistic annotation of a text, in the manner of spaCy's `Doc`: every
/// stage adds to it, and every position is a byte span into `text`.
pub mod doc {
    use super::Span;
    use std::ops::Range;

    /// One syntactic word. A contraction such as "don't" is two tokens whose
    /// spans together cover its characters ("do" + "n't").
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Token {
        pub span: Span,
        /// Universal part of speech (UD), empty until tagged.
        pub upos: String,
        /// Penn Treebank tag, empty until tagged.
        pub xpos: String,
        pub lemma: String,
        /// Index (in `Doc::tokens`) of the syntactic head; `None` for the root
        /// or before parsing.
        pub head: Option<usize>,
        /// UD dependency relation, empty until parsed.
        pub deprel: String,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Sentence {
        pub span: Span,
        /// Indices into `Doc::tokens`.
        pub tokens: Range<usize>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum EntityLabel {
        Per,
        Org,
        Loc,
        Misc,
    }

    impl EntityLabel {
        pub fn as_str(self) -> &'static str {
            match self {
                EntityLabel::Per => "PER",
                EntityLabel::Org => "ORG",
                EntityLabel::Loc => "LOC",
                EntityLabel::Misc => "MISC",
            }
        }

        pub fn parse(s: &str) -> Option<EntityLabel> {
            Some(match s {
                "PER" => EntityLabel::Per,
                "ORG" => EntityLabel::Org,
                "LOC" => EntityLabel::Loc,
                "MISC" => EntityLabel::Misc,
                _ => return None,
            })
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Entity {
        pub span: Span,
        /// Indices into `Doc::tokens`.
        pub tokens: Range<usize>,
        pub label: EntityLabel,
    }

    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Doc {
        pub text: String,
        pub tokens: Vec<Token>,
        pub sentences: Vec<Sentence>,
        pub entities: Vec<Entity>,
    }

    impl Doc {
        pub fn token_text(&self, i: usize) -> &str {
            self.tokens[i].span.of(&self.text)
        }

        /// The tokens of sentence `s`.
        pub fn sentence_tokens(&self, s: usize) -> &[Token] {
            &self.tokens[self.sentences[s].tokens.clone()]
        }
    }

    /// The lead of a wire dateline that opens `line` ("BISHKEK, Jan 15 (Steppe News)" of
    /// "BISHKEK, Jan 15 (Steppe News) - Police ..."): the text before the first dash, when
    /// it is short, opens with a capital and holds a comma. The text-level reading of what
    /// [`dateline_len`] finds in words, for stages that have the text but not the tokens.
    pub fn dateline_lead(line: &str) -> Option<&str> {
        let line = line.trim_start();
        let dash = [" - ", " \u{2013} ", " \u{2014} ", "\u{2014}"]
            .iter()
            .filter_map(|d| line.find(d))
            .min()?;
        let lead = line[..dash].trim_end();
        (lead.chars().count() <= 80
            && lead.contains(',')
            && lead.chars().next().is_some_and(char::is_uppercase))
        .then_some(lead)
    }

    /// The number of words of a wire dateline that opens a sentence
    /// ("VELMORA, May 17 (Meridian) -", "VELMORA -"), dash included, or `None`. It names
    /// where and when the story was filed, so the parser reads the sentence
    /// after it on its own and events never take it as a participant.
    pub fn dateline_len(words: &[&str]) -> Option<usize> {
        let limit = words.len().min(14);
        let dash = words[..limit]
            .iter()
            .position(|w| matches!(*w, "-" | "–" | "—" | "--"))?;
        if dash == 0 || dash + 1 >= words.len() {
            return None;
        }
        let lead = &words[..dash];
        // A dateline names a place, a date and an agency, all capitalised; a lowercase word
        // means a clause, and the dash a hyphen the tokenizer split off ("Iran has executed
        // Alireza Akbari, a British-Iranian dual national").
        let particle =
            |w: &str| matches!(w, "de" | "da" | "del" | "di" | "al" | "el" | "la" | "of");
        let clause = lead
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !particle(w));
        if clause {
            return None;
        }
        let has_mark = lead.iter().any(|w| matches!(*w, "," | "(" | ")"));
        let starts_capital = lead[0].chars().next().is_some_and(char::is_uppercase);
        // "ZAGREB -", "NEW YORK —": a town in capitals alone is a dateline too.
        let shouted = |w: &&str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '\'')
        };
        let town_alone = dash <= 3 && lead.iter().all(shouted);
        ((dash >= 2 && has_mark && starts_capital) || town_alone).then_some(dash + 1)
    }
}

/// Dates travel as ISO `YYYY-MM-DD` strings in JSON, as in the export contract.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

pub mod event;
pub mod people;
pub mod taxonomy;
pub mod verbs;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_reject_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
    }

    #[test]
    fn iso_round_trip() {
        let d = Date::parse_iso("2025-03-09").unwrap();
        assert_eq!(d.to_string(), "2025-03-09");
        assert!(Date::parse_iso("2025-3-09").is_none());
        assert!(Date::parse_iso("2025-02-30").is_none());
    }

    #[test]
    fn a_dateline_is_a_wire_lead_or_a_town_in_capitals() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            doc::dateline_len(&words("VELMORA , May 17 ( Meridian ) - Police left .")),
            Some(8)
        );
        assert_eq!(
            doc::dateline_len(&words("NEW YORK - Police left .")),
            Some(3)
        );
        assert_eq!(
            doc::dateline_len(&words("KYIV \u{2014} Police left .")),
            Some(2)
        );
        // A name in normal case, or a long shouted lead, is the sentence itself.
        assert_eq!(doc::dateline_len(&words("Velmora - Police left .")), None);
        assert_eq!(
            doc::dateline_len(&words(
                "Iran has executed Ali Akbari , a British - Iranian national ."
            )),
            None
        );
        assert_eq!(
            doc::dateline_len(&words(
                "RIO DE JANEIRO , Brazil , May 3 ( Reuters ) - Police left ."
            )),
            Some(12)
        );
        assert_eq!(
            doc::dateline_len(&words("THE POLICE HAVE LEFT TOWN - they said .")),
            None
        );
    }

    #[test]
    fn dateline_leads_end_at_the_dash() {
        let lead = doc::dateline_lead("BISHKEK, Jan 15 (Steppe News) - Police said - twice.");
        assert_eq!(lead, Some("BISHKEK, Jan 15 (Steppe News)"));
        assert_eq!(doc::dateline_lead("VELMORA \u{2014} Police said."), None);
        assert_eq!(doc::dateline_lead("police, they said - twice."), None);
    }

    #[test]
    fn paragraph_spans_point_into_text() {
        let text = "First para.\n\nSecond para.\n\n\n\nThird.";
        let spans = paragraph_spans(text);
        let got: Vec<&str> = spans.iter().map(|s| s.of(text).trim()).collect();
        assert_eq!(got, ["First para.", "Second para.", "Third."]);
    }
}
