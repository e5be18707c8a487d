# language: fr
@demo @moad
Fonctionnalité: Processus nominal avec une maîtrise d'ouvrage déléguée
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositive « Maîtrise d'ouvrage Déléguée — Modélisation dans Chorus Pro » (processus nominal).

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-MOAD-003"

  @REQ-MOAD-01 @REQ-MOAD-04
  Scénario: la MOA déléguée reçoit les pièces, paie, puis appelle les fonds du mandant
    Soit le formateur explique :
      """
      La SPL Lyon Aménagement est mandataire du Département du Rhône : structure publique
      « avec MOA », elle joue la maîtrise d'ouvrage du marché.
      """
    Alors l'écran "Paramètres" de la structure "SPL Lyon Aménagement" montre :
      | paramètre                                                          | valeur             |
      | L'entité peut recevoir des données via EDI                         | non                |
      | Le statut de "Mise en paiement" n'est pas remonté au fournisseur   | non                |
      | Le code service doit être renseigné par le fournisseur             | non                |
      | Le numéro d'engagement doit être renseigné par le fournisseur      | non                |
      | Le numéro d'engagement ou le code service est obligatoire          | non                |
      | Présence MOA                                                       | Structure avec MOA |
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Alors l'écran "Factures de travaux" de "Hugo Leroy" montre :
      | cadre | pièce                      | statut                 |
      | A4    | projet de décompte mensuel | ASSOCIÉE               |
      | A15   | état d'acompte             | MISE À DISPOSITION MOA |
    Quand la MOA déléguée dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la MOA déléguée paie la pièce A19
    Alors l'écran "Factures reçues" de "Hugo Leroy" montre :
      | cadre | pièce                 | statut           |
      | A19   | état d'acompte validé | MISE EN PAIEMENT |
    Et le formateur explique :
      """
      Le mandataire a avancé la trésorerie : il appelle maintenant les fonds auprès du mandant,
      par une facture simple de son service « factures simples ».
      """
    Quand la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant
    Alors l'écran "Factures reçues" de "Anne Girard" montre :
      | cadre | pièce          | statut             |
      | A1    | facture simple | MISE À DISPOSITION |
