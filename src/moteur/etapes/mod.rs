//! The French step vocabulary. Each family file declares its steps with [`etape!`]: the keyword
//! family, the pattern, an example and the domain meaning sit beside the step's body. The one
//! catalogue they make registers the steps with cucumber, documents them (`steps`) and matches
//! them statically (`check`).

use super::monde::{Monde, Resultat};
use crate::domaine::calendrier::Date;
use crate::domaine::montant::parse_montant;
use cucumber::step::Context;
use futures::future::LocalBoxFuture;
use rust_decimal::Decimal;
use std::path::Path;

/// Which Gherkin keywords a step answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    /// « Soit / Étant donné » (context).
    Soit,
    /// « Quand » (action), also allowed as context.
    Quand,
    /// « Alors » (assertion).
    Alors,
}

/// A static check of a step's captured arguments against the project root.
pub type Validation = fn(&[String], &Path) -> Result<(), String>;

/// A step definition.
pub struct Definition {
    /// Keyword family.
    pub genre: Genre,
    /// The regular expression (placeholders expanded).
    pub motif: String,
    /// One example line.
    pub exemple: &'static str,
    /// Its domain meaning.
    pub sens: &'static str,
    /// The function.
    pub fonction: cucumber::Step<Monde>,
    /// A static check of the arguments (`check`): data files that must exist.
    pub valider: Option<Validation>,
}

const ACTEUR: &str = r#"(le titulaire|le cotraitant|le sous-traitant|la maîtrise d'(?:œ|oe)uvre|la MOE|la maîtrise d'ouvrage déléguée|la MOA déléguée|la maîtrise d'ouvrage|la MOA|le service financier|le mandant|l'utilisateur "[^"]+"|"[^"]+")"#;
/// An actor after « de »: also « du titulaire », « du service financier »…
const QUI: &str = r#"(du titulaire|du cotraitant|du sous-traitant|du service financier|du mandant|le titulaire|le cotraitant|le sous-traitant|la maîtrise d'(?:œ|oe)uvre|la MOE|la maîtrise d'ouvrage déléguée|la MOA déléguée|la maîtrise d'ouvrage|la MOA|le service financier|le mandant|"[^"]+")"#;
const PIECE: &str = r#"(A\d{1,2}|"[^"]+")"#;
const MONTANT: &str = r"(-?\d[\d \u{a0}\u{202f}]*(?:,\d{1,2})?) ?€";
const DATE: &str = r"((?:1er|\d{1,2}) [a-zéûA-Z]+ \d{4}|\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4})";
const STATUT: &str = r#""([^"]+)""#;

/// A step's pattern: placeholders expanded, anchored, both apostrophes accepted.
fn motif(gabarit: &str) -> String {
    let m = gabarit
        .replace("{ACTEUR}", ACTEUR)
        .replace("{QUI}", QUI)
        .replace("{PIECE}", PIECE)
        .replace("{MONTANT}", MONTANT)
        .replace("{DATE}", DATE)
        .replace("{STATUT}", STATUT);
    // Apostrophes: the straight one and the typographic one.
    format!("^{}$", m.replace('\'', "['’]"))
}

/// What a step's pattern captured, and its table.
struct Captures(Context);

impl Captures {
    fn s(&self, i: usize) -> &str {
        self.0.matches.get(i).map(|m| m.1.as_str()).unwrap_or("")
    }
    fn opt(&self, i: usize) -> Option<&str> {
        Some(self.s(i)).filter(|s| !s.is_empty())
    }
    /// Rows of the step's table, without its header when the first row is `champ | valeur`.
    fn lignes(&self) -> Vec<Vec<String>> {
        let Some(t) = &self.0.step.table else { return vec![] };
        let mut rows = t.rows.clone();
        if rows.first().is_some_and(|r| r.first().is_some_and(|c| matches!(c.trim(), "champ" | "rôle" | "statut" | "paramètre"))) {
            rows.remove(0);
        }
        rows
    }
}

/// Declares one step, as an expression giving its [`Definition`]:
///
/// ```text
/// etape!(
///     Soit,                              // keyword family: Soit, Quand or Alors
///     la_date,                           // the step function's name
///     motif = "la date du {DATE}",       // pattern (placeholders expanded by `motif`)
///     exemple = "Soit la date du 3 mars 2026",
///     sens = "Fixe la date du calendrier virtuel du scénario (D-DELAIS-1).",
///     valider = valider_jeu,             // optional: a static check of the arguments
///     |m, c| { … }                       // the body: `m` the World, `c` the captures
/// )
/// ```
///
/// The body returns a [`Resultat`]: an error ([`EchecEtape`](crate::moteur::echec::EchecEtape),
/// or a `String` / `&str` turned into one by `?` or `.into()`) fails the step.
macro_rules! etape {
    (
        $genre:ident,
        $nom:ident,
        motif = $motif:expr,
        exemple = $exemple:expr,
        sens = $sens:expr,
        $(valider = $valider:expr,)?
        |$m:ident, $c:ident| $corps:block $(,)?
    ) => {{
        fn $nom<'a>(
            monde: &'a mut $crate::moteur::monde::Monde,
            ctx: ::cucumber::step::Context,
        ) -> ::futures::future::LocalBoxFuture<'a, ()> {
            async fn corps($m: &mut $crate::moteur::monde::Monde, $c: $crate::moteur::etapes::Captures) -> $crate::moteur::monde::Resultat
                $corps
            Box::pin(async move {
                if let Err(e) = corps(monde, $crate::moteur::etapes::Captures(ctx)).await {
                    // cucumber reports a step's panic with its payload: the collector reads
                    // the typed failure back.
                    ::std::panic::panic_any(e);
                }
            })
        }
        $crate::moteur::etapes::Definition {
            genre: $crate::moteur::etapes::Genre::$genre,
            motif: $crate::moteur::etapes::motif($motif),
            exemple: $exemple,
            sens: $sens,
            fonction: $nom,
            valider: etape!(@valider $($valider)?),
        }
    }};
    (@valider) => {
        None
    };
    (@valider $v:expr) => {
        Some($v)
    };
}

mod actions;
mod annuaire;
mod assertions;
mod assertions_dossier;
mod assertions_pieces;
mod assertions_plateforme;
mod calendrier;
mod contexte;
mod depots;
mod ecrans;
mod recherche;

fn montant(s: &str) -> Resultat<Decimal> {
    parse_montant(s).ok_or_else(|| format!("montant illisible : « {s} »").into())
}

fn date(s: &str) -> Resultat<Date> {
    Date::parse(s).ok_or_else(|| format!("date illisible : « {s} » (attendu « 3 mars 2026 » ou « 2026-03-03 »)").into())
}

/// The whole step catalogue, family by family.
pub fn catalogue() -> Vec<Definition> {
    [
        contexte::definitions(),
        annuaire::definitions(),
        calendrier::definitions(),
        depots::definitions(),
        actions::definitions(),
        assertions::definitions(),
        assertions_pieces::definitions(),
        assertions_dossier::definitions(),
        assertions_plateforme::definitions(),
        recherche::definitions(),
        ecrans::definitions(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn neutre<'a>(_: &'a mut Monde, _: Context) -> LocalBoxFuture<'a, ()> {
    Box::pin(async {})
}

/// The catalogue's compiled patterns, built once per process.
fn compiles() -> &'static [(Genre, regex::Regex, cucumber::Step<Monde>)] {
    static CACHE: std::sync::OnceLock<Vec<(Genre, regex::Regex, cucumber::Step<Monde>)>> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| {
        catalogue().into_iter().map(|d| (d.genre, regex::Regex::new(&d.motif).expect("catalogue patterns are valid"), d.fonction)).collect()
    })
}
/// Registers the catalogue with a cucumber runner: context steps as Given, actions as Given and
/// When, assertions as Then. With `neutres`, every step matches as usual but does nothing (the
/// benchmark's baseline: the same engine, the same corpus, no-op steps).
pub fn enregistrer<P, I, Wr, F, B, A, Cli>(
    mut c: cucumber::Cucumber<Monde, P, I, cucumber::runner::Basic<Monde, F, B, A>, Wr, Cli>,
    neutres: bool,
) -> cucumber::Cucumber<Monde, P, I, cucumber::runner::Basic<Monde, F, B, A>, Wr, Cli>
where
    P: cucumber::Parser<I>,
    Wr: cucumber::Writer<Monde>,
    Cli: clap::Args,
    F: Fn(
            &cucumber::gherkin::Feature,
            Option<&cucumber::gherkin::Rule>,
            &cucumber::gherkin::Scenario,
        ) -> cucumber::runner::basic::ScenarioType
        + 'static,
    B: for<'a> Fn(
            &'a cucumber::gherkin::Feature,
            Option<&'a cucumber::gherkin::Rule>,
            &'a cucumber::gherkin::Scenario,
            &'a mut Monde,
        ) -> LocalBoxFuture<'a, ()>
        + 'static,
    A: for<'a> Fn(
            &'a cucumber::gherkin::Feature,
            Option<&'a cucumber::gherkin::Rule>,
            &'a cucumber::gherkin::Scenario,
            &'a cucumber::event::ScenarioFinished,
            Option<&'a mut Monde>,
        ) -> LocalBoxFuture<'a, ()>
        + 'static,
{
    for (genre, re, f) in compiles() {
        let f: cucumber::Step<Monde> = if neutres { neutre } else { *f };
        c = match genre {
            Genre::Soit => c.given(re.clone(), f),
            Genre::Quand => c.given(re.clone(), f).when(re.clone(), f),
            Genre::Alors => c.then(re.clone(), f),
        };
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_matches_its_example() {
        for d in catalogue() {
            let re = regex::Regex::new(&d.motif).unwrap_or_else(|e| panic!("{}: {e}", d.motif));
            let premiere = d.exemple.lines().next().unwrap_or("");
            let texte = premiere.split_once(' ').map(|x| x.1).unwrap_or("");
            assert!(re.is_match(texte), "the example does not match its own pattern:\n  {texte}\n  {}", d.motif);
        }
    }

    #[test]
    fn no_step_starts_with_que() {
        // cucumber: « que » belongs to the keyword (« Étant donné que »).
        for d in catalogue() {
            assert!(!d.motif.starts_with("^que") && !d.motif.starts_with("^qu"), "{}", d.motif);
        }
    }

    #[test]
    fn examples_match_exactly_one_step_of_their_kind() {
        let cat: Vec<(Genre, regex::Regex, &'static str)> =
            catalogue().into_iter().map(|d| (d.genre, regex::Regex::new(&d.motif).expect("valid"), d.exemple)).collect();
        for (genre, _, exemple) in &cat {
            let texte = exemple.lines().next().unwrap_or("").split_once(' ').map(|x| x.1).unwrap_or("");
            let n = cat
                .iter()
                .filter(|o| o.0 == *genre || (*genre == Genre::Soit && o.0 == Genre::Quand))
                .filter(|o| o.1.is_match(texte))
                .count();
            assert_eq!(n, 1, "ambiguous or unmatched example: {texte}");
        }
    }
}
