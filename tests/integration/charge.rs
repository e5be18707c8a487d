//! `load`: the workload, the arrival models, the measures, shards and merge, the HTML page, bad
//! input. Nothing here times the machine: runs that check latencies use a virtual clock, and the
//! values asserted are computed from the schedule.

use chorus_travaux::charge::annuaire::Shard;
use chorus_travaux::charge::execution::{self, Execution, Horloge, Modele, Options, Plan};
use chorus_travaux::charge::generateur::Generateur;
use chorus_travaux::charge::profil::{ProfilCharge, lire_profil_charge};
use chorus_travaux::charge::resultat::{self, Resultat};
use chorus_travaux::charge::{Cible, Lancement, reference_chargee, resultat_de};
use chorus_travaux::domaine::calendrier::Date;
use chorus_travaux::domaine::paiement::TableTaux;
use chorus_travaux::domaine::piece::PieceId;
use chorus_travaux::domaine::siret::Siret;
use chorus_travaux::domaine::structure::Structure;
use chorus_travaux::donnees::{ErreurDonnees, parse_yaml};
use chorus_travaux::plateforme::locale::PlateformeReference;
use chorus_travaux::plateforme::{Commande, Echec, Platform, Reponse, VueCadre, VueEvenement, VueFonds, VueNotification, VuePiece};
use futures::future::{BoxFuture, FutureExt, ready};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn profil(yaml: &str) -> ProfilCharge {
    parse_yaml(yaml, Path::new("test.yaml")).expect("a valid workload")
}

/// A workload of `dossiers` flows, one at a time, closed model, the calendar moved only when
/// every dossier waits.
fn petite(dossiers: u64, en_cours: u64) -> ProfilCharge {
    profil(&format!(
        "graine: 11\nannuaire: {{ structures: 1000, marches: 60 }}\nmelange: {{ mensuel: 4, refus_recyclage: 2, refus_autre: 1, fin_de_marche: 2, tacite: 2, lectures: 50 }}\n\
         dossiers_en_cours: {en_cours}\noperations_par_jour: 1000000000\narrivee: {{ modele: ferme, connexions: 1 }}\n\
         limites: {{ duree_s: 100000, requetes: 1000000, dossiers: {dossiers} }}\n"
    ))
}

/// A clock that only moves when told: waits jump to their instant, and the platform below adds
/// each operation's cost.
#[derive(Default)]
struct HorlogeVirtuelle {
    t: Mutex<Duration>,
}

impl HorlogeVirtuelle {
    fn avancer_a(&self, t: Duration) {
        let mut x = self.t.lock().expect("clock");
        *x = (*x).max(t);
    }
}

impl Horloge for HorlogeVirtuelle {
    fn maintenant(&self) -> Duration {
        *self.t.lock().expect("clock")
    }
    fn attendre(&self, instant: Duration) -> BoxFuture<'_, ()> {
        self.avancer_a(instant);
        ready(()).boxed()
    }
}

/// The in-process reference on a virtual clock: every operation costs `cout` of virtual time,
/// and during each stall (`pause` at the start of every `periode`) nothing is answered until the
/// stall ends.
struct Simulee {
    r: PlateformeReference,
    horloge: Arc<HorlogeVirtuelle>,
    cout: Duration,
    pause: Duration,
    periode: Duration,
}

impl Simulee {
    fn servir(&self) {
        let t = self.horloge.maintenant();
        if !self.periode.is_zero() {
            let dans = Duration::from_nanos((t.as_nanos() % self.periode.as_nanos()) as u64);
            if dans < self.pause {
                self.horloge.avancer_a(t + (self.pause - dans));
            }
        }
        let t = self.horloge.maintenant();
        self.horloge.avancer_a(t + self.cout);
    }
}

impl Platform for Simulee {
    fn nom(&self) -> String {
        "simulée".into()
    }
    fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>> {
        self.servir();
        ready(self.r.executer_sync(acteur, commande)).boxed()
    }
    fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>> {
        self.servir();
        ready(self.r.consulter_sync(acteur, piece)).boxed()
    }
    fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>> {
        self.r.notifications()
    }
    fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>> {
        self.r.structure(siret)
    }
    fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>> {
        self.servir();
        self.r.cadres()
    }
    fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>> {
        self.r.date()
    }
    fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>> {
        self.r.evenements_marche(numero)
    }
    fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>> {
        self.r.fonds_mandat(numero)
    }
    fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>> {
        self.r.motifs_refus()
    }
    fn rechercher<'a>(
        &'a mut self,
        acteur: &'a str,
        role: Option<chorus_travaux::domaine::reference::RoleRecherche>,
        page: usize,
        taille: usize,
    ) -> BoxFuture<'a, Result<chorus_travaux::plateforme::PageRecherche, Echec>> {
        self.r.rechercher(acteur, role, page, taille)
    }
    fn compte<'a>(&'a mut self, login: &'a str) -> BoxFuture<'a, Result<chorus_travaux::plateforme::VueCompte, Echec>> {
        self.r.compte(login)
    }
}

/// Runs a shard of `p` on the virtual clock.
fn simuler(p: &ProfilCharge, shard: Shard, cout: Duration, pause: Duration, periode: Duration, modele: Modele, requetes: u64) -> Execution {
    let horloge = Arc::new(HorlogeVirtuelle::default());
    let r = reference_chargee(p, shard, TableTaux::default()).expect("the synthetic platform loads");
    let plateforme = Simulee { r, horloge: horloge.clone(), cout, pause, periode };
    let g = Generateur::new(p, shard).expect("a generator");
    let options = Options { modele, connexions: 1, requetes, duree: Duration::from_secs(100_000) };
    futures::executor::block_on(execution::executer(g, vec![Box::new(plateforme)], horloge, &options, Arc::new(AtomicU64::new(0))))
}

fn lancement(p: &ProfilCharge, shard: Shard) -> Lancement {
    Lancement {
        profil: p.clone(),
        chemin: "test.yaml".into(),
        cible: Cible::Reference,
        shard,
        taux: TableTaux::default(),
        requetes: None,
        duree_s: None,
        connexions: None,
        barre: false,
    }
}

fn en_resultat(p: &ProfilCharge, shard: Shard, x: Execution) -> Resultat {
    // Through JSON, as `load merge` reads shard files.
    let r = resultat_de(&lancement(p, shard), "simulée", 1, &Modele::Ferme, x);
    serde_json::from_str(&serde_json::to_string(&r).expect("serializes")).expect("reads back")
}

#[test]
fn every_flow_of_the_mix_runs_to_its_end_on_the_reference() {
    let p = petite(40, 8);
    let x = simuler(&p, Shard::UN, Duration::from_micros(50), Duration::ZERO, Duration::ZERO, Modele::Ferme, 1_000_000);
    let abandons: u64 = x.flux.values().map(|c| c.abandonnes).sum();
    assert_eq!(abandons, 0, "no step of a flow is refused: {:?} {:?}", x.flux, x.mesures.erreurs);
    let termines: u64 = x.flux.values().map(|c| c.termines).sum();
    assert_eq!(termines, 40, "{:?}", x.flux);
    for op in [
        "dépôt A4",
        "dépôt A15",
        "dépôt A19",
        "refus",
        "recyclage",
        "dépôt A20",
        "dépôt A8",
        "dépôt A22",
        "dépôt A23",
        "mise en paiement",
        "calendrier",
        "consultation",
    ] {
        assert!(x.mesures.operations.contains_key(op), "{op} missing from {:?}", x.mesures.operations.keys().collect::<Vec<_>>());
    }
}

#[test]
fn the_same_seed_gives_the_same_workload() {
    let p = petite(30, 4);
    let run = || {
        let x = simuler(&p, Shard::UN, Duration::from_micros(20), Duration::ZERO, Duration::ZERO, Modele::Ferme, 1_000_000);
        x.mesures.operations.iter().map(|(k, h)| (k.clone(), h.len(), h.max())).collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn merging_shards_gives_the_counts_and_histograms_of_the_one_shard_run() {
    // One dossier at a time: each flow runs alone, so a flow does the same operations whichever
    // shard runs it; the calendar moves (`calendrier`) differ between a run and its shards.
    let p = petite(36, 1);
    let cout = Duration::from_micros(40);
    let un = en_resultat(&p, Shard::UN, simuler(&p, Shard::UN, cout, Duration::ZERO, Duration::ZERO, Modele::Ferme, 1_000_000));
    let shards: Vec<Resultat> = (0..3)
        .map(|i| {
            let s = Shard { indice: i, nombre: 3 };
            en_resultat(&p, s, simuler(&p, s, cout, Duration::ZERO, Duration::ZERO, Modele::Ferme, 1_000_000))
        })
        .collect();
    let fusion = resultat::fusionner(&shards).expect("merges");
    assert_eq!(fusion.flux, un.flux, "the same dossiers, by kind");
    let hors_calendrier =
        |r: &Resultat| r.operations.iter().filter(|l| l.operation != "calendrier" && l.operation != "total").cloned().collect::<Vec<_>>();
    let (a, b) = (hors_calendrier(&fusion), hors_calendrier(&un));
    assert!(!a.is_empty());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.operation, x.nombre, x.p50_us, x.p99_us, x.max_us), (&y.operation, y.nombre, y.p50_us, y.p99_us, y.max_us));
        let (hx, hy) = (resultat::decoder(&x.histogramme).expect("hist"), resultat::decoder(&y.histogramme).expect("hist"));
        assert!(hx == hy, "{}: the merged histogram is the one-shard run's", x.operation);
    }
    assert_eq!(a.len(), b.len());
}

#[test]
fn open_model_latency_counts_from_the_due_time_through_a_stall() {
    // 1 000 requests per second for 20 s against a target that answers in 1 µs but stalls 100 ms
    // at the start of every second. A request due τ into a stall waits 100 ms − τ: a tenth of the
    // requests wait, uniformly from 0 to 100 ms. So p99 = 100 − 0.01 × 1 000 = 90 ms and
    // p99.9 = 100 − 1 = 99 ms. Measured from the send time instead (coordinated omission), every
    // request would look like 1 µs but the first of each stall.
    let p = petite(1_000_000, 256);
    let plan = Plan::new(&[parse_yaml("{ debit: 1000, duree_s: 20 }", Path::new("palier.yaml")).expect("palier")]);
    let x =
        simuler(&p, Shard::UN, Duration::from_micros(1), Duration::from_millis(100), Duration::from_secs(1), Modele::Ouvert(plan), 20_000);
    let total = x.mesures.total();
    assert_eq!(total.len(), 20_000);
    let p99 = total.value_at_quantile(0.99) as f64;
    let p999 = total.value_at_quantile(0.999) as f64;
    assert!((p99 - 90_000.0).abs() / 90_000.0 < 0.02, "p99 {p99} µs, analytically 90 000");
    assert!((p999 - 99_000.0).abs() / 99_000.0 < 0.02, "p99.9 {p999} µs, analytically 99 000");
    assert_eq!(x.dues, Some(20_000));
}

#[test]
fn a_bad_value_in_a_workload_is_located() {
    let f = racine().join("tests/fixtures/charge-debit-negatif.yaml");
    match lire_profil_charge(&f) {
        Err(ErreurDonnees::Yaml { line, message, .. }) => {
            assert_eq!(line, 10, "{message}");
            assert!(message.contains("débit -5"), "{message}");
        }
        autre => panic!("expected a located error, got {autre:?}"),
    }
    let o = lancer(&["load", "--no-progress", "--workload", "tests/fixtures/charge-debit-negatif.yaml"]);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o));
    assert!(texte(&o).contains("charge-debit-negatif.yaml:10:"), "{}", texte(&o));
}

#[test]
fn the_demonstration_workloads_are_valid() {
    for e in std::fs::read_dir(racine().join("scenarios/charges")).expect("scenarios/charges/").flatten() {
        lire_profil_charge(&e.path()).unwrap_or_else(|err| panic!("{err}"));
    }
}

fn lancer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chorus-travaux")).current_dir(racine()).args(args).output().expect("the binary runs")
}

fn texte(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn sortie(nom: &str) -> (String, String) {
    let d = std::env::temp_dir().join(format!("charge-{nom}-{}", std::process::id()));
    (d.join("charge.json").display().to_string(), d.join("charge.html").display().to_string())
}

#[test]
fn an_unreachable_target_exits_3() {
    // Port 1 on loopback: nothing listens there.
    let (json, html) = sortie("injoignable");
    let o = lancer(&["load", "--no-progress", "--target", "http://127.0.0.1:1", "--timeout-ms", "2000", "--json", &json, "--html", &html]);
    assert_eq!(o.status.code(), Some(3), "{}", texte(&o));
    assert!(texte(&o).contains("connexion impossible"), "{}", texte(&o));
}

#[test]
fn a_rate_the_machine_cannot_send_is_reported_and_exits_6() {
    let (json, html) = sortie("debit");
    let o = lancer(&["load", "--no-progress", "--workload", "scenarios/charges/debit-intenable.yaml", "--json", &json, "--html", &html]);
    assert_eq!(o.status.code(), Some(6), "{}", texte(&o));
    assert!(texte(&o).contains("le débit visé n'a pas été tenu"), "{}", texte(&o));
    let r: Resultat = serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("a result");
    assert!(r.debits.debit_non_tenu && r.debits.requetes_envoyees < r.debits.requetes_dues.unwrap_or(0));
    let _ = std::fs::remove_dir_all(Path::new(&json).parent().expect("a directory"));
}

#[test]
fn the_page_opens_in_chromium_with_its_plots() {
    let (json, html) = sortie("page");
    let o = lancer(&["load", "--no-progress", "--duration", "1", "--json", &json, "--html", &html]);
    assert!(matches!(o.status.code(), Some(0 | 5)), "{}", texte(&o));
    let r: Resultat = serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("a result");
    assert!(r.operations.iter().all(|l| l.histogramme.starts_with("HISTFAAA")));
    let url = format!("file://{html}");
    let dom = crate::rapports::navigateur(&["--dump-dom"], &url);
    for id in ["id=\"spectre\"", "id=\"debit\"", "id=\"p99\"", "id=\"operations\""] {
        assert!(dom.contains(id), "{id} rendered");
    }
    assert_eq!(dom.matches("class=\"operation\"").count(), r.operations.len(), "one row per operation");
    assert!(dom.matches("class=\"courbe-spectre\"").count() >= 2, "the total and at least one operation are plotted");
    let png = Path::new(&html).with_file_name("capture.png");
    let _ = crate::rapports::navigateur(&["--window-size=1000,1800", &format!("--screenshot={}", png.display())], &url);
    let taille = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(taille > 10_000, "a real screenshot ({taille} bytes)");
    let _ = std::fs::remove_dir_all(Path::new(&html).parent().expect("a directory"));
}

/// Runs a workload over HTTP against a fresh `serve`, four connections at most.
fn charger_serve(p: &ProfilCharge) -> (Resultat, usize) {
    use chorus_travaux::http::serveur::{Configuration, ServeurLance};
    let serveur = ServeurLance::demarrer(Configuration::new(TableTaux::default(), None)).expect("the server starts");
    let mut l = lancement(p, Shard::UN);
    let url = format!("http://{}", serveur.addr);
    let client = chorus_travaux::http::client::ClientHttp::new(&url, Duration::from_secs(10), None).expect("client");
    l.cible = Cible::Http { url, client: Box::new(client) };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let r = rt.block_on(chorus_travaux::charge::lancer(&l)).expect("the load runs");
    (r, serveur.bacs_ouverts())
}

#[test]
fn over_http_the_hello_route_and_the_static_list_answer_without_error() {
    let p = profil(
        "graine: 3\nannuaire: { structures: 1000, marches: 10 }\nmelange: { sante: 1, liste_cadres: 1 }\n\
         arrivee: { modele: ferme, connexions: 4 }\nlimites: { duree_s: 30, requetes: 200 }\n",
    );
    let (r, _) = charger_serve(&p);
    assert!(r.erreurs.is_empty(), "{:?}", r.erreurs);
    let ops: Vec<&str> = r.operations.iter().map(|o| o.operation.as_str()).collect();
    assert!(ops.contains(&"santé") && ops.contains(&"liste des cadres"), "{ops:?}");
    assert_eq!(r.debits.requetes_envoyees, 200);
}

#[test]
fn over_http_every_connection_shares_one_sandbox_freed_at_the_end() {
    let mut p = petite(24, 8);
    p.arrivee = parse_yaml("{ modele: ferme, connexions: 4 }", Path::new("arrivee.yaml")).expect("arrivee");
    let (r, bacs_ouverts) = charger_serve(&p);
    assert_eq!(r.connexions, 4);
    // The steps of one dossier go out on whichever connection is free: they all succeed only
    // because every connection works in the load's one sandbox.
    assert_eq!(r.flux.values().map(|c| c.termines).sum::<u64>(), 24, "{:?} {:?}", r.flux, r.erreurs);
    assert!(r.erreurs.is_empty(), "{:?}", r.erreurs);
    assert_eq!(bacs_ouverts, 0, "the load frees its sandbox at the end");
    let total = r.operations.iter().find(|o| o.operation == "total").expect("a total");
    assert_eq!(total.nombre, r.debits.requetes_envoyees);
    assert!(r.operations.iter().any(|o| o.operation == "dépôt A23"), "the tacit procedure ran over HTTP");
}

#[test]
fn load_setup_prints_the_contracts_requests_for_other_generators() {
    let o = lancer(&["load", "setup", "--workload", "scenarios/charges/depots.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o));
    let sortie = String::from_utf8_lossy(&o.stdout);
    let lignes: Vec<&str> = sortie.lines().collect();
    assert!(lignes[0].starts_with("/test/v1/fixerDate\t"), "{}", lignes[0]);
    // 1 000 structures, then users, attachments and 100 sheets, then one deposit.
    assert_eq!(lignes.iter().filter(|l| l.starts_with("/test/v1/ajouterStructure\t")).count(), 1000);
    assert_eq!(lignes.iter().filter(|l| l.starts_with("/test/v1/enregistrerMarche\t")).count(), 100);
    let depot: Vec<&str> = lignes.last().expect("a deposit").split('\t').collect();
    assert_eq!(&depot[..2], &["#", "/cpro/facturesTravaux/v1/soumettre"]);
    for l in &lignes[..lignes.len() - 1] {
        let (route, corps) = l.split_once('\t').expect("ROUTE<TAB>JSON");
        assert!(chorus_travaux::http::operations::ROUTES.contains(&route), "{route}");
        serde_json::from_str::<serde_json::Value>(corps).expect("JSON");
    }
}

#[test]
fn single_route_flows_hit_one_route_each() {
    let p = profil(
        "graine: 3\nannuaire: { structures: 1000, marches: 50 }\nmelange: { depot_seul: 1, liste_cadres: 1 }\n\
         arrivee: { modele: ferme, connexions: 1 }\nlimites: { duree_s: 100000, requetes: 400 }\n",
    );
    let x = simuler(&p, Shard::UN, Duration::from_micros(5), Duration::ZERO, Duration::ZERO, Modele::Ferme, 400);
    let ops: Vec<&String> = x.mesures.operations.keys().collect();
    assert_eq!(ops, ["dépôt A4", "liste des cadres"]);
    assert_eq!(x.flux["dépôt seul"].abandonnes + x.flux["liste des cadres"].abandonnes, 0);
    assert_eq!(x.envoyees, 400);
}
