//! Reading a keymap file, collecting every problem with its line and column.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Binding, Context, Keymap, KeymapError, KeymapProblem};
use crate::console::{
    action::Action,
    keys::{Key, parse_key, sequence_label},
};

/// Keymap files are a few kilobytes; anything huge is a mistake.
const MAX_FILE_BYTES: usize = 256 * 1024;
const MAX_SEQUENCE: usize = 4;

#[derive(Deserialize)]
#[serde(untagged)]
enum On {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: toml::Spanned<On>,
    run: toml::Spanned<String>,
    #[serde(default)]
    desc: String,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn problem_at(text: &str, offset: usize, message: String) -> KeymapProblem {
    let (line, column) = line_col(text, offset);
    KeymapProblem {
        line,
        column,
        message,
    }
}

fn action_named(name: &str) -> Option<Action> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        serde::de::IntoDeserializer::into_deserializer(name);
    Action::deserialize(de).ok()
}

fn toml_problem(text: &str, e: toml::de::Error) -> KeymapError {
    let offset = e.span().map_or(0, |s| s.start);
    KeymapError::Problems(vec![problem_at(text, offset, e.message().to_string())])
}

fn parse_sequence(on: &On) -> Result<Vec<Key>, String> {
    let names: Vec<&str> = match on {
        On::One(name) => vec![name.as_str()],
        On::Many(names) => names.iter().map(String::as_str).collect(),
    };
    if names.is_empty() || names.len() > MAX_SEQUENCE {
        return Err(format!("a binding has 1 to {MAX_SEQUENCE} keys"));
    }
    names.into_iter().map(parse_key).collect()
}

/// A value as TOML would write it, for an example built from the user's
/// own entry.
fn toml_literal(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

/// A section must be a list of bindings. A table (`[call]` with
/// `"ctrl-k" = "open_palette"` under it) or a bare value is a common first
/// guess: say what the shape is, with a one-line example.
fn shape_problems(text: &str) -> Vec<KeymapProblem> {
    let Ok(sections) = toml::from_str::<HashMap<String, toml::Spanned<toml::Value>>>(text) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (name, value) in &sections {
        let (on, run) = match value.get_ref() {
            toml::Value::Array(items) if items.iter().all(toml::Value::is_table) => continue,
            toml::Value::Table(table) => table
                .iter()
                .next()
                .map(|(key, action)| (format!("{key:?}"), toml_literal(action)))
                .unwrap_or_else(|| ("\"ctrl-k\"".into(), "\"open_palette\"".into())),
            _ => ("\"ctrl-k\"".into(), "\"open_palette\"".into()),
        };
        let shown: String = name.chars().take(40).collect();
        // A bare key only when it is one; anything else quoted and escaped.
        let bare = !shown.is_empty()
            && shown
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let key = if bare {
            shown.clone()
        } else {
            format!("{shown:?}")
        };
        problems.push(problem_at(
            text,
            value.span().start,
            format!(
                "section {shown:?} is a list of bindings, one table each, e.g. \
                 {key} = [ {{ on = {on}, run = {run} }} ]"
            ),
        ));
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(KeymapError::Read(format!(
            "the file is larger than {MAX_FILE_BYTES} bytes"
        )));
    }
    let shape = shape_problems(text);
    if !shape.is_empty() {
        return Err(KeymapError::Problems(shape));
    }
    // Parsed twice: once for the section order, once for the spans.
    let order: toml::Table = toml::from_str(text).map_err(|e| toml_problem(text, e))?;
    let sections: HashMap<String, toml::Spanned<Vec<RawBinding>>> =
        toml::from_str(text).map_err(|e| toml_problem(text, e))?;
    let mut problems = Vec::new();
    let mut keymap = Keymap::default();
    for name in order.keys() {
        let Some(entries) = sections.get(name) else {
            continue;
        };
        let Some(context) = Context::ALL.into_iter().find(|c| c.name() == name) else {
            let expected = Context::ALL.map(Context::name).join(", ");
            problems.push(problem_at(
                text,
                entries.span().start,
                format!("unknown section {name:?} (expected one of {expected})"),
            ));
            continue;
        };
        let mut lines: Vec<(Vec<Key>, usize)> = Vec::new();
        let bindings = keymap.sections.entry(context.name()).or_default();
        for entry in entries.get_ref() {
            let on_at = entry.on.span().start;
            let keys = match parse_sequence(entry.on.get_ref()) {
                Ok(keys) => keys,
                Err(message) => {
                    problems.push(problem_at(text, on_at, message));
                    continue;
                }
            };
            let Some(action) = action_named(entry.run.get_ref()) else {
                let shown: String = entry.run.get_ref().chars().take(40).collect();
                problems.push(problem_at(
                    text,
                    entry.run.span().start,
                    format!("unknown action {shown:?}"),
                ));
                continue;
            };
            let (line, _) = line_col(text, on_at);
            if let Some((_, first)) = lines.iter().find(|(k, _)| *k == keys) {
                let message = format!(
                    "{} is bound twice in [{name}] (first on line {first})",
                    sequence_label(&keys)
                );
                problems.push(problem_at(text, on_at, message));
                continue;
            }
            // A sequence whose start is bound alone could never be typed.
            let shadow = lines.iter().find(|(k, _)| {
                (k.len() < keys.len() && keys.starts_with(k))
                    || (keys.len() < k.len() && k.starts_with(&keys))
            });
            if let Some((k, other)) = shadow {
                let (short, long) = if k.len() < keys.len() {
                    (k, &keys)
                } else {
                    (&keys, k)
                };
                let message = format!(
                    "{} shadows the sequence {} in [{name}] (line {other})",
                    sequence_label(short),
                    sequence_label(long)
                );
                problems.push(problem_at(text, on_at, message));
                continue;
            }
            lines.push((keys.clone(), line));
            bindings.push(Binding {
                keys,
                action,
                desc: entry.desc.clone(),
            });
        }
    }
    if problems.is_empty() {
        Ok(keymap)
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(KeymapError::Problems(problems))
    }
}
