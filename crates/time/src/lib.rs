//! Absolute calendar dates as English news writes them.
//!
//! [`find_dates`] scans text for written dates ("6 April 2023", "Apr. 6, 2023",
//! "Thu 6 Apr 2023 11.49 BST", "2023-04-06T09:00Z", "06.04.2023") and returns each
//! with its byte span. A date without a year ("March 12", as in wire datelines)
//! is returned with `year: None`: the caller decides, nothing is guessed.
//! All-numeric dates whose day/month order cannot be told apart (`03/04/2023`)
//! are not returned at all.
//!
//! Relative and deictic expressions ("last Monday") belong to the time-expression
//! stage built on top of this crate.

use once_cell::sync::Lazy;
use regex::Regex;
use storyline_model::{Date, Span};

/// A date written in full or in part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub year: Option<i32>,
    pub month: u8,
    pub day: Option<u8>,
}

impl DateMention {
    /// The calendar date, when year, month and day are all written.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day?)
    }
}

const MONTH: &str = r"(?P<MON>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str =
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

static PATTERNS: Lazy<Vec<(Regex, Order)>> = Lazy::new(|| {
    let day = r"(?P<D>[0-3]?\d)(?:st|nd|rd|th)?";
    // A year may run straight into a time when a page's date and time were
    // separate elements ("March 14, 20235:32 PM" in pasted text); the time is
    // then part of the match.
    let year = r"(?P<Y>1[89]\d\d|20\d\d)(?:(?-u:\b)|\d{1,2}[:.]\d\d(?-u:\b))";
    let sep = r"[\s\u{a0}]+";
    let specs: Vec<(String, Order)> = vec![
        // 2023-04-06, 2023/04/06, optionally followed by a time
        (
            r"(?-u:\b)(?P<Y>1[89]\d\d|20\d\d)[-/](?P<M>[01]?\d)[-/](?P<D>[0-3]?\d)(?:(?-u:\b)|T)"
                .to_string(),
            Order::Ymd,
        ),
        // Thursday, 6 April 2023 / 6th of April, 2023 / 06 Apr 2023
        (
            format!(r"(?i)(?-u:\b){WEEKDAY}{day}(?:{sep}of)?{sep}{MONTH},?{sep}{year}"),
            Order::Dmy,
        ),
        // Thursday, April 6, 2023 / Apr. 6 2023 / April 6th, 2023
        (
            format!(r"(?i)(?-u:\b){WEEKDAY}{MONTH}{sep}{day},?{sep}{year}"),
            Order::Mdy,
        ),
        // 06.04.2023 (day-first is the only convention that uses dots)
        (
            r"(?-u:\b)(?P<D>[0-3]?\d)\.(?P<M>[01]?\d)\.(?P<Y>1[89]\d\d|20\d\d)(?-u:\b)".to_string(),
            Order::Dmy,
        ),
        // 13/04/2023 or 04/13/2023 when only one reading is possible
        (
            r"(?-u:\b)(?P<A>[0-3]?\d)/(?P<B>[0-3]?\d)/(?P<Y>1[89]\d\d|20\d\d)(?-u:\b)".to_string(),
            Order::Ambiguous,
        ),
        // April 2023 (month precision)
        (format!(r"(?i)(?-u:\b){MONTH}{sep}{year}"), Order::MonthYear),
        // 6 April / April 6 (no year)
        (
            format!(r"(?i)(?-u:\b){WEEKDAY}{day}{sep}{MONTH}(?:(?-u:\b)|$)"),
            Order::Dm,
        ),
        (
            format!(r"(?i)(?-u:\b){WEEKDAY}{MONTH}{sep}{day}(?-u:\b)"),
            Order::Md,
        ),
    ];
    specs
        .into_iter()
        .map(|(p, o)| (Regex::new(&p).expect("date pattern compiles"), o))
        .collect()
});

#[derive(Debug, Clone, Copy)]
enum Order {
    Ymd,
    Dmy,
    Mdy,
    Ambiguous,
    MonthYear,
    Dm,
    Md,
}

/// Month number for an English month name or abbreviation ("Sept.", "june").
pub fn month_number(name: &str) -> Option<u8> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let key = n.get(..3)?;
    let m = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Every written date in `text`, left to right, longest reading first where
/// readings overlap (a full "6 April 2023" wins over its "6 April" part).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    // Spans a longer pattern already claimed, valid or not: the "April 2023"
    // inside an impossible "31 April 2023" is not a date either.
    let mut claimed: Vec<Span> = Vec::new();
    for (re, order) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let span = Span::new(whole.start(), whole.end());
            if claimed
                .iter()
                .any(|c| c.start < span.end && span.start < c.end)
            {
                continue;
            }
            claimed.push(span);
            let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let month_word = caps.name("MON").and_then(|m| month_number(m.as_str()));
            let year = num("Y").map(|y| y as i32);
            let mention = match order {
                Order::Ymd | Order::Dmy if month_word.is_none() => {
                    full(span, year, num("M"), num("D"))
                }
                Order::Ymd | Order::Dmy | Order::Mdy => {
                    full(span, year, month_word.map(u32::from), num("D"))
                }
                Order::Ambiguous => {
                    let (a, b) = (num("A"), num("B"));
                    match (a, b) {
                        (Some(a), Some(b)) if a > 12 && b <= 12 => {
                            full(span, year, Some(b), Some(a))
                        }
                        (Some(a), Some(b)) if b > 12 && a <= 12 => {
                            full(span, year, Some(a), Some(b))
                        }
                        (Some(a), Some(b)) if a == b => full(span, year, Some(a), Some(b)),
                        _ => None,
                    }
                }
                Order::MonthYear => month_word.map(|month| DateMention {
                    span,
                    year,
                    month,
                    day: None,
                }),
                Order::Dm | Order::Md => {
                    let (Some(month), Some(day)) = (month_word, num("D")) else {
                        continue;
                    };
                    // "May 2" is a date, but "may 2" in running text rarely is; require a capital.
                    let mon = caps.name("MON").map(|m| m.as_str()).unwrap_or("");
                    if !mon.starts_with(|c: char| c.is_uppercase()) {
                        continue;
                    }
                    // Any year works for the validity check of a day in a month except 29 February.
                    Date::new(2024, month, day as u8).map(|_| DateMention {
                        span,
                        year: None,
                        month,
                        day: Some(day as u8),
                    })
                }
            };
            if let Some(m) = mention {
                found.push(m);
            }
        }
    }
    found.sort_by_key(|m| m.span.start);
    found
}

fn full(
    span: Span,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
) -> Option<DateMention> {
    let (year, month, day) = (year?, month?, day?);
    let date = Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    Some(DateMention {
        span,
        year: Some(date.year),
        month: date.month,
        day: Some(date.day),
    })
}

/// Parses a whole string holding one date, as found in metadata fields
/// (`2023-04-06T09:12:00+02:00`, `Thu, 06 Apr 2023 09:12:00 GMT`, `April 6, 2023`).
pub fn parse_date(s: &str) -> Option<Date> {
    find_dates(s).into_iter().find_map(|m| m.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        find_dates(text)
            .iter()
            .map(|m| match m.date() {
                Some(d) => d.to_string(),
                None => format!("{:?}-{:02}-{:?}", m.year, m.month, m.day),
            })
            .collect()
    }

    #[test]
    fn written_forms() {
        assert_eq!(dates("on 6 April 2023 the"), ["2023-04-06"]);
        assert_eq!(dates("Published: April 6, 2023 09:14 GMT"), ["2023-04-06"]);
        assert_eq!(dates("Apr. 6 2023"), ["2023-04-06"]);
        assert_eq!(dates("Thu 6 Apr 2023 11.49 BST"), ["2023-04-06"]);
        assert_eq!(dates("Thursday, 6th of April, 2023"), ["2023-04-06"]);
        assert_eq!(dates("2023-04-06T09:12:00Z"), ["2023-04-06"]);
        assert_eq!(dates("06.04.2023"), ["2023-04-06"]);
        assert_eq!(dates("Sept. 30, 2024"), ["2024-09-30"]);
        assert_eq!(
            dates("March 14, 20235:32 PM GMTUpdated 2 hours ago"),
            ["2023-03-14"]
        );
        assert!(dates("April 20235").is_empty());
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_not_returned() {
        assert!(dates("31 April 2023").is_empty());
        assert!(dates("29 February 2023").is_empty());
        assert_eq!(dates("29 February 2024"), ["2024-02-29"]);
        assert!(dates("03/04/2023").is_empty());
        assert_eq!(dates("13/04/2023"), ["2023-04-13"]);
        assert_eq!(dates("04/13/2023"), ["2023-04-13"]);
    }

    #[test]
    fn missing_year_stays_missing() {
        let m = find_dates("ISTANBUL, March 12 (Wire) -");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].year, m[0].month, m[0].day), (None, 3, Some(12)));
        assert!(m[0].date().is_none());
        // lower-case "may" is a verb far more often than a month
        assert!(find_dates("it may 2 be").is_empty());
    }

    #[test]
    fn spans_cover_the_written_date() {
        let text = "Last modified on Tue 14 Mar 2023 13.02 GMT";
        let m = &find_dates(text)[0];
        assert_eq!(m.span.of(text), "Tue 14 Mar 2023");
    }
}
