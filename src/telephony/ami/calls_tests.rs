use super::*;

fn frame(fields: &[(&str, &str)]) -> Frame {
    Frame::new(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn tracker() -> CallTracker {
    CallTracker::new(AgentDirectory::new([(
        "PJSIP/1001".to_string(),
        "alice".to_string(),
    )]))
}

fn caller(event: &str, extra: &[(&str, &str)]) -> Frame {
    let mut fields = vec![
        ("Event", event),
        ("Channel", "PJSIP/trunk-00000001"),
        ("CallerIDNum", "+8613800138000"),
        ("Exten", "4008100999"),
        ("Uniqueid", "1700000000.1"),
        ("Linkedid", "1700000000.1"),
    ];
    fields.extend_from_slice(extra);
    frame(&fields)
}

fn kinds(events: &[CallEvent]) -> Vec<CallEventKind> {
    events.iter().map(|e| e.event).collect()
}

#[test]
fn a_queued_call_rings_the_mapped_agent_then_is_answered_and_completed() {
    let mut t = tracker();
    assert!(t.on_frame(&caller("Newchannel", &[])).is_empty());
    let queued = t.on_frame(&caller(
        "QueueCallerJoin",
        &[("Queue", "vip"), ("Position", "1"), ("Count", "1")],
    ));
    assert_eq!(kinds(&queued), [CallEventKind::Queued]);
    assert_eq!(queued[0].queue.as_deref(), Some("vip"));
    assert_eq!(queued[0].agent, None);
    assert_eq!(queued[0].from, "+8613800138000");
    // Leaving the queue (it comes before every answer) says nothing yet.
    assert!(
        t.on_frame(&caller("QueueCallerLeave", &[("Queue", "vip")]))
            .is_empty()
    );
    let rung = t.on_frame(&caller(
        "AgentCalled",
        &[
            ("Queue", "vip"),
            ("Interface", "pjsip/1001"),
            ("MemberName", "Alice"),
        ],
    ));
    assert_eq!(kinds(&rung), [CallEventKind::Ringing]);
    let ringing = &rung[0];
    assert_eq!(ringing.call_id, "ami-1700000000.1");
    assert_eq!(ringing.from, "+8613800138000");
    assert_eq!(ringing.to, "4008100999");
    assert_eq!(ringing.queue.as_deref(), Some("vip"));
    assert_eq!(ringing.agent.as_deref(), Some("alice"));
    let answered = t.on_frame(&caller(
        "AgentConnect",
        &[
            ("Queue", "vip"),
            ("Interface", "PJSIP/1001"),
            ("HoldTime", "12"),
        ],
    ));
    assert_eq!(kinds(&answered), [CallEventKind::Answered]);
    let done = t.on_frame(&caller(
        "AgentComplete",
        &[
            ("Interface", "PJSIP/1001"),
            ("TalkTime", "95"),
            ("Reason", "caller"),
        ],
    ));
    assert_eq!(kinds(&done), [CallEventKind::Hangup]);
    // The caller's channel hanging up afterwards changes nothing.
    assert!(t.on_frame(&caller("Hangup", &[])).is_empty());
    assert_eq!(t.tracked(), 0);
}

#[test]
fn a_second_agent_rung_after_no_answer_rings_nothing_new() {
    let mut t = tracker();
    t.on_frame(&caller("AgentCalled", &[("Interface", "PJSIP/1001")]));
    assert!(
        t.on_frame(&caller("AgentCalled", &[("Interface", "PJSIP/1002")]))
            .is_empty()
    );
}

#[test]
fn an_unmapped_interface_rings_every_agent() {
    let mut t = tracker();
    let rung = t.on_frame(&caller("AgentCalled", &[("Interface", "SIP/9999")]));
    assert_eq!(rung.len(), 1);
    assert_eq!(rung[0].agent, None);
}

#[test]
fn abandons_end_queued_and_rung_calls_and_calls_in_no_queue_reach_nobody() {
    let mut t = tracker();
    t.on_frame(&caller("QueueCallerJoin", &[("Queue", "general")]));
    assert_eq!(
        kinds(&t.on_frame(&caller("QueueCallerAbandon", &[("HoldTime", "40")]))),
        [CallEventKind::Abandoned]
    );
    // A caller who hangs up in the dialplan, before any queue.
    t.on_frame(&caller("Newchannel", &[]));
    assert!(t.on_frame(&caller("Hangup", &[])).is_empty());
    t.on_frame(&caller("AgentCalled", &[("Interface", "PJSIP/1001")]));
    assert_eq!(
        kinds(&t.on_frame(&caller("QueueCallerAbandon", &[]))),
        [CallEventKind::Abandoned]
    );
    assert_eq!(t.tracked(), 0);
}

#[test]
fn an_agent_channel_hanging_up_does_not_end_the_call() {
    let mut t = tracker();
    t.on_frame(&caller("AgentCalled", &[("Interface", "PJSIP/1001")]));
    let agent_leg = frame(&[
        ("Event", "Hangup"),
        ("Channel", "PJSIP/1001-00000002"),
        ("Uniqueid", "1700000000.2"),
        ("Linkedid", "1700000000.1"),
    ]);
    assert!(t.on_frame(&agent_leg).is_empty());
    assert_eq!(
        kinds(&t.on_frame(&caller("Hangup", &[]))),
        [CallEventKind::Abandoned]
    );
}

#[test]
fn an_answer_we_never_saw_ring_rings_first() {
    let mut t = tracker();
    let events = t.on_frame(&caller("AgentConnect", &[("Interface", "PJSIP/1001")]));
    assert_eq!(
        kinds(&events),
        [CallEventKind::Ringing, CallEventKind::Answered]
    );
}

#[test]
fn a_queued_call_answered_without_a_ring_rings_at_whoever_took_it() {
    let mut t = tracker();
    t.on_frame(&caller("QueueCallerJoin", &[("Queue", "general")]));
    let events = t.on_frame(&caller("AgentConnect", &[("Interface", "PJSIP/1001")]));
    assert_eq!(
        kinds(&events),
        [CallEventKind::Ringing, CallEventKind::Answered]
    );
    assert_eq!(events[0].agent.as_deref(), Some("alice"));
    // Joining another queue later changes nothing.
    assert!(
        t.on_frame(&caller("QueueCallerJoin", &[("Queue", "vip")]))
            .is_empty()
    );
}

#[test]
fn a_resync_ends_the_calls_the_pbx_no_longer_has() {
    let mut t = tracker();
    t.on_frame(&caller("AgentConnect", &[("Interface", "PJSIP/1001")]));
    let other = |event: &str, extra: &[(&str, &str)]| {
        let mut fields = vec![
            ("Event", event),
            ("CallerIDNum", "+447911123456"),
            ("Uniqueid", "1700000000.9"),
            ("Linkedid", "1700000000.9"),
        ];
        fields.extend_from_slice(extra);
        frame(&fields)
    };
    t.on_frame(&other("AgentCalled", &[("Interface", "PJSIP/1001")]));
    t.begin_resync();
    t.on_frame(&other("CoreShowChannel", &[]));
    let ended = t.end_resync();
    assert_eq!(kinds(&ended), [CallEventKind::Hangup]);
    assert_eq!(ended[0].call_id, "ami-1700000000.1");
    assert_eq!(t.tracked(), 1);
    // A restart: nothing listed, everything ends.
    t.begin_resync();
    assert_eq!(kinds(&t.end_resync()), [CallEventKind::Abandoned]);
    assert_eq!(t.tracked(), 0);
}

#[test]
fn frames_without_ids_or_unknown_events_change_nothing() {
    let mut t = tracker();
    assert!(t.on_frame(&frame(&[("Event", "AgentCalled")])).is_empty());
    assert!(t.on_frame(&frame(&[("Response", "Success")])).is_empty());
    assert!(
        t.on_frame(&caller("VarSet", &[("Variable", "x")]))
            .is_empty()
    );
    assert_eq!(t.tracked(), 0);
}

#[test]
fn event_timestamps_are_read_when_the_pbx_sends_them() {
    let at = timestamp(&frame(&[("Timestamp", "1700000000.250000")]));
    assert_eq!(at.map(|t| t.timestamp_millis()), Some(1_700_000_000_250));
    assert_eq!(timestamp(&frame(&[("Timestamp", "soon")])), None);
    assert_eq!(timestamp(&frame(&[])), None);
}
