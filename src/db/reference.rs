//! Reference tables: the plan, its boxes, places, categories and indicators.

use crate::domain::{CATEGORIES, Comparator, Indicator, PLACES, Zhuanlan};
use crate::seed::{PLAN_CITY, PLAN_END_YEAR, PLAN_START_YEAR, PLAN_TITLE, PlanSeed};

use super::DbError;
use super::projects::comparator;
use super::sql::{Conn, params};

/// Writes the plan row, its boxes, the places and the categories; returns the plan's id.
pub fn insert_reference_tx(tx: &Conn, seed: &PlanSeed) -> Result<i64, DbError> {
    let plan_id = tx.insert(
        "INSERT INTO plans (title, start_year, end_year, city, origin, created_at) \
         VALUES (?1, ?2, ?3, ?4, 'seed', ?5)",
        params![PLAN_TITLE, PLAN_START_YEAR, PLAN_END_YEAR, PLAN_CITY, super::recorder::utc_now()],
    )?;
    let boxes = "INSERT INTO zhuanlan (plan_id, number, numbered, title) VALUES (?1, ?2, ?3, ?4)";
    for b in &seed.boxes {
        tx.execute(boxes, params![plan_id, b.number, b.numbered, b.title])?;
    }
    let place = "INSERT INTO places (name, name_en, kind, parent_id, basis) \
         VALUES (?1, ?2, ?3, (SELECT id FROM places WHERE name = ?4 ORDER BY id LIMIT 1), ?5)";
    for p in PLACES {
        tx.execute(place, params![p.name, p.en, p.kind.code(), p.parent, p.basis])?;
    }
    let group = "INSERT INTO place_groups (group_id, member_id) \
         SELECT g.id, m.id FROM places g, places m WHERE g.name = ?1 AND m.name = ?2";
    for p in PLACES {
        for g in p.member_of {
            tx.execute(group, params![g, p.name])?;
        }
    }
    let category = "INSERT INTO categories (code, label_zh, label_en, sort_order) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (code) DO NOTHING";
    for (i, c) in (0i64..).zip(CATEGORIES) {
        tx.execute(category, params![c.code, c.zh, c.en, i])?;
    }
    Ok(plan_id)
}

/// Writes the indicators of 专栏1.
pub fn insert_indicators_tx(tx: &Conn, plan_id: i64, indicators: &[Indicator]) -> Result<(), DbError> {
    let stmt = "INSERT INTO indicators (plan_id, number, group_name, name, unit, value_2020_text, value_2020, \
         target_2025_text, target_2025, cumulative, value_2020_comparator, target_2025_comparator) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    for i in indicators {
        tx.execute(
            stmt,
            params![
                plan_id,
                i.number,
                i.group,
                i.name,
                i.unit,
                i.value_2020_text,
                i.value_2020,
                i.target_2025_text,
                i.target_2025,
                i.cumulative,
                i.value_2020_comparator.map(Comparator::code),
                i.target_2025_comparator.map(Comparator::code)
            ],
        )?;
    }
    Ok(())
}

/// The indicators, by number.
pub fn load_indicators(conn: &Conn, plan_id: i64) -> Result<Vec<Indicator>, DbError> {
    let stmt = "SELECT number, group_name, name, unit, value_2020_text, value_2020, target_2025_text, target_2025, cumulative, \
         value_2020_comparator, target_2025_comparator FROM indicators WHERE plan_id = ?1 ORDER BY number";
    let rows = conn.query_map(stmt, params![plan_id], |r| {
        let codes: (Option<String>, Option<String>) = (r.get(9)?, r.get(10)?);
        let indicator = Indicator {
            number: r.get(0)?,
            group: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            value_2020_text: r.get(4)?,
            value_2020: r.get(5)?,
            value_2020_comparator: None,
            target_2025_text: r.get(6)?,
            target_2025: r.get(7)?,
            target_2025_comparator: None,
            cumulative: r.get(8)?,
        };
        Ok((indicator, codes))
    })?;
    let mut out = Vec::new();
    for (indicator, (value_code, target_code)) in rows {
        out.push(Indicator {
            value_2020_comparator: comparator(value_code)?,
            target_2025_comparator: comparator(target_code)?,
            ..indicator
        });
    }
    Ok(out)
}

/// The plan's boxes, by number.
pub fn load_boxes(conn: &Conn, plan_id: i64) -> Result<Vec<Zhuanlan>, DbError> {
    let stmt = "SELECT number, numbered, title FROM zhuanlan WHERE plan_id = ?1 ORDER BY number";
    conn.query_map(stmt, params![plan_id], |r| {
        Ok(Zhuanlan { number: r.get(0)?, numbered: r.get(1)?, title: r.get(2)? })
    })
}
