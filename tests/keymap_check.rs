//! `skydesk keymap check FILE` and the keymap settings, through the real
//! binary: every problem of a file at once, the preset's bindings a file
//! hides, shift-letters and an unknown preset.

mod common;

use std::{
    path::Path,
    process::{Command, Output},
};

use common::process::{BIN, InPty, seed_with_ann, serve, wait_for, wait_healthy};

fn skydesk(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("SKYDESK_DATA_DIR", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("RUST_BACKTRACE", "1")
        .env_remove("SKYDESK_KEYMAP_PRESET")
        .env_remove("NO_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

fn check(text: &str, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, text).expect("written");
    let out = skydesk(
        &["keymap", "check", file.to_str().expect("utf-8 path")],
        dir.path(),
        env,
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let text = "call = [\n  { on = \"enterr\", run = \"explode\" },\n  { on = \"q\", run = \"quit\", colour = \"red\" },\n]\n\n[waiting]\n\"ctrl-k\" = \"open_palette\"\n";
    let (status, _, err) = check(text, &[]);
    assert_eq!(status, Some(1), "{err}");
    for expected in [
        "keymap.toml:2:10: \"enterr\" is not a key name",
        "keymap.toml:2:26: unknown action \"explode\"",
        "keymap.toml:3:29: unknown field \"colour\"",
        "keymap.toml:6:2: section \"waiting\" is a list of bindings",
        r#"waiting = [ { on = "ctrl-k", run = "open_palette" } ]"#,
        "4 problem(s)",
    ] {
        assert!(err.contains(expected), "{expected:?} missing from:\n{err}");
    }
    assert!(
        !err.contains("Location:") && !err.contains('\u{1b}'),
        "{err}"
    );
}

#[test]
fn a_file_that_hides_preset_bindings_is_usable_but_says_so() {
    let (status, out, err) = check(
        "global = [ { on = [\"ctrl-c\", \"x\"], run = \"help\", desc = \"help\" } ]\n",
        &[],
    );
    assert_eq!(status, Some(0), "{err}");
    assert!(
        err.contains("keymap.toml:1:19: warning: ctrl-c x hides the preset's ctrl-c (quit"),
        "{err}"
    );
    assert!(out.contains("usable, with 1 warning"), "{out}");
    assert!(!out.contains(": ok"), "{out}");

    let (status, out, err) = check("global = [ { on = \"f12\", run = \"help\" } ]\n", &[]);
    assert_eq!((status, err.as_str()), (Some(0), ""), "{out}");
    assert!(out.trim_end().ends_with("keymap.toml: ok"), "{out}");
}

#[test]
fn shift_and_a_letter_is_its_capital() {
    let (status, out, err) = check(
        "waiting = [\n  { on = \"a\", run = \"help\" },\n  { on = \"shift-a\", run = \"quit\" },\n  { on = \"shift-tab\", run = \"help\" },\n]\n",
        &[],
    );
    assert_eq!(status, Some(0), "{err}");
    assert!(out.contains(": ok"), "{out}");
    let (status, _, err) = check(
        "waiting = [\n  { on = \"A\", run = \"help\" },\n  { on = \"shift-a\", run = \"quit\" },\n  { on = \"backtab\", run = \"help\" },\n  { on = \"shift-tab\", run = \"quit\" },\n]\n",
        &[],
    );
    assert_eq!(status, Some(1), "{err}");
    assert!(err.contains("3:10: A is bound twice"), "{err}");
    assert!(err.contains("5:10: shift-tab is bound twice"), "{err}");
}

#[test]
fn an_unknown_keymap_preset_is_one_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, "").expect("written");
    let path = file.to_str().expect("utf-8 path");
    for args in [
        &["keymap", "check", path][..],
        &["console", "--server", "http://127.0.0.1:9"][..],
        &["demo", "--quiet"][..],
    ] {
        let out = skydesk(
            args,
            dir.path(),
            &[("SKYDESK_KEYMAP_PRESET", "emacs"), ("SKYDESK_TOKEN", "abc")],
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("unknown keymap_preset \"emacs\"") && err.contains("use default or vim"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("Location:"), "{err}");
    }
    // Told before the demo seeds anything.
    assert!(!dir.path().join("skydesk.db").exists());

    let config = dir.path().join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "keymap_preset = \"vi\"\n").expect("written");
    let out = skydesk(&["keymap", "check", path], dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("unknown keymap_preset \"vi\""), "{err}");
}

#[test]
fn the_console_says_at_start_what_a_user_file_hides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    let token = seed_with_ann(&db, tmp, 5);
    let (mut server, base) = serve(&db, tmp, "s3cret");
    wait_healthy(&base, &mut server);
    let keymap = tmp.join("keymap.toml");
    std::fs::write(
        &keymap,
        "global = [ { on = [\"ctrl-c\", \"x\"], run = \"help\", desc = \"help\" } ]\n",
    )
    .expect("written");
    let term = InPty::spawn(
        &[
            "console",
            "--server",
            &base,
            "--keymap",
            keymap.to_str().expect("utf-8 path"),
        ],
        &[("SKYDESK_TOKEN", &token)],
        tmp,
        30,
        200,
    );
    wait_for(
        &term.parser,
        &["keymap.toml: 1:19: ctrl-c x hides the preset's ctrl-c (quit"],
        "the hidden binding named in the status message",
    );
    drop(term);
    drop(server);
}
