//! Agents as Asterisk's queues see them: a member paused (with a reason),
//! unpaused, or whose phone is unavailable, said in skydesk's words:
//! `on_break`, `available`, `signed_out`. Pure: frames in, reports out.
//!
//! A user answers at one interface, which may be a member of several
//! queues, each with its own pause and device status; the user's state is
//! read from all of them together, and reported only when it changes:
//! Asterisk sends `QueueMemberStatus` on every ring and hang-up, which
//! says nothing new about whether the agent is there.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{calls::timestamp, frame::Frame};
use crate::domain::floor::{AgentState, AgentStateReport};
use crate::telephony::ami::AgentDirectory;

/// `AST_DEVICE_INVALID` and `AST_DEVICE_UNAVAILABLE` (Asterisk's device
/// states, as `Status` gives them): the phone is not there.
const DEVICE_GONE: [u8; 2] = [4, 5];

/// One queue membership of an interface.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Membership {
    pub(super) paused: bool,
    pub(super) reason: Option<String>,
    /// The device state; 0 (unknown) when not given.
    pub(super) status: u8,
}

/// An event the PBX sends back for an action skydesk sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Echo {
    Paused(bool),
    Added,
    Removed,
}

#[derive(Debug, Default)]
pub(super) struct Member {
    pub(super) user: String,
    /// As the PBX writes it, for the actions skydesk sends.
    pub(super) interface: String,
    pub(super) queues: BTreeMap<String, Membership>,
    /// What skydesk was last told, or told the PBX.
    pub(super) reported: Option<(AgentState, Option<String>)>,
    /// The echoes of skydesk's own actions still to come, by queue: they
    /// say what skydesk already knows, and must not change the state the
    /// agent chose (a pause echoed without its reason is still "Lunch").
    pub(super) awaited: HashSet<(String, Echo)>,
    /// The queues skydesk signed the agent out of, to add them back to.
    pub(super) signed_out_of: BTreeSet<String>,
}

impl Member {
    /// The user's state from every queue they are in: signed out when in
    /// none or their phone is gone; on a break when paused in every queue
    /// (with a reason one of them gives); else available.
    pub(super) fn state(&self) -> (AgentState, Option<String>) {
        let present: Vec<&Membership> = self
            .queues
            .values()
            .filter(|m| !DEVICE_GONE.contains(&m.status))
            .collect();
        if present.is_empty() {
            return (AgentState::SignedOut, None);
        }
        if present.iter().all(|m| m.paused) {
            let reason = present.iter().find_map(|m| m.reason.clone());
            return (AgentState::OnBreak, reason);
        }
        (AgentState::Available, None)
    }
}

#[derive(Debug, Default)]
pub struct MemberTracker {
    agents: AgentDirectory,
    /// By interface, lower-cased (Asterisk writes it in either case).
    pub(super) members: HashMap<String, Member>,
    /// Set while the PBX lists its queue members after a (re)connection:
    /// the (interface, queue) memberships it still has.
    seen_in_resync: Option<HashSet<(String, String)>>,
}

impl MemberTracker {
    pub fn new(agents: AgentDirectory) -> Self {
        Self {
            agents,
            ..Self::default()
        }
    }

    /// The reports a frame means: only for interfaces in `[ami.agents]`.
    pub fn on_frame(&mut self, frame: &Frame) -> Vec<AgentStateReport> {
        let Some(name) = frame.event() else {
            return Vec::new();
        };
        let name = name.to_ascii_lowercase();
        let live = matches!(
            name.as_str(),
            "queuememberpause" | "queuememberstatus" | "queuememberadded" | "queuememberremoved"
        );
        // `QueueMember` answers `QueueStatus`, and names the interface
        // `Location`; the live events call it `Interface`.
        let listed = name == "queuemember";
        if !live && !listed {
            return Vec::new();
        }
        let Some(interface) = frame
            .get("Interface")
            .or_else(|| frame.get("Location"))
            .filter(|i| !i.is_empty())
        else {
            return Vec::new();
        };
        let Some(user) = self.agents.user_at(interface).map(str::to_string) else {
            return Vec::new();
        };
        let Some(queue) = frame.get("Queue").map(str::to_string) else {
            return Vec::new();
        };
        let key = interface.to_ascii_lowercase();
        if let Some(seen) = &mut self.seen_in_resync {
            seen.insert((key.clone(), queue.clone()));
        }
        let member = self.members.entry(key.clone()).or_default();
        member.user = user;
        member.interface = interface.to_string();
        let echo = match name.as_str() {
            "queuememberpause" => Some(Echo::Paused(membership(frame).paused)),
            "queuememberadded" => Some(Echo::Added),
            "queuememberremoved" => Some(Echo::Removed),
            _ => None,
        };
        if let Some(echo) = echo
            && member.awaited.remove(&(queue.clone(), echo))
        {
            // Already applied when the action went out: only the phone's
            // own status is news.
            if let Some(known) = member.queues.get_mut(&queue) {
                known.status = membership(frame).status;
            }
            return Vec::new();
        }
        if name == "queuememberremoved" {
            member.queues.remove(&queue);
        } else {
            let mut now = membership(frame);
            // Asterisk before 13 gives no reason with a member's status:
            // a pause goes on with the reason it had.
            if let Some(was) = member.queues.get(&queue)
                && now.paused
                && was.paused
                && now.reason.is_none()
            {
                now.reason = was.reason.clone();
            }
            member.signed_out_of.remove(&queue);
            member.queues.insert(queue, now);
        }
        // A listing is read whole before anything is said, so that an
        // agent half-listed is never reported half-paused.
        if listed && self.seen_in_resync.is_some() {
            return Vec::new();
        }
        self.report_if_changed(&key, frame).into_iter().collect()
    }

    /// The connection is new (the PBX may have restarted): until
    /// `end_resync`, the members the PBX lists are marked as still there.
    pub fn begin_resync(&mut self) {
        self.seen_in_resync = Some(HashSet::new());
        // Actions sent on the last connection may never have arrived.
        self.forget_awaited_echoes();
    }

    /// skydesk's actions will not all be echoed (the PBX refused one, or
    /// the connection dropped): every event from now on is the PBX's own.
    pub fn forget_awaited_echoes(&mut self) {
        for member in self.members.values_mut() {
            member.awaited.clear();
        }
    }

    /// The PBX has listed every member: memberships it no longer has are
    /// gone (a restart loses every dynamic member), and whatever changed
    /// is reported, for every agent it has ever listed.
    pub fn end_resync(&mut self) -> Vec<AgentStateReport> {
        let Some(seen) = self.seen_in_resync.take() else {
            return Vec::new();
        };
        for (interface, member) in &mut self.members {
            member
                .queues
                .retain(|queue, _| seen.contains(&(interface.clone(), queue.clone())));
        }
        let mut interfaces: Vec<String> = self.members.keys().cloned().collect();
        interfaces.sort();
        let none = Frame::default();
        interfaces
            .iter()
            .filter_map(|i| self.report_if_changed(i, &none))
            .collect()
    }

    /// The PBX could not list its members: what is known stays as it is.
    pub fn cancel_resync(&mut self) {
        self.seen_in_resync = None;
    }

    fn report_if_changed(&mut self, interface: &str, frame: &Frame) -> Option<AgentStateReport> {
        let member = self.members.get_mut(interface)?;
        let now = member.state();
        if member.reported.as_ref() == Some(&now) {
            return None;
        }
        member.reported = Some(now.clone());
        let (state, reason) = now;
        Some(AgentStateReport {
            agent: member.user.clone(),
            state,
            reason,
            at: timestamp(frame),
        })
    }
}

fn membership(frame: &Frame) -> Membership {
    Membership {
        paused: frame.get("Paused").map(str::trim) == Some("1"),
        // skydesk takes reasons of 128 characters at most.
        reason: frame
            .get("PausedReason")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| r.chars().take(128).collect()),
        status: frame
            .get("Status")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0),
    }
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;
