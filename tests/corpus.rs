//! The whole French corpus (`features/`) against the in-process reference. `harness = false`:
//! cucumber runs the scenarios; a failure re-runs the corpus verbosely to show the failing step.

use chorus_travaux::moteur::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

#[expect(clippy::print_stdout, reason = "the test's report")]
fn main() -> ExitCode {
    let racine = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fabrique = moteur::fabrique_reference(&racine).expect("the ECB rate file loads");
    let options = Options {
        features: vec![racine.join("features")],
        tags: None,
        racine,
        fabrique,
        verbeux: false,
        etapes_neutres: false,
        concurrence: None,
    };
    let bilan = futures::executor::block_on(moteur::executer(options.clone())).expect("the corpus runs");
    let (sp, sf, ss) = bilan.scenarios;
    println!("corpus : {sp} scénarios réussis, {sf} échoués, {ss} ignorés, {} erreurs de syntaxe", bilan.erreurs_syntaxe);
    if bilan.reussi() && sp > 0 {
        println!("{sp} passed, 0 failed");
        return ExitCode::SUCCESS;
    }
    let _ = futures::executor::block_on(moteur::executer(Options { verbeux: true, ..options }));
    println!("{sp} passed, {} failed", sf + ss);
    ExitCode::FAILURE
}
