//! `modifierParametres`: a manager changes the structure's parameters and « Présence MOA ». A
//! partial object changes only what it names, over the structure's current parameters; a field
//! of another type, or an unknown field, is refused with its name, so that nothing is ever reset
//! silently.

use super::super::prelude::*;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{Parametres, PresenceMoa};

/// `POST /cpro/structures/v1/modifierParametres`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/modifierParametres"],
    schema_requete: "ModifierParametres",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of a change (every parameter stated).
pub fn corps(siret: Siret, parametres: &Parametres, p: Option<PresenceMoa>) -> Value {
    json!({ "identifiantStructure": siret.to_string(), "parametres": parametres_json(parametres), "presenceMoa": p.map(presence) })
}

/// Server: over the structure's current parameters (the defaults for an unknown structure, which
/// the reference then refuses).
fn decoder(v: &Value, p: &PlateformeReference) -> Result<Commande, Rejet> {
    let siret = siret(v, "identifiantStructure")?;
    let base = p.reference().annuaire().par_siret(siret).map(|(_, st)| st.parametres).unwrap_or_default();
    Ok(Commande::ModifierParametres {
        siret,
        parametres: match v.get("parametres") {
            None | Some(Value::Null) => base,
            Some(x) => parametres_depuis(x, &base)?,
        },
        presence: presence_opt(v)?,
    })
}

fn parametres_json(p: &Parametres) -> Value {
    json!({
        "codeServiceDoitEtreRenseigne": p.code_service_doit_etre_renseigne,
        "numeroEJDoitEtreRenseigne": p.numero_ej_doit_etre_renseigne,
        "gestionNumeroEJOuCodeService": p.gestion_numero_ej_ou_code_service,
        "recevoirDonneesViaEDI": p.recevoir_donnees_via_edi,
        "statutMiseEnPaiementNestPasRemonte": p.statut_mise_en_paiement_nest_pas_remonte,
    })
}

/// The parameters a body states, over `base`.
fn parametres_depuis(v: &Value, base: &Parametres) -> Result<Parametres, String> {
    let o = v.as_object().ok_or("champ « parametres » : objet attendu, par exemple { \"codeServiceDoitEtreRenseigne\": true }")?;
    let mut p = *base;
    for (k, x) in o {
        let champ = match k.as_str() {
            "codeServiceDoitEtreRenseigne" => &mut p.code_service_doit_etre_renseigne,
            "numeroEJDoitEtreRenseigne" => &mut p.numero_ej_doit_etre_renseigne,
            "gestionNumeroEJOuCodeService" => &mut p.gestion_numero_ej_ou_code_service,
            "recevoirDonneesViaEDI" => &mut p.recevoir_donnees_via_edi,
            "statutMiseEnPaiementNestPasRemonte" => &mut p.statut_mise_en_paiement_nest_pas_remonte,
            autre => return Err(format!("champ « parametres.{autre} » inconnu")),
        };
        *champ = x.as_bool().ok_or_else(|| format!("champ « parametres.{k} » : booléen attendu (true ou false), reçu {x}"))?;
    }
    Ok(p)
}
