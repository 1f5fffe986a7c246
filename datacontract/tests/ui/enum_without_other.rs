use datacontract::DataContract;

#[derive(Clone, Copy, PartialEq, DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
enum Color {
    #[h2h(value = 1)]
    Red,
}

fn main() {}
