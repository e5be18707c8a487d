//! HTTP adapters: the contract (`contrat`), the server that serves the reference (`serveur`),
//! the client that drives any implementation of the contract (`client`), and the test control's
//! capabilities (`controle`, D-API-4).

pub mod client;
pub mod contrat;
pub mod controle;
pub mod serveur;
pub mod transport;
