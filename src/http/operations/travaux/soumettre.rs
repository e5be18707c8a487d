//! `soumettre`: a deposit, initial or associated to a previous piece (D-ROUTAGE). The body's
//! shape is the reference's hypothèse (the travaux deposit's body is not public).

use super::super::prelude::*;
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::montant::{Montants, Ventilation};
use crate::domaine::piece::Reserves;
use crate::domaine::reference::Depot;
use crate::domaine::refus::CodeRefus;
use crate::domaine::siret::Siret;
use rust_decimal::Decimal;

/// `POST /cpro/facturesTravaux/v1/soumettre`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/soumettre"],
    schema_requete: "Soumettre",
    schema_reponse: "ReponsePiece",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire },
};

/// The body of a deposit as a JSON tree: the journal's canonical form, `load setup`, the tests.
pub fn corps(d: &Depot) -> Value {
    serde_json::to_value(CorpsDepot::de(d)).expect("a deposit's body is text, numbers and booleans: it always serializes")
}

/// Client: the same body, written straight to its bytes (the hot path of `load`: no JSON tree
/// built, nothing copied but the text itself).
pub fn octets(d: &Depot) -> Vec<u8> {
    // Room for a whole deposit's body at once (about 450 bytes), so that it is never moved.
    let mut o = Vec::with_capacity(512);
    serde_json::to_writer(&mut o, &CorpsDepot::de(d)).expect("a deposit's body is text, numbers and booleans: it always serializes");
    o
}

/// A deposit's body, borrowed from the deposit: its one definition, whether it becomes a JSON
/// tree (the journal, the witness) or bytes. Amounts travel as decimal strings, exactly.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct CorpsDepot<'a> {
    cadre_facturation: &'static str,
    numero_marche: Option<&'a str>,
    id_piece_precedente: Option<u32>,
    numero_facture_travaux: Option<&'a str>,
    identifiant_structure_deposante: Option<EnTexte<'a, Siret>>,
    identifiant_destinataire: Option<&'a str>,
    code_service_executant: Option<&'a str>,
    numero_bon_commande: Option<&'a str>,
    identifiant_moe: Option<&'a str>,
    identifiant_moa: Option<&'a str>,
    #[serde(rename = "montantHT")]
    montant_ht: EnTexte<'a, Decimal>,
    #[serde(rename = "montantTVA")]
    montant_tva: EnTexte<'a, Decimal>,
    #[serde(rename = "montantTTC")]
    montant_ttc: EnTexte<'a, Decimal>,
    #[serde(rename = "montantAPayer")]
    montant_a_payer: EnTexte<'a, Decimal>,
    reserves: Option<CorpsReserves<'a>>,
    appel_de_fonds: bool,
    code_service_fournisseur: Option<&'a str>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct CorpsReserves<'a> {
    motifs: &'a str,
    montant_reclame: Option<EnTexte<'a, Decimal>>,
}

/// A value written as its text (`Display`), without an intermediate `String`.
struct EnTexte<'a, T>(&'a T);

impl<T: std::fmt::Display> serde::Serialize for EnTexte<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

impl<'a> CorpsDepot<'a> {
    fn de(d: &'a Depot) -> CorpsDepot<'a> {
        CorpsDepot {
            cadre_facturation: d.cadre.code_api(),
            numero_marche: d.marche.as_deref(),
            id_piece_precedente: d.precedente.map(|p| p.0),
            numero_facture_travaux: d.numero.as_deref(),
            identifiant_structure_deposante: d.structure_deposante.as_ref().map(EnTexte),
            identifiant_destinataire: d.destinataire.as_deref(),
            code_service_executant: d.code_service.as_deref(),
            numero_bon_commande: d.numero_engagement.as_deref(),
            identifiant_moe: d.moe.as_deref(),
            identifiant_moa: d.moa.as_deref(),
            montant_ht: EnTexte(&d.montants.ht),
            montant_tva: EnTexte(&d.montants.tva),
            montant_ttc: EnTexte(&d.montants.ttc),
            montant_a_payer: EnTexte(&d.montants.a_payer),
            reserves: d
                .reserves
                .as_ref()
                .map(|r| CorpsReserves { motifs: &r.motifs, montant_reclame: r.montant_reclame.as_ref().map(EnTexte) }),
            appel_de_fonds: d.appel_de_fonds,
            code_service_fournisseur: d.service_deposant.as_deref(),
        }
    }
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
        precedente: id_opt(v, "idPiecePrecedente")?,
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
    fn the_body_as_bytes_is_the_body_as_a_tree() {
        let mut d = Depot::nouveau(CadreFacturation::A4, Some("M-1"), Montants::depuis_ht(Decimal::new(100050, 2), Decimal::from(20)));
        d.structure_deposante = Some(Siret::parse("52393849900010").expect("siret"));
        d.reserves = Some(Reserves { motifs: "« réserve »".into(), montant_reclame: None });
        let v = corps(&d);
        assert_eq!(serde_json::from_slice::<Value>(&octets(&d)).expect("json"), v);
        // The body as it was written before the struct, key by key: the two cannot drift apart.
        let avant = json!({
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
        });
        assert_eq!(v, avant);
        assert_eq!(v["montantHT"], "1000.50");
        assert_eq!(v["identifiantStructureDeposante"], "52393849900010");
        assert_eq!(v["idPiecePrecedente"], Value::Null);
        assert_eq!(v["reserves"]["montantReclame"], Value::Null);
        assert_eq!(v.as_object().map(|o| o.len()), Some(17));
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
