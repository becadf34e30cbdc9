//! Lifecycle status of a project, in the words reviewers use.

use serde::{Deserialize, Serialize};

/// 未开工 → 前期 → 在建 → 已完工, with 停缓建. Lagging (滞后) is computed, not a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    Preparing,
    UnderConstruction,
    Completed,
    Suspended,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 5] =
        [Self::NotStarted, Self::Preparing, Self::UnderConstruction, Self::Completed, Self::Suspended];

    /// The position in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The status's colour in charts, slides and the deck. The lightness (CIE L*) steps down
    /// the stack, 87 → 71 → 46 → 32, with 停缓建 (54) on top, so neighbouring segments stay
    /// apart printed in grey; the hues are from the Okabe–Ito palette, which colour-blind
    /// viewers tell apart.
    pub const fn rgb(self) -> (u8, u8, u8) {
        match self {
            Self::NotStarted => (0xD9, 0xD9, 0xD9),
            Self::Preparing => (0xE6, 0x9F, 0x00),
            Self::UnderConstruction => (0x00, 0x72, 0xB2),
            Self::Completed => (0x00, 0x56, 0x3F),
            Self::Suspended => (0xD5, 0x5E, 0x00),
        }
    }

    /// Whether text on this colour should be white rather than black.
    pub fn is_dark(self) -> bool {
        matches!(self, Self::UnderConstruction | Self::Completed | Self::Suspended)
    }

    /// The stable code used in the database, the command line and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Preparing => "preparing",
            Self::UnderConstruction => "under_construction",
            Self::Completed => "completed",
            Self::Suspended => "suspended",
        }
    }

    /// The reviewer's Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::NotStarted => "未开工",
            Self::Preparing => "前期",
            Self::UnderConstruction => "在建",
            Self::Completed => "已完工",
            Self::Suspended => "停缓建",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::Preparing => "Preparing",
            Self::UnderConstruction => "Under construction",
            Self::Completed => "Completed",
            Self::Suspended => "Suspended",
        }
    }

    /// Words districts write for a status that mean it and nothing else. Left out on purpose:
    /// 已开工 and 续建 (started: under construction, or already completed?), 完成 alone.
    const SYNONYMS: [(&'static str, Self); 27] = [
        ("尚未开工", Self::NotStarted),
        ("暂未开工", Self::NotStarted),
        ("未动工", Self::NotStarted),
        ("前期工作", Self::Preparing),
        ("开展前期", Self::Preparing),
        ("开展前期工作", Self::Preparing),
        ("前期阶段", Self::Preparing),
        ("前期准备", Self::Preparing),
        ("项目前期", Self::Preparing),
        ("施工中", Self::UnderConstruction),
        ("建设中", Self::UnderConstruction),
        ("在建中", Self::UnderConstruction),
        ("正在建设", Self::UnderConstruction),
        ("正在施工", Self::UnderConstruction),
        ("已竣工", Self::Completed),
        ("竣工", Self::Completed),
        ("完工", Self::Completed),
        ("已完成", Self::Completed),
        ("建成", Self::Completed),
        ("已建成", Self::Completed),
        ("停建", Self::Suspended),
        ("缓建", Self::Suspended),
        ("停工", Self::Suspended),
        ("已停工", Self::Suspended),
        ("停缓", Self::Suspended),
        ("暂停建设", Self::Suspended),
        ("暂缓建设", Self::Suspended),
    ];

    /// Parses a code (`under_construction`), a Chinese label (`在建`), an English label
    /// (`Under construction`, any case) or a common synonym (`已竣工`, `施工中`, `停建`…).
    /// Spaces inside the text do not matter.
    pub fn parse(text: &str) -> Option<Self> {
        // A stored code, as every row read from the database has it: no text to clean.
        if let Some(status) = Self::ALL.into_iter().find(|s| s.code() == text) {
            return Some(status);
        }
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        Self::ALL
            .into_iter()
            .find(|s| {
                s.code() == text || s.label_zh() == text || s.label_en().replace(' ', "").eq_ignore_ascii_case(&text)
            })
            .or_else(|| Self::SYNONYMS.iter().find(|(word, _)| *word == text).map(|(_, s)| *s))
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn codes_and_labels_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
            assert_eq!(Status::parse(status.label_zh()), Some(status));
        }
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn synonyms_districts_use() {
        for (word, status) in [
            ("已竣工", Status::Completed),
            ("竣工", Status::Completed),
            ("完工", Status::Completed),
            ("已完成", Status::Completed),
            (" 在 建 ", Status::UnderConstruction),
            ("施工中", Status::UnderConstruction),
            ("正在建设", Status::UnderConstruction),
            ("尚未开工", Status::NotStarted),
            ("开展前期", Status::Preparing),
            ("前期工作", Status::Preparing),
            ("停建", Status::Suspended),
            ("缓建", Status::Suspended),
            ("under construction", Status::UnderConstruction),
        ] {
            assert_eq!(Status::parse(word), Some(status), "{word}");
        }
        for word in ["已开工", "续建", "完成", "开工了", ""] {
            assert_eq!(Status::parse(word), None, "{word}");
        }
    }
}
