use super::*;

fn tracker() -> MemberTracker {
    MemberTracker::new(AgentDirectory::new([
        ("PJSIP/1001".to_string(), "alice".to_string()),
        ("PJSIP/1002".to_string(), "bo".to_string()),
    ]))
}

/// A queue-member event for `interface` in `queue`.
fn member(event: &str, interface: &str, queue: &str, extra: &[(&str, &str)]) -> Frame {
    let key = if event == "QueueMember" {
        "Location"
    } else {
        "Interface"
    };
    let fields = vec![
        ("Event", event),
        ("Queue", queue),
        ("MemberName", "Alice"),
        (key, interface),
        ("StateInterface", interface),
        ("Membership", "dynamic"),
        ("Status", "1"),
        ("Paused", "0"),
        ("PausedReason", ""),
    ];
    Frame::changed(fields, extra)
}

fn states(reports: &[AgentStateReport]) -> Vec<(&str, AgentState, Option<&str>)> {
    reports
        .iter()
        .map(|r| (r.agent.as_str(), r.state, r.reason.as_deref()))
        .collect()
}

#[test]
fn a_pause_with_a_reason_is_a_break_and_unpausing_ends_it() {
    let mut t = tracker();
    let paused = t.on_frame(&member(
        "QueueMemberPause",
        "PJSIP/1001",
        "general",
        &[
            ("Paused", "1"),
            ("PausedReason", "Lunch"),
            ("Timestamp", "1700000000.5"),
        ],
    ));
    assert_eq!(
        states(&paused),
        [("alice", AgentState::OnBreak, Some("Lunch"))]
    );
    assert_eq!(paused[0].at.map(|t| t.timestamp()), Some(1_700_000_000));
    let back = t.on_frame(&member("QueueMemberPause", "pjsip/1001", "general", &[]));
    assert_eq!(states(&back), [("alice", AgentState::Available, None)]);
}

#[test]
fn an_agent_in_two_queues_is_on_a_break_only_when_paused_in_both() {
    let mut t = tracker();
    t.on_frame(&member("QueueMemberAdded", "PJSIP/1001", "general", &[]));
    t.on_frame(&member("QueueMemberAdded", "PJSIP/1001", "vip", &[]));
    let one = t.on_frame(&member(
        "QueueMemberPause",
        "PJSIP/1001",
        "general",
        &[("Paused", "1"), ("PausedReason", "Coaching")],
    ));
    assert!(one.is_empty(), "still taking VIP calls: {one:?}");
    let both = t.on_frame(&member(
        "QueueMemberPause",
        "PJSIP/1001",
        "vip",
        &[("Paused", "1"), ("PausedReason", "Coaching")],
    ));
    assert_eq!(
        states(&both),
        [("alice", AgentState::OnBreak, Some("Coaching"))]
    );
}

#[test]
fn a_phone_gone_signs_the_agent_out_and_ringing_says_nothing_new() {
    let mut t = tracker();
    assert_eq!(
        states(&t.on_frame(&member("QueueMemberStatus", "PJSIP/1002", "general", &[]))),
        [("bo", AgentState::Available, None)]
    );
    // Ringing (6), in use (2), free again (1): still available, not said.
    for status in ["6", "2", "1"] {
        assert!(
            t.on_frame(&member(
                "QueueMemberStatus",
                "PJSIP/1002",
                "general",
                &[("Status", status), ("InCall", "1")]
            ))
            .is_empty()
        );
    }
    for gone in ["5", "4"] {
        assert_eq!(
            states(&t.on_frame(&member(
                "QueueMemberStatus",
                "PJSIP/1002",
                "general",
                &[("Status", gone)]
            ))),
            [("bo", AgentState::SignedOut, None)]
        );
        t.on_frame(&member("QueueMemberStatus", "PJSIP/1002", "general", &[]));
    }
    // Unknown (0) is how devices that report no state look: still there.
    assert!(
        t.on_frame(&member(
            "QueueMemberStatus",
            "PJSIP/1002",
            "general",
            &[("Status", "0")]
        ))
        .is_empty()
    );
    let removed = t.on_frame(&member("QueueMemberRemoved", "PJSIP/1002", "general", &[]));
    assert_eq!(states(&removed), [("bo", AgentState::SignedOut, None)]);
}

#[test]
fn unmapped_interfaces_and_other_frames_report_nothing() {
    let mut t = tracker();
    assert!(
        t.on_frame(&member(
            "QueueMemberPause",
            "SIP/9999",
            "general",
            &[("Paused", "1")]
        ))
        .is_empty()
    );
    let no_queue = Frame::new(
        [("Event", "QueueMemberPause"), ("Interface", "PJSIP/1001")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    assert!(t.on_frame(&no_queue).is_empty());
    assert!(t.on_frame(&Frame::default()).is_empty());
    assert!(
        t.on_frame(&member("AgentCalled", "PJSIP/1001", "general", &[]))
            .is_empty()
    );
    let long = "x".repeat(300);
    let paused = t.on_frame(&member(
        "QueueMemberPause",
        "PJSIP/1001",
        "general",
        &[("Paused", "1"), ("PausedReason", &long)],
    ));
    assert_eq!(
        paused[0].reason.as_ref().map(|r| r.chars().count()),
        Some(128)
    );
    assert_eq!(paused[0].validate(), Ok(()));
}

#[test]
fn a_resync_reads_the_listing_whole_and_drops_members_the_pbx_lost() {
    let mut t = tracker();
    t.on_frame(&member("QueueMemberAdded", "PJSIP/1001", "general", &[]));
    t.on_frame(&member("QueueMemberAdded", "PJSIP/1002", "general", &[]));
    // The PBX restarts: alice is listed paused in both her queues, bo is
    // in none any more.
    t.begin_resync();
    let first = member(
        "QueueMember",
        "PJSIP/1001",
        "general",
        &[("Paused", "1"), ("PausedReason", "Training")],
    );
    assert!(t.on_frame(&first).is_empty(), "said only once listed whole");
    t.on_frame(&member(
        "QueueMember",
        "PJSIP/1001",
        "vip",
        &[("Paused", "1"), ("PausedReason", "Training")],
    ));
    assert_eq!(
        states(&t.end_resync()),
        [
            ("alice", AgentState::OnBreak, Some("Training")),
            ("bo", AgentState::SignedOut, None),
        ]
    );
    // Listed the same again: nothing to say.
    t.begin_resync();
    t.on_frame(&first);
    t.on_frame(&member(
        "QueueMember",
        "PJSIP/1001",
        "vip",
        &[("Paused", "1"), ("PausedReason", "Training")],
    ));
    assert!(t.end_resync().is_empty());
    // A listing that failed leaves everything as it was.
    t.begin_resync();
    t.cancel_resync();
    assert!(t.end_resync().is_empty());
    assert!(
        t.on_frame(&member(
            "QueueMemberPause",
            "PJSIP/1001",
            "general",
            &[("Paused", "1"), ("PausedReason", "Training")]
        ))
        .is_empty()
    );
}

#[test]
fn live_events_during_a_listing_are_told_at_once() {
    let mut t = tracker();
    t.begin_resync();
    let paused = t.on_frame(&member(
        "QueueMemberPause",
        "PJSIP/1001",
        "general",
        &[("Paused", "1"), ("PausedReason", "Meeting")],
    ));
    assert_eq!(
        states(&paused),
        [("alice", AgentState::OnBreak, Some("Meeting"))]
    );
    // Heard live, the membership counts as listed.
    assert!(t.end_resync().is_empty());
}
