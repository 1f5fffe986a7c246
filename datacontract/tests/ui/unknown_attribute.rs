use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Greeting {
    #[h2h(nmae = "x")]
    text: Option<String>,
}

fn main() {}
