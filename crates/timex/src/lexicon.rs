//! Word lists: numbers, units, months, weekdays, parts of the day.

use crate::point::{DayPart, Season, Unit};

pub fn month(w: &str) -> Option<u8> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// Abbreviations that need a following "." or number to count.
pub fn month_abbrev(w: &str) -> Option<u8> {
    Some(match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday number (Monday = 1).
pub fn weekday(w: &str) -> Option<u8> {
    Some(match w {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

pub fn weekday_plural(w: &str) -> Option<u8> {
    weekday(w.strip_suffix('s')?)
}

pub fn season(w: &str) -> Option<Season> {
    Some(match w {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

pub fn day_part(w: &str) -> Option<DayPart> {
    Some(match w {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        "night" => DayPart::Night,
        _ => return None,
    })
}

/// A unit word, singular or plural; `true` when plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Seconds are a unit only for durations.
pub fn is_seconds(w: &str) -> Option<bool> {
    match w {
        "second" | "sec" => Some(false),
        "seconds" | "secs" => Some(true),
        _ => None,
    }
}

/// Spelled numbers below twenty, and "dozen" (as in "a dozen years").
pub fn small_number(w: &str) -> Option<i64> {
    if w == "dozen" {
        return Some(12);
    }
    storyline_quantity::small_number_word(w).map(|n| n as i64)
}

pub fn tens(w: &str) -> Option<i64> {
    storyline_quantity::tens_word(w).map(|n| n as i64)
}

pub fn ordinal(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

/// "nineties" → 9 (the decade's tens digit).
pub fn decade_word(w: &str) -> Option<i32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// Time zones written after a clock time.
pub fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "bst"
            | "utc"
            | "et"
            | "pt"
            | "ct"
            | "cet"
            | "cest"
            | "ist"
            | "jst"
            | "aest"
            | "aedt"
            | "hkt"
    )
}
