//! `reinitialiser`: forgets a sandbox, durably (the server does it itself, through its journal).

use super::super::prelude::{Genre, Operation};

/// `POST /test/v1/reinitialiser`.
pub const OPERATION: Operation =
    Operation { routes: &["/test/v1/reinitialiser"], schema_requete: "Vide", schema_reponse: "Reponse", genre: Genre::Reinitialiser };
