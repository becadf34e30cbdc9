//! A recorded change, worded for a reviewer: the field it changed by the name the review sheet
//! and the window give it (责任单位, not `responsible_unit`), and its values as they read
//! (a status's word, a report's month and status, a 问题清单 item's text and state). The
//! window's history, `taizhang history`, the sync conflicts of both say a change through these;
//! CSV and JSON keep the keys and the recorded values, for scripts.

use super::Lang;
use super::domain::field_label;
use crate::db::HistoryEntry;
use crate::domain::{Light, Problem, Report, Status};

/// A changed field by its name in `lang`; a key no table names (written by another version)
/// as it is.
pub fn field_name(field: &str, lang: Lang) -> &str {
    match field_label(field, lang) {
        "" => field,
        label => label,
    }
}

/// A value of `field` before or after a change, as recorded, the way a reviewer reads it: `—`
/// for none; a status's word with its code; a report's month and status; an item's number,
/// text and state; a yes-or-no flag in words.
pub fn change_value(field: &str, value: Option<&str>, lang: Lang) -> String {
    let Some(text) = value else { return "—".into() };
    let status = |s: Status| if lang == Lang::Zh { s.label_zh() } else { s.label_en() };
    match field {
        "status" => Status::parse(text).map_or_else(|| text.to_string(), |s| format!("{} ({text})", status(s))),
        "report" => serde_json::from_str::<Report>(text)
            .map_or_else(|_| text.to_string(), |r| format!("{} {}", r.period, status(r.status))),
        "problem" => serde_json::from_str::<Problem>(text).map_or_else(
            |_| text.to_string(),
            |p| {
                let state = if lang == Lang::Zh { p.status.label_zh() } else { p.status.label_en() };
                format!("#{} {} ({state})", p.id, p.text)
            },
        ),
        // A month's light, recorded in Chinese (`2026-08 黄灯`, db::months): in the reader's words.
        "light" => text.split_once(' ').and_then(|(month, light)| Light::parse(light).map(|l| (month, l))).map_or_else(
            || text.to_string(),
            |(month, l)| format!("{month} {}", if lang == Lang::Zh { l.label_zh() } else { l.label_en() }),
        ),
        "registered" | "target_year_inferred" => match text {
            "1" => lang.tr("是", "yes").into(),
            "0" => lang.tr("否", "no").into(),
            other => other.into(),
        },
        _ => text.to_string(),
    }
}

/// A change's two values, as [`change_value`] says each; a report replaced for its month with
/// the same status says, on each side, what differs (its figures and texts, by their names),
/// where "2025-06 在建 → 2025-06 在建" alone would say nothing changed.
pub fn change_values(field: &str, old: Option<&str>, new: Option<&str>, lang: Lang) -> (String, String) {
    let (before, after) = (change_value(field, old, lang), change_value(field, new, lang));
    if field != "report" || before != after {
        return (before, after);
    }
    let report = |v: Option<&str>| v.and_then(|t| serde_json::from_str::<Report>(t).ok());
    let (Some(a), Some(b)) = (report(old), report(new)) else { return (before, after) };
    let figure = |v: Option<f64>| v.map_or_else(|| "—".to_string(), crate::domain::format_quantity);
    let text = |t: &str| if t.is_empty() { "—".to_string() } else { super::quoted(t) };
    let fields: [(&str, String, String); 11] = [
        ("done", figure(a.done), figure(b.done)),
        ("invest_total", figure(a.invest_total), figure(b.invest_total)),
        ("invest_year_plan", figure(a.invest_year_plan), figure(b.invest_year_plan)),
        ("invest_done", figure(a.invest_done), figure(b.invest_done)),
        ("invest_year_done", figure(a.invest_year_done), figure(b.invest_year_done)),
        ("progress_text", text(&a.progress_text), text(&b.progress_text)),
        ("problems", text(&a.problems), text(&b.problems)),
        ("coordination", text(&a.coordination), text(&b.coordination)),
        ("coordination_unit", text(&a.coordination_unit), text(&b.coordination_unit)),
        ("coordination_due", text(&a.coordination_due), text(&b.coordination_due)),
        ("note", text(&a.note), text(&b.note)),
    ];
    let differing: Vec<_> = fields.iter().filter(|(_, x, y)| x != y).collect();
    if differing.is_empty() {
        return (before, after);
    }
    let side = |after: bool| {
        let parts: Vec<String> = differing
            .iter()
            .map(|(name, x, y)| format!("{} {}", field_name(name, lang), if after { y } else { x }))
            .collect();
        parts.join(lang.tr(",", ", "))
    };
    (format!("{before} ({})", side(false)), format!("{after} ({})", side(true)))
}

impl HistoryEntry {
    /// The field it changed, in `lang`.
    pub fn field_said(&self, lang: Lang) -> &str {
        field_name(&self.field, lang)
    }

    /// Its value before the change, in `lang` (see [`change_values`]).
    pub fn old_said(&self, lang: Lang) -> String {
        change_values(&self.field, self.old.as_deref(), self.new.as_deref(), lang).0
    }

    /// Its value after the change, in `lang`.
    pub fn new_said(&self, lang: Lang) -> String {
        change_values(&self.field, self.old.as_deref(), self.new.as_deref(), lang).1
    }
}

#[cfg(test)]
mod tests {
    use super::{change_value, field_name};
    use crate::words::Lang;

    /// Every field a change may hold (`db::recorded_fields`: the project columns, a place, a
    /// report, an item, a light) has a name in both languages, the review sheet's and the window's in
    /// Chinese.
    #[test]
    fn every_field_of_the_history_is_named_in_both_languages() {
        for field in crate::db::recorded_fields() {
            let (zh, en) = (field_name(field, Lang::Zh), field_name(field, Lang::En));
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{field}: {zh}");
            assert!(!en.contains('_'), "{field}: {en}");
            assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{field}: {en}");
        }
        assert_eq!(field_name("responsible_unit", Lang::Zh), "责任单位");
        assert_eq!(field_name("invest_year_plan", Lang::Zh), "本年计划投资");
        assert_eq!(field_name("some_new_field", Lang::Zh), "some_new_field", "an unknown key as it is");
    }

    #[test]
    fn a_changes_values_read_as_words() {
        assert_eq!(change_value("status", Some("under_construction"), Lang::Zh), "在建 (under_construction)");
        assert_eq!(change_value("responsible_unit", None, Lang::En), "—");
        assert_eq!(change_value("registered", Some("1"), Lang::Zh), "是");
        let report = r#"{"id":1,"project":1,"period":"2025-06","status":"under_construction","done":null,"invest_total":null,"invest_year_plan":null,"invest_done":null,"progress_text":"","problems":"","coordination":"","coordination_unit":"","coordination_due":"","note":"","reviewer":"甲","created_at":"2025-06-02T00:00:00Z"}"#;
        assert_eq!(change_value("report", Some(report), Lang::En), "2025-06 Under construction");
        assert_eq!(change_value("report", Some("{broken"), Lang::Zh), "{broken", "what does not read, as it is");
        // A month's light is recorded in Chinese; English said "2026-08 黄灯".
        assert_eq!(change_value("light", Some("2026-08 黄灯"), Lang::En), "2026-08 Yellow");
        assert_eq!(change_value("light", Some("2026-09 红灯"), Lang::Zh), "2026-09 红灯");
        assert_eq!(change_value("light", Some("2026-09 未评价"), Lang::En), "2026-09 Not rated");
    }
}
