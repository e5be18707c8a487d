//! `recuperer/motifs/refus/facturetravaux`: the refusal motifs of a cadre on a date
//! (D-REFUS-2/3: « erreur de montant » is listed from 19/02/2025, its use refused), on the
//! sandbox's date unless the request names one.

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, ok};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::motif::motifs_disponibles;

/// `POST /cpro/transverses/v1/recuperer/motifs/refus/facturetravaux`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux"],
    schema_requete: "RecupererMotifsRefus",
    schema_reponse: "ListeMotifsRefus",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let v = c.corps;
    let date = v.get("date").and_then(Value::as_str).and_then(Date::parse_iso).unwrap_or(c.p.reference().date());
    let cadre = v.get("codeCadreFacturationTravaux").and_then(Value::as_str).and_then(CadreFacturation::parse);
    let l: Vec<Value> = motifs_disponibles(date, cadre)
        .iter()
        .map(|m| json!({ "codeMotif": m.code(), "idMotif": m.id(), "libelleMotif": m.libelle() }))
        .collect();
    ok(json!({ "listeMotifRefusFactureTravaux": l }))
}

/// Client: the body asking for the motifs of a projet de décompte mensuel.
pub fn corps() -> Value {
    json!({ "codeCadreFacturationTravaux": "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR" })
}

/// Client: the motif codes an answer lists.
pub fn lire(v: &Value) -> Result<Vec<String>, String> {
    let l = v.get("listeMotifRefusFactureTravaux").and_then(Value::as_array).ok_or("listeMotifRefusFactureTravaux manquante")?;
    Ok(l.iter().filter_map(|c| c.get("codeMotif").and_then(Value::as_str).map(str::to_string)).collect())
}
