//! Saved views: a named filter, the screen it belongs to and the kinds of slide its
//! presentation holds, kept in the database so they travel with it.

use super::sql::params;
use super::{Db, DbError, Refusal};
use crate::domain::{Filter, SlideKind};

/// A saved view.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub filter: Filter,
    /// True for a view saved on the charts screen.
    pub charts: bool,
    /// The kinds of slide its presentation holds.
    pub slides: Vec<SlideKind>,
}

/// Saves a view by name (filter, screen, slides, plan, account); a view of that name keeps
/// its owner. Used by [`Db::save_view`] and by a sync sending an offline copy's views.
pub(super) const UPSERT_VIEW: &str = "INSERT INTO saved_views (name, filter_json, screen, slides_json, plan_id, account) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
     ON CONFLICT (name) DO UPDATE SET filter_json = excluded.filter_json, screen = excluded.screen, \
     slides_json = excluded.slides_json, plan_id = excluded.plan_id";

impl Db {
    /// Saves (or replaces, by name) a view of the current plan.
    ///
    /// # Errors
    /// An empty or over-long name, a name another plan's view has, or a SQLite failure.
    pub fn save_view(&self, name: &str, filter: &Filter, charts: bool, slides: &[SlideKind]) -> Result<(), DbError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Refusal::ViewName.into());
        }
        let json = serde_json::to_string(filter).map_err(|e| DbError::BadValue(e.to_string()))?;
        let codes: Vec<&str> = slides.iter().map(|k| k.code()).collect();
        let slides_json = serde_json::to_string(&codes).map_err(|e| DbError::BadValue(e.to_string()))?;
        let plan = self.current_plan_id()?;
        let elsewhere: Option<String> = self.conn.query_opt(
            "SELECT p.title FROM saved_views v JOIN plans p ON p.id = coalesce(v.plan_id, (SELECT min(id) FROM plans)) \
             WHERE v.name = ?1 AND p.id <> ?2",
            params![name, plan],
            |r| r.get(0),
        )?;
        if let Some(title) = elsewhere {
            return Err(Refusal::ViewElsewhere { plan: title, name: name.to_string() }.into());
        }
        let tx = self.write_tx()?;
        let account = self.view_owner(&tx, name)?;
        // The owner stays the account that saved the view first.
        tx.execute(
            UPSERT_VIEW,
            params![name, json, if charts { "charts" } else { "table" }, slides_json, plan, account],
        )?;
        super::offline::view_changed(&tx, name)?;
        let revision = super::recorder::bump_revision(&tx)?;
        tx.commit()?;
        self.wrote(revision);
        Ok(())
    }

    /// The current plan's saved views, by name (a view written without a plan counts as the
    /// first plan's, as migration 8 counts the views from before it). A view whose filter no
    /// longer reads is skipped with a warning.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn views(&self) -> Result<Vec<SavedView>, DbError> {
        let plan = self.current_plan_id()?;
        let rows = self.conn.query_map(
            "SELECT id, name, filter_json, screen, slides_json FROM saved_views \
             WHERE coalesce(plan_id, (SELECT min(id) FROM plans)) = ?1 ORDER BY name",
            params![plan],
            |r| {
                let text = |i| r.get::<String>(i);
                Ok((r.get::<i64>(0)?, text(1)?, text(2)?, text(3)?, r.get::<Option<String>>(4)?))
            },
        )?;
        let mut out = Vec::new();
        let mut rows = rows;
        // By the name's characters, the same on both engines (a server's collation may sort
        // Chinese by pinyin and a file's by code point).
        rows.sort_by(|a, b| a.1.cmp(&b.1));
        for (id, name, json, screen, slides_json) in rows {
            match serde_json::from_str(&json) {
                Ok(filter) => {
                    let slides = slide_kinds(slides_json.as_deref(), &name);
                    out.push(SavedView { id, name, filter, charts: screen == "charts", slides });
                }
                Err(e) => log::warn!("saved view {name:?} skipped: {e}"),
            }
        }
        Ok(out)
    }

    /// Deletes a saved view.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn delete_view(&self, id: i64) -> Result<(), DbError> {
        let tx = self.write_tx()?;
        let name: Option<String> =
            tx.query_opt("SELECT name FROM saved_views WHERE id = ?1", params![id], |r| r.get(0))?;
        let Some(name) = name else { return Ok(()) };
        self.view_owner(&tx, &name)?;
        tx.execute("DELETE FROM saved_views WHERE id = ?1", params![id])?;
        super::offline::view_changed(&tx, &name)?;
        let revision = super::recorder::bump_revision(&tx)?;
        tx.commit()?;
        self.wrote(revision);
        Ok(())
    }
}

/// The slide kinds a view keeps: every kind for views saved before they were kept; codes this
/// version does not know (from a newer one) are left out with a warning.
fn slide_kinds(json: Option<&str>, view: &str) -> Vec<SlideKind> {
    let Some(json) = json else { return SlideKind::ALL.to_vec() };
    match serde_json::from_str::<Vec<String>>(json) {
        Ok(codes) => codes
            .iter()
            .filter_map(|c| {
                let kind = SlideKind::parse(c);
                if kind.is_none() {
                    log::warn!("saved view {view:?}: unknown slide kind {c:?} left out");
                }
                kind
            })
            .collect(),
        Err(e) => {
            log::warn!("saved view {view:?}: slides unreadable ({e}); showing every kind");
            SlideKind::ALL.to_vec()
        }
    }
}
