//! Quitting leaves one database file: the server on SIGTERM or Ctrl-C,
//! the demo when the agent quits, the seeder when it is done. A WAL file
//! left beside the database (with the data still in it) is the defect.

mod common;

use common::process::{
    BIN, InPty, KillOnDrop, add_user, free_port, run, serve_command, wait_healthy,
};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use skydesk::client::ApiClient;

fn skydesk(args: &[&str], tmp: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null());
    command
}

fn wal_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

fn wal_bytes(db: &Path) -> u64 {
    std::fs::metadata(wal_of(db)).map_or(0, |m| m.len())
}

fn wait_exit(child: &mut Child, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(Instant::now() < deadline, "did not exit within {within:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn serve_then_stop(signal: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let file = tmp.join("s.db");
    let db = format!("sqlite://{}", file.display());
    run(&["seed", "--db", &db, "--travellers", "50"], tmp);
    assert_eq!(wal_bytes(&file), 0, "the seeder left its WAL behind");
    let token = add_user(&db, tmp, "ann", "agent");

    let port = free_port();
    let server = serve_command(port, &db, tmp).spawn().expect("serve starts");
    let mut server = KillOnDrop(server);
    let base = format!("http://127.0.0.1:{port}");
    wait_healthy(&base, &mut server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&base, &token).expect("client");
    let guard = skydesk::client::WriteHeaders {
        idempotency_key: "wal-write-1".into(),
        if_match: None,
    };
    rt.block_on(client.add_phone(1, "+86 139 1234 5678", &guard))
        .expect("a write");
    assert!(wal_bytes(&file) > 0, "the write should sit in the WAL now");

    let pid = server.0.id().to_string();
    let killed = Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = wait_exit(&mut server.0, Duration::from_secs(20));
    assert!(status.success(), "serve exited with {status:?} on {signal}");
    assert_eq!(wal_bytes(&file), 0, "serve left a WAL behind on {signal}");
    // And the write is in the database itself.
    let store = rt.block_on(skydesk::store::connect(&db)).expect("reopens");
    let profile = rt
        .block_on(store.profile(1, chrono::Utc::now().date_naive()))
        .expect("reads")
        .expect("traveller 1");
    assert!(
        profile
            .traveller
            .phones
            .iter()
            .any(|p| p.e164 == "+8613912345678")
    );
}

/// An import leaves the store as one file, whether it loaded every row or
/// rejected some (which exits 2, an error path).
#[test]
fn import_closes_the_store_on_every_way_out() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join("import.db");
    let url = format!("sqlite://{}", db.display());
    let csv = tmp.path().join("travellers.csv");
    let header = "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n";
    std::fs::write(
        &csv,
        format!("{header}CA900000001,Zhang,Wei,张伟,gold,+8613800138001,,1980-01-02\n"),
    )
    .expect("csv written");
    run(
        &["import", "--db", &url, csv.to_str().expect("utf-8 path")],
        tmp.path(),
    );
    assert_eq!(wal_bytes(&db), 0, "no write-ahead log after a clean import");

    std::fs::write(
        &csv,
        format!("{header}CA900000002,Li,Na,李娜,gold,+8613800138002,,1980-01-02\nbad,row\n"),
    )
    .expect("csv written");
    let out = skydesk(
        &["import", "--db", &url, csv.to_str().expect("utf-8 path")],
        tmp.path(),
    )
    .output()
    .expect("runs");
    assert_eq!(out.status.code(), Some(2), "some rows rejected");
    assert_eq!(
        wal_bytes(&db),
        0,
        "no write-ahead log after a partial import"
    );
}

#[test]
fn serve_closes_the_store_on_sigterm() {
    serve_then_stop("-TERM");
}

#[test]
fn serve_closes_the_store_on_ctrl_c() {
    serve_then_stop("-INT");
}

/// How the demo is asked to stop.
enum Stop {
    QuitKey,
    Signal(&'static str),
}

#[test]
fn the_demo_closes_its_store_when_the_agent_quits() {
    demo_then(Stop::QuitKey);
}

#[test]
fn the_demo_closes_its_store_on_sigterm() {
    demo_then(Stop::Signal("-TERM"));
}

/// What a closed terminal window sends.
#[test]
fn the_demo_closes_its_store_on_sighup() {
    demo_then(Stop::Signal("-HUP"));
}

fn demo_then(stop: Stop) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let file = tmp.join("demo.db");
    let db = format!("sqlite://{}", file.display());
    let mut term = InPty::spawn(&["demo", "--db", &db, "--quiet"], &[], tmp, 30, 100);
    let parser = Arc::clone(&term.parser);
    let screen = || parser.lock().expect("parser").screen().contents();
    // First run seeds the demo data: allow for a slow debug build.
    let deadline = Instant::now() + Duration::from_secs(180);
    while !screen().contains("Waiting for calls") {
        if Instant::now() >= deadline {
            let _ = term.child.kill();
            panic!("demo never waited for calls; screen:\n{}", screen());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        wal_bytes(&file) > 0,
        "the seeded data should sit in the WAL now"
    );
    match stop {
        Stop::QuitKey => {
            term.send(b"q");
        }
        Stop::Signal(signal) => {
            let pid = term.child.process_id().expect("a pid").to_string();
            let killed = Command::new("kill").args([signal, &pid]).status();
            assert!(killed.is_ok_and(|s| s.success()));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = term.child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = term.child.kill();
            panic!("demo did not quit; screen:\n{}", screen());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "demo exited with {status:?}");
    assert_eq!(wal_bytes(&file), 0, "the demo left its WAL behind");
    assert!(std::fs::metadata(&file).map_or(0, |m| m.len()) > 1_000_000);
}
