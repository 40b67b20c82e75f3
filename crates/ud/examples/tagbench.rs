//! Tagging speed on the words of a CoNLL-U file: `tagbench MODEL CONLLU [REPEATS]`.
//! `CASCADE=stage,upos` sets the cascade margins (`inf` for exact).
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = std::fs::read(&args[1]).unwrap();
    let mut t = storyline_ud::Tagger::from_bytes(&model).unwrap();
    if let Ok(c) = std::env::var("CASCADE") {
        let v: Vec<f32> = c.split(',').map(|x| x.parse().unwrap()).collect();
        t.set_cascade(storyline_ud::Cascade {
            stage_margin: v[0],
            upos_margin: v[1],
        });
    }
    let sents = storyline_ud::conllu::read_file(&args[2]).unwrap();
    let reps: usize = args.get(3).map_or(5, |r| r.parse().unwrap());
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let n: usize = words.iter().map(Vec::len).sum();
    let (mut right, mut total) = (0, 0);
    for (s, w) in sents.iter().zip(&words) {
        for (g, p) in s.words.iter().zip(t.tag(w)) {
            total += 1;
            right += (g.upos == p.upos.as_str()) as usize;
        }
    }
    println!("UPOS {:.2}", 100.0 * right as f64 / total as f64);
    for _ in 0..reps {
        let start = Instant::now();
        let mut k = 0;
        for w in &words {
            k += t.tag(w).len();
        }
        assert_eq!(k, n);
        println!("{:.0} tokens/s", n as f64 / start.elapsed().as_secs_f64());
    }
}
