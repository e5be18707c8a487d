//! `consulter/historique`: an invoice's status history as the real API answers it (GO, PA;
//! D-STATUTS-3), each step with its user's name.

use super::super::prelude::*;

/// `POST /cpro/factures/v1/consulter/historique`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/factures/v1/consulter/historique"],
    schema_requete: "IdFacture",
    schema_reponse: "ReponseHistorique",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    let Some(login) = c.compte else { return manque_compte() };
    let Some(id) = c.corps.get("idFacture").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
        return mauvaise_requete("champ « idFacture » : entier attendu");
    };
    let p = &*c.p;
    match p.consulter_sync(Some(login), PieceId(id)) {
        Ok(vue) => {
            let noms =
                |l: &str| p.reference().utilisateur(l).map(|u| (u.nom.clone(), u.prenom.clone())).unwrap_or((l.to_string(), String::new()));
            let histo: Vec<Value> = vue
                .historique
                .iter()
                .map(|h| {
                    let (nom, prenom) = noms(&h.utilisateur);
                    json!({ "histoStatutCode": h.statut.code_api(), "histoStatutDatePassage": h.date.iso(), "histoStatutCommentaire": h.commentaire,
                            "histoStatutUtilisateurNom": nom, "histoStatutUtilisateurPrenom": prenom })
                })
                .collect();
            ok(json!({ "idFacture": id, "statutCourantCode": vue.statut.code_api(), "historiquesDesStatuts": { "histoStatut": histo } }))
        }
        Err(e) => echec(c.style, e),
    }
}
