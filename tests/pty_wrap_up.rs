//! End to end in a pseudo-terminal: hanging up enters after-call work; a
//! disposition picked with the keyboard alone is recorded on the server and
//! shows in the traveller's contact history; quitting asks while it is not
//! recorded; a break chosen in wrap-up is the state after it.

mod common;

use common::process::{OnCall, on_a_call, screen, wait_for};

use skydesk::client::ApiClient;
use skydesk::domain::{casework::HistoryKind, floor::AgentState};

const SECRET: &str = "s3cret";

#[test]
fn a_disposition_picked_after_hanging_up_is_in_the_history() {
    let mut call = hung_up("pty-wrap");
    let (base, token) = (&call.seeded.base, &call.seeded.token);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let term = &mut call.term;
    let parser = std::sync::Arc::clone(&term.parser);
    let today = chrono::Utc::now().date_naive();
    let traveller = skydesk::store::seed::traveller(1, today);

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

/// The seeded server, ann's console, and a call from seeded traveller 1
/// she took and hung up.
fn hung_up(call_id: &str) -> OnCall {
    let mut call = on_a_call(SECRET, call_id);
    call.term.send(b"\x05");
    wait_for(&call.term.parser, &["wrap-up", "ACW"], "after-call work");
    call
}

#[test]
fn quitting_before_the_disposition_is_recorded_asks_first() {
    let OnCall { term, .. } = &mut hung_up("pty-quit");
    term.send(b"q");
    wait_for(
        &term.parser,
        &["disposition is not recorded", "Quit skydesk anyway?"],
        "the question",
    );
    term.send(b"n");
    wait_for(&term.parser, &["wrap-up", "ACW"], "back in the wrap-up");
    assert!(
        matches!(term.child.try_wait(), Ok(None)),
        "still running:\n{}",
        screen(&term.parser)
    );
    term.send(b"\x03");
}

#[test]
fn a_break_chosen_in_wrap_up_is_the_state_after_it() {
    let OnCall { term, seeded, .. } = &mut hung_up("pty-break");
    term.send(b"B");
    wait_for(
        &term.parser,
        &["Your state", "Break — Lunch"],
        "the chooser",
    );
    wait_for(&term.parser, &["you are in wrap-up"], "the chooser's word");
    // Down to the first break, wherever the chooser opened.
    for _ in 0..4 {
        if screen(&term.parser).contains("▸ Break — Lunch") {
            break;
        }
        term.send(b"\x1b[B");
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    wait_for(&term.parser, &["▸ Break — Lunch"], "Lunch selected");
    term.send(b"\r");
    wait_for(&term.parser, &["you are on break: Lunch"], "the answer");
    wait_for(&term.parser, &["ann · break: Lunch"], "the status bar");
    term.send(b"\r");
    wait_for(&term.parser, &["Waiting for calls"], "next call");
    // Whatever leaving the wrap-up asks has had time to land.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let text = screen(&term.parser);
    assert!(text.contains("ann · break: Lunch"), "{text}");
    let client = ApiClient::new(&seeded.base, &seeded.token).expect("client");
    let mine = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(client.my_state())
        .expect("ann's state");
    assert_eq!(
        (mine.state, mine.reason.as_deref()),
        (AgentState::OnBreak, Some("Lunch")),
        "the floor agrees; screen:\n{text}"
    );
    term.send(b"\x03");
}
