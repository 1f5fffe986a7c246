use datacontract::DataContract;

// `required_in_xml` is for a member DCS reads and that is not `required` already.
#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
struct Legacy {
    #[h2h(required, required_in_xml)]
    twice: Option<String>,
    #[h2h(get_only, required_in_xml)]
    json_only: Option<String>,
    #[h2h(required_in_xml)]
    number: i32,
}

fn main() {}
