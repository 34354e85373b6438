//! What a layer (or the app) asks of the server that the outbox does not
//! keep, and what comes back. A layer asks with `Effect::Ask` carrying its
//! id; the answer comes back as one `Msg::Answered` addressed to that id,
//! whatever was asked. The answers
//! to writes (`Msg::Written`) are the same `Answer`s, found by the write's
//! key instead, because a write may be answered after the console
//! restarted, when no layer of the run that made it is left.

use chrono::{DateTime, Utc};

use crate::{
    client::ApiClient,
    domain::{
        Cabin, CallerProfile, Flight,
        casework::{CategoryTarget, ComplaintRecord, Note, StoredPreferences},
        vip::{FeeAnswer, FeeKind, FollowUp},
    },
    wire::{
        AgentDay, CallDetails, CallOffer, CallerLookup, FloorSnapshot, MyState, SearchResults,
        StateAnswer, casework::HistoryPage, vip::FeeRequest,
    },
};

use super::{
    app::{PanelId, StateWhy},
    request::RequestError,
};

/// A request a layer or the app makes of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Travellers matching what was typed in the search panel `panel`
    /// (`seq`: the panel's count of what was typed).
    Search {
        panel: PanelId,
        seq: u64,
        query: String,
    },
    /// The traveller picked in the search panel `panel`.
    Traveller { panel: PanelId, traveller_id: i64 },
    /// Every traveller of a call's number that `filter` matches (the
    /// chooser's filter, when the lookup brought only some of them).
    Callers {
        call_id: String,
        number: String,
        filter: String,
        seq: u64,
    },
    /// A traveller on screen read again (their open complaints changed).
    Refresh { traveller_id: i64 },
    /// The offer of a call the stream only named.
    Offer { call_id: String },
    /// A call's details: its queue's wrap-up mode and dispositions.
    CallDetails { call_id: String },
    /// The agent's own state and the break reasons.
    MyState,
    /// The agent's own state set: available, a break, signed out.
    SetMyState {
        request: crate::domain::floor::StateRequest,
        why: StateWhy,
    },
    /// A traveller's preferences, as stored.
    Preferences { traveller_id: i64 },
    /// A traveller's flights, for a note's flight field.
    NoteFlights { traveller_id: i64 },
    /// One note, whole.
    Note { note_id: i64 },
    /// The complaint categories and a traveller's flights.
    ComplaintChoices { traveller_id: i64 },
    /// A traveller's complaints, newest first (without their events).
    Complaints { traveller_id: i64 },
    /// One complaint with every change.
    Complaint { complaint_id: i64 },
    /// A page of a traveller's contact history (`before`: a page's `next`).
    History {
        traveller_id: i64,
        before: Option<String>,
    },
    /// The floor now, for the floor view's request `seq`.
    Floor { seq: u64 },
    /// One agent's day on the floor (supervisors).
    AgentDay { name: String },
    /// The government fee rules' answer to a change or refund, for the fee
    /// calculator's question `seq`.
    FeeRules { seq: u64, question: FeeAsk },
    /// My open follow-ups and, when `queue`, the VIP queue's too.
    FollowUps { queue: bool },
    /// A traveller's VIP service requests, newest first.
    VipRequests { traveller_id: i64 },
}

/// The fee question as the calculator asks it: the fare's share in
/// hundredths of a percent (6000 is 60%), whole so that asks compare
/// exactly; `request` makes it the server's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeAsk {
    pub kind: FeeKind,
    pub fare_basis_points: u32,
    pub cabin_from: Cabin,
    pub cabin_to: Cabin,
    pub departure: DateTime<Utc>,
    pub traveller_id: i64,
}

impl FeeAsk {
    /// The body of `POST /api/v1/fee-rules/evaluate`; asked now.
    pub fn request(&self) -> FeeRequest {
        FeeRequest {
            kind: self.kind,
            fare_share: f64::from(self.fare_basis_points) / 10_000.0,
            cabin_from: self.cabin_from,
            cabin_to: self.cabin_to,
            departure: self.departure,
            at: None,
            traveller_id: self.traveller_id,
        }
    }
}

type Answered<T> = Result<T, RequestError>;

/// The server's answer to an `Ask` or to a write.
#[derive(Debug, Clone)]
pub enum Answer {
    Search {
        panel: PanelId,
        seq: u64,
        result: Answered<SearchResults>,
    },
    Traveller {
        panel: PanelId,
        result: Answered<CallerProfile>,
    },
    Callers {
        call_id: String,
        seq: u64,
        result: Answered<CallerLookup>,
    },
    Refreshed {
        traveller_id: i64,
        result: Answered<CallerProfile>,
    },
    /// `None`: the call no longer rings for this agent.
    Offer {
        call_id: String,
        result: Answered<Option<CallOffer>>,
    },
    CallDetails {
        call_id: String,
        result: Answered<CallDetails>,
    },
    MyState {
        result: Answered<MyState>,
    },
    StateSet {
        why: StateWhy,
        result: Answered<StateAnswer>,
    },
    Preferences {
        traveller_id: i64,
        result: Answered<StoredPreferences>,
    },
    NoteFlights {
        traveller_id: i64,
        result: Answered<Vec<Flight>>,
    },
    Note {
        note_id: i64,
        result: Answered<Note>,
    },
    ComplaintChoices {
        traveller_id: i64,
        result: Answered<(Vec<CategoryTarget>, Vec<Flight>)>,
    },
    Complaints {
        traveller_id: i64,
        result: Answered<Vec<ComplaintRecord>>,
    },
    Complaint {
        complaint_id: i64,
        result: Answered<ComplaintRecord>,
    },
    History {
        traveller_id: i64,
        before: Option<String>,
        result: Answered<HistoryPage>,
    },
    Floor {
        seq: u64,
        result: Answered<FloorSnapshot>,
    },
    AgentDay {
        name: String,
        result: Answered<AgentDay>,
    },
    FeeRules {
        seq: u64,
        result: Answered<FeeAnswer>,
    },
    /// A note written for the traveller.
    NoteSaved {
        traveller_id: i64,
        result: Answered<Note>,
    },
    /// A wrap-up of the call (the disposition recorded).
    WrappedUp {
        call_id: String,
        result: Answered<String>,
    },
    /// A complaint logged or changed.
    ComplaintSaved {
        result: Answered<ComplaintRecord>,
    },
    /// A traveller's preferences saved.
    PreferencesSaved {
        result: Answered<StoredPreferences>,
    },
    /// My open follow-ups, then the VIP queue's (empty when not asked).
    FollowUps {
        result: Answered<(Vec<FollowUp>, Vec<FollowUp>)>,
    },
    /// A follow-up added, done or snoozed.
    FollowUpSaved {
        result: Answered<FollowUp>,
    },
    VipRequests {
        traveller_id: i64,
        result: Answered<Vec<crate::domain::vip::VipRequest>>,
    },
    /// A VIP service request logged.
    VipRequestSaved {
        traveller_id: i64,
        result: Answered<crate::domain::vip::VipRequest>,
    },
}

impl Answer {
    /// The traveller whose record a saved write changed, if it was saved.
    pub fn saved_for(&self) -> Option<i64> {
        match self {
            Answer::NoteSaved {
                traveller_id,
                result: Ok(_),
            } => Some(*traveller_id),
            Answer::ComplaintSaved { result: Ok(record) } => Some(record.traveller_id),
            Answer::PreferencesSaved { result: Ok(stored) } => Some(stored.traveller_id),
            Answer::VipRequestSaved {
                traveller_id,
                result: Ok(_),
            } => Some(*traveller_id),
            _ => None,
        }
    }
}

impl Ask {
    /// Asks the server and reads what it answers.
    pub async fn run(self, client: &ApiClient) -> Answer {
        fn read<T>(result: Result<T, crate::client::ClientError>) -> Answered<T> {
            result.map_err(RequestError::from)
        }
        match self {
            Ask::Search { panel, seq, query } => Answer::Search {
                panel,
                seq,
                result: read(client.search_travellers(&query).await),
            },
            Ask::Traveller {
                panel,
                traveller_id,
            } => Answer::Traveller {
                panel,
                result: read(client.traveller(traveller_id).await),
            },
            Ask::Callers {
                call_id,
                number,
                filter,
                seq,
            } => Answer::Callers {
                call_id,
                seq,
                result: read(client.lookup_caller_matching(&number, &filter).await),
            },
            Ask::Refresh { traveller_id } => Answer::Refreshed {
                traveller_id,
                result: read(client.traveller(traveller_id).await),
            },
            Ask::Offer { call_id } => {
                let result = read(client.ringing_offer(&call_id).await);
                Answer::Offer { call_id, result }
            }
            Ask::CallDetails { call_id } => {
                let result = read(client.call(&call_id).await);
                Answer::CallDetails { call_id, result }
            }
            Ask::MyState => Answer::MyState {
                result: read(client.my_state().await),
            },
            Ask::SetMyState { request, why } => Answer::StateSet {
                why,
                result: read(client.set_my_state(&request).await),
            },
            Ask::Preferences { traveller_id } => Answer::Preferences {
                traveller_id,
                result: read(client.preferences(traveller_id).await),
            },
            Ask::NoteFlights { traveller_id } => Answer::NoteFlights {
                traveller_id,
                result: read(client.flight_refs(traveller_id).await.map(|l| l.flights)),
            },
            Ask::Note { note_id } => Answer::Note {
                note_id,
                result: read(client.note(note_id).await),
            },
            Ask::ComplaintChoices { traveller_id } => {
                let (categories, flights) = tokio::join!(
                    client.complaint_categories(),
                    client.flight_refs(traveller_id)
                );
                Answer::ComplaintChoices {
                    traveller_id,
                    result: read(
                        categories.and_then(|c| flights.map(|f| (c.categories, f.flights))),
                    ),
                }
            }
            Ask::Complaints { traveller_id } => Answer::Complaints {
                traveller_id,
                result: read(
                    client
                        .complaints(traveller_id, None)
                        .await
                        .map(|page| page.complaints),
                ),
            },
            Ask::Complaint { complaint_id } => Answer::Complaint {
                complaint_id,
                result: read(client.complaint(complaint_id).await),
            },
            Ask::History {
                traveller_id,
                before,
            } => {
                let result = read(client.history(traveller_id, before.as_deref()).await);
                Answer::History {
                    traveller_id,
                    before,
                    result,
                }
            }
            Ask::Floor { seq } => Answer::Floor {
                seq,
                result: read(client.floor().await),
            },
            Ask::AgentDay { name } => {
                let result = read(client.agent_day(&name).await);
                Answer::AgentDay { name, result }
            }
            Ask::FeeRules { seq, question } => Answer::FeeRules {
                seq,
                result: read(client.evaluate_fee(&question.request()).await),
            },
            Ask::FollowUps { queue } => {
                let mine = client.follow_ups("me").await.map(|l| l.follow_ups);
                let theirs = match queue {
                    true => client.follow_ups("queue").await.map(|l| l.follow_ups),
                    false => Ok(Vec::new()),
                };
                Answer::FollowUps {
                    result: read(mine.and_then(|m| theirs.map(|q| (m, q)))),
                }
            }
            Ask::VipRequests { traveller_id } => Answer::VipRequests {
                traveller_id,
                result: read(client.vip_requests(traveller_id).await.map(|l| l.requests)),
            },
        }
    }
}
