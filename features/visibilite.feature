# language: fr
@acces @visibilite
Fonctionnalité: Qui voit une pièce : les structures de son dossier, pas toutes les parties du marché
  En tant que cotraitant, sous-traitant ou mandant
  je veux ne voir que les dossiers auxquels je prends part
  afin que les pièces des autres entreprises du groupement restent les leurs (D-UTILISATEURS-3)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-ACCES-05
  Scénario: le cotraitant ne voit pas le projet de décompte du titulaire
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le cotraitant ne voit pas la pièce A4
    Et le sous-traitant ne voit pas la pièce A4
    Et la maîtrise d'œuvre voit la pièce A4 au statut "MISE À DISPOSITION MOE"
    Quand le cotraitant prend en compte la pièce A4
    Alors l'action est refusée avec le code "PIECE_INCONNUE"
    Quand le cotraitant dépose un projet de décompte mensuel (A13) de 2 000 € HT
    Alors le titulaire ne voit pas la pièce A13
    Et le cotraitant voit la pièce A13 au statut "MISE À DISPOSITION MOE"

  @REQ-ACCES-05 @REQ-NOTIF-01
  Scénario: le titulaire voit le dossier de son sous-traitant, qu'il valide, et personne n'est notifié d'une pièce qu'il ne voit pas
    Quand le sous-traitant dépose une demande de paiement de sous-traitant (A10) de 3 000 € HT
    Alors le titulaire voit la pièce A10 au statut "A_VALIDER_1"
    Et le cotraitant ne voit pas la pièce A10
    Et le titulaire est notifié « action attendue » pour la pièce A10 le 2 mars 2026
    Et le cotraitant n'est pas notifié « pièce ajoutée » pour la pièce A10

  @REQ-ACCES-05
  Scénario: le sous-traitant ne voit pas le décompte général du titulaire
    Soit la date du 5 octobre 2026
    Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
    Et la maîtrise d'ouvrage dépose un décompte général (A20) de 248 000 € HT à la suite de la pièce A17
    Alors le titulaire voit la pièce A20 au statut "MISE À DISPOSITION DU FOURNISSEUR"
    Et le sous-traitant ne voit pas la pièce A20
    Et le cotraitant ne voit pas la pièce A20

  @REQ-ACCES-05 @REQ-MOAD-04
  Scénario: l'appel de fonds de la MOA déléguée n'est vu que d'elle et de son mandant
    Soit le marché "2026-MOAD-003"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la MOA déléguée paie la pièce A19
    Et la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant
    Alors le mandant voit la pièce A1 au statut "MISE À DISPOSITION"
    Et le titulaire ne voit pas la pièce A1
    Et la maîtrise d'œuvre ne voit pas la pièce A1

  @REQ-API-03 @REQ-ACCES-05
  Scénario: la recherche des factures de travaux trouve les pièces de chacun, dans son rôle, page à page
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et le cotraitant dépose un projet de décompte mensuel (A13) de 2 000 € HT
    Alors la recherche par le titulaire en tant que fournisseur trouve la pièce A4
    Et la recherche par le titulaire trouve les pièces A4 et A15
    Et la recherche par la maîtrise d'œuvre en tant que fournisseur trouve la pièce A15
    Et la recherche par la maîtrise d'œuvre en tant que maîtrise d'œuvre trouve les pièces A4, A15 et A13
    Et la recherche par la maîtrise d'ouvrage en tant que valideur trouve la pièce A15
    Et la recherche par le cotraitant trouve la pièce A13
    Et la recherche par le sous-traitant ne trouve aucune pièce
