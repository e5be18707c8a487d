//! The synthetic platform a workload runs on: a seeded directory of structures (one public
//! structure in five, « avec MOA »; the rest private companies), and contracts whose payers are
//! drawn Zipf-skewed, as real traffic concentrates on a few large buyers. Built as the
//! [`Commande`]s of the test hooks, so that the same set-up loads the in-process reference and
//! any implementation over HTTP.
//!
//! Everything here is a pure function of the seed, the sizes and the shard: the same workload
//! gives the same SIRETs, logins and contracts on every machine.

use crate::domaine::calendrier::Date;
use crate::domaine::marche::{Acteur, DatesMarche, Marche};
use crate::domaine::siret::Siret;
use crate::domaine::structure::{CategoriePayeur, PresenceMoa, Structure, TypeStructure};
use crate::domaine::utilisateur::RoleRattachement;
use crate::plateforme::Commande;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// The smallest directory a workload may ask for.
pub const STRUCTURES_MIN: u64 = 1_000;
/// The largest directory a workload may ask for (about the size of Chorus Pro's).
pub const STRUCTURES_MAX: u64 = 1_000_000;

/// One structure in five is public.
const PUBLIQUE_TOUS_LES: u64 = 5;

/// The first date of every synthetic platform: a Monday, after the contracts' réception.
pub fn date_debut() -> Date {
    Date::ymd(2027, 1, 4).expect("a valid date")
}

/// Which part of a workload a process runs (`--shard I/N`): contracts and flows are split by
/// index modulo `nombre`, so shards never share a titulaire, an MOE or a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, from 0.
    pub indice: u64,
    /// How many shards.
    pub nombre: u64,
}

impl Shard {
    /// The whole workload.
    pub const UN: Shard = Shard { indice: 0, nombre: 1 };

    /// Parses `I/N` with `0 ≤ I < N`.
    pub fn parse(texte: &str) -> Result<Shard, String> {
        let (i, n) = texte.split_once('/').ok_or_else(|| format!("shard « {texte} » : attendu I/N, par exemple 0/4"))?;
        let (i, n): (u64, u64) = match (i.trim().parse(), n.trim().parse()) {
            (Ok(i), Ok(n)) => (i, n),
            _ => return Err(format!("shard « {texte} » : I et N doivent être des entiers")),
        };
        if n == 0 || i >= n {
            return Err(format!("shard « {texte} » : attendu 0 ≤ I < N"));
        }
        Ok(Shard { indice: i, nombre: n })
    }

    /// Whether item `k` of the workload belongs to this shard.
    pub fn contient(self, k: u64) -> bool {
        k % self.nombre == self.indice
    }
}

/// A contract of the synthetic platform and the logins of its parties.
#[derive(Debug, Clone)]
pub struct MarcheSynthetique {
    /// `numeroMarche`.
    pub numero: String,
    /// The titulaire's user.
    pub titulaire: String,
    /// The MOE's user.
    pub moe: String,
    /// The MOA's (and payer's) user.
    pub moa: String,
    /// Whether the works were received (end-of-contract and tacit flows need it).
    pub receptionne: bool,
}

/// The synthetic platform: its sizes and seed.
#[derive(Debug, Clone, Copy)]
pub struct Annuaire {
    /// Structures.
    pub structures: u64,
    /// Contracts.
    pub marches: u64,
    /// Zipf exponent of the payers.
    pub zipf: f64,
    /// The seed.
    pub graine: u64,
}

/// The SIRET of structure `k`: distinct for every `k`, Luhn-valid, never La Poste's SIREN.
pub fn siret(k: u64) -> Siret {
    Siret::completer(1_000_000_000_000 + k)
}

fn login(k: u64) -> String {
    format!("u{k}@charge.test")
}

/// The public structures are `0, 5, 10…`; private ones all the others.
fn publique(k: u64) -> bool {
    k.is_multiple_of(PUBLIQUE_TOUS_LES)
}

impl Annuaire {
    fn publiques(&self) -> u64 {
        self.structures.div_ceil(PUBLIQUE_TOUS_LES)
    }

    fn privees(&self) -> u64 {
        self.structures - self.publiques()
    }

    /// How many contracts the directory can hold: each needs its own titulaire and MOE.
    pub fn marches_effectifs(&self) -> u64 {
        self.marches.min(self.privees() / 2)
    }

    /// The `j`-th private structure.
    fn privee(&self, j: u64) -> u64 {
        // Among each block of five, indices 1 to 4 are private.
        (j / 4) * PUBLIQUE_TOUS_LES + 1 + j % 4
    }

    /// The payer of every contract: public structures ranked by a seeded permutation, drawn with
    /// a Zipf law over the ranks (inverse CDF on a cumulative table: one pass, then a binary search
    /// per contract).
    fn payeurs(&self) -> Vec<u64> {
        let n = self.publiques() as usize;
        let mut rng = ChaCha8Rng::seed_from_u64(self.graine ^ 0x9A7E_0001);
        let mut cumul = Vec::with_capacity(n);
        let mut total = 0.0f64;
        for rang in 1..=n {
            total += 1.0 / (rang as f64).powf(self.zipf);
            cumul.push(total);
        }
        let mut permutation: Vec<u64> = (0..n as u64).collect();
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            permutation.swap(i, j);
        }
        (0..self.marches_effectifs())
            .map(|_| {
                let u = rng.random::<f64>() * total;
                let rang = cumul.partition_point(|&c| c < u).min(n - 1);
                permutation[rang] * PUBLIQUE_TOUS_LES
            })
            .collect()
    }

    /// The contracts of a shard, with their parties' logins.
    pub fn marches(&self, shard: Shard) -> Vec<MarcheSynthetique> {
        let payeurs = self.payeurs();
        (0..self.marches_effectifs())
            .filter(|i| shard.contient(*i))
            .map(|i| MarcheSynthetique {
                numero: numero(i),
                titulaire: login(self.privee(2 * i)),
                moe: login(self.privee(2 * i + 1)),
                moa: login(payeurs[i as usize]),
                receptionne: receptionne(i),
            })
            .collect()
    }

    /// The set-up of a shard, as test hooks: the whole directory (the platform's size is what
    /// routing pays for), then the users and identity sheets of the shard's contracts.
    pub fn commandes(&self, shard: Shard) -> impl Iterator<Item = Commande> + '_ {
        let structures = (0..self.structures).map(|k| Commande::AjouterStructure(structure(k)));
        let payeurs = self.payeurs();
        let debut = date_debut();
        let mut deja = std::collections::HashSet::new();
        let marches = (0..self.marches_effectifs()).filter(move |i| shard.contient(*i)).flat_map(move |i| {
            let (t, m, p) = (self.privee(2 * i), self.privee(2 * i + 1), payeurs[i as usize]);
            let mut c = Vec::with_capacity(7);
            for k in [t, m, p] {
                // A payer holds many contracts: its user is created once.
                if deja.insert(k) {
                    c.push(Commande::CreerUtilisateur {
                        login: login(k),
                        prenom: "Charge".into(),
                        nom: format!("{k}"),
                        pigp: publique(k),
                        mot_de_passe: None,
                    });
                    c.push(Commande::Rattacher {
                        login: login(k),
                        siret: siret(k),
                        role: RoleRattachement::GestionnairePrincipal,
                        habilite_travaux: true,
                    });
                }
            }
            c.push(Commande::EnregistrerMarche(Box::new(fiche(i, t, m, p, debut))));
            c
        });
        structures.chain(marches)
    }
}

/// One contract in four was received the day before the run: end-of-contract and tacit flows run
/// on those. The others have no réception date, so the D-DELAIS-3 watch (which the reference runs
/// over every received contract each virtual day) stays proportionate.
fn receptionne(i: u64) -> bool {
    i.is_multiple_of(4)
}

/// The contract number of contract `i`.
pub fn numero(i: u64) -> String {
    format!("CH-{i:07}")
}

fn structure(k: u64) -> Structure {
    if publique(k) {
        let mut s = Structure::nouvelle(siret(k), &format!("Acheteur public {k}"), TypeStructure::Publique);
        s.presence_moa = PresenceMoa::AvecMoa;
        s.categorie = CategoriePayeur::Collectivite;
        s.espace_travaux = true;
        s
    } else {
        let mut s = Structure::nouvelle(siret(k), &format!("Entreprise {k}"), TypeStructure::Privee);
        s.espace_travaux = true;
        s
    }
}

fn acteur(k: u64, nom: &str) -> Acteur {
    Acteur { raison_sociale: format!("{nom} {k}"), siret: siret(k), code_service: None, numero_engagement: None, dans_chorus_pro: true }
}

/// The identity sheet of contract `i`: notified long before the run; received the day before it
/// starts when [`receptionne`] (so that end-of-contract flows may begin at once).
fn fiche(i: u64, titulaire: u64, moe: u64, payeur: u64, debut: Date) -> Marche {
    Marche {
        numero: numero(i),
        objet: format!("Travaux synthétiques {i}"),
        categorie: CategoriePayeur::Collectivite,
        titulaire: acteur(titulaire, "Entreprise"),
        cotraitants: Vec::new(),
        sous_traitants: Vec::new(),
        moe: Some(acteur(moe, "Entreprise")),
        moa: acteur(payeur, "Acheteur public"),
        service_financier: None,
        mandat: None,
        substitutions: Vec::new(),
        dates: DatesMarche {
            notification: Some(debut.plus_jours(-365)),
            reception: receptionne(i).then(|| debut.plus_jours(-1)),
            levee_reserves: None,
            levee_reserves_prealable: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_contracts_without_overlap_and_the_same_seed_gives_the_same_platform() {
        let a = Annuaire { structures: 1_000, marches: 100, zipf: 1.0, graine: 7 };
        let tous: Vec<String> = a.marches(Shard::UN).iter().map(|m| m.titulaire.clone()).collect();
        let mut union: Vec<String> = (0..3).flat_map(|i| a.marches(Shard { indice: i, nombre: 3 })).map(|m| m.titulaire).collect();
        union.sort();
        let mut t = tous.clone();
        t.sort();
        t.dedup();
        assert_eq!(union, t, "every titulaire in exactly one shard");
        assert_eq!(t.len(), tous.len(), "one titulaire per contract");
        let b: Vec<String> = a.marches(Shard::UN).iter().map(|m| m.moa.clone()).collect();
        assert_eq!(b, a.marches(Shard::UN).iter().map(|m| m.moa.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn payers_are_skewed() {
        let a = Annuaire { structures: 10_000, marches: 2_000, zipf: 1.0, graine: 1 };
        let mut compte = std::collections::HashMap::new();
        for m in a.marches(Shard::UN) {
            *compte.entry(m.moa).or_insert(0u32) += 1;
        }
        let max = compte.values().copied().max().unwrap_or(0);
        // Uniform over 2 000 payers would give about one contract each; Zipf(1) gives the first
        // rank about 2 000 / H(2000) ≈ 240.
        assert!(max > 100, "the busiest payer holds {max} contracts");
    }

    #[test]
    fn shard_parsing() {
        assert_eq!(Shard::parse("1/4"), Ok(Shard { indice: 1, nombre: 4 }));
        assert!(Shard::parse("4/4").is_err() && Shard::parse("x").is_err() && Shard::parse("0/0").is_err());
    }
}
