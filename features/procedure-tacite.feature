# language: fr
@procedure-tacite
Fonctionnalité: La procédure tacite du décompte général et définitif
  En tant que titulaire
  je veux obtenir un DGD tacite quand la maîtrise d'ouvrage ne notifie pas le décompte général
  afin que le solde de mon marché ne reste pas bloqué (CCAG-Travaux 2021 art. 12.4.4)

  Contexte:
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"
    Et la réception des travaux a été notifiée le 30 septembre 2026

  Règle: l'A22 n'est possible qu'après le délai de notification du décompte général (D-DELAIS-4)

    @REQ-TAC-01
    Scénario: A22 trop tôt, refusée avec la date à laquelle elle devient possible
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et nous sommes le 4 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Alors le dépôt est refusé avec le code "A22_PREMATUREE"
      Et le message indique "possible à partir du 5 novembre 2026"
      Quand 1 jour passe
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Alors la pièce A22 est au statut "MISE À DISPOSITION MOA"
      Et la pièce A7 est au statut "REMPLACEE_PAR_A22"

    @REQ-TAC-05
    Scénario: pas d'A22 sans projet de décompte final transmis à la maîtrise d'œuvre
      Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Alors la pièce A7 est au statut "MISE À DISPOSITION MOA"
      Quand nous sommes le 15 décembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Alors le dépôt est refusé avec le code "A22_SANS_DECOMPTE_FINAL"
      Et le message indique "502377"

    @REQ-TAC-06
    Scénario: pas de procédure tacite une fois un décompte général notifié
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 250 000 € HT à la suite de la pièce A7
      Et nous sommes le 20 novembre 2026
      Et la maîtrise d'ouvrage dépose un décompte général (A20) de 250 000 € HT à la suite de la pièce A17
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A17
      Alors le dépôt est refusé avec le code "A22_APRES_DECOMPTE_GENERAL"

    @REQ-TAC-07 @REQ-DELAI-FERIE
    Scénario: un délai qui finit le 11 novembre court jusqu'au lendemain
      Soit la date du 12 octobre 2026
      Quand le titulaire dépose un projet de décompte final (A7) de 1 000 € HT
      Et nous sommes le 12 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 1 000 € HT à la suite de la pièce A7
      Alors le dépôt est refusé avec le code "A22_PREMATUREE"
      Et le message indique "13 novembre 2026"

  Règle: la maîtrise d'ouvrage a 10 jours pour répondre à l'A22 (D-DELAIS-5)

    @REQ-TAC-02
    Scénario: décompte général notifié dans les 10 jours, puis signature
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et nous sommes le 5 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      # 10 jours : dimanche 15 novembre, reporté au lundi 16.
      Et nous sommes le 16 novembre 2026
      Et la maîtrise d'ouvrage dépose un décompte général (A20) de 249 000 € HT à la suite de la pièce A22
      Alors la pièce A20 est au statut "MISE À DISPOSITION DU FOURNISSEUR"
      Quand le titulaire dépose un décompte général signé (A8) de 249 000 € HT à la suite de la pièce A20
      Alors le dossier de la pièce A8 est "DGD signé"

    @REQ-TAC-03
    Scénario: un décompte général notifié après les 10 jours est refusé
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et nous sommes le 5 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Et nous sommes le 17 novembre 2026
      Et la maîtrise d'ouvrage dépose un décompte général (A20) de 249 000 € HT à la suite de la pièce A22
      Alors le dépôt est refusé avec le code "DECOMPTE_GENERAL_HORS_DELAI"

    @REQ-TAC-08
    Scénario: un refus de l'A22 n'interrompt pas les 10 jours
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et nous sommes le 5 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Et la maîtrise d'ouvrage refuse la pièce A22 pour le motif "AUTRE" : "projet contesté"
      Alors la pièce A22 est au statut "REFUSÉE PAR LA MOA POUR AUTRE MOTIF"
      Quand nous sommes le 17 novembre 2026
      Et le titulaire dépose un décompte général et définitif tacite (A23) de 250 000 € HT à la suite de la pièce A22
      Alors le dossier de la pièce A23 est "DGD tacite"

    @REQ-TAC-04
    Plan du scénario: sans décompte général, le DGD tacite est déposé par <acteur>
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et nous sommes le 5 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
      Et nous sommes le 16 novembre 2026
      Et <acteur> dépose un décompte général et définitif tacite (<cadre>) de 250 000 € HT à la suite de la pièce A22
      Alors le dépôt est refusé avec le code "DGD_TACITE_PREMATURE"
      Et le message indique "17 novembre 2026"
      Quand 1 jour passe
      Et <acteur> dépose un décompte général et définitif tacite (<cadre>) de 250 000 € HT à la suite de la pièce A22
      Alors la pièce <cadre> est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et le dossier de la pièce <cadre> est "DGD tacite"
      Et l'échéance de paiement de la pièce <cadre> est le 17 décembre 2026

      Exemples:
        | acteur                  | cadre |
        | le titulaire            | A23   |
        | la maîtrise d'œuvre     | A24   |
        | la maîtrise d'ouvrage   | A25   |
