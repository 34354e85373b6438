//! The life of one call, and who may move it on. The store applies these
//! rules inside the transaction that reads the call, so two requests never
//! both win.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CallEventKind, E164, Role, User};

/// Where a call stands: `ringing`, then `answered`, then `ended`; or
/// `abandoned` when the caller gave up before anyone answered. A phone
/// system that reports the queue first starts a call `queued`: waiting,
/// rung at nobody, until it rings at an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    Queued,
    Ringing,
    Answered,
    Ended,
    Abandoned,
}

impl CallState {
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Queued => "queued",
            CallState::Ringing => "ringing",
            CallState::Answered => "answered",
            CallState::Ended => "ended",
            CallState::Abandoned => "abandoned",
        }
    }

    pub fn from_column(value: &str) -> Option<Self> {
        match value {
            "queued" => Some(CallState::Queued),
            "ringing" => Some(CallState::Ringing),
            "answered" => Some(CallState::Answered),
            "ended" => Some(CallState::Ended),
            "abandoned" => Some(CallState::Abandoned),
            _ => None,
        }
    }

    pub fn is_over(self) -> bool {
        matches!(self, CallState::Ended | CallState::Abandoned)
    }

    /// The state an event leads to.
    pub fn after(kind: CallEventKind) -> Self {
        match kind {
            CallEventKind::Queued => CallState::Queued,
            CallEventKind::Ringing => CallState::Ringing,
            CallEventKind::Answered => CallState::Answered,
            CallEventKind::Hangup => CallState::Ended,
            CallEventKind::Abandoned => CallState::Abandoned,
        }
    }
}

/// One call as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    pub call_id: String,
    pub state: CallState,
    /// The agent the call rings for; `None` rings every agent (a queued
    /// call rings for nobody yet).
    pub offered_to: Option<String>,
    pub answered_by: Option<String>,
    pub from_raw: String,
    pub caller_e164: Option<E164>,
    pub to_raw: String,
    pub queue: Option<String>,
    /// When this server received the first event of the call; for a call
    /// that was queued first, when it began to ring at an agent.
    pub rang_at: DateTime<Utc>,
}

/// Who sends an event: the phone system, or a signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Pbx,
    User(User),
}

/// Why a user's request on a call is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no such call has rung")]
    NoSuchCall,
    #[error("the call was not offered to you")]
    NotYours,
    #[error("the call was already answered by {0}")]
    AlreadyAnswered(String),
    #[error("the call has already ended")]
    Over,
    #[error("only the phone system reports that")]
    PbxOnly,
}

/// What an event does to a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The call is new: keep it in this state.
    Create(CallState),
    /// The call moves on to this state.
    Move(CallState),
    /// Nothing changes (a retry, or news of a call already over).
    Keep,
    Refuse(Refusal),
}

/// Does `call` ring for `user`: the agent it names, or any agent; a call
/// still queued rings for nobody, and nor does one named for a user who
/// takes no calls.
pub fn rings_for(user: &User, call: &CallRecord) -> bool {
    if call.state == CallState::Queued {
        return false;
    }
    match &call.offered_to {
        Some(agent) => *agent == user.name && user.takes_calls(),
        None => user.has(Role::Agent),
    }
}

/// May `user` answer or hang up `call`? Supervisors always may; otherwise
/// the agent who answered it, or before that whoever it rings for.
pub fn may_handle(user: &User, call: &CallRecord) -> bool {
    if user.has(Role::Supervisor) {
        return true;
    }
    match &call.answered_by {
        Some(by) => *by == user.name,
        None => rings_for(user, call),
    }
}

/// May `user` see `call` (its offer and its state)?
pub fn may_see(user: &User, call: &CallRecord) -> bool {
    may_handle(user, call) || rings_for(user, call)
}

/// The rule: what `kind` from `actor` does to `call` (`None`: never rang).
pub fn step(call: Option<&CallRecord>, kind: CallEventKind, actor: &Actor) -> Step {
    let target = CallState::after(kind);
    match actor {
        Actor::Pbx => match call {
            None => Step::Create(target),
            Some(call) => match (call.state, target) {
                // A late `queued` never takes a call back to its queue.
                (_, CallState::Queued) => Step::Keep,
                // A queued call rings once an agent is free…
                (CallState::Queued, _) => Step::Move(target),
                // …and a retried or late `ringing` never rings it again.
                (_, CallState::Ringing) => Step::Keep,
                (CallState::Ringing, _) => Step::Move(target),
                (CallState::Answered, CallState::Ended | CallState::Abandoned) => {
                    Step::Move(CallState::Ended)
                }
                _ => Step::Keep,
            },
        },
        Actor::User(user) => {
            let Some(call) = call else {
                return Step::Refuse(Refusal::NoSuchCall);
            };
            if !matches!(kind, CallEventKind::Answered | CallEventKind::Hangup) {
                return Step::Refuse(Refusal::PbxOnly);
            }
            if !may_handle(user, call) {
                // It rang for them too, but someone else answered first.
                return Step::Refuse(match (&call.answered_by, rings_for(user, call)) {
                    (_, false) => Refusal::NotYours,
                    (_, true) if call.state.is_over() => Refusal::Over,
                    (by, true) => Refusal::AlreadyAnswered(by.clone().unwrap_or_default()),
                });
            }
            match (call.state, kind) {
                (state, _) if state.is_over() => Step::Refuse(Refusal::Over),
                (CallState::Queued | CallState::Ringing, CallEventKind::Answered) => {
                    Step::Move(CallState::Answered)
                }
                (CallState::Answered, CallEventKind::Answered) => Step::Refuse(
                    Refusal::AlreadyAnswered(call.answered_by.clone().unwrap_or_default()),
                ),
                _ => Step::Move(CallState::Ended),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(state: CallState, offered_to: Option<&str>, answered_by: Option<&str>) -> CallRecord {
        CallRecord {
            call_id: "c1".into(),
            state,
            offered_to: offered_to.map(String::from),
            answered_by: answered_by.map(String::from),
            from_raw: "+8613800138000".into(),
            caller_e164: None,
            to_raw: String::new(),
            queue: None,
            rang_at: Utc::now(),
        }
    }

    fn user(name: &str, roles: &[Role]) -> Actor {
        Actor::User(User {
            name: name.into(),
            roles: roles.to_vec(),
        })
    }

    #[test]
    fn the_pbx_rings_once_and_never_again_after_the_end() {
        use CallEventKind::*;
        assert_eq!(
            step(None, Ringing, &Actor::Pbx),
            Step::Create(CallState::Ringing)
        );
        let ringing = call(CallState::Ringing, None, None);
        assert_eq!(step(Some(&ringing), Ringing, &Actor::Pbx), Step::Keep);
        let ended = call(CallState::Ended, None, Some("ann"));
        assert_eq!(step(Some(&ended), Ringing, &Actor::Pbx), Step::Keep);
        assert_eq!(step(Some(&ended), Answered, &Actor::Pbx), Step::Keep);
        assert_eq!(
            step(Some(&ringing), Abandoned, &Actor::Pbx),
            Step::Move(CallState::Abandoned)
        );
        let answered = call(CallState::Answered, None, Some("ann"));
        assert_eq!(
            step(Some(&answered), Abandoned, &Actor::Pbx),
            Step::Move(CallState::Ended)
        );
    }

    #[test]
    fn a_queued_call_rings_once_an_agent_is_free_and_never_goes_back() {
        use CallEventKind::*;
        assert_eq!(
            step(None, Queued, &Actor::Pbx),
            Step::Create(CallState::Queued)
        );
        let queued = call(CallState::Queued, None, None);
        assert_eq!(
            step(Some(&queued), Ringing, &Actor::Pbx),
            Step::Move(CallState::Ringing)
        );
        assert_eq!(step(Some(&queued), Queued, &Actor::Pbx), Step::Keep);
        assert_eq!(
            step(Some(&queued), Abandoned, &Actor::Pbx),
            Step::Move(CallState::Abandoned)
        );
        assert_eq!(
            step(Some(&queued), Answered, &Actor::Pbx),
            Step::Move(CallState::Answered)
        );
        let ringing = call(CallState::Ringing, Some("ann"), None);
        assert_eq!(step(Some(&ringing), Queued, &Actor::Pbx), Step::Keep);
        let ended = call(CallState::Abandoned, None, None);
        assert_eq!(step(Some(&ended), Queued, &Actor::Pbx), Step::Keep);
    }

    #[test]
    fn a_queued_call_rings_for_no_agent_but_a_supervisor_may_take_it() {
        use CallEventKind::*;
        let queued = call(CallState::Queued, None, None);
        let ann = User {
            name: "ann".into(),
            roles: vec![Role::Agent],
        };
        assert_eq!(
            step(Some(&queued), Answered, &Actor::User(ann.clone())),
            Step::Refuse(Refusal::NotYours)
        );
        assert!(!rings_for(&ann, &queued));
        assert!(!may_see(&ann, &queued));
        let sue = user("sue", &[Role::Supervisor]);
        assert_eq!(
            step(Some(&queued), Answered, &sue),
            Step::Move(CallState::Answered)
        );
    }

    #[test]
    fn only_the_offered_agent_or_a_supervisor_answers() {
        use CallEventKind::*;
        let for_ann = call(CallState::Ringing, Some("ann"), None);
        let ann = user("ann", &[Role::Agent]);
        let bob = user("bob", &[Role::Agent]);
        let sue = user("sue", &[Role::Supervisor]);
        assert_eq!(
            step(Some(&for_ann), Answered, &ann),
            Step::Move(CallState::Answered)
        );
        assert_eq!(
            step(Some(&for_ann), Answered, &bob),
            Step::Refuse(Refusal::NotYours)
        );
        assert_eq!(
            step(Some(&for_ann), Hangup, &sue),
            Step::Move(CallState::Ended)
        );
        let for_anyone = call(CallState::Ringing, None, None);
        assert_eq!(
            step(Some(&for_anyone), Answered, &bob),
            Step::Move(CallState::Answered)
        );
        let vip_only = user("vic", &[Role::Vip]);
        assert_eq!(
            step(Some(&for_anyone), Answered, &vip_only),
            Step::Refuse(Refusal::NotYours)
        );
    }

    #[test]
    fn answering_twice_late_or_a_call_that_never_rang_is_refused() {
        use CallEventKind::*;
        let ann = user("ann", &[Role::Agent]);
        assert!(matches!(
            step(None, Answered, &ann),
            Step::Refuse(Refusal::NoSuchCall)
        ));
        let taken = call(CallState::Answered, Some("ann"), Some("ann"));
        assert_eq!(
            step(Some(&taken), Answered, &ann),
            Step::Refuse(Refusal::AlreadyAnswered("ann".into()))
        );
        let over = call(CallState::Ended, Some("ann"), Some("ann"));
        assert_eq!(
            step(Some(&over), Answered, &ann),
            Step::Refuse(Refusal::Over)
        );
        assert_eq!(step(Some(&over), Hangup, &ann), Step::Refuse(Refusal::Over));
        // It rang for ann too: she lost the race, a conflict rather than
        // a call that was never hers.
        let taken_by_bob = call(CallState::Answered, None, Some("bob"));
        for kind in [Answered, Hangup] {
            assert_eq!(
                step(Some(&taken_by_bob), kind, &ann),
                Step::Refuse(Refusal::AlreadyAnswered("bob".into()))
            );
        }
        let ended_by_bob = call(CallState::Ended, None, Some("bob"));
        assert_eq!(
            step(Some(&ended_by_bob), Answered, &ann),
            Step::Refuse(Refusal::Over)
        );
        let admin = user("ada", &[Role::Admin]);
        let for_admin = call(CallState::Ringing, Some("ada"), None);
        assert_eq!(
            step(Some(&for_admin), Answered, &admin),
            Step::Refuse(Refusal::NotYours)
        );
        assert_eq!(
            step(Some(&taken), Ringing, &ann),
            Step::Refuse(Refusal::PbxOnly)
        );
    }
}
