use crate::console::{
    action::Action,
    app::{
        AgentDayView, CallScreen, ComplaintForm, ComplaintWork, ConfirmOverlay, FloorView,
        HelpOverlay, HistoryPane, NoteForm, NoteView, Palette, PreferencesForm, ProfileOverlay,
        Screen, SearchPanel, StateChooser, WrapUpForm,
    },
    chooser::Chooser,
};

/// Where the agent is; each has its own keymap section falling back to
/// `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Waiting,
    Ringing,
    Call,
    Ended,
    Chooser,
    Search,
    Profile,
    Palette,
    Help,
    Confirm,
    /// The booking note form.
    Note,
    /// One note, whole, opened from the history.
    NoteView,
    /// A traveller's contact history.
    History,
    /// Picking the disposition after a call.
    WrapUp,
    /// The complaint form.
    Complaint,
    /// The preferences form.
    Preferences,
    /// A traveller's open complaints, to pick one to work.
    Complaints,
    /// One complaint being worked: status, update, resolution.
    ComplaintWork,
    /// The supervisors' floor view.
    Floor,
    /// Choosing the agent's own state.
    MyState,
    /// One agent's day, opened from the floor.
    AgentDay,
}

impl Context {
    pub const ALL: [Context; 22] = [
        Context::Global,
        Context::Waiting,
        Context::Ringing,
        Context::Call,
        Context::Ended,
        Context::Chooser,
        Context::Search,
        Context::Profile,
        Context::Palette,
        Context::Help,
        Context::Confirm,
        Context::Note,
        Context::NoteView,
        Context::History,
        Context::WrapUp,
        Context::Complaint,
        Context::Preferences,
        Context::Complaints,
        Context::ComplaintWork,
        Context::Floor,
        Context::MyState,
        Context::AgentDay,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Waiting => "waiting",
            Context::Ringing => "ringing",
            Context::Call => "call",
            Context::Ended => "ended",
            Context::Chooser => "chooser",
            Context::Search => "search",
            Context::Profile => "profile",
            Context::Palette => "palette",
            Context::Help => "help",
            Context::Confirm => "confirm",
            Context::Note => "note",
            Context::NoteView => "note_view",
            Context::History => "history",
            Context::WrapUp => "wrap_up",
            Context::Complaint => "complaint",
            Context::Preferences => "preferences",
            Context::Complaints => "complaints",
            Context::ComplaintWork => "complaint_work",
            Context::Floor => "floor",
            Context::MyState => "my_state",
            Context::AgentDay => "agent_day",
        }
    }

    /// Contexts with a text box: unbound printable keys type into it.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Chooser
                | Context::Search
                | Context::Palette
                | Context::Note
                | Context::WrapUp
                | Context::Complaint
                | Context::Preferences
                | Context::ComplaintWork
        )
    }

    /// The actions that do something here (the command palette lists
    /// them). Each layer states its own, beside the code that handles them.
    pub fn allowed_actions(self) -> &'static [Action] {
        match self {
            Context::Global => Self::GLOBAL_ACTIONS,
            Context::Waiting => Screen::WAITING_ACTIONS,
            Context::Ringing => CallScreen::RINGING_ACTIONS,
            Context::Call => CallScreen::TALKING_ACTIONS,
            Context::Ended => CallScreen::ENDED_ACTIONS,
            Context::Chooser => Chooser::ACTIONS,
            Context::Search => SearchPanel::ACTIONS,
            Context::Profile => ProfileOverlay::ACTIONS,
            Context::Palette => Palette::ACTIONS,
            Context::Help => HelpOverlay::ACTIONS,
            Context::Confirm => ConfirmOverlay::ACTIONS,
            Context::Note => NoteForm::ACTIONS,
            Context::NoteView => NoteView::ACTIONS,
            Context::History => HistoryPane::ACTIONS,
            Context::WrapUp => WrapUpForm::ACTIONS,
            Context::Complaint => ComplaintForm::ACTIONS,
            Context::Preferences => PreferencesForm::ACTIONS,
            Context::Complaints => ComplaintWork::LIST_ACTIONS,
            Context::ComplaintWork => ComplaintWork::WORK_ACTIONS,
            Context::Floor => FloorView::ACTIONS,
            Context::MyState => StateChooser::ACTIONS,
            Context::AgentDay => AgentDayView::ACTIONS,
        }
    }

    /// What works wherever the agent is.
    const GLOBAL_ACTIONS: &[Action] = &[
        Action::Quit,
        Action::QuitNow,
        Action::Help,
        Action::OpenPalette,
        Action::OpenSearch,
        Action::RingDemoCall,
    ];
}
