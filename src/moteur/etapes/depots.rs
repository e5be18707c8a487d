//! Deposits: a piece (with the fields a table gives), and the MOAD's call for funds.

use super::{Definition, montant};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::montant::Montants;
use crate::domaine::piece::Reserves;
use crate::domaine::reference::Depot;
use crate::moteur::monde::{Monde, PieceConnue, Resultat};
use crate::plateforme::{Commande, Reponse};
use rust_decimal::Decimal;

fn cadre(s: &str) -> Resultat<CadreFacturation> {
    CadreFacturation::parse(s).ok_or_else(|| format!("cadre de facturation inconnu : « {s} » (A1 à A25)").into())
}

/// Applies the deposit table's fields; returns the piece's number when the table gives one.
fn appliquer_champs(m: &Monde, d: &mut Depot, lignes: &[Vec<String>]) -> Resultat<Option<String>> {
    let mut numero = None;
    let mut tva: Option<Decimal> = None;
    let mut a_payer: Option<Decimal> = None;
    for l in lignes {
        let champ = l.first().map(|s| s.trim().to_lowercase()).unwrap_or_default();
        let valeur = l.get(1).map(|s| s.trim().to_string()).unwrap_or_default();
        let siret_ou_nom = |v: &str| m.siret_de(v).map(|s| s.to_string()).unwrap_or_else(|_| v.to_string());
        match champ.as_str() {
            "destinataire" | "siret destinataire" => d.destinataire = Some(siret_ou_nom(&valeur)),
            // An empty value states that the field is left blank (the sheet's value is not used).
            "code service" => d.code_service = Some(valeur),
            "engagement" | "numéro d'engagement" => d.numero_engagement = Some(valeur),
            "maîtrise d'œuvre" | "moe" => d.moe = Some(siret_ou_nom(&valeur)),
            "maîtrise d'ouvrage" | "moa" => d.moa = Some(siret_ou_nom(&valeur)),
            "numéro" => {
                d.numero = Some(valeur.clone());
                numero = Some(valeur);
            }
            "tva" | "taux de tva" => tva = Some(montant(valeur.trim_end_matches('%'))?),
            "montant à payer" => a_payer = Some(montant(&valeur)?),
            "montant ttc" => d.montants.ttc = montant(&valeur)?,
            "réserves" => d.reserves.get_or_insert(Reserves { motifs: String::new(), montant_reclame: None }).motifs = valeur,
            "montant réclamé" => {
                d.reserves.get_or_insert(Reserves { motifs: String::new(), montant_reclame: None }).montant_reclame =
                    Some(montant(&valeur)?)
            }
            "structure déposante" => d.structure_deposante = Some(m.siret_de(&valeur)?),
            autre => return Err(format!("champ inconnu dans la table du dépôt : « {autre} »").into()),
        }
    }
    if let Some(t) = tva {
        let ttc_force = d.montants.ttc;
        let recalcule = Montants::depuis_ht(d.montants.ht, t);
        d.montants = Montants {
            ttc: if ttc_force != Montants::depuis_ht(d.montants.ht, Decimal::from(20)).ttc { ttc_force } else { recalcule.ttc },
            ..recalcule
        };
    }
    if let Some(a) = a_payer {
        d.montants.a_payer = a;
    }
    Ok(numero)
}

/// Deposits as the actor; a piece accepted joins the scenario's pieces.
async fn deposer(m: &mut Monde, acteur: &str, d: Depot, numero: Option<String>) -> Resultat {
    let login = m.login(acteur)?;
    let cadre = d.cadre;
    let deposant = m.couloir_acteur(acteur, cadre);
    if let Ok(Reponse::Piece(id)) = m.executer(Some(&login), Commande::Deposer(Box::new(d))).await {
        m.pieces.push(PieceConnue { cadre, id, numero, deposant });
    }
    Ok(())
}

/// The deposit steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Quand,
            depot,
            motif = "{ACTEUR} dépose (?:un |une |le |la |l')?(.*?) ?\\((A\\d{1,2})\\) de {MONTANT} HT(?: (?:à la suite de|en réponse à) la pièce {PIECE})?(?: avec :)?",
            exemple = "Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT",
            sens = "Dépôt d'une pièce : initial, ou associé à la pièce précédente ; la table « avec : » précise destinataire, code service, engagement, MOE, MOA, TVA, montant à payer, numéro, réserves, montant réclamé, structure déposante. Les données manquantes viennent de la fiche d'identité.",
            |m, c| {
                let cadre = cadre(c.s(3))?;
                let marche = if cadre.est_travaux() || m.marche.is_some() { m.marche.clone() } else { None };
                let mut d = Depot::nouveau(cadre, marche.as_deref(), Montants::depuis_ht(montant(c.s(4))?, Decimal::from(20)));
                if let Some(p) = c.opt(5) {
                    d.precedente = Some(m.piece(p)?);
                }
                let numero = appliquer_champs(m, &mut d, &c.lignes())?;
                if !cadre.est_travaux() && d.destinataire.is_none() && marche.is_none() {
                    return Err("une facture simple sans marché doit nommer son destinataire (table « destinataire »)".into());
                }
                let acteur = c.s(1).to_string();
                deposer(m, &acteur, d, numero).await
            }
        ),
        etape!(
            Quand,
            appel_de_fonds,
            motif = "{ACTEUR} émet un appel de fonds de {MONTANT} vers le mandant",
            exemple = "Quand la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant",
            sens = "Appel de fonds (A1) de la MOAD à son mandant (D-MOAD-3).",
            |m, c| {
                let mandant = m.marche_courant()?.mandat.as_ref().ok_or("le marché n'est pas sous mandat")?.mandant.siret;
                let mut d = Depot::nouveau(CadreFacturation::A1, m.marche.as_deref(), Montants::depuis_ht(montant(c.s(2))?, Decimal::ZERO));
                d.destinataire = Some(mandant.to_string());
                d.appel_de_fonds = true;
                let acteur = c.s(1).to_string();
                deposer(m, &acteur, d, None).await
            }
        ),
    ]
}
