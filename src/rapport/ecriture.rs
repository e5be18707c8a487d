//! Writing a report directory: its files are replaced together or not at all (issue 9, item 14).
//!
//! Every file is first written whole under a temporary name unique to this process and this
//! write, in the same directory (so that a rename replaces it atomically); the old files are kept
//! under backup names (hard links: no data is copied, no space is needed); then the temporary
//! files are renamed over the old ones. Any failure undoes what was done: the old files come
//! back, the temporary and backup files are removed. Concurrent writers of one directory take
//! turns (an advisory lock on the directory), so the set left is always one writer's.

use super::ErreurRapport;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static ECRITURES: AtomicU64 = AtomicU64::new(0);

fn erreur(p: &Path, e: std::io::Error) -> ErreurRapport {
    ErreurRapport::Ecriture(p.display().to_string(), e)
}

/// A name no other write (of this process or another) uses at the same time.
fn suffixe_unique() -> String {
    let n = ECRITURES.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{}-{n}-{nanos}", std::process::id())
}

/// Creates `dir` if needed and checks that a file can be created in it: run before a run, so
/// that a directory that cannot take the reports is found before minutes of scenarios.
pub fn preparer_dossier(dir: &Path) -> Result<(), ErreurRapport> {
    std::fs::create_dir_all(dir).map_err(|e| erreur(dir, e))?;
    let essai = dir.join(format!(".essai-ecriture.{}.tmp", suffixe_unique()));
    let r = std::fs::OpenOptions::new().write(true).create_new(true).open(&essai).and_then(|mut f| std::io::Write::write_all(&mut f, b"x"));
    let _ = std::fs::remove_file(&essai);
    r.map_err(|e| erreur(dir, e))
}

/// The directory's advisory lock, released when dropped. Best effort: where a directory cannot
/// be opened or locked, writers do not take turns (the replacement stays all-or-nothing).
fn verrouiller(dir: &Path) -> Option<std::fs::File> {
    let f = std::fs::File::open(dir).ok()?;
    f.lock().ok()?;
    Some(f)
}

/// What the replacement did to one name, to undo it.
enum Fait {
    /// `nom` now holds the new content; its old content is at `ancien`, when it had one.
    Remplace { fin: PathBuf, ancien: Option<PathBuf> },
    /// `nom` was removed; its old content is at `ancien`.
    Retire { fin: PathBuf, ancien: PathBuf },
}

/// Writes `fichiers` (name, content) into `dir` and removes the files named in `retirer`, all
/// together or not at all.
pub fn ecrire_ensemble(dir: &Path, fichiers: &[(&str, &[u8])], retirer: &[&str]) -> Result<(), ErreurRapport> {
    std::fs::create_dir_all(dir).map_err(|e| erreur(dir, e))?;
    let _verrou = verrouiller(dir);
    let suffixe = suffixe_unique();
    let temporaire = |nom: &str| dir.join(format!(".{nom}.{suffixe}.tmp"));
    let sauvegarde = |nom: &str| dir.join(format!(".{nom}.{suffixe}.ancien"));
    let mut temporaires: Vec<PathBuf> = Vec::new();
    let mut sauvegardes: Vec<PathBuf> = Vec::new();
    let nettoyer = |temporaires: &[PathBuf], sauvegardes: &[PathBuf]| {
        for p in temporaires.iter().chain(sauvegardes) {
            let _ = std::fs::remove_file(p);
        }
    };
    // 1. Every new file, whole, under a temporary name.
    for (nom, contenu) in fichiers {
        let tmp = temporaire(nom);
        let r = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp).and_then(|mut f| {
            std::io::Write::write_all(&mut f, contenu)?;
            f.sync_all()
        });
        if tmp.exists() {
            temporaires.push(tmp.clone());
        }
        if let Err(e) = r {
            nettoyer(&temporaires, &sauvegardes);
            return Err(erreur(&tmp, e));
        }
    }
    // 2. The old files kept under backup names.
    let mut anciens: Vec<(String, Option<PathBuf>)> = Vec::new();
    for nom in fichiers.iter().map(|(n, _)| *n).chain(retirer.iter().copied()) {
        let fin = dir.join(nom);
        if std::fs::symlink_metadata(&fin).is_err() {
            anciens.push((nom.to_string(), None));
            continue;
        }
        let s = sauvegarde(nom);
        let r = std::fs::hard_link(&fin, &s).or_else(|_| std::fs::copy(&fin, &s).map(|_| ()));
        if let Err(e) = r {
            // A directory standing in the way cannot be kept: the rename below will fail and
            // everything be undone; anything else is an error now, before any change.
            if !fin.is_dir() {
                nettoyer(&temporaires, &sauvegardes);
                return Err(erreur(&fin, e));
            }
            anciens.push((nom.to_string(), None));
            continue;
        }
        sauvegardes.push(s.clone());
        anciens.push((nom.to_string(), Some(s)));
    }
    // 3. The renames and removals; undone on the first failure.
    let mut faits: Vec<Fait> = Vec::new();
    let mut echec = None;
    for (nom, ancien) in &anciens {
        let fin = dir.join(nom);
        let r = if fichiers.iter().any(|(n, _)| *n == nom.as_str()) {
            std::fs::rename(temporaire(nom), &fin).map(|()| Fait::Remplace { fin: fin.clone(), ancien: ancien.clone() })
        } else if let Some(a) = ancien {
            std::fs::remove_file(&fin).map(|()| Fait::Retire { fin: fin.clone(), ancien: a.clone() })
        } else {
            continue;
        };
        match r {
            Ok(f) => faits.push(f),
            Err(e) => {
                echec = Some(erreur(&fin, e));
                break;
            }
        }
    }
    if let Some(e) = echec {
        for f in faits.into_iter().rev() {
            match f {
                Fait::Remplace { fin, ancien: Some(a) } | Fait::Retire { fin, ancien: a } => {
                    let _ = std::fs::rename(&a, &fin);
                }
                Fait::Remplace { fin, ancien: None } => {
                    let _ = std::fs::remove_file(&fin);
                }
            }
        }
        nettoyer(&temporaires, &sauvegardes);
        return Err(e);
    }
    nettoyer(&[], &sauvegardes);
    // The renames themselves durable (best effort: not every platform syncs a directory).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
