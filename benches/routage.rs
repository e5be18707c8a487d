//! Routing decision vs a bare `HashMap<u64, u32>` lookup, over seeded generated directories of
//! 1k, 100k and 1M structures, with the same keys and the same probe sequence (recipients drawn
//! uniformly, and Zipf-skewed as real traffic is).
//!
//! Targets (stated as ratios, because the bare lookup itself slows ~14× from 1k to 1M):
//! - at every size, a decision costs at most 5× the bare lookup;
//! - the ratio decision / lookup at 1M is at most 1.5× the same ratio at 1k.
//!
//! `cargo bench --bench routage` runs the criterion groups, then a side-by-side summary (medians of
//! interleaved rounds) with the ratios. `ROUTAGE_TAILLES=1000,100000` limits the sizes.

use chorus_travaux::domaine::cadre::CadreFacturation;
use chorus_travaux::domaine::calendrier::Date;
use chorus_travaux::domaine::routage::{Association, DemandeRoutage, router};
use chorus_travaux::domaine::siret::Siret;
use chorus_travaux::domaine::structure::{Annuaire, PresenceMoa, Structure, StructureId, TypeStructure};
use chorus_travaux::domaine::utilisateur::{Rattachement, RoleRattachement, Utilisateur};
use criterion::{BenchmarkId, Criterion, Throughput};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

/// Probes per sequence: large enough that the probes of a 1M directory do not fit in cache.
const PROBES: usize = 1 << 20;

struct Banc {
    annuaire: Annuaire,
    /// The bare baseline: the same keys, the same values.
    nu: HashMap<u64, u32>,
    deposant: StructureId,
    utilisateur: Utilisateur,
    /// Probe keys, in probe order (sequential memory, as the probe strings below).
    cles: Vec<u64>,
    /// The same probes as typed SIRETs, 14 bytes each, in probe order.
    textes: String,
}

/// A seeded directory: public structures « avec MOA » (some « sans MOA », some inactive), each with
/// a unique valid SIRET.
fn annuaire(n: usize, rng: &mut ChaCha8Rng) -> (Annuaire, Vec<Siret>) {
    let mut a = Annuaire::with_capacity(n + 1);
    let mut sirets = Vec::with_capacity(n);
    while sirets.len() < n {
        let prefixe: u64 = rng.random_range(100_000_000_000..1_000_000_000_000);
        let siret = Siret::completer(prefixe);
        let mut s = Structure::nouvelle(siret, "Structure publique", TypeStructure::Publique);
        s.presence_moa = if rng.random_range(0..10) == 0 { PresenceMoa::SansMoa } else { PresenceMoa::AvecMoa };
        s.active = rng.random_range(0..100) != 0;
        if a.ajouter(s).is_ok() {
            sirets.push(siret);
        }
    }
    (a, sirets)
}

/// Zipf(s = 1) ranks over `n`, mapped to random structures so that hot keys are spread.
fn zipf(n: usize, count: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut cumul = Vec::with_capacity(n);
    let mut total = 0.0f64;
    for k in 1..=n {
        total += 1.0 / k as f64;
        cumul.push(total);
    }
    let mut permutation: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        permutation.swap(i, j);
    }
    (0..count)
        .map(|_| {
            let u: f64 = rng.random::<f64>() * total;
            let rang = cumul.partition_point(|&c| c < u).min(n - 1);
            permutation[rang]
        })
        .collect()
}

fn banc(n: usize, skew: bool) -> Banc {
    let mut rng = ChaCha8Rng::seed_from_u64(0x0C0F_FEE5 ^ n as u64);
    let (mut annuaire, sirets) = annuaire(n, &mut rng);
    let siret_deposant = Siret::completer(999_999_999_999);
    let mut fournisseur = Structure::nouvelle(siret_deposant, "Fournisseur", TypeStructure::Privee);
    fournisseur.espace_travaux = true;
    let deposant = annuaire.ajouter(fournisseur).expect("unique");
    let mut utilisateur = Utilisateur::nouveau("fournisseur@example.fr", "A", "B");
    utilisateur.rattachements.push(Rattachement {
        structure: deposant,
        role: RoleRattachement::GestionnairePrincipal,
        habilite_travaux: true,
    });
    let nu: HashMap<u64, u32> = sirets.iter().enumerate().map(|(i, s)| (s.valeur(), i as u32)).collect();
    let indices: Vec<usize> = if skew { zipf(n, PROBES, &mut rng) } else { (0..PROBES).map(|_| rng.random_range(0..n)).collect() };
    let cles: Vec<u64> = indices.iter().map(|&i| sirets[i].valeur()).collect();
    let mut textes = String::with_capacity(PROBES * 14);
    for &i in &indices {
        textes.push_str(&sirets[i].to_string());
    }
    Banc { annuaire, nu, deposant, utilisateur, cles, textes }
}

impl Banc {
    #[inline]
    fn lookup(&self, i: usize) -> Option<u32> {
        self.nu.get(&self.cles[i]).copied()
    }

    /// One routing decision: a facture simple (A1) to the probed recipient, the bulk of Chorus
    /// Pro's traffic; every D-ROUTAGE step runs.
    #[inline]
    fn decision(&self, i: usize, date: Date) -> bool {
        let d = DemandeRoutage {
            utilisateur: &self.utilisateur,
            deposant: self.deposant,
            cadre: CadreFacturation::A1,
            marche: None,
            association: Association::Initiale,
            destinataire: &self.textes[i * 14..i * 14 + 14],
            code_service: None,
            numero_engagement: None,
            moe: None,
            moa: None,
            defaut: None,
        };
        router(&d, &self.annuaire, date).is_ok()
    }
}

fn tailles() -> Vec<usize> {
    std::env::var("ROUTAGE_TAILLES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 100_000, 1_000_000])
}

fn bench(c: &mut Criterion) {
    let date = Date::ymd(2026, 3, 2).expect("date");
    let mut resume = Vec::new();
    for skew in [false, true] {
        let loi = if skew { "zipf" } else { "uniforme" };
        let mut group = c.benchmark_group(format!("routage/{loi}"));
        group.throughput(Throughput::Elements(1));
        for n in tailles() {
            let b = banc(n, skew);
            let mask = PROBES - 1;
            let mut k = 0usize;
            group.bench_function(BenchmarkId::new("hashmap", n), |bench| {
                bench.iter(|| {
                    k = (k + 1) & mask;
                    black_box(b.lookup(k))
                })
            });
            let mut k = 0usize;
            group.bench_function(BenchmarkId::new("decision", n), |bench| {
                bench.iter(|| {
                    k = (k + 1) & mask;
                    black_box(b.decision(k, date))
                })
            });
            resume.push((loi, n, cote_a_cote(&b, date)));
        }
        group.finish();
    }
    imprimer(&resume);
}

/// Medians of interleaved rounds: each round times one pass of lookups then one pass of
/// decisions over the same probes, so both see the same machine state.
fn cote_a_cote(b: &Banc, date: Date) -> (f64, f64) {
    let rounds = 15;
    let mut nu = Vec::with_capacity(rounds);
    let mut de = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        let mut hits = 0u32;
        for i in 0..PROBES {
            hits += u32::from(black_box(b.lookup(i)).is_some());
        }
        black_box(hits);
        nu.push(t.elapsed().as_nanos() as f64 / PROBES as f64);
        let t = Instant::now();
        let mut ok = 0u32;
        for i in 0..PROBES {
            ok += u32::from(black_box(b.decision(i, date)));
        }
        black_box(ok);
        de.push(t.elapsed().as_nanos() as f64 / PROBES as f64);
    }
    (mediane(nu), mediane(de))
}

fn mediane(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[expect(clippy::print_stdout, reason = "the bench's summary is its output")]
fn imprimer(resume: &[(&str, usize, (f64, f64))]) {
    println!("\nRoutage : décision / recherche HashMap nue (médianes de 15 tours entrelacés, {PROBES} sondes)");
    println!("{:<9} {:>9} {:>12} {:>12} {:>8}", "loi", "taille", "hashmap ns", "décision ns", "ratio");
    for (loi, n, (nu, de)) in resume {
        println!("{loi:<9} {n:>9} {nu:>12.1} {de:>12.1} {:>8.2}", de / nu);
    }
    for loi in ["uniforme", "zipf"] {
        let ratios: Vec<(usize, f64)> = resume.iter().filter(|r| r.0 == loi).map(|r| (r.1, r.2.1 / r.2.0)).collect();
        let max = ratios.iter().map(|r| r.1).fold(0.0, f64::max);
        let objectif1 = if max <= 5.0 { "atteint" } else { "NON ATTEINT" };
        println!("{loi}: ratio maximal {max:.2} (objectif ≤ 5 : {objectif1})");
        if let (Some(petit), Some(grand)) = (ratios.first(), ratios.last())
            && grand.0 > petit.0
        {
            let derive = grand.1 / petit.1;
            let objectif2 = if derive <= 1.5 { "atteint" } else { "NON ATTEINT" };
            println!("{loi}: ratio à {} / ratio à {} = {derive:.2} (objectif ≤ 1,5 : {objectif2})", grand.0, petit.0);
        }
    }
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(30)
        .measurement_time(std::time::Duration::from_secs(2))
        .warm_up_time(std::time::Duration::from_millis(500));
    bench(&mut c);
    c.final_summary();
}
