//! `demander/recyclage`: the next piece's depositor asks for the previous piece to be recycled
//! (D-REFUS-5). The real path (api-chorus-pro.md: `demanderRecyclagePiecePrecedente`) and the
//! reference's first name for it, kept as an alias (issue 10).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/demanderRecyclage` (and `demander/recyclage`).
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/demanderRecyclage", "/cpro/facturesTravaux/v1/demander/recyclage"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "ReponsePiecePrecedente",
    genre: Genre::Commande { decoder, repondre, lire },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::DemanderRecyclage(piece(v)?))
}

/// Server: the piece the request was made on, and its previous piece.
fn repondre(p: &PlateformeReference, requete: &Value, r: Reponse) -> Value {
    match (&r, piece(requete).ok().and_then(|id| p.reference().piece(id))) {
        (Reponse::PiecePrecedente(prev), Some(x)) => json!({ "idFactureTravaux": x.id.0, "idPiecePrecedente": prev.0 }),
        _ => reponse_simple(p, requete, r),
    }
}

/// Client: the previous piece.
fn lire(v: &Value) -> Result<Reponse, String> {
    id_lu(v, "idPiecePrecedente").map(|id| Reponse::PiecePrecedente(PieceId(id)))
}
