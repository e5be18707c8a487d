//! The HTTP contract's common ground: its headers, the readers of a body's fields, and the dated
//! events several answers carry, shared by the server (`serve`) and the client (`run --target
//! URL`, `certify`). Each operation's route, bodies and answers live in its own file under
//! `http/operations/`.
//!
//! Chorus Pro's names where they are known (`soumettre`, `consulter`, `refuser`, …;
//! `idFactureTravaux`, `cadreFacturation`, `identifiantDestinataire`, `codeServiceExecutant`,
//! `numeroBonCommande`, `statutFactureTravaux`, `codeRetour`, `libelle`). Amounts are decimal
//! strings, dates `AAAA-MM-JJ`. The acting user travels in the `cpro-account` header. Test hooks
//! live under `/test/v1/` and take the data set's YAML shapes in JSON.

use crate::domaine::calendrier::Date;
use crate::domaine::piece::PieceId;
use crate::domaine::siret::Siret;
use crate::domaine::structure::PresenceMoa;
use crate::domaine::utilisateur::RoleRattachement;
use crate::plateforme::VueEvenement;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The header that names the acting user (as in Chorus Pro's API).
pub const ENTETE_COMPTE: &str = "cpro-account";
/// Test-only header that isolates a scenario's state (each scenario its own sandbox).
pub const ENTETE_BAC_A_SABLE: &str = "cpro-bac-a-sable";
/// The test control's own token (D-API-4): every `/test/` call carries it.
pub const ENTETE_CONTROLE: &str = "cpro-controle";
/// The control token `serve` accepts when none is configured: for local use only (README).
pub const JETON_CONTROLE_LOCAL: &str = "controle-local";

pub(crate) fn dec(v: Decimal) -> Value {
    Value::String(v.to_string())
}

pub(crate) fn champ<'a>(v: &'a Value, nom: &str) -> Result<&'a Value, String> {
    v.get(nom).ok_or_else(|| format!("champ « {nom} » manquant"))
}

pub(crate) fn texte(v: &Value, nom: &str) -> Result<String, String> {
    champ(v, nom)?.as_str().map(str::to_string).ok_or_else(|| format!("champ « {nom} » : texte attendu"))
}

pub(crate) fn texte_opt(v: &Value, nom: &str) -> Result<Option<String>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("champ « {nom} » : texte attendu")),
    }
}

/// An amount, as a JSON string or a JSON number, read exactly from its text (never through a
/// float: the server keeps each number's digits).
pub(crate) fn decimal(v: &Value, nom: &str) -> Result<Decimal, String> {
    decimal_opt(v, nom)?.ok_or_else(|| format!("champ « {nom} » manquant"))
}

/// An optional amount, read as [`decimal`] reads one (also the travaux search's amount filters).
pub(crate) fn decimal_opt(v: &Value, nom: &str) -> Result<Option<Decimal>, String> {
    let texte = match v.get(nom) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(format!("champ « {nom} » : montant attendu (nombre ou texte décimal)")),
    };
    Decimal::from_str_exact(texte.trim()).map(Some).map_err(|_| format!("champ « {nom} » : montant décimal attendu, reçu « {texte} »"))
}

pub(crate) fn entier(v: &Value, nom: &str) -> Result<u32, String> {
    champ(v, nom)?.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("champ « {nom} » : entier positif attendu"))
}

/// An optional piece id (`null` or absent: none).
pub(crate) fn id_opt(v: &Value, nom: &str) -> Result<Option<PieceId>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => entier(v, nom).map(|n| Some(PieceId(n))),
    }
}

pub(crate) fn booleen(v: &Value, nom: &str) -> Result<bool, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("champ « {nom} » : booléen attendu")),
    }
}

pub(crate) fn siret(v: &Value, nom: &str) -> Result<Siret, String> {
    let s = texte(v, nom)?;
    Siret::parse(&s).map_err(|e| format!("champ « {nom} » : SIRET « {s} » invalide ({e})"))
}

pub(crate) fn date(v: &Value, nom: &str) -> Result<Date, String> {
    let s = texte(v, nom)?;
    Date::parse_iso(&s).ok_or_else(|| format!("champ « {nom} » : date AAAA-MM-JJ attendue, reçu « {s} »"))
}

pub(crate) fn piece(v: &Value) -> Result<PieceId, String> {
    entier(v, "idFactureTravaux").map(PieceId)
}

pub(crate) fn dto<T: serde::de::DeserializeOwned>(v: &Value, nom: &str) -> Result<T, String> {
    serde_json::from_value(champ(v, nom)?.clone()).map_err(|e| format!("champ « {nom} » : {e}"))
}

pub(crate) fn role_rattachement(r: RoleRattachement) -> &'static str {
    r.code()
}

pub(crate) fn presence(p: PresenceMoa) -> &'static str {
    match p {
        PresenceMoa::SansMoa => "SANS_MOA",
        PresenceMoa::AvecMoa => "AVEC_MOA",
        PresenceMoa::ExclusivementMoa => "EXCLUSIVEMENT_MOA",
    }
}

/// An optional « Présence MOA ».
pub(crate) fn presence_opt(v: &Value) -> Result<Option<PresenceMoa>, String> {
    match texte_opt(v, "presenceMoa")? {
        Some(p) => PresenceMoa::parse(&p)
            .map(Some)
            .ok_or_else(|| format!("champ « presenceMoa » : SANS_MOA, AVEC_MOA ou EXCLUSIVEMENT_MOA attendu, reçu « {p} »")),
        None => Ok(None),
    }
}

/// A dated event as JSON.
pub fn evenement_json(e: &VueEvenement) -> Value {
    json!({ "date": e.date.iso(), "libelle": e.libelle })
}

/// A list of dated events (absent: none).
pub fn evenements_depuis(v: &Value, nom: &str) -> Result<Vec<VueEvenement>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(l)) => l.iter().map(|e| Ok(VueEvenement { date: date(e, "date")?, libelle: texte(e, "libelle")? })).collect(),
        Some(_) => Err(format!("champ « {nom} » : liste attendue")),
    }
}
