# language: fr
@contrat-api
Fonctionnalité: Le contrat de l'API : codes de retour
  En tant que certificateur
  je veux que chaque réponse dise la même chose par son statut HTTP et par son codeRetour
  afin qu'un logiciel client puisse se fier à l'un comme à l'autre (fait §6.1)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-API-01
  Scénario: un succès porte le codeRetour 0, un refus un codeRetour non nul
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors le dépôt est accepté
    Et la pièce A4 est au statut "MISE À DISPOSITION MOE"
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur         |
      | destinataire | 44771278200014 |
    Alors le dépôt est refusé avec le code "SIRET_CLE_INVALIDE"

  # D-API-2, D-API-3 : une pièce rendue porte toutes ses clés (idPiecePrecedente,
  # idPieceSuivante, typeFactureTravaux, codeServiceExecutant : null quand elles sont vides) et
  # ses dates au format AAAA-MM-JJ ; un refus porte le codeRetour que la table déclare pour lui.
  @REQ-API-01
  Scénario: une pièce associée se lit telle que le contrat la décrit, et chaque refus avec son numéro
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors la pièce A4 porte le code service "TRAVAUX"
    Et l'historique de la pièce A4 contient "ASSOCIÉE" le 2 mars 2026 par "Paul Ferrand"
    Et la pièce A15 est au statut "MISE À DISPOSITION MOA"
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors le dépôt est refusé avec le code "PIECE_DEJA_SUIVIE"

  @REQ-API-02
  Scénario: les 25 cadres de facturation et les motifs de refus
    Alors la plateforme connaît les 25 cadres de facturation
    Et la plateforme liste les motifs de refus "AUTRE, MAUVAIS_VALIDEUR, MAUVAISE_MOE, MAUVAISE_MOA, REF_FAC_TRAVAUX, ERREUR_MONTANT"

  @REQ-API-02
  Scénario: chaque cadre a son code exact et son déposant ; A11 est gardé pour les dossiers anciens
    Alors le cadre A11 a pour code "A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT"
    Et le cadre A11 est déposé par le sous-traitant
    Et le cadre A11 est marqué « legacy »
    Et le cadre A14 n'est pas marqué « legacy »
    Et le cadre A25 est déposé par la maîtrise d'ouvrage
    Et le cadre A19 a pour code "A19_ETAT_ACOMPTE_VALIDE_MOA"
