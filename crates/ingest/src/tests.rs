use super::*;
use std::io::Write;

fn read_path(path: &Path) -> (Vec<RawRecord>, Vec<Failure>) {
    let input = Input::File {
        path: path.to_path_buf(),
        shown: path.display().to_string(),
    };
    let mut records = Vec::new();
    let mut failures = Vec::new();
    read_input(&input, &Limits::default(), &mut |item| match item {
        Item::Record(r) => records.push(*r),
        Item::Failure(f) => failures.push(f),
    });
    (records, failures)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn plain_text_and_gzip_give_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let body = b"The ministry said on Tuesday that seven men were held.\n";
    let (a, fa) = read_path(&write(dir.path(), "a.txt", body));
    let (b, fb) = read_path(&write(dir.path(), "b.txt.gz", &gzip(body)));
    assert!(fa.is_empty() && fb.is_empty());
    assert_eq!(a[0].id, b[0].id);
    assert_eq!(
        a[0].content,
        Content::Text(String::from_utf8(body.to_vec()).unwrap())
    );
    assert_eq!(b[0].format, Format::Text);
}

#[test]
fn truncated_gzip_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = gzip("word ".repeat(5000).as_bytes());
    gz.truncate(gz.len() / 2);
    let (records, failures) = read_path(&write(dir.path(), "cut.txt.gz", &gz));
    assert!(records.is_empty());
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].reason.contains("truncated gzip"),
        "{}",
        failures[0]
    );
    assert!(failures[0].to_string().contains("cut.txt.gz"));
}

#[test]
fn jsonl_bad_line_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"text": "First story body.", "title": "One", "published": "2025-03-02", "section": "world"}"#,
        "\n",
        r#"{"text": "Second story, broken"#,
        "\n",
        r#"{"html": "<p>Third story.</p>", "url": "https://x.example/3", "outlet": "The Courier"}"#,
        "\n",
        r#"{"title": "no body"}"#,
        "\n"
    );
    let (records, failures) = read_path(&write(dir.path(), "batch.jsonl", jsonl.as_bytes()));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].hints.title.as_deref(), Some("One"));
    assert_eq!(records[0].hints.published.as_deref(), Some("2025-03-02"));
    assert_eq!(records[0].hints.extra["section"], "world");
    assert_eq!(records[1].source, "https://x.example/3");
    assert!(matches!(records[1].content, Content::Html(_)));
    assert_eq!(failures.len(), 2);
    assert!(
        failures[0].origin.ends_with("batch.jsonl:2"),
        "{}",
        failures[0]
    );
    assert!(failures[0].reason.starts_with("invalid JSON"));
    assert!(failures[1].origin.ends_with(":4"));
}

#[test]
fn jsonl_outlet_from_source_or_publisher() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"text": "One.", "source": "Africa Desk Daily"}"#,
        "\n",
        r#"{"text": "Two.", "source": {"id": "x", "name": "The Ledger"}}"#,
        "\n",
        r#"{"text": "Three.", "source": "https://feeds.example/rss", "publisher": "Coast Times"}"#,
        "\n",
        r#"{"text": "Four.", "source": "https://feeds.example/rss"}"#,
        "\n",
    );
    let (records, failures) = read_path(&write(dir.path(), "batch.jsonl", jsonl.as_bytes()));
    assert!(failures.is_empty());
    let outlets: Vec<Option<&str>> = records.iter().map(|r| r.hints.outlet.as_deref()).collect();
    assert_eq!(
        outlets,
        [
            Some("Africa Desk Daily"),
            Some("The Ledger"),
            Some("Coast Times"),
            None
        ]
    );
    // A source that is no name stays with the record's other fields.
    assert_eq!(
        records[3].hints.extra["source"],
        "https://feeds.example/rss"
    );
}

#[test]
fn empty_binary_and_unbroken_files_fail_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let (_, f) = read_path(&write(dir.path(), "empty.txt", b""));
    assert_eq!(f[0].reason, "empty file");
    let (_, f) = read_path(&write(
        dir.path(),
        "x.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    ));
    assert!(f[0].reason.starts_with("binary"));
    let long = "a".repeat(3 * 1024 * 1024);
    let (r, f) = read_path(&write(dir.path(), "long.txt", long.as_bytes()));
    assert!(r.is_empty());
    assert!(f[0].reason.contains("single line"), "{}", f[0]);
    let (r, f) = read_path(&write(dir.path(), "missing.txt", b"x"));
    assert_eq!((r.len(), f.len()), (1, 0));
    let (inputs, failures) = expand_inputs(&[dir.path().join("nope").display().to_string()]);
    assert!(inputs.is_empty());
    assert_eq!(failures[0].reason, "no such file or folder");
}

#[test]
fn jsonl_line_over_the_limit_is_skipped_without_buffering() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = format!("{{\"text\": \"{}\"}}\n", "a".repeat(200)).into_bytes();
    data.extend(b"{\"text\": \"");
    data.extend(std::iter::repeat_n(b'b', 3000));
    data.extend(b"\"}\n{\"text\": \"after\"}\n");
    let input = Input::File {
        path: write(dir.path(), "l.jsonl", &data),
        shown: "l.jsonl".into(),
    };
    let limits = Limits {
        max_document_bytes: 1000,
        ..Limits::default()
    };
    let mut ok = 0;
    let mut failed = Vec::new();
    read_input(&input, &limits, &mut |item| match item {
        Item::Record(_) => ok += 1,
        Item::Failure(f) => failed.push(f),
    });
    assert_eq!(ok, 2);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].origin, "l.jsonl:2");
}

#[test]
fn feeds_give_one_record_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
      <item><title>Raid in port</title><link>https://ht.example/a</link>
        <pubDate>Tue, 11 Mar 2025 09:00:00 +0000</pubDate>
        <description>&lt;p&gt;Police raided an office.&lt;/p&gt;</description></item>
      <item><title>Second</title><link>https://ht.example/b</link><description>Another.</description></item>
    </channel></rss>"#;
    let (records, failures) = read_path(&write(dir.path(), "feed.xml", rss.as_bytes()));
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].format, Format::Rss);
    assert_eq!(records[0].source, "https://ht.example/a");
    assert_eq!(records[0].hints.outlet.as_deref(), Some("Harbour Times"));
    assert_eq!(records[0].hints.published.as_deref(), Some("2025-03-11"));
    assert_eq!(records[1].hints.published, None);

    let json_feed = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Wire",
      "items": [{"id": "1", "url": "https://w.example/1", "title": "T", "content_html": "<p>Body.</p>",
                 "date_published": "2025-03-10T08:00:00Z"}]}"#;
    let (records, failures) = read_path(&write(dir.path(), "feed.json", json_feed.as_bytes()));
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(records[0].format, Format::JsonFeed);
    assert_eq!(records[0].hints.published.as_deref(), Some("2025-03-10"));

    let (records, failures) = read_path(&write(
        dir.path(),
        "bad.rss",
        b"<?xml version='1.0'?><rss><channel><item>",
    ));
    assert!(records.is_empty());
    assert!(
        failures[0].reason.starts_with("malformed feed"),
        "{}",
        failures[0]
    );
}

#[test]
fn folders_are_walked_in_order_skipping_hidden() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(dir.path(), "b.txt", b"b");
    write(&dir.path().join("sub"), "a.txt", b"a");
    write(&dir.path().join(".git"), "c.txt", b"c");
    let (inputs, failures) = expand_inputs(&[dir.path().display().to_string()]);
    assert!(failures.is_empty());
    let names: Vec<_> = inputs
        .iter()
        .map(|i| i.shown().rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["b.txt", "a.txt"]);
}

#[test]
fn a_feed_section_is_no_part_of_the_outlet() {
    assert_eq!(
        publication_of("Harmattan Post - West Africa"),
        "Harmattan Post"
    );
    assert_eq!(publication_of("The Ledger | World"), "The Ledger");
    assert_eq!(
        publication_of("Hemisphere Daily – Latin America"),
        "Hemisphere Daily"
    );
    assert_eq!(publication_of("Harbour Times"), "Harbour Times");
    // A hyphen inside a name is no separator.
    assert_eq!(
        publication_of("Trans-Caspian Review"),
        "Trans-Caspian Review"
    );
}
