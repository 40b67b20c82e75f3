//! Main content from plain text: blocks, glued-boilerplate splitting, the
//! trained block classifier, and header metadata.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::classifier::BlockModel;
use crate::features::{block_features, DocContext};
use crate::meta::{self, TextMeta};

/// Probability of "remove" above which a block is boilerplate.
pub const THRESHOLD: f32 = 0.5;

/// The result of cleaning pasted article text.
#[derive(Debug, Clone, Default)]
pub struct CleanText {
    /// Kept paragraphs joined by `\n\n`.
    pub text: String,
    /// Boilerplate blocks, in input order.
    pub removed: Vec<String>,
    pub meta: TextMeta,
}

/// A classified block of the input.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// Probability that the block is boilerplate (or header metadata).
    pub p_remove: f32,
}

impl Block {
    /// The probability of "remove" this block must pass to go: `prose_threshold` for long
    /// prose (see [`clean_text`]), [`THRESHOLD`] for anything else.
    pub fn threshold(&self, prose_threshold: f32) -> f32 {
        if crate::features::BlockShape::of(&self.text).prose {
            prose_threshold.max(THRESHOLD)
        } else {
            THRESHOLD
        }
    }
}

/// Splits text into blocks: one per non-empty line, except that a line
/// continuing a sentence cut by a hard wrap (it starts in lower case after a
/// line without final punctuation) joins the line before it.
pub fn lines_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut previous_blank = true;
    for raw in text.lines() {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        let continues = !previous_blank
            && line.starts_with(|c: char| c.is_lowercase())
            && out.last().is_some_and(|prev| {
                // Wrapped lines run long; a short line is a heading or a menu item.
                !prev.ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ']', '|'])
                    && prev.chars().count() >= 60
            });
        match out.last_mut() {
            Some(prev) if continues => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
        previous_blank = false;
    }
    out
}

/// Text broken at a fixed width (wire copy, e-mail, text saved from a terminal) with its
/// paragraphs put back on one line each, or `None` when the text is not written that way.
///
/// Every block is classified on its own, so a paragraph cut into short lines would be judged
/// line by line, and a line such as "Secretary Caspar Weinberger said." looks like clutter.
/// [`lines_of`] already rejoins a long line with a lower-case continuation; this goes further
/// only for text that is wrapped as a whole: lines of at most 100 characters, a quarter of
/// which break inside a sentence. A paragraph then ends at a blank line, at an indented line,
/// or after a line that ends a sentence well short of the width. A line shorter than half the
/// width is never continued, so menus and headings stay apart.
pub fn unwrap_hard_wraps(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.len() < WRAP_MIN_LINES {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    // Breaks inside a sentence: a line without final punctuation followed by one that goes on
    // in lower case. Wrapped text breaks there all the time, text written a paragraph or a
    // menu item per line hardly ever.
    let inside_sentence = lines
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0].trim_start(), w[1].trim_start());
            !a.is_empty() && !a.ends_with(SENTENCE_END) && b.starts_with(char::is_lowercase)
        })
        .count();
    if !(WRAP_MIN_WIDTH..=WRAP_MAX_WIDTH).contains(&width) || inside_sentence * 4 < lengths.len() {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut previous: Option<&str> = None;
    for line in lines {
        let text = line.trim_start();
        if text.is_empty() {
            out.push('\n');
            previous = None;
            continue;
        }
        let indented = text.len() < line.len();
        let continues = previous.is_some_and(|p| {
            let n = p.chars().count();
            !indented && n * 2 >= width && !(p.ends_with(SENTENCE_END) && n + WRAP_SLACK < width)
        });
        // "a U.S.-" / "flagged ship": a compound broken at its hyphen joins without a space.
        let at_hyphen = previous.is_some_and(|p| {
            p.strip_suffix('-')
                .is_some_and(|rest| rest.ends_with(|c: char| c.is_alphanumeric() || c == '.'))
        });
        if continues {
            if !at_hyphen {
                out.push(' ');
            }
        } else if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(text);
        previous = Some(text);
    }
    Some(out)
}

/// Hard-wrap detection: at least this many non-blank lines, a wrap width in this range, and
/// how far short of the width a wrapped line may end.
const WRAP_MIN_LINES: usize = 6;
const WRAP_MIN_WIDTH: usize = 40;
const WRAP_MAX_WIDTH: usize = 100;
const WRAP_SLACK: usize = 20;
/// What a line that ends a sentence ends with.
const SENTENCE_END: [char; 6] = ['.', '!', '?', ':', '"', '\u{201D}'];

/// Light Markdown to text: headings, emphasis markers, links and images
/// (an image inside a link, the usual logo markup, included).
pub fn markdown_line(line: &str) -> String {
    static IMAGE: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"!\[([^\]]*)\]\([^)]*\)").expect("image regex"));
    static LINK: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("link regex"));
    let l = line.trim_start_matches('#').trim();
    let l = IMAGE.replace_all(l, "$1");
    let l = LINK.replace_all(&l, "$1");
    let l = l.replace("**", "").replace("__", "");
    let l = l.trim();
    let l = l
        .strip_prefix("> ")
        .or_else(|| l.strip_prefix("- "))
        .or_else(|| l.strip_prefix("* "))
        .map(str::trim)
        .unwrap_or(l);
    l.to_owned()
}

/// Byte offsets inside `block` where boilerplate may have been glued to text
/// with no separator: "Subscribe todayThe ministry", "help?Officers of".
pub fn glue_points(block: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut points = Vec::new();
    for k in 1..chars.len().saturating_sub(1) {
        let (at, c) = chars[k];
        let prev = chars[k - 1].1;
        let next = chars[k + 1].1;
        if !(c.is_uppercase() && (next.is_lowercase() || next == ' ' || next.is_uppercase())) {
            continue;
        }
        // The word on the left, back to the last space.
        let word_start = chars[..k]
            .iter()
            .rposition(|(_, ch)| ch.is_whitespace())
            .map_or(0, |p| p + 1);
        let left: String = chars[word_start..k].iter().map(|(_, ch)| *ch).collect();
        let letters = left.chars().filter(|ch| ch.is_alphabetic()).count();
        let glued_word = prev.is_lowercase()
            && letters >= 3
            && left.chars().next().is_some_and(|ch| ch.is_lowercase());
        let glued_sentence = matches!(prev, '.' | '!' | '?' | ':' | '”' | '"' | '→' | '»')
            && letters >= 3
            && !left.contains('.') // "U.S." and other dotted abbreviations
            && next.is_lowercase();
        // A capitalised word run into the next one with no punctuation between is also how
        // brands are spelt ("WhatsApp,", "LinkedIn"): a join only when the right word ends
        // at a space, as a sentence's first word does, and the words before it on the line
        // are few, as boilerplate's are; a long run of them is a sentence naming a brand.
        let right_word_starts_a_block = || {
            let right_end = chars[k..]
                .iter()
                .position(|(_, ch)| !ch.is_alphabetic())
                .map_or(chars.len(), |p| k + p);
            let stands_alone = right_end == chars.len() || chars[right_end].1.is_whitespace();
            let has_lowercase = chars[k..right_end].iter().any(|(_, ch)| ch.is_lowercase());
            let words_before = chars[..word_start]
                .iter()
                .filter(|(_, ch)| ch.is_whitespace())
                .count();
            stands_alone && has_lowercase && words_before <= 8
        };
        let left_is_capitalised_word = prev.is_lowercase()
            && letters >= 4
            && left.chars().next().is_some_and(|ch| ch.is_uppercase())
            && word_start > 0
            && right_word_starts_a_block();
        if glued_word || glued_sentence || left_is_capitalised_word {
            points.push(at);
        }
    }
    points
}

/// Classifies the blocks of a document, splitting glued blocks where the
/// classifier says one side is boilerplate and the other is not.
pub fn classify_blocks(lines: &[String], model: &BlockModel) -> Vec<Block> {
    // First pass: every glue point splits, so each piece is judged on its own.
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut start = 0;
        for p in glue_points(line) {
            pieces.push((i, &line[start..p]));
            start = p;
        }
        pieces.push((i, &line[start..]));
    }
    let texts: Vec<&str> = pieces.iter().map(|(_, t)| *t).collect();
    let probs = predict_texts(&texts, model);
    let whole_probs: Vec<f32> = if lines.len() != pieces.len() {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        predict_texts(&refs, model)
    } else {
        probs.clone()
    };
    // Second pass: a line stays whole unless its pieces disagree.
    let mut blocks = Vec::with_capacity(lines.len());
    let mut k = 0;
    for (i, line) in lines.iter().enumerate() {
        let first = k;
        while k < pieces.len() && pieces[k].0 == i {
            k += 1;
        }
        let labels: Vec<bool> = probs[first..k].iter().map(|&p| p > THRESHOLD).collect();
        if labels.iter().all(|&l| l == labels[0]) {
            blocks.push(Block {
                text: line.clone(),
                p_remove: whole_probs[i],
            });
            continue;
        }
        // Runs of agreeing pieces become blocks of their own.
        let mut run_start = first;
        for j in first + 1..=k {
            if j == k || labels[j - first] != labels[run_start - first] {
                let text: String = pieces[run_start..j].iter().map(|(_, t)| *t).collect();
                let p = probs[run_start..j].iter().sum::<f32>() / (j - run_start) as f32;
                blocks.push(Block {
                    text: text.trim().to_owned(),
                    p_remove: p,
                });
                run_start = j;
            }
        }
    }
    blocks.retain(|b| !b.text.is_empty());
    blocks
}

/// Probability of "remove" for each block of a document.
pub fn predict_texts(texts: &[&str], model: &BlockModel) -> Vec<f32> {
    let ctx = DocContext::new(texts);
    let features: Vec<Vec<u32>> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| block_features(t, i, &ctx))
        .collect();
    model.predict_doc(&features)
}

/// When the classifier would leave nothing (a one-paragraph brief has no
/// context to judge it by), keep the blocks shaped like sentences, else every
/// block of some length: an article is never dropped whole for looking unusual.
fn rescue_article(blocks: &[Block], keep: &mut [bool], meta: &TextMeta) {
    if keep.iter().any(|&k| k) {
        return;
    }
    let candidates = |sentences_only: bool| -> Vec<usize> {
        (0..blocks.len())
            .filter(|i| !meta.consumed.contains(i))
            .filter(|&i| {
                let shape = crate::features::BlockShape::of(&blocks[i].text);
                shape.words >= 6 && (shape.ends_terminal || !sentences_only)
            })
            .collect()
    };
    let mut chosen = candidates(true);
    if chosen.is_empty() {
        chosen = candidates(false);
    }
    for i in chosen {
        keep[i] = true;
    }
}

/// The blocks of a text, Markdown flattened when `markdown`.
pub fn blocks_of(raw: &str, markdown: bool) -> Vec<String> {
    if !markdown {
        return match unwrap_hard_wraps(raw) {
            Some(unwrapped) => lines_of(&unwrapped),
            None => lines_of(raw),
        };
    }
    let lines = lines_of(raw);
    lines
        .iter()
        .map(|l| markdown_line(l))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Cleans pasted article text.
///
/// `prose_threshold` is the probability of "remove" a block of long prose must pass to go:
/// [`THRESHOLD`] for pasted pages, higher where the input is the publisher's own article
/// body (a feed item), in which clutter comes as short lines ("Read more", "The post ...
/// appeared first on ...") and long prose is the story.
pub fn clean_text(
    raw: &str,
    markdown: bool,
    model: &BlockModel,
    prose_threshold: f32,
) -> CleanText {
    let lines = blocks_of(raw, markdown);
    let blocks = classify_blocks(&lines, model);
    let meta = meta::text_meta(&blocks);
    let mut keep: Vec<bool> = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let repeat = blocks[..i]
            .iter()
            .zip(&keep)
            .any(|(earlier, kept)| *kept && earlier.text == b.text);
        // The outlet's name, the byline name or the headline repeated
        // elsewhere (a masthead, an author box) is metadata, not body.
        let names_metadata = [&meta.outlet, &meta.author, &meta.title].iter().any(|m| {
            m.as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case(&b.text))
        });
        keep.push(
            !meta.consumed.contains(&i)
                && b.p_remove <= b.threshold(prose_threshold)
                && !repeat
                && !names_metadata,
        );
    }
    rescue_article(&blocks, &mut keep, &meta);
    let mut kept: Vec<&str> = Vec::new();
    let mut removed = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if keep[i] {
            kept.push(&b.text);
        } else if !meta.consumed.contains(&i) {
            removed.push(b.text.clone());
        }
    }
    CleanText {
        text: kept.join("\n\n"),
        removed,
        meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_points_find_joins_and_spare_names() {
        let s = "Subscribe todayThe ministry said";
        assert_eq!(glue_points(s), [s.find("The").unwrap()]);
        let s = "Will you help keep it that way?Officers of the bureau";
        assert_eq!(glue_points(s), [s.find("Officers").unwrap()]);
        assert!(glue_points("He posted on YouTube and bought an iPhone at McDonald's.").is_empty());
        assert!(glue_points("Officials in the U.S. Embassy said").is_empty());
        // A brand spelt with an inner capital, in a sentence, is one word.
        assert!(glue_points(
            "The government blocked 26 platforms, including Facebook, Instagram, WhatsApp, YouTube and X."
        )
        .is_empty());
        assert!(glue_points("Executives at SpaceX, the rocket maker, said").is_empty());
        let s = "Read MoreThe ministry said";
        assert_eq!(glue_points(s), [s.find("The").unwrap()]);
    }

    #[test]
    fn hard_wrapped_sentences_are_rejoined() {
        let text = "Police in the port city of Valemont detained seven members of the\nactivists on Monday.\nMenu\nsport\n\nlower case after a blank line stays";
        assert_eq!(
            lines_of(text),
            [
                "Police in the port city of Valemont detained seven members of the activists on Monday.",
                "Menu",
                "sport",
                "lower case after a blank line stays"
            ]
        );
    }

    #[test]
    fn text_wrapped_at_one_width_gets_its_paragraphs_back() {
        let wire = [
            "U.S. warships attacked and destroyed",
            "an Iranian oil platform on Monday in retaliation for Friday's",
            "Iranian attack damaging a U.S.-flagged ship, U.S. Defense",
            "Secretary Caspar Weinberger said.",
            "    When asked how much was left of the oil platform,",
            "Weinberger said, \"Nothing.\"",
            "    Weinberger said four U.S. destroyers attacked the U.S.-",
            "flagged ship's attacker about 120 miles east of Bahrain with fire",
            "at 0700 EDT, Weinberger said.",
            "Share this",
            "Most read",
        ]
        .join("\n");
        assert_eq!(
            blocks_of(&wire, false),
            [
                "U.S. warships attacked and destroyed an Iranian oil platform on Monday in \
retaliation for Friday's Iranian attack damaging a U.S.-flagged ship, U.S. Defense \
Secretary Caspar Weinberger said.",
                "When asked how much was left of the oil platform, Weinberger said, \"Nothing.\"",
                "Weinberger said four U.S. destroyers attacked the U.S.-flagged ship's attacker \
about 120 miles east of Bahrain with fire at 0700 EDT, Weinberger said.",
                "Share this",
                "Most read",
            ]
        );
        // One paragraph per line, of any length: not wrapped, left alone.
        let plain = "Police detained seven men on Monday.\nMenu\nThe ministry said the men had planned an attack on the consulate and would be charged.\nSport\nWeather\nShare\nThe court will hear the case next week.";
        assert_eq!(unwrap_hard_wraps(plain), None);
    }

    #[test]
    fn markdown_is_flattened() {
        assert_eq!(markdown_line("## The **big** story"), "The big story");
        assert_eq!(
            markdown_line("See [the report](http://x.example) now"),
            "See the report now"
        );
        assert_eq!(markdown_line("- item one"), "item one");
        assert_eq!(markdown_line("![A protest](img.jpg)"), "A protest");
        assert_eq!(
            markdown_line("[![The Brief](logo.png)](https://x.example/)"),
            "The Brief"
        );
    }
}
