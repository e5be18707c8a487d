//! The binary, as a user runs it: exit codes and messages (README « Exit codes »).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lancer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chorus-travaux")).current_dir(racine()).args(args).output().expect("the binary runs")
}

fn fixture(nom: &str) -> String {
    Path::new("tests/fixtures").join(nom).display().to_string()
}

/// A report directory of the test's own: runs of concurrent tests would otherwise write the
/// same files of `reports/` at once.
fn rapports(nom: &str) -> String {
    std::env::temp_dir().join(format!("cli-{nom}-{}", std::process::id())).display().to_string()
}

fn texte(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn check_lists_a_misspelt_step_with_suggestions() {
    let o = lancer(&["check", &fixture("etape-mal-orthographiee.feature")]);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    let t = texte(&o);
    assert!(t.contains("etape-mal-orthographiee.feature:5"), "{t}");
    assert!(t.contains("dépôse"), "{t}");
    assert!(t.contains("le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT"), "the closest step is suggested: {t}");
}

#[test]
fn check_passes_on_the_corpus() {
    let o = lancer(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
}

#[test]
fn a_missing_data_set_is_bad_input() {
    let o = lancer(&["check", &fixture("jeu-absent.feature")]);
    assert_eq!(o.status.code(), Some(2));
    let t = texte(&o);
    assert!(t.contains("jeu-absent.feature:4") && t.contains("inexistant"), "{t}");
    let o = lancer(&["run", &fixture("jeu-absent.feature")]);
    assert_eq!(o.status.code(), Some(2), "run checks first: {}", texte(&o));
}

#[test]
fn broken_gherkin_is_bad_input() {
    let o = lancer(&["check", &fixture("syntaxe-cassee.feature")]);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    assert!(texte(&o).contains("syntaxe-cassee.feature:2:"), "{}", texte(&o));
    assert_eq!(lancer(&["run", &fixture("syntaxe-cassee.feature")]).status.code(), Some(2));
}

#[test]
fn a_failing_scenario_exits_1() {
    let dir = rapports("echoue");
    let o = lancer(&["run", &fixture("scenario-echoue.feature"), "--report-dir", &dir]);
    assert_eq!(o.status.code(), Some(1), "{}", texte(&o));
    assert!(texte(&o).contains("1 échoués"), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_without_language_header_parses_as_french() {
    let dir = rapports("sans-en-tete");
    let o = lancer(&["run", &fixture("sans-en-tete.feature"), "--report-dir", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tags_select_scenarios() {
    let dir = rapports("tags");
    let o = lancer(&["run", "--tags", "@REQ-TAC-04 and not @demo", "--report-dir", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    assert!(texte(&o).contains("3 scénarios"), "the outline's three examples: {}", texte(&o));
    let _ = std::fs::remove_dir_all(&dir);
    let o = lancer(&["run", "--tags", "@@@"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn steps_prints_the_catalogue() {
    let o = lancer(&["steps"]);
    assert_eq!(o.status.code(), Some(0));
    let t = texte(&o);
    assert!(t.contains("Soit la date du 3 mars 2026") && t.contains("Quand 11 jours passent"), "{t}");
    let o = lancer(&["steps", "--format", "markdown"]);
    assert!(texte(&o).starts_with("# Catalogue des étapes"));
}

#[test]
fn unknown_target_and_bad_arguments_are_bad_input() {
    assert_eq!(lancer(&["run", "--target", "ftp://x"]).status.code(), Some(2));
    assert_eq!(lancer(&["frobnicate"]).status.code(), Some(2));
}
