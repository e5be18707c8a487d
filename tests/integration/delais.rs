//! The legal calendar on whole dossiers: weekends, public holidays, payment periods and
//! late-payment interest (D-DELAIS-1, D-DELAIS-7).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::statut::Statut as S;
use chorus_travaux::domaine::structure::CategoriePayeur;
use chorus_travaux::donnees::lire_taux;
use std::path::Path;

#[test]
fn moe_delay_ending_on_a_weekend() {
    // Saturday 7 March 2026 + 7 = Saturday 14 → Monday 16.
    let mut s = Scene::le("2026-03-07");
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.fixer_date(d("2026-03-16")).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    s.r.avancer(1).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::AbsenceValidationMoeDelaiReglementaire);
}

#[test]
fn moe_delay_ending_on_a_public_holiday() {
    // Friday 24 April 2026 + 7 = Friday 1 May (fête du travail) → weekend → Monday 4 May.
    let mut s = Scene::le("2026-04-24");
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.fixer_date(d("2026-05-04")).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    s.r.avancer(1).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::AbsenceValidationMoeDelaiReglementaire);
}

fn taux() -> chorus_travaux::domaine::paiement::TableTaux {
    lire_taux(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/taux-bce.yaml")).expect("the rate file loads")
}

#[test]
fn late_payment_interest_and_indemnity() {
    // D-DELAIS-7: A4 made available 2 March 2026, 30 days → 1 April; paid 11 April = 10 days late.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    assert_eq!(s.r.echeance_paiement(a19), Some(d("2026-04-01")));
    s.r.constater_service_fait(MOA, a19).expect("sf");
    s.r.mandater(MOA, a19).expect("m");
    s.r.fixer_date(d("2026-04-11")).expect("the calendar moves forward");
    s.r.mettre_en_paiement(MOA, a19).expect("mep");
    let r = s.r.interets(a19, &taux()).expect("late");
    assert_eq!(r.jours, 10);
    assert_eq!(r.taux_bce, Some(dec("2.15")));
    // 12 000 € TTC × 10.15 % × 10 / 365 = 33.37 €.
    assert_eq!(r.interets, Some(dec("33.37")));
    assert_eq!(r.indemnite, dec("40"));
}

#[test]
fn paid_on_time_owes_nothing() {
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    s.r.fixer_date(d("2026-04-01")).expect("the calendar moves forward");
    s.payer(MOA, a19);
    assert_eq!(s.r.interets(a19, &taux()), None);
}

#[test]
fn payment_period_by_payer_category() {
    // CCP R.2192-10/11: 30 / 50 / 60 days.
    for (cat, attendu) in [
        (CategoriePayeur::Etat, "2026-04-01"),
        (CategoriePayeur::EtablissementPublicSante, "2026-04-21"),
        (CategoriePayeur::EntreprisePublique, "2026-05-01"),
    ] {
        let mut s = Scene::demo();
        s.structure(SIRET_VILLE, |st| st.categorie = cat);
        let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
        let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
        let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
        assert_eq!(s.r.echeance_paiement(a19), Some(d(attendu)), "{cat:?}");
    }
}

#[test]
fn a_suspension_interrupts_the_payment_period_once() {
    // D-DELAIS-7.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    s.r.fixer_date(d("2026-03-12")).expect("the calendar moves forward"); // 20 days remain
    s.r.suspendre(MOA, a19, "RIB manquant").expect("suspendue");
    assert_eq!(s.r.echeance_paiement(a19), None);
    s.r.fixer_date(d("2026-03-20")).expect("the calendar moves forward");
    s.r.completer(TITULAIRE, a19, "RIB joint").expect("complétée");
    assert_eq!(s.statut(a19), S::MiseADisposition);
    assert_eq!(s.r.echeance_paiement(a19), Some(d("2026-04-19")), "30 days from completion");
    s.r.suspendre(MOA, a19, "encore").expect("second");
    s.r.completer(TITULAIRE, a19, "ok").expect("complétée");
    assert_eq!(s.r.echeance_paiement(a19), Some(d("2026-04-19")), "a second suspension does not interrupt");
}

#[test]
fn interest_runs_on_the_amount_paid() {
    // D-DELAIS-7: the amount paid late, here the montant à payer (retenue deducted).
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let mut depot = chorus_travaux::domaine::reference::Depot::nouveau(C::A19, Some(MARCHE), ht("10000")).suit(a15);
    depot.montants.a_payer = dec("11400"); // 5 % retenue de garantie on 12 000 € TTC
    let a19 = s.depot(MOA, depot).expect("A19");
    s.r.constater_service_fait(MOA, a19).expect("sf");
    s.r.mandater(MOA, a19).expect("m");
    s.r.fixer_date(d("2026-04-11")).expect("the calendar moves forward");
    s.r.mettre_en_paiement(MOA, a19).expect("mep");
    let r = s.r.interets(a19, &taux()).expect("late");
    // 11 400 × 10.15 % × 10 / 365 = 31.70 €.
    assert_eq!(r.interets, Some(dec("31.70")));
}

#[test]
fn the_calendar_still_sees_a_piece_that_comes_back_under_a_deadline() {
    // The calendar walks only the pieces a deadline may reach: a refused A4 leaves that watch on
    // the next day, and must come back with its recycling (D-DELAIS-2 runs again from it).
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.refuser(MOE, a4, "MAUVAIS_VALIDEUR", "code service erroné").expect("refus");
    s.r.avancer(3).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::ARecycler);
    s.r.recycler(TITULAIRE, a4, &[]).expect("recycled");
    s.r.avancer(20).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::AbsenceValidationMoeDelaiReglementaire);
}
