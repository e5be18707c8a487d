//! Users, their attachments to structures and their spaces (D-UTILISATEURS).

use super::structure::StructureId;

/// The role of a user in a structure (D-UTILISATEURS-1; the seed's « Mes rattachements »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleRattachement {
    /// `GESTIONNAIRE_PRINCIPAL`.
    GestionnairePrincipal,
    /// `GESTIONNAIRE_SECONDAIRE`.
    GestionnaireSecondaire,
    /// `UTILISATEUR`.
    Utilisateur,
}

impl RoleRattachement {
    /// The API code.
    pub fn code(self) -> &'static str {
        match self {
            RoleRattachement::GestionnairePrincipal => "GESTIONNAIRE_PRINCIPAL",
            RoleRattachement::GestionnaireSecondaire => "GESTIONNAIRE_SECONDAIRE",
            RoleRattachement::Utilisateur => "UTILISATEUR",
        }
    }

    /// Whether the role is a gestionnaire (may change the structure's parameters).
    pub fn est_gestionnaire(self) -> bool {
        !matches!(self, RoleRattachement::Utilisateur)
    }

    /// Parses the code or `gestionnaire principal` / `gestionnaire secondaire` / `utilisateur`.
    pub fn parse(texte: &str) -> Option<RoleRattachement> {
        let t = texte.trim().to_uppercase().replace(' ', "_");
        match t.as_str() {
            "GESTIONNAIRE_PRINCIPAL" => Some(RoleRattachement::GestionnairePrincipal),
            "GESTIONNAIRE_SECONDAIRE" => Some(RoleRattachement::GestionnaireSecondaire),
            "UTILISATEUR" | "UTILISATEUR_SIMPLE" => Some(RoleRattachement::Utilisateur),
            _ => None,
        }
    }
}

/// One attachment of a user to a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rattachement {
    /// The structure.
    pub structure: StructureId,
    /// The role held there.
    pub role: RoleRattachement,
    /// Authorised on the structure's « Factures de travaux » space (D-UTILISATEURS-2).
    pub habilite_travaux: bool,
}

/// Index of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UtilisateurId(pub u32);

/// A user account (D-UTILISATEURS-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utilisateur {
    /// Login (identifiant de connexion).
    pub login: String,
    /// Contact e-mail.
    pub email: String,
    /// Nom.
    pub nom: String,
    /// Prénom.
    pub prenom: String,
    /// Whether the user has a PIGP account (needed by a gestionnaire of a public structure).
    pub pigp: bool,
    /// Attachments.
    pub rattachements: Vec<Rattachement>,
    /// The password of its technical account, for the API (`cpro-account`, D-API-1); `None`: the
    /// sandbox does not check it.
    pub mot_de_passe: Option<String>,
}

impl Utilisateur {
    /// A user with no attachment.
    pub fn nouveau(login: &str, prenom: &str, nom: &str) -> Utilisateur {
        Utilisateur {
            login: login.to_string(),
            email: login.to_string(),
            nom: nom.to_string(),
            prenom: prenom.to_string(),
            pigp: false,
            rattachements: Vec::new(),
            mot_de_passe: None,
        }
    }

    /// The attachment to this structure, if any.
    #[inline]
    pub fn rattachement(&self, structure: StructureId) -> Option<&Rattachement> {
        self.rattachements.iter().find(|r| r.structure == structure)
    }

    /// « Prénom Nom ».
    pub fn nom_complet(&self) -> String {
        format!("{} {}", self.prenom, self.nom)
    }
}
