//! Shared helpers: a scene built from the real YAML data set, and short deposit helpers.

use chorus_travaux::domaine::cadre::CadreFacturation;
use chorus_travaux::domaine::calendrier::Date;
use chorus_travaux::domaine::montant::Montants;
use chorus_travaux::domaine::piece::{EtatDossier, Piece, PieceId};
use chorus_travaux::domaine::reference::{Depot, Reference};
use chorus_travaux::domaine::refus::{CodeRefus, Refus};
use chorus_travaux::domaine::siret::Siret;
use chorus_travaux::domaine::statut::Statut;
use chorus_travaux::donnees::charger_jeu;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

pub const TITULAIRE: &str = "julie.bernard@batiments-rhone.fr";
pub const MOE: &str = "paul.ferrand@atelier-ferrand.fr";
pub const MOA: &str = "claire.martin@villeurbanne.fr";
pub const COTRAITANT: &str = "marc.petit@electricite-lyonnaise.fr";
pub const SOUS_TRAITANT: &str = "ines.roux@peintures-saint-jean.fr";
pub const MOAD: &str = "hugo.leroy@spl-lyon.fr";
pub const MANDANT: &str = "anne.girard@rhone.fr";

pub const MARCHE: &str = "2026-TRV-014";
pub const MARCHE_MOAD: &str = "2026-MOAD-003";

pub const SIRET_VILLE: &str = "44771278200013";
pub const SIRET_MOE: &str = "26197306900014";
pub const SIRET_TITULAIRE: &str = "52393849900010";
pub const SIRET_MOAD: &str = "67539892200012";
pub const SIRET_MANDANT: &str = "49265548600016";

pub fn d(s: &str) -> Date {
    Date::parse(s).expect(s)
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect(s)
}

pub fn siret(s: &str) -> Siret {
    Siret::parse(s).expect(s)
}

pub fn ht(montant: &str) -> Montants {
    Montants::depuis_ht(dec(montant), dec("20"))
}

/// The demonstration data set, from the real YAML files.
pub struct Scene {
    pub r: Reference,
}

impl Scene {
    pub fn demo() -> Scene {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/jeux/demonstration.yaml");
        Scene { r: charger_jeu(&path).expect("the demonstration data set loads") }
    }

    /// The scene on another date (before anything happens).
    pub fn le(date: &str) -> Scene {
        let mut s = Scene::demo();
        s.r.fixer_date(d(date)).expect("the calendar moves forward");
        s
    }

    pub fn depot(&mut self, login: &str, depot: Depot) -> Result<PieceId, Refus> {
        self.r.deposer(login, &depot)
    }

    /// Deposits and expects success.
    pub fn ok(&mut self, login: &str, cadre: CadreFacturation, precedente: Option<PieceId>, montant: &str) -> PieceId {
        let mut depot = Depot::nouveau(cadre, Some(MARCHE), ht(montant));
        depot.precedente = precedente;
        self.depot(login, depot).unwrap_or_else(|e| panic!("{cadre:?} by {login}: {e}"))
    }

    /// Deposits and expects a refusal with this code.
    pub fn refus(&mut self, login: &str, depot: Depot, code: CodeRefus) -> Refus {
        match self.depot(login, depot) {
            Err(e) => {
                assert_eq!(e.code, code, "{e}");
                e
            }
            Ok(id) => panic!("expected {code:?}, got piece {id}"),
        }
    }

    pub fn p(&self, id: PieceId) -> &Piece {
        self.r.piece(id).expect("piece exists")
    }

    pub fn statut(&self, id: PieceId) -> Statut {
        self.p(id).statut
    }

    pub fn etat(&self, id: PieceId) -> EtatDossier {
        self.r.etat_dossier(self.p(id).dossier)
    }

    /// Edits the contract's sheet.
    pub fn fiche(&mut self, numero: &str, f: impl FnOnce(&mut chorus_travaux::domaine::marche::Marche)) {
        let mut m = self.r.marche(numero).expect("contract").clone();
        f(&mut m);
        self.r.enregistrer_marche(m).expect("sheet");
    }

    /// Edits a structure's record (the data set, not a user's action).
    pub fn structure(&mut self, siret_: &str, f: impl FnOnce(&mut chorus_travaux::domaine::structure::Structure)) {
        let id = self.r.annuaire().chercher(siret(siret_)).expect("structure");
        let mut st = self.r.annuaire().get(id).clone();
        f(&mut st);
        self.r.remplacer_structure(st).expect("structure");
    }

    /// The payer's payment chain up to mise en paiement.
    pub fn payer(&mut self, login: &str, id: PieceId) {
        self.r.constater_service_fait(login, id).expect("service fait");
        self.r.mandater(login, id).expect("mandatée");
        self.r.mettre_en_paiement(login, id).expect("mise en paiement");
    }
}

pub fn assert_refus<T: std::fmt::Debug>(r: Result<T, Refus>, code: CodeRefus) -> Refus {
    match r {
        Err(e) => {
            assert_eq!(e.code, code, "{e}");
            e
        }
        Ok(v) => panic!("expected {code:?}, got {v:?}"),
    }
}
