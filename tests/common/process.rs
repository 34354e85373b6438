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

/// Kills the console in the pty even when the test panics.
pub struct KillPtyChild(pub Box<dyn portable_pty::Child + Send + Sync>);

impl Drop for KillPtyChild {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let server = Command::new(BIN)
        .args([
            "serve",
            "--db",
            db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("SKYDESK_WEBHOOK_SECRET", secret)
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    (KillOnDrop(server), format!("http://127.0.0.1:{port}"))
}
