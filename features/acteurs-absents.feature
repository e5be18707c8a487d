# language: fr
@acteurs-absents
Fonctionnalité: Quand un acteur n'est pas dans Chorus Pro, qui dépose quoi, et où vont les pièces
  En tant que maîtrise d'ouvrage ou titulaire d'un marché dont un acteur est absent de Chorus Pro
  je veux savoir qui joue son rôle et avec quels cadres
  afin que le dossier aille jusqu'au paiement, une seule fois (D-CHAINE-4, D-CHAINE-6, D-CHAINE-7)

  Contexte:
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"

  Règle: sans titulaire dans Chorus Pro, la MOA dépose le décompte général en dépôt initial

    @REQ-FIN-07
    Scénario: le décompte général initial part au payeur
      Soit la fiche du marché indique que le titulaire n'est pas dans Chorus Pro
      Quand la maîtrise d'ouvrage dépose un décompte général (A20) de 248 000 € HT
      Alors le dépôt est accepté
      Et la pièce A20 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et la pièce A20 est au statut "MISE À DISPOSITION"

  Règle: un acteur déclaré absent de Chorus Pro n'y dépose rien

    @REQ-CHAINE-04
    Scénario: le titulaire absent ne dépose pas, ni le sous-traitant qui passerait par lui
      Soit la fiche du marché indique que le titulaire n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors le dépôt est refusé avec le code "ACTEUR_ABSENT_DE_CHORUS_PRO"
      Quand le sous-traitant dépose une demande de paiement de sous-traitant (A10) de 3 000 € HT
      Alors le dépôt est refusé avec le code "ACTEUR_ABSENT_DE_CHORUS_PRO"
      Et le message indique "titulaire"

    @REQ-CHAINE-04
    Scénario: la maîtrise d'œuvre absente ne dépose pas de projet de décompte général
      Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Alors la pièce A7 est au statut "MISE À DISPOSITION MOA"
      Quand la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
      Alors le dépôt est refusé avec le code "ACTEUR_ABSENT_DE_CHORUS_PRO"

  Règle: un acteur qui en remplace un autre dépose ses propres cadres

    @REQ-CHAINE-03 @REQ-FIN-06
    Scénario: la maîtrise d'œuvre qui agit pour la maîtrise d'ouvrage dépose l'A18, jamais l'A20
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
      Et la maîtrise d'œuvre dépose un décompte général (A20) de 248 000 € HT à la suite de la pièce A17
      Alors le dépôt est refusé avec le code "ROLE_NON_AUTORISE"
      Quand la maîtrise d'œuvre dépose un décompte général (A18) de 248 000 € HT à la suite de la pièce A17
      Alors la pièce A18 est au statut "MISE À DISPOSITION DU FOURNISSEUR"

    @REQ-CHAINE-03
    Scénario: une facture simple nomme son déposant : A9 pour le sous-traitant, A12 pour le cotraitant
      Quand le titulaire dépose une facture de sous-traitant (A9) de 500 € HT
      Alors le dépôt est refusé avec le code "ROLE_NON_AUTORISE"
      Quand la maîtrise d'ouvrage dépose une facture de cotraitant (A12) de 500 € HT
      Alors le dépôt est refusé
      Quand le sous-traitant dépose une facture de sous-traitant (A9) de 500 € HT
      Alors le dépôt est accepté
      Quand le cotraitant dépose une facture de cotraitant (A12) de 500 € HT
      Alors le dépôt est accepté

  Règle: sans MOA dans Chorus Pro, la pièce reçue par le payeur attend sa suite, et le solde n'est payé qu'une fois

    @REQ-CHAINE-05
    Scénario: après le projet de décompte général reçu par le payeur, la maîtrise d'œuvre notifie le décompte général
      Soit la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
      Alors la pièce A17 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Quand la maîtrise d'œuvre dépose un décompte général (A18) de 248 000 € HT à la suite de la pièce A17
      Alors la pièce A17 est au statut "ASSOCIÉE"
      Quand la maîtrise d'ouvrage constate le service fait sur la pièce A17
      Alors l'action est refusée avec le code "STATUT_INCOMPATIBLE"

    @REQ-CHAINE-05
    Scénario: l'A22 reçue par le payeur, suivie du DGD tacite, n'est plus payable
      Soit la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
      Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
      Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
      Et nous sommes le 5 novembre 2026
      Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A17
      Alors la pièce A22 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et le délai de la procédure tacite de la pièce A22 expire le 16 novembre 2026
      Quand nous sommes le 17 novembre 2026
      Et le titulaire dépose un décompte général et définitif tacite (A23) de 250 000 € HT à la suite de la pièce A22
      Alors la pièce A22 est au statut "ASSOCIÉE"
      Quand la maîtrise d'ouvrage constate le service fait sur la pièce A22
      Alors l'action est refusée avec le code "STATUT_INCOMPATIBLE"
      Quand la maîtrise d'ouvrage paie la pièce A23
      Alors le dossier de la pièce A23 est "payé"
