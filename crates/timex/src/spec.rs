//! What an expression means before it is anchored ([`Spec`]), and anchoring
//! it against the document creation time, the dates mentioned before it, and
//! the tense of the clause ([`resolve`]).

use crate::calendar::*;
use crate::point::{DayPart, Grain, Point, Season, Unit};
use crate::{Anchor, Interval, Mod, Precision, Tense, TimexType};
use storyline_model::Date;

/// The meaning of a recognised expression, independent of any anchor.
#[derive(Debug, Clone, PartialEq)]
pub enum Spec {
    Point(PointSpec),
    Duration(DurSpec),
    /// A recurring time: TIMEX3 `value` (`P1W`, `XXXX-WXX-4`) and the unit.
    Set(String),
    Ref(RefKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Past,
    Present,
    Future,
}

impl RefKind {
    pub fn value(self) -> &'static str {
        match self {
            RefKind::Past => "PAST_REF",
            RefKind::Present => "PRESENT_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PointSpec {
    pub base: Base,
    pub part: Option<DayPart>,
    /// Hour (0–24) and minute.
    pub clock: Option<(u8, u8)>,
}

impl PointSpec {
    pub fn new(base: Base) -> PointSpec {
        PointSpec {
            base,
            part: None,
            clock: None,
        }
    }
}

/// Which of several same-named dates is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// Bare: chosen by the tense of the clause.
    Plain,
    /// "last April", "last Friday": the latest one before the anchor.
    Last,
    /// "next April": the first one after the anchor.
    Next,
    /// "this Friday": the one in the anchor's week or year.
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSel {
    Explicit(i32),
    /// Relative to the DCT's year ("this year's", "last year's").
    Deictic(i64),
    /// Chosen around the DCT: by tense when bare, or "last"/"next"/"this".
    Rel(Rel),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearPart {
    Quarter(u8),
    Half(u8),
    Season(Season),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ValentinesDay,
    IndependenceDay,
    Halloween,
    ChristmasEve,
    Christmas,
    Boxing,
    Thanksgiving,
    Easter,
    GoodFriday,
    LaborDay,
    MemorialDay,
    VeteransDay,
    /// US federal elections: the Tuesday after the first Monday of November.
    ElectionDay,
}

impl Holiday {
    fn date(self, year: i32) -> Date {
        let fixed = |m, d| Date {
            year,
            month: m,
            day: d,
        };
        match self {
            Holiday::NewYearsDay => fixed(1, 1),
            Holiday::NewYearsEve => fixed(12, 31),
            Holiday::ValentinesDay => fixed(2, 14),
            Holiday::IndependenceDay => fixed(7, 4),
            Holiday::Halloween => fixed(10, 31),
            Holiday::ChristmasEve => fixed(12, 24),
            Holiday::Christmas => fixed(12, 25),
            Holiday::Boxing => fixed(12, 26),
            Holiday::VeteransDay => fixed(11, 11),
            Holiday::Thanksgiving => nth_weekday(year, 11, 4, 4),
            Holiday::Easter => easter(year),
            Holiday::GoodFriday => add_days(easter(year), -2),
            Holiday::LaborDay => nth_weekday(year, 9, 1, 1),
            Holiday::MemorialDay => nth_weekday(year, 5, 1, -1),
            Holiday::ElectionDay => add_days(nth_weekday(year, 11, 1, 1), 1),
        }
    }

    fn fixed_month_day(self) -> Option<(u8, u8)> {
        let d = self.date(2001);
        match self {
            Holiday::Thanksgiving
            | Holiday::Easter
            | Holiday::GoodFriday
            | Holiday::LaborDay
            | Holiday::MemorialDay
            | Holiday::ElectionDay => None,
            _ => Some((d.month, d.day)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// A written calendar date; `day: None` is a month ("April 2023"), `year:
    /// None` a date whose year the anchor decides ("March 12").
    Calendar {
        year: Option<i32>,
        month: u8,
        day: Option<u8>,
        /// The weekday written with it ("Monday, Oct. 26"), which can tell the year.
        dow: Option<u8>,
    },
    /// A month name on its own ("January", "last April").
    Month {
        month: u8,
        rel: Rel,
    },
    Year(i32),
    /// `199` for the 1990s.
    Decade(i32),
    /// `19` for the 20th century (1900s).
    Century(i32),
    YearPart {
        part: YearPart,
        year: YearSel,
    },
    Weekday {
        dow: u8,
        rel: Rel,
    },
    /// A day of a week named from the DCT's: "Thursday of last week" (`week_offset` -1),
    /// "Monday of next week" (1).
    WeekdayOfWeek {
        dow: u8,
        week_offset: i64,
    },
    Weekend {
        rel: Rel,
    },
    Holiday {
        holiday: Holiday,
        year: YearSel,
    },
    /// The DCT's unit shifted by `offset` ("yesterday", "last month", "this week").
    Deictic {
        unit: Unit,
        offset: i64,
    },
    /// `n` units before the DCT ("two days ago"); a year before the quarter
    /// under discussion when one was just mentioned.
    Ago {
        unit: Unit,
        n: i64,
    },
    /// Relative to the last date mentioned ("the next day", "a year earlier",
    /// "that week"). With `keep_grain` the reference keeps its own grain
    /// ("a year earlier" after "the third quarter" is a quarter).
    Anaphoric {
        unit: Unit,
        offset: i64,
        keep_grain: bool,
    },
    /// "the quarter": the quarter under discussion, else the last one
    /// completed before the DCT.
    TheQuarter,
    /// "the 1988 period": the quarter under discussion, in that year.
    QuarterOfYear(i32),
    /// "June last year", "January this year", "7 December last year"; with `of_mentioned`,
    /// against the year under discussion rather than the DCT's: "October that year", "in
    /// March the following year".
    MonthOfYear {
        month: u8,
        day: Option<u8>,
        year_offset: i64,
        of_mentioned: bool,
    },
    /// "the previous Friday", "the following Monday": relative to the last day mentioned.
    AnaphoricWeekday {
        dow: u8,
        offset: i64,
    },
    /// "the week of March 6": the week containing a date.
    WeekOf(Box<Base>),
    /// "the year": the year under discussion, else the DCT's.
    TheYear,
    /// Only a time of day ("10:35 a.m."): the day is the last one mentioned
    /// in the sentence, else the DCT.
    TimeOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DurSpec {
    /// `None` for "several", "a few", bare plurals.
    pub amount: Option<f64>,
    pub unit: Unit,
    /// "the past five years" ends at the DCT; "the next two weeks" starts there.
    pub frame: DurFrame,
    /// Precomputed value when the amount/unit form cannot express it ("PT1M30S").
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurFrame {
    Free,
    EndsAtDct,
    StartsAtDct,
}

impl DurSpec {
    pub fn value(&self) -> String {
        if let Some(v) = &self.value {
            return v.clone();
        }
        let (time, mult, letter) = match self.unit {
            Unit::Minute => (true, 1.0, "M"),
            Unit::Hour => (true, 1.0, "H"),
            Unit::Day => (false, 1.0, "D"),
            Unit::Week | Unit::Weekend => (false, 1.0, "W"),
            Unit::Month => (false, 1.0, "M"),
            Unit::Quarter => (false, 3.0, "M"),
            Unit::Half => (false, 6.0, "M"),
            Unit::Year => (false, 1.0, "Y"),
            Unit::Decade => (false, 10.0, "Y"),
            Unit::Century => (false, 100.0, "Y"),
        };
        let t = if time { "T" } else { "" };
        // A weekend is two days; a quarter counted alone stays a quarter.
        if self.unit == Unit::Weekend {
            return match self.amount {
                Some(n) => format!("P{}D", fmt_num(2.0 * n)),
                None => "PXD".to_string(),
            };
        }
        if self.unit == Unit::Quarter {
            return match self.amount {
                Some(n) => format!("P{}Q", fmt_num(n)),
                None => "PXQ".to_string(),
            };
        }
        match self.amount {
            None => {
                let letter = match self.unit {
                    Unit::Decade => "DE",
                    Unit::Century => "CE",
                    _ => letter,
                };
                format!("P{t}X{letter}")
            }
            Some(n) => {
                let n = n * mult;
                if n.fract() != 0.0 {
                    // Fractions go one unit down: 2.5 years = P2Y6M, 1.5 hours = PT1H30M.
                    let down = match self.unit {
                        Unit::Year | Unit::Decade | Unit::Century => Some((12.0, "", "M")),
                        Unit::Day => Some((24.0, "T", "H")),
                        Unit::Hour => Some((60.0, "", "M")),
                        Unit::Minute => Some((60.0, "", "S")),
                        _ => None,
                    };
                    if let Some((f, t2, l2)) = down {
                        let rest = n.fract() * f;
                        if (rest - rest.round()).abs() < 1e-9 {
                            let whole = n.trunc();
                            let head = if whole > 0.0 {
                                format!("{}{letter}", fmt_num(whole))
                            } else {
                                String::new()
                            };
                            return format!("P{t}{head}{t2}{}{l2}", fmt_num(rest.round()));
                        }
                    }
                }
                format!("P{t}{}{letter}", fmt_num(n))
            }
        }
    }

    fn days(&self) -> Option<i64> {
        let n = self.amount?;
        let per = match self.unit {
            Unit::Minute | Unit::Hour => return Some(0),
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Weekend => 2.0,
            Unit::Month => 30.44,
            Unit::Quarter => 91.31,
            Unit::Half => 182.62,
            Unit::Year => 365.25,
            Unit::Decade => 3652.5,
            Unit::Century => 36525.0,
        };
        Some((n * per).round() as i64)
    }
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A point mentioned earlier in the document, for anaphora.
#[derive(Debug, Clone, Copy)]
pub struct Mentioned {
    pub index: usize,
    pub point: Point,
    pub sentence: usize,
    /// Computed from another mention or from the DCT by an offset ("a year
    /// ago"), rather than named.
    pub derived: bool,
}

impl Base {
    /// Whether the value is an offset from something else.
    pub fn is_derived(&self) -> bool {
        matches!(
            self,
            Base::Ago { .. }
                | Base::Anaphoric { .. }
                | Base::AnaphoricWeekday { .. }
                | Base::Deictic { .. }
                | Base::TheQuarter
                | Base::TheYear
        )
    }
}

/// How many earlier mentions anaphora may look back over.
pub const LOOKBACK: usize = 40;

pub struct Context<'a> {
    pub dct: Option<Date>,
    pub tense: Option<Tense>,
    /// Earlier mentions; only the last [`LOOKBACK`] are consulted.
    pub history: &'a [Mentioned],
    pub sentence: usize,
    /// "until", "by": a bare weekday after them looks ahead unless the clause is past.
    pub looks_ahead: bool,
    /// The clause is past and the date is when it happened ("was arrested on July 11"), not
    /// where something was moved to ("was extended to Nov. 16", "postponed until").
    pub points_past: bool,
}

pub struct Resolved {
    pub value: String,
    pub kind: TimexType,
    pub interval: Option<Interval>,
    pub precision: Option<Precision>,
    pub anchor: Anchor,
    /// The resolved point, for later anaphora.
    pub point: Option<Point>,
}

pub fn resolve(spec: &Spec, modifier: Option<Mod>, cx: &Context) -> Resolved {
    match spec {
        Spec::Ref(r) => {
            let interval = match (r, cx.dct) {
                (RefKind::Present, Some(d)) => Some(Interval { start: d, end: d }),
                _ => None,
            };
            Resolved {
                value: r.value().to_string(),
                kind: TimexType::Date,
                precision: interval.map(|_| Precision::Day),
                interval,
                anchor: if interval.is_some() {
                    Anchor::Dct
                } else {
                    Anchor::None
                },
                point: None,
            }
        }
        Spec::Set(v) => Resolved {
            value: v.clone(),
            kind: TimexType::Set,
            interval: None,
            precision: None,
            anchor: Anchor::None,
            point: None,
        },
        Spec::Duration(d) => {
            let value = d.value();
            let mut interval = None;
            let mut anchor = Anchor::None;
            if let (Some(dct), Some(days)) = (cx.dct, d.days()) {
                match d.frame {
                    DurFrame::EndsAtDct => {
                        interval = Some(Interval {
                            start: add_days(dct, -days),
                            end: dct,
                        });
                        anchor = Anchor::Dct;
                    }
                    DurFrame::StartsAtDct => {
                        interval = Some(Interval {
                            start: dct,
                            end: add_days(dct, days),
                        });
                        anchor = Anchor::Dct;
                    }
                    DurFrame::Free => {}
                }
            }
            Resolved {
                value,
                kind: TimexType::Duration,
                precision: interval.map(|_| Point::Day(dct_or_epoch(cx.dct)).precision()),
                interval,
                anchor,
                point: None,
            }
        }
        Spec::Point(p) => resolve_point(p, modifier, cx),
    }
}

fn dct_or_epoch(d: Option<Date>) -> Date {
    d.unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn resolve_point(p: &PointSpec, modifier: Option<Mod>, cx: &Context) -> Resolved {
    let kind = if p.part.is_some() || p.clock.is_some() {
        TimexType::Time
    } else {
        TimexType::Date
    };
    let (mut point, anchor) = match base_point(&p.base, cx) {
        Some(x) => x,
        None => {
            return Resolved {
                value: underspecified(p),
                kind,
                interval: None,
                precision: Some(unresolved_precision(p)),
                anchor: Anchor::Unresolved,
                point: None,
            }
        }
    };
    if let Some(day) = point.day() {
        if let Some((h, m)) = p.clock {
            point = Point::Clock(day, h, m);
        } else if let Some(part) = p.part {
            point = Point::DayPart(day, part);
        }
    }
    let mut interval = point.interval();
    if let Some(m) = modifier {
        interval = narrow(interval, m);
    }
    Resolved {
        value: point.value(),
        kind,
        interval: Some(interval),
        precision: Some(point.precision()),
        anchor,
        point: Some(point),
    }
}

/// "early 2022" is the first third of 2022, "mid-" the middle one, "late" the last.
fn narrow(i: Interval, m: Mod) -> Interval {
    let (a, b) = (day_number(i.start), day_number(i.end));
    let third = (b - a + 1) / 3;
    if third == 0 {
        return i;
    }
    let (s, e) = match m {
        Mod::Start => (a, a + third - 1),
        Mod::Mid => (a + third, b - third),
        Mod::End => (b - third + 1, b),
        _ => return i,
    };
    Interval {
        start: from_day_number(s),
        end: from_day_number(e),
    }
}

fn unresolved_precision(p: &PointSpec) -> Precision {
    if p.clock.is_some() || p.part.is_some() {
        return Precision::Time;
    }
    let grain = match &p.base {
        Base::Calendar { day: Some(_), .. } => Grain::Day,
        Base::Calendar { .. } | Base::Month { .. } => Grain::Month,
        Base::Year(_) => Grain::Year,
        Base::Decade(_) => Grain::Decade,
        Base::Century(_) => Grain::Century,
        Base::YearPart { part, .. } => match part {
            YearPart::Quarter(_) => Grain::Quarter,
            YearPart::Half(_) => Grain::Half,
            YearPart::Season(_) => Grain::Season,
        },
        Base::Weekday { .. }
        | Base::WeekdayOfWeek { .. }
        | Base::Holiday { .. }
        | Base::TimeOnly => Grain::Day,
        Base::Weekend { .. } => Grain::Week,
        Base::Deictic { unit, .. } | Base::Ago { unit, .. } | Base::Anaphoric { unit, .. } => {
            unit.grain()
        }
        Base::TheQuarter | Base::QuarterOfYear(_) => Grain::Quarter,
        Base::TheYear => Grain::Year,
        Base::MonthOfYear { day: Some(_), .. } => Grain::Day,
        Base::MonthOfYear { .. } => Grain::Month,
        Base::AnaphoricWeekday { .. } => Grain::Day,
        Base::WeekOf(_) => Grain::Week,
    };
    grain_precision(grain)
}

fn grain_precision(g: Grain) -> Precision {
    match g {
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

/// TIMEX3 value with X for what no anchor could fill: never an invented year.
fn underspecified(p: &PointSpec) -> String {
    let mut v = match &p.base {
        Base::Calendar {
            year, month, day, ..
        } => {
            let y = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            match day {
                Some(d) => format!("{y}-{month:02}-{d:02}"),
                None => format!("{y}-{month:02}"),
            }
        }
        Base::Month { month, .. } => format!("XXXX-{month:02}"),
        Base::Year(y) => format!("{y:04}"),
        Base::Decade(d) => format!("{d:03}"),
        Base::Century(c) => format!("{c:02}"),
        Base::YearPart { part, year } => {
            let y = match year {
                YearSel::Explicit(y) => format!("{y:04}"),
                _ => "XXXX".to_string(),
            };
            match part {
                YearPart::Quarter(q) => format!("{y}-Q{q}"),
                YearPart::Half(h) => format!("{y}-H{h}"),
                YearPart::Season(s) => format!("{y}-{}", s.code()),
            }
        }
        Base::Weekday { dow, .. } | Base::WeekdayOfWeek { dow, .. } => format!("XXXX-WXX-{dow}"),
        Base::Weekend { .. } => "XXXX-WXX-WE".to_string(),
        Base::Holiday { holiday, year } => {
            let y = match year {
                YearSel::Explicit(y) => format!("{y:04}"),
                _ => "XXXX".to_string(),
            };
            match holiday.fixed_month_day() {
                Some((m, d)) => format!("{y}-{m:02}-{d:02}"),
                None => format!("{y}-XX-XX"),
            }
        }
        Base::Deictic { unit, .. } | Base::Ago { unit, .. } | Base::Anaphoric { unit, .. } => {
            unit_x(*unit).to_string()
        }
        Base::TheQuarter => "XXXX-QX".to_string(),
        Base::QuarterOfYear(y) => format!("{y:04}"),
        Base::TheYear => "XXXX".to_string(),
        Base::MonthOfYear {
            month,
            day: Some(d),
            ..
        } => format!("XXXX-{month:02}-{d:02}"),
        Base::MonthOfYear { month, .. } => format!("XXXX-{month:02}"),
        Base::AnaphoricWeekday { dow, .. } => format!("XXXX-WXX-{dow}"),
        Base::WeekOf(_) => "XXXX-WXX".to_string(),
        Base::TimeOnly => "XXXX-XX-XX".to_string(),
    };
    if let Some((h, m)) = p.clock {
        if v.len() == 10 {
            v.push_str(&format!("T{h:02}:{m:02}"));
        } else {
            v = format!("XXXX-XX-XXT{h:02}:{m:02}");
        }
    } else if let Some(part) = p.part {
        if v.len() == 10 {
            v.push('T');
            v.push_str(part.code());
        } else {
            v = format!("XXXX-XX-XXT{}", part.code());
        }
    }
    v
}

fn unit_x(unit: Unit) -> &'static str {
    match unit {
        Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Half => "XXXX-HX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// How far after the report a past clause's written date may lie and still be read as the
/// nearest such date: a month covers reports dated a little before their news (a wire
/// dated by its time zone, a correction).
const PAST_SLACK_DAYS: i64 = 31;

/// Which way a bare name ("Thursday", "March 12") points from the anchor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// The latest one starting on or before the anchor.
    Back,
    /// The first one ending on or after the anchor.
    Forward,
    Nearest,
    /// The latest one ending before the anchor.
    Before,
    /// The first one starting after the anchor.
    After,
}

fn tense_dir(t: Option<Tense>) -> Dir {
    match t {
        Some(Tense::Past) => Dir::Back,
        Some(Tense::Future) | Some(Tense::Present) => Dir::Forward,
        None => Dir::Nearest,
    }
}

/// Among the same date in the years around `dct`, the one `dir` picks.
fn pick_year<F: Fn(i32) -> Option<Point>>(dct: Date, dir: Dir, make: F) -> Option<Point> {
    let today = day_number(dct);
    let cands: Vec<(Point, i64, i64)> = (-1..=1)
        .filter_map(|k| make(dct.year + k))
        .map(|p| {
            let i = p.interval();
            (p, day_number(i.start), day_number(i.end))
        })
        .collect();
    match dir {
        Dir::Back => cands.iter().filter(|c| c.1 <= today).max_by_key(|c| c.1),
        Dir::Forward => cands.iter().filter(|c| c.2 >= today).min_by_key(|c| c.1),
        Dir::Before => cands.iter().filter(|c| c.2 < today).max_by_key(|c| c.1),
        Dir::After => cands.iter().filter(|c| c.1 > today).min_by_key(|c| c.1),
        Dir::Nearest => cands.iter().min_by_key(|c| {
            let dist = if today < c.1 {
                c.1 - today
            } else if today > c.2 {
                today - c.2
            } else {
                0
            };
            // Ties go to the past: news reports more than it previews.
            (dist, -c.1)
        }),
    }
    .map(|c| c.0)
}

fn base_point(base: &Base, cx: &Context) -> Option<(Point, Anchor)> {
    let abs = |p: Point| Some((p, Anchor::Absolute));
    match *base {
        Base::Calendar {
            year: Some(y),
            month,
            day,
            ..
        } => abs(match day {
            Some(d) => Point::Day(Date::new(y, month, d)?),
            None => Point::Month(y, month),
        }),
        Base::Year(y) => abs(Point::Year(y)),
        Base::Decade(d) => abs(Point::Decade(d)),
        Base::Century(c) => abs(Point::Century(c)),
        Base::YearPart {
            part,
            year: YearSel::Explicit(y),
        } => abs(year_part(y, part)),
        Base::Holiday {
            holiday,
            year: YearSel::Explicit(y),
        } => abs(Point::Day(holiday.date(y))),
        Base::Calendar {
            year: None,
            month,
            day,
            dow,
        } => {
            let dct = cx.dct?;
            // A weekday written with the date picks the year it falls on.
            if let (Some(d), Some(w)) = (day, dow) {
                let fits: Vec<Date> = [dct.year, dct.year - 1, dct.year + 1]
                    .iter()
                    .filter_map(|&y| Date::new(y, month, d))
                    .filter(|&x| weekday(x) == w)
                    .collect();
                if let Some(&x) = fits.first() {
                    return Some((Point::Day(x), Anchor::Dct));
                }
            }
            // A written day and month is the nearest such date: news dates
            // lie close to the report either way, and tense cues mislead
            // ("was extended to Nov. 16").
            let make = |y| match day {
                Some(d) => Date::new(y, month, d).map(Point::Day),
                None => Some(Point::Month(y, month)),
            };
            let mut p = pick_year(dct, Dir::Nearest, make)?;
            // Except that what a past clause says happened on a date did not happen months
            // after the report: "Ferrer, who was arrested on July 11" in January is last
            // July's arrest, though next July is nearer.
            if cx.points_past && day_number(p.interval().start) > day_number(dct) + PAST_SLACK_DAYS
            {
                p = pick_year(dct, Dir::Back, make).unwrap_or(p);
            }
            Some((p, Anchor::Dct))
        }
        Base::Month { month, rel } => {
            let dct = cx.dct?;
            let here = i64::from(dct.year) * 12 + i64::from(dct.month);
            let idx = |y: i32| i64::from(y) * 12 + i64::from(month);
            let y = match rel {
                Rel::This => dct.year,
                Rel::Last => (dct.year - 1..=dct.year)
                    .rev()
                    .find(|&y| idx(y) < here)
                    .unwrap_or(dct.year - 1),
                Rel::Next => (dct.year..=dct.year + 1)
                    .find(|&y| idx(y) > here)
                    .unwrap_or(dct.year + 1),
                // A bare month name: the nearest one (measured on TBAQ, the
                // tense of the clause helps less than distance).
                Rel::Plain => match Dir::Nearest {
                    Dir::Back | Dir::Before => {
                        if idx(dct.year) <= here {
                            dct.year
                        } else {
                            dct.year - 1
                        }
                    }
                    Dir::Forward | Dir::After => {
                        if idx(dct.year) >= here {
                            dct.year
                        } else {
                            dct.year + 1
                        }
                    }
                    Dir::Nearest => {
                        let dist = |y: i32| (idx(y) - here).abs();
                        let mut best = dct.year;
                        for y in [dct.year - 1, dct.year + 1] {
                            if dist(y) < dist(best) || (dist(y) == dist(best) && y < best) {
                                best = y;
                            }
                        }
                        best
                    }
                },
            };
            Some((Point::Month(y, month), Anchor::Dct))
        }
        Base::YearPart { part, year } => {
            let dct = cx.dct?;
            let p = match year {
                YearSel::Deictic(k) => year_part(dct.year + k as i32, part),
                YearSel::Rel(Rel::Last) => {
                    pick_year(dct, Dir::Before, |y| Some(year_part(y, part)))?
                }
                YearSel::Rel(Rel::Next) => {
                    pick_year(dct, Dir::After, |y| Some(year_part(y, part)))?
                }
                YearSel::Rel(Rel::This) => {
                    let here = Point::Day(dct);
                    match (part, here.coarsen(Grain::Season)) {
                        (YearPart::Season(s), Some(Point::Season(y, s2))) if s == s2 => {
                            Point::Season(y, s)
                        }
                        _ => year_part(dct.year, part),
                    }
                }
                YearSel::Rel(Rel::Plain) => {
                    // A bare quarter or half in news is the latest one begun
                    // (results are reported after the fact); a season follows
                    // the tense.
                    let dir = match (part, tense_dir(cx.tense)) {
                        (YearPart::Season(_), Dir::Nearest) => Dir::Back,
                        (YearPart::Season(_), d) => d,
                        _ => Dir::Back,
                    };
                    pick_year(dct, dir, |y| Some(year_part(y, part)))?
                }
                YearSel::Explicit(y) => year_part(y, part),
            };
            Some((p, Anchor::Dct))
        }
        Base::Holiday { holiday, year } => {
            let dct = cx.dct?;
            let p = match year {
                YearSel::Deictic(k) => Point::Day(holiday.date(dct.year + k as i32)),
                YearSel::Explicit(y) => Point::Day(holiday.date(y)),
                YearSel::Rel(rel) => {
                    let dir = match rel {
                        Rel::Plain => tense_dir(cx.tense),
                        Rel::Last => Dir::Before,
                        Rel::Next => Dir::After,
                        Rel::This => Dir::Nearest,
                    };
                    pick_year(dct, dir, |y| Some(Point::Day(holiday.date(y))))?
                }
            };
            Some((p, Anchor::Dct))
        }
        Base::Weekday { dow, rel } => {
            let dct = cx.dct?;
            let today = i64::from(weekday(dct));
            let back = (today - i64::from(dow)).rem_euclid(7); // days back to the latest on/before
            let fwd = (i64::from(dow) - today).rem_euclid(7); // days forward to the first on/after
            let delta = match rel {
                Rel::Last => {
                    if back == 0 {
                        -7
                    } else {
                        -back
                    }
                }
                Rel::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Rel::This => i64::from(dow) - today,
                Rel::Plain => match tense_dir(cx.tense) {
                    Dir::Nearest if cx.looks_ahead => fwd,
                    Dir::Back | Dir::Nearest => -back,
                    _ => fwd,
                },
            };
            Some((Point::Day(add_days(dct, delta)), Anchor::Dct))
        }
        Base::WeekdayOfWeek { dow, week_offset } => {
            let dct = cx.dct?;
            let monday = add_days(dct, 1 - i64::from(weekday(dct)));
            let day = add_days(monday, 7 * week_offset + i64::from(dow) - 1);
            Some((Point::Day(day), Anchor::Dct))
        }
        Base::Weekend { rel } => {
            let dct = cx.dct?;
            let (y, w) = iso_week(dct);
            let wd = weekday(dct);
            let offset = match rel {
                Rel::This => 0,
                Rel::Last => -1,
                Rel::Next => 1,
                Rel::Plain => match tense_dir(cx.tense) {
                    Dir::Back | Dir::Nearest => {
                        if wd >= 6 {
                            0
                        } else {
                            -1
                        }
                    }
                    _ => 0,
                },
            };
            let (y, w) = add_weeks(y, w, offset);
            Some((Point::Weekend(y, w), Anchor::Dct))
        }
        Base::Deictic { unit, offset } => {
            let dct = cx.dct?;
            let p = deictic(dct, unit, offset)?;
            Some((p, Anchor::Dct))
        }
        Base::Ago { unit, n } => {
            // "a year ago" beside the quarter under discussion is that quarter a year back.
            if unit == Unit::Year {
                if let Some(m) = named_quarter(cx) {
                    if let Some(p) = m.point.shift(Unit::Year, -n) {
                        return Some((p, Anchor::Timex(m.index)));
                    }
                }
            }
            let dct = cx.dct?;
            let p = deictic(dct, unit, -n)?;
            Some((p, Anchor::Dct))
        }
        Base::Anaphoric {
            unit,
            offset,
            keep_grain,
        } => {
            let grain = unit.grain().max(Grain::Day);
            let found = if keep_grain {
                named_quarter(cx)
                    .filter(|_| unit == Unit::Year)
                    .or_else(|| {
                        cx.history.iter().rev().take(4).find(|m| {
                            !m.derived && m.point.grain() <= grain && m.point.year().is_some()
                        })
                    })
            } else {
                recent(cx, grain)
            };
            match found {
                Some(m) => {
                    let base = if keep_grain {
                        m.point.coarsen(m.point.grain().max(Grain::Day))?
                    } else {
                        m.point.coarsen(grain)?
                    };
                    let p = base.shift(unit, offset)?;
                    Some((p, Anchor::Timex(m.index)))
                }
                None => {
                    let dct = cx.dct?;
                    let p = deictic(dct, unit, offset)?;
                    Some((p, Anchor::Dct))
                }
            }
        }
        Base::TheQuarter => {
            if let Some(m) = cx
                .history
                .iter()
                .rev()
                .take(6)
                .find(|m| m.point.grain() == Grain::Quarter && !m.derived)
            {
                return Some((m.point, Anchor::Timex(m.index)));
            }
            let dct = cx.dct?;
            Some((deictic(dct, Unit::Quarter, -1)?, Anchor::Dct))
        }
        Base::QuarterOfYear(y) => {
            let q = match cx
                .history
                .iter()
                .rev()
                .take(6)
                .find(|m| m.point.grain() == Grain::Quarter && !m.derived)
            {
                Some(Mentioned {
                    point: Point::Quarter(_, q),
                    ..
                }) => *q,
                _ => match cx.dct.and_then(|d| deictic(d, Unit::Quarter, -1)) {
                    Some(Point::Quarter(_, q)) => q,
                    _ => return Some((Point::Year(y), Anchor::Absolute)),
                },
            };
            Some((Point::Quarter(y, q), Anchor::Dct))
        }
        Base::MonthOfYear {
            month,
            day,
            year_offset,
            of_mentioned,
        } => {
            let (year, anchor) = if of_mentioned {
                // The last year named, however far back: "that year" has no other meaning.
                let m = cx.history.iter().rev().take(LOOKBACK).find(|m| {
                    !m.derived && m.point.grain() <= Grain::Year && m.point.year().is_some()
                })?;
                (m.point.year()?, Anchor::Timex(m.index))
            } else {
                (cx.dct?.year, Anchor::Dct)
            };
            let year = year + year_offset as i32;
            let point = match day {
                Some(d) => Point::Day(Date::new(year, month, d)?),
                None => Point::Month(year, month),
            };
            Some((point, anchor))
        }
        Base::AnaphoricWeekday { dow, offset } => {
            let (day, anchor) = match cx
                .history
                .iter()
                .rev()
                .take(LOOKBACK)
                .find(|m| m.point.grain() <= Grain::Day)
            {
                Some(m) => (m.point.day()?, Anchor::Timex(m.index)),
                None => (cx.dct?, Anchor::Dct),
            };
            let today = i64::from(weekday(day));
            let delta = if offset < 0 {
                let back = (today - i64::from(dow)).rem_euclid(7);
                if back == 0 {
                    -7
                } else {
                    -back
                }
            } else {
                let fwd = (i64::from(dow) - today).rem_euclid(7);
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            };
            Some((Point::Day(add_days(day, delta)), anchor))
        }
        Base::WeekOf(ref inner) => {
            let (p, a) = base_point(inner, cx)?;
            Some((p.coarsen(Grain::Week)?, a))
        }
        Base::TheYear => {
            if let Some(m) =
                cx.history.iter().rev().take(LOOKBACK).find(|m| {
                    !m.derived && m.point.grain() <= Grain::Year && m.point.year().is_some()
                })
            {
                if m.sentence + 3 >= cx.sentence {
                    return Some((m.point.coarsen(Grain::Year)?, Anchor::Timex(m.index)));
                }
            }
            let dct = cx.dct?;
            Some((Point::Year(dct.year), Anchor::Dct))
        }
        Base::TimeOnly => {
            if let Some(m) = cx
                .history
                .iter()
                .rev()
                .take_while(|m| m.sentence + 1 >= cx.sentence)
                .find(|m| m.point.grain() <= Grain::Day && m.sentence + 1 >= cx.sentence)
            {
                return Some((Point::Day(m.point.day()?), Anchor::Timex(m.index)));
            }
            Some((Point::Day(cx.dct?), Anchor::Dct))
        }
    }
}

/// The quarter under discussion: a quarter named (not computed) among the
/// last few mentions, in this sentence or the two before.
fn named_quarter<'a>(cx: &'a Context) -> Option<&'a Mentioned> {
    cx.history
        .iter()
        .rev()
        .take(4)
        .find(|m| !m.derived && m.point.grain() == Grain::Quarter && m.sentence + 2 >= cx.sentence)
}

/// The most recent mention at `grain` or finer.
fn recent<'a>(cx: &'a Context, grain: Grain) -> Option<&'a Mentioned> {
    cx.history
        .iter()
        .rev()
        .take(LOOKBACK)
        .find(|m| m.point.grain() <= grain && m.point.year().is_some())
}

fn deictic(dct: Date, unit: Unit, offset: i64) -> Option<Point> {
    let today = Point::Day(dct);
    match unit {
        Unit::Minute | Unit::Hour => Some(today),
        Unit::Weekend => {
            let (y, w) = iso_week(dct);
            let (y, w) = add_weeks(y, w, offset);
            Some(Point::Weekend(y, w))
        }
        _ => today.coarsen(unit.grain())?.shift(unit, offset),
    }
}

fn year_part(y: i32, part: YearPart) -> Point {
    match part {
        YearPart::Quarter(q) => Point::Quarter(y, q),
        YearPart::Half(h) => Point::Half(y, h),
        YearPart::Season(s) => Point::Season(y, s),
    }
}
