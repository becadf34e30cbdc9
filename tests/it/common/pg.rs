//! A private PostgreSQL server for the tests: a cluster made with `initdb` in a temporary
//! folder, started on a free loopback port the first time a test asks for it, and stopped (and
//! its folder removed) by a watchdog when the test process ends. PostgreSQL refuses to run as
//! root: as root, the cluster is made and run by the `postgres` user.
//!
//! Without PostgreSQL installed a test that needs it says so on standard error and passes
//! without running; in CI (`CI=true`) a missing server fails the test instead.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The running server.
pub struct Server {
    pub port: u16,
    /// The superuser the cluster was made with.
    pub superuser: String,
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
static TLS_SERVER: OnceLock<Result<(Server, PathBuf), String>> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(1);

/// The folder with `initdb` and `pg_ctl`: Debian's `/usr/lib/postgresql/<version>/bin` (the
/// newest), else `pg_config --bindir`.
fn bin_dir() -> Option<PathBuf> {
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    debian.sort_by_key(|p| {
        p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    if let Some(newest) = debian.pop() {
        return Some(newest);
    }
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    dir.join("initdb").exists().then_some(dir)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs a PostgreSQL program, as the `postgres` user when we are root.
fn run_pg(bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let exe = bin.join(program);
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd.args(args).output().map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Makes a test CA and a certificate for 127.0.0.1 signed by it, in `dir`: (ca.crt, server.crt,
/// server.key).
fn make_certificates(dir: &Path) -> Result<(), String> {
    let run = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("openssl").args(args).current_dir(dir).output().map_err(|e| format!("openssl: {e}"))?;
        if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).to_string()) }
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=Taizhang test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ])?;
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ])?;
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| e.to_string())?;
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ])
}

fn start() -> Result<Server, String> {
    start_cluster(false).map(|(server, _)| server)
}

/// Starts a cluster; with `tls`, one that accepts TLS with a certificate from a test CA (the
/// CA's file is returned).
fn start_cluster(tls: bool) -> Result<(Server, PathBuf), String> {
    let bin = bin_dir().ok_or("PostgreSQL is not installed (no initdb)")?;
    let name = if tls { "taizhang-pg-tls" } else { "taizhang-pg" };
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    if tls {
        make_certificates(&dir)?;
    }
    if is_root() {
        let ok = Command::new("chown").args(["-R", "postgres"]).arg(&dir).status().is_ok_and(|s| s.success());
        if !ok {
            return Err(format!("chown postgres {} failed", dir.display()));
        }
    }
    let data = dir.join("data");
    let data_s = data.to_string_lossy().to_string();
    let dir_s = dir.to_string_lossy().to_string();
    run_pg(&bin, "initdb", &["-D", &data_s, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])?;
    let port = free_port()?;
    let mut options = format!("-p {port} -k {dir_s} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60");
    if tls {
        // PostgreSQL refuses a key others can read (on Unix; Windows has no such mode bits).
        #[cfg(unix)]
        {
            let key = dir.join("server.key");
            let mut perms = std::fs::metadata(&key).map_err(|e| e.to_string())?.permissions();
            std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o600);
            std::fs::set_permissions(&key, perms).map_err(|e| e.to_string())?;
        }
        options.push_str(&format!(" -c ssl=on -c ssl_cert_file={dir_s}/server.crt -c ssl_key_file={dir_s}/server.key"));
    }
    let log = dir.join("server.log").to_string_lossy().to_string();
    run_pg(&bin, "pg_ctl", &["-D", &data_s, "-o", &options, "-l", &log, "-w", "start"])?;
    // Stop the server and remove its folder when this test process ends, however it ends.
    let pg_ctl = bin.join("pg_ctl").to_string_lossy().to_string();
    let stop = if is_root() {
        format!("runuser -u postgres -- {pg_ctl} -D {data_s} -m immediate stop")
    } else {
        format!("{pg_ctl} -D {data_s} -m immediate stop")
    };
    let watchdog = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf {dir_s}",
        pid = std::process::id()
    );
    Command::new("sh")
        .args(["-c", &watchdog])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    Ok((Server { port, superuser: "postgres".into() }, dir.join("ca.crt")))
}

/// A database on a second server that speaks TLS with a test CA's certificate: its URL
/// (without sslmode) and the CA's file.
pub fn tls_database(test: &str) -> Option<(String, PathBuf)> {
    let (server, ca) = match TLS_SERVER.get_or_init(|| start_cluster(true)) {
        Ok(s) => s,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the TLS PostgreSQL server could not be started: {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED {test}: needs PostgreSQL and openssl ({e})");
            return None;
        }
    };
    let name = format!("t{}_{}", std::process::id(), NEXT_DB.fetch_add(1, Ordering::Relaxed));
    let admin = format!("postgres://{}@127.0.0.1:{}/postgres", server.superuser, server.port);
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect to the TLS test server");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create a test database");
    Some((format!("postgres://{}@127.0.0.1:{}/{name}", server.superuser, server.port), ca.clone()))
}

/// The server, started on first use; `None` (with a line saying the test was skipped) when
/// PostgreSQL is not installed outside CI.
///
/// # Panics
/// In CI when the server cannot be started: a missing server is a failure there.
pub fn server(test: &str) -> Option<&'static Server> {
    match SERVER.get_or_init(start) {
        Ok(server) => Some(server),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the PostgreSQL server could not be started: {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED {test}: needs PostgreSQL ({e})");
            None
        }
    }
}

/// A new, empty database on the server for one test; its URL (as the superuser).
pub fn fresh_database(test: &str) -> Option<String> {
    let server = server(test)?;
    let name = format!("t{}_{}", std::process::id(), NEXT_DB.fetch_add(1, Ordering::Relaxed));
    let admin = format!("postgres://{}@127.0.0.1:{}/postgres", server.superuser, server.port);
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect to the test server");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create a test database");
    Some(format!("postgres://{}@127.0.0.1:{}/{name}", server.superuser, server.port))
}

/// A client to the database at `url`, for tests that look at the server's rows themselves.
pub fn client(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("connect to the test database")
}

/// A new database on the test server, opened by Taizhang (schema made, the plan seeded).
pub fn seeded(test: &str) -> Option<taizhang::db::Db> {
    let url = fresh_database(test)?;
    Some(taizhang::db::Db::connect(&url).expect("Taizhang opens a new server database"))
}
