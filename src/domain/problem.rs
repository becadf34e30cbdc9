//! 问题清单: a problem (存在问题) or a matter to coordinate (需协调事项) of a project as an item of
//! its own, chased from month to month until it is closed (销号).

use serde::{Deserialize, Serialize};

use super::{FieldError, FieldProblem, Period, ProjectId};

/// What kind of item it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// 存在问题.
    Problem,
    /// 需协调事项.
    Coordination,
}

impl ProblemKind {
    /// The code in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Problem => "problem",
            Self::Coordination => "coordination",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Problem, Self::Coordination].into_iter().find(|k| k.code() == code)
    }

    /// The reviewer's word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Problem => "存在问题",
            Self::Coordination => "需协调事项",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Problem => "Problem",
            Self::Coordination => "To coordinate",
        }
    }
}

/// Where an item stands: open → in hand → resolved (销号).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemStatus {
    Open,
    InHand,
    Resolved,
}

impl ProblemStatus {
    /// Every status, in order.
    pub const ALL: [Self; 3] = [Self::Open, Self::InHand, Self::Resolved];

    /// The code in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InHand => "in_hand",
            Self::Resolved => "resolved",
        }
    }

    /// Parses a code or a Chinese label.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text || s.label_zh() == text)
    }

    /// The reviewer's word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Open => "未解决",
            Self::InHand => "办理中",
            Self::Resolved => "已销号",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InHand => "In hand",
            Self::Resolved => "Closed",
        }
    }
}

/// One item of the problem list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub id: i64,
    pub project: ProjectId,
    pub kind: ProblemKind,
    pub text: String,
    /// 责任单位.
    pub owner: String,
    /// 责任人.
    pub person: String,
    /// 解决时限, a month.
    pub due: Option<Period>,
    /// The month it was raised in.
    pub raised: Period,
    pub status: ProblemStatus,
    /// 销号: the day it was closed (YYYY-MM-DD) and how.
    pub closed_on: Option<String>,
    pub close_note: String,
}

impl Problem {
    /// Still to be solved (open or in hand).
    pub fn is_open(&self) -> bool {
        self.status != ProblemStatus::Resolved
    }

    /// The item as it stood at the end of `month`: none when it was raised later; open when it
    /// was closed (销号) after that month. A 通报 or 督办函 of a past month chases what was open
    /// then, not what is open today.
    pub fn as_of(&self, month: Period) -> Option<Self> {
        if self.raised > month {
            return None;
        }
        let closed_later = self.status == ProblemStatus::Resolved
            && self.closed_on.as_deref().and_then(|d| Period::parse(d.get(..7)?)).is_some_and(|closed| closed > month);
        if closed_later {
            return Some(Self {
                status: ProblemStatus::Open,
                closed_on: None,
                close_note: String::new(),
                ..self.clone()
            });
        }
        Some(self.clone())
    }

    /// Open past its 解决时限 at `month`: the deadline's month is over.
    pub fn overdue(&self, month: Period) -> bool {
        self.is_open() && self.due.is_some_and(|d| d < month)
    }
}

/// A move of an item to another status brought in from outside (an update sheet's 问题清单):
/// which item, to what, and for a close (销号) the day and how it was solved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemUpdate {
    pub id: i64,
    pub status: ProblemStatus,
    /// 办理情况: how it was solved (required to close); kept as the item's note otherwise.
    pub note: String,
    /// 销号日期, YYYY-MM-DD (for a close only).
    pub day: String,
}

impl Problem {
    /// The item moved to `status`: closing (销号) needs a note of how it was solved and a day
    /// (YYYY-MM-DD); moving it open again or in hand clears the day and keeps a note if given.
    ///
    /// # Errors
    /// A close without a note (`close_note`) or without a valid day (`closed_on`).
    /// A 销号 day before the month the item was raised is refused (a day to come is refused by
    /// the caller, who knows the date: [`Problem::day_to_come`]).
    fn close_day_error(&self, day: &str) -> Option<FieldError> {
        let date = super::parse_date(day)?;
        let month = Period::new(i32::from(date.year()), u8::try_from(date.month()).ok()?)?;
        let problem = FieldProblem::ClosedBeforeRaised { day: day.trim().to_string(), raised: self.raised };
        (month < self.raised).then(|| FieldError::new("closed_on", problem))
    }

    /// A 销号 day after `today` is refused.
    pub fn day_to_come(day: &str, today: jiff::civil::Date) -> Option<FieldError> {
        let date = super::parse_date(day)?;
        (date > today).then(|| FieldError::new("closed_on", FieldProblem::DayToCome(day.trim().to_string())))
    }

    pub fn moved(&self, status: ProblemStatus, note: &str, day: &str) -> Result<Self, FieldError> {
        let mut new = self.clone();
        new.status = status;
        // A note as a report's text is: line breaks kept, no control character, 500 at most
        // (a 120,000-character note went whole into the 通报).
        let note = &super::clean_text(note);
        if let Some(e) = super::control_error("close_note", note) {
            return Err(e);
        }
        let len = note.trim().chars().count();
        if len > super::MAX_TEXT {
            return Err(FieldError::new("close_note", FieldProblem::TooLong { max: super::MAX_TEXT, len }));
        }
        if status == ProblemStatus::Resolved {
            if note.trim().is_empty() {
                return Err(FieldError::new("close_note", FieldProblem::NoCloseNote));
            }
            let Some(date) = super::parse_date(day) else {
                return Err(FieldError::new("closed_on", FieldProblem::NotADay(day.to_string())));
            };
            // The day as stored: YYYY-MM-DD, whatever form it was given in (a time or a zone
            // after it reached the database's check raw).
            new.closed_on = Some(date.to_string());
            if let Some(e) = self.close_day_error(day) {
                return Err(e);
            }
            new.close_note = note.trim().to_string();
        } else {
            new.closed_on = None;
            if !note.trim().is_empty() {
                new.close_note = note.trim().to_string();
            }
        }
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::{Problem, ProblemKind, ProblemStatus};
    use crate::domain::{Period, ProjectId};

    #[test]
    fn an_open_item_is_overdue_once_its_month_is_over() {
        let p = |y, m| Period::new(y, m).expect("period");
        let mut item = Problem {
            id: 1,
            project: ProjectId(1),
            kind: ProblemKind::Coordination,
            text: "协调道路开挖许可".into(),
            owner: "钟山区住建局".into(),
            person: String::new(),
            due: Some(p(2026, 9)),
            raised: p(2026, 6),
            status: ProblemStatus::Open,
            closed_on: None,
            close_note: String::new(),
        };
        assert!(!item.overdue(p(2026, 9)), "due in September: not overdue during it");
        assert!(item.overdue(p(2026, 10)));
        item.status = ProblemStatus::InHand;
        assert!(item.overdue(p(2026, 10)), "in hand is still open");
        item.status = ProblemStatus::Resolved;
        assert!(!item.overdue(p(2026, 10)));
        item.due = None;
        item.status = ProblemStatus::Open;
        assert!(!item.overdue(p(2030, 1)), "no deadline, never overdue");
        assert_eq!(ProblemStatus::parse("已销号"), Some(ProblemStatus::Resolved));
        assert_eq!(ProblemKind::parse("problem"), Some(ProblemKind::Problem));
    }
}
