//! Readers for CoNLL-2003 (IOB1) and Universal NER (IOB2) files, and the writer of prediction
//! files.
//!
//! # Prediction file format
//!
//! [`write_predictions`] repeats every line of the gold file unchanged and appends one column to
//! each *token* line holding the predicted tag in IOB2 (BIO), separated by the separator the line
//! already uses (a tab if the line contains one, otherwise a space). Blank lines, `-DOCSTART-`
//! lines and (UNER) `#` comment lines are copied unchanged, without an extra column. With
//! `drop_misc` (used for UNER, whose gold has no MISC), predicted MISC entities are written as `O`.
//! Line endings (`\n` or `\r\n`) are kept as in the input.

use crate::tags::{iob1_to_bio, EntityType, Tag};
use std::fmt;

/// One sentence: tokens, gold tags (BIO) and the index of its document in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    /// Gold tags in BIO (IOB2); same length as `tokens`.
    pub tags: Vec<Tag>,
    /// Sentences with equal `doc` belong to the same document (numbered from 0 in file order).
    pub doc: usize,
}

impl Sentence {
    /// The tokens as string slices.
    pub fn token_refs(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }

    /// Retags the entities of type `kind` as `O` (the BIO tags stay well formed), for
    /// training on a set whose annotation scheme has no such type.
    pub fn untag(&mut self, kind: EntityType) {
        for t in self.tags.iter_mut() {
            if t.entity_type() == Some(kind) {
                *t = Tag::O;
            }
        }
    }
}

/// The two supported column formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `token POS chunk tag`, space separated, IOB1 tags, `-DOCSTART-` lines between documents.
    Conll2003,
    /// `index token tag ...`, tab separated, IOB2 tags, `#` comment lines (`# newdoc id` starts a
    /// document).
    Uner,
}

/// A malformed input line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ReadError {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Blank,
    DocStart,
    Comment,
    Token,
}

fn classify(line: &str, format: Format) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        LineKind::Blank
    } else if t.starts_with("-DOCSTART-") {
        LineKind::DocStart
    } else if format == Format::Uner && t.starts_with('#') && !line.contains('\t') {
        LineKind::Comment
    } else {
        LineKind::Token
    }
}

fn columns(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split_whitespace().collect()
    }
}

/// Reads a file's text in the given format. CoNLL-2003 IOB1 tags are converted to BIO.
pub fn read(text: &str, format: Format) -> Result<Vec<Sentence>, ReadError> {
    let mut out = Vec::new();
    let mut doc = 0usize;
    let mut seen_doc_marker = false;
    let mut any_in_doc = false;
    let mut tokens = Vec::new();
    let mut tags = Vec::new();
    let flush =
        |tokens: &mut Vec<String>, tags: &mut Vec<Tag>, out: &mut Vec<Sentence>, doc: usize| {
            if !tokens.is_empty() {
                let t = if format == Format::Conll2003 {
                    iob1_to_bio(tags)
                } else {
                    std::mem::take(tags)
                };
                out.push(Sentence {
                    tokens: std::mem::take(tokens),
                    tags: t,
                    doc,
                });
                tags.clear();
            }
        };
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        match classify(line, format) {
            LineKind::Blank => flush(&mut tokens, &mut tags, &mut out, doc),
            LineKind::DocStart => {
                flush(&mut tokens, &mut tags, &mut out, doc);
                if seen_doc_marker || any_in_doc {
                    doc += 1;
                }
                seen_doc_marker = true;
                any_in_doc = false;
            }
            LineKind::Comment => {
                let body = line.trim_start_matches('#').trim();
                if body.starts_with("newdoc") {
                    flush(&mut tokens, &mut tags, &mut out, doc);
                    if seen_doc_marker || any_in_doc {
                        doc += 1;
                    }
                    seen_doc_marker = true;
                    any_in_doc = false;
                }
            }
            LineKind::Token => {
                let cols = columns(line);
                let (tok, tag) = match format {
                    Format::Conll2003 => {
                        if cols.len() < 2 {
                            return Err(ReadError {
                                line: n + 1,
                                message: "expected at least 2 columns".into(),
                            });
                        }
                        (cols[0], cols[cols.len() - 1])
                    }
                    Format::Uner => {
                        if cols.len() < 3 {
                            return Err(ReadError {
                                line: n + 1,
                                message: "expected at least 3 columns".into(),
                            });
                        }
                        (cols[1], cols[2])
                    }
                };
                let tag = Tag::parse(tag.trim()).ok_or_else(|| ReadError {
                    line: n + 1,
                    message: format!("unknown tag {tag:?}"),
                })?;
                tokens.push(tok.to_string());
                tags.push(tag);
                any_in_doc = true;
            }
        }
    }
    flush(&mut tokens, &mut tags, &mut out, doc);
    Ok(out)
}

/// Reads CoNLL-2003 text (IOB1 → BIO).
pub fn read_conll2003(text: &str) -> Result<Vec<Sentence>, ReadError> {
    read(text, Format::Conll2003)
}

/// Reads Universal NER IOB2 text.
pub fn read_uner(text: &str) -> Result<Vec<Sentence>, ReadError> {
    read(text, Format::Uner)
}

/// Groups sentences into documents (consecutive runs of equal `doc`), returning index ranges.
pub fn documents(sentences: &[Sentence]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sentences.len() {
        if i == sentences.len() || sentences[i].doc != sentences[start].doc {
            if i > start {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// Options for [`write_predictions`].
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteOptions {
    /// Write predicted MISC as `O` (for gold files without MISC, such as UNER).
    pub drop_misc: bool,
}

/// An error writing predictions: the predictions do not line up with the gold file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// Writes the prediction file for `gold_text` (see the module documentation). `predicted` holds
/// one tag vector per sentence in the order [`read`] returns them.
pub fn write_predictions(
    gold_text: &str,
    format: Format,
    predicted: &[Vec<Tag>],
    opts: WriteOptions,
) -> Result<String, WriteError> {
    let mut out = String::with_capacity(gold_text.len() + gold_text.len() / 4);
    let mut sent = 0usize;
    let mut tok = 0usize;
    for piece in gold_text.split_inclusive('\n') {
        let (body, ending) = if let Some(b) = piece.strip_suffix("\r\n") {
            (b, "\r\n")
        } else if let Some(b) = piece.strip_suffix('\n') {
            (b, "\n")
        } else {
            (piece, "")
        };
        let kind = classify(body, format);
        if kind == LineKind::Token {
            let tags = predicted
                .get(sent)
                .ok_or_else(|| WriteError(format!("no prediction for sentence {}", sent + 1)))?;
            let tag = *tags.get(tok).ok_or_else(|| {
                WriteError(format!("sentence {} has too few predicted tags", sent + 1))
            })?;
            // Normalise to IOB2: an I-X that does not continue an X entity becomes B-X.
            let prev = if tok == 0 { None } else { Some(tags[tok - 1]) };
            let mut t = tag;
            if opts.drop_misc && t.entity_type() == Some(EntityType::Misc) {
                t = Tag::O;
            }
            if let Tag::I(k) = t {
                let continues = match prev {
                    Some(p) => p.entity_type() == Some(k),
                    None => false,
                };
                if !continues {
                    t = Tag::B(k);
                }
            }
            let sep = if body.contains('\t') { '\t' } else { ' ' };
            out.push_str(body);
            out.push(sep);
            out.push_str(&t.to_string());
            out.push_str(ending);
            tok += 1;
        } else {
            if kind != LineKind::Comment && tok > 0 {
                // A sentence ended (blank line or -DOCSTART-).
                if tok != predicted[sent].len() {
                    return Err(WriteError(format!(
                        "sentence {} has too many predicted tags",
                        sent + 1
                    )));
                }
                sent += 1;
                tok = 0;
            }
            out.push_str(piece);
        }
    }
    if tok > 0 {
        if tok != predicted[sent].len() {
            return Err(WriteError(format!(
                "sentence {} has too many predicted tags",
                sent + 1
            )));
        }
        sent += 1;
    }
    if sent != predicted.len() {
        return Err(WriteError(format!(
            "{} predicted sentences for {} gold sentences",
            predicted.len(),
            sent
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::EntityType::*;

    const CONLL: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nSmith NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n";

    const UNER: &str = "# newdoc id = a\n# sent_id = a-1\n# text = where in tampa bay\n1\twhere\tO\t-\t-\n2\tin\tO\t-\t-\n3\ttampa\tB-LOC\t-\tx\n4\tbay\tI-LOC\t-\tx\n\n# sent_id = a-2\n1\tBob\tB-PER\t-\tx\n\n# newdoc id = b\n# sent_id = b-1\n1\t#\tO\t-\t-\n2\tIBM\tB-ORG\t-\tx\n\n";

    #[test]
    fn reads_conll() {
        let s = read_conll2003(CONLL).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, vec!["EU", "rejects", "German"]);
        assert_eq!(s[0].tags, vec![Tag::B(Org), Tag::O, Tag::B(Misc)]);
        assert_eq!(s[1].tags, vec![Tag::B(Per), Tag::I(Per), Tag::B(Per)]);
        assert_eq!((s[0].doc, s[1].doc, s[2].doc), (0, 0, 1));
        assert_eq!(s[2].tags, vec![Tag::B(Loc)]);
        assert_eq!(documents(&s), vec![0..2, 2..3]);
        let mut first = s[0].clone();
        first.untag(Misc);
        assert_eq!(first.tags, vec![Tag::B(Org), Tag::O, Tag::O]);
    }

    #[test]
    fn reads_uner() {
        let s = read_uner(UNER).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, vec!["where", "in", "tampa", "bay"]);
        assert_eq!(s[0].tags[2..], [Tag::B(Loc), Tag::I(Loc)]);
        assert_eq!((s[0].doc, s[1].doc, s[2].doc), (0, 0, 1));
        // A "#" token inside a tab-separated line is a token, not a comment.
        assert_eq!(s[2].tokens, vec!["#", "IBM"]);
    }

    #[test]
    fn rejects_bad_tag() {
        let e = read_conll2003("a NN I-NP X-FOO\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn writes_predictions() {
        let s = read_conll2003(CONLL).unwrap();
        let pred: Vec<Vec<Tag>> = s.iter().map(|x| x.tags.clone()).collect();
        let out =
            write_predictions(CONLL, Format::Conll2003, &pred, WriteOptions::default()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "-DOCSTART- -X- O O");
        assert_eq!(lines[1], "");
        assert_eq!(lines[2], "EU NNP I-NP I-ORG B-ORG");
        assert_eq!(lines[8], "Smith NNP I-NP B-PER B-PER");
        assert_eq!(out.lines().count(), CONLL.lines().count());

        let u = read_uner(UNER).unwrap();
        let mut pred: Vec<Vec<Tag>> = u.iter().map(|x| x.tags.clone()).collect();
        pred[0][0] = Tag::B(Misc);
        pred[0][1] = Tag::I(Misc);
        let out =
            write_predictions(UNER, Format::Uner, &pred, WriteOptions { drop_misc: true }).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# newdoc id = a");
        assert_eq!(lines[3], "1\twhere\tO\t-\t-\tO");
        assert_eq!(lines[4], "2\tin\tO\t-\t-\tO");
        assert_eq!(lines[6], "4\tbay\tI-LOC\t-\tx\tI-LOC");
        assert_eq!(lines[13], "1\t#\tO\t-\t-\tO");
        // Wrong sentence count is an error.
        assert!(
            write_predictions(UNER, Format::Uner, &pred[..2], WriteOptions::default()).is_err()
        );
    }
}
