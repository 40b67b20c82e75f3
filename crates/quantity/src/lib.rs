//! # storyline-quantity
//!
//! Finds "how many" expressions in English news sentences ("seven men",
//! "more than 300", "about a hundred", "tens of thousands of",
//! "possibly in the thousands") and normalises each to an integer interval
//! with an `approximate` flag, matching the export contract
//! `{"min": int|null, "max": int|null, "text": str}`.
//!
//! ## How it works
//!
//! 1. A lossless tokenizer splits the text into words, digit groups
//!    (`12,000`, `1.2`, `10 000` with thin/no-break spaces) and punctuation,
//!    remembering the whitespace before every token (none / space / newline).
//! 2. At each token a small grammar tries
//!    `[hedge] [qualifier] number-phrase [post-qualifier | range] [of]`.
//!    Number phrases are digits with optional scale (`1.2 million`, `2.5bn`,
//!    `3m`), spelled cardinals of any size (`one hundred and five`,
//!    `twenty-one`, `a thousand`, `half a million`, `two dozen`), or vague
//!    quantities (`dozens`, `several hundred`, `tens of thousands`).
//! 3. Context filters drop numbers that are not counts: years, dates,
//!    clock times, money, percentages, ages, measurements and durations,
//!    labels (`Article 5`, `Channel 4`), identifiers, scores (`2-1`),
//!    ratios (`one in five`) and the pronoun `one`.
//!
//! Matches are left to right and never overlap; the scan is linear in the
//! input (one pass, bounded look-ahead, no allocation per token beyond the
//! token vector and one lowercased copy of the text).
//!
//! ## Ranges table
//!
//! Vague quantities get an interval chosen so that neighbouring words do
//! not overlap: a writer who means 150 says "more than a hundred" or
//! "scores of", one who means 250 says "hundreds". All are
//! `approximate = true`.
//!
//! | expression                | min        | max        | rationale |
//! |---------------------------|-----------:|-----------:|-----------|
//! | a couple of               | 2          | 3          | "a couple" is two, loosely three |
//! | a few                     | 2          | 5          | rarely used for more than half a dozen |
//! | a handful (of)            | 2          | 9          | small, but writers switch to "a dozen" at ~10 |
//! | several                   | 3          | 9          | more than a couple; ≥10 is "a dozen"/"dozens" |
//! | several / a few + scale   | lo×S       | (hi+1)×S−1 | "several hundred" = 300..999, "a few thousand" = 2000..5999 |
//! | dozens (of)               | 24         | 99         | at least two dozen; from 100 on it's "hundreds" |
//! | scores of                 | 40         | 199        | at least two score; below "hundreds" |
//! | hundreds (of)             | 200        | 999        | plural: at least two hundred, less than a thousand |
//! | thousands (of)            | 2,000      | 9,999      | same pattern |
//! | tens of thousands         | 20,000     | 99,999     | "tens" = 2..9 tens |
//! | hundreds of thousands     | 200,000    | 999,999    | "P of Q": P's interval in units of Q |
//! | millions / billions       | 2×10⁶ / 2×10⁹ | 10⁷−1 / 10¹⁰−1 | same pattern as thousands |
//! | in the hundreds           | 100        | 999        | "in the Xs" includes the first X itself |
//! | (possibly) in the thousands | 1,000    | 9,999      | the hedge only marks it approximate |
//! | in the tens of thousands  | 10,000     | 99,999     | |
//! | a dozen / two dozen / a score of | 12 / 24 / 20 | same | spelled exact numbers (`approximate = false`) |
//!
//! Not emitted: "many", "a number of", "numerous", "countless", "lots of",
//! "quite a few", bare "tens", bare "scores" (without "of"), "a couple"
//! without "of" (usually a pair of people, i.e. a noun). They have no
//! defensible upper bound and, for "many"/"a number of", the lower bound
//! would just be 2; downstream code gets nothing useful from them.
//!
//! ## Qualifiers
//!
//! | qualifier | interval for N | approximate |
//! |-----------|----------------|-------------|
//! | more than, over, upwards of, in excess of, above, well over | N+1 .. null | no |
//! | just over, slightly more than | N+1 .. N+10% | yes |
//! | at least, no fewer than, a minimum of, N or more, N-plus, N+ | N .. null | no |
//! | fewer than, less than, under, below | null .. N−1 | no |
//! | nearly, almost, just under, just short of | N−10% .. N−1 | yes |
//! | up to, as many as, at most, no more than, N or fewer | null .. N | no |
//! | about, around, roughly, some, approximately, (an) estimated, close to, in the region of, N or so, N-odd | N−10% .. N+10% | yes |
//! | possibly, perhaps, probably, potentially, maybe | unchanged | yes |
//! | a further, another, an additional | N .. N | no |
//! | between N and M, N to M, N-M, N or M | N .. M (needs N < M) | no |
//!
//! Decisions: the open side of a bound is `None` (null), including the
//! lower side of "fewer than N", because the text does not say whether
//! there were any at all; consumers may read a missing min as 0.
//! "As many as N" is treated like "up to N": news uses it to stress that N is
//! large, but it still only bounds from above. The ±10% width is rounded to
//! the nearest integer and is at least 1 ("about five" = 4..6, "about a
//! hundred" = 90..110). Exact figures written with a scale ("1.2 million")
//! are not marked approximate: the writer chose the precision.
//! `over`/`under`/`above`/`below` need a content word after the number
//! ("over 300 people", not "people over 65 are").
pub(crate) mod lexicon;
mod parse;

/// The value of a spelled number word below twenty ("seven", "Twelve"
/// lower-cased), shared with the time-expression recogniser.
pub fn small_number_word(w: &str) -> Option<u64> {
    lexicon::small(w).map(|n| n as u64)
}

/// Whether a lower-case word after a number shows that the number measures (a duration, a
/// length, a sum of money, a share) rather than counts: "two hours", "12 percent".
pub fn is_unit_word(w: &str) -> bool {
    lexicon::is_unit(w)
}

/// The value of a spelled tens word ("twenty" .. "ninety").
pub fn tens_word(w: &str) -> Option<u64> {
    lexicon::tens(w).map(|n| n as u64)
}
mod token;

use parse::Scanner;

/// A normalised count: inclusive bounds; `None` means unbounded on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Count {
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// The text hedges ("about", "dozens", "possibly"), as opposed to stating
    /// a figure or a hard bound.
    pub approximate: bool,
}

/// One quantity expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// byte range of the whole expression in the input, qualifier included ("more than 300", "about a hundred", "dozens of")
    pub span: std::ops::Range<usize>,
    /// byte range of the number part only ("300", "a hundred", "dozens")
    pub number: std::ops::Range<usize>,
    pub count: Count,
}

impl Quantity {
    /// The expression's text, for the export's `text` field.
    pub fn text<'a>(&self, input: &'a str) -> &'a str {
        &input[self.span.clone()]
    }
}

/// Every quantity expression in `text`, left to right, non-overlapping.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let s = Scanner::new(text, false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !s.candidate(i) {
            i += 1;
            continue;
        }
        match s.parse_at(i) {
            Some((q, end)) => {
                out.push(q);
                i = end + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Parse one expression (qualifier + number), the whole input must be consumed: "more than 300" → Some(301/None).
///
/// Sentence-context filters (years, dates, "one" as a pronoun, ...) are off
/// here because there is no sentence; intrinsic ones (bare decimals,
/// "3rd", leading zeros) still apply.
pub fn parse_quantity(text: &str) -> Option<Count> {
    let s = Scanner::new(text, true);
    if s.len() == 0 {
        return None;
    }
    let (q, end) = s.parse_at(0)?;
    (end + 1 == s.len()).then_some(q.count)
}
