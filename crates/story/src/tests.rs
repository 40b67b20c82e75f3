use super::*;
use storyline_model::event::{Count, DatePrecision, EntityMention, EventDate, Modality};
use storyline_model::{PublishedFrom, Span};

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect(needle);
    Span::new(start, start + needle.len())
}

fn doc(id: &str, outlet: &str, published: Option<Date>, text: &str) -> Document {
    Document {
        id: id.into(),
        source: format!("{id}.txt"),
        format: None,
        outlet: Some(outlet.into()),
        title: None,
        author: None,
        published,
        published_from: if published.is_some() {
            PublishedFrom::Text
        } else {
            PublishedFrom::None
        },
        language: Some("en".into()),
        text: text.into(),
        removed: vec![],
        extra: Default::default(),
        near_duplicate_of: None,
    }
}

struct Spec<'a> {
    sentence: &'a str,
    trigger: &'a str,
    kind: EventType,
    targets: &'a [&'a str],
    count: Option<(&'a str, u64, u64)>,
    date: Option<(&'a str, Date, DatePrecision)>,
    place: Option<&'a str>,
}

impl<'a> Spec<'a> {
    /// A report with only its sentence, trigger, type and targets.
    fn plain(sentence: &'a str, trigger: &'a str, kind: EventType, targets: &'a [&'a str]) -> Self {
        Spec {
            sentence,
            trigger,
            kind,
            targets,
            count: None,
            date: None,
            place: None,
        }
    }
}

fn mention(text: &str, s: &Spec<'_>) -> EventMention {
    let sentence = span_of(text, s.sentence);
    let within = |needle: &str| {
        let start = sentence.start + s.sentence.find(needle).expect(needle);
        Span::new(start, start + needle.len())
    };
    EventMention {
        kind: s.kind,
        trigger: within(s.trigger),
        sentence,
        agents: vec![],
        targets: s
            .targets
            .iter()
            .map(|t| Argument {
                span: within(t),
                text: t.to_string(),
            })
            .collect(),
        place: s.place.map(|p| Argument {
            span: within(p),
            text: p.to_string(),
        }),
        date: s.date.map(|(t, d, precision)| EventDate {
            start: d,
            end: d,
            precision,
            span: within(t),
        }),
        count: s.count.map(|(t, min, max)| Count {
            min: Some(min),
            max: Some(max),
            span: within(t),
        }),
        killed: None,
        injured: None,
        reason: None,
        attributed_to: None,
        modality: Modality::Asserted,
        recent: false,
        told_on: None,
        running_total: false,
        figures_in_part: false,
        repeated: false,
        site: None,
    }
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

/// Three outlets: two report the 3 March round-up with 12 and 14 detained,
/// one of them undated; a third reports an unrelated conviction.
fn corpus() -> Vec<(Document, Analysis)> {
    corpus_with_dateline("")
}

/// [`corpus`] with the undated report opening with `dateline`.
fn corpus_with_dateline(dateline: &str) -> Vec<(Document, Analysis)> {
    let t1 = "Security officers detained 12 opposition activists in Velmora on Monday, including Mira Solanek.";
    let t2 = format!(
        "{dateline}Lawyers said 14 activists were detained in the dawn raids in Velmora on 3 March. Solanek is among them."
    );
    let t2 = t2.as_str();
    let t3 = "A court in Ostemund convicted Petra Lind of fraud on 2 May.";
    let a1 = Analysis {
        events: vec![mention(
            t1,
            &Spec {
                sentence: t1,
                trigger: "detained",
                kind: EventType::Arrest,
                targets: &["12 opposition activists", "Mira Solanek"],
                count: Some(("12", 12, 12)),
                date: Some(("on Monday", d(2025, 3, 3), DatePrecision::Day)),
                place: Some("Velmora"),
            },
        )],
        ..Analysis::default()
    };
    let s2 = "Lawyers said 14 activists were detained in the dawn raids in Velmora on 3 March.";
    let a2 = Analysis {
        events: vec![mention(
            t2,
            &Spec {
                sentence: s2,
                trigger: "detained",
                kind: EventType::Arrest,
                targets: &["14 activists"],
                count: Some(("14", 14, 14)),
                date: Some(("3 March", d(2025, 3, 3), DatePrecision::Day)),
                place: Some("Velmora"),
            },
        )],
        ..Analysis::default()
    };
    let a3 = Analysis {
        events: vec![mention(
            t3,
            &Spec {
                sentence: t3,
                trigger: "convicted",
                kind: EventType::Conviction,
                targets: &["Petra Lind"],
                count: None,
                date: Some(("on 2 May", d(2025, 5, 2), DatePrecision::Day)),
                place: Some("Ostemund"),
            },
        )],
        ..Analysis::default()
    };
    vec![
        (doc("a", "Courier", Some(d(2025, 3, 4)), t1), a1),
        (doc("b", "Monitor", None, t2), a2),
        (doc("c", "Herald", Some(d(2025, 5, 3)), t3), a3),
    ]
}

fn inputs(c: &[(Document, Analysis)]) -> Vec<Input<'_>> {
    c.iter()
        .map(|(doc, analysis)| Input { doc, analysis })
        .collect()
}

#[test]
fn two_outlets_reporting_one_round_up_give_one_event_with_a_count_conflict() {
    let c = corpus();
    let inputs = inputs(&c);
    let story = build(&inputs, &NoResolver, &Params::default());
    assert_eq!(story.events.len(), 2);
    let round_up = story
        .events
        .iter()
        .find(|e| e.kind == EventType::Arrest)
        .unwrap();
    assert_eq!(round_up.doc_ids(), vec!["a", "b"]);
    let conflict = round_up
        .merged
        .conflicts
        .iter()
        .find(|c| c.field == "count")
        .expect("count conflict");
    let values: Vec<(u64, &Vec<String>)> = conflict
        .values
        .iter()
        .map(|(v, docs)| (v["min"].as_u64().unwrap(), docs))
        .collect();
    assert_eq!(
        values,
        vec![(12, &vec!["a".to_string()]), (14, &vec!["b".to_string()])]
    );
    // The dates agree, so no date conflict, and the date is merged from both.
    assert!(round_up.merged.conflicts.iter().all(|c| c.field != "date"));
    assert_eq!(round_up.merged.date.as_ref().unwrap().docs, vec!["a", "b"]);
}

#[test]
fn event_lines_follow_the_contract() {
    let c = corpus();
    let inputs = inputs(&c);
    let story = build(&inputs, &NoResolver, &Params::default());
    for e in &story.events {
        let line = json::event_line(&inputs, e);
        for field in [
            "v",
            "id",
            "type",
            "cameo",
            "date",
            "place",
            "agents",
            "targets",
            "count",
            "killed",
            "injured",
            "modality",
            "reports",
            "conflicts",
        ] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
        for r in line["reports"].as_array().unwrap() {
            let doc = &inputs
                .iter()
                .find(|i| i.doc.id == r["doc"].as_str().unwrap())
                .unwrap()
                .doc;
            let (s, t) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&doc.text[s..t], r["sentence"].as_str().unwrap());
        }
    }
}

#[test]
fn an_undated_document_gets_the_date_of_the_event_it_shares() {
    let c = corpus();
    let inputs = inputs(&c);
    let story = build(&inputs, &NoResolver, &Params::default());
    assert_eq!(
        infer_publication_dates(&inputs, &story),
        vec![(1, d(2025, 3, 3))]
    );
}

#[test]
fn the_timeline_is_in_date_order_and_marks_conflicts() {
    let c = corpus();
    let inputs = inputs(&c);
    let story = build(&inputs, &NoResolver, &Params::default());
    let lines = views::timeline(&inputs, &story.events, &views::Filter::default());
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("2025-03-03"), "{}", lines[0]);
    assert!(lines[0].contains("2 sources") && lines[0].contains("! count"));
    assert!(lines[1].starts_with("2025-05-02"));
    let only_convictions = views::Filter {
        kind: Some(views::TypeFilter::Kind(EventType::Conviction)),
        ..Default::default()
    };
    assert_eq!(
        views::timeline(&inputs, &story.events, &only_convictions).len(),
        1
    );
    // `other` is the export's type for the families the contract lacks: none here.
    assert_eq!(
        views::TypeFilter::parse("other"),
        Some(views::TypeFilter::Other)
    );
    assert_eq!(
        views::TypeFilter::parse("raid"),
        Some(views::TypeFilter::Kind(EventType::Raid))
    );
    assert_eq!(views::TypeFilter::parse("riot"), None);
    let only_other = views::Filter {
        kind: Some(views::TypeFilter::Other),
        ..Default::default()
    };
    assert!(views::timeline(&inputs, &story.events, &only_other).is_empty());
    let in_velmora = views::Filter {
        place: Some("velmora".into()),
        ..Default::default()
    };
    assert_eq!(
        views::timeline(&inputs, &story.events, &in_velmora).len(),
        1
    );
    let conflict_lines = views::conflicts(&inputs, &story.events);
    assert!(conflict_lines.iter().any(|l| l.contains("Monitor undated")));
}

#[test]
fn modality_merge_prefers_doubt_and_needs_all_for_planned() {
    use merge::merged_modality;
    assert_eq!(
        merged_modality(&[Modality::Asserted, Modality::Disputed]),
        Modality::Disputed
    );
    assert_eq!(
        merged_modality(&[Modality::Planned, Modality::Asserted]),
        Modality::Asserted
    );
    assert_eq!(
        merged_modality(&[Modality::Planned, Modality::Planned]),
        Modality::Planned
    );
    assert_eq!(
        merged_modality(&[Modality::Alleged, Modality::Alleged]),
        Modality::Alleged
    );
}

#[test]
fn the_summary_keeps_the_words_that_lead_to_the_target() {
    let text = "Protesters threw stones at the embassy in Velmora. Police later arrested the organisers of the march. Three students were released in Portesca.";
    let analysis = Analysis {
        events: vec![
            mention(
                text,
                &Spec::plain(
                    "Protesters threw stones at the embassy in Velmora.",
                    "threw",
                    EventType::Attack,
                    &["the embassy"],
                ),
            ),
            mention(
                text,
                &Spec::plain(
                    "Police later arrested the organisers of the march.",
                    "arrested",
                    EventType::Arrest,
                    &["the organisers of the march"],
                ),
            ),
            mention(
                text,
                &Spec::plain(
                    "Three students were released in Portesca.",
                    "released",
                    EventType::Release,
                    &["Three students"],
                ),
            ),
        ],
        ..Analysis::default()
    };
    let c = vec![(doc("a", "Monitor", Some(d(2025, 3, 3)), text), analysis)];
    let inputs = inputs(&c);
    let story = build(&inputs, &NoResolver, &Params::default());
    let lines = views::timeline(&inputs, &story.events, &views::Filter::default());
    assert!(
        lines
            .iter()
            .any(|l| l.contains("threw stones at the embassy")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("arrested the organisers of the march")),
        "{lines:?}"
    );
    // A target written before its trigger keeps the text's order.
    assert!(
        lines.iter().any(|l| l.contains("Three students released")),
        "{lines:?}"
    );
}

#[test]
fn a_state_and_one_of_its_bodies_are_one_actor_but_two_states_conflict() {
    let c = corpus();
    let inputs = inputs(&c);
    let party = |name: &str, entity: &str, country: Option<&str>| Party {
        name: name.into(),
        entity: Some(entity.into()),
        country: country.map(str::to_string),
        person: false,
    };
    let report = |doc: usize, agent: Party| ReportFacts {
        at: ReportRef { doc, mention: 0 },
        doc_id: inputs[doc].doc.id.clone(),
        place: None,
        agents: vec![agent],
        targets: vec![],
    };
    let state = party("Moscow", "russia", None);
    let ministry = party("Russia's foreign ministry", "russian-mfa", Some("russia"));
    let other = party(
        "Georgia's foreign ministry",
        "georgian-mfa",
        Some("georgia"),
    );
    let agents_conflict = |a: Party, b: Party| {
        merge::merge(&inputs, &[report(0, a), report(1, b)])
            .conflicts
            .iter()
            .any(|c| c.field == "agents")
    };
    assert!(!agents_conflict(ministry.clone(), state.clone()));
    assert!(!agents_conflict(state.clone(), ministry.clone()));
    assert!(agents_conflict(ministry, other.clone()));
    assert!(agents_conflict(state, other));
}

#[test]
fn a_dateline_without_a_year_takes_the_year_of_its_story() {
    let names = |text: &str, list: &[&str]| Analysis {
        entities: list
            .iter()
            .map(|n| EntityMention {
                span: span_of(text, n),
                label: "ORG".into(),
                text: (*n).into(),
            })
            .collect(),
        ..Analysis::default()
    };
    let wire = "VELMORA, Dec 30 (Osten Wire) - Police raided the Velmora Courier on Monday.";
    let other = "OSTEMUND, Dec 30 (Osten Wire) - The Ostemund Herald closed on Monday.";
    let paper = "The Velmora Courier said police had searched its newsroom in Velmora.";
    let c = vec![
        (
            doc("w", "Osten Wire", None, wire),
            names(wire, &["Velmora", "Velmora Courier"]),
        ),
        (
            doc("o", "Osten Wire", None, other),
            names(other, &["Ostemund Herald"]),
        ),
        (
            doc("p", "Courier", Some(d(2026, 1, 2)), paper),
            names(paper, &["Velmora Courier", "Velmora"]),
        ),
    ];
    let inputs = inputs(&c);
    // The year that puts 30 December nearest 2 January 2026 is 2025; the other wire story
    // shares no names with any dated document and stays undated.
    assert_eq!(dateline_dates(&inputs), [(0, d(2025, 12, 30))]);
    assert_eq!(
        dateline_month_day("BISHKEK, Jan 15 (Steppe News) - Text."),
        Some((1, 15))
    );
    assert_eq!(
        dateline_month_day("BISHKEK, Jan 15, 2025 (Steppe News) - Text."),
        None
    );
    assert_eq!(
        dateline_month_day("Police said on Jan 15 - at night - that"),
        None
    );
}

#[test]
fn sites_are_told_apart_by_their_own_words() {
    use crate::terms::site_words;
    let court = site_words("the Pervomaisky district court");
    let service = site_words("the GKNB building");
    let building = site_words("the court building");
    let shared = |a: &[u32], b: &[u32]| a.iter().any(|x| b.contains(x));
    assert!(!shared(&court, &service));
    // "building" only says it is one; "court" is what it is.
    assert!(shared(&court, &building));
    // The town that owns a site is not what tells the site apart.
    assert!(!shared(
        &site_words("Velmora's Republic Square"),
        &site_words("Velmora's Castle Hill prison")
    ));
    assert!(site_words("the building").is_empty());
}

#[test]
fn an_outlet_s_figure_for_an_event_is_the_largest_it_gives() {
    let t1 = "Security officers detained 12 opposition activists in Velmora on Monday.";
    let t2 = "Lawyers said 14 activists were detained in Velmora on 3 March. Two of them were detained at home.";
    let spec = |sentence, count| Spec {
        count: Some(count),
        ..Spec::plain(sentence, "detained", EventType::Arrest, &[])
    };
    let a1 = Analysis {
        events: vec![mention(t1, &spec(t1, ("12", 12, 12)))],
        ..Analysis::default()
    };
    let a2 = Analysis {
        events: vec![
            mention(
                t2,
                &spec(
                    "Lawyers said 14 activists were detained in Velmora on 3 March.",
                    ("14", 14, 14),
                ),
            ),
            mention(
                t2,
                &spec("Two of them were detained at home.", ("Two", 2, 2)),
            ),
        ],
        ..Analysis::default()
    };
    let c = vec![
        (doc("a", "Courier", Some(d(2025, 3, 4)), t1), a1),
        (doc("b", "Monitor", Some(d(2025, 3, 4)), t2), a2),
    ];
    let inputs = inputs(&c);
    let report = |doc: usize, mention: usize, id: &str| ReportFacts {
        at: ReportRef { doc, mention },
        doc_id: id.to_string(),
        place: None,
        agents: vec![],
        targets: vec![],
    };
    let merged = merge::merge(
        &inputs,
        &[report(0, 0, "a"), report(1, 0, "b"), report(1, 1, "b")],
    );
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| c.field == "count")
        .expect("count conflict");
    let values: Vec<u64> = conflict
        .values
        .iter()
        .map(|(v, _)| v["min"].as_u64().unwrap())
        .collect();
    // The outlet's "two of them" counts a part of its fourteen, not a rival figure.
    assert_eq!(values, vec![12, 14]);
}

#[test]
fn a_report_that_points_back_is_told_from_one_that_introduces() {
    let cases: [(&str, &str, &[&str], bool); 7] = [
        (
            "Police detained six people on Monday.",
            "detained",
            &["six people"],
            false,
        ),
        ("The arrests were made on Monday.", "arrests", &[], true),
        ("Their detention drew protests.", "detention", &[], true),
        (
            "The six were arrested in raids.",
            "arrested",
            &["The six"],
            true,
        ),
        (
            "The suspects were detained in Belgrade.",
            "detained",
            &["The suspects"],
            true,
        ),
        ("They were detained overnight.", "detained", &["They"], true),
        (
            "Police detained the organisers of the march.",
            "detained",
            &["the organisers"],
            false,
        ),
    ];
    for (text, trigger, targets, expected) in cases {
        let m = mention(
            text,
            &Spec::plain(text, trigger, EventType::Arrest, targets),
        );
        assert_eq!(terms::refers_back(text, &m), expected, "{text}");
    }
}

#[test]
fn words_common_to_the_reports_weigh_less_and_context_reaches_the_neighbours() {
    let sentences = [
        (
            "Police watched as crowds marched to Republic Square on Saturday.",
            "marched",
            EventType::Protest,
        ),
        (
            "Police detained 23 persons there.",
            "detained",
            EventType::Arrest,
        ),
        (
            "Police detained two men in Portesca.",
            "detained",
            EventType::Arrest,
        ),
        (
            "Police detained a driver at the border.",
            "detained",
            EventType::Arrest,
        ),
    ];
    let text = sentences.map(|(s, _, _)| s).join(" ");
    let document = doc("x", "Wire", Some(d(2025, 3, 9)), &text);
    let reports: Vec<EventMention> = sentences
        .iter()
        .map(|(s, trigger, kind)| mention(&text, &Spec::plain(s, trigger, *kind, &[])))
        .collect();
    let analysis = Analysis {
        events: reports.clone(),
        quotes: vec![],
        entities: vec![],
    };
    let input = [Input {
        doc: &document,
        analysis: &analysis,
    }];
    let refs: Vec<ReportRef> = (0..reports.len())
        .map(|mention| ReportRef { doc: 0, mention })
        .collect();
    let vocabulary = terms::Vocabulary::build(&input, &refs);
    let id = |word: &str| {
        let alone = mention(word, &Spec::plain(word, word, EventType::Arrest, &[]));
        let ids = vocabulary.terms_of(word, &alone).ids;
        assert_eq!(ids.len(), 1, "{word}");
        ids[0]
    };
    let own = vocabulary.terms_of(&text, &reports[1]);
    let weight = |word: &str| {
        let at = own.ids.iter().position(|i| *i == id(word)).expect(word);
        own.weights[at]
    };
    // In every report sentence: no weight at all. In one of four: a good deal.
    assert!(weight("police").abs() < 1e-6);
    assert!(weight("persons") > 0.5);
    // The sentences either side bring the crowd and the town into the report's context,
    // but not the report two sentences on.
    let context = vocabulary.context_terms_of(&text, &reports[1]).ids;
    let own = own.ids;
    assert!(!own.contains(&id("crowds")) && context.contains(&id("crowds")));
    assert!(context.contains(&id("Portesca")));
    assert!(!context.contains(&id("driver")));
}

#[test]
fn a_figure_for_a_part_of_the_event_is_no_rival_figure() {
    let t1 = "At least six people were killed in Kaldoria on Tuesday.";
    let t2 = "Three people died in Portesca and two in Velmora.";
    let spec = |text, trigger, count| Spec {
        count: Some(count),
        ..Spec::plain(text, trigger, EventType::Killing, &[])
    };
    let merged_with = |in_part: bool| {
        let mut part = mention(t2, &spec(t2, "died", ("Three", 3, 3)));
        part.killed = Some(3);
        part.figures_in_part = in_part;
        let mut whole = mention(t1, &spec(t1, "killed", ("At least six", 6, 6)));
        whole.killed = Some(6);
        let c = vec![
            (
                doc("a", "Courier", Some(d(2025, 3, 5)), t1),
                Analysis {
                    events: vec![whole],
                    ..Analysis::default()
                },
            ),
            (
                doc("b", "Monitor", Some(d(2025, 3, 5)), t2),
                Analysis {
                    events: vec![part],
                    ..Analysis::default()
                },
            ),
        ];
        let inputs = inputs(&c);
        let report = |doc: usize, id: &str| ReportFacts {
            at: ReportRef { doc, mention: 0 },
            doc_id: id.to_string(),
            place: None,
            agents: vec![],
            targets: vec![],
        };
        let merged = merge::merge(&inputs, &[report(0, "a"), report(1, "b")]);
        let mut fields: Vec<String> = merged
            .conflicts
            .iter()
            .map(|c| c.field.to_string())
            .collect();
        fields.sort();
        fields
    };
    assert_eq!(merged_with(false), vec!["count", "killed"]);
    assert!(merged_with(true).is_empty());
}

#[test]
fn a_dateline_day_outranks_the_day_of_a_linked_event() {
    // The undated report of the 3 March round-up opens with a wire dateline.
    // A dateline of the next day: the year comes from the event, the day from the dateline.
    let c = corpus_with_dateline("VELMORA, Mar 4 (Monitor) - ");
    let next_day = inputs(&c);
    let story = build(&next_day, &NoResolver, &Params::default());
    assert_eq!(
        infer_publication_dates(&next_day, &story),
        vec![(1, d(2025, 3, 4))]
    );
    // A dateline months away: the link is no ground for a date the dateline denies.
    let c = corpus_with_dateline("VELMORA, Jun 24 (Monitor) - ");
    let months_away = inputs(&c);
    let story = build(&months_away, &NoResolver, &Params::default());
    assert_eq!(infer_publication_dates(&months_away, &story), vec![]);
}

#[test]
fn a_dateline_takes_the_year_nearest_any_dated_neighbour() {
    let days: Vec<i64> = [d(2021, 3, 2), d(2021, 6, 18), d(2021, 6, 24)]
        .iter()
        .map(|x| x.day_number())
        .collect();
    // 6 January is 55 days before the first neighbour, though far from their median.
    assert_eq!(nearest_month_day(1, 6, &days), Some(d(2021, 1, 6)));
    assert_eq!(
        nearest_month_day(12, 30, &[d(2026, 1, 2).day_number()]),
        Some(d(2025, 12, 30))
    );
    assert_eq!(nearest_month_day(9, 1, &days), None);
}

#[test]
fn a_plural_common_noun_heads_an_unnamed_group() {
    for group in [
        "members and supporters of his party",
        "protesters",
        "PTI workers",
    ] {
        assert!(is_plural_common_noun(group), "{group}");
    }
    for other in [
        "Asad Umar",
        "PTI",
        "the witness",
        "the bus",
        "him",
        "its photographer",
    ] {
        assert!(!is_plural_common_noun(other), "{other}");
    }
}
