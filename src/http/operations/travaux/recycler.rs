//! `recycler`: the supplier recycles a refused piece; only routing data may change
//! (D-REFUS-4). The answer carries the fields public material shows (api-chorus-pro.md).

use super::super::prelude::*;
use crate::domaine::reference::Modification;

/// `POST /cpro/facturesTravaux/v1/recycler`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/recycler"],
    schema_requete: "Recycler",
    schema_reponse: "ReponseRecycler",
    genre: Genre::Commande { decoder, repondre, lire: lire_fait },
};

/// The fields recycling may change; any other is a change it does not allow (D-REFUS-4).
const CHAMPS: [&str; 7] = [
    "idFactureTravaux",
    "identifiantDestinataire",
    "identifiantMoe",
    "identifiantMoa",
    "codeServiceExecutant",
    "numeroBonCommande",
    "autresChamps",
];

/// Client: the body of a recycling.
pub fn corps(piece: PieceId, modifications: &[Modification]) -> Value {
    let mut v = json!({ "idFactureTravaux": piece.0 });
    let mut autres = Vec::new();
    for m in modifications {
        match m {
            Modification::Destinataire(s) => v["identifiantDestinataire"] = json!(s),
            Modification::CodeService(s) => v["codeServiceExecutant"] = json!(s.clone().unwrap_or_default()),
            Modification::NumeroEngagement(s) => v["numeroBonCommande"] = json!(s.clone().unwrap_or_default()),
            Modification::Moe(s) => v["identifiantMoe"] = json!(s),
            Modification::Moa(s) => v["identifiantMoa"] = json!(s),
            Modification::Autre(c) => autres.push(c.clone()),
        }
    }
    if !autres.is_empty() {
        v["autresChamps"] = json!(autres);
    }
    v
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    let mut modifications = Vec::new();
    for (nom, fabrique) in [
        ("identifiantDestinataire", Modification::Destinataire as fn(String) -> Modification),
        ("identifiantMoe", Modification::Moe),
        ("identifiantMoa", Modification::Moa),
    ] {
        if let Some(s) = texte_opt(v, nom)? {
            modifications.push(fabrique(s));
        }
    }
    if let Some(s) = texte_opt(v, "codeServiceExecutant")? {
        modifications.push(Modification::CodeService(Some(s).filter(|x| !x.is_empty())));
    }
    if let Some(s) = texte_opt(v, "numeroBonCommande")? {
        modifications.push(Modification::NumeroEngagement(Some(s).filter(|x| !x.is_empty())));
    }
    if let Some(autres) = v.get("autresChamps").and_then(Value::as_array) {
        modifications.extend(autres.iter().filter_map(Value::as_str).map(|s| Modification::Autre(s.to_string())));
    }
    if let Some(o) = v.as_object() {
        modifications.extend(o.keys().filter(|k| !CHAMPS.contains(&k.as_str())).map(|k| Modification::Autre(k.clone())));
    }
    Ok(Commande::Recycler { piece: piece(v)?, modifications })
}

/// Server: the recycled piece's number, status and deposit date.
fn repondre(p: &PlateformeReference, requete: &Value, r: Reponse) -> Value {
    match (&r, piece(requete).ok().and_then(|id| p.reference().piece(id))) {
        (Reponse::Fait, Some(x)) => json!({
            "idFactureTravaux": x.id.0, "numeroFactureTravaux": x.numero, "statutFactureTravaux": x.statut.code_api(),
            "dateDepotFactureTravaux": x.date_depot.iso(),
        }),
        _ => reponse_simple(p, requete, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycling_extra_fields_become_forbidden_changes() {
        let p = PlateformeReference::new(crate::domaine::calendrier::Date::ymd_const(2026, 1, 1), Default::default());
        let v = json!({ "idFactureTravaux": 1, "montantHT": "9" });
        let Ok(Commande::Recycler { modifications, .. }) = decoder(&v, &p) else { panic!("recycler") };
        assert_eq!(modifications, vec![Modification::Autre("montantHT".into())]);
    }
}
