//! `rechercher`: structures by criteria; a SIRET gives its `idStructureCPP` (SW:
//! `RechercherStructureParam`, `WsRetourRechercherStructure`).

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, mauvaise_requete, ok};
use super::id_structure_cpp;
use crate::domaine::structure::{PresenceMoa, Structure, StructureId, TypeStructure};
use crate::http::serveur::pages::{page, paginer};

/// `POST /cpro/structures/v1/rechercher`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/rechercher"],
    schema_requete: "RechercherStructures",
    schema_reponse: "ReponseRechercherStructures",
    genre: Genre::Lecture(servir),
};

fn statut(s: &Structure) -> &'static str {
    if s.active { "ACTIF" } else { "INACTIF" }
}

fn servir(c: &mut Contexte) -> Response {
    let (p, v, limites) = (&*c.p, c.corps, c.limites);
    let critere = v.get("structure").cloned().unwrap_or(Value::Null);
    let texte = |nom: &str| critere.get(nom).and_then(Value::as_str).filter(|s| !s.is_empty());
    let pagination = match page(v.get("parametres"), limites) {
        Ok(x) => x,
        Err(e) => return mauvaise_requete(e),
    };
    let a = p.reference().annuaire();
    let privees_exclues = v.get("restreindreStructuresPrivees").and_then(Value::as_bool).unwrap_or(false);
    let retenue = |s: &Structure| {
        texte("raisonSocialeStructure").is_none_or(|r| s.raison_sociale.to_lowercase().contains(&r.to_lowercase()))
            && !(privees_exclues && s.type_structure == TypeStructure::Privee)
            && critere.get("estMOA").and_then(Value::as_bool).is_none_or(|b| b == s.peut_etre_moa())
            && critere
                .get("estMOAUniquement")
                .and_then(Value::as_bool)
                .is_none_or(|b| b == (s.presence_moa() == PresenceMoa::ExclusivementMoa))
    };
    // A SIRET is looked up in the directory's index; other criteria scan it.
    let trouvees: Vec<(StructureId, &Structure)> = match texte("identifiantStructure") {
        Some(siret) => {
            crate::domaine::siret::Siret::parse(siret).ok().and_then(|s| a.par_siret(s)).into_iter().filter(|(_, s)| retenue(s)).collect()
        }
        None => a.iter().filter(|(_, s)| retenue(s)).collect(),
    };
    let ids: Vec<StructureId> = trouvees.iter().map(|(i, _)| *i).collect();
    let (extrait, parametres) = paginer(&ids, pagination);
    let liste: Vec<Value> = extrait
        .iter()
        .map(|i| {
            let s = a.get(*i);
            json!({ "idStructureCPP": id_structure_cpp(*i), "identifiantStructure": s.siret.to_string(), "designationStructure": s.raison_sociale,
                    "statut": statut(s), "typeIdentifiantStructure": "SIRET" })
        })
        .collect();
    ok(json!({ "listeStructures": liste, "parametresRetour": parametres }))
}
