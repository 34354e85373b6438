//! The vocabulary of the keymap: everything a user can bind a key to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Unbinds a key that a preset binds.
    Noop,
    /// Quits; while a call is on, asks first.
    Quit,
    /// Quits at once, even during a call.
    QuitNow,
    Help,
    /// Goes back one level: closes what is open on top (help, the palette,
    /// a search, a profile), or from a traveller back to the chooser.
    Close,
    OpenPalette,
    OpenSearch,
    /// Takes the ringing call.
    Accept,
    HangUp,
    /// Leaves the finished call and waits for the next one.
    BackToWaiting,
    /// Demo mode: ring a simulated call now.
    RingDemoCall,
    SelectNext,
    SelectPrevious,
    /// Opens the selected traveller (chooser, search) or runs the selected command (palette).
    Open,
    /// Back from a traveller to the chooser of a shared number.
    ShowChooser,
    /// Adds the caller's number to the traveller on screen (found by search).
    AddCallerNumber,
    /// Clears the text being typed.
    ClearInput,
    DeleteBackward,
    /// Says yes to the question asked (quit during a call).
    Confirm,
    /// Opens the note form for the traveller on screen.
    AddNote,
    /// Opens the traveller's contact history.
    ShowHistory,
    /// Saves the form on screen.
    Save,
    /// Closes the form on screen, dropping what was typed, without asking.
    Discard,
    /// Picks the disposition of the call just ended.
    WrapUp,
    /// Opens the complaint form for the traveller on screen.
    LogComplaint,
    /// Opens the VIP service request form for the traveller on screen.
    LogVipRequest,
    /// Opens the traveller's seat and service preferences.
    EditPreferences,
    /// Opens the traveller's open complaints, to pick one and work it.
    WorkComplaints,
    /// Opens the complaint form filled for a disruption nobody complained
    /// about, to log it and give the recovery the policy proposes.
    OfferRecovery,
    /// Writes a correction of the note selected in the history.
    CorrectNote,
    /// Opens (or closes) the supervisors' floor view.
    Floor,
    /// Opens the chooser of the agent's own state: available, a break, signed out.
    MyState,
    /// On the floor: queue figures over the last 15 minutes, or today.
    FloorWindow,
    /// On the floor: shows or hides the queues' trends.
    FloorTrends,
    /// In a form: the next field.
    NextField,
    /// In a form: the field before.
    PreviousField,
    /// Opens the government change/refund fee calculator for the traveller
    /// on screen.
    FeeRules,
    /// Opens the list of my follow-ups (and the VIP queue's).
    FollowUps,
    /// Opens the form of a follow-up for the traveller on screen.
    AddFollowUp,
    /// In the follow-up list: marks the selected one done.
    FollowUpDone,
    /// In the follow-up list: puts the selected one off an hour.
    FollowUpSnooze,
}

impl Action {
    pub const ALL: [Action; 41] = [
        Action::Noop,
        Action::Quit,
        Action::QuitNow,
        Action::Help,
        Action::Close,
        Action::OpenPalette,
        Action::OpenSearch,
        Action::Accept,
        Action::HangUp,
        Action::BackToWaiting,
        Action::RingDemoCall,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Open,
        Action::ShowChooser,
        Action::AddCallerNumber,
        Action::ClearInput,
        Action::DeleteBackward,
        Action::Confirm,
        Action::AddNote,
        Action::ShowHistory,
        Action::Save,
        Action::Discard,
        Action::WrapUp,
        Action::LogComplaint,
        Action::LogVipRequest,
        Action::EditPreferences,
        Action::WorkComplaints,
        Action::OfferRecovery,
        Action::CorrectNote,
        Action::Floor,
        Action::MyState,
        Action::FloorWindow,
        Action::FloorTrends,
        Action::NextField,
        Action::PreviousField,
        Action::FeeRules,
        Action::FollowUps,
        Action::AddFollowUp,
        Action::FollowUpDone,
        Action::FollowUpSnooze,
    ];

    /// What the action does where no key of the keymap says it (a
    /// binding without `desc`, a command with no key in the palette).
    pub fn describe(self) -> &'static str {
        match self {
            Action::Noop => "do nothing",
            Action::Quit => "quit skydesk",
            Action::QuitNow => "quit skydesk at once, even during a call",
            Action::Help => "show the keys for this screen",
            Action::Close => "go back",
            Action::OpenPalette => "open the command palette",
            Action::OpenSearch => "search travellers",
            Action::Accept => "accept the ringing call",
            Action::HangUp => "hang up",
            Action::BackToWaiting => "finish wrap-up and wait for the next call",
            Action::RingDemoCall => "ring a demo call",
            Action::SelectNext => "next",
            Action::SelectPrevious => "previous",
            Action::Open => "open what is selected",
            Action::ShowChooser => "show every traveller on this number",
            Action::AddCallerNumber => "add the caller's number to this traveller",
            Action::ClearInput => "clear the text",
            Action::DeleteBackward => "delete the last character",
            Action::Confirm => "yes",
            Action::AddNote => "write a booking note on this traveller",
            Action::ShowHistory => "show this traveller's contact history",
            Action::Save => "save",
            Action::Discard => "close the form, dropping what was typed",
            Action::WrapUp => "pick the disposition of the call just ended",
            Action::LogComplaint => "log a complaint for this traveller",
            Action::LogVipRequest => "log a VIP service request for this traveller",
            Action::EditPreferences => "edit this traveller's seat and service preferences",
            Action::WorkComplaints => "work this traveller's open complaints",
            Action::OfferRecovery => {
                "offer the recovery for a disrupted flight nobody complained about"
            }
            Action::CorrectNote => "write a correction of the selected note",
            Action::Floor => "show the floor: queues, agents, alerts",
            Action::MyState => "take a break, be available or sign out",
            Action::FloorWindow => "floor figures: last 15 minutes or today",
            Action::FloorTrends => "show or hide the floor's trends",
            Action::NextField => "next field",
            Action::PreviousField => "previous field",
            Action::FeeRules => "work out a change or refund fee under the government rules",
            Action::FollowUps => "show my follow-ups, due first",
            Action::AddFollowUp => "promise this traveller a follow-up by a time",
            Action::FollowUpDone => "mark the selected follow-up done",
            Action::FollowUpSnooze => "put the selected follow-up off an hour",
        }
    }

    /// Ends a call or the program (`confirm` says yes to just that):
    /// never chosen for the agent by default.
    pub fn is_destructive(self) -> bool {
        matches!(
            self,
            Action::HangUp | Action::Quit | Action::QuitNow | Action::Confirm | Action::Discard
        )
    }

    /// The snake_case name used in keymap files.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }
}
