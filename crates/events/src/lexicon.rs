//! The trigger lexicon (`data/triggers.tsv`): lemma and part of speech to
//! event type, under syntactic conditions read off the dependency parse.
//!
//! Event coding for news (CAMEO with TABARI and PETRARCH, and the
//! dictionaries behind ICEWS and POLECAT) is dictionary-driven over parsed
//! sentences, because the types are fixed by the codebook and annotated
//! training text for them is scarce. We follow that design: the dictionary
//! is data, and every sense distinction ("hunger strike" vs "air strike",
//! "expel a diplomat" vs "expel migrants") is a condition on the parse, not
//! on surface strings.

use std::collections::HashMap;
use storyline_model::event::EventType;

static TRIGGERS: &str = include_str!("../data/triggers.tsv");

/// Word class a lexicon row applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Verb,
    Noun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Obj(Vec<String>),
    NoObj(Vec<String>),
    Mod(Vec<String>),
    NoMod(Vec<String>),
    Prt(Vec<String>),
    Obl(Vec<String>),
    OblCase(Vec<String>),
    Xcomp(Vec<String>),
    Nmod(Vec<String>),
    Head(Vec<String>),
    NoHead(Vec<String>),
    Subj(Vec<String>),
    /// The subject's head lemma is not in the list ("prices rallied").
    NoSubj(Vec<String>),
    /// No nominal dependent's lemma is in the list ("a rally in oil prices").
    NoNmod(Vec<String>),
    Has(Vec<String>),
    NoCase(Vec<String>),
    NoDep(Vec<String>),
    Passive,
    Bare,
    /// `no_obl=L`: no oblique dependent has a lemma in L ("injured in a crash").
    NoObl(Vec<String>),
    /// `speech`: a main-clause act of saying by an institution or an
    /// official ("the foreign ministry said ...").
    Speech,
    /// `plain`: what is said is not itself a reported event ("said 12
    /// people were detained" reports the detention, not a statement).
    Plain,
    /// `alone`: no other trigger in the sentence ("wounded" is an attack
    /// only when nothing else names the attack).
    Alone,
    /// `no_oblcase=L`: no oblique dependent is brought in by a preposition in L ("clashed
    /// over the award" is a dispute).
    NoOblCase(Vec<String>),
    /// `no_score`: the sentence gives no result of a game ("beat France 18-17", "rallied to
    /// a 53-37 win"): sports pages beat, clash, storm and rally without hurting anyone.
    NoScore,
    /// `counted`: the people the word is about are given a number: a verb's subject ("32
    /// people died") or the noun itself ("163 deaths"). A count says a tally of victims is
    /// being kept, as news does for deaths in unrest, not for one death of old age.
    Counted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sense {
    pub kind: EventType,
    pub conditions: Vec<Condition>,
    /// The word itself says the event did not happen ("acquitted").
    pub negated: bool,
}

/// All senses, keyed by lemma and word class, in file order.
pub struct Lexicon {
    senses: HashMap<(String, Pos), Vec<Sense>>,
    /// Lemmas with any sense, for the per-sentence pre-filter.
    lemmas: std::collections::HashSet<String>,
}

impl Sense {
    /// Words one of which must appear near the trigger for this sense to
    /// apply ("open" is an attack only with "fire"), or `None` when the
    /// sense needs no particular word. Person classes (`PER`) need none.
    pub fn required_words(&self) -> Option<Vec<&str>> {
        let mut words = None;
        for c in &self.conditions {
            let list = match c {
                Condition::Obj(l)
                | Condition::Mod(l)
                | Condition::Prt(l)
                | Condition::Obl(l)
                | Condition::Xcomp(l)
                | Condition::Nmod(l)
                | Condition::Head(l)
                | Condition::Subj(l)
                | Condition::Has(l) => l,
                _ => continue,
            };
            if list.iter().any(|w| w == "PER" || w == "INST") {
                continue;
            }
            // One positive list is enough to require (all must hold anyway).
            words = Some(list.iter().map(String::as_str).collect());
            break;
        }
        words
    }
}

impl Lexicon {
    /// The lexicon shipped with the crate.
    pub fn bundled() -> Lexicon {
        Lexicon::parse(TRIGGERS).expect("the bundled trigger lexicon is valid")
    }

    /// Reads the TSV format described at the top of `data/triggers.tsv`.
    pub fn parse(source: &str) -> Result<Lexicon, String> {
        let mut senses: HashMap<(String, Pos), Vec<Sense>> = HashMap::new();
        // Named word lists ("@envoy"), defined before their first use.
        let mut lists: HashMap<String, Vec<String>> = HashMap::new();
        for (n, line) in source.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |why: &str| format!("triggers.tsv:{}: {why}", n + 1);
            // A value list with every "@name" replaced by the words it names.
            let expand = |value: &str| -> Result<Vec<String>, String> {
                let mut out = Vec::new();
                for w in value.split('|') {
                    match w.strip_prefix('@') {
                        Some(name) => out.extend(
                            lists
                                .get(name)
                                .ok_or_else(|| err(&format!("unknown word list @{name}")))?
                                .iter()
                                .cloned(),
                        ),
                        None => out.push(w.to_owned()),
                    }
                }
                Ok(out)
            };
            if let Some(definition) = line.strip_prefix('@') {
                let (name, words) = definition
                    .split_once('\t')
                    .ok_or_else(|| err("a word list is @name, a tab, then its words"))?;
                let words = expand(words.trim())?;
                lists.insert(name.trim().to_owned(), words);
                continue;
            }
            let mut cols = line.split('\t');
            let lemma = cols.next().ok_or_else(|| err("no lemma"))?;
            let pos = match cols.next() {
                Some("VERB") => Pos::Verb,
                Some("NOUN") => Pos::Noun,
                other => return Err(err(&format!("bad part of speech {other:?}"))),
            };
            let kind = cols
                .next()
                .and_then(EventType::parse)
                .ok_or_else(|| err("unknown event type"))?;
            let mut conditions = Vec::new();
            let mut negated = false;
            for word in cols.flat_map(|c| c.split_whitespace()) {
                let (key, value) = word.split_once('=').unwrap_or((word, ""));
                let list = expand(value)?;
                let values = || list.clone();
                conditions.push(match key {
                    "obj" => Condition::Obj(values()),
                    "no_obj" => Condition::NoObj(values()),
                    "mod" => Condition::Mod(values()),
                    "no_mod" => Condition::NoMod(values()),
                    "prt" => Condition::Prt(values()),
                    "obl" => Condition::Obl(values()),
                    "oblcase" => Condition::OblCase(values()),
                    "xcomp" => Condition::Xcomp(values()),
                    "nmod" => Condition::Nmod(values()),
                    "head" => Condition::Head(values()),
                    "no_head" => Condition::NoHead(values()),
                    "subj" => Condition::Subj(values()),
                    "no_subj" => Condition::NoSubj(values()),
                    "no_nmod" => Condition::NoNmod(values()),
                    "has" => Condition::Has(values()),
                    "no_case" => Condition::NoCase(values()),
                    "no_dep" => Condition::NoDep(values()),
                    "pass" => Condition::Passive,
                    "bare" => Condition::Bare,
                    "no_obl" => Condition::NoObl(values()),
                    "speech" => Condition::Speech,
                    "plain" => Condition::Plain,
                    "no_score" => Condition::NoScore,
                    "counted" => Condition::Counted,
                    "no_oblcase" => Condition::NoOblCase(values()),
                    "alone" => Condition::Alone,
                    "negated" => {
                        negated = true;
                        continue;
                    }
                    _ => return Err(err(&format!("unknown condition {key:?}"))),
                });
            }
            senses
                .entry((lemma.to_lowercase(), pos))
                .or_default()
                .push(Sense {
                    kind,
                    conditions,
                    negated,
                });
        }
        let lemmas = senses.keys().map(|(l, _)| l.clone()).collect();
        Ok(Lexicon { senses, lemmas })
    }

    /// The senses a lemma can have in a word class, most specific first.
    pub fn senses(&self, lemma: &str, pos: Pos) -> &[Sense] {
        // Lemmas are lower-case in the file; the lemmatizer keeps proper-noun case.
        self.senses
            .get(&(lemma.to_string(), pos))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether any sense exists for this lemma (a cheap pre-filter used to
    /// skip parsing sentences that cannot hold an event), also as the verb of
    /// a participle the tagger lemmatised as an adjective ("injured").
    pub fn mentions(&self, lemma: &str) -> bool {
        self.lemmas.contains(lemma) || self.verb_of_participle(lemma).is_some()
    }

    /// The verb with senses whose past participle this word is: "injured" is
    /// "injure", "arrested" "arrest", "stabbed" "stab", "buried" "bury". The
    /// tagger reads a participle after "be" as an adjective when it describes
    /// a state ("students were injured"), and lemmatises it as itself.
    pub fn verb_of_participle(&self, word: &str) -> Option<String> {
        let has_verb = |c: &str| self.senses.contains_key(&(c.to_string(), Pos::Verb));
        // Strong participles from the table of irregular forms ("beaten" is "beat").
        if let Some(lemma) = storyline_model::verbs::irregular_lemma(word).filter(|l| has_verb(l)) {
            return Some(lemma.to_string());
        }
        let stem = word.strip_suffix("ed")?;
        let mut candidates = vec![format!("{stem}e"), stem.to_string()];
        let b = stem.as_bytes();
        if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
            candidates.push(stem[..stem.len() - 1].to_string());
        }
        if let Some(y) = stem.strip_suffix('i') {
            candidates.push(format!("{y}y"));
        }
        candidates.into_iter().find(|c| has_verb(c))
    }

    /// Every (lemma, word class) with its senses.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Pos, &[Sense])> {
        self.senses
            .iter()
            .map(|((l, p), s)| (l.as_str(), *p, s.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.senses.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.senses.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_word_lists_stand_for_their_words() {
        let lexicon = Lexicon::parse(
            "@envoy\tambassador|consul\n@more\t@envoy|attache\nexpel\tVERB\tdiplomatic\tobj=@more|staff\n",
        )
        .unwrap();
        let sense = &lexicon.senses("expel", Pos::Verb)[0];
        let Condition::Obj(words) = &sense.conditions[0] else {
            panic!("{:?}", sense.conditions);
        };
        assert_eq!(words, &["ambassador", "consul", "attache", "staff"]);
        let Err(err) = Lexicon::parse("expel\tVERB\tdiplomatic\tobj=@envoy\n") else {
            panic!("an unknown list must be an error");
        };
        assert!(err.contains("unknown word list @envoy"), "{err}");
    }

    #[test]
    fn a_participle_leads_back_to_its_verb() {
        let lexicon = Lexicon::bundled();
        assert_eq!(
            lexicon.verb_of_participle("injured").as_deref(),
            Some("injure")
        );
        assert_eq!(
            lexicon.verb_of_participle("arrested").as_deref(),
            Some("arrest")
        );
        assert_eq!(
            lexicon.verb_of_participle("stabbed").as_deref(),
            Some("stab")
        );
        assert_eq!(lexicon.verb_of_participle("worried"), None);
        assert_eq!(lexicon.verb_of_participle("injury"), None);
        assert!(lexicon.mentions("wounded"));
    }

    #[test]
    fn bundled_lexicon_parses_and_keeps_file_order() {
        let lex = Lexicon::bundled();
        assert!(lex.len() > 150);
        let strike = lex.senses("strike", Pos::Noun);
        assert_eq!(strike[0].kind, EventType::Attack);
        assert_eq!(strike[1].kind, EventType::Attack);
        assert_eq!(strike[2].kind, EventType::HungerStrike);
        assert_eq!(strike.last().unwrap().kind, EventType::Protest);
        assert!(lex.senses("acquit", Pos::Verb)[0].negated);
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let err = Lexicon::parse("# comment\narrest\tVERB\tarest\n")
            .err()
            .unwrap();
        assert!(err.contains(":2:"), "{err}");
        let err = Lexicon::parse("arrest\tVERB\tarrest\tfoo=bar\n")
            .err()
            .unwrap();
        assert!(err.contains("foo"), "{err}");
    }
}
