//! Time expressions in English news: recognition and TIMEX3 normalisation.
//!
//! [`find_timexes`] finds dates ("6 April 2023", "mid-2022", "the 1990s"),
//! relative and deictic expressions ("last Tuesday", "earlier this week",
//! "two days ago", "the next day"), durations ("five years", "two-day"),
//! sets ("every week", "annually") and times of day ("10:35 a.m. Friday"),
//! and gives each a TIMEX3 type and value, the calendar interval it covers, its
//! precision, and what it was anchored to:
//!
//! - deictic expressions ("yesterday", "last month") against the document
//!   creation time (DCT);
//! - anaphoric ones ("the next day", "a year earlier", "that week") against the
//!   last date mentioned before them;
//! - bare names ("Thursday", "March 12", "in January") by the tense of their
//!   clause: "was arrested on Thursday" is the Thursday on or before the DCT,
//!   "will meet on Monday" the Monday on or after it. The tense comes from a
//!   [`TenseSource`]: by default [`Heuristic`] reads the neighbouring words;
//!   [`TaggedDoc`] uses a tagger's output.
//!
//! Without a DCT what only the DCT could tell stays underspecified
//! (`XXXX-03-12`, `XXXX-WXX-4`), never an invented year; [`renormalize`]
//! resolves the same expressions again once a DCT is known.
//!
//! [`timeml`] reads and writes TimeML and [`eval`] scores against TempEval-3
//! gold annotation.

mod calendar;
pub mod eval;
mod lexicon;
mod point;
mod recognize;
mod spec;
mod tense;
pub mod timeml;
mod tokens;

#[cfg(test)]
mod tests;

use spec::{Context, Mentioned, Spec};
use storyline_model::{Date, Span};

pub use tense::{Heuristic, TaggedDoc, TenseGuess, TenseSource};

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    pub fn parse(s: &str) -> Option<TimexType> {
        Some(match s {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// The grain of the calendar interval a value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A time or part of a day ("10:35 a.m.", "Friday morning").
    Time,
    Day,
    Week,
    Month,
    /// Spring, summer, fall, winter.
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Time => "time",
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// First and last day (inclusive) an expression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    pub start: Date,
    pub end: Date,
}

/// TIMEX3 `mod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mod {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Approx,
}

impl Mod {
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
            Mod::OnOrBefore => "ON_OR_BEFORE",
            Mod::OnOrAfter => "ON_OR_AFTER",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
        }
    }
}

/// Tense of the clause an expression modifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// What an expression's value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// Needs none: "6 April 2023", "1999", durations and sets.
    None,
    /// Complete as written ("6 April 2023", "the 1990s").
    Absolute,
    /// The document creation time.
    Dct,
    /// The expression at this index of the same result ("the next day").
    Timex(usize),
    /// Needed an anchor that was not known (no DCT): the value is underspecified.
    Unresolved,
}

/// A preposition or conjunction linking an expression to what it times:
/// "since 1999", "from 2016 to 2020", "until March".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignalKind {
    Since,
    Until,
    From,
    To,
    Between,
    And,
    Before,
    After,
    By,
    During,
    Within,
    In,
    On,
    At,
    For,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signal {
    pub kind: SignalKind,
    pub span: Span,
}

/// One time expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte span in the text.
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3 value: `2023-04-06`, `2023-W13`, `2023-Q1`, `199`, `P5Y`,
    /// `PRESENT_REF`, `XXXX-03-12`, ...
    pub value: String,
    pub modifier: Option<Mod>,
    /// The days covered, when the value names a calendar period (for
    /// "the past five years", the five years up to the DCT).
    pub interval: Option<Interval>,
    pub precision: Option<Precision>,
    pub anchor: Anchor,
    /// Tense of the clause, as the [`TenseSource`] saw it.
    pub tense: Option<Tense>,
    /// The verb (or noun) the expression modifies, when one was found.
    pub governor: Option<Span>,
    /// The preposition before it ("since", "from", "until").
    pub signal: Option<Signal>,
    spec: Spec,
    sentence: usize,
}

impl Timex {
    /// The expression's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.of(text)
    }
}

/// Every time expression in `text`, left to right, normalised against the
/// document creation time `dct` (or left underspecified without one). Tense
/// comes from the words around each expression ([`Heuristic`]).
pub fn find_timexes(text: &str, dct: Option<Date>) -> Vec<Timex> {
    find(text, dct, None)
}

/// [`find_timexes`] with tense (and governing verb) from `tenses`, e.g. a
/// [`TaggedDoc`] once a tagger has run.
pub fn find_timexes_with(text: &str, dct: Option<Date>, tenses: &dyn TenseSource) -> Vec<Timex> {
    find(text, dct, Some(tenses))
}

fn find(text: &str, dct: Option<Date>, tenses: Option<&dyn TenseSource>) -> Vec<Timex> {
    let toks = tokens::Toks::new(text);
    let mentions = recognize::recognize(&toks);
    let mut out: Vec<Timex> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let span = Span::new(toks.toks[m.first].start, toks.toks[m.end - 1].end);
        if opens_a_name(&text[span.end..]) {
            continue;
        }
        let mut guess = match tenses {
            Some(src) => src.tense(text, span),
            None => tense::guess(&toks, m.first, m.end),
        };
        // "Tuesday's ruling": the noun, not the clause, is what is timed.
        let possessive = text[span.end..].starts_with("'s") || text[span.end..].starts_with("’s");
        if possessive
            && matches!(&m.spec, Spec::Point(p) if matches!(p.base, spec::Base::Weekday { .. }))
        {
            guess.tense = None;
        }
        let kind = m.kind.unwrap_or(match &m.spec {
            Spec::Duration(_) => TimexType::Duration,
            Spec::Set(_) => TimexType::Set,
            _ => TimexType::Date,
        });
        out.push(Timex {
            span,
            kind,
            value: String::new(),
            modifier: m.modifier,
            interval: None,
            precision: None,
            anchor: Anchor::None,
            tense: guess.tense,
            governor: guess.governor,
            signal: signal_before(&toks, m.first),
            spec: m.spec,
            sentence: toks.sentence(m.first),
        });
    }
    renormalize(&mut out, dct);
    out
}

/// Whether the text right after a date makes the date part of a name: "the June 6 Movement",
/// "the 6 October Bridge", "the April 6 Youth Movement". Such a date names a body or a place
/// after a day; it does not date what the sentence tells ("This week's protests were called
/// by the June 6 Movement").
fn opens_a_name(after: &str) -> bool {
    const NAME_HEADS: &[&str] = &[
        "Movement",
        "Youth",
        "Revolution",
        "Uprising",
        "Front",
        "Coalition",
        "Alliance",
        "Collective",
        "Party",
        "Brigade",
        "Brigades",
        "Group",
        "Bridge",
        "Square",
        "Street",
        "Avenue",
        "Stadium",
        "Agreement",
        "Accord",
        "Accords",
        "Declaration",
        "Manifesto",
        "Charter",
        "Generation",
    ];
    // One space, then the head word ending at a space, a punctuation mark or the end.
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    NAME_HEADS.contains(&word)
}

fn signal_before(t: &tokens::Toks, first: usize) -> Option<Signal> {
    let i = first.checked_sub(1)?;
    let kind = match t.w(i) {
        "since" => SignalKind::Since,
        "until" | "till" | "through" | "thru" => SignalKind::Until,
        "from" => SignalKind::From,
        "to" => SignalKind::To,
        "-" if t.glued(i) && t.glued(first) => SignalKind::To,
        "between" => SignalKind::Between,
        "and" => SignalKind::And,
        "before" => SignalKind::Before,
        "after" => SignalKind::After,
        "by" => SignalKind::By,
        "during" | "throughout" => SignalKind::During,
        "within" => SignalKind::Within,
        "in" => SignalKind::In,
        "on" => SignalKind::On,
        "at" => SignalKind::At,
        "for" | "over" => SignalKind::For,
        _ => return None,
    };
    let tok = t.toks[i];
    Some(Signal {
        kind,
        span: Span::new(tok.start, tok.end),
    })
}

/// Normalises `timexes` (a [`find_timexes`] result, in order) again against
/// `dct`: for when the creation time becomes known after recognition.
#[allow(clippy::needless_range_loop)] // reads history while writing timexes[idx]
pub fn renormalize(timexes: &mut [Timex], dct: Option<Date>) {
    let history = resolve_pass(timexes, dct);
    // A clock time with no day before it in its sentence takes a day named
    // after it there ("at 10:35 a.m. (0735 GMT) Friday").
    for idx in 0..timexes.len() {
        let time_only =
            matches!(&timexes[idx].spec, Spec::Point(p) if p.base == spec::Base::TimeOnly);
        if !time_only || timexes[idx].anchor != Anchor::Dct {
            continue;
        }
        let sentence = timexes[idx].sentence;
        let later = history
            .iter()
            .skip_while(|m| m.index <= idx)
            .take_while(|m| m.sentence == sentence)
            .find(|m| m.point.day().is_some() && m.point.grain() == point::Grain::Day);
        if let (Some(m), Some(clock)) = (later, timexes[idx].clock()) {
            let day = m.point.day().expect("day");
            let p = point::Point::Clock(day, clock.0, clock.1);
            let tx = &mut timexes[idx];
            tx.value = p.value();
            tx.interval = Some(p.interval());
            tx.anchor = Anchor::Timex(m.index);
        }
    }
}

impl Timex {
    fn clock(&self) -> Option<(u8, u8)> {
        match &self.spec {
            Spec::Point(p) => p.clock,
            _ => None,
        }
    }
}

#[allow(clippy::needless_range_loop)] // each step reads and then writes timexes[idx]
fn resolve_pass(timexes: &mut [Timex], dct: Option<Date>) -> Vec<Mentioned> {
    let mut history: Vec<Mentioned> = Vec::new();
    for idx in 0..timexes.len() {
        let tx = &timexes[idx];
        let cx = Context {
            dct,
            tense: tx.tense,
            history: &history,
            sentence: tx.sentence,
            looks_ahead: matches!(
                tx.signal.map(|g| g.kind),
                Some(SignalKind::Until) | Some(SignalKind::By)
            ),
            points_past: tx.tense == Some(Tense::Past)
                && tx.signal.is_none_or(|g| {
                    matches!(
                        g.kind,
                        SignalKind::On | SignalKind::In | SignalKind::At | SignalKind::Since
                    )
                }),
        };
        let r = spec::resolve(&tx.spec, tx.modifier, &cx);
        let sentence = tx.sentence;
        let tx = &mut timexes[idx];
        tx.value = r.value;
        if !matches!(tx.kind, TimexType::Duration | TimexType::Set)
            || matches!(tx.spec, Spec::Point(_) | Spec::Ref(_))
        {
            tx.kind = r.kind;
        }
        tx.interval = r.interval;
        tx.precision = r.precision;
        tx.anchor = r.anchor;
        if let Some(p) = r.point {
            let derived = matches!(&tx.spec, Spec::Point(ps) if ps.base.is_derived());
            history.push(Mentioned {
                index: idx,
                point: p,
                sentence,
                derived,
            });
        }
    }
    history
}

/// A stretch of time written as a range or an open interval: "from 2016 to
/// 2020", "2016-2020", "between March and May", "since 1999" (to the DCT),
/// "until June".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub span: Span,
    /// Index in the `find_timexes` result of the start, if written.
    pub from: Option<usize>,
    /// Index of the end, if written.
    pub to: Option<usize>,
    /// First and last day, where known (an open end stops at the DCT for "since").
    pub interval: Option<Interval>,
}

/// Ranges and open intervals built from `timexes` (a [`find_timexes`]
/// result for `text`, normalised against `dct`).
pub fn periods(text: &str, timexes: &[Timex], dct: Option<Date>) -> Vec<Period> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < timexes.len() {
        let a = &timexes[i];
        let pair = timexes.get(i + 1).filter(|b| {
            let between = &text[a.span.end..b.span.start];
            let k = b.signal.map(|s| s.kind);
            between.len() <= 6
                && matches!(
                    k,
                    Some(SignalKind::To) | Some(SignalKind::Until) | Some(SignalKind::And)
                )
                && (matches!(
                    a.signal.map(|s| s.kind),
                    Some(SignalKind::From) | Some(SignalKind::Between)
                ) || k == Some(SignalKind::To) && between.trim() == "-")
        });
        if let Some(b) = pair {
            let start = a
                .signal
                .map_or(a.span.start, |s| s.span.start.min(a.span.start));
            let interval = match (a.interval, b.interval) {
                (Some(x), Some(y)) if x.start <= y.end => Some(Interval {
                    start: x.start,
                    end: y.end,
                }),
                _ => None,
            };
            out.push(Period {
                span: Span::new(start, b.span.end),
                from: Some(i),
                to: Some(i + 1),
                interval,
            });
            i += 2;
            continue;
        }
        match a.signal.map(|s| s.kind) {
            Some(SignalKind::Since) | Some(SignalKind::From) if a.kind != TimexType::Duration => {
                let s = a.signal.map_or(a.span.start, |s| s.span.start);
                out.push(Period {
                    span: Span::new(s, a.span.end),
                    from: Some(i),
                    to: None,
                    interval: match (a.interval, dct) {
                        (Some(x), Some(d)) if x.start <= d => Some(Interval {
                            start: x.start,
                            end: d,
                        }),
                        _ => None,
                    },
                });
            }
            Some(SignalKind::Until) if a.kind != TimexType::Duration => {
                let s = a.signal.map_or(a.span.start, |s| s.span.start);
                out.push(Period {
                    span: Span::new(s, a.span.end),
                    from: None,
                    to: Some(i),
                    interval: None,
                });
            }
            _ => {}
        }
        i += 1;
    }
    out
}
