//! The procédure tacite (CCAG-Travaux 2021 art. 12.4.4, D-DELAIS-4/5, fact base §2.3).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::piece::{Espace, EtatDossier, NatureDgd, PieceId};
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;

/// A7 deposited Monday 5 October 2026, after the réception of 30 September: the MOA must notify
/// the DG by Wednesday 4 November.
fn a7() -> (Scene, PieceId) {
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    (s, a7)
}

fn a22(s: &mut Scene, suit: PieceId) -> Result<PieceId, chorus_travaux::domaine::refus::Refus> {
    s.depot(TITULAIRE, Depot::nouveau(C::A22, Some(MARCHE), ht("250000")).suit(suit))
}

#[test]
fn a22_too_early_gives_the_date_it_becomes_possible() {
    // D-DELAIS-4.
    let (mut s, a7) = a7();
    s.r.fixer_date(d("2026-11-04")).expect("the calendar moves forward");
    let e = assert_refus(a22(&mut s, a7), R::A22Prematuree);
    assert!(e.message.contains("5 novembre 2026"), "{}", e.message);
    s.r.avancer(1).expect("the calendar moves forward");
    let p = a22(&mut s, a7).expect("A22 on 5 November");
    assert_eq!(s.statut(p), S::MiseADispositionMoa);
    assert_eq!(s.statut(a7), S::RemplaceeParA22, "D-CHAINE-3");
}

#[test]
fn dg_notified_within_ten_days_then_signature() {
    // D-DELAIS-5: a DG within the 10 days → the normal signature step.
    let (mut s, a7) = a7();
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let p = a22(&mut s, a7).expect("A22");
    s.r.fixer_date(d("2026-11-16")).expect("the calendar moves forward"); // 15 Nov is a Sunday: the 10 days run to Monday 16
    let a20 = s.ok(MOA, C::A20, Some(p), "249000");
    assert_eq!(s.statut(a20), S::MiseADispositionFournisseur);
    let a8 = s.ok(TITULAIRE, C::A8, Some(a20), "249000");
    assert_eq!(s.etat(a8), EtatDossier::Dgd(NatureDgd::Signe));
}

#[test]
fn dg_after_the_ten_days_is_refused() {
    let (mut s, a7) = a7();
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let p = a22(&mut s, a7).expect("A22");
    s.r.fixer_date(d("2026-11-17")).expect("the calendar moves forward");
    s.refus(MOA, Depot::nouveau(C::A20, Some(MARCHE), ht("1")).suit(p), R::DecompteGeneralHorsDelai);
}

#[test]
fn dgd_tacite_by_each_of_the_three_actors() {
    // D-DELAIS-5, D-CADRES-2: A23 titulaire, A24 MOE, A25 MOA.
    for (login, cadre) in [(TITULAIRE, C::A23), (MOE, C::A24), (MOA, C::A25)] {
        let (mut s, a7) = a7();
        s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
        let p = a22(&mut s, a7).expect("A22");
        s.r.fixer_date(d("2026-11-16")).expect("the calendar moves forward");
        let e = s.refus(login, Depot::nouveau(cadre, Some(MARCHE), ht("250000")).suit(p), R::DgdTacitePremature);
        assert!(e.message.contains("17 novembre 2026"), "{}", e.message);
        s.r.avancer(1).expect("the calendar moves forward");
        let dgd = s.ok(login, cadre, Some(p), "250000");
        assert_eq!(s.statut(dgd), S::MiseADisposition, "{cadre:?}");
        assert_eq!(s.p(dgd).espace, Espace::FacturesRecues);
        assert_eq!(s.etat(dgd), EtatDossier::Dgd(NatureDgd::Tacite));
        assert_eq!(s.p(dgd).debut_delai_paiement, Some(d("2026-11-17")), "from the day after the deadline");
    }
}

#[test]
fn the_wrong_actor_cannot_deposit_a_dgd_tacite() {
    let (mut s, a7) = a7();
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let p = a22(&mut s, a7).expect("A22");
    s.r.fixer_date(d("2026-11-20")).expect("the calendar moves forward");
    s.refus(MOE, Depot::nouveau(C::A23, Some(MARCHE), ht("1")).suit(p), R::RoleNonAutorise);
}

#[test]
fn no_tacit_procedure_without_a_decompte_final_at_the_moe() {
    // CE 11/07/2025 n°502377: the MOE never received the projet de décompte final.
    let mut s = Scene::le("2026-10-05");
    s.fiche(MARCHE, |m| m.moe.as_mut().expect("moe").dans_chorus_pro = false);
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    assert_eq!(s.statut(a7), S::MiseADispositionMoa, "without MOE the A7 goes to the MOA");
    s.r.fixer_date(d("2026-12-15")).expect("the calendar moves forward");
    let e = assert_refus(a22(&mut s, a7), R::A22SansDecompteFinal);
    assert!(e.message.contains("502377"));
}

#[test]
fn no_tacit_procedure_for_a_decompte_final_sent_before_the_reception() {
    // D-DELAIS-3: the 30 days start only for a projet de décompte final sent after réception.
    let mut s = Scene::le("2026-09-20");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    s.r.fixer_date(d("2026-12-15")).expect("the calendar moves forward");
    let e = assert_refus(a22(&mut s, a7), R::A22SansDecompteFinal);
    assert!(e.message.contains("réception"));
}

#[test]
fn no_tacit_procedure_once_a_dg_was_notified() {
    // Fact base §2.3: a DG, even late, closes the tacit procedure.
    let (mut s, a7) = a7();
    let a17 = s.ok(MOE, C::A17, Some(a7), "250000");
    s.r.fixer_date(d("2026-11-20")).expect("the calendar moves forward");
    s.ok(MOA, C::A20, Some(a17), "250000"); // late, but notified
    assert_refus(a22(&mut s, a17), R::A22ApresDecompteGeneral);
}

#[test]
fn a22_may_follow_the_moe_projet_de_decompte_general() {
    let (mut s, a7) = a7();
    let a17 = s.ok(MOE, C::A17, Some(a7), "250000");
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let p = a22(&mut s, a17).expect("A22 after A17");
    assert_eq!(s.statut(a17), S::RemplaceeParA22);
    assert_eq!(s.statut(p), S::MiseADispositionMoa);
}

#[test]
fn deadline_ending_on_a_public_holiday() {
    // D-DELAIS-1: an A7 made available on 12 October 2026 → 30 days end on Wednesday 11 November
    // (armistice), pushed to Thursday 12.
    let mut s = Scene::le("2026-10-12");
    let a7 = s.ok(TITULAIRE, C::A7, None, "1000");
    s.r.fixer_date(d("2026-11-12")).expect("the calendar moves forward");
    let e = assert_refus(a22(&mut s, a7), R::A22Prematuree);
    assert!(e.message.contains("13 novembre 2026"), "{}", e.message);
    s.r.avancer(1).expect("the calendar moves forward");
    a22(&mut s, a7).expect("A22 on 13 November");
}

#[test]
fn a_refusal_of_the_a22_does_not_stop_the_tacit_procedure() {
    // Fact base §2.3 (TA Melun 05/06/2023): a refusal does not interrupt the 10 days.
    let (mut s, a7) = a7();
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let p = a22(&mut s, a7).expect("A22");
    s.r.refuser(MOA, p, "AUTRE", "nous contestons ce projet").expect("the MOA may refuse");
    assert_eq!(s.statut(p), S::RefuseeMoa);
    assert_ne!(s.etat(p), EtatDossier::Refuse, "the dossier is not frozen");
    s.r.fixer_date(d("2026-11-17")).expect("the calendar moves forward");
    let dgd = s.ok(TITULAIRE, C::A23, Some(p), "250000");
    assert_eq!(s.etat(dgd), EtatDossier::Dgd(NatureDgd::Tacite));
    assert_eq!(s.statut(p), S::RefuseeMoa, "the refused A22 keeps its status");
}

#[test]
fn the_dg_deadline_counts_from_a_recycled_projet_de_decompte_final() {
    // D-DELAIS-3: an A7 first made available before the réception, recycled after it, starts
    // the 30 days at its recycling.
    let mut s = Scene::le("2026-09-20");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    s.r.refuser(MOE, a7, "MAUVAIS_VALIDEUR", "engagement").expect("refus");
    s.r.fixer_date(d("2026-10-05")).expect("the calendar moves forward");
    s.r.recycler(TITULAIRE, a7, &[]).expect("recycled");
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    a22(&mut s, a7).expect("A22 possible 30 days after the recycling");
}

#[test]
fn a_missing_projet_de_decompte_final_is_recorded_after_thirty_days() {
    // D-DELAIS-3, CCAG-Travaux 2021 art. 12.3.2: réception 30/09/2026 → 30 October (Friday).
    let mut s = Scene::le("2026-10-30");
    assert!(s.r.evenements_marche(MARCHE).is_empty());
    s.r.avancer(1).expect("the calendar moves forward");
    let e = s.r.evenements_marche(MARCHE);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].date, d("2026-10-31"));
    assert!(e[0].libelle.contains("mettre le titulaire en demeure"));
}
