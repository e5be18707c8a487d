//! The decisions of the second wave (decisions.md, issue « the reference, right to the rule »):
//! each test fails on the reference as it was before them.

use crate::aides::d as date;
use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::piece::{Espace, EtatDossier, PieceId};
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::siret::Siret;
use chorus_travaux::domaine::statut::Statut as S;
use chorus_travaux::domaine::structure::{PresenceMoa, TypeStructure};
use chorus_travaux::domaine::utilisateur::{RoleRattachement, Utilisateur};

fn sans_titulaire(s: &mut Scene) {
    s.fiche(MARCHE, |m| m.titulaire.dans_chorus_pro = false);
}

#[test]
fn an_initial_dg_is_accepted_when_the_titulaire_is_not_in_chorus_pro() {
    // D-CHAINE row A20: initial when the titulaire is absent; it goes to the payer (hypothèse
    // H-DG-SANS-TITULAIRE), as the A19 does.
    let mut s = Scene::le("2026-10-05");
    sans_titulaire(&mut s);
    let a20 = s.ok(MOA, C::A20, None, "250000");
    assert_eq!(s.statut(a20), S::MiseADisposition);
    assert_eq!(s.p(a20).espace, Espace::FacturesRecues);
    let a19 = s.ok(MOA, C::A19, None, "1000");
    assert_eq!(s.p(a19).espace, Espace::FacturesRecues);
}

#[test]
fn an_absent_titulaire_is_named_as_such_and_does_not_act() {
    // D-CHAINE-7, and the right code when a piece would go to an absent titulaire.
    let mut s = Scene::demo();
    sans_titulaire(&mut s);
    let e = s.refus(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), ht("1000")), R::ActeurAbsentDeChorusPro);
    assert!(e.message.contains("n'est pas dans Chorus Pro"), "{}", e.message);
    let e = s.refus(SOUS_TRAITANT, Depot::nouveau(C::A10, Some(MARCHE), ht("1000")), R::ActeurAbsentDeChorusPro);
    assert!(e.message.contains("titulaire"), "{}", e.message);
}

#[test]
fn an_exclusivement_moa_without_service_financier_leaves_no_payer() {
    // D-ROUTAGE step 4: no payer, the first piece is refused.
    let mut s = Scene::demo();
    s.structure(SIRET_VILLE, |st| st.presence_moa = PresenceMoa::ExclusivementMoa);
    s.refus(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), ht("1000")), R::PayeurAbsent);
}

#[test]
fn a_cotraitant_sees_its_own_dossiers_only() {
    // D-UTILISATEURS-3: being a party of the contract is not enough.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "1000");
    assert_refus(s.r.consulter(COTRAITANT, a4), R::PieceInconnue);
    assert_refus(s.r.consulter(SOUS_TRAITANT, a4), R::PieceInconnue);
    assert!(s.r.consulter(MOE, a4).is_ok() && s.r.consulter(MOA, a4).is_ok());
    let a13 = s.ok(COTRAITANT, C::A13, None, "500");
    assert_refus(s.r.consulter(TITULAIRE, a13), R::PieceInconnue);
    assert!(s.r.rechercher(COTRAITANT).expect("search").iter().all(|p| p.id != a4));
    // The titulaire validates a sous-traitant's A10: it sees that dossier.
    let a10 = s.ok(SOUS_TRAITANT, C::A10, None, "300");
    assert!(s.r.consulter(TITULAIRE, a10).is_ok());
    assert_refus(s.r.consulter(COTRAITANT, a10), R::PieceInconnue);
    // Nobody is told of a piece it may not see (D-NOTIF-1).
    let cotraitant = s.r.annuaire().chercher(Siret::parse("15184715600016").expect("siret")).expect("structure");
    assert!(s.r.notifications().iter().all(|n| n.destinataire != cotraitant || n.piece == a13));
}

#[test]
fn a_sous_traitant_does_not_see_the_titulaires_dg() {
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    let a17 = s.ok(MOE, C::A17, Some(a7), "248000");
    let a20 = s.ok(MOA, C::A20, Some(a17), "248000");
    assert_refus(s.r.consulter(SOUS_TRAITANT, a20), R::PieceInconnue);
    assert!(s.r.consulter(TITULAIRE, a20).is_ok());
}

#[test]
fn the_moads_appel_de_fonds_is_seen_by_the_moad_and_its_mandant_only() {
    // D-UTILISATEURS-3 (defect 8).
    let mut s = Scene::demo();
    let mut d = Depot::nouveau(C::A1, Some(MARCHE_MOAD), ht("1000"));
    d.appel_de_fonds = true;
    d.destinataire = Some(SIRET_MANDANT.into());
    d.code_service = Some(String::new());
    // The mandataire advances the cash: it must have paid first.
    let a4 = s.depot(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE_MOAD), ht("5000"))).expect("A4");
    let a15 = s.depot(MOE, Depot::nouveau(C::A15, Some(MARCHE_MOAD), ht("5000")).suit(a4)).expect("A15");
    let a19 = s.depot(MOAD, Depot::nouveau(C::A19, Some(MARCHE_MOAD), ht("5000")).suit(a15)).expect("A19");
    s.payer(MOAD, a19);
    let appel = s.depot(MOAD, d).expect("appel de fonds");
    assert!(s.r.consulter(MOAD, appel).is_ok() && s.r.consulter(MANDANT, appel).is_ok());
    assert_refus(s.r.consulter(TITULAIRE, appel), R::PieceInconnue);
    assert_refus(s.r.consulter(MOE, appel), R::PieceInconnue);
}

#[test]
fn the_calendar_never_goes_backwards_and_stays_within_a_century() {
    // D-DELAIS-1bis.
    let mut s = Scene::demo();
    s.ok(TITULAIRE, C::A4, None, "1000");
    let e = assert_refus(s.r.fixer_date(d("2026-03-01")), R::DateAnterieure);
    assert!(e.message.contains("2 mars 2026"), "{}", e.message);
    assert_eq!(s.r.date(), d("2026-03-02"));
    assert!(s.r.fixer_date(d("2026-03-02")).is_ok(), "the same date is no move");
    assert_refus(s.r.fixer_date(d("2126-03-03")), R::DateHorsLimites);
    assert_refus(s.r.avancer(2_000_000_000), R::DateHorsLimites);
    assert_refus(s.r.avancer(u64::MAX), R::DateHorsLimites);
    assert_eq!(s.r.date(), d("2026-03-02"), "a refused move moves nothing");
    assert!(s.r.fixer_date(d("2126-03-02")).is_ok(), "a century ahead is the limit");
}

fn utilisateur(s: &mut Scene, login: &str, pigp: bool, siret_: &str, role: RoleRattachement) {
    let mut u = Utilisateur::nouveau(login, "Prénom", "Nom");
    u.pigp = pigp;
    s.r.creer_utilisateur(u).expect("user");
    s.r.rattacher(login, siret(siret_), role).expect("attached");
}

/// A private structure that will become a MOAD, with its gestionnaire (no PIGP needed while it
/// is private).
fn moad_privee(s: &mut Scene) -> Siret {
    let siret_ = "12345678200010";
    let st = chorus_travaux::domaine::structure::Structure::nouvelle(siret(siret_), "SEM Future", TypeStructure::Privee);
    s.r.ajouter_structure(st).expect("structure");
    utilisateur(s, "chef@sem.fr", true, siret_, RoleRattachement::GestionnairePrincipal);
    utilisateur(s, "agent@sem.fr", false, siret_, RoleRattachement::Utilisateur);
    siret(siret_)
}

#[test]
fn only_a_gestionnaire_files_a_sollicitation_for_its_own_accounts() {
    // D-UTILISATEURS-4.
    let mut s = Scene::demo();
    let sem = moad_privee(&mut s);
    assert_refus(s.r.deposer_sollicitation("agent@sem.fr", sem, &["chef@sem.fr".into()]), R::ReserveGestionnaire);
    // A stranger's account (a gestionnaire of another structure) is never named.
    assert_refus(s.r.deposer_sollicitation("chef@sem.fr", sem, &["chef@sem.fr".into(), MOA.into()]), R::GestionnaireNonRattache);
    // A secondary gestionnaire needs a PIGP account too.
    assert_refus(s.r.deposer_sollicitation("chef@sem.fr", sem, &["chef@sem.fr".into(), "agent@sem.fr".into()]), R::PigpRequis);
    let n = s.r.deposer_sollicitation("chef@sem.fr", sem, &["chef@sem.fr".into()]).expect("filed");
    s.r.traiter_sollicitation(n).expect("treated");
    let id = s.r.annuaire().chercher(sem).expect("structure");
    assert_eq!(s.r.annuaire().get(id).type_structure, TypeStructure::Publique);
    assert!(s.r.utilisateur(MOA).expect("user").rattachement(id).is_none(), "no stranger attached");
}

/// No MOA in Chorus Pro: the A17 and the A22 go to the payer (D-CHAINE-4).
fn sans_moa_jusqu_a_l_a17() -> (Scene, PieceId) {
    let mut s = Scene::le("2026-10-05");
    s.fiche(MARCHE, |m| m.moa.dans_chorus_pro = false);
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    let a17 = s.ok(MOE, C::A17, Some(a7), "248000");
    assert_eq!(s.statut(a17), S::MiseADisposition);
    assert_eq!(s.p(a17).espace, Espace::FacturesRecues);
    (s, a17)
}

#[test]
fn a_piece_at_the_payer_for_want_of_an_moa_is_followed_then_no_longer_payable() {
    // D-CHAINE-4: after an A17 sent to the payer, the A18 (the MOE acting for the MOA) follows.
    let (mut s, a17) = sans_moa_jusqu_a_l_a17();
    let a18 = s.ok(MOE, C::A18, Some(a17), "248000");
    assert_eq!(s.statut(a17), S::Associee);
    assert_eq!(s.statut(a18), S::MiseADispositionFournisseur);
    assert_refus(s.r.constater_service_fait(MOA, a17), R::StatutIncompatible);
}

#[test]
fn an_a22_at_the_payer_is_followed_by_the_dgd_tacite_and_the_solde_is_paid_once() {
    // D-CHAINE-4 (defect 6): A17 → A22 at the payer → A23; the A22 is no longer payable.
    let (mut s, a17) = sans_moa_jusqu_a_l_a17();
    s.r.fixer_date(d("2026-11-05")).expect("the calendar moves forward");
    let a22 = s.ok(TITULAIRE, C::A22, Some(a17), "250000");
    assert_eq!(s.statut(a17), S::RemplaceeParA22, "D-CHAINE-3");
    assert_eq!(s.p(a22).espace, Espace::FacturesRecues);
    s.r.fixer_date(d("2026-11-17")).expect("the calendar moves forward");
    let a23 = s.ok(TITULAIRE, C::A23, Some(a22), "250000");
    assert_eq!(s.statut(a22), S::Associee);
    assert_refus(s.r.constater_service_fait(MOA, a22), R::StatutIncompatible);
    s.payer(MOA, a23);
    assert_eq!(s.etat(a23), EtatDossier::Paye);
}

#[test]
fn a_paid_piece_at_the_payer_closes_its_chain() {
    let (mut s, a17) = sans_moa_jusqu_a_l_a17();
    s.payer(MOA, a17);
    s.refus(MOE, Depot::nouveau(C::A18, Some(MARCHE), ht("248000")).suit(a17), R::PiecePrecedenteNonDisponible);
}

#[test]
fn factures_simples_name_their_depositor() {
    // D-CHAINE-6 (defect 7): A9 from the sous-traitant, A12 from the cotraitant only.
    let mut s = Scene::demo();
    let simple = |cadre| {
        let mut d = Depot::nouveau(cadre, Some(MARCHE), ht("100"));
        d.destinataire = Some(SIRET_VILLE.into());
        d
    };
    s.refus(TITULAIRE, simple(C::A9), R::RoleNonAutorise);
    s.refus(MOE, simple(C::A12), R::RoleNonAutorise);
    s.refus(MOA, simple(C::A12), R::RoleNonAutorise);
    s.depot(SOUS_TRAITANT, simple(C::A9)).expect("the sous-traitant's facture");
    s.depot(COTRAITANT, simple(C::A12)).expect("the cotraitant's facture");
    let mut sans_marche = simple(C::A12);
    sans_marche.marche = None;
    s.refus(COTRAITANT, sans_marche, R::MarcheRequis);
}

#[test]
fn a_substitute_deposits_with_its_own_cadres() {
    // D-CHAINE-6: the MOE acting for the MOA deposits A18, never the MOA's A19, A20 or A25.
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    let a17 = s.ok(MOE, C::A17, Some(a7), "248000");
    s.refus(MOE, Depot::nouveau(C::A20, Some(MARCHE), ht("248000")).suit(a17), R::RoleNonAutorise);
    s.ok(MOE, C::A18, Some(a17), "248000");
}

#[test]
fn la_postes_head_office_is_a_valid_destinataire_siret() {
    // D-ROUTAGE step 3: 35600000000048 has a valid Luhn key (digit sum 26).
    assert!(Siret::parse("35600000000048").is_ok());
    assert!(Siret::parse("35600000000001").is_ok(), "the digit-sum rule still holds");
}

#[test]
fn a_number_is_used_once_per_structure_and_year() {
    // D-REFUS-7.
    let mut s = Scene::demo();
    let mut d = Depot::nouveau(C::A4, Some(MARCHE), ht("1000"));
    d.numero = Some("PDM-2026-03".into());
    s.depot(TITULAIRE, d.clone()).expect("first");
    let e = s.refus(TITULAIRE, d.clone(), R::NumeroDejaUtilise);
    assert!(e.message.contains("PDM-2026-03"), "{}", e.message);
    // Another structure may use it; the same structure may next year.
    let mut a13 = d.clone();
    a13.cadre = C::A13;
    s.depot(COTRAITANT, a13).expect("another structure");
    s.r.fixer_date(date("2027-01-04")).expect("the calendar moves forward");
    s.depot(TITULAIRE, d).expect("next year");
}

#[test]
fn a_suspended_piece_makes_the_dossier_suspended_whatever_else_holds() {
    // D-STATUTS-4: a suspended A8 leaves the dossier « suspendu », not « DGD signé ».
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "250000");
    let a17 = s.ok(MOE, C::A17, Some(a7), "248000");
    let a20 = s.ok(MOA, C::A20, Some(a17), "248000");
    let a8 = s.ok(TITULAIRE, C::A8, Some(a20), "248000");
    s.r.suspendre(MOA, a8, "pièce justificative manquante").expect("suspended");
    assert_eq!(s.etat(a8), EtatDossier::Suspendu);
}

#[test]
fn amounts_beyond_the_maximum_are_refused_not_overflowed() {
    // Issue « bounded »: Decimal::MAX answered « Addition overflowed »; 3e28 was accepted.
    use chorus_travaux::domaine::montant::{MONTANT_MAXIMUM, Montants};
    let mut s = Scene::demo();
    for ht in [rust_decimal::Decimal::MAX, dec("30000000000000000000000000000"), MONTANT_MAXIMUM + dec("0.01")] {
        let m = Montants { ht, tva: rust_decimal::Decimal::ZERO, ttc: ht, a_payer: ht, ventilation: Default::default() };
        s.refus(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), m), R::MontantHorsLimites);
    }
    let m = Montants {
        ht: MONTANT_MAXIMUM,
        tva: rust_decimal::Decimal::ZERO,
        ttc: MONTANT_MAXIMUM,
        a_payer: MONTANT_MAXIMUM,
        ventilation: Default::default(),
    };
    s.depot(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), m)).expect("the maximum itself");
}
