//! A ledger's header: which row (or two rows, under merged group cells) names the columns, and
//! which column holds which field, by the names and synonyms offices use. Also what the title
//! block above it states: the title, the year, the plan period and the 截止 month.

use serde::{Deserialize, Serialize};

use crate::domain::Period;
use crate::import::{Table, Value, normalize_header};

/// The fields a ledger row may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerField {
    /// 序号: where section numbers (一、（一）) and row numbers sit.
    Section,
    Name,
    /// 建设内容及规模.
    Content,
    /// 建设地点 / 所属区县.
    Place,
    /// 建设性质.
    Nature,
    /// 建设年限 (起止).
    Years,
    TotalInvestment,
    /// 年度计划投资.
    PlanInvestment,
    /// 累计完成投资 (开工以来): the cumulative at the month the ledger stands at.
    DoneInvestment,
    /// 本年完成投资 / 1-N月完成投资: what was done this year so far.
    YearDoneInvestment,
    /// 至上年底累计完成投资: the cumulative at the end of last year.
    PriorDoneInvestment,
    /// 形象进度 / 项目进展情况.
    Progress,
    Problems,
    /// 需协调事项.
    Coordination,
    /// 解决时限: the month what needs coordinating is due.
    CoordinationDue,
    /// 责任单位 / 牵头单位.
    Owner,
    /// 项目业主 / 建设单位.
    Proprietor,
    /// 责任人.
    Person,
    Status,
    PlannedFinish,
    /// 计划开工时间.
    PlannedStart,
    /// 项目代码 (the national investment project code).
    ProjectCode,
    /// 是否入库 / 入库时间.
    Registered,
}

impl LedgerField {
    /// Every field, in the order of a ledger's columns.
    pub const ALL: [Self; 23] = [
        Self::Section,
        Self::Name,
        Self::Content,
        Self::Place,
        Self::Nature,
        Self::Years,
        Self::TotalInvestment,
        Self::PlanInvestment,
        Self::DoneInvestment,
        Self::YearDoneInvestment,
        Self::PriorDoneInvestment,
        Self::Progress,
        Self::Problems,
        Self::Coordination,
        Self::CoordinationDue,
        Self::Owner,
        Self::Proprietor,
        Self::Person,
        Self::Status,
        Self::PlannedFinish,
        Self::PlannedStart,
        Self::ProjectCode,
        Self::Registered,
    ];

    /// The field's usual Chinese header.
    pub fn label_zh(self) -> &'static str {
        names(self)[0]
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Section => "No.",
            Self::Name => "Project name",
            Self::Content => "Content and scale",
            Self::Place => "Place",
            Self::Nature => "Nature",
            Self::Years => "Construction years",
            Self::TotalInvestment => "Total investment",
            Self::PlanInvestment => "Planned investment this year",
            Self::DoneInvestment => "Investment done (cumulative)",
            Self::YearDoneInvestment => "Investment done this year",
            Self::PriorDoneInvestment => "Investment done to the end of last year",
            Self::Progress => "Progress",
            Self::Problems => "Problems",
            Self::Coordination => "Matters to coordinate",
            Self::CoordinationDue => "Due",
            Self::Owner => "Responsible unit",
            Self::Proprietor => "Owner (项目业主)",
            Self::Person => "Responsible person",
            Self::Status => "Status",
            Self::PlannedFinish => "Planned completion",
            Self::PlannedStart => "Planned start",
            Self::ProjectCode => "Project code",
            Self::Registered => "Registered",
        }
    }

    /// Whether the column holds an amount in 万元.
    pub fn is_investment(self) -> bool {
        matches!(
            self,
            Self::TotalInvestment
                | Self::PlanInvestment
                | Self::DoneInvestment
                | Self::YearDoneInvestment
                | Self::PriorDoneInvestment
        )
    }
}

/// Header names, normalized ([`normalize_header`]) and without a bracketed unit, best first.
/// A column's header that is none of these is tried against [`by_keyword`].
fn names(field: LedgerField) -> &'static [&'static str] {
    match field {
        LedgerField::Section => &["序号", "编号", "序"],
        LedgerField::Name => &["项目名称", "名称", "项目", "工程名称", "项目(工程)名称"],
        LedgerField::Content => &[
            "建设内容及规模",
            "建设规模及内容",
            "建设内容和规模",
            "建设规模和内容",
            "主要建设内容及规模",
            "主要建设内容",
            "建设内容",
            "建设规模",
        ],
        // The district column before the site: a filter works on districts.
        LedgerField::Place => &[
            "所属区县",
            "所属区(县)",
            "所属县区",
            "所属县(区)",
            "县区",
            "区县",
            "县(区)",
            "区(县)",
            "建设地点",
            "项目地点",
            "实施地点",
            "所在地",
            "地点",
        ],
        LedgerField::Nature => &["建设性质", "项目性质", "性质"],
        LedgerField::Years => &[
            "建设年限",
            "建设起止年限",
            "起止年限",
            "建设期限",
            "建设起止年份",
            "起止年份",
            "建设周期",
            "建设起止时间",
            "起止时间",
        ],
        LedgerField::TotalInvestment => &["总投资", "项目总投资", "计划总投资", "估算总投资", "概算总投资"],
        LedgerField::PlanInvestment => &["年度计划投资", "本年计划投资", "本年度计划投资", "年计划投资", "计划投资"],
        LedgerField::DoneInvestment => &["累计完成投资", "开工以来累计完成投资", "完成投资", "自开工累计完成投资"],
        LedgerField::YearDoneInvestment => &[
            "本年完成投资",
            "本年度完成投资",
            "年度完成投资",
            "当年完成投资",
            "今年完成投资",
            "年初至今完成投资",
            "本年累计完成投资",
            "年度累计完成投资",
        ],
        LedgerField::PriorDoneInvestment => &[
            "至上年底累计完成投资",
            "截至上年底累计完成投资",
            "截止上年底累计完成投资",
            "上年底累计完成投资",
            "至上年末累计完成投资",
            "以前年度累计完成投资",
            "以前年度完成投资",
        ],
        LedgerField::Progress => &["形象进度", "项目进展情况", "进展情况", "项目进展", "工程进度", "项目推进情况"],
        LedgerField::Problems => &["存在问题", "存在的问题", "存在困难和问题", "存在的困难和问题", "困难和问题"],
        LedgerField::Coordination => &[
            "需协调事项",
            "需协调解决的问题",
            "需协调解决事项",
            "需协调解决的事项",
            "需协调解决的困难和问题",
            "需要协调解决的问题",
            "协调事项",
        ],
        LedgerField::CoordinationDue => &["解决时限", "完成时限", "办结时限", "解决时间", "要求完成时间", "时限"],
        LedgerField::Owner => &["责任单位", "牵头单位", "责任部门", "牵头责任单位", "实施单位"],
        LedgerField::Proprietor => {
            &["项目业主", "业主单位", "项目业主单位", "建设单位", "项目单位", "项目法人", "业主"]
        }
        LedgerField::Person => &["责任人", "项目责任人", "负责人", "责任领导"],
        LedgerField::Status => &["项目状态", "建设状态", "状态", "当前状态"],
        LedgerField::PlannedFinish => {
            &["计划完工时间", "计划竣工时间", "预计完工时间", "计划建成时间", "完工时间", "竣工时间"]
        }
        LedgerField::PlannedStart => &["计划开工时间", "计划开工", "预计开工时间", "开工时间", "计划开工日期"],
        LedgerField::ProjectCode => &["项目代码", "项目编码", "统一项目代码", "投资项目代码", "项目赋码"],
        LedgerField::Registered => &["是否入库", "入库情况", "入库时间", "是否纳统", "纳统情况", "入统情况"],
    }
}

/// Headers that carry their own figures (`2026年计划投资`, `1-10月完成投资`, `截至10月底
/// 累计完成投资`): matched by a keyword, after every exact name.
fn by_keyword(key: &str) -> Option<LedgerField> {
    // A share (占总投资%, 完成率) is not an amount.
    if key.chars().count() > 24 || ["%", "占", "比例", "率"].iter().any(|k| key.contains(k)) {
        return None;
    }
    let rules: [(&[&str], LedgerField); 13] = [
        (&["协调"], LedgerField::Coordination),
        (&["总投资"], LedgerField::TotalInvestment),
        (&["计划投资", "投资计划"], LedgerField::PlanInvestment),
        (&["完成投资", "完成额", "已完成投资"], LedgerField::DoneInvestment),
        (&["形象进度", "进展情况"], LedgerField::Progress),
        (&["存在问题", "困难和问题"], LedgerField::Problems),
        (&["责任单位", "牵头单位"], LedgerField::Owner),
        (&["责任人"], LedgerField::Person),
        (&["建设内容", "建设规模"], LedgerField::Content),
        (&["年限", "起止"], LedgerField::Years),
        (&["完工时间", "竣工时间", "建成时间"], LedgerField::PlannedFinish),
        (&["项目名称"], LedgerField::Name),
        (&["所属区", "所属县", "建设地点"], LedgerField::Place),
    ];
    let field = rules.iter().find(|(words, _)| words.iter().any(|w| key.contains(w))).map(|(_, f)| *f)?;
    Some(if field == LedgerField::DoneInvestment { done_kind(key) } else { field })
}

/// Which investment done a header names: to the end of last year (`至2025年底累计完成投资`,
/// `以前年度…`), this year (`1-9月完成投资`, `2026年完成投资`, `本年…`), else the cumulative
/// since the start (`累计完成投资`, `截至10月底累计完成投资`).
fn done_kind(key: &str) -> LedgerField {
    let prior = ["上年", "以前年度", "往年", "年底", "年末"].iter().any(|w| key.contains(w));
    if prior && (key.contains("累计") || key.contains("以前")) {
        return LedgerField::PriorDoneInvestment;
    }
    let months = key.find('月').is_some_and(|m| key[..m].contains(['-', '—', '~', '－', '–']));
    let this_year = ["本年", "年初", "当年", "今年", "年度"].iter().any(|w| key.contains(w))
        || months
        || (key.contains('年') && !key.contains("累计"));
    if this_year { LedgerField::YearDoneInvestment } else { LedgerField::DoneInvestment }
}

/// A header's key for matching (normalized, brackets and what they hold removed) and the money
/// unit its brackets name (`总投资（亿元）` → 亿元).
fn key_and_unit(text: &str) -> (String, Option<String>) {
    let normal = normalize_header(text);
    let mut key = String::new();
    let mut unit = None;
    let mut inside: Option<String> = None;
    for c in normal.chars() {
        match (c, inside.as_mut()) {
            ('(', None) => inside = Some(String::new()),
            (')', Some(held)) => {
                if ["万元", "亿元", "元"].contains(&held.as_str()) {
                    unit = Some(held.clone());
                } else if held.contains('县') || held.contains('区') || held.contains("工程") {
                    // 所属区(县), 项目(工程)名称: the bracket is part of the name.
                    key.push('(');
                    key.push_str(held);
                    key.push(')');
                }
                inside = None;
            }
            (c, Some(held)) => held.push(c),
            (c, None) if c != ':' && c != '\u{ff1a}' => key.push(c),
            _ => {}
        }
    }
    if let Some(held) = inside {
        key.push_str(&held);
    }
    (key, unit)
}

/// The field a header names and how well (0 best), if any.
fn field_of(text: &str) -> Option<(LedgerField, usize)> {
    let (key, _) = key_and_unit(text);
    if key.is_empty() {
        return None;
    }
    LedgerField::ALL
        .iter()
        .find_map(|&f| names(f).iter().position(|n| *n == key).map(|rank| (f, rank)))
        .or_else(|| by_keyword(&key).map(|f| (f, 100)))
}

/// One mapped column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    pub field: LedgerField,
    /// 0-based column of the table.
    pub column: usize,
    /// The header text it was matched from, as printed (the lower cell of a two-row header, or
    /// the merged cell above it).
    pub header: String,
    /// The money unit the header or its group names (`万元`, `亿元`, `元`), where it names one.
    #[serde(default)]
    pub unit: Option<String>,
}

/// Which row(s) hold the header and which column holds which field; saved by the app so the
/// next ledger from the same office opens mapped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// 0-based row of the (first) header row.
    pub header_row: usize,
    /// 1, or 2 when group cells (`投资情况（万元）`) sit over the column names.
    pub header_rows: usize,
    /// At most one column per field, in field order.
    pub columns: Vec<MappedColumn>,
}

impl ColumnMapping {
    /// The mapped column of a field.
    pub fn mapped(&self, field: LedgerField) -> Option<&MappedColumn> {
        self.columns.iter().find(|c| c.field == field)
    }

    /// The column index of a field.
    pub fn column(&self, field: LedgerField) -> Option<usize> {
        self.mapped(field).map(|c| c.column)
    }

    /// The first row after the header (0-based).
    pub fn first_data_row(&self) -> usize {
        self.header_row + self.header_rows.clamp(1, MAX_HEADER_ROWS)
    }

    /// Maps `field` to `column` of `table` (or unmaps it with `None`), as a user correcting the
    /// proposal; a column maps to one field only, so its previous field is unmapped.
    pub fn set(&mut self, table: &Table, field: LedgerField, column: Option<usize>) {
        self.columns.retain(|c| c.field != field && Some(c.column) != column);
        if let Some(column) = column {
            let label = labels(table, self.header_row, self.header_rows).into_iter().nth(column).unwrap_or_default();
            let (header, unit) = label.parts();
            self.columns.push(MappedColumn { field, column, header, unit });
            self.columns.sort_by_key(|c| c.field);
        }
    }

    /// The header's column names as printed (`投资情况（万元） / 总投资` under a group cell), one
    /// per column of `table`: what a saved mapping is recognised by, and what the mapping
    /// preview shows.
    pub fn headers(&self, table: &Table) -> Vec<String> {
        labels(table, self.header_row, self.header_rows).iter().map(Label::shown).collect()
    }

    /// The key a mapping is saved under: the header's names, normalized, in column order. The
    /// next ledger from the same office (same columns, maybe another title or row count) has
    /// the same key.
    pub fn signature(&self, table: &Table) -> String {
        let names: Vec<String> = self.headers(table).iter().map(|h| normalize_header(h)).collect();
        format!("{}:{}", self.header_rows.clamp(1, MAX_HEADER_ROWS), names.join("|"))
    }

    /// How many fields other than 序号 are mapped.
    fn score(&self) -> usize {
        self.columns.iter().filter(|c| c.field != LedgerField::Section).count()
    }
}

/// What a column's header cells say: its own (lowest) cell and the group cells over it, outermost
/// first (`投资情况（万元）`, `2026年` over `1-9月完成投资`).
#[derive(Clone, Debug, Default)]
pub(super) struct Label {
    pub(super) lower: String,
    pub(super) groups: Vec<String>,
}

impl Label {
    /// The text that names the column (the lower cell where there is one) and its money unit.
    fn parts(&self) -> (String, Option<String>) {
        let header =
            if self.lower.is_empty() { self.groups.last().cloned().unwrap_or_default() } else { self.lower.clone() };
        let unit = std::iter::once(&self.lower).chain(self.groups.iter().rev()).find_map(|t| key_and_unit(t).1);
        (header, unit)
    }

    /// The field the column names: its own cell by an exact name, else its cells read together
    /// (`2026年` + `完成投资` is this year's), else its own cell or a group's by a keyword.
    fn field(&self) -> Option<(LedgerField, usize, String)> {
        let own = (!self.lower.is_empty()).then(|| field_of(&self.lower)).flatten();
        let joined = if self.groups.is_empty() || self.lower.is_empty() {
            None
        } else {
            let text: String = self.groups.iter().map(String::as_str).chain([self.lower.as_str()]).collect();
            field_of(&text)
        };
        let year_money =
            |f: LedgerField| matches!(f, LedgerField::YearDoneInvestment | LedgerField::PriorDoneInvestment);
        let pick = match (own, joined) {
            (Some((LedgerField::DoneInvestment, _)), Some(j)) if year_money(j.0) => Some(j),
            (Some(o), _) if o.1 < 100 => Some(o),
            (_, Some(j)) => Some(j),
            (o, None) => o,
        };
        let shown = self.parts().0;
        pick.map(|(f, rank)| (f, rank, shown))
            .or_else(|| self.groups.iter().rev().find_map(|t| field_of(t).map(|(f, rank)| (f, rank, t.clone()))))
    }

    /// The header as shown to the user: `投资情况（万元） / 总投资`.
    pub(super) fn shown(&self) -> String {
        let mut parts: Vec<&str> = self.groups.iter().map(String::as_str).collect();
        if !self.lower.is_empty() && parts.last() != Some(&self.lower.as_str()) {
            parts.push(&self.lower);
        }
        parts.join(" / ")
    }
}

fn cell_text(table: &Table, row: usize, col: usize) -> String {
    table.rows.get(row).and_then(|r| r.get(col)).map(Value::text).unwrap_or_default().trim().to_string()
}

/// The most rows a header may span (group cells over group cells over column names).
pub const MAX_HEADER_ROWS: usize = 4;

/// Each column's header cells over `header_rows` rows (1 to [`MAX_HEADER_ROWS`]). A merged
/// group cell's text (held only by its top-left cell) is carried right over the empty cells
/// beside it that have a name below; a column's own name is its lowest filled cell (a name
/// merged down over the rows below is held by its top cell).
pub(super) fn labels(table: &Table, header_row: usize, header_rows: usize) -> Vec<Label> {
    let rows = header_rows.clamp(1, MAX_HEADER_ROWS);
    let width = table.rows.iter().skip(header_row).take(rows).map(Vec::len).max().unwrap_or(0);
    let mut carried = vec![String::new(); rows];
    let mut out = Vec::with_capacity(width);
    for col in 0..width {
        let cells: Vec<String> = (0..rows).map(|k| cell_text(table, header_row + k, col)).collect();
        let mut path: Vec<String> = Vec::new();
        for k in 0..rows {
            let below = cells[k + 1..].iter().any(|c| !c.is_empty());
            let text = if cells[k].is_empty() && below { carried[k].clone() } else { cells[k].clone() };
            if !cells[k].is_empty() {
                carried[k] = cells[k].clone();
            } else if !below {
                carried[k].clear();
            }
            if !text.is_empty() && path.last() != Some(&text) {
                path.push(text);
            }
        }
        let lower = path.pop().unwrap_or_default();
        out.push(Label { lower, groups: path });
    }
    out
}

/// The mapping the header at `header_row` (spanning `header_rows` rows, 1 to
/// [`MAX_HEADER_ROWS`]) gives, for when the user picks the header row.
pub fn header_at(table: &Table, header_row: usize, header_rows: usize) -> ColumnMapping {
    let header_rows = header_rows.clamp(1, MAX_HEADER_ROWS);
    let mut best: Vec<(LedgerField, usize, MappedColumn)> = Vec::new();
    for (column, label) in labels(table, header_row, header_rows).iter().enumerate() {
        let Some((field, rank, header)) = label.field() else { continue };
        // A hidden column (an old figure an office keeps out of sight) is never preferred to a
        // visible one of the same field.
        let rank = if table.hidden.contains(&column) { rank + 1_000 } else { rank };
        let unit = label.parts().1;
        let mapped = MappedColumn { field, column, header, unit };
        match best.iter_mut().find(|(f, _, _)| *f == field) {
            // Two columns for one field: the better name wins, else the first.
            Some(entry) if rank < entry.1 => *entry = (field, rank, mapped),
            Some(_) => {}
            None => best.push((field, rank, mapped)),
        }
    }
    let mut columns: Vec<MappedColumn> = best.into_iter().map(|(_, _, m)| m).collect();
    columns.sort_by_key(|c| c.field);
    ColumnMapping { header_row, header_rows, columns }
}

/// Rows searched for the header: title blocks are a few lines, never dozens.
const HEADER_SEARCH: usize = 30;

/// Why no mapping could be proposed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    /// No row names a project column and two more: the user picks the header row.
    NoHeader {
        /// The first rows as text, trailing blanks cut, for the user to pick from.
        first_rows: Vec<Vec<String>>,
    },
    EmptySheet,
    /// The header row named (1-based) lies past the sheet's last row (how many it has).
    RowBeyond {
        row: usize,
        rows: usize,
    },
}

/// The first rows of a sheet as text, for [`LedgerError::NoHeader`].
fn first_rows(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .take(10)
        .map(|row| {
            let mut cells: Vec<String> = row.iter().map(|v| v.text().trim().to_string()).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

/// Finds the header (under a title block, in one row or two) and maps the columns.
///
/// # Errors
/// [`LedgerError::NoHeader`] with the first rows when no row names a project column and two
/// more; [`LedgerError::EmptySheet`] when the sheet holds nothing.
pub fn propose_mapping(table: &Table) -> Result<ColumnMapping, LedgerError> {
    if (0..table.rows.len()).all(|r| table.is_blank_row(r)) {
        return Err(LedgerError::EmptySheet);
    }
    let mut best: Option<ColumnMapping> = None;
    for row in 0..table.rows.len().min(HEADER_SEARCH) {
        if table.is_blank_row(row) {
            continue;
        }
        for rows in 1..=MAX_HEADER_ROWS {
            let mapping = header_at(table, row, rows);
            if mapping.column(LedgerField::Name).is_none() || mapping.score() < 3 {
                continue;
            }
            // A taller header must add a field (a title over the header adds none, a first
            // project row under it neither); ties keep the lower header, then the earlier row.
            let key = |m: &ColumnMapping| m.score() * MAX_HEADER_ROWS + (MAX_HEADER_ROWS - m.header_rows);
            if best.as_ref().is_none_or(|b| key(&mapping) > key(b)) {
                best = Some(mapping);
            }
        }
    }
    best.ok_or_else(|| LedgerError::NoHeader { first_rows: first_rows(table) })
}

/// What the title block above the header states.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct TitleBlock {
    pub(super) title: Option<String>,
    /// A single year (`2026年重点项目台账`).
    pub(super) year: Option<i32>,
    pub(super) period: Option<(i32, i32)>,
    pub(super) as_of: Option<Period>,
    /// The month of a 填报时间, when that is all the block says of a date.
    pub(super) filed: Option<Period>,
    /// `单位：亿元` over the table.
    pub(super) unit: Option<String>,
}

/// Lines of a title block that are not the title: a date, a unit, who filled it in.
fn is_meta_line(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ["单位", "截至", "截止", "填报", "制表", "日期", "时间", "编制", "附件", "附表"].iter().any(|k| t.starts_with(k))
        || t.chars().count() < 4
}

/// The years a text writes as four digits (`2024`), in order, with the character after each.
pub(super) fn years_in(text: &str) -> Vec<(i32, Option<char>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let digits: String = chars[start..i].iter().collect();
                if let Ok(year) = digits.parse::<i32>()
                    && (1990..=2100).contains(&year)
                {
                    out.push((year, chars.get(i).copied()));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The year and month after 截至/截止 (`截至2026年10月底`, `截止时间：2026年10月`,
/// `数据截止日期：2026年9月30日`, `截至2026.10`), or the month alone (`截至10月底`) with
/// `year`; else the month a 填报时间 names.
pub(super) fn as_of_in(text: &str, year: Option<i32>) -> Option<Period> {
    // Where the sheet says only when it was filled in (填报时间：2026年10月8日), that month.
    let at = ["截至", "截止", "填报时间", "填报日期", "报送时间", "报送日期"].iter().find_map(|w| text.find(w))?;
    let rest: String = text[at..].chars().skip(2).skip_while(|c| !c.is_ascii_digit()).collect();
    let numbers: Vec<u32> = rest.split(|c: char| !c.is_ascii_digit()).take(2).map_while(|n| n.parse().ok()).collect();
    match numbers.as_slice() {
        [y, m, ..] if *y >= 1990 => Period::new(i32::try_from(*y).ok()?, u8::try_from(*m).ok()?),
        [m, ..] if *m <= 12 => Period::new(year?, u8::try_from(*m).ok()?),
        _ => None,
    }
}

/// Whether a title-block line gives the date the sheet was filled in, not the month its
/// figures stand at.
fn is_filing_date(text: &str) -> bool {
    !text.contains("截至") && !text.contains("截止") && ["填报", "报送"].iter().any(|w| text.contains(w))
}

/// The month a 完成投资 header counts to: `1-10月`, `1—10月`, `1至10月`, `截至10月底`.
pub(super) fn month_of_header(text: &str) -> Option<u8> {
    let chars: Vec<char> = text.chars().collect();
    let end = chars.iter().position(|&c| c == '月')?;
    let start = chars[..end].iter().rposition(|c| !c.is_ascii_digit()).map_or(0, |p| p + 1);
    let month: u8 = chars[start..end].iter().collect::<String>().parse().ok()?;
    let before: String = chars[..start].iter().collect();
    let range = before.ends_with(['-', '—', '–', '~', '～', '至', '－']);
    ((range || before.ends_with("截至") || before.ends_with("截止")) && (1..=12).contains(&month)).then_some(month)
}

/// The year a header states as `2026年` (`2026年计划投资`, `2026年1-10月完成投资`).
pub(super) fn year_of_header(text: &str) -> Option<i32> {
    years_in(text).into_iter().find(|(_, next)| *next == Some('年')).map(|(y, _)| y)
}

/// The plan period a text names: `十五五` → 2026–2030, or `2026—2030年`.
fn period_in(text: &str) -> Option<(i32, i32)> {
    const PLANS: [(&str, i32); 4] = [("十三五", 2016), ("十四五", 2021), ("十五五", 2026), ("十六五", 2031)];
    if let Some((_, start)) = PLANS.iter().find(|(name, _)| text.contains(name)) {
        return Some((*start, start + 4));
    }
    let years = years_in(text);
    years
        .windows(2)
        .find(|w| w[0].1.is_some_and(|c| "-—–~～至".contains(c)) && w[1].0 > w[0].0)
        .map(|w| (w[0].0, w[1].0))
}

/// Reads the rows above the header.
pub(super) fn title_block(table: &Table, header_row: usize) -> TitleBlock {
    let texts: Vec<String> = table
        .rows
        .iter()
        .take(header_row)
        .flat_map(|row| row.iter().map(|v| v.text().trim().to_string()).filter(|t| !t.is_empty()))
        .collect();
    let title = texts.iter().find(|t| !is_meta_line(t)).cloned();
    let period = texts.iter().find_map(|t| period_in(t));
    let year = title.as_deref().and_then(|t| match years_in(t).as_slice() {
        [(year, Some('年'))] => Some(*year),
        _ => None,
    });
    // 截至 before 填报时间: the date a sheet was filled in is the month only where nothing
    // else says it (and a 1-9月 header says it before that too, see `as_of` of the ledger).
    let stated = texts.iter().find_map(|t| as_of_in(t, year).filter(|_| !is_filing_date(t)));
    let filed = texts.iter().find_map(|t| as_of_in(t, year).filter(|_| is_filing_date(t)));
    let unit = texts.iter().find_map(|t| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let rest = &t[t.find("单位")? + "单位".len()..];
        let rest = rest.trim_start_matches([':', '\u{ff1a}']);
        ["万元", "亿元", "元"].into_iter().find(|u| rest.starts_with(u)).map(str::to_string)
    });
    TitleBlock { title, year, period, as_of: stated, filed, unit }
}

#[cfg(test)]
mod tests {
    use super::{LedgerField, as_of_in, field_of, key_and_unit, month_of_header, period_in, year_of_header};
    use crate::domain::Period;

    #[test]
    fn headers_and_synonyms() {
        let cases = [
            ("项目名称", LedgerField::Name),
            ("建设规模及内容", LedgerField::Content),
            ("所属区（县）", LedgerField::Place),
            ("县区", LedgerField::Place),
            ("建设起止年限", LedgerField::Years),
            ("总投资（万元）", LedgerField::TotalInvestment),
            ("计划总投资", LedgerField::TotalInvestment),
            ("2026年计划投资", LedgerField::PlanInvestment),
            ("1-10月完成投资", LedgerField::YearDoneInvestment),
            ("本年完成投资", LedgerField::YearDoneInvestment),
            ("2026年完成投资（万元）", LedgerField::YearDoneInvestment),
            ("截至10月底累计完成投资", LedgerField::DoneInvestment),
            ("累计完成投资", LedgerField::DoneInvestment),
            ("至2025年底累计完成投资", LedgerField::PriorDoneInvestment),
            ("截至上年底累计完成投资", LedgerField::PriorDoneInvestment),
            ("项目进展情况", LedgerField::Progress),
            ("需协调解决的问题", LedgerField::Coordination),
            ("牵头单位", LedgerField::Owner),
            ("计划完工时间", LedgerField::PlannedFinish),
            ("计划开工时间", LedgerField::PlannedStart),
            ("项目代码", LedgerField::ProjectCode),
            ("是否入库", LedgerField::Registered),
        ];
        for (text, field) in cases {
            assert_eq!(field_of(text).map(|(f, _)| f), Some(field), "{text}");
        }
        for text in ["占总投资%", "完成率", "备注", "投资情况（万元）", ""] {
            assert_eq!(field_of(text), None, "{text}");
        }
        assert_eq!(key_and_unit("总投资（亿元）"), ("总投资".to_string(), Some("亿元".to_string())));
    }

    #[test]
    fn dates_in_titles_and_headers() {
        assert_eq!(as_of_in("截至2026年10月底", None), Period::new(2026, 10));
        assert_eq!(as_of_in("截止时间：2026年10月", None), Period::new(2026, 10));
        assert_eq!(as_of_in("（截至10月底）", Some(2026)), Period::new(2026, 10));
        assert_eq!(as_of_in("截至10月底", None), None);
        assert_eq!(as_of_in("数据截止日期：2026年9月30日", None), Period::new(2026, 9));
        assert_eq!(as_of_in("填报时间：2026年10月8日", None), Period::new(2026, 10));
        assert_eq!(as_of_in("（截至9月底）", Some(2026)), Period::new(2026, 9));
        assert_eq!(month_of_header("1-10月完成投资"), Some(10));
        assert_eq!(month_of_header("2026年1—9月完成投资"), Some(9));
        assert_eq!(month_of_header("截至8月底完成投资"), Some(8));
        assert_eq!(month_of_header("10月计划"), None);
        assert_eq!(year_of_header("2026年计划投资"), Some(2026));
        assert_eq!(period_in("六盘水市“十五五”重点项目台账"), Some((2026, 2030)));
        assert_eq!(period_in("2026—2030年重点项目"), Some((2026, 2030)));
        assert_eq!(period_in("2026年重点项目台账"), None);
    }
}
