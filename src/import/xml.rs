//! Streaming XML out of a zip archive for the XLSX and ODS readers: every entry is read through
//! a byte limit, so an archive whose sizes lie still cannot make us read without end.

use std::io::{BufReader, Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};

use super::ImportError;
use super::read::MAX_EXPANDED;

pub(super) type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Stops with an error after `left` bytes.
pub(super) struct Limited<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::FileTooLarge, "archive entry expands past the limit")
        })?;
        Ok(n)
    }
}

pub(super) type XmlReader<'a, 'b> = quick_xml::Reader<BufReader<Limited<zip::read::ZipFile<'a, Cursor<&'b [u8]>>>>>;

/// The names of the archive's entries (names that cannot be read are left out).
pub(super) fn names(archive: &Archive<'_>) -> Vec<String> {
    archive.file_names().filter_map(Result::ok).map(std::borrow::Cow::into_owned).collect()
}

/// The entry's real name, matched without regard to case (some writers differ).
pub(super) fn entry_name(archive: &Archive<'_>, name: &str) -> Option<String> {
    names(archive).into_iter().find(|n| n.eq_ignore_ascii_case(name))
}

/// An XML reader over one entry, or `None` when the archive has no such entry.
pub(super) fn open<'a, 'b>(archive: &'a mut Archive<'b>, name: &str) -> Result<Option<XmlReader<'a, 'b>>, ImportError> {
    let Some(real) = entry_name(archive, name) else { return Ok(None) };
    let file = archive.by_name(&real).map_err(|e| ImportError::NotASheet(format!("zip {real}: {e}")))?;
    let limited = Limited { inner: file, left: MAX_EXPANDED };
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, limited));
    reader.config_mut().check_end_names = false;
    Ok(Some(reader))
}

/// A reading error as the user sees it.
pub(super) fn error(e: &quick_xml::Error) -> ImportError {
    if let quick_xml::Error::Io(io) = e
        && io.kind() == std::io::ErrorKind::FileTooLarge
    {
        return ImportError::ZipBomb(MAX_EXPANDED / (1024 * 1024));
    }
    ImportError::NotASheet(format!("XML: {e}"))
}

/// An attribute's value by its full name (`table:formula`), entities resolved.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// An attribute's value by its local name (`id` for `r:id`), entities resolved.
pub(super) fn attr_local(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Appends an entity reference (`&amp;`, `&#x4E2D;`) to `out`.
pub(super) fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        out.push_str(s);
    }
}
