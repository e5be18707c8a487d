//! A sous-traitant's payment request (A10, D-SOUSTRAITANCE-1).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::piece::EtatDossier;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;

#[test]
fn accepted_in_full() {
    let mut s = Scene::demo();
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000");
    assert_eq!(s.statut(a10), S::AValider1);
    s.r.avancer(2).expect("the calendar moves forward");
    s.r.valider_sous_traitance(TITULAIRE, a10, None).expect("accepted");
    assert_eq!(s.statut(a10), S::MiseADispositionMoe);
    let h: Vec<S> = s.p(a10).historique.iter().map(|h| h.statut).collect();
    assert_eq!(h, vec![S::AValider1, S::Validee1, S::MiseADispositionMoe]);
    let a15 = s.ok(MOE, C::A15, Some(a10), "3000");
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    let a19 = s.ok(MOA, C::A19, Some(a15), "3000");
    assert_eq!(s.p(a19).debut_delai_paiement, Some(d("2026-03-04")), "D-DELAIS-7: from the titulaire's acceptance");
}

#[test]
fn accepted_in_part() {
    let mut s = Scene::demo();
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000"); // 3 600 € TTC
    assert_refus(s.r.valider_sous_traitance(TITULAIRE, a10, Some(dec("4000"))), R::MontantAccepteInvalide);
    s.r.valider_sous_traitance(TITULAIRE, a10, Some(dec("2400"))).expect("partial");
    assert_eq!(s.p(a10).montant_accepte, Some(dec("2400")));
    assert_eq!(s.statut(a10), S::MiseADispositionMoe);
}

#[test]
fn refused_stops_the_circuit() {
    let mut s = Scene::demo();
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000");
    assert_refus(s.r.valider_sous_traitance(MOE, a10, None), R::ActionNonAutorisee);
    s.r.refuser_sous_traitance(TITULAIRE, a10, "travaux non exécutés").expect("refused");
    assert_eq!(s.statut(a10), S::Refusee1);
    assert_eq!(s.etat(a10), EtatDossier::Refuse);
}

#[test]
fn deemed_accepted_after_fifteen_days() {
    // CCP R.2193-12: 15 days of silence. Deposit Monday 2 March 2026 → 17 March (Tuesday).
    let mut s = Scene::demo();
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000");
    s.r.avancer(15).expect("the calendar moves forward");
    assert_eq!(s.statut(a10), S::AValider1);
    s.r.avancer(1).expect("the calendar moves forward");
    assert_eq!(s.statut(a10), S::MiseADispositionMoe);
    assert!(s.p(a10).historique.iter().any(|h| h.statut == S::AbsenceValidation1HorsDelai));
    assert_eq!(s.p(a10).mise_a_disposition, d("2026-03-18"));
}

#[test]
fn without_moe_the_moa_validates_the_a10_at_once() {
    // D-CHAINE: A19 may follow an A10; with no MOE there is no MOE delay to wait for.
    let mut s = Scene::demo();
    s.fiche(MARCHE, |m| m.moe.as_mut().expect("moe").dans_chorus_pro = false);
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000");
    s.r.valider_sous_traitance(TITULAIRE, a10, None).expect("accepted");
    assert_eq!(s.statut(a10), S::MiseADispositionMoa);
    s.ok(MOA, C::A19, Some(a10), "3000");
}

#[test]
fn a_validated_a10_recycled_returns_to_the_moe() {
    // D-REFUS-4 with D-SOUSTRAITANCE-1: not back to the titulaire's validation.
    let mut s = Scene::demo();
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "3000");
    s.r.avancer(2).expect("the calendar moves forward");
    s.r.valider_sous_traitance(TITULAIRE, a10, None).expect("accepted");
    s.r.refuser(MOE, a10, "MAUVAIS_VALIDEUR", "code service").expect("refus");
    s.r.avancer(3).expect("the calendar moves forward");
    s.r.recycler(SOUS_TRAITANT, a10, &[]).expect("recycled");
    assert_eq!(s.statut(a10), S::MiseADispositionMoe);
    let a15 = s.ok(MOE, C::A15, Some(a10), "3000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "3000");
    assert_eq!(s.p(a19).debut_delai_paiement, Some(d("2026-03-04")), "the payment period still starts at the acceptance");
}
