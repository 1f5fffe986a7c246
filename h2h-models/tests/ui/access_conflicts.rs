use h2h_models::DataContract;

// A property has one kind of setter, and a .NET field has none.
#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Mixed {
    #[h2h(get_only, private_set)]
    both: Option<String>,
    #[h2h(field, get_only)]
    field_getter: Option<String>,
}

fn main() {}
