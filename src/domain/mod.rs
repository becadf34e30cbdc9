//! domain: plain types and rules of the key-project portfolio (places, categories, statuses,
//! projects, filters, pinyin search, review lights). Never imports egui or rusqlite.

mod category;
mod charts;
mod filter;
mod lang;
mod lights;
mod notice;
mod place;
mod plan;
mod problem;
mod project;
mod review;
mod search;
mod status;

pub use category::{CATEGORIES, Category, category};
pub use charts::{
    ChartData, Coordination, InvestBar, LagEntry, LightCounts, LitEntry, OverviewRow, QuantityBar, ReportIndex, Slide,
    SlideKind, StatusCounts, TimelinePoint, coordination_note, lagging_note, lit_note, slides,
};
pub use filter::{Filter, Portfolio, SortColumn, SortOrder, UnitTotal, sort_rows, unit_totals};
pub use lang::Lang;
/// A light's figure as its reasons show it: one decimal at most (42, 12.3).
pub(crate) use lights::number as light_figure;
pub use lights::{
    Finding, Light, LightInput, LightRules, Measure, MeasureRule, PRESETS, Reason, RuleProblem, Verdict, judge,
    light_of,
};
pub use notice::{
    Comparison, Gaps, Letter, LitLine, NATURE_MISSING, Notice, ProblemLine, Tally, UNIT_MISSING, problem_unit,
    units_to_chase,
};
pub use place::{Gazetteer, LANDMARKS, Landmark, PLACES, Place, PlaceDef, PlaceKind, ROOT_PLACE};
pub use plan::{Plan, Snapshot};
pub use problem::{Problem, ProblemKind, ProblemStatus, ProblemUpdate};
pub use project::{
    Comparator, Dataset, Indicator, Project, ProjectId, QUALIFIERS_AFTER, QUALIFIERS_BEFORE, Zhuanlan,
    check_project_code, counted_once, share_linked_reports, share_pair_reports,
};
pub use review::{
    AmountError, DEFAULT_LAG_THRESHOLD, FieldError, FieldProblem, MAX_NUMBER, MAX_TEXT, NATURES, NotANumber, Period,
    ProjectFields, Report, ReportInput, Schedule, civil_date, clean_text, control_error, local_time_text, nature_word,
    now_text, parse_amount, parse_date, parse_quantity, says_nothing, split_quantity, validate_ledger_report,
    validate_project, validate_report,
};
pub use search::{Query, SearchKey};
pub use status::Status;

/// Formats a quantity without trailing zeros: 20 → "20", 1.1519 → "1.1519". A number past the
/// integers a float holds exactly (2^53) is written with the digits it was typed with
/// (12345000000000000000000000, not the float's 12345000000000000905969664); a zero is `0`,
/// never `-0`.
pub fn format_quantity(value: f64) -> String {
    if value.abs() >= 9_007_199_254_740_992.0 {
        // Rust writes the shortest digits that read back as the same number, without an exponent.
        return format!("{value}");
    }
    let text = format!("{value:.4}");
    match text.trim_end_matches('0').trim_end_matches('.') {
        "-0" => "0".to_string(),
        text => text.to_string(),
    }
}

/// A target as shown: the plan's qualifier (in the reader's language) before the number, then
/// the unit: "不少于 90 个", "more than 80 %", "20 公里".
pub fn format_target(value: f64, qualifier: Option<&str>, unit: Option<&str>) -> String {
    let mut text = qualifier.map(|q| format!("{q} ")).unwrap_or_default();
    text.push_str(&format_quantity(value));
    if let Some(unit) = unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{Comparator, format_target};

    /// A number too large for a float to hold its integer exactly was said with digits nobody
    /// typed (1.2345e25 as 12345000000000000905969664), and `-0` typed in a cell read back `-0`.
    #[test]
    fn quantities_are_written_as_typed() {
        use super::format_quantity;
        assert_eq!(format_quantity(1.2345e25), "12345000000000000000000000");
        assert_eq!(format_quantity(1e20), "100000000000000000000");
        assert_eq!(format_quantity(-1.2345e25), "-12345000000000000000000000");
        assert_eq!(format_quantity(1e300).len(), 301);
        assert_eq!(format_quantity(-0.0), "0");
        assert_eq!(format_quantity(-0.00001), "0");
        assert_eq!(format_quantity(1_000_000_000_000.0), "1000000000000");
        assert_eq!(format_quantity(1.1519), "1.1519");
        assert_eq!(format_quantity(-2.5), "-2.5");
    }

    #[test]
    fn targets_keep_their_qualifier() {
        assert_eq!(format_target(90.0, Some(Comparator::AtLeast.label_zh()), Some("个")), "不少于 90 个");
        assert_eq!(format_target(80.0, Some(Comparator::MoreThan.label_en()), Some("%")), "more than 80 %");
        assert_eq!(format_target(1.1519, None, Some("万户")), "1.1519 万户");
        assert_eq!(format_target(0.04, Some(Comparator::AtMost.label_zh()), None), "不超过 0.04");
        for c in Comparator::ALL {
            assert_eq!(Comparator::parse(c.code()), Some(c));
        }
    }
}
