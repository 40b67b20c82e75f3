//! Lemmatizer learned from a treebank.
//!
//! 1. A form seen in training with the same tags gets its most frequent lemma (looked up by the
//!    exact form, then the lower-case form, then the lower-case form with the UPOS only).
//! 2. Otherwise proper nouns (except plural `NNPS`), punctuation, symbols and numbers written
//!    with digits keep their form (numbers lose thousands separators: `200,000` → `200000`).
//! 3. Everything else gets an edit rule — optionally lower-case, strip `k` characters, append a
//!    string — the most frequent rule among training word types with the same tags and the
//!    longest suffix seen at least `min_support` times.

use crate::binio::{self, Dec, Enc};
use crate::hash::{StrMap, StrSet};
use crate::tags::Upos;
use crate::{Error, Sentence};

const MAGIC: &[u8; 8] = b"SLUDLEMM";
const VERSION: u32 = 1;
const MAX_SUFFIX: usize = 7;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    fn derive(form: &str, lemma: &str) -> Rule {
        let cost = |base: &str| -> (usize, usize, String) {
            let b: Vec<char> = base.chars().collect();
            let l: Vec<char> = lemma.chars().collect();
            let lcp = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
            let strip = b.len() - lcp;
            let append: String = l[lcp..].iter().collect();
            (strip + l.len() - lcp, strip, append)
        };
        let lower = form.to_lowercase();
        let (ck, sk, ak) = cost(form);
        let (cl, sl, al) = cost(&lower);
        if cl <= ck {
            Rule {
                lower: true,
                strip: sl.min(255) as u8,
                append: al,
            }
        } else {
            Rule {
                lower: false,
                strip: sk.min(255) as u8,
                append: ak,
            }
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        let k = self.strip as usize;
        // Stripping the whole word is allowed only when something is appended.
        if k > n || (k == n && self.append.is_empty()) {
            return None;
        }
        let mut out: String = base.chars().take(n - k).collect();
        out.push_str(&self.append);
        Some(out)
    }
}

/// Training settings for the lemmatizer.
#[derive(Clone, Debug)]
pub struct LemmatizerOptions {
    /// A suffix (longer than zero characters) is used for choosing a rule only if at least this
    /// many training word types with the same tags end in it.
    pub min_support: u32,
}

impl Default for LemmatizerOptions {
    fn default() -> Self {
        LemmatizerOptions { min_support: 2 }
    }
}

/// A trained lemmatizer.
#[derive(Clone)]
pub struct Lemmatizer {
    /// "form\tUPOS\tXPOS" -> lemma.
    exact: StrMap<String, String>,
    /// "lower\tUPOS\tXPOS" -> lemma.
    lower: StrMap<String, String>,
    /// "lower\tUPOS" -> lemma.
    lower_upos: StrMap<String, String>,
    rules: Vec<Rule>,
    /// "UPOS\tXPOS\tsuffix" -> index of the most frequent rule.
    by_suffix: StrMap<String, u32>,
    /// "lemma\tUPOS" of every lemma seen in training (derived from `lower_upos`, not
    /// stored): a rule whose output is a known word beats a longer-suffix rule whose output
    /// is not ("raided" is "raid", not "raide" as in "decided").
    known: StrSet<String>,
}

fn known_lemmas(lower_upos: &StrMap<String, String>) -> StrSet<String> {
    lower_upos
        .iter()
        .filter_map(|(key, lemma)| {
            let upos = key.rsplit('\t').next()?;
            Some(format!("{}\t{upos}", lemma.to_lowercase()))
        })
        .collect()
}

fn most_frequent(counts: StrMap<String, StrMap<String, u32>>) -> StrMap<String, String> {
    counts
        .into_iter()
        .map(|(k, c)| {
            let best = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .unwrap();
            (k, best.0)
        })
        .collect()
}

fn suffix(chars: &[char], m: usize) -> String {
    chars[chars.len() - m..].iter().collect()
}

fn is_digit_number(form: &str) -> bool {
    form.chars().any(|c| c.is_ascii_digit())
        && form
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '/' | ':'))
}

/// `1,234,567.5` -> `1234567.5`; other strings unchanged.
fn drop_thousands_separators(form: &str) -> String {
    let parts: Vec<&str> = form.split(',').collect();
    let ok = parts.len() > 1
        && !parts[0].is_empty()
        && parts[0].len() <= 3
        && parts[0].chars().all(|c| c.is_ascii_digit())
        && parts[1..].iter().enumerate().all(|(i, p)| {
            let digits = if i + 2 == parts.len() {
                p.split('.').next().unwrap_or("")
            } else {
                p
            };
            digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit())
        });
    if ok {
        parts.concat()
    } else {
        form.to_string()
    }
}

impl Lemmatizer {
    /// Learns from the gold FORM, UPOS, XPOS and LEMMA columns.
    pub fn train(sents: &[&Sentence], opts: &LemmatizerOptions) -> Lemmatizer {
        let mut exact: StrMap<String, StrMap<String, u32>> = StrMap::default();
        let mut lower: StrMap<String, StrMap<String, u32>> = StrMap::default();
        let mut lower_upos: StrMap<String, StrMap<String, u32>> = StrMap::default();
        let mut types: std::collections::BTreeSet<(String, String, String, String)> =
            Default::default();
        for s in sents {
            for w in &s.words {
                if w.lemma == "_" && w.form != "_" {
                    continue;
                }
                let lf = w.form.to_lowercase();
                *exact
                    .entry(format!("{}\t{}\t{}", w.form, w.upos, w.xpos))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
                *lower
                    .entry(format!("{}\t{}\t{}", lf, w.upos, w.xpos))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
                *lower_upos
                    .entry(format!("{}\t{}", lf, w.upos))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
                types.insert((
                    w.form.clone(),
                    w.upos.clone(),
                    w.xpos.clone(),
                    w.lemma.clone(),
                ));
            }
        }
        // Edit rules over word types.
        let mut rule_ids: StrMap<Rule, u32> = StrMap::default();
        let mut rules: Vec<Rule> = Vec::new();
        let mut counts: StrMap<String, StrMap<u32, u32>> = StrMap::default();
        for (form, upos, xpos, lemma) in &types {
            let r = Rule::derive(form, lemma);
            let id = *rule_ids.entry(r.clone()).or_insert_with(|| {
                rules.push(r);
                (rules.len() - 1) as u32
            });
            let chars: Vec<char> = form.to_lowercase().chars().collect();
            for m in 0..=chars.len().min(MAX_SUFFIX) {
                let k = format!("{}\t{}\t{}", upos, xpos, suffix(&chars, m));
                *counts.entry(k).or_default().entry(id).or_default() += 1;
            }
        }
        let mut by_suffix = StrMap::default();
        for (k, c) in counts {
            let total: u32 = c.values().sum();
            let is_empty_suffix = k.ends_with('\t');
            if !is_empty_suffix && total < opts.min_support {
                continue;
            }
            let best = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .unwrap();
            by_suffix.insert(k, best.0);
        }
        let lower_upos = most_frequent(lower_upos);
        Lemmatizer {
            exact: most_frequent(exact),
            lower: most_frequent(lower),
            known: known_lemmas(&lower_upos),
            lower_upos,
            rules,
            by_suffix,
        }
    }

    /// The lemma of `form` given its tags.
    pub fn lemmatize(&self, form: &str, upos: Upos, xpos: &str) -> String {
        let u = upos.as_str();
        let mut key = String::with_capacity(form.len() + 16);
        key.push_str(form);
        key.push('\t');
        key.push_str(u);
        key.push('\t');
        key.push_str(xpos);
        if let Some(l) = self.exact.get(&key) {
            return l.clone();
        }
        let lf = form.to_lowercase();
        key.clear();
        key.push_str(&lf);
        key.push('\t');
        key.push_str(u);
        let upos_key_len = key.len();
        key.push('\t');
        key.push_str(xpos);
        if let Some(l) = self.lower.get(&key) {
            return l.clone();
        }
        key.truncate(upos_key_len);
        if let Some(l) = self.lower_upos.get(&key) {
            return l.clone();
        }
        match upos {
            Upos::Propn if xpos != "NNPS" => return form.to_string(),
            Upos::Punct | Upos::Sym => return form.to_string(),
            Upos::Num if is_digit_number(form) => return drop_thousands_separators(form),
            _ => {}
        }
        // The longest suffix's rule, unless a shorter suffix's rule gives a lemma seen in
        // training and the longer one's does not.
        let (known, longest) = self.by_rule(form, &lf, u, xpos);
        if let Some(l) = known {
            return l;
        }
        // A past participle and a past tense share their lemma, and training may have seen
        // only one of the two for a suffix ("traded" as a participle would lose its "e").
        let sibling = match xpos {
            "VBN" => Some("VBD"),
            "VBD" => Some("VBN"),
            _ => None,
        };
        if let Some((Some(l), _)) = sibling.map(|x| self.by_rule(form, &lf, u, x)) {
            return l;
        }
        if let Some(l) = longest {
            return l;
        }
        match upos {
            Upos::Propn | Upos::Num => form.to_string(),
            _ => lf,
        }
    }

    /// The suffix rules' lemma for `form` under the tags: the first one seen in training, from
    /// the longest suffix down, and the longest suffix's lemma.
    fn by_rule(
        &self,
        form: &str,
        lower: &str,
        upos: &str,
        xpos: &str,
    ) -> (Option<String>, Option<String>) {
        let chars: Vec<char> = lower.chars().collect();
        let mut key = String::with_capacity(lower.len() + 16);
        let mut longest: Option<String> = None;
        for m in (0..=chars.len().min(MAX_SUFFIX)).rev() {
            key.clear();
            key.push_str(upos);
            key.push('\t');
            key.push_str(xpos);
            key.push('\t');
            key.extend(&chars[chars.len() - m..]);
            if let Some(&r) = self.by_suffix.get(&key) {
                if let Some(l) = self.rules[r as usize].apply(form) {
                    key.clear();
                    key.push_str(&l.to_lowercase());
                    key.push('\t');
                    key.push_str(upos);
                    if self.known.contains(&key) {
                        return (Some(l), longest);
                    }
                    longest.get_or_insert(l);
                }
            }
        }
        (None, longest)
    }

    /// Serialises the model (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e = Enc::new();
        for map in [&self.exact, &self.lower, &self.lower_upos] {
            let mut v: Vec<(&String, &String)> = map.iter().collect();
            v.sort();
            e.var(v.len() as u64);
            for (k, l) in v {
                e.str(k);
                e.str(l);
            }
        }
        e.var(self.rules.len() as u64);
        for r in &self.rules {
            e.u8(r.lower as u8);
            e.u8(r.strip);
            e.str(&r.append);
        }
        let mut v: Vec<(&String, &u32)> = self.by_suffix.iter().collect();
        v.sort();
        e.var(v.len() as u64);
        for (k, r) in v {
            e.str(k);
            e.var(*r as u64);
        }
        binio::wrap(MAGIC, VERSION, &e.buf)
    }

    /// Loads a model written by [`Lemmatizer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, Error> {
        let body = binio::unwrap(MAGIC, VERSION, bytes)?;
        let mut d = Dec::new(&body);
        let mut maps = Vec::new();
        for _ in 0..3 {
            let n = d.usize()?;
            let mut m = StrMap::default();
            for _ in 0..n {
                let k = d.str()?;
                m.insert(k, d.str()?);
            }
            maps.push(m);
        }
        let n = d.usize()?;
        let mut rules = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let lower = d.u8()? != 0;
            let strip = d.u8()?;
            rules.push(Rule {
                lower,
                strip,
                append: d.str()?,
            });
        }
        let n = d.usize()?;
        let mut by_suffix = StrMap::default();
        for _ in 0..n {
            let k = d.str()?;
            let r = d.var()?;
            if r as usize >= rules.len() {
                return Err(Error::Format("bad lemma rule index".into()));
            }
            by_suffix.insert(k, r as u32);
        }
        d.done()?;
        let lower_upos = maps.pop().unwrap();
        let lower = maps.pop().unwrap();
        let exact = maps.pop().unwrap();
        Ok(Lemmatizer {
            exact,
            lower,
            known: known_lemmas(&lower_upos),
            lower_upos,
            rules,
            by_suffix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let r = Rule::derive("Running", "run");
        assert_eq!(
            r,
            Rule {
                lower: true,
                strip: 4,
                append: String::new()
            }
        );
        assert_eq!(r.apply("Sunning").unwrap(), "sun");
        let r = Rule::derive("States", "State");
        assert_eq!(
            r,
            Rule {
                lower: false,
                strip: 1,
                append: String::new()
            }
        );
        assert_eq!(Rule::derive("went", "go").apply("went").unwrap(), "go");
        assert_eq!(drop_thousands_separators("200,000"), "200000");
        assert_eq!(drop_thousands_separators("1,234.50"), "1234.50");
        assert_eq!(drop_thousands_separators("1,2"), "1,2");
    }

    /// A lemmatizer trained on one-word verb sentences (form, lemma, XPOS).
    fn trained_on_verbs(rows: &[(&str, &str, &str)]) -> Lemmatizer {
        let mut conllu = String::new();
        for (form, lemma, xpos) in rows {
            conllu.push_str(&format!(
                "1\t{form}\t{lemma}\tVERB\t{xpos}\t_\t0\troot\t_\t_\n\n"
            ));
        }
        let sents = crate::conllu::parse(&conllu).unwrap();
        let refs: Vec<&Sentence> = sents.iter().collect();
        Lemmatizer::train(&refs, &LemmatizerOptions { min_support: 2 })
    }

    #[test]
    fn a_rule_giving_a_known_lemma_beats_a_longer_suffix() {
        // "-ided" verbs in training all lose only their "d" ("decided", "provided",
        // "guided"), other "-ed" verbs lose "ed"; "raid" is known as a lemma, so an
        // unseen "raided" is "raid".
        let rows = [
            ("decided", "decide", "VBD"),
            ("provided", "provide", "VBD"),
            ("guided", "guide", "VBD"),
            ("sided", "side", "VBD"),
            ("walked", "walk", "VBD"),
            ("talked", "talk", "VBD"),
            ("jumped", "jump", "VBD"),
            ("played", "play", "VBD"),
            ("opened", "open", "VBD"),
            ("raid", "raid", "VB"),
        ];
        let l = trained_on_verbs(&rows);
        assert_eq!(l.lemmatize("raided", Upos::Verb, "VBD"), "raid");
        // Without a known lemma the longest suffix's rule stands.
        assert_eq!(l.lemmatize("chided", Upos::Verb, "VBD"), "chide");
        // Loading the model rebuilds the known lemmas.
        let again = Lemmatizer::from_bytes(&l.to_bytes()).unwrap();
        assert_eq!(again.lemmatize("raided", Upos::Verb, "VBD"), "raid");
    }

    #[test]
    fn a_participle_borrows_the_past_tense_s_rule_for_a_known_lemma() {
        // Participles in training lose "ed" ("added", "loaded"); past tenses in "-aded" lose
        // only "d" ("traded", "faded"). An unseen participle "invaded" would be "invad"; the
        // past tense's rule gives "invade", a known lemma.
        let rows = [
            ("added", "add", "VBN"),
            ("loaded", "load", "VBN"),
            ("walked", "walk", "VBN"),
            ("talked", "talk", "VBN"),
            ("traded", "trade", "VBD"),
            ("faded", "fade", "VBD"),
            ("shaded", "shade", "VBD"),
            ("invade", "invade", "VB"),
        ];
        let l = trained_on_verbs(&rows);
        assert_eq!(l.lemmatize("upgraded", Upos::Verb, "VBN"), "upgrad");
        assert_eq!(l.lemmatize("graded", Upos::Verb, "VBN"), "grad");
        // "invade" is a known lemma: the participle takes it.
        assert_eq!(l.lemmatize("Invaded", Upos::Verb, "VBN"), "invade");
    }
}
