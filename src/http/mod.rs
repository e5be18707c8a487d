//! HTTP adapters: the contract's operations, one file each (`operations`) over its common ground
//! (`contrat`: headers, field readers, views), the server that serves the reference (`serveur`),
//! and the client that drives any implementation of the contract (`client`).

pub mod client;
pub mod contrat;
pub mod operations;
pub mod serveur;
