//! import::plan::ledger: an office's 重点项目台账 (XLSX, XLS, ODS, CSV in UTF-8 or GBK) as a
//! [`PlanDraft`]. Finds the header under the title block (one row, or two under merged group
//! cells), maps the columns by the names offices use, and proposes one draft row per project
//! row: section rows (一、/（一）/1.) become the rows' section, 小计/合计 rows are checked against
//! the rows they sum and skipped, notes under the table are reported, and every cell that cannot
//! be read is a problem naming its column. Pure: no database, no UI.

mod header;
mod values;

pub use header::{ColumnMapping, LedgerError, LedgerField, MAX_HEADER_ROWS, MappedColumn, header_at, propose_mapping};

use std::collections::{BTreeMap, HashMap};

use super::{DraftNote, DraftRow, DraftSource, NoteKind, PlanDraft, Rows, SkippedRow, SumOf, ValueProblem};
use crate::domain::{Gazetteer, NATURES, Period, parse_quantity};
use crate::import::lines::{Line, is_note_text, is_section_text, squeeze, total_kind};
use crate::import::{Table, Value};
use header::{Label, TitleBlock, labels, month_of_header, title_block, year_of_header};

/// The three investment columns, in the order [`Sums`] keeps them.
/// The longest project name the database keeps.
const MAX_NAME: usize = 200;

const INVESTMENTS: [LedgerField; 5] = [
    LedgerField::TotalInvestment,
    LedgerField::PlanInvestment,
    LedgerField::DoneInvestment,
    LedgerField::YearDoneInvestment,
    LedgerField::PriorDoneInvestment,
];

/// What a row under the header is.
#[derive(Debug, PartialEq)]
enum RowKind {
    /// Nothing, or only a 序号.
    Blank,
    Total {
        grand: bool,
        label: String,
    },
    Note(String),
    Section {
        text: String,
        level: usize,
    },
    Data,
}

/// The level of a section marker: `一、` 1, `（一）` 2, `1.`/`1、` followed by a title 3.
fn section_level(text: &str) -> Option<usize> {
    let t = squeeze(text);
    let numerals = |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c));
    if is_section_text(&t) {
        return Some(if t.starts_with(['(', '\u{ff08}']) { 2 } else { 1 });
    }
    if numerals(&t) {
        return Some(1);
    }
    if let Some(inner) = t.strip_prefix(['(', '\u{ff08}']).and_then(|r| r.strip_suffix([')', '\u{ff09}']))
        && numerals(inner)
    {
        return Some(2);
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    let titled = rest.starts_with(['.', '、', '\u{ff0e}']) && rest.chars().nth(1).is_some_and(|c| !c.is_ascii_digit());
    ((1..=2).contains(&digits) && titled).then_some(3)
}

/// The cells of a row as text, blank ones empty, trailing blanks cut.
fn cell_texts(row: &[Value]) -> Vec<String> {
    let mut cells: Vec<String> = row.iter().map(|v| v.text().trim().to_string()).collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// A 栏次 row under the header: the columns numbered 1, 2, 3… (three at least), no project.
fn column_numbers(filled: &[(usize, &Value)]) -> bool {
    let numbers: Vec<f64> = filled
        .iter()
        .filter_map(|(_, v)| match v {
            Value::Number(n) => Some(*n),
            Value::Text(t) => t.trim().parse().ok(),
            _ => None,
        })
        .collect();
    numbers.len() == filled.len() && numbers.len() >= 3 && numbers.iter().zip(1..).all(|(n, k)| *n == f64::from(k))
}

/// Tells what a row under the header is.
fn classify(row: &[Value], mapping: &ColumnMapping, has_formula: bool) -> RowKind {
    let filled: Vec<(usize, &Value)> = row.iter().enumerate().filter(|(_, v)| !v.is_blank()).collect();
    let section_col = mapping.column(LedgerField::Section);
    let name_col = mapping.column(LedgerField::Name).unwrap_or(1);
    // A 序号 alone (a number, or a number typed as text in a CSV) is a row left empty.
    let only_serial = filled.len() == 1
        && Some(filled[0].0) == section_col
        && match filled[0].1 {
            Value::Text(t) => parse_quantity(t).is_ok_and(|v| v.is_some()),
            _ => true,
        };
    if (filled.is_empty() && !has_formula) || only_serial || column_numbers(&filled) {
        return RowKind::Blank;
    }
    let label_cols = [section_col, Some(name_col), mapping.column(LedgerField::Place), Some(0), Some(1)];
    for c in label_cols.into_iter().flatten() {
        if let Some(Value::Text(t)) = row.get(c)
            && let Some(kind) = total_kind(t)
        {
            return RowKind::Total { grand: kind == Line::GrandTotal, label: squeeze(t) };
        }
    }
    let Some(&(first_col, first)) = filled.first() else { return RowKind::Data };
    let Value::Text(first_text) = first else { return RowKind::Data };
    if is_note_text(first_text) {
        let text: Vec<String> = filled.iter().map(|(_, v)| v.text().trim().to_string()).collect();
        return RowKind::Note(text.join(" "));
    }
    let investment_cols: Vec<usize> = INVESTMENTS.iter().filter_map(|f| mapping.column(*f)).collect();
    let first_cells_only = filled.iter().all(|(c, _)| *c <= name_col.max(first_col) || investment_cols.contains(c));
    if first_col <= name_col
        && first_cells_only
        && let Some(level) = section_level(first_text)
    {
        let mut text = String::new();
        for (c, v) in filled.iter().filter(|(c, _)| *c <= name_col.max(first_col)) {
            let t = v.text();
            if !text.is_empty() && !text.ends_with(['、', '\u{ff09}', ')', '.', '\u{ff0e}']) && *c > first_col {
                text.push(' ');
            }
            text.push_str(t.trim());
        }
        return RowKind::Section { text, level };
    }
    if filled.len() == 1 && first_col != name_col {
        return RowKind::Note(first_text.trim().to_string());
    }
    RowKind::Data
}

/// Sums of the investment columns over some rows, with how many numbers each had.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    sum: [f64; INVESTMENTS.len()],
    count: [usize; INVESTMENTS.len()],
}

impl Sums {
    fn add(&mut self, values: [Option<f64>; INVESTMENTS.len()]) {
        for (i, v) in values.into_iter().enumerate() {
            if let Some(v) = v {
                self.sum[i] += v;
                self.count[i] += 1;
            }
        }
    }

    /// Whether a stated figure agrees with the sum of column `i` (nothing to compare agrees).
    fn agrees(&self, i: usize, stated: f64) -> bool {
        self.count[i] == 0 || (stated - self.sum[i]).abs() <= 0.01_f64.max(self.sum[i].abs() * 1e-9)
    }
}

/// A section row still open: its rows are summed to check the figures it states.
struct OpenSection {
    level: usize,
    text: String,
    line: usize,
    stated: [Option<f64>; INVESTMENTS.len()],
    sums: Sums,
}

/// Everything read so far.
struct Reader<'a> {
    table: &'a Table,
    mapping: &'a ColumnMapping,
    /// The money unit of amounts whose header names none (`单位：亿元` over the table, else 万元).
    unit: String,
    draft: PlanDraft,
    sections: Vec<OpenSection>,
    all: Sums,
    since_subtotal: Sums,
    counts: BTreeMap<SkippedRow, usize>,
}

/// The fields a cell merged down over several rows gives to each of them.
const MERGED_DOWN: [LedgerField; 7] = [
    LedgerField::Status,
    LedgerField::Place,
    LedgerField::Nature,
    LedgerField::Owner,
    LedgerField::Proprietor,
    LedgerField::Person,
    LedgerField::Registered,
];

impl Reader<'_> {
    fn note(&mut self, line: usize, kind: NoteKind) {
        self.draft.notes.push(DraftNote { line, kind });
    }

    fn problem(&mut self, line: usize, kind: NoteKind) {
        self.draft.problems.push(DraftNote { line, kind });
    }

    fn cell(&self, r: usize, field: LedgerField) -> Option<(&MappedColumn, &Value)> {
        let mapped = self.mapping.mapped(field)?;
        let at = |r: usize| self.table.rows.get(r).and_then(|row| row.get(mapped.column)).unwrap_or(&Value::Empty);
        let mut value = at(r);
        // A status, place or unit merged down over the rows of several projects is each one's
        // (a name, an amount or a text merged so is not: it would be counted twice).
        if *value == Value::Empty
            && MERGED_DOWN.contains(&field)
            && let Some(top) = self.table.merged_top(r, mapped.column)
        {
            value = at(top);
        }
        Some((mapped, value))
    }

    /// Reads a field with `read`; a formula without a value or a value `read` refuses is a
    /// problem naming the column.
    fn read<T>(
        &mut self,
        r: usize,
        field: LedgerField,
        read: impl Fn(&Value, &str) -> values::Read<Option<T>>,
    ) -> Option<T> {
        let (mapped, value) = self.cell(r, field)?;
        let header = mapped.header.clone();
        let result = if *value == Value::Empty && self.table.formulas.contains(&(r, mapped.column)) {
            Err(ValueProblem::Uncalculated)
        } else {
            read(value, mapped.unit.as_deref().unwrap_or(&self.unit))
        };
        result.unwrap_or_else(|problem| {
            self.problem(r + 1, NoteKind::Cell { header, problem });
            None
        })
    }

    fn investments(&mut self, r: usize) -> [Option<f64>; INVESTMENTS.len()] {
        INVESTMENTS.map(|f| self.read(r, f, values::amount))
    }

    /// The figures a total or section row states (unreadable ones are not compared).
    fn stated(&self, r: usize) -> [Option<f64>; INVESTMENTS.len()] {
        INVESTMENTS.map(|f| {
            self.cell(r, f).and_then(|(m, v)| values::amount(v, m.unit.as_deref().unwrap_or(&self.unit)).ok().flatten())
        })
    }

    /// A warning for each stated figure that disagrees with `sums`.
    fn check(
        &mut self,
        line: usize,
        label: &str,
        stated: [Option<f64>; INVESTMENTS.len()],
        sums: [&Sums; 2],
        of: SumOf,
    ) {
        for (i, field) in INVESTMENTS.iter().enumerate() {
            let Some(t) = stated[i] else { continue };
            if sums.iter().any(|s| s.agrees(i, t)) {
                continue;
            }
            let header = self.mapping.mapped(*field).map(|m| m.header.clone()).unwrap_or_default();
            let (label, sum) = (label.to_string(), sums[0].sum[i]);
            self.note(line, NoteKind::SumDiffers { label, header, stated: t, sum, of });
        }
    }

    /// Closes the open sections of level `level` and deeper, checking the figures they state.
    fn close_sections(&mut self, level: usize) {
        while self.sections.last().is_some_and(|s| s.level >= level) {
            let Some(s) = self.sections.pop() else { break };
            self.check(s.line, &s.text, s.stated, [&s.sums, &s.sums], SumOf::Section);
        }
    }

    fn total(&mut self, r: usize, grand: bool, label: &str) {
        let stated = self.stated(r);
        if grand {
            let all = self.all;
            self.check(r + 1, label, stated, [&all, &all], SumOf::Above);
            self.close_sections(0);
        } else {
            // A 小计 sums the rows since the last 小计, or those of its section.
            let since = self.since_subtotal;
            let section = self.sections.last().map_or(since, |s| s.sums);
            self.check(r + 1, label, stated, [&since, &section], SumOf::Subtotal);
        }
        self.since_subtotal = Sums::default();
    }

    fn section(&mut self, r: usize, text: String, level: usize) {
        self.close_sections(level);
        let stated = self.stated(r);
        self.sections.push(OpenSection { level, text, line: r + 1, stated, sums: Sums::default() });
    }

    fn section_path(&self) -> String {
        self.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" / ")
    }

    /// Reads a project row; `None` (with a problem) when it has no name.
    fn data_row(&mut self, r: usize, row: &[Value]) -> Option<DraftRow> {
        let line = r + 1;
        let Some(name) = self.read(r, LedgerField::Name, |v, _| values::text(v)) else {
            let header = self.mapping.mapped(LedgerField::Name).map_or("项目名称", |m| m.header.as_str()).to_string();
            self.problem(line, NoteKind::NoName { header });
            return None;
        };
        let chars = name.chars().count();
        if chars > MAX_NAME {
            // Said here, at its row, not by the database's check at the commit.
            let header = self.mapping.mapped(LedgerField::Name).map_or("项目名称", |m| m.header.as_str()).to_string();
            self.problem(line, NoteKind::NameTooLong { header, chars, max: MAX_NAME });
        }
        let text = |reader: &mut Self, field| reader.read(r, field, |v, _| values::text(v));
        let content = text(self, LedgerField::Content);
        let (start_year, target_year) =
            self.read(r, LedgerField::Years, |v, _| values::years(v).map(Some)).unwrap_or_default();
        let figures = self.investments(r);
        let [total_investment, plan_investment, done, year_done, prior_done] = figures;
        // The cumulative at the ledger's month: as printed, else last year's cumulative plus
        // this year's done where the sheet gives them apart.
        let done_investment = done.or(prior_done.zip(year_done).map(|(p, y)| p + y));
        let status = self.read(r, LedgerField::Status, |v, _| match values::text(v)? {
            None => Ok(None),
            Some(t) => values::status(&t).map(Some).ok_or(ValueProblem::UnknownStatus { text: t }),
        });
        let source = cell_texts(row).join(" | ");
        let registered = self.read(r, LedgerField::Registered, |v, _| values::registered(v));
        let draft = DraftRow {
            category: values::category(&name, content.as_deref()).to_string(),
            name,
            section: self.section_path(),
            place: text(self, LedgerField::Place),
            start_year,
            target_year,
            source,
            line,
            content,
            nature: text(self, LedgerField::Nature),
            owner: text(self, LedgerField::Owner),
            proprietor: text(self, LedgerField::Proprietor),
            person: text(self, LedgerField::Person),
            status,
            total_investment,
            plan_investment,
            done_investment,
            year_done_investment: year_done,
            progress: text(self, LedgerField::Progress),
            problems: text(self, LedgerField::Problems),
            coordination: text(self, LedgerField::Coordination),
            coordination_due: self.read(r, LedgerField::CoordinationDue, |v, _| values::month(v)),
            planned_finish: self.read(r, LedgerField::PlannedFinish, |v, _| values::finish(v)),
            planned_start: self.read(r, LedgerField::PlannedStart, |v, _| values::month(v)),
            project_code: self.read(r, LedgerField::ProjectCode, |v, _| values::project_code(v)),
            registered: registered.map(|(r, _)| r),
            registered_in: registered.and_then(|(_, m)| m),
            ..DraftRow::default()
        };
        self.all.add(figures);
        self.since_subtotal.add(figures);
        for s in &mut self.sections {
            s.sums.add(figures);
        }
        Some(draft)
    }
}

/// The month the figures stand at: the title block's 截至 month, else the month of a
/// `1-10月完成投资` header in the year the header, the title or the 年度计划投资 header states.
fn as_of(block: &TitleBlock, mapping: &ColumnMapping) -> Option<Period> {
    if block.as_of.is_some() {
        return block.as_of;
    }
    header_month(block, mapping).or(block.filed)
}

/// The month of a `1-10月完成投资` header, in the year the header, the title or the 年度计划投资
/// header states.
fn header_month(block: &TitleBlock, mapping: &ColumnMapping) -> Option<Period> {
    let done = &mapping
        .mapped(LedgerField::YearDoneInvestment)
        .or_else(|| mapping.mapped(LedgerField::DoneInvestment))?
        .header;
    let month = month_of_header(done)?;
    let plan_year = mapping.mapped(LedgerField::PlanInvestment).and_then(|m| year_of_header(&m.header));
    let year = year_of_header(done).or(block.year).or(plan_year)?;
    Period::new(year, month)
}

/// Rows naming one project (name and place) twice or more.
fn duplicate_notes(rows: &[DraftRow]) -> Vec<DraftNote> {
    let mut lines_of: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    for row in rows {
        lines_of.entry((row.name.as_str(), row.place.as_deref())).or_default().push(row.line);
    }
    let mut notes: Vec<DraftNote> = lines_of
        .into_iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|((name, place), lines)| DraftNote {
            line: lines[lines.len() - 1],
            kind: NoteKind::SameRows { name: name.to_string(), place: place.map(str::to_string), lines },
        })
        .collect();
    notes.sort_by_key(|n| n.line);
    notes
}

/// One note per distinct value `pick` finds worth a look, at its first row, listing its rows
/// (the first ten).
fn grouped_notes(
    rows: &[DraftRow],
    pick: impl Fn(&DraftRow) -> Option<&str>,
    kind: impl Fn(String, Rows) -> NoteKind,
) -> Vec<DraftNote> {
    let mut lines_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for row in rows {
        if let Some(value) = pick(row) {
            lines_of.entry(value).or_default().push(row.line);
        }
    }
    lines_of
        .into_iter()
        .map(|(value, lines)| DraftNote { line: lines[0], kind: kind(value.to_string(), Rows::of(&lines)) })
        .collect()
}

/// Places the gazetteer does not know (a street, a misspelt district), and 建设性质 words the
/// project editor does not take.
fn value_notes(rows: &[DraftRow], places: &Gazetteer) -> Vec<DraftNote> {
    let known = |p: &str| places.lookup(p).is_some() || places.place_prefix(p).is_some();
    let mut notes = grouped_notes(
        rows,
        |row| row.place.as_deref().filter(|p| !known(p)),
        |place, rows| NoteKind::UnknownPlace { place, rows },
    );
    notes.extend(grouped_notes(
        rows,
        |row| row.nature.as_deref().filter(|n| !NATURES.contains(n)),
        |nature, rows| NoteKind::UnknownNature { nature, rows },
    ));
    notes
}

/// Header columns no field took (备注, 计划开工时间, a second 总投资…): listed so none is
/// dropped unseen.
fn unmapped_note(labels: &[Label], mapping: &ColumnMapping) -> Option<DraftNote> {
    let columns: Vec<(String, String)> = labels
        .iter()
        .enumerate()
        .filter(|(c, l)| !l.shown().is_empty() && !mapping.columns.iter().any(|m| m.column == *c))
        .map(|(c, l)| {
            let letter = crate::import::cell_name(mapping.header_row, c);
            (l.shown(), letter.trim_end_matches(char::is_numeric).to_string())
        })
        .collect();
    (!columns.is_empty()).then(|| DraftNote { line: mapping.header_row + 1, kind: NoteKind::Unmapped { columns } })
}

/// The note counting the rows that became no project.
fn skipped_note(counts: &BTreeMap<SkippedRow, usize>) -> Option<DraftNote> {
    let counts: Vec<(SkippedRow, usize)> = counts.iter().map(|(kind, n)| (*kind, *n)).collect();
    (!counts.is_empty()).then_some(DraftNote { line: 0, kind: NoteKind::Skipped { counts } })
}

/// Proposes one draft project per project row of the ledger, with `mapping` from
/// [`propose_mapping`] or [`header_at`] (or as the user corrected it). `places` tells which
/// places are known; a place is kept as printed either way.
pub fn draft_from_ledger(table: &Table, mapping: &ColumnMapping, places: &Gazetteer) -> PlanDraft {
    let block = title_block(table, mapping.header_row);
    let draft = PlanDraft {
        source: DraftSource::Ledger,
        title: block.title.clone(),
        start_year: block.period.map(|p| p.0),
        end_year: block.period.map(|p| p.1),
        as_of: as_of(&block, mapping),
        rows: Vec::new(),
        notes: Vec::new(),
        problems: Vec::new(),
        unread: Vec::new(),
        candidates: 0,
    };
    let unit = block.unit.clone().unwrap_or_else(|| "万元".to_string());
    let mut reader = Reader {
        table,
        mapping,
        unit,
        draft,
        sections: Vec::new(),
        all: Sums::default(),
        since_subtotal: Sums::default(),
        counts: BTreeMap::new(),
    };
    for (r, row) in table.rows.iter().enumerate().skip(mapping.first_data_row()) {
        let has_formula = table.formulas.range((r, 0)..(r + 1, 0)).next().is_some();
        let key = match classify(row, mapping, has_formula) {
            RowKind::Blank => SkippedRow::Blank,
            RowKind::Total { grand, label } => {
                reader.total(r, grand, &label);
                SkippedRow::Total
            }
            RowKind::Note(text) => {
                reader.note(r + 1, NoteKind::NoteRow { text });
                SkippedRow::Note
            }
            RowKind::Section { text, level } => {
                reader.section(r, text, level);
                SkippedRow::Section
            }
            RowKind::Data => match reader.data_row(r, row) {
                Some(draft_row) => {
                    reader.draft.rows.push(draft_row);
                    continue;
                }
                None => SkippedRow::NoName,
            },
        };
        *reader.counts.entry(key).or_default() += 1;
    }
    reader.close_sections(0);
    let mut draft = reader.draft;
    let mut extra = duplicate_notes(&draft.rows);
    extra.extend(value_notes(&draft.rows, places));
    extra.extend(unmapped_note(&labels(table, mapping.header_row, mapping.header_rows), mapping));
    extra.extend(skipped_note(&reader.counts));
    draft.notes.extend(extra);
    draft.notes.sort_by_key(|n| n.line);
    draft.problems.sort_by_key(|n| n.line);
    draft
}

#[cfg(test)]
mod tests {
    use super::{RowKind, classify, section_level};
    use crate::import::Value;

    #[test]
    fn section_markers() {
        assert_eq!(section_level("一、市政基础设施"), Some(1));
        assert_eq!(section_level("（二）道路"), Some(2));
        assert_eq!(section_level("三"), Some(1));
        assert_eq!(section_level("(一)"), Some(2));
        assert_eq!(section_level("1.城市道路"), Some(3));
        assert_eq!(section_level("1.5"), None);
        assert_eq!(section_level("12"), None);
        assert_eq!(section_level("凉都大道"), None);
    }

    #[test]
    fn rows_under_the_header() {
        let mapping = super::ColumnMapping {
            header_row: 0,
            header_rows: 1,
            columns: vec![
                super::MappedColumn {
                    field: super::LedgerField::Section,
                    column: 0,
                    header: "序号".into(),
                    unit: None,
                },
                super::MappedColumn {
                    field: super::LedgerField::Name,
                    column: 1,
                    header: "项目名称".into(),
                    unit: None,
                },
                super::MappedColumn {
                    field: super::LedgerField::TotalInvestment,
                    column: 2,
                    header: "总投资".into(),
                    unit: None,
                },
            ],
        };
        let t = |s: &str| Value::Text(s.into());
        let kind = |row: Vec<Value>| classify(&row, &mapping, false);
        assert_eq!(
            kind(vec![t("一、"), t("市政"), Value::Number(3.0)]),
            RowKind::Section { text: "一、市政".into(), level: 1 }
        );
        assert_eq!(kind(vec![t("（一）道路")]), RowKind::Section { text: "（一）道路".into(), level: 2 });
        assert_eq!(kind(vec![Value::Number(3.0)]), RowKind::Blank);
        assert_eq!(kind(vec![t("3")]), RowKind::Blank, "a CSV's 序号 is text");
        assert_eq!(
            kind(vec![Value::Empty, t("小 计"), Value::Number(3.0)]),
            RowKind::Total { grand: false, label: "小计".into() }
        );
        assert_eq!(kind(vec![t("合计")]), RowKind::Total { grand: true, label: "合计".into() });
        assert_eq!(kind(vec![t("注：单位万元")]), RowKind::Note("注：单位万元".into()));
        assert_eq!(kind(vec![Value::Number(1.0), t("凉都大道"), Value::Number(3.0)]), RowKind::Data);
        assert_eq!(kind(vec![Value::Empty, t("凉都大道")]), RowKind::Data);
    }
}
