//! `/test/v1/…`: the test control interface (D-API-4), a separate declared interface absent from
//! the real platform and guarded by its own token (`cpro-controle`). Its hooks take the data
//! sets' YAML shapes in JSON and act as no user.

pub mod annuaire;
pub mod calendrier;
pub mod lectures;
pub mod marches;
pub mod reinitialiser;
