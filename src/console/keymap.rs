//! Keymaps as data: shipped presets embedded in the binary, a user file on
//! top that overrides per key, and `noop` to unbind.

use std::{collections::HashMap, path::Path};

use serde::Deserialize;

use super::{
    action::Action,
    keys::{Key, key_label, parse_key},
};

pub const DEFAULT_PRESET: &str = include_str!("../../keymaps/default.toml");
pub const VIM_PRESET: &str = include_str!("../../keymaps/vim.toml");
/// Keymap files are a few kilobytes; anything huge is a mistake.
const MAX_FILE_BYTES: usize = 256 * 1024;

/// Where the agent is; each has its own section falling back to `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Waiting,
    Ringing,
    Call,
    Ended,
    Chooser,
    Search,
    Help,
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Waiting,
        Context::Ringing,
        Context::Call,
        Context::Ended,
        Context::Chooser,
        Context::Search,
        Context::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Waiting => "waiting",
            Context::Ringing => "ringing",
            Context::Call => "call",
            Context::Ended => "ended",
            Context::Chooser => "chooser",
            Context::Search => "search",
            Context::Help => "help",
        }
    }

    /// Contexts with a text box: unbound printable keys type into it.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Chooser | Context::Search)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    pub desc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for KeymapProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("cannot read the keymap file: {0}")]
    Read(String),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<KeymapProblem>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: toml::Spanned<String>,
    run: toml::Spanned<String>,
    #[serde(default)]
    desc: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    sections: HashMap<&'static str, Vec<Binding>>,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn action_named(name: &str) -> Option<Action> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        serde::de::IntoDeserializer::into_deserializer(name);
    Action::deserialize(de).ok()
}

impl Keymap {
    /// Parses one keymap file, collecting every problem with its position.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(KeymapError::Read(format!(
                "the file is larger than {MAX_FILE_BYTES} bytes"
            )));
        }
        let raw: toml::Table = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            KeymapError::Problems(vec![KeymapProblem {
                line,
                column,
                message: e.message().to_string(),
            }])
        })?;
        let spanned: HashMap<String, toml::Spanned<Vec<RawBinding>>> = toml::from_str(text)
            .map_err(|e| {
                let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
                KeymapError::Problems(vec![KeymapProblem {
                    line,
                    column,
                    message: e.message().to_string(),
                }])
            })?;
        let mut problems = Vec::new();
        let mut keymap = Keymap::default();
        for name in raw.keys() {
            let Some(entries) = spanned.get(name) else {
                continue;
            };
            let Some(context) = Context::ALL.into_iter().find(|c| c.name() == name) else {
                let (line, column) = line_col(text, entries.span().start);
                problems.push(KeymapProblem {
                    line,
                    column,
                    message: format!(
                        "unknown section {name:?} (expected one of {})",
                        Context::ALL.map(Context::name).join(", ")
                    ),
                });
                continue;
            };
            let mut seen: HashMap<Key, usize> = HashMap::new();
            let bindings = keymap.sections.entry(context.name()).or_default();
            for entry in entries.get_ref() {
                let key = parse_key(entry.on.get_ref());
                let action = action_named(entry.run.get_ref());
                let (key_line, key_col) = line_col(text, entry.on.span().start);
                match (&key, action) {
                    (Err(message), _) => problems.push(KeymapProblem {
                        line: key_line,
                        column: key_col,
                        message: message.clone(),
                    }),
                    (_, None) => {
                        let (line, column) = line_col(text, entry.run.span().start);
                        problems.push(KeymapProblem {
                            line,
                            column,
                            message: format!(
                                "unknown action {:?}",
                                entry.run.get_ref().chars().take(40).collect::<String>()
                            ),
                        });
                    }
                    (Ok(key), Some(action)) => {
                        if let Some(first) = seen.insert(*key, key_line) {
                            problems.push(KeymapProblem {
                                line: key_line,
                                column: key_col,
                                message: format!(
                                    "{} is bound twice in [{name}] (first on line {first})",
                                    key_label(key)
                                ),
                            });
                        } else {
                            bindings.push(Binding {
                                key: *key,
                                action,
                                desc: entry.desc.clone(),
                            });
                        }
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(keymap)
        } else {
            problems.sort_by_key(|p| (p.line, p.column));
            Err(KeymapError::Problems(problems))
        }
    }

    pub fn load_file(path: &Path) -> Result<Keymap, KeymapError> {
        let bytes = std::fs::read(path).map_err(|e| KeymapError::Read(e.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| KeymapError::Read("the file is not UTF-8 text".into()))?;
        Keymap::parse(&text)
    }

    pub fn preset(name: &str) -> Option<Keymap> {
        match name {
            "default" => Keymap::parse(DEFAULT_PRESET).ok(),
            "vim" => Keymap::parse(VIM_PRESET).ok(),
            _ => None,
        }
    }

    /// Lays `user` over `self`: same key in a section replaces, `noop` unbinds.
    pub fn overlay(mut self, user: Keymap) -> Keymap {
        for (section, bindings) in user.sections {
            let target = self.sections.entry(section).or_default();
            for binding in bindings {
                target.retain(|b| b.key != binding.key);
                target.push(binding);
            }
        }
        self
    }

    fn section(&self, context: Context) -> &[Binding] {
        self.sections.get(context.name()).map_or(&[], Vec::as_slice)
    }

    /// The action a key runs in a context; `None` if unbound (or `noop`).
    pub fn action(&self, context: Context, key: &Key) -> Option<Action> {
        let own = self.section(context).iter().find(|b| b.key == *key);
        let found = match own {
            Some(b) => Some(b),
            // In a text box an unbound character is typed, not a global command.
            None if context.takes_text() && key.typed_char().is_some() => None,
            None if context == Context::Help => None,
            None => self.section(Context::Global).iter().find(|b| b.key == *key),
        };
        found.map(|b| b.action).filter(|a| *a != Action::Noop)
    }

    /// The bindings in force in a context, its own first, for help.
    pub fn effective(&self, context: Context) -> Vec<&Binding> {
        let own = self.section(context);
        let mut out: Vec<&Binding> = own.iter().filter(|b| b.action != Action::Noop).collect();
        if context != Context::Help {
            for b in self.section(Context::Global) {
                if b.action != Action::Noop && !own.iter().any(|o| o.key == b.key) {
                    out.push(b);
                }
            }
        }
        out
    }

    /// A few hints for the footer: one key per action, in file order.
    pub fn hints(&self, context: Context, limit: usize) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        let mut hints = Vec::new();
        for b in self.effective(context) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            hints.push((key_label(&b.key), b.desc.clone()));
            if hints.len() == limit {
                break;
            }
        }
        hints
    }

    /// Every action some key runs, in any section.
    pub fn bound_actions(&self) -> Vec<Action> {
        self.sections.values().flatten().map(|b| b.action).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_presets_parse() {
        Keymap::parse(DEFAULT_PRESET).expect("default.toml parses");
        Keymap::parse(VIM_PRESET).expect("vim.toml parses");
    }

    #[test]
    fn every_bindable_action_has_a_key_in_the_default() {
        let bound = Keymap::parse(DEFAULT_PRESET)
            .expect("default parses")
            .bound_actions();
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
        let km = Keymap::parse(DEFAULT_PRESET).expect("default parses");
        let key = |s: &str| parse_key(s).expect("key");
        assert_eq!(
            km.action(Context::Waiting, &key("ctrl-c")),
            Some(Action::Quit)
        );
        assert_eq!(km.action(Context::Ringing, &key("a")), Some(Action::Accept));
        assert_eq!(
            km.action(Context::Chooser, &key("?")),
            None,
            "typed into the filter"
        );
        assert_eq!(km.action(Context::Chooser, &key("f1")), Some(Action::Help));
    }

    #[test]
    fn user_files_override_per_key_and_noop_unbinds() {
        let base = Keymap::parse(DEFAULT_PRESET).expect("default parses");
        let user = Keymap::parse(
            "ringing = [ { on = \"a\", run = \"noop\" }, { on = \"y\", run = \"accept\", desc = \"yes\" } ]",
        )
        .expect("user file parses");
        let km = base.overlay(user);
        let key = |s: &str| parse_key(s).expect("key");
        assert_eq!(km.action(Context::Ringing, &key("a")), None);
        assert_eq!(km.action(Context::Ringing, &key("y")), Some(Action::Accept));
        assert_eq!(
            km.action(Context::Ringing, &key("enter")),
            Some(Action::Accept)
        );
    }

    #[test]
    fn problems_are_reported_with_positions() {
        let text = "waiting = [\n  { on = \"q\", run = \"quit\" },\n  { on = \"q\", run = \"help\" },\n  { on = \"zz\", run = \"quit\" },\n  { on = \"x\", run = \"explode\" },\n]\nbogus = []\n";
        let Err(KeymapError::Problems(problems)) = Keymap::parse(text) else {
            panic!("expected problems");
        };
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 7], "{problems:?}");
        assert!(problems[0].message.contains("bound twice"));
        assert!(problems[2].message.contains("unknown action"));
        assert!(problems[3].message.contains("unknown section"));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        for text in [
            "",
            "\u{0}\u{1}\u{2}",
            "waiting = 3",
            "[waiting]\non = 1",
            &"x".repeat(300_000),
            "global = [ { on = \"\u{1b}[A\", run = \"quit\" } ]",
        ] {
            let _ = Keymap::parse(text);
        }
        assert!(Keymap::parse("waiting = 3").is_err());
        assert_eq!(Keymap::parse("").ok(), Some(Keymap::default()));
    }
}
