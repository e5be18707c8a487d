//! Dispatch: a request on one sandbox goes to its operation (`http/operations/`). A command the
//! reference accepts comes back with its journal entry (its route and its body in canonical form,
//! `operations::requete`: the same object as the client sends, keys sorted), so that replay is
//! exact.

use super::Limites;
use super::garde::Requete;
use super::journal::Entree;
use super::reponses::{Style, echec, mauvaise_requete, ok, refus, reponse};
use crate::http::operations::{self, Contexte, Genre, Rejet, manque_compte};
use crate::plateforme::Commande;
use crate::plateforme::locale::PlateformeReference;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

/// `GET /cpro/transverses/v1/health-check`, as public clients read it.
pub fn sante() -> Response {
    reponse(StatusCode::OK, json!({ "statusCode": "OK", "statusCodeValue": 200, "body": "référence Chorus Pro travaux : en service" }))
}

/// A query or a command on one sandbox; an accepted command's journal entry when the server keeps
/// a journal (`journaliser`): a sandbox in memory only pays no encoding for it.
pub fn servir(style: Style, limites: &Limites, journaliser: bool, p: &mut PlateformeReference, r: &Requete) -> (Response, Option<Entree>) {
    let (route, v) = (r.route.as_str(), &r.corps);
    let compte = r.compte.as_deref();
    // D-API-1: the technical account's password, when the user has one.
    if let (Some(login), Some(mdp)) = (compte, r.mot_de_passe.as_deref())
        && !p.reference().compte_valide(login, mdp)
    {
        return (
            super::reponses::technique(
                StatusCode::UNAUTHORIZED,
                "COMPTE_REFUSE",
                format!("mot de passe du compte technique {login} refusé"),
            ),
            None,
        );
    }
    let (decoder, repondre) = match &r.operation.genre {
        Genre::Commande { decoder, repondre, .. } => (*decoder, *repondre),
        Genre::Lecture(lire) => return (lire(&mut Contexte { style, limites, p, compte, corps: v }), None),
        Genre::Transverse(lire) => return (lire(v), None),
        // Served by the server itself, before any sandbox is opened (it forgets the sandbox
        // through its journal): never a false success here.
        Genre::Reinitialiser => {
            let m = format!("{route} est servie par le serveur lui-même");
            return (super::reponses::technique(StatusCode::INTERNAL_SERVER_ERROR, "ERREUR_INTERNE", m), None);
        }
    };
    let commande = match decoder(v, p) {
        Ok(c) => c,
        Err(Rejet::Corps(m)) => return (mauvaise_requete(m), None),
        Err(Rejet::Refus(code, m)) => return (refus(style, code.code(), &m), None),
    };
    // Control hooks act as no user (D-API-4); every other operation as the account's.
    let acteur = if route.starts_with("/test/") {
        None
    } else {
        match compte {
            Some(l) => Some(l),
            None => return (manque_compte(), None),
        }
    };
    let entree = journaliser.then(|| journal(acteur, &commande));
    match p.executer_sync(acteur, commande) {
        Ok(rep) => (ok(repondre(p, v, rep)), entree),
        Err(e) => (echec(style, e), None),
    }
}

/// The journal entry of an accepted command: its canonical route and body.
fn journal(acteur: Option<&str>, c: &Commande) -> Entree {
    let (operation, corps) = operations::requete(c);
    Entree { acteur: acteur.map(str::to_string), route: operation.route().to_string(), corps: corps.to_string() }
}
