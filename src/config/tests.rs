use super::*;

#[test]
fn environment_overrides_the_file() {
    let mut s: Settings =
        toml::from_str("listen = \"0.0.0.0:9000\"\nregion = \"HK\"").expect("valid settings");
    s.apply_env(|name| (name == "SKYDESK_REGION").then(|| "GB".to_string()))
        .expect("valid environment");
    assert_eq!(s.listen, "0.0.0.0:9000");
    assert_eq!(s.region, "GB");
    assert!(s.region().is_ok());
}

#[test]
fn the_bell_is_off_unless_asked_for() {
    assert!(!Settings::default().bell);
    let s: Settings = toml::from_str("bell = true").expect("valid settings");
    assert!(s.bell);
    assert!(toml::from_str::<Settings>("bell = \"loud\"").is_err());
}

#[test]
fn unknown_settings_and_regions_are_errors() {
    assert!(toml::from_str::<Settings>("colour = \"red\"").is_err());
    let s = Settings {
        region: "XX".into(),
        ..Settings::default()
    };
    assert!(s.region().is_err());
    let s = Settings {
        airline_code: "C;".into(),
        ..Settings::default()
    };
    assert!(s.airline_code().is_err());
    let mut s = Settings::default();
    assert_eq!(
        s.airline_code().ok().map(|c| c.as_str().to_string()),
        Some("CA".into())
    );
    s.apply_env(|name| (name == "SKYDESK_AIRLINE_CODE").then(|| "mu".to_string()))
        .expect("valid environment");
    assert_eq!(
        s.airline_code().ok().map(|c| c.as_str().to_string()),
        Some("MU".into())
    );
}

#[test]
fn an_unknown_keymap_preset_is_an_error() {
    let mut s = Settings::default();
    assert!(s.keymap_preset().is_ok());
    s.apply_env(|name| (name == "SKYDESK_KEYMAP_PRESET").then(|| "vim".into()))
        .expect("valid environment");
    assert_eq!(s.keymap_preset().ok(), Keymap::preset("vim"));
    for bad in ["emacs", "Vim", " default", "\u{1b}[2J", "默认"] {
        let s = Settings {
            keymap_preset: bad.into(),
            ..Settings::default()
        };
        let message = s.keymap_preset().expect_err(bad).to_string();
        assert!(message.contains("use default or vim"), "{message}");
        assert!(!message.contains('\u{1b}'), "{message:?}");
    }
    let from_file: Settings = toml::from_str("keymap_preset = \"emacs\"").expect("parses");
    assert!(from_file.keymap_preset().is_err());
}

#[test]
fn the_settings_page_example_is_a_valid_config_of_the_defaults() {
    let page = include_str!("../../docs/settings.md");
    let start = page
        .find("```toml\n# config.toml\n")
        .expect("docs/settings.md has a config.toml example");
    let body = &page[start + "```toml\n".len()..];
    let example = &body[..body.find("```").expect("the example ends")];
    let s: Settings = toml::from_str(example).expect("the example is valid");
    let defaults = Settings::default();
    assert_eq!(s.lines, defaults.lines);
    assert_eq!(s.http, defaults.http);
    assert_eq!(
        (s.listen.as_str(), s.server.as_str(), s.region.as_str()),
        (
            defaults.listen.as_str(),
            defaults.server.as_str(),
            defaults.region.as_str()
        )
    );
    assert_eq!(s.keymap_preset().ok(), defaults.keymap_preset().ok());
    assert!(s.airline_code().is_ok() && s.http_limits().is_ok());
    assert_eq!(s.centre_time().ok(), defaults.centre_time().ok());
    assert!(s.floor().is_ok(), "{:?}", s.floor().err());
    assert_eq!(s.floor, defaults.floor);
    assert_eq!(
        (s.bell, s.airline_code.as_str()),
        (defaults.bell, defaults.airline_code.as_str())
    );
}

#[test]
fn work_settings_come_from_the_file() {
    let s: Settings = toml::from_str(
        "[wrap_up]\ndefault_mode = { mode = \"mandatory\" }\n\
         [[complaints.categories]]\ncode = \"noise\"\nlabel = \"Noise\"\n\
         acknowledge_hours = 4\nresolve_days = 3\n",
    )
    .expect("valid settings");
    let work = s.casework().expect("valid work settings");
    assert_eq!(work.complaints.categories.len(), 1);
    assert_eq!(
        work.wrap_up.mode_for(Some("vip")),
        crate::domain::casework::WrapUpMode::Mandatory
    );
    assert_eq!(work.recovery, RecoveryPolicy::default());
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("recovery.toml");
    std::fs::write(&path, "[meals]\nfrom_delay_minutes = -5\n").expect("write");
    let s = Settings {
        recovery_policy: Some(path),
        ..Settings::default()
    };
    let err = s.casework().expect_err("broken policy").to_string();
    assert!(err.contains("line 2"), "{err}");
    let s: Settings = toml::from_str("[[complaints.categories]]\ncode = \"Bad Code\"\nlabel = \"x\"\nacknowledge_hours = 1\nresolve_days = 1\n").expect("parses");
    assert!(s.casework().is_err());
}

#[test]
fn db_defaults_to_the_data_dir() {
    let s = Settings {
        data_dir: Some("/tmp/sd".into()),
        ..Settings::default()
    };
    assert_eq!(
        s.db_url().ok().as_deref(),
        Some("sqlite:///tmp/sd/skydesk.db")
    );
}

#[test]
fn http_limits_come_from_the_file_and_the_environment() {
    let mut s: Settings = toml::from_str("[http]\nheader_timeout_secs = 5\nmax_connections = 64")
        .expect("valid settings");
    s.apply_env(|name| (name == "SKYDESK_HTTP_BODY_TIMEOUT_SECS").then(|| "7".into()))
        .expect("valid environment");
    let limits = s.http_limits().expect("valid limits");
    assert_eq!(limits.header_read, Duration::from_secs(5));
    assert_eq!(limits.body_read, Duration::from_secs(7));
    assert_eq!(limits.request, HttpLimits::default().request);
    assert_eq!(limits.max_connections, 64);
}

#[test]
fn zero_or_garbage_http_limits_are_refused() {
    let s: Settings = toml::from_str("[http]\nmax_connections = 0").expect("parses");
    assert!(s.http_limits().is_err());
    let s: Settings = toml::from_str("[http]\nheader_timeout_secs = 0").expect("parses");
    assert!(s.http_limits().is_err());
    // Past what the connection cap can count, it would panic once serving.
    let s: Settings =
        toml::from_str("[http]\nmax_connections = 2305843009213693952").expect("parses");
    let err = s.http_limits().expect_err("2^61 connections");
    assert!(
        err.to_string().contains("http.max_connections")
            && err.to_string().contains("1 to 1000000"),
        "{err}"
    );
    assert!(toml::from_str::<Settings>("[http]\nidle = 3").is_err());
    for bad in ["0", "-1", "ten", "１０", "5\u{202e}"] {
        let mut s = Settings::default();
        let err = s
            .apply_env(|name| (name == "SKYDESK_HTTP_MAX_CONNECTIONS").then(|| bad.into()))
            .expect_err(bad);
        assert!(
            err.to_string().contains("SKYDESK_HTTP_MAX_CONNECTIONS"),
            "{err}"
        );
    }
}

#[test]
fn the_time_zone_is_an_iana_name_from_the_file_or_the_environment() {
    let s = Settings::default();
    assert_eq!(
        s.centre_time().ok().map(|z| z.name()),
        Some("Asia/Shanghai")
    );
    let mut s: Settings = toml::from_str("time_zone = \"Europe/London\"").expect("valid settings");
    assert_eq!(
        s.centre_time().ok().map(|z| z.name()),
        Some("Europe/London")
    );
    s.apply_env(|name| (name == "SKYDESK_TIME_ZONE").then(|| "America/New_York".into()))
        .expect("valid environment");
    assert_eq!(
        s.centre_time().ok().map(|z| z.name()),
        Some("America/New_York")
    );
    for bad in ["Beijing", "+08:00", "Asia/Shanghai "] {
        let s = Settings {
            time_zone: bad.into(),
            ..Settings::default()
        };
        let message = s.centre_time().expect_err(bad).to_string();
        assert!(message.contains("unknown time zone"), "{message}");
        assert!(message.contains("Asia/Shanghai"), "{message}");
    }
}

#[test]
fn the_old_utc_offset_is_refused_naming_the_time_zone() {
    let s: Settings =
        toml::from_str("[floor]\nutc_offset_minutes = 480\n").expect("read, to be refused");
    let message = s.floor().expect_err("refused").to_string();
    assert!(message.contains("floor.utc_offset_minutes"), "{message}");
    assert!(
        message.contains("time_zone = \"Asia/Shanghai\""),
        "{message}"
    );
    let s: Settings = toml::from_str("[floor]\nshort_abandon_seconds = 5\n").expect("valid");
    assert!(s.floor().is_ok());
}

#[test]
fn a_typo_inside_a_line_is_refused_by_name() {
    let good = "[[lines.lines]]\nnumber = \"4008100999\"\nname = \"VIP\"\nkind = \"vip_hotline\"\n";
    assert!(toml::from_str::<Settings>(good).is_ok());
    for typo in ["queu = \"vip\"\n", "nmae = \"x\"\n"] {
        let err = toml::from_str::<Settings>(&format!("{good}{typo}")).expect_err(typo);
        let name = typo.split(' ').next().unwrap_or_default();
        assert!(err.to_string().contains(name), "{err}");
    }
    let err = toml::from_str::<Settings>("[lines]\nlnes = []\n").expect_err("lnes");
    assert!(err.to_string().contains("lnes"), "{err}");
}

#[test]
fn the_entitlements_file_is_read_and_a_broken_one_says_where() {
    use crate::domain::vip::{DEFAULT_RULES, VipRules};
    let work = Settings::default().casework().expect("built-in rules");
    assert_eq!(*work.vip, VipRules::default());
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("entitlements.toml");
    let shorter = DEFAULT_RULES.replace("hold_warning_minutes = 15", "hold_warning_minutes = 30");
    std::fs::write(&path, &shorter).expect("write");
    let mut s = Settings::default();
    s.apply_env(|name| (name == "SKYDESK_ENTITLEMENTS").then(|| path.display().to_string()))
        .expect("env");
    assert_eq!(s.entitlements.as_deref(), Some(path.as_path()));
    assert_eq!(s.casework().expect("read").vip.hold_warning_minutes(), 30);
    let broken = DEFAULT_RULES.replace(r#"meal = "meal_preorder""#, r#"meal = "meals""#);
    std::fs::write(&path, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains(r#""meals""#))
        .expect("line")
        + 1;
    let err = s.casework().expect_err("broken").to_string();
    assert_eq!(
        err,
        format!(
            "entitlements {}: line {line}: unknown entitlement \"meals\": define it in `entitlements` first",
            path.display()
        )
    );
    let from_file: Settings =
        toml::from_str("entitlements = \"/nowhere/vip.toml\"").expect("parses");
    assert!(
        from_file
            .casework()
            .expect_err("missing")
            .to_string()
            .contains("/nowhere/vip.toml")
    );
}
