//! End to end in a pseudo-terminal: hanging up enters after-call work; a
//! disposition picked with the keyboard alone is recorded on the server and
//! shows in the traveller's contact history.

mod common;

use common::process::{InPty, SeededServer, screen, seeded_server, wait_for};

use std::time::Duration;

use skydesk::client::ApiClient;
use skydesk::domain::{CallEvent, CallEventKind, work::HistoryKind};

const SECRET: &str = "s3cret";

#[test]
fn a_disposition_picked_after_hanging_up_is_in_the_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let SeededServer {
        server: _server,
        base,
        token,
    } = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let anonymous = ApiClient::new(&base, "").expect("client");
    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        100,
    );
    let parser = std::sync::Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");

    let today = chrono::Utc::now().date_naive();
    let traveller = skydesk::store::seed::traveller(1, today);
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "pty-wrap".into(),
        from: traveller.phones[0].e164.to_string(),
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(anonymous.post_call_event(SECRET, &event))
        .expect("post ringing event");
    wait_for(&parser, &["RINGING"], "ringing");
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["on call"], "answered");
    term.send(b"\x05");
    wait_for(&parser, &["wrap-up", "ACW"], "after-call work");

    term.send(b"d");
    wait_for(&parser, &["Wrap-up", "Booking changed"], "the picker");
    term.send(b"chang");
    term.send(b"\t");
    term.send("改签到明天".as_bytes());
    wait_for(&parser, &["改签到明天"], "the summary");
    term.send(b"\r");
    wait_for(&parser, &["wrapped up: booking_changed"], "recorded");

    term.send(b"H");
    wait_for(
        &parser,
        &["History", "Booking changed: 改签到明天"],
        "in the history",
    );
    let client = ApiClient::new(&base, &token).expect("client");
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
