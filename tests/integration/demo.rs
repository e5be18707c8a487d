//! `demo` as a trainer runs it (issue 12): the list, a demonstration played in the terminal
//! (snapshots of what the room sees), step by step from piped input, and bad input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lancer(args: &[&str], entree: &str) -> Output {
    let mut enfant = Command::new(env!("CARGO_BIN_EXE_chorus-travaux"))
        .current_dir(racine())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    enfant.stdin.take().expect("stdin").write_all(entree.as_bytes()).expect("input written");
    enfant.wait_with_output().expect("the binary ends")
}

fn sortie(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn demo_list_shows_the_four_demonstrations_and_the_four_processes() {
    let o = lancer(&["demo", "list"], "");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let t = sortie(&o);
    assert!(t.matches("Démonstration ").count() >= 4, "{t}");
    assert!(t.matches("Processus").count() + t.matches("procédure tacite").count() >= 4, "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn demo_play_shows_who_acts_and_the_screens_checked() {
    let o = lancer(&["demo", "play", "04-rejeter-une-piece"], "");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let t = sortie(&o);
    assert!(!t.contains('\u{1b}'), "no colour off a terminal");
    assert!(!t.contains('✗'), "every step passed: {t}");
    insta::assert_snapshot!(t);
}

#[test]
fn demo_play_step_by_step_reads_lines_from_a_pipe() {
    let o = lancer(&["demo", "play", "parametrer-structure", "--pas-a-pas"], &"\n".repeat(20));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let t = sortie(&o);
    assert_eq!(t.matches("(Entrée pour continuer)").count(), 13, "a pause between each of the 14 steps: {t}");
    // Input that ends early does not hang the play.
    let o = lancer(&["demo", "play", "parametrer-structure", "--pas-a-pas"], "");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn an_unknown_demonstration_is_bad_input_and_lists_the_names() {
    let o = lancer(&["demo", "play", "demonstration-inconnue"], "");
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("démonstration inconnue « demonstration-inconnue »") && e.contains("01-parametrer-structure"), "{e}");
}

#[test]
fn the_slideshow_opens_in_chromium_with_the_screen_and_the_swimlane() {
    let dir = std::env::temp_dir().join(format!("demo-diaporama-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fichier = dir.join("en-cours.html");
    let f = fichier.display().to_string();
    let o = lancer(&["demo", "play", "05-processus-en-cours-de-marche", "--html", &f], "");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(&fichier).expect("written");
    assert!(
        !page.contains("http://") || page.matches("http://").all(|_| page.contains("xmlns=\"http://www.w3.org/2000/svg\"")),
        "no network"
    );
    assert!(!page.contains("<script src") && !page.contains("<link"), "self-contained");
    // Slide 12: the service financier's « Factures reçues » after the état d'acompte validé.
    let url = format!("file://{}#12", fichier.display());
    let dom = crate::rapports::navigateur(&["--dump-dom"], &url);
    let active = dom.split("<section class=\"active\">").nth(1).and_then(|s| s.split("</section>").next()).unwrap_or("");
    assert!(active.contains("Chorus Pro · Factures reçues"), "the screen is on the slide: {active}");
    assert!(
        active.contains("<svg") && active.contains("Service financier") && active.contains("A19 · MISE À DISPOSITION"),
        "and the diagram: {active}"
    );
    assert_eq!(dom.matches("<section class=\"active\">").count(), 1, "one slide at a time");
    let png = dir.join("diapo-12.png");
    let _ = crate::rapports::navigateur(&[&format!("--screenshot={}", png.display()), "--window-size=1100,900"], &url);
    let taille = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(taille > 20_000, "a screenshot with content, not a blank page ({taille} bytes)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_file_of_features_demos_is_a_demonstration_naming_its_slide() {
    use chorus_travaux::demo;
    let demos = demo::lister(&racine()).expect("the demonstrations read");
    let fichiers = chorus_travaux::moteur::verification::fichiers_feature(&[demo::dossier(&racine())]).expect("features/demos/");
    assert_eq!(demos.len(), fichiers.len(), "every file of features/demos/ is tagged @demo");
    for d in &demos {
        assert!(d.diapositive.starts_with("diapositive"), "{} names the seed's slide it replays in its description", d.nom);
        assert!(d.sequences.iter().all(|s| s.etapes.iter().any(|e| e.nature == demo::Nature::Narration)), "{}: the trainer speaks", d.nom);
        assert!(d.sequences.iter().all(|s| s.etapes.iter().any(|e| e.nature == demo::Nature::Ecran)), "{}: a screen is shown", d.nom);
    }
}
