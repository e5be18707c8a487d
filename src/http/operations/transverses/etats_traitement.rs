//! `recuperer/etats/traitement`: the statuses reachable from a status (GO), from the
//! reference's own transition table.

use super::super::prelude::{Genre, Operation, Response, Value, json, mauvaise_requete, ok};
use crate::domaine::statut::{Statut, transition_autorisee};

/// `POST /cpro/transverses/v1/recuperer/etats/traitement`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/etats/traitement"],
    schema_requete: "RecupererEtatsTraitement",
    schema_reponse: "ListeStatutsPossibles",
    genre: Genre::Transverse(servir),
};

fn servir(v: &Value) -> Response {
    let Some(courant) = v.get("statutCourant").and_then(Value::as_str) else {
        return mauvaise_requete("champ « statutCourant » : statut attendu");
    };
    let Some(de) = Statut::parse(courant) else { return mauvaise_requete(format!("statut inconnu : {courant}")) };
    let l: Vec<Value> = Statut::TOUS
        .iter()
        .filter(|vers| transition_autorisee(Some(de), **vers))
        .map(|s| json!({ "statutPossiblePourTraitement": s.code_api() }))
        .collect();
    ok(json!({ "listeStatutsPossiblesPourTraitement": l }))
}
