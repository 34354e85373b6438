//! Keymaps as data: shipped presets embedded in the binary, a user file on
//! top that overrides per key, `noop` to unbind, and multi-key sequences
//! resolved like a trie with a pending state.

mod context;
mod entry;
mod parse;
mod shadow;

use std::{collections::HashMap, path::Path};

use super::{
    action::Action,
    keys::{Key, sequence_label},
};

pub use context::{Context, ContextSpec};

pub const DEFAULT_PRESET: &str = include_str!("../../../keymaps/default.toml");
pub const VIM_PRESET: &str = include_str!("../../../keymaps/vim.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: String,
}

impl Binding {
    pub fn label(&self) -> String {
        sequence_label(&self.keys)
    }
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

/// What the keys typed so far mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'a> {
    Matched(Action),
    /// The start of one or more sequences: these could follow.
    Pending(Vec<&'a Binding>),
    NotFound,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    sections: HashMap<&'static str, Vec<Binding>>,
    /// Line and column of each binding in the file it was read from, for
    /// what `hidden_by` reports.
    positions: HashMap<(&'static str, Vec<Key>), (usize, usize)>,
}

impl Keymap {
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        parse::parse(text, Context::ALL)
    }

    /// The same, knowing the sections of `contexts` (a layer not yet
    /// registered in [`Context::ALL`] among them).
    pub fn parse_for(text: &str, contexts: &[Context]) -> Result<Keymap, KeymapError> {
        parse::parse(text, contexts)
    }

    pub fn load_file(path: &Path) -> Result<Keymap, KeymapError> {
        let bytes = std::fs::read(path).map_err(|e| KeymapError::Read(e.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| KeymapError::Read("the file is not UTF-8 text".into()))?;
        Keymap::parse(&text)
    }

    /// The names `keymap_preset` takes.
    pub const PRESETS: [&'static str; 2] = ["default", "vim"];

    /// A built-in preset; `None` for a name that is not one.
    pub fn preset(name: &str) -> Option<Keymap> {
        Keymap::checked_preset(name)?.ok()
    }

    /// A built-in preset, or why the one of that name does not parse;
    /// `None` for a name that is not one.
    pub fn checked_preset(name: &str) -> Option<Result<Keymap, KeymapError>> {
        match name {
            "default" => Some(Keymap::parse(DEFAULT_PRESET)),
            "vim" => Some(Keymap::parse(VIM_PRESET)),
            _ => None,
        }
    }

    /// Lays `user` over `self`: the same keys in a section replace the
    /// preset's binding, and `noop` unbinds them.
    pub fn overlay(mut self, user: Keymap) -> Keymap {
        for (section, bindings) in user.sections {
            let target = self.sections.entry(section).or_default();
            for binding in bindings {
                target.retain(|b| {
                    b.keys != binding.keys
                        && !b.keys.starts_with(&binding.keys)
                        && !binding.keys.starts_with(&b.keys)
                });
                target.push(binding);
            }
        }
        self
    }

    fn section(&self, context: Context) -> &[Binding] {
        self.sections.get(context.name()).map_or(&[], Vec::as_slice)
    }

    /// Every binding in force in a context, `noop`s included (they mask
    /// global keys): the context's own first, then global ones it does not
    /// override. In a text box a global key that types a character is left
    /// to the box.
    fn in_force(&self, context: Context) -> Vec<&Binding> {
        let own = self.section(context);
        let mut out: Vec<&Binding> = own.iter().collect();
        // Global keys work everywhere, help and the palette included.
        if context == Context::Global {
            return out;
        }
        for b in self.section(Context::Global) {
            let types = context.takes_text() && b.keys[0].typed_char().is_some();
            let overridden = own
                .iter()
                .any(|o| o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys));
            if !types && !overridden {
                out.push(b);
            }
        }
        out
    }

    /// Resolves the keys typed so far in a context.
    pub fn resolve(&self, context: Context, typed: &[Key]) -> Resolution<'_> {
        let candidates: Vec<&Binding> = self
            .in_force(context)
            .into_iter()
            .filter(|b| b.keys.starts_with(typed))
            .collect();
        if let Some(exact) = candidates.iter().find(|b| b.keys.len() == typed.len()) {
            return if exact.action == Action::Noop {
                Resolution::NotFound
            } else {
                Resolution::Matched(exact.action)
            };
        }
        let following: Vec<&Binding> = candidates
            .into_iter()
            .filter(|b| b.action != Action::Noop)
            .collect();
        if following.is_empty() {
            Resolution::NotFound
        } else {
            Resolution::Pending(following)
        }
    }

    /// The action one key runs in a context, ignoring sequences.
    pub fn action(&self, context: Context, key: &Key) -> Option<Action> {
        match self.resolve(context, std::slice::from_ref(key)) {
            Resolution::Matched(action) => Some(action),
            _ => None,
        }
    }

    /// The bindings in force in a context, for help.
    pub fn effective(&self, context: Context) -> Vec<&Binding> {
        self.in_force(context)
            .into_iter()
            .filter(|b| b.action != Action::Noop)
            .collect()
    }

    /// The first key sequence that runs `action` in a context.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.effective(context)
            .into_iter()
            .find(|b| b.action == action)
            .map(Binding::label)
    }

    /// The one description of `action` in a context, which the footer,
    /// help, which-key and the palette all show: the words of the key that
    /// runs it there, or, where no key does, the action's own.
    pub fn describe(&self, context: Context, action: Action) -> String {
        self.effective(context)
            .into_iter()
            .find(|b| b.action == action)
            .map_or_else(|| action.describe().to_string(), |b| b.desc.clone())
    }

    /// A few hints for the footer: one key per action, in file order.
    /// `useful` leaves out actions that would do nothing right now.
    pub fn hints(
        &self,
        context: Context,
        limit: usize,
        useful: impl Fn(Action) -> bool,
    ) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        let mut hints = Vec::new();
        for b in self.effective(context) {
            if seen.contains(&b.action) || !useful(b.action) {
                continue;
            }
            seen.push(b.action);
            hints.push((b.label(), b.desc.clone()));
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
mod preset_tests;
#[cfg(test)]
mod tests;
