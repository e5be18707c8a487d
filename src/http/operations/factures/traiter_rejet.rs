//! `traiterRejet`: the supplier acknowledges rejected payment requests (GO): each must be one it
//! sees, rejected. Nothing changes: it is answered as a read.

use super::super::prelude::*;
use crate::domaine::statut::Statut;

/// `POST /cpro/factures/v1/traiterRejet`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/factures/v1/traiterRejet"],
    schema_requete: "TraiterRejet",
    schema_reponse: "Reponse",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let Some(login) = c.compte else { return manque_compte() };
    let ids: Vec<u64> = c
        .corps
        .get("listeDemandePaiement")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(|x| x.get("idDemandePaiement").and_then(Value::as_u64)).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        return mauvaise_requete("champ « listeDemandePaiement » : liste de { idDemandePaiement } attendue");
    }
    for id in ids {
        match c.p.consulter_sync(Some(login), PieceId(u32::try_from(id).unwrap_or(u32::MAX))) {
            Ok(vue) if vue.statut == Statut::Rejetee => {}
            Ok(vue) => {
                let m = format!(
                    "la demande de paiement {id} est au statut {} : seule une demande rejetée se traite ainsi",
                    vue.statut.libelle_portail()
                );
                return refus(c.style, "STATUT_INCOMPATIBLE", &m);
            }
            Err(e) => return echec(c.style, e),
        }
    }
    ok(json!({}))
}
