# language: fr
@demo @fin-de-marche
Fonctionnalité: Processus en fin de marché — du projet de décompte final au décompte général signé
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositive « Traiter les factures de travaux — Processus en fin de marché ».

  Contexte:
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"

  @REQ-FIN-01
  Scénario: projet de décompte final, projet de décompte général, décompte général, décompte général signé
    Soit le formateur explique :
      """
      En fin de marché, le titulaire dépose son projet de décompte final ; la maîtrise d'œuvre
      en tire le projet de décompte général.
      """
    Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et 5 jours passent
    Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut                 |
      | A7    | projet de décompte final   | ASSOCIÉE               |
      | A17   | projet de décompte général | MISE À DISPOSITION MOA |
    Et le formateur explique :
      """
      La maîtrise d'ouvrage notifie le décompte général : il est « mis à disposition du
      fournisseur », qui le signe et le retourne. Le décompte général signé part au paiement.
      """
    Quand 5 jours passent
    Et la maîtrise d'ouvrage dépose un décompte général (A20) de 248 000 € HT à la suite de la pièce A17
    Alors l'écran "Factures de travaux" de "Julie Bernard" montre :
      | cadre | pièce                      | statut                            |
      | A7    | projet de décompte final   | ASSOCIÉE                          |
      | A17   | projet de décompte général | ASSOCIÉE                          |
      | A20   | décompte général           | MISE À DISPOSITION DU FOURNISSEUR |
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20
    Alors le dossier de la pièce A8 est "DGD signé"
    Et l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce                  | statut             |
      | A8    | décompte général signé | MISE À DISPOSITION |
