//! What can happen to the console (`Msg`) and the work `App::update`
//! hands the run loop (`Effect`).

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::PanelId;
use crate::{
    console::{
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
    /// The caller's number was added to a traveller (`added` false: it was there).
    PhoneAdded {
        traveller_id: i64,
        e164: crate::domain::E164,
        result: Result<bool, RequestError>,
    },
    /// The server answered the note written with `key`.
    NoteSaved {
        key: crate::console::request::IdempotencyKey,
        traveller_id: i64,
        result: Result<crate::domain::casework::Note, RequestError>,
    },
    /// The server answered the wrap-up written with `key` (the
    /// disposition recorded).
    WrappedUp {
        key: crate::console::request::IdempotencyKey,
        call_id: String,
        result: Result<String, RequestError>,
    },
    /// The categories and the traveller's flights for the complaint form.
    ComplaintChoices {
        traveller_id: i64,
        result: Result<
            (
                Vec<crate::domain::casework::CategoryTarget>,
                Vec<crate::domain::casework::FlightRef>,
            ),
            RequestError,
        >,
    },
    /// The server answered a complaint write (logging it, or its recovery).
    ComplaintSaved {
        key: crate::console::request::IdempotencyKey,
        result: Result<crate::domain::casework::ComplaintRecord, RequestError>,
    },
    /// A traveller's complaints, newest first (without their events).
    ComplaintsLoaded {
        traveller_id: i64,
        result: Result<Vec<crate::domain::casework::ComplaintRecord>, RequestError>,
    },
    /// One complaint with every change.
    ComplaintLoaded {
        complaint_id: i64,
        result: Result<crate::domain::casework::ComplaintRecord, RequestError>,
    },
    /// A traveller on screen read again (their open complaints changed).
    TravellerRefreshed {
        traveller_id: i64,
        result: Result<CallerProfile, RequestError>,
    },
    /// A traveller's preferences, as stored.
    PreferencesLoaded {
        traveller_id: i64,
        result: Result<crate::domain::casework::StoredPreferences, RequestError>,
    },
    /// The server answered the preferences saved with `key`.
    PreferencesSaved {
        key: crate::console::request::IdempotencyKey,
        result: Result<crate::domain::casework::StoredPreferences, RequestError>,
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
    /// A page of a traveller's history, asked for with `before`.
    HistoryLoaded {
        traveller_id: i64,
        before: Option<String>,
        result: Result<crate::wire::casework::HistoryPage, RequestError>,
    },
    /// The traveller's flights, for the note form's flight field.
    NoteFlights {
        traveller_id: i64,
        result: Result<Vec<crate::domain::casework::FlightRef>, RequestError>,
    },
    /// The draft of `kind` kept for the traveller, if any.
    DraftFound {
        traveller_id: i64,
        kind: DraftKind,
        result: Result<Option<Draft>, RequestError>,
    },
    /// The floor, as loaded for the view's request `seq`.
    FloorLoaded {
        seq: u64,
        result: Result<crate::wire::FloorSnapshot, RequestError>,
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
    /// The complaint categories and a traveller's flights.
    LoadComplaintChoices {
        traveller_id: i64,
    },
    /// A traveller's complaints, to pick one to work.
    LoadComplaints {
        traveller_id: i64,
    },
    /// One complaint with its events.
    LoadComplaint {
        complaint_id: i64,
    },
    /// Reads a traveller on screen again (after their complaints changed).
    RefreshTraveller {
        traveller_id: i64,
    },
    /// A traveller's preferences.
    LoadPreferences {
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
    /// A page of a traveller's contact history (`before`: a page's `next`).
    LoadHistory {
        traveller_id: i64,
        before: Option<String>,
    },
    /// A traveller's flights, for a note.
    LoadNoteFlights {
        traveller_id: i64,
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
    /// The floor now, for the floor view's request `seq`.
    LoadFloor {
        seq: u64,
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
