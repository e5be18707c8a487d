//! Command line of the Chorus Pro « factures de travaux » reference and conformance harness.
//!
//! The only place that maps errors to exit codes (README: « Exit codes »).

use anyhow::Context;
use chorus_travaux::moteur::{self, Options, verification};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes (README).
mod code {
    pub const SUCCES: u8 = 0;
    pub const ECHEC: u8 = 1;
    pub const ENTREE_INVALIDE: u8 = 2;
}

#[derive(Parser)]
#[command(name = "chorus-travaux", version, about = "Référence exécutable et banc de conformité Chorus Pro « factures de travaux »")]
struct Cli {
    /// Project root (where `features/` and `scenarios/` are).
    #[arg(long, global = true, default_value = ".")]
    racine: PathBuf,
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Texte,
    Markdown,
}

#[derive(Subcommand)]
enum Commande {
    /// Runs French scenarios (default: every feature under `features/`) against the reference.
    Run {
        /// Feature files or directories.
        features: Vec<PathBuf>,
        /// Tag expression, e.g. `@tacite and not @lent`.
        #[arg(long)]
        tags: Option<String>,
        /// The implementation under test: `reference` (in-process).
        #[arg(long, default_value = "reference")]
        target: String,
        /// Where to write rapport.html, rapport.json and junit.xml (default: `reports/`).
        #[arg(long)]
        report_dir: Option<PathBuf>,
        /// Prints every step as it runs.
        #[arg(long)]
        verbose: bool,
    },
    /// Parses every feature and matches every step, without running anything.
    Check {
        /// Feature files or directories.
        features: Vec<PathBuf>,
    },
    /// Prints the catalogue of French steps.
    Steps {
        /// Output format.
        #[arg(long, value_enum, default_value = "texte")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { code::ENTREE_INVALIDE } else { code::SUCCES });
        }
    };
    match executer(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("erreur : {e:#}");
            ExitCode::from(code::ENTREE_INVALIDE)
        }
    }
}

fn features_ou_defaut(racine: &std::path::Path, features: Vec<PathBuf>) -> Vec<PathBuf> {
    if features.is_empty() { vec![racine.join("features")] } else { features }
}

/// Static check; prints problems; `true` when clean.
fn verifier(racine: &std::path::Path, features: &[PathBuf]) -> anyhow::Result<bool> {
    let fichiers = verification::fichiers_feature(features).context("failed to list the feature files")?;
    if fichiers.is_empty() {
        anyhow::bail!("aucun fichier .feature sous {}", features.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    let v = verification::verifier(&fichiers, racine);
    for p in &v.problemes {
        eprintln!("{p}");
    }
    eprintln!("{} fichier(s), {} étape(s) reconnue(s), {} problème(s)", v.fichiers, v.etapes, v.problemes.len());
    Ok(v.problemes.is_empty())
}

#[expect(clippy::print_stdout, reason = "the CLI's output")]
fn executer(cli: Cli) -> anyhow::Result<u8> {
    let racine = cli.racine;
    match cli.commande {
        Commande::Steps { format } => {
            print!("{}", moteur::catalogue_texte(matches!(format, Format::Markdown)));
            Ok(code::SUCCES)
        }
        Commande::Check { features } => {
            let features = features_ou_defaut(&racine, features);
            Ok(if verifier(&racine, &features)? { code::SUCCES } else { code::ENTREE_INVALIDE })
        }
        Commande::Run { features, tags, target, report_dir, verbose } => {
            if target != "reference" {
                anyhow::bail!("cible inconnue « {target} » : seule « reference » (la référence en processus) est disponible");
            }
            let features = features_ou_defaut(&racine, features);
            if !verifier(&racine, &features)? {
                return Ok(code::ENTREE_INVALIDE);
            }
            let fabrique = moteur::fabrique_reference(&racine)?;
            let options = Options { features, tags, racine: racine.clone(), fabrique, verbeux: verbose, etapes_neutres: false };
            let bilan = futures::executor::block_on(moteur::executer(options))?;
            let dir = report_dir.unwrap_or_else(|| racine.join("reports"));
            let rapport = moteur::rapport(&bilan, &racine, "référence (en processus)", None)?;
            rapport.ecrire(&dir).context("failed to write the reports")?;
            let (sp, sf, ss) = bilan.scenarios;
            let (ep, ef, es) = bilan.etapes;
            println!(
                "{} scénarios ({sp} réussis, {sf} échoués, {ss} ignorés), {} étapes ({ep} réussies, {ef} échouées, {es} ignorées) en {:.2} s",
                sp + sf + ss,
                ep + ef + es,
                bilan.duree.as_secs_f64()
            );
            println!("verdict : {} ; rapports dans {}", rapport.verdict.libelle(), dir.display());
            if bilan.erreurs_syntaxe > 0 {
                return Ok(code::ENTREE_INVALIDE);
            }
            Ok(if bilan.reussi() { code::SUCCES } else { code::ECHEC })
        }
    }
}
