//! What can happen to the console (`Msg`) and the work `App::update`
//! hands the run loop (`Effect`).

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::LayerId;
use crate::{
    console::{
        ask::{Answer, Ask},
        outbox::{Draft, DraftKind},
        request::{RequestError, Write},
    },
    wire::ServerEvent,
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
    /// The draft of `kind` kept for the traveller, if any.
    DraftFound {
        traveller_id: i64,
        kind: DraftKind,
        result: Result<Option<Draft>, RequestError>,
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
    /// Wakes the console after this long (a draft falls due).
    WakeIn(std::time::Duration),
    RingDemoCall,
    /// Rings the terminal's bell (a call appeared and `bell` is on).
    Bell,
    /// Sends what waits in the outbox now, not after its pause (the
    /// server is back).
    NudgeOutbox,
    /// Signs the agent out on the way out (never waited on for more than
    /// a moment).
    SignOut(crate::domain::floor::StateRequest),
    /// Ends the console: the terminal is given back.
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline(String),
}
