//! The window's views driven as a person would: click, type, press keys (egui_kittest).

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use taizhang::app::{Prefs, TaizhangApp};
use taizhang::db::Db;
use taizhang::domain::{Period, SlideKind};
use taizhang::seed::bundled_seed;

fn harness() -> Harness<'static, TaizhangApp> {
    let prefs = Prefs { reviewer: "界面测试".into(), ..Prefs::default() };
    harness_on(Db::open_in_memory().expect("db"), ":memory:", prefs, [1280.0, 800.0])
}

/// The window over `db` (labelled `label` in the status bar) with `prefs`, at `size`.
fn harness_on(db: Db, label: &str, prefs: Prefs, size: [f32; 2]) -> Harness<'static, TaizhangApp> {
    let app = TaizhangApp::new(db, label.into(), prefs).expect("app");
    Harness::builder()
        .with_size(size)
        .with_context_setup(taizhang::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TaizhangApp| app.show(ui), app)
}

/// Rows the plan puts in 钟山区 or a place inside it, counted from the seed file directly.
fn zhongshan_rows() -> usize {
    let inside = ["钟山区", "钟山产业园区", "月照街道", "大河镇", "大湾镇", "南开乡"];
    bundled_seed().expect("seed").projects.iter().filter(|p| inside.contains(&p.place.as_str())).count()
}

#[test]
fn clicking_a_district_filters_the_table() {
    let mut h = harness();
    assert_eq!(h.state().visible_rows(), 359);
    h.get_by_label("显示 359 / 共 359");
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    let expected = zhongshan_rows();
    assert!(expected > 20, "{expected}");
    assert_eq!(h.state().visible_rows(), expected);
    assert_eq!(h.state().prefs().filter.places, vec!["钟山区".to_string()]);
    h.get_by_label(&format!("显示 {expected} / 共 359"));
    // Clearing brings everything back.
    h.get_by_label("清除筛选").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), 359);
}

#[test]
fn ctrl_f_focuses_search_and_pinyin_initials_filter() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.settle();
    h.event(egui::Event::Text("gsgw".into()));
    h.settle();
    assert_eq!(h.state().prefs().filter.search, "gsgw");
    // 供水管网: the five district rows of 专栏6.
    assert_eq!(h.state().visible_rows(), 5);
}

#[test]
fn arrow_keys_move_the_selection_and_the_detail_shows_the_source() {
    let mut h = harness();
    h.get_by_role_and_label(Role::CheckBox, "盘州市").click();
    h.settle();
    assert_eq!(h.state().selected(), None);
    h.key_press(egui::Key::ArrowDown);
    h.settle();
    h.key_press(egui::Key::ArrowDown);
    h.settle();
    let selected = h.state().selected().expect("a row is selected");
    let seed = bundled_seed().expect("seed");
    let panzhou_second = taizhang::db::Db::open_in_memory()
        .expect("db")
        .snapshot()
        .expect("snapshot")
        .portfolio
        .projects
        .into_iter()
        .filter(|p| taizhang::domain::Gazetteer::default().covers_name("盘州市", &p.place))
        .nth(1)
        .expect("two rows in 盘州市");
    assert_eq!(selected, panzhou_second.id);
    let source = &seed.projects[usize::try_from(selected.0 - 1).expect("id")].source;
    h.get_by_label(source);
    h.key_press(egui::Key::Escape);
    h.settle();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn a_qualified_target_shows_its_word_in_the_table_and_the_detail() {
    // Issue 10, defect 7: 公园绿地服务半径覆盖率大于80% was shown as 80 %.
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.settle();
    h.event(egui::Event::Text("公园品质".into()));
    h.settle();
    assert_eq!(h.state().visible_rows(), 1);
    h.get_by_label("大于 80 %");
    h.get_by_label("城市公园品质提升工程").click();
    h.settle();
    assert!(h.state().selected().is_some());
    assert_eq!(h.query_all_by_label("大于 80 %").count(), 2, "in the table and in the detail pane");
}

#[test]
fn english_switch_relabels_the_interface() {
    let mut h = harness();
    h.get_by_label("English").click();
    h.settle();
    h.get_by_label("Clear filters");
    h.get_by_role_and_label(Role::CheckBox, "Zhongshan District").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), zhongshan_rows());
}

#[test]
fn sorting_by_target_puts_the_largest_first() {
    let mut h = harness();
    h.get_by_label("目标量").click();
    h.settle();
    assert_eq!(h.state().prefs().sort_column, taizhang::domain::SortColumn::Target);
    h.get_by_label("目标量 ↑").click();
    h.settle();
    assert_eq!(h.state().prefs().sort_order, taizhang::domain::SortOrder::Descending);
}

fn select_by_name(h: &mut Harness<'static, TaizhangApp>, name: &str) {
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    h.get_by_label(name).click();
    h.settle();
}

#[test]
fn a_report_typed_in_the_form_is_saved_undone_and_redone() {
    let mut h = harness();
    let id = type_a_draft(&mut h);
    h.get_by_label("保存").click();
    h.settle();
    let row = |h: &Harness<'static, TaizhangApp>| {
        h.state().db().snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id == id).expect("row")
    };
    assert_eq!(row(&h).done, Some(12.0), "{:?}", h.state().message());
    assert!(h.query_by_label("● 未保存").is_none(), "saved drafts are clean");
    // History shows it, with the reviewer's name.
    h.get_by_label("历史").click();
    h.settle();
    h.get_all_by_label("界面测试").next().expect("history lists the reviewer");
    // Each field by the name the review sheet gives it, not its key (`report: {"id":…}`).
    h.get_by_label_contains("填报: — → ");
    assert!(h.query_by_label_contains("report:").is_none());
    // Ctrl+Z undoes, Ctrl+Y redoes once no text field has focus (Esc leaves the field).
    h.key_press(egui::Key::Escape);
    h.settle();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.settle();
    assert_eq!(row(&h).done, None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.settle();
    assert_eq!(row(&h).done, Some(12.0));
}

#[test]
fn bad_input_shows_a_message_beside_the_field_and_saves_nothing() {
    let mut h = harness();
    select_by_name(&mut h, "钟山区燃气管网建设改造");
    h.get_by_label("填报进度").click();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "完成量 (公里)").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "完成量 (公里)").type_text("-5");
    h.settle();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.settle();
    h.get_by_label("不能为负数");
    let changesets: i64 =
        h.state().db().connection().query_row("SELECT count(*) FROM changesets", [], |r| r.get(0)).expect("count");
    assert_eq!(changesets, 0);
    // Leaving the project with an unsaved draft asks first.
    h.key_press(egui::Key::Escape);
    h.settle();
    h.get_by_label("详情").click();
    h.settle();
    h.get_by_label("钟山区供水管网建设改造").click();
    h.settle();
    h.get_by_label("放弃未保存的修改?");
    h.get_by_label("继续编辑").click();
    h.settle();
    assert!(h.query_by_label("放弃未保存的修改?").is_none());
}

#[test]
fn adding_a_project_from_the_window_and_undoing_it() {
    let mut h = harness();
    h.get_by_label("新增项目").click();
    h.settle();
    for (label, text) in [("项目名称", "钟山区某路供水管网延伸"), ("目标量", "3"), ("单位", "公里")]
    {
        h.get_by_role_and_label(Role::TextInput, label).focus();
        h.settle();
        h.get_by_role_and_label(Role::TextInput, label).type_text(text);
        h.settle();
    }
    h.get_by_label("保存").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), 360, "{:?}", h.state().message());
    let added = h.state().selected().expect("the new project is selected");
    let row =
        h.state().db().snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id == added).expect("row");
    assert_eq!((row.target, row.unit.as_deref(), row.zhuanlan), (Some(3.0), Some("公里"), 6));
    h.key_press(egui::Key::Escape);
    h.settle();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.settle();
    assert_eq!(h.state().visible_rows(), 359, "undo puts it in the bin");
}

/// Lets the window finish the work it handed to worker threads (a save and the reload after
/// it, a load), then runs it until it is still: what a person sees a moment after a click.
trait Settle {
    fn settle(&mut self);
}

impl Settle for Harness<'static, TaizhangApp> {
    fn settle(&mut self) {
        // A worker (a reload another reviewer's write started, the watcher's wake-up) may ask
        // for frames while the harness runs: wait for it again rather than fail on the
        // harness's step budget (seen once: "Harness::run exceeded max_steps (4)").
        for _ in 0..20 {
            wait_for(self, |h| h.state().idle());
            if self.try_run().is_ok() && self.state().idle() {
                return;
            }
        }
        panic!("the window did not settle: {:?}", self.state().message());
    }
}

/// Opens 导入规划… from the plan menu, reads `file` in the review screen and waits for its
/// drafts (the file is read on a thread of its own, a spinner repainting meanwhile).
fn read_in_review_screen(h: &mut Harness<'static, TaizhangApp>, file: &std::path::Path) {
    h.get_by_label("规划").click();
    h.settle();
    h.get_by_label("导入规划…").click();
    h.settle();
    set_text(h, "文件", file.to_str().expect("utf-8"));
    h.get_by_label("读取").click();
    wait_for(h, |h| !h.state().plan_reading());
    h.settle();
}

/// Steps the harness until `done` holds (work on a worker thread), for at most thirty seconds.
fn wait_for(h: &mut Harness<'static, TaizhangApp>, done: impl Fn(&Harness<'static, TaizhangApp>) -> bool) {
    for _ in 0..600 {
        h.run_steps(2);
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("timed out: {:?} / {:?}", h.state().message(), h.state().exchange_status());
}

fn set_text(h: &mut Harness<'static, TaizhangApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.settle();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.settle();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.settle();
    h.key_press(egui::Key::Escape);
    h.settle();
}

/// As [`set_text`], for the `n`th of several inputs with one label (a field of each row).
fn set_text_nth(h: &mut Harness<'static, TaizhangApp>, label: &str, n: usize, text: &str) {
    h.get_all_by_role_and_label(Role::TextInput, label).nth(n).expect("input").focus();
    h.settle();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.settle();
    h.get_all_by_role_and_label(Role::TextInput, label).nth(n).expect("input").type_text(text);
    h.settle();
    h.key_press(egui::Key::Escape);
    h.settle();
}

#[test]
fn export_the_view_and_import_a_sheet_from_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    h.get_by_label("导出/导入").click();
    h.settle();
    let xlsx = dir.path().join("钟山区.xlsx");
    set_text(&mut h, "导出当前视图(调度表)", xlsx.to_str().expect("utf-8"));
    h.get_by_label("导出").click();
    // Done when the window says so (the form stays disabled while the worker runs).
    wait_for(&mut h, |h| h.state().exchange_status().is_some_and(|s| s.contains("已写入")));
    assert!(xlsx.exists());
    let bytes = std::fs::read(&xlsx).expect("written");
    assert!(bytes.starts_with(b"PK"), "an xlsx file");

    let gas: i64 = h
        .state()
        .db()
        .connection()
        .query_row("SELECT id FROM projects WHERE name = '钟山区燃气管网建设改造'", [], |r| r.get(0))
        .expect("id");
    let sheet = dir.path().join("filled.csv");
    std::fs::write(&sheet, format!("项目编号,填报期,状态,完成量\n{gas},2025-06,在建,33\n")).expect("csv");
    set_text(&mut h, "导入填好的填报表", sheet.to_str().expect("utf-8"));
    h.get_by_label("读取并预览").click();
    wait_for(&mut h, |h| h.query_by_label("确认导入").is_some());
    h.get_by_label("确认导入").click();
    h.settle();
    let done = h
        .state()
        .db()
        .snapshot()
        .expect("snap")
        .portfolio
        .projects
        .into_iter()
        .find(|p| p.id.0 == gas)
        .expect("row")
        .done;
    assert_eq!(done, Some(33.0), "{:?}", h.state().message());

    // A workbook with a 问题清单 sheet: the item moves in hand with the same confirmation.
    let raise = taizhang::domain::ReportInput {
        project: Some(taizhang::domain::ProjectId(gas)),
        period: taizhang::domain::Period::new(2025, 6),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: Some(33.0),
        problems: "管材未到货".into(),
        ..taizhang::domain::ReportInput::default()
    };
    let today = taizhang::domain::Period::today();
    h.state().db().add_reports(&[raise], "测试", today, false).expect("raise an item");
    let item = h.state().db().problems(&taizhang::db::ProblemFilter::default()).expect("items")[0].problem.id;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("填报表").expect("name");
    for (c, text) in (0u16..).zip(["项目编号", "填报期", "状态", "完成量", "存在问题"]) {
        ws.write_string(0, c, text).expect("header");
    }
    for (c, text) in (0u16..).zip([gas.to_string().as_str(), "2025-06", "在建", "33", "管材未到货"]) {
        ws.write_string(1, c, text).expect("row");
    }
    let ws = wb.add_worksheet().set_name(taizhang::import::ITEMS_SHEET).expect("name");
    for (c, text) in (0u16..).zip(taizhang::import::ITEM_HEADERS) {
        ws.write_string(0, c, text).expect("header");
    }
    ws.write_number(1, 0, item as f64).expect("id");
    ws.write_string(1, 8, "办理中").expect("result");
    let book = dir.path().join("filled.xlsx");
    std::fs::write(&book, wb.save_to_buffer().expect("xlsx")).expect("write");
    set_text(&mut h, "导入填好的填报表", book.to_str().expect("utf-8"));
    h.get_by_label("读取并预览").click();
    wait_for(&mut h, |h| h.query_by_label("确认导入").is_some());
    h.get_by_label("确认导入").click();
    h.settle();
    let items = h.state().db().problems(&taizhang::db::ProblemFilter::default()).expect("items");
    assert_eq!(items[0].problem.status, taizhang::domain::ProblemStatus::InHand, "{:?}", h.state().message());
}

#[test]
fn clicking_a_district_bar_drills_down_and_back_returns() {
    let mut h = harness();
    h.get_by_label("图表").click();
    h.settle();
    let title = h.get_by_label("各区(县)项目状态").rect();
    // The busiest district's bar stands at the left of the chart below its title; aim at the
    // lower part of the bar, which every bar reaches.
    let at = egui::pos2(title.left() + 70.0, title.bottom() + 200.0);
    h.event(egui::Event::PointerMoved(at));
    h.settle();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.settle();
    let places = h.state().prefs().filter.places.clone();
    assert_eq!(places.len(), 1, "a bar click filters to one place");
    assert!(h.state().visible_rows() < 359);
    h.get_by_label("← 返回").click();
    h.settle();
    assert!(h.state().prefs().filter.places.is_empty());
}

#[test]
fn f5_presents_the_slides_and_keys_move_through_them() {
    for search in ["", "没有这样的项目"] {
        let mut h = harness();
        if !search.is_empty() {
            h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
            h.settle();
            h.event(egui::Event::Text(search.into()));
            h.settle();
            h.key_press(egui::Key::Escape);
            h.settle();
        }
        h.key_press(egui::Key::F5);
        h.settle();
        assert_eq!(h.state().slide(), Some(0));
        // Every slide draws (the harness fails on a panic or a missing glyph).
        for expected in 1..30 {
            h.key_press(egui::Key::ArrowRight);
            h.settle();
            if h.state().slide() != Some(expected) {
                break;
            }
        }
        let last = h.state().slide().expect("presenting");
        assert!(last >= 3, "overview, two charts and lagging at least: {last}");
        h.key_press(egui::Key::PageUp);
        h.settle();
        assert_eq!(h.state().slide(), Some(last - 1));
        h.key_press(egui::Key::Escape);
        h.settle();
        assert_eq!(h.state().slide(), None);
    }
}

#[test]
fn a_saved_view_is_recalled_in_one_click() {
    let mut h = harness();
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    // Its presentation: the pipes and the lagging projects only.
    h.state_mut().prefs_mut().slides = vec![SlideKind::Pipes, SlideKind::Lagging];
    set_text(&mut h, "视图名称", "钟山区 月度调度");
    h.get_by_label("保存当前视图").click();
    h.settle();
    h.get_by_label("清除筛选").click();
    h.state_mut().prefs_mut().slides = SlideKind::ALL.to_vec();
    h.settle();
    assert!(h.state().prefs().filter.places.is_empty());
    h.get_by_label("钟山区 月度调度").click();
    h.settle();
    assert_eq!(h.state().prefs().filter.places, vec!["钟山区".to_string()]);
    assert_eq!(h.state().prefs().slides, vec![SlideKind::Pipes, SlideKind::Lagging]);
    h.key_press(egui::Key::F5);
    h.settle();
    assert_eq!(h.state().slide_count(), Some(2), "钟山区 has pipe targets and a lagging slide");
    // The menu in the footer adds a kind back.
    h.get_by_label("幻灯片 2/12").click();
    h.settle();
    h.get_by_role_and_label(Role::CheckBox, "总体情况").click();
    h.settle();
    assert_eq!(h.state().prefs().slides, vec![SlideKind::Overview, SlideKind::Pipes, SlideKind::Lagging]);
    assert_eq!(h.state().slide_count(), Some(3));
    assert_eq!(h.state().db().views().expect("views").len(), 1, "kept in the database");
}

/// Width and height of a PNG file.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("open png")));
    let reader = decoder.read_info().expect("png header");
    (reader.info().width, reader.info().height)
}

#[test]
fn a_chart_and_a_slide_are_saved_as_png_at_the_chosen_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.state_mut().set_png_dir(dir.path().to_path_buf());
    h.get_by_label("图表").click();
    h.settle();
    // The size picker, then the PNG button beside the first chart (status by district).
    h.get_by_label("PNG 尺寸").click();
    h.settle();
    h.get_by_label("1280×720").click();
    h.settle();
    assert_eq!(h.state().prefs().png_size, [1280, 720]);
    h.get_all_by_label("PNG").next().expect("a PNG button").click();
    wait_for(&mut h, |h| h.state().message().is_some_and(|m| m.starts_with("PNG: ")));
    let saved: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").path()).collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].display().to_string().contains("各区(县)项目状态"), "{saved:?}");
    assert_eq!(png_size(&saved[0]), (1280, 720));

    // The same slide from the presentation: a second file, not an overwrite.
    h.key_press(egui::Key::F5);
    h.settle();
    h.key_press(egui::Key::ArrowRight);
    h.settle();
    h.get_by_label("保存为 PNG").click();
    wait_for(&mut h, |h| h.state().message().is_some_and(|m| m.contains("(2).png")));
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[test]
fn the_deck_is_exported_as_a_folder_of_pngs_from_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.state_mut().prefs_mut().png_size = [1280, 720];
    h.state_mut().prefs_mut().slides = vec![SlideKind::Overview, SlideKind::Lagging];
    h.get_by_label("导出/导入").click();
    h.settle();
    let pdf = dir.path().join("月度调度.pdf");
    set_text(&mut h, "导出演示文稿(PDF,当前筛选)", pdf.to_str().expect("utf-8"));
    h.get_by_label("导出为 PNG 文件夹").click();
    wait_for(&mut h, |h| h.state().exchange_status().is_some_and(|s| s.contains("已写入")));
    let folder = dir.path().join("月度调度");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["01-总体情况.png", "02-滞后项目(低于序时进度).png"]);
    assert_eq!(png_size(&folder.join(&names[0])), (1280, 720));
}

/// The charts screen follows a change of the 滞后 threshold and a filter clicked in the panel
/// while it is shown, as the table does: every screen's figures come through one path.
#[test]
fn the_charts_screen_follows_the_threshold_and_the_filter() {
    let mut h = harness();
    h.state_mut().prefs_mut().review_date = Period::new(2024, 6);
    h.get_by_label("图表").click();
    h.settle();
    let before = h.state().chart_figures().expect("charts drawn");
    // The two projects the plan names twice are two rows of the table and one project each in
    // the charts (issue 27).
    assert_eq!(before.total as usize, h.state().visible_rows() - 2);
    assert!(before.lagging_total > 0, "with no reports, open projects lag at 2024-06");
    // The settings change the threshold (as 设置 does): the charts count lagging projects anew.
    h.state_mut().prefs_mut().lag_threshold = 100.0;
    h.settle();
    let after = h.state().chart_figures().expect("charts drawn");
    assert_eq!(after.lagging_total, 0, "nothing is more than 100 points behind: the charts kept the old threshold");
    // A district clicked in the filter panel while the charts are shown reaches them.
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    let filtered = h.state().chart_figures().expect("charts drawn");
    assert_eq!(filtered.total as usize, zhongshan_rows());
    assert_eq!(h.state().visible_rows(), zhongshan_rows());
}

/// The window refuses to export over the open database (a reviewer who picks the wrong file in
/// the save dialog loses nothing): the file is unchanged and the window says why.
#[test]
fn the_window_will_not_export_over_its_own_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taizhang.db");
    let db = Db::open(&path).expect("db");
    db.checkpoint().expect("checkpoint");
    let before = std::fs::read(&path).expect("read");
    let prefs = Prefs { reviewer: "界面测试".into(), ..Prefs::default() };
    let mut h = harness_on(db, &path.display().to_string(), prefs, [1280.0, 800.0]);
    h.get_by_label("导出/导入").click();
    h.settle();
    // The same file, spelt through a folder and back, as the deck and as the template.
    std::fs::create_dir(dir.path().join("sub")).expect("sub");
    let spelt = dir.path().join("sub/../taizhang.db");
    for (field, button) in [("导出演示文稿(PDF,当前筛选)", "导出演示"), ("生成填报表(发给区县填写)", "生成")]
    {
        set_text(&mut h, field, spelt.to_str().expect("utf-8"));
        h.get_by_label(button).click();
        wait_for(&mut h, |h| h.state().exchange_status().is_some_and(|s| s.contains("正在使用的数据库")));
    }
    assert_eq!(std::fs::read(&path).expect("read"), before, "the database is as it was");
}

/// A damaged database started from the desktop: the window says what is wrong, lists the
/// backups newest first, and restores the chosen one, keeping the damaged file.
#[test]
fn a_damaged_database_opens_a_recovery_window_that_restores_a_backup() {
    use std::io::{Seek, SeekFrom, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taizhang.db");
    {
        let db = Db::open(&path).expect("db");
        db.rolling_backup("manual").expect("backup");
        db.checkpoint().expect("checkpoint");
    }
    let len = std::fs::metadata(&path).expect("meta").len();
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).expect("open");
    f.seek(SeekFrom::Start(len / 3)).expect("seek");
    f.write_all(&vec![0x5A; 16 * 1024]).expect("damage");
    drop(f);
    let error = Db::open(&path).expect_err("damaged");
    let app = taizhang::app::RecoveryApp::new(&path, &error);
    let mut h = Harness::builder()
        .with_size([820.0, 520.0])
        .with_context_setup(taizhang::ui::fonts::install)
        .build_ui_state(|ui, app: &mut taizhang::app::RecoveryApp| app.show(ui), app);
    h.get_by_label("数据库无法打开");
    h.get_by_label("恢复所选备份").click();
    h.run();
    let outcome = h.state().outcome().expect("restored").to_string();
    assert!(outcome.contains("已从"), "{outcome}");
    assert!(Db::open(&path).is_ok(), "the database opens again");
    let kept = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("taizhang.db.damaged-"));
    assert!(kept, "the damaged file is kept");
}

/// Whether `c` is Chinese script or CJK punctuation (、。,() and the like).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Every text egui painted in the last frame.
fn painted_texts(h: &Harness<'static, TaizhangApp>) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => out.push(text.galley.text().to_string()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The strings that are data, not interface: what the plan and the reports say (names of
/// projects and places, sources, units, boxes' titles, responsible units, reported text) and
/// who reviewed. Longest first, so a name is removed before a place inside it.
fn data_strings(db: &Db, reviewer: &str) -> Vec<String> {
    let snapshot = db.snapshot().expect("snapshot");
    let mut data: Vec<String> = vec![reviewer.to_string()];
    for p in &snapshot.portfolio.projects {
        data.extend([p.name.clone(), p.place.clone(), p.source.clone()]);
        data.extend([&p.unit, &p.nature, &p.responsible_unit, &p.responsible_person].into_iter().flatten().cloned());
    }
    data.extend(snapshot.boxes.iter().map(|b| b.title.clone()));
    data.extend(snapshot.plans.iter().map(|p| p.title.clone()));
    data.extend(taizhang::domain::PLACES.iter().map(|p| p.name.to_string()));
    for r in db.all_reports().expect("reports") {
        data.extend([r.progress_text, r.problems, r.coordination, r.coordination_unit, r.note, r.reviewer]);
    }
    data.retain(|s| !s.trim().is_empty());
    data.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    data.dedup();
    data
}

/// The texts of the last frame that still hold Chinese once the data in them is taken out.
/// "中文" is the language switch, named in its own language on purpose. The paths of the files
/// the export window offers to write are left alone: the reviewer's own file system, and names
/// of documents that are Chinese whatever the interface language.
fn chinese_interface_texts(h: &Harness<'static, TaizhangApp>, data: &[String], place: &str) -> Vec<String> {
    painted_texts(h)
        .into_iter()
        .filter(|text| {
            let mut rest = text.clone();
            for d in data {
                if rest.contains(d.as_str()) {
                    rest = rest.replace(d.as_str(), " ");
                }
            }
            // File names are named after the plan (data); a folder for letters has no extension.
            let path = text.contains(['/', '\\'])
                && ([".xlsx", ".pdf", ".csv", ".docx"].iter().any(|e| text.ends_with(e)) || text.starts_with('/'));
            rest != "中文" && !path && rest.chars().any(is_cjk)
        })
        .map(|text| format!("{place}: {text:?}"))
        .collect()
}

/// An app over a database with one report, so the investment and coordination charts, the
/// report history and the editor have something to show; switched to English.
fn english_harness(size: [f32; 2]) -> (Harness<'static, TaizhangApp>, Vec<String>) {
    let db = Db::open_in_memory().expect("db");
    let snapshot = db.snapshot().expect("snapshot");
    let project = snapshot.portfolio.projects.iter().find(|p| p.name == "钟山区燃气管网建设改造").expect("project");
    let input = taizhang::domain::ReportInput {
        project: Some(project.id),
        period: Some(Period::new(2025, 6).expect("period")),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: Some(5.0),
        invest_total: Some(9000.0),
        invest_year_plan: Some(3000.0),
        invest_done: Some(1200.0),
        progress_text: "主管道已铺设过半".into(),
        problems: "征地拆迁滞后".into(),
        coordination: "协调道路开挖许可".into(),
        coordination_unit: "钟山区住建局".into(),
        coordination_due: "2025-09".into(),
        note: String::new(),
        invest_year_done: None,
    };
    db.add_reports(&[input], "界面测试", Period::new(2025, 6).expect("period"), false).expect("report");
    let data = data_strings(&db, "界面测试");
    let prefs = Prefs {
        reviewer: "界面测试".into(),
        review_date: Some(Period::new(2025, 6).expect("period")),
        ..Prefs::default()
    };
    let mut h = harness_on(db, ":memory:", prefs, size);
    h.get_by_label("English").click();
    h.settle();
    (h, data)
}

#[test]
fn english_shows_no_chinese_but_data_on_any_screen_dialog_or_slide() {
    let mut leaks: Vec<String> = Vec::new();
    // The table with a project's details and each tab of its editor.
    let (mut h, data) = english_harness([1280.0, 800.0]);
    leaks.extend(chinese_interface_texts(&h, &data, "table"));
    h.get_by_role_and_label(Role::CheckBox, "Zhongshan District").click();
    h.settle();
    h.get_by_label("钟山区燃气管网建设改造").click();
    h.settle();
    leaks.extend(chinese_interface_texts(&h, &data, "details"));
    for tab in ["Report", "Edit", "History"] {
        // The tab, not the top bar's History button (drawn first).
        h.query_all_by_label(tab).last().expect("tab").click();
        h.settle();
        leaks.extend(chinese_interface_texts(&h, &data, tab));
    }
    // The charts, in a window tall enough that none is scrolled out of sight.
    let (mut h, data) = english_harness([1366.0, 2400.0]);
    h.get_by_label("Charts").click();
    h.settle();
    leaks.extend(chinese_interface_texts(&h, &data, "charts"));
    // Each window over the main screen, in a window of its own.
    for dialog in ["Export / import", "Add project", "Problems", "History", "Backups", "Bin", "Settings"] {
        let (mut h, data) = english_harness([1280.0, 800.0]);
        h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some(dialog)).click();
        // Problems, History and Bin read their rows on a worker first.
        h.run_steps(2);
        wait_for(&mut h, |h| h.state().idle());
        // The settings' nested grids take a few frames to size.
        h.run_steps(8);
        leaks.extend(chinese_interface_texts(&h, &data, dialog));
    }
    // The plan import's review of an office ledger, with its column mapping open, and the
    // places window (data: the ledger's own cells and the file's path).
    const LEDGER: &str = "2026年重点项目台账\n截至2026年10月底\n序号,项目名称,所属区县,总投资,承办科室\n1,钟山大道改造,钟山区,18200,城建科\n";
    let (mut h, mut data) = english_harness([1280.0, 800.0]);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, LEDGER).expect("write");
    data.push(file.display().to_string());
    data.extend(LEDGER.split(['\n', ',']).map(str::to_string).filter(|c| !c.is_empty()));
    data.extend(["城建科 · ".to_string(), "钟山大道改造 | 钟山区 | 18200 | 城建科".to_string()]);
    data.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.settle();
    set_text(&mut h, "File", file.to_str().expect("utf-8"));
    h.get_by_label("Read").click();
    h.settle();
    wait_for(&mut h, |h| !h.state().plan_reading());
    h.settle();
    h.get_by_label("Column mapping (4/5)").click();
    h.settle();
    h.get_all_by_label("›").next().expect("a draft").click();
    h.settle();
    leaks.extend(chinese_interface_texts(&h, &data, "plan import"));
    let (mut h, data) = english_harness([1280.0, 800.0]);
    h.get_by_label("Plan").click();
    h.settle();
    leaks.extend(chinese_interface_texts(&h, &data, "plan menu"));
    h.get_by_label("Places…").click();
    h.settle();
    leaks.extend(chinese_interface_texts(&h, &data, "places"));
    // Every slide.
    let (mut h, data) = english_harness([1280.0, 720.0]);
    h.key_press(egui::Key::F5);
    h.settle();
    let total = h.state().slide_count().expect("presenting");
    assert!(total > 20, "{total} slides");
    for index in 0..total {
        assert_eq!(h.state().slide(), Some(index));
        leaks.extend(chinese_interface_texts(&h, &data, &format!("slide {}", index + 1)));
        h.key_press(egui::Key::Space);
        h.settle();
    }
    leaks.dedup();
    assert!(leaks.is_empty(), "Chinese interface text in English:\n{}", leaks.join("\n"));
}

/// Painted texts with where they are drawn.
type PlacedTexts = Vec<(String, egui::Rect)>;
/// Filled rectangles with their fill colour.
type FilledRects = Vec<(egui::Rect, egui::Color32)>;

/// Painted texts with where they are drawn, and the filled rectangles with their fill colour.
fn painted_layout(h: &Harness<'static, TaizhangApp>) -> (PlacedTexts, FilledRects) {
    fn walk(shape: &egui::Shape, texts: &mut Vec<(String, egui::Rect)>, rects: &mut Vec<(egui::Rect, egui::Color32)>) {
        match shape {
            egui::Shape::Text(t) => {
                texts.push((t.galley.text().to_string(), egui::Rect::from_min_size(t.pos, t.galley.size())))
            }
            egui::Shape::Rect(r) => rects.push((r.rect, r.fill)),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, texts, rects)),
            _ => {}
        }
    }
    let (mut texts, mut rects) = (Vec::new(), Vec::new());
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut texts, &mut rects);
    }
    (texts, rects)
}

#[test]
fn chart_legends_keep_the_status_order_and_cover_no_bar_at_1366x768() {
    use taizhang::domain::Status;
    let (mut h, _) = english_harness([1366.0, 768.0]);
    h.get_by_label("Charts").click();
    h.settle();
    let (texts, rects) = painted_layout(&h);
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.label_en()).collect();
    let colors: Vec<egui::Color32> = Status::ALL.iter().map(|s| taizhang::ui::charts::status_color(*s)).collect();
    let bars: Vec<egui::Rect> =
        rects.iter().filter(|(r, fill)| colors.contains(fill) && r.area() > 0.0).map(|(r, _)| *r).collect();
    assert!(bars.len() > 20, "{} bars", bars.len());
    // Not the legend's own swatches (squares smaller than any bar is wide).
    let bars: Vec<egui::Rect> = bars.into_iter().filter(|b| b.width() >= 12.0 || b.height() >= 12.0).collect();
    for chart in ["Project status by district", "Project status by category"] {
        let heading = h.get_by_label(chart).rect();
        // The chart's legend: the status names in its column, below its heading, in reading order.
        let mut legend: Vec<&(String, egui::Rect)> = texts
            .iter()
            .filter(|(t, r)| names.contains(&t.as_str()) && r.left() >= heading.left() - 1.0)
            .filter(|(_, r)| r.top() > heading.top() && r.top() < heading.bottom() + 120.0)
            .collect();
        if chart.ends_with("category") && legend.len() < names.len() {
            continue; // Scrolled out of sight at this size.
        }
        legend.sort_by(|a, b| {
            (a.1.top().round(), a.1.left()).partial_cmp(&(b.1.top().round(), b.1.left())).expect("finite")
        });
        // The legend's whole area, its swatches included, lies on no bar.
        let area = legend.iter().fold(egui::Rect::NOTHING, |a, (_, r)| a.union(*r)).expand2(egui::vec2(16.0, 2.0));
        let covered: Vec<&egui::Rect> = bars.iter().filter(|b| b.shrink(0.5).intersects(area)).collect();
        assert!(covered.is_empty(), "{chart}: the legend at {area:?} covers bars {covered:?}");
        let order: Vec<&str> = legend.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(order, names, "{chart}: the legend lists the statuses in their order");
    }
}

/// The texts and the number of shapes of the last frame: what a hover label or crosshair changes.
fn frame_summary(h: &Harness<'static, TaizhangApp>) -> (Vec<String>, usize) {
    let (texts, rects) = painted_layout(h);
    (texts.into_iter().map(|(t, _)| t).collect(), rects.len() + h.output().shapes.len())
}

#[test]
fn a_pointer_resting_on_a_slide_shows_no_values_and_is_hidden() {
    let mut h = harness();
    h.key_press(egui::Key::F5);
    h.settle();
    h.key_press(egui::Key::Space);
    h.settle();
    assert_eq!(h.state().slide(), Some(1), "status by district");
    let plain = frame_summary(&h);
    // Over the lower part of the first (largest) bar.
    let at = egui::pos2(200.0, 600.0);
    h.hover_at(at);
    h.settle();
    let moving = frame_summary(&h);
    assert_ne!(moving, plain, "moving the pointer over a bar brings up its values");
    assert_ne!(h.output().platform_output.cursor_icon, egui::CursorIcon::None);
    // Still for three seconds (a step is a quarter of a second): the values go, and the pointer.
    h.run_steps(12);
    assert_eq!(frame_summary(&h), plain, "a resting pointer shows nothing on the slide");
    assert_eq!(h.output().platform_output.cursor_icon, egui::CursorIcon::None);
    // Back one slide and forward again with the pointer where it was: still nothing.
    h.hover_at(at);
    h.settle();
    h.key_press(egui::Key::ArrowLeft);
    h.settle();
    h.key_press(egui::Key::ArrowRight);
    h.settle();
    assert_eq!(h.state().slide(), Some(1));
    assert_eq!(frame_summary(&h), plain, "a slide turned to under a resting pointer shows no values");
}

/// A plan text written to a file and read in the review screen.
const NEW_PLAN: &str = "六盘水市“十五五”城市更新规划(2026—2030年)\n\
第三章 城市更新行动\n\
一、市政设施\n\
到2030年,钟山区改造雨污分流管网0.4公里,水城区新建燃气管网12公里。\n\
二、公共服务\n\
全力推进钟山区第三中学、水城区人民医院扩建、六枝特区体育公园等项目建设。\n";

/// The window and the command line import a plan through one use case: a text that states no
/// period is refused by both in the same words, and nothing is written (the window once assumed
/// this year to +4).
#[test]
fn a_plan_without_a_period_is_refused_alike_in_the_window_and_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("任务清单.txt");
    std::fs::write(&file, "改造供水管网5公里。\n新建停车位800个。\n").expect("write");
    let words = taizhang::usecase::plan_import::PlanImportError::NoPeriod.zh();
    let db_path = dir.path().join("t.db");
    let out = crate::common::bin()
        .args(["--db", db_path.to_str().expect("utf-8"), "plan", "import", file.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(&words), "{}", String::from_utf8_lossy(&out.stderr));
    let mut h = harness();
    read_in_review_screen(&mut h, &file);
    h.get_by_label("提交为新规划").click();
    h.settle();
    h.settle();
    h.get_by_label_contains(&words);
    assert_eq!(h.state().db().plans().expect("plans").len(), 1, "nothing written");
}

/// 按台账更新 in the plan menu: next month's ledger of an imported plan is read, its changes
/// listed (project, field, old → new), and written as one change the table then shows.
#[test]
fn next_months_ledger_updates_the_plan_from_the_window() {
    const OCTOBER: &str = "六盘水市2026年重点项目台账（截至2026年10月底）\n\
        序号,项目名称,所属区县,总投资（万元）,2026年计划投资,1-10月完成投资,形象进度,项目状态,责任单位\n\
        1,钟山大道改造,钟山区,18200,5000,3100,路基完成60%,在建,市住建局\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("t.db");
    let october = dir.path().join("十月.csv");
    std::fs::write(&october, OCTOBER).expect("write");
    let db = db_path.to_str().expect("utf-8");
    for args in [
        &["--db", db, "plan", "import", october.to_str().expect("utf-8"), "--from", "2026", "--to", "2030"][..],
        &["--db", db, "plan", "use", "2"],
    ] {
        let out = crate::common::bin().args(args).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let november = dir.path().join("十一月.csv");
    let text = OCTOBER.replace("10月", "11月").replace("5000,3100,路基完成60%", "5000,3900,路基完成90%");
    std::fs::write(&november, text).expect("write");
    let prefs = Prefs { reviewer: "界面测试".into(), ..Prefs::default() };
    let mut h = harness_on(Db::open(&db_path).expect("db"), db, prefs, [1280.0, 800.0]);
    wait_for(&mut h, |h| h.state().idle() && h.state().visible_rows() == 1);
    h.get_by_label("规划").click();
    h.settle();
    h.get_by_label("按台账更新…").click();
    h.settle();
    set_text(&mut h, "文件", november.to_str().expect("utf-8"));
    h.get_by_label("读取").click();
    h.settle();
    wait_for(&mut h, |h| h.state().idle());
    h.settle();
    h.get_by_label("2026-11:1 项有变化,0 项未变");
    h.get_by_label_contains("路基完成60% → 路基完成90%");
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("plan-update.png")).expect("save");
    }
    h.get_by_label("写入变化").click();
    h.settle();
    wait_for(&mut h, |h| h.state().idle());
    h.settle();
    let reports = h.state().db().latest_reports().expect("reports");
    assert_eq!(reports.len(), 1);
    assert_eq!((reports[0].progress_text.as_str(), reports[0].invest_year_done), ("路基完成90%", Some(3900.0)));
    assert!(h.state().message().is_some_and(|m| m.contains("已按台账更新")), "{:?}", h.state().message());
}

/// A real 民生实事 list (tests/fixtures/plans): what gave no draft is listed as 未识别 with the
/// count of sentences recognised, shown in its paragraph on a click, and made a draft of by hand.
#[test]
fn unread_sentences_are_listed_shown_and_made_drafts_of_in_the_window() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans/304-qingfeng-2025.txt"),
    )
    .expect("fixture");
    let draft = taizhang::import::plan::draft_from_text(&text, &taizhang::domain::Gazetteer::default());
    let (rows, unread) = (draft.rows.len(), draft.unread.len());
    assert!(unread > 0 && rows > 10, "{rows} rows, {unread} unread");
    let mut h = harness();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("民生实事.txt");
    std::fs::write(&file, &text).expect("write");
    read_in_review_screen(&mut h, &file);
    let made = draft.candidates - unread;
    h.get_by_label(&format!("识别 {made} / {} 个含数字或项目名的句子", draft.candidates));
    h.get_by_label(&format!("未识别 ({unread})"));
    let first = &draft.unread[0];
    h.get_by_label_contains(&first.text).click();
    h.settle();
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("plan-unread.png")).expect("save");
    }
    h.get_all_by_label("生成草稿").next().expect("button").click();
    h.settle();
    h.settle();
    h.get_by_label_contains(&format!("共 {} 项草稿,接受 {} 项", rows + 1, rows + 1));
    assert_eq!(h.state().plan_review_rows().last().map(|r| r.source.clone()), Some(first.text.clone()));
}

#[test]
fn a_plan_text_is_reviewed_committed_and_switched_to_from_the_window() {
    let mut h = harness();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("十五五.txt");
    std::fs::write(&file, NEW_PLAN).expect("write");
    // The plan menu in the top bar opens the review screen.
    read_in_review_screen(&mut h, &file);
    // Every draft is listed, accepted; dropping one leaves it out of the commit.
    let drafts = taizhang::import::plan::draft_from_text(NEW_PLAN, &taizhang::domain::Gazetteer::default()).rows.len();
    assert!(drafts >= 5, "{drafts}");
    h.get_by_label_contains(&format!("共 {drafts} 项草稿,接受 {drafts} 项"));
    assert_eq!(h.get_all_by_role_and_label(Role::CheckBox, "接受此项").count(), drafts);
    h.get_all_by_role_and_label(Role::CheckBox, "接受此项").next().expect("first draft").click();
    h.settle();
    // The counts above the list show the click on the next frame.
    h.settle();
    h.get_by_label_contains(&format!("接受 {} 项", drafts - 1));
    // The source of a draft, highlighted in its paragraph.
    h.get_all_by_label("›").last().expect("last draft").click();
    h.settle();
    h.get_by_label_contains("全力推进钟山区第三中学");
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        // README's picture of the review screen: TAIZHANG_SCREENSHOTS=assets/screenshots.
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("plan-review.png")).expect("save");
    }
    h.get_by_label("提交为新规划").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), drafts - 1, "the window now shows the new plan");
    assert!(h.state().message().is_some_and(|m| m.contains("十五五")), "{:?}", h.state().message());
    let plans = h.state().db().plans().expect("plans");
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[1].projects, drafts - 1);
    // Back to the seeded plan through the switcher.
    h.get_by_label("规划").click();
    h.settle();
    h.get_by_label_contains("六盘水市“十四五”新型城镇化发展规划 (2021—2025)").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), 359);
}

/// An office ledger in the review screen: its column mapping is shown with each column's first
/// values, a column no synonym names is mapped by hand (the drafts follow), the mapping is saved
/// for the next ledger, an edited target that does not read blocks the commit, and the plan lands
/// with its owners.
#[test]
fn a_ledgers_columns_are_mapped_by_hand_saved_and_committed_from_the_window() {
    const LEDGER: &str = "2026年重点项目台账\n截至2026年10月底\n序号,项目名称,所属区县,总投资,承办科室\n1,钟山大道改造,钟山区,18200,城建科\n2,水城河整治,水城区,5600,水务科\n3,荷城街道背街小巷,荷城街道,800,城建科\n";
    let mut h = harness();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("台账.csv");
    std::fs::write(&file, LEDGER).expect("write");
    read_in_review_screen(&mut h, &file);
    h.get_by_label_contains("共 3 项草稿");
    // Five columns, four mapped; the preview opens on a click.
    h.get_by_label("列映射 (4/5)").click();
    h.settle();
    h.get_by_label("城建科 · 水务科 · 城建科");
    h.get_by_label("对应为 承办科室").click();
    h.settle();
    h.settle();
    // The option is further down the popup's list: scroll it into view first.
    h.get_by_label("责任单位").scroll_to_me();
    h.settle();
    h.get_by_label("责任单位").click();
    h.settle();
    h.settle();
    h.get_by_label("列映射 (5/5)");
    let owners: Vec<Option<String>> = h.state().plan_review_rows().iter().map(|r| r.owner.clone()).collect();
    assert_eq!(owners, [Some("城建科".to_string()), Some("水务科".to_string()), Some("城建科".to_string())]);
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("ledger-review.png")).expect("save");
    }
    h.get_by_label("保存映射,下次同样表头的台账自动使用").click();
    h.settle();
    let table = taizhang::import::read_table(LEDGER.as_bytes()).expect("table");
    let proposed = taizhang::import::plan::propose_mapping(&table).expect("header");
    let saved = h.state().db().saved_mapping(&proposed.signature(&table)).expect("read").expect("saved");
    assert_eq!(saved.column(taizhang::import::plan::LedgerField::Owner), Some(4));
    // A target that does not read blocks the commit until it is corrected.
    set_text_nth(&mut h, "目标量", 0, "1,2公里");
    h.settle();
    h.settle();
    h.get_by_label_contains("1 项已接受的草稿中目标量或年份无法识别");
    h.get_by_label("提交为新规划").click();
    h.settle();
    assert_eq!(h.state().db().plans().expect("plans").len(), 1, "the commit button is off");
    set_text_nth(&mut h, "目标量", 0, "3.2公里");
    h.settle();
    h.settle();
    set_text(&mut h, "规划名称", "六盘水市重点项目台账");
    set_text(&mut h, "年起", "2026");
    set_text(&mut h, "年止", "2030");
    h.settle();
    h.get_by_label("提交为新规划").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), 3);
    let rows = h.state().db().snapshot().expect("snapshot").portfolio.projects;
    let road = rows.iter().find(|p| p.name == "钟山大道改造").expect("road");
    assert_eq!(road.responsible_unit.as_deref(), Some("城建科"));
    assert_eq!((road.target, road.unit.as_deref()), (Some(3.2), Some("公里")));
    // The street the ledger named was made under the city; the reviewer puts it in 钟山区 and
    // the district's filter takes it in.
    let parent = |h: &Harness<'static, TaizhangApp>| {
        let plan = h.state().db().current_plan().expect("plan");
        let places = h.state().db().gazetteer_of(&plan).expect("places");
        places.place("荷城街道").and_then(|p| p.parent.clone())
    };
    assert_eq!(parent(&h).as_deref(), Some("六盘水市"));
    h.get_by_label("规划").click();
    h.settle();
    h.get_by_label("地点层级…").click();
    h.settle();
    h.get_by_label("所在上级 荷城街道").click();
    h.settle();
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("places.png")).expect("save");
    }
    h.get_all_by_label("钟山区").last().expect("option").click();
    h.settle();
    assert_eq!(parent(&h).as_deref(), Some("钟山区"));
    assert!(h.state().message().is_some_and(|m| m.contains("荷城街道 → 钟山区")), "{:?}", h.state().message());
}

/// The shortcuts of the action table open their windows (Ctrl+O plan import, Ctrl+, settings).
#[test]
fn shortcuts_from_the_action_table_open_their_windows() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.settle();
    h.get_by_label("读取");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    h.settle();
    assert!(h.get_all_by_label("滞后阈值(低于序时进度的百分点)").count() >= 1, "the settings window");
}

/// Opened after the plan's period (the seeded plan ends with 2025), the window says so once and
/// offers to count 序时进度 at the period's end instead of showing every project as lagging.
#[test]
fn after_the_plans_period_the_reviewer_is_asked_once_which_month_to_count_at() {
    let today = Period::today();
    let mut h = harness();
    if today <= Period::new(2025, 12).expect("period") {
        return; // Only after the period; the dates of this suite are after it.
    }
    h.get_by_label_contains("本规划的规划期已于 2025 年底结束");
    // 359 rows, 357 projects: the two the plan names twice are counted once.
    h.get_by_label_contains(&format!("滞后 357 · {today}"));
    h.get_by_label("按 2025-12 计算").click();
    h.settle();
    h.settle();
    assert!(h.query_by_label_contains("本规划的规划期已于").is_none(), "asked once");
    assert_eq!(h.state().prefs().review_date, Period::new(2025, 12));
    assert_eq!(h.state().prefs().period_end_answered, [1]);
    // No project has a report in this database: all lag at the period's end too.
    h.get_by_label_contains("滞后 357 · 2025-12");
    // Counting today instead is the other answer, and also asked only once.
    let mut h = harness();
    h.get_by_label("按今天计算").click();
    h.settle();
    assert!(h.query_by_label_contains("本规划的规划期已于").is_none());
    assert_eq!(h.state().prefs().review_date, None);
}

/// 亮灯 by the plan's rules: a column, a filter and counts in the status bar; a preset chosen in
/// 设置 lights the projects again and is kept with the plan.
#[test]
fn lights_show_in_the_table_filter_and_status_bar_and_a_preset_is_chosen_in_settings() {
    use taizhang::domain::Light;
    let db = Db::open_in_memory().expect("db");
    let snapshot = db.snapshot().expect("snapshot");
    let gas = snapshot.portfolio.projects.iter().find(|p| p.name == "钟山区燃气管网建设改造").expect("project");
    let input = taizhang::domain::ReportInput {
        project: Some(gas.id),
        period: Period::new(2021, 12),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: gas.target,
        ..taizhang::domain::ReportInput::default()
    };
    db.add_reports(&[input], "界面测试", Period::new(2021, 12).expect("period"), false).expect("report");
    let prefs = Prefs { reviewer: "界面测试".into(), review_date: Period::new(2021, 12), ..Prefs::default() };
    let mut h = harness_on(db, ":memory:", prefs, [1280.0, 800.0]);
    h.settle();
    let counts = h.state().light_counts();
    let at = |l: Light| counts[Light::ALL.iter().position(|&x| x == l).expect("light")];
    assert_eq!(counts.iter().sum::<usize>(), 357, "359 rows; the two the plan names twice count once");
    // At the end of the plan's first year most unstarted projects are 20 points behind: yellow.
    assert!(at(Light::Yellow) > 0 && at(Light::Green) >= 1, "{counts:?}");
    h.get_by_label_contains(&format!(
        "红灯 {} · 黄灯 {} · 绿灯 {}",
        at(Light::Red),
        at(Light::Yellow),
        at(Light::Green)
    ));
    // The rows of `light` that name again a project listed before with the same light: shown,
    // but counted once.
    let repeats = |h: &Harness<'static, TaizhangApp>, light: Light| {
        let portfolio = &h.state().snapshot().portfolio;
        let index = |id| portfolio.projects.iter().position(|p| p.id == id);
        (0..portfolio.projects.len())
            .filter(|&i| portfolio.light(i) == light)
            .filter(|&i| portfolio.projects[i].same_as.and_then(index).is_some_and(|f| portfolio.light(f) == light))
            .count()
    };
    // The filter: only the yellow ones, then only the green ones.
    h.get_by_role_and_label(Role::CheckBox, "黄灯").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), at(Light::Yellow) + repeats(&h, Light::Yellow));
    h.get_by_role_and_label(Role::CheckBox, "黄灯").click();
    h.get_by_role_and_label(Role::CheckBox, "绿灯").click();
    h.settle();
    assert_eq!(h.state().visible_rows(), at(Light::Green) + repeats(&h, Light::Green));
    // The project with its target done is green, and says why in its details.
    h.get_by_label("钟山区燃气管网建设改造").click();
    h.settle();
    h.get_by_label_contains("绿灯:");
    // A preset from the settings.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    h.run_steps(6);
    h.get_by_role_and_label(Role::ComboBox, "预设").click();
    h.settle();
    h.get_by_label("ratio-80-60").click();
    h.run_steps(4);
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("lights.png")).expect("save");
    }
    h.get_by_label("应用亮灯规则").click();
    h.run_steps(2);
    wait_for(&mut h, |h| h.state().idle());
    assert_eq!(h.state().db().light_rules(1).expect("rules").name, "ratio-80-60");
    assert!(h.state().message().is_some_and(|m| m.contains("ratio-80-60")), "{:?}", h.state().message());
    let green = h.state().light_counts()[1] + repeats(&h, Light::Green);
    assert_eq!(h.state().visible_rows(), green, "the filter still shows the green ones");
}

/// 问题清单 in the window (Ctrl+P): counts, the unit filter, 销号 with a note typed in place (the
/// button stays off without one), the item closed in the database and undone with Ctrl+Z.
#[test]
fn problems_are_closed_from_their_window_and_undone() {
    let db = Db::open_in_memory().expect("db");
    let snapshot = db.snapshot().expect("snapshot");
    let gas = snapshot.portfolio.projects.iter().find(|p| p.name == "钟山区燃气管网建设改造").expect("project");
    let input = taizhang::domain::ReportInput {
        project: Some(gas.id),
        period: Period::new(2025, 6),
        status: Some(taizhang::domain::Status::UnderConstruction),
        problems: "征地拆迁滞后".into(),
        coordination: "协调道路开挖许可".into(),
        coordination_unit: "钟山区住建局".into(),
        coordination_due: "2025-08".into(),
        ..taizhang::domain::ReportInput::default()
    };
    db.add_reports(&[input], "界面测试", Period::new(2025, 6).expect("period"), false).expect("report");
    let prefs = Prefs { reviewer: "界面测试".into(), review_date: Period::new(2025, 10), ..Prefs::default() };
    let mut h = harness_on(db, ":memory:", prefs, [1280.0, 800.0]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.settle();
    h.get_by_label_contains("未销号 2 项 · 逾期 1 项");
    h.get_by_label_contains("2025-08 逾期");
    // The district and light filters: 水城区 has none of these items; 钟山区 has both.
    h.get_by_role_and_label(Role::ComboBox, "区县").click();
    h.settle();
    h.get_all_by_label("水城区").last().expect("option").scroll_to_me();
    h.get_all_by_label("水城区").last().expect("option").click();
    h.settle();
    h.get_by_label("没有符合条件的问题。");
    h.get_by_role_and_label(Role::ComboBox, "区县").click();
    h.settle();
    h.get_all_by_label("钟山区").last().expect("option").click();
    h.settle();
    h.get_by_label_contains("2025-08 逾期");
    let at_review = h.state().db().snapshot_at(Period::new(2025, 10).expect("p"), 10.0).expect("snapshot");
    let row = at_review.portfolio.projects.iter().position(|p| p.name == "钟山区燃气管网建设改造").expect("row");
    let light = at_review.portfolio.light(row);
    let other = if light == taizhang::domain::Light::Red { "黄灯" } else { "红灯" };
    // The window's checkbox is the last of that name (the filter panel has one too).
    h.get_all_by_role_and_label(Role::CheckBox, other).last().expect("checkbox").click();
    h.settle();
    h.get_by_label("没有符合条件的问题。");
    h.get_all_by_role_and_label(Role::CheckBox, other).last().expect("checkbox").click();
    h.settle();
    h.get_all_by_label("销号").next().expect("close button").click();
    h.settle();
    set_text(&mut h, "如何解决的(必填)", "已取得开挖许可");
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("problems.png")).expect("save");
    }
    h.get_all_by_label("销号").next().expect("close button").click();
    h.settle();
    h.settle();
    let closed = taizhang::db::ProblemFilter {
        statuses: vec![taizhang::domain::ProblemStatus::Resolved],
        ..taizhang::db::ProblemFilter::default()
    };
    let done = h.state().db().problems(&closed).expect("problems");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].problem.close_note, "已取得开挖许可");
    h.get_by_label_contains("未销号 1 项 · 逾期 0 项");
    // Undo (no text field has focus) opens it again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.settle();
    h.settle();
    assert!(h.state().db().problems(&closed).expect("problems").is_empty(), "undone");
    h.get_by_label_contains("未销号 2 项");
}

/// 通报, 督办函 and 月度结账 from the export/import window: the 通报 of the filtered view and a
/// letter to the unit a coordination item names are written as .docx files, and the month is
/// closed.
#[test]
fn the_notice_a_letter_and_the_month_closing_from_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::open_in_memory().expect("db");
    let gas = common::id_of(&db, "钟山区燃气管网建设改造");
    let input = taizhang::domain::ReportInput {
        project: Some(taizhang::domain::ProjectId(gas)),
        period: Some(Period::today()),
        status: Some(taizhang::domain::Status::UnderConstruction),
        coordination: "协调道路开挖许可".into(),
        coordination_unit: "钟山区住建局".into(),
        coordination_due: Period::today().to_string(),
        ..taizhang::domain::ReportInput::default()
    };
    db.add_reports(&[input], "界面测试", Period::today(), false).expect("report");
    let prefs = Prefs { reviewer: "界面测试".into(), ..Prefs::default() };
    let mut h = harness_on(db, ":memory:", prefs, [1280.0, 900.0]);
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    h.get_by_label("导出/导入").click();
    h.settle();
    let notice = dir.path().join("钟山区通报.docx");
    set_text(&mut h, "通报", notice.to_str().expect("utf-8"));
    h.get_by_label("写通报").click();
    wait_for(&mut h, |h| h.state().exchange_status().is_some_and(|s| s.contains("已写入")));
    let bytes = std::fs::read(&notice).expect("written");
    assert!(bytes.starts_with(b"PK"), "a .docx file");

    h.get_by_role_and_label(Role::ComboBox, "责任单位").click();
    h.settle();
    h.get_by_label("钟山区住建局").click();
    h.settle();
    let letter = dir.path().join("督办函.docx");
    set_text(&mut h, "督办函", letter.to_str().expect("utf-8"));
    h.get_by_label("写督办函").click();
    wait_for(&mut h, |h| h.state().exchange_status().is_some_and(|s| s.contains("督办函.docx")));
    assert!(std::fs::read(&letter).expect("letter written").starts_with(b"PK"));

    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        // A look at the window's 通报与督办 part: TAIZHANG_SCREENSHOTS=/tmp/shots.
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("documents.png")).expect("save");
    }
    let month = Period::today();
    h.get_by_label(&format!("月度结账 {month}")).click();
    h.settle();
    assert_eq!(h.state().db().closed_months().expect("months"), vec![month]);
    assert!(h.state().message().is_some_and(|m| m.contains("已结账")), "{:?}", h.state().message());
    h.get_by_label(&format!("重新结账 {month}"));
}

/// Another reviewer's report, written through a handle of their own.
fn another_reviewer_reports(other: &Db, project: taizhang::domain::ProjectId) {
    use taizhang::domain::ReportInput;
    other.snapshot().expect("they look first");
    let input = ReportInput {
        project: Some(project),
        period: Period::new(2025, 3),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: Some(3.0),
        ..ReportInput::default()
    };
    other.add_reports(&[input], "乙审核人", Period::new(2025, 6).expect("month"), false).expect("their report");
}

/// Types a report in the form of 钟山区燃气管网建设改造 without saving it: 12 km done, 在建.
fn type_a_draft(h: &mut Harness<'static, TaizhangApp>) -> taizhang::domain::ProjectId {
    select_by_name(h, "钟山区燃气管网建设改造");
    let id = h.state().selected().expect("selected");
    h.get_by_label("填报进度").click();
    h.settle();
    // The form starts from the current state: status 未开工, nothing done.
    h.get_by_role_and_label(Role::TextInput, "完成量 (公里)").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "完成量 (公里)").type_text("12公里");
    h.settle();
    // Something done is no longer 未开工.
    h.get_by_role_and_label(Role::ComboBox, "状态").click();
    h.settle();
    // The popup's option, not the filter panel's checkbox of the same name.
    h.get_by(|n| n.role() != Role::CheckBox && n.label().as_deref() == Some("在建")).click();
    h.settle();
    h.get_by_label("● 未保存");
    id
}

/// The typed draft is still there, and saving it stores 甲审核人's 12 km.
fn saves_the_typed_draft(h: &mut Harness<'static, TaizhangApp>, id: taizhang::domain::ProjectId) {
    h.get_by_label("● 未保存");
    h.get_by_label("保存").click();
    h.settle();
    let reports = h.state().db().reports(id).expect("reports");
    assert_eq!((reports[0].done, reports[0].reviewer.as_str()), (Some(12.0), "甲审核人"), "{:?}", h.state().message());
}

fn status_shown(h: &Harness<'static, TaizhangApp>, id: taizhang::domain::ProjectId) -> taizhang::domain::Status {
    h.state().snapshot().portfolio.projects.iter().find(|p| p.id == id).expect("row").status
}

/// While a reviewer types, another one's write to the same project appears in the window by
/// itself (the watcher), with the selection and the typed draft kept; saving it then works.
fn others_writes_appear_and_the_draft_stays(mine: Db, theirs: &Db, label: &str) {
    let prefs = Prefs { reviewer: "甲审核人".into(), ..Prefs::default() };
    let mut h = harness_on(mine, label, prefs, [1280.0, 800.0]);
    let ctx = h.ctx.clone();
    h.state_mut().start_watching(&ctx);
    let id = type_a_draft(&mut h);
    assert_eq!(status_shown(&h, id), taizhang::domain::Status::NotStarted);
    another_reviewer_reports(theirs, id);
    // The watcher reads the revision every second: wait for it (the test does not time it).
    for _ in 0..100 {
        if status_shown(&h, id) == taizhang::domain::Status::UnderConstruction {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.settle();
    }
    assert_eq!(status_shown(&h, id), taizhang::domain::Status::UnderConstruction, "their write is shown");
    assert_eq!(h.state().selected(), Some(id), "the selection stays");
    saves_the_typed_draft(&mut h, id);
}

#[test]
fn others_writes_appear_and_the_draft_stays_on_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    let (mine, theirs) = (Db::open(&path).expect("mine"), Db::open(&path).expect("theirs"));
    others_writes_appear_and_the_draft_stays(mine, &theirs, "shared.db");
}

#[test]
fn others_writes_appear_and_the_draft_stays_on_a_server() {
    let Some(url) = common::pg::fresh_database("others_writes_appear_and_the_draft_stays_on_a_server") else {
        return;
    };
    let (mine, theirs) = (Db::connect(&url).expect("mine"), Db::connect(&url).expect("theirs"));
    others_writes_appear_and_the_draft_stays(mine, &theirs, &url);
}

/// Saving a draft made on a state another reviewer has changed since is refused with their
/// name; the window shows their change and keeps the draft, and saving again works.
#[test]
fn a_stale_save_is_refused_and_the_draft_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    let (mine, theirs) = (Db::open(&path).expect("mine"), Db::open(&path).expect("theirs"));
    let prefs = Prefs { reviewer: "甲审核人".into(), ..Prefs::default() };
    let mut h = harness_on(mine, "shared.db", prefs, [1280.0, 800.0]);
    let id = type_a_draft(&mut h);
    another_reviewer_reports(&theirs, id);
    h.get_by_label("保存").click();
    h.settle();
    let message = h.state().message().expect("a message").to_string();
    assert!(message.contains("乙审核人") && message.contains("没有保存"), "{message}");
    assert_eq!(status_shown(&h, id), taizhang::domain::Status::UnderConstruction, "their change is loaded");
    assert_eq!(h.state().db().reports(id).expect("reports")[0].reviewer, "乙审核人", "nothing overwritten");
    saves_the_typed_draft(&mut h, id);
}

/// 设置 → 连接服务器: the window, started on a file, is switched to a server database by typing
/// its address; the connection is made on a worker thread, then the window shows the server's
/// data (a report only the server has) and names the server in the status bar.
#[test]
fn the_settings_connect_the_window_to_a_server() {
    let Some(url) = common::pg::fresh_database("the_settings_connect_the_window_to_a_server") else { return };
    let server = Db::connect(&url).expect("server");
    let projects = server.snapshot().expect("snap").portfolio.projects;
    let first = projects.iter().find(|p| p.name == "钟山区燃气管网建设改造").expect("gas").id;
    another_reviewer_reports(&server, first);
    let mut h = harness();
    assert_eq!(status_shown(&h, first), taizhang::domain::Status::NotStarted, "the file has no report");
    h.get_by_label("设置").click();
    // The settings' grids take a few frames to measure themselves.
    h.run_steps(8);
    h.get_by_role_and_label(Role::TextInput, "服务器地址").focus();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "服务器地址").type_text(&url);
    h.run_steps(2);
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("connect-server.png")).expect("save");
    }
    h.get_by_label("连接").click();
    // The spinner repaints while the worker connects: step frame by frame.
    for _ in 0..200 {
        h.step();
        if status_shown(&h, first) == taizhang::domain::Status::UnderConstruction {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.settle();
    assert_eq!(status_shown(&h, first), taizhang::domain::Status::UnderConstruction, "{:?}", h.state().message());
    assert_eq!(h.state().db().engine(), taizhang::db::Engine::Postgres);
    let shown = taizhang::db::shown_url(&url);
    assert!(h.state().message().is_some_and(|m| m.contains(&shown)), "{:?}", h.state().message());
    assert_eq!(h.state().prefs().last_server, shown, "remembered without a password");
    // 离线副本: the server copied to a file on a worker thread.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("copy.db");
    h.get_by_role_and_label(Role::TextInput, "副本文件").focus();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "副本文件").type_text(copy.to_str().expect("utf-8"));
    h.run_steps(2);
    h.get_by_label("制作离线副本").click();
    for _ in 0..200 {
        h.step();
        if !h.state().checking_out() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.run_steps(4);
    assert!(h.state().message().is_some_and(|m| m.contains("离线副本已写入")), "{:?}", h.state().message());
    let offline = Db::open(&copy).expect("the copy opens");
    assert_eq!(offline.offline_server().expect("meta"), Some(shown));
    let copied = offline.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id == first).expect("row");
    assert_eq!(copied.status, taizhang::domain::Status::UnderConstruction, "the server's state");
}

/// An offline copy in the window: 同步 runs on a worker thread, then the window shows the
/// server's state and lists the conflict (the same project's month reported on both sides).
#[test]
fn the_window_syncs_an_offline_copy_and_lists_its_conflicts() {
    let Some(url) = common::pg::fresh_database("the_window_syncs_an_offline_copy") else { return };
    let server = Db::connect(&url).expect("server");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("laptop.db");
    Db::checkout(&url, None, &path).expect("checkout");
    let gas = server.snapshot().expect("snap").portfolio.projects;
    let gas = gas.iter().find(|p| p.name == "钟山区燃气管网建设改造").expect("gas").id;
    another_reviewer_reports(&server, gas);
    let laptop = Db::open(&path).expect("copy");
    let input = taizhang::domain::ReportInput {
        project: Some(gas),
        period: Period::new(2025, 3),
        status: Some(taizhang::domain::Status::Preparing),
        ..taizhang::domain::ReportInput::default()
    };
    laptop.add_reports(&[input], "离线甲", Period::new(2025, 6).expect("m"), false).expect("offline report");
    let mut h = harness_on(laptop, "laptop.db", Prefs::default(), [1280.0, 800.0]);
    h.get_by_label("同步").click();
    for _ in 0..200 {
        h.step();
        if !h.state().syncing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The copy is read again on a worker after the sync.
    wait_for(&mut h, |h| h.state().idle());
    h.run_steps(4);
    assert!(!h.state().syncing());
    let message = h.state().message().expect("a message").to_string();
    assert!(message.contains("冲突 1 项"), "{message}");
    assert_eq!(status_shown(&h, gas), taizhang::domain::Status::UnderConstruction, "the server's report stays");
    h.get_by_label("同步冲突 (1)");
    h.get_by_label("钟山区燃气管网建设改造");
    if let Some(dir) = std::env::var_os("TAIZHANG_SCREENSHOTS") {
        let image = h.render().expect("render");
        image.save(std::path::Path::new(&dir).join("sync-conflicts.png")).expect("save");
    }
    // 采用我的: the copy's report for the month replaces the server's, the conflict leaves the
    // list, and the next sync sends it.
    h.get_by_label("采用我的").click();
    h.settle();
    h.run_steps(2);
    assert!(h.query_by_label("同步冲突 (1)").is_none(), "the conflict is settled");
    assert_eq!(status_shown(&h, gas), taizhang::domain::Status::Preparing, "mine is taken");
    h.get_by_label("同步").click();
    wait_for(&mut h, |h| h.state().message().is_some_and(|m| m.contains("已同步")));
    wait_for(&mut h, |h| h.state().idle());
    let month =
        server.reports(gas).expect("reports").into_iter().find(|r| r.period == Period::new(2025, 3).expect("m"));
    let said = h.state().message().unwrap_or_default().to_string();
    assert_eq!(month.map(|r| r.status), Some(taizhang::domain::Status::Preparing), "the server has mine: {said}");
}

/// While a reviewer edits 责任单位, another renames the project: the window shows the new name
/// with the typed unit kept, and saving writes the unit without putting the old name back.
#[test]
fn a_kept_draft_takes_the_fields_another_reviewer_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    let (mine, theirs) = (Db::open(&path).expect("mine"), Db::open(&path).expect("theirs"));
    let prefs = Prefs { reviewer: "甲审核人".into(), ..Prefs::default() };
    let mut h = harness_on(mine, "shared.db", prefs, [1280.0, 800.0]);
    let ctx = h.ctx.clone();
    h.state_mut().start_watching(&ctx);
    select_by_name(&mut h, "钟山区燃气管网建设改造");
    let id = h.state().selected().expect("selected");
    h.get_by_label("修改项目").click();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "责任单位").focus();
    h.settle();
    h.get_by_role_and_label(Role::TextInput, "责任单位").type_text("甲填的单位");
    h.settle();
    h.get_by_label("● 未保存");
    let p = theirs.snapshot().expect("they look").portfolio.projects.into_iter().find(|p| p.id == id).expect("row");
    let renamed = taizhang::domain::ProjectFields {
        name: "钟山区燃气管网改造(乙改名)".into(),
        ..taizhang::domain::ProjectFields::of(&p)
    };
    theirs.update_project(id, &renamed, "乙审核人").expect("they rename it");
    let name_shown = |h: &Harness<'static, TaizhangApp>| {
        h.state().snapshot().portfolio.projects.iter().find(|p| p.id == id).expect("row").name.clone()
    };
    for _ in 0..100 {
        if name_shown(&h).contains("乙改名") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.settle();
    }
    assert!(name_shown(&h).contains("乙改名"), "their change is shown");
    h.get_by_label("● 未保存");
    h.get_by_label("保存").click();
    h.settle();
    let saved =
        h.state().db().snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id == id).expect("row");
    assert_eq!(saved.name, "钟山区燃气管网改造(乙改名)", "the old name is not put back: {:?}", h.state().message());
    assert_eq!(saved.responsible_unit.as_deref(), Some("甲填的单位"));
}

/// The window opens before the data is read (the load starts with the first frame, on a
/// worker); the rows arrive without a click.
#[test]
fn the_window_opens_at_once_and_loads_on_a_worker() {
    let prefs = Prefs { reviewer: "界面测试".into(), ..Prefs::default() };
    let app = TaizhangApp::opening(Db::open_in_memory().expect("db"), ":memory:".into(), prefs).expect("app");
    assert_eq!(app.snapshot().portfolio.projects.len(), 0, "nothing read yet");
    assert!(!app.idle(), "the load waits for the first frame");
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(taizhang::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TaizhangApp| app.show(ui), app);
    h.settle();
    assert_eq!(h.state().visible_rows(), 359);
    h.get_by_label("显示 359 / 共 359");
}

/// The review sheet the window exports for a past review month holds that month's figures, as
/// the CLI's `export --date` does: both go through one use case (the window read the latest
/// reports, so a March sheet showed June's figures beside March's lights).
#[test]
fn the_window_and_the_cli_export_the_same_sheet_for_a_past_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.db");
    let db = Db::open(&file).expect("db");
    let gas = common::id_of(&db, "钟山区燃气管网建设改造");
    let report = |month: u8, done: f64| taizhang::domain::ReportInput {
        project: Some(taizhang::domain::ProjectId(gas)),
        period: Period::new(2025, month),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: Some(done),
        ..taizhang::domain::ReportInput::default()
    };
    let today = Period::today();
    db.add_reports(&[report(3, 10.0), report(6, 33.0)], "测试", today, false).expect("two months");
    let prefs = Prefs { reviewer: "界面测试".into(), review_date: Period::new(2025, 4), ..Prefs::default() };
    let mut h = harness_on(db, file.to_str().expect("utf-8"), prefs, [1280.0, 800.0]);
    open_exchange_on_zhongshan(&mut h);
    let from_window = dir.path().join("窗口.xlsx");
    write_from_exchange(&mut h, ("导出当前视图(调度表)", "导出"), &from_window);
    let from_cli = dir.path().join("命令行.xlsx");
    let out = crate::common::bin()
        .args(["--db", file.to_str().expect("utf-8"), "export", "--place", "钟山区", "--date", "2025-04"])
        .args(["--format", "xlsx", "-o", from_cli.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let row_of = |path: &std::path::Path| -> String {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("read");
        let row = sheet.rows().find(|r| r.iter().any(|c| *c == "钟山区燃气管网建设改造")).expect("the project's row");
        row.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",")
    };
    let (window_row, cli_row) = (row_of(&from_window), row_of(&from_cli));
    assert_eq!(window_row, cli_row, "one sheet, whichever front end wrote it");
    assert!(
        window_row.contains(",10") && !window_row.contains(",33"),
        "March's figure at an April review: {window_row}"
    );
}

/// The 通报 and the 督办函 the window writes for a past review month are the documents the
/// CLI's `notice` and `duban` write for that month: one use case (`usecase::documents`) reads
/// the rows, the reports up to the month and the 问题清单 as it stood then, for both.
#[test]
fn the_window_and_the_cli_write_the_same_notice_and_letter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.db");
    let db = Db::open(&file).expect("db");
    let gas = common::id_of(&db, "钟山区燃气管网建设改造");
    let report = |month: u8, done: f64, coordination: &str| taizhang::domain::ReportInput {
        project: Some(taizhang::domain::ProjectId(gas)),
        period: Period::new(2025, month),
        status: Some(taizhang::domain::Status::UnderConstruction),
        done: Some(done),
        coordination: coordination.into(),
        coordination_unit: if coordination.is_empty() { String::new() } else { "钟山区住建局".into() },
        coordination_due: if coordination.is_empty() { String::new() } else { "2025-05".into() },
        ..taizhang::domain::ReportInput::default()
    };
    // March: an item for 钟山区住建局, due in May; September: much more done (not in a June
    // document).
    let (march, september) = (report(3, 2.0, "协调道路开挖许可"), report(9, 40.0, ""));
    db.add_reports(&[march, september], "测试", Period::today(), false).expect("reports");
    let prefs = Prefs { reviewer: "界面测试".into(), review_date: Period::new(2025, 6), ..Prefs::default() };
    let mut h = harness_on(db, file.to_str().expect("utf-8"), prefs, [1280.0, 900.0]);
    open_exchange_on_zhongshan(&mut h);
    let window_notice = dir.path().join("窗口通报.docx");
    write_from_exchange(&mut h, ("通报", "写通报"), &window_notice);
    h.get_by_role_and_label(Role::ComboBox, "责任单位").click();
    h.settle();
    h.get_by_label("钟山区住建局").click();
    h.settle();
    let window_letter = dir.path().join("窗口督办函.docx");
    write_from_exchange(&mut h, ("督办函", "写督办函"), &window_letter);

    let db_arg = file.to_str().expect("utf-8");
    let (cli_notice, cli_letter) = (dir.path().join("命令行通报.docx"), dir.path().join("命令行督办函.docx"));
    for args in [
        vec!["notice", "--month", "2025-06", "--place", "钟山区", "-o", cli_notice.to_str().expect("utf-8")],
        vec!["duban", "--owner", "钟山区住建局", "--month", "2025-06", "-o", cli_letter.to_str().expect("utf-8")],
    ] {
        let out = crate::common::bin().args(["--db", db_arg]).args(&args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = |path: &std::path::Path| -> String {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("docx")).expect("zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("body"), &mut xml).expect("read");
        xml
    };
    let (notice, letter) = (text(&window_notice), text(&window_letter));
    assert_eq!(notice, text(&cli_notice), "one 通报, whichever front end wrote it");
    assert_eq!(letter, text(&cli_letter), "one 督办函, whichever front end wrote it");
    assert!(notice.contains("2025年6月") && letter.contains("协调道路开挖许可"), "June's documents, with the item");
}

/// A project the plan names twice (issue 27) is two rows of the table but one project in its
/// figures: the status bar's lights add up to 357 of the 359 rows shown, and the detail pane of
/// either row names the other.
#[test]
fn a_project_the_plan_names_twice_counts_once_and_names_its_twin() {
    let db = Db::open_in_memory().expect("db");
    let mut h = harness_on(db, ":memory:", Prefs::default(), [1280.0, 800.0]);
    assert_eq!(h.state().visible_rows(), 359);
    assert_eq!(h.state().light_counts().iter().sum::<usize>(), 357, "359 rows, two of them named again");
    let repeat = h
        .state()
        .snapshot()
        .portfolio
        .projects
        .iter()
        .find(|p| p.name == "六盘水市公共卫生救治中心(传染病医院)")
        .map(|p| p.id)
        .expect("the repeated row");
    h.state_mut().command(taizhang::ui::command::Command::Select(Some(repeat)));
    h.settle();
    h.get_by_label_contains("公共卫生救治中心(传染病医院)(规划中两处列出");
}

/// Filters the view to 钟山区 and opens the 导出/导入 window.
fn open_exchange_on_zhongshan(h: &mut Harness<'static, TaizhangApp>) {
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.settle();
    h.get_by_label("导出/导入").click();
    h.settle();
}

/// Types `path` into the 导出/导入 window's `field`, presses `button`, and waits until the
/// window says the file is written.
fn write_from_exchange(h: &mut Harness<'static, TaizhangApp>, (field, button): (&str, &str), path: &std::path::Path) {
    set_text(h, field, path.to_str().expect("utf-8"));
    h.get_by_label(button).click();
    let name = path.file_name().and_then(|n| n.to_str()).expect("a file name").to_string();
    wait_for(h, |h| h.state().exchange_status().is_some_and(|s| s.contains("已写入") && s.contains(&name)));
}
