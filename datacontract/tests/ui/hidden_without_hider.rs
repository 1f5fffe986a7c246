use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
#[h2h(base(name = "Base", namespace = "http://schemas.datacontract.org/2004/07/Acme"))]
struct Greeting {
    #[h2h(name = "text", level = 0, hidden)]
    base_text: Option<String>,
    other: Option<String>,
}

fn main() {}
