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

    /// Parses a code (`under_construction`) or a Chinese label (`在建`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|s| s.code() == text || s.label_zh() == text)
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
}
