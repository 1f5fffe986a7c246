use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Greeting {
    #[h2h(level = 1)]
    text: Option<String>,
}

fn main() {}
