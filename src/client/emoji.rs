//! Emoji sequences whose width ratatui and terminals disagree on.
//!
//! ratatui gives a whole grapheme cluster one width (a flag or a family of
//! four is two cells), while many terminals draw its code points one by one
//! (a family is eight cells, a flag two separate letters). The cells after
//! such a cluster then no longer line up, and what the terminal drew past
//! ratatui's idea of the end stays on screen into the next frame. Each such
//! cluster is replaced by text both count the same way.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

const ZERO_WIDTH_JOINER: char = '\u{200d}';
const KEYCAP: char = '\u{20e3}';
/// What stands for a cluster that has no plain form.
pub const PLACEHOLDER: char = '?';

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// Code points that only modify the emoji before them.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c,
        ZERO_WIDTH_JOINER
        | KEYCAP
        | '\u{fe0e}' | '\u{fe0f}'           // text and emoji presentation selectors
        | '\u{1f3fb}'..='\u{1f3ff}'         // skin tones
        | '\u{e0020}'..='\u{e007f}'         // tags (subdivision flags)
    )
}

/// Whether `input` holds anything `plain_emoji` would change.
pub fn has_emoji_sequences(input: &str) -> bool {
    input
        .chars()
        .any(|c| is_regional_indicator(c) || is_emoji_modifier(c))
}

/// Flags become their two letters in brackets (`🇨🇳` → `[CN]`); a ZWJ
/// sequence, a skin tone or a presentation selector is dropped after a wide
/// emoji or an ASCII base (`👨‍👩‍👧‍👦` → `👨`, `1️⃣` → `1`); any other such
/// cluster becomes `?`. Everything else is kept as it is.
pub fn plain_emoji(input: &str) -> String {
    if !has_emoji_sequences(input) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    for cluster in input.graphemes(true) {
        if cluster.chars().any(is_regional_indicator) {
            out.push('[');
            out.extend(cluster.chars().filter_map(regional_letter));
            out.push(']');
        } else if cluster.chars().any(is_emoji_modifier) {
            match cluster.chars().next() {
                Some(base) if base.is_ascii_graphic() || base.width() == Some(2) => {
                    out.push(base);
                }
                Some(base) if is_emoji_modifier(base) => {}
                _ => out.push(PLACEHOLDER),
            }
        } else {
            out.push_str(cluster);
        }
    }
    out
}

fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1f1e6)?;
    (offset < 26).then(|| char::from(b'A' + offset as u8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// Cells a terminal that draws code point by code point would use.
    fn per_code_point(s: &str) -> usize {
        s.chars().filter_map(UnicodeWidthChar::width).sum()
    }

    #[test]
    fn sequences_become_text_both_sides_count_alike() {
        for (input, expected) in [
            ("Family👨‍👩‍👧‍👦", "Family👨"),
            ("Flag🇨🇳", "Flag[CN]"),
            ("🇬🇧🇨🇳", "[GB][CN]"),
            ("lone🇳", "lone[N]"),
            ("ok👍🏽", "ok👍"),
            ("1️⃣2", "12"),
            ("love❤️", "love?"),
            ("🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴"),
            ("🏳️‍🌈", "?"),
            ("a\u{fe0f}b", "ab"),
            ("\u{200d}x", "x"),
        ] {
            let plain = plain_emoji(input);
            assert_eq!(plain, expected, "{input:?}");
            assert_eq!(
                plain.width(),
                per_code_point(&plain),
                "{input:?} → {plain:?}"
            );
        }
    }

    #[test]
    fn other_scripts_and_plain_emoji_are_untouched() {
        for input in [
            "Zhang Wei",
            "张伟",
            "Ｆｕｌｌ",
            "Siobhán",
            "Sio\u{301}bhan",
            "สวัสดี",
            "한국어",
            "🙂 smile",
            "",
        ] {
            assert_eq!(plain_emoji(input), input);
        }
    }
}
