//! The real window under a display (Xvfb in CI): it must start on a fresh database, draw, and
//! save a screenshot a person can look at (target/tmp/window.png).

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

#[test]
fn real_window_starts_on_a_new_database_and_renders() {
    if !has_display() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the tests under xvfb-run (see .ci/run)");
        eprintln!("skipped: no display; run `xvfb-run -a cargo test` to start the real window");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fresh/taizhang.db");
    let png = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("window.png");
    let _ = std::fs::remove_file(&png);
    let out = crate::common::bin()
        .arg("--db")
        .arg(&db)
        .arg("--create")
        .arg("--screenshot")
        .arg(&png)
        .output()
        .expect("start taizhang");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "window failed: {stderr}");
    assert!(db.exists(), "database created in a new folder");

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).expect("png written")));
    let mut reader = decoder.read_info().expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("png data");
    assert!(info.width >= 900 && info.height >= 560, "{}x{}", info.width, info.height);
    // A drawn window has text and panels, not one flat colour.
    let colours: std::collections::HashSet<&[u8]> = pixels.chunks(4).collect();
    assert!(colours.len() > 50, "only {} colours: nothing drawn?", colours.len());
    eprintln!("screenshot: {}", png.display());
}
