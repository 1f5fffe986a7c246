use datacontract::DataContract;

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
#[h2h(base(name = "Base"))]
// No `ty`.
#[h2h(not_member(name = "Untyped"))]
// `after` names no field.
#[h2h(not_member(name = "Lost", ty = String, after = nowhere))]
// `after` names a field of another level.
#[h2h(not_member(name = "Misplaced", ty = i32, level = 1, after = id))]
// The name of a member.
#[h2h(not_member(name = "text", ty = i32))]
// No such level.
#[h2h(not_member(name = "Deep", ty = i32, level = 2))]
// An unknown key.
#[h2h(not_member(name = "Odd", ty = i32, position = 1))]
struct Greeting {
    #[h2h(level = 0)]
    id: Option<String>,
    text: Option<String>,
}

#[derive(DataContract)]
#[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
#[h2h(not_member(name = "Flagless", ty = i32))]
enum Mood {
    #[h2h(value = 0)]
    Calm,
    #[h2h(other)]
    Unknown(i32),
}

fn main() {}
