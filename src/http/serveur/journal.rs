//! The sandboxes' journal in an embedded SQLite database: every accepted command, in order, per
//! sandbox. The core is deterministic, so replaying a sandbox's journal rebuilds its state
//! exactly; a command is durable (committed with `synchronous = FULL`) before its answer is sent.
//!
//! One writer thread owns the writing connection and commits what arrives together in one
//! transaction (group commit): concurrent requests share one disk sync.

use rusqlite::{Connection, params};
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc;
use tokio::sync::oneshot;

/// The database file under the data directory.
pub const FICHIER: &str = "bacs.sqlite";

/// The most orders one transaction commits.
const LOT_MAX: usize = 512;

/// A journaled command: the acting user, the contract's route and body (as `operations::requete`
/// encodes the command: replaying decodes it with `operations::commande`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entree {
    /// The acting user's login (`None` for a test hook).
    pub acteur: Option<String>,
    /// The route.
    pub route: String,
    /// The body, as JSON text.
    pub corps: String,
}

/// What the writer thread is asked.
enum Ordre {
    Ecrire { bac: String, entree: Entree, fait: oneshot::Sender<Result<(), String>> },
    Effacer { bac: String, fait: oneshot::Sender<Result<(), String>> },
}

/// The journal: a writer thread and a reading connection.
pub struct Journal {
    envoi: Option<mpsc::Sender<Ordre>>,
    lecture: Mutex<Connection>,
    fil: Option<std::thread::JoinHandle<()>>,
}

fn ouvrir_connexion(chemin: &Path) -> Result<Connection, String> {
    let c = Connection::open(chemin).map_err(|e| format!("failed to open {}: {e}", chemin.display()))?;
    c.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA busy_timeout = 5000;
         CREATE TABLE IF NOT EXISTS journal (
             id INTEGER PRIMARY KEY AUTOINCREMENT,
             bac TEXT NOT NULL,
             acteur TEXT,
             route TEXT NOT NULL,
             corps TEXT NOT NULL
         );
         CREATE INDEX IF NOT EXISTS journal_bac ON journal (bac, id);",
    )
    .map_err(|e| format!("failed to prepare {}: {e}", chemin.display()))?;
    Ok(c)
}

fn ecrire_lot(c: &mut Connection, lot: &[Ordre]) -> Result<(), String> {
    let tx = c.transaction().map_err(|e| e.to_string())?;
    for o in lot {
        match o {
            Ordre::Ecrire { bac, entree, .. } => {
                tx.execute(
                    "INSERT INTO journal (bac, acteur, route, corps) VALUES (?1, ?2, ?3, ?4)",
                    params![bac, entree.acteur, entree.route, entree.corps],
                )
                .map_err(|e| e.to_string())?;
            }
            Ordre::Effacer { bac, .. } => {
                tx.execute("DELETE FROM journal WHERE bac = ?1", params![bac]).map_err(|e| e.to_string())?;
            }
        }
    }
    tx.commit().map_err(|e| e.to_string())
}

impl Journal {
    /// Opens (or creates) the journal under `dossier`, created if absent.
    pub fn ouvrir(dossier: &Path) -> Result<Journal, String> {
        std::fs::create_dir_all(dossier).map_err(|e| format!("failed to create the data directory {}: {e}", dossier.display()))?;
        let chemin = dossier.join(FICHIER);
        let mut ecriture = ouvrir_connexion(&chemin)?;
        let lecture = ouvrir_connexion(&chemin)?;
        let (envoi, recu) = mpsc::channel::<Ordre>();
        let fil = std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                while let Ok(premier) = recu.recv() {
                    let mut lot = vec![premier];
                    while lot.len() < LOT_MAX {
                        match recu.try_recv() {
                            Ok(o) => lot.push(o),
                            Err(_) => break,
                        }
                    }
                    let r = ecrire_lot(&mut ecriture, &lot);
                    for o in lot {
                        let fait = match o {
                            Ordre::Ecrire { fait, .. } | Ordre::Effacer { fait, .. } => fait,
                        };
                        let _ = fait.send(r.clone());
                    }
                }
            })
            .map_err(|e| format!("failed to start the journal's writer: {e}"))?;
        Ok(Journal { envoi: Some(envoi), lecture: Mutex::new(lecture), fil: Some(fil) })
    }

    fn envoyer(&self, f: impl FnOnce(oneshot::Sender<Result<(), String>>) -> Ordre) -> oneshot::Receiver<Result<(), String>> {
        let (fait, attente) = oneshot::channel();
        match &self.envoi {
            Some(e) => {
                if let Err(mpsc::SendError(o)) = e.send(f(fait)) {
                    let fait = match o {
                        Ordre::Ecrire { fait, .. } | Ordre::Effacer { fait, .. } => fait,
                    };
                    let _ = fait.send(Err("le journal est fermé".into()));
                }
            }
            None => {
                let _ = fait.send(Err("le journal est fermé".into()));
            }
        }
        attente
    }

    /// Appends an accepted command; the receiver answers once it is durable.
    pub fn ecrire(&self, bac: &str, entree: Entree) -> oneshot::Receiver<Result<(), String>> {
        self.envoyer(|fait| Ordre::Ecrire { bac: bac.to_string(), entree, fait })
    }

    /// Forgets a sandbox (`reinitialiser`); the receiver answers once it is durable.
    pub fn effacer(&self, bac: &str) -> oneshot::Receiver<Result<(), String>> {
        self.envoyer(|fait| Ordre::Effacer { bac: bac.to_string(), fait })
    }

    /// A sandbox's journal, in order.
    pub fn relire(&self, bac: &str) -> Result<Vec<Entree>, String> {
        let c = self.lecture.lock().unwrap_or_else(|e| e.into_inner());
        let mut st = c.prepare_cached("SELECT acteur, route, corps FROM journal WHERE bac = ?1 ORDER BY id").map_err(|e| e.to_string())?;
        let lignes = st
            .query_map(params![bac], |l| Ok(Entree { acteur: l.get(0)?, route: l.get(1)?, corps: l.get(2)? }))
            .map_err(|e| e.to_string())?;
        lignes.collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())
    }

    /// How many sandboxes the journal holds.
    pub fn nombre_de_bacs(&self) -> Result<usize, String> {
        let c = self.lecture.lock().unwrap_or_else(|e| e.into_inner());
        c.query_row("SELECT COUNT(DISTINCT bac) FROM journal", [], |l| l.get::<_, i64>(0)).map(|n| n as usize).map_err(|e| e.to_string())
    }

    /// Whether the journal holds this sandbox.
    pub fn contient(&self, bac: &str) -> Result<bool, String> {
        let c = self.lecture.lock().unwrap_or_else(|e| e.into_inner());
        c.query_row("SELECT EXISTS (SELECT 1 FROM journal WHERE bac = ?1)", params![bac], |l| l.get::<_, bool>(0))
            .map_err(|e| e.to_string())
    }
}

impl Drop for Journal {
    /// Closing waits for what was sent to be written.
    fn drop(&mut self) {
        self.envoi.take();
        if let Some(f) = self.fil.take() {
            let _ = f.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entree(n: u32) -> Entree {
        Entree { acteur: Some("a".into()), route: "/r".into(), corps: format!("{{\"n\":{n}}}") }
    }

    #[test]
    fn what_is_acknowledged_is_read_back_in_order_after_a_restart() {
        let dir = std::env::temp_dir().join(format!("journal-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        {
            let j = Journal::ouvrir(&dir).expect("opens");
            for n in 0..10 {
                let r = j.ecrire(if n % 2 == 0 { "a" } else { "b" }, entree(n));
                assert_eq!(r.blocking_recv(), Ok(Ok(())));
            }
            assert_eq!(j.effacer("b").blocking_recv(), Ok(Ok(())));
        }
        let j = Journal::ouvrir(&dir).expect("reopens");
        let a = j.relire("a").expect("reads");
        assert_eq!(a, (0..10).step_by(2).map(entree).collect::<Vec<_>>());
        assert!(j.relire("b").expect("reads").is_empty());
        assert_eq!(j.nombre_de_bacs(), Ok(1));
        drop(j);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
