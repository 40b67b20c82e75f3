//! conlleval-style entity scoring: an entity counts as correct only if its span and type both
//! match exactly.

use crate::tags::{spans, EntitySpan, EntityType, Tag};
use std::collections::HashSet;
use std::fmt;

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 in 0..=1 (0 when there is nothing to score).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of a whole data set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub overall: Counts,
    /// Per type, indexed like [`EntityType::ALL`].
    pub per_type: [Counts; 4],
    /// Tokens whose predicted tag equals the gold tag.
    pub correct_tokens: usize,
    pub tokens: usize,
    /// Whether MISC was ignored.
    pub ignore_misc: bool,
}

impl Evaluation {
    pub fn of(&self, t: EntityType) -> Counts {
        self.per_type[t as usize]
    }
    pub fn token_accuracy(&self) -> f64 {
        ratio(self.correct_tokens, self.tokens)
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.overall;
        writeln!(
            f,
            "overall  P {:6.2}  R {:6.2}  F1 {:6.2}  (gold {}, predicted {}, correct {}; token acc {:.2})",
            100.0 * o.precision(),
            100.0 * o.recall(),
            100.0 * o.f1(),
            o.tp + o.fn_,
            o.tp + o.fp,
            o.tp,
            100.0 * self.token_accuracy()
        )?;
        for t in EntityType::ALL {
            if self.ignore_misc && t == EntityType::Misc {
                continue;
            }
            let c = self.of(t);
            writeln!(
                f,
                "{:<8} P {:6.2}  R {:6.2}  F1 {:6.2}  (gold {}, predicted {})",
                t.as_str(),
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.tp + c.fn_,
                c.tp + c.fp
            )?;
        }
        Ok(())
    }
}

/// Scores one sentence's predicted tags against gold, adding into `eval`.
pub fn score_sentence(eval: &mut Evaluation, gold: &[Tag], pred: &[Tag]) {
    assert_eq!(gold.len(), pred.len(), "gold and predicted lengths differ");
    let keep = |s: &EntitySpan| !(eval.ignore_misc && s.kind == EntityType::Misc);
    let g: HashSet<EntitySpan> = spans(gold).into_iter().filter(keep).collect();
    let p: HashSet<EntitySpan> = spans(pred).into_iter().filter(keep).collect();
    let mut per = [Counts::default(); 4];
    for s in &p {
        if g.contains(s) {
            per[s.kind as usize].tp += 1;
        } else {
            per[s.kind as usize].fp += 1;
        }
    }
    for s in &g {
        if !p.contains(s) {
            per[s.kind as usize].fn_ += 1;
        }
    }
    for (i, c) in per.iter().enumerate() {
        eval.per_type[i].add(c);
        eval.overall.add(c);
    }
    let norm = |t: Tag| {
        if eval.ignore_misc && t.entity_type() == Some(EntityType::Misc) {
            Tag::O
        } else {
            t
        }
    };
    eval.tokens += gold.len();
    eval.correct_tokens += gold
        .iter()
        .zip(pred)
        .filter(|(a, b)| norm(**a) == norm(**b))
        .count();
}

/// Scores a data set. With `ignore_misc`, MISC entities are removed from gold and predictions
/// (predicted MISC counts as O), as for Universal NER which has no MISC.
pub fn evaluate(gold: &[Vec<Tag>], pred: &[Vec<Tag>], ignore_misc: bool) -> Evaluation {
    assert_eq!(
        gold.len(),
        pred.len(),
        "gold and predicted sentence counts differ"
    );
    let mut e = Evaluation {
        ignore_misc,
        ..Default::default()
    };
    for (g, p) in gold.iter().zip(pred) {
        score_sentence(&mut e, g, p);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<Tag> {
        s.split_whitespace()
            .map(|t| Tag::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn exact_span_and_type() {
        let gold = vec![p("B-PER I-PER O B-LOC O B-ORG I-ORG"), p("B-MISC O")];
        let pred = vec![p("B-PER I-PER O B-ORG O B-ORG O"), p("B-MISC O")];
        let e = evaluate(&gold, &pred, false);
        // Correct: PER, MISC. Wrong type: LOC→ORG (1 fp ORG, 1 fn LOC). Wrong span: ORG (fp+fn).
        assert_eq!(
            e.overall,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            e.of(EntityType::Per),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            e.of(EntityType::Loc),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            e.of(EntityType::Org),
            Counts {
                tp: 0,
                fp: 2,
                fn_: 1
            }
        );
        assert!((e.overall.f1() - 0.5).abs() < 1e-12);
        assert_eq!(e.tokens, 9);
        assert_eq!(e.correct_tokens, 7);
    }

    #[test]
    fn ignores_misc() {
        let gold = vec![p("B-PER O O")];
        let pred = vec![p("B-PER B-MISC I-MISC")];
        let e = evaluate(&gold, &pred, true);
        assert_eq!(
            e.overall,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(e.correct_tokens, 3);
        let e = evaluate(&gold, &pred, false);
        assert_eq!(
            e.overall,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn ill_formed_i_starts_entity() {
        // conlleval reads "O I-PER" as an entity starting at the I-.
        let e = evaluate(&[p("O B-PER")], &[p("O I-PER")], false);
        assert_eq!(e.overall.tp, 1);
    }
}
