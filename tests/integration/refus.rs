//! Refusals at every stage, recycling, suspension (D-REFUS, fact base §3.3).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::marche::Acteur;
use chorus_travaux::domaine::piece::EtatDossier;
use chorus_travaux::domaine::reference::{Depot, Modification};
use chorus_travaux::domaine::refus::CodeRefus as R;
use chorus_travaux::domaine::statut::Statut as S;

#[test]
fn moe_refuses_a_projet_for_routing_error_then_recycling() {
    // D-REFUS-2, D-REFUS-4: back to the depositor, only routing data change, number kept.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let numero = s.p(a4).numero.clone();
    s.r.refuser(MOE, a4, "MAUVAIS_VALIDEUR", "code service erroné").expect("refus");
    assert_eq!(s.statut(a4), S::ARecycler);
    assert_eq!(s.p(a4).libelle_portail(), "REFUSÉE PAR LA MOE POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT");
    assert_refus(s.r.recycler(TITULAIRE, a4, &[Modification::Autre("montantHT".into())]), R::RecyclageChampInterdit);
    assert_refus(s.r.recycler(TITULAIRE, a4, &[Modification::Moe(SIRET_MOE.into())]), R::RecyclageChampInterdit);
    assert_refus(s.r.recycler(MOE, a4, &[]), R::ActionNonAutorisee);
    assert_refus(s.r.recycler(TITULAIRE, a4, &[Modification::CodeService(Some("INEXISTANT".into()))]), R::CodeServiceInconnu);
    s.r.recycler(TITULAIRE, a4, &[Modification::CodeService(Some("COMPTA".into()))]).expect("recycled");
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    assert_eq!(s.p(a4).numero, numero);
    assert_eq!(s.p(a4).code_service.as_deref(), Some("COMPTA"));
    s.ok(MOE, C::A15, Some(a4), "10000");
}

#[test]
fn recycling_with_a_wrong_moe() {
    // D-REFUS-4: after « Mauvaise maîtrise d'œuvre » the MOE may change.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    // An avenant names another MOE (the Ville's own technical service, a public structure).
    let nouvelle = Acteur {
        raison_sociale: "Ville de Villeurbanne".into(),
        siret: siret(SIRET_VILLE),
        code_service: None,
        numero_engagement: None,
        dans_chorus_pro: true,
    };
    s.r.designer_moe(MARCHE, nouvelle).expect("avenant");
    s.r.refuser(MOE, a4, "MAUVAISE_MOE", "nous ne sommes plus MOE").expect("refus");
    s.r.recycler(TITULAIRE, a4, &[Modification::Moe(SIRET_VILLE.into())]).expect("recycled to the new MOE");
    assert_eq!(s.statut(a4), S::MiseADispositionMoe);
    assert_eq!(s.p(a4).recipiendaire, s.r.annuaire().chercher(siret(SIRET_VILLE)).expect("ville"));
}

#[test]
fn moe_refuses_for_another_motif_and_the_circuit_stops() {
    // D-REFUS-2: frozen dossier; work resumes only with a new initial deposit.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.refuser(MOE, a4, "AUTRE", "travaux non réalisés").expect("refus");
    assert_eq!(s.statut(a4), S::RefuseeMoe);
    assert_eq!(s.p(a4).libelle_portail(), "REFUSÉE PAR LA MOE POUR AUTRE MOTIF");
    assert_eq!(s.etat(a4), EtatDossier::Refuse);
    s.refus(MOE, Depot::nouveau(C::A15, Some(MARCHE), ht("1")).suit(a4), R::PiecePrecedenteNonDisponible);
    assert_refus(s.r.recycler(TITULAIRE, a4, &[]), R::StatutIncompatible);
    let nouveau = s.ok(TITULAIRE, C::A4, None, "9000");
    assert_ne!(s.p(nouveau).dossier, s.p(a4).dossier);
    assert_ne!(s.p(nouveau).numero, s.p(a4).numero);
}

#[test]
fn moa_refuses_an_etat_d_acompte_for_each_kind() {
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    s.r.refuser(MOA, a15, "MAUVAISE_MOA", "").expect("routing");
    assert_eq!(s.statut(a15), S::ARecycler);
    assert_eq!(s.p(a15).libelle_portail(), "REFUSÉE PAR LA MOA POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT");
    s.r.recycler(MOE, a15, &[]).expect("recycled");
    s.r.refuser(MOA, a15, "AUTRE", "état d'acompte incomplet").expect("autre");
    assert_eq!(s.statut(a15), S::RefuseeMoa);
    assert_eq!(s.etat(a15), EtatDossier::Refuse);
}

#[test]
fn moa_refuses_a_projet_de_decompte_general() {
    let mut s = Scene::le("2026-10-05");
    let a7 = s.ok(TITULAIRE, C::A7, None, "1000");
    let a17 = s.ok(MOE, C::A17, Some(a7), "1000");
    s.r.refuser(MOA, a17, "AUTRE", "pièces manquantes").expect("refus");
    assert_eq!(s.statut(a17), S::RefuseeMoa);
}

#[test]
fn moa_refuses_a_visible_projet_for_autre_motif_only() {
    // D-REFUS-1: a projet de décompte made visible to the MOA.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    assert_refus(s.r.refuser(MOA, a4, "AUTRE", "x"), R::RefusNonAutorise);
    s.r.avancer(8).expect("the calendar moves forward");
    assert_refus(s.r.refuser(MOA, a4, "MAUVAISE_MOE", "x"), R::MotifNonAutorise);
    s.r.refuser(MOA, a4, "AUTRE", "hors marché").expect("refus");
    assert_eq!(s.statut(a4), S::RefuseeMoa);
}

#[test]
fn someone_who_may_not_refuse() {
    // D-REFUS-1: the titulaire cannot refuse its own projet; the MOE cannot refuse an A15.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    assert_refus(s.r.refuser(TITULAIRE, a4, "AUTRE", "x"), R::RefusNonAutorise);
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    assert_refus(s.r.refuser(MOE, a15, "AUTRE", "x"), R::RefusNonAutorise);
    assert_refus(s.r.refuser(MOA, a15, "N_IMPORTE_QUOI", "x"), R::MotifInconnu);
    // D-REFUS-1: who may refuse is checked before the motif.
    assert_refus(s.r.refuser(TITULAIRE, a15, "N_IMPORTE_QUOI", "x"), R::RefusNonAutorise);
}

#[test]
fn amount_error_motif_before_and_after_19_february_2025() {
    // D-REFUS-3, Chorus Pro KB0011867.
    // The same deposit on two calendars.
    let mut veille = Scene::demo();
    veille_au(&mut veille, "2025-02-18");
    let a4 = veille.ok(TITULAIRE, C::A4, None, "10000");
    assert_refus(veille.r.refuser(MOE, a4, "ERREUR_MONTANT", "montant faux"), R::MotifInconnu);
    let mut jour = Scene::demo();
    veille_au(&mut jour, "2025-02-19");
    let a4 = jour.ok(TITULAIRE, C::A4, None, "10000");
    let e = assert_refus(jour.r.refuser(MOE, a4, "ERREUR_MONTANT", "montant faux"), R::ErreurMontantNonMotif);
    assert!(e.message.contains("corrigez le montant"));
    assert_eq!(jour.statut(a4), S::MiseADispositionMoe, "nothing changed");
}

/// A scene whose data set starts at another date (the calendar never goes back).
fn veille_au(s: &mut Scene, date: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/jeux/demonstration.yaml");
    let texte = std::fs::read_to_string(&path).expect("read").replace("date: \"2026-03-02\"", &format!("date: \"{date}\""));
    let jeu: chorus_travaux::donnees::JeuYaml = chorus_travaux::donnees::parse_yaml(&texte, &path).expect("yaml");
    let dir = path.parent().expect("dir");
    let marches = jeu.fiches.iter().map(|f| chorus_travaux::donnees::lire_fiche(&dir.join(f)).expect("fiche")).collect();
    s.r = chorus_travaux::donnees::construire(jeu, marches).expect("jeu");
}

#[test]
fn moa_asks_the_previous_depositor_to_recycle() {
    // D-REFUS-5.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    let a15 = s.ok(MOE, C::A15, Some(a4), "10000");
    let prev = s.r.demander_recyclage(MOA, a15).expect("demande");
    assert_eq!(prev, a4);
    assert_eq!(s.statut(a4), S::ARecycler);
    assert_eq!(s.statut(a15), S::EnAttenteRecyclageFournisseur);
    s.r.recycler(TITULAIRE, a4, &[Modification::NumeroEngagement(Some("EJ-2026-0099".into()))]).expect("recycled");
    assert_eq!(s.statut(a4), S::Associee);
    assert_eq!(s.statut(a15), S::MiseADispositionMoa);
    assert_refus(s.r.demander_recyclage(MOE, a4), R::RecyclageSansPrecedente);
}

#[test]
fn suspension_and_completion() {
    // D-REFUS-6: completion puts the piece back where it was.
    let mut s = Scene::demo();
    let a4 = s.ok(TITULAIRE, C::A4, None, "10000");
    s.r.prendre_en_compte(MOE, a4).expect("pec");
    s.r.suspendre(MOE, a4, "attestation manquante").expect("suspendue");
    assert_eq!(s.statut(a4), S::Suspendue);
    assert_eq!(s.etat(a4), EtatDossier::Suspendu);
    assert_refus(s.r.completer(MOE, a4, "x"), R::ActionNonAutorisee);
    s.r.completer(TITULAIRE, a4, "attestation jointe").expect("complétée");
    assert_eq!(s.statut(a4), S::PriseEnCompteMoe);
    assert!(s.p(a4).historique.iter().any(|h| h.statut == S::Completee));
}
