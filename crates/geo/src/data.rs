//! The gazetteer's stored records. Everything here is written to and read from the model
//! file by `codec`; the lookup indexes are derived from it at load (`Gazetteer::index`).

/// Coordinates in units of 1e-4 degree (about 11 m), as (latitude, longitude).
pub(crate) type Coord = (i32, i32);

/// Converts degrees to the stored unit, rounding to 4 decimals.
pub(crate) fn to_fixed(deg: f64) -> i32 {
    (deg * 10_000.0).round() as i32
}

/// Converts the stored unit back to degrees.
pub(crate) fn to_degrees(v: i32) -> f64 {
    f64::from(v) / 10_000.0
}

/// A country or dependent territory (one row of GeoNames' countryInfo).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. "MD".
    pub iso2: String,
    /// Common English short name (from `data/countries.tsv`), e.g. "Moldova".
    pub name: String,
    /// Other names: the hand-written ones and GeoNames' own name.
    pub aliases: Vec<String>,
    /// GeoNames id of the country.
    pub geonameid: u32,
    /// Population as given by countryInfo.
    pub population: u64,
    /// The capital's coordinates, or the population-weighted centroid of the country's cities
    /// when no capital is known (see the crate documentation for why).
    pub coord: Option<Coord>,
    /// The capital's name as countryInfo gives it (may differ from the city's GeoNames name,
    /// e.g. "Nur-Sultan" for Astana).
    pub capital_name: String,
}

/// A first-order administrative division (US state, province, oblast, governorate...).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Admin1 {
    /// GeoNames code, e.g. "US.GA".
    pub code: String,
    /// Index of the country in `Gazetteer::countries`.
    pub country: u16,
    /// Name (with diacritics), e.g. "Île-de-France".
    pub name: String,
    /// ASCII name when it folds differently from `name` (e.g. "Muhafazat Karbala'" for
    /// "Karbalāʼ"), else empty.
    pub ascii: String,
    /// The name without a generic suffix or prefix ("Kursk" for "Kursk Oblast"); these count
    /// as alternate names.
    pub aliases: Vec<String>,
    pub geonameid: u32,
    /// Sum of the populations of its cities in cities15000 (a lower bound).
    pub population: u64,
    /// Population-weighted centroid of its cities.
    pub coord: Option<Coord>,
    /// Index of its most populous city, if it has one.
    pub largest_city: Option<u32>,
}

/// City flag: the country's capital (PPLC, or countryInfo's capital when no PPLC exists).
pub(crate) const CAPITAL: u8 = 1;
/// City flag: a seat of government that is not the capital (PPLG with ≥ 20,000 people:
/// The Hague, La Paz, Cotonou, Putrajaya).
pub(crate) const SEAT_OF_GOVERNMENT: u8 = 2;

/// A populated place from cities15000.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct City {
    pub geonameid: u32,
    /// GeoNames name, e.g. "Chișinău".
    pub name: String,
    /// ASCII name when it differs from `name`, else empty.
    pub ascii: String,
    /// Latin-script alternate names, one per distinct folded key, none equal to the name's.
    pub alternates: Vec<String>,
    pub country: u16,
    /// Index in `Gazetteer::admin1`, when the code is known.
    pub admin1: Option<u32>,
    pub coord: Coord,
    pub population: u32,
    /// GeoNames feature code, e.g. "PPLC", "PPLA", "PPL".
    pub feature: String,
    /// `CAPITAL` | `SEAT_OF_GOVERNMENT`.
    pub flags: u8,
}

/// A demonym or national adjective and its country.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Demonym {
    pub word: String,
    pub country: u16,
}

/// Population-weighted centroid of points, computed on the unit sphere so that places on both
/// sides of the antimeridian average correctly. Weights below 1 count as 1.
pub(crate) fn centroid(points: &[(Coord, u64)]) -> Option<Coord> {
    if points.is_empty() {
        return None;
    }
    let (mut x, mut y, mut z) = (0.0f64, 0.0f64, 0.0f64);
    for &((lat, lon), w) in points {
        let w = w.max(1) as f64;
        let (la, lo) = (to_degrees(lat).to_radians(), to_degrees(lon).to_radians());
        x += w * la.cos() * lo.cos();
        y += w * la.cos() * lo.sin();
        z += w * la.sin();
    }
    let h = (x * x + y * y).sqrt();
    if h == 0.0 && z == 0.0 {
        return Some(points[0].0);
    }
    let lat = z.atan2(h).to_degrees();
    let lon = y.atan2(x).to_degrees();
    Some((to_fixed(lat), to_fixed(lon)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centroid_weights_and_wraps() {
        let a = ((to_fixed(10.0), to_fixed(179.0)), 1);
        let b = ((to_fixed(10.0), to_fixed(-179.0)), 1);
        let (lat, lon) = centroid(&[a, b]).unwrap_or((0, 0));
        assert!((to_degrees(lon).abs() - 180.0).abs() < 0.01, "{lon}");
        assert!((to_degrees(lat) - 10.0).abs() < 0.1);
        let c = ((0, 0), 1_000_000);
        let d = ((0, to_fixed(10.0)), 1);
        let (_, lon) = centroid(&[c, d]).unwrap_or((0, 0));
        assert!(to_degrees(lon) < 0.01);
        assert_eq!(centroid(&[]), None);
    }
}
