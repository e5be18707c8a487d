//! `serve`: the reference over the HTTP contract (axum). Each scenario works in its own sandbox
//! (`cpro-bac-a-sable` header); concurrent requests are safe; every domain refusal maps to a
//! documented HTTP status and `codeRetour`; a malformed body is a 400 with a clear `libelle`.

use super::contrat::{self, ENTETE_BAC_A_SABLE, ENTETE_COMPTE, ROUTES};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::defaut::Defaut;
use crate::domaine::motif::motifs_disponibles;
use crate::domaine::paiement::TableTaux;
use crate::domaine::piece::PieceId;
use crate::domaine::refus::{CodeRefus, Famille};
use crate::plateforme::locale::PlateformeReference;
use crate::plateforme::{Echec, Reponse};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// What the server serves.
#[derive(Clone)]
pub struct Configuration {
    /// ECB rates for late-payment interest.
    pub taux: TableTaux,
    /// An injected fault, if any.
    pub defaut: Option<Defaut>,
}

struct Etat {
    config: Configuration,
    bacs: Mutex<HashMap<String, Arc<Mutex<PlateformeReference>>>>,
}

type Partage = Arc<Etat>;

impl Etat {
    fn bac(&self, nom: &str) -> Arc<Mutex<PlateformeReference>> {
        let mut bacs = self.bacs.lock().unwrap_or_else(|e| e.into_inner());
        bacs.entry(nom.to_string())
            .or_insert_with(|| {
                let debut = Date::ymd(2000, 1, 1).expect("valid date");
                let mut p = PlateformeReference::new(debut, self.config.taux.clone());
                if let Some(d) = self.config.defaut {
                    p.injecter(d);
                }
                Arc::new(Mutex::new(p))
            })
            .clone()
    }
}

fn reponse(statut: StatusCode, corps: Value) -> Response {
    (statut, [(axum::http::header::CONTENT_TYPE, "application/json")], corps.to_string()).into_response()
}

fn ok(mut corps: Value) -> Response {
    corps["codeRetour"] = json!(0);
    if corps.get("libelle").is_none() {
        corps["libelle"] = json!("TRA_MSG_00.000");
    }
    reponse(StatusCode::OK, corps)
}

/// A malformed request: 400, with what was expected.
fn mauvaise_requete(libelle: String) -> Response {
    reponse(StatusCode::BAD_REQUEST, json!({ "codeRetour": 400, "code": "REQUETE_INVALIDE", "libelle": libelle }))
}

/// HTTP status of a refusal family (README « HTTP contract »).
pub fn statut_http(f: Famille) -> StatusCode {
    match f {
        Famille::Acces => StatusCode::FORBIDDEN,
        Famille::Inconnu => StatusCode::NOT_FOUND,
        Famille::Donnees => StatusCode::UNPROCESSABLE_ENTITY,
        Famille::Etat => StatusCode::CONFLICT,
    }
}

fn refus(etat: &Etat, code: &str, message: &str) -> Response {
    let c = CodeRefus::parse(code);
    let statut = c.map(|c| statut_http(c.famille())).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    // The `code-retour-incoherent` fault answers 200 although codeRetour says refused.
    let statut = if etat.config.defaut == Some(Defaut::CodeRetourIncoherent) { StatusCode::OK } else { statut };
    reponse(statut, json!({ "codeRetour": c.map(CodeRefus::code_retour).unwrap_or(29_999), "code": code, "libelle": message }))
}

fn echec(etat: &Etat, e: Echec) -> Response {
    match e {
        Echec::Refus { code, message } => refus(etat, &code, &message),
        Echec::Indetermine { message, .. } => reponse(StatusCode::INTERNAL_SERVER_ERROR, json!({ "codeRetour": 500, "libelle": message })),
    }
}

async fn traiter(State(etat): State<Partage>, uri: Uri, entetes: HeaderMap, corps: Bytes) -> Response {
    let route = uri.path().to_string();
    let v: Value = if corps.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(&corps) {
            Ok(v) => v,
            Err(e) => return mauvaise_requete(format!("corps JSON invalide : {e}")),
        }
    };
    if !v.is_object() {
        return mauvaise_requete("le corps doit être un objet JSON".into());
    }
    let entete = |nom: &str| entetes.get(nom).and_then(|h| h.to_str().ok()).map(str::to_string);
    let nom_bac = entete(ENTETE_BAC_A_SABLE).unwrap_or_else(|| "defaut".to_string());
    let acteur = entete(ENTETE_COMPTE);
    let etat2 = etat.clone();
    // The reference is synchronous and quick: run it off the async workers all the same.
    let r = tokio::task::spawn_blocking(move || servir(&etat2, &route, &nom_bac, acteur.as_deref(), &v)).await;
    r.unwrap_or_else(|e| {
        reponse(StatusCode::INTERNAL_SERVER_ERROR, json!({ "codeRetour": 500, "libelle": format!("erreur interne : {e}") }))
    })
}

fn servir(etat: &Etat, route: &str, nom_bac: &str, acteur: Option<&str>, v: &Value) -> Response {
    if route == "/test/v1/reinitialiser" {
        etat.bacs.lock().unwrap_or_else(|e| e.into_inner()).remove(nom_bac);
        return ok(json!({}));
    }
    if let Some(r) = transverse(route) {
        return r;
    }
    let bac = etat.bac(nom_bac);
    let mut p = bac.lock().unwrap_or_else(|e| e.into_inner());
    let utilisateur =
        || acteur.ok_or_else(|| Box::new(mauvaise_requete(format!("en-tête « {ENTETE_COMPTE} » manquant : l'utilisateur qui agit"))));
    match route {
        "/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux" => {
            // D-REFUS-3: « erreur de montant » is listed from 19/02/2025 (its use is refused), on
            // the sandbox's date unless the request names one.
            let date = v.get("date").and_then(Value::as_str).and_then(Date::parse_iso).unwrap_or(p.reference().date());
            let cadre = v.get("codeCadreFacturationTravaux").and_then(Value::as_str).and_then(CadreFacturation::parse);
            let l: Vec<Value> = motifs_disponibles(date, cadre)
                .iter()
                .map(|m| json!({ "codeMotif": m.code(), "idMotif": m.id(), "libelleMotif": m.libelle() }))
                .collect();
            return ok(json!({ "listeMotifRefusFactureTravaux": l }));
        }
        "/test/v1/date" => return ok(json!({ "date": p.reference().date().iso() })),
        "/test/v1/evenementsMarche" | "/test/v1/fondsMandat" => {
            let Some(numero) = v.get("numeroMarche").and_then(Value::as_str) else {
                return mauvaise_requete("champ « numeroMarche » : texte attendu".into());
            };
            if route == "/test/v1/fondsMandat" {
                let (appele, paye) = p.reference().fonds_mandat(numero);
                return ok(json!({ "montantAppele": appele.to_string(), "montantPaye": paye.to_string() }));
            }
            let l: Vec<Value> = p
                .reference()
                .evenements_marche(numero)
                .into_iter()
                .map(|e| contrat::evenement_json(&crate::plateforme::VueEvenement { date: e.date, libelle: e.libelle.clone() }))
                .collect();
            return ok(json!({ "evenements": l }));
        }
        "/test/v1/notifications" => {
            let n = futures::executor::block_on(crate::plateforme::Platform::notifications(&mut *p)).unwrap_or_default();
            return ok(json!({ "listeNotifications": n.iter().map(contrat::notification_json).collect::<Vec<_>>() }));
        }
        "/cpro/structures/v1/consulter" => {
            let s = match v.get("identifiantStructure").and_then(Value::as_str).map(crate::domaine::siret::Siret::parse) {
                Some(Ok(s)) => s,
                _ => return mauvaise_requete("champ « identifiantStructure » : SIRET attendu".into()),
            };
            return match p.reference().annuaire().par_siret(s) {
                Some((_, st)) => ok(contrat::structure_json(st)),
                None => refus(etat, "STRUCTURE_INCONNUE", &format!("aucune structure de SIRET {s}")),
            };
        }
        // The same view, as a user sees it, or as the platform holds it (test hook).
        "/test/v1/consulterPiece" | "/cpro/facturesTravaux/v1/consulter" => {
            let login = if route.starts_with("/test/") {
                None
            } else {
                match utilisateur() {
                    Ok(l) => Some(l),
                    Err(r) => return *r,
                }
            };
            let Some(id) = v.get("idFactureTravaux").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
                return mauvaise_requete("champ « idFactureTravaux » : entier attendu".into());
            };
            return match p.consulter_sync(login, PieceId(id)) {
                Ok(vue) => ok(json!({ "factureTravaux": contrat::vue_json(&vue) })),
                Err(e) => echec(etat, e),
            };
        }
        "/cpro/facturesTravaux/v1/rechercher" => {
            let login = match utilisateur() {
                Ok(l) => l,
                Err(r) => return *r,
            };
            let ids: Vec<PieceId> = match p.reference().rechercher(login) {
                Ok(v) => v.iter().map(|x| x.id).collect(),
                Err(e) => return refus(etat, e.code.code(), &e.message),
            };
            let liste: Vec<Value> =
                ids.into_iter().filter_map(|id| p.consulter_sync(Some(login), id).ok()).map(|x| contrat::vue_json(&x)).collect();
            if liste.is_empty() {
                // Chorus Pro answers 20007 (GFT_MSG_01.075) for an empty search (fact base §6.3).
                return ok(json!({ "libelle": "GFT_MSG_01.075", "listeFacturesTravaux": [] }));
            }
            return ok(json!({ "listeFacturesTravaux": liste }));
        }
        _ => {}
    }
    // An unknown cadre is a business refusal (D-CADRES-1), not a malformed body.
    if route == "/cpro/facturesTravaux/v1/soumettre"
        && let Some(c) = v.get("cadreFacturation").and_then(Value::as_str)
        && CadreFacturation::parse(c).is_none()
    {
        return refus(etat, CodeRefus::CadreInconnu.code(), &format!("cadre de facturation inconnu « {c} » : A1 à A25 (codes de l'API)"));
    }
    let commande = match contrat::commande(route, v) {
        Ok(Some(c)) => c,
        Ok(None) => return reponse(StatusCode::NOT_FOUND, json!({ "codeRetour": 404, "libelle": format!("route inconnue : {route}") })),
        Err(m) => return mauvaise_requete(m),
    };
    let crochet = route.starts_with("/test/") || route == "/test/v1/traiterSollicitation";
    let acteur = if crochet {
        None
    } else {
        match utilisateur() {
            Ok(l) => Some(l),
            Err(r) => return *r,
        }
    };
    match p.executer_sync(acteur, commande) {
        Ok(Reponse::Fait) => ok(json!({})),
        Ok(Reponse::Piece(id)) => {
            let statut = p.reference().piece(id).map(|x| x.statut.code_api()).unwrap_or_default();
            ok(json!({ "idFactureTravaux": id.0, "statutFactureTravaux": statut }))
        }
        Ok(Reponse::PiecePrecedente(id)) => ok(json!({ "idPiecePrecedente": id.0 })),
        Ok(Reponse::Sollicitation(n)) => ok(json!({ "idSollicitation": n })),
        Err(e) => echec(etat, e),
    }
}

/// The lists of `/cpro/transverses/v1/…`.
fn transverse(route: &str) -> Option<Response> {
    Some(match route {
        "/cpro/transverses/v1/recuperer/cadrefacturation" => ok(json!({
            "listeCadreFacturation": CadreFacturation::TOUS.iter().map(|c| json!({
                "codeCadreFacturation": c.code_api(),
                "deposant": c.deposant().map(|r| r.code()),
                "typeFactureTravaux": c.type_facture_travaux(),
                "typeDemandePaiement": c.type_demande_paiement(),
                "horsPerimetre": c.hors_perimetre(),
                "legacy": c.est_legacy(),
            })).collect::<Vec<_>>()
        })),
        "/cpro/transverses/v1/recuperer/typefacturetravaux" => {
            let mut types: Vec<&str> = CadreFacturation::TOUS.iter().filter_map(|c| c.type_facture_travaux()).collect();
            types.sort_unstable();
            types.dedup();
            ok(json!({ "listeTypeFactureTravaux": types.iter().map(|t| json!({ "typeFactureTravaux": t })).collect::<Vec<_>>() }))
        }
        "/cpro/transverses/v1/recuperer/codesRetour" => ok(json!({
            "listeCodesRetour": CodeRefus::TOUS.iter().map(|c| json!({
                "codeRetour": c.code_retour(),
                "code": c.code(),
                "statutHttp": statut_http(c.famille()).as_u16(),
                "regle": c.regle(),
            })).collect::<Vec<_>>()
        })),
        _ => return None,
    })
}

/// The router.
pub fn routeur(config: Configuration) -> Router {
    routeur_sur(Arc::new(Etat { config, bacs: Mutex::new(HashMap::new()) }))
}

fn routeur_sur(etat: Partage) -> Router {
    let mut r = Router::new();
    for route in ROUTES {
        r = r.route(route, axum::routing::post(traiter));
    }
    r.fallback(|uri: Uri| async move {
        reponse(StatusCode::NOT_FOUND, json!({ "codeRetour": 404, "libelle": format!("route inconnue : {}", uri.path()) }))
    })
    .with_state(etat)
}

/// Binds and serves until `arret` resolves. Returns the bound address through `pret`.
pub async fn servir_sur(
    addr: SocketAddr,
    config: Configuration,
    pret: tokio::sync::oneshot::Sender<SocketAddr>,
    arret: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    servir_etat(addr, Arc::new(Etat { config, bacs: Mutex::new(HashMap::new()) }), pret, arret).await
}

async fn servir_etat(
    addr: SocketAddr,
    etat: Partage,
    pret: tokio::sync::oneshot::Sender<SocketAddr>,
    arret: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let ecoute = tokio::net::TcpListener::bind(addr).await?;
    let local = ecoute.local_addr()?;
    let _ = pret.send(local);
    axum::serve(ecoute, routeur_sur(etat)).with_graceful_shutdown(arret).await
}

/// Starts a server on a background thread (its own runtime) and returns its address and a
/// handle that stops it when dropped. For tests and `certify` demonstrations.
pub struct ServeurLance {
    /// The address it listens on.
    pub addr: SocketAddr,
    etat: Partage,
    arret: Option<tokio::sync::oneshot::Sender<()>>,
    fil: Option<std::thread::JoinHandle<()>>,
}

impl ServeurLance {
    /// Starts a server on `127.0.0.1:0`.
    pub fn demarrer(config: Configuration) -> std::io::Result<ServeurLance> {
        let etat: Partage = Arc::new(Etat { config, bacs: Mutex::new(HashMap::new()) });
        let etat_serveur = etat.clone();
        let (tx_pret, rx_pret) = std::sync::mpsc::channel();
        let (tx_arret, rx_arret) = tokio::sync::oneshot::channel::<()>();
        let fil = std::thread::spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx_pret.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                let (pret, recu) = tokio::sync::oneshot::channel();
                let serveur = servir_etat(SocketAddr::from(([127, 0, 0, 1], 0)), etat_serveur, pret, async move {
                    let _ = rx_arret.await;
                });
                let attente = async move {
                    if let Ok(a) = recu.await {
                        let _ = tx_pret.send(Ok(a));
                    }
                };
                let (r, ()) = tokio::join!(serveur, attente);
                let _ = r;
            });
        });
        let addr = rx_pret.recv().map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(ServeurLance { addr, etat, arret: Some(tx_arret), fil: Some(fil) })
    }

    /// How many sandboxes the server holds (each scenario frees its own at its end).
    pub fn bacs_ouverts(&self) -> usize {
        self.etat.bacs.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

impl Drop for ServeurLance {
    fn drop(&mut self) {
        if let Some(a) = self.arret.take() {
            let _ = a.send(());
        }
        if let Some(f) = self.fil.take() {
            let _ = f.join();
        }
    }
}
