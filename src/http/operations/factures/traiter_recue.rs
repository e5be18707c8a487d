//! `traiter/recue`: an invoice received treated as the real API does (GO, PA): its new status
//! (`nouveauStatut`), a `motif`, the answer's treatment date (D-PAIEMENT-1).

use super::super::prelude::*;

/// `POST /cpro/factures/v1/traiter/recue`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/factures/v1/traiter/recue"],
    schema_requete: "TraiterRecue",
    schema_reponse: "ReponseTraiterRecue",
    genre: Genre::Commande { decoder, repondre, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    let p = PieceId(entier(v, "idFacture")?);
    let motif = texte_opt(v, "motif")?.unwrap_or_default();
    Ok(match texte(v, "nouveauStatut")?.as_str() {
        "SERVICE_FAIT" => Commande::ConstaterServiceFait(p),
        "MANDATEE" => Commande::Mandater(p),
        "MISE_EN_PAIEMENT" => Commande::MettreEnPaiement(p),
        "REJETEE" => Commande::Rejeter { piece: p, motif },
        "SUSPENDUE" => Commande::Suspendre { piece: p, commentaire: motif },
        autre => {
            return Err(format!(
                "champ « nouveauStatut » : SERVICE_FAIT, MANDATEE, MISE_EN_PAIEMENT, REJETEE ou SUSPENDUE attendu, reçu « {autre} »"
            )
            .into());
        }
    })
}

/// Server: the invoice, its new status and the date of the treatment.
fn repondre(p: &PlateformeReference, requete: &Value, r: Reponse) -> Value {
    let x = entier(requete, "idFacture").ok().and_then(|id| p.reference().piece(PieceId(id)));
    match (&r, x) {
        (Reponse::Fait, Some(x)) => json!({
            "idFacture": x.id.0, "numeroFacture": x.numero, "nouveauStatut": x.statut.code_api(), "dateTraitement": p.reference().date().iso(),
        }),
        _ => reponse_simple(p, requete, r),
    }
}
