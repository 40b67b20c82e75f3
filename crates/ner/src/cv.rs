//! k-fold cross-validation over one training set (for example the Universal NER dev set, which
//! has no separate training file): every sentence of the set is tagged by a model trained on
//! the other sets plus the other folds, never on the sentence itself.

use crate::eval::{evaluate, Evaluation};
use crate::io::{documents, Sentence};
use crate::model::{NerModel, SelfTraining, TrainOptions, TrainSet};
use crate::tags::{EntityType, Tag};

/// Assigns each sentence a fold in `0..k`: whole documents, in file order, cut into `k`
/// contiguous blocks of about equal numbers of sentences (a document is never split).
pub fn document_folds(sentences: &[Sentence], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let total = sentences.len().max(1);
    let mut out = vec![0; sentences.len()];
    for r in documents(sentences) {
        // The fold of the block holding the document's first sentence.
        let f = (r.start * k / total).min(k - 1);
        out[r].fill(f);
    }
    out
}

/// The result of [`cross_validate`].
#[derive(Clone, Debug)]
pub struct CrossValidation {
    /// Predicted tags of every sentence of the held-out set, in order.
    pub predicted: Vec<Vec<Tag>>,
    /// Scores over the whole set (MISC ignored when the gold set has none).
    pub overall: Evaluation,
    /// Scores per fold.
    pub folds: Vec<Evaluation>,
}

/// Cross-validates over `held` in `k` folds of documents ([`document_folds`]): fold `i` is
/// tagged (in `held.domain`) by a model trained on `fixed` plus the other folds of `held`.
/// With `self_training`, each fold's model is [`NerModel::train_self_trained`] on those sets.
/// `progress` is called with each fold's number and score as it finishes.
pub fn cross_validate(
    fixed: &[TrainSet],
    held: TrainSet,
    k: usize,
    opts: &TrainOptions,
    self_training: Option<&SelfTraining>,
    progress: &mut dyn FnMut(usize, &Evaluation),
) -> CrossValidation {
    let k = k.max(2);
    let fold = document_folds(held.sentences, k);
    let no_misc = !held
        .sentences
        .iter()
        .flat_map(|s| &s.tags)
        .any(|t| t.entity_type() == Some(EntityType::Misc));
    let mut predicted: Vec<Vec<Tag>> = vec![Vec::new(); held.sentences.len()];
    let mut folds = Vec::with_capacity(k);
    for i in 0..k {
        let pick = |inside: bool| -> Vec<Sentence> {
            held.sentences
                .iter()
                .zip(&fold)
                .filter(|(_, &f)| (f == i) == inside)
                .map(|(s, _)| s.clone())
                .collect()
        };
        let (test, rest) = (pick(true), pick(false));
        if test.is_empty() {
            folds.push(evaluate(&[], &[], no_misc));
            continue;
        }
        let mut sets = fixed.to_vec();
        sets.push(TrainSet {
            sentences: &rest,
            ..held
        });
        // Self-training inside the fold, so the silver labels never come from a model that saw
        // the held-out documents.
        let model = match self_training {
            Some(st) => NerModel::train_self_trained(&sets, st, opts),
            None => NerModel::train_sets(&sets, opts),
        };
        let pred = model.predict_sentences_in(&test, held.domain);
        let gold: Vec<Vec<Tag>> = test.iter().map(|s| s.tags.clone()).collect();
        let e = evaluate(&gold, &pred, no_misc);
        progress(i + 1, &e);
        folds.push(e);
        let mut it = pred.into_iter();
        for (j, &f) in fold.iter().enumerate() {
            if f == i {
                predicted[j] = it.next().unwrap_or_default();
            }
        }
    }
    let gold: Vec<Vec<Tag>> = held.sentences.iter().map(|s| s.tags.clone()).collect();
    let overall = evaluate(&gold, &predicted, no_misc);
    CrossValidation {
        predicted,
        overall,
        folds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(doc: usize) -> Sentence {
        Sentence {
            tokens: vec!["x".into()],
            tags: vec![Tag::O],
            doc,
        }
    }

    #[test]
    fn folds_keep_documents_whole_and_contiguous() {
        let data: Vec<Sentence> = [0, 0, 0, 1, 2, 2, 3, 4, 4, 4, 5, 6]
            .iter()
            .map(|&d| s(d))
            .collect();
        let f = document_folds(&data, 3);
        assert_eq!(f.len(), data.len());
        for w in data.windows(2).zip(f.windows(2)) {
            let ((a, b), (fa, fb)) = ((&w.0[0], &w.0[1]), (w.1[0], w.1[1]));
            // Whole documents, folds in non-decreasing order.
            if a.doc == b.doc {
                assert_eq!(fa, fb);
            }
            assert!(fa <= fb);
        }
        assert_eq!((f[0], f[11]), (0, 2));
        assert!(f.contains(&1));
    }
}
