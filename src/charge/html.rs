//! The HTML page of a load result: one self-contained file (inline CSS and SVG, no script, nothing
//! fetched), in French. Its plots: the latency percentile spectrum on a logarithmic scale of
//! 1/(1 − percentile), as HdrHistogram's plotter draws it; the throughput over time beside the
//! intended rate; the p99 over time.

use super::resultat::{Resultat, decoder};
use std::fmt::Write;

const LARGEUR: f64 = 860.0;
const HAUTEUR: f64 = 300.0;
const MARGE_G: f64 = 70.0;
const MARGE_B: f64 = 40.0;
const COULEURS: [&str; 10] = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
/// The spectrum goes to 99.9999 %.
const NEUFS_MAX: f64 = 6.0;

fn echapper(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn ms(us: u64) -> String {
    format!("{:.2}", us as f64 / 1000.0)
}

/// A plot's frame: axes, ticks, labels. `x` and `y` ticks are (position in data units, label).
fn cadre(svg: &mut String, id: &str, titre: &str, x_ticks: &[(f64, String)], x_max: f64, y_max: f64, y_titre: &str) {
    let (l, h) = (LARGEUR - MARGE_G - 20.0, HAUTEUR - MARGE_B - 30.0);
    let _ = write!(
        svg,
        r##"<svg id="{id}" xmlns="http://www.w3.org/2000/svg" width="{LARGEUR}" height="{HAUTEUR}" viewBox="0 0 {LARGEUR} {HAUTEUR}" role="img" aria-label="{t}"><title>{t}</title><text x="{MARGE_G}" y="18" class="titre">{t}</text><rect x="{MARGE_G}" y="30" width="{l}" height="{h}" class="fond"/>"##,
        t = echapper(titre)
    );
    for (x, texte) in x_ticks {
        let px = MARGE_G + x / x_max * l;
        let _ = write!(
            svg,
            r##"<line x1="{px:.1}" y1="30" x2="{px:.1}" y2="{:.1}" class="grille"/><text x="{px:.1}" y="{:.1}" class="tick" text-anchor="middle">{}</text>"##,
            30.0 + h,
            30.0 + h + 16.0,
            echapper(texte)
        );
    }
    for k in 0..=4 {
        let v = y_max * k as f64 / 4.0;
        let py = 30.0 + h - h * k as f64 / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{MARGE_G}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}" class="grille"/><text x="{:.1}" y="{:.1}" class="tick" text-anchor="end">{}</text>"##,
            MARGE_G + l,
            MARGE_G - 6.0,
            py + 4.0,
            nombre(v)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="14" y="{:.1}" class="tick" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"##,
        30.0 + h / 2.0,
        30.0 + h / 2.0,
        echapper(y_titre)
    );
}

fn nombre(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

/// A polyline of data points, scaled into the frame.
fn courbe(svg: &mut String, points: &[(f64, f64)], x_max: f64, y_max: f64, couleur: &str, classe: &str) {
    let (l, h) = (LARGEUR - MARGE_G - 20.0, HAUTEUR - MARGE_B - 30.0);
    let pts: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{:.1},{:.1}", MARGE_G + (x / x_max).min(1.0) * l, 30.0 + h - (y / y_max).min(1.0) * h))
        .collect();
    let _ = write!(svg, r##"<polyline class="{classe}" fill="none" stroke="{couleur}" stroke-width="1.6" points="{}"/>"##, pts.join(" "));
}

/// The percentile spectrum of every operation (the total first), from the serialized histograms.
fn spectre(r: &Resultat) -> String {
    let mut series = Vec::new();
    let mut y_max = 0.0f64;
    let mut ops: Vec<_> = r.operations.iter().collect();
    ops.sort_by_key(|l| (l.operation != "total", std::cmp::Reverse(l.nombre)));
    for l in ops.into_iter().take(COULEURS.len()) {
        let Ok(h) = decoder(&l.histogramme) else { continue };
        if h.is_empty() {
            continue;
        }
        let mut pts = Vec::new();
        for v in h.iter_quantiles(4) {
            let q = v.quantile_iterated_to();
            let x = if q >= 1.0 { NEUFS_MAX } else { (1.0 / (1.0 - q)).log10().min(NEUFS_MAX) };
            let y = h.highest_equivalent(v.value_iterated_to()) as f64 / 1000.0;
            y_max = y_max.max(y);
            pts.push((x, y));
        }
        series.push((l.operation.clone(), pts));
    }
    let y_max = if y_max > 0.0 { y_max * 1.05 } else { 1.0 };
    let ticks: Vec<(f64, String)> = ["0 %", "90 %", "99 %", "99,9 %", "99,99 %", "99,999 %", "99,9999 %"]
        .iter()
        .enumerate()
        .map(|(i, t)| (i as f64, t.to_string()))
        .collect();
    let mut svg = String::new();
    cadre(&mut svg, "spectre", "Latence par centile (échelle logarithmique de 1/(1 − centile))", &ticks, NEUFS_MAX, y_max, "latence (ms)");
    for (i, (_, pts)) in series.iter().enumerate() {
        courbe(&mut svg, pts, NEUFS_MAX, y_max, COULEURS[i % COULEURS.len()], "courbe-spectre");
    }
    svg.push_str("</svg>");
    let legende: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(i, (nom, _))| {
            format!(r#"<span class="legende"><i style="background:{}"></i>{}</span>"#, COULEURS[i % COULEURS.len()], echapper(nom))
        })
        .collect();
    format!("{svg}<p>{}</p>", legende.join(" "))
}

fn temps(r: &Resultat) -> (String, String) {
    let pas = r.intervalle_ms.max(1) as f64 / 1000.0;
    let x_max = (r.serie.len() as f64 * pas).max(pas);
    let ticks: Vec<(f64, String)> = (0..=5).map(|k| (x_max * k as f64 / 5.0, format!("{:.1} s", x_max * k as f64 / 5.0))).collect();
    let debits: Vec<(f64, f64)> = r.serie.iter().map(|p| (p.debut_s + pas / 2.0, p.operations as f64 / pas)).collect();
    let vises: Vec<(f64, f64)> = r.serie.iter().filter_map(|p| p.debit_vise.map(|v| (p.debut_s + pas / 2.0, v))).collect();
    let y = debits.iter().chain(vises.iter()).map(|p| p.1).fold(0.0, f64::max).max(1.0) * 1.1;
    let mut a = String::new();
    cadre(&mut a, "debit", "Débit au fil du temps (requêtes par seconde ; en pointillé, le débit visé)", &ticks, x_max, y, "requêtes/s");
    courbe(&mut a, &debits, x_max, y, COULEURS[0], "courbe-debit");
    if !vises.is_empty() {
        courbe(&mut a, &vises, x_max, y, COULEURS[1], "courbe-vise");
    }
    a.push_str("</svg>");
    let p99: Vec<(f64, f64)> =
        r.serie.iter().filter(|p| p.operations > 0).map(|p| (p.debut_s + pas / 2.0, p.p99_us as f64 / 1000.0)).collect();
    let y = p99.iter().map(|p| p.1).fold(0.0, f64::max).max(0.001) * 1.1;
    let mut b = String::new();
    cadre(&mut b, "p99", "p99 de la latence au fil du temps", &ticks, x_max, y, "latence (ms)");
    courbe(&mut b, &p99, x_max, y, COULEURS[3], "courbe-p99");
    b.push_str("</svg>");
    (a, b)
}

/// The page.
pub fn page(r: &Resultat) -> String {
    let d = &r.debits;
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Charge — {cible}</title><style>
body{{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:960px}}h1{{font-size:1.5em}}table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #ccc;padding:.25em .6em;text-align:right}}td:first-child,th:first-child{{text-align:left}}th{{background:#f3f3f3}}
.alerte{{background:#fde8e8;border:1px solid #d62728;padding:.6em}}.titre{{font-size:14px;font-weight:600}}.tick{{font-size:11px;fill:#444}}
.fond{{fill:#fafafa;stroke:#999}}.grille{{stroke:#ddd}}.courbe-vise{{stroke-dasharray:5 4}}.legende{{margin-right:1em;white-space:nowrap}}
.legende i{{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}}dl{{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}}dt{{font-weight:600}}
</style></head><body><h1 id="titre">Charge — {cible}</h1><dl id="resume">"#,
        cible = echapper(&r.cible)
    );
    let modele = if d.modele == "ouvert" {
        "ouvert (débit visé, latences corrigées de l'omission coordonnée)"
    } else {
        "fermé (connexions au plus vite)"
    };
    let mut lignes = vec![
        ("profil", r.profil.clone()),
        ("graine", r.graine.to_string()),
        ("shards", r.shards.clone()),
        ("structures", r.structures.to_string()),
        ("modèle", modele.to_string()),
        ("connexions", r.connexions.to_string()),
        ("durée", format!("{:.2} s", r.duree_s)),
        ("requêtes envoyées", d.requetes_envoyees.to_string()),
        ("débit atteint", format!("{:.0} requêtes/s", d.debit_atteint)),
    ];
    if let Some(v) = d.debit_vise {
        lignes.push(("débit visé", format!("{v:.0} requêtes/s ({} requêtes dues)", d.requetes_dues.unwrap_or(0))));
        lignes.push(("retard d'envoi maximal", format!("{} ms", ms(d.retard_max_envoi_us))));
    }
    for (k, v) in lignes {
        let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", k, echapper(&v));
    }
    h.push_str("</dl>");
    if d.debit_non_tenu {
        h.push_str(r#"<p class="alerte" id="debit-non-tenu">Le débit visé n'a pas été tenu : la cible ou le générateur n'a pas suivi. Les latences comptent depuis l'heure prévue de chaque requête ; elles incluent donc l'attente.</p>"#);
    }
    h.push_str(r#"<h2>Latences par opération</h2><table id="operations"><tr><th>opération</th><th>nombre</th><th>erreurs</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99,9 ms</th><th>max ms</th></tr>"#);
    for l in &r.operations {
        let _ = write!(
            h,
            r#"<tr class="operation"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            echapper(&l.operation),
            l.nombre,
            l.erreurs,
            ms(l.p50_us),
            ms(l.p90_us),
            ms(l.p99_us),
            ms(l.p999_us),
            ms(l.max_us)
        );
    }
    h.push_str("</table>");
    let _ = write!(h, "<h2>Spectre des centiles</h2>{}", spectre(r));
    let (debit, p99) = temps(r);
    let _ = write!(h, "<h2>Au fil du temps</h2>{debit}{p99}");
    h.push_str(r#"<h2>Erreurs</h2><table id="erreurs"><tr><th>code</th><th>nombre</th></tr>"#);
    for (k, n) in &r.erreurs {
        let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", echapper(k));
    }
    h.push_str(
        r#"</table><h2>Dossiers</h2><table id="dossiers"><tr><th>parcours</th><th>commencés</th><th>terminés</th><th>abandonnés</th></tr>"#,
    );
    for (k, c) in &r.flux {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", echapper(k), c.commences, c.termines, c.abandonnes);
    }
    h.push_str("</table><p>Chaque histogramme figure dans le JSON sous la forme sérialisée standard de HdrHistogram (V2 compressée, base64).</p></body></html>\n");
    h
}
