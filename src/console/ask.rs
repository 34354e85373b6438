//! What a layer asks the server to read, and what comes back. A layer
//! asks with `Effect::Ask` carrying its id; the answer comes back as one
//! `Msg::Answered` addressed to that id, whatever was asked. The answers
//! to writes (`Msg::Written`) are the same `Answer`s, found by the write's
//! key instead, because a write may be answered after the console
//! restarted, when no layer of the run that made it is left.

use crate::{
    client::ApiClient,
    domain::casework::{CategoryTarget, ComplaintRecord, FlightRef, Note, StoredPreferences},
    wire::{FloorSnapshot, casework::HistoryPage},
};

use super::request::RequestError;

/// A read a layer asks of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A traveller's preferences, as stored.
    Preferences { traveller_id: i64 },
    /// A traveller's flights, for a note's flight field.
    NoteFlights { traveller_id: i64 },
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
}

type Answered<T> = Result<T, RequestError>;

/// The server's answer to an `Ask` or to a write.
#[derive(Debug, Clone)]
pub enum Answer {
    Preferences {
        traveller_id: i64,
        result: Answered<StoredPreferences>,
    },
    NoteFlights {
        traveller_id: i64,
        result: Answered<Vec<FlightRef>>,
    },
    ComplaintChoices {
        traveller_id: i64,
        result: Answered<(Vec<CategoryTarget>, Vec<FlightRef>)>,
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
    ComplaintSaved { result: Answered<ComplaintRecord> },
    /// A traveller's preferences saved.
    PreferencesSaved { result: Answered<StoredPreferences> },
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
            Ask::Preferences { traveller_id } => Answer::Preferences {
                traveller_id,
                result: read(client.preferences(traveller_id).await),
            },
            Ask::NoteFlights { traveller_id } => Answer::NoteFlights {
                traveller_id,
                result: read(client.flight_refs(traveller_id).await.map(|l| l.flights)),
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
        }
    }
}
