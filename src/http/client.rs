//! The HTTP client of the contract as a [`Platform`]: scenarios run unchanged against any
//! implementation. Every call has a timeout. A refused connection, a 5xx, a timeout or an
//! unusable answer is `indéterminé`, with the request and the response kept as evidence. An
//! answer that contradicts the contract (a 2xx with a non-zero `codeRetour`, or the reverse) is a
//! conformance failure.

use super::contrat::{self, ENTETE_BAC_A_SABLE, ENTETE_COMPTE};
use crate::domaine::calendrier::Date;
use crate::domaine::piece::PieceId;
use crate::domaine::siret::Siret;
use crate::domaine::structure::Structure;
use crate::plateforme::{Commande, Echec, Platform, Reponse, VueCadre, VueEvenement, VueFonds, VueNotification, VuePiece};
use futures::future::{BoxFuture, FutureExt};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How many exchanges a client keeps as evidence.
const JOURNAL: usize = 6;

static COMPTEUR: AtomicU64 = AtomicU64::new(0);

/// A client bound to one sandbox of one implementation.
#[derive(Debug, Clone)]
pub struct ClientHttp {
    base: String,
    http: reqwest::Client,
    bac: String,
    identifiant: Option<String>,
    journal: Arc<Mutex<Vec<String>>>,
}

/// The marker of a contract breach in a step's message (see `Echec::Refus` with this code).
pub const CODE_CONTRAT: &str = "CONTRAT_HTTP";

impl ClientHttp {
    /// A client of `base` (`http://127.0.0.1:8080`), with a per-call timeout, in a fresh sandbox.
    /// `identifiant` is sent as `Authorization: Bearer` when the profile gives one.
    pub fn new(base: &str, delai: Duration, identifiant: Option<String>) -> Result<ClientHttp, String> {
        let http = reqwest::Client::builder().timeout(delai).connect_timeout(delai).build().map_err(|e| e.to_string())?;
        let n = COMPTEUR.fetch_add(1, Ordering::Relaxed);
        Ok(ClientHttp {
            base: base.trim_end_matches('/').to_string(),
            http,
            bac: format!("bac-{}-{n}", std::process::id()),
            identifiant,
            journal: Arc::new(Mutex::new(Vec::new())),
        })
    }

    fn noter(&self, entree: String) {
        let mut j = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        j.push(entree);
        let trop = j.len().saturating_sub(JOURNAL);
        j.drain(..trop);
    }

    /// POSTs `corps` to `route`; returns the parsed answer when it is a success.
    async fn appeler(&self, acteur: Option<&str>, route: &str, corps: Value) -> Result<Value, Echec> {
        let url = format!("{}{route}", self.base);
        let requete = format!("POST {url}\n{ENTETE_COMPTE}: {}\n{}", acteur.unwrap_or("—"), corps);
        let mut rb = self.http.post(&url).header(ENTETE_BAC_A_SABLE, &self.bac).json(&corps);
        if let Some(a) = acteur {
            rb = rb.header(ENTETE_COMPTE, a);
        }
        if let Some(t) = &self.identifiant {
            rb = rb.bearer_auth(t);
        }
        let indetermine = |message: String, reponse: Option<String>| {
            let preuve = format!("{requete}\n---\n{}", reponse.unwrap_or_else(|| "(aucune réponse)".into()));
            Echec::Indetermine { message, preuve: Some(preuve) }
        };
        let r = match rb.send().await {
            Ok(r) => r,
            Err(e) => {
                let quoi = if e.is_timeout() {
                    "délai dépassé sans réponse"
                } else if e.is_connect() {
                    "connexion impossible"
                } else {
                    "échec de la requête"
                };
                let err = indetermine(format!("{quoi} : {url} ({e})"), None);
                self.noter(err.to_string());
                return Err(err);
            }
        };
        let statut = r.status();
        let texte = match r.text().await {
            Ok(t) => t,
            Err(e) => {
                // The per-call timeout covers the body too: a body that stops coming is a timeout.
                let quoi = if e.is_timeout() { "délai dépassé pendant la lecture de la réponse" } else { "réponse illisible" };
                let err = indetermine(format!("{quoi} de {url} : {e}"), Some(format!("HTTP {statut}")));
                self.noter(err.to_string());
                return Err(err);
            }
        };
        let brut = format!("HTTP {}\n{}", statut.as_u16(), texte.chars().take(2000).collect::<String>());
        self.noter(format!("{requete}\n---\n{brut}"));
        if statut.is_server_error() {
            return Err(indetermine(format!("erreur serveur {} sur {route}", statut.as_u16()), Some(brut)));
        }
        let v: Value = match serde_json::from_str(&texte) {
            Ok(v) => v,
            Err(e) => return Err(indetermine(format!("réponse qui n'est pas du JSON sur {route} : {e}"), Some(brut))),
        };
        let Some(code) = v.get("codeRetour").and_then(Value::as_i64) else {
            return Err(indetermine(format!("réponse sans « codeRetour » sur {route}"), Some(brut)));
        };
        let libelle = v.get("libelle").and_then(Value::as_str).unwrap_or("").to_string();
        match (statut.is_success(), code == 0) {
            (true, true) => Ok(v),
            (false, false) => {
                let code = v.get("code").and_then(Value::as_str).unwrap_or("").to_string();
                if code.is_empty() || statut.as_u16() == 400 {
                    return Err(indetermine(format!("requête rejetée ({}) sur {route} : {libelle}", statut.as_u16()), Some(brut)));
                }
                Err(Echec::Refus { code, message: libelle })
            }
            // The contract: every answer's HTTP status and codeRetour agree (REQ-API-01).
            (true, false) | (false, true) => Err(Echec::Refus {
                code: CODE_CONTRAT.into(),
                message: format!("statut HTTP {} et codeRetour {code} contradictoires sur {route}\n{brut}", statut.as_u16()),
            }),
        }
    }

    /// The evidence kept: the last exchanges, most recent last.
    pub fn journal(&self) -> Vec<String> {
        self.journal.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn garbage(route: &str, e: String, v: &Value) -> Echec {
    Echec::Indetermine { message: format!("réponse inexploitable sur {route} : {e}"), preuve: Some(v.to_string()) }
}

impl Platform for ClientHttp {
    fn nom(&self) -> String {
        self.base.clone()
    }

    fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>> {
        async move {
            let (route, corps) = contrat::requete(&commande);
            let v = self.appeler(acteur, route, corps).await?;
            let id = |nom: &str| v.get(nom).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
            Ok(match &commande {
                Commande::Deposer(_) => {
                    Reponse::Piece(PieceId(id("idFactureTravaux").ok_or_else(|| garbage(route, "idFactureTravaux manquant".into(), &v))?))
                }
                Commande::DemanderRecyclage(_) => Reponse::PiecePrecedente(PieceId(
                    id("idPiecePrecedente").ok_or_else(|| garbage(route, "idPiecePrecedente manquant".into(), &v))?,
                )),
                Commande::DeposerSollicitation { .. } => {
                    Reponse::Sollicitation(id("idSollicitation").ok_or_else(|| garbage(route, "idSollicitation manquant".into(), &v))?)
                }
                _ => Reponse::Fait,
            })
        }
        .boxed()
    }

    fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>> {
        async move {
            let (route, acteur) = match acteur {
                Some(a) => ("/cpro/facturesTravaux/v1/consulter", Some(a)),
                None => ("/test/v1/consulterPiece", None),
            };
            let v = self.appeler(acteur, route, json!({ "idFactureTravaux": piece.0 })).await?;
            let f = v.get("factureTravaux").ok_or_else(|| garbage(route, "factureTravaux manquant".into(), &v))?;
            contrat::vue_depuis(f).map_err(|e| garbage(route, e, &v))
        }
        .boxed()
    }

    fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>> {
        async move {
            let route = "/test/v1/notifications";
            let v = self.appeler(None, route, json!({})).await?;
            let l = v
                .get("listeNotifications")
                .and_then(Value::as_array)
                .ok_or_else(|| garbage(route, "listeNotifications manquante".into(), &v))?;
            l.iter().map(contrat::notification_depuis).collect::<Result<Vec<_>, _>>().map_err(|e| garbage(route, e, &v))
        }
        .boxed()
    }

    fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>> {
        async move {
            let route = "/cpro/structures/v1/consulter";
            let v = self.appeler(None, route, json!({ "identifiantStructure": siret.to_string() })).await?;
            contrat::structure_depuis(&v).map_err(|e| garbage(route, e, &v))
        }
        .boxed()
    }

    fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>> {
        async move {
            let route = "/cpro/transverses/v1/recuperer/cadrefacturation";
            let v = self.appeler(None, route, json!({})).await?;
            let l = v
                .get("listeCadreFacturation")
                .and_then(Value::as_array)
                .ok_or_else(|| garbage(route, "listeCadreFacturation manquante".into(), &v))?;
            l.iter()
                .map(|c| {
                    let code = c.get("codeCadreFacturation").and_then(Value::as_str).ok_or("codeCadreFacturation manquant")?;
                    Ok(VueCadre {
                        code: code.to_string(),
                        deposant: c.get("deposant").and_then(Value::as_str).map(str::to_string),
                        legacy: c.get("legacy").and_then(Value::as_bool).unwrap_or(false),
                    })
                })
                .collect::<Result<Vec<_>, &str>>()
                .map_err(|e| garbage(route, e.to_string(), &v))
        }
        .boxed()
    }

    fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>> {
        async move {
            let route = "/test/v1/date";
            let v = self.appeler(None, route, json!({})).await?;
            v.get("date")
                .and_then(Value::as_str)
                .and_then(Date::parse_iso)
                .ok_or_else(|| garbage(route, "date AAAA-MM-JJ manquante".into(), &v))
        }
        .boxed()
    }

    fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>> {
        async move {
            let route = "/test/v1/evenementsMarche";
            let v = self.appeler(None, route, json!({ "numeroMarche": numero })).await?;
            contrat::evenements_depuis(&v, "evenements").map_err(|e| garbage(route, e, &v))
        }
        .boxed()
    }

    fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>> {
        async move {
            let route = "/test/v1/fondsMandat";
            let v = self.appeler(None, route, json!({ "numeroMarche": numero })).await?;
            let montant = |nom: &str| v.get(nom).and_then(Value::as_str).and_then(|s| s.parse::<rust_decimal::Decimal>().ok());
            match (montant("montantAppele"), montant("montantPaye")) {
                (Some(appele), Some(paye)) => Ok(VueFonds { appele, paye }),
                _ => Err(garbage(route, "montantAppele et montantPaye attendus".into(), &v)),
            }
        }
        .boxed()
    }

    fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>> {
        async move {
            let route = "/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux";
            let v = self.appeler(None, route, json!({ "codeCadreFacturationTravaux": "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR" })).await?;
            let l = v
                .get("listeMotifRefusFactureTravaux")
                .and_then(Value::as_array)
                .ok_or_else(|| garbage(route, "listeMotifRefusFactureTravaux manquante".into(), &v))?;
            Ok(l.iter().filter_map(|c| c.get("codeMotif").and_then(Value::as_str).map(str::to_string)).collect())
        }
        .boxed()
    }

    fn liberer(&mut self) -> BoxFuture<'_, ()> {
        async move {
            // Best effort: a server that does not answer was already judged by the scenario.
            let _ = self.appeler(None, "/test/v1/reinitialiser", json!({})).await;
        }
        .boxed()
    }

    fn journal(&self) -> Vec<String> {
        ClientHttp::journal(self)
    }
}
