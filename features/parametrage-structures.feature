# language: fr
@parametrage
Fonctionnalité: Le paramétrage « Présence MOA » et l'espace qui reçoit chaque pièce
  En tant que gestionnaire d'une structure publique
  je veux paramétrer ma structure selon son profil MOA
  afin que les pièces de travaux et les factures arrivent dans le bon espace (fait §4.1, démonstration 1)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et la structure publique "Trésorerie de Villeurbanne" de SIRET "17777786800015" sans MOA

  @REQ-PARAM-01
  Scénario: structure avec MOA : deux espaces sous un seul SIRET
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors la pièce A15 est dans l'espace « Factures de travaux » de "Ville de Villeurbanne"
    Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors la pièce A19 est dans l'espace « Factures reçues » de "Ville de Villeurbanne"

  @REQ-PARAM-02
  Scénario: structure exclusivement MOA et service financier sans MOA
    Quand "Claire Martin" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »
    Alors l'action est acceptée
    Soit le service financier du marché est "Trésorerie de Villeurbanne"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors la pièce A4 a pour destinataire "Trésorerie de Villeurbanne"
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors la pièce A15 est dans l'espace « Factures de travaux » de "Ville de Villeurbanne"
    Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors la pièce A19 est dans l'espace « Factures reçues » de "Trésorerie de Villeurbanne"

  @REQ-PARAM-03
  Scénario: une structure exclusivement MOA ne reçoit pas de facture simple
    Soit la structure "Ville de Villeurbanne" est paramétrée « Structure exclusivement MOA »
    Quand le titulaire dépose une facture simple (A1) de 500 € HT avec :
      | champ        | valeur                |
      | destinataire | Ville de Villeurbanne |
    Alors le dépôt est refusé avec le code "DESTINATAIRE_EXCLUSIVEMENT_MOA"
    Quand le titulaire dépose une facture simple (A1) de 500 € HT avec :
      | champ        | valeur                     |
      | destinataire | Trésorerie de Villeurbanne |
    Alors la pièce A1 est dans l'espace « Factures reçues » de "Trésorerie de Villeurbanne"

  @REQ-PARAM-04
  Scénario: une structure sans MOA ne reçoit que les cadres de la liste
    Soit la structure "Ville de Villeurbanne" est paramétrée « Structure exclusivement MOA »
    Et le service financier du marché est "Trésorerie de Villeurbanne"
    Et la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
    Et la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
    Et la date du 5 octobre 2026
    Quand le titulaire dépose un projet de décompte final (A7) de 10 000 € HT
    Alors le dépôt est refusé avec le code "CADRE_NON_RECU_SANS_MOA"
    Quand le titulaire dépose un état d'acompte validé (A6) de 10 000 € HT
    Alors la pièce A6 est dans l'espace « Factures reçues » de "Trésorerie de Villeurbanne"

  @REQ-PARAM-05
  Scénario: seul un gestionnaire modifie le paramétrage, et seule une structure publique est MOA
    Soit l'utilisateur "Éric Faure" rattaché à "Ville de Villeurbanne" comme utilisateur
    Quand "Éric Faure" paramètre "Ville de Villeurbanne" en « Structure sans MOA »
    Alors le paramétrage est refusé avec le code "RESERVE_GESTIONNAIRE"
    Quand "Julie Bernard" paramètre "Bâtiments du Rhône SAS" en « Structure avec MOA »
    Alors le paramétrage est refusé avec le code "MOA_NON_HABILITEE"
    Quand "Claire Martin" coche « Le code service doit être renseigné par le fournisseur » pour "Ville de Villeurbanne"
    Et le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur |
      | code service |        |
    Alors le dépôt est refusé avec le code "CODE_SERVICE_MANQUANT"

  @REQ-PARAM-06 @REQ-PARAM-05
  Scénario: une maîtrise d'ouvrage « exclusivement MOA » sans service financier laisse le marché sans payeur
    Quand "Claire Martin" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »
    Alors le paramétrage est accepté
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est refusé avec le code "PAYEUR_ABSENT"
    Et le message indique "n'a pas de payeur"

  @REQ-PARAM-04 @REQ-ST-01
  Scénario: sans MOE ni MOA, la demande de paiement du sous-traitant va au service financier « sans MOA » après l'avis du titulaire
    Soit la structure "Ville de Villeurbanne" est paramétrée « Structure exclusivement MOA »
    Et le service financier du marché est "Trésorerie de Villeurbanne"
    Et la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro
    Et la fiche du marché indique que la maîtrise d'ouvrage n'est pas dans Chorus Pro
    Quand le sous-traitant dépose une demande de paiement de sous-traitant (A10) de 3 000 € HT
    Alors la pièce A10 a pour destinataire "Trésorerie de Villeurbanne"
    Et la pièce A10 est au statut "A_VALIDER_1"
    Quand le titulaire accepte la demande de paiement A10
    Alors la pièce A10 est dans l'espace « Factures reçues » de "Trésorerie de Villeurbanne"
    Et la pièce A10 est au statut "MISE À DISPOSITION"
