//! `consulter`: a structure in the official shape (SW: `ConsulterStructureParam`;
//! `informationGenerales`, `parametres` with `estMoaUniquement` / `getaMoa`,
//! `adressePostaleDuSiege`), plus the reference's own record (`structure`), which its harness
//! reads. `identifiantStructure` (a SIRET) in place of `idStructureCPP` is the reference's
//! extension.

use super::super::prelude::{Contexte, Genre, Operation, Response, Value, dto, json, ok};
use super::{id_structure_cpp, structure_demandee};
use crate::domaine::siret::Siret;
use crate::domaine::structure::{PresenceMoa, Structure, StructureId, TypeStructure};
use crate::donnees::StructureYaml;

/// `POST /cpro/structures/v1/consulter`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/consulter"],
    schema_requete: "ConsulterStructure",
    schema_reponse: "StructureReponse",
    genre: Genre::Lecture(servir),
};

fn servir(c: &mut Contexte) -> Response {
    match structure_demandee(c.p, c.corps, "idStructureCPP") {
        Ok((i, s)) => consulter(i, s),
        Err(r) => *r,
    }
}

/// Client: the body asking for a structure by its SIRET.
pub fn corps(siret: Siret) -> Value {
    json!({ "identifiantStructure": siret.to_string() })
}

/// Client: the structure an answer holds (the reference's record).
pub fn lire(v: &Value) -> Result<Structure, String> {
    structure_depuis(v)
}

fn publique(s: &Structure) -> &'static str {
    if s.type_structure == TypeStructure::Publique { "PUBLIQUE" } else { "PRIVEE" }
}

/// The official answer of `consulter`, plus the reference's own record (`structure`) that its
/// harness reads.
fn consulter(id: StructureId, s: &Structure) -> Response {
    let mut corps = structure_json(s);
    corps["informationGenerales"] = json!({
        "idStructureCPP": id_structure_cpp(id),
        "identifiantStructure": s.siret.to_string(),
        "typeIdentifiantStructure": "SIRET",
        "raisonSocialeStructure": s.raison_sociale,
        "libelleStructure": s.raison_sociale,
        "structurePriveePublique": publique(s),
        "emailStructure": Value::Null,
        "numeroTVA": Value::Null,
        "estValideurDeleguee": false,
    });
    let presence = s.presence_moa();
    let pa = &s.parametres;
    // « Présence MOA » is the two booleans (api-chorus-pro.md; hypothèse: « exclusivement MOA »
    // is a MOA too, so getaMoa).
    corps["parametres"] = json!({
        "codeServiceDoitEtreRenseigne": pa.code_service_doit_etre_renseigne,
        "numeroEJDoitEtreRenseigne": pa.numero_ej_doit_etre_renseigne,
        "gestionNumeroEJOuCodeService": pa.gestion_numero_ej_ou_code_service,
        "recevoirDonneesViaEDI": pa.recevoir_donnees_via_edi,
        "statutMiseEnPaiementNestPasRemonte": pa.statut_mise_en_paiement_nest_pas_remonte,
        "estMoaUniquement": presence == PresenceMoa::ExclusivementMoa,
        "getaMoa": presence != PresenceMoa::SansMoa,
        "connexionEDI": false,
        "estValideurDelegue": false,
        "nonDiffusibleInsee": false,
    });
    corps["adressePostaleDuSiege"] = json!({ "adresse": "", "codePostal": "", "ville": "", "pays": "FR" });
    ok(corps)
}

/// A structure as JSON (`structures/v1/consulter`).
fn structure_json(s: &Structure) -> Value {
    json!({ "structure": StructureYaml::from(s) })
}

/// A structure from JSON.
fn structure_depuis(v: &Value) -> Result<Structure, String> {
    Ok(dto::<StructureYaml>(v, "structure")?.into())
}
