//! End to end in a pseudo-terminal: hanging up enters after-call work; a
//! disposition picked with the keyboard alone is recorded on the server and
//! shows in the traveller's contact history.

mod common;

use common::process::{accept_ringing_call, screen, seeded_server, wait_for};

use skydesk::client::ApiClient;
use skydesk::domain::work::HistoryKind;

const SECRET: &str = "s3cret";

#[test]
fn a_disposition_picked_after_hanging_up_is_in_the_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let seeded = seeded_server(tmp, SECRET);
    let (base, token) = (&seeded.base, &seeded.token);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut term = seeded.console(tmp, 30, 100);
    let parser = std::sync::Arc::clone(&term.parser);
    let today = chrono::Utc::now().date_naive();
    let traveller = skydesk::store::seed::traveller(1, today);
    seeded.ring(SECRET, "pty-wrap", &traveller.phones[0].e164);
    accept_ringing_call(&mut term);
    term.send(b"\x05");
    wait_for(&parser, &["wrap-up", "ACW"], "after-call work");

    term.send(b"d");
    wait_for(&parser, &["Wrap-up", "Booking changed"], "the picker");
    term.send(b"chang");
    term.send(b"\t");
    term.send("改签到明天".as_bytes());
    wait_for(&parser, &["改签到明天"], "the summary");
    term.send(b"\r");
    wait_for(&parser, &["wrapped up: Booking changed"], "recorded");

    term.send(b"H");
    wait_for(
        &parser,
        &["History", "Booking changed: 改签到明天"],
        "in the history",
    );
    let client = ApiClient::new(base, token).expect("client");
    let history = rt
        .block_on(client.history(traveller.id, None))
        .expect("the history");
    let calls: Vec<&str> = history
        .entries
        .iter()
        .filter(|e| e.kind == HistoryKind::Call)
        .map(|e| e.summary.as_str())
        .collect();
    assert_eq!(
        calls,
        vec!["Booking changed: 改签到明天"],
        "recorded once; screen:\n{}",
        screen(&parser)
    );
    term.send(b"\x03");
}
