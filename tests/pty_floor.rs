//! End to end in pseudo-terminals, the real binary twice: a supervisor's
//! console on the floor view and an agent's console. A call rung through
//! the webhook waits on the floor, the agent answers it and the floor shows
//! them on it, they skip the wrap-up and are available again, take a break
//! from their console and the floor shows why, and quitting signs them out.

mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::process::{
    accept_ringing_call, add_user, console, run, screen, seeded_number, serve, wait_exit, wait_for,
    wait_healthy,
};
use skydesk::{
    client::ApiClient,
    domain::{CallEvent, CallEventKind},
};

const SECRET: &str = "s3cret";

/// Polls for up to 30 s until one line of the screen holds every needle.
fn wait_for_line(parser: &Mutex<vt100::Parser>, needles: &[&str], step: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = screen(parser);
        if let Some(line) = text.lines().find(|l| needles.iter().all(|n| l.contains(n))) {
            return line.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "timed out at step {step:?} waiting for a line with {needles:?}; screen:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_supervisor_watches_a_call_and_a_break_on_the_floor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    run(&["seed", "--db", &db, "--travellers", "20"], tmp);
    let ann = add_user(&db, tmp, "ann", "agent");
    let sam = add_user(&db, tmp, "sam", "supervisor");
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let anonymous = ApiClient::new(&base, "").expect("client");

    // The supervisor, wide enough for every column and the trends.
    let mut floor = console(&base, &sam, tmp, 40, 140);
    floor.send(b"F");
    wait_for(
        &floor.parser,
        &["Queues", "Agents", "Last hour"],
        "the floor",
    );
    let mut agent = console(&base, &ann, tmp, 30, 100);
    // Started, the agent's console made them available.
    wait_for_line(
        &floor.parser,
        &["│ann ", "available"],
        "ann joins the floor",
    );

    let caller = skydesk::store::seed::traveller(1, chrono::Utc::now().date_naive());
    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "pty-floor".into(),
        from: seeded_number(1),
        to: "4008100999".into(),
        queue: Some("general".into()),
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(anonymous.post_call_event(SECRET, &event))
        .expect("ring through the webhook");
    let general = wait_for_line(&floor.parser, &["│General", " 1 0:0"], "waiting");
    assert!(!general.contains('!'), "not late yet: {general}");
    // Who waits: the one traveller with the number, their tier and segment.
    let name = caller.family_name.to_uppercase();
    let tier = caller.tier.as_str().to_uppercase();
    wait_for(&floor.parser, &["Waiting · 1 "], "one waiting");
    wait_for_line(
        &floor.parser,
        &["│0:0", "General", &name, &tier],
        "who waits",
    );

    accept_ringing_call(&mut agent);
    let row = wait_for_line(&floor.parser, &["│ann ", "on call"], "on the call");
    assert!(
        wait_for_line(&floor.parser, &["│ann ", &name], "with the caller").contains("on call"),
        "{row}"
    );
    wait_for_line(&floor.parser, &["│General", " 0 -"], "no longer waiting");

    // Hung up and straight on without a disposition: not left in wrap-up.
    agent.send(b"\x05");
    wait_for(&agent.parser, &["wrap-up", "ACW"], "after-call work");
    wait_for_line(&floor.parser, &["│ann ", "wrap-up"], "wrap-up on the floor");
    agent.send(b"\r");
    wait_for(&agent.parser, &["Waiting for calls"], "back to waiting");
    wait_for_line(&floor.parser, &["│ann ", "available"], "available again");

    // A break, chosen from the agent's console.
    agent.send(b"B");
    wait_for(
        &agent.parser,
        &["Your state", "Break — Lunch"],
        "the chooser",
    );
    agent.send(b"\r");
    wait_for(&agent.parser, &["you are on break: Lunch"], "the answer");
    wait_for(&agent.parser, &["ann · break: Lunch 0:0"], "the status bar");
    let row = wait_for_line(&floor.parser, &["│ann ", "break", "Lunch"], "the reason");
    assert!(row.contains("0:0"), "in state since just now: {row}");

    // Quitting signs the agent out.
    agent.send(b"q");
    wait_exit(&mut agent, Duration::from_secs(10));
    wait_for_line(
        &floor.parser,
        &["│ann ", "signed out"],
        "signed out on quitting",
    );

    // The supervisor takes no calls: never counted as an agent.
    let text = screen(&floor.parser);
    assert!(!text.contains("│sam "), "{text}");
    let supervisor = ApiClient::new(&base, &sam).expect("client");
    let snapshot = rt.block_on(supervisor.floor()).expect("the floor");
    assert!(
        snapshot
            .floor
            .agents
            .get("sam")
            .is_none_or(|row| row.state == skydesk::domain::floor::AgentState::SignedOut),
        "{:?}",
        snapshot.floor.agents.get("sam")
    );
    floor.send(b"\x1b");
    wait_for(&floor.parser, &["sam · not taking calls"], "the bar");
    floor.send(b"\x03");
}
