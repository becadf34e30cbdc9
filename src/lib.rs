//! Taizhang (台账): offline review of the key projects of 六盘水市“十四五”新型城镇化发展规划.
//! Everything testable lives here; `main.rs` only parses the command line and starts a front end.

pub mod app;
pub mod cli;
pub mod db;
pub mod demo;
pub mod domain;
pub mod export;
pub mod files;
pub mod fonts;
pub mod import;
pub mod platform;
pub mod seed;
pub mod slides;
pub mod ui;
pub mod usecase;
pub mod words;
