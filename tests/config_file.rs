//! Where the settings file and the data live: `XDG_CONFIG_HOME` and
//! `XDG_DATA_HOME` when set, else under the home directory.

use std::{path::Path, process::Command};

const BIN: &str = env!("CARGO_BIN_EXE_skydesk");

fn skydesk(args: &[&str], home: &Path, env: &[(&str, &Path)]) -> std::process::Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("SKYDESK_CONFIG")
        .env_remove("SKYDESK_DATA_DIR")
        .env_remove("SKYDESK_DB")
        .env_remove("SKYDESK_KEYMAP_PRESET");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

/// A config.toml whose `keymap_preset` names no preset: reading it shows.
fn write_config(dir: &Path) {
    let config = dir.join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "keymap_preset = \"marker\"\n").expect("written");
}

#[test]
fn config_toml_is_read_from_xdg_config_home_else_the_home_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (home, xdg) = (dir.path().join("home"), dir.path().join("xdg"));
    let keymap = dir.path().join("keymap.toml");
    std::fs::write(&keymap, "").expect("written");
    let check = ["keymap", "check", keymap.to_str().expect("utf-8 path")];

    write_config(&xdg);
    let out = skydesk(&check, &home, &[("XDG_CONFIG_HOME", &xdg)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("unknown keymap_preset \"marker\""), "{err}");
    // Without XDG_CONFIG_HOME, ~/.config is read: nothing there yet.
    let out = skydesk(&check, &home, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    write_config(&home.join(".config"));
    let out = skydesk(&check, &home, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("\"marker\""), "{err}");
}

#[test]
fn the_database_goes_in_xdg_data_home_else_the_home_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (home, xdg) = (dir.path().join("home"), dir.path().join("data"));
    let out = skydesk(
        &["user", "add", "ann", "--role", "agent"],
        &home,
        &[("XDG_DATA_HOME", &xdg)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(xdg.join("skydesk").join("skydesk.db").exists());
    let out = skydesk(&["user", "add", "bob", "--role", "agent"], &home, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        home.join(".local/share/skydesk/skydesk.db").exists(),
        "the default data directory docs/settings.md names"
    );
}

/// `entitlements` in config.toml names the VIP hotline's rules; the server
/// reads them as it starts, and a broken file stops it with its line.
#[test]
fn the_entitlements_file_named_in_config_toml_is_read_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (home, xdg) = (dir.path().join("home"), dir.path().join("xdg"));
    let rules = dir.path().join("vip.toml");
    std::fs::write(
        &rules,
        "hold_warning_minutes = 15\nentitlements = [\n  { code = \"Lounge\", label = \"x\" },\n]\n",
    )
    .expect("written");
    let config = xdg.join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        format!("entitlements = {:?}\n", rules.display().to_string()),
    )
    .expect("written");
    let db = dir.path().join("store.db");
    let url = format!("sqlite://{}", db.display());
    let out = skydesk(
        &["serve", "--db", &url, "--listen", "127.0.0.1:0"],
        &home,
        &[("XDG_CONFIG_HOME", &xdg)],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("entitlements {}: line ", rules.display())),
        "{err}"
    );
    assert!(!db.exists(), "refused before the store opens");
}
