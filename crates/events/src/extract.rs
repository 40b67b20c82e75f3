//! From a parsed sentence to event mentions: triggers from the lexicon, then
//! arguments, numbers, date, place, reason, source and modality from the
//! dependency tree around each trigger.

use crate::counts::{self, Placed};
use crate::lexicon::{Condition, Lexicon, Pos, Sense};
use crate::quotes;
use crate::syntax::Tree;
use storyline_model::doc::EntityLabel;
use storyline_model::event::{
    Argument, Count, DatePrecision, EventDate, EventMention, EventType, Modality, Quote,
};
use storyline_model::taxonomy;
use storyline_model::Date;
use storyline_model::Span;
use storyline_timex::{Precision, SignalKind, Timex, TimexType};

/// Verbs that credit a claim to their subject ("the ministry said").
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "report",
    "announce",
    "claim",
    "allege",
    "state",
    "confirm",
    "add",
    "insist",
    "write",
    "tweet",
    "warn",
    "acknowledge",
    "admit",
    "estimate",
    "explain",
    "note",
    "declare",
    "assert",
    "maintain",
    "argue",
    "indicate",
    "reveal",
    "disclose",
    "testify",
    "post",
    "believe",
    "think",
    "suggest",
    "announced",
    "show",
    "find",
];

/// Verbs whose subject observes, records, judges, asks for or withstands
/// someone else's act: "Lanterna documented 31 detentions", "the UN
/// condemned the raids", "families demanded the release". Their subject is
/// not the act's agent.
const ONLOOKING: &[&str] = &[
    "document",
    "record",
    "count",
    "register",
    "witness",
    "observe",
    "see",
    "watch",
    "verify",
    "investigate",
    "monitor",
    "condemn",
    "criticise",
    "criticize",
    "denounce",
    "decry",
    "deplore",
    "regret",
    "welcome",
    "protest",
    "oppose",
    "challenge",
    "demand",
    "urge",
    "call",
    "seek",
    "describe",
    "film",
    "photograph",
    "list",
    "fear",
    "follow",
    "cover",
    "mark",
    "commemorate",
    "remember",
    "discuss",
    "raise",
    "question",
    "dispute",
    "deny",
    // Whoever resists or survives an act is its target, not its agent:
    // "troops repelled the assault".
    "repel",
    "repulse",
    "resist",
    "survive",
    "foil",
    "thwart",
    "prevent",
    "stop",
    // Whoever breaks up, bans or allows a gathering is not among those gathered: "police
    // dispersed the crowd", "the city banned the march".
    "disperse",
    "break",
    "ban",
    "block",
    "suppress",
    "crush",
    "quell",
    "contain",
    "clear",
    "surround",
    "storm",
    "halt",
    "forbid",
    "prohibit",
    "permit",
    "allow",
    "authorise",
    "authorize",
    "approve",
];

/// Verbs whose subject is the one sentenced: "received nine years", "is serving a life term".
const SENTENCE_RECEIVING: &[&str] = &["receive", "serve", "get"];

/// Words of expectation whose to-infinitive tells what may come, not what happened ("likely
/// to close", "due to appear", "set to expel", "poised to strike"); `expect` and `schedule`
/// are in [`INTENT`].
const PROSPECTIVE_PREDICATES: &[&str] = &[
    "likely", "unlikely", "due", "set", "poised", "about", "bound", "ready", "certain", "sure",
    "slated",
];

/// Governing words that make an event an intention, not a fact.
const INTENT: &[&str] = &[
    "plan",
    "plot",
    "conspire",
    "attempt",
    "try",
    "intend",
    "seek",
    "aim",
    "prepare",
    "threaten",
    "vow",
    "pledge",
    "promise",
    "want",
    "propose",
    "scheme",
    "consider",
    "hope",
    "expect",
    "schedule",
    "intention",
    "bid",
    "attempted",
    "planned",
    "foiled",
    "thwarted",
    "would-be",
    "call",
    "demand",
    "urge",
    "push",
    "request",
    "motion",
    "petition",
    "ask",
];

/// Verbs that refuse an act or a request for it.
const REFUSAL: &[&str] = &[
    "refuse", "decline", "reject", "deny", "dismiss", "block", "veto", "overrule",
];

/// Nouns that ask for an act ("a motion to release", "a request for
/// extradition").
const REQUEST: &[&str] = &[
    "request",
    "motion",
    "petition",
    "application",
    "bid",
    "call",
    "demand",
    "plea",
];

/// Governing words that make an event a claim.
const CLAIM: &[&str] = &[
    "accuse",
    "allege",
    "suspect",
    "claim",
    "blame",
    "suspicion",
    "accusation",
    "allegation",
    "alleged",
    "suspected",
    "purported",
    "charge",
];

/// Adverbs that make an event a claim.
const CLAIM_ADVERBS: &[&str] = &["allegedly", "reportedly", "purportedly", "supposedly"];

/// Governing words that dispute the event.
const DENIAL: &[&str] = &[
    "deny", "dispute", "reject", "refute", "dismiss", "contest", "doubt", "question", "denial",
];

/// Modal auxiliaries that make an event hypothetical or future.
const PROSPECTIVE_AUX: &[&str] = &[
    "will", "shall", "would", "could", "might", "may", "'ll", "’ll", "wo",
];

/// Prepositions that place an event.
/// Parts of a town whose "of" phrase names the town ("the streets of Baghdad").
const PARTS_OF_TOWNS: &[&str] = &[
    "street",
    "centre",
    "center",
    "outskirts",
    "suburb",
    "heart",
    "district",
    "neighbourhood",
    "neighborhood",
    "downtown",
];

const PLACE_CASES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "on",
    "into",
    "within",
    "off",
    "along",
];

/// Types whose `count` is the number of people they befall or involve, so
/// a named individual counts as one.
fn counts_people(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Arrest
            | EventType::Charge
            | EventType::Conviction
            | EventType::Release
            | EventType::Killing
            | EventType::HungerStrike
            | EventType::Trial
            | EventType::Deportation
            | EventType::Abduction
    )
}

/// Types whose possessor or "of" dependent is the one acted on ("Brenner's
/// arrest", "the trial of nine").
fn patient_first(kind: EventType) -> bool {
    !matches!(
        kind,
        EventType::Protest
            | EventType::HungerStrike
            | EventType::Meeting
            | EventType::Statement
            | EventType::Military
            | EventType::Threat
    )
}

/// A trigger that passed the lexicon's conditions.
#[derive(Debug, Clone)]
struct Candidate<'l> {
    token: usize,
    pos: Pos,
    sense: &'l Sense,
    span: Span,
}

pub struct Context<'a> {
    pub tree: &'a Tree<'a>,
    /// Publication date: the end of an ongoing state ("since 20 March").
    pub dct: Option<Date>,
    pub timexes: &'a [Timex],
    pub quantities: &'a [Placed],
    pub quotes: &'a [Quote],
}

fn word_pos(tree: &Tree, i: usize) -> Option<Pos> {
    match tree.upos(i) {
        "VERB" => Some(Pos::Verb),
        "ADJ" if tree.xpos(i) == "VBN" => Some(Pos::Verb),
        "NOUN" => Some(Pos::Noun),
        _ => None,
    }
}

fn is_passive(tree: &Tree, i: usize) -> bool {
    tree.deps(i, "nsubj:pass").next().is_some()
        // "were injured" read as an adjective: the state of having been hurt.
        || predicate_adjective(tree, i)
        || tree.deps(i, "aux:pass").next().is_some()
        // A participle modifying a noun is passive ("the men detained"),
        // unless it has an object: then the tagger mistook a finite verb
        // for one ("Police detained 23 people").
        || (tree.xpos(i) == "VBN" && tree.rel(i) == "acl" && tree.deps(i, "obj").next().is_none())
        || !object_complemented(tree, i).is_empty()
}

/// An adjective predicated by a copula ("were injured", "was dead").
fn predicate_adjective(tree: &Tree, i: usize) -> bool {
    tree.upos(i) == "ADJ" && tree.deps(i, "cop").next().is_some()
}

/// Who undergoes a passive verb: its passive subject, or the subject of a participle the
/// tagger read as a predicate adjective ("students/nsubj were injured/ADJ").
fn passive_subjects(tree: &Tree, i: usize) -> Vec<usize> {
    let mut out: Vec<usize> = tree.deps(i, "nsubj:pass").collect();
    if predicate_adjective(tree, i) {
        out.extend(tree.deps(i, "nsubj"));
    }
    out
}

/// The object a bare participle complement says something of: "ordered six people
/// arrested", "wanted them released". The object is the one the participle's act is done
/// to, and the governing verb's subject only ordered or wanted it. Empty for anything else
/// ("ordered police to arrest them" has an infinitive; "was ordered released" has no object).
fn object_complemented(tree: &Tree, i: usize) -> Vec<usize> {
    // An open complement is never finite: "had the ambassador summoned" tagged VBD is the
    // participle.
    if !matches!(tree.xpos(i), "VBN" | "VBD")
        || tree.rel(i) != "xcomp"
        || tree.deps(i, "obj").next().is_some()
        || tree.children(i).iter().any(|&c| tree.base_rel(c) == "aux")
    {
        return Vec::new();
    }
    tree.head(i)
        .map(|h| tree.deps(h, "obj").filter(|&o| o < i).collect())
        .unwrap_or_default()
}

/// The one acted on, for lexicon conditions: object, passive subject, the
/// head noun of a passive participle ("the men detained"), or a noun's
/// "of" dependent.
fn patients(tree: &Tree, i: usize, pos: Pos) -> Vec<usize> {
    let mut out = Vec::new();
    match pos {
        Pos::Verb => {
            out.extend(tree.deps(i, "obj"));
            out.extend(passive_subjects(tree, i));
            out.extend(object_complemented(tree, i));
            if tree.xpos(i) == "VBN" && tree.rel(i) == "acl" {
                out.extend(tree.head(i));
            }
            if out.is_empty() {
                out.extend(shared_object(tree, i));
            }
            if out.is_empty() && tree.rel(i) == "xcomp" && tree.deps(i, "aux:pass").next().is_some()
            {
                // "the film was expected to be released": a passive complement's patient is
                // the subject of the word that governs it.
                out.extend(
                    tree.head(i)
                        .into_iter()
                        .flat_map(|h| tree.deps(h, "nsubj").chain(tree.deps(h, "nsubj:pass"))),
                );
            }
            if out.is_empty() {
                // A name straight after an active verb with no object is its
                // object, whatever the parser attached it as ("detained
                // Tomas/obl:unmarked Brenner").
                out.extend(tree.children(i).iter().copied().filter(|&c| {
                    c > i
                        && matches!(tree.rel(c), "obl:unmarked" | "obl:npmod")
                        && tree.upos(c) == "PROPN"
                        && !storyline_model::is_calendar_name(tree.text(c))
                }));
            }
            for p in &mut out {
                *p = through_relative(tree, *p);
            }
        }
        Pos::Noun => out.extend(
            tree.deps(i, "nmod")
                .filter(|&c| tree.case_of(c).as_deref() == Some("of")),
        ),
    }
    out
}

fn any_lemma(tree: &Tree, tokens: impl IntoIterator<Item = usize>, set: &[String]) -> bool {
    tokens.into_iter().any(|t| {
        let lemma = tree.lemma(t);
        set.iter().any(|w| {
            if w == "PER" {
                tree.is_person(t) || counts_unnamed_people(tree, t) || counted_others(tree, t)
            } else if w == "INST" {
                tree.is_institution(t)
            } else {
                w == lemma || *w == tree.lower(t)
            }
        })
    })
}

/// "The number held", "the total detained": a measure noun with a participle and no "of"
/// phrase counts the people the participle's act was done to, as news writes it.
fn counts_unnamed_people(tree: &Tree, t: usize) -> bool {
    matches!(tree.lemma(t), "number" | "total")
        && !tree
            .deps_exact(t, "nmod")
            .any(|m| tree.case_of(m).as_deref() == Some("of"))
        && tree
            .deps_exact(t, "acl")
            .any(|v| tree.xpos(v) == "VBN" && tree.deps(v, "obj").next().is_none())
}

/// "Two people were killed and at least 20 others were injured": "others" with a number
/// counts more of the people the passage counts.
fn counted_others(tree: &Tree, t: usize) -> bool {
    tree.lower(t) == "others"
        && tree
            .children(t)
            .iter()
            .any(|&k| tree.base_rel(k) == "nummod" || matches!(tree.lower(k), "several" | "many"))
}

fn modifiers<'a>(tree: &'a Tree<'a>, i: usize) -> impl Iterator<Item = usize> + 'a {
    tree.children(i).iter().copied().filter(move |&c| {
        matches!(
            tree.rel(c),
            "compound" | "amod" | "nmod:npmod" | "obl:npmod" | "nmod" | "advmod"
        ) && (tree.rel(c) != "nmod" || tree.case_of(c).is_none())
    })
}

/// A participant with the words that give its role: a title ("Ambassador
/// Hedda Marl", or "ambassador" tagged as its adjective), an apposition either way
/// ("Viktor Laine, the diplomat"; "the diplomat, Viktor Laine"), and for a person named
/// without one, the role the text gave the same name before. Conditions on a role ("expel
/// a diplomat") read all of them, since a name alone says nothing of the role.
fn with_roles(tree: &Tree, heads: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for t in heads {
        roles_here(tree, t, &mut out);
        // "Ecuador's foreign ministry responded by expelling Serur", after "Mexico's
        // ambassador, Raquel Serur".
        if tree.entity_label(t) == Some(EntityLabel::Per) && tree.upos(t) == "PROPN" {
            let name = tree.text(t);
            // Within the last few thousand words, so a long text stays linear.
            for k in (t.saturating_sub(3000)..t).filter(|&k| tree.text(k) == name) {
                // A name's head is its first word ("Raquel" of "Raquel Serur").
                let k = if tree.rel(k) == "flat" {
                    tree.head(k).unwrap_or(k)
                } else {
                    k
                };
                let from = out.len();
                roles_here(tree, k, &mut out);
                // The earlier name itself is no role word.
                out.remove(from);
            }
        }
    }
    out
}

/// A name's own role words where it stands (see [`with_roles`]), after the name itself.
fn roles_here(tree: &Tree, t: usize, out: &mut Vec<usize>) {
    out.push(t);
    // "tens of thousands of protesters", "dozens of activists": a number heads the
    // phrase and the people it counts hang off it, so the people's word gives the role.
    let mut number = t;
    while is_amount(tree, number) {
        let Some(counted) = tree
            .deps_exact(number, "nmod")
            .find(|&m| tree.case_of(m).as_deref() == Some("of"))
        else {
            break;
        };
        out.push(counted);
        number = counted;
    }
    let start = out.len();
    out.extend(
        tree.children(t)
            .iter()
            .copied()
            .filter(|&c| matches!(tree.rel(c), "appos" | "compound" | "amod" | "nmod:desc")),
    );
    // "Russian Ambassador Sergei Nechayev": the parser may chain a name's words as compounds
    // of one another, the title hung on the given name rather than on the head.
    let mut k = start;
    while k < out.len() {
        if tree.rel(out[k]) == "compound" && tree.upos(out[k]) == "PROPN" {
            let more: Vec<usize> = tree.deps_exact(out[k], "compound").collect();
            out.extend(more);
        }
        k += 1;
    }
    if tree.rel(t) == "appos" {
        out.extend(tree.head(t));
    } else if tree.upos(t) == "PROPN" {
        // "a diplomat, Viktor Laine, who ...": the apposition by its
        // surface form, for when the parser hung the name elsewhere.
        let mut first = t;
        while first > 0
            && tree.upos(first - 1) == "PROPN"
            && tree.sentence_of(first - 1) == tree.sentence_of(t)
        {
            first -= 1;
        }
        if first >= 2
            && tree.text(first - 1) == ","
            && tree.upos(first - 2) == "NOUN"
            && tree.sentence_of(first - 2) == tree.sentence_of(t)
        {
            out.push(first - 2);
        }
    }
}

/// A number standing as a noun: "seven", "dozens", "tens", "thousands", "a handful".
fn is_amount(tree: &Tree, t: usize) -> bool {
    tree.upos(t) == "NUM"
        || matches!(
            tree.lemma(t),
            "ten"
                | "dozen"
                | "score"
                | "hundred"
                | "thousand"
                | "million"
                | "handful"
                | "number"
                | "total"
        )
}

/// The subject of a verb, or the one it inherits when it has none: the
/// controller of an open complement ("is due to close", "ordered a
/// diplomat to leave" — the object controls) or the first verb of a
/// coordination ("recalled its envoy and closed its consulate").
pub(crate) fn subjects(tree: &Tree, i: usize) -> Vec<usize> {
    let mut v = i;
    for _ in 0..3 {
        let own: Vec<usize> = tree
            .deps(v, "nsubj")
            .map(|x| through_relative(tree, x))
            .collect();
        if !own.is_empty() {
            return own;
        }
        let Some(h) = tree.head(v) else { break };
        match tree.rel(v) {
            // "motions to release them", "a decision to expel": the noun
            // names the plan, not who carries it out.
            "acl" if tree.deps(v, "mark").any(|m| tree.lower(m) == "to") => break,
            // "a crowd gathered outside": a verb read as the noun's modifier.
            "acl" if !is_passive(tree, v) || tree.xpos(v) == "VBD" => return vec![h],
            // "ordered six people arrested": the object is who was arrested, not who arrested.
            "xcomp" if !object_complemented(tree, v).is_empty() => break,
            "xcomp" => {
                let objects: Vec<usize> = tree.deps(h, "obj").collect();
                if !objects.is_empty() {
                    return objects;
                }
            }
            "conj" => {}
            _ => break,
        }
        v = h;
    }
    Vec::new()
}

/// A game's result as one token: "18-17", "6-4", "3–1".
fn is_score(word: &str) -> bool {
    let Some((a, b)) = word.split_once(['-', '\u{2013}']) else {
        return false;
    };
    let points = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    points(a) && points(b)
}

/// Open complements of a verb, also when the parser hung a "to" clause on
/// the object instead ("ordered a diplomat to leave").
fn open_complements(tree: &Tree, i: usize) -> Vec<usize> {
    let to = |a: usize| tree.deps(a, "mark").any(|m| tree.lower(m) == "to");
    let mut out: Vec<usize> = tree.deps(i, "xcomp").collect();
    // "ordered a diplomat, the embassy's first secretary, to leave": after an apposition
    // the parser may read the complement as a clause of purpose.
    if tree.deps(i, "obj").next().is_some() {
        out.extend(tree.deps(i, "advcl").filter(|&a| to(a)));
    }
    for o in tree.deps(i, "obj") {
        // "ordered the ambassador and all embassy staff to leave": the complement may hang
        // on the last of several objects.
        for object in std::iter::once(o).chain(tree.deps_exact(o, "conj")) {
            out.extend(tree.deps(object, "acl").filter(|&a| to(a)));
        }
        // "left at least 114 people dead": an adjective after the object is the verb's
        // result read as the noun's modifier (English puts a noun's adjectives before it).
        out.extend(
            tree.deps(o, "amod")
                .filter(|&a| a > o && tree.upos(a) == "ADJ"),
        );
    }
    out
}

/// A main-clause act of saying by a body that speaks for itself, with a
/// clause saying what ("the foreign ministry said the talks would ...").
fn speech(tree: &Tree, i: usize) -> bool {
    let main = tree.head(i).is_none()
        || (tree.rel(i) == "conj" && tree.head(i).is_some_and(|h| tree.head(h).is_none()));
    main && tree.deps(i, "ccomp").next().is_some()
        && subjects(tree, i)
            .into_iter()
            .any(|s| tree.is_institution(s))
}

fn holds(tree: &Tree, i: usize, pos: Pos, c: &Condition) -> bool {
    match c {
        Condition::Obj(set) => {
            let mut p = patients(tree, i, pos);
            // "had been given fifteen years": a passive verb's second object
            // with a number, which the parser files as a bare oblique.
            if pos == Pos::Verb && tree.deps(i, "aux:pass").next().is_some() {
                p.extend(tree.deps(i, "obl:unmarked").filter(|&c| {
                    tree.upos(c) == "NOUN" && tree.deps(c, "nummod").next().is_some()
                }));
            }
            any_lemma(tree, with_roles(tree, p), set)
        }
        Condition::NoObj(set) => !any_lemma(tree, patients(tree, i, pos), set),
        Condition::Mod(set) => any_lemma(tree, modifiers(tree, i), set),
        Condition::NoMod(set) => !any_lemma(tree, modifiers(tree, i), set),
        Condition::Prt(set) => any_lemma(tree, tree.deps(i, "compound:prt"), set),
        Condition::Obl(set) => any_lemma(tree, tree.deps(i, "obl"), set),
        Condition::OblCase(set) => tree
            .deps(i, "obl")
            .any(|o| tree.case_of(o).is_some_and(|c| set.contains(&c))),
        Condition::Xcomp(set) => any_lemma(tree, open_complements(tree, i), set),
        Condition::Nmod(set) => any_lemma(tree, tree.deps(i, "nmod"), set),
        Condition::Head(set) => any_lemma(tree, tree.head(i), set),
        Condition::NoHead(set) => !any_lemma(tree, tree.head(i), set),
        Condition::Subj(set) => any_lemma(tree, with_roles(tree, subjects(tree, i)), set),
        Condition::NoSubj(set) => !any_lemma(tree, with_roles(tree, subjects(tree, i)), set),
        Condition::NoNmod(set) => !any_lemma(tree, tree.deps(i, "nmod"), set),
        Condition::NoObl(set) => !any_lemma(tree, tree.deps(i, "obl"), set),
        Condition::Has(set) => any_lemma(tree, tree.descendants(i).into_iter().take(12), set),
        Condition::NoCase(set) => !tree.case_of(i).is_some_and(|c| set.contains(&c)),
        Condition::NoDep(rels) => !rels.iter().any(|r| tree.deps(i, r).next().is_some()),
        Condition::Passive => is_passive(tree, i),
        Condition::Speech => speech(tree, i),
        // Checked once all candidates are known.
        Condition::NoOblCase(set) => !tree
            .deps(i, "obl")
            .any(|o| tree.case_of(o).is_some_and(|c| set.contains(&c))),
        Condition::NoScore => {
            let sentence = tree.doc.sentences[tree.sentence_of(i)].tokens.clone();
            !sentence.into_iter().any(|t| is_score(tree.lower(t)))
        }
        Condition::Counted => match pos {
            Pos::Verb => subjects(tree, i)
                .into_iter()
                .any(|s| counted_people(tree, s)),
            // "the deaths of six people", "the killing of 14 protesters"
            Pos::Noun => {
                has_number(tree, i)
                    || tree.deps_exact(i, "nmod").any(|n| {
                        tree.case_of(n).as_deref() == Some("of") && counted_people(tree, n)
                    })
            }
        },
        Condition::Bare | Condition::Plain | Condition::Alone => true,
    }
}

/// A nominal given a number: "32 people", "at least six protesters", "163 deaths", or a
/// number standing alone ("Six died").
fn has_number(tree: &Tree, n: usize) -> bool {
    tree.upos(n) == "NUM"
        || tree.children(n).iter().any(|&c| {
            tree.base_rel(c) == "nummod" || tree.upos(c) == "NUM" && tree.rel(c) == "amod"
        })
}

/// People given a number: "32 people", "six" standing for people, "dozens of protesters".
fn counted_people(tree: &Tree, n: usize) -> bool {
    if has_number(tree, n) && tree.is_person(n) {
        return true;
    }
    matches!(
        tree.lemma(n),
        "dozen" | "dozens" | "score" | "scores" | "hundred" | "hundreds" | "thousand" | "thousands"
    ) && tree.deps_exact(n, "nmod").any(|m| tree.is_person(m))
}

/// The trigger's span: the word, plus a particle ("rounded up") or the
/// modifier a sense needed ("hunger strike").
fn trigger_span(tree: &Tree, i: usize, sense: &Sense) -> Span {
    let toks = &tree.doc.tokens;
    let mut span = toks[i].span;
    let mut widen = |t: usize| {
        let s = toks[t].span;
        // Only adjacent words, so the span never swallows unrelated text.
        if t + 1 == i || t == i + 1 {
            span = Span::new(span.start.min(s.start), span.end.max(s.end));
        }
    };
    for c in &sense.conditions {
        match c {
            Condition::Prt(set) => {
                for p in tree.deps(i, "compound:prt") {
                    if any_lemma(tree, [p], set) {
                        widen(p);
                    }
                }
            }
            Condition::Mod(set) => {
                for m in modifiers(tree, i).collect::<Vec<_>>() {
                    if any_lemma(tree, [m], set) {
                        widen(m);
                    }
                }
            }
            _ => {}
        }
    }
    span
}

fn candidates<'l>(
    tree: &Tree,
    lexicon: &'l Lexicon,
    sentence: usize,
    timexes: &[Timex],
) -> Vec<Candidate<'l>> {
    let range = tree.doc.sentences[sentence].tokens.clone();
    let mut out: Vec<Candidate> = Vec::new();
    for i in range {
        if tree.rel(i).is_empty() {
            // An unparsed sentence: the annotator skipped it as event-free.
            return Vec::new();
        }
        // A word inside a time expression is a date ("in March", "May 12"),
        // never an event, whatever the tagger says.
        let at = tree.doc.tokens[i].span;
        if timexes
            .iter()
            .any(|t| t.span.start <= at.start && at.end <= t.span.end)
        {
            continue;
        }
        // "chargé d'affaires", often written without its accent, is a diplomat's rank.
        let next_word = tree.doc.text[at.end..].trim_start();
        if ["d'", "d\u{2019}"].iter().any(|d| next_word.starts_with(d)) {
            continue;
        }
        // Title-case headlines ("Court Convicts Friend of Suspect") make the
        // tagger call event words proper nouns; outside a name, try them as
        // a noun and then as a verb.
        let tries: &[Pos] = match word_pos(tree, i) {
            Some(Pos::Verb) => &[Pos::Verb],
            Some(Pos::Noun) => &[Pos::Noun],
            // A noun modifier ("Riot police") is no verb.
            None if tree.upos(i) == "PROPN" && tree.entity_at(i).is_none() => {
                if tree.rel(i) == "compound" {
                    &[Pos::Noun]
                } else {
                    &[Pos::Noun, Pos::Verb]
                }
            }
            None => &[],
        };
        // A gerund used as a noun ("an unauthorised gathering") is tried
        // as the noun it is.
        let nominal_gerund = tree.xpos(i) == "VBG"
            && tree
                .children(i)
                .iter()
                .any(|&c| matches!(tree.rel(c), "det" | "amod" | "case" | "nmod:poss"));
        // "students were injured": a participle the tagger read as a predicate adjective.
        // "stoned", "burned": a past form the lemmatizer did not lead back to its verb
        // ("ston", "burned").
        let participle_verb = (tries.is_empty() && predicate_adjective(tree, i))
            .then(|| lexicon.verb_of_participle(tree.lower(i)))
            .flatten()
            .or_else(|| {
                (tries == [Pos::Verb] && lexicon.senses(tree.lemma(i), Pos::Verb).is_empty())
                    .then(|| lexicon.verb_of_participle(tree.lower(i)))
                    .flatten()
            });
        let tries: &[Pos] = if participle_verb.is_some() {
            &[Pos::Verb]
        } else {
            tries
        };
        let found = tries.iter().find_map(|&pos| {
            let lemma = if let Some(verb) = &participle_verb {
                verb.as_str()
            } else if nominal_gerund && pos == Pos::Verb {
                tree.lower(i)
            } else {
                tree.lemma(i)
            };
            let pos = if nominal_gerund { Pos::Noun } else { pos };
            lexicon
                .senses(lemma, pos)
                .iter()
                .find(|s| s.conditions.iter().all(|c| holds(tree, i, pos, c)))
                .map(|s| (pos, s))
        });
        if let Some((pos, sense)) = found {
            out.push(Candidate {
                token: i,
                pos,
                sense,
                span: trigger_span(tree, i, sense),
            });
        }
    }
    // The charge of a legal step is not an event of its own: in "charged
    // with espionage" or "accused of spying" the noun names the offence.
    let legal: Vec<usize> = out
        .iter()
        .filter(|c| {
            matches!(
                c.sense.kind,
                EventType::Charge
                    | EventType::Conviction
                    | EventType::Accusation
                    | EventType::Arrest
                    | EventType::Trial
            )
        })
        .map(|c| c.token)
        .collect();
    out.retain(|c| {
        c.pos != Pos::Noun
            || !tree.head(c.token).is_some_and(|h| {
                let via = tree.head(h).filter(|_| matches!(tree.upos(h), "ADJ"));
                (legal.contains(&h) || via.is_some_and(|v| legal.contains(&v)))
                    && tree
                        .case_of(c.token)
                        .is_some_and(|k| matches!(k.as_str(), "of" | "with" | "for" | "on"))
            })
    });
    let tokens: Vec<usize> = out.iter().map(|c| c.token).collect();
    out.retain(|c| {
        let has = |k: &Condition| c.sense.conditions.contains(k);
        let mut others = tokens.iter().copied().filter(|&t| t != c.token);
        if has(&Condition::Bare) && others.clone().any(|t| tree.dominates(c.token, t)) {
            return false;
        }
        if has(&Condition::Alone) && others.next().is_some() {
            return false;
        }
        // What is said is itself an event: the saying is its attribution.
        // A demand ("the authorities must release them") is no event yet,
        // so the saying stays a statement.
        let demanded = |x: usize| {
            tree.deps(x, "aux")
                .any(|a| matches!(tree.lemma(a), "must" | "should" | "ought"))
        };
        // Only when all that is said is events: "said the storming was unacceptable and that
        // the envoy would be summoned" also gives a view, so it stays a statement.
        let said: Vec<usize> = tree
            .deps(c.token, "ccomp")
            .flat_map(|x| tree.with_conjuncts(x))
            .collect();
        if has(&Condition::Plain)
            && !said.is_empty()
            && said.iter().all(|x| tokens.contains(x) && !demanded(*x))
        {
            return false;
        }
        true
    });
    out
}

/// The predicate that carries a noun trigger ("launched" in "launched an
/// attack", "present" in "were present at the rally"), when the noun is its
/// object, subject or oblique.
fn support_verb(tree: &Tree, c: &Candidate) -> Option<usize> {
    support(tree, c).map(|(h, _)| h)
}

/// [`support_verb`] with the relation of the noun to it. A noun that only
/// frames the event ("at the height of the protest") stands in for it.
fn support<'t>(tree: &'t Tree, c: &Candidate) -> Option<(usize, &'t str)> {
    if c.pos != Pos::Noun {
        return None;
    }
    let mut n = c.token;
    if let Some(frame) = tree
        .head(n)
        .filter(|&h| tree.base_rel(n) == "nmod" && EVENT_FRAME_NOUNS.contains(&tree.lemma(h)))
    {
        n = frame;
    }
    let h = tree.head(n)?;
    let rel = tree.base_rel(n);
    let predicate = match tree.upos(h) {
        "VERB" => true,
        // "were present at", "were active in": an adjective with its copula.
        "ADJ" => tree.deps_exact(h, "cop").next().is_some(),
        _ => false,
    };
    // "chanting slogans from the 2019 protests", "arrested after the protest": an oblique
    // brought in by a preposition of source or sequence names another happening, which the
    // verb's subject did not carry out.
    let other_happening = rel == "obl"
        && tree.case_of(n).is_some_and(|c| {
            matches!(
                c.as_str(),
                "from" | "since" | "after" | "before" | "following" | "until" | "despite"
            )
        });
    (predicate && !other_happening && matches!(rel, "obj" | "nsubj" | "obl" | "xcomp"))
        .then_some((h, rel))
}

/// Who is held, and by whom, when a custody noun names a state someone is put in or kept
/// in: "was placed under house arrest" (the passive subject), "soldiers took them into
/// custody" (the object; the subject put them there), "Bongo, who remains under house
/// arrest" (the subject of a verb without an object). Only a bare state noun counts: "in
/// the arrest" or "under the raid" name a happening, and then the verb's participants are
/// not its captives.
fn held_in_state(tree: &Tree, c: &Candidate) -> Option<(Vec<usize>, Vec<usize>)> {
    if c.pos != Pos::Noun || !matches!(c.sense.kind, EventType::Arrest | EventType::Abduction) {
        return None;
    }
    let (v, rel) = support(tree, c)?;
    let n = c.token;
    let state = rel == "obl"
        && matches!(tree.case_of(n).as_deref(), Some("under" | "in" | "into"))
        && tree.deps(n, "det").next().is_none()
        && tree.deps(n, "nmod:poss").next().is_none();
    if !state || tree.upos(v) != "VERB" {
        return None;
    }
    let lemma = tree.lemma(v);
    let placing = PLACING_IN_CUSTODY.contains(&lemma);
    if is_passive(tree, v) {
        return placing.then(|| (passive_subjects(tree, v), Vec::new()));
    }
    let objects: Vec<usize> = tree.deps(v, "obj").collect();
    if placing && !objects.is_empty() {
        return Some((objects, tree.deps_exact(v, "nsubj").collect()));
    }
    (objects.is_empty() && STAYING_IN_CUSTODY.contains(&lemma))
        .then(|| (tree.deps_exact(v, "nsubj").collect(), Vec::new()))
}

/// Verbs that put or keep someone in a state of custody: their object (or passive subject)
/// is the captive. "Establish an inquiry into ill-treatment in custody" puts no one there.
const PLACING_IN_CUSTODY: &[&str] = &[
    "place", "put", "take", "keep", "hold", "confine", "remand", "send", "return", "transfer",
    "move", "detain", "lock", "throw", "arrest",
];

/// Verbs whose subject is in the state: "remains under house arrest", "died in custody".
const STAYING_IN_CUSTODY: &[&str] = &["remain", "stay", "be", "languish", "die", "sit", "spend"];

/// Nouns that frame a stretch of an event rather than name another one.
const EVENT_FRAME_NOUNS: &[&str] = &["peak", "height", "start", "end", "middle", "climax"];

/// The object coordinated verbs share: "withdrew or expelled diplomats"
/// attaches "diplomats" to one verb only.
fn shared_object(tree: &Tree, i: usize) -> Vec<usize> {
    if tree.rel(i) == "conj" {
        if let Some(h) = tree.head(i) {
            let objects: Vec<usize> = tree.deps(h, "obj").filter(|&o| o > i).collect();
            if !objects.is_empty() {
                return objects;
            }
        }
    }
    // "raided and searched homes" shares the object; "gathered, and some of them hurled
    // stones" does not: a conjunct with a subject of its own is a clause of its own.
    tree.deps_exact(i, "conj")
        .filter(|&c| matches!(tree.upos(c), "VERB") && tree.deps(c, "nsubj").next().is_none())
        .flat_map(|c| tree.deps(c, "obj").collect::<Vec<_>>())
        .filter(|&o| o > i)
        .take(1)
        .collect()
}

/// Relative pronouns stand for the noun their clause modifies; when that noun only describes
/// a name before it ("Cheikh Tidiane Sarr, a member of the party's bureau, who has been held
/// since 5 June"), for the name.
fn through_relative(tree: &Tree, i: usize) -> usize {
    if matches!(tree.lower(i), "who" | "whom" | "which" | "that") {
        if let Some(v) = tree.head(i) {
            if tree.rel(v) == "acl:relcl" {
                if let Some(n) = tree.head(v) {
                    let named = tree
                        .head(n)
                        .filter(|&h| tree.rel(n) == "appos" && tree.upos(h) == "PROPN");
                    return named.unwrap_or(n);
                }
            }
        }
    }
    i
}

fn expand(tree: &Tree, heads: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for h in heads {
        for x in tree.with_conjuncts(through_relative(tree, h)) {
            // A stretch of time ("a day after ...", "a week") is never a
            // participant, whatever the parser made of it.
            if !out.contains(&x)
                && tree.upos(x) != "VERB"
                && !tree.in_dateline(x)
                && !is_time_unit(tree, x)
            {
                out.push(x);
            }
        }
    }
    out
}

/// The agent and target heads of a candidate; `others` are the sentence's
/// triggers (token, type).
fn roles(tree: &Tree, c: &Candidate, others: &[(usize, EventType)]) -> (Vec<usize>, Vec<usize>) {
    let i = c.token;
    let kind = c.sense.kind;
    let mut agents = Vec::new();
    let mut targets = Vec::new();
    // "by the newspaper's count", "by official estimates" say whose figure it is, not who
    // did it.
    let by = |x: usize| {
        tree.deps(x, "obl")
            .filter(|&o| tree.case_of(o).as_deref() == Some("by") || tree.rel(o) == "obl:agent")
            .filter(|&o| {
                !matches!(
                    tree.lemma(o),
                    "count" | "tally" | "estimate" | "account" | "reckoning"
                )
            })
            .collect::<Vec<_>>()
    };
    match c.pos {
        Pos::Verb => {
            let intransitive = matches!(kind, EventType::Protest | EventType::HungerStrike);
            if is_passive(tree, i) {
                targets.extend(passive_subjects(tree, i));
                targets.extend(object_complemented(tree, i));
                // "the men detained", but not "a statement that ... had been detained": a
                // clause with its own subject or a "that" only says what the noun says.
                let content_clause =
                    !targets.is_empty() || tree.deps_exact(i, "mark").next().is_some();
                if tree.rel(i) == "acl" && !content_clause {
                    // "the men detained", but "protesters marched" mis-tagged
                    // as a participle: an intransitive event's noun is its actor.
                    if intransitive {
                        agents.extend(tree.head(i));
                    } else {
                        targets.extend(tree.head(i));
                    }
                }
                agents.extend(by(i));
            } else if kind == EventType::Conviction && SENTENCE_RECEIVING.contains(&tree.lemma(i)) {
                // "Vagifgizi received nine years": who receives or serves a sentence is
                // the one sentenced.
                targets.extend(tree.deps_exact(i, "nsubj"));
            } else {
                agents.extend(tree.deps_exact(i, "nsubj"));
                targets.extend(tree.deps(i, "obj"));
                // "gave him fifteen years": the one the act is done to is
                // the indirect object, the thing given is no participant.
                let recipients: Vec<usize> = tree.deps(i, "iobj").collect();
                if !recipients.is_empty() && !targets.iter().any(|&t| tree.is_person(t)) {
                    targets = recipients;
                }
                if tree.rel(i) == "acl" && !tree.deps(i, "mark").any(|m| tree.lower(m) == "to") {
                    // "police arresting protesters", but not "motions to
                    // release them".
                    agents.extend(tree.head(i));
                }
                if targets.is_empty() {
                    targets.extend(shared_object(tree, i));
                }
            }
            if agents.is_empty() && targets.is_empty() || agents.is_empty() {
                // Shared or controlled subjects: "raided homes and arrested
                // seven", "moved to arrest", "is due to close"; who does an
                // act does its means ("responded by summoning the envoy").
                let means = tree.base_rel(i) == "advcl"
                    && tree.deps(i, "mark").any(|m| tree.lower(m) == "by");
                // Who ordered the men arrested did not arrest them.
                let ordered = !object_complemented(tree, i).is_empty();
                if (matches!(tree.base_rel(i), "xcomp" | "conj") || means) && !ordered {
                    if let Some(h) = tree.head(i) {
                        let controller = tree.upos(h) == "VERB"
                            || tree.upos(h) == "ADJ" && tree.base_rel(i) == "xcomp";
                        if controller {
                            if is_passive(tree, h) && tree.base_rel(i) == "conj" {
                                if targets.is_empty() {
                                    targets.extend(tree.deps(h, "nsubj:pass"));
                                }
                            } else {
                                agents.extend(tree.deps_exact(h, "nsubj"));
                            }
                        }
                    }
                }
            }
            // "32 people died": who dies is the victim; no one is said to have killed them.
            if tree.lemma(i) == "die" {
                targets.append(&mut agents);
            }
            // "the consulate closed": a verb that closes or opens without
            // an object has the thing closed as its subject.
            if ERGATIVE_VERBS.contains(&tree.lemma(i)) && targets.is_empty() {
                let actor = |a: usize| {
                    tree.is_person(a)
                        || tree.is_pronoun(a)
                        || matches!(
                            tree.entity_label(a),
                            Some(EntityLabel::Org | EntityLabel::Loc)
                        )
                };
                let (actors, things): (Vec<usize>, Vec<usize>) =
                    agents.iter().partition(|&&a| actor(a));
                targets = things;
                agents = actors;
            }
            if kind == EventType::Meeting {
                targets.extend(
                    tree.deps(i, "obl")
                        .filter(|&o| tree.case_of(o).as_deref() == Some("with")),
                );
            }
            if kind == EventType::Attack && names_weapon(c.sense) {
                // "threw stones at the embassy", "opened fire on protesters": the sense is
                // an attack because of what the object is, so the object is the weapon and
                // the one attacked is where it was aimed.
                let aimed = |o: &usize| {
                    matches!(
                        tree.case_of(*o).as_deref(),
                        Some(
                            "at" | "on" | "upon" | "against" | "into" | "to" | "toward" | "towards"
                        )
                    )
                };
                let weapons: Vec<usize> = tree.deps(i, "obj").collect();
                targets = tree.deps(i, "obl").filter(aimed).collect();
                // The phrase may hang from the weapon in the parse ("stones at the gates").
                for w in weapons {
                    targets.extend(tree.deps(w, "nmod").filter(aimed));
                }
                // Or from the first conjunct when it follows this one ("gathered ... and
                // hurled stones at the gates"): the nearer verb is the likelier host.
                if targets.is_empty() && tree.base_rel(i) == "conj" {
                    if let Some(h) = tree.head(i) {
                        targets.extend(tree.deps(h, "obl").filter(|o| *o > i && aimed(o)));
                    }
                }
            }
            // "fired on protesters", "a driver ploughed into a group of students": a sense
            // that is an attack because of the phrase it takes has its target there.
            if kind == EventType::Attack && targets.is_empty() {
                let taken_by_sense = |case: &str| {
                    c.sense.conditions.iter().any(|k| match k {
                        Condition::OblCase(set) => set.iter().any(|w| w == case),
                        _ => false,
                    })
                };
                targets = tree
                    .deps(i, "obl")
                    .filter(|&o| tree.case_of(o).is_some_and(|k| taken_by_sense(&k)))
                    .collect();
            }
        }
        Pos::Noun => {
            for n in tree.deps(i, "nmod") {
                match tree.case_of(n).as_deref() {
                    Some("of") if patient_first(kind) => targets.push(n),
                    Some("of") | Some("between") | Some("among") => agents.push(n),
                    Some("on") | Some("against") | Some("upon") if kind != EventType::Meeting => {
                        targets.push(n)
                    }
                    Some("with") if kind == EventType::Meeting => targets.push(n),
                    Some("by") => agents.push(n),
                    _ => {}
                }
            }
            // "the sentences handed down to seven journalists by the court", "the fines
            // imposed on the outlet": a participle on the noun says to whom and by whom.
            for v in tree.deps_exact(i, "acl").filter(|&v| tree.xpos(v) == "VBN") {
                for o in tree.children(v).to_vec() {
                    if tree.rel(o) == "obl:agent" {
                        agents.push(o);
                        continue;
                    }
                    if tree.base_rel(o) != "obl" {
                        continue;
                    }
                    match tree.case_of(o).as_deref() {
                        Some("to" | "on" | "upon" | "against") => targets.push(o),
                        Some("by") => agents.push(o),
                        _ => {}
                    }
                }
            }
            for p in tree.deps(i, "nmod:poss") {
                if patient_first(kind) && !matches!(kind, EventType::Attack | EventType::Raid) {
                    targets.push(p);
                } else {
                    agents.push(p);
                }
            }
            for m in tree.deps_exact(i, "compound") {
                if matches!(
                    tree.entity_label(m),
                    Some(EntityLabel::Org) | Some(EntityLabel::Per)
                ) || matches!(tree.lemma(m), "police" | "army" | "military" | "security")
                {
                    agents.push(m);
                }
            }
            // A noun predicate's own subject: "six suspects were in
            // custody" (the ones held), "she is on hunger strike" (the one
            // striking).
            let own_subjects: Vec<usize> = tree.deps(i, "nsubj").collect();
            if patient_first(kind) {
                if targets.is_empty() {
                    targets.extend(own_subjects);
                }
            } else if agents.is_empty() {
                agents.extend(own_subjects);
            }
            if agents.is_empty() {
                if let Some((v, rel)) = support(tree, c) {
                    // "launched an attack"; for what people do themselves
                    // also "went on hunger strike", "took part in a rally".
                    let carried = rel == "obj" || (!patient_first(kind) && rel == "obl");
                    let lemma = tree.lemma(v);
                    // A predicate that is an event of another kind has its own
                    // actor: "police detained dozens at a rally".
                    let other_event = others.iter().any(|&(t, k)| {
                        t == v && taxonomy::contract_type(k) != taxonomy::contract_type(kind)
                    });
                    if !REPORTING.contains(&lemma)
                        && !ONLOOKING.contains(&lemma)
                        && carried
                        && !other_event
                    {
                        agents.extend(tree.deps_exact(v, "nsubj"));
                        agents.extend(by(v));
                    }
                }
            }
        }
    }
    // A nominal's own head noun is not its participant ("the detention"), nor is the figure
    // that counts the people ("the number held").
    agents.retain(|&a| a != i);
    targets.retain(|&t| t != i && !counts_unnamed_people(tree, t));
    let (mut agents, mut targets) = (expand(tree, agents), expand(tree, targets));
    if targets.is_empty() {
        if let Some((held, by_whom)) = held_in_state(tree, c) {
            targets = expand(tree, held);
            if agents.is_empty() {
                agents = expand(tree, by_whom);
            }
        }
    }
    (agents, targets)
}

/// Does this sense need its object to be a thing (not a person)? Then the object is what
/// the act is done with ("threw stones", "fired rockets"), not whom it is done to.
fn names_weapon(sense: &Sense) -> bool {
    sense.conditions.iter().any(|c| match c {
        Condition::Obj(words) => !words.iter().any(|w| w == "PER" || w == "INST"),
        _ => false,
    })
}

/// The names of an event's parties (`heads`: agents, or targets when `acted_on`), pronouns
/// resolved where the text allows it:
/// - inside a quote with a known speaker, "I", "we", "me" and "us" are the speaker ("\"We
///   detained twelve men,\" the police chief said"), and "he", "him" or "they" are someone
///   else, so they stay as written when they would resolve to the speaker;
/// - "they" and "them" acted on stay as they are: people are arrested, charged and freed, and
///   the nearest organisation or place before them ("... told BBC News ... detain them") is
///   rarely whom they stand for.
fn parties(ctx: &Context, c: &Candidate, heads: &[usize], acted_on: bool) -> Vec<Argument> {
    let tree = ctx.tree;
    let at = tree.doc.tokens[c.token].span;
    let speaker = ctx
        .quotes
        .iter()
        .find(|q| q.span.start <= at.start && at.end <= q.span.end)
        .and_then(|q| q.speaker.as_ref());
    let mut out: Vec<Argument> = Vec::new();
    let speaker_role = c.sense.kind == EventType::Statement && !acted_on;
    for &h in heads {
        // "the Kremlin spokesman, Dmitry Peskov, said": a statement is the person's the
        // role is given to; another outlet names him without it.
        let h = if speaker_role && tree.upos(h) == "NOUN" {
            tree.deps_exact(h, "appos")
                .find(|&a| tree.upos(a) == "PROPN" && tree.is_person(a))
                .unwrap_or(h)
        } else {
            h
        };
        let as_written = || tree.argument(tree.phrase(h));
        let arg = if !tree.is_pronoun(h) {
            quotes::name_of(tree, h)
        } else {
            match (tree.lower(h), speaker) {
                (word, Some(s)) if is_first_person(word) => s.clone(),
                ("they" | "them", _) if acted_on => as_written(),
                (_, Some(s)) => {
                    let named = quotes::name_of(tree, h);
                    // The speaker's phrase may stop before an apposition ("His lawyer" of
                    // "His lawyer Ana Voss"): next to it counts as it.
                    let (first, second) = if named.span.start < s.span.start {
                        (named.span, s.span)
                    } else {
                        (s.span, named.span)
                    };
                    let touching = second.start <= first.end
                        || tree
                            .doc
                            .text
                            .get(first.end..second.start)
                            .is_some_and(|gap| gap.trim_matches([' ', ',']).is_empty());
                    if touching {
                        as_written()
                    } else {
                        named
                    }
                }
                _ => quotes::name_of(tree, h),
            }
        };
        if !out.iter().any(|a| a.span == arg.span) {
            out.push(arg);
        }
    }
    out
}

/// Whether the path from `from` up to `to` stays inside one clause.
fn same_clause(tree: &Tree, from: usize, to: usize) -> bool {
    let mut at = from;
    for _ in 0..tree.len() {
        if at == to {
            return true;
        }
        if matches!(
            tree.base_rel(at),
            "ccomp" | "parataxis" | "advcl" | "csubj" | "root"
        ) || tree.rel(at) == "acl:relcl"
            || (tree.base_rel(at) == "conj" && has_modal(tree, at))
        {
            return false;
        }
        match tree.head(at) {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// Whether a verb has a modal of its own: a conjunct so marked ("had been charged ... and
/// would appear in court on Saturday") tells of another step, at a time of its own.
/// Read off the tag, as [`told_as_news`] reads it.
fn has_modal(tree: &Tree, verb: usize) -> bool {
    tree.deps(verb, "aux").any(|x| tree.xpos(x) == "MD")
}

/// The token that heads the clause `x` belongs to.
fn clause_of(tree: &Tree, x: usize) -> usize {
    let mut at = x;
    for _ in 0..tree.len() {
        // A predicate adjective ("the protests turned violent on the night of April 30") is
        // part of its verb's clause; an open clause with a verb of its own ("tried to storm")
        // is a clause.
        let open_clause = tree.base_rel(at) == "xcomp" && tree.upos(at) != "ADJ";
        let boundary = open_clause
            || matches!(
                tree.base_rel(at),
                "ccomp" | "parataxis" | "advcl" | "csubj" | "root"
            )
            || tree.rel(at) == "acl:relcl"
            || (tree.base_rel(at) == "conj" && matches!(tree.upos(at), "VERB" | "AUX"));
        if boundary {
            return at;
        }
        match tree.head(at) {
            Some(h) => at = h,
            None => return at,
        }
    }
    at
}

fn date_of(ctx: &Context, c: &Candidate) -> Option<EventDate> {
    let tree = ctx.tree;
    let i = c.token;
    let support = support_verb(tree, c);
    let sentence = tree.doc.sentences[tree.sentence_of(i)].span;
    let mut governed = None;
    // A date hung on the trigger itself.
    let mut direct = None;
    // A date on the verb that carries a noun trigger ("held a rally on Monday") counts after
    // one on the noun itself ("destroyed the rig on Monday in retaliation for an attack last
    // Friday"); so does one the parser only conjoined to the trigger.
    let mut on_support = None;
    let mut after_noun = None;
    let mut in_clause = None;
    // Where a noun trigger's phrase ends ("an attack on a ship|"), for a date written right
    // after it that the parser hung elsewhere.
    let noun_phrase_end = (c.pos == Pos::Noun).then(|| tree.doc.tokens[tree.subtree(i).1].span.end);
    let mut shared = None;
    let clause_head = support.unwrap_or(i);
    // The act a "by" clause is the means of ("responded by summoning").
    let means = {
        let by = tree
            .children(clause_head)
            .iter()
            .any(|&m| tree.base_rel(m) == "mark" && tree.lower(m) == "by");
        if tree.base_rel(clause_head) == "advcl" && by {
            tree.head(clause_head)
        } else {
            None
        }
    };
    // "the deaths occurred on June 25, when police fired live ammunition": a clause opened by
    // "when" or "while" happens at the time of what it modifies (the verb, or the date itself);
    // so does one opened by "where" on the happening it took place at ("last weekend's protest,
    // where police detained 23").
    let simultaneous_with = {
        let clause = clause_of(tree, clause_head);
        let opener = tree.children(clause).iter().copied().find(|&m| {
            matches!(tree.base_rel(m), "advmod" | "mark")
                && m < clause
                && matches!(tree.lower(m), "when" | "while" | "where")
        });
        match opener {
            Some(w) if matches!(tree.base_rel(clause), "advcl" | "acl") => {
                if tree.lower(w) == "where" {
                    // What "where" points back to is the noun just before it, whatever the
                    // parser hung the clause on, above the names and dates that modify it
                    // ("the protest in Velmora, where", "the rally on Saturday, where").
                    (tree.doc.sentences[tree.sentence_of(i)].tokens.start..w)
                        .rev()
                        .find(|&k| tree.upos(k) != "PUNCT")
                        .map(|mut k| {
                            while let Some(h) = tree.head(k).filter(|&h| {
                                h < k
                                    && matches!(tree.upos(k), "PROPN" | "NUM")
                                    && matches!(tree.base_rel(k), "nmod" | "obl" | "appos" | "flat")
                            }) {
                                k = h;
                            }
                            k
                        })
                } else {
                    tree.head(clause)
                }
            }
            _ => None,
        }
    };
    let mut simultaneous = None;
    let ordered = ordered_phrase(tree, i);
    for t in ctx.timexes {
        if t.span.start < sentence.start || t.span.end > sentence.end {
            continue;
        }
        if !matches!(t.kind, TimexType::Date | TimexType::Time) || t.interval.is_none() {
            continue;
        }
        // A dateline's date is the filing date, not the event's.
        if tree
            .token_at(t.span.start)
            .is_some_and(|k| tree.in_dateline(k))
        {
            continue;
        }
        let Some(mut th) = tree.head_of(tree.tokens_in(t.span)) else {
            continue;
        };
        if ordered.is_some_and(|(lo, hi)| th < lo || th > hi) {
            continue;
        }
        // "11 current and former staff", "the current government": an adjective describes
        // its noun, not when the act happened.
        if tree.base_rel(th) == "amod" {
            continue;
        }
        // "in the early hours of 3 March", "at the end of May": the date
        // hangs on a noun that only frames it, and the phrase as a whole
        // attaches where the date would.
        while let Some(frame) = tree.head(th).filter(|&h| {
            tree.rel(th).starts_with("nmod")
                && (TIME_FRAME_NOUNS.contains(&tree.lemma(h))
                    || TIME_UNIT_NOUNS.contains(&tree.lemma(h)))
        }) {
            th = frame;
        }
        let attach = tree.head(th);
        // "The march followed last Friday's burning": a possessive date is its noun's, unless
        // that noun is where the trigger happened ("detained in Monday's raids").
        if let Some(noun) = attach.filter(|&a| {
            a != i
                && tree.rel(th) == "nmod:poss"
                && (matches!(tree.upos(a), "NOUN" | "PROPN") || tree.xpos(a) == "VBG")
        }) {
            let setting = tree
                .head(noun)
                .is_some_and(|h| h == i || Some(h) == support)
                && matches!(tree.case_of(noun).as_deref(), Some("in" | "during" | "at"));
            if !setting && simultaneous_with != Some(noun) {
                continue;
            }
        }
        // "over remarks about Ecuador's 2023 election", "under the 2022 law": a year written
        // before another noun names that thing, not when the trigger happened.
        if attach.is_some_and(|a| a != i && matches!(tree.upos(a), "NOUN" | "PROPN"))
            && matches!(tree.rel(th), "nummod" | "compound")
            && t.precision == Some(Precision::Year)
        {
            continue;
        }
        if simultaneous_with.is_some_and(|w| attach == Some(w) || th == w) {
            simultaneous.get_or_insert(t);
        }
        let own = attach == Some(i) || (tree.dominates(i, th) && same_clause(tree, th, i));
        if attach == Some(i) && tree.base_rel(th) != "conj" {
            direct.get_or_insert(t);
        }
        if own && tree.base_rel(th) != "conj" {
            governed.get_or_insert(t);
        } else if noun_phrase_end.is_some_and(|end| {
            tree.doc
                .text
                .get(end..t.span.start)
                .is_some_and(|gap| gap.trim().is_empty())
        }) {
            // "in retaliation for an attack on a ship last Friday", with "last Friday" on
            // the verb: the date that closes the noun's phrase is the noun's, above another
            // date of the clause ("destroyed the platform on Monday").
            after_noun.get_or_insert(t);
        } else if own || (attach.is_some() && attach == support) {
            // A date conjoined to the noun is often the parser's guess ("an indictment ...
            // between 2022 and this year").
            on_support.get_or_insert(t);
        } else if clause_of(tree, th) == clause_of(tree, clause_head) {
            // Same clause, whatever the attachment ("a court on Monday
            // ordered the release", with "on Monday" parsed onto "court").
            in_clause.get_or_insert(t);
        } else if attach.is_none() && opens_sentence(tree, th) {
            // A date that opens the sentence and that the parser took for its root ("On 14
            // May, as parliament adopted the law, police detained ..."): the parse lost the
            // clause it dates, and an opening date dates the sentence's main happening.
            in_clause.get_or_insert(t);
        } else if let Some(a) = attach {
            // Attached to the clause the trigger belongs to.
            if tree.dominates(a, clause_head) && same_clause(tree, clause_head, a) {
                in_clause.get_or_insert(t);
            } else if tree.rel(a) == "conj"
                && tree.head(a) == Some(clause_head)
                && t.span.start > tree.doc.tokens[a].span.start
                // "had been charged ... and would appear in court on Saturday": a conjunct
                // with a modal of its own tells of a later step, whose day is its own.
                && !has_modal(tree, a)
                || tree.rel(clause_head) == "conj"
                    && [Some(a), Some(clause_of(tree, th))].contains(&tree.head(clause_head))
                    && t.span.end <= tree.doc.tokens[clause_head].span.start
            {
                // Coordinated verbs share a date written before the second
                // ("on Monday police raided homes and detained twelve") or
                // after the last ("raided homes and detained twelve on
                // Monday"); one written inside the second conjunct is its
                // own ("gave a figure, and on Tuesday it said ...").
                shared.get_or_insert(t);
            }
        }
        if means.is_some() && attach == means {
            // "responded on Wednesday by summoning the ambassador": the
            // means is the act itself, done when the act was.
            in_clause.get_or_insert(t);
        }
        if fronted(tree, t.span, sentence) && in_main_clause(tree, clause_head) {
            // "In July, police detained three men": a date that opens the
            // sentence frames its main clause, however the parser hung it.
            in_clause.get_or_insert(t);
        }
    }
    if governed.is_none() && on_support.is_none() {
        if let Some(after) = relative_clause_date(ctx, i) {
            return after;
        }
    }
    let t = if told_as_earlier(tree, i) {
        // "in retaliation for an earlier attack on a ship", "two others were earlier charged
        // and a third was charged yesterday": the clause's date is another act's; this one
        // keeps only a date of its own: on a verb, one hung on it (a date under a verb
        // coordinated with it is that verb's).
        let own_date = if c.pos == Pos::Noun { governed } else { direct };
        own_date.or(after_noun)?
    } else {
        governed
            .or(after_noun)
            .or(on_support)
            .or(in_clause)
            .or(shared)
            .or(simultaneous)
            // What an "after" or "before" phrase tells did not happen on the day it was told of.
            .or_else(|| reported_on(ctx, support.unwrap_or(i)).filter(|_| ordered.is_none()))?
    };
    let EventDate {
        start,
        mut end,
        mut precision,
        span,
    } = event_date(t)?;
    // "in custody since Wednesday, when officers detained him": the state runs from that
    // day on, and what the "when" clause tells happened on the day itself.
    let at_the_start_of_a_state = simultaneous.is_some_and(|s| std::ptr::eq(s, t));
    match t.signal.as_ref().map(|s| s.kind) {
        // An ongoing state runs from its start to the time of writing.
        Some(SignalKind::Since) if !at_the_start_of_a_state => {
            if let Some(dct) = ctx.dct.filter(|&d| d > end) {
                end = dct;
                precision = DatePrecision::Range;
            }
        }
        // "between 2022 and 2025": the span runs to the second bound.
        Some(SignalKind::Between) => {
            let second = ctx.timexes.iter().find(|u| {
                u.span.start > t.span.end
                    && u.span.start <= t.span.end + 6
                    && tree.doc.text[t.span.end..u.span.start].trim() == "and"
            });
            if let Some(last) = second.and_then(|u| u.interval) {
                if last.end > end {
                    end = last.end;
                    precision = DatePrecision::Range;
                }
            }
        }
        _ => {}
    }
    Some(EventDate {
        start,
        end,
        precision,
        span,
    })
}

/// Whether `k` is the first word of its sentence, or the second after a preposition ("On 14
/// May, ...").
fn opens_sentence(tree: &Tree, k: usize) -> bool {
    let start = tree.doc.sentences[tree.sentence_of(k)].tokens.start;
    (start..k).all(|j| tree.upos(j) == "ADP" || tree.head(j) == Some(k)) && k <= start + 2
}

/// The tokens of an "after" or "before" phrase the trigger lies in, from its first word to
/// its last: "announced the closure on 17 May, after a crowd attacked the building" tells an
/// attack that came before the closure, on a day the sentence does not give, so a date outside
/// the phrase is not the attack's. The phrase is the subtree of the word the marker hangs on,
/// which holds however the parser read the phrase (a clause, or a noun with a participle).
fn ordered_phrase(tree: &Tree, i: usize) -> Option<(usize, usize)> {
    let sentence = tree.doc.sentences[tree.sentence_of(i)].tokens.clone();
    sentence
        .filter(|&m| {
            m < i
                && matches!(tree.lower(m), "after" | "before")
                && matches!(tree.upos(m), "SCONJ" | "ADP")
        })
        .filter_map(|m| {
            let (lo, hi) = tree.subtree(tree.head(m)?);
            (lo <= m && i <= hi).then_some((lo, hi))
        })
        .next_back()
}

/// Whether the trigger is, or lies under, the imperative verb that heads its sentence: a
/// bare infinitive with no subject or auxiliary, opening the sentence (after adverbs or a
/// list mark at most), in a sentence with no subject or finite verb at all.
fn called_for(tree: &Tree, i: usize) -> bool {
    let sentence = tree.doc.sentences[tree.sentence_of(i)].tokens.clone();
    let Some(root) = sentence.clone().find(|&k| tree.head(k).is_none()) else {
        return false;
    };
    let bare = tree.upos(root) == "VERB" && tree.xpos(root) == "VB";
    let opens = sentence
        .clone()
        .take_while(|&k| k != root)
        .all(|k| matches!(tree.upos(k), "ADV" | "PUNCT" | "SYM" | "X" | "NUM"));
    let subject_or_aux = tree.children(root).iter().any(|&k| {
        tree.base_rel(k).starts_with("nsubj")
            || tree.base_rel(k) == "expl"
            || tree.base_rel(k).starts_with("aux")
            || tree.base_rel(k) == "mark"
    });
    // A sentence with a subject or a finite verb anywhere is a statement whose first word the
    // tagger took for a verb ("Search engine firm Google has released ...", "Meet The Fockers
    // opens on Friday").
    let told = sentence.clone().any(|k| {
        tree.base_rel(k).starts_with("nsubj")
            || tree.base_rel(k) == "csubj"
            || matches!(tree.xpos(k), "VBD" | "VBZ" | "VBP" | "MD")
    });
    bare && opens && !subject_or_aux && !told && (root == i || tree.dominates(root, i))
}

/// Whether a trigger is told as coming before the clause it sits in: marked so ("an earlier
/// attack", "a recent raid", "were earlier charged", "had previously detained"), or what the
/// clause answers ("in retaliation for the attack", "in response to the arrests").
fn told_as_earlier(tree: &Tree, i: usize) -> bool {
    let marked = tree.children(i).iter().any(|&k| match tree.base_rel(k) {
        "amod" => matches!(tree.lower(k), "earlier" | "previous" | "prior" | "recent"),
        // Bare: "a day earlier" is a date, which the date search weighs.
        "advmod" => {
            matches!(tree.lower(k), "earlier" | "previously") && tree.children(k).is_empty()
        }
        _ => false,
    });
    // The word before "for" or "to" rather than the parse, which often hangs the phrase on the
    // verb ("shelled the platform in retaliation for an attack").
    let answered = tree.children(i).iter().any(|&k| {
        tree.base_rel(k) == "case"
            && matches!(tree.lower(k), "for" | "to")
            && k > 0
            && matches!(
                tree.lemma(k - 1),
                "retaliation" | "response" | "reprisal" | "revenge" | "answer" | "reaction"
            )
    });
    marked || answered
}

/// A time expression's interval as an event date, at its own precision.
fn event_date(t: &Timex) -> Option<EventDate> {
    let interval = t.interval?;
    let precision = match t.precision {
        Some(Precision::Day) | Some(Precision::Time) => DatePrecision::Day,
        Some(Precision::Week) => DatePrecision::Week,
        Some(Precision::Month) => DatePrecision::Month,
        Some(Precision::Year) => DatePrecision::Year,
        _ => DatePrecision::Range,
    };
    Some(EventDate {
        start: interval.start,
        end: interval.end,
        precision,
        span: t.span,
    })
}

/// Whether a time expression opens its sentence: nothing but a preposition
/// before it ("In July, ...", "On Monday the court ...").
fn fronted(tree: &Tree, span: Span, sentence: Span) -> bool {
    let mut before = tree.tokens_in(Span::new(sentence.start, span.start));
    before.len() <= 1 && before.all(|k| tree.upos(k) == "ADP")
}

/// Whether a word belongs to the sentence's main clause or to a clause
/// coordinated with it.
fn in_main_clause(tree: &Tree, x: usize) -> bool {
    let mut clause = clause_of(tree, x);
    while tree.base_rel(clause) == "conj" {
        match tree.head(clause) {
            Some(h) => clause = clause_of(tree, h),
            None => break,
        }
    }
    tree.base_rel(clause) == "root"
}

/// The date of the report, for an event told in the present perfect or
/// present without a date of its own: "she has begun a hunger strike, her
/// mother told us on Thursday" happened by Thursday, and news tells such
/// things on the day they are learned. A past perfect ("had been held") is
/// earlier than the report, so it takes nothing.
fn reported_on<'a>(ctx: &Context<'a>, trigger_clause: usize) -> Option<&'a Timex> {
    let tree = ctx.tree;
    let verb = clause_of(tree, trigger_clause);
    let perfect = tree
        .deps(verb, "aux")
        .any(|a| tree.lemma(a) == "have" && matches!(tree.xpos(a), "VBZ" | "VBP"));
    let present = matches!(tree.xpos(verb), "VBZ" | "VBP");
    if !(perfect || present) {
        return None;
    }
    speaker_date(ctx, trigger_clause)
}

/// The date a timeline entry opens with: "16 August – 17 soldiers killed in an ambush",
/// "14:05 — Police say they have detained two men". Chronologies, live pages and rights
/// reports list happenings that way, and the date holds for each happening of the entry that
/// names no other.
fn entry_date<'a>(ctx: &Context<'a>, sentence: Span) -> Option<&'a Timex> {
    let text = &ctx.tree.doc.text;
    let lead = |c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•' | '·' | '#');
    ctx.timexes.iter().find(|t| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.interval.is_some()
            && sentence.start <= t.span.start
            && t.span.end < sentence.end
            && text
                .get(sentence.start..t.span.start)
                .is_some_and(|s| s.chars().all(lead))
            && text
                .get(t.span.end..sentence.end)
                .is_some_and(|s| s.trim_start().starts_with(['–', '—', '-']))
    })
}

/// The date of the scene a report goes on with: "Earlier on Thursday, hundreds of people
/// moved on to the party's headquarters. They threw stones at the building ...". A sentence
/// told as news (see [`told_as_news`]) whose subject is a personal pronoun standing for the
/// actors of the sentence before, and which names no time of its own, happened when that
/// sentence's main clause did. Only a date that frames that main clause carries over (one
/// hung on its main verb, or opening the sentence), never one from a subordinate or quoted
/// clause, and only into the very next sentence: news jumps back and forth in time, and
/// a pronoun is the writer's sign that the scene has not changed.
fn scene_date<'a>(ctx: &Context<'a>, c: &Candidate) -> Option<&'a Timex> {
    let tree = ctx.tree;
    let s = tree.sentence_of(c.token);
    // The subject of "threw stones and set fire to cars" is the first verb's.
    let mut verb = support_verb(tree, c).unwrap_or(c.token);
    while let Some(h) = tree
        .head(verb)
        .filter(|&h| h < verb && tree.base_rel(verb) == "conj")
    {
        verb = h;
    }
    let sentence = tree.doc.sentences[s].span;
    let goes_on = tree
        .children(verb)
        .iter()
        .any(|&k| tree.base_rel(k) == "nsubj" && matches!(tree.lower(k), "they" | "he" | "she"));
    let dated = |t: &Timex, within: Span| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && within.start <= t.span.start
            && t.span.end <= within.end
    };
    if s == 0
        || !goes_on
        || !told_as_news(tree, c)
        || ctx.timexes.iter().any(|t| dated(t, sentence))
    {
        return None;
    }
    let before = &tree.doc.sentences[s - 1];
    let root = before
        .tokens
        .clone()
        .find(|&k| tree.base_rel(k) == "root")
        // "The party said on Friday that ...": the day of a telling is no scene.
        .filter(|&r| !crate::quotes::SPEECH_VERBS.contains(&tree.lemma(r)))?;
    let mut frames = ctx.timexes.iter().filter(|t| {
        dated(t, before.span)
            && t.interval.is_some()
            && t.signal
                .is_none_or(|g| matches!(g.kind, SignalKind::On | SignalKind::In | SignalKind::At))
            && (fronted(tree, t.span, before.span) || {
                // "Earlier on Thursday, ... moved on": the date may hang on the adverb.
                let mut above = tree
                    .head_of(tree.tokens_in(t.span))
                    .and_then(|th| tree.head(th));
                while let Some(a) = above.filter(|&a| tree.upos(a) == "ADV") {
                    above = tree.head(a);
                }
                above == Some(root)
            })
    });
    let frame = frames.next()?;
    frames.next().is_none().then_some(frame)
}

/// The date of the speech verb whose report holds the clause ("police said on Monday they
/// had detained twelve", "they had detained twelve, police said on Monday"), if it has one.
fn speaker_date<'a>(ctx: &Context<'a>, trigger_clause: usize) -> Option<&'a Timex> {
    let tree = ctx.tree;
    let verb = clause_of(tree, trigger_clause);
    let is_report = |v: usize| crate::quotes::SPEECH_VERBS.contains(&tree.lemma(v));
    let reporter = if tree.rel(verb) == "ccomp" {
        tree.head(verb).filter(|&h| is_report(h))
    } else {
        tree.deps(verb, "parataxis").find(|&p| is_report(p))
    }?;
    ctx.timexes.iter().find(|t| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.interval.is_some()
            && tree
                .head_of(tree.tokens_in(t.span))
                .is_some_and(|th| tree.head(th) == Some(reporter))
    })
}

/// Nouns that, besides the units of time, frame a date rather than name an
/// event: the date they carry belongs to whatever the phrase attaches to.
const TIME_FRAME_NOUNS: &[&str] = &[
    "end",
    "beginning",
    "start",
    "middle",
    "course",
    "dawn",
    "eve",
    "run-up",
    "part",
];

/// Verbs whose subject, without an object, is what undergoes them.
const ERGATIVE_VERBS: &[&str] = &["close", "shut", "open", "reopen"];

/// A noun that measures or names time ("two days", "Monday").
pub(crate) fn is_time_unit(tree: &Tree, x: usize) -> bool {
    TIME_UNIT_NOUNS.contains(&tree.lemma(x))
        // "Theresa May" is a person, "May" alone a month.
        || storyline_model::is_calendar_name(tree.text(x))
            && tree.entity_label(x) != Some(EntityLabel::Per)
}

/// Nouns that measure time; never a participant of an event.
const TIME_UNIT_NOUNS: &[&str] = &[
    "minute",
    "hour",
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "week",
    "month",
    "year",
    "decade",
];

/// The date of an event told in a clause placed by a distance from the
/// main one: "closed its consulate on Monday, two days after Kaldoria
/// announced ..." puts the announcement on Saturday. `Some(None)` when the
/// trigger is in such a clause but the main clause has no date: the event
/// is before or after the main one, so it must not take the main date.
fn relative_clause_date(ctx: &Context, i: usize) -> Option<Option<EventDate>> {
    let tree = ctx.tree;
    let sentence = tree.doc.sentences[tree.sentence_of(i)].span;
    let in_sentence = |t: &&Timex| t.span.start >= sentence.start && t.span.end <= sentence.end;
    for d in ctx.timexes.iter().filter(in_sentence) {
        if d.kind != TimexType::Duration {
            continue;
        }
        // The word right after the distance.
        let Some(word) = tree.tokens_in(Span::new(d.span.end, sentence.end)).next() else {
            continue;
        };
        let sign = match tree.lower(word) {
            "after" | "later" => -1,
            "before" | "earlier" => 1,
            _ => continue,
        };
        // The clause the distance introduces: the first verb above "after", or the noun it
        // governs when it heads a noun phrase ("on 30 July, four days after the takeover,
        // when a crowd marched": only the takeover lies four days back).
        let mut head = tree.head(word);
        while let Some(h) = head {
            if matches!(tree.upos(h), "VERB" | "NOUN" | "PROPN") {
                break;
            }
            head = tree.head(h);
        }
        let Some(clause) = head else { continue };
        if !(clause == i || tree.dominates(clause, i)) || i < word {
            // "The rallies came a day after protesters stormed the embassy on Thursday": the
            // trigger in the clause the distance leads from takes the date of the clause it
            // leads to, moved by the distance.
            let Some(days) = duration_days(&d.value) else {
                continue;
            };
            let leads_from = tree.head(clause).is_some_and(|m| {
                tree.base_rel(clause) == "advcl"
                    && (m == i || tree.dominates(m, i))
                    && i < word
                    && same_clause(tree, i, m)
            });
            if !leads_from {
                continue;
            }
            let (from, to) = tree.subtree(clause);
            let region = Span::new(
                tree.doc.tokens[from].span.start,
                tree.doc.tokens[to].span.end,
            );
            let later = ctx.timexes.iter().filter(in_sentence).find(|t| {
                t.kind == TimexType::Date
                    && t.precision == Some(Precision::Day)
                    && t.span.start >= tree.doc.tokens[word].span.end
                    && region.start <= t.span.start
                    && t.span.end <= region.end
            });
            if let Some(interval) = later.and_then(|t| t.interval) {
                return Some(Some(moved(interval.start, -sign * days, d.span)));
            }
            continue;
        }
        // "came three days after May expelled 23 diplomats over the attack on Skripal": a
        // happening named as the clause's reason came before the clause, by no told distance.
        if i != clause
            && matches!(tree.upos(i), "NOUN" | "PROPN")
            && matches!(
                tree.case_of(i).as_deref(),
                Some("over" | "for" | "about" | "against")
            )
        {
            continue;
        }
        let Some(days) = duration_days(&d.value) else {
            return Some(None);
        };
        // The main clause's date: the last dated expression before the distance.
        let main = ctx
            .timexes
            .iter()
            .filter(in_sentence)
            .filter(|t| t.span.end <= d.span.start && t.kind == TimexType::Date)
            .filter(|t| {
                !tree
                    .token_at(t.span.start)
                    .is_some_and(|k| tree.in_dateline(k))
            })
            .filter(|t| t.precision == Some(Precision::Day))
            .filter_map(|t| t.interval)
            .map(|t| t.start)
            .next_back();
        // A distance that opens the sentence: the main clause's day comes after its clause
        // ("One week after police arrested 22 people, the network today called ...").
        let (_, clause_end) = tree.subtree(clause);
        let after_clause = tree.doc.tokens[clause_end].span.end;
        let main = main
            .or_else(|| {
                ctx.timexes
                    .iter()
                    .filter(in_sentence)
                    .filter(|t| t.span.start >= after_clause && t.kind == TimexType::Date)
                    .filter(|t| t.precision == Some(Precision::Day))
                    .find_map(|t| t.interval)
                    .map(|t| t.start)
            })
            .or_else(|| told_as_present(tree, clause).then_some(ctx.dct).flatten());
        let Some(main) = main else { return Some(None) };
        return Some(Some(moved(main, sign * days, d.span)));
    }
    None
}

/// Whether the clause a distance leads from is told in the present, as happening at the time
/// of writing: "The closure comes exactly a week after police raided the paper" (the raid was
/// a week before publication). A past tense ("came") may be any earlier day.
fn told_as_present(tree: &Tree, clause: usize) -> bool {
    let Some(main) = tree
        .head(clause)
        .filter(|_| tree.base_rel(clause) == "advcl")
    else {
        return false;
    };
    matches!(tree.xpos(main), "VBZ" | "VBP")
        || (tree.upos(main) != "VERB"
            && tree
                .children(main)
                .iter()
                .any(|&k| tree.base_rel(k) == "cop" && matches!(tree.xpos(k), "VBZ" | "VBP")))
}

/// A day `days` from `from`, as a date told by the distance at `span`: a day, or a week
/// when the distance is counted in weeks (the count is rounder then).
fn moved(from: Date, days: i64, span: Span) -> EventDate {
    let day = Date::from_day_number(from.day_number() + days);
    EventDate {
        start: day,
        end: day,
        precision: if days.abs() >= 7 {
            DatePrecision::Week
        } else {
            DatePrecision::Day
        },
        span,
    }
}

/// Days in a TIMEX3 duration of days or weeks ("P2D", "P1W").
fn duration_days(value: &str) -> Option<i64> {
    let body = value.strip_prefix('P')?;
    let (n, unit) = body.split_at(body.len().checked_sub(1)?);
    let n: i64 = n.parse().ok()?;
    match unit {
        "D" => Some(n),
        "W" => Some(7 * n),
        _ => None,
    }
}

fn place_of(
    tree: &Tree,
    c: &Candidate,
    kind: EventType,
    agents: &[usize],
    targets: &[usize],
) -> Option<Argument> {
    let mut roots = vec![c.token];
    roots.extend(support_verb(tree, c));
    // A protest's agents are the crowd, and where the crowd stands is where it protests: "a
    // rally of around 300 people outside the embassy in London". Only within the trigger's
    // own phrase, and after its other places: the crowd's home ("a refugee living in
    // Sweden burns pages outside Stockholm's mosque") is not where it acts.
    let protest = matches!(kind, EventType::Protest | EventType::HungerStrike);
    place_under(tree, &[c.token], agents, false)
        .or_else(|| place_under(tree, &[c.token], agents, true))
        .or_else(|| {
            protest
                .then(|| place_under(tree, &[c.token], &[], false))
                .flatten()
        })
        .or_else(|| place_under(tree, &roots, agents, false))
        .or_else(|| place_under(tree, &roots, agents, true))
        .or_else(|| place_under(tree, &roots, &[], true))
        // "the consulate in Portesca is due to close": where the thing
        // acted on is, when the clause says nothing else.
        .or_else(|| place_under(tree, targets, &[], false))
        .or_else(|| place_of_host(tree, c.token, agents))
}

/// The place of the clause a trigger without one sits in, when that clause's place is the
/// trigger's too:
/// * a participle inside an argument ("In Khyber Pakhtunkhwa, the government put the
///   number of those arrested at 1,026"): the place of the verb the argument belongs to;
/// * a deed a speaker tells of their own doing ("Police in Punjab said they had arrested
///   945 people"): the speaker's place. Only when the doer is a pronoun: "officials in
///   Washington said Moscow police had arrested ..." tells of a deed elsewhere.
fn place_of_host(tree: &Tree, trigger: usize, agents: &[usize]) -> Option<Argument> {
    let mut x = trigger;
    for _ in 0..6 {
        let head = tree.head(x)?;
        let rel = tree.base_rel(x);
        let clausal = matches!(rel, "ccomp" | "parataxis" | "advcl" | "csubj" | "conj")
            || tree.rel(x) == "acl:relcl";
        if clausal {
            let told_of = rel == "ccomp" && crate::quotes::SPEECH_VERBS.contains(&tree.lemma(head));
            let own_deed = !agents.is_empty() && agents.iter().all(|&a| tree.upos(a) == "PRON");
            if !(told_of && own_deed && x == trigger) {
                return None;
            }
            return place_under(tree, &[head], &[], true);
        }
        // Only a past participle climbs ("those arrested", "the people detained"): a noun
        // trigger inside another's argument ("protesters in London condemned the arrest") or
        // a gerund ("jailed for spying") may have happened anywhere.
        if x == trigger && !(rel == "acl" && tree.xpos(x) == "VBN") {
            return None;
        }
        if tree.upos(head) == "VERB" {
            return place_under(tree, &[head], &[], true);
        }
        x = head;
    }
    None
}

/// The nearest place under the trigger (or its support verb), skipping the
/// subtrees of `skip`: an agent's own location ("police in Portesca") is
/// the event's place only when nothing else is.
fn place_under(
    tree: &Tree,
    roots: &[usize],
    skip: &[usize],
    modifiers_too: bool,
) -> Option<Argument> {
    let agents = skip;
    for &root in roots {
        // Nearest first, never into another clause or into the agent.
        let mut queue = std::collections::VecDeque::from(vec![(root, None::<String>)]);
        while let Some((x, case)) = queue.pop_front() {
            // "into the streets of Baghdad", "in the centre of Dakar": the town after "of" a
            // part of a town is where the part is.
            let part_of_town = |h: usize| PARTS_OF_TOWNS.contains(&tree.lemma(h));
            let case = match tree.case_of(x) {
                Some(c)
                    if c == "of"
                        && case.as_deref().is_some_and(|k| PLACE_CASES.contains(&k))
                        && tree.head(x).is_some_and(part_of_town) =>
                {
                    case
                }
                own => own.or(case),
            };
            if x != root {
                if let Some(e) = tree.entity_at(x) {
                    let entity = &tree.doc.entities[e];
                    // "a U.S.-flagged tanker", "Saudi-led forces": a name fused to a
                    // participle by a hyphen says whose, not where.
                    let fused = tree.doc.text[entity.span.end..].starts_with('-');
                    if entity.label == EntityLabel::Loc
                        && !fused
                        && tree.upos(x) != "ADJ"
                        // "the Calvenan port city of Portesca": the name
                        // in the "of" phrase, before a modifying one.
                        && (modifiers_too || !matches!(tree.base_rel(x), "amod" | "compound"))
                        && !tree.in_dateline(x)
                        && case.as_deref().is_some_and(|c| PLACE_CASES.contains(&c))
                    {
                        return Some(tree.argument(entity.span));
                    }
                }
            }
            for &k in tree.children(x) {
                let rel = tree.rel(k);
                if matches!(
                    tree.base_rel(k),
                    "ccomp" | "parataxis" | "advcl" | "csubj" | "conj"
                ) || rel == "acl:relcl"
                    || agents.contains(&k)
                {
                    continue;
                }
                queue.push_back((k, case.clone()));
            }
        }
    }
    None
}

/// The site an event happened at: a phrase on the trigger (or its support verb) brought in by
/// a preposition of position ("outside", "at", "in front of") whose head is a kind of building
/// or site, or a named body or place other than after "in" (which names a town: that is
/// [`place_of`]'s).
fn site_of(tree: &Tree, c: &Candidate) -> Option<Argument> {
    let mut owners = vec![c.token];
    owners.extend(support_verb(tree, c));
    for owner in owners {
        for &k in tree.children(owner) {
            if !matches!(tree.base_rel(k), "obl" | "nmod") {
                continue;
            }
            let Some(mut case) = tree.case_of(k) else {
                continue;
            };
            // "in front of the parliament building", "on the steps of the court", read as a
            // noun of position with the site under it.
            let position = matches!(
                tree.lemma(k),
                "front" | "step" | "vicinity" | "gate" | "entrance"
            );
            if !(SITE_CASES.contains(&case.as_str()) || position && case == "on") {
                continue;
            }
            let mut k = k;
            if position {
                if let Some(n) = tree
                    .deps_exact(k, "nmod")
                    .find(|&n| tree.case_of(n).as_deref() == Some("of"))
                {
                    k = n;
                    case = "of".to_string();
                }
            }
            let building = is_building(tree, k);
            let named = case != "in"
                && tree.entity_at(k).is_some_and(|e| {
                    matches!(
                        tree.doc.entities[e].label,
                        EntityLabel::Org | EntityLabel::Loc
                    )
                });
            if building || named {
                return Some(tree.argument(tree.phrase(k)));
            }
        }
    }
    None
}

/// A building attacked or raided is where the act happened: "a crowd attacked Kaldoria's
/// consulate", "police raided the newsroom".
fn struck_site(tree: &Tree, kind: EventType, targets: &[usize]) -> Option<Argument> {
    if !matches!(kind, EventType::Attack | EventType::Raid) {
        return None;
    }
    targets
        .iter()
        .find(|&&t| is_building(tree, t))
        .map(|&t| tree.argument(tree.phrase(t)))
}

/// A noun naming a kind of building or site ([`SITE_NOUNS`]).
fn is_building(tree: &Tree, k: usize) -> bool {
    matches!(tree.upos(k), "NOUN" | "PROPN")
        && SITE_NOUNS.contains(&tree.lemma(k).to_lowercase().as_str())
}

/// Prepositions that put an event at a site.
const SITE_CASES: &[&str] = &[
    "outside",
    "outside of",
    "at",
    "near",
    "in front of",
    "opposite",
    "inside",
    "in",
    "by",
    "before",
];

/// Kinds of building or site where protests, attacks and raids happen.
const SITE_NOUNS: &[&str] = &[
    "academy",
    "airport",
    "assembly",
    "bank",
    "barracks",
    "base",
    "bridge",
    "building",
    "camp",
    "cathedral",
    "centre",
    "center",
    "chancery",
    "checkpoint",
    "church",
    "compound",
    "consulate",
    "court",
    "courthouse",
    "embassy",
    "factory",
    "gate",
    "hall",
    "headquarters",
    "hospital",
    "hotel",
    "jail",
    "market",
    "ministry",
    "mission",
    "mosque",
    "newsroom",
    "office",
    "parliament",
    "palace",
    "park",
    "plant",
    "port",
    "premises",
    "prison",
    "residence",
    "school",
    "square",
    "stadium",
    "station",
    "synagogue",
    "temple",
    "university",
];

fn reason_of(tree: &Tree, c: &Candidate) -> Option<Argument> {
    let mut owners = vec![c.token];
    owners.extend(support_verb(tree, c));
    // "found guilty of espionage": the reason hangs off the complement.
    owners.extend(tree.deps(c.token, "xcomp"));
    for o in owners {
        for k in tree.children(o).to_vec() {
            if !matches!(tree.base_rel(k), "obl" | "nmod" | "advcl") {
                continue;
            }
            let Some(case) = tree.case_of(k).or_else(|| {
                tree.deps_exact(k, "mark")
                    .next()
                    .map(|m| tree.lower(m).to_string())
            }) else {
                continue;
            };
            let lemma = tree.lemma(k);
            let wanted = match case.as_str() {
                // "over the weekend", "over two days" say when, not why.
                "over" => !is_time_unit(tree, k),
                "for" => {
                    // "jailed for seven and a half years": a number is a length or an
                    // amount, not a reason.
                    !tree.is_person(k)
                        && tree.entity_label(k).is_none()
                        && tree.upos(k) != "NUM"
                        && !matches!(
                            lemma,
                            "year" | "month" | "week" | "day" | "hour" | "time" | "life" | "term"
                        )
                }
                "on" => matches!(
                    lemma,
                    "suspicion" | "charge" | "accusation" | "allegation" | "count" | "ground"
                ),
                "of" | "with" => {
                    matches!(
                        c.sense.kind,
                        EventType::Charge
                            | EventType::Conviction
                            | EventType::Accusation
                            | EventType::Arrest
                    ) && tree.base_rel(k) == "obl"
                }
                "in" => lemma == "connection" || lemma == "relation",
                _ => false,
            };
            if wanted {
                let (lo, hi) = tree.subtree(k);
                let toks = &tree.doc.tokens;
                // Drop the preposition itself; keep the phrase.
                let lo = (lo..=hi)
                    .find(|&t| !matches!(tree.upos(t), "ADP" | "PUNCT" | "SCONJ"))
                    .unwrap_or(lo);
                let mut hi = hi;
                while hi > lo && tree.upos(hi) == "PUNCT" {
                    hi -= 1;
                }
                return Some(tree.argument(Span::new(toks[lo].span.start, toks[hi].span.end)));
            }
        }
    }
    None
}

/// Who the text credits: the subject of a reporting verb above the trigger
/// or beside it ("…, the ministry said"), "according to X", "citing X", or
/// the speaker of the quote the trigger sits in.
fn attribution(ctx: &Context, c: &Candidate) -> Option<(Argument, bool)> {
    attribution_candidates(ctx, c)
        .into_iter()
        .find(|(s, _)| !is_first_or_second_person(&s.text))
}

/// "I" or "we" speak inside a quote and "you" is spoken to: none of them tells a reader who
/// the source is, so the search goes on to the frame around the quote.
fn is_first_or_second_person(text: &str) -> bool {
    let word = text.trim().to_lowercase();
    is_first_person(&word) || word == "you"
}

/// "I", "we", "me" or "us" (lower-cased): the speaker, inside a quote.
fn is_first_person(word: &str) -> bool {
    matches!(word, "i" | "we" | "me" | "us")
}

/// Every credit [`attribution`] may take, nearest first.
fn attribution_candidates(ctx: &Context, c: &Candidate) -> Vec<(Argument, bool)> {
    let mut found = Vec::new();
    let tree = ctx.tree;
    let at = tree.doc.tokens[c.token].span;
    if let Some(q) = ctx
        .quotes
        .iter()
        .find(|q| q.span.start <= at.start && at.end <= q.span.end)
    {
        if let Some(s) = &q.speaker {
            found.push((s.clone(), false));
        }
    }
    let mut x = c.token;
    for _ in 0..8 {
        // A reporting verb beside this node: "X arrested Y, police said".
        for &k in tree.children(x) {
            if tree.base_rel(k) == "parataxis" && REPORTING.contains(&tree.lemma(k)) {
                if let Some(s) = quotes::speaker_of(tree, k) {
                    found.push((s, matches!(tree.lemma(k), "claim" | "allege")));
                }
            }
        }
        let Some(h) = tree.head(x) else { break };
        if matches!(
            tree.base_rel(x),
            "ccomp" | "parataxis" | "xcomp" | "advcl" | "obj"
        ) && REPORTING.contains(&tree.lemma(h))
            && !(tree.base_rel(x) == "obj" && c.pos == Pos::Verb)
        {
            if let Some(s) = quotes::speaker_of(tree, h) {
                found.push((s, matches!(tree.lemma(h), "claim" | "allege")));
            }
        }
        x = h;
    }
    // "according to X" and "citing X" anywhere in the sentence.
    let sentence = tree.doc.sentences[tree.sentence_of(c.token)].tokens.clone();
    for t in sentence {
        let w = tree.lower(t);
        if w == "according" && tree.rel(t) == "case" {
            if let Some(n) = tree.head(t) {
                found.push((quotes::name_of(tree, n), false));
            }
        }
        if tree.lemma(t) == "cite" && tree.upos(t) == "VERB" {
            if let Some(o) = tree.deps(t, "obj").next() {
                found.push((quotes::name_of(tree, o), false));
            }
        }
    }
    found
}

/// Whether `x` is a clause or phrase of time under its head ("after the
/// raid", "since he was detained", "following the arrests"), whose event the
/// sentence takes as having happened; or a "where" clause, which is relative
/// whatever the parser made of it ("the protest in Velmora, where police
/// detained 23").
fn presupposed_time(tree: &Tree, x: usize) -> bool {
    // "acl": the clause hung on its distance ("one week after police arrested 22 people").
    if !matches!(tree.base_rel(x), "obl" | "advcl" | "nmod" | "acl") {
        return false;
    }
    tree.children(x).iter().any(|&k| {
        (matches!(tree.base_rel(k), "case" | "mark")
            && matches!(
                tree.lower(k),
                "after" | "since" | "following" | "during" | "amid"
            ))
            || (tree.base_rel(k) == "advmod" && tree.lower(k) == "where")
    })
}

fn has_negation(tree: &Tree, i: usize) -> bool {
    tree.children(i).iter().any(|&k| {
        let w = tree.lower(k);
        (tree.base_rel(k) == "advmod" && matches!(w, "not" | "n't" | "never" | "n’t" | "neither"))
            // "no protester was hurt", "neither man has been charged".
            || (tree.rel(k) == "det" && matches!(w, "no" | "neither"))
            // "took the city without firing a shot", "held without charge".
            || (matches!(tree.base_rel(k), "mark" | "case") && w == "without")
    })
}

fn modality(ctx: &Context, c: &Candidate, targets: &[usize], attributed_claim: bool) -> Modality {
    let tree = ctx.tree;
    let i = c.token;
    let mut negated = c.sense.negated || has_negation(tree, i);
    // "no one was arrested", "none were hurt", "neither was detained".
    for p in patients(tree, i, c.pos) {
        let w = tree.lower(p);
        if matches!(w, "none" | "nobody" | "no-one" | "neither") || has_negation(tree, p) {
            negated = true;
        }
    }
    let mut disputed = false;
    let mut planned = false;
    let mut alleged = attributed_claim;
    for &k in tree.children(i) {
        let w = tree.lower(k);
        if tree.base_rel(k) == "aux" && PROSPECTIVE_AUX.contains(&w) {
            planned = true;
        }
        if tree.base_rel(k) == "mark" && matches!(w, "if" | "unless") {
            planned = true;
        }
        // "any attack on its nationals would draw a response", "before any negotiation": a
        // happening of that kind, should one occur, not one that did.
        if c.pos == Pos::Noun && tree.base_rel(k) == "det" && matches!(w, "any" | "every") {
            planned = true;
        }
        // "the minister is to visit", "the envoy was to meet": be + to-infinitive says
        // what is arranged, not what happened.
        if matches!(tree.base_rel(k), "cop" | "aux")
            && tree.lemma(k) == "be"
            && tree
                .children(i)
                .iter()
                .any(|&m| tree.base_rel(m) == "mark" && tree.lower(m) == "to" && m > k)
        {
            planned = true;
        }
        if CLAIM_ADVERBS.contains(&w) {
            alleged = true;
        }
        if tree.base_rel(k) == "amod" {
            let l = tree.lemma(k);
            if matches!(l, "alleged" | "suspected" | "purported" | "reported") {
                alleged = true;
            }
            if matches!(
                l,
                "planned"
                    | "attempted"
                    | "foiled"
                    | "thwarted"
                    | "failed"
                    | "would-be"
                    | "possible"
                    | "potential"
            ) {
                planned = true;
            }
        }
    }
    // Governing words up the tree, within the sentence.
    let mut x = i;
    // Passed through a request for the event ("a request to release her").
    let mut requested = false;
    for _ in 0..6 {
        let Some(h) = tree.head(x) else { break };
        let rel = tree.base_rel(x);
        // A relative clause, or a clause or phrase of time ("after the raids",
        // "since she was detained"), tells a fact the rest of the sentence
        // takes as given: "calls for rallies after last week's protest,
        // where police detained 23" does not make the detention a plan.
        if tree.rel(x) == "acl:relcl" || presupposed_time(tree, x) {
            break;
        }
        let lemma = tree.lemma(h);
        if !matches!(rel, "conj" | "nsubj" | "compound" | "appos") {
            if INTENT.contains(&lemma) && !REPORTING.contains(&lemma) {
                planned = true;
            }
            if CLAIM.contains(&lemma) && !(lemma == "charge" && c.sense.kind == EventType::Charge) {
                alleged = true;
            }
            if DENIAL.contains(&lemma) {
                disputed = true;
            }
            // "was likely to close its consulate", "is due to stand trial", "is set to expel":
            // a to-infinitive under a word of expectation tells what may come.
            if matches!(rel, "xcomp" | "csubj") && PROSPECTIVE_PREDICATES.contains(&lemma) {
                planned = true;
            }
            if lemma == "fail" && rel == "xcomp" {
                negated = true;
            }
            // "refused to release him", "rejected a request to release him":
            // an act refused did not happen (a claim rejected is disputed).
            if REFUSAL.contains(&lemma)
                && (rel == "xcomp" || (requested && matches!(rel, "obj" | "nsubj")))
            {
                negated = true;
            }
            if REQUEST.contains(&lemma) && tree.upos(h) == "NOUN" {
                requested = true;
            }
        }
        // "more arrests could follow", "a strike will take place": an event
        // that is the subject of a verb of occurring in a prospective mood
        // has not happened yet.
        if rel == "nsubj"
            && OCCURRING.contains(&lemma)
            && tree
                .children(h)
                .iter()
                .any(|&k| tree.base_rel(k) == "aux" && PROSPECTIVE_AUX.contains(&tree.lower(k)))
        {
            planned = true;
        }
        if has_negation(tree, h) && matches!(rel, "xcomp" | "ccomp") && !REPORTING.contains(&lemma)
        {
            negated = true;
        }
        for &k in tree.children(h) {
            let w = tree.lower(k);
            if CLAIM_ADVERBS.contains(&w) {
                alleged = true;
            }
            if rel == "xcomp" && tree.base_rel(k) == "aux" && PROSPECTIVE_AUX.contains(&w) {
                planned = true;
            }
        }
        if matches!(rel, "ccomp" | "parataxis") && !REPORTING.contains(&lemma) {
            break;
        }
        x = h;
    }
    if !disputed {
        disputed = denied_elsewhere(tree, c, targets);
    }
    // "Immediately release President Bazoum", "Allow lawyers to visit all detainees": an
    // imperative calls for the act; it reports none.
    if called_for(tree, i) {
        planned = true;
    }
    if negated {
        Modality::Negated
    } else if disputed {
        Modality::Disputed
    } else if planned {
        Modality::Planned
    } else if alleged {
        Modality::Alleged
    } else if c.sense.kind == EventType::Plot {
        // A plot is an intention by definition.
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// Verbs that say an event occurs, with the event as their subject.
const OCCURRING: &[&str] = &[
    "follow", "come", "happen", "occur", "ensue", "take", "begin", "start", "resume",
];

/// For claims about someone (accusations, charges, verdicts, plots, spying),
/// a denial or a protest of innocence by that someone anywhere in the
/// document disputes the claim.
fn denied_elsewhere(tree: &Tree, c: &Candidate, targets: &[usize]) -> bool {
    if !matches!(
        c.sense.kind,
        EventType::Accusation
            | EventType::Charge
            | EventType::Conviction
            | EventType::Plot
            | EventType::Espionage
            | EventType::Trial
    ) {
        return false;
    }
    let names: Vec<&str> = targets
        .iter()
        .filter(|&&t| !tree.is_pronoun(t))
        .map(|&t| tree.lower(t))
        .collect();
    if names.is_empty() {
        return false;
    }
    for v in 0..tree.len() {
        let lemma = tree.lemma(v);
        let denial = DENIAL.contains(&lemma)
            || (matches!(
                lemma,
                "maintain" | "insist" | "protest" | "proclaim" | "assert"
            ) && tree.deps(v, "obj").any(|o| tree.lemma(o) == "innocence"))
            || (lemma == "plead"
                && tree
                    .children(v)
                    .iter()
                    .any(|&k| tree.lemma(k) == "innocent" || tree.lemma(k) == "guilty")
                && has_negation_near(tree, v));
        if !denial || tree.upos(v) != "VERB" {
            continue;
        }
        for s in tree.deps(v, "nsubj") {
            let s = through_relative(tree, s);
            let subject = tree.lower(s);
            if names.contains(&subject) {
                return true;
            }
            // A pronoun subject after the claim refers back to its target.
            if tree.is_pronoun(s)
                && v > c.token
                && tree.sentence_of(v) <= tree.sentence_of(c.token) + 2
            {
                return true;
            }
        }
    }
    false
}

fn has_negation_near(tree: &Tree, v: usize) -> bool {
    has_negation(tree, v) || tree.children(v).iter().any(|&k| has_negation(tree, k))
}

/// Words that report harm to people, and which role holds the victims.
fn harm(tree: &Tree, k: usize) -> Option<(bool, Vec<usize>)> {
    let lemma = tree.lemma(k);
    let killed = match lemma {
        "kill" | "die" | "dead" | "death" | "murder" | "slay" => true,
        "injure" | "wound" | "hurt" | "injured" | "wounded" => false,
        _ => return None,
    };
    let mut victims: Vec<usize> = Vec::new();
    match tree.upos(k) {
        "VERB" if lemma == "die" => victims.extend(tree.deps_exact(k, "nsubj")),
        // "163 deaths" counts the dead itself.
        "NOUN" if lemma == "death" => victims.push(k),
        "VERB" if is_passive(tree, k) => victims.extend(tree.deps(k, "nsubj:pass")),
        "VERB" => victims.extend(tree.deps(k, "obj")),
        "ADJ" => {
            victims.extend(tree.deps(k, "nsubj"));
            // "13 people were killed and about 100 others wounded": with its verb left out,
            // the parser hangs the counted victims on the adjective as a bare oblique.
            if victims.is_empty() && tree.base_rel(k) == "conj" {
                victims.extend(
                    tree.deps_exact(k, "obl:unmarked")
                        .filter(|&v| tree.deps_exact(v, "nummod").next().is_some()),
                );
            }
            if let Some(h) = tree.head(k) {
                if tree.rel(k) == "amod" {
                    victims.push(h);
                }
                if tree.rel(k) == "xcomp" {
                    victims.extend(tree.deps(h, "obj"));
                }
            }
        }
        _ => return None,
    }
    Some((killed, expand(tree, victims)))
}

/// Whether the trigger names one shooting: "fire on", "open fire", "shoot", "gunfire" (not
/// "shootings", a run of incidents).
fn gunfire(tree: &Tree, c: &Candidate) -> bool {
    if tree.xpos(c.token) == "NNS" {
        return false;
    }
    match tree.lemma(c.token) {
        "fire" | "shoot" | "shooting" | "gunfire" => true,
        "open" => tree
            .deps_exact(c.token, "obj")
            .any(|o| tree.lemma(o) == "fire"),
        _ => false,
    }
}

/// Whether a noun names people or a gathering of them ("protesters", "the crowd", "a rally").
fn at_people(tree: &Tree, n: usize) -> bool {
    tree.is_person(n)
        || matches!(
            tree.lemma(n),
            "crowd" | "demonstration" | "rally" | "march" | "procession" | "gathering" | "sit-in"
        )
}

/// Whether gunfire is aimed at people: "fired on protesters", "opened fire at the crowd",
/// "shot demonstrators".
fn aimed_at_people(tree: &Tree, c: &Candidate) -> bool {
    let fire = tree
        .deps_exact(c.token, "obj")
        .filter(|&o| tree.lemma(o) == "fire");
    std::iter::once(c.token).chain(fire).any(|v| {
        tree.deps(v, "obl").chain(tree.deps(v, "nmod")).any(|n| {
            matches!(
                tree.case_of(n).as_deref(),
                Some("on" | "at" | "upon" | "into")
            ) && at_people(tree, n)
        }) || (tree.lemma(v) == "shoot" && tree.deps(v, "obj").any(|o| at_people(tree, o)))
    })
}

/// Killed and injured figures for an attack or killing from the harm
/// words tied to it in the sentence.
fn casualties(ctx: &Context, c: &Candidate, single_attack: bool) -> (Option<u64>, Option<u64>) {
    let tree = ctx.tree;
    let i = c.token;
    let (mut killed, mut injured) = (None, None);
    let sentence = tree.doc.sentences[tree.sentence_of(i)].tokens.clone();
    for k in sentence {
        let Some((is_killed, victims)) = harm(tree, k) else {
            continue;
        };
        let tied = k == i
            || tree.dominates(i, k)
            || tree.dominates(k, i)
            || tree.head(k).is_some() && tree.head(k) == tree.head(i)
            || single_attack;
        if !tied {
            continue;
        }
        // "a police officer was injured" is one.
        let Some(count) = counts::count_of(tree, ctx.quantities, &victims).or_else(|| {
            let people: Vec<usize> = victims
                .iter()
                .copied()
                .filter(|&v| tree.is_person(v))
                .collect();
            counts::individuals(tree, &people)
        }) else {
            continue;
        };
        let Some(n) = casualty_figure(ctx, &count) else {
            continue;
        };
        let slot = if is_killed { &mut killed } else { &mut injured };
        if slot.is_none() {
            *slot = Some(n);
        }
    }
    (killed, injured)
}

/// Whether the trigger's clause gives a second figure for another part of the happening, as a
/// bare number joined to the first by "and" ("died in Chattogram and two in Dhaka"), that is
/// not one of the participants already counted (`counted`, whose exact figures add up).
fn told_in_parts(ctx: &Context, trigger: usize, counted: &[usize]) -> bool {
    let tree = ctx.tree;
    let parts = expand(tree, counted.to_vec());
    let in_date = |d: usize| {
        let at = tree.doc.tokens[d].span;
        ctx.timexes
            .iter()
            .any(|x| x.span.start <= at.start && at.end <= x.span.end)
    };
    tree.descendants(trigger).into_iter().any(|d| {
        tree.upos(d) == "NUM"
            && matches!(tree.base_rel(d), "conj" | "orphan")
            && tree
                .head(d)
                .is_some_and(|h| tree.upos(h) != "NUM" && !is_time_unit(tree, h))
            && !parts.contains(&d)
            && !in_date(d)
    })
}

/// The measure noun ("number", "total", "tally") whose counted things the trigger names:
/// "the number held", "the number of people detained", "the number of arrests".
fn measure_filled_by(tree: &Tree, t: usize) -> Option<usize> {
    let is_measure =
        |n: usize| counts::MEASURE_NOUNS.contains(&tree.lemma(n)) && tree.lemma(n) != "toll";
    let of_measure = |n: usize| {
        (tree.base_rel(n) == "nmod" && tree.case_of(n).as_deref() == Some("of"))
            .then(|| tree.head(n))
            .flatten()
            .filter(|&m| is_measure(m))
    };
    match (tree.upos(t), tree.base_rel(t)) {
        ("VERB", "acl") => {
            let h = tree.head(t)?;
            if is_measure(h) {
                Some(h)
            } else {
                of_measure(h)
            }
        }
        ("NOUN", _) => of_measure(t),
        _ => None,
    }
}

/// The killed figure of an attack or killing given as a death toll: "put the death toll from
/// Thursday's clashes at 32", "the toll in the attack rose to 14". The toll names the event
/// ("from the clashes"), or the sentence tells of no other attack.
fn death_toll(ctx: &Context, c: &Candidate, single_attack: bool) -> Option<u64> {
    let tree = ctx.tree;
    let sentence = tree.doc.sentences[tree.sentence_of(c.token)].tokens.clone();
    sentence.into_iter().find_map(|k| {
        if tree.lemma(k) != "toll" {
            return None;
        }
        let names_event = tree.base_rel(c.token) == "nmod" && tree.head(c.token) == Some(k);
        if !(names_event || single_attack) {
            return None;
        }
        casualty_figure(ctx, &counts::measured(tree, ctx.quantities, k)?.count)
    })
}

/// The number a count gives as killed or injured: an exact figure, a stated floor ("more
/// than 300 killed", "at least eight wounded"), or the one figure a hedged estimate names
/// ("nearly 400 were injured" gives 400, "about 200" 200), which is how a reader records it
/// and what a rival figure is compared with. A vague range with no figure of its own
/// ("dozens dead", "several of the gunmen") or with two ("between 20 and 30") stays in the
/// text, not a number.
fn casualty_figure(ctx: &Context, count: &Count) -> Option<u64> {
    if count.min.is_some() && (count.min == count.max || count.max.is_none()) {
        return count.min;
    }
    let (min, max) = (count.min?, count.max?);
    // The number part the quantity parser found ("400" of "nearly 400"), read alone.
    let tokens = &ctx.tree.doc.tokens;
    let number = ctx
        .quantities
        .iter()
        .find(|p| p.count.span == count.span)?
        .number_tokens
        .clone();
    let words = Span::new(
        tokens[number.start].span.start,
        tokens[number.end.checked_sub(1)?].span.end,
    );
    let found = storyline_quantity::find_quantities(words.of(&ctx.tree.doc.text));
    let [named] = found.as_slice() else {
        return None;
    };
    let figure = named
        .count
        .min
        .filter(|_| named.count.min == named.count.max)?;
    (min..=max.saturating_add(1))
        .contains(&figure)
        .then_some(figure)
}

/// Event mentions of one document.
pub fn events(ctx: &Context, lexicon: &Lexicon) -> Vec<EventMention> {
    let tree = ctx.tree;
    let mut out = Vec::new();
    // Per sentence: the trigger token of each mention kept, and the manner participles
    // waiting to be folded into their act.
    let mut told: Vec<(usize, usize)> = Vec::new();
    let mut participles: Vec<(usize, EventMention)> = Vec::new();
    for s in 0..tree.doc.sentences.len() {
        if is_question(tree.doc.sentences[s].span.of(&tree.doc.text)) {
            continue;
        }
        let cands = candidates(tree, lexicon, s, ctx.timexes);
        let attacks: Vec<usize> = cands
            .iter()
            .filter(|c| c.sense.kind == EventType::Attack && harm(tree, c.token).is_none())
            .map(|c| c.token)
            .collect();
        let triggers: Vec<(usize, EventType)> =
            cands.iter().map(|c| (c.token, c.sense.kind)).collect();
        for c in &cands {
            // Harm words tied to an attack are its casualty figures, not
            // events of their own ("a bomb killed two").
            if harm(tree, c.token).is_some()
                && attacks.iter().any(|&a| {
                    tree.dominates(a, c.token)
                        || tree.dominates(c.token, a)
                        || tree.head(a).is_some() && tree.head(a) == tree.head(c.token)
                })
            {
                continue;
            }
            if part_of_another_protest(tree, c, &cands) || setting_of_another_act(tree, c, &cands) {
                continue;
            }
            let mut m = mention(ctx, c, &triggers, attacks.len() == 1);
            if m.date.is_none() {
                m.date = setting_date(ctx, c, &cands);
            }
            if names_the_people_acted_on(tree, c, tree.doc.sentences[s].tokens.start)
                && m.date.is_none()
                && m.count.is_none()
            {
                continue;
            }
            if describes_a_practice(tree, c) && m.date.is_none() && m.count.is_none() {
                continue;
            }
            if let Some(kind) = sense_told_before(tree, lexicon, c, &out) {
                m.kind = kind;
            }
            if let Some(act) = manner_of_another_act(tree, c, &cands) {
                participles.push((act, m));
                continue;
            }
            told.push((c.token, out.len()));
            out.push(m);
        }
        for (act, m) in participles.drain(..) {
            match told.iter().find(|&&(t, _)| t == act) {
                Some(&(_, k)) => fold_manner(&mut out[k], m),
                None => out.push(m),
            }
        }
        told.clear();
    }
    out
}

/// The act of its own family that a trigger only tells the manner of: a participle hung on
/// it as an adverbial clause ("a gunman stormed the embassy, shooting dead its security
/// chief"; "police raided homes, detaining twelve"). The participle and the act are one
/// happening; as two mentions of one sentence they could never be linked together.
fn manner_of_another_act(tree: &Tree, c: &Candidate, cands: &[Candidate]) -> Option<usize> {
    if tree.xpos(c.token) != "VBG" || tree.base_rel(c.token) != "advcl" {
        return None;
    }
    let head = tree.head(c.token)?;
    let family = taxonomy::contract_type(c.sense.kind);
    cands
        .iter()
        .find(|o| o.token == head && taxonomy::contract_type(o.sense.kind) == family)
        .map(|o| o.token)
}

/// Folds the mention of a manner participle into the act it tells the manner of: what the
/// act's own reading lacks (the figure of "detaining twelve", the victims, a date) is taken
/// from the participle.
fn fold_manner(act: &mut EventMention, manner: EventMention) {
    if act.count.is_none() {
        act.count = manner.count;
    }
    act.killed = act.killed.or(manner.killed);
    act.injured = act.injured.or(manner.injured);
    if act.date.is_none() {
        act.date = manner.date;
    }
    for target in manner.targets {
        if !act.targets.iter().any(|t| t.span == target.span) {
            act.targets.push(target);
        }
    }
}

/// Whether a participle only names people by what was done to them: "release all those
/// detained", "nine of those held", "anyone arrested will be charged". Such a phrase points
/// back at a happening told elsewhere; without a date or figure of its own (checked by the
/// caller) it reports nothing. It is read from the words, a participle right after a pronoun
/// that stands for people in general, because the parser hangs such participles anywhere
/// (as a modifier of the wrong noun, or as an object complement like "ordered them
/// arrested", which is a report and must stay one: personal pronouns are not in the list).
/// `first` is the sentence's first token, so the word before is never the last sentence's.
fn names_the_people_acted_on(tree: &Tree, c: &Candidate, first: usize) -> bool {
    c.pos == Pos::Verb
        && tree.xpos(c.token) == "VBN"
        && c.token > first
        && matches!(
            tree.lower(c.token - 1),
            "those" | "anyone" | "anybody" | "everyone" | "everybody" | "others"
        )
}

/// Whether a noun trigger names a kind of happening rather than one: a bare plural that is
/// the object of a clause describing someone's standing work ("OVD-Info, which monitors
/// political arrests", "a group documenting killings"). Such a clause tells what a body
/// does, not what happened; without a date or figure of its own (checked by the caller) it
/// reports nothing, and linked across outlets it would join unrelated round-ups through the
/// description of the group that counted them. A clause in the simple present or a bare
/// participle modifying a noun is that description; a past or perfect one is a report
/// ("a group that condemned the arrests").
fn describes_a_practice(tree: &Tree, c: &Candidate) -> bool {
    if c.pos != Pos::Noun || tree.xpos(c.token) != "NNS" || tree.rel(c.token) != "obj" {
        return false;
    }
    let determined = tree
        .children(c.token)
        .iter()
        .any(|&k| matches!(tree.rel(k), "det" | "nummod" | "nmod:poss"));
    let Some(verb) = tree.head(c.token) else {
        return false;
    };
    let described = match tree.rel(verb) {
        "acl:relcl" => {
            matches!(tree.xpos(verb), "VBZ" | "VBP") && tree.deps(verb, "aux").next().is_none()
        }
        "acl" => tree.xpos(verb) == "VBG",
        _ => false,
    };
    !determined && described
}

/// Whether a sentence asks rather than tells: "Who has been arrested?", "What happened?" (the
/// headings of an explainer), "Was the raid legal?". What it names is told elsewhere, with the
/// date and figures a question lacks.
fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')'))
        .ends_with('?')
}

/// Whether a protest trigger only restates a protest the sentence tells otherwise: "broke
/// into the compound in protest at a planned burning", "stopped eating in protest" (the
/// phrase gives the reason of the act it modifies, which is the protest itself), "marched
/// on the embassy, chanting slogans" (a participle telling how the protest went, alone or
/// after another: "waving flags and chanting"), and "a crowd gathered" (the gathering is the
/// crowd's).
fn part_of_another_protest(tree: &Tree, c: &Candidate, cands: &[Candidate]) -> bool {
    if c.sense.kind != EventType::Protest {
        return false;
    }
    let in_protest = c.pos == Pos::Noun
        && tree.case_of(c.token).as_deref() == Some("in")
        && !tree
            .children(c.token)
            .iter()
            .any(|&k| matches!(tree.base_rel(k), "det" | "nmod:poss" | "amod" | "nummod"));
    // The first of conjoined participles carries the relation ("waving flags and chanting").
    let mut first = c.token;
    while tree.base_rel(first) == "conj" {
        match tree.head(first) {
            Some(h) if tree.xpos(h) == "VBG" => first = h,
            _ => break,
        }
    }
    let other_protest = |o: &&Candidate| o.token != c.token && o.sense.kind == EventType::Protest;
    let manner = tree.xpos(c.token) == "VBG"
        && matches!(tree.base_rel(first), "advcl" | "acl" | "xcomp")
        && cands
            .iter()
            .filter(other_protest)
            .any(|o| tree.dominates(o.token, first));
    // "a crowd gathered outside the embassy": the gathering is the crowd's.
    let gathered = c.pos == Pos::Noun
        && tree.base_rel(c.token) == "nsubj"
        && cands
            .iter()
            .filter(other_protest)
            .any(|o| tree.head(c.token) == Some(o.token) && o.pos == Pos::Verb);
    in_protest || manner || gathered
}

/// Whether a trigger only tells the setting of another act of its own family in the sentence,
/// the act that report is about: "twelve people were detained in raids on 3 March", "held
/// during the sweep". A raid is how arrests are made, so a raid tied to an arrest is that
/// arrest however the sentence ties them: "raided homes and detained twelve", "held since
/// the raids on 3 March". The two are one happening; as two mentions of one sentence they
/// could never be linked together, and the reports of it would split between them.
fn setting_of_another_act(tree: &Tree, c: &Candidate, cands: &[Candidate]) -> bool {
    let family = taxonomy::contract_type(c.sense.kind);
    let raid = c.sense.kind == EventType::Raid;
    let acts: Vec<usize> = cands
        .iter()
        .filter(|o| {
            o.token != c.token
                && taxonomy::contract_type(o.sense.kind) == family
                && !(raid && o.sense.kind == EventType::Raid)
        })
        .map(|o| o.token)
        .collect();
    let head = tree.head(c.token);
    let setting = c.pos == Pos::Noun
        && match tree.case_of(c.token).as_deref() {
            Some("in" | "during") => true,
            Some("since" | "after") => raid,
            _ => false,
        };
    // The parser often hangs the phrase on the act's object instead ("detained eleven
    // people in raids").
    let under_act = |h: usize| {
        acts.contains(&h)
            || (tree.rel(c.token).starts_with("nmod")
                && tree.head(h).is_some_and(|g| acts.contains(&g)))
    };
    let conjoined = |o: usize| {
        (head == Some(o) && tree.base_rel(c.token) == "conj")
            || (tree.head(o) == Some(c.token) && tree.base_rel(o) == "conj")
    };
    (setting && head.is_some_and(under_act)) || (raid && acts.iter().any(|&o| conjoined(o)))
}

/// The date of a raid or round-up dropped as the setting of `c` ("Thursday's police raid on
/// the newsroom and the arrest of five executives", "detained eleven in raids on Monday"):
/// the setting and the act are one happening, so the act takes the day its setting gives.
fn setting_date(ctx: &Context, c: &Candidate, cands: &[Candidate]) -> Option<EventDate> {
    let tree = ctx.tree;
    cands
        .iter()
        .filter(|s| s.token != c.token && setting_of_another_act(tree, s, cands))
        .filter(|s| {
            let head = tree.head(s.token);
            head == Some(c.token)
                || head.and_then(|h| tree.head(h)) == Some(c.token)
                || tree.head(c.token) == Some(s.token)
        })
        .find_map(|s| date_of(ctx, s))
}

/// The kind of a bare noun whose sense hangs on what it acts on ("the expulsion was unusually
/// swift"), from the happening the text told before: the nearest earlier report of one of the
/// noun's senses by a word with the same choice of senses (the noun itself or its verb:
/// "Iraq expelled the Swedish ambassador"), or one whose patient that sense asks for
/// ("ordered the Swedish ambassador to leave"). `None` when the noun is not bare or nothing
/// before decides.
fn sense_told_before(
    tree: &Tree,
    lexicon: &Lexicon,
    c: &Candidate,
    before: &[EventMention],
) -> Option<EventType> {
    if c.pos != Pos::Noun
        || !c.sense.conditions.is_empty()
        || !patients(tree, c.token, c.pos).is_empty()
    {
        return None;
    }
    let choices = |lemma: &str, pos: Pos| {
        let mut kinds: Vec<EventType> = lexicon.senses(lemma, pos).iter().map(|s| s.kind).collect();
        kinds.sort_by_key(|k| *k as u8);
        kinds.dedup();
        kinds
    };
    let senses = lexicon.senses(tree.lemma(c.token), Pos::Noun);
    let own = choices(tree.lemma(c.token), Pos::Noun);
    if own.len() < 2 {
        return None;
    }
    let patient_fits = |e: &EventMention| {
        senses.iter().filter(|s| s.kind == e.kind).any(|s| {
            s.conditions.iter().any(|cond| match cond {
                Condition::Obj(words) => e.targets.iter().any(|t| {
                    t.text
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|w| words.iter().any(|x| x.eq_ignore_ascii_case(w)))
                }),
                _ => false,
            })
        })
    };
    let same_choice = |e: &EventMention| {
        tree.token_at(e.trigger.start).is_some_and(|k| {
            [Pos::Noun, Pos::Verb]
                .into_iter()
                .any(|pos| choices(tree.lemma(k), pos) == own)
        })
    };
    before
        .iter()
        .rev()
        .find(|e| own.contains(&e.kind) && (patient_fits(e) || same_choice(e)))
        .map(|e| e.kind)
}

fn mention(
    ctx: &Context,
    c: &Candidate,
    triggers: &[(usize, EventType)],
    single_attack: bool,
) -> EventMention {
    let tree = ctx.tree;
    let kind = c.sense.kind;
    let (agent_heads, target_heads) = roles(tree, c, triggers);
    // A raid's or an attack's object is often premises or vehicles: "dozens of homes",
    // "set dozens of vehicles ablaze" count no people, and the count is of people affected.
    let people_struck: Vec<usize>;
    let counted = match kind {
        EventType::Protest | EventType::HungerStrike => &agent_heads,
        EventType::Raid | EventType::Attack => {
            people_struck = target_heads
                .iter()
                .copied()
                .filter(|&n| {
                    // "dozens of activists": the number heads, the people hang off it.
                    let of_people = tree
                        .deps_exact(n, "nmod")
                        .any(|m| tree.is_person(m) && tree.case_of(m).as_deref() == Some("of"));
                    tree.is_person(n) || tree.upos(n) == "NUM" || of_people
                })
                .collect();
            &people_struck
        }
        // Envoys who leave or fly home are the ones the step befalls: "18 diplomats and
        // relatives flew home".
        EventType::Diplomatic if target_heads.is_empty() => &agent_heads,
        _ => &target_heads,
    };
    let mut count: Option<Count> = counts::count_of(tree, ctx.quantities, counted);
    // "seven of the people detained in Monday's raids": the number picks
    // some of the people the participle describes; it does not count them.
    if tree.base_rel(c.token) == "acl" {
        let partitive = tree
            .head(c.token)
            .filter(|&noun| tree.base_rel(noun) == "nmod")
            .and_then(|noun| tree.head(noun));
        if let (Some(number), Some(n)) = (partitive, &count) {
            let at = tree.doc.tokens[number].span;
            if n.span.start <= at.start && at.end <= n.span.end {
                count = None;
            }
        }
    }
    if count.is_none() && counts_people(kind) {
        count = counts::individuals(tree, counted);
    }
    if count.is_none() && c.pos == Pos::Noun {
        // "12 arrests", "two attacks": the number counts the events' people
        // only for round-ups; for other nouns it counts events.
        if kind == EventType::Arrest {
            count = counts::count_of(tree, ctx.quantities, &[c.token]);
        }
    }
    // "puts the number of people held at more than 4,000", "the number of arrests rose to
    // 31": the count is the value given to a measure noun the trigger fills in.
    if count.is_none() && counts_people(kind) {
        count = measure_filled_by(tree, c.token)
            .and_then(|m| counts::measured(tree, ctx.quantities, m))
            .map(|p| p.count.clone());
    }
    let (mut killed, mut injured) = (None, None);
    // A protest's own harm words give its casualties: "eight demonstrators were injured",
    // "a march in which two protesters died". Only words tied to the trigger in the parse:
    // a protest is not told as one attack, so the sentence's other harm is not its own.
    if kind == EventType::Protest {
        (killed, injured) = casualties(ctx, c, false);
    }
    if matches!(kind, EventType::Attack | EventType::Killing) {
        (killed, injured) = casualties(ctx, c, single_attack && kind == EventType::Attack);
        if killed.is_none() {
            killed = death_toll(ctx, c, single_attack && kind == EventType::Attack);
        }
        if kind == EventType::Killing && killed.is_none() {
            killed = count
                .as_ref()
                .and_then(|n| n.min.filter(|_| n.min == n.max));
        }
    }
    // Gunfire that kills is told, and read, as a killing: "opened fire on striking oil
    // workers, killing at least 14", "soldiers fired on the crowd; six people died". A bombing
    // or an ambush with dead stays an attack, and so does gunfire whose dead are only
    // somewhere in the sentence ("Shootings had continued; in one incident a man was killed").
    // Shots fired at a building ("opened fire in the embassy lobby, killing its guard") are an
    // attack on it: only gunfire aimed at people ("fired on protesters", "shot at the
    // crowd") becomes a killing.
    let kind = if kind == EventType::Attack
        && gunfire(tree, c)
        && (target_heads.iter().any(|&t| at_people(tree, t)) || aimed_at_people(tree, c))
        && casualties(ctx, c, false).0.is_some_and(|k| k > 0)
    {
        EventType::Killing
    } else {
        kind
    };
    let (attributed_to, claim) = match attribution(ctx, c) {
        Some((a, claim)) => (Some(a), claim),
        None => (None, false),
    };
    let modality = modality(ctx, c, &target_heads, claim);
    // A killing threatened, planned or denied has no dead to count ("threatened to kill him",
    // "vowed to kill 20 hostages", "did not kill two protesters"); a figure here would join
    // it to a killing that happened, and stand as a death toll in the merged event.
    if matches!(modality, Modality::Planned | Modality::Negated) {
        (killed, injured) = (None, None);
    }
    let sentence = tree.doc.sentences[tree.sentence_of(c.token)].span;
    let date = date_of(ctx, c)
        .or_else(|| entry_date(ctx, sentence).and_then(event_date))
        .or_else(|| {
            scene_date(ctx, c)
                .filter(|_| modality == Modality::Asserted)
                .and_then(event_date)
        });
    let date = date.map(|d| {
        if modality == Modality::Planned {
            ahead_when_called_for(ctx, c, d)
        } else {
            d
        }
    });
    let recent = date.is_none() && modality == Modality::Asserted && told_as_news(tree, c);
    let told_on = if date.is_none() && modality != Modality::Planned {
        speaker_date(ctx, support_verb(tree, c).unwrap_or(c.token)).and_then(event_date)
    } else {
        None
    };
    let running_total = count.is_some() && running_total(ctx, c.token);
    // "Three people died in Chattogram and two in Dhaka": a figure given place by place is a
    // part of the event's toll. It is kept for linking, and the merge does not take it for
    // the event's figure (parts joined to the counted participants were added up above).
    let figures_in_part = (count.is_some() || killed.is_some() || injured.is_some())
        && told_in_parts(ctx, c.token, counted);
    EventMention {
        kind,
        trigger: c.span,
        sentence,
        agents: parties(ctx, c, &agent_heads, false),
        targets: parties(ctx, c, &target_heads, true),
        place: place_of(tree, c, kind, &agent_heads, &target_heads),
        site: site_of(tree, c).or_else(|| struck_site(tree, kind, &target_heads)),
        date,
        count,
        killed,
        injured,
        reason: reason_of(tree, c),
        attributed_to,
        modality,
        recent,
        told_on,
        running_total,
        figures_in_part,
        repeated: told_as_repeated(tree, c.token),
    }
}

/// Whether a trigger is told as happening more than once or at an unknown earlier time: an
/// adverb of frequency or of any time ("repeatedly", "ever", "routinely"), a count of times or
/// occasions ("detained several times", "on three occasions"), or "in the past". News gives
/// such a history as background; it is not the happening another report tells.
fn told_as_repeated(tree: &Tree, trigger: usize) -> bool {
    tree.children(trigger)
        .iter()
        .any(|&k| match tree.base_rel(k) {
            "advmod" => matches!(
                tree.lower(k),
                "repeatedly" | "ever" | "routinely" | "regularly" | "frequently" | "often"
            ),
            "obl" => {
                let word = tree.lower(k);
                let counted = |noun: usize| {
                    tree.children(noun).iter().any(|&q| {
                        let rel = tree.base_rel(q);
                        (rel == "nummod" && tree.lower(q) != "one")
                            || (matches!(rel, "amod" | "det")
                                && matches!(
                                    tree.lower(q),
                                    "several"
                                        | "many"
                                        | "multiple"
                                        | "numerous"
                                        | "countless"
                                        | "few"
                                ))
                    })
                };
                (matches!(word, "times" | "occasions") && counted(k))
                    || (word == "past"
                        && tree.case_of(k).as_deref() == Some("in")
                        && tree.children(k).iter().any(|&q| tree.lower(q) == "the"))
            }
            _ => false,
        })
}

/// Whether a verb heads the main clause, a clause coordinated with it, or a clause a speech
/// verb in the past reports, or is coordinated with such a clause ("police said they raided
/// homes and detained twelve").
fn in_news_clause(tree: &Tree, verb: usize) -> bool {
    match tree.base_rel(verb) {
        "root" => true,
        "conj" => tree
            .head(verb)
            .is_some_and(|h| tree.upos(h) == "VERB" && in_news_clause(tree, h)),
        // "Police said they detained twelve"; "Calvena says they passed
        // secrets" is a standing claim about any time.
        "ccomp" => tree.head(verb).is_some_and(|h| {
            tree.rel(h) == "root"
                && tree.xpos(h) == "VBD"
                && crate::quotes::SPEECH_VERBS.contains(&tree.lemma(h))
        }),
        _ => false,
    }
}

/// Whether what a trigger counts runs up to the time of telling: a "since" phrase ("have
/// been arrested since mid-July"; "had arrested more than 1,200 since the curfew began", a
/// clause only in the perfect, as a causal "since" is not), or "so far", "to date", "thus
/// far".
fn running_total(ctx: &Context, trigger: usize) -> bool {
    let tree = ctx.tree;
    let perfect = tree.deps(trigger, "aux").any(|a| tree.lemma(a) == "have");
    // The parser often loses a "since" phrase at the end of a long sentence, so for a
    // perfect the time expressions suffice: one after the trigger in its sentence whose
    // signal the recogniser read as "since" ("have been arrested in Dhaka since mid-July on
    // charges ...").
    let sentence = tree.doc.sentences[tree.sentence_of(trigger)].span;
    let after = tree.doc.tokens[trigger].span.end;
    let since_time = perfect
        && ctx.timexes.iter().any(|x| {
            x.signal.is_some_and(|s| s.kind == SignalKind::Since)
                && after <= x.span.start
                && x.span.end <= sentence.end
        });
    if since_time {
        return true;
    }
    let since_phrase = tree
        .deps(trigger, "obl")
        .any(|o| tree.case_of(o).as_deref() == Some("since"));
    let since_clause = perfect
        && tree
            .deps(trigger, "advcl")
            .any(|v| tree.deps(v, "mark").any(|m| tree.lower(m) == "since"));
    // UD hangs "so" on "far".
    let so_far = tree.deps(trigger, "advmod").any(|a| {
        tree.lower(a) == "far"
            && tree
                .deps(a, "advmod")
                .any(|s| matches!(tree.lower(s), "so" | "thus"))
    }) || tree
        .deps(trigger, "obl")
        .any(|o| tree.lower(o) == "date" && tree.case_of(o).as_deref() == Some("to"));
    since_phrase || since_clause || so_far
}

/// The date of a planned happening named by a bare weekday hung on the happening itself:
/// "activists have called for fresh demonstrations on Tuesday", published on a Monday, means
/// the coming Tuesday. The weekday was resolved by the tense of the clause that calls for it
/// (the call has been made, so it looked back); what is called for lies ahead of the report.
fn ahead_when_called_for(ctx: &Context, c: &Candidate, d: EventDate) -> EventDate {
    let tree = ctx.tree;
    let Some(dct) = ctx.dct else { return d };
    let bare_weekday =
        storyline_model::WEEKDAY_NAMES.contains(&d.span.of(&tree.doc.text).to_lowercase().as_str());
    let on_trigger = tree
        .head_of(tree.tokens_in(d.span))
        .is_some_and(|th| tree.head(th) == Some(c.token));
    if !(bare_weekday && on_trigger && d.start < dct && d.start == d.end) {
        return d;
    }
    let day = Date::from_day_number(d.start.day_number() + 7);
    EventDate {
        start: day,
        end: day,
        ..d
    }
}

/// Whether the event is the main news of its sentence, told in the simple past or the present
/// perfect: its verb (the trigger, or the verb carrying a noun trigger, as in "held a rally")
/// heads the main clause, a clause coordinated with it, or a clause a speech verb in the past
/// reports ("police said they detained twelve"). A past perfect, a modal, a subordinate or relative
/// clause or a noun that only names the event ("the raids drew criticism") is background.
fn told_as_news(tree: &Tree, c: &Candidate) -> bool {
    let verb = support_verb(tree, c).unwrap_or(c.token);
    if tree.upos(verb) != "VERB" || clause_of(tree, verb) != verb {
        return false;
    }
    if !in_news_clause(tree, verb) {
        return false;
    }
    // "went on hunger strike for 41 days": a stretch that may have begun
    // long before the news of its end.
    if tree
        .children(verb)
        .iter()
        .chain(tree.children(c.token))
        .any(|&k| tree.case_of(k).as_deref() == Some("for") && is_time_unit(tree, k))
    {
        return false;
    }
    let mut finite = None;
    for &a in tree.children(verb) {
        if tree.base_rel(a) != "aux" {
            continue;
        }
        match tree.xpos(a) {
            // "would", "could", "may": not a report of what happened.
            "MD" => return false,
            // "had been held": earlier than the time of the story.
            "VBD" if tree.lemma(a) == "have" => return false,
            x => {
                finite.get_or_insert(x);
            }
        }
    }
    match finite {
        // "were detained", "have detained", "has been released".
        Some(x) => matches!(x, "VBD" | "VBZ" | "VBP"),
        // A main verb in -ed without an auxiliary is a simple past, or a
        // headline's ("Twelve detained in dawn raids"), whichever form the
        // tagger chose.
        None => matches!(tree.xpos(verb), "VBD" | "VBN"),
    }
}
