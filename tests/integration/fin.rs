//! The end of the contract: projet de décompte final to DGD (fact base §2.2, D-DELAIS-3/6).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::piece::{EtatDossier, NatureDgd, Reserves};
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;

/// A7 → A17 → A20 on the ordinary contract, after the réception (30/09/2026).
fn jusqu_au_dg(s: &mut Scene) -> (chorus_travaux::domaine::piece::PieceId, chorus_travaux::domaine::piece::PieceId) {
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    assert_eq!(s.statut(a7), S::MiseADispositionMoe);
    s.r.avancer(5).expect("the calendar moves forward");
    let a17 = s.ok(MOE, C::A17, Some(a7), "248000");
    assert_eq!(s.statut(a17), S::MiseADispositionMoa);
    s.r.avancer(5).expect("the calendar moves forward");
    let a20 = s.ok(MOA, C::A20, Some(a17), "248000");
    assert_eq!(s.statut(a20), S::MiseADispositionFournisseur);
    (a7, a20)
}

#[test]
fn end_of_contract_to_the_dgd() {
    // CCAG-Travaux 2021 art. 12.3 to 12.4.3; D-CHAINE end of contract.
    let mut s = Scene::le("2026-10-05");
    let (a7, a20) = jusqu_au_dg(&mut s);
    assert_eq!(s.statut(a7), S::Associee);
    let a8 = s.ok(TITULAIRE, C::A8, Some(a20), "248000");
    assert_eq!(s.statut(a20), S::Associee);
    assert_eq!(s.statut(a8), S::MiseADisposition);
    assert_eq!(s.etat(a8), EtatDossier::Dgd(NatureDgd::Signe));
    assert_eq!(s.p(a8).debut_delai_paiement, Some(d("2026-10-15")), "D-DELAIS-7: solde from the A8's making-available");
    s.payer(MOA, a8);
    assert_eq!(s.etat(a8), EtatDossier::Paye);
}

#[test]
fn dg_refused_by_the_titulaire() {
    // D-REFUS-1, D-DELAIS-6: « autre motif » with reasons → DG contesté.
    let mut s = Scene::le("2026-10-05");
    let (_, a20) = jusqu_au_dg(&mut s);
    assert_refus(s.r.refuser(TITULAIRE, a20, "MAUVAISE_MOA", "x"), R::MotifNonAutorise);
    s.r.refuser(TITULAIRE, a20, "AUTRE", "le solde omet les travaux supplémentaires de l'OS n°4").expect("refus");
    assert_eq!(s.statut(a20), S::RefuseeFournisseur);
    assert_eq!(s.p(a20).libelle_portail(), "REFUSÉE PAR LE FOURNISSEUR POUR AUTRE MOTIF");
    assert_eq!(s.etat(a20), EtatDossier::DgConteste);
}

#[test]
fn a_refusal_without_reasons_counts_as_acceptance() {
    // D-DELAIS-6.
    let mut s = Scene::le("2026-10-05");
    let (_, a20) = jusqu_au_dg(&mut s);
    s.r.refuser(TITULAIRE, a20, "AUTRE", "  ").expect("refus");
    assert_eq!(s.statut(a20), S::MiseADisposition);
    assert_eq!(s.etat(a20), EtatDossier::Dgd(NatureDgd::ReputeAccepte));
}

#[test]
fn dg_deemed_accepted_after_thirty_days() {
    // D-DELAIS-6: past the 30 days the DG becomes the DGD and goes to the payer.
    let mut s = Scene::le("2026-10-05");
    let (_, a20) = jusqu_au_dg(&mut s); // made available Thursday 15 October 2026
    s.r.avancer(30).expect("the calendar moves forward"); // Saturday 14 November → the deadline runs to Monday 16
    assert_eq!(s.statut(a20), S::MiseADispositionFournisseur);
    s.r.fixer_date(d("2026-11-16")).expect("the calendar moves forward");
    assert_eq!(s.statut(a20), S::MiseADispositionFournisseur, "deadline pushed to Monday");
    s.r.avancer(1).expect("the calendar moves forward");
    assert_eq!(s.statut(a20), S::MiseADisposition);
    assert_eq!(s.p(a20).espace, chorus_travaux::domaine::piece::Espace::FacturesRecues);
    assert_eq!(s.etat(a20), EtatDossier::Dgd(NatureDgd::ReputeAccepte));
    let e = s.refus(TITULAIRE, Depot::nouveau(C::A8, Some(MARCHE), ht("248000")).suit(a20), R::SignatureHorsDelai);
    assert!(e.message.contains("réputé accepté"));
}

#[test]
fn dg_returned_with_reserves() {
    // D-DELAIS-6: réserves with an amount → DG contesté; the undisputed sum is still paid.
    let mut s = Scene::le("2026-10-05");
    let (_, a20) = jusqu_au_dg(&mut s);
    let mut depot = Depot::nouveau(C::A8, Some(MARCHE), ht("248000")).suit(a20);
    depot.reserves = Some(Reserves { motifs: "révision de prix omise".into(), montant_reclame: Some(dec("12500")) });
    let a8 = s.depot(TITULAIRE, depot).expect("A8 avec réserves");
    assert_eq!(s.etat(a8), EtatDossier::DgConteste);
    assert_eq!(s.statut(a8), S::MiseADisposition);
}

#[test]
fn reserves_without_amount_count_as_acceptance() {
    let mut s = Scene::le("2026-10-05");
    let (_, a20) = jusqu_au_dg(&mut s);
    let mut depot = Depot::nouveau(C::A8, Some(MARCHE), ht("248000")).suit(a20);
    depot.reserves = Some(Reserves { motifs: "réserve de principe".into(), montant_reclame: None });
    let a8 = s.depot(TITULAIRE, depot).expect("A8");
    // D-DELAIS-6: as for silence, « DGD réputé accepté ».
    assert_eq!(s.etat(a8), EtatDossier::Dgd(NatureDgd::ReputeAccepte));
}

#[test]
fn moe_notifies_the_dg_when_the_sheet_lets_it_act_for_the_moa() {
    // D-CHAINE (A18), D-CHAINE-5.
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    let a18 = s.ok(MOE, C::A18, Some(a7), "250000");
    assert_eq!(s.statut(a18), S::MiseADispositionFournisseur);
    s.fiche(MARCHE, |m| m.substitutions.clear());
    let a7b = s.ok(COTRAITANT, C::A14, None, "1000");
    s.refus(MOE, Depot::nouveau(C::A18, Some(MARCHE), ht("1000")).suit(a7b), R::RoleNonAutorise);
}
