//! The real API as a vendor's client meets it (D-API-1..3): a PISTE token from a form, `Bearer`
//! on every `/cpro/` call, the technical account as base64 of `login:password`, a SIRET found by
//! search then consulted by its `idStructureCPP`, amounts as JSON numbers, a refusal as HTTP 400
//! with its `codeRetour`, each answer checked against the schema `openapi.yaml` documents; then
//! the same over HTTPS (rustls) with a self-signed authority.

use super::openapi::{openapi, reponse_conforme, requete_conforme};
use base64::Engine;
use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::serveur::{Configuration, ServeurLance};
use serde_json::{Value, json};
use std::path::PathBuf;

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> Configuration {
    Configuration::new(lire_taux(&racine().join("scenarios/taux-bce.yaml")).expect("rates"), None)
}

/// Checks a request against the schema the document gives for this route's body.
fn requete_selon_le_contrat(doc: &Value, route: &str, corps: &Value) {
    if let Err(e) = requete_conforme(doc, route, corps) {
        panic!("{e}");
    }
}

/// Checks an answer against the schema the document gives for this route and status.
fn selon_le_contrat(doc: &Value, route: &str, statut: u16, corps: &Value) {
    if let Err(e) = reponse_conforme(doc, "post", route, statut, corps) {
        panic!("{e}");
    }
}

fn compte(login: &str, mot_de_passe: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{login}:{mot_de_passe}"))
}

/// A vendor's client: a base URL, a token once obtained, a sandbox.
struct Vendeur {
    base: String,
    http: reqwest::Client,
    jeton: String,
    doc: Value,
}

impl Vendeur {
    async fn connecter(base: String, http: reqwest::Client) -> Vendeur {
        let form = "grant_type=client_credentials&client_id=client-local&client_secret=secret-local&scope=openid";
        let r = http
            .post(format!("{base}/api/oauth/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .expect("token");
        assert_eq!(r.status().as_u16(), 200);
        let t: Value = r.json().await.expect("json");
        assert_eq!(t["token_type"], "Bearer");
        assert!(t["expires_in"].as_u64().is_some_and(|s| s > 0));
        let jeton = t["access_token"].as_str().expect("access_token").to_string();
        Vendeur { base, http, jeton, doc: openapi() }
    }

    async fn controle(&self, route: &str, corps: Value) {
        let r = self
            .http
            .post(format!("{}{route}", self.base))
            .header("cpro-bac-a-sable", "vendeur")
            .header("cpro-controle", "controle-local")
            .json(&corps)
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status().as_u16(), 200, "{route}");
    }

    async fn appel(&self, route: &str, cpro_account: &str, corps: Value) -> (u16, Value) {
        requete_selon_le_contrat(&self.doc, route, &corps);
        let r = self
            .http
            .post(format!("{}{route}", self.base))
            .bearer_auth(&self.jeton)
            .header("cpro-bac-a-sable", "vendeur")
            .header("cpro-account", cpro_account)
            .json(&corps)
            .send()
            .await
            .expect("answer");
        let statut = r.status().as_u16();
        let v: Value = r.json().await.expect("a JSON answer");
        selon_le_contrat(&self.doc, route, statut, &v);
        (statut, v)
    }

    /// The whole walk a vendor makes.
    async fn parcours(&self) {
        let sante = self.http.get(format!("{}/cpro/transverses/v1/health-check", self.base)).bearer_auth(&self.jeton).send().await;
        assert_eq!(sante.expect("health").status().as_u16(), 200);
        for s in [
            json!({ "siret": "44771278200013", "raison_sociale": "Ville de Montreuil", "type": "publique", "presence_moa": "avec_moa",
                    "services": [{ "code": "TRAVAUX", "libelle": "Direction des bâtiments" }] }),
            json!({ "siret": "52393849900010", "raison_sociale": "Bâtiments du Val", "type": "privee" }),
        ] {
            self.controle("/test/v1/ajouterStructure", json!({ "structure": s })).await;
        }
        self.controle("/test/v1/creerUtilisateur", json!({ "login": "paul", "prenom": "Paul", "nom": "B", "motDePasse": "s3cret" })).await;
        let r = json!({ "login": "paul", "identifiantStructure": "52393849900010", "role": "UTILISATEUR", "habiliteTravaux": true });
        self.controle("/test/v1/rattacher", r).await;
        self.controle("/test/v1/creerUtilisateur", json!({ "login": "claire", "prenom": "Claire", "nom": "M", "motDePasse": "m0a" })).await;
        let moe = json!({ "siret": "26197306900014", "raison_sociale": "Atelier d'architecture Ferrand", "type": "privee" });
        self.controle("/test/v1/ajouterStructure", json!({ "structure": moe })).await;
        let fiche: Value =
            serde_saphyr::from_str(&std::fs::read_to_string(racine().join("scenarios/marches/ecole-jaures.yaml")).expect("fiche"))
                .expect("YAML");
        self.controle("/test/v1/enregistrerMarche", json!({ "fiche": fiche })).await;
        self.controle("/test/v1/fixerDate", json!({ "date": "2026-03-02" })).await;
        let r = json!({ "login": "claire", "identifiantStructure": "26197306900014", "role": "UTILISATEUR", "habiliteTravaux": true });
        self.controle("/test/v1/rattacher", r).await;
        let (paul, claire) = (compte("paul", "s3cret"), compte("claire", "m0a"));

        // A SIRET gives its idStructureCPP, which consults the structure.
        let (s, v) =
            self.appel("/cpro/structures/v1/rechercher", &paul, json!({ "structure": { "identifiantStructure": "44771278200013" } })).await;
        assert_eq!((s, &v["codeRetour"]), (200, &json!(0)), "{v}");
        let id = v["listeStructures"][0]["idStructureCPP"].as_u64().expect("idStructureCPP");
        let (s, v) = self.appel("/cpro/structures/v1/consulter", &paul, json!({ "idStructureCPP": id })).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["informationGenerales"]["raisonSocialeStructure"], "Ville de Montreuil", "{v}");
        let (s, v) = self.appel("/cpro/structures/v1/rechercher/services", &paul, json!({ "idStructure": id })).await;
        assert_eq!(s, 200, "{v}");
        // A login that is not ASCII acts, since the account travels as base64 (issue 9, item 8).
        self.controle("/test/v1/creerUtilisateur", json!({ "login": "andré.élu", "prenom": "André", "nom": "É", "motDePasse": "clé" }))
            .await;
        let r = json!({ "login": "andré.élu", "identifiantStructure": "52393849900010", "role": "UTILISATEUR", "habiliteTravaux": true });
        self.controle("/test/v1/rattacher", r).await;
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/rechercher", &compte("andré.élu", "clé"), json!({})).await;
        assert_eq!((s, &v["codeRetour"]), (200, &json!(20007)), "{v}");

        // No structure found: an empty page; no facture found: the real platform's 20007 under
        // HTTP 200 (D-API-2).
        let (s, v) =
            self.appel("/cpro/structures/v1/rechercher", &paul, json!({ "structure": { "identifiantStructure": "99999999999999" } })).await;
        assert_eq!((s, &v["parametresRetour"]["total"]), (200, &json!(0)), "{v}");
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/rechercher", &paul, json!({ "numeroFactureTravaux": "aucune" })).await;
        assert_eq!((s, &v["codeRetour"]), (200, &json!(20007)), "{v}");

        // A deposit with amounts as JSON numbers, kept exact.
        let depot = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "numeroFactureTravaux": "F-1",
                            "montantHT": 1000.10, "montantTVA": 200.02, "montantTTC": 1200.12, "montantAPayer": 1200.12 });
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/soumettre", &paul, depot).await;
        assert_eq!((s, &v["codeRetour"]), (200, &json!(0)), "{v}");
        let piece = v["idFactureTravaux"].as_u64().expect("idFactureTravaux");
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/consulter", &paul, json!({ "idFactureTravaux": piece })).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["factureTravaux"]["montantTTC"], "1200.12", "{v}");
        // The harness's client reads this answer, and refuses it when a key is dropped instead
        // of reading « none » (issue 11).
        let mut f = v["factureTravaux"].clone();
        assert!(chorus_travaux::http::operations::travaux::consulter::vue_depuis(&f).is_ok());
        f.as_object_mut().expect("object").remove("idPieceSuivante");
        assert!(chorus_travaux::http::operations::travaux::consulter::vue_depuis(&f).is_err_and(|e| e.contains("idPieceSuivante")));

        // Two more pieces, then a search of two per page: page 2 holds the third.
        for n in 2..=3 {
            let d = json!({ "cadreFacturation": "A1", "identifiantDestinataire": "44771278200013", "numeroFactureTravaux": format!("F-{n}"),
                            "montantHT": "100", "montantTVA": "20", "montantTTC": "120", "montantAPayer": "120" });
            assert_eq!(self.appel("/cpro/facturesTravaux/v1/soumettre", &paul, d).await.0, 200);
        }
        let q =
            json!({ "roleUtilisateur": "FOURNISSEUR", "rechercheFactureTravaux": { "pageResultatDemandee": 2, "nbResultatsParPage": 2 } });
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/rechercher", &paul, q).await;
        assert_eq!(s, 200, "{v}");
        let pr = &v["parametresRetour"];
        assert_eq!((&pr["pageCourante"], &pr["pages"], &pr["total"]), (&json!(2), &json!(2), &json!(3)), "{v}");
        assert_eq!(v["listeFacturesTravaux"].as_array().map(Vec::len), Some(1), "{v}");

        // A projet de décompte mensuel of the contract: its MOE refuses it for a wrong validator;
        // the supplier recycles, and the answer carries the fields public material shows.
        let a4 = json!({ "cadreFacturation": "A4", "numeroMarche": "2026-TRV-014", "identifiantDestinataire": "44771278200013",
                         "identifiantMoe": "26197306900014", "codeServiceExecutant": "TRAVAUX", "numeroBonCommande": "EJ-2026-0042",
                         "numeroFactureTravaux": "PDM-1", "montantHT": 10000, "montantTVA": 2000, "montantTTC": 12000, "montantAPayer": 12000 });
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/soumettre", &paul, a4).await;
        assert_eq!(s, 200, "{v}");
        let piece = v["idFactureTravaux"].as_u64().expect("idFactureTravaux");
        let refus = json!({ "idFactureTravaux": piece, "motifRefus": "MAUVAIS_VALIDEUR", "commentaire": "pas nous" });
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/refuser", &claire, refus).await;
        assert_eq!(s, 200, "{v}");
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/recycler", &paul, json!({ "idFactureTravaux": piece })).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["numeroFactureTravaux"], "PDM-1", "{v}");
        assert!(v["statutFactureTravaux"].is_string() && v["dateDepotFactureTravaux"].is_string(), "{v}");

        // A business refusal: HTTP 400, a codeRetour of the band, the French message.
        let (s, v) = self.appel("/cpro/facturesTravaux/v1/prendreEnCompte", &paul, json!({ "idFactureTravaux": piece })).await;
        assert_eq!(s, 400, "{v}");
        assert!(v["codeRetour"].as_u64().is_some_and(|c| (28000..29000).contains(&c)), "{v}");
        assert!(v["libelle"].as_str().is_some_and(|l| !l.is_empty()), "{v}");

        // A wrong password, a missing or unknown token: 401, in the contract's shape.
        let (s, _) = self.appel("/cpro/structures/v1/rechercher", &compte("paul", "faux"), json!({})).await;
        assert_eq!(s, 401);
        for jeton in [None, Some("inconnu")] {
            let mut r =
                self.http.post(format!("{}/cpro/structures/v1/rechercher", self.base)).header("cpro-account", &paul).json(&json!({}));
            if let Some(j) = jeton {
                r = r.bearer_auth(j);
            }
            let r = r.send().await.expect("answer");
            assert_eq!(r.status().as_u16(), 401);
            assert!(r.json::<Value>().await.expect("json")["libelle"].is_string());
        }
        // A wrong client secret gets no token.
        let r = self
            .http
            .post(format!("{}/api/oauth/token", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&client_id=client-local&client_secret=faux")
            .send()
            .await
            .expect("answer");
        assert_eq!(r.status().as_u16(), 401);
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt")
}

#[test]
fn a_vendors_client_walks_the_real_api_over_http() {
    let s = ServeurLance::demarrer(config()).expect("starts");
    rt().block_on(async {
        Vendeur::connecter(format!("http://{}", s.addr), reqwest::Client::new()).await.parcours().await;
    });
}

#[test]
fn the_same_walk_over_https_with_its_own_authority() {
    let rep = std::env::temp_dir().join(format!("piste-tls-{}", std::process::id()));
    std::fs::create_dir_all(&rep).expect("tmp");
    let (chemin_cert, chemin_cle) = certificat(&rep);
    let pem = std::fs::read(&chemin_cert).expect("pem");
    let mut c = config();
    c.tls = Some((chemin_cert, chemin_cle));
    let s = ServeurLance::demarrer(c).expect("starts over TLS");
    let port = s.addr.port();
    rt().block_on(async {
        let ca = reqwest::Certificate::from_pem(&pem).expect("ca");
        let http = reqwest::Client::builder()
            .add_root_certificate(ca)
            .resolve("localhost", std::net::SocketAddr::from(([127, 0, 0, 1], port)))
            .build()
            .expect("client");
        // Plain HTTP to a TLS port is not served.
        assert!(reqwest::get(format!("http://127.0.0.1:{port}/cpro/transverses/v1/health-check")).await.is_err_or_not_ok());
        Vendeur::connecter(format!("https://localhost:{port}"), http).await.parcours().await;
    });
    let _ = std::fs::remove_dir_all(&rep);
}

trait PasServi {
    fn is_err_or_not_ok(&self) -> bool;
}

impl PasServi for reqwest::Result<reqwest::Response> {
    fn is_err_or_not_ok(&self) -> bool {
        self.as_ref().map_or(true, |r| !r.status().is_success())
    }
}

fn binaire() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_chorus-travaux"));
    c.current_dir(racine());
    c
}

/// A self-signed certificate for `localhost`, written as PEM files into `rep`.
fn certificat(rep: &std::path::Path) -> (PathBuf, PathBuf) {
    let cle = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_string()]).expect("params").self_signed(&cle).expect("cert");
    let (c, k) = (rep.join("cert.pem"), rep.join("cle.pem"));
    std::fs::write(&c, cert.pem()).expect("write");
    std::fs::write(&k, cle.serialize_pem()).expect("write");
    (c, k)
}

#[test]
fn certify_reaches_a_piste_fronted_https_implementation_as_its_profile_says() {
    let rep = std::env::temp_dir().join(format!("piste-profil-{}", std::process::id()));
    std::fs::create_dir_all(&rep).expect("tmp");
    let (cert, cle) = certificat(&rep);
    // The implementation: its own client id and secret, TLS, refusals without the `code`
    // extension (D-API-3), so the client reads them through the profile's table.
    let mut c = config();
    c.piste = Some(chorus_travaux::http::serveur::Piste {
        client_id: "editeur-42".into(),
        client_secret: "s3cret-editeur".into(),
        duree: std::time::Duration::from_secs(600),
    });
    c.tls = Some((cert, cle));
    c.extension_code = false;
    let s = ServeurLance::demarrer(c).expect("starts");
    let table: String = chorus_travaux::http::client::table_reference().iter().map(|(n, code)| format!("{n}: {code}\n")).collect();
    std::fs::write(rep.join("table.yaml"), table).expect("table");
    let profil = rep.join("profil.yaml");
    std::fs::write(
        &profil,
        format!(
            "implementation: \"éditeur\"\nurl: \"https://localhost:{}\"\ndelai_ms: 5000\nautorite: cert.pem\ntable_codes_retour: table.yaml\n\
             piste:\n  client_id_env: PISTE_TEST_ID\n  client_secret_env: PISTE_TEST_SECRET\n\
             comptes:\n  - {{ login: \"claire.martin@villeurbanne.fr\", mot_de_passe_env: PISTE_TEST_MDP_CLAIRE }}\n",
            s.addr.port()
        ),
    )
    .expect("profile");
    let certifier = |id: Option<&str>| {
        let mut cmd = binaire();
        cmd.args(["certify", "--profile"]).arg(&profil).arg("--report-dir").arg(rep.join("rapports"));
        cmd.env("PISTE_TEST_SECRET", "s3cret-editeur").env("PISTE_TEST_MDP_CLAIRE", "demo-moa");
        match id {
            Some(i) => cmd.env("PISTE_TEST_ID", i),
            None => cmd.env_remove("PISTE_TEST_ID"),
        };
        let o = cmd.output().expect("certify");
        (o.status.code(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
    };
    // A variable the profile names is missing: bad input, before any call.
    let (code, texte) = certifier(None);
    assert_eq!(code, Some(2), "{texte}");
    assert!(texte.contains("PISTE_TEST_ID"), "{texte}");
    // A wrong client id: no token, no verdict on the implementation's rules.
    let (code, texte) = certifier(Some("inconnu"));
    assert_eq!(code, Some(3), "{texte}");
    // As the profile says: the whole suite is conforme through token, base64 accounts and TLS.
    let (code, texte) = certifier(Some("editeur-42"));
    assert_eq!(code, Some(0), "{texte}");
    // The evidence names what the verdicts were read with.
    let r: Value = serde_json::from_str(&std::fs::read_to_string(rep.join("rapports/rapport.json")).expect("json")).expect("JSON");
    assert!(r["meta"]["table_codes_retour"].as_str().is_some_and(|t| t.starts_with("table.yaml sha256:")), "{}", r["meta"]);
    assert_eq!(r["meta"]["prise_en_charge"][0], "moad : oui");
    assert!(std::fs::read_to_string(rep.join("rapports/rapport.html")).expect("html").contains("id=\"table-codes-retour\""));
    let _ = std::fs::remove_dir_all(&rep);
}

#[test]
fn a_client_takes_a_new_token_when_the_implementation_restarted() {
    use chorus_travaux::plateforme::Platform;
    let s = ServeurLance::demarrer(config()).expect("starts");
    let addr = s.addr;
    let rt = rt();
    let mut client =
        chorus_travaux::http::client::ClientHttp::new(&format!("http://{addr}"), std::time::Duration::from_secs(5), None).expect("client");
    rt.block_on(async { client.cadres().await }).expect("a first call, with a token");
    drop(s);
    // The same address, a new server: it knows none of the tokens delivered before.
    let (pret, attente) = tokio::sync::oneshot::channel();
    let (arret, signal) = tokio::sync::oneshot::channel::<()>();
    rt.spawn(chorus_travaux::http::serveur::servir_sur(addr, config(), pret, async move {
        let _ = signal.await;
    }));
    rt.block_on(attente).expect("restarted");
    let cadres = rt.block_on(async { client.cadres().await });
    assert!(cadres.is_ok_and(|c| c.len() == 25), "one new token, then the answer");
    let _ = arret.send(());
}

#[test]
fn a_client_sends_no_token_to_an_implementation_that_asks_none() {
    use chorus_travaux::plateforme::Platform;
    let mut c = config();
    c.piste = None;
    let s = ServeurLance::demarrer(c).expect("starts");
    let mut client = chorus_travaux::http::client::ClientHttp::new(&format!("http://{}", s.addr), std::time::Duration::from_secs(5), None)
        .expect("client");
    // The token route is 404: the client goes on without a token, twice (the answer is kept).
    for _ in 0..2 {
        assert_eq!(rt().block_on(async { client.cadres().await }).map(|c| c.len()), Ok(25));
    }
}
