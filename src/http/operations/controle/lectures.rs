//! What the platform holds, read as no user: the notifications it recorded (D-NOTIF-1), and a
//! piece as it holds it (the same view as `consulter`).

use super::super::prelude::*;
use crate::domaine::reference::NatureNotification;
use crate::plateforme::{Platform, VueNotification};

/// `POST /test/v1/notifications`.
pub const NOTIFICATIONS: Operation = Operation {
    routes: &["/test/v1/notifications"],
    schema_requete: "Vide",
    schema_reponse: "ReponseNotifications",
    genre: Genre::Lecture(notifications),
};

/// `POST /test/v1/consulterPiece`.
pub const CONSULTER_PIECE: Operation = Operation {
    routes: &["/test/v1/consulterPiece"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "ConsulterReponse",
    genre: Genre::Lecture(consulter_piece),
};

fn notifications(c: &mut Contexte) -> Response {
    let n = futures::executor::block_on(Platform::notifications(c.p)).unwrap_or_default();
    ok(json!({ "listeNotifications": n.iter().map(notification_json).collect::<Vec<_>>() }))
}

/// Client: the notifications an answer lists.
pub fn lire_notifications(v: &Value) -> Result<Vec<VueNotification>, String> {
    let l = v.get("listeNotifications").and_then(Value::as_array).ok_or("listeNotifications manquante")?;
    l.iter().map(notification_depuis).collect()
}

fn consulter_piece(c: &mut Contexte) -> Response {
    super::super::travaux::consulter::vue(c, None)
}

fn nature(n: NatureNotification) -> &'static str {
    match n {
        NatureNotification::ActionAttendue => "ACTION_ATTENDUE",
        NatureNotification::PieceAjoutee => "PIECE_AJOUTEE",
        NatureNotification::MiseEnPaiement => "MISE_EN_PAIEMENT",
    }
}

/// A notification as JSON.
fn notification_json(n: &VueNotification) -> Value {
    json!({ "identifiantStructure": n.destinataire.to_string(), "nature": nature(n.nature), "idFactureTravaux": n.piece.0, "date": n.date.iso() })
}

/// A notification from JSON.
fn notification_depuis(v: &Value) -> Result<VueNotification, String> {
    let n = texte(v, "nature")?;
    Ok(VueNotification {
        destinataire: siret(v, "identifiantStructure")?,
        nature: match n.as_str() {
            "ACTION_ATTENDUE" => NatureNotification::ActionAttendue,
            "PIECE_AJOUTEE" => NatureNotification::PieceAjoutee,
            "MISE_EN_PAIEMENT" => NatureNotification::MiseEnPaiement,
            autre => return Err(format!("nature de notification inconnue : {autre}")),
        },
        piece: piece(v)?,
        date: date(v, "date")?,
    })
}
