//! A run's result as JSON (`version_schema` 1), each histogram in HdrHistogram's standard
//! serialized form (V2, deflate-compressed, base64: the `HISTFAAA…` strings that HdrHistogram's
//! Java, C, Go and Rust ports all read), the terminal table, and the exact merge of shards.

use super::generateur::CompteFlux;
use super::mesure::{Mesures, Point, Serie, histogramme};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hdrhistogram::Histogram;
use hdrhistogram::serialization::{Deserializer, Serializer, V2DeflateSerializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The JSON schema's version.
pub const VERSION_SCHEMA: u32 = 1;

/// Percentiles of one histogram, in microseconds, with the histogram itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Latences {
    /// The operation's label (`total` for all of them).
    pub operation: String,
    /// Operations recorded.
    pub nombre: u64,
    /// Of which refused or unanswered.
    pub erreurs: u64,
    /// Mean, µs.
    pub moyenne_us: f64,
    /// p50, µs.
    pub p50_us: u64,
    /// p90, µs.
    pub p90_us: u64,
    /// p99, µs.
    pub p99_us: u64,
    /// p99.9, µs.
    pub p999_us: u64,
    /// Maximum, µs.
    pub max_us: u64,
    /// The histogram: HdrHistogram V2 deflate, base64.
    pub histogramme: String,
}

impl Latences {
    /// The percentiles of `h`.
    pub fn de(operation: &str, h: &Histogram<u64>, erreurs: u64) -> Latences {
        Latences {
            operation: operation.to_string(),
            nombre: h.len(),
            erreurs,
            moyenne_us: (h.mean() * 10.0).round() / 10.0,
            p50_us: h.value_at_quantile(0.5),
            p90_us: h.value_at_quantile(0.9),
            p99_us: h.value_at_quantile(0.99),
            p999_us: h.value_at_quantile(0.999),
            max_us: h.max(),
            histogramme: encoder(h),
        }
    }
}

/// A point of the time series.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PointJson {
    /// Start of the interval, seconds from the run's start.
    pub debut_s: f64,
    /// Operations done in it.
    pub operations: u64,
    /// Of which errors.
    pub erreurs: u64,
    /// p99 of the interval, µs.
    pub p99_us: u64,
    /// Open model: the rate intended in the middle of the interval, requests per second.
    #[serde(default)]
    pub debit_vise: Option<f64>,
    /// Its histogram (2 significant digits), HdrHistogram V2 deflate, base64.
    pub histogramme: String,
}

/// The intended and achieved rates.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Debits {
    /// `ouvert` or `ferme`.
    pub modele: String,
    /// Open model: requests due during the run.
    pub requetes_dues: Option<u64>,
    /// Open model: the intended mean rate, requests per second.
    pub debit_vise: Option<f64>,
    /// Requests sent.
    pub requetes_envoyees: u64,
    /// The achieved rate, requests per second.
    pub debit_atteint: f64,
    /// Open model: the latest a request was sent after it was due, µs.
    pub retard_max_envoi_us: u64,
    /// Open model: whether the achieved rate fell short of the intended one by more than 5 %.
    pub debit_non_tenu: bool,
}

/// A run's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Resultat {
    /// Schema version.
    pub version_schema: u32,
    /// What was loaded: `référence (en processus)` or the URL.
    pub cible: String,
    /// The workload file.
    pub profil: String,
    /// The seed.
    pub graine: u64,
    /// The shards this result covers (`0/1`, or `0,1,2/4` after a merge).
    pub shards: String,
    /// Structures in the directory.
    pub structures: u64,
    /// Workers (connections).
    pub connexions: u64,
    /// Seconds.
    pub duree_s: f64,
    /// Rates.
    pub debits: Debits,
    /// Dossiers by kind of flow.
    pub flux: BTreeMap<String, CompteFlux>,
    /// Errors by code (refusal code, `DELAI_DEPASSE`, `CONNEXION_IMPOSSIBLE`, `HTTP_5xx`…).
    pub erreurs: BTreeMap<String, u64>,
    /// Latencies per operation, then `total`.
    pub operations: Vec<Latences>,
    /// Width of each interval of the series, ms.
    pub intervalle_ms: u64,
    /// Throughput and p99 over time.
    pub serie: Vec<PointJson>,
}

/// HdrHistogram's standard serialized form of `h`.
pub fn encoder(h: &Histogram<u64>) -> String {
    let mut octets = Vec::new();
    // Serializing into memory cannot fail.
    let _ = V2DeflateSerializer::new().serialize(h, &mut octets);
    STANDARD.encode(octets)
}

/// Reads HdrHistogram's standard serialized form.
pub fn decoder(texte: &str) -> Result<Histogram<u64>, String> {
    let octets = STANDARD.decode(texte.trim()).map_err(|e| format!("histogramme : base64 invalide ({e})"))?;
    Deserializer::new().deserialize(&mut &octets[..]).map_err(|e| format!("histogramme : forme sérialisée invalide ({e:?})"))
}

impl Resultat {
    /// The measures of a result, read back from its histograms.
    pub fn mesures(&self) -> Result<Mesures, String> {
        let mut m = Mesures::default();
        for l in self.operations.iter().filter(|l| l.operation != "total") {
            let mut h = histogramme();
            h.add(decoder(&l.histogramme)?).map_err(|e| format!("histogramme de « {} » : {e:?}", l.operation))?;
            m.operations.insert(l.operation.clone(), h);
            if l.erreurs > 0 {
                m.erreurs_par_operation.insert(l.operation.clone(), l.erreurs);
            }
        }
        m.erreurs = self.erreurs.clone();
        let mut points = Vec::with_capacity(self.serie.len());
        for p in &self.serie {
            let mut latences = super::mesure::histogramme_serie();
            latences.add(decoder(&p.histogramme)?).map_err(|e| format!("histogramme de la série : {e:?}"))?;
            points.push(Point { operations: p.operations, erreurs: p.erreurs, latences });
        }
        m.serie = Serie { intervalle_ms: self.intervalle_ms.max(1), points };
        Ok(m)
    }

    /// The operations and series of `m`, in this result's shape.
    pub fn avec_mesures(mut self, m: &Mesures) -> Resultat {
        let mut ops: Vec<Latences> =
            m.operations.iter().map(|(k, h)| Latences::de(k, h, m.erreurs_par_operation.get(k).copied().unwrap_or(0))).collect();
        ops.push(Latences::de("total", &m.total(), m.erreurs_par_operation.values().sum()));
        self.operations = ops;
        self.erreurs = m.erreurs.clone();
        self.intervalle_ms = m.serie.intervalle_ms;
        self.serie = m
            .serie
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| PointJson {
                debut_s: (i as u64 * m.serie.intervalle_ms) as f64 / 1000.0,
                operations: p.operations,
                erreurs: p.erreurs,
                p99_us: p.latences.value_at_quantile(0.99),
                debit_vise: None,
                histogramme: encoder(&p.latences),
            })
            .collect();
        self
    }
}

/// Merges shard results exactly: histograms and counts added (never percentiles averaged), rates
/// added, the longest duration kept. The shards are assumed to have started together (a
/// Kubernetes Indexed Job starts its pods within seconds of each other).
pub fn fusionner(resultats: &[Resultat]) -> Result<Resultat, String> {
    let premier = resultats.first().ok_or("aucun résultat à fusionner")?;
    let mut mesures = Mesures::default();
    let mut flux: BTreeMap<String, CompteFlux> = BTreeMap::new();
    let (mut dues, mut vise, mut envoyees, mut retard, mut connexions, mut duree) = (None::<u64>, None::<f64>, 0, 0, 0, 0.0f64);
    let mut shards = Vec::new();
    for r in resultats {
        if r.version_schema != VERSION_SCHEMA {
            return Err(format!("version_schema {} : seule la version {VERSION_SCHEMA} se fusionne", r.version_schema));
        }
        mesures.fusionner(&r.mesures()?);
        for (k, c) in &r.flux {
            let e = flux.entry(k.clone()).or_default();
            e.commences += c.commences;
            e.termines += c.termines;
            e.abandonnes += c.abandonnes;
        }
        if let Some(d) = r.debits.requetes_dues {
            dues = Some(dues.unwrap_or(0) + d);
        }
        if let Some(v) = r.debits.debit_vise {
            vise = Some(vise.unwrap_or(0.0) + v);
        }
        envoyees += r.debits.requetes_envoyees;
        retard = retard.max(r.debits.retard_max_envoi_us);
        connexions += r.connexions;
        duree = duree.max(r.duree_s);
        shards.push(r.shards.clone());
    }
    let atteint = if duree > 0.0 { envoyees as f64 / duree } else { 0.0 };
    let resultat = Resultat {
        version_schema: VERSION_SCHEMA,
        cible: premier.cible.clone(),
        profil: premier.profil.clone(),
        graine: premier.graine,
        shards: shards.join(" + "),
        structures: premier.structures,
        connexions,
        duree_s: duree,
        debits: Debits {
            modele: premier.debits.modele.clone(),
            requetes_dues: dues,
            debit_vise: vise,
            requetes_envoyees: envoyees,
            debit_atteint: atteint,
            retard_max_envoi_us: retard,
            debit_non_tenu: dues.is_some_and(|d| (envoyees as f64) < 0.95 * d as f64),
        },
        flux,
        erreurs: BTreeMap::new(),
        operations: Vec::new(),
        intervalle_ms: 0,
        serie: Vec::new(),
    };
    let mut r = resultat.avec_mesures(&mesures);
    // The intended rate of each interval: the shards' added, when they share the interval width.
    for (i, p) in r.serie.iter_mut().enumerate() {
        let vises: Vec<f64> = resultats
            .iter()
            .filter(|x| x.intervalle_ms == r.intervalle_ms)
            .filter_map(|x| x.serie.get(i).and_then(|q| q.debit_vise))
            .collect();
        p.debit_vise = (!vises.is_empty()).then(|| vises.iter().sum());
    }
    Ok(r)
}

fn ms(us: u64) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

/// The terminal table: one row per operation, then the total (French headers).
pub fn tableau(r: &Resultat) -> String {
    let mut b = tabled::builder::Builder::default();
    b.push_record(["opération", "nombre", "erreurs", "p50 ms", "p90 ms", "p99 ms", "p99,9 ms", "max ms"]);
    for l in &r.operations {
        b.push_record([
            l.operation.clone(),
            l.nombre.to_string(),
            l.erreurs.to_string(),
            ms(l.p50_us),
            ms(l.p90_us),
            ms(l.p99_us),
            ms(l.p999_us),
            ms(l.max_us),
        ]);
    }
    let mut t = b.build();
    t.with(tabled::settings::Style::rounded());
    let d = &r.debits;
    let mut s = format!("{t}\n");
    match d.debit_vise {
        Some(v) => s.push_str(&format!(
            "débit visé {v:.0}/s, atteint {:.0}/s ({} requêtes envoyées sur {} dues ; retard d'envoi maximal {} ms)\n",
            d.debit_atteint,
            d.requetes_envoyees,
            d.requetes_dues.unwrap_or(0),
            ms(d.retard_max_envoi_us)
        )),
        None => s.push_str(&format!("débit atteint {:.0}/s ({} requêtes, modèle fermé)\n", d.debit_atteint, d.requetes_envoyees)),
    }
    if d.debit_non_tenu {
        s.push_str("ATTENTION : le débit visé n'a pas été tenu (la cible ou le générateur n'a pas suivi) ; les latences comptent depuis l'heure prévue de chaque requête\n");
    }
    if !r.erreurs.is_empty() {
        let e: Vec<String> = r.erreurs.iter().map(|(k, n)| format!("{k} × {n}")).collect();
        s.push_str(&format!("erreurs : {}\n", e.join(", ")));
    }
    let f: Vec<String> = r
        .flux
        .iter()
        .map(|(k, c)| format!("{k} {} commencés, {} terminés, {} abandonnés", c.commences, c.termines, c.abandonnes))
        .collect();
    s.push_str(&format!("dossiers : {}\n", f.join(" ; ")));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_serialized_form_round_trips() {
        let mut h = histogramme();
        for v in 1..10_000u64 {
            h.record(v * 3).expect("in range");
        }
        let texte = encoder(&h);
        assert!(texte.starts_with("HISTFAAA"), "HdrHistogram's V2 deflate form starts with HISTFAAA: {}", &texte[..12]);
        let lu = decoder(&texte).expect("decodes");
        assert_eq!(lu.len(), h.len());
        assert_eq!(lu.value_at_quantile(0.99), h.value_at_quantile(0.99));
        assert!(decoder("pas du base64 !").is_err());
    }
}
