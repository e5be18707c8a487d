//! The cost of each command as the platform fills up, and the in-process load.
//!
//! **Flat cost per command.** A deposit (A4), a prise en compte, a refusal, a consultation, each
//! into a reference already holding 10k, 100k and 1M pieces (one synthetic directory of 10k
//! structures and 2 000 contracts, filled with A4s). Target: the cost at 1M within 1.5× the cost
//! at 10k. The calendar's day (`avancer d'un jour`) and the search (`rechercher`) are measured
//! beside them without a target: both walk every piece, and the summary shows by how much.
//!
//! **In process.** Whole-dossier flows per second, operations per second and deposits (routing
//! decisions) per second of `load`'s closed model against the reference, with directories of
//! 1k, 100k and 1M structures. (Peak memory of a 1M-structure run: `/usr/bin/time -v` on
//! `load --workload scenarios/charges/million.yaml`, README.)
//!
//! The summary also prints the slowest single deposit since the previous size (its filling and
//! its measured rounds): a stall that an amortized cost hides (a storage copied whole as it
//! grows) would show there.
//!
//! The side-by-side summary is measured first, each size on exactly that many pieces; the
//! criterion groups follow on a reference of their own, and deposit more (their labels are the
//! size they start from).
//!
//! `cargo bench --bench charge`; `CHARGE_PIECES=10000,100000` and `CHARGE_TAILLES=1000,100000`
//! limit the sizes.

use chorus_travaux::charge::annuaire::Shard;
use chorus_travaux::charge::execution::{self, HorlogeReelle, Modele, Options};
use chorus_travaux::charge::generateur::Generateur;
use chorus_travaux::charge::profil::ProfilCharge;
use chorus_travaux::charge::reference_chargee;
use chorus_travaux::domaine::cadre::CadreFacturation;
use chorus_travaux::domaine::montant::Montants;
use chorus_travaux::domaine::paiement::TableTaux;
use chorus_travaux::domaine::piece::PieceId;
use chorus_travaux::domaine::reference::Depot;
use chorus_travaux::donnees::parse_yaml;
use chorus_travaux::plateforme::locale::PlateformeReference;
use chorus_travaux::plateforme::{Commande, Reponse};
use criterion::{BenchmarkId, Criterion};
use rust_decimal::Decimal;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

fn profil(structures: u64, marches: u64, dossiers: u64) -> ProfilCharge {
    let yaml = format!(
        "graine: 42\nannuaire: {{ structures: {structures}, marches: {marches} }}\n\
         melange: {{ mensuel: 50, refus_recyclage: 10, refus_autre: 5, fin_de_marche: 10, tacite: 5, lectures: 30 }}\n\
         dossiers_en_cours: {dossiers}\noperations_par_jour: 500\narrivee: {{ modele: ferme, connexions: 1 }}\n\
         limites: {{ duree_s: 3, requetes: 100000000 }}\n"
    );
    parse_yaml(&yaml, Path::new("bench.yaml")).expect("a valid workload")
}

/// A reference with the synthetic directory, and the contracts' titulaires and MOEs.
struct Banc {
    p: PlateformeReference,
    marches: Vec<(String, String, String)>,
    k: usize,
    /// The slowest single deposit since it was last reset (a stall that an amortized cost hides,
    /// such as a storage copied whole as it grows, shows here).
    pire: Duration,
}

impl Banc {
    fn new() -> Banc {
        let pr = profil(10_000, 2_000, 1);
        let p = reference_chargee(&pr, Shard::UN, TableTaux::default()).expect("loads");
        let marches = chorus_travaux::charge::generateur::annuaire(&pr)
            .marches(Shard::UN)
            .into_iter()
            .map(|m| (m.numero, m.titulaire, m.moe))
            .collect();
        Banc { p, marches, k: 0, pire: Duration::ZERO }
    }

    /// Deposits an A4 on the next contract; returns it, its MOE's login and its titulaire's.
    fn a4(&mut self) -> (PieceId, String, String) {
        let t = Instant::now();
        self.k = (self.k + 1) % self.marches.len();
        let (numero, titulaire, moe) = &self.marches[self.k];
        let d = Depot::nouveau(CadreFacturation::A4, Some(numero), Montants::depuis_ht(Decimal::from(1000), Decimal::from(20)));
        let r = match self.p.executer_sync(Some(titulaire), Commande::Deposer(Box::new(d))) {
            Ok(Reponse::Piece(id)) => (id, moe.clone(), titulaire.clone()),
            autre => panic!("deposit refused: {autre:?}"),
        };
        self.pire = self.pire.max(t.elapsed());
        r
    }

    fn remplir(&mut self, pieces: usize) {
        while self.p.reference().pieces().len() < pieces {
            self.a4();
        }
    }

    /// Times `n` runs of `op` on `n` fresh A4s deposited beforehand (untimed).
    fn sur_a4(&mut self, n: u64, op: impl Fn(&mut PlateformeReference, PieceId, &str)) -> Duration {
        let a4: Vec<(PieceId, String, String)> = (0..n).map(|_| self.a4()).collect();
        let t = Instant::now();
        for (id, moe, _) in &a4 {
            op(&mut self.p, *id, moe);
        }
        t.elapsed()
    }
}

fn tailles(var: &str, defaut: &[usize]) -> Vec<usize> {
    std::env::var(var).ok().map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect()).unwrap_or_else(|| defaut.to_vec())
}

fn prise_en_compte(p: &mut PlateformeReference, id: PieceId, moe: &str) {
    black_box(p.executer_sync(Some(moe), Commande::PrendreEnCompte(id))).expect("prise en compte");
}

fn refus(p: &mut PlateformeReference, id: PieceId, moe: &str) {
    let c = Commande::Refuser { piece: id, motif: "AUTRE".into(), commentaire: "banc".into() };
    black_box(p.executer_sync(Some(moe), c)).expect("refus");
}

/// Medians over `tours` interleaved rounds of `n` operations each, ns per operation.
fn commandes(c: &mut Criterion) -> Vec<(usize, [f64; 7])> {
    let tailles = tailles("CHARGE_PIECES", &[10_000, 100_000, 1_000_000]);
    // The summary first, every size on its own way up: a criterion group deposits hundreds of
    // thousands of pieces, which would put the next size's summary past its label.
    let mut b = Banc::new();
    let mut resume = Vec::new();
    for &n in &tailles {
        // Every deposit from the previous size's end to this size's: the filling and the
        // measured rounds.
        b.pire = Duration::ZERO;
        b.remplir(n);
        let m = cote_a_cote(&mut b);
        resume.push((n, [m[0], m[1], m[2], m[3], m[4], m[5], b.pire.as_nanos() as f64]));
    }
    drop(b);
    let mut b = Banc::new();
    let mut g = c.benchmark_group("commande");
    for n in tailles {
        b.remplir(n);
        g.bench_function(BenchmarkId::new("dépôt A4", n), |x| x.iter(|| black_box(b.a4())));
        g.bench_function(BenchmarkId::new("prise en compte", n), |x| x.iter_custom(|k| b.sur_a4(k, prise_en_compte)));
        g.bench_function(BenchmarkId::new("refus", n), |x| x.iter_custom(|k| b.sur_a4(k, refus)));
        g.bench_function(BenchmarkId::new("consultation", n), |x| {
            x.iter_custom(|k| {
                let a4: Vec<(PieceId, String, String)> = (0..k).map(|_| b.a4()).collect();
                let t = Instant::now();
                for (id, _, login) in &a4 {
                    let _ = black_box(b.p.consulter_sync(Some(login), *id));
                }
                t.elapsed()
            })
        });
    }
    g.finish();
    resume
}

/// One round: each command timed over the same number of fresh pieces, then one search and one
/// calendar day. Returns medians (ns per operation).
fn cote_a_cote(b: &mut Banc) -> [f64; 6] {
    let (tours, n) = (9, 2_000u64);
    let mut mesures: [Vec<f64>; 6] = Default::default();
    for _ in 0..tours {
        let t = Instant::now();
        for _ in 0..n {
            black_box(b.a4());
        }
        mesures[0].push(t.elapsed().as_nanos() as f64 / n as f64);
        mesures[1].push(b.sur_a4(n, prise_en_compte).as_nanos() as f64 / n as f64);
        mesures[2].push(b.sur_a4(n, refus).as_nanos() as f64 / n as f64);
        let (id, _, login) = b.a4();
        let t = Instant::now();
        for _ in 0..n {
            let _ = black_box(b.p.consulter_sync(Some(&login), id));
        }
        mesures[3].push(t.elapsed().as_nanos() as f64 / n as f64);
        let t = Instant::now();
        let _ = black_box(b.p.reference().rechercher(&login).map(|v| v.len()));
        mesures[4].push(t.elapsed().as_nanos() as f64);
        let t = Instant::now();
        let _ = black_box(b.p.executer_sync(None, Commande::Avancer(1)));
        mesures[5].push(t.elapsed().as_nanos() as f64);
    }
    mesures.map(mediane)
}

fn mediane(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `load`'s closed model in process for three seconds at each directory size.
fn en_processus() -> Vec<(usize, f64, f64, f64, f64)> {
    let mut v = Vec::new();
    for n in tailles("CHARGE_TAILLES", &[1_000, 100_000, 1_000_000]) {
        let p = profil(n as u64, (n as u64 / 5).max(200), 256);
        let debut = Instant::now();
        let r = reference_chargee(&p, Shard::UN, TableTaux::default()).expect("loads");
        let mise_en_place = debut.elapsed().as_secs_f64();
        let g = Generateur::new(&p, Shard::UN).expect("generator");
        let options = Options { modele: Modele::Ferme, connexions: 1, requetes: u64::MAX, duree: Duration::from_secs(3) };
        let x = futures::executor::block_on(execution::executer(
            g,
            vec![Box::new(r)],
            Arc::new(HorlogeReelle::demarrer()),
            &options,
            Arc::new(AtomicU64::new(0)),
        ));
        let s = x.duree.as_secs_f64();
        let flux: u64 = x.flux.values().map(|c| c.termines).sum();
        let depots: u64 = x.mesures.operations.iter().filter(|(k, _)| k.starts_with("dépôt")).map(|(_, h)| h.len()).sum();
        let calendrier = x.mesures.operations.get("calendrier").map_or(0.0, |h| h.max() as f64 / 1000.0);
        v.push((n, flux as f64 / s, x.envoyees as f64 / s, depots as f64 / s, calendrier));
        eprintln!("{n} structures : mise en place {mise_en_place:.1} s");
    }
    v
}

#[expect(clippy::print_stdout, reason = "the bench's summary is its output")]
fn imprimer(commandes: &[(usize, [f64; 7])], processus: &[(usize, f64, f64, f64, f64)]) {
    let noms = ["dépôt A4", "prise en compte", "refus", "consultation", "recherche", "avancer d'un jour", "pire dépôt"];
    println!("\nCoût d'une commande selon le nombre de pièces déjà sur la plateforme (médianes de 9 tours, ns)");
    print!("{:<20}", "commande");
    for (n, _) in commandes {
        print!(" {n:>14}");
    }
    println!(" {:>12}", "der. / 1re");
    for (i, nom) in noms.iter().enumerate() {
        print!("{nom:<20}");
        for (_, m) in commandes {
            print!(" {:>14.0}", m[i]);
        }
        if let (Some(a), Some(b)) = (commandes.first(), commandes.last()) {
            let ratio = b.1[i] / a.1[i];
            let verdict = if i == 6 {
                "(sans objectif : le dépôt le plus lent depuis la taille précédente)"
            } else if i >= 4 {
                "(sans objectif : parcourt toutes les pièces)"
            } else if ratio <= 1.5 {
                "objectif ≤ 1,5 : atteint"
            } else {
                "objectif ≤ 1,5 : NON ATTEINT"
            };
            println!(" {ratio:>12.2} {verdict}");
        } else {
            println!();
        }
    }
    println!("\nCharge en processus (modèle fermé, 3 s par taille)");
    println!("{:>10} {:>14} {:>16} {:>14} {:>20}", "structures", "dossiers/s", "opérations/s", "dépôts/s", "calendrier max ms");
    for (n, f, o, d, c) in processus {
        println!("{n:>10} {f:>14.0} {o:>16.0} {d:>14.0} {c:>20.1}");
    }
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .measurement_time(Duration::from_secs(1))
        .warm_up_time(Duration::from_millis(300));
    let commandes = commandes(&mut c);
    let processus = en_processus();
    imprimer(&commandes, &processus);
    c.final_summary();
}
