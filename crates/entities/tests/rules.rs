//! One test (or more) per resolution rule, on invented sentences.

use storyline_entities::{
    resolve, DocEntities, Entity, EntityLabel, NamedPlaces, NoPlaces, PlaceKnowledge, Resolution,
};
use storyline_model::event::EntityMention;
use storyline_model::Span;

/// A tiny world: Moldova (capital Chisinau) and Romania.
struct Tiny;

impl PlaceKnowledge for Tiny {
    fn capital_country(&self, name: &str) -> Option<String> {
        match name.to_lowercase().as_str() {
            "chisinau" => Some("MD".into()),
            "bucharest" => Some("RO".into()),
            _ => None,
        }
    }
    fn demonym_country(&self, word: &str) -> Option<String> {
        match word.to_lowercase().as_str() {
            "moldovan" => Some("MD".into()),
            "romanian" => Some("RO".into()),
            _ => None,
        }
    }
    fn country_name(&self, iso2: &str) -> Option<String> {
        match iso2 {
            "MD" => Some("Moldova".into()),
            "RO" => Some("Romania".into()),
            _ => None,
        }
    }
}

/// A document whose mentions are given as (surface, label), found left to right.
struct Doc {
    id: String,
    text: String,
    mentions: Vec<EntityMention>,
}

fn doc(id: &str, text: &str, items: &[(&str, &str)]) -> Doc {
    let mut from = 0;
    let mentions = items
        .iter()
        .map(|(surface, label)| {
            let at = from
                + text[from..]
                    .find(surface)
                    .unwrap_or_else(|| panic!("{surface:?} not in {text:?} after {from}"));
            from = at + surface.len();
            EntityMention {
                span: Span::new(at, at + surface.len()),
                label: label.to_string(),
                text: surface.to_string(),
            }
        })
        .collect();
    Doc {
        id: id.into(),
        text: text.into(),
        mentions,
    }
}

/// `count` other reports with the same text, so the corpus knows a name better.
fn other_reports(count: usize, text: &str, items: &[(&str, &str)]) -> Vec<Doc> {
    (0..count)
        .map(|k| doc(&format!("o{k}"), text, items))
        .collect()
}

fn run(docs: &[Doc], places: &dyn PlaceKnowledge) -> Resolution {
    let input: Vec<DocEntities<'_>> = docs
        .iter()
        .map(|d| DocEntities {
            id: &d.id,
            text: &d.text,
            mentions: &d.mentions,
            outlet: None,
        })
        .collect();
    resolve(&input, places)
}

fn find<'r>(res: &'r Resolution, alias: &str) -> &'r Entity {
    let hits: Vec<&Entity> = res
        .entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a == alias))
        .collect();
    assert_eq!(hits.len(), 1, "{alias:?} in {:#?}", res.entities);
    hits[0]
}

fn same(res: &Resolution, a: &str, b: &str) -> bool {
    find(res, a).id == find(res, b).id
}

#[test]
fn surnames_join_the_full_name_seen_later_or_earlier() {
    let d = doc(
        "d1",
        "Novak wins vote. Prime Minister Ana Novak said on Monday that Novak's party had won.",
        &[("Novak", "PER"), ("Ana Novak", "PER"), ("Novak", "PER")],
    );
    let res = run(&[d], &NoPlaces);
    let e = find(&res, "Novak");
    assert_eq!(e.name, "Ana Novak");
    assert_eq!(e.kind, EntityLabel::Per);
    assert_eq!(e.mentions, 3);
    assert_eq!(res.entities.len(), 1);
}

#[test]
fn titles_are_stripped_for_matching_but_kept_as_aliases() {
    let d = doc(
        "d1",
        "Bishop Varga met Prime Minister Novak. Ana Novak later thanked Tomas Varga. \
         Mr. Varga and Gen. Petrov left; Ivan Petrov stayed.",
        &[
            ("Bishop Varga", "PER"),
            ("Prime Minister Novak", "PER"),
            ("Ana Novak", "PER"),
            ("Tomas Varga", "PER"),
            ("Mr. Varga", "PER"),
            ("Gen. Petrov", "PER"),
            ("Ivan Petrov", "PER"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    assert_eq!(res.entities.len(), 3, "{:#?}", res.entities);
    let varga = find(&res, "Bishop Varga");
    assert_eq!(varga.name, "Tomas Varga");
    assert_eq!(varga.aliases, ["Bishop Varga", "Mr. Varga", "Tomas Varga"]);
    assert!(same(&res, "Prime Minister Novak", "Ana Novak"));
    assert!(same(&res, "Gen. Petrov", "Ivan Petrov"));
    assert_eq!(find(&res, "Ana Novak").name, "Ana Novak");
}

#[test]
fn acronyms_join_the_name_their_capitals_spell() {
    let d = doc(
        "d1",
        "The National Security Agency declined to comment. Later the NSA said it had no role. \
         The Ministry of Foreign Affairs and the MFA agreed.",
        &[
            ("National Security Agency", "ORG"),
            ("NSA", "ORG"),
            ("Ministry of Foreign Affairs", "ORG"),
            ("MFA", "ORG"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    assert!(same(&res, "NSA", "National Security Agency"));
    assert!(same(&res, "MFA", "Ministry of Foreign Affairs"));
    assert_eq!(res.entities.len(), 2);
}

#[test]
fn parenthesised_and_known_as_aliases() {
    let d = doc(
        "d1",
        "Ivan Petrov (known as Vanya) was arrested by officers of the National Security \
         Bureau (NSB). Vanya denied it; the NSB said nothing. Ana Lind, known as Anka, wept.",
        &[
            ("Ivan Petrov", "PER"),
            ("Vanya", "PER"),
            ("National Security \n", "ORG"),
            ("NSB", "ORG"),
            ("Vanya", "PER"),
            ("NSB", "ORG"),
            ("Ana Lind", "PER"),
            ("Anka", "PER"),
        ]
        .map(|(s, l)| (s.trim_end_matches('\n'), l)),
    );
    let res = run(&[d], &NoPlaces);
    assert!(same(&res, "Vanya", "Ivan Petrov"));
    assert_eq!(find(&res, "Vanya").mentions, 3);
    // The recogniser stopped after "Security"; the name is extended to "Bureau".
    assert!(same(&res, "NSB", "National Security Bureau"));
    assert!(same(&res, "Anka", "Ana Lind"));
}

#[test]
fn an_alias_goes_to_the_name_it_spells_or_describes() {
    let d = doc(
        "d1",
        "The Permanent Council of the Organization of American States (OAS) met on Wednesday. \
         He is held in the Coastal Penitentiary in Marvale, known as El Pozo. The OAS said \
         the Organization of American States would send observers to Marvale.",
        &[
            (
                "Permanent Council of the Organization of American States",
                "ORG",
            ),
            ("OAS", "ORG"),
            ("Coastal Penitentiary", "LOC"),
            ("Marvale", "LOC"),
            ("El Pozo", "LOC"),
            ("OAS", "ORG"),
            ("Organization of American States", "ORG"),
            ("Marvale", "LOC"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    assert!(same(&res, "OAS", "Organization of American States"));
    assert!(!same(
        &res,
        "OAS",
        "Permanent Council of the Organization of American States"
    ));
    assert!(!same(&res, "El Pozo", "Marvale"));
}

#[test]
fn ministry_variants_are_one_body() {
    let d = doc(
        "d1",
        "The Ministry of Defence of Moldova confirmed the purchase. A spokesman for the \
         Moldovan Defence Ministry said more would follow, and the defence ministry later \
         published the contract. Moldova's defence ministry declined further comment.",
        &[
            ("Ministry of Defence of Moldova", "ORG"),
            ("Moldovan Defence Ministry", "ORG"),
        ],
    );
    let res = run(&[d], &Tiny);
    let e = find(&res, "Ministry of Defence of Moldova");
    assert_eq!(e.kind, EntityLabel::Org);
    assert_eq!(
        e.aliases,
        [
            "Ministry of Defence of Moldova",
            "Moldova's defence ministry",
            "Moldovan Defence Ministry",
            "the defence ministry"
        ]
    );
    assert_eq!(e.mentions, 4);
}

#[test]
fn lowercase_descriptions_need_exactly_one_organisation() {
    let one = doc(
        "d1",
        "The National Security Bureau raided the flat. The bureau said it acted lawfully.",
        &[("National Security Bureau", "ORG")],
    );
    let two = doc(
        "d2",
        "The National Security Bureau and the Customs Bureau disagreed; the bureau said nothing.",
        &[
            ("National Security Bureau", "ORG"),
            ("Customs Bureau", "ORG"),
        ],
    );
    let res = run(&[one, two], &NoPlaces);
    let nsb = find(&res, "National Security Bureau");
    assert!(nsb.aliases.contains(&"the bureau".to_string()), "{nsb:?}");
    let ms = res.mentions("d2");
    assert_eq!(ms.len(), 2, "ambiguous description left out: {ms:?}");
}

#[test]
fn capitals_that_speak_act_for_their_government() {
    let text = "Chisinau said on Monday it would respond. Protesters gathered in Chisinau. \
                Diplomats in Chisinau said nothing. Moldova is small.";
    let d = doc(
        "d1",
        text,
        &[
            ("Chisinau", "LOC"),
            ("Chisinau", "LOC"),
            ("Chisinau", "LOC"),
            ("Moldova", "LOC"),
        ],
    );
    let res = run(&[d], &Tiny);
    let ms = res.mentions("d1");
    assert_eq!(ms.len(), 4);
    // Every mention of the capital is the city's: the city and the country stay apart.
    let city = &res.entities[ms[0].entity];
    assert_eq!(city.name, "Chisinau");
    assert_eq!(ms[0].entity, ms[1].entity);
    assert_eq!(ms[1].entity, ms[2].entity);
    let moldova = find(&res, "Moldova");
    assert_eq!(moldova.aliases, ["Moldova"]);
    // As the subject of "said" it acts for the government, which is what an event
    // argument there names; after "in" it is only the city.
    let at = |from: usize| {
        let start = text[from..].find("Chisinau").unwrap() + from;
        res.entity_at("d1", Span::new(start, start + "Chisinau".len()))
            .map(str::to_string)
    };
    assert_eq!(at(0), Some(moldova.id.clone()));
    assert_eq!(at(10), Some(city.id.clone()));
    assert_eq!(
        ms[0].acting_for,
        Some(
            res.entities
                .iter()
                .position(|e| e.id == moldova.id)
                .unwrap()
        )
    );
    assert_eq!(ms[1].acting_for, None);
}

#[test]
fn demonyms_are_their_country() {
    let d = doc(
        "d1",
        "Moldovan troops crossed into Moldova's north. The Romanian side said nothing.",
        &[
            ("Moldovan", "MISC"),
            ("Moldova", "LOC"),
            ("Romanian", "MISC"),
        ],
    );
    let res = run(&[d], &Tiny);
    let md = find(&res, "Moldovan");
    assert_eq!(md.name, "Moldova");
    assert_eq!(md.kind, EntityLabel::Loc);
    assert_eq!(md.aliases, ["Moldova", "Moldovan"]);
    // The country is an entity even when only its demonym occurs.
    let ro = find(&res, "Romanian");
    assert_eq!((ro.name.as_str(), ro.kind), ("Romania", EntityLabel::Loc));
}

#[test]
fn demonyms_without_place_knowledge_come_from_the_corpus() {
    let a = doc(
        "a",
        "Calvena protested. Calvenan officials met.",
        &[("Calvena", "LOC"), ("Calvenan", "MISC")],
    );
    let b = doc(
        "b",
        "The Selvanian envoy left Selvane.",
        &[("Selvanian", "MISC"), ("Selvane", "LOC")],
    );
    let res = run(&[a, b], &NoPlaces);
    assert!(same(&res, "Calvenan", "Calvena"));
    assert!(same(&res, "Selvanian", "Selvane"));
    assert_eq!(find(&res, "Calvenan").kind, EntityLabel::Loc);
}

#[test]
fn people_sharing_a_surname_with_different_given_names_never_merge() {
    let a = doc(
        "a",
        "Ana Novak and her brother Petr Novak spoke. Novak's lawyer, for Ana Novak, said more.",
        &[
            ("Ana Novak", "PER"),
            ("Petr Novak", "PER"),
            ("Novak", "PER"),
            ("Ana Novak", "PER"),
        ],
    );
    let b = doc("b", "Petr Novak was released.", &[("Petr Novak", "PER")]);
    let c = doc("c", "Novak appealed.", &[("Novak", "PER")]);
    let d = doc(
        "d",
        "A. Novak and P. Novak met.",
        &[("A. Novak", "PER"), ("P. Novak", "PER")],
    );
    let res = run(&[a, b, c, d], &NoPlaces);
    let ana = find(&res, "Ana Novak");
    let petr = find(&res, "Petr Novak");
    assert_ne!(ana.id, petr.id);
    assert_eq!(petr.docs, ["a", "b", "d"]);
    assert_eq!(
        ana.docs,
        ["a", "d"],
        "initials join the matching given name"
    );
    // The surname alone in document c could be either: it stays apart.
    let ms = res.mentions("c");
    assert!(ms
        .iter()
        .all(|m| m.entity != res.entities.iter().position(|e| e.id == ana.id).unwrap()));
    assert!(ms
        .iter()
        .all(|m| m.entity != res.entities.iter().position(|e| e.id == petr.id).unwrap()));
}

#[test]
fn cross_document_merges() {
    let a = doc(
        "a",
        "Mira Solanek of Open Square was detained by the National Security Bureau (NSB).",
        &[
            ("Mira Solanek", "PER"),
            ("Open Square", "ORG"),
            ("National Security Bureau", "ORG"),
            ("NSB", "ORG"),
        ],
    );
    // Surname only, one known full name with it: merged. An acronym alone: merged with its
    // expansion. The same full name: merged.
    let b = doc(
        "b",
        "Solanek appealed. The NSB declined to comment. Open Square rallied.",
        &[("Solanek", "PER"), ("NSB", "ORG"), ("Open Square", "LOC")],
    );
    let c = doc("c", "Mira Solanek was jailed.", &[("Mira Solanek", "PER")]);
    let res = run(&[a, b, c], &NoPlaces);
    assert_eq!(find(&res, "Solanek").docs, ["a", "b", "c"]);
    assert_eq!(find(&res, "NSB").docs, ["a", "b"]);
    assert_eq!(find(&res, "Open Square").docs, ["a", "b"]);
    assert_eq!(res.entities.len(), 3, "{:#?}", res.entities);
}

#[test]
fn surname_only_needs_matching_types() {
    // A place that happens to share a surname-like word is not a person.
    let a = doc(
        "a",
        "Karl Hallen spoke. Hallen border crossing opened. Trucks queued at Hallen.",
        &[("Karl Hallen", "PER"), ("Hallen", "LOC"), ("Hallen", "LOC")],
    );
    let b = doc(
        "b",
        "Queues at Hallen grew. Hallen was closed.",
        &[("Hallen", "LOC"), ("Hallen", "LOC")],
    );
    let res = run(&[a, b], &NoPlaces);
    let karl = find(&res, "Karl Hallen");
    assert_eq!(karl.mentions, 1, "{karl:?}");
    let ms = res.mentions("b");
    let place = &res.entities[ms[0].entity];
    assert_eq!(place.kind, EntityLabel::Loc);
    assert_eq!(place.docs, ["a", "b"]);
}

#[test]
fn ids_are_stable_content_hashes() {
    let make = || {
        vec![
            doc(
                "a",
                "Ana Novak spoke in Chisinau.",
                &[("Ana Novak", "PER"), ("Chisinau", "LOC")],
            ),
            doc("b", "Novak left.", &[("Novak", "PER")]),
        ]
    };
    let r1 = run(&make(), &Tiny);
    let r2 = run(&make(), &Tiny);
    let ids = |r: &Resolution| r.entities.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&r1), ids(&r2));
    let novak = find(&r1, "Novak");
    assert_eq!(novak.id.len(), 16);
    assert!(novak.id.chars().all(|c| c.is_ascii_hexdigit()));
    // The id depends on type and name only, not on which documents mention it.
    let r3 = run(&[doc("z", "Ana Novak.", &[("Ana Novak", "PER")])], &Tiny);
    assert_eq!(r3.entities[0].id, novak.id);
    assert_eq!(
        r1.entity(&novak.id).map(|e| e.name.as_str()),
        Some("Ana Novak")
    );
}

#[test]
fn entity_at_maps_argument_spans_to_the_name_inside() {
    let text = "Police said opposition leader Mira Solanek was held by officers of the National \
                Security Bureau (NSB) and that the mother of Jana Kovel, Irena Kovel, was told.";
    let d = doc(
        "d",
        text,
        &[
            ("Mira Solanek", "PER"),
            ("National Security Bureau", "ORG"),
            ("NSB", "ORG"),
            ("Jana Kovel", "PER"),
            ("Irena Kovel", "PER"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    let span_of = |s: &str| {
        let at = text.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let id = |alias: &str| find(&res, alias).id.clone();
    let at = |s: &str| res.entity_at("d", span_of(s)).map(str::to_string);
    assert_eq!(
        at("opposition leader Mira Solanek"),
        Some(id("Mira Solanek"))
    );
    assert_eq!(
        at("officers of the National Security Bureau (NSB)"),
        Some(id("NSB"))
    );
    assert_eq!(
        at("the mother of Jana Kovel, Irena Kovel"),
        Some(id("Irena Kovel"))
    );
    assert_eq!(
        at("Solanek"),
        Some(id("Mira Solanek")),
        "a span inside a mention"
    );
    assert_eq!(at("Police said"), None);
    assert_eq!(res.entity_at("other", span_of("Mira Solanek")), None);
}

#[test]
fn recogniser_noise_is_repaired_or_dropped() {
    let d = doc(
        "d",
        "“Velmora’s” mayor met the president. The Velmora Courier reported it. Monday was calm. \
         Velmora said nothing. In Velmora, the Open Square movement marched.",
        &[
            ("“Velmora’s”", "ORG"),
            ("president", "PER"),
            ("The Velmora Courier", "PER"),
            ("Monday", "ORG"),
            ("Velmora", "LOC"),
            ("Velmora", "LOC"),
            ("Open", "MISC"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    let names: Vec<&str> = res.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Velmora", "Velmora Courier", "Open Square"]);
    let velmora = find(&res, "Velmora");
    assert_eq!(velmora.kind, EntityLabel::Loc, "two LOC votes beat one ORG");
    assert_eq!(velmora.mentions, 3);
    assert_eq!(
        velmora.aliases,
        ["Velmora"],
        "quotes and possessive trimmed"
    );
}

#[test]
fn odd_input_never_panics() {
    let text = "Zoë Ñúñez met Łukasz in Kraków.";
    let bad = vec![
        EntityMention {
            span: Span { start: 2, end: 3 },
            label: "PER".into(),
            text: "ë".into(),
        },
        EntityMention {
            span: Span { start: 9, end: 400 },
            label: "LOC".into(),
            text: String::new(),
        },
        EntityMention {
            span: Span { start: 20, end: 3 },
            label: "???".into(),
            text: String::new(),
        },
        EntityMention {
            span: Span { start: 0, end: 0 },
            label: "ORG".into(),
            text: String::new(),
        },
    ];
    let docs = [
        DocEntities {
            id: "x",
            text,
            mentions: &bad,
            outlet: None,
        },
        DocEntities {
            id: "empty",
            text: "",
            mentions: &bad,
            outlet: None,
        },
        DocEntities {
            id: "x",
            text,
            mentions: &[],
            outlet: None,
        },
    ];
    let res = resolve(&docs, &NoPlaces);
    assert!(res.entities.iter().all(|e| !e.name.is_empty()));
    assert!(resolve(&[], &Tiny).entities.is_empty());
    // Every byte offset as a query span.
    for a in 0..=text.len() + 2 {
        for b in a..=text.len() + 2 {
            let _ = res.entity_at("x", Span::new(a, b));
        }
    }
}

#[test]
fn json_line_has_the_contract_fields() {
    let res = run(
        &[doc(
            "a",
            "Ana Novak spoke. Novak left.",
            &[("Ana Novak", "PER"), ("Novak", "PER")],
        )],
        &NoPlaces,
    );
    let line = res.entities[0].to_json();
    let obj = line.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["aliases", "docs", "id", "mentions", "name", "type", "v"]
    );
    assert_eq!(line["v"], 1);
    assert_eq!(line["type"], "PER");
    assert_eq!(line["aliases"], serde_json::json!(["Ana Novak", "Novak"]));
    assert_eq!(res.to_jsonl().lines().count(), 1);
}

#[test]
fn an_unqualified_name_shared_by_several_countries_stays_apart() {
    let a = doc(
        "a",
        "The Moldovan Foreign Ministry protested. The Romanian Foreign Ministry replied.",
        &[
            ("Moldovan Foreign Ministry", "ORG"),
            ("Romanian Foreign Ministry", "ORG"),
        ],
    );
    let b = doc(
        "b",
        "The Ministry of Foreign Affairs of Moldova said more.",
        &[("Ministry of Foreign Affairs of Moldova", "ORG")],
    );
    // Whose? The text does not say, and two countries have one.
    let c = doc(
        "c",
        "The Foreign Ministry declined to comment.",
        &[("Foreign Ministry", "ORG")],
    );
    // An interior ministry only ever appears without a country: its variants still meet.
    let d = doc(
        "d",
        "The Ministry of the Interior said.",
        &[("Ministry of the Interior", "ORG")],
    );
    let e = doc(
        "e",
        "The Interior Ministry said.",
        &[("Interior Ministry", "ORG")],
    );
    let res = run(&[a, b, c, d, e], &Tiny);
    assert!(same(
        &res,
        "Moldovan Foreign Ministry",
        "Ministry of Foreign Affairs of Moldova"
    ));
    assert!(!same(
        &res,
        "Moldovan Foreign Ministry",
        "Romanian Foreign Ministry"
    ));
    let unqualified = find(&res, "Foreign Ministry");
    assert_eq!(unqualified.docs, ["c"]);
    assert!(same(&res, "Ministry of the Interior", "Interior Ministry"));
}

#[test]
fn a_state_body_belongs_to_the_country_its_names_give() {
    let a = doc(
        "d1",
        "The Moldovan Defence Ministry signed the contract.",
        &[("Moldovan Defence Ministry", "ORG")],
    );
    let b = doc(
        "d2",
        "Moldova said on Monday that Romania had been told. The Central Electoral Commission \
         met in Bucharest.",
        &[
            ("Moldova", "LOC"),
            ("Romania", "LOC"),
            ("Central Electoral Commission", "ORG"),
            ("Bucharest", "LOC"),
        ],
    );
    let res = run(&[a, b], &Tiny);
    let ministry = find(&res, "Moldovan Defence Ministry");
    let moldova = find(&res, "Moldova");
    assert_eq!(ministry.country.as_deref(), Some(moldova.id.as_str()));
    // A country is not part of itself; a body whose names give no country has none.
    assert_eq!(moldova.country, None);
    assert_eq!(find(&res, "Romania").country, None);
    assert_eq!(find(&res, "Central Electoral Commission").country, None);
}

#[test]
fn an_acronym_in_parentheses_after_an_organisation_is_its_alias() {
    // The letters follow the organisation's own language, not the English words.
    let d = doc(
        "d1",
        "The Federal Security Service (FSB) said it had detained a man. The FSB gave no name.",
        &[
            ("Federal Security Service", "ORG"),
            ("FSB", "ORG"),
            ("FSB", "ORG"),
        ],
    );
    let res = run(&[d], &Tiny);
    assert!(same(&res, "Federal Security Service", "FSB"));
    // A person's party in parentheses is not the person.
    let d = doc(
        "d2",
        "Maia Sandu (PAS) spoke first.",
        &[("Maia Sandu", "PER"), ("PAS", "ORG")],
    );
    let res = run(&[d], &Tiny);
    assert!(!same(&res, "Maia Sandu", "PAS"));
}

#[test]
fn an_acronym_one_document_ties_to_its_name_is_that_body_in_another() {
    // "ECOWAS" is not the initials of the English name, so only the first document's
    // parenthesis says whose acronym it is.
    let a = doc(
        "a",
        "Leaders of the Economic Community of West African States (ECOWAS) met in Abuja.",
        &[
            ("Economic Community of West African States", "ORG"),
            ("ECOWAS", "ORG"),
            ("Abuja", "LOC"),
        ],
    );
    let b = doc(
        "b",
        "ECOWAS ordered its standby force activated.",
        &[("ECOWAS", "ORG")],
    );
    let res = run(&[a, b], &Tiny);
    let body = find(&res, "Economic Community of West African States");
    assert_eq!(body.docs.len(), 2, "{body:?}");
    // Without a document that ties it to a name, an acronym stays its own entity.
    let c = doc(
        "c",
        "The Federal Security Service said it had detained a man.",
        &[("Federal Security Service", "ORG")],
    );
    let d = doc("d", "ECOWAS said nothing.", &[("ECOWAS", "ORG")]);
    let res = run(&[c, d], &Tiny);
    assert!(!same(&res, "Federal Security Service", "ECOWAS"));
}

#[test]
fn names_spelt_with_and_without_accents_are_one() {
    let a = doc(
        "a",
        "Mines minister Ousmane Cissé was detained in Tillabéri.",
        &[("Ousmane Cissé", "PER"), ("Tillabéri", "LOC")],
    );
    let b = doc(
        "b",
        "Ousmane Cisse, the mines minister, had visited Tillaberi.",
        &[("Ousmane Cisse", "PER"), ("Tillaberi", "LOC")],
    );
    let res = run(&[a, b], &Tiny);
    assert!(same(&res, "Ousmane Cissé", "Ousmane Cisse"));
    assert!(same(&res, "Tillabéri", "Tillaberi"));
    // The letters themselves still count.
    let c = doc("c", "Ousmane Cissa spoke.", &[("Ousmane Cissa", "PER")]);
    let res = run(
        &[
            doc("a", "Ousmane Cissé spoke.", &[("Ousmane Cissé", "PER")]),
            c,
        ],
        &Tiny,
    );
    assert!(!same(&res, "Ousmane Cissé", "Ousmane Cissa"));
}

#[test]
fn a_capital_after_a_preposition_or_in_a_dateline_is_the_city() {
    let d = doc(
        "d1",
        "CHISINAU, Sept 16 - Officers searched 40 addresses in Chisinau on Monday.",
        &[("CHISINAU", "ORG"), ("Chisinau", "ORG")],
    );
    let res = run(&[d], &Tiny);
    let city = find(&res, "Chisinau");
    assert_eq!(city.kind, EntityLabel::Loc);
    assert!(same(&res, "CHISINAU", "Chisinau"));
}

#[test]
fn a_place_is_not_the_organisation_its_name_opens() {
    let d = doc(
        "d1",
        "VELMORA, May 3 (Ostra Press) - Fighters active in the Ostra crossed the river. \
         The Courier of Velmora said the crossing was calm.",
        &[
            ("Ostra Press", "PER"),
            ("Ostra", "LOC"),
            ("Courier of Velmora", "ORG"),
        ],
    );
    let res = run(&[d], &Tiny);
    assert_eq!(find(&res, "Ostra Press").kind, EntityLabel::Org);
    assert!(!same(&res, "Ostra", "Ostra Press"));
    assert_eq!(find(&res, "Ostra").kind, EntityLabel::Loc);
}

#[test]
fn the_words_around_a_name_can_make_it_a_place() {
    let d = doc(
        "d1",
        "OSTEMUND, May 3 - Clashes spread to the Varnik and Sollo regions, the town of Kesh \
         and a rally on Pelna Avenue. Ostemund is calm.",
        &[
            ("OSTEMUND", "LOC"),
            ("Varnik", "LOC"),
            ("Sollo", "MISC"),
            ("Kesh", "PER"),
            ("Pelna Avenue", "ORG"),
            ("Ostemund", "LOC"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    assert_eq!(find(&res, "Sollo").kind, EntityLabel::Loc);
    assert_eq!(find(&res, "Pelna Avenue").kind, EntityLabel::Loc);
    // A person's label stands: "the town of" may precede a name, not prove it.
    assert_eq!(find(&res, "Kesh").kind, EntityLabel::Per);
    // The shouted dateline form is an alias, not the name.
    assert_eq!(find(&res, "OSTEMUND").name, "Ostemund");
}

#[test]
fn a_surname_with_and_without_its_arabic_article_is_one() {
    let a = doc(
        "a",
        "Supporters of the cleric Moqtada al-Sadr stormed the embassy.",
        &[("Moqtada al-Sadr", "PER")],
    );
    let b = doc(
        "b",
        "Followers of Moqtada Sadr marched. Sadr called for calm.",
        &[("Moqtada Sadr", "PER"), ("Sadr", "PER")],
    );
    let c = doc(
        "c",
        "A statement from al-Sadr's office urged calm.",
        &[("al-Sadr", "PER")],
    );
    let res = run(&[a, b, c], &Tiny);
    assert!(same(&res, "Moqtada al-Sadr", "Moqtada Sadr"));
    assert!(same(&res, "Moqtada al-Sadr", "Sadr"));
    assert!(same(&res, "Moqtada al-Sadr", "al-Sadr"));
}

#[test]
fn a_name_headed_by_an_organisation_word_is_an_organisation() {
    let d = doc(
        "a",
        "The African Union called for calm. The African Union met in Addis Ababa.",
        &[
            ("African Union", "LOC"),
            ("African Union", "LOC"),
            ("Addis Ababa", "LOC"),
        ],
    );
    let res = run(&[d], &Tiny);
    assert_eq!(find(&res, "African Union").kind, EntityLabel::Org);
    assert_eq!(find(&res, "Addis Ababa").kind, EntityLabel::Loc);
    // The recogniser's MISC gives way too.
    let e = doc(
        "b",
        "The European Parliament voted on Thursday.",
        &[("European Parliament", "MISC")],
    );
    let res = run(&[e], &Tiny);
    assert_eq!(find(&res, "European Parliament").kind, EntityLabel::Org);
}

#[test]
fn a_name_headed_before_its_of_or_by_a_place_word_takes_the_head_type() {
    // "Bar Association of Sri Lanka" is headed by "Association", not by the country after
    // "of" that the recogniser followed.
    let d = doc(
        "a",
        "The Bar Association of Sri Lanka protested. Crowds gathered by Beira Lake. \
         Police blocked Minto Road.",
        &[
            ("Bar Association of Sri Lanka", "LOC"),
            ("Beira Lake", "ORG"),
            ("Minto Road", "PER"),
        ],
    );
    let res = run(&[d], &Tiny);
    assert_eq!(
        find(&res, "Bar Association of Sri Lanka").kind,
        EntityLabel::Org
    );
    assert_eq!(find(&res, "Beira Lake").kind, EntityLabel::Loc);
    assert_eq!(find(&res, "Minto Road").kind, EntityLabel::Loc);
    // A person whose surname is a place word stays a person when a title says so.
    let e = doc(
        "b",
        "Mr Andrew Lake spoke. Lake said the vote was fair.",
        &[("Andrew Lake", "PER"), ("Lake", "PER")],
    );
    let res = run(&[e], &Tiny);
    assert_eq!(find(&res, "Andrew Lake").kind, EntityLabel::Per);
}

#[test]
fn a_name_without_its_middle_name_is_the_same_person() {
    let a = doc(
        "a",
        "Family members identified the dead man as Rex Kanyike Masai, 29.",
        &[("Rex Kanyike Masai", "PER")],
    );
    let b = doc(
        "b",
        "Rex Masai, a 29-year-old man, became a symbol.",
        &[("Rex Masai", "PER")],
    );
    let c = doc(
        "c",
        "Rex Odhiambo Masai, his cousin, spoke.",
        &[("Rex Odhiambo Masai", "PER")],
    );
    let res = run(&[a, b, c], &NoPlaces);
    assert!(same(&res, "Rex Kanyike Masai", "Rex Masai"));
    // Two different middle names are two people, even with the short form between them.
    assert!(!same(&res, "Rex Kanyike Masai", "Rex Odhiambo Masai"));
}

#[test]
fn a_surname_alone_goes_to_the_bearer_named_before_it() {
    // The son is the more frequent name in the corpus, but the reader of document a meets the
    // surname alone right after the father's full name.
    let a = doc(
        "a",
        "The dead included their leader, Christian Malanga. Malanga was shot dead. \
         One suspect was Marcel Malanga, his son.",
        &[
            ("Christian Malanga", "PER"),
            ("Malanga", "PER"),
            ("Marcel Malanga", "PER"),
        ],
    );
    let b = doc(
        "b",
        "Marcel Malanga appeared in court. Marcel Malanga denied the charges.",
        &[("Marcel Malanga", "PER"), ("Marcel Malanga", "PER")],
    );
    let res = run(&[a, b], &NoPlaces);
    let father = find(&res, "Christian Malanga");
    let son = find(&res, "Marcel Malanga");
    assert_ne!(father.id, son.id);
    assert_eq!(find(&res, "Malanga").id, father.id);
    assert_eq!(son.mentions, 3);

    // Named equally often before it, the bearer is not told apart by position.
    let c = doc(
        "c",
        "Ana Novak and Petr Novak spoke. Novak said more.",
        &[
            ("Ana Novak", "PER"),
            ("Petr Novak", "PER"),
            ("Novak", "PER"),
        ],
    );
    let res = run(&[c], &NoPlaces);
    assert_eq!(res.entities.len(), 3, "{:#?}", res.entities);
}

#[test]
fn a_surname_written_before_any_bearer_goes_to_the_one_the_corpus_knows_best() {
    // Document a uses the surname alone as a name the reader knows, then names a relative in
    // full; the corpus names the freed prisoner far more often.
    let a = doc(
        "a",
        "Orlov and Lind came down the steps. Ivo Lind, whose brother was freed, wept.",
        &[("Orlov", "PER"), ("Lind", "PER"), ("Ivo Lind", "PER")],
    );
    let b = doc(
        "b",
        "Mark Lind was freed on Thursday. Mark Lind had been held since 2018.",
        &[("Mark Lind", "PER"), ("Mark Lind", "PER")],
    );
    let c = doc(
        "c",
        "The case recalls that of Mark Lind, a former soldier.",
        &[("Mark Lind", "PER")],
    );
    let res = run(&[a, b, c], &NoPlaces);
    let prisoner = find(&res, "Mark Lind");
    assert_eq!(find(&res, "Lind").id, prisoner.id);
    assert_ne!(find(&res, "Ivo Lind").id, prisoner.id);

    // Without a better-known bearer, the full name that follows explains the surname.
    let a = doc(
        "a",
        "Orlov and Lind came down the steps. Ivo Lind, a former soldier, wept.",
        &[("Orlov", "PER"), ("Lind", "PER"), ("Ivo Lind", "PER")],
    );
    let c = doc(
        "c",
        "The case recalls that of Mark Lind, a former soldier.",
        &[("Mark Lind", "PER")],
    );
    let res = run(&[a, c], &NoPlaces);
    assert_eq!(find(&res, "Lind").id, find(&res, "Ivo Lind").id);
}

#[test]
fn a_spanish_name_is_called_by_its_first_surname() {
    let a = doc(
        "a",
        "The candidate Tomás Herrera Villalba left for Madrid. Herrera said he would return. \
         Among those held is Lucía Herrera, a former deputy.",
        &[
            ("Tomás Herrera Villalba", "PER"),
            ("Herrera", "PER"),
            ("Lucía Herrera", "PER"),
        ],
    );
    let b = doc(
        "b",
        "Tomás Herrera landed in Madrid on Sunday.",
        &[("Tomás Herrera", "PER")],
    );
    let res = run(&[a, b], &NoPlaces);
    let candidate = find(&res, "Tomás Herrera Villalba");
    assert_eq!(find(&res, "Herrera").id, candidate.id);
    assert_eq!(find(&res, "Tomás Herrera").id, candidate.id);
    assert_ne!(find(&res, "Lucía Herrera").id, candidate.id);
}

#[test]
fn an_arabic_name_with_its_article_has_given_names_before_it() {
    // "Abdel Fattah" is the president's given name, and another woman's surname.
    let a = doc(
        "a",
        "President Karim Nasser al-Rashidi spoke on Sunday. Police detained Leila Karim Nasser \
         at her home. Karim Nasser, a co-founder of the movement, appeared before prosecutors.",
        &[
            ("Karim Nasser al-Rashidi", "PER"),
            ("Leila Karim Nasser", "PER"),
            ("Karim Nasser", "PER"),
        ],
    );
    let b = doc(
        "b",
        "Karim Nasser al-Rashidi thanked the army.",
        &[("Karim Nasser al-Rashidi", "PER")],
    );
    let res = run(&[a, b], &NoPlaces);
    assert_ne!(
        find(&res, "Karim Nasser").id,
        find(&res, "Karim Nasser al-Rashidi").id
    );
}

#[test]
fn a_given_name_tagged_apart_joins_its_surname_when_the_corpus_knows_the_full_name() {
    let a = doc(
        "a",
        "The group was led by their leader, Christian Malanga, the army said.",
        &[("Christian", "MISC"), ("Malanga", "PER")],
    );
    let b = doc(
        "b",
        "Christian Malanga had lived in Utah. Catholic Malanga supporters prayed.",
        &[
            ("Christian Malanga", "PER"),
            ("Catholic", "MISC"),
            ("Malanga", "PER"),
        ],
    );
    let res = run(&[a, b], &NoPlaces);
    let leader = find(&res, "Christian Malanga");
    assert_eq!(leader.docs, ["a", "b"]);
    assert!(
        res.entities.iter().all(|e| e.name != "Christian"),
        "the given name is no entity of its own: {:#?}",
        res.entities
    );
    // "Catholic Malanga" is no name the corpus knows: the religion stays apart.
    assert!(res.entities.iter().any(|e| e.name == "Catholic"));
}

#[test]
fn a_surname_two_bearers_share_goes_to_neither_unless_one_clearly_leads() {
    // An editor and a magistrate, each named once here and about as often elsewhere: "Mr
    // Law" is for the text to tell, not for a count across the corpus.
    let a = doc(
        "a",
        "Editor Ryan Law was charged, and Chief Magistrate Victoria Law refused bail. Mr Law appears again in August.",
        &[("Ryan Law", "PER"), ("Victoria Law", "PER"), ("Law", "PER")],
    );
    let b = doc(
        "b",
        "Chief Magistrate Victoria Law granted bail to 15. Victoria Law gave no reasons.",
        &[("Victoria Law", "PER"), ("Victoria Law", "PER")],
    );
    let c = doc("c", "Ryan Law was arrested.", &[("Ryan Law", "PER")]);
    let res = run(&[a, b, c], &NoPlaces);
    let ryan = find(&res, "Ryan Law");
    let victoria = find(&res, "Victoria Law");
    assert_ne!(ryan.id, victoria.id);
    assert!(!victoria.aliases.iter().any(|x| x == "Mr Law" || x == "Law"));
    // The story's protagonist, named far more often, takes the surname of a scene where a
    // relative is named as often as she is.
    let lead = doc(
        "d",
        "Mira Solanek was detained, said Paul Solanek, her brother. A lawyer for Solanek spoke.",
        &[
            ("Mira Solanek", "PER"),
            ("Paul Solanek", "PER"),
            ("Solanek", "PER"),
        ],
    );
    let more: Vec<Doc> = (0..3)
        .map(|k| {
            doc(
                &format!("m{k}"),
                "Mira Solanek was sentenced.",
                &[("Mira Solanek", "PER")],
            )
        })
        .collect();
    let mut docs = vec![lead];
    docs.extend(more);
    let res = run(&docs, &NoPlaces);
    assert!(same(&res, "Solanek", "Mira Solanek"));
}

#[test]
fn a_name_after_an_honorific_is_a_person_whatever_the_title_was_read_as() {
    let a = doc(
        "a",
        "Chief Magistrate Victoria Law refused bail. Victoria Law gave no reasons.",
        &[
            ("Chief Magistrate Victoria Law", "ORG"),
            ("Victoria Law", "MISC"),
        ],
    );
    let res = run(&[a], &NoPlaces);
    assert_eq!(find(&res, "Victoria Law").kind, EntityLabel::Per);
}

#[test]
fn a_title_before_a_name_read_as_misc_makes_a_person() {
    let a = doc(
        "a",
        "Police arrested editor-in-chief Ryan Law on Thursday. Ryan Law was charged.",
        &[("Ryan Law", "MISC"), ("Ryan Law", "MISC")],
    );
    let res = run(&[a], &NoPlaces);
    assert_eq!(find(&res, "Ryan Law").kind, EntityLabel::Per);
    // Without a title the recogniser's label stands: a law is MISC.
    let b = doc(
        "b",
        "Critics of the Ryan Law say it is too broad.",
        &[("Ryan Law", "MISC")],
    );
    let res = run(&[b], &NoPlaces);
    assert_eq!(find(&res, "Ryan Law").kind, EntityLabel::Misc);
}

#[test]
fn someone_who_gave_only_a_surname_is_nobody_else() {
    let a = doc(
        "a",
        "Police arrested associate publisher Mira Chan at her home.",
        &[("Mira Chan", "PER")],
    );
    let b = doc(
        "b",
        "\"They are not criminals,\" said a retired teacher who gave only his surname, Chan.",
        &[("Chan", "PER")],
    );
    let c = doc(
        "c",
        "Prosecutors said Chan had signed the articles.",
        &[("Chan", "PER")],
    );
    let res = run(&[a, b, c], &NoPlaces);
    let chans: Vec<&Entity> = res
        .entities
        .iter()
        .filter(|e| e.aliases.iter().any(|x| x == "Chan"))
        .collect();
    assert_eq!(chans.len(), 2, "{chans:#?}");
    // The surname alone in an ordinary sentence still goes to the one full-name bearer.
    assert!(chans
        .iter()
        .any(|e| e.aliases.iter().any(|x| x == "Mira Chan")));
}

#[test]
fn a_title_case_spelling_joins_the_acronym_written_in_capitals() {
    let a = doc(
        "a",
        "The opposition party PASTEF called a rally. PASTEF said 30 members were held.",
        &[("PASTEF", "ORG"), ("PASTEF", "ORG")],
    );
    let b = doc(
        "b",
        "His party, Pastef, has called the verdict political.",
        &[("Pastef", "PER")],
    );
    let res = run(&[a, b], &NoPlaces);
    assert!(same(&res, "PASTEF", "Pastef"));
    assert_eq!(find(&res, "Pastef").kind, EntityLabel::Org);
}

#[test]
fn a_place_word_opening_a_longer_name_does_not_type_it() {
    // The recogniser tagged only the country word; the acronym's organisation type decides.
    let a = doc(
        "a",
        "Police detained workers of Pakistan Tehreek-e-Insaf (PTI) on Tuesday. The PTI said \
         40 were held.",
        &[("Pakistan", "LOC"), ("PTI", "ORG"), ("PTI", "ORG")],
    );
    let res = run(&[a], &NoPlaces);
    let party = find(&res, "PTI");
    assert!(party
        .aliases
        .iter()
        .any(|x| x == "Pakistan Tehreek-e-Insaf"));
    assert_eq!(party.kind, EntityLabel::Org);
}

#[test]
fn a_tie_between_place_and_organisation_goes_to_a_known_place_but_not_to_an_outlet() {
    let a = doc(
        "a",
        "Hundreds more have been held in Sindh. Officials in Sindh gave no figure.",
        &[("Sindh", "LOC"), ("Sindh", "ORG")],
    );
    let b = doc(
        "b",
        "ISLAMABAD, May 10 (Meridian) - Crowds gathered, according to videos verified by \
         Meridian.",
        &[
            ("ISLAMABAD", "LOC"),
            ("Meridian", "ORG"),
            ("Meridian", "LOC"),
        ],
    );
    let res = run(&[a, b], &NamedPlaces(&["Sindh", "Meridian"]));
    assert_eq!(find(&res, "Sindh").kind, EntityLabel::Loc);
    assert_eq!(find(&res, "Meridian").kind, EntityLabel::Org);
}

#[test]
fn a_name_ending_in_a_building_is_a_place_unless_read_as_an_organisation() {
    let a = doc(
        "a",
        "Protesters set fire to Jinnah House. Freedom House condemned the arrests.",
        &[("Jinnah House", "PER"), ("Freedom House", "ORG")],
    );
    let res = run(&[a], &NoPlaces);
    assert_eq!(find(&res, "Jinnah House").kind, EntityLabel::Loc);
    assert_eq!(find(&res, "Freedom House").kind, EntityLabel::Org);
}

#[test]
fn a_description_opening_a_sentence_is_named_without_its_article() {
    let a = doc(
        "a",
        "The Moldovan interior ministry said 20 people were held. Later the Moldovan \
         interior ministry said more were held.",
        &[],
    );
    let res = run(&[a], &Tiny);
    let names: Vec<&str> = res.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Moldovan interior ministry"), "{names:?}");
}

#[test]
fn a_name_that_is_an_outlet_is_a_news_organisation() {
    let a = doc(
        "a",
        "Staff escaped through a back entrance, an employee told Khyber Pulse.",
        &[("Khyber Pulse", "PER")],
    );
    let b = doc("b", "The governor spoke on Monday.", &[]);
    let input = [
        DocEntities {
            id: &a.id,
            text: &a.text,
            mentions: &a.mentions,
            outlet: None,
        },
        DocEntities {
            id: &b.id,
            text: &b.text,
            mentions: &b.mentions,
            outlet: Some("Khyber Pulse"),
        },
    ];
    let res = resolve(&input, &NoPlaces);
    assert_eq!(find(&res, "Khyber Pulse").kind, EntityLabel::Org);
    // Without the outlet known, the recogniser's label stands.
    let res = run(&[a], &NoPlaces);
    assert_eq!(find(&res, "Khyber Pulse").kind, EntityLabel::Per);
}

#[test]
fn a_full_name_whose_surname_is_a_person_s_is_a_person_though_mostly_read_as_organisation() {
    let a = doc(
        "a",
        "The judiciary said Reza Akbaran had been sentenced. The court said Reza Akbaran \
         spied. Akbaran denied it. His brother, Mehdi Akbaran, spoke to reporters. Akbaran was \
         a deputy minister.",
        &[
            ("Reza Akbaran", "ORG"),
            ("Reza Akbaran", "ORG"),
            ("Akbaran", "PER"),
            ("Mehdi Akbaran", "PER"),
            ("Akbaran", "PER"),
        ],
    );
    let b = doc(
        "b",
        "Reza Akbaran was hanged, Mr Akbaran's family said. Mr Akbaran was 61.",
        &[
            ("Reza Akbaran", "PER"),
            ("Mr Akbaran", "PER"),
            ("Mr Akbaran", "PER"),
        ],
    );
    let res = run(&[a, b], &NoPlaces);
    let reza = find(&res, "Reza Akbaran");
    assert_eq!(reza.kind, EntityLabel::Per);
    // The surname alone goes to the protagonist named in full before it, not to the brother.
    assert!(reza.aliases.iter().any(|x| x == "Akbaran"), "{reza:#?}");
    assert!(!same(&res, "Reza Akbaran", "Mehdi Akbaran"));
}

#[test]
fn the_writers_own_words_type_a_name_against_the_recogniser() {
    let d = doc(
        "d1",
        "Bechir Akremi, a former investigating judge, was detained. In Washington, a White \
         House spokesperson said nothing. Issam Chebbi leads the Al Joumhouri party. Crowds \
         filled Habib Bourguiba Avenue. The Khalistan Tiger Force was banned.",
        &[
            ("Bechir Akremi", "ORG"),
            ("Washington", "LOC"),
            ("White House", "LOC"),
            ("Issam Chebbi", "PER"),
            ("Al Joumhouri", "PER"),
            ("Habib Bourguiba Avenue", "PER"),
            ("Khalistan Tiger Force", "PER"),
        ],
    );
    let res = run(&[d], &Tiny);
    let kind = |alias: &str| find(&res, alias).kind;
    // An apposition that describes a person ...
    assert_eq!(kind("Bechir Akremi"), EntityLabel::Per);
    // ... but not a subject after a fronted place.
    assert_eq!(kind("Washington"), EntityLabel::Loc);
    // A kind of organisation after the name, an avenue, an organisation's head word.
    assert_eq!(kind("Al Joumhouri"), EntityLabel::Org);
    assert_eq!(kind("Habib Bourguiba Avenue"), EntityLabel::Loc);
    assert_eq!(kind("Khalistan Tiger Force"), EntityLabel::Org);
}

#[test]
fn two_given_names_before_one_surname_leave_the_surname_to_neither() {
    // "Ivo and Mira Kask": the recogniser sees "Ivo" alone and "Mira Kask" whole, so Mira is
    // the only full name of the surname, but "Mr Kask" is not hers.
    let a = doc(
        "a",
        "An attack on Ivo and Mira Kask shocked the town. Mr Kask had retired in 2010.",
        &[("Ivo", "PER"), ("Mira Kask", "PER"), ("Mr Kask", "PER")],
    );
    let b = doc("b", "Ivo Kask left hospital.", &[("Ivo Kask", "PER")]);
    let res = run(&[a, b], &NoPlaces);
    assert!(!same(&res, "Mira Kask", "Mr Kask"));
    assert!(!same(&res, "Mira Kask", "Ivo Kask"));
    // Without the coordination, the one full name takes its surname.
    let c = doc(
        "c",
        "An attack on Mira Kask shocked the town. Ms Kask had retired in 2010.",
        &[("Mira Kask", "PER"), ("Ms Kask", "PER")],
    );
    let res = run(&[c], &NoPlaces);
    assert!(same(&res, "Mira Kask", "Ms Kask"));
}

#[test]
fn a_surname_that_is_also_a_place_name_is_the_surname_of_the_person_named_in_full() {
    // Some town is called Khan; the document names one Khan in full and then writes the
    // surname alone, while the corpus knows two other bearers, so only the document's own
    // full name can tell who is meant.
    let a = doc(
        "a",
        "Former prime minister Imran Khan was arrested on Tuesday. Khan denied the charges.",
        &[("Imran Khan", "PER"), ("Khan", "PER")],
    );
    let b = doc(
        "b",
        "Lawmakers Ali Muhammad Khan and Muhammad Azam Khan were also held.",
        &[("Ali Muhammad Khan", "PER"), ("Muhammad Azam Khan", "PER")],
    );
    let res = run(&[a, b], &NamedPlaces(&["Khan"]));
    assert!(same(&res, "Khan", "Imran Khan"), "{:#?}", res.entities);
    assert!(!same(&res, "Imran Khan", "Ali Muhammad Khan"));
}

#[test]
fn of_two_bearers_named_before_a_surname_the_one_the_corpus_knows_better_is_meant() {
    // The mother is quoted by her full name twice before the surname alone, which still
    // means her daughter, the activist every other report names.
    let a = doc(
        "a",
        "Jana Kovel has begun a hunger strike, her mother said. Irena Kovel said her daughter \
         was determined. Irena Kovel spoke outside the jail. Kovel was charged in March.",
        &[
            ("Jana Kovel", "PER"),
            ("Irena Kovel", "PER"),
            ("Irena Kovel", "PER"),
            ("Kovel", "PER"),
        ],
    );
    let mut docs = vec![a];
    docs.extend(other_reports(
        3,
        "Jana Kovel was moved to hospital. Jana Kovel remains under guard.",
        &[("Jana Kovel", "PER"), ("Jana Kovel", "PER")],
    ));
    let res = run(&docs, &NoPlaces);
    assert!(same(&res, "Kovel", "Jana Kovel"), "{:#?}", res.entities);
    assert!(!same(&res, "Irena Kovel", "Jana Kovel"));
}

#[test]
fn a_capitalised_title_left_out_of_the_span_is_kept_as_an_alias() {
    // The recogniser tags the name alone; the titled form is how readers search for him.
    let d = doc(
        "d1",
        "Prime Minister Tomas Varga spoke on Monday. Later, Gen. Petrov arrived; \
         the former defence minister Ivan Petrov stayed.",
        &[
            ("Tomas Varga", "PER"),
            ("Petrov", "PER"),
            ("Ivan Petrov", "PER"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    let varga = find(&res, "Tomas Varga");
    assert!(
        varga
            .aliases
            .iter()
            .any(|a| a == "Prime Minister Tomas Varga"),
        "{varga:#?}"
    );
    let petrov = find(&res, "Ivan Petrov");
    assert!(
        petrov.aliases.iter().any(|a| a == "Gen. Petrov"),
        "{petrov:#?}"
    );
    // A lowercase description is no title.
    assert!(
        !petrov.aliases.iter().any(|a| a.contains("minister")),
        "{petrov:#?}"
    );
}

#[test]
fn the_whole_title_phrase_before_a_name_is_an_alias() {
    // Qualifiers (a demonym, a place, an acronym, a portfolio) belong to the title; "and",
    // a sentence's end, a courtesy title and a regnal number do not.
    let d = doc(
        "d1",
        "Veldan Prime Minister Tomas Varga met Harbour Mayor Jana Kovel. \
         Opposition leader Ivan Petrov and Finance Minister Ana Novak spoke. \
         Otto IV Prince Lenz was there. Later Ms. Dana Roth left.",
        &[
            ("Tomas Varga", "PER"),
            ("Jana Kovel", "PER"),
            ("Ivan Petrov", "PER"),
            ("Ana Novak", "PER"),
            ("Lenz", "PER"),
            ("Dana Roth", "PER"),
        ],
    );
    let res = run(&[d], &NoPlaces);
    let has = |name: &str, alias: &str| find(&res, name).aliases.iter().any(|a| a == alias);
    assert!(has("Tomas Varga", "Veldan Prime Minister Tomas Varga"));
    assert!(has("Jana Kovel", "Harbour Mayor Jana Kovel"));
    assert!(has("Ivan Petrov", "Opposition leader Ivan Petrov"));
    assert!(has("Ana Novak", "Finance Minister Ana Novak"));
    assert!(!has("Ana Novak", "Petrov and Finance Minister Ana Novak"));
    assert!(!has("Lenz", "Otto IV Prince Lenz"));
    assert!(!find(&res, "Dana Roth")
        .aliases
        .iter()
        .any(|a| a.starts_with("Later")));
}

#[test]
fn a_title_before_a_surname_picks_the_bearer_who_holds_it() {
    // The president is far better known, but "Senator Varga" is his sister, the senator.
    let a = doc(
        "a",
        "Senator Ilona Varga chaired the hearing into the arrest ordered by President Tomas Varga. \
         Senator Varga pressed the police chief. President Varga said he made no deal.",
        &[
            ("Senator Ilona Varga", "PER"),
            ("President Tomas Varga", "PER"),
            ("Senator Varga", "PER"),
            ("President Varga", "PER"),
        ],
    );
    let mut docs = vec![a];
    docs.extend(other_reports(
        3,
        "Tomas Varga won the vote. Tomas Varga thanked his voters.",
        &[("Tomas Varga", "PER"), ("Tomas Varga", "PER")],
    ));
    let res = run(&docs, &NoPlaces);
    assert!(
        same(&res, "Senator Varga", "Senator Ilona Varga"),
        "{:#?}",
        res.entities
    );
    assert!(!same(&res, "Senator Varga", "Tomas Varga"));
}

#[test]
fn a_titled_surname_goes_to_the_bearer_named_with_that_title_in_another_report() {
    // This report names only the younger brother in full, as interior minister; the justice
    // minister it quotes by surname is the brother another report names in full.
    let a = doc(
        "a",
        "Justice Minister Pavel Dorin said the warrant was lawful.",
        &[("Justice Minister Pavel Dorin", "PER")],
    );
    let b = doc(
        "b",
        "Interior Minister Mihai Dorin said the police acted. Justice Minister Dorin said no \
         other warrant had come.",
        &[
            ("Interior Minister Mihai Dorin", "PER"),
            ("Justice Minister Dorin", "PER"),
        ],
    );
    let res = run(&[a, b], &NoPlaces);
    assert!(
        same(
            &res,
            "Justice Minister Dorin",
            "Justice Minister Pavel Dorin"
        ),
        "{:#?}",
        res.entities
    );
    assert!(!same(
        &res,
        "Justice Minister Dorin",
        "Interior Minister Mihai Dorin"
    ));
}

#[test]
fn a_word_the_corpus_knows_as_a_surname_is_not_a_fathers_given_name() {
    // "Lomba Adeyi" was the father; "Lomba" alone is the son, Faure Lomba, whom the other
    // reports name in full.
    let a = doc(
        "a",
        "Protesters marched against the president. Lomba, 59, succeeded his father Lomba Adeyi.",
        &[("Lomba", "PER"), ("Lomba Adeyi", "PER")],
    );
    let mut docs = vec![a];
    docs.extend(other_reports(
        2,
        "Faure Lomba took the new post in May.",
        &[("Faure Lomba", "PER")],
    ));
    let res = run(&docs, &NoPlaces);
    assert!(same(&res, "Lomba", "Faure Lomba"), "{:#?}", res.entities);
    assert!(!same(&res, "Lomba", "Lomba Adeyi"));
}

#[test]
fn a_word_that_is_one_name_s_middle_and_another_s_first_stays_apart() {
    let a = doc(
        "a",
        "Soldiers detained Karim Ali Sadou, the deputy chief of staff.",
        &[("Karim Ali Sadou", "PER")],
    );
    let b = doc(
        "b",
        "Ali Rondo Mbeki was placed under house arrest. Omar Mbeki ruled for 42 years; his son \
         Ali for 14.",
        &[
            ("Ali Rondo Mbeki", "PER"),
            ("Omar Mbeki", "PER"),
            ("Ali", "PER"),
        ],
    );
    let res = run(&[a, b], &NoPlaces);
    assert!(!same(&res, "Ali", "Karim Ali Sadou"), "{:#?}", res.entities);
}
