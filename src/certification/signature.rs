//! Signed certifications (issue 9, item 17): a certifier's Ed25519 key pair, the signature of a
//! report directory, and its verification with the public key.
//!
//! The digests a report carries (`empreinte_resultats`) show an accidental edit, not a forgery:
//! anyone can recompute them. A signature can only be made with the private key. What is signed
//! is a small text, the manifest: the key's fingerprint, the SHA-256 of `rapport.json` in
//! canonical form (keys sorted at every level, no whitespace), and the SHA-256 of the exact bytes
//! of `rapport.json`, `rapport.html` and `junit.xml`. Any byte changed in any of the three files
//! (an added field, a reordered field or array item, a re-rendered page) changes the manifest.
//! The signature and the manifest it covers are written to `rapport.sig` beside the three files.
//!
//! Key files are text: a header line naming what they hold, then the 32 bytes of the key in
//! lowercase hex (README « Signing a certification »).

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const ENTETE_PRIVEE: &str = "chorus-travaux cle-privee ed25519 v1";
const ENTETE_PUBLIQUE: &str = "chorus-travaux cle-publique ed25519 v1";
const ENTETE_SIGNATURE: &str = "chorus-travaux signature ed25519 v1";
const ENTETE_MANIFESTE: &str = "chorus-travaux manifeste v1";

/// Why a key could not be made, read or written.
#[derive(Debug, thiserror::Error)]
pub enum ErreurCle {
    /// A key file is unreadable, malformed, or could not be written.
    #[error("{}: {message}", chemin.display())]
    Fichier {
        /// The file.
        chemin: PathBuf,
        /// What is wrong, in French.
        message: String,
    },
    /// The operating system gave no randomness.
    #[error("aucune source d'aléa du système : {0}")]
    Alea(String),
}

fn erreur(chemin: &Path, message: impl Into<String>) -> ErreurCle {
    ErreurCle::Fichier { chemin: chemin.to_path_buf(), message: message.into() }
}

/// A certifier's private key: signs reports. Kept by the certifier only.
pub struct ClePrivee(SigningKey);

/// A certifier's public key: checks reports. Handed out to whoever must trust them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClePublique(VerifyingKey);

/// Lowercase hex.
pub(crate) fn hex(octets: &[u8]) -> String {
    octets.iter().map(|b| format!("{b:02x}")).collect()
}

fn de_hex<const N: usize>(texte: &str) -> Option<[u8; N]> {
    let t = texte.trim();
    if t.len() != 2 * N || !t.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Reads a key file: its header line, then the key's hex.
fn lire_fichier_cle<const N: usize>(chemin: &Path, entete: &str, quoi: &str) -> Result<[u8; N], ErreurCle> {
    let texte = std::fs::read_to_string(chemin).map_err(|e| erreur(chemin, format!("lecture impossible de la {quoi} : {e}")))?;
    let mut lignes = texte.lines().map(str::trim).filter(|l| !l.is_empty());
    let premiere = lignes.next().unwrap_or("");
    if premiere != entete {
        let message = match premiere {
            ENTETE_PRIVEE => format!("ceci est une clé privée, pas une {quoi} (ne la diffusez pas)"),
            ENTETE_PUBLIQUE => format!("ceci est une clé publique, pas une {quoi}"),
            _ => format!("n'est pas une {quoi} chorus-travaux : première ligne attendue « {entete} »"),
        };
        return Err(erreur(chemin, message));
    }
    let octets = lignes.next().and_then(de_hex::<N>);
    match (octets, lignes.next()) {
        (Some(o), None) => Ok(o),
        _ => Err(erreur(chemin, format!("{quoi} malformée : attendu, après l'en-tête, une ligne de {} chiffres hexadécimaux", 2 * N))),
    }
}

impl ClePrivee {
    /// A new key from the operating system's randomness.
    pub fn generer() -> Result<ClePrivee, ErreurCle> {
        let mut graine = [0u8; 32];
        getrandom::fill(&mut graine).map_err(|e| ErreurCle::Alea(e.to_string()))?;
        let cle = SigningKey::from_bytes(&graine);
        graine.fill(0);
        Ok(ClePrivee(cle))
    }

    /// Reads a private key file.
    pub fn lire(chemin: &Path) -> Result<ClePrivee, ErreurCle> {
        let mut graine = lire_fichier_cle::<32>(chemin, ENTETE_PRIVEE, "clé privée")?;
        let cle = SigningKey::from_bytes(&graine);
        graine.fill(0);
        Ok(ClePrivee(cle))
    }

    /// Its public key.
    pub fn publique(&self) -> ClePublique {
        ClePublique(self.0.verifying_key())
    }

    fn texte(&self) -> String {
        format!("{ENTETE_PRIVEE}\n{}\n", hex(self.0.as_bytes()))
    }
}

impl ClePublique {
    /// Reads a public key file.
    pub fn lire(chemin: &Path) -> Result<ClePublique, ErreurCle> {
        let octets = lire_fichier_cle::<32>(chemin, ENTETE_PUBLIQUE, "clé publique")?;
        VerifyingKey::from_bytes(&octets).map(ClePublique).map_err(|_| erreur(chemin, "clé publique invalide (point hors de la courbe)"))
    }

    /// The key's fingerprint: `ed25519:` and the SHA-256 of its 32 bytes, in hex. Reports and
    /// signatures name their key by it.
    pub fn empreinte(&self) -> String {
        format!("ed25519:{}", hex(&Sha256::digest(self.0.as_bytes())))
    }

    fn texte(&self) -> String {
        format!("{ENTETE_PUBLIQUE}\n{}\n", hex(self.0.as_bytes()))
    }
}

/// Writes a key pair into `dossier` (created if needed): `NOM.cle`, the private key, readable by
/// its owner only (mode 0600), and `NOM.pub`, the public key. Never overwrites a key: both files
/// must be new. Returns both paths.
pub fn ecrire_paire(dossier: &Path, nom: &str, cle: &ClePrivee) -> Result<(PathBuf, PathBuf), ErreurCle> {
    crate::donnees::verifier_nom(nom).map_err(|e| erreur(dossier, format!("nom de clé {e}")))?;
    std::fs::create_dir_all(dossier).map_err(|e| erreur(dossier, format!("dossier impossible à créer : {e}")))?;
    let (privee, publique) = (dossier.join(format!("{nom}.cle")), dossier.join(format!("{nom}.pub")));
    for p in [&privee, &publique] {
        if std::fs::symlink_metadata(p).is_ok() {
            return Err(erreur(p, "existe déjà : une clé n'est jamais écrasée (choisissez un autre --name ou un autre dossier)"));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let ecrire = |p: &Path, options: &std::fs::OpenOptions, texte: String| {
        options.open(p).and_then(|mut f| {
            std::io::Write::write_all(&mut f, texte.as_bytes())?;
            f.sync_all()
        })
    };
    ecrire(&privee, &options, cle.texte()).map_err(|e| {
        let _ = std::fs::remove_file(&privee);
        erreur(&privee, format!("écriture impossible : {e}"))
    })?;
    let mut options_pub = std::fs::OpenOptions::new();
    options_pub.write(true).create_new(true);
    ecrire(&publique, &options_pub, cle.publique().texte()).map_err(|e| {
        // Nothing half-written: no private key without its public key.
        let _ = std::fs::remove_file(&privee);
        let _ = std::fs::remove_file(&publique);
        erreur(&publique, format!("écriture impossible : {e}"))
    })?;
    Ok((privee, publique))
}

/// JSON in canonical form: object keys sorted at every level, no whitespace; strings and numbers
/// as serde_json writes them.
pub fn json_canonique(v: &Value) -> String {
    let mut out = String::new();
    ecrire_canonique(v, &mut out);
    out
}

fn ecrire_canonique(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut cles: Vec<&String> = m.keys().collect();
            cles.sort();
            out.push('{');
            for (i, k) in cles.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                ecrire_canonique(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ecrire_canonique(x, out);
            }
            out.push(']');
        }
        autre => out.push_str(&autre.to_string()),
    }
}

/// The files of a report directory, as bytes, in the order of [`crate::rapport::FICHIERS`]:
/// `rapport.html`, `rapport.json`, `junit.xml`.
pub type Fichiers<'a> = [&'a [u8]; 3];

/// The manifest the signature covers (see the module's documentation). `Err` when
/// `rapport.json` is not JSON.
pub fn manifeste(empreinte_cle: &str, fichiers: Fichiers<'_>) -> Result<String, String> {
    let [html, json, junit] = fichiers;
    let valeur: Value = serde_json::from_slice(json).map_err(|e| format!("rapport.json n'est pas du JSON : {e}"))?;
    let sha = |o: &[u8]| hex(&Sha256::digest(o));
    Ok(format!(
        "{ENTETE_MANIFESTE}\ncle: {empreinte_cle}\nrapport.json (canonique) sha256:{}\nrapport.json sha256:{}\nrapport.html sha256:{}\njunit.xml sha256:{}\n",
        sha(json_canonique(&valeur).as_bytes()),
        sha(json),
        sha(html),
        sha(junit)
    ))
}

/// The content of `rapport.sig` for these files.
pub fn signer(cle: &ClePrivee, fichiers: Fichiers<'_>) -> Result<String, String> {
    let m = manifeste(&cle.publique().empreinte(), fichiers)?;
    let signature = cle.0.sign(m.as_bytes());
    Ok(format!("{ENTETE_SIGNATURE}\nsignature: {}\n{m}", hex(&signature.to_bytes())))
}

/// What `rapport.sig` says, read without checking anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureLue {
    /// The fingerprint of the key it claims.
    pub cle: String,
    signature: [u8; 64],
    manifeste: String,
}

/// Reads the content of `rapport.sig`.
pub fn lire_signature(texte: &str) -> Result<SignatureLue, String> {
    let malformee = || "rapport.sig est malformé".to_string();
    let reste = texte.strip_prefix(ENTETE_SIGNATURE).and_then(|r| r.strip_prefix('\n')).ok_or_else(malformee)?;
    let (ligne, manifeste) = reste.split_once('\n').ok_or_else(malformee)?;
    let signature = ligne.strip_prefix("signature: ").and_then(de_hex::<64>).ok_or_else(malformee)?;
    let cle = manifeste
        .strip_prefix(ENTETE_MANIFESTE)
        .and_then(|r| r.strip_prefix("\ncle: "))
        .and_then(|r| r.lines().next())
        .ok_or_else(malformee)?
        .to_string();
    Ok(SignatureLue { cle, signature, manifeste: manifeste.to_string() })
}

/// Checks a report directory's signature with `cle`: the signature is by this key, over a
/// manifest that matches the files as they are. Returns the problems found (empty: authentic).
pub fn verifier_signature(texte_sig: &str, cle: &ClePublique, fichiers: Fichiers<'_>) -> Vec<String> {
    let lue = match lire_signature(texte_sig) {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    let empreinte = cle.empreinte();
    if lue.cle != empreinte {
        return vec![format!("rapport signé par une autre clé : {} (clé publique donnée : {empreinte})", lue.cle)];
    }
    if cle.0.verify_strict(lue.manifeste.as_bytes(), &Signature::from_bytes(&lue.signature)).is_err() {
        return vec!["signature invalide : rapport.sig ne vient pas de cette clé ou a été modifié".to_string()];
    }
    let actuel = match manifeste(&empreinte, fichiers) {
        Ok(m) => m,
        Err(e) => return vec![e],
    };
    let mut problemes = Vec::new();
    for (signe, maintenant) in lue.manifeste.lines().zip(actuel.lines()) {
        if signe != maintenant {
            let quoi = maintenant.split(" sha256:").next().unwrap_or(maintenant);
            problemes.push(format!("{quoi} a été modifié après la signature"));
        }
    }
    if lue.manifeste.lines().count() != actuel.lines().count() {
        problemes.push("rapport.sig ne couvre pas les fichiers de ce rapport".to_string());
    }
    problemes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"d": [2, {"y": 1, "x": "é"}], "c": null}}"#).expect("json");
        assert_eq!(json_canonique(&a), r#"{"a":{"c":null,"d":[2,{"x":"é","y":1}]},"b":1}"#);
    }

    #[test]
    fn a_signature_verifies_with_its_key_only() {
        let cle = ClePrivee::generer().expect("randomness");
        let autre = ClePrivee::generer().expect("randomness");
        let fichiers: Fichiers<'_> = [b"<html>", b"{\"a\": 1}", b"<xml/>"];
        let sig = signer(&cle, fichiers).expect("signed");
        assert!(verifier_signature(&sig, &cle.publique(), fichiers).is_empty());
        assert!(!verifier_signature(&sig, &autre.publique(), fichiers).is_empty());
        assert!(!verifier_signature(&sig, &cle.publique(), [b"<html>", b"{\"a\": 2}", b"<xml/>"]).is_empty());
        // The manifest rewritten to match edited files: the signature no longer covers it.
        let forge = sig.replace(&hex(&Sha256::digest(b"<html>")), &hex(&Sha256::digest(b"<html!>")));
        let p = verifier_signature(&forge, &cle.publique(), [b"<html!>", b"{\"a\": 1}", b"<xml/>"]);
        assert!(p.iter().any(|p| p.contains("signature invalide")), "{p:?}");
    }

    #[test]
    fn hex_round_trips_and_refuses_the_wrong_length() {
        let o = [0u8, 1, 0xab, 0xff];
        assert_eq!(de_hex::<4>(&hex(&o)), Some(o));
        assert_eq!(de_hex::<4>("00"), None);
        assert_eq!(de_hex::<1>("zz"), None);
    }
}
