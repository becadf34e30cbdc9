//! Rows the plan names twice (`projects.same_as`): written when the plan is seeded, read with
//! each snapshot, where the pair gets one state from the reports of either.

use std::collections::HashSet;

use crate::domain::{ProjectId, Report};
use crate::seed::SeedLink;

use super::DbError;
use super::sql::{Conn, params};

/// Links each later mention of the plan `plan_id` to its first.
pub fn insert_links_tx(tx: &Conn, plan_id: i64, links: &[SeedLink]) -> Result<(), DbError> {
    let link = "UPDATE projects SET same_as = \
         (SELECT o.id FROM projects o WHERE o.plan_id = ?1 AND o.zhuanlan = ?5 AND o.item = ?6 AND o.name = ?7) \
         WHERE plan_id = ?1 AND zhuanlan = ?2 AND item = ?3 AND name = ?4";
    for l in links {
        let (r, o) = (&l.repeat, &l.same_as);
        tx.execute(link, params![plan_id, r.zhuanlan, r.item, r.name, o.zhuanlan, o.item, o.name])?;
    }
    Ok(())
}

/// The links of a plan: (later mention, first).
pub fn load_links(conn: &Conn, plan_id: i64) -> Result<Vec<(ProjectId, ProjectId)>, DbError> {
    conn.query_map(
        "SELECT id, same_as FROM projects WHERE plan_id = ?1 AND same_as IS NOT NULL ORDER BY id",
        params![plan_id],
        |r| Ok((ProjectId(r.get(0)?), ProjectId(r.get(1)?))),
    )
}

/// The pairs' shared state at a review month: each row of a pair (later mention, first) takes
/// the latest report of either, and a pair one of whose rows has later reports has them for
/// both. The pairs are the plan's, whether or not both rows were read (a filter may select one).
pub fn share_reports(
    pairs: &[(ProjectId, ProjectId)],
    latest: &mut Vec<Report>,
    later: Option<&mut HashSet<ProjectId>>,
) {
    crate::domain::share_pair_reports(pairs, latest);
    if let Some(later) = later {
        for &(repeat, first) in pairs {
            if later.contains(&repeat) || later.contains(&first) {
                later.extend([repeat, first]);
            }
        }
    }
}
