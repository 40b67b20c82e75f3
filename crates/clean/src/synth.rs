//! Synthetic training documents for the boilerplate classifier.
//!
//! Real article bodies (clean, from a news corpus) are wrapped in clutter the
//! way a browser copy-paste wraps them: mastheads, menus, appeals, captions,
//! "Read more" links, teasers of other stories (real headlines and first
//! sentences of *other* articles), stamps and legal lines, some glued to a
//! paragraph with no separator. Every block carries its label, so the
//! classifier learns from many documents what no list of phrases can say.

use crate::classifier::Rng;

/// One article with its headline and body paragraphs.
#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// A clutter example from the pool (`category<TAB>text`).
#[derive(Debug, Clone)]
pub struct ClutterLine {
    pub category: String,
    pub text: String,
}

pub fn parse_clutter_pool(tsv: &str) -> Vec<ClutterLine> {
    tsv.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, t)| ClutterLine {
            category: c.trim().to_owned(),
            text: t.trim().to_owned(),
        })
        .filter(|c| !c.text.is_empty())
        .collect()
}

/// A block and whether it should be removed from the article text
/// (clutter, or header metadata that moves to the document's fields).
pub type Labeled = (String, bool);

const OUTLET_PLACES: &[&str] = &[
    "Harbour",
    "Northgate",
    "Valemont",
    "Riverside",
    "Eastbrook",
    "Kestrel",
    "Marlow",
    "Ashford",
    "Corran",
    "Lindqvist",
    "Brightwater",
    "Stonebridge",
    "Ostrava",
    "Meridia",
    "Calder",
];
const OUTLET_KINDS: &[&str] = &[
    "Post",
    "Herald",
    "Times",
    "Courier",
    "Tribune",
    "Daily",
    "Chronicle",
    "Gazette",
    "Observer",
    "Journal",
    "News",
    "Wire",
    "Monitor",
    "Standard",
    "Express",
    "Review",
    "Dispatch",
    "Sentinel",
];
const GIVEN: &[&str] = &[
    "Anna", "Marek", "Lena", "Tomasz", "Ines", "Oskar", "Priya", "Daniel", "Sofia", "Kwame",
    "Mira", "Jonas", "Elif", "Ravi", "Hana", "Pavel", "Nadia", "Luis", "Greta", "Samir",
];
const FAMILY: &[&str] = &[
    "Novak", "Holm", "Varga", "Okafor", "Lindgren", "Castell", "Meyer", "Rahimi", "Dolan",
    "Petrescu", "Ambrose", "Sato", "Keller", "Moreau", "Balogun", "Strand", "Quinn", "Havel",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn outlet(rng: &mut Rng) -> String {
    let place = rng.pick(OUTLET_PLACES);
    let kind = rng.pick(OUTLET_KINDS);
    match rng.below(3) {
        0 => format!("The {place} {kind}"),
        1 => format!("{place} {kind}"),
        _ => format!("{kind} {place}"),
    }
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
}

/// A date written in one of the many ways sites print them.
pub fn date_text(rng: &mut Rng) -> String {
    let (y, m, d) = (2015 + rng.below(11), rng.below(12), 1 + rng.below(28));
    let month = MONTHS[m];
    let mon = &month[..3];
    let wd = WEEKDAYS[rng.below(7)];
    let (hh, mm) = (rng.below(24), rng.below(60));
    match rng.below(10) {
        0 => format!("{d} {month} {y}"),
        1 => format!("{month} {d}, {y}"),
        2 => format!("{} {d} {mon} {y} {hh:02}.{mm:02} GMT", &wd[..3]),
        3 => format!("{y}-{:02}-{d:02}", m + 1),
        4 => format!("{mon} {d}, {y} {}:{mm:02} PM GMT", 1 + hh % 12),
        5 => format!("{wd}, {d} {month} {y}"),
        6 => format!("{d:02}/{:02}/{y} {hh:02}:{mm:02}", m + 1),
        7 => format!("{} hours ago", 1 + rng.below(23)),
        8 => format!("{d} {mon} {y}"),
        _ => format!("{wd} {month} {d} {y}"),
    }
}

fn fill(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_owned();
    while out.contains("{OUTLET}") {
        out = out.replacen("{OUTLET}", &outlet(rng), 1);
    }
    while out.contains("{NAME}") {
        out = out.replacen("{NAME}", &name(rng), 1);
    }
    while out.contains("{DATE}") {
        out = out.replacen("{DATE}", &date_text(rng), 1);
    }
    out
}

/// The clutter pool split by category, with real teasers made from other articles.
pub struct Synthesizer<'a> {
    pool: Vec<(&'a str, Vec<&'a str>)>,
    articles: &'a [Article],
}

impl<'a> Synthesizer<'a> {
    pub fn new(pool: &'a [ClutterLine], articles: &'a [Article]) -> Self {
        let mut by_cat: Vec<(&str, Vec<&str>)> = Vec::new();
        for line in pool {
            match by_cat.iter_mut().find(|(c, _)| *c == line.category) {
                Some((_, v)) => v.push(&line.text),
                None => by_cat.push((&line.category, vec![&line.text])),
            }
        }
        Synthesizer {
            pool: by_cat,
            articles,
        }
    }

    fn pick_line(&self, rng: &mut Rng, category: &str) -> Option<String> {
        let (_, lines) = self.pool.iter().find(|(c, _)| *c == category)?;
        if lines.is_empty() {
            return None;
        }
        let mut line = lines[rng.below(lines.len())].to_owned();
        while line.contains("{TITLE}") && !self.articles.is_empty() {
            let other = &self.articles[rng.below(self.articles.len())];
            line = line.replacen("{TITLE}", &other.title, 1);
        }
        Some(fill(rng, &line))
    }

    /// A caption describing this story's own scene, with a photo credit:
    /// real captions share the story's words, so vocabulary overlap alone
    /// must not make a block look like body text.
    fn story_caption(&self, rng: &mut Rng, article: &Article) -> String {
        let para = &article.paragraphs[rng.below(article.paragraphs.len())];
        let sentence = first_sentence(para);
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let n = words.len().min(6 + rng.below(9));
        let mut scene = words[..n].join(" ");
        scene = scene.trim_end_matches([',', '.', ';', ':']).to_owned();
        let agency = rng.pick(&[
            "AFP",
            "Reuters",
            "EPA",
            "AP",
            "Getty Images",
            "Alamy",
            "PA",
            "Handout",
        ]);
        match rng.below(7) {
            0 => format!("{scene}. Photo: {}/{agency}", name(rng)),
            1 => format!("{scene}. (Photo: {agency})"),
            2 => format!("{scene}. Photograph: {}/{agency}", name(rng)),
            3 => format!("{scene} [{agency}]"),
            4 => format!("{scene}. Image: {agency}"),
            5 => format!("Image caption, {scene}"),
            _ => format!("{scene}. © {agency}"),
        }
    }

    /// A teaser of another story: headline and one-line summary, as two blocks.
    fn teaser(&self, rng: &mut Rng, out: &mut Vec<Labeled>) {
        if rng.chance(0.5) && !self.articles.is_empty() {
            let other = &self.articles[rng.below(self.articles.len())];
            out.push((other.title.clone(), true));
            if let Some(first) = other.paragraphs.first() {
                let sentence = first_sentence(first);
                if rng.chance(0.8) {
                    out.push((sentence, true));
                }
            }
        } else if let Some(line) = self.pick_line(rng, "teaser") {
            match line.split_once("|||") {
                Some((head, summary)) => {
                    out.push((head.trim().to_owned(), true));
                    if rng.chance(0.85) {
                        out.push((summary.trim().to_owned(), true));
                    }
                }
                None => out.push((line, true)),
            }
        }
    }

    fn some(&self, rng: &mut Rng, category: &str, max: usize, out: &mut Vec<Labeled>) {
        for _ in 0..1 + rng.below(max) {
            if let Some(line) = self.pick_line(rng, category) {
                out.push((line, true));
            }
        }
    }

    /// Wraps `article` in clutter. Titles, bylines and date lines are labelled
    /// for removal: they leave the text for the document's metadata fields.
    pub fn document(&self, rng: &mut Rng, article: &Article) -> Vec<Labeled> {
        let mut out: Vec<Labeled> = Vec::new();
        // Briefs: a paragraph or two with little or nothing around them, as
        // wire briefs and clean API exports come.
        if rng.chance(0.06) {
            if rng.chance(0.5) {
                out.push((article.title.clone(), true));
            }
            for p in article.paragraphs.iter().take(1 + rng.below(2)) {
                out.push((p.clone(), false));
            }
            if rng.chance(0.3) {
                self.some(rng, "appeal", 1, &mut out);
            }
            return out;
        }
        if rng.chance(0.3) {
            self.some(rng, "navigation", 5, &mut out);
        }
        if rng.chance(0.25) {
            self.some(rng, "logo", 1, &mut out);
        }
        if rng.chance(0.4) {
            out.push((outlet(rng), true));
        }
        if rng.chance(0.2) {
            self.some(rng, "appeal", 2, &mut out);
        }
        if rng.chance(0.15) {
            for _ in 0..1 + rng.below(2) {
                self.teaser(rng, &mut out);
            }
        }
        if rng.chance(0.15) {
            self.some(rng, "stamp", 1, &mut out);
        }
        out.push((article.title.clone(), true));
        if rng.chance(0.5) {
            let byline = match rng.below(4) {
                0 => format!("By {}", name(rng)),
                1 => format!(
                    "By {}, {}",
                    name(rng),
                    rng.pick(&[
                        "Staff Reporter",
                        "Security Correspondent",
                        "in Valemont",
                        "Political Editor"
                    ])
                ),
                2 => format!("By {} and {}", name(rng), name(rng)),
                _ => format!("BY {}", name(rng).to_uppercase()),
            };
            out.push((byline, true));
        }
        if rng.chance(0.5) {
            let prefix = rng.pick(&[
                "",
                "Published ",
                "Published: ",
                "Updated ",
                "Posted on ",
                "",
            ]);
            out.push((format!("{prefix}{}", date_text(rng)), true));
        }
        if rng.chance(0.3) {
            if rng.chance(0.5) {
                out.push((self.story_caption(rng, article), true));
            } else {
                self.some(rng, "caption", 1, &mut out);
            }
        }
        // Articles often end (and feed items often start) on a one-sentence
        // paragraph; split some so the model sees short body lines at the edges.
        let mut paragraphs = article.paragraphs.clone();
        if rng.chance(0.4) {
            if let Some(last) = paragraphs.pop() {
                paragraphs.extend(split_last_sentence(&last));
            }
        }
        if rng.chance(0.2) && !paragraphs.is_empty() {
            let first = paragraphs.remove(0);
            let mut parts = split_last_sentence(&first);
            parts.reverse();
            for p in parts {
                paragraphs.insert(0, p);
            }
        }
        let glue_at = if rng.chance(0.25) {
            Some(rng.below(paragraphs.len().max(1)))
        } else {
            None
        };
        for (i, para) in paragraphs.iter().enumerate() {
            if glue_at == Some(i) {
                let category = rng.pick(&["appeal", "navigation", "readmore", "caption"]);
                if let Some(line) = self.pick_line(rng, category) {
                    if rng.chance(0.7) {
                        out.push((line, true));
                        out.push((para.clone(), false));
                    } else {
                        out.push((para.clone(), false));
                        out.push((line, true));
                    }
                    continue;
                }
            }
            out.push((para.clone(), false));
            if i + 1 < paragraphs.len() {
                for category in ["caption", "readmore", "appeal", "navigation"] {
                    if rng.chance(0.05) {
                        self.some(rng, category, 1, &mut out);
                    }
                }
                if rng.chance(0.05) {
                    out.push((self.story_caption(rng, article), true));
                }
                if rng.chance(0.015) {
                    self.teaser(rng, &mut out);
                }
            }
        }
        if rng.chance(0.1) {
            self.some(rng, "feedfooter", 1, &mut out);
        }
        if rng.chance(0.2) {
            self.some(rng, "byline", 1, &mut out);
        }
        if rng.chance(0.25) {
            self.some(rng, "about", 2, &mut out);
        }
        if rng.chance(0.45) {
            self.some(rng, "appeal", 3, &mut out);
        }
        if rng.chance(0.35) {
            self.some(rng, "navigation", 6, &mut out);
        }
        if rng.chance(0.35) {
            for _ in 0..1 + rng.below(4) {
                self.teaser(rng, &mut out);
            }
        }
        if rng.chance(0.15) && !self.articles.is_empty() {
            out.push((
                rng.pick(&["Most read", "Most popular", "Trending now", "Top stories"])
                    .to_string(),
                true,
            ));
            for k in 0..3 + rng.below(3) {
                let other = &self.articles[rng.below(self.articles.len())];
                let line = if rng.chance(0.5) {
                    format!("{} {}", k + 1, other.title)
                } else {
                    other.title.clone()
                };
                out.push((line, true));
            }
        }
        if rng.chance(0.4) {
            self.some(rng, "legal", 2, &mut out);
        }
        if rng.chance(0.15) {
            self.some(rng, "stamp", 1, &mut out);
        }
        if rng.chance(0.15) {
            let clutter: Vec<String> = out
                .iter()
                .filter(|(t, r)| *r && t.len() < 60)
                .map(|(t, _)| t.clone())
                .collect();
            if !clutter.is_empty() {
                let line = clutter[rng.below(clutter.len())].clone();
                let at = rng.below(out.len() + 1);
                out.insert(at, (line, true));
            }
        }
        out.retain(|(t, _)| !t.trim().is_empty());
        out
    }
}

/// A paragraph split before its last sentence, or whole if it has one sentence.
fn split_last_sentence(para: &str) -> Vec<String> {
    let bytes = para.as_bytes();
    let cut = para
        .match_indices(". ")
        .filter(|(i, _)| *i >= 12 && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase()))
        .map(|(i, _)| i + 1)
        .last();
    match cut {
        Some(c) => vec![para[..c].trim().to_owned(), para[c..].trim().to_owned()],
        None => vec![para.to_owned()],
    }
}

/// The first sentence of a paragraph (up to the first ". " after 12 characters).
pub fn first_sentence(para: &str) -> String {
    let bytes = para.as_bytes();
    for (i, _) in para.match_indices(". ") {
        if i >= 12 && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase()) {
            return para[..=i].to_owned();
        }
    }
    para.to_owned()
}

/// Reads the BBC News corpus layout: one file per article, headline on the
/// first line, paragraphs separated by blank lines.
pub fn parse_headline_article(text: &str) -> Option<Article> {
    let text = text.replace("\r\n", "\n");
    let mut parts = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let title = parts.next()?.to_owned();
    let paragraphs: Vec<String> = parts
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (!paragraphs.is_empty()).then_some(Article { title, paragraphs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_every_paragraph_labelled_as_content() {
        let pool = parse_clutter_pool(
            "appeal\tSubscribe to {OUTLET}\nnavigation\tMenu\nteaser\tHead ||| Summary.\n",
        );
        let articles = vec![
            Article {
                title: "One".into(),
                paragraphs: vec!["First paragraph.".into(), "Second.".into()],
            },
            Article {
                title: "Two".into(),
                paragraphs: vec!["Other story.".into()],
            },
        ];
        let synth = Synthesizer::new(&pool, &articles);
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let doc = synth.document(&mut rng, &articles[0]);
            let kept: Vec<&str> = doc
                .iter()
                .filter(|(_, r)| !r)
                .map(|(t, _)| t.as_str())
                .collect();
            // Whole articles, or briefs made of their first paragraphs, in order.
            let joined = kept.join(" ");
            assert!(
                ["First paragraph. Second.", "First paragraph."].contains(&joined.as_str()),
                "{joined}"
            );
            assert!(doc.iter().all(|(t, _)| !t.contains('{')));
        }
    }

    #[test]
    fn first_sentence_skips_abbreviations_at_the_start() {
        assert_eq!(
            first_sentence("Mr. Smith went home. Then he slept."),
            "Mr. Smith went home."
        );
    }
}
