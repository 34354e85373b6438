//! Keys to a multi-line editor (ratatui-textarea), for the note and
//! complaint forms.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui_textarea::{Input, Key as EditKey};

use crate::console::keys::Key;

/// The editor's form of a key (the keymap already took what it binds).
pub(crate) fn edit_input(key: &Key) -> Option<Input> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let key = match key.code {
        KeyCode::Char(c) => EditKey::Char(c),
        KeyCode::Enter => EditKey::Enter,
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Up => EditKey::Up,
        KeyCode::Down => EditKey::Down,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        KeyCode::PageUp => EditKey::PageUp,
        KeyCode::PageDown => EditKey::PageDown,
        _ => return None,
    };
    Some(Input {
        key,
        ctrl,
        alt,
        shift,
    })
}
