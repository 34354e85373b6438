//! What can happen to the console (`Msg`) and the work `App::update`
//! hands the run loop (`Effect`).

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::{LayerId, PanelId};
use crate::{
    console::{
        ask::{Answer, Ask},
        outbox::{Draft, DraftKind},
        request::{RequestError, Write},
    },
    domain::CallerProfile,
    wire::{SearchResults, ServerEvent},
};

/// Everything that can happen to the console.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's size, at start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    Tick(DateTime<Utc>),
    Server(ServerEvent),
    Connection(Connection),
    /// The server's answer to `Effect::FilterCallers`.
    CallersFiltered {
        call_id: String,
        seq: u64,
        result: Result<crate::wire::CallerLookup, RequestError>,
    },
    SearchAnswered {
        panel: PanelId,
        seq: u64,
        result: Result<SearchResults, RequestError>,
    },
    TravellerLoaded {
        panel: PanelId,
        result: Result<CallerProfile, RequestError>,
    },
    /// The answer to what the layer `to` asked.
    Answered {
        to: LayerId,
        answer: Answer,
    },
    /// The server answered the write made with `key`.
    Written {
        key: crate::console::request::IdempotencyKey,
        answer: Answer,
    },
    /// The caller's number was added to a traveller (`added` false: it was there).
    PhoneAdded {
        traveller_id: i64,
        e164: crate::domain::E164,
        result: Result<bool, RequestError>,
    },
    /// A traveller on screen read again (their open complaints changed).
    TravellerRefreshed {
        traveller_id: i64,
        result: Result<CallerProfile, RequestError>,
    },
    /// The offer of a call the stream only named (`None`: it no longer
    /// rings for this agent).
    OfferFetched {
        call_id: String,
        result: Result<Option<crate::wire::CallOffer>, RequestError>,
    },
    /// A call's details: its queue's wrap-up mode and dispositions.
    CallDetailsLoaded {
        call_id: String,
        result: Result<crate::wire::CallDetails, RequestError>,
    },
    /// The draft of `kind` kept for the traveller, if any.
    DraftFound {
        traveller_id: i64,
        kind: DraftKind,
        result: Result<Option<Draft>, RequestError>,
    },
    /// The agent's own state and the break reasons.
    MyStateLoaded {
        result: Result<crate::wire::MyState, RequestError>,
    },
    /// The server answered the agent's state asked for `why`.
    MyStateSet {
        why: super::StateWhy,
        result: Result<crate::wire::StateAnswer, RequestError>,
    },
    /// A request to the server failed while doing what `doing` says.
    Failed {
        doing: String,
        error: RequestError,
    },
    /// How many of the agent's writes wait in the outbox.
    OutboxPending(usize),
    /// The write made with `key` is safe in the outbox file: it goes to
    /// the server whenever the server can be reached.
    WriteKept {
        key: crate::console::request::IdempotencyKey,
    },
    /// The terminal is gone or the program was asked to stop: quit cleanly.
    Shutdown,
}

/// Work the run loop does for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A change on the server, with the key that makes sending it twice safe.
    Write(Write),
    /// A read of the server's, for the layer `from`.
    Ask {
        from: LayerId,
        ask: Ask,
    },
    Search {
        panel: PanelId,
        seq: u64,
        query: String,
    },
    LoadTraveller {
        panel: PanelId,
        traveller: i64,
    },
    /// Filters among every traveller of a call's number (the chooser's
    /// filter, when the lookup brought only some of them).
    FilterCallers {
        call_id: String,
        number: String,
        filter: String,
        seq: u64,
    },
    /// Reads a traveller on screen again (after their complaints changed).
    RefreshTraveller {
        traveller_id: i64,
    },
    /// The offer of a call that rings (asked again while the server
    /// fails, until it arrives or the call is over).
    FetchOffer {
        call_id: String,
    },
    /// A call's details (for wrap-up, once it ended).
    LoadCallDetails {
        call_id: String,
    },
    /// Keeps what a form holds as the agent's draft of `kind` for the
    /// traveller, replacing the one before.
    SaveDraft {
        traveller_id: i64,
        kind: DraftKind,
        text: String,
    },
    /// Throws the draft away; `after`: once that write is in the outbox
    /// (so a crash in between loses neither).
    DiscardDraft {
        traveller_id: i64,
        kind: DraftKind,
        after: Option<crate::console::request::IdempotencyKey>,
    },
    /// The draft of `kind` kept for the traveller, to offer back.
    LoadDraft {
        traveller_id: i64,
        kind: DraftKind,
    },
    /// The agent's own state and the break reasons.
    LoadMyState,
    /// The agent's own state: available, a break, signed out.
    SetMyState {
        request: crate::domain::floor::StateRequest,
        why: super::StateWhy,
    },
    /// Wakes the console after this long (a draft falls due).
    WakeIn(std::time::Duration),
    RingDemoCall,
    /// Rings the terminal's bell (a call appeared and `bell` is on).
    Bell,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline(String),
}
