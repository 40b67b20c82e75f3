//! Pair scoring: the probability that two mentions report one happening.
//!
//! Hard constraints first — a pair that cannot be one event is vetoed
//! (`None`) and clustering will never put the two together:
//! * different type families;
//! * both reports carry their own dates and the widened intervals are
//!   disjoint, or an undated deed was told of before the other's date;
//! * both places are geocoded to different countries;
//! * one report says the event did not happen and the other that it did;
//! * different acts within the family (an expulsion is not a recall);
//! * two triggers of one sentence ("detained and charged");
//! * a report of a history ("has been detained several times"), which is no one happening;
//! * statements by different named speakers, unless both quote the same words.
//!
//! Clustering also keeps apart counts of people twenty times apart ("three journalists" and
//! "6,700 people", [`pair_probability`]), tallies from two provinces of one country, and
//! arrests of different named people. That constraint is not a veto of the pair's
//! features: the classifier still learns from such pairs (`counts_far_apart`), so the
//! training pairs, and the weights, do not depend on it.
//!
//! A statement whose speaker is unknown on either side has no evidence of its own against a
//! report from another document ([`without_evidence`]): it scores 0, though its group may
//! still meet another through other reports.
//!
//! The rest is evidence: a fixed vector of [`FEATURES`] combined by a
//! logistic model whose [`Weights`] are learned (`storyline train linker`,
//! from the sample corpus's story gold; `models/linker.tsv`). Counts that
//! disagree by less carry their own learned weight rather than a veto: rival figures
//! for one event are exactly what the user must see as a conflict, so they
//! must not keep the reports apart.

use crate::{Mention, Params, WeightedTerms};
use storyline_model::event::{EventType, Modality};

/// The names of the pair features, in vector order.
pub const FEATURES: [&str; 28] = [
    "bias",
    "dates_overlap",
    "same_day",
    "date_in_window",
    "both_undated",
    "shared_participants",
    "disjoint_participants",
    "same_place",
    "other_place_same_country",
    "counts_meet",
    "counts_rival",
    "same_exact_count",
    "term_cosine",
    "same_document",
    "planned_mismatch",
    "anchor_distance_months",
    "same_subtype",
    "name_cosine",
    "same_trigger",
    "counts_far_apart",
    "one_exact_one_vague",
    "shared_targets",
    "same_site",
    "other_site",
    "nothing_shared",
    "refers_back",
    "context_cosine",
    "shared_quote",
];

/// A pair's feature vector.
pub type Features = [f32; FEATURES.len()];

/// Weights of the pair features plus the clustering knobs they were tuned
/// with.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub w: Features,
}

const BUNDLED: &str = include_str!("../models/linker.tsv");

impl Default for Weights {
    /// The bundled, trained weights.
    fn default() -> Self {
        Weights::parse(BUNDLED)
            .map(|(w, _)| w)
            .expect("bundled linker.tsv is valid")
    }
}

impl Weights {
    /// Reads `name<TAB>value` lines: the features' weights and optionally
    /// `threshold` and `unscored_prior`, returned as settings.
    pub fn parse(text: &str) -> Result<(Weights, Vec<(String, f32)>), String> {
        let mut w = [0.0; FEATURES.len()];
        let mut settings = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected name<TAB>value", n + 1))?;
            let value: f32 = value
                .trim()
                .parse()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            match FEATURES.iter().position(|f| *f == name) {
                Some(i) => w[i] = value,
                None => settings.push((name.to_string(), value)),
            }
        }
        Ok((Weights { w }, settings))
    }

    /// The `name<TAB>value` form [`Weights::parse`] reads.
    pub fn to_tsv(&self, settings: &[(&str, f32)]) -> String {
        let mut out = String::from(
            "# storyline linker: pair-feature weights (logistic) and clustering settings\n",
        );
        for (name, v) in FEATURES.iter().zip(self.w) {
            out.push_str(&format!("{name}\t{v:.4}\n"));
        }
        for (name, v) in settings {
            out.push_str(&format!("{name}\t{v:.4}\n"));
        }
        out
    }
}

/// The bundled clustering settings (threshold, unscored prior), if present.
pub fn bundled_settings() -> Vec<(String, f32)> {
    Weights::parse(BUNDLED).map(|(_, s)| s).unwrap_or_default()
}

/// The feature vector of a pair, or `None` when the pair is impossible.
pub fn pair_features(a: &Mention, b: &Mention, params: &Params) -> Option<Features> {
    if vetoed(a, b) {
        return None;
    }
    let mut f = [0.0f32; FEATURES.len()];
    f[0] = 1.0;
    match (a.date, b.date) {
        (Some(da), Some(db)) => {
            f[1] = 1.0;
            if da == db && da.len() <= 3 {
                f[2] = 1.0;
            }
        }
        (Some(d), None) | (None, Some(d)) => {
            let other = if a.date.is_some() { b } else { a };
            if other.anchor(params).is_some_and(|w| w.overlaps(&d)) {
                f[3] = 1.0;
            }
        }
        (None, None) => f[4] = 1.0,
    }
    if !a.participants.is_empty() && !b.participants.is_empty() {
        let shared = sorted_overlap(&a.participants, &b.participants);
        if shared == 0 {
            f[6] = 1.0;
        } else {
            f[5] = shared.min(2) as f32;
        }
    }
    if let (Some(pa), Some(pb)) = (a.place, b.place) {
        if pa.name == pb.name {
            f[7] = 1.0;
        } else if pa.country.is_some() && pa.country == pb.country {
            f[8] = 1.0;
        }
    }
    // People counted, else people killed: figures of one happening agree, or are rival
    // estimates of it (twelve against fourteen); one against twelve is another happening.
    let figures = match (a.count, b.count, a.killed, b.killed) {
        (Some(ca), Some(cb), _, _) => {
            if ca == cb && ca.0 == ca.1 {
                f[11] = 1.0;
            }
            Some((ca, cb))
        }
        (_, _, Some(ka), Some(kb)) => Some(((Some(ka), Some(ka)), (Some(kb), Some(kb)))),
        _ => None,
    };
    let whole_counts = counts_whole(a.kind);
    if let Some((ca, cb)) = figures {
        let far = match (ca.0, cb.0) {
            (Some(x), Some(y)) => {
                let (lo, hi) = (x.min(y) as f32, x.max(y) as f32);
                hi > 2.0 * lo.max(1.0)
            }
            _ => false,
        };
        // "More than 90 people died" and "at least 215 have been killed" share every number
        // from 215 up, but a writer's floor is near the figure: open figures are compared by
        // their floors.
        let open = ca.1.is_none() || cb.1.is_none();
        if intervals_meet(ca, cb) && !(open && far) {
            f[9] = 1.0;
        } else if whole_counts {
            if far {
                f[19] = 1.0;
            } else {
                // A rival estimate counts as agreeing figures too, with a weight of its own
                // for what sets it apart (the L2 penalty keeps that near zero unless the gold
                // says otherwise).
                f[9] = 1.0;
                f[10] = 1.0;
            }
        }
    }
    f[12] = weighted_cosine(&a.terms, &b.terms);
    if a.doc == b.doc {
        f[13] = 1.0;
    }
    if (a.modality == Modality::Planned) != (b.modality == Modality::Planned) {
        f[14] = 1.0;
    }
    if let (Some(x), Some(y)) = (a.anchor(params), b.anchor(params)) {
        f[15] = ((x.midpoint() - y.midpoint()).abs() as f32 / 30.0).min(3.0);
    }
    if a.subtype == b.subtype {
        f[16] = 1.0;
    }
    f[17] = cosine(&a.names, &b.names);
    if a.trigger == b.trigger {
        f[18] = 1.0;
    }
    if let (Some(ca), Some(cb)) = (a.count, b.count) {
        if (ca.0 == ca.1) != (cb.0 == cb.1) {
            f[20] = 1.0;
        }
    }
    // Who was detained, attacked or expelled tells one happening from another far better
    // than who acted: the police or a government act again and again.
    if sorted_overlap(&a.targets, &b.targets) > 0 {
        f[21] = 1.0;
    }
    // A gathering outside the security service and one outside the court are two, whatever
    // the town.
    if !a.site.is_empty() && !b.site.is_empty() {
        f[if sorted_overlap(&a.site, &b.site) > 0 {
            22
        } else {
            23
        }] = 1.0;
    }
    // Two reports that share no word, name, participant, place or site have only their
    // type and time in common, which many happenings share.
    if f[12] == 0.0 && f[17] == 0.0 && f[5] == 0.0 && f[7] == 0.0 && f[22] == 0.0 {
        f[24] = 1.0;
    }
    // Within a document (two reports of one sentence are vetoed above), a later report that
    // points back ("the arrests were made on Monday") is most often the happening told
    // before, though it repeats little of it.
    if a.doc == b.doc {
        let later = if a.sentence > b.sentence { a } else { b };
        if later.anaphoric {
            f[25] = 1.0;
        }
    }
    f[26] = weighted_cosine(&a.context, &b.context);
    f[27] = sorted_overlap(&a.quoted, &b.quoted).min(2) as f32;
    Some(f)
}

/// Whether two mentions cannot be one event whatever else they share:
/// different type families, a report of a history ([`Mention::repeated`]), two triggers of
/// one sentence, a negated report
/// against an affirmed one, two negated reports not both dated, two different
/// diplomatic acts, statements by different named speakers, own dates that
/// cannot meet, an undated report of something done set against a day after
/// its publication or after the day a speech verb told of it, an undated
/// report told as news of the day set against a day, or a report published,
/// over a week before its publication, places in different countries. Cheap:
/// clustering asks it of pairs blocking never scored before it merges two
/// groups.
pub fn vetoed(a: &Mention, b: &Mention) -> bool {
    if !crate::kinds_meet(a, b)
        || a.repeated
        || b.repeated
        || (a.doc == b.doc && a.sentence == b.sentence)
        || (a.modality == Modality::Negated) != (b.modality == Modality::Negated)
        || (a.action != 0 && b.action != 0 && a.action != b.action)
    {
        return true;
    }
    // A statement is its speaker's: two named speakers with none in common said two things,
    // unless both quote the same words, when they are most often one utterance credited to
    // a spokesman by one outlet and to the body he speaks for by another.
    if a.kind == EventType::Statement
        && !a.agents.is_empty()
        && !b.agents.is_empty()
        && sorted_overlap(&a.agents, &b.agents) == 0
        && !quote_the_same_words(a, b)
    {
        return true;
    }
    // What did not happen has no identity of its own but its day: two
    // refusals to release are one only when they are dated alike.
    if a.modality == Modality::Negated && (a.date.is_none() || b.date.is_none()) {
        return true;
    }
    if crate::own_dates_meet(a, b) == Some(false) {
        return true;
    }
    // The same words quoted by two outlets are one utterance, whatever tense the later one
    // retells it in ("has said" weeks on): the tense is no sign of news of the day then.
    let one_utterance = a.kind == EventType::Statement && quote_the_same_words(a, b);
    match (a.date, b.date) {
        _ if one_utterance => {}
        (Some(d), None) | (None, Some(d)) => {
            let undated = if a.date.is_some() { b } else { a };
            // News reports what has happened: an undated report of a deed is not about a day
            // after its publication, nor after the day a speech verb told of it ("said on
            // Wednesday it had detained ten"). The other date is already widened by its
            // precision (a day by one either side, for time zones), so its widened start may
            // reach that day and no further; `told_by` is itself widened by one.
            if undated.modality != Modality::Planned {
                let latest = [undated.published, undated.told_by.map(|b| b - 1)];
                if latest.into_iter().flatten().any(|day| d.start > day) {
                    return true;
                }
            }
            // News of the day is not about a day weeks before it.
            if undated.recent
                && undated
                    .published
                    .is_some_and(|p| d.end < p - crate::RECENT_DAYS)
            {
                return true;
            }
        }
        (None, None) => {
            // News of the day is not what a report published over a week
            // before it told.
            let before = |x: &Mention, y: &Mention| match (x.published, y.published) {
                (Some(px), Some(py)) => {
                    x.recent && y.modality != Modality::Planned && py + 1 < px - crate::RECENT_DAYS
                }
                _ => false,
            };
            if before(a, b) || before(b, a) {
                return true;
            }
        }
        _ => {}
    }
    if let (Some(pa), Some(pb)) = (a.place, b.place) {
        if let (Some(ca), Some(cb)) = (pa.country, pb.country) {
            if ca != cb {
                return true;
            }
        }
    }
    false
}

/// Counts of people so far apart ([`COUNT_RATIO_APART`] times) that they are no rival figures
/// for one happening but two happenings: "three journalists were detained" and "more than
/// 6,700 were detained in four nights". Rival estimates of one crowd or one round of arrests
/// differ by a few times ("30,000" against "about 8,000"; "more than 1,200" against "over
/// 10,000" as a tally grows); a figure is read at its upper bound, or its floor when it has
/// none.
fn counts_apart(
    a: Option<(Option<u64>, Option<u64>)>,
    b: Option<(Option<u64>, Option<u64>)>,
) -> bool {
    let figure = |c: Option<(Option<u64>, Option<u64>)>| c.and_then(|(min, max)| max.or(min));
    match (figure(a), figure(b)) {
        (Some(x), Some(y)) => x.max(y) >= COUNT_RATIO_APART * x.min(y).max(1),
        _ => false,
    }
}

/// Whether two reports that each name everyone acted on name no one in common: the arrest of
/// one politician and the arrest of another a day later are two happenings, however alike
/// their words, court and week. Like [`counts_apart`], a clustering constraint, not a
/// feature veto, so the weights do not depend on it. Reports that name only some of those
/// taken ("twelve people, among them X") are not [`Mention::named_people`] reports. A report
/// that names everyone acted on and one whose targets are an unnamed group
/// ([`Mention::unnamed_group`]: "Asad Umar was arrested" against "sweeping arrests of members
/// and supporters") are two happenings too.
fn different_people(a: &Mention, b: &Mention) -> bool {
    // Acts that seize, free or kill the people named. A charge or verdict may be told of one
    // defendant or another of the same trial, and a meeting's or statement's other party is
    // no one it befell.
    let befalls = matches!(
        a.kind,
        EventType::Arrest | EventType::Release | EventType::Killing | EventType::HungerStrike
    );
    let named_against_group =
        |x: &Mention, y: &Mention| !x.named_people.is_empty() && y.unnamed_group;
    befalls
        && ((!a.named_people.is_empty()
            && !b.named_people.is_empty()
            && sorted_overlap(&a.named_people, &b.named_people) == 0)
            || named_against_group(a, b)
            || named_against_group(b, a))
}

/// Whether two reports count people in two different first-order divisions of a country:
/// "police in Punjab said they had arrested 945 people" and "1,127 people had been arrested
/// across Khyber Pakhtunkhwa" are two provinces' tallies, not rival figures for one round-up.
/// A clustering constraint like [`counts_apart`]. A tally is a figure ("945", "more than
/// 1,000"); reports without one, or with a vague one ("several people were detained in
/// Moscow"), may still join across divisions: one wave of arrests is told from its towns.
fn tallies_of_different_regions(a: &Mention, b: &Mention) -> bool {
    let region = |m: &Mention| m.place.and_then(|p| p.region);
    let tally =
        |m: &Mention| matches!(m.count, Some((Some(min), max)) if max.is_none_or(|max| max == min));
    counts_whole(a.kind)
        && tally(a)
        && tally(b)
        && matches!((region(a), region(b)), (Some(x), Some(y)) if x != y)
}

/// See [`counts_apart`].
const COUNT_RATIO_APART: u64 = 20;

/// Whether a report's count is of everyone the act befell. A charge or a verdict may be told
/// of one defendant ("Dunst was sentenced") or of all of them ("the nine were convicted"), so
/// figures that differ tell two apart only for acts that seize, free or harm people at once.
fn counts_whole(kind: EventType) -> bool {
    !matches!(kind, EventType::Charge | EventType::Conviction)
}

/// The link probability of a pair, or `None` when the pair is impossible (vetoed, or its
/// counts [`counts_apart`]). A pair [`without_evidence`] scores 0: not impossible (its groups may still meet through other
/// reports), but no reason to link.
pub fn pair_probability(a: &Mention, b: &Mention, params: &Params) -> Option<f32> {
    let f = pair_features(a, b, params)?;
    if counts_whole(a.kind) && counts_apart(a.count, b.count) {
        return None;
    }
    if different_people(a, b) || tallies_of_different_regions(a, b) {
        return None;
    }
    if without_evidence(a, b) {
        return Some(0.0);
    }
    Some(probability(&params.weights, &f))
}

/// Whether two reports from different documents have nothing to be matched by. A statement
/// is its speaker's: one whose speaker is not known ("analysts say", "it was announced") may
/// be any of the many things said about a story, so it is joined to another only through
/// reports that share more, or through the words both quote.
pub fn without_evidence(a: &Mention, b: &Mention) -> bool {
    a.doc != b.doc
        && a.kind == EventType::Statement
        && (a.agents.is_empty() || b.agents.is_empty())
        && !quote_the_same_words(a, b)
}

/// Whether the two reports quote a word pair in common ([`Mention::quoted`]): the mark of one
/// utterance retold, which outweighs who each outlet credits it to and the tense it is
/// retold in.
fn quote_the_same_words(a: &Mention, b: &Mention) -> bool {
    matches(&a.quoted, &b.quoted).next().is_some()
}

pub fn probability(w: &Weights, f: &Features) -> f32 {
    let z: f32 = w.w.iter().zip(f).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

/// Fits the weights by full-batch gradient descent on the log loss with an
/// L2 penalty (the bias is not penalised). Deterministic: no sampling, so
/// the same examples give the same weights. Positives and negatives are
/// weighted to balance (most candidate pairs are different events).
pub fn train(examples: &[(Features, bool)], l2: f32, iterations: usize) -> Weights {
    let mut w = [0.0f32; FEATURES.len()];
    let positives = examples.iter().filter(|e| e.1).count().max(1) as f32;
    let negatives = examples.iter().filter(|e| !e.1).count().max(1) as f32;
    let (wp, wn) = (0.5 / positives, 0.5 / negatives);
    let rate = 0.5;
    for _ in 0..iterations {
        let mut grad = [0.0f32; FEATURES.len()];
        for (f, label) in examples {
            let p = probability(&Weights { w }, f);
            let (y, weight) = if *label { (1.0, wp) } else { (0.0, wn) };
            for (g, x) in grad.iter_mut().zip(f) {
                *g += weight * (p - y) * x;
            }
        }
        for (i, (wi, g)) in w.iter_mut().zip(grad).enumerate() {
            let penalty = if i == 0 { 0.0 } else { l2 * *wi };
            *wi -= rate * (g + penalty);
        }
    }
    Weights { w }
}

/// Do two count intervals (open bounds are `None`) share a value?
pub fn intervals_meet(a: (Option<u64>, Option<u64>), b: (Option<u64>, Option<u64>)) -> bool {
    let lo = a.0.unwrap_or(0).max(b.0.unwrap_or(0));
    let hi = a.1.unwrap_or(u64::MAX).min(b.1.unwrap_or(u64::MAX));
    lo <= hi
}

/// The positions `(i, j)` where `a[i] == b[j]`, for two sorted, deduplicated slices.
fn matches<'s, T: Ord>(a: &'s [T], b: &'s [T]) -> impl Iterator<Item = (usize, usize)> + 's {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let found = (i, j);
                    i += 1;
                    j += 1;
                    return Some(found);
                }
            }
        }
        None
    })
}

fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    matches(a, b).count()
}

/// Cosine of two weighted sets of words.
pub fn weighted_cosine(a: &WeightedTerms, b: &WeightedTerms) -> f32 {
    let norm = |t: &WeightedTerms| t.weights.iter().map(|w| w * w).sum::<f32>();
    let (na, nb) = (norm(a), norm(b));
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    let dot: f32 = matches(&a.ids, &b.ids)
        .map(|(i, j)| a.weights[i] * b.weights[j])
        .sum();
    dot / (na * nb).sqrt()
}

/// Cosine of two sets of term ids (sorted, deduplicated).
pub fn cosine(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    sorted_overlap(a, b) as f32 / ((a.len() * b.len()) as f32).sqrt()
}
