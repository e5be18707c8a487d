//! The routes: the lists of `/cpro/transverses/`, the queries, and the commands of the contract,
//! run on one sandbox's reference. A command the reference accepts comes back with its journal
//! entry (its route and body as `contrat::requete` encodes it), so that replay is exact.

use super::Limites;
use super::garde::Requete;
use super::journal::Entree;
use super::recherche;
use super::reponses::{Style, echec, famille, mauvaise_requete, ok, refus, reponse};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::motif::motifs_disponibles;
use crate::domaine::piece::PieceId;
use crate::domaine::refus::CodeRefus;
use crate::domaine::siret::Siret;
use crate::http::contrat::{self, ENTETE_COMPTE};
use crate::plateforme::locale::PlateformeReference;
use crate::plateforme::{Commande, Platform, Reponse, VueEvenement};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

/// `GET /cpro/transverses/v1/health-check`, as public clients read it.
pub fn sante() -> Response {
    reponse(StatusCode::OK, json!({ "statusCode": "OK", "statusCodeValue": 200, "body": "référence Chorus Pro travaux : en service" }))
}

/// The lists of `/cpro/transverses/v1/…` that depend on no sandbox.
pub fn transverse(route: &str, v: &Value) -> Option<Response> {
    if let Some(r) = super::structures::etats(route, v) {
        return Some(r);
    }
    Some(match route {
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
                "statutHttp": 400,
                "famille": famille(c.famille()),
                "regle": c.regle(),
            })).collect::<Vec<_>>()
        })),
        _ => return None,
    })
}

fn manque_compte() -> Response {
    mauvaise_requete(format!("en-tête « {ENTETE_COMPTE} » manquant : l'utilisateur qui agit"))
}

/// A query or a command on one sandbox.
pub fn servir(style: Style, limites: &Limites, p: &mut PlateformeReference, r: &Requete) -> (Response, Option<Entree>) {
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
    let requete = match route {
        "/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux" => {
            // D-REFUS-3: « erreur de montant » is listed from 19/02/2025 (its use is refused), on
            // the sandbox's date unless the request names one.
            let date = v.get("date").and_then(Value::as_str).and_then(Date::parse_iso).unwrap_or(p.reference().date());
            let cadre = v.get("codeCadreFacturationTravaux").and_then(Value::as_str).and_then(CadreFacturation::parse);
            let l: Vec<Value> = motifs_disponibles(date, cadre)
                .iter()
                .map(|m| json!({ "codeMotif": m.code(), "idMotif": m.id(), "libelleMotif": m.libelle() }))
                .collect();
            return (ok(json!({ "listeMotifRefusFactureTravaux": l })), None);
        }
        "/test/v1/date" => return (ok(json!({ "date": p.reference().date().iso() })), None),
        "/test/v1/evenementsMarche" | "/test/v1/fondsMandat" => {
            let Some(numero) = v.get("numeroMarche").and_then(Value::as_str) else {
                return (mauvaise_requete("champ « numeroMarche » : texte attendu"), None);
            };
            if route == "/test/v1/fondsMandat" {
                let (appele, paye) = p.reference().fonds_mandat(numero);
                return (ok(json!({ "montantAppele": appele.to_string(), "montantPaye": paye.to_string() })), None);
            }
            let l: Vec<Value> = p
                .reference()
                .evenements_marche(numero)
                .into_iter()
                .map(|e| contrat::evenement_json(&VueEvenement { date: e.date, libelle: e.libelle.clone() }))
                .collect();
            return (ok(json!({ "evenements": l })), None);
        }
        "/test/v1/compte" => {
            let Some(login) = v.get("login").and_then(Value::as_str) else {
                return (mauvaise_requete("champ « login » : texte attendu"), None);
            };
            return match p.compte_sync(login) {
                Ok(c) => (ok(contrat::compte_json(&c)), None),
                Err(e) => (echec(style, e), None),
            };
        }
        "/test/v1/notifications" => {
            let n = futures::executor::block_on(Platform::notifications(p)).unwrap_or_default();
            return (ok(json!({ "listeNotifications": n.iter().map(contrat::notification_json).collect::<Vec<_>>() })), None);
        }
        "/cpro/factures/v1/consulter/historique" => {
            let Some(login) = compte else { return (manque_compte(), None) };
            let Some(id) = v.get("idFacture").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
                return (mauvaise_requete("champ « idFacture » : entier attendu"), None);
            };
            return match p.consulter_sync(Some(login), PieceId(id)) {
                Ok(vue) => {
                    let noms = |l: &str| {
                        p.reference().utilisateur(l).map(|u| (u.nom.clone(), u.prenom.clone())).unwrap_or((l.to_string(), String::new()))
                    };
                    let histo: Vec<Value> = vue
                        .historique
                        .iter()
                        .map(|h| {
                            let (nom, prenom) = noms(&h.utilisateur);
                            json!({ "histoStatutCode": h.statut.code_api(), "histoStatutDatePassage": h.date.iso(), "histoStatutCommentaire": h.commentaire,
                                    "histoStatutUtilisateurNom": nom, "histoStatutUtilisateurPrenom": prenom })
                        })
                        .collect();
                    (
                        ok(
                            json!({ "idFacture": id, "statutCourantCode": vue.statut.code_api(), "historiquesDesStatuts": { "histoStatut": histo } }),
                        ),
                        None,
                    )
                }
                Err(e) => (echec(style, e), None),
            };
        }
        "/cpro/factures/v1/traiterRejet" => {
            // The supplier acknowledges rejected requests: each must be one it sees, rejected.
            let Some(login) = compte else { return (manque_compte(), None) };
            let ids: Vec<u64> = v
                .get("listeDemandePaiement")
                .and_then(Value::as_array)
                .map(|l| l.iter().filter_map(|x| x.get("idDemandePaiement").and_then(Value::as_u64)).collect())
                .unwrap_or_default();
            if ids.is_empty() {
                return (mauvaise_requete("champ « listeDemandePaiement » : liste de { idDemandePaiement } attendue"), None);
            }
            for id in ids {
                match p.consulter_sync(Some(login), PieceId(u32::try_from(id).unwrap_or(u32::MAX))) {
                    Ok(vue) if vue.statut == crate::domaine::statut::Statut::Rejetee => {}
                    Ok(vue) => {
                        let m = format!(
                            "la demande de paiement {id} est au statut {} : seule une demande rejetée se traite ainsi",
                            vue.statut.libelle_portail()
                        );
                        return (refus(style, "STATUT_INCOMPATIBLE", &m), None);
                    }
                    Err(e) => return (echec(style, e), None),
                }
            }
            return (ok(json!({})), None);
        }
        // The same view, as a user sees it, or as the platform holds it (test hook).
        "/test/v1/consulterPiece" | "/cpro/facturesTravaux/v1/consulter" => {
            let login = if route.starts_with("/test/") {
                None
            } else {
                match compte {
                    Some(l) => Some(l),
                    None => return (manque_compte(), None),
                }
            };
            let Some(id) = v.get("idFactureTravaux").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
                return (mauvaise_requete("champ « idFactureTravaux » : entier attendu"), None);
            };
            return match p.consulter_sync(login, PieceId(id)) {
                Ok(vue) => (ok(json!({ "factureTravaux": contrat::vue_json(&vue) })), None),
                Err(e) => (echec(style, e), None),
            };
        }
        r if let Some(rep) = super::structures::servir(r, p, compte, v, limites) => return (rep, None),
        "/cpro/facturesTravaux/v1/rechercher" => {
            let Some(login) = compte else { return (manque_compte(), None) };
            return (recherche::rechercher(style, limites, p, login, v), None);
        }
        // A partial object changes only what it names: over the structure's current parameters.
        "/cpro/structures/v1/modifierParametres" => {
            let base = v
                .get("identifiantStructure")
                .and_then(Value::as_str)
                .and_then(|s| Siret::parse(s).ok())
                .and_then(|s| p.reference().annuaire().par_siret(s).map(|(_, st)| st.parametres))
                .unwrap_or_default();
            contrat::modifier_parametres(v, &base).map(Some)
        }
        _ => contrat::commande(route, v),
    };
    // An unknown cadre is a business refusal (D-CADRES-1), not a malformed body.
    if route == "/cpro/facturesTravaux/v1/soumettre"
        && let Some(c) = v.get("cadreFacturation").and_then(Value::as_str)
        && CadreFacturation::parse(c).is_none()
    {
        let message = format!("cadre de facturation inconnu « {c} » : A1 à A25 (codes de l'API)");
        return (refus(style, CodeRefus::CadreInconnu.code(), &message), None);
    }
    let commande = match requete {
        Ok(Some(c)) => c,
        Ok(None) => {
            return (reponse(StatusCode::NOT_FOUND, json!({ "codeRetour": 404, "libelle": format!("route inconnue : {route}") })), None);
        }
        Err(m) => return (mauvaise_requete(m), None),
    };
    let acteur = if route.starts_with("/test/") {
        None
    } else {
        match compte {
            Some(l) => Some(l),
            None => return (manque_compte(), None),
        }
    };
    let entree = journal(acteur, &commande);
    let piece = match &commande {
        Commande::Recycler { piece, .. } => Some(*piece),
        Commande::ConstaterServiceFait(x) | Commande::Mandater(x) | Commande::MettreEnPaiement(x) => Some(*x),
        Commande::Rejeter { piece, .. } | Commande::Suspendre { piece, .. } => Some(*piece),
        Commande::DemanderRecyclage(x) => Some(*x),
        _ => None,
    };
    match p.executer_sync(acteur, commande) {
        Ok(rep) => (succes(p, rep, route, piece), Some(entree)),
        Err(e) => (echec(style, e), None),
    }
}

/// The journal entry of an accepted command: its canonical route and body.
fn journal(acteur: Option<&str>, c: &Commande) -> Entree {
    let (route, corps) = contrat::requete(c);
    Entree { acteur: acteur.map(str::to_string), route: route.to_string(), corps: corps.to_string() }
}

fn succes(p: &PlateformeReference, r: Reponse, route: &str, piece: Option<PieceId>) -> Response {
    let x = piece.and_then(|id| p.reference().piece(id));
    match (r, x) {
        // The answer fields public material shows (api-chorus-pro.md).
        (Reponse::Fait, Some(x)) if route == "/cpro/facturesTravaux/v1/recycler" => ok(json!({
            "idFactureTravaux": x.id.0, "numeroFactureTravaux": x.numero, "statutFactureTravaux": x.statut.code_api(),
            "dateDepotFactureTravaux": x.date_depot.iso(),
        })),
        (Reponse::Fait, Some(x)) if route == "/cpro/factures/v1/traiter/recue" => ok(json!({
            "idFacture": x.id.0, "numeroFacture": x.numero, "nouveauStatut": x.statut.code_api(), "dateTraitement": p.reference().date().iso(),
        })),
        (Reponse::PiecePrecedente(prev), Some(x)) => ok(json!({ "idFactureTravaux": x.id.0, "idPiecePrecedente": prev.0 })),
        (r, _) => succes_simple(p, r),
    }
}

fn succes_simple(p: &PlateformeReference, r: Reponse) -> Response {
    match r {
        Reponse::Fait => ok(json!({})),
        Reponse::Piece(id) => {
            let statut = p.reference().piece(id).map(|x| x.statut.code_api()).unwrap_or_default();
            ok(json!({ "idFactureTravaux": id.0, "statutFactureTravaux": statut }))
        }
        Reponse::PiecePrecedente(id) => ok(json!({ "idPiecePrecedente": id.0 })),
        Reponse::Sollicitation(n) => ok(json!({ "idSollicitation": n })),
    }
}
