//! `soumettre`: a deposit, initial or associated to a previous piece (D-ROUTAGE). The body's
//! shape is the reference's hypothèse (the travaux deposit's body is not public).

use super::super::prelude::*;
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::montant::{Montants, Ventilation};
use crate::domaine::piece::Reserves;
use crate::domaine::reference::Depot;
use crate::domaine::refus::CodeRefus;
use crate::domaine::siret::Siret;

/// `POST /cpro/facturesTravaux/v1/soumettre`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/soumettre"],
    schema_requete: "Soumettre",
    schema_reponse: "ReponsePiece",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire },
};

/// Client: the body of a deposit.
pub fn corps(d: &Depot) -> Value {
    json!({
        "cadreFacturation": d.cadre.code_api(),
        "numeroMarche": d.marche,
        "idPiecePrecedente": d.precedente.map(|p| p.0),
        "numeroFactureTravaux": d.numero,
        "identifiantStructureDeposante": d.structure_deposante.map(|s| s.to_string()),
        "identifiantDestinataire": d.destinataire,
        "codeServiceExecutant": d.code_service,
        "numeroBonCommande": d.numero_engagement,
        "identifiantMoe": d.moe,
        "identifiantMoa": d.moa,
        "montantHT": d.montants.ht.to_string(),
        "montantTVA": d.montants.tva.to_string(),
        "montantTTC": d.montants.ttc.to_string(),
        "montantAPayer": d.montants.a_payer.to_string(),
        "reserves": d.reserves.as_ref().map(|r| json!({ "motifs": r.motifs, "montantReclame": r.montant_reclame.map(|m| m.to_string()) })),
        "appelDeFonds": d.appel_de_fonds,
        "codeServiceFournisseur": d.service_deposant,
    })
}

/// Server: the deposit a body stands for. An unknown cadre is a business refusal
/// (D-CADRES-1), not a malformed body.
fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    let cadre_txt = texte(v, "cadreFacturation")?;
    let Some(cadre) = CadreFacturation::parse(&cadre_txt) else {
        let message = format!("cadre de facturation inconnu « {cadre_txt} » : A1 à A25 (codes de l'API)");
        return Err(Rejet::Refus(CodeRefus::CadreInconnu, message));
    };
    let montants = Montants {
        ht: decimal(v, "montantHT")?,
        tva: decimal(v, "montantTVA")?,
        ttc: decimal(v, "montantTTC")?,
        a_payer: decimal(v, "montantAPayer")?,
        ventilation: Ventilation::default(),
    };
    let reserves = match v.get("reserves") {
        None | Some(Value::Null) => None,
        Some(r) => {
            Some(Reserves { motifs: texte_opt(r, "motifs")?.unwrap_or_default(), montant_reclame: decimal_opt(r, "montantReclame")? })
        }
    };
    let structure_deposante = match texte_opt(v, "identifiantStructureDeposante")? {
        Some(s) => Some(Siret::parse(&s).map_err(|e| format!("champ « identifiantStructureDeposante » : {e}"))?),
        None => None,
    };
    Ok(Commande::Deposer(Box::new(Depot {
        cadre,
        marche: texte_opt(v, "numeroMarche")?,
        precedente: match v.get("idPiecePrecedente") {
            None | Some(Value::Null) => None,
            Some(_) => Some(PieceId(entier(v, "idPiecePrecedente")?)),
        },
        numero: texte_opt(v, "numeroFactureTravaux")?,
        structure_deposante,
        destinataire: texte_opt(v, "identifiantDestinataire")?,
        code_service: texte_opt(v, "codeServiceExecutant")?,
        numero_engagement: texte_opt(v, "numeroBonCommande")?,
        moe: texte_opt(v, "identifiantMoe")?,
        moa: texte_opt(v, "identifiantMoa")?,
        montants,
        reserves,
        appel_de_fonds: booleen(v, "appelDeFonds")?,
        service_deposant: texte_opt(v, "codeServiceFournisseur")?,
    })))
}

/// Client: the piece deposited.
fn lire(v: &Value) -> Result<Reponse, String> {
    id_lu(v, "idFactureTravaux").map(|id| Reponse::Piece(PieceId(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domaine::piece::Reserves;
    use rust_decimal::Decimal;

    fn p() -> PlateformeReference {
        PlateformeReference::new(crate::domaine::calendrier::Date::ymd_const(2026, 1, 1), Default::default())
    }

    #[test]
    fn a_deposit_round_trips() {
        let mut d = Depot::nouveau(CadreFacturation::A8, Some("M-1"), Montants::depuis_ht(Decimal::from(1000), Decimal::from(20)));
        d.precedente = Some(PieceId(4));
        d.reserves = Some(Reserves { motifs: "x".into(), montant_reclame: Some(Decimal::from(12)) });
        d.code_service = Some(String::new());
        let c = Commande::Deposer(Box::new(d));
        let (op, v) = crate::http::operations::requete(&c);
        assert_eq!(crate::http::operations::commande(op.route(), &v, &p()), Ok(Some(c)));
    }

    #[test]
    fn amounts_may_be_json_numbers_read_exactly() {
        // api-chorus-pro.md: clients send amounts as JSON numbers; their digits are kept.
        let v: Value = serde_json::from_str(
            r#"{ "cadreFacturation": "A4", "montantHT": 12345678901234.57, "montantTVA": "0", "montantTTC": 12345678901234.57, "montantAPayer": 0.1 }"#,
        )
        .expect("json");
        let Ok(Commande::Deposer(d)) = decoder(&v, &p()) else { panic!("deposit") };
        assert_eq!(d.montants.ht.to_string(), "12345678901234.57");
        assert_eq!(d.montants.a_payer.to_string(), "0.1");
    }

    #[test]
    fn bad_bodies_are_described_and_an_unknown_cadre_is_a_refusal() {
        let e = decoder(&json!({ "cadreFacturation": "A4", "montantHT": true }), &p()).expect_err("a boolean amount");
        assert!(e.to_string().contains("montantHT"), "{e}");
        let e = decoder(&json!({ "cadreFacturation": "A99" }), &p()).expect_err("an unknown cadre");
        assert!(matches!(e, Rejet::Refus(CodeRefus::CadreInconnu, _)), "{e:?}");
    }
}
