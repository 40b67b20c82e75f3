//! Behaviour on the bundled model (built from real GeoNames data), so these tests need no
//! access to the GeoNames files.

use crate::{eval::DEV_SET, eval::TEST_SET, evaluate, Context, Gazetteer, Place, PlaceKind};

fn g() -> &'static Gazetteer {
    Gazetteer::bundled()
}

/// Geocodes `name` in a document that mentions `context` and the name itself.
fn resolve(name: &str, context: &[&str]) -> Option<Place> {
    let mut all = context.to_vec();
    all.push(name);
    let ctx = g().context(&all);
    g().geocode(name, &ctx)
}

fn reading(name: &str, context: &[&str]) -> (String, &'static str) {
    match resolve(name, context) {
        Some(p) => (p.country.unwrap_or_default(), p.kind.as_str()),
        None => (String::new(), "none"),
    }
}

#[test]
fn bundled_model_loads_and_has_everything() {
    let (countries, admin1, cities) = g().len();
    assert_eq!(countries, 250);
    assert!(admin1 > 3800, "{admin1}");
    assert!(cities > 32_000, "{cities}");
    assert!(!g().is_empty());
}

#[test]
fn model_round_trips_byte_for_byte() {
    let bytes = g().to_bytes();
    let again = Gazetteer::from_bytes(&bytes).map(|g| g.to_bytes());
    assert_eq!(again.as_deref().ok(), Some(bytes.as_slice()));
    assert_eq!(bytes, include_bytes!("../models/gazetteer.bin").to_vec());
}

#[test]
fn corrupt_models_are_errors() {
    assert!(Gazetteer::from_bytes(b"").is_err());
    assert!(Gazetteer::from_bytes(b"not a model").is_err());
    let bytes = g().to_bytes();
    assert!(Gazetteer::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn georgia_follows_the_document() {
    assert_eq!(reading("Georgia", &[]), ("GE".into(), "country"));
    assert_eq!(
        reading("Georgia", &["Tbilisi", "Georgian"]),
        ("GE".into(), "country")
    );
    assert_eq!(
        reading("Georgia", &["Atlanta", "Texas", "US"]),
        ("US".into(), "admin1")
    );
    assert_eq!(reading("Georgia", &["Atlanta"]), ("US".into(), "admin1"));
    let p = resolve("Georgia", &["Atlanta"]);
    assert_eq!(p.map(|p| p.name), Some("Georgia".to_string()));
}

#[test]
fn paris_and_tripoli_follow_the_document() {
    assert_eq!(reading("Paris", &[]), ("FR".into(), "city"));
    assert_eq!(reading("Paris", &["Texas"]), ("US".into(), "city"));
    assert_eq!(reading("Paris", &["American"]), ("FR".into(), "city"));
    let tx = resolve("Paris", &["Texas", "Dallas"]);
    assert_eq!(tx.and_then(|p| p.admin1), Some("Texas".to_string()));
    assert_eq!(reading("Tripoli", &[]), ("LY".into(), "city"));
    assert_eq!(reading("Tripoli", &["Lebanon"]), ("LB".into(), "city"));
    assert_eq!(
        reading("Tripoli", &["Lebanese", "Beirut"]),
        ("LB".into(), "city")
    );
    assert_eq!(reading("Tripoli", &["Libyan"]), ("LY".into(), "city"));
}

#[test]
fn a_mention_does_not_support_itself() {
    // Ten repetitions of "Paris" do not make Paris, Texas less likely than it is.
    let ctx = g().context(&["Paris"; 10]);
    assert!(ctx.countries().iter().all(|(c, _)| c == "FR"));
    let p = g().geocode("Paris", &g().context(&["Paris", "Paris", "Texas"]));
    assert_eq!(p.and_then(|p| p.country), Some("US".to_string()));
}

#[test]
fn context_collects_unambiguous_evidence() {
    let ctx = g().context(&["Moldovan", "Chisinau", "Punjab", "Velmora"]);
    assert_eq!(ctx.countries(), vec![("MD".to_string(), 2)]);
    // "Punjab" alone is ambiguous (India or Pakistan) and supports nothing.
    assert!(g().context(&["Punjab"]).is_empty());
    let ctx = g().context(&["Texas"]);
    assert_eq!(ctx.countries(), vec![("US".to_string(), 1)]);
    assert_eq!(ctx.admin1(), vec![("US.TX".to_string(), 1)]);
    assert!(Context::default().is_empty());
}

#[test]
fn diacritics_case_and_articles_do_not_matter() {
    for name in ["Chisinau", "Chișinău", "Chişinău", "CHISINAU", "chisinau"] {
        let p = resolve(name, &[]);
        assert_eq!(p.as_ref().map(|p| p.geonameid), Some(618426), "{name}");
        assert_eq!(p.and_then(|p| p.country), Some("MD".to_string()));
    }
    assert_eq!(reading("the Netherlands", &[]), ("NL".into(), "country"));
    assert_eq!(reading("The Gambia", &[]), ("GM".into(), "country"));
    assert_eq!(reading("São Paulo", &[]), ("BR".into(), "city"));
    assert_eq!(reading("Sao Paulo", &[]), ("BR".into(), "city"));
    assert_eq!(reading("Zürich", &[]), ("CH".into(), "city"));
    assert_eq!(reading("Côte d'Ivoire", &[]), ("CI".into(), "country"));
    assert_eq!(reading("Cote d’Ivoire", &[]), ("CI".into(), "country"));
    assert_eq!(reading("St. Petersburg", &[]), ("RU".into(), "city"));
}

#[test]
fn city_and_division_suffixes_and_qualifiers() {
    assert_eq!(reading("Kuwait City", &[]), ("KW".into(), "city"));
    assert_eq!(reading("Kuwait", &[]), ("KW".into(), "country"));
    assert_eq!(reading("Mexico City", &[]), ("MX".into(), "city"));
    assert_eq!(reading("Quebec City", &[]), ("CA".into(), "city"));
    assert_eq!(reading("Quebec", &[]), ("CA".into(), "admin1"));
    assert_eq!(reading("New York City", &[]), ("US".into(), "city"));
    assert_eq!(reading("New York", &[]), ("US".into(), "city"));
    assert_eq!(reading("New York State", &[]), ("US".into(), "admin1"));
    assert_eq!(reading("Washington State", &[]), ("US".into(), "admin1"));
    assert_eq!(reading("Paris, Texas", &[]), ("US".into(), "city"));
    assert_eq!(reading("Paris, France", &[]), ("FR".into(), "city"));
    assert_eq!(reading("Tripoli, Lebanon", &[]), ("LB".into(), "city"));
    assert_eq!(reading("Velmora, Calvena", &[]), (String::new(), "none"));
    assert_eq!(reading("Paris, Calvena", &[]), (String::new(), "none"));
}

#[test]
fn invented_places_are_unknown() {
    let ctx = g().context(&["Calvena", "Velmora", "Kaldoria", "Calvenan"]);
    assert!(ctx.is_empty());
    for name in [
        "Velmora",
        "Calvena",
        "Portesca",
        "Kaldoria",
        "Ostemund",
        "Brenholt",
        "Aubrenne",
        "Selvane",
        "Republic Square",
        "Velmora Regional Court",
        "Harbour Circle",
    ] {
        assert_eq!(g().geocode(name, &ctx), None, "{name}");
        assert_eq!(g().capital_country(name), None, "{name}");
    }
    for word in ["Calvenan", "Kaldorian", "Velmoran"] {
        assert_eq!(g().demonym(word), None, "{word}");
    }
    for junk in ["", "   ", "--", "the", "12345", "Paris Paris Paris"] {
        assert_eq!(g().geocode(junk, &Context::default()), None, "{junk:?}");
    }
}

#[test]
fn demonyms() {
    let cases = [
        ("Moldovan", "MD"),
        ("French", "FR"),
        ("Turkish", "TR"),
        ("British", "GB"),
        ("American", "US"),
        ("Americans", "US"),
        ("Dutch", "NL"),
        ("Filipino", "PH"),
        ("Filipinos", "PH"),
        ("Swiss", "CH"),
        ("Georgian", "GE"),
        ("Britons", "GB"),
        ("Scottish", "GB"),
        ("Ivorian", "CI"),
        ("North Korean", "KP"),
        ("South Korean", "KR"),
        ("Korean", "KR"),
        ("Congolese", "CD"),
        ("Dominican", "DO"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("Emirati", "AE"),
        ("Burkinabé", "BF"),
        ("Palestinian", "PS"),
        ("Kosovar", "XK"),
        ("NEW ZEALANDERS", "NZ"),
    ];
    for (word, iso) in cases {
        assert_eq!(g().demonym(word), Some(iso), "{word}");
    }
    assert_eq!(g().demonym("Paris"), None);
    assert_eq!(g().demonym("France"), None);
}

/// The 193 UN member states each have at least one demonym.
#[test]
fn demonyms_cover_un_members() {
    const UN: &str = "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG \
        BF BI CV KH CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ \
        ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE \
        KI KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ \
        MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST \
        SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG \
        UA AE GB US UY UZ VU VE VN YE ZM ZW";
    let codes: Vec<&str> = UN.split_whitespace().collect();
    assert_eq!(codes.len(), 193);
    for iso in codes {
        let has = g()
            .demonyms
            .iter()
            .any(|d| g().countries[usize::from(d.country)].iso2 == iso);
        assert!(has, "no demonym for {iso}");
        assert!(g().country_name(iso).is_some(), "no country {iso}");
    }
}

#[test]
fn capitals() {
    let cases = [
        ("Chisinau", "MD"),
        ("Chișinău", "MD"),
        ("Ankara", "TR"),
        ("Washington", "US"),
        ("Kyiv", "UA"),
        ("Kiev", "UA"),
        ("Moscow", "RU"),
        ("Beijing", "CN"),
        ("Tbilisi", "GE"),
        ("Astana", "KZ"),
        ("Nur-Sultan", "KZ"),
        ("Jerusalem", "IL"),
        ("The Hague", "NL"),
        ("La Paz", "BO"),
        ("Kingston", "JM"),
        ("Pretoria", "ZA"),
        ("Abuja", "NG"),
        ("Naypyidaw", "MM"),
    ];
    for (name, iso) in cases {
        assert_eq!(g().capital_country(name), Some(iso), "{name}");
    }
    assert_eq!(g().capital_country("Istanbul"), None);
    assert_eq!(g().capital_country("Texas"), None);
}

#[test]
fn country_names_and_aliases() {
    assert_eq!(g().country_name("MD"), Some("Moldova"));
    assert_eq!(g().country_name("gb"), Some("United Kingdom"));
    assert_eq!(g().country_name("XX"), None);
    assert_eq!(g().country_name("GBR"), None);
    for (name, iso) in [
        ("United States", "US"),
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Burma", "MM"),
        ("Holland", "NL"),
        ("Türkiye", "TR"),
        ("Swaziland", "SZ"),
        ("DRC", "CD"),
        ("Palestinian Territories", "PS"),
    ] {
        assert_eq!(reading(name, &[]), (iso.to_string(), "country"), "{name}");
    }
    let md = g().country("MD");
    let (lat, lon) = md.as_ref().map_or((None, None), |p| (p.lat, p.lon));
    // Moldova's point is its capital, Chisinau.
    assert!(lat.is_some_and(|l| (l - 47.0).abs() < 0.1), "{lat:?}");
    assert!(lon.is_some_and(|l| (l - 28.86).abs() < 0.1), "{lon:?}");
}

#[test]
fn places_carry_ids_coordinates_and_divisions() {
    let p = resolve("Chisinau", &[]);
    assert!(p.is_some());
    if let Some(p) = p {
        assert_eq!(p.kind, PlaceKind::City);
        assert_eq!(p.geonameid, 618426);
        assert!(p.population > 500_000);
        assert_eq!((p.lat, p.lon), (Some(47.009), Some(28.8594)));
    }
    let tx = resolve("Texas", &[]);
    assert_eq!(tx.as_ref().map(|p| p.kind), Some(PlaceKind::Admin1));
    // A division's point is inside it (Texas: 25.8–36.5 N, 93.5–106.6 W).
    let (lat, lon) = tx.map_or((0.0, 0.0), |p| (p.lat.unwrap_or(0.0), p.lon.unwrap_or(0.0)));
    assert!(
        (25.8..36.5).contains(&lat) && (-106.6..-93.5).contains(&lon),
        "{lat} {lon}"
    );
}

#[test]
fn other_ambiguities() {
    assert_eq!(reading("Birmingham", &[]), ("GB".into(), "city"));
    assert_eq!(reading("Birmingham", &["Alabama"]), ("US".into(), "city"));
    assert_eq!(reading("Moscow", &["Idaho"]), ("US".into(), "city"));
    assert_eq!(reading("Moscow", &["American"]), ("RU".into(), "city"));
    assert_eq!(reading("London", &["Ontario"]), ("CA".into(), "city"));
    assert_eq!(reading("Punjab", &["Lahore"]), ("PK".into(), "admin1"));
    assert_eq!(
        reading("Punjab", &["Amritsar", "Indian"]),
        ("IN".into(), "admin1")
    );
    assert_eq!(reading("Congo", &["Brazzaville"]), ("CG".into(), "country"));
    assert_eq!(reading("Congo", &[]), ("CD".into(), "country"));
    assert_eq!(reading("Washington", &[]), ("US".into(), "city"));
    assert_eq!(reading("Washington", &["Seattle"]), ("US".into(), "admin1"));
    assert_eq!(reading("England", &[]), ("GB".into(), "admin1"));
}

#[test]
fn dev_set_accuracy() {
    let ev = evaluate(g(), DEV_SET);
    assert!(ev.is_ok(), "{:?}", ev.err());
    let ev = ev.unwrap_or_default();
    println!("{ev}");
    assert!(ev.total >= 60);
    assert!(ev.accuracy() >= 0.9, "{ev}");
}

#[test]
fn test_set_accuracy() {
    let ev = evaluate(g(), TEST_SET);
    assert!(ev.is_ok(), "{:?}", ev.err());
    let ev = ev.unwrap_or_default();
    println!("{ev}");
    assert!(ev.total >= 60);
    assert!(ev.accuracy() >= 0.85, "{ev}");
}

/// Sum over the cases of a set of min(margin, 1), where the margin is the score of the
/// expected reading minus the best other reading's (negative when wrong): how robustly the
/// weights get the cases right.
fn hinge(gz: &Gazetteer, tsv: &str) -> f64 {
    let mut total = 0.0;
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 4 || c[2] == "-" {
            continue;
        }
        let mut all: Vec<&str> = c[0].split(';').filter(|m| !m.trim().is_empty()).collect();
        all.push(c[1]);
        let cands = gz.candidates(c[1], &gz.context(&all));
        let ok = |p: &Place| p.country.as_deref() == Some(c[2]) && p.kind.as_str() == c[3];
        let right = cands.iter().find(|(p, _)| ok(p)).map(|x| x.1);
        let wrong = cands.iter().find(|(p, _)| !ok(p)).map(|x| x.1);
        let margin = match (right, wrong) {
            (Some(r), Some(w)) => r - w,
            (Some(_), None) => 1.0,
            (None, _) => -1.0,
        };
        total += margin.min(1.0);
    }
    total
}

/// Fits the score weights on the development set by grid search around the hand-set values:
/// settings must read the brief's own examples right ("Tripoli" with "Lebanon", "Georgia"
/// with "Atlanta, Texas, US", "Paris" with "Texas"); among those with the most correct dev
/// cases, the one with the largest hinge margin wins. Prints the choice and its held-out
/// accuracy. Run with `cargo test --release fit_weights -- --ignored --nocapture`.
#[test]
#[ignore]
fn fit_weights() {
    use crate::{Weights, WEIGHTS};
    /// The values set by hand before any fitting (the starting point of the search).
    const HAND_SET: Weights = Weights {
        kind_country: 3.0,
        kind_admin1: 1.5,
        primary_name: 1.0,
        capital: 2.5,
        admin_seat: 0.3,
        context_country: 2.5,
        context_admin1: 2.5,
        dominance: 2.0,
    };
    let mut gz = match Gazetteer::from_bytes(include_bytes!("../models/gazetteer.bin")) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let required = |gz: &Gazetteer| {
        let country =
            |name: &str, ctx: &[&str]| gz.geocode(name, &gz.context(ctx)).and_then(|p| p.country);
        country("Tripoli", &["Lebanon", "Tripoli"]).as_deref() == Some("LB")
            && country("Tripoli", &["Tripoli"]).as_deref() == Some("LY")
            && country("Paris", &["Texas", "Paris"]).as_deref() == Some("US")
            && country("Paris", &["Paris"]).as_deref() == Some("FR")
            && country("Georgia", &["Georgia"]).as_deref() == Some("GE")
            && gz
                .geocode(
                    "Georgia",
                    &gz.context(&["Atlanta", "Texas", "US", "Georgia"]),
                )
                .is_some_and(|p| p.kind == PlaceKind::Admin1)
    };
    // The grid: every combination of these values (admin_seat stays fixed).
    const KIND_COUNTRY: [f64; 3] = [1.0, 2.0, 3.0];
    const KIND_ADMIN1: [f64; 4] = [0.0, 0.5, 1.0, 1.5];
    const PRIMARY: [f64; 3] = [1.0, 1.5, 2.0];
    const CAPITAL: [f64; 4] = [1.5, 2.0, 2.5, 3.0];
    const CONTEXT_COUNTRY: [f64; 4] = [2.0, 2.5, 3.0, 3.5];
    const CONTEXT_ADMIN1: [f64; 3] = [1.0, 2.0, 3.0];
    const DOMINANCE: [f64; 5] = [1.0, 1.5, 2.0, 2.5, 3.0];
    let sizes = [3, 4, 3, 4, 4, 3, 5];
    let total: usize = sizes.iter().product();
    let mut results: Vec<(usize, f64, Weights)> = Vec::new();
    let start = std::time::Instant::now();
    for n in 0..total {
        let mut i = [0usize; 7];
        let mut rest = n;
        for (slot, size) in i.iter_mut().zip(sizes) {
            *slot = rest % size;
            rest /= size;
        }
        gz.weights = Weights {
            kind_country: KIND_COUNTRY[i[0]],
            kind_admin1: KIND_ADMIN1[i[1]],
            primary_name: PRIMARY[i[2]],
            capital: CAPITAL[i[3]],
            admin_seat: WEIGHTS.admin_seat,
            context_country: CONTEXT_COUNTRY[i[4]],
            context_admin1: CONTEXT_ADMIN1[i[5]],
            dominance: DOMINANCE[i[6]],
        };
        if required(&gz) {
            let ev = evaluate(&gz, DEV_SET).unwrap_or_default();
            results.push((ev.correct, 0.0, gz.weights));
        }
    }
    let tried = total;
    let best = results.iter().map(|r| r.0).max().unwrap_or(0);
    results.retain(|r| r.0 == best);
    for r in results.iter_mut() {
        gz.weights = r.2;
        r.1 = hinge(&gz, DEV_SET);
    }
    // Ties (the hinge is clipped) go to the setting closest to the hand-set values.
    let distance = |w: &Weights| {
        (w.kind_country - HAND_SET.kind_country).abs()
            + (w.kind_admin1 - HAND_SET.kind_admin1).abs()
            + (w.primary_name - HAND_SET.primary_name).abs()
            + (w.capital - HAND_SET.capital).abs()
            + (w.context_country - HAND_SET.context_country).abs()
            + (w.context_admin1 - HAND_SET.context_admin1).abs()
            + (w.dominance - HAND_SET.dominance).abs()
    };
    results.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| distance(&a.2).total_cmp(&distance(&b.2)))
    });
    println!(
        "{tried} settings in {:.1} s; {} meet the examples with {best} dev cases right",
        start.elapsed().as_secs_f64(),
        results.len()
    );
    for (correct, h, w) in results.iter().take(8) {
        gz.weights = *w;
        let test = evaluate(&gz, TEST_SET).unwrap_or_default();
        println!(
            "dev {correct} hinge {h:.2} test {}/{} {w:?}",
            test.correct, test.total
        );
    }
    if let Some(r) = results.first() {
        gz.weights = r.2;
        print!(
            "best on dev:\n{}",
            evaluate(&gz, DEV_SET).unwrap_or_default()
        );
        print!(
            "best on test:\n{}",
            evaluate(&gz, TEST_SET).unwrap_or_default()
        );
    }
    gz.weights = WEIGHTS;
    let dev = evaluate(&gz, DEV_SET).unwrap_or_default();
    let test = evaluate(&gz, TEST_SET).unwrap_or_default();
    println!(
        "in use: dev {}/{} hinge {:.2} test {}/{}",
        dev.correct,
        dev.total,
        hinge(&gz, DEV_SET),
        test.correct,
        test.total
    );
}

#[test]
fn acronyms_demonyms_and_regions_are_not_towns() {
    let none = Context::default();
    // "UN" is not Un (Gujarat), "Thai" not Alor Setar, "German" not a Manx parish.
    for name in [
        "UN",
        "EU",
        "NATO",
        "Thai",
        "German",
        "Turk",
        "Argentine",
        "Africa",
        "Europe",
        "Sahel",
    ] {
        assert_eq!(g().geocode(name, &none), None, "{name}");
    }
    assert_eq!(reading("Un", &[]), ("IN".into(), "city"));
    assert_eq!(reading("US", &[]), ("US".into(), "country"));
    assert_eq!(reading("UAE", &[]), ("AE".into(), "country"));
    assert_eq!(reading("Lao", &[]), ("LA".into(), "country"));
    // In the context, demonyms still count.
    assert_eq!(
        g().context(&["Thai"]).countries(),
        vec![("TH".to_string(), 1)]
    );
}
