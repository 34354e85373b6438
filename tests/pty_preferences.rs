//! End to end in a pseudo-terminal: a traveller's preferences set with the
//! keyboard alone during a call (a seat stepped to, a meal code found by
//! typing) reach the server; and on a wide terminal the real console
//! fetches the panes beside the card by itself.

mod common;

use common::process::{InPty, SeededServer, screen, seeded_server, wait_for};

use std::time::Duration;

use skydesk::client::ApiClient;
use skydesk::domain::{
    CallEvent, CallEventKind,
    work::{Seat, Zone},
};

const SECRET: &str = "s3cret";
const DOWN: &[u8] = b"\x1b[B";

/// Rings traveller 1's mobile for ann as `call_id`.
fn ring(rt: &tokio::runtime::Runtime, base: &str, call_id: &str) {
    let anonymous = ApiClient::new(base, "").expect("client");
    let today = chrono::Utc::now().date_naive();
    let from = skydesk::store::seed::traveller(1, today).phones[0]
        .e164
        .to_string();
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: call_id.into(),
        from,
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(anonymous.post_call_event(SECRET, &event))
        .expect("post ringing event");
}

#[test]
fn preferences_picked_with_the_keyboard_during_a_call_are_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        100,
    );
    let parser = std::sync::Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");
    ring(&rt, &base, "pty-preferences");
    wait_for(&parser, &["RINGING"], "ringing");
    // Keys for a call wait half a second after it appears.
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["on call"], "answered");

    term.send(b"P");
    wait_for(
        &parser,
        &["Preferences ·", "> Seat:", "tab: next field"],
        "the form, loaded",
    );
    // Seat: from no preference, one down is the window.
    term.send(DOWN);
    wait_for(&parser, &["> Seat: window"], "the seat");
    // Cabin zone: down to the front, then on to the meal.
    term.send(b"\t");
    term.send(DOWN);
    wait_for(&parser, &["> Cabin zone: front"], "the zone");
    term.send(b"\t\t\t");
    wait_for(&parser, &["> Meal:", "find:"], "the meal's picker");
    term.send(b"vgml");
    wait_for(&parser, &["find: vgml", "▸ VGML"], "the code found");
    term.send(b"\r");
    wait_for(&parser, &["> Meal: VGML ("], "the meal picked");
    term.send(b"\x13");
    wait_for(&parser, &["preferences saved"], "saved");

    let client = ApiClient::new(&base, &token).expect("client");
    let traveller = skydesk::store::seed::traveller(1, chrono::Utc::now().date_naive()).id;
    let stored = rt
        .block_on(client.preferences(traveller))
        .expect("the preferences");
    let shown = screen(&parser);
    assert_eq!(stored.preferences.seat, Seat::Window, "{shown}");
    assert_eq!(stored.preferences.zone, Some(Zone::Front), "{shown}");
    assert_eq!(stored.preferences.meal.as_deref(), Some("VGML"), "{shown}");
    assert_eq!(stored.updated_by.as_deref(), Some("ann"));
    assert_eq!(stored.version, 1, "saved once");
    term.send(b"\x03");
}

#[test]
fn on_a_wide_terminal_the_console_fetches_the_panes_beside_the_card() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        50,
        180,
    );
    let parser = std::sync::Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");
    ring(&rt, &base, "pty-wide");
    wait_for(
        &parser,
        &["RINGING", "┌ Recent contact", "┌ Preferences", "Cabin zone"],
        "the panes side by side, the preferences arrived",
    );
    // Both panes' answers arrive; none is left waiting.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while screen(&parser).contains("loading…") {
        assert!(
            std::time::Instant::now() < deadline,
            "a pane never arrived:\n{}",
            screen(&parser)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let shown = screen(&parser);
    assert!(!shown.contains("could not load"), "{shown}");
    term.send(b"\x03");
}
