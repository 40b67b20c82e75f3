//! Content words of report sentences, as ids for the link similarity.
//!
//! Two reports of one happening share its specific words ("consulate",
//! "petrol", "Portesca"); words every report uses ("said", "police") say
//! nothing. So function words are dropped, words are folded to a crude stem
//! (plural and verb endings), and each word weighs by its inverse frequency over the
//! collection's report sentences: a word every report uses weighs nothing, and a story's
//! own name still counts in a collection of that one story, where most sentences have it.

use crate::{Input, ReportRef};
use std::collections::HashMap;
use storyline_link::WeightedTerms;
use storyline_model::event::{EventMention, EventType};
use storyline_model::Span;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "from", "this", "was", "were", "are", "has", "have",
    "had", "been", "being", "its", "his", "her", "their", "they", "them", "she", "him", "who",
    "whom", "which", "what", "when", "where", "while", "after", "before", "into", "onto", "over",
    "under", "about", "than", "then", "also", "but", "not", "said", "says", "say", "told", "will",
    "would", "could", "should", "may", "might", "can", "our", "out", "one", "two", "all", "any",
    "some", "more", "most", "other", "such", "only", "own", "same", "very", "just", "there",
    "here", "these", "those", "upon", "per", "via", "did", "does", "done", "because", "since",
    "until", "during", "against", "between", "both", "each", "few", "many", "much", "off", "now",
    "yet", "mr", "mrs", "ms",
];

/// Folds a lower-cased word to a crude stem.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            if stripped.len() >= 4 {
                return stripped;
            }
        }
    }
    w
}

fn words(sentence: &str) -> impl Iterator<Item = String> + '_ {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.to_lowercase())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| stem(&w).to_string())
}

/// Keys of the word pairs quoted in a sentence: each two adjacent words inside quotation marks
/// that lie in `sentence`, at least one of them a content word. Two outlets that quote the same
/// words ("caught red-handed", "absurd and motivated") most often quote one utterance, whoever
/// they credit it to; the pairs keep the order of the words, so that a stock word shared says
/// less than a phrase shared. Sorted and deduplicated.
pub fn quoted_pairs(text: &str, sentence: Span, quotations: &[Span]) -> Vec<u32> {
    let mut keys = Vec::new();
    for q in quotations {
        let (start, end) = (q.start.max(sentence.start), q.end.min(sentence.end));
        if start >= end {
            continue;
        }
        let quoted: Vec<String> = text[start..end]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let content = |w: &str| w.chars().count() >= 3 && !STOPWORDS.contains(&w);
        for pair in quoted.windows(2) {
            if content(&pair[0]) || content(&pair[1]) {
                keys.push(fnv(&format!("{} {}", stem(&pair[0]), stem(&pair[1]))));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Term ids over a collection of report sentences.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    /// Inverse frequency of each id over the distinct report sentences.
    weights: Vec<f32>,
}

impl Vocabulary {
    /// Builds the vocabulary from the sentences of the given reports, weighting each word by
    /// how few of them use it. A word no report sentence uses has no id: measured on the
    /// sample's stories, giving the words of the neighbouring sentences ids too linked fewer
    /// right pairs (430 against 460) at the same held-out precision.
    pub fn build(inputs: &[Input<'_>], reports: &[ReportRef]) -> Vocabulary {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut seen_sentences = std::collections::HashSet::new();
        for r in reports {
            let input = &inputs[r.doc];
            let m = &input.analysis.events[r.mention];
            if !seen_sentences.insert((r.doc, m.sentence.start)) {
                continue;
            }
            let mut ws: Vec<String> = words(m.sentence.of(&input.doc.text)).collect();
            ws.sort();
            ws.dedup();
            for w in ws {
                *df.entry(w).or_default() += 1;
            }
        }
        let total = seen_sentences.len() as f32;
        let mut kept: Vec<(String, usize)> = df.into_iter().collect();
        kept.sort();
        let weights = kept
            .iter()
            .map(|(_, n)| ((total + 1.0) / (*n as f32 + 1.0)).ln())
            .collect();
        Vocabulary {
            ids: kept
                .into_iter()
                .enumerate()
                .map(|(i, (w, _))| (w, i as u32))
                .collect(),
            weights,
        }
    }

    /// The words of a mention's sentence.
    pub fn terms_of(&self, text: &str, m: &EventMention) -> WeightedTerms {
        self.weighted(m.sentence.of(text))
    }

    /// The words (those some report sentence uses) of a mention's sentence with the sentences
    /// either side of it: a later sentence of one paragraph ("Police detained 23 persons")
    /// often names the happening only through its neighbours ("the rally in Republic Square").
    pub fn context_terms_of(&self, text: &str, m: &EventMention) -> WeightedTerms {
        let (start, end) = neighbourhood(text, m.sentence.start, m.sentence.end);
        self.weighted(&text[start..end])
    }

    fn weighted(&self, span: &str) -> WeightedTerms {
        let mut ids: Vec<u32> = words(span)
            .filter_map(|w| self.ids.get(&w).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let weights = ids.iter().map(|&i| self.weights[i as usize]).collect();
        WeightedTerms { ids, weights }
    }
}

/// The byte span of the sentence before `start..end`, that sentence, and the one after,
/// found by sentence-final punctuation or line breaks and never reaching more than a few
/// hundred bytes out.
fn neighbourhood(text: &str, start: usize, end: usize) -> (usize, usize) {
    const REACH: usize = 400;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let lo = floor(start.saturating_sub(REACH));
    let before = text[lo..start].trim_end();
    // Past the previous sentence's own end, then back to the end of the one before it.
    let before = before.strip_suffix(is_end).unwrap_or(before);
    let from = before.rfind(is_end).map_or(lo, |k| lo + k + 1);
    let hi = floor((end + REACH).min(text.len()));
    let after = &text[end..hi];
    let skip = after.len() - after.trim_start().len();
    let to = after[skip..]
        .find(is_end)
        .map_or(hi, |k| end + skip + k + 1);
    (from, to.max(end))
}

/// A place or party name folded for comparison: lower case, no leading
/// article, no punctuation.
pub fn normalize_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Capitalised function words that start clauses inside a sentence.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "his", "her",
    "their", "its", "this", "that", "after", "before", "but", "and", "when",
];

/// A short stable id of a string (FNV-1a), for term and name ids that do
/// not need a shared vocabulary.
fn fnv(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Ids of the capitalised words of a mention's sentence that are not its
/// first word, dates or function words: the names it mentions.
pub fn names_of(text: &str, m: &EventMention) -> Vec<u32> {
    let sentence = m.sentence.of(text);
    let mut ids: Vec<u32> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !NOT_NAMES.contains(&w.as_str()) && !storyline_model::is_calendar_name(w))
        .map(|w| fnv(&w))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Ids of the words that tell one site from another ("the Pervomaisky district court" against
/// "the GKNB building"): the words of the site phrase without function words, the words that
/// only say it is a building, and a possessor ("Velmora's Republic Square" is known by
/// "Republic Square"; the town is the place's business).
pub fn site_words(site: &str) -> Vec<u32> {
    let mut ids: Vec<u32> = site
        .split_whitespace()
        .filter(|w| !w.ends_with("'s") && !w.ends_with("’s") && !w.ends_with('\''))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            !STOPWORDS.contains(&w.as_str())
                && !matches!(
                    w.as_str(),
                    "a" | "an"
                        | "of"
                        | "building"
                        | "buildings"
                        | "premises"
                        | "compound"
                        | "main"
                        | "gate"
                        | "gates"
                        | "front"
                        | "entrance"
                )
        })
        .map(|w| fnv(stem(&w)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The id of a trigger's stem, shared by a verb and its nominalisation:
/// "detained", "detains" and "detentions" are one act, as are "deported" and
/// "deportation", "seized" and "seizure".
pub fn trigger_id(trigger: &str) -> u32 {
    fnv(&trigger_stem(trigger))
}

/// Nominalisations whose stem is not the verb's: (noun stem, verb stem).
const IRREGULAR_NOMINALS: &[(&str, &str)] = &[
    ("detent", "detain"),
    ("expuls", "expel"),
    ("explos", "explod"),
    ("invas", "invad"),
    ("suspens", "suspend"),
    ("death", "di"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
];

fn trigger_stem(trigger: &str) -> String {
    let lower = trigger.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    let last = last.strip_suffix('s').unwrap_or(last);
    // Inflection first, then the nominal suffixes: "deportation" and
    // "deported" both end as "deport".
    let mut stem = last
        .strip_suffix("ed")
        .or_else(|| last.strip_suffix("ing"))
        .or_else(|| last.strip_suffix("ion"))
        .or_else(|| last.strip_suffix("ment"))
        .or_else(|| last.strip_suffix("ure"))
        .or_else(|| last.strip_suffix("al").filter(|s| s.len() >= 3))
        .or_else(|| last.strip_suffix('e'))
        .unwrap_or(last);
    if stem.len() > 5 {
        stem = stem.strip_suffix("at").unwrap_or(stem);
    }
    let stem = stem.strip_suffix('e').unwrap_or(stem);
    // "expelled" and "expel", "committed" and "commit".
    let b = stem.as_bytes();
    let stem = if b.len() > 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !b"aeious".contains(&b[b.len() - 1])
    {
        &stem[..stem.len() - 1]
    } else {
        stem
    };
    IRREGULAR_NOMINALS
        .iter()
        .find(|(noun, _)| *noun == stem)
        .map_or(stem, |(_, verb)| verb)
        .to_string()
}

/// The act a trigger names within its type family, for the families whose
/// acts are distinct happenings however close in time: a country that
/// expels an envoy, recalls its own and closes a consulate on one day took
/// three steps. 0 when not distinguished.
pub fn action_of(kind: EventType, trigger: &str) -> u8 {
    // A sanction is a state's act of its own: an embargo is no expulsion, whatever its
    // trigger word ("suspended", "cut").
    if kind == EventType::Sanction {
        return SANCTION;
    }
    let acts: &[&[&str]] = match kind {
        EventType::Diplomatic => &DIPLOMATIC_ACTS,
        EventType::Military => &MILITARY_ACTS,
        EventType::Restriction => &RESTRICTION_ACTS,
        EventType::OfficeChange => &OFFICE_ACTS,
        EventType::Vote => &VOTE_ACTS,
        _ => return 0,
    };
    // The first word that names an act: "persona non grata", and the head
    // of "protest note".
    let lower = trigger.to_lowercase();
    lower
        .split_whitespace()
        .find_map(|word| {
            acts.iter()
                .position(|stems| stems.iter().any(|s| word.starts_with(s)))
        })
        .map_or(0, |k| k as u8 + 1)
}

/// The restrictions [`action_of`] tells apart: a government that cuts the internet and
/// declares a curfew on the same night took two steps.
const RESTRICTION_ACTS: [&[&str]; 4] = [
    &["curfew"],
    &["emergenc", "martial", "siege"],
    &[
        "cut", "shut", "suspend", "block", "restrict", "throttl", "disrupt", "blackout",
    ],
    &["ban", "dissol", "outlaw"],
];

/// The changes of office [`action_of`] tells apart: leaving, being removed, taking office.
/// One day may bring a resignation and a successor's swearing-in.
const OFFICE_ACTS: [&[&str]; 3] = [
    &["resign", "step", "quit"],
    &[
        "dismiss", "sack", "fire", "remov", "relie", "oust", "impeach",
    ],
    &[
        "appoint", "swear", "sworn", "inaugur", "take", "took", "seiz", "assum", "proclaim",
    ],
];

/// The votes [`action_of`] tells apart: choosing office-holders, passing a law, vetoing
/// one. A bare "vote" may be either, so it names no act.
const VOTE_ACTS: [&[&str]; 3] = [
    &[
        "elect", "reelect", "re-elect", "win", "won", "runoff", "run-off", "referend",
    ],
    &["pass", "adopt", "approv"],
    &["veto"],
];

/// The military acts [`action_of`] tells apart: troops sent in, troops pulled out, and
/// exercises. Flying is either ("flown in", "flew home"), so it names no act.
const MILITARY_ACTS: [&[&str]; 3] = [
    &[
        "deploy", "send", "sent", "dispatch", "order", "land", "mobili",
    ],
    &["withdr", "pull", "leav", "retreat"],
    &["exercis", "drill", "manoeuv", "maneuv"],
];

/// The diplomatic acts [`action_of`] tells apart, each by the stems of the words naming it;
/// an act's code is its place in the list, from 1.
const DIPLOMATIC_ACTS: [&[&str]; 9] = [
    // "gave the ambassador 48 hours to leave"
    &["expel", "expuls", "persona", "order", "giv", "gave"],
    &["recall", "withdr", "leav", "evacu", "flew", "flown", "fly"],
    &["clos", "shut", "stop", "suspend"],
    &["summon", "call"],
    &["note"],
    &["open", "reopen", "restor"],
    &["sever", "cut", "break", "broke", "downgrad", "ruptur"],
    // A state dismissing its own envoy, not one of another state's.
    &["sack", "dismiss", "fire", "remov"],
    // Asylum granted to someone another state wants.
    &["grant"],
];

/// The act code of a sanction, after the diplomatic acts.
const SANCTION: u8 = DIPLOMATIC_ACTS.len() as u8 + 1;

/// Does a report point back to something its document told before? A determiner before
/// its trigger ("the arrests were made on Monday", "their detention"), or a target that
/// names no one new: a pronoun, or "the" with a number or a word for people already
/// introduced ("the six", "the suspects").
pub fn refers_back(text: &str, m: &EventMention) -> bool {
    let before = &text[m.sentence.start.min(m.trigger.start)..m.trigger.start];
    let determiner = before
        .split_whitespace()
        .last()
        .map(|w| w.to_lowercase())
        .is_some_and(|w| {
            matches!(
                w.as_str(),
                "the" | "this" | "these" | "those" | "its" | "their" | "his" | "her"
            )
        });
    let pointing_target = m.targets.iter().any(|t| {
        let lower = t.text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        match words.as_slice() {
            [one] => matches!(*one, "they" | "them" | "he" | "him" | "she" | "her"),
            ["the" | "these" | "those", rest @ ..] => {
                rest.len() == 1
                    && ((rest[0].bytes().all(|b| b.is_ascii_digit())
                        || storyline_quantity::small_number_word(rest[0]).is_some())
                        || matches!(
                            rest[0],
                            "suspects" | "detainees" | "men" | "women" | "accused" | "defendants"
                        ))
            }
            _ => false,
        }
    });
    determiner || pointing_target
}

/// Does `outer` contain `inner` as whole words (both already normalised)?
pub fn contains_words(outer: &str, inner: &str) -> bool {
    !inner.is_empty() && format!(" {outer} ").contains(&format!(" {inner} "))
}

#[cfg(test)]
mod action_tests {
    use super::*;

    #[test]
    fn quoted_word_pairs_are_shared_by_outlets_quoting_one_remark() {
        let pairs = |text: &str| {
            let sentence = Span::new(0, text.len());
            quoted_pairs(text, sentence, &storyline_model::quotation_spans(text))
        };
        let a =
            pairs("Peskov told reporters he had been \"caught red-handed\", but gave no details.");
        let b = pairs("The Kremlin has said the reporter was \u{201c}caught red-handed,\u{201d} without proof.");
        assert_eq!(a.len(), 2);
        assert_eq!(a, b);
        // Words outside the marks, and pairs of function words, are not quoted phrases.
        assert!(pairs("He was caught red-handed, police said.").is_empty());
        assert!(pairs("She said it was \"to be\" decided.").is_empty());
        // Only the part of a quotation inside the sentence counts.
        let text = "\"We were caught red-handed. Nobody came.\"";
        let first = Span::new(0, text.find("Nobody").unwrap());
        let second = Span::new(text.find("Nobody").unwrap(), text.len());
        let spans = storyline_model::quotation_spans(text);
        let in_first = quoted_pairs(text, first, &spans);
        assert!(a.iter().all(|k| in_first.contains(k)), "{in_first:?}");
        // "nobody came" alone: "came." and the closing mark are past the sentence.
        assert_eq!(quoted_pairs(text, second, &spans).len(), 1);
        assert!(quoted_pairs(text, second, &spans)
            .iter()
            .all(|k| !in_first.contains(k)));
    }

    #[test]
    fn verbs_and_their_nominalisations_share_a_trigger_stem() {
        for (a, b) in [
            ("detained", "detentions"),
            ("deported", "deportation"),
            ("seized", "seizure"),
            ("convicted", "conviction"),
            ("imprisoned", "imprisonment"),
            ("assassinated", "assassination"),
            ("expelled", "expulsion"),
            ("closed", "closure"),
            ("denied", "denial"),
            ("released", "release"),
            ("arrests", "arrested"),
            ("tried", "trial"),
        ] {
            assert_eq!(trigger_stem(a), trigger_stem(b), "{a} / {b}");
        }
        for (a, b) in [
            ("arrested", "released"),
            ("detained", "deported"),
            ("closed", "clashed"),
        ] {
            assert_ne!(trigger_stem(a), trigger_stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn diplomatic_acts_are_told_apart_and_other_families_are_not_split() {
        let d = EventType::Diplomatic;
        assert_eq!(action_of(d, "expelled"), action_of(d, "expulsion"));
        assert_eq!(action_of(d, "closed"), action_of(d, "closure"));
        assert_ne!(action_of(d, "expelled"), action_of(d, "recalled"));
        assert_ne!(action_of(d, "recalled"), action_of(d, "shut"));
        // A phrase is the act its naming word says, wherever it stands.
        assert_eq!(action_of(d, "protest note"), action_of(d, "note"));
        assert_ne!(action_of(d, "protest note"), action_of(d, "summoned"));
        assert_eq!(action_of(d, "persona non grata"), action_of(d, "expelled"));
        // An envoy called in is summoned.
        assert_eq!(action_of(d, "called"), action_of(d, "summoned"));
        assert_eq!(action_of(d, "met"), 0);
        // Troops sent in and troops pulled out are two steps; flying is either.
        let m = EventType::Military;
        assert_ne!(action_of(m, "sent"), action_of(m, "pull out"));
        assert_eq!(action_of(m, "deployment"), action_of(m, "dispatched"));
        assert_eq!(action_of(m, "flown"), 0);
        // A deadline to leave is an expulsion; a rupture is a break; asylum is an act of its own.
        assert_eq!(action_of(d, "given"), action_of(d, "expelled"));
        assert_eq!(action_of(d, "rupture"), action_of(d, "severed"));
        assert_ne!(action_of(d, "granted"), action_of(d, "expelled"));
        assert_ne!(action_of(d, "granted"), action_of(d, "recalled"));
        // Sacking one's own envoy is neither a recall nor an expulsion, nor a sanction.
        assert_eq!(action_of(d, "sacked"), action_of(d, "dismissed"));
        assert_ne!(action_of(d, "sacked"), action_of(d, "recalled"));
        // A curfew and an internet shutdown on one night are two restrictions.
        let r = EventType::Restriction;
        assert_ne!(action_of(r, "curfew"), action_of(r, "cut"));
        assert_eq!(action_of(r, "blackout"), action_of(r, "suspended"));
        assert_eq!(action_of(r, "martial law"), action_of(r, "emergency"));
        // A resignation and the successor's swearing-in; a bare vote is either kind.
        let o = EventType::OfficeChange;
        assert_ne!(action_of(o, "resigned"), action_of(o, "sworn"));
        assert_eq!(action_of(o, "stepped down"), action_of(o, "resignation"));
        let v = EventType::Vote;
        assert_ne!(action_of(v, "election"), action_of(v, "passed"));
        assert_eq!(action_of(v, "vote"), 0);
        assert_ne!(action_of(d, "sacked"), action_of(d, "expelled"));
        assert_ne!(
            action_of(d, "sacked"),
            action_of(EventType::Sanction, "froze")
        );
        assert_ne!(
            action_of(EventType::Sanction, "suspended"),
            action_of(d, "suspended")
        );
        assert_ne!(
            action_of(EventType::Sanction, "sanctions"),
            action_of(d, "expelled")
        );
        assert_ne!(action_of(EventType::Sanction, "sanctions"), 0);
        assert_eq!(action_of(EventType::Arrest, "detained"), 0);
    }
}
