//! Key names as written in keymap files: `a`, `A`, `?`, `enter`, `ctrl-c`,
//! `alt-x`, `f5`, `space`.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Normalises a terminal key event: shift is folded into the character
    /// (`A`, never `shift-a`), and shift-tab is the BackTab terminals send.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        Some(Key::folded(event.code, modifiers))
    }

    /// The one form a key has, whether read from a file or a terminal.
    /// Terminals cannot tell ctrl-shift-a from ctrl-a, so control keeps
    /// the lower-case letter; without control, shift makes a letter
    /// upper-case (terminals that report shift beside a lower-case letter
    /// mean the same key).
    fn folded(code: KeyCode, mut modifiers: KeyModifiers) -> Key {
        let shifted = modifiers.contains(KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if shifted {
                    KeyCode::Char(upper_case(c).unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::Tab if shifted => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// The character a key types into a text box, if it types one.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if (self.modifiers - KeyModifiers::SHIFT).is_empty() => Some(c),
            _ => None,
        }
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

pub fn parse_key(text: &str) -> Result<Key, String> {
    if text.is_empty() || text.len() > 32 {
        return Err(format!("{text:?} is not a key name"));
    }
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (prefix_len, modifier) = if lower.starts_with("ctrl-") {
            (5, KeyModifiers::CONTROL)
        } else if lower.starts_with("alt-") {
            (4, KeyModifiers::ALT)
        } else if lower.starts_with("shift-") {
            (6, KeyModifiers::SHIFT)
        } else {
            break;
        };
        if rest.len() == prefix_len {
            break;
        }
        modifiers |= modifier;
        rest = &rest[prefix_len..];
    }
    let lower = rest.to_ascii_lowercase();
    let code = if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
        *code
    } else if let Some(n) = lower
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
    {
        KeyCode::F(n)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => return Err(format!("{text:?} is not a key name")),
        }
    };
    // Which character shift gives on a digit or a sign depends on the
    // keyboard layout; the terminal sends that character, so it is the name.
    if let KeyCode::Char(c) = code
        && modifiers.contains(KeyModifiers::SHIFT)
        && !modifiers.contains(KeyModifiers::CONTROL)
        && c != ' '
        && upper_case(c).is_none()
        && !c.is_uppercase()
    {
        return Err(format!(
            "{text:?} is not a key name: write the character shift types (\"!\", not \"shift-1\")"
        ));
    }
    Ok(Key::folded(code, modifiers))
}

/// The upper-case form of a letter, when it is one other character.
fn upper_case(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

/// The name a key is shown by in help and the footer.
pub fn key_label(key: &Key) -> String {
    let mut label = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        label.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        label.push_str("alt-");
    }
    if key.modifiers.contains(KeyModifiers::SHIFT) {
        label.push_str("shift-");
    }
    match key.code {
        KeyCode::Char(' ') => label.push_str("space"),
        // What the key is called on the keyboard; `backtab` reads the same.
        KeyCode::BackTab => label.push_str("shift-tab"),
        KeyCode::Char(c) => label.push(c),
        KeyCode::F(n) => label.push_str(&format!("f{n}")),
        code => {
            let name = NAMED
                .iter()
                .find(|(_, c)| *c == code)
                .map_or("?", |(n, _)| n);
            label.push_str(name);
        }
    }
    label
}

/// `g g`, `space c`: a sequence as shown in help and which-key.
pub fn sequence_label(keys: &[Key]) -> String {
    keys.iter().map(key_label).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_parse_and_print_back() {
        for name in [
            "a",
            "A",
            "?",
            "enter",
            "esc",
            "ctrl-c",
            "alt-x",
            "f5",
            "space",
            "ctrl-alt-d",
            "backtab",
        ] {
            let key = parse_key(name).expect(name);
            assert_eq!(parse_key(&key_label(&key)), Ok(key), "{name}");
        }
        assert_eq!(parse_key("CTRL-C"), parse_key("ctrl-c"));
    }

    #[test]
    fn bad_key_names_are_refused() {
        for name in [
            "",
            "enterr",
            "f13",
            "ctrl-",
            "ab",
            "\u{1b}",
            &"x".repeat(100),
        ] {
            assert!(parse_key(name).is_err(), "{name:?}");
        }
    }

    #[test]
    fn shift_and_a_letter_is_the_capital() {
        assert_eq!(parse_key("shift-a"), parse_key("A"));
        assert_eq!(parse_key("SHIFT-a"), parse_key("A"));
        assert_eq!(parse_key("shift-A"), parse_key("A"));
        assert_eq!(parse_key("alt-shift-a"), parse_key("alt-A"));
        assert_eq!(parse_key("shift-é"), parse_key("É"));
        assert_ne!(parse_key("shift-a"), parse_key("a"));
        // A terminal cannot tell ctrl-shift-a from ctrl-a.
        assert_eq!(parse_key("ctrl-shift-a"), parse_key("ctrl-a"));
        let shift_a = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shift_a), parse_key("shift-a").ok());
        // Some terminals report shift beside the lower-case letter.
        let reported_lower = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&reported_lower), parse_key("shift-a").ok());
    }

    #[test]
    fn shift_tab_is_the_backtab_terminals_send() {
        let backtab = parse_key("backtab");
        assert_eq!(parse_key("shift-tab"), backtab);
        assert_eq!(parse_key("shift-backtab"), backtab);
        for event in [
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT),
        ] {
            assert_eq!(Key::from_event(&event), parse_key("shift-tab").ok());
        }
        assert_eq!(
            backtab.clone().map(|k| key_label(&k)).as_deref(),
            Ok("shift-tab")
        );
        assert_ne!(parse_key("tab"), backtab);
    }

    #[test]
    fn shift_and_a_sign_names_the_character_instead() {
        for name in ["shift-1", "shift-/", "shift-张"] {
            let err = parse_key(name).expect_err(name);
            assert!(err.contains("write the character shift types"), "{err}");
        }
    }

    #[test]
    fn events_fold_shift_into_characters() {
        let event = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&event), parse_key("A").ok());
        let ctrl = KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&ctrl), parse_key("ctrl-c").ok());
    }
}
