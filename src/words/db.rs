//! The database layer's errors, worded: what went wrong and what to do.

use super::{Lang, Say, at, quoted};
use crate::db::{BackupReason, Damage, DbError, Foreign, Hint, Refusal, ReviewError};
use crate::demo::DemoError;

super::shown!(DbError, |e| match e {
    DbError::Io { source, .. } => Some(source),
    DbError::Sqlite(source) => Some(source),
    _ => None,
});
super::shown!(Refusal);
super::shown!(ReviewError, |e| match e {
    // Said as the database's error: its cause, not the error again.
    ReviewError::Db(inner) => std::error::Error::source(inner),
    _ => None,
});

impl Say for DbError {
    #[allow(clippy::too_many_lines)] // One arm per error: a table of words.
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::NotADatabase { path } => at(path) + lang.tr(
                "该文件不是 Taizhang 数据库,未作任何修改。请选择正确的文件,或用 --db 指定新路径。",
                "This file is not a Taizhang database; it was not changed. Choose the right file, or give a new path with --db.",
            ),
            Self::NotTaizhang { path, what } => {
                let what = what.say(lang);
                at(path) + &if zh {
                    format!("这是另一个程序的 SQLite 数据库,不是 Taizhang 的({what}),未作任何修改。请选择 Taizhang 的数据库或它的备份。")
                } else {
                    format!("This is another program's SQLite database, not Taizhang's ({what}); it was not changed. Choose a Taizhang database or one of its backups.")
                }
            }
            Self::Corrupt { path, damage, hint } => {
                let (damage, hint) = (damage.say(lang), hint.say(lang));
                at(path) + &if zh {
                    format!("数据库文件已损坏({damage}),未作任何修改。{hint}")
                } else {
                    format!("The database file is damaged ({damage}); it was not changed. {hint}")
                }
            }
            Self::NewerSchema { path, found, supported } => at(path) + &if zh {
                format!("数据库来自更新版本的 Taizhang(结构版本 {found},本程序支持 {supported}),未作任何修改。请升级 Taizhang。")
            } else {
                format!("The database comes from a newer Taizhang (schema {found}, this build supports {supported}); it was not changed. Update Taizhang.")
            },
            Self::Locked { path } => at(path) + lang.tr(
                "数据库正被其他程序占用。请关闭其他 Taizhang 窗口后重试。",
                "The database is in use by another program. Close other Taizhang windows and try again.",
            ),
            Self::Io { path, source } => at(path) + &if zh {
                format!("无法访问({source})。请检查路径和权限。")
            } else {
                format!("Cannot access it ({source}). Check the path and permissions.")
            },
            Self::ReadOnly => lang.tr(
                "数据库文件或其所在文件夹是只读的,本次修改没有保存。请把数据库复制到可写的文件夹(如“文档”)后用 --db 打开,或检查文件属性和权限。",
                "The database file or its folder is read-only; nothing was saved. Copy the database to a writable folder (such as Documents) and open it with --db, or check the file's permissions.",
            ).into(),
            Self::DiskFull => lang.tr(
                "磁盘已满,本次修改没有保存,数据库保持修改前的状态。请清理数据库所在磁盘的空间后重试。",
                "The disk is full; nothing was saved and the database is as it was. Free space on the drive that holds the database and try again.",
            ).into(),
            Self::Busy => lang.tr(
                "数据库正被另一个程序写入(另一个 Taizhang 窗口或脚本),本次修改没有保存。请稍候重试。",
                "Another program (another Taizhang window or a script) is writing to the database; nothing was saved. Try again in a moment.",
            ).into(),
            Self::DiskIo(detail) => if zh {
                format!("读写磁盘出错({detail}):磁盘可能已满、已拔出或损坏。本次操作没有完成,数据库保持原样。请检查磁盘和剩余空间后重试。")
            } else {
                format!("A disk read or write failed ({detail}): the disk may be full, removed or failing. Nothing was done and the database is as it was. Check the disk and its free space, then try again.")
            },
            Self::BackupFailed { path, reason } => {
                let reason = match reason {
                    BackupReason::DiskFull => lang.tr("磁盘已满", "disk full").to_string(),
                    BackupReason::ReadOnly => lang.tr("只读", "read-only").to_string(),
                    BackupReason::Said(said) => said.clone(),
                };
                at(path) + &if zh {
                    format!("备份没有写成({reason})。数据库本身没有受影响,本次操作没有进行。那个位置的磁盘可能已满或只读:请清理空间或换一个位置后重试。")
                } else {
                    format!("The backup could not be written ({reason}). The database itself is unaffected and nothing was done. The drive there may be full or read-only: free space or choose another place, then try again.")
                }
            }
            Self::Archived => lang.tr(
                "该规划已归档,只能查看、导出和演示,本次修改没有保存。如需修改,请先取消归档(规划 → 取消归档,或 taizhang plan unarchive)。",
                "The plan is archived: it can be viewed, exported and presented, not changed; nothing was saved. To change it, take it out of the archive first (Plan → Unarchive, or taizhang plan unarchive).",
            ).into(),
            Self::NoSuchPlan(id) => if zh {
                format!("没有编号为 {id} 的规划。用 taizhang plan list 查看已有规划。")
            } else {
                format!("There is no plan {id}. See the plans with taizhang plan list.")
            },
            Self::Seed(detail) => if zh {
                format!("内置规划数据无法读取:{detail}")
            } else {
                format!("The bundled plan data cannot be read: {detail}")
            },
            Self::BadValue(detail) => if zh {
                format!("数据库中的值不合规:{detail}")
            } else {
                format!("A value in the database is not valid: {detail}")
            },
            Self::Sqlite(e) => if zh {
                format!("数据库错误:{e}。本次修改没有保存。")
            } else {
                format!("Database error: {e}; nothing was saved.")
            },
            Self::Connection(detail) => {
                let certificate = if !detail.contains("certificate") {
                    ""
                } else {
                    lang.tr(
                        " 服务器证书未通过验证:请用 sslrootcert=CA文件 指定本局的证书颁发机构。",
                        " The server's certificate was not trusted: give the bureau's CA with sslrootcert=FILE.",
                    )
                };
                if zh {
                    format!("无法连接数据库服务器({detail}{certificate})。本次操作没有完成。请检查网络、服务器地址、用户名和数据库名后重试。")
                } else {
                    format!("Cannot reach the database server ({detail}{certificate}); nothing was done. Check the network, the server's address, the user name and the database name, and try again.")
                }
            }
            Self::CommitUnknown(id) => if zh {
                format!("提交时与服务器的连接中断,暂时无法确认本次修改是否已保存。请恢复网络后在“历史”中查找第 {id} 号修改:有则已保存,没有再重做;请不要直接重试,以免重复。")
            } else {
                format!("The connection to the server broke at commit, and whether this change was saved cannot be told yet. When the network is back, look for change #{id} in the history: if it is there it was saved, if not do it again; do not simply retry, or it may be saved twice.")
            },
            Self::NotAFile => lang.tr(
                "这是服务器上的数据库,没有本地文件:备份、恢复和压缩由服务器管理员用 pg_dump 完成。",
                "This database is on a server and has no local file: backups, restores and compaction are the server administrator's (pg_dump).",
            ).into(),
            Self::Conflict => lang.tr(
                "另一位审核人在同一时刻修改了同样的数据,本次修改没有保存。请重新加载后再试。",
                "Another reviewer changed the same data at the same moment; nothing was saved. Reload and try again.",
            ).into(),
            Self::Waited(holder) => if zh {
                let holder = holder.as_ref().map(|h| format!("(占用者:账户 {h})")).unwrap_or_default();
                format!("另一位审核人或程序正在写入同样的数据{holder},等待 10 秒后放弃,本次修改没有保存。请稍候重试;一直如此时请服务器管理员查看占用的会话(pg_stat_activity)。")
            } else {
                let holder = holder.as_ref().map(|h| format!(" (held by account {h})")).unwrap_or_default();
                format!("Another reviewer or program is writing the same data{holder}; after waiting 10 s nothing was saved. Try again in a moment; if it goes on, the server's administrator can look at the session holding it (pg_stat_activity).")
            },
            Self::TooLong => lang.tr(
                "服务器上的这一步超过 5 分钟,已被取消,本次修改没有保存。请缩小范围(如分区县)后重试,或请服务器管理员查看服务器负载。",
                "The server cancelled this step after 5 minutes; nothing was saved. Try a smaller part (district by district), or ask the server's administrator about its load.",
            ).into(),
            Self::Damaged(detail) => if zh {
                format!("数据库文件已损坏({detail}),本次操作没有完成。请从备份恢复:窗口中“备份与恢复”,或 taizhang restore 备份文件。")
            } else {
                format!("The database file is damaged ({detail}); nothing was done. Restore a backup: 备份与恢复 in the window, or taizhang restore BACKUP.")
            },
            Self::Refused(refusal) => refusal.say(lang),
            Self::Cancelled => lang.tr("已取消读取", "Reading cancelled").into(),
            Self::Denied(detail) => if zh {
                format!("服务器拒绝了这次操作:{detail}。本次修改没有保存;如需这项权限,请联系管理员。")
            } else {
                format!("The server refused this: {detail}; nothing was saved. Ask the administrator if you need this right.")
            },
            Self::Postgres(detail) => if zh {
                format!("服务器数据库错误:{detail}。本次修改没有保存。")
            } else {
                format!("Server database error: {detail}; nothing was saved.")
            },
        }
    }
}

impl Say for Foreign {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::Tables(names) => format!("{}: {}", lang.tr("表", "tables"), names.join(", ")),
            Self::NoSchemaVersion => lang.tr("没有 Taizhang 的结构版本", "no Taizhang schema version").into(),
            Self::NoTable(table) => format!("{} {table}", lang.tr("缺少表", "no table")),
            Self::NoDatasetMarker => lang.tr("meta 中没有 dataset 标记", "no dataset marker in meta").into(),
        }
    }
}

impl Say for Damage {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::Empty => lang.tr("文件是空的", "the file is empty").into(),
            Self::Header => lang.tr("文件头已损坏", "the header is damaged").into(),
            Self::Found(found) => found.clone(),
        }
    }
}

impl Say for Hint {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::AnotherBackup => lang.tr("请选择另一个备份。", "Choose another backup.").into(),
            Self::Backups { db, dir, newest: Some((backup, when)) } => {
                let (d, b, db) = (dir.display(), backup.display(), db.display());
                if zh {
                    format!(
                        "备份在 {d},最新的是 {b}({when})。恢复它请运行:taizhang --db \"{db}\" restore \"{b}\"(损坏的文件会改名保留在旁边)。"
                    )
                } else {
                    format!(
                        "Backups are in {d}; the newest is {b} ({when}). To restore it, run: taizhang --db \"{db}\" restore \"{b}\" (the damaged file is kept beside it under another name)."
                    )
                }
            }
            Self::Backups { db, dir, newest: None } => {
                let (d, db) = (dir.display(), db.display());
                if zh {
                    format!(
                        "{d} 中没有备份。如有其他副本(如 taizhang backup -o 保存的文件),运行 taizhang --db \"{db}\" restore 副本路径。"
                    )
                } else {
                    format!(
                        "There are no backups in {d}. If you have another copy (say from taizhang backup -o), run: taizhang --db \"{db}\" restore COPY."
                    )
                }
            }
        }
    }
}

impl Say for Refusal {
    #[allow(clippy::too_many_lines)] // One arm per refusal: a table of words.
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let nothing_saved = lang.tr("本次修改没有保存", "nothing was saved");
        match self {
            Self::Field { line: None, error } => error.say(lang),
            Self::Field { line: Some(line), error } => if zh {
                format!("第 {line} 行:{},未导入。", error.zh())
            } else {
                format!("Line {line}: {}; nothing was imported.", error.en())
            },
            Self::ItemField { id, error } => if zh {
                format!("问题 #{id}:{}", error.zh())
            } else {
                format!("Item #{id}: {}", error.en())
            },
            Self::NoItem(id) => if zh { format!("问题 #{id} 不存在。") } else { format!("There is no item #{id}.") },
            Self::ItemClosed(id) => if zh {
                format!("问题 #{id} 已销号,不能再导入其办理结果。")
            } else {
                format!("Item #{id} is closed already; its update cannot be imported.")
            },
            Self::NoTitle => lang.tr("规划名称为空。", "The plan has no title.").into(),
            Self::BadName { line, written_not_imported: false } => if zh {
                format!("第 {line} 行的项目名称为空或超过 200 字,未导入:请改正后再导入。")
            } else {
                format!("Line {line}: the project's name is empty or longer than 200 characters; nothing was imported. Correct it and try again.")
            },
            Self::BadName { line, written_not_imported: true } => if zh {
                format!("第 {line} 行的项目名称为空或超过 200 字,未写入。")
            } else {
                format!("Line {line}: the name is empty or longer than 200 characters; nothing was written.")
            },
            Self::BadPeriod(from, to) => if zh {
                format!("规划期 {from}—{to} 不成立:起始年份应不晚于终止年份,且在 1949—2200 年之间。")
            } else {
                format!("The period {from}–{to} does not hold: the first year must not be after the last, and both between 1949 and 2200.")
            },
            Self::TooManySections(max) => if zh {
                format!("分节超过 {max} 个,请合并分节后再导入。")
            } else {
                format!("More than {max} sections: merge sections and import again.")
            },
            Self::NoMonth => lang.tr(
                "台账中有投资、进度或状态,但没有写明截至哪个月:请指定(命令行 --as-of YYYY-MM,窗口中填写“数字截至”)。",
                "The ledger has investment, progress or status figures but states no month they stand at: give it (--as-of YYYY-MM, or 数字截至 in the window).",
            ).into(),
            Self::Rules(problems) => {
                let words: Vec<String> = problems.iter().map(|p| p.say(lang)).collect();
                words.join(lang.tr(";", "; "))
            }
            Self::NotAPlace(name) => if zh {
                format!("“{name}”不是本规划的地点。")
            } else {
                format!("{name} is not one of this plan's places.")
            },
            Self::FixedPlace(place) => if zh {
                format!("“{place}”是规划的行政区划,层级不能修改;只能调整导入时新建的地点。")
            } else {
                format!("{place} is one of the plan's administrative places; only places made by an import can be moved.")
            },
            Self::InsidePlace { parent, place } => if zh {
                format!("“{parent}”在“{place}”之内,不能作为它的上级。")
            } else {
                format!("{parent} lies inside {place}; it cannot be its parent.")
            },
            Self::PlaceTaken { parent, place } => if zh {
                format!("“{parent}”下已有名为“{place}”的地点。")
            } else {
                format!("{parent} already has a place called {place}.")
            },
            Self::ViewName => lang.tr("视图名称应为 1–100 字。", "A view name has 1–100 characters.").into(),
            Self::ViewElsewhere { plan, name } => if zh {
                format!("规划“{plan}”已有名为“{name}”的视图,请换一个名称。")
            } else {
                format!("The plan {plan} has a view called {name}; choose another name.")
            },
            Self::ViewOfOther { name, owner, account } => {
                let owner = owner.clone().unwrap_or_else(|| lang.tr("其他账户", "another account").into());
                if zh {
                    format!("视图“{name}”由 {owner} 保存,账户 {account} 只能修改和删除自己保存的视图,本次没有保存。请换一个名称另存。")
                } else {
                    format!("The view {name} was saved by {owner}; account {account} may change and delete only its own views, and nothing was saved. Save it under another name.")
                }
            }
            Self::ViewOnly { account, copy: false } => if zh {
                format!("你的账户 {account} 只能查看,不能修改,{nothing_saved}。")
            } else {
                format!("Your account {account} may only view; {nothing_saved}.")
            },
            Self::ViewOnly { account, copy: true } => if zh {
                format!("这是账户 {account} 的离线副本,该账户只能查看,不能修改,{nothing_saved}。")
            } else {
                format!("This is an offline copy of account {account}, which may only view; {nothing_saved}.")
            },
            Self::NotYourProject { account, places, name, copy } => {
                let list = places.join("、");
                let whose = match (copy, zh) {
                    (false, true) => format!("你的账户 {account}"),
                    (true, true) => format!("这是账户 {account} 的离线副本,该账户"),
                    (false, false) => format!("Your account {account}"),
                    (true, false) => format!("This is an offline copy of account {account}, which"),
                };
                let server = if *copy { lang.tr("(同步时服务器也会拒绝)", " (the server would refuse it at the sync)") } else { "" };
                match (places.is_empty(), zh) {
                    (true, true) => format!("{whose}不能修改“{name}”,{nothing_saved}{server}。"),
                    (true, false) => format!("{whose} may not change {name}; {nothing_saved}{server}."),
                    (false, true) => format!("{whose}只能修改 {list} 的项目,“{name}”不在其中,{nothing_saved}{server}。"),
                    (false, false) => format!("{whose} may change only the projects of {list}; {name} is not one of them, and {nothing_saved}{server}."),
                }
            }
            Self::NotYourPlace { account, place, copy } => match (copy, zh) {
                (false, true) => format!("你的账户 {account} 不能把项目移到“{place}”,{nothing_saved}。"),
                (false, false) => format!("Your account {account} may not move a project to {place}; {nothing_saved}."),
                (true, true) => format!("这是账户 {account} 的离线副本,该账户不能把项目移到“{place}”,{nothing_saved}。"),
                (true, false) => format!("This is an offline copy of account {account}, which may not move a project to {place}; {nothing_saved}."),
            },
            Self::BadDay(day) => if zh {
                format!("日期应为 YYYY-MM-DD:{}", quoted(day))
            } else {
                format!("A day must be YYYY-MM-DD: {}", quoted(day))
            },
            Self::UnknownPlace(place) => if zh {
                format!("未知地点{}:用 taizhang places 查看本规划的地点。", quoted(place))
            } else {
                format!("Unknown place {}: see this plan's places with taizhang places.", quoted(place))
            },
            Self::MonthToCome(month) => if zh {
                format!("{month} 尚未到来,不能结账。")
            } else {
                format!("{month} has not come yet; it cannot be closed.")
            },
            Self::NotMigrated { path, error } => {
                let (p, e) = (path.display(), error.say(lang));
                if zh {
                    format!("{p} 是旧版本的台账数据库,无法升级到本版本({e}),未恢复:当前数据库没有任何改动。请选择较新的备份。")
                } else {
                    format!("{p} is a Taizhang database of an older version that cannot be brought to this version ({e}); it was not restored and the current database is unchanged. Choose a newer backup.")
                }
            }
            Self::AccountName(name) => if zh {
                format!("账户名{}不合规:只能用小写字母、数字和下划线,以字母开头。", quoted(name))
            } else {
                format!("The account name {} is not valid: lower-case letters, digits and _, starting with a letter.", quoted(name))
            },
            Self::GroupRole(account) => if zh {
                format!("{}是 Taizhang 的角色组,不是账户:授权给它会让组里每个账户都得到这个角色。请给具体的登录账户授权。", quoted(account))
            } else {
                format!("{} is one of Taizhang's group roles, not an account: granting it a role would give every member that role. Grant a login account.", quoted(account))
            },
            Self::NotAReviewer(account) => if zh {
                format!("{}不能作为审核账户:它是角色组、超级用户或数据库所有者,行级权限约束不了它。请新建一个登录账户。", quoted(account))
            } else {
                format!("{} cannot be a reviewer's account: it is a group role, a superuser or the database's owner, whom the row policies do not bind. Make a new login account.", quoted(account))
            },
            Self::DistrictPlaces => lang.tr(
                "区县编辑需要 --place(可多个);其他角色不带 --place。",
                "A district editor needs --place (one or more); other roles take none.",
            ).into(),
            Self::NulInText => lang.tr(
                "文字中含有空字符(NUL,多见于从其他系统复制的内容),PostgreSQL 不接受,本次修改没有保存;请删去后再试。",
                "The text holds a NUL character (often pasted from another system), which PostgreSQL does not accept; nothing was saved: remove it and try again.",
            ).into(),
            Self::SslMode(mode) => if zh {
                format!("sslmode={mode} 不是可用的值:请用 disable、prefer、require、verify-ca 或 verify-full。")
            } else {
                format!("sslmode={mode} is not one of disable, prefer, require, verify-ca, verify-full.")
            },
            Self::UnknownTable(table) => if zh {
                format!("表 {table} 不在复制清单中,未复制任何内容。")
            } else {
                format!("The table {table} is not in the copy list; nothing was copied.")
            },
            Self::ServerNotEmpty { url, plans, written } => if zh {
                format!("{url} 已有数据(规划 {plans} 个,修改 {written} 次),未复制任何内容。请选一个空的服务器数据库。")
            } else {
                format!("{url} already holds data ({plans} plans, {written} changes); nothing was copied. Choose an empty server database.")
            },
            Self::FileExists(path) => at(path) + lang.tr("文件已存在,未覆盖。请换一个文件名。", "The file exists and was not replaced. Choose another name."),
            Self::NoPlanOnServer => lang.tr(
                "服务器上还没有规划,无法制作离线副本。请管理员先运行 taizhang server init。",
                "The server holds no plan yet, so there is nothing to copy. The administrator runs taizhang server init first.",
            ).into(),
            Self::EnterAgain => lang.tr("这一项请在项目中重新填写。", "Enter this again in the project's forms.").into(),
            Self::BrokenHistory { field, saved } => {
                let saved = match (saved, zh) {
                    (Some(file), true) => format!("本副本未同步的修改已另存为 {}。", file.display()),
                    (Some(file), false) => format!(" This copy's unsent changes were saved to {}.", file.display()),
                    (None, _) => String::new(),
                };
                let field = quoted(field);
                if zh {
                    format!("这个离线副本的修改记录已损坏(有一项修改的字段是{field}),没有发送也没有取回任何内容。{saved}请重新制作离线副本(taizhang checkout)并按该文件重新填写;也可先导出本副本的审核表(taizhang export)留存。")
                } else {
                    format!("This offline copy's history is damaged (a change of field {field}); nothing was sent or taken.{saved} Check out a new copy (taizhang checkout) and enter them again from that file; you may also export this copy's review sheet first (taizhang export).")
                }
            }
            Self::OtherServer(url) => if zh {
                format!("{url} 不是这个离线副本来自的服务器数据库(标识不同),没有发送也没有取回任何内容。请检查地址;如果服务器确实换了,请重新制作离线副本(先用 export 导出本副本的修改)。")
            } else {
                format!("{url} is not the server database this offline copy came from (its identity differs); nothing was sent or taken. Check the address; if the server really changed, check out a new copy (export this copy's changes first).")
            },
            Self::NotACopy => lang.tr(
                "这不是服务器的离线副本(用 taizhang checkout 制作)。",
                "This is not an offline copy of a server (make one with taizhang checkout).",
            ).into(),
        }
    }
}

impl Say for ReviewError {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Self::Invalid(errors) => {
                // Each problem under its field's name; the row only when there are several.
                let rows: std::collections::BTreeSet<usize> = errors.iter().map(|(row, _)| *row).collect();
                errors
                    .iter()
                    .map(|(row, e)| {
                        let field = super::domain::field_label(e.field, lang);
                        let said = if field.is_empty() { e.say(lang) } else { format!("{field}: {}", e.say(lang)) };
                        if rows.len() > 1 { format!("#{}: {said}", row + 1) } else { said }
                    })
                    .collect::<Vec<_>>()
                    .join(lang.tr(";", "; "))
            }
            Self::NotFound(id) => {
                if zh {
                    format!("项目 {id} 不存在。")
                } else {
                    format!("Project {id} does not exist.")
                }
            }
            Self::Conflict { project, field } => {
                if zh {
                    format!("项目 {project} 的 {field} 已被之后的修改改变,无法撤销这一步;请先撤销之后的修改。")
                } else {
                    format!("{field} of project {project} was changed later; undo the later change first.")
                }
            }
            Self::NoSuchChangeset(id) => {
                if zh {
                    format!("没有可撤销的修改 #{id}。")
                } else {
                    format!("There is no change #{id}.")
                }
            }
            Self::MonthClosing(id) => {
                if zh {
                    format!("#{id} 是月度结账,结账保存的亮灯不能撤销;如需更正,请在调整后重新结账该月。")
                } else {
                    format!(
                        "#{id} closed a month; its kept lights cannot be undone. To correct them, close that month again after the changes."
                    )
                }
            }
            Self::PlanImport(id) => {
                if zh {
                    format!(
                        "#{id} 导入了一个规划,不能撤销:请用“归档”收起该规划(taizhang plan archive ID),或从导入前的自动备份恢复。"
                    )
                } else {
                    format!(
                        "#{id} imported a plan and cannot be undone: archive that plan (taizhang plan archive ID), or restore the backup made before the import."
                    )
                }
            }
            Self::Stale { name, by, at, .. } => {
                if zh {
                    format!(
                        "“{name}”已被 {by} 于 {at} 修改,本次修改没有保存。已载入最新数据,你填写的内容仍在编辑框中:核对后再保存。"
                    )
                } else {
                    format!(
                        "{name} was changed by {by} at {at}; nothing was saved. The latest data is loaded and your draft is kept: check it and save again."
                    )
                }
            }
            Self::Db(e) => e.say(lang),
        }
    }
}

super::shown!(DemoError, |e| match e {
    DemoError::Db(inner) => std::error::Error::source(inner),
    DemoError::Io { source, .. } => Some(source),
    DemoError::WouldOverwritePlan(_) => None,
});

impl Say for DemoError {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::WouldOverwritePlan(path) => {
                at(path)
                    + lang.tr(
                        "这是规划数据库,演示数据不会覆盖它。请换一个文件名。",
                        "This holds the plan's data; demo data will not overwrite it. Choose another file.",
                    )
            }
            Self::Db(e) => e.say(lang),
            Self::Io { path, source } => at(path) + &source.to_string(),
        }
    }
}
