# language: fr
@fiche
Fonctionnalité: La fiche d'identité du marché
  En tant qu'analyste
  je veux décrire un marché par sa fiche : ses acteurs, leur présence dans Chorus Pro, qui agit pour qui et ses dates clés
  afin que chaque scénario parte des mêmes données que la plateforme (D-FICHE)

  @REQ-FICHE-01 @REQ-MENS-01
  Scénario: une fiche décrite par une table
    Soit le jeu de données "demonstration"
    Et le marché "M-TABLE-01" :
      | rôle               | structure                      | dans Chorus Pro | code service | engagement |
      | titulaire          | Bâtiments du Rhône SAS         | oui             |              |            |
      | maîtrise d'œuvre   | Atelier d'architecture Ferrand | oui             |              |            |
      | maîtrise d'ouvrage | Ville de Villeurbanne          | oui             | TRAVAUX      | EJ-1       |
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 1 000 € HT
    Alors la pièce A4 est au statut "MISE À DISPOSITION MOE"
    Et la pièce A4 porte le code service "TRAVAUX"

  @REQ-FICHE-01 @REQ-FIN-06
  Scénario: la fiche dit qui agit pour qui : sans substitution, la maîtrise d'œuvre ne notifie pas le décompte général
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et la fiche d'identité "ecole-jaures"
    Et la fiche du marché n'autorise aucune substitution
    Quand le titulaire dépose un projet de décompte final (A7) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un décompte général (A18) de 10 000 € HT à la suite de la pièce A7
    Alors le dépôt est refusé avec le code "ROLE_NON_AUTORISE"
    Soit la fiche du marché autorise la maîtrise d'œuvre à agir pour la maîtrise d'ouvrage
    Quand la maîtrise d'œuvre dépose un décompte général (A18) de 10 000 € HT à la suite de la pièce A7
    Alors la pièce A18 est au statut "MISE À DISPOSITION DU FOURNISSEUR"

  @REQ-FICHE-01 @REQ-TAC-05
  Scénario: quand la levée des réserves est un préalable, le délai du décompte général ne part pas d'un projet de décompte final remis avant
    Soit le jeu de données "demonstration" au 5 octobre 2026
    Et le marché "2026-TRV-014"
    Et la levée des réserves, préalable au projet de décompte final, date du 20 octobre 2026
    Quand le titulaire dépose un projet de décompte final (A7) de 250 000 € HT
    Et nous sommes le 10 novembre 2026
    Et le titulaire dépose un projet de décompte général (A22) de 250 000 € HT à la suite de la pièce A7
    Alors le dépôt est refusé avec le code "A22_SANS_DECOMPTE_FINAL"
    Et le message indique "levée des réserves"
