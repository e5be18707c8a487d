//! The directory, users and contracts: structures, attachments, the « Factures de travaux »
//! space, parameters and « Présence MOA », identity sheets (D-STRUCTURES, D-UTILISATEURS, D-FICHE).

use super::{Issue, Reference};
use crate::domaine::marche::{Acteur, Marche};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::siret::{ErreurSiret, Siret};
use crate::domaine::structure::{Parametres, PresenceMoa, Service, Structure, StructureId, TypeStructure};
use crate::domaine::utilisateur::{Rattachement, RoleRattachement, Utilisateur, UtilisateurId};

impl Reference {
    /// Adds a structure to the directory (data set loading).
    pub fn ajouter_structure(&mut self, s: Structure) -> Result<StructureId, Refus> {
        self.annuaire.ajouter(s).map_err(|e| Refus::new(R::StructureExistante, e.to_string()))
    }

    /// Creates a structure from what a person typed (the portal's « créer une structure »): the
    /// SIRET is checked as D-ROUTAGE step 3 checks a destinataire's; « Présence MOA » only on a
    /// public structure (fact base §4.1). Its « Factures de travaux » space is open.
    pub fn creer_structure(
        &mut self,
        siret: &str,
        raison_sociale: &str,
        publique: bool,
        presence: Option<PresenceMoa>,
    ) -> Result<StructureId, Refus> {
        let siret = match Siret::parse(siret) {
            Ok(s) => s,
            Err(ErreurSiret::Format) => {
                return Err(Refus::new(R::SiretFormatInvalide, format!("le SIRET « {siret} » ne compte pas exactement 14 chiffres")));
            }
            Err(ErreurSiret::Cle) => {
                return Err(Refus::new(R::SiretCleInvalide, format!("la clé de contrôle du SIRET {siret} est fausse")));
            }
        };
        if !publique && presence.is_some_and(|p| p != PresenceMoa::SansMoa) {
            return Err(Refus::new(R::MoaNonHabilitee, "seule une structure publique peut être maîtrise d'ouvrage"));
        }
        let mut s = Structure::nouvelle(siret, raison_sociale, if publique { TypeStructure::Publique } else { TypeStructure::Privee });
        s.espace_travaux = true;
        if let Some(p) = presence {
            s.presence_moa = p;
        }
        self.ajouter_structure(s)
    }

    /// Replaces a structure's record (data set loading and test hooks: the platform's own
    /// administration, not a user's action).
    pub fn remplacer_structure(&mut self, s: Structure) -> Result<(), Refus> {
        let id = self.structure_par_siret(s.siret)?;
        self.annuaire.modifier(id, |x| *x = s);
        Ok(())
    }

    /// Adds a service to a structure (data set loading).
    pub fn ajouter_service(&mut self, siret: Siret, service: Service) -> Result<(), Refus> {
        let id = self.structure_par_siret(siret)?;
        self.annuaire.modifier(id, |s| {
            s.services.retain(|x| x.code != service.code);
            s.services.push(service);
        });
        Ok(())
    }

    /// Whether a technical account's password is right (D-API-1): a user without a password
    /// accepts any; an unknown login is left to the command, which refuses it.
    pub fn compte_valide(&self, login: &str, mot_de_passe: &str) -> bool {
        self.utilisateur(login).and_then(|u| u.mot_de_passe.as_deref()).is_none_or(|m| m == mot_de_passe)
    }

    /// Creates a user account.
    pub fn creer_utilisateur(&mut self, u: Utilisateur) -> Result<UtilisateurId, Refus> {
        if self.logins.contains_key(&u.login) {
            return Err(Refus::new(R::StructureExistante, format!("l'utilisateur {} existe déjà", u.login)));
        }
        let id = UtilisateurId(self.utilisateurs.len() as u32);
        self.logins.insert(u.login.clone(), id);
        self.utilisateurs.push(u);
        Ok(id)
    }

    pub(super) fn utilisateur_mut(&mut self, login: &str) -> Result<&mut Utilisateur, Refus> {
        let id = *self.logins.get(login).ok_or_else(|| Refus::new(R::UtilisateurInconnu, format!("utilisateur inconnu : {login}")))?;
        Ok(&mut self.utilisateurs[id.0 as usize])
    }

    /// Attaches a user to a structure with a role (D-UTILISATEURS-1: a gestionnaire of a public
    /// structure needs a PIGP account).
    pub fn rattacher(&mut self, login: &str, siret: Siret, role: RoleRattachement) -> Issue {
        let id = self.structure_par_siret(siret)?;
        let publique = self.annuaire.get(id).type_structure == TypeStructure::Publique;
        let u = self.utilisateur_mut(login)?;
        if role.est_gestionnaire() && publique && !u.pigp {
            return Err(Refus::new(
                R::PigpRequis,
                format!("le gestionnaire d'une structure publique doit avoir un compte PIGP : {login} n'en a pas"),
            ));
        }
        u.rattachements.retain(|r| r.structure != id);
        u.rattachements.push(Rattachement { structure: id, role, habilite_travaux: false });
        Ok(())
    }

    pub(super) fn gestionnaire_de(&self, login: &str, siret: Siret) -> Result<StructureId, Refus> {
        let u = self.acteur(login)?;
        let id = self.structure_par_siret(siret)?;
        match u.rattachement(id) {
            None => Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {login} n'est pas rattaché à la structure {siret}"))),
            Some(r) if !r.role.est_gestionnaire() => Err(Refus::new(
                R::ReserveGestionnaire,
                format!("seul un gestionnaire de la structure {siret} peut modifier son paramétrage"),
            )),
            Some(_) => Ok(id),
        }
    }

    /// Opens the structure's « Factures de travaux » space (a gestionnaire's action).
    pub fn ouvrir_espace_travaux(&mut self, login: &str, siret: Siret) -> Issue {
        let id = self.gestionnaire_de(login, siret)?;
        self.annuaire.modifier(id, |s| s.espace_travaux = true);
        Ok(())
    }

    /// Authorises a user on the structure's « Factures de travaux » space (a gestionnaire's
    /// action, D-UTILISATEURS-2).
    pub fn habiliter_travaux(&mut self, login: &str, cible: &str, siret: Siret) -> Issue {
        self.gestionnaire_de(login, siret)?;
        self.habiliter_travaux_direct(cible, siret)
    }

    /// Authorises a user on a structure's « Factures de travaux » space without a gestionnaire
    /// (data set loading and test hooks).
    pub fn habiliter_travaux_direct(&mut self, login: &str, siret: Siret) -> Issue {
        let id = self.structure_par_siret(siret)?;
        let u = self.utilisateur_mut(login)?;
        let Some(r) = u.rattachements.iter_mut().find(|r| r.structure == id) else {
            return Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {login} n'est pas rattaché à la structure {siret}")));
        };
        r.habilite_travaux = true;
        Ok(())
    }

    /// Changes a structure's parameters and « Présence MOA » (gestionnaires only,
    /// D-UTILISATEURS-1; « Présence MOA » only on a public structure, fact base §4.1).
    pub fn modifier_parametres(&mut self, login: &str, siret: Siret, parametres: Parametres, presence: Option<PresenceMoa>) -> Issue {
        let id = self.gestionnaire_de(login, siret)?;
        if presence.is_some_and(|p| p != PresenceMoa::SansMoa) && self.annuaire.get(id).type_structure != TypeStructure::Publique {
            return Err(Refus::new(R::MoaNonHabilitee, "seule une structure publique peut être maîtrise d'ouvrage"));
        }
        self.annuaire.modifier(id, |s| {
            if let Some(p) = presence {
                s.presence_moa = p;
            }
            s.parametres = parametres;
        });
        Ok(())
    }

    /// Registers a contract's identity sheet (D-FICHE).
    pub fn enregistrer_marche(&mut self, m: Marche) -> Issue {
        let i = match self.index_marches.get(&m.numero) {
            Some(&i) => {
                if let Some(r) = self.marches[i].dates.reception {
                    self.marches_en_attente.remove(&(r, i));
                }
                i
            }
            None => {
                self.index_marches.insert(m.numero.clone(), self.marches.len());
                self.marches.len()
            }
        };
        // D-DELAIS-3 is watched from the réception on, until the contract's deadline is settled
        // (a contract already put on notice is not watched again).
        if let Some(r) = m.dates.reception
            && !self.evenements_marches.iter().any(|(n, _)| *n == m.numero)
        {
            self.marches_en_attente.insert((r, i));
        }
        if i == self.marches.len() {
            self.marches.push(m);
        } else {
            self.marches[i] = m;
        }
        Ok(())
    }

    /// An avenant that names another MOE (used to correct a wrong MOE, D-REFUS-4).
    pub fn designer_moe(&mut self, numero: &str, moe: Acteur) -> Issue {
        let i = *self.index_marches.get(numero).ok_or_else(|| Refus::new(R::MarcheInconnu, format!("marché inconnu : {numero}")))?;
        self.marches[i].moe = Some(moe);
        Ok(())
    }
}
