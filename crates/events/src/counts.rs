//! Quantity expressions ("seven men", "more than 300", "dozens of") found by
//! `storyline-quantity`, placed on the parse so arguments can claim them.

use crate::syntax::Tree;
use storyline_model::event::Count;
use storyline_model::Span;

/// One quantity in the document, with the token that heads its number.
#[derive(Debug, Clone)]
pub struct Placed {
    pub count: Count,
    /// Tokens of the number part ("300" in "more than 300").
    pub number_tokens: std::ops::Range<usize>,
    /// The number's head token in the parse.
    pub head: usize,
}

/// Every quantity in the document text, placed on tokens.
pub fn place(tree: &Tree) -> Vec<Placed> {
    let text = &tree.doc.text;
    let mut out = Vec::new();
    for q in storyline_quantity::find_quantities(text) {
        let number = Span::new(q.number.start, q.number.end);
        let mut tokens = tree.tokens_in(number);
        if tokens.is_empty() {
            // A number inside a word the tokenizer keeps whole ("a 2,030-strong force"): the
            // word stands for the number.
            if let Some(k) = tree
                .token_at(number.start)
                .filter(|&k| number.end <= tree.doc.tokens[k].span.end)
            {
                tokens = k..k + 1;
            }
        }
        let Some(head) = tree.head_of(tokens.clone()) else {
            continue;
        };
        out.push(Placed {
            count: Count {
                min: q.count.min,
                max: q.count.max,
                span: Span::new(q.span.start, q.span.end),
            },
            number_tokens: tokens,
            head,
        });
    }
    out
}

/// The quantity that counts the nominal headed by `noun`: the noun itself
/// is the number ("Seven were arrested", "nine of the defendants"), or a
/// number modifies it ("41 people").
pub fn counting<'a>(tree: &Tree, placed: &'a [Placed], noun: usize) -> Option<&'a Placed> {
    placed
        .iter()
        .find(|p| p.number_tokens.contains(&noun) || p.head == noun)
        .or_else(|| {
            placed
                .iter()
                // The tagger sometimes reads a number word as an adjective
                // ("twelve/ADJ persons"); a found quantity settles it.
                .find(|p| {
                    tree.head(p.head) == Some(noun)
                        && matches!(tree.base_rel(p.head), "nummod" | "amod")
                })
        })
        .or_else(|| {
            // "dozens of protesters": the vague number heads, the noun hangs off it.
            tree.head(noun)
                .filter(|_| tree.base_rel(noun) == "nmod")
                .and_then(|h| placed.iter().find(|p| p.head == h))
        })
        .or_else(|| {
            // "a group of about thirty persons": a collective noun is as
            // many as the people it is made of.
            if !COLLECTIVE_NOUNS.contains(&tree.lemma(noun)) {
                return None;
            }
            let members = tree
                .deps_exact(noun, "nmod")
                .find(|&m| tree.case_of(m).as_deref() == Some("of"))?;
            placed
                .iter()
                .find(|p| p.number_tokens.contains(&members) || p.head == members)
                .or_else(|| {
                    placed.iter().find(|p| {
                        tree.head(p.head) == Some(members)
                            && matches!(tree.base_rel(p.head), "nummod" | "amod")
                    })
                })
        })
}

/// Nouns naming a body of people by the people in it.
const COLLECTIVE_NOUNS: &[&str] = &[
    "group",
    "crowd",
    "band",
    "party",
    "contingent",
    "delegation",
    "team",
    "mob",
    "gang",
    "total",
];

/// The count of a group of conjoined nominals: exact counts add up ("seven
/// men and two women" is nine); otherwise the first count found stands.
pub fn count_of(tree: &Tree, placed: &[Placed], nouns: &[usize]) -> Option<Count> {
    let found: Vec<&Placed> = nouns
        .iter()
        .filter_map(|&n| counting(tree, placed, n))
        .collect();
    let first = found.first()?;
    let exact = |c: &Count| c.min.is_some() && c.min == c.max;
    let span_of = |spans: &mut dyn Iterator<Item = Span>| -> Option<Span> {
        spans.reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)))
    };
    // "12 people, or 14 according to lawyers": alternatives give a range.
    let alternatives = nouns
        .iter()
        .any(|&n| tree.deps_exact(n, "cc").any(|c| tree.lower(c) == "or"));
    if found.len() > 1 && alternatives {
        let min = found.iter().filter_map(|p| p.count.min).min();
        let max = found
            .iter()
            .map(|p| p.count.max)
            .collect::<Option<Vec<u64>>>()
            .and_then(|m| m.into_iter().max());
        let span = span_of(&mut found.iter().map(|p| p.count.span))?;
        return Some(Count { min, max, span });
    }
    // "seven men and two women" is nine; "opposition leader Mira Solanek
    // and six others" is seven: a named person counts one.
    if nouns.len() > 1 && found.iter().all(|p| exact(&p.count)) {
        let mut total = 0;
        let mut spans = Vec::new();
        for &n in nouns {
            if let Some(p) = counting(tree, placed, n) {
                total += p.count.min?;
                spans.push(p.count.span);
            } else if let Some(one) = individuals(tree, &[n]) {
                total += 1;
                spans.push(one.span);
            } else {
                return Some(first.count.clone());
            }
        }
        if found.len() > 1 || total > first.count.min? {
            let span = span_of(&mut spans.into_iter())?;
            return Some(Count {
                min: Some(total),
                max: Some(total),
                span,
            });
        }
    }
    Some(first.count.clone())
}

/// People named one by one ("Tomas Brenner", "the reporter", "she"): one
/// each, when every participant is such a singular person. A plural noun
/// without a number ("activists") leaves the count unknown.
pub fn individuals(tree: &Tree, nouns: &[usize]) -> Option<Count> {
    if nouns.is_empty() {
        return None;
    }
    let mut n = 0u64;
    let mut span: Option<Span> = None;
    for &x in nouns {
        // "Nobody was killed", "no one was hurt": a person word that counts none.
        let nobody = matches!(tree.lower(x), "nobody" | "noone" | "no-one")
            || tree.deps(x, "det").any(|d| tree.lower(d) == "no");
        if nobody {
            return None;
        }
        let singular_person = tree.entity_label(x) == Some(storyline_model::doc::EntityLabel::Per)
            || (tree.is_person(x)
                && matches!(tree.xpos(x), "NN" | "NNP")
                && !matches!(tree.lemma(x), "people" | "staff" | "crew" | "police"))
            || matches!(tree.lower(x), "he" | "she" | "him" | "her");
        if !singular_person {
            return None;
        }
        n += 1;
        let s = tree.phrase(x);
        span = Some(span.map_or(s, |a| Span::new(a.start.min(s.start), a.end.max(s.end))));
    }
    Some(Count {
        min: Some(n),
        max: Some(n),
        span: span?,
    })
}

/// Nouns that stand for a figure rather than for what is counted: "the number of people
/// detained", "the death toll", "a tally of arrests".
pub const MEASURE_NOUNS: &[&str] = &["number", "total", "tally", "count", "toll", "figure"];

/// The value a measure noun is given: "puts the number held at more than 4,000", "the death
/// toll rose to 32", "the total reached 200", "the toll stood at 14", "the toll is 32".
pub fn measured<'a>(tree: &Tree, placed: &'a [Placed], noun: usize) -> Option<&'a Placed> {
    let at = |verb: usize, cases: &[&str]| {
        tree.deps(verb, "obl")
            .filter(|&o| tree.case_of(o).is_some_and(|c| cases.contains(&c.as_str())))
            .find_map(|o| counting(tree, placed, o))
    };
    let verb = tree.head(noun)?;
    // The value given to the measure as the verb's object; the parser may hang it ("at 31",
    // "to five") on a participle inside the object ("put the number of people detained at
    // 31").
    let given_to_object = |cases: &[&str]| {
        at(verb, cases).or_else(|| {
            tree.descendants(noun)
                .into_iter()
                .filter(|&d| tree.upos(d) == "VERB")
                .find_map(|d| at(d, cases))
        })
    };
    match tree.base_rel(noun) {
        // "put the toll at 32", "estimated the number at 4,000"
        "obj"
            if matches!(
                tree.lemma(verb),
                "put" | "estimate" | "place" | "set" | "give"
            ) =>
        {
            given_to_object(&["at"])
        }
        // "bringing the number of people detained to five", "raised the toll to 14"
        "obj"
            if matches!(
                tree.lemma(verb),
                "bring" | "raise" | "take" | "push" | "lift" | "increase"
            ) =>
        {
            given_to_object(&["to"])
        }
        "nsubj" => match tree.lemma(verb) {
            "rise" | "climb" | "jump" | "increase" | "grow" | "soar" | "fall" | "drop" => {
                at(verb, &["to"])
            }
            "stand" => at(verb, &["at"]),
            "reach" | "hit" | "top" => tree
                .deps(verb, "obj")
                .find_map(|o| counting(tree, placed, o)),
            // "the toll is 32": the number is the predicate.
            _ if tree.deps(verb, "cop").next().is_some() => counting(tree, placed, verb),
            _ => None,
        },
        _ => None,
    }
}
