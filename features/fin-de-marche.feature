# language: fr
@fin-de-marche
Fonctionnalité: La fin du marché, du projet de décompte final au décompte général et définitif
  En tant que maîtrise d'ouvrage
  je veux arrêter le décompte général dans les délais du CCAG
  afin que le titulaire le signe et que le solde soit payé

  Contexte:
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"
    Et le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et 5 jours passent
    Et la maîtrise d'œuvre dépose un projet de décompte général (A17) de 248 000 € HT à la suite de la pièce A7
    Et 5 jours passent
    Et la maîtrise d'ouvrage dépose un décompte général (A20) de 248 000 € HT à la suite de la pièce A17

  @REQ-FIN-01
  Scénario: le décompte général signé devient le DGD et part au paiement
    Alors la pièce A20 est au statut "MISE À DISPOSITION DU FOURNISSEUR"
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20
    Alors la pièce A8 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
    Et le dossier de la pièce A8 est "DGD signé"
    Et l'échéance de paiement de la pièce A8 est le 14 novembre 2026
    Quand la maîtrise d'ouvrage paie la pièce A8
    Alors le dossier de la pièce A8 est "payé"

  @REQ-FIN-02
  Scénario: le titulaire refuse le décompte général
    Quand le titulaire refuse la pièce A20 pour le motif "MAUVAISE_MOA" : "erreur de destinataire"
    Alors le refus est refusé avec le code "MOTIF_NON_AUTORISE"
    Quand le titulaire refuse la pièce A20 pour le motif "AUTRE" : "le solde omet les travaux de l'ordre de service n°4"
    Alors la pièce A20 est au statut "REFUSÉE PAR LE FOURNISSEUR POUR AUTRE MOTIF"
    Et le dossier de la pièce A20 est "DG contesté"

  @REQ-FIN-02
  Scénario: le titulaire ne refuse pas le décompte général pour un mauvais valideur
    Quand le titulaire refuse la pièce A20 pour le motif "MAUVAIS_VALIDEUR" : "ce n'est pas le bon service"
    Alors le refus est refusé avec le code "MOTIF_NON_AUTORISE"

  @REQ-FIN-03
  Scénario: le décompte général retourné avec réserves
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20 avec :
      | champ           | valeur                  |
      | réserves        | révision de prix omise  |
      | montant réclamé | 12 500 €                |
    Alors le dossier de la pièce A8 est "DG contesté"
    Et la pièce A8 est au statut "MISE À DISPOSITION"

  @REQ-FIN-04
  Scénario: des réserves sans montant valent acceptation
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20 avec :
      | champ    | valeur              |
      | réserves | réserve de principe |
    # D-DELAIS-6 : des réserves sans montant valent acceptation, comme le silence.
    Alors le dossier de la pièce A8 est "DGD réputé accepté"
    Et le dossier de la pièce A8 enregistre « réserves sans montant » le 15 octobre 2026

  @REQ-FIN-05 @REQ-DELAI-WEEKEND
  Scénario: sans réponse en 30 jours, le décompte général est réputé accepté
    # Mis à disposition le jeudi 15 octobre : 30 jours finissent le samedi 14 novembre, reportés au lundi 16.
    Quand nous sommes le 16 novembre 2026
    Alors la pièce A20 est au statut "MISE À DISPOSITION DU FOURNISSEUR"
    Quand 1 jour passe
    Alors la pièce A20 est au statut "MISE À DISPOSITION"
    Et la pièce A20 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
    Et le dossier de la pièce A20 est "DGD réputé accepté"
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20
    Alors le dépôt est refusé avec le code "SIGNATURE_HORS_DELAI"

  @REQ-FIN-06
  Scénario: la maîtrise d'œuvre notifie le décompte général quand la fiche l'y autorise
    Quand le titulaire dépose un projet de décompte final (A7) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un décompte général (A18) de 10 000 € HT à la suite de la pièce A7
    Alors la pièce A18 est au statut "MISE À DISPOSITION DU FOURNISSEUR"

  @REQ-FIN-08
  Scénario: un décompte général signé avec réserves chiffrées n'est payable que pour les sommes non contestées
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20 avec :
      | champ           | valeur                  |
      | réserves        | révision de prix omise  |
      | montant réclamé | 12 500 €                |
    # 248 000 € HT, soit 297 600 € TTC, moins les 12 500 € réclamés.
    Alors le montant payable de la pièce A8 est de 285 100 €

  @REQ-DOSSIER-01
  Scénario: un décompte général signé puis suspendu par le payeur : le dossier est suspendu
    Quand le titulaire dépose un décompte général signé (A8) de 248 000 € HT à la suite de la pièce A20
    Et la maîtrise d'ouvrage suspend la pièce A8 : "pièce justificative manquante"
    Alors le dossier de la pièce A8 est "suspendu"
    Quand le titulaire complète la pièce A8
    Alors le dossier de la pièce A8 est "DGD signé"

  @REQ-DELAI-LECTURE @REQ-DELAI-WEEKEND
  Scénario: les délais de notification et de signature du décompte général se lisent sur les pièces
    Alors le délai de notification du décompte général de la pièce A7 expire le 4 novembre 2026
    Et le délai de signature du décompte général de la pièce A20 expire le 16 novembre 2026
