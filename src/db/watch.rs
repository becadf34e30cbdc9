//! Watching for other writers: a thread with a connection of its own reads the revision
//! every second (the truth), and on a server also wakes at once on the writers' NOTIFY (only a
//! hint: an engine without LISTEN is polled). A lost connection is reported and retried.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::sql::Conn;
use super::{Db, DbError};

/// The channel writers NOTIFY on a server.
pub(super) const CHANNEL: &str = "taizhang_revision";
/// How often the revision is read.
const PERIOD: Duration = Duration::from_secs(1);

/// What the watcher saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchEvent {
    /// The database is at this revision (sent when it changes).
    Revision(i64),
    /// The connection was lost (what went wrong); the watcher keeps trying.
    Lost(String),
    /// The connection is back.
    Back,
}

/// A running watcher; it stops when dropped.
pub struct Watcher {
    events: Receiver<WatchEvent>,
    stop: Arc<AtomicBool>,
}

impl Watcher {
    /// The events since the last call.
    pub fn events(&self) -> Vec<WatchEvent> {
        self.events.try_iter().collect()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A connection that can only read the revision.
enum Source {
    File(rusqlite::Connection),
    Server(Box<postgres::Client>),
}

impl Source {
    fn open(path: Option<&std::path::Path>, url: Option<&str>, password: Option<&str>) -> Result<Self, DbError> {
        if let Some(url) = url {
            let Conn::Postgres(pg) = super::server::connect(url, password)? else {
                return Err(DbError::NotAFile);
            };
            let mut pg = pg.into_inner();
            // Engines without LISTEN are polled only.
            if let Err(e) = pg.client().batch_execute(&format!("LISTEN {CHANNEL}")) {
                log::info!("LISTEN not available ({e}); polling only");
            }
            return Ok(Self::Server(Box::new(pg.into_client())));
        }
        let path = path.ok_or(DbError::NotAFile)?;
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(Self::File(conn))
    }

    /// Waits up to [`PERIOD`] (less when a server says a write committed), then reads the
    /// revision.
    fn next(&mut self) -> Result<i64, DbError> {
        match self {
            Source::File(conn) => {
                std::thread::sleep(PERIOD);
                Ok(conn.query_row("SELECT n FROM revision WHERE id = 1", [], |r| r.get(0))?)
            }
            Source::Server(client) => {
                {
                    use postgres::fallible_iterator::FallibleIterator;
                    let mut notifications = client.notifications();
                    notifications.timeout_iter(PERIOD).next()?;
                    // Any number of hints: one look is enough.
                    while notifications.iter().next()?.is_some() {}
                }
                Ok(client.query_one("SELECT n FROM revision WHERE id = 1", &[])?.get(0))
            }
        }
    }
}

fn run(
    path: Option<&std::path::Path>,
    url: Option<&str>,
    password: Option<&str>,
    mut last: i64,
    events: &Sender<WatchEvent>,
    stop: &AtomicBool,
    wake: &(dyn Fn() + Send),
) {
    let mut source: Option<Source> = None;
    let mut lost = false;
    while !stop.load(Ordering::Relaxed) {
        if source.is_none() {
            match Source::open(path, url, password) {
                Ok(s) => source = Some(s),
                Err(e) => {
                    if !lost {
                        lost = true;
                        let _ = events.send(WatchEvent::Lost(e.to_string()));
                        wake();
                    }
                    std::thread::sleep(PERIOD * 2);
                    continue;
                }
            }
        }
        let Some(s) = source.as_mut() else { continue };
        match s.next() {
            Ok(revision) => {
                if lost {
                    lost = false;
                    let _ = events.send(WatchEvent::Back);
                    wake();
                }
                if revision != last {
                    last = revision;
                    if events.send(WatchEvent::Revision(revision)).is_err() {
                        return;
                    }
                    wake();
                }
            }
            Err(e) => {
                source = None;
                if !lost && !stop.load(Ordering::Relaxed) {
                    lost = true;
                    let _ = events.send(WatchEvent::Lost(e.to_string()));
                    wake();
                }
            }
        }
    }
}

impl Db {
    /// Starts watching this database for other writers; `wake` is called (from the watcher's
    /// thread) whenever there is an event to read. `None` in memory (nobody else can write).
    ///
    /// # Errors
    /// When the current revision cannot be read or the thread cannot start.
    pub fn watch(&self, wake: impl Fn() + Send + 'static) -> Result<Option<Watcher>, DbError> {
        if self.path.is_none() && self.url.is_none() {
            return Ok(None);
        }
        let last = self.revision()?;
        let (path, url, password) = (self.path.clone(), self.url.clone(), self.password.clone());
        let (sender, events) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("taizhang-watch".into())
            .spawn(move || run(path.as_deref(), url.as_deref(), password.as_deref(), last, &sender, &stopped, &wake))
            .map_err(|e| DbError::Connection(e.to_string()))?;
        Ok(Some(Watcher { events, stop }))
    }
}
