//! `demo play --html FILE`: the demonstration as one self-contained slideshow (no network,
//! keyboard and buttons). Each step is a slide: the trainer's words, the action, the portal-like
//! screen the actor sees, and the dossier so far as an SVG swimlane (Fournisseur, Maîtrise
//! d'œuvre, Maîtrise d'ouvrage, Service financier; each piece an arrow with its cadre and status).

use super::{Demo, EtapeDemo, Marque, Nature, acteur};
use crate::dessin::{PieceDessinee, couloirs_svg, echapper};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::couloir::Couloir;
use crate::domaine::statut::Statut;

fn couloir_deposant(cadre: &str) -> Couloir {
    CadreFacturation::parse(cadre).and_then(|c| c.deposant()).map_or(Couloir::Fournisseur, Couloir::du_role)
}

/// The lane a screen's status leaves the piece in, when the status names one; a piece shown in
/// « Factures reçues » is the payer's.
fn couloir_statut(statut: &str, espace_recues: bool) -> Option<Couloir> {
    Statut::parse(statut).and_then(Couloir::du_statut).or(espace_recues.then_some(Couloir::ServiceFinancier))
}

/// The cadre a deposit step names (« … (A15) de … »).
fn cadre_depose(e: &EtapeDemo) -> Option<String> {
    if e.nature == Nature::Ecran || !(e.texte.contains(" dépose ") || e.texte.contains(" émet un appel de fonds")) {
        return None;
    }
    if e.texte.contains("appel de fonds") {
        return Some("A1".into());
    }
    let debut = e.texte.find("(A")?;
    let fin = e.texte[debut..].find(')')?;
    Some(e.texte[debut + 1..debut + fin].to_string())
}

/// The dossier after each step, as the slides tell it: deposits add arrows, screens update their
/// statuses. (A slide shows the dossier step by step; the report draws the engine's record of the
/// scenario's end instead.)
fn dossiers(etapes: &[&EtapeDemo]) -> Vec<Vec<PieceDessinee>> {
    let mut courant: Vec<PieceDessinee> = Vec::new();
    let mut apres = Vec::new();
    for e in etapes {
        if e.texte.starts_with("le jeu de données") {
            courant.clear();
        }
        if let Some(cadre) = cadre_depose(e) {
            // The lane of the actor the step names, else of the cadre's depositor.
            let depuis = match acteur(e).as_deref() {
                Some("la maîtrise d'œuvre") => Couloir::MaitriseOeuvre,
                Some("la maîtrise d'ouvrage" | "la MOA déléguée" | "la maîtrise d'ouvrage déléguée") => Couloir::MaitriseOuvrage,
                Some("le service financier") => Couloir::ServiceFinancier,
                _ => couloir_deposant(&cadre),
            };
            courant
                .push(PieceDessinee { vers: depuis.suivant(), depuis, cadre, statut: "déposée".into(), numero: None, precedente: None });
        }
        if e.nature == Nature::Ecran && e.tableau.first().is_some_and(|h| h.first().is_some_and(|c| c == "cadre")) {
            let recues = e.texte.contains("Factures reçues");
            for ligne in e.tableau.iter().skip(1) {
                if let (Some(cadre), Some(statut)) = (ligne.first(), ligne.get(2))
                    && let Some(p) = courant.iter_mut().rev().find(|p| &p.cadre == cadre)
                {
                    p.statut = statut.clone();
                    if let Some(v) = couloir_statut(statut, recues) {
                        p.vers = v;
                    }
                }
            }
        }
        apres.push(courant.clone());
    }
    apres
}

/// A screen, rebuilt as the portal shows it.
fn ecran_html(e: &EtapeDemo) -> String {
    let titre = e.texte.split('"').nth(1).unwrap_or("Écran");
    let qui = acteur(e).unwrap_or_default();
    let mut s = format!(
        r#"<div class="portail"><div class="bandeau">Chorus Pro · {} <span>{}</span></div><div class="corps">"#,
        echapper(titre),
        echapper(&qui)
    );
    if titre == "Paramètres" {
        s.push_str("<fieldset><legend>Paramètres</legend>");
        for l in e.tableau.iter().skip(1) {
            let (libelle, valeur) = (l.first().map(String::as_str).unwrap_or(""), l.get(1).map(String::as_str).unwrap_or(""));
            if libelle == "Présence MOA" {
                s.push_str("<p><b>Présence MOA :</b></p>");
                for choix in ["Structure sans MOA", "Structure avec MOA", "Structure exclusivement MOA"] {
                    let coche = if choix == valeur { " checked" } else { "" };
                    s.push_str(&format!(r#"<label><input type="radio" disabled{coche}> {choix}</label><br>"#));
                }
            } else {
                let coche = if valeur == "oui" { " checked" } else { "" };
                s.push_str(&format!(r#"<label><input type="checkbox" disabled{coche}> {}</label><br>"#, echapper(libelle)));
            }
        }
        s.push_str("</fieldset>");
    } else {
        s.push_str("<table>");
        for (k, l) in e.tableau.iter().enumerate() {
            let balise = if k == 0 { "th" } else { "td" };
            s.push_str("<tr>");
            for c in l {
                s.push_str(&format!("<{balise}>{}</{balise}>", echapper(c)));
            }
            s.push_str("</tr>");
        }
        if e.tableau.len() == 1 {
            s.push_str(r#"<tr><td colspan="9" class="vide">Aucune pièce</td></tr>"#);
        }
        s.push_str("</table>");
    }
    s.push_str("</div></div>");
    s
}

const STYLE: &str = r#"
body{margin:0;font-family:Marianne,Arial,sans-serif;background:#eee;color:#161616}
section{display:none;max-width:1000px;margin:16px auto;background:#fff;padding:20px 28px;box-shadow:0 2px 6px #0003;min-height:520px}
section.active{display:block}
h1{font-size:1.4em;color:#000091;margin:0 0 4px} h2{font-size:1.1em;margin:0 0 12px;color:#555}
.narration{background:#e3e3fd;border-left:5px solid #000091;padding:10px 14px;white-space:pre-line}
.etape{font-family:monospace;background:#f6f6f6;padding:8px;margin:10px 0} .ok{color:#18753c} .ko{color:#ce0500}
.portail{border:1px solid #000091;margin:10px 0} .bandeau{background:#000091;color:#fff;padding:6px 10px;font-weight:bold}
.bandeau span{float:right;font-weight:normal} .corps{padding:10px}
table{border-collapse:collapse;width:100%} th,td{border:1px solid #ccc;padding:4px 8px;text-align:left} th{background:#f0f0ff}
td.vide{color:#777;font-style:italic} fieldset{border:1px solid #ccc}
svg.couloirs{width:100%;height:auto;margin-top:10px}
nav{text-align:center;margin:12px} nav button{font-size:1em;padding:6px 16px;margin:0 8px}
"#;

const SCRIPT: &str = r#"
const s=[...document.querySelectorAll('section')];let i=0;
function voir(n){i=Math.max(0,Math.min(s.length-1,n));s.forEach((x,k)=>x.classList.toggle('active',k===i));document.getElementById('compteur').textContent=(i+1)+' / '+s.length;location.hash=i+1;}
document.getElementById('prec').onclick=()=>voir(i-1);document.getElementById('suiv').onclick=()=>voir(i+1);
document.addEventListener('keydown',e=>{if(['ArrowRight','PageDown',' '].includes(e.key))voir(i+1);if(['ArrowLeft','PageUp'].includes(e.key))voir(i-1);});
voir((parseInt(location.hash.slice(1))||1)-1);
"#;

/// The slideshow of a demonstration; `marques` gives each step's outcome from the run, in order.
pub fn diaporama(demo: &Demo, marques: &[Marque]) -> String {
    let mut diapos = vec![format!(
        "<section><h1>{}</h1><h2>{}</h2><p>{} étapes, jouées par le moteur de la référence : chaque écran montré a été vérifié.</p><p>Flèches du clavier ou boutons pour avancer.</p></section>",
        echapper(&demo.titre),
        echapper(&demo.diapositive),
        demo.nombre_etapes()
    )];
    let mut n = 0;
    for sequence in &demo.sequences {
        let etapes: Vec<&EtapeDemo> = sequence.etapes.iter().collect();
        let apres = dossiers(&etapes);
        for (k, e) in etapes.iter().enumerate() {
            let m = marques.get(n).copied().unwrap_or(Marque::Echouee);
            n += 1;
            let mut d = format!("<section><h1>{}</h1><h2>Étape {n} / {}</h2>", echapper(&sequence.nom), demo.nombre_etapes());
            match e.nature {
                Nature::Narration => {
                    d.push_str(&format!(r#"<div class="narration">{}</div>"#, echapper(e.texte_long.as_deref().unwrap_or(""))));
                }
                _ => {
                    let qui = acteur(e).map(|a| format!("<b>{}</b> — ", echapper(&a))).unwrap_or_default();
                    let (classe, signe) = if m == Marque::Verifiee { ("ok", "✓ vérifié") } else { ("ko", "✗ échoué") };
                    d.push_str(&format!(
                        r#"<div class="etape">{qui}{} {} <span class="{classe}">{signe}</span></div>"#,
                        echapper(&e.mot_cle),
                        echapper(&e.texte)
                    ));
                    if e.nature == Nature::Ecran {
                        d.push_str(&ecran_html(e));
                    }
                }
            }
            if !apres[k].is_empty() {
                d.push_str(&couloirs_svg(&n.to_string(), &apres[k]));
            }
            d.push_str("</section>");
            diapos.push(d);
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n{}\n<nav><button id=\"prec\">◀ Précédent</button><span id=\"compteur\"></span><button id=\"suiv\">Suivant ▶</button></nav><script>{SCRIPT}</script></body></html>\n",
        echapper(&demo.titre),
        diapos.join("\n")
    )
}
