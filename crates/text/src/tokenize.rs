//! A rule-based tokenizer for English news with UD English (EWT) conventions.
//!
//! Tokens are byte spans into the input; nothing is rewritten. Splits follow
//! the treebank: clitics (`do|n't`, `John|'s`, `ca|n't`), punctuation,
//! currency and percent signs, hyphens and slashes between words. Kept whole:
//! abbreviations (`U.S.`, `Gen.`, `Jan.`), initials, numbers (`12,000`,
//! `2.4`, `713-853-3989`), URLs and e-mail addresses, ellipses.
//!
//! Why rules rather than a learned tokenizer: English news tokenization is a
//! closed set of conventions, and rules are exact, fast (no allocation per
//! token) and keep offsets trivially.

use storyline_model::Span;

/// Words whose final period belongs to the word.
const ABBREVIATIONS: &[&str] = &[
    "a.m", "adm", "apr", "aug", "ave", "blvd", "brig", "capt", "cmdr", "co", "col", "corp", "cpl",
    "dec", "dept", "dr", "e.g", "esq", "est", "etc", "feb", "fig", "fri", "ft", "gen", "gov",
    "hon", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mon",
    "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "p.m", "ph.d", "pp", "prof", "pvt", "rep",
    "reps", "rev", "sat", "sen", "sens", "sep", "sept", "sgt", "sr", "st", "sun", "supt", "thu",
    "thur", "thurs", "tue", "tues", "u.k", "u.n", "u.s", "v", "vol", "vs", "wed",
];

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if ABBREVIATIONS.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    // Initials and dotted acronyms: "J", "U.S", "a.m"
    let letters: Vec<&str> = word.split('.').collect();
    !word.is_empty()
        && letters
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

const OPENING: &[char] = &['(', '[', '{', '"', '“', '‘', '\'', '«', '¿', '¡', '<', '*'];
const CLOSING: &[char] = &[
    ')', ']', '}', '"', '”', '’', '\'', '»', ',', ';', ':', '!', '?', '>', '*',
];
const CURRENCY: &[char] = &['$', '£', '€', '¥', '₹', '#', '@'];
const DASHES: &[char] = &['—', '–', '―'];

/// Splits `text` into tokens, returned as byte spans in order.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

fn is_url_or_email(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || (s.contains('@') && s.contains('.') && !s.starts_with('@') && !s.ends_with('@'))
}

/// Splits one whitespace-free chunk `text[start..end]`.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Span>) {
    // Leading punctuation and currency, one character at a time.
    let mut trailing: Vec<Span> = Vec::new();
    loop {
        let s = &text[start..end];
        let Some(c) = s.chars().next() else { return };
        if (OPENING.contains(&c) || CURRENCY.contains(&c) || DASHES.contains(&c))
            && s.chars().count() > 1
        {
            // An apostrophe opening a clipped year ('90s) or word stays.
            if c == '\'' || c == '’' {
                let next = s[c.len_utf8()..].chars().next();
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    break;
                }
            }
            out.push(Span::new(start, start + c.len_utf8()));
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, peeled from the end (kept in order afterwards).
    loop {
        let s = &text[start..end];
        if s.is_empty() {
            break;
        }
        if s.ends_with("...") && s.len() > 3 {
            trailing.push(Span::new(end - 3, end));
            end -= 3;
            continue;
        }
        let c = s.chars().next_back().expect("non-empty");
        let n = s.chars().count();
        if n > 1 && (CLOSING.contains(&c) || DASHES.contains(&c) || c == '…' || c == '%') {
            // A closing apostrophe after s is a possessive ("ministers'"): split it too.
            trailing.push(Span::new(end - c.len_utf8(), end));
            end -= c.len_utf8();
            continue;
        }
        if n > 1 && c == '.' {
            let word = &s[..s.len() - 1];
            if is_abbreviation(word) || word.ends_with('.') {
                break;
            }
            trailing.push(Span::new(end - 1, end));
            end -= 1;
            continue;
        }
        break;
    }
    if start < end {
        split_word(text, start, end, out);
    }
    out.extend(trailing.into_iter().rev());
}

/// Prefixes that UD English EWT keeps in one token with the word they are hyphened to
/// ("anti-war", "mid-nineties", "co-founder"); other hyphened words are split ("long | - |
/// term"). Counted from the treebank's training part, where each of these is kept whole in
/// all or nearly all of its uses.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "arch", "co", "counter", "cross", "e", "ex", "intra", "micro", "mid", "multi", "neo",
    "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio", "sub", "un",
];

fn is_hyphen_prefix(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    HYPHEN_PREFIXES.binary_search(&lower.as_str()).is_ok()
}

/// Splits a word without outer punctuation: clitics, inner dashes, hyphens, slashes.
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    if is_url_or_email(s) {
        out.push(Span::new(start, end));
        return;
    }
    // Inner dashes ("word—word", "word--word").
    for dash in ["—", "–", "―", "--"] {
        if let Some(at) = s.find(dash) {
            if at > 0 && at + dash.len() < s.len() {
                split_word(text, start, start + at, out);
                out.push(Span::new(start + at, start + at + dash.len()));
                split_word(text, start + at + dash.len(), end, out);
                return;
            }
        }
    }
    // Hyphens and slashes between words (not in numbers, phone numbers or "e-mail"). A
    // prefix keeps its word whole, as in the treebank ("pro-Russian", "non-stop", "e-mail").
    let prefixed = s.find('-').is_some_and(|at| {
        is_hyphen_prefix(&s[..at])
            && s[at + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    });
    for sep in ['-', '/'] {
        if sep == '-' && prefixed {
            continue;
        }
        if let Some(at) = s.find(sep) {
            let (left, right) = (&s[..at], &s[at + 1..]);
            let wordy = |p: &str| p.chars().count() >= 2 && p.chars().any(char::is_alphabetic);
            if wordy(left) && wordy(right) && !left.chars().all(|c| c.is_ascii_digit()) {
                split_word(text, start, start + at, out);
                out.push(Span::new(start + at, start + at + 1));
                split_word(text, start + at + 1, end, out);
                return;
            }
        }
    }
    // Clitics.
    let lower = s.to_lowercase().replace('’', "'");
    for (suffix, keep) in [
        ("n't", 3usize),
        ("'s", 2),
        ("'re", 3),
        ("'ve", 3),
        ("'ll", 3),
        ("'d", 2),
        ("'m", 2),
    ] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            // Byte length of the clitic in the original (’ is 3 bytes, ' is 1).
            let clitic_chars = keep;
            let cut = s
                .char_indices()
                .rev()
                .nth(clitic_chars - 1)
                .map(|(i, _)| i)
                .expect("clitic fits");
            if cut > 0 {
                out.push(Span::new(start, start + cut));
                out.push(Span::new(start + cut, end));
                return;
            }
        }
    }
    if lower == "cannot" {
        out.push(Span::new(start, start + 3));
        out.push(Span::new(start + 3, end));
        return;
    }
    out.push(Span::new(start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn abbreviations_sorted_for_binary_search() {
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort();
        assert_eq!(sorted, ABBREVIATIONS);
        let mut sorted = HYPHEN_PREFIXES.to_vec();
        sorted.sort();
        assert_eq!(sorted, HYPHEN_PREFIXES);
    }

    #[test]
    fn prefixes_keep_their_hyphened_word_whole() {
        assert_eq!(
            toks("A pro-Russian, anti-war co-founder's long-term plan."),
            [
                "A",
                "pro-Russian",
                ",",
                "anti-war",
                "co-founder",
                "'s",
                "long",
                "-",
                "term",
                "plan",
                "."
            ]
        );
    }

    #[test]
    fn news_english() {
        assert_eq!(
            toks("Gen. Smith met Mr. J. Doe in the U.S. on Jan. 5."),
            [
                "Gen.", "Smith", "met", "Mr.", "J.", "Doe", "in", "the", "U.S.", "on", "Jan.", "5",
                "."
            ]
        );
        assert_eq!(
            toks("It cost $350,000 (or $2.4 billion), 71% more."),
            [
                "It", "cost", "$", "350,000", "(", "or", "$", "2.4", "billion", ")", ",", "71",
                "%", "more", "."
            ]
        );
        assert_eq!(
            toks("“We don’t know,” the minister’s aide said."),
            [
                "“", "We", "do", "n’t", "know", ",", "”", "the", "minister", "’s", "aide", "said",
                "."
            ]
        );
        assert_eq!(
            toks("I can't and won't; it's a well-known e-mail."),
            [
                "I", "ca", "n't", "and", "wo", "n't", ";", "it", "'s", "a", "well", "-", "known",
                "e-mail", "."
            ]
        );
        assert_eq!(
            toks("Visit https://x.example/a?b=1, or mail desk@news.example."),
            [
                "Visit",
                "https://x.example/a?b=1",
                ",",
                "or",
                "mail",
                "desk@news.example",
                "."
            ]
        );
        assert_eq!(
            toks("He paused... then left—quickly. Call 713-853-3989 and/or wait"),
            [
                "He",
                "paused",
                "...",
                "then",
                "left",
                "—",
                "quickly",
                ".",
                "Call",
                "713-853-3989",
                "and",
                "/",
                "or",
                "wait"
            ]
        );
    }

    #[test]
    fn spans_cover_the_text_without_overlap() {
        let text =
            "  Officials said: “Twelve activists—including two minors—were held.” (Reuters) ";
        let spans = tokenize(text);
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        let rebuilt: String = spans.iter().map(|s| s.of(text)).collect();
        let no_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(rebuilt, no_space);
    }
}
