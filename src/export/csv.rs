//! CSV for Excel and WPS: UTF-8 with a byte-order mark, RFC 4180 quoting, and text cells that
//! a spreadsheet would run as a formula neutralised.

use super::{Cell, ExportError, ReviewSheet};

/// A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula
/// to Excel; a leading `'` makes it text again.
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// One field of a CSV record: text is neutralised as a spreadsheet formula, a number is not
/// (a negative number is a number, not a formula).
#[derive(Clone, Debug, PartialEq)]
pub enum CsvField {
    Text(String),
    Number(String),
}

impl CsvField {
    /// A number, or an empty field for none.
    pub fn number(value: Option<f64>) -> Self {
        Self::Number(value.map(|v| v.to_string()).unwrap_or_default())
    }
}

/// Whether the file starts with a UTF-8 byte-order mark: Excel and WPS need one to read UTF-8;
/// a script reading standard output does not want one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    With,
    Without,
}

/// The one CSV writer of the program: RFC 4180 quoting, CRLF line ends, text fields
/// neutralised, and a byte-order mark when asked.
///
/// # Errors
/// Only if writing to memory fails.
pub fn csv_bytes(header: &[&str], rows: &[Vec<CsvField>], bom: Bom) -> Result<Vec<u8>, ExportError> {
    let mut out = if bom == Bom::With { Vec::from("\u{feff}".as_bytes()) } else { Vec::new() };
    {
        let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(header.iter().map(|h| neutralize(h).as_bytes().to_vec()))?;
        for row in rows {
            writer.write_record(row.iter().map(|field| match field {
                CsvField::Text(t) => neutralize(t).as_bytes().to_vec(),
                CsvField::Number(n) => n.as_bytes().to_vec(),
            }))?;
        }
        writer.flush().map_err(|e| ExportError::Csv(e.into()))?;
    }
    Ok(out)
}

/// The sheet as CSV bytes: a header row, then one row per project (no title block, so the file
/// stays a table a script can read).
///
/// # Errors
/// Only if writing to memory fails.
pub fn write_csv(sheet: &ReviewSheet) -> Result<Vec<u8>, ExportError> {
    let columns = sheet.columns(false);
    let header: Vec<&str> = columns.iter().map(|c| c.header).collect();
    let rows: Vec<Vec<CsvField>> = sheet
        .rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| match (c.value)(row) {
                    Cell::Text(t) => CsvField::Text(t),
                    Cell::Light(l) => CsvField::Text(l.label_zh().to_string()),
                    other => CsvField::Number(other.display()),
                })
                .collect()
        })
        .collect();
    csv_bytes(&header, &rows, Bom::With)
}

#[cfg(test)]
mod tests {
    use super::{Bom, CsvField, csv_bytes, neutralize};

    #[test]
    fn one_writer_quotes_neutralises_text_and_keeps_numbers() {
        let rows = vec![vec![
            CsvField::Text("=HYPERLINK(\"x\")".into()),
            CsvField::Number("-3".into()),
            CsvField::Text("a,b\nc".into()),
        ]];
        let bytes = csv_bytes(&["名称", "n", "备注"], &rows, Bom::Without).expect("csv");
        let text = String::from_utf8(bytes).expect("utf8");
        assert_eq!(text, "名称,n,备注\r\n\"'=HYPERLINK(\"\"x\"\")\",-3,\"a,b\nc\"\r\n");
        let with = csv_bytes(&["a"], &[], Bom::With).expect("csv");
        assert!(with.starts_with("\u{feff}".as_bytes()));
    }

    #[test]
    fn formulas_become_text() {
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralize(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralize("钟山区"), "钟山区");
        assert_eq!(neutralize("a=b"), "a=b");
    }
}
