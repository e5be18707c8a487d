//! The HTTP client of the contract as a [`Platform`]: scenarios run unchanged against any
//! implementation. Every call has a timeout. A refused connection, a 5xx, a timeout or an
//! unusable answer is `indéterminé`, with the request and the response kept as evidence. An
//! answer that contradicts the contract (a 2xx with a non-zero `codeRetour`, or the reverse) is a
//! conformance failure.

use super::contrat::{ENTETE_BAC_A_SABLE, ENTETE_COMPTE, ENTETE_CONTROLE, JETON_CONTROLE_LOCAL};
use super::controle::Capacite;
use super::operations::{self, controle, structures, transverses, travaux};
use super::serveur::{CLIENT_ID_LOCAL, CLIENT_SECRET_LOCAL, ROUTE_JETON};
use super::transport::Transport;
use crate::domaine::calendrier::Date;
use crate::domaine::piece::PieceId;
use crate::domaine::reference::RoleRecherche;
use crate::domaine::siret::Siret;
use crate::domaine::structure::Structure;
use crate::plateforme::{
    Commande, Echec, Lecture, PageRecherche, Platform, RefusRecu, Reponse, VueCadre, VueCompte, VueEvenement, VueFonds, VueNotification,
    VuePiece,
};
use base64::Engine;
use futures::future::{BoxFuture, FutureExt};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How many exchanges a client keeps as evidence.
const JOURNAL: usize = 6;

static COMPTEUR: AtomicU64 = AtomicU64::new(0);

/// A sandbox name no other process uses: the process id alone repeats across containers (every
/// pod of a Kubernetes job may be pid 1, and one shard's end would reset another's sandbox), so a
/// random word drawn once per process goes with it.
fn nom_de_bac(n: u64) -> String {
    static ALEA: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let alea = ALEA.get_or_init(|| {
        let mut o = [0u8; 8];
        // Without an entropy source, the clock's nanoseconds still tell two pods apart.
        if getrandom::fill(&mut o).is_err() {
            o = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0).to_le_bytes();
        }
        u64::from_le_bytes(o)
    });
    format!("bac-{}-{alea:016x}-{n}", std::process::id())
}

/// A client bound to one sandbox of one implementation.
#[derive(Debug, Clone)]
pub struct ClientHttp {
    base: String,
    /// For the PISTE token.
    http: reqwest::Client,
    /// For the contract's calls.
    transport: Transport,
    delai: Duration,
    /// Whether exchanges and refusals are kept as evidence (not under `load`).
    journal_actif: bool,
    bac: String,
    identifiant: Option<String>,
    jeton_controle: String,
    /// How the client obtains its PISTE token (D-API-1); `None`: no token is asked.
    piste: Option<PisteClient>,
    /// The token obtained, while it lives.
    jeton: JetonObtenu,
    /// Technical accounts: login → password, learnt from the users the scenario creates or given
    /// by the profile; sent as base64 of `login:password` in `cpro-account`.
    comptes: Arc<Mutex<std::collections::HashMap<String, String>>>,
    /// `codeRetour` → refusal code, for implementations that do not send the `code` extension
    /// (D-API-3); the reference's own table by default.
    table: Arc<std::collections::HashMap<i64, String>>,
    journal: Arc<Mutex<Vec<String>>>,
    /// The control capabilities the profile says the implementation lacks (D-API-4).
    sans_capacites: Arc<[Capacite]>,
    /// The business refusals received in this sandbox, with their HTTP status and `codeRetour`.
    refus: Arc<Mutex<Vec<RefusRecu>>>,
}

/// A PISTE OAuth client (client credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PisteClient {
    /// The token URL (`…/api/oauth/token`).
    pub url_jeton: String,
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
}

/// The PISTE token a client holds (`None`: the implementation asks none), with its expiry,
/// shared by the clients of one run (the sandboxes of one prototype): never by clients of another
/// implementation, even at the same address (a server restarted on a reused port knows none of
/// the old tokens).
type JetonObtenu = Arc<Mutex<Option<(Option<String>, std::time::Instant)>>>;

/// The reference's table `codeRetour` → refusal code.
pub fn table_reference() -> std::collections::HashMap<i64, String> {
    crate::domaine::refus::CodeRefus::TOUS.iter().map(|c| (i64::from(c.code_retour()), c.code().to_string())).collect()
}

/// The marker of a contract breach in a step's message (see `Echec::Refus` with this code).
pub const CODE_CONTRAT: &str = "CONTRAT_HTTP";

impl ClientHttp {
    /// A client of `base` (`http://127.0.0.1:8080`), with a per-call timeout, in a fresh sandbox.
    /// `identifiant` is sent as `Authorization: Bearer` when the profile gives one.
    pub fn new(base: &str, delai: Duration, identifiant: Option<String>) -> Result<ClientHttp, String> {
        ClientHttp::avec_autorite(base, delai, identifiant, None)
    }

    /// The same, trusting also the certificate authority of a PEM file (`https://` with a
    /// private CA, such as `serve --tls-cert`'s self-signed certificate).
    pub fn avec_autorite(base: &str, delai: Duration, identifiant: Option<String>, ca_pem: Option<&[u8]>) -> Result<ClientHttp, String> {
        let mut b = reqwest::Client::builder().timeout(delai).connect_timeout(delai);
        if let Some(pem) = ca_pem {
            for c in reqwest::Certificate::from_pem_bundle(pem).map_err(|e| format!("certificat d'autorité illisible : {e}"))? {
                b = b.add_root_certificate(c);
            }
        }
        let http = b.build().map_err(|e| e.to_string())?;
        let n = COMPTEUR.fetch_add(1, Ordering::Relaxed);
        Ok(ClientHttp {
            base: base.trim_end_matches('/').to_string(),
            transport: Transport::Pool(http.clone()),
            http,
            delai,
            journal_actif: true,
            bac: nom_de_bac(n),
            identifiant,
            jeton_controle: JETON_CONTROLE_LOCAL.to_string(),
            piste: Some(PisteClient {
                url_jeton: format!("{}{ROUTE_JETON}", base.trim_end_matches('/')),
                client_id: CLIENT_ID_LOCAL.into(),
                client_secret: CLIENT_SECRET_LOCAL.into(),
            }),
            jeton: Arc::default(),
            comptes: Arc::new(Mutex::new(std::collections::HashMap::new())),
            table: Arc::new(table_reference()),
            journal: Arc::new(Mutex::new(Vec::new())),
            sans_capacites: Arc::new([]),
            refus: Arc::default(),
        })
    }

    /// The same client, obtaining its PISTE token this way (`None`: no token).
    pub fn avec_piste(mut self, piste: Option<PisteClient>) -> ClientHttp {
        self.piste = piste;
        self.jeton = Arc::default();
        self
    }

    /// The same client, knowing these technical accounts (login → password).
    pub fn avec_comptes(self, comptes: std::collections::HashMap<String, String>) -> ClientHttp {
        self.comptes.lock().unwrap_or_else(|e| e.into_inner()).extend(comptes);
        self
    }

    /// A PISTE token: the one already obtained while it lives, else a new one; `None` when the
    /// implementation asks none (its token route is 404, as `serve --without-piste`).
    async fn jeton(&self, p: &PisteClient) -> Result<Option<String>, Echec> {
        let vivant = |fin: &std::time::Instant| *fin > std::time::Instant::now() + Duration::from_secs(5);
        if let Some((j, _)) = self.jeton.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|(_, fin)| vivant(fin)) {
            return Ok(j.clone());
        }
        let forme =
            [("grant_type", "client_credentials"), ("client_id", &p.client_id), ("client_secret", &p.client_secret), ("scope", "openid")];
        let corps: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(forme).finish();
        let envoi = self.http.post(&p.url_jeton).header("content-type", "application/x-www-form-urlencoded").body(corps).send().await;
        let indetermine = |m: String| Echec::Indetermine { message: m, preuve: Some(format!("POST {}", p.url_jeton)) };
        let r = envoi.map_err(|e| indetermine(format!("jeton PISTE impossible à obtenir de {} : {e}", p.url_jeton)))?;
        let statut = r.status();
        if statut == reqwest::StatusCode::NOT_FOUND {
            *self.jeton.lock().unwrap_or_else(|e| e.into_inner()) = Some((None, std::time::Instant::now() + Duration::from_secs(3600)));
            return Ok(None);
        }
        let v: Value = r.json().await.map_err(|e| indetermine(format!("réponse du jeton PISTE illisible ({statut}) : {e}")))?;
        let (Some(jeton), Some(duree)) = (v.get("access_token").and_then(Value::as_str), v.get("expires_in").and_then(Value::as_u64))
        else {
            return Err(indetermine(format!("jeton PISTE refusé ({statut}) : {v}")));
        };
        let fin = std::time::Instant::now() + Duration::from_secs(duree);
        *self.jeton.lock().unwrap_or_else(|e| e.into_inner()) = Some((Some(jeton.to_string()), fin));
        Ok(Some(jeton.to_string()))
    }

    /// `cpro-account`: base64 of `login:password` (an account without a known password sends an
    /// empty one).
    fn compte(&self, login: &str) -> String {
        let mdp = self.comptes.lock().unwrap_or_else(|e| e.into_inner()).get(login).cloned().unwrap_or_default();
        base64::engine::general_purpose::STANDARD.encode(format!("{login}:{mdp}"))
    }

    /// A client of the same implementation, configured alike, in a fresh sandbox of its own
    /// (with its own evidence and only the accounts given at configuration).
    pub fn nouveau_bac(&self, comptes: &std::collections::HashMap<String, String>) -> ClientHttp {
        let n = COMPTEUR.fetch_add(1, Ordering::Relaxed);
        ClientHttp {
            bac: nom_de_bac(n),
            comptes: Arc::new(Mutex::new(comptes.clone())),
            journal: Arc::new(Mutex::new(Vec::new())),
            refus: Arc::default(),
            transport: self.transport.pour_un_autre(),
            ..self.clone()
        }
    }

    /// The same client for `load`: no evidence kept, and over plain `http://` one connection of
    /// its own per worker (see [`ClientHttp::pour_un_autre_travailleur`]), as wrk and oha do.
    pub fn pour_la_charge(mut self) -> ClientHttp {
        self.journal_actif = false;
        if let Some(hote) = self.base.strip_prefix("http://").map(|h| h.split('/').next().unwrap_or(h).to_string()) {
            self.transport = Transport::Dedie { hote, connexion: Arc::default() };
        }
        self
    }

    /// A clone for another worker of the same sandbox: with a dedicated transport, its own
    /// connection.
    pub fn pour_un_autre_travailleur(&self) -> ClientHttp {
        ClientHttp { transport: self.transport.pour_un_autre(), ..self.clone() }
    }

    /// The same client, reading refusals through this table `codeRetour` → refusal code
    /// (D-API-3).
    pub fn avec_table(mut self, table: std::collections::HashMap<i64, String>) -> ClientHttp {
        self.table = Arc::new(table);
        self
    }

    /// The same client, knowing which control capabilities the implementation lacks (D-API-4):
    /// a call that needs one is not sent, and its scenario is `non applicable`.
    pub fn sans_capacites(mut self, absentes: &[Capacite]) -> ClientHttp {
        self.sans_capacites = absentes.into();
        self
    }

    /// The same client, with the implementation's test-control token (D-API-4), sent on every
    /// `/test/` call.
    pub fn avec_jeton_controle(mut self, jeton: &str) -> ClientHttp {
        self.jeton_controle = jeton.to_string();
        self
    }

    /// Keeps an exchange as evidence, unless the client keeps none (`load`).
    fn noter(&self, entree: impl FnOnce() -> String) {
        if !self.journal_actif {
            return;
        }
        let entree = entree();
        let mut j = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        j.push(entree);
        let trop = j.len().saturating_sub(JOURNAL);
        j.drain(..trop);
    }

    /// POSTs `corps` to `route`; returns the parsed answer when it is a success.
    async fn appeler(&self, acteur: Option<&str>, route: &str, corps: Value) -> Result<Value, Echec> {
        self.appeler_avec(acteur, route, en_octets(&corps), &[]).await
    }

    /// The same, `autres_succes` being the non-zero `codeRetour` this route answers under a
    /// success (20007 for an empty travaux search, D-API-2).
    async fn appeler_avec(&self, acteur: Option<&str>, route: &str, corps: bytes::Bytes, autres_succes: &[i64]) -> Result<Value, Echec> {
        let octets = self.appeler_brut(acteur, route, corps, autres_succes).await?;
        // A body whose envelope reads but whose rest is not JSON gives no verdict (D-API-3).
        serde_json::from_slice(&octets).map_err(|e| Echec::Indetermine {
            message: format!("réponse qui n'est pas du JSON sur {route} : {e}"),
            preuve: Some(String::from_utf8_lossy(&octets).chars().take(2000).collect()),
        })
    }

    /// The same, judging the envelope only: the answer's text when it is a success. The body
    /// is read as far as `codeRetour`, `libelle` and `code` (the rest is skipped unparsed).
    async fn appeler_brut(
        &self,
        acteur: Option<&str>,
        route: &str,
        octets: bytes::Bytes,
        autres_succes: &[i64],
    ) -> Result<bytes::Bytes, Echec> {
        if !self.sans_capacites.is_empty()
            && let Some(c) = Capacite::de_route(route).filter(|c| self.sans_capacites.contains(c))
        {
            return Err(Echec::HorsCapacite { capacite: c.nom().to_string(), route: route.to_string() });
        }
        let url = format!("{}{route}", self.base);
        // The request as evidence, written only when it is kept.
        let requete = || format!("POST {url}\n{ENTETE_COMPTE}: {}\n{}", acteur.unwrap_or("—"), String::from_utf8_lossy(&octets));
        let piste = self.piste.as_ref().filter(|_| self.identifiant.is_none() && route.starts_with("/cpro/"));
        let entetes = |jeton: Option<&str>| {
            let mut e: Vec<(&str, String)> = Vec::with_capacity(4);
            e.push((ENTETE_BAC_A_SABLE, self.bac.clone()));
            if let Some(a) = acteur {
                e.push((ENTETE_COMPTE, self.compte(a)));
            }
            if let Some(t) = self.identifiant.as_deref().or(jeton) {
                e.push(("authorization", format!("Bearer {t}")));
            }
            if route.starts_with("/test/") {
                e.push((ENTETE_CONTROLE, self.jeton_controle.clone()));
            }
            e
        };
        let jeton = match piste {
            Some(p) => self.jeton(p).await?,
            None => None,
        };
        let indetermine = |message: String, reponse: Option<String>| {
            let preuve = format!("{}\n---\n{}", requete(), reponse.unwrap_or_else(|| "(aucune réponse)".into()));
            Echec::Indetermine { message, preuve: Some(preuve) }
        };
        let poster = |jeton: Option<String>| {
            let (e, o, url, t, d) = (entetes(jeton.as_deref()), octets.clone(), &url, &self.transport, self.delai);
            async move { t.poster(url, route, &e, o, d).await }
        };
        let envoi = match (poster(jeton).await, piste) {
            // A token the implementation no longer knows (it restarted): one new token, once.
            (Ok((401, _)), Some(p)) => {
                *self.jeton.lock().unwrap_or_else(|e| e.into_inner()) = None;
                let nouveau = self.jeton(p).await?;
                poster(nouveau).await
            }
            (autre, _) => autre,
        };
        let (statut, texte) = match envoi {
            Ok((s, t)) => (reqwest::StatusCode::from_u16(s).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR), t),
            Err(e) => {
                let err = indetermine(e.message(&url), None);
                self.noter(|| err.to_string());
                return Err(err);
            }
        };
        let brut = || format!("HTTP {}\n{}", statut.as_u16(), String::from_utf8_lossy(&texte).chars().take(2000).collect::<String>());
        self.noter(|| format!("{}\n---\n{}", requete(), brut()));
        if statut.is_server_error() {
            return Err(indetermine(format!("erreur serveur {} sur {route}", statut.as_u16()), Some(brut())));
        }
        let v = match Enveloppe::lire(&texte) {
            Ok(v) => v,
            Err(e) => return Err(indetermine(format!("réponse qui n'est pas un objet JSON sur {route} : {e}"), Some(brut()))),
        };
        let Some(code) = v.code_retour.as_ref().and_then(Value::as_i64) else {
            return Err(indetermine(format!("réponse sans « codeRetour » sur {route}"), Some(brut())));
        };
        // D-API-2: every answer carries its `libelle`; an answer without it breaks the contract
        // (REQ-API-01), it is not read with a default.
        let Some(libelle) = v.libelle.as_ref().and_then(Value::as_str).map(str::to_string) else {
            return Err(Echec::Refus {
                code: CODE_CONTRAT.into(),
                message: format!("réponse sans « libelle » (texte) sur {route} : l'enveloppe du contrat l'exige\n{}", brut()),
            });
        };
        // D-API-3: a non-zero codeRetour under HTTP 200 or 4xx is a refusal; 0 is a success under
        // 2xx only. Which refusal: the `code` extension when present, else the profile's table.
        match (statut.is_success(), code == 0) {
            (true, true) => Ok(texte),
            // D-API-2: an empty travaux search is 20007 (GFT_MSG_01.075) under HTTP 200.
            (true, false) if autres_succes.contains(&code) => Ok(texte),
            (_, false) if statut.is_success() || statut.is_client_error() => {
                let etendu = v.code.as_ref().and_then(Value::as_str).filter(|c| !c.is_empty());
                // The number a refusal travels with is the one the table declares for it: a
                // refusal that names itself under another's number breaks the contract.
                if let (Some(e), Some(declare)) = (etendu, self.table.get(&code))
                    && crate::domaine::refus::CodeRefus::parse(e).is_some()
                    && declare != e
                {
                    return Err(Echec::Refus {
                        code: CODE_CONTRAT.into(),
                        message: format!(
                            "refus {e} sous le codeRetour {code}, que la table des codes déclare pour {declare}, sur {route}\n{}",
                            brut()
                        ),
                    });
                }
                match etendu.map(str::to_string).or_else(|| self.table.get(&code).cloned()) {
                    Some(c) if crate::domaine::refus::CodeRefus::parse(&c).is_some() => {
                        if self.journal_actif {
                            let recu =
                                RefusRecu { route: route.to_string(), statut_http: statut.as_u16(), code_retour: code, code: c.clone() };
                            self.refus.lock().unwrap_or_else(|e| e.into_inner()).push(recu);
                        }
                        Err(Echec::Refus { code: c, message: libelle })
                    }
                    // A malformed request, a refused token, a saturated server: no verdict.
                    _ => Err(indetermine(
                        format!("codeRetour {code} sous HTTP {} sur {route}, inconnu de la table des codes : {libelle}", statut.as_u16()),
                        Some(brut()),
                    )),
                }
            }
            // The contract: a refusal is never a success (REQ-API-01).
            _ => Err(Echec::Refus {
                code: CODE_CONTRAT.into(),
                message: format!("statut HTTP {} et codeRetour {code} contradictoires sur {route}\n{}", statut.as_u16(), brut()),
            }),
        }
    }

    /// The health check (`GET /cpro/transverses/v1/health-check`, as public clients call it
    /// first): HTTP 200 with `statusCode` `OK`; anything else gives no verdict.
    async fn sante(&self) -> Result<(), Echec> {
        let route = crate::http::serveur::ROUTE_SANTE;
        let url = format!("{}{route}", self.base);
        let indetermine = |m: String| Echec::Indetermine { message: format!("{m} sur {route}"), preuve: Some(format!("GET {url}")) };
        // The health check concerns the server, not a sandbox: no header, as public clients.
        match self.transport.obtenir(&url, route, &[], self.delai).await {
            Ok((200, o)) => {
                #[derive(serde::Deserialize)]
                struct Sante<'a> {
                    #[serde(rename = "statusCode", borrow)]
                    statut: std::borrow::Cow<'a, str>,
                }
                match serde_json::from_slice::<Sante>(&o) {
                    Ok(s) if s.statut == "OK" => Ok(()),
                    Ok(s) => Err(indetermine(format!("statusCode {}", s.statut))),
                    Err(e) => Err(indetermine(format!("réponse illisible : {e}"))),
                }
            }
            Ok((s, _)) => Err(indetermine(format!("HTTP {s}"))),
            Err(e) => Err(Echec::Indetermine { message: e.message(&url), preuve: Some(format!("GET {url}")) }),
        }
    }

    /// The business refusals received in this sandbox.
    pub fn refus_recus(&self) -> Vec<RefusRecu> {
        self.refus.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The evidence kept: the last exchanges, most recent last.
    pub fn journal(&self) -> Vec<String> {
        self.journal.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A piece as its actor sees it, or as the platform holds it (the control interface).
fn route_de_consultation(acteur: Option<&str>) -> &'static str {
    match acteur {
        Some(_) => travaux::consulter::OPERATION.route(),
        None => controle::lectures::CONSULTER_PIECE.route(),
    }
}

/// The envelope of every answer (D-API-2): what judging it needs.
#[derive(Debug, Default, PartialEq)]
struct Enveloppe {
    code_retour: Option<Value>,
    libelle: Option<Value>,
    code: Option<Value>,
}

impl Enveloppe {
    /// Reads the envelope's keys from the top-level object, member by member, and stops as soon
    /// as the verdict needs nothing more: `codeRetour` and `libelle`, and `code` for a refusal.
    /// The members it does not need are skipped unparsed; what follows the last one it needs is
    /// not read (a call that needs the body parses it whole, and fails there if it is broken).
    fn lire(o: &[u8]) -> Result<Enveloppe, String> {
        let mut i = 0;
        let blancs = |i: &mut usize| {
            while o.get(*i).is_some_and(u8::is_ascii_whitespace) {
                *i += 1;
            }
        };
        // One JSON value from `i` on, and the position after it.
        fn valeur<T: serde::de::DeserializeOwned>(o: &[u8], i: &mut usize) -> Result<T, String> {
            let mut flot = serde_json::Deserializer::from_slice(&o[*i..]).into_iter::<T>();
            let v = flot.next().ok_or("valeur JSON attendue")?.map_err(|e| e.to_string())?;
            *i += flot.byte_offset();
            Ok(v)
        }
        blancs(&mut i);
        if o.get(i) != Some(&b'{') {
            return Err("objet JSON attendu".into());
        }
        i += 1;
        let mut e = Enveloppe::default();
        loop {
            blancs(&mut i);
            match o.get(i) {
                Some(b'}') => return Ok(e),
                Some(b',') => {
                    i += 1;
                    blancs(&mut i);
                }
                None => return Err("objet JSON inachevé".into()),
                _ => {}
            }
            let cle: String = valeur(o, &mut i)?;
            blancs(&mut i);
            if o.get(i) != Some(&b':') {
                return Err(format!("« : » attendu après « {cle} »"));
            }
            i += 1;
            blancs(&mut i);
            match cle.as_str() {
                "codeRetour" => e.code_retour = Some(valeur(o, &mut i)?),
                "libelle" => e.libelle = Some(valeur(o, &mut i)?),
                "code" => e.code = Some(valeur(o, &mut i)?),
                _ => {
                    valeur::<serde::de::IgnoredAny>(o, &mut i)?;
                }
            }
            let succes = e.code_retour.as_ref().and_then(Value::as_i64) == Some(0);
            if e.code_retour.is_some() && e.libelle.is_some() && (succes || e.code.is_some()) {
                return Ok(e);
            }
        }
    }
}

/// A success whose body breaks the contract (a required key missing, a date not `AAAA-MM-JJ`):
/// the implementation answered, wrongly, so it is a verdict (`non conforme`), not a default read
/// in its place nor an `indéterminé` (D-API-3 keeps that for a 5xx or a missing `codeRetour`).
fn breche(route: &str, e: String, v: &Value) -> Echec {
    Echec::Refus { code: CODE_CONTRAT.into(), message: format!("réponse hors contrat sur {route} : {e}\n{v}") }
}

impl ClientHttp {
    /// Calls a read of the contract and reads its answer with the operation's reader.
    async fn lire<T>(
        &self,
        acteur: Option<&str>,
        route: &str,
        corps: Value,
        lire: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Result<T, Echec> {
        self.lire_octets(acteur, route, en_octets(&corps), lire).await
    }

    /// The same, the body already written.
    async fn lire_octets<T>(
        &self,
        acteur: Option<&str>,
        route: &str,
        corps: bytes::Bytes,
        lire: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Result<T, Echec> {
        let v = self.appeler_avec(acteur, route, corps, &[]).await?;
        lire(&v).map_err(|e| breche(route, e, &v))
    }
}

/// A request's body as the bytes sent.
fn en_octets(corps: &Value) -> bytes::Bytes {
    bytes::Bytes::from(serde_json::to_vec(corps).expect("a JSON tree always serializes"))
}

impl Platform for ClientHttp {
    fn nom(&self) -> String {
        self.base.clone()
    }

    fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>> {
        async move {
            let (operation, corps) = operations::requete_en_octets(&commande);
            if let Commande::CreerUtilisateur { login, mot_de_passe: Some(m), .. } = &commande {
                self.comptes.lock().unwrap_or_else(|e| e.into_inner()).insert(login.clone(), m.clone());
            }
            self.lire_octets(acteur, operation.route(), corps.into(), |v| operation.lire(v)).await
        }
        .boxed()
    }

    fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>> {
        async move { self.lire(acteur, route_de_consultation(acteur), operations::piece_seule(piece), travaux::consulter::lire).await }
            .boxed()
    }

    fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>> {
        async move { self.lire(None, controle::lectures::NOTIFICATIONS.route(), json!({}), controle::lectures::lire_notifications).await }
            .boxed()
    }

    fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>> {
        async move {
            let consulter = &structures::consulter::OPERATION;
            self.lire(None, consulter.route(), structures::consulter::corps(siret), structures::consulter::lire).await
        }
        .boxed()
    }

    fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>> {
        async move { self.lire(None, transverses::cadres::OPERATION.route(), json!({}), transverses::cadres::lire).await }.boxed()
    }

    fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>> {
        async move { self.lire(None, controle::calendrier::DATE.route(), json!({}), controle::calendrier::lire_date).await }.boxed()
    }

    fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>> {
        async move {
            let corps = controle::marches::corps_marche(numero);
            self.lire(None, controle::marches::EVENEMENTS.route(), corps, controle::marches::lire_evenements).await
        }
        .boxed()
    }

    fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>> {
        async move {
            let corps = controle::marches::corps_marche(numero);
            self.lire(None, controle::marches::FONDS_MANDAT.route(), corps, controle::marches::lire_fonds).await
        }
        .boxed()
    }

    fn compte<'a>(&'a mut self, login: &'a str) -> BoxFuture<'a, Result<VueCompte, Echec>> {
        async move {
            let corps = controle::annuaire::corps_login(login);
            self.lire(None, controle::annuaire::COMPTE.route(), corps, controle::annuaire::lire_compte).await
        }
        .boxed()
    }

    fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>> {
        async move {
            self.lire(None, transverses::motifs::OPERATION.route(), transverses::motifs::corps(), transverses::motifs::lire).await
        }
        .boxed()
    }

    fn rechercher<'a>(
        &'a mut self,
        acteur: &'a str,
        role: Option<RoleRecherche>,
        page: usize,
        taille: usize,
    ) -> BoxFuture<'a, Result<PageRecherche, Echec>> {
        async move {
            let route = travaux::rechercher::OPERATION.route();
            let corps = travaux::rechercher::corps(role, page, taille);
            let v = self.appeler_avec(Some(acteur), route, en_octets(&corps), &[travaux::rechercher::CODE_VIDE]).await?;
            // The contract's shape (api-chorus-pro.md): a breach is a verdict, not a default.
            travaux::rechercher::lire(&v).map_err(|quoi| breche(route, quoi, &v))
        }
        .boxed()
    }

    fn liberer(&mut self) -> BoxFuture<'_, ()> {
        async move {
            // Best effort: a server that does not answer was already judged by the scenario.
            let _ = self.appeler(None, controle::reinitialiser::OPERATION.route(), json!({})).await;
        }
        .boxed()
    }

    fn journal(&self) -> Vec<String> {
        ClientHttp::journal(self)
    }

    fn refus_recus(&self) -> Vec<RefusRecu> {
        ClientHttp::refus_recus(self)
    }

    fn sonder<'a>(&'a mut self, acteur: Option<&'a str>, lecture: Lecture) -> BoxFuture<'a, Result<(), Echec>> {
        async move {
            let (route, corps) = match lecture {
                Lecture::Piece(id) => (route_de_consultation(acteur), operations::piece_seule(id)),
                Lecture::Cadres => (transverses::cadres::OPERATION.route(), json!({})),
                Lecture::Sante => return self.sante().await,
            };
            self.appeler_brut(acteur, route, en_octets(&corps), &[]).await.map(|_| ())
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_is_read_member_by_member_and_stops_when_the_verdict_is_known() {
        // A success: codeRetour and libelle first, the rest not read (even broken).
        let e = Enveloppe::lire(br#"{"codeRetour":0,"libelle":"TRA_MSG_00.000","liste":[1,2,{"a":"}"}] BROKEN"#).expect("read");
        assert_eq!((e.code_retour, e.libelle), (Some(json!(0)), Some(json!("TRA_MSG_00.000"))));
        // A refusal reads on to its `code`, wherever it is; whitespace and escapes are JSON's.
        let e = Enveloppe::lire(
            b" { \"libelle\" : \"refus \\\" x\", \"autre\": {\"k\": [true, null]}, \"codeRetour\": 28001 , \"code\":\"X\" } ",
        )
        .expect("read");
        assert_eq!((e.code_retour, e.libelle, e.code), (Some(json!(28001)), Some(json!("refus \" x")), Some(json!("X"))));
        // Without the keys, the object is read to its end.
        assert_eq!(Enveloppe::lire(b"{}").expect("read"), Enveloppe::default());
        assert_eq!(Enveloppe::lire(br#"{"a":1}"#).expect("read"), Enveloppe::default());
        for casse in [&b"[]"[..], b"", b"{\"a\" 1}", b"{\"a\":", b"nul"] {
            assert!(Enveloppe::lire(casse).is_err(), "{}", String::from_utf8_lossy(casse));
        }
    }
}
