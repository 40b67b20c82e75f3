//! TempEval-3 scoring of time expressions (UzZaman et al., SemEval 2013):
//! extents strict (same span) and relaxed (any overlap), and the `value` and
//! `type` attributes over relaxed matches. For an attribute, accuracy is the
//! share of matched pairs that agree, and precision/recall count the agreeing
//! matches against all system/gold expressions (its F1 is what TempEval-3
//! reports as "value F1" and "type F1").

use crate::timeml::{self, GoldTimex, TimemlDoc};
use crate::{find_timexes, Timex};
use std::path::{Path, PathBuf};
use storyline_model::Span;

/// An expression as scored: span, type and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub span: Span,
    pub kind: String,
    pub value: String,
}

impl From<&Timex> for Scored {
    fn from(t: &Timex) -> Scored {
        Scored {
            span: t.span,
            kind: t.kind.as_str().to_string(),
            value: t.value.clone(),
        }
    }
}

impl From<&GoldTimex> for Scored {
    fn from(g: &GoldTimex) -> Scored {
        Scored {
            span: g.span,
            kind: g.kind.clone(),
            value: g.value.clone(),
        }
    }
}

/// Counts that add up over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    /// Relaxed matches with the same value.
    pub value: usize,
    /// Relaxed matches with the same type.
    pub kind: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
}

/// Precision, recall, F1 (as fractions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn prf(hit: usize, system: usize, gold: usize) -> Prf {
    let p = if system == 0 {
        0.0
    } else {
        hit as f64 / system as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit as f64 / gold as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf { p, r, f1 }
}

impl Counts {
    pub fn strict(&self) -> Prf {
        prf(self.strict, self.system, self.gold)
    }
    pub fn relaxed(&self) -> Prf {
        prf(self.relaxed, self.system, self.gold)
    }
    pub fn value(&self) -> Prf {
        prf(self.value, self.system, self.gold)
    }
    pub fn kind(&self) -> Prf {
        prf(self.kind, self.system, self.gold)
    }
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.value as f64 / self.relaxed as f64
        }
    }
    pub fn kind_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.kind as f64 / self.relaxed as f64
        }
    }

    /// A one-paragraph report in percent.
    pub fn report(&self) -> String {
        let pct = |x: f64| x * 100.0;
        let (s, r, v, k) = (self.strict(), self.relaxed(), self.value(), self.kind());
        format!(
            "gold {} system {}\n\
             strict   P {:5.1} R {:5.1} F1 {:5.1}\n\
             relaxed  P {:5.1} R {:5.1} F1 {:5.1}\n\
             value    F1 {:5.1} (accuracy {:5.1})\n\
             type     F1 {:5.1} (accuracy {:5.1})",
            self.gold,
            self.system,
            pct(s.p),
            pct(s.r),
            pct(s.f1),
            pct(r.p),
            pct(r.r),
            pct(r.f1),
            pct(v.f1),
            pct(self.value_accuracy()),
            pct(k.f1),
            pct(self.kind_accuracy()),
        )
    }
}

/// One-to-one relaxed alignment of system to gold: pairs (gold index,
/// system index), largest overlaps first.
pub fn align(gold: &[Scored], system: &[Scored]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (g, gt) in gold.iter().enumerate() {
        for (s, st) in system.iter().enumerate() {
            let lo = gt.span.start.max(st.span.start);
            let hi = gt.span.end.min(st.span.end);
            if lo < hi {
                pairs.push((hi - lo, g, s));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut gused = vec![false; gold.len()];
    let mut sused = vec![false; system.len()];
    let mut out = Vec::new();
    for (_, g, s) in pairs {
        if !gused[g] && !sused[s] {
            gused[g] = true;
            sused[s] = true;
            out.push((g, s));
        }
    }
    out.sort();
    out
}

/// Scores one document.
pub fn score(gold: &[Scored], system: &[Scored]) -> Counts {
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Default::default()
    };
    for (g, s) in align(gold, system) {
        let (gt, st) = (&gold[g], &system[s]);
        c.relaxed += 1;
        if gt.span == st.span {
            c.strict += 1;
        }
        if gt.value == st.value {
            c.value += 1;
        }
        if gt.kind == st.kind {
            c.kind += 1;
        }
    }
    c
}

/// A TimeML file with its parsed document.
pub struct Loaded {
    pub path: PathBuf,
    /// File name, `.TE3input` dropped (`NAME.tml`).
    pub name: String,
    pub doc: TimemlDoc,
}

/// Every `.tml` file (and TempEval-3 task input, `.tml.TE3input`) under
/// `dir` (recursively), sorted by path.
pub fn tml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if d.is_file() {
            out.push(d);
            continue;
        }
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml" || x == "TE3input") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn load(path: &Path) -> Result<Loaded, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = timeml::parse(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".TE3input")
                .to_string()
        })
        .unwrap_or_default();
    Ok(Loaded {
        path: path.to_path_buf(),
        name,
        doc,
    })
}

/// Runs [`find_timexes`] on a loaded document and scores it against its gold.
pub fn evaluate(doc: &TimemlDoc) -> (Counts, Vec<Timex>) {
    let found = find_timexes(&doc.text, doc.dct);
    let gold: Vec<Scored> = doc.timexes.iter().map(Scored::from).collect();
    let sys: Vec<Scored> = found.iter().map(Scored::from).collect();
    (score(&gold, &sys), found)
}

/// One line per disagreement in a document: missed, spurious, extent, value, type.
pub fn differences(doc: &TimemlDoc, found: &[Timex]) -> Vec<String> {
    let gold: Vec<Scored> = doc.timexes.iter().map(Scored::from).collect();
    let sys: Vec<Scored> = found.iter().map(Scored::from).collect();
    let pairs = align(&gold, &sys);
    let text = &doc.text;
    let show = |s: &Scored| s.span.of(text).replace('\n', " ");
    let ctx = |s: Span| {
        let a = text[..s.start]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        let b = text[s.end..]
            .char_indices()
            .nth(25)
            .map_or(text.len(), |(i, _)| s.end + i);
        format!(
            "{}[{}]{}",
            &text[a..s.start],
            &text[s.start..s.end],
            &text[s.end..b]
        )
        .replace('\n', " ")
    };
    let mut out = Vec::new();
    let mut gm = vec![false; gold.len()];
    let mut sm = vec![false; sys.len()];
    for &(g, s) in &pairs {
        gm[g] = true;
        sm[s] = true;
        let (gt, st) = (&gold[g], &sys[s]);
        if gt.span != st.span {
            out.push(format!(
                "EXTENT\t{}\t{}\t|{}|",
                show(gt),
                show(st),
                ctx(gt.span)
            ));
        }
        if gt.value != st.value {
            out.push(format!(
                "VALUE\t{}\t{} {}\t{} {}\t|{}|",
                show(gt),
                gt.kind,
                gt.value,
                st.kind,
                st.value,
                ctx(gt.span)
            ));
        } else if gt.kind != st.kind {
            out.push(format!(
                "TYPE\t{}\t{}\t{}\t|{}|",
                show(gt),
                gt.kind,
                st.kind,
                ctx(gt.span)
            ));
        }
    }
    for (g, gt) in gold.iter().enumerate() {
        if !gm[g] {
            out.push(format!(
                "MISSED\t{}\t{} {}\t|{}|",
                show(gt),
                gt.kind,
                gt.value,
                ctx(gt.span)
            ));
        }
    }
    for (s, st) in sys.iter().enumerate() {
        if !sm[s] {
            out.push(format!(
                "SPURIOUS\t{}\t{} {}\t|{}|",
                show(st),
                st.kind,
                st.value,
                ctx(st.span)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: usize, b: usize, v: &str) -> Scored {
        Scored {
            span: Span::new(a, b),
            kind: "DATE".into(),
            value: v.into(),
        }
    }

    #[test]
    fn strict_relaxed_and_value() {
        let gold = vec![s(0, 10, "1998"), s(20, 25, "P1D"), s(40, 45, "X")];
        let sys = vec![s(0, 10, "1998"), s(18, 23, "P2D"), s(60, 62, "Y")];
        let c = score(&gold, &sys);
        assert_eq!((c.strict, c.relaxed, c.value, c.kind), (1, 2, 1, 2));
        assert!((c.relaxed().f1 - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.value_accuracy() - 0.5).abs() < 1e-9);
    }
}
