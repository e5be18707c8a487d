# language: fr
@dossier-mensuel
Fonctionnalité: Le dossier de facturation mensuel, du projet de décompte à la mise en paiement
  En tant que titulaire d'un marché de travaux
  je veux que mon projet de décompte mensuel suive le circuit maîtrise d'œuvre, maîtrise d'ouvrage, service financier
  afin d'être payé de l'acompte dans le délai global de paiement

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  Règle: le circuit nominal passe par la MOE puis la MOA (fait §2.1)

    @REQ-MENS-01 @REQ-MONT-01
    Scénario: circuit nominal avec correction du montant par la maîtrise d'œuvre
      Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
      Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
      Et la pièce A4 est dans l'espace « Factures de travaux » de la maîtrise d'œuvre
      Quand la maîtrise d'œuvre prend en compte la pièce A4
      Alors la pièce A4 est au statut "PRISE EN COMPTE MOE"
      Quand la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 500 € HT à la suite de la pièce A4
      Alors la pièce A4 est au statut "ASSOCIÉE"
      Et la pièce A15 est au statut "MISE À DISPOSITION MOA"
      Et l'écart de la pièce A15 est de -500 € HT
      Quand la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 9 500 € HT à la suite de la pièce A15
      Alors la pièce A19 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage
      Et l'échéance de paiement de la pièce A19 est le 1er avril 2026
      Quand la maîtrise d'ouvrage paie la pièce A19
      Alors la pièce A19 est au statut "MISE EN PAIEMENT"
      Et le dossier de la pièce A19 est "payé"
      Et l'historique de la pièce A4 est :
        | statut                 |
        | MISE À DISPOSITION MOE |
        | PRISE EN COMPTE MOE    |
        | ASSOCIÉE               |
