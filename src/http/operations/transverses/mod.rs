//! `/cpro/transverses/v1/…`: the lists clients read (cadres, types, motifs, return codes,
//! statuses), answered from the reference's own tables, and the active structures of a sandbox.

pub mod cadres;
pub mod codes_retour;
pub mod etat_typedp;
pub mod etats_traitement;
pub mod motifs;
pub mod structures_actives;
pub mod types;
