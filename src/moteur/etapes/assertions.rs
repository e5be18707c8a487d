//! Assertions on the last action's outcome: accepted, refused with a code, the refusal's message.

use super::Definition;
use crate::moteur::echec::{EchecEtape, NatureEchec};
use crate::moteur::monde::{Monde, Resultat};
use crate::plateforme::{Echec, Reponse};

fn dernier(m: &Monde) -> Resultat<&Result<Reponse, Echec>> {
    m.dernier.as_ref().ok_or_else(|| "aucune action n'a encore eu lieu".into())
}

/// The outcome steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Alors,
            accepte,
            motif = "(?:le dépôt|l'action|le refus|le recyclage|la demande|le paramétrage|la sollicitation|l'appel de fonds|la création) est acceptée?",
            exemple = "Alors le dépôt est accepté",
            sens = "La dernière action a réussi (« le paramétrage est accepté », « la création est acceptée »…).",
            |m, _c| {
                match dernier(m)? {
                    Ok(_) => Ok(()),
                    Err(e) => Err(EchecEtape::attendu_obtenu("action acceptée", e)),
                }
            }
        ),
        etape!(
            Alors,
            refuse_code,
            motif = r#"(?:le dépôt|l'action|le refus|le recyclage|la demande|la mise en paiement|le paramétrage|la sollicitation|l'appel de fonds|la création) est refusée? avec le code "([A-Z0-9_]+)""#,
            exemple = r#"Alors le dépôt est refusé avec le code "SIRET_CLE_INVALIDE""#,
            sens = "La dernière action a été refusée avec ce code stable.",
            |m, c| {
                let attendu = c.s(1);
                match dernier(m)? {
                    Err(Echec::Refus { code, .. }) if code == attendu => Ok(()),
                    Err(e) => Err(EchecEtape::attendu_obtenu(format!("refus {attendu}"), e)),
                    Ok(r) => Err(EchecEtape::attendu_obtenu(format!("refus {attendu}"), format!("action acceptée ({r:?})"))),
                }
            }
        ),
        etape!(
            Alors,
            refuse,
            motif = "(?:le dépôt|l'action|le refus|le recyclage|la demande|la mise en paiement|le paramétrage|la sollicitation|l'appel de fonds|la création) est refusée?",
            exemple = "Alors l'action est refusée",
            sens = "La dernière action a été refusée, quel que soit le code (pour une règle dont le code importe peu).",
            |m, _c| {
                match dernier(m)? {
                    Err(Echec::Refus { .. }) => Ok(()),
                    Err(e) => Err(EchecEtape::attendu_obtenu("un refus", e)),
                    Ok(r) => Err(EchecEtape::attendu_obtenu("un refus", format!("action acceptée ({r:?})"))),
                }
            }
        ),
        etape!(
            Alors,
            message_indique,
            motif = r#"le message indique "(.+)""#,
            exemple = r#"Alors le message indique "possible à partir du 5 novembre 2026""#,
            sens = "Le message de refus contient ce texte.",
            |m, c| {
                let attendu = c.s(1);
                match dernier(m)? {
                    Err(Echec::Refus { message, .. }) if message.contains(attendu) => Ok(()),
                    Err(e) => Err(EchecEtape::attendu_obtenu(format!("un message contenant « {attendu} »"), e)),
                    Ok(_) => {
                        let attendu = format!("un refus dont le message contient « {attendu} »");
                        let obtenu = "l'action a été acceptée";
                        Err(EchecEtape {
                            nature: NatureEchec::Echouee,
                            message: format!("attendu : {attendu} ; {obtenu}"),
                            attendu: Some(attendu),
                            obtenu: Some(obtenu.into()),
                        })
                    }
                }
            }
        ),
    ]
}
