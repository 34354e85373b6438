//! The vocabulary of the keymap: everything a user can bind a key to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Unbinds a key that a preset binds.
    Noop,
    Quit,
    Help,
    CloseHelp,
    /// Takes the ringing call.
    Accept,
    HangUp,
    /// Leaves the finished call and waits for the next one.
    BackToWaiting,
    /// Demo mode: ring a simulated call now.
    RingDemoCall,
    SelectNext,
    SelectPrevious,
    /// Opens the selected traveller from a chooser.
    Open,
    /// Back from a traveller to the chooser of a shared number.
    ShowChooser,
    /// Searches for what was typed in the unknown-caller box.
    Submit,
    /// Clears the text being typed.
    ClearInput,
    DeleteBackward,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::Noop,
        Action::Quit,
        Action::Help,
        Action::CloseHelp,
        Action::Accept,
        Action::HangUp,
        Action::BackToWaiting,
        Action::RingDemoCall,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Open,
        Action::ShowChooser,
        Action::Submit,
        Action::ClearInput,
        Action::DeleteBackward,
    ];
}
