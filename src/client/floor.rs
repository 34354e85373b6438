//! The client side of the floor: the supervisors' view of queues and
//! agents, and an agent's own state. Every name in an answer is cleaned
//! like the rest of what the server sends.

use std::collections::BTreeMap;

use reqwest::Method;

use super::{ApiClient, ClientResult, Sanitize};
use crate::{
    domain::floor::{AgentFigures, AgentRow, Floor, FloorAlert, FloorFigures, StateRequest},
    wire::{AgentDay, FloorSnapshot, MyState, StateAnswer},
};

impl ApiClient {
    /// `GET /api/v1/floor`: queues, agents and trends now (supervisors).
    pub async fn floor(&self) -> ClientResult<FloorSnapshot> {
        self.get(self.url(&["api", "v1", "floor"])).await
    }

    /// `GET /api/v1/floor/agents/{name}`: one agent's day (supervisors).
    pub async fn agent_day(&self, name: &str) -> ClientResult<AgentDay> {
        self.get(self.url(&["api", "v1", "floor", "agents", name]))
            .await
    }

    /// `GET /api/v1/me/state`: the agent's own state and the break reasons.
    pub async fn my_state(&self) -> ClientResult<MyState> {
        self.get(self.url(&["api", "v1", "me", "state"])).await
    }

    /// `PUT /api/v1/me/state`: available, a break with a reason, or signed
    /// out. Asked on a call, it begins after the wrap-up (`after_call`).
    pub async fn set_my_state(&self, request: &StateRequest) -> ClientResult<StateAnswer> {
        self.write(
            Method::PUT,
            self.url(&["api", "v1", "me", "state"]),
            request,
            &[],
        )
        .await
    }
}

/// The map with every key cleaned as its values are: the floor joins a
/// call's `queue`, an agent's `call_id` and a change's names to these keys,
/// so a key left raw would never be found again.
fn rekeyed<V>(map: BTreeMap<String, V>, mut clean: impl FnMut(&mut V)) -> BTreeMap<String, V> {
    map.into_iter()
        .map(|(mut key, mut value)| {
            key.sanitize();
            clean(&mut value);
            (key, value)
        })
        .collect()
}

/// A floor from the server: every name it shows, and every name it is
/// keyed by, cleaned the same way a `floor_changed` event's names are.
impl Sanitize for Floor {
    fn sanitize(&mut self) {
        self.calls = rekeyed(std::mem::take(&mut self.calls), |call| {
            call.queue.sanitize();
            call.caller.sanitize();
            call.agent.sanitize();
            call.facts.sanitize();
        });
        self.agents = rekeyed(std::mem::take(&mut self.agents), |row| {
            row.name.sanitize();
            row.reason.sanitize();
            row.call_id.sanitize();
            row.caller.sanitize();
        });
        self.queues = rekeyed(std::mem::take(&mut self.queues), |_| {});
        self.after_call = rekeyed(std::mem::take(&mut self.after_call), |(_, reason)| {
            reason.sanitize();
        });
        self.finished.iter_mut().for_each(Sanitize::sanitize);
        for queue in &mut self.settings.queues {
            queue.name.sanitize();
            queue.label.sanitize();
        }
        self.settings.break_reasons.sanitize();
    }
}

impl Sanitize for AgentRow {
    fn sanitize(&mut self) {
        self.name.sanitize();
        self.reason.sanitize();
        self.call_id.sanitize();
        self.caller.sanitize();
    }
}

impl Sanitize for AgentFigures {
    fn sanitize(&mut self) {
        self.row.sanitize();
    }
}

impl Sanitize for AgentDay {
    fn sanitize(&mut self) {
        self.agent.sanitize();
        for call in &mut self.calls {
            call.call_id.sanitize();
            call.queue.sanitize();
            call.disposition.sanitize();
        }
        for state in &mut self.states {
            state.reason.sanitize();
        }
    }
}

impl Sanitize for FloorAlert {
    fn sanitize(&mut self) {
        match self {
            FloorAlert::VipWaiting {
                queue,
                call_id,
                caller,
                ..
            } => {
                queue.sanitize();
                call_id.sanitize();
                caller.sanitize();
            }
            FloorAlert::ServiceLevel { queue, .. } => queue.sanitize(),
            FloorAlert::LongWrapUp { agent, .. } => agent.sanitize(),
        }
    }
}

impl Sanitize for FloorFigures {
    fn sanitize(&mut self) {
        for queue in &mut self.queues {
            queue.name.sanitize();
            queue.label.sanitize();
        }
        self.agents.sanitize();
        self.alerts.sanitize();
        for call in &mut self.waiting {
            call.call_id.sanitize();
            call.queue.sanitize();
            call.queue_label.sanitize();
            call.caller.sanitize();
            call.facts.sanitize();
        }
    }
}

impl Sanitize for FloorSnapshot {
    fn sanitize(&mut self) {
        self.floor.sanitize();
        self.figures.sanitize();
    }
}

impl Sanitize for MyState {
    fn sanitize(&mut self) {
        self.reason.sanitize();
        self.break_reasons.sanitize();
    }
}

impl Sanitize for StateAnswer {
    fn sanitize(&mut self) {
        self.agent.sanitize();
        self.reason.sanitize();
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::{
        CentreTime,
        floor::{AgentState, FloorChange, FloorSettings},
    };

    #[test]
    fn a_hostile_floor_is_cleaned_and_still_joins_its_changes() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 25, 2, 0, 0)
            .single()
            .expect("a time");
        let call = "c\u{1b}[2J1";
        let agent = "ann\u{202e}";
        let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), at);
        for change in [
            FloorChange::CallQueued {
                call_id: call.into(),
                queue: "q\u{1b}]0;x\u{7}".into(),
                vip: false,
                caller: Some("王\u{200f}伟".into()),
                tier: None,
                facts: Some(crate::domain::floor::CallerFacts {
                    number: Some("+86\u{1b}[2J138".into()),
                    matches: 1,
                    ..Default::default()
                }),
                at,
            },
            FloorChange::CallAnswered {
                call_id: call.into(),
                agent: agent.into(),
                at,
            },
        ] {
            floor.apply(&change);
            if let FloorChange::CallQueued { .. } = change {
                let mut figures = floor.figures(at);
                figures.sanitize();
                let waiting = &figures.waiting[0];
                assert_eq!(
                    (waiting.who().as_str(), waiting.number()),
                    ("王伟", "no number"),
                    "the waiting list's caller cleaned, the number dropped"
                );
            }
        }
        floor.sanitize();
        assert!(floor.calls.contains_key("c1"), "{:?}", floor.calls);
        assert_eq!(
            floor.calls["c1"].facts.as_ref().map(|f| f.number.clone()),
            Some(None),
            "a number with an escape in it is dropped, not cleaned into another"
        );
        assert!(floor.queues.contains_key("q"), "{:?}", floor.queues);
        let row = floor.agents.get("ann").expect("the agent, keyed clean");
        assert_eq!(
            (row.state, row.caller.as_deref()),
            (AgentState::OnCall, Some("王伟"))
        );
        // The same change, cleaned as the event stream cleans it, finds them.
        let mut ended = FloorChange::CallEnded {
            call_id: call.into(),
            at,
        };
        ended.sanitize();
        floor.apply(&ended);
        assert_eq!(
            floor.agents.get("ann").map(|r| r.state),
            Some(AgentState::WrapUp)
        );
    }
}
