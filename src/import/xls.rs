//! XLS (BIFF, Excel 97–2003). calamine builds a dense range of every sheet when it opens the
//! file, from the smallest to the largest used cell, so first the workbook stream is scanned
//! here (a small reader of the OLE compound file and of the BIFF records) and a file whose
//! extent would need too much memory is refused with a message. The same scan reads each
//! cell's format, so a number shown as a percentage is read as one.

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

use calamine::{Data, Reader, Xls};

use super::ImportError;
use super::numfmt::NumberKind;
use super::read::{
    CellDate, MAX_TEXT, SheetChoice, SheetPicker, Table, TableBuilder, Value, cell_name, update_sheet_first,
};

/// Cells calamine may lay out densely, summed over the sheets (each costs 32 bytes, plus 24 in
/// the formula range, plus 40 while it collects them).
const MAX_XLS_CELLS: u64 = 2_000_000;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// A minimal reader of an OLE compound file: enough to take out one stream.
struct Compound<'a> {
    bytes: &'a [u8],
    shift: u32,
    mini_shift: u32,
    fat: Vec<u32>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn damaged(what: &str) -> ImportError {
    ImportError::DamagedXls(what.to_string())
}

impl<'a> Compound<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, ImportError> {
        let shift = u32::from(u16_at(bytes, 0x1E).ok_or_else(|| damaged("header"))?);
        let mini_shift = u32::from(u16_at(bytes, 0x20).ok_or_else(|| damaged("header"))?);
        if !(7..=16).contains(&shift) || mini_shift >= shift {
            return Err(damaged("sector size"));
        }
        let mut compound = Self { bytes, shift, mini_shift, fat: Vec::new() };
        // The FAT's sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
        let mut difat = u32_at(bytes, 0x44).ok_or_else(|| damaged("header"))?;
        let per_sector = (1usize << shift) / 4;
        let mut guard = 0;
        while difat < END_OF_CHAIN && guard <= compound.sector_count() {
            let sector = compound.sector(difat).ok_or_else(|| damaged("DIFAT"))?;
            fat_sectors.extend((0..per_sector - 1).filter_map(|i| u32_at(sector, 4 * i)));
            difat = u32_at(sector, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
            guard += 1;
        }
        for s in fat_sectors.into_iter().filter(|&s| s < END_OF_CHAIN - 2) {
            let Some(sector) = compound.sector(s) else { continue };
            compound.fat.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
        }
        Ok(compound)
    }

    fn sector_count(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The chain of sectors from `first` in `table`, stopping at a loop or a bad entry.
    fn chain(table: &[u32], first: u32, limit: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = first;
        while n < END_OF_CHAIN - 2 && out.len() <= limit {
            out.push(n);
            n = table.get(n as usize).copied().unwrap_or(END_OF_CHAIN);
        }
        out
    }

    fn read_chain(&self, first: u32, size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for n in Self::chain(&self.fat, first, self.sector_count()) {
            if let Some(sector) = self.sector(n) {
                out.extend_from_slice(sector);
            }
            if out.len() >= size {
                break;
            }
        }
        out.truncate(size);
        out
    }

    /// The stream named `Workbook` (BIFF8) or `Book` (BIFF5).
    fn workbook(&self) -> Result<Vec<u8>, ImportError> {
        let first_dir = u32_at(self.bytes, 0x30).ok_or_else(|| damaged("header"))?;
        let directory = self.read_chain(first_dir, self.bytes.len());
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let name_of = |e: &[u8]| {
            let len = usize::from(u16_at(e, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len / 2).filter_map(|i| u16_at(e, 2 * i)).take_while(|&u| u != 0).collect();
            String::from_utf16_lossy(&units)
        };
        let root = entries.iter().find(|e| e.get(0x42) == Some(&5)).ok_or_else(|| damaged("root"))?;
        let stream = entries
            .iter()
            .find(|e| e.get(0x42) == Some(&2) && matches!(name_of(e).as_str(), "Workbook" | "Book"))
            .ok_or_else(|| damaged("no Workbook stream"))?;
        let start = u32_at(stream, 0x74).unwrap_or(END_OF_CHAIN);
        let size = (u32_at(stream, 0x78).unwrap_or(0) as usize).min(self.bytes.len());
        let cutoff = u32_at(self.bytes, 0x38).unwrap_or(4096) as usize;
        if size >= cutoff {
            return Ok(self.read_chain(start, size));
        }
        // A small stream lives in the mini stream, in 64-byte sectors.
        let mini_stream = self.read_chain(u32_at(root, 0x74).unwrap_or(END_OF_CHAIN), self.bytes.len());
        let mini_fat_bytes = self.read_chain(u32_at(self.bytes, 0x3C).unwrap_or(END_OF_CHAIN), self.bytes.len());
        let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4).filter_map(|i| u32_at(&mini_fat_bytes, 4 * i)).collect();
        let mini = 1usize << self.mini_shift;
        let mut out = Vec::new();
        for n in Self::chain(&mini_fat, start, mini_stream.len() / mini) {
            if let Some(s) = mini_stream.get(n as usize * mini..(n as usize + 1) * mini) {
                out.extend_from_slice(s);
            }
        }
        out.truncate(size);
        Ok(out)
    }
}

/// What the scan learnt about one sheet.
#[derive(Debug, Default)]
struct SheetScan {
    name: String,
    /// Bounding box of the value cells: (min row, min col, max row, max col).
    values: Option<(u32, u32, u32, u32)>,
    formulas: Option<(u32, u32, u32, u32)>,
    /// Cells shown as percentages.
    percent: BTreeSet<(usize, usize)>,
}

fn grow(b: &mut Option<(u32, u32, u32, u32)>, row: u32, col: u32) {
    *b = Some(match *b {
        None => (row, col, row, col),
        Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(col), r1.max(row), c1.max(col)),
    });
}

fn area(b: Option<(u32, u32, u32, u32)>) -> u64 {
    b.map_or(0, |(r0, c0, r1, c1)| (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1))
}

/// A FORMAT record's code (BIFF8: a Unicode string; BIFF5: bytes).
fn format_code(data: &[u8], biff8: bool) -> String {
    if biff8 {
        let cch = usize::from(u16_at(data, 2).unwrap_or(0));
        let high = data.get(4).is_some_and(|f| f & 1 == 1);
        let chars = data.get(5..).unwrap_or(&[]);
        if high {
            let units: Vec<u16> = (0..cch).filter_map(|i| u16_at(chars, 2 * i)).collect();
            String::from_utf16_lossy(&units)
        } else {
            chars.iter().take(cch).map(|&b| char::from(b)).collect()
        }
    } else {
        let cch = usize::from(data.get(2).copied().unwrap_or(0));
        data.get(3..).unwrap_or(&[]).iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

/// Refuses a DIMENSIONS record that would make calamine reserve too much, or that it would
/// read with a subtraction that overflows.
fn check_dimensions(data: &[u8]) -> Result<(), ImportError> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return Err(damaged("DIMENSIONS")),
    };
    // As calamine reads it.
    let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
    if last_row >= 1 && last_col >= 1 {
        if last_row - 1 < first_row || last_col - 1 < first_col {
            return Err(damaged("DIMENSIONS"));
        }
        let reserve = u64::from(last_row - first_row) * u64::from(last_col - first_col);
        if reserve > MAX_XLS_CELLS {
            return Err(ImportError::FarCell { cell: cell_name(last_row as usize - 1, last_col as usize - 1) });
        }
    }
    Ok(())
}

/// A sheet's name from its BOUNDSHEET record.
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let cch = usize::from(data.get(6).copied().unwrap_or(0));
    if !biff8 {
        return data.get(7..).unwrap_or(&[]).iter().take(cch).map(|&b| char::from(b)).collect();
    }
    let chars = data.get(8..).unwrap_or(&[]);
    if data.get(7).is_some_and(|f| f & 1 == 1) {
        String::from_utf16_lossy(&(0..cch).filter_map(|i| u16_at(chars, 2 * i)).collect::<Vec<_>>())
    } else {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

/// The state of a scan through the workbook stream.
#[derive(Default)]
struct Scanner {
    /// Sheet names by the stream offset of their BOF record.
    sheets_at: HashMap<usize, String>,
    formats: HashMap<u16, NumberKind>,
    xf_kinds: Vec<NumberKind>,
    sheets: Vec<SheetScan>,
    current: Option<SheetScan>,
    depth: usize,
    biff8: bool,
    cells: u64,
    /// The shared string table (SST and its CONTINUE records) while it is being read, then
    /// the length in characters of each string.
    sst: Vec<Vec<u8>>,
    in_sst: bool,
    sst_chars: Vec<u32>,
    /// Bytes of text calamine will hold: every cell that refers to a shared string gets its
    /// own copy (counted at 3 bytes a character, the most UTF-8 needs for BIFF's UTF-16).
    text: u64,
}

impl Scanner {
    /// Notes one cell (at `row`, `col`, in format `xf`) of the current sheet.
    fn cell(&mut self, row: u16, col: u16, xf: u16, formula: bool) {
        self.cells += 1;
        let percent = self.xf_kinds.get(usize::from(xf)) == Some(&NumberKind::Percent);
        if let Some(sheet) = self.current.as_mut() {
            grow(&mut sheet.values, u32::from(row), u32::from(col));
            if formula {
                grow(&mut sheet.formulas, u32::from(row), u32::from(col));
            }
            if percent {
                sheet.percent.insert((usize::from(row), usize::from(col)));
            }
        }
    }

    fn record(&mut self, typ: u16, data: &[u8], at: usize) -> Result<(), ImportError> {
        if self.in_sst && typ == 0x003C {
            self.sst.push(data.to_vec());
            return Ok(());
        }
        if self.in_sst {
            self.in_sst = false;
            self.sst_chars = sst_lengths(&std::mem::take(&mut self.sst));
        }
        match typ {
            0x00FC if self.depth == 1 => {
                self.sst = vec![data.to_vec()];
                self.in_sst = true;
            }
            0x0809 => {
                self.depth += 1;
                if self.depth == 1 {
                    self.biff8 = u16_at(data, 0) == Some(0x0600);
                    if let Some(name) = self.sheets_at.remove(&at) {
                        self.current = Some(SheetScan { name, ..SheetScan::default() });
                    }
                }
            }
            0x000A => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.sheets.extend(self.current.take());
                }
            }
            // Records of embedded charts and the like.
            _ if self.depth != 1 => {}
            0x0085 => {
                let name = sheet_name(data, self.biff8);
                self.sheets_at.insert(u32_at(data, 0).unwrap_or(0) as usize, name);
            }
            0x041E | 0x001E => {
                if let Some(id) = u16_at(data, 0) {
                    self.formats.insert(id, NumberKind::of_code(&format_code(data, self.biff8)));
                }
            }
            0x00E0 | 0x0043 if self.xf_kinds.len() < 65_536 => {
                let id = u16_at(data, 2).unwrap_or(0);
                let kind = self.formats.get(&id).copied().unwrap_or_else(|| NumberKind::builtin(u32::from(id)));
                self.xf_kinds.push(kind);
            }
            0x0200 => check_dimensions(data)?,
            0x0203 | 0x027E | 0x0204 | 0x00FD | 0x0205 | 0x0006 | 0x00D6 => {
                if let (Some(row), Some(col), Some(xf)) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) {
                    self.cell(row, col, xf, typ == 0x0006);
                }
                if typ == 0x00FD {
                    let index = u32_at(data, 6).unwrap_or(0) as usize;
                    let chars = self.sst_chars.get(index).copied().unwrap_or(0);
                    self.text = self.text.saturating_add(u64::from(chars) * 3);
                }
            }
            0x00BD => {
                // MULRK: row, first column, (xf, rk) × n, last column.
                if let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) {
                    for i in 0..data.len().saturating_sub(6) / 6 {
                        let xf = u16_at(data, 4 + 6 * i).unwrap_or(0);
                        self.cell(row, first.saturating_add(i as u16), xf, false);
                    }
                }
            }
            _ => {}
        }
        if self.cells > MAX_XLS_CELLS || self.text > MAX_TEXT as u64 {
            return Err(ImportError::TooMuch);
        }
        Ok(())
    }
}

/// Walks the shared string table across its CONTINUE records and gives each string's length in
/// characters ([MS-XLS] 2.4.265, 2.5.293: a string's characters may continue in the next
/// record, which then starts with a new flags byte; formatting runs and phonetic data too).
fn sst_lengths(chunks: &[Vec<u8>]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut ci, mut pos) = (0usize, 8usize);
    let chunk = |ci: usize| chunks.get(ci).map_or(&[][..], Vec::as_slice);
    // Skips `n` bytes that carry no flags byte at record boundaries.
    let skip = |ci: &mut usize, pos: &mut usize, mut n: usize| {
        while n > 0 && *ci < chunks.len() {
            let left = chunk(*ci).len().saturating_sub(*pos);
            if left == 0 {
                *ci += 1;
                *pos = 0;
                continue;
            }
            let step = left.min(n);
            *pos += step;
            n -= step;
        }
    };
    while ci < chunks.len() && out.len() < 4_000_000 {
        if chunk(ci).len() < pos + 3 {
            ci += 1;
            pos = 0;
            continue;
        }
        let data = chunk(ci);
        let cch = usize::from(u16_at(data, pos).unwrap_or(0));
        let flags = data[pos + 2];
        pos += 3;
        let runs = if flags & 0x8 != 0 { usize::from(u16_at(data, pos).unwrap_or(0)) } else { 0 };
        pos += if flags & 0x8 != 0 { 2 } else { 0 };
        let ext = if flags & 0x4 != 0 { u32_at(data, pos).unwrap_or(0) as usize } else { 0 };
        pos += if flags & 0x4 != 0 { 4 } else { 0 };
        let (mut high, mut left) = (flags & 1 == 1, cch);
        while left > 0 && ci < chunks.len() {
            let width = if high { 2 } else { 1 };
            let fit = chunk(ci).len().saturating_sub(pos) / width;
            if fit == 0 {
                // The characters go on in the next record, after its own flags byte.
                ci += 1;
                high = chunk(ci).first().is_some_and(|f| f & 1 == 1);
                pos = 1;
                continue;
            }
            let take = fit.min(left);
            pos += take * width;
            left -= take;
        }
        skip(&mut ci, &mut pos, runs * 4 + ext);
        out.push(u32::try_from(cch).unwrap_or(u32::MAX));
    }
    out
}

/// Scans the BIFF records: sheet extents, cell counts and percentage cells.
fn scan(stream: &[u8]) -> Result<Vec<SheetScan>, ImportError> {
    let mut scanner = Scanner { biff8: true, ..Scanner::default() };
    let mut pos = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let start = pos + 4;
        let data = stream.get(start..start + usize::from(len)).unwrap_or(&[]);
        scanner.record(typ, data, pos)?;
        pos = start + usize::from(len);
    }
    let mut sheets = scanner.sheets;
    sheets.extend(scanner.current);
    let total: u64 = sheets.iter().map(|s| area(s.values) + area(s.formulas)).sum();
    if total > MAX_XLS_CELLS {
        let far = sheets
            .iter()
            .filter_map(|s| s.values)
            .max_by_key(|&(r0, c0, r1, c1)| u64::from(r1 - r0) * u64::from(c1 - c0))
            .map_or_else(String::new, |(_, _, r, c)| cell_name(r as usize, c as usize));
        return Err(ImportError::FarCell { cell: far });
    }
    Ok(sheets)
}

fn value_of(data: &Data, percent: bool, is_1904: bool) -> Value {
    match data {
        Data::String(s) if s.is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) if percent => Value::Percent(*f),
        Data::Int(i) if percent => Value::Percent(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_duration() => Value::Time(dt.as_f64()),
        Data::DateTime(dt) => NumberKind::Time.value(dt.as_f64(), is_1904),
        Data::DateTimeIso(s) => CellDate::parse_iso(s).map_or_else(|| Value::Text(s.clone()), Value::Date),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

fn sheet_table(book: &mut Xls<Cursor<&[u8]>>, scan: &SheetScan) -> Result<Table, ImportError> {
    let is_1904 = book.has_1904_epoch();
    let range = book.worksheet_range(&scan.name).map_err(|e| ImportError::NotASheet(e.to_string()))?;
    let mut table = TableBuilder::new(&scan.name);
    for (r, c, data) in range.used_cells() {
        let (row, col) = range.start().map_or((r, c), |(r0, c0)| (r0 as usize + r, c0 as usize + c));
        table.set(row, col, value_of(data, scan.percent.contains(&(row, col)), is_1904), false)?;
    }
    drop(range);
    for merged in book.merge_cells_by_sheet_name(&scan.name).unwrap_or_default() {
        let ((top, col), (bottom, last)) = (merged.start, merged.end);
        if col == last {
            table.merge_down(col as usize, top as usize, bottom as usize)?;
        }
    }
    if let Ok(formulas) = book.worksheet_formula(&scan.name) {
        let (r0, c0) = formulas.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let cells: Vec<(usize, usize)> =
            formulas.used_cells().filter(|(_, _, f)| !f.is_empty()).map(|(r, c, _)| (r0 + r, c0 + c)).collect();
        let mut built = table.finish();
        for (row, col) in cells {
            TableBuilder::check_position(row, col)?;
            built.formulas.insert((row, col));
        }
        return Ok(built);
    }
    Ok(table.finish())
}

/// Reads the update sheet of an XLS file.
pub(super) fn read(bytes: &[u8], choice: SheetChoice<'_>) -> Result<Table, ImportError> {
    let stream = Compound::new(bytes)?.workbook()?;
    let scans = scan(&stream)?;
    drop(stream);
    // calamine on a damaged file may panic; that must not take the window down.
    let opened = std::panic::catch_unwind(|| Xls::new(Cursor::new(bytes)))
        .map_err(|_| damaged("calamine"))?
        .map_err(|e| ImportError::NotASheet(e.to_string()))?;
    let mut book = opened;
    let mut picker = SheetPicker::new(scans.iter().map(|s| s.name.as_str()), choice);
    let named: Vec<(String, &SheetScan)> = scans.iter().map(|s| (s.name.clone(), s)).collect();
    let named = if picker.update_order() { update_sheet_first(named) } else { named };
    for (name, scan) in named {
        let table = match sheet_table(&mut book, scan) {
            Err(_) if picker.only_for_items(&name) => continue,
            read => read?,
        };
        if picker.offer(table) {
            break;
        }
    }
    picker.finish()
}
