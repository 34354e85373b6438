//! A notice as it travels between servers: one NOTIFY payload, JSON, with
//! the id of the server that sent it. Anyone who can connect to the
//! database can NOTIFY on the channel, so what arrives is read as
//! untrusted: it must be a notice our servers could have sent, or it is
//! skipped.

use serde::{Deserialize, Serialize};

use super::{Audience, Notice};
use crate::{
    domain::{
        call::MAX_FIELD_LEN,
        floor::{CallerFacts, FloorChange},
        text,
    },
    wire::StreamEvent,
};

/// PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more.
pub const MAX_PAYLOAD_BYTES: usize = 7999;

/// One server's bus, told apart from the others on the channel.
pub type Origin = u64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub origin: Origin,
    pub notice: Notice,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("{0} bytes, more than a NOTIFY payload holds")]
    TooLarge(usize),
    #[error("not a notice: {0}")]
    NotANotice(String),
    #[error("a notice our servers never send: {0}")]
    Implausible(&'static str),
}

/// The payload of `notice` from `origin`.
pub fn encode(origin: Origin, notice: &Notice) -> Result<String, WireError> {
    let envelope = Envelope {
        origin,
        notice: notice.clone(),
    };
    let payload =
        serde_json::to_string(&envelope).map_err(|e| WireError::NotANotice(e.to_string()))?;
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(WireError::TooLarge(payload.len()));
    }
    Ok(payload)
}

/// The envelope in `payload`, when it holds one our servers could have sent.
pub fn decode(payload: &str) -> Result<Envelope, WireError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(WireError::TooLarge(payload.len()));
    }
    let envelope: Envelope =
        serde_json::from_str(payload).map_err(|e| WireError::NotANotice(e.to_string()))?;
    plausible(&envelope.notice)?;
    Ok(envelope)
}

/// Names are checked as the webhook and the user commands check them, so
/// that what a console is sent stays printable and short; a hello is the
/// stream's own and never travels on the bus.
fn plausible(notice: &Notice) -> Result<(), WireError> {
    if notice.audience.is_empty() {
        return Err(WireError::Implausible("nobody to tell"));
    }
    for audience in &notice.audience {
        if let Audience::User(name) = audience {
            identifier(name, "a user name")?;
        }
    }
    match &notice.event {
        StreamEvent::Hello { .. } => Err(WireError::Implausible("a hello")),
        StreamEvent::CallOffered { call_id, offer } => {
            if offer.is_some() {
                return Err(WireError::Implausible("a full offer"));
            }
            identifier(call_id, "a call id")
        }
        StreamEvent::CallAnswered { call_id, agent } => {
            identifier(call_id, "a call id")?;
            identifier(agent, "an agent")
        }
        StreamEvent::CallEnded { call_id, .. } => identifier(call_id, "a call id"),
        StreamEvent::FloorChanged { change } => plausible_change(change),
        StreamEvent::VipHoldExpired { flight, .. } => identifier(flight, "a flight"),
    }
}

/// A floor change as the call ingest, the wrap-up and the agents' states
/// make it: identifiers as the webhook allows, a caller's name and a
/// break's reason already cleaned and cut short.
fn plausible_change(change: &FloorChange) -> Result<(), WireError> {
    let short = |value: &Option<String>, what| match value {
        Some(v) if v.chars().count() > 64 || text::clean(v) != *v => {
            Err(WireError::Implausible(what))
        }
        _ => Ok(()),
    };
    match change {
        FloorChange::CallQueued {
            call_id,
            queue,
            caller,
            facts,
            ..
        } => {
            identifier(call_id, "a call id")?;
            identifier(queue, "a queue")?;
            short(caller, "a caller's name")?;
            let number = facts.as_ref().and_then(|f| f.number.clone());
            match number {
                Some(n) if CallerFacts::shown_number(&n).as_ref() != Some(&n) => {
                    Err(WireError::Implausible("a caller's number"))
                }
                _ => Ok(()),
            }
        }
        FloorChange::CallAnswered { call_id, agent, .. }
        | FloorChange::WrapUpDone { call_id, agent, .. } => {
            identifier(call_id, "a call id")?;
            identifier(agent, "an agent")
        }
        FloorChange::ConsoleOpened { agent, stream, .. }
        | FloorChange::ConsoleClosed { agent, stream, .. } => {
            identifier(stream, "a stream id")?;
            identifier(agent, "an agent")
        }
        FloorChange::CallEnded { call_id, .. } => identifier(call_id, "a call id"),
        FloorChange::AgentState { agent, reason, .. } => {
            identifier(agent, "an agent")?;
            short(reason, "a reason")
        }
    }
}

fn identifier(value: &str, what: &'static str) -> Result<(), WireError> {
    if value.trim().is_empty() || value.chars().count() > MAX_FIELD_LEN {
        return Err(WireError::Implausible(what));
    }
    if text::clean(value) != value {
        return Err(WireError::Implausible(what));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CallEventKind, Role};

    fn answered(call_id: &str, agent: &str) -> Notice {
        Notice {
            audience: vec![Audience::User(agent.into()), Audience::Role(Role::Agent)],
            event: StreamEvent::CallAnswered {
                call_id: call_id.into(),
                agent: agent.into(),
            },
        }
    }

    #[test]
    fn a_notice_round_trips_with_its_origin() {
        for notice in [
            answered("c-1", "ann"),
            answered("通话-1", "王芳"),
            Notice {
                audience: vec![Audience::Role(Role::Supervisor)],
                event: StreamEvent::CallEnded {
                    call_id: "c-2".into(),
                    how: CallEventKind::Abandoned,
                },
            },
        ] {
            let payload = encode(7, &notice).expect("fits");
            assert_eq!(decode(&payload), Ok(Envelope { origin: 7, notice }));
        }
    }

    #[test]
    fn the_largest_notice_a_server_sends_fits_a_notify_payload() {
        // Every identifier at its longest, in four-byte characters.
        let long = "𝄞".repeat(MAX_FIELD_LEN);
        let notice = Notice {
            audience: vec![
                Audience::User(long.clone()),
                Audience::User(long.clone()),
                Audience::Role(Role::Supervisor),
            ],
            event: StreamEvent::CallAnswered {
                call_id: long.clone(),
                agent: long,
            },
        };
        let payload = encode(u64::MAX, &notice).expect("fits");
        assert!(payload.len() < MAX_PAYLOAD_BYTES / 2, "{}", payload.len());
        assert!(decode(&payload).is_ok());
    }

    /// A call's change with the caller in brief: every field at its
    /// longest still fits, and only a plain number passes.
    #[test]
    fn a_waiting_callers_facts_travel_and_only_a_number_passes() {
        let long = "𝄞".repeat(MAX_FIELD_LEN);
        let queued = |number: &str| Notice {
            audience: vec![Audience::Role(Role::Supervisor)],
            event: StreamEvent::FloorChanged {
                change: FloorChange::CallQueued {
                    call_id: long.clone(),
                    queue: long.clone(),
                    vip: true,
                    caller: Some(FloorChange::caller_name(&"欧阳".repeat(40))),
                    tier: Some(crate::domain::Tier::Platinum),
                    facts: Some(CallerFacts {
                        number: Some(number.into()),
                        withheld: false,
                        matches: u32::MAX,
                        segment: Some(crate::domain::floor::CallerSegment::Government { level: 5 }),
                    }),
                    at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
                },
            },
        };
        let notice = queued("+8613800138000");
        let payload = encode(u64::MAX, &notice).expect("fits");
        assert!(payload.len() < MAX_PAYLOAD_BYTES / 2, "{}", payload.len());
        assert_eq!(
            decode(&payload),
            Ok(Envelope {
                origin: u64::MAX,
                notice
            })
        );
        for hostile in [
            r"+86\u001b[2J138",
            r"+86138\u202e",
            "call me",
            "+8613800138000123",
        ] {
            let payload = encode(1, &queued("+8613800138000"))
                .expect("fits")
                .replace("+8613800138000", hostile);
            assert!(decode(&payload).is_err(), "{payload}");
        }
    }

    #[test]
    fn a_notice_too_large_is_refused_not_sent() {
        let notice = answered("c", &"a".repeat(MAX_PAYLOAD_BYTES));
        assert!(matches!(encode(1, &notice), Err(WireError::TooLarge(_))));
    }

    #[test]
    fn what_our_servers_never_send_is_refused() {
        let good = encode(1, &answered("c-1", "ann")).expect("fits");
        let hostile = [
            String::new(),
            "garbage".into(),
            "'); DROP TABLE users; --".into(),
            "x".repeat(MAX_PAYLOAD_BYTES),
            good.replace("\"origin\"", "\"extra\":1,\"origin\""),
            good.replace("c-1", "c-\\u001b[2J"),
            good.replace("c-1", "c-\u{202e}1"),
            good.replace("c-1", "\\ud800"),
            good.replace("c-1", ""),
            good.replace("c-1", &"c".repeat(MAX_FIELD_LEN + 1)),
            good.replace("ann", &"a".repeat(7_000)),
            r#"{"origin":1,"notice":{"audience":[],"event":{"type":"call_ended","call_id":"c","how":"hangup"}}}"#.into(),
            r#"{"origin":1,"notice":{"audience":[{"kind":"role","name":"agent"}],"event":{"type":"hello","user":{"name":"root","roles":["admin"]}}}}"#.into(),
            r#"{"origin":-1,"notice":{"audience":[{"kind":"role","name":"agent"}],"event":{"type":"call_ended","call_id":"c","how":"hangup"}}}"#.into(),
        ];
        for payload in hostile {
            assert!(decode(&payload).is_err(), "{payload:?}");
        }
    }
}
