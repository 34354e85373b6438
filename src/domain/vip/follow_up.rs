//! A follow-up: something to do for a traveller by a time, owned by one
//! user or by a queue (the VIP hotline's, `vip`), done once. Each change is
//! kept in its history with who made it and when.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    casework::{FieldError, TextRule},
    user::validate_user_name,
};

pub const FOLLOW_UP_TEXT: TextRule = TextRule::lines("text", 1000).required();
/// The VIP hotline's queue.
pub const VIP_QUEUE: &str = "vip";
/// Furthest a follow-up is due or snoozed: a year.
pub const MAX_AHEAD_DAYS: i64 = 366;
/// A follow-up may be logged as due a little while ago (typed late).
pub const MAX_BEHIND_DAYS: i64 = 7;

/// Who a follow-up is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum FollowUpOwner {
    User(String),
    Queue(String),
}

impl FollowUpOwner {
    pub fn kind(&self) -> &'static str {
        match self {
            FollowUpOwner::User(_) => "user",
            FollowUpOwner::Queue(_) => "queue",
        }
    }

    pub fn name(&self) -> &str {
        match self {
            FollowUpOwner::User(n) | FollowUpOwner::Queue(n) => n,
        }
    }

    /// `me` (the caller), `queue` (the VIP queue) or a user's name.
    pub fn parse(asked: &str, me: &str) -> Result<FollowUpOwner, FieldError> {
        match asked.trim() {
            "me" => Ok(FollowUpOwner::User(me.to_string())),
            "queue" => Ok(FollowUpOwner::Queue(VIP_QUEUE.into())),
            name => validate_user_name(name)
                .map(|()| FollowUpOwner::User(name.to_string()))
                .map_err(|why| FieldError::invalid("owner", format!("me, queue or a user: {why}"))),
        }
    }

    pub fn from_columns(kind: &str, name: String) -> Option<FollowUpOwner> {
        match kind {
            "user" => Some(FollowUpOwner::User(name)),
            "queue" => Some(FollowUpOwner::Queue(name)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    Open,
    Done,
}

impl FollowUpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpStatus::Open => "open",
            FollowUpStatus::Done => "done",
        }
    }

    pub fn parse(name: &str) -> Option<FollowUpStatus> {
        [FollowUpStatus::Open, FollowUpStatus::Done]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// One change to a follow-up: `created`, `done`, `reassigned`, `snoozed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: i64,
    pub traveller_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    pub text: String,
    pub due_at: DateTime<Utc>,
    pub owner: FollowUpOwner,
    pub status: FollowUpStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<DateTime<Utc>>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// The VIP request it came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip_request_id: Option<i64>,
    pub version: i64,
    pub history: Vec<FollowUpEvent>,
}

/// A follow-up checked and ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFollowUp {
    pub traveller_id: i64,
    pub call_id: Option<String>,
    pub text: String,
    pub due_at: DateTime<Utc>,
    pub owner: FollowUpOwner,
    pub created_by: String,
    pub vip_request_id: Option<i64>,
}

const CALL_ID: TextRule = TextRule::line("call_id", 128);

impl NewFollowUp {
    pub fn checked(
        created_by: &str,
        traveller_id: i64,
        text: &str,
        due_at: DateTime<Utc>,
        owner: FollowUpOwner,
        call_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<NewFollowUp, FieldError> {
        if traveller_id < 1 {
            return Err(FieldError::invalid(
                "traveller_id",
                "an id is a whole number from 1 up",
            ));
        }
        let text = FOLLOW_UP_TEXT.check(text)?;
        if due_at < now - Duration::days(MAX_BEHIND_DAYS)
            || due_at > now + Duration::days(MAX_AHEAD_DAYS)
        {
            return Err(FieldError::invalid(
                "due_at",
                "between a week ago and a year ahead",
            ));
        }
        Ok(NewFollowUp {
            traveller_id,
            call_id: CALL_ID.check_optional(call_id)?,
            text,
            due_at,
            owner,
            created_by: created_by.to_string(),
            vip_request_id: None,
        })
    }
}

/// A change to a follow-up; at least one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpChange {
    pub actor: String,
    pub done: bool,
    pub owner: Option<FollowUpOwner>,
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl FollowUpChange {
    pub fn checked(
        actor: &str,
        done: bool,
        owner: Option<FollowUpOwner>,
        snoozed_until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<FollowUpChange, FieldError> {
        if !done && owner.is_none() && snoozed_until.is_none() {
            return Err(FieldError::invalid(
                "body",
                "change at least one of status, owner or snoozed_until",
            ));
        }
        if let Some(until) = snoozed_until
            && (until <= now || until > now + Duration::days(MAX_AHEAD_DAYS))
        {
            return Err(FieldError::invalid(
                "snoozed_until",
                "a time in the coming year",
            ));
        }
        Ok(FollowUpChange {
            actor: actor.to_string(),
            done,
            owner,
            snoozed_until,
        })
    }

    /// The history events the change makes of a follow-up as it was.
    pub fn events(&self, before: &FollowUp, at: DateTime<Utc>) -> Vec<FollowUpEvent> {
        let event = |kind: &str, text: String| FollowUpEvent {
            at,
            actor: self.actor.clone(),
            kind: kind.into(),
            text,
        };
        let mut events = Vec::new();
        if let Some(owner) = &self.owner
            && *owner != before.owner
        {
            events.push(event(
                "reassigned",
                format!(
                    "{} → {} {}",
                    before.owner.name(),
                    owner.kind(),
                    owner.name()
                ),
            ));
        }
        if let Some(until) = self.snoozed_until {
            events.push(event("snoozed", format!("until {}", until.to_rfc3339())));
        }
        if self.done {
            events.push(event("done", String::new()));
        }
        events
    }
}

/// Whether a follow-up as it stands may be changed (a 409 otherwise).
pub fn check_open(status: FollowUpStatus) -> Result<(), String> {
    match status {
        FollowUpStatus::Open => Ok(()),
        FollowUpStatus::Done => Err("the follow-up is done; it cannot be changed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_me_the_queue_or_a_user() {
        assert_eq!(
            FollowUpOwner::parse("me", "ann"),
            Ok(FollowUpOwner::User("ann".into()))
        );
        assert_eq!(
            FollowUpOwner::parse("queue", "ann"),
            Ok(FollowUpOwner::Queue("vip".into()))
        );
        assert_eq!(
            FollowUpOwner::parse("王芳", "ann"),
            Ok(FollowUpOwner::User("王芳".into()))
        );
        assert!(FollowUpOwner::parse("a b", "ann").is_err());
        assert!(FollowUpOwner::parse("", "ann").is_err());
    }

    #[test]
    fn a_follow_up_is_due_within_reason_and_changes_something() {
        let now = Utc::now();
        let me = FollowUpOwner::User("ann".into());
        let new =
            |text: &str, due| NewFollowUp::checked("ann", 1, text, due, me.clone(), None, now);
        assert!(new("回电确认座位", now + Duration::hours(2)).is_ok());
        assert!(new("", now).is_err());
        assert!(new("x", now - Duration::days(30)).is_err());
        assert!(new("x", now + Duration::days(400)).is_err());
        assert!(new("x\u{1b}]0;t\u{7}", now).is_err());
        assert!(FollowUpChange::checked("ann", false, None, None, now).is_err());
        assert!(
            FollowUpChange::checked("ann", false, None, Some(now - Duration::hours(1)), now)
                .is_err()
        );
        let change = FollowUpChange::checked(
            "ann",
            true,
            Some(FollowUpOwner::Queue("vip".into())),
            None,
            now,
        );
        assert!(change.is_ok());
        assert!(check_open(FollowUpStatus::Done).is_err());
    }
}
