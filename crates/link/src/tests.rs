use super::*;
use storyline_model::Date;

/// Hand-set weights: these tests check the mechanism (blocking, vetoes,
/// average link), not the trained model, whose weights follow its data.
fn params() -> Params {
    let (weights, _) = score::Weights::parse(
        "bias\t-2.6\ndates_overlap\t1.6\nsame_day\t0.5\ndate_in_window\t0.4\n\
         shared_participants\t1.4\ndisjoint_participants\t-0.6\nsame_place\t1.0\n\
         other_place_same_country\t-1.5\ncounts_meet\t0.8\ncounts_rival\t-0.3\n\
         term_cosine\t3.0\nsame_document\t0.3\nplanned_mismatch\t-0.8\n",
    )
    .unwrap();
    Params {
        threshold: 0.5,
        unscored_prior: 0.3,
        weights,
        ..Params::default()
    }
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    Date::new(y, m, d).unwrap().day_number()
}

fn on(y: i32, m: u8, d: u8) -> Option<DayRange> {
    let n = day(y, m, d);
    Some(DayRange {
        start: n - 1,
        end: n + 1,
    })
}

fn mention(doc: u32, kind: EventType) -> Mention {
    Mention {
        doc,
        sentence: 0,
        kind,
        subtype: kind,
        date: None,
        published: None,
        place: None,
        participants: vec![],
        count: None,
        killed: None,
        injured: None,
        modality: Modality::Asserted,
        terms: WeightedTerms::default(),
        context: WeightedTerms::default(),
        names: vec![],
        quoted: vec![],
        repeated: false,
        trigger: 0,
        action: 0,
        recent: false,
        anaphoric: false,
        told_by: None,
        date_pad: 0,
        agents: Vec::new(),
        targets: Vec::new(),
        named_people: Vec::new(),
        unnamed_group: false,
        site: Vec::new(),
    }
}

fn exact(n: u64) -> Option<(Option<u64>, Option<u64>)> {
    Some((Some(n), Some(n)))
}

/// Two outlets report the same round-up (12 vs 14 detained); a third
/// reports a different arrest a month later with other people.
fn round_up() -> Vec<Mention> {
    let mut a = mention(0, EventType::Arrest);
    a.date = on(2025, 3, 3);
    a.published = Some(day(2025, 3, 4));
    a.participants = vec![7, 9];
    a.count = exact(12);
    a.terms = WeightedTerms::unweighted(vec![1, 2, 3, 4, 5]);
    let mut b = mention(1, EventType::Arrest);
    b.date = on(2025, 3, 3);
    b.published = Some(day(2025, 3, 3));
    b.participants = vec![9];
    b.count = exact(14);
    b.terms = WeightedTerms::unweighted(vec![1, 2, 3, 6, 7]);
    let mut c = mention(2, EventType::Arrest);
    c.date = on(2025, 4, 2);
    c.published = Some(day(2025, 4, 2));
    c.participants = vec![21];
    c.count = exact(1);
    c.terms = WeightedTerms::unweighted(vec![1, 8, 10]);
    vec![a, b, c]
}

#[test]
fn reports_of_one_round_up_are_linked_despite_rival_counts() {
    let (clusters, stats) = link(&round_up(), &params());
    assert_eq!(clusters, vec![vec![0, 1], vec![2]]);
    assert_eq!(stats.events, 2);
}

#[test]
fn an_undated_report_joins_through_participants_and_words() {
    let mut ms = round_up();
    let mut d = mention(3, EventType::Arrest);
    d.published = Some(day(2025, 3, 5));
    d.participants = vec![7];
    d.terms = WeightedTerms::unweighted(vec![1, 2, 3, 4]);
    ms.push(d);
    let (clusters, _) = link(&ms, &params());
    assert_eq!(clusters, vec![vec![0, 1, 3], vec![2]]);
}

#[test]
fn impossible_pairs_are_vetoed() {
    let p = params();
    let ms = round_up();
    // Different family.
    let mut other = ms[1].clone();
    other.kind = EventType::Conviction;
    assert!(score::pair_probability(&ms[0], &other, &p).is_none());
    // Negated against asserted.
    let mut denied = ms[1].clone();
    denied.modality = Modality::Negated;
    assert!(score::pair_probability(&ms[0], &denied, &p).is_none());
    // Disjoint own dates.
    let mut later = ms[1].clone();
    later.date = on(2025, 3, 20);
    assert!(score::pair_probability(&ms[0], &later, &p).is_none());
    // Places in two countries.
    let mut here = ms[0].clone();
    here.place = Some(PlaceKey {
        country: Some(*b"FR"),
        name: 1,
        region: None,
    });
    let mut there = ms[1].clone();
    there.place = Some(PlaceKey {
        country: Some(*b"DE"),
        name: 2,
        region: None,
    });
    assert!(score::pair_probability(&here, &there, &p).is_none());
    // Two triggers of one sentence.
    let mut same_sentence = ms[0].clone();
    same_sentence.count = exact(3);
    assert!(score::pair_probability(&ms[0], &same_sentence, &p).is_none());
    // Two different acts of one family (an expulsion and a recall).
    let (mut expel, mut recall) = (ms[0].clone(), ms[1].clone());
    expel.action = 1;
    recall.action = 2;
    assert!(score::pair_probability(&expel, &recall, &p).is_none());
    recall.action = 0;
    assert!(score::pair_probability(&expel, &recall, &p).is_some());
    // And the plain pair is scored.
    assert!(score::pair_probability(&ms[0], &ms[1], &p).unwrap() > 0.5);
}

#[test]
fn an_undated_report_of_a_deed_is_not_about_a_later_day() {
    let p = params();
    let ms = round_up();
    // Published on 27 February, undated: not the round-up of 3 March ...
    let mut early = ms[1].clone();
    early.doc = 7;
    early.date = None;
    early.published = Some(day(2025, 2, 27));
    assert!(score::pair_probability(&ms[0], &early, &p).is_none());
    // ... unless it announces it as a plan.
    early.modality = Modality::Planned;
    assert!(score::pair_probability(&ms[0], &early, &p).is_some());
    // Published the day after, it can be.
    let mut after = ms[1].clone();
    after.doc = 7;
    after.date = None;
    after.published = Some(day(2025, 3, 4));
    assert!(score::pair_probability(&ms[0], &after, &p).is_some());
    // Published the day before, it can be too (time zones), but not two days before: the
    // day's own widening by one day is all the slack there is.
    let mut eve = after.clone();
    eve.published = Some(day(2025, 3, 2));
    assert!(score::pair_probability(&ms[0], &eve, &p).is_some());
    eve.published = Some(day(2025, 3, 1));
    assert!(score::pair_probability(&ms[0], &eve, &p).is_none());
    // The same holds for the day a speech verb told of the deed.
    let mut told = after.clone();
    told.told_by = Some(day(2025, 3, 2) + 1);
    assert!(score::pair_probability(&ms[0], &told, &p).is_some());
    told.told_by = Some(day(2025, 3, 1) + 1);
    assert!(score::pair_probability(&ms[0], &told, &p).is_none());
}

#[test]
fn groups_never_merge_over_an_impossible_pair_blocking_did_not_score() {
    // 0 is dated 3 March. 1 is undated, published 20 February: it cannot be
    // about 3 March, and its anchor window is too far for blocking to pair
    // it with 0. 2 is undated, published 2 March, and fits both; the group
    // of 0 and 2 must not take 1 in on the strength of 1-2 alone.
    let mut ms = round_up();
    ms.truncate(1);
    let mut one = ms[0].clone();
    one.doc = 5;
    one.date = None;
    one.published = Some(day(2025, 2, 20));
    // No shared participant either, or blocking would pair it with 0.
    one.participants.clear();
    let mut two = one.clone();
    two.doc = 6;
    two.published = Some(day(2025, 3, 4));
    ms.push(one);
    ms.push(two);
    let p = Params {
        undated_window: 14,
        unscored_prior: 0.45,
        threshold: 0.5,
        ..params()
    };
    assert!(!candidates::candidate_pairs(&ms, &p).contains(&(0, 1)));
    assert!(score::vetoed(&ms[0], &ms[1]));
    let (clusters, _) = link(&ms, &p);
    assert!(
        clusters.iter().all(|c| !(c.contains(&0) && c.contains(&1))),
        "{clusters:?}"
    );
    assert!(clusters.iter().any(|c| c.len() == 2), "{clusters:?}");
}

#[test]
fn a_veto_keeps_groups_apart_even_through_a_bridge() {
    // 0 and 2 are linked to 1, but 0 and 2 are vetoed (different places):
    // 1 goes with one of them, never both.
    let mut ms = round_up();
    ms[2] = ms[1].clone();
    ms[2].doc = 5;
    ms[0].place = Some(PlaceKey {
        country: Some(*b"FR"),
        name: 1,
        region: None,
    });
    ms[2].place = Some(PlaceKey {
        country: Some(*b"DE"),
        name: 2,
        region: None,
    });
    let (clusters, _) = link(&ms, &params());
    assert!(clusters.iter().all(|c| !(c.contains(&0) && c.contains(&2))));
    assert_eq!(clusters.len(), 2);
}

#[test]
fn widening_follows_precision() {
    use storyline_model::event::EventDate;
    use storyline_model::Span;
    let d = EventDate {
        start: Date::new(2025, 5, 1).unwrap(),
        end: Date::new(2025, 5, 31).unwrap(),
        precision: DatePrecision::Month,
        span: Span::new(0, 3),
    };
    let r = widen(&d);
    assert_eq!(r.start, day(2025, 5, 1) - 3);
    assert_eq!(r.end, day(2025, 5, 31) + 3);
}

#[test]
fn a_statement_dated_to_the_day_is_that_day_alone() {
    use storyline_model::event::EventDate;
    use storyline_model::Span;
    let on = |d: u8| EventDate {
        start: Date::new(2024, 5, d).unwrap(),
        end: Date::new(2024, 5, d).unwrap(),
        precision: DatePrecision::Day,
        span: Span::new(0, 3),
    };
    let (sunday, monday) = (on(19), on(20));
    let said = |d: &EventDate| report_interval(EventType::Statement, d);
    assert!(!said(&sunday).overlaps(&said(&monday)));
    assert_eq!(said(&sunday).len(), 1);
    // Other happenings keep the day either side (time zones, overnight, announced later).
    let raid = |d: &EventDate| report_interval(EventType::Arrest, d);
    assert!(raid(&sunday).overlaps(&raid(&monday)));
    assert_eq!(raid(&sunday), widen(&sunday));
}

#[test]
fn a_day_meets_a_month_only_within_it() {
    use storyline_model::event::EventDate;
    use storyline_model::Span;
    let date = |m: u8, d: u8, m2: u8, d2: u8, precision| EventDate {
        start: Date::new(2023, m, d).unwrap(),
        end: Date::new(2023, m2, d2).unwrap(),
        precision,
        span: Span::new(0, 3),
    };
    let dated = |d: &EventDate| {
        let mut m = mention(0, EventType::Conviction);
        m.date = Some(report_interval(EventType::Conviction, d));
        m.date_pad = report_pad(EventType::Conviction, d);
        m
    };
    let may = dated(&date(5, 1, 5, 31, DatePrecision::Month));
    let june_first = dated(&date(6, 1, 6, 1, DatePrecision::Day));
    let may_last = dated(&date(5, 31, 5, 31, DatePrecision::Day));
    let june = dated(&date(6, 1, 6, 30, DatePrecision::Month));
    assert_eq!(own_dates_meet(&may, &june_first), Some(false));
    assert_eq!(own_dates_meet(&june_first, &may), Some(false));
    assert_eq!(own_dates_meet(&may, &may_last), Some(true));
    // Two days a day apart, and two months a few days apart, still meet by their widening.
    assert_eq!(own_dates_meet(&may_last, &june_first), Some(true));
    assert_eq!(own_dates_meet(&may, &june), Some(true));
    assert_eq!(
        own_dates_meet(&may, &mention(1, EventType::Conviction)),
        None
    );
    assert!(score::vetoed(&may, &june_first));
}

#[test]
fn synthetic_news_is_linked_well_with_linear_candidate_growth() {
    let (mentions, gold) = synth::synthetic(20_000, 7);
    let (clusters, stats) = link(&mentions, &params());
    let covered: usize = clusters.iter().map(Vec::len).sum();
    assert_eq!(covered, mentions.len());
    let (p, r, f) = b_cubed(&gold, &clusters, mentions.len());
    println!("synthetic 20k: B3 P {p:.3} R {r:.3} F1 {f:.3}, {stats:?}");
    assert!(f > 0.85, "B3 F1 {f}");
    // Blocking bounds the pairs by a constant per mention.
    assert!(stats.candidate_pairs < mentions.len() * 80);
    // Deterministic.
    assert_eq!(link(&mentions, &params()).0, clusters);
}

#[test]
fn b_cubed_of_identical_clusterings_is_one() {
    let gold = vec![vec![0, 1], vec![2]];
    assert_eq!(b_cubed(&gold, &gold, 3), (1.0, 1.0, 1.0));
    let (p, r, _) = b_cubed(&gold, &[vec![0, 1, 2]], 3);
    assert!(p < 1.0 && r == 1.0);
}

#[test]
fn bundled_weights_load_and_round_trip() {
    let w = score::Weights::default();
    assert!(w.w.iter().any(|x| *x != 0.0));
    let tsv = w.to_tsv(&[("threshold", 0.55)]);
    let (again, settings) = score::Weights::parse(&tsv).unwrap();
    assert_eq!(again, w);
    assert_eq!(settings, vec![("threshold".to_string(), 0.55)]);
    assert!(score::Weights::parse("bias 1").is_err());
}

#[test]
fn training_learns_which_evidence_links() {
    // Pairs sharing a day are the same event; the rest are not.
    let mut examples = Vec::new();
    for k in 0..40 {
        let mut f = [0.0; score::FEATURES.len()];
        f[0] = 1.0;
        let same = k % 2 == 0;
        if same {
            f[2] = 1.0;
        }
        f[12] = (k % 5) as f32 / 10.0;
        examples.push((f, same));
    }
    let w = score::train(&examples, 0.001, 500);
    assert!(w.w[2] > 1.0, "{:?}", w.w);
    for (f, y) in &examples {
        assert_eq!(score::probability(&w, f) > 0.5, *y);
    }
}

#[test]
fn refusals_link_only_when_dated_alike() {
    let p = params();
    let ms = round_up();
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    a.modality = Modality::Negated;
    b.modality = Modality::Negated;
    assert!(score::pair_probability(&a, &b, &p).is_some());
    b.date = None;
    assert!(score::pair_probability(&a, &b, &p).is_none());
}

#[test]
fn a_deed_told_of_on_a_day_is_not_about_a_later_day() {
    let p = params();
    let ms = round_up();
    // "said on 1 March it had detained": not the round-up of 3 March.
    let mut told = ms[1].clone();
    told.doc = 7;
    told.date = None;
    told.published = Some(day(2025, 3, 10));
    assert!(score::pair_probability(&ms[0], &told, &p).is_some());
    told.told_by = Some(day(2025, 3, 1));
    assert!(score::pair_probability(&ms[0], &told, &p).is_none());
    // Told of on 4 March, it can be; and its window ends that day, not at publication.
    told.told_by = Some(day(2025, 3, 4));
    assert!(score::pair_probability(&ms[0], &told, &p).is_some());
    assert_eq!(told.anchor(&p).map(|r| r.end), Some(day(2025, 3, 4)));
}

#[test]
fn news_of_the_day_is_not_about_weeks_before() {
    let p = params();
    let ms = round_up();
    // Undated, told as news of the day, published four weeks after the
    // round-up of 3 March: another happening.
    let mut later = ms[1].clone();
    later.doc = 7;
    later.date = None;
    later.published = Some(day(2025, 3, 31));
    assert!(score::pair_probability(&ms[0], &later, &p).is_some());
    later.recent = true;
    assert!(score::pair_probability(&ms[0], &later, &p).is_none());
    // Published four days after, it can be the round-up.
    later.published = Some(day(2025, 3, 7));
    assert!(score::pair_probability(&ms[0], &later, &p).is_some());
    // Nor is it what an undated report published weeks earlier told.
    let mut earlier = ms[1].clone();
    earlier.doc = 8;
    earlier.date = None;
    earlier.published = Some(day(2025, 3, 4));
    later.published = Some(day(2025, 3, 31));
    assert!(score::pair_probability(&earlier, &later, &p).is_none());
    earlier.published = Some(day(2025, 3, 28));
    assert!(score::pair_probability(&earlier, &later, &p).is_some());
}

#[test]
fn a_shared_target_is_its_own_evidence() {
    let p = params();
    let ms = round_up();
    let shared = score::FEATURES
        .iter()
        .position(|f| *f == "shared_targets")
        .unwrap();
    // Key 9 is a participant of both, but a target of neither.
    let f = score::pair_features(&ms[0], &ms[1], &p).unwrap();
    assert_eq!(f[shared], 0.0);
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    a.targets = vec![9];
    b.targets = vec![9];
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(f[shared], 1.0);
    b.targets = vec![21];
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(f[shared], 0.0);
}

#[test]
fn two_sites_with_no_word_in_common_are_evidence_of_two_events() {
    let p = params();
    let ms = round_up();
    let feature = |name: &str| score::FEATURES.iter().position(|f| *f == name).unwrap();
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(
        (f[feature("same_site")], f[feature("other_site")]),
        (0.0, 0.0)
    );
    a.site = vec![3, 8];
    b.site = vec![8];
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(
        (f[feature("same_site")], f[feature("other_site")]),
        (1.0, 0.0)
    );
    b.site = vec![5];
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(
        (f[feature("same_site")], f[feature("other_site")]),
        (0.0, 1.0)
    );
}

#[test]
fn a_pair_with_only_type_and_time_in_common_is_marked() {
    let p = params();
    let ms = round_up();
    let nothing = score::FEATURES
        .iter()
        .position(|f| *f == "nothing_shared")
        .unwrap();
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    // They share participant 9 and words.
    assert_eq!(score::pair_features(&a, &b, &p).unwrap()[nothing], 0.0);
    a.participants.clear();
    a.terms = WeightedTerms::unweighted(vec![40]);
    b.terms = WeightedTerms::unweighted(vec![41]);
    assert_eq!(score::pair_features(&a, &b, &p).unwrap()[nothing], 1.0);
    // A shared site is something in common.
    a.site = vec![5];
    b.site = vec![5];
    assert_eq!(score::pair_features(&a, &b, &p).unwrap()[nothing], 0.0);
}

#[test]
fn statements_by_different_speakers_are_two() {
    let mut a = mention(0, EventType::Statement);
    let mut b = mention(1, EventType::Statement);
    a.agents = vec![3];
    a.participants = vec![3, 8];
    b.agents = vec![5];
    b.participants = vec![5, 8];
    assert!(score::vetoed(&a, &b));
    b.agents = vec![3];
    assert!(!score::vetoed(&a, &b));
    // An unnamed speaker decides nothing.
    b.agents.clear();
    assert!(!score::vetoed(&a, &b));
}

#[test]
fn two_speakers_quoting_the_same_words_may_be_one_utterance() {
    // "Kremlin spokesman Dmitry Peskov told reporters he was 'caught red-handed'" against
    // "The Kremlin has said he was 'caught red-handed'", published weeks later.
    let mut a = mention(0, EventType::Statement);
    let mut b = mention(1, EventType::Statement);
    a.agents = vec![3];
    a.participants = vec![3];
    a.published = Some(day(2025, 3, 30));
    b.agents = vec![5];
    b.participants = vec![5];
    b.published = Some(day(2025, 4, 12));
    b.recent = true;
    a.quoted = vec![11, 12];
    b.quoted = vec![12, 13];
    assert!(!score::vetoed(&a, &b));
    let quote = score::FEATURES
        .iter()
        .position(|f| *f == "shared_quote")
        .unwrap();
    assert_eq!(score::pair_features(&a, &b, &params()).unwrap()[quote], 1.0);
    // Without the words in common they are two speakers, and the later one's tense tells
    // news of its own day.
    b.quoted = vec![13];
    assert!(score::vetoed(&a, &b));
    b.agents = vec![3];
    b.participants = vec![3];
    assert!(score::vetoed(&a, &b));
    // An unknown speaker quoting the same words has evidence of its own.
    b.agents.clear();
    b.quoted = vec![11];
    assert!(!score::without_evidence(&a, &b));
    b.quoted.clear();
    assert!(score::without_evidence(&a, &b));
}

#[test]
fn a_report_of_a_history_links_to_nothing() {
    // "She has been detained several times" against "Police detained her on Tuesday".
    let mut a = mention(0, EventType::Arrest);
    let mut b = mention(1, EventType::Arrest);
    a.targets = vec![4];
    a.participants = vec![4];
    b.targets = vec![4];
    b.participants = vec![4];
    assert!(!score::vetoed(&a, &b));
    a.repeated = true;
    assert!(score::vetoed(&a, &b));
    assert!(score::vetoed(&b, &a));
    b.doc = 0;
    b.sentence = 1;
    assert!(score::vetoed(&a, &b));
}

#[test]
fn a_statement_without_a_known_speaker_links_to_nothing_on_its_own() {
    let p = params();
    let mut a = mention(0, EventType::Statement);
    let mut b = mention(1, EventType::Statement);
    a.agents = vec![3];
    a.participants = vec![3];
    b.participants = vec![3];
    a.terms = WeightedTerms::unweighted(vec![1, 2, 3]);
    b.terms = WeightedTerms::unweighted(vec![1, 2, 3]);
    assert_eq!(score::pair_probability(&a, &b, &p), Some(0.0));
    // Within one document the text ties them, as for any other report.
    b.doc = 0;
    b.sentence = 1;
    assert!(score::pair_probability(&a, &b, &p).unwrap() > 0.0);
    // With the speaker known on both sides the evidence counts.
    b.doc = 1;
    b.agents = vec![3];
    assert!(score::pair_probability(&a, &b, &p).unwrap() > 0.5);
}

#[test]
fn figures_agree_compete_or_tell_two_apart() {
    let p = params();
    let feature = |name: &str| score::FEATURES.iter().position(|f| *f == name).unwrap();
    let (meet, rival, far) = (
        feature("counts_meet"),
        feature("counts_rival"),
        feature("counts_far_apart"),
    );
    let mut a = mention(0, EventType::Arrest);
    let mut b = mention(1, EventType::Arrest);
    let with = |a: &mut Mention, b: &mut Mention, x: u64, y: u64| {
        a.count = exact(x);
        b.count = exact(y);
        let f = score::pair_features(a, b, &p).unwrap();
        (f[meet], f[rival], f[far])
    };
    assert_eq!(with(&mut a, &mut b, 12, 12), (1.0, 0.0, 0.0));
    // Twelve against fourteen: rival estimates of one round-up.
    assert_eq!(with(&mut a, &mut b, 12, 14), (1.0, 1.0, 0.0));
    // Two against seven: two round-ups.
    assert_eq!(with(&mut a, &mut b, 2, 7), (0.0, 0.0, 1.0));
    // One defendant's verdict and the verdict on all nine are one trial's.
    let (mut c, mut d) = (
        mention(0, EventType::Conviction),
        mention(1, EventType::Conviction),
    );
    assert_eq!(with(&mut c, &mut d, 1, 9), (0.0, 0.0, 0.0));
    // Without counts, the dead are the figures.
    let (mut e, mut g) = (mention(0, EventType::Attack), mention(1, EventType::Attack));
    e.killed = Some(4);
    g.killed = Some(30);
    let f = score::pair_features(&e, &g, &p).unwrap();
    assert_eq!((f[meet], f[rival], f[far]), (0.0, 0.0, 1.0));
}

#[test]
fn counts_twenty_times_apart_are_two_happenings_yet_still_train() {
    let p = params();
    // One night's three journalists and the 6,700 detained in four nights: the same type,
    // day and words, but not one happening.
    let mut ms = round_up();
    ms[0].count = exact(3);
    ms[1].count = Some((Some(6700), None));
    assert!(score::pair_probability(&ms[0], &ms[1], &p).is_none());
    assert!(score::pair_features(&ms[0], &ms[1], &p).is_some());
    let (clusters, _) = link(&ms, &p);
    assert_eq!(clusters, vec![vec![0], vec![1], vec![2]]);
    // Within twenty times they are rival figures for one round-up.
    ms[1].count = Some((Some(50), None));
    assert!(score::pair_probability(&ms[0], &ms[1], &p).is_some());
    // One defendant's sentence and the trial of all 51 are one trial.
    let (mut c, mut d) = (
        mention(0, EventType::Conviction),
        mention(1, EventType::Conviction),
    );
    c.count = exact(1);
    d.count = exact(51);
    assert!(score::pair_probability(&c, &d, &p).is_some());
}

#[test]
fn shared_rare_words_weigh_more_than_shared_common_ones() {
    let terms = |ids: &[u32], weights: &[f32]| WeightedTerms {
        ids: ids.to_vec(),
        weights: weights.to_vec(),
    };
    let (a, b) = ([1u32, 2, 3], [1u32, 2, 4]);
    // Unweighted, it is the plain set cosine.
    let plain = score::weighted_cosine(
        &WeightedTerms::unweighted(a.to_vec()),
        &WeightedTerms::unweighted(b.to_vec()),
    );
    assert!((plain - score::cosine(&a, &b)).abs() < 1e-6);
    // Sharing a rare word (id 1 weighs 3) says more than sharing a common one.
    let rare_shared =
        score::weighted_cosine(&terms(&a, &[3.0, 0.1, 1.0]), &terms(&b, &[3.0, 0.1, 1.0]));
    let common_shared =
        score::weighted_cosine(&terms(&a, &[0.1, 0.1, 3.0]), &terms(&b, &[0.1, 0.1, 3.0]));
    assert!(
        rare_shared > 0.8 && common_shared < 0.1,
        "{rare_shared} {common_shared}"
    );
    // Words of no weight count for nothing, and nothing shared is 0.
    assert_eq!(
        score::weighted_cosine(&terms(&a, &[0.0; 3]), &terms(&b, &[0.0; 3])),
        0.0
    );
    assert_eq!(
        score::weighted_cosine(&terms(&[1], &[1.0]), &terms(&[2], &[1.0])),
        0.0
    );
}

#[test]
fn a_later_report_pointing_back_within_its_document_is_marked() {
    let p = params();
    let refers = score::FEATURES
        .iter()
        .position(|f| *f == "refers_back")
        .unwrap();
    let mut first = mention(0, EventType::Arrest);
    let mut later = mention(0, EventType::Arrest);
    first.sentence = 0;
    later.sentence = 200;
    later.anaphoric = true;
    let f = |x: &Mention, y: &Mention| score::pair_features(x, y, &p).unwrap()[refers];
    assert_eq!(f(&first, &later), 1.0);
    assert_eq!(f(&later, &first), 1.0);
    // The earlier one pointing back says nothing of this pair.
    later.anaphoric = false;
    first.anaphoric = true;
    assert_eq!(f(&first, &later), 0.0);
    // Nor does a report in another document.
    later.anaphoric = true;
    later.doc = 1;
    assert_eq!(f(&first, &later), 0.0);
}

#[test]
fn groups_merge_on_their_true_mean_not_the_prior_for_pairs_never_scored() {
    // Two linked pairs, bridged by one strong pair; blocking scored nothing else. Under the
    // prior the two groups' mean is (0.9 + 3 × 0.5) / 4 = 0.6: enough to merge. What decides
    // is what the three unscored pairs really score.
    let edges = [
        cluster::Edge { a: 0, b: 1, p: 0.9 },
        cluster::Edge { a: 2, b: 3, p: 0.9 },
        cluster::Edge { a: 1, b: 2, p: 0.9 },
    ];
    let p = Params {
        threshold: 0.6,
        unscored_prior: 0.5,
        ..params()
    };
    let scored = |i: usize, j: usize| {
        edges
            .iter()
            .find(|e| (e.a, e.b) == (i.min(j), i.max(j)))
            .map(|e| e.p)
    };
    // They share nothing: kept apart.
    let apart = cluster::average_link(4, &edges, &p, &|i, j| Some(scored(i, j).unwrap_or(0.1)));
    assert_eq!(apart, vec![vec![0, 1], vec![2, 3]]);
    // They agree: one event.
    let together = cluster::average_link(4, &edges, &p, &|i, j| Some(scored(i, j).unwrap_or(0.8)));
    assert_eq!(together, vec![vec![0, 1, 2, 3]]);
    // One of them can never be with the others: kept apart however strong the rest.
    let vetoed = cluster::average_link(4, &edges, &p, &|i, j| {
        if (i.min(j), i.max(j)) == (0, 3) {
            None
        } else {
            Some(scored(i, j).unwrap_or(0.8))
        }
    });
    assert_eq!(vetoed, vec![vec![0, 1], vec![2, 3]]);
}

#[test]
fn arrests_of_different_named_people_are_two_happenings() {
    let p = params();
    // One politician taken at the court on Tuesday, another there on Wednesday: the same
    // words, court and (widened) days, but each report names everyone it befell.
    let mut ms = round_up();
    ms.truncate(2);
    for m in &mut ms {
        m.count = exact(1);
    }
    ms[0].targets = vec![7];
    ms[0].named_people = vec![7];
    ms[1].targets = vec![8];
    ms[1].named_people = vec![8];
    assert!(score::pair_probability(&ms[0], &ms[1], &p).is_none());
    assert!(score::pair_features(&ms[0], &ms[1], &p).is_some());
    let (clusters, _) = link(&ms, &p);
    assert_eq!(clusters, vec![vec![0], vec![1]]);
    // A report that names only some of those taken says nothing against the other.
    ms[1].named_people.clear();
    assert!(score::pair_probability(&ms[0], &ms[1], &p).is_some());
    // A round-up of an unnamed group ("sweeping arrests of members and supporters") is
    // another happening than the arrest of the one person a report names.
    ms[1].unnamed_group = true;
    ms[1].count = None;
    assert!(score::pair_probability(&ms[0], &ms[1], &p).is_none());
    ms[1].unnamed_group = false;
    // One defendant's verdict and another's can be one verdict.
    let (mut c, mut d) = (
        mention(0, EventType::Conviction),
        mention(1, EventType::Conviction),
    );
    c.named_people = vec![7];
    d.named_people = vec![8];
    assert!(score::pair_probability(&c, &d, &p).is_some());
}

#[test]
fn tallies_from_two_regions_of_a_country_are_two_happenings() {
    let p = params();
    let ms = round_up();
    let region = |m: &mut Mention, r: u64, count: (Option<u64>, Option<u64>)| {
        m.place = Some(PlaceKey {
            country: Some(*b"PK"),
            name: r,
            region: Some(r),
        });
        m.count = Some(count);
    };
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    region(&mut a, 1, (Some(945), Some(945)));
    region(&mut b, 2, (Some(1127), Some(1127)));
    assert!(score::pair_probability(&a, &b, &p).is_none());
    // One region's rival tallies are a conflict to show, not two happenings.
    region(&mut b, 1, (Some(1127), Some(1127)));
    assert!(score::pair_probability(&a, &b, &p).is_some());
    // A vague figure is no tally: one wave of arrests is told from its towns.
    region(&mut a, 1, (Some(3), Some(9)));
    region(&mut b, 2, (Some(3), Some(9)));
    assert!(score::pair_probability(&a, &b, &p).is_some());
}

#[test]
fn a_killing_meets_an_attack_with_dead_and_no_other() {
    let p = params();
    let mut deaths = mention(0, EventType::Killing);
    deaths.date = on(2024, 7, 18);
    deaths.killed = Some(25);
    let mut shooting = mention(1, EventType::Attack);
    shooting.date = on(2024, 7, 18);
    shooting.killed = Some(32);
    assert!(!score::vetoed(&deaths, &shooting));
    assert!(!score::vetoed(&shooting, &deaths));
    // The two are blocked together, so the pair is scored at all.
    let pairs = candidates::candidate_pairs(&[deaths.clone(), shooting.clone()], &p);
    assert_eq!(pairs, vec![(0, 1)]);
    // An attack with no dead told is another happening.
    let mut storming = shooting.clone();
    storming.killed = None;
    assert!(score::vetoed(&deaths, &storming));
    // So is anything of another family.
    let mut arrest = shooting;
    arrest.kind = EventType::Arrest;
    assert!(score::vetoed(&deaths, &arrest));
}

#[test]
fn open_figures_are_compared_by_their_floors() {
    let p = params();
    let ms = round_up();
    let feature = |name: &str| score::FEATURES.iter().position(|f| *f == name).unwrap();
    let (mut a, mut b) = (ms[0].clone(), ms[1].clone());
    // "More than 90 died" against "at least 215 have been killed": both open above.
    a.count = Some((Some(91), None));
    b.count = Some((Some(215), None));
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(
        (f[feature("counts_meet")], f[feature("counts_far_apart")]),
        (0.0, 1.0)
    );
    // "At least 90" against exactly 100 is one figure told two ways.
    b.count = Some((Some(100), Some(100)));
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(
        (f[feature("counts_meet")], f[feature("counts_far_apart")]),
        (1.0, 0.0)
    );
    // A closed range is still read whole: 10 to 500 holds 215.
    a.count = Some((Some(10), Some(500)));
    b.count = Some((Some(215), Some(215)));
    let f = score::pair_features(&a, &b, &p).unwrap();
    assert_eq!(f[feature("counts_meet")], 1.0);
}
