//! demo: generated projects for benchmarks and rehearsals, written to a separate database that
//! says it is demo data. Never touches the plan's database.

use std::path::Path;

use crate::db::{Db, DbError, NewProject};
use crate::domain::{Dataset, Period, Status};
use crate::seed::PLAN_END_YEAR;

/// The review months the demo reports are filed for: the end of 2024 (where this year's
/// investment is counted from), then quarterly through 2025.
const DEMO_PERIODS: [(i32, u8); 5] = [(2024, 12), (2025, 3), (2025, 6), (2025, 9), (2025, 12)];
use crate::seed::{PlanSeed, SeedProject};

/// The provenance every demo row carries instead of a sentence of the plan.
pub const DEMO_SOURCE: &str = "演示数据:随机生成,非规划内容";

/// A small deterministic generator (SplitMix64), so a demo database can be made again exactly.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` generated projects shaped like the plan's rows: each copies the box, item, category,
/// place and unit of a random plan row and gets a made-up target, status and progress.
pub fn generate(seed: &PlanSeed, n: usize, rng_seed: u64) -> Vec<NewProject> {
    let mut rng = SplitMix(rng_seed);
    (0..n)
        .filter_map(|i| {
            let model = seed.projects.get(rng.below(seed.projects.len()))?;
            let status = Status::ALL[rng.below(Status::ALL.len())];
            let target = model.unit.as_ref().map(|_| (rng.unit() * 100.0).round() + 1.0);
            let share = match status {
                Status::NotStarted | Status::Preparing => 0.0,
                Status::Completed => 1.0,
                Status::UnderConstruction | Status::Suspended => rng.unit(),
            };
            let done = target.map(|t| (t * share * 10.0).round() / 10.0);
            let year_offset = i32::try_from(rng.below(4)).unwrap_or(0);
            let row = SeedProject {
                name: format!("演示项目{:06} {}", i + 1, model.name),
                target,
                target_year: PLAN_END_YEAR - year_offset,
                target_year_inferred: false,
                start_year: Some(2021),
                source: DEMO_SOURCE.to_string(),
                ..model.clone()
            };
            Some(NewProject { row, status, done })
        })
        .collect()
}

/// Errors of the demo generator (worded in `words::db`).
#[derive(Debug)]
pub enum DemoError {
    /// The file holds a plan's data.
    WouldOverwritePlan(std::path::PathBuf),
    Db(DbError),
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl From<DbError> for DemoError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

/// Writes a demo database of `n` projects to `path`, replacing an earlier demo database there.
/// The file is built beside the target and moved into place, so a failure leaves no half file.
///
/// # Errors
/// Refuses to replace a database that holds the plan's data.
pub fn write_demo_db(path: &Path, seed: &PlanSeed, n: usize, rng_seed: u64) -> Result<(), DemoError> {
    if path.exists() {
        let existing = Db::open_existing(path)?;
        if existing.dataset()? != Dataset::Demo {
            return Err(DemoError::WouldOverwritePlan(path.to_path_buf()));
        }
    }
    let tmp = path.with_extension("db.partial");
    let _ = std::fs::remove_file(&tmp);
    let rows = generate(seed, n, rng_seed);
    {
        let db = Db::create_empty(&tmp)?;
        db.seed_demo(seed, &rows, &DEMO_PERIODS.map(|(y, m)| Period { year: y, month: m }))?;
        db.checkpoint()?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::rename(&tmp, path).map_err(|source| DemoError::Io { path: path.to_path_buf(), source })?;
    Ok(())
}
