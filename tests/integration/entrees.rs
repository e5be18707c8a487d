//! Bad input at the command line is exit 2 with a located message, found before any scenario
//! runs (issue 9, items 12 to 16): broken data files, names that are paths, a run that selects
//! nothing, a report directory that cannot be written, odd feature files, a malformed URL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lancer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chorus-travaux")).current_dir(racine()).args(args).output().expect("the binary runs")
}

fn texte(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A directory of the test's own under the system's temporary directory, emptied first.
fn temporaire(nom: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("entrees-{nom}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temporary directory");
    d
}

fn copier(de: &Path, vers: &Path) {
    std::fs::create_dir_all(vers).expect("mkdir");
    for e in std::fs::read_dir(de).expect("read_dir") {
        let e = e.expect("entry");
        let cible = vers.join(e.file_name());
        if e.path().is_dir() {
            copier(&e.path(), &cible);
        } else {
            std::fs::copy(e.path(), &cible).expect("copy");
        }
    }
}

/// A project root of the test's own: the real `scenarios/`, with the data files and features of
/// `tests/fixtures/donnees/` added.
fn projet(nom: &str) -> PathBuf {
    let d = temporaire(nom);
    copier(&racine().join("scenarios"), &d.join("scenarios"));
    copier(&racine().join("tests/fixtures/donnees/jeux"), &d.join("scenarios/jeux"));
    copier(&racine().join("tests/fixtures/donnees/marches"), &d.join("scenarios/marches"));
    copier(&racine().join("tests/fixtures/donnees/features"), &d.join("features"));
    d
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

// ----- item 12: broken data files --------------------------------------------------------------

#[test]
fn check_reads_the_data_files_the_features_name_and_locates_their_errors() {
    let p = projet("check-donnees");
    let feature = p.join("features/donnees-cassees.feature");
    let o = lancer(&["--racine", &s(&p), "check", &s(&feature)]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    // Each variant: the step's line, then the data file with its line (and column when known).
    for (ligne, attendu) in [
        (5, "jeux/indentation.yaml:"),
        (8, "jeux/mauvais-type.yaml:7:"),
        (11, "jeux/champ-inconnu.yaml:5:"),
        (14, "marches/nexiste-pas.yaml"),
        (17, "marches/cassee.yaml:4:"),
        (21, "marches/cassee.yaml:4:"),
        (24, "etc/hostname"),
    ] {
        let l = t.lines().find(|l| l.contains(&format!("donnees-cassees.feature:{ligne}:"))).unwrap_or_else(|| panic!("line {ligne}: {t}"));
        assert!(l.contains(attendu), "line {ligne} names {attendu}: {l}");
    }
    assert!(t.contains("raison_socialle"), "the unknown field is named: {t}");
    // A valid data set passes.
    let o = lancer(&["--racine", &s(&p), "check", &s(&p.join("features/petit.feature"))]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&p);
}

#[test]
fn run_refuses_broken_data_before_any_scenario_runs() {
    let p = projet("run-donnees");
    let rapports = p.join("rapports");
    let o =
        lancer(&["--racine", &s(&p), "run", &s(&p.join("features/donnees-cassees.feature")), "--report-dir", &s(&rapports), "--verbose"]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "bad input, not a failing implementation: {t}");
    assert!(t.contains("jeux/indentation.yaml:5:"), "the located message is on the console: {t}");
    assert!(!t.contains("scénarios ("), "no scenario ran: {t}");
    assert!(!rapports.exists(), "no report written");
    // A float amount is a valid amount (D-MONTANTS-1): the rates file may write one unquoted.
    let taux = p.join("scenarios/taux-bce.yaml");
    let texte_taux = std::fs::read_to_string(&taux).expect("rates");
    std::fs::write(&taux, texte_taux.replacen("taux: \"0.00\"", "taux: 0.00", 1)).expect("rates");
    let o = lancer(&["--racine", &s(&p), "run", &s(&p.join("features/petit.feature")), "--report-dir", &s(&rapports)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&p);
}

#[test]
fn certify_refuses_broken_data_before_contacting_the_implementation() {
    let p = projet("certify-donnees");
    // Only the broken features: certify runs the project's whole `features/`.
    std::fs::remove_file(p.join("features/petit.feature")).expect("rm");
    // A port nobody listens on: were the run to start, every scenario would be « indéterminé ».
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    drop(l);
    let profil = p.join("profil.yaml");
    std::fs::write(&profil, format!("implementation: \"x\"\nurl: \"{url}\"\ndelai_ms: 200\n")).expect("profile");
    let o = lancer(&["--racine", &s(&p), "certify", "--profile", &s(&profil), "--report-dir", &s(&p.join("rapports"))]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("marches/cassee.yaml:4:"), "{t}");
    assert!(!p.join("rapports").exists());
    let _ = std::fs::remove_dir_all(&p);
}

// ----- item 13: a run that runs nothing ------------------------------------------------------------

#[test]
fn a_run_that_selects_no_scenario_is_bad_input() {
    let d = temporaire("aucun");
    let rapports = d.join("rapports");
    let o = lancer(&["run", "--tags", "@nexiste_pas", "--report-dir", &s(&rapports)]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("aucun scénario") && t.contains("@nexiste_pas"), "says why: {t}");
    assert!(!rapports.join("rapport.json").exists(), "no report of an empty run");
    let _ = std::fs::remove_dir_all(&d);
}

// ----- item 14: the report directory ---------------------------------------------------------------

#[test]
fn an_unwritable_report_directory_is_found_before_the_run() {
    // Below a regular file: no directory can be created there, even by root.
    let d = temporaire("non-inscriptible");
    let fichier = d.join("un-fichier");
    std::fs::write(&fichier, "x").expect("file");
    let o = lancer(&["run", "tests/fixtures/sans-en-tete.feature", "--verbose", "--report-dir", &s(&fichier.join("rapports"))]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("un-fichier"), "the directory is named: {t}");
    assert!(!t.contains("dépose un projet de décompte mensuel"), "no step ran (--verbose prints each step): {t}");
    let _ = std::fs::remove_dir_all(&d);
}

// ----- item 15: names, not paths -------------------------------------------------------------------

#[test]
fn data_set_and_sheet_names_are_names_not_paths() {
    let o = lancer(&["check", "tests/fixtures/noms-chemins.feature"]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    for ligne in [5, 8, 11, 14, 17] {
        let l = t.lines().find(|l| l.contains(&format!("noms-chemins.feature:{ligne}:"))).unwrap_or_else(|| panic!("line {ligne}: {t}"));
        assert!(l.contains("un nom, pas un chemin"), "line {ligne}: {l}");
    }
    let d = temporaire("noms-chemins");
    let o = lancer(&["run", "tests/fixtures/noms-chemins.feature", "--report-dir", &s(&d)]);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&d);
}

// ----- item 16: small ones -------------------------------------------------------------------------

#[test]
fn a_bom_an_empty_file_or_only_comments_get_clear_messages() {
    let o = lancer(&["check", "tests/fixtures/bom.feature"]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("bom.feature:1:") && t.contains("BOM"), "{t}");
    for f in ["vide.feature", "commentaires.feature"] {
        let o = lancer(&["check", &format!("tests/fixtures/{f}")]);
        let t = texte(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(t.contains(f) && t.contains("aucune fonctionnalité"), "{t}");
    }
}

#[cfg(unix)]
#[test]
fn a_directory_loop_counts_each_file_once() {
    let d = temporaire("boucle");
    std::fs::copy(racine().join("tests/fixtures/sans-en-tete.feature"), d.join("sans-en-tete.feature")).expect("copy");
    std::os::unix::fs::symlink(".", d.join("moi")).expect("symlink");
    std::os::unix::fs::symlink(&d, d.join("absolu")).expect("symlink");
    let o = lancer(&["check", &s(&d)]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("1 fichier(s)"), "{t}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_url_without_host_is_bad_input() {
    let d = temporaire("url");
    let profil = d.join("profil.yaml");
    std::fs::write(&profil, "implementation: \"x\"\nurl: \"http://:80\"\n").expect("profile");
    let o = lancer(&["certify", "--profile", &s(&profil), "--report-dir", &s(&d.join("rapports"))]);
    let t = texte(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("profil.yaml") && t.contains("http://:80"), "{t}");
    let o = lancer(&["run", "--target", "http://:80", "--report-dir", &s(&d.join("rapports"))]);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&d);
}

/// An implementation that sends its headers and the start of its body, then nothing: the body's
/// read times out, and the step says so (not « réponse illisible »).
#[test]
fn a_timeout_while_reading_the_body_is_a_timeout() {
    use chorus_travaux::http::client::ClientHttp;
    use chorus_travaux::plateforme::{Echec, Platform};
    use std::io::{Read, Write};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    l.set_nonblocking(true).expect("nonblocking");
    let (fin, attendre_fin) = mpsc::channel::<()>();
    let serveur = std::thread::spawn(move || {
        let debut = Instant::now();
        // Bounded: gives up after a minute whatever happens.
        while debut.elapsed() < Duration::from_secs(60) {
            match l.accept() {
                Ok((mut c, _)) => {
                    let _ = c.set_nonblocking(false);
                    let _ = c.set_read_timeout(Some(Duration::from_secs(5)));
                    let mut buf = [0u8; 8192];
                    let _ = c.read(&mut buf);
                    let _ = c.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"codeRetour\"");
                    let _ = c.flush();
                    // Hold the connection open, silent, until the test is done.
                    let _ = attendre_fin.recv_timeout(Duration::from_secs(60));
                    return;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    let mut client = ClientHttp::new(&url, Duration::from_millis(300), None).expect("client");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let r = rt.block_on(client.date());
    let _ = fin.send(());
    let _ = serveur.join();
    match r {
        Err(Echec::Indetermine { message, .. }) => assert!(message.contains("délai dépassé"), "{message}"),
        other => panic!("expected an indéterminé timeout, got {other:?}"),
    }
}
