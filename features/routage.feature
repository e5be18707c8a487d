# language: fr
@routage
Fonctionnalité: Les contrôles d'acheminement d'un dépôt
  En tant que fournisseur
  je veux savoir précisément pourquoi un dépôt est refusé
  afin de corriger les données d'acheminement (D-ROUTAGE, dans l'ordre de ses étapes)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-ROUT-01
  Scénario: l'habilitation passe avant tout le reste
    Quand la maîtrise d'œuvre dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ               | valeur                 |
      | structure déposante | Bâtiments du Rhône SAS |
      | destinataire        | 123                    |
    Alors le dépôt est refusé avec le code "UTILISATEUR_NON_RATTACHE"

  @REQ-ROUT-02
  Plan du scénario: le cadre, le rôle et l'enchaînement
    Quand <acteur> dépose une pièce (<cadre>) de 100 € HT
    Alors le dépôt est refusé avec le code "<code>"

    Exemples:
      | acteur                | cadre | code                     |
      | le titulaire          | A3    | CADRE_HORS_PERIMETRE     |
      | le titulaire          | A21   | CADRE_HORS_PERIMETRE     |
      | la maîtrise d'œuvre   | A4    | ROLE_NON_AUTORISE        |
      | le titulaire          | A19   | ROLE_NON_AUTORISE        |
      | la maîtrise d'ouvrage | A19   | PIECE_PRECEDENTE_REQUISE |
      | le titulaire          | A5    | ROLE_NON_AUTORISE        |

  @REQ-ROUT-03
  Plan du scénario: le SIRET du destinataire
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur     |
      | destinataire | <siret>    |
    Alors le dépôt est refusé avec le code "<code>"

    Exemples:
      | siret           | code                  |
      | 4477127820001   | SIRET_FORMAT_INVALIDE |
      | 44771278200014  | SIRET_CLE_INVALIDE    |
      | 33053041900010  | DESTINATAIRE_INCONNU  |
      | 35600000000001  | DESTINATAIRE_INCONNU  |
      | 26197306900014  | DESTINATAIRE_NON_PAYEUR |

  # H-PAYEUR-PUBLIC : seule une structure publique reçoit des factures.
  @REQ-ROUT-03
  Scénario: une facture adressée à une structure privée est refusée
    Quand le titulaire dépose une facture (A1) de 10 000 € HT avec :
      | champ        | valeur         |
      | destinataire | 26197306900014 |
    Alors le dépôt est refusé avec le code "DESTINATAIRE_NON_PUBLIC"

  @REQ-ROUT-03
  Scénario: un destinataire inactif
    Soit la structure "Ville de Villeurbanne" est inactive
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est refusé avec le code "DESTINATAIRE_INACTIF"

  @REQ-ROUT-04
  Scénario: la maîtrise d'œuvre et la maîtrise d'ouvrage nommées sur la pièce
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ            | valeur                |
      | maîtrise d'œuvre | Ville de Villeurbanne |
    Alors le dépôt est refusé avec le code "MAUVAISE_MOE"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ              | valeur                         |
      | maîtrise d'ouvrage | Atelier d'architecture Ferrand |
    Alors le dépôt est refusé avec le code "MAUVAISE_MOA"

  @REQ-ROUT-05
  Scénario: le code service
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur    |
      | code service | INCONNU   |
    Alors le dépôt est refusé avec le code "CODE_SERVICE_INCONNU"
    Soit la structure "Ville de Villeurbanne" a le service "FERME" (inactif)
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur |
      | code service | FERME  |
    Alors le dépôt est refusé avec le code "SERVICE_INACTIF"
    Soit la structure "Ville de Villeurbanne" exige le code service
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur |
      | code service |        |
    Alors le dépôt est refusé avec le code "CODE_SERVICE_MANQUANT"

  @REQ-ROUT-06
  Scénario: le numéro d'engagement
    Soit la structure "Ville de Villeurbanne" exige le numéro d'engagement
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ      | valeur |
      | engagement |        |
    Alors le dépôt est refusé avec le code "ENGAGEMENT_MANQUANT"

  @REQ-ROUT-06
  Scénario: un service qui exige un engagement
    Soit la structure "Ville de Villeurbanne" a le service "TRAVAUX" (avec engagement obligatoire)
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ      | valeur |
      | engagement |        |
    Alors le dépôt est refusé avec le code "ENGAGEMENT_MANQUANT"

  @REQ-ROUT-06
  Scénario: le numéro d'engagement ou le code service
    Soit la structure "Ville de Villeurbanne" exige le numéro d'engagement ou le code service
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur |
      | engagement   |        |
      | code service |        |
    Alors le dépôt est refusé avec le code "ENGAGEMENT_OU_SERVICE_MANQUANT"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ      | valeur |
      | engagement |        |
    Alors le dépôt est accepté

  @REQ-MONT-03
  Scénario: des montants incohérents
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ       | valeur    |
      | montant TTC | 12 000,01 |
    Alors le dépôt est refusé avec le code "MONTANTS_INCOHERENTS"

  @REQ-MONT-03
  Scénario: le montant à payer déclaré, plus petit que le TTC, est ce que le payeur paiera
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ           | valeur  |
      | montant à payer | 9 500 € |
    Alors le dépôt est accepté
    Et le montant payable de la pièce A4 est de 9 500 €

  @REQ-MONT-03
  Scénario: le montant à payer d'un état d'acompte validé est celui que le payeur mettra en paiement
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15 avec :
      | champ           | valeur   |
      | montant à payer | 11 000 € |
    Alors le montant payable de la pièce A19 est de 11 000 €

  @REQ-STRUCT-01 @REQ-ROUT-03
  Scénario: une structure se crée avec un SIRET valide ; le siège de La Poste a une clé de Luhn valide
    Quand la structure publique "Mairie de Lyon" de SIRET "21690123100012" avec MOA est créée
    Alors la création est refusée avec le code "SIRET_CLE_INVALIDE"
    Quand la structure publique "Mairie de Lyon" de SIRET "2169012310001" avec MOA est créée
    Alors la création est refusée avec le code "SIRET_FORMAT_INVALIDE"
    Quand la structure privée "Bâti Privé SAS" de SIRET "21690123100011" avec MOA est créée
    Alors la création est refusée avec le code "MOA_NON_HABILITEE"
    # SIREN 356000000 : somme des chiffres 26, pas un multiple de 5, mais une clé de Luhn valide.
    Quand la structure publique "La Poste, siège" de SIRET "35600000000048" sans MOA est créée
    Alors la création est acceptée
    Quand le titulaire dépose une facture simple (A1) de 500 € HT avec :
      | champ        | valeur          |
      | destinataire | La Poste, siège |
    Alors le dépôt est accepté

  @REQ-NUM-01
  Scénario: une structure n'emploie pas deux fois le même numéro de pièce dans l'année
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ  | valeur      |
      | numéro | PDM-2026-03 |
    Et le titulaire dépose un projet de décompte mensuel (A4) de 12 000 € HT avec :
      | champ  | valeur      |
      | numéro | PDM-2026-03 |
    Alors le dépôt est refusé avec le code "NUMERO_DEJA_UTILISE"
    Quand le cotraitant dépose un projet de décompte mensuel (A13) de 2 000 € HT avec :
      | champ  | valeur      |
      | numéro | PDM-2026-03 |
    Alors le dépôt est accepté
