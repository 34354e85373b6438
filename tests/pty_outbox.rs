//! End to end in a pseudo-terminal: the caller's number added while the
//! server is down waits as "1 pending" and reaches the traveller once when
//! the server is back; a broken outbox file is said at start and a change
//! then fails on screen.

mod common;

use common::process::{
    InPty, KillOnDrop, ring, screen, seed_with_ann, serve, serve_again, spawn_console, wait_for,
    wait_healthy,
};

use std::path::Path;
use std::time::Duration;

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";
/// A mobile number no seeded traveller has.
const CALLER: &str = "+8613912345678";

struct Desk {
    dir: tempfile::TempDir,
    db: String,
    rt: tokio::runtime::Runtime,
    server: Option<KillOnDrop>,
    base: String,
    token: String,
}

impl Desk {
    fn open() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let tmp = dir.path();
        let db = format!("sqlite://{}/t.db", tmp.display());
        let token = seed_with_ann(&db, tmp, 20);
        let (server, base) = serve(&db, tmp, SECRET);
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let mut desk = Desk {
            dir,
            db,
            rt,
            server: Some(server),
            base,
            token,
        };
        desk.wait_healthy();
        desk
    }

    fn tmp(&self) -> &Path {
        self.dir.path()
    }

    fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    fn wait_healthy(&mut self) {
        let server = self.server.as_mut().expect("a running server");
        wait_healthy(&self.base, server);
    }

    fn stop_server(&mut self) {
        drop(self.server.take());
    }

    fn start_server(&mut self) {
        self.server = Some(serve_again(&self.base, &self.db, self.tmp(), SECRET));
        self.wait_healthy();
    }

    fn console(&self) -> InPty {
        spawn_console(&self.base, &self.token, self.tmp(), 30, 120)
    }

    /// Rings a call for ann from `CALLER`, a number nobody has.
    fn ring(&self, call_id: &str) {
        ring(&self.base, SECRET, call_id, CALLER);
    }

    /// How many times `CALLER` is among traveller 1's numbers.
    fn times_on_traveller_1(&self) -> usize {
        self.rt
            .block_on(self.client().traveller(1))
            .expect("traveller 1")
            .traveller
            .phones
            .iter()
            .filter(|p| p.e164 == CALLER)
            .count()
    }

    /// On the unknown caller's screen, finds traveller 1 and opens them.
    fn open_traveller_1(&self, term: &mut InPty) {
        let today = chrono::Utc::now().date_naive();
        let ffp = skydesk::store::seed::traveller(1, today).ffp_number;
        // Past the half second in which keys meant for a new call wait.
        std::thread::sleep(Duration::from_millis(700));
        term.send(ffp.as_bytes());
        wait_for(&term.parser, &[&ffp, "1 of 1"], "traveller 1 found");
        term.send(b"\r");
        wait_for(
            &term.parser,
            &["call › ", "+ add number", &ffp],
            "traveller 1 shown on the call",
        );
    }
}

#[test]
fn a_number_added_while_the_server_is_down_reaches_the_traveller_once_when_it_returns() {
    let mut desk = Desk::open();
    assert_eq!(desk.times_on_traveller_1(), 0);
    let mut term = desk.console();
    wait_for(&term.parser, &["Waiting for calls", "online"], "waiting");
    desk.ring("pty-outbox");
    wait_for(&term.parser, &["RINGING"], "ringing");
    desk.open_traveller_1(&mut term);

    desk.stop_server();
    wait_for(&term.parser, &["server unreachable"], "offline");
    term.send(b"+");
    wait_for(&term.parser, &["profile?"], "+ asks first");
    term.send(b"y");
    wait_for(
        &term.parser,
        &["1 pending"],
        "the number waits in the outbox",
    );
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        screen(&term.parser).contains("1 pending"),
        "still waiting while the server is down"
    );

    desk.start_server();
    wait_for(&term.parser, &[&format!("added {CALLER}")], "delivered");
    let text = screen(&term.parser);
    assert!(!text.contains("pending"), "nothing left waiting:\n{text}");
    assert_eq!(desk.times_on_traveller_1(), 1);
    term.send(b"\x03");
}

#[test]
fn a_broken_outbox_is_said_at_start_and_a_change_then_fails_on_screen() {
    let desk = Desk::open();
    std::fs::write(desk.tmp().join("outbox.db"), vec![0x5a_u8; 8192]).expect("garbage");
    let mut term = desk.console();
    wait_for(&term.parser, &["outbox", "cannot be used"], "told at start");
    wait_for(&term.parser, &["online"], "the console runs");
    desk.ring("pty-broken-outbox");
    wait_for(&term.parser, &["RINGING"], "ringing");
    desk.open_traveller_1(&mut term);
    term.send(b"+");
    wait_for(&term.parser, &["profile?"], "+ asks first");
    term.send(b"y");
    wait_for(
        &term.parser,
        &["not saved, the outbox is unusable"],
        "the change fails visibly",
    );
    assert_eq!(desk.times_on_traveller_1(), 0);
    term.send(b"\x03");
}
