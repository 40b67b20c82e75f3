//! Recognition: hand-written rules over tokens find time expressions and say
//! what they mean ([`Spec`]), before any anchoring.
//!
//! Every rule looks at one start token and returns the longest reading it
//! knows; the longest reading at the leftmost start wins. Rules for prefixed
//! forms ("early", "about", "the end of") reuse the best reading found at the
//! token after the prefix, so candidates are computed right to left.

use crate::lexicon as lex;
use crate::point::{DayPart, Unit};
use crate::spec::*;
use crate::tokens::Toks;
use crate::{Mod, TimexType};
use storyline_time::{find_dates, DateMention};

#[derive(Debug, Clone)]
pub struct Cand {
    /// Token index one past the last token.
    pub end: usize,
    pub spec: Spec,
    pub modifier: Option<Mod>,
    /// Overrides the type the spec implies.
    pub kind: Option<TimexType>,
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub first: usize,
    pub end: usize,
    pub spec: Spec,
    pub modifier: Option<Mod>,
    pub kind: Option<TimexType>,
}

/// Byte ranges of `text` around its digits (40 bytes before, 30 after,
/// widened to whitespace, merged where they meet).
fn digit_windows(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || matches!(b[j], b':' | b'.' | b'/' | b'-')) {
            j += 1;
        }
        let mut s = i.saturating_sub(40);
        while s > 0 && !b[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = (j + 30).min(b.len());
        while e < b.len() && !b[e].is_ascii_whitespace() {
            e += 1;
        }
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
        i = j;
    }
    out
}

/// The week a word before "week" names, relative to the week of the reference date.
fn week_offset(word: &str) -> Option<i64> {
    match word {
        "last" | "past" | "previous" => Some(-1),
        "this" => Some(0),
        "next" | "coming" => Some(1),
        _ => None,
    }
}

fn cand(end: usize, spec: Spec) -> Option<Cand> {
    Some(Cand {
        end,
        spec,
        modifier: None,
        kind: None,
    })
}

fn point(base: Base) -> Spec {
    Spec::Point(PointSpec::new(base))
}

fn dur(amount: Option<f64>, unit: Unit, frame: DurFrame) -> Spec {
    Spec::Duration(DurSpec {
        amount,
        unit,
        frame,
        value: None,
    })
}

struct Rec<'a> {
    t: &'a Toks<'a>,
    /// find_dates results by first token: (end token, mention).
    dates: Vec<Option<(usize, DateMention)>>,
    best: Vec<Option<Cand>>,
}

/// Finds the time expressions of a tokenized text, left to right.
pub fn recognize(t: &Toks) -> Vec<Mention> {
    let n = t.len();
    let mut dates = vec![None; n + 1];
    // find_dates on short windows around digits: every written date has
    // one, and its regexes slow down on long texts with non-ASCII letters.
    for (ws, we) in digit_windows(t.text) {
        for m in find_dates(&t.text[ws..we]) {
            let (s, e) = (ws + m.span.start, ws + m.span.end);
            if let (Some(a), Some(b)) = (t.at_byte(s), t.ending_at(e)) {
                if dates[a].is_none_or(|(end, _)| b + 1 > end) {
                    dates[a] = Some((b + 1, m));
                }
            }
        }
    }
    let mut r = Rec {
        t,
        dates,
        best: vec![None; n + 1],
    };
    for i in (0..n).rev() {
        r.best[i] = r.best_at(i);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some(c) = r.best[i].take() {
            let end = c.end;
            out.push(Mention {
                first: i,
                end,
                spec: c.spec,
                modifier: c.modifier,
                kind: c.kind,
            });
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

impl<'a> Rec<'a> {
    fn best_at(&self, i: usize) -> Option<Cand> {
        let rules: &[fn(&Self, usize) -> Option<Cand>] = &[
            Self::r_calendar,
            Self::r_clock,
            Self::r_weekday,
            Self::r_deictic_day,
            Self::r_relative_unit,
            Self::r_month,
            Self::r_year,
            Self::r_decade,
            Self::r_century,
            Self::r_quarter,
            Self::r_year_ago,
            Self::r_ago,
            Self::r_anaphoric,
            Self::r_duration,
            Self::r_adjectival_duration,
            Self::r_bare_units,
            Self::r_set,
            Self::r_ref,
            Self::r_holiday,
            Self::r_the_year,
            Self::r_season,
            Self::r_spoken_year,
            Self::r_week_of,
            Self::r_day_part,
            Self::r_point_modifier,
            Self::r_approx,
        ];
        let mut best: Option<Cand> = None;
        for rule in rules {
            if let Some(c) = rule(self, i) {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        }
        best
    }

    fn w(&self, i: usize) -> &str {
        self.t.w(i)
    }

    /// A cardinal number at `i`: (end, value); value `None` for vague
    /// amounts ("several", "a few", "12 to 18").
    fn number(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let t = self.t;
        let w = t.w(i);
        let (mut end, mut val): (usize, Option<f64>) = if t.is_num(i) {
            let v: f64 = w.replace(',', "").parse().ok()?;
            // "5 1/2"
            if t.is_num(i + 1)
                && t.is(i + 2, "/")
                && t.is_num(i + 3)
                && t.glued(i + 2)
                && t.glued(i + 3)
                && !t.glued(i + 1)
            {
                let (a, b) = (t.int(i + 1)?, t.int(i + 3)?);
                if b > 0 && a < b {
                    return Some((i + 4, Some(v + a as f64 / b as f64)));
                }
            }
            (i + 1, Some(v))
        } else if let Some(tn) = lex::tens(w) {
            // twenty-five, twenty five
            if t.is(i + 1, "-") && t.glued(i + 1) {
                if let Some(u) = lex::small_number(t.w(i + 2)).filter(|&u| u < 10) {
                    (i + 3, Some((tn + u) as f64))
                } else {
                    (i + 1, Some(tn as f64))
                }
            } else if let Some(u) = lex::small_number(t.w(i + 1)).filter(|&u| (1..10).contains(&u))
            {
                (i + 2, Some((tn + u) as f64))
            } else {
                (i + 1, Some(tn as f64))
            }
        } else if let Some(v) = lex::small_number(w) {
            if w == "dozen" {
                return None;
            }
            (i + 1, Some(v as f64))
        } else {
            match w {
                "a" | "an" => match t.w(i + 1) {
                    "couple" if t.is(i + 2, "of") => (i + 3, Some(2.0)),
                    "few" => (i + 2, None),
                    "dozen" => (i + 2, Some(12.0)),
                    "hundred" => (i + 2, Some(100.0)),
                    "thousand" => (i + 2, Some(1000.0)),
                    "number" if t.is(i + 2, "of") => (i + 3, None),
                    _ => (i + 1, Some(1.0)),
                },
                "couple" if t.is(i + 1, "of") => (i + 2, Some(2.0)),
                "few" | "several" | "many" | "some" | "numerous" => (i + 1, None),
                "dozens" | "hundreds" | "thousands" | "scores" if t.is(i + 1, "of") => {
                    (i + 2, None)
                }
                "half" if matches!(t.w(i + 1), "a" | "an") => (i + 2, Some(0.5)),
                _ => return None,
            }
        };
        // "two hundred", "one thousand"
        if let (Some(v), "hundred" | "thousand") = (val, t.w(end)) {
            if !matches!(w, "a" | "an") {
                val = Some(v * if t.is(end, "hundred") { 100.0 } else { 1000.0 });
                end += 1;
            }
        }
        // "two and a half"
        if val.is_some()
            && t.is(end, "and")
            && t.is(end + 1, "a")
            && t.is(end + 2, "half")
            && lex::unit(t.w(end + 3)).is_some()
        {
            val = val.map(|v| v + 0.5);
            end += 3;
        }
        // ranges and alternatives: "12 to 18", "two or three", "10-12"
        if matches!(t.w(end), "to" | "or" | "-") {
            let hyphen = t.is(end, "-");
            if !hyphen || (t.glued(end) && t.glued(end + 1)) {
                if let Some((e2, _)) = self.simple_number(end + 1) {
                    return Some((e2, None));
                }
            }
        }
        Some((end, val))
    }

    fn simple_number(&self, i: usize) -> Option<(usize, i64)> {
        if let Some(v) = self.t.int(i) {
            return Some((i + 1, v));
        }
        if let Some(v) = lex::small_number(self.w(i)) {
            return Some((i + 1, v));
        }
        lex::tens(self.w(i)).map(|v| (i + 1, v))
    }

    /// A month name at `i` (capitalized; abbreviations need "." or a number
    /// after them): (end, month).
    fn month_at(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.t;
        let w = t.w(i);
        if !t.upper(i) {
            return None;
        }
        if let Some(m) = lex::month(w) {
            if m == 5 && !self.may_is_month(i) {
                return None;
            }
            if m == 3 && !self.march_is_month(i) {
                return None;
            }
            return Some((i + 1, m));
        }
        if let Some(m) = lex::month_abbrev(w) {
            if t.is(i + 1, ".") && t.glued(i + 1) {
                return Some((i + 2, m));
            }
            if t.is_num(i + 1) {
                return Some((i + 1, m));
            }
        }
        None
    }

    fn may_is_month(&self, i: usize) -> bool {
        let t = self.t;
        let prev = if i > 0 { t.w(i - 1) } else { "" };
        matches!(
            prev,
            "in" | "since"
                | "until"
                | "by"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "during"
                | "from"
                | "to"
                | "through"
                | "before"
                | "after"
                | "-"
                | "between"
                | "and"
                | "till"
                | "that"
                | "end"
                | "late-"
                | "on"
        ) || t.is_num(i + 1)
            || (t.any(i + 1, &[",", ".", ";", ")"]) && i > 0 && !t.upper(i - 1) && prev != "\"")
    }

    fn march_is_month(&self, i: usize) -> bool {
        // "March" capitalized mid-sentence is the month; at a sentence start
        // it may be the verb or noun, unless a date or year follows.
        let t = self.t;
        let sentence_start = i == 0 || t.sentence(i - 1) != t.sentence(i) || t.is(i - 1, "\"");
        !sentence_start || t.is_num(i + 1) || t.is(i + 1, "of")
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.t;
        let w = t.w(i);
        if !t.is_num(i) || w.len() != 4 || !w.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let y: i32 = w.parse().ok()?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        Some(y)
    }

    /// A year standing as a date: not an amount ("$1990", "1990 people").
    fn year_plausible(&self, i: usize) -> bool {
        let t = self.t;
        let Some(y) = self.year_at(i) else {
            return false;
        };
        if i > 0
            && matches!(
                t.w(i - 1),
                "$" | "#"
                    | "no"
                    | "number"
                    | "nos"
                    | "£"
                    | "€"
                    | "flight"
                    | "route"
                    | "page"
                    | "room"
                    | "model"
            )
        {
            return false;
        }
        // part of a longer number or code: "1990.5", "1990-1"
        if i > 0 && t.glued(i) && matches!(t.w(i - 1), "." | "/" | ":" | ",") {
            return false;
        }
        if t.glued(i + 1) && matches!(t.w(i + 1), "%" | "/" | ":") {
            return false;
        }
        let next = t.w(i + 1);
        if matches!(
            next,
            "percent"
                | "%"
                | "people"
                | "troops"
                | "soldiers"
                | "shares"
                | "votes"
                | "tons"
                | "jobs"
                | "workers"
                | "employees"
                | "cases"
                | "units"
                | "points"
                | "members"
                | "feet"
                | "meters"
                | "miles"
                | "kilometers"
                | "pounds"
                | "dollars"
                | "yen"
                | "marks"
                | "francs"
                | "barrels"
                | "acres"
                | "square"
                | "deaths"
                | "civilians"
                | "residents"
                | "students"
                | "children"
                | "men"
                | "women"
                | "cars"
                | "vehicles"
                | "planes"
                | "homes"
                | "houses"
                | "rooms"
                | "passengers"
                | "patients"
                | "copies"
                | "words"
                | "times"
                | "million"
                | "billion"
        ) {
            return false;
        }
        if !(1800..=2099).contains(&y) {
            // Older years only where a date is expected.
            return i > 0
                && matches!(
                    t.w(i - 1),
                    "in" | "of"
                        | "since"
                        | "from"
                        | "until"
                        | "by"
                        | "year"
                        | "about"
                        | "around"
                        | "circa"
                        | "c"
                );
        }
        true
    }

    /// The year "this year", "last year" or "next year" at `i` names, as an offset from the
    /// year of writing ("June last year", "7 December this year").
    fn year_relative_at(&self, i: usize) -> Option<i64> {
        let t = self.t;
        if !t.is(i + 1, "year") {
            return None;
        }
        match t.w(i) {
            "this" => Some(0),
            "last" => Some(-1),
            "next" => Some(1),
            _ => None,
        }
    }

    /// "that year", "of that year", "the same year", "the following year", "the previous
    /// year" at `i`: the offset from the year under discussion and the end of the words.
    fn year_anaphoric_at(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.t;
        let i = if t.is(i, "of") { i + 1 } else { i };
        let (offset, year) = match (t.w(i), t.w(i + 1)) {
            ("that", _) => (0, i + 1),
            ("the", "same") => (0, i + 2),
            ("the", "following" | "next" | "subsequent") => (1, i + 2),
            ("the", "previous" | "preceding" | "prior") => (-1, i + 2),
            _ => return None,
        };
        t.is(year, "year").then_some((offset, year + 1))
    }

    // ---------------------------------------------------------------- rules

    /// Written dates found by `storyline_time::find_dates`, plus "March of 1990".
    fn r_calendar(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if let Some((end, m)) = self.dates[i] {
            // "7 December last year", "March 3 this year": a day of a year told relative to
            // the time of writing.
            if let (None, Some(day), Some(year_offset)) =
                (m.year, m.day, self.year_relative_at(end))
            {
                return cand(
                    end + 2,
                    point(Base::MonthOfYear {
                        month: m.month,
                        day: Some(day),
                        year_offset,
                        of_mentioned: false,
                    }),
                );
            }
            // "3 May that year", "on 12 June the following year".
            if let (None, Some(day), Some((year_offset, after))) =
                (m.year, m.day, self.year_anaphoric_at(end))
            {
                return cand(
                    after,
                    point(Base::MonthOfYear {
                        month: m.month,
                        day: Some(day),
                        year_offset,
                        of_mentioned: true,
                    }),
                );
            }
            let dow = lex::weekday(t.w(i).trim_end_matches('.'));
            let base = Base::Calendar {
                year: m.year,
                month: m.month,
                day: m.day,
                dow,
            };
            let mut end = end;
            // "Dec. 14" followed by ", 1989" is already in the mention; a
            // weekday after a date ("Aug. 7, Friday") is not taken.
            // "March 1990's" → stop before 's.
            let mut spec = PointSpec::new(base);
            // time after a date: "Nov. 9 at 5 p.m." is left to the clock rule.
            if let Some((ce, clock)) = self.clock_at(end) {
                if !t.is(end, "at") {
                    spec.clock = Some(clock);
                    end = ce;
                }
            }
            return cand(end, Spec::Point(spec));
        }
        // "March of 1990", "the March 1990"
        if let Some((e, m)) = self.month_at(i) {
            if t.is(e, "of") {
                if let Some(y) = self.year_at(e + 1) {
                    return cand(
                        e + 2,
                        point(Base::Calendar {
                            year: Some(y),
                            month: m,
                            day: None,
                            dow: None,
                        }),
                    );
                }
            }
            // "Sept. 1990" when find_dates missed the abbreviation form
            if let Some(y) = self.year_at(e) {
                return cand(
                    e + 1,
                    point(Base::Calendar {
                        year: Some(y),
                        month: m,
                        day: None,
                        dow: None,
                    }),
                );
            }
        }
        // "the 12th of March" is handled by find_dates; "the 12th" alone is not a date here.
        None
    }

    /// A clock time at `i`: (end, (hour, minute)). "10:35 a.m.", "7 p.m.",
    /// "noon", "midnight", "19:00", "10 o'clock", optional time zone.
    fn clock_at(&self, i: usize) -> Option<(usize, (u8, u8))> {
        let t = self.t;
        let w = t.w(i);
        let (mut end, mut h, m);
        match w {
            "noon" | "midday" if !(i > 0 && t.is(i - 1, "high")) => {
                return Some((self.after_tz(i + 1), (12, 0)))
            }
            "midnight" => return Some((self.after_tz(i + 1), (24, 0))),
            _ => {}
        }
        if !t.is_num(i) {
            return None;
        }
        // "0800 UTC"
        if w.len() == 4
            && w.bytes().all(|c| c.is_ascii_digit())
            && self.after_tz(i + 1) > i + 1
            && t.is_word(i + 1)
            && lex::time_zone(t.w(i + 1))
        {
            let (h, m): (u8, u8) = (w[..2].parse().ok()?, w[2..].parse().ok()?);
            if h <= 24 && m <= 59 {
                return Some((i + 2, (h, m)));
            }
        }
        let hhmm = if let Some((a, b)) = w.split_once(':') {
            if b.len() != 2 || a.is_empty() || a.len() > 2 {
                return None;
            }
            Some((a.parse::<u8>().ok()?, b.parse::<u8>().ok()?))
        } else if w.len() == 4 && w.contains('.') {
            // British "10.30"
            let (a, b) = w.split_once('.')?;
            if b.len() != 2 {
                return None;
            }
            Some((a.parse::<u8>().ok()?, b.parse::<u8>().ok()?))
        } else {
            None
        };
        match hhmm {
            Some((a, b)) => {
                h = a;
                m = b;
            }
            None => {
                if w.len() > 2 || w.contains(',') || w.contains('.') {
                    return None;
                }
                h = w.parse().ok()?;
                m = 0;
            }
        }
        if m > 59 || h > 24 {
            return None;
        }
        end = i + 1;
        // am / pm: "a.m.", "am", "A.M.", "p.m"
        let ampm = match (t.w(end), t.w(end + 1), t.w(end + 2)) {
            ("a", ".", "m") => Some((true, 3)),
            ("p", ".", "m") => Some((false, 3)),
            ("am", _, _) => Some((true, 1)),
            ("pm", _, _) => Some((false, 1)),
            _ => None,
        };
        if let Some((am, len)) = ampm {
            if h == 0 || h > 12 {
                return None;
            }
            end += len;
            if t.is(end, ".") && t.glued(end) && len == 3 {
                end += 1;
            }
            if am && h == 12 {
                h = 0;
            } else if !am && h < 12 {
                h += 12;
            }
        } else if t.is(end, "o") && t.is(end + 1, "'") && t.is(end + 2, "clock") {
            end += 3;
        } else if hhmm.is_none() {
            // a bare hour is a time only with "in the morning" etc.
            if t.is(end, "in") && t.is(end + 1, "the") {
                match t.w(end + 2) {
                    "morning" => return Some((end + 3, (h % 12, 0))),
                    "afternoon" | "evening" => return Some((end + 3, (h % 12 + 12, 0))),
                    _ => {}
                }
            }
            if t.is(end, "at") && t.is(end + 1, "night") {
                return Some((end + 2, ((h % 12) + 12, 0)));
            }
            return None;
        } else if hhmm.is_some() && h <= 12 && t.is(end, "in") && t.is(end + 1, "the") {
            match t.w(end + 2) {
                "morning" => return Some((end + 3, (h % 12, m))),
                "afternoon" | "evening" => return Some((end + 3, (h % 12 + 12, m))),
                _ => {}
            }
        }
        let tz_end = self.after_tz(end);
        if ampm.is_none() && tz_end == end {
            // "10:30" or "10.30" alone: a time only after "at", "by", "until"...
            let prev = if i > 0 { t.w(i - 1) } else { "" };
            let dotted = w.contains('.');
            if dotted
                || !matches!(
                    prev,
                    "at" | "by"
                        | "until"
                        | "till"
                        | "before"
                        | "after"
                        | "around"
                        | "from"
                        | "to"
                        | "about"
                        | "since"
                )
            {
                return None;
            }
        }
        end = tz_end;
        Some((end, (h, m)))
    }

    fn after_tz(&self, i: usize) -> usize {
        let t = self.t;
        if lex::time_zone(t.w(i)) && t.orig(i).chars().all(|c| c.is_ascii_uppercase()) {
            return i + 1;
        }
        if t.is(i, "local") && t.is(i + 1, "time") {
            return i + 2;
        }
        i
    }

    /// A day named on its own ("Friday", "yesterday", "Nov. 9"), for clock
    /// times and parts of the day to attach to.
    fn day_at(&self, i: usize) -> Option<(usize, Base)> {
        let t = self.t;
        if let Some(dow) = lex::weekday(t.w(i)) {
            return Some((
                i + 1,
                Base::Weekday {
                    dow,
                    rel: Rel::Plain,
                },
            ));
        }
        match t.w(i) {
            "today" => {
                return Some((
                    i + 1,
                    Base::Deictic {
                        unit: Unit::Day,
                        offset: 0,
                    },
                ))
            }
            "yesterday" => {
                return Some((
                    i + 1,
                    Base::Deictic {
                        unit: Unit::Day,
                        offset: -1,
                    },
                ))
            }
            "tomorrow" => {
                return Some((
                    i + 1,
                    Base::Deictic {
                        unit: Unit::Day,
                        offset: 1,
                    },
                ))
            }
            _ => {}
        }
        if let Some((end, m)) = self.dates[i] {
            if m.day.is_some() {
                return Some((
                    end,
                    Base::Calendar {
                        year: m.year,
                        month: m.month,
                        day: m.day,
                        dow: None,
                    },
                ));
            }
        }
        None
    }

    fn r_clock(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        // "around 7:15 p.m." is taken by r_approx.
        let (mut end, clock) = self.clock_at(i)?;
        let mut base = Base::TimeOnly;
        // "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon Thursday", "midnight Friday"
        let j = if t.is(end, ",") { end + 1 } else { end };
        if let Some((e, b)) = self.day_at(j) {
            base = b;
            end = e;
        }
        // "7 p.m. on Friday": the clock alone; the day is its own mention.
        let mut spec = PointSpec::new(base);
        spec.clock = Some(clock);
        cand(end, Spec::Point(spec))
    }

    /// A part of the day after a day: "Friday morning", "yesterday afternoon".
    fn part_after(&self, i: usize) -> Option<(usize, DayPart)> {
        let t = self.t;
        if let Some(p) = lex::day_part(t.w(i)) {
            return Some((i + 1, p));
        }
        if t.is(i, "night") {
            return Some((i + 1, DayPart::Night));
        }
        None
    }

    fn r_weekday(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (rel, j) = match t.w(i) {
            "last" | "past" => (Rel::Last, i + 1),
            "next" | "coming" => (Rel::Next, i + 1),
            "this" => (Rel::This, i + 1),
            _ => (Rel::Plain, i),
        };
        let dow = lex::weekday(t.w(j))?;
        let mut end = j + 1;
        // "Thursday of last week", "Wednesday last week": the week is named, not the day.
        let of = usize::from(t.is(end, "of"));
        if rel == Rel::Plain && t.is(end + of + 1, "week") {
            if let Some(week_offset) = week_offset(t.w(end + of)) {
                return cand(
                    end + of + 2,
                    point(Base::WeekdayOfWeek { dow, week_offset }),
                );
            }
        }
        let mut spec = PointSpec::new(Base::Weekday { dow, rel });
        if let Some((e, p)) = self.part_after(end) {
            spec.part = Some(p);
            end = e;
        }
        cand(end, Spec::Point(spec))
    }

    fn r_deictic_day(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let day = |offset| Base::Deictic {
            unit: Unit::Day,
            offset,
        };
        let (base, mut end, mut part) = match t.w(i) {
            "today" => (day(0), i + 1, None),
            "yesterday" => (day(-1), i + 1, None),
            "tomorrow" => (day(1), i + 1, None),
            "tonight" => (day(0), i + 1, Some(DayPart::Night)),
            "overnight" => (day(-1), i + 1, Some(DayPart::Night)),
            "last" if t.is(i + 1, "night") => (day(-1), i + 2, Some(DayPart::Night)),
            "this" => {
                let p = lex::day_part(t.w(i + 1))?;
                (day(0), i + 2, Some(p))
            }
            "the" if t.is(i + 1, "day") && t.is(i + 2, "before") && t.is(i + 3, "yesterday") => {
                (day(-2), i + 4, None)
            }
            "the" if t.is(i + 1, "day") && t.is(i + 2, "after") && t.is(i + 3, "tomorrow") => {
                (day(2), i + 4, None)
            }
            _ => return None,
        };
        if part.is_none() && matches!(t.w(i), "yesterday" | "tomorrow" | "today") {
            if let Some((e, p)) = self.part_after(end) {
                part = Some(p);
                end = e;
            }
        }
        let mut spec = PointSpec::new(base);
        spec.part = part;
        cand(end, Spec::Point(spec))
    }

    /// this/last/next + unit: "last month", "this week", "next year", "this
    /// weekend", "the current quarter", "last summer", "this century".
    fn r_relative_unit(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (offset, j) = match (t.w(i), t.w(i + 1)) {
            ("this" | "current", _) => (0, i + 1),
            ("the", "current" | "present") => (0, i + 2),
            ("last" | "past" | "previous", _) => (-1, i + 1),
            ("next" | "coming", _) => (1, i + 1),
            ("the", "coming") => (1, i + 2),
            ("the", "weekend") => {
                return cand(i + 2, point(Base::Weekend { rel: Rel::Plain }));
            }
            _ => return None,
        };
        let (offset, j) = if t.is(i, "this") && t.is(j, "past") {
            (-1, j + 1)
        } else {
            (offset, j)
        };
        let j = if t.is(j, "fiscal") && t.is(j + 1, "year") {
            j + 1
        } else {
            j
        };
        let w = t.w(j);
        if let Some(s) = lex::season(w) {
            let rel = match offset {
                0 => Rel::This,
                -1 => Rel::Last,
                _ => Rel::Next,
            };
            let rel_sel = YearSel::Rel(rel);
            return cand(
                j + 1,
                point(Base::YearPart {
                    part: YearPart::Season(s),
                    year: rel_sel,
                }),
            );
        }
        let (unit, plural) = lex::unit(w)?;
        if plural {
            return None;
        }
        // "past" alone before a unit is a duration ("past decade"); "last
        // decade" is the decade before this one.
        if t.is(i, "past") && !matches!(unit, Unit::Week | Unit::Month | Unit::Year | Unit::Weekend)
        {
            return None;
        }
        let base = match unit {
            Unit::Weekend => Base::Weekend {
                rel: match offset {
                    0 => Rel::This,
                    -1 => Rel::Last,
                    _ => Rel::Next,
                },
            },
            Unit::Day | Unit::Minute | Unit::Hour => return None,
            _ => Base::Deictic { unit, offset },
        };
        // "last week on Wednesday": the day in the week named.
        if unit == Unit::Week && t.is(j + 1, "on") {
            if let (Some(dow), Some(week_offset)) = (lex::weekday(t.w(j + 2)), week_offset(t.w(i)))
            {
                return cand(j + 3, point(Base::WeekdayOfWeek { dow, week_offset }));
            }
        }
        // "this year's third quarter" is taken by r_quarter.
        cand(j + 1, point(base))
    }

    /// Month names: "January", "last April", "next March".
    fn r_month(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (rel, j) = match t.w(i) {
            "last" | "past" => (Rel::Last, i + 1),
            "next" | "coming" => (Rel::Next, i + 1),
            "this" => (Rel::This, i + 1),
            _ => (Rel::Plain, i),
        };
        let (end, month) = self.month_at(j)?;
        if let Some(year_offset) = self.year_relative_at(end).filter(|_| rel == Rel::Plain) {
            return cand(
                end + 2,
                point(Base::MonthOfYear {
                    month,
                    day: None,
                    year_offset,
                    of_mentioned: false,
                }),
            );
        }
        if let Some((year_offset, after)) =
            self.year_anaphoric_at(end).filter(|_| rel == Rel::Plain)
        {
            return cand(
                after,
                point(Base::MonthOfYear {
                    month,
                    day: None,
                    year_offset,
                    of_mentioned: true,
                }),
            );
        }
        if t.is(end, "for") || (t.is(end, "of") && self.year_at(end + 1).is_none()) {
            return None; // "the March for Life", "the March of Dimes"
        }
        if lex::month(t.w(j)).is_none() && rel == Rel::Plain {
            // abbreviations alone are not months
            if !(t.is(j + 1, ".") && t.glued(j + 1)) {
                return None;
            }
        }
        // "May" the modal needs context even when capitalized.
        cand(end, point(Base::Month { month, rel }))
    }

    /// Years: "1998", "fiscal 1990", "the year 2000", "'89", "calendar 1990".
    fn r_year(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (j, prefixed) = match (t.w(i), t.w(i + 1)) {
            ("fiscal" | "calendar" | "model", _) if self.year_at(i + 1).is_some() => (i + 1, true),
            ("the", "year") if self.year_at(i + 2).is_some() => (i + 2, true),
            ("year", _) if self.year_at(i + 1).is_some() => (i + 1, true),
            ("fy", _) if self.year_at(i + 1).is_some() => (i + 1, true),
            _ => (i, false),
        };
        if let Some(y) = self.year_at(j) {
            if !prefixed && !self.year_plausible(j) {
                return None;
            }
            // "1990s" is a decade (r_decade); "1990-1" is not a year
            if t.glued(j + 1) && t.is(j + 1, "s") {
                return None;
            }
            return cand(j + 1, point(Base::Year(y)));
        }
        // '89
        if matches!(t.w(i), "'" | "’") && t.glued(i + 1) && t.is_num(i + 1) && t.w(i + 1).len() == 2
        {
            if t.glued(i + 2) && t.is(i + 2, "s") {
                return None;
            }
            let yy: i32 = t.w(i + 1).parse().ok()?;
            let y = if yy > 30 { 1900 + yy } else { 2000 + yy };
            if i > 0 && t.is_word(i - 1) && t.glued(i) {
                return None; // rock'n'roll-like contractions
            }
            return cand(i + 2, point(Base::Year(y)));
        }
        None
    }

    /// "the 1990s", "1990s", "the '80s", "the eighties", "mid-1990s" (via modifiers).
    fn r_decade(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let j = if t.is(i, "the") { i + 1 } else { i };
        // the 1990s
        if let Some(y) = self.year_at(j) {
            if y % 10 == 0 && t.glued(j + 1) && t.is(j + 1, "s") {
                let end = j + 2;
                return cand(end, point(Base::Decade(y / 10)));
            }
            return None;
        }
        // the '80s / the 80s
        let k = if matches!(t.w(j), "'" | "’") {
            j + 1
        } else {
            j
        };
        if t.is_num(k)
            && t.w(k).len() == 2
            && t.glued(k + 1)
            && t.is(k + 1, "s")
            && (k == j || t.glued(k))
        {
            let yy: i32 = t.w(k).parse().ok()?;
            if yy % 10 != 0 {
                return None;
            }
            if k == j && j == i {
                // bare "80s" is often an age or temperature
                return None;
            }
            let y = if yy >= 30 { 1900 + yy } else { 2000 + yy };
            return cand(k + 2, point(Base::Decade(y / 10)));
        }
        // the nineties
        if j > i {
            if let Some(d) = lex::decade_word(t.w(j)) {
                return cand(j + 1, point(Base::Decade(190 + d)));
            }
        }
        None
    }

    /// "the 20th century", "the nineteenth century", "this century".
    fn r_century(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let j = if t.is(i, "the") { i + 1 } else { i };
        let (k, n) = if let Some(n) = lex::ordinal(t.w(j)) {
            (j + 1, n)
        } else if t.is_num(j) && t.glued(j + 1) && t.any(j + 1, &["st", "nd", "rd", "th"]) {
            (j + 2, t.int(j)?)
        } else if t.is(j, "twenty") && t.is(j + 1, "-") && t.is(j + 2, "first") {
            (j + 3, 21)
        } else {
            return None;
        };
        if !t.is(k, "century") {
            return None;
        }
        if !(1..=30).contains(&n) {
            return None;
        }
        cand(k + 1, point(Base::Century((n - 1) as i32)))
    }

    fn quarter_word(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.t;
        let n = match t.w(i) {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" | "final" | "last" => 4,
            _ => {
                if t.is_num(i) && t.glued(i + 1) && t.any(i + 1, &["st", "nd", "rd", "th"]) {
                    let n = t.int(i)?;
                    if (1..=4).contains(&n) {
                        return Some((i + 2, n as u8));
                    }
                }
                return None;
            }
        };
        Some((i + 1, n))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fourth
    /// quarter of 1984", "this year's second quarter", "the first half",
    /// "the quarter", "the latest quarter", "the year-ago quarter", "the 1988
    /// period", "the fiscal second quarter".
    fn r_quarter(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let the = t.is(i, "the");
        let that = t.is(i, "that");
        let mut j = if the || that { i + 1 } else { i };
        let mut year = YearSel::Rel(Rel::Plain);
        let mut year_given = false;
        // this year's / last year's / 1990's
        match (t.w(j), t.w(j + 1)) {
            ("this" | "last" | "next", "year")
                if matches!(t.w(j + 2), "'" | "’") && t.is(j + 3, "s") =>
            {
                let k = match t.w(j) {
                    "this" => 0,
                    "last" => -1,
                    _ => 1,
                };
                year = YearSel::Deictic(k);
                year_given = true;
                j += 4;
            }
            _ => {
                if let Some(y) = self.year_at(j) {
                    if matches!(t.w(j + 1), "'" | "’") && t.is(j + 2, "s") {
                        year = YearSel::Explicit(y);
                        year_given = true;
                        j += 3;
                    } else if the {
                        year = YearSel::Explicit(y);
                        year_given = true;
                        j += 1;
                    }
                }
            }
        }
        if the && t.any(j, &["comparable", "same", "corresponding"]) {
            j += 1;
        }
        let mut ago = false;
        if t.is(j, "year") && t.is(j + 1, "-") && t.any(j + 2, &["ago", "earlier"]) {
            ago = true;
            j += 3;
        }
        if t.is(j, "fiscal") {
            j += 1;
            if t.is(j, "-") {
                j += 1;
            }
        }
        let mut latest = None;
        match (t.w(j), t.w(j + 1)) {
            ("most", "recent") => {
                latest = Some(-1);
                j += 2;
            }
            ("latest" | "recent" | "past" | "previous" | "prior" | "just-ended", _) if the => {
                latest = Some(-1);
                j += 1;
            }
            ("current" | "present", _) if the => {
                latest = Some(0);
                j += 1;
            }
            _ => {}
        }
        let mut hyphen = false;
        let ord = match self.quarter_word(j) {
            Some((k, q)) => {
                j = k;
                if t.is(j, "-") && t.glued(j) {
                    hyphen = true;
                    j += 1;
                }
                Some(q)
            }
            None => None,
        };
        let half = t.is(j, "half");
        let period = t.is(j, "period");
        if !(t.is(j, "quarter") || half || period) {
            return None;
        }
        if half && ord.is_none_or(|q| q > 2 && !t.any(j - 1, &["last", "final"])) {
            return None;
        }
        let mut end = j + 1;
        // "of 1984", "of fiscal 1990", "of this year", "of next year"
        if t.is(end, "of") {
            let mut m = end + 1;
            if t.is(m, "fiscal") {
                m += 1;
            }
            if let Some(y) = self.year_at(m) {
                year = YearSel::Explicit(y);
                year_given = true;
                end = m + 1;
            } else if let Some(offset) = self.year_relative_at(m) {
                year = YearSel::Deictic(offset);
                year_given = true;
                end = m + 2;
            } else if t.is(m, "the") && t.is(m + 1, "year") {
                end = m + 2;
            }
        } else if let Some(y) = self.year_at(end).filter(|_| !year_given) {
            year = YearSel::Explicit(y);
            year_given = true;
            end += 1;
        } else if t.is(end, "a") && t.is(end + 1, "year") && t.any(end + 2, &["ago", "earlier"]) {
            ago = true;
            end += 3;
        }
        // The determiner belongs to a noun after an adjectival "third-quarter".
        let start_tok = if hyphen && !t.is(end, "-") && t.is_word(end) {
            if the || that {
                i + 1
            } else {
                i
            }
        } else {
            i
        };
        if start_tok != i {
            return None; // the candidate starting at i+1 covers it
        }
        let base = match ord {
            Some(q) => {
                // "last quarter" without "the" is the deictic one (r_relative_unit)
                if !the && !hyphen && !year_given && t.any(j - 1, &["last", "final"]) {
                    return None;
                }
                let q = if half && t.any(j - 1, &["last", "final"]) {
                    2
                } else {
                    q
                };
                let q = if !half && t.any(j - 1, &["last", "final"]) && !t.is_num(j - 1) {
                    4
                } else {
                    q
                };
                let part = if half {
                    YearPart::Half(q)
                } else {
                    YearPart::Quarter(q)
                };
                if ago && !year_given {
                    year = YearSel::Deictic(-1);
                }
                Base::YearPart { part, year }
            }
            None => {
                if !(the || that) || half {
                    return None;
                }
                if period && !(ago || latest.is_some() || year_given) {
                    return None;
                }
                if that {
                    Base::Anaphoric {
                        unit: Unit::Quarter,
                        offset: 0,
                        keep_grain: false,
                    }
                } else if ago {
                    Base::Ago {
                        unit: Unit::Year,
                        n: 1,
                    }
                } else if let YearSel::Explicit(y) = year {
                    Base::QuarterOfYear(y)
                } else if let Some(k) = latest {
                    Base::Deictic {
                        unit: Unit::Quarter,
                        offset: k,
                    }
                } else if year_given {
                    return None;
                } else {
                    Base::TheQuarter
                }
            }
        };
        cand(end, point(base))
    }

    /// "year-ago", "year-earlier" as adjectives; "a year ago" lives in r_ago.
    fn r_year_ago(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if t.is(i, "year")
            && t.is(i + 1, "-")
            && t.glued(i + 1)
            && t.any(i + 2, &["ago", "earlier"])
        {
            return cand(
                i + 3,
                point(Base::Ago {
                    unit: Unit::Year,
                    n: 1,
                }),
            );
        }
        if t.is(i, "year") && t.is(i + 1, "-") && t.is(i + 2, "end") && t.glued(i + 1) {
            let mut c = cand(i + 3, point(Base::TheYear))?;
            c.modifier = Some(Mod::End);
            return Some(c);
        }
        None
    }

    /// A number and unit: (end, amount, unit).
    fn amount_unit(&self, i: usize) -> Option<(usize, Option<f64>, Unit)> {
        let t = self.t;
        // half a year, half an hour
        if t.is(i, "half") && t.any(i + 1, &["a", "an"]) {
            let (u, plural) = lex::unit(t.w(i + 2))?;
            if plural {
                return None;
            }
            return Some((i + 3, Some(0.5), u));
        }
        let (mut j, n) = self.number(i)?;
        if t.any(
            j,
            &[
                "more",
                "additional",
                "extra",
                "further",
                "straight",
                "consecutive",
                "full",
                "long",
                "short",
            ],
        ) && lex::unit(t.w(j + 1)).is_some()
        {
            j += 1;
        }
        let (unit, plural) = lex::unit(t.w(j))?;
        let mut end = j + 1;
        let mut n = n;
        // ages ("37 years old") and fractions ("a quarter of", "three-quarters")
        if t.is(end, "old") || (t.is(end, "-") && t.is(end + 1, "old")) {
            return None;
        }
        if unit == Unit::Quarter
            && ((t.is(end, "of") && t.any(i, &["a", "one", "three", "two"]) && j == i + 1)
                || (plural && t.is(j - 1, "-")))
        {
            return None;
        }
        // singular/plural agreement: "one year", "two years", "a few years";
        // "a five year low" is a compound
        match n {
            Some(v) if v == 1.0 && plural && !t.is_num(i) => return None,
            None if !plural => return None,
            _ => {}
        }
        // "a year and a half"
        if n.is_some() && t.is(end, "and") && t.is(end + 1, "a") && t.is(end + 2, "half") {
            n = n.map(|v| v + 0.5);
            end += 3;
        }
        // "or so"
        if t.is(end, "or") && t.is(end + 1, "so") {
            end += 2;
        }
        Some((end, n, unit))
    }

    /// "two days ago", "a year ago", "five years earlier", "two weeks later",
    /// "three days from now".
    fn r_ago(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (end, n, unit) = self.amount_unit(i)?;
        let word = t.w(end);
        let (unit, mult) = match unit {
            Unit::Decade => (Unit::Year, 10),
            Unit::Century => (Unit::Year, 100),
            u => (u, 1),
        };
        let count = |n: Option<f64>| -> Option<i64> {
            let v = n?;
            if v.fract() != 0.0 {
                return None;
            }
            Some(v as i64 * mult)
        };
        match word {
            "ago" => match count(n) {
                Some(k) if unit != Unit::Weekend => cand(end + 1, point(Base::Ago { unit, n: k })),
                _ => cand(end + 1, Spec::Ref(RefKind::Past)),
            },
            "earlier" | "later" | "before" | "after"
                if t.is(end + 1, "that")
                    || t.is(end + 1, ",")
                    || t.is(end + 1, ".")
                    || word == "earlier"
                    || word == "later" =>
            {
                if matches!(word, "before" | "after") && !t.any(end + 1, &[",", "."]) {
                    return None;
                }
                let sign = if matches!(word, "earlier" | "before") {
                    -1
                } else {
                    1
                };
                match count(n) {
                    Some(k) if unit != Unit::Weekend => cand(
                        end + 1,
                        point(Base::Anaphoric {
                            unit,
                            offset: sign * k,
                            keep_grain: true,
                        }),
                    ),
                    _ => None,
                }
            }
            "from" if t.is(end + 1, "now") => match count(n) {
                Some(k) => cand(end + 2, point(Base::Ago { unit, n: -k })),
                None => cand(end + 2, Spec::Ref(RefKind::Future)),
            },
            _ => None,
        }
    }

    /// Anaphoric days and units: "the next day", "the following week", "that
    /// day", "the same month", "the day before", "the previous year",
    /// "the next morning".
    fn r_anaphoric(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if let Some(c) = self.r_stretch_after(i) {
            return Some(c);
        }
        let (offset, j) = match (t.w(i), t.w(i + 1)) {
            ("the", "next" | "following" | "subsequent") => (1, i + 2),
            ("the", "previous" | "preceding" | "prior") => (-1, i + 2),
            ("the", "same") => (0, i + 2),
            ("that", _) => (0, i + 1),
            ("the", "day") if t.any(i + 2, &["before", "after"]) => {
                // "the day before" (not "the day before yesterday", nor "the day after the vote")
                if t.any(
                    i + 3,
                    &[
                        "yesterday",
                        "tomorrow",
                        "the",
                        "a",
                        "his",
                        "her",
                        "their",
                        "its",
                    ],
                ) {
                    return None;
                }
                let off = if t.is(i + 2, "before") { -1 } else { 1 };
                return cand(
                    i + 3,
                    point(Base::Anaphoric {
                        unit: Unit::Day,
                        offset: off,
                        keep_grain: false,
                    }),
                );
            }
            _ => return None,
        };
        let w = t.w(j);
        if let Some(dow) = lex::weekday(w) {
            if offset == 0 {
                return None;
            }
            return cand(j + 1, point(Base::AnaphoricWeekday { dow, offset }));
        }
        if let Some(p) = lex::day_part(w) {
            let mut spec = PointSpec::new(Base::Anaphoric {
                unit: Unit::Day,
                offset: if offset == -1 { 0 } else { offset },
                keep_grain: false,
            });
            // "the next morning" is the morning after; "the previous night" the night before
            if offset == 1 && p == DayPart::Night {
                spec.base = Base::Anaphoric {
                    unit: Unit::Day,
                    offset: 0,
                    keep_grain: false,
                };
            }
            spec.part = Some(p);
            return cand(j + 1, Spec::Point(spec));
        }
        let (unit, plural) = lex::unit(w)?;
        if plural || matches!(unit, Unit::Minute | Unit::Hour) {
            return None;
        }
        if t.is(i, "that") && unit == Unit::Day && t.any(j + 1, &["when"]) {
            // "that day when" still a day
        }
        cand(
            j + 1,
            point(Base::Anaphoric {
                unit,
                offset,
                keep_grain: false,
            }),
        )
    }

    /// "the days that followed", "the following days", "the weeks after": a stretch right
    /// after the last date mentioned. It is read as that date's week (for days) or month (for
    /// weeks), the nearest single date: "Navalny died on 16 February. In the days that
    /// followed, more than 400 people were detained" is not the funeral two weeks later.
    fn r_stretch_after(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if !t.is(i, "the") {
            return None;
        }
        let grain = |w: &str| match w {
            "days" => Some(Unit::Week),
            "weeks" => Some(Unit::Month),
            _ => None,
        };
        let (unit, end) = if t.any(i + 1, &["following", "ensuing"]) {
            (grain(t.w(i + 2))?, i + 3)
        } else {
            let unit = grain(t.w(i + 1))?;
            if t.is(i + 2, "that") && t.is(i + 3, "followed") {
                (unit, i + 4)
            } else if t.is(i + 2, "after") && !t.is_word(i + 3) {
                (unit, i + 3)
            } else {
                return None;
            }
        };
        cand(
            end,
            point(Base::Anaphoric {
                unit,
                offset: 0,
                keep_grain: false,
            }),
        )
    }

    /// Durations: "five years", "the past two months", "the first nine
    /// months", "the next 12 to 18 months", "a minute and a half".
    fn r_duration(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let mut j = i;
        let the = t.is(j, "the");
        if the {
            j += 1;
        }
        let mut frame = DurFrame::Free;
        let mut qualified = false;
        match t.w(j) {
            "past" | "last" | "previous" | "preceding" => {
                frame = DurFrame::EndsAtDct;
                qualified = true;
                j += 1;
            }
            "next" | "coming" | "upcoming" => {
                frame = DurFrame::StartsAtDct;
                qualified = true;
                j += 1;
            }
            "first" | "final" | "remaining" | "initial" | "entire" | "whole" | "full"
            | "following" | "latest"
                if the =>
            {
                qualified = true;
                j += 1;
            }
            _ => {}
        }
        if qualified
            && !the
            && !t.is_num(j)
            && lex::small_number(t.w(j)).is_none()
            && lex::tens(t.w(j)).is_none()
        {
            // "last year" is a date; "past few years" still a duration
            if !t.any(j, &["few", "several", "couple"]) {
                return None;
            }
        }
        // "the past year", "the last decade": the one before this one
        // ("the past day" is a duration: there is no "previous day" reading)
        if the && qualified {
            if let Some((u, false)) = lex::unit(t.w(j)) {
                if t.any(
                    j - 1,
                    &[
                        "following",
                        "latest",
                        "first",
                        "final",
                        "full",
                        "entire",
                        "whole",
                        "remaining",
                        "initial",
                    ],
                ) {
                    return None;
                }
                if matches!(u, Unit::Minute | Unit::Hour | Unit::Day) {
                    if t.w(j - 1) != "past" {
                        return None;
                    }
                    return cand(j + 1, dur(Some(1.0), u, frame));
                }
                if frame == DurFrame::EndsAtDct && !matches!(u, Unit::Weekend) {
                    return cand(
                        j + 1,
                        point(Base::Deictic {
                            unit: u,
                            offset: -1,
                        }),
                    );
                }
                return cand(j + 1, dur(Some(1.0), u, frame));
            }
        }
        if the && !qualified {
            // "the nine months", "the six months" (not "the two years' delay")
            let (end, n, unit) = self.amount_unit(j)?;
            if n.is_none() || t.any(j, &["a", "an"]) {
                return None;
            }
            return cand(end, dur(n, unit, frame));
        }
        if let Some(v) = self.special_duration(j) {
            return Some(v);
        }
        let (end, n, unit) = self.amount_unit(j)?;
        if t.is(end, "-") && t.glued(end) {
            return None; // "two years-old"? let adjectival rules decide
        }
        // "a year" after an amount of money or "times" is a rate, not a duration.
        if !qualified && t.any(j, &["a", "an"]) && self.rate_context(i) {
            return None;
        }
        if matches!(t.w(j), "some" | "many")
            && !qualified
            && !t.any(
                i.wrapping_sub(1),
                &["for", "in", "within", "over", "after", "of"],
            )
        {
            return None;
        }
        cand(end, dur(n, unit, frame))
    }

    fn special_duration(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        // "a minute and a half", "an hour and a half" handled by amount_unit;
        // "a half-hour", "half-hour"
        let j = if t.any(i, &["a", "an"]) { i + 1 } else { i };
        if t.is(j, "half") && t.is(j + 1, "-") && t.is(j + 2, "hour") {
            return cand(
                j + 3,
                Spec::Duration(DurSpec {
                    amount: Some(0.5),
                    unit: Unit::Hour,
                    frame: DurFrame::Free,
                    value: Some("PT30M".into()),
                }),
            );
        }
        // seconds
        if let Some((k, n)) = self.number(i) {
            if let Some(plural) = lex::is_seconds(t.w(k)) {
                if !plural || t.any(k + 1, &["quarter", "half", "-"]) || self.year_at(i).is_some() {
                    return None;
                }
                let v = match n {
                    Some(v) => format!("PT{}S", fmt_num(v)),
                    None => "PTXS".into(),
                };
                return cand(
                    k + 1,
                    Spec::Duration(DurSpec {
                        amount: n,
                        unit: Unit::Minute,
                        frame: DurFrame::Free,
                        value: Some(v),
                    }),
                );
            }
        }
        None
    }

    /// Is the amount at `i` a rate ("$5 a year", "twice a week")?
    fn rate_context(&self, i: usize) -> bool {
        let t = self.t;
        if i == 0 {
            return false;
        }
        let p = t.w(i - 1);
        t.is_num(i - 1)
            || matches!(
                p,
                "million"
                    | "billion"
                    | "trillion"
                    | "thousand"
                    | "hundred"
                    | "%"
                    | "percent"
                    | "times"
                    | "twice"
                    | "once"
                    | "thrice"
                    | "dollars"
                    | "cents"
                    | "pounds"
                    | "euros"
                    | "yen"
                    | "tons"
                    | "barrels"
                    | "people"
                    | "visitors"
                    | "more"
                    | "less"
            )
    }

    /// Adjectival durations: "two-day", "18-month", "five-year", "year-long",
    /// "decades-long", "yearlong".
    fn r_adjectival_duration(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let w = t.w(i);
        // yearlong, weeklong, monthlong
        let compact = match w {
            "yearlong" => Some(Unit::Year),
            "weeklong" => Some(Unit::Week),
            "monthlong" => Some(Unit::Month),
            "daylong" => Some(Unit::Day),
            _ => None,
        };
        if let Some(u) = compact {
            return cand(i + 1, dur(Some(1.0), u, DurFrame::Free));
        }
        // year-long, decades-long, months-long
        if let Some((u, plural)) = lex::unit(w) {
            if t.is(i + 1, "-") && t.glued(i + 1) && t.is(i + 2, "long") && t.glued(i + 2) {
                let n = if plural { None } else { Some(1.0) };
                return cand(i + 3, dur(n, u, DurFrame::Free));
            }
            return None;
        }
        // two-day, 18-month, 30-year (not 30-year-old), two-and-a-half-year
        let (j, n) = self.number(i)?;
        if !(t.is(j, "-") && t.glued(j) && t.glued(j + 1)) {
            return None;
        }
        let (u, plural) = lex::unit(t.w(j + 1))?;
        if u == Unit::Quarter && plural {
            return None; // "three-quarters" is a fraction
        }
        if t.is(j + 2, "-") && t.glued(j + 2) && t.any(j + 3, &["old", "olds"]) {
            return None;
        }
        if t.any(i, &["a", "an"]) {
            return None;
        }
        cand(j + 2, dur(n, u, DurFrame::Free))
    }

    /// Bare plural units where they measure time: "for years", "in recent
    /// months", "days after", "many years", "centuries".
    fn r_bare_units(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let mut j = i;
        let recent = t.is(j, "recent");
        if recent {
            j += 1;
        }
        if t.any(i, &["coming", "upcoming"]) {
            let (u, plural) = lex::unit(t.w(i + 1))?;
            if !plural {
                return None;
            }
            return cand(i + 2, dur(None, u, DurFrame::StartsAtDct));
        }
        if t.is(i, "the") {
            let (u, plural) = lex::unit(t.w(i + 1))?;
            if plural
                && t.any(i + 2, &["ahead", "to"])
                && (t.is(i + 2, "ahead") || t.is(i + 3, "come"))
            {
                let end = if t.is(i + 2, "ahead") { i + 3 } else { i + 4 };
                return cand(end, dur(None, u, DurFrame::StartsAtDct));
            }
            return None;
        }
        let (u, plural) = lex::unit(t.w(j))?;
        if !plural || matches!(u, Unit::Weekend | Unit::Quarter) && !recent {
            return None;
        }
        if recent {
            if u == Unit::Year {
                return cand(j + 1, Spec::Ref(RefKind::Past));
            }
            return cand(j + 1, dur(None, u, DurFrame::EndsAtDct));
        }
        let prev = if i > 0 { t.w(i - 1) } else { "" };
        let next = t.w(j + 1);
        let ok = matches!(
            prev,
            "for"
                | "within"
                | "over"
                | "in"
                | "after"
                | "took"
                | "takes"
                | "lasted"
                | "spent"
                | "last"
        ) || (prev == "the"
            && matches!(
                next,
                "that" | "since" | "following" | "after" | "before" | "ahead"
            ))
            || matches!(
                next,
                "later" | "earlier" | "after" | "before" | "ago" | "of" | "-"
            )
            || matches!(u, Unit::Decade | Unit::Century);
        if !ok || (next == "of" && !matches!(prev, "for" | "after" | "within" | "in")) {
            return None;
        }
        if next == "-" {
            return None; // "decades-long" is r_adjectival_duration
        }
        cand(j + 1, dur(None, u, DurFrame::Free))
    }

    /// Sets: "every week", "each year", "every other day", "every Thursday",
    /// "daily", "annually", "twice a week", "on Mondays", "each July".
    fn r_set(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let w = t.w(i);
        let simple = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "biweekly" | "fortnightly" => Some("P2W"),
            "monthly" => Some("P1M"),
            "yearly" | "annually" | "annual" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            _ => None,
        };
        if let Some(v) = simple {
            if w == "annual" {
                return None; // "annual report": an adjective of kind, not a set
            }
            return cand(i + 1, Spec::Set(v.into()));
        }
        // "on Mondays"
        if let Some(dow) = lex::weekday_plural(w).filter(|_| t.upper(i)) {
            return cand(i + 1, Spec::Set(format!("XXXX-WXX-{dow}")));
        }
        if matches!(w, "every" | "each") {
            let mut j = i + 1;
            let mut mult = 1.0;
            if t.is(j, "other") {
                mult = 2.0;
                j += 1;
            } else if let Some((k, Some(n))) = self.number(j) {
                if !t.any(j, &["a", "an"]) && lex::unit(t.w(k)).is_some() {
                    mult = n;
                    j = k;
                }
            }
            let x = t.w(j);
            if let Some(dow) = lex::weekday(x) {
                let mut v = format!("XXXX-WXX-{dow}");
                let mut end = j + 1;
                if let Some(p) = lex::day_part(t.w(end)) {
                    v.push('T');
                    v.push_str(p.code());
                    end += 1;
                }
                return cand(end, Spec::Set(v));
            }
            if let Some(m) = lex::month(x).filter(|_| t.upper(j)) {
                return cand(j + 1, Spec::Set(format!("XXXX-{m:02}")));
            }
            if let Some(s) = lex::season(x) {
                return cand(j + 1, Spec::Set(format!("XXXX-{}", s.code())));
            }
            if let Some(p) = lex::day_part(x) {
                return cand(j + 1, Spec::Set(format!("XXXX-XX-XXT{}", p.code())));
            }
            let (u, _) = lex::unit(x)?;
            let d = DurSpec {
                amount: Some(mult),
                unit: u,
                frame: DurFrame::Free,
                value: None,
            };
            let v = if u == Unit::Weekend {
                "XXXX-WXX-WE".to_string()
            } else if u == Unit::Quarter {
                format!("P{}Q", fmt_num(mult))
            } else {
                d.value()
            };
            return cand(j + 1, Spec::Set(v));
        }
        // twice a week, three times a year, once a month
        let (k, _) = match w {
            "once" | "twice" | "thrice" => (i + 1, 1),
            _ => {
                let (k, _) = self.number(i)?;
                if !t.is(k, "times") {
                    return None;
                }
                (k + 1, 1)
            }
        };
        if t.any(k, &["a", "an", "per", "each", "every"]) {
            let (u, plural) = lex::unit(t.w(k + 1))?;
            if plural {
                return None;
            }
            let d = DurSpec {
                amount: Some(1.0),
                unit: u,
                frame: DurFrame::Free,
                value: None,
            };
            return cand(k + 2, Spec::Set(d.value()));
        }
        None
    }

    /// PAST_REF, PRESENT_REF, FUTURE_REF words.
    fn r_ref(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let w = t.w(i);
        let next = t.w(i + 1);
        let r = |k: RefKind, end: usize| cand(end, Spec::Ref(k));
        match w {
            "now" => {
                if t.is(i + 1, "that") && i > 0 && !t.any(i - 1, &[",", "and"]) {
                    // "now that" is a conjunction but still present time
                }
                r(RefKind::Present, i + 1)
            }
            "currently" | "nowadays" | "presently" => r(RefKind::Present, i + 1),
            "right" if next == "now" => r(RefKind::Present, i + 2),
            "these" if next == "days" => r(RefKind::Present, i + 2),
            "at" if next == "present" => r(RefKind::Present, i + 2),
            "the" if next == "present" && !t.is_word(i + 2) => r(RefKind::Present, i + 2),
            "current" => {
                // "current" modifying a noun of state: "the current crisis" is PRESENT_REF in TimeBank
                if t.any(
                    i + 1,
                    &[
                        "account",
                        "accounts",
                        "affairs",
                        "events",
                        "flows",
                        "flow",
                        "electric",
                        "electrical",
                        "price",
                        "prices",
                        "dollars",
                        "law",
                    ],
                ) {
                    return None;
                }
                if lex::unit(next).is_some() {
                    return None;
                }
                r(RefKind::Present, i + 1)
            }
            "recently" | "lately" => r(RefKind::Past, i + 1),
            "soon" => {
                if next == "after" || next == "as" {
                    return None;
                }
                r(RefKind::Future, i + 1)
            }
            "the" if next == "future" => r(RefKind::Future, i + 2),
            "the"
                if matches!(next, "near" | "short" | "long" | "medium")
                    && t.any(i + 2, &["term", "future", "run"]) =>
            {
                if next == "long" || next == "medium" {
                    return None;
                }
                r(RefKind::Future, i + 3)
            }
            "the" if next == "past" => {
                if self.number(i + 2).is_some()
                    || lex::unit(t.w(i + 2)).is_some()
                    || t.any(i + 2, &["few", "several"])
                {
                    return None;
                }
                r(RefKind::Past, i + 2)
            }
            _ => None,
        }
    }

    /// Holidays: "Christmas", "Christmas Day", "New Year's Day", "Thanksgiving",
    /// "Easter", "Labor Day", optionally with a year.
    fn r_holiday(&self, i: usize) -> Option<Cand> {
        let rel = match self.t.w(i) {
            "last" => Rel::Last,
            "next" => Rel::Next,
            "this" => Rel::This,
            _ => return self.holiday_at(i),
        };
        let mut c = self.holiday_at(i + 1)?;
        if let Spec::Point(PointSpec {
            base: Base::Holiday { year, .. },
            ..
        }) = &mut c.spec
        {
            if *year == YearSel::Rel(Rel::Plain) {
                *year = YearSel::Rel(rel);
            }
        }
        Some(c)
    }

    fn holiday_at(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if !t.upper(i) {
            return None;
        }
        let (h, mut end) = match (t.w(i), t.w(i + 1), t.w(i + 2), t.w(i + 3)) {
            ("christmas", "eve", _, _) => (Holiday::ChristmasEve, i + 2),
            ("christmas", "day", _, _) => (Holiday::Christmas, i + 2),
            ("christmas", _, _, _) => (Holiday::Christmas, i + 1),
            ("boxing", "day", _, _) => (Holiday::Boxing, i + 2),
            ("new", "year", "'" | "’", "s") => match t.w(i + 4) {
                "day" => (Holiday::NewYearsDay, i + 5),
                "eve" => (Holiday::NewYearsEve, i + 5),
                _ => (Holiday::NewYearsDay, i + 4),
            },
            ("thanksgiving", "day", _, _) => (Holiday::Thanksgiving, i + 2),
            ("thanksgiving", _, _, _) => (Holiday::Thanksgiving, i + 1),
            ("easter", "sunday", _, _) => (Holiday::Easter, i + 2),
            ("easter", _, _, _) if !t.upper(i + 1) => (Holiday::Easter, i + 1),
            ("good", "friday", _, _) => (Holiday::GoodFriday, i + 2),
            ("independence", "day", _, _) => (Holiday::IndependenceDay, i + 2),
            ("halloween", _, _, _) => (Holiday::Halloween, i + 1),
            ("valentine", "'" | "’", "s", "day") => (Holiday::ValentinesDay, i + 4),
            ("labor" | "labour", "day", _, _) => (Holiday::LaborDay, i + 2),
            ("memorial", "day", _, _) => (Holiday::MemorialDay, i + 2),
            ("veterans", "day", _, _) => (Holiday::VeteransDay, i + 2),
            ("july", "fourth" | "4th", _, _) => (Holiday::IndependenceDay, i + 2),
            ("election", "day", _, _) => (Holiday::ElectionDay, i + 2),
            _ => return None,
        };
        let mut year = YearSel::Rel(Rel::Plain);
        if let Some(y) = self.year_at(end) {
            year = YearSel::Explicit(y);
            end += 1;
        }
        // "Christmas tree", "Christmas card": a kind, not a day
        if matches!(
            h,
            Holiday::Christmas | Holiday::Easter | Holiday::Thanksgiving | Holiday::Halloween
        ) && end == i + 1
            && t.is_word(end)
            && !t.upper(end)
            && !t.any(
                end,
                &[
                    "and", "or", "when", "to", "is", "was", "will", "in", "at", "on", "this",
                    "last", "next",
                ],
            )
        {
            return None;
        }
        cand(end, point(Base::Holiday { holiday: h, year }))
    }

    /// "the year", "the fiscal year", "the full year", "year-end", "year end",
    /// "year's end", "the latest fiscal year".
    fn r_the_year(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if t.is(i, "year") && t.is(i + 1, "end") {
            let mut c = cand(i + 2, point(Base::TheYear))?;
            c.modifier = Some(Mod::End);
            return Some(c);
        }
        if t.is(i, "year")
            && matches!(t.w(i + 1), "'" | "’")
            && t.is(i + 2, "s")
            && t.is(i + 3, "end")
        {
            let mut c = cand(i + 4, point(Base::TheYear))?;
            c.modifier = Some(Mod::End);
            return Some(c);
        }
        if !t.is(i, "the") {
            return None;
        }
        let mut j = i + 1;
        let mut offset = None;
        match t.w(j) {
            "full" | "entire" | "whole" => j += 1,
            "latest" | "past" | "previous" | "prior" | "last" => {
                offset = Some(-1);
                j += 1;
            }
            "current" | "present" => {
                offset = Some(0);
                j += 1;
            }
            _ => {}
        }
        if t.any(j, &["fiscal", "calendar"]) {
            j += 1;
        } else if offset == Some(-1) {
            return None; // "the past year" is r_duration's
        }
        if !t.is(j, "year") || (t.is(j + 1, "-") && t.glued(j + 1)) {
            return None;
        }
        if self.year_at(j + 1).is_some() || lex::small_number(t.w(j + 1)).is_some() {
            return None;
        }
        let base = match offset {
            Some(k) => Base::Deictic {
                unit: Unit::Year,
                offset: k,
            },
            None => Base::TheYear,
        };
        cand(j + 1, point(base))
    }

    /// Seasons: "the winter of 1994", "summer 2020", "the summer", "in spring".
    fn r_season(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let the = t.is(i, "the");
        let j = if the { i + 1 } else { i };
        let s = lex::season(t.w(j))?;
        if t.is(j, "fall") && !the && !t.upper(j) {
            return None; // the verb
        }
        let part = YearPart::Season(s);
        if t.is(j + 1, "of") {
            if let Some(y) = self.year_at(j + 2) {
                return cand(
                    j + 3,
                    point(Base::YearPart {
                        part,
                        year: YearSel::Explicit(y),
                    }),
                );
            }
        }
        if let Some(y) = self.year_at(j + 1) {
            return cand(
                j + 2,
                point(Base::YearPart {
                    part,
                    year: YearSel::Explicit(y),
                }),
            );
        }
        // a bare season needs a frame: "the summer", "in spring", "over the winter"
        let prev = if i > 0 { t.w(i - 1) } else { "" };
        if t.is_word(j + 1)
            && !t.any(
                j + 1,
                &[
                    "and", "or", "when", "as", "of", "that", "is", "was", "will", "has", "had",
                ],
            )
        {
            return None; // "summer camp", "the spring meeting"
        }
        if the
            || matches!(
                prev,
                "in" | "during"
                    | "by"
                    | "until"
                    | "since"
                    | "through"
                    | "early"
                    | "late"
                    | "mid"
                    | "this"
                    | "next"
                    | "last"
            )
        {
            if t.is(j + 1, "of") {
                return None;
            }
            return cand(
                j + 1,
                point(Base::YearPart {
                    part,
                    year: YearSel::Rel(Rel::Plain),
                }),
            );
        }
        None
    }

    /// Years read out in broadcast transcripts: "nineteen ninety-one", "the
    /// year two thousand".
    fn r_spoken_year(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (j, prefixed) = if t.is(i, "the") && t.is(i + 1, "year") {
            (i + 2, true)
        } else {
            (i, false)
        };
        if t.is(j, "two") && t.is(j + 1, "thousand") {
            let mut end = j + 2;
            let mut y = 2000;
            if t.is(end, "and") {
                if let Some((e, v)) = self.simple_number(end + 1) {
                    if v < 100 {
                        y += v as i32;
                        end = e;
                    }
                }
            } else if let Some((e, v)) = self.simple_number(end) {
                if v < 100 && !t.is_num(end) {
                    y += v as i32;
                    end = e;
                }
            }
            if !prefixed
                && y == 2000
                && !t.any(i.wrapping_sub(1), &["in", "since", "by", "until", "of"])
            {
                return None;
            }
            return cand(end, point(Base::Year(y)));
        }
        let c = match t.w(j) {
            "nineteen" => 19,
            "eighteen" => 18,
            _ => return None,
        };
        let (yy, end) = match lex::tens(t.w(j + 1)) {
            Some(tn) => {
                if t.is(j + 2, "-") && t.glued(j + 2) {
                    match lex::small_number(t.w(j + 3)).filter(|&u| (1..10).contains(&u)) {
                        Some(u) => (tn + u, j + 4),
                        None => (tn, j + 2),
                    }
                } else if let Some(u) =
                    lex::small_number(t.w(j + 2)).filter(|&u| (1..10).contains(&u))
                {
                    (tn + u, j + 3)
                } else {
                    (tn, j + 2)
                }
            }
            None => match lex::small_number(t.w(j + 1)) {
                Some(v) if (10..20).contains(&v) => (v, j + 2),
                _ => return None,
            },
        };
        // "nineteen eighties"
        cand(end, point(Base::Year((c * 100 + yy) as i32)))
    }

    /// A part of the day on its own: "in the morning", "mid-afternoon", "late
    /// at night", "the week" after "for" / "during".
    fn r_day_part(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let the = t.is(i, "the");
        let j = if the { i + 1 } else { i };
        let prev = if i > 0 { t.w(i - 1) } else { "" };
        if the && t.is(j, "week") && matches!(prev, "for" | "during" | "of") && !t.is_word(j + 1) {
            return cand(
                j + 1,
                point(Base::Anaphoric {
                    unit: Unit::Week,
                    offset: 0,
                    keep_grain: false,
                }),
            );
        }
        let part = lex::day_part(t.w(j))?;
        let framed = if the {
            matches!(
                prev,
                "in" | "during" | "by" | "until" | "through" | "throughout"
            )
        } else {
            matches!(prev, "mid" | "-" | "early" | "late") && i > 0
        };
        if !framed || t.is(j + 1, "of") {
            return None;
        }
        let mut spec = PointSpec::new(Base::TimeOnly);
        spec.part = Some(part);
        cand(j + 1, Spec::Point(spec))
    }

    /// "the week of March 6".
    fn r_week_of(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        if !(t.is(i, "the") && t.is(i + 1, "week") && t.is(i + 2, "of")) {
            return None;
        }
        let c = self.best.get(i + 3)?.as_ref()?;
        let Spec::Point(p) = &c.spec else { return None };
        if !matches!(
            p.base,
            Base::Calendar { day: Some(_), .. } | Base::Weekday { .. }
        ) {
            return None;
        }
        cand(c.end, point(Base::WeekOf(Box::new(p.base.clone()))))
    }

    /// early/mid/late/the end of + a date: "early 2022", "mid-1990s", "the end
    /// of the year", "late Friday", "earlier this month", "the late 1970s".
    fn r_point_modifier(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (j, m) = match (t.w(i), t.w(i + 1), t.w(i + 2), t.w(i + 3)) {
            ("the", "end" | "close", "of", _) => (i + 3, Some(Mod::End)),
            ("the", "beginning" | "start", "of", _) => (i + 3, Some(Mod::Start)),
            ("the", "middle", "of", _) => (i + 3, Some(Mod::Mid)),
            ("the", "turn", "of", _) => (i + 3, Some(Mod::Start)),
            ("the", "early" | "late", _, _) => {
                let m = if t.is(i + 1, "early") {
                    Mod::Start
                } else {
                    Mod::End
                };
                let k = if t.is(i + 2, "-") { i + 3 } else { i + 2 };
                // only decades and centuries take "the early"
                let c = self.best.get(k)?.as_ref()?;
                let Spec::Point(p) = &c.spec else { return None };
                if !matches!(p.base, Base::Decade(_) | Base::Century(_)) {
                    return None;
                }
                let mut c = c.clone();
                c.modifier = Some(m);
                return Some(c);
            }
            ("the", "mid", _, _) => {
                let k = if t.is(i + 2, "-") { i + 3 } else { i + 2 };
                let mut c = self.best.get(k)?.as_ref()?.clone();
                let Spec::Point(p) = &c.spec else { return None };
                if !matches!(p.base, Base::Decade(_) | Base::Century(_)) {
                    return None;
                }
                c.modifier = Some(Mod::Mid);
                return Some(c);
            }
            ("end" | "beginning" | "start" | "middle", "of", _, _) => {
                let m = match t.w(i) {
                    "end" => Mod::End,
                    "middle" => Mod::Mid,
                    _ => Mod::Start,
                };
                (i + 2, Some(m))
            }
            ("early" | "late", "-", _, _) if t.glued(i + 1) => (
                i + 2,
                Some(if t.is(i, "early") {
                    Mod::Start
                } else {
                    Mod::End
                }),
            ),
            ("early", _, _, _) => (i + 1, Some(Mod::Start)),
            ("late", _, _, _) => (i + 1, Some(Mod::End)),
            ("mid", "-", _, _) => (i + 2, Some(Mod::Mid)),
            ("mid", _, _, _) => (i + 1, Some(Mod::Mid)),
            ("earlier" | "later" | "sometime", _, _, _) => (i + 1, None),
            ("some", "time", _, _) => (i + 2, None),
            _ => return None,
        };
        let c = self.best.get(j)?.as_ref()?;
        let Spec::Point(p) = &c.spec else {
            return None;
        };
        // modifiers apply to named periods, not to clock times
        if p.clock.is_some() {
            return None;
        }
        // "later that day" fine; "earlier Friday" fine; "late 1990" fine
        if matches!(t.w(i), "earlier" | "later") {
            // "earlier this year" etc. need a deictic/anaphoric/day base
            if !matches!(
                p.base,
                Base::Deictic { .. }
                    | Base::Anaphoric { .. }
                    | Base::Weekday { .. }
                    | Base::Weekend { .. }
                    | Base::Calendar { .. }
                    | Base::Month { .. }
                    | Base::TheYear
            ) {
                return None;
            }
        }
        let mut c = c.clone();
        if c.modifier.is_none() {
            c.modifier = m;
        }
        // "mid-afternoon", "early morning" need a day: handled by day parts below
        Some(c)
    }

    /// about/nearly/more than + a duration or "ago" expression, or a clock time.
    fn r_approx(&self, i: usize) -> Option<Cand> {
        let t = self.t;
        let (j, m) = match (t.w(i), t.w(i + 1), t.w(i + 2)) {
            ("around" | "approximately" | "roughly" | "some" | "circa", _, _) => {
                (i + 1, Mod::Approx)
            }
            ("close", "to", _) => (i + 2, Mod::Approx),
            ("nearly", _, _) => (i + 1, Mod::LessThan),
            ("less" | "fewer", "than", _) => (i + 2, Mod::LessThan),
            ("more", "than", _) => (i + 2, Mod::MoreThan),
            ("at", "least", _) => (i + 2, Mod::EqualOrMore),
            ("at", "most", _) => (i + 2, Mod::EqualOrLess),
            ("up", "to", _) => (i + 2, Mod::EqualOrLess),
            ("no", "more", "than") | ("no", "less", "than") => (
                i + 3,
                if t.is(i + 1, "more") {
                    Mod::EqualOrLess
                } else {
                    Mod::EqualOrMore
                },
            ),
            _ => return None,
        };
        // Only before a number: "over the past decade" keeps "over" out.
        let starts_amount = t.is_num(j)
            || lex::small_number(t.w(j)).is_some()
            || lex::tens(t.w(j)).is_some()
            || t.any(
                j,
                &[
                    "a", "an", "half", "several", "few", "noon", "midnight", "midday",
                ],
            );
        if !starts_amount {
            return None;
        }
        let c = self.best.get(j)?.as_ref()?;
        let ok = match &c.spec {
            Spec::Duration(_) => true,
            Spec::Point(p) => {
                matches!(
                    p.base,
                    Base::Ago { .. }
                        | Base::Anaphoric {
                            keep_grain: true,
                            ..
                        }
                ) || p.clock.is_some()
            }
            Spec::Ref(RefKind::Past) => true,
            _ => false,
        };
        if !ok {
            return None;
        }
        if t.is(i, "some") && !matches!(c.spec, Spec::Duration(_)) {
            return None;
        }
        let mut c = c.clone();
        c.modifier = Some(match (&c.spec, m) {
            (Spec::Point(_), Mod::LessThan) => Mod::Approx,
            (Spec::Point(_), Mod::MoreThan) => Mod::Before,
            _ => m,
        });
        Some(c)
    }
}
