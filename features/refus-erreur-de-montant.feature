# language: fr
@refus
Fonctionnalité: Le motif « erreur de montant » avant et après le 19 février 2025
  En tant que maîtrise d'œuvre
  je veux savoir si je peux refuser une pièce pour un montant faux
  afin de corriger le montant dans ma propre pièce plutôt que de rejeter le dossier (Chorus Pro, KB0011867)

  Règle: refuser pour une erreur de montant n'est plus possible depuis le 19/02/2025 (D-REFUS-3)

    @REQ-REFUS-05
    Scénario: le motif « erreur de montant » est inconnu avant le 19 février 2025
      Soit le jeu de données "demonstration" au 18 février 2025
      Et le marché "2026-TRV-014"
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre refuse la pièce A4 pour le motif "ERREUR_MONTANT" : "montant faux"
      Alors le refus est refusé avec le code "MOTIF_INCONNU"
      Et la plateforme ne liste pas le motif de refus "ERREUR_MONTANT"

    @REQ-REFUS-05
    Scénario: depuis le 19 février 2025, l'erreur de montant se corrige dans sa propre pièce
      Soit le jeu de données "demonstration" au 19 février 2025
      Et le marché "2026-TRV-014"
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre refuse la pièce A4 pour le motif "ERREUR_MONTANT" : "montant faux"
      Alors le refus est refusé avec le code "ERREUR_MONTANT_NON_MOTIF"
      Et le message indique "corrigez le montant dans votre propre pièce"
      Et la pièce A4 est au statut "MISE À DISPOSITION MOE"


    @REQ-REFUS-05
    Scénario: la maîtrise d'ouvrage non plus ne refuse pas un état d'acompte pour une erreur de montant
      Soit le jeu de données "demonstration" au 3 mars 2026
      Et le marché "2026-TRV-014"
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
      Et la maîtrise d'ouvrage refuse la pièce A15 pour le motif "ERREUR_MONTANT" : "montant faux"
      Alors le refus est refusé avec le code "ERREUR_MONTANT_NON_MOTIF"
      Et la pièce A15 est au statut "MISE À DISPOSITION MOA"
