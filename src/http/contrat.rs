//! The HTTP contract: routes, JSON bodies and their mapping to [`Commande`]s and back, shared by
//! the server (`serve`) and the client (`run --target URL`, `certify`).
//!
//! Chorus Pro's names where they are known (`soumettre`, `consulter`, `refuser`, …;
//! `idFactureTravaux`, `cadreFacturation`, `identifiantDestinataire`, `codeServiceExecutant`,
//! `numeroBonCommande`, `statutFactureTravaux`, `codeRetour`, `libelle`). Amounts are decimal
//! strings, dates `AAAA-MM-JJ`. The acting user travels in the `cpro-account` header. Test hooks
//! live under `/test/v1/` and take the data set's YAML shapes in JSON.

use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::montant::{Ecart, Montants, Ventilation};
use crate::domaine::paiement::Retard;
use crate::domaine::piece::{Espace, PieceId, Reserves};
use crate::domaine::reference::{Depot, Modification, NatureNotification};
use crate::domaine::siret::Siret;
use crate::domaine::statut::Statut;
use crate::domaine::structure::{Parametres, PresenceMoa, Structure};
use crate::domaine::utilisateur::RoleRattachement;
use crate::donnees::{ActeurYaml, FicheYaml, StructureYaml};
use crate::plateforme::{Commande, LigneHistorique, VueNotification, VuePiece};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The header that names the acting user (as in Chorus Pro's API).
pub const ENTETE_COMPTE: &str = "cpro-account";
/// Test-only header that isolates a scenario's state (each scenario its own sandbox).
pub const ENTETE_BAC_A_SABLE: &str = "cpro-bac-a-sable";

/// Every route the server serves (the OpenAPI document must list exactly these).
pub const ROUTES: &[&str] = &[
    "/cpro/facturesTravaux/v1/soumettre",
    "/cpro/facturesTravaux/v1/rechercher",
    "/cpro/facturesTravaux/v1/consulter",
    "/cpro/facturesTravaux/v1/prendreEnCompte",
    "/cpro/facturesTravaux/v1/refuser",
    "/cpro/facturesTravaux/v1/recycler",
    "/cpro/facturesTravaux/v1/demanderRecyclage",
    "/cpro/facturesTravaux/v1/suspendre",
    "/cpro/facturesTravaux/v1/completer",
    "/cpro/facturesTravaux/v1/validerSousTraitance",
    "/cpro/facturesTravaux/v1/refuserSousTraitance",
    "/cpro/facturesTravaux/v1/contesterMontant",
    "/cpro/factures/v1/traiter",
    "/cpro/structures/v1/consulter",
    "/cpro/structures/v1/modifierParametres",
    "/cpro/structures/v1/ouvrirEspaceTravaux",
    "/cpro/structures/v1/habiliterUtilisateur",
    "/cpro/structures/v1/deposerSollicitation",
    "/cpro/transverses/v1/recuperer/cadrefacturation",
    "/cpro/transverses/v1/recuperer/typefacturetravaux",
    "/cpro/transverses/v1/recuperer/motifs/refus/facturetravaux",
    "/cpro/transverses/v1/recuperer/codesRetour",
    "/test/v1/reinitialiser",
    "/test/v1/ajouterStructure",
    "/test/v1/remplacerStructure",
    "/test/v1/creerUtilisateur",
    "/test/v1/rattacher",
    "/test/v1/enregistrerMarche",
    "/test/v1/fixerDate",
    "/test/v1/avancer",
    "/test/v1/traiterSollicitation",
    "/test/v1/designerMoe",
    "/test/v1/notifications",
    "/test/v1/consulterPiece",
];

fn dec(v: Decimal) -> Value {
    Value::String(v.to_string())
}

fn champ<'a>(v: &'a Value, nom: &str) -> Result<&'a Value, String> {
    v.get(nom).ok_or_else(|| format!("champ « {nom} » manquant"))
}

fn texte(v: &Value, nom: &str) -> Result<String, String> {
    champ(v, nom)?.as_str().map(str::to_string).ok_or_else(|| format!("champ « {nom} » : texte attendu"))
}

fn texte_opt(v: &Value, nom: &str) -> Result<Option<String>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("champ « {nom} » : texte attendu")),
    }
}

fn decimal(v: &Value, nom: &str) -> Result<Decimal, String> {
    let s = texte(v, nom)?;
    s.parse().map_err(|_| format!("champ « {nom} » : montant décimal attendu entre guillemets, reçu « {s} »"))
}

fn decimal_opt(v: &Value, nom: &str) -> Result<Option<Decimal>, String> {
    texte_opt(v, nom)?.map(|s| s.parse().map_err(|_| format!("champ « {nom} » : montant décimal attendu, reçu « {s} »"))).transpose()
}

fn entier(v: &Value, nom: &str) -> Result<u32, String> {
    champ(v, nom)?.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| format!("champ « {nom} » : entier positif attendu"))
}

fn booleen(v: &Value, nom: &str) -> Result<bool, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("champ « {nom} » : booléen attendu")),
    }
}

fn siret(v: &Value, nom: &str) -> Result<Siret, String> {
    let s = texte(v, nom)?;
    Siret::parse(&s).map_err(|e| format!("champ « {nom} » : SIRET « {s} » invalide ({e})"))
}

fn date(v: &Value, nom: &str) -> Result<Date, String> {
    let s = texte(v, nom)?;
    Date::parse(&s).ok_or_else(|| format!("champ « {nom} » : date AAAA-MM-JJ attendue, reçu « {s} »"))
}

fn piece(v: &Value) -> Result<PieceId, String> {
    entier(v, "idFactureTravaux").map(PieceId)
}

fn dto<T: serde::de::DeserializeOwned>(v: &Value, nom: &str) -> Result<T, String> {
    serde_json::from_value(champ(v, nom)?.clone()).map_err(|e| format!("champ « {nom} » : {e}"))
}

fn role_rattachement(r: RoleRattachement) -> &'static str {
    r.code()
}

fn presence(p: PresenceMoa) -> &'static str {
    match p {
        PresenceMoa::SansMoa => "SANS_MOA",
        PresenceMoa::AvecMoa => "AVEC_MOA",
        PresenceMoa::ExclusivementMoa => "EXCLUSIVEMENT_MOA",
    }
}

fn parametres_json(p: &Parametres) -> Value {
    json!({
        "codeServiceDoitEtreRenseigne": p.code_service_doit_etre_renseigne,
        "numeroEJDoitEtreRenseigne": p.numero_ej_doit_etre_renseigne,
        "gestionNumeroEJOuCodeService": p.gestion_numero_ej_ou_code_service,
        "recevoirDonneesViaEDI": p.recevoir_donnees_via_edi,
        "statutMiseEnPaiementNestPasRemonte": p.statut_mise_en_paiement_nest_pas_remonte,
    })
}

fn parametres_depuis(v: &Value) -> Result<Parametres, String> {
    Ok(Parametres {
        code_service_doit_etre_renseigne: booleen(v, "codeServiceDoitEtreRenseigne")?,
        numero_ej_doit_etre_renseigne: booleen(v, "numeroEJDoitEtreRenseigne")?,
        gestion_numero_ej_ou_code_service: booleen(v, "gestionNumeroEJOuCodeService")?,
        recevoir_donnees_via_edi: booleen(v, "recevoirDonneesViaEDI")?,
        statut_mise_en_paiement_nest_pas_remonte: booleen(v, "statutMiseEnPaiementNestPasRemonte")?,
    })
}

/// The route and JSON body of a command (client side).
pub fn requete(c: &Commande) -> (&'static str, Value) {
    match c {
        Commande::AjouterStructure(s) => ("/test/v1/ajouterStructure", json!({ "structure": StructureYaml::from(s) })),
        Commande::RemplacerStructure(s) => ("/test/v1/remplacerStructure", json!({ "structure": StructureYaml::from(s) })),
        Commande::CreerUtilisateur { login, prenom, nom, pigp } => {
            ("/test/v1/creerUtilisateur", json!({ "login": login, "prenom": prenom, "nom": nom, "pigp": pigp }))
        }
        Commande::Rattacher { login, siret, role, habilite_travaux } => (
            "/test/v1/rattacher",
            json!({ "login": login, "identifiantStructure": siret.to_string(), "role": role_rattachement(*role), "habiliteTravaux": habilite_travaux }),
        ),
        Commande::EnregistrerMarche(m) => ("/test/v1/enregistrerMarche", json!({ "fiche": FicheYaml::from(m.as_ref()) })),
        Commande::FixerDate(d) => ("/test/v1/fixerDate", json!({ "date": d.iso() })),
        Commande::Avancer(n) => ("/test/v1/avancer", json!({ "jours": n })),
        Commande::Deposer(d) => ("/cpro/facturesTravaux/v1/soumettre", depot_json(d)),
        Commande::PrendreEnCompte(p) => ("/cpro/facturesTravaux/v1/prendreEnCompte", json!({ "idFactureTravaux": p.0 })),
        Commande::Refuser { piece, motif, commentaire } => {
            ("/cpro/facturesTravaux/v1/refuser", json!({ "idFactureTravaux": piece.0, "motifRefus": motif, "commentaire": commentaire }))
        }
        Commande::Recycler { piece, modifications } => {
            let mut v = json!({ "idFactureTravaux": piece.0 });
            let mut autres = Vec::new();
            for m in modifications {
                match m {
                    Modification::Destinataire(s) => v["identifiantDestinataire"] = json!(s),
                    Modification::CodeService(s) => v["codeServiceExecutant"] = json!(s.clone().unwrap_or_default()),
                    Modification::NumeroEngagement(s) => v["numeroBonCommande"] = json!(s.clone().unwrap_or_default()),
                    Modification::Moe(s) => v["identifiantMoe"] = json!(s),
                    Modification::Moa(s) => v["identifiantMoa"] = json!(s),
                    Modification::Autre(c) => autres.push(c.clone()),
                }
            }
            if !autres.is_empty() {
                v["autresChamps"] = json!(autres);
            }
            ("/cpro/facturesTravaux/v1/recycler", v)
        }
        Commande::DemanderRecyclage(p) => ("/cpro/facturesTravaux/v1/demanderRecyclage", json!({ "idFactureTravaux": p.0 })),
        Commande::Suspendre { piece, commentaire } => {
            ("/cpro/facturesTravaux/v1/suspendre", json!({ "idFactureTravaux": piece.0, "commentaire": commentaire }))
        }
        Commande::Completer { piece, commentaire } => {
            ("/cpro/facturesTravaux/v1/completer", json!({ "idFactureTravaux": piece.0, "commentaire": commentaire }))
        }
        Commande::ValiderSousTraitance { piece, montant } => (
            "/cpro/facturesTravaux/v1/validerSousTraitance",
            json!({ "idFactureTravaux": piece.0, "montantAccepte": montant.map(|m| m.to_string()) }),
        ),
        Commande::RefuserSousTraitance { piece, commentaire } => {
            ("/cpro/facturesTravaux/v1/refuserSousTraitance", json!({ "idFactureTravaux": piece.0, "commentaire": commentaire }))
        }
        Commande::ConstaterServiceFait(p) => ("/cpro/factures/v1/traiter", json!({ "idFacture": p.0, "action": "SERVICE_FAIT" })),
        Commande::Mandater(p) => ("/cpro/factures/v1/traiter", json!({ "idFacture": p.0, "action": "MANDATEE" })),
        Commande::MettreEnPaiement(p) => ("/cpro/factures/v1/traiter", json!({ "idFacture": p.0, "action": "MISE_EN_PAIEMENT" })),
        Commande::Rejeter { piece, motif } => {
            ("/cpro/factures/v1/traiter", json!({ "idFacture": piece.0, "action": "REJETEE", "motif": motif }))
        }
        Commande::ContesterMontant { piece, motif } => {
            ("/cpro/facturesTravaux/v1/contesterMontant", json!({ "idFactureTravaux": piece.0, "motif": motif }))
        }
        Commande::OuvrirEspaceTravaux(s) => ("/cpro/structures/v1/ouvrirEspaceTravaux", json!({ "identifiantStructure": s.to_string() })),
        Commande::HabiliterTravaux { cible, siret } => {
            ("/cpro/structures/v1/habiliterUtilisateur", json!({ "login": cible, "identifiantStructure": siret.to_string() }))
        }
        Commande::ModifierParametres { siret, parametres, presence: p } => (
            "/cpro/structures/v1/modifierParametres",
            json!({ "identifiantStructure": siret.to_string(), "parametres": parametres_json(parametres), "presenceMoa": p.map(presence) }),
        ),
        Commande::DeposerSollicitation { siret, gestionnaires } => (
            "/cpro/structures/v1/deposerSollicitation",
            json!({ "identifiantStructure": siret.to_string(), "comptesPigpGestionnaires": gestionnaires }),
        ),
        Commande::TraiterSollicitation(n) => ("/test/v1/traiterSollicitation", json!({ "idSollicitation": n })),
        Commande::DesignerMoe { marche, acteur } => {
            ("/test/v1/designerMoe", json!({ "numeroMarche": marche, "moe": ActeurYaml::from(acteur.as_ref()) }))
        }
    }
}

fn depot_json(d: &Depot) -> Value {
    json!({
        "cadreFacturation": d.cadre.code_api(),
        "numeroMarche": d.marche,
        "idPiecePrecedente": d.precedente.map(|p| p.0),
        "numeroFactureTravaux": d.numero,
        "identifiantStructureDeposante": d.structure_deposante.map(|s| s.to_string()),
        "identifiantDestinataire": d.destinataire,
        "codeServiceExecutant": d.code_service,
        "numeroBonCommande": d.numero_engagement,
        "identifiantMoe": d.moe,
        "identifiantMoa": d.moa,
        "montantHT": d.montants.ht.to_string(),
        "montantTVA": d.montants.tva.to_string(),
        "montantTTC": d.montants.ttc.to_string(),
        "montantAPayer": d.montants.a_payer.to_string(),
        "reserves": d.reserves.as_ref().map(|r| json!({ "motifs": r.motifs, "montantReclame": r.montant_reclame.map(|m| m.to_string()) })),
        "appelDeFonds": d.appel_de_fonds,
    })
}

fn depot_depuis(v: &Value) -> Result<Depot, String> {
    let cadre_txt = texte(v, "cadreFacturation")?;
    let cadre = CadreFacturation::parse(&cadre_txt).ok_or_else(|| format!("champ « cadreFacturation » : cadre inconnu « {cadre_txt} »"))?;
    let montants = Montants {
        ht: decimal(v, "montantHT")?,
        tva: decimal(v, "montantTVA")?,
        ttc: decimal(v, "montantTTC")?,
        a_payer: decimal(v, "montantAPayer")?,
        ventilation: Ventilation::default(),
    };
    let reserves = match v.get("reserves") {
        None | Some(Value::Null) => None,
        Some(r) => {
            Some(Reserves { motifs: texte_opt(r, "motifs")?.unwrap_or_default(), montant_reclame: decimal_opt(r, "montantReclame")? })
        }
    };
    let structure_deposante = match texte_opt(v, "identifiantStructureDeposante")? {
        Some(s) => Some(Siret::parse(&s).map_err(|e| format!("champ « identifiantStructureDeposante » : {e}"))?),
        None => None,
    };
    Ok(Depot {
        cadre,
        marche: texte_opt(v, "numeroMarche")?,
        precedente: match v.get("idPiecePrecedente") {
            None | Some(Value::Null) => None,
            Some(_) => Some(PieceId(entier(v, "idPiecePrecedente")?)),
        },
        numero: texte_opt(v, "numeroFactureTravaux")?,
        structure_deposante,
        destinataire: texte_opt(v, "identifiantDestinataire")?,
        code_service: texte_opt(v, "codeServiceExecutant")?,
        numero_engagement: texte_opt(v, "numeroBonCommande")?,
        moe: texte_opt(v, "identifiantMoe")?,
        moa: texte_opt(v, "identifiantMoa")?,
        montants,
        reserves,
        appel_de_fonds: booleen(v, "appelDeFonds")?,
    })
}

/// The command a route and body stand for (server side). `Ok(None)` for routes that are
/// queries, not commands.
pub fn commande(route: &str, v: &Value) -> Result<Option<Commande>, String> {
    if !v.is_object() {
        return Err("le corps doit être un objet JSON".into());
    }
    let c = match route {
        "/test/v1/ajouterStructure" => Commande::AjouterStructure(dto::<StructureYaml>(v, "structure")?.into()),
        "/test/v1/remplacerStructure" => Commande::RemplacerStructure(dto::<StructureYaml>(v, "structure")?.into()),
        "/test/v1/creerUtilisateur" => Commande::CreerUtilisateur {
            login: texte(v, "login")?,
            prenom: texte(v, "prenom")?,
            nom: texte(v, "nom")?,
            pigp: booleen(v, "pigp")?,
        },
        "/test/v1/rattacher" => Commande::Rattacher {
            login: texte(v, "login")?,
            siret: siret(v, "identifiantStructure")?,
            role: RoleRattachement::parse(&texte(v, "role")?)
                .ok_or("champ « role » : GESTIONNAIRE_PRINCIPAL, GESTIONNAIRE_SECONDAIRE ou UTILISATEUR attendu")?,
            habilite_travaux: booleen(v, "habiliteTravaux")?,
        },
        "/test/v1/enregistrerMarche" => Commande::EnregistrerMarche(Box::new(dto::<FicheYaml>(v, "fiche")?.into())),
        "/test/v1/fixerDate" => Commande::FixerDate(date(v, "date")?),
        "/test/v1/avancer" => Commande::Avancer(entier(v, "jours")?),
        "/test/v1/traiterSollicitation" => Commande::TraiterSollicitation(entier(v, "idSollicitation")?),
        "/test/v1/designerMoe" => {
            Commande::DesignerMoe { marche: texte(v, "numeroMarche")?, acteur: Box::new(dto::<ActeurYaml>(v, "moe")?.into()) }
        }
        "/cpro/facturesTravaux/v1/soumettre" => Commande::Deposer(Box::new(depot_depuis(v)?)),
        "/cpro/facturesTravaux/v1/prendreEnCompte" => Commande::PrendreEnCompte(piece(v)?),
        "/cpro/facturesTravaux/v1/refuser" => Commande::Refuser {
            piece: piece(v)?,
            motif: texte(v, "motifRefus")?,
            commentaire: texte_opt(v, "commentaire")?.unwrap_or_default(),
        },
        "/cpro/facturesTravaux/v1/recycler" => {
            let mut modifications = Vec::new();
            for (nom, fabrique) in [
                ("identifiantDestinataire", Modification::Destinataire as fn(String) -> Modification),
                ("identifiantMoe", Modification::Moe),
                ("identifiantMoa", Modification::Moa),
            ] {
                if let Some(s) = texte_opt(v, nom)? {
                    modifications.push(fabrique(s));
                }
            }
            if let Some(s) = texte_opt(v, "codeServiceExecutant")? {
                modifications.push(Modification::CodeService(Some(s).filter(|x| !x.is_empty())));
            }
            if let Some(s) = texte_opt(v, "numeroBonCommande")? {
                modifications.push(Modification::NumeroEngagement(Some(s).filter(|x| !x.is_empty())));
            }
            if let Some(autres) = v.get("autresChamps").and_then(Value::as_array) {
                modifications.extend(autres.iter().filter_map(Value::as_str).map(|s| Modification::Autre(s.to_string())));
            }
            // Any other field of the body is a change recycling does not allow (D-REFUS-4).
            if let Some(o) = v.as_object() {
                for k in o.keys() {
                    if !matches!(
                        k.as_str(),
                        "idFactureTravaux"
                            | "identifiantDestinataire"
                            | "identifiantMoe"
                            | "identifiantMoa"
                            | "codeServiceExecutant"
                            | "numeroBonCommande"
                            | "autresChamps"
                    ) {
                        modifications.push(Modification::Autre(k.clone()));
                    }
                }
            }
            Commande::Recycler { piece: piece(v)?, modifications }
        }
        "/cpro/facturesTravaux/v1/demanderRecyclage" => Commande::DemanderRecyclage(piece(v)?),
        "/cpro/facturesTravaux/v1/suspendre" => {
            Commande::Suspendre { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() }
        }
        "/cpro/facturesTravaux/v1/completer" => {
            Commande::Completer { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() }
        }
        "/cpro/facturesTravaux/v1/validerSousTraitance" => {
            Commande::ValiderSousTraitance { piece: piece(v)?, montant: decimal_opt(v, "montantAccepte")? }
        }
        "/cpro/facturesTravaux/v1/refuserSousTraitance" => {
            Commande::RefuserSousTraitance { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() }
        }
        "/cpro/facturesTravaux/v1/contesterMontant" => {
            Commande::ContesterMontant { piece: piece(v)?, motif: texte_opt(v, "motif")?.unwrap_or_default() }
        }
        "/cpro/factures/v1/traiter" => {
            let p = PieceId(entier(v, "idFacture")?);
            match texte(v, "action")?.as_str() {
                "SERVICE_FAIT" => Commande::ConstaterServiceFait(p),
                "MANDATEE" => Commande::Mandater(p),
                "MISE_EN_PAIEMENT" => Commande::MettreEnPaiement(p),
                "REJETEE" => Commande::Rejeter { piece: p, motif: texte_opt(v, "motif")?.unwrap_or_default() },
                autre => {
                    return Err(format!(
                        "champ « action » : SERVICE_FAIT, MANDATEE, MISE_EN_PAIEMENT ou REJETEE attendu, reçu « {autre} »"
                    ));
                }
            }
        }
        "/cpro/structures/v1/ouvrirEspaceTravaux" => Commande::OuvrirEspaceTravaux(siret(v, "identifiantStructure")?),
        "/cpro/structures/v1/habiliterUtilisateur" => {
            Commande::HabiliterTravaux { cible: texte(v, "login")?, siret: siret(v, "identifiantStructure")? }
        }
        "/cpro/structures/v1/modifierParametres" => Commande::ModifierParametres {
            siret: siret(v, "identifiantStructure")?,
            parametres: parametres_depuis(champ(v, "parametres")?)?,
            presence: match texte_opt(v, "presenceMoa")? {
                Some(p) => Some(
                    PresenceMoa::parse(&p)
                        .ok_or_else(|| format!("champ « presenceMoa » : SANS_MOA, AVEC_MOA ou EXCLUSIVEMENT_MOA attendu, reçu « {p} »"))?,
                ),
                None => None,
            },
        },
        "/cpro/structures/v1/deposerSollicitation" => Commande::DeposerSollicitation {
            siret: siret(v, "identifiantStructure")?,
            gestionnaires: champ(v, "comptesPigpGestionnaires")?
                .as_array()
                .ok_or("champ « comptesPigpGestionnaires » : liste attendue")?
                .iter()
                .map(|x| x.as_str().map(str::to_string).ok_or("champ « comptesPigpGestionnaires » : liste de textes attendue".to_string()))
                .collect::<Result<_, _>>()?,
        },
        _ => return Ok(None),
    };
    Ok(Some(c))
}

fn nature(n: NatureNotification) -> &'static str {
    match n {
        NatureNotification::ActionAttendue => "ACTION_ATTENDUE",
        NatureNotification::PieceAjoutee => "PIECE_AJOUTEE",
        NatureNotification::MiseEnPaiement => "MISE_EN_PAIEMENT",
    }
}

/// A notification as JSON.
pub fn notification_json(n: &VueNotification) -> Value {
    json!({ "identifiantStructure": n.destinataire.to_string(), "nature": nature(n.nature), "idFactureTravaux": n.piece.0, "date": n.date.iso() })
}

/// A notification from JSON.
pub fn notification_depuis(v: &Value) -> Result<VueNotification, String> {
    let n = texte(v, "nature")?;
    Ok(VueNotification {
        destinataire: siret(v, "identifiantStructure")?,
        nature: match n.as_str() {
            "ACTION_ATTENDUE" => NatureNotification::ActionAttendue,
            "PIECE_AJOUTEE" => NatureNotification::PieceAjoutee,
            "MISE_EN_PAIEMENT" => NatureNotification::MiseEnPaiement,
            autre => return Err(format!("nature de notification inconnue : {autre}")),
        },
        piece: piece(v)?,
        date: date(v, "date")?,
    })
}

/// A structure as JSON (`structures/v1/consulter`).
pub fn structure_json(s: &Structure) -> Value {
    json!({ "structure": StructureYaml::from(s) })
}

/// A structure from JSON.
pub fn structure_depuis(v: &Value) -> Result<Structure, String> {
    Ok(dto::<StructureYaml>(v, "structure")?.into())
}

fn espace(e: Espace) -> &'static str {
    match e {
        Espace::FacturesTravaux => "FACTURES_TRAVAUX",
        Espace::FacturesRecues => "FACTURES_RECUES",
    }
}

/// A piece as JSON (`consulter`).
pub fn vue_json(p: &VuePiece) -> Value {
    json!({
        "idFactureTravaux": p.id.0,
        "numeroFactureTravaux": p.numero,
        "cadreFacturation": p.cadre.code_api(),
        "typeFactureTravaux": p.cadre.type_facture_travaux(),
        "typeDemandePaiement": p.cadre.type_demande_paiement(),
        "statutFactureTravaux": p.statut.code_api(),
        "libelleStatut": p.libelle,
        "espace": espace(p.espace),
        "identifiantRecipiendaire": p.recipiendaire.to_string(),
        "identifiantDestinataire": p.destinataire.to_string(),
        "codeServiceExecutant": p.code_service,
        "historique": p.historique.iter().map(|h| json!({
            "histoStatutCode": h.statut.code_api(),
            "histoStatutDatePassage": h.date.iso(),
            "histoStatutUtilisateur": h.utilisateur,
            "histoStatutCommentaire": h.commentaire,
        })).collect::<Vec<_>>(),
        "montantHT": dec(p.montants.ht),
        "montantTVA": dec(p.montants.tva),
        "montantTTC": dec(p.montants.ttc),
        "montantAPayer": dec(p.montants.a_payer),
        "ecart": p.ecart.map(|e| json!({ "montantHT": dec(e.ht), "montantTTC": dec(e.ttc), "montantAPayer": dec(e.a_payer) })),
        "montantAccepte": p.montant_accepte.map(dec),
        "etatDossier": p.etat_dossier,
        "dateEcheancePaiement": p.echeance_paiement.map(|d| d.iso()),
        "interetsMoratoires": p.retard.as_ref().map(|r| json!({
            "echeance": r.echeance.iso(),
            "jours": r.jours,
            "tauxBce": dec(r.taux_bce),
            "tauxApplique": dec(r.taux_applique),
            "interets": dec(r.interets),
            "indemnite": dec(r.indemnite),
            "aVerserAvant": r.a_verser_avant.iso(),
        })),
        "idPiecePrecedente": p.precedente.map(|x| x.0),
        "idPieceSuivante": p.suivante.map(|x| x.0),
    })
}

fn date_opt(v: &Value, nom: &str) -> Result<Option<Date>, String> {
    texte_opt(v, nom)?.map(|s| Date::parse(&s).ok_or_else(|| format!("champ « {nom} » : date attendue, reçu « {s} »"))).transpose()
}

fn id_opt(v: &Value, nom: &str) -> Result<Option<PieceId>, String> {
    match v.get(nom) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => Ok(Some(PieceId(entier(v, nom)?))),
    }
}

/// A piece from JSON.
pub fn vue_depuis(v: &Value) -> Result<VuePiece, String> {
    let statut_txt = texte(v, "statutFactureTravaux")?;
    let cadre_txt = texte(v, "cadreFacturation")?;
    let espace = match texte(v, "espace")?.as_str() {
        "FACTURES_TRAVAUX" => Espace::FacturesTravaux,
        "FACTURES_RECUES" => Espace::FacturesRecues,
        autre => return Err(format!("champ « espace » inconnu : {autre}")),
    };
    let historique = champ(v, "historique")?
        .as_array()
        .ok_or("champ « historique » : liste attendue")?
        .iter()
        .map(|h| {
            let s = texte(h, "histoStatutCode")?;
            Ok(LigneHistorique {
                statut: Statut::parse(&s).ok_or_else(|| format!("statut inconnu : {s}"))?,
                date: date(h, "histoStatutDatePassage")?,
                utilisateur: texte_opt(h, "histoStatutUtilisateur")?.unwrap_or_default(),
                commentaire: texte_opt(h, "histoStatutCommentaire")?.unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let ecart = match v.get("ecart") {
        None | Some(Value::Null) => None,
        Some(e) => Some(Ecart { ht: decimal(e, "montantHT")?, ttc: decimal(e, "montantTTC")?, a_payer: decimal(e, "montantAPayer")? }),
    };
    let retard = match v.get("interetsMoratoires") {
        None | Some(Value::Null) => None,
        Some(r) => Some(Retard {
            echeance: date(r, "echeance")?,
            jours: champ(r, "jours")?.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or("champ « jours » : entier attendu")?,
            taux_bce: decimal(r, "tauxBce")?,
            taux_applique: decimal(r, "tauxApplique")?,
            interets: decimal(r, "interets")?,
            indemnite: decimal(r, "indemnite")?,
            a_verser_avant: date(r, "aVerserAvant")?,
        }),
    };
    Ok(VuePiece {
        id: piece(v)?,
        numero: texte(v, "numeroFactureTravaux")?,
        cadre: CadreFacturation::parse(&cadre_txt).ok_or_else(|| format!("cadre inconnu : {cadre_txt}"))?,
        statut: Statut::parse(&statut_txt).ok_or_else(|| format!("statut inconnu : {statut_txt}"))?,
        libelle: texte_opt(v, "libelleStatut")?.unwrap_or_default(),
        espace,
        recipiendaire: siret(v, "identifiantRecipiendaire")?,
        destinataire: siret(v, "identifiantDestinataire")?,
        code_service: texte_opt(v, "codeServiceExecutant")?,
        historique,
        montants: Montants {
            ht: decimal(v, "montantHT")?,
            tva: decimal(v, "montantTVA")?,
            ttc: decimal(v, "montantTTC")?,
            a_payer: decimal(v, "montantAPayer")?,
            ventilation: Ventilation::default(),
        },
        ecart,
        montant_accepte: decimal_opt(v, "montantAccepte")?,
        etat_dossier: texte(v, "etatDossier")?,
        echeance_paiement: date_opt(v, "dateEcheancePaiement")?,
        retard,
        precedente: id_opt(v, "idPiecePrecedente")?,
        suivante: id_opt(v, "idPieceSuivante")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deposit_round_trips() {
        let mut d = Depot::nouveau(CadreFacturation::A8, Some("M-1"), Montants::depuis_ht(Decimal::from(1000), Decimal::from(20)));
        d.precedente = Some(PieceId(4));
        d.reserves = Some(Reserves { motifs: "x".into(), montant_reclame: Some(Decimal::from(12)) });
        d.code_service = Some(String::new());
        let (route, v) = requete(&Commande::Deposer(Box::new(d.clone())));
        assert_eq!(commande(route, &v), Ok(Some(Commande::Deposer(Box::new(d)))));
    }

    #[test]
    fn recycling_extra_fields_become_forbidden_changes() {
        let v = json!({ "idFactureTravaux": 1, "montantHT": "9" });
        let Ok(Some(Commande::Recycler { modifications, .. })) = commande("/cpro/facturesTravaux/v1/recycler", &v) else {
            panic!("recycler")
        };
        assert_eq!(modifications, vec![Modification::Autre("montantHT".into())]);
    }

    #[test]
    fn bad_bodies_are_described() {
        assert!(commande("/cpro/facturesTravaux/v1/refuser", &json!([])).is_err());
        let e = commande("/cpro/facturesTravaux/v1/soumettre", &json!({ "cadreFacturation": "A4", "montantHT": 10 }))
            .expect_err("number amount");
        assert!(e.contains("montantHT"), "{e}");
    }
}
