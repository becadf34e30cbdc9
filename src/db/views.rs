//! Saved views: a named filter and the screen it belongs to, kept in the database so they
//! travel with it.

use rusqlite::params;

use super::{Db, DbError};
use crate::domain::Filter;

/// A saved view.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub filter: Filter,
    /// True for a view saved on the charts screen.
    pub charts: bool,
}

impl Db {
    /// Saves (or replaces, by name) a view.
    ///
    /// # Errors
    /// An empty or over-long name, or a SQLite failure.
    pub fn save_view(&self, name: &str, filter: &Filter, charts: bool) -> Result<(), DbError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(DbError::BadValue("视图名称应为 1–100 字 / a view name has 1–100 characters".into()));
        }
        let json = serde_json::to_string(filter).map_err(|e| DbError::BadValue(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO saved_views (name, filter_json, screen) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO UPDATE SET filter_json = excluded.filter_json, screen = excluded.screen",
            params![name, json, if charts { "charts" } else { "table" }],
        )?;
        Ok(())
    }

    /// Every saved view, by name. A view whose filter no longer reads is skipped with a warning.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn views(&self) -> Result<Vec<SavedView>, DbError> {
        let mut stmt = self.conn.prepare("SELECT id, name, filter_json, screen FROM saved_views ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, json, screen) = row?;
            match serde_json::from_str(&json) {
                Ok(filter) => out.push(SavedView { id, name, filter, charts: screen == "charts" }),
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
        self.conn.execute("DELETE FROM saved_views WHERE id = ?1", [id])?;
        Ok(())
    }
}
