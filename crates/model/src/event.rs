//! Event mentions and quotes: what the event extractor adds to a document.
//!
//! One [`EventMention`] is one trigger in one sentence ("detained",
//! "the bombing of"), with the arguments found for it. Cross-document
//! linking later groups mentions into events; the mention itself never
//! changes. Every position is a byte [`Span`] into the document text.

use crate::{Date, Span};
use serde::{Deserialize, Serialize};

/// The event taxonomy. The names are the export contract's type codes; the
/// CAMEO, PLOVER and ACLED equivalents live in `storyline-events`' taxonomy
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Arrest,
    Charge,
    Conviction,
    Release,
    Attack,
    Killing,
    Plot,
    Espionage,
    Accusation,
    Protest,
    HungerStrike,
    Diplomatic,
    Meeting,
    Military,
    ArmsTransfer,
    Statement,
    // Extensions the news needs beyond the contract's minimum set.
    /// A trial opening, hearing or appeal.
    Trial,
    /// A police or security-service search of premises.
    Raid,
    /// An investigation opened or widened.
    Investigation,
    /// Expulsion or deportation of individuals (not diplomats).
    Deportation,
    /// Abduction, kidnapping, hostage taking.
    Abduction,
    /// Sanctions, embargoes, travel bans imposed by a state.
    Sanction,
    /// A threat of force or of punitive measures.
    Threat,
    // Happenings outside the contract's sixteen types, exported as `other`
    // with the finer type as `subtype`.
    /// A curfew, state of emergency or martial law, internet or social-media
    /// shutdown, or ban imposed on a population or a party.
    Restriction,
    /// A change of office: resignation, dismissal, appointment, swearing-in,
    /// removal or impeachment.
    OfficeChange,
    /// An election, referendum or legislative vote.
    Vote,
    /// A funeral or burial.
    Funeral,
}

impl EventType {
    pub const ALL: [EventType; 27] = [
        EventType::Arrest,
        EventType::Charge,
        EventType::Conviction,
        EventType::Release,
        EventType::Attack,
        EventType::Killing,
        EventType::Plot,
        EventType::Espionage,
        EventType::Accusation,
        EventType::Protest,
        EventType::HungerStrike,
        EventType::Diplomatic,
        EventType::Meeting,
        EventType::Military,
        EventType::ArmsTransfer,
        EventType::Statement,
        EventType::Trial,
        EventType::Raid,
        EventType::Investigation,
        EventType::Deportation,
        EventType::Abduction,
        EventType::Sanction,
        EventType::Threat,
        EventType::Restriction,
        EventType::OfficeChange,
        EventType::Vote,
        EventType::Funeral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Arrest => "arrest",
            EventType::Charge => "charge",
            EventType::Conviction => "conviction",
            EventType::Release => "release",
            EventType::Attack => "attack",
            EventType::Killing => "killing",
            EventType::Plot => "plot",
            EventType::Espionage => "espionage",
            EventType::Accusation => "accusation",
            EventType::Protest => "protest",
            EventType::HungerStrike => "hunger_strike",
            EventType::Diplomatic => "diplomatic",
            EventType::Meeting => "meeting",
            EventType::Military => "military",
            EventType::ArmsTransfer => "arms_transfer",
            EventType::Statement => "statement",
            EventType::Trial => "trial",
            EventType::Raid => "raid",
            EventType::Investigation => "investigation",
            EventType::Deportation => "deportation",
            EventType::Abduction => "abduction",
            EventType::Sanction => "sanction",
            EventType::Threat => "threat",
            EventType::Restriction => "restriction",
            EventType::OfficeChange => "office_change",
            EventType::Vote => "vote",
            EventType::Funeral => "funeral",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact (possibly credited to a source).
    #[default]
    Asserted,
    /// Claimed by a party: "accused of", "allegedly", "reportedly", "claimed".
    Alleged,
    /// The text reports doubt or a denial.
    Disputed,
    /// Intended, plotted, scheduled or hypothetical: it has not happened.
    Planned,
    /// Said not to have happened.
    Negated,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Disputed => "disputed",
            Modality::Planned => "planned",
            Modality::Negated => "negated",
        }
    }
}

/// The contract's date precisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    /// Any other interval: a season, a quarter, "between March and May".
    Range,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Range => "range",
        }
    }
}

/// When an event happened: the calendar interval of the time expression
/// that dates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventDate {
    pub start: Date,
    pub end: Date,
    pub precision: DatePrecision,
    /// The time expression it came from.
    pub span: Span,
}

/// How many people an event affected. `None` bounds are open or unknown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Count {
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// The expression, qualifier included ("more than 300").
    pub span: Span,
}

/// A participant, place, reason or source: the phrase as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Argument {
    pub span: Span,
    /// The phrase's text (kept so consumers need not slice the document).
    pub text: String,
}

/// One report of an event: a trigger in a sentence and its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The word or phrase that expresses the event.
    pub trigger: Span,
    /// The sentence that reports it.
    pub sentence: Span,
    pub agents: Vec<Argument>,
    pub targets: Vec<Argument>,
    pub place: Option<Argument>,
    /// The building or site it happened at, below the level of a town ("outside the
    /// Interior Ministry", "at the Kaldorian embassy", "in Republic Square").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Argument>,
    pub date: Option<EventDate>,
    pub count: Option<Count>,
    pub killed: Option<u64>,
    pub injured: Option<u64>,
    /// The stated reason or charge ("on suspicion of spying").
    pub reason: Option<Argument>,
    /// The party the text credits with the claim.
    pub attributed_to: Option<Argument>,
    pub modality: Modality,
    /// Told as news of the day: undated, in the simple past or present perfect of a main
    /// clause ("About forty people gathered outside the court"). News tells what has just
    /// happened that way and anchors what happened long before ("in March", "had been held",
    /// "since the raids"), so linking keeps such a report near its publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recent: bool,
    /// For a deed without a date of its own, told in what a dated speech verb reports ("the
    /// committee said on Wednesday it had detained ten people"): the date of the telling. The
    /// deed happened by then, so linking never sets it against a later day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub told_on: Option<EventDate>,
    /// The count is a running total up to the time of telling ("have arrested more than
    /// 1,200 since the curfew began", "so far"): a later report's larger figure is the same
    /// tally grown, not a rival one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub running_total: bool,
    /// The count and casualty figures are given for one part of the happening ("three died
    /// in Chattogram and two in Dhaka"): evidence for linking, but not the event's figures.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub figures_in_part: bool,
    /// Told as happening more than once, or at some time before that the text does not
    /// pin down: "has been detained several times", "had ever been detained", "has
    /// repeatedly denied", "was detained in the past". Such a report is no one happening, so
    /// linking joins it to no other report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
}

/// A direct quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    pub speaker: Option<Argument>,
    /// The speech verb ("said", "told") that introduces it, when found.
    pub cue: Option<Span>,
}

/// An entity mention as stored with a document (the `Doc` it came from is
/// not kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    pub text: String,
}

/// Everything the linguistic stages found in one document, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub events: Vec<EventMention>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<EntityMention>,
}
