//! English strong verbs: their past forms, which no suffix rule derives. The event lexicon
//! generates surface forms from them, and the annotator corrects the lemmas a treebank-trained
//! lemmatiser guesses for forms it never saw ("beaten" led to "bet").

/// Past forms of strong verbs the event lexicon and its speech verbs use.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("hold", &["held"]),
    ("take", &["took", "taken"]),
    ("shoot", &["shot"]),
    ("go", &["went", "gone"]),
    ("throw", &["threw", "thrown"]),
    ("break", &["broke", "broken"]),
    ("sell", &["sold"]),
    ("send", &["sent"]),
    ("find", &["found"]),
    ("beat", &["beaten"]),
    ("strike", &["struck", "stricken"]),
    ("meet", &["met"]),
    ("leave", &["left"]),
    ("freeze", &["froze", "frozen"]),
    ("blow", &["blew", "blown"]),
    ("slay", &["slew", "slain"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("say", &["said"]),
    ("tell", &["told"]),
    ("write", &["wrote", "written"]),
    ("speak", &["spoke", "spoken"]),
    ("seek", &["sought"]),
    ("fight", &["fought"]),
    ("lead", &["led"]),
    ("bring", &["brought"]),
    ("plead", &["pled"]),
    ("deal", &["dealt"]),
    ("run", &["ran"]),
    ("give", &["gave", "given"]),
    ("cry", &["cried"]),
    ("fly", &["flew", "flown"]),
    ("swear", &["swore", "sworn"]),
    ("win", &["won"]),
    ("drive", &["drove", "driven"]),
    ("mow", &["mown"]),
    ("overthrow", &["overthrew", "overthrown"]),
];

/// The verb whose past tense or participle `form` (lower case) is, if the table has it
/// ("beaten" → "beat").
pub fn irregular_lemma(form: &str) -> Option<&'static str> {
    IRREGULAR
        .iter()
        .find(|(_, forms)| forms.contains(&form))
        .map(|(lemma, _)| *lemma)
}

/// The irregular past forms of `lemma` (lower case), none when the table lacks it.
pub fn irregular_forms(lemma: &str) -> &'static [&'static str] {
    IRREGULAR
        .iter()
        .find(|(base, _)| *base == lemma)
        .map_or(&[], |(_, forms)| forms)
}
