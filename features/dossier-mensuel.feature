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

    @REQ-API-03
    Scénario: deux mois de projets de décompte, retrouvés par la recherche de chacun
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
        | champ  | valeur      |
        | numéro | PDM-2026-03 |
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et le titulaire dépose un projet de décompte mensuel (A4) de 12 000 € HT avec :
        | champ  | valeur      |
        | numéro | PDM-2026-04 |
      Alors la recherche par le titulaire en tant que fournisseur trouve les pièces "PDM-2026-03" et "PDM-2026-04"
      Et la recherche par la maîtrise d'œuvre en tant que valideur trouve les pièces "PDM-2026-03" et "PDM-2026-04"
      Et la recherche par la maîtrise d'ouvrage en tant que destinataire trouve les pièces "PDM-2026-03", A15 et "PDM-2026-04"

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

    @REQ-RECYC-03
    Scénario: sans maîtrise d'œuvre, l'état d'acompte initial n'a pas de pièce précédente à recycler
      Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
      Quand le titulaire dépose un état d'acompte (A5) de 10 000 € HT
      Et la maîtrise d'ouvrage demande le recyclage de la pièce précédant la pièce A5
      Alors l'action est refusée avec le code "RECYCLAGE_SANS_PRECEDENTE"
      Et la pièce A5 est au statut "MISE À DISPOSITION MOA"

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

    @REQ-DELAI-FERIE
    Plan du scénario: un délai qui finit un jour férié mobile (<ferie>) court jusqu'au jour ouvré suivant
      Soit la date du <depot>
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et nous sommes le <dernier_jour>
      Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Quand 1 jour passe
      Alors la pièce A4 est au statut "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE"

      Exemples:
        | ferie                            | depot          | dernier_jour   |
        | lundi de Pâques 6 avril 2026     | 30 mars 2026   | 7 avril 2026   |
        | Ascension 14 mai 2026            | 7 mai 2026     | 15 mai 2026    |
        | lundi de Pentecôte 25 mai 2026   | 18 mai 2026    | 26 mai 2026    |

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

  Règle: les délais, l'historique et les événements d'un dossier se lisent directement

    @REQ-DELAI-LECTURE @REQ-DELAI-MOE
    Scénario: le délai de la maîtrise d'œuvre se lit sur la pièce, et son expiration est datée et attribuée
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors le délai de la maîtrise d'œuvre sur la pièce A4 expire le 9 mars 2026
      Et la pièce A4 porte le code service "TRAVAUX"
      Quand nous sommes le 10 mars 2026
      Alors nous sommes le 10 mars 2026
      Et l'historique de la pièce A4 contient "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE" le 10 mars 2026 par "Chorus Pro"
      Et la maîtrise d'ouvrage est notifiée « action attendue » pour la pièce A4 le 10 mars 2026

    @REQ-HIST-01
    Scénario: l'historique avec les dates et les utilisateurs
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et 3 jours passent
      Et la maîtrise d'œuvre prend en compte la pièce A4
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors l'historique de la pièce A4 contient "ASSOCIÉE" le 5 mars 2026 par "Paul Ferrand"
      Et l'historique de la pièce A4 est :
        | statut                 | date         | utilisateur   |
        | MISE À DISPOSITION MOE | 2 mars 2026  | Julie Bernard |
        | PRISE EN COMPTE MOE    | 5 mars 2026  | Paul Ferrand  |
        | ASSOCIÉE               | 5 mars 2026  | Paul Ferrand  |

    @REQ-STATUT-01
    Scénario: télécharger une pièce ne change que son indicateur
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors la pièce A4 n'est pas téléchargée par son destinataire
      Quand la maîtrise d'œuvre télécharge la pièce A4
      Alors l'action est acceptée
      Et la pièce A4 est téléchargée par son destinataire
      Et la pièce A4 est au statut "MISE À DISPOSITION MOE"

    @REQ-MONT-02
    Scénario: une correction non contestée est réputée acceptée à une date
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 000 € HT à la suite de la pièce A4
      Et 31 jours passent
      Alors la correction de montant de la pièce A15 est réputée acceptée le 2 avril 2026
      Et le dossier de la pièce A15 enregistre « non contestée » le 2 avril 2026

    @REQ-FIN-09
    Scénario: sans projet de décompte final dans les 30 jours de la réception, la mise en demeure devient possible
      # Réception notifiée le 30 septembre 2026 : 30 jours finissent le vendredi 30 octobre.
      Soit la date du 1er octobre 2026
      Quand nous sommes le 2 novembre 2026
      Alors le titulaire peut être mis en demeure de remettre son projet de décompte final depuis le 31 octobre 2026

  Règle: le calendrier d'un scénario ne recule jamais (D-DELAIS-1bis)

    @REQ-DELAI-CAL
    Scénario: fixer une date antérieure est refusé, et la date reste la même
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la date du calendrier est fixée au 1er mars 2026
      Alors l'action est refusée avec le code "DATE_ANTERIEURE"
      Et le message indique "le calendrier ne recule jamais"
      Et nous sommes le 2 mars 2026
      Quand la date du calendrier est fixée au 3 mars 2127
      Alors l'action est refusée avec le code "DATE_HORS_LIMITES"
      Quand la date du calendrier est fixée au 3 mars 2026
      Alors l'action est acceptée
      Et nous sommes le 3 mars 2026
