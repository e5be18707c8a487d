//! Command line of the Chorus Pro « factures de travaux » reference and conformance harness.

use anyhow::Context;
use chorus_travaux::domaine::cadre::CadreFacturation as C;
use chorus_travaux::domaine::montant::{Montants, format_euros};
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::donnees::charger_jeu;
use clap::{Parser, Subcommand};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "chorus-travaux", version, about = "Référence exécutable et banc de conformité Chorus Pro « factures de travaux »")]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Subcommand)]
enum Commande {
    /// Walks the demonstration data set's monthly dossier through the reference.
    Run {
        /// Data set.
        #[arg(long, default_value = "scenarios/jeux/demonstration.yaml")]
        jeu: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match executer(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("erreur : {e:#}");
            ExitCode::from(2)
        }
    }
}

#[expect(clippy::print_stdout, reason = "the CLI's output")]
fn executer(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.commande {
        Commande::Run { jeu } => {
            let mut r = charger_jeu(&jeu).context("failed to load the data set")?;
            let m = |ht: i64| Montants::depuis_ht(Decimal::from(ht), Decimal::from(20));
            let (a4, _) = r.deposer("julie.bernard@batiments-rhone.fr", &Depot::nouveau(C::A4, Some("2026-TRV-014"), m(10_000)))?;
            let (a15, _) =
                r.deposer("paul.ferrand@atelier-ferrand.fr", &Depot::nouveau(C::A15, Some("2026-TRV-014"), m(9_500)).suit(a4))?;
            let (a19, _) = r.deposer("claire.martin@villeurbanne.fr", &Depot::nouveau(C::A19, Some("2026-TRV-014"), m(9_500)).suit(a15))?;
            for id in [a4, a15, a19] {
                let p = r.piece(id).context("piece")?;
                println!("{} {} {} {}", p.cadre.court(), p.numero, p.libelle_portail(), format_euros(p.montants.ht));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
