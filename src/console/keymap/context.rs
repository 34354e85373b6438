//! Where the agent is, as data: each layer declares its own context (its
//! keymap section, its words in the header's trail, whether it has a text
//! box, the commands it offers) beside the code that handles them, and one
//! line in [`Context::ALL`] registers it with the keymap files.

use crate::console::{
    action::Action,
    app::{
        AgentDayView, CallScreen, ComplaintForm, ComplaintWork, ConfirmOverlay, FeeForm, FloorView,
        FollowUpForm, FollowUpList, HelpOverlay, HistoryPane, NoteForm, NoteView, Palette,
        PreferencesForm, ProfileOverlay, Screen, SearchPanel, StateChooser, VipForm, WrapUpForm,
    },
    chooser::Chooser,
};

/// What a context is.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ContextSpec {
    /// Its section in a keymap file.
    pub name: &'static str,
    /// Its step in the header's trail, in the words of its box's title.
    pub title: &'static str,
    /// Whether it has a text box: unbound printable keys type into it.
    pub takes_text: bool,
    /// The commands that do something here (the palette lists them).
    pub actions: &'static [Action],
}

impl ContextSpec {
    /// A context whose keys are all commands.
    pub const fn keys(name: &'static str, title: &'static str, actions: &'static [Action]) -> Self {
        Self {
            name,
            title,
            takes_text: false,
            actions,
        }
    }

    /// A context with a text box, where what no key is bound to is typed.
    pub const fn typing(
        name: &'static str,
        title: &'static str,
        actions: &'static [Action],
    ) -> Self {
        Self {
            takes_text: true,
            ..Self::keys(name, title, actions)
        }
    }
}

/// Where the agent is; each has its own keymap section falling back to
/// `global`. Two contexts are the same when their specs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Context(&'static ContextSpec);

// The layers' contexts under the names the console has always used for
// them; a new layer needs no name here, only its line in `ALL`.
#[allow(non_upper_case_globals)]
impl Context {
    pub const Global: Context =
        Context::new(&ContextSpec::keys("global", "global", Self::GLOBAL_ACTIONS));
    pub const Waiting: Context = Screen::WAITING;
    pub const Ringing: Context = CallScreen::RINGING;
    pub const Call: Context = CallScreen::TALKING;
    pub const Ended: Context = CallScreen::ENDED;
    pub const Chooser: Context = Chooser::CONTEXT;
    pub const Search: Context = SearchPanel::CONTEXT;
    pub const Profile: Context = ProfileOverlay::CONTEXT;
    pub const Palette: Context = Palette::CONTEXT;
    pub const Help: Context = HelpOverlay::CONTEXT;
    pub const Confirm: Context = ConfirmOverlay::CONTEXT;
    /// The booking note form.
    pub const Note: Context = NoteForm::CONTEXT;
    /// One note, whole, opened from the history.
    pub const NoteView: Context = NoteView::CONTEXT;
    /// A traveller's contact history.
    pub const History: Context = HistoryPane::CONTEXT;
    /// Picking the disposition after a call.
    pub const WrapUp: Context = WrapUpForm::CONTEXT;
    pub const Complaint: Context = ComplaintForm::CONTEXT;
    pub const Preferences: Context = PreferencesForm::CONTEXT;
    /// A traveller's open complaints, to pick one to work.
    pub const Complaints: Context = ComplaintWork::LIST;
    /// One complaint being worked: status, update, resolution.
    pub const ComplaintWork: Context = ComplaintWork::WORKING;
    /// The supervisors' floor view.
    pub const Floor: Context = FloorView::CONTEXT;
    /// Choosing the agent's own state.
    pub const MyState: Context = StateChooser::CONTEXT;
    /// One agent's day, opened from the floor.
    pub const AgentDay: Context = AgentDayView::CONTEXT;

    /// Every context a keymap file may name: a layer registers its own
    /// with one line here.
    pub const ALL: &[Context] = &[
        Context::Global,
        Screen::WAITING,
        CallScreen::RINGING,
        CallScreen::TALKING,
        CallScreen::ENDED,
        Chooser::CONTEXT,
        SearchPanel::CONTEXT,
        ProfileOverlay::CONTEXT,
        Palette::CONTEXT,
        HelpOverlay::CONTEXT,
        ConfirmOverlay::CONTEXT,
        NoteForm::CONTEXT,
        NoteView::CONTEXT,
        HistoryPane::CONTEXT,
        WrapUpForm::CONTEXT,
        ComplaintForm::CONTEXT,
        VipForm::CONTEXT,
        PreferencesForm::CONTEXT,
        ComplaintWork::LIST,
        ComplaintWork::WORKING,
        FloorView::CONTEXT,
        StateChooser::CONTEXT,
        AgentDayView::CONTEXT,
        FeeForm::CONTEXT,
        FollowUpList::CONTEXT,
        FollowUpForm::CONTEXT,
    ];

    pub const fn new(spec: &'static ContextSpec) -> Self {
        Context(spec)
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Its step in the header's trail.
    pub fn title(self) -> &'static str {
        self.0.title
    }

    /// Contexts with a text box: unbound printable keys type into it.
    pub fn takes_text(self) -> bool {
        self.0.takes_text
    }

    /// The actions that do something here (the command palette lists
    /// them). Each layer states its own, beside the code that handles them.
    pub fn allowed_actions(self) -> &'static [Action] {
        self.0.actions
    }

    /// What works wherever the agent is.
    const GLOBAL_ACTIONS: &[Action] = &[
        Action::Quit,
        Action::QuitNow,
        Action::Help,
        Action::OpenPalette,
        Action::OpenSearch,
        Action::RingDemoCall,
        Action::FollowUps,
    ];
}
