//! A plan file of either kind, told apart by its content: a plan document (text, `.docx`,
//! PDF) or an office ledger (a spreadsheet or CSV with a header the ledger reader finds).

use std::path::Path;

use crate::domain::Gazetteer;
use crate::import::{ImportError, read_table};

use super::{ColumnMapping, DocumentError, LedgerError, PlanDraft, document_text, draft_from_ledger, draft_from_text};
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

impl PlanFileError {
    /// The message in Chinese: what went wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::Io { path, source } => {
                format!("无法读取 {}({source}):请确认文件存在且未被其他程序占用。", path.display())
            }
            Self::TooBig(mb) => format!("文件有 {mb} MB,超过可导入的 100 MB。"),
            Self::Document(e) => e.zh(),
            Self::Sheet(e) => e.to_string(),
            Self::Ledger(e) => e.zh(),
            Self::NoProjects => {
                "文件中没有找到项目:规划正文中没有项目清单或数量目标,台账中没有项目行。请检查是否选对了文件。".into()
            }
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Self::Io { path, source } => {
                format!("Cannot read {} ({source}): check that it exists and no other program holds it.", path.display())
            }
            Self::TooBig(mb) => format!("The file is {mb} MB, more than the 100 MB that can be imported."),
            Self::Document(e) => e.en(),
            Self::Sheet(e) => e.to_string(),
            Self::Ledger(e) => e.en(),
            Self::NoProjects => "No projects found: the text has no project list or quantity target, the sheet no project rows. Check that this is the right file.".into(),
        }
    }
}

impl std::fmt::Display for PlanFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh(), self.en())
    }
}

impl std::error::Error for PlanFileError {}

/// What a plan file proposes, and, for a ledger, the column mapping used (to show, correct
/// and keep for next time).
#[derive(Clone, Debug)]
pub struct PlanFile {
    pub draft: PlanDraft,
    pub mapping: Option<ColumnMapping>,
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
) -> Result<PlanFile, PlanFileError> {
    let io = |source| PlanFileError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_PLAN_FILE {
        return Err(PlanFileError::TooBig(size / (1024 * 1024)));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    plan_from_bytes(&bytes, &name, places, header)
}

/// As [`read_plan_file`], from the file's bytes and name.
///
/// # Errors
/// As [`read_plan_file`].
pub fn plan_from_bytes(
    bytes: &[u8],
    name: &str,
    places: &Gazetteer,
    header: Option<HeaderChoice>,
) -> Result<PlanFile, PlanFileError> {
    let file = if is_document(bytes, name) {
        let text = document_text(bytes, name).map_err(PlanFileError::Document)?;
        PlanFile { draft: draft_from_text(&text, places), mapping: None }
    } else {
        let table = read_table(bytes).map_err(PlanFileError::Sheet)?;
        let mapping = match header {
            Some(h) => header_at(&table, h.row, h.rows),
            None => match propose_mapping(&table) {
                Ok(m) => m,
                // Plain text that is no table is a plan's text.
                Err(LedgerError::NoHeader { .. }) if looks_like_text(bytes) => {
                    let text = document_text(bytes, name).map_err(PlanFileError::Document)?;
                    let draft = draft_from_text(&text, places);
                    return if draft.rows.is_empty() {
                        Err(PlanFileError::NoProjects)
                    } else {
                        Ok(PlanFile { draft, mapping: None })
                    };
                }
                Err(e) => return Err(PlanFileError::Ledger(e)),
            },
        };
        PlanFile { draft: draft_from_ledger(&table, &mapping, places), mapping: Some(mapping) }
    };
    if file.draft.rows.is_empty() {
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

/// Text (not a zip or an old Office file) with few separators per line: prose.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let lines = sample.split(|&b| b == b'\n').filter(|l| l.iter().any(|b| !b.is_ascii_whitespace())).count().max(1);
    let separators = sample.iter().filter(|&&b| b == b',' || b == b'\t').count();
    separators < lines * 2
}
