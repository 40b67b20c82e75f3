//! From recogniser output to clean mentions (passes 1 and 2 of [`crate::resolve`]).
//!
//! Pass 1 looks at one document at a time and repairs what a statistical recogniser gets
//! wrong: spans with quotes or a possessive, leading "the", lowercase words on either edge
//! ("post Ministry of Foreign Affairs", "Velmora Regional Court of"), a name cut short ("Open"
//! of "Open Square"), a possessor glued to a name ("Calvena's National Security Bureau"),
//! offices read as organisations ("Interior" in "Interior Minister Darian Vohl", "Foreign
//! Affairs Lenora Passek"), role descriptions ("Mayor of Portesca") and single generic words.
//! Titles are split off the name used for matching, but the surface form keeps them.
//!
//! Pass 2 needs what the whole corpus says: which words are countries, demonyms and capitals
//! (from [`PlaceKnowledge`], else derived from country names the documents use), so that
//! "Moldovan" and "Chisinau said" become mentions of Moldova; which country an organisation
//! belongs to; and the lowercase descriptions of organisations ("the bureau", "Kaldoria's
//! foreign ministry") that the recogniser never labels.

use std::collections::{BTreeMap, HashMap, HashSet};

use storyline_model::doc::EntityLabel;
use storyline_model::event::EntityMention;
use storyline_model::Span;

use crate::names::{self, is_capitalised, is_lowercase_word, normalize, strip_possessive};
use crate::places::PlaceKnowledge;
use crate::resolution::MentionSource;

/// What a mention refers to, as far as its own words tell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    /// A proper name.
    Name,
    /// A country: its name or a demonym.
    Country { key: String, naming: bool },
    /// A lowercase description of an organisation. `bare` ones ("the bureau") only link to
    /// an organisation the same document names.
    Nominal {
        words: Vec<String>,
        country: Option<String>,
        bare: bool,
    },
}

/// A cleaned mention.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub span: Span,
    /// The text as written (trimmed): what becomes an alias.
    pub surface: String,
    /// The name without titles: what is matched and may become the canonical name.
    pub form: String,
    pub tokens: Vec<String>,
    /// `normalize(form)`.
    pub key: String,
    /// The type this mention votes for; `None` for no vote.
    pub label: Option<EntityLabel>,
    /// The name carried a person's title ("Minister Passek").
    pub person_title: bool,
    /// Linked as a surname, given name or initials to a person's full name: a person, whatever
    /// the recogniser's label said.
    pub linked_person: bool,
    /// The outlet credited in a wire dateline ("BAMAKO, March 12 (Sahel Press) -"): a news
    /// organisation whatever else its words could name.
    pub outlet_credit: bool,
    /// A name given in part on purpose ("a retired civil servant who gave only his surname,
    /// Chan"; "a woman identified only as Maria"): someone who stays anonymous, never the
    /// bearer of that name in another document.
    pub withheld: bool,
    /// A capital standing for its country's government ("Chisinau said"): the country key.
    /// The mention stays the city's, so the city and the country are never one entity, and
    /// an event argument it fills is the country's (see [`crate::ResolvedMention`]).
    pub acting_for: Option<String>,
    pub role: Role,
    /// The country an organisation name belongs to (a country key).
    pub qualifier: Option<String>,
    /// An organisation name's content words (country words left out) and country: the key
    /// under which "Ministry of Defence of Moldova" and "Moldovan Defence Ministry" meet.
    pub org: Option<(Vec<String>, Option<String>)>,
    /// The possessor split off this name ("Calvena" of "Calvena's National Security Bureau").
    possessor: Option<String>,
    pub source: MentionSource,
}

impl Mention {
    pub fn is_name(&self) -> bool {
        self.role == Role::Name
    }

    /// An organisation name: the recogniser says so, or a word of it is an organisation head
    /// ("Bureau", "Ministry", "Courier").
    pub fn org_like(&self) -> bool {
        self.is_name()
            && !self.person_title
            && (self.label == Some(EntityLabel::Org)
                || self
                    .tokens
                    .iter()
                    .any(|t| is_capitalised(t) && names::is_org_head(t)))
    }

    /// Only initials and a surname ("J. Kovel").
    pub fn initial_form(&self) -> bool {
        self.tokens.len() >= 2
            && self.tokens[..self.tokens.len() - 1]
                .iter()
                .all(|t| names::is_initial(t))
    }

    /// A single all-caps word of two to six letters.
    pub fn acronym(&self) -> Option<String> {
        if self.tokens.len() == 1 && self.is_name() {
            names::acronym_letters(&self.tokens[0])
        } else {
            None
        }
    }

    /// An untagged occurrence of a known name.
    pub fn alias(text: &str, span: Span) -> Mention {
        let surface = span.of(text).to_string();
        Mention {
            span,
            key: normalize(&surface),
            tokens: tokens_of(text, span),
            form: surface.clone(),
            surface,
            label: None,
            person_title: false,
            linked_person: false,
            outlet_credit: false,
            withheld: false,
            acting_for: None,
            role: Role::Name,
            qualifier: None,
            org: None,
            possessor: None,
            source: MentionSource::Alias,
        }
    }

    /// May give the entity its canonical name: proper names of it, not demonyms, capitals or
    /// descriptions.
    pub fn naming(&self) -> bool {
        match &self.role {
            Role::Name => true,
            Role::Country { naming, .. } => *naming,
            Role::Nominal { .. } => false,
        }
    }
}

fn tokens_of(text: &str, span: Span) -> Vec<String> {
    names::token_spans(text, span)
        .into_iter()
        .map(|s| s.of(text).to_string())
        .collect()
}

/// A recogniser span, repaired, before it becomes a [`Mention`].
#[derive(Debug, Clone)]
struct Raw {
    span: Span,
    label: Option<EntityLabel>,
    possessor: Option<String>,
    source: MentionSource,
}

/// Strips a leading article and lowercase words from both edges ("post Ministry of Foreign
/// Affairs" → "Ministry of Foreign Affairs", "Embassy of Kaldoria persona" → "Embassy of
/// Kaldoria"), then punctuation again.
fn trim_tokens(text: &str, span: Span) -> Option<Span> {
    let toks = names::token_spans(text, span);
    let word = |s: &Span| s.of(text).trim_matches(|c: char| !c.is_alphanumeric());
    let mut a = 0;
    let mut b = toks.len();
    while a < b {
        let w = word(&toks[a]);
        // The article, but not the initial "A." of "A. Novak".
        let article = matches!(toks[a].of(text), "The" | "A" | "An");
        if w.is_empty() || is_lowercase_word(w) || article {
            a += 1;
        } else {
            break;
        }
    }
    while b > a {
        let w = word(&toks[b - 1]);
        if w.is_empty() || is_lowercase_word(w) {
            b -= 1;
        } else {
            break;
        }
    }
    if a == b {
        return None;
    }
    names::trim_punct(text, Span::new(toks[a].start, toks[b - 1].end))
}

/// Moves span ends that fall inside a word to the word's edges ("General's Office" of
/// "Prosecutor-General's Office" → the whole name).
fn snap_to_words(text: &str, span: Span) -> Span {
    let mut start = span.start;
    loop {
        let mut back = text[..start].chars().rev();
        match (back.next(), back.next()) {
            (Some(c), _) if c.is_alphanumeric() => start -= c.len_utf8(),
            (Some('-'), Some(c)) if c.is_alphanumeric() => start -= 1,
            _ => break,
        }
    }
    let mut end = span.end;
    while let Some(c) = text[end..].chars().next().filter(|c| c.is_alphanumeric()) {
        end += c.len_utf8();
    }
    Span::new(start, end)
}

fn repair(text: &str, span: Span) -> Option<Span> {
    let span = snap_to_words(text, span);
    let s = names::trim_punct(text, span)?;
    let s = trim_tokens(text, s)?;
    // A "name" written all in lowercase is not one we can trust.
    s.of(text).chars().any(char::is_uppercase).then_some(s)
}

/// Splits "Calvena's National Security Bureau" into the possessor and the name.
fn split_possessor(text: &str, raw: Raw) -> Vec<Raw> {
    let toks = names::token_spans(text, raw.span);
    for i in 0..toks.len().saturating_sub(1) {
        let t = toks[i].of(text);
        if let Some(base) = strip_possessive(t) {
            if !is_capitalised(toks[i + 1].of(text)) || !is_capitalised(base) {
                continue;
            }
            // "Prosecutor-General's Office", "Kaldoria's Embassy": one name, not two.
            if i + 2 == toks.len() && names::is_org_head(toks[i + 1].of(text)) {
                continue;
            }
            let first = Span::new(raw.span.start, toks[i].start + base.len());
            let rest = Span::new(toks[i + 1].start, raw.span.end);
            let mut out = Vec::new();
            if let Some(first) = repair(text, first) {
                out.push(Raw {
                    span: first,
                    label: (raw.label == Some(EntityLabel::Loc)).then_some(EntityLabel::Loc),
                    possessor: None,
                    source: MentionSource::Derived,
                });
            }
            if let Some(rest) = repair(text, rest) {
                out.push(Raw {
                    span: rest,
                    label: raw.label,
                    possessor: Some(first.of(text).to_string()),
                    source: raw.source,
                });
            }
            return out;
        }
    }
    vec![raw]
}

/// The word after a span, skipping spaces (not line breaks), with its span.
fn next_word(text: &str, at: usize) -> Option<Span> {
    let rest = text.get(at..)?;
    let skip = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    if skip == 0 {
        return None;
    }
    let start = at + skip;
    let tail = &text[start..];
    let len = tail
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
        .map_or(tail.len(), |(i, _)| i);
    let word = tail[..len].trim_end_matches('.');
    (!word.is_empty()).then(|| Span::new(start, start + word.len()))
}

/// What to do with a mention that names an office rather than a body or a person.
enum Office {
    Keep,
    Drop,
    /// Keep only the place at the end ("Mayor of Portesca" → "Portesca").
    Tail(Span),
}

/// The capitalised name after "of" in a role or portfolio ("Foreign Affairs of Kaldoria").
fn of_tail(text: &str, toks: &[Span]) -> Option<Span> {
    let of = toks.iter().position(|t| t.of(text) == "of")?;
    let mut i = of + 1;
    if toks.get(i).is_some_and(|t| t.of(text) == "the") {
        i += 1;
    }
    let first = toks.get(i)?;
    is_capitalised(first.of(text)).then(|| Span::new(first.start, toks[toks.len() - 1].end))
}

fn office(text: &str, span: Span) -> Office {
    let toks = names::token_spans(text, span);
    let words: Vec<&str> = toks.iter().map(|t| t.of(text)).collect();
    if words.is_empty() {
        return Office::Drop;
    }
    // "Mayor of Portesca", "Ambassador of Kaldoria": a role, not a name.
    let (k, honorific) = names::title_prefix(&words);
    if k > 0 && honorific && k < words.len() && matches!(words[k], "of" | "for") {
        return of_tail(text, &toks).map_or(Office::Drop, Office::Tail);
    }
    // Only titles: "Consul", "President", "Minister".
    if words.iter().all(|w| {
        names::is_title_word(w) || names::is_portfolio(w) || matches!(*w, "of" | "the" | "for")
    }) {
        return Office::Drop;
    }
    let has_head = words
        .iter()
        .any(|w| is_capitalised(w) && names::is_org_head(w));
    // "Minister of Foreign Affairs ...", "Minister of Justice": the portfolio of an office.
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let lower = before.to_lowercase();
    let after_office = [
        "minister of",
        "minister of the",
        "minister for",
        "secretary of",
        "secretary of the",
        "secretary for",
    ]
    .iter()
    .any(|p| lower.ends_with(p));
    if after_office && !has_head {
        let lead = words
            .iter()
            .take_while(|w| names::is_portfolio(w) || matches!(**w, "of" | "the" | "for"))
            .count();
        // "Foreign Affairs Lenora Passek": the person stays, `build` drops the portfolio.
        // ("Foreign Affairs of Kaldoria" is the office's country, below.)
        if lead > 0 && lead < words.len() && names::is_portfolio(words[lead - 1]) {
            return Office::Keep;
        }
        return of_tail(text, &toks).map_or(Office::Drop, Office::Tail);
    }
    // "Interior" of "Interior Minister Darian Vohl".
    if words.len() == 1 && names::is_portfolio(words[0]) {
        if let Some(next) = next_word(text, span.end) {
            if names::is_title_word(next.of(text)) {
                return Office::Drop;
            }
        }
    }
    Office::Keep
}

/// Pass 1 for one document: repaired spans with their labels, sorted, without duplicates.
pub(crate) fn clean_doc(text: &str, ner: &[EntityMention]) -> Vec<Mention> {
    let mut raws: Vec<Raw> = Vec::new();
    for m in ner {
        if !names::valid_span(text, m.span) {
            continue;
        }
        let Some(span) = repair(text, m.span) else {
            continue;
        };
        let span = extend_left(text, span);
        let mut label = EntityLabel::parse(&m.label);
        // "Radio Pakistan", "Bank Indonesia": an organisation's head word right before a place
        // the recogniser tagged alone names the organisation, not the place.
        let span = match org_head_before(text, span).filter(|_| label == Some(EntityLabel::Loc)) {
            Some(start) => {
                label = Some(EntityLabel::Org);
                Span::new(start, span.end)
            }
            None => span,
        };
        let raw = Raw {
            span,
            label,
            possessor: None,
            source: MentionSource::Ner,
        };
        for part in split_possessor(text, raw) {
            match office(text, part.span) {
                Office::Keep => raws.push(part),
                Office::Drop => {}
                Office::Tail(tail) => {
                    if let Some(span) = repair(text, tail) {
                        raws.push(Raw {
                            span,
                            label: None,
                            possessor: None,
                            source: MentionSource::Derived,
                        });
                    }
                }
            }
        }
    }
    raws.sort_by_key(|r| (r.span.start, std::cmp::Reverse(r.span.end)));
    raws.dedup_by_key(|r| r.span);
    // Overlapping spans: keep the first, longer one.
    let mut kept: Vec<Raw> = Vec::with_capacity(raws.len());
    for r in raws {
        if kept.last().is_some_and(|k| r.span.start < k.span.end) {
            continue;
        }
        kept.push(r);
    }
    extend_partial(text, &mut kept);
    let mut mentions: Vec<Mention> = kept.into_iter().filter_map(|r| build(text, r)).collect();
    unglue_offices(text, &mut mentions);
    mentions
}

/// A name right after "<Organisation head> of (the) " belongs to it: "Interior" of "Ministry of
/// the Interior", "Foreign Affairs" of "the Ministry of Foreign Affairs".
fn extend_left(text: &str, span: Span) -> Span {
    let before = &text[..span.start];
    let Some(rest) = ["of the ", "of "]
        .iter()
        .find_map(|c| before.strip_suffix(c).and_then(|r| r.strip_suffix(' ')))
    else {
        return span;
    };
    let words = names::words(rest);
    let Some(last) = words.last().filter(|w| w.end == rest.len()) else {
        return span;
    };
    let head = last.of(rest);
    if !is_capitalised(head) || !names::is_org_head(head) {
        return span;
    }
    let mut start = last.start;
    for w in words.iter().rev().skip(1).take(2) {
        let word = w.of(rest);
        if rest.get(w.end..start) != Some(" ") || !is_capitalised(word) || names::is_stopword(word)
        {
            break;
        }
        start = w.start;
    }
    Span::new(start, span.end)
}

/// The word right before byte `at`, separated from it by one space, with its start.
fn word_right_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text.get(..at)?.strip_suffix(' ')?;
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .filter(|w| !w.is_empty())?;
    Some((before.len() - word.len(), word))
}

/// The name with the capitalised title written right before it, when the recogniser left the
/// title out of the span: "Prime Minister Shehbaz Sharif", "Gen. Zúñiga". Readers search by
/// these forms, so a person's entity keeps them as aliases. A lowercase description ("the
/// former defence minister") is not a title.
pub(crate) fn titled_surface(text: &str, span: Span) -> Option<String> {
    let mut start = span.start;
    let mut words: Vec<&str> = Vec::new();
    let mut title_start = None;
    for _ in 0..4 {
        let Some((at, word)) = word_right_before(text, start) else {
            break;
        };
        if !is_capitalised(word)
            || word
                .trim_end_matches('.')
                .contains(|c: char| !c.is_alphabetic() && c != '-')
        {
            break;
        }
        words.insert(0, word);
        start = at;
        if names::title_prefix(&words).0 == words.len() {
            title_start = Some(at);
        }
    }
    let at = title_start?;
    let titled = text.get(at..span.end)?;
    // One line, as a title and name are written.
    (!titled.contains('\n')).then(|| titled.to_string())
}

/// The name with the whole title phrase written before it, as a reader quotes and searches
/// it: "Canadian Prime Minister Justin Trudeau", "Conservative leader Pierre Poilievre",
/// "Surrey Mayor Brenda Locke", "Secretary of State Antony Blinken". The word next to the
/// name is a title or role noun; before it may stand more titles, portfolios, connectors and
/// capitalised qualifiers (a demonym, a place, an acronym, a portfolio the lists lack:
/// "Immigration Minister"). A phrase with no capitalised word is a description ("the
/// former defence minister"), not a title. Only for aliases: the role that tells two
/// bearers apart comes from [`role_title`], which this wider phrase would blur.
pub(crate) fn titled_alias(text: &str, span: Span) -> Option<String> {
    let mut start = span.start;
    let mut title_start = None;
    for i in 0..7 {
        let Some((at, word)) = word_right_before(text, start) else {
            break;
        };
        let bare = word.strip_suffix("'s").or(word.strip_suffix("’s"));
        let plain = bare.unwrap_or(word);
        if plain
            .trim_end_matches('.')
            .contains(|c: char| !c.is_alphabetic() && c != '-')
        {
            break;
        }
        let title = names::is_title_word(plain) || names::is_role_noun(plain);
        // A full stop ends a sentence unless it ends a title's abbreviation ("Supt.").
        if plain.ends_with('.') && !title {
            break;
        }
        if i == 0 && (!title || names::is_courtesy_title(plain)) {
            // Nobody writes a qualifier before "Mr" or "Dr".
            return None;
        }
        // "of" and "the" join a title ("Secretary of State"); "and" joins two people.
        let connector = matches!(plain, "of" | "the" | "for");
        let role = title || names::is_portfolio(plain);
        // A regnal number ("Heinrich XIII Prince Reuss") means the words before belong to
        // another name, not to a title.
        let regnal = plain.len() <= 5 && plain.chars().all(|c| "IVXLC".contains(c));
        let qualifier = is_capitalised(plain)
            && !names::is_stopword(plain)
            && !regnal
            && !TITLE_OPENERS.contains(&plain.to_lowercase().as_str());
        if bare.is_some() && !qualifier {
            break;
        }
        if !(role || connector || qualifier) {
            break;
        }
        start = at;
        // The phrase starts with a capitalised word: "former" and "leader" before it
        // belong to the sentence ("chief General Asim Munir").
        if is_capitalised(plain) {
            title_start = Some(at);
        }
    }
    let titled = text.get(title_start?..span.end)?;
    (!titled.contains('\n')).then(|| titled.to_string())
}

/// Capitalised words that open a sentence before a title ("Since Prime Minister ..."), never
/// part of it.
const TITLE_OPENERS: &[&str] = &[
    "since",
    "while",
    "then",
    "meanwhile",
    "also",
    "later",
    "earlier",
    "last",
    "under",
    "during",
    "from",
    "to",
    "according",
    "so",
    "now",
    "once",
    "until",
    "both",
    "even",
];

/// The role a name's title gives its bearer, lowercased without courtesy titles: "justice secretary"
/// for "Justice Secretary Remulla", "senator" for "Senator Imee Marcos"; `None` for "Mr
/// Marcos" or an untitled name. The title may be inside the recognised span (the name's form
/// leaves it out) or written right before it. Two bearers of one surname are told apart by it.
pub(crate) fn role_title(text: &str, m: &Mention) -> Option<String> {
    let inside = m.surface.strip_suffix(m.form.as_str()).unwrap_or("");
    let before = titled_surface(text, m.span)
        .and_then(|t| {
            t.len()
                .checked_sub(m.surface.len())
                .and_then(|n| t.get(..n).map(str::to_string))
        })
        .unwrap_or_default();
    let words: Vec<String> = before
        .split_whitespace()
        .chain(inside.split_whitespace())
        .map(names::bare)
        .filter(|w| !names::is_courtesy_title(w))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Whether two role titles can name one office: the same words, or one the other's head
/// ("secretary" and "justice secretary"), but not two portfolios ("justice secretary" and
/// "interior secretary").
pub(crate) fn titles_meet(a: &str, b: &str) -> bool {
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

/// The start of a capitalised organisation head word ("Radio", "Bank") right before `span`.
fn org_head_before(text: &str, span: Span) -> Option<usize> {
    let (start, word) = word_right_before(text, span.start)?;
    (is_capitalised(word) && names::is_org_head(word) && word.chars().all(char::is_alphabetic))
        .then_some(start)
}

/// A one-word mention followed by capitalised words that no other mention covers was cut
/// short: "Open" of "Open Square".
fn extend_partial(text: &str, raws: &mut [Raw]) {
    for i in 0..raws.len() {
        // Longer names only take a missing head ("National Security" + "Bureau").
        let single = names::token_spans(text, raws[i].span).len() == 1;
        let limit = raws.get(i + 1).map_or(text.len(), |r| r.span.start);
        let mut end = raws[i].span.end;
        for _ in 0..3 {
            let Some(w) = next_word(text, end) else { break };
            let word = w.of(text);
            if w.end > limit
                || text[end..w.start] != *" "
                || !is_capitalised(word)
                || names::is_stopword(word)
                || names::is_title_word(word)
                || names::is_portfolio(word)
                || names::acronym_letters(word).is_some()
                || (!single && !names::is_org_head(word))
            {
                break;
            }
            end = w.end;
        }
        if end > raws[i].span.end {
            raws[i].span = Span::new(raws[i].span.start, end);
            raws[i].source = MentionSource::Derived;
            // The recogniser's place label was for the one word, which opens a longer name
            // ("Pakistan" of "Pakistan Tehreek-e-Insaf (PTI)"): the name as a whole has no
            // label of its own, so other mentions of it decide its type.
            if single && raws[i].label == Some(EntityLabel::Loc) {
                raws[i].label = None;
            }
        }
    }
}

/// A one-word name right after a capitalised word that no mention covers (or that was tagged
/// on its own as MISC), where the two words are a person's full name elsewhere in the corpus
/// (`is_known_full`): the recogniser read the given name as something else ("their leader,
/// Christian Malanga", with "Christian" taken for the religion). Without this the surname
/// alone stands for whichever bearer of it is more salient, which may be a relative named
/// later.
pub(crate) fn extend_to_known_full_names(
    text: &str,
    mentions: &mut Vec<Mention>,
    is_known_full: &dyn Fn(&[String]) -> bool,
) {
    let mut swallowed: Vec<usize> = Vec::new();
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.is_name() || m.tokens.len() != 1 || m.label == Some(EntityLabel::Loc) {
            continue;
        }
        let Some(before) = text.get(..m.span.start).and_then(|b| b.strip_suffix(' ')) else {
            continue;
        };
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
            .last()
            .map_or(before.len(), |(k, _)| k);
        let word = &before[start..];
        // The given name may have been tagged on its own as a religion or nationality.
        let covered = i > 0 && mentions[i - 1].span.end > start;
        let swallows = covered
            && mentions[i - 1].span == Span::new(start, start + word.len())
            && mentions[i - 1].label == Some(EntityLabel::Misc);
        if word.is_empty()
            || (covered && !swallows)
            || !is_capitalised(word)
            || names::is_stopword(word)
            || names::is_title_word(word)
            || names::is_portfolio(word)
        {
            continue;
        }
        if !is_known_full(&[word.to_string(), m.tokens[0].clone()]) {
            continue;
        }
        let raw = Raw {
            span: Span::new(start, m.span.end),
            label: Some(EntityLabel::Per),
            possessor: None,
            source: MentionSource::Derived,
        };
        if let Some(longer) = build(text, raw) {
            mentions[i] = longer;
            if swallows {
                swallowed.push(i - 1);
            }
        }
    }
    for i in swallowed.into_iter().rev() {
        mentions.remove(i);
    }
}

fn build(text: &str, raw: Raw) -> Option<Mention> {
    let toks = names::token_spans(text, raw.span);
    let words: Vec<&str> = toks.iter().map(|t| t.of(text)).collect();
    let (k, honorific) = names::title_prefix(&words);
    let per = raw.label == Some(EntityLabel::Per);
    if k == 0 && after_title(text, raw.span.start) {
        // "President of the [Republic Oskar Melandri]": the office's last words were tagged.
        // They are not part of the name as written, so the mention becomes the name.
        let lead = words
            .iter()
            .take_while(|w| names::is_portfolio(w) && is_capitalised(w))
            .count();
        if lead > 0 && words.len() - lead >= 2 {
            let span = Span::new(toks[lead].start, raw.span.end);
            let mut m = build(
                text,
                Raw {
                    span,
                    label: Some(EntityLabel::Per),
                    possessor: None,
                    source: MentionSource::Derived,
                },
            )?;
            m.person_title = true;
            return Some(m);
        }
    }
    let strip = k > 0 && k < words.len() && (honorific || per) && is_capitalised(words[k]);
    let form_span = if strip {
        Span::new(toks[k].start, raw.span.end)
    } else {
        raw.span
    };
    let form = form_span.of(text).to_string();
    let tokens = tokens_of(text, form_span);
    if tokens.len() == 1 && (names::is_stopword(&tokens[0]) || names::is_title_word(&tokens[0])) {
        return None;
    }
    if !form.chars().any(char::is_alphabetic) {
        return None;
    }
    // A name after an honorific is a person's, whatever the recogniser made of the title
    // glued to it ("Editor-in-chief Ryan Law" read as MISC, "Chief Magistrate Victoria Law"
    // as ORG), unless it ends in the head of an organisation's name ("King Fahd Hospital").
    let titled_person = strip && honorific && !tokens.last().is_some_and(|t| names::is_org_head(t));
    // The same with the title in lowercase before the span ("editor-in-chief Ryan Law", the
    // name read as MISC like "Megan's Law"): a full name after a title is a person's. Only
    // the recogniser's MISC gives way; a title before an organisation or place is rare but
    // possible ("minister Foreign Affairs").
    let titled_before = k == 0
        && tokens.len() >= 2
        && matches!(raw.label, Some(EntityLabel::Misc) | None)
        && !tokens.last().is_some_and(|t| names::is_org_head(t))
        && word_right_before(text, raw.span.start).is_some_and(|(_, w)| names::is_honorific(w));
    let titled_person = titled_person || titled_before;
    let label = if titled_person {
        Some(EntityLabel::Per)
    } else {
        raw.label
    };
    Some(Mention {
        span: raw.span,
        surface: raw.span.of(text).to_string(),
        key: normalize(&form),
        form,
        tokens,
        label,
        person_title: (strip && honorific) || titled_before,
        linked_person: false,
        outlet_credit: false,
        withheld: false,
        acting_for: None,
        role: Role::Name,
        qualifier: None,
        org: None,
        possessor: raw.possessor,
        source: raw.source,
    })
}

/// True when `at` follows a title and a connector: "President of the ", "Minister of ".
fn after_title(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    let Some(rest) = ["of the", "of", "for the", "for"]
        .iter()
        .find_map(|c| before.strip_suffix(c).filter(|r| r.ends_with(' ')))
    else {
        return false;
    };
    rest.split_whitespace()
        .next_back()
        .is_some_and(|w| names::is_title_word(w) && is_capitalised(w))
}

/// "Interior Darian Vohl", "Foreign Affairs Lenora Passek", "Republic Oskar Melandri": an
/// office the recogniser glued to a person named in full elsewhere in the document. The
/// mention becomes the person's name.
fn unglue_offices(text: &str, mentions: &mut [Mention]) {
    let full: HashSet<Vec<String>> = mentions
        .iter()
        .filter(|m| m.label == Some(EntityLabel::Per) && m.tokens.len() >= 2 && !m.initial_form())
        .map(|m| m.tokens.iter().map(|t| normalize(t)).collect())
        .collect();
    for m in mentions.iter_mut() {
        if m.tokens.len() < 3 {
            continue;
        }
        let norm: Vec<String> = m.tokens.iter().map(|t| normalize(t)).collect();
        for cut in 1..m.tokens.len() - 1 {
            if !full.contains(&norm[cut..]) {
                continue;
            }
            let toks = names::token_spans(text, m.span);
            let Some(first) = toks.get(toks.len() - (m.tokens.len() - cut)) else {
                break;
            };
            let span = Span::new(first.start, m.span.end);
            m.span = span;
            m.surface = span.of(text).to_string();
            m.form = m.surface.clone();
            m.tokens = tokens_of(text, span);
            m.key = normalize(&m.form);
            m.label = Some(EntityLabel::Per);
            m.person_title = true;
            m.source = MentionSource::Derived;
            break;
        }
    }
}

/// Country knowledge for one run: the [`PlaceKnowledge`] plus what the corpus itself shows.
pub(crate) struct Countries<'p> {
    pub(crate) places: &'p dyn PlaceKnowledge,
    by_name: HashMap<String, String>,
    fallback_demonyms: HashMap<String, String>,
    display: HashMap<String, String>,
}

/// Candidate country names a demonym may come from: "Calvenan" → "Calvena", "Selvanian" →
/// "Selvane", "Canadian" → "Canada", "German" → "Germany", "Chinese" → "China", "Iraqi" → "Iraq".
fn demonym_bases(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let strip = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.chars().count() >= 3);
    if let Some(stem) = strip("ian") {
        for end in ["e", "a", "y", "", "ia"] {
            out.push(format!("{stem}{end}"));
        }
    }
    if let Some(stem) = strip("an") {
        out.push(format!("{stem}a"));
        out.push(format!("{stem}o"));
        out.push(format!("{word}y"));
    }
    if let Some(stem) = strip("ese") {
        out.push(stem.to_string());
        out.push(format!("{stem}a"));
    }
    if let Some(stem) = strip("i") {
        out.push(stem.to_string());
    }
    out
}

impl<'p> Countries<'p> {
    /// Learns from all documents' cleaned mentions which names are countries.
    pub fn new(places: &'p dyn PlaceKnowledge, docs: &[Vec<Mention>]) -> Countries<'p> {
        let mut c = Countries {
            places,
            by_name: HashMap::new(),
            fallback_demonyms: HashMap::new(),
            display: HashMap::new(),
        };
        // Codes met through demonyms and capitals name their countries.
        let mut labels: BTreeMap<String, [u32; 4]> = BTreeMap::new();
        let mut surface: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
        for m in docs.iter().flatten() {
            for t in &m.tokens {
                let w = strip_possessive(t).unwrap_or(t);
                for code in [places.demonym_country(w), places.capital_country(w)]
                    .into_iter()
                    .flatten()
                {
                    if let Some(name) = places.country_name(&code) {
                        c.by_name.insert(name.to_lowercase(), format!("iso:{code}"));
                    }
                }
            }
            if m.tokens.len() != 1 {
                continue;
            }
            let w = &m.tokens[0];
            let votes = labels.entry(w.to_lowercase()).or_default();
            if let Some(l) = m.label {
                votes[label_index(l)] += 1;
            }
            *surface
                .entry(w.to_lowercase())
                .or_default()
                .entry(w.clone())
                .or_default() += 1;
        }
        // Demonyms the table does not know, derived from place names the corpus uses.
        let place_like = |v: &[u32; 4]| {
            let per = v[label_index(EntityLabel::Per)];
            let placeish = v[label_index(EntityLabel::Loc)] + v[label_index(EntityLabel::Org)];
            placeish > 0 && placeish >= per
        };
        for (lower, votes) in &labels {
            let Some(forms) = surface.get(lower) else {
                continue;
            };
            let Some((word, _)) = forms.iter().max_by_key(|(_, n)| **n) else {
                continue;
            };
            if !is_capitalised(word)
                || places.demonym_country(word).is_some()
                || votes[label_index(EntityLabel::Per)] > votes.iter().sum::<u32>() / 2
            {
                continue;
            }
            for base in demonym_bases(word) {
                let bl = base.to_lowercase();
                if bl == *lower {
                    continue;
                }
                let Some(bv) = labels.get(&bl) else { continue };
                if !place_like(bv) {
                    continue;
                }
                let key = c
                    .country_key_of_name(&base)
                    .unwrap_or_else(|| format!("name:{bl}"));
                if key.starts_with("name:") {
                    let shown = surface
                        .get(&bl)
                        .and_then(|f| f.iter().max_by_key(|(_, n)| **n).map(|(w, _)| w.clone()))
                        .unwrap_or(base.clone());
                    c.display.insert(key.clone(), shown);
                    c.by_name.insert(bl.clone(), key.clone());
                }
                c.fallback_demonyms.insert(lower.clone(), key);
                break;
            }
        }
        c
    }

    fn country_key_of_name(&self, name: &str) -> Option<String> {
        if let Some(code) = self.places.country_code(name) {
            return Some(format!("iso:{}", code.to_uppercase()));
        }
        self.by_name.get(&name.to_lowercase()).cloned()
    }

    /// The country a name designates, also through "Republic of X".
    pub fn of_name(&self, form: &str, tokens: &[String]) -> Option<String> {
        if let Some(k) = self.country_key_of_name(form) {
            return Some(k);
        }
        if tokens.len() >= 3 && names::is_state_form(&tokens[0]) && tokens[1] == "of" {
            let rest = tokens[2..].join(" ");
            return self.country_key_of_name(&rest);
        }
        None
    }

    pub fn of_demonym(&self, word: &str) -> Option<String> {
        if let Some(code) = self.places.demonym_country(word) {
            return Some(format!("iso:{}", code.to_uppercase()));
        }
        self.fallback_demonyms.get(&word.to_lowercase()).cloned()
    }

    pub fn of_capital(&self, word: &str) -> Option<String> {
        self.places
            .capital_country(word)
            .map(|code| format!("iso:{}", code.to_uppercase()))
    }

    /// A country named by a word inside a longer name: its name or its demonym.
    fn of_word(&self, word: &str) -> Option<String> {
        let w = strip_possessive(word).unwrap_or(word);
        self.of_demonym(w).or_else(|| self.country_key_of_name(w))
    }

    /// The name to show for a country key.
    pub fn display(&self, key: &str) -> Option<String> {
        if let Some(code) = key.strip_prefix("iso:") {
            if let Some(name) = self.places.country_name(code) {
                return Some(name);
            }
        }
        self.display.get(key).cloned()
    }
}

pub(crate) fn label_index(l: EntityLabel) -> usize {
    match l {
        EntityLabel::Per => 0,
        EntityLabel::Org => 1,
        EntityLabel::Loc => 2,
        EntityLabel::Misc => 3,
    }
}

/// Pass 2 for one document: country references, organisation countries and descriptions.
pub(crate) fn refine_doc(text: &str, mentions: &mut Vec<Mention>, countries: &Countries<'_>) {
    for m in mentions.iter_mut() {
        if m.is_name() && dateline_credit(text, m.span) {
            m.label = Some(EntityLabel::Org);
            m.outlet_credit = true;
            continue;
        }
        if m.is_name() && described_as_person(text, m.span) {
            m.label = Some(EntityLabel::Per);
        } else if m.is_name() && org_by_kind_after(text, m.span) {
            m.label = Some(EntityLabel::Org);
        } else if m.is_name() && m.label != Some(EntityLabel::Per) && place_by_its_words(text, m) {
            m.label = Some(EntityLabel::Loc);
        }
        if m.is_name() && m.tokens.len() == 1 && withheld_name(text, m.span) {
            m.withheld = true;
        }
        if m.is_name() && m.label != Some(EntityLabel::Org) && ends_in_building(m) {
            m.label = Some(EntityLabel::Loc);
        }
        if m.is_name() && m.label.is_none() && countries.places.is_place(&m.form) {
            m.label = Some(EntityLabel::Loc);
        }
        // "the Kremlin said", "White House spokeswoman Karine Jean-Pierre": a building that
        // speaks is the institution housed there. Countries, capitals and the places the
        // gazetteer knows stay places when they speak (for them the government is the place).
        if m.is_name()
            && m.label == Some(EntityLabel::Loc)
            && speaks_after(text, m.span)
            && !countries.places.is_place(&m.form)
            && countries.of_name(&m.form, &m.tokens).is_none()
            && countries.of_capital(&m.form).is_none()
        {
            m.label = Some(EntityLabel::Org);
        }
        // "a judge in Karlsruhe", "driven to Karlsruhe": a town the gazetteer knows, after a
        // preposition of place, is the town, though the recogniser learned the name as a
        // football club's.
        if m.is_name()
            && m.label == Some(EntityLabel::Org)
            && after_place_preposition(text, m.span)
            && countries.places.is_place(&m.form)
        {
            m.label = Some(EntityLabel::Loc);
        }
        if let Some(key) = countries.of_name(&m.form, &m.tokens) {
            m.role = Role::Country { key, naming: true };
            m.label = Some(EntityLabel::Loc);
            continue;
        }
        if m.tokens.len() == 1 && !m.person_title {
            if let Some(key) = countries.of_demonym(&m.tokens[0]) {
                m.role = Role::Country { key, naming: false };
                m.label = Some(EntityLabel::Loc);
                continue;
            }
        }
        if let Some(key) = countries.of_capital(&m.form) {
            let verb = next_word(text, m.span.end).map(|w| w.of(text));
            let before = text.get(..m.span.start).unwrap_or("").trim_end();
            let prep = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(names::is_preposition);
            if !prep && verb.is_some_and(|v| is_lowercase_word(v) && names::is_government_verb(v)) {
                m.acting_for = Some(key);
                m.label = Some(EntityLabel::Loc);
                continue;
            }
            // "in Chisinau", and a dateline ("CHISINAU, Sept 16"): the city, whatever the
            // recogniser said.
            let line = text
                .get(..m.span.start)
                .unwrap_or("")
                .trim_end_matches([' ', '\t']);
            let paragraph_start = line.is_empty() || line.ends_with('\n');
            let dateline = paragraph_start && text[m.span.end..].starts_with(',');
            if prep || dateline {
                m.label = Some(EntityLabel::Loc);
            }
        }
        if m.org_like() || m.possessor.is_some() {
            m.qualifier = org_country(text, m, countries);
        }
        if m.org_like() {
            let content = m
                .tokens
                .iter()
                .filter(|t| countries.of_word(t).is_none())
                .map(String::as_str);
            m.org = Some((names::org_words(content), m.qualifier.clone()));
        }
    }
    let nominals = scan_nominals(text, mentions, countries);
    if !nominals.is_empty() {
        mentions.retain(|m| {
            !nominals
                .iter()
                .any(|n| n.span.start <= m.span.start && m.span.end <= n.span.end)
        });
        mentions.extend(nominals);
        mentions.sort_by_key(|m| m.span.start);
    }
}

/// Whether an apposition right after the name describes a person: ", a/an/the" and within
/// four words a person noun or a title ("a former investigating judge", "an Indian
/// national", "the secretary general"). The recogniser reads unfamiliar names as
/// organisations; the writer's own description outranks it.
fn described_as_person(text: &str, span: Span) -> bool {
    let Some(rest) = text[span.end..].strip_prefix(", ") else {
        return false;
    };
    // "In Washington, a White House spokesperson said": a fronted place, and the subject.
    if word_right_before(text, span.start)
        .is_some_and(|(_, w)| names::is_preposition(&w.to_lowercase()))
    {
        return false;
    }
    let mut words = rest.split(' ');
    if !words
        .next()
        .is_some_and(|w| matches!(w, "a" | "an" | "the"))
    {
        return false;
    }
    for w in words.take(4) {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        if !bare.chars().all(|c| c.is_alphabetic() || c == '-') || bare.is_empty() {
            return false;
        }
        let lower = bare.to_lowercase();
        if bare == lower
            && (storyline_model::people::is_person_noun(&lower) || names::is_title_word(&lower))
        {
            return true;
        }
        if bare.len() != w.len() {
            return false;
        }
    }
    false
}

/// Lowercase kinds of organisation that follow its name ("the Al Joumhouri party", "the
/// Wagner group"): an organisation, whatever the recogniser said.
const ORG_KINDS_AFTER: &[&str] = &[
    "party",
    "movement",
    "militia",
    "alliance",
    "coalition",
    "organisation",
    "organization",
];

/// Whether a name speaks as an institution does: a spokesperson's title after it ("Kremlin
/// spokesman"), or, after "the", a verb of saying or announcing ("the Kremlin said", "the
/// White House denied"). A town that speaks ("Velmora said") goes without "the" and is its
/// council or government, which the place stands for.
fn speaks_after(text: &str, span: Span) -> bool {
    let Some(next) = next_word(text, span.end).map(|w| w.of(text)) else {
        return false;
    };
    if matches!(
        next,
        "spokesman" | "spokeswoman" | "spokesperson" | "spokespeople" | "spokesmen"
    ) {
        return true;
    }
    let before = text.get(..span.start).unwrap_or("").trim_end();
    let after_the = span.of(text).starts_with("The ")
        || before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    after_the
        && is_lowercase_word(next)
        && names::is_government_verb(next)
        && !matches!(next, "has" | "had" | "have")
}

fn org_by_kind_after(text: &str, span: Span) -> bool {
    text[span.end..]
        .strip_prefix(' ')
        .and_then(|r| r.split([' ', ',', '.', ';']).next())
        .is_some_and(|w| ORG_KINDS_AFTER.contains(&w))
}

/// Lowercase kinds of place that follow a place's name ("the Menaka region", "Borno state").
const PLACE_KINDS_AFTER: &[&str] = &[
    "region",
    "regions",
    "province",
    "provinces",
    "district",
    "districts",
    "county",
    "counties",
    "state",
    "states",
    "governorate",
    "oblast",
    "prefecture",
    "municipality",
    "valley",
    "river",
    "mountains",
    "desert",
];

/// Kinds of place that put their name after "of" ("the town of Gao").
const PLACE_KINDS_BEFORE: &[&str] = &[
    "town", "city", "village", "region", "province", "district", "county", "state", "port",
    "island", "capital",
];

/// Last words that make a name a street or square ("Chavchavadze Avenue"): a place, whatever
/// the recogniser said.
const STREET_WORDS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "boulevard",
    "square",
    "lane",
    "highway",
    "bridge",
];

/// Whether the word right before `span` is a preposition of place ("in", "to", "near").
fn after_place_preposition(text: &str, span: Span) -> bool {
    word_right_before(text, span.start).is_some_and(|(_, w)| {
        matches!(
            w,
            "in" | "to" | "near" | "outside" | "from" | "across" | "around" | "inside"
        )
    })
}

/// Whether the words just before a one-word name say that only part of a name was given:
/// "gave only his surname, Chan", "a man surnamed Chan", "identified only as Maria", "who
/// asked to be named only by her first name, Ana".
fn withheld_name(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    // The clause before the name, up to six words back.
    let clause = before
        .rsplit(['.', '!', '?', ';', '"', '\u{201C}', '\u{201D}'])
        .next()
        .unwrap_or("");
    let words: Vec<String> = clause
        .split_whitespace()
        .rev()
        .take(6)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    has("surname")
        || has("surnamed")
        || ((has("first") || has("given") || has("family") || has("last")) && has("name"))
        || (has("only") && has("as") && (has("identified") || has("named") || has("known")))
}

/// Last words that make a name a building or a site ("Jinnah House", "the Corps
/// Headquarters", "Novodevichy Cemetery"). Unlike a street word these decide even against the
/// recogniser's person label, which it gives such names when it has not seen them: no given
/// name and surname end this way. An organisation label stands ("Freedom House").
const BUILDING_WORDS: &[&str] = &[
    "house",
    "headquarters",
    "palace",
    "cemetery",
    "embankment",
    "stadium",
    "airport",
    "cathedral",
    "mosque",
    "avenue",
    "boulevard",
    "square",
    "highway",
];

fn ends_in_building(m: &Mention) -> bool {
    m.tokens.len() >= 2
        && m.tokens.last().is_some_and(|l| {
            is_capitalised(l) && BUILDING_WORDS.contains(&l.to_lowercase().as_str())
        })
}

/// Whether the words around a name, or its own last word, say it is a place: the kind of
/// place after it in lowercase or before it with "of", or a street word ending it. The
/// recogniser often gives such names MISC or ORG when it has not seen them.
fn place_by_its_words(text: &str, m: &Mention) -> bool {
    let last = m.tokens.last().map(|t| t.to_lowercase());
    if m.tokens.len() >= 2 && last.is_some_and(|l| STREET_WORDS.contains(&l.as_str())) {
        return true;
    }
    let after = next_word(text, m.span.end)
        .filter(|w| text[m.span.end..w.start] == *" ")
        .map(|w| w.of(text));
    if after.is_some_and(|w| PLACE_KINDS_AFTER.contains(&w)) {
        return true;
    }
    let before = text.get(..m.span.start).unwrap_or("");
    let Some(rest) = before.strip_suffix("of ") else {
        return false;
    };
    let kind = rest
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    PLACE_KINDS_BEFORE.contains(&kind)
}

/// Whether `span` is the outlet credited in a wire dateline ("BAMAKO, March 12 (Sahel Press)
/// -"): in parentheses, right before the dash that ends a short line start that opens with a
/// capital and holds a comma. The recogniser reads such a credit by its words ("Sahel" a
/// region, "Danube" a river, "Wire" a surname); its place says it is the news organisation.
fn dateline_credit(text: &str, span: Span) -> bool {
    let line_start = text
        .get(..span.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let Some(lead) = storyline_model::doc::dateline_lead(line) else {
        return false;
    };
    let lead_start = line_start + (line.len() - line.trim_start().len());
    let lead_end = lead_start + lead.len();
    if span.start < lead_start || span.end > lead_end {
        return false;
    }
    // "(" right before the name, ")" ending the lead, and no other parenthesis before.
    let before = text[lead_start..span.start].trim_end();
    text[span.end..lead_end].trim() == ")"
        && before
            .strip_suffix('(')
            .is_some_and(|b| !b.contains(['(', ')']))
}

/// The country of an organisation name: a possessor ("Calvena's National Security Bureau"),
/// a country word inside it ("Ministry of Defence of Moldova", "Moldovan Defence Ministry"),
/// or the capital it sits in ("the Foreign Ministry in Ostemund"; not for embassies).
fn org_country(text: &str, m: &Mention, countries: &Countries<'_>) -> Option<String> {
    if let Some(p) = &m.possessor {
        if let Some(k) = countries.of_word(p) {
            return Some(k);
        }
    }
    for t in &m.tokens {
        if let Some(k) = countries.of_word(t) {
            return Some(k);
        }
    }
    let government = m
        .tokens
        .iter()
        .any(|t| names::GOVERNMENT_HEADS.contains(&names::bare(t).as_str()));
    if government {
        let w = next_word(text, m.span.end)?;
        if w.of(text) == "in" {
            let place = next_word(text, w.end)?;
            return countries.of_capital(place.of(text));
        }
    }
    None
}

/// The word immediately before `at` when only one space separates them.
fn word_before(text: &str, words: &[Span], at: usize) -> Option<usize> {
    let i = words.partition_point(|w| w.end <= at);
    let prev = i.checked_sub(1)?;
    (text.get(words[prev].end..at) == Some(" ")).then_some(prev)
}

/// A possessor right before `at`: "Kaldoria's " / "Kaldoria’s ".
fn possessor_before(text: &str, words: &[Span], at: usize) -> Option<Span> {
    let before = text.get(..at)?;
    let before = before.strip_suffix(' ')?;
    let stem = strip_possessive(before)?;
    let i = words.partition_point(|w| w.end <= stem.len());
    let prev = words.get(i.checked_sub(1)?)?;
    (prev.end == stem.len()).then_some(*prev)
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Lowercase descriptions of organisations: "the bureau", "the interior ministry", "the
/// Calvenan foreign ministry", "Kaldoria's consulate general".
fn scan_nominals(text: &str, mentions: &[Mention], countries: &Countries<'_>) -> Vec<Mention> {
    let words = names::words(text);
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let written = w.of(text);
        let head_lower = written.to_lowercase();
        let head = head_lower.as_str();
        if !names::NOMINAL_HEADS.contains(&head) {
            continue;
        }
        if written != head {
            // "The Ministry said": a capitalised head alone after "the", not a longer name.
            let after = words
                .get(i + 1)
                .filter(|n| text.get(w.end..n.start) == Some(" "));
            let longer = after.is_some_and(|n| {
                let next = n.of(text);
                next == "of" || is_capitalised(next)
            });
            let the = word_before(text, &words, w.start)
                .is_some_and(|j| matches!(words[j].of(text), "the" | "The"));
            if longer || !the || written != capitalise(head) {
                continue;
            }
        }
        let mut end = w.end;
        if head == "consulate" {
            if let Some(next) = words.get(i + 1) {
                if next.of(text) == "general" && text.get(w.end..next.start) == Some(" ") {
                    end = next.end;
                }
            }
        }
        let mut start = w.start;
        let mut mods: Vec<&str> = Vec::new();
        let mut country: Option<(String, usize)> = None;
        if written == head {
            loop {
                if let Some(p) = possessor_before(text, &words, start) {
                    if let Some(k) = countries.of_word(p.of(text)) {
                        country = Some((k, p.start));
                    }
                    break;
                }
                let Some(j) = word_before(text, &words, start) else {
                    break;
                };
                let prev = words[j].of(text);
                if is_capitalised(prev) {
                    if let Some(k) = countries.of_word(prev) {
                        country = Some((k, words[j].start));
                    }
                    break;
                }
                if mods.len() < 2 && is_lowercase_word(prev) && !names::is_stopword(prev) {
                    mods.push(prev);
                    start = words[j].start;
                } else {
                    break;
                }
            }
        }
        let mut span_start = country.as_ref().map_or(start, |(_, s)| *s);
        let article = word_before(text, &words, span_start)
            .filter(|j| matches!(words[*j].of(text), "the" | "The"));
        if let Some(j) = article {
            span_start = words[j].start;
        }
        if country.is_none() && article.is_none() {
            continue;
        }
        let span = Span::new(span_start, end);
        // Leave names alone: only descriptions around country words are taken over.
        let clash = mentions.iter().any(|m| {
            m.span.start < span.end
                && span.start < m.span.end
                && !(matches!(m.role, Role::Country { .. })
                    && span.start <= m.span.start
                    && m.span.end <= span.end)
        });
        if clash {
            continue;
        }
        let mut content: Vec<&str> = mods.clone();
        content.push(head);
        let surface = span.of(text);
        let surface = match surface.strip_prefix("The ") {
            Some(rest) if rest.starts_with(|c: char| c.is_lowercase()) => format!("the {rest}"),
            _ => surface.to_string(),
        };
        let bare = country.is_none() && mods.is_empty();
        out.push(Mention {
            span,
            key: normalize(&surface),
            form: surface.clone(),
            tokens: surface.split_whitespace().map(str::to_string).collect(),
            surface,
            label: Some(EntityLabel::Org),
            person_title: false,
            linked_person: false,
            outlet_credit: false,
            withheld: false,
            acting_for: None,
            role: Role::Nominal {
                words: names::org_words(content),
                country: country.map(|(k, _)| k),
                bare,
            },
            qualifier: None,
            org: None,
            possessor: None,
            source: MentionSource::Nominal,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::NoPlaces;

    fn ner(text: &str, items: &[(&str, &str)]) -> Vec<EntityMention> {
        let mut from = 0;
        items
            .iter()
            .map(|(s, label)| {
                let at = from + text[from..].find(s).expect(s);
                from = at;
                EntityMention {
                    span: Span::new(at, at + s.len()),
                    label: label.to_string(),
                    text: s.to_string(),
                }
            })
            .collect()
    }

    fn surfaces(ms: &[Mention]) -> Vec<&str> {
        ms.iter().map(|m| m.surface.as_str()).collect()
    }

    #[test]
    fn repairs_recogniser_spans() {
        let text = "“The National Security Bureau’s” agents met the Open Square movement and \
                    Interior Minister Darian Vohl; the post Ministry of Foreign Affairs said.";
        let m = ner(
            text,
            &[
                ("“The National Security Bureau’s”", "ORG"),
                ("Open", "MISC"),
                ("Interior", "ORG"),
                ("Darian Vohl", "PER"),
                ("post Ministry of Foreign Affairs", "ORG"),
            ],
        );
        let got = clean_doc(text, &m);
        assert_eq!(
            surfaces(&got),
            [
                "National Security Bureau",
                "Open Square",
                "Darian Vohl",
                "Ministry of Foreign Affairs"
            ]
        );
    }

    #[test]
    fn odd_spans_never_panic() {
        let text = "Zoë Ñúñez met Łukasz.";
        let bad = [
            EntityMention {
                span: Span { start: 2, end: 3 },
                label: "PER".into(),
                text: String::new(),
            },
            EntityMention {
                span: Span { start: 9, end: 400 },
                label: "PER".into(),
                text: String::new(),
            },
            EntityMention {
                span: Span { start: 7, end: 3 },
                label: "XYZ".into(),
                text: String::new(),
            },
        ];
        assert!(clean_doc(text, &bad).is_empty());
        assert!(clean_doc("", &bad).is_empty());
    }

    #[test]
    fn offices_and_roles() {
        let text = "The Mayor of Portesca met Minister of Foreign Affairs Lenora Passek and \
                    Consul General Bruno Adler.";
        let m = ner(
            text,
            &[
                ("Mayor of Portesca", "PER"),
                ("Foreign Affairs Lenora Passek", "ORG"),
                ("Lenora Passek", "PER"),
                ("Consul", "ORG"),
                ("Bruno Adler", "PER"),
            ],
        );
        let got = clean_doc(text, &m);
        assert_eq!(surfaces(&got), ["Portesca", "Lenora Passek", "Bruno Adler"]);
    }

    #[test]
    fn titles_leave_the_surface_and_strip_the_form() {
        let text = "Prime Minister Novak spoke.";
        let got = clean_doc(text, &ner(text, &[("Prime Minister Novak", "PER")]));
        assert_eq!(got[0].surface, "Prime Minister Novak");
        assert_eq!(got[0].form, "Novak");
        assert!(got[0].person_title);
    }

    #[test]
    fn nominals_need_a_country_or_an_article() {
        let text = "Moldova's defence ministry and the interior ministry; a ministry official. \
                    Moldovan troops.";
        let docs = vec![clean_doc(
            text,
            &ner(text, &[("Moldova", "LOC"), ("Moldovan", "MISC")]),
        )];
        let countries = Countries::new(&NoPlaces, &docs);
        let mut ms = docs[0].clone();
        refine_doc(text, &mut ms, &countries);
        let got: Vec<(&str, &Role)> = ms.iter().map(|m| (m.surface.as_str(), &m.role)).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "Moldova's defence ministry");
        assert_eq!(got[1].0, "the interior ministry");
        assert_eq!(got[2].0, "Moldovan");
        let moldova = Role::Country {
            key: "name:moldova".into(),
            naming: false,
        };
        assert_eq!(got[2].1, &moldova);
        assert!(matches!(got[0].1, Role::Nominal { country: Some(k), .. } if k == "name:moldova"));
    }

    #[test]
    fn a_building_that_speaks_is_an_institution() {
        let text = "The Velkan Palace said on Monday that Velkan Palace spokesman Ivo Dren \
                    would travel. Tourists visited the Velkan Palace. Corvia said the same. \
                    Brovik said so too.";
        let mut found: Vec<EntityMention> = [
            ("Velkan Palace", "LOC"),
            ("Ivo Dren", "PER"),
            ("Corvia", "LOC"),
            ("Brovik", "LOC"),
        ]
        .iter()
        .flat_map(|&(name, label)| {
            text.match_indices(name).map(move |(at, _)| EntityMention {
                span: Span::new(at, at + name.len()),
                label: label.to_string(),
                text: name.to_string(),
            })
        })
        .collect();
        found.sort_by_key(|m| m.span.start);
        let docs = vec![clean_doc(text, &found)];
        let countries = Countries::new(&crate::NamedPlaces(&["Corvia"]), &docs);
        let mut ms = docs[0].clone();
        refine_doc(text, &mut ms, &countries);
        let labels: Vec<(&str, Option<EntityLabel>)> =
            ms.iter().map(|m| (m.surface.as_str(), m.label)).collect();
        assert_eq!(
            labels,
            vec![
                ("Velkan Palace", Some(EntityLabel::Org)),
                ("Velkan Palace", Some(EntityLabel::Org)),
                ("Ivo Dren", Some(EntityLabel::Per)),
                ("Velkan Palace", Some(EntityLabel::Loc)),
                ("Corvia", Some(EntityLabel::Loc)),
                ("Brovik", Some(EntityLabel::Loc)),
            ]
        );
    }

    #[test]
    fn a_dateline_credit_is_the_outlet() {
        let text = "VELMORA, Sept. 4, 2025 (Osten Wire) - Police in Velmora said.\n\n\
                    Rain fell (Osten Wire) - on Velmora, again.";
        let docs = vec![clean_doc(
            text,
            &ner(
                text,
                &[
                    ("Osten Wire", "PER"),
                    ("Velmora", "LOC"),
                    ("Osten Wire", "PER"),
                ],
            ),
        )];
        let countries = Countries::new(&NoPlaces, &docs);
        let mut ms = docs[0].clone();
        refine_doc(text, &mut ms, &countries);
        let labels: Vec<(&str, Option<EntityLabel>)> =
            ms.iter().map(|m| (m.surface.as_str(), m.label)).collect();
        assert_eq!(
            labels[0],
            ("Osten Wire", Some(EntityLabel::Org)),
            "{labels:?}"
        );
        // Not a dateline: no comma before the parenthesis on that line.
        assert_eq!(
            labels[2],
            ("Osten Wire", Some(EntityLabel::Per)),
            "{labels:?}"
        );
    }
}
