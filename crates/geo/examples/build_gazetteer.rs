//! Builds `models/gazetteer.bin` from GeoNames files:
//!
//! ```text
//! cargo run --release --example build_gazetteer -- /work/shared/corpora/geonames models/gazetteer.bin
//! ```
//!
//! This is what `storyline train gazetteer --geonames DIR --out PATH` calls
//! (`storyline_geo::train`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: build_gazetteer GEONAMES_DIR OUT");
        return ExitCode::from(2);
    }
    let (dir, out) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let start = std::time::Instant::now();
    match storyline_geo::train(&dir, &out) {
        Ok((stats, bytes)) => {
            println!("{stats}");
            println!(
                "wrote {} ({bytes} bytes) in {:.1} s",
                out.display(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
