//! An offline copy's saved views: noted when saved or deleted there, sent at the sync (a view
//! another account saved on the server meanwhile keeps its name; the copy's goes under one of
//! its own).
use super::{SERVER, VIEWS};
use crate::db::sql::params;
use crate::db::{Db, DbError};

/// Notes, in an offline copy, that the view `name` was saved or deleted (inside the write's
/// transaction): the next sync sends it. Nothing for a server or a file of its own.
pub(in crate::db) fn view_changed(tx: &crate::db::sql::Conn, name: &str) -> Result<(), DbError> {
    let copy: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)", params![SERVER], |r| r.get(0))?;
    if !copy {
        return Ok(());
    }
    let mut names = changed_views(tx)?;
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
    let json = serde_json::to_string(&names).map_err(|e| DbError::BadValue(e.to_string()))?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![VIEWS, json],
    )?;
    Ok(())
}

fn changed_views(conn: &crate::db::sql::Conn) -> Result<Vec<String>, DbError> {
    let json: Option<String> = conn.query_opt("SELECT value FROM meta WHERE key = ?1", params![VIEWS], |r| r.get(0))?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

/// The saved views a sync sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewsSent {
    /// Made, changed or deleted in the copy, and sent.
    pub sent: usize,
    /// Sent under a name of their own (copy's name, name on the server): the server has a view
    /// of that name that this account may not change.
    pub renamed: Vec<(String, String)>,
}

/// A saved view's columns as sent: filter, screen, slides, plan, account.
type ViewRow = (String, String, Option<String>, Option<i64>, Option<String>);

/// Sends the copy's changed views to the server (inside the sync's transaction there): a view
/// the copy has is written by name, one it deleted is deleted. Sent again by a repeated sync,
/// which writes the same. The server's revision goes up when nothing else of the sync moved
/// it (`bump`), so other windows read the views. The number of views sent.
pub(super) fn send_views(
    copy: &crate::db::sql::Conn,
    server: &Db,
    tx: &crate::db::sql::Conn,
    bump: bool,
) -> Result<ViewsSent, DbError> {
    let names = changed_views(copy)?;
    let mut sent = ViewsSent::default();
    if bump && !names.is_empty() {
        crate::db::recorder::bump_revision(tx)?;
    }
    for name in &names {
        let view: Option<ViewRow> = copy.query_opt(
            "SELECT filter_json, screen, slides_json, plan_id, account FROM saved_views WHERE name = ?1",
            params![name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        // A view of the same name that this account may not change (another account saved it
        // on the server meanwhile) stays as it is: the copy's is sent under a name of its own,
        // and a delete of it is not sent. Nothing is lost either way.
        let allowed = match server.view_owner(tx, name) {
            Ok(_) => true,
            Err(DbError::Refused(_)) => false,
            Err(e) => return Err(e),
        };
        match (view, allowed) {
            (Some((filter, screen, slides, plan, account)), _) => {
                let sent = if allowed {
                    name.clone()
                } else {
                    let own = format!("{name}({} 离线)", account.as_deref().unwrap_or("副本"));
                    sent.renamed.push((name.clone(), own.clone()));
                    own
                };
                tx.execute(crate::db::views::UPSERT_VIEW, params![sent, filter, screen, slides, plan, account])?;
            }
            (None, true) => {
                tx.execute("DELETE FROM saved_views WHERE name = ?1", params![name])?;
            }
            (None, false) => {}
        }
    }
    sent.sent = names.len();
    Ok(sent)
}
