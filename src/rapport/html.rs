//! The HTML report: one self-contained file (inline CSS, inline SVG, a small inline script to
//! filter the requirement matrix), rendered with tera.

use super::{ErreurRapport, PieceDossier, Rapport, ScenarioRapport, Verdict};
use crate::dessin::{PieceDessinee, couloirs_svg};
use crate::domaine::couloir::Couloir;
use serde::Serialize;

const GABARIT: &str = include_str!("../../templates/rapport.html");

#[derive(Serialize)]
struct Barre {
    libelle: &'static str,
    classe: &'static str,
    nombre: usize,
    largeur: f64,
    x: f64,
}

/// One horizontal stacked bar per count (inline SVG), precomputed so the template stays simple.
fn barres(c: &super::Compte) -> Vec<Barre> {
    let total = c.total().max(1) as f64;
    let mut x = 0.0;
    [
        ("conformes", "conforme", c.conforme),
        ("non conformes", "non_conforme", c.non_conforme),
        ("indéterminés", "indetermine", c.indetermine),
        ("non applicables", "non_applicable", c.non_applicable),
    ]
    .into_iter()
    .map(|(libelle, classe, nombre)| {
        let largeur = 600.0 * nombre as f64 / total;
        let b = Barre { libelle, classe, nombre, largeur, x };
        x += largeur;
        b
    })
    .collect()
}

/// A scenario with its dossier drawn (absent when it deposited nothing).
#[derive(Serialize)]
struct ScenarioVue<'a> {
    #[serde(flatten)]
    s: &'a ScenarioRapport,
    diagramme: Option<String>,
}

/// The swimlane diagram of a scenario's dossier, its marker named after the scenario's id.
fn diagramme(s: &ScenarioRapport) -> Option<String> {
    if s.dossier.is_empty() {
        return None;
    }
    // A lane this version does not know (a report written by another) is drawn where it came from.
    let couloir = |code: &str| Couloir::du_code(code);
    let pieces: Vec<PieceDessinee> = s
        .dossier
        .iter()
        .map(|p: &PieceDossier| {
            let depuis = couloir(&p.couloir_depart).unwrap_or(Couloir::Fournisseur);
            PieceDessinee {
                cadre: p.cadre.clone(),
                depuis,
                vers: couloir(&p.couloir_arrivee).unwrap_or(depuis),
                statut: p.libelle.clone(),
                numero: Some(p.numero.clone()),
                precedente: p.precedente,
            }
        })
        .collect();
    Some(couloirs_svg(&format!("dossier-{}", s.id), &pieces))
}

#[derive(Serialize)]
struct Vue<'a> {
    r: &'a Rapport,
    /// The scenarios, in the report's order, each with its diagram.
    scenarios: Vec<ScenarioVue<'a>>,
    verdict_libelle: &'static str,
    barres_scenarios: Vec<Barre>,
    barres_etapes: Vec<Barre>,
    hypotheses_exercees: usize,
    /// The URL tested (`meta.url`, absent from the JSON when none).
    url: Option<&'a str>,
    /// The signing key's fingerprint (`meta.cle_signature`, absent when not signed).
    cle_signature: Option<&'a str>,
}

pub(super) fn rendre(r: &Rapport) -> Result<String, ErreurRapport> {
    let mut tera = tera::Tera::default();
    tera.add_raw_template("rapport.html", GABARIT).map_err(|e| ErreurRapport::Gabarit(e.to_string()))?;
    let vue = Vue {
        r,
        scenarios: r.scenarios.iter().map(|s| ScenarioVue { s, diagramme: diagramme(s) }).collect(),
        verdict_libelle: r.verdict.libelle(),
        barres_scenarios: barres(&r.scenarios_par_verdict),
        barres_etapes: barres(&r.etapes_par_verdict),
        hypotheses_exercees: r.hypotheses.iter().filter(|h| h.exercee).count(),
        url: r.meta.url.as_deref(),
        cle_signature: r.meta.cle_signature.as_deref(),
    };
    let contexte = tera::Context::from_serialize(&vue).map_err(|e| ErreurRapport::Gabarit(e.to_string()))?;
    tera.render("rapport.html", &contexte).map_err(|e| ErreurRapport::Gabarit(e.to_string()))
}

impl Verdict {
    /// The CSS class of a verdict.
    pub fn classe(self) -> &'static str {
        match self {
            Verdict::Conforme => "conforme",
            Verdict::NonConforme => "non_conforme",
            Verdict::Indetermine => "indetermine",
            Verdict::NonApplicable => "non_applicable",
        }
    }
}
