//! ui: one struct per view (filter panel, project table, detail pane, bars). Views read the
//! snapshot and push [`command::Command`]s; they never touch the database.

pub mod charts;
pub mod command;
pub mod detail;
pub mod editor;
pub mod filter_panel;
pub mod fonts;
pub mod i18n;
pub mod offscreen;
pub mod places;
pub mod plan_review;
pub mod plan_switcher;
pub mod plan_update;
pub mod problems;
pub mod raster;
pub mod table;
