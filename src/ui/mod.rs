//! ui: one struct per view (filter panel, project table, detail pane, bars) and per window
//! (settings, history, backups, a new project, plan update…), each owning its state and drawing
//! itself. Views read the snapshot and push [`command::Command`]s; they never touch the database.

pub mod add_project;
pub mod backups;
pub mod bars;
pub mod bin;
pub mod charts;
pub mod command;
pub mod conflicts;
pub mod detail;
pub mod editor;
pub mod exchange;
pub mod filter_panel;
pub mod fonts;
pub mod history;
pub mod i18n;
pub mod offscreen;
pub mod places;
pub mod plan_review;
pub mod plan_switcher;
pub mod plan_update;
pub mod problems;
pub mod raster;
pub mod settings;
pub mod table;
