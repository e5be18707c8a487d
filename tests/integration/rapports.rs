//! Reports: JSON and HTML snapshots (insta), JUnit, and the HTML opened in a real headless
//! Chromium (installed by `scripts/installer-chromium` when absent).

use chorus_travaux::domaine::cadre::CadreFacturation;
use chorus_travaux::domaine::couloir::Couloir;
use chorus_travaux::domaine::statut::Statut;
use chorus_travaux::donnees::{Exigence, Hypothese};
use chorus_travaux::moteur::dossier::PieceRelevee;
use chorus_travaux::moteur::echec::EchecEtape;
use chorus_travaux::rapport::collecte::{EtapeJouee, EtatEtape, ScenarioJoue};
use chorus_travaux::rapport::{Meta, Rapport, Verdict};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A step as the engine records it (also `signature.rs`'s).
pub(super) fn etape(texte: &str, etat: EtatEtape, message: Option<&str>) -> EtapeJouee {
    EtapeJouee {
        mot_cle: "Alors".into(),
        texte: texte.into(),
        ligne: 7,
        etat,
        message: message.map(str::to_string),
        attendu: None,
        obtenu: None,
    }
}

/// A step failed on a mismatch, as the engine records it: its message and both values.
fn difference(texte: &str, sujet: &str, attendu: &str, obtenu: &str) -> EtapeJouee {
    let e = EchecEtape::difference(sujet, attendu, obtenu);
    EtapeJouee { message: Some(e.message), attendu: e.attendu, obtenu: e.obtenu, ..etape(texte, EtatEtape::Echouee, None) }
}

/// A played scenario of the monthly dossier's feature (also `signature.rs`'s).
pub(super) fn scenario(nom: &str, ligne: usize, tags: &[&str], etapes: Vec<EtapeJouee>) -> ScenarioJoue {
    ScenarioJoue {
        fonctionnalite: "Le dossier mensuel".into(),
        fichier: "features/dossier-mensuel.feature".into(),
        regle: None,
        nom: nom.into(),
        ligne,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        etapes,
        preuves: Vec::new(),
        refus_recus: Vec::new(),
        dossier: Vec::new(),
    }
}

fn meta() -> Meta {
    Meta {
        implementation: "référence (en processus)".into(),
        profil: None,
        version_suite: "0.1.0".into(),
        empreinte_suite: None,
        empreinte_resultats: None,
        date: "2026-11-26T10:00:00Z".into(),
        debut_calendrier: Some("2026-03-02".into()),
        moteur: "chorus-travaux 0.1.0 (cucumber 0.23)".into(),
        duree_ms: 42,
        url: None,
        cle_signature: None,
        prise_en_charge: None,
        table_codes_retour: None,
    }
}

fn exemple() -> Rapport {
    let joues = vec![
        scenario(
            "circuit nominal",
            13,
            &["dossier-mensuel", "REQ-MENS-01"],
            vec![etape("la pièce A4 est au statut \"ASSOCIÉE\"", EtatEtape::Reussie, None)],
        ),
        scenario(
            "statut inattendu",
            30,
            &["REQ-MENS-02"],
            vec![
                etape("le dépôt est accepté", EtatEtape::Reussie, None),
                difference(
                    "la pièce A4 est au statut \"ASSOCIÉE\"",
                    "statut de la pièce A4",
                    "ASSOCIÉE",
                    "MISE À DISPOSITION MOE (MISE_A_DISPOSITION_MOE)",
                ),
                etape(
                    "le dossier de la pièce A4 est \"payé\"",
                    EtatEtape::Ignoree,
                    Some("étape non exécutée (inconnue, ou après un échec)"),
                ),
            ],
        ),
        scenario(
            "serveur muet",
            50,
            &["REQ-TAC-01"],
            vec![etape("le titulaire dépose <…>", EtatEtape::Indeterminee, Some("délai dépassé"))],
        ),
    ];
    let exigences = vec![
        Exigence {
            id: "REQ-MENS-01".into(),
            titre: "Circuit nominal".into(),
            source: "CCAG-Travaux 2021 art. 12.1.1 ; D-CHAINE".into(),
            hypothese: false,
        },
        Exigence { id: "REQ-MENS-02".into(), titre: "Sans MOE".into(), source: "D-CHAINE-5".into(), hypothese: true },
        Exigence { id: "REQ-TAC-01".into(), titre: "A22 trop tôt".into(), source: "D-DELAIS-4".into(), hypothese: false },
        Exigence { id: "REQ-MOAD-01".into(), titre: "MOAD".into(), source: "D-MOAD-1".into(), hypothese: true },
    ];
    let hypotheses = vec![
        Hypothese { id: "D-CHAINE-5".into(), resume: "Substitutions lues sur la fiche.".into() },
        Hypothese { id: "D-MOAD-1".into(), resume: "Les trois cas de MOAD.".into() },
    ];
    let mut joues = joues;
    // A scenario that failed still shows the dossier it left: the A4, waiting on the MOE.
    joues[1].dossier = vec![PieceRelevee {
        cadre: CadreFacturation::A4,
        numero: "PDM-2026-03".into(),
        depuis: Couloir::Fournisseur,
        vers: Couloir::MaitriseOeuvre,
        statut: Some(Statut::MiseADispositionMoe),
        libelle: "MISE À DISPOSITION MOE".into(),
        precedente: None,
    }];
    Rapport::construire(&joues, &[], &exigences, &hypotheses, meta())
}

#[test]
fn verdicts_and_matrix() {
    let r = exemple();
    assert_eq!(r.verdict, Verdict::NonConforme);
    let v: Vec<Verdict> = r.exigences.iter().map(|e| e.verdict).collect();
    assert_eq!(v, vec![Verdict::Conforme, Verdict::NonConforme, Verdict::Indetermine, Verdict::NonApplicable]);
    assert!(r.hypotheses[0].exercee && !r.hypotheses[1].exercee);
    let echec = &r.scenarios[1].etapes[1];
    assert_eq!(echec.attendu.as_deref(), Some("ASSOCIÉE"));
    assert_eq!(echec.obtenu.as_deref(), Some("MISE À DISPOSITION MOE (MISE_A_DISPOSITION_MOE)"));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(exemple().json());
}

/// The HTML's structure: headings, element ids, table headers, verdict classes, in order.
fn structure(html: &str) -> String {
    let mut out = Vec::new();
    for ligne in html.lines() {
        let l = ligne.trim();
        if l.starts_with("<h1")
            || l.starts_with("<h2")
            || l.starts_with("<table")
            || l.starts_with("<thead")
            || l.starts_with("<details")
            || l.starts_with("<div id")
            || l.starts_with("<tr class=\"exigence\"")
        {
            let fin = l.find('>').map(|i| i + 1).unwrap_or(l.len());
            out.push(l[..fin].to_string());
        }
    }
    out.join("\n")
}

#[test]
fn html_structure_snapshot() {
    let html = exemple().html().expect("renders");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="), "self-contained: nothing fetched");
    insta::assert_snapshot!(structure(&html));
}

#[test]
fn junit_counts_failures_and_errors() {
    let x = exemple().junit();
    assert!(x.contains("tests=\"3\" failures=\"1\" errors=\"1\""), "{x}");
    assert!(x.contains("<failure message=\"statut de la pièce A4 : attendu : ASSOCIÉE"), "{x}");
}

#[test]
fn reports_are_written_whole() {
    let dir = std::env::temp_dir().join(format!("rapports-{}", std::process::id()));
    exemple().ecrire(&dir).expect("written");
    for f in ["rapport.html", "rapport.json", "junit.xml"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("rapport.json")).expect("read")).expect("valid JSON");
    assert_eq!(json["version_schema"], 1);
    assert!(std::fs::read_dir(&dir).expect("dir").all(|e| !e.expect("entry").file_name().to_string_lossy().ends_with(".tmp")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A report of the example with another implementation name and duration: its three files all
/// differ from the example's.
fn variante(nom: &str, duree_ms: u64) -> Rapport {
    let mut r = exemple();
    r.meta.implementation = nom.into();
    r.meta.duree_ms = duree_ms;
    r
}

fn lire_trois(dir: &std::path::Path) -> Vec<Vec<u8>> {
    ["rapport.html", "rapport.json", "junit.xml"].iter().map(|f| std::fs::read(dir.join(f)).unwrap_or_default()).collect()
}

fn entrees(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn the_three_files_are_replaced_together_or_not_at_all() {
    // Whichever file cannot be replaced (here: a non-empty directory stands in its place), the
    // others keep their old content and no temporary file is left behind.
    for (i, bloque) in ["rapport.html", "rapport.json", "junit.xml"].into_iter().enumerate() {
        let dir = std::env::temp_dir().join(format!("rapports-ensemble-{i}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        variante("ancienne", 1).ecrire(&dir).expect("the old report is written");
        let avant = lire_trois(&dir);
        std::fs::remove_file(dir.join(bloque)).expect("rm");
        std::fs::create_dir_all(dir.join(bloque).join("occupe")).expect("a directory in the way");
        assert!(variante("nouvelle", 2).ecrire(&dir).is_err(), "{bloque}: the write fails");
        let apres = lire_trois(&dir);
        for (j, f) in ["rapport.html", "rapport.json", "junit.xml"].into_iter().enumerate() {
            if f != bloque {
                assert_eq!(apres[j], avant[j], "{f} keeps its old content when {bloque} cannot be replaced");
            }
        }
        let mut attendu = vec!["junit.xml".to_string(), "rapport.html".into(), "rapport.json".into()];
        attendu.sort();
        assert_eq!(entrees(&dir), attendu, "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn concurrent_writers_never_collide_and_leave_one_consistent_report() {
    let dir = std::env::temp_dir().join(format!("rapports-concurrents-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let fils: Vec<_> = (0..6)
        .map(|i| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                (0..8)
                    .map(|k| variante(&format!("implémentation {i}-{k}"), i * 100 + k).ecrire(&dir).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<()>, String>>()
            })
        })
        .collect();
    for f in fils {
        f.join().expect("thread").expect("every concurrent write succeeds");
    }
    let r: Rapport = serde_json::from_slice(&std::fs::read(dir.join("rapport.json")).expect("json")).expect("a report");
    assert_eq!(r.html().expect("renders").as_bytes(), std::fs::read(dir.join("rapport.html")).expect("html"), "html of the same report");
    assert_eq!(r.junit().as_bytes(), std::fs::read(dir.join("junit.xml")).expect("junit"), "junit of the same report");
    let mut attendu = vec!["junit.xml".to_string(), "rapport.html".into(), "rapport.json".into()];
    attendu.sort();
    assert_eq!(entrees(&dir), attendu, "no temporary file left");
    let _ = std::fs::remove_dir_all(&dir);
}

// ----- a real browser ------------------------------------------------------------------------------------

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    // Tests run in parallel: one install at a time (apt holds a lock the second would fail on).
    static INSTALLATION: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _seul = INSTALLATION.lock().unwrap_or_else(|e| e.into_inner());
    let present = Command::new("sh").args(["-c", "command -v chromium"]).output().map(|o| o.status.success()).unwrap_or(false);
    if !present {
        let st = Command::new(racine().join("scripts/installer-chromium")).status().expect("the install script runs");
        assert!(st.success(), "scripts/installer-chromium failed: the browser test needs Debian's chromium");
    }
    PathBuf::from("chromium")
}

/// Runs headless Chromium on a file URL; returns stdout. Bounded in time.
pub fn navigateur(args: &[&str], url: &str) -> String {
    // One profile per call: two browsers sharing a profile lock each other out (tests run in
    // parallel).
    static APPELS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = APPELS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profil = std::env::temp_dir().join(format!("chromium-profil-{}-{n}", std::process::id()));
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", profil.display()))
    .args(args)
    .arg(url);
    let out = c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().expect("chromium starts");
    let debut = Instant::now();
    let o = attendre(out, Duration::from_secs(120));
    let _ = std::fs::remove_dir_all(&profil);
    assert!(debut.elapsed() < Duration::from_secs(120), "chromium hung");
    o
}

/// Waits for the child at most `limite`, reading its output on the side (a large DOM would fill
/// the pipe and block the browser otherwise).
fn attendre(mut enfant: std::process::Child, limite: Duration) -> String {
    let lecteur = enfant.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut out, &mut s);
            s
        })
    });
    let debut = Instant::now();
    loop {
        match enfant.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if debut.elapsed() > limite => {
                let _ = enfant.kill();
                let _ = enfant.wait();
                break;
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    lecteur.and_then(|l| l.join().ok()).unwrap_or_default()
}

fn ecrire_rapport(r: &Rapport, nom: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{nom}-{}", std::process::id()));
    r.ecrire(&dir).expect("written");
    dir
}

#[test]
fn the_report_opens_in_chromium_with_its_verdict_and_matrix() {
    let dir = ecrire_rapport(&exemple(), "rapport-chromium");
    let url = format!("file://{}", dir.join("rapport.html").display());
    let dom = navigateur(&["--dump-dom"], &url);
    assert!(dom.contains("id=\"verdict-global\""), "the verdict is rendered: {}", &dom[..dom.len().min(500)]);
    assert!(dom.contains("Verdict : non conforme"));
    assert_eq!(dom.matches("class=\"exigence\"").count(), 4, "the four requirement rows are in the rendered page");
    // The inline script ran: a filter given in the address hides the other rows.
    let filtre = navigateur(&["--dump-dom"], &format!("{url}#filtre=non_conforme"));
    assert_eq!(filtre.matches("class=\"exigence cache\"").count(), 3, "three rows hidden by the filter");
    let png = dir.join("capture.png");
    let _ = navigateur(&["--window-size=1200,1600", &format!("--screenshot={}", png.display())], &url);
    let taille = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(taille > 10_000, "a real screenshot ({taille} bytes)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_of_5000_scenarios_stays_usable() {
    let joues: Vec<ScenarioJoue> = (0..5000)
        .map(|i| {
            let etat = if i % 500 == 0 { EtatEtape::Echouee } else { EtatEtape::Reussie };
            scenario(&format!("scénario {i}"), i + 1, &["REQ-MENS-01"], (0..8).map(|_| etape("une étape", etat, None)).collect())
        })
        .collect();
    let r = Rapport::construire(&joues, &[], &[], &[], meta());
    let html = r.html().expect("renders");
    // Passing scenarios are collapsed: only the 10 failing ones are open.
    assert_eq!(html.matches(" open>").count(), 10);
    let dir = ecrire_rapport(&r, "rapport-5000");
    let debut = Instant::now();
    let dom = navigateur(&["--dump-dom"], &format!("file://{}", dir.join("rapport.html").display()));
    let duree = debut.elapsed();
    assert!(dom.contains("Verdict : non conforme"), "the large report renders");
    // Bounds that do not depend on the machine's speed: every scenario is in the rendered page,
    // and the page stays small enough to open (about 1.2 kB per scenario of 8 steps when this
    // test was written; 2 kB leaves room for the template to grow, not for it to explode).
    assert_eq!(dom.matches("class=\"scenario\"").count(), 5000, "every scenario is rendered");
    assert!(html.len() < 5000 * 2_000, "{} bytes for 5 000 scénarios: the report has grown out of bounds", html.len());
    eprintln!("5 000 scénarios : {} Mo de HTML rendus par Chromium en {:.1} s", html.len() / 1_000_000, duree.as_secs_f64());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The portal's blue, the colour of the diagram's arrows (and of nothing else in the report).
const BLEU_DES_FLECHES: [u8; 3] = [0x00, 0x00, 0x91];

#[test]
fn a_generated_report_draws_each_scenario_s_dossier_and_chromium_shows_it() {
    let dir = std::env::temp_dir().join(format!("rapport-couloirs-{}", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_chorus-travaux"))
        .current_dir(racine())
        .args(["run", "features/dossier-mensuel.feature", "--report-dir"])
        .arg(&dir)
        .output()
        .expect("the binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The record: what the implementation holds when the nominal monthly dossier ends.
    let r: Rapport = serde_json::from_slice(&std::fs::read(dir.join("rapport.json")).expect("json")).expect("a report");
    let nominal = r.scenarios.iter().find(|s| s.nom.starts_with("circuit nominal")).expect("the nominal scenario");
    let vu: Vec<(&str, &str, &str, &str)> = nominal
        .dossier
        .iter()
        .map(|p| (p.cadre.as_str(), p.couloir_depart.as_str(), p.couloir_arrivee.as_str(), p.libelle.as_str()))
        .collect();
    assert_eq!(
        vu,
        [
            ("A4", "fournisseur", "maitrise_oeuvre", "ASSOCIÉE"),
            ("A15", "maitrise_oeuvre", "maitrise_ouvrage", "ASSOCIÉE"),
            ("A19", "maitrise_ouvrage", "service_financier", "MISE EN PAIEMENT"),
        ]
    );
    assert_eq!(nominal.dossier.iter().map(|p| p.precedente).collect::<Vec<_>>(), [None, Some(0), Some(1)]);
    // The page, as the browser builds it: the scenario named in the address opens, its diagram
    // inside; every diagram's marker has an id of its own.
    let html = dir.join("rapport.html");
    let url = format!("file://{}#{}", html.display(), nominal.id);
    let dom = navigateur(&["--dump-dom"], &url);
    let scenario = dom.split(&format!("<details id=\"{}\"", nominal.id)).nth(1).and_then(|s| s.split("</details>").next()).unwrap_or("");
    assert!(scenario.split('>').next().is_some_and(|balise| balise.contains("open")), "the scenario opened: {scenario}");
    for texte in ["<svg class=\"couloirs\"", "Service financier", "A4 · ASSOCIÉE", "A15 · ASSOCIÉE", "A19 · MISE EN PAIEMENT"] {
        assert!(scenario.contains(texte), "{texte} in the scenario's diagram: {scenario}");
    }
    let mut marqueurs: Vec<&str> = dom.split("<marker id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    let n = marqueurs.len();
    marqueurs.sort_unstable();
    marqueurs.dedup();
    assert_eq!(marqueurs.len(), n, "unique marker ids");
    assert_eq!(n, r.scenarios.iter().filter(|s| !s.dossier.is_empty()).count(), "one diagram per scenario with a dossier");
    // What a certifier sees. Headless Chromium paints only the first few thousand pixels of a
    // page (a screenshot scrolled past them is blank), so the screenshots are tall, of the same
    // report with its matrix cut to the requirements this run checks: the scenario sits within
    // the painted part.
    let mut court = r.clone();
    court.exigences.retain(|e| e.verdict != Verdict::NonApplicable);
    let dir_court = ecrire_rapport(&court, "rapport-couloirs-court");
    let page = dir_court.join("rapport.html");
    let capture = |adresse: &str, nom: &str| {
        let png = dir_court.join(nom);
        let _ = navigateur(&["--window-size=1200,5000", &format!("--screenshot={}", png.display())], adresse);
        crate::capture::Capture::lire(&std::fs::read(&png).expect("a screenshot"))
    };
    // At the top (the verdict, the matrix), every scenario closed: no diagram in sight. At the
    // scenario the address names: its arrows across the lanes. The blue pixels are the diagram's.
    let haut = capture(&format!("file://{}", page.display()), "haut.png");
    assert!(haut.couleurs() > 10, "the top of the report is not blank");
    assert!(haut.pixels_de(BLEU_DES_FLECHES).is_empty(), "no diagram at the top of the page");
    let ecran = capture(&format!("file://{}#{}", page.display(), nominal.id), "scenario.png");
    assert!(ecran.couleurs() > 10, "the scenario's screen is not blank");
    let bleus = ecran.pixels_de(BLEU_DES_FLECHES);
    let (gauche, droite) = bleus.iter().fold((usize::MAX, 0), |(g, d), (x, _)| (g.min(*x), d.max(*x)));
    assert!(bleus.len() > 300, "the arrows are drawn: {} blue pixels", bleus.len());
    assert!(droite - gauche > ecran.largeur / 2, "across the lanes: from x={gauche} to x={droite} of {}", ecran.largeur);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir_court);
}
