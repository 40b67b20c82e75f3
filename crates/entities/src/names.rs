//! Surface forms: trimming, tokens, titles, word lists and keys.
//!
//! Everything here works on `&str` slices whose byte positions were checked with
//! `str::is_char_boundary`, so odd spans from a statistical recogniser never panic.

use storyline_model::Span;

/// Honorifics and offices that make the following name a person's ("Mr", "Dr.", "Bishop",
/// "Minister", "President"). Compared lowercase, without a final dot.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "reverend",
    "president",
    "minister",
    "judge",
    "magistrate",
    "bishop",
    "archbishop",
    "cardinal",
    "pope",
    "ambassador",
    "mayor",
    "senator",
    "sen",
    "governor",
    "gov",
    "chancellor",
    "premier",
    "prosecutor",
    "consul",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "imam",
    "rabbi",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "cmdr",
    "brig",
    "ombudsman",
    // Newsroom titles, which the recogniser now reads whole with the name after them
    // ("Editor-in-chief Ryan Law").
    "editor-in-chief",
];

/// Words that are titles only next to an honorific or on a mention the recogniser already
/// called a person ("General" is a rank in "General Petrov" but not in "General Motors").
const WEAK_TITLES: &[&str] = &[
    "general",
    "major",
    "captain",
    "colonel",
    "lieutenant",
    "sergeant",
    "admiral",
    "marshal",
    "commander",
    "director",
    "chief",
    "head",
    "vice",
    "prime",
    "deputy",
    "acting",
    "former",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "inspector",
    "detective",
    "speaker",
    "counsellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "defendant",
    "attorney",
];

/// Portfolio words that sit between a title and a name ("Minister of Foreign Affairs Lenora
/// Passek", "Interior Minister Darian Vohl"). They are titles only inside a title sequence.
const PORTFOLIOS: &[&str] = &[
    "foreign",
    "affairs",
    "interior",
    "home",
    "defence",
    "defense",
    "justice",
    "finance",
    "health",
    "education",
    "trade",
    "economy",
    "economic",
    "labour",
    "labor",
    "culture",
    "agriculture",
    "transport",
    "energy",
    "environment",
    "treasury",
    "state",
    "republic",
    "security",
    "intelligence",
    "police",
    "public",
    "regional",
    "district",
    "general",
    "national",
];

/// Offices written in lowercase between a qualifier and a name ("Conservative leader Pierre
/// Poilievre", "Grand Ayatollah Ali Sistani"): part of a titled alias, never of a mention.
const ROLE_NOUNS: &[&str] = &[
    "leader",
    "ayatollah",
    "superintendent",
    "supt",
    "mp",
    "mep",
    "lawmaker",
    "legislator",
    "councillor",
    "councilor",
    "officer",
];

/// Connectors allowed inside a title sequence ("President of the Republic").
const CONNECTORS: &[&str] = &["of", "the", "for", "and"];

/// Single words that are never entities on their own: function words, days, months, and
/// generic words the recogniser picks up from headlines and sentence starts.
const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "hers",
    "their",
    "our",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "who",
    "what",
    "when",
    "where",
    "why",
    "how",
    "and",
    "or",
    "but",
    "if",
    "in",
    "on",
    "at",
    "of",
    "for",
    "by",
    "with",
    "as",
    "after",
    "before",
    "today",
    "yesterday",
    "tomorrow",
    "update",
    "updated",
    "read",
    "share",
    "photo",
    "video",
    "live",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "government",
    "state",
    "republic",
    "kingdom",
    "federation",
    "confederation",
    "country",
    "nation",
    "city",
    "police",
    "people",
    "mr",
    "mrs",
    "ms",
];

/// Words that name a kind of state ("Republic of Moldova" is Moldova).
pub(crate) const STATE_FORMS: &[&str] = &[
    "republic",
    "kingdom",
    "confederation",
    "federation",
    "commonwealth",
    "principality",
    "state",
    "grand duchy",
    "sultanate",
    "government",
    "emirate",
];

/// Head nouns of organisation names, used both to recognise an organisation name whatever the
/// recogniser's label and to find lowercase descriptions ("the bureau", "the defence ministry").
pub(crate) const ORG_HEADS: &[&str] = &[
    "ministry",
    "bureau",
    "agency",
    "directorate",
    "embassy",
    "consulate",
    "commission",
    "committee",
    "council",
    "department",
    "authority",
    "service",
    "party",
    "office",
    "court",
    "police",
    "army",
    "navy",
    "parliament",
    "assembly",
    "union",
    "association",
    "movement",
    "bank",
    "company",
    "corporation",
    "group",
    "institute",
    "university",
    "front",
    "network",
    "monitor",
    "press",
    "news",
    "holdings",
    "chamber",
    "television",
    "radio",
    "times",
    "herald",
    "courier",
    "post",
    "organisation",
    "organization",
    "foundation",
    "federation",
    "team",
    "force",
    "forces",
    "guard",
    "guards",
    "observatory",
    "watch",
    "coalition",
    "alliance",
    "league",
    "tribunal",
    "agence",
    "hospital",
    "tv",
];

/// Head nouns of place names: a road, a square, a lake or a province is a place whatever the
/// recogniser made of the word before it ("Western Province" read as an organisation, "Beira
/// Lake" as a body). Words that also head teams, firms or surnames ("City", "Park", "Palace",
/// "Green") are left out.
const PLACE_HEADS: &[&str] = &[
    "road",
    "street",
    "avenue",
    "boulevard",
    "highway",
    "square",
    "plaza",
    "bridge",
    "airport",
    "province",
    "region",
    "lake",
    "river",
    "island",
    "islands",
    "mountains",
    "valley",
    "bay",
    "gulf",
    "strait",
    "peninsula",
    "desert",
    "sea",
    "ocean",
    "coast",
    "station",
    "tower",
];

/// How many of [`ORG_HEADS`] (the first ones) the lowercase-description scan looks for.
/// Courts and offices are left out: a document often has several, and "the court" may be
/// one the text never names.
const NOMINAL_HEAD_COUNT: usize = 13;
pub(crate) const NOMINAL_HEADS: &[&str] = ORG_HEADS.split_at(NOMINAL_HEAD_COUNT).0;

/// Heads of state bodies: "the Foreign Ministry in Ostemund" belongs to the country whose
/// capital that is. Not embassies (another country's), nor news outlets ("Reuters in Moscow").
pub(crate) const GOVERNMENT_HEADS: &[&str] = &[
    "ministry",
    "bureau",
    "agency",
    "directorate",
    "department",
    "office",
    "police",
    "court",
    "parliament",
    "assembly",
    "government",
    "service",
    "council",
    "commission",
    "army",
    "navy",
];

/// Verbs after which a capital city stands for its government ("Chisinau said").
const GOVERNMENT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "has",
    "had",
    "have",
    "accused",
    "accuses",
    "announced",
    "announces",
    "wanted",
    "wants",
    "cut",
    "cuts",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "responded",
    "responds",
    "expelled",
    "expels",
    "recalled",
    "recalls",
    "summoned",
    "summons",
    "demanded",
    "demands",
    "refused",
    "refuses",
    "agreed",
    "agrees",
    "threatened",
    "threatens",
    "protested",
    "protests",
    "condemned",
    "condemns",
    "blamed",
    "blames",
    "hoped",
    "hopes",
    "urged",
    "urges",
    "decided",
    "decides",
    "ordered",
    "orders",
    "imposed",
    "imposes",
    "sent",
    "sends",
    "will",
    "would",
    "may",
    "might",
    "could",
    "should",
    "must",
    "did",
    "does",
    "plans",
    "planned",
    "believes",
    "believed",
    "told",
    "tells",
    "replied",
    "replies",
    "signed",
    "confirmed",
    "confirms",
    "called",
    "calls",
    "retaliated",
    "vowed",
    "vows",
    "argued",
    "argues",
    "welcomed",
    "welcomes",
    "closed",
    "closes",
    "opened",
];

/// Words dropped from an organisation's content-word set: "Ministry of Foreign Affairs" and
/// "Foreign Ministry" are one body, as are "Consulate General of X" and "X's consulate".
const ORG_FILLERS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "affairs", "general", "&",
];

fn in_list(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// A word lowercased without a final dot ("Gen." → "gen").
pub(crate) fn bare(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// A title anyone may bear ("Mr", "Dr"), which says nothing of the bearer's office.
pub(crate) fn is_courtesy_title(word: &str) -> bool {
    matches!(
        bare(word).as_str(),
        "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "sir" | "dame" | "madam" | "mme" | "m"
    )
}

pub(crate) fn is_honorific(word: &str) -> bool {
    in_list(HONORIFICS, &bare(word))
}

pub(crate) fn is_title_word(word: &str) -> bool {
    let b = bare(word);
    in_list(HONORIFICS, &b) || in_list(WEAK_TITLES, &b)
}

pub(crate) fn is_role_noun(word: &str) -> bool {
    in_list(ROLE_NOUNS, &bare(word))
}

pub(crate) fn is_portfolio(word: &str) -> bool {
    in_list(PORTFOLIOS, &bare(word))
}

pub(crate) fn is_stopword(word: &str) -> bool {
    let word = bare(word);
    in_list(STOPWORDS, &word) || storyline_model::is_calendar_name(&word)
}

pub(crate) fn is_org_head(word: &str) -> bool {
    in_list(ORG_HEADS, &bare(word))
}

pub(crate) fn is_place_head(word: &str) -> bool {
    in_list(PLACE_HEADS, &bare(word))
}

/// The head word of a multi-word name: the last word, or the word before its first "of"
/// ("Bar Association of Sri Lanka" is headed by "Association"). `None` for one word.
pub(crate) fn name_head(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    match words.iter().position(|w| *w == "of") {
        Some(0) => None,
        Some(i) => Some(words[i - 1]),
        None => words.last().copied(),
    }
}

/// Prepositions before a place name make it a location ("Diplomats in Ostemund said").
pub(crate) fn is_preposition(word: &str) -> bool {
    in_list(
        &[
            "in", "at", "from", "to", "into", "near", "outside", "inside", "of", "via", "across",
            "around", "toward", "towards", "between", "and", "through", "for", "by", "on",
        ],
        word,
    )
}

pub(crate) fn is_government_verb(word: &str) -> bool {
    in_list(GOVERNMENT_VERBS, word)
}

pub(crate) fn is_state_form(word: &str) -> bool {
    in_list(STATE_FORMS, &bare(word))
}

/// Apostrophes as news text writes them.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Whether `needle` occurs at byte `at` of `text` (apostrophes of any kind match); the end.
pub(crate) fn match_at(text: &str, at: usize, needle: &str) -> Option<usize> {
    let mut t = text.get(at..)?.char_indices();
    for n in needle.chars() {
        let (_, c) = t.next()?;
        if c != n && !(is_apostrophe(c) && is_apostrophe(n)) {
            return None;
        }
    }
    Some(t.next().map_or(text.len(), |(i, _)| at + i))
}

/// True when the word starts with an uppercase letter (or a digit-free capitalised form such
/// as "McAdams"); "iPhone" and "de" are not capitalised.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A name without its attached Arabic article: "Sadr" of "al-Sadr" or "el-Sisi", which
/// outlets keep or drop. Other words are returned whole.
pub(crate) fn without_article(word: &str) -> &str {
    ["al-", "el-", "Al-", "El-"]
        .iter()
        .find_map(|a| word.strip_prefix(a).filter(|rest| is_capitalised(rest)))
        .unwrap_or(word)
}

/// True when the word has letters and none of them is uppercase.
pub(crate) fn is_lowercase_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_uppercase)
}

/// An initial: "J." or "J".
pub(crate) fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    let mut chars = w.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// An acronym: two to six uppercase letters, with or without dots ("NSB", "N.S.B.").
pub(crate) fn acronym_letters(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    if (2..=6).contains(&n)
        && letters
            .chars()
            .all(|c| c.is_uppercase() && c.is_alphabetic())
    {
        Some(letters)
    } else {
        None
    }
}

/// The initials of the capitalised content words of a name: "National Security Bureau" →
/// "NSB", "Ministry of Foreign Affairs" → "MFA". Hyphenated parts count separately
/// ("Prosecutor-General's Office" → "PGO").
pub(crate) fn initials(tokens: &[String]) -> String {
    let mut out = String::new();
    for token in tokens {
        for part in token.split('-') {
            if let Some(c) = part.chars().next() {
                if c.is_uppercase() {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Lowercase, accents dropped, quotes unified, whitespace collapsed: the key two surface
/// forms share when they are the same name. Outlets differ in accents ("Tillabéri" and
/// "Tillaberi", "Cissé" and "Cisse"), and a name keeps its identity without them.
pub(crate) fn normalize(s: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd().filter(|&c| !is_combining_mark(c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let c = if is_apostrophe(c) { '\'' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

/// Whitespace-separated tokens of `text[span]`, as byte spans of `text`.
pub(crate) fn token_spans(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(slice) = text.get(span.start..span.end) else {
        return out;
    };
    let mut start = None;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Span::new(span.start + s, span.start + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Span::new(span.start + s, span.end));
    }
    out
}

/// A span whose ends are inside `text` and on character boundaries.
pub(crate) fn valid_span(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Trims quotes, brackets, punctuation and a possessive `'s` from both ends of a span.
/// Returns `None` when nothing alphanumeric is left.
pub(crate) fn trim_punct(text: &str, span: Span) -> Option<Span> {
    let slice = text.get(span.start..span.end)?;
    let lead = slice.len()
        - slice
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let mut end = span.end;
    let start = span.start + lead;
    loop {
        let s = text.get(start..end)?;
        let trimmed = s.trim_end_matches(|c: char| !c.is_alphanumeric());
        let mut e = start + trimmed.len();
        if let Some(rest) = strip_possessive(&text[start..e]) {
            e = start + rest.len();
        }
        if e == end {
            break;
        }
        end = e;
    }
    (end > start).then(|| Span::new(start, end))
}

/// "Calvena's" → "Calvena", "Kovel’s" → "Kovel"; `None` when there is no possessive.
pub(crate) fn strip_possessive(s: &str) -> Option<&str> {
    let mut it = s.char_indices().rev();
    let (_, last) = it.next()?;
    if last != 's' && last != 'S' {
        return None;
    }
    let (i, ap) = it.next()?;
    if !is_apostrophe(ap) {
        return None;
    }
    let rest = &s[..i];
    rest.chars()
        .last()
        .is_some_and(char::is_alphanumeric)
        .then_some(rest)
}

/// The words of a text with their byte spans: maximal runs of letters, digits, hyphens and
/// dots between letters ("Prosecutor-General", "U.S").
pub(crate) fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_alnum = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_alnum = iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let inner = (c == '-' || c == '.') && prev_alnum && next_alnum;
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            prev_alnum = c.is_alphanumeric();
        } else {
            if let Some(s) = start.take() {
                out.push(Span::new(s, i));
            }
            prev_alnum = false;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// The content words of an organisation name for matching variants: lowercase, fillers
/// dropped, "defense" spelt "defence", sorted and deduplicated.
pub(crate) fn org_words<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = tokens
        .into_iter()
        .map(|t| {
            let t = strip_possessive(t).unwrap_or(t);
            normalize(t.trim_matches(|c: char| !c.is_alphanumeric()))
        })
        .filter(|t| !t.is_empty() && !in_list(ORG_FILLERS, t))
        .map(|t| {
            if t == "defense" {
                "defence".to_string()
            } else {
                t
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The head of a multi-word organisation name: the last word before "of", else the last word
/// ("Ministry of Defence" → "Ministry", "Capital Police Directorate" → "Directorate").
pub(crate) fn head_word(tokens: &[String]) -> Option<&str> {
    let before_of = tokens
        .iter()
        .position(|t| t == "of")
        .map_or(tokens.len(), |i| i);
    tokens[..before_of].last().map(String::as_str)
}

/// How a name begins with a title: the number of leading tokens that form it, and whether it
/// holds an honorific. A title sequence is title, portfolio and connector words ending in a
/// title or portfolio word ("Minister of Foreign Affairs", "Prime Minister", "Gen.").
pub(crate) fn title_prefix(tokens: &[&str]) -> (usize, bool) {
    let mut best = (0, false);
    let mut honorific = false;
    let mut title = false;
    for (i, t) in tokens.iter().enumerate() {
        let b = bare(t);
        let is_conn = in_list(CONNECTORS, &b) && is_lowercase_word(t);
        if is_honorific(t) {
            honorific = true;
            title = true;
        } else if in_list(WEAK_TITLES, &b) {
            title = true;
        } else if !(is_portfolio(t) || is_conn) {
            break;
        }
        if title && !is_conn {
            best = (i + 1, honorific);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_quotes_possessives_and_punctuation() {
        let text = "“Calvena’s” (NSB), Kovel's.";
        let s = trim_punct(text, Span::new(0, text.find(' ').unwrap())).unwrap();
        assert_eq!(s.of(text), "Calvena");
        let at = text.find("Kovel").unwrap();
        let s = trim_punct(text, Span::new(at, text.len())).unwrap();
        assert_eq!(s.of(text), "Kovel");
        assert!(trim_punct(text, Span::new(0, 3)).is_none());
    }

    #[test]
    fn title_sequences() {
        assert_eq!(title_prefix(&["Prime", "Minister", "Novak"]), (2, true));
        assert_eq!(
            title_prefix(&["Minister", "of", "Foreign", "Affairs", "Lenora", "Passek"]),
            (4, true)
        );
        assert_eq!(title_prefix(&["General", "Motors"]), (1, false));
        assert_eq!(title_prefix(&["Justice", "Street"]), (0, false));
        assert_eq!(title_prefix(&["Mayor", "of", "Portesca"]), (1, true));
    }

    #[test]
    fn acronyms_and_initials() {
        assert_eq!(acronym_letters("N.S.B."), Some("NSB".into()));
        assert_eq!(acronym_letters("Nsb"), None);
        let toks: Vec<String> = ["National", "Security", "Agency"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(initials(&toks), "NSA");
    }

    #[test]
    fn words_keep_inner_hyphens_and_skip_odd_bytes() {
        let text = "the Prosecutor-General’s office — “é”";
        let w: Vec<&str> = words(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(w, ["the", "Prosecutor-General", "s", "office", "é"]);
    }

    #[test]
    fn org_words_unify_variants() {
        assert_eq!(
            org_words(["Ministry", "of", "Foreign", "Affairs"]),
            org_words(["foreign", "ministry"])
        );
        assert_eq!(org_words(["Defense", "Ministry"]), ["defence", "ministry"]);
    }
}
