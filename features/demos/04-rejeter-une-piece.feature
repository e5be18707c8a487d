# language: fr
@demo @refus
Fonctionnalité: Démonstration 4 — Rejeter une pièce du dossier de facturation
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Démonstrations abordées » (3/ Rejeter) et « Annexe [5/5] – Les statuts des factures de travaux » (pièce refusée).

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4

  @REQ-REFUS-03 @REQ-RECYC-01
  Scénario: la MOA refuse l'état d'acompte pour une erreur dans les données d'acheminement, la MOE le recycle
    Soit le formateur explique :
      """
      Premier refus : une erreur dans les données d'acheminement (ici, la pièce n'est pas
      adressée à la bonne maîtrise d'ouvrage). La pièce revient à son déposant, qui la recycle
      sans en changer le montant.
      """
    Quand la maîtrise d'ouvrage refuse la pièce A15 pour le motif "MAUVAISE_MOA"
    Alors l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                                                          |
      | A4    | projet de décompte mensuel | ASSOCIÉE                                                        |
      | A15   | état d'acompte             | REFUSÉE PAR LA MOA POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT |
    Quand la maîtrise d'œuvre recycle la pièce A15
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | ASSOCIÉE               |
      | A15   | état d'acompte             | MISE À DISPOSITION MOA |

  @REQ-REFUS-03 @REQ-REFUS-02
  Scénario: la MOA refuse l'état d'acompte pour autre motif, le dossier s'arrête
    Soit le formateur explique :
      """
      Second refus : pour autre motif. Le commentaire est obligatoire, le circuit s'arrête :
      le dossier est refusé et il faudra un nouveau projet de décompte.
      """
    Quand la maîtrise d'ouvrage refuse la pièce A15 pour le motif "AUTRE" : "état d'acompte incomplet"
    Alors le dossier de la pièce A15 est "refusé"
    Et l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                              |
      | A4    | projet de décompte mensuel | ASSOCIÉE                            |
      | A15   | état d'acompte             | REFUSÉE PAR LA MOA POUR AUTRE MOTIF |
