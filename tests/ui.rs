//! The window's views driven as a person would: click, type, press keys (egui_kittest).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use taizhang::app::{Prefs, TaizhangApp};
use taizhang::db::Db;
use taizhang::seed::bundled_seed;

fn harness() -> Harness<'static, TaizhangApp> {
    let snapshot = Db::open_in_memory().expect("db").snapshot().expect("snapshot");
    let app = TaizhangApp::new(snapshot, ":memory:".into(), Prefs::default());
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(taizhang::ui::fonts::install)
        .build_ui_state(|ui, app: &mut TaizhangApp| app.show(ui), app)
}

/// Rows the plan puts in 钟山区 or a place inside it, counted from the seed file directly.
fn zhongshan_rows() -> usize {
    let inside = ["钟山区", "钟山产业园区", "月照街道", "大河镇"];
    bundled_seed().expect("seed").projects.iter().filter(|p| inside.contains(&p.place.as_str())).count()
}

#[test]
fn clicking_a_district_filters_the_table() {
    let mut h = harness();
    assert_eq!(h.state().visible_rows(), 351);
    h.get_by_label("显示 351 / 共 351");
    h.get_by_role_and_label(Role::CheckBox, "钟山区").click();
    h.run();
    let expected = zhongshan_rows();
    assert!(expected > 20, "{expected}");
    assert_eq!(h.state().visible_rows(), expected);
    assert_eq!(h.state().prefs().filter.places, vec!["钟山区".to_string()]);
    h.get_by_label(&format!("显示 {expected} / 共 351"));
    // Clearing brings everything back.
    h.get_by_label("清除筛选").click();
    h.run();
    assert_eq!(h.state().visible_rows(), 351);
}

#[test]
fn ctrl_f_focuses_search_and_pinyin_initials_filter() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.event(egui::Event::Text("gsgw".into()));
    h.run();
    assert_eq!(h.state().prefs().filter.search, "gsgw");
    // 供水管网: the five district rows of 专栏6.
    assert_eq!(h.state().visible_rows(), 5);
}

#[test]
fn arrow_keys_move_the_selection_and_the_detail_shows_the_source() {
    let mut h = harness();
    h.get_by_role_and_label(Role::CheckBox, "盘州市").click();
    h.run();
    assert_eq!(h.state().selected(), None);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
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
    h.run();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn english_switch_relabels_the_interface() {
    let mut h = harness();
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("Clear filters");
    h.get_by_role_and_label(Role::CheckBox, "Zhongshan District").click();
    h.run();
    assert_eq!(h.state().visible_rows(), zhongshan_rows());
}

#[test]
fn sorting_by_target_puts_the_largest_first() {
    let mut h = harness();
    h.get_by_label("目标量").click();
    h.run();
    assert_eq!(h.state().prefs().sort_column, taizhang::domain::SortColumn::Target);
    h.get_by_label("目标量 ↑").click();
    h.run();
    assert_eq!(h.state().prefs().sort_order, taizhang::domain::SortOrder::Descending);
}
