//! The test schema `schema/tests/all-types` uses every type kind of the schema language; its
//! generated models (`h2h_test_models::all_types`, which denies warnings) must compile, and
//! every contract's .NET default value must survive both formats.

use h2h_test_models::all_types;

use all_types::{catalog, endpoints};
use h2h_models::{ContractVisitor, DataContract, Endpoint};

struct RoundTrip;

impl ContractVisitor for RoundTrip {
    type Output = Result<(), String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        let value = <T as h2h_models::xml::XmlValue>::missing();
        let json = h2h_models::json::to_string(&value).map_err(|e| e.to_string())?;
        let back: T = h2h_models::json::from_str(&json).map_err(|e| format!("{json}: {e}"))?;
        let again = h2h_models::json::to_string(&back).map_err(|e| e.to_string())?;
        if again != json {
            return Err(format!("JSON changed: {json} → {again}"));
        }
        match h2h_models::xml::to_string(&value) {
            Ok(xml) => {
                let back: T = h2h_models::xml::from_str(&xml).map_err(|e| format!("{xml}: {e}"))?;
                let again = h2h_models::xml::to_string(&back).map_err(|e| e.to_string())?;
                if again != xml {
                    return Err(format!("XML changed: {xml} → {again}"));
                }
                Ok(())
            }
            // An enum without a constant 0 has no XML form for its default, as in .NET.
            Err(e) if e.kind() == h2h_models::xml::ErrorKind::Unrepresentable => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

#[test]
fn every_contract_round_trips_its_default_value() {
    assert!(catalog::CONTRACTS.len() >= 9);
    for name in catalog::CONTRACTS {
        let result = catalog::visit_contract(name, RoundTrip).expect("listed contracts resolve");
        assert_eq!(result, Ok(()), "{name}");
    }
}

#[test]
fn endpoints_carry_method_route_and_bodies() {
    assert_eq!(endpoints::ALL.len(), 2);
    assert_eq!(
        <endpoints::GetApiScalarsId as Endpoint>::ROUTE,
        "api/Scalars/{id}"
    );
    assert_eq!(
        <endpoints::PutApiCollections as Endpoint>::METHOD,
        h2h_models::Method::Put
    );
    let _body: <endpoints::PutApiCollections as Endpoint>::Request = Vec::new();
}

#[test]
fn base_members_are_reachable_through_every_level() {
    use all_types::{Animal, AnimalMembers, Dog, MammalMembers};
    let mut dog = Dog {
        base_name: Some("animal name".into()),
        legs: 4,
        fur_color: all_types::Color::Red,
        name: Some("mammal name".into()),
        breed: None,
        good_boy: true,
    };
    // Through Animal's view the hidden member is Animal's own.
    assert_eq!(AnimalMembers::name(&dog).as_deref(), Some("animal name"));
    assert_eq!(MammalMembers::name(&dog).as_deref(), Some("mammal name"));
    *dog.legs_mut() = 3;
    assert_eq!(dog.legs, 3);
    let animal = Animal {
        name: None,
        legs: 2,
    };
    assert_eq!(AnimalMembers::legs(&animal), &2);
}

#[test]
fn flags_combine_and_write_as_dcs_does() {
    use all_types::{Access, Item};
    let both = Access(Access::READ.0 | Access::WRITE.0 | Access::EXECUTE.0);
    let item = Item {
        name: None,
        color: all_types::Color::None,
        access: both,
        state: all_types::State::Open,
        price: None,
    };
    let xml = h2h_models::xml::to_string(&item).unwrap();
    // Each bit by its own name, in declaration order (corpus case `enum-flags`).
    assert!(xml.contains("<access>Read Write Execute</access>"), "{xml}");
    assert_eq!(Access::READ_WRITE.0, 3);
    assert_eq!(Access::NONE, Access::default());
}

#[path = "support/wire_names.rs"]
mod wire_names;

#[test]
fn xml_and_json_name_every_member_the_same() {
    let api = wire_names::schema("schema/tests/all-types");
    for name in all_types::catalog::CONTRACTS {
        let same = wire_names::SameNames {
            api: &api,
            clr_name: name,
        };
        let result = all_types::catalog::visit_contract(name, same).unwrap();
        assert_eq!(result, Ok(()), "{name}");
    }
}
