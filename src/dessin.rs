//! The swimlane diagram of a dossier de facturation, as the webinar draws its processes: four
//! lanes (Fournisseur, Maîtrise d'œuvre, Maîtrise d'ouvrage, Service financier), each piece an
//! arrow from the lane that deposited it to the lane that holds it, labelled with its cadre and
//! status. One drawing for the `demo play --html` slideshow and the conformance report: inline
//! SVG (no namespace to declare inside HTML, nothing fetched), every text escaped.

use crate::domaine::couloir::Couloir;

/// A piece as the diagram shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceDessinee {
    /// The cadre (`A4`).
    pub cadre: String,
    /// The lane that deposited it.
    pub depuis: Couloir,
    /// The lane that holds it.
    pub vers: Couloir,
    /// Its status, as the portal words it.
    pub statut: String,
    /// Its number, when known (shown on hover).
    pub numero: Option<String>,
    /// The piece it follows, as an index into the same list: a dashed link joins them.
    pub precedente: Option<usize>,
}

/// Escapes text for HTML and SVG (element content and quoted attributes).
pub fn echapper(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

const LARGEUR: usize = 220;
const ENTETE: usize = 40;
const PAS: usize = 46;
/// The arrows' colour (the portal's blue).
pub const COULEUR: &str = "#000091";

/// The diagram of `pieces`, in order of deposit. `id` makes its marker's id unique in a page
/// that holds several diagrams (letters, digits and `-` only; anything else is dropped).
pub fn couloirs_svg(id: &str, pieces: &[PieceDessinee]) -> String {
    let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let (l, entete, pas) = (LARGEUR, ENTETE, PAS);
    let h = entete + 20 + pas * pieces.len().max(1);
    let mut s = format!(
        r##"<svg class="couloirs" viewBox="0 0 {} {h}" role="img" aria-label="Dossier de facturation"><defs><marker id="fleche-{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{COULEUR}"/></marker></defs>"##,
        l * 4
    );
    for c in Couloir::TOUS {
        let x = c.rang() * l;
        s.push_str(&format!(
            r##"<rect x="{x}" y="0" width="{l}" height="{h}" fill="{}" stroke="#ccc"/><text x="{}" y="26" text-anchor="middle" class="couloir" font-weight="bold" font-size="14">{}</text>"##,
            if c.rang() % 2 == 0 { "#f6f6f6" } else { "#ffffff" },
            x + l / 2,
            echapper(c.libelle())
        ));
    }
    let centre = |c: Couloir| c.rang() * l + l / 2;
    let hauteur_de = |k: usize| entete + 30 + k * pas;
    for (k, p) in pieces.iter().enumerate() {
        let y = hauteur_de(k);
        let (x1, x2) = (centre(p.depuis), centre(p.vers));
        // « À la suite de »: from where the previous piece arrived to where this one leaves.
        if let Some(avant) = p.precedente.and_then(|i| pieces.get(i).map(|a| (i, a))).filter(|(i, _)| *i < k) {
            let (i, a) = avant;
            s.push_str(&format!(
                r##"<line class="suite" x1="{}" y1="{}" x2="{x1}" y2="{y}" stroke="#888" stroke-width="1.5" stroke-dasharray="4 3"/>"##,
                centre(a.vers),
                hauteur_de(i)
            ));
        }
        let etiquette = format!("{} · {}", p.cadre, p.statut);
        let titre = match &p.numero {
            Some(n) if !n.is_empty() => format!("{} n° {n} : {} → {}, {}", p.cadre, p.depuis.libelle(), p.vers.libelle(), p.statut),
            _ => format!("{} : {} → {}, {}", p.cadre, p.depuis.libelle(), p.vers.libelle(), p.statut),
        };
        s.push_str(&format!("<g><title>{}</title>", echapper(&titre)));
        if x1 == x2 {
            s.push_str(&format!(r##"<circle cx="{x1}" cy="{y}" r="6" fill="{COULEUR}"/>"##));
        } else {
            let fin = if x2 > x1 { x2 - 8 } else { x2 + 8 };
            s.push_str(&format!(
                r##"<line x1="{x1}" y1="{y}" x2="{fin}" y2="{y}" stroke="{COULEUR}" stroke-width="2.5" marker-end="url(#fleche-{id})"/>"##
            ));
        }
        s.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="middle" class="piece" font-size="12">{}</text>"#,
            x1.midpoint(x2),
            y - 8,
            echapper(&etiquette)
        ));
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(cadre: &str, depuis: Couloir, vers: Couloir, statut: &str) -> PieceDessinee {
        PieceDessinee { cadre: cadre.into(), depuis, vers, statut: statut.into(), numero: None, precedente: None }
    }

    #[test]
    fn a_piece_that_follows_another_is_linked_to_it() {
        let a4 = PieceDessinee { numero: Some("PDM-03".into()), ..piece("A4", Couloir::Fournisseur, Couloir::MaitriseOeuvre, "ASSOCIÉE") };
        let a15 = PieceDessinee { precedente: Some(0), ..piece("A15", Couloir::MaitriseOeuvre, Couloir::MaitriseOuvrage, "ASSOCIÉE") };
        let svg = couloirs_svg("x", &[a4, a15]);
        // From the A4's arrival (the MOE's lane, first row) down to the A15's start.
        assert!(svg.contains(r#"<line class="suite" x1="330" y1="70" x2="330" y2="116""#), "{svg}");
        assert!(svg.contains("<title>A4 n° PDM-03 : Fournisseur → Maîtrise d&#39;œuvre, ASSOCIÉE</title>"), "{svg}");
        // A link to itself or to a later piece is no link.
        let seul = PieceDessinee { precedente: Some(0), ..piece("A4", Couloir::Fournisseur, Couloir::MaitriseOeuvre, "x") };
        assert!(!couloirs_svg("y", &[seul]).contains("suite"));
    }

    #[test]
    fn one_arrow_per_piece_between_its_lanes() {
        let svg = couloirs_svg(
            "s3",
            &[
                piece("A4", Couloir::Fournisseur, Couloir::MaitriseOeuvre, "ASSOCIÉE"),
                piece("A19", Couloir::MaitriseOuvrage, Couloir::ServiceFinancier, "MISE EN PAIEMENT"),
                piece("A8", Couloir::Fournisseur, Couloir::Fournisseur, "ASSOCIÉE"),
            ],
        );
        assert_eq!(svg.matches("<line ").count(), 2, "two arrows");
        assert_eq!(svg.matches("<circle ").count(), 1, "a piece that stays in its lane is a dot");
        assert!(svg.contains(r#"<line x1="110" y1="70" x2="322""#), "A4: Fournisseur → Maîtrise d'œuvre: {svg}");
        assert!(svg.contains("A19 · MISE EN PAIEMENT"));
        assert!(svg.contains("Maîtrise d&#39;œuvre"), "escaped lane heading");
        assert_eq!(svg.matches(r#"marker id="fleche-s3""#).count(), 1);
        assert_eq!(svg.matches("url(#fleche-s3)").count(), 2);
    }

    #[test]
    fn text_is_escaped_and_ids_are_sanitised() {
        let svg = couloirs_svg("a\"><script>", &[piece("<A4>", Couloir::Fournisseur, Couloir::MaitriseOeuvre, "x & \"y\"")]);
        assert!(!svg.contains("<script") && !svg.contains("<A4>"), "{svg}");
        assert!(svg.contains("&lt;A4&gt; · x &amp; &quot;y&quot;"));
        assert!(svg.contains(r#"id="fleche-ascript""#));
    }
}
