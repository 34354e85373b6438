//! The server's request log: one line a request with its method, route,
//! status, duration and user, in the log `skydesk serve` writes; never the
//! token, never the number or the text that was looked up.

mod common;

use std::{
    io::Read,
    time::{Duration, Instant},
};

use common::process::{KillOnDrop, add_user, free_port, serve_command};

const NUMBER: &str = "+8613912345678";

fn log_lines(path: &std::path::Path) -> String {
    let mut text = String::new();
    std::fs::File::open(path)
        .expect("log file")
        .read_to_string(&mut text)
        .expect("read the log");
    text
}

#[test]
fn every_request_is_logged_without_its_token_or_what_was_looked_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    let token = add_user(&db, tmp, "ann", "agent");
    let port = free_port();
    let log_path = tmp.join("serve.log");
    let server = serve_command(port, &db, tmp)
        .env_remove("SKYDESK_LOG")
        .stderr(std::fs::File::create(&log_path).expect("log file"))
        .spawn()
        .expect("the binary runs");
    let _server = KillOnDrop(server);
    let base = format!("http://127.0.0.1:{port}");

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let http = reqwest::Client::new();
    let started = Instant::now();
    while rt
        .block_on(http.get(format!("{base}/healthz")).send())
        .is_err()
    {
        assert!(started.elapsed() < Duration::from_secs(30), "never healthy");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = |path: &str, token: Option<&str>| -> u16 {
        let mut request = http.get(format!("{base}{path}"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        rt.block_on(request.send())
            .expect("answered")
            .status()
            .as_u16()
    };
    assert_eq!(
        status(&format!("/api/v1/callers/{NUMBER}"), Some(&token)),
        200
    );
    assert_eq!(status("/api/v1/travellers?q=%E6%9D%8E", Some(&token)), 200);
    assert_eq!(status("/api/v1/me", Some("not-a-token")), 401);
    assert_eq!(status("/no/such/route", None), 404);

    let deadline = Instant::now() + Duration::from_secs(10);
    let mut text = log_lines(&log_path);
    while text.matches("request").count() < 4 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        text = log_lines(&log_path);
    }
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
            .to_string()
    };
    let lookup = line("route=/api/v1/callers/{number}");
    for part in ["INFO", "method=GET", "status=200", "user=ann", "ms="] {
        assert!(lookup.contains(part), "{part:?} missing from {lookup}");
    }
    let refused = line("route=/api/v1/me");
    assert!(
        refused.contains("status=401") && refused.contains("user=-"),
        "{refused}"
    );
    let search = line("route=/api/v1/travellers ");
    assert!(search.contains("status=200"), "{search}");
    assert!(line("route=(no route)").contains("status=404"));
    for secret in [
        token.as_str(),
        "not-a-token",
        NUMBER,
        "13912345678",
        "李",
        "%E6",
    ] {
        assert!(!text.contains(secret), "{secret:?} in the log:\n{text}");
    }
}
