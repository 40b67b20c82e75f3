//! Clustering: within each document (pass 3), then across documents (pass 4), then the
//! entities themselves (pass 5).
//!
//! Within a document, mentions with the same name are one entity, and shorter forms join the
//! full form they abbreviate when exactly one full form fits: surnames and given names to
//! people, initials ("J. Kovel") to the matching given name, single words to the organisation
//! they head ("the Directorate", "the Courier"), acronyms to the name whose capitalised words
//! spell them, parenthesised or "known as" aliases to the name before them, variants of one
//! organisation name to each other (same content words and country), and lowercase
//! descriptions to the organisation they describe. A surname shared by two full names goes to
//! the bearer named in full before it (of several, the one the corpus clearly knows better,
//! else the one named more often so far); failing
//! that, to the more salient one (more mentions in the corpus, then here), or to neither on a
//! tie. A surname written alone before anyone with it is named in full, while the corpus names
//! another bearer far more often, is left to the cross-document pass, which gives it to that
//! bearer. A three-word name's second word, when capitalised, is a surname too: the first
//! surname of a Spanish or Portuguese name ("González" of "Edmundo González Urrutia"). A word
//! the gazetteer knows as a place is still a surname when the recogniser read it as a person
//! and the document names a person with it in full ("Khan").
//!
//! Across documents, clusters are only ever compared through blocking keys (full names,
//! organisation keys, country keys; then surnames, given names, acronyms, first and head words
//! of organisation names), so the cost grows with the number of mentions, not its square.
//! Every merge is checked against cannot-link constraints: two people with one surname and
//! different given names are never merged, an organisation has at most one country, and a
//! confident person is never merged with a confident place or organisation. Strong keys merge
//! first; the weak links (a surname alone, initials, an acronym, a short organisation name, a
//! description) merge only when exactly one candidate entity remains, except the surname the
//! document pass left to the corpus's best-known bearer.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use storyline_model::doc::EntityLabel;

use crate::mentions::{self, label_index, Countries, Mention, Role};
use crate::names::{self, is_capitalised, normalize};
use crate::places::PlaceKnowledge;
use crate::resolution::{entity_id, Entity, Resolution, ResolvedMention};
use crate::DocEntities;

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;
const MISC: usize = 3;
const LABELS: [EntityLabel; 4] = [
    EntityLabel::Per,
    EntityLabel::Org,
    EntityLabel::Loc,
    EntityLabel::Misc,
];

/// Union-find; the smaller index stays the root, so results do not depend on merge order.
struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a <= b { (a, b) } else { (b, a) };
        self.parent[child] = root;
        root
    }
}

/// A person's name split into given names (or initials) and surname, lowercase.
#[derive(Debug, Clone, PartialEq)]
struct PerName {
    given: Vec<String>,
    surname: String,
    /// In a name of three or more words, the capitalised word before the last: the first
    /// surname of a Spanish or Portuguese name, by which its bearer is called alone
    /// ("Edmundo González Urrutia" is "González"), or else a middle name, which no text
    /// writes alone.
    paternal: Option<String>,
}

impl PerName {
    fn new(tokens: &[String]) -> PerName {
        let Some((last, given)) = tokens.split_last() else {
            return PerName {
                given: Vec::new(),
                surname: String::new(),
                paternal: None,
            };
        };
        // A last word with the Arabic article ("Abdel Fattah al-Sisi") is the family name, and
        // the words before it given names ("Abdel Fattah" is his, not a surname).
        let arabic_family_name = names::without_article(last) != last.as_str();
        let paternal = match given {
            [_, .., before]
                if is_capitalised(before) && !names::is_initial(before) && !arabic_family_name =>
            {
                Some(normalize(names::without_article(before)))
            }
            _ => None,
        };
        PerName {
            given: given.iter().map(|t| normalize(t)).collect(),
            // "al-Sudani" is "Sudani" with the Arabic article, which outlets keep or drop.
            surname: normalize(names::without_article(last)),
            paternal,
        }
    }

    /// Whether the name may be written as `word` alone.
    fn has_surname(&self, word: &str) -> bool {
        self.surname == word || self.paternal.as_deref() == Some(word)
    }

    /// The name without its last word, when that word is a second surname ("Edmundo
    /// González" of "Edmundo González Urrutia").
    fn without_second_surname(&self) -> Option<PerName> {
        let paternal = self.paternal.clone()?;
        Some(PerName {
            given: self.given[..self.given.len() - 1].to_vec(),
            surname: paternal,
            paternal: None,
        })
    }

    /// Whether the two names share a surname and yet name two people: the given names
    /// disagree ("Edmundo González Urrutia" and "Omar González").
    fn clashes(&self, other: &PerName) -> bool {
        let apart = |p: &PerName, q: &PerName| {
            p.surname == q.surname && !given_compatible(&p.given, &q.given)
        };
        apart(self, other)
            || self
                .without_second_surname()
                .is_some_and(|p| apart(&p, other))
            || other
                .without_second_surname()
                .is_some_and(|q| apart(self, &q))
    }

    fn key(&self) -> String {
        let mut k = self.given.join(" ");
        k.push(' ');
        k.push_str(&self.surname);
        k
    }

    /// Same surname and given names that agree wherever both have one ("m." fits "mira", not
    /// "paul"; "rex" fits "rex kanyike").
    fn fits(&self, other: &PerName) -> bool {
        self.surname == other.surname && given_compatible(&self.given, &other.given)
    }
}

fn given_compatible(a: &[String], b: &[String]) -> bool {
    // Given names agree where both have one ("Rex Masai" fits "Rex Kanyike Masai", which
    // does not fit "Rex Odhiambo Masai"); an initial fits any name it begins.
    a.iter().zip(b).all(|(a, b)| {
        let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
        if a.chars().count() == 1 || b.chars().count() == 1 {
            a.chars().next() == b.chars().next()
        } else {
            a == b
        }
    })
}

/// The type a mention votes for: a person's title, or a link to a person's full name,
/// outweighs the recogniser's label.
fn vote(m: &Mention) -> Option<usize> {
    if m.person_title || m.linked_person {
        Some(PER)
    } else {
        m.label.map(label_index)
    }
}

/// The type a set of votes makes confident: at least two votes and two thirds of them.
fn confident(votes: &[u32; 4]) -> Option<usize> {
    let total: u32 = votes.iter().sum();
    let (best, n) = votes
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (*n >= 2 && *n * 3 >= total * 2).then_some(best)
}

/// How a cluster with no full name may still join an entity.
#[derive(Debug, Clone)]
enum Weak {
    None,
    /// One word: a surname, a given name, or the short name of an organisation.
    Single(String),
    /// Initials and a surname.
    Initials(PerName),
    Acronym(String),
    /// A surname the document writes alone before it names anyone with it, while the corpus
    /// knows another bearer far better: it goes to the corpus's best-known bearer.
    KnownSurname(String),
    /// A description only ("the interior ministry", "the Kaldorian ministry").
    Nominal {
        words: Vec<String>,
        country: Option<String>,
    },
}

/// An organisation name's short forms and spelling.
#[derive(Debug, Clone)]
struct OrgName {
    first: String,
    head: String,
    initials: String,
}

/// One document's cluster.
#[derive(Debug)]
struct Local {
    doc: usize,
    members: Vec<usize>,
    votes: [u32; 4],
    strong: Vec<String>,
    people: Vec<PerName>,
    orgs: Vec<(Vec<String>, Option<String>)>,
    org_names: Vec<OrgName>,
    weak: Weak,
    /// The role titles its full names are written with ("senator", "justice secretary").
    titles: Vec<String>,
    /// The role title of a surname written alone ("Justice Secretary Remulla"), which picks the
    /// bearer named in full with that title elsewhere.
    single_title: Option<String>,
}

/// What a cross-document group is known to be, for the cannot-link checks.
#[derive(Debug, Clone, Default)]
struct State {
    votes: [u32; 4],
    people: Vec<PerName>,
    orgs: Vec<(Vec<String>, Option<String>)>,
    org_countries: BTreeSet<String>,
    countries: BTreeSet<String>,
    titles: BTreeSet<String>,
}

impl State {
    fn compatible(&self, other: &State) -> bool {
        if let (Some(a), Some(b)) = (confident(&self.votes), confident(&other.votes)) {
            let clash = |x: usize, y: usize| x == PER && (y == ORG || y == LOC);
            if clash(a, b) || clash(b, a) {
                return false;
            }
        }
        if self.org_countries.union(&other.org_countries).count() > 1
            || self.countries.union(&other.countries).count() > 1
        {
            return false;
        }
        self.people
            .iter()
            .all(|p| other.people.iter().all(|q| !p.clashes(q)))
    }

    fn absorb(&mut self, other: State) {
        for i in 0..4 {
            self.votes[i] += other.votes[i];
        }
        for p in other.people {
            if !self.people.contains(&p) {
                self.people.push(p);
            }
        }
        for o in other.orgs {
            if !self.orgs.contains(&o) {
                self.orgs.push(o);
            }
        }
        self.org_countries.extend(other.org_countries);
        self.countries.extend(other.countries);
        self.titles.extend(other.titles);
    }
}

/// What the passes share.
struct Ctx<'a> {
    places: &'a dyn PlaceKnowledge,
    countries: &'a Countries<'a>,
    /// Corpus mention counts of people's full names, for salience, by surname: each bearer's
    /// given names and count. A Spanish name counts under its first surname too.
    bearers: HashMap<String, Vec<(Vec<String>, u32)>>,
    /// Corpus type votes per name, so one document's odd label does not decide.
    key_votes: HashMap<String, [u32; 4]>,
    /// Organisation content words the corpus gives two or more countries ("foreign
    /// ministry"): without a country of its own, such a name could be any of them.
    ambiguous_orgs: HashSet<Vec<String>>,
}

impl Ctx<'_> {
    fn known_place(&self, form: &str) -> bool {
        self.places.is_place(form) || self.countries.of_capital(form).is_some()
    }

    /// How often the corpus names this full name.
    fn full_count(&self, p: &PerName) -> u32 {
        self.bearers
            .get(&p.surname)
            .and_then(|list| list.iter().find(|(given, _)| *given == p.given))
            .map_or(0, |(_, count)| *count)
    }

    /// Whether the corpus names a bearer of `surname` who is none of `here` at least twice
    /// as often as any of them.
    fn better_known_bearer(&self, surname: &str, here: &[&PerName]) -> bool {
        let Some(bearers) = self.bearers.get(surname) else {
            return false;
        };
        let mut own = 0;
        let mut other = 0;
        for (given, count) in bearers {
            if here.iter().any(|h| given_compatible(&h.given, given)) {
                own = own.max(*count);
            } else {
                other = other.max(*count);
            }
        }
        other >= 2 * own.max(1)
    }
}

/// The surnames the text writes once for two people ("Sergei and Yulia Skripal"): the given
/// name before "and" is a bearer the recogniser saw as a given name alone, so the one full
/// name is not the only bearer of the surname, and "Mr Skripal" may be either.
fn surnames_shared_in_coordination(text: &str, ms: &[Mention]) -> HashSet<String> {
    ms.windows(2)
        .filter(|w| {
            let (first, full) = (&w[0], &w[1]);
            first.tokens.len() == 1
                && full.tokens.len() >= 2
                && full.label == Some(EntityLabel::Per)
                && text
                    .get(first.span.end..full.span.start)
                    .is_some_and(|gap| matches!(gap.trim(), "and" | "&"))
        })
        .filter_map(|w| w[1].tokens.last().map(|t| normalize(t)))
        .collect()
}

/// A person's full name (given name and surname, not initials), by the corpus' votes for
/// that name: one document's ORG label on "Casimir Ostrow" does not make it an organisation.
/// The votes for its last word alone count too: where the corpus confidently calls "Akbari"
/// (and "Mr Akbari") a person, "Alireza Akbari" is one, though the recogniser gave the full
/// name ORG more often than not.
fn full_person(m: &Mention, votes: &[u32; 4], surname_votes: &[u32; 4]) -> bool {
    m.is_name()
        && m.tokens.len() >= 2
        && !m.initial_form()
        && m.tokens
            .iter()
            .all(|t| is_capitalised(names::without_article(t)))
        && !m
            .tokens
            .iter()
            .any(|t| names::is_org_head(t) || names::is_state_form(t))
        && (m.person_title
            || (votes[PER] > 0 && votes[PER] >= votes[ORG].max(votes[LOC]))
            || (votes[PER] > 0 && confident(surname_votes) == Some(PER)))
}

fn distinct(mut roots: Vec<usize>) -> Vec<usize> {
    roots.sort_unstable();
    roots.dedup();
    roots
}

/// Pass 3: one document's clusters.
fn cluster_doc(doc: usize, text: &str, ms: &mut [Mention], ctx: &Ctx<'_>) -> Vec<Local> {
    let n = ms.len();
    let mut person_marks: Vec<String> = Vec::new();
    let mut dsu = Dsu::new(n);
    let titles: Vec<Option<String>> = ms
        .iter()
        .map(|m| m.is_name().then(|| mentions::role_title(text, m)).flatten())
        .collect();
    // The same name, the same country, the same description.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        let key = match &m.role {
            // "Senator Marcos" and "President Marcos" may be two people; a surname keeps
            // apart by the office written with it.
            Role::Name if m.tokens.len() == 1 => match &titles[i] {
                Some(t) => format!("n:{}|{t}", m.key),
                None => format!("n:{}", m.key),
            },
            Role::Name => format!("n:{}", m.key),
            Role::Country { key, .. } => format!("c:{key}"),
            Role::Nominal { bare: true, .. } => continue,
            Role::Nominal { words, country, .. } => {
                format!("o:{}|{}", words.join(" "), country.as_deref().unwrap_or(""))
            }
        };
        match first.get(&key) {
            Some(&j) => {
                dsu.union(j, i);
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    let no_votes = [0u32; 4];
    let fulls: Vec<(usize, PerName)> = (0..n)
        .filter(|&i| {
            let surname = ms[i]
                .tokens
                .last()
                .map(|t| normalize(t))
                .unwrap_or_default();
            full_person(
                &ms[i],
                ctx.key_votes.get(&ms[i].key).unwrap_or(&no_votes),
                ctx.key_votes.get(&surname).unwrap_or(&no_votes),
            )
        })
        .map(|i| (i, PerName::new(&ms[i].tokens)))
        .collect();
    let full_set: HashSet<usize> = fulls.iter().map(|(i, _)| *i).collect();
    let size = |dsu: &mut Dsu| {
        let mut s: HashMap<usize, usize> = HashMap::new();
        for i in 0..n {
            *s.entry(dsu.find(i)).or_default() += 1;
        }
        s
    };

    // Variants of one organisation name: same content words, same country.
    let mut by_org: BTreeMap<(Vec<String>, Option<String>), usize> = BTreeMap::new();
    for (i, m) in ms.iter().enumerate() {
        if !m.is_name() {
            continue;
        }
        if let Some(key) = &m.org {
            match by_org.get(key) {
                Some(&j) => {
                    dsu.union(i, j);
                }
                None => {
                    by_org.insert(key.clone(), i);
                }
            }
        }
    }
    let keys: Vec<(Vec<String>, Option<String>)> = by_org.keys().cloned().collect();
    for (words, country) in &keys {
        if country.is_some() || words.len() < 2 {
            continue;
        }
        let with: Vec<usize> = keys
            .iter()
            .filter(|(w, c)| w == words && c.is_some())
            .filter_map(|k| by_org.get(k).copied())
            .collect();
        if with.len() == 1 {
            if let Some(&j) = by_org.get(&(words.clone(), None)) {
                dsu.union(j, with[0]);
            }
        }
    }

    // "Ivan Petrov (known as Vanya)", "the National Security Bureau (NSB)".
    for i in 1..n {
        if parenthesis_alias(text, &ms[i - 1], &ms[i]) {
            dsu.union(i - 1, i);
        }
    }

    // Surnames, then heads of organisation names, then given names.
    let sizes = size(&mut dsu);
    let mut seen: HashSet<String> = HashSet::new();
    let coordinated_surnames = surnames_shared_in_coordination(text, ms);
    let mut known_surnames: HashSet<usize> = HashSet::new();
    for i in 0..n {
        let m = &ms[i];
        // Somewhere in the world a place bears almost any surname ("Khan", "Jordan"): a word
        // the recogniser read as a person, in a document that names a person with it in
        // full, is that surname.
        let surname_here =
            m.label == Some(EntityLabel::Per) && fulls.iter().any(|(_, p)| p.has_surname(&m.key));
        if !m.is_name()
            || m.tokens.len() != 1
            || !is_capitalised(&m.tokens[0])
            || m.acronym().is_some()
            || (ctx.known_place(&m.form) && !surname_here)
            || !seen.insert(format!("{}|{}", m.key, titles[i].as_deref().unwrap_or("")))
        {
            continue;
        }
        // A word the corpus confidently calls a place or an organisation is not a surname.
        let corpus = ctx.key_votes.get(&m.key).unwrap_or(&no_votes);
        let not_person = matches!(confident(corpus), Some(ORG) | Some(LOC));
        // A title before the surname names the bearer who holds it: "Senator Marcos" is the
        // bearer written "Senator Imee Marcos", not "President Ferdinand Marcos Jr", however
        // much better known he is. A bearer named here only with another title is not meant;
        // with none named with this one, the surname waits for the cross-document pass.
        let title = titles[i].as_deref();
        let full_roots: Vec<usize> = fulls.iter().map(|(j, _)| dsu.find(*j)).collect();
        // The titles each bearer's full names are written with here, by cluster; asked only
        // when the surname has a title of its own.
        let mut held: HashMap<usize, Vec<&str>> = HashMap::new();
        if title.is_some() {
            for ((k, _), &r) in fulls.iter().zip(&full_roots) {
                if let Some(t) = titles[*k].as_deref() {
                    held.entry(r).or_default().push(t);
                }
            }
        }
        let holds = |r: usize, t: &str| {
            held.get(&r)
                .is_some_and(|ts| ts.iter().any(|b| mentions::titles_meet(b, t)))
        };
        let titled_bearers: HashSet<usize> = match title {
            Some(t) => fulls
                .iter()
                .zip(&full_roots)
                .filter(|((_, p), r)| p.has_surname(&m.key) && holds(**r, t))
                .map(|(_, r)| *r)
                .collect(),
            None => HashSet::new(),
        };
        if titled_bearers.len() == 1 && !not_person {
            if let Some(&r) = titled_bearers.iter().next() {
                dsu.union(i, r);
                person_marks.push(m.key.clone());
                continue;
            }
        }
        // Whether the bearer named in full at `fulls[k]` holds only other offices here.
        let other_office: Vec<bool> = full_roots
            .iter()
            .map(|&r| title.is_some_and(|t| held.contains_key(&r) && !holds(r, t)))
            .collect();
        let by_surname: Vec<(usize, &PerName)> = fulls
            .iter()
            .zip(&other_office)
            .filter(|((_, p), other)| p.has_surname(&m.key) && !not_person && !**other)
            .map(|((j, p), _)| (dsu.find(*j), p))
            .collect();
        if title.is_some()
            && by_surname.is_empty()
            && fulls.iter().any(|(_, p)| p.has_surname(&m.key))
        {
            continue;
        }
        let roots = distinct(by_surname.iter().map(|(r, _)| *r).collect());
        // A bearer the recogniser did not see whole ("Sergei and Yulia Skripal") makes any
        // choice a guess: the surname stays apart.
        if coordinated_surnames.contains(&m.key) {
            continue;
        }
        // Two bearers of the surname: a reader takes the surname alone for a bearer already
        // named in full before it ("... their leader, Christian Malanga. Malanga was shot dead";
        // the son named later is not meant), and of several, for the one named more often so
        // far (the opposition leader of the headline, not "Paul Solanek, her brother").
        // "The elder Malanga" sets one bearer against another the reader may not know yet,
        // so it is left to salience.
        let contrasted = text[..m.span.start]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "elder" | "younger"));
        let mut named_before: HashMap<usize, usize> = HashMap::new();
        for ((j, p), other) in fulls.iter().zip(&other_office) {
            if *j < i && p.has_surname(&m.key) && !not_person && !contrasted && !other {
                *named_before.entry(dsu.find(*j)).or_default() += 1;
            }
        }
        if roots.len() == 1 {
            // A surname written alone before anyone with it is named in full is someone the
            // reader is expected to know: when the corpus names another bearer far more often,
            // the full name that comes later here is a namesake or relative ("Gershkovich and
            // Whelan came down the steps ... David Whelan, whose brother ..."), and the
            // cross-document pass picks the bearer.
            let here: Vec<&PerName> = by_surname.iter().map(|(_, p)| *p).collect();
            if named_before.is_empty() && ctx.better_known_bearer(&m.key, &here) {
                known_surnames.insert(i);
            } else {
                dsu.union(i, roots[0]);
            }
            person_marks.push(m.key.clone());
            continue;
        }
        let mut before: Vec<(usize, usize)> =
            named_before.into_iter().map(|(r, c)| (c, r)).collect();
        before.sort_unstable_by(|a, b| b.cmp(a));
        // Of several named before, the one the corpus clearly knows better (the protagonist,
        // not the mother quoted by her full name twice in one paragraph), else the one named
        // more often so far.
        let corpus_count = |r: usize| {
            by_surname
                .iter()
                .filter(|(x, _)| *x == r)
                .map(|(_, p)| ctx.full_count(p))
                .max()
                .unwrap_or(0)
        };
        let best_known_before = || {
            let mut counts: Vec<(u32, usize)> =
                before.iter().map(|&(_, r)| (corpus_count(r), r)).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            match counts.as_slice() {
                [(c1, r), (c2, _), ..] if *c1 >= 2 * (*c2).max(1) => Some(*r),
                _ => None,
            }
        };
        let told_apart = match before.as_slice() {
            [(_, r)] => Some(*r),
            [(c1, r), (c2, _), ..] => best_known_before().or((c1 > c2).then_some(*r)),
            [] => None,
        };
        if let Some(r) = told_apart {
            dsu.union(i, r);
            person_marks.push(m.key.clone());
            continue;
        }
        if roots.len() > 1 {
            // The most salient bearer: more mentions in the corpus, then here.
            let score = |r: usize| {
                let corpus = by_surname
                    .iter()
                    .filter(|(x, _)| *x == r)
                    .map(|(_, p)| ctx.full_count(p))
                    .max()
                    .unwrap_or(0);
                (corpus, sizes.get(&r).copied().unwrap_or(0))
            };
            let mut scored: Vec<((u32, usize), usize)> =
                roots.iter().map(|&r| (score(r), r)).collect();
            scored.sort_by_key(|s| std::cmp::Reverse(s.0));
            // Salience must be clear: the story's protagonist against a relative quoted
            // once, not an editor and a magistrate both in the news ("Ryan Law ... Victoria
            // Law ... Mr Law"), whom only what the text says tells apart. Then the surname
            // stays apart rather than joining the wrong person.
            let ((c0, s0), (c1, s1)) = (scored[0].0, scored[1].0);
            let clear = if c0 == c1 { s0 > s1 } else { c0 >= 2 * c1 };
            if clear {
                dsu.union(i, scored[0].1);
                person_marks.push(m.key.clone());
            }
            continue;
        }
        let heads = distinct(
            (0..n)
                .filter(|&j| {
                    ms[j].org_like()
                        && !full_set.contains(&j)
                        && ms[j].tokens.len() >= 2
                        && names::head_word(&ms[j].tokens).is_some_and(|h| normalize(h) == m.key)
                })
                .map(|j| dsu.find(j))
                .collect(),
        );
        if heads.len() == 1 {
            dsu.union(i, heads[0]);
            continue;
        }
        // A word the corpus knows as someone's surname ("Gnassingbé" of Faure Gnassingbé) is
        // not the given name of a father written "Gnassingbé Eyadéma" here: the cross-document
        // pass takes it to its bearer.
        let corpus_surname = ctx.bearers.contains_key(&m.key);
        let given = distinct(
            fulls
                .iter()
                .filter(|(_, p)| p.given.first() == Some(&m.key) && !not_person && !corpus_surname)
                .map(|(j, _)| dsu.find(*j))
                .collect(),
        );
        if given.len() == 1 {
            dsu.union(i, given[0]);
            person_marks.push(m.key.clone());
        }
    }

    // Initials: "J. Kovel" → "Jana Kovel".
    for (i, m) in ms.iter().enumerate() {
        if !m.is_name() || !m.initial_form() {
            continue;
        }
        let p = PerName::new(&m.tokens);
        let roots = distinct(
            fulls
                .iter()
                .filter(|(_, q)| q.fits(&p))
                .map(|(j, _)| dsu.find(*j))
                .collect(),
        );
        if roots.len() == 1 {
            dsu.union(i, roots[0]);
            person_marks.push(m.key.clone());
        }
    }

    // Acronyms: "NSB" → "National Security Bureau".
    for i in 0..n {
        let Some(letters) = ms[i].acronym() else {
            continue;
        };
        let roots = distinct(
            (0..n)
                .filter(|&j| {
                    ms[j].is_name()
                        && ms[j].tokens.len() >= 2
                        && !full_set.contains(&j)
                        && names::initials(&ms[j].tokens) == letters
                })
                .map(|j| dsu.find(j))
                .collect(),
        );
        if roots.len() == 1 {
            dsu.union(i, roots[0]);
        }
    }

    // Descriptions: to the one organisation of the document they fit.
    let mut dropped = vec![false; n];
    let mut done: HashSet<usize> = HashSet::new();
    for i in 0..n {
        let Role::Nominal {
            words,
            country,
            bare,
        } = &ms[i].role
        else {
            continue;
        };
        if !done.insert(dsu.find(i)) {
            continue;
        }
        let fits = |j: usize, want: Option<&Option<String>>| {
            let m = &ms[j];
            m.is_name()
                && m.org.as_ref().is_some_and(|(w, c)| {
                    words.iter().all(|x| w.contains(x)) && want.is_none_or(|want| c == want)
                })
        };
        let mut roots: Vec<usize> = Vec::new();
        if *bare || country.is_none() {
            roots = distinct(
                (0..n)
                    .filter(|&j| fits(j, None))
                    .map(|j| dsu.find(j))
                    .collect(),
            );
        } else {
            for want in [country.clone()] {
                roots = distinct(
                    (0..n)
                        .filter(|&j| fits(j, Some(&want)))
                        .map(|j| dsu.find(j))
                        .collect(),
                );
                if !roots.is_empty() {
                    break;
                }
            }
        }
        let root = dsu.find(i);
        match roots.len() {
            1 => {
                dsu.union(i, roots[0]);
            }
            0 if !*bare => {}
            _ if country.is_some() && !*bare => {}
            _ => {
                for (j, gone) in dropped.iter_mut().enumerate() {
                    if dsu.find(j) == root {
                        *gone = true;
                    }
                }
            }
        }
    }

    for m in ms.iter_mut() {
        if m.is_name() && person_marks.contains(&m.key) {
            m.linked_person = true;
        }
    }
    let ms: &[Mention] = ms;

    // The clusters, in order of first mention.
    let mut order: Vec<usize> = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, _) in dropped.iter().enumerate().filter(|(_, gone)| !**gone) {
        let r = dsu.find(i);
        members.entry(r).or_insert_with(|| {
            order.push(r);
            Vec::new()
        });
        if let Some(list) = members.get_mut(&r) {
            list.push(i);
        }
    }
    order
        .into_iter()
        .filter_map(|r| members.remove(&r))
        .map(|list| {
            let known = list.iter().any(|i| known_surnames.contains(i));
            let mut l = local(doc, list, ms, &full_set, ctx);
            let mut held: Vec<String> = l
                .members
                .iter()
                .filter(|i| full_set.contains(i))
                .filter_map(|&i| titles[i].clone())
                .collect();
            held.sort();
            held.dedup();
            l.titles = held;
            if matches!(l.weak, Weak::Single(_)) {
                l.single_title = l.members.iter().find_map(|&i| titles[i].clone());
            }
            if known {
                if let Weak::Single(key) = l.weak {
                    l.weak = Weak::KnownSurname(key);
                }
            }
            l
        })
        .collect()
}

/// "A (B)", "A (known as B)", "A, also known as B": B is another name of A.
fn parenthesis_alias(text: &str, a: &Mention, b: &Mention) -> bool {
    if !a.is_name() || !b.is_name() {
        return false;
    }
    let Some(between) = text.get(a.span.end..b.span.start) else {
        return false;
    };
    let after = text.get(b.span.end..).unwrap_or("").trim_start();
    let cues = [
        "known as",
        "also known as",
        "aka",
        "a.k.a.",
        "formerly",
        "nicknamed",
        "called",
    ];
    let between = between.trim();
    let acronym = b.acronym().is_some_and(|l| names::initials(&a.tokens) == l);
    // "the Permanent Council of the Organization of American States (OAS)": the letters spell
    // the body the name belongs to, not the name.
    if b.acronym()
        .is_some_and(|l| spells_inner_body(&a.tokens, &l))
    {
        return false;
    }
    if let Some(inner) = between.strip_prefix('(') {
        if !after.starts_with(')') {
            return false;
        }
        let inner = inner.trim();
        if inner.is_empty() {
            let loc = a.label == Some(EntityLabel::Loc) || b.label == Some(EntityLabel::Loc);
            // "the Federal Security Service (FSB)", "the Information and Security Service
            // (SIS)": an organisation's acronym in its own language need not spell the
            // English words; right after the name it is still the name's alias.
            let foreign_acronym = !loc
                && a.label != Some(EntityLabel::Per)
                && a.tokens.len() >= 2
                && b.acronym().is_some_and(|l| {
                    let own = names::initials(&a.tokens);
                    l.chars().next().is_some_and(|c| own.contains(c))
                });
            return acronym
                || foreign_acronym
                || (b.acronym().is_none() && a.label == b.label && a.label.is_some() && !loc);
        }
        return cues.contains(&inner);
    }
    if let Some(inner) = between.strip_prefix(',') {
        // "the penitentiary complex in Guayaquil, known as La Roca": a name that is the object
        // of a preposition only places the phrase the new name is given to.
        return cues.contains(&inner.trim()) && !after_preposition(text, a.span.start);
    }
    false
}

/// Whether acronym letters spell the words after an "of" inside a name but not the whole
/// name: "Permanent Council of the Organization of American States" and "OAS".
fn spells_inner_body(tokens: &[String], letters: &str) -> bool {
    names::initials(tokens) != letters
        && tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.as_str() == "of")
            .any(|(k, _)| names::initials(&tokens[k + 1..]) == letters)
}

/// Whether the word before `at` is a preposition that makes a name there a phrase's object.
fn after_preposition(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "in" | "of" | "at" | "near" | "from" | "outside" | "inside" | "on" | "to"
    )
}

fn local(
    doc: usize,
    members: Vec<usize>,
    ms: &[Mention],
    full_set: &HashSet<usize>,
    ctx: &Ctx<'_>,
) -> Local {
    let mut votes = [0u32; 4];
    for &i in &members {
        if let Some(v) = vote(&ms[i]) {
            votes[v] += 1;
        }
    }
    let names: Vec<&Mention> = members
        .iter()
        .map(|&i| &ms[i])
        .filter(|m| m.is_name())
        .collect();
    let mut people: Vec<PerName> = Vec::new();
    let mut has_full = false;
    let mut initials: Option<PerName> = None;
    for &i in &members {
        if full_set.contains(&i) {
            has_full = true;
            let p = PerName::new(&ms[i].tokens);
            if !people.contains(&p) {
                people.push(p);
            }
        } else if ms[i].is_name() && ms[i].initial_form() {
            let p = PerName::new(&ms[i].tokens);
            initials.get_or_insert(p.clone());
            if !people.contains(&p) {
                people.push(p);
            }
        }
    }
    let single_only = !names.is_empty() && names.iter().all(|m| m.tokens.len() == 1);
    let person = has_full
        || initials.is_some()
        || (single_only && votes[PER] > 0 && votes[PER] >= votes[ORG].max(votes[LOC]));
    // Full names are keys; a single word only when it is the cluster's name, not a short
    // form of a longer one ("Directorate" of two different police directorates).
    let multi = names.iter().any(|m| m.tokens.len() >= 2);
    let mut strong: Vec<String> = names
        .iter()
        .filter(|m| m.tokens.len() >= 2 || (!person && !multi))
        .map(|m| format!("name:{}", m.key))
        .collect();
    // A person's name is also a key as given names and surname, so spellings that differ only
    // in the surname's article ("Moqtada al-Sadr", "Moqtada Sadr") meet.
    // A middle name is often left out ("Rex Kanyike Masai", "Rex Masai"): the first given
    // name and the surname are a key too.
    for p in people
        .iter()
        .filter(|p| !p.given.is_empty() && p.given.iter().all(|g| !names::is_initial(g)))
    {
        strong.push(format!("person:{}", p.key()));
        if p.given.len() >= 2 {
            strong.push(format!("person:{} {}", p.given[0], p.surname));
        }
        if let Some(short) = p.without_second_surname() {
            strong.push(format!("person:{}", short.key()));
        }
    }
    let mut orgs: Vec<(Vec<String>, Option<String>)> = Vec::new();
    let mut org_names: Vec<OrgName> = Vec::new();
    let mut nominal: Option<(Vec<String>, Option<String>)> = None;
    for &i in &members {
        let m = &ms[i];
        match &m.role {
            Role::Country { key, .. } => strong.push(format!("country:{key}")),
            Role::Name if !person => {
                if let Some(key) = &m.org {
                    orgs.push(key.clone());
                }
                if m.org_like() && m.tokens.len() >= 2 {
                    org_names.push(OrgName {
                        first: normalize(&m.tokens[0]),
                        head: names::head_word(&m.tokens)
                            .map(normalize)
                            .unwrap_or_default(),
                        initials: names::initials(&m.tokens),
                    });
                }
            }
            Role::Name => {}
            Role::Nominal { words, country, .. } => {
                if country.is_some() {
                    orgs.push((words.clone(), country.clone()));
                }
                nominal.get_or_insert((words.clone(), country.clone()));
            }
        }
    }
    for (words, country) in &orgs {
        let usable = match country {
            Some(_) => true,
            None => words.len() >= 2 && !ctx.ambiguous_orgs.contains(words),
        };
        if usable {
            strong.push(format!(
                "org:{}|{}",
                words.join(" "),
                country.as_deref().unwrap_or("")
            ));
        }
    }
    strong.sort();
    strong.dedup();
    // Someone who gave only part of a name stays in their document: no key, no weak link.
    let withheld = single_only && names.iter().all(|m| m.withheld);
    if withheld {
        strong.retain(|k| !k.starts_with("name:"));
    }
    let weak = if has_full || withheld {
        Weak::None
    } else if let Some(p) = initials {
        Weak::Initials(p)
    } else if single_only {
        match names[0].acronym() {
            Some(letters) => Weak::Acronym(letters),
            // "al-Sudani" alone is found as "Sudani".
            None => Weak::Single(normalize(names::without_article(names[0].form.trim()))),
        }
    } else if names.is_empty() && !strong.iter().any(|k| k.starts_with("country:")) {
        match nominal {
            Some((words, country)) => Weak::Nominal { words, country },
            None => Weak::None,
        }
    } else {
        Weak::None
    };
    Local {
        doc,
        members,
        votes,
        strong,
        people,
        orgs,
        org_names,
        weak,
        titles: Vec::new(),
        single_title: None,
    }
}

fn state_of(l: &Local, ms: &[Mention]) -> State {
    let mut orgs = l.orgs.clone();
    orgs.sort();
    orgs.dedup();
    State {
        votes: l.votes,
        people: l.people.clone(),
        orgs,
        org_countries: l.orgs.iter().filter_map(|(_, c)| c.clone()).collect(),
        countries: l
            .members
            .iter()
            .filter_map(|&i| match &ms[i].role {
                Role::Country { key, .. } => Some(key.clone()),
                _ => None,
            })
            .collect(),
        titles: l.titles.iter().cloned().collect(),
    }
}

/// Cross-document groups over the local clusters, with their cannot-link state.
struct Groups {
    dsu: Dsu,
    state: Vec<State>,
}

impl Groups {
    fn find(&mut self, x: usize) -> usize {
        self.dsu.find(x)
    }

    /// Merges when the constraints allow; returns whether the two are now one group.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.dsu.find(a), self.dsu.find(b));
        if ra == rb {
            return true;
        }
        if !self.state[ra].compatible(&self.state[rb]) {
            return false;
        }
        let root = self.dsu.union(ra, rb);
        let other = if root == ra { rb } else { ra };
        let moved = std::mem::take(&mut self.state[other]);
        self.state[root].absorb(moved);
        true
    }

    fn roots(&mut self, locals: impl IntoIterator<Item = usize>) -> Vec<usize> {
        distinct(locals.into_iter().map(|l| self.dsu.find(l)).collect())
    }
}

/// The whole resolution: passes 1 to 5.
pub(crate) fn resolve(docs: &[DocEntities<'_>], places: &dyn PlaceKnowledge) -> Resolution {
    // Passes 1 and 2: clean mentions.
    let mut all: Vec<Vec<Mention>> = docs
        .iter()
        .map(|d| mentions::clean_doc(d.text, d.mentions))
        .collect();
    let countries = Countries::new(places, &all);
    let outlet_key = |name: &str| {
        let key = normalize(name);
        key.strip_prefix("the ").map(str::to_string).unwrap_or(key)
    };
    let outlets: HashSet<String> = docs
        .iter()
        .filter_map(|d| d.outlet)
        .map(outlet_key)
        .filter(|k| !k.is_empty())
        .collect();
    for (d, ms) in docs.iter().zip(all.iter_mut()) {
        mentions::refine_doc(d.text, ms, &countries);
        for m in ms.iter_mut() {
            if m.is_name() && outlets.contains(&outlet_key(&m.form)) {
                m.label = Some(EntityLabel::Org);
                m.outlet_credit = true;
            }
        }
    }
    // Full names of two words the recogniser tagged as people somewhere in the corpus.
    let person_fulls: HashSet<String> = all
        .iter()
        .flatten()
        .filter(|m| m.is_name() && m.tokens.len() == 2 && m.label == Some(EntityLabel::Per))
        .map(|m| PerName::new(&m.tokens).key())
        .collect();
    let is_known_full = |tokens: &[String]| person_fulls.contains(&PerName::new(tokens).key());
    for (d, ms) in docs.iter().zip(all.iter_mut()) {
        mentions::extend_to_known_full_names(d.text, ms, &is_known_full);
    }
    let mut bearers: HashMap<String, Vec<(Vec<String>, u32)>> = HashMap::new();
    for m in all.iter().flatten() {
        if m.is_name() && m.tokens.len() >= 2 && !m.initial_form() {
            let whole = PerName::new(&m.tokens);
            // A Spanish name is a bearer of its first surname too.
            for p in [whole.without_second_surname(), Some(whole)]
                .into_iter()
                .flatten()
            {
                let list = bearers.entry(p.surname).or_default();
                match list.iter_mut().find(|(g, _)| *g == p.given) {
                    Some((_, c)) => *c += 1,
                    None => list.push((p.given, 1)),
                }
            }
        }
    }
    let mut key_votes: HashMap<String, [u32; 4]> = HashMap::new();
    for m in all.iter().flatten().filter(|m| m.is_name()) {
        if let Some(v) = vote(m) {
            key_votes.entry(m.key.clone()).or_default()[v] += 1;
        }
    }
    let mut org_countries: HashMap<&[String], BTreeSet<&str>> = HashMap::new();
    for m in all.iter().flatten() {
        let key = match &m.role {
            Role::Name => m.org.as_ref().map(|(w, c)| (w, c.as_ref())),
            Role::Nominal { words, country, .. } => Some((words, country.as_ref())),
            Role::Country { .. } => None,
        };
        if let Some((words, Some(country))) = key {
            org_countries
                .entry(words.as_slice())
                .or_default()
                .insert(country.as_str());
        }
    }
    let ambiguous_orgs = org_countries
        .into_iter()
        .filter(|(_, c)| c.len() > 1)
        .map(|(w, _)| w.to_vec())
        .collect();
    let ctx = Ctx {
        places,
        countries: &countries,
        bearers,
        key_votes,
        ambiguous_orgs,
    };

    // Pass 3.
    let locals: Vec<Local> = docs
        .iter()
        .zip(all.iter_mut())
        .enumerate()
        .flat_map(|(i, (d, ms))| cluster_doc(i, d.text, ms, &ctx))
        .collect();
    let states: Vec<State> = locals.iter().map(|l| state_of(l, &all[l.doc])).collect();
    let mut g = Groups {
        dsu: Dsu::new(locals.len()),
        state: states,
    };

    // Pass 4a: strong keys.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, l) in locals.iter().enumerate() {
        for k in &l.strong {
            match index.get(k.as_str()) {
                Some(&j) => {
                    g.join(i, j);
                }
                None => {
                    index.insert(k, i);
                }
            }
        }
    }

    // Pass 4b: weak links through blocking indexes. The indexes hold groups, not clusters, so
    // a name a thousand documents repeat is still one candidate.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_short: HashMap<&str, Vec<(usize, bool)>> = HashMap::new();
    let mut by_initials: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_org_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut acronym_aliases: Vec<(String, usize)> = Vec::new();
    // Acronyms by their spelling: a name written "PASTEF" in four documents and "Pastef" in a
    // fifth is one name, though the recogniser may type the title-case form apart.
    let mut by_acronym_spelling: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, l) in locals.iter().enumerate() {
        let root = g.find(i);
        for &m in &l.members {
            let m = &all[l.doc][m];
            if m.acronym().is_some() {
                by_acronym_spelling.entry(&m.key).or_default().push(root);
            }
        }
        if matches!(l.weak, Weak::None) {
            for p in &l.people {
                if p.given.iter().all(|x| !names::is_initial(x)) {
                    by_surname.entry(&p.surname).or_default().push(root);
                    if let Some(paternal) = &p.paternal {
                        by_surname.entry(paternal).or_default().push(root);
                    }
                    if let Some(first) = p.given.first() {
                        by_given.entry(first).or_default().push(root);
                    }
                }
            }
        }
        for o in &l.org_names {
            by_short.entry(&o.first).or_default().push((root, false));
            by_short.entry(&o.head).or_default().push((root, true));
            by_initials.entry(&o.initials).or_default().push(root);
        }
        // An acronym a document ties to its full name ("the Economic Community of West
        // African States (ECOWAS)") is that body's acronym elsewhere too, though its letters
        // are not the name's initials.
        if !l.org_names.is_empty() {
            for letters in l.members.iter().filter_map(|&m| all[l.doc][m].acronym()) {
                acronym_aliases.push((letters, root));
            }
        }
        for (words, _) in &l.orgs {
            for w in words {
                by_org_word.entry(w).or_default().push(root);
            }
        }
    }
    for (letters, root) in &acronym_aliases {
        by_initials.entry(letters.as_str()).or_default().push(*root);
    }
    for list in by_surname
        .values_mut()
        .chain(by_given.values_mut())
        .chain(by_initials.values_mut())
        .chain(by_org_word.values_mut())
    {
        list.sort_unstable();
        list.dedup();
    }
    for list in by_short.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let mut dropped: HashSet<usize> = HashSet::new();
    let mut unresolved: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in locals.iter().enumerate() {
        match &l.weak {
            Weak::None => {}
            Weak::Single(key) => {
                let root = g.find(i);
                let votes = g.state[root].votes;
                let typed = confident(&votes);
                // The types must agree: a confident place or organisation is no surname.
                let surname = by_surname
                    .get(key.as_str())
                    .filter(|_| !matches!(typed, Some(ORG) | Some(LOC)));
                if let Some(list) = surname {
                    let mut roots = g.roots(list.iter().copied());
                    // "Justice Secretary Remulla" is the Remulla named in full with that title.
                    if let Some(t) = &l.single_title {
                        let holds = |r: &usize| {
                            g.state[*r]
                                .titles
                                .iter()
                                .any(|b| mentions::titles_meet(b, t))
                        };
                        let titled: Vec<usize> = roots.iter().copied().filter(holds).collect();
                        if titled.len() == 1 {
                            roots = titled;
                        }
                    }
                    // A word that is one bearer's middle name ("Mohamed Ali Saliou") and
                    // another's first name ("Ali Bongo Ondimba") could be either: it stays
                    // apart.
                    if let [r] = roots.as_slice() {
                        let r = *r;
                        let only_middle = g.state[r]
                            .people
                            .iter()
                            .all(|p| p.surname != *key && p.paternal.as_deref() == Some(key));
                        let first_name_elsewhere = by_given.get(key.as_str()).is_some_and(|l| {
                            g.roots(l.iter().copied()).into_iter().any(|x| x != r)
                        });
                        if only_middle && first_name_elsewhere {
                            unresolved.entry(key).or_default().push(i);
                            continue;
                        }
                    }
                    if roots.len() == 1 {
                        g.join(i, roots[0]);
                    }
                    continue;
                }
                let form = &all[l.doc][l.members[0]].form;
                if !ctx.known_place(form) && typed != Some(PER) {
                    // A word read as a place meets an organisation only as its head ("the
                    // Courier"), never as its first word: "Sahel" the region is not "Sahel
                    // Press", though one label is too few to make the type confident.
                    let loc = typed == Some(LOC)
                        || (votes[LOC] > 0 && votes[LOC] > votes[ORG].max(votes[PER]));
                    let hits: Vec<usize> = by_short
                        .get(key.as_str())
                        .map(|v| {
                            v.iter()
                                .filter(|(_, head)| *head || !loc)
                                .map(|(j, _)| *j)
                                .collect()
                        })
                        .unwrap_or_default();
                    let roots: Vec<usize> =
                        g.roots(hits).into_iter().filter(|&r| r != root).collect();
                    if roots.len() == 1 && g.join(i, roots[0]) {
                        continue;
                    }
                }
                if votes[PER] > 0 && votes[PER] >= votes[ORG].max(votes[LOC]) {
                    if let Some(list) = by_given.get(key.as_str()) {
                        let roots = g.roots(list.iter().copied());
                        if roots.len() == 1 && g.join(i, roots[0]) {
                            continue;
                        }
                    }
                }
                if let Some(list) = by_acronym_spelling.get(key.as_str()) {
                    let roots: Vec<usize> = g
                        .roots(list.iter().copied())
                        .into_iter()
                        .filter(|&r| r != root)
                        .collect();
                    if roots.len() == 1 && g.join(i, roots[0]) {
                        continue;
                    }
                }
                unresolved.entry(key).or_default().push(i);
            }
            Weak::KnownSurname(key) => {
                // The bearer the corpus names most, if clearly so.
                let Some(list) = by_surname.get(key.as_str()) else {
                    continue;
                };
                let mut scored: Vec<(u32, usize)> = g
                    .roots(list.iter().copied())
                    .into_iter()
                    .map(|r| {
                        let count = g.state[r]
                            .people
                            .iter()
                            .filter(|p| p.has_surname(key))
                            .map(|p| ctx.full_count(p))
                            .max()
                            .unwrap_or(0);
                        (count, r)
                    })
                    .collect();
                scored.sort_unstable_by(|a, b| b.cmp(a));
                let clear = match scored.as_slice() {
                    [(_, r)] => Some(*r),
                    [(c0, r), (c1, _), ..] if *c0 >= 2 * *c1 => Some(*r),
                    _ => None,
                };
                if let Some(r) = clear {
                    g.join(i, r);
                }
            }
            Weak::Initials(p) => {
                let candidates = by_surname
                    .get(p.surname.as_str())
                    .cloned()
                    .unwrap_or_default();
                let roots: Vec<usize> = g
                    .roots(candidates)
                    .into_iter()
                    .filter(|&r| g.state[r].people.iter().any(|q| q.fits(p) && q != p))
                    .collect();
                if roots.len() == 1 {
                    g.join(i, roots[0]);
                }
            }
            Weak::Acronym(letters) => {
                let hits = by_initials
                    .get(letters.as_str())
                    .cloned()
                    .unwrap_or_default();
                let root = g.find(i);
                let roots: Vec<usize> = g.roots(hits).into_iter().filter(|&r| r != root).collect();
                if roots.len() == 1 {
                    g.join(i, roots[0]);
                }
            }
            Weak::Nominal { words, country } => {
                // Block on the rarest word, then check the rest.
                let Some(list) = words
                    .iter()
                    .filter_map(|w| by_org_word.get(w.as_str()))
                    .min_by_key(|v| v.len())
                else {
                    if country.is_none() {
                        dropped.insert(i);
                    }
                    continue;
                };
                let candidates = list.clone();
                let root = g.find(i);
                let roots: Vec<usize> = g
                    .roots(candidates)
                    .into_iter()
                    .filter(|&r| {
                        r != root
                            && g.state[r].orgs.iter().any(|(w, c)| {
                                words.iter().all(|x| w.contains(x))
                                    && (country.is_none() || c == country)
                            })
                    })
                    .collect();
                let joined = roots.len() == 1 && g.join(i, roots[0]);
                if !joined && country.is_none() && g.find(i) == i {
                    dropped.insert(i);
                }
            }
        }
    }
    // Single names no full name explains ("Vireo", "Alma") are one entity per spelling and
    // type: each joins the first group of its spelling it is compatible with.
    for list in unresolved.values() {
        let mut heads: Vec<usize> = Vec::new();
        for &i in list {
            let joined = heads.iter().any(|&h| g.join(h, i));
            if !joined {
                heads.push(i);
            }
        }
    }

    let extra = propagate(docs, &all, &locals, &mut g, &dropped);

    // Pass 5: entities.
    build(docs, &all, &locals, &mut g, &dropped, &countries, &extra)
}

/// Pass 4c: names the recogniser tagged somewhere but missed elsewhere ("the Courier has
/// been able", "told the Herald"). A name owned by exactly one entity is looked up at every
/// word through an index of first words; a person's single name only spreads to documents
/// that already mention that person, where it cannot be someone else's.
fn propagate(
    docs: &[DocEntities<'_>],
    all: &[Vec<Mention>],
    locals: &[Local],
    g: &mut Groups,
    dropped: &HashSet<usize>,
) -> Vec<(usize, Mention, usize)> {
    let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut present: HashSet<(usize, usize)> = HashSet::new();
    let mut taken: Vec<Vec<(usize, usize)>> = all
        .iter()
        .map(|ms| ms.iter().map(|m| (m.span.start, m.span.end)).collect())
        .collect();
    for (i, l) in locals.iter().enumerate() {
        if dropped.contains(&i) {
            continue;
        }
        let root = g.find(i);
        present.insert((root, l.doc));
        for &m in &l.members {
            let m = &all[l.doc][m];
            let single_generic = m.tokens.len() == 1
                && (names::is_stopword(&m.surface) || names::is_title_word(&m.surface));
            if m.is_name()
                && !single_generic
                && m.surface.chars().count() >= 3
                && m.surface.chars().next().is_some_and(char::is_uppercase)
            {
                let list = owners.entry(m.surface.as_str()).or_default();
                if !list.contains(&root) {
                    list.push(root);
                }
            }
        }
    }
    let mut by_first: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for (alias, roots) in &owners {
        if roots.len() != 1 {
            continue;
        }
        let Some(first) = names::words(alias).first().map(|w| w.of(alias)) else {
            continue;
        };
        by_first.entry(first).or_default().push((alias, roots[0]));
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    }
    let mut extra = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let text = doc.text;
        for w in names::words(text) {
            let Some(cands) = by_first.get(w.of(text)) else {
                continue;
            };
            for &(alias, root) in cands {
                let Some(end) = names::match_at(text, w.start, alias) else {
                    continue;
                };
                if text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                    || taken[d].iter().any(|&(s, e)| w.start < e && s < end)
                {
                    continue;
                }
                let votes = g.state[root].votes;
                let person = votes[PER] > 0 && votes[PER] >= votes[ORG].max(votes[LOC]);
                let spreads = alias.split_whitespace().count() >= 2
                    || !person
                    || present.contains(&(root, d));
                if !spreads {
                    continue;
                }
                taken[d].push((w.start, end));
                let span = storyline_model::Span::new(w.start, end);
                extra.push((d, Mention::alias(text, span), root));
                break;
            }
        }
    }
    extra
}

fn build(
    docs: &[DocEntities<'_>],
    all: &[Vec<Mention>],
    locals: &[Local],
    g: &mut Groups,
    dropped: &HashSet<usize>,
    countries: &Countries<'_>,
    extra: &[(usize, Mention, usize)],
) -> Resolution {
    let mut order: Vec<usize> = Vec::new();
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..locals.len() {
        if dropped.contains(&i) {
            continue;
        }
        let r = g.find(i);
        groups
            .entry(r)
            .or_insert_with(|| {
                order.push(r);
                Vec::new()
            })
            .push(i);
    }
    let mut extra_of: HashMap<usize, Vec<(usize, &Mention)>> = HashMap::new();
    for (d, m, root) in extra {
        extra_of.entry(*root).or_default().push((*d, m));
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut resolved: HashMap<String, Vec<ResolvedMention>> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    // Country keys of the country entities, and the country each
    // organisation names, to tie a state body to its state.
    let mut country_entity: HashMap<String, usize> = HashMap::new();
    let mut belongs_to: Vec<Option<String>> = Vec::new();
    // Capitals acting for their countries: document, index of the mention in its
    // document's list, country key. The country's entity may come later in `order`.
    let mut acting: Vec<(String, usize, String)> = Vec::new();
    for r in order {
        let Some(members) = groups.get(&r) else {
            continue;
        };
        let refs: Vec<(usize, &Mention)> = members
            .iter()
            .flat_map(|&l| {
                locals[l]
                    .members
                    .iter()
                    .map(move |&i| (locals[l].doc, &all[locals[l].doc][i]))
            })
            .chain(extra_of.remove(&r).unwrap_or_default())
            .collect();
        let Some(&(first_doc, first)) = refs.first() else {
            continue;
        };
        let (name, kind) = canonical(&refs, countries);
        let mut id = entity_id(kind, &name, "");
        if used.contains(&id) {
            let salt = format!("{}:{}", docs[first_doc].id, first.span.start);
            id = entity_id(kind, &name, &salt);
        }
        used.insert(id.clone());
        let index = entities.len();
        let mut aliases: BTreeSet<String> = refs.iter().map(|(_, m)| m.surface.clone()).collect();
        if kind == EntityLabel::Per {
            aliases.extend(refs.iter().flat_map(|(d, m)| {
                let text = docs[*d].text;
                [
                    mentions::titled_surface(text, m.span),
                    mentions::titled_alias(text, m.span),
                ]
                .into_iter()
                .flatten()
            }));
        }
        let doc_ids: BTreeSet<String> = refs.iter().map(|(d, _)| docs[*d].id.to_string()).collect();
        for (d, m) in &refs {
            let list = resolved.entry(docs[*d].id.to_string()).or_default();
            if let Some(key) = &m.acting_for {
                acting.push((docs[*d].id.to_string(), list.len(), key.clone()));
            }
            list.push(ResolvedMention {
                span: m.span,
                text: m.surface.clone(),
                entity: index,
                source: m.source,
                acting_for: None,
            });
        }
        if let Some(key) = country_key(&refs) {
            country_entity.entry(key).or_insert(index);
        }
        belongs_to.push(owning_country(&refs));
        entities.push(Entity {
            id,
            name,
            kind,
            aliases: aliases.into_iter().collect(),
            docs: doc_ids.into_iter().collect(),
            mentions: refs.len(),
            country: None,
        });
    }
    for (doc, at, key) in acting {
        if let (Some(&state), Some(list)) = (country_entity.get(&key), resolved.get_mut(&doc)) {
            list[at].acting_for = Some(state);
        }
    }
    for (entity, key) in belongs_to.iter().enumerate() {
        let state = key.as_ref().and_then(|k| country_entity.get(k)).copied();
        if let Some(state) = state.filter(|&s| s != entity) {
            entities[entity].country = Some(entities[state].id.clone());
        }
    }
    Resolution::new(entities, resolved)
}

/// The country key of an entity that is a country (a mention of it by name,
/// demonym or capital-as-government).
fn country_key(refs: &[(usize, &Mention)]) -> Option<String> {
    refs.iter().find_map(|(_, m)| match &m.role {
        Role::Country { key, .. } => Some(key.clone()),
        _ => None,
    })
}

/// The country an organisation's names or descriptions give it ("Russia's
/// foreign ministry", "the Moldovan Defence Ministry"), when they agree on
/// one; `None` for a country itself.
fn owning_country(refs: &[(usize, &Mention)]) -> Option<String> {
    if country_key(refs).is_some() {
        return None;
    }
    let mut found: Option<&String> = None;
    for (_, m) in refs {
        let country = match &m.role {
            Role::Nominal { country, .. } => country.as_ref(),
            Role::Name => m.org.as_ref().and_then(|(_, c)| c.as_ref()),
            Role::Country { .. } => None,
        };
        match (found, country) {
            (None, Some(c)) => found = Some(c),
            (Some(f), Some(c)) if f != c => return None,
            _ => {}
        }
    }
    found.cloned()
}

/// The canonical name (the fullest naming form; shouted capitals lose to normal case) and the
/// type (the votes of the mentions written that way, else of all mentions; a country is LOC).
fn canonical(refs: &[(usize, &Mention)], countries: &Countries<'_>) -> (String, EntityLabel) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, m) in refs.iter().filter(|(_, m)| m.naming()) {
        *counts.entry(m.form.as_str()).or_default() += 1;
    }
    let shouted = |s: &str| {
        // Four letters or more: "BAMAKO" of a dateline loses to "Bamako", while a two- or
        // three-letter acronym ("UN") has no lowercase rival to lose to anyway.
        s.chars().filter(|c| c.is_alphabetic()).count() > 3 && !s.chars().any(char::is_lowercase)
    };
    let best = counts.iter().max_by(|(a, na), (b, nb)| {
        let rank = |s: &str, n: usize| {
            (
                s.split_whitespace().count(),
                !shouted(s),
                s.chars().count(),
                n,
            )
        };
        rank(a, **na).cmp(&rank(b, **nb)).then_with(|| b.cmp(a))
    });
    let country = refs.iter().find_map(|(_, m)| match &m.role {
        Role::Country { key, .. } => Some(key.clone()),
        _ => None,
    });
    // A country goes by its usual short name when the documents use it ("Kaldoria", not
    // "Republic of Kaldoria").
    let short = country
        .as_deref()
        .and_then(|k| countries.display(k))
        .filter(|d| counts.keys().any(|f| f.eq_ignore_ascii_case(d)));
    let name = match (short, best, &country) {
        (Some(d), _, _) => d,
        (None, Some((form, _)), _) => form.to_string(),
        (None, None, Some(key)) => countries
            .display(key)
            .unwrap_or_else(|| refs[0].1.form.clone()),
        (None, None, None) => {
            let longest = refs
                .iter()
                .map(|(_, m)| m.surface.as_str())
                .max_by_key(|s| (s.len(), std::cmp::Reverse(*s)))
                .unwrap_or("");
            // A description starts a sentence as often as not: "The interior ministry said".
            ["the ", "The "]
                .iter()
                .find_map(|a| longest.strip_prefix(a))
                .unwrap_or(longest)
                .to_string()
        }
    };
    if country.is_some() {
        return (name, EntityLabel::Loc);
    }
    let key = normalize(&name);
    let tally = |filter: &dyn Fn(&Mention) -> bool| {
        let mut v = [0u32; 4];
        for (_, m) in refs.iter().filter(|(_, m)| filter(m)) {
            if let Some(x) = vote(m) {
                v[x] += 1;
            }
        }
        v
    };
    // A tie that a place is in goes to the place when the gazetteer knows the name ("officials
    // in Sindh" read as an organisation, "held in ... Sindh" as a place).
    let known_place = countries.places.is_place(&name);
    let pick = |v: [u32; 4]| {
        let max = *v.iter().max().unwrap_or(&0);
        let winners: Vec<usize> = (0..4).filter(|&i| v[i] == max).collect();
        if max > 0 && known_place && winners.contains(&LOC) {
            return Some(LOC);
        }
        (max > 0 && winners.len() == 1).then(|| winners[0])
    };
    let own = tally(&|m: &Mention| m.key == key);
    let every = tally(&|_| true);
    let credited = refs.iter().any(|(_, m)| m.outlet_credit);
    // Someone given a person's title ("Mr Akbari") is a person when the mentions as a whole
    // say so, whatever the recogniser made of the full name more often.
    let titled_person =
        refs.iter().any(|(_, m)| m.person_title) && every[PER] > every[ORG].max(every[LOC]);
    let kind = credited
        .then_some(ORG)
        .or_else(|| titled_person.then_some(PER))
        .or_else(|| pick(own))
        .or_else(|| pick(every))
        .or_else(|| (0..4).find(|&i| every[i] == *every.iter().max().unwrap_or(&0) && every[i] > 0))
        .unwrap_or(MISC);
    // "the African Union", "Harmattan Post", "Bar Association of Sri Lanka": a name headed by
    // an organisation word is an organisation, whatever the recogniser made of its other
    // words; one headed by a place word ("Beira Lake", "Western Province") is a place, unless
    // a title or a full name says it is a person.
    let head = names::name_head(&name).filter(|h| is_capitalised(h));
    let personal = refs.iter().any(|(_, m)| m.person_title || m.linked_person);
    let kind = match head {
        Some(h) if kind != ORG && names::is_org_head(h) => ORG,
        Some(h) if kind != LOC && !personal && names::is_place_head(h) => LOC,
        _ => kind,
    };
    (name, LABELS[kind])
}
