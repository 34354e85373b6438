//! End to end in a pseudo-terminal: a booking note written with the
//! keyboard alone reaches the server and shows in the contact history.

mod common;

use common::process::{InPty, SeededServer, screen, seeded_server, wait_for};

use std::time::Duration;

use skydesk::client::ApiClient;
use skydesk::domain::{CallEvent, CallEventKind};

const SECRET: &str = "s3cret";

#[test]
fn a_note_typed_during_a_call_is_saved_and_shows_in_the_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let anonymous = ApiClient::new(&base, "").expect("client");
    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        100,
    );
    let parser = std::sync::Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");

    let today = chrono::Utc::now().date_naive();
    let from = skydesk::store::seed::traveller(1, today).phones[0]
        .e164
        .to_string();
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "pty-note".into(),
        from,
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(anonymous.post_call_event(SECRET, &event))
        .expect("post ringing event");
    wait_for(&parser, &["RINGING"], "ringing");
    // Keys for a call wait half a second after it appears.
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["on call"], "answered");

    term.send(b"n");
    wait_for(
        &parser,
        &["New note", "Booking (PNR, optional)"],
        "the form",
    );
    term.send("Wants a window seat q/?\r改签到明天".as_bytes());
    wait_for(&parser, &["Wants a window seat q/?", "改签到明天"], "typed");
    term.send(b"\tk7m2qx");
    wait_for(&parser, &["k7m2qx"], "the booking");
    term.send(b"\x13");
    wait_for(&parser, &["note saved"], "saved");

    term.send(b"H");
    wait_for(
        &parser,
        &["History", "Wants a window seat q/?"],
        "in the history",
    );
    let client = ApiClient::new(&base, &token).expect("client");
    let traveller = skydesk::store::seed::traveller(1, today).id;
    let notes = rt
        .block_on(client.notes(traveller, None))
        .expect("the notes");
    let texts: Vec<&str> = notes.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["Wants a window seat q/?\n改签到明天"],
        "written once; screen:\n{}",
        screen(&parser)
    );
    assert_eq!(notes.notes[0].pnr.as_deref(), Some("K7M2QX"));
    term.send(b"\x03");
}
