//! `/cpro/factures/v1/…`: « Factures reçues », where the payment chain runs (D-PAIEMENT-1).

pub mod historique;
pub mod traiter;
pub mod traiter_recue;
pub mod traiter_rejet;
