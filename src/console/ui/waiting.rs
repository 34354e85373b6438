use ratatui::{
    Frame,
    layout::{Alignment, Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::theme;
use crate::console::app::{App, Connection};

pub fn render_header(_app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(" skydesk ", theme::TITLE))),
        area,
    );
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    let mut lines = vec![Line::from(Span::styled("Waiting for calls", theme::TITLE))];
    lines.push(match &app.connection {
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
    if app.demo {
        let key = app.keymap.key_for(
            crate::console::keymap::Context::Waiting,
            crate::console::action::Action::RingDemoCall,
        );
        if let Some(key) = key {
            lines.push(Line::from(vec![
                Span::styled(
                    if app.demo_rings_alone {
                        "Demo: calls ring every 20–40 s; press "
                    } else {
                        "Demo: calls ring only when you press "
                    },
                    theme::DIM,
                ),
                Span::styled(key, theme::KEY),
                Span::styled(" to ring one now.", theme::DIM),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}
