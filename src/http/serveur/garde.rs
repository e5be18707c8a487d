//! What a request must be before the reference sees it: a known route and method, JSON, a
//! bounded body read in bounded time, bounded strings and lists, valid header values, and for the
//! test control its own token (D-API-4). Each failure is the contract's JSON with a clear
//! message; nothing a client sends is unbounded.

use super::reponses::{mauvaise_requete, technique};
use super::{Configuration, Limites};
use crate::http::contrat::{ENTETE_BAC_A_SABLE, ENTETE_COMPTE, ENTETE_CONTROLE};
use crate::http::operations::Operation;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde_json::Value;

/// The route of the health check, the one `GET` of the API.
pub const SANTE: &str = "/cpro/transverses/v1/health-check";

/// A request that passed the guard.
pub struct Requete {
    /// The route.
    pub route: String,
    /// Its operation, found once by the guard.
    pub operation: &'static Operation,
    /// The body (an object).
    pub corps: Value,
    /// The sandbox's name.
    pub bac: String,
    /// The acting user's login (from `cpro-account`).
    pub compte: Option<String>,
    /// The technical account's password, when `cpro-account` gives one.
    pub mot_de_passe: Option<String>,
}

/// Refuses a method the contract does not serve: a CORS preflight is refused (no
/// `Access-Control-Allow-*` header is ever sent: a web page cannot call the server), any other
/// method than `POST` (and `GET` on the health check) is 405, an unknown route 404. The route's
/// operation, found here once for the whole request; `None` for the two routes the server
/// answers itself (the health check, the token endpoint).
pub fn methode(methode: &Method, route: &str) -> Result<Option<&'static Operation>, Box<Response>> {
    if methode == Method::OPTIONS {
        return Err(Box::new(technique(StatusCode::FORBIDDEN, "CORS_REFUSE", "les requêtes d'origine croisée ne sont pas servies")));
    }
    let permise = methode == Method::POST || (route == SANTE && methode == Method::GET);
    if !permise {
        let mut r = technique(StatusCode::METHOD_NOT_ALLOWED, "METHODE_NON_SERVIE", format!("méthode {methode} non servie : POST attendu"));
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(if route == SANTE { "GET" } else { "POST" }));
        return Err(Box::new(r));
    }
    if route == SANTE || route == super::piste::ROUTE_JETON {
        return Ok(None);
    }
    match crate::http::operations::trouver(route) {
        Some(o) => Ok(Some(o)),
        None => Err(Box::new(technique(StatusCode::NOT_FOUND, "ROUTE_INCONNUE", format!("route inconnue : {route}")))),
    }
}

fn entete(entetes: &HeaderMap, nom: &str, max: usize) -> Result<Option<String>, Box<Response>> {
    match entetes.get(nom) {
        None => Ok(None),
        Some(v) => match v.to_str() {
            Ok(s) if s.len() <= max => Ok(Some(s.to_string())),
            Ok(_) => Err(Box::new(mauvaise_requete(format!("en-tête « {nom} » trop long ({max} caractères au plus)")))),
            Err(_) => Err(Box::new(mauvaise_requete(format!("en-tête « {nom} » illisible : caractères ASCII visibles attendus")))),
        },
    }
}

/// The headers: JSON content, the test control's token, a valid sandbox name and account.
pub fn entetes(entetes: &HeaderMap, route: &str, config: &Configuration) -> Result<(String, Option<String>), Box<Response>> {
    let type_contenu = entete(entetes, header::CONTENT_TYPE.as_str(), 200)?.unwrap_or_default();
    if !type_contenu.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Err(Box::new(technique(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "TYPE_DE_CONTENU",
            format!("Content-Type « application/json » attendu, reçu « {type_contenu} »"),
        )));
    }
    if route.starts_with("/test/") {
        let jeton = entete(entetes, ENTETE_CONTROLE, 200)?;
        if jeton.as_deref() != Some(config.jeton_controle.as_str()) {
            return Err(Box::new(technique(
                StatusCode::UNAUTHORIZED,
                "CONTROLE_NON_AUTORISE",
                format!("l'interface de contrôle (/test/) exige son jeton dans l'en-tête « {ENTETE_CONTROLE} » (D-API-4)"),
            )));
        }
    }
    let bac = entete(entetes, ENTETE_BAC_A_SABLE, 200)?.unwrap_or_else(|| "defaut".into());
    if !super::bacs::nom_valide(&bac) {
        return Err(Box::new(mauvaise_requete(format!(
            "en-tête « {ENTETE_BAC_A_SABLE} » : 1 à 64 caractères parmi lettres ASCII, chiffres, « . », « _ », « - », reçu « {bac} »"
        ))));
    }
    let compte = entete(entetes, ENTETE_COMPTE, 256)?;
    Ok((bac, compte))
}

/// Reads the body: at most `corps_max` bytes within `delai_corps`, as bytes.
pub async fn octets(body: Body, limites: &Limites) -> Result<axum::body::Bytes, Box<Response>> {
    let lecture = axum::body::to_bytes(body, limites.corps_max);
    let octets = match tokio::time::timeout(limites.delai_corps, lecture).await {
        Err(_) => {
            return Err(Box::new(technique(
                StatusCode::REQUEST_TIMEOUT,
                "CORPS_TROP_LENT",
                format!("le corps n'est pas arrivé en {} s", limites.delai_corps.as_secs()),
            )));
        }
        Ok(Err(e)) => {
            let trop = std::error::Error::source(&e).is_some_and(|s| s.to_string().contains("length limit"))
                || e.to_string().contains("length limit");
            return Err(Box::new(if trop {
                technique(StatusCode::PAYLOAD_TOO_LARGE, "CORPS_TROP_GRAND", format!("corps de plus de {} octets", limites.corps_max))
            } else {
                mauvaise_requete(format!("corps illisible : {e}"))
            }));
        }
        Ok(Ok(o)) => o,
    };
    Ok(octets)
}

/// Reads the body as a JSON object, bounded.
pub async fn corps(body: Body, limites: &Limites) -> Result<Value, Box<Response>> {
    let octets = octets(body, limites).await?;
    let v: Value = if octets.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(&octets).map_err(|e| Box::new(mauvaise_requete(format!("corps JSON invalide : {e}"))))?
    };
    if !v.is_object() {
        return Err(Box::new(mauvaise_requete("le corps doit être un objet JSON")));
    }
    bornes(&v, limites).map_err(|e| Box::new(mauvaise_requete(e)))?;
    Ok(v)
}

/// Every string, list and nesting of a body within bounds, the offending field named. The
/// field's path is written only for an offence: a body within bounds costs one walk, no string.
fn bornes(v: &Value, l: &Limites) -> Result<(), String> {
    /// One step of a field's path.
    enum Pas<'a> {
        Cle(&'a str),
        Indice(usize),
    }
    /// The offence, and the path to it from the innermost step out.
    type Ecart<'a> = (String, Vec<Pas<'a>>);
    fn dedans<'a>(v: &'a Value, profondeur: usize, l: &Limites) -> Result<(), Ecart<'a>> {
        if profondeur > 16 {
            return Err(("imbrication trop profonde (16 niveaux au plus)".into(), Vec::new()));
        }
        match v {
            Value::String(s) if s.len() > l.texte_max && s.chars().count() > l.texte_max => {
                Err((format!("texte trop long ({} caractères au plus)", l.texte_max), Vec::new()))
            }
            Value::Array(a) if a.len() > l.liste_max => Err((format!("liste trop longue ({} éléments au plus)", l.liste_max), Vec::new())),
            Value::Array(a) => a.iter().enumerate().try_for_each(|(i, x)| {
                dedans(x, profondeur + 1, l).map_err(|(m, mut c)| {
                    c.push(Pas::Indice(i));
                    (m, c)
                })
            }),
            Value::Object(o) => o.iter().try_for_each(|(k, x)| {
                dedans(x, profondeur + 1, l).map_err(|(m, mut c)| {
                    c.push(Pas::Cle(k));
                    (m, c)
                })
            }),
            _ => Ok(()),
        }
    }
    dedans(v, 0, l).map_err(|(m, c)| {
        let mut chemin = String::new();
        for pas in c.iter().rev() {
            match pas {
                Pas::Indice(i) => chemin.push_str(&format!("[{i}]")),
                Pas::Cle(k) if chemin.is_empty() => chemin.push_str(k),
                Pas::Cle(k) => chemin.push_str(&format!(".{k}")),
            }
        }
        format!("champ « {chemin} » : {m}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_offence_names_its_field_by_its_whole_path() {
        let l = Limites::default();
        assert_eq!(bornes(&json!({ "a": { "b": ["x", "é".repeat(l.texte_max)] } }), &l), Ok(()));
        let long = "é".repeat(l.texte_max + 1);
        let e = bornes(&json!({ "a": { "b": ["x", long] } }), &l).expect_err("too long");
        assert!(e.starts_with("champ « a.b[1] » : texte trop long"), "{e}");
        let e = bornes(&json!({ "liste": vec![0; l.liste_max + 1] }), &l).expect_err("too many");
        assert!(e.starts_with("champ « liste » : liste trop longue"), "{e}");
        let mut profond = json!(1);
        for _ in 0..20 {
            profond = json!([profond]);
        }
        let e = bornes(&json!({ "p": profond }), &l).expect_err("too deep");
        assert!(e.starts_with("champ « p[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0] » : imbrication trop profonde"), "{e}");
    }
}
