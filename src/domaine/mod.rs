//! The domain core: pure, deterministic, no I/O, no clock, no randomness.
//!
//! Every rule cites its source: an article of the CCAG-Travaux or of the Code de la commande
//! publique, a Chorus Pro rule from the fact base, or a `D-…` decision.

pub mod cadre;
pub mod calendrier;
pub mod couloir;
pub mod defaut;
pub mod delais;
pub mod marche;
pub mod montant;
pub mod motif;
pub mod paiement;
pub mod piece;
pub mod reference;
pub mod refus;
pub mod routage;
pub mod siret;
pub mod statut;
pub mod structure;
pub mod utilisateur;
