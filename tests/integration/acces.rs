//! Users, attachments, spaces and parameters (D-UTILISATEURS, D-ROUTAGE step 1).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::structure::PresenceMoa;
use chorus_travaux::domaine::utilisateur::{RoleRattachement, Utilisateur};

#[test]
fn a_user_not_attached_to_the_structure() {
    let mut s = Scene::demo();
    let mut d = Depot::nouveau(C::A4, Some(MARCHE), ht("10"));
    d.structure_deposante = Some(siret(SIRET_TITULAIRE));
    s.refus(MOE, d, R::UtilisateurNonRattache);
}

#[test]
fn a_user_without_the_travaux_authorisation() {
    let mut s = Scene::demo();
    s.r.creer_utilisateur(Utilisateur::nouveau("stagiaire@batiments-rhone.fr", "Léo", "Dupuis")).expect("u");
    s.r.rattacher("stagiaire@batiments-rhone.fr", siret(SIRET_TITULAIRE), RoleRattachement::Utilisateur).expect("r");
    s.refus("stagiaire@batiments-rhone.fr", Depot::nouveau(C::A4, Some(MARCHE), ht("10")), R::EspaceTravauxNonHabilite);
    // Only a gestionnaire authorises.
    assert_refus(
        s.r.habiliter_travaux("stagiaire@batiments-rhone.fr", "stagiaire@batiments-rhone.fr", siret(SIRET_TITULAIRE)),
        R::ReserveGestionnaire,
    );
    s.r.habiliter_travaux(TITULAIRE, "stagiaire@batiments-rhone.fr", siret(SIRET_TITULAIRE)).expect("gestionnaire");
    s.ok("stagiaire@batiments-rhone.fr", C::A4, None, "10");
}

#[test]
fn nobody_sees_another_structure_s_piece() {
    // D-UTILISATEURS-2.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    assert!(s.r.consulter(MOE, a4).is_ok());
    assert_refus(s.r.consulter(MANDANT, a4), R::PieceInconnue);
    assert_refus(s.r.refuser(MANDANT, a4, "AUTRE", "x"), R::PieceInconnue);
    assert_refus(s.r.prendre_en_compte(MANDANT, a4), R::PieceInconnue);
    assert!(s.r.rechercher(MANDANT).expect("ok").is_empty());
}

#[test]
fn only_a_gestionnaire_changes_parameters() {
    // D-UTILISATEURS-1.
    let mut s = Scene::demo();
    s.r.creer_utilisateur(Utilisateur::nouveau("agent@villeurbanne.fr", "Éric", "Faure")).expect("u");
    s.r.rattacher("agent@villeurbanne.fr", siret(SIRET_VILLE), RoleRattachement::Utilisateur).expect("r");
    let p = s.r.annuaire().par_siret(siret(SIRET_VILLE)).expect("v").1.parametres;
    assert_refus(
        s.r.modifier_parametres("agent@villeurbanne.fr", siret(SIRET_VILLE), p, Some(PresenceMoa::SansMoa)),
        R::ReserveGestionnaire,
    );
    s.r.modifier_parametres(MOA, siret(SIRET_VILLE), p, Some(PresenceMoa::ExclusivementMoa)).expect("gestionnaire");
    // A private structure cannot be MOA.
    assert_refus(s.r.modifier_parametres(TITULAIRE, siret(SIRET_TITULAIRE), p, Some(PresenceMoa::AvecMoa)), R::MoaNonHabilitee);
}

#[test]
fn a_public_gestionnaire_needs_pigp() {
    let mut s = Scene::demo();
    s.r.creer_utilisateur(Utilisateur::nouveau("chef@villeurbanne.fr", "Nina", "Garnier")).expect("u");
    assert_refus(s.r.rattacher("chef@villeurbanne.fr", siret(SIRET_VILLE), RoleRattachement::GestionnaireSecondaire), R::PigpRequis);
    s.r.rattacher("chef@villeurbanne.fr", siret(SIRET_VILLE), RoleRattachement::Utilisateur).expect("a simple user needs none");
}

#[test]
fn a_closed_space_receives_no_deposit() {
    let mut s = Scene::demo();
    s.structure(SIRET_TITULAIRE, |st| st.espace_travaux = false);
    s.refus(TITULAIRE, Depot::nouveau(C::A4, Some(MARCHE), ht("10")), R::EspaceTravauxFerme);
    s.r.ouvrir_espace_travaux(TITULAIRE, siret(SIRET_TITULAIRE)).expect("opened");
    s.ok(TITULAIRE, C::A4, None, "10");
}

#[test]
fn an_outsider_learns_nothing_of_contracts_or_pieces() {
    // D-ROUTAGE: authorisation first.
    let mut s = Scene::demo();
    s.r.creer_utilisateur(Utilisateur::nouveau("curieux@exemple.fr", "Cu", "Rieux")).expect("u");
    let mut d = Depot::nouveau(C::A15, Some("MARCHE-QUI-N-EXISTE-PAS"), ht("10"));
    d.precedente = Some(chorus_travaux::domaine::piece::PieceId(999));
    s.refus("curieux@exemple.fr", d, R::UtilisateurNonRattache);
    // An attached user asking for a piece that does not exist or that it cannot see gets the
    // same answer.
    let a4 = s.ok(TITULAIRE, C::A4, None, "10");
    let mut absente = Depot::nouveau(C::A15, Some(MARCHE_MOAD), ht("10"));
    absente.precedente = Some(chorus_travaux::domaine::piece::PieceId(999));
    let e1 = s.refus(MOAD, absente, R::PiecePrecedenteInconnue);
    let mut invisible = Depot::nouveau(C::A19, Some(MARCHE_MOAD), ht("10"));
    invisible.precedente = Some(a4);
    let e2 = s.refus(MOAD, invisible, R::PiecePrecedenteInconnue);
    assert_eq!(e1.message, e2.message);
}
