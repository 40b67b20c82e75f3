//! Behaviour tests of the public API: every expression kind, the weekday
//! tense rule, year boundaries, ISO weeks, unknown DCT and re-normalisation.

use crate::*;
use storyline_model::doc::{Doc, Token};

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("test date")
}

/// (text, type, value) of every expression.
fn found(text: &str, dct: Option<&str>) -> Vec<(String, &'static str, String)> {
    find_timexes(text, dct.map(d))
        .iter()
        .map(|t| (t.text(text).to_string(), t.kind.as_str(), t.value.clone()))
        .collect()
}

/// The value of the expression whose text is `expr`.
fn value_of(text: &str, dct: Option<&str>, expr: &str) -> String {
    let all = found(text, dct);
    all.iter()
        .find(|(t, _, _)| t == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {all:?}"))
        .2
        .clone()
}

fn one(text: &str, dct: &str) -> (String, &'static str, String) {
    let all = found(text, Some(dct));
    assert_eq!(all.len(), 1, "{text:?} gave {all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn absolute_dates() {
    let dct = "2023-06-01";
    assert_eq!(
        one("It opened on 6 April 2023.", dct),
        ("6 April 2023".into(), "DATE", "2023-04-06".into())
    );
    assert_eq!(
        one("Signed February 2, 2023, in Rome.", dct).2,
        "2023-02-02"
    );
    assert_eq!(one("The deadline was Jan. 27.", dct).2, "2023-01-27");
    assert_eq!(one("He left on 28 March.", dct).2, "2023-03-28");
    assert_eq!(one("Growth slowed in mid-2022.", dct).2, "2022");
    assert_eq!(
        find_timexes("in mid-2022", Some(d(dct)))[0].modifier,
        Some(Mod::Mid)
    );
    assert_eq!(one("Sales in April 2023 rose.", dct).2, "2023-04");
    assert_eq!(
        one("Results for the third quarter of 2022.", dct).2,
        "2022-Q3"
    );
    assert_eq!(one("Shares fell in the summer of 2021.", dct).2, "2021-SU");
    // 2016-2020 is two dates, and a period
    let text = "Prices doubled in 2016-2020.";
    assert_eq!(
        found(text, Some(dct)),
        vec![
            ("2016".into(), "DATE", "2016".into()),
            ("2020".into(), "DATE", "2020".into())
        ]
    );
    let tx = find_timexes(text, Some(d(dct)));
    let p = periods(text, &tx, Some(d(dct)));
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].interval,
        Some(Interval {
            start: d("2016-01-01"),
            end: d("2020-12-31")
        })
    );
}

#[test]
fn relative_expressions() {
    // DCT Thursday 6 April 2023
    let dct = Some("2023-04-06");
    let v = |text: &str, expr: &str| value_of(text, dct, expr);
    assert_eq!(
        v("Police said last Tuesday that", "last Tuesday"),
        "2023-04-04"
    );
    assert_eq!(
        v("He resigned earlier this week.", "earlier this week"),
        "2023-W14"
    );
    assert_eq!(v("Profit rose last year.", "last year"), "2022");
    assert_eq!(v("Prices rose last month.", "last month"), "2023-03");
    assert_eq!(v("It was signed in January.", "January"), "2023-01");
    assert_eq!(v("He died yesterday.", "yesterday"), "2023-04-05");
    assert_eq!(v("He left two days ago.", "two days ago"), "2023-04-04");
    assert_eq!(v("Sales rose this year.", "this year"), "2023");
    assert_eq!(v("Talks resume next week.", "next week"), "2023-W15");
    assert_eq!(v("It grew over the past decade.", "the past decade"), "201");
    assert_eq!(v("It recently closed.", "recently"), "PAST_REF");
    assert_eq!(v("It is now closed.", "now"), "PRESENT_REF");
    assert_eq!(v("It is currently closed.", "currently"), "PRESENT_REF");
    assert_eq!(v("The plant will reopen soon.", "soon"), "FUTURE_REF");
    assert_eq!(v("Days after the vote, he quit.", "Days"), "PXD");
    assert_eq!(v("He left today.", "today"), "2023-04-06");
    assert_eq!(v("They return tomorrow.", "tomorrow"), "2023-04-07");
    assert_eq!(
        v("Shares fell in the latest quarter.", "the latest quarter"),
        "2023-Q1"
    );
    assert_eq!(v("It happened in the 1990s.", "the 1990s"), "199");
    assert_eq!(v("It has grown since 1999.", "1999"), "1999");
}

#[test]
fn anaphora_uses_the_last_date_mentioned() {
    let text =
        "The attack came on March 3, 2021. The next day, troops arrived. That week was calm. \
                A year earlier, the town was quiet.";
    let tx = find_timexes(text, Some(d("2023-04-06")));
    let by_text = |e: &str| tx.iter().find(|t| t.text(text) == e).unwrap();
    assert_eq!(by_text("The next day").value, "2021-03-04");
    assert_eq!(by_text("The next day").anchor, Anchor::Timex(0));
    assert_eq!(by_text("That week").value, "2021-W09");
    // "a year earlier" goes back from the last date named, not from a computed one
    assert_eq!(by_text("A year earlier").value, "2020-03-03");
}

#[test]
fn a_weekday_of_a_named_week_is_that_week_s_day() {
    // DCT Thursday 3 August 2023: "Thursday" alone would be today.
    let dct = Some("2023-08-03");
    let v = |text: &str, expr: &str| value_of(text, dct, expr);
    assert_eq!(
        v(
            "It was stoned on Thursday of last week.",
            "Thursday of last week"
        ),
        "2023-07-27"
    );
    assert_eq!(
        v("They meet on Sunday of this week.", "Sunday of this week"),
        "2023-08-06"
    );
    assert_eq!(
        v(
            "The talks open on Monday of next week.",
            "Monday of next week"
        ),
        "2023-08-07"
    );
    // Without "of", and with the week first.
    assert_eq!(
        v(
            "Two men were arrested on Wednesday last week.",
            "Wednesday last week"
        ),
        "2023-07-26"
    );
    assert_eq!(
        v(
            "They were detained last week on Monday.",
            "last week on Monday"
        ),
        "2023-07-24"
    );
    assert_eq!(
        v("The court sits on Friday next week.", "Friday next week"),
        "2023-08-11"
    );
}

#[test]
fn weekday_follows_the_tense_of_its_verb() {
    // DCT Wednesday 5 April 2023
    let dct = Some("2023-04-05");
    let v = |text: &str, expr: &str| value_of(text, dct, expr);
    assert_eq!(v("He was arrested on Thursday.", "Thursday"), "2023-03-30");
    assert_eq!(v("They will meet on Monday.", "Monday"), "2023-04-10");
    assert_eq!(v("They'll meet on Thursday.", "Thursday"), "2023-04-06");
    assert_eq!(v("The council meets on Friday.", "Friday"), "2023-04-07");
    assert_eq!(
        v("The vote is scheduled for Friday.", "Friday"),
        "2023-04-07"
    );
    assert_eq!(v("Officials said Monday that", "Monday"), "2023-04-03");
    assert_eq!(
        v("On Tuesday, police arrested two men.", "Tuesday"),
        "2023-04-04"
    );
    // the DCT's own weekday is today in both directions
    assert_eq!(
        v("The minister resigned Wednesday.", "Wednesday"),
        "2023-04-05"
    );
    assert_eq!(
        v("The minister will resign Wednesday.", "Wednesday"),
        "2023-04-05"
    );
    // "last"/"next" are strict
    assert_eq!(v("He left last Wednesday.", "last Wednesday"), "2023-03-29");
    assert_eq!(
        v("He leaves next Wednesday.", "next Wednesday"),
        "2023-04-12"
    );
    // tense and governing verb are reported
    let tx = find_timexes("He was arrested on Thursday.", Some(d("2023-04-05")));
    assert_eq!(tx[0].tense, Some(Tense::Past));
    assert_eq!(
        tx[0].governor.map(|g| g.of("He was arrested on Thursday.")),
        Some("arrested")
    );
}

#[test]
fn year_boundaries_and_iso_weeks() {
    assert_eq!(
        value_of("Sales fell last month.", Some("2023-01-15"), "last month"),
        "2022-12"
    );
    assert_eq!(
        value_of("Talks resume next week.", Some("2023-12-28"), "next week"),
        "2024-W01"
    );
    assert_eq!(
        value_of("It was busy this week.", Some("2021-01-02"), "this week"),
        "2020-W53"
    );
    assert_eq!(
        value_of("It was busy last week.", Some("2021-01-02"), "last week"),
        "2020-W52"
    );
    assert_eq!(
        value_of("Sales fell last year.", Some("2023-01-01"), "last year"),
        "2022"
    );
    assert_eq!(
        value_of("It ends next month.", Some("2023-12-20"), "next month"),
        "2024-01"
    );
    assert_eq!(
        value_of(
            "It was bad last quarter.",
            Some("2023-02-10"),
            "last quarter"
        ),
        "2022-Q4"
    );
    // a bare month or date near the turn of the year is the nearest one
    assert_eq!(
        value_of("It was signed in December.", Some("2023-01-10"), "December"),
        "2022-12"
    );
    assert_eq!(
        value_of("It ends Jan. 5.", Some("2023-12-20"), "Jan. 5"),
        "2024-01-05"
    );
    // yesterday on 1 January
    assert_eq!(
        value_of("He died yesterday.", Some("2024-01-01"), "yesterday"),
        "2023-12-31"
    );
    let tx = find_timexes("next week", Some(d("2023-12-28")));
    assert_eq!(
        tx[0].interval,
        Some(Interval {
            start: d("2024-01-01"),
            end: d("2024-01-07")
        })
    );
    assert_eq!(tx[0].precision, Some(Precision::Week));
}

#[test]
fn unknown_dct_stays_underspecified_and_renormalizes() {
    let text = "On March 12 the court ruled. He was arrested on Thursday. \
                Sales fell last year and rose yesterday. It began in 1999. The next day he left.";
    let mut tx = find_timexes(text, None);
    let values: Vec<&str> = tx.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "XXXX-03-12",
            "XXXX-WXX-4",
            "XXXX",
            "XXXX-XX-XX",
            "1999",
            "XXXX-XX-XX"
        ]
    );
    assert_eq!(tx[0].anchor, Anchor::Unresolved);
    assert_eq!(tx[0].interval, None);
    assert_eq!(tx[4].anchor, Anchor::Absolute);
    renormalize(&mut tx, Some(d("2023-03-20")));
    let values: Vec<&str> = tx.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "2023-03-12",
            "2023-03-16",
            "2022",
            "2023-03-19",
            "1999",
            "2023-03-20"
        ]
    );
    assert_eq!(tx[1].anchor, Anchor::Dct);
}

#[test]
fn durations() {
    let dct = Some("2023-04-06");
    assert_eq!(
        found("It lasted five years.", dct),
        vec![("five years".into(), "DURATION", "P5Y".into())]
    );
    assert_eq!(value_of("a two-day visit", dct, "two-day"), "P2D");
    assert_eq!(value_of("within 18 months", dct, "18 months"), "P18M");
    assert_eq!(value_of("for 2 1/2 hours", dct, "2 1/2 hours"), "PT2H30M");
    assert_eq!(
        value_of("for a year and a half", dct, "a year and a half"),
        "P1Y6M"
    );
    assert_eq!(value_of("for half an hour", dct, "half an hour"), "PT30M");
    assert_eq!(value_of("for several weeks", dct, "several weeks"), "PXW");
    assert_eq!(
        value_of(
            "over the next 12 to 18 months",
            dct,
            "the next 12 to 18 months"
        ),
        "PXM"
    );
    assert_eq!(value_of("a 30-year mortgage", dct, "30-year"), "P30Y");
    // the past N years ends at the DCT
    let tx = find_timexes("in the past two years", Some(d("2023-04-06")));
    assert_eq!(tx[0].value, "P2Y");
    assert_eq!(tx[0].interval.map(|i| i.end), Some(d("2023-04-06")));
    // ages are not durations
    assert!(found("a 37-year-old man, 52 years old", dct).is_empty());
}

#[test]
fn sets() {
    let dct = Some("2023-04-06");
    assert_eq!(
        found("They meet every week.", dct),
        vec![("every week".into(), "SET", "P1W".into())]
    );
    assert_eq!(value_of("It is reviewed annually.", dct, "annually"), "P1Y");
    assert_eq!(value_of("It is published daily.", dct, "daily"), "P1D");
    assert_eq!(
        value_of("They meet every Thursday.", dct, "every Thursday"),
        "XXXX-WXX-4"
    );
    assert_eq!(value_of("twice a month", dct, "twice a month"), "P1M");
    assert_eq!(value_of("every other year", dct, "every other year"), "P2Y");
}

#[test]
fn times_of_day() {
    let dct = Some("2023-04-06");
    assert_eq!(
        found("The blast came at 10:35 a.m. Friday.", dct),
        vec![(
            "10:35 a.m. Friday".into(),
            "TIME",
            "2023-03-31T10:35".into()
        )]
    );
    assert_eq!(
        value_of("He spoke this morning.", dct, "this morning"),
        "2023-04-06TMO"
    );
    assert_eq!(
        value_of("It happened last night.", dct, "last night"),
        "2023-04-05TNI"
    );
    assert_eq!(
        value_of("They met Friday night.", dct, "Friday night"),
        "2023-03-31TNI"
    );
    assert_eq!(
        value_of("The vote is at noon tomorrow.", dct, "noon tomorrow"),
        "2023-04-07T12:00"
    );
    assert_eq!(
        value_of("It closes at 7 p.m.", dct, "7 p.m."),
        "2023-04-06T19:00"
    );
    // "at 10:35 a.m. (0735 GMT) Friday": the clock takes the day named after it
    let text = "It exploded at about 10:35 a.m. (0735 GMT) Friday.";
    assert_eq!(value_of(text, dct, "10:35 a.m."), "2023-03-31T10:35");
    // prices are not times
    assert!(found("It cost 2.50 pounds.", dct).is_empty());
}

#[test]
fn periods_and_signals() {
    let dct = Some(d("2023-04-06"));
    let text = "Output has risen since 1999. It ran from 2016 to 2020.";
    let tx = find_timexes(text, dct);
    assert_eq!(tx[0].signal.map(|s| s.kind), Some(SignalKind::Since));
    let p = periods(text, &tx, dct);
    assert_eq!(p.len(), 2);
    assert_eq!(
        p[0].interval,
        Some(Interval {
            start: d("1999-01-01"),
            end: d("2023-04-06")
        })
    );
    assert_eq!(p[1].span.of(text), "from 2016 to 2020");
    assert_eq!(
        p[1].interval,
        Some(Interval {
            start: d("2016-01-01"),
            end: d("2020-12-31")
        })
    );
}

#[test]
fn spans_are_byte_offsets() {
    let text = "Le 6 avril — on 6 April 2023, café closed.";
    let tx = find_timexes(text, None);
    assert_eq!(tx.len(), 1);
    assert_eq!(tx[0].text(text), "6 April 2023");
}

#[test]
fn tagged_doc_supplies_the_tense() {
    let text = "Officials meet Friday.";
    let dct = Some(d("2023-04-05"));
    // the words alone read a schedule: the coming Friday
    assert_eq!(find_timexes(text, dct)[0].value, "2023-04-07");
    // a tagger that calls "meet" a past verb wins
    let tok = |a: usize, b: usize, xpos: &str| Token {
        span: Span::new(a, b),
        xpos: xpos.into(),
        ..Default::default()
    };
    let doc = Doc {
        text: text.into(),
        tokens: vec![
            tok(0, 9, "NNS"),
            tok(10, 14, "VBD"),
            tok(15, 21, "NNP"),
            tok(21, 22, "."),
        ],
        sentences: vec![],
        entities: vec![],
    };
    let tx = find_timexes_with(text, dct, &TaggedDoc { doc: &doc });
    assert_eq!(tx[0].tense, Some(Tense::Past));
    assert_eq!(tx[0].value, "2023-03-31");
    assert_eq!(tx[0].governor.map(|g| g.of(text)), Some("meet"));
}

#[test]
fn a_day_of_last_or_this_year_is_one_date() {
    assert_eq!(
        one(
            "The raids on 7 December last year were the largest.",
            "2023-12-13"
        ),
        (
            "7 December last year".to_string(),
            "DATE",
            "2022-12-07".to_string()
        )
    );
    assert_eq!(
        value_of(
            "On March 3 this year, police struck again.",
            Some("2023-12-13"),
            "March 3 this year"
        ),
        "2023-03-03"
    );
}

#[test]
fn a_stretch_after_the_last_date_is_that_date_s_week_or_month() {
    let text = "Navalny died on 16 February. In the days that followed, more than 400 people \
                were detained. In the following weeks, police raided offices.";
    assert_eq!(
        value_of(text, Some("2024-03-02"), "the days that followed"),
        "2024-W07"
    );
    assert_eq!(
        value_of(text, Some("2024-03-02"), "the following weeks"),
        "2024-02"
    );
    // "the days after" an event named after it is not this.
    let all = found(
        "Protests grew in the days after the vote.",
        Some("2024-03-02"),
    );
    assert!(all.iter().all(|(t, _, _)| t != "the days after"), "{all:?}");
}

#[test]
fn a_month_of_that_year_is_in_the_year_last_named() {
    let text = "He was arrested in April 2022. The charges were brought in October that year. \
                He was jailed in 2023 and moved on 3 March the following year.";
    let tx = find_timexes(text, Some(d("2024-08-02")));
    let by_text = |e: &str| {
        tx.iter()
            .find(|t| t.text(text) == e)
            .unwrap_or_else(|| panic!("{e:?} not found"))
    };
    // Not the October before the DCT: the year the text is talking about.
    assert_eq!(by_text("October that year").value, "2022-10");
    assert_eq!(by_text("3 March the following year").value, "2024-03-03");
    // Against the DCT, "October last year" is unchanged.
    assert_eq!(
        value_of(
            "It began in October last year.",
            Some("2024-08-02"),
            "October last year"
        ),
        "2023-10"
    );
}

#[test]
fn a_date_that_opens_a_name_is_no_time() {
    let dct = "2025-06-29";
    // The collective is named after a birthday; the sentence is not dated by it.
    let named = found(
        "This week's protests were called by the June 6 Movement, a diaspora group.",
        Some(dct),
    );
    assert!(named.iter().all(|(t, _, _)| t != "June 6"), "{named:?}");
    let bridge = found("Traffic stopped on the 6 October Bridge.", Some(dct));
    assert!(bridge.is_empty(), "{bridge:?}");
    // The same words as a date still are one.
    assert_eq!(
        value_of(
            "The first protests broke out on June 6, police said.",
            Some(dct),
            "June 6"
        ),
        "2025-06-06"
    );
}

#[test]
fn a_past_clause_s_date_is_not_months_after_the_report() {
    // Next July is nearer to a January report than last July, but the arrest was last July.
    let dct = Some("2022-01-27");
    assert_eq!(
        value_of(
            "Ferrer, who was arrested on July 11, remains in prison.",
            dct,
            "July 11"
        ),
        "2021-07-11"
    );
    // Moved to a later date, or told in the future, it stays ahead.
    assert_eq!(
        value_of("The curfew was extended to July 16.", dct, "July 16"),
        "2022-07-16"
    );
    assert_eq!(
        value_of("The trial will open on July 11.", dct, "July 11"),
        "2022-07-11"
    );
    // A past date close after the report is read as written (a report dated early).
    assert_eq!(
        value_of("He was arrested on February 3.", dct, "February 3"),
        "2022-02-03"
    );
}
