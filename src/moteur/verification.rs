//! `check`: parse every feature and match every step against the catalogue, without running
//! anything. Undefined steps come with the three closest known steps.

use super::etapes::{Definition, Genre, catalogue};
use cucumber::gherkin::{self, GherkinEnv, StepType};
use regex::Regex;
use std::fmt;
use std::path::{Path, PathBuf};

/// A problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probleme {
    /// The file does not parse.
    Syntaxe {
        /// File.
        fichier: PathBuf,
        /// Line and column, when the parser gives them.
        position: Option<(usize, usize)>,
        /// The parser's message.
        message: String,
    },
    /// No step matches.
    Indefinie {
        /// File.
        fichier: PathBuf,
        /// Line.
        ligne: usize,
        /// The step as written.
        texte: String,
        /// The three closest known steps (examples).
        suggestions: Vec<String>,
    },
    /// Several steps match.
    Ambigue {
        /// File.
        fichier: PathBuf,
        /// Line.
        ligne: usize,
        /// The step as written.
        texte: String,
        /// The matching steps' examples.
        candidates: Vec<String>,
    },
    /// A step's argument names data that does not exist (a data set, an identity sheet).
    Donnees {
        /// File.
        fichier: PathBuf,
        /// Line.
        ligne: usize,
        /// What is missing.
        message: String,
    },
}

impl fmt::Display for Probleme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Probleme::Syntaxe { fichier, position: Some((l, c)), message } => {
                write!(f, "{}:{l}:{c}: erreur de syntaxe Gherkin : {message}", fichier.display())
            }
            Probleme::Syntaxe { fichier, position: None, message } => {
                write!(f, "{}: erreur de syntaxe Gherkin : {message}", fichier.display())
            }
            Probleme::Indefinie { fichier, ligne, texte, suggestions } => {
                write!(f, "{}:{ligne}: étape inconnue : « {texte} »", fichier.display())?;
                if !suggestions.is_empty() {
                    write!(f, "\n  étapes connues les plus proches :")?;
                    for s in suggestions {
                        write!(f, "\n    - {s}")?;
                    }
                }
                Ok(())
            }
            Probleme::Ambigue { fichier, ligne, texte, candidates } => {
                write!(f, "{}:{ligne}: étape ambiguë : « {texte} » correspond à :", fichier.display())?;
                for s in candidates {
                    write!(f, "\n    - {s}")?;
                }
                Ok(())
            }
            Probleme::Donnees { fichier, ligne, message } => write!(f, "{}:{ligne}: {message}", fichier.display()),
        }
    }
}

/// The result of `check` over some files.
#[derive(Debug, Default)]
pub struct Verification {
    /// Files read.
    pub fichiers: usize,
    /// Steps matched.
    pub etapes: usize,
    /// Problems, in file order.
    pub problemes: Vec<Probleme>,
}

/// Every `.feature` file under the given paths (files or directories), sorted, each file once.
///
/// Directories are walked breadth first in name order; a directory already walked (a symbolic
/// link back to an ancestor, say) is not walked again, and a file reached by two paths is kept
/// under the first (issue 9, item 16).
pub fn fichiers_feature(chemins: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    use std::collections::{HashSet, VecDeque};
    let canonique = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut out = Vec::new();
    let mut vus: HashSet<PathBuf> = HashSet::new();
    let mut dossiers_vus: HashSet<PathBuf> = HashSet::new();
    for c in chemins {
        if c.is_dir() {
            let mut file = VecDeque::from([c.clone()]);
            while let Some(d) = file.pop_front() {
                if !dossiers_vus.insert(canonique(&d)) {
                    continue;
                }
                let mut entrees = std::fs::read_dir(&d)?.map(|e| e.map(|e| e.path())).collect::<std::io::Result<Vec<_>>>()?;
                entrees.sort();
                for p in entrees {
                    if p.is_dir() {
                        file.push_back(p);
                    } else if p.extension().is_some_and(|x| x == "feature") && vus.insert(canonique(&p)) {
                        out.push(p);
                    }
                }
            }
        } else {
            if !c.exists() {
                return Err(std::io::Error::new(std::io::ErrorKind::NotFound, format!("{} n'existe pas", c.display())));
            }
            if vus.insert(canonique(c)) {
                out.push(c.clone());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// What makes a file unreadable as Gherkin before the parser sees it, with a message a person
/// understands: not UTF-8, a byte-order mark, no feature at all (issue 9, item 16).
fn avant_analyse(f: &Path) -> Option<Probleme> {
    let syntaxe = |position, message: &str| Probleme::Syntaxe { fichier: f.to_path_buf(), position, message: message.to_string() };
    let octets = match std::fs::read(f) {
        Ok(o) => o,
        Err(e) => return Some(syntaxe(None, &format!("fichier illisible : {e}"))),
    };
    if octets.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some(syntaxe(
            Some((1, 1)),
            "le fichier commence par une marque d'ordre des octets (BOM) : enregistrez-le en UTF-8 sans BOM",
        ));
    }
    let texte = match std::str::from_utf8(&octets) {
        Ok(t) => t,
        Err(e) => {
            let ligne = octets[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            return Some(syntaxe(Some((ligne, 1)), "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8"));
        }
    };
    if texte.trim().is_empty() {
        return Some(syntaxe(Some((1, 1)), "fichier vide : aucune fonctionnalité (attendu « # language: fr » puis « Fonctionnalité: … »)"));
    }
    if texte.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Some(syntaxe(
            Some((1, 1)),
            "aucune fonctionnalité : le fichier ne contient que des commentaires (attendu « Fonctionnalité: … »)",
        ));
    }
    None
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn admet(d: &Definition, ty: StepType) -> bool {
    match ty {
        StepType::Given => matches!(d.genre, Genre::Soit | Genre::Quand),
        StepType::When => d.genre == Genre::Quand,
        StepType::Then => d.genre == Genre::Alors,
    }
}

fn exemple_sans_mot_cle(d: &Definition) -> String {
    let l = d.exemple.lines().next().unwrap_or("");
    l.split_once(' ').map(|x| x.1.to_string()).unwrap_or_else(|| l.to_string())
}

/// Checks every file; `racine` is the project root for data-file arguments.
pub fn verifier(fichiers: &[PathBuf], racine: &Path) -> Verification {
    let cat: Vec<(Definition, Regex)> = catalogue()
        .into_iter()
        .map(|d| {
            let re = Regex::new(&d.motif).expect("catalogue patterns are valid");
            (d, re)
        })
        .collect();
    let mut v = Verification::default();
    // A broken data file is named by every step that uses it: reported once, at the first.
    let mut deja: std::collections::HashSet<String> = std::collections::HashSet::new();
    for f in fichiers {
        v.fichiers += 1;
        if let Some(p) = avant_analyse(f) {
            v.problemes.push(p);
            continue;
        }
        let env = match GherkinEnv::new("fr") {
            Ok(e) => e,
            Err(e) => {
                v.problemes.push(Probleme::Syntaxe { fichier: f.clone(), position: None, message: e.to_string() });
                continue;
            }
        };
        let feature = match gherkin::Feature::parse_path(f, env) {
            Ok(x) => x,
            Err(gherkin::ParseFileError::Parsing { error, source, .. }) => {
                // The parser's error reads « Error at LINE:COL: {expected} » (its fields are private).
                let brut = source.to_string();
                let position = brut.strip_prefix("Error at ").and_then(|r| {
                    let (pos, _) = r.split_once(": ")?;
                    let (l, c) = pos.split_once(':')?;
                    Some((l.parse().ok()?, c.parse().ok()?))
                });
                let attendu = brut.split_once(": ").map(|x| x.1).unwrap_or(&brut);
                let message = match error {
                    Some(e) => e.to_string(),
                    None => format!("ligne inattendue ; attendu l'un de {attendu}"),
                };
                v.problemes.push(Probleme::Syntaxe { fichier: f.clone(), position, message });
                continue;
            }
            Err(e) => {
                v.problemes.push(Probleme::Syntaxe { fichier: f.clone(), position: None, message: e.to_string() });
                continue;
            }
        };
        let mut etapes: Vec<&gherkin::Step> = Vec::new();
        let mut scenarios: Vec<&gherkin::Scenario> = feature.scenarios.iter().collect();
        if let Some(b) = &feature.background {
            etapes.extend(&b.steps);
        }
        for r in &feature.rules {
            if let Some(b) = &r.background {
                etapes.extend(&b.steps);
            }
            scenarios.extend(&r.scenarios);
        }
        let mut textes: Vec<(&gherkin::Step, String)> = etapes.iter().map(|s| (*s, s.value.clone())).collect();
        for s in scenarios {
            for e in &s.steps {
                if s.examples.is_empty() {
                    textes.push((e, e.value.clone()));
                    continue;
                }
                // A Scenario Outline: check each example row's expansion.
                for ex in &s.examples {
                    let Some(t) = &ex.table else { continue };
                    let Some(entete) = t.rows.first() else { continue };
                    for ligne in t.rows.iter().skip(1) {
                        let mut texte = e.value.clone();
                        for (k, val) in entete.iter().zip(ligne) {
                            texte = texte.replace(&format!("<{k}>"), val);
                        }
                        textes.push((e, texte));
                    }
                }
            }
        }
        for (e, texte) in textes {
            let ligne = e.position.line;
            let trouvees: Vec<&(Definition, Regex)> = cat.iter().filter(|(d, re)| admet(d, e.ty) && re.is_match(&texte)).collect();
            match trouvees.as_slice() {
                [] => {
                    let mut proches: Vec<(usize, String)> = cat
                        .iter()
                        .filter(|(d, _)| admet(d, e.ty))
                        .map(|(d, _)| {
                            let ex = exemple_sans_mot_cle(d);
                            (distance(&texte, &ex), ex)
                        })
                        .collect();
                    proches.sort();
                    proches.dedup_by(|a, b| a.1 == b.1);
                    v.problemes.push(Probleme::Indefinie {
                        fichier: f.clone(),
                        ligne,
                        texte: texte.clone(),
                        suggestions: proches.into_iter().take(3).map(|x| x.1).collect(),
                    });
                }
                [(d, re)] => {
                    v.etapes += 1;
                    if let Some(valider) = d.valider {
                        let args: Vec<String> = re
                            .captures(&texte)
                            .map(|c| c.iter().skip(1).map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default()).collect())
                            .unwrap_or_default();
                        if let Err(message) = valider(&args, racine)
                            && deja.insert(message.clone())
                        {
                            v.problemes.push(Probleme::Donnees { fichier: f.clone(), ligne, message });
                        }
                    }
                }
                plusieurs => v.problemes.push(Probleme::Ambigue {
                    fichier: f.clone(),
                    ligne,
                    texte: texte.clone(),
                    candidates: plusieurs.iter().map(|(d, _)| exemple_sans_mot_cle(d)).collect(),
                }),
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn levenshtein() {
        assert_eq!(distance("dépose", "depose"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("chat", "chats"), 1);
    }
}
