//! Behaviour on invented news sentences, through the real models.

use super::*;
use std::sync::OnceLock;
use storyline_model::event::{EventMention, EventType, Modality};
use storyline_nlp::Annotator;

fn annotator() -> &'static Annotator {
    static A: OnceLock<Annotator> = OnceLock::new();
    A.get_or_init(|| Annotator::bundled().expect("bundled models load"))
}

fn run(text: &str, dct: Option<&str>) -> (String, Extraction) {
    let doc = annotator().annotate(text);
    let dct = dct.and_then(Date::parse_iso);
    let timexes = Extractor::timexes(&doc, dct);
    let x = Extractor::bundled().extract(&doc, &timexes, dct);
    (doc.text, x)
}

/// Asserts that no text reports an event of any of `kinds`.
fn none_of(texts: &[&str], kinds: &[EventType]) {
    for text in texts {
        let (_, x) = run(text, None);
        assert!(
            x.events.iter().all(|e| !kinds.contains(&e.kind)),
            "{text}: {:#?}",
            x.events
        );
    }
}

/// Asserts that every text reports an event of `kind`.
fn each_reports(texts: &[&str], kind: EventType) {
    for text in texts {
        let (_, x) = run(text, None);
        assert!(
            x.events.iter().any(|e| e.kind == kind),
            "{text}: {:#?}",
            x.events
        );
    }
}

/// The first day of the date of the report whose trigger is `word`, with `dct` as the
/// publication date.
fn trigger_date(text: &str, dct: &str, word: &str) -> Option<String> {
    let (doc, x) = run(text, Some(dct));
    x.events
        .iter()
        .find(|e| e.trigger.of(&doc) == word)
        .unwrap_or_else(|| panic!("no {word} in {text}: {:#?}", x.events))
        .date
        .map(|d| d.start.to_string())
}

fn only(x: &Extraction, kind: EventType) -> &EventMention {
    let found: Vec<&EventMention> = x.events.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(found.len(), 1, "one {kind:?} expected in {:#?}", x.events);
    found[0]
}

#[test]
fn arrest_with_count_place_date_agent_and_source() {
    let (text, x) = run(
        "Police in Portesca detained seven men on Monday, the Interior Ministry said.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.trigger.of(&text), "detained");
    let count = e.count.as_ref().expect("a count");
    assert_eq!((count.min, count.max), (Some(7), Some(7)));
    assert_eq!(e.place.as_ref().map(|p| p.text.as_str()), Some("Portesca"));
    let date = e.date.expect("a date");
    assert_eq!(date.start.to_string(), "2025-03-03");
    assert_eq!(date.precision.as_str(), "day");
    assert!(e.agents.iter().any(|a| a.text.starts_with("Police")));
    assert!(e.targets.iter().any(|a| a.text == "seven men"));
    assert_eq!(
        e.attributed_to.as_ref().map(|a| a.text.as_str()),
        Some("the Interior Ministry")
    );
    assert_eq!(e.modality, Modality::Asserted);
    assert_eq!(e.sentence.of(&text), text);
}

#[test]
fn no_date_is_invented() {
    let (_, x) = run("Police detained seven men.", Some("2025-03-05"));
    assert!(only(&x, EventType::Arrest).date.is_none());
}

#[test]
fn casualties_fold_into_the_attack() {
    let (_, x) = run(
        "Gunmen attacked a police station in Velmora, killing two officers and wounding five others.",
        None,
    );
    let e = only(&x, EventType::Attack);
    assert_eq!(e.killed, Some(2));
    assert_eq!(e.injured, Some(5));
    assert!(x.events.iter().all(|e| e.kind != EventType::Killing));
    assert_eq!(e.place.as_ref().map(|p| p.text.as_str()), Some("Velmora"));
}

#[test]
fn vague_counts_keep_open_bounds() {
    let (_, x) = run(
        "More than 300 protesters marched through the capital on Sunday.",
        None,
    );
    let e = only(&x, EventType::Protest);
    let count = e.count.as_ref().expect("a count");
    assert_eq!((count.min, count.max), (Some(301), None));
}

#[test]
fn acquittal_is_a_negated_conviction() {
    let (_, x) = run("The court acquitted the two defendants.", None);
    assert_eq!(only(&x, EventType::Conviction).modality, Modality::Negated);
}

#[test]
fn negation_is_marked_not_dropped() {
    let (_, x) = run("The police did not arrest the organisers.", None);
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Negated);
}

#[test]
fn blacklisting_and_sacking_an_envoy() {
    each_reports(
        &[
            "The bloc blacklisted the morality police in October.",
            "The European Union added 29 more individuals to its sanctions list.",
        ],
        EventType::Sanction,
    );
    each_reports(
        &[
            "The military regime has sacked the country's UN ambassador.",
            "The envoy had been removed from his post.",
        ],
        EventType::Diplomatic,
    );
    none_of(
        &[
            "The minister dismissed the ambassador's claims.",
            "The club sacked its coach after the defeat.",
        ],
        &[EventType::Diplomatic],
    );
}

#[test]
fn wounded_told_without_their_verb_are_counted() {
    let (_, x) = run(
        "At least 13 people were killed and about 100 others wounded, the association said.",
        None,
    );
    assert!(
        x.events
            .iter()
            .any(|e| e.killed == Some(13) && e.injured == Some(100)),
        "{:#?}",
        x.events
    );
}

#[test]
fn counted_others_are_people() {
    let (_, x) = run(
        "Two people were killed. At least 20 others were injured, rescuers said.",
        None,
    );
    assert!(
        x.events.iter().any(|e| e.injured == Some(20)),
        "{:#?}",
        x.events
    );
    none_of(
        &["Two others were damaged in the storm."],
        &[EventType::Attack],
    );
}

#[test]
fn a_patient_no_one_is_a_negation() {
    for text in [
        "Neither man has been formally charged.",
        "No protester was detained.",
    ] {
        let (_, x) = run(text, None);
        let e = x.events.iter().find(|e| e.modality == Modality::Negated);
        assert!(e.is_some(), "{text}: {:?}", x.events);
    }
    let (_, x) = run("The man has been formally charged.", None);
    assert_eq!(only(&x, EventType::Charge).modality, Modality::Asserted);
}

#[test]
fn plots_and_accusations_are_not_facts() {
    let (_, x) = run(
        "The government accused him of plotting to assassinate the president.",
        None,
    );
    assert_eq!(only(&x, EventType::Accusation).modality, Modality::Asserted);
    assert_eq!(only(&x, EventType::Killing).modality, Modality::Planned);
    let (_, x) = run(
        "Prosecutors accused the two men of spying for Kaldoria.",
        None,
    );
    only(&x, EventType::Charge);
    let (_, x) = run("The minister was allegedly arrested in the capital.", None);
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Alleged);
}

#[test]
fn a_denial_disputes_the_claim() {
    let (_, x) = run(
        "Calvena accused Kaldoria of running a spy network. Kaldoria denied the accusation.",
        None,
    );
    let e = x
        .events
        .iter()
        .find(|e| e.kind == EventType::Accusation)
        .expect("an accusation");
    assert_eq!(e.modality, Modality::Disputed);
}

#[test]
fn diplomatic_senses_depend_on_the_object() {
    let (_, x) = run("Kaldoria recalled its ambassador from Calvena.", None);
    only(&x, EventType::Diplomatic);
    let (_, x) = run("The carmaker recalled 40,000 cars.", None);
    assert!(x.events.is_empty(), "{:?}", x.events);
}

#[test]
fn markets_rally_and_companies_sell_arms_of_their_own() {
    // Weapons are "arms"; a firm's "arm" is a division of it.
    none_of(
        &["The state sold the company's main production arm to a rival."],
        &[EventType::ArmsTransfer],
    );
    each_reports(
        &["The government sold arms to the rebels."],
        EventType::ArmsTransfer,
    );
    // A rally of prices is no gathering of people.
    none_of(
        &[
            "Strong demand triggered an oil rally on Thursday.",
            "Oil prices rallied on Thursday after the report.",
            "The fresh rally in crude prices followed gains on Wednesday.",
        ],
        &[EventType::Protest],
    );
    each_reports(
        &[
            "Thousands of opposition supporters rallied in the capital on Thursday.",
            "Thousands attended a rally in the capital on Thursday.",
        ],
        EventType::Protest,
    );
}

#[test]
fn we_and_i_in_a_quote_are_its_speaker() {
    let (text, x) = run(
        "\"We detained twelve men on Monday,\" the police chief told reporters.",
        None,
    );
    let arrest = only(&x, EventType::Arrest);
    let agents: Vec<&str> = arrest.agents.iter().map(|a| a.span.of(&text)).collect();
    assert_eq!(agents, ["the police chief"]);
    // "him" in a quote is not the one quoted; "them" acted on is not the body named before.
    let (text, x) = run(
        "His lawyer Ana Voss said: \"Officials colluded in effectively kidnapping him.\" Marek Stan told the Velmora Courier he was shocked that the authorities felt the need to detain them.",
        None,
    );
    for e in &x.events {
        for t in &e.targets {
            let t = t.span.of(&text);
            assert!(
                !["Ana Voss", "His lawyer Ana Voss", "the Velmora Courier"].contains(&t),
                "{t}"
            );
        }
    }
    // Outside a quote "we" stays what it is.
    let (text, x) = run("We detained twelve men on Monday.", None);
    let arrest = only(&x, EventType::Arrest);
    let agents: Vec<&str> = arrest.agents.iter().map(|a| a.span.of(&text)).collect();
    assert_eq!(agents, ["We"]);
}

#[test]
fn a_pronoun_inside_a_quote_is_no_source() {
    let (_, x) = run(
        "Asked how he felt about the attack, the minister replied, \"I believe it was justified.\"",
        None,
    );
    let attack = only(&x, EventType::Attack);
    assert!(
        attack
            .attributed_to
            .as_ref()
            .is_none_or(|s| !s.text.eq_ignore_ascii_case("i")),
        "{attack:#?}"
    );
}

#[test]
fn a_name_hyphened_to_a_participle_is_no_place() {
    let (_, x) = run(
        "Gunboats fired a missile at a U.S.-flagged tanker off the coast on Friday.",
        None,
    );
    let attack = only(&x, EventType::Attack);
    assert!(attack.place.is_none(), "{:?}", attack.place);
    let (text, x) = run(
        "Gunboats fired a missile at a tanker in Portesca on Friday.",
        None,
    );
    let attack = only(&x, EventType::Attack);
    assert_eq!(
        attack.place.as_ref().map(|p| p.span.of(&text)),
        Some("Portesca")
    );
}

#[test]
fn an_attack_named_with_its_own_date_keeps_it_beside_another() {
    for text in [
        // The date on the noun itself, under a verb with a date of its own.
        "The United States said its forces destroyed the platform on Monday in retaliation for an Iranian missile attack on a tanker last Friday.",
        // The date right after the noun's phrase, hung on the verb by the parser.
        "Its forces destroyed the platform on Monday in retaliation for an Iranian attack on a ship last Friday.",
    ] {
        let (text_, x) = run(text, Some("1987-10-19"));
        let attack = only(&x, EventType::Attack);
        let date = attack.date.as_ref().expect("a date");
        assert_eq!(date.span.of(&text_), "last Friday", "{text}");
    }
}

#[test]
fn what_a_clause_answers_came_before_it_and_takes_not_its_date() {
    for text in [
        "On Monday the navy shelled the platform in retaliation for an attack on a tanker.",
        "The navy shelled the platform on Monday after an earlier attack on a tanker.",
    ] {
        let (text_, x) = run(text, Some("1987-10-19"));
        let attack = x
            .events
            .iter()
            .find(|e| e.trigger.of(&text_) == "attack")
            .expect("the attack");
        assert!(attack.date.is_none(), "{text}: {:?}", attack.date);
    }
    // A verb marked as earlier shares no date with the act coordinated with it.
    let text = "Two other men were earlier charged with espionage and a third was charged yesterday with lying.";
    let (_, x) = run(text, Some("1987-04-08"));
    let dated: Vec<bool> = x
        .events
        .iter()
        .filter(|e| e.kind == EventType::Charge)
        .map(|e| e.date.is_some())
        .collect();
    assert_eq!(dated, [false, true], "{:#?}", x.events);
    // "a day earlier" is a date, not a mark that the act came before the clause.
    let (text_, x) = run(
        "Sarnia on Wednesday expelled a Belovian diplomat in retaliation for Belovia's expulsion of a Sarnian embassy official a day earlier.",
        Some("2025-03-06"),
    );
    let dates: Vec<&str> = x
        .events
        .iter()
        .filter_map(|e| e.date.as_ref().map(|d| d.span.of(&text_)))
        .collect();
    assert_eq!(dates, ["Wednesday", "a day earlier"], "{:#?}", x.events);
    // A date of its own it keeps.
    let (text_, x) = run(
        "On Monday the navy shelled the platform in retaliation for an attack on a tanker last Friday.",
        Some("1987-10-19"),
    );
    let attack = x
        .events
        .iter()
        .find(|e| e.trigger.of(&text_) == "attack")
        .expect("the attack");
    assert_eq!(
        attack.date.as_ref().map(|d| d.span.of(&text_)),
        Some("last Friday")
    );
}

#[test]
fn jailed_for_questioning_is_held_not_sentenced() {
    none_of(
        &[
            "The guard was arrested on Monday and jailed for questioning on suspicion of espionage.",
            "The two men were jailed pending trial.",
        ],
        &[EventType::Conviction],
    );
    each_reports(
        &["The court jailed the two men for five years."],
        EventType::Conviction,
    );
}

#[test]
fn custody_of_children_and_detention_centres_are_no_arrest() {
    none_of(
        &[
            "Parents with custody could exploit delays in the system.",
            "Sex, betrayal and custody of children are all there in this affair.",
            "Deaths in prisons, police cells and detention centres must be investigated.",
        ],
        &[EventType::Arrest],
    );
    each_reports(
        &[
            "The two men remained in police custody on Tuesday.",
            "The detention of the two journalists drew criticism.",
        ],
        EventType::Arrest,
    );
}

#[test]
fn albums_statistics_and_bail_outs_are_no_release() {
    none_of(
        &[
            "The film was expected to be released in December.",
            "Statistics released last week showed that stockpiles had risen.",
            "The carrier avoided bankruptcy only through a $4.5bn bail-out.",
        ],
        &[EventType::Release],
    );
    each_reports(
        &[
            "The court released the two journalists on Monday.",
            "He is out on bail.",
        ],
        EventType::Release,
    );
}

#[test]
fn words_attacked_are_criticised_not_assaulted() {
    none_of(
        &[
            "Liberal Democrat leader Charles Kennedy attacked Mr Brown for failing to mention the environment.",
            "Labour and the Tories have attacked his policies as unworkable.",
            "He also attacked the government's failure to control immigration.",
        ],
        &[EventType::Attack],
    );
    each_reports(
        &[
            "Gunmen attacked a police station in the north on Monday.",
            "Militants attacked the convoy as it left the town.",
        ],
        EventType::Attack,
    );
}

#[test]
fn the_sports_pages_beat_and_rally_without_hurting_anyone() {
    none_of(
        &[
            "Martinez beat Shinobu Asagoe 6-4 6-4 in the second round.",
            "France fought back to beat England 18-17 in the Six Nations clash at Twickenham.",
            "Roddick rallied to a 3-6 7-6 7-5 win over Enqvist.",
            "Holmes stormed to double Olympic gold in Athens.",
            "Simon Taylor has been named in the squad for Saturday's Six Nations clash with Italy.",
            "He coolly beat the goalkeeper Ryan Esson from 18 yards.",
            // A dispute, not a fight.
            "The two neighbours have also clashed over the award of a port concession.",
        ],
        &[EventType::Attack, EventType::Protest],
    );
    each_reports(
        &[
            "Police beat three protesters with batons outside the court.",
            "Masked men beat two journalists outside their office.",
            "Riot police stormed the building on Monday.",
            "Protesters clashed with police in the capital.",
        ],
        EventType::Attack,
    );
}

#[test]
fn a_strike_that_is_launched_or_ordered_is_an_attack() {
    let launched = [
        "Reagan said he ordered the strike on the first platform.",
        "The navy launched a strike against the oil rigs on Monday.",
    ];
    each_reports(&launched, EventType::Attack);
    none_of(&launched, &[EventType::Protest]);
    each_reports(
        &["Dock workers began a strike over pay on Monday."],
        EventType::Protest,
    );
}

#[test]
fn a_protest_by_diplomatic_means_is_no_street_protest() {
    // The purpose of a summoning is not an event of its own.
    let (text, x) = run(
        "The foreign ministry of Sarnia summoned the ambassador of Belovia on Tuesday to protest over the shelling of a border post.",
        None,
    );
    let summoning = only(&x, EventType::Diplomatic);
    assert_eq!(summoning.trigger.of(&text), "summoned");
    assert!(
        x.events.iter().all(|e| e.kind != EventType::Protest),
        "{:#?}",
        x.events
    );
    // A protest lodged with an embassy is a diplomatic step.
    let (_, x) = run(
        "Sarnia lodged a formal protest with the Belovian embassy.",
        None,
    );
    only(&x, EventType::Diplomatic);
    // People who gather to protest do protest.
    let (_, x) = run(
        "Thousands of people gathered in the capital to protest against the shelling.",
        None,
    );
    assert!(
        x.events.iter().any(|e| e.kind == EventType::Protest),
        "{:#?}",
        x.events
    );
    assert!(x.events.iter().all(|e| e.kind != EventType::Diplomatic));
}

#[test]
fn a_fronted_date_frames_the_main_clause() {
    let (text, x) = run(
        "In July, police detained three men who were accused of planning an arson attack.",
        Some("2025-09-16"),
    );
    let arrest = only(&x, EventType::Arrest);
    let date = arrest.date.as_ref().expect("dated");
    assert_eq!(date.span.of(&text), "July");
    assert_eq!(date.start, Date::parse_iso("2025-07-01").unwrap());
    // Only the main clause: the relative clause's accusation is not dated by it.
    let accusation = only(&x, EventType::Accusation);
    assert!(accusation.date.is_none(), "{accusation:?}");
}

#[test]
fn a_pronoun_goes_on_with_the_scene_the_sentence_before_dated() {
    let scene = "Earlier on Thursday, hundreds of people who had rallied outside the parliament \
                 moved on to the headquarters of the ruling party.";
    let dct = "2023-07-28";
    // The next sentence goes on with the crowd: it happened on that Thursday.
    let text = format!("{scene} They threw stones at the building, a witness said.");
    assert_eq!(
        trigger_date(&text, dct, "threw").as_deref(),
        Some("2023-07-27")
    );
    // Told as background (past perfect), with a subject of its own, or with a date of its
    // own, it keeps what it says.
    let earlier = format!("{scene} They had thrown stones at the building, a witness said.");
    assert_eq!(trigger_date(&earlier, dct, "thrown"), None);
    let others = format!("{scene} Police threw stones at the building, a witness said.");
    assert_eq!(trigger_date(&others, dct, "threw"), None);
    let own = format!("{scene} They threw stones at the building on Friday, a witness said.");
    assert_eq!(
        trigger_date(&own, dct, "threw").as_deref(),
        Some("2023-07-28")
    );
    // A date of a clause below the main one is no scene.
    let told = "The party said on Friday that its headquarters had been attacked on Thursday. \
                They threw stones at the building, a witness said.";
    assert_eq!(trigger_date(told, dct, "threw"), None);
}

#[test]
fn a_second_conjunct_shares_a_date_the_parser_hung_inside_the_first() {
    let (_, x) = run(
        "Police raided dozens of homes across the country on Monday and detained 11 people.",
        Some("2025-09-17"),
    );
    let arrest = only(&x, EventType::Arrest);
    assert_eq!(
        arrest.date.as_ref().map(|d| d.start),
        Date::parse_iso("2025-09-15")
    );
    assert_eq!(arrest.count.as_ref().and_then(|c| c.min), Some(11));
    // The homes raided are no people.
    let (_, x) = run(
        "Police raided dozens of homes across the country on Monday.",
        Some("2025-09-17"),
    );
    let raid = only(&x, EventType::Raid);
    assert!(raid.count.is_none(), "{raid:?}");
}

#[test]
fn a_partitive_number_does_not_count_the_people_a_participle_describes() {
    let (_, x) = run(
        "A court ordered seven of the people detained in Monday's raids to be held in custody.",
        Some("2025-09-19"),
    );
    let detained = x
        .events
        .iter()
        .find(|e| e.kind == EventType::Arrest && e.count.is_none())
        .map(|e| e.date.is_some());
    assert_eq!(detained, Some(true), "{:#?}", x.events);
    // A number inside the described group still counts it.
    let (_, x) = run(
        "Police released nine of the 14 people detained on Monday.",
        None,
    );
    let arrest = only(&x, EventType::Arrest);
    assert_eq!(arrest.count.as_ref().and_then(|c| c.min), Some(14));
}

#[test]
fn a_means_clause_takes_the_act_s_date_and_doer() {
    let (text, x) = run(
        "The foreign ministry responded on Wednesday by summoning the ambassador.",
        Some("2025-09-19"),
    );
    let summoning = only(&x, EventType::Diplomatic);
    assert_eq!(
        summoning.date.as_ref().map(|d| d.start),
        Date::parse_iso("2025-09-17")
    );
    let agents: Vec<&str> = summoning.agents.iter().map(|a| a.span.of(&text)).collect();
    assert_eq!(agents, ["The foreign ministry"]);
}

#[test]
fn an_event_said_to_be_likely_to_occur_is_planned() {
    let (_, x) = run("The minister said more arrests could follow.", None);
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Planned);
    let (_, x) = run("The arrests followed a raid on the office.", None);
    let arrests: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.kind == EventType::Arrest)
        .collect();
    assert!(
        arrests.iter().all(|e| e.modality == Modality::Asserted),
        "{arrests:#?}"
    );
}

#[test]
fn casualties_of_coordinated_verbs_and_of_a_clause_the_parser_folded_into_a_noun() {
    // "wounded" is read as an adjective of "six others" by the tagger; the
    // number after it shows it is a verb with an object.
    let (_, x) = run(
        "Gunmen killed four soldiers and wounded six others in an attack on an army checkpoint.",
        None,
    );
    let attack = only(&x, EventType::Attack);
    assert_eq!((attack.killed, attack.injured), (Some(4), Some(6)));
    // The attackers are the men who stormed, not the phrase the parser built.
    let (text, x) = run(
        "Five soldiers were killed and at least eight wounded when armed men stormed a checkpoint.",
        None,
    );
    let attack = only(&x, EventType::Attack);
    let agents: Vec<&str> = attack.agents.iter().map(|a| a.span.of(&text)).collect();
    assert_eq!(agents, ["armed men"]);
    assert_eq!((attack.killed, attack.injured), (Some(5), Some(8)));
}

#[test]
fn who_repels_an_attack_is_not_its_attacker_and_several_is_no_figure() {
    let (text, x) = run(
        "Troops repelled the assault and killed several of the gunmen.",
        None,
    );
    let assault = x
        .events
        .iter()
        .find(|e| e.trigger.of(&text) == "assault")
        .expect("the assault");
    assert!(assault.agents.is_empty(), "{assault:?}");
    assert_eq!(assault.killed, None);
}

#[test]
fn nominal_triggers_take_of_phrases_and_announcers() {
    let (_, x) = run(
        "The ministry announced the detention of 12 activists in Portesca.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(12));
    assert_eq!(
        e.attributed_to.as_ref().map(|a| a.text.as_str()),
        Some("The ministry")
    );
}

#[test]
fn quotes_have_speakers() {
    let (text, x) = run(
        "“We will appeal this verdict in every court,” her lawyer Elias Fenn told reporters.",
        None,
    );
    assert_eq!(x.quotes.len(), 1);
    let q = &x.quotes[0];
    assert!(q.span.of(&text).starts_with("We will appeal"));
    let speaker = q.speaker.as_ref().expect("a speaker");
    assert!(speaker.text.contains("Fenn"), "{}", speaker.text);
}

#[test]
fn unparsed_sentences_yield_nothing() {
    let doc = annotator().annotate_with("Police detained seven men.", &|_| false);
    let x = Extractor::bundled().extract(&doc, &[], None);
    assert!(x.events.is_empty());
}

#[test]
fn a_dateline_does_not_swallow_the_sentence() {
    let (text, x) = run(
        "BRENHOLT, June 3 (Meridian) - Police detained the opposition leader Ilse Varga on Monday.",
        Some("2025-06-03"),
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.trigger.of(&text), "detained");
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(1));
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-06-02");
    assert!(
        e.agents.iter().any(|a| a.text == "Police"),
        "{:?}",
        e.agents
    );
    assert!(!e
        .agents
        .iter()
        .chain(&e.targets)
        .any(|a| a.text.contains("BRENHOLT")));
    // A town in capitals alone before the dash is a dateline too.
    let (_, x) = run(
        "NEW BRENHOLT - Kaldorian police detained the opposition leader Ilse Varga on Monday.",
        Some("2025-06-03"),
    );
    let e = only(&x, EventType::Arrest);
    let agents: Vec<&str> = e.agents.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(agents, ["Kaldorian police"]);
}

#[test]
fn a_clause_placed_days_before_takes_its_own_date() {
    let (text, x) = run(
        "Norland closed its embassy in Tarvik on Monday, two days after Estmark recalled its ambassador.",
        Some("2025-09-10"),
    );
    let dated = |word: &str| {
        x.events
            .iter()
            .find(|e| e.trigger.of(&text) == word)
            .and_then(|e| e.date)
            .map(|d| d.start.to_string())
    };
    assert_eq!(dated("closed").as_deref(), Some("2025-09-08"));
    assert_eq!(dated("recalled").as_deref(), Some("2025-09-06"));
    // The other way round: the clause the distance leads from takes the later day.
    let (text, x) = run(
        "The rallies came a day after protesters stormed the embassy in Tarvik on Thursday.",
        Some("2025-09-13"),
    );
    let rallies = x
        .events
        .iter()
        .find(|e| e.trigger.of(&text) == "rallies")
        .and_then(|e| e.date)
        .map(|d| d.start.to_string());
    assert_eq!(rallies.as_deref(), Some("2025-09-12"), "{x:#?}");
}

#[test]
fn a_date_written_before_another_noun_is_that_noun_s_unless_it_is_the_setting() {
    let date_of = |text: &str, word: &str| trigger_date(text, "2025-09-15", word);
    // Friday dates the burning, not the march that followed it.
    assert_eq!(
        date_of(
            "The march in Tarvik followed last Friday's burning of a flag outside the embassy.",
            "march"
        ),
        None
    );
    // A year written before another noun names that thing.
    assert_eq!(
        date_of(
            "Velmora expelled the Kaldorian ambassador over remarks about Kaldoria's 2023 \
             election.",
            "expelled"
        ),
        None
    );
    // The raids are where the detentions happened.
    assert_eq!(
        date_of(
            "A court ordered seven of the people detained in Monday's raids to be held in custody.",
            "detained"
        )
        .as_deref(),
        Some("2025-09-15")
    );
}

#[test]
fn an_ongoing_state_runs_to_the_time_of_writing() {
    let (_, x) = run(
        "The activist has been on hunger strike since 2 April.",
        Some("2025-04-20"),
    );
    let e = only(&x, EventType::HungerStrike);
    let d = e.date.expect("a date");
    assert_eq!(
        (d.start.to_string(), d.end.to_string()),
        ("2025-04-02".to_owned(), "2025-04-20".to_owned())
    );
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(1));
}

#[test]
fn an_institution_speaking_is_a_statement_unless_it_reports_an_event() {
    let (_, x) = run(
        "The foreign ministry said the talks would focus on trade and transport.",
        None,
    );
    assert_eq!(
        only(&x, EventType::Statement).agents[0].text,
        "The foreign ministry"
    );
    let (_, x) = run("The ministry said twelve people were detained.", None);
    assert!(x.events.iter().all(|e| e.kind != EventType::Statement));
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(12));
    let (_, x) = run("Her neighbour said the family was asleep.", None);
    assert!(x.events.is_empty(), "{:?}", x.events);
}

#[test]
fn roles_come_from_titles_and_controlled_subjects() {
    let (_, x) = run(
        "Ambassador Hedda Lund is expected to leave the capital on Sunday.",
        None,
    );
    only(&x, EventType::Diplomatic);
    let (_, x) = run(
        "The consulate is due to close at the end of the month.",
        None,
    );
    only(&x, EventType::Diplomatic);
}

#[test]
fn rival_figures_joined_by_or_make_a_range() {
    let (_, x) = run(
        "The defendants were among 12 people, or 14 according to lawyers, held by the bureau.",
        None,
    );
    let c = only(&x, EventType::Arrest).count.clone().expect("a count");
    assert_eq!((c.min, c.max), (Some(12), Some(14)));
}

#[test]
fn an_injury_with_no_other_event_is_an_attack_with_one_injured() {
    let (_, x) = run(
        "A police officer guarding the building was injured by a thrown stone.",
        None,
    );
    assert_eq!(only(&x, EventType::Attack).injured, Some(1));
    let (_, x) = run("A police officer was injured in a car crash.", None);
    assert!(x.events.is_empty(), "{:?}", x.events);
}

#[test]
fn an_injury_told_as_a_state_is_an_attack_on_those_hurt() {
    // The tagger reads "were injured" before a second clause as a predicate adjective.
    let text = "Organisers said nearly 400 students were injured; many were treated at a hospital.";
    let (doc, x) = run(text, None);
    let e = only(&x, EventType::Attack);
    assert_eq!(e.injured, Some(400), "{e:?}");
    assert!(e.agents.is_empty(), "{e:?}");
    assert!(
        e.targets
            .iter()
            .any(|t| t.span.of(&doc).contains("students")),
        "{e:?}"
    );
    let (_, x) = run(
        "Two guards were injured in a car crash; both were treated at a hospital.",
        None,
    );
    assert!(x.events.is_empty(), "{:?}", x.events);
}

#[test]
fn they_who_act_go_on_with_the_group_before_them_not_a_lone_witness() {
    let (doc, x) = run(
        "Hundreds of protesters marched to the party's offices. They threw stones at the \
         building, a witness said.",
        None,
    );
    let e = only(&x, EventType::Attack);
    let agents: Vec<&str> = e.agents.iter().map(|a| a.span.of(&doc)).collect();
    assert!(
        agents.iter().any(|a| a.contains("protesters")),
        "{agents:?}"
    );
    assert!(!agents.iter().any(|a| a.contains("witness")), "{agents:?}");
}

#[test]
fn stoning_and_pelting_are_attacks() {
    each_reports(
        &[
            "Young supporters of the coup stoned the party's headquarters.",
            "Youths pelted the police with rocks.",
        ],
        EventType::Attack,
    );
}

#[test]
fn a_hedged_casualty_figure_is_the_number_it_names() {
    let injured = |text: &str| {
        let (_, x) = run(text, None);
        only(&x, EventType::Attack).injured
    };
    assert_eq!(
        injured("About 200 people were wounded when troops fired on the crowd."),
        Some(200)
    );
    assert_eq!(
        injured("Almost 90 people were wounded when troops fired on the crowd."),
        Some(90)
    );
    // No single figure: a vague amount, or two bounds.
    assert_eq!(
        injured("Dozens of people were wounded when troops fired on the crowd."),
        None
    );
}

#[test]
fn coordinated_verbs_share_a_date_written_before_them() {
    let (text, x) = run(
        "In the early hours of 9 June, soldiers surrounded the village and arrested fifteen farmers.",
        Some("2025-06-12"),
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.trigger.of(&text), "arrested");
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-06-09");
}

#[test]
fn a_collective_noun_counts_its_members() {
    let (_, x) = run(
        "A group of about forty students marched to the parliament.",
        Some("2025-06-12"),
    );
    let count = only(&x, EventType::Protest).count.clone().expect("a count");
    assert!(
        count.min.is_some_and(|m| (30..40).contains(&m)),
        "{count:?}"
    );
    assert!(
        count.max.is_some_and(|m| (40..50).contains(&m)),
        "{count:?}"
    );
}

#[test]
fn a_reported_subject_pronoun_is_the_reporter() {
    let (_, x) = run(
        "Norland summoned the envoy of Estria and said it would close its embassy in Tarvik.",
        Some("2025-06-12"),
    );
    let closing = x
        .events
        .iter()
        .find(|e| e.kind == EventType::Diplomatic && e.modality == Modality::Planned)
        .expect("a planned closure");
    assert_eq!(
        closing.agents.first().map(|a| a.text.as_str()),
        Some("Norland")
    );
}

#[test]
fn a_stretch_of_time_is_no_participant() {
    let (_, x) = run(
        "The court convicted the two men a week after the police arrested them.",
        Some("2025-06-12"),
    );
    for e in &x.events {
        for a in e.agents.iter().chain(&e.targets) {
            assert!(!a.text.contains("week"), "{a:?} in {e:?}");
        }
    }
}

#[test]
fn a_perfect_told_on_a_day_happened_by_that_day() {
    let (_, x) = run(
        "The jailed blogger has begun a hunger strike, his sister told reporters on Friday.",
        Some("2025-06-16"),
    );
    let e = only(&x, EventType::HungerStrike);
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-06-13");
    // A past perfect is earlier than the telling: no date.
    let (_, x) = run(
        "The jailed blogger had begun a hunger strike, his sister told reporters on Friday.",
        Some("2025-06-16"),
    );
    assert!(only(&x, EventType::HungerStrike).date.is_none());
}

#[test]
fn neither_negates_the_event() {
    let (_, x) = run(
        "Two editors were questioned by prosecutors on Monday, although neither was arrested.",
        Some("2025-06-16"),
    );
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Negated);
}

#[test]
fn a_closed_building_is_the_target_and_gives_the_place() {
    let (text, x) = run(
        "The Estrian embassy in Tarvik is due to close next week.",
        Some("2025-06-16"),
    );
    let e = only(&x, EventType::Diplomatic);
    assert!(e.agents.is_empty(), "{:?}", e.agents);
    assert!(e.targets.iter().any(|t| t.text.ends_with("embassy")));
    assert_eq!(e.place.as_ref().map(|p| p.text.as_str()), Some("Tarvik"));
    assert_eq!(e.trigger.of(&text), "close");
}

#[test]
fn a_demand_is_said_not_done() {
    let (_, x) = run(
        "The Estrian foreign ministry said the authorities must release the detained reporters.",
        Some("2025-06-16"),
    );
    assert!(
        x.events.iter().any(|e| e.kind == EventType::Statement),
        "{:#?}",
        x.events
    );
    // What was done, not demanded, leaves the saying as its attribution.
    let (_, x) = run(
        "The Estrian foreign ministry said the authorities released the detained reporters.",
        Some("2025-06-16"),
    );
    assert!(!x.events.iter().any(|e| e.kind == EventType::Statement));
}

#[test]
fn years_given_are_a_sentence_for_the_one_given_them() {
    let (_, x) = run("The court gave the former mayor nine years.", None);
    let e = only(&x, EventType::Conviction);
    assert!(
        e.targets.iter().any(|t| t.text == "the former mayor"),
        "{e:?}"
    );
    let (text, x) = run("The blogger had been given six years.", None);
    assert_eq!(only(&x, EventType::Conviction).trigger.of(&text), "given");
}

#[test]
fn who_records_or_condemns_an_act_is_not_its_agent() {
    for text in [
        "Lanterna researchers documented 31 detentions at the rally.",
        "The United Nations condemned the detentions in Velmora.",
    ] {
        let (_, x) = run(text, Some("2025-03-16"));
        let e = only(&x, EventType::Arrest);
        assert!(e.agents.is_empty(), "{text}: {:?}", e.agents);
    }
    // A verb that carries the act out still gives it its agent.
    let (_, x) = run(
        "Security forces carried out arrests in Portesca.",
        Some("2025-03-16"),
    );
    let e = only(&x, EventType::Arrest);
    assert!(e.agents.iter().any(|a| a.text == "Security forces"));
}

#[test]
fn who_was_at_a_rally_counts_its_crowd() {
    // The crowd of an adjective predicate, through a noun that frames the rally.
    let (_, x) = run(
        "Between 2,000 and 2,500 people were present at the height of the rally in Tarnow.",
        None,
    );
    let count = only(&x, EventType::Protest).count.clone().expect("a count");
    assert_eq!((count.min, count.max), (Some(2000), Some(2500)));
    // The actor of another act at the rally is not a protester.
    let (_, x) = run(
        "Riot police detained eleven students at a rally in Tarnow.",
        None,
    );
    let e = only(&x, EventType::Protest);
    assert!(e.agents.is_empty(), "{:?}", e.agents);
    assert!(e.count.is_none(), "{:?}", e.count);
    // While one who joins it is.
    let (_, x) = run("About 40 teachers took part in the rally in Tarnow.", None);
    let e = only(&x, EventType::Protest);
    assert!(e.agents.iter().any(|a| a.text.ends_with("teachers")));
}

#[test]
fn a_noun_naming_a_plan_is_not_its_agent() {
    let (_, x) = run(
        "The judge turned down requests from the lawyers to release the students.",
        None,
    );
    let e = only(&x, EventType::Release);
    assert!(e.agents.is_empty(), "{:?}", e.agents);
    // A participle's noun still is: the soldiers do the arresting.
    let (_, x) = run(
        "Soldiers arresting two students were filmed on Monday.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    assert!(
        e.agents.iter().any(|a| a.text == "Soldiers"),
        "{:?}",
        e.agents
    );
}

#[test]
fn what_a_plan_takes_as_given_is_still_a_fact() {
    // The detention is told as the background of the call, not planned.
    let (_, x) = run(
        "The movement called for new rallies after last week's protest in Velmora, \
         where police detained 23 people.",
        Some("2025-03-20"),
    );
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Asserted);
    // While what is called for stays a plan.
    let (_, x) = run(
        "The movement called for the detention of the officers.",
        Some("2025-03-20"),
    );
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Planned);
}

#[test]
fn an_act_refused_did_not_happen() {
    for text in [
        "The judge refused to release Kovel.",
        "The court rejected a defence request to release the defendant to house arrest.",
        "The court rejected motions by the defence to release the defendants.",
    ] {
        let (_, x) = run(text, Some("2025-04-30"));
        assert_eq!(
            only(&x, EventType::Release).modality,
            Modality::Negated,
            "{text}"
        );
    }
    // Asked for but not yet answered: a plan, not a fact.
    let (_, x) = run(
        "The defence filed a request to release the defendant.",
        Some("2025-04-30"),
    );
    assert_eq!(only(&x, EventType::Release).modality, Modality::Planned);
}

#[test]
fn any_happening_of_a_kind_is_not_one_that_happened() {
    for (text, kind) in [
        (
            "The presidency said any attack on its nationals would draw an immediate response.",
            EventType::Attack,
        ),
        (
            "Treason charges raise the stakes before any negotiation, an analyst said.",
            EventType::Meeting,
        ),
    ] {
        let (_, x) = run(text, Some("2025-04-30"));
        let found: Vec<_> = x.events.iter().filter(|e| e.kind == kind).collect();
        assert!(!found.is_empty(), "{text}: {:#?}", x.events);
        assert!(
            found.iter().all(|e| e.modality == Modality::Planned),
            "{text}: {found:#?}"
        );
    }
    // A determiner that picks one happening keeps it a report.
    let (_, x) = run(
        "The presidency condemned the attack on its embassy.",
        Some("2025-04-30"),
    );
    assert_eq!(only(&x, EventType::Attack).modality, Modality::Asserted);
}

#[test]
fn a_timeline_entry_dates_its_happenings() {
    let text = "Incidents we documented:\n\n\
                - 16 August – 17 soldiers were killed in an ambush near Koutougou.\n\n\
                - 19 August – An ECOWAS delegation met the president in Niamey.";
    let (_, x) = run(text, Some("2023-08-22"));
    let start = |kind: EventType| {
        x.events
            .iter()
            .find(|e| e.kind == kind)
            .and_then(|e| e.date.as_ref())
            .map(|d| d.start.to_string())
    };
    assert_eq!(
        start(EventType::Attack).as_deref(),
        Some("2023-08-16"),
        "{x:#?}"
    );
    assert_eq!(
        start(EventType::Meeting).as_deref(),
        Some("2023-08-19"),
        "{x:#?}"
    );
    // A wire dateline is the day of the telling, not of what is told.
    let (_, x) = run(
        "NIAMEY, Aug 16 (Sahel Wire) - Soldiers were killed in an ambush near Koutougou.",
        Some("2023-08-22"),
    );
    assert!(only(&x, EventType::Attack).date.is_none(), "{x:#?}");
}

#[test]
fn a_person_keeps_the_role_the_text_gave_them_before() {
    let kind_of = |text: &str, trigger: &str| {
        let (doc, x) = run(text, Some("2025-04-08"));
        x.events
            .iter()
            .find(|e| e.trigger.of(&doc) == trigger)
            .map(|e| e.kind)
            .unwrap_or_else(|| panic!("{text}: {:#?}", x.events))
    };
    // Named with her title in one sentence, by her surname alone in the next.
    assert_eq!(
        kind_of(
            "Among those on board was ambassador Irena Valdis. Velmora responded by \
             expelling Valdis.",
            "expelling"
        ),
        EventType::Diplomatic
    );
    // An activist sent out of the country is deported, not a diplomat.
    assert_eq!(
        kind_of(
            "Police arrested the activist Jana Kovel on Monday. The authorities later \
             expelled Kovel to Ostemund.",
            "expelled"
        ),
        EventType::Deportation
    );
}

#[test]
fn a_participle_telling_how_a_protest_went_is_that_protest() {
    let (doc, x) = run(
        "Thousands of supporters rallied on Friday near the base, chanting slogans against \
         the government.",
        Some("2025-04-14"),
    );
    let protests: Vec<&str> = x
        .events
        .iter()
        .filter(|e| e.kind == EventType::Protest)
        .map(|e| e.trigger.of(&doc))
        .collect();
    assert_eq!(protests, vec!["rallied"], "{x:#?}");
    // Chanting on its own is a protest.
    each_reports(
        &["Hundreds of students chanted slogans outside the ministry on Monday."],
        EventType::Protest,
    );
}

#[test]
fn a_bare_noun_names_again_what_its_word_told_before() {
    let kinds = |text: &str| {
        let (doc, x) = run(text, Some("2025-04-08"));
        x.events
            .iter()
            .filter(|e| e.trigger.of(&doc).starts_with("expul"))
            .map(|e| e.kind)
            .collect::<Vec<_>>()
    };
    // Told as a diplomat's expulsion first, the bare "expulsion" is that act again.
    assert_eq!(
        kinds(
            "Velmora expelled the Kaldorian ambassador on Thursday. Diplomats said the \
             expulsion was unusually swift."
        ),
        vec![EventType::Diplomatic]
    );
    // Told by another word whose patient is a diplomat, it is that act again.
    assert_eq!(
        kinds(
            "Velmora ordered the Kaldorian ambassador to leave the country on Thursday. \
             Diplomats said the expulsion was unusually swift."
        ),
        vec![EventType::Diplomatic]
    );
    // Told of migrants first, it stays a deportation.
    assert_eq!(
        kinds(
            "Velmora expelled forty migrants on Thursday. Aid groups said the expulsion was \
             unusually swift."
        ),
        vec![EventType::Deportation]
    );
}

#[test]
fn in_protest_gives_a_reason_not_a_second_protest() {
    none_of(
        &[
            "Hundreds of supporters broke into the embassy compound early on Thursday in \
             protest at a planned burning of the Koran.",
            "The activist stopped eating on Monday in protest at being denied a lawyer.",
        ],
        &[EventType::Protest],
    );
    // With a determiner it is a protest taken part in.
    each_reports(
        &["Two students who took part in the protest outside the court were detained."],
        EventType::Protest,
    );
}

#[test]
fn the_raid_an_arrest_was_made_in_is_that_arrest() {
    // One happening told with its occasion, or with the raid it was made in however the
    // sentence ties them: the arrest, with the date the sentence gives it.
    let told = [
        (
            "Security officers detained eleven people in raids on Tuesday 4 June.",
            "detained",
            Some("2024-06-04"),
        ),
        (
            "Nine activists were arrested during a raid on their office on Tuesday 4 June.",
            "arrested",
            Some("2024-06-04"),
        ),
        (
            "Police raided the newspaper's office on Monday and detained two editors.",
            "detained",
            Some("2024-06-03"),
        ),
        (
            "Two editors held since the raids on Monday were charged.",
            "held",
            None,
        ),
    ];
    let texts: Vec<&str> = told.iter().map(|&(text, _, _)| text).collect();
    none_of(&texts, &[EventType::Raid]);
    each_reports(&texts, EventType::Arrest);
    for (text, trigger, date) in told.into_iter().filter(|(_, _, date)| date.is_some()) {
        assert_eq!(
            trigger_date(text, "2024-06-07", trigger).as_deref(),
            date,
            "{text}"
        );
    }
    // A raid told apart from an arrest of another day stays its own report.
    let apart =
        ["Police raided the newspaper's office on Monday, a week after its editor was detained."];
    each_reports(&apart, EventType::Raid);
    each_reports(&apart, EventType::Arrest);
}

#[test]
fn a_question_asks_and_reports_nothing() {
    none_of(
        &[
            "Who has been arrested?",
            "Why did police detain the editors on Monday?",
            "\"Were they really arrested for spying?\"",
        ],
        &[EventType::Arrest],
    );
    each_reports(
        &["Who has been arrested? Police detained four people on Monday."],
        EventType::Arrest,
    );
}

#[test]
fn a_participle_naming_people_reports_nothing_without_a_date_or_figure() {
    none_of(
        &[
            "The authorities must immediately release all those detained for taking part in the rally.",
            "Lawyers for those arrested said they had not been allowed to see their clients.",
            "The minister warned that anyone detained would face trial.",
        ],
        &[EventType::Arrest],
    );
    each_reports(
        &[
            "Police said 14 of those detained on 3 March 2025 were still being held.",
            "Police detained those who threw stones at the embassy.",
            "A court ordered them arrested.",
        ],
        EventType::Arrest,
    );
}

#[test]
fn summoning_an_envoy_to_protest_is_no_protest() {
    none_of(
        &[
            "Velmora summons Kaldoria's chargé to protest about the embassy attack.",
            "The ministry summoned the ambassador to protest against the arrests.",
        ],
        &[EventType::Protest],
    );
}

#[test]
fn an_imperative_calls_for_the_act() {
    for text in [
        "Immediately release all journalists held without charge.",
        "- Release the detained students and drop the charges against them.",
    ] {
        let (_, x) = run(text, Some("2025-04-30"));
        let release = x
            .events
            .iter()
            .find(|e| e.kind == EventType::Release)
            .unwrap_or_else(|| panic!("{text}: {:#?}", x.events));
        assert_eq!(release.modality, Modality::Planned, "{text}");
    }
    let (_, x) = run(
        "Police released the students on Monday.",
        Some("2025-04-30"),
    );
    assert_eq!(only(&x, EventType::Release).modality, Modality::Asserted);
    // A first word the tagger may take for a verb does not make a statement an imperative.
    for text in [
        "Search engine firm Velmo has released a new tool for journalists.",
        "Hit games like Halo, which was released in November, helped sales.",
    ] {
        let (_, x) = run(text, Some("2025-04-30"));
        assert!(
            x.events
                .iter()
                .filter(|e| e.kind == EventType::Release)
                .all(|e| e.modality != Modality::Planned),
            "{text}: {:#?}",
            x.events
        );
    }
}

#[test]
fn met_with_a_response_is_no_meeting() {
    none_of(
        &[
            "Neighbouring governments said an intervention would be met with force.",
            "The proposal was met with criticism from opposition parties.",
            "The president said any attack on its diplomats would meet an immediate response.",
        ],
        &[EventType::Meeting],
    );
    each_reports(
        &["The envoy met with the foreign minister on Tuesday."],
        EventType::Meeting,
    );
}

#[test]
fn an_undated_main_clause_in_the_past_is_news_of_the_day() {
    let recent = |text: &str, kind: EventType| {
        let (_, x) = run(text, Some("2025-04-07"));
        only(&x, kind).recent
    };
    assert!(recent(
        "About sixty people gathered outside the ministry building.",
        EventType::Protest
    ));
    assert!(recent(
        "Police said they detained eleven students.",
        EventType::Arrest
    ));
    // The second of two deeds a past telling reports.
    assert!(recent(
        "Police said they searched the hostel and detained eleven students.",
        EventType::Arrest
    ));
    // Dated, told in the past perfect, a standing claim, a stretch of time,
    // a relative clause: background, not news of the day.
    assert!(!recent(
        "Police detained eleven students on 2 March.",
        EventType::Arrest
    ));
    assert!(!recent(
        "Eleven students had been detained.",
        EventType::Arrest
    ));
    assert!(!recent(
        "The ministry says the group passed secrets to a foreign power.",
        EventType::Espionage
    ));
    assert!(!recent(
        "The editor went on hunger strike for 30 days.",
        EventType::HungerStrike
    ));
    assert!(!recent(
        "The students, who were detained at the border, appeared in court.",
        EventType::Arrest
    ));
}

#[test]
fn a_thrown_weapon_is_not_the_target() {
    let (_, x) = run(
        "Masked youths threw petrol bombs at the town hall in Velmora on Friday.",
        None,
    );
    let e = only(&x, EventType::Attack);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert!(
        targets.iter().any(|t| t.ends_with("town hall")),
        "{targets:?}"
    );
    assert!(!targets.iter().any(|t| t.contains("bombs")), "{targets:?}");
    // Hitting a person keeps the person as the one attacked.
    let (_, x) = run("Riot police beat three students with batons.", None);
    let e = only(&x, EventType::Attack);
    assert!(e.targets.iter().any(|t| t.text == "three students"));
}

#[test]
fn a_conjunct_with_its_own_subject_keeps_its_object() {
    let (_, x) = run(
        "Several thousand people had gathered on Harbour Avenue to protest against the media law, and some of them hurled stones at the embassy gates.",
        None,
    );
    let protests: Vec<&EventMention> = x
        .events
        .iter()
        .filter(|e| e.kind == EventType::Protest)
        .collect();
    assert!(!protests.is_empty(), "{:#?}", x.events);
    // The stones were aimed at the gates, though the parse hangs the phrase on "gathered".
    let attack = only(&x, EventType::Attack);
    assert!(attack.targets.iter().any(|t| t.text.ends_with("gates")));
    for e in protests {
        assert!(
            !e.targets.iter().any(|t| t.text.contains("stones")),
            "{:?}",
            e.targets
        );
    }
}

#[test]
fn a_to_infinitive_looks_ahead_of_a_present_clause() {
    // 5 March 2025 is a Wednesday.
    let (_, x) = run(
        "The foreign minister is to visit Portesca on Thursday.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Meeting);
    assert_eq!(e.modality, Modality::Planned);
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-03-06");
    let (_, x) = run(
        "The court is expected to release the three men on Thursday.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Release);
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-03-06");
    // After a past verb the same words tell of the past.
    let (_, x) = run(
        "The foreign minister travelled to Portesca to meet his counterpart on Thursday.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Meeting);
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-02-27");
}

#[test]
fn a_time_adjective_on_a_participant_does_not_date_the_act() {
    let (_, x) = run(
        "Security officers detained 11 current and former staff of the newspaper on Tuesday.",
        Some("2025-06-04"),
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.date.expect("a date").start.to_string(), "2025-06-03");
}

#[test]
fn a_role_named_in_apposition_brings_the_name() {
    let (_, x) = run(
        "Its editor, Marta Kovel, was detained on Monday.",
        Some("2025-06-04"),
    );
    let e = only(&x, EventType::Arrest);
    assert!(
        e.targets
            .iter()
            .any(|t| t.text == "Its editor, Marta Kovel"),
        "{:?}",
        e.targets
    );
}

#[test]
fn a_deed_reported_under_a_dated_speech_verb_is_bounded_by_it() {
    let (text, x) = run(
        "The interior ministry said on Thursday it had detained nine people linked to the \
         Velmora Students' Union, one of the largest groups in the country.",
        Some("2025-04-12"),
    );
    let e = only(&x, EventType::Arrest);
    // The act has no date of its own: the telling's day bounds it, it does not date it.
    assert!(e.date.is_none());
    let told = e.told_on.expect("the day it was told of");
    assert_eq!(told.start.to_string(), "2025-04-10");
    // Who they belong to is part of naming them; the apposition is not a second target.
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        targets,
        ["nine people linked to the Velmora Students' Union"],
        "{text}"
    );
    // Undated speech, or a planned act, bounds nothing.
    let (_, x) = run(
        "The ministry said it had detained nine people.",
        Some("2025-04-12"),
    );
    assert!(only(&x, EventType::Arrest).told_on.is_none());
    let (_, x) = run(
        "The ministry said on Thursday it would detain the organisers.",
        Some("2025-04-12"),
    );
    assert!(only(&x, EventType::Arrest).told_on.is_none());
}

#[test]
fn the_site_of_a_protest_is_the_building_it_happened_at() {
    let site = |text: &str| {
        let (_, x) = run(text, Some("2025-04-12"));
        only(&x, EventType::Protest)
            .site
            .as_ref()
            .map(|s| s.text.clone())
    };
    assert_eq!(
        site("About forty students protested outside the Velmora district court on Friday.")
            .as_deref(),
        Some("the Velmora district court")
    );
    assert_eq!(
        site("Hundreds rallied in front of the parliament building.").as_deref(),
        Some("the parliament building")
    );
    // A town is a place, not a site; a time is neither.
    assert_eq!(site("Hundreds rallied in Portesca on Friday."), None);
    assert_eq!(site("Hundreds rallied at dawn."), None);
}

#[test]
fn whoever_breaks_up_or_bans_a_gathering_is_not_in_it() {
    let agents = |text: &str| {
        let (_, x) = run(text, Some("2025-04-12"));
        only(&x, EventType::Protest)
            .agents
            .iter()
            .map(|a| a.text.clone())
            .collect::<Vec<_>>()
    };
    assert!(agents("Police dispersed the crowd with tear gas.").is_empty());
    assert!(agents("The city council banned the march.").is_empty());
    // Whoever holds it is.
    assert_eq!(
        agents("The opposition held a rally in the capital."),
        ["The opposition"]
    );
}

#[test]
fn who_receives_a_sentence_and_to_whom_one_is_handed_are_the_sentenced() {
    let (_, x) = run(
        "The editor, Sevinj Vagifgizi, received nine years in prison.",
        Some("2025-06-21"),
    );
    let e = only(&x, EventType::Conviction);
    assert!(e.agents.is_empty(), "{:?}", e.agents);
    assert!(e.targets.iter().any(|t| t.text.contains("Vagifgizi")));
    let (_, x) = run(
        "Lanterna condemns the prison sentences handed down yesterday to seven Courier journalists by the regional court.",
        Some("2025-06-21"),
    );
    let e = only(&x, EventType::Conviction);
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(7));
    // A length of time after "for" is no reason.
    let (_, x) = run(
        "Two other defendants were jailed for seven and a half years.",
        Some("2025-06-21"),
    );
    assert!(only(&x, EventType::Conviction).reason.is_none());
}

#[test]
fn a_statement_that_people_were_detained_is_not_detained() {
    let (_, x) = run(
        "The bureau confirmed in a statement on Monday afternoon that several persons had been detained on suspicion of spying.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Arrest);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["several persons"]);
    // A content clause of "statement" only says what the statement says.
    let (_, x) = run(
        "The agency confirmed in a short statement on Monday afternoon that \"a number of persons\" had been detained.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Arrest);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["a number of persons"]);
    // A reduced relative still names the ones detained.
    let (_, x) = run(
        "The men detained in the raid appeared in court.",
        Some("2025-03-05"),
    );
    let e = only(&x, EventType::Arrest);
    assert!(
        e.targets.iter().any(|t| t.text == "The men"),
        "{:?}",
        e.targets
    );
}

#[test]
fn a_building_attacked_is_the_site_of_the_attack() {
    let (_, x) = run(
        "On Wednesday night a crowd attacked the Kaldorian consulate with petrol bombs.",
        Some("2025-05-16"),
    );
    let e = only(&x, EventType::Attack);
    assert_eq!(
        e.site.as_ref().map(|s| s.text.as_str()),
        Some("the Kaldorian consulate")
    );
    // A person attacked is no site.
    let (_, x) = run(
        "A crowd attacked the consul on Wednesday.",
        Some("2025-05-16"),
    );
    assert!(only(&x, EventType::Attack).site.is_none());
}

#[test]
fn a_weekday_on_what_is_called_for_lies_ahead() {
    // Published on Monday 3 March 2025: the marches called for are on the coming Tuesday.
    let (text, x) = run(
        "Opposition groups have called for fresh demonstrations on Tuesday.",
        Some("2025-03-03"),
    );
    let e = only(&x, EventType::Protest);
    assert_eq!(e.modality, Modality::Planned, "{text}");
    let date = e.date.expect("a date");
    assert_eq!(date.start, Date::new(2025, 3, 4).unwrap());
    // Held, not called for: the Tuesday just past.
    let (_, x) = run(
        "Thousands of people joined demonstrations on Tuesday in the capital.",
        Some("2025-03-03"),
    );
    let e = only(&x, EventType::Protest);
    assert_eq!(
        e.date.expect("a date").start,
        Date::new(2025, 2, 25).unwrap()
    );
}

#[test]
fn a_storming_is_an_attack() {
    each_reports(
        &["He defended the police response to the storming of parliament last Tuesday."],
        EventType::Attack,
    );
}

#[test]
fn a_when_clause_happens_at_the_time_it_modifies() {
    let (_, x) = run(
        "Most of the deaths occurred on June 25, when police opened fire on crowds near parliament.",
        Some("2024-07-01"),
    );
    let e = only(&x, EventType::Attack);
    assert_eq!(
        e.date.expect("a date").start,
        Date::new(2024, 6, 25).unwrap()
    );
    // What came before it does not.
    let (_, x) = run(
        "Most of the deaths occurred on June 25, after police opened fire on crowds near parliament.",
        Some("2024-07-01"),
    );
    assert!(
        only(&x, EventType::Attack).date.is_none(),
        "{:#?}",
        x.events
    );
}

#[test]
fn a_when_clause_after_a_since_date_happens_on_that_day() {
    let (doc, x) = run(
        "The mayor had been in police custody since Wednesday, when officers detained him in a \
         dawn raid.",
        Some("2025-03-24"),
    );
    let detention = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "detained")
        .expect("the detention");
    let date = detention.date.as_ref().expect("a date");
    assert_eq!(
        (date.start, date.end),
        (
            Date::new(2025, 3, 19).unwrap(),
            Date::new(2025, 3, 19).unwrap()
        )
    );
}

#[test]
fn a_where_clause_on_a_happening_happens_at_its_time() {
    for text in [
        "The movement called for more rallies after last weekend's protest in Velmora, where \
         police detained 23 people.",
        "Police detained 23 people at the protest on Saturday, where officers used tear gas.",
    ] {
        assert_eq!(
            trigger_date(text, "2025-03-19", "detained").as_deref(),
            Some("2025-03-15"),
            "{text}"
        );
    }
    // A place has no time to give.
    assert_eq!(
        trigger_date(
            "She was taken to Portesca, where police detained her.",
            "2025-03-19",
            "detained"
        ),
        None
    );
}

#[test]
fn a_participle_after_an_object_is_done_to_the_object() {
    // The parser reads these participles as open complements of "ordered".
    for (text, target, n) in [
        (
            "A military court ordered eleven officers arrested on charges of treason.",
            "eleven officers",
            11,
        ),
        (
            "A court in Velmora on Tuesday ordered four activists detained this week to be held for a month.",
            "four activists",
            4,
        ),
    ] {
        let (_, x) = run(text, Some("2025-03-05"));
        let e = only(&x, EventType::Arrest);
        assert!(e.targets.iter().any(|t| t.text == target), "{text}: {e:#?}");
        assert!(e.agents.iter().all(|a| !a.text.contains("court")), "{text}: {e:#?}");
        let count = e.count.as_ref().expect("a count");
        assert_eq!((count.min, count.max), (Some(n), Some(n)), "{text}");
    }
}

#[test]
fn what_an_after_or_before_phrase_tells_takes_no_date_from_outside_it() {
    let dated = |text: &str, word: &str| trigger_date(text, "2025-09-10", word);
    let text = "Norland closed its embassy in Tarvik on Monday, after a crowd attacked the building with stones.";
    assert_eq!(dated(text, "closed").as_deref(), Some("2025-09-08"));
    assert_eq!(dated(text, "attacked"), None);
    let text = "The army detained four men on Monday, before protesters marched on the ministry.";
    assert_eq!(dated(text, "detained").as_deref(), Some("2025-09-08"));
    assert_eq!(dated(text, "marched"), None);
    // A date inside the phrase is its own.
    let text =
        "Norland closed its embassy in Tarvik, after a crowd attacked the building on Saturday.";
    assert_eq!(dated(text, "attacked").as_deref(), Some("2025-09-06"));
}

#[test]
fn an_act_told_as_likely_or_due_is_not_yet_done() {
    for text in [
        "An official said Norland was likely to close its consulate in Tarvik.",
        "The ministry said it was set to expel two diplomats.",
    ] {
        let (_, x) = run(text, None);
        assert_eq!(
            only(&x, EventType::Diplomatic).modality,
            Modality::Planned,
            "{text}"
        );
    }
    let (_, x) = run("Norland closed its consulate in Tarvik.", None);
    assert_eq!(only(&x, EventType::Diplomatic).modality, Modality::Asserted);
}

#[test]
fn a_number_heading_the_subject_gives_way_to_the_people_it_counts() {
    // "gather" is a protest only when people gather; the number heads the phrase.
    each_reports(
        &[
            "Thousands of people gathered in the main square of Tarvik on Sunday.",
            "Tens of thousands of supporters gathered near the palace on Friday.",
            "Dozens of residents gathered at the town hall to demand answers.",
        ],
        EventType::Protest,
    );
    // The counted things are not people.
    none_of(
        &[
            "Thousands of birds gathered on the lake on Sunday.",
            "Hundreds of boats gathered in the harbour of Tarvik.",
        ],
        &[EventType::Protest],
    );
}

#[test]
fn a_figure_given_to_a_measure_noun_counts_what_the_noun_measures() {
    let count_of = |text: &str, kind: EventType| {
        let (_, x) = run(text, None);
        only(&x, kind)
            .count
            .as_ref()
            .map(|c| (c.min, c.max))
            .unwrap_or_else(|| panic!("no count in {text}: {:#?}", x.events))
    };
    assert_eq!(
        count_of(
            "The rights group put the number of people detained at 31.",
            EventType::Arrest
        ),
        (Some(31), Some(31))
    );
    assert_eq!(
        count_of(
            "A tally by the group puts the number of people held in the capital at more than 4,000.",
            EventType::Arrest
        ),
        (Some(4001), None)
    );
    for text in [
        "The number of people arrested has risen to 40.",
        "The number of arrests rose to 40 on Monday.",
        "The total number of people detained since Friday stood at 40.",
        // A verb that brings the number to a value; the parser may hang "to 40" on the
        // participle inside the object.
        "Raids went on into the night, bringing the number of people detained to 40.",
    ] {
        assert_eq!(count_of(text, EventType::Arrest), (Some(40), Some(40)));
    }
    // A number of the trigger's own stands.
    assert_eq!(
        count_of(
            "Police detained 12 people on Monday, and the number of protesters rose to 3,000.",
            EventType::Arrest
        ),
        (Some(12), Some(12))
    );
    let killed = |text: &str| {
        let (_, x) = run(text, None);
        only(&x, EventType::Attack).killed
    };
    assert_eq!(
        killed("Hospital officials put the death toll from the clashes at 32."),
        Some(32)
    );
    assert_eq!(
        killed("The death toll from Friday's bombing in the market rose to at least 14."),
        Some(14)
    );
    // Whose count it is says nothing of who did it.
    let (_, x) = run("By the newspaper's own count, 32 people were killed.", None);
    assert!(only(&x, EventType::Killing).agents.is_empty(), "{x:#?}");
}

#[test]
fn armed_men_who_are_not_the_state_raid_to_attack() {
    each_reports(
        &[
            "Gunmen raided a police station in the north overnight, killing two officers.",
            "Armed men in uniform raided the home of a senior minister before dawn.",
            "Masked men raided a farm near the border on Sunday.",
        ],
        EventType::Attack,
    );
    // Police and troops raid to search and arrest, also when armed or in plain clothes.
    for text in [
        "Armed police raided the house on Monday.",
        "Security men raided the offices of the newspaper.",
        "Police raided the homes of three activists.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Raid);
    }
}

#[test]
fn a_killing_threatened_or_denied_counts_no_dead() {
    for text in [
        "The witness told the court that his father had threatened to kill him.",
        "The rebels vowed to kill 20 hostages.",
        "The army did not kill two protesters, the ministry said.",
    ] {
        let (_, x) = run(text, None);
        let e = only(&x, EventType::Killing);
        assert_ne!(e.modality, Modality::Asserted, "{text}");
        assert_eq!((e.killed, e.injured), (None, None), "{text}");
    }
    // "Nobody" is a person word that counts no one.
    let (_, x) = run("Police said nobody was killed.", None);
    let e = only(&x, EventType::Killing);
    assert_eq!((e.count.as_ref(), e.killed), (None, None));
    // The same killing told as done keeps its dead.
    let (_, x) = run("The rebels killed 20 hostages.", None);
    assert_eq!(only(&x, EventType::Killing).killed, Some(20));
}

#[test]
fn a_count_since_a_time_or_so_far_is_a_running_total() {
    for (text, running) in [
        (
            "Police say more than 2,500 people have been arrested in Dhaka since mid-July.",
            true,
        ),
        (
            "Police say more than 2,500 people have been arrested in Dhaka since mid-July on \
             charges ranging from arson to assaulting officers.",
            true,
        ),
        (
            "Police said they had arrested more than 1,200 people since the curfew began.",
            true,
        ),
        ("Police have detained 40 people so far.", true),
        ("Police detained 40 people on Monday.", false),
        // A causal "since" says why, not from when.
        (
            "Police released 40 people since they had no warrant.",
            false,
        ),
    ] {
        let (_, x) = run(text, None);
        let e = x
            .events
            .iter()
            .find(|e| e.count.is_some())
            .unwrap_or_else(|| panic!("{text}: {:#?}", x.events));
        assert_eq!(e.running_total, running, "{text}");
    }
}

#[test]
fn the_number_held_counts_the_people_held() {
    let (_, x) = run(
        "A rights group puts the number held in the capital at more than 4,000.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    assert_eq!(
        e.count.as_ref().map(|c| (c.min, c.max)),
        Some((Some(4001), None))
    );
    assert!(e.targets.is_empty(), "{:#?}", e.targets);
    // Holding a thing is no arrest.
    none_of(
        &["The party held a rally in the capital."],
        &[EventType::Arrest],
    );
}

#[test]
fn counted_deaths_and_deaths_by_violence_are_killings() {
    for (text, killed) in [
        (
            "Of those, 32 people died on Thursday, according to the count.",
            32,
        ),
        (
            "At least 147 people have died in the unrest, the minister said.",
            147,
        ),
        ("Three protesters died of gunshot wounds in hospital.", 3),
        (
            "The group counted at least 163 deaths between Tuesday and Sunday.",
            163,
        ),
    ] {
        let (_, x) = run(text, Some("2024-07-22"));
        let e = only(&x, EventType::Killing);
        assert_eq!(e.killed, Some(killed), "{text}");
        // Who died is the victim; nobody is named as the killer.
        assert!(e.agents.is_empty(), "{text}: {:#?}", e.agents);
    }
    none_of(
        &[
            "The former president died in 2019 at the age of 90.",
            "Two people died in a car crash on the highway on Monday.",
            "Thousands died of cholera in the camps.",
            "He faced the death penalty.",
        ],
        &[EventType::Killing],
    );
}

#[test]
fn a_figure_given_place_by_place_is_a_part() {
    let (_, x) = run(
        "Three people died in the port city of Chattogram and two in Dhaka, officials said.",
        None,
    );
    assert!(only(&x, EventType::Killing).figures_in_part);
    // Parts joined to the counted participants add up to the whole.
    let (_, x) = run("Gunmen killed 12 people in Gao and three in Menaka.", None);
    let e = only(&x, EventType::Killing);
    assert_eq!(e.killed, Some(15));
    assert!(!e.figures_in_part);
    let (_, x) = run("Police detained 40 people on July 15.", None);
    assert!(!only(&x, EventType::Arrest).figures_in_part);
}

#[test]
fn a_happening_told_as_repeated_or_at_any_time_is_no_one_happening() {
    use EventType::*;
    for (text, kind, repeated) in [
        (
            "Both editors have been briefly detained in the past.",
            Arrest,
            true,
        ),
        (
            "She denied that the candidate had ever been detained.",
            Arrest,
            true,
        ),
        (
            "The union leader has been detained several times over pay.",
            Arrest,
            true,
        ),
        ("Moscow has repeatedly denied involvement.", Statement, true),
        (
            "Police arrested him on three occasions last year.",
            Arrest,
            true,
        ),
        (
            "Police detained the union leader at the airport on Tuesday.",
            Arrest,
            false,
        ),
        (
            "Police detained him for the first time in 2019.",
            Arrest,
            false,
        ),
        (
            "She denied that the candidate had been detained.",
            Arrest,
            false,
        ),
        (
            "The largest protest ever held in the city drew 5,000 people.",
            Protest,
            false,
        ),
    ] {
        let (_, x) = run(text, None);
        assert_eq!(only(&x, kind).repeated, repeated, "{text}");
    }
}

#[test]
fn arson_and_mob_violence_are_attacks() {
    each_reports(
        &[
            "Protesters set the reception building and dozens of vehicles ablaze.",
            "Rioters set several police cars on fire overnight.",
            "Protesters burned part of the television centre in Rampura.",
            "The crowd burned down the police station.",
            "Activists of the youth wing set upon protesters with sticks and rods.",
            "The youth wing's activists beat protesters on the campus.",
            "Relatives of the accused beat two journalists outside the court.",
        ],
        EventType::Attack,
    );
    none_of(
        &[
            "He burned pages of a holy book outside a mosque.",
            "Demonstrators burned the flag of the United States outside the consulate.",
            "She burned 500 calories at the gym near her office.",
            "Police arrested 40 people on charges ranging from arson to looting.",
        ],
        &[EventType::Attack],
    );
    // Buildings and vehicles set on fire are no count of people affected.
    let (_, x) = run(
        "Protesters set the reception building and dozens of vehicles ablaze.",
        None,
    );
    assert!(only(&x, EventType::Attack).count.is_none());
}

#[test]
fn over_a_stretch_of_time_is_no_reason() {
    let (_, x) = run("Police detained twelve activists over the weekend.", None);
    assert!(only(&x, EventType::Arrest).reason.is_none());
    let (text, x) = run("Police detained twelve activists over the protests.", None);
    let reason = only(&x, EventType::Arrest)
        .reason
        .as_ref()
        .expect("a reason");
    assert_eq!(reason.span.of(&text), "the protests");
}

#[test]
fn a_group_described_by_what_it_monitors_reports_nothing_by_that() {
    // The description of a body's standing work names a kind of happening, not one.
    none_of(
        &[
            "OVD-Info, which monitors political arrests in Russia, published a report.",
            "Memorial, a group documenting killings in Chechnya, closed its office.",
        ],
        &[EventType::Arrest, EventType::Killing],
    );
    // A past clause tells of a happening, and a counted or dated description is a report.
    each_reports(
        &[
            "The group, which condemned the arrests of three editors, published a report.",
            "The group, which monitors arrests, said police had detained 40 people on Monday.",
        ],
        EventType::Arrest,
    );
}

#[test]
fn an_act_takes_the_day_of_the_raid_it_was_part_of() {
    // The raid is dropped as the setting of the arrest; its day is the arrest's.
    assert_eq!(
        trigger_date(
            "The group condemns Thursday's police raid on the newsroom of Apple Daily and the \
             arrest of five of the newspaper's senior executives.",
            "2021-06-18",
            "arrest",
        )
        .as_deref(),
        Some("2021-06-17")
    );
}

#[test]
fn a_later_step_with_a_modal_keeps_its_day_to_itself() {
    // Charged by Friday; the court date is the appearance's, not the charge's.
    assert_eq!(
        trigger_date(
            "Police said that two men had been charged with espionage and would appear in \
             court on Saturday.",
            "2021-06-18",
            "charged",
        ),
        None
    );
    // Coordinated deeds without one still share a day written after the last.
    assert_eq!(
        trigger_date(
            "Police raided homes and detained twelve people on Monday.",
            "2021-06-18",
            "detained",
        )
        .as_deref(),
        Some("2021-06-14")
    );
}

#[test]
fn a_fronted_day_without_a_comma_leaves_the_clause_whole() {
    // Parsed as written, "Monday police" was one noun and the arrest lost its subject and
    // object.
    let (doc, x) = run("On Monday police arrested 12 people.", Some("2021-06-18"));
    let e = only(&x, EventType::Arrest);
    assert_eq!(e.count.as_ref().and_then(|c| c.min), Some(12));
    assert!(e.agents.iter().any(|a| a.span.of(&doc) == "police"));
}

#[test]
fn a_trigger_without_a_place_takes_its_host_clauses_when_that_is_its_own() {
    let place = |text: &str| {
        let (_, x) = run(text, None);
        only(&x, EventType::Arrest)
            .place
            .as_ref()
            .map(|p| p.text.clone())
    };
    // A speaker telling of their own deed: the speaker's place.
    assert_eq!(
        place("Police in Velmora said they had arrested 945 people by Wednesday morning.")
            .as_deref(),
        Some("Velmora")
    );
    // A past participle inside the verb's object: the verb's place.
    assert_eq!(
        place("In Velmora, the provincial government put the number of those arrested at 1,026.")
            .as_deref(),
        Some("Velmora")
    );
    // Someone else's deed told by a speaker somewhere else: no place.
    assert_eq!(
        place("Officials in Portesca said Velmoran police had arrested 12 people."),
        None
    );
}

#[test]
fn a_deed_a_distance_before_a_present_clause_is_that_far_before_publication() {
    // "comes": the closure is news of the day, so the arrests were a week before it.
    assert_eq!(
        trigger_date(
            "The closure comes exactly a week after police arrested five executives.",
            "2021-06-24",
            "arrested"
        )
        .as_deref(),
        Some("2021-06-17")
    );
    // "came": the closure may be any earlier day, so the arrests have no date.
    assert_eq!(
        trigger_date(
            "The closure came a week after police arrested five executives.",
            "2021-06-24",
            "arrested"
        ),
        None
    );
}

#[test]
fn denials_by_an_institution_and_summoning_an_embassy_s_officials_are_reported() {
    each_reports(
        &[
            "The Kaldorian embassy in Portesca has denied any involvement.",
            "The ministry rejected any suggestion of a link.",
        ],
        EventType::Statement,
    );
    each_reports(
        &["The Foreign Office said it had summoned officials from the Kaldorian embassy."],
        EventType::Diplomatic,
    );
    // A court that denies bail states nothing; a court's summons of ministry officials is no
    // diplomacy.
    none_of(
        &["The court denied bail to the suspects."],
        &[EventType::Statement],
    );
    none_of(
        &["The court summoned officials from the ministry."],
        &[EventType::Diplomatic],
    );
}

#[test]
fn a_car_driven_into_people_an_aircraft_brought_down_and_roads_blocked() {
    // A vehicle driven into people is an attack on them.
    let (_, x) = run(
        "A driver accelerated into a crowd of students on Thursday.",
        None,
    );
    let e = only(&x, EventType::Attack);
    assert_eq!(e.agents[0].text, "A driver");
    assert_eq!(e.targets[0].text, "a crowd of students");
    none_of(&["He drove into the city on Monday."], &[EventType::Attack]);
    // An aircraft destroyed or downed; documents destroyed are no attack.
    each_reports(
        &[
            "Air defence units destroyed an armed drone near the border.",
            "The downing of the airliner killed all 176 people on board.",
        ],
        EventType::Attack,
    );
    none_of(
        &["The clerk destroyed the documents."],
        &[EventType::Attack],
    );
    // Roads and bridges blocked by protesters; a bill blocked by the opposition is no
    // protest.
    each_reports(
        &[
            "Residents of the village blocked a federal highway for several hours.",
            "Students kept up their blockades of three bridges.",
        ],
        EventType::Protest,
    );
    none_of(
        &["The opposition blocked the bill in the senate."],
        &[EventType::Protest],
    );
    // A state's airspace closed to another's aircraft.
    each_reports(
        &["Algeria closed its airspace to all flights from Mali."],
        EventType::Sanction,
    );
}

#[test]
fn a_speaker_named_in_apposition_to_his_role_is_the_statement_s_agent() {
    // Another outlet names the speaker without his role, so the statement is his.
    let (_, x) = run(
        "Last week the government spokesman, Viktor Laine, said the talks would resume.",
        None,
    );
    assert_eq!(
        only(&x, EventType::Statement).agents[0].text,
        "Viktor Laine"
    );
    // Acted on, the role stays with the name's phrase as written.
    let (_, x) = run(
        "Police detained the journalist, Tomas Brenner, on Monday.",
        None,
    );
    assert_eq!(
        only(&x, EventType::Arrest).targets[0].text,
        "the journalist, Tomas Brenner"
    );
}

#[test]
fn verbs_of_saying_beyond_say_and_a_rejected_result_are_statements() {
    // Writing, posting, insisting, warning or admitting something that is no event
    // of its own is a statement, as "said" is.
    each_reports(
        &[
            "Foreign Minister Ilsa Varn tweeted that she was deeply alarmed by the news.",
            "The interior ministry insisted that the crew had been warned twice.",
            "President Tomas Reyk warned that any attack on his citizens would get a firm response.",
            "The opposition party rejected the result as fraudulent.",
        ],
        EventType::Statement,
    );
    // What is written is itself an event: the writing only attributes it.
    none_of(
        &["The ministry confirmed that twelve people were detained."],
        &[EventType::Statement],
    );
    // A neighbour is no institution or official.
    none_of(
        &["Her neighbour insisted that the family was asleep."],
        &[EventType::Statement],
    );
}

#[test]
fn an_official_titled_in_the_treebank_s_way_makes_a_statement() {
    // The parser hangs "Minister" on the name as `nmod:desc`, as UD English EWT does.
    each_reports(
        &[
            "Foreign Minister Anna Kovel says Calvena failed in its duty to protect diplomats.",
            // The portfolio read as a compound with the title under it.
            "\"This is a glimpse into the abyss,\" Interior Minister Nancy Faeser said on \
             Wednesday.",
        ],
        EventType::Statement,
    );
}

#[test]
fn visa_and_consular_services_stopped_are_diplomatic_steps() {
    each_reports(
        &[
            "Two days later, Calvena suspended all visa services for Kaldorians.",
            "Kaldoria paused in-person services at its consulates in three cities.",
            "Calvena halted visa processing for Kaldorian nationals.",
        ],
        EventType::Diplomatic,
    );
    none_of(
        &["The company suspended its delivery services in the north."],
        &[EventType::Diplomatic],
    );
}

#[test]
fn a_union_mobilising_its_members_rallies_and_an_army_mobilising_is_military() {
    each_reports(
        &["The union mobilised thousands of its members in the capital on Saturday."],
        EventType::Protest,
    );
    none_of(
        &["The union mobilised thousands of its members in the capital on Saturday."],
        &[EventType::Military],
    );
    each_reports(&["The army mobilised reservists."], EventType::Military);
}

#[test]
fn a_person_titled_once_speaks_as_an_official_by_surname_too() {
    let statements = |text: &str| {
        let (_, x) = run(text, None);
        x.events
            .iter()
            .filter(|e| e.kind == EventType::Statement)
            .count()
    };
    // Titled in the first sentence, the surname alone condemns in the second.
    assert_eq!(
        statements(
            "President Anna Kovel visited the border town. Kovel condemned the shooting as a \
             cowardly act."
        ),
        1
    );
    // Never titled, the same words make no statement.
    assert_eq!(
        statements(
            "Anna Kovel visited the border town. Kovel condemned the shooting as a cowardly act."
        ),
        0
    );
}

#[test]
fn a_relative_clause_on_a_description_of_a_name_acts_on_the_name() {
    let (text, x) = run(
        "Among them is Ilona Varga, a member of the party's bureau, who has been held since \
         5 June.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.span.of(&text)).collect();
    assert_eq!(targets, ["Ilona Varga"]);
}

#[test]
fn a_fronted_distance_counts_from_the_main_clause_s_day_after_it() {
    let text = "One week after police arrested 22 people in raids on the network, the rights \
                group today called on the government to act.";
    assert_eq!(
        trigger_date(text, "2022-12-14", "arrested").as_deref(),
        Some("2022-12-07")
    );
    // What came a week before the call is a fact, not part of what is called for.
    let (_, x) = run(text, Some("2022-12-14"));
    assert_eq!(only(&x, EventType::Arrest).modality, Modality::Asserted);
}

#[test]
fn a_saying_that_gives_a_view_besides_an_event_is_a_statement() {
    // A view and an event: the view makes it a statement; "charge d'affaires" is no charge.
    let (_, x) = run(
        "Foreign Minister Anna Kovel said the storming of the embassy was completely \
         unacceptable and that Calvena's charge d'affaires would be summoned.",
        None,
    );
    assert!(
        x.events.iter().any(|e| e.kind == EventType::Statement),
        "{:#?}",
        x.events
    );
    assert!(
        x.events.iter().all(|e| e.kind != EventType::Charge),
        "{:#?}",
        x.events
    );
    // Only events said: the saying is their attribution.
    none_of(
        &["The interior ministry said police had detained 12 people."],
        &[EventType::Statement],
    );
}

#[test]
fn break_ins_street_protests_burned_holy_books_and_deaths_in_custody() {
    each_reports(
        &[
            "Supporters of the cleric broke into the embassy compound on Thursday.",
            "Protesters forced their way into the consulate grounds.",
        ],
        EventType::Attack,
    );
    each_reports(
        &[
            "Thousands of supporters poured onto the streets of Velmora.",
            "A man burned pages of the Koran outside the mosque.",
        ],
        EventType::Protest,
    );
    none_of(
        &["A man burned pages of the Koran outside the mosque."],
        &[EventType::Attack],
    );
    each_reports(
        &["The opposition leader died on Friday in a penal colony in the Arctic."],
        EventType::Killing,
    );
    // "into the streets of Velmora": the town is where the streets are.
    let (_, x) = run(
        "Thousands of supporters poured into the streets of Velmora.",
        None,
    );
    assert_eq!(
        only(&x, EventType::Protest)
            .place
            .as_ref()
            .map(|p| p.text.as_str()),
        Some("Velmora")
    );
}

#[test]
fn a_conspiracy_theory_is_no_plot() {
    none_of(
        &["He called him a confused old man who had fallen for conspiracy theories."],
        &[EventType::Plot],
    );
    each_reports(
        &["Prosecutors say the men were part of a conspiracy to overthrow the state."],
        EventType::Plot,
    );
}

#[test]
fn a_timeline_entry_is_dated_by_its_lead_and_march_in_lower_case_is_no_month() {
    let text = "22 July: hundreds of supporters march towards the Green Zone in Velmora.";
    assert_eq!(
        trigger_date(text, "2023-07-25", "march").as_deref(),
        Some("2023-07-22")
    );
    let (_, x) = run(text, Some("2023-07-25"));
    let e = only(&x, EventType::Protest);
    let count = e.count.as_ref().expect("a count");
    assert_eq!((count.min, count.max), (Some(200), Some(999)));
}

#[test]
fn a_happening_named_after_from_or_since_is_not_the_subject_s_deed() {
    let (_, x) = run(
        "Hundreds of supporters had queued outside the court on Monday, some chanting slogans \
         from the 2019 protests.",
        None,
    );
    let past = x
        .events
        .iter()
        .find(|e| e.kind == EventType::Protest && e.date.is_some_and(|d| d.start.year == 2019))
        .unwrap_or_else(|| panic!("the 2019 protests: {:#?}", x.events));
    assert!(past.agents.is_empty() && past.count.is_none(), "{past:#?}");
}

#[test]
fn punches_kicks_and_beatings_by_unknown_men_are_attacks() {
    each_reports(
        &[
            "Party officials said masked police officers had punched and kicked him.",
            "The activist was beaten by three unidentified men outside his home.",
        ],
        EventType::Attack,
    );
    none_of(
        &["The striker kicked the ball into the net."],
        &[EventType::Attack],
    );
}

#[test]
fn an_opening_date_the_parser_took_for_the_root_dates_the_sentence() {
    let text = "On 14 May, as Parliament adopted the law in its third and final reading, police \
                detained at least 20 people near the Parliament building.";
    assert_eq!(
        trigger_date(text, "2024-05-24", "detained").as_deref(),
        Some("2024-05-14")
    );
}

#[test]
fn a_date_on_a_predicate_adjective_dates_its_verb_s_clause() {
    assert_eq!(
        trigger_date(
            "The protests turned violent on the night of April 30, officials said.",
            "2024-05-28",
            "protests"
        )
        .as_deref(),
        Some("2024-04-30")
    );
}

#[test]
fn a_person_hanged_is_killed_a_banner_hung_is_not() {
    each_reports(
        &[
            "The agency reported on Saturday that Mr Varga had been hanged.",
            "Four men have been hanged in connection with the protests.",
        ],
        EventType::Killing,
    );
    none_of(
        &[
            "Protesters hung banners on the fence.",
            "The painting was hung in the hall.",
        ],
        &[EventType::Killing],
    );
}

#[test]
fn an_institution_condemning_or_welcoming_makes_a_statement() {
    each_reports(
        &[
            "The foreign ministry condemned the execution in the strongest terms.",
            "The rights group welcomed the ruling.",
            "The interior ministry described the protests as an attempted coup.",
        ],
        EventType::Statement,
    );
    // Welcoming a visitor is hosting, not a statement.
    none_of(
        &["The president welcomed the delegation at the airport."],
        &[EventType::Statement],
    );
}

#[test]
fn a_participle_telling_how_an_act_went_is_that_act() {
    let (text, x) = run(
        "An armed man stormed the consulate in Varnek on Friday, shooting dead a guard.",
        Some("2024-02-10"),
    );
    let attack = only(&x, EventType::Attack);
    assert_eq!(attack.trigger.of(&text), "stormed");
    assert!(attack.targets.iter().any(|t| t.text.ends_with("a guard")));
    let (text, x) = run(
        "Security forces raided homes across the city on Tuesday, detaining 14 activists.",
        Some("2024-02-10"),
    );
    let arrests: Vec<&EventMention> = x
        .events
        .iter()
        .filter(|e| storyline_model::taxonomy::contract_type(e.kind) == EventType::Arrest)
        .collect();
    assert_eq!(arrests.len(), 1, "{:#?}", x.events);
    let count = arrests[0].count.as_ref().expect("the participle's figure");
    assert_eq!(count.min, Some(14), "{}", arrests[0].trigger.of(&text));
}

#[test]
fn a_crowd_that_gathers_chanting_is_one_protest() {
    let (text, x) = run(
        "On Monday a crowd of about 200 people gathered outside the embassy in Tarvola, \
         waving flags and chanting slogans.",
        Some("2024-02-10"),
    );
    let protest = only(&x, EventType::Protest);
    assert_eq!(protest.trigger.of(&text), "gathered");
    assert_eq!(protest.count.as_ref().and_then(|c| c.min), Some(180));
}

#[test]
fn a_state_flying_its_people_out_is_an_evacuation_but_a_flood_is_not() {
    each_reports(
        &[
            "Belgium evacuated 312 people from Kessara on military flights.",
            "Italy flew 87 of its nationals out of the country on Thursday.",
            "The evacuation of foreign nationals from the capital began on Tuesday.",
        ],
        EventType::Diplomatic,
    );
    none_of(
        &[
            "Residents were evacuated after the river burst its banks.",
            "The suspect was flown out of the country on Friday.",
            "Police evacuated the station after a suspicious package was found.",
        ],
        &[EventType::Diplomatic],
    );
}

#[test]
fn crowds_that_turn_out_protest() {
    each_reports(
        &["More than 500 people turned out in front of the consulate on Sunday."],
        EventType::Protest,
    );
    none_of(&["The vote turned out to be close."], &[EventType::Protest]);
}

#[test]
fn envoys_flown_home_are_a_withdrawal_and_are_counted() {
    let (_, x) = run("Twelve diplomats flew home from Varnek on Monday.", None);
    let step = only(&x, EventType::Diplomatic);
    assert_eq!(step.count.as_ref().and_then(|c| c.max), Some(12));
    none_of(
        &["The diplomat flew to Tarvola for talks on Monday."],
        &[EventType::Diplomatic],
    );
}

#[test]
fn people_put_into_a_van_are_taken_away_and_a_poisoning_is_an_attack() {
    each_reports(
        &[
            "Several protesters were pushed into the back of a police van.",
            "Officers bundled two students into an unmarked car outside the campus.",
            "Police officers took the three organisers from the hospital on Friday.",
        ],
        EventType::Arrest,
    );
    none_of(
        &[
            "Workers pushed the crates into the truck before dawn.",
            "She took a book from the shelf.",
        ],
        &[EventType::Arrest],
    );
    each_reports(
        &[
            "The former officer and his daughter were poisoned with a nerve agent in Varna.",
            "The poisoning of the opposition leader shocked the country.",
        ],
        EventType::Attack,
    );
    none_of(
        &["Forty guests were treated for food poisoning after the wedding."],
        &[EventType::Attack],
    );
}

#[test]
fn a_reason_phrase_is_not_moved_by_the_clauses_distance() {
    // "three days after" places the expulsion, not the attack it was over.
    let text = "That came three days after Mrs Lind ordered 23 Estrians out of Tarvik over the \
                attack on Ivo Kask, a former Estrian intelligence officer, and his daughter \
                Mira in Varna on March 4.";
    let date = trigger_date(text, "2018-03-27", "attack");
    assert_ne!(date.as_deref(), Some("2018-03-01"), "{date:?}");
}

#[test]
fn a_pronoun_goes_to_the_bearer_of_its_surname_the_story_is_about() {
    let (doc, x) = run(
        "Police detained Tomas Brenner on Wednesday. Supporters of Tomas Brenner gathered outside \
         the court, where his wife Anna Maria Brenner spoke. On Sunday police arrested him again.",
        Some("2025-03-24"),
    );
    let rearrest = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "arrested")
        .expect("the second arrest");
    let targets: Vec<&str> = rearrest.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["Tomas Brenner"], "{:#?}", rearrest);
}

#[test]
fn gunfire_that_kills_people_is_a_killing_and_gunfire_at_a_building_an_attack() {
    for text in [
        "Security forces fired on protesters in Yangon, killing three.",
        "Troops opened fire on the crowd outside the stadium, killing six.",
        "Soldiers shot protesters in the street, killing two.",
    ] {
        let (_, x) = run(text, None);
        assert!(only(&x, EventType::Killing).killed.is_some(), "{text}");
        assert!(
            x.events.iter().all(|e| e.kind != EventType::Attack),
            "{text}"
        );
    }
    // Fired at a building, or with no one dead: an attack.
    for text in [
        "A gunman opened fire in the embassy lobby, killing a guard.",
        "Police fired on protesters in the capital, wounding twelve.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Attack);
    }
    // Workers on strike are not struck.
    none_of(
        &[
            "Police detained dozens of striking oil workers in the town.",
            "The union said striking miners would stay out until Friday.",
        ],
        &[EventType::Attack],
    );
}

#[test]
fn an_irregular_past_tagged_as_a_present_dates_the_weekday_before() {
    // Published on a Tuesday: "on Monday" is the day before, as the verb is a past
    // ("shot" can never be a present tense).
    let (_, x) = run(
        "Security forces shot dead 14 protesters on Monday.",
        Some("2018-03-27"),
    );
    let killing = only(&x, EventType::Killing);
    let date = killing.date.as_ref().expect("a date");
    assert_eq!(date.start.to_string(), "2018-03-26");
}

#[test]
fn counted_deaths_and_violence_that_left_people_dead_are_killings() {
    let (_, x) = run(
        "The bloodshed followed the deaths of six people on Tuesday.",
        None,
    );
    assert_eq!(only(&x, EventType::Killing).killed, Some(6));
    let (_, x) = run("The unrest has left at least 114 people dead.", None);
    assert_eq!(only(&x, EventType::Killing).killed, Some(114));
    // The dead elsewhere in the sentence are no result of leaving.
    none_of(
        &["The minister left the country on Monday, a day after the dead were buried."],
        &[EventType::Killing],
    );
}

#[test]
fn envoys_given_a_deadline_or_ordered_out_ties_ruptured_and_asylum_granted_are_diplomatic() {
    for text in [
        "Belarus has ordered Latvia's ambassador and all embassy staff to leave within 48 hours.",
        "The junta has given the French ambassador 48 hours to leave the country.",
        "By last night 20 countries had ordered out a combined 116 Russian officials.",
        "Mexico announced the break in diplomatic ties late on Friday.",
        "Mexico granted the former vice-president asylum on Friday afternoon.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Diplomatic);
    }
    // A deadline for something else, and a break of another kind.
    none_of(
        &[
            "The court has given the defence two weeks to file its appeal.",
            "Talks resumed after a break in the afternoon.",
        ],
        &[EventType::Diplomatic],
    );
}

#[test]
fn troops_sent_flown_in_or_pulled_out_are_military_steps() {
    let (_, x) = run(
        "Russia sent a 2,030-strong force to Almaty on Thursday.",
        None,
    );
    let sent = only(&x, EventType::Military);
    // The number inside the word the tokenizer keeps whole counts the force.
    let count = sent.count.as_ref().expect("a count");
    assert_eq!((count.min, count.max), (Some(2030), Some(2030)));
    for text in [
        "More than 2,000 troops were flown in overnight.",
        "The government ordered troops onto the streets of the capital.",
        "Moscow will withdraw its forces from the region next month.",
        "The troops pulled out of the town on Monday.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Military);
    }
    // Police officers or a letter sent somewhere are no deployment.
    none_of(
        &[
            "Police sent officers to the square.",
            "The minister sent a letter to the ambassador.",
        ],
        &[EventType::Military],
    );
}

#[test]
fn prisoners_swapped_traded_or_exchanged_are_freed() {
    for text in [
        "Russia and the United States swapped 26 people at Ankara airport on Thursday.",
        "The two countries appear to be carrying out a large prisoner exchange.",
        "He walked off the plane as one of 24 prisoners traded between Moscow and the West.",
        "The swap of prisoners took place at Ankara airport.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Release);
    }
    // Fire, views, shares and a stock exchange are no prisoners.
    none_of(
        &[
            "The two armies exchanged fire across the border.",
            "The ministers exchanged views on trade.",
            "Investors traded shares on the stock exchange.",
            "The currency swap was renewed for three years.",
        ],
        &[EventType::Release],
    );
}

#[test]
fn calling_in_an_envoy_is_summoning_him() {
    for text in [
        "The Foreign Office called in the Russian ambassador on Monday.",
        "Officials called in Andrei Kelin, Russia's ambassador.",
    ] {
        let (_, x) = run(text, None);
        only(&x, EventType::Diplomatic);
    }
    none_of(
        &[
            "Police called in a forensic team to examine the car.",
            "The ministry called in experts from abroad.",
        ],
        &[EventType::Diplomatic],
    );
}

#[test]
fn curfews_shutdowns_changes_of_office_votes_and_funerals_are_happenings() {
    // Restrictions imposed on a population: a curfew, a state of emergency, martial law,
    // the internet or platforms cut; lifting one, or defying it, is no imposing.
    each_reports(
        &[
            "The government imposed a nationwide curfew on Friday night.",
            "The president declared a state of emergency in three provinces.",
            "The president declared martial law late on Tuesday.",
            "Authorities cut mobile internet across the country.",
            "The regulator blocked Facebook, WhatsApp and YouTube on Thursday.",
            "The interior ministry dissolved the party by decree.",
        ],
        EventType::Restriction,
    );
    none_of(
        &[
            "The army lifted the curfew on Sunday.",
            "Thousands of protesters defied the curfew.",
            "Thousands of people ignored a curfew and poured back onto the streets.",
            "Workers cut the ribbon at the new bridge.",
        ],
        &[EventType::Restriction],
    );
    // Changes of office; a call for a resignation is none.
    each_reports(
        &[
            "The interior minister resigned on Monday evening.",
            "The prime minister stepped down after two days of unrest.",
            "The president dismissed the army chief on Wednesday.",
            "She was sworn in as interim prime minister on Friday.",
            "Karki was sworn in as president at the court on Friday.",
            "The president named Ruphin Zafisambo as prime minister on Monday.",
            "Parliament voted to impeach the president.",
        ],
        EventType::OfficeChange,
    );
    none_of(
        &[
            "Protesters demanded the resignation of the prime minister.",
            "The witness swore in court that she had never met him.",
        ],
        &[EventType::OfficeChange],
    );
    // Elections and legislative votes; the tally of a vote is not a second one.
    each_reports(
        &[
            "The ruling party won the election by a landslide.",
            "Parliament passed the bill in a third reading.",
        ],
        EventType::Vote,
    );
    let (_, x) = run("Lawmakers passed the bill by 83 votes to 23.", None);
    only(&x, EventType::Vote);
    // Funerals and burials; buried under rubble is no burial.
    each_reports(
        &[
            "Thousands attended the funeral of the student leader.",
            "The victims were buried in their home villages on Thursday.",
        ],
        EventType::Funeral,
    );
    none_of(
        &["Two workers were buried under rubble when the wall collapsed."],
        &[EventType::Funeral],
    );
}

#[test]
fn crowds_massing_or_filling_the_streets_protest_and_troops_massing_do_not() {
    each_reports(
        &[
            "Some 150,000 protesters had massed outside parliament by the evening.",
            "Thousands of supporters surrounded the court throughout the day.",
            "A crowd that had filled the avenues since the morning erupted in cheers.",
        ],
        EventType::Protest,
    );
    none_of(
        &[
            "Troops massed on the border.",
            "Police surrounded the protesters.",
            "The family filled the car with luggage.",
        ],
        &[EventType::Protest],
    );
}

#[test]
fn a_toll_rejected_dismissed_or_disputed_by_a_party_is_its_statement() {
    each_reports(
        &[
            "The government has dismissed the UN casualty figures as rumours.",
            "The foreign ministry rejected the U.N. toll.",
            "The president later disputed that figure.",
        ],
        EventType::Statement,
    );
    none_of(
        &["The neighbours disputed the boundary of the field for years."],
        &[EventType::Statement],
    );
}

#[test]
fn a_court_remanding_suspects_is_a_court_step_not_an_arrest() {
    // The police took them days before; the remand is what the court did with them.
    each_reports(
        &[
            "A Moscow court on Tuesday remanded three more suspects in custody.",
            "The magistrate remanded the activists until 12 July.",
        ],
        EventType::Charge,
    );
    none_of(
        &["A Moscow court on Tuesday remanded three more suspects in custody."],
        &[EventType::Arrest],
    );
}

#[test]
fn a_custody_state_holds_the_one_put_in_it() {
    // The captive of "under house arrest" or "into custody" is whoever the verb puts or
    // keeps there, not a participant of the noun itself.
    let cases = [
        (
            "Ali Bongo was placed under house arrest on Wednesday.",
            "Ali Bongo",
        ),
        (
            "Soldiers took the two journalists into custody.",
            "the two journalists",
        ),
        (
            "Neither the president, who remains under house arrest, nor his aides spoke.",
            "the president",
        ),
    ];
    for (text, held) in cases {
        let (_, x) = run(text, None);
        let e = only(&x, EventType::Arrest);
        assert!(e.targets.iter().any(|t| t.text == held), "{text}: {:#?}", e);
    }
    // A singular captive is not the plural who report the detention.
    let (_, x) = run(
        "Her lawyers told reporters that she had been held by soldiers since Wednesday.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    assert!(
        e.targets.iter().all(|t| t.text != "Her lawyers"),
        "{:#?}",
        e.targets
    );
    // A happening, not a state: the force was not arrested.
    let (_, x) = run("Police used force in the arrest.", None);
    for e in &x.events {
        assert!(e.targets.iter().all(|t| t.text != "force"), "{:#?}", e);
    }
}

#[test]
fn a_pronoun_skips_a_person_of_the_other_sex() {
    // The nearest name is a Mr; "her" is the woman named before him.
    let (_, x) = run(
        "Police surrounded the house of Cristiana Ferrer, a rival of Mr Ortega, and put her \
         under house arrest.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["Cristiana Ferrer"], "{e:#?}");
    // Of two bearers of a surname, "him" is not the one written as someone's wife, even
    // when she is named more often.
    let (_, x) = run(
        "Tomas Brenner was released on Monday. His wife Anna Brenner thanked the court. Anna \
         Brenner said the family would appeal. On Sunday police arrested him again.",
        None,
    );
    let e = only(&x, EventType::Arrest);
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["Tomas Brenner"], "{e:#?}");
}

#[test]
fn a_pronoun_takes_up_the_full_name_of_its_own_sentence() {
    // Juan Ferrer is named more often, but "her" takes up the name just before it.
    let x = run(
        "Juan Ferrer spoke on Monday. Juan Ferrer later gave a speech. The crackdown began \
         when officers visited the lawyer Cristiana Ferrer and confined her under house arrest.",
        None,
    );
    let (doc, x) = x;
    let e = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "arrest")
        .expect("the house arrest");
    let targets: Vec<&str> = e.targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(targets, ["Cristiana Ferrer"], "{e:#?}");
}

#[test]
fn an_act_done_without_is_negated() {
    // "without firing a shot" tells that no shot was fired.
    let (doc, x) = run(
        "Rebel fighters took over the airport without firing a shot.",
        None,
    );
    let firing = x.events.iter().find(|e| e.trigger.of(&doc) == "firing");
    assert!(
        firing.is_none_or(|e| e.modality == Modality::Negated),
        "{firing:#?}"
    );
    let (_, x) = run(
        "The two reporters have been held without charge since May.",
        None,
    );
    for e in x.events.iter().filter(|e| e.kind == EventType::Charge) {
        assert_eq!(e.modality, Modality::Negated, "{e:#?}");
    }
}

#[test]
fn armed_men_seizing_a_base_is_a_military_takeover() {
    each_reports(
        &[
            "Mutinous soldiers seized the state radio station before dawn.",
            "By Saturday the fighters had taken over the army headquarters in the southern city.",
        ],
        EventType::Military,
    );
    // Seizing people is still an arrest, and a mutiny is a military act.
    each_reports(
        &["Soldiers seized the governor at his home."],
        EventType::Arrest,
    );
    each_reports(&["The mutiny ended within a day."], EventType::Military);
}

#[test]
fn suspending_or_removing_an_office_holder_is_an_office_change() {
    each_reports(
        &[
            "A Supreme Court justice suspended the governor for 90 days.",
            "Rocha himself was removed from office late on Sunday.",
            "The mayor was suspended from office pending an inquiry.",
        ],
        EventType::OfficeChange,
    );
    // Suspending a service or a match changes no office.
    none_of(
        &["The league suspended the match after crowd trouble."],
        &[EventType::OfficeChange],
    );
}

#[test]
fn dissolving_a_parliament_is_an_office_change_and_a_party_a_restriction() {
    each_reports(
        &[
            "The president dissolved the National Assembly on Tuesday.",
            "Parliament has been dissolved and fresh elections have been called.",
            "He announced the dissolution of Congress in a televised address.",
        ],
        EventType::OfficeChange,
    );
    each_reports(
        &["The interior ministry dissolved the opposition party by decree."],
        EventType::Restriction,
    );
    none_of(
        &["The sugar dissolved slowly in the tea."],
        &[EventType::OfficeChange, EventType::Restriction],
    );
}

#[test]
fn a_crowd_stands_where_it_protests_and_its_harm_is_its_own() {
    // The rally's place is where its crowd stood, not the sentence's wider "across Europe".
    let (doc, x) = run(
        "The verdict set off protests across Europe, including a rally of around 300 people \
         outside the embassy in Portesca the next day.",
        None,
    );
    let rally = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "rally")
        .unwrap_or_else(|| panic!("{:#?}", x.events));
    assert_eq!(
        rally.place.as_ref().map(|p| p.text.as_str()),
        Some("Portesca")
    );
    // Deaths told of the march itself are its casualties.
    let (_, x) = run(
        "Two protesters died during the march in the capital on Sunday.",
        None,
    );
    assert!(
        x.events
            .iter()
            .any(|e| e.kind == EventType::Protest && e.killed == Some(2)),
        "{:#?}",
        x.events
    );
}

#[test]
fn he_after_the_president_is_the_president_not_the_last_name() {
    let text = "President Anton Kerr faced protests in March. The first death was that of Ivo \
                Marek, 29, who was shot in Velmora. Since then the president has tried to \
                regain the initiative. On 11 July he dismissed every member of his cabinet.";
    let (doc, x) = run(text, None);
    let dismissal = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "dismissed")
        .unwrap_or_else(|| panic!("{:#?}", x.events));
    let agents: Vec<&str> = dismissal.agents.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(agents, ["Anton Kerr"], "{dismissal:#?}");
    // "The ousted president" is not the one the title names now.
    let (doc, x) = run(
        &text.replace("the president has", "the ousted president has"),
        None,
    );
    let dismissal = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "dismissed")
        .unwrap_or_else(|| panic!("{:#?}", x.events));
    assert!(
        dismissal.agents.iter().all(|a| a.text != "Anton Kerr"),
        "{dismissal:#?}"
    );
    // "She" is not a president the text calls Mr.
    let (doc, x) = run(
        &text
            .replace("in March.", "in March; Mr Anton Kerr said nothing.")
            .replace(" he dismissed", " she dismissed"),
        None,
    );
    let dismissal = x
        .events
        .iter()
        .find(|e| e.trigger.of(&doc) == "dismissed")
        .unwrap_or_else(|| panic!("{:#?}", x.events));
    assert!(
        dismissal.agents.iter().all(|a| a.text != "Anton Kerr"),
        "{dismissal:#?}"
    );
}
