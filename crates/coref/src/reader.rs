//! Reading ECB+ CAT XML files into a [`Corpus`].
//!
//! One file is one [`Document`]: its tokens (with sentence numbers), its event mentions
//! (`ACTION_*` / `NEG_ACTION_*` markables anchored to tokens), its entity mentions (`HUMAN_*`,
//! `NON_HUMAN_*`, `LOC_*`, `TIME_*` markables anchored to tokens, used by the clusterer as
//! context: they are gold mentions of the same files) and, separately, the gold coreference
//! relations. Relations are kept apart from everything the clusterer reads ([`Document::gold`]
//! is only used for training and scoring) so prediction cannot leak them.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One token of a document.
#[derive(Clone, Debug, Default)]
pub struct Token {
    pub text: String,
    /// Sentence number as written in the file (`sentence` attribute).
    pub sentence: u32,
    /// Filled by [`crate::annotate`]; empty until then.
    pub lemma: String,
    /// Universal POS tag from the tagger (filled by [`crate::annotate`]).
    pub upos: String,
}

/// A token-anchored markable.
#[derive(Clone, Debug)]
pub struct Mention {
    pub m_id: String,
    /// The markable's tag, e.g. `ACTION_OCCURRENCE`, `LOC_GEO`.
    pub kind: String,
    /// Indices into [`Document::tokens`], in file order.
    pub tokens: Vec<usize>,
    /// Sentence of the first token.
    pub sentence: u32,
}

/// A coreference relation as written in the file.
#[derive(Clone, Debug)]
pub struct Relation {
    /// `true` for `CROSS_DOC_COREF`, `false` for `INTRA_DOC_COREF`.
    pub cross_doc: bool,
    /// The `note` attribute (cross-document instance id) when present.
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub target: Option<String>,
}

/// Gold annotation needed to build gold clusters (never read by the clusterer).
#[derive(Clone, Debug, Default)]
pub struct Gold {
    pub relations: Vec<Relation>,
    /// `instance_id` of anchor-less instance markables, by `m_id`.
    pub instance_ids: HashMap<String, String>,
}

/// One ECB+ file.
#[derive(Clone, Debug)]
pub struct Document {
    /// The XML file name, e.g. `1_10ecb.xml`: the `doc` field of predictions.
    pub name: String,
    /// The topic folder name (the given grouping of documents).
    pub topic: String,
    pub tokens: Vec<Token>,
    /// `ACTION_*` and `NEG_ACTION_*` markables with token anchors: the mentions to cluster.
    pub events: Vec<Mention>,
    /// Token-anchored participant, time and location markables.
    pub entities: Vec<Mention>,
    pub gold: Gold,
}

/// All documents read, sorted by topic (numerically when numeric) then file name so that
/// every run sees them in the same order.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
}

impl Corpus {
    /// Documents grouped by topic, in corpus order: `(topic, doc indices)`.
    pub fn topics(&self) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, d) in self.docs.iter().enumerate() {
            match out.last_mut() {
                Some((t, v)) if *t == d.topic => v.push(i),
                _ => out.push((d.topic.clone(), vec![i])),
            }
        }
        out
    }

    /// Number of event mentions.
    pub fn n_mentions(&self) -> usize {
        self.docs.iter().map(|d| d.events.len()).sum()
    }
}

/// Is this markable tag an event mention to cluster?
pub fn is_event_kind(tag: &str) -> bool {
    tag.starts_with("ACTION_") || tag.starts_with("NEG_ACTION_")
}

/// Is this markable tag a participant, time or location mention (context for events)?
pub fn is_entity_kind(tag: &str) -> bool {
    tag.starts_with("HUMAN_")
        || tag.starts_with("NON_HUMAN_")
        || tag.starts_with("LOC_")
        || tag.starts_with("TIME_")
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn general_ref(name: &str) -> Option<String> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(c.to_string())
}

/// Parses one ECB+ XML text. `name` and `topic` are stored as given.
pub fn parse_document(xml: &str, name: &str, topic: &str) -> Result<Document, String> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document {
        name: name.to_string(),
        topic: topic.to_string(),
        tokens: Vec::new(),
        events: Vec::new(),
        entities: Vec::new(),
        gold: Gold::default(),
    };
    // t_id → token index.
    let mut tid: HashMap<String, usize> = HashMap::new();
    #[derive(PartialEq)]
    enum Section {
        Tokens,
        Markables,
        Relations,
    }
    let mut section = Section::Tokens;
    let mut in_token: Option<Token> = None;
    let mut token_ids: Vec<String> = Vec::new();
    // Markable being read: (tag, m_id, anchors).
    let mut markable: Option<(String, String, Vec<String>)> = None;
    let mut relation: Option<Relation> = None;
    let mut saw_root = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let tag = e.name().as_ref().to_string();
                match tag.as_str() {
                    "Document" => saw_root = true,
                    "Markables" => section = Section::Markables,
                    "Relations" => section = Section::Relations,
                    "token" if section == Section::Tokens => {
                        let id = attr(e, "t_id").ok_or("token without t_id")?;
                        let sentence = attr(e, "sentence")
                            .and_then(|s| s.parse().ok())
                            .ok_or_else(|| format!("token {id} without a numeric sentence"))?;
                        let t = Token {
                            sentence,
                            ..Token::default()
                        };
                        if empty {
                            tid.insert(id, doc.tokens.len());
                            doc.tokens.push(t);
                        } else {
                            token_ids.push(id);
                            in_token = Some(t);
                        }
                    }
                    "token_anchor" if section == Section::Markables => {
                        if let (Some(m), Some(t)) = (markable.as_mut(), attr(e, "t_id")) {
                            m.2.push(t);
                        }
                    }
                    "source" | "target" if section == Section::Relations => {
                        if let (Some(r), Some(m)) = (relation.as_mut(), attr(e, "m_id")) {
                            if tag == "source" {
                                r.sources.push(m);
                            } else {
                                r.target = Some(m);
                            }
                        }
                    }
                    _ if section == Section::Markables => {
                        let m_id = attr(e, "m_id")
                            .ok_or_else(|| format!("markable <{tag}> without m_id"))?;
                        if let Some(inst) = attr(e, "instance_id") {
                            doc.gold.instance_ids.insert(m_id.clone(), inst);
                        }
                        if empty {
                            // Anchor-less: an instance markable, not a mention.
                        } else {
                            markable = Some((tag, m_id, Vec::new()));
                        }
                    }
                    "INTRA_DOC_COREF" | "CROSS_DOC_COREF" if section == Section::Relations => {
                        let r = Relation {
                            cross_doc: tag == "CROSS_DOC_COREF",
                            note: attr(e, "note").filter(|n| !n.is_empty()),
                            sources: Vec::new(),
                            target: None,
                        };
                        if empty {
                            doc.gold.relations.push(r);
                        } else {
                            relation = Some(r);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(tok) = in_token.as_mut() {
                    tok.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(tok) = in_token.as_mut() {
                    tok.text
                        .push_str(&general_ref(&r).unwrap_or_else(|| format!("&{};", &*r)));
                }
            }
            Event::End(e) => {
                let tag = e.name().as_ref().to_string();
                if tag == "token" {
                    if let (Some(t), Some(id)) = (in_token.take(), token_ids.pop()) {
                        tid.insert(id, doc.tokens.len());
                        doc.tokens.push(Token {
                            text: t.text.trim().to_string(),
                            ..t
                        });
                    }
                } else if section == Section::Markables
                    && markable.as_ref().is_some_and(|m| m.0 == tag)
                {
                    let (kind, m_id, anchors) = markable.take().expect("checked");
                    let want_event = is_event_kind(&kind);
                    if anchors.is_empty() || !(want_event || is_entity_kind(&kind)) {
                        continue;
                    }
                    let mut tokens = Vec::with_capacity(anchors.len());
                    for a in &anchors {
                        let i = *tid.get(a).ok_or_else(|| {
                            format!("markable {m_id} anchored to unknown token {a}")
                        })?;
                        tokens.push(i);
                    }
                    tokens.sort_unstable();
                    tokens.dedup();
                    let sentence = doc.tokens[tokens[0]].sentence;
                    let m = Mention {
                        m_id,
                        kind,
                        tokens,
                        sentence,
                    };
                    if want_event {
                        doc.events.push(m);
                    } else {
                        doc.entities.push(m);
                    }
                } else if tag == "INTRA_DOC_COREF" || tag == "CROSS_DOC_COREF" {
                    if let Some(r) = relation.take() {
                        doc.gold.relations.push(r);
                    }
                }
            }
            _ => {}
        }
    }
    if !saw_root {
        return Err("no <Document> element".into());
    }
    if doc.tokens.is_empty() {
        return Err("no tokens".into());
    }
    Ok(doc)
}

fn topic_number(t: &str) -> Option<u32> {
    t.parse().ok()
}

/// Reads every `*.xml` file in the topic folders of `dir` (each sub-folder is a topic).
/// `topic_filter` keeps only topics whose numeric folder name it accepts (folders with a
/// non-numeric name are kept only without a filter). A file that cannot be read or parsed is
/// skipped and reported as one line naming it; the others are still read.
pub fn read_corpus(
    dir: &Path,
    topic_filter: Option<&dyn Fn(u32) -> bool>,
) -> (Corpus, Vec<String>) {
    let mut errors = Vec::new();
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return (Corpus::default(), vec![format!("{}: {e}", dir.display())]),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let topic = entry.file_name().to_string_lossy().into_owned();
        if let Some(f) = topic_filter {
            match topic_number(&topic) {
                Some(n) if f(n) => {}
                _ => continue,
            }
        }
        match std::fs::read_dir(&path) {
            Ok(inner) => {
                for f in inner.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|e| e == "xml") && p.is_file() {
                        files.push((topic.clone(), p));
                    }
                }
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    let key = |t: &str| (topic_number(t).unwrap_or(u32::MAX), t.to_string());
    files.sort_by(|a, b| {
        key(&a.0)
            .cmp(&key(&b.0))
            .then_with(|| doc_sort_key(&a.1).cmp(&doc_sort_key(&b.1)))
    });
    let mut corpus = Corpus::default();
    for (topic, path) in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        match parse_document(&text, &name, &topic) {
            Ok(d) => corpus.docs.push(d),
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    (corpus, errors)
}

/// File name order, plain lexical: stable and independent of any suffix meaning.
fn doc_sort_key(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Gold cluster key of every event mention, aligned with `doc.events` for each document.
///
/// Mentions are joined through any relation (intra- or cross-document) they take part in; a
/// cross-document relation contributes its instance id (`note`, else the target's
/// `instance_id`) so that chains in different files meet. Intra-document chains are keyed by
/// document and target `m_id`, so they never join another document's chain by accident. A
/// mention in no relation is its own (singleton) cluster.
pub fn gold_clusters(corpus: &Corpus) -> Vec<Vec<String>> {
    let mut uf = UnionFind::default();
    for d in &corpus.docs {
        for r in &d.gold.relations {
            let anchor = if r.cross_doc {
                let inst = r
                    .note
                    .clone()
                    .or_else(|| {
                        r.target
                            .as_ref()
                            .and_then(|t| d.gold.instance_ids.get(t).cloned())
                    })
                    .filter(|s| !s.is_empty());
                match inst {
                    Some(i) => format!("X:{i}"),
                    None => match &r.target {
                        Some(t) => format!("M:{}#{t}", d.name),
                        None => continue,
                    },
                }
            } else {
                match &r.target {
                    Some(t) => format!("M:{}#{t}", d.name),
                    None => continue,
                }
            };
            let a = uf.id(&anchor);
            for s in &r.sources {
                let b = uf.id(&format!("M:{}#{s}", d.name));
                uf.union(a, b);
            }
        }
    }
    // Name each component by its smallest member so keys are stable.
    let mut out = Vec::with_capacity(corpus.docs.len());
    for d in &corpus.docs {
        let mut v = Vec::with_capacity(d.events.len());
        for m in &d.events {
            let key = format!("M:{}#{}", d.name, m.m_id);
            let i = uf.id(&key);
            v.push(uf.root_name(i));
        }
        out.push(v);
    }
    out
}

/// Union-find over string keys, naming each set by its lexically smallest key.
#[derive(Default)]
struct UnionFind {
    ids: HashMap<String, usize>,
    names: Vec<String>,
    parent: Vec<usize>,
}

impl UnionFind {
    fn id(&mut self, k: &str) -> usize {
        if let Some(&i) = self.ids.get(k) {
            return i;
        }
        let i = self.parent.len();
        self.ids.insert(k.to_string(), i);
        self.names.push(k.to_string());
        self.parent.push(i);
        i
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // Keep the smaller name as root.
        if self.names[ra] <= self.names[rb] {
            self.parent[rb] = ra;
        } else {
            self.parent[ra] = rb;
        }
    }
    fn root_name(&mut self, i: usize) -> String {
        let r = self.find(i);
        self.names[r].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Document doc_name="9_1ecb.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">him</token>
<token t_id="4" sentence="1" number="0">The</token>
<token t_id="5" sentence="1" number="1">arrest</token>
<token t_id="6" sentence="1" number="2">&amp;</token>
<token t_id="7" sentence="1" number="3">talks</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="4"><token_anchor t_id="1"/></HUMAN_PART_ORG>
<ACTION_OCCURRENCE m_id="10" RELATED_TO="" TAG_DESCRIPTOR="arrest" instance_id="ACT1"/>
<UNKNOWN_INSTANCE_TAG m_id="11" RELATED_TO="" TAG_DESCRIPTOR=""/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="10"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="2"/><source m_id="1"/><target m_id="11"/></INTRA_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn reads_tokens_mentions_and_gold() {
        let d = parse_document(XML, "9_1ecb.xml", "9").unwrap();
        assert_eq!(d.tokens.len(), 7);
        assert_eq!(d.tokens[5].text, "&");
        assert_eq!(d.tokens[4].sentence, 1);
        let ids: Vec<&str> = d.events.iter().map(|m| m.m_id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(d.entities.len(), 1);
        assert_eq!(d.events[1].tokens, vec![4]);
        let c = Corpus { docs: vec![d] };
        let g = gold_clusters(&c);
        // 1 and 2 joined (via intra chain and cross note), 3 alone.
        assert_eq!(g[0][0], g[0][1]);
        assert_ne!(g[0][0], g[0][2]);
    }

    #[test]
    fn intra_doc_chains_do_not_meet_across_documents() {
        let a = parse_document(XML, "9_1ecb.xml", "9").unwrap();
        let b = parse_document(XML, "9_2ecb.xml", "9").unwrap();
        let g = gold_clusters(&Corpus { docs: vec![a, b] });
        // Same note ACT1 joins mention 1 of both files...
        assert_eq!(g[0][0], g[1][0]);
        // ...but the singletons stay apart.
        assert_ne!(g[0][2], g[1][2]);
    }

    #[test]
    fn malformed_file_is_an_error() {
        let bad = XML.replace("</Markables>", "</Markoables>");
        assert!(parse_document(&bad, "x.xml", "1").is_err());
        assert!(parse_document("<a>", "x.xml", "1").is_err());
    }
}
