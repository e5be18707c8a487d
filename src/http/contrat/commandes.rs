//! Commands: the route and body of each `Commande`, both ways (client and server).

use super::*;
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::montant::{Montants, Ventilation};
use crate::domaine::piece::{PieceId, Reserves};
use crate::domaine::reference::{Depot, Modification};
use crate::domaine::siret::Siret;
use crate::domaine::structure::PresenceMoa;
use crate::domaine::utilisateur::RoleRattachement;
use crate::donnees::{ActeurYaml, FicheYaml, StructureYaml};
use crate::plateforme::Commande;
use serde_json::{Value, json};

/// The route and JSON body of a command (client side).
pub fn requete(c: &Commande) -> (&'static str, Value) {
    match c {
        Commande::AjouterStructure(s) => ("/test/v1/ajouterStructure", json!({ "structure": StructureYaml::from(s) })),
        Commande::RemplacerStructure(s) => ("/test/v1/remplacerStructure", json!({ "structure": StructureYaml::from(s) })),
        Commande::CreerUtilisateur { login, prenom, nom, pigp, mot_de_passe } => {
            ("/test/v1/creerUtilisateur", json!({ "login": login, "prenom": prenom, "nom": nom, "pigp": pigp, "motDePasse": mot_de_passe }))
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
        Commande::Telecharger(p) => ("/cpro/facturesTravaux/v1/telecharger", json!({ "idFactureTravaux": p.0 })),
        Commande::CreerStructure { siret, raison_sociale, publique, presence: p } => (
            "/test/v1/creerStructure",
            json!({
                "identifiantStructure": siret,
                "raisonSociale": raison_sociale,
                "typeStructure": if *publique { "PUBLIQUE" } else { "PRIVEE" },
                "presenceMoa": p.map(presence),
            }),
        ),
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
        "codeServiceFournisseur": d.service_deposant,
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
        service_deposant: texte_opt(v, "codeServiceFournisseur")?,
    })
}

fn presence_opt(v: &Value) -> Result<Option<PresenceMoa>, String> {
    match texte_opt(v, "presenceMoa")? {
        Some(p) => PresenceMoa::parse(&p)
            .map(Some)
            .ok_or_else(|| format!("champ « presenceMoa » : SANS_MOA, AVEC_MOA ou EXCLUSIVEMENT_MOA attendu, reçu « {p} »")),
        None => Ok(None),
    }
}

/// `modifierParametres` over the structure's current parameters (`base`): the server passes the
/// structure's, so that a partial object changes only what it names.
pub fn modifier_parametres(v: &Value, base: &Parametres) -> Result<Commande, String> {
    Ok(Commande::ModifierParametres {
        siret: siret(v, "identifiantStructure")?,
        parametres: match v.get("parametres") {
            None | Some(Value::Null) => *base,
            Some(p) => parametres_depuis(p, base)?,
        },
        presence: presence_opt(v)?,
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
            mot_de_passe: texte_opt(v, "motDePasse")?,
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
        "/cpro/facturesTravaux/v1/telecharger" => Commande::Telecharger(piece(v)?),
        "/test/v1/creerStructure" => Commande::CreerStructure {
            siret: texte(v, "identifiantStructure")?,
            raison_sociale: texte(v, "raisonSociale")?,
            publique: match texte(v, "typeStructure")?.as_str() {
                "PUBLIQUE" => true,
                "PRIVEE" => false,
                autre => return Err(format!("champ « typeStructure » : PUBLIQUE ou PRIVEE attendu, reçu « {autre} »")),
            },
            presence: presence_opt(v)?,
        },
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
        // The real path (api-chorus-pro.md) and the reference's first name for it.
        "/cpro/facturesTravaux/v1/demanderRecyclage" | "/cpro/facturesTravaux/v1/demander/recyclage" => {
            Commande::DemanderRecyclage(piece(v)?)
        }
        "/cpro/facturesTravaux/v1/suspendre" | "/cpro/facturesTravaux/v1/suspendre/demander/completer/factureTravaux" => {
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
        // « Factures reçues » as the real API treats an invoice received (GO, PA).
        "/cpro/factures/v1/traiter/recue" => {
            let p = PieceId(entier(v, "idFacture")?);
            let motif = texte_opt(v, "motif")?.unwrap_or_default();
            match texte(v, "nouveauStatut")?.as_str() {
                "SERVICE_FAIT" => Commande::ConstaterServiceFait(p),
                "MANDATEE" => Commande::Mandater(p),
                "MISE_EN_PAIEMENT" => Commande::MettreEnPaiement(p),
                "REJETEE" => Commande::Rejeter { piece: p, motif },
                "SUSPENDUE" => Commande::Suspendre { piece: p, commentaire: motif },
                autre => {
                    return Err(format!(
                        "champ « nouveauStatut » : SERVICE_FAIT, MANDATEE, MISE_EN_PAIEMENT, REJETEE ou SUSPENDUE attendu, reçu « {autre} »"
                    ));
                }
            }
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
        "/cpro/structures/v1/modifierParametres" => modifier_parametres(v, &Parametres::default())?,
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
    fn amounts_may_be_json_numbers_read_exactly() {
        // api-chorus-pro.md: clients send amounts as JSON numbers; their digits are kept.
        let v: Value = serde_json::from_str(
            r#"{ "cadreFacturation": "A4", "montantHT": 12345678901234.57, "montantTVA": "0", "montantTTC": 12345678901234.57, "montantAPayer": 0.1 }"#,
        )
        .expect("json");
        let Ok(Some(Commande::Deposer(d))) = commande("/cpro/facturesTravaux/v1/soumettre", &v) else { panic!("deposit") };
        assert_eq!(d.montants.ht.to_string(), "12345678901234.57");
        assert_eq!(d.montants.a_payer.to_string(), "0.1");
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
        let e = commande("/cpro/facturesTravaux/v1/soumettre", &json!({ "cadreFacturation": "A4", "montantHT": true }))
            .expect_err("a boolean amount");
        assert!(e.contains("montantHT"), "{e}");
    }
}
