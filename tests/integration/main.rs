//! Integration tests of the reference, through its public API, on the real data files.

mod acces;
mod aides;
mod capture;
mod charge;
mod cli;
mod decisions;
mod delais;
mod demo;
mod donnees;
mod entrees;
mod fin;
mod http;
mod mensuel;
mod moad;
mod openapi;
mod piste;
mod proprietes;
mod rapports;
mod refus;
mod routage;
mod serveur;
mod signature;
mod sous_traitance;
mod tacite;
mod tidy;
