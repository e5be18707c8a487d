# language: fr
@demo @dossier-mensuel
Fonctionnalité: Processus en cours de marché — du projet de décompte mensuel à l'état d'acompte validé
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositive « Traiter les factures de travaux — Processus en cours de marché ».

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-MENS-01 @REQ-PARAM-01
  Scénario: fournisseur, maîtrise d'œuvre, maîtrise d'ouvrage, service financier
    Soit le formateur explique :
      """
      Quatre couloirs : le fournisseur, la maîtrise d'œuvre, la maîtrise d'ouvrage et le service
      financier. Le fournisseur dépose son projet de décompte mensuel.
      """
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors l'écran "Factures de travaux" de "Paul Ferrand" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | MISE À DISPOSITION MOE |
    Et le formateur explique :
      """
      La maîtrise d'œuvre valide le projet de décompte mensuel en déposant l'état d'acompte.
      """
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | ASSOCIÉE               |
      | A15   | état d'acompte             | MISE À DISPOSITION MOA |
    Et le formateur explique :
      """
      La maîtrise d'ouvrage valide l'état d'acompte en déposant l'état d'acompte validé. La Ville
      est « Structure avec MOA » : la demande de paiement arrive dans son espace « Factures
      reçues », où son service financier la réceptionne.
      """
    Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce                 | statut             |
      | A19   | état d'acompte validé | MISE À DISPOSITION |
    Et le formateur explique :
      """
      Le service financier constate le service fait, mandate, met en paiement : le dossier est payé.
      """
    Quand la maîtrise d'ouvrage paie la pièce A19
    Alors le dossier de la pièce A19 est "payé"
    Et l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce                 | statut           |
      | A19   | état d'acompte validé | MISE EN PAIEMENT |
