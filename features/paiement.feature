# language: fr
@paiement
Fonctionnalité: Le délai global de paiement et les intérêts moratoires
  En tant que titulaire
  je veux connaître l'échéance de paiement et les intérêts dus en cas de retard
  afin de réclamer ce que le Code de la commande publique m'accorde (R.2192-10 à R.2192-36)

  Contexte:
    Soit le jeu de données "demonstration"
    Et le marché "2026-TRV-014"

  @REQ-PAIE-01
  Plan du scénario: le délai global de paiement dépend de la catégorie du payeur
    Soit la structure "Ville de Villeurbanne" est <catégorie>
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors l'échéance de paiement de la pièce A19 est le <échéance>

    Exemples:
      | catégorie                         | échéance      |
      | une collectivité territoriale     | 1er avril 2026 |
      | l'État                            | 1er avril 2026 |
      | un établissement public de santé  | 21 avril 2026  |
      | une entreprise publique           | 1er mai 2026   |

  @REQ-PAIE-02
  Scénario: paiement en retard : intérêts moratoires et indemnité forfaitaire
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage constate le service fait sur la pièce A19
    Et la maîtrise d'ouvrage mandate la pièce A19
    Et nous sommes le 11 avril 2026
    Et la maîtrise d'ouvrage met en paiement la pièce A19
    # 12 000 € TTC × (2,15 + 8) % × 10 jours / 365 = 33,37 €.
    Alors la pièce A19 donne droit à 33,37 € d'intérêts moratoires et 40 € d'indemnité forfaitaire

  @REQ-PAIE-02
  Scénario: paiement dans le délai : aucun intérêt
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et nous sommes le 1er avril 2026
    Et la maîtrise d'ouvrage paie la pièce A19
    Alors la pièce A19 ne donne droit à aucun intérêt moratoire

  @REQ-PAIE-04
  Scénario: la première suspension interrompt le délai une seule fois
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et nous sommes le 12 mars 2026
    Et la maîtrise d'ouvrage suspend la pièce A19 : "RIB manquant"
    Alors le dossier de la pièce A19 est "suspendu"
    Quand nous sommes le 20 mars 2026
    Et le titulaire complète la pièce A19
    Alors la pièce A19 est au statut "MISE À DISPOSITION"
    Et l'échéance de paiement de la pièce A19 est le 19 avril 2026

  @REQ-PAIE-05
  Scénario: une demande de paiement rejetée fige le dossier
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage rejette la pièce A19 : "doublon"
    Alors la pièce A19 est au statut "REJETÉE"
    Et le dossier de la pièce A19 est "refusé"

  # D-PAIEMENT-1 : le dossier figé, aucune pièce ne s'y traite plus ; la raison donnée est le
  # dossier, pas seulement le statut de la pièce.
  @REQ-PAIE-05
  Scénario: le payeur ne traite plus une demande de paiement d'un dossier figé
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage rejette la pièce A19 : "doublon"
    Quand la maîtrise d'ouvrage constate le service fait sur la pièce A19
    Alors l'action est refusée avec le code "DOSSIER_FIGE"

  @REQ-PAIE-05
  Scénario: un dossier figé par un rejet ne se recycle plus
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage rejette la pièce A19 : "doublon"
    Quand la maîtrise d'ouvrage demande le recyclage de la pièce précédant la pièce A19
    Alors l'action est refusée avec le code "DOSSIER_FIGE"

  # Chaque élément des intérêts moratoires vérifié seul (D-DELAIS-7, CCP R.2192-31 à R.2192-36).
  @REQ-PAIE-02
  Scénario: un payeur de santé paie 15 jours après son échéance : taux, base, jours, indemnité un à un
    Soit la structure "Ville de Villeurbanne" est un établissement public de santé
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 20 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 20 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 20 000 € HT à la suite de la pièce A15
    Alors l'échéance de paiement de la pièce A19 est le 21 avril 2026
    Quand nous sommes le 6 mai 2026
    Et la maîtrise d'ouvrage paie la pièce A19
    # Taux BCE du semestre du 1er janvier 2026 (2,15 %) + 8 points, sur 24 000 € TTC, 15 jours :
    # 24 000 × 10,15 % × 15 / 365 = 100,11 €.
    Alors le taux des intérêts moratoires de la pièce A19 est de 10,15 %
    Et la base des intérêts moratoires de la pièce A19 est de 24 000 €
    Et la pièce A19 est payée avec 15 jours de retard
    Et l'indemnité forfaitaire de la pièce A19 est de 40 €
    Et la pièce A19 donne droit à 100,11 € d'intérêts moratoires et 40 € d'indemnité forfaitaire

  @REQ-PAIE-02
  Scénario: le montant à payer déclaré est la base des intérêts, au taux du second semestre 2026
    Soit la date du 1er septembre 2026
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15 avec :
      | champ           | valeur  |
      | montant à payer | 9 000 € |
    Alors l'échéance de paiement de la pièce A19 est le 1er octobre 2026
    Quand nous sommes le 21 octobre 2026
    Et la maîtrise d'ouvrage paie la pièce A19
    # Taux BCE du semestre du 1er juillet 2026 (2,15 %, hypothèse) + 8 points, sur 9 000 €,
    # 20 jours : 9 000 × 10,15 % × 20 / 365 = 50,05 €.
    Alors le taux des intérêts moratoires de la pièce A19 est de 10,15 %
    Et la base des intérêts moratoires de la pièce A19 est de 9 000 €
    Et la pièce A19 est payée avec 20 jours de retard
    Et l'indemnité forfaitaire de la pièce A19 est de 40 €
    Et la pièce A19 donne droit à 50,05 € d'intérêts moratoires et 40 € d'indemnité forfaitaire

  @REQ-PAIE-07
  Scénario: les intérêts moratoires en détail : base, jours, taux, indemnité, date limite de versement
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et nous sommes le 11 avril 2026
    Et la maîtrise d'ouvrage paie la pièce A19
    # Taux BCE du premier semestre 2026 (2,15 %) + 8 points ; 10 jours de retard.
    Alors les intérêts moratoires de la pièce A19 courent sur 12 000 € pendant 10 jours au taux de 10,15 %
    Et l'indemnité forfaitaire de la pièce A19 est de 40 €
    Et les intérêts moratoires de la pièce A19 sont dus au plus tard le 26 mai 2026

  @REQ-PAIE-06
  Scénario: sans taux BCE pour le semestre, aucun taux n'est inventé et l'indemnité reste due
    # La table des taux s'arrête au second semestre 2026 : le premier jour de retard, le
    # 1er janvier 2027, tombe dans un semestre sans taux.
    Soit la date du 1er décembre 2026
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Alors l'échéance de paiement de la pièce A19 est le 31 décembre 2026
    Quand nous sommes le 11 janvier 2027
    Et la maîtrise d'ouvrage paie la pièce A19
    Alors les intérêts moratoires de la pièce A19 ne sont pas calculés faute de taux BCE pour le semestre du 1er janvier 2027
    Et l'indemnité forfaitaire de la pièce A19 est de 40 €

  @REQ-PAIE-04 @REQ-DOSSIER-01
  Scénario: pendant la suspension, le délai de paiement est arrêté avec les jours qui restent
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et nous sommes le 12 mars 2026
    Et la maîtrise d'ouvrage suspend la pièce A19 : "RIB manquant"
    Alors le délai de paiement de la pièce A19 est arrêté avec 20 jours restants
    Et le dossier de la pièce A19 est "suspendu"

  @REQ-PAIE-08
  Plan du scénario: le payeur ne saute pas le service fait (<action>)
    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT
    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 10 000 € HT à la suite de la pièce A4
    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 10 000 € HT à la suite de la pièce A15
    Et la maîtrise d'ouvrage <action> la pièce A19
    Alors l'action est refusée avec le code "STATUT_INCOMPATIBLE"
    Et la pièce A19 est au statut "MISE À DISPOSITION"
    Quand la maîtrise d'ouvrage constate le service fait sur la pièce A19
    Et la maîtrise d'ouvrage met en paiement la pièce A19
    Alors l'action est refusée avec le code "STATUT_INCOMPATIBLE"

    Exemples:
      | action          |
      | mandate         |
      | met en paiement |
