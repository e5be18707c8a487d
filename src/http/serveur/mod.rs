//! `serve`: the reference over the HTTP contract. Each scenario works in its own sandbox
//! (`cpro-bac-a-sable` header), persisted in an embedded journal unless the server runs in
//! memory; every domain refusal maps to a documented HTTP status and `codeRetour`; everything a
//! client sends is bounded (`garde.rs`), one sandbox cannot stall the others (`bacs.rs`), and a
//! shutdown drains in-flight requests (`connexions.rs`).

mod bacs;
mod connexions;
mod garde;
mod journal;
pub(crate) mod pages;
mod piste;
pub(crate) mod reponses;
mod routes;

pub use garde::SANTE as ROUTE_SANTE;
pub use journal::FICHIER as FICHIER_JOURNAL;
pub use piste::{CLIENT_ID_LOCAL, CLIENT_SECRET_LOCAL, Piste, ROUTE_JETON};

use crate::domaine::defaut::Defaut;
use crate::domaine::paiement::TableTaux;
use crate::http::contrat::JETON_CONTROLE_LOCAL;
use crate::http::operations::Genre;
use axum::Router;
use axum::extract::{Request, State};
use axum::response::Response;
use bacs::{Bacs, Indisponible};
use journal::Journal;
use reponses::{sature, technique};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, oneshot};

/// The bounds of what the server accepts and holds (README « serve: limits »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limites {
    /// Largest request body, in bytes.
    pub corps_max: usize,
    /// Longest string in a body, in characters (an invoice number, a comment…).
    pub texte_max: usize,
    /// Longest list in a body.
    pub liste_max: usize,
    /// Largest page of a search.
    pub page_max: usize,
    /// Requests that may wait for one sandbox; past it, 503.
    pub attente_par_bac: usize,
    /// Requests the reference executes at once, all sandboxes together.
    pub executions: usize,
    /// How long a request waits for an execution slot before a 503.
    pub attente_execution: Duration,
    /// Open connections at once; past it, a new connection is closed at once.
    pub connexions: usize,
    /// How long a connection may take to send its headers, or stay idle between requests.
    pub delai_entetes: Duration,
    /// How long a body may take to arrive.
    pub delai_corps: Duration,
    /// Sandboxes kept in memory.
    pub bacs_en_memoire: usize,
    /// Sandboxes that may exist.
    pub bacs_max: usize,
    /// How long a shutdown waits for the requests in flight.
    pub arret_max: Duration,
}

impl Default for Limites {
    fn default() -> Self {
        Limites {
            corps_max: 1 << 20,
            texte_max: 2_000,
            liste_max: 1_000,
            page_max: 100,
            attente_par_bac: 32,
            executions: 64,
            attente_execution: Duration::from_secs(5),
            connexions: 512,
            delai_entetes: Duration::from_secs(10),
            delai_corps: Duration::from_secs(10),
            bacs_en_memoire: 1_024,
            bacs_max: 100_000,
            arret_max: Duration::from_secs(10),
        }
    }
}

/// What the server serves.
#[derive(Clone)]
pub struct Configuration {
    /// ECB rates for late-payment interest.
    pub taux: TableTaux,
    /// An injected fault, if any.
    pub defaut: Option<Defaut>,
    /// Where the sandboxes' journal lives; `None`: in memory only (lost at the end).
    pub donnees: Option<PathBuf>,
    /// The test control's token (D-API-4).
    pub jeton_controle: String,
    /// The bounds.
    pub limites: Limites,
    /// Whether refusals carry the reference's `code` extension (D-API-2); `false`: strictly the
    /// real API's envelope, judged through the profile's mapping (D-API-3).
    pub extension_code: bool,
    /// PISTE authentication (D-API-1); `None`: no token asked (a harness-only sandbox).
    pub piste: Option<Piste>,
    /// Whether `cpro-account` may be a plain login instead of base64 of `login:password`.
    pub comptes_en_clair: bool,
    /// TLS: the certificate chain and the private key, PEM files (`serve --tls-cert --tls-key`).
    pub tls: Option<(PathBuf, PathBuf)>,
}

impl Configuration {
    /// In memory, the local control token, the default bounds.
    pub fn new(taux: TableTaux, defaut: Option<Defaut>) -> Configuration {
        Configuration {
            taux,
            defaut,
            donnees: None,
            jeton_controle: JETON_CONTROLE_LOCAL.to_string(),
            limites: Limites::default(),
            extension_code: true,
            piste: Some(Piste::default()),
            comptes_en_clair: false,
            tls: None,
        }
    }

    fn style(&self) -> reponses::Style {
        reponses::Style { defaut: self.defaut, extension_code: self.extension_code }
    }
}

struct Etat {
    config: Configuration,
    jetons: piste::Jetons,
    bacs: Bacs,
    executions: Arc<Semaphore>,
    journal: Option<Journal>,
}

type Partage = Arc<Etat>;

impl Etat {
    fn ouvrir(config: Configuration) -> Result<Etat, String> {
        let journal = config.donnees.as_deref().map(Journal::ouvrir).transpose()?;
        Ok(Etat {
            executions: Arc::new(Semaphore::new(config.limites.executions)),
            config,
            jetons: piste::Jetons::default(),
            bacs: Bacs::default(),
            journal,
        })
    }
}

/// Every request, with the answer's fault applied when one is injected.
async fn traiter(State(etat): State<Partage>, requete: Request) -> Response {
    let defaut = etat.config.defaut.filter(|d| reponses::altere_les_reponses(*d));
    let r = traiter_requete(etat, requete).await;
    match defaut {
        Some(d) => reponses::alterer(d, r).await,
        None => r,
    }
}

/// The guard, then the sandbox's queue, then the reference.
async fn traiter_requete(etat: Partage, requete: Request) -> Response {
    let (parties, corps) = requete.into_parts();
    let route = parties.uri.path().to_string();
    let operation = match garde::methode(&parties.method, &route) {
        Ok(o) => o,
        Err(r) => return *r,
    };
    if route == garde::SANTE {
        return routes::sante();
    }
    if route == ROUTE_JETON {
        return match (&etat.config.piste, garde::octets(corps, &etat.config.limites).await) {
            (Some(p), Ok(o)) => piste::jeton(p, &etat.jetons, &parties.headers, &o),
            (None, _) => technique(axum::http::StatusCode::NOT_FOUND, "ROUTE_INCONNUE", "ce serveur ne demande pas de jeton PISTE"),
            (_, Err(r)) => *r,
        };
    }
    if route.starts_with("/cpro/")
        && etat.config.piste.is_some()
        && let Err(r) = piste::verifier(&etat.jetons, &parties.headers)
    {
        return *r;
    }
    let (bac, compte) = match garde::entetes(&parties.headers, &route, &etat.config) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let (compte, mot_de_passe) = match compte.map(|c| piste::compte(&c, etat.config.comptes_en_clair)).transpose() {
        Ok(Some((l, m))) => (Some(l), m),
        Ok(None) => (None, None),
        Err(e) => return technique(axum::http::StatusCode::UNAUTHORIZED, "COMPTE_ILLISIBLE", e),
    };
    let corps = match garde::corps(corps, &etat.config.limites).await {
        Ok(v) => v,
        Err(r) => return *r,
    };
    // Every other route has its operation (the guard answered 404 otherwise).
    let Some(operation) = operation else {
        return technique(axum::http::StatusCode::NOT_FOUND, "ROUTE_INCONNUE", format!("route inconnue : {route}"));
    };
    match &operation.genre {
        Genre::Transverse(lire) => return lire(&corps),
        Genre::Reinitialiser => return reinitialiser(&etat, &bac).await,
        _ => {}
    }
    executer(etat, garde::Requete { route, operation, corps, bac, compte, mot_de_passe }).await
}

/// Forgets a sandbox, durably.
async fn reinitialiser(etat: &Partage, nom: &str) -> Response {
    etat.bacs.retirer(nom);
    if let Some(j) = &etat.journal {
        match j.effacer(nom).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return journal_indisponible(e),
            Err(e) => return journal_indisponible(e.to_string()),
        }
    }
    reponses::ok(serde_json::json!({}))
}

fn journal_indisponible(e: String) -> Response {
    technique(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "JOURNAL_INDISPONIBLE",
        format!("le journal des bacs à sable est indisponible : {e}"),
    )
}

/// Runs a request in its sandbox: a bounded queue per sandbox, a bounded number of executions at
/// once, the reference run off the async workers, and an accepted command journaled before its
/// answer leaves.
async fn executer(etat: Partage, r: garde::Requete) -> Response {
    let bac = match etat.bacs.obtenir(&r.bac, &etat.config, etat.journal.as_ref()) {
        Ok(b) => b,
        Err(Indisponible::TropDeBacs(n)) => {
            return sature(format!("trop de bacs à sable ({n} au plus) : réinitialisez ceux qui ne servent plus"));
        }
    };
    let Some(attente) = bac.entrer(etat.config.limites.attente_par_bac) else {
        return sature(format!("le bac à sable « {} » est saturé : trop de requêtes en attente", r.bac));
    };
    // A free slot is taken at once; only a request that must wait starts the clock.
    let place = match etat.executions.clone().try_acquire_owned() {
        Ok(p) => p,
        Err(_) => match tokio::time::timeout(etat.config.limites.attente_execution, etat.executions.clone().acquire_owned()).await {
            Ok(Ok(p)) => p,
            _ => return sature("le serveur est saturé : réessayez"),
        },
    };
    let nom_bac = r.bac.clone();
    // A sandbox in memory runs a short command right here, on the async worker: handing it to a
    // blocking thread and back would cost more than the command. Its lock is taken without
    // sleeping (a sleeping waiter must be woken on the other core before the sandbox moves on,
    // which made one sandbox's deposits a convoy): a request that finds it taken yields to the
    // worker's other tasks and tries again. Loading a sandbox from its journal (disk) and the
    // calls whose cost grows with what the sandbox holds (the search, a walk of the calendar) go
    // to the blocking threads.
    let mut attente = Some(attente);
    if !execution_longue(r.operation) {
        loop {
            match essayer_en_memoire(&etat, &bac, &r, &mut attente) {
                Essai::Fait(reponse, durable) => {
                    drop(place);
                    return attendre_journal(&etat, &nom_bac, reponse, durable).await;
                }
                Essai::NonCharge => break,
                Essai::Occupe => tokio::task::yield_now().await,
            }
        }
    }
    let etat2 = etat.clone();
    let nom = r.bac.clone();
    let plateforme = bac.plateforme.clone();
    let tache = tokio::task::spawn_blocking(move || {
        let mut garde_bac = plateforme.lock().unwrap_or_else(|e| e.into_inner());
        drop(attente);
        if garde_bac.is_none() {
            let charge = match &etat2.journal {
                Some(j) => j.relire(&nom).and_then(|e| bacs::rejouer(&etat2.config, &e)),
                None => Ok(bacs::nouvelle_plateforme(&etat2.config)),
            };
            match charge {
                Ok(p) => *garde_bac = Some(p),
                Err(e) => return (journal_indisponible(e), None),
            }
        }
        let p = garde_bac.as_mut().expect("loaded just above");
        let (reponse, entree) = routes::servir(etat2.config.style(), &etat2.config.limites, etat2.journal.is_some(), p, &r);
        // Sent while the sandbox is still held: the journal keeps the sandbox's order.
        let durable = envoyer_au_journal(&etat2, &nom, entree);
        (reponse, durable)
    });
    let (reponse, durable) = match tache.await {
        Ok(x) => x,
        Err(e) => return technique(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "ERREUR_INTERNE", format!("erreur interne : {e}")),
    };
    drop(place);
    attendre_journal(&etat, &nom_bac, reponse, durable).await
}

/// What a try at a sandbox in memory gave.
enum Essai {
    /// The command ran; its answer, and the journal's acknowledgement to wait for.
    Fait(Response, Option<oneshot::Receiver<Result<(), String>>>),
    /// The sandbox is not in memory: the blocking path loads it.
    NonCharge,
    /// Another request holds the sandbox.
    Occupe,
}

/// Runs the request if its sandbox is in memory and free, without waiting.
fn essayer_en_memoire(etat: &Partage, bac: &Arc<bacs::Bac>, r: &garde::Requete, attente: &mut Option<bacs::EnAttente>) -> Essai {
    let mut garde_bac = match bac.plateforme.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::WouldBlock) => return Essai::Occupe,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
    };
    let Some(p) = garde_bac.as_mut() else { return Essai::NonCharge };
    attente.take();
    let (reponse, entree) = routes::servir(etat.config.style(), &etat.config.limites, etat.journal.is_some(), p, r);
    // Sent while the sandbox is still held: the journal keeps the sandbox's order.
    Essai::Fait(reponse, envoyer_au_journal(etat, &r.bac, entree))
}

/// Sends an accepted command to the journal (when the server keeps one).
fn envoyer_au_journal(etat: &Partage, nom_bac: &str, entree: Option<journal::Entree>) -> Option<oneshot::Receiver<Result<(), String>>> {
    match (&etat.journal, entree) {
        (Some(j), Some(e)) => Some(j.ecrire(nom_bac, e)),
        _ => None,
    }
}

/// The calls that go to the blocking threads even when their sandbox is in memory: their cost
/// grows with what the sandbox holds.
fn execution_longue(operation: &crate::http::operations::Operation) -> bool {
    use crate::http::operations::{controle::calendrier, travaux};
    [&travaux::rechercher::OPERATION, &calendrier::AVANCER, &calendrier::FIXER_DATE].iter().any(|o| o.routes == operation.routes)
}

/// An accepted command is journaled before its answer leaves (when the server keeps a journal).
async fn attendre_journal(
    etat: &Partage,
    nom_bac: &str,
    reponse: Response,
    durable: Option<oneshot::Receiver<Result<(), String>>>,
) -> Response {
    let Some(durable) = durable else { return reponse };
    match durable.await {
        Ok(Ok(())) => reponse,
        autre => {
            let e = match autre {
                Ok(Err(e)) => e,
                Err(e) => e.to_string(),
                Ok(Ok(())) => String::new(),
            };
            // Not durable: the sandbox is rebuilt from its journal on next use, so that memory
            // never holds what the disk does not.
            etat.bacs.retirer(nom_bac);
            journal_indisponible(e)
        }
    }
}

/// The server's router alone, for a harness that serves it its own way (`examples/`): without
/// the accept loop's timeouts, connection cap and drain.
pub fn routeur(config: Configuration) -> Result<Router, String> {
    Ok(routeur_sur(Arc::new(Etat::ouvrir(config)?)))
}

fn routeur_sur(etat: Partage) -> Router {
    Router::new().fallback(traiter).with_state(etat)
}

/// Binds and serves until `arret` resolves, then drains within the configured bound. Returns the
/// bound address through `pret`.
pub async fn servir_sur(
    addr: SocketAddr,
    config: Configuration,
    pret: tokio::sync::oneshot::Sender<SocketAddr>,
    arret: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let etat = Arc::new(Etat::ouvrir(config).map_err(std::io::Error::other)?);
    servir_etat(addr, etat, pret, arret).await
}

async fn servir_etat(
    addr: SocketAddr,
    etat: Partage,
    pret: tokio::sync::oneshot::Sender<SocketAddr>,
    arret: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let tls = etat.config.tls.as_ref().map(|(c, k)| acceptant_tls(c, k)).transpose()?;
    let ecoute = tokio::net::TcpListener::bind(addr).await?;
    let local = ecoute.local_addr()?;
    let _ = pret.send(local);
    let limites = etat.config.limites;
    connexions::servir(ecoute, routeur_sur(etat), limites, tls, arret).await;
    Ok(())
}

/// The TLS acceptor of a PEM certificate chain and private key.
fn acceptant_tls(cert: &std::path::Path, cle: &std::path::Path) -> std::io::Result<tokio_rustls::TlsAcceptor> {
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let erreur = |quoi: &str, chemin: &std::path::Path, e: &dyn std::fmt::Display| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("failed to read the TLS {quoi} {}: {e}", chemin.display()))
    };
    let chaine: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| erreur("certificate", cert, &e))?
        .collect::<Result<_, _>>()
        .map_err(|e| erreur("certificate", cert, &e))?;
    if chaine.is_empty() {
        return Err(erreur("certificate", cert, &"no certificate in the file"));
    }
    let cle_privee = PrivateKeyDer::from_pem_file(cle).map_err(|e| erreur("key", cle, &e))?;
    let config = tokio_rustls::rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chaine, cle_privee)
        .map_err(|e| erreur("certificate and key", cert, &e))?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
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
        let etat: Partage = Arc::new(Etat::ouvrir(config).map_err(std::io::Error::other)?);
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

    /// How many sandboxes the server holds in memory (each scenario frees its own at its end).
    pub fn bacs_ouverts(&self) -> usize {
        self.etat.bacs.en_memoire()
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
