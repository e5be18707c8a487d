//! `lister/rattachementsutilisateur`: the acting user's attachment to a structure (SW:
//! `ListerRattachementsStructureUtilisateurParam`). Hypothèse: one attachment to the structure,
//! its role as an extension.

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, ok};
use super::{id_structure_cpp, structure_demandee};

/// `POST /cpro/structures/v1/lister/rattachementsutilisateur`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/lister/rattachementsutilisateur"],
    schema_requete: "ListerRattachements",
    schema_reponse: "ReponseListerRattachements",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let p = &*c.p;
    let (i, s) = match structure_demandee(p, c.corps, "idStructure") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let u = c.compte.and_then(|l| p.reference().utilisateur(l));
    let liste: Vec<Value> = u
        .and_then(|u| u.rattachement(i))
        .map(|r| {
            vec![json!({ "idRattachement": i.0 + 1, "statutRattachement": "VALIDE", "idService": Value::Null, "codeService": Value::Null,
                         "nomService": Value::Null, "commentaire": r.role.code(), "roleRattachement": r.role.code(),
                         "habiliteFacturesTravaux": r.habilite_travaux })]
        })
        .unwrap_or_default();
    let n = liste.len();
    ok(json!({ "idStructure": id_structure_cpp(i), "identifiantStructure": s.siret.to_string(), "designationStructure": s.raison_sociale,
               "premierService": false, "listeServices": liste,
               "parametresRetour": { "pageCourante": 1, "pages": n.min(1), "nbResultatsParPage": c.limites.page_max, "total": n } }))
}
