//! Named faults that `serve --fault NAME` injects into the reference, so that anyone can see the
//! conformance suite catch a plausible mistake. With no fault (the default), nothing changes.

/// A fault a plausible implementation could have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defaut {
    /// Ignores « Présence MOA » when choosing the space and the payer.
    PresenceMoaIgnoree,
    /// Accepts an A22 before the DG deadline.
    A22Prematuree,
    /// Counts the tacit 10 days from the projet de décompte final instead of the A22.
    TaciteMauvaisDepart,
    /// Ignores weekends and public holidays in deadlines.
    SansJoursFeries,
    /// Lets the titulaire refuse a DG for a routing error.
    TitulaireRefuseAcheminement,
    /// Keeps a refused dossier's circuit open.
    CircuitRefuseOuvert,
    /// Accepts the « erreur de montant » motif after 19/02/2025.
    ErreurMontantAcceptee,
    /// Lets a user see and act on another structure's piece.
    AccesAutresStructures,
    /// Drops the history: only the current status is kept.
    HistoriquePerdu,
    /// Answers 200 with a non-zero `codeRetour` for a refusal.
    CodeRetourIncoherent,
    /// Accepts a SIRET whose Luhn key is wrong.
    LuhnIgnore,
    /// Never applies the MOE's 7-day delay.
    DelaiMoeIgnore,
    /// Knows only the fixed-date holidays: Easter Monday, Ascension and Whit Monday are working
    /// days to it.
    FeriesMobilesIgnores,
    /// Ignores the montant à payer declared: the payer is asked the TTC.
    MontantAPayerIgnore,
    /// Answers a success without its `libelle` (the envelope of D-API-2).
    LibelleAbsent,
    /// Answers only the first result of each page of the travaux search.
    RechercheTronquee,
    /// Ignores the page asked for: always the first.
    RechercheSansPagination,
    /// Gives the structure a piece waits on as its destinataire in the search.
    RechercheDestinataireValideur,
    /// Dates each step of a piece's history the day after.
    HistoriqueDecale,
    /// Leaves out who made each step of a piece's history.
    HistoriqueSansUtilisateur,
    /// Lets the payer mandate or put into payment without the steps before.
    ChainePaiementSautee,
    /// Accepts a recycling request on an initial deposit.
    RecyclageInitialAccepte,
}

impl Defaut {
    /// Every fault.
    pub const TOUS: [Defaut; 22] = [
        Defaut::PresenceMoaIgnoree,
        Defaut::A22Prematuree,
        Defaut::TaciteMauvaisDepart,
        Defaut::SansJoursFeries,
        Defaut::TitulaireRefuseAcheminement,
        Defaut::CircuitRefuseOuvert,
        Defaut::ErreurMontantAcceptee,
        Defaut::AccesAutresStructures,
        Defaut::HistoriquePerdu,
        Defaut::CodeRetourIncoherent,
        Defaut::LuhnIgnore,
        Defaut::DelaiMoeIgnore,
        Defaut::FeriesMobilesIgnores,
        Defaut::MontantAPayerIgnore,
        Defaut::LibelleAbsent,
        Defaut::RechercheTronquee,
        Defaut::RechercheSansPagination,
        Defaut::RechercheDestinataireValideur,
        Defaut::HistoriqueDecale,
        Defaut::HistoriqueSansUtilisateur,
        Defaut::ChainePaiementSautee,
        Defaut::RecyclageInitialAccepte,
    ];

    /// The name given to `--fault`.
    pub fn nom(self) -> &'static str {
        match self {
            Defaut::PresenceMoaIgnoree => "presence-moa-ignoree",
            Defaut::A22Prematuree => "a22-prematuree",
            Defaut::TaciteMauvaisDepart => "tacite-mauvais-depart",
            Defaut::SansJoursFeries => "sans-jours-feries",
            Defaut::TitulaireRefuseAcheminement => "titulaire-refuse-acheminement",
            Defaut::CircuitRefuseOuvert => "circuit-refuse-ouvert",
            Defaut::ErreurMontantAcceptee => "erreur-montant-acceptee",
            Defaut::AccesAutresStructures => "acces-autres-structures",
            Defaut::HistoriquePerdu => "historique-perdu",
            Defaut::CodeRetourIncoherent => "code-retour-incoherent",
            Defaut::LuhnIgnore => "luhn-ignore",
            Defaut::DelaiMoeIgnore => "delai-moe-ignore",
            Defaut::FeriesMobilesIgnores => "feries-mobiles-ignores",
            Defaut::MontantAPayerIgnore => "montant-a-payer-ignore",
            Defaut::LibelleAbsent => "libelle-absent",
            Defaut::RechercheTronquee => "recherche-tronquee",
            Defaut::RechercheSansPagination => "recherche-sans-pagination",
            Defaut::RechercheDestinataireValideur => "recherche-destinataire-valideur",
            Defaut::HistoriqueDecale => "historique-decale",
            Defaut::HistoriqueSansUtilisateur => "historique-sans-utilisateur",
            Defaut::ChainePaiementSautee => "chaine-paiement-sautee",
            Defaut::RecyclageInitialAccepte => "recyclage-initial-accepte",
        }
    }

    /// What the fault does, in French.
    pub fn description(self) -> &'static str {
        match self {
            Defaut::PresenceMoaIgnoree => "ignore la « Présence MOA » pour choisir l'espace et le payeur",
            Defaut::A22Prematuree => "accepte une A22 avant l'expiration du délai de notification du décompte général",
            Defaut::TaciteMauvaisDepart => "compte le délai de la procédure tacite depuis le projet de décompte final",
            Defaut::SansJoursFeries => "ignore les week-ends et les jours fériés dans les délais",
            Defaut::TitulaireRefuseAcheminement => "laisse le titulaire refuser un décompte général pour erreur d'acheminement",
            Defaut::CircuitRefuseOuvert => "laisse ouvert le circuit d'un dossier refusé pour autre motif",
            Defaut::ErreurMontantAcceptee => "accepte un refus pour erreur de montant après le 19/02/2025",
            Defaut::AccesAutresStructures => "laisse un utilisateur voir et traiter la pièce d'une autre structure",
            Defaut::HistoriquePerdu => "ne garde que le dernier statut de chaque pièce",
            Defaut::CodeRetourIncoherent => "répond à un refus par un codeRetour nul (un succès) sous HTTP 400",
            Defaut::LuhnIgnore => "accepte un SIRET dont la clé de Luhn est fausse",
            Defaut::DelaiMoeIgnore => "n'applique jamais le délai de la maîtrise d'œuvre sur un projet de décompte mensuel",
            Defaut::FeriesMobilesIgnores => "ignore le lundi de Pâques, l'Ascension et le lundi de Pentecôte dans les délais",
            Defaut::MontantAPayerIgnore => "ignore le montant à payer déclaré et fait payer le TTC",
            Defaut::LibelleAbsent => "répond à un succès sans « libelle »",
            Defaut::RechercheTronquee => "ne rend que le premier résultat de chaque page de la recherche",
            Defaut::RechercheSansPagination => "ignore la page demandée : toujours la première",
            Defaut::RechercheDestinataireValideur => "donne pour destinataire, dans la recherche, la structure qui traite la pièce",
            Defaut::HistoriqueDecale => "date chaque étape de l'historique du lendemain",
            Defaut::HistoriqueSansUtilisateur => "omet l'utilisateur de chaque étape de l'historique",
            Defaut::ChainePaiementSautee => "laisse le payeur mandater ou mettre en paiement sans les étapes d'avant",
            Defaut::RecyclageInitialAccepte => "accepte une demande de recyclage sur un dépôt initial",
        }
    }

    /// The requirement the fault breaks (`scenarios/exigences.yaml`).
    pub fn exigence(self) -> &'static str {
        match self {
            Defaut::PresenceMoaIgnoree => "REQ-PARAM-02",
            Defaut::A22Prematuree => "REQ-TAC-01",
            Defaut::TaciteMauvaisDepart => "REQ-TAC-04",
            Defaut::SansJoursFeries => "REQ-DELAI-FERIE",
            Defaut::TitulaireRefuseAcheminement => "REQ-FIN-02",
            Defaut::CircuitRefuseOuvert => "REQ-REFUS-02",
            Defaut::ErreurMontantAcceptee => "REQ-REFUS-05",
            Defaut::AccesAutresStructures => "REQ-ACCES-01",
            Defaut::HistoriquePerdu | Defaut::HistoriqueDecale | Defaut::HistoriqueSansUtilisateur => "REQ-HIST-01",
            Defaut::CodeRetourIncoherent => "REQ-API-01",
            Defaut::LuhnIgnore => "REQ-ROUT-03",
            Defaut::DelaiMoeIgnore => "REQ-DELAI-MOE",
            Defaut::FeriesMobilesIgnores => "REQ-DELAI-FERIE",
            Defaut::MontantAPayerIgnore => "REQ-MONT-03",
            Defaut::LibelleAbsent => "REQ-API-01",
            Defaut::ChainePaiementSautee => "REQ-PAIE-08",
            Defaut::RecyclageInitialAccepte => "REQ-RECYC-03",
            Defaut::RechercheTronquee | Defaut::RechercheSansPagination | Defaut::RechercheDestinataireValideur => "REQ-API-03",
        }
    }

    /// Parses a fault name.
    pub fn parse(nom: &str) -> Option<Defaut> {
        Defaut::TOUS.into_iter().find(|d| d.nom() == nom.trim())
    }
}
