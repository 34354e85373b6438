//! The body between calls: whether calls can reach the agent, and in the
//! demo how to ring one.

use ratatui::{
    buffer::Buffer,
    layout::{Alignment, Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};

use super::theme;
use crate::console::{
    action::Action,
    app::{App, Connection},
    keymap::Context,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingView {
    pub connection: Connection,
    /// In the demo, the key that rings a call now.
    pub demo_ring_key: Option<String>,
}

impl WaitingView {
    pub fn new(app: &App) -> Self {
        let demo_ring_key = app
            .demo
            .then(|| app.keymap.key_for(Context::Waiting, Action::RingDemoCall))
            .flatten();
        Self {
            connection: app.connection.clone(),
            demo_ring_key,
        }
    }
}

impl Widget for &WaitingView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Fill(1),
        ])
        .areas(area);
        let mut lines = vec![Line::from(Span::styled("Waiting for calls", theme::TITLE))];
        lines.push(match &self.connection {
            Connection::Online => Line::from(Span::styled(
                "The next caller's story will appear here as the phone rings.",
                theme::DIM,
            )),
            Connection::Connecting => {
                Line::from(Span::styled("Connecting to the server…", theme::WARN))
            }
            Connection::Offline(why) => Line::from(Span::styled(
                format!("Server unreachable, retrying: {why}"),
                theme::BAD,
            )),
        });
        if let Some(key) = &self.demo_ring_key {
            lines.push(Line::from(vec![
                Span::styled("Demo: calls ring every 20–40 s; press ", theme::DIM),
                Span::styled(key.clone(), theme::KEY),
                Span::styled(" to ring one now.", theme::DIM),
            ]));
        }
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .render(middle, buf);
    }
}
