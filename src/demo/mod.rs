//! `demo`: replays the webinar's demonstrations for training (issue 12). An adapter only: a
//! demonstration is a French scenario of `features/demos/` tagged `@demo`; it is run by the same
//! engine as the corpus (so every screen it shows has just been checked), then shown step by
//! step: who acts, what they do, what the trainer says, and the screens as tables.

pub mod html;

use crate::moteur::{self, Bilan, Options};
use cucumber::gherkin::{Feature, GherkinEnv, Step};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Why a demonstration cannot be listed or played.
#[derive(Debug, thiserror::Error)]
pub enum ErreurDemo {
    /// No demonstration of that name.
    #[error("démonstration inconnue « {nom} » ; démonstrations : {}", .noms.join(", "))]
    Inconnue {
        /// The name asked for.
        nom: String,
        /// The names there are.
        noms: Vec<String>,
    },
    /// A demonstration file does not parse, or the folder cannot be read.
    #[error("{0}")]
    Fichier(String),
    /// The engine could not run it.
    #[error(transparent)]
    Moteur(#[from] moteur::ErreurMoteur),
}

/// What a step of a demonstration is, for the trainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nature {
    /// « Le formateur explique : ».
    Narration,
    /// The situation the demonstration starts from.
    Contexte,
    /// An actor does something.
    Action,
    /// What an actor sees (« l'écran … montre : »).
    Ecran,
    /// A check of the outcome.
    Verification,
}

/// One step, as written.
#[derive(Debug, Clone)]
pub struct EtapeDemo {
    /// Keyword as written (`Soit`, `Quand`, `Et`…).
    pub mot_cle: String,
    /// Text.
    pub texte: String,
    /// Line in the file.
    pub ligne: usize,
    /// What it is.
    pub nature: Nature,
    /// Its doc string (a narration's words).
    pub texte_long: Option<String>,
    /// Its table (a screen), header first.
    pub tableau: Vec<Vec<String>>,
}

/// One scenario of a demonstration: its name, its line, its steps (background first).
#[derive(Debug, Clone)]
pub struct SequenceDemo {
    /// Scenario name.
    pub nom: String,
    /// Line.
    pub ligne: usize,
    /// Steps.
    pub etapes: Vec<EtapeDemo>,
}

/// A demonstration.
#[derive(Debug, Clone)]
pub struct Demo {
    /// Its name: the file's stem (`01-parametrer-structure`).
    pub nom: String,
    /// Title (the feature's name).
    pub titre: String,
    /// The seed's slide it replays (the description's line naming it).
    pub diapositive: String,
    /// The file.
    pub fichier: PathBuf,
    /// The feature's tags (without `@`): a demonstration has `demo`.
    pub tags: Vec<String>,
    /// Its scenarios.
    pub sequences: Vec<SequenceDemo>,
}

impl Demo {
    /// How many steps it plays.
    pub fn nombre_etapes(&self) -> usize {
        self.sequences.iter().map(|s| s.etapes.len()).sum()
    }
}

/// The folder of the demonstrations.
pub fn dossier(racine: &Path) -> PathBuf {
    racine.join("features").join("demos")
}

fn nature(ty: cucumber::gherkin::StepType, texte: &str) -> Nature {
    use cucumber::gherkin::StepType;
    if texte.to_lowercase().starts_with("le formateur explique") {
        Nature::Narration
    } else if texte.starts_with("l'écran ") || texte.starts_with("l’écran ") {
        Nature::Ecran
    } else {
        match ty {
            StepType::Given => Nature::Contexte,
            StepType::When => Nature::Action,
            StepType::Then => Nature::Verification,
        }
    }
}

fn etape(s: &Step) -> EtapeDemo {
    let texte = s.value.clone();
    EtapeDemo {
        mot_cle: s.keyword.trim().to_string(),
        nature: nature(s.ty, &texte),
        texte,
        ligne: s.position.line,
        texte_long: s.docstring.as_ref().map(|d| d.trim().to_string()),
        tableau: s
            .table
            .as_ref()
            .map(|t| t.rows.iter().map(|r| r.iter().map(|c| c.trim().to_string()).collect()).collect())
            .unwrap_or_default(),
    }
}

/// Reads one demonstration file.
pub fn lire(fichier: &Path) -> Result<Demo, ErreurDemo> {
    let env = GherkinEnv::new("fr").map_err(|e| ErreurDemo::Fichier(e.to_string()))?;
    let f = Feature::parse_path(fichier, env).map_err(|e| ErreurDemo::Fichier(format!("{} : {e}", fichier.display())))?;
    let fond: Vec<EtapeDemo> = f.background.iter().flat_map(|b| b.steps.iter()).map(etape).collect();
    let scenarios = f.scenarios.iter().chain(f.rules.iter().flat_map(|r| r.scenarios.iter()));
    let sequences = scenarios
        .map(|s| SequenceDemo {
            nom: s.name.clone(),
            ligne: s.position.line,
            etapes: fond.iter().cloned().chain(s.steps.iter().map(etape)).collect(),
        })
        .collect();
    let description = f.description.clone().unwrap_or_default();
    let diapositive =
        description.lines().map(str::trim).find(|l| l.starts_with("diapositive")).unwrap_or("").trim_end_matches('.').to_string();
    Ok(Demo {
        nom: fichier.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        titre: f.name.clone(),
        diapositive,
        fichier: fichier.to_path_buf(),
        tags: f.tags.clone(),
        sequences,
    })
}

/// Every demonstration (the files of `features/demos/` whose feature is tagged `@demo`), by name.
pub fn lister(racine: &Path) -> Result<Vec<Demo>, ErreurDemo> {
    let fichiers = moteur::verification::fichiers_feature(&[dossier(racine)]).map_err(|e| ErreurDemo::Fichier(e.to_string()))?;
    let mut demos = Vec::new();
    for f in fichiers {
        let d = lire(&f)?;
        if d.tags.iter().any(|t| t == "demo") {
            demos.push(d);
        }
    }
    demos.sort_by(|a, b| a.nom.cmp(&b.nom));
    Ok(demos)
}

/// The demonstration of that name (its file's stem, with or without its number).
pub fn trouver(racine: &Path, nom: &str) -> Result<Demo, ErreurDemo> {
    let demos = lister(racine)?;
    let sans_numero = |n: &str| n.split_once('-').filter(|(a, _)| a.chars().all(|c| c.is_ascii_digit())).map(|(_, b)| b.to_string());
    let noms: Vec<String> = demos.iter().map(|d| d.nom.clone()).collect();
    demos
        .into_iter()
        .find(|d| d.nom == nom || sans_numero(&d.nom).as_deref() == Some(nom))
        .ok_or_else(|| ErreurDemo::Inconnue { nom: nom.to_string(), noms })
}

/// Runs the demonstration through the engine, on the in-process reference.
pub fn verifier(racine: &Path, demo: &Demo) -> Result<Bilan, ErreurDemo> {
    let options = Options {
        features: vec![demo.fichier.clone()],
        tags: None,
        racine: racine.to_path_buf(),
        fabrique: moteur::fabrique_reference(racine)?,
        verbeux: false,
        etapes_neutres: false,
        concurrence: Some(1),
    };
    Ok(futures::executor::block_on(moteur::executer(options))?)
}

/// `demo list`: one demonstration a block (name and number of steps, title, the slide it replays).
pub fn rendre_liste(demos: &[Demo]) -> String {
    let mut s = String::new();
    for d in demos {
        s.push_str(&format!("{} ({} étapes)\n  {}\n  rejoue : {}\n\n", d.nom, d.nombre_etapes(), d.titre, d.diapositive));
    }
    s.push_str(&format!("{} démonstrations ; « demo play NOM » pour en jouer une\n", demos.len()));
    s
}

/// A plain table with box-drawing rules, its first row as header.
pub fn tableau(lignes: &[Vec<String>]) -> String {
    let n = lignes.iter().map(Vec::len).max().unwrap_or(0);
    let largeur = |i: usize| lignes.iter().map(|l| l.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0);
    let largeurs: Vec<usize> = (0..n).map(largeur).collect();
    let regle = |g: &str, m: &str, d: &str| format!("{g}{}{d}\n", largeurs.iter().map(|w| "─".repeat(w + 2)).collect::<Vec<_>>().join(m));
    let mut s = regle("┌", "┬", "┐");
    for (k, l) in lignes.iter().enumerate() {
        let cellules: Vec<String> = largeurs
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let c = l.get(i).map(String::as_str).unwrap_or("");
                format!(" {c}{} ", " ".repeat(w - c.chars().count()))
            })
            .collect();
        s.push_str(&format!("│{}│\n", cellules.join("│")));
        if k == 0 && lignes.len() > 1 {
            s.push_str(&regle("├", "┼", "┤"));
        }
    }
    s.push_str(&regle("└", "┴", "┘"));
    s
}

/// Who acts in a step: the quoted user or the contract's actor it starts with.
pub fn acteur(e: &EtapeDemo) -> Option<String> {
    const ROLES: [&str; 9] = [
        "le titulaire",
        "la maîtrise d'œuvre",
        "la maîtrise d'ouvrage déléguée",
        "la MOA déléguée",
        "la maîtrise d'ouvrage",
        "le service financier",
        "le mandant",
        "le sous-traitant",
        "le cotraitant",
    ];
    let t = e.texte.replace('’', "'");
    match e.nature {
        Nature::Narration => None,
        Nature::Ecran => [" de \"", " de la structure \""]
            .iter()
            .find_map(|sep| t.split_once(sep))
            .and_then(|(_, r)| r.split('"').next())
            .map(str::to_string),
        Nature::Action => {
            if let Some(r) = t.strip_prefix('"') {
                return r.split('"').next().map(str::to_string);
            }
            ROLES.iter().find(|r| t.starts_with(**r)).map(|r| r.to_string())
        }
        Nature::Contexte | Nature::Verification => None,
    }
}

/// How a step's outcome is marked, from the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marque {
    /// Passed.
    Verifiee,
    /// Failed, or not run.
    Echouee,
}

fn marque(bilan: &Bilan, demo: &Demo, sequence: &SequenceDemo, e: &EtapeDemo) -> Marque {
    let fichier = demo.fichier.to_string_lossy();
    let ok = bilan
        .joues
        .iter()
        .filter(|s| s.ligne == sequence.ligne && (fichier.ends_with(&s.fichier) || s.fichier.ends_with(fichier.as_ref())))
        .flat_map(|s| s.etapes.iter())
        .find(|x| x.ligne == e.ligne)
        .is_some_and(|x| matches!(x.etat, moteur::collecte::EtatEtape::Reussie));
    if ok { Marque::Verifiee } else { Marque::Echouee }
}

/// Each step's outcome in the run, in the demonstration's order.
pub fn marques(bilan: &Bilan, demo: &Demo) -> Vec<Marque> {
    demo.sequences.iter().flat_map(|s| s.etapes.iter().map(move |e| marque(bilan, demo, s, e))).collect()
}

/// `demo play --html FILE`: runs the demonstration, then writes its slideshow. Returns whether the
/// run was green.
pub fn ecrire_diaporama(racine: &Path, demo: &Demo, fichier: &Path) -> Result<bool, ErreurDemo> {
    let bilan = verifier(racine, demo)?;
    let page = html::diaporama(demo, &marques(&bilan, demo));
    std::fs::write(fichier, page).map_err(|e| ErreurDemo::Fichier(format!("{} : {e}", fichier.display())))?;
    Ok(bilan.reussi())
}

/// Terminal styles (empty when not on a terminal).
struct Style {
    gras: &'static str,
    gris: &'static str,
    vert: &'static str,
    rouge: &'static str,
    cyan: &'static str,
    fin: &'static str,
}

impl Style {
    fn new(couleur: bool) -> Style {
        if couleur {
            Style { gras: "\x1b[1m", gris: "\x1b[2m", vert: "\x1b[32m", rouge: "\x1b[31m", cyan: "\x1b[36m", fin: "\x1b[0m" }
        } else {
            Style { gras: "", gris: "", vert: "", rouge: "", cyan: "", fin: "" }
        }
    }
}

/// How `demo play` shows a demonstration.
#[derive(Debug, Clone, Copy)]
pub struct Lecture {
    /// Waits for a line of input (Enter) between steps.
    pub pas_a_pas: bool,
    /// ANSI colours (only on a terminal).
    pub couleur: bool,
}

/// One step, as the trainer's screen shows it.
fn rendre_etape(n: usize, total: usize, e: &EtapeDemo, m: Marque, st: &Style) -> String {
    let mut s = String::new();
    let quoi = match e.nature {
        Nature::Narration => "Le formateur explique",
        Nature::Contexte => "Contexte",
        Nature::Action => "Action",
        Nature::Ecran => "Écran",
        Nature::Verification => "Vérification",
    };
    let qui = acteur(e).map(|a| format!(" — {a}")).unwrap_or_default();
    s.push_str(&format!("{}[{n}/{total}] {quoi}{qui}{}\n", st.gras, st.fin));
    match e.nature {
        Nature::Narration => {
            for l in e.texte_long.as_deref().unwrap_or("").lines() {
                s.push_str(&format!("  {}{}{}\n", st.cyan, l.trim(), st.fin));
            }
        }
        _ => {
            let (signe, couleur) = match m {
                Marque::Verifiee => ("✓", st.vert),
                Marque::Echouee => ("✗", st.rouge),
            };
            s.push_str(&format!("  {}{} {}{} {}\n", st.gris, e.mot_cle, e.texte, st.fin, format_args!("{couleur}{signe}{}", st.fin)));
            if !e.tableau.is_empty() {
                for l in tableau(&e.tableau).lines() {
                    s.push_str(&format!("  {l}\n"));
                }
            }
        }
    }
    s
}

/// `demo play`: runs the demonstration, then shows it step by step on `sortie`, waiting for a
/// line of `entree` between steps when asked. Returns whether the run was green.
pub fn jouer(racine: &Path, demo: &Demo, lecture: Lecture, entree: &mut dyn BufRead, sortie: &mut dyn Write) -> Result<bool, ErreurDemo> {
    let bilan = verifier(racine, demo)?;
    let st = Style::new(lecture.couleur);
    let io = |e: std::io::Error| ErreurDemo::Fichier(format!("sortie : {e}"));
    writeln!(sortie, "{}{}{}", st.gras, demo.titre, st.fin).map_err(io)?;
    writeln!(sortie, "{}", demo.diapositive).map_err(io)?;
    let total = demo.nombre_etapes();
    let mut n = 0;
    for sequence in &demo.sequences {
        writeln!(sortie, "\n{}Scénario : {}{}\n", st.gras, sequence.nom, st.fin).map_err(io)?;
        for e in &sequence.etapes {
            n += 1;
            write!(sortie, "{}", rendre_etape(n, total, e, marque(&bilan, demo, sequence, e), &st)).map_err(io)?;
            if lecture.pas_a_pas && n < total {
                write!(sortie, "{}(Entrée pour continuer){}", st.gris, st.fin).map_err(io)?;
                sortie.flush().map_err(io)?;
                let mut ligne = String::new();
                entree.read_line(&mut ligne).map_err(io)?;
                writeln!(sortie).map_err(io)?;
            } else {
                writeln!(sortie).map_err(io)?;
            }
        }
    }
    let (sp, sf, ss) = bilan.scenarios;
    let verdict = if bilan.reussi() { "toutes les étapes vérifiées par le moteur" } else { "ÉCHEC : la démonstration ne passe plus" };
    writeln!(sortie, "{} scénario(s) : {sp} réussi(s), {sf} échoué(s), {ss} ignoré(s) — {verdict}", sp + sf + ss).map_err(io)?;
    Ok(bilan.reussi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_aligns_accented_cells_by_characters() {
        let t = tableau(&[vec!["cadre".into(), "statut".into()], vec!["A4".into(), "ASSOCIÉE".into()]]);
        let largeurs: Vec<usize> = t.lines().map(|l| l.chars().count()).collect();
        assert!(largeurs.windows(2).all(|w| w[0] == w[1]), "{t}");
        assert!(t.contains("│ A4    │ ASSOCIÉE │"), "{t}");
    }
}
