//! Cross-document event linking: which event mentions report the same
//! real-world happening.
//!
//! A user with fifty reports of one week wants one event per happening with
//! every outlet's report under it. This crate decides the grouping; merging
//! the fields and listing the disagreements happens in `storyline-story`.
//!
//! The input is one [`Mention`] per event mention, already reduced to what
//! linking needs: the type family, the report's own date interval (widened by
//! its precision), the publication date, a place key, participant keys
//! (resolved entities), the count, casualties, modality and the sentence's
//! content words. Nothing here reads text or the store.
//!
//! Three steps:
//! 1. **Blocking** ([`candidates`]): only pairs that could be one event are
//!    scored — mentions of one type family whose time anchors are close
//!    (sorted sweep with a per-mention cap), mentions sharing a participant
//!    key (rare keys only), and mentions of the same document. The cost grows
//!    with n log n (the sort) plus n times the cap, never n².
//! 2. **Pair scoring** ([`score`]): hard constraints veto impossible pairs
//!    (different families, disjoint own dates, places in different countries,
//!    a negated report against an asserted one, two triggers of one sentence);
//!    the remaining evidence (date agreement, shared participants, place,
//!    counts, casualties, content-word overlap) is combined by a logistic
//!    function into a probability.
//! 3. **Clustering** ([`cluster`]): sparse average-link agglomeration merges
//!    the two groups with the highest mean pair probability while it stays
//!    above a threshold and no vetoed pair would end up together. Pairs that
//!    were never scored rank the queue with a neutral prior and are scored
//!    before a merge, so a big group needs evidence across its members, not
//!    one chain of links.

pub mod candidates;
pub mod cluster;
pub mod score;
pub mod synth;

use storyline_model::event::{DatePrecision, EventDate, EventType, Modality};

/// An inclusive interval of day numbers (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRange {
    pub start: i64,
    pub end: i64,
}

impl DayRange {
    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn midpoint(&self) -> i64 {
        self.start + (self.end - self.start) / 2
    }

    pub fn len(&self) -> i64 {
        self.end - self.start + 1
    }

    pub fn is_empty(&self) -> bool {
        self.end < self.start
    }
}

/// The interval an event date stands for, widened by its precision: a day
/// by one day either side (time zones, "overnight", reports dated by the
/// day they were announced), a week by two days, a month or a range by three
/// days, a year as it is.
pub fn widen(date: &EventDate) -> DayRange {
    padded(date, precision_pad(date.precision))
}

/// The days [`widen`] adds on either side of a date of this precision.
fn precision_pad(precision: DatePrecision) -> i64 {
    match precision {
        DatePrecision::Day => 1,
        DatePrecision::Week => 2,
        DatePrecision::Month | DatePrecision::Range => 3,
        DatePrecision::Year => 0,
    }
}

/// The days of a date, `pad` more on either side.
fn padded(date: &EventDate, pad: i64) -> DayRange {
    let start = date.start.day_number();
    let end = date.end.day_number().max(start);
    DayRange {
        start: start - pad,
        end: end + pad,
    }
}

/// The interval a report's own date stands for: [`widen`], except that a statement dated to
/// the day is that day alone. A statement happens on the day it is made, which is the day the
/// reports of it give; two statements told as made on Sunday and on Monday are two, such as a
/// first count and a revised one, and widening would let them meet.
pub fn report_interval(kind: EventType, date: &EventDate) -> DayRange {
    padded(date, report_pad(kind, date))
}

/// The days [`report_interval`] adds on either side of a report's own date
/// ([`Mention::date_pad`]).
pub fn report_pad(kind: EventType, date: &EventDate) -> i64 {
    if kind == EventType::Statement && date.precision == DatePrecision::Day {
        0
    } else {
        precision_pad(date.precision)
    }
}

/// Whether two reports' own dates can be one happening's.
///
/// Each date's widening stands for the slack of its own kind of reading: two days meet a day
/// apart (time zones, a deed told by the day it was announced), two months a few days apart.
/// A day read against a month, week or range is compared without either widening: the
/// coarse date already covers every day it can mean, and "in May" is not about 1 June
/// ("In May, an appeals court had also given him a suspended sentence" against the conviction
/// on 1 June). `None` when either report is undated.
pub fn own_dates_meet(a: &Mention, b: &Mention) -> Option<bool> {
    let (da, db) = (a.date?, b.date?);
    let bare = |d: DayRange, pad: i64| DayRange {
        start: d.start + pad,
        end: d.end - pad,
    };
    let (ra, rb) = (bare(da, a.date_pad), bare(db, b.date_pad));
    Some(if (ra.len() == 1) == (rb.len() == 1) {
        da.overlaps(&db)
    } else {
        ra.overlaps(&rb)
    })
}

/// Where an event took place, reduced to keys: the geocoded country (when
/// known) and the normalized place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlaceKey {
    pub country: Option<[u8; 2]>,
    pub name: u64,
    /// The key of the first-order division (state, province) the place is in or is.
    pub region: Option<u64>,
}

/// Content-word ids, sorted and deduplicated, each with its weight: how much sharing that
/// word says in this collection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeightedTerms {
    pub ids: Vec<u32>,
    /// One per id, in the same order.
    pub weights: Vec<f32>,
}

impl WeightedTerms {
    /// Every word weighs 1.
    pub fn unweighted(ids: Vec<u32>) -> WeightedTerms {
        let weights = vec![1.0; ids.len()];
        WeightedTerms { ids, weights }
    }
}

/// Whether two mentions' types may be one event: the same family, or a killing and an attack
/// with dead. "At least 25 people were killed on Thursday" and "police opened fire on
/// crowds, killing 32" tell one day's deaths, one as a killing and one as the shooting that
/// caused them; the death tolls are then rival figures for one happening. An attack with no
/// dead told is another happening than a killing.
pub fn kinds_meet(a: &Mention, b: &Mention) -> bool {
    let deadly_attack =
        |m: &Mention| m.kind == EventType::Attack && m.killed.is_some_and(|k| k > 0);
    a.kind == b.kind
        || (a.kind == EventType::Killing && deadly_attack(b))
        || (b.kind == EventType::Killing && deadly_attack(a))
}

/// The family a mention is blocked under: killings with attacks, which may be one event
/// ([`kinds_meet`]); every other family alone.
pub fn block_family(kind: EventType) -> EventType {
    if kind == EventType::Killing {
        EventType::Attack
    } else {
        kind
    }
}

/// One event mention as linking sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index of the document it came from.
    pub doc: u32,
    /// Index (or start offset) of its sentence within the document: two
    /// triggers in one sentence are two events.
    pub sentence: u32,
    /// The type family ([`storyline_model::taxonomy::contract_type`]).
    pub kind: EventType,
    /// The finer type ("raid" within "arrest").
    pub subtype: EventType,
    /// The report's own date, widened ([`widen`]); `None` when the text
    /// gives none.
    pub date: Option<DayRange>,
    /// The days [`Mention::date`] was widened by on either side ([`report_pad`]); the bare
    /// date is `date` with this much taken off each end.
    pub date_pad: i64,
    /// The document's publication date as a day number.
    pub published: Option<i64>,
    pub place: Option<PlaceKey>,
    /// Keys of the resolved participants (agents and targets), sorted and
    /// deduplicated.
    pub participants: Vec<u64>,
    /// The keys among [`Mention::participants`] that are agents (who acted or spoke), sorted
    /// and deduplicated.
    pub agents: Vec<u64>,
    /// The keys among [`Mention::participants`] that are targets (who was detained,
    /// attacked, expelled), sorted and deduplicated.
    pub targets: Vec<u64>,
    /// The targets, when the report names every person acted on (each a resolved person, and
    /// no figure counting more); empty otherwise. Two such reports with no person in common
    /// befell different people ("Imran Khan was arrested" against "Asad Umar was arrested").
    pub named_people: Vec<u64>,
    /// The report's targets are people it does not name: a plural group ("members and
    /// supporters of his party"), no figure and no resolved person among them. Such a round-up is
    /// another happening than the arrest of someone another report names
    /// ([`Mention::named_people`]).
    pub unnamed_group: bool,
    /// Ids of the words naming the building or site it happened at (empty when none is
    /// named), sorted and deduplicated.
    pub site: Vec<u32>,
    /// People affected, as an interval with open bounds.
    pub count: Option<(Option<u64>, Option<u64>)>,
    pub killed: Option<u64>,
    pub injured: Option<u64>,
    pub modality: Modality,
    /// Content words of the sentence.
    pub terms: WeightedTerms,
    /// Content words of the sentence and the sentences either side of it.
    pub context: WeightedTerms,
    /// Ids of the capitalised names in the sentence (people, bodies,
    /// places), sorted and deduplicated: the strongest lexical sign of one
    /// happening.
    pub names: Vec<u32>,
    /// Told as happening more than once or at an unknown earlier time
    /// ([`storyline_model::event::EventMention::repeated`]): no one happening to link.
    pub repeated: bool,
    /// Keys of the word pairs the sentence quotes (inside quotation marks), sorted and
    /// deduplicated: two reports quoting the same words most often quote one utterance.
    pub quoted: Vec<u32>,
    /// Id of the trigger's stem ("sentenced" and "sentence" share one).
    pub trigger: u32,
    /// The act within a type family that every report of one event shares
    /// (for diplomatic steps: expel, recall, close, summon, ...); 0 when the
    /// family has no such split or the act is not known.
    pub action: u8,
    /// An undated report told as news of the day
    /// ([`storyline_model::event::EventMention::recent`]): it is not about a
    /// day more than [`RECENT_DAYS`] before its publication.
    pub recent: bool,
    /// The report refers back to something its document told already: a determiner before
    /// the trigger ("the arrests", "their detention") or a target that only points back
    /// ("the six were arrested", "they were detained").
    pub anaphoric: bool,
    /// For an undated report of a deed told under a dated speech verb
    /// ([`storyline_model::event::EventMention::told_on`]), the last day (widened) of the
    /// telling: the deed happened by then.
    pub told_by: Option<i64>,
}

/// How many days before its publication a report told as news of the day
/// may be about.
pub const RECENT_DAYS: i64 = 7;

impl Mention {
    /// The time span the mention can be about: its own date, else a window
    /// before its publication or the day it was told of, whichever is earlier
    /// (news reports what happened in the days before; a planned event lies
    /// after). `None` when neither is known.
    pub fn anchor(&self, params: &Params) -> Option<DayRange> {
        if let Some(d) = self.date {
            return Some(d);
        }
        if self.modality == Modality::Planned {
            let p = self.published?;
            return Some(DayRange {
                start: p,
                end: p + params.undated_window,
            });
        }
        let end = match (self.published, self.told_by) {
            (Some(p), Some(b)) => b.min(p + 1),
            (Some(p), None) => p + 1,
            (None, b) => b?,
        };
        Some(DayRange {
            start: end - 1 - params.undated_window,
            end,
        })
    }
}

/// Tunable knobs of linking. The defaults are what the sample corpus and the
/// synthetic benchmark were tuned with (see `storyline eval link`).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Days before publication an undated report may be about.
    pub undated_window: i64,
    /// At most this many time neighbours are scored per mention.
    pub max_neighbours: usize,
    /// Participant keys shared by more mentions than this are too common to
    /// block on ("police").
    pub max_key_frequency: usize,
    /// Merge while the mean pair probability is at least this.
    pub threshold: f32,
    /// The probability assumed for a pair that blocking never scored.
    pub unscored_prior: f32,
    pub weights: score::Weights,
}

impl Default for Params {
    /// The bundled trained weights and the settings tuned with them.
    fn default() -> Self {
        let mut p = Params {
            undated_window: 45,
            max_neighbours: 48,
            max_key_frequency: 64,
            threshold: 0.5,
            unscored_prior: 0.3,
            weights: score::Weights::default(),
        };
        for (name, value) in score::bundled_settings() {
            match name.as_str() {
                "threshold" => p.threshold = value,
                "unscored_prior" => p.unscored_prior = value,
                _ => {}
            }
        }
        p
    }
}

/// Statistics of one linking run, for benchmarks and notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub mentions: usize,
    pub candidate_pairs: usize,
    pub vetoed_pairs: usize,
    pub events: usize,
    /// Seconds spent blocking, scoring and clustering.
    pub seconds: [f64; 3],
}

/// Groups mentions into events. Returns clusters of indices into `mentions`
/// (every index exactly once), each sorted, ordered by their first index.
pub fn link(mentions: &[Mention], params: &Params) -> (Vec<Vec<usize>>, Stats) {
    let clock = std::time::Instant::now();
    let pairs = candidates::candidate_pairs(mentions, params);
    let blocking = clock.elapsed().as_secs_f64();
    let mut edges = Vec::with_capacity(pairs.len());
    let mut vetoed = 0;
    for &(i, j) in &pairs {
        match score::pair_probability(&mentions[i], &mentions[j], params) {
            Some(p) => edges.push(cluster::Edge { a: i, b: j, p }),
            None => {
                vetoed += 1;
                edges.push(cluster::Edge {
                    a: i,
                    b: j,
                    p: f32::NEG_INFINITY,
                })
            }
        }
    }
    let scoring = clock.elapsed().as_secs_f64() - blocking;
    let clusters = cluster::average_link(mentions.len(), &edges, params, &|i, j| {
        score::pair_probability(&mentions[i], &mentions[j], params)
    });
    let clustering = clock.elapsed().as_secs_f64() - blocking - scoring;
    let stats = Stats {
        seconds: [blocking, scoring, clustering],
        mentions: mentions.len(),
        candidate_pairs: pairs.len(),
        vetoed_pairs: vetoed,
        events: clusters.len(),
    };
    (clusters, stats)
}

/// B³ precision, recall and F1 of predicted clusters against gold clusters
/// over the same items (indices `0..n`), for evaluation and benchmarks.
pub fn b_cubed(gold: &[Vec<usize>], predicted: &[Vec<usize>], n: usize) -> (f64, f64, f64) {
    let owner = |clusters: &[Vec<usize>]| {
        let mut o = vec![usize::MAX; n];
        for (c, members) in clusters.iter().enumerate() {
            for &m in members {
                o[m] = c;
            }
        }
        o
    };
    let (g, p) = (owner(gold), owner(predicted));
    let (mut precision, mut recall) = (0.0, 0.0);
    for i in 0..n {
        let (gi, pi) = (g[i], p[i]);
        if gi == usize::MAX || pi == usize::MAX {
            continue;
        }
        let shared = predicted[pi].iter().filter(|&&m| g[m] == gi).count() as f64;
        precision += shared / predicted[pi].len() as f64;
        recall += shared / gold[gi].len() as f64;
    }
    let (p, r) = (precision / n.max(1) as f64, recall / n.max(1) as f64);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests;
