//! A one-line text box whose cursor is the terminal's own: input methods
//! (Chinese ones among them) open their candidate window where the
//! terminal's cursor is. The cursor goes after the text by display width;
//! text wider than the box scrolls so the end being typed stays in view.

use std::cell::Cell;

use ratatui::{
    buffer::Buffer,
    layout::{Position, Rect},
    text::Line,
    widgets::{Block, Paragraph, Widget},
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

/// Where the terminal's cursor goes. A buffer has no cursor: a text box
/// notes its spot here as it is drawn, and the frame's top function puts
/// the terminal's cursor on the last spot noted (none: it stays hidden).
#[derive(Debug, Default, PartialEq)]
pub struct CursorSpot(Cell<Option<Position>>);

impl CursorSpot {
    pub fn get(&self) -> Option<Position> {
        self.0.get()
    }
}

/// `text` in `block`, the terminal's cursor after it.
pub struct TextBox<'a> {
    pub text: &'a str,
    pub block: Block<'a>,
    pub cursor: &'a CursorSpot,
}

impl Widget for &TextBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = self.block.inner(area);
        let (shown, cursor) = visible_tail(self.text, inner.width);
        Paragraph::new(Line::raw(shown.to_string()))
            .block(self.block.clone())
            .render(area, buf);
        if inner.width > 0 && inner.height > 0 {
            self.cursor
                .0
                .set(Some(Position::new(inner.x + cursor, inner.y)));
        }
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
