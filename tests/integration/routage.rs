//! Each check of the routing core fails at least once, with its own code, in the decision's
//! order (D-ROUTAGE).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::marche::Acteur;
use chorus_travaux::domaine::piece::Espace;
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;
use chorus_travaux::domaine::structure::{PresenceMoa, Service, Structure, TypeStructure};

const SIRET_SF: &str = "17777786800015";

fn a4() -> Depot {
    Depot::nouveau(C::A4, Some(MARCHE), ht("10000"))
}

fn avec(f: impl FnOnce(&mut Depot)) -> Depot {
    let mut d = a4();
    f(&mut d);
    d
}

#[test]
fn authorisation_comes_first() {
    // D-ROUTAGE: an outsider learns nothing, even about a bad SIRET.
    let mut s = Scene::demo();
    let d = avec(|d| {
        d.structure_deposante = Some(siret(SIRET_TITULAIRE));
        d.destinataire = Some("123".into());
    });
    s.refus(MOE, d, R::UtilisateurNonRattache);
}

#[test]
fn step_2_cadre_role_and_chain() {
    let mut s = Scene::demo();
    s.refus(TITULAIRE, Depot::nouveau(C::A3, None, ht("10")), R::CadreHorsPerimetre);
    s.refus(TITULAIRE, Depot::nouveau(C::A21, None, ht("10")), R::CadreHorsPerimetre);
    s.refus(TITULAIRE, Depot::nouveau(C::A4, None, ht("10")), R::MarcheRequis);
    s.refus(MOE, Depot::nouveau(C::A4, Some(MARCHE), ht("10")), R::RoleNonAutorise);
    s.refus(TITULAIRE, Depot::nouveau(C::A19, Some(MARCHE), ht("10")), R::RoleNonAutorise);
    s.refus(MOA, Depot::nouveau(C::A19, Some(MARCHE), ht("10")), R::PiecePrecedenteRequise);
    s.refus(TITULAIRE, Depot::nouveau(C::A4, Some("INCONNU"), ht("10")), R::MarcheInconnu);
}

#[test]
fn step_3_destinataire_siret() {
    let mut s = Scene::demo();
    s.refus(TITULAIRE, avec(|d| d.destinataire = Some("4477127820001".into())), R::SiretFormatInvalide);
    s.refus(TITULAIRE, avec(|d| d.destinataire = Some("44771278200014".into())), R::SiretCleInvalide);
    s.refus(TITULAIRE, avec(|d| d.destinataire = Some("33053041900010".into())), R::DestinataireInconnu);
    s.structure(SIRET_VILLE, |st| st.active = false);
    s.refus(TITULAIRE, a4(), R::DestinataireInactif);
}

#[test]
fn la_poste_siret_is_accepted_by_its_own_rule() {
    let mut s = Scene::demo();
    let e = s.refus(TITULAIRE, avec(|d| d.destinataire = Some("35600000000001".into())), R::DestinataireInconnu);
    assert!(e.message.contains("35600000000001"), "the key passed: the directory is what refused");
}

#[test]
fn step_4_next_actor() {
    let mut s = Scene::demo();
    s.refus(TITULAIRE, avec(|d| d.moe = Some(SIRET_VILLE.into())), R::MauvaiseMoe);
    s.refus(TITULAIRE, avec(|d| d.moa = Some(SIRET_MOE.into())), R::MauvaiseMoa);
    s.refus(TITULAIRE, avec(|d| d.destinataire = Some(SIRET_MOE.into())), R::DestinataireNonPayeur);
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.structure(SIRET_VILLE, |st| st.type_structure = TypeStructure::Privee);
    s.fiche(MARCHE, |m| {
        m.service_financier = Some(Acteur {
            raison_sociale: "Ville".into(),
            siret: siret(SIRET_VILLE),
            code_service: None,
            numero_engagement: None,
            dans_chorus_pro: true,
        })
    });
    s.refus(MOE, Depot::nouveau(C::A15, Some(MARCHE), ht("10000")).suit(a4), R::MoaNonHabilitee);
}

fn moa_exclusive_avec_sf(s: &mut Scene, presence_sf: PresenceMoa) {
    let mut sf = Structure::nouvelle(siret(SIRET_SF), "Trésorerie de Villeurbanne", TypeStructure::Publique);
    sf.presence_moa = presence_sf;
    s.r.ajouter_structure(sf).expect("sf");
    s.structure(SIRET_VILLE, |st| st.presence_moa = PresenceMoa::ExclusivementMoa);
    s.fiche(MARCHE, |m| {
        m.service_financier = Some(Acteur {
            raison_sociale: "Trésorerie de Villeurbanne".into(),
            siret: siret(SIRET_SF),
            code_service: None,
            numero_engagement: None,
            dans_chorus_pro: true,
        });
        m.moa.code_service = None;
    });
}

#[test]
fn exclusivement_moa_with_a_separate_payer() {
    // Fact base §4.1 case 2: the MOA handles travaux pieces, the SF « sans MOA » pays.
    let mut s = Scene::demo();
    moa_exclusive_avec_sf(&mut s, PresenceMoa::SansMoa);
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    assert_eq!(s.p(a4).destinataire, siret(SIRET_SF));
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    let a19 = s.ok(MOA, C::A19, Some(a15), "10000");
    assert_eq!(s.p(a19).espace, Espace::FacturesRecues);
    assert_eq!(s.p(a19).recipiendaire, s.r.annuaire().chercher(siret(SIRET_SF)).expect("sf"));
    // The MOA's own SIRET as payer is refused: it is not the payer.
    s.refus(TITULAIRE, avec(|d| d.destinataire = Some(SIRET_VILLE.into())), R::DestinataireNonPayeur);
}

#[test]
fn exclusivement_moa_receives_no_facture_simple() {
    let mut s = Scene::demo();
    s.structure(SIRET_VILLE, |st| st.presence_moa = PresenceMoa::ExclusivementMoa);
    let mut d = Depot::nouveau(C::A1, None, ht("100"));
    d.destinataire = Some(SIRET_VILLE.into());
    s.refus(TITULAIRE, d.clone(), R::DestinataireExclusivementMoa);
    s.structure(SIRET_VILLE, |st| st.presence_moa = PresenceMoa::SansMoa);
    let id = s.depot(TITULAIRE, d).expect("sans MOA receives factures simples");
    assert_eq!(s.p(id).espace, Espace::FacturesRecues);
}

#[test]
fn sans_moa_receives_only_the_listed_cadres() {
    // Fact base §4.1 case 3: without MOE and MOA in Chorus Pro the A7 would land in the SF's
    // Factures reçues, which the seed's list does not allow; an A6 is listed.
    let mut s = Scene::le("2026-10-05");
    moa_exclusive_avec_sf(&mut s, PresenceMoa::SansMoa);
    s.fiche(MARCHE, |m| {
        m.moe.as_mut().expect("moe").dans_chorus_pro = false;
        m.moa.dans_chorus_pro = false;
    });
    s.refus(TITULAIRE, Depot::nouveau(C::A7, Some(MARCHE), ht("10")), R::CadreNonRecuSansMoa);
    s.ok(TITULAIRE, C::A6, None, "10");
}

#[test]
fn steps_5_and_6_code_service_and_engagement() {
    let mut s = Scene::demo();
    s.refus(TITULAIRE, avec(|d| d.code_service = Some("INCONNU".into())), R::CodeServiceInconnu);
    s.r.ajouter_service(
        siret(SIRET_VILLE),
        Service { code: "FERME".into(), libelle: "Fermé".into(), actif: false, engagement_requis: false },
    )
    .expect("service");
    s.refus(TITULAIRE, avec(|d| d.code_service = Some("FERME".into())), R::ServiceInactif);
    s.structure(SIRET_VILLE, |st| st.parametres.code_service_doit_etre_renseigne = true);
    s.fiche(MARCHE, |m| m.moa.code_service = None);
    s.refus(TITULAIRE, a4(), R::CodeServiceManquant);
    s.structure(SIRET_VILLE, |st| {
        st.parametres.code_service_doit_etre_renseigne = false;
        st.parametres.numero_ej_doit_etre_renseigne = true;
    });
    s.fiche(MARCHE, |m| m.moa.numero_engagement = None);
    s.refus(TITULAIRE, a4(), R::EngagementManquant);
    s.structure(SIRET_VILLE, |st| {
        st.parametres.numero_ej_doit_etre_renseigne = false;
        st.parametres.gestion_numero_ej_ou_code_service = true;
    });
    s.refus(TITULAIRE, a4(), R::EngagementOuServiceManquant);
    s.depot(TITULAIRE, avec(|d| d.code_service = Some("TRAVAUX".into()))).expect("a code service is enough");
}

#[test]
fn a_service_may_require_an_engagement() {
    let mut s = Scene::demo();
    s.fiche(MARCHE, |m| m.moa.numero_engagement = None);
    s.r.ajouter_service(siret(SIRET_VILLE), Service { code: "TRAVAUX".into(), libelle: "DB".into(), actif: true, engagement_requis: true })
        .expect("s");
    s.refus(TITULAIRE, a4(), R::EngagementManquant);
}

#[test]
fn amounts_must_add_up() {
    // D-MONTANTS-2.
    let mut s = Scene::demo();
    let mut d = a4();
    d.montants.ttc += dec("0.01");
    s.refus(TITULAIRE, d, R::MontantsIncoherents);
}
