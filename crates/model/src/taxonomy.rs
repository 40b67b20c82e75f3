//! The event taxonomy: each storyline type with its CAMEO code, PLOVER
//! category and ACLED event / sub-event type. `docs/taxonomy.md` shows the
//! same table for readers; a test keeps the two in step.
//!
//! CAMEO codes and PLOVER categories follow the CAMEO-to-PLOVER table of the
//! PLOVER manual (draft 0.8, 2021); ACLED types follow the ACLED codebook
//! (2023). Where a scheme has no counterpart the entry is `None`.

use crate::event::EventType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codes {
    pub kind: EventType,
    pub cameo: Option<&'static str>,
    pub plover: Option<&'static str>,
    pub acled_event: Option<&'static str>,
    pub acled_sub_event: Option<&'static str>,
    pub meaning: &'static str,
}

const fn row(
    kind: EventType,
    cameo: Option<&'static str>,
    plover: Option<&'static str>,
    acled: Option<(&'static str, &'static str)>,
    meaning: &'static str,
) -> Codes {
    let (acled_event, acled_sub_event) = match acled {
        Some((e, s)) => (Some(e), Some(s)),
        None => (None, None),
    };
    Codes {
        kind,
        cameo,
        plover,
        acled_event,
        acled_sub_event,
        meaning,
    }
}

const STRATEGIC: &str = "Strategic developments";

pub static TABLE: [Codes; 27] = [
    row(
        EventType::Arrest,
        Some("173"),
        Some("COERCE"),
        Some((STRATEGIC, "Arrests")),
        "arrest, detention, round-up",
    ),
    row(
        EventType::Charge,
        Some("173"),
        Some("COERCE"),
        Some((STRATEGIC, "Other")),
        "charged, indicted, prosecuted",
    ),
    row(
        EventType::Conviction,
        Some("173"),
        Some("COERCE"),
        Some((STRATEGIC, "Other")),
        "convicted, sentenced, jailed (an acquittal is a negated conviction)",
    ),
    row(
        EventType::Release,
        Some("0841"),
        Some("RETREAT"),
        Some((STRATEGIC, "Other")),
        "freed, released, pardoned, bailed",
    ),
    row(
        EventType::Attack,
        Some("180"),
        Some("ASSAULT"),
        Some(("Violence against civilians", "Attack")),
        "shooting, bombing, storming, assault",
    ),
    row(
        EventType::Killing,
        Some("1823"),
        Some("ASSAULT"),
        Some(("Violence against civilians", "Attack")),
        "killed, murdered, assassinated, executed",
    ),
    row(
        EventType::Plot,
        None,
        Some("THREATEN"),
        Some((STRATEGIC, "Other")),
        "alleged plan, conspiracy, coup or assassination plot",
    ),
    row(
        EventType::Espionage,
        Some("1125"),
        Some("ACCUSE"),
        Some((STRATEGIC, "Other")),
        "spying; a spy network exposed",
    ),
    row(
        EventType::Accusation,
        Some("112"),
        Some("ACCUSE"),
        None,
        "accused, blamed, alleged",
    ),
    row(
        EventType::Protest,
        Some("141"),
        Some("PROTEST"),
        Some(("Protests", "Peaceful protest")),
        "protest, demonstration, rally, march, strike, riot",
    ),
    row(
        EventType::HungerStrike,
        Some("142"),
        Some("PROTEST"),
        Some(("Protests", "Peaceful protest")),
        "hunger strike",
    ),
    row(
        EventType::Diplomatic,
        Some("161"),
        Some("SANCTION"),
        Some((STRATEGIC, "Other")),
        "embassy opened, closed, suspended, evacuated; envoy expelled, recalled or summoned",
    ),
    row(
        EventType::Meeting,
        Some("040"),
        Some("CONSULT"),
        None,
        "visit, talks, meeting, hosting, negotiation",
    ),
    row(
        EventType::Military,
        Some("154"),
        Some("MOBILIZE"),
        Some((STRATEGIC, "Other")),
        "exercise, deployment, mobilisation",
    ),
    row(
        EventType::ArmsTransfer,
        Some("072"),
        Some("AID"),
        None,
        "weapons supplied, sold or shipped",
    ),
    row(
        EventType::Statement,
        Some("010"),
        None,
        None,
        "an announcement or declaration that is news in itself",
    ),
    row(
        EventType::Trial,
        Some("173"),
        Some("COERCE"),
        Some((STRATEGIC, "Other")),
        "trial opened, hearing held",
    ),
    row(
        EventType::Raid,
        Some("170"),
        Some("COERCE"),
        Some((STRATEGIC, "Arrests")),
        "police or security raid, search of premises",
    ),
    row(
        EventType::Investigation,
        Some("091"),
        Some("INVESTIGATE"),
        None,
        "investigation or probe opened or widened",
    ),
    row(
        EventType::Deportation,
        Some("174"),
        Some("COERCE"),
        Some((STRATEGIC, "Other")),
        "expelled, deported or extradited individuals",
    ),
    row(
        EventType::Abduction,
        Some("181"),
        Some("ASSAULT"),
        Some((
            "Violence against civilians",
            "Abduction/forced disappearance",
        )),
        "kidnapped, abducted, taken hostage",
    ),
    row(
        EventType::Sanction,
        Some("163"),
        Some("COERCE"),
        None,
        "sanctions, embargo, travel ban, assets frozen",
    ),
    row(
        EventType::Threat,
        Some("130"),
        Some("THREATEN"),
        None,
        "threat or ultimatum",
    ),
    row(
        EventType::Restriction,
        Some("172"),
        Some("COERCE"),
        Some((STRATEGIC, "Other")),
        "curfew, state of emergency, martial law, internet or social-media shutdown, ban on gatherings or a party",
    ),
    row(
        EventType::OfficeChange,
        None,
        None,
        None,
        "resigned, dismissed, appointed, sworn in, removed or impeached",
    ),
    row(
        EventType::Vote,
        None,
        None,
        None,
        "election, referendum, legislative vote",
    ),
    row(
        EventType::Funeral,
        None,
        None,
        None,
        "funeral, burial",
    ),
];

/// The codes of a type.
pub fn codes(kind: EventType) -> &'static Codes {
    TABLE
        .iter()
        .find(|c| c.kind == kind)
        .expect("every event type has a taxonomy row")
}

/// The CAMEO code of a type, as exported in `events.jsonl`.
pub fn cameo(kind: EventType) -> Option<&'static str> {
    codes(kind).cameo
}

/// The type family of a type, the unit linking compares: extensions fold
/// into the nearest type of the contract's minimum set (a trial is a step of
/// a `charge`, a raid of an `arrest`); a type with no such neighbour
/// (a curfew, a resignation, a vote, a funeral) is a family of its own.
pub fn contract_type(kind: EventType) -> EventType {
    match kind {
        EventType::Trial => EventType::Charge,
        EventType::Raid | EventType::Deportation => EventType::Arrest,
        EventType::Investigation => EventType::Accusation,
        EventType::Abduction => EventType::Attack,
        EventType::Sanction => EventType::Diplomatic,
        EventType::Threat => EventType::Statement,
        other => other,
    }
}

/// The contract's sixteen types, the export's `type` values besides `other`.
pub fn in_minimum_set(kind: EventType) -> bool {
    EventType::ALL[..16].contains(&kind)
}

/// The `type` the export writes for a family: its own name when it is one of
/// the contract's sixteen, else `other`, so that consumers that know only the
/// contract's types see every event; the export keeps the finer type as
/// `subtype`.
pub fn export_name(kind: EventType) -> &'static str {
    let family = contract_type(kind);
    if in_minimum_set(family) {
        family.as_str()
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_exactly_one_row() {
        for kind in EventType::ALL {
            assert_eq!(
                TABLE.iter().filter(|c| c.kind == kind).count(),
                1,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn extensions_fold_into_the_minimum_set_or_export_as_other() {
        for kind in EventType::ALL {
            let base = contract_type(kind);
            assert_eq!(contract_type(base), base, "{kind:?}");
            if in_minimum_set(base) {
                assert_eq!(export_name(kind), base.as_str());
            } else {
                assert_eq!(base, kind, "{kind:?} folds outside the minimum set");
                assert_eq!(export_name(kind), "other");
            }
        }
        assert_eq!(export_name(EventType::Raid), "arrest");
        assert_eq!(export_name(EventType::Funeral), "other");
    }

    #[test]
    fn documented_table_matches_the_code() {
        let doc = include_str!("../../../docs/taxonomy.md");
        for c in &TABLE {
            let line = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", c.kind.as_str())))
                .unwrap_or_else(|| panic!("docs/taxonomy.md has no row for {}", c.kind.as_str()));
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(cells[2], c.cameo.unwrap_or("—"), "{line}");
            assert_eq!(cells[3], c.plover.unwrap_or("—"), "{line}");
            assert_eq!(cells[4], c.acled_event.unwrap_or("—"), "{line}");
            assert_eq!(cells[5], c.acled_sub_event.unwrap_or("—"), "{line}");
        }
    }
}
