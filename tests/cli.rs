//! The binary's subcommands, run as an operator would.

use std::process::{Command, Output};

fn skydesk(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skydesk"))
        .args(args)
        .env("SKYDESK_DATA_DIR", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn keymap_check_accepts_the_shipped_presets() {
    let dir = tempfile::tempdir().expect("temp dir");
    for preset in ["keymaps/default.toml", "keymaps/vim.toml"] {
        let out = skydesk(&["keymap", "check", preset], dir.path());
        assert!(out.status.success(), "{preset}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("ok"));
    }
}

#[test]
fn keymap_check_reports_every_problem_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "call = [\n  { on = \"h\", run = \"hang_up\" },\n  { on = \"h\", run = \"help\" },\n  { on = \"hyper-x\", run = \"quit\" },\n  { on = \"x\", run = \"launch_missiles\" },\n  { on = [\"h\", \"h\"], run = \"quit\" },\n]\n",
    )
    .expect("written");
    let out = skydesk(
        &["keymap", "check", file.to_str().expect("utf-8 path")],
        dir.path(),
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    for expected in [
        "bad.toml:3:",
        "bound twice",
        "bad.toml:4:",
        "not a key name",
        "bad.toml:5:",
        "unknown action",
        "bad.toml:6:",
        "shadows",
    ] {
        assert!(err.contains(expected), "{expected:?} missing from:\n{err}");
    }
}

#[test]
fn keymap_check_refuses_binary_and_missing_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("binary.toml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x01, 0x9b]).expect("written");
    let out = skydesk(
        &["keymap", "check", binary.to_str().expect("utf-8 path")],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("not UTF-8"));
    let out = skydesk(&["keymap", "check", "/nonexistent/keymap.toml"], dir.path());
    assert!(!out.status.success());
}

#[test]
fn user_add_prints_only_the_token_and_refuses_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let out = skydesk(
        &[
            "user", "add", "li.na", "--role", "agent", "--role", "vip", "--db", &db,
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout);
    assert_eq!(token.trim().len(), 64, "{token:?}");
    assert_eq!(token.lines().count(), 1);
    let again = skydesk(
        &["user", "add", "li.na", "--role", "agent", "--db", &db],
        dir.path(),
    );
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already exists"));
    let bad = skydesk(
        &["user", "add", "x'; drop", "--role", "agent", "--db", &db],
        dir.path(),
    );
    assert!(!bad.status.success());
    let role = skydesk(
        &["user", "add", "bob", "--role", "root", "--db", &db],
        dir.path(),
    );
    assert!(!role.status.success());
}

#[test]
fn import_reports_bad_rows_by_line_and_loads_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let csv = dir.path().join("t.csv");
    std::fs::write(
        &csv,
        "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n\
         CA1,Zhang,Wei,张伟,gold,+86 138 0013 8000;１３９００１３９０００,wei@example.com,1980-02-03\n\
         CA2,Li,Na,,diamond,13800138001,,\n\
         CA3,Smith,Ann,,basic,not-a-number,,\n",
    )
    .expect("written");
    let out = skydesk(
        &["import", "--db", &db, csv.to_str().expect("utf-8 path")],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("line 3:") && err.contains("tier"), "{err}");
    assert!(err.contains("line 4:") && err.contains("phone"), "{err}");
    assert!(
        err.contains("loaded 1 travellers, rejected 2 rows"),
        "{err}"
    );
}

#[test]
fn seed_refuses_silly_counts_and_bad_urls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = skydesk(
        &["seed", "--travellers", "0", "--db", "sqlite://x.db"],
        dir.path(),
    );
    assert!(!out.status.success());
    let out = skydesk(
        &["seed", "--travellers", "5", "--db", "mysql://nope"],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unsupported database URL"));
}
