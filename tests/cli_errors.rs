//! User errors are messages, not crashes: one clear line, a non-zero exit
//! status, no backtrace (even with `RUST_BACKTRACE` set) and no colour
//! codes when standard error is not a terminal or `NO_COLOR` is set.

use std::{
    io::Read,
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

fn skydesk(args: &[&str], dir: &std::path::Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skydesk"));
    command
        .args(args)
        .env("SKYDESK_DATA_DIR", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .env_remove("SKYDESK_TOKEN")
        .env_remove("NO_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

/// Exits with `status` after exactly one plain line on standard error.
fn assert_one_clear_line(out: &Output, status: i32, expected: &[&str]) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(status), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line, not:\n{err}");
    for noise in ["\u{1b}", "Location:", "Backtrace", "backtrace", "panicked"] {
        assert!(!err.contains(noise), "{noise:?} in:\n{err}");
    }
    for text in expected {
        assert!(err.contains(text), "{text:?} missing from:\n{err}");
    }
    err
}

#[test]
fn a_keymap_section_written_as_a_table_is_shown_its_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, "[call]\n\"ctrl-k\" = \"open_palette\"\n").expect("written");
    let out = skydesk(
        &["keymap", "check", file.to_str().expect("utf-8 path")],
        dir.path(),
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(r#"call = [ { on = "ctrl-k", run = "open_palette" } ]"#),
        "{err}"
    );
    assert!(!err.contains("invalid type"), "{err}");
    assert!(
        !err.contains("Location:") && !err.contains('\u{1b}'),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = skydesk(
        &["keymap", "check", "/nonexistent/keymap.toml"],
        dir.path(),
        &[],
    );
    assert_one_clear_line(&out, 1, &["keymap.toml", "cannot read"]);
}

#[test]
fn an_unreachable_server_is_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = skydesk(
        &["console", "--server", "http://127.0.0.1:9"],
        dir.path(),
        &[("SKYDESK_TOKEN", "abc")],
    );
    assert_one_clear_line(
        &out,
        1,
        &["cannot sign in at http://127.0.0.1:9", "cannot reach"],
    );
}

#[test]
fn named_simulated_agents_need_a_token_to_read_the_floor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = skydesk(
        &["simulate", "--agent-names", "ann,sim-01", "--duration", "1"],
        dir.path(),
        &[("SKYDESK_WEBHOOK_SECRET", "pbx-secret")],
    );
    assert_one_clear_line(&out, 1, &["--agent-names needs SKYDESK_TOKEN", "on break"]);
}

#[test]
fn a_bad_server_url_is_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    for url in [
        "ftp://example.com",
        "127.0.0.1:7878",
        "http://exa mple/",
        "\u{202e}http://x",
    ] {
        let out = skydesk(
            &["console", "--server", url],
            dir.path(),
            &[("SKYDESK_TOKEN", "abc")],
        );
        assert_one_clear_line(&out, 1, &["is not a URL"]);
    }
}

#[test]
fn bad_settings_are_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = skydesk(&["serve", "--listen", "not an address"], dir.path(), &[]);
    assert_one_clear_line(&out, 1, &["--listen", "is not an address"]);
    let out = skydesk(
        &["seed", "--db", "mysql://nope", "--travellers", "5"],
        dir.path(),
        &[],
    );
    assert_one_clear_line(&out, 1, &["unsupported database URL"]);
}

#[test]
fn a_bad_flag_has_no_colour_off_a_terminal_or_with_no_color() {
    let dir = tempfile::tempdir().expect("temp dir");
    for env in [&[][..], &[("NO_COLOR", "1")][..]] {
        let out = skydesk(&["serve", "--no-such-flag"], dir.path(), env);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("--no-such-flag"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
}

#[test]
fn the_old_utc_offset_and_an_unknown_zone_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[floor]\nutc_offset_minutes = 480\n",
    )
    .expect("written");
    let serve = ["serve", "--listen", "127.0.0.1:0"];
    let out = skydesk(&serve, dir.path(), &[]);
    assert_one_clear_line(
        &out,
        1,
        &["floor.utc_offset_minutes", "time_zone = \"Asia/Shanghai\""],
    );
    std::fs::write(config.join("config.toml"), "time_zone = \"Beijing\"\n").expect("written");
    let out = skydesk(&serve, dir.path(), &[]);
    assert_one_clear_line(&out, 1, &["unknown time zone \"Beijing\"", "IANA"]);
    std::fs::remove_file(config.join("config.toml")).expect("removed");
    let out = skydesk(&serve, dir.path(), &[("SKYDESK_TIME_ZONE", "UTC+8")]);
    assert_one_clear_line(
        &out,
        1,
        &["SKYDESK_TIME_ZONE", "unknown time zone \"UTC+8\""],
    );
}

/// A bad setting is refused before the store opens: one clear line, a
/// non-zero exit, and no SQLite file or write-ahead log left behind. A
/// connection cap past what the server can count is such a setting.
#[test]
fn bad_server_settings_are_refused_before_the_store_opens() {
    for (setting, expected) in [
        (
            "[http]\nmax_connections = 4611686018427387904\n",
            &["http.max_connections", "1 to 1000000"][..],
        ),
        ("region = \"XX\"\n", &["unknown region"][..]),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("settings.toml");
        std::fs::write(&config, setting).expect("written");
        let db = dir.path().join("store");
        std::fs::create_dir(&db).expect("store dir");
        let url = format!("sqlite://{}", db.join("skydesk.db").display());
        let out = skydesk(
            &[
                "serve",
                "--config",
                config.to_str().expect("utf-8 path"),
                "--db",
                &url,
                "--listen",
                "127.0.0.1:0",
            ],
            dir.path(),
            &[],
        );
        assert_one_clear_line(&out, 1, expected);
        let left: Vec<_> = std::fs::read_dir(&db)
            .expect("store dir")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert!(left.is_empty(), "{setting}: left behind {left:?}");
    }
}

/// With standard error in a file, the server's log has no colour codes.
#[test]
fn the_server_log_has_no_colour_off_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log_path = dir.path().join("serve.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let url = format!("sqlite://{}", dir.path().join("skydesk.db").display());
    let mut server = Command::new(env!("CARGO_BIN_EXE_skydesk"))
        .args(["serve", "--db", &url, "--listen", "127.0.0.1:0"])
        .env("SKYDESK_DATA_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("SKYDESK_WEBHOOK_SECRET")
        .env_remove("NO_COLOR")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    let mut text = String::new();
    while !text.contains("listening") && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
        text.clear();
        std::fs::File::open(&log_path)
            .expect("log file")
            .read_to_string(&mut text)
            .expect("read the log");
    }
    server.kill().expect("stop the server");
    server.wait().expect("the server ends");
    // The warning about the webhook is a log line with a level.
    assert!(
        text.contains("WARN") && text.contains("SKYDESK_WEBHOOK_SECRET"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// A broken entitlements file keeps the server from starting: one line
/// naming the file, the line and the reason, before the store opens.
#[test]
fn a_broken_entitlements_file_is_one_line_naming_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("entitlements.toml");
    let broken = skydesk::domain::vip::DEFAULT_RULES.replacen(
        r#"seat_lock = "seat_lock""#,
        r#"wheelchair = "seat_lock""#,
        1,
    );
    let line = broken
        .lines()
        .position(|l| l.starts_with("wheelchair = "))
        .expect("the broken line")
        + 1;
    std::fs::write(&rules, &broken).expect("written");
    let db = dir.path().join("store");
    std::fs::create_dir(&db).expect("store dir");
    let url = format!("sqlite://{}", db.join("skydesk.db").display());
    let shown = rules.display().to_string();
    let out = skydesk(
        &["serve", "--db", &url, "--listen", "127.0.0.1:0"],
        dir.path(),
        &[("SKYDESK_ENTITLEMENTS", shown.as_str())],
    );
    let expected = format!("entitlements {shown}: line {line}: wheelchair is assistance");
    assert_one_clear_line(&out, 1, &[expected.as_str()]);
    let left = std::fs::read_dir(&db).expect("store dir").count();
    assert_eq!(left, 0, "the store was not opened");
}
