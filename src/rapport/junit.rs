//! JUnit XML, for CI systems: one test suite per feature file, one test case per scenario.

use super::{Rapport, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write;

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => o.push(c),
        }
    }
    o
}

pub(super) fn rendre(r: &Rapport) -> String {
    let mut suites: BTreeMap<&str, Vec<&super::ScenarioRapport>> = BTreeMap::new();
    for s in &r.scenarios {
        suites.entry(s.fichier.as_str()).or_default().push(s);
    }
    let c = &r.scenarios_par_verdict;
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        o,
        "<testsuites name=\"chorus-travaux\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\">",
        c.total(),
        c.non_conforme,
        c.indetermine,
        c.non_applicable,
        r.meta.duree_ms as f64 / 1000.0
    );
    for (fichier, scenarios) in suites {
        let f = |v: Verdict| scenarios.iter().filter(|s| s.verdict == v).count();
        let nom = scenarios.first().map(|s| s.fonctionnalite.as_str()).unwrap_or(fichier);
        let _ = writeln!(
            o,
            "  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            xml(nom),
            xml(fichier),
            scenarios.len(),
            f(Verdict::NonConforme),
            f(Verdict::Indetermine),
            f(Verdict::NonApplicable)
        );
        for s in scenarios {
            let _ = write!(
                o,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                xml(nom),
                xml(&s.nom),
                xml(fichier),
                s.ligne
            );
            let fautive = s.etapes.iter().find(|e| e.verdict != Verdict::Conforme);
            let detail = |e: &super::EtapeRapport| {
                format!("{}:{} {} {}\n{}", fichier, e.ligne, e.mot_cle, e.texte, e.message.clone().unwrap_or_default())
            };
            match (s.verdict, fautive) {
                (Verdict::NonConforme, Some(e)) => {
                    let _ = write!(
                        o,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        xml(e.message.as_deref().unwrap_or("échec")),
                        xml(&detail(e))
                    );
                }
                (Verdict::Indetermine, e) => {
                    let m = e.and_then(|e| e.message.clone()).unwrap_or_else(|| "indéterminé".into());
                    let _ = write!(
                        o,
                        ">\n      <error message=\"{}\">{}</error>\n    </testcase>\n",
                        xml(&m),
                        xml(&e.map(detail).unwrap_or_default())
                    );
                }
                (Verdict::NonApplicable, _) => {
                    let _ = write!(o, ">\n      <skipped message=\"non applicable\"/>\n    </testcase>\n");
                }
                _ => o.push_str("/>\n"),
            }
        }
        o.push_str("  </testsuite>\n");
    }
    o.push_str("</testsuites>\n");
    o
}
