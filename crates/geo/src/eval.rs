//! Evaluation of the geocoder on a hand-written development set.
//!
//! `data/geocode-dev.tsv` holds real-world ambiguous and common names as news uses them, each
//! with a short document context and the reading a human would choose (see its header). A
//! case is correct when the geocoder returns a place of the expected country and kind, or
//! `None` when none is expected.

use crate::{Gazetteer, PlaceKind};

/// The development set compiled into the crate (used to tune the score weights).
pub const DEV_SET: &str = include_str!("../data/geocode-dev.tsv");

/// The held-out test set compiled into the crate (written before tuning, never tuned on).
pub const TEST_SET: &str = include_str!("../data/geocode-test.tsv");

/// Result of [`evaluate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub total: usize,
    pub correct: usize,
    /// One line per wrong case: context, name, expected and predicted readings.
    pub errors: Vec<String>,
}

impl Evaluation {
    /// Share of correct cases (0 when there are none).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Evaluation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "geocoding accuracy: {}/{} = {:.1}%",
            self.correct,
            self.total,
            100.0 * self.accuracy()
        )?;
        for e in &self.errors {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// Scores `gazetteer` on a set in the format of `data/geocode-dev.tsv` (use [`DEV_SET`] for
/// the bundled one). Malformed lines are an error naming the line.
pub fn evaluate(gazetteer: &Gazetteer, tsv: &str) -> Result<Evaluation, String> {
    let mut ev = Evaluation::default();
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 4 {
            return Err(format!("line {}: {} columns, expected 4", i + 1, c.len()));
        }
        let mentions: Vec<&str> = c[0]
            .split(';')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .collect();
        let (name, want_country, want_kind) = (c[1], c[2].trim(), c[3].trim());
        let want_kind = match want_kind {
            "country" => Some(PlaceKind::Country),
            "admin1" => Some(PlaceKind::Admin1),
            "city" => Some(PlaceKind::City),
            "-" => None,
            k => return Err(format!("line {}: unknown kind {k:?}", i + 1)),
        };
        // The document mentions the name itself too.
        let mut all = mentions.clone();
        all.push(name);
        let ctx = gazetteer.context(&all);
        let got = gazetteer.geocode(name, &ctx);
        let ok = match (&got, want_kind) {
            (None, None) => true,
            (Some(p), Some(k)) => p.kind == k && p.country.as_deref() == Some(want_country),
            _ => false,
        };
        ev.total += 1;
        if ok {
            ev.correct += 1;
        } else {
            let got = got.map_or("None".to_string(), |p| {
                format!(
                    "{} {} {}",
                    p.country.unwrap_or_default(),
                    p.kind.as_str(),
                    p.name
                )
            });
            ev.errors.push(format!(
                "[{}] {name}: expected {want_country} {}, got {got}",
                c[0],
                want_kind.map_or("-", PlaceKind::as_str)
            ));
        }
    }
    Ok(ev)
}
