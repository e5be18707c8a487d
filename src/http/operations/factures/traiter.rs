//! `traiter`: the payment chain's steps in « Factures reçues » (D-PAIEMENT-1): service fait,
//! mandatée, mise en paiement, rejet. The reference's own form; `traiter/recue` is the real
//! API's.

use super::super::prelude::*;

/// `POST /cpro/factures/v1/traiter`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/factures/v1/traiter"],
    schema_requete: "Traiter",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of one of the chain's steps (`action`), a rejection with its `motif`.
pub fn corps(p: PieceId, action: &str, motif: Option<&str>) -> Value {
    let mut v = json!({ "idFacture": p.0, "action": action });
    if let Some(m) = motif {
        v["motif"] = json!(m);
    }
    v
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    let p = PieceId(entier(v, "idFacture")?);
    Ok(match texte(v, "action")?.as_str() {
        "SERVICE_FAIT" => Commande::ConstaterServiceFait(p),
        "MANDATEE" => Commande::Mandater(p),
        "MISE_EN_PAIEMENT" => Commande::MettreEnPaiement(p),
        "REJETEE" => Commande::Rejeter { piece: p, motif: texte_opt(v, "motif")?.unwrap_or_default() },
        autre => {
            return Err(format!("champ « action » : SERVICE_FAIT, MANDATEE, MISE_EN_PAIEMENT ou REJETEE attendu, reçu « {autre} »").into());
        }
    })
}
