//! Answers: pieces, notifications and structures as JSON, both ways.

use super::*;
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::montant::{Ecart, Montants, Ventilation};
use crate::domaine::paiement::Retard;
use crate::domaine::piece::{Espace, PieceId};
use crate::domaine::reference::NatureNotification;
use crate::domaine::statut::Statut;
use crate::domaine::structure::Structure;
use crate::donnees::StructureYaml;
use crate::plateforme::{Echeances, VueEvenement};
use crate::plateforme::{LigneHistorique, VueCompte, VueNotification, VuePiece, VueRattachement};
use serde_json::{Value, json};

fn nature(n: NatureNotification) -> &'static str {
    match n {
        NatureNotification::ActionAttendue => "ACTION_ATTENDUE",
        NatureNotification::PieceAjoutee => "PIECE_AJOUTEE",
        NatureNotification::MiseEnPaiement => "MISE_EN_PAIEMENT",
    }
}

/// A notification as JSON.
pub fn notification_json(n: &VueNotification) -> Value {
    json!({ "identifiantStructure": n.destinataire.to_string(), "nature": nature(n.nature), "idFactureTravaux": n.piece.0, "date": n.date.iso() })
}

/// A notification from JSON.
pub fn notification_depuis(v: &Value) -> Result<VueNotification, String> {
    let n = texte(v, "nature")?;
    Ok(VueNotification {
        destinataire: siret(v, "identifiantStructure")?,
        nature: match n.as_str() {
            "ACTION_ATTENDUE" => NatureNotification::ActionAttendue,
            "PIECE_AJOUTEE" => NatureNotification::PieceAjoutee,
            "MISE_EN_PAIEMENT" => NatureNotification::MiseEnPaiement,
            autre => return Err(format!("nature de notification inconnue : {autre}")),
        },
        piece: piece(v)?,
        date: date(v, "date")?,
    })
}

/// A user's « Mon compte » screen as JSON (`/test/v1/compte`).
pub fn compte_json(c: &VueCompte) -> Value {
    let r: Vec<Value> = c
        .rattachements
        .iter()
        .map(|r| {
            json!({ "identifiantStructure": r.siret.to_string(), "designationStructure": r.raison_sociale,
                    "roleRattachement": role_rattachement(r.role), "habiliteFacturesTravaux": r.habilite_travaux })
        })
        .collect();
    json!({ "login": c.login, "email": c.email, "nom": c.nom, "prenom": c.prenom, "listeRattachements": r })
}

/// A user's « Mon compte » screen from JSON.
pub fn compte_depuis(v: &Value) -> Result<VueCompte, String> {
    let l = v.get("listeRattachements").and_then(Value::as_array).ok_or("listeRattachements manquante")?;
    let rattachements = l
        .iter()
        .map(|r| {
            let role = texte(r, "roleRattachement")?;
            Ok(VueRattachement {
                siret: siret(r, "identifiantStructure")?,
                raison_sociale: texte(r, "designationStructure")?,
                role: RoleRattachement::parse(&role).ok_or_else(|| format!("roleRattachement inconnu : {role}"))?,
                habilite_travaux: r.get("habiliteFacturesTravaux").and_then(Value::as_bool).ok_or("habiliteFacturesTravaux manquant")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(VueCompte {
        login: texte(v, "login")?,
        email: texte(v, "email")?,
        nom: texte(v, "nom")?,
        prenom: texte(v, "prenom")?,
        rattachements,
    })
}

/// A structure as JSON (`structures/v1/consulter`).
pub fn structure_json(s: &Structure) -> Value {
    json!({ "structure": StructureYaml::from(s) })
}

/// A structure from JSON.
pub fn structure_depuis(v: &Value) -> Result<Structure, String> {
    Ok(dto::<StructureYaml>(v, "structure")?.into())
}

fn espace(e: Espace) -> &'static str {
    match e {
        Espace::FacturesTravaux => "FACTURES_TRAVAUX",
        Espace::FacturesRecues => "FACTURES_RECUES",
    }
}

/// A piece as JSON (`consulter`).
pub fn vue_json(p: &VuePiece) -> Value {
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

fn id_opt(v: &Value, nom: &str) -> Result<Option<PieceId>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => Ok(Some(PieceId(entier(v, nom)?))),
    }
}

/// The keys a piece's answer always carries, `null` when empty: a dropped key is not read as
/// « none » (issue 11: links, the travaux type and the service were dropped unseen).
const CLES_REQUISES: [&str; 4] = ["idPiecePrecedente", "idPieceSuivante", "typeFactureTravaux", "codeServiceExecutant"];

/// A piece from JSON.
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

/// A dated event as JSON.
pub fn evenement_json(e: &VueEvenement) -> Value {
    json!({ "date": e.date.iso(), "libelle": e.libelle })
}

/// A list of dated events (absent: none).
pub fn evenements_depuis(v: &Value, nom: &str) -> Result<Vec<VueEvenement>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(l)) => l.iter().map(|e| Ok(VueEvenement { date: date(e, "date")?, libelle: texte(e, "libelle")? })).collect(),
        Some(_) => Err(format!("champ « {nom} » : liste attendue")),
    }
}
