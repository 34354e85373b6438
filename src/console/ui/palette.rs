use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget},
};

use super::theme;
use crate::console::app::{Palette, PaletteRow};

fn row_line(row: &PaletteRow, width: usize) -> Line<'static> {
    let mut spans: Vec<Span> = row
        .text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let style = if row.highlights.contains(&i) {
                theme::HIGHLIGHT
            } else {
                ratatui::style::Style::new()
            };
            Span::styled(c.to_string(), style)
        })
        .collect();
    let key = row.key.clone().unwrap_or_default();
    let used = row.text.chars().count() + key.chars().count() + 3;
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans.push(Span::styled(key, theme::KEY));
    Line::from(spans)
}

/// A box near the top of the body: the input, then the ranked commands.
impl Widget for &Palette {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

fn render(palette: &Palette, area: Rect, buf: &mut Buffer) {
    let width = 60.min(area.width);
    let height = (palette.rows.len() as u16 + 5).min(area.height);
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).areas(column);
    Clear.render(popup, buf);
    let [input_area, list_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(popup);
    let input = Paragraph::new(Line::from(vec![
        Span::raw(palette.input.clone()),
        Span::styled("▏", theme::KEY),
    ]))
    .block(Block::bordered().title(format!(" Commands · {} ", palette.behind.name())));
    input.render(input_area, buf);
    let inner = usize::from(width.saturating_sub(4));
    let items: Vec<ListItem> = palette
        .rows
        .iter()
        .map(|r| ListItem::new(row_line(r, inner)))
        .collect();
    let empty = items.is_empty();
    let list = List::new(items)
        .block(Block::bordered().title(if empty { " no command matches " } else { "" }))
        .highlight_style(theme::SELECTED)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected((!empty).then_some(palette.selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
}
