//! Signed certifications (issue 9, item 17): `keygen`, `certify --cle`, `verify --cle-publique`.
//! Every forgery is caught with the public key; without it, `verify` says that authenticity is
//! not checked; what is not a report has its own exit code.

use chorus_travaux::certification::{self, signature::ClePrivee};
use chorus_travaux::rapport::collecte::{EtatEtape, ScenarioJoue};
use chorus_travaux::rapport::{Meta, Rapport};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn binaire() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chorus-travaux"));
    c.current_dir(racine());
    c
}

fn texte(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn temporaire(nom: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("signature-{nom}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temporary directory");
    d
}

/// `keygen` into `dir`: the private and public key files.
fn cles(dir: &Path, nom: &str) -> (PathBuf, PathBuf) {
    let o = binaire().args(["keygen", "--out-dir"]).arg(dir).args(["--name", nom]).output().expect("keygen runs");
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    (dir.join(format!("{nom}.cle")), dir.join(format!("{nom}.pub")))
}

fn scenario(nom: &str, ligne: usize) -> ScenarioJoue {
    let etape = super::rapports::etape("le dépôt est accepté", EtatEtape::Reussie, None);
    super::rapports::scenario(nom, ligne, &["REQ-MENS-01"], vec![etape])
}

fn rapport() -> Rapport {
    let meta = Meta {
        implementation: "Implémentation honnête".into(),
        profil: Some("profil.yaml".into()),
        version_suite: "0.1.0".into(),
        empreinte_suite: None,
        empreinte_resultats: None,
        date: "2026-11-26T10:00:00Z".into(),
        debut_calendrier: Some("2026-03-02".into()),
        moteur: "chorus-travaux 0.1.0 (cucumber 0.23)".into(),
        duree_ms: 42,
        url: Some("http://127.0.0.1:8080".into()),
        cle_signature: None,
        prise_en_charge: None,
        table_codes_retour: None,
    };
    Rapport::construire(&[scenario("circuit nominal", 10), scenario("circuit sans MOE", 20)], &[], &[], &[], meta)
}

/// A report signed with `cle`, written into a new directory `nom`.
fn signe(nom: &str, cle: &Path) -> PathBuf {
    let dir = temporaire(nom);
    let cle = ClePrivee::lire(cle).expect("the private key reads");
    certification::ecrire(&mut rapport(), &dir, &racine(), Some(&cle)).expect("written and signed");
    dir
}

fn verifier(dir: &Path, cle_publique: Option<&Path>) -> Output {
    let mut c = binaire();
    c.arg("verify").arg(dir);
    if let Some(p) = cle_publique {
        c.arg("--cle-publique").arg(p);
    }
    c.output().expect("verify runs")
}

/// A copy of a report directory, for one forgery.
fn copie(de: &Path, nom: &str) -> PathBuf {
    let d = temporaire(nom);
    for e in std::fs::read_dir(de).expect("dir") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), d.join(e.file_name())).expect("copy");
    }
    d
}

fn modifier(fichier: &Path, de: &str, vers: &str) {
    let t = std::fs::read_to_string(fichier).expect("read");
    assert!(t.contains(de), "{} contains {de}", fichier.display());
    std::fs::write(fichier, t.replacen(de, vers, 1)).expect("write");
}

#[test]
fn keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites() {
    let d = temporaire("keygen");
    let o = binaire().args(["keygen", "--out-dir"]).arg(&d).output().expect("keygen runs");
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let (privee, publique) = (d.join("certificateur.cle"), d.join("certificateur.pub"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&privee).expect("private key").permissions().mode() & 0o777, 0o600);
    }
    let p = std::fs::read_to_string(&publique).expect("public key");
    assert!(p.starts_with("chorus-travaux cle-publique ed25519 v1\n") && p.lines().nth(1).is_some_and(|l| l.len() == 64), "{p}");
    let empreinte = ClePrivee::lire(&privee).expect("reads").publique().empreinte();
    assert!(texte(&o).contains(&format!("empreinte : {empreinte}")), "the fingerprint is printed: {}", texte(&o));
    let avant = std::fs::read(&privee).expect("read");
    let o = binaire().args(["keygen", "--out-dir"]).arg(&d).output().expect("keygen runs");
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    assert!(texte(&o).contains("existe déjà"), "{}", texte(&o));
    assert_eq!(std::fs::read(&privee).expect("read"), avant, "the key is not overwritten");
    let _ = std::fs::remove_dir_all(&d);
}

/// An edit of a copied report directory.
type Falsification = Box<dyn Fn(&Path)>;

#[test]
fn a_signed_report_verifies_and_every_forgery_is_caught() {
    let d = temporaire("cles");
    let (cle, publique) = cles(&d, "certificateur");
    let (cle_b, _) = cles(&d, "faussaire");
    let dir = signe("intact", &cle);
    let o = verifier(&dir, Some(&publique));
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    assert!(texte(&o).contains("authentique"), "{}", texte(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("rapport.json")).expect("json")).expect("json");
    let empreinte = ClePrivee::lire(&cle).expect("key").publique().empreinte();
    assert_eq!(json["meta"]["cle_signature"], empreinte.as_str(), "the report names its key");
    assert_eq!(json["meta"]["url"], "http://127.0.0.1:8080", "and the URL tested");
    assert!(json["meta"]["empreinte_suite"].is_string(), "and the suite's digest");
    // Without the public key: intact, but authenticity is said not to be checked.
    let o = verifier(&dir, None);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    assert!(texte(&o).contains("authenticité NON vérifiée"), "{}", texte(&o));

    let falsifications: Vec<(&str, Falsification, bool)> = vec![
        ("html", Box::new(|d: &Path| modifier(&d.join("rapport.html"), "Implémentation honnête", "Implémentation honnêtE")), true),
        ("junit", Box::new(|d: &Path| modifier(&d.join("junit.xml"), "circuit nominal", "circuit nominaL")), true),
        ("json-octet", Box::new(|d: &Path| modifier(&d.join("rapport.json"), "\"duree_ms\": 42", "\"duree_ms\": 43")), true),
        ("champ-ajoute", Box::new(|d: &Path| modifier(&d.join("rapport.json"), "{\n", "{\n  \"certifie_par\": \"ANSSI\",\n")), true),
        (
            "champs-permutes",
            Box::new(|d: &Path| {
                modifier(&d.join("rapport.json"), "\"version_suite\": \"0.1.0\",\n    \"empreinte_suite\"", "\"empreinte_suite\"");
                modifier(&d.join("rapport.json"), "\"date\"", "\"version_suite\": \"0.1.0\",\n    \"date\"");
            }),
            true,
        ),
        (
            "scenarios-permutes",
            Box::new(|d: &Path| {
                // Two items of an array swapped, the file otherwise written as the report writes it.
                let p = d.join("rapport.json");
                let mut r: Rapport = serde_json::from_slice(&std::fs::read(&p).expect("read")).expect("report");
                r.scenarios.swap(0, 1);
                std::fs::write(&p, r.json()).expect("write");
            }),
            true,
        ),
        ("signature-retiree", Box::new(|d: &Path| std::fs::remove_file(d.join("rapport.sig")).expect("rm")), true),
    ];
    for (nom, falsifier, aussi_sans_cle) in falsifications {
        let f = copie(&dir, nom);
        falsifier(&f);
        let o = verifier(&f, Some(&publique));
        assert_eq!(o.status.code(), Some(4), "{nom}: caught with the key: {}", texte(&o));
        if aussi_sans_cle {
            assert_eq!(verifier(&f, None).status.code(), Some(4), "{nom}: caught without the key too");
        }
        let _ = std::fs::remove_dir_all(&f);
    }

    // The implementation renamed, its digests recomputed and its pages re-rendered: the digests
    // cannot tell, the signature does.
    let f = copie(&dir, "renomme");
    let mut r: Rapport = serde_json::from_slice(&std::fs::read(f.join("rapport.json")).expect("json")).expect("report");
    r.meta.implementation = "Implémentation concurrente".into();
    certification::sceller(&mut r, &racine()).expect("sealed");
    for (nom, contenu) in r.rendus().expect("renders") {
        std::fs::write(f.join(nom), contenu).expect("write");
    }
    let o = verifier(&f, None);
    assert_eq!(o.status.code(), Some(0), "digests alone cannot tell: {}", texte(&o));
    assert!(texte(&o).contains("authenticité NON vérifiée"), "and verify says so: {}", texte(&o));
    let o = verifier(&f, Some(&publique));
    assert_eq!(o.status.code(), Some(4), "{}", texte(&o));
    assert!(texte(&o).contains("rapport.json a été modifié après la signature"), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&f);

    // The manifest rewritten to match an edited page: the signature no longer covers it.
    let f = copie(&dir, "manifeste");
    modifier(&f.join("rapport.html"), "Implémentation honnête", "Implémentation honnêtE");
    let sha = |p: &Path| {
        use sha2::Digest;
        sha2::Sha256::digest(std::fs::read(p).expect("read")).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let sig = std::fs::read_to_string(f.join("rapport.sig")).expect("sig");
    let ligne = sig.lines().find(|l| l.starts_with("rapport.html sha256:")).expect("html line").to_string();
    std::fs::write(f.join("rapport.sig"), sig.replace(&ligne, &format!("rapport.html sha256:{}", sha(&f.join("rapport.html")))))
        .expect("write");
    let o = verifier(&f, Some(&publique));
    assert_eq!(o.status.code(), Some(4), "{}", texte(&o));
    assert!(texte(&o).contains("signature invalide"), "{}", texte(&o));
    let _ = std::fs::remove_dir_all(&f);

    // Signed by another key, naming it or not: refused with the certifier's public key.
    let f = signe("autre-cle", &cle_b);
    let o = verifier(&f, Some(&publique));
    assert_eq!(o.status.code(), Some(4), "{}", texte(&o));
    assert!(texte(&o).contains("autre clé"), "{}", texte(&o));
    modifier(&f.join("rapport.sig"), "cle: ed25519:", &format!("cle: {empreinte}\nx"));
    assert_eq!(verifier(&f, Some(&publique)).status.code(), Some(4));
    let _ = std::fs::remove_dir_all(&f);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn what_is_not_a_report_has_its_own_exit_code() {
    let d = temporaire("pas-un-rapport");
    let (cle, publique) = cles(&d, "certificateur");
    let vide = d.join("vide");
    std::fs::create_dir_all(&vide).expect("mkdir");
    let o = verifier(&vide, None);
    assert_eq!(o.status.code(), Some(5), "{}", texte(&o));
    assert!(texte(&o).contains("pas un rapport"), "{}", texte(&o));
    let dir = signe("pour-casser", &cle);
    for (nom, contenu) in
        [("pas-json", "ceci n'est pas du JSON"), ("autre-schema", "{\"version_schema\": 99}"), ("autre-document", "{\"a\": 1}")]
    {
        let f = copie(&dir, nom);
        std::fs::write(f.join("rapport.json"), contenu).expect("write");
        assert_eq!(verifier(&f, Some(&publique)).status.code(), Some(5), "{nom}");
        let _ = std::fs::remove_dir_all(&f);
    }
    let f = copie(&dir, "sans-junit");
    std::fs::remove_file(f.join("junit.xml")).expect("rm");
    assert_eq!(verifier(&f, None).status.code(), Some(5));
    let _ = std::fs::remove_dir_all(&f);
    // A key that is not a public key is bad input.
    let o = verifier(&dir, Some(&cle));
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    assert!(texte(&o).contains("clé privée, pas une clé publique"), "{}", texte(&o));
    let casse = d.join("casse.pub");
    std::fs::write(&casse, "chorus-travaux cle-publique ed25519 v1\nzz\n").expect("write");
    assert_eq!(verifier(&dir, Some(&casse)).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn an_unsigned_report_replaces_a_signed_one_whole_and_says_so() {
    let d = temporaire("non-signe");
    let (cle, publique) = cles(&d, "certificateur");
    let dir = signe("non-signe-rapports", &cle);
    assert!(dir.join("rapport.sig").is_file());
    certification::ecrire(&mut rapport(), &dir, &racine(), None).expect("written");
    assert!(!dir.join("rapport.sig").exists(), "no stale signature beside an unsigned report");
    let o = verifier(&dir, Some(&publique));
    assert_eq!(o.status.code(), Some(4), "{}", texte(&o));
    assert!(texte(&o).contains("non signé"), "{}", texte(&o));
    assert_eq!(verifier(&dir, None).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&d);
}

fn copier(de: &Path, vers: &Path) {
    std::fs::create_dir_all(vers).expect("mkdir");
    for e in std::fs::read_dir(de).expect("read_dir") {
        let e = e.expect("entry");
        if e.path().is_dir() {
            copier(&e.path(), &vers.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), vers.join(e.file_name())).expect("copy");
        }
    }
}

/// End to end: `certify --cle` against the reference served on loopback, then `verify`.
#[test]
fn certify_signs_what_it_tested_and_verify_checks_it() {
    use chorus_travaux::donnees::lire_taux;
    use chorus_travaux::http::serveur::{Configuration, ServeurLance};
    // A project of one small feature: certify runs the project's whole `features/`.
    let p = temporaire("certify");
    copier(&racine().join("scenarios"), &p.join("scenarios"));
    copier(&racine().join("tests/fixtures/donnees/jeux"), &p.join("scenarios/jeux"));
    std::fs::create_dir_all(p.join("features")).expect("mkdir");
    std::fs::copy(racine().join("tests/fixtures/donnees/features/petit.feature"), p.join("features/petit.feature")).expect("copy");
    let (cle, publique) = cles(&p, "certificateur");
    let taux = lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates");
    let s = ServeurLance::demarrer(Configuration::new(taux, None)).expect("the server starts");
    let url = format!("http://{}", s.addr);
    let profil = p.join("profil.yaml");
    std::fs::write(&profil, format!("implementation: \"référence\"\nurl: \"{url}\"\ndelai_ms: 5000\n")).expect("profile");
    let rapports = p.join("rapports");
    let certifier = |cle: Option<&Path>| {
        let mut c = binaire();
        c.arg("--racine").arg(&p).args(["certify", "--profile"]).arg(&profil).arg("--report-dir").arg(&rapports);
        if let Some(k) = cle {
            c.arg("--cle").arg(k);
        }
        c.output().expect("certify runs")
    };
    let o = certifier(Some(&cle));
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let empreinte = ClePrivee::lire(&cle).expect("key").publique().empreinte();
    assert!(texte(&o).contains(&format!("rapport signé par la clé {empreinte}")), "{}", texte(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(rapports.join("rapport.json")).expect("json")).expect("json");
    assert_eq!(json["meta"]["url"], url.as_str(), "the URL actually tested");
    assert_eq!(json["meta"]["cle_signature"], empreinte.as_str());
    let o = binaire().arg("--racine").arg(&p).arg("verify").arg(&rapports).arg("--cle-publique").arg(&publique).output().expect("verify");
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    // Without --cle: still certifies, unsigned, and says so.
    let o = certifier(None);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    assert!(texte(&o).contains("rapport non signé"), "{}", texte(&o));
    assert!(!rapports.join("rapport.sig").exists());
    let html = std::fs::read_to_string(rapports.join("rapport.html")).expect("html");
    assert!(html.contains("non signé"), "the report says it is not signed");
    drop(s);
    let _ = std::fs::remove_dir_all(&p);
}
