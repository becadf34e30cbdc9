//! A plan file of either kind, told apart by its content: a plan document (text, `.docx`,
//! PDF) or an office ledger (a spreadsheet or CSV with a header the ledger reader finds).

use std::path::Path;

use crate::domain::Gazetteer;
use crate::import::{ImportError, SheetChoice, Table, read_table_from};

use super::{
    ColumnMapping, DocumentError, LedgerError, LedgerField, PlanDraft, document_text, draft_from_ledger,
    draft_from_text,
};
use super::{header_at, propose_mapping};

/// The largest plan file read (documents and ledgers alike).
const MAX_PLAN_FILE: u64 = 100 * 1024 * 1024;

/// Why a file gives no draft; nothing was written.
#[derive(Debug)]
pub enum PlanFileError {
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    TooBig(u64),
    Document(DocumentError),
    /// A spreadsheet that cannot be read as a table.
    Sheet(ImportError),
    /// A spreadsheet whose header cannot be found (its first rows are in the error).
    Ledger(LedgerError),
    /// Read, but nothing in it looks like a project.
    NoProjects,
}

/// What a plan file proposes, and, for a ledger, its table and the column mapping used (to
/// show, correct and keep for next time).
#[derive(Clone, Debug)]
pub struct PlanFile {
    pub draft: PlanDraft,
    pub ledger: Option<LedgerFile>,
}

/// A ledger as read: its cells and how its columns are mapped.
#[derive(Clone, Debug)]
pub struct LedgerFile {
    pub table: Table,
    pub mapping: ColumnMapping,
    /// True when the mapping is one saved for this header, not the proposal.
    pub saved: bool,
}

/// One column of a ledger as the mapping preview shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnPreview {
    /// 0-based column.
    pub column: usize,
    /// Its header as printed.
    pub header: String,
    /// Its first few non-empty values under the header.
    pub samples: Vec<String>,
    pub field: Option<LedgerField>,
}

impl LedgerFile {
    /// The key its mapping is saved under ([`ColumnMapping::signature`]).
    pub fn signature(&self) -> String {
        self.mapping.signature(&self.table)
    }

    /// Every column with its header, first values and mapped field.
    pub fn preview(&self) -> Vec<ColumnPreview> {
        const SAMPLES: usize = 3;
        self.mapping
            .headers(&self.table)
            .into_iter()
            .enumerate()
            .map(|(column, header)| {
                let samples = self
                    .table
                    .rows
                    .iter()
                    .skip(self.mapping.first_data_row())
                    .filter_map(|row| row.get(column).map(|v| v.text().trim().to_string()))
                    .filter(|t| !t.is_empty())
                    .take(SAMPLES)
                    .collect();
                let field = self.mapping.columns.iter().find(|c| c.column == column).map(|c| c.field);
                ColumnPreview { column, header, samples, field }
            })
            .collect()
    }
}

impl PlanFile {
    /// Drafts a ledger again with `mapping` (the user's correction or a saved mapping).
    ///
    /// # Errors
    /// [`PlanFileError::NoProjects`] when no row is a project under that mapping; the file
    /// is left as it was then.
    pub fn remap(&mut self, mapping: ColumnMapping, places: &Gazetteer, saved: bool) -> Result<(), PlanFileError> {
        let Some(ledger) = &mut self.ledger else { return Ok(()) };
        let draft = draft_from_ledger(&ledger.table, &mapping, places);
        if draft.rows.is_empty() {
            return Err(PlanFileError::NoProjects);
        }
        self.draft = draft;
        ledger.mapping = mapping;
        ledger.saved = saved;
        Ok(())
    }

    /// Applies the mapping saved for this ledger's header, where `saved` (looking it up by
    /// [`LedgerFile::signature`]) has one; the proposal stays if it maps no row.
    pub fn apply_saved(&mut self, places: &Gazetteer, saved: impl Fn(&str) -> Option<ColumnMapping>) {
        let Some(ledger) = &self.ledger else { return };
        let Some(mut mapping) = saved(&ledger.signature()) else { return };
        if mapping == ledger.mapping {
            if let Some(l) = &mut self.ledger {
                l.saved = true;
            }
            return;
        }
        // The header may sit lower or higher this time (a longer title block).
        mapping.header_row = ledger.mapping.header_row;
        let _ = self.remap(mapping, places, true);
    }
}

/// The header the user chose for a ledger whose header was not found, or a saved mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderChoice {
    pub row: usize,
    pub rows: usize,
}

/// Reads a plan document or an office ledger, told apart by content.
///
/// # Errors
/// [`PlanFileError`] saying what to do; a file with no project is [`PlanFileError::NoProjects`].
pub fn read_plan_file(
    path: &Path,
    places: &Gazetteer,
    header: Option<HeaderChoice>,
    sheet: Option<&str>,
) -> Result<PlanFile, PlanFileError> {
    let io = |source| PlanFileError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_PLAN_FILE {
        return Err(PlanFileError::TooBig(size / (1024 * 1024)));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    plan_from_bytes(&bytes, &name, places, header, sheet)
}

/// As [`read_plan_file`], from the file's bytes and name. A workbook's sheet is the one `sheet`
/// names (or numbers), else the first whose header is found (a cover sheet of 填报说明 or a
/// summary in front is passed over).
///
/// # Errors
/// As [`read_plan_file`].
pub fn plan_from_bytes(
    bytes: &[u8],
    name: &str,
    places: &Gazetteer,
    header: Option<HeaderChoice>,
    sheet: Option<&str>,
) -> Result<PlanFile, PlanFileError> {
    let lower = name.to_lowercase();
    let text = !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let csv = lower.ends_with(".csv") || lower.ends_with(".tsv");
    // A file named as a workbook that is none (a picture renamed) is told so as a workbook.
    let workbook = [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|e| lower.ends_with(e));
    let document = |places| -> Result<PlanFile, PlanFileError> {
        let text = document_text(bytes, name).map_err(PlanFileError::Document)?;
        Ok(PlanFile { draft: draft_from_text(&text, places), ledger: None })
    };
    let file = if is_document(bytes, name) {
        document(places)?
    } else {
        // A spreadsheet, a CSV, or plain text that is a table only if its header is found: a
        // plan's text has commas too, and is read as prose when no ledger header is in it.
        let has_header = |t: &Table| propose_mapping(t).is_ok();
        let choice = sheet.map_or(SheetChoice::First(&has_header), SheetChoice::Named);
        let table = match read_table_from(bytes, choice) {
            Ok(table) => table,
            Err(_) if text && !csv && !workbook => return finish(document(places)?),
            Err(e) => return Err(PlanFileError::Sheet(e)),
        };
        let mapping = match header {
            Some(h) if h.row >= table.rows.len() => {
                return Err(PlanFileError::Ledger(LedgerError::RowBeyond { row: h.row + 1, rows: table.rows.len() }));
            }
            Some(h) => header_at(&table, h.row, h.rows),
            None => match propose_mapping(&table) {
                Ok(m) => m,
                Err(LedgerError::NoHeader { .. }) if text && !csv => return finish(document(places)?),
                Err(e) => return Err(PlanFileError::Ledger(e)),
            },
        };
        PlanFile {
            draft: draft_from_ledger(&table, &mapping, places),
            ledger: Some(LedgerFile { table, mapping, saved: false }),
        }
    };
    finish(file)
}

/// A file that gives no draft row, and no sentence that could hold one, is refused as having no
/// projects; one with only 未识别 sentences opens, for the reviewer to make drafts of them.
fn finish(file: PlanFile) -> Result<PlanFile, PlanFileError> {
    if file.draft.rows.is_empty() && file.draft.unread.is_empty() {
        return Err(PlanFileError::NoProjects);
    }
    Ok(file)
}

/// A PDF, a Word document, or text whose lines are prose rather than separated cells.
fn is_document(bytes: &[u8], name: &str) -> bool {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"%PDF") || lower.ends_with(".pdf") || lower.ends_with(".docx") || lower.ends_with(".doc") {
        return true;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip: a Word document has word/document.xml near the start of its directory.
        return bytes.windows(17).any(|w| w == b"word/document.xml");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{PlanFileError, plan_from_bytes};
    use crate::domain::Gazetteer;
    use crate::import::plan::{DraftSource, LedgerError};

    const LEDGER: &str = "序号,项目名称,所属区县,总投资,形象进度\n1,钟山大道改造,钟山区,18200,路基完成\n";

    #[test]
    fn a_plan_text_with_commas_is_a_document_and_a_ledger_is_a_ledger() {
        // The bundled plan has ASCII commas in most paragraphs; it was once taken for a CSV
        // without a header.
        let places = Gazetteer::default();
        let plan = plan_from_bytes(crate::seed::PLAN_TEXT.as_bytes(), "plan.txt", &places, None, None).expect("plan");
        assert_eq!(plan.draft.source, DraftSource::Document);
        assert!(plan.draft.rows.len() > 300, "{}", plan.draft.rows.len());
        for name in ["ledger.csv", "ledger.txt"] {
            let ledger = plan_from_bytes(LEDGER.as_bytes(), name, &places, None, None).expect("ledger");
            assert_eq!(ledger.draft.source, DraftSource::Ledger, "{name}");
            assert_eq!(ledger.draft.rows.len(), 1);
        }
        // A .csv is a table: without a header the user is asked to pick one.
        let headless = plan_from_bytes("甲,乙,丙\n1,2,3\n".as_bytes(), "x.csv", &places, None, None);
        assert!(matches!(headless, Err(PlanFileError::Ledger(LedgerError::NoHeader { .. }))));
        let nothing = plan_from_bytes("会议纪要,今天天气很好。\n".as_bytes(), "x.txt", &places, None, None);
        assert!(matches!(nothing, Err(PlanFileError::NoProjects)));
    }
}
