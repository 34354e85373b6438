use ratatui::{
    Frame,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::theme;
use crate::console::{
    app::App,
    keymap::Resolution,
    keys::{Key, sequence_label},
};

/// After the first key of a sequence: what can follow, bottom right.
pub fn render(app: &App, pending: &[Key], frame: &mut Frame, area: Rect) {
    let Resolution::Pending(next) = app.keymap.resolve(app.context(), pending) else {
        return;
    };
    let lines: Vec<Line> = next
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!(" {:>6} ", sequence_label(&b.keys[pending.len()..])),
                    theme::KEY,
                ),
                Span::raw(b.desc.clone()),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 36.min(area.width);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::End)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::End)
        .areas(row);
    frame.render_widget(Clear, popup);
    let title = format!(" {} … · esc cancels ", sequence_label(pending));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        popup,
    );
}
