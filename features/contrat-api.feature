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
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT avec :
      | champ        | valeur         |
      | destinataire | 44771278200014 |
    Alors le dépôt est refusé avec le code "SIRET_CLE_INVALIDE"

  @REQ-API-02
  Scénario: les 25 cadres de facturation et les motifs de refus
    Alors la plateforme connaît les 25 cadres de facturation
    Et la plateforme liste les motifs de refus "AUTRE, MAUVAIS_VALIDEUR, MAUVAISE_MOE, MAUVAISE_MOA, REF_FAC_TRAVAUX, ERREUR_MONTANT"
