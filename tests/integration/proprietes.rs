//! Property tests over random command sequences: the state machine's invariants hold whatever
//! the users do (house style; D-CHAINE-2, D-STATUTS-3, D-UTILISATEURS-2, D-MONTANTS-2).

use crate::aides::*;
use chorus_travaux::domaine::cadre::CadreFacturation;
use chorus_travaux::domaine::montant::Montants;
use chorus_travaux::domaine::piece::PieceId;
use chorus_travaux::domaine::reference::{Depot, Modification, SYSTEME};
use chorus_travaux::domaine::statut::transition_autorisee;
use proptest::prelude::*;
use std::collections::HashMap;

const ACTEURS: [&str; 7] = [TITULAIRE, MOE, MOA, COTRAITANT, SOUS_TRAITANT, MOAD, MANDANT];
const MOTIFS: [&str; 5] = ["AUTRE", "MAUVAISE_MOE", "MAUVAISE_MOA", "MAUVAIS_VALIDEUR", "ERREUR_MONTANT"];

#[derive(Debug, Clone)]
enum Commande {
    Deposer {
        acteur: usize,
        cadre: usize,
        precedente: Option<usize>,
        ht: u32,
        moad: bool,
    },
    Refuser {
        acteur: usize,
        piece: usize,
        motif: usize,
    },
    Recycler {
        acteur: usize,
        piece: usize,
    },
    PrendreEnCompte {
        acteur: usize,
        piece: usize,
    },
    Suspendre {
        acteur: usize,
        piece: usize,
    },
    Completer {
        acteur: usize,
        piece: usize,
    },
    ValiderSousTraitance {
        acteur: usize,
        piece: usize,
    },
    Payer {
        acteur: usize,
        piece: usize,
        etape: u8,
    },
    DemanderRecyclage {
        acteur: usize,
        piece: usize,
    },
    Avancer {
        jours: u8,
    },
    /// A valid start of a monthly dossier (A4, then the MOE's A15 with its own amount), so that
    /// random sequences reach associations and amount corrections, not only refusals.
    Mensuel {
        ht_a4: u32,
        ht_a15: u32,
    },
}

fn commande() -> impl Strategy<Value = Commande> {
    let a = 0..ACTEURS.len();
    let p = 0usize..14;
    prop_oneof![
        4 => (a.clone(), 0usize..25, proptest::option::of(0usize..14), 1u32..50_000, any::<bool>())
            .prop_map(|(acteur, cadre, precedente, ht, moad)| Commande::Deposer { acteur, cadre, precedente, ht, moad }),
        1 => (a.clone(), p.clone(), 0usize..MOTIFS.len()).prop_map(|(acteur, piece, motif)| Commande::Refuser { acteur, piece, motif }),
        1 => (a.clone(), p.clone()).prop_map(|(acteur, piece)| Commande::Recycler { acteur, piece }),
        1 => (a.clone(), p.clone()).prop_map(|(acteur, piece)| Commande::PrendreEnCompte { acteur, piece }),
        1 => (a.clone(), p.clone()).prop_map(|(acteur, piece)| Commande::Suspendre { acteur, piece }),
        1 => (a.clone(), p.clone()).prop_map(|(acteur, piece)| Commande::Completer { acteur, piece }),
        1 => (a.clone(), p.clone()).prop_map(|(acteur, piece)| Commande::ValiderSousTraitance { acteur, piece }),
        2 => (a.clone(), p.clone(), 0u8..3).prop_map(|(acteur, piece, etape)| Commande::Payer { acteur, piece, etape }),
        1 => (a, p).prop_map(|(acteur, piece)| Commande::DemanderRecyclage { acteur, piece }),
        2 => (0u8..40).prop_map(|jours| Commande::Avancer { jours }),
        2 => (1u32..50_000, 1u32..50_000).prop_map(|(ht_a4, ht_a15)| Commande::Mensuel { ht_a4, ht_a15 }),
    ]
}

/// Applies a command. Piece numbers 0 to 11 name existing pieces; 12 and 13 name pieces that do
/// not exist, and a command on one of those must be refused.
fn appliquer(s: &mut Scene, c: &Commande) -> Result<(), TestCaseError> {
    let n = s.r.pieces().len();
    let piece = |i: usize| if i >= 12 { PieceId((n + 1 + i - 12) as u32) } else { PieceId((i % n.max(1)) as u32 + 1) };
    let inconnue = |i: usize| piece(i).0 as usize > n;
    // Refusals are legitimate outcomes; the invariants are what matter, and a piece that does
    // not exist is never acted upon.
    let avant = s.r.clone();
    let (cible, resultat) = match *c {
        Commande::Deposer { acteur, cadre, precedente, ht, moad } => {
            let marche = if moad { MARCHE_MOAD } else { MARCHE };
            let mut d = Depot::nouveau(CadreFacturation::TOUS[cadre], Some(marche), Montants::depuis_ht(ht.into(), dec("20")));
            d.precedente = precedente.filter(|_| n > 0).map(piece);
            (precedente.filter(|_| n > 0), s.r.deposer(ACTEURS[acteur], &d).map(|_| ()))
        }
        Commande::Refuser { acteur, piece: p, motif } if n > 0 => (Some(p), s.r.refuser(ACTEURS[acteur], piece(p), MOTIFS[motif], "motif")),
        Commande::Recycler { acteur, piece: p } if n > 0 => {
            (Some(p), s.r.recycler(ACTEURS[acteur], piece(p), &[Modification::CodeService(Some("COMPTA".into()))]))
        }
        Commande::PrendreEnCompte { acteur, piece: p } if n > 0 => (Some(p), s.r.prendre_en_compte(ACTEURS[acteur], piece(p))),
        Commande::Suspendre { acteur, piece: p } if n > 0 => (Some(p), s.r.suspendre(ACTEURS[acteur], piece(p), "complément")),
        Commande::Completer { acteur, piece: p } if n > 0 => (Some(p), s.r.completer(ACTEURS[acteur], piece(p), "complété")),
        Commande::ValiderSousTraitance { acteur, piece: p } if n > 0 => {
            (Some(p), s.r.valider_sous_traitance(ACTEURS[acteur], piece(p), None))
        }
        Commande::Payer { acteur, piece: p, etape } if n > 0 => {
            let (a, id) = (ACTEURS[acteur], piece(p));
            let r = match etape {
                0 => s.r.constater_service_fait(a, id),
                1 => s.r.mandater(a, id),
                _ => s.r.mettre_en_paiement(a, id),
            };
            (Some(p), r)
        }
        Commande::DemanderRecyclage { acteur, piece: p } if n > 0 => {
            (Some(p), s.r.demander_recyclage(ACTEURS[acteur], piece(p)).map(|_| ()))
        }
        Commande::Avancer { jours } => {
            // The walk jumps from deadline to deadline: it must end exactly where a walk of one
            // day at a time ends (same pieces, histories, dossiers and notifications).
            let mut jour_par_jour = s.r.clone();
            for _ in 0..jours {
                jour_par_jour.avancer(1).expect("one day");
            }
            s.r.avancer(jours.into()).expect("the calendar moves forward");
            prop_assert_eq!(s.r.pieces(), jour_par_jour.pieces());
            prop_assert_eq!(s.r.dossiers(), jour_par_jour.dossiers());
            prop_assert_eq!(s.r.notifications(), jour_par_jour.notifications());
            (None, Ok(()))
        }
        Commande::Mensuel { ht_a4, ht_a15 } => {
            let montants = |ht: u32| Montants::depuis_ht(ht.into(), dec("20"));
            let a4 = s.r.deposer(TITULAIRE, &Depot::nouveau(CadreFacturation::A4, Some(MARCHE), montants(ht_a4)));
            let r = a4.and_then(|a4| s.r.deposer(MOE, &Depot::nouveau(CadreFacturation::A15, Some(MARCHE), montants(ht_a15)).suit(a4)));
            (None, r.map(|_| ()))
        }
        _ => (None, Ok(())),
    };
    // A refused command changes nothing: the journal of `serve` records accepted commands only,
    // and a replay must rebuild the same sandbox. (`Mensuel` is two commands: its A4 stays when
    // its A15 is refused.)
    if resultat.is_err() && !matches!(c, Commande::Mensuel { .. }) {
        prop_assert_eq!(s.r.pieces(), avant.pieces(), "{:?} was refused but changed the pieces", c);
        prop_assert_eq!(s.r.dossiers(), avant.dossiers(), "{:?} was refused but changed the dossiers", c);
        prop_assert_eq!(s.r.notifications(), avant.notifications(), "{:?} was refused but changed the notifications", c);
    }
    if let Some(p) = cible.filter(|p| inconnue(*p)) {
        prop_assert!(resultat.is_err(), "{c:?} succeeded on {}, a piece that does not exist", piece(p));
        prop_assert_eq!(s.r.pieces().len(), n + usize::from(matches!(c, Commande::Deposer { .. }) && resultat.is_ok()));
    }
    Ok(())
}

fn verifier(s: &Scene, historiques: &mut HashMap<PieceId, usize>) -> Result<(), TestCaseError> {
    let mut precedentes: HashMap<PieceId, PieceId> = HashMap::new();
    for p in s.r.pieces() {
        // One next piece at most (D-CHAINE-2), and links agree both ways.
        if let Some(prev) = p.precedente {
            prop_assert!(precedentes.insert(prev, p.id).is_none(), "{prev} has two next pieces");
            prop_assert_eq!(s.p(prev).suivante, Some(p.id));
        }
        // A status only moves along an allowed transition.
        let mut de = None;
        for h in &p.historique {
            prop_assert!(transition_autorisee(de, h.statut), "{:?} → {:?} on {}", de, h.statut, p.id);
            de = Some(h.statut);
        }
        prop_assert_eq!(de, Some(p.statut));
        // Nobody acts outside their structures.
        for h in &p.historique {
            if h.utilisateur != SYSTEME {
                prop_assert!(s.r.consulter(&h.utilisateur, p.id).is_ok(), "{} acted on {} outside its structures", h.utilisateur, p.id);
            }
        }
        let deposant = s.r.utilisateur(&p.depose_par).expect("user");
        prop_assert!(deposant.rattachement(p.deposant).is_some());
        // Amounts add up (D-MONTANTS-2), and the recorded difference is the real one.
        prop_assert!(p.montants.verifier().is_ok());
        // Every piece that follows another records exactly its difference with it, and only a
        // real one (a missing or a null écart would both be wrong).
        match p.precedente {
            Some(prev) => {
                let e = p.montants.ecart_avec(&s.p(prev).montants);
                prop_assert_eq!(p.ecart, Some(e).filter(|e| !e.est_nul()), "écart of {}", p.id);
            }
            None => prop_assert!(p.ecart.is_none(), "{} follows nothing but records an écart", p.id),
        }
        // History only grows (D-STATUTS-3).
        let avant = historiques.insert(p.id, p.historique.len()).unwrap_or(0);
        prop_assert!(p.historique.len() >= avant);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_over_random_command_sequences(commandes in proptest::collection::vec(commande(), 1..60)) {
        let mut s = Scene::demo();
        let mut historiques = HashMap::new();
        for c in &commandes {
            appliquer(&mut s, c)?;
            verifier(&s, &mut historiques)?;
        }
    }
}
