//! End to end in a pseudo-terminal: a traveller's preferences set with the
//! keyboard alone during a call (a seat stepped to, a meal code found by
//! typing) reach the server; and on a wide terminal the real console
//! fetches the panes beside the card by itself.

mod common;

use common::process::{on_a_call, screen, seeded_number, seeded_server, wait_for};

use std::time::Duration;

use skydesk::client::ApiClient;
use skydesk::domain::casework::{Seat, Zone};

const SECRET: &str = "s3cret";
const DOWN: &[u8] = b"\x1b[B";

#[test]
fn preferences_picked_with_the_keyboard_during_a_call_are_saved() {
    let mut call = on_a_call(SECRET, "pty-preferences");
    let (base, token) = (&call.seeded.base, &call.seeded.token);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let term = &mut call.term;
    let parser = std::sync::Arc::clone(&term.parser);

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

    let client = ApiClient::new(base, token).expect("client");
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
    let seeded = seeded_server(tmp, SECRET);
    let mut term = seeded.console(tmp, 50, 180);
    let parser = std::sync::Arc::clone(&term.parser);
    seeded.ring(SECRET, "pty-wide", &seeded_number(1));
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
