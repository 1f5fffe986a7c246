//! The facts of a schema that its help pages cannot show, so that a round trip (schema →
//! pages → `cargo xtask import` → schema) cannot bring them back. Each is either supplied by
//! a flag of the importer or reported by it (as guessed or not decided), never guessed
//! silently; the round-trip test masks exactly these and nothing else.

/// How the importer deals with a fact the page does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// A flag of `cargo xtask import` supplies it.
    Flag(&'static str),
    /// The importer's report says what it assumed (the text it uses).
    Reported(&'static str),
    /// Not a fact of the service: a name or a place in our own files, the importer derives it.
    Ours,
}

/// A fact of the schema that an API page does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invisible {
    /// A base class's name: the page flattens the levels into one table; the XML order
    /// shows where the levels split, not what the base is called.
    BaseName,
    /// A type's own documentation: the API page shows the members' and the action's, the
    /// type's only on its ResourceModel page.
    TypeDescription,
    /// An enum's constants other than the sample's (`Enum.GetValues()[0]`): only the
    /// ResourceModel page lists them.
    EnumConstants,
    /// An enum's CLR namespace: its values are written in the member's namespace (only a
    /// collection of the enum names it).
    EnumNamespace,
    /// `[Flags]` on an enum: no page shows the attribute.
    EnumFlags,
    /// `short`, `int` and `long` are all "integer" and give the same small sample numbers
    /// (likewise `ushort`, `uint`, `ulong`: "unsigned integer").
    IntegerWidth,
    /// `float` and `double` are both "decimal number" with the sample `N.1`.
    FloatWidth,
    /// `List<T>` and `T[]` are both "Collection of T" with the same samples.
    CollectionKind,
    /// A `[DataMember(Name)]` member's CLR name: the page shows the wire name only.
    MemberClrName,
    /// Rust names (`rust_name`): ours, not the service's.
    RustName,
    /// A secret (`sensitive`): the page cannot tell a token from a text.
    Sensitive,
    /// `[DataMember(IsRequired)]`: not an annotation the page shows, and the sample has every
    /// member anyway.
    DataMemberRequired,
    /// `[KnownType]`: the sample generator builds the declared type only.
    KnownTypes,
    /// The position of a hidden base member among its level's members: Json.NET and the
    /// sample generator skip it, DCS sorts it by name.
    HiddenMemberPosition,
    /// The schema's stored samples: the page shows what the sample generator gives for the
    /// types (the import keeps the page's samples, which the verifier checks).
    StoredSamples,
    /// The formats of an endpoint whose schema lists none: the page shows the default
    /// formatters' media types.
    DefaultFormats,
    /// Where the schema declares an item (file, line).
    Origin,
    /// The CLR namespace of a contract whose XML namespace is not the default one
    /// (`[DataContract(Namespace)]`), or that has no XML sample (a cycle).
    CustomNamespace,
    /// The type names of the members of nested contracts: the API page has the body type's
    /// table only; a nested contract's member types are on its ResourceModel page.
    NestedTypeName,
    /// The descriptions and annotations of a nested contract's members (its ResourceModel
    /// page has them).
    NestedMemberDocs,
    /// The description and annotations of a hidden base member: the table lists the derived
    /// one only.
    HiddenMemberDocs,
    /// Whether a value-type member is `Nullable<T>` when its value ignores the counter
    /// (`bool`, `char`, `Guid`, dates, `TimeSpan`, enums) and no later simple member shows
    /// whether it took a number.
    Nullability,
    /// The CLR name of a `[DataContract]` enum's constant: the XML shows its
    /// `[EnumMember(Value)]`, the ResourceModel page its CLR name.
    EnumConstantClrName,
    /// `[DataMember(EmitDefaultValue = false)]`: every sample value is set, none is the
    /// default that would be left out.
    EmitDefaultValue,
    /// The numbers of `[DataMember(Order)]`: the samples show the order, not the numbers
    /// (the importer numbers them 1, 2, ...).
    DataMemberOrderValue,
    /// `[DataContract]` on a class whose names, namespace and member order are the defaults:
    /// its samples are a plain class's.
    PlainDataContract,
    /// The `[EnumMember(Value)]` of a `[DataContract]` enum's constants other than the
    /// sample's: neither the samples nor the ResourceModel page (CLR names) show them.
    EnumMemberValues,
    /// A settable property without `[DataMember]`: the table leaves it out and neither sample
    /// has it; only the gap it leaves in the sample counter shows (none when no later member
    /// takes a number), not its name, its type or its exact place.
    NonMember,
}

impl Invisible {
    /// Every invisible fact.
    pub const ALL: &'static [Invisible] = &[
        Invisible::BaseName,
        Invisible::TypeDescription,
        Invisible::EnumConstants,
        Invisible::EnumNamespace,
        Invisible::EnumFlags,
        Invisible::IntegerWidth,
        Invisible::FloatWidth,
        Invisible::CollectionKind,
        Invisible::MemberClrName,
        Invisible::RustName,
        Invisible::Sensitive,
        Invisible::DataMemberRequired,
        Invisible::KnownTypes,
        Invisible::HiddenMemberPosition,
        Invisible::StoredSamples,
        Invisible::DefaultFormats,
        Invisible::Origin,
        Invisible::CustomNamespace,
        Invisible::NestedTypeName,
        Invisible::NestedMemberDocs,
        Invisible::HiddenMemberDocs,
        Invisible::Nullability,
        Invisible::EnumConstantClrName,
        Invisible::EmitDefaultValue,
        Invisible::DataMemberOrderValue,
        Invisible::PlainDataContract,
        Invisible::EnumMemberValues,
        Invisible::NonMember,
    ];

    /// How the importer supplies or reports it.
    pub const fn handling(self) -> Handling {
        match self {
            Invisible::BaseName => Handling::Flag("--base <C>=<Base>"),
            Invisible::TypeDescription => Handling::Reported("type descriptions left empty"),
            Invisible::EnumConstants => Handling::Reported("left undocumented"),
            Invisible::EnumNamespace => Handling::Reported("its namespace is not visible"),
            Invisible::EnumFlags => Handling::Reported("no [Flags]"),
            Invisible::IntegerWidth => Handling::Reported("`integer` taken as int"),
            Invisible::FloatWidth => Handling::Reported("double assumed"),
            Invisible::CollectionKind => Handling::Reported("collections written as List<T>"),
            Invisible::MemberClrName => {
                Handling::Reported("a [DataMember(Name)] hides the CLR name")
            }
            Invisible::RustName | Invisible::Origin => Handling::Ours,
            Invisible::Sensitive => Handling::Reported("guessed from member names"),
            Invisible::KnownTypes => Handling::Reported("no [KnownType]"),
            Invisible::HiddenMemberPosition => {
                Handling::Reported("type and position not observable")
            }
            Invisible::StoredSamples => Handling::Ours,
            Invisible::DefaultFormats => Handling::Ours,
            Invisible::CustomNamespace => Handling::Flag("--namespace <ns>"),
            Invisible::NestedTypeName => Handling::Flag("--type <C.member>=<T>"),
            Invisible::NestedMemberDocs | Invisible::HiddenMemberDocs => {
                Handling::Reported("left empty (not on the API page)")
            }
            Invisible::Nullability => Handling::Reported("nullable or not"),
            Invisible::EnumConstantClrName => Handling::Reported("named by its XML text"),
            Invisible::EmitDefaultValue | Invisible::DataMemberRequired => {
                Handling::Reported("are not visible")
            }
            Invisible::DataMemberOrderValue => Handling::Reported("Order values renumbered"),
            Invisible::PlainDataContract => Handling::Reported("plain classes assumed"),
            Invisible::EnumMemberValues => Handling::Reported("[EnumMember(Value)]"),
            Invisible::NonMember => Handling::Reported("shows only as a gap in the sample counter"),
        }
    }

    /// Why the page cannot show it (the variant's documentation, for messages).
    pub const fn reason(self) -> &'static str {
        match self {
            Invisible::BaseName => "the page flattens the levels into one table; the XML order shows where they split, not the base's name",
            Invisible::TypeDescription => "the API page shows the members' and the action's documentation; the type's is only on its ResourceModel page",
            Invisible::EnumConstants => "only the sample's constant (Enum.GetValues()[0]) appears; the ResourceModel page lists the others",
            Invisible::EnumNamespace => "enum values are written in the member's namespace; only a collection of the enum names it",
            Invisible::EnumFlags => "no page shows [Flags]",
            Invisible::IntegerWidth => "short, int and long are all \"integer\" with the same small sample numbers",
            Invisible::FloatWidth => "float and double are both \"decimal number\" with the sample N.1",
            Invisible::CollectionKind => "List<T> and T[] are both \"Collection of T\" with the same samples",
            Invisible::MemberClrName => "the page shows a [DataMember(Name)] member's wire name only",
            Invisible::RustName => "Rust names are ours, not the service's",
            Invisible::Sensitive => "the page cannot tell a secret from a text",
            Invisible::DataMemberRequired => "[DataMember(IsRequired)] is no annotation the page shows",
            Invisible::KnownTypes => "the sample generator builds the declared type only",
            Invisible::HiddenMemberPosition => "Json.NET and the sample generator skip a hidden base member, DCS sorts it by name",
            Invisible::StoredSamples => "the page shows the sample generator's samples for the types, not the schema's stored ones",
            Invisible::DefaultFormats => "an endpoint without formats shows the default formatters' media types",
            Invisible::Origin => "the file and line of a declaration are ours",
            Invisible::CustomNamespace => "a custom XML namespace names no CLR namespace, and a page without an XML sample shows none",
            Invisible::NestedTypeName => "the API page has the body type's table only; a nested contract's member types are on its ResourceModel page",
            Invisible::NestedMemberDocs => "a nested contract's member descriptions and annotations are on its ResourceModel page",
            Invisible::HiddenMemberDocs => "the table lists the derived member of a hidden pair only",
            Invisible::Nullability => "a value that ignores the counter shows no difference, and without a later simple member no skipped number shows it",
            Invisible::EnumConstantClrName => "the XML shows a [DataContract] enum constant's [EnumMember(Value)], the ResourceModel page its CLR name",
            Invisible::EmitDefaultValue => "every sample value is set; none is a default left out",
            Invisible::DataMemberOrderValue => "the samples show the members' order, not the Order numbers",
            Invisible::PlainDataContract => "a [DataContract] with default names, namespace and order writes a plain class's samples",
            Invisible::EnumMemberValues => "the XML shows the sample constant's [EnumMember(Value)] only, the ResourceModel page the CLR names",
            Invisible::NonMember => "a property without [DataMember] is in neither sample nor the table; only the sample numbers it took are missing",
        }
    }
}
