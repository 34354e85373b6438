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

const HEADER: &str = "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n";

/// Runs `skydesk import` on `body` (after the header) into a fresh SQLite file.
fn import(dir: &std::path::Path, name: &str, body: &str) -> Output {
    let db = format!("sqlite://{}", dir.join("cli.db").display());
    let csv = dir.join(name);
    std::fs::write(&csv, format!("{HEADER}{body}")).expect("written");
    skydesk(
        &["import", "--db", &db, csv.to_str().expect("utf-8 path")],
        dir,
    )
}

fn last_line(bytes: &[u8]) -> String {
    text(bytes).lines().last().unwrap_or_default().to_string()
}

#[test]
fn import_reports_bad_rows_by_line_and_loads_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = import(
        dir.path(),
        "t.csv",
        "CA1,Zhang,Wei,张伟,gold,+86 138 0013 8000;１３９００１３９０００,wei@example.com,1980-02-03\n\
         CA2,Li,Na,,diamond,13800138001,,\n\
         CA3,Smith,Ann,,basic,not-a-number,,\n\
         ca1,Zhang,Wei,张伟,gold,+86 138 0013 8000,wei@example.com,1980-02-03\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("line 2:") && err.contains("line 5"), "{err}");
    assert!(err.contains("line 3:") && err.contains("tier"), "{err}");
    assert!(err.contains("line 4:") && err.contains("phone"), "{err}");
    assert!(err.contains("superseded by a later row"), "{err}");
    assert_eq!(
        last_line(&out.stdout),
        "loaded 1, updated 0, rejected 3",
        "{err}"
    );
}

#[test]
fn import_exits_0_when_every_row_loads_and_1_when_none_can() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = "CA1,Zhang,Wei,,gold,+8613800138000,,\nCA2,Li,Na,,basic,+8613800138001,,\n";
    let out = import(dir.path(), "good.csv", good);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(last_line(&out.stdout), "loaded 2, updated 0, rejected 0");
    assert_eq!(text(&out.stderr), "");
    let out = import(dir.path(), "good.csv", good);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(last_line(&out.stdout), "loaded 0, updated 2, rejected 0");

    let out = import(dir.path(), "bad.csv", "CA3,Li,Na,,diamond,,,\n");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(last_line(&out.stdout), "loaded 0, updated 0, rejected 1");

    let out = import(dir.path(), "header.csv", "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(last_line(&out.stdout), "loaded 0, updated 0, rejected 0");

    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let wrong = dir.path().join("wrong.csv");
    std::fs::write(&wrong, "ffp,family\nCA1,Zhang\n").expect("written");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("written");
    for file in [
        wrong.to_str().expect("utf-8 path"),
        empty.to_str().expect("utf-8 path"),
        "/nonexistent/travellers.csv",
    ] {
        let out = skydesk(&["import", "--db", &db, file], dir.path());
        assert_eq!(out.status.code(), Some(1), "{file}: {}", text(&out.stderr));
    }
}

/// A large file of garbage gives a short report: the first hundred problems,
/// then a count by kind.
#[test]
fn import_of_garbage_lists_a_hundred_problems_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut body = String::new();
    let rows = 40_000;
    for i in 0..rows {
        body.push_str(match i % 2 {
            0 => "\u{1b}[31mgarbage;;\u{202e};\n",
            _ => "X1,Name,Given,,diamond,,,\n",
        });
    }
    let out = import(dir.path(), "garbage.csv", &body);
    assert_eq!(out.status.code(), Some(1), "{}", last_line(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.len() < 16 * 1024, "{} bytes of report", err.len());
    assert_eq!(err.lines().filter(|l| l.starts_with("line ")).count(), 100);
    assert!(
        err.contains("… and 39900 more rejected rows not listed"),
        "{err}"
    );
    assert!(err.contains("20000  unreadable line"), "{err}");
    assert!(err.contains("20000  unknown tier"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'));
    assert_eq!(
        last_line(&out.stdout),
        format!("loaded 0, updated 0, rejected {rows}")
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
