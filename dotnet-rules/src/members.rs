//! Which members DCS, Json.NET and the help page's sample generator see, and in which order.
//!
//! A contract's members are given flattened, as a slice of [`Member`]s: base level first,
//! each level's members in declaration order (the order of the C# source, which is also
//! .NET reflection's order). Every function returns indexes into that slice.

use std::cmp::{Ordering, Reverse};

/// `String.CompareOrdinal`, by which DCS sorts the member names of a level: UTF-16 code units
/// (so a character above U+FFFF sorts before U+E000–U+FFFF, unlike in UTF-8 byte order).
///
/// ```
/// use std::cmp::Ordering;
/// assert_eq!(dotnet_rules::members::ordinal_cmp("B", "a"), Ordering::Less);
/// ```
pub fn ordinal_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// How .NET sets a property of a plain class (one without `[DataContract]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Access {
    /// `{ get; set; }`, a field, or any `[DataMember]`.
    #[default]
    ReadWrite,
    /// `{ get { ... } }`: Json.NET writes it, DCS does not, and the sample generator cannot
    /// set it (`CanWrite` is false): it holds what its getter returns.
    GetOnly,
    /// `{ get; private set; }`: Json.NET writes it, DCS does not, and the sample generator sets
    /// it (reflection can call a private setter).
    PrivateSet,
    /// A settable property of a `[DataContract]` class without `[DataMember]`: neither
    /// serializer sees it (both opt in to a data contract's members) and the help page's table
    /// does not list it, but the sample generator sets it like any writable property, so it
    /// takes its numbers from the counter and leaves a gap in the sample.
    NotMember,
}

impl Access {
    /// Whether DCS writes and reads the member: a plain class's members are its read-write
    /// properties and fields (`poco-fields-readonly-ignored` in the corpus).
    pub const fn in_xml(self) -> bool {
        matches!(self, Access::ReadWrite)
    }

    /// Whether Json.NET writes and reads the member: every public property of a plain class,
    /// and only the `[DataMember]`s of a `[DataContract]` (`MemberSerialization.OptIn`).
    pub const fn in_json(self) -> bool {
        !matches!(self, Access::NotMember)
    }

    /// Whether the help page's model description table lists the member
    /// (`ShouldDisplayMember`: a `[DataContract]`'s member needs `[DataMember]`).
    pub const fn in_table(self) -> bool {
        !matches!(self, Access::NotMember)
    }

    /// Whether the help page's sample generator sets the member (`PropertyInfo.CanWrite`).
    pub const fn set_by_sample(self) -> bool {
        !matches!(self, Access::GetOnly)
    }
}

/// A member as the rules see it: plain data every user can build from its own model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Member<'a> {
    /// Inheritance level of the class that declares it, 0 = root-most base.
    pub level: usize,
    /// The name on the wire (`[DataMember(Name)]`, or the CLR name), before
    /// [`crate::names::encode_local_name`].
    pub name: &'a str,
    /// `[DataMember(Order)]`.
    pub order: Option<i32>,
    /// A .NET field rather than a property.
    pub is_field: bool,
    /// How .NET sets it.
    pub access: Access,
    /// Hidden by a `new` member of a more derived level: DCS writes both, Json.NET and the
    /// sample generator see only the derived one.
    pub hidden: bool,
}

impl Member<'_> {
    /// Whether DCS writes and reads the member.
    pub const fn in_xml(&self) -> bool {
        self.access.in_xml()
    }

    /// Whether Json.NET writes and reads the member (everything but a hidden base member and
    /// a [`Access::NotMember`]).
    pub const fn in_json(&self) -> bool {
        !self.hidden && self.access.in_json()
    }

    /// Whether the help page's sample generator sets the member: reflection sees only the
    /// derived one of a hidden pair, and cannot set a get-only property. A member it does not
    /// set keeps its default (a get-only property: what its getter returns) and takes no
    /// number from the counter.
    pub const fn set_by_sample(&self) -> bool {
        !self.hidden && self.access.set_by_sample()
    }
}

/// The members in the order DCS writes them: per level, root-most first; within a level the
/// members without `Order` by ordinal name, then by `Order` and ordinal name. Get-only and
/// private-setter properties are not DCS members and are left out; both members of a hidden
/// pair are in.
///
/// ```
/// use dotnet_rules::members::{dcs_order, Access, Member};
/// let m = |level, name, order| Member {
///     level, name, order, is_field: false, access: Access::ReadWrite, hidden: false,
/// };
/// let members = [m(1, "b", None), m(0, "z", None), m(1, "a", Some(1)), m(1, "c", None)];
/// assert_eq!(dcs_order(&members), [1, 0, 3, 2]);
/// ```
pub fn dcs_order(members: &[Member<'_>]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].in_xml())
        .collect();
    out.sort_by(|&a, &b| {
        let (x, y) = (&members[a], &members[b]);
        (x.level, x.order.is_some(), x.order)
            .cmp(&(y.level, y.order.is_some(), y.order))
            .then_with(|| ordinal_cmp(x.name, y.name))
    });
    out
}

/// The members in the order Json.NET writes them: the most derived level first, each level's
/// fields before its properties, each in declaration order; members with `Order` after the
/// others, by `Order` across all levels. A hidden base member is left out.
///
/// ```
/// use dotnet_rules::members::{json_order, Access, Member};
/// let m = |level, name, is_field| Member {
///     level, name, order: None, is_field, access: Access::ReadWrite, hidden: false,
/// };
/// let members = [m(0, "base", false), m(1, "prop", false), m(1, "field", true)];
/// assert_eq!(json_order(&members), [2, 1, 0]);
/// ```
pub fn json_order(members: &[Member<'_>]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].in_json())
        .collect();
    out.sort_by_key(|&i| {
        let m = &members[i];
        (m.order.is_some(), m.order, Reverse(m.level), !m.is_field, i)
    });
    out
}

/// .NET reflection's order of a class's properties or fields (`is_field`): the most derived
/// level first, each level in declaration order.
pub fn reflection_order(members: &[Member<'_>], is_field: bool) -> Vec<usize> {
    let mut out: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].is_field == is_field)
        .collect();
    // A stable sort keeps declaration order within a level.
    out.sort_by_key(|&i| Reverse(members[i].level));
    out
}

/// The members the help page's model description table lists, in its order
/// (`GenerateComplexTypeModelDescription`): the properties in reflection order (get-only ones
/// included), then the fields; a hidden base member is left out (reflection hides it by
/// signature), and so is a [`Access::NotMember`].
///
/// ```
/// use dotnet_rules::members::{table_order, Access, Member};
/// let m = |level, name, is_field, hidden| Member {
///     level, name, order: None, is_field, access: Access::GetOnly, hidden,
/// };
/// let members = [m(0, "base", false, false), m(0, "x", false, true), m(1, "field", true, false), m(1, "x", false, false)];
/// assert_eq!(table_order(&members), [3, 0, 2]);
/// ```
pub fn table_order(members: &[Member<'_>]) -> Vec<usize> {
    reflection_order(members, false)
        .into_iter()
        .chain(reflection_order(members, true))
        .filter(|&i| !members[i].hidden && members[i].access.in_table())
        .collect()
}

/// The members the help page's sample generator sets, in the order it sets them, as two
/// runs that each draw from a new generator (counter 0): `SetPublicProperties`, then
/// `SetPublicFields`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SampleOrder {
    /// The properties, in reflection order.
    pub properties: Vec<usize>,
    /// The fields, in reflection order (their counter starts again at 1).
    pub fields: Vec<usize>,
}

/// The members the sample generator sets and their order: see [`SampleOrder`] and
/// [`Member::set_by_sample`]. A [`Access::NotMember`] is set too: it is on neither wire, but
/// it takes its numbers from the counter.
///
/// ```
/// use dotnet_rules::members::{sample_order, Access, Member};
/// let m = |level, name, is_field, access| Member {
///     level, name, order: None, is_field, access, hidden: false,
/// };
/// let members = [
///     m(0, "base", false, Access::ReadWrite),
///     m(1, "ReadOnly", false, Access::GetOnly),
///     m(1, "PrivateSetter", false, Access::PrivateSet),
///     m(1, "field", true, Access::ReadWrite),
/// ];
/// let order = sample_order(&members);
/// assert_eq!(order.properties, [2, 0]);
/// assert_eq!(order.fields, [3]);
/// ```
pub fn sample_order(members: &[Member<'_>]) -> SampleOrder {
    let set = |is_field| {
        reflection_order(members, is_field)
            .into_iter()
            .filter(|&i| members[i].set_by_sample())
            .collect()
    };
    SampleOrder {
        properties: set(false),
        fields: set(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(level: usize, name: &str) -> Member<'_> {
        Member {
            level,
            name,
            order: None,
            is_field: false,
            access: Access::ReadWrite,
            hidden: false,
        }
    }

    #[test]
    fn dcs_leaves_out_get_only_and_private_set_but_keeps_hidden_pairs() {
        let members = [
            Member {
                hidden: true,
                ..m(0, "x")
            },
            m(1, "x"),
            Member {
                access: Access::GetOnly,
                ..m(1, "a")
            },
            Member {
                access: Access::PrivateSet,
                ..m(1, "b")
            },
        ];
        assert_eq!(dcs_order(&members), [0, 1]);
        assert_eq!(json_order(&members), [1, 2, 3]);
        let order = sample_order(&members);
        assert_eq!(order.properties, [1, 3]);
        assert!(order.fields.is_empty());
    }

    #[test]
    fn a_not_member_property_is_only_set_by_the_sample_generator() {
        let not_member = Member {
            access: Access::NotMember,
            ..m(1, "internal")
        };
        let members = [m(0, "base"), m(1, "a"), not_member, m(1, "b")];
        assert_eq!(dcs_order(&members), [0, 1, 3]);
        assert_eq!(json_order(&members), [1, 3, 0]);
        assert_eq!(table_order(&members), [1, 3, 0]);
        // It takes its place in reflection order: `b` gets the number after it.
        assert_eq!(sample_order(&members).properties, [1, 2, 3, 0]);
    }

    #[test]
    fn names_sort_ordinally() {
        let members = [m(0, "b"), m(0, "B"), m(0, "a")];
        assert_eq!(dcs_order(&members), [1, 2, 0]);
        // UTF-16 order: a surrogate pair (U+D83D...) before U+FF21.
        assert_eq!(ordinal_cmp("😀", "Ａ"), Ordering::Less);
    }

    #[test]
    fn json_order_puts_ordered_members_last_across_levels() {
        let members = [
            Member {
                order: Some(2),
                ..m(0, "base2")
            },
            Member {
                order: Some(1),
                ..m(1, "own1")
            },
            m(0, "base"),
            m(1, "own"),
        ];
        assert_eq!(json_order(&members), [3, 2, 1, 0]);
    }
}
