//! The flat form both page readers produce: headings, paragraphs, loose inline text, tables and
//! sample texts in document order. `page` builds the sections from it.

/// One block of a help page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `h1`…`h6` (the text scrape's fixed headings are mapped to the template's levels).
    Heading(u8, String),
    /// A paragraph (`<p>`, or a line of the text scrape).
    Para(String),
    /// Text outside any block element (the body type link of the 5.1+ template).
    Inline(String),
    /// The `Sample:` label of a sample group.
    SampleLabel,
    /// A sample's text (`<pre class="wrapped">`), verbatim.
    Pre(String),
    /// A sample failure shown on debug sites (`div.warning-message-container`).
    Warning(String),
    /// A table.
    Table(Table),
}

/// A table: header texts and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The `th` texts.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Vec<Cell>>,
    /// What the reader had to repair, for the report.
    pub notes: Vec<String>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The whole text, whitespace collapsed.
    pub text: String,
    /// The texts of its paragraphs (one per annotation in "Additional information").
    pub paras: Vec<String>,
    /// Its `class` attribute (HTML only).
    pub class: Option<String>,
    /// Whether it holds a link (a complex or enum type in the "Type" column).
    pub link: bool,
}
