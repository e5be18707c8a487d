//! `/cpro/structures/v1/…`: the Structures API in the official shapes
//! (`../shared/design/api/structures-swagger.json`; api-chorus-pro.md), what real clients call
//! first (a SIRET → its `idStructureCPP`, the structure, its services, spaces and the user's
//! attachments), and the managers' operations. `idStructureCPP` is the structure's rank in the
//! sandbox's directory from 1; `idService` the service's rank in its structure from 1
//! (hypothèses: the real numbers are the platform's own).

pub mod consulter;
pub mod consulter_service;
pub mod habiliter;
pub mod modifier_parametres;
pub mod ouvrir_espace;
pub mod rattachements;
pub mod rechercher;
pub mod rechercher_espaces;
pub mod rechercher_services;
pub mod sollicitation;

use super::prelude::{PlateformeReference, Response, Value, json, mauvaise_requete, reponse};
use crate::domaine::structure::{Structure, StructureId};
use axum::http::StatusCode;

/// `idStructureCPP`: the structure's rank in the sandbox's directory, from 1.
pub fn id_structure_cpp(id: StructureId) -> u64 {
    u64::from(id.0) + 1
}

/// The structure an `idStructureCPP` names.
pub fn par_id(p: &PlateformeReference, id: u64) -> Option<(StructureId, &Structure)> {
    let a = p.reference().annuaire();
    let i = u32::try_from(id.checked_sub(1)?).ok()?;
    (usize::try_from(i).ok()? < a.len()).then(|| (StructureId(i), a.get(StructureId(i))))
}

/// An unknown structure or service: HTTP 404.
fn inconnue() -> Response {
    reponse(StatusCode::NOT_FOUND, json!({ "codeRetour": 28_066, "code": "STRUCTURE_INCONNUE", "libelle": "structure inconnue" }))
}

/// The structure a body names by its number (`cle_id`) or its SIRET (`identifiantStructure`).
fn structure_demandee<'a>(p: &'a PlateformeReference, v: &Value, cle_id: &str) -> Result<(StructureId, &'a Structure), Box<Response>> {
    if let Some(id) = v.get(cle_id).and_then(Value::as_u64) {
        return par_id(p, id).ok_or_else(|| Box::new(inconnue()));
    }
    let siret = v.get("identifiantStructure").and_then(Value::as_str).map(crate::domaine::siret::Siret::parse);
    match siret {
        Some(Ok(s)) => p.reference().annuaire().par_siret(s).ok_or_else(|| Box::new(inconnue())),
        _ => Err(Box::new(mauvaise_requete(format!("champ « {cle_id} » (entier) ou « identifiantStructure » (SIRET) attendu")))),
    }
}
