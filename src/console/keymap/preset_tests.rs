//! The shipped presets against the console's contexts: every action
//! allowed somewhere has a key there, and a key means one thing everywhere.

use super::*;
use crate::console::keys::parse_key;

fn presets() -> [(&'static str, Keymap); 2] {
    ["default", "vim"].map(|name| (name, Keymap::preset(name).expect("preset parses")))
}

fn key(s: &str) -> Key {
    parse_key(s).expect("key name")
}

#[test]
fn every_allowed_action_has_a_key_in_every_context_of_both_presets() {
    for (name, km) in presets() {
        for context in Context::ALL.iter().copied() {
            for action in context.allowed_actions() {
                assert!(
                    km.key_for(context, *action).is_some(),
                    "{name}: {} has no key for {} (in its section or through global)",
                    context.name(),
                    action.name()
                );
            }
        }
    }
}

/// The contexts a call can be handled from.
const CALL_CONTEXTS: [Context; 5] = [
    Context::Ringing,
    Context::Call,
    Context::Chooser,
    Context::Search,
    Context::Profile,
];

#[test]
fn accept_and_hang_up_are_the_same_keys_on_every_call_screen() {
    for (name, km) in presets() {
        for action in [Action::Accept, Action::HangUp] {
            let keys: Vec<Option<String>> = CALL_CONTEXTS
                .iter()
                .filter(|c| c.allowed_actions().contains(&action))
                .map(|c| km.key_for(*c, action))
                .collect();
            assert!(
                keys.len() >= 4,
                "{name}: {action:?} allowed on call screens"
            );
            assert!(
                keys.windows(2).all(|w| w[0] == w[1]) && keys[0].is_some(),
                "{name}: {action:?} keys differ: {keys:?}"
            );
            // And that key never means anything else, anywhere.
            let label = keys[0].clone().unwrap_or_default();
            for context in Context::ALL.iter().copied() {
                let meaning = km.action(context, &key(&label));
                assert!(
                    meaning.is_none() || meaning == Some(action),
                    "{name}: {label} is {meaning:?} in {}",
                    context.name()
                );
            }
            // Never a plain letter a text box would otherwise take.
            assert!(key(&label).typed_char().is_none(), "{name}: {label}");
        }
    }
}

#[test]
fn esc_only_ever_goes_back_and_enter_never_accepts() {
    for (name, km) in presets() {
        for context in Context::ALL.iter().copied() {
            let esc = km.action(context, &key("esc"));
            assert!(
                esc == Some(Action::Close),
                "{name}: esc is {esc:?} in {}",
                context.name()
            );
            let enter = km.action(context, &key("enter"));
            assert_ne!(enter, Some(Action::Accept), "{name}: {}", context.name());
        }
    }
}

#[test]
fn global_keys_work_in_help_and_the_palette() {
    for (name, km) in presets() {
        for context in [Context::Help, Context::Palette, Context::Confirm] {
            assert_eq!(
                km.action(context, &key("ctrl-c")),
                Some(Action::QuitNow),
                "{name}: {}",
                context.name()
            );
            assert_eq!(
                km.action(context, &key("f1")),
                Some(Action::Help),
                "{name}: {}",
                context.name()
            );
        }
        assert_eq!(
            km.action(Context::Help, &key("ctrl-k")),
            Some(Action::OpenPalette),
            "{name}"
        );
        for context in [Context::Chooser, Context::Search] {
            assert_eq!(
                km.action(context, &key("ctrl-k")),
                Some(Action::OpenPalette),
                "{name}: the palette opens from {}",
                context.name()
            );
        }
    }
}

#[test]
fn the_arrows_move_wherever_there_is_something_to_move() {
    for (name, km) in presets() {
        for context in Context::ALL.iter().copied() {
            for (arrow, action) in [("down", Action::SelectNext), ("up", Action::SelectPrevious)] {
                if context.allowed_actions().contains(&action) {
                    assert_eq!(
                        km.action(context, &key(arrow)),
                        Some(action),
                        "{name}: {arrow} in {}",
                        context.name()
                    );
                }
            }
        }
    }
}

/// The footer, help, which-key and the palette show one description of an
/// action where the agent is, whichever key runs it.
#[test]
fn an_action_reads_the_same_on_every_key_that_runs_it_in_a_context() {
    for (name, km) in presets() {
        for context in Context::ALL.iter().copied() {
            for binding in km.effective(context) {
                assert_eq!(
                    binding.desc,
                    km.describe(context, binding.action),
                    "{name}: [{}] {} reads differently from the first key for {}",
                    context.name(),
                    binding.label(),
                    binding.action.name()
                );
            }
        }
    }
}
