# language: fr
@demo @acces
Fonctionnalité: Démonstration 2 — Ouvrir son espace « Factures de travaux »
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Prérequis [1/3] – Création de compte et abonnement aux espaces » et « Démonstrations abordées » (2/).

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et la structure "Bâtiments du Rhône SAS" n'a pas ouvert son espace « Factures de travaux »
    Et l'utilisateur "Léo Dupuis" rattaché à "Bâtiments du Rhône SAS" comme utilisateur
    Et l'utilisateur "Léo Dupuis" n'est pas habilité sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"

  @REQ-ACCES-03 @REQ-ACCES-02
  Scénario: le titulaire ouvre son espace, habilite un collègue, et le premier projet de décompte part
    Soit le formateur explique :
      """
      Chaque acteur du marché a une structure dans Chorus Pro, et ses utilisateurs doivent être
      habilités sur l'espace « Factures de travaux ». Tant que l'espace est fermé, rien ne part.
      """
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est refusé avec le code "ESPACE_TRAVAUX_FERME"
    Et l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce | statut |
    Et le formateur explique :
      """
      Julie Bernard, gestionnaire principale de Bâtiments du Rhône SAS, ouvre l'espace, puis
      habilite son collègue Léo Dupuis : un simple utilisateur ne peut pas le faire lui-même.
      """
    Quand "Julie Bernard" ouvre l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Et "Julie Bernard" habilite "Léo Dupuis" sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS"
    Et "Léo Dupuis" dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est accepté
    Et le formateur explique :
      """
      Le projet de décompte mensuel apparaît dans l'espace « Factures de travaux » du titulaire
      et dans celui de la maîtrise d'œuvre, qui doit le traiter.
      """
    Et l'écran "Factures de travaux" de "Léo Dupuis" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | MISE À DISPOSITION MOE |
    Et l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | MISE À DISPOSITION MOE |
