//! `recuperer/structures/actives/facturetravaux`: the active structures whose « Factures de
//! travaux » space is open (GO), at most a list's bound.

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, ok};
use super::super::structures::id_structure_cpp;

/// `POST /cpro/transverses/v1/recuperer/structures/actives/facturetravaux`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/structures/actives/facturetravaux"],
    schema_requete: "Vide",
    schema_reponse: "ListeStructuresActives",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let a = c.p.reference().annuaire();
    let l: Vec<Value> = a
        .iter()
        .filter(|(_, s)| s.active && s.espace_travaux)
        .take(c.limites.liste_max)
        .map(|(i, s)| json!({ "designationStructure": s.raison_sociale, "idStructureCPP": id_structure_cpp(i), "identifiant": s.siret.to_string() }))
        .collect();
    ok(json!({ "listeStructures": l }))
}
