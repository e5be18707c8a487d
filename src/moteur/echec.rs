//! A step's failure as a value: its nature (the implementation answered wrongly, or did not
//! answer usably), its message, and the expected and actual values when it states them. A step
//! raises it with [`std::panic::panic_any`]; the collector reads it back from cucumber's panic
//! payload, so that reports get the values as data rather than by parsing message text.

use crate::plateforme::Echec;
use std::fmt;

/// Why a step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NatureEchec {
    /// The implementation's answer was not the expected one, or the scenario is mistaken (an
    /// unknown structure, a piece never deposited).
    Echouee,
    /// The implementation did not answer usably (timeout, 5xx, garbage): `indéterminé`.
    Indeterminee,
    /// The scenario needs a control capability the profile does not declare (D-API-4):
    /// `non applicable`.
    NonApplicable,
}

/// A step's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EchecEtape {
    /// Its nature.
    pub nature: NatureEchec,
    /// The French message, as reports show it.
    pub message: String,
    /// The expected value, when the step states one.
    pub attendu: Option<String>,
    /// The actual value, when the step states one.
    pub obtenu: Option<String>,
}

impl EchecEtape {
    /// A failure with only a message (a scenario mistake, or a mismatch without values).
    pub fn echouee(message: impl Into<String>) -> EchecEtape {
        EchecEtape { nature: NatureEchec::Echouee, message: message.into(), attendu: None, obtenu: None }
    }

    /// The implementation did not answer usably.
    pub fn indeterminee(message: impl Into<String>) -> EchecEtape {
        EchecEtape { nature: NatureEchec::Indeterminee, message: message.into(), attendu: None, obtenu: None }
    }

    /// A mismatch: « attendu : X ; obtenu : Y », with both values kept.
    pub fn attendu_obtenu(attendu: impl fmt::Display, obtenu: impl fmt::Display) -> EchecEtape {
        let (attendu, obtenu) = (attendu.to_string(), obtenu.to_string());
        EchecEtape {
            nature: NatureEchec::Echouee,
            message: format!("attendu : {attendu} ; obtenu : {obtenu}"),
            attendu: Some(attendu.trim().to_string()),
            obtenu: Some(obtenu.trim().to_string()),
        }
    }

    /// A mismatch about a subject: « sujet : attendu : X ; obtenu : Y ».
    pub fn difference(sujet: &str, attendu: impl fmt::Display, obtenu: impl fmt::Display) -> EchecEtape {
        EchecEtape::attendu_obtenu(attendu, obtenu).precede(sujet)
    }

    /// The same failure, its message preceded by `contexte` (« contexte : message »).
    pub fn precede(mut self, contexte: &str) -> EchecEtape {
        self.message = format!("{contexte} : {}", self.message);
        self
    }
}

impl From<String> for EchecEtape {
    fn from(message: String) -> EchecEtape {
        EchecEtape::echouee(message)
    }
}

impl From<&str> for EchecEtape {
    fn from(message: &str) -> EchecEtape {
        EchecEtape::echouee(message)
    }
}

/// A platform's failure met where the step needed an answer: a refusal fails the step, an
/// unusable answer makes it `indéterminé`.
impl From<Echec> for EchecEtape {
    fn from(e: Echec) -> EchecEtape {
        match e {
            Echec::Indetermine { .. } => EchecEtape::indeterminee(e.to_string()),
            Echec::HorsCapacite { .. } => {
                EchecEtape { nature: NatureEchec::NonApplicable, message: e.to_string(), attendu: None, obtenu: None }
            }
            Echec::Refus { .. } => EchecEtape::echouee(e.to_string()),
        }
    }
}

impl fmt::Display for EchecEtape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.nature {
            NatureEchec::Echouee => write!(f, "{}", self.message),
            NatureEchec::Indeterminee => write!(f, "[indéterminé] {}", self.message),
            NatureEchec::NonApplicable => write!(f, "[non applicable] {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_keeps_its_values_and_reads_as_before() {
        let e = EchecEtape::difference("statut de la pièce A4", "ASSOCIÉE", "MISE À DISPOSITION MOE");
        assert_eq!(e.message, "statut de la pièce A4 : attendu : ASSOCIÉE ; obtenu : MISE À DISPOSITION MOE");
        assert_eq!((e.attendu.as_deref(), e.obtenu.as_deref()), (Some("ASSOCIÉE"), Some("MISE À DISPOSITION MOE")));
        assert_eq!(e.nature, NatureEchec::Echouee);
    }

    #[test]
    fn a_platform_failure_keeps_its_nature() {
        let i = EchecEtape::from(Echec::Indetermine { message: "délai dépassé".into(), preuve: Some("POST /x".into()) });
        assert_eq!((i.nature, i.message.as_str()), (NatureEchec::Indeterminee, "délai dépassé\nPOST /x"));
        let r = EchecEtape::from(Echec::Refus { code: "X".into(), message: "non".into() }).precede("préparation");
        assert_eq!((r.nature, r.message.as_str()), (NatureEchec::Echouee, "préparation : refus X : non"));
    }
}
