//! `recuperer/cadrefacturation`: the 25 cadres (D-CADRES), filtered by `typeDemandePaiement`
//! when asked (issue 10), each with its depositor and whether it is out of scope or legacy.

use super::super::prelude::{Genre, Operation, Response, Value, json, ok};
use crate::domaine::cadre::CadreFacturation;
use crate::plateforme::VueCadre;

/// `POST /cpro/transverses/v1/recuperer/cadrefacturation`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/cadrefacturation"],
    schema_requete: "RecupererCadres",
    schema_reponse: "ListeCadresFacturation",
    genre: Genre::Transverse(servir),
};

fn servir(v: &Value) -> Response {
    let filtre = v.get("typeDemandePaiement").and_then(Value::as_str);
    let l: Vec<Value> = CadreFacturation::TOUS
        .iter()
        .filter(|c| filtre.is_none_or(|f| f == c.type_demande_paiement()))
        .map(|c| {
            json!({ "codeCadreFacturation": c.code_api(), "deposant": c.deposant().map(|r| r.code()), "typeFactureTravaux": c.type_facture_travaux(),
                    "typeDemandePaiement": c.type_demande_paiement(), "horsPerimetre": c.hors_perimetre(), "legacy": c.est_legacy() })
        })
        .collect();
    ok(json!({ "listeCadreFacturation": l }))
}

/// Client: the cadres an answer lists.
pub fn lire(v: &Value) -> Result<Vec<VueCadre>, String> {
    let l = v.get("listeCadreFacturation").and_then(Value::as_array).ok_or("listeCadreFacturation manquante")?;
    l.iter()
        .map(|c| {
            let code = c.get("codeCadreFacturation").and_then(Value::as_str).ok_or("codeCadreFacturation manquant")?;
            Ok(VueCadre {
                code: code.to_string(),
                deposant: c.get("deposant").and_then(Value::as_str).map(str::to_string),
                legacy: c.get("legacy").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect()
}
