//! How the client's requests travel: through reqwest's shared connection pool (every run of the
//! harness: http and https, the system's and the profile's authorities), or, for `load` against
//! a plain `http://` target, over one HTTP/1.1 connection of hyper's own per worker, as wrk and
//! oha keep theirs: no pool to look up, no request builder, the body serialized once.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;

/// Why a request got no answer.
#[derive(Debug)]
pub enum ErreurEnvoi {
    /// No answer within the call's timeout.
    Delai(String),
    /// The connection could not be opened.
    Connexion(String),
    /// Anything else (the connection closed under the request, an unreadable answer).
    Autre(String),
}

impl ErreurEnvoi {
    /// The French message of an `indéterminé` (its first words are what `load` counts it by).
    pub fn message(&self, url: &str) -> String {
        let (quoi, detail) = match self {
            ErreurEnvoi::Delai(m) => ("délai dépassé sans réponse", m),
            ErreurEnvoi::Connexion(m) => ("connexion impossible", m),
            ErreurEnvoi::Autre(m) => ("échec de la requête", m),
        };
        format!("{quoi} : {url} ({detail})")
    }
}

/// One connection of a worker's own; every clone opens its own.
#[derive(Debug, Default)]
pub struct ConnexionDediee(tokio::sync::Mutex<Option<SendRequest<Full<Bytes>>>>);

/// The transport of one client.
#[derive(Debug, Clone)]
pub enum Transport {
    /// reqwest, shared by the clones of a client.
    Pool(reqwest::Client),
    /// A dedicated connection to `hote` (`127.0.0.1:8080`), opened at first use.
    Dedie {
        /// `host:port`.
        hote: String,
        /// This clone's connection.
        connexion: Arc<ConnexionDediee>,
    },
}

impl Transport {
    /// The same transport for another worker: a pool is shared, a dedicated connection is not.
    pub fn pour_un_autre(&self) -> Transport {
        match self {
            Transport::Pool(c) => Transport::Pool(c.clone()),
            Transport::Dedie { hote, .. } => Transport::Dedie { hote: hote.clone(), connexion: Arc::default() },
        }
    }

    /// POSTs a JSON body with these headers; the HTTP status and the body's bytes.
    pub async fn poster(
        &self,
        url: &str,
        chemin: &str,
        entetes: &[(&str, String)],
        corps: Bytes,
        delai: Duration,
    ) -> Result<(u16, Bytes), ErreurEnvoi> {
        self.envoyer(hyper::Method::POST, url, chemin, entetes, Some(corps), delai).await
    }

    /// GETs with these headers (the health check, as public clients and oha call it).
    pub async fn obtenir(&self, url: &str, chemin: &str, entetes: &[(&str, String)], delai: Duration) -> Result<(u16, Bytes), ErreurEnvoi> {
        self.envoyer(hyper::Method::GET, url, chemin, entetes, None, delai).await
    }

    /// Sends a request, with a JSON body when one is given; the HTTP status and the body's bytes.
    async fn envoyer(
        &self,
        methode: hyper::Method,
        url: &str,
        chemin: &str,
        entetes: &[(&str, String)],
        corps: Option<Bytes>,
        delai: Duration,
    ) -> Result<(u16, Bytes), ErreurEnvoi> {
        match self {
            Transport::Pool(c) => {
                let mut rb = c.request(methode, url);
                if let Some(corps) = corps {
                    rb = rb.header("content-type", "application/json").body(corps);
                }
                for (k, v) in entetes {
                    rb = rb.header(*k, v);
                }
                let r = rb.send().await.map_err(|e| {
                    if e.is_timeout() {
                        ErreurEnvoi::Delai(e.to_string())
                    } else if e.is_connect() {
                        ErreurEnvoi::Connexion(e.to_string())
                    } else {
                        ErreurEnvoi::Autre(e.to_string())
                    }
                })?;
                let statut = r.status().as_u16();
                // The per-call timeout covers the body too: a body that stops coming is a timeout.
                let texte = r
                    .bytes()
                    .await
                    .map_err(|e| if e.is_timeout() { ErreurEnvoi::Delai(e.to_string()) } else { ErreurEnvoi::Autre(e.to_string()) })?;
                Ok((statut, texte))
            }
            Transport::Dedie { hote, connexion } => {
                let mut garde = connexion.0.lock().await;
                let resultat = tokio::time::timeout(delai, dedie(&mut garde, hote, methode, chemin, entetes, corps)).await;
                match resultat {
                    Ok(Ok(r)) => Ok(r),
                    Ok(Err(e)) => {
                        *garde = None;
                        Err(e)
                    }
                    Err(_) => {
                        // The request may still be in flight on it: the connection is dropped.
                        *garde = None;
                        Err(ErreurEnvoi::Delai(format!("aucune réponse en {} ms", delai.as_millis())))
                    }
                }
            }
        }
    }
}

async fn dedie(
    connexion: &mut Option<SendRequest<Full<Bytes>>>,
    hote: &str,
    methode: hyper::Method,
    chemin: &str,
    entetes: &[(&str, String)],
    corps: Option<Bytes>,
) -> Result<(u16, Bytes), ErreurEnvoi> {
    if connexion.as_ref().is_none_or(|c| c.is_closed()) {
        let flux = tokio::net::TcpStream::connect(hote).await.map_err(|e| ErreurEnvoi::Connexion(format!("{hote} : {e}")))?;
        let _ = flux.set_nodelay(true);
        let (envoi, conn) =
            hyper::client::conn::http1::handshake(TokioIo::new(flux)).await.map_err(|e| ErreurEnvoi::Connexion(format!("{hote} : {e}")))?;
        tokio::spawn(async move {
            // Ends when the connection closes; its error is the next request's.
            let _ = conn.await;
        });
        *connexion = Some(envoi);
    }
    let Some(envoi) = connexion.as_mut() else { return Err(ErreurEnvoi::Connexion(hote.to_string())) };
    let mut rb = hyper::Request::builder().method(methode).uri(chemin).header("host", hote);
    if corps.is_some() {
        rb = rb.header("content-type", "application/json");
    }
    for (k, v) in entetes {
        rb = rb.header(*k, v.as_str());
    }
    let requete = rb.body(Full::new(corps.unwrap_or_default())).map_err(|e| ErreurEnvoi::Autre(e.to_string()))?;
    envoi.ready().await.map_err(|e| ErreurEnvoi::Autre(e.to_string()))?;
    let reponse = envoi.send_request(requete).await.map_err(|e| ErreurEnvoi::Autre(e.to_string()))?;
    let statut = reponse.status().as_u16();
    let octets = reponse.into_body().collect().await.map_err(|e| ErreurEnvoi::Autre(e.to_string()))?.to_bytes();
    Ok((statut, octets))
}
