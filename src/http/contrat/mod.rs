//! The HTTP contract: routes, JSON bodies and their mapping to [`Commande`]s and back, shared by
//! the server (`serve`) and the client (`run --target URL`, `certify`).
//!
//! Chorus Pro's names where they are known (`soumettre`, `consulter`, `refuser`, …;
//! `idFactureTravaux`, `cadreFacturation`, `identifiantDestinataire`, `codeServiceExecutant`,
//! `numeroBonCommande`, `statutFactureTravaux`, `codeRetour`, `libelle`). Amounts are decimal
//! strings, dates `AAAA-MM-JJ`. The acting user travels in the `cpro-account` header. Test hooks
//! live under `/test/v1/` and take the data set's YAML shapes in JSON.

mod commandes;
mod vues;

pub use commandes::{commande, modifier_parametres, requete};
pub use vues::*;

use crate::domaine::calendrier::Date;
use crate::domaine::piece::PieceId;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{Parametres, PresenceMoa};
use crate::domaine::utilisateur::RoleRattachement;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The header that names the acting user (as in Chorus Pro's API).
pub const ENTETE_COMPTE: &str = "cpro-account";
/// Test-only header that isolates a scenario's state (each scenario its own sandbox).
pub const ENTETE_BAC_A_SABLE: &str = "cpro-bac-a-sable";
/// The test control's own token (D-API-4): every `/test/` call carries it.
pub const ENTETE_CONTROLE: &str = "cpro-controle";
/// The control token `serve` accepts when none is configured: for local use only (README).
pub const JETON_CONTROLE_LOCAL: &str = "controle-local";

/// Every route the server serves (the OpenAPI document must list exactly these).
pub const ROUTES: &[&str] = &[
    "/cpro/facturesTravaux/v1/soumettre",
    "/cpro/facturesTravaux/v1/rechercher",
    "/cpro/facturesTravaux/v1/consulter",
    "/cpro/facturesTravaux/v1/prendreEnCompte",
    "/cpro/facturesTravaux/v1/telecharger",
    "/cpro/facturesTravaux/v1/refuser",
    "/cpro/facturesTravaux/v1/recycler",
    "/cpro/facturesTravaux/v1/demanderRecyclage",
    "/cpro/facturesTravaux/v1/demander/recyclage",
    "/cpro/facturesTravaux/v1/suspendre/demander/completer/factureTravaux",
    "/cpro/facturesTravaux/v1/suspendre",
    "/cpro/facturesTravaux/v1/completer",
    "/cpro/facturesTravaux/v1/validerSousTraitance",
    "/cpro/facturesTravaux/v1/refuserSousTraitance",
    "/cpro/facturesTravaux/v1/contesterMontant",
    "/cpro/factures/v1/traiter",
    "/cpro/factures/v1/traiter/recue",
    "/cpro/factures/v1/consulter/historique",
    "/cpro/factures/v1/traiterRejet",
    "/cpro/structures/v1/consulter",
    "/cpro/structures/v1/rechercher",
    "/cpro/structures/v1/rechercher/services",
    "/cpro/structures/v1/consulter/service",
    "/cpro/structures/v1/rechercher/espaces",
    "/cpro/structures/v1/lister/rattachementsutilisateur",
    "/cpro/structures/v1/modifierParametres",
    "/cpro/structures/v1/ouvrirEspaceTravaux",
    "/cpro/structures/v1/habiliterUtilisateur",
    "/cpro/structures/v1/deposerSollicitation",
    "/cpro/transverses/v1/recuperer/cadrefacturation",
    "/cpro/transverses/v1/recuperer/typefacturetravaux",
    "/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux",
    "/cpro/transverses/v1/recuperer/codesRetour",
    "/cpro/transverses/v1/recuperer/structures/actives/facturetravaux",
    "/cpro/transverses/v1/recuperer/etat/typedp",
    "/cpro/transverses/v1/recuperer/etats/traitement",
    "/test/v1/reinitialiser",
    "/test/v1/ajouterStructure",
    "/test/v1/remplacerStructure",
    "/test/v1/creerUtilisateur",
    "/test/v1/rattacher",
    "/test/v1/enregistrerMarche",
    "/test/v1/fixerDate",
    "/test/v1/avancer",
    "/test/v1/traiterSollicitation",
    "/test/v1/designerMoe",
    "/test/v1/notifications",
    "/test/v1/consulterPiece",
    "/test/v1/creerStructure",
    "/test/v1/date",
    "/test/v1/evenementsMarche",
    "/test/v1/fondsMandat",
    "/test/v1/compte",
];

fn dec(v: Decimal) -> Value {
    Value::String(v.to_string())
}

fn champ<'a>(v: &'a Value, nom: &str) -> Result<&'a Value, String> {
    v.get(nom).ok_or_else(|| format!("champ « {nom} » manquant"))
}

fn texte(v: &Value, nom: &str) -> Result<String, String> {
    champ(v, nom)?.as_str().map(str::to_string).ok_or_else(|| format!("champ « {nom} » : texte attendu"))
}

fn texte_opt(v: &Value, nom: &str) -> Result<Option<String>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("champ « {nom} » : texte attendu")),
    }
}

/// An amount, as a JSON string or a JSON number, read exactly from its text (never through a
/// float: the server keeps each number's digits).
fn decimal(v: &Value, nom: &str) -> Result<Decimal, String> {
    decimal_opt(v, nom)?.ok_or_else(|| format!("champ « {nom} » manquant"))
}

/// An optional amount, read as [`decimal`] reads one (also the travaux search's amount filters).
pub(crate) fn decimal_opt(v: &Value, nom: &str) -> Result<Option<Decimal>, String> {
    let texte = match v.get(nom) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(format!("champ « {nom} » : montant attendu (nombre ou texte décimal)")),
    };
    Decimal::from_str_exact(texte.trim()).map(Some).map_err(|_| format!("champ « {nom} » : montant décimal attendu, reçu « {texte} »"))
}

fn entier(v: &Value, nom: &str) -> Result<u32, String> {
    champ(v, nom)?.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("champ « {nom} » : entier positif attendu"))
}

fn booleen(v: &Value, nom: &str) -> Result<bool, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("champ « {nom} » : booléen attendu")),
    }
}

fn siret(v: &Value, nom: &str) -> Result<Siret, String> {
    let s = texte(v, nom)?;
    Siret::parse(&s).map_err(|e| format!("champ « {nom} » : SIRET « {s} » invalide ({e})"))
}

fn date(v: &Value, nom: &str) -> Result<Date, String> {
    let s = texte(v, nom)?;
    Date::parse_iso(&s).ok_or_else(|| format!("champ « {nom} » : date AAAA-MM-JJ attendue, reçu « {s} »"))
}

fn piece(v: &Value) -> Result<PieceId, String> {
    entier(v, "idFactureTravaux").map(PieceId)
}

fn dto<T: serde::de::DeserializeOwned>(v: &Value, nom: &str) -> Result<T, String> {
    serde_json::from_value(champ(v, nom)?.clone()).map_err(|e| format!("champ « {nom} » : {e}"))
}

fn role_rattachement(r: RoleRattachement) -> &'static str {
    r.code()
}

fn presence(p: PresenceMoa) -> &'static str {
    match p {
        PresenceMoa::SansMoa => "SANS_MOA",
        PresenceMoa::AvecMoa => "AVEC_MOA",
        PresenceMoa::ExclusivementMoa => "EXCLUSIVEMENT_MOA",
    }
}

fn parametres_json(p: &Parametres) -> Value {
    json!({
        "codeServiceDoitEtreRenseigne": p.code_service_doit_etre_renseigne,
        "numeroEJDoitEtreRenseigne": p.numero_ej_doit_etre_renseigne,
        "gestionNumeroEJOuCodeService": p.gestion_numero_ej_ou_code_service,
        "recevoirDonneesViaEDI": p.recevoir_donnees_via_edi,
        "statutMiseEnPaiementNestPasRemonte": p.statut_mise_en_paiement_nest_pas_remonte,
    })
}

/// The parameters a body states, over `base`: a field left out keeps its value (a partial object
/// changes only what it names); a field of another type, or an unknown field, is refused with its
/// name, so that nothing is ever reset silently.
fn parametres_depuis(v: &Value, base: &Parametres) -> Result<Parametres, String> {
    let o = v.as_object().ok_or("champ « parametres » : objet attendu, par exemple { \"codeServiceDoitEtreRenseigne\": true }")?;
    let mut p = *base;
    for (k, x) in o {
        let champ = match k.as_str() {
            "codeServiceDoitEtreRenseigne" => &mut p.code_service_doit_etre_renseigne,
            "numeroEJDoitEtreRenseigne" => &mut p.numero_ej_doit_etre_renseigne,
            "gestionNumeroEJOuCodeService" => &mut p.gestion_numero_ej_ou_code_service,
            "recevoirDonneesViaEDI" => &mut p.recevoir_donnees_via_edi,
            "statutMiseEnPaiementNestPasRemonte" => &mut p.statut_mise_en_paiement_nest_pas_remonte,
            autre => return Err(format!("champ « parametres.{autre} » inconnu")),
        };
        *champ = x.as_bool().ok_or_else(|| format!("champ « parametres.{k} » : booléen attendu (true ou false), reçu {x}"))?;
    }
    Ok(p)
}
