# language: fr
@demo @dossier-mensuel
Fonctionnalité: Démonstration 3 — Récupérer une pièce du dossier de facturation et déposer la pièce suivante
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Démonstrations abordées » (3/) et « Annexe [3/5] et [4/5] – Les statuts des factures de travaux ».

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-MENS-01 @REQ-STATUT-01 @REQ-MONT-01
  Scénario: la maîtrise d'œuvre récupère le projet de décompte et dépose l'état d'acompte
    Soit le formateur explique :
      """
      Le titulaire a déposé son projet de décompte mensuel. La maîtrise d'œuvre le trouve dans
      son espace « Factures de travaux », au statut « Mise à disposition MOE ».
      """
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | MISE À DISPOSITION MOE |
    Et le formateur explique :
      """
      Elle récupère (télécharge) la pièce, puis la prend en compte : « Prise en compte MOE ».
      """
    Quand la maîtrise d'œuvre télécharge la pièce A4
    Et la maîtrise d'œuvre prend en compte la pièce A4
    Alors la pièce A4 est téléchargée par son destinataire
    Et l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut              |
      | A4    | projet de décompte mensuel | PRISE EN COMPTE MOE |
    Et le formateur explique :
      """
      Elle dépose la pièce suivante, l'état d'acompte, en corrigeant le montant : le projet de
      décompte passe « Associée » et l'état d'acompte arrive chez la maîtrise d'ouvrage.
      """
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 500 € HT à la suite de la pièce A4
    Alors l'écart de la pièce A15 est de -500 € HT
    Et l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | ASSOCIÉE               |
      | A15   | état d'acompte             | MISE À DISPOSITION MOA |
    Et l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | ASSOCIÉE               |
      | A15   | état d'acompte             | MISE À DISPOSITION MOA |
