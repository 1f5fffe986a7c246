//! The member type language: C# spellings such as `string`, `int?`, `List<Item>`, `byte[]`,
//! `Dictionary<string, decimal>`, `Nullable<DateTime>` and contract names (`Other.Ns.Money`).

use std::ops::Range;

/// A parsed but unresolved type expression; spans are byte ranges inside the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A name, maybe dotted, maybe with type arguments.
    Named {
        /// `List`, `int`, `Cebes.Other.Money`.
        name: String,
        /// Type arguments inside `<...>`.
        args: Vec<TypeExpr>,
        /// Where the name stands.
        span: Range<usize>,
    },
    /// `T?`.
    Nullable(Box<TypeExpr>),
    /// `T[]`.
    Array(Box<TypeExpr>),
}

/// A syntax error inside a type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSyntaxError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the expression.
    pub offset: usize,
}

/// Parses a whole type expression.
pub fn parse(text: &str) -> Result<TypeExpr, TypeSyntaxError> {
    let mut parser = Parser { text, pos: 0 };
    let ty = parser.ty()?;
    parser.skip_ws();
    if parser.pos < text.len() {
        return Err(parser.error("unexpected text after the type"));
    }
    Ok(ty)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> TypeSyntaxError {
        TypeSyntaxError {
            message: message.to_owned(),
            offset: self.pos,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        self.skip_ws();
        if self
            .text
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s))
        {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ty(&mut self) -> Result<TypeExpr, TypeSyntaxError> {
        let mut ty = self.named()?;
        loop {
            if self.eat("?") {
                ty = TypeExpr::Nullable(Box::new(ty));
            } else if self.eat("[") {
                if !self.eat("]") {
                    return Err(self.error("expected `]` (only one-dimensional arrays `T[]`)"));
                }
                ty = TypeExpr::Array(Box::new(ty));
            } else {
                return Ok(ty);
            }
        }
    }

    fn named(&mut self) -> Result<TypeExpr, TypeSyntaxError> {
        self.skip_ws();
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        let name = &self.text[start..self.pos];
        if name.is_empty() {
            return Err(self.error("expected a type name"));
        }
        if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
            return Err(TypeSyntaxError {
                message: "a dotted name needs an identifier on each side of every `.`".into(),
                offset: start,
            });
        }
        let span = start..self.pos;
        let mut args = Vec::new();
        if self.eat("<") {
            loop {
                args.push(self.ty()?);
                if self.eat(",") {
                    continue;
                }
                if self.eat(">") {
                    break;
                }
                return Err(self.error("expected `,` or `>`"));
            }
        }
        Ok(TypeExpr::Named {
            name: name.to_owned(),
            args,
            span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(t: &TypeExpr) -> String {
        match t {
            TypeExpr::Named { name, args, .. } if args.is_empty() => name.clone(),
            TypeExpr::Named { name, args, .. } => {
                let args: Vec<_> = args.iter().map(show).collect();
                format!("{name}<{}>", args.join(","))
            }
            TypeExpr::Nullable(t) => format!("{}?", show(t)),
            TypeExpr::Array(t) => format!("{}[]", show(t)),
        }
    }

    #[test]
    fn parses_the_spellings_of_the_schema() {
        for (text, expected) in [
            ("string", "string"),
            ("int?", "int?"),
            ("byte[]", "byte[]"),
            ("List<Item>", "List<Item>"),
            (
                "Dictionary<string, List<int?>>",
                "Dictionary<string,List<int?>>",
            ),
            ("Other.Ns.Money[]", "Other.Ns.Money[]"),
            (" Nullable< DateTime > ", "Nullable<DateTime>"),
        ] {
            assert_eq!(show(&parse(text).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn reports_where_a_type_breaks() {
        for (text, offset) in [
            ("List<", 5),
            ("int]", 3),
            ("Dictionary<a b>", 13),
            ("", 0),
            (".x", 0),
        ] {
            assert_eq!(parse(text).unwrap_err().offset, offset, "{text}");
        }
    }
}
