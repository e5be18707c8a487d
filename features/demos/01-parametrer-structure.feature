# language: fr
@demo @parametrage
Fonctionnalité: Démonstration 1 — Paramétrer une structure selon son profil MOA
  Webinaire « Gérer les factures de travaux sur Chorus Pro pour les MOA » (01/2018),
  diapositives « Démonstration : Paramétrer une structure selon son profil MOA [1/2] et [2/2] ».

  Contexte:
    Soit le jeu de données "demonstration"
    Et l'utilisateur "Béatrice Chapuis" rattaché à "Ville de Villeurbanne" comme gestionnaire principal avec un compte PIGP
    Et l'utilisateur "Béatrice Chapuis" rattaché à "Département du Rhône" comme gestionnaire secondaire avec un compte PIGP

  @REQ-PARAM-05 @REQ-PARAM-02
  Scénario: la gestionnaire passe la Ville de Villeurbanne en « Structure exclusivement MOA »
    Soit le formateur explique :
      """
      Première démonstration : Béatrice Chapuis gère la structure de la Ville de Villeurbanne.
      Elle ouvre l'espace « Mon Compte » : ses informations générales d'abord.
      """
    Alors l'écran "Mon compte" de "Béatrice Chapuis" montre :
      | champ                           | valeur                      |
      | Identifiant de connexion        | beatrice.chapuis@exemple.fr |
      | Adresse électronique de contact | beatrice.chapuis@exemple.fr |
      | Nom                             | Chapuis                     |
      | Prénom                          | Béatrice                    |
    Et le formateur explique :
      """
      En faisant défiler la page, « Mes rattachements aux structures » : une ligne par structure,
      avec son rôle. Seul un gestionnaire (principal ou secondaire) peut modifier le paramétrage.
      """
    Et l'écran "Mes rattachements" de "Béatrice Chapuis" montre :
      | Identifiant Structure | Raison sociale        | Rôle                    |
      | 44771278200013        | Ville de Villeurbanne | GESTIONNAIRE_PRINCIPAL  |
      | 49265548600016        | Département du Rhône  | GESTIONNAIRE_SECONDAIRE |
    Et le formateur explique :
      """
      « Modifier le paramétrage de la structure », puis le bloc « Paramètres » : cinq cases
      à cocher et la « Présence MOA ». La Ville est aujourd'hui « Structure avec MOA » : un seul
      SIRET pour la MOA et le service financier, deux espaces de réception.
      """
    Et l'écran "Paramètres" de la structure "Ville de Villeurbanne" montre :
      | paramètre                                                          | valeur             |
      | L'entité peut recevoir des données via EDI                         | non                |
      | Le statut de "Mise en paiement" n'est pas remonté au fournisseur   | non                |
      | Le code service doit être renseigné par le fournisseur             | non                |
      | Le numéro d'engagement doit être renseigné par le fournisseur      | non                |
      | Le numéro d'engagement ou le code service est obligatoire          | non                |
      | Présence MOA                                                       | Structure avec MOA |
    Quand "Béatrice Chapuis" coche « Le code service doit être renseigné par le fournisseur » pour "Ville de Villeurbanne"
    Et "Béatrice Chapuis" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »
    Alors le paramétrage est accepté
    Et le formateur explique :
      """
      La Ville a désormais un service financier distinct (un autre SIRET, « Structure sans MOA »).
      Elle devient « Structure exclusivement MOA » : elle ne reçoit plus que des factures de travaux.
      """
    Et l'écran "Paramètres" de la structure "Ville de Villeurbanne" montre :
      | paramètre                                                          | valeur                      |
      | L'entité peut recevoir des données via EDI                         | non                         |
      | Le statut de "Mise en paiement" n'est pas remonté au fournisseur   | non                         |
      | Le code service doit être renseigné par le fournisseur             | oui                         |
      | Le numéro d'engagement doit être renseigné par le fournisseur      | non                         |
      | Le numéro d'engagement ou le code service est obligatoire          | non                         |
      | Présence MOA                                                       | Structure exclusivement MOA |
