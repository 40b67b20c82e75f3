//! A tiny lossless tokenizer: words, digit groups and single punctuation
//! characters, each with its exact byte range and the kind of whitespace that
//! precedes it. Everything downstream works on these tokens, so the scan is
//! linear in the input and byte ranges are always on char boundaries.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Run of alphabetic characters, with internal apostrophes ("Iraq's", "o'clock").
    Word,
    /// ASCII digits, with valid thousands groups (`12,000`, `10 000` with thin or
    /// no-break spaces) and an optional decimal part.
    Num,
    /// Any other single non-space character.
    Punct,
}

/// Whitespace before a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Token is glued to the previous one ("3m", "34-year").
    None,
    /// Ordinary spaces/tabs, or no-break / thin spaces.
    Space,
    /// The gap contains a line break (paragraph or list boundary).
    Newline,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    /// For `Punct`: the character.
    pub ch: char,
    /// For `Num`: all digits read as one integer (decimal point ignored).
    pub mant: u128,
    /// For `Num`: digits after the decimal point.
    pub frac: u8,
    /// For `Num`: digits before the decimal point (separators excluded).
    pub int_digits: u8,
    /// For `Num`: used `,` or space thousands separators.
    pub grouped: bool,
    /// For `Num`: too many digits to represent; never a count.
    pub overflow: bool,
}

/// Spaces that typographers put inside numbers ("10 000").
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}')
}

/// Hyphens and dashes of every flavour, straight or typographic.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn digits_len(b: &[u8], i: usize) -> usize {
    b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    let mut i = 0;
    let mut gap = Gap::None;
    while i < b.len() {
        let c0 = b[i];
        // Fast ASCII whitespace path.
        if c0 == b' ' || c0 == b'\t' || c0 == b'\r' {
            if gap == Gap::None {
                gap = Gap::Space;
            }
            i += 1;
            continue;
        }
        if c0 == b'\n' {
            gap = Gap::Newline;
            i += 1;
            continue;
        }
        let c = if c0 < 0x80 {
            c0 as char
        } else {
            char_at(text, i).unwrap_or(' ')
        };
        if c.is_whitespace() {
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                gap = Gap::Newline;
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut tok = Tok {
            start,
            end: start,
            kind: Kind::Punct,
            gap,
            ch: c,
            mant: 0,
            frac: 0,
            int_digits: 0,
            grouped: false,
            overflow: false,
        };
        gap = Gap::None;
        if c.is_ascii_digit() {
            tok.kind = Kind::Num;
            let n = digits_len(b, i);
            let mut count = 0usize;
            let mut push = |ds: &[u8], tok: &mut Tok| {
                for d in ds {
                    count += 1;
                    if count > 30 {
                        tok.overflow = true;
                    } else {
                        tok.mant = tok.mant * 10 + u128::from(d - b'0');
                    }
                }
            };
            push(&b[i..i + n], &mut tok);
            let first_len = n;
            let mut int_len = n;
            i += n;
            // Thousands groups: only when the leading group has 1-3 digits and
            // every later group has exactly 3; otherwise the comma is a list
            // separator ("3,4 and 5") and the space separates two numbers.
            if first_len <= 3 {
                loop {
                    let sep = char_at(text, i);
                    let sep_len = match sep {
                        Some(',') => 1,
                        Some(s) if is_group_space(s) => s.len_utf8(),
                        _ => break,
                    };
                    let j = i + sep_len;
                    if j + 3 <= b.len()
                        && digits_len(b, j) == 3
                        && b.get(j + 3).is_none_or(|x| !x.is_ascii_digit())
                    {
                        push(&b[j..j + 3], &mut tok);
                        int_len += 3;
                        tok.grouped = true;
                        i = j + 3;
                    } else {
                        break;
                    }
                }
            }
            tok.int_digits = int_len.min(255) as u8;
            if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|x| x.is_ascii_digit()) {
                let f = digits_len(b, i + 1);
                push(&b[i + 1..i + 1 + f], &mut tok);
                tok.frac = f.min(255) as u8;
                i += 1 + f;
            }
            if tok.overflow {
                tok.mant = 0;
            }
            tok.end = i;
        } else if c.is_alphabetic() {
            tok.kind = Kind::Word;
            i += c.len_utf8();
            while let Some(n) = char_at(text, i) {
                let word_char = n.is_alphabetic()
                    || (is_apostrophe(n)
                        && char_at(text, i + n.len_utf8()).is_some_and(|m| m.is_alphabetic()));
                if !word_char {
                    break;
                }
                i += n.len_utf8();
            }
            tok.end = i;
        } else {
            i += c.len_utf8();
            tok.end = i;
        }
        toks.push(tok);
    }
    toks
}
