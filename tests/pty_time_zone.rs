//! The console shows the clock of the centre's time zone, which it hears
//! from the server, not from its own settings.

mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::process::{add_user, screen, serve, spawn_console, wait_for_within, wait_healthy};
use skydesk::domain::CentreTime;

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
    let token = add_user(&db, tmp, "ann", "agent");
    let (mut server, base) = serve(&db, &server_dir, "s3cret");
    wait_healthy(&base, &mut server);

    let started = Utc::now();
    let term = spawn_console(&base, &token, tmp, 24, 100);
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
