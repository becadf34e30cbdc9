//! A plan draft's notes and problems, worded: what the reader of a plan's text or an office
//! ledger found worth a look, and what to do, in Chinese and English.

use serde::ser::SerializeStruct;

use super::{Lang, quoted};
use crate::domain::{NATURES, format_quantity};
use crate::import::plan::{DraftNote, NoteKind, Rows, SkippedRow, SumOf, ValueProblem};

super::by_halves!(DraftNote, NoteKind, ValueProblem);
super::shown!(DraftNote);

impl DraftNote {
    /// The note in Chinese.
    pub fn zh(&self) -> String {
        self.kind.zh()
    }

    /// The note in English.
    pub fn en(&self) -> String {
        self.kind.en()
    }
}

/// A note is written out (`plan import --dry-run --format json`) as its line and its words in
/// both languages, the fields scripts read before notes were kinds.
impl serde::Serialize for DraftNote {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut note = serializer.serialize_struct("DraftNote", 3)?;
        note.serialize_field("line", &self.line)?;
        note.serialize_field("zh", &self.zh())?;
        note.serialize_field("en", &self.en())?;
        note.end()
    }
}

/// Rows listed by number, the first ten, and how many there are when more: `第 1、2 … 10 等 12 行`,
/// or `row 4` for one and `rows 1, 2 … 10… (12 in all)` for more.
fn rows(rows: &Rows, lang: Lang) -> String {
    let list = rows.first.iter().map(ToString::to_string).collect::<Vec<_>>().join(lang.tr("、", ", "));
    let all = rows.all;
    match lang {
        Lang::Zh if all > rows.first.len() => format!("第 {list} 等 {all} 行"),
        Lang::Zh => format!("第 {list} 行"),
        Lang::En if all > rows.first.len() => format!("rows {list}… ({all} in all)"),
        Lang::En if all == 1 => format!("row {list}"),
        Lang::En => format!("rows {list}"),
    }
}

impl NoteKind {
    /// The note in Chinese: what was found and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::PartsDiffer { source, total, sum, unit } => {
                let (source, total, sum) = (quoted(source), format_quantity(*total), format_quantity(*sum));
                format!("{source}合计 {total} {unit},其中各项之和为 {sum} {unit},请核对。")
            }
            Self::YearOutside { name, year, start, end } => {
                format!("{}写明的年份 {year} 不在规划期 {start}—{end} 年内,请核对。", quoted(name))
            }
            Self::Twice { name, place, first, line } => {
                let (name, place) = (quoted(name), place.as_deref().unwrap_or("未写地点"));
                format!("{name}({place})在第 {first} 行和第 {line} 行都出现:请确认是否为同一项目,保留一条。")
            }
            Self::TitleYear { year, undated } => {
                format!("标题写明这是 {year} 年的清单:{undated} 项没有写明年份的项目按 {year} 年内完成计。")
            }
            Self::NoProjects => "文中没有找到可识别的项目(如“重点推进A、B等项目建设”或“改造管网20公里”):请确认这是规划文本,或手工录入项目。".into(),
            Self::NoteRow { text } => format!("视为表下说明,未导入:{}", quoted(text)),
            Self::Cell { header, problem } => format!("{header}:{}", problem.zh()),
            Self::NoName { header } => format!("{header}:项目名称为空,但本行其他单元格有内容:本行未导入,请补上名称"),
            Self::NameTooLong { header, chars, max } => {
                format!("{header}:名称有 {chars} 个字,超过 {max} 字:请缩短(详细内容可写入“建设内容及规模”)")
            }
            Self::SumDiffers { label, header, stated, sum, of } => {
                let (stated, sum) = (format_quantity(*stated), format_quantity(*sum));
                let of = match of {
                    SumOf::Section => "本分组各项目",
                    SumOf::Above => "上方各项目",
                    SumOf::Subtotal => "本小计以上各项目",
                };
                format!("{}行的{header} {stated} 与{of}之和 {sum} 不符,请核对(该行不导入)", quoted(label))
            }
            Self::SameRows { lines, name, place } => {
                let list = lines.iter().map(ToString::to_string).collect::<Vec<_>>().join("、");
                let place = place.as_deref().unwrap_or("未填地点");
                format!("第 {list} 行名称和地点相同({},{place}):是否同一项目填了两次?", quoted(name))
            }
            Self::UnknownPlace { place, rows: at } => {
                format!("地点{}不在地名表中({}):请在草稿中选定所属区县", quoted(place), rows(at, Lang::Zh))
            }
            Self::UnknownNature { nature, rows: at } => {
                let natures = NATURES.join("/");
                format!("建设性质{}不是 {natures} 之一({}):请在草稿中改选", quoted(nature), rows(at, Lang::Zh))
            }
            Self::Unmapped { columns } => {
                let columns: Vec<String> = columns.iter().map(|(label, letter)| format!("{label}({letter})")).collect();
                format!("以下列未导入:{}", columns.join("、"))
            }
            Self::Skipped { counts } => {
                let parts: Vec<String> = counts
                    .iter()
                    .map(|(kind, n)| {
                        let kind = match kind {
                            SkippedRow::Blank => "空行(含只有序号的行)",
                            SkippedRow::Total => "小计/合计行",
                            SkippedRow::Note => "说明行",
                            SkippedRow::Section => "分组标题行",
                            SkippedRow::NoName => "缺少项目名称的行",
                        };
                        format!("{n} 个{kind}")
                    })
                    .collect();
                format!("未作为项目导入:{}", parts.join("、"))
            }
            Self::OutsidePeriod { name, year, start, end } => {
                format!("{}写明的 {year} 年不在规划期 {start}—{end} 内", quoted(name))
            }
        }
    }

    /// The note in English: what was found and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::PartsDiffer { source, total, sum, unit } => {
                let (source, total, sum) = (quoted(source), format_quantity(*total), format_quantity(*sum));
                format!(
                    "{source} gives a total of {total} {unit}, but its parts add up to {sum} {unit}; please check."
                )
            }
            Self::YearOutside { name, year, start, end } => format!(
                "{} states the year {year}, outside the plan period {start}–{end}; please check.",
                quoted(name)
            ),
            Self::Twice { name, place, first, line } => {
                let (name, place) = (quoted(name), place.as_deref().unwrap_or("no place"));
                format!(
                    "{name} ({place}) appears on line {first} and on line {line}: check whether it is one project and keep one row."
                )
            }
            Self::TitleYear { year, undated } => format!(
                "The title makes this a list for {year}: {undated} projects that state no year are due within {year}."
            ),
            Self::NoProjects => "No project was recognised (such as “重点推进A、B等项目建设” or “改造管网20公里”): check that this is the plan's text, or enter the projects by hand.".into(),
            Self::NoteRow { text } => format!("Read as a note, not imported: {}", quoted(text)),
            Self::Cell { header, problem } => format!("{header}: {}", problem.en()),
            Self::NoName { header } => {
                format!("{header}: the name is missing while other cells are filled; the row is not imported")
            }
            Self::NameTooLong { header, chars, max } => format!(
                "{header}: the name has {chars} characters, more than {max}: shorten it (details go under 建设内容及规模)"
            ),
            Self::SumDiffers { label, header, stated, sum, of } => {
                let (stated, sum) = (format_quantity(*stated), format_quantity(*sum));
                let of = match of {
                    SumOf::Section => "the projects of this section",
                    SumOf::Above => "the projects above",
                    SumOf::Subtotal => "the projects of this subtotal",
                };
                format!(
                    "{}: {header} {stated} differs from the sum of {of}, {sum}; check it (the row is not imported)",
                    quoted(label)
                )
            }
            Self::SameRows { lines, name, place } => {
                let list = lines.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                let place = place.as_deref().unwrap_or("no place");
                format!("Rows {list} have one name and place ({}, {place}): the same project twice?", quoted(name))
            }
            Self::UnknownPlace { place, rows: at } => format!(
                "The place {} is not in the gazetteer ({}): choose its district in the draft",
                quoted(place),
                rows(at, Lang::En)
            ),
            Self::UnknownNature { nature, rows: at } => {
                let natures = NATURES.join("/");
                format!(
                    "The nature {} is not one of {natures} ({}): pick one in the draft",
                    quoted(nature),
                    rows(at, Lang::En)
                )
            }
            Self::Unmapped { columns } => {
                let columns: Vec<String> = columns.iter().map(|(label, letter)| format!("{label} ({letter})")).collect();
                format!("These columns are not imported: {}", columns.join(", "))
            }
            Self::Skipped { counts } => {
                let parts: Vec<String> = counts
                    .iter()
                    .map(|(kind, n)| {
                        let kind = match kind {
                            SkippedRow::Blank => "blank (or numbered only)",
                            SkippedRow::Total => "subtotal/total",
                            SkippedRow::Note => "note",
                            SkippedRow::Section => "section heading",
                            SkippedRow::NoName => "without a name",
                        };
                        format!("{n} {kind}")
                    })
                    .collect();
                format!("Rows not read as projects: {}", parts.join(", "))
            }
            Self::OutsidePeriod { name, year, start, end } => {
                format!("{} states {year}, outside the period {start}–{end}", quoted(name))
            }
        }
    }
}

impl ValueProblem {
    /// Why the cell was not read, in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Self::ErrorValue { error } => format!("单元格是错误值 {error}:请改正公式或直接填写"),
            Self::Boolean { value } => format!("“{}”是逻辑值,不是这一列要填的内容", boolean(*value)),
            Self::Uncalculated => "单元格是公式,但文件里没有它的计算结果:请在 Excel/WPS 中打开并保存后再导入".into(),
            Self::Amount { error, text, unit } => error.message(text, Some(unit)).0,
            Self::AmountPercent { shown, unit } => format!("“{shown}”是百分比:这里应填写金额({unit})"),
            Self::AmountDate { shown, unit } => format!("“{shown}”是日期或时间,不是金额:请填写金额({unit})"),
            Self::Negative { wan } => format!("投资 {} 万元为负数:投资不能为负", format_quantity(*wan)),
            Self::Field(problem) => problem.zh(),
            Self::YearsReversed { start, end } => format!("建设年限的开始年份 {start} 晚于结束年份 {end}"),
            Self::FinishPercent { shown } => format!("“{shown}”是百分比,不是时间"),
            Self::NotAMonth { text } => format!("{}不是月份(如 2026-03)", quoted(text)),
            Self::Registration { text } => format!("入库{}无法识别:请填写 是、否 或入库月份", quoted(text)),
            Self::UnknownStatus { text } => {
                format!("状态{}无法识别:请填写 未开工、前期、在建、已完工、停缓建 之一", quoted(text))
            }
        }
    }

    /// Why the cell was not read, in English.
    pub fn en(&self) -> String {
        match self {
            Self::ErrorValue { error } => {
                format!("The cell is the error value {error}: fix the formula or type the value")
            }
            Self::Boolean { value } => format!("{} is a true/false value, not what this column takes", boolean(*value)),
            Self::Uncalculated => {
                "The cell holds a formula but the file has no calculated value: open and save it in Excel/WPS".into()
            }
            Self::Amount { error, text, unit } => error.message(text, Some(unit)).1,
            Self::AmountPercent { shown, unit } => format!("{shown} is a percentage: give the amount in {unit}"),
            Self::AmountDate { shown, unit } => {
                format!("{shown} is a date or time, not an amount: give the amount in {unit}")
            }
            Self::Negative { wan } => format!("{} 万元 is negative: an investment cannot be", format_quantity(*wan)),
            Self::Field(problem) => problem.en(),
            Self::YearsReversed { start, end } => format!("The start year {start} is after the end year {end}"),
            Self::FinishPercent { shown } => format!("{shown} is a percentage, not a date"),
            Self::NotAMonth { text } => format!("{} is not a month (e.g. 2026-03)", quoted(text)),
            Self::Registration { text } => {
                format!("Registration {} is not known: write 是, 否 or the month", quoted(text))
            }
            Self::UnknownStatus { text } => {
                format!("Status {} is not known: use 未开工, 前期, 在建, 已完工 or 停缓建", quoted(text))
            }
        }
    }
}

fn boolean(value: bool) -> &'static str {
    if value { "TRUE" } else { "FALSE" }
}

#[cfg(test)]
mod tests {
    use super::{DraftNote, NoteKind, Rows, SkippedRow, SumOf, ValueProblem};
    use crate::domain::{AmountError, FieldProblem};

    /// One of each kind: the match makes a new kind fail to compile here until it has a sample.
    fn samples() -> Vec<NoteKind> {
        let text = || "x".to_string();
        let cell = |problem| NoteKind::Cell { header: "总投资".into(), problem };
        let values = vec![
            ValueProblem::ErrorValue { error: "#DIV/0!".into() },
            ValueProblem::Boolean { value: false },
            ValueProblem::Uncalculated,
            ValueProblem::Amount { error: AmountError::NotANumber, text: "待定".into(), unit: "万元".into() },
            ValueProblem::AmountPercent { shown: "50%".into(), unit: "万元".into() },
            ValueProblem::AmountDate { shown: "2026-01-01".into(), unit: "万元".into() },
            ValueProblem::Negative { wan: -3.0 },
            ValueProblem::Field(FieldProblem::TooLarge(2e12)),
            ValueProblem::YearsReversed { start: 2026, end: 2024 },
            ValueProblem::FinishPercent { shown: "50%".into() },
            ValueProblem::NotAMonth { text: "下半年".into() },
            ValueProblem::Registration { text: text() },
            ValueProblem::UnknownStatus { text: "开工了".into() },
        ];
        for value in &values {
            match value {
                ValueProblem::ErrorValue { .. }
                | ValueProblem::Boolean { .. }
                | ValueProblem::Uncalculated
                | ValueProblem::Amount { .. }
                | ValueProblem::AmountPercent { .. }
                | ValueProblem::AmountDate { .. }
                | ValueProblem::Negative { .. }
                | ValueProblem::Field(_)
                | ValueProblem::YearsReversed { .. }
                | ValueProblem::FinishPercent { .. }
                | ValueProblem::NotAMonth { .. }
                | ValueProblem::Registration { .. }
                | ValueProblem::UnknownStatus { .. } => {}
            }
        }
        let mut all = vec![
            NoteKind::PartsDiffer { source: text(), total: 3.93, sum: 4.0, unit: "公里".into() },
            NoteKind::YearOutside { name: text(), year: 2035, start: 2026, end: 2030 },
            NoteKind::Twice { name: text(), place: None, first: 1, line: 3 },
            NoteKind::TitleYear { year: 2026, undated: 4 },
            NoteKind::NoProjects,
            NoteKind::NoteRow { text: "注：投资单位为万元".into() },
            NoteKind::NoName { header: "项目名称".into() },
            NoteKind::NameTooLong { header: "项目名称".into(), chars: 250, max: 200 },
            NoteKind::SumDiffers {
                label: "小计".into(),
                header: "总投资".into(),
                stated: 2.0,
                sum: 3.0,
                of: SumOf::Section,
            },
            NoteKind::SumDiffers {
                label: "合计".into(),
                header: "总投资".into(),
                stated: 2.0,
                sum: 3.0,
                of: SumOf::Above,
            },
            NoteKind::SumDiffers {
                label: "小计".into(),
                header: "总投资".into(),
                stated: 2.0,
                sum: 3.0,
                of: SumOf::Subtotal,
            },
            NoteKind::SameRows { lines: vec![7, 17], name: text(), place: Some("钟山区".into()) },
            NoteKind::UnknownPlace { place: "荷城街道".into(), rows: Rows::of(&[3, 4]) },
            NoteKind::UnknownNature { nature: "新开工".into(), rows: Rows::of(&(1..=12).collect::<Vec<_>>()) },
            NoteKind::Unmapped { columns: vec![("备注".into(), "K".into())] },
            NoteKind::Skipped { counts: vec![(SkippedRow::Blank, 2), (SkippedRow::NoName, 1)] },
            NoteKind::OutsidePeriod { name: text(), year: 2035, start: 2026, end: 2030 },
        ];
        for kind in &all {
            match kind {
                NoteKind::PartsDiffer { .. }
                | NoteKind::YearOutside { .. }
                | NoteKind::Twice { .. }
                | NoteKind::TitleYear { .. }
                | NoteKind::NoProjects
                | NoteKind::NoteRow { .. }
                | NoteKind::Cell { .. }
                | NoteKind::NoName { .. }
                | NoteKind::NameTooLong { .. }
                | NoteKind::SumDiffers { .. }
                | NoteKind::SameRows { .. }
                | NoteKind::UnknownPlace { .. }
                | NoteKind::UnknownNature { .. }
                | NoteKind::Unmapped { .. }
                | NoteKind::Skipped { .. }
                | NoteKind::OutsidePeriod { .. } => {}
            }
        }
        all.extend(values.into_iter().map(cell));
        all
    }

    #[test]
    fn every_note_is_worded_in_chinese_and_in_english() {
        let chinese = crate::words::said_in_both(&samples());
        assert_eq!(chinese.len(), samples().len(), "each sample says something of its own");
    }

    #[test]
    fn the_data_is_said_inside_the_words_and_written_out_in_both() {
        let many =
            NoteKind::UnknownNature { nature: "新开工".into(), rows: Rows::of(&(1..=12).collect::<Vec<_>>()) };
        assert!(many.zh().contains("(第 1、2、3、4、5、6、7、8、9、10 等 12 行)"), "{}", many.zh());
        assert!(many.en().contains("(rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10… (12 in all))"), "{}", many.en());
        // One row is a row: "(rows 4)" said it as if there were more.
        let one = NoteKind::UnknownPlace { place: "荷城街道".into(), rows: Rows::of(&[4]) };
        assert_eq!(one.en(), "The place “荷城街道” is not in the gazetteer (row 4): choose its district in the draft");
        assert_eq!(one.zh(), "地点“荷城街道”不在地名表中(第 4 行):请在草稿中选定所属区县");
        let two = NoteKind::UnknownNature { nature: "新开工".into(), rows: Rows::of(&[4, 5]) };
        assert!(two.en().contains("(rows 4, 5)") && two.zh().contains("(第 4、5 行)"), "{} / {}", two.en(), two.zh());
        let cell = NoteKind::Cell { header: "总投资".into(), problem: ValueProblem::Negative { wan: -3.5 } };
        assert_eq!(cell.zh(), "总投资:投资 -3.5 万元为负数:投资不能为负");
        assert_eq!(cell.en(), "总投资: -3.5 万元 is negative: an investment cannot be");
        let note = DraftNote { line: 4, kind: cell };
        let json = serde_json::to_value(&note).expect("json");
        assert_eq!(json["line"], 4);
        assert_eq!(json["zh"], note.zh());
        assert_eq!(json["en"], note.en());
    }
}
