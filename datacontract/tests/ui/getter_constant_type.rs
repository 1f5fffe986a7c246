use datacontract::DataContract;

// A getter constant is typed: a string cannot be an `i32` member's value.
#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Versioned {
    #[h2h(get_only, returns = "two")]
    version: i32,
}

fn main() {}
