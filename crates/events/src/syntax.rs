//! Read-only views over a parsed [`Doc`]: children lists, relations,
//! phrases and subtrees. Everything the extractor asks of the parse goes
//! through here, so the rules read as syntax, not index arithmetic.

use storyline_model::doc::{Doc, EntityLabel};
use storyline_model::event::Argument;
use storyline_model::Span;

pub struct Tree<'d> {
    pub doc: &'d Doc,
    children: Vec<Vec<usize>>,
    /// Lower-cased lemma per token (the lemmatizer keeps proper-noun case).
    lemmas: Vec<String>,
    /// Lower-cased form per token: conditions compare words many times.
    lowers: Vec<String>,
    /// Entity index covering each token.
    entity_at: Vec<Option<usize>>,
    /// Sentence index of each token.
    sentence_of: Vec<usize>,
    /// Tokens of a dateline ("VELMORA, March 10 (Meridian) -") that opens
    /// a sentence: they name where the story was filed, not a participant.
    dateline: Vec<bool>,
    /// Lower-cased last words (surnames) of the people the document gives an official title
    /// somewhere ("President Recep Tayyip Erdoğan"): "Erdoğan said" later speaks as an
    /// official too.
    officials: std::collections::HashSet<String>,
}

/// Nouns that name a body able to speak and act for itself: a speaker
/// with one of these heads makes an official statement.
const INSTITUTION_NOUNS: &[&str] = &[
    "ministry",
    "government",
    "cabinet",
    "office",
    "presidency",
    "police",
    "court",
    "bureau",
    "agency",
    "army",
    "military",
    "embassy",
    "consulate",
    "council",
    "parliament",
    "committee",
    "commission",
    "prosecutor",
    "prosecution",
    "directorate",
    "department",
    "authority",
    "administration",
    "service",
    "party",
    "movement",
    "group",
    "organisation",
    "organization",
    "union",
    "coalition",
    "alliance",
    "leadership",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Words that make a named person an official when they title or describe
/// them ("Interior Minister Darian Vohl", "Ivo Strand, the prosecutor").
const OFFICIAL_TITLES: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "consul",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "prosecutor",
    "secretary",
    "governor",
    "mayor",
    "general",
    "commander",
    "chief",
    "director",
    "head",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "king",
    "queen",
    "senator",
    "official",
];

/// Whether a lemma is an official's title ("president", "minister").
pub(crate) fn is_official_title(lemma: &str) -> bool {
    OFFICIAL_TITLES.contains(&lemma)
}

const PERSONAL_PRONOUNS: &[&str] = &[
    "he", "she", "they", "him", "her", "them", "i", "we", "us", "me", "you", "who", "whom",
];

impl<'d> Tree<'d> {
    pub fn new(doc: &'d Doc) -> Tree<'d> {
        let n = doc.tokens.len();
        let mut children = vec![Vec::new(); n];
        for (i, t) in doc.tokens.iter().enumerate() {
            if let Some(h) = t.head {
                if h < n {
                    children[h].push(i);
                }
            }
        }
        let mut entity_at = vec![None; n];
        for (e, entity) in doc.entities.iter().enumerate() {
            for slot in &mut entity_at[entity.tokens.clone()] {
                *slot = Some(e);
            }
        }
        let mut sentence_of = vec![0; n];
        for (s, sentence) in doc.sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens.clone()] {
                *slot = s;
            }
        }
        let mut dateline = vec![false; n];
        for sentence in &doc.sentences {
            if let Some(end) = dateline_end(doc, sentence.tokens.clone()) {
                for slot in &mut dateline[sentence.tokens.start..end] {
                    *slot = true;
                }
            }
        }
        let mut tree = Tree {
            doc,
            dateline,
            officials: Default::default(),
            children,
            lemmas: doc.tokens.iter().map(|t| t.lemma.to_lowercase()).collect(),
            lowers: doc
                .tokens
                .iter()
                .map(|t| t.span.of(&doc.text).to_lowercase())
                .collect(),
            entity_at,
            sentence_of,
        };
        tree.officials = doc
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Per)
            .filter(|e| {
                let head = e
                    .tokens
                    .clone()
                    .find(|&t| doc.tokens[t].head.is_none_or(|h| !e.tokens.contains(&h)));
                head.is_some_and(|h| tree.titled_here(h))
            })
            .filter_map(|e| e.tokens.clone().last().map(|t| tree.lowers[t].clone()))
            .collect();
        tree
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.tokens.is_empty()
    }

    pub fn text(&self, i: usize) -> &'d str {
        self.doc.token_text(i)
    }

    pub fn lower(&self, i: usize) -> &str {
        &self.lowers[i]
    }

    pub fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i]
    }

    pub fn upos(&self, i: usize) -> &'d str {
        &self.doc.tokens[i].upos
    }

    pub fn xpos(&self, i: usize) -> &'d str {
        &self.doc.tokens[i].xpos
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.doc.tokens[i].head
    }

    /// The full relation, e.g. `nsubj:pass`.
    pub fn rel(&self, i: usize) -> &'d str {
        &self.doc.tokens[i].deprel
    }

    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn base_rel(&self, i: usize) -> &'d str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Children whose relation is `rel` or a subtype of it (`obl` matches `obl:tmod`).
    pub fn deps<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i].iter().copied().filter(move |&c| {
            let r = self.rel(c);
            r == rel || (r.starts_with(rel) && r.as_bytes().get(rel.len()) == Some(&b':'))
        })
    }

    /// Children with exactly this relation.
    pub fn deps_exact<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentence_of[i]
    }

    pub fn in_dateline(&self, i: usize) -> bool {
        self.dateline[i]
    }

    pub fn entity_at(&self, i: usize) -> Option<usize> {
        self.entity_at[i]
    }

    pub fn entity_label(&self, i: usize) -> Option<EntityLabel> {
        self.entity_at[i].map(|e| self.doc.entities[e].label)
    }

    /// The preposition(s) marking a nominal: "according to", "in", "by".
    pub fn case_of(&self, i: usize) -> Option<String> {
        let c = self.deps_exact(i, "case").next()?;
        let mut words = vec![self.lower(c)];
        for f in self.deps_exact(c, "fixed") {
            words.push(self.lower(f));
        }
        Some(words.join(" "))
    }

    /// Whether `a` dominates `b` (or is `b`).
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut at = Some(b);
        for _ in 0..self.len() {
            match at {
                Some(x) if x == a => return true,
                Some(x) => at = self.head(x),
                None => return false,
            }
        }
        false
    }

    /// Token range `[first, last]` covered by `i` and its descendants.
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend_from_slice(&self.children[x]);
        }
        (lo, hi)
    }

    /// Descendants of `i` (not `i` itself), nearest first.
    pub fn descendants(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut queue = std::collections::VecDeque::from(self.children[i].clone());
        while let Some(x) = queue.pop_front() {
            out.push(x);
            queue.extend(self.children[x].iter().copied());
        }
        out
    }

    pub fn is_person(&self, i: usize) -> bool {
        self.entity_label(i) == Some(EntityLabel::Per)
            || storyline_model::people::is_person_noun(self.lemma(i))
            || (self.upos(i) == "PRON" && PERSONAL_PRONOUNS.contains(&self.lower(i)))
            || (self.upos(i) == "NUM" && self.rel(i).starts_with("nsubj"))
    }

    /// Whether `i` heads a mention of a body that acts and speaks for
    /// itself: an organisation, a country or city standing for its
    /// government ("Kaldoria said"), an institution noun ("the ministry"),
    /// or a person with an official title or description, in this sentence or anywhere in
    /// the document.
    pub fn is_institution(&self, i: usize) -> bool {
        match self.entity_label(i) {
            Some(EntityLabel::Org | EntityLabel::Loc) => return true,
            Some(EntityLabel::Per) => {
                let surname = self
                    .entity_at(i)
                    .and_then(|e| self.doc.entities[e].tokens.clone().last());
                return self.titled_here(i)
                    || surname.is_some_and(|t| self.officials.contains(&self.lowers[t]));
            }
            _ => {}
        }
        INSTITUTION_NOUNS.contains(&self.lemma(i)) || is_official_title(self.lemma(i))
    }

    /// Whether the person's name headed by `i` carries an official title in its own
    /// sentence: a title hung on it ("Minister Tobias Billström", "the minister, X") or it
    /// as the apposition of a title.
    fn titled_here(&self, i: usize) -> bool {
        let titled = |t: usize| is_official_title(self.lemma(t));
        // A title word may sit one level down, in a portfolio read as a compound
        // ("Interior(compound) Minister(flat) Nancy Faeser").
        let titled_phrase = |t: usize| {
            titled(t)
                || self.children[t]
                    .iter()
                    .any(|&g| matches!(self.rel(g), "flat" | "compound") && titled(g))
        };
        self.children[i]
            .iter()
            // EWT hangs a title on its name as `nmod:desc` ("Minister Tobias Billström").
            .any(|&c| {
                matches!(self.rel(c), "compound" | "appos" | "amod" | "nmod:desc")
                    && titled_phrase(c)
            })
            || (self.rel(i) == "appos" && self.head(i).is_some_and(titled))
    }

    pub fn is_pronoun(&self, i: usize) -> bool {
        self.upos(i) == "PRON"
    }

    /// The noun phrase headed by `i`, as the reader would name it: the head
    /// with its determiners, modifiers, compounds, flat names, numbers,
    /// possessors and "of" complements, widened to any entity it touches.
    /// Relative clauses, appositions, conjuncts and other clauses stay out.
    pub fn phrase(&self, i: usize) -> Span {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            lo = lo.min(x);
            hi = hi.max(x);
            for &c in &self.children[x] {
                let keep = match self.rel(c) {
                    "det" | "det:poss" | "amod" | "compound" | "flat" | "flat:name" | "nummod"
                    | "nmod:poss" | "fixed" | "goeswith" | "advmod" | "det:predet" => true,
                    "case" => x != i,
                    "punct" => {
                        // Hyphens and apostrophes inside the phrase, never edge commas.
                        let t = self.text(c);
                        (t == "-" || t == "'" || t == "’") && c > lo && c < hi
                    }
                    "nmod" => match self.case_of(c).as_deref() {
                        Some("of") => true,
                        // "journalists from Aitmatov Media", "staff at the Daily Courier":
                        // where people belong is part of naming them.
                        Some("from" | "at") => {
                            x == i && (self.upos(c) == "PROPN" || self.entity_at(c).is_some())
                        }
                        _ => false,
                    },
                    // "ten people linked to Aitmatov Media": the group a participle ties
                    // them to names them too.
                    "acl" => {
                        x == i
                            && matches!(self.xpos(c), "VBN" | "VBG")
                            && AFFILIATION_VERBS.contains(&self.lemma(c))
                    }
                    "obl" => {
                        self.rel(x) == "acl"
                            && AFFILIATION_VERBS.contains(&self.lemma(x))
                            && matches!(
                                self.case_of(c).as_deref(),
                                Some("to" | "with" | "for" | "by")
                            )
                    }
                    _ => false,
                };
                if keep {
                    stack.push(c);
                }
            }
        }
        if let Some(e) = self.entity_at(i) {
            let r = &self.doc.entities[e].tokens;
            lo = lo.min(r.start);
            hi = hi.max(r.end - 1);
        } else if self.upos(i) == "NOUN" {
            // "Its founder, Bolot Sydykov": a role named right after it is who the phrase
            // means, so the name comes in (and with it the entity).
            let named = self.children[i].iter().copied().find(|&c| {
                self.rel(c) == "appos"
                    && c == hi + 2
                    && self.text(hi + 1) == ","
                    && self.upos(c) == "PROPN"
                    && self.entity_at(c).is_some()
            });
            if let Some(e) = named.and_then(|c| self.entity_at(c)) {
                hi = hi.max(self.doc.entities[e].tokens.end - 1);
            }
        }
        // A subordinator before the head starts a clause, so the phrase starts after it:
        // "eight wounded when armed men stormed" parsed as one noun phrase is "armed men".
        if let Some(p) = (lo..i).rev().find(|&p| {
            matches!(self.upos(p), "ADV" | "SCONJ")
                && matches!(
                    self.lower(p),
                    "when" | "while" | "after" | "before" | "because" | "until"
                )
        }) {
            lo = p + 1;
        }
        // Trim punctuation and prepositions left at the edges.
        while lo < hi && matches!(self.upos(lo), "PUNCT" | "ADP" | "CCONJ") {
            lo += 1;
        }
        while hi > lo && matches!(self.upos(hi), "PUNCT" | "ADP" | "CCONJ") {
            hi -= 1;
        }
        let toks = &self.doc.tokens;
        Span::new(toks[lo].span.start, toks[hi].span.end)
    }

    pub fn argument(&self, span: Span) -> Argument {
        Argument {
            span,
            text: span.of(&self.doc.text).to_string(),
        }
    }

    /// `i` and its conjuncts ("Jana Kovel and two other organisers").
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let x = out[k];
            out.extend(
                self.deps_exact(x, "conj")
                    .filter(|&c| !matches!(self.upos(c), "VERB" | "AUX") || self.upos(x) != "NOUN"),
            );
            k += 1;
        }
        out
    }

    /// The token whose span contains byte `offset`, if any.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let k = toks.partition_point(|t| t.span.end <= offset);
        (k < toks.len() && toks[k].span.start <= offset).then_some(k)
    }

    /// Tokens whose spans fall inside `span`.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let toks = &self.doc.tokens;
        let a = toks.partition_point(|t| t.span.start < span.start);
        let b = toks.partition_point(|t| t.span.end <= span.end);
        a..b.max(a)
    }

    /// The token of `range` whose head lies outside it: the phrase's head.
    pub fn head_of(&self, range: std::ops::Range<usize>) -> Option<usize> {
        range
            .clone()
            .find(|&i| self.head(i).is_none_or(|h| !range.contains(&h)))
    }
}

/// End (exclusive token index) of a dateline opening the sentence: a short
/// lead of place, date or outlet credit ending in a dash, with a comma or
/// parenthesis in it ("VELMORA, May 12 (Meridian) -", "Portesca, 15 May
/// 2025 (CNNA) –").
fn dateline_end(doc: &Doc, range: std::ops::Range<usize>) -> Option<usize> {
    let words: Vec<&str> = doc.tokens[range.clone()]
        .iter()
        .map(|t| t.span.of(&doc.text))
        .collect();
    storyline_model::doc::dateline_len(&words).map(|n| range.start + n)
}

/// Participles that tie people to the group they belong to ("linked to", "affiliated with",
/// "working for"): the group is part of the phrase that names them.
const AFFILIATION_VERBS: &[&str] = &[
    "link",
    "affiliate",
    "associate",
    "tie",
    "connect",
    "belong",
    "work",
    "employ",
];
