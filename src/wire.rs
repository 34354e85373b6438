//! JSON shapes shared by the server and the client.

pub mod casework;
pub mod vip;
pub mod vip_requests;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    CallEventKind, CallerProfile, CentreTime, E164, Line, User,
    call_state::CallState,
    floor::{AgentRow, AgentState, Floor, FloorChange, FloorFigures},
};

/// The answer to `GET /api/v1/me`: who is signed in, and the centre's
/// time zone, in which a console shows every time and every "today".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    #[serde(flatten)]
    pub user: User,
    pub time_zone: CentreTime,
}

/// What the caller-ID field turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallerNumber {
    /// Serialised as the plain string; deserialising checks it is E.164.
    Known {
        e164: E164,
    },
    Withheld,
    /// Not a usable number; `reason` says why (shown to the agent).
    Invalid {
        reason: String,
    },
}

/// The answer to a caller-ID lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallerLookup {
    /// The number exactly as dialled (as the PBX or the agent gave it).
    pub dialled: String,
    pub number: CallerNumber,
    /// Ranked: most valuable and most recently active first (with a
    /// filter: best match first). At most 50.
    pub matches: Vec<CallerProfile>,
    /// How many travellers have the number (with a filter: how many of
    /// them it matches), of which `matches` are the first.
    pub total: usize,
}

/// A call ringing for the signed-in agent, with the caller already looked up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallOffer {
    pub call_id: String,
    pub line: Line,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub offered_at: DateTime<Utc>,
    pub caller: CallerLookup,
}

#[cfg(test)]
impl CallOffer {
    /// An anonymous call on the general line, just offered, for tests that
    /// need an offer but not what is in it.
    pub(crate) fn withheld(call_id: &str) -> CallOffer {
        CallOffer {
            call_id: call_id.into(),
            line: Line {
                name: "General".into(),
                kind: crate::domain::LineKind::General,
            },
            queue: None,
            agent: None,
            offered_at: Utc::now(),
            caller: CallerLookup {
                dialled: "anonymous".into(),
                number: CallerNumber::Withheld,
                matches: Vec::new(),
                total: 0,
            },
        }
    }
}

/// The data of one message on `GET /api/v1/events`: what changed, by id.
/// A client fetches what it lacks (`GET /api/v1/calls/{call_id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamEvent {
    Hello {
        user: User,
    },
    /// On the event bus only the id; the stream adds the offer when the
    /// server has it ready, saving the client a request.
    CallOffered {
        call_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offer: Option<Box<CallOffer>>,
    },
    /// `agent` took the call: it rings for nobody else any more.
    CallAnswered {
        call_id: String,
        agent: String,
    },
    CallEnded {
        call_id: String,
        how: CallEventKind,
    },
    /// A change on the floor: to supervisors, and to the agent it names.
    FloorChanged {
        change: FloorChange,
    },
    /// A seat hold passed its release time unconfirmed: to the request's
    /// owner, whose follow-up `follow_up_id` says to release it in the
    /// reservation system (skydesk releases no seats itself).
    VipHoldExpired {
        request_id: i64,
        traveller_id: i64,
        /// The flight's number and date, as `CA1234 (2026-12-08)`.
        flight: String,
        follow_up_id: i64,
    },
}

/// The answer to `GET /api/v1/calls/{call_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallDetails {
    pub state: CallState,
    pub answered_by: Option<String>,
    pub offer: CallOffer,
    /// How after-call work goes on this call's queue.
    #[serde(default)]
    pub wrap_up: crate::domain::casework::WrapUpMode,
    /// The disposition codes an agent picks from at wrap-up.
    #[serde(default)]
    pub dispositions: Vec<crate::domain::casework::Disposition>,
}

/// How often the server writes a keep-alive on a quiet event stream; a
/// client that hears nothing for three of these takes the stream for dead.
pub const STREAM_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(15);

/// The event stream's answer header naming the server's keep-alive
/// interval in milliseconds; a client waits three of them.
pub const KEEP_ALIVE_HEADER: &str = "skydesk-keep-alive-ms";

/// An event as the client hands it on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerEvent {
    Hello {
        user: User,
    },
    CallOffered {
        offer: CallOffer,
    },
    /// A call rings for the user, but the stream did not carry its offer:
    /// the offer is asked for separately.
    CallAnnounced {
        call_id: String,
    },
    CallAnswered {
        call_id: String,
        agent: String,
    },
    CallEnded {
        call_id: String,
        how: CallEventKind,
    },
    FloorChanged {
        change: FloorChange,
    },
    VipHoldExpired {
        request_id: i64,
        traveller_id: i64,
        flight: String,
        follow_up_id: i64,
    },
}

/// The answer to `GET /api/v1/floor`: the floor itself, which a console
/// keeps up to date with the stream's `floor_changed` events, and its
/// figures as the server computed them at `figures.at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FloorSnapshot {
    pub floor: Floor,
    pub figures: FloorFigures,
}

/// The answer to `GET /api/v1/floor/agents/{name}`: one agent's day, for
/// a supervisor. Times are UTC; a console shows them in the centre's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDay {
    /// Their row on the floor now; none for an agent it has not seen.
    pub agent: Option<AgentRow>,
    /// The calls they answered today, newest first.
    pub calls: Vec<DayCall>,
    /// Their own state changes today, oldest first.
    pub states: Vec<DayState>,
}

/// A call in an agent's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCall {
    pub call_id: String,
    /// The queue it waited in, as the floor counted it.
    pub queue: String,
    /// The caller's number, when the call came with one.
    pub caller: Option<E164>,
    pub rang_at: DateTime<Utc>,
    pub state: CallState,
    pub disposition: Option<String>,
}

/// A state an agent took (or the phone system reported for them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayState {
    pub state: AgentState,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The answer to `GET /api/v1/me/state`: where the agent stands, and the
/// break reasons they may give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyState {
    pub state: AgentState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Since when; none for an agent the floor has not seen today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<Utc>>,
    pub break_reasons: Vec<String>,
}

/// The answer to `PUT /api/v1/me/state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateAnswer {
    pub agent: String,
    pub state: AgentState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The agent is on a call: the state begins after its wrap-up.
    pub after_call: bool,
}

/// RFC 9457 problem details, the body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub accepted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// One traveller found by `GET /api/v1/travellers?q=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub traveller: crate::domain::Traveller,
    /// What the query matched: `name`, `pinyin`, `initials`, `ffp_number`, `phone`, `pnr` or `email`.
    pub matched_on: crate::domain::search::MatchedOn,
}

/// The answer to a traveller search, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
}

/// The body of `POST /api/v1/travellers/{id}/phones`: a number in any
/// dialled form, and what it is (`added by agent` when left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddPhoneRequest {
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The answer to `POST /api/v1/travellers/{id}/phones`: `false` when the
/// traveller already had the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneAdded {
    pub added: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ContactNumber, Tier, traveller::fixtures::traveller};

    fn lookup() -> CallerLookup {
        let e164 = E164::parse_exact("+8613800138000").expect("E.164");
        let mut t = traveller(1, "Zhang", Tier::Gold, None);
        t.phones.push(ContactNumber {
            e164: e164.clone(),
            label: "mobile".into(),
        });
        CallerLookup {
            dialled: "13800138000".into(),
            number: CallerNumber::Known { e164 },
            matches: vec![CallerProfile {
                traveller: t,
                flights: vec![],
                open_complaints: vec![],
                prompts: Vec::new(),
                entitlements: Vec::new(),
            }],
            total: 1,
        }
    }

    #[test]
    fn numbers_are_plain_strings_on_the_wire() {
        let json = serde_json::to_value(lookup()).expect("serialises");
        assert_eq!(
            json["number"],
            serde_json::json!({"kind": "known", "e164": "+8613800138000"})
        );
        assert_eq!(
            json["matches"][0]["traveller"]["phones"][0],
            serde_json::json!({"e164": "+8613800138000", "label": "mobile"})
        );
        let back: CallerLookup = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, lookup());
    }

    #[test]
    fn an_unnormalised_number_cannot_come_in_through_the_wire() {
        for bad in [
            "13800138000",
            "+86 138 0013 8000",
            "+86１３８００１３８０００",
            "+8613800138000\u{202e}",
            "",
        ] {
            let mut json = serde_json::to_value(lookup()).expect("serialises");
            json["number"]["e164"] = bad.into();
            assert!(
                serde_json::from_value::<CallerLookup>(json).is_err(),
                "caller number {bad:?}"
            );
            let mut json = serde_json::to_value(lookup()).expect("serialises");
            json["matches"][0]["traveller"]["phones"][0]["e164"] = bad.into();
            assert!(
                serde_json::from_value::<CallerLookup>(json).is_err(),
                "contact number {bad:?}"
            );
        }
    }
}
