//! A one-line text box whose cursor is the terminal's own: input methods
//! (Chinese ones among them) open their candidate window where the
//! terminal's cursor is. The cursor goes after the text by display width;
//! text wider than the box scrolls so the end being typed stays in view.

use ratatui::{
    Frame,
    layout::{Position, Rect},
    text::Line,
    widgets::{Block, Paragraph},
};
use unicode_width::UnicodeWidthChar;

/// The end of `text` that fits in `width` columns with room for the
/// cursor after it, and the cursor's column.
pub fn visible_tail(text: &str, width: u16) -> (&str, u16) {
    let room = usize::from(width.saturating_sub(1));
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    (&text[start..], used as u16)
}

/// Draws `text` in `block` over `area` and puts the terminal's cursor
/// after it.
pub fn draw(frame: &mut Frame, area: Rect, text: &str, block: Block) {
    let inner = block.inner(area);
    let (shown, cursor) = visible_tail(text, inner.width);
    frame.render_widget(
        Paragraph::new(Line::raw(shown.to_string())).block(block),
        area,
    );
    if inner.width > 0 && inner.height > 0 {
        frame.set_cursor_position(Position::new(inner.x + cursor, inner.y));
    }
}

#[cfg(test)]
mod tests {
    use super::visible_tail;

    #[test]
    fn the_cursor_follows_display_width() {
        assert_eq!(visible_tail("", 10), ("", 0));
        assert_eq!(visible_tail("li", 10), ("li", 2));
        assert_eq!(visible_tail("王桂英", 10), ("王桂英", 6));
    }

    #[test]
    fn a_long_paste_keeps_its_end_and_the_cursor_in_view() {
        assert_eq!(visible_tail("abcdefghij", 5), ("ghij", 4));
        // A wide character that would straddle the edge is left out.
        assert_eq!(visible_tail("王桂英", 6), ("桂英", 4));
        assert_eq!(visible_tail("abc", 0), ("", 0));
        assert_eq!(visible_tail("abc", 1), ("", 0));
    }
}
