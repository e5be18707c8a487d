//! The test control (D-API-4): what an implementation may offer beside its API so that the
//! scenarios can drive it (load a data set, move the calendar, list notifications, treat a
//! sollicitation, show the platform's own view of a piece), and which control route serves each.
//! A profile declares the capabilities its implementation lacks; a scenario that needs one is
//! `non applicable`, and the report names the capability.

use super::operations::Operation;
use super::operations::controle::{annuaire, calendrier, lectures, marches, reinitialiser};
use serde::Deserialize;

/// A control capability, named as a profile's `controle:` block names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacite {
    /// Reset a sandbox, create structures, users, links and contracts, designate a new MOE.
    JeuxDeDonnees,
    /// Set and move the calendar, read its date.
    Horloge,
    /// List the notifications sent.
    Notifications,
    /// Treat a sollicitation as the support does.
    Sollicitations,
    /// The platform's own view: a piece as the platform holds it, a contract's events, the
    /// funds of a mandate, a user's account screen.
    VuePlateforme,
}

impl Capacite {
    /// Every capability.
    pub const TOUTES: [Capacite; 5] =
        [Capacite::JeuxDeDonnees, Capacite::Horloge, Capacite::Notifications, Capacite::Sollicitations, Capacite::VuePlateforme];

    /// Its name in a profile and in reports.
    pub fn nom(self) -> &'static str {
        match self {
            Capacite::JeuxDeDonnees => "jeux_de_donnees",
            Capacite::Horloge => "horloge",
            Capacite::Notifications => "notifications",
            Capacite::Sollicitations => "sollicitations",
            Capacite::VuePlateforme => "vue_plateforme",
        }
    }

    /// The capability a control route (`/test/v1/…`) belongs to.
    pub fn de_route(route: &str) -> Option<Capacite> {
        if !route.starts_with("/test/") {
            return None;
        }
        PAR_OPERATION.iter().find(|(o, _)| o.routes.contains(&route)).map(|(_, c)| *c)
    }
}

/// The control interface's operations (`src/http/operations/controle/`), each with the
/// capability it belongs to.
const PAR_OPERATION: [(&Operation, Capacite); 17] = [
    (&reinitialiser::OPERATION, Capacite::JeuxDeDonnees),
    (&annuaire::AJOUTER_STRUCTURE, Capacite::JeuxDeDonnees),
    (&annuaire::REMPLACER_STRUCTURE, Capacite::JeuxDeDonnees),
    (&annuaire::CREER_STRUCTURE, Capacite::JeuxDeDonnees),
    (&annuaire::CREER_UTILISATEUR, Capacite::JeuxDeDonnees),
    (&annuaire::RATTACHER, Capacite::JeuxDeDonnees),
    (&marches::ENREGISTRER, Capacite::JeuxDeDonnees),
    (&marches::DESIGNER_MOE, Capacite::JeuxDeDonnees),
    (&calendrier::FIXER_DATE, Capacite::Horloge),
    (&calendrier::AVANCER, Capacite::Horloge),
    (&calendrier::DATE, Capacite::Horloge),
    (&lectures::NOTIFICATIONS, Capacite::Notifications),
    (&annuaire::TRAITER_SOLLICITATION, Capacite::Sollicitations),
    (&lectures::CONSULTER_PIECE, Capacite::VuePlateforme),
    (&marches::EVENEMENTS, Capacite::VuePlateforme),
    (&marches::FONDS_MANDAT, Capacite::VuePlateforme),
    (&annuaire::COMPTE, Capacite::VuePlateforme),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::operations::ROUTES;

    #[test]
    fn every_control_route_belongs_to_one_capability() {
        for r in ROUTES.iter().filter(|r| r.starts_with("/test/")) {
            assert!(Capacite::de_route(r).is_some(), "{r} has no capability");
        }
        assert_eq!(Capacite::de_route("/cpro/facturesTravaux/v1/soumettre"), None);
    }
}
