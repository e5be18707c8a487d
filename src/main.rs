//! Command line of the Chorus Pro « factures de travaux » reference and conformance harness.
//!
//! The only place that maps errors to exit codes (README: « Exit codes »).

use anyhow::Context;
use chorus_travaux::certification::signature::{self, ClePrivee, ClePublique};
use chorus_travaux::certification::{self, Authenticite, lire_profil};
use chorus_travaux::demo;
use chorus_travaux::domaine::defaut::Defaut;
use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::client::ClientHttp;
use chorus_travaux::http::serveur;
use chorus_travaux::moteur::{self, Options, verification};
use chorus_travaux::rapport::{self, Rapport, Verdict};
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
    pub const PAS_UN_RAPPORT: u8 = 5;
    pub const DEBIT_NON_TENU: u8 = 6;
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
    /// Certifies an implementation described by a profile: verdict, sealed reports, signed
    /// with the certifier's private key when one is given.
    Certify {
        /// The implementation profile (YAML).
        #[arg(long)]
        profile: PathBuf,
        /// Where to write the reports (default: `reports/`).
        #[arg(long)]
        report_dir: Option<PathBuf>,
        /// The certifier's private key (from `keygen`): the reports are signed (`rapport.sig`).
        #[arg(long, visible_alias = "key")]
        cle: Option<PathBuf>,
    },
    /// Checks a report directory: its digests, and with the certifier's public key its
    /// signature. Exit 0 when intact (and authentic), 4 when edited, 5 when not a report.
    Verify {
        /// The directory holding rapport.json, rapport.html and junit.xml (and rapport.sig).
        dir: PathBuf,
        /// The certifier's public key (from `keygen`): checks who signed the report.
        #[arg(long, visible_alias = "public-key")]
        cle_publique: Option<PathBuf>,
    },
    /// Creates a certifier's key pair: NAME.cle (private, mode 0600) and NAME.pub (public).
    Keygen {
        /// Where to write the two files (created if needed).
        #[arg(long)]
        out_dir: PathBuf,
        /// The files' name.
        #[arg(long, default_value = "certificateur")]
        name: String,
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
        /// Where the sandboxes' journal is kept (created on first start); see --in-memory.
        #[arg(long, default_value = ".chorus-travaux")]
        data_dir: PathBuf,
        /// Keeps the sandboxes in memory only: everything is lost when the server stops.
        #[arg(long)]
        in_memory: bool,
        /// The test control's token (`cpro-controle` header, D-API-4); default: the local one.
        #[arg(long, env = "CHORUS_TRAVAUX_JETON_CONTROLE")]
        control_token: Option<String>,
        /// Answers refusals strictly as the real API (D-API-2), without the reference's `code`
        /// extension: clients read them through the table of return codes.
        #[arg(long)]
        strict_api: bool,
        /// PISTE client id (D-API-1); default: the local one (README).
        #[arg(long, env = "CHORUS_TRAVAUX_PISTE_CLIENT_ID")]
        piste_client_id: Option<String>,
        /// PISTE client secret; default: the local one (README). Prefer the environment variable.
        #[arg(long, env = "CHORUS_TRAVAUX_PISTE_CLIENT_SECRET", hide_env_values = true)]
        piste_client_secret: Option<String>,
        /// Asks no PISTE token (a sandbox for the harness only, not for real clients).
        #[arg(long)]
        without_piste: bool,
        /// Accepts a plain login in `cpro-account` (old harness clients), besides base64.
        #[arg(long)]
        plain_accounts: bool,
        /// Serves HTTPS with this PEM certificate chain (with --tls-key).
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The PEM private key of --tls-cert.
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Replays the webinar's demonstrations for training (`features/demos/`).
    Demo {
        #[command(subcommand)]
        action: ActionDemo,
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

#[derive(Subcommand)]
enum ActionDemo {
    /// Lists the demonstrations: name, title, the seed's slide, number of steps.
    List,
    /// Runs a demonstration, then shows it step by step: who acts, what they do, the screens.
    Play {
        /// Its name (see `demo list`).
        nom: String,
        /// Waits for Enter between steps.
        #[arg(long)]
        pas_a_pas: bool,
        /// Writes the demonstration as one self-contained HTML slideshow instead.
        #[arg(long)]
        html: Option<PathBuf>,
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
    /// A certification profile (URL, PISTE, accounts, CA, timeout) instead of `--target`.
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
        Commande::Demo { action } => jouer_demo(&racine, action),
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
            let dir = report_dir.unwrap_or_else(|| racine.join("reports"));
            preparer_rapports(&dir)?;
            let selection = tags.clone();
            let options = Options {
                features: features.clone(),
                tags,
                racine: racine.clone(),
                fabrique,
                verbeux: verbose,
                etapes_neutres: false,
                concurrence: None,
            };
            let bilan = runtime()?.block_on(moteur::executer(options))?;
            rien_execute(&bilan, &features, selection.as_deref())?;
            let mut rapport = Rapport::du_bilan(&bilan, &racine, &nom, None)?;
            rapport.meta.url = (target != "reference").then(|| target.clone());
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
        Commande::Certify { profile, report_dir, cle } => {
            let profil = lire_profil(&profile)?;
            let features = vec![racine.join("features")];
            if !verifier(&racine, &features)? {
                return Ok(code::ENTREE_INVALIDE);
            }
            // Everything that can be wrong is found before the run, which may take minutes.
            let cle = cle.map(|c| ClePrivee::lire(&c)).transpose()?;
            let dir = report_dir.unwrap_or_else(|| racine.join("reports"));
            preparer_rapports(&dir)?;
            let exclus = profil.prend_en_charge.tags_exclus();
            let tags = (!exclus.is_empty()).then(|| exclus.iter().map(|t| format!("not @{t}")).collect::<Vec<_>>().join(" and "));
            let delai = std::time::Duration::from_millis(profil.delai_ms);
            let dossier = profile.parent().unwrap_or(std::path::Path::new("."));
            let (fabrique, _) = fabrique(&racine, &profil.url, delai, Some((&profil, dossier)))?;
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
            rien_execute(&bilan, &features, None)?;
            let non_applicables = certification::scenarios_exclus(&features, &racine, &exclus);
            let mut rapport =
                Rapport::de_certification(&bilan, &non_applicables, &racine, &profil.implementation, &profile.display().to_string())?;
            rapport.meta.url = Some(profil.url.clone());
            rapport.meta.prise_en_charge = Some([profil.prend_en_charge.declaree(), profil.controle.declaree()].concat());
            rapport.meta.table_codes_retour = Some(profil.table_declaree(dossier));
            certification::ecrire(&mut rapport, &dir, &racine, cle.as_ref()).context("failed to write the reports")?;
            println!("implémentation : {} ({})", profil.implementation, profil.url);
            println!("verdict : {}", rapport.verdict.libelle());
            for e in rapport.exigences.iter().filter(|e| matches!(e.verdict, Verdict::NonConforme | Verdict::Indetermine)) {
                println!("  {} {} — {} ({})", e.verdict.libelle(), e.id, e.titre, e.source);
            }
            println!("empreinte de la suite : {}", rapport.meta.empreinte_suite.clone().unwrap_or_default());
            println!("empreinte des résultats : {}", rapport.meta.empreinte_resultats.clone().unwrap_or_default());
            match &rapport.meta.cle_signature {
                Some(c) => println!("rapport signé par la clé {c} ({})", rapport::FICHIER_SIGNATURE),
                None => println!("rapport non signé (sans --cle) : son authenticité ne pourra pas être vérifiée"),
            }
            println!("rapports dans {}", dir.display());
            Ok(match rapport.verdict {
                Verdict::Conforme => code::SUCCES,
                Verdict::NonConforme => code::ECHEC,
                Verdict::Indetermine | Verdict::NonApplicable => code::INDETERMINE,
            })
        }
        Commande::Verify { dir, cle_publique } => {
            let cle = cle_publique.map(|c| ClePublique::lire(&c)).transpose()?;
            let c = match certification::verifier(&dir, &racine, cle.as_ref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("pas un rapport : {e}");
                    return Ok(code::PAS_UN_RAPPORT);
                }
            };
            for p in &c.problemes {
                println!("{p}");
            }
            if !c.meme_suite {
                println!("note : la suite de ce rapport n'est pas celle de ce dépôt (empreintes différentes)");
            }
            if !c.problemes.is_empty() {
                return Ok(code::RAPPORT_ALTERE);
            }
            match c.authenticite {
                Authenticite::Verifiee(cle) => println!("rapport intact et authentique : signé par la clé {cle}"),
                Authenticite::NonVerifiee(signe_par) => {
                    println!("rapport intact : empreintes vérifiées");
                    let qui = signe_par.map(|c| format!(" (il se dit signé par la clé {c})")).unwrap_or_default();
                    println!(
                        "attention : authenticité NON vérifiée{qui} ; les empreintes se recalculent, seule la signature prouve qui a fait ce rapport : donnez --cle-publique"
                    );
                }
            }
            Ok(code::SUCCES)
        }
        Commande::Keygen { out_dir, name } => {
            let cle = ClePrivee::generer()?;
            let (privee, publique) = signature::ecrire_paire(&out_dir, &name, &cle)?;
            println!("clé privée : {} (à garder secrète : elle signe les certifications)", privee.display());
            println!("clé publique : {} (à remettre à qui vérifie les rapports)", publique.display());
            println!("empreinte : {}", cle.publique().empreinte());
            Ok(code::SUCCES)
        }
        Commande::Load { action, args } => charge(&racine, action, args),
        Commande::Serve {
            addr,
            fault,
            list_faults,
            data_dir,
            in_memory,
            control_token,
            strict_api,
            piste_client_id,
            piste_client_secret,
            without_piste,
            plain_accounts,
            tls_cert,
            tls_key,
        } => {
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
            let mut config = serveur::Configuration::new(taux, defaut);
            if !in_memory {
                config.donnees = Some(data_dir.clone());
            }
            if let Some(j) = control_token {
                config.jeton_controle = j;
            }
            config.extension_code = !strict_api;
            config.comptes_en_clair = plain_accounts;
            let schema = if tls_cert.is_some() { "https" } else { "http" };
            config.tls = tls_cert.zip(tls_key);
            config.piste = if without_piste {
                None
            } else {
                let mut p = serveur::Piste::default();
                if let Some(id) = piste_client_id {
                    p.client_id = id;
                }
                if let Some(s) = piste_client_secret {
                    p.client_secret = s;
                }
                Some(p)
            };
            let rt = runtime()?;
            rt.block_on(async move {
                let (pret, recu) = tokio::sync::oneshot::channel();
                // SIGINT or SIGTERM: stop accepting, drain the requests in flight, exit 0.
                let arret = async {
                    #[cfg(unix)]
                    {
                        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
                        let sigterm = async {
                            match term.as_mut() {
                                Some(t) => {
                                    t.recv().await;
                                }
                                None => std::future::pending::<()>().await,
                            }
                        };
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {}
                            () = sigterm => {}
                        }
                    }
                    #[cfg(not(unix))]
                    {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                };
                let ou = if in_memory { "en mémoire seulement".to_string() } else { format!("journal dans {}", data_dir.display()) };
                let serveur = serveur::servir_sur(addr, config, pret, arret);
                let annonce = async {
                    if let Ok(a) = recu.await {
                        let quoi = defaut.map(|d| format!(" avec le défaut « {} » ({})", d.nom(), d.description())).unwrap_or_default();
                        println!("référence servie sur {schema}://{a}{quoi} ({ou})");
                    }
                };
                let (r, ()) = tokio::join!(serveur, annonce);
                r.with_context(|| format!("failed to serve on {addr}"))
            })?;
            Ok(code::SUCCES)
        }
    }
}

/// `demo list` and `demo play`: an unknown name is bad input (2) and lists the names; a
/// demonstration that no longer passes is a failure (1).
#[expect(clippy::print_stdout, reason = "the CLI's output")]
fn jouer_demo(racine: &std::path::Path, action: ActionDemo) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    match action {
        ActionDemo::List => {
            print!("{}", demo::rendre_liste(&demo::lister(racine)?));
            Ok(code::SUCCES)
        }
        ActionDemo::Play { nom, pas_a_pas, html } => {
            let d = match demo::trouver(racine, &nom) {
                Ok(d) => d,
                Err(e @ demo::ErreurDemo::Inconnue { .. }) => {
                    eprintln!("{e}");
                    return Ok(code::ENTREE_INVALIDE);
                }
                Err(e) => return Err(e.into()),
            };
            if let Some(f) = html {
                let ok = demo::ecrire_diaporama(racine, &d, &f)?;
                println!("diaporama écrit : {}", f.display());
                return Ok(if ok { code::SUCCES } else { code::ECHEC });
            }
            let lecture = demo::Lecture { pas_a_pas, couleur: std::io::stdout().is_terminal() };
            let ok = demo::jouer(racine, &d, lecture, &mut std::io::stdin().lock(), &mut std::io::stdout().lock())?;
            Ok(if ok { code::SUCCES } else { code::ECHEC })
        }
    }
}

/// The report directory exists and takes files: checked before a run (issue 9, item 14).
fn preparer_rapports(dir: &std::path::Path) -> anyhow::Result<()> {
    rapport::preparer_dossier(dir).with_context(|| format!("le dossier des rapports {} ne peut pas les recevoir", dir.display()))
}

/// A run that ran no scenario proves nothing: bad input (issue 9, item 13).
fn rien_execute(bilan: &moteur::Bilan, features: &[PathBuf], tags: Option<&str>) -> anyhow::Result<()> {
    let (p, f, s) = bilan.scenarios;
    if p + f + s > 0 || bilan.erreurs_syntaxe > 0 {
        return Ok(());
    }
    let ou = features.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ");
    match tags {
        Some(t) => anyhow::bail!("aucun scénario exécuté : l'expression --tags « {t} » ne sélectionne aucun scénario de {ou}"),
        None => anyhow::bail!("aucun scénario exécuté : {ou} n'en contient aucun (ou le profil les exclut tous)"),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("failed to start the async runtime")
}

/// The platform factory for a target: the in-process reference, or an HTTP implementation
/// (with the local defaults of `serve`, or as a profile describes it).
fn fabrique(
    racine: &std::path::Path,
    cible: &str,
    delai: std::time::Duration,
    profil: Option<(&certification::Profil, &std::path::Path)>,
) -> anyhow::Result<(moteur::monde::Fabrique, String)> {
    if cible == "reference" {
        return Ok((moteur::fabrique_reference(racine)?, "référence (en processus)".into()));
    }
    if !(cible.starts_with("http://") || cible.starts_with("https://")) {
        anyhow::bail!("cible inconnue « {cible} » : « reference » ou une URL http://… attendue");
    }
    certification::verifier_url(cible).map_err(anyhow::Error::msg)?;
    // Everything is built and checked once, before the run: each scenario takes a fresh sandbox
    // of this prototype, which cannot fail.
    let (prototype, comptes) = match profil {
        Some((p, dossier)) => p.client(dossier).map_err(anyhow::Error::msg)?,
        None => (ClientHttp::new(cible, delai, None).map_err(anyhow::Error::msg)?, Default::default()),
    };
    let f: moteur::monde::Fabrique =
        std::sync::Arc::new(move || Box::new(prototype.nouveau_bac(&comptes)) as Box<dyn chorus_travaux::plateforme::Platform>);
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
            let (operation, corps) = chorus_travaux::http::operations::requete(&c);
            writeln!(out, "{}\t{corps}", operation.route())?;
        }
        let m = annuaire.marches(Shard::UN).into_iter().next().context("aucun marché")?;
        let montants = chorus_travaux::domaine::montant::Montants::depuis_ht(1000.into(), 20.into());
        let depot = chorus_travaux::domaine::reference::Depot::nouveau(
            chorus_travaux::domaine::cadre::CadreFacturation::A4,
            Some(&m.numero),
            montants,
        );
        let (operation, corps) = chorus_travaux::http::operations::requete(&C::Deposer(Box::new(depot)));
        writeln!(out, "#\t{}\t{}\t{corps}", operation.route(), m.titulaire)?;
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
            let dossier = p.parent().unwrap_or(std::path::Path::new("."));
            let (client, comptes) = pr.client(dossier).map_err(anyhow::Error::msg)?;
            Cible::Http { url: pr.url.clone(), client: Box::new(client.nouveau_bac(&comptes)) }
        }
        (None, "reference") => Cible::Reference,
        (None, url) if url.starts_with("http://") || url.starts_with("https://") => {
            certification::verifier_url(url).map_err(anyhow::Error::msg)?;
            let client = ClientHttp::new(url, std::time::Duration::from_millis(a.timeout_ms), None).map_err(anyhow::Error::msg)?;
            Cible::Http { url: url.to_string(), client: Box::new(client) }
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
