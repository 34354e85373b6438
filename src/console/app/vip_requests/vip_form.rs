//! Logging a VIP service request from a traveller's profile: the kind
//! (found by typing, as the complaint form's category), the flights
//! (several for a seat hold, each with its release time typed on the
//! centre's clocks), a seat, an SSR code, words, and — for a supervisor,
//! after the server named the entitlement missing — the reason to pass
//! over it. Sent through the outbox, so nothing typed is lost.

use chrono::{DateTime, Utc};

use crate::console::app::Effect;
use crate::console::app::overlay::{Availability, Env, Focus, Reaction};
use crate::console::{
    action::Action,
    ask::{Answer, Ask},
    keymap::{Context, ContextSpec},
    keys::Key,
    request::{IdempotencyKey, Write, WriteRequest},
};
use crate::domain::{
    CentreTime, Flight,
    vip::{VipRequest, VipRequestKind},
};

/// The wheelchair codes, least help first: ramp, steps, carried to the seat.
pub const WHEELCHAIR_CODES: [&str; 3] = ["WCHR", "WCHS", "WCHC"];
/// Meet-and-assist has one code.
pub const MEET_CODE: &str = "MAAS";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VipField {
    Kind,
    Flights,
    Seat,
    Code,
    Text,
    Override,
}

/// One of the traveller's flights, and what the form says of it.
#[derive(Debug, Clone)]
pub struct FlightRow {
    pub flight: Flight,
    pub on: bool,
    /// The release time as typed (seat holds).
    pub release: String,
    /// Why the typed release time names no time.
    pub refused: Option<String>,
}

#[derive(Debug)]
pub struct VipForm {
    pub traveller_id: i64,
    pub traveller_name: String,
    pub filter: String,
    /// The kinds the filter matches, best first.
    pub shown: Vec<VipRequestKind>,
    pub kind_at: usize,
    pub flights: Vec<FlightRow>,
    pub flight_at: usize,
    pub seat: String,
    pub wheelchair: usize,
    pub text: String,
    pub override_reason: String,
    pub field: VipField,
    /// A supervisor may pass over a missing entitlement with a reason.
    pub supervisor: bool,
    /// The entitlement the server said is missing ("needs …"), beside the kind.
    pub needs: Option<String>,
    pub field_error: Option<(VipField, String)>,
    pub error: Option<String>,
    pub sending: Option<IdempotencyKey>,
    /// The clock and the zone release times are typed in; the clock kept
    /// by the app's ticks so `+2h` counts from the save, not the opening.
    pub now: DateTime<Utc>,
    pub centre: CentreTime,
    /// The traveller's requests on file, newest first (`None` until read),
    /// so the agent sees what is already asked before asking again.
    pub on_file: Option<Result<Vec<VipRequest>, String>>,
}

impl VipForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::typing(
        "vip_request",
        "VIP request",
        Self::ACTIONS,
    ));

    pub fn new(
        traveller_id: i64,
        traveller_name: String,
        flights: &[Flight],
        supervisor: bool,
        now: DateTime<Utc>,
        centre: CentreTime,
    ) -> Self {
        Self {
            traveller_id,
            traveller_name,
            filter: String::new(),
            shown: VipRequestKind::ALL.to_vec(),
            kind_at: 0,
            flights: flights
                .iter()
                .map(|f| FlightRow {
                    flight: f.clone(),
                    on: false,
                    release: String::new(),
                    refused: None,
                })
                .collect(),
            flight_at: 0,
            seat: String::new(),
            wheelchair: 0,
            text: String::new(),
            override_reason: String::new(),
            field: VipField::Kind,
            supervisor,
            needs: None,
            field_error: None,
            error: None,
            sending: None,
            now,
            centre,
            on_file: None,
        }
    }

    pub fn kind(&self) -> Option<VipRequestKind> {
        self.shown.get(self.kind_at).copied()
    }

    /// The fields this kind asks for, in Tab order.
    pub fn fields(&self) -> Vec<VipField> {
        let mut fields = vec![VipField::Kind, VipField::Flights];
        match self.kind() {
            Some(VipRequestKind::SeatLock | VipRequestKind::PrioritySeat) => {
                fields.push(VipField::Seat);
            }
            Some(VipRequestKind::Wheelchair | VipRequestKind::MeetAssist) => {
                fields.push(VipField::Code);
            }
            _ => {}
        }
        fields.push(VipField::Text);
        if self.override_shown() {
            fields.push(VipField::Override);
        }
        fields
    }

    /// Only a supervisor, and only once the server named what is missing.
    pub fn override_shown(&self) -> bool {
        self.supervisor && self.needs.is_some()
    }

    pub fn is_hold(&self) -> bool {
        self.kind() == Some(VipRequestKind::SeatHold)
    }

    /// The SSR code the kind sends.
    pub fn code(&self) -> Option<&'static str> {
        match self.kind()? {
            VipRequestKind::Wheelchair => {
                Some(WHEELCHAIR_CODES[self.wheelchair % WHEELCHAIR_CODES.len()])
            }
            VipRequestKind::MeetAssist => Some(MEET_CODE),
            _ => None,
        }
    }

    fn has_typing(&self) -> bool {
        !self.filter.is_empty()
            || !self.seat.is_empty()
            || !self.text.is_empty()
            || self.flights.iter().any(|f| f.on || !f.release.is_empty())
    }

    /// The text the field types into, if it is a text field.
    fn typed_mut(&mut self) -> Option<&mut String> {
        match self.field {
            VipField::Kind => Some(&mut self.filter),
            VipField::Flights if self.is_hold() => {
                self.flights.get_mut(self.flight_at).map(|f| &mut f.release)
            }
            VipField::Seat => Some(&mut self.seat),
            VipField::Text => Some(&mut self.text),
            VipField::Override => Some(&mut self.override_reason),
            VipField::Flights | VipField::Code => None,
        }
    }
}

impl Focus for VipForm {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::LogVipRequest, self.traveller_id))
    }

    fn context(&self) -> Context {
        Self::CONTEXT
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save if self.sending.is_some() => Some(Availability::Not("it is being saved")),
            Action::Discard => Some(Availability::when(self.has_typing(), "nothing typed")),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, fields.len(), forward);
        self.field = fields
            .get(next.unwrap_or(0))
            .copied()
            .unwrap_or(VipField::Kind);
        self.field_error = None;
        self.error = None;
        true
    }

    fn edit_key(&mut self, key: &Key, env: &mut Env) -> Option<bool> {
        use crossterm::event::KeyCode;
        let changed = match key.code {
            KeyCode::Up | KeyCode::Left => self.step(true),
            KeyCode::Down | KeyCode::Right => self.step(false),
            KeyCode::Backspace => {
                let gone = self.typed_mut().is_some_and(|t| t.pop().is_some());
                if self.field == VipField::Kind {
                    self.refilter(env);
                }
                gone
            }
            _ => return None,
        };
        if changed {
            self.field_error = None;
            self.error = None;
        }
        Some(changed)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        let mut inserted = String::new();
        edit(&mut inserted);
        if inserted.is_empty() {
            return false;
        }
        // Space picks a flight (or drops it, its release time cleared
        // first); within a release time being typed it is the date's space.
        let typing_release = self
            .flights
            .get(self.flight_at)
            .is_some_and(|row| row.on && !row.release.is_empty());
        if self.field == VipField::Flights && inserted == " " && !typing_release {
            return self.toggle_flight();
        }
        let Some(typed) = self.typed_mut() else {
            return false;
        };
        typed.extend(inserted.chars().filter(|c| !c.is_control()).take(200));
        if self.field == VipField::Kind {
            self.refilter(env);
        }
        // A release time typed means the flight is held.
        if let (VipField::Flights, Some(row)) = (self.field, self.flights.get_mut(self.flight_at)) {
            row.on = true;
            row.refused = None;
        }
        self.field_error = None;
        self.error = None;
        true
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        self.field_error = None;
        self.error = None;
        let Some(request) = self.body() else {
            return Reaction::Changed;
        };
        let write = Write::new(WriteRequest::LogVipRequest {
            traveller_id: self.traveller_id,
            request,
        });
        self.sending = Some(write.key.clone());
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.has_typing() {
            Reaction::Ask {
                question: "Drop the VIP request typed so far?",
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "VIP request"))
    }

    fn holds_typing(&self) -> bool {
        self.has_typing()
    }

    fn opened(&mut self, env: &mut Env) {
        env.ask(Ask::VipRequests {
            traveller_id: self.traveller_id,
        });
    }

    fn vip_hold_expired(&mut self, traveller_id: i64, env: &mut Env) -> bool {
        if traveller_id != self.traveller_id {
            return false;
        }
        self.opened(env);
        true
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::VipRequests { result, .. } => {
                self.on_file = Some(result.map_err(|e| e.to_string()));
                Reaction::Changed
            }
            Answer::VipRequestSaved { result, .. } if self.sending.is_some() => {
                if !self.answered(&result) {
                    return Reaction::Changed;
                }
                if let Ok(saved) = &result {
                    env.say(format!(
                        "VIP request {} logged: {}",
                        saved.id,
                        saved.kind.label()
                    ));
                }
                Reaction::Close
            }
            _ => Reaction::Unchanged,
        }
    }

    fn draft_due(&mut self, now: DateTime<Utc>, _flush: bool) -> Option<Effect> {
        self.now = now;
        None
    }
}
