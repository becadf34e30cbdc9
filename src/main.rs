//! The binary: parses the command line, then runs a command or opens the window.
// On Windows no console window opens behind the app; commands run from a terminal print into it
// (see `attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use taizhang::app::Renderer;
use taizhang::cli::{Cli, console, prepare_db_path, run};
use taizhang::words::Lang;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    // A PDF is read by a process of this program of its own (see read_pdfs_apart).
    if std::env::args().nth(1).as_deref() == Some(taizhang::import::plan::document::PDF_CHILD_ARG) {
        return ExitCode::from(u8::try_from(taizhang::import::plan::document::pdf_child()).unwrap_or(2));
    }
    if let Ok(exe) = std::env::current_exe() {
        taizhang::import::plan::document::read_pdfs_apart(exe);
    }
    #[cfg(windows)]
    attach_console();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    // The language is known before the arguments are checked, so their errors are worded in it.
    taizhang::words::set(asked_lang().unwrap_or_else(Lang::from_env));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(u8::try_from(console::say_clap(&e)).unwrap_or(2)),
    };
    let result = match &cli.command {
        Some(command) => {
            // On Windows, text sent to a file or a pipe in the console's code page (GBK on a
            // Chinese Windows); see `console`.
            let mut out = console::stdout(command.writes_json());
            run(&cli, command, &mut out).and_then(|()| Ok(out.flush()?))
        }
        None => prepare_db_path(&cli).and_then(|path| {
            let renderer = Renderer::chosen(cli.renderer).map_err(anyhow::Error::msg)?;
            taizhang::app::run_window(&path, cli.screenshot.as_deref(), cli.reviewer.as_deref(), renderer, started)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `taizhang list | head` closes the pipe early; that is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            console::say_line(&format!("taizhang: {}", said_once(&err)));
            ExitCode::FAILURE
        }
    }
}

/// The language `--lang zh|en` (or `--lang=…`) asks for.
fn asked_lang() -> Option<Lang> {
    let args: Vec<String> = std::env::args().collect();
    let value = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    })?;
    match value.as_str() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    }
}

/// The error and its causes, each cause said only when the words before it do not already say
/// it (the worded errors quote their cause: `{err:#}` said "(No such file…).: No such file…").
fn said_once(err: &anyhow::Error) -> String {
    let mut said = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if said.is_empty() {
            said = cause;
        } else if !said.contains(&cause) {
            said = format!("{said}: {cause}");
        }
    }
    said
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
            io.kind() == std::io::ErrorKind::BrokenPipe
                // Windows: a pipe whose reader has gone can also say 233 (ERROR_PIPE_NOT_CONNECTED,
                // as `| head` does under Wine), which the standard library does not count as a
                // broken pipe.
                || (cfg!(windows) && io.raw_os_error() == Some(233))
        }) || cause
            .downcast_ref::<serde_json::Error>()
            .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// A GUI-subsystem program starts without a console: when it was started from a terminal,
/// print into that terminal's (output redirected to a file or a pipe is inherited and works
/// without it). Started from the Start menu there is none and nothing happens.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and touches no memory of ours; failure (no
    // parent console) is the normal case from the Start menu and is ignored.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
