//! What the user can ask for: the [`Command`]s views push (applied in one place by the app),
//! and the table of the user's actions (label, keyboard shortcut, command) from which the top
//! bar, the shortcuts and the hints that name them come. Shortcuts are shown as the platform
//! writes them (⌘F on macOS, Ctrl+F elsewhere). Plain data: no database, no app state.

use std::path::PathBuf;

use crate::domain::{ProjectFields, ProjectId, ReportInput, SortColumn};
use crate::ui::i18n::Lang;

/// An action asked for by a view, a menu or a shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select a project (or none); asks first when a draft is unsaved.
    Select(Option<ProjectId>),
    /// The answer to "discard unsaved changes?": true discards.
    ConfirmDiscard(bool),
    /// Move the selection by this many rows in the table (keyboard).
    MoveSelection(isize),
    /// Sort by a column; the same column again reverses the order.
    SortBy(SortColumn),
    SetLanguage(Lang),
    ClearFilters,
    FocusSearch,
    SaveReport {
        input: Box<ReportInput>,
        confirm_over_target: bool,
    },
    SaveProject {
        id: ProjectId,
        fields: Box<ProjectFields>,
    },
    SetInBin {
        id: ProjectId,
        in_bin: bool,
    },
    Undo,
    Redo,
    BackupNow,
    /// Restore a backup (after the user confirmed).
    Restore(PathBuf),
    Open(Dialog),
    /// Save the project typed in the add-project window.
    AddProject,
    /// Apply the previewed import (skipping the rows with problems when asked).
    ApplyImport {
        skip_bad: bool,
    },
    /// Show the table or the charts.
    SetScreen(Screen),
    /// From a chart: filter the table to a place, or to a category.
    DrillPlace(String),
    DrillCategory(String),
    /// Back to the filter before the drill-down.
    DrillBack,
    /// Sync this offline copy with its server.
    Sync,
    /// Open (true) or close the list of sync conflicts.
    ShowConflicts(bool),
    /// Keep this copy's value of the sync conflict at this place in the list; clear the list.
    /// Taken only while no job runs (a job may change the list).
    TakeMine(usize),
    ClearConflicts,
    /// Connect to the server typed in the settings; check it out into an offline copy.
    ConnectServer,
    CheckOut,
    /// Read the whole history for the query typed in its window.
    QueryHistory,
    /// Stop the work running, where stopping loses nothing (取消 in the status bar).
    CancelTask(TaskKind),
    /// A button of the 导出/导入 window.
    Exchange(crate::ui::exchange::ExchangeAction),
    /// Start (F5) or leave (Esc) the full-screen presentation.
    Present(bool),
    /// Move through the slides.
    Slide(isize),
    /// Save the current filter and screen under a name; recall or delete a saved view.
    SaveView(String),
    RecallView(i64),
    DeleteView(i64),
    /// Save a slide (or the chart it shows) as PNG at the chosen size in the documents folder.
    SavePng(crate::domain::Slide),
    /// Show another plan (and open on it next time).
    SwitchPlan(i64),
    /// Plan import: pick a file, read it, commit the accepted drafts as a new plan.
    PickPlanFile,
    ReadPlanFile,
    CommitPlan,
    /// 按台账更新: read the ledger named in its window, then write what it changes.
    ReadPlanUpdate,
    ApplyPlanUpdate,
    /// Draft a ledger again with a corrected column mapping; keep the mapping for next time.
    RemapLedger(Box<crate::import::plan::ColumnMapping>),
    SaveLedgerMapping,
    /// Put a place an import made under another place of the plan's city.
    SetPlaceParent {
        place: String,
        parent: String,
    },
    /// Close (销号, with a note), reopen or mark in hand an item of the 问题清单.
    SetProblemStatus {
        id: i64,
        status: crate::domain::ProblemStatus,
        note: String,
    },
    /// 月度结账: keep every project's light of this month.
    CloseMonth(crate::domain::Period),
    /// Light the current plan's projects by these rules from now on.
    SetLightRules(Box<crate::domain::LightRules>),
    /// The plan's period is over: count 序时进度 at its end (true) or today.
    CountAtPeriodEnd(bool),
    /// Archive a plan (read-only) or take it out of the archive.
    ArchivePlan {
        id: i64,
        archive: bool,
    },
}

/// The main screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Table,
    Charts,
}

/// The windows that can be open over the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Exchange,
    Settings,
    History,
    Backups,
    Bin,
    AddProject,
    /// The review screen of a plan import.
    PlanImport,
    /// The places an import made, to set where each lies.
    Places,
    /// 按台账更新.
    PlanUpdate,
    /// 问题清单.
    Problems,
}

/// A user's action as the top bar, the keyboard and the hints that name it know it: one
/// table, so a label, its shortcut and the way the shortcut is written cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Find,
    Save,
    Undo,
    Redo,
    Present,
    Exchange,
    AddProject,
    History,
    Backups,
    Bin,
    Settings,
    ImportPlan,
    Problems,
}

impl Action {
    /// Every action, in the order the shortcut help lists them.
    pub const ALL: [Self; 13] = [
        Self::Find,
        Self::Save,
        Self::Undo,
        Self::Redo,
        Self::Present,
        Self::Exchange,
        Self::AddProject,
        Self::ImportPlan,
        Self::Problems,
        Self::History,
        Self::Backups,
        Self::Bin,
        Self::Settings,
    ];

    /// The windows the top bar opens, in its order.
    pub const WINDOWS: [Self; 7] =
        [Self::Exchange, Self::AddProject, Self::Problems, Self::History, Self::Backups, Self::Bin, Self::Settings];

    /// The keyboard shortcut: Ctrl on Windows and Linux, ⌘ on macOS (egui's `COMMAND`).
    pub fn shortcut(self) -> Option<egui::KeyboardShortcut> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Self::Find => command(Key::F),
            Self::Save => command(Key::S),
            Self::Undo => command(Key::Z),
            Self::Redo => command(Key::Y),
            Self::Present => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            Self::Exchange => command(Key::E),
            Self::AddProject => command(Key::N),
            Self::ImportPlan => command(Key::O),
            Self::Settings => command(Key::Comma),
            Self::Problems => command(Key::P),
            Self::History | Self::Backups | Self::Bin => None,
        }
    }

    /// The label of its button or menu entry.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Self::Find => t.find,
            Self::Save => t.save,
            Self::Undo => t.undo,
            Self::Redo => t.redo,
            Self::Present => t.present,
            Self::Exchange => t.exchange,
            Self::AddProject => t.add_project,
            Self::History => t.history_all,
            Self::Backups => t.backups,
            Self::Bin => t.bin,
            Self::Settings => t.settings,
            Self::ImportPlan => t.import_plan_menu,
            Self::Problems => t.problems_title,
        }
    }

    /// The command it pushes; saving goes through the editor's validation instead.
    pub fn command(self) -> Option<Command> {
        Some(match self {
            Self::Find => Command::FocusSearch,
            Self::Save => return None,
            Self::Undo => Command::Undo,
            Self::Redo => Command::Redo,
            Self::Present => Command::Present(true),
            Self::Exchange => Command::Open(Dialog::Exchange),
            Self::AddProject => Command::Open(Dialog::AddProject),
            Self::History => Command::Open(Dialog::History),
            Self::Backups => Command::Open(Dialog::Backups),
            Self::Bin => Command::Open(Dialog::Bin),
            Self::Settings => Command::Open(Dialog::Settings),
            Self::ImportPlan => Command::Open(Dialog::PlanImport),
            Self::Problems => Command::Open(Dialog::Problems),
        })
    }

    /// Its shortcut as this platform writes it (`Ctrl+Z`, `⌘Z`, `F5`).
    pub fn keys(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// The hover text of its button: the label and the shortcut.
    pub fn hint(self, ctx: &egui::Context, lang: Lang) -> String {
        match self.keys(ctx) {
            Some(keys) => format!("{} ({keys})", self.label(lang)),
            None => self.label(lang).to_string(),
        }
    }
}

/// The shortcut help of the status bar: every action with a shortcut, and the arrow keys.
pub fn shortcut_help(ctx: &egui::Context, lang: Lang) -> String {
    let t = lang.texts();
    let mut parts: Vec<String> =
        Action::ALL.iter().filter_map(|a| a.keys(ctx).map(|k| format!("{k} {}", a.label(lang)))).collect();
    parts.insert(2, format!("↑↓ {}", t.select_rows));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::{Action, shortcut_help};
    use crate::ui::i18n::Lang;

    #[test]
    fn one_table_gives_labels_shortcuts_and_the_platforms_way_of_writing_them() {
        // No two actions share a shortcut.
        let keys: Vec<_> = Action::ALL.iter().filter_map(|a| a.shortcut()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} twice");
        }
        for a in Action::ALL {
            assert!(!a.label(Lang::Zh).is_empty() && !a.label(Lang::En).is_empty(), "{a:?}");
            assert!(!a.label(Lang::En).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{a:?}");
        }
        let ctx = egui::Context::default();
        // How ⌘ is written depends on the fonts, which a first frame loads.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(Action::Undo.hint(&ctx, Lang::Zh), "撤销 (Ctrl+Z)");
        assert_eq!(Action::Present.hint(&ctx, Lang::En), "Present (F5)");
        assert_eq!(Action::Bin.hint(&ctx, Lang::Zh), "回收站", "no shortcut, no brackets");
        let help = shortcut_help(&ctx, Lang::En);
        assert!(help.starts_with("Ctrl+F Search · Ctrl+S Save · ↑↓ select · Ctrl+Z Undo"), "{help}");
        ctx.set_os(egui::os::OperatingSystem::Mac);
        // ⌘Z where the font has the sign, else Cmd+Z (egui's default fonts).
        let undo = Action::Undo.keys(&ctx).expect("a shortcut");
        assert!(undo == "⌘Z" || undo == "Cmd+Z", "{undo}");
        assert!(!shortcut_help(&ctx, Lang::Zh).contains("Ctrl"));
    }
}

/// Which running work a 取消 is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    /// The job that holds the database.
    Job,
    /// The 导出/导入 window's work.
    Exchange,
}
