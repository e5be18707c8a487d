//! `rechercher/espaces`: a structure's spaces (SW: `RechercherEspacesParam`). Hypothèse: the
//! two spaces the webinar shows (fact base §4.1), « Factures de travaux » and « Factures
//! reçues ».

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, ok};
use super::structure_demandee;
use crate::domaine::structure::TypeStructure;

/// `POST /cpro/structures/v1/rechercher/espaces`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/rechercher/espaces"],
    schema_requete: "RechercherEspaces",
    schema_reponse: "ReponseRechercherEspaces",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let critere = c.corps.get("structure").cloned().unwrap_or(Value::Null);
    let (_, s) = match structure_demandee(c.p, &critere, "idStructure") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let espaces = vec![
        json!({ "idEspaceFo": 1, "codeEspace": 1, "libelleEspace": "Factures de travaux", "etatCourant": if s.espace_travaux { "OUVERT" } else { "FERME" } }),
        json!({ "idEspaceFo": 2, "codeEspace": 2, "libelleEspace": "Factures reçues",
                "etatCourant": if s.type_structure == TypeStructure::Publique { "OUVERT" } else { "FERME" } }),
    ];
    ok(json!({ "listeEspace": espaces, "parametresRetour": { "pageCourante": 1, "pages": 1, "nbResultatsParPage": 2, "total": 2 } }))
}
