//! Text from outside (the server, a CSV, a PBX) is untrusted: terminal escape
//! sequences could repaint or retitle the agent's screen and bidi overrides
//! can make a name read backwards. They are removed where text enters.

/// Removes escape sequences, control characters and bidi controls.
pub fn clean(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Text pasted into a multi-line editor: like `clean`, but its line breaks
/// kept (`\r\n` and `\r` read as `\n`) and a tab made spaces, since a
/// stored note may hold line breaks but no other control character.
pub fn clean_lines(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans and caps a field at `max` characters.
pub fn clean_capped(input: &str, max: usize) -> String {
    clean(input).chars().take(max).collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        // OSC, DCS, APC, PM, SOS run until BEL or ESC \ (string terminator).
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(clean("\u{1b}[31mRED\u{1b}[0m"), "RED");
        assert_eq!(clean("a\u{1b}]0;pwned\u{7}b"), "ab");
        assert_eq!(clean("a\u{1b}]52;c;Zm9v\u{1b}\\b"), "ab");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("bell\u{7}\u{0}null"), "bellnull");
        assert_eq!(clean("line\nbreak"), "line break");
        assert_eq!(clean("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn pasted_lines_keep_their_breaks_and_lose_the_rest() {
        assert_eq!(
            clean_lines("one\r\ntwo\rthree\nfour"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(clean_lines("a\tb"), "a    b");
        assert_eq!(
            clean_lines("x\u{1b}]52;c;Zm9v\u{7}y\u{1b}[2J\nz\u{202e}!"),
            "xy\nz!"
        );
        assert_eq!(clean_lines("\r\n\r\n"), "\n\n");
    }

    #[test]
    fn bidi_overrides_are_removed_but_scripts_kept() {
        assert_eq!(clean("abc\u{202e}fed\u{202c}"), "abcfed");
        assert_eq!(clean("\u{2067}张伟\u{2069}"), "张伟");
        assert_eq!(clean("Müller 김민준 محمد"), "Müller 김민준 محمد");
    }

    #[test]
    fn capping_counts_characters_not_bytes() {
        assert_eq!(clean_capped("张伟张伟", 3), "张伟张");
    }
}
