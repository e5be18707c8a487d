//! `/cpro/facturesTravaux/v1/…`: the travaux operations, one file each.

pub mod completer;
pub mod consulter;
pub mod contester_montant;
pub mod demander_recyclage;
pub mod prendre_en_compte;
pub mod rechercher;
pub mod recycler;
pub mod refuser;
pub mod refuser_sous_traitance;
pub mod soumettre;
pub mod suspendre;
pub mod telecharger;
pub mod valider_sous_traitance;
