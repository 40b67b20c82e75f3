//! CoNLL-U reading and writing.
//!
//! A [`Sentence`] keeps everything needed to write the file back byte for byte: comment lines,
//! the syntactic words (the lines this crate tags and parses) and the other lines — multiword
//! token ranges (`3-4`) and empty nodes (`5.1`) — together with their position among the words.
//! Reading a well-formed file and writing it again gives the same bytes.

use std::fmt::Write as _;

use crate::Error;

/// One syntactic word (a line whose ID is a plain integer). All columns are kept as text except
/// ID and HEAD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence (column 1).
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// Column 7: `None` when the file has `_`; `Some(0)` is the root.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// A word with only a form; every other column is `_`.
    pub fn from_form(id: usize, form: &str) -> Word {
        let u = || "_".to_string();
        Word {
            id,
            form: form.to_string(),
            lemma: u(),
            upos: u(),
            xpos: u(),
            feats: u(),
            head: None,
            deprel: u(),
            deps: u(),
            misc: u(),
        }
    }
}

/// A line that is neither a comment nor a syntactic word: a multiword token range or an empty
/// node, kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraLine {
    /// How many syntactic words precede this line in the file.
    pub after_words: usize,
    /// The whole line without its line break.
    pub text: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines, including the leading `#`, in file order.
    pub comments: Vec<String>,
    /// The syntactic words, in order; `words[i].id == i + 1`.
    pub words: Vec<Word>,
    /// Multiword token and empty node lines.
    pub extra: Vec<ExtraLine>,
}

impl Sentence {
    /// A sentence made only of word forms (for annotating raw, already tokenised text).
    pub fn from_forms<S: AsRef<str>>(forms: &[S]) -> Sentence {
        Sentence {
            comments: Vec::new(),
            words: forms
                .iter()
                .enumerate()
                .map(|(i, f)| Word::from_form(i + 1, f.as_ref()))
                .collect(),
            extra: Vec::new(),
        }
    }

    /// The forms of the syntactic words.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// Gold heads (0 = root) if every word has one.
    pub fn heads(&self) -> Option<Vec<usize>> {
        self.words.iter().map(|w| w.head).collect()
    }
}

fn err(line: usize, msg: impl Into<String>) -> Error {
    Error::Conllu {
        line,
        message: msg.into(),
    }
}

/// Parses CoNLL-U text. Sentences are separated by blank lines; a file need not end with one.
/// Lines may end in `\n` or `\r\n`.
pub fn parse(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (i, raw) in text.split('\n').enumerate() {
        let lineno = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if started {
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        if line.starts_with('#') {
            if !cur.words.is_empty() || !cur.extra.is_empty() {
                return Err(err(lineno, "comment line inside a sentence"));
            }
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                lineno,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            cur.extra.push(ExtraLine {
                after_words: cur.words.len(),
                text: line.to_string(),
            });
            continue;
        }
        let id: usize = id
            .parse()
            .map_err(|_| err(lineno, format!("bad ID {:?}", cols[0])))?;
        if id != cur.words.len() + 1 {
            return Err(err(
                lineno,
                format!(
                    "word ID {} out of sequence (expected {})",
                    id,
                    cur.words.len() + 1
                ),
            ));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse()
                    .map_err(|_| err(lineno, format!("bad HEAD {h:?}")))?,
            ),
        };
        cur.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if started {
        out.push(cur);
    }
    for (k, s) in out.iter().enumerate() {
        for w in &s.words {
            if let Some(h) = w.head {
                if h > s.words.len() {
                    return Err(Error::Conllu {
                        line: 0,
                        message: format!(
                            "sentence {}: HEAD {} beyond sentence length {}",
                            k + 1,
                            h,
                            s.words.len()
                        ),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read_file(path: impl AsRef<std::path::Path>) -> Result<Vec<Sentence>, Error> {
    let text = std::fs::read_to_string(path.as_ref())
        .map_err(|e| Error::Io(format!("{}: {e}", path.as_ref().display())))?;
    parse(&text)
}

/// Appends one sentence (followed by a blank line) to `out`.
pub fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        out.push_str(c);
        out.push('\n');
    }
    let mut extra = s.extra.iter().peekable();
    for k in 0..=s.words.len() {
        while let Some(e) = extra.peek() {
            if e.after_words > k {
                break;
            }
            out.push_str(&e.text);
            out.push('\n');
            extra.next();
        }
        if let Some(w) = s.words.get(k) {
            let head = match w.head {
                Some(h) => h.to_string(),
                None => "_".to_string(),
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, head, w.deprel, w.deps, w.misc
            );
        }
    }
    out.push('\n');
}

/// Formats sentences as CoNLL-U text.
pub fn to_string(sents: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sents {
        write_sentence(s, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = 1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n\
4.1\tknow\t_\t_\t_\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\
\n\
# sent_id = 2\n\
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n\
\n";

    #[test]
    fn round_trip_is_byte_identical() {
        let sents = parse(SAMPLE).unwrap();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words.len(), 5);
        assert_eq!(sents[0].extra.len(), 2);
        assert_eq!(sents[0].extra[0].after_words, 1);
        assert_eq!(sents[0].extra[1].after_words, 4);
        assert_eq!(sents[0].words[3].head, Some(0));
        assert_eq!(sents[0].comments.len(), 3);
        assert_eq!(to_string(&sents), SAMPLE);
    }

    #[test]
    fn replacing_columns_keeps_other_lines() {
        let mut sents = parse(SAMPLE).unwrap();
        for w in &mut sents[0].words {
            w.lemma = "L".into();
            w.head = Some(0);
        }
        let out = to_string(&sents);
        assert!(out.contains("2-3\tdon't\t_"));
        assert!(out.contains("4.1\tknow\t_"));
        assert!(out.contains("1\tI\tL\tPRON\tPRP\tCase=Nom\t0\tnsubj"));
        assert_eq!(parse(&out).unwrap()[0].words.len(), 5);
    }

    #[test]
    fn crlf_and_missing_final_blank_line() {
        let text = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\r\n\r\n1\tb\tb\tX\tX\t_\t_\t_\t_\t_";
        let sents = parse(text).unwrap();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[1].words[0].head, None);
    }

    #[test]
    fn errors_name_the_line() {
        match parse("1\ta\n") {
            Err(Error::Conllu { line, .. }) => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
        assert!(parse("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").is_err());
    }
}
