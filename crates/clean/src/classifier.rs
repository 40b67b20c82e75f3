//! The block classifier: two stacked logistic models over hashed features.

pub use storyline_learn::{hash_feature, LogisticModel, Rng, BUCKETS};

/// The block classifier: a base model over each block's own features, and a
/// second (stacked) model that also sees the base model's verdicts on the
/// neighbouring blocks, so that "a short sentence right after the story" and
/// "a short sentence among menus" can be told apart.
#[derive(Debug, Clone)]
pub struct BlockModel {
    pub base: LogisticModel,
    pub stacked: LogisticModel,
}

impl BlockModel {
    /// Probability of "remove" for each block of one document, given each
    /// block's own features.
    pub fn predict_doc(&self, features: &[Vec<u32>]) -> Vec<f32> {
        let base: Vec<f32> = features.iter().map(|f| self.base.predict(f)).collect();
        features
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut all = f.clone();
                all.extend(context_features(&base, i));
                self.stacked.predict(&all)
            })
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.base.to_bytes();
        out.extend(self.stacked.to_bytes());
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let half = bytes.len() / 2;
        if !bytes.len().is_multiple_of(2) {
            return Err("not a storyline block model (odd size)".into());
        }
        Ok(BlockModel {
            base: LogisticModel::from_bytes(&bytes[..half])?,
            stacked: LogisticModel::from_bytes(&bytes[half..])?,
        })
    }
}

/// Features of the base model's verdicts around block `i`.
pub fn context_features(base: &[f32], i: usize) -> Vec<u32> {
    let bucket = |p: f32| (p * 5.0).floor().min(4.0) as usize;
    let at = |k: isize| -> String {
        let j = i as isize + k;
        if j < 0 || j as usize >= base.len() {
            "none".to_owned()
        } else {
            bucket(base[j as usize]).to_string()
        }
    };
    let content = |p: f32| p < 0.3;
    let before = base[..i].iter().rposition(|&p| content(p)).map(|j| i - j);
    let after = base[i + 1..]
        .iter()
        .position(|&p| content(p))
        .map(|j| j + 1);
    let dist = |d: Option<usize>| match d {
        None => "none".to_owned(),
        Some(d) if d <= 3 => d.to_string(),
        Some(_) => "far".to_owned(),
    };
    let own = bucket(base[i]);
    [
        format!("c:prev={}", at(-1)),
        format!("c:next={}", at(1)),
        format!("c:prev2={}", at(-2)),
        format!("c:next2={}", at(2)),
        format!("c:around={}>{}", at(-1), at(1)),
        format!("c:before={}", dist(before)),
        format!("c:after={}", dist(after)),
        format!("c:own={own}&before={}&after={}", dist(before), dist(after)),
    ]
    .iter()
    .map(|s| hash_feature(s))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_features_see_neighbours() {
        let base = [0.9, 0.1, 0.95];
        let a = context_features(&base, 1);
        let b = context_features(&[0.1, 0.1, 0.1], 1);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
    }
}
