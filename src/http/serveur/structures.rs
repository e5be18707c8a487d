//! The Structures API and the transverses that read a sandbox, in the official shapes
//! (`../shared/design/api/structures-swagger.json`; api-chorus-pro.md): what real clients call
//! first (a SIRET → its `idStructureCPP`, the structure, its services, spaces and the user's
//! attachments). `idStructureCPP` is the structure's rank in the sandbox's directory from 1;
//! `idService` the service's rank in its structure from 1 (hypothèses: the real numbers are the
//! platform's own).

use super::Limites;
use super::pages::{page, paginer};
use super::recherche::id_structure_cpp;
use super::reponses::{mauvaise_requete, ok, reponse};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::statut::{Statut, transition_autorisee};
use crate::domaine::structure::{PresenceMoa, Structure, StructureId, TypeStructure};
use crate::http::contrat;
use crate::plateforme::locale::PlateformeReference;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

/// The structure an `idStructureCPP` names.
pub fn par_id(p: &PlateformeReference, id: u64) -> Option<(StructureId, &Structure)> {
    let a = p.reference().annuaire();
    let i = u32::try_from(id.checked_sub(1)?).ok()?;
    (usize::try_from(i).ok()? < a.len()).then(|| (StructureId(i), a.get(StructureId(i))))
}

fn inconnue() -> Response {
    reponse(StatusCode::NOT_FOUND, json!({ "codeRetour": 28_066, "code": "STRUCTURE_INCONNUE", "libelle": "structure inconnue" }))
}

fn publique(s: &Structure) -> &'static str {
    if s.type_structure == TypeStructure::Publique { "PUBLIQUE" } else { "PRIVEE" }
}

fn statut(s: &Structure) -> &'static str {
    if s.active { "ACTIF" } else { "INACTIF" }
}

/// `POST /cpro/structures/v1/rechercher`.
fn rechercher(p: &PlateformeReference, v: &Value, limites: &Limites) -> Response {
    let critere = v.get("structure").cloned().unwrap_or(Value::Null);
    let texte = |nom: &str| critere.get(nom).and_then(Value::as_str).filter(|s| !s.is_empty());
    let pagination = match page(v.get("parametres"), limites) {
        Ok(x) => x,
        Err(e) => return mauvaise_requete(e),
    };
    let a = p.reference().annuaire();
    let privees_exclues = v.get("restreindreStructuresPrivees").and_then(Value::as_bool).unwrap_or(false);
    let retenue = |s: &Structure| {
        texte("raisonSocialeStructure").is_none_or(|r| s.raison_sociale.to_lowercase().contains(&r.to_lowercase()))
            && !(privees_exclues && s.type_structure == TypeStructure::Privee)
            && critere.get("estMOA").and_then(Value::as_bool).is_none_or(|b| b == s.peut_etre_moa())
            && critere
                .get("estMOAUniquement")
                .and_then(Value::as_bool)
                .is_none_or(|b| b == (s.presence_moa() == PresenceMoa::ExclusivementMoa))
    };
    // A SIRET is looked up in the directory's index; other criteria scan it.
    let trouvees: Vec<(StructureId, &Structure)> = match texte("identifiantStructure") {
        Some(siret) => {
            crate::domaine::siret::Siret::parse(siret).ok().and_then(|s| a.par_siret(s)).into_iter().filter(|(_, s)| retenue(s)).collect()
        }
        None => a.iter().filter(|(_, s)| retenue(s)).collect(),
    };
    let ids: Vec<StructureId> = trouvees.iter().map(|(i, _)| *i).collect();
    let (extrait, parametres) = paginer(&ids, pagination);
    let liste: Vec<Value> = extrait
        .iter()
        .map(|i| {
            let s = a.get(*i);
            json!({ "idStructureCPP": id_structure_cpp(*i), "identifiantStructure": s.siret.to_string(), "designationStructure": s.raison_sociale,
                    "statut": statut(s), "typeIdentifiantStructure": "SIRET" })
        })
        .collect();
    ok(json!({ "listeStructures": liste, "parametresRetour": parametres }))
}

/// The official answer of `consulter`, plus the reference's own record (`structure`) that its
/// harness reads.
fn consulter(id: StructureId, s: &Structure) -> Response {
    let mut corps = contrat::structure_json(s);
    corps["informationGenerales"] = json!({
        "idStructureCPP": id_structure_cpp(id),
        "identifiantStructure": s.siret.to_string(),
        "typeIdentifiantStructure": "SIRET",
        "raisonSocialeStructure": s.raison_sociale,
        "libelleStructure": s.raison_sociale,
        "structurePriveePublique": publique(s),
        "emailStructure": Value::Null,
        "numeroTVA": Value::Null,
        "estValideurDeleguee": false,
    });
    let presence = s.presence_moa();
    let pa = &s.parametres;
    // « Présence MOA » is the two booleans (api-chorus-pro.md; hypothèse: « exclusivement MOA »
    // is a MOA too, so getaMoa).
    corps["parametres"] = json!({
        "codeServiceDoitEtreRenseigne": pa.code_service_doit_etre_renseigne,
        "numeroEJDoitEtreRenseigne": pa.numero_ej_doit_etre_renseigne,
        "gestionNumeroEJOuCodeService": pa.gestion_numero_ej_ou_code_service,
        "recevoirDonneesViaEDI": pa.recevoir_donnees_via_edi,
        "statutMiseEnPaiementNestPasRemonte": pa.statut_mise_en_paiement_nest_pas_remonte,
        "estMoaUniquement": presence == PresenceMoa::ExclusivementMoa,
        "getaMoa": presence != PresenceMoa::SansMoa,
        "connexionEDI": false,
        "estValideurDelegue": false,
        "nonDiffusibleInsee": false,
    });
    corps["adressePostaleDuSiege"] = json!({ "adresse": "", "codePostal": "", "ville": "", "pays": "FR" });
    ok(corps)
}

fn structure_demandee<'a>(p: &'a PlateformeReference, v: &Value, cle_id: &str) -> Result<(StructureId, &'a Structure), Box<Response>> {
    if let Some(id) = v.get(cle_id).and_then(Value::as_u64) {
        return par_id(p, id).ok_or_else(|| Box::new(inconnue()));
    }
    let siret = v.get("identifiantStructure").and_then(Value::as_str).map(crate::domaine::siret::Siret::parse);
    match siret {
        Some(Ok(s)) => p.reference().annuaire().par_siret(s).ok_or_else(|| Box::new(inconnue())),
        _ => Err(Box::new(mauvaise_requete(format!("champ « {cle_id} » (entier) ou « identifiantStructure » (SIRET) attendu")))),
    }
}

/// The routes of this file, when `route` is one of them.
pub fn servir(route: &str, p: &PlateformeReference, compte: Option<&str>, v: &Value, limites: &Limites) -> Option<Response> {
    let r = match route {
        "/cpro/structures/v1/rechercher" => rechercher(p, v, limites),
        "/cpro/structures/v1/consulter" => match structure_demandee(p, v, "idStructureCPP") {
            Ok((i, s)) => consulter(i, s),
            Err(r) => *r,
        },
        "/cpro/structures/v1/rechercher/services" => match structure_demandee(p, v, "idStructure") {
            Ok((_, s)) => match page(v.get("parametresRechercherServicesStructure"), limites) {
                Ok(pg) => {
                    let tous: Vec<Value> = s
                        .services
                        .iter()
                        .enumerate()
                        .map(|(i, x)| {
                            json!({ "idService": i + 1, "codeService": x.code, "libelleService": x.libelle, "estActif": x.actif,
                                               "statutService": if x.actif { "ACTIF" } else { "INACTIF" } })
                        })
                        .collect();
                    let (liste, parametres) = paginer(&tous, pg);
                    ok(json!({ "listeServices": liste, "parametresRetour": parametres }))
                }
                Err(e) => mauvaise_requete(e),
            },
            Err(r) => *r,
        },
        "/cpro/structures/v1/consulter/service" => match structure_demandee(p, v, "idStructure") {
            Ok((_, s)) => {
                let service =
                    v.get("idService").and_then(Value::as_u64).and_then(|i| s.services.get(usize::try_from(i).ok()?.checked_sub(1)?));
                match service {
                    Some(x) => ok(json!({
                        "informationsGenerales": { "codeService": x.code, "nomService": x.libelle, "descriptionService": x.libelle },
                        "parametres": { "numeroEngagement": x.engagement_requis, "miseEnPaiement": false },
                        "adressePostale": { "adresse": "", "codePostal": "", "ville": "", "pays": "FR" },
                    })),
                    None => inconnue(),
                }
            }
            Err(r) => *r,
        },
        "/cpro/structures/v1/rechercher/espaces" => {
            let critere = v.get("structure").cloned().unwrap_or(Value::Null);
            match structure_demandee(p, &critere, "idStructure") {
                Ok((_, s)) => {
                    // The two spaces the seed shows (fact base §4.1).
                    let espaces = vec![
                        json!({ "idEspaceFo": 1, "codeEspace": 1, "libelleEspace": "Factures de travaux", "etatCourant": if s.espace_travaux { "OUVERT" } else { "FERME" } }),
                        json!({ "idEspaceFo": 2, "codeEspace": 2, "libelleEspace": "Factures reçues",
                                "etatCourant": if s.type_structure == TypeStructure::Publique { "OUVERT" } else { "FERME" } }),
                    ];
                    ok(
                        json!({ "listeEspace": espaces, "parametresRetour": { "pageCourante": 1, "pages": 1, "nbResultatsParPage": 2, "total": 2 } }),
                    )
                }
                Err(r) => *r,
            }
        }
        "/cpro/structures/v1/lister/rattachementsutilisateur" => match structure_demandee(p, v, "idStructure") {
            Ok((i, s)) => {
                let u = compte.and_then(|l| p.reference().utilisateur(l));
                let liste: Vec<Value> = u
                    .and_then(|u| u.rattachement(i))
                    .map(|r| {
                        vec![json!({ "idRattachement": i.0 + 1, "statutRattachement": "VALIDE", "idService": Value::Null, "codeService": Value::Null,
                                     "nomService": Value::Null, "commentaire": r.role.code(), "roleRattachement": r.role.code(),
                                     "habiliteFacturesTravaux": r.habilite_travaux })]
                    })
                    .unwrap_or_default();
                let n = liste.len();
                ok(
                    json!({ "idStructure": id_structure_cpp(i), "identifiantStructure": s.siret.to_string(), "designationStructure": s.raison_sociale,
                           "premierService": false, "listeServices": liste,
                           "parametresRetour": { "pageCourante": 1, "pages": n.min(1), "nbResultatsParPage": limites.page_max, "total": n } }),
                )
            }
            Err(r) => *r,
        },
        "/cpro/transverses/v1/recuperer/structures/actives/facturetravaux" => {
            let a = p.reference().annuaire();
            let l: Vec<Value> = a
                .iter()
                .filter(|(_, s)| s.active && s.espace_travaux)
                .take(limites.liste_max)
                .map(|(i, s)| json!({ "designationStructure": s.raison_sociale, "idStructureCPP": id_structure_cpp(i), "identifiant": s.siret.to_string() }))
                .collect();
            ok(json!({ "listeStructures": l }))
        }
        _ => return None,
    };
    Some(r)
}

/// The lists of statuses, from the reference's own transition table.
pub fn etats(route: &str, v: &Value) -> Option<Response> {
    Some(match route {
        "/cpro/transverses/v1/recuperer/etat/typedp" => {
            let travaux = v.get("typeDemandePaiement").and_then(Value::as_str).is_none_or(|t| t == "FACTURE_TRAVAUX");
            let l: Vec<Value> =
                if travaux { Statut::TOUS.iter().map(|s| json!({ "etatDemandePaiement": s.code_api() })).collect() } else { Vec::new() };
            ok(json!({ "listeEtatDemandePaiement": l }))
        }
        "/cpro/transverses/v1/recuperer/etats/traitement" => {
            let Some(courant) = v.get("statutCourant").and_then(Value::as_str) else {
                return Some(mauvaise_requete("champ « statutCourant » : statut attendu"));
            };
            let Some(de) = Statut::parse(courant) else { return Some(mauvaise_requete(format!("statut inconnu : {courant}"))) };
            let l: Vec<Value> = Statut::TOUS
                .iter()
                .filter(|vers| transition_autorisee(Some(de), **vers))
                .map(|s| json!({ "statutPossiblePourTraitement": s.code_api() }))
                .collect();
            ok(json!({ "listeStatutsPossiblesPourTraitement": l }))
        }
        "/cpro/transverses/v1/recuperer/cadrefacturation" => {
            let filtre = v.get("typeDemandePaiement").and_then(Value::as_str);
            let l: Vec<Value> = CadreFacturation::TOUS
                .iter()
                .filter(|c| filtre.is_none_or(|f| f == c.type_demande_paiement()))
                .map(|c| {
                    json!({ "codeCadreFacturation": c.code_api(), "deposant": c.deposant().map(|r| r.code()), "typeFactureTravaux": c.type_facture_travaux(),
                            "typeDemandePaiement": c.type_demande_paiement(), "horsPerimetre": c.hors_perimetre(), "legacy": c.est_legacy() })
                })
                .collect();
            ok(json!({ "listeCadreFacturation": l }))
        }
        _ => return None,
    })
}
