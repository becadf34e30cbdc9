//! Nothing lost, nothing wrong, round three (issue 28): each case of the third hostile pass that
//! this session fixed, as a person at the command line, a careless district office or a hostile
//! account meets it.

use crate::common;
use crate::server::{Bureau, bureau};

/// The kept current reports' trigger function runs as the owner: no reviewer's role may hang it
/// on a (temporary) table of its own and so plant a current report of its making.
#[test]
fn no_account_runs_the_current_reports_trigger_on_a_table_of_its_own() {
    let Some(url) = common::pg::fresh_database("no_account_runs_the_current_reports_trigger") else { return };
    let Bureau { district, viewer, city, own, .. } = bureau(&url, "cr");
    let mut owner = common::pg::client(&url);
    let kept = |c: &mut postgres::Client| -> Vec<(i64, i64, String)> {
        c.query("SELECT project_id, report_id, period FROM current_reports ORDER BY project_id", &[])
            .expect("current reports")
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect()
    };
    let before = kept(&mut owner);
    for account in [&viewer, &district, &city] {
        let mut raw = common::pg::client(&url.replacen("postgres@", &format!("{account}@"), 1));
        raw.batch_execute("CREATE TEMP TABLE mine (id bigint, project_id bigint, period text)")
            .expect("any session may make a temporary table");
        let hung = raw.batch_execute(
            "CREATE TRIGGER plant AFTER INSERT OR DELETE ON pg_temp.mine FOR EACH ROW \
             EXECUTE PROCEDURE public.taizhang_current_report()",
        );
        if hung.is_ok() {
            let _ = raw.execute("INSERT INTO pg_temp.mine VALUES (987654, $1, '2099-12')", &[&own]);
        }
        assert_eq!(kept(&mut owner), before, "{account} planted a current report (trigger hung: {hung:?})");
    }
}
