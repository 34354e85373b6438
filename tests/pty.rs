//! End to end: the real binary's server and console, the console in a
//! pseudo-terminal, a call rung through the webhook, accepted, hung up.

mod common;

use common::process::{
    console, ring, screen, seed_with_ann, serve, wait_exit, wait_for_within, wait_healthy,
};

use std::sync::Arc;
use std::time::{Duration, Instant};

const SECRET: &str = "s3cret";

/// The first demo traveller in 1..=50 whose first number is a mobile no one
/// else in 1..=50 has, so a ring shows one profile rather than a chooser.
fn unique_traveller(today: chrono::NaiveDate) -> skydesk::store::NewTraveller {
    let all: Vec<_> = (1..=50)
        .map(|id| skydesk::store::seed::traveller(id, today))
        .collect();
    all.iter()
        .find(|t| {
            let first = &t.phones[0];
            first.label == "mobile"
                && all
                    .iter()
                    .filter(|o| o.id != t.id)
                    .all(|o| o.phones.iter().all(|p| p.e164 != first.e164))
        })
        .cloned()
        .expect("a traveller with a number of their own in 1..=50")
}

#[test]
fn console_in_a_pty_pops_a_call_searches_and_quits_from_the_palette() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());

    // 1. Seed and create the agent.
    let token = seed_with_ann(&db, tmp, 50);
    assert!(!token.is_empty(), "user add printed no token");

    // 2. The server.
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);

    // 3. The console in a pty, waiting for calls and online.
    let mut term = console(&base, &token, tmp, 30, 100);
    let parser = Arc::clone(&term.parser);
    let wait = Duration::from_secs(30);

    // 4. Ring a call from a traveller with a number of their own.
    let traveller = unique_traveller(chrono::Utc::now().date_naive());
    let family = traveller.family_name.to_uppercase();
    ring(&base, SECRET, "pty-1", &traveller.phones[0].e164);
    wait_for_within(
        &parser,
        &[&family, "RINGING", "VIP reservation hotline"],
        wait,
        "ringing",
    );

    // 5. Accept (ctrl-a), hang up (ctrl-e), on to the next call (enter).
    // Keys meant for a call are ignored for a moment after it appears.
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for_within(&parser, &["ON CALL"], wait, "accept");
    term.send(b"\x05");
    wait_for_within(&parser, &["ENDED"], wait, "hang up");
    term.send(b"\r");
    wait_for_within(&parser, &["Waiting for calls"], wait, "back to waiting");

    // 6. Search for the traveller by FFP number, open them, come back.
    term.send(b"/");
    wait_for_within(&parser, &["Search travellers"], wait, "search opens");
    term.send(traveller.ffp_number.as_bytes());
    wait_for_within(&parser, &["1 found", &family], wait, "search results");
    term.send(b"\r");
    wait_for_within(
        &parser,
        &["Traveller", "Flights", &traveller.ffp_number],
        wait,
        "profile from search",
    );
    term.send(b"\x1b");
    wait_for_within(&parser, &["1 found"], wait, "back to the results");
    term.send(b"\x1b");
    wait_for_within(&parser, &["Waiting for calls"], wait, "search closed");

    // 7. Quit through the command palette.
    term.send(b"\x0b");
    wait_for_within(&parser, &["Commands"], wait, "palette opens");
    term.send(b"quit");
    wait_for_within(&parser, &["▶ quit"], wait, "palette filters");
    term.send(b"\r");

    let status = wait_exit(&mut term, Duration::from_secs(10));
    assert!(
        status.success(),
        "console exited with {status:?}; screen:\n{}",
        screen(&parser)
    );
    eprintln!("pty test took {:?}", started.elapsed());
}
