# language: fr
@moad
Fonctionnalité: La maîtrise d'ouvrage déléguée
  En tant que mandataire d'un maître d'ouvrage public
  je veux recevoir et déposer les pièces de la MOA dans Chorus Pro, puis appeler les fonds du mandant
  afin de payer les entreprises avec les deniers du mandant (loi MOP art. 3 et 5, D-MOAD)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-MOAD-003"

  Règle: la MOAD joue la MOA du marché et paie (D-MOAD-2)

    @REQ-MOAD-01
    Scénario: cas 1 : la MOAD est déjà une structure publique avec MOA
      Alors la structure "SPL Lyon Aménagement" peut être maîtrise d'ouvrage
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors la pièce A15 est dans l'espace « Factures de travaux » de la MOA déléguée
      Quand la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Alors la pièce A19 est dans l'espace « Factures reçues » de la MOA déléguée

    @REQ-MOAD-04
    Scénario: le mandataire avance la trésorerie puis appelle les fonds
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Et la MOA déléguée émet un appel de fonds de 1 000 € vers le mandant
      Alors l'appel de fonds est refusé avec le code "APPEL_DE_FONDS_EXCESSIF"
      Quand la MOA déléguée paie la pièce A19
      Et la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant
      Alors la pièce A1 est dans l'espace « Factures reçues » du mandant

    @REQ-MOAD-05
    Scénario: le mandant avance les crédits : l'appel de fonds précède le paiement
      Soit le mandant avance les crédits
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Et la MOA déléguée constate le service fait sur la pièce A19
      Et la MOA déléguée mandate la pièce A19
      Et la MOA déléguée met en paiement la pièce A19
      Alors la mise en paiement est refusée avec le code "CREDITS_NON_APPELES"
      Quand la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant
      Et la MOA déléguée met en paiement la pièce A19
      Alors la pièce A19 est au statut "MISE EN PAIEMENT"

  Règle: une MOAD privée devient publique « avec MOA » par une sollicitation (D-MOAD-1)

    @REQ-MOAD-02
    Scénario: cas 2 : la MOAD est une structure privée existante
      Soit la structure privée "Aménageur privé SAS" de SIRET "20107136400016"
      Et l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP
      Et l'utilisateur "Tom Blanc" rattaché à "Aménageur privé SAS" comme utilisateur
      Et la maîtrise d'ouvrage du marché est "Aménageur privé SAS"
      Alors la structure "Aménageur privé SAS" ne peut pas être maîtrise d'ouvrage
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors le dépôt est refusé avec le code "MOA_NON_HABILITEE"
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Tom Blanc"
      Alors la sollicitation est refusée avec le code "PIGP_REQUIS"
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Léa Morel"
      Et le support traite la sollicitation
      Alors la structure "Aménageur privé SAS" peut être maîtrise d'ouvrage
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Alors la pièce A15 est dans l'espace « Factures de travaux » de "Aménageur privé SAS"
      Quand "Léa Morel" dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Alors la pièce A19 est dans l'espace « Factures reçues » de "Aménageur privé SAS"

    # H-PAYEUR-PUBLIC : tant qu'elle est privée, la MOAD ne reçoit aucune facture ; transformée en
    # structure publique « avec MOA », elle en reçoit.
    @REQ-MOAD-02 @REQ-ROUT-03
    Scénario: une MOAD privée ne reçoit pas de facture avant sa transformation
      Soit la structure privée "Aménageur privé SAS" de SIRET "20107136400016"
      Et l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP
      Quand le titulaire dépose une facture (A1) de 10 000 € HT avec :
        | champ        | valeur         |
        | destinataire | 20107136400016 |
      Alors le dépôt est refusé avec le code "DESTINATAIRE_NON_PUBLIC"
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Léa Morel"
      Et le support traite la sollicitation
      Et le titulaire dépose une facture (A1) de 10 000 € HT avec :
        | champ        | valeur         |
        | destinataire | 20107136400016 |
      Alors le dépôt est accepté

    @REQ-MOAD-03
    Scénario: cas 3 : la MOAD n'existe pas encore dans Chorus Pro
      # La structure est d'abord créée (privée), puis transformée par une sollicitation.
      Soit la structure privée "Nouvel aménageur SAS" de SIRET "33053041900010"
      Et l'utilisateur "Marc Lenoir" rattaché à "Nouvel aménageur SAS" comme gestionnaire principal avec un compte PIGP
      Et la maîtrise d'ouvrage du marché est "Nouvel aménageur SAS"
      Quand "Marc Lenoir" dépose une sollicitation de transformation de "Nouvel aménageur SAS" avec le compte PIGP de "Marc Lenoir"
      Et le support traite la sollicitation
      Alors la structure "Nouvel aménageur SAS" peut être maîtrise d'ouvrage
      Quand le titulaire dépose un projet de décompte final (A7) de 100 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 100 000 € HT à la suite de la pièce A7
      Alors la pièce A17 est dans l'espace « Factures de travaux » de "Nouvel aménageur SAS"
      Quand "Marc Lenoir" dépose un décompte général (A20) de 100 000 € HT à la suite de la pièce A17
      Alors la pièce A20 est au statut "MISE À DISPOSITION DU FOURNISSEUR"

  Règle: ce qu'un mandat a appelé et payé se lit directement (D-MOAD-3)

    @REQ-MOAD-04
    Scénario: le mandataire a payé plus qu'il n'a appelé : le reste à appeler
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
      Et la MOA déléguée paie la pièce A19
      Et la MOA déléguée émet un appel de fonds de 8 000 € vers le mandant
      Alors il reste 4 000 € à appeler auprès du mandant
      Et la pièce A1 part du service "SIMPLES"

    @REQ-MOAD-05
    Scénario: le mandant avance les crédits : les crédits appelés qui restent
      Soit le mandant avance les crédits
      Quand la MOA déléguée émet un appel de fonds de 20 000 € vers le mandant
      Alors il reste 20 000 € de crédits appelés à consommer

    @REQ-MOAD-04 @REQ-ROUT-02
    Scénario: seule la MOA déléguée émet un appel de fonds
      Quand le titulaire émet un appel de fonds de 1 000 € vers le mandant
      Alors l'appel de fonds est refusé
      Quand la maîtrise d'œuvre émet un appel de fonds de 1 000 € vers le mandant
      Alors l'appel de fonds est refusé

  Règle: seul un gestionnaire dépose une sollicitation, pour les comptes PIGP de sa propre structure (D-UTILISATEURS-4)

    @REQ-ACCES-06
    Scénario: un simple utilisateur ne dépose pas de sollicitation, et un compte étranger n'est jamais nommé
      Soit la structure privée "Aménageur privé SAS" de SIRET "20107136400016"
      Et l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP
      Et l'utilisateur "Tom Blanc" rattaché à "Aménageur privé SAS" comme utilisateur avec un compte PIGP
      Quand "Tom Blanc" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Tom Blanc"
      Alors la sollicitation est refusée avec le code "RESERVE_GESTIONNAIRE"
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec les comptes PIGP de "Léa Morel" et "Claire Martin"
      Alors la sollicitation est refusée avec le code "GESTIONNAIRE_NON_RATTACHE"

    @REQ-ACCES-06
    Scénario: le gestionnaire secondaire nommé a lui aussi un compte PIGP
      Soit la structure privée "Aménageur privé SAS" de SIRET "20107136400016"
      Et l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP
      Et l'utilisateur "Tom Blanc" rattaché à "Aménageur privé SAS" comme gestionnaire secondaire
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec les comptes PIGP de "Léa Morel" et "Tom Blanc"
      Alors la sollicitation est refusée avec le code "PIGP_REQUIS"
      Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Léa Morel"
      Alors la sollicitation est acceptée
