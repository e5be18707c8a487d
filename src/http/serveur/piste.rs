//! PISTE authentication as the real API asks it (D-API-1): a token from `POST /api/oauth/token`
//! (client credentials, form-encoded), `Authorization: Bearer` on every `/cpro/` call, and the
//! technical account in `cpro-account` as base64 of `login:password`.

use super::reponses::{reponse, technique};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The client id `serve` accepts when none is configured: for local use only (README).
pub const CLIENT_ID_LOCAL: &str = "client-local";
/// The client secret `serve` accepts when none is configured: for local use only (README).
pub const CLIENT_SECRET_LOCAL: &str = "secret-local";
/// The route of the token.
pub const ROUTE_JETON: &str = "/api/oauth/token";

/// The OAuth client the server knows, and how long its tokens live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piste {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// A token's life (`expires_in`).
    pub duree: Duration,
}

impl Default for Piste {
    fn default() -> Self {
        Piste { client_id: CLIENT_ID_LOCAL.into(), client_secret: CLIENT_SECRET_LOCAL.into(), duree: Duration::from_secs(3600) }
    }
}

/// The tokens delivered, with their expiry; bounded (expired ones are dropped first).
#[derive(Default)]
pub struct Jetons {
    carte: Mutex<HashMap<String, Instant>>,
}

/// The most live tokens kept.
const JETONS_MAX: usize = 10_000;

fn aleatoire() -> String {
    let mut octets = [0u8; 32];
    if getrandom::fill(&mut octets).is_err() {
        // No OS randomness: still unique, not secret (a sandbox's token).
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        octets[..16].copy_from_slice(&t.to_le_bytes());
    }
    octets.iter().map(|b| format!("{b:02x}")).collect()
}

impl Jetons {
    fn delivrer(&self, duree: Duration) -> String {
        let jeton = aleatoire();
        let maintenant = Instant::now();
        let mut c = self.carte.lock().unwrap_or_else(|e| e.into_inner());
        if c.len() >= JETONS_MAX {
            c.retain(|_, fin| *fin > maintenant);
            if c.len() >= JETONS_MAX
                && let Some(plus_ancien) = c.iter().min_by_key(|(_, fin)| **fin).map(|(j, _)| j.clone())
            {
                c.remove(&plus_ancien);
            }
        }
        c.insert(jeton.clone(), maintenant + duree);
        jeton
    }

    fn valide(&self, jeton: &str) -> bool {
        self.carte.lock().unwrap_or_else(|e| e.into_inner()).get(jeton).is_some_and(|fin| *fin > Instant::now())
    }
}

/// `POST /api/oauth/token`: a form `grant_type=client_credentials&client_id=…&client_secret=…`
/// (the credentials may also come as HTTP Basic), answered as OAuth answers.
pub fn jeton(piste: &Piste, jetons: &Jetons, entetes: &HeaderMap, corps: &[u8]) -> Response {
    let mut champs: HashMap<String, String> = form_urlencoded::parse(corps).into_owned().collect();
    if let Some((id, secret)) = entetes
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Basic "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b.trim()).ok())
        .and_then(|o| String::from_utf8(o).ok())
        .and_then(|s| s.split_once(':').map(|(a, b)| (a.to_string(), b.to_string())))
    {
        champs.entry("client_id".into()).or_insert(id);
        champs.entry("client_secret".into()).or_insert(secret);
    }
    if champs.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return reponse(
            StatusCode::BAD_REQUEST,
            json!({ "error": "unsupported_grant_type", "error_description": "grant_type=client_credentials attendu" }),
        );
    }
    let bon = champs.get("client_id") == Some(&piste.client_id) && champs.get("client_secret") == Some(&piste.client_secret);
    if !bon {
        return reponse(
            StatusCode::UNAUTHORIZED,
            json!({ "error": "invalid_client", "error_description": "client_id ou client_secret inconnu" }),
        );
    }
    let jeton = jetons.delivrer(piste.duree);
    reponse(
        StatusCode::OK,
        json!({
            "access_token": jeton,
            "token_type": "Bearer",
            "expires_in": piste.duree.as_secs(),
            "scope": champs.get("scope").cloned().unwrap_or_else(|| "openid".into()),
        }),
    )
}

/// Checks `Authorization: Bearer` on a `/cpro/` call.
pub fn verifier(jetons: &Jetons, entetes: &HeaderMap) -> Result<(), Box<Response>> {
    let jeton = entetes.get(header::AUTHORIZATION).and_then(|h| h.to_str().ok()).and_then(|h| h.strip_prefix("Bearer ")).map(str::trim);
    match jeton {
        Some(j) if jetons.valide(j) => Ok(()),
        Some(_) => Err(Box::new(technique(
            StatusCode::UNAUTHORIZED,
            "JETON_INVALIDE",
            "jeton PISTE inconnu ou expiré : demandez-en un à /api/oauth/token",
        ))),
        None => Err(Box::new(technique(
            StatusCode::UNAUTHORIZED,
            "JETON_MANQUANT",
            "en-tête « Authorization: Bearer … » manquant : demandez un jeton à /api/oauth/token (D-API-1)",
        ))),
    }
}

/// The technical account of `cpro-account`: base64 of `login:password`. A plain login is
/// accepted only when the server is started so (`en_clair`), for old harness clients.
pub fn compte(valeur: &str, en_clair: bool) -> Result<(String, Option<String>), String> {
    let decode = base64::engine::general_purpose::STANDARD.decode(valeur.trim()).ok().and_then(|o| String::from_utf8(o).ok());
    match decode.as_deref().and_then(|s| s.split_once(':')) {
        Some((login, mdp)) if !login.is_empty() => Ok((login.to_string(), Some(mdp.to_string()))),
        _ if en_clair => Ok((valeur.to_string(), None)),
        _ => Err("en-tête « cpro-account » : base64 de « login:mot de passe » attendu (compte technique, D-API-1)".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_base64_of_login_colon_password() {
        let b = base64::engine::general_purpose::STANDARD.encode("julie@x.fr:secret");
        assert_eq!(compte(&b, false), Ok(("julie@x.fr".into(), Some("secret".into()))));
        assert!(compte("julie@x.fr", false).is_err(), "a plain login only when allowed");
        assert_eq!(compte("julie@x.fr", true), Ok(("julie@x.fr".into(), None)));
    }

    #[test]
    fn tokens_expire() {
        let j = Jetons::default();
        let t = j.delivrer(Duration::from_millis(0));
        assert!(!j.valide(&t));
        let t = j.delivrer(Duration::from_secs(60));
        assert!(j.valide(&t) && !j.valide("autre"));
    }
}
