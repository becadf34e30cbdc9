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
