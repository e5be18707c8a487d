//! `consulter/service`: one service of a structure (SW: `ConsulterServiceStructureParam`).

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, json, ok};
use super::{inconnue, structure_demandee};

/// `POST /cpro/structures/v1/consulter/service`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/consulter/service"],
    schema_requete: "ConsulterService",
    schema_reponse: "ReponseConsulterService",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let (_, s) = match structure_demandee(c.p, c.corps, "idStructure") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let service = c.corps.get("idService").and_then(Value::as_u64).and_then(|i| s.services.get(usize::try_from(i).ok()?.checked_sub(1)?));
    match service {
        Some(x) => ok(json!({
            "informationsGenerales": { "codeService": x.code, "nomService": x.libelle, "descriptionService": x.libelle },
            "parametres": { "numeroEngagement": x.engagement_requis, "miseEnPaiement": false },
            "adressePostale": { "adresse": "", "codePostal": "", "ville": "", "pays": "FR" },
        })),
        None => inconnue(),
    }
}
