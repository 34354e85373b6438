//! End to end in a pseudo-terminal, the VIP hotline's promise kept: a V4
//! government caller rings the VIP line; the hotline sees what they are
//! entitled to, holds seats on two flights released a minute from now,
//! and promises a callback. The hold expires on the server's sweep, its
//! owner is told on the console (never that the seats were released)
//! and has a follow-up to release it in the reservation system, and the
//! callback falls due on screen.

mod common;

use std::time::Duration;

use common::process::{
    accept_ringing_call, add_user, console, ring, run, screen, serve, wait_for, wait_for_within,
    wait_healthy,
};

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";

#[test]
fn a_hold_expires_its_owner_is_told_and_the_callback_falls_due() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    run(&["seed", "--db", &db, "--travellers", "20"], tmp);
    let token = add_user(&db, tmp, "ann", "vip");
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&base, &token).expect("client");
    let vip = rt.block_on(client.traveller(1)).expect("the V4 VIP");

    let mut term = console(&base, &token, tmp, 30, 120);
    let parser = std::sync::Arc::clone(&term.parser);
    ring(&base, SECRET, "pty-hold", &vip.traveller.phones[0].e164);
    accept_ringing_call(&mut term);
    wait_for(
        &parser,
        &["Entitled ·", "seat lock", "V VIP request"],
        "the entitlement card",
    );

    // Seats held on two flights, each released a minute from now.
    term.send(b"V");
    wait_for(&parser, &["VIP request ·"], "the request form");
    term.send(b"hold");
    wait_for(&parser, &["seat hold"], "the kind found by typing");
    term.send(b"\t");
    term.send(b" +1m");
    term.send(b"\x1b[B");
    term.send(b" +1m");
    wait_for(&parser, &["release +1m"], "two flights picked");
    term.send(b"\x13");
    wait_for(&parser, &["logged"], "the hold logged");
    let requests = rt
        .block_on(client.vip_requests(1))
        .expect("requests")
        .requests;
    assert_eq!(requests.len(), 1, "screen:\n{}", screen(&parser));
    assert_eq!(requests[0].flights.len(), 2);

    // The promise: a callback in two minutes.
    term.send(b"f");
    wait_for(&parser, &["Follow-up for"], "the follow-up form");
    term.send(b"call back with the hold confirmed\t+2m");
    term.send(b"\x13");
    wait_for(&parser, &["follow-up saved"], "the callback promised");

    // The sweep expires the hold; its owner is told, and never that the
    // seats were released.
    wait_for_within(
        &parser,
        &["hold expired — release it in the reservation system"],
        Duration::from_secs(150),
        "the hold expired",
    );
    let text = screen(&parser);
    assert!(!text.contains("seats released"), "{text}");
    let mine = rt
        .block_on(client.follow_ups("me"))
        .expect("follow-ups")
        .follow_ups;
    assert!(
        mine.iter().any(|f| f.text.contains("reservation system")),
        "the owner has the follow-up to release it: {mine:?}"
    );

    // The callback falls due on screen.
    wait_for_within(
        &parser,
        &["follow-up due:", "call back with the hold confirmed"],
        Duration::from_secs(150),
        "the callback due",
    );
    term.send(b"\x03");
}
