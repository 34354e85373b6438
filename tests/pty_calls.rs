//! End to end in a pseudo-terminal: a call never steals a keystroke, and
//! quitting during a call asks first (ctrl-c does not).

mod common;

use common::process::{
    InPty, KillOnDrop, console, ring, screen, seed_with_ann, seeded_number, serve, wait_exit,
    wait_for, wait_healthy,
};

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use skydesk::client::ApiClient;
use skydesk::domain::call_state::CallState;

const SECRET: &str = "s3cret";

/// A seeded store, its server, and the console signed in as `ann` in a pty.
struct Desk {
    _dir: tempfile::TempDir,
    _server: KillOnDrop,
    rt: tokio::runtime::Runtime,
    base: String,
    token: String,
    term: InPty,
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Desk {
    fn open() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let tmp = dir.path();
        let db = format!("sqlite://{}/t.db", tmp.display());
        let token = seed_with_ann(&db, tmp, 20);
        let (mut server, base) = serve(&db, tmp, SECRET);
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        wait_healthy(&base, &mut server);
        let term = console(&base, &token, tmp, 30, 100);
        let parser = Arc::clone(&term.parser);
        Desk {
            _dir: dir,
            _server: server,
            rt,
            base,
            token,
            term,
            parser,
        }
    }

    /// Rings a call for ann from the first demo traveller's number.
    fn ring(&self, call_id: &str) {
        ring(&self.base, SECRET, call_id, &seeded_number(1));
    }

    fn call_state(&self, call_id: &str) -> CallState {
        let client = ApiClient::new(&self.base, &self.token).expect("client");
        self.rt
            .block_on(client.call(call_id))
            .expect("the call's state")
            .state
    }

    /// Waits for the console to exit; gives whether it exited cleanly.
    fn exit_status(&mut self, within: Duration) -> bool {
        wait_exit(&mut self.term, within).success()
    }

    fn still_running(&mut self) -> bool {
        matches!(self.term.child.try_wait(), Ok(None))
    }
}

/// Polls until none of `needles` is on screen.
fn wait_gone(parser: &Mutex<vt100::Parser>, needles: &[&str], step: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = screen(parser);
        if !needles.iter().any(|n| text.contains(n)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "step {step:?}: {needles:?} still on screen:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn typing_zhang_in_search_when_a_call_rings_keeps_the_text_and_the_call() {
    let mut desk = Desk::open();
    desk.term.send(b"/");
    wait_for(&desk.parser, &["Search travellers"], "search opens");
    desk.term.send(b"zh");
    wait_for(&desk.parser, &["zh"], "typed");
    desk.ring("pty-zhang");
    wait_for(
        &desk.parser,
        &["RINGING", "Search travellers"],
        "rings behind",
    );
    // The agent types on, at once: `h` once declined the call, `a` took it.
    desk.term.send(b"ang");
    wait_for(&desk.parser, &["zhang", "RINGING"], "the text is whole");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(desk.call_state("pty-zhang"), CallState::Ringing);
    assert!(screen(&desk.parser).contains("Search travellers"));
    desk.term.send(b"\x03");
    assert!(desk.exit_status(Duration::from_secs(10)));
}

#[test]
fn quitting_while_a_call_is_on_asks_first() {
    let mut desk = Desk::open();
    desk.ring("pty-quit");
    wait_for(&desk.parser, &["RINGING"], "ringing");
    std::thread::sleep(Duration::from_millis(600));
    desk.term.send(b"q");
    wait_for(&desk.parser, &["Quit skydesk anyway?"], "asks");
    desk.term.send(b"n");
    wait_gone(&desk.parser, &["Quit skydesk anyway?"], "no");
    std::thread::sleep(Duration::from_millis(300));
    assert!(desk.still_running(), "no means no");
    assert!(screen(&desk.parser).contains("RINGING"));
    desk.term.send(b"q");
    wait_for(&desk.parser, &["Quit skydesk anyway?"], "asks again");
    desk.term.send(b"y");
    assert!(
        desk.exit_status(Duration::from_secs(10)),
        "yes quits cleanly"
    );
}

#[test]
fn ctrl_c_quits_at_once_even_as_a_call_rings() {
    let mut desk = Desk::open();
    desk.ring("pty-ctrl-c");
    wait_for(&desk.parser, &["RINGING"], "ringing");
    desk.term.send(b"\x03");
    assert!(desk.exit_status(Duration::from_secs(10)), "quits cleanly");
    assert!(!screen(&desk.parser).contains("Quit skydesk anyway?"));
}
