//! `tagagree DIR...`: how often the cascaded tagger agrees with the exact one on the
//! sentences of the text files under DIR (tokenised and split by the bundled segmenter).
fn files(p: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if p.is_dir() {
        let mut es: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        es.sort();
        for e in es {
            files(&e, out);
        }
    } else if p.extension().is_some_and(|e| e == "txt") {
        out.push(p.to_path_buf());
    }
}

fn main() {
    let a = storyline_nlp::Annotator::bundled().unwrap();
    let seg = storyline_text::Segmenter::bundled().unwrap();
    let mut fs = Vec::new();
    for d in std::env::args().skip(1) {
        files(std::path::Path::new(&d), &mut fs);
    }
    let mut exact = a.ud().tagger.clone();
    exact.set_cascade(storyline_ud::Cascade::EXACT);
    let fast = &a.ud().tagger;
    let (mut n, mut du, mut dx) = (0usize, 0usize, 0usize);
    for f in fs {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let doc = seg.annotate(&text);
        for s in &doc.sentences {
            let w: Vec<&str> = doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.span.of(&doc.text))
                .collect();
            for (x, y) in exact.tag(&w).iter().zip(fast.tag(&w)) {
                n += 1;
                du += (x.upos != y.upos) as usize;
                dx += (x.xpos != y.xpos) as usize;
            }
        }
    }
    println!(
        "{n} tokens: UPOS differs on {du} ({:.3}%), XPOS on {dx} ({:.3}%)",
        100.0 * du as f64 / n as f64,
        100.0 * dx as f64 / n as f64
    );
}
