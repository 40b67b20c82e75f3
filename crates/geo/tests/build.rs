//! Building from GeoNames: determinism and agreement with the committed model.
//!
//! These tests need the GeoNames files, which are not part of the repository: they look in
//! `$STORYLINE_GEONAMES`, then in `shared/corpora/geonames` next to the workspace, and pass
//! with a note when the files are absent (the unit tests cover behaviour on the bundled
//! model either way).

use std::path::{Path, PathBuf};

use storyline_geo::{build, train, Gazetteer};

fn geonames_dir() -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("STORYLINE_GEONAMES")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            here.join("../shared/corpora/geonames"),
            here.join("../../../shared/corpora/geonames"),
        ])
        .find(|d| d.join("cities15000.txt").is_file())
}

#[test]
fn rebuild_is_deterministic_and_matches_the_committed_model() {
    let Some(dir) = geonames_dir() else {
        eprintln!("GeoNames files not found; skipping the rebuild check");
        return;
    };
    let first = build(&dir).map(|g| g.to_bytes());
    assert!(first.is_ok(), "{:?}", first.err());
    let first = first.unwrap_or_default();
    let second = build(&dir).map(|g| g.to_bytes()).unwrap_or_default();
    assert_eq!(first, second, "two builds differ");
    let committed = include_bytes!("../models/gazetteer.bin");
    assert!(
        first == committed.as_slice(),
        "models/gazetteer.bin is stale: rebuild it with `cargo run --release --example build_gazetteer -- {} models/gazetteer.bin`",
        dir.display()
    );
    assert!(first.len() < 5 << 20, "model is {} bytes", first.len());
}

#[test]
fn train_writes_a_loadable_model() {
    let Some(dir) = geonames_dir() else {
        eprintln!("GeoNames files not found; skipping the training check");
        return;
    };
    let out = std::env::temp_dir().join(format!("storyline-geo-test-{}.bin", std::process::id()));
    let result = train(&dir, &out);
    assert!(result.is_ok(), "{:?}", result.err());
    if let Ok((stats, bytes)) = result {
        assert_eq!(stats.countries, 250);
        assert_eq!(stats.cities, 32_847);
        let written = std::fs::read(&out).unwrap_or_default();
        assert_eq!(written.len(), bytes);
        assert!(Gazetteer::from_bytes(&written).is_ok());
    }
    let _ = std::fs::remove_file(&out);
}

#[test]
fn missing_or_broken_input_is_an_error() {
    assert!(build(Path::new("/nonexistent/geonames")).is_err());
    let tmp = std::env::temp_dir().join(format!("storyline-geo-bad-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    let _ = std::fs::write(tmp.join("countryInfo.txt"), "# header\nMD\tMDA\n");
    let _ = std::fs::write(tmp.join("admin1CodesASCII.txt"), "");
    let _ = std::fs::write(tmp.join("cities15000.txt"), "");
    let err = build(&tmp).err().unwrap_or_default();
    assert!(err.contains("countryInfo.txt line 2"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}
