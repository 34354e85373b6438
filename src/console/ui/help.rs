use ratatui::{
    Frame,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::theme;
use crate::console::app::App;

/// Help for where the agent was when they asked, from the effective keymap.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let context = app.context_behind_help();
    let bindings = app.keymap.effective(context);
    let height = (bindings.len() as u16 + 2).min(area.height);
    let width = 48.min(area.width);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:>10} ", b.label()), theme::KEY),
                Span::raw(b.desc.clone()),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" Keys · {} · esc closes ", context.name()))),
        popup,
    );
}
