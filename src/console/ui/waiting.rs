//! The body between calls: whether calls can reach the agent, and in the
//! demo how to ring one.

use ratatui::{
    buffer::Buffer,
    layout::{Alignment, Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};

use super::theme::Theme;
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
    /// In the demo, whether calls also ring by themselves.
    pub demo_rings_alone: bool,
    pub theme: Theme,
}

impl WaitingView {
    pub fn new(app: &App, theme: Theme) -> Self {
        let demo_ring_key = app
            .demo
            .then(|| app.keymap.key_for(Context::Waiting, Action::RingDemoCall))
            .flatten();
        Self {
            connection: app.connection.clone(),
            demo_ring_key,
            demo_rings_alone: app.demo_rings_alone,
            theme,
        }
    }
}

impl Widget for &WaitingView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Fill(1),
        ])
        .areas(area);
        let mut lines = vec![Line::from(Span::styled("Waiting for calls", theme.title()))];
        lines.push(match &self.connection {
            Connection::Online => Line::from(Span::styled(
                "The next caller's story will appear here as the phone rings.",
                theme.dim(),
            )),
            Connection::Connecting => {
                Line::from(Span::styled("Connecting to the server…", theme.warn()))
            }
            Connection::Offline(_) => Line::from(Span::styled(
                "! Server unreachable — reconnecting. Calls will ring here when it answers.",
                theme.bad(),
            )),
        });
        if let Some(key) = &self.demo_ring_key {
            lines.push(Line::from(vec![
                Span::styled(
                    if self.demo_rings_alone {
                        "Demo: calls ring every 20–40 s; press "
                    } else {
                        "Demo: calls ring only when you press "
                    },
                    theme.dim(),
                ),
                Span::styled(key.clone(), theme.key()),
                Span::styled(" to ring one now.", theme.dim()),
            ]));
        }
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .render(middle, buf);
    }
}
