use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use super::theme;
use crate::console::app::HelpOverlay;

/// Help for where the agent was when they asked, centred in the body.
impl Widget for &HelpOverlay {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let height = (self.bindings.len() as u16 + 2).min(area.height);
        let width = 48.min(area.width);
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        let lines: Vec<Line> = self
            .bindings
            .iter()
            .map(|(keys, desc)| {
                Line::from(vec![
                    Span::styled(format!(" {keys:>10} "), theme::KEY),
                    Span::raw(desc.clone()),
                ])
            })
            .collect();
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" Keys · {} · esc closes ", self.behind.name())))
            .render(popup, buf);
    }
}
