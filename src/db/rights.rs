//! What a server account may change, carried into its offline copy: the copy refuses in words,
//! at once, what the server would refuse at the next sync (a district editor's copy changes
//! only the projects of its places; a viewer's copy changes nothing). The server still
//! enforces it: a file can be edited by other tools, and the sync is checked again there.

use serde::{Deserialize, Serialize};

use super::sql::{Conn, params};
use super::{Db, DbError, Refusal};

/// Where an offline copy keeps its account's rights.
pub(super) const RIGHTS: &str = "offline_rights";

/// The account, what it is (`admin`, `city`, `district`, `viewer`) and, for a district
/// editor, the places it may change (with the places inside them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Rights {
    account: String,
    role: String,
    places: Vec<i64>,
}

/// The places whose choice in a filter takes in `place`, the same walk as the server's
/// `taizhang_may_edit_place`: up through the groupings it belongs to first, then through
/// parents only (市中心城区 takes in 钟山区, and 钟山区 its towns, but 市中心城区 not 钟山区's
/// towns, as the filter shows them).
const PLACES_UP: &str = "WITH RECURSIVE up(id, parents_only) AS (
        SELECT ?1, 0
        UNION
        SELECT x.up_id, x.by_parent FROM up JOIN (
            SELECT id AS child, parent_id AS up_id, 1 AS by_parent FROM places WHERE parent_id IS NOT NULL
            UNION ALL SELECT member_id, group_id, 0 FROM place_groups
        ) x ON x.child = up.id AND (x.by_parent = 1 OR up.parents_only = 0)
    )
    SELECT DISTINCT id FROM up";

impl Db {
    /// The rights of the account this server handle is connected as, when the server enforces
    /// roles (`None` otherwise, and for a file).
    pub(super) fn account_rights(&self) -> Result<Option<Rights>, DbError> {
        if !self.roles_enforced()? {
            return Ok(None);
        }
        let (account, admin, city, writes): (String, bool, bool, bool) = self.conn.query_row(
            "SELECT CAST(current_user AS TEXT), taizhang_is_admin(), \
             taizhang_is_city(), has_function_privilege('taizhang_bump()', 'EXECUTE')",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let role = match (admin, city, writes) {
            (true, _, _) => "admin",
            (false, true, _) => "city",
            (false, false, true) => "district",
            (false, false, false) => "viewer",
        };
        let places = self.conn.query_map(
            "SELECT place_id FROM account_places WHERE account = ?1 ORDER BY place_id",
            params![account],
            |r| r.get(0),
        )?;
        Ok(Some(Rights { account, role: role.into(), places }))
    }

    /// The rights an offline copy keeps from its server (`None` for a file of its own).
    fn copy_rights(&self) -> Result<Option<Rights>, DbError> {
        if self.url.is_some() {
            return Ok(None);
        }
        Ok(self.meta(RIGHTS)?.and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// The account a view named `name` is saved or deleted as (on a server, or in its offline
    /// copy; `None` in a file of its own), after checking that it may: a district editor
    /// changes only the views its account saved (the server's row policy says the same).
    pub(super) fn view_owner(&self, tx: &Conn, name: &str) -> Result<Option<String>, DbError> {
        let rights = if self.url.is_some() { self.account_rights()? } else { self.copy_rights()? };
        let Some(rights) = rights else { return Ok(None) };
        if rights.role == "district" {
            let owner: Option<Option<String>> =
                tx.query_opt("SELECT account FROM saved_views WHERE name = ?1", params![name], |r| r.get(0))?;
            if let Some(owner) = owner
                && owner.as_deref() != Some(rights.account.as_str())
            {
                return Err(Refusal::ViewOfOther { name: name.to_string(), owner, account: rights.account }.into());
            }
        }
        Ok(Some(rights.account))
    }

    /// An offline copy of a viewer's account changes nothing.
    pub(super) fn check_copy_not_read_only(&self) -> Result<(), DbError> {
        match self.copy_rights()? {
            Some(r) if r.role == "viewer" => Err(Refusal::ViewOnly { account: r.account, copy: true }.into()),
            _ => Ok(()),
        }
    }

    /// An offline copy of a district editor's account changes only its places' projects.
    pub(super) fn check_copy_may_write(&self, tx: &Conn, projects: &[i64]) -> Result<(), DbError> {
        let Some(rights) = self.copy_rights()?.filter(|r| r.role == "district") else { return Ok(()) };
        for &project in projects {
            let place: Option<i64> =
                tx.query_opt("SELECT place_id FROM projects WHERE id = ?1", params![project], |r| r.get(0))?;
            if let Some(place) = place
                && !inside(tx, place, &rights.places)?
            {
                let name: String =
                    tx.query_row("SELECT name FROM projects WHERE id = ?1", params![project], |r| r.get(0))?;
                let places = place_names(tx, &rights.places)?;
                return Err(Refusal::NotYourProject { account: rights.account, places, name, copy: true }.into());
            }
        }
        Ok(())
    }

    /// An offline copy of a district editor's account does not move a project out of its places.
    pub(super) fn check_copy_may_place(&self, tx: &Conn, place: Option<i64>, name: &str) -> Result<(), DbError> {
        let Some(rights) = self.copy_rights()?.filter(|r| r.role == "district") else { return Ok(()) };
        match place {
            Some(place) if !inside(tx, place, &rights.places)? => {
                Err(Refusal::NotYourPlace { account: rights.account, place: name.to_string(), copy: true }.into())
            }
            _ => Ok(()),
        }
    }
}

/// Whether `place` lies in one of `places`.
fn inside(tx: &Conn, place: i64, places: &[i64]) -> Result<bool, DbError> {
    let up: Vec<i64> = tx.query_map(PLACES_UP, params![place], |r| r.get(0))?;
    Ok(up.iter().any(|id| places.contains(id)))
}

fn place_names(tx: &Conn, places: &[i64]) -> Result<Vec<String>, DbError> {
    let mut names = Vec::new();
    for &id in places {
        if let Some(name) =
            tx.query_opt::<String>("SELECT name FROM places WHERE id = ?1", params![id], |r| r.get(0))?
        {
            names.push(name);
        }
    }
    Ok(names)
}
