//! console: where the commands' words go. Standard output and standard error as they are, except
//! on Windows when they are sent to a file or a pipe and the code page is not UTF-8 (a Chinese
//! Windows' `cmd.exe` is GBK, 936): then text is written in that code page, as `cmd`'s own `echo >`
//! and `findstr`, `type`, PowerShell 5 and Excel expect it. A console itself needs nothing (Rust's
//! standard library writes to it in UTF-16), and JSON stays UTF-8, as its standard says.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the command writes JSON: then its words on standard error stay UTF-8 too, so that
/// `> f 2>&1` gives one file in one encoding.
static JSON: AtomicBool = AtomicBool::new(false);

/// Standard output for a command's results; `json`: the command writes JSON (kept UTF-8, and
/// so are its lines on standard error).
pub fn stdout(json: bool) -> Box<dyn Write> {
    JSON.store(json, Ordering::Relaxed);
    let out = io::stdout();
    if json {
        return Box::new(out.lock());
    }
    match windows::redirected_code_page(&out) {
        Some(code_page) => {
            // Line by line, as the standard library writes to a file, so that the lines said on
            // standard error (`2>&1`) fall between the lines they follow.
            Box::new(io::LineWriter::new(Transcode::new(out.lock(), move |text: &str, bytes: &mut Vec<u8>| {
                windows::encode(code_page, text, bytes)
            })))
        }
        None => Box::new(out.lock()),
    }
}

/// One line to standard error (a warning, a note, the error a command ended with), in the code
/// page a redirected standard error is read in.
pub fn say_line(line: &str) {
    let err = io::stderr();
    let text = format!("{line}\n");
    // Nothing more can be said when standard error itself cannot be written.
    let code_page = if JSON.load(Ordering::Relaxed) { None } else { windows::redirected_code_page(&err) };
    let _ = match code_page {
        Some(code_page) => {
            let mut bytes = Vec::new();
            windows::encode(code_page, &text, &mut bytes);
            err.lock().write_all(&bytes)
        }
        None => err.lock().write_all(text.as_bytes()),
    };
}

/// clap's words (the help, the version, an argument refused), in the code page where they go
/// to a file or a pipe; returns the exit code clap gives them.
pub fn say_clap(e: &clap::Error) -> i32 {
    if let Some(text) = with_user_text_quoted(e) {
        say_line(text.trim_end());
        return e.exit_code();
    }
    let code_page = if e.use_stderr() {
        windows::redirected_code_page(&io::stderr())
    } else {
        windows::redirected_code_page(&io::stdout())
    };
    if code_page.is_none() {
        // clap's own printing, with its colours on a terminal.
        let _ = e.print();
    } else if e.use_stderr() {
        say_line(e.render().to_string().trim_end());
    } else {
        let mut out = stdout(false);
        let _ = out.write_all(e.render().to_string().as_bytes()).and_then(|()| out.flush());
    }
    e.exit_code()
}

/// clap's refusal with what the user typed quoted as every message quotes it, when that holds a
/// control character or a direction override: clap echoes it as typed between '…' ("invalid
/// value '2025-1<ESC>[2J' for '--date'"), so an escape in an argument reached the terminal and
/// acted (cleared it) before the value parser's own “2025-1<U+001B>[2J”. `None` when nothing
/// typed needs it, for clap's own printing with its colours.
fn with_user_text_quoted(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let mut text = None;
    for (kind, value) in e.context() {
        let (
            ContextKind::InvalidValue | ContextKind::InvalidArg | ContextKind::InvalidSubcommand,
            ContextValue::String(typed),
        ) = (kind, value)
        else {
            continue;
        };
        let quoted = crate::words::quoted(typed);
        if quoted == format!("“{typed}”") {
            continue;
        }
        let rendered = text.take().unwrap_or_else(|| e.render().to_string());
        // The rendering leaves out what looks like a terminal's escape sequence in the value
        // (`\x1b[2J`), so the value is found between the words around it.
        let (before, after) = ("invalid value '", "' for '");
        let around = rendered.find(before).and_then(|i| {
            let start = i + before.len();
            rendered[start..].find(after).map(|j| (i, start + j + after.len()))
        });
        text = Some(match (kind, around) {
            (ContextKind::InvalidValue, Some((i, end))) => {
                format!("{}invalid value {quoted} for '{}", &rendered[..i], &rendered[end..])
            }
            _ => rendered.replace(&format!("'{typed}'"), &quoted),
        });
    }
    text
}

/// Text (UTF-8) in, the same text in another encoding out. `encode` appends the encoded text
/// and says whether a character had no place in the encoding (it is then written as `?`); after
/// the last write, `replaced` says whether any had not. A character split between two writes
/// waits for its end; bytes that are not UTF-8 pass as they are.
pub struct Transcode<W: Write, E: FnMut(&str, &mut Vec<u8>) -> bool> {
    inner: W,
    encode: E,
    pending: Vec<u8>,
    encoded: Vec<u8>,
    replaced: bool,
}

impl<W: Write, E: FnMut(&str, &mut Vec<u8>) -> bool> Transcode<W, E> {
    pub fn new(inner: W, encode: E) -> Self {
        Self { inner, encode, pending: Vec::new(), encoded: Vec::new(), replaced: false }
    }

    /// Whether a character written so far had no place in the encoding.
    pub fn replaced(&self) -> bool {
        self.replaced
    }

    /// Encodes what is pending up to a character cut in two at its end.
    fn encode_pending(&mut self) {
        let mut start = 0;
        loop {
            let rest = &self.pending[start..];
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.replaced |= (self.encode)(text, &mut self.encoded);
                    start = self.pending.len();
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    if let Ok(text) = std::str::from_utf8(&rest[..valid]) {
                        self.replaced |= (self.encode)(text, &mut self.encoded);
                    }
                    match e.error_len() {
                        Some(bad) => {
                            self.encoded.extend_from_slice(&rest[valid..valid + bad]);
                            start += valid + bad;
                        }
                        None => {
                            start += valid;
                            break;
                        }
                    }
                }
            }
        }
        self.pending.drain(..start);
    }
}

impl<W: Write, E: FnMut(&str, &mut Vec<u8>) -> bool> Write for Transcode<W, E> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.encode_pending();
        self.inner.write_all(&self.encoded)?;
        self.encoded.clear();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write, E: FnMut(&str, &mut Vec<u8>) -> bool> Drop for Transcode<W, E> {
    /// The end of a character never written is written as it is (nothing is dropped), and a
    /// character that had no place in the code page is said once.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all(&self.pending);
        }
        let _ = self.inner.flush();
        if self.replaced {
            say_line(&crate::words::say!(
                "提示:有的字在本机代码页中没有,输出中写作 ?;用 chcp 65001 改为 UTF-8,或用 --format json。",
                "note: some characters have no place in this code page and were written as ?; run chcp 65001 for UTF-8, or use --format json."
            ));
        }
    }
}

/// `text` to `piece`, an encoder working on UTF-16 as Windows' `WideCharToMultiByte` does, which
/// writes a `?` for each UTF-16 unit it has no place for: a character beyond the Basic
/// Multilingual Plane (an emoji, a rare Han character) is two units, so GBK wrote it `??` while
/// the note says such a character is written `?`. The Plane's characters go in runs of at most
/// 1 Mi units, each one beyond it alone, written as one `?` when it has no place. Says whether a
/// character had none.
#[cfg(any(windows, test))]
fn encode_utf16(text: &str, bytes: &mut Vec<u8>, mut piece: impl FnMut(&[u16], &mut Vec<u8>) -> bool) -> bool {
    const RUN: usize = 1 << 20;
    let mut replaced = false;
    let mut run: Vec<u16> = Vec::with_capacity(text.len().min(RUN));
    let mut units = [0u16; 2];
    let mut alone = Vec::new();
    for c in text.chars() {
        let wide = c.encode_utf16(&mut units);
        if wide.len() == 1 {
            run.push(wide[0]);
            if run.len() == RUN {
                replaced |= piece(&run, bytes);
                run.clear();
            }
            continue;
        }
        if !run.is_empty() {
            replaced |= piece(&run, bytes);
            run.clear();
        }
        alone.clear();
        if piece(wide, &mut alone) {
            bytes.push(b'?');
            replaced = true;
        } else {
            bytes.extend_from_slice(&alone);
        }
    }
    if !run.is_empty() {
        replaced |= piece(&run, bytes);
    }
    replaced
}

#[cfg(not(windows))]
mod windows {
    /// Only Windows has code pages; elsewhere text is UTF-8.
    pub fn redirected_code_page<T>(_stream: &T) -> Option<u32> {
        None
    }

    pub fn encode(_code_page: u32, text: &str, bytes: &mut Vec<u8>) -> bool {
        bytes.extend_from_slice(text.as_bytes());
        false
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows {
    use std::io::IsTerminal;

    use windows_sys::Win32::Globalization::{CP_UTF8, GetACP, WC_NO_BEST_FIT_CHARS, WideCharToMultiByte};
    use windows_sys::Win32::System::Console::GetConsoleOutputCP;

    /// The code page text sent to a file or a pipe is read in: the console's (`chcp`), or the
    /// system's ANSI code page when there is no console; `None` for a console itself or UTF-8.
    pub fn redirected_code_page<T: IsTerminal>(stream: &T) -> Option<u32> {
        if stream.is_terminal() {
            return None;
        }
        // SAFETY: both take nothing and return a number.
        let code_page = match unsafe { GetConsoleOutputCP() } {
            0 => unsafe { GetACP() },
            cp => cp,
        };
        (code_page != CP_UTF8).then_some(code_page)
    }

    /// Appends `text` in `code_page`; says whether a character had no place in it (written `?`,
    /// one for each such character: `super::encode_utf16`).
    pub fn encode(code_page: u32, text: &str, bytes: &mut Vec<u8>) -> bool {
        super::encode_utf16(text, bytes, |wide, bytes| encode_piece(code_page, wide, bytes))
    }

    fn encode_piece(code_page: u32, wide: &[u16], bytes: &mut Vec<u8>) -> bool {
        let Ok(len) = i32::try_from(wide.len()) else { return false };
        // No "best fit" (which would print 1 for ①): a character the code page lacks is `?`, and
        // said. Some code pages (GB18030, the ISO-2022 ones) take no flags: then plain.
        for flags in [WC_NO_BEST_FIT_CHARS, 0] {
            let mut used_default = 0;
            let used_default_ptr = if flags == 0 { std::ptr::null_mut() } else { &raw mut used_default };
            // SAFETY: `wide` is a valid slice of `len` units; a first call with no buffer asks
            // for the size, the second writes at most that many bytes into `out`, which has them.
            let needed = unsafe {
                WideCharToMultiByte(
                    code_page,
                    flags,
                    wide.as_ptr(),
                    len,
                    std::ptr::null_mut(),
                    0,
                    std::ptr::null(),
                    used_default_ptr,
                )
            };
            let Ok(size) = usize::try_from(needed) else { continue };
            if size == 0 {
                continue;
            }
            let mut out = vec![0u8; size];
            let written = unsafe {
                WideCharToMultiByte(
                    code_page,
                    flags,
                    wide.as_ptr(),
                    len,
                    out.as_mut_ptr(),
                    needed,
                    std::ptr::null(),
                    used_default_ptr,
                )
            };
            if let Ok(written) = usize::try_from(written)
                && written > 0
            {
                bytes.extend_from_slice(&out[..written]);
                return used_default != 0;
            }
        }
        // The code page takes none of it: the text as it is, rather than nothing.
        bytes.extend(String::from_utf16_lossy(wide).bytes());
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in code page: ASCII as it is, 中 as two bytes, anything else `?` ([`toy_utf16`]
    /// on the text's UTF-16 units).
    fn toy(text: &str, bytes: &mut Vec<u8>) -> bool {
        toy_utf16(&text.encode_utf16().collect::<Vec<u16>>(), bytes)
    }

    #[test]
    fn a_character_split_between_writes_is_encoded_whole() {
        let mut out = Vec::new();
        {
            let mut t = Transcode::new(&mut out, toy);
            let text = "a中b".as_bytes();
            // 中 is three bytes in UTF-8: cut after its first and after its second.
            t.write_all(&text[..2]).expect("write");
            t.write_all(&text[2..3]).expect("write");
            t.write_all(&text[3..]).expect("write");
            assert!(!t.replaced());
        }
        assert_eq!(out, [b'a', 0xD6, 0xD0, b'b']);
    }

    #[test]
    fn a_character_the_code_page_lacks_is_a_question_mark_and_said() {
        let mut out = Vec::new();
        let mut t = Transcode::new(&mut out, toy);
        t.write_all("中①".as_bytes()).expect("write");
        assert!(t.replaced());
        drop(t);
        assert_eq!(out, [0xD6, 0xD0, b'?']);
    }

    /// A stand-in for Windows' encoder to GBK, unit by unit as it works: ASCII as it is, 中 as two
    /// bytes, every other UTF-16 unit `?` (so an emoji's two halves are `??`).
    fn toy_utf16(wide: &[u16], bytes: &mut Vec<u8>) -> bool {
        let mut replaced = false;
        for &unit in wide {
            match unit {
                0x4E2D => bytes.extend_from_slice(&[0xD6, 0xD0]),
                0..0x80 => bytes.push(unit as u8),
                _ => {
                    bytes.push(b'?');
                    replaced = true;
                }
            }
        }
        replaced
    }

    #[test]
    fn a_character_beyond_the_basic_plane_the_code_page_lacks_is_one_question_mark() {
        let mut bytes = Vec::new();
        assert!(encode_utf16("a😀中𠀀b", &mut bytes, toy_utf16));
        assert_eq!(bytes, [b'a', b'?', 0xD6, 0xD0, b'?', b'b'], "one ? per character, not per half");
        // A code page that has it (GB18030) writes it as it is, and nothing is said.
        let gb18030 = |wide: &[u16], bytes: &mut Vec<u8>| {
            if wide == [0xD83D, 0xDE00] {
                bytes.extend_from_slice(&[0x94, 0x39, 0xFC, 0x38]);
                false
            } else {
                toy_utf16(wide, bytes)
            }
        };
        let mut bytes = Vec::new();
        assert!(!encode_utf16("a😀", &mut bytes, gb18030));
        assert_eq!(bytes, [b'a', 0x94, 0x39, 0xFC, 0x38]);
    }

    #[test]
    fn long_text_goes_to_the_encoder_in_bounded_pieces() {
        let text = "中".repeat((1 << 20) + 5);
        let (mut bytes, mut pieces) = (Vec::new(), Vec::new());
        let replaced = encode_utf16(&text, &mut bytes, |wide, out| {
            pieces.push(wide.len());
            toy_utf16(wide, out)
        });
        assert!(!replaced);
        assert_eq!(pieces, [1 << 20, 5]);
        assert_eq!(bytes.len(), 2 * ((1 << 20) + 5));
    }

    #[test]
    fn bytes_that_are_not_utf8_and_an_unfinished_end_pass_as_they_are() {
        let mut out = Vec::new();
        {
            let mut t = Transcode::new(&mut out, toy);
            t.write_all(&[b'x', 0xFF, b'y', 0xE4, 0xB8]).expect("write");
        }
        assert_eq!(out, [b'x', 0xFF, b'y', 0xE4, 0xB8]);
    }
}
