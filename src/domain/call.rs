//! Calls as the telephony side reports them, whatever the PBX.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::text;

pub const MAX_FIELD_LEN: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallEventKind {
    /// The call waits in a queue, rung at no agent yet: the floor counts
    /// its wait from here, and no console rings until `ringing`.
    Queued,
    Ringing,
    Answered,
    Hangup,
    Abandoned,
}

impl CallEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CallEventKind::Queued => "queued",
            CallEventKind::Ringing => "ringing",
            CallEventKind::Answered => "answered",
            CallEventKind::Hangup => "hangup",
            CallEventKind::Abandoned => "abandoned",
        }
    }
}

/// A call event as received (webhook JSON, AMI, simulator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallEvent {
    pub event: CallEventKind,
    pub call_id: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub queue: Option<String>,
    #[serde(default)]
    pub agent: Option<String>,
    /// When the phone system says the event happened (RFC 3339), kept
    /// beside the time the server received it.
    #[serde(default, alias = "timestamp", skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallEventError {
    #[error("call_id is empty")]
    EmptyCallId,
    #[error("{field} is longer than {MAX_FIELD_LEN} characters")]
    TooLong { field: &'static str },
    #[error("{field} contains control characters")]
    ControlCharacters { field: &'static str },
    #[error("agent: a queued call waits for any agent; name the agent when it rings")]
    AgentWhileQueued,
}

impl CallEvent {
    /// The end of a call whose own source is gone (the demo's, the
    /// simulator's): hung up when it had been answered, else abandoned.
    pub fn settled(call_id: String, answered: bool) -> Self {
        Self {
            event: if answered {
                CallEventKind::Hangup
            } else {
                CallEventKind::Abandoned
            },
            call_id,
            from: String::new(),
            to: String::new(),
            queue: None,
            agent: None,
            at: None,
        }
    }

    /// Checks the fields a PBX controls before anything is stored.
    pub fn validate(&self) -> Result<(), CallEventError> {
        if self.call_id.trim().is_empty() {
            return Err(CallEventError::EmptyCallId);
        }
        let fields = [
            ("call_id", Some(&self.call_id)),
            ("from", Some(&self.from)),
            ("to", Some(&self.to)),
            ("queue", self.queue.as_ref()),
            ("agent", self.agent.as_ref()),
        ];
        for (field, value) in fields {
            let Some(value) = value else { continue };
            if value.chars().count() > MAX_FIELD_LEN {
                return Err(CallEventError::TooLong { field });
            }
            // Identifiers travel to every console: keep them printable.
            if field != "from" && text::clean(value) != *value {
                return Err(CallEventError::ControlCharacters { field });
            }
        }
        if self.event == CallEventKind::Queued && self.agent.is_some() {
            return Err(CallEventError::AgentWhileQueued);
        }
        Ok(())
    }
}

/// What kind of line the caller dialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    General,
    VipHotline,
    Corporate,
    Government,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub name: String,
    pub kind: LineKind,
}

/// Maps the dialled (called) number to a named line. Read from the
/// settings file, where a mistyped field must be refused, not ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineDirectory {
    pub lines: Vec<LineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineEntry {
    /// The called number in E.164 or as the PBX sends it (an extension).
    pub number: String,
    pub name: String,
    pub kind: LineKind,
    /// The queue its callers wait in (default: by its kind, `general`,
    /// `vip`, `corporate` or `government`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
}

impl LineKind {
    /// The queue a line of this kind feeds when the settings name none.
    pub fn default_queue(self) -> &'static str {
        match self {
            LineKind::General => "general",
            LineKind::VipHotline => "vip",
            LineKind::Corporate => "corporate",
            LineKind::Government => "government",
        }
    }
}

impl Default for LineDirectory {
    fn default() -> Self {
        let entry = |number: &str, name: &str, kind| LineEntry {
            number: number.into(),
            name: name.into(),
            kind,
            queue: None,
        };
        Self {
            lines: vec![
                entry("+864008100999", "General reservations", LineKind::General),
                entry(
                    "+864008108888",
                    "VIP reservation hotline",
                    LineKind::VipHotline,
                ),
                entry("+864008106666", "Corporate accounts", LineKind::Corporate),
                entry(
                    "+864008105555",
                    "Government travel (GP)",
                    LineKind::Government,
                ),
            ],
        }
    }
}

impl LineDirectory {
    /// The queue a call to `called` waits in.
    pub fn queue_for(&self, called: &str) -> String {
        self.lines.iter().find(|l| l.number == called).map_or(
            LineKind::General.default_queue().to_string(),
            |l| {
                l.queue
                    .clone()
                    .unwrap_or_else(|| l.kind.default_queue().to_string())
            },
        )
    }

    /// `called` is the normalised number when it parses, else the raw field.
    pub fn line_for(&self, called: &str) -> Line {
        self.lines
            .iter()
            .find(|l| l.number == called)
            .map(|l| Line {
                name: l.name.clone(),
                kind: l.kind,
            })
            .unwrap_or_else(|| Line {
                name: if called.is_empty() {
                    "General".into()
                } else {
                    format!("General ({})", text::clean_capped(called, 32))
                },
                kind: LineKind::General,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ringing() -> CallEvent {
        CallEvent {
            event: CallEventKind::Ringing,
            call_id: "c-1".into(),
            from: "+8613800138000".into(),
            to: "+864008108888".into(),
            queue: None,
            agent: Some("demo".into()),
            at: None,
        }
    }

    #[test]
    fn a_well_formed_event_is_valid() {
        assert_eq!(ringing().validate(), Ok(()));
    }

    #[test]
    fn hostile_fields_are_refused() {
        let mut e = ringing();
        e.call_id = "  ".into();
        assert_eq!(e.validate(), Err(CallEventError::EmptyCallId));
        let mut e = ringing();
        e.agent = Some("x".repeat(500));
        assert_eq!(
            e.validate(),
            Err(CallEventError::TooLong { field: "agent" })
        );
        let mut e = ringing();
        e.event = CallEventKind::Queued;
        assert_eq!(e.validate(), Err(CallEventError::AgentWhileQueued));
        e.agent = None;
        assert_eq!(e.validate(), Ok(()));
        let mut e = ringing();
        e.queue = Some("q\u{1b}[2J".into());
        assert_eq!(
            e.validate(),
            Err(CallEventError::ControlCharacters { field: "queue" })
        );
    }

    #[test]
    fn json_with_unknown_fields_or_events_is_refused() {
        assert!(
            serde_json::from_str::<CallEvent>(r#"{"event":"ringing","call_id":"1","evil":1}"#)
                .is_err()
        );
        assert!(
            serde_json::from_str::<CallEvent>(r#"{"event":"exploded","call_id":"1"}"#).is_err()
        );
        let ok: CallEvent =
            serde_json::from_str(r#"{"event":"hangup","call_id":"1"}"#).expect("minimal event");
        assert_eq!(ok.event, CallEventKind::Hangup);
        assert_eq!(ok.at, None);
    }

    #[test]
    fn the_phone_systems_time_is_read_as_rfc_3339() {
        let at: CallEvent = serde_json::from_str(
            r#"{"event":"ringing","call_id":"1","at":"2026-11-24T08:30:00.250+08:00"}"#,
        )
        .expect("event with a time");
        assert_eq!(
            at.at.map(|t| t.to_rfc3339()),
            Some("2026-11-24T00:30:00.250+00:00".into())
        );
        let alias: CallEvent = serde_json::from_str(
            r#"{"event":"ringing","call_id":"1","timestamp":"2026-11-24T00:30:00Z"}"#,
        )
        .expect("timestamp is another name for at");
        assert!(alias.at.is_some());
        for bad in [
            r#""yesterday""#,
            "12345",
            r#""2026-13-45T99:00:00Z""#,
            r#""２０２６-11-24T00:30:00Z""#,
        ] {
            let body = format!(r#"{{"event":"ringing","call_id":"1","at":{bad}}}"#);
            assert!(serde_json::from_str::<CallEvent>(&body).is_err(), "{bad}");
        }
    }

    #[test]
    fn called_numbers_map_to_lines() {
        let dir = LineDirectory::default();
        assert_eq!(dir.line_for("+864008108888").kind, LineKind::VipHotline);
        let other = dir.line_for("+861234");
        assert_eq!(other.kind, LineKind::General);
        assert_eq!(other.name, "General (+861234)");
    }
}
