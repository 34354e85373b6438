//! End to end in a pseudo-terminal: a call rung on one server pops on a
//! console connected to another (which names the call without its offer)
//! even though the offer route fails with 500 first.

mod common;

use common::process::{
    SeededServer, seeded_number, seeded_server, serve, spawn_console, wait_for, wait_healthy,
};

use std::sync::atomic::Ordering;

const SECRET: &str = "s3cret";

#[test]
fn a_call_whose_offer_fails_to_load_still_pops() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let seeded = seeded_server(tmp, SECRET);
    seeded.ring(SECRET, "pty-offer", &seeded_number(1));
    let SeededServer { base, token, .. } = &seeded;

    // A second server on the same file: it has no offer at hand and only
    // names the call ringing for ann when her stream opens.
    let db = format!("sqlite://{}/t.db", tmp.display());
    let (mut second_server, second) = serve(&db, tmp, SECRET);
    wait_healthy(&second, &mut second_server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let upstream = second
        .trim_start_matches("http://")
        .parse()
        .expect("an address");
    let (proxy, failed) = rt.block_on(common::proxy::failing(upstream, "GET /api/v1/calls/", 3));
    assert_ne!(base, &second);

    let term = spawn_console(&format!("http://{proxy}"), token, tmp, 30, 120);
    wait_for(&term.parser, &["RINGING"], "the call pops");
    // The proxy looks only at a connection's first request, so a retry on
    // a kept-alive connection may pass: at least one failure came first.
    assert!(
        failed.load(Ordering::SeqCst) >= 1,
        "the offer route failed first"
    );
    drop(rt);
}
