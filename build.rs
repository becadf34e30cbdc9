//! Windows only: embeds the application icon and the version resource in taizhang.exe, so
//! Explorer, the Start-menu entry the installer makes and the taskbar show Taizhang's icon, and
//! the file's properties name the product and version. Elsewhere it does nothing.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/icon/taizhang.ico");
    #[cfg(windows)]
    windows_resource();
}

/// Compiled only on a Windows build machine, where `winresource` is a build-dependency.
#[cfg(windows)]
fn windows_resource() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/taizhang.ico")
        .set("ProductName", "台账 Taizhang")
        .set("FileDescription", "台账 Taizhang")
        .set("CompanyName", "The Taizhang developers")
        .set("LegalCopyright", "Copyright (c) 2026 The Taizhang developers");
    if let Err(e) = res.compile() {
        // A missing resource compiler costs the icon, not the build.
        println!("cargo::warning=no Windows icon/version resource: {e}");
    }
}
