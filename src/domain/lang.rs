//! The language a user reads: a plain value the front ends choose (`words` keeps which one this
//! thread speaks) and the layers below take as an argument where they word a slide or a sheet.

use serde::{Deserialize, Serialize};

/// The language a user reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// One of the two wordings a front end gives side by side.
    pub fn tr<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }
}
