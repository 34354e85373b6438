//! End to end: the real binary's server and console, the console in a
//! pseudo-terminal, a call rung through the webhook, accepted, hung up.

mod common;

use common::process::{InPty, run, screen, serve, wait_for_within};

use std::sync::Arc;
use std::time::{Duration, Instant};

use skydesk::client::ApiClient;
use skydesk::domain::{CallEvent, CallEventKind};

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
    run(&["seed", "--db", &db, "--travellers", "50"], tmp);
    let token = run(&["user", "add", "ann", "--role", "agent", "--db", &db], tmp)
        .trim()
        .to_string();
    assert!(!token.is_empty(), "user add printed no token");

    // 2. The server.
    let (mut server, base) = serve(&db, tmp, SECRET);

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if rt.block_on(client.health()).is_ok() {
            break;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("server exited before it was healthy: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "server not healthy after 30 s on {base}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // 3. The console in a pty.
    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        100,
    );
    let parser = Arc::clone(&term.parser);
    let wait = Duration::from_secs(30);
    wait_for_within(&parser, &["Waiting for calls", "online"], wait, "waiting");

    // 4. Ring a call from a traveller with a number of their own.
    let traveller = unique_traveller(chrono::Utc::now().date_naive());
    let family = traveller.family_name.to_uppercase();
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "pty-1".into(),
        from: traveller.phones[0].e164.to_string(),
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(
        ApiClient::new(&base, "")
            .expect("client")
            .post_call_event(SECRET, &event),
    )
    .expect("post ringing event");
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

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = term.child.try_wait().expect("try_wait console") {
            break status;
        }
        if Instant::now() >= deadline {
            panic!(
                "console did not exit 10 s after ctrl-c; screen:\n{}",
                screen(&parser)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "console exited with {status:?}; screen:\n{}",
        screen(&parser)
    );
    eprintln!("pty test took {:?}", started.elapsed());
}
