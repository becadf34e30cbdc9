//! fonts: the bundled CJK font, shared by the window (egui) and the PDF writers (krilla). A subset
//! of Noto Sans CJK SC covering GB2312 and every character of the plan; see assets/README.md,
//! OFL 1.1 in assets/fonts/OFL.txt.

/// The font file.
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Taizhang.otf");
