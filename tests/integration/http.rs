//! The HTTP contract end to end: the corpus over loopback HTTP against `serve`, each injected
//! fault caught by `certify`, implementations that are down, stall or answer garbage, digests
//! that reveal an edited report (the OpenAPI document is kept true by `openapi.rs`).

use chorus_travaux::domaine::defaut::Defaut;
use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::client::ClientHttp;
use chorus_travaux::http::serveur::{Configuration, ServeurLance};
use chorus_travaux::moteur::{self, Bilan, Options};
use chorus_travaux::plateforme::Platform;
use chorus_travaux::rapport::{Rapport, Verdict};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Runs are process-global (cucumber's World reads one configuration): one at a time.
pub(super) static SERIE: Mutex<()> = Mutex::new(());

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn serveur(defaut: Option<Defaut>) -> ServeurLance {
    let taux = lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates");
    ServeurLance::demarrer(Configuration::new(taux, defaut)).expect("the server starts")
}

/// A server for requests written by hand: no PISTE token, plain logins.
fn serveur_simple() -> ServeurLance {
    let taux = lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates");
    let mut c = Configuration::new(taux, None);
    c.piste = None;
    c.comptes_en_clair = true;
    ServeurLance::demarrer(c).expect("the server starts")
}

pub(super) fn executer_contre(url: Option<&str>, delai: Duration) -> Bilan {
    executer_fichiers(url, delai, racine().join("features"))
}

fn executer_fichiers(url: Option<&str>, delai: Duration, features: PathBuf) -> Bilan {
    let fabrique = match url {
        None => moteur::fabrique_reference(&racine()).expect("rates"),
        Some(u) => {
            let u = u.to_string();
            Arc::new(move || Box::new(ClientHttp::new(&u, delai, None).expect("client")) as Box<dyn Platform>)
        }
    };
    let o = Options {
        features: vec![features],
        tags: None,
        racine: racine(),
        fabrique,
        verbeux: false,
        etapes_neutres: false,
        concurrence: Some(16),
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(moteur::executer(o)).expect("the corpus runs")
}

fn verdicts(b: &Bilan) -> BTreeMap<(String, usize, String), Verdict> {
    let r = Rapport::du_bilan(b, &racine(), "x", None).expect("report");
    r.scenarios.iter().map(|s| ((s.fichier.clone(), s.ligne, s.nom.clone()), s.verdict)).collect()
}

#[test]
fn a_failed_step_keeps_its_own_evidence_not_the_engine_s_reads_of_the_dossier() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let s = serveur(None);
    let b = executer_fichiers(
        Some(&format!("http://{}", s.addr)),
        Duration::from_secs(5),
        racine().join("tests/fixtures/scenario-echoue.feature"),
    );
    let joue = &b.joues[0];
    assert_eq!(joue.dossier.len(), 1, "the A4 is read back for the diagram");
    // The evidence ends with the exchange the failed assertion made; the engine's reads at the
    // scenario's end (the dossier, the sandbox's release) come after and are not evidence.
    let consultations = joue.preuves.iter().filter(|p| p.contains("/test/v1/consulterPiece")).count();
    assert_eq!(consultations, 1, "{:#?}", joue.preuves);
    assert!(joue.preuves.last().is_some_and(|p| p.contains("/test/v1/consulterPiece")), "{:#?}", joue.preuves);
    assert!(joue.preuves.iter().all(|p| !p.contains("reinitialiser")), "{:#?}", joue.preuves);
}

#[test]
fn the_corpus_gives_the_same_verdicts_in_process_and_over_http() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let local = executer_contre(None, Duration::from_secs(5));
    assert!(local.reussi(), "in-process corpus green");
    let s = serveur(None);
    let distant = executer_contre(Some(&format!("http://{}", s.addr)), Duration::from_secs(5));
    let (a, b) = (verdicts(&local), verdicts(&distant));
    assert_eq!(a.len(), b.len());
    assert!(a.len() >= 80);
    assert_eq!(a, b, "same verdict for every scenario both ways");
    // And the same dossier left behind, read back through each platform (the report's diagrams).
    let dossiers = |b: &Bilan| {
        let r = Rapport::du_bilan(b, &racine(), "x", None).expect("report");
        r.scenarios.into_iter().map(|s| ((s.fichier, s.ligne, s.nom), s.dossier)).collect::<BTreeMap<_, _>>()
    };
    let (da, db) = (dossiers(&local), dossiers(&distant));
    assert!(da.values().filter(|d| !d.is_empty()).count() >= 100, "most scenarios leave a dossier");
    assert_eq!(da, db, "same dossier for every scenario both ways");
    assert!(distant.reussi(), "green over HTTP");
    assert_eq!(s.bacs_ouverts(), 0, "every scenario freed its sandbox");
    // D-API-3: against a server that answers strictly as the real API (no `code` extension),
    // refusals are read through the table `codeRetour` → code, and every verdict is the same.
    let taux = lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates");
    let mut c = Configuration::new(taux, None);
    c.extension_code = false;
    let strict = ServeurLance::demarrer(c).expect("the strict server starts");
    let sans_extension = executer_contre(Some(&format!("http://{}", strict.addr)), Duration::from_secs(5));
    assert_eq!(verdicts(&sans_extension), a, "same verdict for every scenario against the strict API");
}

#[test]
fn every_fault_is_caught_and_names_its_requirement() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    // The power of the suite: how many scenarios catch each fault (printed for the README's
    // table; `cargo test every_fault -- --nocapture`).
    for &d in Defaut::TOUS {
        let s = serveur(Some(d));
        let b = executer_contre(Some(&format!("http://{}", s.addr)), Duration::from_secs(5));
        let r = Rapport::du_bilan(&b, &racine(), "serve --fault", None).expect("report");
        // A refusal under HTTP 5xx gives no verdict (D-API-3): the certification is
        // `indéterminé`, never `conforme`.
        let attendu = if d == Defaut::RefusSousHttp500 { Verdict::Indetermine } else { Verdict::NonConforme };
        let n = r.scenarios.iter().filter(|x| x.verdict == attendu).count();
        eprintln!("puissance {:<32} {n:>3} scénario(s)", d.nom());
        let vus: Vec<String> = r
            .scenarios
            .iter()
            .filter(|x| x.verdict != Verdict::Conforme)
            .map(|x| {
                format!("{} ({:?}): {:?}", x.nom, x.verdict, x.etapes.iter().find(|e| e.verdict != Verdict::Conforme).map(|e| &e.message))
            })
            .collect();
        assert_eq!(r.verdict, attendu, "fault {} must be caught; scenarios not conformes: {vus:#?}", d.nom());
        // The floor of the suite's power: no fault hangs on a single scenario.
        assert!(n >= 2, "fault {} is caught by {n} scenario(s) only: {vus:#?}", d.nom());
        let ligne = r.exigences.iter().find(|e| e.id == d.exigence()).unwrap_or_else(|| panic!("{} in the catalogue", d.exigence()));
        assert_eq!(ligne.verdict, attendu, "fault {} breaks {}", d.nom(), d.exigence());
    }
}

fn binaire() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chorus-travaux"));
    c.current_dir(racine());
    c
}

fn profil(nom: &str, url: &str, delai_ms: u64) -> PathBuf {
    let p = std::env::temp_dir().join(format!("profil-{nom}-{}.yaml", std::process::id()));
    std::fs::write(&p, format!("implementation: \"{nom}\"\nurl: \"{url}\"\ndelai_ms: {delai_ms}\nconcurrence: 16\n")).expect("profile");
    p
}

fn certifier(nom: &str, url: &str, delai_ms: u64) -> (Option<i32>, String, PathBuf, Duration) {
    let dir = std::env::temp_dir().join(format!("certif-{nom}-{}", std::process::id()));
    let p = profil(nom, url, delai_ms);
    let debut = Instant::now();
    let o = binaire().args(["certify", "--profile"]).arg(&p).arg("--report-dir").arg(&dir).output().expect("certify runs");
    let texte = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    (o.status.code(), texte, dir, debut.elapsed())
}

#[test]
fn certify_conforme_then_verify_catches_an_edit() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let s = serveur(None);
    let (code, texte, dir, _) = certifier("reference", &format!("http://{}", s.addr), 5000);
    assert_eq!(code, Some(0), "{texte}");
    assert!(texte.contains("verdict : conforme") && texte.contains("empreinte de la suite : "), "{texte}");
    let verifier = |d: &Path| binaire().arg("verify").arg(d).output().expect("verify runs");
    assert_eq!(verifier(&dir).status.code(), Some(0));
    // Edit a verdict in the JSON: the results digest no longer matches.
    let json = dir.join("rapport.json");
    let original = std::fs::read_to_string(&json).expect("read");
    std::fs::write(&json, original.replacen("\"verdict\": \"conforme\"", "\"verdict\": \"non_conforme\"", 1)).expect("edit");
    let o = verifier(&dir);
    assert_eq!(o.status.code(), Some(4), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("modifié"));
    // Restore it, then edit the HTML only.
    std::fs::write(&json, &original).expect("restore");
    assert_eq!(verifier(&dir).status.code(), Some(0));
    let html = dir.join("rapport.html");
    let h = std::fs::read_to_string(&html).expect("read");
    std::fs::write(&html, h.replacen("Verdict : conforme", "Verdict : conforme !", 1)).expect("edit");
    assert_eq!(verifier(&dir).status.code(), Some(4));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn certify_names_the_broken_requirement() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let s = serveur(Some(Defaut::A22Prematuree));
    let (code, texte, dir, _) = certifier("a22", &format!("http://{}", s.addr), 5000);
    assert_eq!(code, Some(1), "{texte}");
    assert!(texte.contains("non conforme REQ-TAC-01"), "{texte}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn profiles_select_the_applicable_scenarios() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let s = serveur(None);
    let dir = std::env::temp_dir().join(format!("certif-profil-{}", std::process::id()));
    let p = std::env::temp_dir().join(format!("profil-sans-moad-{}.yaml", std::process::id()));
    std::fs::write(
        &p,
        format!("implementation: \"sans MOAD\"\nurl: \"http://{}\"\nprend_en_charge:\n  moad: false\n  procedure_tacite: false\n", s.addr),
    )
    .expect("profile");
    let o = binaire().args(["certify", "--profile"]).arg(&p).arg("--report-dir").arg(&dir).output().expect("certify");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("rapport.json")).expect("json")).expect("valid");
    let na = r["scenarios_par_verdict"]["non_applicable"].as_u64().expect("count");
    assert!(na >= 10, "MOAD and tacit scenarios are non applicable: {na}");
    let moad = r["exigences"].as_array().expect("matrix").iter().find(|e| e["id"] == "REQ-MOAD-02").expect("REQ-MOAD-02");
    assert_eq!(moad["verdict"], "non_applicable");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_control_capabilities_make_their_scenarios_non_applicable_and_refusals_are_evidence() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    let s = serveur(None);
    let dir = std::env::temp_dir().join(format!("certif-controle-{}", std::process::id()));
    let p = std::env::temp_dir().join(format!("profil-controle-{}.yaml", std::process::id()));
    let yaml = format!(
        "implementation: \"sans notifications\"\nurl: \"http://{}\"\ncontrole:\n  notifications: false\n  sollicitations: false\n",
        s.addr
    );
    std::fs::write(&p, yaml).expect("profile");
    let o = binaire().args(["certify", "--profile"]).arg(&p).arg("--report-dir").arg(&dir).output().expect("certify");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("rapport.json")).expect("json")).expect("valid");
    let scenarios = r["scenarios"].as_array().expect("scenarios");
    let nom = |x: &serde_json::Value| x["nom"].as_str().unwrap_or_default().to_string();
    // D-API-4: a scenario that reads notifications is non applicable, and says which capability
    // it lacked; one that needs neither capability is still judged.
    let notif = scenarios.iter().find(|x| nom(x) == "qui est prévenu de quoi à chaque étape").expect("scenario");
    assert_eq!(notif["verdict"], "non_applicable");
    let raison = notif["etapes"].as_array().expect("steps").iter().filter_map(|e| e["message"].as_str()).collect::<Vec<_>>().join("\n");
    assert!(raison.contains("capacité de contrôle « notifications »"), "{raison}");
    let sollicitation = scenarios.iter().find(|x| nom(x).starts_with("cas 2 : la MOAD est une structure privée")).expect("scenario");
    assert_eq!(sollicitation["verdict"], "non_applicable");
    let routage = scenarios.iter().find(|x| nom(x) == "un destinataire inactif").expect("scenario");
    assert_eq!(routage["verdict"], "conforme");
    let declare = r["meta"]["prise_en_charge"].as_array().expect("declared").iter().filter_map(|x| x.as_str()).collect::<Vec<_>>();
    assert!(declare.contains(&"controle.notifications : non") && declare.contains(&"controle.horloge : oui"), "{declare:?}");
    // Every refusal received is evidence: its route, HTTP status and codeRetour.
    let refus: Vec<&serde_json::Value> = scenarios.iter().flat_map(|x| x["refus_recus"].as_array().into_iter().flatten()).collect();
    assert!(refus.len() > 50, "{} refusals recorded", refus.len());
    let inactif = routage["refus_recus"].as_array().expect("refusals");
    assert!(
        inactif.iter().all(|x| x["statut_http"] == 400 && (28_000..29_000).contains(&x["code_retour"].as_i64().unwrap_or(0))),
        "{inactif:?}"
    );
    let html = std::fs::read_to_string(dir.join("rapport.html")).expect("html");
    assert!(html.contains("Refus reçu") && html.contains("capacité de contrôle « notifications »"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A TCP server that accepts and answers with `reponse` (or never answers when `None`).
fn faux_serveur(reponse: Option<&'static str>) -> (String, std::thread::JoinHandle<()>, Arc<Mutex<bool>>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = format!("http://{}", l.local_addr().expect("addr"));
    l.set_nonblocking(true).expect("nonblocking");
    let fin = Arc::new(Mutex::new(false));
    let fin2 = fin.clone();
    let h = std::thread::spawn(move || {
        let mut gardes = Vec::new();
        let debut = Instant::now();
        while !*fin2.lock().unwrap_or_else(|e| e.into_inner()) && debut.elapsed() < Duration::from_secs(120) {
            match l.accept() {
                Ok((mut s, _)) => {
                    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
                    let mut buf = [0u8; 8192];
                    let _ = s.read(&mut buf);
                    match reponse {
                        Some(r) => {
                            let _ = s.write_all(r.as_bytes());
                        }
                        None => gardes.push(s),
                    }
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (addr, h, fin)
}

fn indetermine(nom: &str, url: &str) {
    let (code, texte, dir, duree) = certifier(nom, url, 300);
    assert_eq!(code, Some(3), "{nom}: {texte}");
    assert!(texte.contains("verdict : indéterminé"), "{texte}");
    assert!(duree < Duration::from_secs(90), "{nom}: bounded time ({duree:?})");
    let json = std::fs::read_to_string(dir.join("rapport.json")).expect("report");
    assert!(json.contains("POST ") && json.contains("/test/v1/"), "{nom}: the request is kept as evidence");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_implementation_that_is_down_stalls_or_answers_garbage_is_indetermine() {
    let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
    // Down: a port nobody listens on.
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let libre = format!("http://{}", l.local_addr().expect("addr"));
    drop(l);
    indetermine("arrete", &libre);
    // Stalls: accepts and never answers.
    let (url, h, fin) = faux_serveur(None);
    indetermine("muet", &url);
    *fin.lock().unwrap_or_else(|e| e.into_inner()) = true;
    let _ = h.join();
    // Garbage.
    let (url, h, fin) = faux_serveur(Some("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\npas json!"));
    indetermine("charabia", &url);
    *fin.lock().unwrap_or_else(|e| e.into_inner()) = true;
    let _ = h.join();
}

#[test]
fn malformed_bodies_are_400_and_refusals_carry_their_code() {
    let s = serveur_simple();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    rt.block_on(async {
        let c = reqwest::Client::new();
        let url = format!("http://{}/cpro/facturesTravaux/v1/soumettre", s.addr);
        let r = c.post(&url).header("cpro-account", "x").header("content-type", "application/json").body("{pas du json").send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 400);
        let v: serde_json::Value = r.json().await.expect("json");
        assert!(v["libelle"].as_str().unwrap_or("").contains("JSON"), "{v}");
        let r = c.post(&url).header("cpro-account", "inconnu").json(&serde_json::json!({ "cadreFacturation": "A4", "montantHT": 1 })).send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 400);
        let r = c
            .post(&url)
            .header("cpro-account", "inconnu")
            .json(&serde_json::json!({ "cadreFacturation": "A1", "montantHT": "1", "montantTVA": "0", "montantTTC": "1", "montantAPayer": "1" }))
            .send()
            .await
            .expect("answer");
        // D-API-2: a business refusal is HTTP 400, a pinned non-zero codeRetour, the French
        // message, and the reference's code as an extension.
        assert_eq!(r.status().as_u16(), 400);
        let v: serde_json::Value = r.json().await.expect("json");
        assert_eq!(v["code"], "UTILISATEUR_INCONNU");
        assert_eq!(v["codeRetour"], 28000);
        let r = c
            .post(&url)
            .header("cpro-account", "x")
            .json(&serde_json::json!({ "cadreFacturation": "A26", "montantHT": "1", "montantTVA": "0", "montantTTC": "1", "montantAPayer": "1" }))
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status().as_u16(), 400);
        let v: serde_json::Value = r.json().await.expect("json");
        assert_eq!(v["code"], "CADRE_INCONNU");
        let r = c.post(format!("http://{}/nulle/part", s.addr)).send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 404);
    });
}

#[test]
fn concurrent_deposits_lose_no_piece() {
    let s = serveur_simple();
    let url = format!("http://{}", s.addr);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
    rt.block_on(async {
        let c = reqwest::Client::new();
        let post = |route: &str, acteur: Option<&str>, corps: serde_json::Value| {
            let mut r = c.post(format!("{url}{route}")).header("cpro-bac-a-sable", "charge").header("cpro-controle", "controle-local").json(&corps);
            if let Some(a) = acteur {
                r = r.header("cpro-account", a);
            }
            r.send()
        };
        let structure = serde_json::json!({ "structure": { "siret": "44771278200013", "raison_sociale": "Ville", "type": "publique", "presence_moa": "avec_moa" } });
        assert!(post("/test/v1/ajouterStructure", None, structure).await.expect("hook").status().is_success());
        let fournisseur = serde_json::json!({ "structure": { "siret": "52393849900010", "raison_sociale": "Bâti", "type": "privee" } });
        assert!(post("/test/v1/ajouterStructure", None, fournisseur).await.expect("hook").status().is_success());
        assert!(post("/test/v1/creerUtilisateur", None, serde_json::json!({ "login": "f", "prenom": "F", "nom": "F" })).await.expect("hook").status().is_success());
        let r = post("/test/v1/rattacher", None, serde_json::json!({ "login": "f", "identifiantStructure": "52393849900010", "role": "UTILISATEUR", "habiliteTravaux": true }));
        assert!(r.await.expect("hook").status().is_success());
        let depot = serde_json::json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "montantHT": "100", "montantTVA": "20", "montantTTC": "120", "montantAPayer": "120" });
        let envois: Vec<_> = (0..200).map(|_| post("/cpro/facturesTravaux/v1/soumettre", Some("f"), depot.clone())).collect();
        let reponses = futures::future::join_all(envois).await;
        let statuts: Vec<u16> = reponses.iter().map(|r| r.as_ref().map(|r| r.status().as_u16()).unwrap_or(0)).collect();
        // A saturated sandbox answers 503 at once (bounded queue): refused, never lost.
        assert!(statuts.iter().all(|s| *s == 200 || *s == 503), "{statuts:?}");
        let acceptes = statuts.iter().filter(|s| **s == 200).count();
        assert!(acceptes >= 32, "at least a queue's worth is served: {acceptes}");
        let mut vus = std::collections::BTreeSet::new();
        for page in 1..=2 {
            let q = serde_json::json!({ "rechercheFactureTravaux": { "pageResultatDemandee": page, "nbResultatsParPage": 100 } });
            let v: serde_json::Value = post("/cpro/facturesTravaux/v1/rechercher", Some("f"), q).await.expect("search").json().await.expect("json");
            assert_eq!(v["parametresRetour"]["total"], acceptes, "every accepted piece is there, and only those");
            assert_eq!(v["parametresRetour"]["pages"], acceptes.div_ceil(100));
            for x in v["listeFacturesTravaux"].as_array().expect("list") {
                vus.insert(x["idFactureTravaux"].as_u64().expect("id"));
            }
        }
        assert_eq!(vus.len(), acceptes, "the pages hold every accepted piece, once each");
    });
}

#[test]
fn serve_lists_exactly_the_injectable_faults() {
    let o = binaire().args(["serve", "--list-faults"]).output().expect("runs");
    let noms: Vec<String> = String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect();
    // The exact list: a fault added or removed changes this test, and the power table of the
    // suite (README) with it.
    let attendus = [
        "presence-moa-ignoree",
        "a22-prematuree",
        "tacite-mauvais-depart",
        "sans-jours-feries",
        "titulaire-refuse-acheminement",
        "circuit-refuse-ouvert",
        "erreur-montant-acceptee",
        "acces-autres-structures",
        "historique-perdu",
        "code-retour-incoherent",
        "luhn-ignore",
        "delai-moe-ignore",
        "feries-mobiles-ignores",
        "montant-a-payer-ignore",
        "libelle-absent",
        "recherche-tronquee",
        "recherche-sans-pagination",
        "recherche-destinataire-valideur",
        "recherche-sans-identifiant",
        "recherche-autres-structures",
        "historique-decale",
        "historique-sans-utilisateur",
        "chaine-paiement-sautee",
        "recyclage-initial-accepte",
        "chainage-omis",
        "type-facture-absent",
        "code-service-omis",
        "dates-francaises",
        "refus-sous-http-500",
        "code-retour-non-declare",
        "notifications-veille",
        "dossier-fige-traite",
        "association-piece-invisible",
        "paiement-structure-privee",
        "taux-sans-majoration",
        "indemnite-oubliee",
        "base-interets-ht",
        "retard-jour-de-trop",
        "mise-en-paiement-visible",
        "silence-sous-traitance-double",
    ];
    assert_eq!(noms, attendus);
    assert_eq!(Defaut::TOUS.len(), attendus.len());
    assert!(noms.iter().all(|n| Defaut::parse(n).is_some()));
    assert_eq!(binaire().args(["serve", "--fault", "inexistant"]).output().expect("runs").status.code(), Some(2));
}
