//! One focus mechanism: a stack of layers. The screen is the bottom layer
//! (waiting, or a call, whose chooser or unknown-caller search types);
//! overlays (palette, search, a profile opened from search, help) sit on
//! top of it. The top layer takes the keys, whatever it is. A new pane or
//! form is one type implementing these traits, pushed on the stack.

use ratatui::{buffer::Buffer, layout::Rect};

use crate::console::{
    ask::{Answer, Ask},
    outbox::DraftKind,
    request::IdempotencyKey,
};

use super::{Effect, LayerId};
use crate::{
    console::{action::Action, keymap::Context, keys::Key, outbox::Draft, ui::Paint},
    domain::{CallerProfile, fuzzy::Fuzzy},
};

/// What a layer may touch while it handles a key or an answer: shared
/// helpers, the effects to run, the line in place of the key hints, and
/// its own id to ask with.
pub struct Env<'a> {
    pub fuzzy: &'a Fuzzy,
    pub effects: &'a mut Vec<Effect>,
    pub flash: &'a mut Option<String>,
    pub me: LayerId,
    /// The terminal's size, columns and rows (0 until known).
    pub terminal: (u16, u16),
    /// The app's clock and the centre's zone, for times typed or set.
    pub now: chrono::DateTime<chrono::Utc>,
    pub centre: crate::domain::CentreTime,
}

impl<'a> Env<'a> {
    pub fn new(
        fuzzy: &'a Fuzzy,
        flash: &'a mut Option<String>,
        effects: &'a mut Vec<Effect>,
        me: LayerId,
    ) -> Self {
        Self {
            fuzzy,
            effects,
            flash,
            me,
            terminal: (0, 0),
            now: chrono::DateTime::UNIX_EPOCH,
            centre: crate::domain::CentreTime::UTC,
        }
    }

    /// The same, at the app's time in the centre's zone.
    pub fn at(
        mut self,
        now: chrono::DateTime<chrono::Utc>,
        centre: crate::domain::CentreTime,
    ) -> Self {
        self.now = now;
        self.centre = centre;
        self
    }

    /// The same, knowing the terminal's size.
    pub fn sized(mut self, width: u16, height: u16) -> Self {
        self.terminal = (width, height);
        self
    }

    /// Asks the server to read something; the answer comes to this layer.
    pub fn ask(&mut self, ask: Ask) {
        self.effects.push(Effect::Ask { from: self.me, ask });
    }

    /// Says `message` in place of the key hints.
    pub fn say(&mut self, message: impl Into<String>) {
        *self.flash = Some(message.into());
    }
}

/// What the app should do to the stack after a layer handled something.
#[derive(Debug)]
pub enum Reaction {
    Unchanged,
    Changed,
    /// Take this layer off the stack (the screen underneath never leaves).
    Close,
    /// Close this overlay, then run the action where the agent was.
    CloseAndRun(Option<Action>),
    /// Put a new overlay on top.
    Push(Box<dyn Overlay>),
    /// Ask the agent first; yes runs the action on this layer.
    Ask {
        question: &'static str,
        action: Action,
    },
    /// Close this offer of a draft; the form underneath takes the draft
    /// (`Some`) or throws it away (`None`).
    AnswerDraft(Option<Draft>),
}

/// Whether a command does something now; if not, why. The footer offers
/// only what does; the palette lists the rest after it, each with its
/// reason, and says the reason when one is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Now,
    Not(&'static str),
}

impl Availability {
    /// `Now` when `now`, else not, for `why_not`.
    pub fn when(now: bool, why_not: &'static str) -> Self {
        if now {
            Availability::Now
        } else {
            Availability::Not(why_not)
        }
    }

    pub fn is_now(self) -> bool {
        self == Availability::Now
    }

    /// Why not, if not.
    pub fn why_not(self) -> Option<&'static str> {
        match self {
            Availability::Now => None,
            Availability::Not(why) => Some(why),
        }
    }
}

impl Reaction {
    pub fn changed_if(changed: bool) -> Self {
        if changed {
            Reaction::Changed
        } else {
            Reaction::Unchanged
        }
    }
}

pub trait Focus {
    /// The keymap section in force.
    fn context(&self) -> Context;

    /// The layer was put on the stack: it asks for what it needs.
    fn opened(&mut self, _env: &mut Env) {}

    /// The answer to what this layer asked (a read, or its write).
    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        tracing::debug!(?answer, "an answer its layer does not take");
        Reaction::Unchanged
    }

    /// The server answers again after it could not be reached: what
    /// failed to load for want of it is asked for again.
    fn server_back(&mut self, _env: &mut Env) -> bool {
        false
    }

    /// A write was answered (here or by another layer): whatever this
    /// layer shows that the write changed follows. Whether it changed.
    fn saved(&mut self, _answer: &Answer, _env: &mut Env) -> bool {
        false
    }

    /// A seat hold of `traveller_id`'s passed its release time (the
    /// stream said so): a layer listing their requests reads them again.
    fn vip_hold_expired(&mut self, _traveller_id: i64, _env: &mut Env) -> bool {
        false
    }

    /// Whether this layer waits on the answer to the write `key` (a form
    /// waits on the one write it sends).
    fn awaits_write(&self, key: &IdempotencyKey) -> bool {
        self.sending_write().is_some_and(|(sent, _)| sent == key)
    }

    /// The agent's own state was read from the server (`None`: it could
    /// not be). Whether it changed.
    fn own_state_read(&mut self, _own: Option<&super::OwnState>) -> bool {
        false
    }

    /// A change on the floor, from the stream. Whether it changed.
    fn floor_changed(&mut self, _change: &crate::domain::floor::FloorChange) -> bool {
        false
    }

    /// After the selection moved: a paged list whose last row loaded is
    /// reached asks for the next page. Whether it asked.
    fn page_on(&mut self, _env: &mut Env) -> bool {
        false
    }

    /// Runs one of this layer's own commands; `None`: not one of them.
    fn act(&mut self, _action: Action, _env: &mut Env) -> Option<Reaction> {
        None
    }

    /// Whether `action` would do anything here now, and if not, why;
    /// `None` leaves the answer to the layer underneath.
    fn availability(&self, _action: Action) -> Option<Availability> {
        None
    }

    /// Applies an edit to the text box, if there is one.
    fn edit_text(&mut self, _edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        false
    }

    /// Takes pasted text whole, if this layer has a multi-line editor
    /// (`None` leaves it to `edit_text`, a line at most, as typed).
    fn paste(&mut self, _text: &str, _env: &mut Env) -> Option<bool> {
        None
    }

    /// Takes a key no binding wanted (an editor takes every key it can
    /// edit with); `None` leaves it to the text box, if any.
    fn edit_key(&mut self, _key: &Key, _env: &mut Env) -> Option<bool> {
        None
    }

    /// Whether it holds something typed and not yet saved, which nothing
    /// may drop without asking.
    /// The durable write this layer is waiting on, and what it is (a
    /// "note"): once the outbox keeps it while the server is away, the
    /// layer has done its work and closes.
    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        None
    }

    fn holds_typing(&self) -> bool {
        false
    }

    /// The call and the disposition this layer sent for it, if it is a
    /// wrap-up waiting on its write.
    fn disposition_sent(&self) -> Option<(&str, &str)> {
        None
    }

    /// Whether this layer's one-line box (a search, a filter, the palette)
    /// is empty: then nothing is being typed, and the global keys that are
    /// characters (`?` help, `/` search) work here as everywhere else.
    fn box_is_empty(&self) -> bool {
        false
    }

    /// The effect that keeps this form's draft, when one is due (`flush`:
    /// whatever is unwritten, the console is quitting).
    fn draft_due(&mut self, _now: chrono::DateTime<chrono::Utc>, _flush: bool) -> Option<Effect> {
        None
    }

    /// Whether this form asked for a draft of `kind` on the traveller
    /// and may still be offered one (nothing typed yet).
    fn awaits_draft(&self, _traveller_id: i64, _kind: DraftKind) -> bool {
        false
    }

    /// A draft was found for this form, or there was none: it asks no more.
    fn draft_answered(&mut self) {}

    /// How a draft for this form is offered: what it is and its first line.
    fn draft_preview(&self, _draft: &Draft) -> Option<(&'static str, String)> {
        None
    }

    /// The effect that throws this form's draft away, when the agent
    /// throws the form away.
    fn dropped_draft(&mut self) -> Option<Effect> {
        None
    }

    /// The agent took the offered draft (`Some`) or threw it away.
    fn take_draft(&mut self, _draft: Option<Draft>, _env: &mut Env) -> bool {
        false
    }

    /// Saves the form, if this layer is one.
    fn save(&mut self, _env: &mut Env) -> Reaction {
        Reaction::Unchanged
    }

    /// Closes a form without asking.
    fn discard(&mut self) -> Reaction {
        Reaction::Unchanged
    }

    /// The context whose keys this layer lists, if it is help.
    fn help_for(&self) -> Option<Context> {
        None
    }

    /// The command that opened this layer and the traveller it is for,
    /// when it is one a traveller has at most one of (a form, a pane): the
    /// same command again comes back to it rather than opening another.
    fn opened_by(&self) -> Option<(Action, i64)> {
        None
    }

    /// The traveller this layer shows, if one (notes and history are
    /// about them).
    fn traveller(&self) -> Option<&CallerProfile> {
        None
    }

    /// A traveller it shows was read again: takes the new profile (their
    /// open complaints changed); whether it showed them.
    fn refresh_traveller(&mut self, _profile: &CallerProfile) -> bool {
        false
    }

    fn move_selection(&mut self, _forward: bool) -> bool {
        false
    }

    /// Moves to the next field of a form (`forward`) or the one before.
    fn step_field(&mut self, _forward: bool) -> bool {
        false
    }

    /// Runs the selected row.
    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::Unchanged
    }

    /// Goes back one level: an overlay leaves the stack.
    fn close(&mut self) -> Reaction {
        Reaction::Close
    }
}

/// `Any` lets the tests look inside a layer; the console itself never
/// asks a layer what type it is.
pub trait Overlay: Focus + std::fmt::Debug + Send + std::any::Any {
    /// Draws itself in the body area, as a widget does.
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint);

    /// Whether it fills the body (so nothing underneath needs drawing) or
    /// floats over it.
    fn covers_body(&self) -> bool;

    /// The traveller card it draws, if it is a traveller's profile (on a
    /// wide terminal, the panes beside the card are theirs).
    fn card(&self) -> Option<&CallerProfile> {
        None
    }
}
