//! The government change/refund fee calculator: change or refund, the fare
//! paid as a percentage of full fare, the cabin before and after, and the
//! departure (one of the traveller's flights, or a time typed on the
//! centre's clock). `ctrl-s` asks the server, which names the outcome and
//! the rule; it is a question, not a write, so nothing goes to the outbox.
//! Any edit after asking forgets the answer: an answer is only ever shown
//! beside the inputs it was given for. What the typed fields mean is in
//! `fee_input.rs`, the drawing in `fee_view.rs`.

use crossterm::event::KeyCode;

use super::fee_input::{MAX_TYPED, departure_utc, fare_basis_points};
use crate::console::app::overlay::{Availability, Env, Focus, Reaction};
use crate::console::{
    action::Action,
    ask::{Answer, Ask, FeeAsk},
    keymap::{Context, ContextSpec},
    keys::Key,
    request::RequestError,
};
use crate::domain::{
    Cabin, CentreTime, Flight,
    vip::{FeeAnswer, FeeKind},
};

/// The cabins from the front of the aircraft back, the order ↑↓ walk.
pub const CABINS: [Cabin; 4] = [
    Cabin::First,
    Cabin::Business,
    Cabin::PremiumEconomy,
    Cabin::Economy,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeField {
    Kind,
    Fare,
    CabinFrom,
    CabinTo,
    Flight,
    Departure,
}

impl FeeField {
    pub const ORDER: [FeeField; 6] = [
        FeeField::Kind,
        FeeField::Fare,
        FeeField::CabinFrom,
        FeeField::CabinTo,
        FeeField::Flight,
        FeeField::Departure,
    ];
}

/// Where the question is.
#[derive(Debug, Clone, PartialEq)]
pub enum FeeState {
    /// Nothing asked about these inputs yet.
    Idle,
    /// Asked as question `seq`; its answer is awaited.
    Asking(u64),
    Answered(FeeAnswer),
    /// The server refused the question, in its words.
    Refused(String),
    /// The server could not be reached; the inputs stay, and the question
    /// is asked again when the server is back.
    Unreachable,
}

#[derive(Debug)]
pub struct FeeForm {
    pub traveller_id: i64,
    pub traveller_name: String,
    /// The traveller's flights, as the profile listed them.
    pub flights: Vec<Flight>,
    pub centre: CentreTime,
    pub field: FeeField,
    pub kind: FeeKind,
    pub fare: String,
    pub cabin_from: usize,
    pub cabin_to: usize,
    /// The flight whose departure is asked about; `None`: the typed time.
    pub flight: Option<usize>,
    pub departure: String,
    /// A refusal beside the field it names; nothing was sent.
    pub field_error: Option<(FeeField, String)>,
    pub state: FeeState,
    /// The count of questions asked, so an answer to an earlier one (the
    /// inputs changed since) is recognised and dropped.
    pub seq: u64,
}

impl FeeForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::ClearInput,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::typing("fees", "Fees", Self::ACTIONS));

    /// The form for a traveller; the flight chosen first is their next
    /// one to depart after `now`, else their first.
    pub fn new(
        traveller_id: i64,
        traveller_name: String,
        flights: Vec<Flight>,
        centre: CentreTime,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        let next = flights
            .iter()
            .enumerate()
            .filter(|(_, f)| f.departure.is_some_and(|d| d > now))
            .min_by_key(|(_, f)| f.departure)
            .map(|(i, _)| i);
        let flight = next.or(if flights.is_empty() { None } else { Some(0) });
        let cabin = flight
            .and_then(|i| flights.get(i))
            .and_then(|f| CABINS.iter().position(|c| *c == f.cabin))
            .unwrap_or(3);
        Self {
            traveller_id,
            traveller_name,
            flights,
            centre,
            field: FeeField::Kind,
            kind: FeeKind::Change,
            fare: String::new(),
            cabin_from: cabin,
            cabin_to: cabin,
            flight,
            departure: String::new(),
            field_error: None,
            state: FeeState::Idle,
            seq: 0,
        }
    }

    pub fn chosen_flight(&self) -> Option<&Flight> {
        self.flight.and_then(|i| self.flights.get(i))
    }

    /// The inputs changed: a refusal and an answer (or one on its way)
    /// are about inputs that are no longer there.
    fn changed(&mut self) {
        self.field_error = None;
        if self.state != FeeState::Idle {
            self.state = FeeState::Idle;
        }
    }

    fn step_choice(&mut self, up: bool) -> bool {
        let step = |at: &mut usize, len: usize| {
            let to = if up {
                at.saturating_sub(1)
            } else {
                (*at + 1).min(len - 1)
            };
            std::mem::replace(at, to) != to
        };
        let moved = match self.field {
            FeeField::Kind => {
                let to = if up { FeeKind::Change } else { FeeKind::Refund };
                std::mem::replace(&mut self.kind, to) != to
            }
            FeeField::CabinFrom => step(&mut self.cabin_from, CABINS.len()),
            FeeField::CabinTo => step(&mut self.cabin_to, CABINS.len()),
            // The flights, then "a typed time" after the last.
            FeeField::Flight => {
                let mut at = self.flight.unwrap_or(self.flights.len());
                let moved = step(&mut at, self.flights.len() + 1);
                self.flight = (at < self.flights.len()).then_some(at);
                if moved && self.flight.is_some() {
                    // One source of the departure at a time.
                    self.departure.clear();
                }
                moved
            }
            FeeField::Fare | FeeField::Departure => false,
        };
        if moved {
            self.changed();
        }
        moved
    }

    fn typed_field(&mut self) -> Option<&mut String> {
        match self.field {
            FeeField::Fare => Some(&mut self.fare),
            FeeField::Departure => Some(&mut self.departure),
            _ => None,
        }
    }

    /// The question the inputs make, or the field that is wrong and why.
    pub fn question(&self) -> Result<FeeAsk, (FeeField, String)> {
        let fare_basis_points = fare_basis_points(&self.fare).map_err(|e| (FeeField::Fare, e))?;
        let departure = match self.chosen_flight() {
            Some(flight) => flight.departure.ok_or_else(|| {
                (
                    FeeField::Flight,
                    format!(
                        "{}'s departure time is not known: type it below",
                        flight.flight_no
                    ),
                )
            })?,
            None => {
                departure_utc(&self.departure, self.centre).map_err(|e| (FeeField::Departure, e))?
            }
        };
        Ok(FeeAsk {
            kind: self.kind,
            fare_basis_points,
            cabin_from: CABINS[self.cabin_from % CABINS.len()],
            cabin_to: CABINS[self.cabin_to % CABINS.len()],
            departure,
            traveller_id: self.traveller_id,
        })
    }

    fn take(&mut self, seq: u64, result: Result<FeeAnswer, RequestError>) -> bool {
        if self.state != FeeState::Asking(seq) {
            // Asked about inputs changed since, or closed and reopened.
            return false;
        }
        self.state = match result {
            Ok(answer) => FeeState::Answered(answer),
            Err(RequestError::Offline(_)) => FeeState::Unreachable,
            Err(refused) => FeeState::Refused(refused.to_string()),
        };
        true
    }
}

impl Focus for FeeForm {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::FeeRules, self.traveller_id))
    }

    fn context(&self) -> Context {
        Self::CONTEXT
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save => Some(Availability::when(
                !matches!(self.state, FeeState::Asking(_)),
                "the question is on its way",
            )),
            Action::ClearInput => Some(Availability::when(
                matches!(self.field, FeeField::Fare | FeeField::Departure),
                "nothing is typed in this field",
            )),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        let order = FeeField::ORDER;
        let at = order.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.field = order[next];
        true
    }

    fn edit_key(&mut self, key: &Key, _env: &mut Env) -> Option<bool> {
        match key.code {
            KeyCode::Up | KeyCode::Left => Some(self.step_choice(true)),
            KeyCode::Down | KeyCode::Right => Some(self.step_choice(false)),
            KeyCode::Backspace => {
                let gone = self.typed_field().is_some_and(|t| t.pop().is_some());
                if gone {
                    self.changed();
                }
                Some(gone)
            }
            // Characters are typed through `edit_text`.
            _ => None,
        }
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        let typing_time = self.field == FeeField::Departure;
        let Some(text) = self.typed_field() else {
            return false;
        };
        let before = text.clone();
        edit(text);
        // Control characters, escapes and bidi marks never reach the
        // screen; a paste is cut to what a field can hold.
        let cleaned: String = crate::domain::text::clean(text)
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_TYPED)
            .collect();
        *text = cleaned;
        let changed = *text != before;
        if changed {
            if typing_time && !self.departure.is_empty() {
                // A typed time replaces the flight's.
                self.flight = None;
            }
            self.changed();
        }
        changed
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if matches!(self.state, FeeState::Asking(_)) {
            return Reaction::Unchanged;
        }
        match self.question() {
            Err(refused) => {
                // Refused here: nothing is sent.
                self.field_error = Some(refused);
                self.state = FeeState::Idle;
            }
            Ok(question) => {
                self.field_error = None;
                self.seq += 1;
                self.state = FeeState::Asking(self.seq);
                env.ask(Ask::FeeRules {
                    seq: self.seq,
                    question,
                });
            }
        }
        Reaction::Changed
    }

    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        match answer {
            Answer::FeeRules { seq, result } => Reaction::changed_if(self.take(seq, result)),
            _ => Reaction::Unchanged,
        }
    }

    fn server_back(&mut self, env: &mut Env) -> bool {
        // The question that found no server, on inputs untouched since,
        // is asked again by itself.
        self.state == FeeState::Unreachable && matches!(self.save(env), Reaction::Changed)
    }

    fn close(&mut self) -> Reaction {
        // Nothing here is kept or lost: the inputs are a few keys.
        Reaction::Close
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }
}
