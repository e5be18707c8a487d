//! The reference served over HTTP, stalling on a known schedule: from its start, every
//! `PERIODE_S` seconds (default 10) it answers nothing for `PAUSE_S` seconds (default 1); a request
//! that arrives during a stall is answered when the stall ends. `scripts/latence-honnete` loads it
//! at a fixed rate: a generator that corrects coordinated omission then measures
//! p99 = PAUSE − 1 % × PERIODE and p99.9 = PAUSE − 0.1 % × PERIODE (0.9 s and 0.99 s by default).
//!
//! `cargo run --release --example serveur-a-pauses -- 127.0.0.1:18081` (loopback only).

use axum::extract::Request;
use axum::middleware::{self, Next};
use chorus_travaux::donnees::lire_taux;
use chorus_travaux::http::serveur::{Configuration, routeur};
use std::time::Duration;

fn variable(nom: &str, defaut: f64) -> f64 {
    std::env::var(nom).ok().and_then(|v| v.parse().ok()).filter(|x: &f64| x.is_finite() && *x > 0.0).unwrap_or(defaut)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:18081".into());
    let (periode, pause) = (variable("PERIODE_S", 10.0), variable("PAUSE_S", 1.0));
    let taux = lire_taux(std::path::Path::new("scenarios/taux-bce.yaml")).unwrap_or_default();
    let debut = tokio::time::Instant::now();
    // A harness server: no PISTE token and plain logins, so that oha can load it as it is.
    let mut config = Configuration::new(taux, None);
    config.piste = None;
    config.comptes_en_clair = true;
    let app = routeur(config).map_err(std::io::Error::other)?.layer(middleware::from_fn(move |req: Request, next: Next| async move {
        let phase = debut.elapsed().as_secs_f64() % periode;
        if phase < pause {
            tokio::time::sleep(Duration::from_secs_f64(pause - phase)).await;
        }
        next.run(req).await
    }));
    let ecoute = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("référence à pauses sur http://{} : {pause} s de pause toutes les {periode} s", ecoute.local_addr()?);
    axum::serve(ecoute, app).await
}
