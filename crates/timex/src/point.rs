//! Resolved calendar values at every TIMEX3 granularity, with their value
//! strings, intervals, and the arithmetic anchoring needs (coarsening to a
//! grain, shifting by units).

use crate::calendar::*;
use crate::{Interval, Precision};
use storyline_model::Date;

/// A part of a day as TIMEX3 writes it (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Spring, summer, fall, winter (`SP`, `SU`, `FA`, `WI`); winter of year Y runs
/// from December Y into February Y+1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
    fn of_month(year: i32, month: u8) -> (i32, Season) {
        match month {
            3..=5 => (year, Season::Spring),
            6..=8 => (year, Season::Summer),
            9..=11 => (year, Season::Fall),
            12 => (year, Season::Winter),
            _ => (year - 1, Season::Winter),
        }
    }
}

/// Calendar grains from fine to coarse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    Time,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// A resolved calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// `19` = 1900–1999.
    Century(i32),
    /// `199` = 1990–1999.
    Decade(i32),
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Season(i32, Season),
    Month(i32, u8),
    /// ISO week-numbering year and week.
    Week(i32, u8),
    Weekend(i32, u8),
    Day(Date),
    DayPart(Date, DayPart),
    /// Hour (0–24) and minute.
    Clock(Date, u8, u8),
}

impl Point {
    pub fn grain(&self) -> Grain {
        match self {
            Point::Century(_) => Grain::Century,
            Point::Decade(_) => Grain::Decade,
            Point::Year(_) => Grain::Year,
            Point::Half(..) => Grain::Half,
            Point::Quarter(..) => Grain::Quarter,
            Point::Season(..) => Grain::Season,
            Point::Month(..) => Grain::Month,
            Point::Week(..) | Point::Weekend(..) => Grain::Week,
            Point::Day(_) => Grain::Day,
            Point::DayPart(..) | Point::Clock(..) => Grain::Time,
        }
    }

    pub fn precision(&self) -> Precision {
        match self.grain() {
            Grain::Time => Precision::Time,
            Grain::Day => Precision::Day,
            Grain::Week => Precision::Week,
            Grain::Month => Precision::Month,
            Grain::Season => Precision::Season,
            Grain::Quarter => Precision::Quarter,
            Grain::Half => Precision::Half,
            Grain::Year => Precision::Year,
            Grain::Decade => Precision::Decade,
            Grain::Century => Precision::Century,
        }
    }

    /// The TIMEX3 `value`.
    pub fn value(&self) -> String {
        match *self {
            Point::Century(c) => format!("{c:02}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Day(d) => d.to_string(),
            Point::DayPart(d, p) => format!("{d}T{}", p.code()),
            Point::Clock(d, h, m) => format!("{d}T{h:02}:{m:02}"),
        }
    }

    /// First and last day covered.
    pub fn interval(&self) -> Interval {
        let (start, end) = match *self {
            Point::Century(c) => (first_of_month(c * 100, 1), last_of_month(c * 100 + 99, 12)),
            Point::Decade(d) => (first_of_month(d * 10, 1), last_of_month(d * 10 + 9, 12)),
            Point::Year(y) => (first_of_month(y, 1), last_of_month(y, 12)),
            Point::Half(y, h) => {
                let m = (h - 1) * 6 + 1;
                (first_of_month(y, m), last_of_month(y, m + 5))
            }
            Point::Quarter(y, q) => {
                let m = (q - 1) * 3 + 1;
                (first_of_month(y, m), last_of_month(y, m + 2))
            }
            Point::Season(y, s) => {
                let m = s.first_month();
                let (ey, em) = add_months(y, m, 2);
                (first_of_month(y, m), last_of_month(ey, em))
            }
            Point::Month(y, m) => (first_of_month(y, m), last_of_month(y, m)),
            Point::Week(y, w) => {
                let mon = iso_week_monday(y, w);
                (mon, add_days(mon, 6))
            }
            Point::Weekend(y, w) => {
                let mon = iso_week_monday(y, w);
                (add_days(mon, 5), add_days(mon, 6))
            }
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => (d, d),
        };
        Interval { start, end }
    }

    /// The year the value names, when it names one.
    pub fn year(&self) -> Option<i32> {
        match *self {
            Point::Century(_) | Point::Decade(_) => None,
            Point::Year(y)
            | Point::Half(y, _)
            | Point::Quarter(y, _)
            | Point::Season(y, _)
            | Point::Month(y, _)
            | Point::Week(y, _)
            | Point::Weekend(y, _) => Some(y),
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => Some(d.year),
        }
    }

    pub fn day(&self) -> Option<Date> {
        match *self {
            Point::Day(d) | Point::DayPart(d, _) | Point::Clock(d, _, _) => Some(d),
            _ => None,
        }
    }

    /// The value at a coarser (or equal) grain containing this one.
    pub fn coarsen(&self, grain: Grain) -> Option<Point> {
        if grain < self.grain() {
            return None;
        }
        if grain == self.grain() {
            return Some(match *self {
                Point::DayPart(d, _) | Point::Clock(d, _, _) => Point::Day(d),
                Point::Weekend(y, w) => Point::Week(y, w),
                p => p,
            });
        }
        // A representative day inside the value (Thursday of a week decides its month).
        let rep = match *self {
            Point::Week(y, w) | Point::Weekend(y, w) => add_days(iso_week_monday(y, w), 3),
            p => p.interval().start,
        };
        Some(match grain {
            Grain::Time => return None,
            Grain::Day => Point::Day(rep),
            Grain::Week => {
                let (y, w) = iso_week(rep);
                Point::Week(y, w)
            }
            Grain::Month => Point::Month(rep.year, rep.month),
            Grain::Season => {
                let (y, s) = Season::of_month(rep.year, rep.month);
                Point::Season(y, s)
            }
            Grain::Quarter => Point::Quarter(rep.year, (rep.month - 1) / 3 + 1),
            Grain::Half => Point::Half(rep.year, (rep.month - 1) / 6 + 1),
            Grain::Year => match *self {
                Point::Week(y, _) | Point::Weekend(y, _) => Point::Year(y),
                Point::Season(y, _) => Point::Year(y),
                _ => Point::Year(rep.year),
            },
            Grain::Decade => Point::Decade(self.year().unwrap_or(rep.year).div_euclid(10)),
            Grain::Century => match *self {
                Point::Decade(d) => Point::Century(d.div_euclid(10)),
                _ => Point::Century(self.year().unwrap_or(rep.year).div_euclid(100)),
            },
        })
    }

    /// Shifts the value by `n` units of `unit`, keeping its own grain. `None`
    /// when the unit is finer than the value ("the next day" of a month).
    pub fn shift(&self, unit: Unit, n: i64) -> Option<Point> {
        use Point::*;
        Some(match unit {
            Unit::Minute | Unit::Hour => match *self {
                Clock(d, h, m) => {
                    let mins = i64::from(h) * 60
                        + i64::from(m)
                        + n * if unit == Unit::Hour { 60 } else { 1 };
                    let days = mins.div_euclid(24 * 60);
                    let rest = mins.rem_euclid(24 * 60);
                    Clock(add_days(d, days), (rest / 60) as u8, (rest % 60) as u8)
                }
                _ => return None,
            },
            Unit::Day => match *self {
                Day(d) => Day(add_days(d, n)),
                DayPart(d, p) => DayPart(add_days(d, n), p),
                Clock(d, h, m) => Clock(add_days(d, n), h, m),
                _ => return None,
            },
            Unit::Week | Unit::Weekend => match *self {
                Day(_) | DayPart(..) | Clock(..) => return self.shift(Unit::Day, 7 * n),
                Week(y, w) => {
                    let (y, w) = add_weeks(y, w, n);
                    Week(y, w)
                }
                Weekend(y, w) => {
                    let (y, w) = add_weeks(y, w, n);
                    Weekend(y, w)
                }
                _ => return None,
            },
            Unit::Month => match *self {
                Month(y, m) => {
                    let (y, m) = add_months(y, m, n);
                    Month(y, m)
                }
                Quarter(..) | Season(..) if n % 3 == 0 => return self.shift(Unit::Quarter, n / 3),
                Half(..) if n % 6 == 0 => return self.shift(Unit::Half, n / 6),
                Year(_) if n % 12 == 0 => return self.shift(Unit::Year, n / 12),
                _ => return self.shift_days_by_months(n),
            },
            Unit::Quarter => match *self {
                Quarter(y, q) => {
                    let idx = i64::from(y) * 4 + i64::from(q) - 1 + n;
                    Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u8)
                }
                Season(y, s) => {
                    let idx = i64::from(y) * 4 + season_index(s) + n;
                    Season(idx.div_euclid(4) as i32, season_at(idx.rem_euclid(4)))
                }
                Half(..) if n % 2 == 0 => return self.shift(Unit::Half, n / 2),
                Month(..) => return self.shift(Unit::Month, 3 * n),
                Year(_) if n % 4 == 0 => return self.shift(Unit::Year, n / 4),
                _ => return self.shift_days_by_months(3 * n),
            },
            Unit::Half => match *self {
                Half(y, h) => {
                    let idx = i64::from(y) * 2 + i64::from(h) - 1 + n;
                    Half(idx.div_euclid(2) as i32, (idx.rem_euclid(2) + 1) as u8)
                }
                Quarter(..) => return self.shift(Unit::Quarter, 2 * n),
                _ => return self.shift(Unit::Month, 6 * n),
            },
            Unit::Year => return self.shift_years(n),
            Unit::Decade => match *self {
                Decade(d) => Decade(d + n as i32),
                Century(_) => return None,
                _ => return self.shift_years(10 * n),
            },
            Unit::Century => match *self {
                Century(c) => Century(c + n as i32),
                Decade(d) => Decade(d + 10 * n as i32),
                _ => return self.shift_years(100 * n),
            },
        })
    }

    fn shift_days_by_months(&self, n: i64) -> Option<Point> {
        Some(match *self {
            Point::Day(d) => Point::Day(add_months_to_date(d, n)),
            Point::DayPart(d, p) => Point::DayPart(add_months_to_date(d, n), p),
            Point::Clock(d, h, m) => Point::Clock(add_months_to_date(d, n), h, m),
            _ => return None,
        })
    }

    fn shift_years(&self, n: i64) -> Option<Point> {
        use Point::*;
        let n32 = n as i32;
        Some(match *self {
            Century(_) | Decade(_) => return None,
            Year(y) => Year(y + n32),
            Half(y, h) => Half(y + n32, h),
            Quarter(y, q) => Quarter(y + n32, q),
            Season(y, s) => Season(y + n32, s),
            Month(y, m) => Month(y + n32, m),
            Week(y, w) => Week(y + n32, w.min(iso_weeks_in_year(y + n32))),
            Weekend(y, w) => Weekend(y + n32, w.min(iso_weeks_in_year(y + n32))),
            Day(_) | DayPart(..) | Clock(..) => return self.shift_days_by_months(12 * n),
        })
    }
}

fn season_index(s: Season) -> i64 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}

fn season_at(i: i64) -> Season {
    [Season::Spring, Season::Summer, Season::Fall, Season::Winter][i as usize]
}

/// Calendar units for durations and shifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The grain of a value named by this unit ("last month" is a month).
    pub fn grain(self) -> Grain {
        match self {
            Unit::Minute | Unit::Hour => Grain::Time,
            Unit::Day => Grain::Day,
            Unit::Week | Unit::Weekend => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Quarter => Grain::Quarter,
            Unit::Half => Grain::Half,
            Unit::Year => Grain::Year,
            Unit::Decade => Grain::Decade,
            Unit::Century => Grain::Century,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn values_and_intervals() {
        assert_eq!(Point::Decade(199).value(), "199");
        assert_eq!(Point::Century(19).value(), "19");
        assert_eq!(Point::Week(2023, 3).value(), "2023-W03");
        let i = Point::Season(2022, Season::Winter).interval();
        assert_eq!((i.start, i.end), (d("2022-12-01"), d("2023-02-28")));
        let i = Point::Week(2021, 1).interval();
        assert_eq!((i.start, i.end), (d("2021-01-04"), d("2021-01-10")));
    }

    #[test]
    fn coarsen_and_shift() {
        let day = Point::Day(d("2023-01-15"));
        assert_eq!(
            day.coarsen(Grain::Month).unwrap().shift(Unit::Month, -1),
            Some(Point::Month(2022, 12))
        );
        assert_eq!(
            Point::Day(d("2023-12-28"))
                .coarsen(Grain::Week)
                .unwrap()
                .shift(Unit::Week, 1),
            Some(Point::Week(2024, 1))
        );
        assert_eq!(
            Point::Quarter(1989, 3).shift(Unit::Year, -1),
            Some(Point::Quarter(1988, 3))
        );
        assert_eq!(
            Point::Day(d("2024-02-29")).shift(Unit::Year, -1),
            Some(Point::Day(d("2023-02-28")))
        );
        assert_eq!(Point::Month(2023, 3).shift(Unit::Day, 1), None);
        assert_eq!(
            Point::Day(d("2022-01-10")).coarsen(Grain::Season),
            Some(Point::Season(2021, Season::Winter))
        );
    }
}
