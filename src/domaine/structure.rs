//! Structures, their parameters and services, and the directory (D-STRUCTURES-1, fact base §4).

use super::delais;
use super::siret::Siret;
use std::collections::HashMap;
use std::fmt;

/// Public or private structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeStructure {
    /// A public entity: only these can be MOA (fact base §4.1 [S]).
    Publique,
    /// A private company.
    Privee,
}

/// « Présence MOA » (fact base §4.1, public structures only; a private one is always sans MOA).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenceMoa {
    /// « Structure sans MOA »: a service financier whose MOA has another SIRET.
    SansMoa,
    /// « Structure avec MOA »: MOA and service financier under one SIRET, two spaces.
    AvecMoa,
    /// « Structure exclusivement MOA »: travaux pieces only, no facture simple.
    ExclusivementMoa,
}

impl PresenceMoa {
    /// The seed's label.
    pub fn libelle(self) -> &'static str {
        match self {
            PresenceMoa::SansMoa => "Structure sans MOA",
            PresenceMoa::AvecMoa => "Structure avec MOA",
            PresenceMoa::ExclusivementMoa => "Structure exclusivement MOA",
        }
    }

    /// Parses `sans MOA`, `avec MOA`, `exclusivement MOA` (with or without « Structure »).
    pub fn parse(texte: &str) -> Option<PresenceMoa> {
        let t = texte.trim().to_lowercase().replace('_', " ");
        let t = t.strip_prefix("structure ").unwrap_or(&t);
        match t {
            "sans moa" | "sans" => Some(PresenceMoa::SansMoa),
            "avec moa" | "avec" => Some(PresenceMoa::AvecMoa),
            "exclusivement moa" | "exclusivement" => Some(PresenceMoa::ExclusivementMoa),
            _ => None,
        }
    }
}

/// The payer's category, which fixes the délai global de paiement (D-DELAIS-7, CCP R.2192-10/11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoriePayeur {
    /// The State and its établissements publics autres qu'industriels et commerciaux: 30 days.
    Etat,
    /// Collectivités territoriales and their EPA: 30 days.
    Collectivite,
    /// Établissements publics de santé and the service de santé des armées: 50 days.
    EtablissementPublicSante,
    /// Entreprises publiques: 60 days.
    EntreprisePublique,
}

impl CategoriePayeur {
    /// The délai global de paiement in days (CCP R.2192-10, R.2192-11).
    pub fn delai_global_paiement(self) -> u32 {
        match self {
            CategoriePayeur::Etat | CategoriePayeur::Collectivite => delais::PAIEMENT_ETAT_COLLECTIVITES,
            CategoriePayeur::EtablissementPublicSante => delais::PAIEMENT_SANTE,
            CategoriePayeur::EntreprisePublique => delais::PAIEMENT_ENTREPRISES_PUBLIQUES,
        }
    }

    /// Parses `etat`, `collectivite`, `etablissement_public_sante`, `entreprise_publique` (also in
    /// plain French).
    pub fn parse(texte: &str) -> Option<CategoriePayeur> {
        let t = texte.trim().to_lowercase().replace(['_', '-'], " ").replace(['é', 'è'], "e");
        match t.as_str() {
            "etat" | "l'etat" => Some(CategoriePayeur::Etat),
            "collectivite" | "collectivite territoriale" => Some(CategoriePayeur::Collectivite),
            "etablissement public sante" | "etablissement public de sante" => Some(CategoriePayeur::EtablissementPublicSante),
            "entreprise publique" => Some(CategoriePayeur::EntreprisePublique),
            _ => None,
        }
    }

    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            CategoriePayeur::Etat => "État",
            CategoriePayeur::Collectivite => "collectivité territoriale",
            CategoriePayeur::EtablissementPublicSante => "établissement public de santé",
            CategoriePayeur::EntreprisePublique => "entreprise publique",
        }
    }
}

/// The seed's structure parameters (fact base §4.1, labels [S], API names [C]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parametres {
    /// `codeServiceDoitEtreRenseigne`: « Le code service doit être renseigné par le fournisseur ».
    pub code_service_doit_etre_renseigne: bool,
    /// `numeroEJDoitEtreRenseigne`: « Le numéro d'engagement doit être renseigné par le fournisseur ».
    pub numero_ej_doit_etre_renseigne: bool,
    /// `gestionNumeroEJOuCodeService`: « Le numéro d'engagement ou le code service est obligatoire ».
    pub gestion_numero_ej_ou_code_service: bool,
    /// `recevoirDonneesViaEDI`: « L'entité peut recevoir des données via EDI ».
    pub recevoir_donnees_via_edi: bool,
    /// `statutMiseEnPaiementNestPasRemonte`: « Le statut de "Mise en paiement" n'est pas remonté au
    /// fournisseur ».
    pub statut_mise_en_paiement_nest_pas_remonte: bool,
}

/// A service of a structure (fact base §4.1, service-level parameters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Code service.
    pub code: String,
    /// Libellé.
    pub libelle: String,
    /// Whether the service is active.
    pub actif: bool,
    /// `numeroEngagement`: an engagement is required on this service.
    pub engagement_requis: bool,
}

/// A structure of the directory (D-STRUCTURES-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    /// SIRET.
    pub siret: Siret,
    /// Raison sociale.
    pub raison_sociale: String,
    /// Public or private.
    pub type_structure: TypeStructure,
    /// Whether the structure is active.
    pub active: bool,
    /// Payer category (meaningful for public payers).
    pub categorie: CategoriePayeur,
    /// The seed's parameters.
    pub parametres: Parametres,
    /// « Présence MOA » as set; read it through [`Structure::presence_moa`].
    pub presence_moa: PresenceMoa,
    /// Services.
    pub services: Vec<Service>,
    /// Whether the structure has opened its « Factures de travaux » space (fact base §4.1 [S]).
    pub espace_travaux: bool,
}

impl Structure {
    /// A new active structure with default parameters, sans MOA, no service, space closed.
    pub fn nouvelle(siret: Siret, raison_sociale: &str, type_structure: TypeStructure) -> Structure {
        Structure {
            siret,
            raison_sociale: raison_sociale.to_string(),
            type_structure,
            active: true,
            categorie: CategoriePayeur::Collectivite,
            parametres: Parametres::default(),
            presence_moa: PresenceMoa::SansMoa,
            services: Vec::new(),
            espace_travaux: false,
        }
    }

    /// The effective « Présence MOA »: a private structure is always sans MOA (D-STRUCTURES-1).
    pub fn presence_moa(&self) -> PresenceMoa {
        match self.type_structure {
            TypeStructure::Publique => self.presence_moa,
            TypeStructure::Privee => PresenceMoa::SansMoa,
        }
    }

    /// Whether the structure may act as MOA: public « avec » or « exclusivement » MOA
    /// (fact base §4.1, D-ROUTAGE step 4, D-MOAD-1).
    pub fn peut_etre_moa(&self) -> bool {
        self.type_structure == TypeStructure::Publique && matches!(self.presence_moa, PresenceMoa::AvecMoa | PresenceMoa::ExclusivementMoa)
    }

    /// The service with this code.
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }
}

/// Index of a structure in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StructureId(pub u32);

impl fmt::Display for StructureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a structure cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurAnnuaire {
    /// The SIRET is already in the directory.
    #[error("le SIRET {0} est déjà dans l'annuaire")]
    SiretExistant(Siret),
}

/// The few facts routing reads about a destinataire, packed beside its index entry so that the
/// common decision touches the same cache lines as a bare `HashMap<u64, u32>` lookup (an entry of
/// 16 bytes either way). It mirrors the structure record: [`Annuaire`] refreshes it on every change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume(u16);

impl Resume {
    const ACTIVE: u16 = 1;
    const PUBLIQUE: u16 = 1 << 1;
    const AVEC_MOA: u16 = 1 << 2;
    const EXCLUSIVEMENT_MOA: u16 = 1 << 3;
    const CODE_SERVICE: u16 = 1 << 4;
    const EJ: u16 = 1 << 5;
    const EJ_OU_SERVICE: u16 = 1 << 6;
    const ESPACE_TRAVAUX: u16 = 1 << 7;

    fn de(s: &Structure) -> Resume {
        let mut b = 0;
        let mut set = |cond: bool, bit: u16| {
            if cond {
                b |= bit;
            }
        };
        set(s.active, Self::ACTIVE);
        set(s.type_structure == TypeStructure::Publique, Self::PUBLIQUE);
        set(s.presence_moa() == PresenceMoa::AvecMoa, Self::AVEC_MOA);
        set(s.presence_moa() == PresenceMoa::ExclusivementMoa, Self::EXCLUSIVEMENT_MOA);
        set(s.parametres.code_service_doit_etre_renseigne, Self::CODE_SERVICE);
        set(s.parametres.numero_ej_doit_etre_renseigne, Self::EJ);
        set(s.parametres.gestion_numero_ej_ou_code_service, Self::EJ_OU_SERVICE);
        set(s.espace_travaux, Self::ESPACE_TRAVAUX);
        Resume(b)
    }

    /// Whether the structure is active.
    pub fn active(self) -> bool {
        self.0 & Self::ACTIVE != 0
    }
    /// Whether it is public.
    pub fn publique(self) -> bool {
        self.0 & Self::PUBLIQUE != 0
    }
    /// Its effective « Présence MOA ».
    pub fn presence_moa(self) -> PresenceMoa {
        if self.0 & Self::AVEC_MOA != 0 {
            PresenceMoa::AvecMoa
        } else if self.0 & Self::EXCLUSIVEMENT_MOA != 0 {
            PresenceMoa::ExclusivementMoa
        } else {
            PresenceMoa::SansMoa
        }
    }
    /// Whether it may act as MOA (public, « avec » or « exclusivement » MOA).
    pub fn peut_etre_moa(self) -> bool {
        self.publique() && self.presence_moa() != PresenceMoa::SansMoa
    }
    /// `codeServiceDoitEtreRenseigne`.
    pub fn code_service_requis(self) -> bool {
        self.0 & Self::CODE_SERVICE != 0
    }
    /// `numeroEJDoitEtreRenseigne`.
    pub fn engagement_requis(self) -> bool {
        self.0 & Self::EJ != 0
    }
    /// `gestionNumeroEJOuCodeService`.
    pub fn engagement_ou_service(self) -> bool {
        self.0 & Self::EJ_OU_SERVICE != 0
    }
    /// « Factures de travaux » space opened.
    pub fn espace_travaux(self) -> bool {
        self.0 & Self::ESPACE_TRAVAUX != 0
    }
}

#[derive(Debug, Clone, Copy)]
struct Entree {
    id: u32,
    resume: Resume,
}

/// The directory of structures: a vector of records and one hash index by SIRET value whose
/// entries carry each structure's routing summary.
#[derive(Debug, Clone, Default)]
pub struct Annuaire {
    structures: Vec<Structure>,
    index: HashMap<u64, Entree>,
}

impl Annuaire {
    /// An empty directory.
    pub fn new() -> Annuaire {
        Annuaire::default()
    }

    /// An empty directory with room for `n` structures.
    pub fn with_capacity(n: usize) -> Annuaire {
        Annuaire { structures: Vec::with_capacity(n), index: HashMap::with_capacity(n) }
    }

    /// Adds a structure.
    pub fn ajouter(&mut self, s: Structure) -> Result<StructureId, ErreurAnnuaire> {
        if self.index.contains_key(&s.siret.valeur()) {
            return Err(ErreurAnnuaire::SiretExistant(s.siret));
        }
        let id = u32::try_from(self.structures.len()).expect("fewer than 2^32 structures");
        self.index.insert(s.siret.valeur(), Entree { id, resume: Resume::de(&s) });
        self.structures.push(s);
        Ok(StructureId(id))
    }

    /// Looks a SIRET up.
    #[inline]
    pub fn chercher(&self, siret: Siret) -> Option<StructureId> {
        self.index.get(&siret.valeur()).map(|e| StructureId(e.id))
    }

    /// Looks a SIRET up and returns its routing summary, without touching the record.
    #[inline]
    pub fn resume(&self, siret: Siret) -> Option<(StructureId, Resume)> {
        self.index.get(&siret.valeur()).map(|e| (StructureId(e.id), e.resume))
    }

    /// Looks a SIRET up and returns the structure.
    #[inline]
    pub fn par_siret(&self, siret: Siret) -> Option<(StructureId, &Structure)> {
        let id = self.chercher(siret)?;
        Some((id, &self.structures[id.0 as usize]))
    }

    /// The structure behind an id.
    #[inline]
    pub fn get(&self, id: StructureId) -> &Structure {
        &self.structures[id.0 as usize]
    }

    /// Changes a structure and refreshes its routing summary (the SIRET cannot change).
    pub fn modifier<T>(&mut self, id: StructureId, f: impl FnOnce(&mut Structure) -> T) -> T {
        let s = &mut self.structures[id.0 as usize];
        let siret = s.siret;
        let out = f(s);
        s.siret = siret;
        let resume = Resume::de(s);
        if let Some(e) = self.index.get_mut(&siret.valeur()) {
            e.resume = resume;
        }
        out
    }

    /// Number of structures.
    pub fn len(&self) -> usize {
        self.structures.len()
    }

    /// Whether the directory is empty.
    pub fn is_empty(&self) -> bool {
        self.structures.is_empty()
    }

    /// All structures with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (StructureId, &Structure)> {
        self.structures.iter().enumerate().map(|(i, s)| (StructureId(i as u32), s))
    }

    /// The first structure with this raison sociale.
    pub fn par_nom(&self, raison_sociale: &str) -> Option<(StructureId, &Structure)> {
        self.iter().find(|(_, s)| s.raison_sociale == raison_sociale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_structures_are_always_sans_moa() {
        // D-STRUCTURES-1; fact base §4.1: only public structures can be MOA.
        let mut s = Structure::nouvelle(Siret::completer(1_234_567_890_123), "Bâti SA", TypeStructure::Privee);
        s.presence_moa = PresenceMoa::AvecMoa;
        assert_eq!(s.presence_moa(), PresenceMoa::SansMoa);
        assert!(!s.peut_etre_moa());
        s.type_structure = TypeStructure::Publique;
        assert!(s.peut_etre_moa());
    }

    #[test]
    fn payment_periods_by_category() {
        // CCP R.2192-10 and R.2192-11 (D-DELAIS-7).
        assert_eq!(CategoriePayeur::Etat.delai_global_paiement(), 30);
        assert_eq!(CategoriePayeur::Collectivite.delai_global_paiement(), 30);
        assert_eq!(CategoriePayeur::EtablissementPublicSante.delai_global_paiement(), 50);
        assert_eq!(CategoriePayeur::EntreprisePublique.delai_global_paiement(), 60);
    }

    #[test]
    fn directory_refuses_duplicates() {
        let mut a = Annuaire::new();
        let siret = Siret::completer(1_234_567_890_123);
        assert!(a.ajouter(Structure::nouvelle(siret, "A", TypeStructure::Publique)).is_ok());
        assert_eq!(a.ajouter(Structure::nouvelle(siret, "B", TypeStructure::Publique)), Err(ErreurAnnuaire::SiretExistant(siret)));
        assert_eq!(a.par_siret(siret).map(|(_, s)| s.raison_sociale.as_str()), Some("A"));
    }

    #[test]
    fn the_routing_summary_follows_every_change() {
        let mut a = Annuaire::new();
        let siret = Siret::completer(1_234_567_890_123);
        let id = a.ajouter(Structure::nouvelle(siret, "A", TypeStructure::Publique)).expect("new");
        assert_eq!(a.resume(siret).map(|r| r.1.presence_moa()), Some(PresenceMoa::SansMoa));
        a.modifier(id, |s| {
            s.presence_moa = PresenceMoa::ExclusivementMoa;
            s.active = false;
            s.parametres.numero_ej_doit_etre_renseigne = true;
        });
        let (_, r) = a.resume(siret).expect("found");
        assert_eq!(r.presence_moa(), PresenceMoa::ExclusivementMoa);
        assert!(!r.active() && r.engagement_requis() && r.peut_etre_moa());
        a.modifier(id, |s| s.type_structure = TypeStructure::Privee);
        assert!(!a.resume(siret).expect("found").1.peut_etre_moa());
    }

    #[test]
    fn presence_moa_labels_parse() {
        assert_eq!(PresenceMoa::parse("Structure exclusivement MOA"), Some(PresenceMoa::ExclusivementMoa));
        assert_eq!(PresenceMoa::parse("avec MOA"), Some(PresenceMoa::AvecMoa));
        assert_eq!(PresenceMoa::parse("partielle"), None);
    }
}
