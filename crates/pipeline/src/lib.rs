//! The ingest pipeline: one reader thread, one cleaning worker per core, one
//! writer (the calling thread), joined by bounded channels so memory stays
//! flat however large the input.
//!
//! ```text
//! inputs ─► reader ─► [records] ─► workers × N ─► [documents] ─► writer ─► store
//! ```
//!
//! A record that fails anywhere becomes a [`Failure`] reported through the
//! caller's callback; nothing else stops. Worker panics are caught and
//! reported as failures of that record.
//!
//! Records carry their input order, and the writer stores them in that order
//! whatever order the workers finish in. Which of two identical texts is kept,
//! and which telling of a story a near-duplicate points to, therefore never
//! depend on thread timing, and an ingest resumed after a crash (whose
//! committed part is a prefix of the input) ends exactly like a clean run.

use std::collections::{BTreeMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use storyline_analyze::Analyzer;
use storyline_clean::Cleaner;
use storyline_ingest::{expand_inputs, read_input, Failure, Input, Item, Limits, RawRecord};
use storyline_model::Document;
use storyline_store::{Outcome, Prepared, Store, StoreError};

/// Documents committed per transaction: large enough to amortise the commit,
/// small enough that a crash loses only a moment's work.
const BATCH: usize = 64;
const BATCH_WAIT: Duration = Duration::from_millis(200);
/// Worker stacks are large so that recursive HTML extraction of deep (but
/// below the nesting guard) pages cannot overflow.
const WORKER_STACK: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub inputs: usize,
    pub new: u64,
    pub near_duplicates: u64,
    pub duplicates: u64,
    pub failed: u64,
    pub bytes: u64,
}

/// What the pipeline tells its caller as it goes.
pub enum Event<'a> {
    /// An input (file) was fully read.
    InputDone {
        shown: &'a str,
        size: u64,
    },
    Failure(&'a Failure),
    Stored {
        doc: &'a Document,
        outcome: &'a Outcome,
    },
}

pub struct Options {
    pub workers: usize,
    pub limits: Limits,
    /// When set, each worker also extracts events, quotes and entities,
    /// stored with the document.
    pub analyzer: Option<Arc<Analyzer>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            limits: Limits::default(),
            analyzer: None,
        }
    }
}

enum Cleaned {
    /// A document, its input size, and a failure of its analysis (the
    /// document is kept; `storyline analyze` can retry).
    Doc(Box<Prepared>, u64, Option<Failure>),
    Skipped(u64),
    Failed(Failure),
}

/// Expands `args` and ingests everything into `store`.
pub fn ingest(
    store: &mut Store,
    cleaner: Arc<Cleaner>,
    args: &[String],
    options: &Options,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, StoreError> {
    let (inputs, failures) = expand_inputs(args);
    let mut summary = Summary {
        inputs: inputs.len(),
        ..Summary::default()
    };
    for f in &failures {
        summary.failed += 1;
        on_event(Event::Failure(f));
    }
    ingest_inputs(store, cleaner, inputs, options, &mut summary, on_event)?;
    Ok(summary)
}

fn ingest_inputs(
    store: &mut Store,
    cleaner: Arc<Cleaner>,
    inputs: Vec<Input>,
    options: &Options,
    summary: &mut Summary,
    on_event: &mut dyn FnMut(Event),
) -> Result<(), StoreError> {
    let known: Arc<HashSet<String>> = Arc::new(store.ids()?.into_iter().collect());
    let (record_tx, record_rx) = bounded::<(u64, Item)>(BATCH * 2);
    let (doc_tx, doc_rx) = bounded::<(u64, Cleaned)>(BATCH * 2);
    let (done_tx, done_rx) = bounded::<(String, u64)>(1024);
    let limits = options.limits;
    let reader = std::thread::Builder::new()
        .name("reader".into())
        .spawn(move || {
            let mut seq = 0u64;
            for input in &inputs {
                let size = input.size();
                read_input(input, &limits, &mut |item| {
                    // A closed channel means the writer stopped: nothing left to do.
                    let _ = record_tx.send((seq, item));
                    seq += 1;
                });
                let _ = done_tx.send((input.shown().to_owned(), size));
            }
        })
        .expect("spawn reader thread");
    let mut workers = Vec::new();
    for n in 0..options.workers.max(1) {
        let (rx, tx, cleaner, known, analyzer) = (
            record_rx.clone(),
            doc_tx.clone(),
            cleaner.clone(),
            known.clone(),
            options.analyzer.clone(),
        );
        workers.push(
            std::thread::Builder::new()
                .name(format!("clean-{n}"))
                .stack_size(WORKER_STACK)
                .spawn(move || clean_worker(rx, tx, &cleaner, &known, analyzer.as_deref()))
                .expect("spawn worker thread"),
        );
    }
    drop(record_rx);
    drop(doc_tx);

    let mut batch: Vec<Prepared> = Vec::with_capacity(BATCH);
    let mut flush =
        |batch: &mut Vec<Prepared>, summary: &mut Summary, on_event: &mut dyn FnMut(Event)| {
            if batch.is_empty() {
                return Ok(());
            }
            let outcomes = store.insert_batch(batch)?;
            for (doc, outcome) in batch.iter().zip(&outcomes) {
                match outcome {
                    Outcome::New => summary.new += 1,
                    Outcome::NearDuplicate { .. } => {
                        summary.new += 1;
                        summary.near_duplicates += 1;
                    }
                    Outcome::Duplicate { .. } => summary.duplicates += 1,
                }
                on_event(Event::Stored {
                    doc: &doc.doc,
                    outcome,
                });
            }
            batch.clear();
            Ok::<(), StoreError>(())
        };
    let mut last_flush = Instant::now();
    // Results that arrived before some earlier record's: held until it comes.
    let mut pending: BTreeMap<u64, Cleaned> = BTreeMap::new();
    let mut next_seq = 0u64;
    loop {
        while let Ok((shown, size)) = done_rx.try_recv() {
            on_event(Event::InputDone {
                shown: &shown,
                size,
            });
        }
        match doc_rx.recv_timeout(BATCH_WAIT) {
            Ok((seq, cleaned)) => {
                pending.insert(seq, cleaned);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        while let Some(cleaned) = pending.remove(&next_seq) {
            next_seq += 1;
            match cleaned {
                Cleaned::Doc(doc, bytes, failure) => {
                    summary.bytes += bytes;
                    if let Some(f) = failure {
                        summary.failed += 1;
                        on_event(Event::Failure(&f));
                    }
                    batch.push(*doc);
                }
                Cleaned::Skipped(bytes) => {
                    summary.bytes += bytes;
                    summary.duplicates += 1;
                }
                Cleaned::Failed(f) => {
                    summary.failed += 1;
                    on_event(Event::Failure(&f));
                }
            }
        }
        if batch.len() >= BATCH || last_flush.elapsed() >= BATCH_WAIT {
            flush(&mut batch, summary, on_event)?;
            last_flush = Instant::now();
        }
    }
    flush(&mut batch, summary, on_event)?;
    let _ = reader.join();
    for w in workers {
        let _ = w.join();
    }
    while let Ok((shown, size)) = done_rx.try_recv() {
        on_event(Event::InputDone {
            shown: &shown,
            size,
        });
    }
    Ok(())
}

fn clean_worker(
    rx: Receiver<(u64, Item)>,
    tx: Sender<(u64, Cleaned)>,
    cleaner: &Cleaner,
    known: &HashSet<String>,
    analyzer: Option<&Analyzer>,
) {
    for (seq, item) in rx {
        let out = match item {
            Item::Failure(f) => Cleaned::Failed(f),
            Item::Record(record) if known.contains(&record.id) => {
                Cleaned::Skipped(record.input_bytes)
            }
            Item::Record(record) => {
                let mut out = clean_one(cleaner, &record);
                if let (Cleaned::Doc(prepared, _, failure), Some(analyzer)) = (&mut out, analyzer) {
                    match catch_unwind(AssertUnwindSafe(|| analyzer.analyze(&prepared.doc))) {
                        Ok(analysis) => prepared.analysis = Some(analysis),
                        Err(panic) => {
                            *failure = Some(Failure {
                                origin: record.origin.clone(),
                                reason: format!(
                                    "internal error while extracting events ({}); the document is stored without them",
                                    panic_message(&*panic)
                                ),
                            })
                        }
                    }
                }
                out
            }
        };
        if tx.send((seq, out)).is_err() {
            return;
        }
    }
}

fn clean_one(cleaner: &Cleaner, record: &RawRecord) -> Cleaned {
    match catch_unwind(AssertUnwindSafe(|| cleaner.clean(record))) {
        Ok(doc) if doc.text.trim().is_empty() => Cleaned::Failed(Failure {
            origin: record.origin.clone(),
            reason: "no article text found".into(),
        }),
        Ok(doc) => Cleaned::Doc(Box::new(Prepared::new(doc)), record.input_bytes, None),
        Err(panic) => Cleaned::Failed(Failure {
            origin: record.origin.clone(),
            reason: format!("internal error while cleaning ({})", panic_message(&*panic)),
        }),
    }
}

/// The first line of a panic's message.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into());
    what.lines().next().unwrap_or("").to_string()
}
