//! Property-style checks over generated text: every span is in bounds, on
//! char boundaries, contains its number range, and spans are sorted and
//! non-overlapping. A fixed-seed generator keeps failures reproducible.
use storyline_quantity::{find_quantities, parse_quantity};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "more",
    "than",
    "about",
    "around",
    "some",
    "at",
    "least",
    "up",
    "to",
    "nearly",
    "over",
    "under",
    "between",
    "and",
    "or",
    "a",
    "the",
    "of",
    "in",
    "possibly",
    "dozens",
    "hundreds",
    "thousands",
    "tens",
    "several",
    "few",
    "handful",
    "couple",
    "one",
    "two",
    "seven",
    "twenty",
    "twenty-one",
    "hundred",
    "thousand",
    "million",
    "half",
    "dozen",
    "score",
    "people",
    "men",
    "years",
    "March",
    "2019",
    "300",
    "12,000",
    "1.2",
    "2.5bn",
    "3m",
    "10\u{a0}000",
    "10\u{2009}000",
    "$",
    "£",
    "€",
    "%",
    "-",
    "\u{2013}",
    "\u{2011}",
    "+",
    ",",
    ".",
    ":",
    "/",
    "(",
    ")",
    "'",
    "\u{2019}",
    "“",
    "”",
    "é",
    "日本",
    "🙂",
    "0",
    "007",
    "41",
    "3rd",
    "1990s",
    "-plus",
    "-odd",
    "so",
    "\n",
    "No",
    "Article",
    "aged",
    "\u{a0}",
    "\u{202f}",
    "officers",
    "killing",
    "wounding",
];

fn generate(rng: &mut Rng) -> String {
    let n = 1 + (rng.next() % 40) as usize;
    let mut s = String::new();
    for _ in 0..n {
        let p = rng.pick(PIECES);
        s.push_str(p);
        match rng.next() % 5 {
            0 => {}
            1 => s.push('\u{a0}'),
            _ => s.push(' '),
        }
    }
    s
}

fn check(text: &str) {
    let qs = find_quantities(text);
    let mut prev_end = 0;
    for q in &qs {
        assert!(q.span.start < q.span.end, "empty span in {text:?}");
        assert!(q.span.end <= text.len(), "span out of bounds in {text:?}");
        assert!(
            q.span.start >= prev_end,
            "overlap/unsorted in {text:?}: {qs:?}"
        );
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        assert!(text.is_char_boundary(q.number.start) && text.is_char_boundary(q.number.end));
        assert!(
            q.span.start <= q.number.start
                && q.number.end <= q.span.end
                && q.number.start < q.number.end,
            "number outside span in {text:?}: {q:?}"
        );
        if let (Some(a), Some(b)) = (q.count.min, q.count.max) {
            assert!(a <= b, "min > max in {text:?}: {q:?}");
        }
        assert!(
            q.count.min.is_some() || q.count.max.is_some(),
            "unbounded both sides: {q:?}"
        );
        prev_end = q.span.end;
        // Every found expression parses on its own to the same interval
        // (context filters only remove, never change, results).
        let alone = parse_quantity(&text[q.span.clone()]);
        assert_eq!(
            alone,
            Some(q.count),
            "standalone parse differs for {:?} in {text:?}",
            &text[q.span.clone()]
        );
    }
}

#[test]
fn generated_strings_have_sane_spans() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for _ in 0..600 {
        let s = generate(&mut rng);
        check(&s);
    }
}

#[test]
fn generated_byte_soup() {
    // Random chars from a mixed alphabet, including multibyte ones.
    let alphabet: Vec<char> = "0123456789 ,.-–+%$£aeiostmkbnx\u{a0}\u{2009}éß日🙂\n'’"
        .chars()
        .collect();
    let mut rng = Rng(42);
    for _ in 0..400 {
        let n = (rng.next() % 60) as usize;
        let s: String = (0..n)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        check(&s);
    }
}

#[test]
fn parse_quantity_never_panics() {
    let mut rng = Rng(7);
    for _ in 0..300 {
        let s = generate(&mut rng);
        let _ = parse_quantity(&s);
    }
}
