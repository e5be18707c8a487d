//! The dossier a scenario leaves behind, for the report's swimlane diagram: each piece the
//! scenario deposited and the platform accepted, the lane that deposited it, and the status the
//! platform gives it when the scenario ends (passed or failed). The status is read through the
//! same `Platform` read the assertions use, so the diagram is the implementation's own account
//! (in process or over HTTP), never a reading of the scenario's text.

use crate::domaine::cadre::CadreFacturation;
use crate::domaine::couloir::Couloir;
use crate::domaine::statut::Statut;
use crate::moteur::monde::Monde;
use crate::plateforme::Echec;

/// One piece of the dossier, as the scenario ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceRelevee {
    /// Cadre.
    pub cadre: CadreFacturation,
    /// Its number, as the platform holds it (as deposited when the platform could not be read).
    pub numero: String,
    /// The lane that deposited it.
    pub depuis: Couloir,
    /// The lane its final status leaves it in: the status's holder, else its recipient's lane.
    pub vers: Couloir,
    /// Its final status; `None` when the platform could not be read.
    pub statut: Option<Statut>,
    /// The portal's label of that status (or why it is unknown).
    pub libelle: String,
    /// The piece it follows (`idPiecePrecedente`), as an index into the same dossier.
    pub precedente: Option<usize>,
}

/// Reads back every piece the scenario deposited. An implementation that stops answering usably
/// is not asked again: the pieces left are recorded without a status.
pub async fn relever(m: &mut Monde) -> Vec<PieceRelevee> {
    let mut dossier = Vec::with_capacity(m.pieces.len());
    let mut muette = false;
    let ids: Vec<_> = m.pieces.iter().map(|p| p.id).collect();
    for (i, connue) in m.pieces.clone().into_iter().enumerate() {
        let vue = if muette { None } else { Some(m.plateforme.consulter(None, connue.id).await) };
        let numero_depose = connue.numero.clone().unwrap_or_default();
        let piece = match vue {
            Some(Ok(v)) => {
                let vers =
                    Couloir::du_statut(v.statut).or_else(|| m.couloir_de(v.recipiendaire)).unwrap_or_else(|| connue.deposant.suivant());
                PieceRelevee {
                    cadre: connue.cadre,
                    numero: if v.numero.is_empty() { numero_depose } else { v.numero },
                    depuis: connue.deposant,
                    vers,
                    statut: Some(v.statut),
                    libelle: v.statut.libelle_portail().to_string(),
                    // Only a piece deposited earlier in this dossier can be one it follows.
                    precedente: v.precedente.and_then(|p| ids[..i].iter().position(|x| *x == p)),
                }
            }
            autre => {
                if let Some(Err(Echec::Indetermine { .. })) = autre {
                    muette = true;
                }
                // A refusal to show the piece, or no usable answer: the failure is the step's
                // business (and its evidence), the diagram only says the status is unknown.
                let libelle = if autre.is_some() { "statut illisible" } else { "statut non lu" }.to_string();
                PieceRelevee {
                    cadre: connue.cadre,
                    numero: numero_depose,
                    depuis: connue.deposant,
                    vers: connue.deposant,
                    statut: None,
                    libelle,
                    precedente: None,
                }
            }
        };
        dossier.push(piece);
    }
    dossier
}
