//! The monthly dossier, from projet de décompte mensuel to état d'acompte validé and payment
//! (fact base §2.1, D-CHAINE, D-PAIEMENT).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::piece::{Espace, EtatDossier};
use chorus_travaux::domaine::reference::{Depot, NatureNotification};
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;

#[test]
fn nominal_with_moe_correction_to_payment() {
    // Fact base §2.1 steps 1–4; D-MONTANTS-2 (the MOE's correction is recorded).
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    assert_eq!(s.p(a4).espace, Espace::FacturesTravaux);
    s.r.prendre_en_compte(MOE, a4).expect("prise en compte");
    assert_eq!(s.statut(a4), S::PriseEnCompteMoe);

    s.r.avancer(3).expect("the calendar moves forward");
    let a15 = s.ok(MOE, C::A15, Some(a4), "9500");
    assert_eq!(s.statut(a4), S::Associee);
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    let ecart = s.p(a15).ecart.expect("the correction is recorded");
    assert_eq!(ecart.ht, dec("-500"));

    let a19 = s.ok(MOA, C::A19, Some(a15), "9500");
    assert_eq!(s.statut(a15), S::Associee);
    assert_eq!(s.statut(a19), S::MiseADisposition);
    assert_eq!(s.p(a19).espace, Espace::FacturesRecues, "the Ville is « avec MOA »: its own Factures reçues");
    assert_eq!(s.p(a19).debut_delai_paiement, Some(d("2026-03-02")), "D-DELAIS-7: from the A4's making-available");

    s.payer(MOA, a19);
    assert_eq!(s.statut(a19), S::MiseEnPaiement);
    assert_eq!(s.etat(a19), EtatDossier::Paye);
    // History only grows, and the whole chain is one dossier.
    assert_eq!(s.p(a4).dossier, s.p(a19).dossier);
    let codes: Vec<S> = s.p(a4).historique.iter().map(|h| h.statut).collect();
    assert_eq!(codes, vec![S::MiseADispositionMoe, S::PriseEnCompteMoe, S::Associee]);
}

#[test]
fn a_piece_has_at_most_one_next_piece() {
    // D-CHAINE-2.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.ok(MOE, C::A15, Some(a4), "10000");
    let e = s.refus(MOE, Depot::nouveau(C::A15, Some(MARCHE), ht("10000")).suit(a4), R::PieceDejaSuivie);
    assert!(e.message.contains("déjà"));
}

#[test]
fn a_wrong_chain_names_the_expected_cadres() {
    // D-CHAINE-1.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let e = s.refus(MOE, Depot::nouveau(C::A17, Some(MARCHE), ht("10000")).suit(a4), R::EnchainementInterdit);
    assert!(e.message.contains("A7, A14, A11"), "{}", e.message);
    let e = s.refus(MOE, Depot::nouveau(C::A15, Some(MARCHE), ht("1")), R::PiecePrecedenteRequise);
    assert!(e.message.contains("A4"), "{}", e.message);
}

#[test]
fn without_moe_the_titulaire_deposits_the_etat_d_acompte() {
    // D-CHAINE (A5 when the sheet names no MOE in Chorus Pro).
    let mut s = Scene::demo();
    s.fiche(MARCHE, |m| m.moe.as_mut().expect("moe").dans_chorus_pro = false);
    s.refus(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), ht("10000")), R::MoeAbsente);
    let a5 = s.ok(TITULAIRE, C::A5, None, "10000");
    assert_eq!(s.statut(a5), S::MiseADispositionMoa);
    let a19 = s.ok(MOA, C::A19, Some(a5), "10000");
    assert_eq!(s.statut(a19), S::MiseADisposition);
    assert_eq!(s.p(a19).debut_delai_paiement, Some(d("2026-03-02")), "D-DELAIS-7: from the making-available to the MOA");
}

#[test]
fn a5_is_refused_when_there_is_an_moe() {
    let mut s = Scene::demo();
    s.refus(TITULAIRE, Depot::nouveau(C::A5, Some(MARCHE), ht("10000")), R::RoleNonAutorise);
}

#[test]
fn without_moe_and_moa_the_titulaire_deposits_the_etat_d_acompte_valide() {
    // D-CHAINE (A6 when the sheet names neither MOE nor MOA in Chorus Pro).
    let mut s = Scene::demo();
    s.fiche(MARCHE, |m| {
        m.moe.as_mut().expect("moe").dans_chorus_pro = false;
        m.moa.dans_chorus_pro = false;
    });
    let a6 = s.ok(TITULAIRE, C::A6, None, "10000");
    assert_eq!(s.statut(a6), S::MiseADisposition);
    assert_eq!(s.p(a6).espace, chorus_travaux::domaine::piece::Espace::FacturesRecues);
}

#[test]
fn moe_validates_for_an_absent_moa_with_a16() {
    // D-CHAINE: A16 only when the sheet names no MOA in Chorus Pro; D-CHAINE-4.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.refus(MOE, Depot::nouveau(C::A16, Some(MARCHE), ht("10000")).suit(a4), R::RoleNonAutorise);
    s.fiche(MARCHE, |m| m.moa.dans_chorus_pro = false);
    let a16 = s.ok(MOE, C::A16, Some(a4), "10000");
    assert_eq!(s.statut(a16), S::MiseADisposition);
}

#[test]
fn moa_acts_after_the_moe_delay() {
    // D-DELAIS-2: from day 8 the MOA may act, first association wins.
    let mut s = Scene::demo(); // Monday 2 March 2026
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.avancer(7).expect("the calendar moves forward"); // Monday 9: last day of the MOE
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    s.refus(MOA, Depot::nouveau(C::A19, Some(MARCHE), ht("10000")).suit(a4), R::DelaiMoeEnCours);
    s.r.avancer(1).expect("the calendar moves forward");
    assert_eq!(s.statut(a4), S::AbsenceValidationMoeDelaiReglementaire);
    let a19 = s.ok(MOA, C::A19, Some(a4), "10000");
    assert_eq!(s.statut(a4), S::Associee);
    s.refus(MOE, Depot::nouveau(C::A15, Some(MARCHE), ht("10000")).suit(a4), R::PieceDejaSuivie);
    assert_eq!(s.p(a19).debut_delai_paiement, Some(d("2026-03-02")), "the payment period is unchanged");
}

#[test]
fn cotraitant_deposits_its_own_projet() {
    let mut s = Scene::demo();
    let a13 = s.ok(COTRAITANT, C::A13, None, "2000");
    assert_eq!(s.statut(a13), S::MiseADispositionMoe);
    s.refus(COTRAITANT, Depot::nouveau(C::A4, Some(MARCHE), ht("2000")), R::RoleNonAutorise);
}

#[test]
fn notifications_follow_each_step() {
    // D-NOTIF-1: who is told what.
    let mut s = Scene::demo();
    let moe = s.r.annuaire().chercher(siret(SIRET_MOE)).expect("moe");
    let ville = s.r.annuaire().chercher(siret(SIRET_VILLE)).expect("ville");
    let titulaire = s.r.annuaire().chercher(siret(SIRET_TITULAIRE)).expect("titulaire");
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let n = |s: &Scene, id, nature| {
        s.r.notifications().iter().filter(|n| n.piece == id && n.nature == nature).map(|n| n.destinataire).collect::<Vec<_>>()
    };
    assert_eq!(n(&s, a4, NatureNotification::ActionAttendue), vec![moe]);
    let mut ajoutee = n(&s, a4, NatureNotification::PieceAjoutee);
    ajoutee.sort();
    let mut attendu = vec![moe, ville];
    attendu.sort();
    assert_eq!(ajoutee, attendu, "everyone but the depositor");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    s.payer(MOA, a19);
    let mep = n(&s, a19, NatureNotification::MiseEnPaiement);
    assert!(mep.contains(&titulaire) && mep.contains(&moe));
}

#[test]
fn mise_en_paiement_is_hidden_from_the_supplier_when_the_payer_says_so() {
    // D-PAIEMENT-2.
    let mut s = Scene::demo();
    let mut p = s.r.annuaire().par_siret(siret(SIRET_VILLE)).expect("ville").1.parametres;
    p.statut_mise_en_paiement_nest_pas_remonte = true;
    s.r.modifier_parametres(MOA, siret(SIRET_VILLE), p, None).expect("gestionnaire");
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    s.payer(MOA, a19);
    let titulaire = s.r.annuaire().chercher(siret(SIRET_TITULAIRE)).expect("t");
    let ville = s.r.annuaire().chercher(siret(SIRET_VILLE)).expect("v");
    assert_eq!(s.r.statut_vu_par(s.p(a19), titulaire), S::Mandatee);
    assert_eq!(s.r.statut_vu_par(s.p(a19), ville), S::MiseEnPaiement);
    assert!(
        !s.r.notifications()
            .iter()
            .any(|n| n.piece == a19 && n.destinataire == titulaire && n.nature == NatureNotification::MiseEnPaiement)
    );
}
