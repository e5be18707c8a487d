//! HTTP adapters: the contract's operations, one file each (`operations`) over its common ground
//! (`contrat`: headers, field readers, views), the server that serves the reference (`serveur`),
//! the client that drives any implementation of the contract (`client`) and how its requests
//! travel (`transport`), and the test control's capabilities (`controle`, D-API-4).

pub mod client;
pub mod contrat;
pub mod controle;
pub mod operations;
pub mod serveur;
pub mod transport;
