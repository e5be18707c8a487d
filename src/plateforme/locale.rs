//! The in-process reference as a [`Platform`]: every call answers at once.

use super::{
    Commande, Echeances, Echec, LigneHistorique, PageRecherche, PieceTrouvee, Platform, Reponse, VueCadre, VueCompte, VueEvenement,
    VueFonds, VueNotification, VuePiece, VueRattachement,
};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::defaut::Defaut;
use crate::domaine::motif::motifs_disponibles;
use crate::domaine::paiement::TableTaux;
use crate::domaine::piece::PieceId;
use crate::domaine::reference::{Reference, RoleRecherche};
use crate::domaine::refus::Refus;
use crate::domaine::siret::Siret;
use crate::domaine::structure::Structure;
use crate::domaine::utilisateur::Utilisateur;
use futures::future::{BoxFuture, FutureExt, ready};

/// The reference, owned by one scenario.
#[derive(Debug, Clone)]
pub struct PlateformeReference {
    reference: Reference,
    taux: TableTaux,
}

fn echec(r: Refus) -> Echec {
    Echec::Refus { code: r.code.code().to_string(), message: r.message }
}

fn fait<T>(x: Result<T, Refus>) -> Result<Reponse, Echec> {
    x.map(|_| Reponse::Fait).map_err(echec)
}

impl PlateformeReference {
    /// A fresh platform at `date`, computing interest with `taux`.
    pub fn new(date: Date, taux: TableTaux) -> PlateformeReference {
        PlateformeReference { reference: Reference::new(date), taux }
    }

    /// Injects a named fault (`serve --fault`).
    pub fn injecter(&mut self, d: crate::domaine::defaut::Defaut) {
        self.reference.injecter(d);
    }

    /// The reference behind it.
    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    /// Runs a command synchronously.
    pub fn executer_sync(&mut self, acteur: Option<&str>, commande: Commande) -> Result<Reponse, Echec> {
        let r = &mut self.reference;
        let login = acteur.unwrap_or_default();
        match commande {
            Commande::AjouterStructure(s) => fait(r.ajouter_structure(s)),
            Commande::RemplacerStructure(s) => fait(r.remplacer_structure(s)),
            Commande::CreerUtilisateur { login, prenom, nom, pigp, mot_de_passe } => {
                let mut u = Utilisateur::nouveau(&login, &prenom, &nom);
                u.pigp = pigp;
                u.mot_de_passe = mot_de_passe;
                fait(r.creer_utilisateur(u))
            }
            Commande::Rattacher { login, siret, role, habilite_travaux } => {
                r.rattacher(&login, siret, role).map_err(echec)?;
                if habilite_travaux {
                    r.habiliter_travaux_direct(&login, siret).map_err(echec)?;
                }
                Ok(Reponse::Fait)
            }
            Commande::EnregistrerMarche(m) => fait(r.enregistrer_marche(*m)),
            Commande::FixerDate(d) => fait(r.fixer_date(d)),
            Commande::Avancer(n) => fait(r.avancer(n.into())),
            Commande::Deposer(d) => r.deposer(login, &d).map(Reponse::Piece).map_err(echec),
            Commande::PrendreEnCompte(p) => fait(r.prendre_en_compte(login, p)),
            Commande::Telecharger(p) => fait(r.telecharger(login, p)),
            Commande::CreerStructure { siret, raison_sociale, publique, presence } => {
                fait(r.creer_structure(&siret, &raison_sociale, publique, presence))
            }
            Commande::Refuser { piece, motif, commentaire } => fait(r.refuser(login, piece, &motif, &commentaire)),
            Commande::Recycler { piece, modifications } => fait(r.recycler(login, piece, &modifications)),
            Commande::DemanderRecyclage(p) => r.demander_recyclage(login, p).map(Reponse::PiecePrecedente).map_err(echec),
            Commande::Suspendre { piece, commentaire } => fait(r.suspendre(login, piece, &commentaire)),
            Commande::Completer { piece, commentaire } => fait(r.completer(login, piece, &commentaire)),
            Commande::ValiderSousTraitance { piece, montant } => fait(r.valider_sous_traitance(login, piece, montant)),
            Commande::RefuserSousTraitance { piece, commentaire } => fait(r.refuser_sous_traitance(login, piece, &commentaire)),
            Commande::ConstaterServiceFait(p) => fait(r.constater_service_fait(login, p)),
            Commande::Mandater(p) => fait(r.mandater(login, p)),
            Commande::MettreEnPaiement(p) => fait(r.mettre_en_paiement(login, p)),
            Commande::Rejeter { piece, motif } => fait(r.rejeter(login, piece, &motif)),
            Commande::ContesterMontant { piece, motif } => fait(r.contester_montant(login, piece, &motif)),
            Commande::OuvrirEspaceTravaux(s) => fait(r.ouvrir_espace_travaux(login, s)),
            Commande::HabiliterTravaux { cible, siret } => fait(r.habiliter_travaux(login, &cible, siret)),
            Commande::ModifierParametres { siret, parametres, presence } => fait(r.modifier_parametres(login, siret, parametres, presence)),
            Commande::DeposerSollicitation { siret, gestionnaires } => {
                r.deposer_sollicitation(login, siret, &gestionnaires).map(Reponse::Sollicitation).map_err(echec)
            }
            Commande::TraiterSollicitation(n) => fait(r.traiter_sollicitation(n)),
            Commande::DesignerMoe { marche, acteur } => fait(r.designer_moe(&marche, *acteur)),
        }
    }

    /// A user's « Mon compte » screen.
    pub fn compte_sync(&self, login: &str) -> Result<VueCompte, Echec> {
        let r = &self.reference;
        let u = r
            .utilisateur(login)
            .ok_or_else(|| Echec::Refus { code: "UTILISATEUR_INCONNU".into(), message: format!("utilisateur {login} inconnu") })?;
        let rattachements = u
            .rattachements
            .iter()
            .map(|a| {
                let s = r.annuaire().get(a.structure);
                VueRattachement {
                    siret: s.siret,
                    raison_sociale: s.raison_sociale.clone(),
                    role: a.role,
                    habilite_travaux: a.habilite_travaux,
                }
            })
            .collect();
        Ok(VueCompte { login: u.login.clone(), email: u.email.clone(), nom: u.nom.clone(), prenom: u.prenom.clone(), rattachements })
    }

    /// A piece as `acteur` sees it.
    pub fn consulter_sync(&self, acteur: Option<&str>, id: PieceId) -> Result<VuePiece, Echec> {
        let r = &self.reference;
        let p = match acteur {
            Some(login) => r.consulter(login, id).map_err(echec)?,
            None => r.piece(id).ok_or_else(|| Echec::Refus { code: "PIECE_INCONNUE".into(), message: format!("pièce {id} inconnue") })?,
        };
        let statut = acteur.map_or(p.statut, |l| r.statut_vu_par_utilisateur(p, l));
        let libelle = if statut == p.statut { p.libelle_portail() } else { statut.libelle_portail().to_string() };
        let mut historique: Vec<LigneHistorique> = p
            .historique
            .iter()
            .map(|h| LigneHistorique {
                statut: h.statut,
                date: if r.defaut() == Some(Defaut::HistoriqueDecale) { h.date.lendemain() } else { h.date },
                utilisateur: if r.defaut() == Some(Defaut::HistoriqueSansUtilisateur) { String::new() } else { h.utilisateur.clone() },
                commentaire: h.commentaire.clone(),
            })
            .collect();
        if r.defaut() == Some(Defaut::HistoriquePerdu) {
            historique.drain(..historique.len().saturating_sub(1));
        }
        Ok(VuePiece {
            id,
            numero: p.numero.clone(),
            cadre: p.cadre,
            statut,
            libelle,
            espace: p.espace,
            recipiendaire: r.annuaire().get(p.recipiendaire).siret,
            destinataire: p.destinataire,
            code_service: p.code_service.clone(),
            historique,
            montants: p.montants.clone(),
            ecart: p.ecart,
            montant_accepte: p.montant_accepte,
            etat_dossier: r.etat_dossier(p.dossier).libelle().to_string(),
            echeance_paiement: r.echeance_paiement(id),
            retard: r.interets(id, &self.taux),
            precedente: p.precedente,
            suivante: p.suivante,
            telechargee: p.telechargee,
            montant_payable: p.montant_payable(),
            service_deposant: p.service_deposant.clone(),
            echeances: {
                let c = r.contexte_delais(p.dossier);
                Echeances {
                    moe: r.echeance_moe(id),
                    decompte_general: c.echeance_dg,
                    signature: c.echeance_signature.filter(|_| p.cadre.est_decompte_general()),
                    tacite: c.echeance_tacite,
                }
            },
            jours_restants_suspendu: r.jours_restants_suspendu(id),
            evenements_dossier: r
                .dossier(p.dossier)
                .evenements
                .iter()
                .map(|e| VueEvenement { date: e.date, libelle: e.libelle.clone() })
                .collect(),
        })
    }
}

/// A cadre as every platform lists it (D-CADRES-1, D-CADRES-3).
pub fn vue_cadre(c: CadreFacturation) -> VueCadre {
    VueCadre { code: c.code_api().to_string(), deposant: c.deposant().map(|r| r.code().to_string()), legacy: c.est_legacy() }
}

impl Platform for PlateformeReference {
    fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>> {
        ready(Ok(CadreFacturation::TOUS.iter().map(|c| vue_cadre(*c)).collect())).boxed()
    }

    fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>> {
        ready(Ok(self.reference.date())).boxed()
    }

    fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>> {
        let v = self
            .reference
            .evenements_marche(numero)
            .into_iter()
            .map(|e| VueEvenement { date: e.date, libelle: e.libelle.clone() })
            .collect();
        ready(Ok(v)).boxed()
    }

    fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>> {
        let (appele, paye) = self.reference.fonds_mandat(numero);
        ready(Ok(VueFonds { appele, paye })).boxed()
    }

    fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>> {
        let m = motifs_disponibles(self.reference.date(), None).iter().map(|m| m.code().to_string()).collect();
        ready(Ok(m)).boxed()
    }

    fn rechercher<'a>(
        &'a mut self,
        acteur: &'a str,
        role: Option<RoleRecherche>,
        page: usize,
        taille: usize,
    ) -> BoxFuture<'a, Result<PageRecherche, Echec>> {
        let r = self.reference.rechercher_en_tant_que(acteur, role).map_err(echec).map(|mut l| {
            l.sort_by_key(|p| p.id);
            let total = l.len();
            let taille = taille.max(1);
            let debut = page.max(1).saturating_sub(1).saturating_mul(taille).min(total);
            let pieces = l[debut..(debut + taille).min(total)]
                .iter()
                .map(|p| PieceTrouvee { id: p.id, numero: p.numero.clone(), destinataire: p.destinataire.to_string() })
                .collect();
            PageRecherche { total, pages: total.div_ceil(taille), pieces }
        });
        ready(r).boxed()
    }

    fn compte<'a>(&'a mut self, login: &'a str) -> BoxFuture<'a, Result<VueCompte, Echec>> {
        ready(self.compte_sync(login)).boxed()
    }

    fn nom(&self) -> String {
        "référence".to_string()
    }

    fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>> {
        ready(self.executer_sync(acteur, commande)).boxed()
    }

    fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>> {
        ready(self.consulter_sync(acteur, piece)).boxed()
    }

    fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>> {
        let r = &self.reference;
        let v = r
            .notifications()
            .iter()
            .map(|n| VueNotification {
                destinataire: r.annuaire().get(n.destinataire).siret,
                nature: n.nature,
                piece: n.piece,
                date: if r.defaut() == Some(Defaut::NotificationsVeille) { n.date.plus_jours(-1) } else { n.date },
            })
            .collect();
        ready(Ok(v)).boxed()
    }

    fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>> {
        let s = self
            .reference
            .annuaire()
            .par_siret(siret)
            .map(|(_, s)| s.clone())
            .ok_or_else(|| Echec::Refus { code: "STRUCTURE_INCONNUE".into(), message: format!("structure {siret} inconnue") });
        ready(s).boxed()
    }
}
