//! Direct quotations and their speakers.
//!
//! Quote marks are paired within a paragraph (curly marks by direction,
//! straight ones in alternation). A quotation is a speech report only when
//! it reads like speech: a scare-quoted phrase ("a 'show trial'") is two or
//! three words without sentence punctuation and is skipped. The speaker is
//! the subject of a speech verb in the same sentence outside the quote ("…,"
//! her lawyer said), or of the sentence that introduces it ("X said:").

use crate::syntax::Tree;
use storyline_model::doc::EntityLabel;
use storyline_model::event::{Argument, Quote};
use storyline_model::Span;

/// Verbs that report speech or writing.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "write",
    "declare",
    "insist",
    "warn",
    "shout",
    "ask",
    "reply",
    "explain",
    "note",
    "tweet",
    "post",
    "continue",
    "argue",
    "claim",
    "announce",
    "told",
    "respond",
    "answer",
    "recall",
    "conclude",
    "testify",
    "plead",
    "scream",
    "cry",
    "chant",
    "vow",
    "acknowledge",
    "admit",
    "complain",
    "urge",
    "caution",
    "stress",
];

/// Quotation spans (without the marks) in `text` that read like speech.
pub fn quote_spans(text: &str) -> Vec<Span> {
    let mut out = storyline_model::quotation_spans(text);
    out.retain(|s| reads_like_speech(s.of(text)));
    out
}

fn reads_like_speech(quoted: &str) -> bool {
    let words = quoted.split_whitespace().count();
    words >= 4 || (words >= 2 && quoted.trim_end().ends_with(['.', ',', '!', '?']))
}

/// Quotes in a parsed document, with speakers where the parse shows them.
pub fn find(tree: &Tree) -> Vec<Quote> {
    let doc = tree.doc;
    let mut quotes = Vec::new();
    for span in quote_spans(&doc.text) {
        let inside = tree.tokens_in(span);
        // Sentences the quote starts or ends in.
        let first = tree.token_at(span.start).or(Some(inside.start));
        let last = inside.end.checked_sub(1);
        let mut sentences: Vec<usize> = [first, last]
            .into_iter()
            .flatten()
            .filter(|&t| t < tree.len())
            .map(|t| tree.sentence_of(t))
            .collect();
        sentences.dedup();
        let mut best: Option<(usize, usize)> = None; // (distance, verb)
        for &s in &sentences {
            for v in doc.sentences[s].tokens.clone() {
                if inside.contains(&v)
                    || !SPEECH_VERBS.contains(&tree.lemma(v))
                    || !matches!(tree.upos(v), "VERB" | "AUX")
                {
                    continue;
                }
                let distance = if v < inside.start {
                    inside.start - v
                } else {
                    v.saturating_sub(inside.end)
                };
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, v));
                }
            }
        }
        let (speaker, cue) = match best {
            Some((_, v)) => (speaker_of(tree, v), Some(doc.tokens[v].span)),
            None => (None, None),
        };
        quotes.push(Quote { span, speaker, cue });
    }
    quotes
}

/// The subject of a speech verb, pronouns resolved to the last fitting name.
pub fn speaker_of(tree: &Tree, verb: usize) -> Option<Argument> {
    let subject = tree
        .deps(verb, "nsubj")
        .find(|&s| !crate::extract::is_time_unit(tree, s))
        .or_else(|| tree.deps(verb, "obl:agent").next())?;
    Some(name_of(tree, subject))
}

/// The phrase naming `i`; a personal pronoun is replaced by the nearest
/// earlier name that fits it (a person for he/she, an organisation or place
/// for it/they), since "he said" credits whoever "he" is.
pub fn name_of(tree: &Tree, i: usize) -> Argument {
    if tree.is_pronoun(i) {
        if let Some(span) = antecedent(tree, i) {
            return tree.argument(span);
        }
    }
    tree.argument(tree.phrase(i))
}

/// The subject of the main clause of the sentence before `i`'s, when it is a noun.
fn previous_subject(tree: &Tree, i: usize) -> Option<usize> {
    let sentence = tree.sentence_of(i).checked_sub(1)?;
    let root = tree.doc.sentences[sentence]
        .tokens
        .clone()
        .find(|&t| tree.head(t).is_none() && !tree.rel(t).is_empty())?;
    crate::extract::subjects(tree, root)
        .into_iter()
        .find(|&s| matches!(tree.upos(s), "NOUN" | "PROPN" | "NUM"))
}

fn antecedent(tree: &Tree, i: usize) -> Option<Span> {
    let word = tree.lower(i);
    let wanted: &[EntityLabel] = match word {
        "he" | "she" | "him" | "her" | "his" => &[EntityLabel::Per],
        "it" | "they" | "them" | "its" => &[EntityLabel::Org, EntityLabel::Loc],
        _ => return None,
    };
    // "Kaldoria recalled its envoy and said it would close ...": the subject
    // of a reported clause is most often the one reporting it.
    if tree.base_rel(i) == "nsubj" {
        let reporter = tree
            .head(i)
            .filter(|&v| tree.rel(v) == "ccomp")
            .and_then(|v| tree.head(v))
            .and_then(|w| {
                crate::extract::subjects(tree, w)
                    .into_iter()
                    .find(|&s| !crate::extract::is_time_unit(tree, s))
            })
            .filter(|&s| !tree.is_pronoun(s));
        if let Some(s) = reporter {
            let person = tree.is_person(s);
            // "They threw stones, a witness said": one witness is not "they".
            let plural = matches!(tree.xpos(s), "NNS" | "NNPS");
            let agrees = match word {
                "they" | "them" => plural || tree.entity_label(s).is_some(),
                // "Her lawyers said she had been held": a singular pronoun is not a
                // plural reporter.
                "it" | "its" | "he" | "she" | "him" | "her" | "his" => !plural,
                _ => true,
            };
            let fits = agrees
                && if wanted.contains(&EntityLabel::Per) {
                    person
                } else {
                    !person && matches!(tree.upos(s), "PROPN" | "NOUN")
                };
            if fits {
                return Some(tree.phrase(s));
            }
        }
    }
    // "Hundreds of people moved on to the party's headquarters. They threw stones": a
    // subject "they" most often goes on with the group the last sentence was about.
    if word == "they" && tree.base_rel(i) == "nsubj" {
        if let Some(s) = previous_subject(tree, i).filter(|&s| {
            matches!(tree.xpos(s), "NNS" | "NNPS" | "CD") && !crate::extract::is_time_unit(tree, s)
        }) {
            return Some(tree.phrase(s));
        }
    }
    let at = tree.doc.tokens[i].span.start;
    let entities = &tree.doc.entities;
    let text = &tree.doc.text;
    // "he" is not a person the text calls Mrs or someone's wife, nor "her" a Mr.
    let pronoun_sex = match word {
        "he" | "him" | "his" => Some(Sex::Male),
        "she" | "her" => Some(Sex::Female),
        _ => None,
    };
    // Only a gendered pronoun needs the names' evidence, which reads every person mention.
    let fits_sex =
        |name: &str| pronoun_sex.is_none_or(|p| stated_sex(tree, name).is_none_or(|n| n == p));
    // "Since then the president has tried to regain the initiative. On 11 July he dismissed
    // his cabinet": a he or she going on with the sentence before, whose subject is "the
    // president" with nothing before the title, is the person the text names with that
    // title ("President William Ruto"), not whoever was named last.
    if matches!(word, "he" | "she") && tree.base_rel(i) == "nsubj" {
        let title = previous_subject(tree, i)
            .filter(|&s| {
                tree.upos(s) == "NOUN"
                    && crate::syntax::is_official_title(tree.lemma(s))
                    && tree.deps(s, "det").any(|d| tree.lower(d) == "the")
                    // "the ousted president", "the former minister": not the one the
                    // title names now.
                    && tree.deps(s, "amod").next().is_none()
                    && tree.deps(s, "compound").next().is_none()
            })
            .map(|s| tree.lemma(s));
        let titled = title.and_then(|title| {
            entities.iter().rev().find(|e| {
                e.label == EntityLabel::Per
                    && e.span.end <= at
                    && fits_sex(e.span.of(text))
                    && text[..e.span.start]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| w.trim_end_matches('.').eq_ignore_ascii_case(title))
            })
        });
        if let Some(e) = titled {
            return Some(e.span);
        }
    }
    // The nearest earlier mention; a person is named by a fuller mention sharing its last
    // word (so "Fenn" becomes "Elias Fenn"). Where two people share a surname (a mayor and
    // his wife), the one named most often is the one the story is about, and of two named
    // as often, the one named first: news introduces its main figure before the others.
    let e = entities.iter().rev().find(|e| {
        e.span.end <= at
            && wanted.contains(&e.label)
            && (e.label != EntityLabel::Per || fits_sex(e.span.of(text)))
    })?;
    // "raided the home of Cristiana Chamorro and confined her there": a full name earlier in
    // the pronoun's own sentence is the one it takes up, whoever else bears the surname.
    let same_sentence = tree
        .token_at(e.span.start)
        .is_some_and(|k| tree.sentence_of(k) == tree.sentence_of(i));
    if e.label == EntityLabel::Per && !(same_sentence && strip_title(e.span.of(text)).contains(' '))
    {
        let last = e.span.of(text).split_whitespace().last()?;
        // Each name of the surname with how often it is written and its first span, in the
        // order of first mention.
        let mut names: Vec<(&str, usize, Span)> = Vec::new();
        for f in entities
            .iter()
            .filter(|f| f.label == EntityLabel::Per && f.span.end <= at)
            .filter(|f| f.span.of(text).split_whitespace().last() == Some(last))
            .filter(|f| fits_sex(f.span.of(text)))
        {
            let name = f.span.of(text);
            match names.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, times, _)) => *times += 1,
                None => names.push((name, 1, f.span)),
            }
        }
        // The surname alone stands for a fuller name when there is one.
        let longest = names.iter().map(|(n, _, _)| n.len()).max()?;
        return names
            .iter()
            .filter(|(n, _, _)| n.contains(' ') || n.len() == longest)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.start.cmp(&a.2.start)))
            .map(|(_, _, span)| *span);
    }
    Some(e.span)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
}

/// What the document itself says of a person's sex: a courtesy or noble title written with
/// the name ("Mr Ortega", "Queen Rania") or a kinship noun right before it ("his wife Anna
/// Brenner", "her son Noureddin"). Any mention of the same name counts, so one "Mrs Voss"
/// settles "Ana Voss" named without it. Mixed or no evidence says nothing.
fn stated_sex(tree: &Tree, name: &str) -> Option<Sex> {
    let text = &tree.doc.text;
    let bare = strip_title(name);
    let (mut male, mut female) = (false, false);
    for e in tree
        .doc
        .entities
        .iter()
        .filter(|e| e.label == EntityLabel::Per)
    {
        let mention = e.span.of(text);
        if strip_title(mention) != bare {
            continue;
        }
        let words = tree.tokens_in(e.span);
        // A title may be inside the mention or just before it; a kinship noun only before.
        if let Some(w) = words.start.checked_sub(1).map(|k| tree.lower(k)) {
            if let Some(sex) = title_sex(w).or_else(|| kin_sex(w)) {
                male |= sex == Sex::Male;
                female |= sex == Sex::Female;
            }
        }
        if let Some(sex) = (!words.is_empty())
            .then(|| tree.lower(words.start))
            .and_then(title_sex)
        {
            male |= sex == Sex::Male;
            female |= sex == Sex::Female;
        }
    }
    match (male, female) {
        (true, false) => Some(Sex::Male),
        (false, true) => Some(Sex::Female),
        _ => None,
    }
}

/// A name without a leading courtesy or noble title, so "Mr Ortega" and "Ortega" compare
/// equal. Only titles are taken off: a name may begin with a kinship word ("Son Heung-min").
fn strip_title(name: &str) -> &str {
    match name.split_once(' ') {
        Some((first, rest)) if title_sex(&first.to_lowercase()).is_some() => rest,
        _ => name,
    }
}

/// The sex a courtesy or noble title gives ("mr", "Mrs.", "queen"), from a lower-cased word.
fn title_sex(word: &str) -> Option<Sex> {
    let w = word.trim_end_matches('.');
    if ["mr", "sir", "lord", "king", "prince"].contains(&w) {
        Some(Sex::Male)
    } else if [
        "mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess",
    ]
    .contains(&w)
    {
        Some(Sex::Female)
    } else {
        None
    }
}

/// The sex a kinship noun before a name gives ("his wife Anna Brenner").
fn kin_sex(word: &str) -> Option<Sex> {
    const MALE: &[&str] = &[
        "husband",
        "son",
        "brother",
        "father",
        "widower",
        "boyfriend",
        "nephew",
        "uncle",
        "grandson",
        "grandfather",
    ];
    const FEMALE: &[&str] = &[
        "wife",
        "daughter",
        "sister",
        "mother",
        "widow",
        "girlfriend",
        "niece",
        "aunt",
        "granddaughter",
        "grandmother",
    ];
    if MALE.contains(&word) {
        Some(Sex::Male)
    } else if FEMALE.contains(&word) {
        Some(Sex::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod sex_tests {
    use super::*;

    #[test]
    fn only_titles_come_off_a_name() {
        assert_eq!(strip_title("Mr. Ortega"), "Ortega");
        assert_eq!(strip_title("Queen Rania"), "Rania");
        // A kinship word that begins a name is part of it.
        assert_eq!(strip_title("Son Heung-min"), "Son Heung-min");
        assert_eq!(kin_sex("son"), Some(Sex::Male));
        assert_eq!(title_sex("son"), None);
    }
}
