//! The virtual calendar: set the date, move it forward (the deadlines that expire apply,
//! D-DELAIS-1bis), read it.

use super::super::prelude::*;
use crate::domaine::calendrier::Date;

/// `POST /test/v1/fixerDate`.
pub const FIXER_DATE: Operation = Operation {
    routes: &["/test/v1/fixerDate"],
    schema_requete: "FixerDate",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: fixer_date, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/avancer`.
pub const AVANCER: Operation = Operation {
    routes: &["/test/v1/avancer"],
    schema_requete: "Avancer",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: avancer, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/date`.
pub const DATE: Operation =
    Operation { routes: &["/test/v1/date"], schema_requete: "Vide", schema_reponse: "ReponseDate", genre: Genre::Lecture(servir_date) };

fn fixer_date(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::FixerDate(date(v, "date")?))
}

fn avancer(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Avancer(entier(v, "jours")?))
}

fn servir_date(c: &mut Contexte) -> Response {
    ok(json!({ "date": c.p.reference().date().iso() }))
}

/// Client: the date an answer gives.
pub fn lire_date(v: &Value) -> Result<Date, String> {
    v.get("date").and_then(Value::as_str).and_then(Date::parse_iso).ok_or_else(|| "date AAAA-MM-JJ manquante".to_string())
}
