//! Prints the readings of place names with a document context, best first:
//!
//! ```text
//! cargo run --example geocode -- Georgia --context Atlanta Texas
//! ```
//!
//! Every name before `--context` is resolved; the names after it (and the resolved names
//! themselves) form the document context.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .position(|a| a == "--context")
        .unwrap_or(args.len());
    let names = &args[..split];
    let context: Vec<&str> = args[split..]
        .iter()
        .skip(1)
        .chain(names.iter())
        .map(String::as_str)
        .collect();
    let g = storyline_geo::Gazetteer::bundled();
    let ctx = g.context(&context);
    println!(
        "context countries {:?} divisions {:?}",
        ctx.countries(),
        ctx.admin1()
    );
    for name in names {
        println!("{name}:");
        if let Some(c) = g.demonym(name) {
            println!("  demonym of {c}");
        }
        if let Some(c) = g.capital_country(name) {
            println!("  capital of {c}");
        }
        for (p, s) in g.candidates(name, &ctx).iter().take(6) {
            println!(
                "  {s:6.2} {} {:7} {} [{}] ({:?}, {:?}) pop {} id {}",
                p.country.as_deref().unwrap_or("--"),
                p.kind.as_str(),
                p.name,
                p.admin1.as_deref().unwrap_or(""),
                p.lat,
                p.lon,
                p.population,
                p.geonameid
            );
        }
    }
}
