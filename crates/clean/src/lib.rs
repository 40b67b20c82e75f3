//! From raw records to clean documents: main content, removed boilerplate and
//! metadata.
//!
//! * HTML pages: rs-trafilatura finds the main content ([`html`]); the page's
//!   markup gives the metadata.
//! * Plain text (what analysts paste from a browser): a trained block
//!   classifier removes the boilerplate ([`text`], [`features`], [`classifier`]),
//!   including boilerplate glued to a sentence; the header gives the metadata
//!   ([`meta`]).
//! * Fragments (feed items, JSON `html` fields) are flattened and cleaned as text.
//!
//! Container metadata (JSON fields, feed elements) wins over markup, and
//! markup wins over what the visible text suggests.

pub mod classifier;
pub mod features;
pub mod html;
pub mod lang;
pub mod meta;
pub mod synth;
pub mod text;
pub mod train;

use std::collections::HashSet;

use storyline_ingest::{Content, RawRecord};
use storyline_model::{Document, Format, PublishedFrom};
use storyline_time::parse_date;

use crate::classifier::BlockModel;

/// The block classifier trained by `storyline train cleaner` (see `data/README.md`).
static BUNDLED_MODEL: &[u8] = include_bytes!("../models/cleaner.bin");

/// Lines of extracted HTML content are removed when the classifier is this
/// sure and they are this short.
const EXTRACTED_THRESHOLD: f32 = 0.99;

/// What a long prose block of a feed item must score to be removed. A feed item is the
/// publisher's own article body: its clutter is short lines, while its last paragraphs,
/// which often turn to a side of the story the rest does not share words with, look to
/// the classifier like a teaser for another story (0.8 to 0.95 on such paragraphs).
const FEED_PROSE_THRESHOLD: f32 = 0.97;

/// The bar a long prose block must pass to be removed, by input format.
pub fn prose_threshold(format: Format) -> f32 {
    match format {
        Format::Rss | Format::Atom | Format::JsonFeed => FEED_PROSE_THRESHOLD,
        _ => text::THRESHOLD,
    }
}
const EXTRACTED_MAX_WORDS: usize = 12;

/// Most `removed` entries kept per document: a page's whole navigation is
/// summarised by its first few hundred blocks.
const MAX_REMOVED: usize = 300;

pub struct Cleaner {
    model: BlockModel,
}

impl Cleaner {
    /// The cleaner with the model shipped in the binary.
    pub fn bundled() -> Result<Cleaner, String> {
        Ok(Cleaner {
            model: BlockModel::from_bytes(BUNDLED_MODEL)?,
        })
    }

    pub fn with_model(model: BlockModel) -> Cleaner {
        Cleaner { model }
    }

    pub fn model(&self) -> &BlockModel {
        &self.model
    }

    /// Turns a raw record into a document (without duplicate links, which the store decides).
    pub fn clean(&self, record: &RawRecord) -> Document {
        let mut doc = Document {
            id: record.id.clone(),
            source: record.source.clone(),
            format: Some(record.format),
            extra: record.hints.extra.clone(),
            ..Document::default()
        };
        let mut found = Found::default();
        match &record.content {
            Content::Text(text) => {
                let cleaned = text::clean_text(
                    text,
                    record.format == Format::Markdown,
                    &self.model,
                    prose_threshold(record.format),
                );
                doc.text = cleaned.text;
                doc.removed = cleaned.removed;
                found.take_text_meta(cleaned.meta);
            }
            Content::Html(page) => self.clean_html(
                page,
                record.hints.url.as_deref(),
                prose_threshold(record.format),
                &mut doc,
                &mut found,
            ),
        }
        let hints = &record.hints;
        let hint_date = hints.published.as_deref().and_then(parse_date);
        doc.title = clean_field(hints.title.clone()).or(found.title);
        doc.author = clean_field(hints.author.clone()).or(found.author);
        doc.outlet = clean_field(hints.outlet.clone()).or(found.outlet);
        (doc.published, doc.published_from) = match (hint_date, found.published) {
            (Some(d), _) => (Some(d), PublishedFrom::Metadata),
            (None, Some((d, from))) => (Some(d), from),
            (None, None) => (None, PublishedFrom::None),
        };
        doc.removed.truncate(MAX_REMOVED);
        doc.language = lang::detect(&doc.text);
        doc
    }

    fn clean_html(
        &self,
        page: &str,
        url: Option<&str>,
        prose_threshold: f32,
        doc: &mut Document,
        found: &mut Found,
    ) {
        let whole_page = html::is_full_page(page) && html::nesting_depth(page) <= html::MAX_NESTING;
        let main = if whole_page {
            html::extract_main_text(page, url)
        } else {
            None
        };
        let Some(main) = main else {
            // A fragment, a pathological page, or nothing extracted: clean as text.
            let cleaned =
                text::clean_text(&html::flatten(page), false, &self.model, prose_threshold);
            doc.text = cleaned.text;
            doc.removed = cleaned.removed;
            found.take_text_meta(cleaned.meta);
            return;
        };
        let page_meta = html::page_meta(page);
        // The extractor's output is trusted except for short lines the
        // classifier is all but certain about ("Advertisement", "Read more: ...").
        // Measured on real pages, removing every line the classifier doubted
        // took more article text than boilerplate (body F1 0.888 against 0.928).
        let lines = text::lines_of(&main);
        let blocks = text::classify_blocks(&lines, &self.model);
        let mut kept: Vec<&str> = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        for b in &blocks {
            let is_title = page_meta.title.as_deref() == Some(b.text.as_str());
            let sure_clutter = b.p_remove > EXTRACTED_THRESHOLD
                && b.text.split_whitespace().count() <= EXTRACTED_MAX_WORDS;
            if sure_clutter {
                removed.push(b.text.clone());
            } else if !is_title && !kept.contains(&b.text.as_str()) {
                kept.push(&b.text);
            }
        }
        doc.text = kept.join("\n\n");
        // What the extractor left out of the page, so nothing is silently lost.
        let kept_set: HashSet<&str> = kept.iter().copied().collect();
        let flat = html::flatten(page);
        let page_lines = text::lines_of(&flat);
        let visible_text_meta = {
            let head: Vec<String> = page_lines.iter().take(80).cloned().collect();
            meta::text_meta(&text::classify_blocks(&head, &self.model))
        };
        for line in page_lines {
            if removed.len() >= MAX_REMOVED {
                break;
            }
            let skip = kept_set.contains(line.as_str())
                || doc.text.contains(line.as_str())
                || page_meta.title.as_deref() == Some(line.as_str());
            if !skip && !removed.contains(&line) {
                removed.push(line);
            }
        }
        doc.removed = removed;
        found.title = page_meta.title.or(visible_text_meta.title.clone());
        found.author = page_meta.author.or(visible_text_meta.author.clone());
        found.outlet = page_meta
            .outlet
            .or(visible_text_meta.outlet.clone())
            .map(|o| {
                // An acronym ("CNNA") is given in full where the page spells it out.
                if meta::is_acronym(&o) {
                    if let Some(full) = flat.lines().find_map(|l| meta::expansion_in(&o, l)) {
                        return full;
                    }
                }
                o
            });
        found.published = match page_meta.published {
            Some(d) => Some((d, PublishedFrom::Metadata)),
            None => visible_text_meta
                .published
                .map(|d| (d, PublishedFrom::Text)),
        };
    }
}

#[derive(Default)]
struct Found {
    title: Option<String>,
    author: Option<String>,
    outlet: Option<String>,
    published: Option<(storyline_model::Date, PublishedFrom)>,
}

impl Found {
    fn take_text_meta(&mut self, meta: meta::TextMeta) {
        self.title = meta.title;
        self.author = meta.author;
        self.outlet = meta.outlet;
        self.published = meta.published.map(|d| (d, PublishedFrom::Text));
    }
}

fn clean_field(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}
