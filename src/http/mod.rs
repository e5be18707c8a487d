//! HTTP adapters: the contract (`contrat`), the server that serves the reference (`serveur`),
//! and the client that drives any implementation of the contract (`client`).

pub mod client;
pub mod contrat;
pub mod serveur;
