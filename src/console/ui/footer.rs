//! The two bottom lines: key hints (or a message), then the status bar.

use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};

use super::theme;
use crate::console::app::{App, Connection};

/// How many hints the footer asks the keymap for.
const HINTS: usize = 7;

/// The hints line: a message while there is one, else the keys that do
/// something here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintsView {
    pub flash: Option<String>,
    /// (keys, what they do).
    pub hints: Vec<(String, String)>,
}

impl HintsView {
    pub fn new(app: &App) -> Self {
        Self {
            flash: app.flash.clone(),
            hints: app.keymap.hints(app.context(), HINTS, |a| app.is_useful(a)),
        }
    }
}

impl Widget for &HintsView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(flash) = &self.flash {
            Paragraph::new(Span::styled(flash.clone(), theme::WARN)).render(area, buf);
            return;
        }
        let mut spans = Vec::new();
        for (key, desc) in &self.hints {
            spans.push(Span::styled(key.clone(), theme::KEY));
            spans.push(Span::styled(format!(" {desc}  "), theme::DIM));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

/// The status bar: who, in what state, for how long, and the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusView {
    pub user: String,
    pub state: &'static str,
    pub call_seconds: Option<i64>,
    pub waiting: usize,
    pub connection: Connection,
    pub now: DateTime<Utc>,
}

impl StatusView {
    pub fn new(app: &App) -> Self {
        Self {
            user: app.user.name.clone(),
            state: app.agent_state(),
            call_seconds: app.call_seconds(),
            waiting: app.queued.len(),
            connection: app.connection.clone(),
            now: app.now,
        }
    }
}

fn timer(seconds: i64) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

impl Widget for &StatusView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let connection = match &self.connection {
            Connection::Online => "● online",
            Connection::Connecting => "○ connecting",
            Connection::Offline(_) => "✕ offline",
        };
        let mut left = format!(" {} · {}", self.user, self.state);
        if let Some(seconds) = self.call_seconds {
            left.push_str(&format!(" · {}", timer(seconds)));
        }
        if self.waiting > 0 {
            left.push_str(&format!(" · {} waiting", self.waiting));
        }
        let right = format!("{connection} · {} ", self.now.format("%H:%M"));
        let [l, r] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(right.chars().count() as u16),
        ])
        .areas(area);
        Paragraph::new(left).style(theme::STATUS_BAR).render(l, buf);
        Paragraph::new(right)
            .style(theme::STATUS_BAR)
            .render(r, buf);
    }
}
