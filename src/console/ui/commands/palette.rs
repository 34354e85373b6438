//! The command palette: a box near the top of the body, the input (the
//! terminal's cursor in it), then the ranked commands with their keys.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    style::Style,
    text::{Line, Span},
    widgets::{Block, Clear, List, ListItem, ListState, StatefulWidget, Widget},
};
use unicode_width::UnicodeWidthStr;

use crate::console::app::{Palette, PaletteRow};
use crate::console::ui::{
    text_box::{CursorSpot, TextBox},
    theme::Theme,
};

fn row_line(row: &PaletteRow, width: usize, theme: Theme) -> Line<'static> {
    if let Some(why) = row.unavailable {
        return unavailable_line(row, why, width, theme);
    }
    let mut spans: Vec<Span> = row
        .text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let style = if row.highlights.contains(&i) {
                theme.highlight()
            } else {
                Style::new()
            };
            Span::styled(c.to_string(), style)
        })
        .collect();
    let key = row.key.clone().unwrap_or_default();
    let used = row.text.width() + key.width() + 3;
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans.push(Span::styled(key, theme.key()));
    Line::from(spans)
}

/// A command that would do nothing now: dim, with why in place of its key.
fn unavailable_line(row: &PaletteRow, why: &str, width: usize, theme: Theme) -> Line<'static> {
    let text = format!("{} · {why}", row.text);
    let shown = crate::console::ui::columns::fit(&text, width);
    Line::from(Span::styled(shown, theme.dim()))
}

pub struct PaletteView<'a> {
    pub palette: &'a Palette,
    pub theme: Theme,
    pub cursor: &'a CursorSpot,
}

impl Widget for &PaletteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let palette = self.palette;
        let theme = self.theme;
        let width = 60.min(area.width);
        let height = (palette.rows.len() as u16 + 5).min(area.height);
        let [column] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length(height)]).areas(column);
        Clear.render(popup, buf);
        let [input_area, list_area] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(popup);
        let inner = usize::from(width.saturating_sub(4));
        let items: Vec<ListItem> = palette
            .rows
            .iter()
            .map(|r| ListItem::new(row_line(r, inner, theme)))
            .collect();
        let empty = items.is_empty();
        let title = if empty {
            " no command matches ".to_string()
        } else {
            format!(" {} of {} ", palette.selected + 1, palette.rows.len())
        };
        let list = List::new(items)
            .block(Block::bordered().title(title))
            .highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected((!empty).then_some(palette.selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
        TextBox {
            text: &palette.input,
            block: Block::bordered().title(format!(" Commands · {} ", palette.behind.name())),
            cursor: self.cursor,
        }
        .render(input_area, buf);
    }
}
