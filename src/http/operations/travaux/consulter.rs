//! `consulter`: a piece as its user sees it (D-UTILISATEURS-3). The control interface's
//! `consulterPiece` (the piece as the platform holds it) answers the same view.

use super::super::prelude::*;
use crate::plateforme::VuePiece;

/// `POST /cpro/facturesTravaux/v1/consulter`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/consulter"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "ConsulterReponse",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    match c.compte {
        Some(l) => vue(c, Some(l)),
        None => manque_compte(),
    }
}

/// Server: the view of the piece the body names, as `login` sees it (`None`: as the platform
/// holds it).
pub(crate) fn vue(c: &Contexte, login: Option<&str>) -> Response {
    let Some(id) = c.corps.get("idFactureTravaux").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
        return mauvaise_requete("champ « idFactureTravaux » : entier attendu");
    };
    match c.p.consulter_sync(login, PieceId(id)) {
        Ok(vue) => ok(json!({ "factureTravaux": vue_json(&vue) })),
        Err(e) => echec(c.style, e),
    }
}

/// Client: the piece an answer shows.
pub fn lire(v: &Value) -> Result<VuePiece, String> {
    vue_depuis(v.get("factureTravaux").ok_or("factureTravaux manquant")?)
}
