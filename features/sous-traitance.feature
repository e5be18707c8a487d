# language: fr
@sous-traitance
Fonctionnalité: La demande de paiement d'un sous-traitant en paiement direct
  En tant que sous-traitant payé directement
  je veux que le titulaire accepte ma demande de paiement, ou qu'elle soit réputée acceptée
  afin qu'elle poursuive son circuit vers la maîtrise d'œuvre (CCP R.2193-12)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"
    Et le sous-traitant dépose une demande de paiement (A10) de 3 000 € HT

  @REQ-ST-01
  Scénario: acceptée en totalité par le titulaire
    Alors la pièce A10 est au statut "A_VALIDER_1"
    Et la pièce A10 est dans l'espace « Factures de travaux » du titulaire
    Quand 2 jours passent
    Et le titulaire accepte la demande de paiement A10
    Alors la pièce A10 est au statut "MISE À DISPOSITION MOE"
    Et l'historique de la pièce A10 est :
      | statut                 |
      | A_VALIDER_1            |
      | VALIDEE_1              |
      | MISE À DISPOSITION MOE |
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 3 000 € HT à la suite de la pièce A10
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 3 000 € HT à la suite de la pièce A15
    Alors l'échéance de paiement de la pièce A19 est le 3 avril 2026

  @REQ-ST-02
  Scénario: acceptée en partie
    Quand le titulaire accepte la demande de paiement A10 à hauteur de 4 000 €
    Alors l'action est refusée avec le code "MONTANT_ACCEPTE_INVALIDE"
    Quand le titulaire accepte la demande de paiement A10 à hauteur de 2 400 €
    Alors le montant accepté de la pièce A10 est de 2 400 €
    Et la pièce A10 est au statut "MISE À DISPOSITION MOE"

  @REQ-ST-03
  Scénario: refusée par le titulaire, le circuit s'arrête
    Quand la maîtrise d'œuvre accepte la demande de paiement A10
    Alors l'action est refusée avec le code "ACTION_NON_AUTORISEE"
    Quand le titulaire refuse la demande de paiement A10 : "travaux non exécutés"
    Alors la pièce A10 est au statut "REFUSEE_1"
    Et le dossier de la pièce A10 est "refusé"

  @REQ-ST-04
  Scénario: réputée acceptée après 15 jours de silence du titulaire
    # Déposée le lundi 2 mars 2026 : 15 jours finissent le mardi 17 mars.
    Quand 15 jours passent
    Alors la pièce A10 est au statut "A_VALIDER_1"
    Quand 1 jour passe
    Alors la pièce A10 est au statut "MISE À DISPOSITION MOE"
    Et l'historique de la pièce A10 contient "ABSENCE_VALIDATION_1_HORS_DELAI"

  @REQ-ST-04
  Scénario: après 15 jours de silence, la maîtrise d'œuvre poursuit le circuit de la demande
    Quand 16 jours passent
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 3 000 € HT à la suite de la pièce A10
    Alors le dépôt est accepté
    Et la maîtrise d'ouvrage est notifiée « action attendue » pour la pièce A15 le 18 mars 2026
