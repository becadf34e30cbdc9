//! Text sheets: CSV, and tab-separated text (Excel's "Unicode text" is UTF-16LE with a BOM and
//! tabs), in UTF-8, GBK/GB18030 or UTF-16. Every cell is text; the importer parses numbers.

use std::borrow::Cow;

use super::ImportError;
use super::read::{Table, TableBuilder, Value};

/// The encoding of a text file, from its BOM or, without one, from where its zero bytes fall.
fn utf16_of(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some((encoding_rs::UTF_16LE, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some((encoding_rs::UTF_16BE, rest));
    }
    // Without a BOM: text of mostly ASCII has a zero in every other byte.
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    if half >= 2 && zeros_at(1) * 3 > half && zeros_at(0) * 10 < half {
        return Some((encoding_rs::UTF_16LE, bytes));
    }
    if half >= 2 && zeros_at(0) * 3 > half && zeros_at(1) * 10 < half {
        return Some((encoding_rs::UTF_16BE, bytes));
    }
    None
}

fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    if let Some((encoding, body)) = utf16_of(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| ImportError::Encoding(encoding.name().to_string()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(ImportError::NotText);
    }
    Ok(text)
}

/// Tab when the first lines hold more tabs than commas, else comma.
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect();
    let tabs = head.matches('\t').count();
    if tabs > 0 && tabs >= head.matches(',').count() { b'\t' } else { b',' }
}

/// Reads CSV or tab-separated text.
pub(super) fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes)?;
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(ImportError::Binary);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut table = TableBuilder::new("");
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    let mut last_line = 1;
    while reader.read_record(&mut record).map_err(|e| ImportError::NotASheet(format!("CSV: {e}")))? {
        last_line = record.position().map_or(last_line, csv::Position::line);
        for (col, field) in record.iter().enumerate() {
            if !field.is_empty() {
                table.set(row, col, Value::Text(unneutralize(field).to_string()), false)?;
            }
        }
        row += 1;
    }
    // Quotes come in pairs (a quote inside a field is doubled): an odd count means a quote
    // that never closes, which swallows every row after it into one cell.
    if text.matches('"').count() % 2 == 1 {
        return Err(ImportError::OpenQuote(last_line));
    }
    Ok(table.finish())
}

/// A text cell as the district meant it: Taizhang's own CSV files (exports, skipped rows)
/// put `'` before text that a spreadsheet would run as a formula; read back, it goes again.
fn unneutralize(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, delimiter, read, unneutralize};

    #[test]
    fn an_unclosed_quote_is_refused_and_own_prefixes_are_undone() {
        let err = read("项目编号,状态\n1,\"在建\n2,在建\n3,在建\n".as_bytes()).expect_err("unclosed");
        assert!(err.to_string().contains("未闭合的引号"), "{err}");
        assert_eq!(unneutralize("'-已完成主体"), "-已完成主体");
        assert_eq!(unneutralize("'@资金不足"), "@资金不足");
        assert_eq!(unneutralize("'普通"), "'普通");
    }

    #[test]
    fn encodings_and_delimiters() {
        let utf16: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("项目编号\t状态".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).expect("utf-16"), "项目编号\t状态");
        let no_bom: Vec<u8> = "id\tstatus\r\n1\t在建".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&no_bom).expect("utf-16 without BOM"), "id\tstatus\r\n1\t在建");
        assert_eq!(delimiter("a\tb\tc\n1,5\t2\t3"), b'\t');
        assert_eq!(delimiter("a,b,c\n1,2,\"x\ty\""), b',');
    }
}
