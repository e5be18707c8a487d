//! The routing core (D-ROUTAGE): one pure function from a deposit to a decision or a refusal.
//!
//! It serves the in-process engine, the HTTP server and the load generator alike. It allocates
//! nothing on the accepted path and probes the directory at most three times.

use super::cadre::{CadreFacturation, RECUS_SANS_MOA, RoleMarche};
use super::calendrier::Date;
use super::defaut::Defaut;
use super::delais;
use super::marche::{Acteur, Marche};
use super::piece::Espace;
use super::refus::{CodeRefus as R, Refus};
use super::siret::{ErreurSiret, Siret};
use super::statut::Statut;
use super::structure::{Annuaire, PresenceMoa, Resume, Structure, StructureId};
use super::utilisateur::Utilisateur;

/// The dates of a dossier that the tacit procedure and the DG deadlines depend on
/// (D-DELAIS-3 to 6). The reference computes them from the dossier; routing only compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContexteDelais {
    /// A projet de décompte final was made available to the MOE (CE 11/07/2025 n°502377).
    pub decompte_final_recu_moe: bool,
    /// Last day for the MOA to notify the DG (D-DELAIS-3); `None` when the period never started.
    pub echeance_dg: Option<Date>,
    /// A DG (A20 or A18) was notified in this dossier, even late or irregular.
    pub dg_notifie: bool,
    /// Last day of the MOA's 10 days after the A22 (D-DELAIS-5).
    pub echeance_tacite: Option<Date>,
    /// Last day of the titulaire's 30 days to return the DG (D-DELAIS-6).
    pub echeance_signature: Option<Date>,
    /// The MOE's 7 days on a monthly projet de décompte have run out (D-DELAIS-2).
    pub delai_moe_expire: bool,
}

/// What routing needs to know of the previous piece of an association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VuePrecedente {
    /// Its cadre.
    pub cadre: CadreFacturation,
    /// Its current status.
    pub statut: Statut,
    /// Whether it already has a next piece (D-CHAINE-2).
    pub a_suivante: bool,
    /// Whether it waits for its next piece in the payer's « Factures reçues », where it went for
    /// want of an MOA (D-CHAINE-4).
    pub attend_suite_chez_le_payeur: bool,
    /// Whether the depositing structure may see it (D-UTILISATEURS-2).
    pub visible: bool,
    /// Whether it belongs to the same contract.
    pub meme_marche: bool,
    /// The dossier's deadlines.
    pub delais: ContexteDelais,
}

/// How the piece relates to earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Association {
    /// An initial deposit: it opens a dossier.
    Initiale,
    /// An association: it follows this piece.
    Suit(VuePrecedente),
    /// A recycled piece routed again: its chain was checked at deposit (D-REFUS-4).
    Recyclage,
}

/// A deposit to route.
#[derive(Debug, Clone, Copy)]
pub struct DemandeRoutage<'a> {
    /// The acting user.
    pub utilisateur: &'a Utilisateur,
    /// The depositing structure.
    pub deposant: StructureId,
    /// The cadre.
    pub cadre: CadreFacturation,
    /// The identity sheet, for travaux pieces.
    pub marche: Option<&'a Marche>,
    /// Initial, association or recycling.
    pub association: Association,
    /// `identifiantDestinataire` as typed.
    pub destinataire: &'a str,
    /// `codeServiceExecutant`.
    pub code_service: Option<&'a str>,
    /// `numeroBonCommande`.
    pub numero_engagement: Option<&'a str>,
    /// The MOE named on the piece (`None`: the sheet's).
    pub moe: Option<&'a str>,
    /// The MOA named on the piece (`None`: the sheet's).
    pub moa: Option<&'a str>,
    /// An injected fault (`serve --fault`); `None` in every normal use.
    pub defaut: Option<Defaut>,
}

/// An accepted routing decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRoutage {
    /// The destinataire (payer) structure.
    pub destinataire: StructureId,
    /// The destinataire's SIRET.
    pub siret_destinataire: Siret,
    /// The structure the piece now waits on.
    pub recipiendaire: StructureId,
    /// The role of that structure.
    pub role_recipiendaire: RoleMarche,
    /// For an A10: the MOE that receives it after the titulaire's validation.
    pub recipiendaire_suivant: Option<StructureId>,
    /// The space.
    pub espace: Espace,
    /// The status of the new piece.
    pub statut: Statut,
    /// The role the depositor played (`None` for a facture simple).
    pub role_deposant: Option<RoleMarche>,
    /// The MOE and MOA recorded on the piece.
    pub moe: Option<Siret>,
    /// The MOA recorded on the piece.
    pub moa: Option<Siret>,
}

/// Where a cadre's piece goes (D-CHAINE tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cible {
    Moe,
    Moa,
    Titulaire,
    Payeur,
}

fn cible(cadre: CadreFacturation, m: &Marche) -> Cible {
    use CadreFacturation as C;
    match cadre {
        C::A4 | C::A13 => Cible::Moe,
        // A10 goes first to the titulaire (D-SOUSTRAITANCE-1).
        C::A10 => Cible::Titulaire,
        C::A7 | C::A14 | C::A11 if m.moe_presente() => Cible::Moe,
        C::A7 | C::A14 | C::A11 | C::A15 | C::A5 | C::A17 | C::A22 => {
            // D-CHAINE-4: no MOA in Chorus Pro, the payer's « Factures reçues » receives them.
            if m.moa_presente() { Cible::Moa } else { Cible::Payeur }
        }
        // The titulaire signs the DG outside Chorus Pro when the sheet says it is absent: the DG
        // goes to the payer as the solde's payment request (D-CHAINE row A20; hypothèse
        // H-DG-SANS-TITULAIRE).
        C::A20 | C::A18 if m.titulaire_present() => Cible::Titulaire,
        _ => Cible::Payeur,
    }
}

/// The payer of a contract (D-ROUTAGE step 4): the MOA when it is « avec MOA », otherwise the
/// sheet's service financier; with no service financier, a « sans MOA » MOA pays itself, and an
/// « exclusivement MOA » one leaves the contract without a payer (`None`). `presence_moa` is the
/// MOA structure's « Présence MOA » when it may be an MOA at all (a public structure of the
/// directory).
pub fn payeur_du_marche(m: &Marche, presence_moa: Option<PresenceMoa>) -> Option<&Acteur> {
    match (presence_moa, &m.service_financier) {
        (Some(PresenceMoa::AvecMoa), _) => Some(&m.moa),
        (_, Some(sf)) => Some(sf),
        (Some(PresenceMoa::ExclusivementMoa), None) => None,
        (_, None) => Some(&m.moa),
    }
}

fn refus(code: R, message: String) -> Refus {
    Refus::new(code, message)
}

fn parse_siret_nomme(texte: &str) -> Option<Siret> {
    Siret::parse(texte.trim()).ok()
}

/// Routes a deposit (D-ROUTAGE). The checks run in the decision's order; the first failure is
/// the answer, with its own code and a French message.
pub fn router(d: &DemandeRoutage<'_>, annuaire: &Annuaire, date: Date) -> Result<DecisionRoutage, Refus> {
    let cadre = d.cadre;

    // 1. The user is attached to the depositing structure and, for travaux, authorised on its
    //    « Factures de travaux » space (D-UTILISATEURS-2). Authorisation first: an outsider learns
    //    nothing about other structures.
    let deposant = annuaire.get(d.deposant);
    let Some(rattachement) = d.utilisateur.rattachement(d.deposant) else {
        return Err(refus(
            R::UtilisateurNonRattache,
            format!("l'utilisateur {} n'est pas rattaché à la structure {}", d.utilisateur.login, deposant.siret),
        ));
    };
    if cadre.est_travaux() {
        if !deposant.espace_travaux {
            return Err(refus(
                R::EspaceTravauxFerme,
                format!("la structure {} n'a pas ouvert son espace « Factures de travaux »", deposant.siret),
            ));
        }
        if !rattachement.habilite_travaux {
            return Err(refus(
                R::EspaceTravauxNonHabilite,
                format!(
                    "l'utilisateur {} n'est pas habilité sur l'espace « Factures de travaux » de la structure {}",
                    d.utilisateur.login, deposant.siret
                ),
            ));
        }
    }

    // 2. The cadre is in scope, the depositor may deposit it under this sheet, and the chain is
    //    one D-CHAINE allows.
    if cadre.hors_perimetre() {
        return Err(refus(
            R::CadreHorsPerimetre,
            format!("le cadre {} est hors du périmètre des factures de travaux (D-CADRES-1)", cadre.court()),
        ));
    }
    let role_deposant = match d.marche {
        Some(m) if cadre.est_travaux() => Some(verifier_role(cadre, m, deposant)?),
        None if cadre.est_travaux() => {
            return Err(refus(R::MarcheRequis, format!("le cadre {} exige le numéro d'un marché et sa fiche d'identité", cadre.court())));
        }
        _ => {
            verifier_facture_simple(cadre, d.marche, deposant)?;
            None
        }
    };
    verifier_association(d, date)?;

    // 3. The destinataire's SIRET: 14 digits, Luhn key, in the directory, active.
    let analyse = match d.defaut {
        Some(Defaut::LuhnIgnore) => Siret::parse_sans_cle(d.destinataire),
        _ => Siret::parse(d.destinataire),
    };
    let siret_destinataire = match analyse {
        Ok(s) => s,
        Err(ErreurSiret::Format) => {
            return Err(refus(
                R::SiretFormatInvalide,
                format!("le SIRET destinataire « {} » ne compte pas exactement 14 chiffres", d.destinataire),
            ));
        }
        Err(ErreurSiret::Cle) => {
            return Err(refus(R::SiretCleInvalide, format!("la clé de contrôle du SIRET destinataire {} est fausse", d.destinataire)));
        }
    };
    let Some((id_destinataire, destinataire)) = annuaire.resume(siret_destinataire) else {
        return Err(refus(R::DestinataireInconnu, format!("aucune structure de SIRET {siret_destinataire} dans l'annuaire")));
    };
    if !destinataire.active() {
        return Err(refus(R::DestinataireInactif, format!("la structure {siret_destinataire} est inactive")));
    }

    // 4. The next actor exists and may receive the piece.
    let (recipiendaire, role_recipiendaire, recipiendaire_suivant, espace, statut, moe, moa) = match (d.marche, role_deposant) {
        (Some(m), Some(_)) => {
            let r = prochain_acteur(d, m, annuaire, (id_destinataire, siret_destinataire, destinataire))?;
            (r.recipiendaire, r.role, r.suivant, r.espace, r.statut, r.moe, r.moa)
        }
        _ => {
            // A facture simple goes to the destinataire's « Factures reçues ».
            verifier_reception_paiement(cadre, siret_destinataire, destinataire, d.defaut)?;
            (id_destinataire, RoleMarche::ServiceFinancier, None, Espace::FacturesRecues, Statut::MiseADisposition, None, None)
        }
    };

    // 5. Code service.
    let service = match d.code_service {
        None if destinataire.code_service_requis() => {
            return Err(refus(R::CodeServiceManquant, format!("la structure {siret_destinataire} exige un code service")));
        }
        None => None,
        Some(code) => {
            let Some(service) = annuaire.get(id_destinataire).service(code) else {
                return Err(refus(
                    R::CodeServiceInconnu,
                    format!("le service « {code} » n'existe pas dans la structure {siret_destinataire}"),
                ));
            };
            if !service.actif {
                return Err(refus(R::ServiceInactif, format!("le service « {code} » de la structure {siret_destinataire} est inactif")));
            }
            Some(service)
        }
    };

    // 6. Numéro d'engagement.
    if d.numero_engagement.is_none() {
        if destinataire.engagement_requis() || service.is_some_and(|s| s.engagement_requis) {
            return Err(refus(R::EngagementManquant, format!("la structure {siret_destinataire} exige un numéro d'engagement")));
        }
        if destinataire.engagement_ou_service() && d.code_service.is_none() {
            return Err(refus(
                R::EngagementOuServiceManquant,
                format!("la structure {siret_destinataire} exige un numéro d'engagement ou un code service"),
            ));
        }
    }

    // 7. The space follows from the recipient.
    Ok(DecisionRoutage {
        destinataire: id_destinataire,
        siret_destinataire,
        recipiendaire,
        role_recipiendaire,
        recipiendaire_suivant,
        espace,
        statut,
        role_deposant,
        moe,
        moa,
    })
}

/// D-ROUTAGE step 2, D-CHAINE-5: the depositor's role and the sheet's conditions.
fn verifier_role(cadre: CadreFacturation, m: &Marche, deposant: &Structure) -> Result<RoleMarche, Refus> {
    use CadreFacturation as C;
    let role = cadre.deposant().unwrap_or(RoleMarche::Titulaire);
    // D-CHAINE-6: the cadre names the depositor's own role; a substitute deposits its own cadres.
    let roles = m.roles_propres(deposant.siret);
    if !roles.contient(role) {
        return Err(refus(
            R::RoleNonAutorise,
            format!(
                "la structure {} n'est pas {} du marché {} : elle ne peut pas déposer le cadre {}",
                deposant.siret,
                role.libelle(),
                m.numero,
                cadre.court()
            ),
        ));
    }
    let condition = match cadre {
        C::A16 if m.moa_presente() => {
            Some("l'état d'acompte validé de la MOE (A16) n'est possible que si la fiche ne désigne aucune MOA dans Chorus Pro")
        }
        C::A5 if m.moe_presente() => {
            Some("l'état d'acompte du titulaire (A5) n'est possible que si la fiche ne désigne aucune MOE dans Chorus Pro")
        }
        C::A6 if m.moe_presente() || m.moa_presente() => {
            Some("l'état d'acompte validé du titulaire (A6) n'est possible que si la fiche ne désigne ni MOE ni MOA dans Chorus Pro")
        }
        C::A18 if !m.substitue(RoleMarche::Moe, RoleMarche::Moa) => {
            Some("le décompte général de la MOE (A18) exige que la fiche autorise la MOE à agir pour la MOA")
        }
        _ => None,
    };
    if let Some(message) = condition {
        return Err(refus(R::RoleNonAutorise, message.to_string()));
    }
    verifier_present(m, role, deposant.siret)?;
    Ok(role)
}

/// D-CHAINE-7: an actor the identity sheet declares absent from Chorus Pro does not act there.
pub fn verifier_present(m: &Marche, role: RoleMarche, siret: Siret) -> Result<(), Refus> {
    if m.present(role, siret) {
        return Ok(());
    }
    Err(refus(
        R::ActeurAbsentDeChorusPro,
        format!(
            "la fiche du marché {} déclare que {} ({siret}) n'est pas dans Chorus Pro : elle n'y agit pas tant que la fiche ne dit pas qu'elle l'a rejoint",
            m.numero,
            role.libelle()
        ),
    ))
}

/// D-CHAINE-6: a facture simple's cadre names its depositor (A9 the sous-traitant, A12 the
/// cotraitant), a role of the contract it names.
fn verifier_facture_simple(cadre: CadreFacturation, m: Option<&Marche>, deposant: &Structure) -> Result<(), Refus> {
    let Some(role) = cadre.deposant_facture_simple() else { return Ok(()) };
    let Some(m) = m else {
        return Err(refus(
            R::MarcheRequis,
            format!("la {} ({}) nomme le marché dont le déposant est {}", cadre.piece(), cadre.court(), role.libelle()),
        ));
    };
    if !m.roles_propres(deposant.siret).contient(role) {
        return Err(refus(
            R::RoleNonAutorise,
            format!(
                "la structure {} n'est pas {} du marché {} : elle ne dépose pas de {}",
                deposant.siret,
                role.libelle(),
                m.numero,
                cadre.piece()
            ),
        ));
    }
    verifier_present(m, role, deposant.siret)
}

fn liste_cadres(cadres: &[CadreFacturation]) -> String {
    cadres.iter().map(|c| c.court()).collect::<Vec<_>>().join(", ")
}

/// D-ROUTAGE step 2, D-CHAINE, D-DELAIS-2 to 6: the chain and its deadlines.
fn verifier_association(d: &DemandeRoutage<'_>, date: Date) -> Result<(), Refus> {
    use CadreFacturation as C;
    let cadre = d.cadre;
    let p = match d.association {
        Association::Recyclage => return Ok(()),
        Association::Initiale => {
            let titulaire_absent = d.marche.is_some_and(|m| !m.titulaire_present());
            let permis = match cadre {
                C::A19 | C::A20 => titulaire_absent,
                c => c.peut_etre_initial(),
            };
            if permis {
                return Ok(());
            }
            let attendus = cadre.peut_suivre();
            return Err(refus(
                R::PiecePrecedenteRequise,
                format!("le cadre {} se dépose en association avec une pièce {}", cadre.court(), liste_cadres(attendus)),
            ));
        }
        Association::Suit(p) => p,
    };
    // REQ-ACCES-01: a piece the depositor's structure cannot see is, to it, no piece at all.
    let visible = p.visible || d.defaut == Some(Defaut::AssociationPieceInvisible);
    if !visible || !p.meme_marche {
        return Err(refus(R::PiecePrecedenteInconnue, "la pièce précédente est inconnue pour cette structure".to_string()));
    }
    let attendus = cadre.peut_suivre();
    let sans_moe = d.marche.is_some_and(|m| !m.moe_presente());
    let admis = attendus.contains(&p.cadre)
        && match (cadre, p.cadre) {
            // D-CHAINE: the MOA's DG follows a projet de décompte final only without an MOE.
            (C::A20, C::A7 | C::A14 | C::A11) => sans_moe,
            _ => true,
        };
    if !admis {
        return Err(refus(
            R::EnchainementInterdit,
            format!(
                "le cadre {} ne peut pas suivre le cadre {} ; pièces attendues : {}",
                cadre.court(),
                p.cadre.court(),
                if attendus.is_empty() { "aucune (dépôt initial)".to_string() } else { liste_cadres(attendus) }
            ),
        ));
    }
    let t = p.delais;
    // Fact base §2.3: once a DG is notified, even late or irregular, no tacit procedure (checked
    // before the chain, so that the titulaire learns why).
    if cadre == C::A22 && t.dg_notifie {
        return Err(refus(
            R::A22ApresDecompteGeneral,
            "un décompte général a été notifié : la procédure tacite n'est plus ouverte".to_string(),
        ));
    }
    if p.a_suivante {
        return Err(refus(R::PieceDejaSuivie, format!("la pièce précédente ({}) a déjà une pièce suivante", p.cadre.court())));
    }
    // D-DELAIS-6: past the titulaire's delay the DG was deemed accepted; the A8 comes too late.
    if cadre == C::A8 && t.echeance_signature.is_some_and(|e| date > e) {
        return Err(refus(
            R::SignatureHorsDelai,
            format!(
                "le délai de {} pour retourner le décompte général a expiré le {} : il est réputé accepté",
                delais::jours(delais::SIGNATURE),
                t.echeance_signature.map(|e| e.en_francais()).unwrap_or_default()
            ),
        ));
    }
    // A DGD tacite may follow an A22 the MOA refused (fact base §2.3: the refusal does not
    // interrupt the 10 days); a piece at the payer for want of an MOA waits for its next piece
    // (D-CHAINE-4).
    let ouvert = (d.defaut == Some(Defaut::CircuitRefuseOuvert) && p.statut.est_final())
        || p.attend_suite_chez_le_payeur
        || (cadre.est_dgd_tacite() && p.cadre == C::A22 && p.statut == Statut::RefuseeMoa);
    if !p.statut.attend_suite() && !ouvert {
        return Err(refus(
            R::PiecePrecedenteNonDisponible,
            format!("la pièce précédente est au statut {} : elle n'attend pas de pièce suivante", p.statut.libelle_portail()),
        ));
    }
    // D-DELAIS-2: the MOA's A19 may follow a projet de décompte only once the MOE's delay ran out.
    if cadre == C::A19 && p.cadre.est_projet_mensuel() && !t.delai_moe_expire && d.marche.is_some_and(|m| m.moe_presente()) {
        return Err(refus(
            R::DelaiMoeEnCours,
            format!("la MOE dispose encore de son délai de {} sur ce projet de décompte", delais::jours(delais::MOE)),
        ));
    }
    match cadre {
        C::A22 => {
            // D-DELAIS-4; CCAG-Travaux 2021 art. 12.4.4; fact base §2.3 guards.
            if !t.decompte_final_recu_moe {
                return Err(refus(
                    R::A22SansDecompteFinal,
                    "aucun projet de décompte final n'a été transmis à la maîtrise d'œuvre (CE 11/07/2025 n°502377)".to_string(),
                ));
            }
            match t.echeance_dg {
                None => {
                    return Err(refus(
                        R::A22SansDecompteFinal,
                        "le projet de décompte final a été transmis avant la réception (ou la levée des réserves) : le délai de notification du décompte général n'a pas commencé".to_string(),
                    ));
                }
                Some(e) if date <= e && d.defaut != Some(Defaut::A22Prematuree) => {
                    return Err(refus(
                        R::A22Prematuree,
                        format!(
                            "le délai de notification du décompte général court jusqu'au {} : l'A22 est possible à partir du {}",
                            e.en_francais(),
                            e.lendemain().en_francais()
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        C::A23 | C::A24 | C::A25 => {
            // D-DELAIS-5: the MOA's 10 days must have run out.
            if let Some(e) = t.echeance_tacite
                && date <= e
            {
                return Err(refus(
                    R::DgdTacitePremature,
                    format!(
                        "la maîtrise d'ouvrage a jusqu'au {} pour notifier le décompte général : le DGD tacite est possible à partir du {}",
                        e.en_francais(),
                        e.lendemain().en_francais()
                    ),
                ));
            }
        }
        C::A20 | C::A18 if p.cadre == C::A22 => {
            // D-DELAIS-5: a DG notified after the 10 days is refused.
            if let Some(e) = t.echeance_tacite
                && date > e
            {
                return Err(refus(
                    R::DecompteGeneralHorsDelai,
                    format!(
                        "le délai de {} pour notifier le décompte général a expiré le {}",
                        delais::jours(delais::TACITE),
                        e.en_francais()
                    ),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

struct Prochain {
    recipiendaire: StructureId,
    role: RoleMarche,
    suivant: Option<StructureId>,
    espace: Espace,
    statut: Statut,
    moe: Option<Siret>,
    moa: Option<Siret>,
}

/// D-ROUTAGE step 4 for travaux pieces.
fn prochain_acteur(
    d: &DemandeRoutage<'_>,
    m: &Marche,
    annuaire: &Annuaire,
    (id_destinataire, siret_destinataire, destinataire): (StructureId, Siret, Resume),
) -> Result<Prochain, Refus> {
    // The MOE and MOA named on the piece match the sheet.
    let moe = match (d.moe, &m.moe) {
        (None, sheet) => sheet.as_ref().map(|a| a.siret),
        (Some(texte), Some(a)) if parse_siret_nomme(texte) == Some(a.siret) => Some(a.siret),
        (Some(texte), _) => {
            return Err(refus(R::MauvaiseMoe, format!("la maîtrise d'œuvre {texte} n'est pas celle du marché {}", m.numero)));
        }
    };
    let moa = match d.moa {
        None => m.moa.siret,
        Some(texte) if parse_siret_nomme(texte) == Some(m.moa.siret) => m.moa.siret,
        Some(texte) => {
            return Err(refus(R::MauvaiseMoa, format!("la maîtrise d'ouvrage {texte} n'est pas celle du marché {}", m.numero)));
        }
    };

    // The payer. One probe at most: in the common case the MOA is the destinataire itself.
    let moa_structure = if siret_destinataire == moa { Some((id_destinataire, destinataire)) } else { annuaire.resume(moa) };
    let presence = moa_structure.filter(|(_, s)| s.peut_etre_moa()).map(|(_, s)| match d.defaut {
        Some(Defaut::PresenceMoaIgnoree) => PresenceMoa::AvecMoa,
        _ => s.presence_moa(),
    });
    let Some(payeur) = payeur_du_marche(m, presence).map(|a| a.siret) else {
        return Err(refus(
            R::PayeurAbsent,
            format!(
                "le marché {} n'a pas de payeur : sa maîtrise d'ouvrage {moa} est « exclusivement MOA » et la fiche ne désigne aucun service financier",
                m.numero
            ),
        ));
    };
    if siret_destinataire != payeur {
        return Err(refus(
            R::DestinataireNonPayeur,
            format!("le destinataire {siret_destinataire} n'est pas le payeur du marché {} : {payeur}", m.numero),
        ));
    }

    let sortie = |recipiendaire, role, espace, statut| Prochain { recipiendaire, role, suivant: None, espace, statut, moe, moa: Some(moa) };
    match cible(d.cadre, m) {
        Cible::Moe => {
            let id = structure_travaux(annuaire, moe, RoleMarche::Moe, m, d.cadre)?;
            Ok(sortie(id, RoleMarche::Moe, Espace::FacturesTravaux, Statut::MiseADispositionMoe))
        }
        Cible::Moa => {
            let Some((id, s)) = moa_structure else {
                return Err(refus(R::MoaNonHabilitee, format!("la maîtrise d'ouvrage {moa} n'est pas dans l'annuaire")));
            };
            if !s.peut_etre_moa() || !s.active() {
                return Err(refus(
                    R::MoaNonHabilitee,
                    format!(
                        "la structure {moa} ne peut pas recevoir de pièce en tant que MOA : seule une structure publique « avec MOA » ou « exclusivement MOA » le peut"
                    ),
                ));
            }
            Ok(sortie(id, RoleMarche::Moa, Espace::FacturesTravaux, Statut::MiseADispositionMoa))
        }
        Cible::Titulaire => {
            let id = structure_travaux(annuaire, Some(m.titulaire.siret), RoleMarche::Titulaire, m, d.cadre)?;
            if d.cadre == CadreFacturation::A10 {
                // D-SOUSTRAITANCE-1: the titulaire validates first, then the MOE receives it.
                let suivant = if m.moe_presente() {
                    Some(structure_travaux(annuaire, moe, RoleMarche::Moe, m, d.cadre)?)
                } else if m.moa_presente() {
                    moa_structure.map(|(i, _)| i)
                } else {
                    // Neither MOE nor MOA in Chorus Pro: once the titulaire has answered, the A10
                    // goes to the payer's « Factures reçues » (D-CHAINE-4; A10 is among the cadres a
                    // « sans MOA » structure receives, fact base §4.1).
                    verifier_reception_paiement(d.cadre, siret_destinataire, destinataire, d.defaut)?;
                    Some(id_destinataire)
                };
                return Ok(Prochain { suivant, ..sortie(id, RoleMarche::Titulaire, Espace::FacturesTravaux, Statut::AValider1) });
            }
            Ok(sortie(id, RoleMarche::Titulaire, Espace::FacturesTravaux, Statut::MiseADispositionFournisseur))
        }
        Cible::Payeur => {
            verifier_reception_paiement(d.cadre, siret_destinataire, destinataire, d.defaut)?;
            Ok(sortie(id_destinataire, RoleMarche::ServiceFinancier, Espace::FacturesRecues, Statut::MiseADisposition))
        }
    }
}

/// The MOE or titulaire that receives a piece in « Factures de travaux ».
fn structure_travaux(
    annuaire: &Annuaire,
    siret: Option<Siret>,
    role: RoleMarche,
    m: &Marche,
    cadre: CadreFacturation,
) -> Result<StructureId, Refus> {
    let present = match role {
        RoleMarche::Moe => m.moe_presente(),
        _ => m.titulaire_present(),
    };
    let trouve = siret.filter(|_| present).and_then(|s| annuaire.resume(s));
    match trouve {
        Some((id, s)) if s.active() => Ok(id),
        _ if role == RoleMarche::Titulaire => Err(refus(
            R::ActeurAbsentDeChorusPro,
            format!(
                "le titulaire du marché {} n'est pas dans Chorus Pro (ou y est inactif) : il ne reçoit pas le cadre {}",
                m.numero,
                cadre.court()
            ),
        )),
        _ => Err(refus(
            R::MoeAbsente,
            match (role, cadre) {
                (RoleMarche::Moe, CadreFacturation::A4 | CadreFacturation::A13) => format!(
                    "le marché {} ne désigne aucune maîtrise d'œuvre active dans Chorus Pro : le titulaire dépose un état d'acompte (A5)",
                    m.numero
                ),
                _ => format!("le marché {} ne désigne aucune {} active dans Chorus Pro", m.numero, role.libelle()),
            },
        )),
    }
}

/// D-ROUTAGE step 4: what a structure accepts in « Factures reçues » (fact base §4.1 [S]).
fn verifier_reception_paiement(cadre: CadreFacturation, siret: Siret, destinataire: Resume, defaut: Option<Defaut>) -> Result<(), Refus> {
    if defaut == Some(Defaut::PresenceMoaIgnoree) {
        return Ok(());
    }
    if !destinataire.publique() && defaut != Some(Defaut::PaiementStructurePrivee) {
        // Hypothèse: only public structures receive invoices (a MOAD must first become public,
        // D-MOAD-1).
        return Err(refus(R::DestinataireNonPublic, format!("la structure {siret} est privée : elle ne reçoit pas de factures")));
    }
    match destinataire.presence_moa() {
        PresenceMoa::ExclusivementMoa => Err(refus(
            R::DestinataireExclusivementMoa,
            format!("la structure {siret} est « exclusivement MOA » : elle ne reçoit ni facture simple ni demande de paiement"),
        )),
        PresenceMoa::SansMoa if cadre.est_travaux() && !RECUS_SANS_MOA.contains(&cadre) => Err(refus(
            R::CadreNonRecuSansMoa,
            format!(
                "la structure {siret} est « sans MOA » : elle ne reçoit le cadre {} que par l'intermédiaire de la MOE ou de la MOA",
                cadre.court()
            ),
        )),
        _ => Ok(()),
    }
}
