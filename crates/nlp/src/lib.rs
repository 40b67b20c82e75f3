//! The linguistic pipeline over one [`Doc`]: tokens and sentences
//! (storyline-text), part of speech, lemmas and dependencies (storyline-ud),
//! then named entities (storyline-ner). Each stage only adds to the `Doc`;
//! every position stays a byte span into the text.

use storyline_model::doc::{Doc, Entity, EntityLabel, Sentence, Token};
use storyline_model::Span;
use storyline_ner::{EntityType, NerModel};
use storyline_text::Segmenter;
use storyline_ud::{Lemmatizer, Parser, Tagger, UdModels};

/// Models trained by `storyline train ud` (UD English EWT train) and `storyline train ner`
/// (CoNLL-2003 eng.train, GeoNames, word clusters from the unlabeled news corpora).
static TAGGER: &[u8] = include_bytes!("../../ud/models/tagger.bin");
static LEMMATIZER: &[u8] = include_bytes!("../../ud/models/lemmatizer.bin");
static PARSER: &[u8] = include_bytes!("../../ud/models/parser.bin");
static NER: &[u8] = include_bytes!("../../ner/models/ner.bin");
/// The same recogniser trained also on web text (Universal NER English EWT): reviews,
/// forums and e-mail follow other conventions than wire news.
static NER_WEB: &[u8] = include_bytes!("../../ner/models/ner-web.bin");

/// The named-entity model for web text (`storyline eval ner` picks it for Universal NER
/// files). Articles go through [`Annotator`]'s news model.
pub fn web_ner() -> Result<NerModel, String> {
    NerModel::from_bytes(NER_WEB).map_err(|e| format!("ner-web model: {e}"))
}

pub struct Annotator {
    segmenter: Segmenter,
    ud: UdModels,
    ner: NerModel,
}

fn label(t: EntityType) -> EntityLabel {
    match t {
        EntityType::Per => EntityLabel::Per,
        EntityType::Org => EntityLabel::Org,
        EntityType::Loc => EntityLabel::Loc,
        EntityType::Misc => EntityLabel::Misc,
    }
}

impl Annotator {
    /// The models shipped in the binary.
    pub fn bundled() -> Result<Annotator, String> {
        Ok(Annotator {
            segmenter: Segmenter::bundled()?,
            ud: UdModels {
                tagger: Tagger::from_bytes(TAGGER).map_err(|e| format!("tagger model: {e}"))?,
                lemmatizer: Lemmatizer::from_bytes(LEMMATIZER)
                    .map_err(|e| format!("lemmatizer model: {e}"))?,
                parser: Parser::from_bytes(PARSER).map_err(|e| format!("parser model: {e}"))?,
            },
            ner: NerModel::from_bytes(NER).map_err(|e| format!("NER model: {}", e.0))?,
        })
    }

    pub fn ud(&self) -> &UdModels {
        &self.ud
    }

    pub fn ner(&self) -> &NerModel {
        &self.ner
    }

    /// Tokens, sentences, tags, lemmas, dependencies and entities of `text`.
    pub fn annotate(&self, text: &str) -> Doc {
        self.annotate_with(text, &|_| true)
    }

    /// Like [`Annotator::annotate`], but parses only the sentences whose
    /// tagged tokens `parse_if` accepts; the others keep tags, lemmas and
    /// entities with empty heads and relations. Parsing is the costliest
    /// stage, and a consumer such as the event extractor needs the tree only
    /// where a trigger word occurs.
    pub fn annotate_with(&self, text: &str, parse_if: &dyn Fn(&[Token]) -> bool) -> Doc {
        let doc = self.segmenter.annotate(text);
        self.annotate_doc(doc, &|_| true, parse_if)
    }

    /// Like [`Annotator::annotate_with`], and also tags only the sentences
    /// whose words `tag_if` accepts (the rest keep empty tags and lemmas;
    /// entities are found everywhere, since the recogniser reads words).
    pub fn annotate_selected(
        &self,
        text: &str,
        tag_if: &dyn Fn(&[&str]) -> bool,
        parse_if: &dyn Fn(&[Token]) -> bool,
    ) -> Doc {
        let doc = self.segmenter.annotate(text);
        self.annotate_doc(doc, tag_if, parse_if)
    }

    /// Annotates given tokens and sentences (byte spans into `text`), as
    /// when scoring against a corpus with gold tokenisation.
    pub fn annotate_tokens(&self, text: &str, sentences: &[Vec<Span>]) -> Doc {
        let mut doc = Doc {
            text: text.to_string(),
            ..Doc::default()
        };
        for words in sentences {
            let first = doc.tokens.len();
            doc.tokens.extend(words.iter().map(|&span| Token {
                span,
                ..Token::default()
            }));
            if let (Some(a), Some(b)) = (words.first(), words.last()) {
                doc.sentences.push(Sentence {
                    span: Span::new(a.start, b.end),
                    tokens: first..doc.tokens.len(),
                });
            }
        }
        self.annotate_doc(doc, &|_| true, &|_| true)
    }

    fn annotate_doc(
        &self,
        mut doc: Doc,
        tag_if: &dyn Fn(&[&str]) -> bool,
        parse_if: &dyn Fn(&[Token]) -> bool,
    ) -> Doc {
        let text = doc.text.clone();
        let sentence_words: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| {
                doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.span.of(&text))
                    .collect()
            })
            .collect();
        for (s, original) in doc.sentences.clone().iter().zip(&sentence_words) {
            let first = s.tokens.start;
            if !tag_if(original) {
                continue;
            }
            // The tagger and parser see "march" in lower case as "walk": news writes the
            // month with a capital, and the models, trained on web text that often does
            // not, read "to march on the palace" and "hundreds of Sadrists march" as the
            // month. "walk" is a noun and a verb in the same places and names no date.
            let proxies: Vec<&str> = original
                .iter()
                .map(|&w| if w == "march" { "walk" } else { w })
                .collect();
            let words = &proxies;
            let mut tags = self.ud.tagger.tag(words);
            // A time phrase that opens the sentence without a comma is set off by one, for
            // the tagger and the parser alike (see [`fronted_time_end`]); the comma is
            // dropped again from what the tokens keep.
            let comma = fronted_time_end(words, &tags).map(|at| {
                let mut with: Vec<&str> = words.clone();
                with.insert(at, ",");
                let mut with_tags = self.ud.tagger.tag(&with);
                retag_verb_read_as_noun(&with, &mut with_tags);
                (at, with, with_tags)
            });
            if let Some((at, _, with_tags)) = &comma {
                tags = [&with_tags[..*at], &with_tags[*at + 1..]].concat();
            }
            retag_verb_read_as_noun(words, &mut tags);
            for (k, t) in tags.iter().enumerate() {
                let token = &mut doc.tokens[first + k];
                token.upos = t.upos.as_str().to_owned();
                token.xpos = t.xpos.to_owned();
                token.lemma = past_of_strong_verb(original[k], t.xpos).map_or_else(
                    || self.ud.lemmatizer.lemmatize(original[k], t.upos, t.xpos),
                    str::to_owned,
                );
            }
            if !parse_if(&doc.tokens[s.tokens.clone()]) {
                continue;
            }
            // A dateline is parsed apart from the sentence it opens: read as
            // one clause, "VELMORA, May 17 (Meridian) - Kaldoria recalled ..."
            // loses its subject and main verb to the place name.
            let timeline = timeline_lead_len(words);
            let split = storyline_model::doc::dateline_len(words)
                .or(timeline)
                .unwrap_or(0);
            let mut roots = [None, None];
            for (part, range) in [(0, 0..split), (1, split..words.len())] {
                if range.is_empty() {
                    continue;
                }
                let offset = first + range.start;
                let parsed = match &comma {
                    // The phrase opens the sentence, so there is no dateline part before it.
                    Some((at, with, with_tags)) if split == 0 => {
                        without_comma(self.ud.parse(with, with_tags), *at)
                    }
                    _ => self.ud.parse(&words[range.clone()], &tags[range]),
                };
                for (k, d) in parsed.into_iter().enumerate() {
                    let token = &mut doc.tokens[offset + k];
                    token.head = (d.head > 0).then(|| offset + d.head - 1);
                    token.deprel = d.deprel.to_owned();
                    if d.head == 0 {
                        roots[part] = Some(offset + k);
                    }
                }
            }
            if let [Some(dateline), Some(body)] = roots {
                doc.tokens[dateline].head = Some(body);
                // A timeline entry's date is the day of what follows it.
                doc.tokens[dateline].deprel = if timeline.is_some() {
                    "obl:unmarked"
                } else {
                    "parataxis"
                }
                .to_owned();
            }
            repair_past_read_as_present(&mut doc.tokens[s.tokens.clone()], words);
            repair_verb_read_as_modifier(&mut doc.tokens, s.tokens.clone());
            repair_verbless_root(&mut doc.tokens, s.tokens.clone());
            repair_past_read_as_participle(&mut doc.tokens, s.tokens.clone());
            repair_subject_under_oblique(&mut doc.tokens, s.tokens.clone());
            repair_subject_read_as_apposition(&mut doc.tokens, s.tokens.clone());
            repair_second_argument_after_comma(&mut doc.tokens, s.tokens.clone());
            repair_title_read_as_second_argument(&mut doc.tokens, s.tokens.clone());
            repair_number_on_classifying_possessive(&mut doc.tokens, s.tokens.clone());
            repair_bound_read_as_argument(&mut doc.tokens, s.tokens.clone());
            repair_object_read_as_oblique(&mut doc.tokens, s.tokens.clone());
            repair_clause_read_as_phrase(&mut doc.tokens, s.tokens.clone());
            repair_report_read_as_relative(&mut doc.tokens, s.tokens.clone());
            repair_speech_read_as_participle(&mut doc.tokens, s.tokens.clone());
            repair_fronted_phrase_read_as_parataxis(&mut doc.tokens, s.tokens.clone());
            repair_phrase_before_complementizer(&mut doc.tokens, s.tokens.clone());
            repair_active_read_as_passive(&mut doc.tokens, s.tokens.clone());
            for k in repair_verb_read_as_adjective(&mut doc.tokens, s.tokens.clone()) {
                let token = &mut doc.tokens[k];
                token.lemma = self.ud.lemmatizer.lemmatize(
                    words[k - first],
                    storyline_ud::Upos::Verb,
                    &token.xpos,
                );
            }
        }
        // The recogniser reads words as CoNLL-2003 writes them, a hyphenated word whole
        // ("Hewlett-Packard", "Pui-man"), where UD English splits it: fed the parts, it cut
        // "Chan Pui-man" to "Chan Pui" and "OVD-Info" to "OVD".
        let groups: Vec<Vec<std::ops::Range<usize>>> = doc
            .sentences
            .iter()
            .map(|s| hyphen_groups(&doc.tokens[s.tokens.clone()], &text))
            .collect();
        let ner_words: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .zip(&groups)
            .map(|(s, g)| {
                let tokens = &doc.tokens[s.tokens.clone()];
                g.iter()
                    .map(|r| &text[tokens[r.start].span.start..tokens[r.end - 1].span.end])
                    .collect()
            })
            .collect();
        let tags = self.ner.predict_document(&ner_words);
        let mut entities = Vec::new();
        for ((s, sentence_tags), g) in doc.sentences.iter().zip(&tags).zip(&groups) {
            let on_tokens = storyline_ner::spans(sentence_tags)
                .into_iter()
                .map(|e| storyline_ner::EntitySpan {
                    start: g[e.start].start,
                    end: g[e.end - 1].end,
                    ..e
                })
                .collect();
            let sentence_tokens = &doc.tokens[s.tokens.clone()];
            let spans = join_attached_names(sentence_tokens, &doc.text, on_tokens);
            let spans = name_spelled_out_before_acronym(sentence_tokens, &doc.text, spans);
            for e in spans {
                let (a, b) = (s.tokens.start + e.start, s.tokens.start + e.end);
                entities.push(Entity {
                    span: Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
                    tokens: a..b,
                    label: label(e.kind),
                });
            }
        }
        doc.entities = entities;
        doc
    }
}

/// Nouns that name a time ("On Friday evening", "Last week"), besides calendar names.
const TIME_NOUNS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "dawn",
    "midnight",
    "noon",
    "weekend",
    "week",
    "month",
    "year",
];

/// Other words a time phrase that opens a sentence may hold ("In the early hours of Monday").
const TIME_PHRASE_FILLERS: &[&str] = &[
    "the", "early", "late", "last", "this", "next", "of", "day", "hours",
];

/// Prepositions and adverbs that open a fronted time phrase.
const TIME_PHRASE_OPENERS: &[&str] = &[
    "on", "in", "at", "during", "since", "until", "by", "last", "this", "early", "late", "earlier",
    "later",
];

/// Where a comma would close a time phrase that opens the sentence without one: "On Monday
/// police arrested 12 people" gives 2. `None` when the sentence does not open so, the phrase
/// names no day, month or part of a day, or a comma or a verb already follows it.
fn fronted_time_end(words: &[&str], tags: &[storyline_ud::PosTag<'_>]) -> Option<usize> {
    use storyline_ud::Upos;
    let lower = |k: usize| words[k].to_lowercase();
    if !TIME_PHRASE_OPENERS.contains(&lower(0).as_str()) {
        return None;
    }
    let mut k = 1;
    let mut names_time = false;
    while k < words.len() {
        let w = lower(k);
        let names = storyline_model::is_calendar_name(&w) || TIME_NOUNS.contains(&w.as_str());
        let number = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
        if !(names || number || TIME_PHRASE_FILLERS.contains(&w.as_str())) {
            break;
        }
        names_time |= names;
        k += 1;
    }
    let next = tags.get(k)?;
    let word_follows = matches!(
        next.upos,
        Upos::Noun | Upos::Propn | Upos::Pron | Upos::Det | Upos::Num | Upos::Adj
    );
    let open_ended = matches!(lower(k - 1).as_str(), "of" | "the");
    (names_time && k >= 2 && word_follows && !open_ended).then_some(k)
}

/// The parse of a sentence into which a comma was set at word `at` (0-based), with the comma
/// taken out again. The treebank the parser learnt from nearly always writes a comma after a
/// fronted time phrase, and without it the parser reads the phrase as the subject's modifier
/// ("On Monday police arrested ...": "Monday" a compound of "police", and "police" an
/// oblique). Nothing depends on the comma but punctuation; a word that did hangs on the
/// comma's head instead.
fn without_comma(parsed: Vec<storyline_ud::Dep<'_>>, at: usize) -> Vec<storyline_ud::Dep<'_>> {
    // Heads are 1-based in the longer sentence; the comma is word `at + 1`.
    let comma = at + 1;
    let comma_head = parsed[at].head;
    let back = |h: usize| {
        let h = if h == comma { comma_head } else { h };
        if h > comma {
            h - 1
        } else {
            h
        }
    };
    parsed
        .into_iter()
        .enumerate()
        .filter(|&(k, _)| k != at)
        .map(|(_, d)| storyline_ud::Dep {
            head: back(d.head),
            deprel: d.deprel,
        })
        .collect()
}

/// The sentence's tokens grouped into the recogniser's words: a run of words joined by
/// hyphens written without spaces ("Kim", "-", "Jong", "-", "un") is one word; every other
/// token is a word of its own. Ranges are token indices within the sentence.
fn hyphen_groups(tokens: &[Token], text: &str) -> Vec<std::ops::Range<usize>> {
    let touching = |a: usize, b: usize| tokens[a].span.end == tokens[b].span.start;
    let is_word = |k: usize| {
        tokens[k]
            .span
            .of(text)
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    };
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let start = k;
        while k + 2 < tokens.len()
            && is_word(k)
            && tokens[k + 1].span.of(text) == "-"
            && touching(k, k + 1)
            && touching(k + 1, k + 2)
            && is_word(k + 2)
        {
            k += 2;
        }
        out.push(start..k + 1);
        k += 1;
    }
    out
}

/// Names the tokenizer splits at a hyphen, as UD English does, and the recogniser then tags
/// in parts. "Moqtada al-Sadr", "Bassem al-Awadi" ("Moqtada al" a place, "Sadr" a person): a
/// name written with the Arabic article attached ("al-" or "el-", no spaces) is one name; the
/// part before it joins the part after it, which gives the type, and a lone "al-Sadr" keeps
/// its article. "Hossein Amir-Abdollahian" ("Abdollahian" an organisation): a person's name
/// runs on through an attached hyphen into a part typed otherwise. "Rex Masai" tagged as two
/// people side by side is one.
fn join_attached_names(
    tokens: &[Token],
    text: &str,
    spans: Vec<storyline_ner::EntitySpan>,
) -> Vec<storyline_ner::EntitySpan> {
    let word = |k: usize| tokens[k].span.of(text);
    // "al" "-" at k, k+1, written together with the word after them.
    let article_at = |k: usize| {
        k + 2 < tokens.len()
            && matches!(word(k).to_ascii_lowercase().as_str(), "al" | "el")
            && word(k + 1) == "-"
            && tokens[k].span.end == tokens[k + 1].span.start
            && tokens[k + 1].span.end == tokens[k + 2].span.start
    };
    let mut out: Vec<storyline_ner::EntitySpan> = Vec::with_capacity(spans.len());
    for e in spans {
        let start = if e.start >= 2 && article_at(e.start - 2) {
            e.start - 2
        } else {
            e.start
        };
        // The part before the article joins, whether or not the recogniser took the article.
        if let Some(prev) = out
            .last_mut()
            .filter(|p| start < e.start && p.end >= start && p.end <= e.start)
        {
            prev.end = e.end;
            prev.kind = e.kind;
            continue;
        }
        // "Hossein Amir-Abdollahian": a person's name runs on through a hyphen written
        // without spaces, into a part the recogniser typed otherwise. Two people joined by
        // a hyphen ("the Trump-Kim summit") stay two.
        if let Some(prev) = out.last_mut().filter(|p| {
            p.kind == storyline_ner::EntityType::Per
                && e.kind != storyline_ner::EntityType::Per
                && p.end + 1 == e.start
                && word(p.end) == "-"
                && tokens[p.end - 1].span.end == tokens[p.end].span.start
                && tokens[p.end].span.end == tokens[e.start].span.start
        }) {
            prev.end = e.end;
            continue;
        }
        // "Rex Masai" tagged as two people, one word each: two names side by side with
        // nothing between them are one name (two people are listed with a comma or "and").
        if let Some(prev) = out.last_mut().filter(|p| {
            p.kind == storyline_ner::EntityType::Per
                && e.kind == storyline_ner::EntityType::Per
                && p.end == e.start
        }) {
            prev.end = e.end;
            continue;
        }
        out.push(storyline_ner::EntitySpan { start, ..e });
    }
    out
}

/// Small words a name may hold in lower case, which its acronym may spell or skip: "Alternative
/// for Democratic Change (MDC)", "Unidad Nacional Azul y Blanco (UNAB)".
const NAME_LINK_WORDS: &[&str] = &[
    "of", "for", "the", "and", "in", "on", "to", "at", "de", "del", "des", "du", "la", "le", "y",
    "e", "et", "di", "da", "do", "dos", "das", "von", "van", "der", "al", "el",
];

/// Where a name spelt out before its acronym starts: the first of the words before `end` whose
/// initials, read in order, are the acronym's letters. Every capitalised word gives its
/// initial; a small lower-case word ([`NAME_LINK_WORDS`]) may give its initial or be passed
/// over; anything else (a comma, another lower-case word) ends the search. The name must open
/// with a capitalised word.
fn spelled_out_start(words: &[&str], end: usize, letters: &[char]) -> Option<usize> {
    // Matches `letters` against the words before `end`, from the last letter and word back.
    fn back(words: &[&str], end: usize, letters: &[char]) -> Option<usize> {
        let (&last, rest) = letters.split_last()?;
        let k = end.checked_sub(1)?;
        let word = words[k];
        let first = word.chars().next()?;
        let initial = first.to_lowercase().next() == last.to_lowercase().next();
        if first.is_uppercase() && word.chars().any(char::is_alphabetic) {
            if !initial {
                return None;
            }
            return if rest.is_empty() {
                Some(k)
            } else {
                back(words, k, rest)
            };
        }
        if !NAME_LINK_WORDS.contains(&word) {
            return None;
        }
        // A small word spells its letter only inside the name, never as its first word.
        let spelt = if initial && !rest.is_empty() {
            back(words, k, rest)
        } else {
            None
        };
        spelt.or_else(|| back(words, k, letters))
    }
    back(words, end, letters)
}

/// "the Samagi Jana Balawegaya (SJB)", "the Coalition for Press Freedom in the Middle East
/// (CPFME)": the recogniser cut the first into a MISC word and a person, and found only a place
/// in the second, yet the
/// writer has said that the words before the bracket are one name, the acronym's. A name whose
/// initials spell the acronym in brackets after it becomes one entity of the acronym's type,
/// replacing the entities inside it.
fn name_spelled_out_before_acronym(
    tokens: &[Token],
    text: &str,
    mut spans: Vec<storyline_ner::EntitySpan>,
) -> Vec<storyline_ner::EntitySpan> {
    let words: Vec<&str> = tokens.iter().map(|t| t.span.of(text)).collect();
    for k in 1..words.len().saturating_sub(2) {
        let acronym = words[k + 1];
        let letters: Vec<char> = acronym.chars().collect();
        let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
        if words[k] != "("
            || words[k + 2] != ")"
            || !(2..=8).contains(&letters.len())
            || capitals < 2
            || !letters[0].is_uppercase()
            || !letters.iter().all(|c| c.is_alphabetic())
        {
            continue;
        }
        let Some(start) = spelled_out_start(&words, k, &letters) else {
            continue;
        };
        if k - start < 2 {
            continue;
        }
        // The acronym's type; untagged or MISC, a name with capitalised words outside every
        // entity is an organisation's ("Coalition for Press Freedom in the Middle East" holds
        // a place, which is not what it is), and otherwise the name's last entity gives it.
        let inside: Vec<&storyline_ner::EntitySpan> = spans
            .iter()
            .filter(|e| e.start >= start && e.end <= k)
            .collect();
        // A name the recogniser already found whole keeps its type, and gives it to an acronym
        // read as MISC ("the Research and Analysis Wing (RAW)": "RAW" alone looked like MISC).
        if inside.len() == 1 && inside[0].start == start && inside[0].end == k {
            let kind = inside[0].kind;
            if let Some(e) = spans
                .iter_mut()
                .find(|e| e.start == k + 1 && e.end == k + 2)
                .filter(|e| e.kind == storyline_ner::EntityType::Misc)
            {
                e.kind = kind;
            }
            continue;
        }
        let acronym_kind = spans
            .iter()
            .find(|e| e.start == k + 1 && e.end == k + 2)
            .map(|e| e.kind);
        let kind = match acronym_kind {
            Some(kind) if kind != storyline_ner::EntityType::Misc => kind,
            _ if inside.is_empty() => match acronym_kind {
                Some(kind) => kind,
                None => continue,
            },
            _ if (start..k).any(|w| {
                words[w].starts_with(char::is_uppercase)
                    && !inside.iter().any(|e| (e.start..e.end).contains(&w))
            }) =>
            {
                storyline_ner::EntityType::Org
            }
            _ => inside[inside.len() - 1].kind,
        };
        // Entities reaching into the name from outside it are left alone: the name is not
        // cut out of a longer one.
        if spans
            .iter()
            .any(|e| e.start < k && e.end > start && (e.start < start || e.end > k))
        {
            continue;
        }
        spans.retain(|e| e.end <= start || e.start >= k);
        let at = spans.partition_point(|e| e.start < start);
        spans.insert(
            at,
            storyline_ner::EntitySpan {
                start,
                end: k,
                kind,
            },
        );
    }
    spans
}

/// "Police shot dead 14 strikers", "its air defences shot down the drone": after a plural
/// noun the tagger reads "shot" as a noun of a compound ("defences shot"), and the parser
/// then finds no verb, so the killing is lost. "Shot" is a verb in "shot dead" and "shot
/// down" when it follows a word that can be its subject; a noun "shot" comes after a
/// determiner or an adjective ("a shot down the corridor", "a warning shot down"). Retagged
/// before the parse, so the parser builds the clause on the verb.
fn retag_verb_read_as_noun(words: &[&str], tags: &mut [storyline_ud::PosTag<'_>]) {
    use storyline_ud::Upos;
    for k in 1..words.len().saturating_sub(1) {
        // "a warning shot down the street": a noun after "a" is the shot's modifier.
        let after_article = k >= 2 && matches!(words[k - 2].to_lowercase().as_str(), "a" | "an");
        let subject_before =
            matches!(tags[k - 1].upos, Upos::Noun | Upos::Propn | Upos::Pron) && !after_article;
        if tags[k].upos == Upos::Noun
            && words[k].eq_ignore_ascii_case("shot")
            && matches!(words[k + 1].to_lowercase().as_str(), "dead" | "down")
            && subject_before
        {
            tags[k] = storyline_ud::PosTag {
                upos: Upos::Verb,
                xpos: "VBD",
            };
        }
    }
}

/// "Security forces shot dead 14 protesters on Monday" with "shot" tagged as a present: a
/// present tense other than "be" is the bare verb ("they shoot"), so a form unlike its lemma
/// is a past, and "on Monday" is the Monday before. `words` are the sentence's words, one per
/// token.
fn repair_past_read_as_present(tokens: &mut [Token], words: &[&str]) {
    for (token, word) in tokens.iter_mut().zip(words) {
        let word = word.to_lowercase();
        if token.xpos == "VBP"
            && !matches!(token.lemma.as_str(), "be" | "have" | "do")
            && !word.starts_with('\'')
            && word != token.lemma.to_lowercase()
        {
            token.xpos = "VBD".to_owned();
        }
    }
}

/// "Peskov said on 22 September that the summonses were legal": the parser sometimes hangs
/// the speech verb's time or place phrase on the head of its "that" clause. A clause opens
/// with its "that", so a phrase between the verb and the "that" is the verb's (in EWT's gold
/// this holds in every sentence of dev and all but one of train).
fn repair_phrase_before_complementizer(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for h in sentence.clone() {
        if !tokens[h].deprel.starts_with("ccomp") {
            continue;
        }
        let Some(verb) = tokens[h].head else { continue };
        let Some(mark) = sentence.clone().find(|&c| {
            tokens[c].head == Some(h)
                && tokens[c].deprel == "mark"
                && tokens[c].lemma.eq_ignore_ascii_case("that")
        }) else {
            continue;
        };
        // A "that" before the verb ("that, he said, was ...") opens no phrase after it.
        for token in tokens.iter_mut().take(mark).skip(verb + 1) {
            let rel = token.deprel.as_str();
            if token.head == Some(h)
                && (rel.starts_with("obl") || matches!(rel, "advmod" | "obj" | "iobj"))
            {
                token.head = Some(verb);
            }
        }
    }
}

/// "On Tuesday the Russian envoy was summoned": after a fronted phrase with
/// no comma the parser sometimes hangs the subject on that phrase's noun. An
/// oblique is no predicate (it has no copula), so its "subject" is the
/// subject of the verb it modifies, when that verb has none.
fn repair_subject_under_oblique(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for k in sentence.clone() {
        let Some(h) = tokens[k].head else { continue };
        if !tokens[k].deprel.starts_with("nsubj")
            || !tokens[h].deprel.starts_with("obl")
            || !matches!(tokens[h].upos.as_str(), "NOUN" | "PROPN" | "NUM")
        {
            continue;
        }
        let Some(verb) = tokens[h].head else { continue };
        let has = |tokens: &[Token], x: usize, rel: &str| {
            sentence
                .clone()
                .any(|c| tokens[c].head == Some(x) && tokens[c].deprel.starts_with(rel))
        };
        if has(tokens, h, "cop") || has(tokens, verb, "nsubj") || has(tokens, verb, "csubj") {
            continue;
        }
        tokens[k].head = Some(verb);
    }
}

/// "Earlier on Thursday, hundreds of people who had gathered outside moved on to the party's
/// headquarters": after a fronted phrase set off by a comma the parser sometimes reads the
/// subject as an apposition of that phrase and leaves the verb without one. A finite verb has
/// a subject, so a noun phrase hung on a word before it as an apposition, opened by a comma
/// and running up to a finite verb without a subject (adverbs between), is that verb's
/// subject, when the word it hung on lies under the verb.
fn repair_subject_read_as_apposition(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for k in sentence.clone() {
        // "By Wednesday evening, 684 of the people ... had been freed" hangs the number on
        // the time noun as a bare modifier instead.
        if !matches!(
            tokens[k].deprel.as_str(),
            "appos" | "nmod:unmarked" | "nmod:npmod"
        ) || !matches!(tokens[k].upos.as_str(), "NOUN" | "PROPN" | "NUM")
        {
            continue;
        }
        let Some(h) = tokens[k].head.filter(|&h| h < k) else {
            continue;
        };
        let phrase: Vec<usize> = sentence
            .clone()
            .filter(|&c| tokens[c].upos != "PUNCT" && dominates(tokens, &sentence, k, c))
            .collect();
        let (Some(&first), Some(&last)) = (phrase.iter().min(), phrase.iter().max()) else {
            continue;
        };
        if first == sentence.start || tokens[first - 1].xpos != "," {
            continue;
        }
        // Adverbs and auxiliaries may stand between ("had been freed").
        let Some(verb) =
            (last + 1..sentence.end).find(|&c| !matches!(tokens[c].upos.as_str(), "ADV" | "AUX"))
        else {
            continue;
        };
        let finite_aux = (last + 1..verb).any(|c| {
            tokens[c].upos == "AUX"
                && tokens[c].head == Some(verb)
                && matches!(tokens[c].xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD")
        });
        let finite = tokens[verb].upos == "VERB"
            && (matches!(tokens[verb].xpos.as_str(), "VBD" | "VBZ" | "VBP") || finite_aux);
        let passive = has_dep(tokens, &sentence, verb, "aux:pass");
        if !finite
            || has_dep(tokens, &sentence, verb, "nsubj")
            || has_dep(tokens, &sentence, verb, "csubj")
            || has_dep(tokens, &sentence, verb, "expl")
            || !dominates(tokens, &sentence, verb, h)
        {
            continue;
        }
        let saved = tokens[sentence.clone()].to_vec();
        tokens[k].head = Some(verb);
        tokens[k].deprel = if passive { "nsubj:pass" } else { "nsubj" }.to_owned();
        keep_if_tree(tokens, sentence.clone(), &saved);
    }
}

/// "Police detained at least 12 people": the "at" of "at least" leads the parser to read the
/// object as an oblique. An oblique has a preposition of its own; a noun hung after a verb as
/// "obl" with none, whose number holds the only one ("at least", "at most"), is the verb's
/// object when the verb has none. Nouns of time and measure are obliques without a
/// preposition ("lasted at least two hours") and stay.
fn repair_object_read_as_oblique(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let marked_bound = |tokens: &[Token], number: usize| {
        sentence.clone().any(|m| {
            tokens[m].head == Some(number)
                && tokens[m].deprel == "nmod"
                && has_dep(tokens, &sentence, m, "case")
        })
    };
    for k in sentence.clone() {
        if !matches!(tokens[k].deprel.as_str(), "obl" | "obl:agent")
            || !matches!(tokens[k].upos.as_str(), "NOUN" | "PROPN")
            || storyline_quantity::is_unit_word(&tokens[k].lemma.to_lowercase())
        {
            continue;
        }
        let Some(verb) = tokens[k]
            .head
            .filter(|&v| v < k && tokens[v].upos == "VERB")
        else {
            continue;
        };
        if has_dep(tokens, &sentence, k, "case") || has_dep(tokens, &sentence, verb, "obj") {
            continue;
        }
        // A counted noun with no preposition: "at least 12 people", or a number read past a
        // classifying possessive ("12 women's rights advocates", read as an agent).
        let bounded = sentence.clone().any(|n| {
            tokens[n].head == Some(k)
                && tokens[n].deprel == "nummod"
                && (marked_bound(tokens, n) || tokens[k].deprel == "obl:agent")
        });
        if bounded || name_right_after_verb(tokens, &sentence, k, verb) {
            tokens[k].deprel = "obj".to_owned();
        }
    }
}

/// "detained at least 11 women's rights campaigners": the parser hangs the number on the
/// possessive ("11 women"). A possessive with a compound between it and its noun ("women's
/// rights", "children's welfare") classifies the noun rather than owning it, so the number
/// before it counts the noun: 11 campaigners. A possessive right before its noun ("two
/// countries' leaders") is left alone, since there the number may count the owners.
fn repair_number_on_classifying_possessive(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for n in sentence.clone() {
        if tokens[n].deprel != "nummod" {
            continue;
        }
        let Some(owner) = tokens[n].head.filter(|&o| o > n && sentence.contains(&o)) else {
            continue;
        };
        if tokens[owner].deprel != "nmod:poss" || !has_dep(tokens, &sentence, owner, "case") {
            continue;
        }
        let Some(noun) = tokens[owner].head.filter(|&h| h > owner + 1) else {
            continue;
        };
        let classified = (owner + 1..noun).any(|c| {
            tokens[c].head == Some(noun)
                && tokens[c].deprel == "compound"
                && tokens[c].upos == "NOUN"
        });
        if classified && tokens[noun].upos == "NOUN" {
            tokens[n].head = Some(noun);
            // "a dozen women's rights advocates": the article is the number's.
            if n > sentence.start
                && tokens[n - 1].deprel == "det"
                && tokens[n - 1].head == Some(owner)
            {
                tokens[n - 1].head = Some(n);
            }
        }
    }
}

/// "have detained more than a dozen women's rights advocates", "More than 2,000 troops were
/// flown in": the parser sometimes takes "more" for the object or subject, with the people
/// after "than" an oblique beside it or under it. A bound on a count ("more than", "fewer
/// than", "less than") is one phrase with its number, as EWT hangs it ("more" an advmod of the
/// number, "than" fixed to it), and the counted noun takes the bound's place in the clause.
fn repair_bound_read_as_argument(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for k in sentence.clone() {
        let bound = tokens[k].lemma.to_lowercase();
        let role = tokens[k].deprel.clone();
        if !matches!(role.as_str(), "obj" | "nsubj" | "nsubj:pass")
            || !matches!(bound.as_str(), "more" | "fewer" | "less")
        {
            continue;
        }
        let than = k + 1;
        if !sentence.contains(&than) || !tokens[than].lemma.eq_ignore_ascii_case("than") {
            continue;
        }
        // The counted noun: the next noun with a number, hung beside the bound as an oblique
        // ("than" its case) or under it.
        let Some(noun) = (than + 1..sentence.end).find(|&n| {
            matches!(tokens[n].upos.as_str(), "NOUN" | "PROPN")
                && ((tokens[n].deprel == "obl" && tokens[n].head == tokens[k].head)
                    || (matches!(tokens[n].deprel.as_str(), "obl" | "nmod")
                        && tokens[n].head == Some(k)))
        }) else {
            continue;
        };
        let than_fits = match tokens[than].deprel.as_str() {
            "case" => tokens[than].head == Some(noun),
            "fixed" => tokens[than].head == Some(k),
            _ => false,
        };
        if !than_fits {
            continue;
        }
        let Some(number) = (than + 1..noun)
            .find(|&n| tokens[n].head == Some(noun) && tokens[n].deprel == "nummod")
        else {
            continue;
        };
        let saved = tokens[sentence.clone()].to_vec();
        tokens[noun].head = tokens[k].head;
        tokens[noun].deprel = role;
        for d in sentence.clone() {
            // What hung on the bound as a clause's argument goes with the noun's new place.
            if d != than && d != noun && tokens[d].head == Some(k) {
                tokens[d].head = Some(noun);
            }
        }
        tokens[k].head = Some(number);
        tokens[k].deprel = "advmod".to_owned();
        tokens[than].head = Some(k);
        tokens[than].deprel = "fixed".to_owned();
        keep_if_tree(tokens, sentence.clone(), &saved);
    }
}

/// "Germany summoned Russian Ambassador Sergei Nechayev the following day": a name whose
/// phrase starts right after the verb, hung on it as a bare "obl" with no preposition. In
/// EWT's gold a name there is the object (412 times in train) or another core argument, and
/// never a bare oblique; only a day or month name goes without a preposition ("alleged
/// Thursday"), and EWT marks those `obl:unmarked`, which the parser sometimes leaves as
/// "obl". So the name is the object unless it names a time or is a speaker put last.
fn name_right_after_verb(
    tokens: &[Token],
    sentence: &std::ops::Range<usize>,
    name: usize,
    verb: usize,
) -> bool {
    // A name after a verb of saying with no subject of its own is the speaker put last
    // ("... , said Dunn"), not an object.
    let inverted_speaker = !has_dep(tokens, sentence, verb, "nsubj")
        && (has_dep(tokens, sentence, verb, "ccomp")
            || has_dep(tokens, sentence, verb, "parataxis"));
    if tokens[name].upos != "PROPN" || inverted_speaker {
        return false;
    }
    let in_phrase = |mut t: usize| loop {
        if t == name {
            return true;
        }
        match tokens[t].head {
            Some(h) if sentence.contains(&h) && h != t => t = h,
            _ => return false,
        }
    };
    let starts_after_verb = verb + 1 == name || (verb + 1 < name && in_phrase(verb + 1));
    let timely = (verb + 1..=name)
        .any(|t| tokens[t].upos == "PROPN" && storyline_model::is_calendar_name(&tokens[t].lemma));
    starts_after_verb && !timely
}

/// "police took former information minister Fawad Chaudhry into custody": the parser sometimes
/// makes a title and the name right after it two objects of one verb. A verb has one, so a
/// common noun that ends right where a name's phrase begins is that name's title, hung on it
/// as EWT hangs titles (`nmod:desc`).
fn repair_title_read_as_second_argument(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for title in sentence.clone() {
        if tokens[title].upos != "NOUN" {
            continue;
        }
        let Some(verb) = tokens[title].head else {
            continue;
        };
        // Objects only: on EWT dev the one subject this would touch is an apposition in the
        // gold ("The owner Karla is welcoming").
        if tokens[title].deprel != "obj" {
            continue;
        }
        // The name: the verb's next object, a proper noun whose phrase starts right after the
        // title.
        let Some(name) = sentence
            .clone()
            .find(|&c| c > title && tokens[c].head == Some(verb) && tokens[c].deprel == "obj")
        else {
            continue;
        };
        let starts_after_title = (title + 1..=name).all(|c| {
            tokens[c].upos == "PROPN"
                && (c == name || tokens[c].head == Some(name) || tokens[c].head == Some(c + 1))
        });
        if !starts_after_title {
            continue;
        }
        tokens[title].head = Some(name);
        tokens[title].deprel = "nmod:desc".to_owned();
    }
}

/// "detained ten people linked to Aitmatov Media, one of the few independent newsrooms";
/// "The suspects, among them two army officers, were detained": the parser sometimes hangs an
/// apposition on the verb as a second object or subject. A verb has one of each (more are
/// joined by "conj"), so a second one set off by a comma after the first describes the last
/// noun of the first one's phrase before that comma.
fn repair_second_argument_after_comma(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let under = |tokens: &[Token], x: usize, root: usize| dominates(tokens, &sentence, root, x);
    for k in sentence.clone() {
        if !matches!(tokens[k].deprel.as_str(), "obj" | "nsubj" | "nsubj:pass") {
            continue;
        }
        let Some(verb) = tokens[k].head else { continue };
        let Some(first) = sentence
            .clone()
            .take_while(|&c| c < k)
            .find(|&c| tokens[c].head == Some(verb) && tokens[c].deprel == tokens[k].deprel)
        else {
            continue;
        };
        let leftmost = (first + 1..k)
            .find(|&c| tokens[c].upos != "PUNCT" && under(tokens, c, k))
            .unwrap_or(k);
        // The comma that opens the apposition, with only the first one's words after it
        // ("among them").
        let Some(comma) = (first + 1..leftmost).rev().find(|&c| tokens[c].xpos == ",") else {
            continue;
        };
        if !(comma + 1..leftmost).all(|c| under(tokens, c, first)) {
            continue;
        }
        // An apposition is closed by a comma, or an object's by the end of the sentence;
        // "As the survey shows, most users don't" is a clause and its subject.
        let rightmost = (k..sentence.end)
            .filter(|&c| tokens[c].upos != "PUNCT" && under(tokens, c, k))
            .max()
            .unwrap_or(k);
        let after = rightmost + 1;
        let closed = (after < sentence.end && tokens[after].xpos == ",")
            || (tokens[k].deprel == "obj"
                && (after >= sentence.end
                    || (after + 1 == sentence.end && tokens[after].upos == "PUNCT")));
        if !closed {
            continue;
        }
        let noun = (first..comma).rev().find(|&c| {
            matches!(tokens[c].upos.as_str(), "NOUN" | "PROPN" | "NUM") && under(tokens, c, first)
        });
        if let Some(noun) = noun {
            tokens[k].head = Some(noun);
            tokens[k].deprel = "appos".to_owned();
        }
    }
}

/// "killed four soldiers and wounded six others": the tagger sometimes reads
/// a coordinated past verb as an adjective of the object after it. English
/// puts adjectives after numbers and determiners ("six wounded soldiers"),
/// so an "adjective" before its noun's number or determiner is a verb with
/// that noun as its object. It becomes a conjunct of the verb whose object
/// the noun was coordinated with. Returns the repaired tokens (their lemma
/// is read again as a verb's).
fn repair_verb_read_as_adjective(
    tokens: &mut [Token],
    sentence: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut repaired = Vec::new();
    for k in sentence.clone() {
        let Some(noun) = tokens[k].head else { continue };
        if !matches!(tokens[k].upos.as_str(), "ADJ" | "VERB")
            || tokens[k].deprel != "amod"
            || !matches!(tokens[k].xpos.as_str(), "JJ" | "VBN" | "VBD")
            || noun <= k
            || tokens[noun].deprel != "conj"
        {
            continue;
        }
        let number_or_determiner_after = sentence.clone().any(|c| {
            c > k
                && c < noun
                && tokens[c].head == Some(noun)
                && matches!(tokens[c].deprel.as_str(), "nummod" | "det")
        });
        let Some(first_object) = tokens[noun].head else {
            continue;
        };
        let Some(verb) = tokens[first_object]
            .head
            .filter(|_| tokens[first_object].deprel == "obj")
        else {
            continue;
        };
        if !number_or_determiner_after || tokens[verb].upos != "VERB" {
            continue;
        }
        tokens[k].head = Some(verb);
        tokens[k].deprel = "conj".to_owned();
        tokens[k].upos = "VERB".to_owned();
        tokens[k].xpos = tokens[verb].xpos.clone();
        tokens[noun].head = Some(k);
        tokens[noun].deprel = "obj".to_owned();
        // The conjunction before the verb goes with it.
        for c in sentence.clone() {
            if c < k && tokens[c].head == Some(noun) && tokens[c].deprel == "cc" {
                tokens[c].head = Some(k);
            }
        }
        repaired.push(k);
    }
    repaired
}

/// "A court on Monday sentenced opposition leader Mira Solanek": the parser
/// sometimes reads the verb as an adjective of the noun after it, although
/// it has a subject of its own, which no modifier has. Such a verb takes the
/// noun's place in the tree and the noun becomes its object.
fn repair_verb_read_as_modifier(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for k in sentence.clone() {
        // Cheap tests first: this runs over every parsed token.
        let Some(h) = tokens[k].head else { continue };
        // An "acl" before its noun is the same misreading: clauses follow
        // the noun they modify ("The court rejected motions" with
        // "rejected" under "motions").
        if tokens[k].upos != "VERB"
            || !matches!(tokens[k].deprel.as_str(), "amod" | "acl")
            || h <= k
        {
            continue;
        }
        let dependent = |tokens: &[Token], x: usize, rel: &str| {
            sentence
                .clone()
                .find(|&c| tokens[c].head == Some(x) && tokens[c].deprel.starts_with(rel))
        };
        let copula = dependent(tokens, h, "cop").is_some();
        // The verb's subject may have gone to the noun: "police had used
        // pepper spray" with "police" under "spray".
        let stray_subject = dependent(tokens, h, "nsubj").filter(|&sj| sj < k && !copula);
        if dependent(tokens, k, "nsubj").is_none() && stray_subject.is_none() {
            continue;
        }
        if let Some(sj) = stray_subject {
            tokens[sj].head = Some(k);
        }
        // Auxiliaries of the clause go with the verb too ("had used").
        for c in sentence.clone() {
            if tokens[c].head == Some(h) && c < k && tokens[c].deprel.starts_with("aux") {
                tokens[c].head = Some(k);
            }
        }
        tokens[k].head = tokens[h].head;
        tokens[k].deprel = std::mem::replace(&mut tokens[h].deprel, "obj".to_owned());
        tokens[h].head = Some(k);
        // Nouns take no obliques or adverbial clauses: those were the verb's.
        for c in sentence.clone() {
            if tokens[c].head == Some(h)
                && (tokens[c].deprel.starts_with("obl") || tokens[c].deprel == "advcl")
            {
                tokens[c].head = Some(k);
            }
        }
    }
}

/// Whether word `x` of `sentence` has a dependent with relation `rel` or a subtype of it
/// ("nsubj" also finds "nsubj:pass").
fn has_dep(tokens: &[Token], sentence: &std::ops::Range<usize>, x: usize, rel: &str) -> bool {
    sentence.clone().any(|c| {
        tokens[c].head == Some(x)
            && (tokens[c].deprel == rel || tokens[c].deprel.starts_with(&format!("{rel}:")))
    })
}

/// "A group of about thirty persons gathered outside the court": the parser
/// sometimes leaves a sentence without a verb at its root, the subject noun
/// as root and the verb as a modifier of it. A sentence of news prose has a
/// predicate, so the first such verb, with no subject or infinitive marker of
/// its own, becomes the root and the noun its subject (passive for a bare
/// participle without object: "Seven jailed for spying").
fn repair_verbless_root(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let Some(root) = sentence.clone().find(|&k| tokens[k].head.is_none()) else {
        return;
    };
    if !matches!(
        tokens[root].upos.as_str(),
        "NOUN" | "PROPN" | "PRON" | "NUM"
    ) {
        return;
    }
    let has_dep = |tokens: &[Token], x: usize, rel: &str| has_dep(tokens, &sentence, x, rel);
    if has_dep(tokens, root, "cop") {
        return;
    }
    // Nominal path from a modifier's head up to the root: the verb must sit
    // inside the subject phrase, not in a clause of its own.
    let under_root = |tokens: &[Token], mut x: usize| {
        for _ in 0..4 {
            if x == root {
                return true;
            }
            if !matches!(
                tokens[x].deprel.as_str(),
                "nmod" | "compound" | "appos" | "flat"
            ) {
                return false;
            }
            match tokens[x].head {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    };
    // "Seven of the nine were convicted": the "of" phrase of the root,
    // taken for the verb's subject.
    let partitive_subject = |tokens: &[Token], k: usize| {
        sentence.clone().find(|&c| {
            c > root
                && c < k
                && tokens[c].head == Some(k)
                && tokens[c].deprel.starts_with("nsubj")
                // The parser may hang the "of" on either of the two.
                && sentence.clone().any(|d| {
                    d > root
                        && d < c
                        && (tokens[d].head == Some(c) || tokens[d].head == Some(k))
                        && tokens[d].deprel == "case"
                        && tokens[d].lemma == "of"
                })
        })
    };
    let modifier_verb = |tokens: &[Token], k: usize| {
        tokens[k].deprel == "acl"
            && tokens[k].head.is_some_and(|h| under_root(tokens, h))
            && (!has_dep(tokens, k, "nsubj") || partitive_subject(tokens, k).is_some())
    };
    // "Jana Kovel, who was sentenced to six years, went on hunger strike":
    // the predicate read as a second verb of the relative clause.
    let after_relative = |tokens: &[Token], k: usize| {
        tokens[k].deprel == "conj"
            && tokens[k]
                .head
                .is_some_and(|h| tokens[h].deprel == "acl:relcl" && tokens[h].head == Some(root))
            && !has_dep(tokens, k, "nsubj")
            && sentence.clone().any(|c| {
                c < k
                    && tokens[c].head == Some(k)
                    && tokens[c].deprel == "punct"
                    && tokens[c].lemma == ","
            })
    };
    // "The court rejected motions": the verb read as a clause of the subject
    // before it, the object as root. The noun root has a subject of its own
    // and no copula, which only a verb can have.
    let subject_clause = sentence.clone().find(|&k| {
        tokens[k].upos == "VERB"
            && k < root
            && tokens[k].deprel == "acl"
            && tokens[k].head.is_some_and(|s| {
                s < k && tokens[s].head == Some(root) && tokens[s].deprel.starts_with("nsubj")
            })
            && !has_dep(tokens, k, "nsubj")
            && !has_dep(tokens, k, "mark")
            && !has_dep(tokens, k, "obj")
            && !sentence
                .clone()
                .any(|c| c > k && c < root && tokens[c].upos == "VERB")
    });
    if let Some(verb) = subject_clause {
        let subject = tokens[verb].head.expect("checked above");
        tokens[subject].head = Some(verb);
        promote_to_root(tokens, sentence, verb, root, "obj");
        return;
    }
    let Some(verb) = sentence.clone().find(|&k| {
        tokens[k].upos == "VERB"
            && k > root
            && !has_dep(tokens, k, "mark")
            && (modifier_verb(tokens, k) || after_relative(tokens, k))
    }) else {
        return;
    };
    if let Some(part) = partitive_subject(tokens, verb) {
        tokens[part].head = Some(root);
        tokens[part].deprel = "nmod".to_owned();
        for case in &mut tokens[root + 1..part] {
            if case.head == Some(verb) && case.deprel == "case" {
                case.head = Some(part);
            }
        }
    }
    // A participle without auxiliary is passive in a headline ("Seven jailed
    // for spying"); in prose, which ends in punctuation, it is a past tense
    // the tagger misread ("thirty persons gathered outside").
    let headline = sentence
        .clone()
        .next_back()
        .is_some_and(|last| tokens[last].upos != "PUNCT");
    let passive = has_dep(tokens, verb, "aux:pass")
        || headline && tokens[verb].xpos == "VBN" && !has_dep(tokens, verb, "obj");
    let rel = if passive { "nsubj:pass" } else { "nsubj" };
    promote_to_root(tokens, sentence, verb, root, rel);
}

/// "On Sunday, thousands of supporters marched on the embassy, some waving flags": the tagger
/// sometimes reads a past tense as a participle ("marched/VBN"), and the parser then hangs it
/// on its subject as a modifier and roots the sentence on a fronted phrase or a later
/// participle. A sentence of prose (it ends in punctuation) has a finite verb. When it has
/// none, a participle modifying a noun phrase that is nobody's object or oblique is its past
/// tense, with that phrase as its subject. Headline style ("17 soldiers killed in ambush.")
/// is left alone: the repair needs an object, a determiner opening the subject, or a fronted
/// phrase set off by a comma, which headlines do without.
fn repair_past_read_as_participle(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let Some(last) = sentence.clone().next_back() else {
        return;
    };
    if tokens[last].upos != "PUNCT"
        || sentence
            .clone()
            .any(|k| matches!(tokens[k].xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD"))
    {
        return;
    }
    let Some(root) = sentence.clone().find(|&k| tokens[k].head.is_none()) else {
        return;
    };
    let children = |tokens: &[Token], x: usize| -> Vec<usize> {
        sentence
            .clone()
            .filter(|&c| tokens[c].head == Some(x))
            .collect()
    };
    let has_rel = |tokens: &[Token], x: usize, rel: &str| has_dep(tokens, &sentence, x, rel);
    // The top of the noun phrase a word is part of.
    let phrase_top = |tokens: &[Token], mut x: usize| {
        while matches!(
            tokens[x].deprel.as_str(),
            "nmod" | "compound" | "flat" | "appos"
        ) {
            match tokens[x].head {
                Some(h) if matches!(tokens[h].upos.as_str(), "NOUN" | "PROPN" | "NUM" | "PRON") => {
                    x = h
                }
                _ => break,
            }
        }
        x
    };
    let Some((verb, subject)) = sentence.clone().find_map(|k| {
        let t = &tokens[k];
        if t.upos != "VERB" || t.xpos != "VBN" || t.deprel != "acl" {
            return None;
        }
        let noun = t.head.filter(|&n| n < k)?;
        let top = phrase_top(tokens, noun);
        // "a statement issued on Monday", "release of figures detained in May": a
        // participle inside a prepositional phrase or an object is a modifier.
        // A phrase hung on a punctuation mark belongs to no word.
        let free = tokens[top].head.is_none()
            || matches!(
                tokens[top].deprel.as_str(),
                "nsubj" | "parataxis" | "dep" | "root"
            )
            || tokens[top].head.is_some_and(|h| tokens[h].upos == "PUNCT");
        let agent = children(tokens, k).into_iter().any(|c| {
            tokens[c].deprel.starts_with("obl")
                && children(tokens, c)
                    .into_iter()
                    .any(|d| tokens[d].deprel == "case" && tokens[d].lemma == "by")
        });
        let clause_words = has_rel(tokens, k, "nsubj") || has_rel(tokens, k, "mark");
        (free && !has_rel(tokens, top, "case") && !agent && !clause_words).then_some((k, top))
    }) else {
        return;
    };
    let prose = has_rel(tokens, verb, "obj")
        || has_rel(tokens, subject, "det")
        || sentence
            .clone()
            .any(|c| c < subject && tokens[c].lemma == ",");
    if !prose {
        return;
    }
    let saved: Vec<Token> = tokens[sentence.clone()].to_vec();
    tokens[verb].head = None;
    tokens[verb].deprel = "root".to_owned();
    tokens[verb].xpos = "VBD".to_owned();
    if root != verb && root != subject {
        // What hung on the old root before the verb is the verb's: the fronted phrase.
        // The old root's own words stay with it: "this" in "Earlier this month".
        let own_word = |rel: &str| {
            matches!(
                rel,
                "det" | "amod" | "nummod" | "compound" | "case" | "nmod:poss" | "flat" | "advmod"
            )
        };
        let nominal_root = matches!(tokens[root].upos.as_str(), "NOUN" | "PROPN" | "NUM");
        for c in sentence.clone() {
            if c < verb
                && c != subject
                && tokens[c].head == Some(root)
                && !(nominal_root && own_word(&tokens[c].deprel))
            {
                tokens[c].head = Some(verb);
                let nominal = matches!(tokens[c].upos.as_str(), "NOUN" | "PROPN" | "NUM");
                if nominal && matches!(tokens[c].deprel.as_str(), "parataxis" | "dep" | "appos") {
                    tokens[c].deprel = "obl".to_owned();
                }
            }
        }
        tokens[root].head = Some(verb);
        let nominal = matches!(tokens[root].upos.as_str(), "NOUN" | "PROPN" | "NUM");
        tokens[root].deprel = match (root < verb, nominal) {
            (true, true) => "obl",
            (true, false) => "advmod",
            (false, false) if tokens[root].upos == "VERB" => "advcl",
            _ => "parataxis",
        }
        .to_owned();
    }
    tokens[subject].head = Some(verb);
    tokens[subject].deprel = "nsubj".to_owned();
    keep_if_tree(tokens, sentence, &saved);
}

/// Undoes a repair (puts back `saved`, the sentence's tokens before it) unless the sentence is
/// still a tree: one root, and every word reaches it.
fn keep_if_tree(tokens: &mut [Token], sentence: std::ops::Range<usize>, saved: &[Token]) {
    let roots = sentence
        .clone()
        .filter(|&c| tokens[c].head.is_none())
        .count();
    let tree = sentence.clone().all(|c| {
        let mut x = c;
        for _ in 0..=sentence.len() {
            match tokens[x].head {
                None => return true,
                Some(h) => x = h,
            }
        }
        false
    });
    if roots != 1 || !tree {
        tokens[sentence].clone_from_slice(saved);
    }
}

/// The verb of a strong verb's past form the tagger read as one ("beaten" → "beat"): the
/// lemmatiser, trained on a treebank that lacks many such forms, guesses them by suffix and
/// can land on another word ("bet"). Past forms only: "found" in the present founds a company.
fn past_of_strong_verb(word: &str, xpos: &str) -> Option<&'static str> {
    if !matches!(xpos, "VBN" | "VBD") {
        return None;
    }
    storyline_model::verbs::irregular_lemma(&word.to_lowercase())
}

/// The length of a timeline entry's date with its colon or dash ("22 July: hundreds of
/// Sadrists march ...", "28 June – Momika burns ..."), which is parsed apart from the clause
/// it dates, as a dateline is: read as one clause with it, the date took the clause's verb.
fn timeline_lead_len(words: &[&str]) -> Option<usize> {
    let is_month = |w: &str| {
        storyline_model::MONTH_NAMES
            .iter()
            .any(|m| m.eq_ignore_ascii_case(w))
    };
    let is_number =
        |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    let date_len = match words {
        [d, m, y, ..] if is_number(d) && is_month(m) && is_number(y) && y.len() == 4 => 3,
        [d, m, ..] if is_number(d) && is_month(m) => 2,
        [m, d, ",", y, ..] if is_month(m) && is_number(d) && is_number(y) && y.len() == 4 => 4,
        [m, d, ..] if is_month(m) && is_number(d) => 2,
        _ => return None,
    };
    let mark = words.get(date_len)?;
    (matches!(*mark, ":" | "-" | "–" | "—") && words.len() > date_len + 2).then_some(date_len + 1)
}

/// "after police in Belgrade arrested seven people", "since the bureau already held his
/// laptops": the tagger sometimes reads a subordinator as a preposition, and the parser then
/// takes the clause's subject for the preposition's object and hangs the verb elsewhere. A
/// preposition's object is not followed by a finite verb of its own, so the finite verb right
/// after the phrase (adverbs between) heads a clause the word introduces, with the phrase as
/// its subject. The clause attaches where the phrase did. A verb the parser left at the root
/// is not moved: its sentence is misread too deeply to mend here.
fn repair_clause_read_as_phrase(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let under = |tokens: &[Token], x: usize, root: usize| dominates(tokens, &sentence, root, x);
    for p in sentence.clone() {
        if tokens[p].upos != "ADP"
            || tokens[p].deprel != "case"
            || !matches!(
                tokens[p].lemma.as_str(),
                "after" | "before" | "since" | "until"
            )
        {
            continue;
        }
        let Some(n) = tokens[p].head else { continue };
        if n <= p || !matches!(tokens[n].upos.as_str(), "NOUN" | "PROPN" | "PRON") {
            continue;
        }
        let right = sentence
            .clone()
            .filter(|&c| under(tokens, c, n))
            .max()
            .unwrap_or(n);
        let mut v = right + 1;
        while v < sentence.end && tokens[v].upos == "ADV" {
            v += 1;
        }
        // "after police arrested five executives", with "arrested" read as a participle
        // modifying "police": the verb is inside the phrase, the first one hung on its noun
        // as a modifier, with its object read as an unmarked oblique or object.
        let inner = (n + 1..right + 1).find(|&c| {
            tokens[c].head == Some(n)
                && tokens[c].deprel == "acl"
                && tokens[c].upos == "VERB"
                && (n + 1..c).all(|b| under(tokens, b, n) && !under(tokens, b, c))
        });
        let mut from_inside = false;
        if let Some(c) = inner.filter(|_| v >= sentence.end || tokens[v].upos != "VERB") {
            v = c;
            from_inside = true;
        }
        if v >= sentence.end || tokens[v].upos != "VERB" {
            continue;
        }
        let Some(verb_head) = tokens[v].head else {
            continue;
        };
        // A participle is a finite verb too when it stands before its noun's number or
        // determiner ("arrested seven people"), where no modifier goes; or when it has an
        // object that opens with one right after it ("destroyed one oil platform"), which a
        // passive participle cannot have ("the men detained the previous day").
        let opens_phrase = |c: usize| matches!(tokens[c].deprel.as_str(), "nummod" | "det");
        let before_number = tokens[v].deprel == "amod"
            && verb_head > v
            && (v + 1..verb_head).any(|c| tokens[c].head == Some(verb_head) && opens_phrase(c));
        let next = v + 1;
        // An unmarked oblique is an object misread unless it names a time ("the men detained
        // the previous day").
        let object_of_v = |o: usize| {
            let word = tokens[o].lemma.to_lowercase();
            let time = word == "day"
                || TIME_NOUNS.contains(&word.as_str())
                || storyline_model::is_calendar_name(&word);
            tokens[o].head == Some(v)
                && (tokens[o].deprel == "obj" || (tokens[o].deprel == "obl:unmarked" && !time))
        };
        let before_object = tokens[v].deprel == "acl"
            && next < sentence.end
            && opens_phrase(next)
            && tokens[next].head.is_some_and(object_of_v);
        let object = before_object.then(|| tokens[next].head).flatten();
        if !(matches!(tokens[v].xpos.as_str(), "VBD" | "VBZ" | "VBP")
            || tokens[v].xpos == "VBN" && (before_number || before_object))
        {
            continue;
        }
        let saved = tokens[sentence.clone()].to_vec();
        // "after the paper published extracts", with "published" read as the modifier of
        // its object: the object comes back under the verb.
        if matches!(tokens[v].deprel.as_str(), "amod" | "acl") && verb_head > v {
            tokens[v].head = tokens[verb_head].head;
            tokens[v].deprel = std::mem::replace(&mut tokens[verb_head].deprel, "obj".to_owned());
            tokens[verb_head].head = Some(v);
        }
        if let Some(o) = object {
            tokens[o].deprel = "obj".to_owned();
        }
        // A participle with a subject and an object of its own is a past tense.
        if from_inside && tokens[v].xpos == "VBN" {
            tokens[v].xpos = "VBD".to_owned();
        }
        let phrase_head = tokens[n].head;
        tokens[p].head = Some(v);
        tokens[p].deprel = "mark".to_owned();
        tokens[p].upos = "SCONJ".to_owned();
        tokens[n].head = Some(v);
        tokens[n].deprel = "nsubj".to_owned();
        if let Some(h) = phrase_head.filter(|&h| h != v && !under(tokens, h, v)) {
            tokens[v].head = Some(h);
        }
        let verbal = tokens[v]
            .head
            .is_some_and(|h| matches!(tokens[h].upos.as_str(), "VERB" | "AUX"));
        tokens[v].deprel = if verbal { "advcl" } else { "acl" }.to_owned();
        // "a day after Calvena expelled ...": a measure of time before the word is no
        // subject of the clause.
        for c in sentence.clone() {
            if c < p && tokens[c].head == Some(v) && tokens[c].deprel.starts_with("nsubj") {
                tokens[c].deprel = "obl:unmarked".to_owned();
            }
        }
        keep_if_tree(tokens, sentence.clone(), &saved);
    }
}

/// "Police detained at least three of them, witnesses said": the parser sometimes reads the
/// reported clause as a reduced relative ("police [detained ...]") and gives the speech verb
/// two subjects. A verb has one subject, so when a speech verb's first subject carries a past
/// verb with an object or oblique of its own, and the second subject follows a comma, the
/// first is that verb's subject and the verb is what was said.
fn repair_report_read_as_relative(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for say in sentence.clone() {
        if tokens[say].upos != "VERB" || !SPEECH_LEMMAS.contains(&tokens[say].lemma.as_str()) {
            continue;
        }
        let subjects: Vec<usize> = sentence
            .clone()
            .filter(|&c| tokens[c].head == Some(say) && tokens[c].deprel == "nsubj")
            .collect();
        let [first, second] = subjects[..] else {
            continue;
        };
        if !(first + 1..second).any(|c| tokens[c].xpos == ",") {
            continue;
        }
        let verb = (first + 1..second).find(|&v| {
            tokens[v].head == Some(first)
                && tokens[v].deprel == "acl"
                && tokens[v].upos == "VERB"
                && matches!(tokens[v].xpos.as_str(), "VBD" | "VBN")
                && sentence.clone().any(|c| {
                    tokens[c].head == Some(v) && matches!(tokens[c].deprel.as_str(), "obj" | "obl")
                })
        });
        let Some(verb) = verb else { continue };
        tokens[verb].head = Some(say);
        tokens[verb].deprel = "ccomp".to_owned();
        tokens[verb].xpos = "VBD".to_owned();
        tokens[first].head = Some(verb);
    }
}

/// "In Vilnius, about 300 people gathered near the embassy": the parser sometimes hangs a
/// fronted prepositional phrase on the subject as a parataxis, and the clause loses where it
/// happened. A phrase that opens the sentence with its preposition and closes at a comma
/// before the word it hangs on modifies the clause: it becomes an oblique of the clause's
/// verb (the word it hung on, or that word's head when the word is a nominal under a verb).
fn repair_fronted_phrase_read_as_parataxis(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    let Some(k) = sentence.clone().find(|&k| {
        tokens[k].deprel == "parataxis"
            && matches!(tokens[k].upos.as_str(), "NOUN" | "PROPN")
            && tokens[k].head.is_some_and(|h| h > k)
    }) else {
        return;
    };
    let first = sentence.start;
    if tokens[first].head != Some(k) || tokens[first].deprel != "case" {
        return;
    }
    // The phrase runs from the preposition to the comma, all of it under the phrase's noun.
    let Some(comma) = (first..sentence.end).find(|&c| tokens[c].xpos == ",") else {
        return;
    };
    if comma <= k
        || (first + 1..comma).any(|c| c != k && !dominates(tokens, &sentence, k, c))
        || tokens[comma].head != Some(k) && tokens[comma].head != tokens[k].head
    {
        return;
    }
    let Some(h) = tokens[k].head else { return };
    let verb = if tokens[h].upos == "VERB" {
        h
    } else {
        match tokens[h].head {
            Some(v) if tokens[v].upos == "VERB" && tokens[h].deprel.starts_with("nsubj") => v,
            _ => return,
        }
    };
    tokens[k].head = Some(verb);
    tokens[k].deprel = "obl".to_owned();
}

/// "The bureau confirmed in a statement that several persons had been detained": read with
/// "confirmed" as a participle of "bureau", the reported verb gets both subjects and becomes
/// the root. A "that" between the two subjects opens the reported clause, so the speech verb
/// is the clause's head and the first subject is its own.
fn repair_speech_read_as_participle(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for verb in sentence.clone() {
        let subjects: Vec<usize> = sentence
            .clone()
            .filter(|&c| tokens[c].head == Some(verb) && tokens[c].deprel.starts_with("nsubj"))
            .collect();
        let [first, second] = subjects[..] else {
            continue;
        };
        let Some(that) = (first + 1..second).find(|&c| {
            tokens[c].head == Some(verb) && tokens[c].deprel == "mark" && tokens[c].lemma == "that"
        }) else {
            continue;
        };
        let Some(say) = (first + 1..that).find(|&c| {
            tokens[c].head == Some(first)
                && tokens[c].deprel == "acl"
                && tokens[c].upos == "VERB"
                && matches!(tokens[c].xpos.as_str(), "VBD" | "VBN")
                && SPEECH_LEMMAS.contains(&tokens[c].lemma.as_str())
        }) else {
            continue;
        };
        tokens[say].head = tokens[verb].head;
        tokens[say].deprel = std::mem::replace(&mut tokens[verb].deprel, "ccomp".to_owned());
        tokens[say].xpos = "VBD".to_owned();
        tokens[verb].head = Some(say);
        tokens[first].head = Some(say);
        tokens[first].deprel = "nsubj".to_owned();
        // The sentence's closing punctuation goes with its new head.
        for c in sentence.clone() {
            if c > verb && tokens[c].head == Some(verb) && tokens[c].deprel == "punct" {
                tokens[c].head = Some(say);
            }
        }
    }
}

/// "Officers on Sunday detained five leading members of the party": the tagger read
/// "detained" as a participle, and the parser gave it a passive subject and an object. A
/// passive takes no object, and a participle with no auxiliary cannot carry a passive subject
/// of its own, so the verb is a past tense whose subject acts. (Of the EWT training and
/// development trees, one holds a participle with a passive subject, an object and no
/// auxiliary, and no parse of the development sentences does.)
fn repair_active_read_as_passive(tokens: &mut [Token], sentence: std::ops::Range<usize>) {
    for verb in sentence.clone() {
        if tokens[verb].upos != "VERB" || tokens[verb].xpos != "VBN" {
            continue;
        }
        let children: Vec<usize> = sentence
            .clone()
            .filter(|&c| tokens[c].head == Some(verb))
            .collect();
        let has = |rel: &str| children.iter().any(|&c| tokens[c].deprel == rel);
        if !has("obj")
            || children
                .iter()
                .any(|&c| tokens[c].deprel.starts_with("aux") || tokens[c].deprel == "cop")
        {
            continue;
        }
        let subjects: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| tokens[c].deprel == "nsubj:pass")
            .collect();
        if let [subject] = subjects[..] {
            tokens[subject].deprel = "nsubj".to_owned();
            tokens[verb].xpos = "VBD".to_owned();
        }
    }
}

/// Lemmas of verbs that report speech, for the repairs above.
const SPEECH_LEMMAS: &[&str] = &[
    "say", "tell", "add", "report", "claim", "state", "allege", "write", "announce", "confirm",
];

/// Whether `root` is `x` or one of its heads within the sentence (a broken chain, or a
/// cycle the parser left, answers no).
fn dominates(
    tokens: &[Token],
    sentence: &std::ops::Range<usize>,
    root: usize,
    mut x: usize,
) -> bool {
    for _ in 0..sentence.len() {
        if x == root {
            return true;
        }
        match tokens[x].head {
            Some(h) if sentence.contains(&h) => x = h,
            _ => return false,
        }
    }
    false
}

/// Makes `verb` the root of the sentence and the old root its dependent with
/// relation `rel`; the final punctuation goes with the predicate.
fn promote_to_root(
    tokens: &mut [Token],
    sentence: std::ops::Range<usize>,
    verb: usize,
    root: usize,
    rel: &str,
) {
    tokens[verb].head = None;
    tokens[verb].deprel = "root".to_owned();
    tokens[root].head = Some(verb);
    tokens[root].deprel = rel.to_owned();
    for c in sentence {
        if tokens[c].head == Some(root) && tokens[c].deprel == "punct" && c > verb {
            tokens[c].head = Some(verb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens from (upos, head as 1-based index or 0, relation).
    fn tree(rows: &[(&str, usize, &str)]) -> Vec<Token> {
        rows.iter()
            .map(|&(upos, head, rel)| Token {
                upos: upos.to_owned(),
                head: head.checked_sub(1),
                deprel: rel.to_owned(),
                ..Token::default()
            })
            .collect()
    }

    /// Tokens of `text` split at spaces and at hyphens (as the tokenizer splits "al-Sadr").
    fn words(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            if c == ' ' || c == '-' {
                if let Some(s) = start.take() {
                    out.push(Token {
                        span: Span::new(s, i),
                        ..Token::default()
                    });
                }
                if c == '-' {
                    out.push(Token {
                        span: Span::new(i, i + 1),
                        ..Token::default()
                    });
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        out
    }

    #[test]
    fn names_written_with_a_hyphen_are_one_name() {
        use storyline_ner::{EntitySpan, EntityType};
        let span = |start, end, kind| EntitySpan { start, end, kind };
        // Moqtada al - Sadr said: the recogniser took "Moqtada al" for a place.
        let text = "Moqtada al-Sadr said";
        let joined = join_attached_names(
            &words(text),
            text,
            vec![span(0, 2, EntityType::Loc), span(3, 4, EntityType::Per)],
        );
        assert_eq!(joined, vec![span(0, 4, EntityType::Per)]);
        // A lone "al-Qaeda" keeps its article.
        let text = "fighters of al-Qaeda";
        let joined = join_attached_names(&words(text), text, vec![span(4, 5, EntityType::Org)]);
        assert_eq!(joined, vec![span(2, 5, EntityType::Org)]);
        // A hyphenated surname the recogniser split is one name; two people are two.
        let text = "Hossein Amir-Abdollahian said";
        let joined = join_attached_names(
            &words(text),
            text,
            vec![span(0, 2, EntityType::Per), span(3, 4, EntityType::Org)],
        );
        assert_eq!(joined, vec![span(0, 4, EntityType::Per)]);
        let text = "the Trump-Kim summit";
        let two = vec![span(1, 2, EntityType::Per), span(3, 4, EntityType::Per)];
        assert_eq!(join_attached_names(&words(text), text, two.clone()), two);
        // Written apart, the words are not one name.
        let text = "Moqtada al - Sadr";
        let joined = join_attached_names(
            &words(text),
            text,
            vec![span(0, 1, EntityType::Per), span(3, 4, EntityType::Per)],
        );
        assert_eq!(joined.len(), 2);
        // Two one-word people side by side are one name; with a comma between, two.
        let text = "referring to Rex Masai , 29";
        let two = vec![span(2, 3, EntityType::Per), span(3, 4, EntityType::Per)];
        assert_eq!(
            join_attached_names(&words(text), text, two),
            vec![span(2, 4, EntityType::Per)]
        );
        let text = "Rex , Masai";
        let two = vec![span(0, 1, EntityType::Per), span(2, 3, EntityType::Per)];
        assert_eq!(join_attached_names(&words(text), text, two.clone()), two);
    }

    #[test]
    fn a_participle_with_a_passive_subject_and_an_object_is_active() {
        // Officers on Sunday detained five members .
        let mut tokens = tree(&[
            ("NOUN", 4, "nsubj:pass"),
            ("ADP", 3, "case"),
            ("PROPN", 4, "obl"),
            ("VERB", 0, "root"),
            ("NUM", 6, "nummod"),
            ("NOUN", 4, "obj"),
            ("PUNCT", 4, "punct"),
        ]);
        tokens[3].xpos = "VBN".to_owned();
        let mut with_aux = tokens.clone();
        repair_active_read_as_passive(&mut tokens, 0..7);
        assert_eq!(tokens[0].deprel, "nsubj");
        assert_eq!(tokens[3].xpos, "VBD");
        // With an auxiliary ("were given five books") the passive stands.
        with_aux[1].deprel = "aux:pass".to_owned();
        with_aux[1].head = Some(3);
        repair_active_read_as_passive(&mut with_aux, 0..7);
        assert_eq!(with_aux[0].deprel, "nsubj:pass");
    }

    #[test]
    fn a_name_spelt_out_before_its_acronym_is_one_entity() {
        use storyline_ner::{EntitySpan, EntityType};
        let span = |start, end, kind| EntitySpan { start, end, kind };
        let joined = |text: &str, found: Vec<EntitySpan>| {
            name_spelled_out_before_acronym(&words(text), text, found)
        };
        let text = "lawmakers from the Samagi Jana Balawegaya ( SJB ) marched";
        let found = vec![
            span(3, 4, EntityType::Misc),
            span(4, 6, EntityType::Per),
            span(7, 8, EntityType::Org),
        ];
        assert_eq!(
            joined(text, found),
            vec![span(3, 6, EntityType::Org), span(7, 8, EntityType::Org)]
        );
        // A small word may spell a letter ("and" in BaH) or be passed over ("for", "in the").
        let text = "in Bosnia and Herzegovina ( BaH ) today";
        let found = vec![span(1, 2, EntityType::Loc), span(3, 4, EntityType::Loc)];
        assert_eq!(joined(text, found), vec![span(1, 4, EntityType::Loc)]);
        let text = "the Movement for Democratic Change ( MDC ) said";
        let found = vec![
            span(1, 2, EntityType::Org),
            span(3, 5, EntityType::Misc),
            span(6, 7, EntityType::Org),
        ];
        assert_eq!(joined(text, found)[0], span(1, 5, EntityType::Org));
        let text = "the Coalition for Press Freedom in the Middle East ( CPFME ) said";
        let found = vec![span(7, 9, EntityType::Loc)];
        assert_eq!(joined(text, found), vec![span(1, 9, EntityType::Org)]);
        // Initials that do not spell the acronym, or a name of one word, change nothing.
        let text = "officials of the National Council ( CNSP ) said";
        let found = vec![span(3, 5, EntityType::Org), span(6, 7, EntityType::Org)];
        assert_eq!(joined(text, found.clone()), found);
        let text = "the Kremlin ( KR ) said";
        let found = vec![span(1, 2, EntityType::Loc)];
        assert_eq!(joined(text, found.clone()), found);
        // A name found whole keeps its type and gives it to an acronym read as MISC.
        let text = "the Research and Analysis Wing ( RAW ) said";
        let found = vec![span(1, 5, EntityType::Org), span(6, 7, EntityType::Misc)];
        assert_eq!(
            joined(text, found),
            vec![span(1, 5, EntityType::Org), span(6, 7, EntityType::Org)]
        );
        // With nothing tagged, nothing is made up.
        let text = "Samagi Jana Balawegaya ( SJB )";
        assert!(joined(text, vec![]).is_empty());
    }

    #[test]
    fn a_fronted_time_phrase_without_a_comma_is_found() {
        use storyline_ud::{PosTag, Upos};
        let tag = |upos| PosTag { upos, xpos: "" };
        let tags = |list: &[Upos]| list.iter().map(|&u| tag(u)).collect::<Vec<_>>();
        use Upos::*;
        let end = |words: &[&str], t: &[Upos]| fronted_time_end(words, &tags(t));
        assert_eq!(
            end(
                &["On", "Monday", "police", "arrested"],
                &[Adp, Propn, Noun, Verb]
            ),
            Some(2)
        );
        assert_eq!(
            end(
                &["On", "Friday", "evening", "police", "said"],
                &[Adp, Propn, Noun, Noun, Verb]
            ),
            Some(3)
        );
        // Already set off, no time named, or a verb right after: nothing to do.
        assert_eq!(
            end(&["On", "Monday", ",", "police"], &[Adp, Propn, Punct, Noun]),
            None
        );
        assert_eq!(
            end(&["In", "the", "capital", "police"], &[Adp, Det, Noun, Noun]),
            None
        );
        assert_eq!(
            end(&["On", "Monday", "arrested"], &[Adp, Propn, Verb]),
            None
        );
    }

    #[test]
    fn the_recogniser_reads_hyphenated_words_whole() {
        let word_of = |text: &str| {
            let tokens = words(text);
            hyphen_groups(&tokens, text)
                .into_iter()
                .map(|r| &text[tokens[r.start].span.start..tokens[r.end - 1].span.end])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            word_of("Chan Pui-man and Kim Jong-un met"),
            ["Chan", "Pui-man", "and", "Kim", "Jong-un", "met"]
        );
        // A hyphen written apart from its words joins nothing.
        let text = "Moqtada al - Sadr";
        assert_eq!(word_of(text), ["Moqtada", "al", "-", "Sadr"]);
    }

    /// Tokens from (word, upos, xpos, head as 1-based index or 0, relation); the word is also
    /// the lemma.
    fn tagged(rows: &[(&str, &str, &str, usize, &str)]) -> Vec<Token> {
        rows.iter()
            .map(|&(word, upos, xpos, head, rel)| Token {
                lemma: word.to_owned(),
                upos: upos.to_owned(),
                xpos: xpos.to_owned(),
                head: head.checked_sub(1),
                deprel: rel.to_owned(),
                ..Token::default()
            })
            .collect()
    }

    /// Asserts that `repair`, run over the whole of `t` as one sentence, changes nothing,
    /// and hands back what it returned.
    fn left_alone<R>(
        mut t: Vec<Token>,
        repair: impl FnOnce(&mut [Token], std::ops::Range<usize>) -> R,
    ) -> R {
        let before = t.clone();
        let n = t.len();
        let out = repair(&mut t, 0..n);
        assert_eq!(t, before);
        out
    }

    #[test]
    fn a_fronted_place_read_as_parataxis_is_the_clauses_oblique() {
        // "In Vilnius , about 300 people gathered near the embassy ." as parsed: "Vilnius" a
        // parataxis of the subject "people".
        let rows = [
            ("In", "ADP", "IN", 2, "case"),
            ("Vilnius", "PROPN", "NNP", 6, "parataxis"),
            (",", "PUNCT", ",", 2, "punct"),
            ("about", "ADV", "RB", 5, "advmod"),
            ("300", "NUM", "CD", 6, "nummod"),
            ("people", "NOUN", "NNS", 7, "nsubj"),
            ("gathered", "VERB", "VBD", 0, "root"),
            ("near", "ADP", "IN", 10, "case"),
            ("the", "DET", "DT", 10, "det"),
            ("embassy", "NOUN", "NN", 7, "obl"),
            (".", "PUNCT", ".", 7, "punct"),
        ];
        let mut t = tagged(&rows);
        let n = t.len();
        repair_fronted_phrase_read_as_parataxis(&mut t, 0..n);
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(6), "obl"));
        // A dateline hung as a parataxis has no preposition and stays.
        let mut rows = rows;
        rows[0] = ("VILNIUS", "PROPN", "NNP", 2, "compound");
        left_alone(tagged(&rows), repair_fronted_phrase_read_as_parataxis);
    }

    #[test]
    fn a_past_tense_read_as_a_participle_heads_a_sentence_without_a_finite_verb() {
        // "On Sunday , thousands of supporters marched on the embassy , some waving flags ."
        // as parsed: "Sunday" under the participle "waving" at the root, "marched" a
        // modifier of "supporters".
        let rows = [
            ("on", "ADP", "IN", 2, "case"),
            ("Sunday", "PROPN", "NNP", 13, "parataxis"),
            (",", "PUNCT", ",", 2, "punct"),
            ("thousands", "NOUN", "NNS", 2, "parataxis"),
            ("of", "ADP", "IN", 6, "case"),
            ("supporters", "NOUN", "NNS", 4, "nmod"),
            ("marched", "VERB", "VBN", 6, "acl"),
            ("on", "ADP", "IN", 10, "case"),
            ("the", "DET", "DT", 10, "det"),
            ("embassy", "NOUN", "NN", 7, "obl"),
            (",", "PUNCT", ",", 13, "punct"),
            ("some", "DET", "DT", 13, "nsubj"),
            ("waving", "VERB", "VBG", 0, "root"),
            ("flags", "NOUN", "NNS", 13, "obj"),
            (".", "PUNCT", ".", 13, "punct"),
        ];
        let mut t = tagged(&rows);
        let n = t.len();
        repair_past_read_as_participle(&mut t, 0..n);
        assert_eq!((t[6].head, t[6].deprel.as_str()), (None, "root"));
        assert_eq!(t[6].xpos, "VBD");
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(6), "nsubj"));
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(6), "obl"));
        assert_eq!((t[12].head, t[12].deprel.as_str()), (Some(6), "advcl"));

        // A sentence with a finite verb keeps its participles as modifiers.
        let mut t = tagged(&rows);
        t[12].xpos = "VBD".to_owned();
        left_alone(t, repair_past_read_as_participle);

        // Headline style, without a determiner, object or fronted phrase, is left alone:
        // "soldiers killed in ambush ." may be a passive.
        let t = tagged(&[
            ("soldiers", "NOUN", "NNS", 0, "root"),
            ("killed", "VERB", "VBN", 1, "acl"),
            ("in", "ADP", "IN", 4, "case"),
            ("ambush", "NOUN", "NN", 2, "obl"),
            (".", "PUNCT", ".", 1, "punct"),
        ]);
        left_alone(t, repair_past_read_as_participle);

        // A participle with a "by" phrase is a passive modifier, also in prose:
        // "the statement issued by the ministry ."
        let t = tagged(&[
            ("the", "DET", "DT", 2, "det"),
            ("statement", "NOUN", "NN", 0, "root"),
            ("issued", "VERB", "VBN", 2, "acl"),
            ("by", "ADP", "IN", 6, "case"),
            ("the", "DET", "DT", 6, "det"),
            ("ministry", "NOUN", "NN", 3, "obl"),
            (".", "PUNCT", ".", 2, "punct"),
        ]);
        left_alone(t, repair_past_read_as_participle);
    }

    #[test]
    fn a_subject_hung_on_punctuation_gets_its_past_tense_back() {
        // "Earlier this month , a driver in Belgrade ploughed into a group ." as parsed:
        // "month" at the root, "driver" an oblique of the full stop, "ploughed" its modifier.
        let rows = [
            ("Earlier", "ADV", "RBR", 3, "advmod"),
            ("this", "DET", "DT", 3, "det"),
            ("month", "NOUN", "NN", 0, "root"),
            (",", "PUNCT", ",", 6, "punct"),
            ("a", "DET", "DT", 6, "det"),
            ("driver", "NOUN", "NN", 14, "obl:unmarked"),
            ("in", "ADP", "IN", 8, "case"),
            ("Belgrade", "PROPN", "NNP", 6, "nmod"),
            ("ploughed", "VERB", "VBN", 6, "acl"),
            ("into", "ADP", "IN", 12, "case"),
            ("a", "DET", "DT", 12, "det"),
            ("group", "NOUN", "NN", 9, "obl"),
            ("now", "ADV", "RB", 9, "advmod"),
            (".", "PUNCT", ".", 3, "punct"),
        ];
        let mut t = tagged(&rows);
        let n = t.len();
        repair_past_read_as_participle(&mut t, 0..n);
        assert_eq!((t[8].head, t[8].deprel.as_str()), (None, "root"));
        assert_eq!((t[5].head, t[5].deprel.as_str()), (Some(8), "nsubj"));
        // The fronted phrase hangs on the verb and keeps its own words.
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(8), "obl"));
        assert_eq!((t[1].head, t[0].head), (Some(2), Some(2)));
    }

    #[test]
    fn shot_before_dead_or_down_after_its_subject_is_a_verb() {
        use storyline_ud::{PosTag, Upos};
        let noun = PosTag {
            upos: Upos::Noun,
            xpos: "NN",
        };
        let plural = PosTag {
            upos: Upos::Noun,
            xpos: "NNS",
        };
        let det = PosTag {
            upos: Upos::Det,
            xpos: "DT",
        };
        let adp = PosTag {
            upos: Upos::Adp,
            xpos: "RP",
        };
        // "defences shot down": a subject, then the verb.
        let words = ["its", "defences", "shot", "down", "drones"];
        let mut tags = vec![det, plural, noun, adp, plural];
        retag_verb_read_as_noun(&words, &mut tags);
        assert_eq!((tags[2].upos, tags[2].xpos), (Upos::Verb, "VBD"));
        // "a warning shot down the street": the shot is a noun.
        let words = ["a", "warning", "shot", "down", "streets"];
        let mut tags = vec![det, noun, noun, adp, plural];
        retag_verb_read_as_noun(&words, &mut tags);
        assert_eq!(tags[2].upos, Upos::Noun);
        // "the first shot rang out": no "dead" or "down" after it.
        let words = ["police", "shot", "rang"];
        let mut tags = vec![plural, noun, noun];
        retag_verb_read_as_noun(&words, &mut tags);
        assert_eq!(tags[1].upos, Upos::Noun);
    }

    #[test]
    fn a_verb_read_as_a_clause_of_its_subject_takes_the_root() {
        // The(det→court) court(nsubj→motions) rejected(acl→court) motions(root) .(punct→motions)
        let mut t = tree(&[
            ("DET", 2, "det"),
            ("NOUN", 4, "nsubj"),
            ("VERB", 2, "acl"),
            ("NOUN", 0, "root"),
            ("PUNCT", 4, "punct"),
        ]);
        repair_verbless_root(&mut t, 0..5);
        assert_eq!((t[2].head, t[2].deprel.as_str()), (None, "root"));
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(2), "nsubj"));
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(2), "obj"));
        assert_eq!(t[4].head, Some(2));
        // A noun predicate with a copula is a sentence already.
        let t = tree(&[
            ("NOUN", 4, "nsubj"),
            ("VERB", 1, "acl"),
            ("AUX", 4, "cop"),
            ("NOUN", 0, "root"),
        ]);
        left_alone(t, repair_verbless_root);
    }

    #[test]
    fn a_second_object_or_subject_after_a_comma_is_an_apposition() {
        // detained(root) ten(nummod→people) people(obj→detained) linked(acl→people)
        // to(case→Media) Media(obl→linked) ,(punct→one) one(obj→detained) of(case→newsrooms)
        // newsrooms(nmod→one)
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("NUM", 3, "nummod"),
            ("NOUN", 1, "obj"),
            ("VERB", 3, "acl"),
            ("ADP", 6, "case"),
            ("PROPN", 4, "obl"),
            ("PUNCT", 8, "punct"),
            ("NUM", 1, "obj"),
            ("ADP", 10, "case"),
            ("NOUN", 8, "nmod"),
        ]);
        t[6].xpos = ",".to_owned();
        repair_second_argument_after_comma(&mut t, 0..10);
        assert_eq!((t[7].head, t[7].deprel.as_str()), (Some(5), "appos"));
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(0), "obj"));
        // A first object, or one not after a comma, stays.
        let t = tree(&[("VERB", 0, "root"), ("NOUN", 1, "obj"), ("NOUN", 1, "obj")]);
        left_alone(t, repair_second_argument_after_comma);
        // The(det→suspects) suspects(nsubj:pass→detained) ,(punct) among(case→them)
        // them(nmod→suspects) two(nummod→officers) officers(nsubj:pass→detained) ,(punct)
        // were(aux:pass→detained) detained(root)
        let mut t = tree(&[
            ("DET", 2, "det"),
            ("NOUN", 10, "nsubj:pass"),
            ("PUNCT", 5, "punct"),
            ("ADP", 5, "case"),
            ("PRON", 2, "nmod"),
            ("NUM", 7, "nummod"),
            ("NOUN", 10, "nsubj:pass"),
            ("PUNCT", 7, "punct"),
            ("AUX", 10, "aux:pass"),
            ("VERB", 0, "root"),
        ]);
        t[2].xpos = ",".to_owned();
        t[7].xpos = ",".to_owned();
        repair_second_argument_after_comma(&mut t, 0..10);
        assert_eq!((t[6].head, t[6].deprel.as_str()), (Some(1), "appos"));
    }

    #[test]
    fn a_bounded_number_does_not_make_an_object_an_oblique() {
        // Police(nsubj) detained(root) at(case→least) least(nmod→12) 12(nummod→people)
        // people(obl→detained)
        let rows = |noun: &'static str| {
            tagged(&[
                ("Police", "NOUN", "NNS", 2, "nsubj"),
                ("detained", "VERB", "VBD", 0, "root"),
                ("at", "ADP", "IN", 4, "case"),
                ("least", "ADJ", "JJS", 5, "nmod"),
                ("12", "NUM", "CD", 6, "nummod"),
                (noun, "NOUN", "NNS", 2, "obl"),
            ])
        };
        let mut t = rows("people");
        repair_object_read_as_oblique(&mut t, 0..6);
        assert_eq!((t[5].head, t[5].deprel.as_str()), (Some(1), "obj"));
        // A measure of time, a noun with a preposition of its own, or a verb that has its
        // object stays as parsed.
        left_alone(rows("hour"), repair_object_read_as_oblique);
        let mut t = rows("people");
        t[2].head = Some(5);
        left_alone(t, repair_object_read_as_oblique);
        let mut t = rows("people");
        t[0].deprel = "obj".to_owned();
        left_alone(t, repair_object_read_as_oblique);
    }

    #[test]
    fn a_number_before_a_classifying_possessive_counts_the_noun() {
        // Police(nsubj) detained(root) at(case) least(nmod) 11(nummod→women) women(nmod:poss)
        // 's(case) rights(compound) campaigners(obl→detained)
        let rows = || {
            tagged(&[
                ("Police", "NOUN", "NNS", 2, "nsubj"),
                ("detained", "VERB", "VBD", 0, "root"),
                ("at", "ADP", "IN", 4, "case"),
                ("least", "ADJ", "JJS", 5, "nmod"),
                ("11", "NUM", "CD", 6, "nummod"),
                ("women", "NOUN", "NNS", 9, "nmod:poss"),
                ("'s", "PART", "POS", 6, "case"),
                ("rights", "NOUN", "NNS", 9, "compound"),
                ("campaigners", "NOUN", "NNS", 2, "obl"),
            ])
        };
        let mut t = rows();
        repair_number_on_classifying_possessive(&mut t, 0..9);
        assert_eq!(t[4].head, Some(8));
        // With the number on the noun, the oblique is the object.
        repair_object_read_as_oblique(&mut t, 0..9);
        assert_eq!(t[8].deprel, "obj");
        // "detained 12 women's rights advocates" read with the advocates as an agent that
        // has no "by": the object too.
        let mut t = rows();
        t[3].deprel = "dep".to_owned();
        t[8].deprel = "obl:agent".to_owned();
        repair_number_on_classifying_possessive(&mut t, 0..9);
        repair_object_read_as_oblique(&mut t, 0..9);
        assert_eq!(t[8].deprel, "obj");
        // "two countries' leaders": no compound between, the number may count the owners.
        let mut t = rows();
        t[7].deprel = "amod".to_owned();
        left_alone(t, repair_number_on_classifying_possessive);
    }

    #[test]
    fn a_bound_read_as_the_object_joins_its_number() {
        // Police(nsubj) detained(root) more(obj) than(case→activists) a(det→dozen)
        // dozen(nummod→activists) activists(obl→detained)
        let rows = || {
            tagged(&[
                ("Police", "NOUN", "NNS", 2, "nsubj"),
                ("detained", "VERB", "VBD", 0, "root"),
                ("more", "ADJ", "JJR", 2, "obj"),
                ("than", "ADP", "IN", 7, "case"),
                ("a", "DET", "DT", 6, "det"),
                ("dozen", "NUM", "CD", 7, "nummod"),
                ("activists", "NOUN", "NNS", 2, "obl"),
            ])
        };
        let mut t = rows();
        repair_bound_read_as_argument(&mut t, 0..7);
        assert_eq!((t[6].head, t[6].deprel.as_str()), (Some(1), "obj"));
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(5), "advmod"));
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(2), "fixed"));
        // "More than 2,000 troops were flown in": the bound read as the subject, the troops
        // hung under it.
        let mut t = tagged(&[
            ("More", "ADJ", "JJR", 6, "nsubj:pass"),
            ("than", "ADP", "IN", 1, "fixed"),
            ("2,000", "NUM", "CD", 4, "nummod"),
            ("troops", "NOUN", "NNS", 1, "obl"),
            ("were", "AUX", "VBD", 6, "aux:pass"),
            ("flown", "VERB", "VBN", 0, "root"),
        ]);
        repair_bound_read_as_argument(&mut t, 0..6);
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(5), "nsubj:pass"));
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(2), "advmod"));
        // "more than the police": no number, a comparison, left alone.
        let mut t = rows();
        t[5].deprel = "amod".to_owned();
        left_alone(t, repair_bound_read_as_argument);
    }

    #[test]
    fn a_name_right_after_its_verb_is_the_object_not_an_oblique() {
        // Norland(nsubj) summoned(root) Estrian(amod) Ambassador(compound) Ivo(compound)
        // Kask(obl→summoned) on(case) Monday(obl)
        let rows = |name: &'static str| {
            tagged(&[
                ("Norland", "PROPN", "NNP", 2, "nsubj"),
                ("summoned", "VERB", "VBD", 0, "root"),
                ("Estrian", "ADJ", "JJ", 6, "amod"),
                ("Ambassador", "PROPN", "NNP", 5, "compound"),
                ("Ivo", "PROPN", "NNP", 6, "compound"),
                (name, "PROPN", "NNP", 2, "obl"),
                ("on", "ADP", "IN", 8, "case"),
                ("Monday", "PROPN", "NNP", 2, "obl"),
            ])
        };
        let mut t = rows("Kask");
        repair_object_read_as_oblique(&mut t, 0..8);
        assert_eq!((t[5].head, t[5].deprel.as_str()), (Some(1), "obj"));
        assert_eq!(t[7].deprel, "obl");
        // A day named without a preposition stays an oblique of time.
        left_alone(rows("Thursday"), repair_object_read_as_oblique);
        // So does a name that does not start right after the verb ...
        let mut t = rows("Kask");
        t[2].head = Some(1);
        t[2].deprel = "advmod".to_owned();
        left_alone(t, repair_object_read_as_oblique);
        // ... and a speaker put after a verb of saying with no subject of its own.
        let mut t = rows("Kask");
        t[0].deprel = "ccomp".to_owned();
        left_alone(t, repair_object_read_as_oblique);
    }

    #[test]
    fn a_phrase_before_that_belongs_to_the_verb_of_saying() {
        // Peskov(nsubj→said) said(root) on(case→22) 22(obl→legal) that(mark→legal)
        // summonses(nsubj→legal) were(cop→legal) legal(ccomp→said)
        let parse = || {
            let mut t = tree(&[
                ("PROPN", 2, "nsubj"),
                ("VERB", 0, "root"),
                ("ADP", 4, "case"),
                ("NUM", 8, "obl"),
                ("SCONJ", 8, "mark"),
                ("NOUN", 8, "nsubj"),
                ("AUX", 8, "cop"),
                ("ADJ", 2, "ccomp"),
            ]);
            t[4].lemma = "that".to_owned();
            t
        };
        let mut t = parse();
        repair_phrase_before_complementizer(&mut t, 0..8);
        assert_eq!(t[3].head, Some(1));
        // Within the clause, after its "that", a phrase stays the clause's.
        let mut t = parse();
        t.swap(3, 4);
        t[3].head = Some(7);
        t[3].deprel = "mark".to_owned();
        t[4].deprel = "obl".to_owned();
        t[4].lemma.clear();
        t[3].lemma = "that".to_owned();
        left_alone(t, repair_phrase_before_complementizer);
        // A clause whose "that" comes before the verb of saying is left as parsed too.
        let mut t = parse();
        t.swap(1, 4);
        t[1].head = Some(7);
        t[4].head = None;
        t[0].head = Some(4);
        t[7].head = Some(4);
        left_alone(t, repair_phrase_before_complementizer);
        // A clause without "that" is left as parsed.
        let mut t = parse();
        t[4].lemma = "whether".to_owned();
        left_alone(t, repair_phrase_before_complementizer);
    }

    #[test]
    fn a_clause_read_as_a_prepositional_phrase_gets_its_verb_back() {
        // Reporter(nsubj:pass→detained) was(aux:pass) detained(root) after(case→paper)
        // the(det→paper) paper(obl→detained) published(amod→extracts) extracts(obl→detained)
        let mut t = tree(&[
            ("NOUN", 3, "nsubj:pass"),
            ("AUX", 3, "aux:pass"),
            ("VERB", 0, "root"),
            ("ADP", 6, "case"),
            ("DET", 6, "det"),
            ("NOUN", 3, "obl"),
            ("VERB", 8, "amod"),
            ("NOUN", 3, "obl"),
        ]);
        t[3].lemma = "after".to_owned();
        t[6].xpos = "VBD".to_owned();
        repair_clause_read_as_phrase(&mut t, 0..8);
        assert_eq!((t[6].head, t[6].deprel.as_str()), (Some(2), "advcl"));
        assert_eq!((t[5].head, t[5].deprel.as_str()), (Some(6), "nsubj"));
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(6), "mark"));
        assert_eq!((t[7].head, t[7].deprel.as_str()), (Some(6), "obj"));
        // "after a trial held behind closed doors": a participle is no finite verb.
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("ADP", 4, "case"),
            ("DET", 4, "det"),
            ("NOUN", 1, "obl"),
            ("VERB", 4, "acl"),
        ]);
        t[1].lemma = "after".to_owned();
        t[4].xpos = "VBN".to_owned();
        left_alone(t, repair_clause_read_as_phrase);
        // met(root) after(case→forces) forces(obl→met) destroyed(acl→met) one(nummod→rig)
        // rig(obj→destroyed): a participle with an object is the clause's verb.
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("ADP", 3, "case"),
            ("NOUN", 1, "obl"),
            ("VERB", 1, "acl"),
            ("NUM", 6, "nummod"),
            ("NOUN", 4, "obj"),
        ]);
        t[1].lemma = "after".to_owned();
        t[3].xpos = "VBN".to_owned();
        repair_clause_read_as_phrase(&mut t, 0..6);
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(0), "advcl"));
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(3), "nsubj"));
        // ... but not when what follows is no object ("the men detained the previous day").
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("ADP", 3, "case"),
            ("NOUN", 1, "obl"),
            ("VERB", 3, "acl"),
            ("DET", 6, "det"),
            ("NOUN", 4, "obl:unmarked"),
        ]);
        t[1].lemma = "after".to_owned();
        t[3].xpos = "VBN".to_owned();
        t[5].lemma = "day".to_owned();
        left_alone(t.clone(), repair_clause_read_as_phrase);
        // comes(root) after(case→police) police(obl→comes) arrested(acl→police)
        // five(nummod→executives) executives(obl:unmarked→arrested): the verb read as the
        // noun's participle, its object as an unmarked oblique; no time in it, so a clause.
        t[5].lemma = "executive".to_owned();
        repair_clause_read_as_phrase(&mut t, 0..6);
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(0), "advcl"));
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(3), "nsubj"));
        assert_eq!((t[5].head, t[5].deprel.as_str()), (Some(3), "obj"));
        assert_eq!(t[3].xpos, "VBD");
    }

    #[test]
    fn a_title_read_as_a_second_object_is_the_name_s_title() {
        // took(root) former(amod→minister) minister(obj→took) Fawad(compound→Chaudhry)
        // Chaudhry(obj→took)
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("ADJ", 3, "amod"),
            ("NOUN", 1, "obj"),
            ("PROPN", 5, "compound"),
            ("PROPN", 1, "obj"),
        ]);
        repair_title_read_as_second_argument(&mut t, 0..5);
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(4), "nmod:desc"));
        assert_eq!((t[4].head, t[4].deprel.as_str()), (Some(0), "obj"));
        // Two objects with a word between them are left alone ("gave the minister a copy of
        // Reuters").
        left_alone(
            tree(&[
                ("VERB", 0, "root"),
                ("NOUN", 1, "obj"),
                ("DET", 4, "det"),
                ("PROPN", 1, "obj"),
            ]),
            repair_title_read_as_second_argument,
        );
    }

    #[test]
    fn a_report_read_as_a_reduced_relative_gets_its_clause_back() {
        // Police(nsubj→said) detained(acl→Police) three(obj→detained) ,(punct)
        // witnesses(nsubj→said) said(root)
        let mut t = tree(&[
            ("NOUN", 6, "nsubj"),
            ("VERB", 1, "acl"),
            ("NUM", 2, "obj"),
            ("PUNCT", 5, "punct"),
            ("NOUN", 6, "nsubj"),
            ("VERB", 0, "root"),
        ]);
        t[1].xpos = "VBN".to_owned();
        t[3].xpos = ",".to_owned();
        t[5].lemma = "say".to_owned();
        repair_report_read_as_relative(&mut t, 0..6);
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(5), "ccomp"));
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(1), "nsubj"));
        assert_eq!(t[4].head, Some(5));
        // One subject: "the men detained in the raid said ..." stays as it is.
        let mut t = tree(&[
            ("NOUN", 5, "nsubj"),
            ("VERB", 1, "acl"),
            ("ADP", 4, "case"),
            ("NOUN", 2, "obl"),
            ("VERB", 0, "root"),
        ]);
        t[1].xpos = "VBN".to_owned();
        t[4].lemma = "say".to_owned();
        left_alone(t, repair_report_read_as_relative);
    }

    #[test]
    fn a_speech_verb_read_as_a_participle_heads_its_sentence_again() {
        // The(det→bureau) bureau(nsubj:pass→detained) confirmed(acl→bureau)
        // that(mark→detained) persons(nsubj:pass→detained) were(aux:pass) detained(root) .
        let mut t = tree(&[
            ("DET", 2, "det"),
            ("NOUN", 7, "nsubj:pass"),
            ("VERB", 2, "acl"),
            ("SCONJ", 7, "mark"),
            ("NOUN", 7, "nsubj:pass"),
            ("AUX", 7, "aux:pass"),
            ("VERB", 0, "root"),
            ("PUNCT", 7, "punct"),
        ]);
        t[2].xpos = "VBN".to_owned();
        t[2].lemma = "confirm".to_owned();
        t[3].lemma = "that".to_owned();
        repair_speech_read_as_participle(&mut t, 0..8);
        assert_eq!((t[2].head, t[2].deprel.as_str()), (None, "root"));
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(2), "nsubj"));
        assert_eq!((t[6].head, t[6].deprel.as_str()), (Some(2), "ccomp"));
        assert_eq!(t[7].head, Some(2));
        assert_eq!(t[4].head, Some(6));
    }

    #[test]
    fn a_subject_read_as_an_apposition_of_a_fronted_date_goes_to_the_verb() {
        // "Earlier on Thursday , hundreds of people moved on" with "hundreds" an apposition of
        // "Thursday" and no subject on "moved".
        let rows = [
            ("earlier", "ADV", "RBR", 8, "advmod"),
            ("on", "ADP", "IN", 3, "case"),
            ("Thursday", "PROPN", "NNP", 1, "obl"),
            (",", "PUNCT", ",", 5, "punct"),
            ("hundreds", "NOUN", "NNS", 3, "appos"),
            ("of", "ADP", "IN", 7, "case"),
            ("people", "NOUN", "NNS", 5, "nmod"),
            ("moved", "VERB", "VBD", 0, "root"),
            ("on", "ADV", "RB", 8, "advmod"),
        ];
        let mut t = tagged(&rows);
        repair_subject_read_as_apposition(&mut t, 0..9);
        assert_eq!((t[4].head, t[4].deprel.as_str()), (Some(7), "nsubj"));
        // A verb with a subject of its own keeps it.
        let mut own = rows.to_vec();
        own[8] = ("police", "NOUN", "NNS", 8, "nsubj");
        left_alone(tagged(&own), repair_subject_read_as_apposition);
        // A participle is no finite verb.
        let mut participle = rows.to_vec();
        participle[7].2 = "VBN";
        left_alone(tagged(&participle), repair_subject_read_as_apposition);
        // "By Wednesday evening , 684 of the people had been freed" with "684" a bare modifier
        // of "evening": the passive verb behind its auxiliaries takes it as passive subject.
        let rows = [
            ("By", "ADP", "IN", 3, "case"),
            ("Wednesday", "PROPN", "NNP", 3, "compound"),
            ("evening", "NOUN", "NN", 10, "obl"),
            (",", "PUNCT", ",", 5, "punct"),
            ("684", "NUM", "CD", 3, "nmod:unmarked"),
            ("of", "ADP", "IN", 7, "case"),
            ("people", "NOUN", "NNS", 5, "nmod"),
            ("had", "AUX", "VBD", 10, "aux"),
            ("been", "AUX", "VBN", 10, "aux:pass"),
            ("freed", "VERB", "VBN", 0, "root"),
        ];
        let mut t = tagged(&rows);
        repair_subject_read_as_apposition(&mut t, 0..10);
        assert_eq!((t[4].head, t[4].deprel.as_str()), (Some(9), "nsubj:pass"));
        // Without a finite auxiliary the participle is still no finite verb.
        let mut bare = rows.to_vec();
        bare[7] = ("just", "ADV", "RB", 10, "advmod");
        left_alone(tagged(&bare), repair_subject_read_as_apposition);
    }

    #[test]
    fn a_subject_hung_on_a_fronted_oblique_goes_to_the_verb() {
        // On(case→Tuesday) Tuesday(obl→summoned) the(det→envoy) envoy(nsubj:pass→Tuesday)
        // was(aux:pass→summoned) summoned(root)
        let mut t = tree(&[
            ("ADP", 2, "case"),
            ("PROPN", 6, "obl"),
            ("DET", 4, "det"),
            ("NOUN", 2, "nsubj:pass"),
            ("AUX", 6, "aux:pass"),
            ("VERB", 0, "root"),
        ]);
        repair_subject_under_oblique(&mut t, 0..6);
        assert_eq!(t[3].head, Some(5));
        assert_eq!(t[3].deprel, "nsubj:pass");
        // A verb with its own subject keeps it, and the stray one stays put.
        let t = tree(&[
            ("PROPN", 3, "obl"),
            ("NOUN", 1, "nsubj"),
            ("VERB", 0, "root"),
            ("NOUN", 3, "nsubj"),
        ]);
        left_alone(t, repair_subject_under_oblique);
    }

    #[test]
    fn an_adjective_before_its_noun_s_number_is_a_coordinated_verb() {
        // killed(root) four(nummod→soldiers) soldiers(obj→killed) and(cc→others)
        // wounded(amod→others) six(nummod→others) others(conj→soldiers)
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("NUM", 3, "nummod"),
            ("NOUN", 1, "obj"),
            ("CCONJ", 7, "cc"),
            ("ADJ", 7, "amod"),
            ("NUM", 7, "nummod"),
            ("NOUN", 3, "conj"),
        ]);
        t[0].xpos = "VBD".into();
        t[4].xpos = "JJ".into();
        assert_eq!(repair_verb_read_as_adjective(&mut t, 0..7), vec![4]);
        assert_eq!((t[4].head, t[4].deprel.as_str()), (Some(0), "conj"));
        assert_eq!((t[4].upos.as_str(), t[4].xpos.as_str()), ("VERB", "VBD"));
        assert_eq!((t[6].head, t[6].deprel.as_str()), (Some(4), "obj"));
        assert_eq!(t[3].head, Some(4));
        // "four soldiers and six wounded others": the adjective after the number stays.
        let mut t = tree(&[
            ("VERB", 0, "root"),
            ("NUM", 3, "nummod"),
            ("NOUN", 1, "obj"),
            ("CCONJ", 7, "cc"),
            ("NUM", 7, "nummod"),
            ("ADJ", 7, "amod"),
            ("NOUN", 3, "conj"),
        ]);
        t[5].xpos = "JJ".into();
        assert!(left_alone(t, repair_verb_read_as_adjective).is_empty());
    }

    #[test]
    fn a_verb_with_a_subject_is_not_a_modifier() {
        // police(nsubj→spray) had(aux→spray) used(amod→spray) pepper spray(root)
        let mut t = tree(&[
            ("NOUN", 5, "nsubj"),
            ("AUX", 5, "aux"),
            ("VERB", 5, "amod"),
            ("NOUN", 5, "compound"),
            ("NOUN", 0, "root"),
            ("NOUN", 5, "obl"),
        ]);
        repair_verb_read_as_modifier(&mut t, 0..6);
        assert_eq!((t[2].head, t[2].deprel.as_str()), (None, "root"));
        assert_eq!((t[4].head, t[4].deprel.as_str()), (Some(2), "obj"));
        assert_eq!(t[0].head, Some(2));
        assert_eq!(t[1].head, Some(2));
        assert_eq!(t[5].head, Some(2));
        assert_eq!(t[3].head, Some(4), "the noun keeps its compound");
        // The same with the verb read as a clause of the noun after it.
        // court(nsubj→rejected) rejected(acl→motions) motions(root) release(acl→motions)
        let mut t = tree(&[
            ("NOUN", 2, "nsubj"),
            ("VERB", 3, "acl"),
            ("NOUN", 0, "root"),
            ("VERB", 3, "acl"),
        ]);
        repair_verb_read_as_modifier(&mut t, 0..4);
        assert_eq!((t[1].head, t[1].deprel.as_str()), (None, "root"));
        assert_eq!((t[2].head, t[2].deprel.as_str()), (Some(1), "obj"));
        assert_eq!(t[3].head, Some(2), "a clause after the noun stays with it");
        // A true modifier ("the arrested men") is left alone.
        let t = tree(&[("DET", 3, "det"), ("VERB", 3, "amod"), ("NOUN", 0, "root")]);
        left_alone(t, repair_verb_read_as_modifier);
    }

    #[test]
    fn a_sentence_gets_its_verb_back_as_root() {
        // A(det→group) group(root) of(case→persons) thirty(nummod→persons)
        // persons(nmod→group) gathered(acl→persons) outside(case→court)
        // court(obl→gathered) .(punct→group)
        let mut t = tree(&[
            ("DET", 2, "det"),
            ("NOUN", 0, "root"),
            ("ADP", 5, "case"),
            ("NUM", 5, "nummod"),
            ("NOUN", 2, "nmod"),
            ("VERB", 5, "acl"),
            ("ADP", 8, "case"),
            ("NOUN", 6, "obl"),
            ("PUNCT", 2, "punct"),
        ]);
        t[5].xpos = "VBD".to_owned();
        repair_verbless_root(&mut t, 0..9);
        assert_eq!((t[5].head, t[5].deprel.as_str()), (None, "root"));
        assert_eq!((t[1].head, t[1].deprel.as_str()), (Some(5), "nsubj"));
        assert_eq!(t[8].head, Some(5));
        assert_eq!(t[7].head, Some(5), "the verb keeps its oblique");
        // A sentence with a copula has its predicate: left alone.
        let t = tree(&[
            ("NOUN", 3, "nsubj"),
            ("AUX", 3, "cop"),
            ("NOUN", 0, "root"),
            ("VERB", 3, "acl"),
        ]);
        left_alone(t, repair_verbless_root);
        // A bare participle without object reads as passive in a headline
        // ("Seven jailed"), as active in prose ("Seven gathered.").
        let mut t = tree(&[("NUM", 0, "root"), ("VERB", 1, "acl")]);
        t[1].xpos = "VBN".to_owned();
        repair_verbless_root(&mut t, 0..2);
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(1), "nsubj:pass"));
        let mut t = tree(&[
            ("NUM", 0, "root"),
            ("VERB", 1, "acl"),
            ("PUNCT", 1, "punct"),
        ]);
        t[1].xpos = "VBN".to_owned();
        repair_verbless_root(&mut t, 0..3);
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(1), "nsubj"));
        assert_eq!(t[2].head, Some(1));
    }

    #[test]
    fn a_predicate_read_inside_the_subject_phrase_is_restored() {
        // Seven(root) of(case→convicted) the(det→nine) nine(nsubj:pass→convicted)
        // were(aux:pass→convicted) convicted(acl→Seven) .(punct→Seven)
        let mut t = tree(&[
            ("NUM", 0, "root"),
            ("ADP", 6, "case"),
            ("DET", 4, "det"),
            ("NUM", 6, "nsubj:pass"),
            ("AUX", 6, "aux:pass"),
            ("VERB", 1, "acl"),
            ("PUNCT", 1, "punct"),
        ]);
        t[1].lemma = "of".to_owned();
        repair_verbless_root(&mut t, 0..7);
        assert_eq!((t[5].head, t[5].deprel.as_str()), (None, "root"));
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(5), "nsubj:pass"));
        assert_eq!((t[3].head, t[3].deprel.as_str()), (Some(0), "nmod"));
        assert_eq!(t[1].head, Some(3), "the \"of\" goes with the partitive");
        // Kovel(root) ,(punct→went) who(nsubj:pass→sentenced)
        // sentenced(acl:relcl→Kovel) ,(punct→went) went(conj→sentenced)
        // strike(obl→went)
        let mut t = tree(&[
            ("PROPN", 0, "root"),
            ("PUNCT", 4, "punct"),
            ("PRON", 4, "nsubj:pass"),
            ("VERB", 1, "acl:relcl"),
            ("PUNCT", 6, "punct"),
            ("VERB", 4, "conj"),
            ("NOUN", 6, "obl"),
        ]);
        t[4].lemma = ",".to_owned();
        repair_verbless_root(&mut t, 0..7);
        assert_eq!((t[5].head, t[5].deprel.as_str()), (None, "root"));
        assert_eq!((t[0].head, t[0].deprel.as_str()), (Some(5), "nsubj"));
        assert_eq!(t[3].head, Some(0), "the relative clause stays on the name");
    }

    #[test]
    fn a_strong_verb_s_past_form_has_its_verb_as_lemma() {
        let a = Annotator::bundled().unwrap();
        let text = "The activist was beaten by three men, and the suspects were led away.";
        let doc = a.annotate(text);
        let lemma = |w: &str| {
            doc.tokens
                .iter()
                .find(|t| t.span.of(text) == w)
                .map(|t| t.lemma.clone())
        };
        assert_eq!(lemma("beaten").as_deref(), Some("beat"));
        assert_eq!(lemma("led").as_deref(), Some("lead"));
    }

    #[test]
    fn an_apposition_and_a_speech_tag_leave_the_name_its_role() {
        let a = Annotator::bundled().unwrap();
        for (text, verb, name) in [
            (
                "The court sentenced Ivan Petrov, an opposition activist, to five years.",
                "sentenced",
                "Petrov",
            ),
            (
                "Iran has executed Alireza Akbari, a British-Iranian dual national, state media said on Saturday.",
                "executed",
                "Akbari",
            ),
        ] {
            let doc = a.annotate(text);
            let at = |w: &str| {
                doc.tokens
                    .iter()
                    .position(|t| t.span.of(text) == w)
                    .unwrap()
            };
            // The name's head word is the verb's object, whichever word of it heads it.
            let mut k = at(name);
            while doc.tokens[k].head.is_some_and(|h| doc.tokens[h].upos == "PROPN") {
                k = doc.tokens[k].head.unwrap();
            }
            assert_eq!(doc.tokens[k].head, Some(at(verb)), "{text}");
            assert_eq!(doc.tokens[k].deprel, "obj", "{text}");
        }
    }

    #[test]
    fn one_doc_carries_every_layer() {
        let a = Annotator::bundled().unwrap();
        let text = "Police in Portesca detained Jana Kovel on Monday, the Interior Ministry of Calvena said.";
        let doc = a.annotate(text);
        assert!(doc
            .tokens
            .iter()
            .all(|t| !t.upos.is_empty() && !t.lemma.is_empty()));
        let roots = doc.tokens.iter().filter(|t| t.head.is_none()).count();
        assert_eq!(roots, doc.sentences.len(), "one root per sentence");
        let detained = doc
            .tokens
            .iter()
            .position(|t| t.span.of(text) == "detained")
            .unwrap();
        assert_eq!(doc.tokens[detained].lemma, "detain");
        assert_eq!(doc.tokens[detained].upos, "VERB");
        assert!(doc
            .entities
            .iter()
            .any(|e| e.label == EntityLabel::Per && e.span.of(text) == "Jana Kovel"));
        for e in &doc.entities {
            assert_eq!(e.span.start, doc.tokens[e.tokens.start].span.start);
        }
    }
}
