//! Building the gazetteer from the GeoNames dump files and the crate's own tables.
//!
//! Inputs: `countryInfo.txt`, `admin1CodesASCII.txt` and `cities15000.txt` from a GeoNames
//! directory, plus `data/countries.tsv` (English country names) and `data/demonyms.tsv`,
//! which are compiled into the crate. Everything is sorted (countries by ISO code, divisions
//! by code, cities by GeoNames id, names by folded key) so the same input always gives the
//! same model bytes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::data::{
    centroid, to_fixed, Admin1, City, Coord, Country, Demonym, CAPITAL, SEAT_OF_GOVERNMENT,
};
use crate::fold::{fold, is_latin};

/// The hand-written country names, compiled in.
pub(crate) const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
/// The hand-written demonym table, compiled in.
pub(crate) const DEMONYMS_TSV: &str = include_str!("../data/demonyms.tsv");

/// countryInfo rows for entities that no longer exist (Serbia and Montenegro, Netherlands
/// Antilles); GeoNames keeps them for history. Their codes are not ISO 3166-1 any more.
const DISSOLVED: &[&str] = &["AN", "CS"];

/// Seats of government (PPLG) smaller than this are left out: the file also holds
/// micronation "capitals" and tiny ceremonial seats.
const MIN_SEAT_POPULATION: u64 = 20_000;

/// Generic words of division names; a division whose name without its suffix is made only of
/// these ("Northern Region" → "Northern") gets no short alias.
const GENERIC: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north east",
    "north west",
    "south east",
    "south west",
    "upper",
    "lower",
    "middle",
    "far",
    "mid",
    "capital",
    "coast",
    "coastal",
    "islands",
    "island",
    "lakes",
    "federal",
    "national",
    "autonomous",
    "special",
];

/// Generic suffixes and prefixes of first-order division names (matched on the folded name).
const DIVISION_SUFFIXES: &[&str] = &[
    " autonomous region",
    " autonomous oblast",
    " autonomous okrug",
    " oblast",
    " krai",
    " kray",
    " republic",
    " governorate",
    " province",
    " prefecture",
    " region",
    " voivodeship",
];
const DIVISION_PREFIXES: &[&str] = &["republic of ", "province of ", "muhafazat "];

/// What a build read and kept, for the training command's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildStats {
    pub countries: usize,
    pub admin1: usize,
    pub cities: usize,
    pub alternate_names: usize,
    pub demonyms: usize,
    /// Cities whose admin1 code is not in admin1CodesASCII (kept without a division).
    pub unknown_admin1: usize,
}

impl std::fmt::Display for BuildStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} countries, {} first-order divisions, {} cities ({} Latin alternate names, {} without a known division), {} demonyms",
            self.countries, self.admin1, self.cities, self.alternate_names, self.unknown_admin1, self.demonyms
        )
    }
}

fn read(dir: &Path, file: &str) -> Result<String, String> {
    let path = dir.join(file);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Splits a tab-separated line, requiring at least `min` columns.
fn columns<'a>(line: &'a str, min: usize, file: &str, n: usize) -> Result<Vec<&'a str>, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < min {
        return Err(format!(
            "{file} line {n}: {} columns, expected at least {min}",
            c.len()
        ));
    }
    Ok(c)
}

fn number<T: std::str::FromStr>(s: &str, what: &str, file: &str, n: usize) -> Result<T, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{file} line {n}: bad {what} {s:?}"))
}

/// Non-comment, non-empty lines of a crate table with their 1-based line numbers.
fn table_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
}

/// Keeps names whose folded keys are new (not in `seen`), in order, recording their keys.
fn push_new(names: &mut Vec<String>, seen: &mut HashSet<String>, candidate: &str) {
    let k = fold(candidate);
    if !k.is_empty() && seen.insert(k) {
        names.push(candidate.trim().to_string());
    }
}

/// True for GeoNames alternate names worth keeping: Latin script, not a code (IATA, postal,
/// Wikidata), not a link, not a lower-case romanisation without capitals, not absurdly long.
fn plausible_alternate(alt: &str) -> bool {
    let alt = alt.trim();
    let letters = alt.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || alt.chars().count() > 60 || !is_latin(alt) {
        return false;
    }
    if alt
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '=' | '(' | ')' | '/' | '@' | ':'))
    {
        return false;
    }
    if !alt.chars().any(|c| c.is_uppercase()) {
        return false;
    }
    // All-capital short tokens are codes ("ALV", "NYC", "LHR").
    let is_code = alt.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) && letters <= 4;
    !is_code
}

/// The short alias of a division name, e.g. "Kursk" for "Kursk Oblast", if it has one.
fn division_alias(name: &str) -> Option<String> {
    let key = fold(name);
    let mut short = None;
    for s in DIVISION_SUFFIXES {
        if let Some(head) = key.strip_suffix(s) {
            short = Some(head.to_string());
            break;
        }
    }
    if short.is_none() {
        for p in DIVISION_PREFIXES {
            if let Some(tail) = key.strip_prefix(p) {
                short = Some(tail.to_string());
                break;
            }
        }
    }
    let short = short?;
    let generic =
        short.split(' ').all(|w| GENERIC.contains(&w)) || GENERIC.contains(&short.as_str());
    if short.chars().count() < 3 || generic {
        return None;
    }
    // Title-case the folded words for display.
    let pretty: Vec<String> = short
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect();
    Some(pretty.join(" "))
}

struct CountryRow {
    iso2: String,
    name: String,
    capital: String,
    population: u64,
    geonameid: u32,
}

fn read_country_info(dir: &Path) -> Result<Vec<CountryRow>, String> {
    const FILE: &str = "countryInfo.txt";
    let text = read(dir, FILE)?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c = columns(line, 17, FILE, i + 1)?;
        let iso2 = c[0].trim().to_string();
        if iso2.len() != 2 || DISSOLVED.contains(&iso2.as_str()) {
            continue;
        }
        rows.push(CountryRow {
            iso2,
            name: c[4].trim().to_string(),
            capital: c[5].trim().to_string(),
            population: number(c[7], "population", FILE, i + 1)?,
            geonameid: number(c[16], "geonameid", FILE, i + 1)?,
        });
    }
    rows.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    rows.dedup_by(|a, b| a.iso2 == b.iso2);
    Ok(rows)
}

/// The crate's English country names: ISO2 → (canonical name, other names).
fn read_country_names() -> Result<HashMap<String, (String, Vec<String>)>, String> {
    let mut out = HashMap::new();
    for (n, line) in table_lines(COUNTRIES_TSV) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 2 || c[0].len() != 2 || c[1].trim().is_empty() {
            return Err(format!(
                "data/countries.tsv line {n}: expected ISO2, name, aliases"
            ));
        }
        let aliases = c
            .get(2)
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        if out
            .insert(c[0].to_string(), (c[1].trim().to_string(), aliases))
            .is_some()
        {
            return Err(format!(
                "data/countries.tsv line {n}: {} listed twice",
                c[0]
            ));
        }
    }
    Ok(out)
}

/// Builds the gazetteer tables from a GeoNames directory.
pub(crate) fn build_tables(dir: &Path) -> Result<(crate::codec::Tables, BuildStats), String> {
    // Countries.
    let rows = read_country_info(dir)?;
    let english = read_country_names()?;
    let mut countries: Vec<Country> = Vec::with_capacity(rows.len());
    for r in &rows {
        let (name, hand) = english
            .get(&r.iso2)
            .cloned()
            .unwrap_or_else(|| (r.name.clone(), Vec::new()));
        let mut seen = HashSet::from([fold(&name)]);
        let mut aliases = Vec::new();
        for a in hand.iter().chain(std::iter::once(&r.name)) {
            push_new(&mut aliases, &mut seen, a);
        }
        countries.push(Country {
            iso2: r.iso2.clone(),
            name,
            aliases,
            geonameid: r.geonameid,
            population: r.population,
            coord: None,
            capital_name: r.capital.clone(),
        });
    }
    let country_index: HashMap<String, u16> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso2.clone(), i as u16))
        .collect();

    // First-order divisions.
    const ADMIN_FILE: &str = "admin1CodesASCII.txt";
    let text = read(dir, ADMIN_FILE)?;
    let mut admin1: Vec<Admin1> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let c = columns(line, 4, ADMIN_FILE, i + 1)?;
        let code = c[0].trim();
        let Some(country) = code.split('.').next().and_then(|cc| country_index.get(cc)) else {
            continue;
        };
        let name = c[1].trim().to_string();
        let ascii = c[2].trim();
        let mut seen = HashSet::from([fold(&name)]);
        let ascii = if seen.insert(fold(ascii)) {
            ascii.to_string()
        } else {
            String::new()
        };
        let mut aliases = Vec::new();
        for n in [name.as_str(), ascii.as_str()] {
            if let Some(short) = division_alias(n) {
                push_new(&mut aliases, &mut seen, &short);
            }
        }
        admin1.push(Admin1 {
            code: code.to_string(),
            country: *country,
            name,
            ascii,
            aliases,
            geonameid: number(c[3], "geonameid", ADMIN_FILE, i + 1)?,
            population: 0,
            coord: None,
            largest_city: None,
        });
    }
    admin1.sort_by(|a, b| a.code.cmp(&b.code));
    admin1.dedup_by(|a, b| a.code == b.code);
    let admin_index: HashMap<String, u32> = admin1
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), i as u32))
        .collect();

    // Cities.
    const CITY_FILE: &str = "cities15000.txt";
    let text = read(dir, CITY_FILE)?;
    let mut cities: Vec<City> = Vec::new();
    let mut unknown_admin1 = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let c = columns(line, 15, CITY_FILE, n)?;
        let Some(&country) = country_index.get(c[8].trim()) else {
            continue;
        };
        let lat: f64 = number(c[4], "latitude", CITY_FILE, n)?;
        let lon: f64 = number(c[5], "longitude", CITY_FILE, n)?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(format!("{CITY_FILE} line {n}: coordinates out of range"));
        }
        let population: u64 = if c[14].trim().is_empty() {
            0
        } else {
            number(c[14], "population", CITY_FILE, n)?
        };
        let name = c[1].trim().to_string();
        let mut seen = HashSet::from([fold(&name)]);
        let ascii = c[2].trim();
        let ascii = if ascii != name && !ascii.is_empty() {
            seen.insert(fold(ascii));
            ascii.to_string()
        } else {
            String::new()
        };
        let mut alts: Vec<&str> = c[3].split(',').filter(|a| plausible_alternate(a)).collect();
        alts.sort_by_cached_key(|a| (fold(a), a.trim().to_string()));
        let mut alternates = Vec::new();
        for a in alts {
            push_new(&mut alternates, &mut seen, a);
        }
        let admin_code = format!("{}.{}", c[8].trim(), c[10].trim());
        let admin = admin_index.get(&admin_code).copied();
        if admin.is_none() {
            unknown_admin1 += 1;
        }
        cities.push(City {
            geonameid: number(c[0], "geonameid", CITY_FILE, n)?,
            name,
            ascii,
            alternates,
            country,
            admin1: admin,
            coord: (to_fixed(lat), to_fixed(lon)),
            population: u32::try_from(population).unwrap_or(u32::MAX),
            feature: c[7].trim().to_string(),
            flags: 0,
        });
    }
    cities.sort_by_key(|c| c.geonameid);
    cities.dedup_by_key(|c| c.geonameid);

    // Capitals and seats of government.
    for (ci, country) in countries.iter_mut().enumerate() {
        let ci = ci as u16;
        let pplc = cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.country == ci && c.feature == "PPLC")
            .max_by_key(|(_, c)| (c.population, std::cmp::Reverse(c.geonameid)))
            .map(|(i, _)| i);
        let capital = pplc.or_else(|| {
            let want = fold(&country.capital_name);
            if want.is_empty() {
                return None;
            }
            cities
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.country == ci
                        && (fold(&c.name) == want
                            || fold(&c.ascii) == want
                            || c.alternates.iter().any(|a| fold(a) == want))
                })
                .max_by_key(|(_, c)| (c.population, std::cmp::Reverse(c.geonameid)))
                .map(|(i, _)| i)
        });
        if let Some(i) = capital {
            cities[i].flags |= CAPITAL;
            country.coord = Some(cities[i].coord);
        }
    }
    for c in cities.iter_mut() {
        if c.feature == "PPLC" {
            c.flags |= CAPITAL;
        }
        if c.feature == "PPLG" && u64::from(c.population) >= MIN_SEAT_POPULATION {
            c.flags |= SEAT_OF_GOVERNMENT;
        }
    }

    // Aggregates: division populations, centroids and largest cities; country centroids
    // where no capital is known.
    let mut by_admin: BTreeMap<u32, Vec<(Coord, u64)>> = BTreeMap::new();
    let mut by_country: BTreeMap<u16, Vec<(Coord, u64)>> = BTreeMap::new();
    for (i, c) in cities.iter().enumerate() {
        let pop = u64::from(c.population);
        by_country
            .entry(c.country)
            .or_default()
            .push((c.coord, pop));
        if let Some(a) = c.admin1 {
            by_admin.entry(a).or_default().push((c.coord, pop));
            let adm = &mut admin1[a as usize];
            adm.population += pop;
            let better = match adm.largest_city {
                None => true,
                Some(j) => {
                    let o = &cities[j as usize];
                    (c.population, std::cmp::Reverse(c.geonameid))
                        > (o.population, std::cmp::Reverse(o.geonameid))
                }
            };
            if better {
                adm.largest_city = Some(i as u32);
            }
        }
    }
    for (a, pts) in &by_admin {
        admin1[*a as usize].coord = centroid(pts);
    }
    for (ci, country) in countries.iter_mut().enumerate() {
        if country.coord.is_none() {
            country.coord = by_country.get(&(ci as u16)).and_then(|p| centroid(p));
        }
    }

    // Demonyms.
    let mut demonyms: Vec<Demonym> = Vec::new();
    for (n, line) in table_lines(DEMONYMS_TSV) {
        let c: Vec<&str> = line.split('\t').collect();
        let Some(&country) = country_index.get(c[0]) else {
            return Err(format!(
                "data/demonyms.tsv line {n}: unknown country {:?}",
                c[0]
            ));
        };
        for col in c.iter().skip(1) {
            for w in col.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                demonyms.push(Demonym {
                    word: w.to_string(),
                    country,
                });
            }
        }
    }
    demonyms.sort_by_cached_key(|d| (fold(&d.word), d.country, d.word.clone()));
    demonyms.dedup_by(|a, b| a.country == b.country && fold(&a.word) == fold(&b.word));

    let stats = BuildStats {
        countries: countries.len(),
        admin1: admin1.len(),
        cities: cities.len(),
        alternate_names: cities.iter().map(|c| c.alternates.len()).sum(),
        demonyms: demonyms.len(),
        unknown_admin1,
    };
    let tables = crate::codec::Tables {
        countries,
        admin1,
        cities,
        demonyms,
    };
    tables.validate()?;
    Ok((tables, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_alternate_names() {
        assert!(plausible_alternate("Kishinev"));
        assert!(plausible_alternate("Andò-la-Vyèy"));
        assert!(plausible_alternate("les Escaldes"));
        assert!(!plausible_alternate("ALV"));
        assert!(!plausible_alternate("an dao er cheng"));
        assert!(!plausible_alternate("Андорра"));
        assert!(!plausible_alternate("https://en.wikipedia.org/wiki/X"));
        assert!(!plausible_alternate("Q1234"));
        assert!(!plausible_alternate("esukarudesu=engorudani"));
    }

    #[test]
    fn shortens_division_names() {
        assert_eq!(division_alias("Kursk Oblast").as_deref(), Some("Kursk"));
        assert_eq!(
            division_alias("Tatarstan Republic").as_deref(),
            Some("Tatarstan")
        );
        assert_eq!(division_alias("Republic of Tyva").as_deref(), Some("Tyva"));
        assert_eq!(division_alias("Northern Region"), None);
        assert_eq!(division_alias("South Governorate"), None);
        assert_eq!(division_alias("Texas"), None);
    }

    #[test]
    fn crate_tables_parse() {
        let names = read_country_names();
        assert!(names.is_ok(), "{:?}", names.err());
        let names = names.unwrap_or_default();
        assert!(names.len() >= 249);
        assert_eq!(
            names.get("GB").map(|n| n.0.as_str()),
            Some("United Kingdom")
        );
        for (n, line) in table_lines(DEMONYMS_TSV) {
            let cols = line.split('\t').count();
            assert!(cols == 3, "data/demonyms.tsv line {n} has {cols} columns");
            let iso = line.split('\t').next().unwrap_or("");
            assert!(names.contains_key(iso), "data/demonyms.tsv line {n}: {iso}");
        }
    }
}
