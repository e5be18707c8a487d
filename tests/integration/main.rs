//! Integration tests of the reference, through its public API, on the real data files.

mod acces;
mod aides;
mod charge;
mod cli;
mod decisions;
mod delais;
mod donnees;
mod fin;
mod http;
mod mensuel;
mod moad;
mod proprietes;
mod rapports;
mod refus;
mod routage;
mod sous_traitance;
mod tacite;
mod tidy;
