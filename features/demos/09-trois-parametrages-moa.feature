# language: fr
@demo @parametrage
Fonctionnalité: Les trois paramétrages d'une maîtrise d'ouvrage et l'espace qui reçoit chaque pièce
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Prérequis [2/3] et [3/3] – Paramétrage MOA » (le tableau des trois organisations).

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et la structure publique "Trésorerie de Villeurbanne" de SIRET "17777786800015" sans MOA
    Et l'utilisateur "Éric Faure" rattaché à "Trésorerie de Villeurbanne" comme gestionnaire principal avec un compte PIGP

  @REQ-PARAM-01
  Scénario: 1) un seul SIRET pour la MOA et le service financier : « Structure avec MOA »
    Soit le formateur explique :
      """
      Premier cas du tableau : la même structure représente la MOA et le service financier.
      Les pièces échangées avec le fournisseur et la MOE arrivent dans « Factures de travaux » ;
      celles qui donnent lieu à paiement, dans « Factures reçues ».
      """
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut   |
      | A4    | projet de décompte mensuel | ASSOCIÉE |
      | A15   | état d'acompte             | ASSOCIÉE |
    Et l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce                 | statut             |
      | A19   | état d'acompte validé | MISE À DISPOSITION |

  @REQ-PARAM-02 @REQ-PARAM-03
  Scénario: 2) deux SIRET : la MOA « exclusivement MOA », le service financier « sans MOA »
    Soit le formateur explique :
      """
      Deuxième cas : la MOA et le service financier ont chacun leur SIRET. La MOA passe
      « Structure exclusivement MOA » : elle ne reçoit plus de facture simple. Le service
      financier, « Structure sans MOA », reçoit l'état d'acompte validé dans « Factures reçues ».
      """
    Quand "Claire Martin" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »
    Et le titulaire dépose une facture simple (A1) de 500 € HT avec :
      | champ        | valeur                |
      | destinataire | Ville de Villeurbanne |
    Alors le dépôt est refusé avec le code "DESTINATAIRE_EXCLUSIVEMENT_MOA"
    Soit le service financier du marché est "Trésorerie de Villeurbanne"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors l'écran "Factures de travaux" de "Claire Martin" montre :
      | cadre | pièce                      | statut   |
      | A4    | projet de décompte mensuel | ASSOCIÉE |
      | A15   | état d'acompte             | ASSOCIÉE |
    Et l'écran "Factures reçues" de "Éric Faure" montre :
      | cadre | pièce                 | statut             |
      | A19   | état d'acompte validé | MISE À DISPOSITION |
    Et l'écran "Factures reçues" de "Claire Martin" montre :
      | cadre | pièce | statut |
