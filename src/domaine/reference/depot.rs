//! Deposits (`soumettreFactureTravaux`): the routing decision (D-ROUTAGE), the checks that come
//! after it (amounts, appels de fonds), the piece recorded in its dossier, its previous piece
//! linked (D-CHAINE), and what a new piece does to its dossier (D-DELAIS-6, D-DELAIS-7).

use super::{Reference, changer_statut};
use crate::domaine::cadre::{CadreFacturation, Phase};
use crate::domaine::calendrier::Date;
use crate::domaine::defaut::Defaut;
use crate::domaine::marche::{Acteur, Marche};
use crate::domaine::montant::{ErreurMontants, MONTANT_MAXIMUM, Montants, format_euros};
use crate::domaine::piece::{Dossier, DossierId, EntreeHistorique, Espace, NatureDgd, Piece, PieceId, Reserves};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::routage::{Association, DemandeRoutage, VuePrecedente, payeur_du_marche, router};
use crate::domaine::siret::Siret;
use crate::domaine::statut::Statut;
use crate::domaine::structure::StructureId;
use crate::domaine::utilisateur::Utilisateur;

/// A deposit (`soumettre`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Depot {
    /// The cadre.
    pub cadre: CadreFacturation,
    /// The contract number (travaux pieces, appels de fonds).
    pub marche: Option<String>,
    /// The previous piece, for an association.
    pub precedente: Option<PieceId>,
    /// The depositor's piece number; generated when absent.
    pub numero: Option<String>,
    /// The depositing structure, when the user is attached to several.
    pub structure_deposante: Option<Siret>,
    /// `identifiantDestinataire`; the sheet's payer when absent.
    pub destinataire: Option<String>,
    /// `codeServiceExecutant`; the sheet's when absent.
    pub code_service: Option<String>,
    /// `numeroBonCommande`; the sheet's when absent.
    pub numero_engagement: Option<String>,
    /// The MOE named on the piece; the sheet's when absent.
    pub moe: Option<String>,
    /// The MOA named on the piece; the sheet's when absent.
    pub moa: Option<String>,
    /// Amounts.
    pub montants: Montants,
    /// Réserves, on an A8.
    pub reserves: Option<Reserves>,
    /// Whether this facture simple is a MOAD's appel de fonds (D-MOAD-3).
    pub appel_de_fonds: bool,
    /// `codeServiceFournisseur`: the depositor's service the piece leaves from; for an appel de
    /// fonds, its factures-simples service when absent (D-MOAD-3).
    pub service_deposant: Option<String>,
}

impl Depot {
    /// A deposit of `cadre` under contract `marche`, every routing field from the sheet.
    pub fn nouveau(cadre: CadreFacturation, marche: Option<&str>, montants: Montants) -> Depot {
        Depot {
            cadre,
            marche: marche.map(str::to_string),
            precedente: None,
            numero: None,
            structure_deposante: None,
            destinataire: None,
            code_service: None,
            numero_engagement: None,
            moe: None,
            moa: None,
            montants,
            reserves: None,
            appel_de_fonds: false,
            service_deposant: None,
        }
    }

    /// The same deposit, following `precedente`.
    pub fn suit(mut self, precedente: PieceId) -> Depot {
        self.precedente = Some(precedente);
        self
    }
}

impl Reference {
    /// The structure a user acts for: the one named, or the only one of its structures that
    /// takes part in the contract (or, without a contract, its only structure).
    fn structure_agissante(&self, u: &Utilisateur, nommee: Option<Siret>, marche: Option<&Marche>) -> Result<StructureId, Refus> {
        if let Some(siret) = nommee {
            return self.structure_par_siret(siret);
        }
        let candidates: Vec<StructureId> = u
            .rattachements
            .iter()
            .map(|r| r.structure)
            .filter(|id| marche.is_none_or(|m| m.est_partie(self.annuaire.get(*id).siret)))
            .collect();
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => match u.rattachements.first() {
                // Routing then answers with the precise refusal (role, attachment).
                Some(r) => Ok(r.structure),
                None => Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {} n'est rattaché à aucune structure", u.login))),
            },
            _ => Err(Refus::new(
                R::StructureDeposanteAmbigue,
                format!("l'utilisateur {} est rattaché à plusieurs structures du marché : précisez laquelle dépose", u.login),
            )),
        }
    }

    fn vue_precedente(&self, p: &Piece, deposant: StructureId, marche: Option<&str>) -> VuePrecedente {
        let mut delais = self.contexte_delais(p.dossier);
        delais.delai_moe_expire = p.statut == Statut::AbsenceValidationMoeDelaiReglementaire;
        VuePrecedente {
            cadre: p.cadre,
            statut: p.statut,
            a_suivante: p.suivante.is_some(),
            attend_suite_chez_le_payeur: p.attend_suite_chez_le_payeur(),
            visible: self.visible_par(p, deposant),
            meme_marche: p.marche.as_deref() == marche,
            delais,
        }
    }

    /// The sheet's payer actor (D-ROUTAGE step 4, [`payeur_du_marche`]); `None` when the
    /// contract has none.
    pub fn payeur<'m>(&self, m: &'m Marche) -> Option<&'m Acteur> {
        let presence = self.annuaire.par_siret(m.moa.siret).filter(|(_, s)| s.peut_etre_moa()).map(|(_, s)| s.presence_moa());
        payeur_du_marche(m, presence)
    }

    /// Deposits a piece (`soumettreFactureTravaux`): routes it, records it, links it, notifies.
    pub fn deposer(&mut self, login: &str, depot: &Depot) -> Result<PieceId, Refus> {
        let u = self.acteur(login)?;
        // D-ROUTAGE: authorisation first, so that an outsider learns nothing of contracts or
        // pieces (routing checks the attachment again, with the travaux space).
        let rattache = match depot.structure_deposante {
            Some(siret) => self.annuaire.chercher(siret).is_some_and(|id| u.rattachement(id).is_some()),
            None => !u.rattachements.is_empty(),
        };
        if !rattache {
            return Err(Refus::new(
                R::UtilisateurNonRattache,
                format!("l'utilisateur {login} n'est pas rattaché à la structure qui dépose"),
            ));
        }
        let marche = match &depot.marche {
            Some(n) => Some(self.marche_requis(n)?),
            None => None,
        };
        let deposant = self.structure_agissante(u, depot.structure_deposante, marche)?;
        let precedente = match depot.precedente {
            Some(id) => {
                let p = self
                    .piece(id)
                    .ok_or_else(|| Refus::new(R::PiecePrecedenteInconnue, "la pièce précédente est inconnue pour cette structure"))?;
                Some(p.clone())
            }
            None => None,
        };
        let association = match &precedente {
            Some(p) => Association::Suit(self.vue_precedente(p, deposant, depot.marche.as_deref())),
            None => Association::Initiale,
        };
        // With no payer the sheet's MOA stands in, and routing refuses with `PAYEUR_ABSENT`.
        let payeur = marche.map(|m| self.payeur(m).unwrap_or(&m.moa));
        let destinataire = depot.destinataire.clone().or_else(|| payeur.map(|a| a.siret.to_string())).unwrap_or_default();
        let defaut_payeur = depot.destinataire.is_none();
        // A field left out takes the sheet's value; a field given empty stays blank.
        let renseigne = |v: &Option<String>, defaut: Option<String>| match v {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.clone()),
            None => defaut,
        };
        let code_service = renseigne(&depot.code_service, payeur.filter(|_| defaut_payeur).and_then(|a| a.code_service.clone()));
        let numero_engagement =
            renseigne(&depot.numero_engagement, payeur.filter(|_| defaut_payeur).and_then(|a| a.numero_engagement.clone()));
        let demande = DemandeRoutage {
            utilisateur: u,
            deposant,
            cadre: depot.cadre,
            marche,
            association,
            destinataire: &destinataire,
            code_service: code_service.as_deref(),
            numero_engagement: numero_engagement.as_deref(),
            moe: depot.moe.as_deref(),
            moa: depot.moa.as_deref(),
            defaut: self.defaut,
        };
        let decision = router(&demande, &self.annuaire, self.date)?;
        match depot.montants.verifier() {
            Ok(()) => {}
            Err(ErreurMontants::HorsLimites) => {
                return Err(Refus::new(
                    R::MontantHorsLimites,
                    format!("un montant dépasse le maximum admis, {} en valeur absolue (D-MONTANTS-1)", format_euros(MONTANT_MAXIMUM)),
                ));
            }
            Err(_) => {
                return Err(Refus::new(
                    R::MontantsIncoherents,
                    "les montants sont incohérents : HT + TVA doit égaler TTC, et le montant à payer ne peut dépasser le TTC",
                ));
            }
        }
        if depot.appel_de_fonds {
            self.verifier_appel_de_fonds(depot, deposant, decision.siret_destinataire)?;
        }
        let service_deposant = self.service_deposant(depot, deposant, marche)?;
        let login = u.login.clone();
        // D-REFUS-7: a number the depositing structure already used this calendar year is
        // refused; a generated number never collides.
        let id = PieceId(self.pieces.len() as u32 + 1);
        let deja = self.numeros.get(&(deposant, self.date.annee()));
        let numero = match &depot.numero {
            Some(n) if deja.is_some_and(|d| d.contains(n)) => {
                return Err(Refus::new(
                    R::NumeroDejaUtilise,
                    format!(
                        "la structure a déjà déposé une pièce numérotée « {n} » en {} : chaque pièce a son propre numéro",
                        self.date.annee()
                    ),
                ));
            }
            Some(n) => n.clone(),
            None => {
                let base = format!("{}-{:06}", depot.cadre.court(), id.0);
                let mut n = base.clone();
                let mut i = 1;
                while deja.is_some_and(|d| d.contains(&n)) {
                    n = format!("{base}-{i}");
                    i += 1;
                }
                n
            }
        };
        self.numeros.entry((deposant, self.date.annee())).or_default().insert(numero.clone());

        // Record.
        let dossier = match &precedente {
            Some(p) => p.dossier,
            None => {
                let did = DossierId(self.dossiers.len() as u32);
                self.dossiers.push(Dossier {
                    id: did,
                    marche: depot.marche.clone(),
                    pieces: Vec::new(),
                    evenements: Vec::new(),
                    debut_delai_paiement: None,
                    dgd: None,
                    dg_conteste: false,
                });
                did
            }
        };
        let ecart = precedente.as_ref().map(|p| depot.montants.ecart_avec(&p.montants)).filter(|e| !e.est_nul());
        let piece = Piece {
            id,
            numero,
            cadre: depot.cadre,
            dossier,
            marche: depot.marche.clone(),
            deposant,
            role_deposant: decision.role_deposant,
            depose_par: login.clone(),
            date_depot: self.date,
            destinataire: decision.siret_destinataire,
            code_service,
            numero_engagement,
            moe: decision.moe,
            moa: decision.moa,
            montants: if self.defaut == Some(Defaut::MontantAPayerIgnore) {
                Montants { a_payer: depot.montants.ttc, ..depot.montants.clone() }
            } else {
                depot.montants.clone()
            },
            ecart,
            precedente: depot.precedente,
            suivante: None,
            recipiendaire: decision.recipiendaire,
            recipiendaire_suivant: decision.recipiendaire_suivant,
            espace: decision.espace,
            statut: decision.statut,
            mise_a_disposition: self.date,
            historique: vec![EntreeHistorique {
                statut: decision.statut,
                date: self.date,
                utilisateur: login.clone(),
                commentaire: "dépôt".into(),
            }],
            refus: None,
            statut_avant: None,
            suspensions: Vec::new(),
            telechargee: false,
            montant_accepte: None,
            reserves: depot.reserves.clone(),
            debut_delai_paiement: None,
            date_mise_en_paiement: None,
            appel_de_fonds: depot.appel_de_fonds,
            service_deposant,
            ecart_conteste: false,
            ecart_accepte: false,
        };
        if super::calendrier::sous_echeance(&piece) {
            self.sous_echeance.insert(id.0);
        }
        self.pieces.push(piece);
        self.dossiers[dossier.0 as usize].pieces.push(id);
        if depot.cadre.est_projet_final()
            && let Some(n) = &depot.marche
        {
            self.premiers_projets_finaux.entry(n.clone()).or_insert(self.date);
        }

        // Link the previous piece (D-CHAINE, D-CHAINE-3).
        if let Some(pid) = depot.precedente {
            let vers = if depot.cadre == CadreFacturation::A22 { Statut::RemplaceeParA22 } else { Statut::Associee };
            let date = self.date;
            let prev = self.pc_mut(pid);
            prev.suivante = Some(id);
            // A DGD tacite may follow an A22 the MOA refused (fact base §2.3: a refusal does not
            // interrupt the tacit delay): that A22 keeps its status, only the link is recorded.
            // A piece at the payer for want of an MOA becomes ASSOCIEE like any other, and can
            // no longer be paid (D-CHAINE-4).
            if prev.statut.attend_suite() || prev.statut == Statut::ARecycler || prev.attend_suite_chez_le_payeur() {
                changer_statut(prev, vers, date, &login, &format!("suivie par {} {}", depot.cadre.court(), id));
            }
        }

        // Dossier-level effects.
        self.effets_depot(id);
        self.notifier_depot(id);
        Ok(id)
    }

    /// The depositor's service a piece leaves from (`codeServiceFournisseur`): the one named,
    /// which must exist and be active; for an appel de fonds with none named, the MOAD's first
    /// active service other than the sheet's travaux service (D-MOAD-2/3: it sends appels de fonds
    /// from its factures-simples service; hypothèse H-SERVICE-APPEL-DE-FONDS).
    fn service_deposant(&self, depot: &Depot, deposant: StructureId, marche: Option<&Marche>) -> Result<Option<String>, Refus> {
        let structure = self.annuaire.get(deposant);
        match depot.service_deposant.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => match structure.service(code) {
                None => Err(Refus::new(
                    R::CodeServiceInconnu,
                    format!("le service « {code} » n'existe pas dans la structure déposante {}", structure.siret),
                )),
                Some(s) if !s.actif => {
                    Err(Refus::new(R::ServiceInactif, format!("le service « {code} » de la structure {} est inactif", structure.siret)))
                }
                Some(_) => Ok(Some(code.to_string())),
            },
            None if depot.appel_de_fonds => {
                let travaux = marche.and_then(|m| m.moa.code_service.as_deref());
                Ok(structure.services.iter().find(|s| s.actif && Some(s.code.as_str()) != travaux).map(|s| s.code.clone()))
            }
            None => Ok(None),
        }
    }

    /// D-DELAIS-6, D-DELAIS-7, D-STATUTS-4: what a new piece does to its dossier.
    fn effets_depot(&mut self, id: PieceId) {
        let date = self.date;
        let piece = self.pc(id).clone();
        let did = piece.dossier;
        // D-DELAIS-7: an acompte's period starts when the dossier's first piece is made available
        // to the MOE (to the MOA or the payer without an MOE); an A10's at the titulaire's answer.
        if self.dossiers[did.0 as usize].pieces.len() == 1 && piece.cadre != CadreFacturation::A10 && piece.cadre.phase() == Phase::EnCours
        {
            self.dossiers[did.0 as usize].debut_delai_paiement = Some(date);
        }
        if piece.cadre == CadreFacturation::A8 {
            match &piece.reserves {
                Some(r) if r.contestent() => {
                    self.dossiers[did.0 as usize].dg_conteste = true;
                    self.evenement_dossier(did, "décompte général signé avec réserves : DG contesté (D-DELAIS-6)".into());
                }
                // D-DELAIS-6: réserves without an amount count as acceptance, as silence does.
                Some(_) => {
                    self.dossiers[did.0 as usize].dgd = Some(NatureDgd::ReputeAccepte);
                    self.evenement_dossier(
                        did,
                        "décompte général signé avec des réserves sans montant : réputé accepté (D-DELAIS-6)".into(),
                    );
                }
                None => {
                    self.dossiers[did.0 as usize].dgd = Some(NatureDgd::Signe);
                    self.evenement_dossier(did, "décompte général signé : il devient le décompte général et définitif".into());
                }
            }
        }
        if piece.cadre.est_dgd_tacite() {
            self.dossiers[did.0 as usize].dgd = Some(NatureDgd::Tacite);
            self.evenement_dossier(did, "décompte général et définitif tacite (CCAG-Travaux 2021 art. 12.4.4)".into());
        }
        if piece.espace == Espace::FacturesRecues {
            let debut = self.debut_delai_paiement(&piece);
            self.pc_mut(id).debut_delai_paiement = Some(debut);
        }
    }

    /// D-DELAIS-7: when a payment request's period starts.
    fn debut_delai_paiement(&self, piece: &Piece) -> Date {
        let d = self.dossier(piece.dossier);
        if piece.cadre.est_dgd_tacite() {
            // From the day after the deadline that made the DGD tacite (a hypothèse).
            if let Some(e) = self.contexte_delais(piece.dossier).echeance_tacite {
                return e.lendemain();
            }
        }
        if piece.cadre.phase() == Phase::EnCours
            && let Some(debut) = d.debut_delai_paiement
        {
            return debut;
        }
        self.date
    }
}
