//! The house's floors (issue 25, ARCHITECTURE.md): the top-level modules of `src/` import each
//! other without a circle, and `domain` imports no drawing, storage or server crate. Read from the
//! sources, so a change that makes a circle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules its files name with `crate::`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("src").flatten() {
        let path = entry.path();
        let name = path.file_stem().expect("name").to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path.clone());
        }
        modules.insert(name, files);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, files)| {
            let mut uses = BTreeSet::new();
            for file in files {
                let text = std::fs::read_to_string(file).expect("read");
                for (at, _) in text.match_indices("crate::") {
                    let used: String =
                        text[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                    if used != *name && names.contains(&used) {
                        uses.insert(used);
                    }
                }
            }
            (name.clone(), uses)
        })
        .collect()
}

#[test]
fn the_top_level_modules_import_each_other_without_a_circle() {
    let graph = graph();
    assert!(graph.len() >= 10, "the modules were found: {graph:?}");
    // Depth-first search for a back edge; the circle is printed when found.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let circle = visit(node, &graph, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "an import circle: {}", circle.unwrap_or_default().join(" -> "));
    }
}

#[test]
fn the_domain_imports_no_drawing_storage_or_server_crate() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for crate_name in ["egui", "eframe", "rusqlite", "postgres", "rfd"] {
            let used = text.contains(&format!("use {crate_name}")) || text.contains(&format!("{crate_name}::"));
            assert!(!used, "{} uses {crate_name}", file.display());
        }
        for layer in ["db", "ui", "app", "cli", "import", "export", "usecase", "slides"] {
            assert!(!text.contains(&format!("crate::{layer}::")), "{} uses crate::{layer}", file.display());
        }
    }
}

/// Issue 25: errors are worded once, at the edge (`words`, `cli`, `app`, `ui`), in the user's
/// language; nothing below it glues a Chinese and an English message into one string.
#[test]
fn no_message_below_the_edge_glues_two_languages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let below = [
        "db",
        "import",
        "export",
        "usecase",
        "domain",
        "slides",
        "seed",
        "demo.rs",
        "files.rs",
        "fonts.rs",
        "platform.rs",
    ];
    let mut files = Vec::new();
    for name in below {
        let path = src.join(name);
        if path.is_dir() { rust_files(&path, &mut files) } else { files.push(path) }
    }
    assert!(files.len() > 50, "the layers were found: {}", files.len());
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut glued = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            // A string literal on this line: its Chinese, " / ", then English.
            for literal in line.split('"').skip(1).step_by(2) {
                let split = literal.find(" / ").filter(|&at| {
                    let right = &literal[at + 3..];
                    literal[..at].chars().any(han) && right.starts_with(|c: char| c.is_ascii_alphabetic())
                });
                if split.is_some() {
                    glued.push(format!("{}:{}: {literal}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(glued.is_empty(), "glued messages below the edge:\n{}", glued.join("\n"));
}

/// Issue 25: a problem below the edge carries its data and a kind, worded in `words`; a pair of
/// wordings as data (`zh: …, en: …`) is the old way. The ones left are counted here file by file
/// (a category's names are names, not messages, and `Lang::tr` picks one of two); the importers,
/// the plan update and the lights have none, and no file may gain one.
#[test]
fn no_new_pair_of_wordings_below_the_edge() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let left: BTreeMap<&str, usize> = [
        ("domain/category.rs", 26),
        // `Lang::tr(zh, en)` itself: the slides pick their words with it.
        ("domain/lang.rs", 1),
    ]
    .into();
    let below =
        ["db", "import", "export", "usecase", "domain", "seed", "demo.rs", "files.rs", "fonts.rs", "platform.rs"];
    let mut files = Vec::new();
    for name in below {
        let path = src.join(name);
        if path.is_dir() { rust_files(&path, &mut files) } else { files.push(path) }
    }
    let mut more = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        // `zh:` as a field, a field's value or a parameter, outside comments.
        let pairs = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .filter(|line| {
                line.match_indices("zh").any(|(at, _)| {
                    let before = line[..at].chars().next_back();
                    let word_start = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    word_start && line[at + 2..].trim_start().starts_with(':') && !line[at + 2..].starts_with("::")
                })
            })
            .count();
        let name = file.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
        let allowed = left.get(name.as_str()).copied().unwrap_or(0);
        if pairs > allowed {
            more.push(format!("{name}: {pairs} (at most {allowed})"));
        }
    }
    assert!(
        more.is_empty(),
        "new pairs of wordings below the edge; word a kind in words/ instead:\n{}",
        more.join("\n")
    );
    // The update sheet's cell problems are kinds (`import::CellProblem`), not wordings.
    // Nor are a field's problems (`domain::FieldProblem`), a plan draft's notes
    // (`import::plan::NoteKind`), a ledger row refused (`plan_update::RefusedWhy`) or what lit
    // a light (`domain::Finding`).
    for name in [
        "import/mod.rs",
        "import/cells.rs",
        "import/items.rs",
        "import/lines.rs",
        "export/skipped.rs",
        "db/review.rs",
        "domain/problem.rs",
        "domain/review.rs",
        "domain/lights/judge.rs",
        "domain/lights/tests.rs",
        "import/plan/mod.rs",
        "import/plan/note.rs",
        "import/plan/document/mod.rs",
        "import/plan/document/extract/mod.rs",
        "import/plan/ledger/mod.rs",
        "import/plan/ledger/values.rs",
        "import/plan/ledger/header.rs",
        "usecase/plan_update.rs",
    ] {
        assert!(src.join(name).is_file(), "{name} is read");
        assert!(!left.contains_key(name), "{name}");
    }
}

/// The command line prints through `cli::console`, which writes a Windows console's code page to
/// a file or a pipe; a `println!` or `eprintln!` beside it would write UTF-8 into the same file.
#[test]
fn the_command_line_prints_only_through_its_console() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("main.rs")];
    rust_files(&src.join("cli"), &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("console.rs")) {
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//")
                && ["println!(", "print!(", "eprintln!(", "eprint!(", "dbg!("].iter().any(|m| code.contains(m))
            {
                found.push(format!("{}:{}: {code}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "print through cli::console:\n{}", found.join("\n"));
}

/// A message quotes what a reviewer typed or a file held one way in both languages: “…” with
/// its control characters shown (`words::quoted`). Rust's `{:?}` wrote `"道路B"` in English
/// only, with `\"` and `\u{..}` escapes a reviewer does not read (about 40 messages did).
#[test]
fn the_words_quote_no_text_with_rusts_debug_format() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/words"), &mut files);
    assert!(files.len() >= 8, "the words were found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        // The unit tests at a file's end may print what they check as they like.
        let words = text.split("\nmod tests {").next().unwrap_or_default();
        for (n, line) in words.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && !code.contains("assert") && code.contains(":?}") {
                found.push(format!("{}:{}: {code}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "quote user text with words::quoted:\n{}", found.join("\n"));
}
