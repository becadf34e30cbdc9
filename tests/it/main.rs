//! Taizhang's integration tests, one binary (issue 25): each file of this folder is a module,
//! so the eframe stack is linked once, not once per file. `cargo test --test it server::` runs
//! one module's tests.

mod common;

mod cli;
mod current_state;
mod db;
mod documents;
mod export;
mod hostile;
mod import;
mod import_cells;
mod import_limits;
mod import_plan;
mod layers;
mod plan_document;
mod plan_ledger;
mod plans;
mod review;
mod round_three;
mod round_two;
mod safety;
mod selection;
mod server;
mod slides;
mod ui;
mod window;
