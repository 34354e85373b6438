//! One section and one binding of a keymap file, read field by field so
//! that every problem is found, not only the first: a wrong shape, an
//! unknown or missing field, a bad key and a bad action all at once.

use serde::Deserialize;
use toml::{
    Spanned,
    de::{DeTable, DeValue},
};

use super::parse::Problems;
use crate::{
    console::{
        action::Action,
        keys::{Key, parse_key},
    },
    domain::text,
};

const MAX_SEQUENCE: usize = 4;
/// Names quoted from the file are cut to this many characters.
const SHOWN: usize = 40;
/// One binding of the right shape, quoted in every problem about shape.
pub const BINDING_EXAMPLE: &str = r#"{ on = "ctrl-k", run = "open_palette", desc = "commands" }"#;

/// A binding as read: `keys` or `action` is `None` when that part is bad
/// (and its problem is already reported).
pub struct Entry {
    pub keys: Option<Vec<Key>>,
    pub action: Option<Action>,
    pub desc: String,
    /// Where `on` starts, or the binding when it has none.
    pub at: usize,
}

/// Text quoted from the file as a TOML string: escaped, so escape
/// sequences and bidi overrides are shown, never acted on.
pub fn quoted(text: &str) -> String {
    let shown: String = text.chars().take(SHOWN).collect();
    format!("{shown:?}")
}

/// A section name as TOML would write it: bare when it may be, else quoted.
fn section_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name.chars().count() <= SHOWN
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { name.to_string() } else { quoted(name) }
}

/// A section's bindings, or a problem saying what shape a section takes,
/// with a one-line example built from what the user wrote when it can be.
pub fn section_items<'a, 'i>(
    problems: &mut Problems<'_>,
    name: &Spanned<std::borrow::Cow<'i, str>>,
    value: &'a Spanned<DeValue<'i>>,
) -> Option<&'a [Spanned<DeValue<'i>>]> {
    let (on, run) = match value.get_ref() {
        DeValue::Array(items) => return Some(items),
        DeValue::Table(table) => example_from(table),
        _ => (r#""ctrl-k""#.to_string(), r#""open_palette""#.to_string()),
    };
    problems.at(
        name.span().start,
        format!(
            "section {} is a list of bindings, one table each, e.g. {} = [ {{ on = {on}, run = {run} }} ]",
            quoted(name.get_ref()),
            section_key(name.get_ref())
        ),
    );
    None
}

/// `[call]` with `"ctrl-k" = "open_palette"` under it, or a lone binding
/// `call = { on = "h", run = "hang_up" }`: the example uses their key and
/// action when they are a key and an action, and the standard ones for
/// whatever is not, so it is always a binding that works.
fn example_from(table: &DeTable<'_>) -> (String, String) {
    fn text<'a>(value: Option<&'a Spanned<DeValue<'_>>>) -> Option<&'a str> {
        value.and_then(|v| v.get_ref().as_str())
    }
    let key = |v: &str| parse_key(v).is_ok().then(|| quoted(v));
    let action = |v: &str| action_named(v).is_some().then(|| quoted(v));
    let (on, run) = if table.get("on").is_some() || table.get("run").is_some() {
        (
            text(table.get("on")).and_then(key),
            text(table.get("run")).and_then(action),
        )
    } else {
        table
            .iter()
            .find_map(|(name, value)| {
                let on = key(name.get_ref())?;
                Some((Some(on), Some(action(text(Some(value))?)?)))
            })
            .unwrap_or((None, None))
    };
    (
        on.unwrap_or_else(|| r#""ctrl-k""#.into()),
        run.unwrap_or_else(|| r#""open_palette""#.into()),
    )
}

fn action_named(name: &str) -> Option<Action> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        serde::de::IntoDeserializer::into_deserializer(name);
    Action::deserialize(de).ok()
}

fn parse_sequence(on: &DeValue<'_>) -> Result<Vec<Key>, String> {
    let shape = || {
        format!(
            r#"`on` is a key name or a list of them: on = "ctrl-k" or on = ["g", "c"], as in {BINDING_EXAMPLE}"#
        )
    };
    let names: Vec<&str> = match on {
        DeValue::String(name) => vec![name.as_ref()],
        DeValue::Array(items) => items
            .iter()
            .map(|item| item.get_ref().as_str().ok_or_else(shape))
            .collect::<Result<_, _>>()?,
        _ => return Err(shape()),
    };
    if names.is_empty() || names.len() > MAX_SEQUENCE {
        return Err(format!("a binding has 1 to {MAX_SEQUENCE} keys"));
    }
    names.into_iter().map(parse_key).collect()
}

/// Reads one binding, reporting every problem in it.
pub fn read_entry(
    problems: &mut Problems<'_>,
    section: &str,
    item: &Spanned<DeValue<'_>>,
) -> Option<Entry> {
    let DeValue::Table(fields) = item.get_ref() else {
        problems.at(
            item.span().start,
            format!(
                "each binding in [{}] is a table, e.g. {} = [ {BINDING_EXAMPLE} ]",
                section.chars().take(SHOWN).collect::<String>(),
                section_key(section)
            ),
        );
        return None;
    };
    let (mut on, mut run, mut desc) = (None, None, String::new());
    for (field, value) in fields.iter() {
        match field.get_ref().as_ref() {
            "on" => on = Some(value),
            "run" => run = Some(value),
            "desc" => match value.get_ref().as_str() {
                // Help and hints draw it: it may not drive the terminal.
                Some(text) if text::clean(text) != text => problems.at(
                    value.span().start,
                    "`desc` contains control characters or escape sequences".to_string(),
                ),
                Some(text) => desc = text.to_string(),
                None => problems.at(
                    value.span().start,
                    format!("`desc` is text, as in {BINDING_EXAMPLE}"),
                ),
            },
            other => problems.at(
                field.span().start,
                format!(
                    "unknown field {} in a binding (it takes on, run and desc), e.g. {BINDING_EXAMPLE}",
                    quoted(other)
                ),
            ),
        }
    }
    let missing = |field: &str, what: &str| {
        format!("a binding needs `{field}`, {what}, e.g. {BINDING_EXAMPLE}")
    };
    let keys = match on {
        None => {
            problems.at(item.span().start, missing("on", "the key or keys"));
            None
        }
        Some(on) => parse_sequence(on.get_ref())
            .map_err(|message| problems.at(on.span().start, message))
            .ok(),
    };
    let action = match run {
        None => {
            problems.at(item.span().start, missing("run", "the action"));
            None
        }
        Some(run) => match run.get_ref().as_str() {
            Some(name) => {
                let action = action_named(name);
                if action.is_none() {
                    problems.at(run.span().start, format!("unknown action {}", quoted(name)));
                }
                action
            }
            None => {
                problems.at(
                    run.span().start,
                    format!("`run` is an action's name, as in {BINDING_EXAMPLE}"),
                );
                None
            }
        },
    };
    Some(Entry {
        keys,
        action,
        desc,
        at: on.map_or(item.span().start, |on| on.span().start),
    })
}
