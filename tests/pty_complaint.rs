//! End to end in a pseudo-terminal: a complaint about a delayed flight
//! logged with the keyboard alone, its proposed recovery accepted, the
//! complaint among the traveller's open complaints on screen, then worked
//! from the same console: moved to in progress with an update (hostile
//! text in it stored safely), resolved with its resolution, every change
//! in its events on the server and the open complaints following.

mod common;

use common::process::{accept_ringing_call, screen, seeded_server, wait_for};

use skydesk::client::ApiClient;
use skydesk::domain::casework::{RecoveryHolder, RecoveryPolicy};

const SECRET: &str = "s3cret";

#[test]
fn a_delayed_flight_complaint_is_logged_given_its_recovery_and_worked_to_resolved_by_keyboard() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let seeded = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&seeded.base, &seeded.token).expect("client");

    // A seeded traveller with a flight the policy gives recovery for.
    let today = chrono::Utc::now().date_naive();
    let policy = RecoveryPolicy::default();
    let (traveller, wanted, flight_id) = (1..=20)
        .find_map(|n| {
            let t = skydesk::store::seed::traveller(n, today);
            let flights = rt.block_on(client.flight_refs(t.id)).ok()?.flights;
            let at = flights.iter().position(|f| {
                policy
                    .propose(f, &RecoveryHolder::of_tier(t.tier))
                    .is_some()
            })?;
            Some((t, flights[at].clone(), flights[at].id))
        })
        .expect("a seeded traveller with a disrupted flight");

    let mut term = seeded.console(tmp, 30, 100);
    let parser = std::sync::Arc::clone(&term.parser);
    seeded.ring(SECRET, "pty-complaint", &traveller.phones[0].e164);
    accept_ringing_call(&mut term);

    term.send(b"C");
    wait_for(
        &parser,
        &["New complaint", "of 11"],
        "the form with its choices",
    );
    term.send(b"delay\t");
    // The flight, found by typing its date and number.
    term.send(format!("{} {}", wanted.date.format("%Y-%m-%d"), wanted.flight_no).as_bytes());
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
    let id = logged.id;

    // The profile on screen was read again: the complaint is among its
    // open complaints.
    let open_now = |rt: &tokio::runtime::Runtime| {
        let profile = rt
            .block_on(client.traveller(traveller.id))
            .expect("profile");
        match profile.open_complaints.len() {
            0 => "Open complaints · none".to_string(),
            n => format!("Open complaints · {n}"),
        }
    };
    let with_ours = open_now(&rt);
    wait_for(
        &parser,
        &[&with_ours, "delay            0d   open"],
        "the new complaint among the open ones",
    );

    // Worked from the same console: picked from the list (newest first).
    term.send(b"O");
    // "enter work it" is the list's own: the card may show "▸" too.
    wait_for(
        &parser,
        &["Open complaints ·", "▸", "enter work it"],
        "the list",
    );
    term.send(b"\r");
    let title = format!("Complaint {id} · delay");
    wait_for(
        &parser,
        &[&title, "Trail · 2", "recovery given"],
        "its trail",
    );
    // open → in progress, and an update with hostile text in it.
    term.send(b"\x1b[B");
    wait_for(&parser, &["◂ in progress ▸"], "the move picked");
    term.send(b"\t");
    term.send(
        "rang the station \x1b]52;c;aGk=\x07\x1b[2J\u{202e}card 4111 1111 1111 1111".as_bytes(),
    );
    wait_for(&parser, &["card 4111 1111 1111 1111"], "the update typed");
    term.send(b"\x13");
    let moved = format!("complaint {id} is now in progress");
    wait_for(&parser, &[&moved, "Trail · 4"], "in progress");
    // in progress → waiting for customer → resolved, with the resolution.
    term.send(b"\x1b[B\x1b[B");
    wait_for(&parser, &["◂ resolved ▸", "Resolution"], "resolving");
    term.send(b"\t\t");
    term.send("行李费已退 refunded the bag fee".as_bytes());
    wait_for(&parser, &["refunded the bag fee"], "the resolution typed");
    term.send(b"\x13");
    let resolved = format!("complaint {id} is now resolved");
    wait_for(&parser, &[&resolved, "Trail · 6"], "resolved");

    let read = rt.block_on(client.complaint(id)).expect("the complaint");
    assert_eq!(read.status, skydesk::domain::ComplaintStatus::Resolved);
    assert_eq!(
        read.resolution.as_deref(),
        Some("行李费已退 refunded the bag fee")
    );
    let kinds: Vec<&str> = read.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "opened",
            "recovery",
            "update",
            "status",
            "resolution",
            "status"
        ],
        "every change kept, in order"
    );
    assert!(
        read.events.iter().all(|e| !e.actor.is_empty()),
        "who, for each: {:?}",
        read.events
    );
    assert!(read.events.windows(2).all(|w| w[0].at <= w[1].at), "when");
    let update = &read.events[2].text;
    assert!(
        update.starts_with("rang the station")
            && update.ends_with("card **** **** **** 1111")
            && !update.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "stored safely: {update:?}"
    );
    assert_eq!(read.events[5].text, "in progress → resolved");

    // Back on the call, the resolved complaint has left the open ones.
    term.send(b"\x1b");
    let row = format!("▸ {id}");
    wait_for(&parser, &[&row, "resolved"], "back to the list");
    term.send(b"\x1b");
    let without = open_now(&rt);
    assert_ne!(without, with_ours);
    wait_for(&parser, &[&without], "the open complaints refreshed");
    let text = screen(&parser);
    assert!(
        !text.contains("delay            0d   open"),
        "resolved, no longer open:\n{text}"
    );
    term.send(b"\x03");
}
