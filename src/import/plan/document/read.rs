//! A plan document's text: `.txt` in UTF-8 (with or without a BOM), GBK/GB18030 or UTF-16 with a
//! BOM; `.docx` (paragraphs in order, a table's cells one per line and a blank line after the
//! table); `.pdf` with a text layer (through `pdf-extract`). Every reader is bounded: the file
//! by [`MAX_DOCUMENT`], an archive by what it says it expands to and by what it really does.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;

/// The largest document read at all.
pub const MAX_DOCUMENT: u64 = 100 * 1024 * 1024;
/// The most a `.docx` archive may expand to.
const MAX_EXPANDED: u64 = 200 * 1024 * 1024;
/// Fewer letters than this in a PDF's text layer means a scan.
const MIN_PDF_TEXT: usize = 16;

/// A document whose text cannot be read; nothing was proposed.
#[derive(Debug)]
pub enum DocumentError {
    /// The file could not be opened or read.
    Io { path: std::path::PathBuf, source: std::io::Error },
    /// Larger than [`MAX_DOCUMENT`] (size in MB).
    TooBig(u64),
    /// An archive that expands past the limit (size in MB).
    ZipBomb(u64),
    /// The file is empty or holds only spaces.
    Empty,
    /// A kind of file the importer does not read (its extension).
    Unsupported(String),
    /// An old binary `.doc` (Word 97–2003).
    OldWord,
    /// A PDF without a text layer: a scan.
    NoText,
    /// The file is damaged or not what its name says (what went wrong).
    Damaged(String),
    /// Named as text but holding binary data (NUL bytes, many control characters).
    NotText,
    /// More lines than a plan has ([`MAX_LINES`]).
    TooManyLines(usize),
    /// A PDF whose reading took longer than this many seconds.
    TooSlow(u64),
    /// A line longer than a plan's paragraphs ([`MAX_LINE_CHARS`]; its length).
    LineTooLong(usize),
}

/// Reads a plan document from disk.
///
/// # Errors
/// [`DocumentError`] saying what is wrong with the file and what to do.
pub fn read_document(path: &Path) -> Result<String, DocumentError> {
    let io = |source| DocumentError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_DOCUMENT {
        return Err(DocumentError::TooBig(size / (1024 * 1024)));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    document_text(&bytes, &name)
}

/// The text of a plan document held in memory; the kind is told by content first (a PDF, a zip
/// archive, an old Word file), then by `file_name`'s extension.
///
/// # Errors
/// [`DocumentError`] saying what is wrong with the file and what to do.
pub fn document_text(bytes: &[u8], file_name: &str) -> Result<String, DocumentError> {
    if bytes.len() as u64 > MAX_DOCUMENT {
        return Err(DocumentError::TooBig(bytes.len() as u64 / (1024 * 1024)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DocumentError::Empty);
    }
    let ext = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let text = if bytes.starts_with(b"%PDF") {
        pdf_text(bytes)?
    } else if bytes.starts_with(b"PK\x03\x04") {
        docx_text(bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocumentError::OldWord);
    } else if matches!(ext.as_str(), "txt" | "text" | "md" | "") {
        let text = plain_text(bytes);
        if !looks_like_text(&text) {
            return Err(DocumentError::NotText);
        }
        text
    } else if matches!(ext.as_str(), "docx" | "pdf" | "doc") {
        // Named as a document whose contents it is not: damaged, not a kind to save it as.
        return Err(damaged(format!(".{ext}")));
    } else {
        return Err(DocumentError::Unsupported(ext));
    };
    if text.trim().is_empty() {
        return Err(DocumentError::Empty);
    }
    // A plan of 300 pages has some 15,000 lines; a million lines (1.3 GB and a million
    // "projects") is a data dump, not a plan.
    let lines = text.lines().count();
    if lines > MAX_LINES {
        return Err(DocumentError::TooManyLines(lines));
    }
    // A paragraph of a plan runs to a few thousand characters; one line of megabytes (400,000
    // drafts and 4 GB for 9.6 MB) is a dump too.
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if longest > MAX_LINE_CHARS {
        return Err(DocumentError::LineTooLong(longest));
    }
    Ok(text)
}

/// The most lines a plan document may have.
pub const MAX_LINES: usize = 200_000;

/// The most characters one line (a paragraph) of a plan document may have.
pub const MAX_LINE_CHARS: usize = 100_000;

/// Plain text: a BOM decides (UTF-8, UTF-16 LE/BE); else UTF-8 when it is valid, else GB18030
/// (a superset of GBK, what Chinese Windows writes as “ANSI”).
fn plain_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    // UTF-16 without a BOM (some tools save "Unicode" so): not UTF-8 or full of NUL as UTF-8,
    // and one of the two byte orders reads as text of Chinese and ASCII characters.
    let utf8_text = std::str::from_utf8(bytes).ok().filter(|t| !t.contains('\0'));
    if utf8_text.is_none() && bytes.len().is_multiple_of(2) && bytes.len() >= 8 {
        let readable = |t: &str| t.chars().filter(|&c| is_cjk(c) || c.is_ascii_graphic() || c.is_whitespace()).count();
        let best = [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
            .into_iter()
            .map(|e| e.decode_without_bom_handling(bytes).0.into_owned())
            .filter(|t| looks_like_text(t))
            .max_by_key(|t| readable(t));
        if let Some(text) = best.filter(|t| readable(t) * 10 >= t.chars().count() * 9) {
            return text;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Whether decoded text is text: no NUL, and at most one character in a hundred a control
/// character (but line breaks, tabs, Word's vertical tab, a form feed) or a byte that did not
/// decode. Random bytes decode as GB18030 into a few "projects" with NUL in their names.
fn looks_like_text(text: &str) -> bool {
    let (mut all, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\0' {
            return false;
        }
        all += 1;
        odd += usize::from(c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}')));
    }
    odd.saturating_mul(100) <= all
}

fn damaged(what: impl std::fmt::Display) -> DocumentError {
    DocumentError::Damaged(what.to_string())
}

/// A `.docx`: `word/document.xml`'s paragraphs in order; inside a table each cell's paragraphs
/// are lines, and a blank line follows the table (it closes a 专栏 box).
fn docx_text(bytes: &[u8]) -> Result<String, DocumentError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(format!("zip: {e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| damaged(format!("zip: {e}")))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_EXPANDED {
        return Err(DocumentError::ZipBomb(total / (1024 * 1024)));
    }
    let Ok(entry) = archive.by_name("word/document.xml") else {
        return Err(if archive.file_names().any(|n| n.is_ok_and(|n| n == "content.xml")) {
            DocumentError::Unsupported("odt".into())
        } else {
            damaged("no word/document.xml")
        });
    };
    // The sizes an archive states can lie: read one byte past the limit to know.
    let mut xml = Vec::new();
    entry.take(MAX_EXPANDED + 1).read_to_end(&mut xml).map_err(|e| damaged(format!("zip: {e}")))?;
    if xml.len() as u64 > MAX_EXPANDED {
        return Err(DocumentError::ZipBomb(MAX_EXPANDED / (1024 * 1024)));
    }
    docx_paragraphs(&xml)
}

fn docx_paragraphs(xml: &[u8]) -> Result<String, DocumentError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| damaged(format!("XML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "tab" => paragraph.push('\t'),
            Event::Start(e) | Event::Empty(e) if matches!(e.local_name().as_ref(), "br" | "cr") => paragraph.push('\n'),
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    out.push_str(paragraph.trim_end());
                    out.push('\n');
                    paragraph.clear();
                }
                "tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        out.push('\n');
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::CData(t) if in_text => paragraph.push_str(&t),
            Event::GeneralRef(r) if in_text => crate::import::xml::push_ref(&mut paragraph, &r),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A PDF's text layer. A PDF with (almost) no letters in it is a scan: run OCR first.
fn pdf_text(bytes: &[u8]) -> Result<String, DocumentError> {
    let text = match PDF_READER.get() {
        Some(exe) => pdf_text_in_child(exe, bytes)?,
        None => raw_pdf_text(bytes).map_err(damaged)?,
    };
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_PDF_TEXT {
        return Err(DocumentError::NoText);
    }
    Ok(unwrap_lines(&tighten(&text)))
}

/// The program that reads PDFs in a process of its own, once the binary has said so at start
/// ([`read_pdfs_apart`]); unset (tests of the library), PDFs are read in this process.
static PDF_READER: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// The argument that makes the binary read a PDF from its standard input and print its text
/// ([`pdf_child`]).
pub const PDF_CHILD_ARG: &str = "--read-pdf-text";

/// The most memory the PDF reader's process may take (resident), and the longest it may run.
const PDF_MEMORY_MB: u64 = 1024;
const PDF_SECONDS: u64 = 120;

/// From now on PDFs are read by `exe` (this binary) in a process of its own: pdf-extract may
/// take gigabytes on a compression bomb, overflow its stack on a form that draws itself (an
/// abort no panic handler catches) or print a panic; none of it may take the window or the
/// command down with the reviewer's unsaved work, nor reach the terminal.
pub fn read_pdfs_apart(exe: std::path::PathBuf) {
    let _ = PDF_READER.set(exe);
}

/// The child's side of [`read_pdfs_apart`]: a PDF on standard input, its raw text on standard
/// output; exit 0, or 2 with what went wrong.
pub fn pdf_child() -> i32 {
    use std::io::{Read, Write};
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = Vec::new();
    if std::io::stdin().take(MAX_DOCUMENT + 1).read_to_end(&mut bytes).is_err() {
        return 2;
    }
    let (text, code) = match raw_pdf_text(&bytes) {
        Ok(text) => (text, 0),
        Err(what) => (what, 2),
    };
    if std::io::stdout().write_all(text.as_bytes()).is_err() {
        return 2;
    }
    code
}

/// pdf-extract's text of a PDF, its panics caught (a damaged file is a message, not a crash).
fn raw_pdf_text(bytes: &[u8]) -> Result<String, String> {
    match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes)) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("PDF: {e}")),
        Err(_) => Err("PDF".into()),
    }
}

/// Reads the PDF's text in a child process of `exe`, ended if it takes more than
/// [`PDF_MEMORY_MB`] (where the system says how much a process takes) or [`PDF_SECONDS`].
fn pdf_text_in_child(exe: &std::path::Path, bytes: &[u8]) -> Result<String, DocumentError> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(exe)
        .arg(PDF_CHILD_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| damaged(format!("PDF: {e}")))?;
    let (Some(mut stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        return Err(damaged("PDF"));
    };
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => return Err(damaged(format!("PDF: {e}"))),
        }
        let took = resident_mb(child.id());
        if took.is_some_and(|mb| mb > PDF_MEMORY_MB) || started.elapsed().as_secs() > PDF_SECONDS {
            let _ = child.kill();
            let _ = child.wait();
            return Err(match took {
                Some(mb) if mb > PDF_MEMORY_MB => DocumentError::ZipBomb(mb),
                _ => DocumentError::TooSlow(PDF_SECONDS),
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().map_err(|_| damaged("PDF"))?.map_err(|e| damaged(format!("PDF: {e}")))?;
    let text = String::from_utf8_lossy(&out).into_owned();
    match status.code() {
        Some(0) => Ok(text),
        Some(2) => Err(damaged(text)),
        // Ended by a signal (a stack overflow aborts) or an odd code: the file is not readable.
        _ => Err(damaged("PDF")),
    }
}

/// The resident memory of process `pid` in MB, where the system tells it (Linux).
fn resident_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '“' | '”')
}

/// Without the spaces a PDF puts where Chinese meets Latin letters or digits (`2025 年`,
/// `专栏 6`): the plan printed none.
fn tighten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            if (is_cjk(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_cjk(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Joins the lines a PDF wrapped at the page's width: a line nearly as long as the longest
/// that does not end a sentence goes on with the next.
fn unwrap_lines(text: &str) -> String {
    let longest = text.lines().map(|l| l.trim().chars().count()).max().unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        out.push_str(line);
        let wrapped =
            line.chars().count() * 5 >= longest * 4 && !line.ends_with(['。', '！', '？', '；', '|', ':', '：']);
        if !wrapped {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{DocumentError, document_text, plain_text};

    #[test]
    fn plain_text_in_every_encoding_offices_write() {
        let text = "专栏6 城镇“四改” 钟山区20公里";
        assert_eq!(plain_text(text.as_bytes()), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(plain_text(&bom), text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(plain_text(&gbk), text);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(plain_text(&utf16), text);
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(plain_text(&utf16be), text);
    }

    #[test]
    fn pdf_text_is_tightened_and_unwrapped() {
        let text = "专栏 6 目标任务\n1. 全市建设改造供水管网 35 公里,其中:钟山区完成建设改造 20 公里、\n水城区完成建设改造 15 公里。\n";
        assert_eq!(
            super::unwrap_lines(&super::tighten(text)),
            // The space the plan printed after 专栏6 cannot be told from the PDF's own.
            "专栏6目标任务\n1. 全市建设改造供水管网35公里,其中:钟山区完成建设改造20公里、水城区完成建设改造15公里。\n"
        );
    }

    #[test]
    fn docx_tables_give_a_line_per_cell_and_a_blank_line_after() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>专栏6 目标任务</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>钟山区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">20公里 &amp; </w:t></w:r><w:r><w:t>更多</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            super::docx_paragraphs(xml.as_bytes()).expect("xml"),
            "专栏6 目标任务\n钟山区\n20公里 & 更多\n\n正文\n"
        );
    }

    #[test]
    fn refusals_say_what_to_do() {
        assert!(matches!(document_text(b"  \n", "a.txt"), Err(DocumentError::Empty)));
        assert!(matches!(document_text(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "a.doc"), Err(DocumentError::OldWord)));
        assert!(matches!(document_text(b"abc", "a.xlsx"), Err(DocumentError::Unsupported(e)) if e == "xlsx"));
        assert!(matches!(document_text(b"PK\x03\x04broken", "a.docx"), Err(DocumentError::Damaged(_))));
        assert!(matches!(document_text(&[7u8; 300], "a.docx"), Err(DocumentError::Damaged(_))));
        // Random bytes named .txt are no plan text (they decoded into "projects" with NUL in their names).
        let noise: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(matches!(document_text(&noise, "a.txt"), Err(DocumentError::NotText)));
        assert!(document_text("一、新建停车位800个。\u{b}二、改造道路3条。".as_bytes(), "a.txt").is_ok());
        // UTF-16 without a BOM, both byte orders, is read as text.
        let plan = "一、新建停车位800个。\n二、改造道路3条。\n";
        let le: Vec<u8> = plan.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = plan.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(document_text(&le, "a.txt").expect("le").trim(), plan.trim());
        assert_eq!(document_text(&be, "a.txt").expect("be").trim(), plan.trim());
        // A million lines is no plan.
        let dump = "项目A 1个\n".repeat(super::MAX_LINES + 1);
        assert!(matches!(document_text(dump.as_bytes(), "a.txt"), Err(DocumentError::TooManyLines(_))));
        let one_line = "新建停车位1个、".repeat(super::MAX_LINE_CHARS / 4);
        assert!(matches!(document_text(one_line.as_bytes(), "a.txt"), Err(DocumentError::LineTooLong(_))));
        assert!(DocumentError::NoText.zh().contains("OCR"));
        assert!(DocumentError::NoText.en().contains("OCR"));
        assert_eq!(DocumentError::OldWord.to_string(), DocumentError::OldWord.zh());
    }
}
