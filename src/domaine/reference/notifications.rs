//! The notifications the reference records instead of sending e-mails (D-NOTIF-1).

use super::Reference;
use crate::domaine::calendrier::Date;
use crate::domaine::piece::{Piece, PieceId};
use crate::domaine::structure::StructureId;

/// What a notification is about (D-NOTIF-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NatureNotification {
    /// An action is expected from the recipient.
    ActionAttendue,
    /// A piece was added to a dossier the recipient takes part in.
    PieceAjoutee,
    /// A payment request reached « mise en paiement ».
    MiseEnPaiement,
}

impl NatureNotification {
    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            NatureNotification::ActionAttendue => "action attendue",
            NatureNotification::PieceAjoutee => "pièce ajoutée",
            NatureNotification::MiseEnPaiement => "mise en paiement",
        }
    }
}

/// A notification the reference records instead of sending an e-mail (D-NOTIF-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Notification {
    /// The structure told.
    pub destinataire: StructureId,
    /// What about.
    pub nature: NatureNotification,
    /// The piece.
    pub piece: PieceId,
    /// When.
    pub date: Date,
}

impl Reference {
    /// Records a notification dated today, once: the same structure is not told the same thing
    /// about the same piece twice on one day. The check costs the same however many
    /// notifications were recorded before.
    pub(super) fn notifier(&mut self, destinataire: StructureId, nature: NatureNotification, piece: PieceId) {
        let n = Notification { destinataire, nature, piece, date: self.date };
        let i = piece.0.saturating_sub(1) as usize;
        if self.notifiees.len() <= i {
            self.notifiees.resize_with(i + 1, Vec::new);
        }
        if !self.notifiees[i].contains(&n) {
            self.notifiees[i].push(n);
            self.notifications.push(n);
        }
    }

    /// The titulaire, MOE and MOA structures of a piece's contract that are in Chorus Pro and
    /// take part in its dossier (D-UTILISATEURS-3: nobody is told of a piece it may not see).
    pub(super) fn acteurs_notifies(&self, piece: &Piece) -> Vec<StructureId> {
        let Some(m) = piece.marche.as_deref().and_then(|n| self.marche(n)) else { return vec![] };
        [Some(&m.titulaire), m.moe.as_ref(), Some(&m.moa)]
            .into_iter()
            .flatten()
            .filter(|a| a.dans_chorus_pro)
            .filter_map(|a| self.annuaire.chercher(a.siret))
            .filter(|id| self.visible_par(piece, *id))
            .collect()
    }

    /// D-NOTIF-1: an action is expected from the recipient; the dossier's actors learn of the new
    /// piece.
    pub(super) fn notifier_depot(&mut self, id: PieceId) {
        let p = self.pc(id);
        let (recipiendaire, deposant) = (p.recipiendaire, p.deposant);
        let acteurs = self.acteurs_notifies(p);
        self.notifier(recipiendaire, NatureNotification::ActionAttendue, id);
        for a in acteurs {
            if a != deposant {
                self.notifier(a, NatureNotification::PieceAjoutee, id);
            }
        }
    }
}
