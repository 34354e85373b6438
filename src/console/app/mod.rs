//! The console's state and its one place of change, `App::update`. No I/O
//! here: work for the outside world is returned as `Effect`s.

mod actions;
mod answers;
mod call;
mod commands;
mod complaints;
mod confirm;
mod drafts;
mod editor_input;
mod events;
mod floor;
mod follow_ups;
mod kept_writes;
mod keystroke;
mod layer;
mod messages;
mod notes;
mod offline_forms;
mod overlay;
mod preferences;
mod screen;
mod search;
mod stack;
mod state;
mod status;
mod vip;
mod vip_requests;
mod wrap_up;

use std::collections::{HashSet, VecDeque};

use chrono::{DateTime, Utc};

use super::{action::Action, keymap::Keymap, keys::Key};
use crate::{
    domain::{CentreTime, User, fuzzy::Fuzzy},
    wire::CallOffer,
};

pub use call::{CallScreen, CallerView, Phase};
pub use commands::help::{HelpOverlay, HelpRow};
pub use commands::palette::{Palette, PaletteRow};
pub use complaints::complaint_form::{ComplaintField, ComplaintForm, ComplaintStage};
pub use complaints::complaint_work::ComplaintWork;
pub use complaints::complaint_working::{WorkAnswer, WorkField, WorkingComplaint};
pub use complaints::flight_picker::FlightPicker;
pub use complaints::recovery_editor::{RecoveryEditor, RecoveryField};
pub use confirm::ConfirmOverlay;
pub use drafts::draft::{ComplaintDraft, Corrected, DraftMark, NoteDraft};
pub use drafts::draft_offer::DraftOffer;
pub use floor::agent_day::AgentDayView;
pub use floor::floor_view::{FloorView, FloorWindow};
pub use follow_ups::form::{FollowUpField, FollowUpForm};
pub use follow_ups::list::FollowUpList;
pub use keystroke::CALL_KEY_GUARD;
pub use layer::{Layer, LayerId};
pub use messages::{Connection, Effect, Msg};
pub use notes::note_form::{NoteField, NoteForm};
pub use notes::note_view::NoteView;
pub use overlay::{Availability, Env, Focus, Overlay, Reaction};
pub use preferences::preference_field::PreferenceField;
pub use preferences::preferences_form::{PreferencesForm, PreferencesStage};
pub use screen::Screen;
pub use search::history_pane::HistoryPane;
pub use search::panel::{PanelId, Query, SearchPanel};
pub use search::profile_overlay::ProfileOverlay;
pub use search::side_panes::{PaneData, SIDE_BY_SIDE_FROM, SidePanes};
pub use state::own_state::{OwnState, StateWhy};
pub use state::state_chooser::{StateChooser, StateRow};
pub use vip::fee_form::{FeeField, FeeForm, FeeState};
pub use vip_requests::vip_form::{VipField, VipForm};
pub use wrap_up::code_picker::CodePicker;
pub use wrap_up::form::{WrapUp, WrapUpField, WrapUpForm};

use stack::top_of;
/// How long a message stays in place of the key hints.
const FLASH_FOR: chrono::Duration = chrono::Duration::seconds(4);

pub struct App {
    pub user: User,
    pub keymap: Keymap,
    pub connection: Connection,
    pub screen: Screen,
    /// What sits on top of the screen; the last one takes the keys.
    pub overlays: Vec<Layer>,
    layer_ids: layer::LayerIds,
    pub queued: VecDeque<CallOffer>,
    pub now: DateTime<Utc>,
    /// The centre's time zone, as the server says when the console signs
    /// in (UTC until then): every time shown and every "today" is in it.
    pub centre: CentreTime,
    /// Keys typed so far of a multi-key sequence (shown by which-key).
    pub pending: Vec<Key>,
    pub flash: Option<String>,
    /// The message on screen and when it was first drawn; it goes after
    /// `FLASH_FOR` so the key hints come back without a key.
    flash_since: Option<(String, DateTime<Utc>)>,
    pub demo: bool,
    /// The demo rings calls by itself (not with `--quiet`).
    pub demo_rings_alone: bool,
    /// Ring the terminal's bell when a call appears.
    pub bell: bool,
    /// Screen pops shown since start.
    pub pops: u64,
    /// The agent's writes waiting in the outbox to be sent.
    pub outbox_pending: usize,
    /// The terminal's width in columns (0 until the run loop says).
    pub terminal_width: u16,
    /// The terminal's height in rows (0 until the run loop says).
    pub terminal_height: u16,
    /// The agent's own state on the floor.
    pub own: OwnState,
    /// What the panes beside the card show, on a wide terminal.
    pub side: Option<SidePanes>,
    /// Calls that ring whose offers are being asked for.
    offers_asked: HashSet<String>,
    /// Writes the outbox has kept that the server has not answered yet.
    kept_writes: HashSet<super::request::IdempotencyKey>,
    /// My follow-ups as last read, to say when one falls due.
    follow_ups: follow_ups::watch::FollowUpWatch,
    fuzzy: Fuzzy,
}

impl App {
    pub fn new(user: User, keymap: Keymap, now: DateTime<Utc>, demo: bool) -> Self {
        Self {
            user,
            keymap,
            connection: Connection::Connecting,
            screen: Screen::Waiting,
            overlays: Vec::new(),
            layer_ids: layer::LayerIds::default(),
            queued: VecDeque::new(),
            now,
            centre: CentreTime::UTC,
            pending: Vec::new(),
            flash: None,
            flash_since: None,
            demo,
            demo_rings_alone: demo,
            bell: false,
            pops: 0,
            outbox_pending: 0,
            terminal_width: 0,
            terminal_height: 0,
            own: OwnState::default(),
            side: None,
            offers_asked: HashSet::new(),
            kept_writes: HashSet::new(),
            follow_ups: Default::default(),
            fuzzy: Fuzzy::default(),
        }
    }

    /// Applies one message; returns whether the screen changed and the
    /// effects to run.
    pub fn update(&mut self, msg: Msg) -> (bool, Vec<Effect>) {
        let mut effects = Vec::new();
        let side_changed = self.side_panes_hear(&msg, &mut effects);
        self.forget_kept(&msg);
        let changed = match msg {
            Msg::Key(event) => match Key::from_event(&event) {
                Some(key) => self.on_key(key, &mut effects),
                None => false,
            },
            Msg::Paste(_) if self.guarded(None) => false,
            Msg::Paste(text) => self.paste(&text, &mut effects),
            Msg::Resize { width, height } => {
                self.terminal_width = width;
                self.terminal_height = height;
                true
            }
            Msg::Tick(now) => {
                let before = self.visible_clock();
                self.now = now;
                let expired = self.expire_flash();
                let released = self.release_time_boxed(&mut effects);
                let due = self.follow_ups_falling_due(&mut effects);
                self.visible_clock() != before || expired || released || due
            }
            Msg::Server(event) => self.on_server_event(event, &mut effects),
            Msg::Connection(connection) => {
                let changed = connection != self.connection;
                self.connection = connection;
                changed | self.close_forms_kept_offline()
            }
            Msg::PhoneAdded {
                traveller_id,
                e164,
                result,
            } => self.on_phone_added(traveller_id, e164, result),
            Msg::Answered { to, answer } => self.deliver(to, answer, &mut effects),
            Msg::Written { key, answer } => self.on_written(&key, answer, &mut effects),
            Msg::DraftFound {
                traveller_id,
                kind,
                result,
            } => self.on_draft_found(traveller_id, kind, result),
            Msg::Failed { doing, error } => {
                self.flash = Some(format!("{doing}: {error}"));
                true
            }
            Msg::WriteKept { key } => self.on_write_kept(key),
            Msg::OutboxPending(n) => {
                let changed = n != self.outbox_pending;
                self.outbox_pending = n;
                changed
            }
            Msg::Shutdown => {
                self.flush_drafts(&mut effects);
                effects.extend(self.farewell().map(Effect::SignOut));
                effects.push(Effect::Quit);
                true
            }
        };
        self.drafts_due(&mut effects);
        self.own.note_asked(&effects);
        self.note_flash();
        let asked = self.follow_card(&mut effects);
        let help_moved = self.help_follows_what_is_beneath();
        (changed || side_changed || asked || help_moved, effects)
    }
}

/// ann, an agent on the default keymap, her console started at `now`:
/// the one console the tests of every part of it start from.
#[cfg(test)]
pub(crate) fn ann_at(now: DateTime<Utc>) -> App {
    let user = User {
        name: "ann".into(),
        roles: vec![crate::domain::Role::Agent],
    };
    App::new(
        user,
        Keymap::preset("default").expect("default keymap"),
        now,
        true,
    )
}

#[cfg(test)]
mod tests;
