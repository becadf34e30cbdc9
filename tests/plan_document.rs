//! The plan document importer on the real plan (recall against the reviewed seed) and on files
//! LibreOffice makes from a plan's text (.docx, a PDF with its text layer, a scan).

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use taizhang::domain::{Gazetteer, ROOT_PLACE};
use taizhang::import::plan::{DraftRow, DocumentError, PlanDraft, document_text, draft_from_text, read_document};
use taizhang::seed::{PLAN_TEXT, SeedProject, bundled_seed};

const PIPE_KINDS: [&str; 5] = ["供水", "污水", "雨水", "燃气", "供热"];

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// A seed row is found when a draft has its place, target and unit (a quantity), or its name
/// (a named project). A pipe row's draft must also name its kind of network. The seed puts a
/// row whose sentence names no place at the city (六盘水市); a draft leaves that place empty.
fn found(seed: &SeedProject, rows: &[DraftRow]) -> bool {
    let kind = PIPE_KINDS.iter().find(|k| seed.category == "pipes" && seed.name.contains(**k));
    let place = Some(seed.place.as_str()).filter(|p| *p != ROOT_PLACE);
    rows.iter().any(|r| match seed.target {
        Some(_) => {
            r.place.as_deref().filter(|p| *p != ROOT_PLACE) == place
                && same(r.target, seed.target)
                && r.unit == seed.unit
                && kind.is_none_or(|k| r.name.contains(k))
        }
        None => r.name == seed.name,
    })
}

struct Recall {
    group: &'static str,
    found: usize,
    of: usize,
}

impl Recall {
    fn of(group: &'static str, seeds: &[&SeedProject], rows: &[DraftRow]) -> Self {
        let found = seeds.iter().filter(|s| found(s, rows)).count();
        Self { group, found, of: seeds.len() }
    }

    fn share(&self) -> f64 {
        self.found as f64 / self.of.max(1) as f64
    }
}

fn plan_draft() -> PlanDraft {
    draft_from_text(PLAN_TEXT, &Gazetteer::default())
}

#[test]
fn recall_on_the_real_plan() {
    let draft = plan_draft();
    let seed = bundled_seed().expect("seed");
    let all: Vec<&SeedProject> = seed.projects.iter().collect();
    let pipes: Vec<_> = all.iter().copied().filter(|p| p.category == "pipes").collect();
    let schools: Vec<_> = all.iter().copied().filter(|p| p.zhuanlan == 7 && p.category == "schools").collect();
    let housing: Vec<_> =
        all.iter().copied().filter(|p| matches!(p.category.as_str(), "shantytown" | "old_estates")).collect();
    let alleys: Vec<_> = all.iter().copied().filter(|p| p.category == "back_alleys").collect();
    assert_eq!((pipes.len(), schools.len(), housing.len(), alleys.len()), (23, 21, 8, 5));
    let groups = [
        Recall::of("pipes (专栏6, km by kind and district)", &pipes, &draft.rows),
        Recall::of("schools (专栏7)", &schools, &draft.rows),
        Recall::of("housing (棚户区, 老旧小区)", &housing, &draft.rows),
        Recall::of("back alleys (背街小巷)", &alleys, &draft.rows),
        Recall::of("all 359 seeded rows", &all, &draft.rows),
    ];
    println!("{} draft rows, {} notes", draft.rows.len(), draft.notes.len());
    for g in &groups {
        println!("recall {:<40} {:>3}/{:<3} {:.1} %", g.group, g.found, g.of, 100.0 * g.share());
    }
    let missed: Vec<_> = all.iter().filter(|s| !found(s, &draft.rows)).map(|s| s.name.as_str()).collect();
    println!("missed: {missed:?}");
    // Floors this extractor reaches; an empty or broken one reaches none of them.
    let floors = [1.0, 1.0, 1.0, 1.0, 0.8];
    for (g, floor) in groups.iter().zip(floors) {
        assert!(g.share() >= floor, "{}: {}/{} below {floor}", g.group, g.found, g.of);
    }
}

