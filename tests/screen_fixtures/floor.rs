//! The floor's changes the floor screens are built from: a call's whole
//! life, an agent's state, a caller waiting with what the lookup found.

use chrono::{DateTime, Duration, Utc};
use skydesk::domain::{
    Tier,
    floor::{AgentState, CallerFacts, CallerSegment, FloorChange},
};

use super::now;

pub fn ago(seconds: i64) -> DateTime<Utc> {
    now() - Duration::seconds(seconds)
}

/// A call's whole life: queued `seconds_ago`, answered after `wait` by
/// `agent` (or given up after `wait` when `None`), talked `talk` seconds
/// and wrapped up `wrap` seconds later.
pub fn call(
    out: &mut Vec<FloorChange>,
    id: &str,
    queue: &str,
    seconds_ago: i64,
    wait: i64,
    agent: Option<&str>,
    (talk, wrap): (i64, i64),
) {
    let at = |s: i64| ago(seconds_ago - s);
    out.push(FloorChange::CallQueued {
        call_id: id.into(),
        queue: queue.into(),
        vip: false,
        caller: None,
        tier: None,
        facts: None,
        at: at(0),
    });
    let Some(agent) = agent else {
        out.push(FloorChange::CallEnded {
            call_id: id.into(),
            at: at(wait),
        });
        return;
    };
    out.push(FloorChange::CallAnswered {
        call_id: id.into(),
        agent: agent.into(),
        at: at(wait),
    });
    out.push(FloorChange::CallEnded {
        call_id: id.into(),
        at: at(wait + talk),
    });
    out.push(FloorChange::WrapUpDone {
        call_id: id.into(),
        agent: agent.into(),
        at: at(wait + talk + wrap),
    });
}

pub fn state(
    agent: &str,
    state: AgentState,
    reason: Option<&str>,
    seconds_ago: i64,
) -> FloorChange {
    FloorChange::AgentState {
        agent: agent.into(),
        state,
        reason: reason.map(String::from),
        at: ago(seconds_ago),
    }
}

/// A caller now waiting: one traveller matched (their segment read
/// from the tier, to vary), or nobody had the number.
pub fn waiting(
    id: &str,
    queue: &str,
    caller: Option<(&str, Tier)>,
    seconds_ago: i64,
) -> FloorChange {
    let segment = caller.map(|(_, tier)| match tier {
        Tier::Platinum => CallerSegment::Government { level: 4 },
        Tier::Gold => CallerSegment::Corporate,
        _ => CallerSegment::Individual,
    });
    FloorChange::CallQueued {
        call_id: id.into(),
        queue: queue.into(),
        vip: false,
        caller: caller.map(|(name, _)| name.into()),
        tier: caller.map(|(_, tier)| tier),
        facts: Some(CallerFacts {
            number: Some(format!("+86138{:08}", 1000 + seconds_ago)),
            withheld: false,
            matches: u32::from(caller.is_some()),
            segment,
        }),
        at: ago(seconds_ago),
    }
}

pub fn answered(id: &str, agent: &str, seconds_ago: i64) -> FloorChange {
    FloorChange::CallAnswered {
        call_id: id.into(),
        agent: agent.into(),
        at: ago(seconds_ago),
    }
}

pub fn ended(id: &str, seconds_ago: i64) -> FloorChange {
    FloorChange::CallEnded {
        call_id: id.into(),
        at: ago(seconds_ago),
    }
}
