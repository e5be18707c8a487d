# language: fr
@demo @procedure-tacite
Fonctionnalité: La procédure tacite — le décompte général et définitif tacite
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Annexe [1/5] et [2/5] – Cadres de facturation » (décompte général définitif et tacite).

  Contexte:
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"
    Et la réception des travaux a été notifiée le 30 septembre 2026

  @REQ-TAC-04
  Scénario: sans décompte général notifié, le titulaire dépose le DGD tacite
    Soit le formateur explique :
      """
      Le titulaire a remis son projet de décompte final, mais la maîtrise d'ouvrage ne notifie
      pas le décompte général dans le délai. Il dépose alors lui-même un projet de décompte général.
      """
    Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et nous sommes le 5 novembre 2026
    Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                                         | statut                 |
      | A7    | projet de décompte final                      | REMPLACÉE PAR A22      |
      | A22   | projet de décompte général (procédure tacite) | MISE À DISPOSITION MOA |
    Et le formateur explique :
      """
      La maîtrise d'ouvrage a dix jours pour notifier le décompte général. Passé ce délai, le
      décompte général et définitif tacite est déposé et part au paiement.
      """
    Quand nous sommes le 17 novembre 2026
    Et le titulaire dépose un décompte général et définitif tacite (A23) de 250 000 € HT à la suite de la pièce A22
    Alors le dossier de la pièce A23 est "DGD tacite"
    Et l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce                                | statut             |
      | A23   | décompte général et définitif tacite | MISE À DISPOSITION |
