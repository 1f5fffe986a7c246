//! The text scrape of a help page (as in `Session-Logout.txt`): one line per block, tables as
//! `cell |` lines after a `Name | Description | … |` header, samples with collapsed whitespace.

use super::blocks::{Block, Cell, Table};
use super::sample;

/// The fixed headings of both layouts and the template's level for each.
pub const HEADINGS: &[(&str, u8)] = &[
    ("Request Information", 2),
    ("Response Information", 2),
    ("URI Parameters", 3),
    ("Body Parameters", 3),
    ("Request Formats", 3),
    ("Resource Description", 3),
    ("Response Formats", 3),
    ("Parameters", 3),
    ("Request body formats", 3),
    ("Response body formats", 3),
];

fn heading_level(line: &str) -> Option<u8> {
    HEADINGS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(line))
        .map(|&(_, l)| l)
}

/// Whether a line is a sample group header: media types joined by ", ".
pub fn is_media_type_list(line: &str) -> bool {
    !line.is_empty()
        && line.split(", ").all(|m| {
            let Some((a, b)) = m.split_once('/') else {
                return false;
            };
            let ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.*".contains(c))
            };
            ok(a) && ok(b)
        })
}

fn is_table_header(line: &str) -> Option<usize> {
    line.find("Name | Description |")
        .or_else(|| line.find("Name |Description |"))
        .or_else(|| line.find("Name|Description|"))
}

/// Whether a cell of the text scrape reads like the "Additional information" column.
pub fn is_annotation(text: &str) -> bool {
    const STARTS: &[&str] = &[
        "None.",
        "Required",
        "Max length:",
        "Min length:",
        "String length:",
        "Range:",
        "Data type:",
        "Matching regular expression pattern:",
        "Default value is",
        "Define this parameter in the request",
    ];
    let first = text.lines().next().unwrap_or("").trim();
    STARTS.iter().any(|s| first.starts_with(s))
}

/// The page as blocks.
pub fn blocks(input: &str) -> Vec<Block> {
    let lines: Vec<&str> = input.lines().map(str::trim).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut title_seen = false;
    let stop =
        |line: &str| heading_level(line).is_some() || line == "Sample:" || is_media_type_list(line);
    while i < lines.len() {
        let line = lines[i];
        if line.is_empty() {
            i += 1;
            continue;
        }
        if !title_seen {
            out.push(Block::Heading(1, line.to_owned()));
            title_seen = true;
            i += 1;
            continue;
        }
        if let Some(level) = heading_level(line) {
            out.push(Block::Heading(level, line.to_owned()));
            i += 1;
        } else if line == "Sample:" {
            out.push(Block::SampleLabel);
            i += 1;
            let start = i;
            while i < lines.len() && !stop(lines[i]) {
                i += 1;
            }
            let candidate = &lines[start..i];
            if candidate.first() == Some(&"Sample not available.") {
                out.push(Block::Para("Sample not available.".into()));
                for extra in &candidate[1..] {
                    out.push(Block::Para((*extra).to_owned()));
                }
                continue;
            }
            // The longest run of lines that is a whole JSON or XML document; what follows it
            // (a page footer, say) is not part of the sample.
            let mut take = candidate.len();
            while take > 1 && !sample::parses(&candidate[..take].join("\n")) {
                take -= 1;
            }
            if take == 1 && !sample::parses(candidate.first().copied().unwrap_or("")) {
                take = candidate.len();
                let first = candidate.first().copied().unwrap_or("");
                if first.starts_with("Failed to generate the sample")
                    || first.starts_with("An exception has occurred")
                {
                    // A debug site's failure message (div.warning-message-container).
                    out.push(Block::Warning(candidate.join(" ")));
                    continue;
                }
            }
            if take > 0 {
                out.push(Block::Pre(candidate[..take].join("\n")));
            }
            for extra in &candidate[take..] {
                if !extra.is_empty() {
                    out.push(Block::Para((*extra).to_owned()));
                }
            }
        } else if is_media_type_list(line) {
            out.push(Block::Heading(4, line.to_owned()));
            i += 1;
        } else if let Some(at) = is_table_header(line) {
            let prefix = line[..at].trim();
            if !prefix.is_empty() {
                out.push(Block::Inline(prefix.to_owned()));
            }
            let header: Vec<String> = line[at..]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            i += 1;
            if i < lines.len() && lines[i].starts_with("---") {
                i += 1;
            }
            let start = i;
            while i < lines.len() && heading_level(lines[i]).is_none() {
                i += 1;
            }
            out.push(Block::Table(table(header, &lines[start..i])));
        } else {
            out.push(Block::Para(line.to_owned()));
            i += 1;
        }
    }
    out
}

fn cell(text: &str) -> Cell {
    let paras: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    Cell {
        text: paras.join(" "),
        paras,
        class: None,
        link: false,
    }
}

fn table(header: Vec<String>, lines: &[&str]) -> Table {
    let joined = lines.join("\n");
    let mut cells: Vec<&str> = joined.split('|').collect();
    // Text after the last `|` is not a cell.
    if cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    let width = header.len().max(1);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let chunk: Vec<Cell> = cells[i..(i + width).min(cells.len())]
            .iter()
            .map(|c| cell(c))
            .collect();
        i += width;
        // The scrape loses the line break of a row whose description is empty and whose type
        // is a link: `name | Link |`, `None. |`, `|`. Read the link text as the type.
        if width == 4
            && chunk.len() == 4
            && !is_annotation(&chunk[1].text)
            && is_annotation(&chunk[2].text)
            && chunk[3].text.is_empty()
        {
            let name = chunk[0].clone();
            let link = Cell {
                link: true,
                ..chunk[1].clone()
            };
            notes.push(format!(
                "row `{}`: the scrape shows `{}` where the description and the type should be; read as its type (a link) and kept as its description",
                name.text, link.text
            ));
            rows.push(vec![name, chunk[1].clone(), link, chunk[2].clone()]);
            continue;
        }
        rows.push(chunk);
    }
    Table {
        header,
        rows,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_lines() {
        assert!(is_media_type_list("application/json, text/json"));
        assert!(is_media_type_list("application/x-www-form-urlencoded"));
        assert!(!is_media_type_list("logout API"));
        assert!(!is_media_type_list("Sample:"));
    }
}
