//! Paging as the real API pages its searches (api-chorus-pro.md, structures-swagger.json): the
//! page asked for, bounded, and the `parametresRetour` of the page answered. One place for the
//! structures' and the travaux search's pages.

use super::Limites;
use serde_json::{Value, json};

/// The page asked for (`pageResultatDemandee`, from 1; `nbResultatsParPage`, at most the
/// server's `page_max`), in the object `p` of the request that holds them.
pub fn page(p: Option<&Value>, limites: &Limites) -> Result<(usize, usize), String> {
    let lire = |nom: &str, defaut: usize| -> Result<usize, String> {
        match p.and_then(|p| p.get(nom)) {
            None | Some(Value::Null) => Ok(defaut),
            Some(x) => x.as_u64().map(|n| n as usize).ok_or_else(|| format!("champ « {nom} » : entier positif attendu")),
        }
    };
    let numero = lire("pageResultatDemandee", 1)?.max(1);
    let taille = lire("nbResultatsParPage", limites.page_max)?;
    if taille == 0 || taille > limites.page_max {
        return Err(format!("champ « nbResultatsParPage » : de 1 à {} résultats par page", limites.page_max));
    }
    Ok((numero, taille))
}

/// One page of `tout`, and its `parametresRetour`.
pub fn paginer<T: Clone>(tout: &[T], (numero, taille): (usize, usize)) -> (Vec<T>, Value) {
    let total = tout.len();
    let debut = (numero - 1).saturating_mul(taille).min(total);
    let extrait = tout[debut..(debut + taille).min(total)].to_vec();
    (extrait, json!({ "pageCourante": numero, "pages": total.div_ceil(taille), "nbResultatsParPage": taille, "total": total }))
}
