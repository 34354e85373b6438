use super::*;
use crate::telephony::ami::{AgentDirectory, frame::Frame};

/// alice at `PJSIP/1001`, an unpaused member of `baggage` and `general`.
fn tracker() -> MemberTracker {
    let mut t = MemberTracker::new(AgentDirectory::new([(
        "PJSIP/1001".to_string(),
        "alice".to_string(),
    )]));
    for queue in ["baggage", "general"] {
        t.on_frame(&member("QueueMemberAdded", queue, &[]));
    }
    t
}

/// A queue-member event for alice's phone in `queue`.
fn member(event: &str, queue: &str, extra: &[(&str, &str)]) -> Frame {
    let fields = vec![
        ("Event", event),
        ("Queue", queue),
        ("Interface", "PJSIP/1001"),
        ("Status", "1"),
        ("Paused", "0"),
        ("PausedReason", ""),
    ];
    Frame::changed(fields, extra)
}

fn choice(state: AgentState, reason: Option<&str>) -> Choice {
    Choice {
        agent: "alice".to_string(),
        state,
        reason: reason.map(str::to_string),
    }
}

/// Each action's name and, for the queue actions, its queue.
fn named(actions: &[PbxAction]) -> Vec<String> {
    actions
        .iter()
        .map(|fields| {
            fields
                .iter()
                .filter(|(k, _)| matches!(*k, "Action" | "Queue" | "Paused" | "Reason"))
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn a_break_pauses_every_queue_and_its_echo_without_a_reason_keeps_the_break_chosen() {
    let mut t = tracker();
    let actions = t.on_choice(&choice(AgentState::OnBreak, Some("Lunch")));
    assert_eq!(named(&actions), ["QueuePause true Lunch"]);
    assert_eq!(actions[0][1], ("Interface", "PJSIP/1001".to_string()));
    let echoed = t.on_frame(&member("QueueMemberPause", "baggage", &[("Paused", "1")]));
    assert!(echoed.is_empty(), "{echoed:?}");
    // The phone rings and stops, as the PBX reports without a reason.
    let status = t.on_frame(&member("QueueMemberStatus", "baggage", &[("Paused", "1")]));
    assert!(status.is_empty(), "{status:?}");
    let back = t.on_choice(&choice(AgentState::Available, None));
    assert_eq!(named(&back), ["QueuePause false"]);
}

#[test]
fn echoes_of_a_sign_out_arriving_after_the_sign_in_leave_the_agent_available() {
    let mut t = tracker();
    let out = t.on_choice(&choice(AgentState::SignedOut, None));
    assert_eq!(named(&out), ["QueueRemove baggage", "QueueRemove general"]);
    let back = t.on_choice(&choice(AgentState::Available, None));
    assert_eq!(named(&back), ["QueueAdd baggage", "QueueAdd general"]);
    for queue in ["baggage", "general"] {
        assert!(
            t.on_frame(&member("QueueMemberRemoved", queue, &[]))
                .is_empty()
        );
    }
    for queue in ["baggage", "general"] {
        assert!(
            t.on_frame(&member("QueueMemberAdded", queue, &[]))
                .is_empty()
        );
    }
    // The PBX itself removing her afterwards is news.
    t.on_frame(&member("QueueMemberRemoved", "baggage", &[]));
    let gone = t.on_frame(&member("QueueMemberRemoved", "general", &[]));
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].state, AgentState::SignedOut);
}

#[test]
fn a_break_from_the_signed_out_state_adds_then_pauses() {
    let mut t = tracker();
    t.on_choice(&choice(AgentState::SignedOut, None));
    let actions = t.on_choice(&choice(AgentState::OnBreak, Some("Training")));
    assert_eq!(
        named(&actions),
        [
            "QueueAdd baggage",
            "QueueAdd general",
            "QueuePause true Training"
        ]
    );
}

#[test]
fn the_pbxs_own_report_coming_back_from_the_floor_is_not_told_back() {
    let mut t = tracker();
    for queue in ["baggage", "general"] {
        t.on_frame(&member(
            "QueueMemberPause",
            queue,
            &[("Paused", "1"), ("PausedReason", "Coaching")],
        ));
    }
    assert!(
        t.on_choice(&choice(AgentState::OnBreak, Some("Coaching")))
            .is_empty()
    );
    // Nor a state of a call's, nor an agent the PBX never listed.
    assert!(t.on_choice(&choice(AgentState::OnCall, None)).is_empty());
    let stranger = Choice {
        agent: "bo".to_string(),
        ..choice(AgentState::SignedOut, None)
    };
    assert!(t.on_choice(&stranger).is_empty());
}

#[test]
fn once_the_pbx_refused_an_action_a_pause_like_its_echo_is_the_pbxs_own() {
    let mut t = tracker();
    t.on_choice(&choice(AgentState::OnBreak, Some("Lunch")));
    t.forget_awaited_echoes();
    let coaching = [("Paused", "1"), ("PausedReason", "Coaching")];
    let mut paused = t.on_frame(&member("QueueMemberPause", "baggage", &coaching));
    paused.extend(t.on_frame(&member("QueueMemberPause", "general", &coaching)));
    assert_eq!(paused.len(), 1, "{paused:?}");
    assert_eq!(paused[0].reason.as_deref(), Some("Coaching"));
}
