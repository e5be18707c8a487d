//! Maîtrise d'ouvrage déléguée: the seed's three cases, and the appel de fonds (D-MOAD).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::marche::ModeFinancement;
use chorus_travaux::domaine::montant::Montants;
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;
use chorus_travaux::domaine::structure::{Structure, TypeStructure};
use chorus_travaux::domaine::utilisateur::{RoleRattachement, Utilisateur};

fn depot(cadre: C, montant: &str) -> Depot {
    Depot::nouveau(cadre, Some(MARCHE_MOAD), ht(montant))
}

/// A4 → A15 → A19 on the MOAD contract; returns the A19.
fn acompte(s: &mut Scene, montant: &str) -> chorus_travaux::domaine::piece::PieceId {
    let a4 = s.depot(TITULAIRE, depot(C::A4, montant)).expect("A4");
    let a15 = s.depot(MOE, depot(C::A15, montant).suit(a4)).expect("A15");
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    assert_eq!(s.p(a15).recipiendaire, s.r.annuaire().chercher(siret(SIRET_MOAD)).expect("moad"));
    let a19 = s.depot(MOAD, depot(C::A19, montant).suit(a15)).expect("A19 by the MOAD");
    assert_eq!(s.statut(a19), S::MiseADisposition);
    assert_eq!(s.p(a19).recipiendaire, s.r.annuaire().chercher(siret(SIRET_MOAD)).expect("moad"), "D-MOAD-2: the MOAD pays");
    a19
}

fn appel(s: &mut Scene, montant: &str) -> Result<chorus_travaux::domaine::piece::PieceId, chorus_travaux::domaine::refus::Refus> {
    let mut d = Depot::nouveau(C::A1, Some(MARCHE_MOAD), Montants::depuis_ht(dec(montant), dec("0")));
    d.destinataire = Some(SIRET_MANDANT.into());
    d.code_service = None;
    d.appel_de_fonds = true;
    s.depot(MOAD, d)
}

#[test]
fn case_1_public_moad_receives_and_deposits() {
    // D-MOAD-1 case 1, D-MOAD-2.
    let mut s = Scene::demo();
    let a19 = acompte(&mut s, "10000");
    s.payer(MOAD, a19);
    assert_eq!(s.statut(a19), S::MiseEnPaiement);
}

#[test]
fn appel_de_fonds_when_the_mandataire_advances() {
    // D-MOAD-3 (a): the appel de fonds follows payment and may not exceed it.
    let mut s = Scene::demo();
    let a19 = acompte(&mut s, "10000");
    assert_refus(appel(&mut s, "1000"), R::AppelDeFondsExcessif);
    s.payer(MOAD, a19);
    let af = appel(&mut s, "12000").expect("appel de fonds of what was paid (TTC)");
    assert_eq!(s.statut(af), S::MiseADisposition);
    assert_eq!(s.p(af).recipiendaire, s.r.annuaire().chercher(siret(SIRET_MANDANT)).expect("mandant"));
    assert_refus(appel(&mut s, "1"), R::AppelDeFondsExcessif);
}

#[test]
fn appel_de_fonds_when_the_mandant_advances() {
    // D-MOAD-3 (b): the credits are called before payment.
    let mut s = Scene::demo();
    s.fiche(MARCHE_MOAD, |m| m.mandat.as_mut().expect("mandat").mode = ModeFinancement::AvanceMandant);
    let a19 = acompte(&mut s, "10000");
    s.r.constater_service_fait(MOAD, a19).expect("sf");
    s.r.mandater(MOAD, a19).expect("mandatée");
    assert_refus(s.r.mettre_en_paiement(MOAD, a19), R::CreditsNonAppeles);
    appel(&mut s, "12000").expect("appel de fonds first");
    s.r.mettre_en_paiement(MOAD, a19).expect("then payment");
}

#[test]
fn appel_de_fonds_goes_to_the_mandant_only() {
    let mut s = Scene::demo();
    let mut d = Depot::nouveau(C::A1, Some(MARCHE_MOAD), ht("10"));
    d.destinataire = Some(SIRET_VILLE.into());
    d.appel_de_fonds = true;
    s.refus(MOAD, d, R::DestinataireNonPayeur);
}

fn moad_privee(s: &mut Scene) {
    // The sheet's MOA becomes the private structure « Aménageur privé ».
    let siret_priv = "20107136400016";
    let mut st = Structure::nouvelle(siret(siret_priv), "Aménageur privé SAS", TypeStructure::Privee);
    st.espace_travaux = true;
    s.r.ajouter_structure(st).expect("structure");
    let mut u = Utilisateur::nouveau("gerant@amenageur.fr", "Léa", "Morel");
    u.pigp = true;
    s.r.creer_utilisateur(u).expect("user");
    s.r.rattacher("gerant@amenageur.fr", siret(siret_priv), RoleRattachement::GestionnairePrincipal).expect("private: no PIGP needed");
    s.r.creer_utilisateur(Utilisateur::nouveau("sans.pigp@amenageur.fr", "Tom", "Blanc")).expect("user");
    s.r.rattacher("sans.pigp@amenageur.fr", siret(siret_priv), RoleRattachement::Utilisateur).expect("rattaché");
    s.fiche(MARCHE_MOAD, |m| {
        m.moa.siret = siret(siret_priv);
        m.moa.raison_sociale = "Aménageur privé SAS".into();
        m.moa.code_service = None;
    });
}

#[test]
fn case_2_private_moad_needs_a_sollicitation() {
    // D-MOAD-1 case 2: until the sollicitation is treated, pieces to it as MOA are refused.
    let mut s = Scene::demo();
    moad_privee(&mut s);
    let a4 = s.depot(TITULAIRE, depot(C::A4, "10000")).expect("the A4 goes to the MOE");
    s.refus(MOE, depot(C::A15, "10000").suit(a4), R::MoaNonHabilitee);
    assert_refus(
        s.r.deposer_sollicitation("gerant@amenageur.fr", siret("20107136400016"), &["sans.pigp@amenageur.fr".into()]),
        R::PigpRequis,
    );
    let n = s.r.deposer_sollicitation("gerant@amenageur.fr", siret("20107136400016"), &["gerant@amenageur.fr".into()]).expect("filed");
    s.r.traiter_sollicitation(n).expect("treated");
    let (_, st) = s.r.annuaire().par_siret(siret("20107136400016")).expect("moad");
    assert!(st.peut_etre_moa());
    let a15 = s.depot(MOE, depot(C::A15, "10000").suit(a4)).expect("A15 to the MOAD");
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    s.depot("gerant@amenageur.fr", depot(C::A19, "10000").suit(a15)).expect("the MOAD deposits A19");
}

#[test]
fn case_3_absent_moad_is_created_then_transformed() {
    // D-MOAD-1 case 3.
    let mut s = Scene::demo();
    assert!(s.r.annuaire().par_siret(siret("20107136400016")).is_none());
    moad_privee(&mut s);
    let n = s.r.deposer_sollicitation("gerant@amenageur.fr", siret("20107136400016"), &["gerant@amenageur.fr".into()]).expect("filed");
    s.r.traiter_sollicitation(n).expect("treated");
    assert_refus(s.r.traiter_sollicitation(n), R::SollicitationInconnue);
    let u = s.r.utilisateur("gerant@amenageur.fr").expect("u");
    assert_eq!(u.rattachements[0].role, RoleRattachement::GestionnairePrincipal);
}
