# language: fr
@refus
Fonctionnalité: Les refus à chaque étape, et le recyclage
  En tant que destinataire d'une pièce
  je veux la refuser pour une erreur d'acheminement ou pour un autre motif
  afin que le déposant la corrige, ou que le circuit s'arrête (D-REFUS)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ  | valeur      |
      | numéro | PDM-2026-03 |

  Règle: la maîtrise d'œuvre refuse un projet de décompte (fait §3.3)

    @REQ-REFUS-01 @REQ-RECYC-01
    Scénario: erreur dans les données d'acheminement, puis recyclage
      Quand la maîtrise d'œuvre refuse la pièce A4 pour le motif "MAUVAIS_VALIDEUR" : "code service erroné"
      Alors la pièce A4 est au statut "REFUSÉE PAR LA MOE POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT"
      Quand le titulaire recycle la pièce A4 avec :
        | champ       | valeur |
        | montant HT  | 9 000  |
      Alors le recyclage est refusé avec le code "RECYCLAGE_CHAMP_INTERDIT"
      Quand le titulaire recycle la pièce A4 avec :
        | champ        | valeur |
        | code service | COMPTA |
      Alors le recyclage est accepté
      Et la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Et la pièce A4 a pour numéro "PDM-2026-03"

    @REQ-REFUS-02
    Scénario: autre motif, le circuit s'arrête
      Quand la maîtrise d'œuvre refuse la pièce A4 pour le motif "AUTRE" : "travaux non réalisés"
      Alors la pièce A4 est au statut "REFUSÉE PAR LA MOE POUR AUTRE MOTIF"
      Et le dossier de la pièce A4 est "refusé"
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "PIECE_PRECEDENTE_NON_DISPONIBLE"

    @REQ-RECYC-02
    Scénario: recyclage après une erreur de maîtrise d'œuvre
      Quand un avenant désigne la maîtrise d'œuvre "Ville de Villeurbanne"
      Et "Paul Ferrand" refuse la pièce A4 pour le motif "MAUVAISE_MOE" : "nous ne sommes plus maître d'œuvre"
      Et le titulaire recycle la pièce A4 avec :
        | champ            | valeur                |
        | maîtrise d'œuvre | Ville de Villeurbanne |
      Alors la pièce A4 est dans l'espace « Factures de travaux » de "Ville de Villeurbanne"

  Règle: la maîtrise d'ouvrage refuse un état d'acompte ou un projet de décompte général

    @REQ-REFUS-03
    Scénario: état d'acompte refusé pour erreur d'acheminement puis pour autre motif
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'ouvrage refuse la pièce A15 pour le motif "MAUVAISE_MOA"
      Alors la pièce A15 est au statut "REFUSÉE PAR LA MOA POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT"
      Quand la maîtrise d'œuvre recycle la pièce A15
      Et la maîtrise d'ouvrage refuse la pièce A15 pour le motif "AUTRE" : "état d'acompte incomplet"
      Alors la pièce A15 est au statut "REFUSÉE PAR LA MOA POUR AUTRE MOTIF"

    @REQ-HIST-01 @REQ-RECYC-01
    Scénario: le refus et le recyclage sont datés et attribués dans l'historique
      Quand 2 jours passent
      Et la maîtrise d'œuvre refuse la pièce A4 pour le motif "MAUVAIS_VALIDEUR" : "code service erroné"
      Et 1 jour passe
      Et le titulaire recycle la pièce A4 avec :
        | champ        | valeur |
        | code service | COMPTA |
      Alors l'historique de la pièce A4 est :
        | statut                 | date         | utilisateur   |
        | MISE À DISPOSITION MOE | 2 mars 2026  | Julie Bernard |
        | À RECYCLER             | 4 mars 2026  | Paul Ferrand  |
        | MISE À DISPOSITION MOE | 5 mars 2026  | Julie Bernard |

    @REQ-RECYC-03
    Scénario: un dépôt initial n'a pas de pièce précédente à recycler
      Quand la maîtrise d'œuvre demande le recyclage de la pièce précédant la pièce A4
      Alors l'action est refusée avec le code "RECYCLAGE_SANS_PRECEDENTE"
      Et la pièce A4 est au statut "MISE À DISPOSITION MOE"

    @REQ-REFUS-02
    Scénario: un état d'acompte refusé pour autre motif fige le dossier à son tour
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'ouvrage refuse la pièce A15 pour le motif "AUTRE" : "état d'acompte incomplet"
      Alors le dossier de la pièce A15 est "refusé"
      Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Alors le dépôt est refusé avec le code "PIECE_PRECEDENTE_NON_DISPONIBLE"

    @REQ-REFUS-07
    Scénario: projet de décompte général refusé par la maîtrise d'ouvrage
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
      Et la maîtrise d'ouvrage refuse la pièce A17 pour le motif "MAUVAISE_MOA" : "erreur de service"
      Alors la pièce A17 est au statut "REFUSÉE PAR LA MOA POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT"
      Quand la maîtrise d'œuvre recycle la pièce A17
      Et la maîtrise d'ouvrage refuse la pièce A17 pour le motif "AUTRE" : "pièces justificatives manquantes"
      Alors la pièce A17 est au statut "REFUSÉE PAR LA MOA POUR AUTRE MOTIF"
      Et le dossier de la pièce A17 est "refusé"

    @REQ-REFUS-04
    Scénario: la MOA ne refuse un projet de décompte visible que pour autre motif
      Quand la maîtrise d'ouvrage refuse la pièce A4 pour le motif "AUTRE" : "hors marché"
      Alors le refus est refusé avec le code "REFUS_NON_AUTORISE"
      Quand 8 jours passent
      Et la maîtrise d'ouvrage refuse la pièce A4 pour le motif "MAUVAISE_MOE" : "x"
      Alors le refus est refusé avec le code "MOTIF_NON_AUTORISE"
      Quand la maîtrise d'ouvrage refuse la pièce A4 pour le motif "AUTRE" : "hors marché"
      Alors la pièce A4 est au statut "REFUSÉE PAR LA MOA POUR AUTRE MOTIF"

    @REQ-RECYC-03
    Scénario: la maîtrise d'ouvrage demande le recyclage de la pièce précédente
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'ouvrage demande le recyclage de la pièce précédant la pièce A15
      Alors la pièce A4 est au statut "À RECYCLER"
      Et la pièce A15 est au statut "EN_ATTENTE_RECYCLAGE_FOURNISSEUR"
      Quand le titulaire recycle la pièce A4 avec :
        | champ      | valeur       |
        | engagement | EJ-2026-0099 |
      Alors la pièce A4 est au statut "ASSOCIÉE"
      Et la pièce A15 est au statut "MISE À DISPOSITION MOA"

  Règle: seuls les acteurs désignés refusent (D-REFUS-1)

    @REQ-REFUS-06
    Scénario: un refus par quelqu'un qui ne peut pas refuser
      Quand le titulaire refuse la pièce A4 pour le motif "AUTRE" : "erreur"
      Alors le refus est refusé avec le code "REFUS_NON_AUTORISE"
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'œuvre refuse la pièce A15 pour le motif "AUTRE" : "erreur"
      Alors le refus est refusé avec le code "REFUS_NON_AUTORISE"

    @REQ-SUSP-01
    Scénario: suspension puis complément : la pièce reprend où elle était
      Quand la maîtrise d'œuvre prend en compte la pièce A4
      Et la maîtrise d'œuvre suspend la pièce A4 : "attestation manquante"
      Alors la pièce A4 est au statut "SUSPENDUE"
      Quand le titulaire complète la pièce A4
      Alors la pièce A4 est au statut "PRISE EN COMPTE MOE"
      Et l'historique de la pièce A4 contient "COMPLÉTÉE"
