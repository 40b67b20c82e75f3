//! Pieces of a news sentence that the parser reads better apart: a closed apposition after
//! a name, and the speech tag that ends a report ("..., state media said on Saturday").
//!
//! News introduces people as "Alireza Akbari, a former deputy defence minister, was ..." or
//! "the court sentenced Ivan Petrov, an opposition activist, to five years". The treebank the
//! parser learns from (web text) has few of these, and the arc-eager parser, reading the
//! noun phrase between commas as the start of a new clause, loses the name's own role: it
//! made "Alireza" the root and "Ivan" a vocative. Parsed without the apposition, the same
//! sentences come out right, and a noun phrase parsed alone is easy. So the apposition is
//! cut out, both parts are parsed, and the apposition's head is grafted back onto the name
//! as `appos`, with its commas as `punct`, the way UD English attaches them.
//!
//! The speech tag is the same kind of trouble: "Police detained Ahmed Saleh, the ministry
//! said" was read with the name as a subject of "said". A sentence that ends in a comma, a
//! short subject and a speech verb is parsed as two parts, and the reported clause is
//! grafted onto the speech verb as `ccomp`, as the treebank annotates it.

use crate::parser::{Dep, Parser};
use crate::tagger::PosTag;
use crate::tags::Upos;

/// The longest apposition (words between the commas) this reads.
const MAX_WORDS: usize = 12;

/// Determiners that may open an apposition.
const OPENERS: &[&str] = &["a", "an", "the"];

/// Prepositions that may join a modifier to the apposition's head noun ("the editor of the
/// paper", "a lawyer for the family", "a spokesman at the ministry").
const LINKS: &[&str] = &["of", "for", "at", "in", "from", "with"];

/// One closed apposition: the comma after the name (`open`) and the comma that closes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Apposition {
    open: usize,
    close: usize,
}

/// Where the apposition that `words[open]` (a comma) opens would close, or `None` when what
/// follows the comma is not a plain noun phrase closed by a second comma, or by the final
/// full stop when `closed_by_end` (a reported clause whose closing comma was the speech
/// tag's).
fn closing_comma(
    words: &[&str],
    tags: &[PosTag<'_>],
    open: usize,
    closed_by_end: bool,
) -> Option<usize> {
    let first = open + 1;
    let opener = words.get(first)?.to_lowercase();
    if !OPENERS.contains(&opener.as_str()) {
        return None;
    }
    // The head noun is the last common noun before the first linking preposition.
    let mut head_seen = false;
    let mut linked = false;
    let mut last_nominal = false;
    let mut last_adjective = false;
    for k in first + 1..(first + 1 + MAX_WORDS).min(words.len()) {
        let w = words[k];
        let upos = tags[k].upos;
        let end = closed_by_end && k + 1 == words.len() && w == ".";
        if w == "," || end {
            // A phrase without a noun may end on an adjective used as one ("a dual
            // national", which the tagger reads as an adjective).
            let nominal = (last_nominal && head_seen) || (last_adjective && !head_seen && !linked);
            let closes = nominal && (end || k + 1 < words.len());
            // ", and" or ", or" after it makes a list ("Ann, a teacher, and Bob").
            let list = matches!(
                words.get(k + 1).map(|w| w.to_lowercase()).as_deref(),
                Some("and" | "or")
            );
            return (closes && !list).then_some(k);
        }
        last_adjective = upos == Upos::Adj;
        match upos {
            Upos::Noun => {
                head_seen |= !linked;
                last_nominal = true;
            }
            Upos::Propn | Upos::Num => last_nominal = true,
            Upos::Adj => last_nominal = false,
            Upos::Punct if w == "-" || w == "–" => last_nominal = false,
            Upos::Part if w == "'s" || w == "’s" => last_nominal = false,
            Upos::Adp if LINKS.contains(&w.to_lowercase().as_str()) && head_seen => {
                linked = true;
                last_nominal = false;
            }
            Upos::Det if linked && last_word_is_link(words, k) => last_nominal = false,
            _ => return None,
        }
    }
    None
}

fn last_word_is_link(words: &[&str], k: usize) -> bool {
    k > 0 && LINKS.contains(&words[k - 1].to_lowercase().as_str())
}

/// The closed appositions of a sentence, each right after a proper name, left to right.
fn appositions(words: &[&str], tags: &[PosTag<'_>], closed_by_end: bool) -> Vec<Apposition> {
    let mut found = Vec::new();
    let mut k = 1;
    while k < words.len() {
        if words[k] == "," && tags[k - 1].upos == Upos::Propn {
            if let Some(close) = closing_comma(words, tags, k, closed_by_end) {
                found.push(Apposition { open: k, close });
                k = close + 1;
                continue;
            }
        }
        k += 1;
    }
    found
}

/// Speech verbs that end a report in a speech tag, as written in the past or present. The ud
/// crate stands on no other storyline crate, so it keeps this short list of word forms
/// instead of the event lexicon's speech lemmas: it runs before lemmas are known.
const SPEECH_FORMS: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "told",
    "added",
    "stated",
    "announced",
    "claimed",
    "alleged",
    "confirmed",
    "wrote",
    "insisted",
    "warned",
];

/// The comma that sets off a closing speech tag ("..., the ministry said on Friday."), or
/// `None`. The tag is a short noun phrase, a speech verb and at most a short phrase of
/// time or manner; the part before the comma must hold a verb of its own.
fn speech_tag_comma(words: &[&str], tags: &[PosTag<'_>]) -> Option<usize> {
    let comma = words.iter().rposition(|&w| w == ",")?;
    let verb = (comma + 1..words.len()).find(|&k| SPEECH_FORMS.contains(&words[k]))?;
    let subject = comma + 1..verb;
    let nominal = |u: Upos| matches!(u, Upos::Noun | Upos::Propn | Upos::Pron);
    let subject_ok = (1..=6).contains(&subject.len())
        && subject
            .clone()
            .all(|k| nominal(tags[k].upos) || matches!(tags[k].upos, Upos::Det | Upos::Adj))
        && nominal(tags[verb - 1].upos);
    let rest_ok = (verb + 1..words.len()).all(|k| {
        matches!(
            tags[k].upos,
            Upos::Adp | Upos::Det | Upos::Noun | Upos::Propn | Upos::Num | Upos::Adj | Upos::Adv
        ) || (k + 1 == words.len() && tags[k].upos == Upos::Punct)
    }) && words.len() - verb <= 6;
    let clause_ok =
        comma >= 3 && (0..comma).any(|k| matches!(tags[k].upos, Upos::Verb | Upos::Aux));
    let quoted = words[..comma]
        .iter()
        .any(|w| matches!(*w, "\"" | "“" | "”" | "``" | "''"));
    (subject_ok && rest_ok && clause_ok && !quoted).then_some(comma)
}

/// Parses a sentence with a closing speech tag and each closed apposition after a name
/// parsed apart and grafted back (see the module doc). A sentence without either is
/// parsed as it is.
pub(crate) fn parse<'p, S: AsRef<str>>(
    parser: &'p Parser,
    words: &[S],
    tags: &[PosTag<'_>],
) -> Vec<Dep<'p>> {
    let plain: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    let Some(comma) = speech_tag_comma(&plain, tags) else {
        return parse_appositions_apart(parser, &plain, tags, false);
    };
    // The tag first: unless the parser reads its speech verb as its root, the sentence is
    // parsed whole as usual, and the clause need not be parsed at all.
    let tag = parser.parse(&plain[comma + 1..], &tags[comma + 1..]);
    let say = tag.iter().position(|d| d.head == 0);
    let Some(say) = say.filter(|&v| SPEECH_FORMS.contains(&plain[comma + 1 + v])) else {
        return parse_appositions_apart(parser, &plain, tags, false);
    };
    // The reported clause is parsed as a sentence of its own, full stop included: without
    // one the parser, trained on whole sentences, made "Police detained Ahmed Saleh" a
    // phrase headed by the name.
    let mut clause: Vec<&str> = plain[..comma].to_vec();
    clause.push(".");
    let mut clause_tags: Vec<PosTag<'_>> = tags[..comma].to_vec();
    clause_tags.push(PosTag {
        upos: Upos::Punct,
        xpos: ".",
    });
    let mut deps = parse_appositions_apart(parser, &clause, &clause_tags, true);
    deps.pop();
    let clause_root = deps.iter().position(|d| d.head == 0).unwrap_or(0);
    for d in deps.iter_mut() {
        if d.head == comma + 1 {
            d.head = clause_root + 1;
        }
    }
    deps[clause_root] = Dep {
        head: comma + 2 + say,
        deprel: "ccomp",
    };
    deps.push(Dep {
        head: clause_root + 1,
        deprel: "punct",
    });
    deps.extend(tag.into_iter().map(|d| Dep {
        head: if d.head == 0 { 0 } else { d.head + comma + 1 },
        deprel: d.deprel,
    }));
    deps
}

/// Parses a sentence with each closed apposition after a name parsed apart and grafted
/// back; `closed_by_end` as for [`closing_comma`].
fn parse_appositions_apart<'p>(
    parser: &'p Parser,
    plain: &[&str],
    tags: &[PosTag<'_>],
    closed_by_end: bool,
) -> Vec<Dep<'p>> {
    let found = appositions(plain, tags, closed_by_end);
    if found.is_empty() {
        return parser.parse(plain, tags);
    }
    // A closing comma goes with the apposition; a closing full stop stays the sentence's.
    let closes_with_comma = |a: &Apposition| plain[a.close] == ",";
    let inside = |k: usize| {
        found
            .iter()
            .any(|a| k >= a.open && (k < a.close || (k == a.close && closes_with_comma(a))))
    };
    // The sentence without its appositions, and where each kept word came from.
    let kept: Vec<usize> = (0..plain.len()).filter(|&k| !inside(k)).collect();
    let main = parser.parse(
        &kept.iter().map(|&k| plain[k]).collect::<Vec<_>>(),
        &kept.iter().map(|&k| tags[k]).collect::<Vec<_>>(),
    );
    let mut deps: Vec<Dep<'p>> = vec![
        Dep {
            head: 0,
            deprel: "dep"
        };
        plain.len()
    ];
    for (d, &k) in main.iter().zip(&kept) {
        deps[k] = Dep {
            head: if d.head == 0 { 0 } else { kept[d.head - 1] + 1 },
            deprel: d.deprel,
        };
    }
    for a in &found {
        let name = name_head(&deps, tags, a.open);
        let range = a.open + 1..a.close;
        let inner = parser.parse(&plain[range.clone()], &tags[range.clone()]);
        let mut root = range.start;
        for (d, k) in inner.iter().zip(range.clone()) {
            if d.head == 0 {
                root = k;
                deps[k] = Dep {
                    head: name + 1,
                    deprel: "appos",
                };
            } else {
                deps[k] = Dep {
                    head: range.start + d.head,
                    deprel: d.deprel,
                };
            }
        }
        for comma in [a.open, a.close] {
            if plain[comma] != "," {
                continue;
            }
            deps[comma] = Dep {
                head: root + 1,
                deprel: "punct",
            };
        }
    }
    deps
}

/// The head word of the name that ends right before `comma`: the last proper noun's
/// ancestor that is still a proper noun of the same run.
fn name_head(deps: &[Dep<'_>], tags: &[PosTag<'_>], comma: usize) -> usize {
    let mut start = comma - 1;
    while start > 0 && tags[start - 1].upos == Upos::Propn {
        start -= 1;
    }
    let run = start..comma;
    let mut k = comma - 1;
    for _ in 0..run.len() {
        let head = deps[k].head;
        if head == 0 || !run.contains(&(head - 1)) {
            break;
        }
        k = head - 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(spec: &str) -> (Vec<&str>, Vec<PosTag<'static>>) {
        spec.split_whitespace()
            .map(|wt| {
                let (w, t) = wt.rsplit_once('/').unwrap();
                (
                    w,
                    PosTag {
                        upos: Upos::parse(t).unwrap(),
                        xpos: "_",
                    },
                )
            })
            .unzip()
    }

    #[test]
    fn finds_an_apposition_closed_by_a_comma_after_a_name() {
        let (w, t) = tagged(
            "Authorities/NOUN executed/VERB Alireza/PROPN Akbari/PROPN ,/PUNCT a/DET former/ADJ \
             deputy/NOUN defence/NOUN minister/NOUN ,/PUNCT on/ADP Saturday/PROPN ./PUNCT",
        );
        assert_eq!(
            appositions(&w, &t, false),
            vec![Apposition { open: 4, close: 10 }]
        );
    }

    #[test]
    fn an_apposition_may_end_on_an_adjective_used_as_a_noun() {
        let (w, t) = tagged(
            "Iran/PROPN has/AUX executed/VERB Alireza/PROPN Akbari/PROPN ,/PUNCT a/DET \
             British/ADJ -/PUNCT Iranian/ADJ dual/ADJ national/ADJ ,/PUNCT state/NOUN \
             media/NOUN said/VERB ./PUNCT",
        );
        assert_eq!(
            appositions(&w, &t, false),
            vec![Apposition { open: 5, close: 12 }]
        );
    }

    #[test]
    fn a_linked_modifier_stays_inside_the_apposition() {
        let (w, t) = tagged(
            "Police/NOUN detained/VERB Ahmed/PROPN Saleh/PROPN ,/PUNCT the/DET editor/NOUN \
             of/ADP the/DET newspaper/NOUN ,/PUNCT on/ADP Friday/PROPN ./PUNCT",
        );
        assert_eq!(
            appositions(&w, &t, false),
            vec![Apposition { open: 4, close: 10 }]
        );
    }

    #[test]
    fn lists_clauses_and_unclosed_phrases_are_not_appositions() {
        for spec in [
            // a list of people
            "Ann/PROPN ,/PUNCT a/DET teacher/NOUN ,/PUNCT and/CCONJ Bob/PROPN left/VERB ./PUNCT",
            // a clause after the comma
            "Ann/PROPN ,/PUNCT the/DET police/NOUN said/VERB ,/PUNCT left/VERB ./PUNCT",
            // closed by the sentence's end, not a comma
            "They/PRON met/VERB Ann/PROPN ,/PUNCT a/DET teacher/NOUN ./PUNCT",
            // no determiner opens it
            "Paris/PROPN ,/PUNCT London/PROPN ,/PUNCT and/CCONJ Rome/PROPN ./PUNCT",
            // ends on an adjective
            "Ann/PROPN ,/PUNCT a/DET teacher/NOUN so/ADV tired/ADJ ,/PUNCT left/VERB ./PUNCT",
        ] {
            let (w, t) = tagged(spec);
            assert!(appositions(&w, &t, false).is_empty(), "{spec}");
        }
    }

    #[test]
    fn a_closing_speech_tag_is_found_after_a_clause() {
        let (w, t) = tagged(
            "Police/NOUN detained/VERB Ahmed/PROPN Saleh/PROPN ,/PUNCT the/DET ministry/NOUN \
             said/VERB on/ADP Friday/PROPN ./PUNCT",
        );
        assert_eq!(speech_tag_comma(&w, &t), Some(4));
        for spec in [
            // no clause before the comma
            "Yes/INTJ ,/PUNCT he/PRON said/VERB ./PUNCT",
            // the tag goes on with a clause of its own
            "Police/NOUN left/VERB ,/PUNCT he/PRON said/VERB that/SCONJ it/PRON rained/VERB ./PUNCT",
            // a quotation before it is left to the parser
            "\"/PUNCT We/PRON left/VERB ,/PUNCT \"/PUNCT he/PRON said/VERB ./PUNCT",
            // the comma sets off something else
            "Police/NOUN detained/VERB Ann/PROPN ,/PUNCT who/PRON said/VERB nothing/PRON ./PUNCT",
        ] {
            let (w, t) = tagged(spec);
            assert_eq!(speech_tag_comma(&w, &t), None, "{spec}");
        }
    }

    #[test]
    fn name_head_climbs_the_names_own_words_only() {
        let (_, t) = tagged("saw/VERB Ivan/PROPN Petrov/PROPN ,/PUNCT");
        // Ivan -> saw (obj), Petrov -> Ivan (flat)
        let deps = vec![
            Dep {
                head: 0,
                deprel: "root",
            },
            Dep {
                head: 1,
                deprel: "obj",
            },
            Dep {
                head: 2,
                deprel: "flat",
            },
            Dep {
                head: 2,
                deprel: "punct",
            },
        ];
        assert_eq!(name_head(&deps, &t, 3), 1);
    }
}
