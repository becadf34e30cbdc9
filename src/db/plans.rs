//! Plans: the list, the current one, archiving, and the places of a plan's city.

use std::collections::{HashMap, HashSet};

use crate::domain::{Gazetteer, LightRules, PLACES, Place, PlaceKind, Plan};

use super::sql::{Conn, params};
use super::{Db, DbError, Refusal};

/// Every plan with its number of projects (not in the bin), by id.
pub(super) fn load_plans(conn: &Conn) -> Result<Vec<Plan>, DbError> {
    conn.query_map(
        "SELECT pl.id, pl.title, pl.start_year, pl.end_year, pl.archived, pl.city, pl.origin, \
         (SELECT count(*) FROM projects p WHERE p.plan_id = pl.id AND p.deleted_at IS NULL) \
         FROM plans pl ORDER BY pl.id",
        params![],
        |r| {
            Ok(Plan {
                id: r.get(0)?,
                title: r.get(1)?,
                start_year: r.get(2)?,
                end_year: r.get(3)?,
                archived: r.get(4)?,
                city: r.get(5)?,
                origin: r.get(6)?,
                projects: r.get::<i64>(7)?.try_into().unwrap_or_default(),
            })
        },
    )
}

/// The id of the plan the window and the commands work on when none is named: the one last
/// chosen, else the first.
pub(super) fn current_plan_id(conn: &Conn) -> Result<Option<i64>, DbError> {
    let chosen: Option<i64> = conn.query_opt(
        "SELECT p.id FROM meta m JOIN plans p ON CAST(m.value AS BIGINT) = p.id WHERE m.key = 'current_plan'",
        params![],
        |r| r.get(0),
    )?;
    match chosen {
        Some(id) => Ok(Some(id)),
        None => conn.query_row("SELECT min(id) FROM plans", params![], |r| r.get(0)),
    }
}

/// The places of the plan's city and everything below it, parents before children, with the
/// bundled gazetteer's aliases for the places it knows.
pub(super) fn load_gazetteer(conn: &Conn, city: Option<&str>) -> Result<Gazetteer, DbError> {
    let all: Vec<PlaceRow> =
        conn.query_map("SELECT id, name, name_en, kind, parent_id, basis FROM places ORDER BY id", params![], |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<String>(3)?,
                r.get::<Option<i64>>(4)?,
                r.get::<String>(5)?,
            ))
        })?;
    let name_of: HashMap<i64, String> = all.iter().map(|(id, name, ..)| (*id, name.clone())).collect();
    // The city: the first place of that name (a county-level city such as 盘州市 can head a plan
    // of its own); without one, every root.
    let mut inside: HashSet<i64> = match city {
        Some(c) => all.iter().find(|p| p.1 == c).map(|p| p.0).into_iter().collect(),
        None => all.iter().filter(|p| p.4.is_none()).map(|p| p.0).collect(),
    };
    // The whole subtree: a reviewer may have put a place under one made after it, so ids do
    // not always grow from parent to child.
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, .., parent, _) in &all {
        if let Some(parent) = parent {
            children.entry(*parent).or_default().push(*id);
        }
    }
    let mut stack: Vec<i64> = inside.iter().copied().collect();
    while let Some(id) = stack.pop() {
        for &child in children.get(&id).into_iter().flatten() {
            if inside.insert(child) {
                stack.push(child);
            }
        }
    }
    let all = parents_first(all);
    let mut groups: HashMap<i64, Vec<String>> = HashMap::new();
    let pairs = conn.query_map("SELECT member_id, group_id FROM place_groups", params![], |r| {
        Ok((r.get::<i64>(0)?, r.get::<i64>(1)?))
    })?;
    for (member, group) in pairs {
        if let Some(name) = name_of.get(&group) {
            groups.entry(member).or_default().push(name.clone());
        }
    }
    let mut places = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (id, name, en, kind, parent, basis) in all.into_iter().filter(|p| inside.contains(&p.0)) {
        // A name is one place in a gazetteer: the first made keeps it. Another plan may have
        // made a place of the same name further down (a ledger of 盘州市 naming 钟山区 gets a
        // place of its own under 盘州市); the city's own 钟山区 stays the one its plan sees.
        if !seen.insert(name.clone()) {
            continue;
        }
        let kind = PlaceKind::parse(&kind).ok_or_else(|| DbError::BadValue(format!("place kind {kind:?}")))?;
        let aliases = PLACES
            .iter()
            .find(|p| p.name == name && p.basis == basis)
            .map(|p| p.aliases.iter().map(|a| (*a).to_string()).collect())
            .unwrap_or_default();
        places.push(Place {
            parent: parent.and_then(|p| name_of.get(&p)).cloned(),
            member_of: groups.remove(&id).unwrap_or_default(),
            name,
            en,
            kind,
            aliases,
            basis,
        });
    }
    Ok(Gazetteer::from_places(places))
}

/// A place row: id, name, name_en, kind, parent, basis.
type PlaceRow = (i64, String, String, String, Option<i64>, String);

/// The rows in id order, except that a place comes after its parent where the reviewer put it
/// under a later one (the gazetteer lists parents before children).
fn parents_first(all: Vec<PlaceRow>) -> Vec<PlaceRow> {
    let ids: HashSet<i64> = all.iter().map(|p| p.0).collect();
    let mut out: Vec<PlaceRow> = Vec::with_capacity(all.len());
    let mut done: HashSet<i64> = HashSet::new();
    let mut waiting: HashMap<i64, Vec<PlaceRow>> = HashMap::new();
    for row in all {
        match row.4 {
            Some(parent) if ids.contains(&parent) && !done.contains(&parent) => {
                waiting.entry(parent).or_default().push(row);
            }
            _ => {
                let mut ready = vec![row];
                while let Some(row) = ready.pop() {
                    done.insert(row.0);
                    if let Some(mut kids) = waiting.remove(&row.0) {
                        kids.reverse();
                        ready.extend(kids);
                    }
                    out.push(row);
                }
            }
        }
    }
    // A cycle cannot be made through the app; rows caught in one written by hand still show.
    let mut rest: Vec<PlaceRow> = waiting.into_values().flatten().collect();
    rest.sort_by_key(|p| p.0);
    out.extend(rest);
    out
}

/// The id of the place called `name` inside the plan's city (the city itself included).
pub(super) fn place_id_in(conn: &Conn, city: Option<&str>, name: &str) -> Result<Option<i64>, DbError> {
    conn.query_opt(
        "WITH RECURSIVE tree(id) AS ( \
            SELECT id FROM places WHERE CASE WHEN CAST(?1 AS TEXT) IS NULL THEN parent_id IS NULL \
                ELSE id = (SELECT min(id) FROM places WHERE name = ?1) END \
            UNION ALL SELECT p.id FROM places p JOIN tree t ON p.parent_id = t.id) \
         SELECT id FROM places WHERE name = ?2 AND id IN (SELECT id FROM tree) ORDER BY id LIMIT 1",
        params![city, name],
        |r| r.get(0),
    )
}

/// The plan a project belongs to.
pub(super) fn plan_of(conn: &Conn, project: i64) -> Result<i64, DbError> {
    conn.query_row("SELECT plan_id FROM projects WHERE id = ?1", params![project], |r| r.get(0))
}

/// The first year of the plan a project belongs to.
pub(super) fn plan_start_of(conn: &Conn, project: i64) -> Result<i32, DbError> {
    conn.query_row(
        "SELECT pl.start_year FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1",
        params![project],
        |r| r.get(0),
    )
}

impl Db {
    /// The place a new plan's title names as its city: a place the database knows, the earliest
    /// in the title (the longest at that spot: 六盘水市 before 六盘水); else a city, prefecture or
    /// county the title starts with (`遵义市…` → 遵义市, made new); else `fallback`.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn city_for_title(&self, title: &str, fallback: Option<&str>) -> Result<String, DbError> {
        let names: Vec<String> = self.conn.query_map("SELECT DISTINCT name FROM places", params![], |r| r.get(0))?;
        let known = names
            .into_iter()
            .filter_map(|n| title.find(n.as_str()).map(|at| (at, std::cmp::Reverse(n.len()), n)))
            .min()
            .map(|(_, _, n)| n);
        Ok(known
            .or_else(|| super::NewPlan::city_in_title(title))
            .or_else(|| fallback.map(str::to_string))
            .unwrap_or_else(|| title.to_string()))
    }

    /// Every plan, by id.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn plans(&self) -> Result<Vec<Plan>, DbError> {
        load_plans(&self.conn)
    }

    /// The plan with this id.
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or on SQLite failures.
    pub fn plan(&self, id: i64) -> Result<Plan, DbError> {
        self.plans()?.into_iter().find(|p| p.id == id).ok_or(DbError::NoSuchPlan(id))
    }

    /// The plan worked on when none is named.
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`] (0) in a database without plans, or on SQLite failures.
    pub fn current_plan(&self) -> Result<Plan, DbError> {
        self.plan(self.current_plan_id()?)
    }

    /// The id of [`Db::current_plan`], without reading the plans (which counts each one's
    /// projects: at 100,000 projects a read of the whole table, several times a command).
    ///
    /// # Errors
    /// As [`Db::current_plan`].
    pub fn current_plan_id(&self) -> Result<i64, DbError> {
        match self.chosen_plan.get() {
            Some(id) => self
                .conn
                .query_opt("SELECT id FROM plans WHERE id = ?1", params![id], |r| r.get(0))?
                .ok_or(DbError::NoSuchPlan(id)),
            None => current_plan_id(&self.conn)?.ok_or(DbError::NoSuchPlan(0)),
        }
    }

    /// Works on plan `id` through this handle (the command line's `--plan ID`), leaving the
    /// stored current plan as it is.
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or on SQLite failures.
    pub fn choose_plan(&self, id: i64) -> Result<(), DbError> {
        self.plan(id)?;
        self.chosen_plan.set(Some(id));
        Ok(())
    }

    /// Switches the plan this handle works on, as the window does. In a file it is the stored
    /// current plan (the file opens on it next time). On a server it is this handle's alone:
    /// the other reviewers keep theirs, and the stored one stays the server's default (set with
    /// `taizhang plan use`).
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or the engine's errors.
    pub fn work_on_plan(&self, id: i64) -> Result<(), DbError> {
        if self.url.is_some() { self.choose_plan(id) } else { self.set_current_plan(id) }
    }

    /// Makes `id` the plan worked on when none is named (the window opens on it).
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or on SQLite failures.
    pub fn set_current_plan(&self, id: i64) -> Result<(), DbError> {
        self.plan(id)?;
        self.chosen_plan.set(None);
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('current_plan', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![id.to_string()],
        )?;
        Ok(())
    }

    /// Archives a plan (read-only from then on) or takes it out of the archive.
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or on SQLite failures.
    pub fn set_archived(&self, id: i64, archived: bool) -> Result<(), DbError> {
        self.plan(id)?;
        self.write_one("UPDATE plans SET archived = ?2 WHERE id = ?1", params![id, archived])?;
        Ok(())
    }

    /// Puts `place`, one a plan import made (kind `place`), under `parent`, both in the plan's
    /// city: the reviewer says where a street or a village lies, which nothing in a ledger
    /// states. The city's own places (districts, towns) keep the hierarchy they were seeded with.
    ///
    /// # Errors
    /// [`DbError::BadValue`] saying why, for a place outside the plan's city, one that is not
    /// the import's, a parent inside the place itself, or a parent that already has a place of
    /// that name; SQLite failures. Nothing is changed then.
    pub fn set_place_parent(&self, plan: &Plan, place: &str, parent: &str) -> Result<(), DbError> {
        let city = plan.city.as_deref();
        let outside = |name: &str| Refusal::NotAPlace(name.to_string());
        let id = place_id_in(&self.conn, city, place)?.ok_or_else(|| outside(place))?;
        let parent_id = place_id_in(&self.conn, city, parent)?.ok_or_else(|| outside(parent))?;
        let kind: String = self.conn.query_row("SELECT kind FROM places WHERE id = ?1", params![id], |r| r.get(0))?;
        if kind != PlaceKind::Named.code() {
            return Err(Refusal::FixedPlace(place.to_string()).into());
        }
        let inside: bool = self.conn.query_row(
            "WITH RECURSIVE tree(id) AS (SELECT CAST(?1 AS BIGINT) \
                UNION ALL SELECT p.id FROM places p JOIN tree t ON p.parent_id = t.id) \
             SELECT CAST(?2 AS BIGINT) IN (SELECT id FROM tree)",
            params![id, parent_id],
            |r| r.get(0),
        )?;
        if inside {
            return Err(Refusal::InsidePlace { parent: parent.to_string(), place: place.to_string() }.into());
        }
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM places WHERE parent_id = ?1 AND name = ?2 AND id <> ?3)",
            params![parent_id, place, id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Refusal::PlaceTaken { parent: parent.to_string(), place: place.to_string() }.into());
        }
        self.write_one("UPDATE places SET parent_id = ?2 WHERE id = ?1", params![id, parent_id])?;
        Ok(())
    }

    /// A plan's light rules; the default set (gap-10-30) where none were chosen, or where the
    /// stored ones no longer read (with a warning).
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], or on SQLite failures.
    pub fn light_rules(&self, plan: i64) -> Result<LightRules, DbError> {
        let json: Option<Option<String>> =
            self.conn.query_opt("SELECT light_rules FROM plans WHERE id = ?1", params![plan], |r| r.get(0))?;
        let Some(json) = json else { return Err(DbError::NoSuchPlan(plan)) };
        Ok(json
            .and_then(|j| {
                serde_json::from_str(&j).inspect_err(|e| log::warn!("plan {plan}: light rules unreadable ({e})")).ok()
            })
            .unwrap_or_default())
    }

    /// Sets a plan's light rules after checking them; an archived plan keeps its rules.
    ///
    /// # Errors
    /// [`DbError::BadValue`] with what is wrong with the rules (both languages),
    /// [`DbError::Archived`], [`DbError::NoSuchPlan`], or SQLite failures.
    pub fn set_light_rules(&self, plan: i64, rules: &LightRules) -> Result<(), DbError> {
        if self.plan(plan)?.archived {
            return Err(DbError::Archived);
        }
        let problems = rules.check();
        if !problems.is_empty() {
            return Err(Refusal::Rules(problems).into());
        }
        let json = serde_json::to_string(rules).map_err(|e| DbError::BadValue(e.to_string()))?;
        self.write_one("UPDATE plans SET light_rules = ?2 WHERE id = ?1", params![plan, json])?;
        Ok(())
    }

    /// The places of a plan's city.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn gazetteer_of(&self, plan: &Plan) -> Result<Gazetteer, DbError> {
        load_gazetteer(&self.conn, plan.city.as_deref())
    }
}
