//! Named faults that `serve --fault NAME` injects into the reference, so that anyone can see the
//! conformance suite catch a plausible mistake. With no fault (the default), nothing changes.
//! One line per fault: its variant, its `--fault` name, what it does in French, and the
//! requirement it breaks (`scenarios/exigences.yaml`).

macro_rules! defauts {
    ($($(#[doc = $doc:literal])* $v:ident, $nom:literal, $description:literal, $exigence:literal;)*) => {
        /// A fault a plausible implementation could have.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Defaut {
            $($(#[doc = $doc])* $v,)*
        }

        impl Defaut {
            /// Every fault.
            pub const TOUS: &'static [Defaut] = &[$(Defaut::$v,)*];

            /// The name given to `--fault`.
            pub fn nom(self) -> &'static str {
                match self {
                    $(Defaut::$v => $nom,)*
                }
            }

            /// What the fault does, in French.
            pub fn description(self) -> &'static str {
                match self {
                    $(Defaut::$v => $description,)*
                }
            }

            /// The requirement the fault breaks (`scenarios/exigences.yaml`).
            pub fn exigence(self) -> &'static str {
                match self {
                    $(Defaut::$v => $exigence,)*
                }
            }
        }
    };
}

defauts! {
    /// Ignores « Présence MOA » when choosing the space and the payer.
    PresenceMoaIgnoree, "presence-moa-ignoree", "ignore la « Présence MOA » pour choisir l'espace et le payeur", "REQ-PARAM-02";
    /// Accepts an A22 before the DG deadline.
    A22Prematuree, "a22-prematuree", "accepte une A22 avant l'expiration du délai de notification du décompte général", "REQ-TAC-01";
    /// Counts the tacit 10 days from the projet de décompte final instead of the A22.
    TaciteMauvaisDepart, "tacite-mauvais-depart", "compte le délai de la procédure tacite depuis le projet de décompte final", "REQ-TAC-04";
    /// Ignores weekends and public holidays in deadlines.
    SansJoursFeries, "sans-jours-feries", "ignore les week-ends et les jours fériés dans les délais", "REQ-DELAI-FERIE";
    /// Lets the titulaire refuse a DG for a routing error.
    TitulaireRefuseAcheminement, "titulaire-refuse-acheminement", "laisse le titulaire refuser un décompte général pour erreur d'acheminement", "REQ-FIN-02";
    /// Keeps a refused dossier's circuit open.
    CircuitRefuseOuvert, "circuit-refuse-ouvert", "laisse ouvert le circuit d'un dossier refusé pour autre motif", "REQ-REFUS-02";
    /// Accepts the « erreur de montant » motif after 19/02/2025.
    ErreurMontantAcceptee, "erreur-montant-acceptee", "accepte un refus pour erreur de montant après le 19/02/2025", "REQ-REFUS-05";
    /// Lets a user see and act on another structure's piece.
    AccesAutresStructures, "acces-autres-structures", "laisse un utilisateur voir et traiter la pièce d'une autre structure", "REQ-ACCES-01";
    /// Drops the history: only the current status is kept.
    HistoriquePerdu, "historique-perdu", "ne garde que le dernier statut de chaque pièce", "REQ-HIST-01";
    /// Answers 200 with a non-zero `codeRetour` for a refusal.
    CodeRetourIncoherent, "code-retour-incoherent", "répond à un refus par un codeRetour nul (un succès) sous HTTP 400", "REQ-API-01";
    /// Accepts a SIRET whose Luhn key is wrong.
    LuhnIgnore, "luhn-ignore", "accepte un SIRET dont la clé de Luhn est fausse", "REQ-ROUT-03";
    /// Never applies the MOE's 7-day delay.
    DelaiMoeIgnore, "delai-moe-ignore", "n'applique jamais le délai de la maîtrise d'œuvre sur un projet de décompte mensuel", "REQ-DELAI-MOE";
    /// Knows only the fixed-date holidays: Easter Monday, Ascension and Whit Monday are working days to it.
    FeriesMobilesIgnores, "feries-mobiles-ignores", "ignore le lundi de Pâques, l'Ascension et le lundi de Pentecôte dans les délais", "REQ-DELAI-FERIE";
    /// Ignores the montant à payer declared: the payer is asked the TTC.
    MontantAPayerIgnore, "montant-a-payer-ignore", "ignore le montant à payer déclaré et fait payer le TTC", "REQ-MONT-03";
    /// Answers a success without its `libelle` (the envelope of D-API-2).
    LibelleAbsent, "libelle-absent", "répond à un succès sans « libelle »", "REQ-API-01";
    /// Answers only the first result of each page of the travaux search.
    RechercheTronquee, "recherche-tronquee", "ne rend que le premier résultat de chaque page de la recherche", "REQ-API-03";
    /// Ignores the page asked for: always the first.
    RechercheSansPagination, "recherche-sans-pagination", "ignore la page demandée : toujours la première", "REQ-API-03";
    /// Gives the structure a piece waits on as its destinataire in the search.
    RechercheDestinataireValideur, "recherche-destinataire-valideur", "donne pour destinataire, dans la recherche, la structure qui traite la pièce", "REQ-API-03";
    /// Answers the travaux search's items without their `idFactureTravaux`.
    RechercheSansIdentifiant, "recherche-sans-identifiant", "rend les résultats de la recherche sans « idFactureTravaux »", "REQ-API-03";
    /// Lists in the travaux search the pieces of structures the user is not attached to.
    RechercheAutresStructures, "recherche-autres-structures", "liste dans la recherche les pièces des structures de l'utilisateur et des autres", "REQ-API-03";
    /// Dates each step of a piece's history the day after.
    HistoriqueDecale, "historique-decale", "date chaque étape de l'historique du lendemain", "REQ-HIST-01";
    /// Leaves out who made each step of a piece's history.
    HistoriqueSansUtilisateur, "historique-sans-utilisateur", "omet l'utilisateur de chaque étape de l'historique", "REQ-HIST-01";
    /// Lets the payer mandate or put into payment without the steps before.
    ChainePaiementSautee, "chaine-paiement-sautee", "laisse le payeur mandater ou mettre en paiement sans les étapes d'avant", "REQ-PAIE-08";
    /// Accepts a recycling request on an initial deposit.
    RecyclageInitialAccepte, "recyclage-initial-accepte", "accepte une demande de recyclage sur un dépôt initial", "REQ-RECYC-03";
    /// Drops `idPiecePrecedente` and `idPieceSuivante` from the pieces it answers.
    ChainageOmis, "chainage-omis", "omet « idPiecePrecedente » et « idPieceSuivante » des pièces qu'il rend", "REQ-API-01";
    /// Drops `typeFactureTravaux` from the pieces it answers.
    TypeFactureAbsent, "type-facture-absent", "omet « typeFactureTravaux » des pièces qu'il rend", "REQ-API-01";
    /// Drops `codeServiceExecutant` from the pieces it answers.
    CodeServiceOmis, "code-service-omis", "omet « codeServiceExecutant » des pièces qu'il rend", "REQ-API-01";
    /// Answers dates as `JJ/MM/AAAA` instead of the contract's `AAAA-MM-JJ`.
    DatesFrancaises, "dates-francaises", "répond les dates au format JJ/MM/AAAA au lieu de AAAA-MM-JJ", "REQ-API-01";
    /// Answers a business refusal under HTTP 500, as a server that throws on business errors: no
    /// verdict can be read from it (D-API-3), so the certification is `indéterminé`.
    RefusSousHttp500, "refus-sous-http-500", "répond à un refus métier sous HTTP 500", "REQ-API-01";
    /// Answers a refusal with the `codeRetour` of another refusal.
    CodeRetourNonDeclare, "code-retour-non-declare", "répond à un refus par le codeRetour d'un autre refus", "REQ-API-01";
    /// Dates each notification the day before.
    NotificationsVeille, "notifications-veille", "date chaque notification de la veille", "REQ-NOTIF-01";
    /// Lets the pieces of a dossier frozen by a refusal or a rejection be processed.
    DossierFigeTraite, "dossier-fige-traite", "laisse traiter les pièces d'un dossier figé par un refus ou un rejet", "REQ-PAIE-05";
    /// Accepts a deposit after a piece the depositor's structure cannot see.
    AssociationPieceInvisible, "association-piece-invisible", "accepte un dépôt à la suite d'une pièce que la structure du déposant ne voit pas", "REQ-ACCES-01";
    /// Accepts a payment request addressed to a private structure.
    PaiementStructurePrivee, "paiement-structure-privee", "accepte une demande de paiement adressée à une structure privée", "REQ-ROUT-03";
    /// Applies the ECB rate without its 8 points.
    TauxSansMajoration, "taux-sans-majoration", "applique le taux BCE sans les 8 points de majoration", "REQ-PAIE-02";
    /// Forgets the 40 € flat indemnity.
    IndemniteOubliee, "indemnite-oubliee", "oublie l'indemnité forfaitaire de 40 €", "REQ-PAIE-02";
    /// Computes interest on the HT amount instead of the amount paid late.
    BaseInteretsHt, "base-interets-ht", "calcule les intérêts moratoires sur le HT au lieu du montant payé en retard", "REQ-PAIE-02";
    /// Counts one day of delay too many (the deadline's own day).
    RetardJourDeTrop, "retard-jour-de-trop", "compte un jour de retard de trop (le jour de l'échéance)", "REQ-PAIE-02";
    /// Shows the mise en paiement to the supplier when the payer hides it.
    MiseEnPaiementVisible, "mise-en-paiement-visible", "montre la mise en paiement au fournisseur quand le payeur la cache", "REQ-PAIE-03";
    /// Waits twice the delay before deeming the subcontractor's request accepted.
    SilenceSousTraitanceDouble, "silence-sous-traitance-double", "attend le double du délai de silence du titulaire avant de réputer acceptée la demande du sous-traitant", "REQ-ST-04";
}

impl Defaut {
    /// Parses a fault name.
    pub fn parse(nom: &str) -> Option<Defaut> {
        Defaut::TOUS.iter().copied().find(|d| d.nom() == nom.trim())
    }
}
