//! What a request to the server can come back with, as the console needs
//! to tell them apart: offline is retried later, a refusal is explained,
//! a conflict or a stale record asks the agent to look again.

use crate::client::ClientError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The server could not be reached (or did not answer in time).
    #[error("cannot reach the server: {0}")]
    Offline(String),
    /// The server refused the request; `reason` is its own words.
    #[error("{reason}")]
    Refused { status: u16, reason: String },
    /// Someone else changed or took it first (HTTP 409).
    #[error("{0} (someone else got there first)")]
    Conflict(String),
    /// The record changed since it was read (HTTP 412).
    #[error("{0} (changed since it was shown)")]
    Stale(String),
    /// The request was understood but cannot be done (HTTP 422).
    #[error("{0}")]
    Unprocessable(String),
    /// The answer could not be read.
    #[error("the server sent something unreadable: {0}")]
    Unreadable(String),
    /// The write could not be kept in the outbox on this machine, so it
    /// was not sent either.
    #[error("not saved, the outbox is unusable: {0}")]
    NotKept(String),
}

impl From<ClientError> for RequestError {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::Api {
                status: 409,
                detail,
            } => RequestError::Conflict(detail),
            ClientError::Api {
                status: 412,
                detail,
            } => RequestError::Stale(detail),
            ClientError::Api {
                status: 422,
                detail,
            } => RequestError::Unprocessable(detail),
            ClientError::Api { status, detail } => RequestError::Refused {
                status,
                reason: detail,
            },
            ClientError::Network(message) => RequestError::Offline(message),
            ClientError::Decode(message) => RequestError::Unreadable(message),
            ClientError::BadUrl(url) => RequestError::Refused {
                status: 0,
                reason: format!("the server address {url:?} is not a URL"),
            },
        }
    }
}

/// Names one write, so that sending it again (a retry, an outbox replay)
/// never does it twice. Made when the write is decided, not when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// A key read back from the outbox.
    pub fn from_stored(key: String) -> Self {
        Self(key)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// A request that changes something on the server. Serialised as kept in
/// the outbox: a variant is never renamed, only added.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WriteRequest {
    Answer {
        call_id: String,
    },
    HangUp {
        call_id: String,
    },
    AddPhone {
        traveller_id: i64,
        e164: crate::domain::E164,
        /// The traveller's version on screen, for `If-Match`.
        version: i64,
    },
    /// The disposition of a call that has ended.
    WrapUp {
        call_id: String,
        disposition: String,
        summary: Option<String>,
        traveller_id: Option<i64>,
    },
    /// A complaint logged for a traveller.
    OpenComplaint {
        traveller_id: i64,
        complaint: crate::wire::casework::ComplaintRequest,
    },
    /// The proposed recovery accepted (as proposed or as the agent edited
    /// it), on the complaint's version shown.
    GiveRecovery {
        complaint_id: i64,
        version: i64,
        recovery: crate::domain::casework::Recovery,
    },
    /// An open complaint worked: a status move, an update, the
    /// resolution (at least one), on the complaint's version shown.
    ChangeComplaint {
        complaint_id: i64,
        version: i64,
        status: Option<crate::domain::ComplaintStatus>,
        update: Option<String>,
        resolution: Option<String>,
    },
    /// A traveller's preferences, over the version the agent read.
    SavePreferences {
        traveller_id: i64,
        version: i64,
        preferences: crate::domain::casework::Preferences,
    },
    /// A booking note on a traveller.
    AddNote {
        traveller_id: i64,
        text: String,
        pnr: Option<String>,
        /// The traveller's flight it is about.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        flight_id: Option<i64>,
        /// The note it corrects.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        corrects: Option<i64>,
    },
    /// A follow-up promised to a traveller (`owner`: `me` or `queue`).
    AddFollowUp {
        traveller_id: i64,
        text: String,
        due_at: chrono::DateTime<chrono::Utc>,
        owner: String,
        /// The call it was promised on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        call_id: Option<String>,
    },
    /// A follow-up done or snoozed, on the version shown.
    ChangeFollowUp {
        follow_up_id: i64,
        version: i64,
        done: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        snoozed_until: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// A VIP service request logged for a traveller (seat hold, lounge,
    /// wheelchair, …), release times already in UTC.
    LogVipRequest {
        traveller_id: i64,
        request: crate::wire::vip_requests::VipRequestBody,
    },
}

impl WriteRequest {
    /// Whether the write goes through the outbox. Taking or ending a call
    /// only means something while the call is on, so those are sent at
    /// once and never replayed later; a change to a record is kept until
    /// the server has it.
    pub fn is_durable(&self) -> bool {
        !matches!(
            self,
            WriteRequest::Answer { .. } | WriteRequest::HangUp { .. }
        )
    }
}

/// A write with its key: what the outbox keeps until it is acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub key: IdempotencyKey,
    pub request: WriteRequest,
}

impl Write {
    pub fn new(request: WriteRequest) -> Self {
        Self {
            key: IdempotencyKey::new(),
            request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_become_the_kinds_the_screen_tells_apart() {
        let api = |status: u16| ClientError::Api {
            status,
            detail: "why".into(),
        };
        assert_eq!(
            RequestError::from(api(409)),
            RequestError::Conflict("why".into())
        );
        assert_eq!(
            RequestError::from(api(412)),
            RequestError::Stale("why".into())
        );
        assert_eq!(
            RequestError::from(api(422)),
            RequestError::Unprocessable("why".into())
        );
        assert_eq!(
            RequestError::from(api(403)),
            RequestError::Refused {
                status: 403,
                reason: "why".into()
            }
        );
        assert!(matches!(
            RequestError::from(ClientError::Network("refused".into())),
            RequestError::Offline(_)
        ));
    }

    #[test]
    fn every_write_gets_its_own_key() {
        let a = Write::new(WriteRequest::HangUp {
            call_id: "c1".into(),
        });
        let b = Write::new(WriteRequest::HangUp {
            call_id: "c1".into(),
        });
        assert_ne!(a.key, b.key);
        assert_eq!(a.key.as_str().len(), 36);
    }
}
