//! Surface forms of the lexicon's lemmas, so the analyser can skip tagging
//! and parsing sentences that hold no trigger word (most of an article).

use crate::lexicon::Lexicon;
use crate::quotes::SPEECH_VERBS;
use std::collections::{HashMap, HashSet};

pub struct Forms {
    /// Forms of lemmas with a sense that needs no particular companion word.
    pub triggers: HashSet<String>,
    /// Forms of lemmas whose every sense needs one of some companion words
    /// ("open" + "fire"), with the forms of those words.
    pub conditional: HashMap<String, HashSet<String>>,
    pub speech: HashSet<String>,
}

impl Forms {
    pub fn new(lexicon: &Lexicon) -> Forms {
        let mut triggers = HashSet::new();
        let mut conditional: HashMap<String, HashSet<String>> = HashMap::new();
        for (lemma, _, senses) in lexicon.entries() {
            let mut forms = HashSet::new();
            inflect(lemma, &mut forms);
            let required: Vec<Option<Vec<&str>>> =
                senses.iter().map(|s| s.required_words()).collect();
            if required.iter().any(Option::is_none) {
                triggers.extend(forms);
                continue;
            }
            let mut companions = HashSet::new();
            for w in required.into_iter().flatten().flatten() {
                inflect(w, &mut companions);
            }
            for f in forms {
                conditional
                    .entry(f)
                    .or_default()
                    .extend(companions.iter().cloned());
            }
        }
        // A form that is unconditional for one word class is unconditional.
        conditional.retain(|f, _| !triggers.contains(f));
        let mut speech = HashSet::new();
        for lemma in SPEECH_VERBS {
            inflect(lemma, &mut speech);
        }
        Forms {
            triggers,
            conditional,
            speech,
        }
    }

    /// Whether these lower-cased words may hold a trigger.
    pub fn may_trigger(&self, lower: &[String]) -> bool {
        lower.iter().any(|w| {
            self.triggers.contains(w)
                || self
                    .conditional
                    .get(w)
                    .is_some_and(|needs| lower.iter().any(|o| needs.contains(o)))
        })
    }
}

/// Adds a lemma's regular inflections (and irregular ones from the table).
/// Over-generation ("strikeed") is harmless: it only costs a lookup.
fn inflect(lemma: &str, out: &mut HashSet<String>) {
    let l = lemma.to_lowercase();
    let stem = l.strip_suffix('e').unwrap_or(&l);
    let mut add = |s: String| {
        out.insert(s);
    };
    add(l.clone());
    for suffix in ["s", "es", "ed", "d", "ing", "er", "ers"] {
        add(format!("{l}{suffix}"));
    }
    add(format!("{stem}ing"));
    add(format!("{stem}ed"));
    if let Some(y) = l.strip_suffix('y') {
        add(format!("{y}ies"));
        add(format!("{y}ied"));
    }
    // Doubled final consonant: "plotted", "stabbing".
    if let Some(last) = l.chars().last() {
        if !"aeiouywx".contains(last) {
            add(format!("{l}{last}ed"));
            add(format!("{l}{last}ing"));
        }
    }
    for f in storyline_model::verbs::irregular_forms(&l) {
        add(f.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_cover_regular_and_irregular_forms() {
        let forms = Forms::new(&Lexicon::bundled());
        for w in [
            "detained",
            "arrests",
            "plotted",
            "rallied",
            "held",
            "shot",
            "struck",
            "expelling",
            "sentenced",
            "protesters",
            "closure",
            "given",
            "sworn",
            "won",
            "drove",
        ] {
            assert!(
                forms.triggers.contains(w) || forms.conditional.contains_key(w),
                "{w}"
            );
        }
        assert!(forms.speech.contains("said") && forms.speech.contains("told"));
        assert!(!forms.triggers.contains("weather"));
        let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_string).collect() };
        assert!(forms.may_trigger(&words("troops opened fire on the crowd")));
        assert!(!forms.may_trigger(&words("the shop opened on time")));
    }
}
