//! Unit tests of the review rules: the local month, 序时进度, completion and 滞后.

use super::{Period, Schedule, civil_date};
use crate::domain::{Project, Status};

#[test]
fn the_month_is_the_local_one() {
    // 2026-11-30 17:00 UTC is already 2026-12-01 01:00 in China.
    let instant: jiff::Timestamp = "2026-11-30T17:00:00Z".parse().expect("instant");
    let shanghai = jiff::tz::TimeZone::get("Asia/Shanghai").expect("tz database");
    assert_eq!(Period::at(instant, &shanghai), Period::new(2026, 12).expect("p"));
    assert_eq!(Period::at(instant, &jiff::tz::TimeZone::UTC), Period::new(2026, 11).expect("p"));
    assert_eq!(super::parse_date("2026-13-45"), None);
    assert_eq!(super::parse_date("2025-02-29"), None);
    assert!(super::parse_date("2024-02-29").is_some());
}

#[test]
fn periods_parse_and_order() {
    assert_eq!(Period::parse("2024-05"), Period::new(2024, 5));
    assert_eq!(Period::parse("2024年5月"), Period::new(2024, 5));
    assert_eq!(Period::parse("2024/13"), None);
    assert_eq!(Period::parse("24-05"), None);
    assert!(Period::parse("2024-12") < Period::parse("2025-01"));
    assert_eq!(civil_date(0), (1970, 1, 1));
    assert_eq!(civil_date(20_454), (2026, 1, 1));
}

fn pipe(done: Option<f64>, status: Status) -> Project {
    Project::sample(1, "钟山区供水管网建设改造", "钟山区", done, status)
}

#[test]
fn expected_progress_and_lagging() {
    // 2022-01 to 2025-12 is 48 months; at 2023-12, 24 have passed.
    let review = Period::new(2023, 12).expect("period");
    let s = Schedule::of(&pipe(Some(5.0), Status::UnderConstruction), review, 2021);
    assert!((s.expected - 0.5).abs() < 1e-9);
    assert!((s.completion - 0.25).abs() < 1e-9);
    assert!((s.behind_points - 25.0).abs() < 1e-9);
    assert!(s.lagging(10.0));
    let on_track = Schedule::of(&pipe(Some(11.0), Status::UnderConstruction), review, 2021);
    assert!(!on_track.lagging(10.0));
    let done = Schedule::of(&pipe(Some(20.0), Status::Completed), review, 2021);
    assert!(!done.lagging(10.0));
    // Before the period starts nothing is expected.
    let early = Schedule::of(&pipe(None, Status::NotStarted), Period::new(2021, 6).expect("p"), 2021);
    assert!(early.expected.abs() < 1e-9 && !early.lagging(10.0));
}
