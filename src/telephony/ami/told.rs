//! What the PBX is told when an agent chooses a state in skydesk: a break
//! pauses their queue memberships with the break as the reason, being
//! available again unpauses them, signing out removes them from every
//! queue, and signing in adds them back. Pure: a choice in, actions out;
//! the tracker takes the actions as done, and drops their echoes.

use super::{
    choices::Choice,
    members::{Echo, Member, MemberTracker, Membership},
};
use crate::domain::floor::{AgentState, AgentStateReport};

/// One manager action's fields, without its `ActionID`.
pub type PbxAction = Vec<(&'static str, String)>;

impl MemberTracker {
    /// The actions that bring the PBX to the agent's choice, for each
    /// interface of theirs the PBX has listed. Nothing when the PBX is
    /// there already: the choice may be skydesk's record of its report.
    pub fn on_choice(&mut self, choice: &Choice) -> Vec<PbxAction> {
        if !matches!(
            choice.state,
            AgentState::Available | AgentState::OnBreak | AgentState::SignedOut
        ) {
            return Vec::new();
        }
        let mut interfaces: Vec<&String> = self
            .members
            .iter()
            .filter(|(_, m)| m.user == choice.agent)
            .map(|(key, _)| key)
            .collect();
        interfaces.sort();
        let interfaces: Vec<String> = interfaces.into_iter().cloned().collect();
        let mut actions = Vec::new();
        for key in interfaces {
            if let Some(member) = self.members.get_mut(&key) {
                actions.extend(tell(member, choice));
            }
        }
        actions
    }
}

fn tell(member: &mut Member, choice: &Choice) -> Vec<PbxAction> {
    let wanted = (choice.state, choice.reason.clone());
    if member
        .reported
        .as_ref()
        .is_some_and(|reported| as_floor_shows(&member.user, reported) == wanted)
    {
        return Vec::new();
    }
    let actions = actions_for(member, choice);
    // As the PBX will have it: its echoes then change nothing.
    member.reported = Some(member.state());
    actions
}

fn actions_for(member: &mut Member, choice: &Choice) -> Vec<PbxAction> {
    let interface = member.interface.clone();
    let mut actions = Vec::new();
    if choice.state == AgentState::SignedOut {
        for queue in std::mem::take(&mut member.queues).into_keys() {
            actions.push(vec![
                ("Action", "QueueRemove".to_string()),
                ("Queue", queue.clone()),
                ("Interface", interface.clone()),
            ]);
            member.awaited.insert((queue.clone(), Echo::Removed));
            member.signed_out_of.insert(queue);
        }
        return actions;
    }
    for queue in std::mem::take(&mut member.signed_out_of) {
        actions.push(vec![
            ("Action", "QueueAdd".to_string()),
            ("Queue", queue.clone()),
            ("Interface", interface.clone()),
        ]);
        member.awaited.insert((queue.clone(), Echo::Added));
        member.queues.insert(queue, Membership::default());
    }
    let paused = choice.state == AgentState::OnBreak;
    let reason = choice.reason.clone().filter(|_| paused);
    let settled = member
        .queues
        .values()
        .all(|m| m.paused == paused && (!paused || m.reason == reason));
    if member.queues.is_empty() || settled {
        return actions;
    }
    // No `Queue`: the interface pauses in every queue it is in.
    let mut pause = vec![
        ("Action", "QueuePause".to_string()),
        ("Interface", interface),
        ("Paused", paused.to_string()),
    ];
    if let Some(reason) = &reason {
        pause.push(("Reason", reason.clone()));
    }
    actions.push(pause);
    for (queue, membership) in &mut member.queues {
        membership.paused = paused;
        membership.reason = reason.clone();
        member.awaited.insert((queue.clone(), Echo::Paused(paused)));
    }
    actions
}

/// A state the tracker reported, as the floor records it (the reason
/// cleaned and cut): how it comes back on the bus.
fn as_floor_shows(
    agent: &str,
    (state, reason): &(AgentState, Option<String>),
) -> (AgentState, Option<String>) {
    let report = AgentStateReport {
        agent: agent.to_string(),
        state: *state,
        reason: reason.clone(),
        at: None,
    };
    (*state, report.shown_reason())
}

#[cfg(test)]
#[path = "told_tests.rs"]
mod tests;
