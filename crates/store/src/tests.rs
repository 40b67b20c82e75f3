use super::*;

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        source: format!("{id}.txt"),
        format: Some(Format::Text),
        title: Some(format!("Title {id}")),
        published: Date::new(2025, 3, 3),
        published_from: PublishedFrom::Text,
        language: Some("en".into()),
        text: text.into(),
        removed: vec!["Subscribe now".into()],
        ..Document::default()
    }
}

const STORY: &str = "Police in the port city detained twelve members of an alleged spy network on Monday, \
    the interior ministry said, adding that the suspects had passed military secrets to a foreign state \
    over several years. Lawyers for two of the men said their clients denied the charges and had been \
    held without access to counsel for more than two days.";

#[test]
fn duplicates_by_input_and_by_text() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.insert(&mut doc("a", STORY)).unwrap(), Outcome::New);
    assert_eq!(
        store.insert(&mut doc("a", STORY)).unwrap(),
        Outcome::Duplicate {
            of: "a".into(),
            same_input: true
        }
    );
    let spaced = STORY.replace(", ", ",  ").to_uppercase();
    assert_eq!(
        store.insert(&mut doc("b", &spaced)).unwrap(),
        Outcome::Duplicate {
            of: "a".into(),
            same_input: false
        }
    );
    let edited = STORY
        .replace("twelve", "fourteen")
        .replace("Lawyers for two of the men", "A lawyer for one suspect");
    assert_eq!(
        store.insert(&mut doc("c", &edited)).unwrap(),
        Outcome::NearDuplicate { of: "a".into() }
    );
    let other = "The central bank raised interest rates by half a point on Thursday, its third increase this year.";
    assert_eq!(store.insert(&mut doc("d", other)).unwrap(), Outcome::New);
    assert_eq!(store.count().unwrap(), 3);
    assert_eq!(
        store
            .get("c")
            .unwrap()
            .unwrap()
            .near_duplicate_of
            .as_deref(),
        Some("a")
    );
}

#[test]
fn round_trip_search_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut d = doc("a", STORY);
        d.extra
            .insert("section".into(), Value::String("world".into()));
        store.insert(&mut d).unwrap();
        store
            .insert(&mut doc("b", "Harbour workers went on strike over pay."))
            .unwrap();
    }
    // Reopening runs no migration twice.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let back = store.get("a").unwrap().unwrap();
    assert_eq!(back.published, Date::new(2025, 3, 3));
    assert_eq!(back.removed, ["Subscribe now"]);
    assert_eq!(back.extra["section"], "world");

    let hits = store.search("spy network", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a");
    assert!(hits[0].snippet.contains("[spy]"), "{}", hits[0].snippet);
    // Unbalanced quotes are not FTS5 syntax: searched as words instead of failing.
    assert_eq!(store.search("\"strike", 10).unwrap().len(), 1);

    let out = dir.path().join("out");
    assert_eq!(store.export_documents(&out).unwrap(), 2);
    let lines: Vec<Value> = std::fs::read_to_string(out.join("documents.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for key in [
        "v",
        "id",
        "source",
        "outlet",
        "title",
        "author",
        "published",
        "published_from",
        "language",
        "text",
        "removed",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(lines[0]["v"], 1);
    assert_eq!(lines[0]["published"], "2025-03-03");
    assert_eq!(lines[0]["outlet"], Value::Null);
    // Events and entities come from the linked story (storyline-story).
    assert!(!out.join("events.jsonl").exists());
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}
