use h2h_models::DataContract;

#[derive(DataContract)]
struct Greeting {
    text: Option<String>,
}

fn main() {}
