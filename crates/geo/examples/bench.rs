//! Load time and lookup speed of the bundled gazetteer (figures only; nothing is asserted):
//!
//! ```text
//! cargo run --release --example bench
//! ```

use std::hint::black_box;
use std::time::Instant;

use storyline_geo::{Context, Gazetteer};

const NAMES: &[&str] = &[
    "Paris",
    "Georgia",
    "Tripoli",
    "Chișinău",
    "New York",
    "the Netherlands",
    "Kyiv",
    "Texas",
    "Velmora",
    "Springfield",
    "Quebec City",
    "Paris, Texas",
    "London",
    "Lagos",
    "Punjab",
    "São Paulo",
    "Calvena",
    "Washington",
    "Moscow",
    "Gaza",
];

fn main() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/gazetteer.bin"))
        .unwrap_or_default();
    let start = Instant::now();
    let g = Gazetteer::bundled();
    let first = start.elapsed();
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        match Gazetteer::from_bytes(&bytes) {
            Ok(g) => drop(black_box(g)),
            Err(e) => {
                eprintln!("error: {e}");
                return;
            }
        }
    }
    let load = start.elapsed() / runs;
    let (c, a, y) = g.len();
    println!(
        "model {} bytes: {c} countries, {a} divisions, {y} cities; first bundled() {:.0} ms, from_bytes {:.0} ms (mean of {runs})",
        bytes.len(),
        first.as_secs_f64() * 1e3,
        load.as_secs_f64() * 1e3
    );

    let empty = Context::default();
    let ctx = g.context(&[
        "Atlanta", "Texas", "American", "Lebanon", "Georgian", "Chisinau",
    ]);
    for (label, ctx) in [("empty context", &empty), ("6-mention context", &ctx)] {
        let n = 200_000;
        let start = Instant::now();
        let mut found = 0usize;
        for i in 0..n {
            if g.geocode(black_box(NAMES[i % NAMES.len()]), ctx).is_some() {
                found += 1;
            }
        }
        let t = start.elapsed().as_secs_f64();
        println!(
            "geocode, {label}: {:.0} lookups/s ({:.2} µs each, {found} found)",
            n as f64 / t,
            t * 1e6 / n as f64
        );
    }
    let n = 20_000;
    let start = Instant::now();
    for _ in 0..n {
        black_box(g.context(black_box(NAMES)));
    }
    let t = start.elapsed().as_secs_f64();
    println!(
        "context of {} mentions: {:.0} documents/s ({:.1} µs each)",
        NAMES.len(),
        n as f64 / t,
        t * 1e6 / n as f64
    );
    let n = 1_000_000;
    let words = ["Moldovan", "French", "Chisinau", "Ankara", "Velmora"];
    let start = Instant::now();
    let mut hits = 0usize;
    for i in 0..n {
        let w = black_box(words[i % words.len()]);
        hits += usize::from(g.demonym(w).is_some()) + usize::from(g.capital_country(w).is_some());
    }
    let t = start.elapsed().as_secs_f64();
    println!(
        "demonym + capital_country: {:.0} pairs/s ({hits} hits)",
        n as f64 / t
    );
}
