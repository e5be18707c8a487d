# language: fr
@notifications
Fonctionnalité: Les notifications des acteurs du dossier
  En tant qu'acteur d'un marché de travaux
  je veux être prévenu quand une action m'attend, quand une pièce s'ajoute au dossier et quand le paiement part
  afin de traiter les pièces à temps (fait §3.4)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-NOTIF-01
  Scénario: qui est prévenu de quoi à chaque étape
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Alors la maîtrise d'œuvre est notifiée « action attendue » pour la pièce A4 le 2 mars 2026
    Et la maîtrise d'ouvrage est notifiée « pièce ajoutée » pour la pièce A4 le 2 mars 2026
    Et le titulaire n'est pas notifié « pièce ajoutée » pour la pièce A4
    Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors la maîtrise d'ouvrage est notifiée « action attendue » pour la pièce A15
    Et le titulaire est notifié « pièce ajoutée » pour la pièce A15
    Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage paie la pièce A19
    Alors le titulaire est notifié « mise en paiement » pour la pièce A19
    Et la maîtrise d'œuvre est notifiée « mise en paiement » pour la pièce A19

  @REQ-NOTIF-02 @REQ-PAIE-03
  Scénario: la mise en paiement cachée au fournisseur
    Soit la structure "Ville de Villeurbanne" ne remonte pas le statut « Mise en paiement » au fournisseur
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage paie la pièce A19
    Alors la maîtrise d'ouvrage voit la pièce A19 au statut "MISE EN PAIEMENT"
    Et le titulaire voit la pièce A19 au statut "MANDATÉE"
    Et le titulaire n'est pas notifié « mise en paiement » pour la pièce A19

  # D-PAIEMENT-2 : en paiement direct, le fournisseur qui ne voit pas la mise en paiement est le
  # sous-traitant ; la maîtrise d'œuvre, qui n'est pas fournisseur, en est notifiée.
  @REQ-NOTIF-02 @REQ-PAIE-03
  Scénario: la mise en paiement cachée au sous-traitant payé directement
    Soit la structure "Ville de Villeurbanne" ne remonte pas le statut « Mise en paiement » au fournisseur
    Quand le sous-traitant dépose une demande de paiement (A10) de 3 000 € HT
    Et le titulaire accepte la demande de paiement A10
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 3 000 € HT à la suite de la pièce A10
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 3 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage paie la pièce A19
    Alors la maîtrise d'ouvrage voit la pièce A19 au statut "MISE EN PAIEMENT"
    Et le sous-traitant voit la pièce A19 au statut "MANDATÉE"
    Et le sous-traitant n'est pas notifié « mise en paiement » pour la pièce A19
    Et la maîtrise d'œuvre est notifiée « mise en paiement » pour la pièce A19
