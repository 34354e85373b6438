//! The console shows the clock of the centre's time zone, which it hears
//! from the server, not from its own settings.

mod common;

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::process::{InPty, run, screen, serve, wait_for_within};
use skydesk::{client::ApiClient, domain::CentreTime};

const ZONE: &str = "Pacific/Kiritimati";

/// "online · HH:MM" for every minute from `from` to `to` in `zone`.
fn clocks(zone: CentreTime, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut at = from;
    let mut out = Vec::new();
    while at <= to + chrono::Duration::minutes(1) {
        out.push(format!("online · {}", zone.local(at).format("%H:%M")));
        at += chrono::Duration::minutes(1);
    }
    out
}

#[test]
fn the_console_shows_the_clock_of_the_servers_zone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    // The server's settings name the zone; the console's have none.
    let server_dir = tmp.join("server");
    let server_config = server_dir.join("config").join("skydesk");
    std::fs::create_dir_all(&server_config).expect("config dir");
    std::fs::write(
        server_config.join("config.toml"),
        format!("time_zone = \"{ZONE}\"\n"),
    )
    .expect("written");
    let token = run(&["user", "add", "ann", "--role", "agent", "--db", &db], tmp)
        .trim()
        .to_string();
    let (mut server, base) = serve(&db, &server_dir, "s3cret");

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    while rt.block_on(client.health()).is_err() {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("server exited before it was healthy: {status}");
        }
        assert!(Instant::now() < deadline, "server not healthy after 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }

    let started = Utc::now();
    let term = InPty::spawn(
        &["console", "--server", &base],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        24,
        100,
    );
    wait_for_within(
        &term.parser,
        &["online · "],
        Duration::from_secs(30),
        "online",
    );
    let shown = screen(&term.parser);
    let zone = CentreTime::parse(ZONE).expect("a known zone");
    // Kiritimati is 14 hours ahead of UTC: its clock is never UTC's.
    let expected = clocks(zone, started, Utc::now());
    assert!(
        expected.iter().any(|clock| shown.contains(clock)),
        "none of {expected:?} on:\n{shown}"
    );
    let utc = clocks(CentreTime::UTC, started, Utc::now());
    assert!(
        !utc.iter().any(|clock| shown.contains(clock)),
        "UTC's clock on:\n{shown}"
    );
}
