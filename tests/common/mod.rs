//! Helpers shared by the import tests (each test file is its own crate; not every one uses all).
#![allow(dead_code)]

use taizhang::db::Db;
use taizhang::domain::Period;
use taizhang::import::{ImportError, ImportPlan, plan, read_table};

/// The review month the import tests work in.
pub fn today() -> Period {
    Period::new(2025, 6).expect("period")
}

/// What importing `bytes` into `db` would do.
pub fn plan_of(db: &Db, bytes: &[u8]) -> Result<ImportPlan, ImportError> {
    let table = read_table(bytes)?;
    plan(&table, &db.snapshot().expect("snap").portfolio, &db.latest_reports().expect("latest"), today())
}

/// The id of a seeded project by name.
pub fn id_of(db: &Db, name: &str) -> i64 {
    db.connection().query_row("SELECT id FROM projects WHERE name = ?1", [name], |r| r.get(0)).expect("id")
}
