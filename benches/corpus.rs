//! Scenarios per second of the real corpus, beside the same engine running the same corpus with
//! no-op steps (every step still matches its pattern), in one run. Target: at least half.
//!
//! `cargo bench --bench corpus` prints the medians of interleaved rounds and the ratio.

use chorus_travaux::moteur::{self, Options};
use std::path::PathBuf;
use std::time::Instant;

const TOURS: usize = 9;

fn mediane(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[expect(clippy::print_stdout, reason = "the bench's summary is its output")]
fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let racine = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fabrique = moteur::fabrique_reference(&racine).expect("rates");
    let options = |neutres| Options {
        features: vec![racine.join("features")],
        tags: None,
        racine: racine.clone(),
        fabrique: fabrique.clone(),
        verbeux: false,
        etapes_neutres: neutres,
        concurrence: None,
    };
    let mut reel = Vec::new();
    let mut neutre = Vec::new();
    let mut scenarios = 0;
    for _ in 0..TOURS {
        for (neutres, mesures) in [(false, &mut reel), (true, &mut neutre)] {
            let t = Instant::now();
            let bilan = futures::executor::block_on(moteur::executer(options(neutres))).expect("corpus");
            let s = t.elapsed().as_secs_f64();
            assert!(neutres || bilan.reussi(), "the corpus must pass to be measured");
            scenarios = bilan.scenarios.0 + bilan.scenarios.1 + bilan.scenarios.2;
            mesures.push(scenarios as f64 / s);
        }
    }
    let (r, n) = (mediane(reel), mediane(neutre));
    println!("Corpus : {scenarios} scénarios, médianes de {TOURS} tours entrelacés");
    println!("  étapes réelles (référence en processus) : {r:>8.0} scénarios/s");
    println!("  même moteur, étapes neutres            : {n:>8.0} scénarios/s");
    let ratio = r / n;
    println!("  ratio {ratio:.2} (objectif ≥ 0,5 : {})", if ratio >= 0.5 { "atteint" } else { "NON ATTEINT" });
}
