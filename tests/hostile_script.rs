//! `scripts/hostile.py` runs against the real server, briefly, and prints
//! its table; its exit status agrees with the table.

mod common;

use common::process::{add_user, run, serve, wait_healthy};

use std::path::Path;
use std::process::{Command, Stdio};

const SECRET: &str = "s3cret";
const GROUPS: [&str; 8] = [
    "methods",
    "unknown routes",
    "non-UTF-8 paths",
    "auth",
    "bodies",
    "hostile text",
    "retry storm",
    "slow clients",
];

/// The numbers of the table's `total` row.
fn totals(table: &str) -> Vec<u64> {
    table
        .lines()
        .find(|l| l.starts_with("total "))
        .unwrap_or_else(|| panic!("no total row in:\n{table}"))
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().expect("a count"))
        .collect()
}

#[test]
fn the_hostile_script_prints_its_table_against_a_real_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/h.db", tmp.display());
    run(&["seed", "--db", &db, "--travellers", "20"], tmp);
    let token = add_user(&db, tmp, "eve", "agent");
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/hostile.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(["--server", &base, "--slow-limit", "2", "--idle", "10"])
        .env("SKYDESK_TOKEN", &token)
        .env("SKYDESK_WEBHOOK_SECRET", SECRET)
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs (the script needs Python 3)");
    let table = String::from_utf8_lossy(&out.stdout);
    let errors = String::from_utf8_lossy(&out.stderr);
    for group in GROUPS {
        assert!(
            table.lines().any(|l| l.starts_with(group)),
            "{group} missing:\n{table}\n{errors}"
        );
    }
    let total = totals(&table);
    assert_eq!(total.len(), 5, "{table}");
    assert!(total[0] > 250, "only {} tries:\n{table}", total[0]);
    let problems: u64 = total[1..].iter().sum();
    let expected_status = if problems == 0 { 0 } else { 1 };
    assert_eq!(
        out.status.code(),
        Some(expected_status),
        "{table}\n{errors}"
    );
    assert!(
        server.0.try_wait().expect("server status").is_none(),
        "the server died under the script"
    );
    let health = std::net::TcpStream::connect(address(&base));
    assert!(health.is_ok(), "the server stopped listening");
}

/// `127.0.0.1:PORT` of a base URL.
fn address(base: &str) -> &str {
    base.trim_start_matches("http://")
}
