//! End to end in a pseudo-terminal: a booking note written with the
//! keyboard alone reaches the server and shows in the contact history.

mod common;

use common::process::{on_a_call, screen, wait_for};

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";

#[test]
fn a_note_typed_during_a_call_is_saved_and_shows_in_the_history() {
    let mut call = on_a_call(SECRET, "pty-note");
    let (base, token) = (&call.seeded.base, &call.seeded.token);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let term = &mut call.term;
    let parser = std::sync::Arc::clone(&term.parser);
    let today = chrono::Utc::now().date_naive();

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
    let client = ApiClient::new(base, token).expect("client");
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
