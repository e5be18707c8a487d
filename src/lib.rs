//! Executable reference and conformance harness for Chorus Pro « factures de travaux ».
//!
//! [`domaine`] is the pure core; [`donnees`] reads the YAML data files under `scenarios/`.
#![deny(missing_docs)]

pub mod certification;
pub mod charge;
pub mod demo;
pub mod dessin;
pub mod domaine;
pub mod donnees;
pub mod http;
pub mod moteur;
pub mod plateforme;
pub mod rapport;
