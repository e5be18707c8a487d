//! The operations of the contract, one file each, as mini-redis keeps one command per file. An
//! operation's file holds together its route (and the aliases of the same operation), the names
//! of its request and answer schemas in `openapi.yaml`, the client's encoding of its request, the
//! server's decoding and run of it, the server's answer and the client's reading of that answer.
//! The server (`serveur/routes.rs`) and the client (`client.rs`) reach the contract only through
//! these files, so the two cannot drift; `tests/integration/openapi.rs` checks that
//! `openapi.yaml` declares each operation's routes with its schemas, and that every request and
//! answer of the corpus over HTTP (and of the operations no scenario reaches) conforms to them.
//!
//! Families follow the real API's paths: `travaux/` (`/cpro/facturesTravaux/`), `factures/`
//! (« Factures reçues », `/cpro/factures/`), `structures/`, `transverses/`, and `controle/`, the
//! test control interface (`/test/v1/`, D-API-4: a separate declared interface).

pub mod controle;
pub mod factures;
pub mod structures;
pub mod transverses;
pub mod travaux;

/// What the operations' files share.
pub(crate) mod prelude {
    pub(crate) use super::{Contexte, Genre, Operation, Rejet, id_lu, lire_fait, manque_compte, reponse_simple};
    pub(crate) use crate::domaine::piece::PieceId;
    pub(crate) use crate::http::contrat::*;
    pub(crate) use crate::http::serveur::reponses::{echec, mauvaise_requete, ok, refus, reponse};
    pub(crate) use crate::plateforme::locale::PlateformeReference;
    pub(crate) use crate::plateforme::{Commande, Reponse};
    pub(crate) use axum::response::Response;
    pub(crate) use serde_json::{Value, json};
}

use crate::domaine::refus::CodeRefus;
use crate::http::serveur::Limites;
use crate::http::serveur::reponses::Style;
use crate::plateforme::locale::PlateformeReference;
use crate::plateforme::{Commande, Reponse};
use axum::response::Response;
use serde_json::{Value, json};
use std::sync::LazyLock;

/// One operation of the contract.
pub struct Operation {
    /// Its routes: the first is the one a client sends; the others are aliases of the same
    /// operation (the real path and the reference's first name for it, issue 10).
    pub routes: &'static [&'static str],
    /// The schema of its request body, in `openapi.yaml`'s `components/schemas`.
    pub schema_requete: &'static str,
    /// The schema of its success answer (HTTP 200), in `components/schemas`.
    pub schema_reponse: &'static str,
    /// How the server serves it.
    pub genre: Genre,
}

/// How the server serves an operation.
pub enum Genre {
    /// A command: its body decoded into a [`Commande`], run by the reference, journaled when
    /// accepted (its journal entry is the client's encoding, so that replay is exact).
    Commande {
        /// Server: the command a body stands for, read over the sandbox's state (a partial body
        /// leaves the rest as it is). Also what replays a journal.
        decoder: fn(&Value, &PlateformeReference) -> Result<Commande, Rejet>,
        /// Server: the success answer, from the request's body and the reference's answer.
        repondre: fn(&PlateformeReference, &Value, Reponse) -> Value,
        /// Client: what a success answer stands for.
        lire: fn(&Value) -> Result<Reponse, String>,
    },
    /// A read of the sandbox: never journaled.
    Lecture(fn(&mut Contexte) -> Response),
    /// A list that depends on no sandbox, answered before any sandbox is opened.
    Transverse(fn(&Value) -> Response),
    /// Forgetting the sandbox: the server does it itself (durably, through its journal).
    Reinitialiser,
}

/// What a read is served with.
pub struct Contexte<'a> {
    /// How refusals are answered.
    pub style: Style,
    /// The server's bounds (pages, lists).
    pub limites: &'a Limites,
    /// The sandbox.
    pub p: &'a mut PlateformeReference,
    /// The acting user, from `cpro-account`.
    pub compte: Option<&'a str>,
    /// The request's body (an object).
    pub corps: &'a Value,
}

/// Why a body stands for no command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejet {
    /// A malformed body: HTTP 400 `REQUETE_INVALIDE`, with what was expected.
    Corps(String),
    /// A business refusal the body alone shows (an unknown cadre, D-CADRES-1).
    Refus(CodeRefus, String),
}

impl From<String> for Rejet {
    fn from(m: String) -> Rejet {
        Rejet::Corps(m)
    }
}

impl From<&str> for Rejet {
    fn from(m: &str) -> Rejet {
        Rejet::Corps(m.to_string())
    }
}

impl std::fmt::Display for Rejet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejet::Corps(m) | Rejet::Refus(_, m) => f.write_str(m),
        }
    }
}

impl Operation {
    /// The route a client sends.
    pub fn route(&self) -> &'static str {
        self.routes[0]
    }

    /// Client: what a command's success answer stands for.
    pub fn lire(&self, v: &Value) -> Result<Reponse, String> {
        match &self.genre {
            Genre::Commande { lire, .. } => lire(v),
            _ => Ok(Reponse::Fait),
        }
    }
}

/// Every operation of the contract.
pub const OPERATIONS: &[&Operation] = &[
    &travaux::soumettre::OPERATION,
    &travaux::rechercher::OPERATION,
    &travaux::consulter::OPERATION,
    &travaux::prendre_en_compte::OPERATION,
    &travaux::telecharger::OPERATION,
    &travaux::refuser::OPERATION,
    &travaux::recycler::OPERATION,
    &travaux::demander_recyclage::OPERATION,
    &travaux::suspendre::OPERATION,
    &travaux::completer::OPERATION,
    &travaux::valider_sous_traitance::OPERATION,
    &travaux::refuser_sous_traitance::OPERATION,
    &travaux::contester_montant::OPERATION,
    &factures::traiter::OPERATION,
    &factures::traiter_recue::OPERATION,
    &factures::historique::OPERATION,
    &factures::traiter_rejet::OPERATION,
    &structures::consulter::OPERATION,
    &structures::rechercher::OPERATION,
    &structures::rechercher_services::OPERATION,
    &structures::consulter_service::OPERATION,
    &structures::rechercher_espaces::OPERATION,
    &structures::rattachements::OPERATION,
    &structures::modifier_parametres::OPERATION,
    &structures::ouvrir_espace::OPERATION,
    &structures::habiliter::OPERATION,
    &structures::sollicitation::OPERATION,
    &transverses::cadres::OPERATION,
    &transverses::types::OPERATION,
    &transverses::motifs::OPERATION,
    &transverses::codes_retour::OPERATION,
    &transverses::structures_actives::OPERATION,
    &transverses::etat_typedp::OPERATION,
    &transverses::etats_traitement::OPERATION,
    &controle::reinitialiser::OPERATION,
    &controle::annuaire::AJOUTER_STRUCTURE,
    &controle::annuaire::REMPLACER_STRUCTURE,
    &controle::annuaire::CREER_STRUCTURE,
    &controle::annuaire::CREER_UTILISATEUR,
    &controle::annuaire::RATTACHER,
    &controle::annuaire::TRAITER_SOLLICITATION,
    &controle::annuaire::COMPTE,
    &controle::marches::ENREGISTRER,
    &controle::marches::DESIGNER_MOE,
    &controle::marches::EVENEMENTS,
    &controle::marches::FONDS_MANDAT,
    &controle::calendrier::FIXER_DATE,
    &controle::calendrier::AVANCER,
    &controle::calendrier::DATE,
    &controle::lectures::NOTIFICATIONS,
    &controle::lectures::CONSULTER_PIECE,
];

/// Every route the server serves besides the health check and the token endpoint (the OpenAPI
/// document lists exactly these and those two).
pub static ROUTES: LazyLock<Vec<&'static str>> = LazyLock::new(|| OPERATIONS.iter().flat_map(|o| o.routes.iter().copied()).collect());

/// Each route's operation, for a look-up that costs the same whatever the number of operations
/// (every request asks it).
static PAR_ROUTE: LazyLock<std::collections::HashMap<&'static str, &'static Operation>> =
    LazyLock::new(|| OPERATIONS.iter().flat_map(|o| o.routes.iter().map(move |r| (*r, *o))).collect());

/// The operation a route belongs to.
pub fn trouver(route: &str) -> Option<&'static Operation> {
    PAR_ROUTE.get(route).copied()
}

/// The command a route and body stand for, over a sandbox (server side, and the journal's
/// replay). `Ok(None)` for a route that is not a command.
pub fn commande(route: &str, v: &Value, p: &PlateformeReference) -> Result<Option<Commande>, Rejet> {
    let Some(Genre::Commande { decoder, .. }) = trouver(route).map(|o| &o.genre) else { return Ok(None) };
    if !v.is_object() {
        return Err("le corps doit être un objet JSON".into());
    }
    decoder(v, p).map(Some)
}

/// The same, as the bytes the client sends: a deposit (the hot path of `load`) is written
/// without building its JSON tree.
pub fn requete_en_octets(c: &Commande) -> (&'static Operation, Vec<u8>) {
    match c {
        Commande::Deposer(d) => (&travaux::soumettre::OPERATION, travaux::soumettre::octets(d)),
        _ => {
            let (operation, corps) = requete(c);
            (operation, serde_json::to_vec(&corps).expect("a JSON tree always serializes"))
        }
    }
}

/// The operation a command is sent to, and its body (client side; also the journal's canonical
/// form). One arm per command: adding a command asks which operation carries it.
pub fn requete(c: &Commande) -> (&'static Operation, Value) {
    use controle::{annuaire, calendrier, marches};
    use structures as s;
    use travaux as t;
    match c {
        Commande::AjouterStructure(x) => (&annuaire::AJOUTER_STRUCTURE, annuaire::corps_structure(x)),
        Commande::RemplacerStructure(x) => (&annuaire::REMPLACER_STRUCTURE, annuaire::corps_structure(x)),
        Commande::CreerStructure { siret, raison_sociale, publique, presence } => {
            (&annuaire::CREER_STRUCTURE, annuaire::corps_creer_structure(siret, raison_sociale, *publique, *presence))
        }
        Commande::CreerUtilisateur { login, prenom, nom, pigp, mot_de_passe } => {
            (&annuaire::CREER_UTILISATEUR, annuaire::corps_creer_utilisateur(login, prenom, nom, *pigp, mot_de_passe.as_deref()))
        }
        Commande::Rattacher { login, siret, role, habilite_travaux } => {
            (&annuaire::RATTACHER, annuaire::corps_rattacher(login, *siret, *role, *habilite_travaux))
        }
        Commande::TraiterSollicitation(n) => (&annuaire::TRAITER_SOLLICITATION, json!({ "idSollicitation": n })),
        Commande::EnregistrerMarche(m) => (&marches::ENREGISTRER, marches::corps_enregistrer(m.as_ref())),
        Commande::DesignerMoe { marche, acteur } => (&marches::DESIGNER_MOE, marches::corps_designer_moe(marche, acteur.as_ref())),
        Commande::FixerDate(d) => (&calendrier::FIXER_DATE, json!({ "date": d.iso() })),
        Commande::Avancer(n) => (&calendrier::AVANCER, json!({ "jours": n })),
        Commande::Deposer(d) => (&t::soumettre::OPERATION, t::soumettre::corps(d)),
        Commande::PrendreEnCompte(p) => (&t::prendre_en_compte::OPERATION, piece_seule(*p)),
        Commande::Telecharger(p) => (&t::telecharger::OPERATION, piece_seule(*p)),
        Commande::Refuser { piece, motif, commentaire } => (&t::refuser::OPERATION, t::refuser::corps(*piece, motif, commentaire)),
        Commande::Recycler { piece, modifications } => (&t::recycler::OPERATION, t::recycler::corps(*piece, modifications)),
        Commande::DemanderRecyclage(p) => (&t::demander_recyclage::OPERATION, piece_seule(*p)),
        Commande::Suspendre { piece, commentaire } => (&t::suspendre::OPERATION, piece_commentee(*piece, commentaire)),
        Commande::Completer { piece, commentaire } => (&t::completer::OPERATION, piece_commentee(*piece, commentaire)),
        Commande::ValiderSousTraitance { piece, montant } => {
            (&t::valider_sous_traitance::OPERATION, t::valider_sous_traitance::corps(*piece, *montant))
        }
        Commande::RefuserSousTraitance { piece, commentaire } => {
            (&t::refuser_sous_traitance::OPERATION, piece_commentee(*piece, commentaire))
        }
        Commande::ContesterMontant { piece, motif } => (&t::contester_montant::OPERATION, t::contester_montant::corps(*piece, motif)),
        Commande::ConstaterServiceFait(p) => (&factures::traiter::OPERATION, factures::traiter::corps(*p, "SERVICE_FAIT", None)),
        Commande::Mandater(p) => (&factures::traiter::OPERATION, factures::traiter::corps(*p, "MANDATEE", None)),
        Commande::MettreEnPaiement(p) => (&factures::traiter::OPERATION, factures::traiter::corps(*p, "MISE_EN_PAIEMENT", None)),
        Commande::Rejeter { piece, motif } => (&factures::traiter::OPERATION, factures::traiter::corps(*piece, "REJETEE", Some(motif))),
        Commande::OuvrirEspaceTravaux(x) => (&s::ouvrir_espace::OPERATION, json!({ "identifiantStructure": x.to_string() })),
        Commande::HabiliterTravaux { cible, siret } => (&s::habiliter::OPERATION, s::habiliter::corps(cible, *siret)),
        Commande::ModifierParametres { siret, parametres, presence } => {
            (&s::modifier_parametres::OPERATION, s::modifier_parametres::corps(*siret, parametres, *presence))
        }
        Commande::DeposerSollicitation { siret, gestionnaires } => {
            (&s::sollicitation::OPERATION, s::sollicitation::corps(*siret, gestionnaires))
        }
    }
}

/// The body of an operation on one piece.
pub fn piece_seule(p: crate::domaine::piece::PieceId) -> Value {
    json!({ "idFactureTravaux": p.0 })
}

/// The body of an operation on one piece, with a comment.
pub(crate) fn piece_commentee(p: crate::domaine::piece::PieceId, commentaire: &str) -> Value {
    json!({ "idFactureTravaux": p.0, "commentaire": commentaire })
}

/// The answer of most commands: the envelope, and what the reference's answer names.
pub(crate) fn reponse_simple(p: &PlateformeReference, _requete: &Value, r: Reponse) -> Value {
    match r {
        Reponse::Fait => json!({}),
        Reponse::Piece(id) => {
            let statut = p.reference().piece(id).map(|x| x.statut.code_api()).unwrap_or_default();
            json!({ "idFactureTravaux": id.0, "statutFactureTravaux": statut })
        }
        Reponse::PiecePrecedente(id) => json!({ "idPiecePrecedente": id.0 }),
        Reponse::Sollicitation(n) => json!({ "idSollicitation": n }),
    }
}

/// The acting user is missing (every `/cpro/` operation acts as someone).
pub(crate) fn manque_compte() -> Response {
    crate::http::serveur::reponses::mauvaise_requete(format!(
        "en-tête « {} » manquant : l'utilisateur qui agit",
        crate::http::contrat::ENTETE_COMPTE
    ))
}

/// Client: a command whose success answer names nothing.
pub(crate) fn lire_fait(_: &Value) -> Result<Reponse, String> {
    Ok(Reponse::Fait)
}

/// An identifier an answer must carry.
pub(crate) fn id_lu(v: &Value, nom: &str) -> Result<u32, String> {
    v.get(nom).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("{nom} manquant"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domaine::calendrier::Date;
    use crate::domaine::piece::PieceId;
    use crate::domaine::reference::Modification;
    use crate::domaine::siret::Siret;
    use crate::domaine::structure::{Parametres, PresenceMoa};
    use crate::domaine::utilisateur::RoleRattachement;

    /// What the client sends, the server reads back: the same command, through the same
    /// operation's file (the data sets' YAML shapes of the other hooks are the corpus's).
    #[test]
    fn every_command_the_client_encodes_the_server_decodes_unchanged() {
        let p = PlateformeReference::new(Date::ymd_const(2026, 1, 1), Default::default());
        let siret = Siret::parse("44771278200013").expect("SIRET");
        let (piece, texte) = (PieceId(7), String::from("un commentaire"));
        let commandes = [
            Commande::CreerUtilisateur {
                login: "a".into(),
                prenom: "A".into(),
                nom: "B".into(),
                pigp: true,
                mot_de_passe: Some("m".into()),
            },
            Commande::Rattacher { login: "a".into(), siret, role: RoleRattachement::Utilisateur, habilite_travaux: true },
            Commande::FixerDate(Date::ymd_const(2026, 3, 2)),
            Commande::Avancer(11),
            Commande::PrendreEnCompte(piece),
            Commande::Telecharger(piece),
            Commande::CreerStructure {
                siret: "123".into(),
                raison_sociale: "R".into(),
                publique: true,
                presence: Some(PresenceMoa::AvecMoa),
            },
            Commande::Refuser { piece, motif: "AUTRE".into(), commentaire: texte.clone() },
            Commande::Recycler {
                piece,
                modifications: vec![
                    Modification::Destinataire("x".into()),
                    Modification::Moe("y".into()),
                    Modification::Moa("z".into()),
                    Modification::CodeService(Some("S".into())),
                    Modification::NumeroEngagement(None),
                    Modification::Autre("montantHT".into()),
                ],
            },
            Commande::DemanderRecyclage(piece),
            Commande::Suspendre { piece, commentaire: texte.clone() },
            Commande::Completer { piece, commentaire: texte.clone() },
            Commande::ValiderSousTraitance { piece, montant: Some(rust_decimal::Decimal::new(12345, 2)) },
            Commande::RefuserSousTraitance { piece, commentaire: texte.clone() },
            Commande::ConstaterServiceFait(piece),
            Commande::Mandater(piece),
            Commande::MettreEnPaiement(piece),
            Commande::Rejeter { piece, motif: texte.clone() },
            Commande::ContesterMontant { piece, motif: texte },
            Commande::OuvrirEspaceTravaux(siret),
            Commande::HabiliterTravaux { cible: "a".into(), siret },
            Commande::ModifierParametres { siret, parametres: Parametres::default(), presence: Some(PresenceMoa::ExclusivementMoa) },
            Commande::DeposerSollicitation { siret, gestionnaires: vec!["g".into()] },
            Commande::TraiterSollicitation(3),
        ];
        for c in commandes {
            let (operation, corps) = requete(&c);
            assert_eq!(trouver(operation.route()).map(Operation::route), Some(operation.route()));
            assert_eq!(commande(operation.route(), &corps, &p), Ok(Some(c)), "{}", operation.route());
        }
    }

    #[test]
    fn every_route_belongs_to_one_operation() {
        let mut vues = std::collections::BTreeSet::new();
        for r in ROUTES.iter() {
            assert!(vues.insert(*r), "{r} served by two operations");
            assert!(r.starts_with("/cpro/") || r.starts_with("/test/v1/"), "{r}");
        }
    }
}
