//! End to end in a pseudo-terminal: a complaint about a delayed flight
//! logged with the keyboard alone, its proposed recovery accepted, and the
//! complaint among the traveller's open complaints with that recovery.

mod common;

use common::process::{InPty, SeededServer, screen, seeded_server, wait_for};

use std::time::Duration;

use skydesk::client::ApiClient;
use skydesk::domain::{CallEvent, CallEventKind, work::RecoveryPolicy};

const SECRET: &str = "s3cret";

#[test]
fn a_delayed_flight_complaint_gets_its_recovery_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let anonymous = ApiClient::new(&base, "").expect("client");
    let client = ApiClient::new(&base, &token).expect("client");

    // A seeded traveller with a flight the policy gives recovery for.
    let today = chrono::Utc::now().date_naive();
    let policy = RecoveryPolicy::default();
    let (traveller, position, flight_id) = (1..=20)
        .find_map(|n| {
            let t = skydesk::store::seed::traveller(n, today);
            let flights = rt.block_on(client.flight_refs(t.id)).ok()?.flights;
            let at = flights
                .iter()
                .position(|f| policy.propose(&f.flight, t.tier).is_some())?;
            Some((t, at, flights[at].id))
        })
        .expect("a seeded traveller with a disrupted flight");

    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        100,
    );
    let parser = std::sync::Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "pty-complaint".into(),
        from: traveller.phones[0].e164.to_string(),
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(anonymous.post_call_event(SECRET, &event))
        .expect("post ringing event");
    wait_for(&parser, &["RINGING"], "ringing");
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["on call"], "answered");

    term.send(b"C");
    wait_for(
        &parser,
        &["New complaint", "of 11"],
        "the form with its choices",
    );
    term.send(b"delay\t");
    // The flight: ↓ once past "none", then to the disrupted one.
    for _ in 0..=position {
        term.send(b"\x1b[B");
    }
    term.send(b"\t\t\t");
    term.send("航班延误，没有通知".as_bytes());
    term.send(b"\t");
    term.send(b"compensation");
    wait_for(&parser, &["compensation", "航班延误，没有通知"], "typed");
    term.send(b"\x13");
    wait_for(
        &parser,
        &["Proposed service recovery"],
        "the recovery offered",
    );
    term.send(b"\x13");
    wait_for(&parser, &["recovery recorded"], "given");

    // The seed may have given the traveller complaints of their own.
    let complaints = rt
        .block_on(client.complaints(traveller.id, None))
        .expect("complaints")
        .complaints;
    let ours: Vec<_> = complaints
        .iter()
        .filter(|c| c.category == "delay")
        .collect();
    assert_eq!(ours.len(), 1, "logged once; screen:\n{}", screen(&parser));
    let logged = ours[0];
    assert_eq!(logged.flight_id, Some(flight_id));
    assert_eq!(logged.description, "航班延误，没有通知");
    assert_eq!(
        logged.recovery,
        logged.proposed_recovery.clone().map(|p| p.recovery),
        "the proposal, accepted"
    );
    assert!(logged.recovery.is_some());
    term.send(b"\x03");
}
