//! The tense of the clause a time expression sits in, from the tokens around
//! it (until a part-of-speech tagger is available), and the hook through which
//! a tagger's output can replace the guess.

use crate::tokens::{Kind, Toks};
use crate::Tense;
use storyline_model::doc::Doc;
use storyline_model::Span;

/// What the tense finder reports: the tense, and the verb (or noun) that
/// decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenseGuess {
    pub tense: Option<Tense>,
    pub governor: Option<Span>,
}

/// Supplies the tense governing a time expression. The default,
/// [`Heuristic`], reads the words around; [`TaggedDoc`] uses a tagged and
/// (optionally) parsed [`Doc`].
pub trait TenseSource {
    /// The tense of the clause in which `span` (a time expression in `text`) sits.
    fn tense(&self, text: &str, span: Span) -> TenseGuess;
}

/// Tense from the tokens around: will/shall/'ll/going to/would → future;
/// was/were/had/did/-ed/irregular past forms/"said" → past; scheduling
/// present ("meets on Monday", "is scheduled for") → future.
#[derive(Debug, Default, Clone, Copy)]
pub struct Heuristic;

impl TenseSource for Heuristic {
    fn tense(&self, text: &str, span: Span) -> TenseGuess {
        let toks = Toks::new(text);
        let first = toks.at_byte(span.start).unwrap_or(0);
        let end = toks.ending_at(span.end).map_or(first + 1, |e| e + 1);
        guess(&toks, first, end)
    }
}

/// Uses Penn Treebank tags (`xpos`) and, when present, heads from a parsed
/// [`Doc`] over the same text: the verb the expression depends on decides.
pub struct TaggedDoc<'a> {
    pub doc: &'a Doc,
}

impl TenseSource for TaggedDoc<'_> {
    fn tense(&self, _text: &str, span: Span) -> TenseGuess {
        let doc = self.doc;
        let toks = &doc.tokens;
        let Some(first) = toks.iter().position(|t| t.span.start >= span.start) else {
            return TenseGuess {
                tense: None,
                governor: None,
            };
        };
        let sentence = doc
            .sentences
            .iter()
            .find(|s| s.tokens.contains(&first))
            .map(|s| s.tokens.clone())
            .unwrap_or(0..toks.len());
        // Follow heads from the expression to the first verb.
        let mut verb = None;
        let mut at = Some(first);
        for _ in 0..6 {
            let Some(i) = at else { break };
            if toks[i].xpos.starts_with("VB") && toks[i].span.start >= span.end {
                verb = Some(i);
                break;
            }
            if toks[i].xpos.starts_with("VB") && toks[i].span.end <= span.start {
                verb = Some(i);
                break;
            }
            at = toks[i].head;
        }
        // Else the nearest verb to the left in the sentence, then to the right.
        if verb.is_none() {
            verb = (sentence.start..first)
                .rev()
                .find(|&i| toks[i].xpos.starts_with("VB") || toks[i].xpos == "MD")
                .or_else(|| {
                    (first..sentence.end)
                        .find(|&i| toks[i].span.start >= span.end && toks[i].xpos.starts_with("VB"))
                });
        }
        let Some(v) = verb else {
            return TenseGuess {
                tense: None,
                governor: None,
            };
        };
        let mut tense = None;
        // A to-infinitive is ahead of the clause it hangs from: "is expected to rule on
        // Thursday", "is to visit", "has decided to meet" look forward from the present; after
        // a past verb ("planned to meet on Thursday", "was due to") it is told as past.
        if toks[v].xpos == "VB" && v > sentence.start {
            let to = v - 1;
            if toks[to].xpos == "TO" {
                let lo = to.saturating_sub(4).max(sentence.start);
                for i in (lo..to).rev() {
                    match toks[i].xpos.as_str() {
                        "VBD" => {
                            tense = Some(Tense::Past);
                            break;
                        }
                        "VBZ" | "VBP" | "MD" => {
                            tense = Some(Tense::Future);
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
        // Else auxiliaries before the verb decide first.
        if tense.is_none() {
            let lo = v.saturating_sub(4).max(sentence.start);
            for i in (lo..v).rev() {
                let w = toks[i].span.of(&doc.text).to_ascii_lowercase();
                match w.as_str() {
                    "will" | "shall" | "'ll" | "wo" | "would" => {
                        tense = Some(Tense::Future);
                        break;
                    }
                    _ => {}
                }
                match toks[i].xpos.as_str() {
                    "VBD" => {
                        tense = Some(Tense::Past);
                        break;
                    }
                    "VBZ" | "VBP" if matches!(w.as_str(), "has" | "have") => {
                        tense = Some(Tense::Past);
                        break;
                    }
                    _ => {}
                }
            }
        }
        let tense = tense.or(match toks[v].xpos.as_str() {
            "VBD" | "VBN" => Some(Tense::Past),
            "VBZ" | "VBP" => Some(Tense::Present),
            "MD" => Some(Tense::Future),
            _ => None,
        });
        TenseGuess {
            tense,
            governor: Some(toks[v].span),
        }
    }
}

const FUTURE: &[&str] = &[
    "will", "shall", "ll", "wo", "would", "gonna", "must", "should", "may", "might", "can",
];
const PAST_AUX: &[&str] = &[
    "was", "were", "had", "did", "been", "wasn", "weren", "didn", "hadn",
];
const PRESENT_AUX: &[&str] = &["is", "are", "am"];
/// Participles that look past but announce a plan.
const PLANNED: &[&str] = &[
    "scheduled",
    "expected",
    "planned",
    "slated",
    "set",
    "due",
    "poised",
    "likely",
    "supposed",
];
/// Verbs in the present that schedule: "meets on Monday".
const SCHEDULE: &[&str] = &[
    "meets",
    "meet",
    "begins",
    "begin",
    "starts",
    "start",
    "opens",
    "open",
    "closes",
    "ends",
    "arrives",
    "arrive",
    "leaves",
    "departs",
    "returns",
    "resumes",
    "resume",
    "expires",
    "launches",
    "visits",
    "heads",
    "travels",
    "plays",
    "faces",
    "hosts",
    "convenes",
    "votes",
    "vote",
    "takes",
    "goes",
    "holds",
    "kicks",
    "gets",
    "testifies",
    "speaks",
    "delivers",
    "unveils",
    "release",
    "releases",
    "reports",
    "announces",
    "decides",
    "rules",
    "sentences",
    "hears",
    "debates",
];
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "told",
    "went",
    "came",
    "took",
    "made",
    "got",
    "gave",
    "found",
    "left",
    "met",
    "began",
    "held",
    "rose",
    "fell",
    "sold",
    "bought",
    "won",
    "lost",
    "paid",
    "brought",
    "thought",
    "saw",
    "knew",
    "became",
    "ran",
    "led",
    "struck",
    "shot",
    "spoke",
    "wrote",
    "broke",
    "kept",
    "sent",
    "spent",
    "built",
    "stood",
    "fought",
    "caught",
    "taught",
    "flew",
    "drove",
    "ate",
    "grew",
    "threw",
    "wore",
    "chose",
    "froze",
    "stole",
    "swore",
    "sank",
    "rang",
    "sang",
    "forgot",
    "fled",
    "fed",
    "slid",
    "meant",
    "heard",
    "felt",
    "sought",
    "dealt",
    "lay",
    "laid",
    "hid",
    "bit",
    "drew",
    "overtook",
    "withdrew",
    "undertook",
    "swept",
    "slept",
    "wept",
    "lent",
    "bent",
    "dug",
    "struck",
    "stuck",
    "strove",
    "arose",
    "awoke",
    "beat",
    "became",
    "forbade",
    "forgave",
    "froze",
    "shook",
    "spun",
    "sprang",
    "stank",
    "swam",
    "tore",
    "woke",
    "wound",
    "did",
    "had",
    "was",
    "were",
];
/// Words in -ed that are not past verbs.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "bed",
    "red",
    "shed",
    "seed",
    "feed",
    "weed",
    "breed",
    "greed",
    "creed",
    "reed",
    "hundred",
    "united",
    "proceed",
    "succeed",
    "exceed",
    "indeed",
    "steed",
    "bleed",
    "deed",
    "led",
    "wed",
    "fred",
    "ted",
    "ned",
    "ed",
    "sled",
    "bred",
    "fled",
    "limited",
    "related",
    "based",
    "advanced",
    "detailed",
    "married",
    "interested",
    "concerned",
    "alleged",
    "so-called",
    "naked",
    "wicked",
    "sacred",
    "kindred",
    "rugged",
    "ragged",
    "beloved",
    "learned",
    "aged",
    "embed",
    "biased",
    "skilled",
    "unprecedented",
    "unexpected",
    "unidentified",
    "unnamed",
    "armed",
    "masked",
    "elected",
    "renewed",
    "infrared",
    "televised",
    "proposed",
    "planned",
    "scheduled",
    "expected",
    "supposed",
    "required",
    "desired",
    "united",
    "allied",
    "tired",
];
/// Clause limits inside a sentence (sentence ends are found by the tokenizer).
const CLAUSE_END: &[&str] = &[";", ":", "\"", "“", "”", "(", ")", "--"];

/// The tense of the clause around tokens `first..end`.
pub(crate) fn guess(t: &Toks, first: usize, end: usize) -> TenseGuess {
    let s = t.sentence(first);
    // Leftwards within the clause, nearest cue first.
    let mut i = first;
    let mut steps = 0;
    while i > 0 && steps < 14 {
        i -= 1;
        steps += 1;
        if t.sentence(i) != s
            || CLAUSE_END.contains(&t.w(i))
            || t.is(i, "`")
            || (t.is(i, "'") && !t.glued(i + 1))
        {
            break;
        }
        if let Some(g) = cue(t, i, true) {
            return g;
        }
    }
    // Rightwards, for fronted expressions ("On Thursday, police arrested ...").
    let mut i = end;
    let mut steps = 0;
    while i < t.len() && steps < 10 {
        if t.sentence(i) != s || CLAUSE_END.contains(&t.w(i)) {
            break;
        }
        if let Some(g) = cue(t, i, false) {
            return g;
        }
        i += 1;
        steps += 1;
    }
    TenseGuess {
        tense: None,
        governor: None,
    }
}

/// The tense an auxiliary just before a verb at `i` gives it.
fn aux_before(t: &Toks, i: usize) -> Option<Tense> {
    let mut k = i;
    for _ in 0..4 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let w = t.w(k);
        if FUTURE.contains(&w) {
            if w == "ll" && !(k > 0 && t.is(k - 1, "'")) {
                return None;
            }
            return Some(Tense::Future);
        }
        match w {
            "was" | "were" | "had" | "did" | "has" | "have" => return Some(Tense::Past),
            "is" | "are" | "am" => return Some(Tense::Present),
            "to" => {
                if k > 0
                    && t.any(
                        k - 1,
                        &[
                            "is",
                            "are",
                            "plans",
                            "plan",
                            "expected",
                            "scheduled",
                            "due",
                            "set",
                            "hopes",
                            "intends",
                            "wants",
                            "agreed",
                            "promised",
                            "vowed",
                            "pledged",
                            "likely",
                            "slated",
                            "ready",
                            "prepared",
                            "decided",
                            "aims",
                            "going",
                        ],
                    )
                {
                    return Some(Tense::Future);
                }
                return None;
            }
            "be" | "been" | "being" | "not" | "n" | "t" | "'" | "also" | "still" | "then"
            | "just" | "never" | "already" | "reportedly" | "formally" | "officially"
            | "finally" | "again" => {}
            _ => return None,
        }
    }
    None
}

fn span(t: &Toks, i: usize) -> Option<Span> {
    t.toks.get(i).map(|k| Span::new(k.start, k.end))
}

/// A tense cue at token `i`, if it carries one.
fn cue(t: &Toks, i: usize, left: bool) -> Option<TenseGuess> {
    if t.toks[i].kind != Kind::Word {
        return None;
    }
    let w = t.w(i);
    let found = |tense: Tense, gov: usize| {
        Some(TenseGuess {
            tense: Some(tense),
            governor: span(t, gov),
        })
    };
    // the verb after an auxiliary governs: "will meet", "was arrested"
    let verb_after = |k: usize| -> usize {
        let mut j = k + 1;
        while j < t.len() && j <= k + 3 {
            if t.any(
                j,
                &[
                    "not", "n't", "also", "then", "be", "have", "been", "still", "probably",
                    "likely", "soon", "again", "only", "just", "t",
                ],
            ) || t.is(j, "'")
            {
                j += 1;
                continue;
            }
            if t.is_word(j) {
                return j;
            }
            break;
        }
        k
    };
    if FUTURE.contains(&w) && !(w == "may" && t.upper(i)) {
        // 'll: the apostrophe is its own token
        if w == "ll" && !(i > 0 && t.is(i - 1, "'")) {
            return None;
        }
        if w == "wo" && !t.is(i + 1, "n") {
            return None;
        }
        return found(Tense::Future, verb_after(i));
    }
    if w == "going"
        && t.is(i + 1, "to")
        && i > 0
        && t.any(i - 1, &["is", "are", "am", "s", "re", "m"])
    {
        return found(Tense::Future, verb_after(i + 1));
    }
    if (w == "to") && left && i > 0 {
        // "is to meet", "plans to visit", "agreed to sign" (future relative to the report)
        if t.any(
            i - 1,
            &[
                "is",
                "are",
                "plans",
                "planned",
                "plan",
                "expected",
                "scheduled",
                "due",
                "set",
                "hopes",
                "intends",
                "wants",
                "agreed",
                "promised",
                "vowed",
                "pledged",
                "threatened",
                "likely",
                "slated",
                "ready",
                "prepared",
                "decided",
                "aims",
            ],
        ) {
            return found(Tense::Future, verb_after(i));
        }
    }
    if PLANNED.contains(&w) && i > 0 && !t.any(i - 1, &["was", "were", "had", "been"]) {
        if matches!(w, "set" | "due" | "likely") && !t.any(i - 1, &["is", "are", "be", "s", "re"]) {
            return None;
        }
        return found(Tense::Future, i);
    }
    if PAST_AUX.contains(&w) {
        return found(Tense::Past, verb_after(i));
    }
    if matches!(w, "has" | "have") && t.is(i + 1, "been") {
        return found(Tense::Past, verb_after(i + 1));
    }
    if PRESENT_AUX.contains(&w) {
        // "is scheduled", "is meeting Monday" → future; "is" alone → present
        return found(Tense::Present, verb_after(i));
    }
    let lexical = if IRREGULAR_PAST.contains(&w) {
        Some(Tense::Past)
    } else if w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w) && !t.upper(i) {
        // "the injured man", "a proposed law": a determiner before makes it an adjective
        if i > 0
            && t.any(
                i - 1,
                &[
                    "the", "a", "an", "its", "their", "his", "her", "newly", "recently",
                ],
            )
        {
            return None;
        }
        Some(Tense::Past)
    } else if SCHEDULE.contains(&w) && !t.upper(i) {
        if i > 0 && t.any(i - 1, &["the", "a", "an"]) {
            return None;
        }
        Some(Tense::Present)
    } else if matches!(w, "says" | "say" | "tells") {
        Some(Tense::Past)
    } else {
        None
    };
    if let Some(tense) = lexical {
        // An auxiliary before the verb decides: "will be arrested", "did not meet".
        return found(aux_before(t, i).unwrap_or(tense), i);
    }
    let _ = left;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, expr: &str) -> Option<Tense> {
        let start = text.find(expr).unwrap();
        Heuristic
            .tense(text, Span::new(start, start + expr.len()))
            .tense
    }

    #[test]
    fn cues() {
        assert_eq!(
            tense_of("He was arrested on Thursday.", "Thursday"),
            Some(Tense::Past)
        );
        assert_eq!(
            tense_of("They will meet on Monday.", "Monday"),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("They'll meet on Monday.", "Monday"),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("The board meets on Monday.", "Monday"),
            Some(Tense::Present)
        );
        assert_eq!(
            tense_of("Police said Friday that", "Friday"),
            Some(Tense::Past)
        );
        assert_eq!(
            tense_of("On Friday, police arrested two men.", "Friday"),
            Some(Tense::Past)
        );
        assert_eq!(
            tense_of("The vote is scheduled for Tuesday.", "Tuesday"),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("They are going to vote Tuesday.", "Tuesday"),
            Some(Tense::Future)
        );
        assert_eq!(tense_of("Tuesday.", "Tuesday"), None);
    }
}
