use super::*;
use crate::console::keys::parse_key;

fn key(s: &str) -> Key {
    parse_key(s).expect("key name")
}

fn default() -> Keymap {
    Keymap::parse(DEFAULT_PRESET).expect("default.toml parses")
}

#[test]
fn shipped_presets_parse() {
    default();
    Keymap::parse(VIM_PRESET).expect("vim.toml parses");
}

#[test]
fn every_bindable_action_has_a_key_in_the_default() {
    let bound = default().bound_actions();
    for action in Action::ALL {
        if action != Action::Noop {
            assert!(
                bound.contains(&action),
                "{action:?} has no key in default.toml"
            );
        }
    }
}

#[test]
fn sections_fall_back_to_global_but_text_boxes_type() {
    let km = default();
    assert_eq!(
        km.action(Context::Waiting, &key("ctrl-c")),
        Some(Action::QuitNow)
    );
    assert_eq!(
        km.action(Context::Ringing, &key("ctrl-a")),
        Some(Action::Accept)
    );
    assert_eq!(
        km.action(Context::Chooser, &key("?")),
        None,
        "typed into the filter"
    );
    assert_eq!(km.action(Context::Chooser, &key("f1")), Some(Action::Help));
    assert_eq!(
        km.action(Context::Help, &key("ctrl-c")),
        Some(Action::QuitNow),
        "global keys work in help too"
    );
}

#[test]
fn sequences_wait_for_their_next_key() {
    let km = default();
    match km.resolve(Context::Call, &[key("g")]) {
        Resolution::Pending(next) => assert!(next.iter().any(|b| b.action == Action::ShowChooser)),
        other => panic!("expected pending, got {other:?}"),
    }
    assert_eq!(
        km.resolve(Context::Call, &[key("g"), key("c")]),
        Resolution::Matched(Action::ShowChooser)
    );
    assert_eq!(
        km.resolve(Context::Call, &[key("g"), key("z")]),
        Resolution::NotFound
    );
}

#[test]
fn user_files_override_per_key_and_noop_unbinds() {
    let user = Keymap::parse("ringing = [ { on = \"ctrl-a\", run = \"noop\" }, { on = \"y\", run = \"accept\", desc = \"yes\" } ]\nglobal = [ { on = \"f1\", run = \"noop\" } ]")
        .expect("user file parses");
    let km = default().overlay(user);
    assert_eq!(km.action(Context::Ringing, &key("ctrl-a")), None);
    assert_eq!(km.action(Context::Ringing, &key("y")), Some(Action::Accept));
    assert_eq!(
        km.action(Context::Chooser, &key("ctrl-a")),
        Some(Action::Accept),
        "only the ringing section changed"
    );
    assert_eq!(km.action(Context::Waiting, &key("f1")), None);
    assert_eq!(
        km.key_for(Context::Ringing, Action::Accept).as_deref(),
        Some("y")
    );
}

#[test]
fn problems_are_reported_with_positions() {
    let text = "waiting = [\n  { on = \"q\", run = \"quit\" },\n  { on = \"q\", run = \"help\" },\n  { on = \"zz\", run = \"quit\" },\n  { on = \"x\", run = \"explode\" },\n  { on = [\"q\", \"w\"], run = \"help\" },\n]\nbogus = []\n";
    let Err(KeymapError::Problems(problems)) = Keymap::parse(text) else {
        panic!("expected problems");
    };
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 8], "{problems:?}");
    assert!(problems[0].message.contains("bound twice"));
    assert!(problems[1].message.contains("not a key name"));
    assert!(problems[2].message.contains("unknown action"));
    assert!(problems[3].message.contains("shadows"));
    assert!(problems[4].message.contains("unknown section"));
    assert_eq!(problems[2].column, 21, "the action's opening quote");
}

#[test]
fn broken_files_are_errors_not_panics() {
    let huge = "x".repeat(300_000);
    let long_sequence = "global = [ { on = [\"a\",\"b\",\"c\",\"d\",\"e\"], run = \"quit\" } ]";
    for text in [
        "\u{0}\u{1}\u{2}",
        "waiting = 3",
        "[waiting]\non = 1",
        huge.as_str(),
        "global = [ { on = \"\u{1b}[A\", run = \"quit\" } ]",
        "global = [ { on = [], run = \"quit\" } ]",
        long_sequence,
        "global = [ { on = \"q\", run = \"quit\", extra = 1 } ]",
        "global = [ { on = \"張\", run = \"quit\", desc = \"\u{202e}\" } ]",
    ] {
        let _ = Keymap::parse(text);
    }
    assert!(Keymap::parse("waiting = 3").is_err());
    assert!(Keymap::parse(long_sequence).is_err());
    assert_eq!(Keymap::parse("").ok(), Some(Keymap::default()));
}

#[test]
fn a_section_written_as_a_table_is_told_its_shape() {
    let Err(KeymapError::Problems(problems)) =
        Keymap::parse("waiting = \"quit\"\n\n[call]\n\"ctrl-k\" = \"open_palette\"\n")
    else {
        panic!("refused")
    };
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{messages:?}");
    assert!(
        messages[1].contains(r#"call = [ { on = "ctrl-k", run = "open_palette" } ]"#),
        "{messages:?}"
    );
    assert!(messages[0].starts_with("1:"), "{messages:?}");
    assert!(!messages.iter().any(|m| m.contains("invalid type")));
}

#[test]
fn shape_problems_quote_hostile_and_non_ascii_names() {
    let text =
        "\"\\u001b[2J\" = { x = \"\\u202equit\" }\n\"呼叫\" = 7\n\"ＣＡＬＬ\" = [\"ctrl-k\"]\n";
    let Err(KeymapError::Problems(problems)) = Keymap::parse(text) else {
        panic!("refused")
    };
    assert_eq!(problems.len(), 3, "{problems:?}");
    for p in &problems {
        let message = p.to_string();
        assert!(message.contains("is a list of bindings"), "{message}");
        assert!(
            !message.contains('\u{1b}') && !message.contains('\u{202e}'),
            "{message:?}"
        );
    }
}
