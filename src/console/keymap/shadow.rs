//! What a user file takes away from the preset under it. A user binding
//! on `g` replaces the preset's `g c` and `g s` (a sequence cannot start
//! with a key that runs an action alone); that is allowed, but never
//! silent: `keymap check` and the console's first message say so.

use super::{Binding, Context, Keymap, KeymapProblem};
use crate::console::action::Action;

/// Whether one key sequence starts the other (but they are not the same).
fn overlaps(a: &Binding, b: &Binding) -> bool {
    a.keys != b.keys && (a.keys.starts_with(&b.keys) || b.keys.starts_with(&a.keys))
}

impl Keymap {
    /// The preset's bindings that `user` (a file laid over `self`) hides,
    /// each reported at the user binding that hides it.
    pub fn hidden_by(&self, user: &Keymap) -> Vec<KeymapProblem> {
        let merged = self.clone().overlay(user.clone());
        let mut warnings = Vec::new();
        for context in Context::ALL.iter().copied() {
            for u in user.section(context) {
                if u.action == Action::Noop {
                    continue;
                }
                let hidden: Vec<String> = self
                    .section(context)
                    .iter()
                    .filter(|p| p.action != Action::Noop && overlaps(p, u))
                    .map(|p| {
                        let now = merged.key_for(context, p.action).map_or_else(
                            || "now on no key".to_string(),
                            |k| format!("still on {k}"),
                        );
                        format!("{} ({}, {now})", p.label(), p.desc)
                    })
                    .collect();
                if !hidden.is_empty() {
                    warnings.push(user.problem_at(
                        context,
                        u,
                        format!(
                            "{} hides the preset's {} in [{}]",
                            u.label(),
                            hidden.join(", "),
                            context.name()
                        ),
                    ));
                }
            }
        }
        warnings.extend(user.globals_masked(&merged));
        warnings.sort_by_key(|p| (p.line, p.column));
        warnings
    }

    /// The user's global bindings that do nothing in some context, because
    /// a sequence there starts with them (or they start one).
    fn globals_masked(&self, merged: &Keymap) -> Vec<KeymapProblem> {
        let mut warnings = Vec::new();
        for u in self.section(Context::Global) {
            if u.action == Action::Noop {
                continue;
            }
            let types = u.keys[0].typed_char().is_some();
            let mut masked = Vec::new();
            for context in Context::ALL.iter().copied() {
                if context == Context::Global || (context.takes_text() && types) {
                    continue;
                }
                if let Some(o) = merged
                    .section(context)
                    .iter()
                    .find(|o| o.action != Action::Noop && overlaps(o, u))
                {
                    masked.push(format!("[{}] ({} {})", context.name(), o.label(), o.desc));
                }
            }
            if !masked.is_empty() {
                warnings.push(self.problem_at(
                    Context::Global,
                    u,
                    format!(
                        "{} (global) does nothing in {}, where a sequence shares its start",
                        u.label(),
                        masked.join(", ")
                    ),
                ));
            }
        }
        warnings
    }

    fn problem_at(&self, context: Context, binding: &Binding, message: String) -> KeymapProblem {
        let (line, column) = self
            .positions
            .get(&(context.name(), binding.keys.clone()))
            .copied()
            .unwrap_or((1, 1));
        KeymapProblem {
            line,
            column,
            message,
        }
    }
}
