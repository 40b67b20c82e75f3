//! The grammar (qualifier + number phrase + optional range/post-qualifier)
//! and the context filters that throw out numbers which are not counts.

use crate::lexicon::{
    blocks_following_number, is_change_verb, is_currency_prefix_word, is_currency_symbol,
    is_currency_word, is_function_word, is_money_verb, is_one_stop, is_score_word, is_street,
    is_strong_count_noun, is_unit, is_year_prev, month, plural, scale, small, tens,
};
use crate::token::{is_dash, tokenize, Gap, Kind, Tok};
use crate::{Count, Quantity};

/// How a qualifier turns the number's interval into the reported one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qual {
    /// more than / over / upwards of: N+1 .. open.
    Gt,
    /// just over: N+1 .. N+10%.
    JustOver,
    /// at least / no fewer than: N .. open.
    Ge,
    /// fewer than / under: open .. N-1.
    Lt,
    /// nearly / almost / just under: N-10% .. N-1.
    Nearly,
    /// up to / at most / as many as: open .. N.
    Le,
    /// about / around / some / an estimated: N±10%.
    Approx,
    /// possibly / perhaps: interval unchanged, marked approximate.
    Hedge,
    /// a further / another: unchanged.
    Further,
    /// in the hundreds: only before plural scales.
    InThe,
    /// between N and M: only with a range.
    Between,
}

/// (words, qualifier, the number must be followed by a content word).
/// The last flag is for prepositions that are as often about ages or
/// measurements as counts ("children under 5", "over 65s").
const QUALS: &[(&[&str], Qual, bool)] = &[
    (&["more", "than"], Qual::Gt, false),
    (&["over"], Qual::Gt, true),
    (&["upwards", "of"], Qual::Gt, false),
    (&["in", "excess", "of"], Qual::Gt, false),
    (&["above"], Qual::Gt, true),
    (&["greater", "than"], Qual::Gt, false),
    (&["well", "over"], Qual::Gt, false),
    (&["well", "above"], Qual::Gt, false),
    (&["well", "in", "excess", "of"], Qual::Gt, false),
    (&["just", "over"], Qual::JustOver, false),
    (&["just", "above"], Qual::JustOver, false),
    (&["just", "more", "than"], Qual::JustOver, false),
    (&["slightly", "more", "than"], Qual::JustOver, false),
    (&["slightly", "over"], Qual::JustOver, false),
    (&["a", "little", "over"], Qual::JustOver, false),
    (&["a", "little", "more", "than"], Qual::JustOver, false),
    (&["at", "least"], Qual::Ge, false),
    (&["at", "the", "very", "least"], Qual::Ge, false),
    (&["no", "fewer", "than"], Qual::Ge, false),
    (&["no", "less", "than"], Qual::Ge, false),
    (&["not", "fewer", "than"], Qual::Ge, false),
    (&["not", "less", "than"], Qual::Ge, false),
    (&["a", "minimum", "of"], Qual::Ge, false),
    (&["fewer", "than"], Qual::Lt, false),
    (&["less", "than"], Qual::Lt, false),
    (&["under"], Qual::Lt, true),
    (&["below"], Qual::Lt, true),
    (&["nearly"], Qual::Nearly, false),
    (&["almost"], Qual::Nearly, false),
    (&["just", "under"], Qual::Nearly, false),
    (&["just", "below"], Qual::Nearly, false),
    (&["just", "short", "of"], Qual::Nearly, false),
    (&["just", "shy", "of"], Qual::Nearly, false),
    (&["slightly", "fewer", "than"], Qual::Nearly, false),
    (&["slightly", "less", "than"], Qual::Nearly, false),
    (&["a", "little", "under"], Qual::Nearly, false),
    (&["not", "quite"], Qual::Nearly, false),
    (&["at", "most"], Qual::Le, false),
    (&["no", "more", "than"], Qual::Le, false),
    (&["not", "more", "than"], Qual::Le, false),
    (&["a", "maximum", "of"], Qual::Le, false),
    (&["up", "to"], Qual::Le, false),
    (&["as", "many", "as"], Qual::Le, false),
    (&["about"], Qual::Approx, false),
    (&["around"], Qual::Approx, false),
    (&["round", "about"], Qual::Approx, false),
    (&["roughly"], Qual::Approx, false),
    (&["some"], Qual::Approx, false),
    (&["approximately"], Qual::Approx, false),
    (&["approx"], Qual::Approx, false),
    (&["an", "estimated"], Qual::Approx, false),
    (&["estimated"], Qual::Approx, false),
    (&["close", "to"], Qual::Approx, false),
    (&["circa"], Qual::Approx, false),
    (&["in", "the", "region", "of"], Qual::Approx, false),
    (&["in", "the", "order", "of"], Qual::Approx, false),
    (&["on", "the", "order", "of"], Qual::Approx, false),
    (&["something", "like"], Qual::Approx, false),
    (&["somewhere", "around"], Qual::Approx, false),
    (&["more", "or", "less"], Qual::Approx, false),
    (&["possibly"], Qual::Hedge, false),
    (&["perhaps"], Qual::Hedge, false),
    (&["probably"], Qual::Hedge, false),
    (&["potentially"], Qual::Hedge, false),
    (&["maybe"], Qual::Hedge, false),
    (&["a", "further"], Qual::Further, false),
    (&["another"], Qual::Further, false),
    (&["yet", "another"], Qual::Further, false),
    (&["an", "additional"], Qual::Further, false),
    (&["an", "extra"], Qual::Further, false),
    (&["in", "the"], Qual::InThe, false),
    (&["into", "the"], Qual::InThe, false),
    (&["between"], Qual::Between, false),
];

/// First words of `QUALS`; a cheap guard so that ordinary words never
/// walk the table.
fn is_qual_start(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "over"
            | "upwards"
            | "in"
            | "above"
            | "greater"
            | "well"
            | "just"
            | "slightly"
            | "a"
            | "at"
            | "no"
            | "not"
            | "fewer"
            | "less"
            | "under"
            | "below"
            | "nearly"
            | "almost"
            | "up"
            | "as"
            | "about"
            | "around"
            | "round"
            | "roughly"
            | "some"
            | "approximately"
            | "approx"
            | "an"
            | "estimated"
            | "close"
            | "circa"
            | "on"
            | "something"
            | "somewhere"
            | "possibly"
            | "perhaps"
            | "probably"
            | "potentially"
            | "maybe"
            | "another"
            | "yet"
            | "into"
            | "between"
    )
}

/// Could a quantity expression start with this (lowercased) word?
pub(crate) fn is_start_word(w: &str) -> bool {
    is_qual_start(w)
        || small(w).is_some()
        || tens(w).is_some()
        || plural(w).is_some()
        || matches!(w, "half" | "several")
}

/// A parsed number phrase before qualifiers are applied.
#[derive(Clone, Copy, Debug)]
struct Phrase {
    first: usize,
    last: usize,
    lo: u128,
    hi: u128,
    vague: bool,
    /// Lower bound for "in the <plural>"; `Some` only for plural scales.
    in_the_lo: Option<u128>,
    /// The number before its final scale word, as a fraction, so that
    /// "between 2 and 3 million" can lend "million" to the 2.
    raw_num: u128,
    raw_den: u128,
    scale: u128,
    digits: bool,
    year_like: bool,
    is_one: bool,
    word_based: bool,
    needs_of: bool,
    /// "3m", "5k": only a count when a plural noun follows.
    attached_mk: bool,
}

impl Phrase {
    fn value_with_scale(&self, s: u128) -> Option<u128> {
        let n = self.raw_num.checked_mul(s)?;
        Some((n + self.raw_den / 2) / self.raw_den)
    }
}

fn pow10(n: u8) -> Option<u128> {
    10u128.checked_pow(u32::from(n))
}

/// 10% either side, rounded, at least 1: "about a hundred" → 90..110,
/// "about five" → 4..6.
fn slack(n: u128) -> u128 {
    ((n + 5) / 10).max(1)
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    lower: String,
    toks: Vec<Tok>,
    /// `parse_quantity`: no sentence context, so context filters are off.
    standalone: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str, standalone: bool) -> Self {
        Scanner {
            text,
            lower: text.to_ascii_lowercase(),
            toks: tokenize(text),
            standalone,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Cheap pre-check before `parse_at`.
    pub(crate) fn candidate(&self, i: usize) -> bool {
        match self.toks[i].kind {
            Kind::Num => true,
            Kind::Word => is_start_word(self.lw(i)),
            Kind::Punct => false,
        }
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// Lowercased word at `i`, or "" for non-words and out of range.
    fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => &self.lower[t.start..t.end],
            _ => "",
        }
    }

    /// `lw` for an optional index.
    fn lwo(&self, i: Option<usize>) -> &str {
        i.map_or("", |i| self.lw(i))
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Punct => Some(t.ch),
            _ => None,
        }
    }

    fn gap(&self, i: usize) -> Option<Gap> {
        self.toks.get(i).map(|t| t.gap)
    }

    /// Token `i` exists and is separated from the previous one by ordinary
    /// whitespace on the same line.
    fn spaced(&self, i: usize) -> bool {
        self.gap(i) == Some(Gap::Space)
    }

    fn glued(&self, i: usize) -> bool {
        self.gap(i) == Some(Gap::None)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    fn capitalized(&self, i: usize) -> bool {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => self.text[t.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
            _ => false,
        }
    }

    fn possessive(&self, i: usize) -> bool {
        let w = self.lw(i);
        w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with("s'")
    }

    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.gap(i) == Some(Gap::Newline) {
            return true;
        }
        matches!(
            self.punct(i - 1),
            Some(
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '"'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2018}'
                    | '\''
                    | '('
                    | '['
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '\u{2022}'
                    | '*'
            )
        )
    }

    /// Stricter than `sentence_start`: a capital letter after this is not
    /// evidence of a proper name ("Goals: Bowyer 35" and "(Parnaby 87)" are).
    fn strong_start(&self, i: usize) -> bool {
        if i == 0 || self.gap(i) == Some(Gap::Newline) {
            return true;
        }
        matches!(
            self.punct(i - 1),
            Some('.' | '!' | '?' | '"' | '\u{201C}' | '\u{2018}' | '\'')
        )
    }

    fn is_month(&self, i: usize) -> bool {
        match month(self.lw(i)) {
            Some(needs_cap) => !needs_cap || self.capitalized(i),
            None => false,
        }
    }

    /// A number token or a cardinal word at `i`.
    fn looks_numeric(&self, i: usize) -> bool {
        self.is_num(i) || small(self.lw(i)).is_some() || tens(self.lw(i)).is_some()
    }

    /// Longest qualifier starting at `i`: (token count, qualifier, needs noun).
    fn match_qual(&self, i: usize) -> Option<(usize, Qual, bool)> {
        let first = self.lw(i);
        if !is_qual_start(first) {
            return None;
        }
        let mut best: Option<(usize, Qual, bool)> = None;
        for (words, q, nn) in QUALS {
            if words[0] != first || best.is_some_and(|b| b.0 >= words.len()) {
                continue;
            }
            let ok = words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| self.spaced(i + k) && self.lw(i + k) == *w);
            if ok {
                best = Some((words.len(), *q, *nn));
            }
        }
        best
    }

    fn phrase(&self, k: usize) -> Option<Phrase> {
        let t = self.tok(k)?;
        let ph = match t.kind {
            Kind::Num => self.digits_phrase(k)?,
            Kind::Word => match self.vague_phrase(k) {
                Some(p) => return Some(p),
                None => self.word_phrase(k)?,
            },
            Kind::Punct => return None,
        };
        self.and_a_half(ph)
    }

    /// "two and a half million" → 2,500,000; a dangling "two and a half"
    /// (years, times, ...) is not a count of whole things.
    fn and_a_half(&self, mut ph: Phrase) -> Option<Phrase> {
        let l = ph.last;
        if !(self.lw(l + 1) == "and"
            && self.spaced(l + 1)
            && self.lw(l + 2) == "a"
            && self.spaced(l + 2)
            && self.lw(l + 3) == "half"
            && self.spaced(l + 3))
        {
            return Some(ph);
        }
        if ph.scale != 1 || ph.raw_den != 1 || !self.spaced(l + 4) {
            return None;
        }
        let s = scale(self.lw(l + 4))?;
        ph.raw_num = ph.raw_num.checked_mul(2)? + 1;
        ph.raw_den = 2;
        ph.scale = s;
        let v = ph.value_with_scale(s)?;
        ph.lo = v;
        ph.hi = v;
        ph.last = l + 4;
        ph.year_like = false;
        ph.is_one = false;
        Some(ph)
    }

    fn digits_phrase(&self, k: usize) -> Option<Phrase> {
        let t = *self.tok(k)?;
        if t.overflow {
            return None;
        }
        // "007", "0800": identifiers, not counts ("0" itself is fine).
        if t.int_digits > 1 && self.text.as_bytes()[t.start] == b'0' {
            return None;
        }
        // Seven or more digits without separators: phone numbers, IDs.
        if !t.grouped && t.int_digits >= 7 {
            return None;
        }
        let mut last = k;
        let mut sc: u128 = 1;
        let mut attached_mk = false;
        if self.is_word(k + 1) && self.glued(k + 1) {
            // "2.5bn", "3m", "5k": a glued scale; any other glued letters
            // ("3rd", "1990s", "10km", "5pm", "A4") make this not a count.
            let w = self.lw(k + 1);
            sc = match w {
                "m" | "k" => {
                    attached_mk = true;
                    if w == "m" {
                        1_000_000
                    } else {
                        1_000
                    }
                }
                _ => scale(w).filter(|&s| s >= 1_000)?,
            };
            last = k + 1;
        }
        // Spelled scales: "1.2 million", "12 thousand", "two hundred thousand".
        let mut prev_s = if sc > 1 { sc } else { 0 };
        while self.spaced(last + 1) {
            let w = self.lw(last + 1);
            let s = match scale(w) {
                Some(s) => s,
                None if w == "dozen" && sc == 1 => 12,
                None => break,
            };
            if prev_s != 0 && s <= prev_s {
                break;
            }
            sc = sc.checked_mul(s)?;
            prev_s = s;
            last += 1;
        }
        let den = pow10(t.frac)?;
        let v = (t.mant.checked_mul(sc)? + den / 2) / den;
        let year_like =
            !t.grouped && t.frac == 0 && sc == 1 && t.int_digits == 4 && (1500..=2100).contains(&v);
        Some(Phrase {
            first: k,
            last,
            lo: v,
            hi: v,
            vague: false,
            in_the_lo: None,
            raw_num: t.mant,
            raw_den: den,
            scale: sc,
            digits: true,
            year_like,
            is_one: false,
            word_based: false,
            needs_of: false,
            attached_mk,
        })
    }

    fn vague(first: usize, last: usize, lo: u128, hi: u128) -> Phrase {
        Phrase {
            first,
            last,
            lo,
            hi,
            vague: true,
            in_the_lo: None,
            raw_num: lo,
            raw_den: 1,
            scale: 1,
            digits: false,
            year_like: false,
            is_one: false,
            word_based: true,
            needs_of: false,
            attached_mk: false,
        }
    }

    fn vague_phrase(&self, k: usize) -> Option<Phrase> {
        let w = self.lw(k);
        let small_vague = match w {
            "several" => Some((3, 9, k, false)),
            "a" if self.spaced(k + 1) => match self.lw(k + 1) {
                // "quite a few" means many: not emitted.
                "few" if k == 0 || self.lw(k - 1) != "quite" => Some((2, 5, k + 1, false)),
                "handful" => Some((2, 9, k + 1, false)),
                "couple" => Some((2, 3, k + 1, true)),
                _ => None,
            },
            _ => None,
        };
        if let Some((lo, hi, mut last, mut needs_of)) = small_vague {
            // "several hundred", "a few thousand", "a few dozen".
            let mut mult: u128 = 1;
            let mut prev_s = 0;
            while self.spaced(last + 1) {
                let nw = self.lw(last + 1);
                let s = match scale(nw) {
                    Some(s) => s,
                    None if nw == "dozen" && mult == 1 => 12,
                    None => break,
                };
                if s <= prev_s {
                    break;
                }
                mult = mult.checked_mul(s)?;
                prev_s = s;
                last += 1;
                needs_of = false;
            }
            let mut p = Self::vague(k, last, lo * mult, (hi + 1) * mult - 1);
            p.needs_of = needs_of;
            return Some(p);
        }
        let p = plural(w)?;
        let (mut lo, mut hi, mut in_lo, mut unit) = (p.lo, p.hi, p.in_the_lo, p.unit);
        let mut last = k;
        let mut chained = false;
        // "tens of thousands", "hundreds of thousands of millions".
        while self.lw(last + 1) == "of" && self.spaced(last + 1) && self.spaced(last + 2) {
            let Some(q) = plural(self.lw(last + 2)) else {
                break;
            };
            if q.unit <= unit || q.unit < 100 {
                break;
            }
            lo = lo.checked_mul(q.unit)?;
            hi = (hi + 1).checked_mul(q.unit)? - 1;
            in_lo = in_lo.checked_mul(q.unit)?;
            unit = q.unit;
            last += 2;
            chained = true;
        }
        if w == "tens" && !chained {
            return None;
        }
        let mut ph = Self::vague(k, last, lo, hi);
        ph.in_the_lo = Some(in_lo);
        ph.needs_of = w == "scores" && !chained;
        Some(ph)
    }

    /// Spelled-out cardinals: "seven", "twenty-one", "one hundred and five",
    /// "a thousand", "two million", "half a million", "two dozen".
    fn word_phrase(&self, k: usize) -> Option<Phrase> {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum St {
            Start,
            A,
            Unit,
            Teen,
            Tens,
            Hundred,
            Scale,
            And,
        }
        let w0 = self.lw(k);
        let mk = |last: usize, num: u128, den: u128, sc: u128| -> Option<Phrase> {
            let v = (num.checked_mul(sc)? + den / 2) / den;
            Some(Phrase {
                first: k,
                last,
                lo: v,
                hi: v,
                vague: false,
                in_the_lo: None,
                raw_num: num,
                raw_den: den,
                scale: sc,
                digits: false,
                year_like: false,
                is_one: last == k && w0 == "one",
                word_based: true,
                needs_of: false,
                attached_mk: false,
            })
        };
        if w0 == "half" && self.lw(k + 1) == "a" && self.spaced(k + 1) && self.spaced(k + 2) {
            let w2 = self.lw(k + 2);
            let s = if w2 == "dozen" { 12 } else { scale(w2)? };
            return mk(k + 2, 1, 2, s);
        }
        let mut st = St::Start;
        let mut i = k;
        if w0 == "a" {
            let w1 = self.lw(k + 1);
            if !self.spaced(k + 1) {
                return None;
            }
            if w1 == "score" {
                return if self.lw(k + 2) == "of" {
                    mk(k + 1, 20, 1, 1)
                } else {
                    None
                };
            }
            if w1 != "dozen" && !matches!(scale(w1), Some(s) if s >= 100 && w1.len() > 3) {
                return None;
            }
            st = St::A;
            i = k + 1;
        }
        let (mut total, mut cur): (u128, u128) = (0, 0);
        let mut prev_big = u128::MAX;
        let mut best: Option<(usize, u128, u128)> = None; // (last, value, final scale)
        let mut hyphen_next = false;
        loop {
            if !self.is_word(i) {
                break;
            }
            if i > k && !hyphen_next && !self.spaced(i) {
                break;
            }
            hyphen_next = false;
            let w = self.lw(i);
            let mut final_scale = 1;
            let mut stop = false;
            if let Some(v) = small(w) {
                let ok = match st {
                    St::Start | St::Hundred | St::Scale | St::And => true,
                    St::Tens => (1..=9).contains(&v),
                    _ => false,
                };
                if !ok {
                    break;
                }
                cur += v;
                st = if v < 10 || st == St::Tens {
                    St::Unit
                } else {
                    St::Teen
                };
            } else if let Some(v) = tens(w) {
                if !matches!(st, St::Start | St::Hundred | St::Scale | St::And) {
                    break;
                }
                cur += v;
                st = St::Tens;
            } else if w == "hundred" {
                if st == St::A {
                    cur = 1;
                }
                if !matches!(st, St::A | St::Unit | St::Teen | St::Tens) || cur == 0 || cur >= 100 {
                    break;
                }
                cur *= 100;
                st = St::Hundred;
                if total == 0 {
                    final_scale = 100;
                }
            } else if w == "dozen" {
                if st == St::A {
                    cur = 1;
                }
                if !matches!(st, St::A | St::Unit | St::Teen | St::Tens) || total != 0 || cur == 0 {
                    break;
                }
                cur *= 12;
                final_scale = 12;
                stop = true;
            } else if w == "and" {
                let nxt = self.lw(i + 1);
                if matches!(st, St::Hundred | St::Scale)
                    && self.spaced(i + 1)
                    && (small(nxt).is_some() || tens(nxt).is_some())
                {
                    st = St::And;
                    i += 1;
                    continue;
                }
                break;
            } else if let Some(s) = scale(w).filter(|&s| s >= 1_000 && w.len() > 3) {
                if st == St::A {
                    cur = 1;
                }
                if !matches!(st, St::A | St::Unit | St::Teen | St::Tens | St::Hundred)
                    || s >= prev_big
                    || cur == 0
                {
                    break;
                }
                total = total.checked_add(cur.checked_mul(s)?)?;
                cur = 0;
                prev_big = s;
                st = St::Scale;
                final_scale = s;
            } else {
                break;
            }
            best = Some((i, total + cur, final_scale));
            if stop {
                break;
            }
            // "twenty-one": a hyphen glued on both sides to a unit word.
            if st == St::Tens
                && self.punct(i + 1).is_some_and(is_dash)
                && self.glued(i + 1)
                && self.glued(i + 2)
                && small(self.lw(i + 2)).is_some_and(|v| (1..=9).contains(&v))
            {
                i += 2;
                hyphen_next = true;
                continue;
            }
            i += 1;
        }
        let (last, v, sc) = best?;
        if sc > 1 && v % sc == 0 {
            mk(last, v / sc, 1, sc)
        } else {
            mk(last, v, 1, 1)
        }
    }

    /// Try to read one quantity expression starting at token `i`; returns it
    /// with the index of its last token.
    pub(crate) fn parse_at(&self, i: usize) -> Option<(Quantity, usize)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Punct {
            return None;
        }
        let mut j = i;
        let mut hedge = false;
        let mut qual: Option<Qual> = None;
        let mut needs_noun = false;
        if t.kind == Kind::Word {
            if let Some((n, Qual::Hedge, _)) = self.match_qual(j) {
                hedge = true;
                j += n;
                if !self.spaced(j) {
                    return None;
                }
            }
            if let Some((n, q, nn)) = self.match_qual(j).filter(|m| m.1 != Qual::Hedge) {
                // "some" and "another" are ordinary determiners unless a
                // number follows; the phrase check below sorts that out.
                qual = Some(q);
                needs_noun = nn;
                j += n;
                if !self.spaced(j) {
                    return None;
                }
            }
        }
        let ph = self.phrase(j)?;
        if qual == Some(Qual::InThe) && ph.in_the_lo.is_none() {
            return None;
        }
        if !ph.vague && ph.raw_den > 1 && ph.scale == 1 {
            // "1.5" alone is a measurement, never a head count; a range may
            // still lend it a scale ("1.5 to 2 million"), handled below.
            let next = self.lw(ph.last + 1);
            if !(matches!(next, "to" | "or" | "and")
                || self.punct(ph.last + 1).is_some_and(is_dash))
            {
                return None;
            }
        }
        let mut lo = Some(ph.lo);
        let mut hi = Some(ph.hi);
        let mut approx = ph.vague || hedge;
        let mut num_last = ph.last;
        let mut end = ph.last;
        let mut second: Option<Phrase> = None;
        let mut tight_dash = false;
        let mut first_val = ph.lo;
        if !ph.vague {
            let e = ph.last;
            // Post-qualifiers: "300 or more", "300 or so", "300-plus", "300+".
            let mut post: Option<Qual> = None;
            if self.lw(e + 1) == "or" && self.spaced(e + 1) && self.spaced(e + 2) {
                post = match self.lw(e + 2) {
                    "more" | "over" | "above" | "greater" => Some(Qual::Ge),
                    "fewer" | "less" | "under" | "below" => Some(Qual::Le),
                    "so" => Some(Qual::Approx),
                    _ => None,
                };
                if post.is_some() {
                    end = e + 2;
                }
            }
            if post.is_none()
                && self.punct(e + 1).is_some_and(is_dash)
                && self.glued(e + 1)
                && self.glued(e + 2)
            {
                post = match self.lw(e + 2) {
                    "plus" => Some(Qual::Ge),
                    "odd" => Some(Qual::Approx),
                    _ => None,
                };
                if post.is_some() {
                    end = e + 2;
                }
            }
            if post.is_none()
                && self.punct(e + 1) == Some('+')
                && self.glued(e + 1)
                && !self.is_num(e + 2)
            {
                post = Some(Qual::Ge);
                end = e + 1;
            }
            if post.is_none() && self.spaced(e + 1) && !self.looks_numeric(e + 2) {
                post = match self.lw(e + 1) {
                    "plus" => Some(Qual::Ge),
                    "odd" => Some(Qual::Approx),
                    _ => None,
                };
                if post.is_some() {
                    end = e + 1;
                }
            }
            if post.is_none() {
                // Ranges: "10 to 15", "two or three", "10-15", "between 10 and 15".
                let c = e + 1;
                let cw = self.lw(c);
                let from_before = i > 0 && is_change_verb(self.lw(i - 1));
                let dash = self.punct(c).is_some_and(is_dash);
                let conn_ok = if dash {
                    true
                } else {
                    self.spaced(c)
                        && self.spaced(c + 1)
                        && match cw {
                            "to" => !from_before,
                            "or" => true,
                            "and" => qual == Some(Qual::Between),
                            _ => false,
                        }
                };
                if conn_ok {
                    if let Some(p2) = self.phrase(c + 1).filter(|p| !p.vague) {
                        let a = if ph.scale == 1
                            && p2.scale > 1
                            && ph.raw_num * p2.raw_den < p2.raw_num * ph.raw_den
                        {
                            ph.value_with_scale(p2.scale)
                        } else {
                            Some(ph.lo)
                        };
                        let p2_bare_decimal = p2.raw_den > 1 && p2.scale == 1;
                        if let Some(a) = a.filter(|&a| a < p2.lo && !p2_bare_decimal) {
                            lo = Some(a);
                            hi = Some(p2.lo);
                            first_val = a;
                            num_last = p2.last;
                            end = p2.last;
                            tight_dash = dash && self.glued(c) && self.glued(c + 1);
                            second = Some(p2);
                        }
                    }
                }
                if qual == Some(Qual::Between) && second.is_none() {
                    return None;
                }
                if second.is_none() && ph.raw_den > 1 && ph.scale == 1 {
                    return None;
                }
                if second.is_some() && ph.raw_den > 1 && first_val == ph.lo && ph.scale == 1 {
                    // A bare decimal that did not borrow a scale.
                    return None;
                }
            }
            match post {
                Some(Qual::Ge) => hi = None,
                Some(Qual::Le) => lo = None,
                Some(Qual::Approx) => {
                    approx = true;
                    if second.is_none() {
                        let n = ph.lo;
                        lo = Some(n.saturating_sub(slack(n)));
                        hi = Some(n + slack(n));
                    }
                }
                _ => {}
            }
        }
        let exact_single = !ph.vague && second.is_none();
        if let Some(q) = qual {
            let base_lo = lo.unwrap_or(0);
            let base_hi = hi.unwrap_or(base_lo);
            match q {
                Qual::Gt => {
                    lo = Some(base_lo + 1);
                    hi = None;
                }
                Qual::JustOver => {
                    lo = Some(base_lo + 1);
                    hi = Some(base_hi + slack(base_hi));
                    approx = true;
                }
                Qual::Ge => hi = None,
                Qual::Lt => {
                    if base_lo == 0 {
                        return None;
                    }
                    hi = Some(base_lo - 1);
                    lo = None;
                }
                Qual::Nearly => {
                    if base_lo == 0 {
                        return None;
                    }
                    if exact_single {
                        lo = Some(base_lo - slack(base_lo).min(base_lo));
                        hi = Some(base_lo - 1);
                    }
                    approx = true;
                }
                Qual::Le => lo = None,
                Qual::Approx => {
                    if exact_single && hi.is_some() && lo.is_some() {
                        lo = Some(base_lo.saturating_sub(slack(base_lo)));
                        hi = Some(base_hi + slack(base_hi));
                    }
                    approx = true;
                }
                Qual::InThe => {
                    lo = ph.in_the_lo;
                    approx = true;
                }
                Qual::Hedge | Qual::Further | Qual::Between => {}
            }
        }
        // "dozens of", "a handful of": the "of" belongs to the expression.
        let mut of_taken = false;
        if ph.vague && self.lw(end + 1) == "of" && self.spaced(end + 1) {
            end += 1;
            of_taken = true;
        }
        if ph.needs_of && !of_taken {
            return None;
        }
        if !self.standalone
            && self.reject(
                i,
                &ph,
                second.as_ref(),
                qual,
                needs_noun,
                num_last,
                end,
                tight_dash,
            )
        {
            return None;
        }
        let conv = |v: Option<u128>| -> Option<Option<u64>> {
            match v {
                None => Some(None),
                Some(x) => u64::try_from(x).ok().map(Some),
            }
        };
        let count = Count {
            min: conv(lo)?,
            max: conv(hi)?,
            approximate: approx,
        };
        let q = Quantity {
            span: self.toks[i].start..self.toks[end].end,
            number: self.toks[ph.first].start..self.toks[num_last].end,
            count,
        };
        Some((q, end))
    }

    /// Context filters: true when the expression is a year, date, time,
    /// amount of money, percentage, age, measurement, identifier, score or
    /// pronoun rather than a count.
    #[allow(clippy::too_many_arguments)]
    fn reject(
        &self,
        start: usize,
        ph: &Phrase,
        second: Option<&Phrase>,
        qual: Option<Qual>,
        needs_noun: bool,
        num_last: usize,
        end: usize,
        tight_dash: bool,
    ) -> bool {
        let nf = ph.first;
        let prev_n = nf.checked_sub(1);
        let prev_e = start.checked_sub(1);
        let ctx = end + 1;
        let has_qual = qual.is_some_and(|q| q != Qual::Hedge);
        let strong_qual = qual.is_some_and(|q| {
            !matches!(q, Qual::Hedge | Qual::InThe | Qual::Between | Qual::Further)
        });

        // Glued on the left: "COVID-19", "A380", "#3", "$5", "'90s", "2019-20".
        if let Some(p) = prev_n {
            if self.glued(nf) {
                match self.toks[p].kind {
                    Kind::Word | Kind::Num => return true,
                    Kind::Punct => {
                        let c = self.toks[p].ch;
                        if matches!(
                            c,
                            ':' | '/'
                                | '#'
                                | '\''
                                | '\u{2019}'
                                | '\u{2018}'
                                | '.'
                                | '+'
                                | '@'
                                | '^'
                                | '&'
                                | '*'
                                | '_'
                                | '='
                                | '|'
                                | '\\'
                                | '~'
                                | '№'
                        ) {
                            return true;
                        }
                        if is_dash(c)
                            && p > 0
                            && self.glued(p)
                            && matches!(self.toks[p - 1].kind, Kind::Word | Kind::Num)
                        {
                            return true;
                        }
                    }
                }
            }
            if self.punct(p).is_some_and(is_currency_symbol) || is_currency_prefix_word(self.lw(p))
            {
                return true;
            }
            // "No. 5", "p. 12", "Art. 5"
            if self.punct(p) == Some('.')
                && p > 0
                && matches!(
                    self.lw(p - 1),
                    "no" | "nos" | "p" | "pp" | "fig" | "vol" | "art" | "tel" | "ch" | "sec"
                )
            {
                return true;
            }
        }

        // Glued on the right of the last number token (unless the grammar
        // consumed it: "300-plus", "10-15").
        let after = num_last + 1;
        if after > end && self.glued(after) {
            match self.toks[after].kind {
                Kind::Word | Kind::Num => return true,
                Kind::Punct => {
                    let c = self.toks[after].ch;
                    if matches!(
                        c,
                        ':' | '/'
                            | '%'
                            | '°'
                            | '‰'
                            | '#'
                            | '&'
                            | '@'
                            | '='
                            | '*'
                            | '^'
                            | '\u{2032}'
                            | '\u{2033}'
                            | '"'
                            | '\u{00BD}'
                            | '\u{00BC}'
                            | '\u{00BE}'
                            | '\u{00D7}'
                            | '+'
                    ) {
                        return true;
                    }
                    if matches!(c, '.' | ',' | '\'' | '\u{2019}') && self.glued(after + 1) {
                        return true;
                    }
                    if is_dash(c) && self.glued(after + 1) {
                        let w = self.lw(after + 1);
                        if self.is_num(after + 1) || (!w.is_empty() && w != "strong") {
                            return true;
                        }
                    }
                }
            }
        }

        // Measures, durations, money, percentages right after.
        if self.punct(ctx).is_some_and(|c| matches!(c, '%' | '‰')) {
            return true;
        }
        let nw = self.lw(ctx);
        // "thirty more years", "two further days"
        let nw2 = if matches!(nw, "more" | "further" | "extra" | "other") {
            self.lw(ctx + 1)
        } else {
            ""
        };
        if is_unit(nw2) {
            return true;
        }
        // "a quarter of a million": a fraction of the number, not the number.
        if let Some(p) = prev_e {
            if self.lw(p) == "of" && p > 0 && is_unit(self.lw(p - 1)) {
                return true;
            }
        }
        // "growth had been zero": a level, not a head count.
        if ph.lo == 0 && ph.word_based && (!self.is_word(ctx) || is_function_word(nw)) {
            return true;
        }
        if is_unit(nw) || (nw == "per" && self.lw(ctx + 1) == "cent") {
            return true;
        }
        if nw == "won" && (ph.scale > 1 || self.toks[nf].grouped) {
            return true; // "100 trillion won" (Korean currency)
        }
        if self.capitalized(ctx) && is_currency_word(self.lw(ctx + 1)) {
            return true; // "300 US dollars"
        }
        if matches!(nw, "a" | "p") && self.punct(ctx + 1) == Some('.') && self.lw(ctx + 2) == "m" {
            return true; // "10 a.m."
        }
        // Also the unit after a vague "of": "thousands of years/pounds".
        if ph.vague && self.lw(end) == "of" && self.punct(ctx).is_some_and(is_currency_symbol) {
            return true;
        }

        // Years: need a qualifier or an unmistakable count noun.
        if ph.year_like || second.is_some_and(|s| s.year_like) {
            let ok = strong_qual || (is_strong_count_noun(nw) && !is_year_prev(self.lwo(prev_e)));
            if !ok {
                return true;
            }
        }

        // Dates: "March 3", "3 March", "3-5 June".
        if ph.digits && ph.lo <= 31 && ph.scale == 1 {
            let before = prev_n.is_some_and(|p| self.is_month(p));
            let after_m = self.is_month(ctx) || (nw == "of" && self.is_month(ctx + 1));
            // "9 and 10 July", "14 to 17 February"
            let day_range = (matches!(nw, "and" | "to" | "or")
                || self.punct(ctx).is_some_and(is_dash))
                && self.is_num(ctx + 1)
                && self.is_month(ctx + 2);
            if before || after_m || day_range {
                return true;
            }
        }

        // Ages: "at the age of (just) 28".
        for back in 1..=3 {
            let Some(p) = start.checked_sub(back) else {
                break;
            };
            if self.lw(p) == "of" && p > 0 && matches!(self.lw(p - 1), "age" | "ages") {
                return true;
            }
        }

        // Labels: "Article 5", "aged 34", "No 10", "top 10".
        if !has_qual && prev_n.is_some_and(|p| blocks_following_number(self.lw(p))) {
            return true;
        }
        if prev_e.is_some_and(|p| blocks_following_number(self.lw(p))) {
            return true;
        }

        // Proper names: "Channel 4", "Apollo 11", "BBC Two", "Formula One".
        if !has_qual {
            if let Some(p) = prev_n {
                if self.capitalized(p) && !self.strong_start(p) && !self.possessive(p) {
                    return true;
                }
            }
        }
        if ph.word_based && self.capitalized(nf) && !self.sentence_start(start) {
            return true; // "Another One Bites the Dust", "BBC Two"
        }

        // Ages after a name: "John Smith, 34, said"; "(34)".
        if ph.digits && ph.lo <= 120 && second.is_none() {
            if let Some(p) = prev_n {
                let pc = self.punct(p);
                let nc = self.punct(ctx);
                if pc == Some(',')
                    && p > 0
                    && self.capitalized(p - 1)
                    && matches!(nc, Some(',' | ')' | ';'))
                {
                    return true;
                }
                if pc == Some('(') && nc == Some(')') {
                    return true;
                }
            }
        }

        // Ratios: "one in five", "three out of four".
        let small_num = |i: usize| {
            (self.is_num(i) && self.toks[i].int_digits < 4)
                || small(self.lw(i)).is_some()
                || tens(self.lw(i)).is_some()
        };
        if (nw == "in" && small_num(ctx + 1))
            || (nw == "out" && self.lw(ctx + 1) == "of" && small_num(ctx + 2))
        {
            return true;
        }
        if let Some(p) = prev_e {
            if self.lw(p) == "in" && p > 0 && small_num(p - 1) {
                return true;
            }
            if self.lw(p) == "of" && p > 1 && self.lw(p - 1) == "out" && small_num(p - 2) {
                return true;
            }
        }

        // Runs of numbers: tables, phone numbers, "in 2004 300 people".
        if self.is_num(nf) && prev_n.is_some_and(|p| self.is_num(p)) {
            return true;
        }
        if self.is_num(num_last) && self.is_num(num_last + 1) && self.spaced(num_last + 1) {
            return true;
        }

        // Numbered list items at the start of a line: "1. ...", "2) ...".
        if self.is_num(nf)
            && (nf == 0 || self.gap(nf) == Some(Gap::Newline))
            && matches!(self.punct(nf + 1), Some('.' | ')'))
            && self.glued(nf + 1)
        {
            return true;
        }

        // Ranked lists at line starts: "27 Anna Smashnova (Israel)".
        if self.is_num(nf)
            && self.sentence_start(nf)
            && self.capitalized(ctx)
            && self.gap(nf) == Some(Gap::Newline)
        {
            return true;
        }

        // "eight to one": a ratio or score when the first is the larger.
        if second.is_none() && !has_qual {
            let from_before = prev_e.is_some_and(|p| self.lw(p) == "from");
            if nw == "to" && !from_before {
                if let Some(p2) = self.phrase(ctx + 1) {
                    if !p2.vague && p2.lo < ph.lo {
                        return true;
                    }
                }
            }
            if let Some(p) = prev_e {
                if self.lw(p) == "to" && p > 0 && (p < 2 || self.lw(p - 2) != "from") {
                    let j = (p.saturating_sub(4)..p).find(|&j| {
                        self.phrase(j)
                            .is_some_and(|q| !q.vague && q.last + 1 == p && q.lo > ph.lo)
                    });
                    if j.is_some() {
                        return true;
                    }
                }
            }
        }

        // "cost users thousands", "lost billions": money, not people.
        if ph.in_the_lo.is_some() && self.lw(end) != "of" && qual.is_none() {
            let lo_b = start.saturating_sub(4);
            if (lo_b..start).any(|j| is_money_verb(self.lw(j))) {
                return true;
            }
        }

        // "one" as a pronoun: "no one", "one of the", "the one", "one thing".
        if ph.is_one && second.is_none() {
            if matches!(
                self.lwo(prev_e),
                "no" | "any"
                    | "every"
                    | "each"
                    | "the"
                    | "this"
                    | "that"
                    | "which"
                    | "what"
                    | "a"
                    | "an"
                    | "another"
                    | "such"
                    | "someone"
                    | "anyone"
                    | "everyone"
                    | "little"
            ) {
                return true;
            }
            if !has_qual
                && (!self.is_word(ctx)
                    || is_function_word(nw)
                    || is_one_stop(nw)
                    || !self.spaced(ctx))
            {
                return true;
            }
        }

        // Content word required after: "over 300 people" (not "over 65s are"),
        // "3m viewers" (not "3m tall"), "10-15 people" (not "won 2-1 at home").
        let content_next = self.is_word(ctx) && self.spaced(ctx) && !is_function_word(nw);
        // Age-sized numbers after over/under need a noun: "players are over
        // 18," is an age, and so is the bare 18 once the qualifier is refused.
        let age_sized = ph.lo <= 120 && second.is_none();
        let bare_after_prep = !has_qual
            && matches!(self.lwo(prev_n), "over" | "under" | "above" | "below")
            && self.spaced(nf);
        if age_sized && bare_after_prep {
            return true;
        }
        if needs_noun
            && age_sized
            && (!content_next
                || ph.is_one
                || prev_e.is_some_and(|p| {
                    self.possessive(p) || matches!(self.lw(p), "the" | "a" | "an")
                }))
        {
            // "over one band", "Britain's under 14 boys", "the over 50 group"
            return true;
        }
        if ph.attached_mk {
            // "3.5m units", "11m voters" but not "800m heats", "10k run"
            // (track distances are whole hundreds of metres).
            let plural_ish = is_strong_count_noun(nw)
                || ((self.toks[nf].frac > 0 || self.toks[nf].mant < 100)
                    && nw.len() > 3
                    && nw.ends_with('s')
                    && !nw.ends_with("ss"));
            if !(content_next && plural_ish) {
                return true;
            }
        }
        if tight_dash
            && (!content_next
                || self.capitalized(ctx)
                || is_score_word(nw)
                || is_score_word(self.lwo(prev_e)))
        {
            return true;
        }

        // Sports rounds: "the last 16", "the final four".
        if !has_qual && matches!(self.lwo(prev_n), "last" | "final" | "first") && !content_next {
            return true;
        }

        // Addresses: "10 Downing Street".
        if self.capitalized(ctx) && is_street(self.lw(ctx + 1)) {
            return true;
        }
        false
    }
}
