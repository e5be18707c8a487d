//! What a run measures: one HdrHistogram of latencies per operation (microseconds, 1 µs to one
//! hour, 3 significant digits), errors by refusal code, and a time series of throughput and
//! latency. Memory stays bounded whatever the duration: histograms have a fixed size, and the
//! series keeps at most [`POINTS_MAX`] points, doubling its interval and adding neighbours'
//! histograms when it is full.

use hdrhistogram::Histogram;
use std::collections::BTreeMap;

/// The highest latency recorded, in microseconds (one hour); longer ones are recorded as this.
pub const LATENCE_MAX_US: u64 = 3_600_000_000;
/// The most points the time series keeps.
pub const POINTS_MAX: usize = 240;
/// The first interval of the time series, in milliseconds.
pub const INTERVALLE_INITIAL_MS: u64 = 250;

/// A latency histogram (3 significant digits).
pub fn histogramme() -> Histogram<u64> {
    Histogram::new_with_bounds(1, LATENCE_MAX_US, 3).expect("valid bounds")
}

/// A coarser histogram for the time series (2 significant digits: p99 to 1 %).
pub fn histogramme_serie() -> Histogram<u64> {
    Histogram::new_with_bounds(1, LATENCE_MAX_US, 2).expect("valid bounds")
}

/// One interval of the time series.
#[derive(Debug, Clone)]
pub struct Point {
    /// Operations done in the interval.
    pub operations: u64,
    /// Of which refused or unanswered.
    pub erreurs: u64,
    /// Their latencies.
    pub latences: Histogram<u64>,
}

impl Point {
    fn vide() -> Point {
        Point { operations: 0, erreurs: 0, latences: histogramme_serie() }
    }

    fn ajouter(&mut self, autre: &Point) {
        self.operations += autre.operations;
        self.erreurs += autre.erreurs;
        // Same bounds and precision: adding cannot fail.
        let _ = self.latences.add(&autre.latences);
    }
}

/// Throughput and latency over time, bounded.
#[derive(Debug, Clone)]
pub struct Serie {
    /// Width of one interval, in milliseconds.
    pub intervalle_ms: u64,
    /// The intervals, from the start of the run.
    pub points: Vec<Point>,
}

impl Default for Serie {
    fn default() -> Self {
        Serie { intervalle_ms: INTERVALLE_INITIAL_MS, points: Vec::new() }
    }
}

impl Serie {
    /// Records one operation that ended `fin_ms` after the start.
    pub fn enregistrer(&mut self, fin_ms: u64, latence_us: u64, erreur: bool) {
        let mut i = (fin_ms / self.intervalle_ms) as usize;
        while i >= POINTS_MAX {
            self.doubler();
            i = (fin_ms / self.intervalle_ms) as usize;
        }
        while self.points.len() <= i {
            self.points.push(Point::vide());
        }
        let p = &mut self.points[i];
        p.operations += 1;
        p.erreurs += u64::from(erreur);
        p.latences.saturating_record(latence_us.max(1));
    }

    /// Doubles the interval: neighbours are added together.
    fn doubler(&mut self) {
        let anciens = std::mem::take(&mut self.points);
        for paire in anciens.chunks(2) {
            let mut p = paire[0].clone();
            if let Some(b) = paire.get(1) {
                p.ajouter(b);
            }
            self.points.push(p);
        }
        self.intervalle_ms *= 2;
    }

    /// Adds another series (another shard's, started at the same time), interval by interval.
    pub fn fusionner(&mut self, autre: &Serie) {
        let mut b = autre.clone();
        while self.intervalle_ms < b.intervalle_ms {
            self.doubler();
        }
        while b.intervalle_ms < self.intervalle_ms {
            b.doubler();
        }
        for (i, p) in b.points.iter().enumerate() {
            while self.points.len() <= i {
                self.points.push(Point::vide());
            }
            self.points[i].ajouter(p);
        }
        while self.points.len() > POINTS_MAX {
            self.doubler();
        }
    }
}

/// Everything a run measures.
#[derive(Debug, Clone, Default)]
pub struct Mesures {
    /// Latencies by operation label.
    pub operations: BTreeMap<String, Histogram<u64>>,
    /// Refusals and failures by code (`indetermine` when the target did not answer usably).
    pub erreurs: BTreeMap<String, u64>,
    /// Errors by operation label.
    pub erreurs_par_operation: BTreeMap<String, u64>,
    /// Over time.
    pub serie: Serie,
}

impl Mesures {
    /// Records one operation: its label, when it ended (ms from the start), its latency (µs,
    /// from the time it was due), and its error code if it failed.
    pub fn enregistrer(&mut self, libelle: &str, fin_ms: u64, latence_us: u64, erreur: Option<&str>) {
        let h = match self.operations.get_mut(libelle) {
            Some(h) => h,
            None => self.operations.entry(libelle.to_string()).or_insert_with(histogramme),
        };
        h.saturating_record(latence_us.max(1));
        if let Some(code) = erreur {
            *self.erreurs.entry(code.to_string()).or_default() += 1;
            *self.erreurs_par_operation.entry(libelle.to_string()).or_default() += 1;
        }
        self.serie.enregistrer(fin_ms, latence_us, erreur.is_some());
    }

    /// Every operation's latencies together.
    pub fn total(&self) -> Histogram<u64> {
        let mut t = histogramme();
        for h in self.operations.values() {
            let _ = t.add(h);
        }
        t
    }

    /// Operations recorded.
    pub fn nombre(&self) -> u64 {
        self.operations.values().map(Histogram::len).sum()
    }

    /// Adds another run's measures (histograms added, never percentiles averaged).
    pub fn fusionner(&mut self, autre: &Mesures) {
        for (k, h) in &autre.operations {
            let _ = self.operations.entry(k.clone()).or_insert_with(histogramme).add(h);
        }
        for (k, n) in &autre.erreurs {
            *self.erreurs.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &autre.erreurs_par_operation {
            *self.erreurs_par_operation.entry(k.clone()).or_default() += n;
        }
        self.serie.fusionner(&autre.serie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_stays_bounded_and_keeps_every_operation() {
        let mut s = Serie::default();
        for t in 0..100_000u64 {
            s.enregistrer(t * 10, 100 + t % 7, t % 10 == 0);
        }
        assert!(s.points.len() <= POINTS_MAX);
        assert_eq!(s.points.iter().map(|p| p.operations).sum::<u64>(), 100_000);
        assert_eq!(s.points.iter().map(|p| p.latences.len()).sum::<u64>(), 100_000);
        assert_eq!(s.points.iter().map(|p| p.erreurs).sum::<u64>(), 10_000);
    }

    #[test]
    fn merging_adds_histograms() {
        let mut a = Mesures::default();
        let mut b = Mesures::default();
        for i in 1..=1000 {
            a.enregistrer("dépôt A4", i, i, None);
            b.enregistrer("dépôt A4", i, 10 * i, (i % 100 == 0).then_some("PIECE_INCONNUE"));
        }
        a.fusionner(&b);
        let h = &a.operations["dépôt A4"];
        assert_eq!(h.len(), 2000);
        assert_eq!(a.erreurs["PIECE_INCONNUE"], 10);
        // The merged median is the median of all 2 000 values (x + x/10 = 1 000 gives 909), not
        // the mean of the two medians (2 750).
        let m = h.value_at_quantile(0.5);
        assert!((905..=915).contains(&m), "{m}");
    }
}
