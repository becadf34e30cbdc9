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

/// The sheet as CSV bytes: a header row, then one row per project (no title block, so the file
/// stays a table a script can read).
///
/// # Errors
/// Only if writing to memory fails.
pub fn write_csv(sheet: &ReviewSheet) -> Result<Vec<u8>, ExportError> {
    let columns = sheet.columns(false);
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(columns.iter().map(|c| c.header))?;
        for row in &sheet.rows {
            let record: Vec<String> = columns
                .iter()
                .map(|c| match (c.value)(row) {
                    Cell::Text(t) => neutralize(&t).into_owned(),
                    other => other.display(),
                })
                .collect();
            writer.write_record(&record)?;
        }
        writer.flush().map_err(|e| ExportError::Csv(e.into()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formulas_become_text() {
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralize(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralize("钟山区"), "钟山区");
        assert_eq!(neutralize("a=b"), "a=b");
    }
}
