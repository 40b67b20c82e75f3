//! What the resolver needs to know about places, behind a trait.
//!
//! Three rules need world knowledge: a demonym stands for its country ("Moldovan" → Moldova),
//! a capital that says or does something stands for its government ("Chisinau said"), and an
//! organisation name carries a country ("Moldovan Defence Ministry"). `storyline-geo` will
//! implement [`PlaceKnowledge`] from its gazetteer; until then [`PlaceTable`] holds a few
//! countries by hand (tests, the invented world of the sample corpus) and [`NoPlaces`] knows
//! nothing, in which case the resolver still links demonyms it can derive from country names
//! the documents themselves use ("Calvenan" from "Calvena").

use std::collections::HashMap;

/// Country facts the resolver looks up. Codes are ISO 3166-1 alpha-2 (or any stable code the
/// implementation uses consistently, such as the user-assigned `QA`–`QZ` for invented states).
/// Every lookup defaults to knowing nothing, so a partial source (a list of towns, no
/// countries) implements only what it knows.
pub trait PlaceKnowledge {
    /// The country whose capital is `name` ("Chisinau" → `"MD"`), case-insensitive.
    fn capital_country(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }
    /// The country a demonym or national adjective belongs to ("Moldovan" → `"MD"`).
    fn demonym_country(&self, word: &str) -> Option<String> {
        let _ = word;
        None
    }
    /// The usual English short name of a country (`"MD"` → "Moldova").
    fn country_name(&self, iso2: &str) -> Option<String> {
        let _ = iso2;
        None
    }
    /// The country a name designates ("Moldova", "Republic of Moldova" → `"MD"`). The default
    /// knows none; the resolver then also recognises the names [`Self::country_name`] gives
    /// for the codes it met through demonyms and capitals.
    fn country_code(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }
    /// True for a place the gazetteer knows that is not a country (a city, a region). Used to
    /// keep "Portesca" apart from "Portesca Port Authority". The default knows none.
    fn is_place(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

/// Knows no place at all.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPlaces;

impl PlaceKnowledge for NoPlaces {}

/// Knows the places it is given by name, none of them a country: a gazetteer of a few towns,
/// for tests and small fixed setups.
#[derive(Debug, Clone, Copy)]
pub struct NamedPlaces(pub &'static [&'static str]);

impl PlaceKnowledge for NamedPlaces {
    fn is_place(&self, name: &str) -> bool {
        self.0.contains(&name)
    }
}

/// A small hand-made table of countries: names, capital, demonyms.
#[derive(Debug, Clone, Default)]
pub struct PlaceTable {
    names: HashMap<String, String>,
    display: HashMap<String, String>,
    capitals: HashMap<String, String>,
    demonyms: HashMap<String, String>,
    places: HashMap<String, String>,
}

impl PlaceTable {
    /// An empty table.
    pub fn new() -> Self {
        PlaceTable::default()
    }

    /// Adds a country: its code, its short name, its capital and its demonyms. Further names
    /// ("Republic of Moldova") go through [`PlaceTable::alias`].
    pub fn country(
        &mut self,
        iso2: &str,
        name: &str,
        capital: Option<&str>,
        demonyms: &[&str],
    ) -> &mut Self {
        let code = iso2.to_uppercase();
        self.display.insert(code.clone(), name.to_string());
        self.names.insert(name.to_lowercase(), code.clone());
        if let Some(c) = capital {
            self.capitals.insert(c.to_lowercase(), code.clone());
        }
        for d in demonyms {
            self.demonyms.insert(d.to_lowercase(), code.clone());
        }
        self
    }

    /// A place in a country that is neither the country nor its capital (a city, a region).
    pub fn place(&mut self, iso2: &str, name: &str) -> &mut Self {
        self.places.insert(name.to_lowercase(), iso2.to_uppercase());
        self
    }

    /// Another name of a country already added.
    pub fn alias(&mut self, iso2: &str, name: &str) -> &mut Self {
        self.names.insert(name.to_lowercase(), iso2.to_uppercase());
        self
    }

    /// Reads a table with one country per line: `code<TAB>names<TAB>capital<TAB>demonyms`
    /// and optionally `<TAB>places`, where names, demonyms and places are `|`-separated (the
    /// first name is the short name) and an empty capital is none. Blank lines and lines
    /// starting with `#` are skipped.
    pub fn parse_tsv(text: &str) -> Result<PlaceTable, String> {
        let mut table = PlaceTable::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !(4..=5).contains(&cols.len()) {
                return Err(format!(
                    "line {}: expected 4 or 5 tab-separated columns, found {}",
                    n + 1,
                    cols.len()
                ));
            }
            let mut names = cols[1].split('|').map(str::trim).filter(|s| !s.is_empty());
            let Some(name) = names.next() else {
                return Err(format!("line {}: no country name", n + 1));
            };
            let demonyms: Vec<&str> = cols[3]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let capital = Some(cols[2].trim()).filter(|s| !s.is_empty());
            table.country(cols[0].trim(), name, capital, &demonyms);
            for alias in names {
                table.alias(cols[0].trim(), alias);
            }
            if let Some(places) = cols.get(4) {
                for place in places.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                    table.place(cols[0].trim(), place);
                }
            }
        }
        Ok(table)
    }
}

impl PlaceKnowledge for PlaceTable {
    fn capital_country(&self, name: &str) -> Option<String> {
        self.capitals.get(&name.to_lowercase()).cloned()
    }
    fn demonym_country(&self, word: &str) -> Option<String> {
        self.demonyms.get(&word.to_lowercase()).cloned()
    }
    fn country_name(&self, iso2: &str) -> Option<String> {
        self.display.get(&iso2.to_uppercase()).cloned()
    }
    fn country_code(&self, name: &str) -> Option<String> {
        self.names.get(&name.to_lowercase()).cloned()
    }
    fn is_place(&self, name: &str) -> bool {
        self.places.contains_key(&name.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_from_tsv() {
        let t = PlaceTable::parse_tsv(
            "# code\tnames\tcapital\tdemonyms\nMD\tMoldova|Republic of Moldova\tChisinau\tMoldovan\tBalti\n",
        )
        .unwrap();
        assert_eq!(t.capital_country("chisinau").as_deref(), Some("MD"));
        assert_eq!(t.demonym_country("Moldovan").as_deref(), Some("MD"));
        assert_eq!(t.country_code("Republic of Moldova").as_deref(), Some("MD"));
        assert_eq!(t.country_name("md").as_deref(), Some("Moldova"));
        assert!(t.is_place("Balti") && !t.is_place("Chisinau"));
        assert!(PlaceTable::parse_tsv("MD\tMoldova\n").is_err());
    }
}
