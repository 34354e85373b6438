//! End to end in a pseudo-terminal: two notes written while the server is
//! down survive the console being killed and reach the server exactly once
//! when both are back; a draft survives a killed console and is offered
//! back on the same traveller; a hostile paste leaves the screen intact.

mod common;

use common::process::{
    InPty, SeededServer, console, open_traveller_1, screen, seeded_server, serve_again, wait_for,
    wait_healthy,
};

use std::time::{Duration, Instant};

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";

/// Kills the console as a power cut would: no chance to clean up.
fn kill_hard(term: &mut InPty) {
    let pid = term.child.process_id().expect("the console's pid");
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let _ = term.child.wait();
}

fn notes_of_traveller_1(rt: &tokio::runtime::Runtime, base: &str, token: &str) -> Vec<String> {
    let client = ApiClient::new(base, token).expect("client");
    let today = chrono::Utc::now().date_naive();
    let id = skydesk::store::seed::traveller(1, today).id;
    let page = rt.block_on(client.notes(id, None)).expect("the notes");
    page.notes.into_iter().map(|n| n.text).collect()
}

#[test]
fn notes_written_offline_reach_the_server_once_after_the_console_is_killed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = console(&base, &token, tmp, 30, 120);
    wait_for(&term.parser, &["online"], "online");
    open_traveller_1(&mut term);

    drop(server);
    wait_for(&term.parser, &["server unreachable"], "offline");
    for (n, text) in ["First offline note", "Second offline note"]
        .into_iter()
        .enumerate()
    {
        term.send(b"n");
        wait_for(&term.parser, &["New note"], "the form");
        term.send(text.as_bytes());
        wait_for(&term.parser, &[text], "typed");
        term.send(b"\x13");
        wait_for(
            &term.parser,
            &[&format!("{} pending", n + 1)],
            "kept in the outbox",
        );
        assert!(
            !screen(&term.parser).contains("New note"),
            "the form closed"
        );
    }
    kill_hard(&mut term);

    let db = format!("sqlite://{}/t.db", tmp.display());
    let mut server = serve_again(&base, &db, tmp, SECRET);
    wait_healthy(&base, &mut server);
    assert!(
        notes_of_traveller_1(&rt, &base, &token).is_empty(),
        "nothing reached the server while the console was away"
    );
    let term = console(&base, &token, tmp, 30, 120);
    wait_for(&term.parser, &["online"], "online again");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut notes = notes_of_traveller_1(&rt, &base, &token);
        notes.sort();
        if notes.len() >= 2 && !screen(&term.parser).contains("pending") {
            assert_eq!(
                notes,
                vec!["First offline note", "Second offline note"],
                "each note exactly once"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not delivered: {notes:?}\n{}",
            screen(&term.parser)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Delivered once, and not again a moment later.
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(notes_of_traveller_1(&rt, &base, &token).len(), 2);
}

#[test]
fn a_draft_survives_a_killed_console_and_is_offered_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = console(&base, &token, tmp, 30, 120);
    open_traveller_1(&mut term);
    term.send(b"n");
    wait_for(&term.parser, &["New note"], "the form");
    term.send("Caller wants\rthe 9am flight 改签".as_bytes());
    wait_for(&term.parser, &["the 9am flight 改签"], "typed");
    // A draft is written at most a second after the last key.
    std::thread::sleep(Duration::from_millis(1500));
    kill_hard(&mut term);

    let mut term = console(&base, &token, tmp, 30, 120);
    open_traveller_1(&mut term);
    term.send(b"n");
    wait_for(
        &term.parser,
        &["A draft of a note was kept", "Caller wants", "take it"],
        "offered back",
    );
    term.send(b"y");
    wait_for(
        &term.parser,
        &["New note", "Caller wants", "the 9am flight 改签"],
        "taken",
    );
    term.send(b"\x13");
    wait_for(&term.parser, &["note saved"], "saved");
    assert_eq!(
        notes_of_traveller_1(&rt, &base, &token),
        vec!["Caller wants\nthe 9am flight 改签"]
    );
    // Sent: the draft is gone and not offered again.
    term.send(b"n");
    wait_for(&term.parser, &["New note"], "a fresh form");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !screen(&term.parser).contains("A draft"),
        "{}",
        screen(&term.parser)
    );
    term.send(b"\x03");
}

#[test]
fn a_hostile_paste_leaves_the_screen_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = console(&base, &token, tmp, 30, 120);
    open_traveller_1(&mut term);
    term.send(b"n");
    wait_for(&term.parser, &["New note"], "the form");
    let mut paste = Vec::new();
    paste.extend_from_slice(b"\x1b[200~");
    paste.extend_from_slice("line one\r\nline two \u{1b}]52;c;cm0gLXJm\u{7}clip \u{1b}[2Jwipe \u{202e}flip card 4111 1111 1111 1111\n".as_bytes());
    paste.extend(std::iter::repeat_n(b'z', 100 * 1024));
    paste.extend_from_slice(b"\x1b[201~");
    term.send(&paste);
    // The editor shows the end of the paste, where its cursor is.
    wait_for(
        &term.parser,
        &[
            "New note",
            "zzzzzzzz",
            "98458 dropped",
            "Booking (PNR, optional)",
            "ctrl-s save",
        ],
        "pasted, cut and said, the frame whole",
    );
    term.send(b"\x13");
    wait_for(&term.parser, &["note saved"], "saved");
    let notes = notes_of_traveller_1(&rt, &base, &token);
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert!(
        note.starts_with("line one\nline two clip wipe flip card **** **** **** 1111\nzzz"),
        "{}",
        &note[..80]
    );
    assert_eq!(note.chars().count(), 4000);
    term.send(b"\x03");
}
