//! Rust names from .NET names: `userID` → `user_id`, `ID` → `Id`, `AuthRequest` → `auth_request`.

/// Splits a .NET identifier into words: lower→upper boundaries, acronym ends (`XMLParser` →
/// `XML`, `Parser`), digits stay with the word before them, `_` and `.` separate.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '.' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next_is_lower)
            {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case` for fields and modules; a Rust keyword gets a raw-identifier-free `_` suffix.
pub fn snake_case(name: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    escape(fix_leading_digit(joined))
}

/// `PascalCase` for types and variants (`ID` → `Id`, `userID` → `UserId`).
pub fn pascal_case(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect();
    escape(fix_leading_digit(joined))
}

fn fix_leading_digit(name: String) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("_{name}")
    } else {
        name
    }
}

/// Keywords (strict and reserved) that cannot be identifiers; `Self`/`self` cannot even be raw.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Whether a string is a plain Rust identifier (for `rust_name` overrides).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_table() {
        for (dotnet, snake, pascal) in [
            ("userID", "user_id", "UserId"),
            ("accessToken", "access_token", "AccessToken"),
            ("ID", "id", "Id"),
            ("EN", "en", "En"),
            ("AuthRequest", "auth_request", "AuthRequest"),
            ("XMLParser", "xml_parser", "XmlParser"),
            ("respTime", "resp_time", "RespTime"),
            ("type", "type_", "Type"),
            ("Self", "self_", "Self_"),
            ("value2x", "value2x", "Value2x"),
            ("Address2Line", "address2_line", "Address2Line"),
            ("2fa", "_2fa", "_2fa"),
            ("OffsetMinutes", "offset_minutes", "OffsetMinutes"),
            ("HTTPStatusCode", "http_status_code", "HttpStatusCode"),
        ] {
            assert_eq!(snake_case(dotnet), snake, "snake of {dotnet}");
            assert_eq!(pascal_case(dotnet), pascal, "pascal of {dotnet}");
        }
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("user_id"));
        assert!(!is_identifier("type"));
        assert!(!is_identifier("9a"));
        assert!(!is_identifier("a-b"));
    }
}
