//! Reading a keymap file, collecting every problem with its line and column.

use toml::de::DeTable;

use super::{
    Binding, Context, Keymap, KeymapError, KeymapProblem,
    entry::{BINDING_EXAMPLE, quoted, read_entry, section_items},
};
use crate::console::keys::{Key, sequence_label};

/// Keymap files are a few kilobytes; anything huge is a mistake.
const MAX_FILE_BYTES: usize = 256 * 1024;

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The problems found so far, each placed at its line and column.
pub struct Problems<'t> {
    text: &'t str,
    found: Vec<KeymapProblem>,
}

impl<'t> Problems<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            found: Vec::new(),
        }
    }

    pub fn at(&mut self, offset: usize, message: String) {
        let (line, column) = line_col(self.text, offset);
        self.found.push(KeymapProblem {
            line,
            column,
            message,
        });
    }

    fn into_result(mut self, keymap: Keymap) -> Result<Keymap, KeymapError> {
        if self.found.is_empty() {
            return Ok(keymap);
        }
        self.found.sort_by_key(|p| (p.line, p.column));
        Err(KeymapError::Problems(self.found))
    }
}

/// TOML the parser cannot read: every error it recovers from, each with
/// the shape the file should have.
fn syntax_problems(text: &str, errors: Vec<toml::de::Error>) -> KeymapError {
    let mut problems = Problems::new(text);
    for e in errors {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim_end().replace('\n', " ");
        problems.at(
            offset,
            format!(
                "{message} (a keymap is sections of bindings, e.g. call = [ {BINDING_EXAMPLE} ])"
            ),
        );
    }
    match problems.into_result(Keymap::default()) {
        Err(e) => e,
        Ok(_) => KeymapError::Read("the file cannot be read as TOML".into()),
    }
}

pub fn parse(text: &str, contexts: &[Context]) -> Result<Keymap, KeymapError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(KeymapError::Read(format!(
            "the file is larger than {MAX_FILE_BYTES} bytes"
        )));
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(syntax_problems(text, errors));
    }
    let mut problems = Problems::new(text);
    let mut keymap = Keymap::default();
    for (name, value) in root.get_ref().iter() {
        let Some(items) = section_items(&mut problems, name, value) else {
            continue;
        };
        let context = contexts
            .iter()
            .copied()
            .find(|c| c.name() == name.get_ref());
        if context.is_none() {
            let expected: Vec<&str> = contexts.iter().map(|c| c.name()).collect();
            let expected = expected.join(", ");
            problems.at(
                name.span().start,
                format!(
                    "unknown section {} (expected one of {expected})",
                    quoted(name.get_ref())
                ),
            );
        }
        // The bindings of an unknown section are still checked, so one
        // run of `keymap check` finds everything.
        let section = context.map_or_else(|| quoted(name.get_ref()), |c| c.name().to_string());
        let mut kept: Vec<(Vec<Key>, usize)> = Vec::new();
        for item in items {
            let Some(entry) = read_entry(&mut problems, name.get_ref(), item) else {
                continue;
            };
            let (Some(keys), Some(action)) = (entry.keys, entry.action) else {
                continue;
            };
            let (line, column) = line_col(text, entry.at);
            if let Some(message) = clash(&kept, &keys, &section) {
                problems.at(entry.at, message);
                continue;
            }
            kept.push((keys.clone(), line));
            if let Some(context) = context {
                keymap
                    .positions
                    .insert((context.name(), keys.clone()), (line, column));
                keymap
                    .sections
                    .entry(context.name())
                    .or_default()
                    .push(Binding {
                        keys,
                        action,
                        // A binding that says nothing reads as its action.
                        desc: if entry.desc.is_empty() {
                            action.describe().to_string()
                        } else {
                            entry.desc
                        },
                    });
            }
        }
    }
    problems.into_result(keymap)
}

/// A key bound twice in a section, or a sequence whose start is bound
/// alone (it could never be typed).
fn clash(kept: &[(Vec<Key>, usize)], keys: &[Key], section: &str) -> Option<String> {
    if let Some((_, first)) = kept.iter().find(|(k, _)| k == keys) {
        return Some(format!(
            "{} is bound twice in [{section}] (first on line {first})",
            sequence_label(keys)
        ));
    }
    let (k, other) = kept.iter().find(|(k, _)| {
        (k.len() < keys.len() && keys.starts_with(k))
            || (keys.len() < k.len() && k.starts_with(keys))
    })?;
    let (short, long) = if k.len() < keys.len() {
        (k.as_slice(), keys)
    } else {
        (keys, k.as_slice())
    };
    Some(format!(
        "{} shadows the sequence {} in [{section}] (line {other})",
        sequence_label(short),
        sequence_label(long)
    ))
}
