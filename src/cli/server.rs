//! `server`: a bureau's shared database on PostgreSQL: made (`init`), filled from a file
//! (`push`), and its accounts given roles (`grant`).

use crate::words::say;
use std::io::Write;
use std::path::Path;

use crate::db::Db;
use crate::words::history::{change_value, field_name};

use super::Cli;
use super::args::ServerAction;

/// Runs one `server` command.
pub(super) fn act(cli: &Cli, action: &ServerAction, out: &mut dyn Write) -> anyhow::Result<()> {
    match action {
        ServerAction::Init { url } => server_init(url, out),
        ServerAction::Push { file, url } => server_push(file, url, out),
        ServerAction::Grant { account, role, places } => {
            let db = super::open_db(cli)?;
            let password = std::env::var("TAIZHANG_NEW_PASSWORD").ok();
            let made = db.grant(account, *role, places, password.as_deref())?;
            let places = if places.is_empty() { String::new() } else { format!(" ({})", places.join("、")) };
            writeln!(out, "{account}: {role:?}{places}")?;
            if !made && password.is_some() {
                writeln!(
                    out,
                    "{}",
                    say!(
                        "账户 {account} 已存在,密码没有更改(TAIZHANG_NEW_PASSWORD 只用于新账户)。",
                        "The login {account} existed already; its password was not changed (TAIZHANG_NEW_PASSWORD is for new logins only)."
                    )
                )?;
            }
            Ok(())
        }
    }
}

/// Refuses an address that is not a server's.
fn require_server(url: &str) -> anyhow::Result<()> {
    if crate::db::server_url(Path::new(url)).is_none() {
        anyhow::bail!(
            "{}",
            say!(
                "{url} 不是服务器地址;应为 postgres://用户@主机:端口/数据库。",
                "{url} is not a server address; it should be postgres://USER@HOST:PORT/DBNAME."
            )
        );
    }
    Ok(())
}

/// `server init`: Taizhang's tables and the bundled plan in a server database.
fn server_init(url: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    require_server(url)?;
    let db = Db::connect(url)?;
    let shown = crate::db::shown_url(url);
    writeln!(out, "{}", say!("服务器数据库已就绪:{shown}", "the server database is ready: {shown}"))?;
    match db.set_up_roles() {
        Ok(groups) => {
            let groups = groups.join(", ");
            writeln!(out, "{}", say!("角色已设置:{groups}", "roles set up: {groups}"))?;
            let again = db.accounts_to_grant_again()?;
            if !again.is_empty() {
                let again = again.join(", ");
                writeln!(
                    out,
                    "{}",
                    say!(
                        "以下账户属于旧版的全服务器角色,在本数据库中还没有角色,请用 server grant 重新授权:{again}",
                        "These accounts had a server-wide role of an earlier version and have none in this database yet; grant them again with server grant: {again}"
                    )
                )?;
            }
        }
        Err(e) => writeln!(
            out,
            "{}",
            say!(
                "角色未设置({e}):请用可以创建角色的账户(如 postgres)再运行 server init。",
                "Roles not set up ({e}): run server init again as an account that may create roles (such as postgres)."
            )
        )?,
    }
    let version = db.schema_version()?;
    writeln!(out, "{}", say!("结构版本:{version}", "schema version: {version}"))?;
    for plan in db.plans()? {
        let (id, title, n) = (format!("{:>3}", plan.id), &plan.title, plan.projects);
        writeln!(out, "{}", say!("  {id}  {title}  {n} 项", "  {id}  {title}  {n} projects"))?;
    }
    writeln!(out, "{}", say!("审核人连接:taizhang --db {shown}", "reviewers connect with: taizhang --db {shown}"))?;
    Ok(())
}

/// `server push`: a database file copied to an empty server database.
fn server_push(file: &Path, url: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    require_server(url)?;
    if !file.exists() {
        let file = file.display();
        anyhow::bail!("{}", say!("{file} 不存在。", "{file} does not exist."));
    }
    // Opened as any file is (checked, migrated to this build's schema, backed up first).
    let db = Db::open(file)?;
    let pushed = db.push_to(url)?;
    for (table, rows) in &pushed.rows {
        writeln!(out, "{table:<26} {rows:>9}")?;
    }
    let shown = crate::db::shown_url(url);
    writeln!(
        out,
        "{}",
        say!(
            "已复制到 {shown};审核人连接:taizhang --db {shown}",
            "copied to {shown}; reviewers connect with: taizhang --db {shown}"
        )
    )?;
    Ok(())
}

/// `checkout`: a server database copied to a new file for offline work.
pub(super) fn checkout(url: &str, output: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    require_server(url)?;
    let pulled = Db::checkout(url, None, output)?;
    let rows: usize = pulled.rows.iter().map(|(_, n)| n).sum();
    let path = output.display();
    writeln!(
        out,
        "{}",
        say!(
            "离线副本已写入:{path}({rows} 行);同步:taizhang sync {path}",
            "offline copy written: {path} ({rows} rows); sync with: taizhang sync {path}"
        )
    )?;
    Ok(())
}

/// `sync`: an offline copy's changes sent, everyone else's taken; conflicts listed.
pub(super) fn sync(file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    if !file.exists() {
        let file = file.display();
        anyhow::bail!("{}", say!("{file} 不存在。", "{file} does not exist."));
    }
    let db = Db::open(file)?;
    let synced = db.sync(None)?;
    let (sent, already, revision) = (synced.sent, synced.already, synced.revision);
    writeln!(
        out,
        "{}",
        say!(
            "已同步:发送 {sent} 项修改({already} 项已在服务器);服务器版本 {revision}",
            "synced: {sent} changes sent ({already} already there); server revision {revision}"
        )
    )?;
    if synced.views.sent > 0 {
        let n = synced.views.sent;
        writeln!(out, "{}", say!("视图 {n} 个已发送", "{n} saved views sent"))?;
    }
    for (mine, sent) in &synced.views.renamed {
        writeln!(
            out,
            "{}",
            say!(
                "服务器上的视图“{mine}”属于其他账户,你的视图以“{sent}”发送",
                "The server's view {mine} belongs to another account; yours was sent as {sent}"
            )
        )?;
    }
    if synced.refused > 0 {
        let n = synced.refused;
        writeln!(
            out,
            "{}",
            say!(
                "服务器拒绝了 {n} 项修改(原因见下),其余已发送;被拒绝的修改记在冲突清单中。",
                "The server refused {n} changes (reasons below); the rest were sent, and the refused ones are kept in the conflict list."
            )
        )?;
    }
    let lang = crate::words::current();
    for c in &synced.conflicts {
        let show = |v: &Option<String>| change_value(&c.field, v.as_deref(), lang);
        let (project, name, field, mine, by, at) =
            (c.project, &c.project_name, field_name(&c.field, lang), show(&c.mine), &c.reviewer, &c.at);
        if let Some(reason) = &c.refused {
            writeln!(
                out,
                "{}",
                say!(
                    "被拒绝:[{project}] {name} {field}:你的 {mine}({by} {at})· {reason}",
                    "refused: [{project}] {name} {field}: yours {mine} ({by} {at}) · {reason}"
                )
            )?;
            continue;
        }
        let theirs = show(&c.theirs);
        writeln!(
            out,
            "{}",
            say!(
                "冲突:[{project}] {name} {field}:你的 {mine}({by} {at})· 服务器的 {theirs}",
                "conflict: [{project}] {name} {field}: yours {mine} ({by} {at}) · the server's {theirs}"
            )
        )?;
    }
    if !synced.conflicts.is_empty() {
        writeln!(
            out,
            "{}",
            say!(
                "服务器的值已保留;你的值记在冲突清单中(窗口“同步冲突”),请核对后重新修改。",
                "The server's values stay; yours are kept in the conflict list (同步冲突 in the window): check them and change again where needed."
            )
        )?;
    }
    Ok(())
}
