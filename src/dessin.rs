//! The swimlane diagram of a dossier de facturation, as the webinar draws its processes: four
//! lanes (Fournisseur, Maîtrise d'œuvre, Maîtrise d'ouvrage, Service financier), each piece an
//! arrow from the lane that deposited it to the lane that holds it, labelled with its cadre and
//! status. One drawing for the `demo play --html` slideshow and the conformance report: inline
//! SVG (no namespace to declare inside HTML, nothing fetched), every text escaped.

use crate::domaine::couloir::Couloir;

/// A piece as the diagram shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceDessinee {
    /// The cadre (`A4`), or a number when the reader needs one (`A4 n° PDM-03`).
    pub cadre: String,
    /// The lane that deposited it.
    pub depuis: Couloir,
    /// The lane that holds it.
    pub vers: Couloir,
    /// Its status, as the portal words it.
    pub statut: String,
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
    for (k, p) in pieces.iter().enumerate() {
        let y = entete + 30 + k * pas;
        let (x1, x2) = (p.depuis.rang() * l + l / 2, p.vers.rang() * l + l / 2);
        let etiquette = format!("{} · {}", p.cadre, p.statut);
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
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(cadre: &str, depuis: Couloir, vers: Couloir, statut: &str) -> PieceDessinee {
        PieceDessinee { cadre: cadre.into(), depuis, vers, statut: statut.into() }
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
