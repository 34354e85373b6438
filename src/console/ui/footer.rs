use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::theme;
use crate::console::app::{App, Connection};

pub fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(flash) = &app.flash {
        frame.render_widget(
            Paragraph::new(Span::styled(flash.clone(), theme::WARN)),
            area,
        );
        return;
    }
    let mut spans = Vec::new();
    for (key, desc) in app.keymap.hints(app.context(), 7, |a| app.is_useful(a)) {
        spans.push(Span::styled(key, theme::KEY));
        spans.push(Span::styled(format!(" {desc}  "), theme::DIM));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn timer(seconds: i64) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

pub fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let connection = match &app.connection {
        Connection::Online => "● online",
        Connection::Connecting => "○ connecting",
        Connection::Offline(_) => "✕ offline",
    };
    let mut left = format!(" {} · {}", app.user.name, app.agent_state());
    if let Some(seconds) = app.call_seconds() {
        left.push_str(&format!(" · {}", timer(seconds)));
    }
    if !app.queued.is_empty() {
        left.push_str(&format!(" · {} waiting", app.queued.len()));
    }
    let right = format!("{connection} · {} ", app.now.format("%H:%M"));
    let [l, r] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(right.chars().count() as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(theme::STATUS_BAR), l);
    frame.render_widget(Paragraph::new(right).style(theme::STATUS_BAR), r);
}
