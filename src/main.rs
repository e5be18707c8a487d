//! Command line of the Chorus Pro « factures de travaux » reference and conformance harness.
//!
//! The only place that maps errors to exit codes (README: « Exit codes »).

use anyhow::Context;
use chorus_travaux::certification::{self, lire_profil};
use chorus_travaux::domaine::defaut::Defaut;
use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::client::ClientHttp;
use chorus_travaux::http::serveur;
use chorus_travaux::moteur::{self, Options, verification};
use chorus_travaux::rapport::{Rapport, Verdict};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes (README).
mod code {
    pub const SUCCES: u8 = 0;
    pub const ECHEC: u8 = 1;
    pub const ENTREE_INVALIDE: u8 = 2;
    pub const INDETERMINE: u8 = 3;
    pub const RAPPORT_ALTERE: u8 = 4;
    pub const DEBIT_NON_TENU: u8 = 5;
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
        /// The implementation under test: `reference` (in-process) or the base URL of an
        /// implementation of the HTTP contract.
        #[arg(long, default_value = "reference")]
        target: String,
        /// Timeout of each HTTP call, in milliseconds (with a URL target).
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
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
    /// Certifies an implementation described by a profile: verdict, sealed reports.
    Certify {
        /// The implementation profile (YAML).
        #[arg(long)]
        profile: PathBuf,
        /// Where to write the reports (default: `reports/`).
        #[arg(long)]
        report_dir: Option<PathBuf>,
    },
    /// Checks a report directory's digests: exit 0 when intact.
    Verify {
        /// The directory holding rapport.json, rapport.html and junit.xml.
        dir: PathBuf,
    },
    /// Serves the reference over the HTTP contract.
    Serve {
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Injects one named fault (see --list-faults).
        #[arg(long)]
        fault: Option<String>,
        /// Prints the fault names, one a line, and exits.
        #[arg(long)]
        list_faults: bool,
    },
    /// Loads the reference (in process) or an HTTP implementation with a seeded workload;
    /// `load merge` joins shard results.
    #[command(args_conflicts_with_subcommands = true)]
    Load {
        #[command(subcommand)]
        action: Option<ActionCharge>,
        #[command(flatten)]
        args: ArgsCharge,
    },
    /// Prints the catalogue of French steps.
    Steps {
        /// Output format.
        #[arg(long, value_enum, default_value = "texte")]
        format: Format,
    },
}

/// `load merge`, `load setup`.
#[derive(Subcommand)]
enum ActionCharge {
    /// Prints the HTTP requests that set a workload's platform up, one `ROUTE<TAB>JSON` line
    /// each, then one deposit as `#<TAB>ROUTE<TAB>LOGIN<TAB>JSON`: for other load generators
    /// (oha, k6) to load the same platform.
    Setup {
        /// The workload file.
        #[arg(long, default_value = "scenarios/charges/cinq-secondes.yaml")]
        workload: PathBuf,
    },
    /// Merges shard results (histograms added): writes one JSON and one HTML page.
    Merge {
        /// The shards' JSON results.
        #[arg(required = true)]
        fichiers: Vec<PathBuf>,
        /// The merged JSON.
        #[arg(long, default_value = "reports/charge.json")]
        json: PathBuf,
        /// The merged HTML page.
        #[arg(long, default_value = "reports/charge.html")]
        html: PathBuf,
    },
}

/// The flags of `load`.
#[derive(clap::Args)]
struct ArgsCharge {
    /// The workload file.
    #[arg(long, default_value = "scenarios/charges/cinq-secondes.yaml")]
    workload: PathBuf,
    /// `reference` (in process) or the base URL of an implementation of the HTTP contract.
    #[arg(long, default_value = "reference")]
    target: String,
    /// A certification profile (URL, token, timeout) instead of `--target`.
    #[arg(long)]
    profile: Option<PathBuf>,
    /// This process's part of the workload, `I/N` (0 ≤ I < N).
    #[arg(long, default_value = "0/1")]
    shard: String,
    /// Overrides the workload's request bound.
    #[arg(long)]
    requests: Option<u64>,
    /// Overrides the workload's duration bound, in seconds.
    #[arg(long)]
    duration: Option<f64>,
    /// Overrides the workload's connection count (HTTP targets).
    #[arg(long)]
    connections: Option<u64>,
    /// Timeout of each HTTP call, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Where to write the JSON result.
    #[arg(long, default_value = "reports/charge.json")]
    json: PathBuf,
    /// Where to write the HTML page.
    #[arg(long, default_value = "reports/charge.html")]
    html: PathBuf,
    /// No progress bar.
    #[arg(long)]
    no_progress: bool,
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
        Commande::Run { features, tags, target, timeout_ms, report_dir, verbose } => {
            let features = features_ou_defaut(&racine, features);
            if !verifier(&racine, &features)? {
                return Ok(code::ENTREE_INVALIDE);
            }
            let (fabrique, nom) = fabrique(&racine, &target, std::time::Duration::from_millis(timeout_ms), None)?;
            let options =
                Options { features, tags, racine: racine.clone(), fabrique, verbeux: verbose, etapes_neutres: false, concurrence: None };
            let bilan = runtime()?.block_on(moteur::executer(options))?;
            let dir = report_dir.unwrap_or_else(|| racine.join("reports"));
            let rapport = Rapport::du_bilan(&bilan, &racine, &nom, None)?;
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
        Commande::Certify { profile, report_dir } => {
            let profil = lire_profil(&profile)?;
            let features = vec![racine.join("features")];
            if !verifier(&racine, &features)? {
                return Ok(code::ENTREE_INVALIDE);
            }
            let exclus = profil.prend_en_charge.tags_exclus();
            let tags = (!exclus.is_empty()).then(|| exclus.iter().map(|t| format!("not @{t}")).collect::<Vec<_>>().join(" and "));
            let delai = std::time::Duration::from_millis(profil.delai_ms);
            let (fabrique, _) = fabrique(&racine, &profil.url, delai, profil.identifiant.clone())?;
            let options = Options {
                features: features.clone(),
                tags,
                racine: racine.clone(),
                fabrique,
                verbeux: false,
                etapes_neutres: false,
                concurrence: Some(profil.concurrence.unwrap_or(16)),
            };
            let bilan = runtime()?.block_on(moteur::executer(options))?;
            let non_applicables = certification::scenarios_exclus(&features, &racine, &exclus);
            let mut rapport =
                Rapport::de_certification(&bilan, &non_applicables, &racine, &profil.implementation, &profile.display().to_string())?;
            certification::sceller(&mut rapport, &racine).context("failed to compute the suite digest")?;
            let dir = report_dir.unwrap_or_else(|| racine.join("reports"));
            rapport.ecrire(&dir).context("failed to write the reports")?;
            println!("implémentation : {} ({})", profil.implementation, profil.url);
            println!("verdict : {}", rapport.verdict.libelle());
            for e in rapport.exigences.iter().filter(|e| matches!(e.verdict, Verdict::NonConforme | Verdict::Indetermine)) {
                println!("  {} {} — {} ({})", e.verdict.libelle(), e.id, e.titre, e.source);
            }
            println!("empreinte de la suite : {}", rapport.meta.empreinte_suite.clone().unwrap_or_default());
            println!("empreinte des résultats : {}", rapport.meta.empreinte_resultats.clone().unwrap_or_default());
            println!("rapports dans {}", dir.display());
            Ok(match rapport.verdict {
                Verdict::Conforme => code::SUCCES,
                Verdict::NonConforme => code::ECHEC,
                Verdict::Indetermine | Verdict::NonApplicable => code::INDETERMINE,
            })
        }
        Commande::Verify { dir } => {
            let c = certification::verifier(&dir, &racine).map_err(anyhow::Error::msg)?;
            for p in &c.problemes {
                println!("{p}");
            }
            if !c.meme_suite {
                println!("note : la suite de ce rapport n'est pas celle de ce dépôt (empreintes différentes)");
            }
            if c.problemes.is_empty() {
                println!("rapport intact : empreintes vérifiées");
                Ok(code::SUCCES)
            } else {
                Ok(code::RAPPORT_ALTERE)
            }
        }
        Commande::Load { action, args } => charge(&racine, action, args),
        Commande::Serve { addr, fault, list_faults } => {
            if list_faults {
                for d in Defaut::TOUS {
                    println!("{}", d.nom());
                }
                return Ok(code::SUCCES);
            }
            let defaut = match fault {
                Some(n) => Some(Defaut::parse(&n).with_context(|| format!("défaut inconnu « {n} » (voir --list-faults)"))?),
                None => None,
            };
            let taux = lire_taux(&racine.join("scenarios/taux-bce.yaml"))?;
            let rt = runtime()?;
            rt.block_on(async move {
                let (pret, recu) = tokio::sync::oneshot::channel();
                let arret = async {
                    let _ = tokio::signal::ctrl_c().await;
                };
                let serveur = serveur::servir_sur(addr, serveur::Configuration { taux, defaut }, pret, arret);
                let annonce = async {
                    if let Ok(a) = recu.await {
                        let quoi = defaut.map(|d| format!(" avec le défaut « {} » ({})", d.nom(), d.description())).unwrap_or_default();
                        println!("référence servie sur http://{a}{quoi}");
                    }
                };
                let (r, ()) = tokio::join!(serveur, annonce);
                r.with_context(|| format!("failed to serve on {addr}"))
            })?;
            Ok(code::SUCCES)
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("failed to start the async runtime")
}

/// The platform factory for a target: the in-process reference, or an HTTP implementation.
fn fabrique(
    racine: &std::path::Path,
    cible: &str,
    delai: std::time::Duration,
    identifiant: Option<String>,
) -> anyhow::Result<(moteur::monde::Fabrique, String)> {
    if cible == "reference" {
        return Ok((moteur::fabrique_reference(racine)?, "référence (en processus)".into()));
    }
    if !(cible.starts_with("http://") || cible.starts_with("https://")) {
        anyhow::bail!("cible inconnue « {cible} » : « reference » ou une URL http://… attendue");
    }
    // Fail early on a malformed URL.
    ClientHttp::new(cible, delai, identifiant.clone()).map_err(anyhow::Error::msg)?;
    let url = cible.to_string();
    let f: moteur::monde::Fabrique = std::sync::Arc::new(move || match ClientHttp::new(&url, delai, identifiant.clone()) {
        Ok(c) => Box::new(c) as Box<dyn chorus_travaux::plateforme::Platform>,
        Err(e) => panic!("client HTTP : {e}"),
    });
    Ok((f, cible.to_string()))
}

/// Writes a load result's JSON and HTML page.
fn ecrire_charge(r: &chorus_travaux::charge::resultat::Resultat, json: &std::path::Path, html: &std::path::Path) -> anyhow::Result<()> {
    for f in [json, html] {
        if let Some(d) = f.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(d).with_context(|| format!("failed to create {}", d.display()))?;
        }
    }
    let texte = serde_json::to_string_pretty(r).context("failed to serialize the result")?;
    std::fs::write(json, texte + "\n").with_context(|| format!("failed to write {}", json.display()))?;
    std::fs::write(html, chorus_travaux::charge::html::page(r)).with_context(|| format!("failed to write {}", html.display()))?;
    Ok(())
}

/// `load` and `load merge`.
#[expect(clippy::print_stdout, reason = "the CLI's output")]
fn charge(racine: &std::path::Path, action: Option<ActionCharge>, a: ArgsCharge) -> anyhow::Result<u8> {
    use chorus_travaux::charge::{self, Cible, ErreurCharge, Lancement, annuaire::Shard, resultat};
    let racine = &racine;
    if let Some(ActionCharge::Setup { workload }) = action {
        use chorus_travaux::charge::annuaire::date_debut;
        use chorus_travaux::plateforme::Commande as C;
        let profil = charge::profil::lire_profil_charge(&racine.join(workload))?;
        let annuaire = charge::generateur::annuaire(&profil);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        use std::io::Write;
        for c in std::iter::once(C::FixerDate(date_debut())).chain(annuaire.commandes(Shard::UN)) {
            let (route, corps) = chorus_travaux::http::contrat::requete(&c);
            writeln!(out, "{route}\t{corps}")?;
        }
        let m = annuaire.marches(Shard::UN).into_iter().next().context("aucun marché")?;
        let montants = chorus_travaux::domaine::montant::Montants::depuis_ht(1000.into(), 20.into());
        let depot = chorus_travaux::domaine::reference::Depot::nouveau(
            chorus_travaux::domaine::cadre::CadreFacturation::A4,
            Some(&m.numero),
            montants,
        );
        let (route, corps) = chorus_travaux::http::contrat::requete(&C::Deposer(Box::new(depot)));
        writeln!(out, "#\t{route}\t{}\t{corps}", m.titulaire)?;
        return Ok(code::SUCCES);
    }
    if let Some(ActionCharge::Merge { fichiers, json, html }) = action {
        let mut lus = Vec::with_capacity(fichiers.len());
        for f in &fichiers {
            let texte = std::fs::read_to_string(f).with_context(|| format!("failed to read {}", f.display()))?;
            let r: resultat::Resultat =
                serde_json::from_str(&texte).with_context(|| format!("{} : résultat de charge illisible", f.display()))?;
            lus.push(r);
        }
        let r = resultat::fusionner(&lus).map_err(anyhow::Error::msg)?;
        ecrire_charge(&r, &json, &html)?;
        print!("{}", resultat::tableau(&r));
        println!("fusion de {} résultats : {} et {}", lus.len(), json.display(), html.display());
        return Ok(code::SUCCES);
    }
    let chemin = if a.workload.is_absolute() { a.workload.clone() } else { racine.join(&a.workload) };
    let profil = charge::profil::lire_profil_charge(&chemin)?;
    let shard = Shard::parse(&a.shard).map_err(anyhow::Error::msg)?;
    let cible = match (&a.profile, a.target.as_str()) {
        (Some(p), _) => {
            let pr = lire_profil(p)?;
            Cible::Http { url: pr.url, delai: std::time::Duration::from_millis(pr.delai_ms), identifiant: pr.identifiant }
        }
        (None, "reference") => Cible::Reference,
        (None, url) if url.starts_with("http://") || url.starts_with("https://") => {
            Cible::Http { url: url.to_string(), delai: std::time::Duration::from_millis(a.timeout_ms), identifiant: None }
        }
        (None, autre) => anyhow::bail!("cible inconnue « {autre} » : « reference » ou une URL http://… attendue"),
    };
    if a.duration.is_some_and(|d| !(d.is_finite() && d > 0.0)) || a.requests == Some(0) || a.connections == Some(0) {
        anyhow::bail!("--duration, --requests et --connections doivent être strictement positifs");
    }
    let taux = lire_taux(&racine.join("scenarios/taux-bce.yaml"))?;
    let lancement = Lancement {
        profil,
        chemin: a.workload.display().to_string(),
        cible,
        shard,
        taux,
        requetes: a.requests,
        duree_s: a.duration,
        connexions: a.connections,
        barre: !a.no_progress,
    };
    let r = match runtime()?.block_on(charge::lancer(&lancement)) {
        Ok(r) => r,
        Err(ErreurCharge::Cible(m)) => {
            eprintln!("erreur : la cible ne répond pas utilement : {m}");
            return Ok(code::INDETERMINE);
        }
        Err(e) => return Err(e.into()),
    };
    ecrire_charge(&r, &a.json, &a.html)?;
    print!("{}", resultat::tableau(&r));
    println!("résultat : {} et {}", a.json.display(), a.html.display());
    Ok(if r.debits.debit_non_tenu { code::DEBIT_NON_TENU } else { code::SUCCES })
}
