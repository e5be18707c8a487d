# language: fr
@dossier-mensuel
Fonctionnalité: Le dossier de facturation mensuel, du projet de décompte à la mise en paiement
  En tant que titulaire d'un marché de travaux
  je veux que mon projet de décompte mensuel suive le circuit maîtrise d'œuvre, maîtrise d'ouvrage, service financier
  afin d'être payé de l'acompte dans le délai global de paiement

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  Règle: le circuit nominal passe par la MOE puis la MOA (fait §2.1)

    @REQ-MENS-01 @REQ-MONT-01 @REQ-HIST-01
    Scénario: circuit nominal avec correction du montant par la maîtrise d'œuvre
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Et la pièce A4 est dans l'espace « Factures de travaux » de la maîtrise d'œuvre
      Quand la maîtrise d'œuvre prend en compte la pièce A4
      Alors la pièce A4 est au statut "PRISE EN COMPTE MOE"
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 500 € HT à la suite de la pièce A4
      Alors la pièce A4 est au statut "ASSOCIÉE"
      Et la pièce A15 est au statut "MISE À DISPOSITION MOA"
      Et l'écart de la pièce A15 est de -500 € HT
      Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 9 500 € HT à la suite de la pièce A15
      Alors la pièce A19 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et l'échéance de paiement de la pièce A19 est le 1er avril 2026
      Quand la maîtrise d'ouvrage paie la pièce A19
      Alors la pièce A19 est au statut "MISE EN PAIEMENT"
      Et le dossier de la pièce A19 est "payé"
      Et l'historique de la pièce A4 est :
        | statut                 |
        | MISE À DISPOSITION MOE |
        | PRISE EN COMPTE MOE    |
        | ASSOCIÉE               |

    @REQ-CHAINE-01
    Scénario: une pièce n'a qu'une pièce suivante
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "PIECE_DEJA_SUIVIE"

    @REQ-CHAINE-02
    Scénario: un enchaînement interdit nomme les cadres attendus
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "ENCHAINEMENT_INTERDIT"
      Et le message indique "A7, A14, A11"

    @REQ-MONT-02
    Scénario: le titulaire conteste la correction de montant dans les 30 jours
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 000 € HT à la suite de la pièce A4
      Et 31 jours passent
      Et le titulaire conteste la correction de montant de la pièce A15
      Alors l'action est refusée avec le code "CONTESTATION_HORS_DELAI"

  Règle: un acteur absent de Chorus Pro est remplacé par un autre (D-CHAINE-5)

    @REQ-MENS-02
    Scénario: sans maîtrise d'œuvre, le titulaire dépose l'état d'acompte
      Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors le dépôt est refusé avec le code "MOE_ABSENTE"
      Quand le titulaire dépose un état d'acompte (A5) de 10 000 € HT
      Alors la pièce A5 est au statut "MISE À DISPOSITION MOA"
      Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A5
      Alors la pièce A19 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et l'échéance de paiement de la pièce A19 est le 1er avril 2026

    @REQ-MENS-03
    Scénario: sans maîtrise d'œuvre ni maîtrise d'ouvrage, le titulaire dépose l'état d'acompte validé
      Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
      Et la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
      Quand le titulaire dépose un état d'acompte validé (A6) de 10 000 € HT
      Alors la pièce A6 est au statut "MISE À DISPOSITION"
      Et la pièce A6 est dans l'espace « Factures reçues » du service financier

    @REQ-MENS-04
    Scénario: la maîtrise d'œuvre valide pour une maîtrise d'ouvrage absente (A16)
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte validé (A16) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "ROLE_NON_AUTORISE"
      Soit la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
      Quand la maîtrise d'œuvre dépose un état d'acompte validé (A16) de 10 000 € HT à la suite de la pièce A4
      Alors la pièce A16 est au statut "MISE À DISPOSITION"

  Règle: passé 7 jours, la maîtrise d'ouvrage peut agir à la place de la maîtrise d'œuvre (D-DELAIS-2)

    @REQ-DELAI-MOE
    Scénario: la MOA valide après l'expiration du délai de la MOE
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et 7 jours passent
      Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "DELAI_MOE_EN_COURS"
      Quand 1 jour passe
      Alors la pièce A4 est au statut "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE"
      Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A4
      Alors la pièce A4 est au statut "ASSOCIÉE"
      Et l'échéance de paiement de la pièce A19 est le 1er avril 2026

    @REQ-DELAI-FERIE
    Scénario: un délai qui finit un jour férié court jusqu'au jour ouvré suivant
      Soit la date du 24 avril 2026
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et nous sommes le 4 mai 2026
      Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Quand 1 jour passe
      Alors la pièce A4 est au statut "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE"

    @REQ-DELAI-WEEKEND
    Scénario: un délai qui finit un samedi court jusqu'au lundi
      Soit la date du 7 mars 2026
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et nous sommes le 16 mars 2026
      Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Quand 1 jour passe
      Alors la pièce A4 est au statut "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE"

  Règle: un cotraitant dépose ses propres projets de décompte

    @REQ-MENS-05
    Scénario: projet de décompte mensuel d'un cotraitant
      Quand le cotraitant dépose un projet de décompte mensuel (A13) de 2 000 € HT
      Alors la pièce A13 est au statut "MISE À DISPOSITION MOE"
      Quand le cotraitant dépose un projet de décompte mensuel (A4) de 2 000 € HT
      Alors le dépôt est refusé avec le code "ROLE_NON_AUTORISE"
