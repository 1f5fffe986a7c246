use datacontract::DataContract;

#[derive(Clone, Copy, PartialEq, DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
enum Color {
    Red,
    #[h2h(value = 2)]
    Green,
    #[h2h(value = 2)]
    Lime,
    #[h2h(other)]
    Unknown(i32),
}

fn main() {}
