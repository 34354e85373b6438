//! The real binary as a child process and in a pseudo-terminal: what the
//! end-to-end tests share.

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    sync::Mutex,
    time::{Duration, Instant},
};

pub const BIN: &str = env!("CARGO_BIN_EXE_skydesk");

/// Kills a child process (a server, say) even when the test panics.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `skydesk ARGS` with its data and settings under `tmp`; it must
/// succeed. Gives its standard output.
pub fn run(args: &[&str], tmp: &Path) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null())
        .output()
        .expect("run skydesk");
    assert!(
        out.status.success(),
        "skydesk {args:?} failed: {}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    String::from_utf8(out.stdout).expect("utf-8 stdout")
}

/// The text on the emulated screen.
pub fn screen(parser: &Mutex<vt100::Parser>) -> String {
    parser.lock().expect("parser lock").screen().contents()
}

/// Polls the screen for up to 30 s until it shows every one of `needles`.
pub fn wait_for(parser: &Mutex<vt100::Parser>, needles: &[&str], step: &str) {
    wait_for_within(parser, needles, Duration::from_secs(30), step);
}

/// Polls the screen until it shows every one of `needles`.
pub fn wait_for_within(
    parser: &Mutex<vt100::Parser>,
    needles: &[&str],
    timeout: Duration,
    step: &str,
) {
    let deadline = Instant::now() + timeout;
    loop {
        let text = screen(parser);
        if needles.iter().all(|n| text.contains(n)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} at step {step:?} waiting for {needles:?}; screen:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `skydesk serve` on the SQLite `db` at a free loopback port, with the
/// webhook secret `secret`; gives the server (killed when dropped) and its
/// base URL.
pub fn serve(db: &str, tmp: &Path, secret: &str) -> (KillOnDrop, String) {
    serve_on(free_port(), db, tmp, secret)
}

/// `skydesk serve` as `serve` does, started again where the clients of
/// the server that was at `base` look for it.
pub fn serve_again(base: &str, db: &str, tmp: &Path, secret: &str) -> KillOnDrop {
    let port = base
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    serve_on(port, db, tmp, secret).0
}

/// A loopback port nothing listens on.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// `skydesk serve` on `db` at `port` with its data and settings under
/// `tmp`, nothing on its standard streams; a test adds what else it needs
/// (a secret, a log, a PBX) before spawning it.
pub fn serve_command(port: u16, db: &str, tmp: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .args([
            "serve",
            "--db",
            db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// `skydesk serve` as `serve` does, on `port` (to start a stopped server
/// again where its clients look for it).
pub fn serve_on(port: u16, db: &str, tmp: &Path, secret: &str) -> (KillOnDrop, String) {
    let server = serve_command(port, db, tmp)
        .env("SKYDESK_WEBHOOK_SECRET", secret)
        .spawn()
        .expect("spawn server");
    (KillOnDrop(server), format!("http://127.0.0.1:{port}"))
}

/// The real binary in a pseudo-terminal, its screen kept by a terminal
/// emulator that a thread feeds with everything it draws.
pub struct InPty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub parser: std::sync::Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn std::io::Write + Send>,
}

impl InPty {
    /// Starts `skydesk ARGS` with `envs` (and its data and settings under
    /// `tmp`) on a `rows` × `cols` terminal.
    pub fn spawn(args: &[&str], envs: &[(&str, &str)], tmp: &Path, rows: u16, cols: u16) -> InPty {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        use std::io::Read;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        for (name, value) in envs {
            cmd.env(name, value);
        }
        cmd.env("SKYDESK_DATA_DIR", tmp);
        cmd.env("XDG_CONFIG_HOME", tmp.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(tmp);
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let parser = std::sync::Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("columns"),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = std::sync::Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if let Ok(mut parser) = screen.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        InPty {
            child,
            parser,
            writer,
        }
    }

    /// Types `bytes` as the user would.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }
}

/// The program in the pty is killed even when the test panics.
impl Drop for InPty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `skydesk user add NAME --role ROLE` on `db`; gives the token it prints.
pub fn add_user(db: &str, tmp: &Path, name: &str, role: &str) -> String {
    run(&["user", "add", name, "--role", role, "--db", db], tmp)
        .trim()
        .to_string()
}

/// `db` seeded with `travellers` demo travellers and the agent `ann`;
/// gives ann's token.
pub fn seed_with_ann(db: &str, tmp: &Path, travellers: u32) -> String {
    run(
        &["seed", "--db", db, "--travellers", &travellers.to_string()],
        tmp,
    );
    add_user(db, tmp, "ann", "agent")
}

/// Polls the server at `base` for up to 30 s until its health check
/// answers; fails at once should the server exit first.
pub fn wait_healthy(base: &str, server: &mut KillOnDrop) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let anonymous = skydesk::client::ApiClient::new(base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    while rt.block_on(anonymous.health()).is_err() {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("server exited before it was healthy: {status}");
        }
        assert!(Instant::now() < deadline, "server not healthy on {base}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `skydesk console` on `base` signed in with `token`, in a pseudo-terminal
/// of `rows`×`cols`, as soon as it starts.
pub fn spawn_console(base: &str, token: &str, tmp: &Path, rows: u16, cols: u16) -> InPty {
    InPty::spawn(
        &["console", "--server", base],
        &[("SKYDESK_TOKEN", token)],
        tmp,
        rows,
        cols,
    )
}

/// The same console once it waits for calls and is online.
pub fn console(base: &str, token: &str, tmp: &Path, rows: u16, cols: u16) -> InPty {
    let term = spawn_console(base, token, tmp, rows, cols);
    wait_for(&term.parser, &["Waiting for calls", "online"], "waiting");
    term
}

/// Rings `from` on the VIP line for `ann` as `call_id`, through the webhook
/// of the server at `base` with its `secret`.
pub fn ring(base: &str, secret: &str, call_id: &str, from: &str) {
    let event = skydesk::domain::CallEvent {
        event: skydesk::domain::CallEventKind::Ringing,
        call_id: call_id.into(),
        from: from.into(),
        to: "+864008108888".into(),
        queue: None,
        agent: Some("ann".into()),
        at: None,
    };
    let anonymous = skydesk::client::ApiClient::new(base, "").expect("client");
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(anonymous.post_call_event(secret, &event))
        .expect("post ringing event");
}

/// Waits up to `within` for the program in the pty to exit; gives how.
pub fn wait_exit(term: &mut InPty, within: Duration) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = term.child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after {within:?}; screen:\n{}",
            screen(&term.parser)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A store of 20 demo travellers with the agent `ann`, served on a free
/// port and answering.
pub struct SeededServer {
    pub server: KillOnDrop,
    pub base: String,
    /// `ann`'s token.
    pub token: String,
}

pub fn seeded_server(tmp: &Path, secret: &str) -> SeededServer {
    let db = format!("sqlite://{}/t.db", tmp.display());
    let token = seed_with_ann(&db, tmp, 20);
    let (mut server, base) = serve(&db, tmp, secret);
    wait_healthy(&base, &mut server);
    SeededServer {
        server,
        base,
        token,
    }
}

impl SeededServer {
    /// `skydesk console` signed in as `ann`, in a pseudo-terminal of
    /// `rows`×`cols`, once it waits for calls and is online.
    pub fn console(&self, tmp: &Path, rows: u16, cols: u16) -> InPty {
        console(&self.base, &self.token, tmp, rows, cols)
    }

    /// Rings `from` on the VIP line for `ann` as `call_id`, through the
    /// webhook with its `secret`.
    pub fn ring(&self, secret: &str, call_id: &str, from: &str) {
        ring(&self.base, secret, call_id, from);
    }
}

/// Seeded traveller `id`'s first number, as the server holds it.
pub fn seeded_number(id: i64) -> String {
    let today = chrono::Utc::now().date_naive();
    skydesk::store::seed::traveller(id, today).phones[0]
        .e164
        .to_string()
}

/// Waits for the call to ring, lets the half second in which keys for a
/// new call are held back pass, and accepts it with ctrl-a.
pub fn accept_ringing_call(term: &mut InPty) {
    wait_for(&term.parser, &["RINGING"], "ringing");
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&term.parser, &["on call"], "answered");
}

/// From waiting, finds seeded traveller 1 by search and opens their profile.
pub fn open_traveller_1(term: &mut InPty) {
    let today = chrono::Utc::now().date_naive();
    let ffp = skydesk::store::seed::traveller(1, today).ffp_number;
    term.send(b"/");
    wait_for(&term.parser, &["FFP number"], "the search");
    term.send(ffp.as_bytes());
    wait_for(&term.parser, &[&ffp, "1 of 1"], "traveller 1 found");
    term.send(b"\r");
    wait_for(&term.parser, &["n note"], "traveller 1's profile");
}

/// A seeded server (its files under `dir`), ann's console at 30×100, and
/// a call from seeded traveller 1 that she has accepted. Fields drop in
/// order: the console, the server, and only then their files.
pub struct OnCall {
    pub term: InPty,
    pub seeded: SeededServer,
    pub dir: tempfile::TempDir,
}

pub fn on_a_call(secret: &str, call_id: &str) -> OnCall {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeded = seeded_server(dir.path(), secret);
    let mut term = seeded.console(dir.path(), 30, 100);
    seeded.ring(secret, call_id, &seeded_number(1));
    accept_ringing_call(&mut term);
    OnCall { term, seeded, dir }
}
