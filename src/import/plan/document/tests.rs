//! The rules, one small sentence each.

use super::draft_from_text;
use crate::domain::{Comparator, Gazetteer};
