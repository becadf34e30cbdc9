//! words: every message a user reads about something that went wrong, worded once, here at the
//! edge, in the user's language. The layers below return typed errors with their data and word
//! nothing; the window and the command line both show them through [`Say`] (or `Display`, which
//! words them in the language this thread speaks, [`current`]).
//!
//! The language is chosen by the front end: the command line from `--lang` or the locale (for
//! the process), the window from its preference (for its thread, and the workers it starts,
//! so two windows in one process — the UI tests — do not speak for each other). Must not: hold
//! rules of its own or touch the database.

mod db;
pub(crate) mod domain;
mod export;
pub mod history;
mod import;
pub use import::items_left_out;
mod lights;
mod plan;
mod usecase;

use std::sync::atomic::{AtomicU8, Ordering};

pub use crate::domain::Lang;

impl Lang {
    /// The language a locale name (`zh_CN.UTF-8`, `en_US`, `C`) asks for: English for an English
    /// locale, Chinese otherwise (`C` and `POSIX` included: Chinese first).
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("en") { Self::En } else { Self::Zh }
    }

    /// The language of this process's environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`,
    /// the first one set and not empty).
    pub fn from_env() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .map_or(Self::Zh, |v| Self::from_locale(&v))
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// The language of this thread, where it differs from the process's: the window's thread
    /// follows the reviewer's switch, and the workers it starts take it with them.
    static HERE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Makes `lang` the language this process words its messages in (the command line at start).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// Makes `lang` the language of this thread's words: the window's thread each frame (from the
/// reviewer's preference), a worker from the thread that started it.
pub fn set_here(lang: Lang) {
    HERE.with(|here| here.set(Some(lang)));
}

/// The language this thread words its messages in: its own, else the process's.
pub fn current() -> Lang {
    HERE.with(std::cell::Cell::get)
        .unwrap_or_else(|| if CURRENT.load(Ordering::Relaxed) == Lang::En as u8 { Lang::En } else { Lang::Zh })
}

/// `zh` or `en`, as this process speaks.
pub fn tr<'a>(zh: &'a str, en: &'a str) -> &'a str {
    current().tr(zh, en)
}

/// `format!` of the Chinese or the English wording, as this process speaks: `say!("已导出 {n} 项",
/// "exported {n} projects")`. Both wordings capture their values by name (`{n}`), so neither
/// needs the other's arguments.
macro_rules! say {
    ($zh:literal, $en:literal $(,)?) => {
        if $crate::words::current() == $crate::words::Lang::Zh { format!($zh) } else { format!($en) }
    };
}
pub(crate) use say;

/// A thing that can be told to a user in either language.
pub trait Say {
    /// The message in `lang`: what went wrong and what to do.
    fn say(&self, lang: Lang) -> String;
}

/// `Display` and `std::error::Error` for an error worded by [`Say`]: shown in the process's
/// language; `source` as given.
macro_rules! shown {
    ($ty:ty) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::words::Say::say(self, $crate::words::current()))
            }
        }
    };
    ($ty:ty, $($source:tt)*) => {
        $crate::words::shown!($ty);
        impl std::error::Error for $ty {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                let source: fn(&$ty) -> Option<&(dyn std::error::Error + 'static)> = $($source)*;
                source(self)
            }
        }
    };
}
pub(crate) use shown;

/// What to do when the system has no file chooser (`platform::Picked::Unavailable`).
pub fn no_file_chooser() -> &'static str {
    tr(
        "这台电脑没有可用的文件选择窗口(Linux 需要 xdg-desktop-portal 或 zenity)。请直接在框中输入文件的完整路径。",
        "No file chooser is available on this computer (on Linux it needs xdg-desktop-portal or zenity). Type the file's full path in the box.",
    )
}

/// [`Say`] for types worded as two functions, `zh()` and `en()` (the longer tables of words).
macro_rules! by_halves {
    ($($ty:ty),+) => {
        $(impl $crate::words::Say for $ty {
            fn say(&self, lang: $crate::words::Lang) -> String {
                if lang == $crate::words::Lang::Zh { self.zh() } else { self.en() }
            }
        })+
    };
}
pub(crate) use by_halves;

/// For the test of each table of words: every sample is said in Chinese (with Han characters)
/// and in English (with a word of three letters), each in its own words. Returns the Chinese
/// wordings, distinct.
#[cfg(test)]
fn said_in_both<T: Say + std::fmt::Debug>(samples: &[T]) -> std::collections::HashSet<String> {
    let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let ascii_words = |t: &str| t.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 3);
    let mut chinese = std::collections::HashSet::new();
    for kind in samples {
        let (zh, en) = (kind.say(Lang::Zh), kind.say(Lang::En));
        assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{kind:?}");
        assert_ne!(zh, en, "{kind:?}");
        assert!(han(&zh), "Chinese words for {kind:?}: {zh}");
        assert!(ascii_words(&en), "English words for {kind:?}: {en}");
        chinese.insert(zh);
    }
    chinese
}

/// `path: ` before a message about that file.
fn at(path: &std::path::Path) -> String {
    format!("{}: ", path.display())
}

/// User text (a cell, a name, a place, a line of a file) as every message quotes it, in either
/// language: between “ and ”, its control characters shown by [`visible`] (not Rust's `"…"`
/// with `\"` and `\u{..}` escapes, which a reviewer does not read).
pub(crate) fn quoted(text: &str) -> String {
    format!("“{}”", visible(text))
}

/// `text` with its control characters written as `<U+001B>`, so a message quoting it shows
/// what is there and a terminal does not act on it; so are the line and paragraph separators
/// (a line break to a terminal or the window) and the bidirectional controls (U+202E, right to
/// left override, turned the rest of the message around, its closing quote and the words after
/// it too, in the window and in a terminal that lays text out both ways).
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi =
            matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Lang, Say};
    use crate::db::{DbError, Refusal};

    #[test]
    fn an_error_is_said_in_the_language_asked_for_with_its_path() {
        let locked = DbError::Locked { path: "/tmp/a b/t.db".into() };
        assert!(locked.say(Lang::En).starts_with("/tmp/a b/t.db: The database is in use"), "{}", locked.say(Lang::En));
        assert!(locked.say(Lang::Zh).starts_with("/tmp/a b/t.db: 数据库正被"), "{}", locked.say(Lang::Zh));
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let full = DbError::DiskFull;
        assert!(han(&full.say(Lang::Zh)) && !full.say(Lang::Zh).contains("disk"));
        assert!(!han(&full.say(Lang::En)) && full.say(Lang::En).starts_with("The disk is full"));
        // A refusal's data is said inside the words of either language.
        let refused = DbError::from(Refusal::ViewOnly { account: "zs_li".into(), copy: true });
        assert!(refused.say(Lang::Zh).contains("zs_li") && refused.say(Lang::Zh).contains("离线副本"));
        assert!(refused.say(Lang::En).contains("zs_li") && !han(&refused.say(Lang::En)));
    }

    /// User text is quoted one way in both languages: between “ and ”, a quote or a backslash in
    /// it as it is (not `\"` as Rust's `{:?}` wrote it), a control character by its code, a
    /// character beyond the Basic Multilingual Plane as itself (not `\u{..}`).
    #[test]
    fn user_text_is_quoted_as_a_reader_reads_it() {
        assert_eq!(super::quoted("道路B"), "“道路B”");
        assert_eq!(super::quoted("say \"hi\" C:\\x"), "“say \"hi\" C:\\x”");
        assert_eq!(super::quoted("a\u{1b}[2J\nb"), "“a<U+001B>[2J<U+000A>b”");
        assert_eq!(super::quoted("\u{200b}𠀀"), "“\u{200b}𠀀”", "a format character is no control");
        // A direction override turned the words after it around, the closing quote too.
        assert_eq!(super::quoted("道路\u{202E}B"), "“道路<U+202E>B”");
        assert_eq!(super::quoted("a\u{2066}b\u{2069}\u{200F}\u{2028}"), "“a<U+2066>b<U+2069><U+200F><U+2028>”");
        assert_eq!(super::quoted("👨\u{200D}👩"), "“👨\u{200D}👩”", "a joiner in an emoji stays");
        let refused = crate::import::ImportError::NoSuchSheet {
            wanted: "6月\"汇总\"".into(),
            sheets: vec!["填报表".into()],
        };
        assert!(
            refused.say(Lang::En).starts_with("The workbook has no sheet “6月\"汇总\"”:"),
            "{}",
            refused.say(Lang::En)
        );
        assert!(refused.say(Lang::Zh).starts_with("工作簿中没有工作表“6月\"汇总\"”:"), "{}", refused.say(Lang::Zh));
    }

    #[test]
    fn a_threads_language_is_its_own() {
        let other = std::thread::spawn(|| {
            super::set_here(Lang::En);
            super::current()
        });
        assert_eq!(other.join().expect("thread"), Lang::En);
        assert_eq!(super::current(), Lang::Zh, "another thread's switch is not this one's");
    }

    #[test]
    fn the_locale_names_the_language_chinese_first() {
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("en"), Lang::En);
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("POSIX"), Lang::Zh);
        assert_eq!(Lang::Zh.tr("中", "en"), "中");
        assert_eq!(Lang::En.tr("中", "en"), "en");
    }
}
