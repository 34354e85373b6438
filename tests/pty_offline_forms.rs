//! End to end in a pseudo-terminal, with the server down: the preferences
//! form says the traveller's preferences are not known, saves into the
//! outbox and closes; the complaint form says its categories are not
//! known and loads them by itself once the server is back, when the kept
//! preferences reach the server.

mod common;

use common::process::{
    SeededServer, console, open_traveller_1, screen, seeded_server, serve_again, wait_for,
};

use std::time::{Duration, Instant};

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";

#[test]
fn preferences_and_complaints_opened_offline_say_what_they_do_not_know_and_recover() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = console(&base, &token, tmp, 30, 140);
    let today = chrono::Utc::now().date_naive();
    let traveller = skydesk::store::seed::traveller(1, today);
    open_traveller_1(&mut term);

    drop(server);
    wait_for(&term.parser, &["server unreachable"], "offline");
    term.send(b"P");
    wait_for(
        &term.parser,
        &[
            "Preferences ·",
            "Seat: not known",
            "their preferences are not known",
        ],
        "the form says what it does not know",
    );
    // Seat: from no preference, one down is the window.
    term.send(b"\x1b[B");
    wait_for(&term.parser, &["> Seat: window"], "the seat set");
    term.send(b"\x13");
    wait_for(
        &term.parser,
        &[
            "preferences kept: it goes to the server when it is back",
            "1 pending",
        ],
        "kept in the outbox",
    );
    assert!(
        !screen(&term.parser).contains("Preferences ·"),
        "the form closed"
    );

    term.send(b"C");
    wait_for(
        &term.parser,
        &["categories and flights not known: the server is unreachable"],
        "the complaint form says what it does not know",
    );

    let db = format!("sqlite://{}/t.db", tmp.display());
    let _server = serve_again(&base, &db, tmp, SECRET);
    wait_for(
        &term.parser,
        &["tab: next field"],
        "the choices loaded by themselves",
    );
    assert!(
        !screen(&term.parser).contains("not known"),
        "{}",
        screen(&term.parser)
    );

    let client = ApiClient::new(&base, &token).expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stored = rt.block_on(client.preferences(traveller.id));
        if let Ok(stored) = &stored
            && stored.version > 0
        {
            assert_eq!(
                stored.preferences.seat,
                skydesk::domain::casework::Seat::Window,
                "the kept preferences arrived"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not delivered: {stored:?}\n{}",
            screen(&term.parser)
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    term.send(b"\x03");
}
