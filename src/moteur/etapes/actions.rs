//! Actions on pieces (processing, refusals, recycling, suspension, the payment chain) and on
//! structures (space, authorisations, parameters, the MOAD sollicitation), and contract changes.
//! An action's refusal is recorded, not a failure: an `Alors` step asserts on it.

use super::{Definition, montant};
use crate::domaine::marche::Acteur;
use crate::domaine::piece::PieceId;
use crate::domaine::reference::Modification;
use crate::domaine::structure::PresenceMoa;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Monde, Resultat};
use crate::plateforme::{Commande, Reponse};

/// Runs, as the actor, a command on a piece of the scenario.
async fn agir(m: &mut Monde, acteur: &str, f: impl FnOnce(PieceId) -> Commande, piece: &str) -> Resultat {
    let login = m.login(acteur)?;
    let id = m.piece(piece)?;
    let _ = m.executer(Some(&login), f(id)).await;
    Ok(())
}

/// The action steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Quand,
            telecharger,
            motif = "{ACTEUR} télécharge la pièce {PIECE}",
            exemple = "Quand la maîtrise d'œuvre télécharge la pièce A4",
            sens = "Télécharger ne change pas le statut : seul l'indicateur de téléchargement du destinataire change (D-STATUTS-2).",
            |m, c| { agir(m, c.s(1), Commande::Telecharger, c.s(2)).await }
        ),
        etape!(
            Quand,
            prendre_en_compte,
            motif = "{ACTEUR} prend en compte la pièce {PIECE}",
            exemple = "Quand la maîtrise d'œuvre prend en compte la pièce A4",
            sens = "« Prendre en compte » (D-STATUTS-2).",
            |m, c| { agir(m, c.s(1), Commande::PrendreEnCompte, c.s(2)).await }
        ),
        etape!(
            Quand,
            refuser,
            motif = r#"{ACTEUR} refuse la pièce {PIECE} pour le motif "([^"]+)"(?: : "([^"]*)")?"#,
            exemple = r#"Quand la maîtrise d'œuvre refuse la pièce A4 pour le motif "AUTRE" : "travaux non réalisés""#,
            sens = "Refus avec un motif (AUTRE, MAUVAISE_MOE, MAUVAISE_MOA, MAUVAIS_VALIDEUR, ERREUR_MONTANT) et un commentaire (D-REFUS).",
            |m, c| {
                let (motif, commentaire) = (c.s(3).to_string(), c.s(4).to_string());
                agir(m, c.s(1), |piece| Commande::Refuser { piece, motif, commentaire }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            recycler,
            motif = "{ACTEUR} recycle la pièce {PIECE}(?: avec :)?",
            exemple = "Quand le titulaire recycle la pièce A4 avec :\n  | champ | valeur |\n  | code service | COMPTA |",
            sens = "Recyclage : seules les données d'acheminement changent (D-REFUS-4).",
            |m, c| {
                let mut modifications = Vec::new();
                for l in c.lignes() {
                    let champ = l.first().map(|s| s.trim().to_lowercase()).unwrap_or_default();
                    let v = l.get(1).map(|s| s.trim().to_string()).unwrap_or_default();
                    let s = |v: &str| m.siret_de(v).map(|s| s.to_string()).unwrap_or_else(|_| v.to_string());
                    modifications.push(match champ.as_str() {
                        "destinataire" | "siret destinataire" => Modification::Destinataire(s(&v)),
                        "code service" => Modification::CodeService(Some(v).filter(|x| !x.is_empty())),
                        "engagement" | "numéro d'engagement" => Modification::NumeroEngagement(Some(v).filter(|x| !x.is_empty())),
                        "maîtrise d'œuvre" | "moe" => Modification::Moe(s(&v)),
                        "maîtrise d'ouvrage" | "moa" => Modification::Moa(s(&v)),
                        autre => Modification::Autre(autre.to_string()),
                    });
                }
                agir(m, c.s(1), |piece| Commande::Recycler { piece, modifications }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            demander_recyclage,
            motif = "{ACTEUR} demande le recyclage de la pièce précédant la pièce {PIECE}",
            exemple = "Quand la maîtrise d'ouvrage demande le recyclage de la pièce précédant la pièce A15",
            sens = "demanderRecyclagePiecePrecedente (D-REFUS-5).",
            |m, c| { agir(m, c.s(1), Commande::DemanderRecyclage, c.s(2)).await }
        ),
        etape!(
            Quand,
            suspendre,
            motif = r#"{ACTEUR} suspend la pièce {PIECE}(?: : "([^"]*)")?"#,
            exemple = r#"Quand la maîtrise d'ouvrage suspend la pièce A19 : "RIB manquant""#,
            sens = "Suspension ou demande de complément (D-REFUS-6, D-PAIEMENT-1).",
            |m, c| {
                let commentaire = c.s(3).to_string();
                agir(m, c.s(1), |piece| Commande::Suspendre { piece, commentaire }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            completer,
            motif = "{ACTEUR} complète la pièce {PIECE}",
            exemple = "Quand le titulaire complète la pièce A19",
            sens = "Complément : la pièce reprend où elle était (D-REFUS-6).",
            |m, c| { agir(m, c.s(1), |piece| Commande::Completer { piece, commentaire: "complément".into() }, c.s(2)).await }
        ),
        etape!(
            Quand,
            accepter_st,
            motif = "{ACTEUR} accepte la demande de paiement {PIECE}(?: à hauteur de {MONTANT})?",
            exemple = "Quand le titulaire accepte la demande de paiement A10 à hauteur de 2 400 €",
            sens = "Le titulaire accepte la demande du sous-traitant, en tout ou partie (D-SOUSTRAITANCE-1).",
            |m, c| {
                let montant = c.opt(3).map(montant).transpose()?;
                agir(m, c.s(1), |piece| Commande::ValiderSousTraitance { piece, montant }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            refuser_st,
            motif = r#"{ACTEUR} refuse la demande de paiement {PIECE} : "([^"]*)""#,
            exemple = r#"Quand le titulaire refuse la demande de paiement A10 : "travaux non exécutés""#,
            sens = "Le titulaire refuse la demande du sous-traitant (D-SOUSTRAITANCE-1).",
            |m, c| {
                let commentaire = c.s(3).to_string();
                agir(m, c.s(1), |piece| Commande::RefuserSousTraitance { piece, commentaire }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            service_fait,
            motif = "{ACTEUR} constate le service fait sur la pièce {PIECE}",
            exemple = "Quand la maîtrise d'ouvrage constate le service fait sur la pièce A19",
            sens = "SERVICE_FAIT (D-PAIEMENT-1).",
            |m, c| { agir(m, c.s(1), Commande::ConstaterServiceFait, c.s(2)).await }
        ),
        etape!(
            Quand,
            mandater,
            motif = "{ACTEUR} mandate la pièce {PIECE}",
            exemple = "Quand la maîtrise d'ouvrage mandate la pièce A19",
            sens = "MANDATEE (D-PAIEMENT-1).",
            |m, c| { agir(m, c.s(1), Commande::Mandater, c.s(2)).await }
        ),
        etape!(
            Quand,
            mettre_en_paiement,
            motif = "{ACTEUR} met en paiement la pièce {PIECE}",
            exemple = "Quand la maîtrise d'ouvrage met en paiement la pièce A19",
            sens = "MISE_EN_PAIEMENT, datée du jour (D-PAIEMENT-1).",
            |m, c| { agir(m, c.s(1), Commande::MettreEnPaiement, c.s(2)).await }
        ),
        etape!(
            Quand,
            payer,
            motif = "{ACTEUR} paie la pièce {PIECE}",
            exemple = "Quand la maîtrise d'ouvrage paie la pièce A19",
            sens = "Service fait, mandatement et mise en paiement, dans l'ordre.",
            |m, c| {
                let login = m.login(c.s(1))?;
                let id = m.piece(c.s(2))?;
                for cmd in [Commande::ConstaterServiceFait(id), Commande::Mandater(id), Commande::MettreEnPaiement(id)] {
                    if m.executer(Some(&login), cmd).await.is_err() {
                        break;
                    }
                }
                Ok(())
            }
        ),
        etape!(
            Quand,
            rejeter,
            motif = r#"{ACTEUR} rejette la pièce {PIECE} : "([^"]*)""#,
            exemple = r#"Quand la maîtrise d'ouvrage rejette la pièce A19 : "doublon""#,
            sens = "REJETEE dans « Factures reçues » : le dossier est figé (D-PAIEMENT-1).",
            |m, c| {
                let motif = c.s(3).to_string();
                agir(m, c.s(1), |piece| Commande::Rejeter { piece, motif }, c.s(2)).await
            }
        ),
        etape!(
            Quand,
            contester,
            motif = "{ACTEUR} conteste la correction de montant de la pièce {PIECE}",
            exemple = "Quand le titulaire conteste la correction de montant de la pièce A15",
            sens = "Le titulaire conteste la correction de montant que porte la pièce, dans son délai de contestation (D-MONTANTS-2).",
            |m, c| { agir(m, c.s(1), |piece| Commande::ContesterMontant { piece, motif: "contestation".into() }, c.s(2)).await }
        ),
        etape!(
            Quand,
            ouvrir_espace,
            motif = r#"{ACTEUR} ouvre l'espace « Factures de travaux » de "([^"]+)""#,
            exemple = r#"Quand "Julie Bernard" ouvre l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            sens = "Un gestionnaire ouvre l'espace (fait §4.1).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let siret = m.siret_de(c.s(2))?;
                let _ = m.executer(Some(&login), Commande::OuvrirEspaceTravaux(siret)).await;
                Ok(())
            }
        ),
        etape!(
            Quand,
            habiliter,
            motif = r#"{ACTEUR} habilite "([^"]+)" sur l'espace « Factures de travaux » de "([^"]+)""#,
            exemple = r#"Quand "Julie Bernard" habilite "Léo Dupuis" sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            sens = "Un gestionnaire habilite un utilisateur (D-UTILISATEURS-2).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let cible = m.login(&format!("\"{}\"", c.s(2)))?;
                let siret = m.siret_de(c.s(3))?;
                let _ = m.executer(Some(&login), Commande::HabiliterTravaux { cible, siret }).await;
                Ok(())
            }
        ),
        etape!(
            Quand,
            parametrer_presence,
            motif = r#"{ACTEUR} paramètre "([^"]+)" en « ?(Structure sans MOA|Structure avec MOA|Structure exclusivement MOA) ?»"#,
            exemple = r#"Quand "Claire Martin" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »"#,
            sens = "Un gestionnaire choisit la « Présence MOA » (démonstration 1 du webinaire).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let siret = m.siret_de(c.s(2))?;
                let presence = PresenceMoa::parse(c.s(3)).ok_or_else(|| format!("présence MOA inconnue : {}", c.s(3)))?;
                // A step never goes on with defaults after an error: an unreadable structure fails
                // the step (or makes it indéterminé) instead of writing defaults back.
                let parametres =
                    m.plateforme.structure(siret).await.map_err(|e| EchecEtape::from(e).precede("lecture de la structure"))?.parametres;
                let _ = m.executer(Some(&login), Commande::ModifierParametres { siret, parametres, presence: Some(presence) }).await;
                Ok(())
            }
        ),
        etape!(
            Quand,
            cocher_parametre,
            motif = r#"{ACTEUR} coche « (.+) » pour "([^"]+)""#,
            exemple =
                r#"Quand "Claire Martin" coche « Le code service doit être renseigné par le fournisseur » pour "Ville de Villeurbanne""#,
            sens = "Un gestionnaire coche un paramètre de la structure (fait §4.1).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let siret = m.siret_de(c.s(3))?;
                let mut p =
                    m.plateforme.structure(siret).await.map_err(|e| EchecEtape::from(e).precede("lecture de la structure"))?.parametres;
                let label = c.s(2).replace('’', "'");
                match label.as_str() {
                    "Le code service doit être renseigné par le fournisseur" => p.code_service_doit_etre_renseigne = true,
                    "Le numéro d'engagement doit être renseigné par le fournisseur" => p.numero_ej_doit_etre_renseigne = true,
                    "Le numéro d'engagement ou le code service est obligatoire" => p.gestion_numero_ej_ou_code_service = true,
                    "L'entité peut recevoir des données via EDI" => p.recevoir_donnees_via_edi = true,
                    "Le statut de \"Mise en paiement\" n'est pas remonté au fournisseur" => {
                        p.statut_mise_en_paiement_nest_pas_remonte = true
                    }
                    autre => return Err(format!("paramètre inconnu : « {autre} »").into()),
                }
                let _ = m.executer(Some(&login), Commande::ModifierParametres { siret, parametres: p, presence: None }).await;
                Ok(())
            }
        ),
        etape!(
            Quand,
            sollicitation,
            motif = r#"{ACTEUR} dépose une sollicitation de transformation de "([^"]+)" avec (?:le compte PIGP de "([^"]+)"|les comptes PIGP de "([^"]+)" et "([^"]+)")"#,
            exemple = r#"Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Léa Morel""#,
            sens = "Sollicitation pour devenir structure publique « avec MOA » (D-MOAD-1), nommant un gestionnaire ou deux (« avec les comptes PIGP de \"A\" et \"B\" », principal puis secondaire, D-UTILISATEURS-4).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let siret = m.siret_de(c.s(2))?;
                let mut gestionnaires = Vec::new();
                for nom in [c.opt(3), c.opt(4), c.opt(5)].into_iter().flatten() {
                    gestionnaires.push(m.login(&format!("\"{nom}\""))?);
                }
                if let Ok(Reponse::Sollicitation(n)) =
                    m.executer(Some(&login), Commande::DeposerSollicitation { siret, gestionnaires }).await
                {
                    m.sollicitation = Some(n);
                }
                Ok(())
            }
        ),
        etape!(
            Quand,
            traiter_sollicitation,
            motif = "le support traite la sollicitation",
            exemple = "Quand le support traite la sollicitation",
            sens = "La sollicitation est traitée : la structure devient publique « avec MOA ».",
            |m, _c| {
                let n = m.sollicitation.ok_or("aucune sollicitation n'a été déposée")?;
                let _ = m.executer(None, Commande::TraiterSollicitation(n)).await;
                Ok(())
            }
        ),
        etape!(
            Quand,
            avenant_moe,
            motif = r#"un avenant désigne la maîtrise d'(?:œ|oe)uvre "([^"]+)""#,
            exemple = r#"Quand un avenant désigne la maîtrise d'œuvre "Ville de Villeurbanne""#,
            sens = "La fiche du marché change de MOE (D-REFUS-4).",
            |m, c| {
                let nom = c.s(1).to_string();
                let siret = m.siret_de(&nom)?;
                let acteur = Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true };
                let numero = m.marche.clone().ok_or("aucun marché")?;
                if let Some(x) = m.marches.get_mut(&numero) {
                    x.moe = Some(acteur.clone());
                }
                m.preparer(Commande::DesignerMoe { marche: numero, acteur: Box::new(acteur) }).await
            }
        ),
    ]
}
