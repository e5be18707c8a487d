//! `serve` under bad input, load and faults: everything bounded, nothing lost, nothing hangs
//! (issue « bounded, persistent, signed »). Loops are bounded in count and time, on loopback.

use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::serveur::{Configuration, Limites, ServeurLance};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A server for tests that speak to it by hand: no PISTE token, plain logins (the PISTE path is
/// tested in `piste.rs`).
fn config() -> Configuration {
    let mut c = Configuration::new(lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates"), None);
    c.piste = None;
    c.comptes_en_clair = true;
    c
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt")
}

/// A client of one sandbox, with the control token.
struct Client {
    base: String,
    bac: String,
    http: reqwest::Client,
}

impl Client {
    fn new(s: &ServeurLance, bac: &str) -> Client {
        Client { base: format!("http://{}", s.addr), bac: bac.into(), http: reqwest::Client::new() }
    }

    async fn post(&self, route: &str, compte: Option<&str>, corps: Value) -> (u16, Value) {
        let mut r = self
            .http
            .post(format!("{}{route}", self.base))
            .header("cpro-bac-a-sable", &self.bac)
            .header("cpro-controle", "controle-local")
            .json(&corps);
        if let Some(c) = compte {
            r = r.header("cpro-account", c);
        }
        let r = r.send().await.expect("answer");
        let statut = r.status().as_u16();
        (statut, r.json().await.unwrap_or(Value::Null))
    }

    /// The demonstration's two structures, a user of the supplier, a facture simple's route.
    async fn preparer(&self) {
        for s in [
            json!({ "siret": "44771278200013", "raison_sociale": "Ville", "type": "publique", "presence_moa": "avec_moa" }),
            json!({ "siret": "52393849900010", "raison_sociale": "Bâti", "type": "privee" }),
        ] {
            assert_eq!(self.post("/test/v1/ajouterStructure", None, json!({ "structure": s })).await.0, 200);
        }
        assert_eq!(self.post("/test/v1/creerUtilisateur", None, json!({ "login": "f", "prenom": "F", "nom": "F" })).await.0, 200);
        let r = json!({ "login": "f", "identifiantStructure": "52393849900010", "role": "UTILISATEUR", "habiliteTravaux": true });
        assert_eq!(self.post("/test/v1/rattacher", None, r).await.0, 200);
    }

    async fn deposer(&self, numero: u32) -> (u16, Value) {
        let d = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "numeroFactureTravaux": format!("F-{numero}"),
                        "montantHT": "100", "montantTVA": "20", "montantTTC": "120", "montantAPayer": "120" });
        self.post("/cpro/facturesTravaux/v1/soumettre", Some("f"), d).await
    }
}

#[test]
fn a_search_answers_one_page_at_most() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    rt().block_on(async {
        let c = Client::new(&s, "pages");
        c.preparer().await;
        for i in 0..130 {
            assert_eq!(c.deposer(i).await.0, 200);
        }
        let (st, v) = c.post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({})).await;
        assert_eq!(st, 200);
        assert_eq!(v["listeFacturesTravaux"].as_array().map(Vec::len), Some(100), "the default page is the largest");
        assert_eq!(v["parametresRetour"], json!({ "pageCourante": 1, "pages": 2, "nbResultatsParPage": 100, "total": 130 }));
        let (st, v) = c
            .post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({ "rechercheFactureTravaux": { "nbResultatsParPage": 5000 } }))
            .await;
        assert_eq!(st, 400, "{v}");
        assert!(v["libelle"].as_str().unwrap_or("").contains("nbResultatsParPage"), "{v}");
        // The filters, and the real answer to an empty search.
        let (_, v) = c.post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({ "numeroFactureTravaux": "F-7" })).await;
        assert_eq!(v["parametresRetour"]["total"], 1);
        assert_eq!(v["listeFacturesTravaux"][0]["numeroFactureTravaux"], "F-7");
        assert_eq!(v["listeFacturesTravaux"][0]["identifiantFournisseur"], "52393849900010");
        let (st, v) = c.post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({ "numeroFactureTravaux": "nulle" })).await;
        assert_eq!((st, v["codeRetour"].clone(), v["libelle"].clone()), (200, json!(20007), json!("GFT_MSG_01.075")));
    });
}

#[test]
fn bodies_strings_and_names_are_bounded() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    rt().block_on(async {
        let c = Client::new(&s, "bornes");
        c.preparer().await;
        // A 1 MB invoice number is refused, the field named.
        let long = "9".repeat(3_000);
        let d = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "numeroFactureTravaux": long,
                        "montantHT": "100", "montantTVA": "20", "montantTTC": "120", "montantAPayer": "120" });
        let (st, v) = c.post("/cpro/facturesTravaux/v1/soumettre", Some("f"), d).await;
        assert_eq!(st, 400, "{v}");
        assert!(v["libelle"].as_str().unwrap_or("").contains("numeroFactureTravaux"), "{v}");
        // A body past the limit: 413, the contract's JSON.
        let enorme = "x".repeat(2 << 20);
        // (Its own client: the server closes a connection whose body it did not read.)
        let r = reqwest::Client::new().post(format!("{}/cpro/facturesTravaux/v1/soumettre", c.base)).header("content-type", "application/json").body(enorme).send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 413);
        let v: Value = r.json().await.expect("json 413");
        assert_eq!(v["code"], "CORPS_TROP_GRAND");
        // A sandbox name that is not a name is refused, never mapped to « defaut ».
        for nom in ["été", "a/b", ""] {
            let r = c.http.post(format!("{}/test/v1/reinitialiser", c.base)).header("content-type", "application/json").header("cpro-controle", "controle-local");
            let r = match std::panic::catch_unwind(|| reqwest::header::HeaderValue::from_bytes(nom.as_bytes())) {
                Ok(Ok(h)) => r.header("cpro-bac-a-sable", h),
                _ => r,
            };
            let st = r.body("{}").send().await.expect("answer").status().as_u16();
            assert!(st == 400 || nom.is_empty(), "{nom}: {st}");
        }
        // Amounts past the maximum are a refusal, not an overflow.
        let d = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013",
                        "montantHT": "79228162514264337593543950335", "montantTVA": "0", "montantTTC": "79228162514264337593543950335", "montantAPayer": "1" });
        let (st, v) = c.post("/cpro/facturesTravaux/v1/soumettre", Some("f"), d).await;
        assert_eq!((st, v["code"].clone()), (400, json!("MONTANT_HORS_LIMITES")), "{v}");
        // The calendar walk is bounded: a refusal, at once.
        let (st, v) = c.post("/test/v1/avancer", None, json!({ "jours": 2_000_000_000u32 })).await;
        assert_eq!((st, v["code"].clone()), (400, json!("DATE_HORS_LIMITES")), "{v}");
        let (st, _) = c.post("/test/v1/fixerDate", None, json!({ "date": "5000000-01-01" })).await;
        assert_eq!(st, 400);
        let (st, v) = c.post("/test/v1/fixerDate", None, json!({ "date": "1999-01-01" })).await;
        assert_eq!(st, 200, "a fresh sandbox starts where the scenario says: {v}");
        c.deposer(1).await;
        let (st, v) = c.post("/test/v1/fixerDate", None, json!({ "date": "1998-01-01" })).await;
        assert_eq!((st, v["code"].clone()), (400, json!("DATE_ANTERIEURE")), "{v}");
    });
}

#[test]
fn parameters_are_never_reset_silently() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    rt().block_on(async {
        let c = Client::new(&s, "parametres");
        let ville = json!({ "siret": "44771278200013", "raison_sociale": "Ville", "type": "publique", "presence_moa": "avec_moa",
                            "parametres": { "code_service_doit_etre_renseigne": true } });
        assert_eq!(c.post("/test/v1/ajouterStructure", None, json!({ "structure": ville })).await.0, 200);
        assert_eq!(
            c.post("/test/v1/creerUtilisateur", None, json!({ "login": "g", "prenom": "G", "nom": "G", "pigp": true })).await.0,
            200
        );
        let r =
            json!({ "login": "g", "identifiantStructure": "44771278200013", "role": "GESTIONNAIRE_PRINCIPAL", "habiliteTravaux": true });
        assert_eq!(c.post("/test/v1/rattacher", None, r).await.0, 200);
        let route = "/cpro/structures/v1/modifierParametres";
        for (mauvais, champ) in [
            (json!("tous"), "parametres"),
            (json!([true]), "parametres"),
            (json!({ "numeroEJDoitEtreRenseigne": "beaucoup" }), "numeroEJDoitEtreRenseigne"),
        ] {
            let (st, v) = c.post(route, Some("g"), json!({ "identifiantStructure": "44771278200013", "parametres": mauvais })).await;
            assert_eq!(st, 400, "{v}");
            assert!(v["libelle"].as_str().unwrap_or("").contains(champ), "{v}");
        }
        // A partial object changes only what it names.
        let (st, _) = c
            .post(
                route,
                Some("g"),
                json!({ "identifiantStructure": "44771278200013", "parametres": { "numeroEJDoitEtreRenseigne": true } }),
            )
            .await;
        assert_eq!(st, 200);
        let (_, v) = c.post("/cpro/structures/v1/consulter", Some("g"), json!({ "identifiantStructure": "44771278200013" })).await;
        let p = &v["structure"]["parametres"];
        assert_eq!(
            (p["code_service_doit_etre_renseigne"].clone(), p["numero_ej_doit_etre_renseigne"].clone()),
            (json!(true), json!(true)),
            "{v}"
        );
    });
}

#[test]
fn the_control_interface_and_the_shapes_are_guarded() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    rt().block_on(async {
        let http = reqwest::Client::new();
        let base = format!("http://{}", s.addr);
        // No token: 401; a « simple » cross-origin request (text/plain): 415; a preflight: 403,
        // and never an Access-Control-Allow-Origin.
        let r = http.post(format!("{base}/test/v1/reinitialiser")).json(&json!({})).send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 401);
        let r = http
            .post(format!("{base}/test/v1/reinitialiser"))
            .header("cpro-controle", "controle-local")
            .header("content-type", "text/plain")
            .body("{}")
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status().as_u16(), 415);
        let r = http
            .request(reqwest::Method::OPTIONS, format!("{base}/test/v1/reinitialiser"))
            .header("origin", "https://exemple.org")
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status().as_u16(), 403);
        assert!(r.headers().get("access-control-allow-origin").is_none());
        // Another method than POST: 405, with Allow and the contract's JSON.
        let r = http.get(format!("{base}/cpro/facturesTravaux/v1/consulter")).send().await.expect("answer");
        assert_eq!(r.status().as_u16(), 405);
        assert_eq!(r.headers().get("allow").and_then(|h| h.to_str().ok()), Some("POST"));
        let v: Value = r.json().await.expect("json 405");
        assert_eq!(v["codeRetour"], 405);
        // The health check is the one GET.
        let v: Value =
            http.get(format!("{base}/cpro/transverses/v1/health-check")).send().await.expect("answer").json().await.expect("json");
        assert_eq!(v["statusCodeValue"], 200);
    });
}

#[test]
fn a_saturated_sandbox_does_not_stall_the_others() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    let rt = rt();
    rt.block_on(async {
        let a = Client::new(&s, "sature");
        a.preparer().await;
        let b = Client::new(&s, "voisin");
        b.preparer().await;
        let debut = Instant::now();
        // 600 requests, 200 in flight at a time (200 connections: within the connection limit,
        // far past the sandbox's queue).
        use futures::StreamExt;
        let rafale = futures::stream::iter((0..600).map(|i| a.deposer(10_000 + i))).buffer_unordered(200).collect::<Vec<_>>();
        let voisin = async {
            let mut lat = Vec::new();
            for i in 0..20 {
                let t = Instant::now();
                assert_eq!(b.deposer(i).await.0, 200, "the other sandbox is served");
                lat.push(t.elapsed());
            }
            lat
        };
        let (reponses, lat) = futures::join!(rafale, voisin);
        let statuts: Vec<u16> = reponses.iter().map(|r| r.0).collect();
        assert!(statuts.iter().all(|s| *s == 200 || *s == 503), "accepted or refused at once: {statuts:?}");
        let mut lat: Vec<u128> = lat.iter().map(Duration::as_micros).collect();
        lat.sort_unstable();
        eprintln!(
            "600 requêtes sur un bac : {} acceptées, {} refusées (503) en {:?} ; le bac voisin : médiane {} µs, max {} µs",
            statuts.iter().filter(|s| **s == 200).count(),
            statuts.iter().filter(|s| **s == 503).count(),
            debut.elapsed(),
            lat[lat.len() / 2],
            lat[lat.len() - 1]
        );
    });
}

#[test]
fn connections_are_bounded_and_slow_ones_closed() {
    let mut c = config();
    c.limites = Limites { connexions: 8, delai_entetes: Duration::from_millis(300), ..Limites::default() };
    let s = ServeurLance::demarrer(c).expect("starts");
    // Eight idle connections hold every place: the ninth is closed at once…
    let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(s.addr).expect("connect")).collect();
    std::thread::sleep(Duration::from_millis(50));
    let mut neuvieme = TcpStream::connect(s.addr).expect("connect");
    neuvieme.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let _ = neuvieme.write_all(b"GET /cpro/transverses/v1/health-check HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut buf = [0u8; 64];
    assert_eq!(neuvieme.read(&mut buf).unwrap_or(0), 0, "over the limit: closed without an answer");
    // …and the idle ones are closed after the header timeout, which frees the places.
    for mut i in idle {
        i.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
        let debut = Instant::now();
        let n = i.read(&mut buf).unwrap_or(0);
        assert!(n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"), "closed (or 408) by the server");
        assert!(debut.elapsed() < Duration::from_secs(5), "closed by the server, not by our own timeout");
    }
    // A slow-drip client is closed too.
    let mut lent = TcpStream::connect(s.addr).expect("connect");
    lent.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let _ = lent.write_all(b"GET /cpro/transverses/v1/health-check HTTP/1.1\r\n");
    std::thread::sleep(Duration::from_millis(600));
    let _ = lent.write_all(b"Host: x\r\n");
    let n = lent.read(&mut buf).unwrap_or(0);
    assert!(n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"));
    // Service goes on.
    let v: Value = rt().block_on(async {
        reqwest::get(format!("http://{}/cpro/transverses/v1/health-check", s.addr)).await.expect("answer").json().await.expect("json")
    });
    assert_eq!(v["statusCodeValue"], 200);
}

fn dossier_temporaire(nom: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("serve-{nom}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn acknowledged_commands_survive_a_restart() {
    let dir = dossier_temporaire("redemarrage");
    let mut c = config();
    c.donnees = Some(dir.clone());
    let ids: Vec<u64> = {
        let s = ServeurLance::demarrer(c.clone()).expect("starts");
        rt().block_on(async {
            let cl = Client::new(&s, "durable");
            cl.preparer().await;
            let mut ids = Vec::new();
            for i in 0..25 {
                let (st, v) = cl.deposer(i).await;
                assert_eq!(st, 200);
                ids.push(v["idFactureTravaux"].as_u64().expect("id"));
            }
            // Another sandbox, reset: gone for good.
            let autre = Client::new(&s, "efface");
            autre.preparer().await;
            assert_eq!(autre.post("/test/v1/reinitialiser", None, json!({})).await.0, 200);
            ids
        })
    };
    let s = ServeurLance::demarrer(c).expect("restarts");
    rt().block_on(async {
        let cl = Client::new(&s, "durable");
        for id in ids {
            let (st, v) = cl.post("/cpro/facturesTravaux/v1/consulter", Some("f"), json!({ "idFactureTravaux": id })).await;
            assert_eq!(st, 200, "piece {id} after the restart: {v}");
        }
        let (_, v) = cl.post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({})).await;
        assert_eq!(v["parametresRetour"]["total"], 25);
        let autre = Client::new(&s, "efface");
        let (st, v) = autre.post("/cpro/facturesTravaux/v1/rechercher", Some("f"), json!({})).await;
        assert_eq!((st, v["code"].clone()), (400, json!("UTILISATEUR_INCONNU")), "a reset sandbox has no user left: {v}");
    });
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_under_load_drains_and_exits_0() {
    let dir = dossier_temporaire("sigterm");
    let mut enfant = std::process::Command::new(env!("CARGO_BIN_EXE_chorus-travaux"))
        .current_dir(racine())
        .args(["serve", "--addr", "127.0.0.1:0", "--without-piste", "--plain-accounts", "--data-dir"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut sortie = enfant.stdout.take().expect("stdout");
    let mut ligne = Vec::new();
    let mut octet = [0u8; 1];
    while sortie.read(&mut octet).unwrap_or(0) == 1 && octet[0] != b'\n' {
        ligne.push(octet[0]);
    }
    let ligne = String::from_utf8_lossy(&ligne).to_string();
    let addr = ligne.split("http://").nth(1).and_then(|x| x.split_whitespace().next()).expect("the address is announced").to_string();
    let rt = rt();
    let pid = enfant.id().to_string();
    let acquittes: Vec<u64> = rt.block_on(async {
        let cl = Client { base: format!("http://{addr}"), bac: "sigterm".into(), http: reqwest::Client::new() };
        cl.preparer().await;
        // Requests sent as the server stops may find their connection closed: never acknowledged.
        let envoi = |i: u32| {
            let d = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "numeroFactureTravaux": format!("F-{i}"),
                            "montantHT": "100", "montantTVA": "20", "montantTTC": "120", "montantAPayer": "120" });
            cl.http
                .post(format!("{}/cpro/facturesTravaux/v1/soumettre", cl.base))
                .header("cpro-bac-a-sable", "sigterm")
                .header("cpro-account", "f")
                .json(&d)
                .send()
        };
        let charge = futures::future::join_all((0..200).map(envoi));
        let signal = async {
            tokio::time::sleep(Duration::from_millis(30)).await;
            std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("kill")
        };
        let (reponses, _) = futures::join!(charge, signal);
        let mut ids = Vec::new();
        for r in reponses.into_iter().flatten() {
            if r.status().as_u16() == 200
                && let Ok(v) = r.json::<Value>().await
            {
                ids.push(v["idFactureTravaux"].as_u64().expect("id"));
            }
        }
        ids
    });
    let debut = Instant::now();
    let code = loop {
        if let Some(s) = enfant.try_wait().expect("wait") {
            break s.code();
        }
        assert!(debut.elapsed() < Duration::from_secs(30), "serve did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0), "SIGTERM drains and exits 0");
    eprintln!("SIGTERM sous charge : {} dépôts acquittés avant l'arrêt", acquittes.len());
    // Every acknowledged deposit is there after a restart.
    let mut c = config();
    c.donnees = Some(dir.clone());
    let s = ServeurLance::demarrer(c).expect("restarts");
    rt.block_on(async {
        let cl = Client::new(&s, "sigterm");
        for id in &acquittes {
            let (st, v) = cl.post("/cpro/facturesTravaux/v1/consulter", Some("f"), json!({ "idFactureTravaux": id })).await;
            assert_eq!(st, 200, "acknowledged piece {id} survives: {v}");
        }
    });
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
