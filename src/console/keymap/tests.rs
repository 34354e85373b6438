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
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{messages:?}");
    assert!(
        messages[0].contains("is a list of bindings"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("is a list of bindings"),
        "{messages:?}"
    );
    assert!(messages[2].contains("unknown section"), "{messages:?}");
    assert!(messages[3].contains("is a table"), "{messages:?}");
    for message in &messages {
        assert!(
            !message.contains('\u{1b}') && !message.contains('\u{202e}'),
            "{message:?}"
        );
    }
}

fn problems(text: &str) -> Vec<KeymapProblem> {
    match Keymap::parse(text) {
        Err(KeymapError::Problems(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn a_bad_key_and_a_bad_action_are_both_reported() {
    let found = problems("call = [ { on = \"enterr\", run = \"explode\" } ]");
    let messages: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("1:17:") && messages[0].contains("not a key name"));
    assert!(messages[1].starts_with("1:33:") && messages[1].contains("unknown action"));
}

#[test]
fn every_file_level_problem_is_reported_with_an_example() {
    let text = "global = [\n  { on = \"q\", run = \"quit\", extra = 1 },\n  { on = \"w\" },\n  { on = 5, run = [\"quit\"], desc = 3 },\n  \"x\",\n]\n\n[call]\n\"ctrl-k\" = \"open_palette\"\n\n[ringing]\non = \"h\"\nrun = \"hang_up\"\n";
    let found = problems(text);
    let messages: Vec<String> = found.iter().map(ToString::to_string).collect();
    let at: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        at,
        vec![
            (2, 29),
            (3, 3),
            (4, 10),
            (4, 19),
            (4, 36),
            (5, 3),
            (8, 2),
            (11, 2)
        ],
        "{messages:?}"
    );
    for message in &messages {
        assert!(
            message.contains(r#"{ on = "#),
            "no example of the right shape: {message}"
        );
    }
    assert!(messages[0].contains("unknown field \"extra\""));
    assert!(messages[1].contains("needs `run`"));
    assert!(messages[6].contains(r#"call = [ { on = "ctrl-k", run = "open_palette" } ]"#));
    assert!(messages[7].contains(r#"ringing = [ { on = "h", run = "hang_up" } ]"#));
}

#[test]
fn toml_that_cannot_be_read_is_placed_and_shown_the_shape() {
    let found = problems("call = [ { on = \"h\", run = \"hang_up\" }\n\nwaiting = [");
    assert!(!found.is_empty());
    for p in &found {
        assert!(p.line >= 1 && p.column >= 1, "{p}");
        assert!(p.message.contains("call = [ {"), "{p}");
    }
}

fn preset() -> Keymap {
    Keymap::parse(
        "global = [ { on = \"?\", run = \"help\", desc = \"help\" } ]\n\
         call = [\n\
           { on = \"esc\", run = \"show_chooser\", desc = \"all matches\" },\n\
           { on = [\"g\", \"c\"], run = \"show_chooser\", desc = \"go to chooser\" },\n\
           { on = [\"g\", \"s\"], run = \"open_search\", desc = \"go to search\" },\n\
         ]\n",
    )
    .expect("preset parses")
}

#[test]
fn a_user_key_that_hides_preset_sequences_is_reported() {
    let user = Keymap::parse("\ncall = [ { on = \"g\", run = \"hang_up\" } ]").expect("parses");
    let hidden = preset().hidden_by(&user);
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    let warning = hidden[0].to_string();
    assert!(warning.starts_with("2:17:"), "{warning}");
    for part in [
        "g hides the preset's",
        "g c (go to chooser, still on esc)",
        "g s (go to search, now on no key)",
        "[call]",
    ] {
        assert!(warning.contains(part), "{part:?} missing from {warning}");
    }
    // The same key replaced, or a key apart, hides nothing.
    for quiet in [
        "call = [ { on = [\"g\", \"c\"], run = \"hang_up\" } ]",
        "call = [ { on = \"x\", run = \"hang_up\" }, { on = \"esc\", run = \"noop\" } ]",
    ] {
        let user = Keymap::parse(quiet).expect("parses");
        assert_eq!(preset().hidden_by(&user), Vec::new(), "{quiet}");
    }
}

#[test]
fn a_user_sequence_over_a_preset_key_and_a_masked_global_are_reported() {
    let user = Keymap::parse(
        "call = [ { on = [\"esc\", \"x\"], run = \"hang_up\" } ]\nglobal = [ { on = \"g\", run = \"help\" } ]",
    )
    .expect("parses");
    let hidden = preset().hidden_by(&user);
    let messages: Vec<String> = hidden.iter().map(ToString::to_string).collect();
    assert_eq!(hidden.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("esc x hides the preset's esc (all matches"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("2:19:")
            && messages[1].contains("g (global) does nothing in [call]"),
        "{messages:?}"
    );
}

#[test]
fn shape_examples_are_bindings_that_work() {
    // A lone binding written as a table, its `on` a list, and a table of
    // fields with no action: never `on = "on"`.
    for (text, example) in [
        (
            "[call]\non = [\"g\", \"c\"]\nrun = \"hang_up\"\n",
            r#"call = [ { on = "ctrl-k", run = "hang_up" } ]"#,
        ),
        (
            "[call]\non = \"h\"\n",
            r#"call = [ { on = "h", run = "open_palette" } ]"#,
        ),
        (
            "[call]\nhelp = \"x\"\n\"ctrl-k\" = \"open_palette\"\n",
            r#"call = [ { on = "ctrl-k", run = "open_palette" } ]"#,
        ),
    ] {
        let Err(KeymapError::Problems(problems)) = Keymap::parse(text) else {
            panic!("refused: {text}")
        };
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(|m| m.contains(example)),
            "{text}: {messages:?}"
        );
        assert!(!messages.iter().any(|m| m.contains(r#"on = "on""#)));
    }
}

#[test]
fn a_desc_with_an_escape_sequence_is_refused_by_line() {
    let text = "global = [\n  { on = \"f2\", run = \"help\", desc = \"\\u001b[2Jboo\" },\n]\n";
    let Err(KeymapError::Problems(problems)) = Keymap::parse(text) else {
        panic!("refused")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 2);
    assert!(problems[0].message.contains("control characters"));
}
