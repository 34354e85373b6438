//! After the first key of a sequence: what can follow, bottom right.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use crate::console::ui::theme::Theme;
use crate::console::{
    app::App,
    keymap::Resolution,
    keys::{Key, sequence_label},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhichKeyView {
    /// The keys typed so far.
    pub typed: String,
    /// (the keys that may follow, what they do).
    pub next: Vec<(String, String)>,
    pub theme: Theme,
}

impl WhichKeyView {
    /// `None` when no sequence is under way.
    pub fn new(app: &App, pending: &[Key], theme: Theme) -> Option<Self> {
        if pending.is_empty() {
            return None;
        }
        let Resolution::Pending(next) = app.keymap.resolve(app.context(), pending) else {
            return None;
        };
        Some(Self {
            typed: sequence_label(pending),
            next: next
                .iter()
                .map(|b| {
                    (
                        sequence_label(b.keys.get(pending.len()..).unwrap_or_default()),
                        b.desc.clone(),
                    )
                })
                .collect(),
            theme,
        })
    }
}

impl Widget for &WhichKeyView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines: Vec<Line> = self
            .next
            .iter()
            .map(|(keys, desc)| {
                Line::from(vec![
                    Span::styled(format!(" {keys:>6} "), self.theme.key()),
                    Span::raw(desc.clone()),
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
        Clear.render(popup, buf);
        let title = format!(" {} … · esc cancels ", self.typed);
        Paragraph::new(lines)
            .block(Block::bordered().title(title))
            .render(popup, buf);
    }
}
