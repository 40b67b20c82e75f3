//! Calendar arithmetic on [`Date`]: day numbers, weekdays, ISO weeks, month
//! and year shifts, and the named days of the year news refers to.

use storyline_model::{days_in_month, Date};

/// Days since 1970-01-01 (negative before), proleptic Gregorian.
pub fn day_number(d: Date) -> i64 {
    d.day_number()
}

/// The date of a day number (inverse of [`day_number`]).
pub fn from_day_number(z: i64) -> Date {
    Date::from_day_number(z)
}

pub fn add_days(d: Date, n: i64) -> Date {
    from_day_number(day_number(d) + n)
}

/// ISO weekday: Monday = 1 … Sunday = 7.
pub fn weekday(d: Date) -> u8 {
    // 1970-01-01 was a Thursday (4).
    ((day_number(d) + 3).rem_euclid(7) + 1) as u8
}

/// ISO 8601 week-numbering year and week (1–53) of a date.
pub fn iso_week(d: Date) -> (i32, u8) {
    let thursday = add_days(d, 4 - i64::from(weekday(d)));
    let jan1 = Date {
        year: thursday.year,
        month: 1,
        day: 1,
    };
    let week = (day_number(thursday) - day_number(jan1)) / 7 + 1;
    (thursday.year, week as u8)
}

/// The Monday that starts ISO week `week` of ISO year `year`.
pub fn iso_week_monday(year: i32, week: u8) -> Date {
    let jan4 = Date {
        year,
        month: 1,
        day: 4,
    };
    let week1_monday = add_days(jan4, 1 - i64::from(weekday(jan4)));
    add_days(week1_monday, 7 * (i64::from(week) - 1))
}

/// Number of ISO weeks (52 or 53) in ISO year `year`.
pub fn iso_weeks_in_year(year: i32) -> u8 {
    iso_week(Date {
        year,
        month: 12,
        day: 28,
    })
    .1
}

/// Shifts ISO week (`year`, `week`) by `n` weeks.
pub fn add_weeks(year: i32, week: u8, n: i64) -> (i32, u8) {
    iso_week(add_days(iso_week_monday(year, week), 7 * n))
}

/// Shifts (`year`, `month`) by `n` months.
pub fn add_months(year: i32, month: u8, n: i64) -> (i32, u8) {
    let idx = i64::from(year) * 12 + i64::from(month) - 1 + n;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u8)
}

/// Shifts a date by `n` months, clamping the day to the month's length.
pub fn add_months_to_date(d: Date, n: i64) -> Date {
    let (y, m) = add_months(d.year, d.month, n);
    Date {
        year: y,
        month: m,
        day: d.day.min(days_in_month(y, m)),
    }
}

pub fn first_of_month(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: 1,
    }
}

pub fn last_of_month(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: days_in_month(year, month),
    }
}

/// The `n`th (1-based) `dow` of a month; `n = -1` is the last one.
pub fn nth_weekday(year: i32, month: u8, dow: u8, n: i32) -> Date {
    if n > 0 {
        let first = first_of_month(year, month);
        let delta = (i64::from(dow) - i64::from(weekday(first))).rem_euclid(7);
        add_days(first, delta + 7 * i64::from(n - 1))
    } else {
        let last = last_of_month(year, month);
        let delta = (i64::from(weekday(last)) - i64::from(dow)).rem_euclid(7);
        add_days(last, -delta)
    }
}

/// Easter Sunday (Gregorian computus).
pub fn easter(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date {
        year,
        month: month as u8,
        day: day as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "1899-12-31",
            "2023-04-06",
            "2100-03-01",
        ] {
            assert_eq!(from_day_number(day_number(d(s))), d(s));
        }
        assert_eq!(day_number(d("1970-01-02")), 1);
        assert_eq!(add_days(d("2023-12-31"), 1), d("2024-01-01"));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(weekday(d("2023-04-06")), 4); // Thursday
        assert_eq!(weekday(d("1998-08-07")), 5); // Friday
        assert_eq!(iso_week(d("2023-03-30")), (2023, 13));
        assert_eq!(iso_week(d("2021-01-01")), (2020, 53));
        assert_eq!(iso_week(d("2024-12-30")), (2025, 1));
        assert_eq!(iso_week_monday(2025, 1), d("2024-12-30"));
        assert_eq!(iso_weeks_in_year(2020), 53);
        assert_eq!(iso_weeks_in_year(2023), 52);
        assert_eq!(add_weeks(2023, 52, 1), (2024, 1));
    }

    #[test]
    fn months_and_holidays() {
        assert_eq!(add_months(2023, 1, -1), (2022, 12));
        assert_eq!(add_months_to_date(d("2023-03-31"), -1), d("2023-02-28"));
        assert_eq!(nth_weekday(2023, 11, 4, 4), d("2023-11-23")); // Thanksgiving
        assert_eq!(nth_weekday(2023, 5, 1, -1), d("2023-05-29")); // Memorial Day
        assert_eq!(easter(2023), d("2023-04-09"));
        assert_eq!(easter(2000), d("2000-04-23"));
    }
}
