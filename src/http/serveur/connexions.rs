//! Connections: a bounded number at a time, each closed when its headers come too slowly or it
//! stays idle (hyper's header read timeout also runs between requests), over TLS when the server
//! has a certificate (rustls), and a shutdown that stops accepting, lets in-flight requests
//! finish within a bound, then returns.

use super::Limites;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

/// Serves one connection until it ends or the server stops.
async fn connexion<S>(flux: S, service: TowerToHyperService<Router>, delai: std::time::Duration, mut fin: watch::Receiver<bool>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let connexion = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(delai)
        .keep_alive(true)
        .serve_connection(TokioIo::new(flux), service);
    tokio::pin!(connexion);
    tokio::select! {
        _ = connexion.as_mut() => {}
        _ = fin.changed() => {
            connexion.as_mut().graceful_shutdown();
            let _ = connexion.await;
        }
    }
}

/// Serves `app` on `ecoute` until `arret` resolves, then drains. With `tls`, every connection
/// is TLS; a handshake that does not end within the header timeout is dropped.
pub async fn servir(
    ecoute: TcpListener,
    app: Router,
    limites: Limites,
    tls: Option<tokio_rustls::TlsAcceptor>,
    arret: impl Future<Output = ()> + Send,
) {
    let places = Arc::new(Semaphore::new(limites.connexions));
    let (fin, fin_recue) = watch::channel(false);
    let mut connexions = JoinSet::new();
    tokio::pin!(arret);
    loop {
        tokio::select! {
            () = &mut arret => break,
            accepte = ecoute.accept() => {
                let flux = match accepte {
                    Ok((flux, _)) => flux,
                    // Out of descriptors, or a connection reset before accept: wait a little
                    // rather than spin.
                    Err(_) => {
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        continue;
                    }
                };
                // Past the limit a new connection is closed at once: the ones in service keep
                // theirs, and the descriptors stay bounded.
                let Ok(place) = places.clone().try_acquire_owned() else {
                    drop(flux);
                    continue;
                };
                let _ = flux.set_nodelay(true);
                let service = TowerToHyperService::new(app.clone());
                let fin = fin_recue.clone();
                let delai = limites.delai_entetes;
                let tls = tls.clone();
                connexions.spawn(async move {
                    let _place = place;
                    match tls {
                        None => connexion(flux, service, delai, fin).await,
                        Some(a) => {
                            if let Ok(Ok(f)) = tokio::time::timeout(delai, a.accept(flux)).await {
                                connexion(f, service, delai, fin).await;
                            }
                        }
                    }
                });
            }
            Some(_) = connexions.join_next(), if !connexions.is_empty() => {}
        }
    }
    // Drain: no new connection; the ones open finish their request in flight.
    let _ = fin.send(true);
    let vidange = async { while connexions.join_next().await.is_some() {} };
    if tokio::time::timeout(limites.arret_max, vidange).await.is_err() {
        connexions.abort_all();
    }
}
