use datacontract::DataContract;

#[derive(DataContract)]
struct Greeting {
    text: Option<String>,
}

fn main() {}
