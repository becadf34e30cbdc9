//! Offline copies of a server database: `checkout` makes a SQLite file of the whole portfolio
//! that remembers its server and the last change it has seen; the reviewer works on it as on
//! any file; `sync` sends the copy's changes (each changeset once, marked with where it came
//! from) and takes everyone else's, in one step. A change to a field, a report or an item that
//! the server also changed since the copy last saw it is a conflict: the server's value stays,
//! the copy's is kept in a list for the reviewer, nothing is overwritten without a word.

mod views;

pub use views::ViewsSent;
use views::send_views;
pub(in crate::db) use views::view_changed;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::domain::{Problem, Report};

use super::problems::{read_problem, replace};
use super::push::{Pushed, check_tables, clear_since, clear_touched, copy_all, copy_scoped, copy_since};
use super::recorder::{REPORT_COLUMNS, Recorder, Stamp, known_field, next_id, read_field, report_from_row};
use super::review::{Change, ReviewError};
use super::sql::params;
use super::{Db, DbError, Refusal};

const SERVER: &str = "offline_server";
const REVISION: &str = "offline_revision";
const CHANGESET: &str = "offline_changeset";
const ORIGIN: &str = "offline_origin";
/// The server database's own identity (a random id made when its schema was), checked at each
/// sync: a copy never writes into another database than the one it came from.
const SERVER_ID: &str = "offline_server_id";
/// The saved views made, changed or deleted in an offline copy since its last sync, by name:
/// views are not in the history, and the sync sends them from this list.
const VIEWS: &str = "offline_views";
const CONFLICTS: &str = "offline_conflicts";
/// How a conflict is written in the server's history: `conflict:responsible_unit`.
pub(super) const CONFLICT_PREFIX: &str = "conflict:";

/// A change made in the copy that the server had changed too; the server's value stayed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub project: i64,
    pub project_name: String,
    /// The field (`status`, `report`, `problem`, …).
    pub field: String,
    /// The copy's value, as recorded.
    pub mine: Option<String>,
    /// The server's value when the copy's was refused.
    pub theirs: Option<String>,
    /// Who made the copy's change, and when (local time).
    pub reviewer: String,
    pub at: String,
    /// The copy's report or item before and after its change (JSON), so that 采用我的 can put
    /// it back; none for a field (`mine` is the value) and for conflicts of an earlier,
    /// interrupted sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
    /// Why the server refused the copy's change (its account may no longer change the project,
    /// the plan was archived), in both languages; `None` for a change the server also made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// A report or item as the copy had it before and after its change (JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Conflict {
    /// Whether 采用我的 can settle it: a field, or a report or item whose change is kept.
    pub fn can_take_mine(&self) -> bool {
        if self.refused.is_some() {
            return false;
        }
        match self.field.as_str() {
            "light" => false,
            "report" | "problem" => self.recorded.is_some(),
            _ => true,
        }
    }
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Synced {
    /// The copy's changesets the server took now.
    pub sent: usize,
    /// The copy's changesets the server had taken already (a sync repeated after an interruption).
    pub already: usize,
    /// The copy's changesets the server refused (the account's places narrowed, the plan
    /// archived): kept as conflicts with the reason, so that the rest went through.
    pub refused: usize,
    /// The conflicts of this sync (the copy keeps every one not yet resolved).
    pub conflicts: Vec<Conflict>,
    /// The rows taken from the server.
    pub pulled: Pushed,
    /// The server's revision the copy is at now.
    pub revision: i64,
    /// The saved views made, changed or deleted in the copy that were sent.
    pub views: ViewsSent,
}

/// A report's content, whatever its id and filing time.
fn same_report(a: Option<&Report>, b: Option<&Report>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            Report { id: 0, created_at: String::new(), ..a.clone() }
                == Report { id: 0, created_at: String::new(), ..b.clone() }
        }
        _ => false,
    }
}

fn report_text(r: Option<&Report>) -> Option<String> {
    r.map(|r| {
        let done = r.done.map(|d| format!(" {d}")).unwrap_or_default();
        format!("{} {}{done} {}({})", r.period, r.status.label_zh(), r.progress_text, r.reviewer)
    })
}

fn item_text(p: Option<&Problem>) -> Option<String> {
    p.map(|p| format!("{} [{}]", p.text, p.status.code()))
}

/// The copy's report or item change behind a conflict an earlier sync recorded on the server:
/// the one of the same project and field whose value reads as the conflict's.
fn recorded_for(conflict: &Conflict, changes: &[Change]) -> Option<Recorded> {
    let reads_as = |change: &Change| -> Option<String> {
        match change.field.as_str() {
            "report" => report_text(parse::<Report>(change.new.as_ref()).ok()?.as_ref()),
            "problem" => item_text(parse::<Problem>(change.new.as_ref()).ok()?.as_ref()),
            _ => None,
        }
    };
    changes
        .iter()
        .filter(|c| c.project == conflict.project && c.field == conflict.field)
        .find(|c| reads_as(c) == conflict.mine)
        .map(|c| Recorded { old: c.old.clone(), new: c.new.clone() })
}

fn parse<T: for<'de> Deserialize<'de>>(text: Option<&String>) -> Result<Option<T>, DbError> {
    text.map(|t| serde_json::from_str(t)).transpose().map_err(|e| DbError::BadValue(e.to_string()))
}

/// The conflicts of a changeset the server took in an earlier sync, as that sync recorded them.
fn conflicts_recorded(tx: &super::sql::Conn, key: &str, reviewer: &str, at: &str) -> Result<Vec<Conflict>, DbError> {
    tx.query_map(
        "SELECT c.project_id, p.name, c.field, c.old_value, c.new_value FROM changes c \
         JOIN projects p ON p.id = c.project_id \
         WHERE c.changeset_id = taizhang_changeset_of(?1) AND c.field LIKE 'conflict:%' ORDER BY c.id",
        params![key],
        |r| {
            Ok(Conflict {
                project: r.get(0)?,
                project_name: r.get(1)?,
                field: r.get::<String>(2)?.trim_start_matches(CONFLICT_PREFIX).to_string(),
                theirs: r.get(3)?,
                mine: r.get(4)?,
                reviewer: reviewer.to_string(),
                at: crate::domain::local_time_text(at),
                recorded: None,
                refused: None,
            })
        },
    )
}

/// The server database's identity (see [`SERVER_ID`]).
fn server_identity(server: &Db) -> Result<String, DbError> {
    server.conn.query_row("SELECT taizhang_server_id()", params![], |r| r.get(0))
}

/// The rights of the account `server` is connected as, to keep in its copy (`null`: none).
fn rights_json(server: &Db) -> Result<String, DbError> {
    serde_json::to_string(&server.account_rights()?).map_err(|e| DbError::BadValue(e.to_string()))
}

/// A copy's changeset not yet sent: (id, at, reviewer, summary, sync key).
type Unsent = (i64, String, String, String, String);

/// One local changeset being replayed on the server.
struct Replay<'r, 't, 'c> {
    rec: &'r Recorder<'t, 'c>,
    reviewer: &'r str,
    at: &'r str,
    conflicts: &'r mut Vec<Conflict>,
    /// Items first made in the copy: the copy's id → the server's.
    new_items: &'r mut HashMap<i64, i64>,
}

impl Replay<'_, '_, '_> {
    fn conflict(
        &mut self,
        change: &Change,
        (mine, theirs): (Option<String>, Option<String>),
        recorded: Option<Recorded>,
    ) -> Result<(), DbError> {
        // Kept on the server too, in the changeset's history (`conflict:FIELD`, theirs → mine):
        // a sync interrupted after the server's commit and run again finds it there.
        let field = format!("{CONFLICT_PREFIX}{}", change.field);
        self.rec.record(change.project, &field, theirs.as_deref(), mine.as_deref())?;
        let project_name: String = self
            .rec
            .tx
            .query_opt("SELECT name FROM projects WHERE id = ?1", params![change.project], |r| r.get(0))?
            .unwrap_or_default();
        self.conflicts.push(Conflict {
            project: change.project,
            project_name,
            field: change.field.clone(),
            mine,
            theirs,
            reviewer: self.reviewer.to_string(),
            at: crate::domain::local_time_text(self.at),
            recorded,
            refused: None,
        });
        Ok(())
    }

    fn field(&mut self, change: &Change) -> Result<(), DbError> {
        let current = read_field(self.rec.tx, change.project, &change.field)?;
        if current == change.new {
            Ok(())
        } else if current == change.old {
            self.rec.set(change.project, &change.field, change.new.as_deref())
        } else {
            self.conflict(change, (change.new.clone(), current), None)
        }
    }

    fn report(&mut self, change: &Change) -> Result<(), DbError> {
        let (old, new): (Option<Report>, Option<Report>) = (parse(change.old.as_ref())?, parse(change.new.as_ref())?);
        let Some(period) = new.as_ref().or(old.as_ref()).map(|r| r.period) else { return Ok(()) };
        let current = report_of_month(self.rec, change.project, period)?;
        if same_report(current.as_ref(), new.as_ref()) {
            return Ok(());
        }
        if !same_report(current.as_ref(), old.as_ref()) {
            let recorded = recorded_of(change);
            return self.conflict(change, (report_text(new.as_ref()), report_text(current.as_ref())), Some(recorded));
        }
        put_report(self.rec, change.project, current.as_ref(), new)
    }

    fn problem(&mut self, change: &Change) -> Result<(), DbError> {
        let (old, new): (Option<Problem>, Option<Problem>) = (parse(change.old.as_ref())?, parse(change.new.as_ref())?);
        let Some(old) = old else {
            // Made in the copy: a new item on the server (unless the same one is open there).
            let Some(new) = new else { return Ok(()) };
            let open: bool = self.rec.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM problems WHERE project_id = ?1 AND kind = ?2 AND text = ?3 \
                 AND status <> 'resolved')",
                params![new.project.0, new.kind.code(), new.text],
                |r| r.get(0),
            )?;
            if !open {
                let id = next_id(self.rec.tx, "problems")?;
                self.new_items.insert(new.id, id);
                replace(self.rec, change.project, None, Some(&Problem { id, ..new }))?;
            }
            return Ok(());
        };
        let id = self.new_items.get(&old.id).copied().unwrap_or(old.id);
        let current = read_problem(self.rec.tx, id)?;
        let (old, new) = (Problem { id, ..old }, new.map(|n| Problem { id, ..n }));
        if current == new {
            Ok(())
        } else if current.as_ref() == Some(&old) {
            replace(self.rec, change.project, current.as_ref(), new.as_ref())
        } else {
            // With the server's id, as the copy will know the item after this sync.
            let json = |p: Option<&Problem>| p.map(serde_json::to_string).transpose();
            let recorded = Recorded {
                old: json(Some(&old)).map_err(|e| DbError::BadValue(e.to_string()))?,
                new: json(new.as_ref()).map_err(|e| DbError::BadValue(e.to_string()))?,
            };
            self.conflict(change, (item_text(new.as_ref()), item_text(current.as_ref())), Some(recorded))
        }
    }
}

impl Db {
    /// Copies the server database at `url` (all plans, reports, history, views, items) into a
    /// new file at `dest` for offline work; the file remembers the server and the last change
    /// it has seen. Written beside `dest` and renamed into place: a failed checkout leaves no file.
    ///
    /// # Errors
    /// An existing `dest`, the server's errors, a full disk.
    pub fn checkout(url: &str, password: Option<&str>, dest: &Path) -> Result<Pushed, DbError> {
        if dest.exists() {
            return Err(Refusal::FileExists(dest.to_path_buf()).into());
        }
        let server = Db::connect_as(url, password, false)?;
        let names = check_tables(&server.conn)?;
        // A copy of nothing would be seeded when opened, with ids the server never had.
        if server.plans()?.is_empty() {
            return Err(Refusal::NoPlanOnServer.into());
        }
        // The copy's id, from the server: random, and this account's own.
        let origin: String = server.conn.query_row("SELECT taizhang_new_copy()", params![], |r| r.get(0))?;
        let identity = server_identity(&server)?;
        let tmp = crate::files::temporary_beside(dest);
        let made = (|| -> Result<Pushed, DbError> {
            let file = Db::create_empty(&tmp)?;
            let read = server.conn.read_transaction()?;
            let revision = server.revision()?;
            let last: i64 =
                server.conn.query_row("SELECT coalesce(max(id), 0) FROM changesets", params![], |r| r.get(0))?;
            let tx = file.conn.transaction()?;
            let pushed = copy_all(&server.conn, &tx, &names)?;
            let rights = rights_json(&server)?;
            let keys = [
                (SERVER, super::shown_url(url)),
                (SERVER_ID, identity),
                (REVISION, revision.to_string()),
                (CHANGESET, last.to_string()),
                (ORIGIN, origin),
                (super::rights::RIGHTS, rights),
            ];
            for (key, value) in keys {
                tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
            }
            tx.commit()?;
            read.commit()?;
            file.checkpoint()?;
            Ok(pushed)
        })();
        match made.and_then(|p| {
            std::fs::rename(&tmp, dest).map_err(|source| DbError::Io { path: dest.to_path_buf(), source })?;
            Ok(p)
        }) {
            Ok(p) => Ok(p),
            Err(e) => {
                for leftover in ["", "-wal", "-shm"] {
                    let mut name = tmp.as_os_str().to_owned();
                    name.push(leftover);
                    let _ = std::fs::remove_file(std::path::PathBuf::from(name));
                }
                Err(e)
            }
        }
    }

    /// The server this handle is connected to and the password typed for it (for a worker
    /// thread that connects on its own: a checkout from the window).
    pub fn server_login(&self) -> Option<(String, Option<String>)> {
        self.url.clone().map(|url| (url, self.password.clone()))
    }

    /// The server this file is an offline copy of (`None` for any other database).
    ///
    /// # Errors
    /// The engine's error.
    pub fn offline_server(&self) -> Result<Option<String>, DbError> {
        if self.url.is_some() {
            return Ok(None);
        }
        self.meta(SERVER)
    }

    /// The conflicts of earlier syncs not yet resolved.
    ///
    /// # Errors
    /// The engine's error.
    pub fn sync_conflicts(&self) -> Result<Vec<Conflict>, DbError> {
        Ok(self.meta(CONFLICTS)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
    }

    /// Takes the copy's value of a field conflict after all (`index` in
    /// [`Db::sync_conflicts`]): one change in the history, checked as any edit is (roles, a
    /// state changed since), then the conflict leaves the list. Reports and items are changed
    /// again in their own forms.
    ///
    /// # Errors
    /// A conflict that is not a project field's, or the edit's refusals.
    pub fn take_mine(&self, index: usize, reviewer: &str) -> Result<i64, ReviewError> {
        let mut conflicts = self.sync_conflicts()?;
        let Some(conflict) = conflicts.get(index).cloned() else { return Err(ReviewError::NoSuchChangeset(0)) };
        if !conflict.can_take_mine() {
            return Err(Refusal::EnterAgain.into());
        }
        let tx = self.write_tx()?;
        self.check_fresh(&tx, &[conflict.project])?;
        let what = match conflict.field.as_str() {
            "report" => "填报",
            "problem" => "问题",
            field => field,
        };
        let rec = Recorder::begin(&tx, reviewer, &format!("采用离线修改 {} {what}", conflict.project_name), None)?;
        match (conflict.field.as_str(), &conflict.recorded) {
            ("report", Some(recorded)) => take_report(&rec, conflict.project, recorded)?,
            ("problem", Some(recorded)) => take_item(&rec, conflict.project, recorded)?,
            _ => rec.set(conflict.project, &conflict.field, conflict.mine.as_deref())?,
        }
        conflicts.remove(index);
        let json = serde_json::to_string(&conflicts).map_err(|e| DbError::BadValue(e.to_string()))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![CONFLICTS, json],
        )?;
        let (changeset, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(changeset)
    }

    /// Forgets the conflicts (the reviewer has looked at them and changed what they wanted).
    ///
    /// # Errors
    /// The engine's error.
    pub fn clear_sync_conflicts(&self) -> Result<(), DbError> {
        self.conn.execute("DELETE FROM meta WHERE key = ?1", params![CONFLICTS])?;
        Ok(())
    }

    /// A copy whose history holds what no change is (edited by hand): its unsent changesets are
    /// written to a file beside it first (nothing lost), then the sync is refused with what to do.
    fn damaged_copy(&self, field: &str, unsent: &[Unsent]) -> DbError {
        #[derive(Serialize)]
        struct Kept<'a> {
            at: &'a str,
            reviewer: &'a str,
            summary: &'a str,
            changes: Vec<Change>,
        }
        let kept: Result<Vec<Kept<'_>>, DbError> = unsent
            .iter()
            .map(|(id, at, reviewer, summary, _)| Ok(Kept { at, reviewer, summary, changes: self.changes(*id)? }))
            .collect();
        let saved = kept.and_then(|kept| {
            let json = serde_json::to_string_pretty(&kept).map_err(|e| DbError::BadValue(e.to_string()))?;
            let copy = self.path.clone().unwrap_or_default();
            let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S");
            let name = format!(
                "{}-未同步修改-{stamp}.json",
                copy.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
            );
            let file = copy.with_file_name(name);
            std::fs::write(&file, json).map_err(|source| DbError::Io { path: file.clone(), source })?;
            Ok(file)
        });
        let saved = saved.inspect_err(|e| log::warn!("the unsent changes could not be saved: {e}")).ok();
        DbError::Refused(Refusal::BrokenHistory { field: field.to_string(), saved })
    }

    /// The server database's identity, once checked against the one this copy came from (a
    /// copy of before identities takes it now).
    fn check_server_identity(&self, server: &Db, url: &str) -> Result<String, DbError> {
        let identity = server_identity(server)?;
        match self.meta(SERVER_ID)? {
            Some(kept) if kept != identity => Err(Refusal::OtherServer(url.to_string()).into()),
            _ => Ok(identity),
        }
    }

    /// The copy's changesets after `base`: (id, at, reviewer, summary, sync key). A changeset's
    /// key is the one it was given when made; in a copy made before keys were, its local id.
    fn unsent_changesets(&self, base: i64, origin: &str) -> Result<Vec<Unsent>, DbError> {
        self.conn.query_map(
            "SELECT id, at, reviewer, summary, origin FROM changesets WHERE id > ?1 ORDER BY id",
            params![base],
            |r| {
                let id: i64 = r.get(0)?;
                let key = r.get::<Option<String>>(4)?.unwrap_or_else(|| format!("{origin}:{id}"));
                Ok((id, r.get(1)?, r.get(2)?, r.get(3)?, key))
            },
        )
    }

    /// Sends this offline copy's changes to its server and takes everyone else's, in one step:
    /// the server takes the copy's changesets in one transaction (each marked with where it
    /// came from, so a repeated sync sends none twice), then the copy becomes the server's state
    /// in one transaction, keeping the conflicts.
    ///
    /// # Errors
    /// Not an offline copy, the server unreachable or refusing (roles), the engine's errors;
    /// an interrupted sync leaves both sides whole and can be run again.
    pub fn sync(&self, password: Option<&str>) -> Result<Synced, ReviewError> {
        let url = self.offline_server()?.ok_or_else(|| DbError::Refused(Refusal::NotACopy))?;
        let origin = self.meta(ORIGIN)?.unwrap_or_default();
        let base: i64 = self.meta(CHANGESET)?.and_then(|v| v.parse().ok()).unwrap_or(0);
        let server = Db::connect_as(&url, password, false)?;
        let identity = self.check_server_identity(&server, &url)?;
        let local = self.unsent_changesets(base, &origin)?;
        let mut synced = Synced::default();
        let mut new_items = HashMap::new();
        let tx = server.write_tx()?;
        // The copy's changesets the server has taken already (an earlier sync), in one look;
        // the server answers for this account's changesets only.
        let keys: Vec<&str> = local.iter().map(|(.., key)| key.as_str()).collect();
        let taken: HashSet<String> =
            tx.query_map("SELECT taizhang_taken(?1)", params![keys.join("\n")], |r| r.get(0))?.into_iter().collect();
        // One revision for the whole sync: its changesets arrive together, in one transaction.
        let mut stamp = None;
        for (id, at, reviewer, summary, key) in &local {
            let key = key.clone();
            if taken.contains(&key) {
                synced.already += 1;
                let changes = self.changes(*id)?;
                let kept = self.sync_conflicts()?;
                for conflict in conflicts_recorded(&tx, &key, reviewer, at)? {
                    let recorded = recorded_for(&conflict, &changes);
                    let conflict = Conflict { recorded, ..conflict };
                    if !kept.contains(&conflict) {
                        synced.conflicts.push(conflict);
                    }
                }
                continue;
            }
            let changes = self.changes(*id)?;
            if let Some(bad) = changes.iter().find(|c| !known_field(&c.field)) {
                let field = bad.field.clone();
                drop(tx);
                return Err(self.damaged_copy(&field, &local).into());
            }
            let mut projects: Vec<i64> = changes.iter().map(|c| c.project).collect();
            projects.sort_unstable();
            projects.dedup();
            if let Some(reason) = refusal(&server, &tx, &projects)? {
                synced.refused += 1;
                synced.conflicts.extend(refused_changes(&tx, &changes, (reviewer, at), &reason)?);
                continue;
            }
            if stamp.is_none() {
                stamp = Some(Stamp::take(&tx)?);
            }
            let Some(stamp) = &stamp else { continue };
            let rec = Recorder::begin_stamped(&tx, reviewer, summary, None, (at, Some(&key)), stamp)?;
            let reported: Vec<i64> = changes.iter().filter(|c| c.field == "report").map(|c| c.project).collect();
            let mut replay =
                Replay { rec: &rec, reviewer, at, conflicts: &mut synced.conflicts, new_items: &mut new_items };
            for change in &changes {
                match change.field.as_str() {
                    // Months are closed on the server, by its lights.
                    "light" => {}
                    "report" => replay.report(change)?,
                    "problem" => replay.problem(change)?,
                    // A report's project follows the server's latest report, not the copy's.
                    "status" | "done" if reported.contains(&change.project) => {}
                    _ => replay.field(change)?,
                }
            }
            synced.sent += 1;
        }
        synced.views = send_views(&self.conn, &server, &tx, stamp.is_none())?;
        tx.commit()?;
        // Take the server's state, everyone's changes and ours, in one transaction.
        let names = check_tables(&server.conn)?;
        let read = server.conn.read_transaction()?;
        synced.revision = server.revision()?;
        let last: i64 =
            server.conn.query_row("SELECT coalesce(max(id), 0) FROM changesets", params![], |r| r.get(0))?;
        let mut conflicts = self.sync_conflicts()?;
        conflicts.extend(synced.conflicts.iter().cloned());
        let local_tx = self.write_tx()?;
        // The history up to `base` stays (the server's only grows): its rows keep referring to
        // projects taken out and put back with the same ids before this transaction commits.
        local_tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        synced.pulled = pull(&server.conn, &local_tx, &names, base)?;
        let conflicts = serde_json::to_string(&conflicts).map_err(|e| DbError::BadValue(e.to_string()))?;
        let keys = [
            (SERVER, url),
            (SERVER_ID, identity),
            (REVISION, synced.revision.to_string()),
            (CHANGESET, last.to_string()),
            (ORIGIN, origin),
            (CONFLICTS, conflicts),
            // The views sent are the server's now, and came back with its state.
            (VIEWS, "[]".to_string()),
            // The account's rights as they are now (an administrator may have changed them).
            (super::rights::RIGHTS, rights_json(&server)?),
        ];
        for (key, value) in keys {
            local_tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        local_tx.commit()?;
        read.commit()?;
        Ok(synced)
    }
}

/// Why the server would refuse a changeset touching `projects`, in words: the account may not
/// change one of them (its places were narrowed since the checkout), or one is in an archived
/// plan. Asked before anything is written: a refused statement would end the whole sync.
fn refusal(server: &Db, tx: &super::sql::Conn, projects: &[i64]) -> Result<Option<String>, DbError> {
    match server.check_may_write(tx, projects) {
        Ok(()) => {}
        // Kept in the copy as words (the conflict list is stored), in the language of the sync.
        Err(e @ DbError::Refused(_)) => return Ok(Some(e.to_string())),
        Err(e) => return Err(e),
    }
    for &project in projects {
        let archived: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM projects p JOIN plans pl ON pl.id = p.plan_id \
             WHERE p.id = ?1 AND pl.archived <> 0)",
            params![project],
            |r| r.get(0),
        )?;
        if archived {
            return Ok(Some(DbError::Archived.to_string()));
        }
    }
    Ok(None)
}

/// The changes of a changeset the server refused, as conflicts with the reason (a report's
/// project's status and done follow the report, as in the replay, and are not listed apart).
fn refused_changes(
    tx: &super::sql::Conn,
    changes: &[Change],
    by: (&str, &str),
    reason: &str,
) -> Result<Vec<Conflict>, DbError> {
    let reported: Vec<i64> = changes.iter().filter(|c| c.field == "report").map(|c| c.project).collect();
    let shown = |c: &&Change| {
        c.field != "light" && !(["status", "done"].contains(&c.field.as_str()) && reported.contains(&c.project))
    };
    changes.iter().filter(shown).map(|change| refused_change(tx, change, by, reason)).collect()
}

/// A change of the copy that the server refused, kept as a conflict with the reason and the
/// server's value now.
fn refused_change(
    tx: &super::sql::Conn,
    change: &Change,
    (reviewer, at): (&str, &str),
    reason: &str,
) -> Result<Conflict, DbError> {
    let project_name: String = tx
        .query_opt("SELECT name FROM projects WHERE id = ?1", params![change.project], |r| r.get(0))?
        .unwrap_or_default();
    let (mine, theirs, recorded) = match change.field.as_str() {
        "report" => (report_text(parse::<Report>(change.new.as_ref())?.as_ref()), None, Some(recorded_of(change))),
        "problem" => (item_text(parse::<Problem>(change.new.as_ref())?.as_ref()), None, Some(recorded_of(change))),
        field => (change.new.clone(), read_field(tx, change.project, field)?, None),
    };
    Ok(Conflict {
        project: change.project,
        project_name,
        field: change.field.clone(),
        mine,
        theirs,
        reviewer: reviewer.to_string(),
        at: crate::domain::local_time_text(at),
        recorded,
        refused: Some(reason.to_string()),
    })
}

fn recorded_of(change: &Change) -> Recorded {
    Recorded { old: change.old.clone(), new: change.new.clone() }
}

/// Makes the copy the server's state (inside the copy's transaction `to`), taking only what
/// changed since changeset `base`: the projects a changeset of either side touched since (every
/// write of a reviewer's account to a project, report or item is in a changeset: the server
/// refuses others), their reports and items, the history since, and the small tables whole. A
/// month closed since on either side, more than a quarter of the projects touched, or counts that
/// do not agree afterwards (the owner changed rows by hand): everything is taken again.
fn pull(from: &super::sql::Conn, to: &super::sql::Conn, names: &[String], base: i64) -> Result<Pushed, DbError> {
    let touched_sql = "SELECT DISTINCT project_id FROM changes WHERE changeset_id > ?1 ORDER BY project_id";
    let closed_sql = "SELECT EXISTS (SELECT 1 FROM month_closing_changesets WHERE changeset > ?1)";
    let mut touched: Vec<i64> = from.query_map(touched_sql, params![base], |r| r.get(0))?;
    touched.extend(to.query_map(touched_sql, params![base], |r| r.get::<i64>(0))?);
    touched.sort_unstable();
    touched.dedup();
    let closed = from.query_row(closed_sql, params![base], |r| r.get::<bool>(0))?
        || to.query_row(closed_sql, params![base], |r| r.get::<bool>(0))?;
    let projects: i64 = from.query_row("SELECT count(*) FROM projects", params![], |r| r.get(0))?;
    let few = i64::try_from(touched.len()).unwrap_or(i64::MAX).saturating_mul(4) <= projects;
    if !closed && few {
        clear_touched(to, base, &touched)?;
        let pulled = copy_scoped(from, to, names, Some(base), Some(&touched))?;
        let count = |conn: &super::sql::Conn, table: &str| -> Result<i64, DbError> {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), params![], |r| r.get(0))
        };
        let mut agree = true;
        for table in ["projects", "reports", "problems", "changesets", "changes"] {
            agree &= count(from, table)? == count(to, table)?;
        }
        if agree {
            return Ok(pulled);
        }
        log::warn!("an offline copy's partial pull did not agree with the server; taking everything");
    }
    clear_since(to, Some(base))?;
    copy_since(from, to, names, Some(base))
}

/// The project's report for `period`, as the database has it now.
fn report_of_month(
    rec: &Recorder<'_, '_>,
    project: i64,
    period: crate::domain::Period,
) -> Result<Option<Report>, DbError> {
    rec.tx.query_opt(
        &format!("SELECT {REPORT_COLUMNS} FROM reports WHERE project_id = ?1 AND period = ?2"),
        params![project, period.to_string()],
        report_from_row,
    )
}

/// Puts `new` (with an id of this database) in place of the month's report `current`, or
/// takes it away; the project follows its latest report.
fn put_report(
    rec: &Recorder<'_, '_>,
    project: i64,
    current: Option<&Report>,
    new: Option<Report>,
) -> Result<(), DbError> {
    let new = match new {
        Some(r) => Some(Report { id: next_id(rec.tx, "reports")?, ..r }),
        None => None,
    };
    rec.replace_report(project, current, new.as_ref())?;
    rec.follow_latest_report(project)
}

/// Puts the copy's report for its month back in place of the one there now (or takes the
/// month's report away, when the copy had taken it away).
fn take_report(rec: &Recorder<'_, '_>, project: i64, recorded: &Recorded) -> Result<(), DbError> {
    let (old, new): (Option<Report>, Option<Report>) = (parse(recorded.old.as_ref())?, parse(recorded.new.as_ref())?);
    let Some(period) = new.as_ref().or(old.as_ref()).map(|r| r.period) else { return Ok(()) };
    put_report(rec, project, report_of_month(rec, project, period)?.as_ref(), new)
}

/// Puts the copy's item back as the copy had it (or takes it away).
fn take_item(rec: &Recorder<'_, '_>, project: i64, recorded: &Recorded) -> Result<(), DbError> {
    let (old, new): (Option<Problem>, Option<Problem>) = (parse(recorded.old.as_ref())?, parse(recorded.new.as_ref())?);
    let Some(id) = new.as_ref().or(old.as_ref()).map(|p| p.id) else { return Ok(()) };
    let current = read_problem(rec.tx, id)?;
    replace(rec, project, current.as_ref(), new.as_ref())
}
