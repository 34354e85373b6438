//! A form's draft: what the agent is typing, written to the outbox file at
//! most once a second (by an effect, off the UI thread) so that a crash
//! loses at most that second, and offered back when a form for the same
//! traveller opens again. Forms keep only when it is due; what a draft
//! holds is each form's own (`NoteDraft`, `ComplaintDraft`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::console::app::Effect;
use crate::console::outbox::{DraftKind, SAVE_DRAFT_EVERY};

/// When a form's draft is next written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftMark {
    /// Typed since the last write.
    dirty: bool,
    last_written: Option<DateTime<Utc>>,
    /// A wake-up is asked for the moment the next write is due.
    woken: bool,
    /// The form asked for a draft to offer and has no answer yet.
    pub awaiting_offer: bool,
}

impl DraftMark {
    /// Something was typed.
    pub fn touched(&mut self) {
        self.dirty = true;
    }

    /// Whether to write now: something was typed and the last write is a
    /// second old, or `flush` (the console is quitting).
    pub fn due(&mut self, now: DateTime<Utc>, flush: bool) -> bool {
        let every = chrono::TimeDelta::from_std(SAVE_DRAFT_EVERY).unwrap_or_default();
        let rested = self.last_written.is_none_or(|at| now - at >= every);
        if self.dirty && (rested || flush) {
            self.dirty = false;
            self.woken = false;
            self.last_written = Some(now);
            return true;
        }
        false
    }

    /// How long until typing not yet written is due, the first time it
    /// is asked: the console's clock ticks once a second, which alone
    /// could leave it unwritten for nearly two.
    pub fn wake_in(&mut self, now: DateTime<Utc>) -> Option<std::time::Duration> {
        if !self.dirty || self.woken {
            return None;
        }
        let every = chrono::TimeDelta::from_std(SAVE_DRAFT_EVERY).unwrap_or_default();
        let due = self.last_written.map_or(now, |at| at + every);
        self.woken = true;
        Some((due - now).to_std().unwrap_or_default())
    }

    /// The effect that keeps the draft now, or wakes the console when it
    /// is due; `content` is asked only when it is written.
    pub fn effect(
        &mut self,
        now: DateTime<Utc>,
        flush: bool,
        traveller_id: i64,
        kind: DraftKind,
        content: impl FnOnce() -> Option<String>,
    ) -> Option<Effect> {
        if self.due(now, flush) {
            return Some(keep(traveller_id, kind, content()));
        }
        self.wake_in(now).map(Effect::WakeIn)
    }

    /// The form was sent or thrown away: nothing left to write.
    pub fn settled(&mut self) {
        self.dirty = false;
    }
}

/// The effect that keeps a form's draft: its content, or its removal when
/// the form was emptied.
pub fn keep(traveller_id: i64, kind: DraftKind, content: Option<String>) -> Effect {
    match content {
        Some(text) => Effect::SaveDraft {
            traveller_id,
            kind,
            text,
        },
        None => Effect::DiscardDraft {
            traveller_id,
            kind,
            after: None,
        },
    }
}

/// A note's draft: its text, booking, flight and the note it corrects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDraft {
    pub text: String,
    #[serde(default)]
    pub pnr: String,
    #[serde(default)]
    pub flight_id: Option<i64>,
    #[serde(default)]
    pub corrects: Option<Corrected>,
}

/// The note a correction corrects, with its first line to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrected {
    pub id: i64,
    pub summary: String,
}

/// A complaint's draft: its two free-text fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDraft {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub request: String,
}

/// Reads a stored draft; text that is not this shape (a draft from
/// another build) comes back as the first text field rather than lost.
pub fn read<T: for<'de> Deserialize<'de>>(stored: &str, plain: impl FnOnce(String) -> T) -> T {
    serde_json::from_str(stored).unwrap_or_else(|_| plain(stored.to_string()))
}

/// How a draft is stored.
pub fn write<T: Serialize>(draft: &T) -> String {
    // Plain strings and numbers always serialise.
    serde_json::to_string(draft).unwrap_or_default()
}

/// The first line of what a draft says, to show in its offer.
pub fn preview(text: &str) -> String {
    crate::domain::casework::history::first_line(text, 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + seconds, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn written_at_most_once_a_second_and_at_once_when_flushed() {
        let mut mark = DraftMark::default();
        assert!(!mark.due(at(0), false), "nothing typed, nothing written");
        mark.touched();
        assert!(mark.due(at(0), false), "the first key writes at once");
        mark.touched();
        assert!(!mark.due(at(0), false));
        assert_eq!(
            mark.wake_in(at(0)),
            Some(SAVE_DRAFT_EVERY),
            "woken when due"
        );
        assert_eq!(mark.wake_in(at(0)), None, "once");
        assert!(mark.due(at(1), false), "a second later");
        mark.touched();
        assert!(mark.due(at(1), true), "quitting writes what is left");
        mark.touched();
        mark.settled();
        assert!(!mark.due(at(9), true), "sent: nothing left to write");
    }

    #[test]
    fn drafts_read_back_even_from_plain_text() {
        let note = NoteDraft {
            text: "a\nb".into(),
            pnr: "K7M2QX".into(),
            flight_id: Some(3),
            corrects: Some(Corrected {
                id: 5,
                summary: "first".into(),
            }),
        };
        let back: NoteDraft = read(&write(&note), |text| NoteDraft {
            text,
            ..Default::default()
        });
        assert_eq!(back, note);
        let plain: NoteDraft = read("just text", |text| NoteDraft {
            text,
            ..Default::default()
        });
        assert_eq!(plain.text, "just text");
        let complaint: ComplaintDraft = read(r#"{"description":"lost bag"}"#, |description| {
            ComplaintDraft {
                description,
                ..Default::default()
            }
        });
        assert_eq!(complaint.description, "lost bag");
        assert_eq!(complaint.request, "");
    }
}
