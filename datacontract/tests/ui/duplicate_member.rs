use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Greeting {
    #[h2h(name = "text")]
    first: Option<String>,
    #[h2h(name = "text")]
    second: Option<String>,
}

fn main() {}
