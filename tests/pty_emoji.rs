//! End to end in a pseudo-terminal: a traveller imported with emoji in their
//! name pops on the real console, and after the call nothing of the name is
//! left on screen. The emulator (vt100) draws code point by code point, as
//! many terminals do.

mod common;

use common::process::{BIN, InPty, KillOnDrop, run, screen, wait_for};

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use skydesk::client::ApiClient;
use skydesk::domain::{CallEvent, CallEventKind};

const SECRET: &str = "s3cret";
const ROWS: u16 = 30;
const COLS: u16 = 100;

#[test]
fn emoji_names_leave_nothing_behind_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    let csv = tmp.join("emoji.csv");
    std::fs::write(
        &csv,
        "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n\
         EM0000001,Family👨‍👩‍👧‍👦,Flag🇨🇳,张👍🏽伟,gold,+8613800139901,,\n",
    )
    .expect("written");
    let summary = run(&["import", "--db", &db, csv.to_str().expect("utf-8")], tmp);
    assert_eq!(summary.trim(), "loaded 1, updated 0, rejected 0");
    let token = run(&["user", "add", "ann", "--role", "agent", "--db", &db], tmp)
        .trim()
        .to_string();

    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Command::new(BIN)
        .args([
            "serve",
            "--db",
            &db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("SKYDESK_WEBHOOK_SECRET", SECRET)
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let _server = KillOnDrop(server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    while rt.block_on(client.health()).is_err() {
        assert!(Instant::now() < deadline, "server not healthy on {base}");
        std::thread::sleep(Duration::from_millis(100));
    }

    let mut term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        ROWS,
        COLS,
    );
    let parser = Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");

    let event = CallEvent {
        event: CallEventKind::Ringing,
        call_id: "emoji-1".into(),
        from: "+8613800139901".into(),
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    rt.block_on(client.post_call_event(SECRET, &event))
        .expect("post ringing event");
    wait_for(&parser, &["FAMILY", "EM0000001", "RINGING"], "the pop");
    // Every bordered row of the pop ends in its border: nothing was pushed
    // right by a cluster drawn wider than ratatui counted.
    let pop = screen(&parser);
    let edges: Vec<usize> = pop
        .lines()
        .filter(|l| l.trim_end().ends_with('│'))
        .map(|l| {
            let parser = parser.lock().expect("parser lock");
            let row = pop.lines().position(|p| p == l).unwrap_or(0) as u16;
            (0..COLS)
                .rev()
                .find(|&c| {
                    parser
                        .screen()
                        .cell(row, c)
                        .is_some_and(|cell| cell.contents() == "│")
                })
                .map_or(0, usize::from)
        })
        .collect();

    // Keys meant for a call are ignored for a moment after it appears.
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["ON CALL"], "accept");
    term.send(b"\x05");
    wait_for(&parser, &["ENDED"], "hang up");
    term.send(b"\r");
    wait_for(&parser, &["Waiting for calls"], "back to waiting");
    std::thread::sleep(Duration::from_millis(300));
    let waiting = screen(&parser);
    for stray in ['👨', '👩', '👧', '👦', '🇨', '🇳', '👍', '🏽', '\u{200d}'] {
        assert!(
            !waiting.contains(stray),
            "{stray:?} left on the waiting screen:\n{waiting}"
        );
    }
    assert!(!waiting.contains("FAMILY") && !waiting.contains("[CN]"));
    assert!(
        edges.windows(2).all(|w| w[0] == w[1]),
        "borders out of line {edges:?}:\n{pop}"
    );
    assert!(pop.contains("FAMILY👨 Flag[CN]"), "{pop}");
}
