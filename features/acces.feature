# language: fr
@acces
Fonctionnalité: L'accès des utilisateurs aux structures et à l'espace « Factures de travaux »
  En tant que gestionnaire d'une structure
  je veux que seuls les utilisateurs rattachés et habilités agissent sur nos pièces
  afin que personne n'agisse hors de ses structures (D-UTILISATEURS-2)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-ACCES-01
  Scénario: un utilisateur non rattaché à la structure
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors "Anne Girard" ne voit pas la pièce A4
    Quand "Anne Girard" refuse la pièce A4 pour le motif "AUTRE" : "x"
    Alors le refus est refusé avec le code "PIECE_INCONNUE"
    Quand "Anne Girard" prend en compte la pièce A4
    Alors l'action est refusée avec le code "PIECE_INCONNUE"

  @REQ-ACCES-02
  Scénario: un utilisateur sans l'habilitation « Factures de travaux »
    Soit l'utilisateur "Léo Dupuis" rattaché à "Bâtiments du Rhône SAS" comme utilisateur
    Et l'utilisateur "Léo Dupuis" n'est pas habilité sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Quand "Léo Dupuis" dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est refusé avec le code "ESPACE_TRAVAUX_NON_HABILITE"
    Quand "Léo Dupuis" habilite "Léo Dupuis" sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Alors l'action est refusée avec le code "RESERVE_GESTIONNAIRE"
    Quand "Julie Bernard" habilite "Léo Dupuis" sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Et "Léo Dupuis" dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est accepté

  @REQ-ACCES-03
  Scénario: une structure qui n'a pas ouvert son espace « Factures de travaux »
    Soit la structure "Bâtiments du Rhône SAS" n'a pas ouvert son espace « Factures de travaux »
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est refusé avec le code "ESPACE_TRAVAUX_FERME"
    Quand "Julie Bernard" ouvre l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Et le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est accepté

  @REQ-ACCES-04
  Scénario: le gestionnaire d'une structure publique a un compte PIGP
    Soit l'utilisateur "Nina Garnier" rattaché à "Ville de Villeurbanne" comme gestionnaire secondaire
    Alors l'action est refusée avec le code "PIGP_REQUIS"

  # D-UTILISATEURS-2 : une structure ne voit que les pièces dont elle est partie. Une maîtrise
  # d'œuvre désignée par avenant n'est pas partie aux pièces adressées à la précédente : elle ne
  # peut pas y associer la sienne (le titulaire recycle d'abord sa pièce vers elle).
  @REQ-ACCES-01
  Scénario: la nouvelle maîtrise d'œuvre ne s'associe pas à un projet de décompte qu'elle ne voit pas
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et un avenant désigne la maîtrise d'œuvre "Département du Rhône"
    Alors "Anne Girard" ne voit pas la pièce A4
    Quand "Anne Girard" dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors le dépôt est refusé avec le code "PIECE_PRECEDENTE_INCONNUE"

  @REQ-ACCES-01
  Scénario: la nouvelle maîtrise d'œuvre ne s'associe pas à un projet de décompte final qu'elle ne voit pas
    Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et un avenant désigne la maîtrise d'œuvre "Département du Rhône"
    Et "Anne Girard" dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
    Alors le dépôt est refusé avec le code "PIECE_PRECEDENTE_INCONNUE"
