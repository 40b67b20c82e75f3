//! Behaviour on invented news-style sentences: positives, qualifiers,
//! vague quantities, and the many kinds of numbers that are not counts.
use storyline_quantity::{find_quantities, parse_quantity, Count};

/// (span text, min, max, approximate) for every hit.
fn hits(text: &str) -> Vec<(&str, Option<u64>, Option<u64>, bool)> {
    find_quantities(text)
        .into_iter()
        .map(|q| {
            (
                &text[q.span.clone()],
                q.count.min,
                q.count.max,
                q.count.approximate,
            )
        })
        .collect()
}

fn one(text: &str) -> (&str, Option<u64>, Option<u64>, bool) {
    let h = hits(text);
    assert_eq!(h.len(), 1, "expected one hit in {text:?}, got {h:?}");
    h[0]
}

fn none(text: &str) {
    let h = hits(text);
    assert!(h.is_empty(), "expected no hit in {text:?}, got {h:?}");
}

fn c(min: Option<u64>, max: Option<u64>, approximate: bool) -> Count {
    Count {
        min,
        max,
        approximate,
    }
}

// ---------- exact counts ----------

#[test]
fn spelled_small_numbers() {
    assert_eq!(
        one("Seven men were detained near the port."),
        ("Seven", Some(7), Some(7), false)
    );
    assert_eq!(
        one("Twelve activists chained themselves to the gates."),
        ("Twelve", Some(12), Some(12), false)
    );
    assert_eq!(
        one("Rescuers pulled eleven miners from the shaft."),
        ("eleven", Some(11), Some(11), false)
    );
}

#[test]
fn digits_with_following_clause() {
    assert_eq!(
        one("Police held 41 people, including a local councillor."),
        ("41", Some(41), Some(41), false)
    );
}

#[test]
fn killed_and_injured() {
    let h = hits("The gunmen opened fire, killing two officers and wounding five others.");
    assert_eq!(
        h,
        vec![
            ("two", Some(2), Some(2), false),
            ("five", Some(5), Some(5), false)
        ]
    );
}

#[test]
fn subject_without_noun() {
    assert_eq!(
        one("Seven were arrested at the scene."),
        ("Seven", Some(7), Some(7), false)
    );
    assert_eq!(
        one("Of the marchers, 14 were later charged."),
        ("14", Some(14), Some(14), false)
    );
}

#[test]
fn thousands_separators() {
    assert_eq!(
        one("Organisers said 12,000 nurses joined the strike."),
        ("12,000", Some(12000), Some(12000), false)
    );
    assert_eq!(
        one("Nearly 1,250,000 ballots were cast."),
        ("Nearly 1,250,000", Some(1125000), Some(1249999), true)
    );
    assert_eq!(
        one("A crowd of 10\u{a0}000 people gathered."),
        ("10\u{a0}000", Some(10000), Some(10000), false)
    );
    assert_eq!(
        one("A crowd of 10\u{2009}000 people gathered."),
        ("10\u{2009}000", Some(10000), Some(10000), false)
    );
}

#[test]
fn scale_words_and_suffixes() {
    assert_eq!(
        one("The appeal reached 1.2 million households."),
        ("1.2 million", Some(1_200_000), Some(1_200_000), false)
    );
    assert_eq!(
        one("Some 2.5bn users now own a smartphone."),
        ("Some 2.5bn", Some(2_250_000_000), Some(2_750_000_000), true)
    );
    assert_eq!(
        one("The broadcast reached 3m viewers."),
        ("3m", Some(3_000_000), Some(3_000_000), false)
    );
    assert_eq!(
        one("The network has 4.5m subscribers."),
        ("4.5m", Some(4_500_000), Some(4_500_000), false)
    );
    assert_eq!(
        one("Officials counted 12 thousand refugees."),
        ("12 thousand", Some(12_000), Some(12_000), false)
    );
}

#[test]
fn spelled_large_numbers() {
    assert_eq!(
        one("He said one hundred and five prisoners escaped."),
        ("one hundred and five", Some(105), Some(105), false)
    );
    assert_eq!(
        one("They rounded up a hundred and fifty villagers."),
        ("a hundred and fifty", Some(150), Some(150), false)
    );
    assert_eq!(
        one("There were twenty-one pupils in the class."),
        ("twenty-one", Some(21), Some(21), false)
    );
    assert_eq!(
        one("There were twenty one pupils in the class."),
        ("twenty one", Some(21), Some(21), false)
    );
    assert_eq!(
        one("There were twenty\u{2011}one pupils in the class."),
        ("twenty\u{2011}one", Some(21), Some(21), false)
    );
    assert_eq!(
        one("A thousand soldiers crossed the border."),
        ("A thousand", Some(1000), Some(1000), false)
    );
    assert_eq!(
        one("Officials said two million voters stayed home."),
        ("two million", Some(2_000_000), Some(2_000_000), false)
    );
    assert_eq!(
        one("Half a million children were vaccinated."),
        ("Half a million", Some(500_000), Some(500_000), false)
    );
    assert_eq!(
        one("He lived with three hundred thousand others."),
        (
            "three hundred thousand",
            Some(300_000),
            Some(300_000),
            false
        )
    );
    assert_eq!(
        one("Roughly two and a half million people fled."),
        (
            "Roughly two and a half million",
            Some(2_250_000),
            Some(2_750_000),
            true
        )
    );
}

#[test]
fn dozens_and_scores_as_numbers() {
    assert_eq!(
        one("A dozen guards were on duty."),
        ("A dozen", Some(12), Some(12), false)
    );
    assert_eq!(
        one("Two dozen journalists waited outside."),
        ("Two dozen", Some(24), Some(24), false)
    );
    assert_eq!(
        one("Half a dozen shops were looted."),
        ("Half a dozen", Some(6), Some(6), false)
    );
    assert_eq!(
        one("A score of fishermen were rescued."),
        ("A score", Some(20), Some(20), false)
    );
}

#[test]
fn one_as_count() {
    assert_eq!(
        one("Only one man was injured in the blast."),
        ("one", Some(1), Some(1), false)
    );
    assert_eq!(
        one("At least one journalist was hurt."),
        ("At least one", Some(1), None, false)
    );
}

#[test]
fn zero() {
    assert_eq!(
        one("The ward had zero nurses on shift."),
        ("zero", Some(0), Some(0), false)
    );
}

// ---------- qualifiers ----------

#[test]
fn more_than_and_friends() {
    assert_eq!(
        one("More than 300 people were evacuated."),
        ("More than 300", Some(301), None, false)
    );
    assert_eq!(
        one("They arrested upwards of 40 fans."),
        ("upwards of 40", Some(41), None, false)
    );
    assert_eq!(
        one("In excess of 2,000 workers walked out."),
        ("In excess of 2,000", Some(2001), None, false)
    );
    assert_eq!(
        one("Over 500 students signed the letter."),
        ("Over 500", Some(501), None, false)
    );
    assert_eq!(
        one("Well over 80 lorries were stuck."),
        ("Well over 80", Some(81), None, false)
    );
    assert_eq!(
        one("Just over 200 residents voted."),
        ("Just over 200", Some(201), Some(220), true)
    );
}

#[test]
fn at_least_and_or_more() {
    assert_eq!(
        one("At least 12 civilians died."),
        ("At least 12", Some(12), None, false)
    );
    assert_eq!(
        one("No fewer than nine ministers resigned."),
        ("No fewer than nine", Some(9), None, false)
    );
    assert_eq!(
        one("Shops employing 250 or more staff must comply."),
        ("250 or more", Some(250), None, false)
    );
    assert_eq!(
        one("The march drew 5,000-plus protesters."),
        ("5,000-plus", Some(5000), None, false)
    );
    assert_eq!(
        one("The march drew 500+ protesters."),
        ("500+", Some(500), None, false)
    );
}

#[test]
fn fewer_than() {
    assert_eq!(
        one("Fewer than 20 delegates turned up."),
        ("Fewer than 20", None, Some(19), false)
    );
    assert_eq!(
        one("Less than a hundred fans travelled."),
        ("Less than a hundred", None, Some(99), false)
    );
    assert_eq!(
        one("Under 300 voters registered."),
        ("Under 300", None, Some(299), false)
    );
    assert_eq!(
        one("Schools with 50 or fewer pupils may close."),
        ("50 or fewer", None, Some(50), false)
    );
}

#[test]
fn up_to_and_at_most() {
    assert_eq!(
        one("Up to 40 migrants were on the boat."),
        ("Up to 40", None, Some(40), false)
    );
    assert_eq!(
        one("As many as 3,000 workers could lose out."),
        ("As many as 3,000", None, Some(3000), false)
    );
    assert_eq!(
        one("At most five officers were present."),
        ("At most five", None, Some(5), false)
    );
    assert_eq!(
        one("No more than 30 guests attended."),
        ("No more than 30", None, Some(30), false)
    );
}

#[test]
fn nearly_almost() {
    assert_eq!(
        one("Nearly 300 homes were flooded."),
        ("Nearly 300", Some(270), Some(299), true)
    );
    assert_eq!(
        one("Almost a thousand volunteers helped."),
        ("Almost a thousand", Some(900), Some(999), true)
    );
    assert_eq!(
        one("Just under 60 patients were moved."),
        ("Just under 60", Some(54), Some(59), true)
    );
}

#[test]
fn approximately() {
    assert_eq!(
        one("About a hundred villagers fled."),
        ("About a hundred", Some(90), Some(110), true)
    );
    assert_eq!(
        one("Around 5,000 troops were deployed."),
        ("Around 5,000", Some(4500), Some(5500), true)
    );
    assert_eq!(
        one("Some 300 families lost their homes."),
        ("Some 300", Some(270), Some(330), true)
    );
    assert_eq!(
        one("An estimated 2,000 marchers took part."),
        ("An estimated 2,000", Some(1800), Some(2200), true)
    );
    assert_eq!(
        one("Roughly five guards were on duty."),
        ("Roughly five", Some(4), Some(6), true)
    );
    assert_eq!(
        one("Close to 700 families were relocated."),
        ("Close to 700", Some(630), Some(770), true)
    );
    assert_eq!(
        one("The rally drew 400 or so supporters."),
        ("400 or so", Some(360), Some(440), true)
    );
    assert_eq!(
        one("The rally drew 400-odd supporters."),
        ("400-odd", Some(360), Some(440), true)
    );
    assert_eq!(
        one("Approximately 15 boats sank."),
        ("Approximately 15", Some(13), Some(17), true)
    );
}

#[test]
fn further_and_another() {
    assert_eq!(
        one("A further 12 suspects were held."),
        ("A further 12", Some(12), Some(12), false)
    );
    assert_eq!(
        one("Another three men were charged."),
        ("Another three", Some(3), Some(3), false)
    );
    assert_eq!(
        one("An additional 40 officers were drafted in."),
        ("An additional 40", Some(40), Some(40), false)
    );
}

#[test]
fn ranges() {
    assert_eq!(
        one("Between 10 and 15 people were hurt."),
        ("Between 10 and 15", Some(10), Some(15), false)
    );
    assert_eq!(
        one("Police said 20 to 30 men were involved."),
        ("20 to 30", Some(20), Some(30), false)
    );
    assert_eq!(
        one("Two or three gunmen escaped."),
        ("Two or three", Some(2), Some(3), false)
    );
    assert_eq!(
        one("Witnesses saw 10-15 protesters."),
        ("10-15", Some(10), Some(15), false)
    );
    assert_eq!(
        one("Witnesses saw 10\u{2013}15 protesters."),
        ("10\u{2013}15", Some(10), Some(15), false)
    );
    assert_eq!(
        one("It will create between 2 and 3 million jobs."),
        (
            "between 2 and 3 million",
            Some(2_000_000),
            Some(3_000_000),
            false
        )
    );
    assert_eq!(
        one("About five or six officers arrived."),
        ("About five or six", Some(5), Some(6), true)
    );
}

#[test]
fn hedges() {
    assert_eq!(
        one("Casualties were possibly in the thousands."),
        ("possibly in the thousands", Some(1000), Some(9999), true)
    );
    assert_eq!(
        one("Perhaps 200 workers were affected."),
        ("Perhaps 200", Some(200), Some(200), true)
    );
    assert_eq!(
        one("Probably more than 50 boats were lost."),
        ("Probably more than 50", Some(51), None, true)
    );
}

// ---------- vague quantities ----------

#[test]
fn plural_scales() {
    assert_eq!(
        one("Dozens of people were injured."),
        ("Dozens of", Some(24), Some(99), true)
    );
    assert_eq!(
        one("Scores of homes were destroyed."),
        ("Scores of", Some(40), Some(199), true)
    );
    assert_eq!(
        one("Hundreds of students marched."),
        ("Hundreds of", Some(200), Some(999), true)
    );
    assert_eq!(
        one("Thousands of fans queued overnight."),
        ("Thousands of", Some(2000), Some(9999), true)
    );
    assert_eq!(
        one("Tens of thousands of people marched."),
        ("Tens of thousands of", Some(20000), Some(99999), true)
    );
    assert_eq!(
        one("Hundreds of thousands of refugees fled."),
        (
            "Hundreds of thousands of",
            Some(200_000),
            Some(999_999),
            true
        )
    );
    assert_eq!(
        one("Millions of viewers tuned in."),
        ("Millions of", Some(2_000_000), Some(9_999_999), true)
    );
    assert_eq!(
        one("Thousands marched through the capital."),
        ("Thousands", Some(2000), Some(9999), true)
    );
}

#[test]
fn in_the_plural() {
    assert_eq!(
        one("The toll is in the hundreds."),
        ("in the hundreds", Some(100), Some(999), true)
    );
    assert_eq!(
        one("Losses ran into the thousands."),
        ("into the thousands", Some(1000), Some(9999), true)
    );
    assert_eq!(
        one("Crowds were in the tens of thousands."),
        ("in the tens of thousands", Some(10000), Some(99999), true)
    );
}

#[test]
fn small_vague() {
    assert_eq!(
        one("Several journalists were detained."),
        ("Several", Some(3), Some(9), true)
    );
    assert_eq!(
        one("A few protesters stayed behind."),
        ("A few", Some(2), Some(5), true)
    );
    assert_eq!(
        one("A handful of activists blocked the road."),
        ("A handful of", Some(2), Some(9), true)
    );
    assert_eq!(
        one("A couple of officers were hurt."),
        ("A couple of", Some(2), Some(3), true)
    );
    assert_eq!(
        one("Several hundred students rallied."),
        ("Several hundred", Some(300), Some(999), true)
    );
    assert_eq!(
        one("A few thousand fans made the trip."),
        ("A few thousand", Some(2000), Some(5999), true)
    );
    assert_eq!(
        one("At least several dozen shops shut."),
        ("At least several dozen", Some(36), None, true)
    );
}

#[test]
fn vague_not_emitted() {
    none("Many people were angry about the decision.");
    none("A number of residents complained.");
    none("Quite a few supporters left early.");
    none("Numerous witnesses came forward.");
    none("A couple from Leeds won the prize.");
    none("The scores were level at half-time.");
}

#[test]
fn qualified_vague() {
    assert_eq!(
        one("More than a dozen celebrities attended."),
        ("More than a dozen", Some(13), None, false)
    );
    assert_eq!(
        one("About a dozen cars were burnt."),
        ("About a dozen", Some(11), Some(13), true)
    );
    assert_eq!(
        one("At least dozens of people were hurt."),
        ("At least dozens of", Some(24), None, true)
    );
}

// ---------- things that are not counts ----------

#[test]
fn years_and_dates() {
    none("The law was passed in 2019.");
    none("The 2019-2020 season was cut short.");
    none("The 2004-05 season was a disaster.");
    none("The vote is on March 3.");
    none("The vote is on 3 March 2005.");
    none("It runs from 14 to 17 February.");
    none("The festival is on 9 and 10 July.");
    none("Since 1998 the town has grown.");
    none("In the 1990s the plant closed.");
    assert_eq!(
        one("Some 2000 people attended."),
        ("Some 2000", Some(1800), Some(2200), true)
    );
    assert_eq!(
        one("They killed 1500 civilians."),
        ("1500", Some(1500), Some(1500), false)
    );
}

#[test]
fn times() {
    none("The meeting starts at 10:30 tomorrow.");
    none("The polls close at 10pm.");
    none("The polls close at 10 pm.");
    none("The polls close at 10 a.m. on Friday.");
    none("The service runs 24/7.");
}

#[test]
fn money() {
    none("The firm paid $350,000 in damages.");
    none("The deal is worth €2bn.");
    none("Shares fell 12p to close lower.");
    none("He was fined £5,000.");
    none("It cost 40 dollars.");
    none("The budget is 300 million euros.");
    none("Prices rose by 5 US dollars.");
    none("Traders lost 100 trillion won.");
    none("Dial-up scams can cost users thousands.");
}

#[test]
fn percentages() {
    none("Support fell to 71 percent.");
    none("Support fell to 71 per cent.");
    none("Support fell to 71%.");
}

#[test]
fn ages() {
    none("A 34-year-old man was arrested.");
    none("The suspect, aged 34, was released.");
    none("John Smith, 34, was released.");
    none("Jane Doe (29) was released.");
    none("He became an MP at the age of just 28.");
    none("The over-65s are most at risk.");
    none("Players are over 18, on average.");
    none("Britain's under 14 boys won the event.");
}

#[test]
fn ordinals() {
    none("He finished 3rd in the race.");
    none("It was the first time in 21st century history.");
    none("The twenty-first century began quietly.");
    none("She came first and he came second.");
}

#[test]
fn measurements_and_durations() {
    none("The convoy travelled 5 km.");
    none("The sack weighed 3 kg.");
    none("He was jailed for 10 years.");
    none("The siege lasted three days.");
    none("The strike lasted several weeks.");
    none("The talks took two and a half hours.");
    none("The phone has a 3.5 inch screen.");
    none("Thousands of years ago the valley flooded.");
    none("He ran the 100m in ten seconds.");
    none("She won the 800m heats easily.");
    none("It reached 1.5 on the scale.");
    none("Inflation was 2.3 last month.");
}

#[test]
fn labels_and_names() {
    none("Under Article 5 the allies must respond.");
    none("The report is on page 12.");
    none("He lives at No 10.");
    none("The show aired on Channel 4 last night.");
    none("The story ran on BBC Two.");
    none("He won the Formula One title.");
    none("The Apollo 11 crew returned.");
    none("She lives at 10 Downing Street.");
    none("The Covid-19 rules were lifted.");
    none("The A380 landed safely.");
    none("The band is in the top 10.");
}

#[test]
fn scores_and_ratios() {
    none("Chelsea won 2-1 at home.");
    none("They lost 0-3 to the champions.");
    none("They beat Leeds 3-1.");
    none("One in five people is affected.");
    none("Three out of four voters agreed.");
    none("The judges ruled by an eight to one majority.");
}

#[test]
fn pronoun_one() {
    none("No one was hurt in the fire.");
    none("One of the guards fled.");
    none("It was a one-off payment.");
    none("They blamed one another.");
    none("On the one hand, it helps.");
    none("The one thing they wanted was peace.");
    none("Which one is it?");
}

#[test]
fn identifiers() {
    none("Call 0800 123 456 for details.");
    none("The reference is 12345678.");
    none("Flight 370 vanished.");
    none("Version 2.1.3 fixes the bug.");
}

#[test]
fn fractions_and_multipliers() {
    none("Two thirds of voters agreed.");
    none("Prices rose five times over.");
    none("A two-thirds majority is needed.");
}

#[test]
fn list_numbers() {
    none("1. Preheat the oven.");
    none("Results:\n27 Anna Smith (Ohio)");
}

// ---------- several hits, spans ----------

#[test]
fn mixed_sentence() {
    let text = "At least 12 officers and nearly 300 civilians were hurt in 2019, when dozens of shops burned.";
    assert_eq!(
        hits(text),
        vec![
            ("At least 12", Some(12), None, false),
            ("nearly 300", Some(270), Some(299), true),
            ("dozens of", Some(24), Some(99), true),
        ]
    );
}

#[test]
fn number_range_is_number_part() {
    let text = "Police said more than 300 people and dozens of officers were there.";
    let qs = find_quantities(text);
    assert_eq!(qs.len(), 2);
    assert_eq!(&text[qs[0].span.clone()], "more than 300");
    assert_eq!(&text[qs[0].number.clone()], "300");
    assert_eq!(&text[qs[1].span.clone()], "dozens of");
    assert_eq!(&text[qs[1].number.clone()], "dozens");
    let t2 = "Officials spoke of about a hundred deaths.";
    let q2 = &find_quantities(t2)[0];
    assert_eq!(&t2[q2.number.clone()], "a hundred");
    assert_eq!(q2.text(t2), "about a hundred");
}

#[test]
fn unicode_context_and_offsets() {
    let text = "«Près» — “Seven men” were held; café staff said 40 others fled.";
    let qs = find_quantities(text);
    let got: Vec<&str> = qs.iter().map(|q| &text[q.span.clone()]).collect();
    assert_eq!(got, vec!["Seven", "40"]);
}

#[test]
fn case_insensitive() {
    assert_eq!(
        one("MORE THAN 300 people came."),
        ("MORE THAN 300", Some(301), None, false)
    );
    assert_eq!(
        one("hundreds Of people came."),
        ("hundreds Of", Some(200), Some(999), true)
    );
}

#[test]
fn change_is_not_a_range() {
    let h = hits("Unemployment rose 32,000 to 1.41 million people.");
    assert_eq!(
        h,
        vec![
            ("32,000", Some(32000), Some(32000), false),
            ("1.41 million", Some(1_410_000), Some(1_410_000), false)
        ]
    );
}

// ---------- parse_quantity ----------

#[test]
fn parse_quantity_contract() {
    assert_eq!(parse_quantity("seven"), Some(c(Some(7), Some(7), false)));
    assert_eq!(
        parse_quantity("more than 300"),
        Some(c(Some(301), None, false))
    );
    assert_eq!(
        parse_quantity("about a hundred"),
        Some(c(Some(90), Some(110), true))
    );
    assert_eq!(
        parse_quantity("possibly in the thousands"),
        Some(c(Some(1000), Some(9999), true))
    );
    assert_eq!(parse_quantity("dozens"), Some(c(Some(24), Some(99), true)));
    assert_eq!(
        parse_quantity("dozens of"),
        Some(c(Some(24), Some(99), true))
    );
    assert_eq!(
        parse_quantity("at least 12"),
        Some(c(Some(12), None, false))
    );
    assert_eq!(
        parse_quantity("between 10 and 15"),
        Some(c(Some(10), Some(15), false))
    );
    assert_eq!(
        parse_quantity("  1.2 million "),
        Some(c(Some(1_200_000), Some(1_200_000), false))
    );
    assert_eq!(
        parse_quantity("2019"),
        Some(c(Some(2019), Some(2019), false))
    );
}

#[test]
fn parse_quantity_rejects() {
    assert_eq!(parse_quantity(""), None);
    assert_eq!(parse_quantity("seven men"), None);
    assert_eq!(parse_quantity("more than"), None);
    assert_eq!(parse_quantity("3rd"), None);
    assert_eq!(parse_quantity("1.5"), None);
    assert_eq!(parse_quantity("between 10"), None);
    assert_eq!(parse_quantity("many"), None);
    assert_eq!(parse_quantity("fewer than 0"), None);
}

#[test]
fn late_fixes_from_bbc_sample() {
    none("A quarter of a million viewers watched.");
    none("Growth in the quarter had been zero, the figures showed.");
    none("They faced thirty more years of conflict.");
}
