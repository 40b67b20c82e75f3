//! The embedded store: SQLite (WAL, versioned migrations) with an FTS5
//! full-text index, exact and near-duplicate detection, and the JSON Lines export.
//!
//! Every document is written inside a transaction, so a crash (even `kill -9`)
//! leaves each document either fully stored or absent; rerunning an ingest
//! skips what is already there because ids are hashes of the input bytes.

pub mod minhash;

use std::io::Write;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use storyline_model::event::Analysis;
use storyline_model::{Date, Document, Format, PublishedFrom};

use crate::minhash::{Signature, BANDS};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the store {path} was written by a newer storyline (schema {found}, this build knows {known})")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their full-text index and near-duplicate bands.
    r#"
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        format TEXT,
        outlet TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        published_from TEXT NOT NULL,
        language TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        removed TEXT NOT NULL,
        extra TEXT NOT NULL,
        minhash BLOB NOT NULL,
        near_duplicate_of TEXT,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_text_hash ON documents(text_hash);
    -- One B-tree keyed for lookup (no separate rowid table and index):
    -- every document writes 27 of these rows, so their cost matters.
    CREATE TABLE minhash_bands (
        band INTEGER NOT NULL,
        value INTEGER NOT NULL,
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        PRIMARY KEY (band, value, doc)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    "#,
    // 2: what the linguistic stages found in each document. Mentions are
    // JSON (their shape is the model's `EventMention`), with the columns a
    // query filters on pulled out beside them.
    r#"
    CREATE TABLE analyses (
        doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
        analyzed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE event_mentions (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        event_date_start TEXT,
        event_date_end TEXT,
        mention TEXT NOT NULL,
        PRIMARY KEY (doc, seq)
    ) WITHOUT ROWID;
    CREATE INDEX event_mentions_type ON event_mentions(type, event_date_start);
    CREATE TABLE quotes (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        speaker TEXT,
        quote TEXT NOT NULL,
        PRIMARY KEY (doc, seq)
    ) WITHOUT ROWID;
    CREATE TABLE entity_mentions (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (doc, seq)
    ) WITHOUT ROWID;
    CREATE INDEX entity_mentions_text ON entity_mentions(text);
    "#,
];

/// Estimated shingle overlap above which two documents are one story retold.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.5;

/// A document with the hashes the store compares, computed off the writer
/// thread (ingest workers prepare documents in parallel).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub doc: Document,
    /// Events, quotes and entities, stored in the same transaction as the
    /// document when present.
    pub analysis: Option<Analysis>,
    text_hash: String,
    signature: Signature,
}

impl Prepared {
    pub fn new(doc: Document) -> Prepared {
        Prepared {
            text_hash: text_hash(&doc.text),
            signature: Signature::of_text(&doc.text),
            doc,
            analysis: None,
        }
    }
}

/// What happened to a document given to [`Store::insert`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    New,
    /// Stored, and linked to an earlier document it nearly repeats.
    NearDuplicate {
        of: String,
    },
    /// Not stored: the same input (`same_input`) or the same clean text is already there.
    Duplicate {
        of: String,
        same_input: bool,
    },
}

pub struct Store {
    conn: Connection,
}

/// One full-text search hit.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub source: String,
    /// Matching passage, with matched terms between `[` and `]`.
    pub snippet: String,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: shown.clone(),
            source,
        })?;
        Self::setup(conn, &shown)
    }

    /// A store in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(mut conn: Connection, shown: &str) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers never block the writer, and a commit is one append.
        // synchronous=NORMAL: a process crash loses nothing committed; only a
        // power cut can lose the last transactions, never corrupt the file.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: shown.to_owned(),
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Stores a batch of documents in one transaction (each document's rows
    /// go in together or not at all) and returns each one's outcome.
    pub fn insert_batch(&mut self, docs: &mut [Prepared]) -> Result<Vec<Outcome>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs.iter_mut() {
            outcomes.push(insert_one(&tx, doc)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Stores one document.
    pub fn insert(&mut self, doc: &mut Document) -> Result<Outcome> {
        let mut prepared = [Prepared::new(std::mem::take(doc))];
        let outcome = self.insert_batch(&mut prepared)?.remove(0);
        let [prepared] = prepared;
        *doc = prepared.doc;
        Ok(outcome)
    }

    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Every stored id, so a rerun can skip known inputs before cleaning them.
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    pub fn count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    pub fn get(&self, id: &str) -> Result<Option<Document>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_DOC} WHERE id = ?1"))?;
        Ok(stmt.query_row([id], row_to_document).optional()?)
    }

    /// All documents in ingest order, streamed to `f`.
    pub fn for_each_document(&self, mut f: impl FnMut(Document) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_DOC} ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(row_to_document(row)?)?;
        }
        Ok(())
    }

    /// Full-text search (FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*),
    /// best matches first. A query FTS5 cannot parse is searched as plain words.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        match self.search_raw(query, limit) {
            Ok(hits) => Ok(hits),
            Err(StoreError::Sql(_)) => {
                let quoted: Vec<String> = query
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect();
                if quoted.is_empty() {
                    return Ok(Vec::new());
                }
                self.search_raw(&quoted.join(" "), limit)
            }
            Err(e) => Err(e),
        }
    }

    fn search_raw(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.outlet, d.published, d.source,
                    snippet(documents_fts, 1, '[', ']', ' … ', 24)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1
             ORDER BY bm25(documents_fts, 4.0, 1.0)
             LIMIT ?2",
        )?;
        let hits = stmt
            .query_map(params![query, limit as i64], |r| {
                Ok(Hit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                    source: r.get(4)?,
                    snippet: r.get(5)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(hits)
    }

    /// Writes `documents.jsonl` (with each document's quotes) into `dir`,
    /// per the export contract, and returns the number of documents.
    /// `events.jsonl` and `entities.jsonl` come from the linked storyline
    /// (`storyline-story`), which reads documents and analyses from here.
    pub fn export_documents(&self, dir: &Path) -> Result<u64> {
        std::fs::create_dir_all(dir)?;
        let mut docs_out =
            std::io::BufWriter::new(std::fs::File::create(dir.join("documents.jsonl"))?);
        let mut n = 0;
        self.for_each_document(|doc| {
            let analysis = self.analysis(&doc.id)?;
            let mut line = export_line(&doc);
            if let Some(a) = &analysis {
                line["quotes"] = quote_lines(&doc, a);
            }
            serde_json::to_writer(&mut docs_out, &line).map_err(std::io::Error::from)?;
            docs_out.write_all(b"\n")?;
            n += 1;
            Ok(())
        })?;
        docs_out.flush()?;
        Ok(n)
    }

    /// Every document with its analysis (an empty one when it has none),
    /// in storage order.
    pub fn documents_with_analyses(&self) -> Result<Vec<(Document, Analysis)>> {
        let mut out = Vec::new();
        self.for_each_document(|doc| {
            let analysis = self.analysis(&doc.id)?.unwrap_or_default();
            out.push((doc, analysis));
            Ok(())
        })?;
        Ok(out)
    }

    /// Sets a document's publication date and where it came from (used when
    /// linking infers the date of an undated document).
    pub fn set_published(&mut self, id: &str, date: Date, from: PublishedFrom) -> Result<()> {
        self.conn.execute(
            "UPDATE documents SET published = ?1, published_from = ?2 WHERE id = ?3",
            rusqlite::params![date.to_string(), from.as_str(), id],
        )?;
        Ok(())
    }

    /// Replaces the stored analysis of document `id`.
    pub fn save_analysis(&mut self, id: &str, analysis: &Analysis) -> Result<()> {
        let tx = self.conn.transaction()?;
        let rowid: Option<i64> = tx
            .query_row("SELECT rowid FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(rowid) = rowid {
            for table in ["analyses", "event_mentions", "quotes", "entity_mentions"] {
                tx.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), [rowid])?;
            }
            write_analysis(&tx, rowid, analysis)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored analysis of document `id`, if it was analysed.
    pub fn analysis(&self, id: &str) -> Result<Option<Analysis>> {
        let rowid: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT a.doc FROM analyses a JOIN documents d ON d.rowid = a.doc WHERE d.id = ?1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(rowid) = rowid else {
            return Ok(None);
        };
        let json_rows = |sql: &str| -> Result<Vec<String>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map([rowid], |r| r.get::<_, String>(0))?
                .collect::<std::result::Result<Vec<_>, _>>()?)
        };
        let parse = |what: &str, e: serde_json::Error| {
            StoreError::Io(std::io::Error::other(format!("stored {what} of {id}: {e}")))
        };
        let mut analysis = Analysis::default();
        for m in json_rows("SELECT mention FROM event_mentions WHERE doc = ?1 ORDER BY seq")? {
            analysis
                .events
                .push(serde_json::from_str(&m).map_err(|e| parse("event", e))?);
        }
        for q in json_rows("SELECT quote FROM quotes WHERE doc = ?1 ORDER BY seq")? {
            analysis
                .quotes
                .push(serde_json::from_str(&q).map_err(|e| parse("quote", e))?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT label, text, start, end FROM entity_mentions WHERE doc = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([rowid], |r| {
            Ok(storyline_model::event::EntityMention {
                label: r.get(0)?,
                text: r.get(1)?,
                span: storyline_model::Span::new(
                    r.get::<_, i64>(2)? as usize,
                    r.get::<_, i64>(3)? as usize,
                ),
            })
        })?;
        for row in rows {
            analysis.entities.push(row?);
        }
        Ok(Some(analysis))
    }

    /// Ids of stored documents with no analysis, in storage order.
    pub fn unanalyzed_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id FROM documents d LEFT JOIN analyses a ON a.doc = d.rowid
             WHERE a.doc IS NULL ORDER BY d.rowid",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// Number of stored event mentions.
    pub fn event_mention_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM event_mentions", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }
}

fn write_analysis(tx: &Transaction, rowid: i64, analysis: &Analysis) -> Result<()> {
    tx.prepare_cached("INSERT INTO analyses (doc) VALUES (?1)")?
        .execute([rowid])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO event_mentions (doc, seq, type, trigger_start, trigger_end,
            event_date_start, event_date_end, mention) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (seq, e) in analysis.events.iter().enumerate() {
        stmt.execute(params![
            rowid,
            seq as i64,
            e.kind.as_str(),
            e.trigger.start as i64,
            e.trigger.end as i64,
            e.date.map(|d| d.start.to_string()),
            e.date.map(|d| d.end.to_string()),
            serde_json::to_string(e).expect("event mentions serialise"),
        ])?;
    }
    let mut stmt =
        tx.prepare_cached("INSERT INTO quotes (doc, seq, speaker, quote) VALUES (?1, ?2, ?3, ?4)")?;
    for (seq, q) in analysis.quotes.iter().enumerate() {
        stmt.execute(params![
            rowid,
            seq as i64,
            q.speaker.as_ref().map(|s| s.text.as_str()),
            serde_json::to_string(q).expect("quotes serialise"),
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO entity_mentions (doc, seq, label, text, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (seq, e) in analysis.entities.iter().enumerate() {
        stmt.execute(params![
            rowid,
            seq as i64,
            e.label,
            e.text,
            e.span.start as i64,
            e.span.end as i64
        ])?;
    }
    Ok(())
}

/// A document's quotes as exported (an addition to the contract's fields).
fn quote_lines(doc: &Document, analysis: &Analysis) -> Value {
    Value::Array(
        analysis
            .quotes
            .iter()
            .map(|q| {
                json!({
                    "text": q.span.of(&doc.text),
                    "start": q.span.start,
                    "end": q.span.end,
                    "speaker": q.speaker.as_ref().map(|s| s.text.as_str()),
                })
            })
            .collect(),
    )
}

/// One `documents.jsonl` line.
pub fn export_line(doc: &Document) -> Value {
    json!({
        "v": 1,
        "id": doc.id,
        "source": doc.source,
        "outlet": doc.outlet,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published.map(|d| d.to_string()),
        "published_from": doc.published_from.as_str(),
        "language": doc.language,
        "text": doc.text,
        "removed": doc.removed,
        "format": doc.format.map(Format::as_str),
        "near_duplicate_of": doc.near_duplicate_of,
        "extra": doc.extra,
    })
}

const SELECT_DOC: &str =
    "SELECT id, source, format, outlet, title, author, published, published_from,
    language, text, removed, extra, near_duplicate_of FROM documents";

fn row_to_document(r: &rusqlite::Row) -> rusqlite::Result<Document> {
    let removed: String = r.get(10)?;
    let extra: String = r.get(11)?;
    Ok(Document {
        id: r.get(0)?,
        source: r.get(1)?,
        format: r
            .get::<_, Option<String>>(2)?
            .as_deref()
            .and_then(Format::parse),
        outlet: r.get(3)?,
        title: r.get(4)?,
        author: r.get(5)?,
        published: r
            .get::<_, Option<String>>(6)?
            .as_deref()
            .and_then(Date::parse_iso),
        published_from: PublishedFrom::parse(&r.get::<_, String>(7)?).unwrap_or_default(),
        language: r.get(8)?,
        text: r.get(9)?,
        removed: serde_json::from_str(&removed).unwrap_or_default(),
        extra: serde_json::from_str::<Map<String, Value>>(&extra).unwrap_or_default(),
        near_duplicate_of: r.get(12)?,
    })
}

/// Hash of the text with whitespace and case folded: the same article
/// through different containers is one document.
pub fn text_hash(text: &str) -> String {
    let folded: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let digest = Sha256::digest(folded.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

fn insert_one(tx: &Transaction, prepared: &mut Prepared) -> Result<Outcome> {
    let Prepared {
        doc,
        analysis,
        text_hash: hash,
        signature,
    } = prepared;
    if let Some(()) = tx
        .query_row("SELECT 1 FROM documents WHERE id = ?1", [&doc.id], |_| {
            Ok(())
        })
        .optional()?
    {
        return Ok(Outcome::Duplicate {
            of: doc.id.clone(),
            same_input: true,
        });
    }
    if let Some(of) = tx
        .prepare_cached("SELECT id FROM documents WHERE text_hash = ?1 ORDER BY rowid LIMIT 1")?
        .query_row([&*hash], |r| r.get::<_, String>(0))
        .optional()?
    {
        return Ok(Outcome::Duplicate {
            of,
            same_input: false,
        });
    }
    let bands = signature.band_hashes();
    // Candidates share at least one band; the signature estimates their overlap.
    let mut best: Option<(f64, i64, String)> = None;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT d.rowid, d.id, d.minhash, d.near_duplicate_of FROM minhash_bands b JOIN documents d ON d.rowid = b.doc
             WHERE b.band = ?1 AND b.value = ?2",
        )?;
        for (band, value) in bands.iter().enumerate() {
            let rows = stmt.query_map(params![band as i64, *value as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?;
            for row in rows {
                let (rowid, id, blob, their_original) = row?;
                let Some(other) = Signature::from_bytes(&blob) else {
                    continue;
                };
                let sim = signature.similarity(&other);
                // Link to the first telling of the story, not to another copy.
                let target = their_original.unwrap_or(id);
                if sim >= NEAR_DUPLICATE_SIMILARITY
                    && best
                        .as_ref()
                        .is_none_or(|(s, r, _)| sim > *s || (sim == *s && rowid < *r))
                {
                    best = Some((sim, rowid, target));
                }
            }
        }
    }
    doc.near_duplicate_of = best.map(|(_, _, id)| id);
    tx.prepare_cached(
        "INSERT INTO documents (id, source, format, outlet, title, author, published, published_from,
            language, text, text_hash, removed, extra, minhash, near_duplicate_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
            doc.id,
            doc.source,
            doc.format.map(Format::as_str),
            doc.outlet,
            doc.title,
            doc.author,
            doc.published.map(|d| d.to_string()),
            doc.published_from.as_str(),
            doc.language,
            doc.text,
            &*hash,
            serde_json::to_string(&doc.removed).expect("strings serialise"),
            serde_json::to_string(&doc.extra).expect("JSON map serialises"),
            signature.to_bytes(),
            doc.near_duplicate_of,
    ])?;
    let rowid = tx.last_insert_rowid();
    let mut stmt =
        tx.prepare_cached("INSERT INTO minhash_bands (band, value, doc) VALUES (?1, ?2, ?3)")?;
    for (band, value) in bands.iter().enumerate().take(BANDS) {
        stmt.execute(params![band as i64, *value as i64, rowid])?;
    }
    if let Some(analysis) = analysis {
        write_analysis(tx, rowid, analysis)?;
    }
    Ok(match &doc.near_duplicate_of {
        Some(of) => Outcome::NearDuplicate { of: of.clone() },
        None => Outcome::New,
    })
}

#[cfg(test)]
mod tests;
