//! `rechercherFactureTravaux` as the real API answers it (api-chorus-pro.md): the user's role,
//! the filters, paging and sorting (`rechercheFactureTravaux`), `parametresRetour`, the real item
//! keys, and `codeRetour` 20007 (`GFT_MSG_01.075`) for an empty result. Only what the user's
//! structures may see is searched (D-UTILISATEURS-3); an answer holds one page at most, so its
//! size is bounded whatever the sandbox holds.

use super::super::prelude::{Contexte, Genre, Operation, PieceId, PlateformeReference, Response, Value, decimal_opt, echec, json};
use super::super::prelude::{manque_compte, mauvaise_requete, reponse};
use super::super::structures::id_structure_cpp;
use crate::domaine::calendrier::Date;
use crate::domaine::defaut::Defaut;
use crate::domaine::piece::Piece;
use crate::domaine::reference::RoleRecherche;
use crate::http::serveur::Limites;
use crate::http::serveur::pages::{page, paginer};
use crate::plateforme::{PageRecherche, PieceTrouvee};
use axum::http::StatusCode;
use rust_decimal::Decimal;

/// `POST /cpro/facturesTravaux/v1/rechercher`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/rechercher"],
    schema_requete: "RechercherFacturesTravaux",
    schema_reponse: "ListeFacturesTravaux",
    genre: Genre::Lecture(servir),
};

/// The real API's `codeRetour` of an empty search (`GFT_MSG_01.075`), a success under HTTP 200
/// (D-API-2): the server answers it, the client reads it as a success.
pub const CODE_VIDE: i64 = 20007;

fn servir(c: &mut Contexte) -> Response {
    let Some(login) = c.compte else { return manque_compte() };
    rechercher(c, login)
}

/// Client: the body asking for one page, sorted by piece, as `role` when given.
pub fn corps(role: Option<RoleRecherche>, page: usize, taille: usize) -> Value {
    let mut corps = json!({ "rechercheFactureTravaux": { "pageResultatDemandee": page, "nbResultatsParPage": taille,
                                                         "triColonne": "IdFactureTravaux", "triSens": "Ascendant" } });
    if let Some(r) = role {
        corps["roleUtilisateur"] = json!(r.code());
    }
    corps
}

/// Client: the page an answer holds. An error is a breach of the contract's shape
/// (api-chorus-pro.md), a verdict rather than a default.
pub fn lire(v: &Value) -> Result<PageRecherche, String> {
    let pr = &v["parametresRetour"];
    let nombre = |k: &str| pr.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
    let (Some(total), Some(pages)) = (nombre("total"), nombre("pages")) else {
        return Err("parametresRetour.total et .pages (entiers) attendus".into());
    };
    let liste = v.get("listeFacturesTravaux").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut pieces = Vec::with_capacity(liste.len());
    for x in liste {
        let id = x.get("idFactureTravaux").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
        let (Some(id), Some(numero), Some(destinataire)) =
            (id, x.get("numeroFactureTravaux").and_then(Value::as_str), x.get("identifiantDestinataire").and_then(Value::as_str))
        else {
            return Err("chaque résultat porte idFactureTravaux, numeroFactureTravaux et identifiantDestinataire".into());
        };
        pieces.push(PieceTrouvee { id: PieceId(id), numero: numero.to_string(), destinataire: destinataire.to_string() });
    }
    Ok(PageRecherche { total, pages, pieces })
}

fn texte<'a>(v: &'a Value, nom: &str) -> Result<Option<&'a str>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("champ « {nom} » : texte attendu")),
    }
}

fn entier(v: &Value, nom: &str) -> Result<Option<u64>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => x.as_u64().map(Some).ok_or_else(|| format!("champ « {nom} » : entier positif attendu")),
    }
}

fn booleen(v: &Value, nom: &str) -> Result<Option<bool>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => x.as_bool().map(Some).ok_or_else(|| format!("champ « {nom} » : booléen attendu")),
    }
}

fn date(v: &Value, nom: &str) -> Result<Option<Date>, String> {
    texte(v, nom)?.map(|s| Date::parse_iso(s).ok_or_else(|| format!("champ « {nom} » : date AAAA-MM-JJ attendue"))).transpose()
}

/// A list of codes given as strings or as objects of one string field.
fn codes(v: &Value, nom: &str) -> Result<Vec<String>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(l)) => l
            .iter()
            .map(|x| match x {
                Value::String(s) => Ok(s.clone()),
                Value::Object(o) => {
                    o.values().find_map(Value::as_str).map(str::to_string).ok_or_else(|| format!("champ « {nom} » : code attendu"))
                }
                _ => Err(format!("champ « {nom} » : liste de codes attendue")),
            })
            .collect(),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Object(o)) => Ok(o.values().filter_map(Value::as_str).map(str::to_string).collect()),
        Some(_) => Err(format!("champ « {nom} » : liste de codes attendue")),
    }
}

/// The filters of a search.
struct Filtre {
    role: Option<RoleRecherche>,
    statuts: Vec<String>,
    types: Vec<String>,
    cadres: Vec<String>,
    numero: Option<String>,
    marche: Option<String>,
    engagement: Option<String>,
    fournisseur: Option<u64>,
    moe: Option<u64>,
    moa: Option<u64>,
    destinataire: Option<u64>,
    valideur: Option<u64>,
    depot_du: Option<Date>,
    depot_au: Option<Date>,
    montants: [(Option<Decimal>, Option<Decimal>); 3],
    sans_suivante: bool,
    telecharge: Option<bool>,
}

impl Filtre {
    fn lire(v: &Value) -> Result<Filtre, String> {
        let role = match texte(v, "roleUtilisateur")? {
            None => None,
            Some(r) => Some(RoleRecherche::parse(r).ok_or_else(|| {
                format!("champ « roleUtilisateur » : FOURNISSEUR, MOE, MOA, VALIDATEUR ou DESTINATAIRE attendu, reçu « {r} »")
            })?),
        };
        Ok(Filtre {
            role,
            statuts: codes(v, "listeStatutCourant")?,
            types: codes(v, "listeTypeFactureTravaux")?,
            cadres: codes(v, "cadreFacturation")?,
            numero: texte(v, "numeroFactureTravaux")?.map(str::to_string),
            marche: texte(v, "numeroMarche")?.map(str::to_string),
            engagement: texte(v, "numeroBonCommande")?.map(str::to_string),
            fournisseur: entier(v, "idStructureFournisseur")?,
            moe: entier(v, "idStructureMoe")?,
            moa: entier(v, "idStructureMoa")?,
            destinataire: entier(v, "idDestinataire")?,
            valideur: entier(v, "idStructureValideur")?,
            depot_du: date(v, "periodeDateDepotDu")?,
            depot_au: date(v, "periodeDateDepotAu")?,
            montants: [
                (decimal_opt(v, "montantHTMin")?, decimal_opt(v, "montantHTMax")?),
                (decimal_opt(v, "montantTTCMin")?, decimal_opt(v, "montantTTCMax")?),
                (decimal_opt(v, "montantAPayerMin")?, decimal_opt(v, "montantAPayerMax")?),
            ],
            sans_suivante: booleen(v, "uniquementSansPieceSuivante")?.unwrap_or(false),
            telecharge: booleen(v, "flagTelecharge")?,
        })
    }
}

/// Paging and sorting.
struct Page {
    numero: usize,
    taille: usize,
    colonne: String,
    descendant: bool,
}

impl Page {
    fn lire(v: &Value, limites: &Limites) -> Result<Page, String> {
        let p = v.get("rechercheFactureTravaux").cloned().unwrap_or(Value::Null);
        let (numero, taille) = page(Some(&p), limites).map_err(|e| format!("rechercheFactureTravaux : {e}"))?;
        let descendant = match texte(&p, "triSens")? {
            None => false,
            Some(s) if s.eq_ignore_ascii_case("Ascendant") || s.eq_ignore_ascii_case("ASC") => false,
            Some(s) if s.eq_ignore_ascii_case("Descendant") || s.eq_ignore_ascii_case("DESC") => true,
            Some(s) => return Err(format!("champ « rechercheFactureTravaux.triSens » : Ascendant ou Descendant attendu, reçu « {s} »")),
        };
        Ok(Page { numero, taille, colonne: texte(&p, "triColonne")?.unwrap_or("IdFactureTravaux").to_string(), descendant })
    }
}

fn dans(v: Decimal, (min, max): (Option<Decimal>, Option<Decimal>)) -> bool {
    min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
}

/// Searches the pieces the user may see.
fn rechercher(c: &Contexte, login: &str) -> Response {
    let (style, p, v) = (c.style, &*c.p, c.corps);
    let (filtre, page) = match (Filtre::lire(v), Page::lire(v, c.limites)) {
        (Ok(f), Ok(p)) => (f, p),
        (Err(e), _) | (_, Err(e)) => return mauvaise_requete(e),
    };
    let r = p.reference();
    let visibles = match r.rechercher_en_tant_que(login, filtre.role) {
        // The fault lists every piece of the platform (D-UTILISATEURS-3 ignored).
        Ok(_) if style.defaut == Some(Defaut::RechercheAutresStructures) => r.pieces().iter().collect(),
        Ok(l) => l,
        Err(e) => return echec(style, crate::plateforme::Echec::Refus { code: e.code.code().into(), message: e.message }),
    };
    let id_de = |s: crate::domaine::siret::Siret| r.annuaire().chercher(s).map(id_structure_cpp);
    let retenue = |x: &&Piece| -> bool {
        (filtre.statuts.is_empty() || filtre.statuts.iter().any(|s| s.eq_ignore_ascii_case(x.statut.code_api())))
            && (filtre.types.is_empty() || x.cadre.type_facture_travaux().is_some_and(|t| filtre.types.iter().any(|f| f == t)))
            && (filtre.cadres.is_empty() || filtre.cadres.iter().any(|c| *c == x.cadre.code_api() || *c == x.cadre.court()))
            && filtre.numero.as_deref().is_none_or(|n| n == x.numero)
            && filtre.marche.as_deref().is_none_or(|n| Some(n) == x.marche.as_deref())
            && filtre.engagement.as_deref().is_none_or(|n| Some(n) == x.numero_engagement.as_deref())
            && filtre.fournisseur.is_none_or(|i| i == id_structure_cpp(x.deposant))
            && filtre.moe.is_none_or(|i| x.moe.and_then(id_de) == Some(i))
            && filtre.moa.is_none_or(|i| x.moa.and_then(id_de) == Some(i))
            && filtre.destinataire.is_none_or(|i| id_de(x.destinataire) == Some(i))
            && filtre.valideur.is_none_or(|i| i == id_structure_cpp(x.recipiendaire))
            && filtre.depot_du.is_none_or(|d| x.date_depot >= d)
            && filtre.depot_au.is_none_or(|d| x.date_depot <= d)
            && dans(x.montants.ht, filtre.montants[0])
            && dans(x.montants.ttc, filtre.montants[1])
            && dans(x.montants.a_payer, filtre.montants[2])
            && (!filtre.sans_suivante || x.suivante.is_none())
            && filtre.telecharge.is_none_or(|t| t == x.telechargee)
    };
    let mut retenues: Vec<&Piece> = visibles.into_iter().filter(retenue).collect();
    match page.colonne.to_ascii_lowercase().as_str() {
        "datedepot" => retenues.sort_by_key(|x| (x.date_depot, x.id)),
        "numerofacturetravaux" => retenues.sort_by(|a, b| a.numero.cmp(&b.numero).then(a.id.cmp(&b.id))),
        "montantttc" => retenues.sort_by(|a, b| a.montants.ttc.cmp(&b.montants.ttc).then(a.id.cmp(&b.id))),
        "montantht" => retenues.sort_by(|a, b| a.montants.ht.cmp(&b.montants.ht).then(a.id.cmp(&b.id))),
        "statutfacturetravaux" => retenues.sort_by(|a, b| a.statut.code_api().cmp(b.statut.code_api()).then(a.id.cmp(&b.id))),
        _ => retenues.sort_by_key(|x| x.id),
    }
    if page.descendant {
        retenues.reverse();
    }
    let total = retenues.len();
    if total == 0 {
        // Chorus Pro answers 20007 (GFT_MSG_01.075) for an empty search, under HTTP 200.
        return reponse(
            StatusCode::OK,
            json!({
                "codeRetour": CODE_VIDE,
                "libelle": "GFT_MSG_01.075",
                "parametresRetour": { "pageCourante": 1, "pages": 0, "nbResultatsParPage": page.taille, "total": 0 },
                "listeFacturesTravaux": [],
            }),
        );
    }
    // The faults serve page 1 whatever was asked, or the first result of the page only.
    let numero = if style.defaut == Some(Defaut::RechercheSansPagination) { 1 } else { page.numero };
    let (mut extrait, mut parametres) = paginer(&retenues, (numero, page.taille));
    parametres["pageCourante"] = json!(page.numero);
    if style.defaut == Some(Defaut::RechercheTronquee) {
        extrait.truncate(1);
    }
    let items: Vec<Value> = extrait
        .iter()
        .map(|x| {
            let mut i = item(p, login, x);
            if style.defaut == Some(Defaut::RechercheDestinataireValideur) {
                i["identifiantDestinataire"] = json!(r.annuaire().get(x.recipiendaire).siret.to_string());
            }
            if style.defaut == Some(Defaut::RechercheSansIdentifiant)
                && let Some(o) = i.as_object_mut()
            {
                o.remove("idFactureTravaux");
            }
            i
        })
        .collect();
    super::super::prelude::ok(json!({ "parametresRetour": parametres, "listeFacturesTravaux": items }))
}

/// One result, with the real API's keys.
fn item(p: &PlateformeReference, login: &str, x: &Piece) -> Value {
    let r = p.reference();
    let a = r.annuaire();
    let destinataire = a.par_siret(x.destinataire);
    let fournisseur = a.get(x.deposant);
    let marche = x.marche.as_deref().and_then(|n| r.marche(n));
    let service = |s: Option<crate::domaine::siret::Siret>| {
        marche.and_then(|m| m.parties().find(|(_, act)| Some(act.siret) == s).and_then(|(_, act)| act.code_service.clone()))
    };
    let statut = r.statut_vu_par_utilisateur(x, login);
    let etat_courant = x.historique.last().map(|h| h.date).unwrap_or(x.date_depot);
    json!({
        "idFactureTravaux": x.id.0,
        "numeroFactureTravaux": x.numero,
        "cadreFacturation": x.cadre.code_api(),
        "typeFactureTravaux": x.cadre.type_facture_travaux(),
        "typeDemandePaiement": x.cadre.type_demande_paiement(),
        "statutFactureTravaux": statut.code_api(),
        "idDestinataire": destinataire.map(|(i, _)| id_structure_cpp(i)),
        "identifiantDestinataire": x.destinataire.to_string(),
        "designationDestinataire": destinataire.map(|(_, s)| s.raison_sociale.clone()),
        "identifiantFournisseur": fournisseur.siret.to_string(),
        "typeIdentifiantFournisseur": "SIRET",
        "designationFournisseur": fournisseur.raison_sociale,
        "codeServiceExecutant": x.code_service,
        "codeServiceFournisseur": x.service_deposant,
        "codeServiceMoe": service(x.moe),
        "codeServiceMoa": service(x.moa),
        "idServiceExecutant": Value::Null,
        "numeroMarche": x.marche,
        "dateDepot": x.date_depot.iso(),
        "dateFactureTravaux": x.date_depot.iso(),
        "dateHeureEtatCourant": format!("{}T00:00:00", etat_courant.iso()),
        "montantHT": x.montants.ht.to_string(),
        "montantTTC": x.montants.ttc.to_string(),
        "montantAPayer": x.montants.a_payer.to_string(),
        "devise": "EUR",
        "factureTelechargeeParDestinataire": x.telechargee,
        "idFactureTravauxPrecedente": x.precedente.map(|i| i.0),
        "idFactureTravauxSuivante": x.suivante.map(|i| i.0),
    })
}
