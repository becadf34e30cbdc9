//! An office's 重点项目台账 read as a plan draft: the same ledger as XLSX (two-line title block,
//! a two-row header under a merged 投资情况（万元）, sections, 小计/合计 rows, notes under the
//! table, amounts typed as text, a formula, a date cell, status words), as GBK CSV and as ODS
//! (made by LibreOffice). Every file is made here.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Formula, Workbook};
use taizhang::domain::{Gazetteer, Period, Status};
use taizhang::import::plan::{
    ColumnMapping, DraftSource, LedgerError, LedgerField, PlanDraft, draft_from_ledger, header_at, propose_mapping,
};
use taizhang::import::read_table;

use crate::common;

use common::{as_saved_by_excel, convert};

/// One cell of the fixture.
#[derive(Clone, Copy)]
enum C {
    S(&'static str),
    N(f64),
    /// A formula and the value the spreadsheet calculated.
    F(&'static str, f64),
    /// A date shown as year-month.
    D(i32, u8),
    E,
}

use C::{D, E, F, N, S};

const TITLE: &str = "六盘水市“十五五”重点项目2026年台账";

/// The ledger, row by row (sheet row = index + 1). Rows 3–4 are the two-row header.
fn ledger() -> Vec<Vec<C>> {
    let mut rows = vec![
        vec![S(TITLE)],
        vec![S("单位：万元"), E, E, E, E, E, E, E, E, E, S("截止时间：2026年10月")],
        vec![
            S("序号"),
            S("项目名称"),
            S("建设内容及规模"),
            S("建设地点"),
            S("建设年限"),
            S("投资情况（万元）"),
            E,
            E,
            S("形象进度"),
            S("项目状态"),
            S("责任单位"),
            S("计划完工时间"),
            S("备注"),
        ],
        vec![E, E, E, E, E, S("总投资"), S("2026年计划投资"), S("1-10月完成投资")],
    ];
    rows.extend(projects());
    rows.extend([
        vec![],
        vec![S("合计"), E, E, E, E, F("=SUM(F7:F18)", 110_600.0)],
        vec![],
        vec![S("注：投资单位为万元。")],
        vec![S("填报人：张三"), E, E, S("联系电话：0858-1234567")],
    ]);
    rows
}

/// Rows 5–18: sections, projects and two 小计.
fn projects() -> Vec<Vec<C>> {
    vec![
        vec![S("一、市政基础设施")],
        vec![S("（一）道路交通")],
        vec![
            N(1.0),
            S("凉都大道延伸段"),
            S("新建城市主干道3.2公里"),
            S("钟山区"),
            S("2024-2026"),
            S("18,200万元"),
            N(6000.0),
            N(4500.0),
            S("路基完成80%"),
            S("在建"),
            S("市住建局"),
            D(2026, 12),
        ],
        vec![
            N(2.0),
            S("水城区城市道路改造"),
            S("改造道路5条"),
            S("水城区"),
            S("2025—2026年"),
            S("1.82亿元"),
            N(5000.0),
            F("=G8*0.5", 2500.0),
            S("3条已完工"),
            S("已开工"),
            S("水城区住建局"),
        ],
        vec![S("小计"), E, E, E, E, F("=18200+18200", 36_400.0), N(11_000.0), N(7000.0)],
        vec![S("（二）管网")],
        vec![
            N(3.0),
            S("钟山区雨污分流管网改造"),
            S("改造雨污管网12公里"),
            S("钟山区"),
            N(2026.0),
            N(9000.0),
            N(3000.0),
            N(1200.0),
            S("开展前期工作"),
            S("谋划"),
            S("市城管局"),
        ],
        vec![
            N(4.0),
            S("盘州市第二污水处理厂"),
            S("日处理污水3万吨"),
            S("盘州市"),
            S("2025-2027"),
            N(15_000.0),
            N(4000.0),
            S("待定"),
            S("主体施工"),
            S("续建"),
            S("盘州市水务局"),
        ],
        // Wrong on purpose: the two rows above sum to 24,000.
        vec![S("小计"), E, E, E, E, N(20_000.0)],
        vec![S("二、公共服务")],
        vec![
            N(5.0),
            S("六盘水市第一人民医院住院楼"),
            S("新建住院楼1栋"),
            S("钟山区"),
            E,
            N(30_000.0),
            N(-100.0),
            N(0.0),
            S("已投入使用"),
            S("竣工"),
            S("市卫健局"),
        ],
        vec![N(6.0), E, S("新建学校1所"), S("水城区"), E, N(5000.0)],
        vec![
            N(7.0),
            S("凉都大道延伸段"),
            S("二期"),
            S("钟山区"),
            E,
            N(18_200.0),
            E,
            E,
            S("停工待料"),
            S("停工"),
            S("市住建局"),
        ],
        vec![N(8.0), S("荷城街道养老服务中心"), E, S("荷城街道"), E, N(2000.0), E, E, E, S("未开工")],
    ]
}

fn xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let center = Format::new().set_align(FormatAlign::Center);
    let month = Format::new().set_num_format("yyyy-mm");
    for (r, row) in (0u32..).zip(ledger()) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                S(t) => ws.write_string(r, c, t).map(|_| ()),
                N(v) => ws.write_number(r, c, v).map(|_| ()),
                F(f, v) => ws.write_formula(r, c, Formula::new(f).set_result(v.to_string())).map(|_| ()),
                D(y, m) => {
                    let date = ExcelDateTime::from_ymd(y as u16, m, 1).expect("date");
                    ws.write_datetime_with_format(r, c, date, &month).map(|_| ())
                }
                E => Ok(()),
            }
            .expect("cell");
        }
    }
    // The title over the whole table, 投资情况 over its three columns, the other headers over
    // both header rows: the value sits only in each range's top-left cell.
    ws.merge_range(0, 0, 0, 12, TITLE, &center).expect("title");
    ws.merge_range(2, 5, 2, 7, "投资情况（万元）", &center).expect("group");
    for (c, h) in [(0, "序号"), (1, "项目名称"), (2, "建设内容及规模"), (3, "建设地点"), (4, "建设年限")]
        .into_iter()
        .chain([(8, "形象进度"), (9, "项目状态"), (10, "责任单位"), (11, "计划完工时间"), (12, "备注")])
    {
        ws.merge_range(2, c, 3, c, h, &center).expect("header");
    }
    as_saved_by_excel(&wb.save_to_buffer().expect("xlsx"))
}

/// The same ledger as a CSV a Chinese Excel saves: GBK, every cell text.
fn gbk_csv() -> Vec<u8> {
    let mut text = String::new();
    for row in ledger() {
        // Excel writes every row as wide as the table, blank rows as commas alone.
        let mut cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                S(t) if t.contains(',') => format!("\"{t}\""),
                S(t) => (*t).to_string(),
                N(v) | F(_, v) => v.to_string(),
                D(y, m) => format!("{y}-{m:02}"),
                E => String::new(),
            })
            .collect();
        cells.resize(13, String::new());
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "the fixture is GBK text");
    assert!(std::str::from_utf8(&bytes).is_err(), "GBK, not UTF-8");
    bytes.into_owned()
}

fn draft_of(bytes: &[u8]) -> (ColumnMapping, PlanDraft) {
    let table = read_table(bytes).expect("read");
    let mapping = propose_mapping(&table).expect("header");
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    (mapping, draft)
}

fn check_mapping(mapping: &ColumnMapping) {
    assert_eq!((mapping.header_row, mapping.header_rows), (2, 2));
    let found: Vec<(LedgerField, usize, &str)> =
        mapping.columns.iter().map(|c| (c.field, c.column, c.header.as_str())).collect();
    assert_eq!(
        found,
        [
            (LedgerField::Section, 0, "序号"),
            (LedgerField::Name, 1, "项目名称"),
            (LedgerField::Content, 2, "建设内容及规模"),
            (LedgerField::Place, 3, "建设地点"),
            (LedgerField::Years, 4, "建设年限"),
            (LedgerField::TotalInvestment, 5, "总投资"),
            (LedgerField::PlanInvestment, 6, "2026年计划投资"),
            (LedgerField::YearDoneInvestment, 7, "1-10月完成投资"),
            (LedgerField::Progress, 8, "形象进度"),
            (LedgerField::Owner, 10, "责任单位"),
            (LedgerField::Status, 9, "项目状态"),
            (LedgerField::PlannedFinish, 11, "计划完工时间"),
        ]
    );
    // The group cell's unit is carried to the columns under it.
    assert_eq!(mapping.mapped(LedgerField::YearDoneInvestment).and_then(|c| c.unit.as_deref()), Some("万元"));
    // The app saves the mapping for next time.
    let json = serde_json::to_string(mapping).expect("json");
    assert_eq!(&serde_json::from_str::<ColumnMapping>(&json).expect("back"), mapping);
}

/// The parts of a draft every format must agree on.
fn summary(draft: &PlanDraft) -> Vec<String> {
    let mut out = vec![format!(
        "{:?} {:?} {:?}-{:?} {:?}",
        draft.source, draft.title, draft.start_year, draft.end_year, draft.as_of
    )];
    for r in &draft.rows {
        out.push(format!(
            "{} {} [{}] {} {:?} {:?}-{:?} {:?}/{:?}/{:?} {:?} {:?} {:?} {:?} {:?}",
            r.line,
            r.name,
            r.section,
            r.category,
            r.place,
            r.start_year,
            r.target_year,
            r.total_investment,
            r.plan_investment,
            r.year_done_investment,
            r.status,
            r.progress,
            r.owner,
            r.content,
            r.planned_finish,
        ));
    }
    out.extend(draft.notes.iter().map(|n| format!("note {}: {}", n.line, n.zh())));
    out.extend(draft.problems.iter().map(|n| format!("problem {}: {}", n.line, n.zh())));
    out
}

fn check_draft(draft: &PlanDraft) {
    assert_eq!(draft.source, DraftSource::Ledger);
    assert_eq!(draft.title.as_deref(), Some(TITLE));
    assert_eq!((draft.start_year, draft.end_year), (Some(2026), Some(2030)), "十五五");
    assert_eq!(draft.as_of, Period::new(2026, 10));

    let rows: Vec<(usize, &str, &str)> =
        draft.rows.iter().map(|r| (r.line, r.name.as_str(), r.section.as_str())).collect();
    assert_eq!(
        rows,
        [
            (7, "凉都大道延伸段", "一、市政基础设施 / （一）道路交通"),
            (8, "水城区城市道路改造", "一、市政基础设施 / （一）道路交通"),
            (11, "钟山区雨污分流管网改造", "一、市政基础设施 / （二）管网"),
            (12, "盘州市第二污水处理厂", "一、市政基础设施 / （二）管网"),
            (15, "六盘水市第一人民医院住院楼", "二、公共服务"),
            (17, "凉都大道延伸段", "二、公共服务"),
            (18, "荷城街道养老服务中心", "二、公共服务"),
        ]
    );
    let [road, street, pipes, sewage, hospital, again, care] = &draft.rows[..] else { panic!("seven rows") };
    // Amounts typed as text, in 万元 and in 亿元; a formula by its value. 1-10月完成投资 is this
    // year's: the cumulative since the start is not stated.
    assert_eq!(
        (road.total_investment, road.plan_investment, road.year_done_investment, road.done_investment),
        (Some(18_200.0), Some(6000.0), Some(4500.0), None)
    );
    assert_eq!(street.total_investment.map(f64::round), Some(18_200.0));
    assert_eq!(street.year_done_investment, Some(2500.0));
    // Years: a range, a range with 年 and a dash, one year, none.
    assert_eq!((road.start_year, road.target_year), (Some(2024), Some(2026)));
    assert_eq!((street.start_year, street.target_year), (Some(2025), Some(2026)));
    assert_eq!((pipes.start_year, pipes.target_year), (None, Some(2026)));
    assert_eq!((hospital.start_year, hospital.target_year), (None, None));
    assert_eq!(road.planned_finish.as_deref(), Some("2026-12"));
    // Status words.
    let statuses: Vec<Option<Status>> = draft.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::UnderConstruction),
            Some(Status::UnderConstruction),
            Some(Status::Preparing),
            Some(Status::UnderConstruction),
            Some(Status::Completed),
            Some(Status::Suspended),
            Some(Status::NotStarted),
        ]
    );
    let categories: Vec<&str> = draft.rows.iter().map(|r| r.category.as_str()).collect();
    assert_eq!(categories, ["roads", "roads", "pipes", "sewage", "hospitals", "roads", "elderly_care"]);
    // The place as printed, a street included: no district is guessed.
    assert_eq!(care.place.as_deref(), Some("荷城街道"));
    assert_eq!(road.place.as_deref(), Some("钟山区"));
    assert_eq!((road.owner.as_deref(), road.progress.as_deref()), (Some("市住建局"), Some("路基完成80%")));
    assert!(
        road.source.starts_with("1 | 凉都大道延伸段 | 新建城市主干道3.2公里 | 钟山区 | 2024-2026 | 18,200万元"),
        "{}",
        road.source
    );
    assert_eq!(sewage.year_done_investment, None, "待定 is no amount");
    assert_eq!(hospital.plan_investment, None, "a negative amount is not taken");
    assert_eq!(again.total_investment, Some(18_200.0));

    let problems: Vec<(usize, String)> = draft.problems.iter().map(|p| (p.line, p.zh())).collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].0 == 12 && problems[0].1.starts_with("1-10月完成投资:") && problems[0].1.contains("待定"),
        "{problems:?}"
    );
    assert!(
        problems[1].0 == 15 && problems[1].1.starts_with("2026年计划投资:") && problems[1].1.contains("负"),
        "{problems:?}"
    );
    assert!(problems[2].0 == 16 && problems[2].1.contains("项目名称为空"), "{problems:?}");
    assert!(draft.problems.iter().all(|p| !p.en().is_empty()));

    let notes: Vec<(usize, String)> = draft.notes.iter().map(|n| (n.line, n.zh())).collect();
    let has =
        |line: usize, words: &[&str]| notes.iter().any(|(l, zh)| *l == line && words.iter().all(|w| zh.contains(w)));
    assert!(
        has(0, &["2 个空行", "3 个小计/合计行", "2 个说明行", "4 个分组标题行", "1 个缺少项目名称的行"]),
        "{notes:#?}"
    );
    assert!(has(3, &["以下列未导入", "备注"]), "{notes:#?}");
    assert!(has(13, &["小计", "20000", "24000"]), "the wrong 小计: {notes:#?}");
    assert!(has(17, &["第 7、17 行", "凉都大道延伸段"]), "{notes:#?}");
    assert!(has(18, &["荷城街道"]), "{notes:#?}");
    assert!(has(22, &["注：投资单位为万元"]), "{notes:#?}");
    assert!(has(23, &["张三"]), "{notes:#?}");
    // The right 小计 (row 9) and 合计 (row 20) raise nothing.
    assert!(!notes.iter().any(|(l, _)| *l == 9 || *l == 20), "{notes:#?}");
    assert_eq!(notes.len(), 7, "{notes:#?}");
}

#[test]
fn an_xlsx_ledger_with_a_title_block_and_a_merged_two_row_header() {
    let (mapping, draft) = draft_of(&xlsx());
    check_mapping(&mapping);
    check_draft(&draft);
}

#[test]
fn the_same_ledger_as_gbk_csv_and_as_ods() {
    let (_, from_xlsx) = draft_of(&xlsx());
    let (mapping, from_csv) = draft_of(&gbk_csv());
    check_mapping(&mapping);
    check_draft(&from_csv);
    assert_eq!(summary(&from_csv), summary(&from_xlsx));
    for format in ["ods", "xls"] {
        if let Some(bytes) = convert(&xlsx(), format) {
            let (mapping, draft) = draft_of(&bytes);
            check_mapping(&mapping);
            assert_eq!(summary(&draft), summary(&from_xlsx), "{format}");
        }
    }
}

#[test]
fn no_header_gives_the_first_rows_then_the_picked_row_works() {
    let csv = "某区项目清单\n项目名称,总投资,备注\n凉都大道,100,\n明湖公园,50,\n";
    let table = read_table(csv.as_bytes()).expect("read");
    let err = propose_mapping(&table).expect_err("two fields are not a header");
    let LedgerError::NoHeader { first_rows } = &err else { panic!("{err:?}") };
    assert_eq!(first_rows[0], ["某区项目清单"]);
    assert_eq!(first_rows[1], ["项目名称", "总投资", "备注"]);
    assert!(err.zh().contains("找不到表头") && err.en().contains("No header"));
    let mapping = header_at(&table, 1, 1);
    assert_eq!(mapping.column(LedgerField::Name), Some(0));
    assert_eq!(mapping.column(LedgerField::TotalInvestment), Some(1));
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    let rows: Vec<(&str, Option<f64>, &str)> =
        draft.rows.iter().map(|r| (r.name.as_str(), r.total_investment, r.category.as_str())).collect();
    assert_eq!(rows, [("凉都大道", Some(100.0), "roads"), ("明湖公园", Some(50.0), "parks")]);
    assert_eq!(draft.title.as_deref(), Some("某区项目清单"));
    assert!(draft.problems.is_empty(), "{:?}", draft.problems);
}

#[test]
fn the_month_comes_from_the_header_when_the_title_block_has_none() {
    let csv = "2026年重点项目台账\n项目名称,所属区县,总投资,2026年计划投资,截至9月底完成投资,形象进度\n\
               凉都大道,钟山区,100,50,30,施工中\n凉都大道,钟山区,1,1,1,重复\n";
    let table = read_table(csv.as_bytes()).expect("read");
    let mapping = propose_mapping(&table).expect("header");
    assert_eq!((mapping.header_row, mapping.header_rows), (1, 1));
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    assert_eq!(draft.as_of, Period::new(2026, 9));
    assert_eq!((draft.start_year, draft.end_year), (None, None));
    assert!(draft.notes.iter().any(|n| n.line == 4 && n.zh().contains("第 3、4 行")), "{:?}", draft.notes);
}

#[test]
fn cells_that_cannot_be_amounts_are_problems_naming_their_column() {
    let csv = "项目名称,建设地点,总投资,年度计划投资,累计完成投资\n\
               甲,钟山区,NaN,2000000000000,50%\n乙,水城区,12米,1.5亿,\"1,2\"\n";
    let table = read_table(csv.as_bytes()).expect("read");
    let draft = draft_from_ledger(&table, &propose_mapping(&table).expect("header"), &Gazetteer::default());
    let problems: Vec<(usize, String)> = draft.problems.iter().map(|p| (p.line, p.zh())).collect();
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(problems[0].1.starts_with("总投资:"), "{problems:?}");
    assert!(problems[1].1.starts_with("年度计划投资:") && problems[1].1.contains("过大"), "{problems:?}");
    assert!(problems[2].1.starts_with("累计完成投资:") && problems[2].1.contains("百分比"), "{problems:?}");
    assert!(problems[3].0 == 3 && problems[3].1.contains("米"), "{problems:?}");
    assert!(problems[4].0 == 3 && problems[4].1.starts_with("累计完成投资:"), "{problems:?}");
    assert_eq!(draft.rows[1].plan_investment, Some(15_000.0));
    assert_eq!(draft.rows.len(), 2, "rows with problems stay in the draft for the reviewer");
}

#[test]
fn a_corrected_mapping_and_words_kept_as_printed() {
    let csv = "项目名称,县区,建设地点,建设性质,总投资（亿元）,状态\n\
               明湖湿地公园,钟山区,荷城街道,新开工,1.5,施工中\n\
               高新区石龙中学,高新区,石龙,新建,0.8,开工了\n";
    let table = read_table(csv.as_bytes()).expect("read");
    let mut mapping = propose_mapping(&table).expect("header");
    // 县区 is preferred over 建设地点; the user picks the site instead.
    assert_eq!(mapping.column(LedgerField::Place), Some(1));
    mapping.set(&table, LedgerField::Place, Some(2));
    assert_eq!(mapping.mapped(LedgerField::Place).map(|c| c.header.as_str()), Some("建设地点"));
    mapping.set(&table, LedgerField::Place, Some(1));
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    let rows: Vec<(Option<&str>, Option<f64>, Option<&str>)> =
        draft.rows.iter().map(|r| (r.place.as_deref(), r.total_investment, r.nature.as_deref())).collect();
    // An alias is kept as printed; the header's 亿元 is converted to 万元.
    assert_eq!(rows, [(Some("钟山区"), Some(15_000.0), Some("新开工")), (Some("高新区"), Some(8_000.0), Some("新建"))]);
    assert!(draft.notes.iter().any(|n| n.line == 2 && n.zh().contains("建设性质“新开工”")), "{:?}", draft.notes);
    assert!(
        draft.notes.iter().any(|n| n.zh().contains("以下列未导入") && n.zh().contains("建设地点")),
        "{:?}",
        draft.notes
    );
    let problems: Vec<(usize, String)> = draft.problems.iter().map(|p| (p.line, p.zh())).collect();
    assert_eq!(problems, [(3, "状态:状态“开工了”无法识别:请填写 未开工、前期、在建、已完工、停缓建 之一".to_string())]);
}

/// The columns offices report on beside progress: 计划开工时间 (a month, as text or date), 项目代码
/// (checked: a malformed one is a problem naming its row, not a value), 是否入库 (是/否 or the
/// month); a committed plan keeps them on its projects.
#[test]
fn planned_start_project_code_and_registration_are_read_and_kept() {
    let csv = "项目名称,建设地点,计划开工时间,项目代码,是否入库\n\
               明湖湿地公园,钟山区,2026年3月,2021-520201-48-01-123456,2026年5月入库\n\
               高新区石龙中学,钟山区,2026-07-15,2021-5202-48,否\n\
               水城区供水管网,水城区,下半年,,是\n";
    let table = read_table(csv.as_bytes()).expect("read");
    let mapping = propose_mapping(&table).expect("header");
    for field in [LedgerField::PlannedStart, LedgerField::ProjectCode, LedgerField::Registered] {
        assert!(mapping.column(field).is_some(), "{field:?} mapped");
    }
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    let month = |y, m| Period::new(y, m);
    let got: Vec<_> = draft
        .rows
        .iter()
        .map(|r| (r.planned_start, r.project_code.as_deref(), r.registered, r.registered_in))
        .collect();
    assert_eq!(
        got,
        [
            (month(2026, 3), Some("2021-520201-48-01-123456"), Some(true), month(2026, 5)),
            (month(2026, 7), None, Some(false), None),
            (None, None, Some(true), None),
        ]
    );
    let problems: Vec<String> = draft.problems.iter().map(|n| n.zh()).collect();
    assert!(problems.iter().any(|p| p.contains("项目代码") && p.contains("2021-5202-48")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("下半年")), "{problems:?}");

    // Committed as a plan, the projects carry them.
    let db = taizhang::db::Db::open_in_memory().expect("db");
    let plan = taizhang::db::NewPlan {
        title: "测试台账".into(),
        start_year: 2026,
        end_year: 2030,
        city: "六盘水市".into(),
        origin: "t.csv".into(),
        as_of: None,
        rows: draft.rows.clone(),
    };
    let id = db.create_plan(&plan, "测试").expect("plan");
    db.choose_plan(id).expect("switch");
    let snapshot = db.snapshot().expect("snapshot");
    let lake = snapshot.portfolio.projects.iter().find(|p| p.name == "明湖湿地公园").expect("lake");
    assert_eq!(lake.planned_start, month(2026, 3));
    assert_eq!(lake.project_code.as_deref(), Some("2021-520201-48-01-123456"));
    assert_eq!((lake.registered, lake.registered_in), (Some(true), month(2026, 5)));
}

/// A project line of [`three_row_ledger`]: name, owner, place, total, last year's cumulative,
/// this year's plan and done, progress, problem.
type LedgerLine = (&'static str, &'static str, &'static str, f64, f64, f64, f64, &'static str, &'static str);

/// An office's monthly sheet as many are laid out: a title, 数据截止日期 in the title block, a
/// header three rows high (names merged down, 投资情况（万元） over 总投资, 至上年底累计 and a
/// merged 2026年 over 计划投资 and 1-9月完成投资), this year's money apart from last year's.
fn three_row_ledger() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let merged = Format::new().set_align(FormatAlign::Center);
    ws.write(0, 0, "六盘水市2026年重点项目建设推进情况表").expect("title");
    ws.write(1, 0, "数据截止日期：2026年9月30日").expect("as of");
    ws.write(1, 12, "单位：万元").expect("unit");
    let down = ["序号", "项目名称", "项目业主", "建设地点", "建设性质", "建设规模及内容", "建设年限"];
    for (c, name) in down.iter().enumerate() {
        let c = u16::try_from(c).expect("col");
        ws.merge_range(2, c, 4, c, name, &merged).expect("merged down");
    }
    ws.merge_range(2, 7, 2, 11, "投资情况（万元）", &merged).expect("group");
    ws.merge_range(3, 7, 4, 7, "总投资", &merged).expect("total");
    ws.merge_range(3, 8, 4, 8, "至2025年底累计完成投资", &merged).expect("prior");
    ws.merge_range(3, 9, 3, 11, "2026年", &merged).expect("year");
    ws.write(4, 9, "计划投资").expect("plan");
    ws.write(4, 10, "1-9月完成投资").expect("year done");
    ws.write(4, 11, "占年计划%").expect("share");
    for (c, name) in ["形象进度", "存在问题", "责任单位", "解决时限"].iter().enumerate() {
        let c = 12 + u16::try_from(c).expect("col");
        ws.merge_range(2, c, 4, c, name, &merged).expect("merged down");
    }
    ws.write(5, 0, "一、市政基础设施").expect("section");
    let rows: [LedgerLine; 2] = [
        ("凉都大道延伸段", "市城投公司", "钟山区", 18_200.0, 9000.0, 6000.0, 4500.0, "路基完成80%", "征地拆迁滞后"),
        // Completed: last year's cumulative and this year's done make up all of its money.
        ("水城河综合治理", "水城区水务局", "水城区", 5000.0, 4000.0, 1000.0, 1000.0, "已完工", ""),
    ];
    for (i, (name, owner, place, total, prior, plan, done, progress, problem)) in rows.iter().enumerate() {
        let r = 6 + u32::try_from(i).expect("row");
        ws.write(r, 0, f64::from(u8::try_from(i + 1).expect("n"))).expect("no");
        ws.write(r, 1, *name).expect("name");
        ws.write(r, 2, *owner).expect("owner");
        ws.write(r, 3, *place).expect("place");
        ws.write(r, 4, "续建").expect("nature");
        ws.write(r, 6, "2024-2026").expect("years");
        ws.write(r, 7, *total).expect("total");
        ws.write(r, 8, *prior).expect("prior");
        ws.write(r, 9, *plan).expect("plan");
        ws.write(r, 10, *done).expect("done");
        ws.write(r, 11, done / plan).expect("share");
        ws.write(r, 12, *progress).expect("progress");
        ws.write(r, 13, *problem).expect("problem");
        ws.write(r, 14, "市住建局").expect("unit");
        ws.write(r, 15, "2026年11月").expect("due");
    }
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn a_three_row_header_and_this_years_money_apart_from_last_years() {
    let table = read_table(&three_row_ledger()).expect("table");
    let mapping = propose_mapping(&table).expect("header");
    assert_eq!((mapping.header_row, mapping.header_rows), (2, 3), "{mapping:?}");
    let field = |f| mapping.column(f);
    assert_eq!(
        [
            field(LedgerField::TotalInvestment),
            field(LedgerField::PriorDoneInvestment),
            field(LedgerField::PlanInvestment),
            field(LedgerField::YearDoneInvestment),
            field(LedgerField::DoneInvestment),
        ],
        [Some(7), Some(8), Some(9), Some(10), None]
    );
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    assert_eq!(draft.as_of, Period::new(2026, 9), "数据截止日期");
    assert!(draft.problems.is_empty(), "{:?}", draft.problems);
    let names: Vec<&str> = draft.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["凉都大道延伸段", "水城河综合治理"], "the third header row is no project");
    let money: Vec<_> = draft
        .rows
        .iter()
        .map(|r| (r.total_investment, r.plan_investment, r.year_done_investment, r.done_investment))
        .collect();
    assert_eq!(
        money,
        [
            (Some(18_200.0), Some(6000.0), Some(4500.0), Some(13_500.0)),
            // The completed project shows all of its money, not last year's half.
            (Some(5000.0), Some(1000.0), Some(1000.0), Some(5000.0)),
        ]
    );
    assert_eq!(draft.rows[0].section, "一、市政基础设施");
    // 项目业主 and 责任单位 are two columns, kept apart.
    assert_eq!(
        (draft.rows[0].proprietor.as_deref(), draft.rows[0].owner.as_deref()),
        (Some("市城投公司"), Some("市住建局"))
    );
}

/// The same sheet committed as a plan: the investment light (invest-50) rates its rows from the
/// year's figures the sheet gave, where before it had nothing to rate.
#[test]
fn the_investment_light_works_on_an_imported_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let file = dir.path().join("推进情况.xlsx");
    std::fs::write(&file, three_row_ledger()).expect("write");
    let file = file.to_str().expect("utf-8");
    let run = |args: &[&str]| {
        let out = crate::common::bin().args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    run(&["--db", db, "plan", "import", file, "--from", "2026", "--to", "2030"]);
    run(&["--db", db, "plan", "use", "2"]);
    run(&["--db", db, "rules", "--preset", "invest-50"]);
    let rows: serde_json::Value =
        serde_json::from_str(&run(&["--db", db, "list", "--format", "json", "--date", "2026-09"])).expect("json");
    let road = rows.as_array().expect("rows").iter().find(|r| r["name"] == "凉都大道延伸段").expect("road");
    assert_eq!(
        (road["year_plan_investment"].as_f64(), road["year_done_investment"].as_f64()),
        (Some(6000.0), Some(4500.0))
    );
    assert_eq!(road["done_investment"].as_f64(), Some(13_500.0));
    // 4500 of the 4500 due by September (6000 × 9/12): on schedule, rated, not grey.
    assert_eq!(road["light"], "green", "{road}");
    // Its 存在问题 is a 问题清单 item of its 责任单位, for the 督办函 and the 通报.
    let items: serde_json::Value =
        serde_json::from_str(&run(&["--db", db, "problems", "--format", "json"])).expect("json");
    let items: Vec<(String, String, String, String)> = items
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            let field = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (field("project_name"), field("text"), field("owner"), field("due"))
        })
        .collect();
    // …with the 解决时限 the row gives.
    assert_eq!(items, [("凉都大道延伸段".into(), "征地拆迁滞后".into(), "市住建局".into(), "2026-11".into())]);
    // Undoing the import would leave the plan: it is refused in words that say what to do.
    let history: serde_json::Value =
        serde_json::from_str(&run(&["--db", db, "history", "--format", "json"])).expect("json");
    let changeset =
        history.as_array().expect("entries").iter().find_map(|e| e["changeset"].as_i64()).expect("changeset");
    let out = crate::common::bin().args(["--db", db, "undo", &changeset.to_string()]).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("plan archive"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A workbook as offices send it: a cover sheet of 填报说明 and a 汇总 summary in front of the
/// ledger. The ledger is found past them; `--sheet` picks one by name or number; a sheet the
/// workbook lacks is refused naming the ones it has.
#[test]
fn the_ledger_sheet_is_found_past_a_cover_and_a_summary() {
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet().set_name("填报说明").expect("name");
    cover.write(0, 0, "填报说明：请各区县于每月5日前报送上月项目推进情况。").expect("cover");
    cover.write(1, 0, "联系人：张三").expect("cover");
    let summary = wb.add_worksheet().set_name("汇总").expect("name");
    summary.write(0, 0, "区县").expect("summary");
    summary.write(0, 1, "项目数").expect("summary");
    summary.write(1, 0, "钟山区").expect("summary");
    summary.write(1, 1, 2.0).expect("summary");
    let bytes = {
        let sheet = wb.add_worksheet().set_name("台账").expect("name");
        for (c, h) in (0u16..).zip(["序号", "项目名称", "所属区县", "总投资（万元）", "形象进度"])
        {
            sheet.write(0, c, h).expect("header");
        }
        sheet.write(1, 0, 1.0).expect("no");
        sheet.write(1, 1, "凉都大道延伸段").expect("name");
        sheet.write(1, 2, "钟山区").expect("place");
        sheet.write(1, 3, 18_200.0).expect("total");
        wb.save_to_buffer().expect("xlsx")
    };
    let places = Gazetteer::default();
    let read = |sheet| taizhang::import::plan::plan_from_bytes(&bytes, "台账.xlsx", &places, None, sheet);
    let file = read(None).expect("ledger");
    let ledger = file.ledger.as_ref().expect("a ledger");
    assert_eq!(ledger.table.sheet, "台账");
    assert_eq!(ledger.table.sheets, ["填报说明", "汇总", "台账"]);
    assert_eq!(file.draft.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["凉都大道延伸段"]);
    for by in ["台账", "3"] {
        assert_eq!(read(Some(by)).expect("named").ledger.expect("ledger").table.sheet, "台账", "{by}");
    }
    let Err(missing) = read(Some("9")) else { panic!("sheet 9 read") };
    let missing = missing.to_string();
    assert!(missing.contains("填报说明、汇总、台账") && missing.contains("--sheet"), "{missing}");
}

/// An office keeps last year's 总投资 in a hidden column before this year's: the visible one is
/// read.
#[test]
fn a_hidden_column_is_never_preferred_to_a_visible_one() {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    for (c, h) in (0u16..).zip(["序号", "项目名称", "所属区县", "总投资（万元）", "总投资（万元）", "形象进度"])
    {
        sheet.write(0, c, h).expect("header");
    }
    sheet.set_column_hidden(3).expect("hidden");
    for (c, v) in (0u16..).zip(["1", "凉都大道延伸段", "钟山区"]) {
        sheet.write(1, c, v).expect("cell");
    }
    sheet.write(1, 3, 9000.0).expect("old");
    sheet.write(1, 4, 18_200.0).expect("new");
    let table = read_table(&wb.save_to_buffer().expect("xlsx")).expect("read");
    assert!(table.hidden.contains(&3), "{:?}", table.hidden);
    let mapping = propose_mapping(&table).expect("header");
    assert_eq!(mapping.column(LedgerField::TotalInvestment), Some(4));
    let draft = draft_from_ledger(&table, &mapping, &Gazetteer::default());
    assert_eq!(draft.rows[0].total_investment, Some(18_200.0));
}

/// A 状态 (and a 责任单位) merged down over two projects' rows is each one's: the lower row was
/// read as having none (issue 27). A name or an amount merged so is not copied.
#[test]
fn a_status_merged_over_two_rows_is_both_rows() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    for (c, h) in ["序号", "项目名称", "建设地点", "总投资", "项目状态", "责任单位"].into_iter().enumerate()
    {
        ws.write_string(0, u16::try_from(c).expect("c"), h).expect("header");
    }
    for (r, (n, name)) in [(1.0, "城北公园"), (2.0, "城南公园"), (3.0, "河滨步道")].into_iter().enumerate()
    {
        let r = u32::try_from(r).expect("r") + 1;
        ws.write_number(r, 0, n).expect("n");
        ws.write_string(r, 1, name).expect("name");
        ws.write_string(r, 2, "钟山区").expect("place");
    }
    ws.merge_range(1, 3, 2, 3, "", &plain).expect("amount over two rows");
    ws.write_number(1, 3, 1200.0).expect("amount");
    ws.merge_range(1, 4, 2, 4, "在建", &plain).expect("status over two rows");
    ws.merge_range(1, 5, 2, 5, "市住建局", &plain).expect("unit over two rows");
    ws.write_string(3, 4, "已完工").expect("status");
    let bytes = as_saved_by_excel(&wb.save_to_buffer().expect("xlsx"));
    merged_rows_read_as_both(&bytes, "台账.xlsx");
    // The same sheet as LibreOffice saves it in its own format: the merge is the top cell's
    // table:number-rows-spanned and a covered cell below.
    if let Some(ods) = crate::common::convert_many(&[&bytes], "xlsx", "ods", &[]) {
        assert!(String::from_utf8_lossy(&unzipped(&ods[0], "content.xml")).contains("number-rows-spanned=\"2\""));
        merged_rows_read_as_both(&ods[0], "台账.ods");
    }
}

/// The file's part `name`.
fn unzipped(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut part = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(name).expect("part"), &mut part).expect("read");
    part
}

/// The three rows of [`a_status_merged_over_two_rows_is_both_rows`]'s ledger, read from `bytes`.
fn merged_rows_read_as_both(bytes: &[u8], name: &str) {
    let places = Gazetteer::default();
    let file = taizhang::import::plan::plan_from_bytes(bytes, name, &places, None, None).expect("ledger");
    let rows = &file.draft.rows;
    assert_eq!(rows.len(), 3, "{name}: {rows:?}");
    assert_eq!(
        rows.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(Status::UnderConstruction), Some(Status::UnderConstruction), Some(Status::Completed)]
    );
    assert_eq!(rows[1].owner.as_deref(), Some("市住建局"), "{:?}", rows[1]);
    assert_eq!(
        (rows[0].total_investment, rows[1].total_investment),
        (Some(1200.0), None),
        "an amount is not counted twice"
    );
    assert_eq!(rows[1].name, "城南公园");
}
