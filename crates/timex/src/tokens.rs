//! A small tokenizer for time expressions: words, numbers and single
//! punctuation marks with byte spans, whether whitespace precedes each, and a
//! rough sentence index (for anaphora windows and clause limits).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace (or the start of text) precedes the token.
    pub space: bool,
    /// A line break precedes the token.
    pub newline: bool,
    /// The first character is upper case.
    pub upper: bool,
    pub sentence: usize,
}

pub struct Toks<'a> {
    pub text: &'a str,
    /// `text` with ASCII letters lower-cased (same byte offsets).
    pub lower: String,
    pub toks: Vec<Tok>,
}

const ABBREV: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "corp", "inc", "co", "ltd", "jr", "sr",
    "vs", "no", "u", "s", "a", "m", "p", "mt", "ft", "col", "lt", "sgt", "capt", "prof", "rev",
    "calif", "ariz", "mass", "fla", "conn", "wash", "pa", "va", "tenn", "ky", "ill", "mich",
];

impl<'a> Toks<'a> {
    pub fn new(text: &'a str) -> Toks<'a> {
        let lower = text.to_ascii_lowercase();
        let b = text.as_bytes();
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        let mut i = 0;
        let mut space = true;
        let mut newline = true;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                if c == b'\n' {
                    newline = true;
                }
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            let kind;
            if c.is_ascii_digit() {
                i += 1;
                while i < b.len() {
                    if b[i].is_ascii_digit() {
                        i += 1;
                    } else if matches!(b[i], b',' | b'.' | b':')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()
                    {
                        i += 2;
                    } else {
                        break;
                    }
                }
                kind = Kind::Num;
            } else if c.is_ascii_alphabetic() || c >= 0x80 {
                // Letters (any script); non-ASCII non-letters become punctuation.
                let ch = text[i..].chars().next().expect("char");
                if c >= 0x80 && !ch.is_alphabetic() {
                    i += ch.len_utf8();
                    kind = Kind::Punct;
                } else {
                    while i < b.len() {
                        if b[i].is_ascii_alphabetic() {
                            i += 1;
                        } else if b[i] >= 0x80 {
                            let ch = text[i..].chars().next().expect("char");
                            if ch.is_alphabetic() {
                                i += ch.len_utf8();
                            } else {
                                break;
                            }
                        } else {
                            break;
                        }
                    }
                    kind = Kind::Word;
                }
            } else {
                i += 1;
                kind = Kind::Punct;
            }
            let upper = text[start..]
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase());
            toks.push(Tok {
                start,
                end: i,
                kind,
                space,
                newline,
                upper,
                sentence: 0,
            });
            space = false;
            newline = false;
        }
        let mut t = Toks { text, lower, toks };
        t.mark_sentences();
        t
    }

    fn mark_sentences(&mut self) {
        let mut s = 0;
        for i in 0..self.toks.len() {
            if i > 0 {
                let prev = self.toks[i - 1];
                let cur = self.toks[i];
                let blank =
                    cur.newline && self.text[prev.end..cur.start].matches('\n').count() >= 2;
                let end_punct = matches!(self.w(i - 1), "." | "!" | "?")
                    && (cur.upper
                        || cur.kind == Kind::Num
                        || matches!(self.w(i), "\"" | "`" | "'" | "(" | "“"))
                    && cur.space
                    && !(self.w(i - 1) == "."
                        && i >= 2
                        && !self.toks[i - 1].space
                        && ABBREV.contains(&self.w(i - 2))
                        && !matches!(self.w(i), "\"" | "`" | "'" | "“"));
                if blank || end_punct {
                    s += 1;
                }
            }
            self.toks[i].sentence = s;
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased token text, "" past the end.
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start..t.end],
            None => "",
        }
    }

    /// Original token text.
    pub fn orig(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    pub fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    pub fn any(&self, i: usize, set: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && set.contains(&w)
    }

    /// Token `i` follows token `i-1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.toks.get(i).is_some_and(|t| !t.space)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn upper(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.upper)
    }

    /// An integer token without separators.
    pub fn int(&self, i: usize) -> Option<i64> {
        let w = self.w(i);
        if self.is_num(i) && w.bytes().all(|c| c.is_ascii_digit()) && w.len() <= 9 {
            w.parse().ok()
        } else {
            None
        }
    }

    pub fn sentence(&self, i: usize) -> usize {
        self.toks.get(i).map_or(usize::MAX, |t| t.sentence)
    }

    /// Index of the token starting at byte `b`, if any.
    pub fn at_byte(&self, b: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&b, |t| t.start).ok()
    }

    /// Index of the token ending at byte `b`, if any.
    pub fn ending_at(&self, b: usize) -> Option<usize> {
        self.toks.binary_search_by_key(&b, |t| t.end).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_sentences() {
        let t = Toks::new("On Jan. 27, 1990s-era talks at 10:35 a.m. ended. Then mid-2022.");
        let words: Vec<&str> = (0..t.len()).map(|i| t.orig(i)).collect();
        assert_eq!(
            words,
            [
                "On", "Jan", ".", "27", ",", "1990", "s", "-", "era", "talks", "at", "10:35", "a",
                ".", "m", ".", "ended", ".", "Then", "mid", "-", "2022", "."
            ]
        );
        assert_eq!(t.sentence(3), 0);
        assert_eq!(t.sentence(18), 1);
        assert!(t.glued(6));
    }
}
