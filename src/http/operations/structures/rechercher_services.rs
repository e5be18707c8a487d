//! `rechercher/services`: a structure's services, paged (SW: `RechercherServicesStructureParam`).

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, mauvaise_requete, ok};
use super::structure_demandee;
use crate::http::serveur::pages::{page, paginer};

/// `POST /cpro/structures/v1/rechercher/services`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/rechercher/services"],
    schema_requete: "RechercherServices",
    schema_reponse: "ReponseRechercherServices",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let (_, s) = match structure_demandee(c.p, c.corps, "idStructure") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    match page(c.corps.get("parametresRechercherServicesStructure"), c.limites) {
        Ok(pg) => {
            let tous: Vec<Value> = s
                .services
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    json!({ "idService": i + 1, "codeService": x.code, "libelleService": x.libelle, "estActif": x.actif,
                            "statutService": if x.actif { "ACTIF" } else { "INACTIF" } })
                })
                .collect();
            let (liste, parametres) = paginer(&tous, pg);
            ok(json!({ "listeServices": liste, "parametresRetour": parametres }))
        }
        Err(e) => mauvaise_requete(e),
    }
}
