use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Greeting {
    #[h2h(order = "first")]
    text: Option<String>,
    #[h2h(emit_default = 0)]
    count: i32,
}

fn main() {}
