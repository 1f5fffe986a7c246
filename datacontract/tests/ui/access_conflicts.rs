use datacontract::DataContract;

// A property has one kind of setter, a .NET field has none, and only a getter returns a
// constant.
#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Mixed {
    #[h2h(get_only, private_set)]
    both: Option<String>,
    #[h2h(field, get_only)]
    field_getter: Option<String>,
    #[h2h(returns = "fixed")]
    settable: Option<String>,
}

fn main() {}
