//! `consulter`: a piece as its user sees it (D-UTILISATEURS-3). The control interface's
//! `consulterPiece` (the piece as the platform holds it) answers the same view.

use super::super::prelude::*;
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::montant::{Ecart, Montants, Ventilation};
use crate::domaine::paiement::Retard;
use crate::domaine::piece::Espace;
use crate::domaine::statut::Statut;
use crate::plateforme::{Echeances, LigneHistorique, VuePiece};

/// `POST /cpro/facturesTravaux/v1/consulter`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/consulter"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "ConsulterReponse",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    match c.compte {
        Some(l) => vue(c, Some(l)),
        None => manque_compte(),
    }
}

/// Server: the view of the piece the body names, as `login` sees it (`None`: as the platform
/// holds it).
pub(crate) fn vue(c: &Contexte, login: Option<&str>) -> Response {
    let Some(id) = c.corps.get("idFactureTravaux").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
        return mauvaise_requete("champ « idFactureTravaux » : entier attendu");
    };
    match c.p.consulter_sync(login, PieceId(id)) {
        Ok(vue) => ok(json!({ "factureTravaux": vue_json(&vue) })),
        Err(e) => echec(c.style, e),
    }
}

/// Client: the piece an answer shows.
pub fn lire(v: &Value) -> Result<VuePiece, String> {
    vue_depuis(v.get("factureTravaux").ok_or("factureTravaux manquant")?)
}

fn espace(e: Espace) -> &'static str {
    match e {
        Espace::FacturesTravaux => "FACTURES_TRAVAUX",
        Espace::FacturesRecues => "FACTURES_RECUES",
    }
}

/// Server: a piece as JSON.
fn vue_json(p: &VuePiece) -> Value {
    json!({
        "idFactureTravaux": p.id.0,
        "numeroFactureTravaux": p.numero,
        "cadreFacturation": p.cadre.code_api(),
        "typeFactureTravaux": p.cadre.type_facture_travaux(),
        "typeDemandePaiement": p.cadre.type_demande_paiement(),
        "statutFactureTravaux": p.statut.code_api(),
        "libelleStatut": p.libelle,
        "espace": espace(p.espace),
        "identifiantRecipiendaire": p.recipiendaire.to_string(),
        "identifiantDestinataire": p.destinataire.to_string(),
        "codeServiceExecutant": p.code_service,
        "historique": p.historique.iter().map(|h| json!({
            "histoStatutCode": h.statut.code_api(),
            "histoStatutDatePassage": h.date.iso(),
            "histoStatutUtilisateur": h.utilisateur,
            "histoStatutCommentaire": h.commentaire,
        })).collect::<Vec<_>>(),
        "montantHT": dec(p.montants.ht),
        "montantTVA": dec(p.montants.tva),
        "montantTTC": dec(p.montants.ttc),
        "montantAPayer": dec(p.montants.a_payer),
        "ecart": p.ecart.map(|e| json!({ "montantHT": dec(e.ht), "montantTTC": dec(e.ttc), "montantAPayer": dec(e.a_payer) })),
        "montantAccepte": p.montant_accepte.map(dec),
        "etatDossier": p.etat_dossier,
        "dateEcheancePaiement": p.echeance_paiement.map(|d| d.iso()),
        "interetsMoratoires": p.retard.as_ref().map(|r| json!({
            "echeance": r.echeance.iso(),
            "jours": r.jours,
            "base": dec(r.base),
            "semestre": r.semestre.iso(),
            "tauxBce": r.taux_bce.map(dec),
            "tauxApplique": r.taux_applique.map(dec),
            "interets": r.interets.map(dec),
            "indemnite": dec(r.indemnite),
            "aVerserAvant": r.a_verser_avant.iso(),
        })),
        "idPiecePrecedente": p.precedente.map(|x| x.0),
        "idPieceSuivante": p.suivante.map(|x| x.0),
        "factureTelechargeeParDestinataire": p.telechargee,
        "montantPayable": dec(p.montant_payable),
        "codeServiceFournisseur": p.service_deposant,
        "echeances": {
            "delaiMoe": p.echeances.moe.map(|d| d.iso()),
            "notificationDecompteGeneral": p.echeances.decompte_general.map(|d| d.iso()),
            "signatureDecompteGeneral": p.echeances.signature.map(|d| d.iso()),
            "procedureTacite": p.echeances.tacite.map(|d| d.iso()),
        },
        "joursRestantsSuspendu": p.jours_restants_suspendu,
        "evenementsDossier": p.evenements_dossier.iter().map(evenement_json).collect::<Vec<_>>(),
    })
}

fn date_opt(v: &Value, nom: &str) -> Result<Option<Date>, String> {
    texte_opt(v, nom)?
        .map(|s| Date::parse_iso(&s).ok_or_else(|| format!("champ « {nom} » : date AAAA-MM-JJ attendue, reçu « {s} »")))
        .transpose()
}

/// The keys a piece's answer always carries, `null` when empty: a dropped key is not read as
/// « none » (issue 11: links, the travaux type and the service were dropped unseen).
const CLES_REQUISES: [&str; 4] = ["idPiecePrecedente", "idPieceSuivante", "typeFactureTravaux", "codeServiceExecutant"];

/// Client: a piece from JSON (the harness reads every key, and refuses an answer that drops one,
/// issue 11).
pub fn vue_depuis(v: &Value) -> Result<VuePiece, String> {
    if let Some(k) = CLES_REQUISES.iter().find(|k| v.get(**k).is_none()) {
        return Err(format!("champ « {k} » absent (null quand il est vide)"));
    }
    let statut_txt = texte(v, "statutFactureTravaux")?;
    let cadre_txt = texte(v, "cadreFacturation")?;
    let espace = match texte(v, "espace")?.as_str() {
        "FACTURES_TRAVAUX" => Espace::FacturesTravaux,
        "FACTURES_RECUES" => Espace::FacturesRecues,
        autre => return Err(format!("champ « espace » inconnu : {autre}")),
    };
    let historique = champ(v, "historique")?
        .as_array()
        .ok_or("champ « historique » : liste attendue")?
        .iter()
        .map(|h| {
            let s = texte(h, "histoStatutCode")?;
            Ok(LigneHistorique {
                statut: Statut::parse(&s).ok_or_else(|| format!("statut inconnu : {s}"))?,
                date: date(h, "histoStatutDatePassage")?,
                utilisateur: texte_opt(h, "histoStatutUtilisateur")?.unwrap_or_default(),
                commentaire: texte_opt(h, "histoStatutCommentaire")?.unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let ecart = match v.get("ecart") {
        None | Some(Value::Null) => None,
        Some(e) => Some(Ecart { ht: decimal(e, "montantHT")?, ttc: decimal(e, "montantTTC")?, a_payer: decimal(e, "montantAPayer")? }),
    };
    let retard = match v.get("interetsMoratoires") {
        None | Some(Value::Null) => None,
        Some(r) => Some(Retard {
            echeance: date(r, "echeance")?,
            jours: champ(r, "jours")?.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or("champ « jours » : entier attendu")?,
            base: decimal(r, "base")?,
            semestre: date(r, "semestre")?,
            taux_bce: decimal_opt(r, "tauxBce")?,
            taux_applique: decimal_opt(r, "tauxApplique")?,
            interets: decimal_opt(r, "interets")?,
            indemnite: decimal(r, "indemnite")?,
            a_verser_avant: date(r, "aVerserAvant")?,
        }),
    };
    Ok(VuePiece {
        id: piece(v)?,
        numero: texte(v, "numeroFactureTravaux")?,
        cadre: CadreFacturation::parse(&cadre_txt).ok_or_else(|| format!("cadre inconnu : {cadre_txt}"))?,
        statut: Statut::parse(&statut_txt).ok_or_else(|| format!("statut inconnu : {statut_txt}"))?,
        libelle: texte_opt(v, "libelleStatut")?.unwrap_or_default(),
        espace,
        recipiendaire: siret(v, "identifiantRecipiendaire")?,
        destinataire: siret(v, "identifiantDestinataire")?,
        code_service: texte_opt(v, "codeServiceExecutant")?,
        historique,
        montants: Montants {
            ht: decimal(v, "montantHT")?,
            tva: decimal(v, "montantTVA")?,
            ttc: decimal(v, "montantTTC")?,
            a_payer: decimal(v, "montantAPayer")?,
            ventilation: Ventilation::default(),
        },
        ecart,
        montant_accepte: decimal_opt(v, "montantAccepte")?,
        etat_dossier: texte(v, "etatDossier")?,
        echeance_paiement: date_opt(v, "dateEcheancePaiement")?,
        retard,
        precedente: id_opt(v, "idPiecePrecedente")?,
        suivante: id_opt(v, "idPieceSuivante")?,
        telechargee: booleen(v, "factureTelechargeeParDestinataire")?,
        montant_payable: decimal(v, "montantPayable")?,
        service_deposant: texte_opt(v, "codeServiceFournisseur")?,
        echeances: match v.get("echeances") {
            None | Some(Value::Null) => Echeances::default(),
            Some(e) => Echeances {
                moe: date_opt(e, "delaiMoe")?,
                decompte_general: date_opt(e, "notificationDecompteGeneral")?,
                signature: date_opt(e, "signatureDecompteGeneral")?,
                tacite: date_opt(e, "procedureTacite")?,
            },
        },
        jours_restants_suspendu: match v.get("joursRestantsSuspendu") {
            None | Some(Value::Null) => None,
            Some(_) => Some(entier(v, "joursRestantsSuspendu")?),
        },
        evenements_dossier: evenements_depuis(v, "evenementsDossier")?,
    })
}
